"""The works a document's rows stand for (pure): parsed references, interview sources, links,
and the document itself.

A reference string goes to the reference parser after extraction debris is removed
(:func:`clean_reference`); a bare link's work gets its site, never a title made from its
URL (:func:`from_url`); a work the reference was "cited in" is a work of its own; a
statement credited to people is an interview with them (:func:`source_work`); a
communication keeps the CSL type its note's wording gives.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from litreview.core.model import Person, Work, replace
from litreview.corpus.identity import url_site
from litreview.extract.backrefs import Reference
from litreview.extract.docmeta import DocMeta
from litreview.formats._csl_maps import CITED_BY_PARTIES
from litreview.formats.csl import work_from_csl

__all__ = [
    "clean_reference",
    "document_work",
    "from_url",
    "parsed_work",
    "parsed_works",
    "person",
    "source_work",
]

Parser = Callable[[str], dict[str, Any]]


def source_work(ref: Reference, parse: Parser) -> tuple[Work, tuple[Work, ...]]:
    """The work of a note's row (an interview with the people a statement is credited to,
    or the parsed reference, typed as the note's wording says) and the works it was
    "cited in"."""
    if ref.source == "attribution":
        work = Work(
            key="",
            type=ref.csl_type or "interview",
            authors=(Person(literal=ref.raw),),
            note="statement credited in the document's note",
        )
        return work, ()
    work, cited = parsed_works(ref.raw, parse)
    return (replace(work, type=ref.csl_type) if ref.csl_type else work), cited


def parsed_work(raw: str, parse: Parser) -> Work:
    """The work a reference string describes, as the parser reads it (no key yet); a work
    it says the reference was "cited in" is left out (see :func:`cited_in`)."""
    return parsed_works(raw, parse)[0]


def parsed_works(raw: str, parse: Parser) -> tuple[Work, tuple[Work, ...]]:
    """The work a reference string describes and the works it was "cited in" (each a work
    of its own, never a field of the first)."""
    item = parse(clean_reference(raw))
    related = item.get("related") or []
    cited = tuple(
        from_url(work_from_csl(r["item"]))
        for r in related
        if isinstance(r, dict)
        and r.get("relation") == "cited-in"
        and isinstance(r.get("item"), dict)
    )
    own = {k: v for k, v in item.items() if k not in ("id", "related")}
    return from_url(work_from_csl(own)), cited


def from_url(work: Work) -> Work:
    """A bare link's work with what its URL states: its site as the container.

    Only a work with a URL and no title is changed, and no title is made up from the link:
    the site (``thediplomat.com``) becomes the container when neither container nor
    publisher is known, so its citekey names the site (:func:`.identity.citekey_base`). A
    letter or an interview has no title and its link is where it is kept, not a site it
    appeared in: it stays as it is.
    """
    if not work.url or work.title or work.type in CITED_BY_PARTIES:
        return work
    container = work.container or ("" if work.publisher else url_site(work.url))
    return replace(work, container=container)


_QUOTE_WRAP = re.compile(r"(['‘“\"])[*_]+([^*_]+?)[*_]+(['’”\"])")
_DOUBLE_QUOTE = re.compile(r"(['‘“\"])\s*(['‘“\"])(.+?)(['’”\"])\s*(['’”\"])")


def clean_reference(raw: str) -> str:
    """A footnote's reference as handed to the parser: extraction debris of the text removed.

    Markdown links stay for the parser, which reads a link's text as the title (or, after
    a title, as the site or publisher); emphasis inside quotes and doubled quotes
    (``'*T*'``, ``'‘T’'``) are reduced to one pair of quotes, blanks are squeezed, and a
    reference that stops without a final full stop gets one (as the same reference written
    elsewhere has).
    ``citations.csv`` keeps the raw text as written; only the parser sees this form.
    """
    text = _QUOTE_WRAP.sub(r"\1\2\3", raw)
    text = " ".join(_DOUBLE_QUOTE.sub(r"\2\3\4", text).split())
    return f"{text}." if text[-1:].isalnum() or text[-1:] in "'’”\"" else text


DOCUMENT_FIELD = "litreview-document"


def document_work(meta: DocMeta, doc_id: str = "") -> Work:
    """The document itself as a report. A document that states no title, author or year
    gets its id in the field :data:`DOCUMENT_FIELD`, which every format keeps, so that
    ingesting it again, into this review or one that imported this one's corpus, finds
    its work rather than adding a second one that nothing tells apart."""
    authors = tuple(person(a) for a in meta.authors)
    mark = () if (meta.title or authors or meta.year or not doc_id) else ((DOCUMENT_FIELD, doc_id),)
    return Work(
        key="", type="report", title=meta.title, authors=authors, issued=meta.year, extra=mark
    )


def person(name: str) -> Person:
    """ "Given Family" as a person ("Lisa S. Benson"); a name with an acronym ("U.S.", "GAO")
    or brackets, or of more than four words, as an organisation."""
    words = name.split()
    if (
        len(words) < 2
        or "(" in name
        or any(w.isupper() and len(w.replace(".", "")) > 1 for w in words)  # not "S."
        or len(words) > 4
    ):
        return Person(literal=name)
    return Person(family=words[-1], given=" ".join(words[:-1]))
