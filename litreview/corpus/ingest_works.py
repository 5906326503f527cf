"""The works a document's rows stand for (pure): parsed references, interview sources, links,
and the document itself.

A reference string goes to the reference parser after extraction debris is removed
(:func:`clean_reference`); a bare link's work gets what its URL tells (:func:`from_url`); a
statement credited to people is an interview with them (:func:`source_work`); a
communication keeps the CSL type its note's wording gives.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from litreview.core.model import Person, Work, replace
from litreview.corpus.identity import url_site, url_title
from litreview.extract.backrefs import Reference
from litreview.extract.docmeta import DocMeta
from litreview.formats.csl import work_from_csl

__all__ = ["clean_reference", "document_work", "from_url", "parsed_work", "person", "source_work"]

Parser = Callable[[str], dict[str, Any]]


def source_work(ref: Reference, parse: Parser) -> Work:
    """The work of a note's row: an interview with the people a statement is credited to,
    or the parsed reference, typed as the note's wording says (a communication)."""
    if ref.source == "attribution":
        return Work(
            key="",
            type=ref.csl_type or "interview",
            authors=(Person(literal=ref.raw),),
            note="statement credited in the document's note",
        )
    work = parsed_work(ref.raw, parse)
    return replace(work, type=ref.csl_type) if ref.csl_type else work


def parsed_work(raw: str, parse: Parser) -> Work:
    """The work a reference string describes, as the parser reads it (no key yet)."""
    item = parse(clean_reference(raw))
    return from_url(work_from_csl({k: v for k, v in item.items() if k != "id"}))


def from_url(work: Work) -> Work:
    """A bare link's work with what its URL tells: a title from its slug, its site.

    Only a work with a URL and no title is changed: the title is read from the URL's last
    path segment when that is words (:func:`.identity.url_title`), and the site
    (``thediplomat.com``) becomes the container when neither container nor publisher is
    known. Its citekey then names the site (:func:`.identity.citekey_base`).
    """
    if not work.url or work.title:
        return work
    container = work.container or ("" if work.publisher else url_site(work.url))
    return replace(work, title=url_title(work.url), container=container)


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


def document_work(meta: DocMeta) -> Work:
    """The document itself as a report."""
    authors = tuple(person(a) for a in meta.authors)
    return Work(key="", type="report", title=meta.title, authors=authors, issued=meta.year)


def person(name: str) -> Person:
    """ "Given Family" as a person; a name with a body word or brackets as an organisation."""
    words = name.split()
    if (
        len(words) < 2
        or "(" in name
        or any(w.isupper() and len(w) > 1 for w in words)
        or len(words) > 4
    ):
        return Person(literal=name)
    return Person(family=words[-1], given=" ".join(words[:-1]))
