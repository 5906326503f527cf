"""What a gap statement says is missing: the *object* of the gap, in the document's words.

"Not enough is known about the roles that farmers play in water boards" has the object "the
roles that farmers play in water boards". An object is found by the named patterns of
``data/gap_briefs.yaml`` (``objects``: a phrase after an evidence word and a preposition,
after "lack of" or "attention to", after a verb of study or a negated verb of telling, after
"it is unknown" or "needed to ...", or the subject of a "... is poorly understood" predicate),
cut at the clause breaks and the main verb named there, and, for a gap's briefs, kept only
when it holds words naming the gap's values: a brief's research questions are built from these
objects, not from the taxonomy's labels. Measured against labelled objects by
``benchmarks/bench_objects.py``."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from typing import Any

import yaml

from litreview.core.model import GapStatement
from litreview.gaps.attribution import Backing

__all__ = [
    "FoundObject",
    "GapObject",
    "ObjectRules",
    "find_objects",
    "gap_objects",
    "load_object_rules",
    "object_of",
    "statement_objects",
]


@dataclass(frozen=True, slots=True, kw_only=True)
class ObjectRules:
    """Compiled patterns (each with a group ``object``), cuts and words, from data."""

    patterns: tuple[re.Pattern[str], ...]
    subjects: tuple[re.Pattern[str], ...]
    names: tuple[str, ...]  # of the patterns, then of the subjects
    breaks: re.Pattern[str]
    clause_ends: re.Pattern[str]
    predicate: re.Pattern[str]
    reject_start: re.Pattern[str]
    clause_openers: re.Pattern[str]
    trim_words: frozenset[str]
    data_words: re.Pattern[str]
    max_words: int = 30
    max_chars: int = 2000


@dataclass(frozen=True, slots=True, kw_only=True)
class GapObject:
    """An object found in one statement: its text, its offsets in the document, how many of
    the gap's values its clause names (``n_words``), whether the object itself names one
    (``n_inside``: 1 or 0), and whether that clause is about data."""

    text: str
    doc_id: str
    char_start: int
    char_end: int
    n_words: int
    about_data: bool
    n_inside: int = 0


def load_object_rules(raw: Mapping[str, Any] | None = None) -> ObjectRules:
    """The rules of ``objects`` in ``data/gap_briefs.yaml`` (or of ``raw``)."""
    if raw is None:
        text = resources.files("litreview").joinpath("data/gap_briefs.yaml").read_text("utf-8")
        raw = (yaml.safe_load(text) or {}).get("objects", {})

    def rx(items: Sequence[str]) -> re.Pattern[str]:
        return re.compile("|".join(f"(?:{p})" for p in items) or r"(?!x)x", re.IGNORECASE)

    lists = {str(k): "|".join(f"(?:{w})" for w in v) for k, v in raw.get("lists", {}).items()}
    patterns = [_named(p, f"pattern {i + 1}", lists) for i, p in enumerate(raw.get("patterns", ()))]
    subjects = [_named(p, f"subject {i + 1}", lists) for i, p in enumerate(raw.get("subjects", ()))]
    return ObjectRules(
        patterns=tuple(re.compile(p, re.IGNORECASE) for _, p in patterns),
        subjects=tuple(re.compile(p, re.IGNORECASE) for _, p in subjects),
        names=tuple(n for n, _ in patterns + subjects),
        breaks=rx(raw.get("breaks", ())),
        clause_ends=rx(raw.get("clause_ends", ())),
        predicate=rx(raw.get("predicate", ())),
        reject_start=re.compile(
            r"(?:" + "|".join(raw.get("reject_start", ())) + r")\b"
            if raw.get("reject_start")
            else r"(?!x)x",
            re.IGNORECASE,
        ),
        clause_openers=rx([rf"\b{w}\b" for w in raw.get("clause_openers", ())]),
        trim_words=frozenset(str(w).lower() for w in raw.get("trim_words", ())),
        data_words=rx([rf"\b{w}\b" for w in raw.get("data_words", ())]),
        max_words=int(raw.get("max_words", 30)),
        max_chars=int(raw.get("max_chars", 2000)),
    )


def _named(
    item: str | Mapping[str, str], default: str, lists: Mapping[str, str]
) -> tuple[str, str]:
    """A pattern of the data and its name (a plain expression, or ``{name, rx}``), each
    ``{list}`` in it replaced by the alternatives of that list."""
    name, rx = (
        (default, item)
        if isinstance(item, str)
        else (str(item.get("name", default)), str(item["rx"]))
    )
    for key, alternatives in lists.items():
        rx = rx.replace("{" + key + "}", alternatives)
    return name, rx


@dataclass(frozen=True, slots=True, kw_only=True)
class FoundObject:
    """An object the patterns find in a sentence: ``sentence[start:end]`` (cleaned) and the
    name of the pattern that found it."""

    text: str
    start: int
    end: int
    pattern: str


def find_objects(sentence: str, rules: ObjectRules) -> tuple[FoundObject, ...]:
    """Every object the patterns find in ``sentence``, whatever it names, in text order, each
    cut at its first clause break; the first is the sentence's object when no values pick
    one."""
    shortest: dict[int, tuple[int, int]] = {}
    for _, start, _, end, which in _candidates(sentence, rules):
        if start not in shortest or end < shortest[start][0]:
            shortest[start] = (end, which)
    found: dict[str, FoundObject] = {}
    for start, (end, which) in sorted(shortest.items()):
        text = _clean(sentence[start:end])
        found.setdefault(
            text, FoundObject(text=text, start=start, end=end, pattern=rules.names[which])
        )
    return tuple(found.values())


def object_of(b: Backing, rules: ObjectRules) -> GapObject | None:
    """The object of the gap in ``b``'s statement: of the phrases the patterns find, the one
    whose clause (from the evidence word or verb to the break ending it) names the most of the
    gap's values by the clause's own words (not words borrowed from around it), the shortest
    on a tie; None when no clause names any."""
    s = b.statement
    own = [
        (m.facet, m.value, m.char_start - s.char_start, m.char_end - s.char_start)
        for m in b.mentions
        if m.clause >= 0
    ]
    best: tuple[int, int, int, int, int, int, int] | None = None  # -held, length, -inside, ...
    for lead, start, stop, end, _ in _candidates(s.quote, rules):
        held = len({(f, v) for f, v, a, e in own if e > lead and a < stop})
        inside = min(1, len({(f, v) for f, v, a, e in own if e > start and a < end}))
        if held and (best is None or (-held, end - start) < best[:2]):
            best = (-held, end - start, -inside, start, end, lead, stop)
    if best is None:
        return None
    held, _, inside, start, end, lead, stop = best
    return GapObject(
        text=_clean(s.quote[start:end]),
        doc_id=s.doc_id,
        char_start=s.char_start + start,
        char_end=s.char_start + end,
        n_words=-held,
        about_data=bool(rules.data_words.search(s.quote, lead, stop)),
        n_inside=-inside,
    )


def statement_objects(stmt: GapStatement, rules: ObjectRules) -> tuple[str, ...]:
    """What ``stmt`` says is missing, in its own words: the object of the clause naming most
    of its values (:func:`object_of`); for a statement naming no value, every object the
    patterns find, each cut at its first clause break; empty when there is none."""
    found = object_of(Backing(statement=stmt, clause=0, mentions=stmt.mentions), rules)
    if found is not None:
        return (found.text,)
    return tuple(o.text for o in find_objects(stmt.quote, rules))


def gap_objects(backing: Sequence[Backing], rules: ObjectRules, *, top: int = 3) -> list[GapObject]:
    """Up to ``top`` distinct objects of a gap's statements, those whose clause names most of
    the gap's values first: only objects that name one of the values themselves when any
    does ("rainfall patterns and trends could inform which groups of farmers ..." asks
    nothing about farmers)."""
    found = [o for b in backing if (o := object_of(b, rules)) is not None]
    if any(o.n_inside for o in found):
        found = [o for o in found if o.n_inside]
    found.sort(key=lambda o: (-o.n_words, len(o.text)))
    out: list[GapObject] = []
    for o in found:
        key = o.text.lower()
        if not any(key in p.text.lower() or p.text.lower() in key for p in out):
            out.append(o)
    return out[:top]


def _candidates(quote: str, rules: ObjectRules) -> list[tuple[int, int, int, int, int]]:
    """(match start, object start, clause end, object end, pattern index) of every object
    the patterns find. Each may end at the end of its match or at any clause break inside
    it; from there an object after an evidence word or a verb ends before its last main
    verb (:func:`_main_verbs`), and a subject must hold none. Only the first ``max_chars``
    characters are read: the search grows with the square of the length, and a longer
    "sentence" is a table or a page run together, not a statement."""
    quote = quote[: rules.max_chars]
    out = []
    for which, (pattern, subject) in enumerate(
        [(p, False) for p in rules.patterns] + [(p, True) for p in rules.subjects]
    ):
        pos = 0
        while (m := pattern.search(quote, pos)) is not None:
            pos = m.start() + 1
            start, end = m.span("object")
            while start < end and not _wordlike(quote[start]):
                start += 1
            if start >= end or rules.reject_start.match(quote, start):
                continue
            if (hard := rules.clause_ends.search(quote, start, end)) is not None:
                end = hard.start()  # the object's clause never runs into the next main clause
            for stop in [end, *(b.start() for b in rules.breaks.finditer(quote, start, end))]:
                verbs = _main_verbs(quote, start, stop, rules)
                if not (verbs and subject):
                    cut = verbs[-1] if verbs else stop
                    out.append((m.start(), start, stop, _trim(quote, start, cut, rules), which))
    return [c for c in out if c[3] > c[1]]


def _main_verbs(quote: str, start: int, stop: int, rules: ObjectRules) -> list[int]:
    """Where the main verbs between ``start`` and ``stop`` begin: each clause opener
    ("how", "that", "which" ...) takes the first verb after it as its own clause's."""
    openers = [m.start() for m in rules.clause_openers.finditer(quote, start, stop)]
    main = []
    for verb in rules.predicate.finditer(quote, start, stop):
        if openers and openers[0] < verb.start():
            openers.pop(0)
        else:
            main.append(verb.start())
    return main


def _wordlike(ch: str) -> bool:
    return ch.isalnum() and not _MARKS.fullmatch(ch)


def _trim(quote: str, start: int, end: int, rules: ObjectRules) -> int:
    """``end`` moved back to at most ``max_words`` words and past trailing punctuation and
    ``trim_words`` ("and", "of" ...)."""
    words = quote[start:end].split()
    if len(words) > rules.max_words:
        end = start + len(" ".join(words[: rules.max_words]))
    while True:
        while end > start and not (_wordlike(quote[end - 1]) or quote[end - 1] in ")’'\""):
            end -= 1
        last = quote[start:end].rsplit(None, 1)
        if len(last) < 2 or last[-1].lower() not in rules.trim_words:
            return end
        end = start + len(last[0])


_MARKS = re.compile(r"[*_]|[\u00b9\u00b2\u00b3\u2070-\u209f]+")


def _clean(text: str) -> str:
    """An object as plain words: emphasis marks and footnote numbers dropped, one line."""
    return " ".join(_MARKS.sub("", text).split())
