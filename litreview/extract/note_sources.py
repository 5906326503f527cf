"""Sources a note cites besides publications: laws and cases, interviews, correspondence.

The shapes are data (``data/note_sources.yaml``): how a statute, a regulation, a case or a
parliamentary paper is cited (each match one source); how a statement is credited to
people the authors spoke with (``according to X officials``, ``X representatives told
us``: one interview source per actor, a generic ``officials`` joining the actor the note
names); how correspondence, conversations and cables are cited (each a work of CSL type
``personal_communication`` or ``interview``); and how a note points inside its own
document (``see app. I``: a cross-reference, not a source).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml

__all__ = [
    "Unit",
    "archival_citations",
    "attributions",
    "communications",
    "is_cross_reference",
    "is_dated_correspondence",
    "legal_citations",
    "note_sentences",
    "numbered_in_prose",
    "points_inside",
    "short_forms",
]

_GENERIC = re.compile(
    r"^(?:the\s|an?\s)?(?:agency\s|our\s)?(?:officials?|representatives?|stakeholders?|staff)$",
    re.I,
)
_ID = re.compile(
    r"\b[A-Z]{1,6}-?\d{2,}[\w-]*\b|\b[A-Z]{2,}[\w-]*-\d+\b|\b[A-Z][a-z]+\s+(?:No\.\s*)?\d+[-–]\d+\b"
)


@dataclass(frozen=True, slots=True, kw_only=True)
class Unit:
    """One source found in a note: its kind, the words that cite it, where they are, and
    the CSL type of its work when that is known from the shape (``""`` otherwise)."""

    kind: str
    raw: str
    start: int
    end: int
    csl_type: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class _Shapes:
    """The compiled patterns of ``data/note_sources.yaml``."""

    legal: tuple[re.Pattern[str], ...]
    any_legal: re.Pattern[str]
    archival: tuple[re.Pattern[str], ...]
    same_source_before: tuple[re.Pattern[str], ...]
    attribution: tuple[re.Pattern[str], ...]
    communication: tuple[tuple[re.Pattern[str], str], ...]
    cross_reference: tuple[re.Pattern[str], ...]
    internal_note: tuple[re.Pattern[str], ...]
    dated_correspondence: tuple[re.Pattern[str], ...]
    abbreviations: frozenset[str]


@lru_cache(maxsize=1)
def _data() -> _Shapes:
    """The shapes of ``data/note_sources.yaml``, compiled once."""
    raw = resources.files("litreview").joinpath("data/note_sources.yaml").read_text("utf-8")
    data = yaml.safe_load(raw)
    return _Shapes(
        legal=tuple(re.compile(p) for p in data["legal"]),
        any_legal=re.compile("|".join(f"(?:{p})" for p in data["legal"])),
        archival=tuple(re.compile(p) for p in data.get("archival", [])),
        same_source_before=tuple(re.compile(p) for p in data["same_source_before"]),
        attribution=tuple(re.compile(p) for p in data["attribution"]),
        communication=tuple(
            (re.compile(c["pattern"], 0 if c.get("case") else re.I), str(c["type"]))
            for c in data["communication"]
        ),
        cross_reference=tuple(re.compile(p, re.I) for p in data["cross_reference"]),
        internal_note=tuple(re.compile(p, re.I) for p in data["internal_note"]),
        dated_correspondence=tuple(re.compile(p) for p in data["dated_correspondence"]),
        abbreviations=frozenset(str(a) for a in data["abbreviations"]),
    )


_BREAK = re.compile(r"(?<=[.!?])(?P<close>[\"”’'_*)\]]*)\s+(?=[A-Z“\"‘_*(\[<])")
_LAST_WORD = re.compile(r"([\w.]+)\.?[\"”’'_*)\]]*$")


def note_sentences(text: str) -> list[tuple[int, int]]:
    """The sentences of a note as ``(start, end)``: a full stop after an abbreviation or an
    initial (``Pub. L. No.``, ``U.S.C.``, ``J.``) does not end one."""
    abbrev = _data().abbreviations
    out, start = [], 0
    for m in _BREAK.finditer(text):
        word = _LAST_WORD.search(text, max(0, m.start() - 20), m.start())
        w = word.group(1).lower().rstrip(".") if word else ""
        if (len(w) == 1 and w.isalpha()) or w in abbrev:
            continue
        out.append((start, m.end("close")))
        start = m.end()
    if text[start:].strip():
        out.append((start, len(text.rstrip())))
    return [(a, b) for a, b in out if text[a:b].strip()]


def legal_citations(text: str) -> list[Unit]:
    """Every citation of a law, regulation, case or parliamentary paper in ``text``: a
    shape's match that overlaps one found before it is none (the found ones never overlap,
    so their starts and ends sort alike and one look-up tells: a note of thousands of
    citations costs linear time)."""
    found: list[Unit] = []
    if not _data().any_legal.search(text):
        return found
    same = _data().same_source_before
    starts: list[int] = []  # of the units found, sorted; their ends sort with them
    ends: list[int] = []
    for pattern in _data().legal:
        for m in pattern.finditer(text):
            before = text[max(0, m.start() - 30) : m.start()]
            if any(p.search(before) for p in same):
                continue
            k = bisect_left(starts, m.end())  # units starting before this match ends
            if k and ends[k - 1] > m.start():
                continue  # the last of them reaches into it
            starts.insert(k, m.start())
            ends.insert(k, m.end())
            found.append(
                Unit(
                    kind="legal",
                    raw=m.group(0).replace("_", "").strip().rstrip(".,;:"),
                    start=m.start(),
                    end=m.end(),
                    csl_type="legislation",
                )
            )
    return sorted(found, key=lambda u: u.start)


def archival_citations(text: str) -> list[Unit]:
    """Records cited by their archive and place in it (``NARA, RG 59, ...``), each a
    reference for the parser, from the archive's name to the end of its sentence."""
    found: list[Unit] = []
    for pattern in _data().archival:
        for m in pattern.finditer(text):
            raw = m.group(0).strip().rstrip(".,;:")
            if raw and not any(u.start <= m.start() < u.end for u in found):
                found.append(Unit(kind="reference", raw=raw, start=m.start(), end=m.end()))
    return sorted(found, key=lambda u: u.start)


def attributions(text: str, *, documents: bool = False) -> list[Unit]:
    """Statements credited to people spoken with: one unit per distinct actor; a generic
    actor (``officials``) counts only when the note names no other. A statement credited
    to a body alone (``according to the Agency,``) counts only in a note that cites no
    document (``documents`` false): otherwise it is what that document says."""
    hits: list[Unit] = []
    patterns = _data().attribution
    for k, pattern in enumerate(patterns):
        if documents and k == len(patterns) - 1:
            continue
        for m in _in_sentences(pattern, text):
            actor = " ".join(m.group("actor").split())
            if any(u.start <= m.start() < u.end for u in hits):
                continue
            hits.append(
                Unit(
                    kind="attribution",
                    raw=actor,
                    start=m.start(),
                    end=m.end(),
                    csl_type="interview",
                )
            )
    named = [u for u in hits if not _GENERIC.match(u.raw)]
    keep = named or hits[:1]
    out: dict[str, Unit] = {}
    for u in sorted(keep, key=lambda u: u.start):
        out.setdefault(_actor_key(u.raw), u)
    return list(out.values())


def _in_sentences(pattern: re.Pattern[str], text: str) -> list[re.Match[str]]:
    """Matches of ``pattern`` that stay inside one sentence of ``text``."""
    return [m for a, b in note_sentences(text) for m in pattern.finditer(text, a, b)]


def _actor_key(actor: str) -> str:
    """An actor as attributions are told apart: without role words and articles."""
    words = re.findall(r"[A-Za-z&]+", actor.lower())
    roles = {
        "officials",
        "official",
        "representatives",
        "representative",
        "staff",
        "the",
        "a",
        "an",
    }
    return " ".join(w for w in words if w not in roles) or actor.lower()


def communications(text: str) -> list[Unit]:
    """Interviews, correspondence, conversations and cables cited in ``text``."""
    out: list[Unit] = []
    for pattern, csl_type in _data().communication:
        m = pattern.search(text)
        if m and not out:
            out.append(
                Unit(
                    kind="communication",
                    raw=text.strip(),
                    start=0,
                    end=len(text),
                    csl_type=csl_type,
                )
            )
    return out


def is_cross_reference(text: str) -> bool:
    """Whether a note only points inside its own document (``See app. IV.``)."""
    return points_inside(text) or any(p.search(text) for p in _data().cross_reference)


def is_dated_correspondence(text: str) -> bool:
    """Whether a piece of a note opens with a dated letter or memorandum between people
    (``Fish to Grant, December 14, 1869, ...``): a work by its shape."""
    return any(p.match(text) for p in _data().dated_correspondence)


def points_inside(text: str) -> bool:
    """Whether a whole note is a pointer inside the document by its shape alone, whatever
    else it might look like (``See supra note 20 and accompanying text.``)."""
    return len(text) <= _MAX_INTERNAL and any(p.match(text) for p in _data().internal_note)


#: A note longer than this is never only a pointer inside its document (and the pattern,
#: which has alternatives in a repeat, is not tried on it).
_MAX_INTERNAL = 2000


# a document's number with its publication facts in brackets, a year among them:
# "GAO-04-657 (Washington, D.C.: June 1, 2004)"
_NUMBER_FACTS = re.compile(
    r"\b[A-Z]{2,8}(?:/[A-Z]{2,8})?-\d{2,}(?:-\d+)*[A-Z]{0,3}\b"
    r"\s*\([^()]{0,80}?\b(?:1[5-9]|20)\d\d\b[^()]{0,20}\)"
)


_MD_LINK = re.compile(r"\[[^\[\]]{0,500}\]\([^()\s]{0,500}\)")


def numbered_in_prose(text: str) -> list[Unit]:
    """The documents a note's prose cites by number and publication facts (``In our report,
    Title, GAO-04-657 (Washington, D.C.: June 1, 2004) we discuss ...``): each number with
    its facts, which name the document whatever the sentence around them says."""
    out = []
    for m in _NUMBER_FACTS.finditer(text):
        a, b = m.span()
        link = next((k for k in _MD_LINK.finditer(text) if k.start() <= a < k.end()), None)
        if link is not None:  # the number is a link's text: the link is the work
            a, b = link.span()
        out.append(Unit(kind="reference", raw=text[a:b], start=a, end=b))
    return out


def short_forms(text: str) -> list[Unit]:
    """Sentences of a note that name a document only by its number (``GAO-23-106124.``,
    ``FNS Instruction 800-2.``): short, with an identifier."""
    out = []
    for a, b in note_sentences(text):
        sentence = text[a:b]
        words = sentence.split()
        if (
            0 < len(words) <= 4
            and _ID.search(sentence)
            and not re.search(r"[a-z]{4,}\s[a-z]{4,}", sentence)
        ):
            out.append(Unit(kind="short", raw=sentence.strip().rstrip("."), start=a, end=b))
    return out
