"""From footnotes to references: classify, split into works, resolve back-references.

Each footnote becomes one or more :class:`Reference` rows (``position`` 1, 2, ... within it):

* ``ibid`` - ``Ibid.`` points at the work(s) of the footnote before; ``op. cit.``, ``cited
  above`` and ``supra`` point at the most recent earlier reference with the author and year
  they name. Both carry ``target`` (footnote, position) of the reference they resolve to.
* ``url`` - the footnote is a bare URL.
* ``note`` - the footnote explains rather than cites (it opens with prose). Its first row is
  the note itself (no work); the references it names (``Name (Year) ...``, ``Cited in ...``,
  ``(Name, Year, ...)`` or a URL) follow as ``citation`` rows. A note citing nothing is one row.
* ``citation`` - everything else. A footnote is split into several works at ``;`` (and at
  "cited in") only where every part looks like a reference on its own: an author or body with
  a year, a title (quoted, italic or a link) or a URL with words. A part that does not (a
  place, a series, a ``DOI: <...>``) stays with the part before it.

A citation that is only ``Name (Year)`` or ``Name, Year`` is a short form of a fuller
reference of the document with that year and author (by name or initials); its ``target``
points there (:mod:`.backrefs`). A prose sentence pointing to a URL after a reference
("More recent data can be found here: <...>") makes the URL a work of its own.

Rows whose ``parse`` is true hold a reference string for the reference parser; rows with a
``target`` take the work of the row they point at.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from litreview.core.errors import Problem
from litreview.extract.backrefs import (
    LEADIN,
    SHORT,
    Reference,
    link_short_forms,
    named_earlier,
    root,
    same_name_year,
)
from litreview.extract.footnotes import Footnote

__all__ = ["Reference", "classify", "looks_like_reference", "references", "split_works"]


_IBID = re.compile(r"^\s*(?:ibid|ibidem|id)\b\.?", re.I)
_BACKREF = re.compile(r"\b(?:cited above|op\.?\s?cit\b|supra\b|loc\.?\s?cit\b)", re.I)
_URL = re.compile(r"<?(?:https?://|www\.)[^\s<>]+>?")
_URL_ONLY = re.compile(r"^(?:[A-Za-z]{2,5}:\s*)?<?(?:https?://|www\.)\S+?>?[.;,]?$")
_LINK = re.compile(r"\[[^\]]+\]\([^)]*\)")
_QUOTED = re.compile(r"‘[^’]{6,}’|“[^”]{6,}”|\"[^\"]{6,}\"|(?<!\w)'[^']{6,}'(?!\w)")
_ITALIC = re.compile(r"\*[^*\s][^*]*\s[^*]*\s[^*]*\*")
_TOKEN = r"(?:[A-Z][\w'’&.\-]*|and|&|et al\.?|et|al\.?|of|for|the|on|against|de|van|von)"
_NAME_YEAR = re.compile(
    rf"(?P<name>{_TOKEN}(?:,?\s+{_TOKEN})*)\.?,?\s*\((?P<year>(?:19|20)\d\d)[a-z]?\)"
)
_NAME_COMMA_YEAR = re.compile(r"[A-Z][\w'’.\- ]+,\s*(?:19|20)\d\d\b")
_PAREN_CITE = re.compile(r"\(([A-Z][^()]*?,\s*(?:19|20)\d\d[^()]*)\)")
_CITED_IN = re.compile(r"\s*[-–,]?\s+cited in\s+(?=[A-Z])")
_REF_WORDS = frozenset(
    {
        "archived",
        "accessed",
        "retrieved",
        "available",
        "online",
        "from",
        "in",
        "cited",
        "p",
        "pp",
        "and",
        "pg",
        "vol",
        "no",
    }
)
_YEAR_END = re.compile(r"\((?:19|20)\d\d[a-z]?\)\s*[,.:]?\s*$")


def references(
    footnotes: Sequence[Footnote],
    path: str = "<string>",
) -> tuple[list[Reference], list[Problem]]:
    """The reference rows of every note (in reading order) and the problems found.

    A row's ``footnote`` is the note's ordinal in reading order (1, 2, ...), which stays
    unique where the printed numbers start again; ``footnotes[row.footnote - 1]`` is its note.
    """
    rows: list[Reference] = []
    problems: list[Problem] = []
    previous: list[Reference] = []
    for ordinal, note in enumerate(footnotes, start=1):
        own, problem = _rows_of(note, ordinal, rows, previous, path)
        rows.extend(own)
        previous = [r for r in own if r.parse or r.target]
        if problem:
            problems.append(problem)
    return link_short_forms(rows), problems


def _rows_of(
    note: Footnote, n: int, earlier: list[Reference], previous: list[Reference], path: str
) -> tuple[list[Reference], Problem | None]:
    """The rows of one note (ordinal ``n``), and a problem when a back-reference cannot be
    resolved."""
    text = note.text.strip()
    kind = classify(text)
    if kind == "ibid" and _IBID.match(text):
        targets = [root(r, earlier) for r in previous]
        rows = [
            Reference(footnote=n, position=i, raw=text, kind="ibid", target=t)
            for i, t in enumerate(targets, start=1)
        ]
        if rows:
            return rows, None
        return [Reference(footnote=n, position=1, raw=text, kind="ibid")], Problem(
            path=path,
            line=note.line,
            severity="warning",
            message=f"footnote {note.number}: Ibid. has no earlier footnote citing a work",
        )
    if kind == "ibid":
        target = named_earlier(text, earlier)
        row = Reference(footnote=n, position=1, raw=text, kind="ibid", target=target)
        if target:
            return [row], None
        return [row], Problem(
            path=path,
            line=note.line,
            severity="warning",
            message=(
                f"footnote {note.number}: cannot tell which earlier work '{text[:60]}' refers to"
            ),
        )
    if kind == "url":
        return [Reference(footnote=n, position=1, raw=text, kind="url", parse=True)], None
    if kind == "note":
        parts = note_references(text)
        rows = [Reference(footnote=n, position=1, raw=text, kind="note")]
        rows += [_citation(n, i, p, earlier) for i, p in enumerate(parts, start=2)]
        return rows, None
    lead = LEADIN.match(text)
    parts = [q for p in split_works(text[lead.end() :] if lead else text) for q in _url_aside(p)]
    return [_citation(n, i, p, earlier) for i, p in enumerate(parts, start=1)], None


_ASIDE = re.compile(r"(?<=\.)\s+(?=[A-Z])")


def _url_aside(part: str) -> list[str]:
    """A reference followed by a prose sentence pointing to a URL ("More recent data can be
    found here: <...>") is two works: the reference, and the URL."""
    for m in _ASIDE.finditer(part):
        tail = part[m.end() :]
        url = _URL.search(tail)
        if (
            url
            and _is_prose(tail[: url.start()])
            and not _URL.search(part[: m.start()])
            and not _has_title(tail[: url.start()])
        ):
            return [part[: m.start()].strip(), url.group(0).strip("<>").rstrip(".")]
    return [part]


def _citation(n: int, position: int, raw: str, earlier: list[Reference]) -> Reference:
    """A citation row; a bare ``Name (Year)`` points at the earlier, fuller reference."""
    kind = "url" if _URL_ONLY.match(raw) else "citation"
    m = SHORT.match(raw)
    if m:
        target = same_name_year(m.group("name"), m.group("year"), earlier)
        if target:
            return Reference(footnote=n, position=position, raw=raw, kind=kind, target=target)
    return Reference(footnote=n, position=position, raw=raw, kind=kind, parse=True)


def classify(text: str) -> str:
    """The kind of a footnote's text: ``ibid``, ``url``, ``note`` or ``citation``."""
    text = text.strip()
    if _IBID.match(text) or (_BACKREF.search(text) and len(text) < 120):
        return "ibid"
    if _URL_ONLY.match(text):
        return "url"
    lead = LEADIN.match(text)
    if lead and looks_like_reference(text[lead.end() :]):
        return "citation"
    start = _first_anchor(text)
    prefix = text if start is None else text[:start]
    if _YEAR_END.search(prefix):  # "Body (Year), 'Title'": the prefix is an author
        return "citation"
    return "note" if _is_prose(prefix) else "citation"


def _first_anchor(text: str) -> int | None:
    """Where the first thing that looks like part of a reference starts."""
    starts = [m.start() for m in _good_name_years(text)]
    for pattern in (_LINK, _URL, _QUOTED, _ITALIC):
        m = pattern.search(text)
        if m:
            starts.append(m.start())
    return min(starts) if starts else None


def _good_name_years(text: str) -> list[re.Match[str]]:
    """``Name (Year)`` anchors not followed by narrative (``Smith (2010) argues ...``)."""
    out = []
    for m in _NAME_YEAR.finditer(text):
        after = re.match(r"\s*([A-Za-z]+)", text[m.end() :])
        if after and after.group(1)[0].islower() and after.group(1) not in _REF_WORDS:
            continue
        out.append(m)
    return out


def _is_prose(text: str) -> bool:
    """Whether ``text`` reads as prose (many lower-case words) rather than a reference."""
    text = _URL.sub(" ", _LINK.sub(" ", text))
    words = re.findall(r"[A-Za-z][A-Za-z'’\-]*", text)
    if len(words) < 5:
        return False
    lower = sum(1 for w in words if w[0].islower())
    return lower / len(words) >= 0.4


def _has_title(text: str) -> bool:
    """Whether ``text`` holds a title (quoted, italic or a link) or a ``Name (Year)``."""
    return any(p.search(text) for p in (_LINK, _QUOTED, _ITALIC, _NAME_YEAR))


def looks_like_reference(part: str) -> bool:
    """Whether a piece of a footnote can stand alone as a reference to one work."""
    part = part.strip()
    if not part or _URL_ONLY.match(part):
        return False
    if _NAME_YEAR.search(part) or _NAME_COMMA_YEAR.search(part):
        return True
    if _LINK.search(part) or _QUOTED.search(part) or _ITALIC.search(part):
        return True
    if _URL.search(part):
        return len(re.findall(r"[A-Za-z]{2,}", _URL.sub(" ", part))) >= 2
    return False


def split_works(text: str) -> list[str]:
    """The works a citation footnote cites: split at ``;`` / "cited in" where it is safe."""
    pieces: list[str] = []
    for chunk in _top_level_split(text):
        pieces.extend(p for p in _CITED_IN.split(chunk))
    parts: list[str] = []
    for piece in pieces:
        piece = piece.strip()
        if not piece.strip(" .;,"):
            continue
        if parts and not looks_like_reference(piece):
            parts[-1] = f"{parts[-1]}; {piece}"
        else:
            parts.append(piece)
    return [p.strip().rstrip(";").strip() for p in parts] or [text.strip()]


def _top_level_split(text: str) -> list[str]:
    """``text`` split at ``;`` outside brackets, parentheses and quotes."""
    out: list[str] = []
    buf: list[str] = []
    depth, quote = 0, ""
    pairs = {"‘": "’", "“": "”"}
    for ch in text:
        if quote:
            if ch == quote:
                quote = ""
        elif ch in pairs:
            quote = pairs[ch]
        elif ch in "([":
            depth += 1
        elif ch in ")]" and depth:
            depth -= 1
        elif ch == ";" and depth == 0:
            out.append("".join(buf))
            buf = []
            continue
        buf.append(ch)
    out.append("".join(buf))
    return out


def note_references(text: str) -> list[str]:
    """The references an explanatory note names, in the order they appear."""
    starts = [m.start() for m in _good_name_years(text)]
    lead = [m for m in LEADIN.finditer(text) if looks_like_reference(text[m.end() :])]
    if lead:
        starts.append(lead[0].start())
    tail_start = min(starts) if starts else len(text)
    found: list[tuple[int, str]] = []
    if tail_start < len(text):
        tail = text[tail_start:]
        tail = LEADIN.sub("", tail, count=1) if LEADIN.match(tail) else tail
        found += [(tail_start, p) for p in split_works(tail) if looks_like_reference(p)]
    head = text[:tail_start]
    for m in _PAREN_CITE.finditer(head):
        found += [
            (m.start(), p)
            for p in split_works(m.group(1))
            if re.match(r"^[A-Z].*?(?:19|20)\d\d", p)
        ]
    head = _PAREN_CITE.sub(" ", head)
    found += [(m.start(), m.group(0).strip("<>").rstrip(".")) for m in _URL.finditer(head)]
    return [p for _, p in sorted(found, key=lambda x: x[0])]
