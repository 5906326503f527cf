"""RefWorks tagged format (``RT Journal Article``, ``A1 Family, Given`` lines) -> Work.

What databases write when asked for a "RefWorks" export (ProQuest, EBSCOhost, CNKI, Web of
Science, library catalogues), saved as a ``.txt`` file: a record opens with its reference
type (``RT``); each line is a two-letter tag, a space and a value; a line without a tag goes
on the value before it; records end at a blank line or at the next ``RT``. CNKI's exports
put several authors or keywords on one line, separated by ``;``, its page range in ``OP``
alone, and write some tags in lower case (``vo``); all are read.

Read into fields: the type (``RT``, through the databases' type table), authors (``A1``),
editors (``A2``), translators (``A4``), the title (``T1``), the container (``JF``, else the
secondary title ``T2``, else the website ``WT``; ``JO`` as its short form), series (``T3``),
year and date (``YR``, ``FD``), volume, issue, pages (``SP``-``OP``), publisher (``PB``),
place (``PP``), edition (``ED``), ISBN or ISSN (``SN``, by its digits), DOI (``DO``), URL
(``UL``, ``UR``, else the link ``LK``, as CNKI gives it), date seen (``RD``), abstract
(``AB``), notes (``NO``), keywords (``K1``), language (``LA``), accession and call numbers.
RefWorks' own formatting codes (``0RW1S34RfeSDcfkexd09rT2``: italics on) are taken out of
the text. Every other tag is kept as ``RefWorks:`` and its tag (``RefWorks:AD``, the
authors' addresses).
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Any

from litreview.core.bulk import bulk
from litreview.core.errors import Problem
from litreview.core.model import Work
from litreview.formats._continued import Continued
from litreview.formats._csl_maps import is_isbn
from litreview.formats._dates import typed_date
from litreview.formats._search import csl_type, date_of, doi_of, name_of

__all__ = ["is_refworks", "read_refworks"]

PREFIX = "RefWorks:"
# the tags of the format (RefWorks' list, Ex Libris' documentation of it)
_TAG_LIST = """RT SR ID A1 T1 JF JO YR FD VO IS SP OP K1 AB NO A2 T2 ED PB PP A3 A4 A5 T3 SN AV AD
    AN LA CL SF OT LK DO CN DB DS IP RD ST UL UR SL LL CR WT A6 WV WP OL U1 U2 U3 U4 U5 U6
    U7 U8 U9 U10 U11 U12 U13 U14 U15 PMID PMCID PA"""
TAGS = frozenset(_TAG_LIST.split())
_LINE = re.compile(r"([A-Za-z][A-Za-z0-9]{1,4}) (.*)\Z|([A-Za-z][A-Za-z0-9]{1,4})\Z")
_FIELDS = {
    "T1": "title",
    "VO": "volume",
    "IS": "issue",
    "PB": "publisher",
    "PP": "place",
    "AB": "abstract",
    "NO": "note",
    "DO": "doi",
}
# tags kept under the names every export shares
_NAMES = {
    "ED": "edition",
    "T3": "series",
    "ST": "shorttitle",
    "OT": "origtitle",
    "LA": "language",
    "AN": "accession-number",
    "CN": "call-number",
    "ID": "id",
}
_USED = frozenset(
    {"RT", "A1", "A2", "A4", "JF", "JO", "T2", "WT", "YR", "FD", "SP", "OP", "SN", "UL", "LK"}
    | {"UR", "RD", "K1", *_FIELDS, *_NAMES}
)
_CODES = re.compile(r"[01]RW1S34RfeSDcfkexd09rT[0-9]")


def is_refworks(text: str) -> bool:
    """Whether ``text`` is RefWorks tagged: its first line a type (``RT ...``) and a title
    or author line among the first lines."""
    lines = [x.strip() for x in text.lstrip("\ufeff").splitlines()[:60] if x.strip()]
    if not lines or not re.match(r"RT \S", lines[0]):
        return False
    return any(x.startswith(("T1 ", "A1 ")) for x in lines)


@bulk
def read_refworks(text: str, path: str = "<string>") -> tuple[list[Work], list[Problem]]:
    """Works of a RefWorks tagged export and its problems (each with its line)."""
    records, problems = _records(text, path)
    works = [_work(lines) for lines in records]
    if not works and not problems:
        message = "no RefWorks records (a type line 'RT Journal Article', then tagged lines)"
        problems.append(Problem(path=path, line=1, severity="error", message=message))
    return works, problems


def _tag(line: str) -> tuple[str, str] | None:
    """``(TAG, value)`` of a tagged line (a known tag, in any case), else ``None``."""
    m = _LINE.match(line.rstrip())
    if not m:
        return None
    tag = (m.group(1) or m.group(3)).upper()
    return (tag, (m.group(2) or "").strip()) if tag in TAGS else None


def _records(text: str, path: str) -> tuple[list[list[tuple[str, str]]], list[Problem]]:
    """The records' ``(tag, value)`` lines; a line without a tag goes on the value before."""
    records: list[list[tuple[str, str]]] = []
    problems: list[Problem] = []
    current: list[tuple[str, str]] | None = None
    continued = Continued(" ")
    lines = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            current = None
            continue
        found = _tag(line)
        if found is None:
            if current:
                continued.add(current, line.strip())
            else:
                message = f"text outside a record ignored: {line[:40]!r}"
                problems.append(
                    Problem(path=path, line=number, severity="warning", message=message)
                )
            continue
        if current is None or found[0] == "RT":
            current = []
            records.append(current)
        current.append(found)
    continued.flush()
    return records, problems


def _clean(value: str) -> str:
    return " ".join(_CODES.sub("", value).split())


def _items(values: list[str]) -> list[str]:
    """The items of list values: one a line, or several on a line separated by ``;``."""
    return [item.strip() for v in values for item in v.split(";") if item.strip()]


def _work(lines: list[tuple[str, str]]) -> Work:
    """One record as a work."""
    tags: dict[str, list[str]] = defaultdict(list)
    for tag, value in lines:
        if value.strip():
            tags[tag].append(_clean(value))
    one = {tag: values[0] for tag, values in tags.items()}
    fields: dict[str, Any] = {attr: one[tag] for tag, attr in _FIELDS.items() if tag in one}
    extra: list[tuple[str, str]] = []
    containers = [(t, v) for t in ("JF", "T2", "WT") for v in tags.get(t, [])]
    if containers:
        fields["container"] = containers[0][1]
    elif "JO" in one:
        fields["container"] = one["JO"]
    if containers and "JO" in one:
        extra.append(("shortjournal", one["JO"]))
    extra += [(PREFIX + t, v) for t, v in containers[1:]]
    start, end = one.get("SP", ""), one.get("OP", "").rstrip("-–")
    fields["pages"] = f"{start}-{end}" if start and end and start != end else start or end
    doi = next((d for v in tags.get("DO", []) if (d := doi_of(v))), "")
    fields["doi"] = doi
    if tags.get("DO") and not doi:
        extra.append((PREFIX + "DO", one["DO"]))
    urls = tags.get("UL", []) + tags.get("UR", [])
    links = tags.get("LK", [])
    fields["url"] = urls[0] if urls else links[0] if links else ""
    extra += [(PREFIX + "UL", u) for u in urls[1:]]
    extra += [(PREFIX + "LK", u) for u in (links if urls else links[1:])]
    fields["accessed"] = typed_date(one.get("RD", ""))
    kind = csl_type(tags.get("RT", []), "document")
    issued = date_of(one.get("YR", ""), one.get("FD", "")) or typed_date(one.get("FD", ""))
    extra += [(PREFIX + "FD", v) for v in tags.get("FD", [])]  # as written ("Mar 15")
    if one.get("RD") and one["RD"] != fields["accessed"]:
        extra.append((PREFIX + "RD", one["RD"]))
    for number in tags.get("SN", []):
        extra.append(("isbn" if is_isbn(number, kind) else "issn", number))
    extra.append(("translator", " and ".join(tags.get("A4", []))))
    for t, name in _NAMES.items():
        extra += [(name if k == 0 else PREFIX + t, v) for k, v in enumerate(tags.get(t, []))]
    extra += [(PREFIX + t, _clean(v)) for t, v in lines if t not in _USED and v.strip()]
    extra += [(PREFIX + t, v) for t in _FIELDS for v in tags.get(t, [])[1:]]
    return Work(
        key="",
        type=kind,
        authors=tuple(name_of(n) for n in _items(tags.get("A1", []))),
        editors=tuple(name_of(n) for n in _items(tags.get("A2", []))),
        issued=issued,
        keywords=tuple(dict.fromkeys(_items(tags.get("K1", [])))),
        extra=tuple(dict.fromkeys((k, v) for k, v in extra if v)),
        **{k: v for k, v in fields.items() if v},
    )
