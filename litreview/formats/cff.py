"""Citation File Format (``CITATION.cff``, YAML) -> Work.

What a software or data repository says about how to cite it (GitHub's "Cite this
repository" reads it). One file gives up to three kinds of work, each said in
``CFF:role``: the software or dataset it describes (``software``), the work its authors ask
to be cited instead (``preferred-citation``), and the works it cites (``references``).

Read into fields: ``title``; ``authors`` and ``editors`` (a person's ``family-names``,
``given-names``, ``name-particle`` and ``name-suffix``, or an entity's ``name``: an
organisation); ``date-released`` or ``date-published`` (else ``year`` and ``month``) as the
date issued, ``date-accessed``; ``journal``, ``collection-title`` or ``conference`` as the
container; ``volume``, ``issue``, ``start`` and ``end`` (``pages`` is how many there
are: ``pagetotal``), ``publisher`` or
``institution`` (and its city), ``doi`` (or an ``identifiers`` entry of type ``doi``),
``url`` (else ``repository-code``), ``abstract``, ``keywords``, ``notes``, ``version``,
``edition``, ``isbn``, ``issn``, ``languages``, ``number``. The type (``software``,
``dataset``, or a reference's ``type``: ``article``, ``conference-paper``, ``report`` ...)
gives the CSL type. What has no field is kept as ``CFF:<key>`` (``CFF:license``,
``CFF:commit``, ``CFF:message``), nested values as JSON. Read with the safe composition of
:mod:`._yaml_text`; a file that is no CFF (no ``cff-version`` and no ``title``) is one error,
and a reference that is not a mapping is an error naming its line.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from litreview.core.bulk import bulk
from litreview.core.errors import Problem
from litreview.core.model import Person, Work
from litreview.formats._dates import typed_date
from litreview.formats._names import text_person
from litreview.formats._search import doi_of
from litreview.formats._yaml_text import compose, construct, error, kept, scalar_text

__all__ = ["is_cff", "read_cff"]

PREFIX = "CFF:"

TYPES: dict[str, str] = {
    "art": "graphic",
    "article": "article-journal",
    "audiovisual": "motion_picture",
    "bill": "bill",
    "blog": "post-weblog",
    "book": "book",
    "catalogue": "book",
    "conference": "event",
    "conference-paper": "paper-conference",
    "data": "dataset",
    "database": "dataset",
    "dataset": "dataset",
    "dictionary": "book",
    "edited-work": "book",
    "encyclopedia": "book",
    "film-broadcast": "broadcast",
    "generic": "document",
    "government-document": "report",
    "grant": "document",
    "hearing": "hearing",
    "historical-work": "document",
    "legal-case": "legal_case",
    "legal-rule": "legislation",
    "magazine-article": "article-magazine",
    "manual": "report",
    "map": "map",
    "multimedia": "document",
    "music": "song",
    "newspaper-article": "article-newspaper",
    "pamphlet": "pamphlet",
    "patent": "patent",
    "personal-communication": "personal_communication",
    "proceedings": "book",
    "report": "report",
    "serial": "periodical",
    "slides": "speech",
    "software": "software",
    "software-code": "software",
    "software-container": "software",
    "software-executable": "software",
    "software-virtual-machine": "software",
    "sound-recording": "song",
    "standard": "standard",
    "statute": "legislation",
    "thesis": "thesis",
    "unpublished": "manuscript",
    "video": "motion_picture",
    "website": "webpage",
}
# keys kept under the names litreview shares with other formats
SHARED: dict[str, str] = {
    "version": "version",
    "edition": "edition",
    "isbn": "isbn",
    "issn": "issn",
    "thesis-type": "type",
    "section": "section",
}
# keys read into fields or roles (the rest are kept)
_READ = frozenset(
    {
        *("type", "title", "authors", "editors", "date-released", "date-published"),
        *("date-accessed", "year", "month", "journal", "collection-title", "conference"),
        *("volume", "issue", "start", "end", "pages", "publisher", "institution", "doi"),
        *("identifiers", "url", "repository-code", "abstract", "keywords", "notes"),
        *("languages", "number", "preferred-citation", "references", "cff-version"),
    }
)


def is_cff(text: str) -> bool:
    """Whether ``text`` is a Citation File Format file: a top-level ``cff-version:``."""
    return bool(re.search(r"(?m)^cff-version\s*:", text[:20000]))


@bulk
def read_cff(text: str, path: str = "<string>") -> tuple[list[Work], list[Problem]]:
    """The works of a CITATION.cff file and a problem for each reference that is none."""
    root, problems = compose(text, path, "citation metadata")
    if root is None:
        return [], problems
    data = construct(root)
    if not isinstance(data, dict) or not ({"cff-version", "title"} & set(data)):
        line = root.start_mark.line + 1
        return [], [error(path, line, "not Citation File Format: no 'cff-version' or 'title'")]
    works = [_work(data, "software")]
    preferred = data.get("preferred-citation")
    if isinstance(preferred, dict):
        works.append(_work(preferred, "preferred-citation"))
    elif preferred is not None:
        problems.append(_not_mapping(path, root, "preferred-citation", None))
    references = data.get("references") or []
    if not isinstance(references, list):
        problems.append(_not_mapping(path, root, "references", None))
        references = []
    for n, ref in enumerate(references):
        if isinstance(ref, dict):
            works.append(_work(ref, "reference"))
        else:
            problems.append(_not_mapping(path, root, "references", n))
    return works, problems


def _not_mapping(path: str, root: yaml.Node, key: str, index: int | None) -> Problem:
    """The error of a value that should be a reference, at its line."""
    node: yaml.Node | None = next(
        (v for k, v in getattr(root, "value", []) if getattr(k, "value", None) == key), None
    )
    if index is not None and isinstance(node, yaml.SequenceNode) and index < len(node.value):
        node = node.value[index]
    where = f"{key}[{index}]" if index is not None else key
    line = node.start_mark.line + 1 if node is not None else 1
    return error(path, line, f"{where} is not a reference (a mapping of its fields)")


def _text(value: Any) -> str:
    return scalar_text(value, "name")


def _kept(value: Any) -> str:
    return kept(value, "name")


def _person(value: Any) -> Person | None:
    """A person (``family-names`` ...) or an entity (``name``: an organisation)."""
    if not isinstance(value, dict):
        text = _text(value)
        return Person(literal=text) if text else None
    family = _text(value.get("family-names"))
    if not family:
        name = _text(value.get("name"))
        given = _text(value.get("given-names"))
        return Person(literal=name or given) if name or given else None
    particle = _text(value.get("name-particle"))
    family = f"{particle} {family}" if particle else family
    return text_person(family, _text(value.get("given-names")), _text(value.get("name-suffix")))


def _people(value: Any) -> tuple[Person, ...]:
    values = value if isinstance(value, list) else [value] if value else []
    return tuple(p for p in map(_person, values) if p is not None)


# what is read of a person, an entity or a body (the rest of it is kept)
_NAME_PARTS = frozenset({"family-names", "given-names", "name-particle", "name-suffix", "name"})
_PEOPLE = frozenset({"authors", "editors"})
_BODIES = {"publisher": {"name", "city"}, "institution": {"name", "city"}, "conference": {"name"}}


def _holds_more(key: str, value: Any) -> bool:
    """Whether a value read into a field holds more than is read of it (an author's ORCID
    or affiliation, a publisher's address): then it is also kept whole."""
    if key in _PEOPLE:
        values = value if isinstance(value, list) else [value]
        return any(isinstance(v, dict) and set(v) - _NAME_PARTS for v in values)
    if key in _BODIES:
        return isinstance(value, dict) and bool(set(value) - _BODIES[key])
    return False


def _year_month(year: str, month: str) -> str:
    """``YYYY-MM`` of a reference's ``year`` and ``month`` (``YYYY`` without a month)."""
    if month.isdecimal() and 1 <= int(month) <= 12 and year:
        return typed_date(f"{year}-{int(month):02d}")
    return typed_date(year)


def _work(data: dict[str, Any], role: str) -> Work:
    """A work of a CFF file's root (``role`` ``software``) or of one of its references."""
    d = {str(k): v for k, v in data.items()}
    kind = _text(d.get("type", "")).lower() or ("software" if role == "software" else "")
    csl = TYPES.get(kind, "document")
    extra: list[tuple[str, str]] = [(PREFIX + "role", role)]
    if kind and kind not in TYPES:
        extra.append((PREFIX + "type", kind))
    fields: dict[str, Any] = {"title": _text(d.get("title", ""))}
    raw = _text(d.get("date-released") or d.get("date-published") or "")
    year, month = _text(d.get("year", "")), _text(d.get("month", ""))
    fields["issued"] = typed_date(raw) or _year_month(year, month)
    fields["accessed"] = typed_date(_text(d.get("date-accessed", "")))
    fields["container"] = _text(d.get("journal") or d.get("collection-title") or "")
    if d.get("journal") and d.get("collection-title"):
        extra.append((PREFIX + "collection-title", _text(d["collection-title"])))
    conference = d.get("conference")
    if conference:
        fields["container"] = fields["container"] or _text(conference)
        extra.append(("eventtitle", _text(conference)))
    fields["volume"] = _text(d.get("volume", ""))
    fields["issue"] = _text(d.get("issue", "") or d.get("number", ""))
    start, end = _text(d.get("start", "")), _text(d.get("end", ""))
    fields["pages"] = f"{start}-{end}" if start and end else start or end
    extra.append(("pagetotal", _text(d.get("pages", ""))))  # CFF's pages: how many
    body = d.get("publisher") or d.get("institution")
    fields["publisher"] = _text(body)
    if isinstance(body, dict):
        fields["place"] = _text(body.get("city", "")) or _text(body.get("location", ""))
    fields["doi"] = doi_of(_text(d.get("doi", "")))
    if d.get("doi") and not fields["doi"]:
        extra.append((PREFIX + "doi", _text(d["doi"])))  # a value that is no DOI, kept
    for ident in d.get("identifiers") or []:
        if isinstance(ident, dict):
            kind_of, value = _text(ident.get("type", "")).lower(), _text(ident.get("value", ""))
            if kind_of == "doi" and not fields["doi"] and doi_of(value):
                fields["doi"] = doi_of(value)
            else:
                extra.append((f"{PREFIX}identifier/{kind_of or 'other'}", value))
    fields["url"] = _text(d.get("url", "")) or _text(d.get("repository-code", ""))
    if d.get("url") and d.get("repository-code"):
        extra.append((PREFIX + "repository-code", _text(d["repository-code"])))
    fields["abstract"] = _text(d.get("abstract", ""))
    fields["note"] = _text(d.get("notes", ""))
    keywords = d.get("keywords") or []
    keywords = tuple(_text(k) for k in (keywords if isinstance(keywords, list) else [keywords]))
    extra.append(("language", _text(d.get("languages", ""))))
    if d.get("issue") and d.get("number"):
        extra.append(("number", _text(d["number"])))
    for key, value in d.items():
        if key in _READ and not _holds_more(key, value):
            continue
        extra.append((SHARED.get(key, PREFIX + key), _kept(value)))
    return Work(
        key="",
        type=csl,
        authors=_people(d.get("authors")),
        editors=_people(d.get("editors")),
        keywords=tuple(k for k in keywords if k),
        extra=tuple((k, v) for k, v in extra if v),
        **{k: v for k, v in fields.items() if v},
    )
