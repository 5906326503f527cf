"""The data model: frozen records, no I/O.

A :class:`Work` holds CSL-like bibliographic fields. Every field a reader does not model is
kept verbatim in ``extra`` (name, value pairs in the order read) so writers can put it back.
"""

from __future__ import annotations

import operator
from collections import deque
from dataclasses import dataclass, field, fields, replace
from itertools import repeat
from typing import Any

__all__ = [
    "Citation",
    "Document",
    "Evidence",
    "GapStatement",
    "Mention",
    "Merge",
    "Person",
    "Tag",
    "Work",
    "replace",
]


@dataclass(frozen=True, slots=True, kw_only=True)
class Person:
    """A person (family, given) or an organisation (``literal``).

    ``family`` is the whole family name as written, with any particle that sorts with it
    ("van der Berg"); ``particle`` names that leading particle ("van der"; CSL's
    non-dropping particle), ``""`` when there is none. ``dropping_particle`` ("Ludwig *van*
    Beethoven") and ``suffix`` ("Jr.", "III") are kept apart from both names.
    """

    family: str = ""
    given: str = ""
    literal: str = ""
    particle: str = ""
    dropping_particle: str = ""
    suffix: str = ""

    # Pickled as a tuple of its fields, got and set in C: a parallel read sends 10^5 works
    # back from a worker, and the corpus cache holds 10^6 (the dataclass default of a frozen,
    # slotted class calls fields() and sets each attribute in Python, per object).
    def __getstate__(self) -> tuple[Any, ...]:
        return _person_state(self)

    def __setstate__(self, state: tuple[Any, ...]) -> None:
        _set_all(self, _PERSON_FIELDS, state)

    @property
    def is_organisation(self) -> bool:
        """True for a corporate author written as a literal name."""
        return bool(self.literal)

    def display(self) -> str:
        """The name as a reader would write it: "Given Family, Jr." or the literal."""
        if self.literal:
            return self.literal
        name = " ".join(p for p in (self.given, self.dropping_particle, self.family) if p)
        return f"{name}, {self.suffix}" if self.suffix else name


@dataclass(frozen=True, slots=True, kw_only=True)
class Work:
    """One bibliographic work.

    ``type`` is a CSL type (``report``, ``article-journal``, ``webpage``, ``book`` ...).
    ``issued`` is an EDTF-like date string: ``"2012"``, ``"2012-03"`` or ``"2012-03-05"``.
    ``extra`` keeps fields litreview does not model, as ``(name, value)`` pairs. ``tex``
    says whether the values are TeX markup (``Dvo{\\v{r}}\\'{a}k``, as BibTeX holds them) or
    plain text (``Dvořák``); :mod:`litreview.core.texmarkup` turns one into the other.
    """

    key: str
    type: str = "document"
    authors: tuple[Person, ...] = ()
    editors: tuple[Person, ...] = ()
    issued: str = ""
    title: str = ""
    container: str = ""
    publisher: str = ""
    place: str = ""
    volume: str = ""
    issue: str = ""
    pages: str = ""
    url: str = ""
    doi: str = ""
    note: str = ""
    accessed: str = ""
    abstract: str = ""
    keywords: tuple[str, ...] = ()
    extra: tuple[tuple[str, str], ...] = ()
    # Whether the text values are TeX (read from BibTeX) rather than plain text (every other
    # source). Not part of a work's identity: the same work read from two formats is equal.
    tex: bool = field(default=False, compare=False)

    def __getstate__(self) -> tuple[Any, ...]:
        return _work_state(self)

    def __setstate__(self, state: tuple[Any, ...]) -> None:
        _set_all(self, _WORK_FIELDS, state)

    @property
    def year(self) -> str:
        """The four-digit year of ``issued``, or ``""``."""
        return self.issued[:4] if self.issued[:4].isdigit() else ""

    def with_key(self, key: str) -> Work:
        """This work under citekey ``key``: :func:`dataclasses.replace` without running
        ``__init__`` again (half the time; import gives every new work its key)."""
        new = object.__new__(Work)
        for name in _WORK_FIELDS:
            object.__setattr__(new, name, getattr(self, name))
        object.__setattr__(new, "key", key)
        return new

    def extra_value(self, name: str) -> str:
        """The value of the unmodelled field ``name`` (case-insensitive), or ``""``."""
        low = name.lower()
        for k, v in self.extra:
            if k.lower() == low:
                return v
        return ""


_WORK_FIELDS = tuple(f.name for f in fields(Work))
_PERSON_FIELDS = tuple(f.name for f in fields(Person))
_work_state = operator.attrgetter(*_WORK_FIELDS)
_person_state = operator.attrgetter(*_PERSON_FIELDS)


def _set_all(obj: object, names: tuple[str, ...], values: tuple[Any, ...]) -> None:
    """Set each of ``names`` of a frozen record to its value (a pickle's state, which must
    have one value a field: a record is never left with a field unset)."""
    if len(values) != len(names):
        raise ValueError(f"a {type(obj).__name__} state has {len(values)} values, not {len(names)}")
    deque(map(object.__setattr__, repeat(obj), names, values), maxlen=0)


@dataclass(frozen=True, slots=True, kw_only=True)
class Document:
    """A document under review: a report whose text is read and whose footnotes are cited."""

    doc_id: str
    path: str = ""
    title: str = ""
    author: str = ""
    year: str = ""
    work_key: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class Citation:
    """One work cited by one footnote of a document (one row of ``citations.csv``).

    ``char_start``/``char_end`` locate ``context`` (the citing sentence) in the document.
    """

    doc_id: str
    footnote: int | None
    position: int
    raw: str
    work_key: str
    context: str = ""
    section: str = ""
    kind: str = "citation"
    char_start: int | None = None
    char_end: int | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Evidence:
    """The text that produced a fact: a span of a document, or a field of a work."""

    quote: str
    doc_id: str = ""
    char_start: int | None = None
    char_end: int | None = None
    field: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class Tag:
    """A facet value assigned to a work, with its evidence (one row of ``tags.csv``)."""

    work_key: str
    facet: str
    value: str
    source: str
    evidence: Evidence = field(default_factory=lambda: Evidence(quote=""))
    score: float = 1.0


@dataclass(frozen=True, slots=True, kw_only=True)
class Mention:
    """Words that name a facet value for a gap statement: ``text[char_start:char_end] == quote``.

    ``source`` says where the words are: ``"statement"`` (the sentence itself),
    ``"antecedent"`` (what "this", "these roles", "such research" refers back to) or
    ``"heading"`` (the section heading, used only when the statement names nothing itself).
    ``clause`` numbers the parts of a compound sentence that each state their own gap
    ("Evidence on A remains thin, and the effect of B is poorly understood": 0 and 1); words
    from an antecedent or a heading apply to every clause and carry ``clause=-1``.
    """

    facet: str
    value: str
    char_start: int
    char_end: int
    quote: str
    source: str = "statement"
    clause: int = 0


@dataclass(frozen=True, slots=True, kw_only=True)
class GapStatement:
    """A sentence of a document that says evidence is missing (``gaps/statements.csv``).

    ``facets`` are the values the statement is about, per facet; ``mentions`` are the words
    that named each of them (empty when the detector did not record them). ``kind`` is the kind
    of gap (``missing``, ``data``, ``research_needed``, ``contested``; empty when unknown),
    ``score`` the detector's confidence and ``why`` its reasons in a few words.
    """

    doc_id: str
    char_start: int
    char_end: int
    section: str
    quote: str
    facets: tuple[tuple[str, tuple[str, ...]], ...] = ()
    strength: str = "explicit"
    cue: str = ""
    kind: str = ""
    score: float = 1.0
    why: str = ""
    mentions: tuple[Mention, ...] = ()

    def values(self, facet: str) -> tuple[str, ...]:
        """The values of ``facet`` this statement names (``()`` when none)."""
        return next((vals for f, vals in self.facets if f == facet), ())

    def located(self) -> dict[str, str | int]:
        """Where the statement is and what it says: the fields every table of statements
        (CSV, DataFrame, the map's data) starts from."""
        return {
            "doc_id": self.doc_id,
            "char_start": self.char_start,
            "char_end": self.char_end,
            "section": self.section,
            "quote": self.quote,
            "strength": self.strength,
        }


@dataclass(frozen=True, slots=True, kw_only=True)
class Merge:
    """One incoming record folded into a corpus work (a row of ``merges.csv``)."""

    kept: str
    merged: str
    reason: str
    score: float
    # the fields the two records filled differently, and which value was kept
    conflicts: str = ""
