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

A citation that is only ``Name (Year)`` is a short form of an earlier, fuller reference with
that name and year; its ``target`` points there. Rows whose ``parse`` is true hold a reference
string for the reference parser; rows with a ``target`` take the work of the row they point at.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from ..errors import Problem
from .footnotes import Footnote

__all__ = ["Reference", "classify", "looks_like_reference", "references", "split_works"]


@dataclass(frozen=True, slots=True, kw_only=True)
class Reference:
    """One row of a footnote: a work it cites, a back-reference, or the note itself."""

    footnote: int
    position: int
    raw: str
    kind: str
    parse: bool = False
    target: tuple[int, int] | None = None


_IBID = re.compile(r"^\s*(?:ibid|ibidem|id)\b\.?", re.I)
_BACKREF = re.compile(r"\b(?:cited above|op\.?\s?cit\b|supra\b|loc\.?\s?cit\b)", re.I)
_URL = re.compile(r"<?(?:https?://|www\.)[^\s<>]+>?")
_URL_ONLY = re.compile(r"^(?:[A-Za-z]{2,5}:\s*)?<?(?:https?://|www\.)\S+?>?[.;,]?$")
_LINK = re.compile(r"\[[^\]]+\]\([^)]*\)")
_QUOTED = re.compile(r"‘[^’]{6,}’|“[^”]{6,}”|\"[^\"]{6,}\"|(?<!\w)'[^']{6,}'(?!\w)")
_ITALIC = re.compile(r"\*[^*\s][^*]*\s[^*]*\s[^*]*\*")
_TOKEN = r"(?:[A-Z][\w'’&.\-]*|and|&|et al\.?|et|al\.?|of|for|the|on|against|de|van|von)"
_NAME_YEAR = re.compile(
    rf"(?P<name>{_TOKEN}(?:,?\s+{_TOKEN})*)\.?,?\s*\((?P<year>(?:19|20)\d\d)[a-z]?\)")
_NAME_COMMA_YEAR = re.compile(r"[A-Z][\w'’.\- ]+,\s*(?:19|20)\d\d\b")
_PAREN_CITE = re.compile(r"\(([A-Z][^()]*?,\s*(?:19|20)\d\d[^()]*)\)")
_LEADIN = re.compile(r"(?:^|(?<=[.;:]\s)|(?<=\s))(?:[Cc]ited in|[Ss]ee also|[Ss]ee)\s+"
                     r"(?=[A-Z\[<‘“'\"])")
_CITED_IN = re.compile(r"\s*[-–,]?\s+cited in\s+(?=[A-Z])")
_SHORT = re.compile(r"^(?P<name>[^()]+?)\s*,?\s*\((?P<year>(?:19|20)\d\d)[a-z]?\)"
                    r"\s*(?:\([^()]*\))?\s*\.?$")
_REF_WORDS = frozenset({"archived", "accessed", "retrieved", "available", "online", "from", "in",
                        "cited", "p", "pp", "and", "pg", "vol", "no"})
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_YEAR_END = re.compile(r"\((?:19|20)\d\d[a-z]?\)\s*[,.:]?\s*$")


def references(footnotes: Sequence[Footnote], path: str = "<string>",
               ) -> tuple[list[Reference], list[Problem]]:
    """The reference rows of every footnote (in footnote order) and the problems found."""
    rows: list[Reference] = []
    problems: list[Problem] = []
    previous: list[Reference] = []
    for note in sorted(footnotes, key=lambda f: (f.number, f.line)):
        own, problem = _rows_of(note, rows, previous, path)
        rows.extend(own)
        previous = [r for r in own if r.parse or r.target]
        if problem:
            problems.append(problem)
    return rows, problems


def _rows_of(note: Footnote, earlier: list[Reference], previous: list[Reference],
             path: str) -> tuple[list[Reference], Problem | None]:
    """The rows of one footnote, and a problem when a back-reference cannot be resolved."""
    text = note.text.strip()
    kind = classify(text)
    n = note.number
    if kind == "ibid" and _IBID.match(text):
        targets = [_root(r, earlier) for r in previous]
        rows = [Reference(footnote=n, position=i, raw=text, kind="ibid", target=t)
                for i, t in enumerate(targets, start=1)]
        if rows:
            return rows, None
        return [Reference(footnote=n, position=1, raw=text, kind="ibid")], Problem(
            path=path, line=note.line, severity="warning",
            message=f"footnote {n}: Ibid. has no earlier footnote citing a work")
    if kind == "ibid":
        target = _named_earlier(text, earlier)
        row = Reference(footnote=n, position=1, raw=text, kind="ibid", target=target)
        if target:
            return [row], None
        return [row], Problem(path=path, line=note.line, severity="warning",
                              message=f"footnote {n}: cannot tell which earlier work "
                                      f"'{text[:60]}' refers to")
    if kind == "url":
        return [Reference(footnote=n, position=1, raw=text, kind="url", parse=True)], None
    if kind == "note":
        parts = note_references(text)
        rows = [Reference(footnote=n, position=1, raw=text, kind="note")]
        rows += [_citation(n, i, p, earlier) for i, p in enumerate(parts, start=2)]
        return rows, None
    lead = _LEADIN.match(text)
    parts = split_works(text[lead.end():] if lead else text)
    return [_citation(n, i, p, earlier) for i, p in enumerate(parts, start=1)], None


def _citation(n: int, position: int, raw: str, earlier: list[Reference]) -> Reference:
    """A citation row; a bare ``Name (Year)`` points at the earlier, fuller reference."""
    kind = "url" if _URL_ONLY.match(raw) else "citation"
    m = _SHORT.match(raw)
    if m:
        target = _same_name_year(m.group("name"), m.group("year"), earlier)
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
    lead = _LEADIN.match(text)
    if lead and looks_like_reference(text[lead.end():]):
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
        after = re.match(r"\s*([A-Za-z]+)", text[m.end():])
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
    lead = [m for m in _LEADIN.finditer(text) if looks_like_reference(text[m.end():])]
    if lead:
        starts.append(lead[0].start())
    tail_start = min(starts) if starts else len(text)
    found: list[tuple[int, str]] = []
    if tail_start < len(text):
        tail = text[tail_start:]
        tail = _LEADIN.sub("", tail, count=1) if _LEADIN.match(tail) else tail
        found += [(tail_start, p) for p in split_works(tail) if looks_like_reference(p)]
    head = text[:tail_start]
    for m in _PAREN_CITE.finditer(head):
        found += [(m.start(), p) for p in split_works(m.group(1))
                  if re.match(r"^[A-Z].*?(?:19|20)\d\d", p)]
    head = _PAREN_CITE.sub(" ", head)
    found += [(m.start(), m.group(0).strip("<>").rstrip(".")) for m in _URL.finditer(head)]
    return [p for _, p in sorted(found, key=lambda x: x[0])]


def _lead_name(raw: str) -> str:
    """The author part of a reference: what comes before its year, title or first comma."""
    raw = _LEADIN.sub("", raw.strip(), count=1)
    m = re.match(r"^([^(,‘“'\"\[*<]+)", raw)
    return _norm(m.group(1)) if m else ""


def _norm(s: str) -> str:
    """Lower case, letters and digits only, single spaces."""
    return " ".join(re.findall(r"\w+", s.lower()))


def _same_name_year(name: str, year: str, earlier: list[Reference]) -> tuple[int, int] | None:
    """The most recent earlier parsed reference by ``name`` in ``year``."""
    want = _norm(name)
    for r in reversed(earlier):
        if r.parse and _lead_name(r.raw) == want and year in r.raw and not _SHORT.match(r.raw):
            return (r.footnote, r.position)
    return None


def _named_earlier(text: str, earlier: list[Reference]) -> tuple[int, int] | None:
    """The most recent earlier reference whose author and year ``op. cit.`` text names."""
    years = set(_YEAR.findall(text))
    names = {_norm(t) for t in re.findall(r"\b[A-Z][\w.&'-]+", text)}
    for r in reversed(earlier):
        if not r.parse:
            continue
        lead = _lead_name(r.raw)
        if lead and any((n and n in lead.split()) or n == lead for n in names) and (
                not years or any(y in r.raw for y in years)):
            return (r.footnote, r.position)
    return None


def _root(ref: Reference, earlier: list[Reference]) -> tuple[int, int]:
    """The (footnote, position) of the parsed reference a row finally points at.

    Rows only ever point backwards, and the row ``ref`` points at was already resolved to
    its root when it was made, so one step is enough; the loop guards hand-made inputs.
    """
    index = {(r.footnote, r.position): r for r in earlier[-64:]} if ref.target else {}
    seen = set()
    key = (ref.footnote, ref.position)
    while ref.target and key not in seen:
        seen.add(key)
        key = ref.target
        nxt = index.get(key)
        if nxt is None:
            break
        ref = nxt
    return key
