"""Back-references between a document's footnotes: the rows they make, and how they resolve.

A :class:`Reference` is one row of a footnote. Rows that name no work of their own point at
the row that does (``target``): ``Ibid.`` at the footnote before, ``op. cit.`` at the earlier
reference with the author and year it names, and a short form (``Name (Year)``, ``Name,
Year``) at the full reference of the document with that year and author, by name or by
initials (``IPCC`` for "Intergovernmental Panel on Climate Change").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import lru_cache

from litreview.core.data_files import data_lines

__all__ = [
    "LEADIN",
    "LEAD_IN",
    "MAX_SHORT",
    "REFERENCE_START",
    "SIGNAL",
    "Reference",
    "lead_end",
    "link_short_forms",
    "named_earlier",
    "phrase_pattern",
    "root",
    "same_name_year",
    "short_match",
]


# what "…" stands for in a phrase: the topic a note names before its signal ("For more on
# the EAVS, see"): up to 200 characters, no clause mark, a full stop only inside a word
# ("U.S.") or before a lower-case word ("the U.S. rule") and brackets only closed ("(P.L.
# 117-2)")
_TOPIC = r"(?:[^\s,;:.()\[\]]|\s(?!\s)|\.(?=\w|\s[a-z])|\([^()\n]{0,60}\)){1,200}?"


def phrase_pattern(name: str) -> str:
    """The phrases of the packaged word list ``name`` as one pattern, longest first (``see
    also, e.g.`` before ``see``): the first letter either case, blanks any run, ``…`` a
    topic (words up to the next clause mark: :data:`_TOPIC`)."""
    words = sorted(set(data_lines(name)), key=lambda w: (-len(w), w))
    pieces = []
    for w in words:
        body = r"\s+".join(re.escape(part) for part in w[1:].split(" "))
        body = body.replace(r"e\.g\.", r"e\.\s?g\.").replace(re.escape("…"), _TOPIC)
        pieces.append(f"[{w[0].upper()}{w[0].lower()}]{body}" if w[0].isalpha() else re.escape(w))
    return "|".join(pieces)


# citation signals ("See", "See also", "See, e.g.,", "Cf.", "Compare", "Cited in", ...: a data
# file): words that lead into a reference, and the start of the reference they lead into
_OPENS = r"[A-Z\[<‘“'\"*_]"  # a reference's first character: a capital, a bracket, a quote
SIGNAL = rf"(?:{phrase_pattern('lexicon/signals.txt')})[,:]?\s+(?={_OPENS})"
# what may follow a signal or a lead-in that opens a reference the parser reads: also a bare
# link ("See https://...")
REFERENCE_START = rf"(?={_OPENS}|https?://|www\.)"
LEADIN = re.compile(r"(?:^|(?<=[.;:]\s)|(?<=\s))" + SIGNAL)
# words that lead into a reference only at its start ("For example, see", "For more on the
# EAVS, see"; a data file)
LEAD_IN = re.compile(
    rf"^(?:{phrase_pattern('reference_lead_ins.txt')})[,:]?\s+(?:{REFERENCE_START}|(?=\d))"
)
# a lead-in that ends with a citation signal ("For more information, see"): a note's words
# from there on cite a work; one without ("For example,") may go on in prose
_SIGNAL_LAST = re.compile(rf"(?:{phrase_pattern('lexicon/signals.txt')})[,:]?\s+$")


def lead_end(text: str) -> int:
    """Where the reference starts in ``text``, after a leading citation signal (``See
    also``) or a lead-in that ends with one (``For more on the EAVS, see``): 0 when there is
    neither."""
    lead = LEAD_IN.match(text)
    at = lead.end() if lead and _SIGNAL_LAST.search(lead.group(0)) else 0
    signal = LEADIN.match(text, at)
    return signal.end() if signal else at


# "Name (Year)", optionally with a remark in brackets: a short form of a fuller reference
_PAGE = r"[,:]\s*(?:pp?\.\s*)?\d+(?:[–-]\d+)?"
# a page may follow the year, inside the brackets or after them: "Name (2019, p. 4)"
_SHORT = re.compile(
    r"^(?P<name>[^()]+?)\s*,?\s*\((?P<year>(?:19|20)\d\d)[a-z]?(?:" + _PAGE + r")?\)"
    r"\s*(?:\([^()]*\))?\s*(?:" + _PAGE + r")?\s*\.?$"
)
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
#: Longer than this, a reference is no short form, and the short-form patterns (whose lazy
#: name and optional spaces backtrack) are not tried: a note of 60,000 spaces stays linear.
MAX_SHORT = 300


def short_match(raw: str) -> re.Match[str] | None:
    """The short form ``Name (Year)`` matched on ``raw`` (``None`` for a reference too long
    to be a short form: the only way to the pattern, which backtracks on long text)."""
    return _SHORT.match(raw) if len(raw) <= MAX_SHORT else None


@dataclass(frozen=True, slots=True, kw_only=True)
class Reference:
    """One row of a footnote: a work it cites, a back-reference, or the note itself.

    ``csl_type`` is the type of the work when the note's wording tells it (an interview, a
    communication); ``source`` says how the row was found when it is not a publication
    (``attribution``: ``raw`` names who a statement is credited to, and is not parsed).
    ``entry`` is the reference-list entry a short form resolves to (its ``index``).
    """

    footnote: int
    position: int
    raw: str
    kind: str
    parse: bool = False
    target: tuple[int, int] | None = None
    csl_type: str = ""
    source: str = ""
    entry: int | None = None


_SHORT_COMMA = re.compile(r"^(?P<name>[^,()]+?),\s*(?P<year>(?:19|20)\d\d)\.?$")


def _short_form(raw: str) -> re.Match[str] | None:
    """``Name (Year)`` or ``Name, Year``: a reference too short to name a work by itself."""
    if len(raw) > MAX_SHORT:
        return None
    return _SHORT.match(raw) or _SHORT_COMMA.match(raw)


def _acronym(name: str) -> str:
    """The initials of a name's capitalised words ("Global Initiative against X Y" -> "gixy")."""
    return "".join(w[0] for w in re.findall(r"\b[A-Z][\w'’-]*", name)).lower()


def link_short_forms(rows: list[Reference]) -> list[Reference]:
    """Point each unresolved short form at a full reference of the document with its year and
    its author (by name or by initials), the nearest earlier one or else the first later one;
    then point every back-reference at the row that finally holds a work."""
    names: dict[str, list[tuple[str, str, Reference]]] = {}  # name or initials -> full refs
    for r in rows:
        if r.parse and not _short_form(r.raw):
            lead = _lead_name(r.raw)
            spelled = _acronym(re.split(r"[(,‘“'\"\[*<]", r.raw, maxsplit=1)[0])
            for name in {lead, spelled} - {""}:
                names.setdefault(name, []).append((lead, spelled, r))
    out = []
    for r in rows:
        m = _short_form(r.raw) if r.parse else None
        target = _by_name(m.group("name"), m.group("year"), names, r) if m else None
        out.append(replace(r, parse=False, target=target) if target else r)
    index = {(r.footnote, r.position): r for r in out}
    return [replace(r, target=_final(r.target, index)) if r.target else r for r in out]


_CO_AUTHORS = re.compile(r"\s+(?:and|et al)\b\s*")


def _by_name(
    name: str, year: str, names: dict[str, list[tuple[str, str, Reference]]], at: Reference
) -> tuple[int, int] | None:
    """The full reference by ``name`` (or its initials) in ``year`` nearest before ``at``."""
    want, initials = _norm(name), _acronym(name)
    # "Lowe and Shah", "Lowe et al.": the full reference leads with the first name ("Lowe,
    # K. and Shah, R. (2020)") and names the others somewhere
    first, *others = _CO_AUTHORS.split(want)
    found = {
        (r.footnote, r.position): r
        for key in {want, initials, first}
        for lead, spelled, r in names.get(key, ())
        if year in r.raw
        and (
            lead in (want, initials)
            or spelled == want
            or (others and lead == first and all(o in _norm(r.raw) for o in others if o))
        )
    }
    hits = [found[k] for k in sorted(found)]
    before = [r for r in hits if (r.footnote, r.position) < (at.footnote, at.position)]
    pick = before[-1] if before else (hits[0] if hits else None)
    return (pick.footnote, pick.position) if pick else None


def _final(key: tuple[int, int], index: dict[tuple[int, int], Reference]) -> tuple[int, int]:
    """Follow targets from ``key`` to the row that holds a work."""
    seen = set()
    while key in index and index[key].target and key not in seen:
        seen.add(key)
        key = index[key].target  # type: ignore[assignment]
    return key


@lru_cache(maxsize=65536)
def _lead_name(raw: str) -> str:
    """The author part of a reference: what comes before its year, title or first comma."""
    raw = LEADIN.sub("", raw.strip(), count=1)
    m = re.match(r"^([^(,‘“'\"\[*<]+)", raw)
    return _norm(m.group(1)) if m else ""


def _norm(s: str) -> str:
    """Lower case, letters and digits only, single spaces."""
    return " ".join(re.findall(r"\w+", s.lower()))


@dataclass(slots=True)
class _Leads:
    """The parsed references of the list ``rows`` by lead name (their places in it), indexed
    as far as ``done``: the list only grows while a document's notes are read."""

    rows: list[Reference] | None = None
    done: int = 0
    by_name: dict[str, list[int]] = field(default_factory=dict)

    def of(self, earlier: list[Reference]) -> dict[str, list[int]]:
        """The index of ``earlier``, brought up to date."""
        if self.rows is not earlier or self.done > len(earlier):
            self.rows, self.done, self.by_name = earlier, 0, {}
        for i in range(self.done, len(earlier)):
            if earlier[i].parse:
                self.by_name.setdefault(_lead_name(earlier[i].raw), []).append(i)
        self.done = len(earlier)
        return self.by_name


_LEADS = _Leads()


def same_name_year(name: str, year: str, earlier: list[Reference]) -> tuple[int, int] | None:
    """The most recent earlier parsed reference by ``name`` in ``year``. Looked up by name in
    an index of ``earlier`` (a walk back through every earlier reference for each short form
    made 20,000 notes 'R1 (2001).' take hours)."""
    for i in reversed(_LEADS.of(earlier).get(_norm(name), ())):
        r = earlier[i]
        if year in r.raw and not short_match(r.raw):
            return (r.footnote, r.position)
    return None


def named_earlier(text: str, earlier: list[Reference]) -> tuple[int, int] | None:
    """The most recent earlier reference whose author and year ``op. cit.`` text names."""
    years = set(_YEAR.findall(text))
    names = {_norm(t) for t in re.findall(r"\b[A-Z][\w.&'-]+", text)}
    for r in reversed(earlier):
        if not r.parse:
            continue
        lead = _lead_name(r.raw)
        if (
            lead
            and any((n and n in lead.split()) or n == lead for n in names)
            and (not years or any(y in r.raw for y in years))
        ):
            return (r.footnote, r.position)
    return None


def root(ref: Reference, earlier: list[Reference]) -> tuple[int, int]:
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
