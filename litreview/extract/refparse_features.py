"""Tokens and CRF features of a reference string.

A reference is split on whitespace (:func:`token_spans` keeps each token's offsets). Each
token is described by its word, shape, punctuation, position, how many sentences and commas
come before it and whether a year in brackets comes after it, and what the word lists say
it may be (:mod:`.gazetteer`: ``lex:place``, ``lex:given``, ``lex:org``, ...), plus the same
for its neighbours, and the runs and pieces it sits in: a run of capitalised words that holds
an organisation word (``Ministry of Transport``), the bodies a reference opens with as whole
comma pieces (``ONS, Office of the Chief Economist, Title``), a comma piece of date words
only (``, September 1999.``). Feature groups can be switched off by name (``exclude``) to
measure what each is worth; the quote and bracket state once computed here was measured so
and removed (it cost 0.006 micro-F1 on grey).
"""

from __future__ import annotations

import re
from collections.abc import Collection
from functools import lru_cache
from typing import NamedTuple

from litreview.extract.gazetteer import key, lexicon, phrase_tags, word_tags

__all__ = ["GROUPS", "Token", "sequence_features", "token_spans", "tokenize"]

GROUPS = ("lexicon", "phrases", "position", "neighbours", "runs", "bodies")
"""Feature groups that :func:`sequence_features` can leave out (for ablations)."""

_YEAR = re.compile(r"(?<!\d)(1[5-9]\d\d|20\d\d)(?!\d)")
_PURE_YEAR = re.compile(r"\(?\[?(1[5-9]|20)\d\d[a-z]?\]?\)?[.,:;]?")
_INITIAL = re.compile(r"[A-Z]\.?(-?[A-Z]\.)*,?")
_RANGE = re.compile(r"\d+\s*[-–—]\s*\d+")
_DOI = re.compile(r"\b10\.\d{4,}/")
_WORD = re.compile(r"\S+")
_OPEN_Q = "“‘\"'«„"
_CLOSE_Q = "”’\"'»"
_NEIGHBOUR_FLAGS = frozenset(
    {"year", "initial", "url", "digit", "cap", "quote_open", "quote_close", "pureyear"}
)


class Token(NamedTuple):
    """One whitespace token of a reference and where it is."""

    text: str
    start: int
    end: int


def token_spans(text: str) -> list[Token]:
    """The whitespace tokens of ``text`` with their offsets."""
    return [Token(m.group(0), m.start(), m.end()) for m in _WORD.finditer(text)]


def tokenize(text: str) -> list[str]:
    """The whitespace tokens of ``text``."""
    return text.split()


def _shape(tok: str) -> str:
    """Collapsed character-class shape, e.g. ``Aa.`` for ``Smith.``."""
    out: list[str] = []
    for ch in tok:
        c = "A" if ch.isupper() else "a" if ch.isalpha() else "9" if ch.isdigit() else ch
        if not out or out[-1] != c:
            out.append(c)
    return "".join(out)[:8]


def _core(tok: str) -> str:
    """The token lower-cased, outer punctuation stripped."""
    return tok.strip(".,;:()[]{}<>\"'“”‘’«»*!?").lower()


def _flags(tok: str, core: str) -> list[str]:
    """Binary shape flags of one token."""
    checks = (
        ("year", _YEAR.search(tok)),
        ("pureyear", _PURE_YEAR.fullmatch(tok)),
        ("cap", tok[:1].isupper()),
        ("allcaps", core.isupper() and len(core) > 1),
        ("digit", any(ch.isdigit() for ch in tok)),
        ("initial", _INITIAL.fullmatch(tok)),
        ("url", "http" in tok or "www." in tok or "://" in tok),
        ("doi", _DOI.search(tok) or core.startswith("doi")),
        ("range", _RANGE.search(tok)),
        ("quote_open", tok[0] in _OPEN_Q),
        ("quote_close", tok.rstrip(".,;:)]")[-1:] in _CLOSE_Q),
    )
    return [name for name, hit in checks if hit]


@lru_cache(maxsize=1 << 17)
def _own(tok: str, lexicon: bool) -> tuple[str, ...]:
    """A token's own attributes (``w:smith``, ``cap``, ``lex:surname``); cached."""
    core = _core(tok)
    attrs = [
        f"w:{core[:20]}",
        f"shape:{_shape(tok)}",
        f"last:{tok[-1]}",
        f"first:{tok[0]}",
        f"suf3:{core[-3:]}",
        f"pre3:{core[:3]}",
        f"len:{min(len(core), 8)}",
        *_flags(tok, core),
    ]
    if lexicon:
        attrs += [f"lex:{t}" for t in sorted(word_tags(tok))]
    return tuple(attrs)


@lru_cache(maxsize=1 << 17)
def _lent(tok: str, d: int, lexicon: bool) -> tuple[str, ...]:
    """Attributes a token lends to the token ``d`` positions away; cached."""
    own = _own(tok, lexicon)
    keep = [a for a in own if a in _NEIGHBOUR_FLAGS or a.startswith(("w:", "shape:", "last:"))]
    if lexicon:
        keep += [a for a in own if a.startswith("lex:")]
    return tuple(f"{d}:{a}" for a in keep)


def _phrases(tokens: list[str]) -> list[list[str]]:
    """``lex:`` attributes of the two- and three-word runs each token belongs to (only runs
    whose first word starts a listed phrase are looked up)."""
    out: list[list[str]] = [[] for _ in tokens]
    firsts = lexicon().firsts
    starts = [i for i, t in enumerate(tokens) if key(t) in firsts]
    for n in (2, 3):
        for i in starts:
            if i + n > len(tokens):
                continue
            for t in phrase_tags(tokens[i : i + n]):
                for j in range(i, i + n):
                    out[j].append(f"lex:{t}")
    return out


def _positions(tokens: list[str]) -> list[list[str]]:
    """Per token: how many sentence ends and commas precede it (up to 4), and whether it
    comes before the first year in brackets (``Body Name (2019)``)."""
    first = next((i for i, t in enumerate(tokens) if t[:1] in "([" and _PURE_YEAR.fullmatch(t)), -1)
    out = []
    stops = commas = 0
    for i, tok in enumerate(tokens):
        attrs = [f"stops:{min(stops, 4)}", f"commas:{min(commas, 4)}"]
        if i < first:
            attrs.append("before_paren_year")
        out.append(attrs)
        stops += tok.endswith((".", "?", "!")) and not _INITIAL.fullmatch(tok)
        commas += tok.endswith(",")
    return out


_JOIN = frozenset({"of", "and", "for", "the", "on", "in", "&", "de", "du", "des", "la", "y", "et"})
_LEADS = "".join(_OPEN_Q) + "(["
_DATE_WORD = re.compile(r"\(?\[?(\d{1,2}(st|nd|rd|th)?|(1[5-9]|20)\d\d[a-z]?)\]?\)?[.,;:]?")


class _Word(NamedTuple):
    """What the run and piece features need to know of one token."""

    cap: bool  # capitalised (after an opening quote or bracket)
    joins: bool  # a small joining word (of, and, for, ...)
    opens: bool  # starts a new run: an opening quote, a bracket not holding an acronym
    stops: bool  # ends a run: a comma, colon, semicolon, or a full stop not of an initial
    org: bool  # an organisation word
    ends_piece: bool  # ends a comma- or stop-delimited piece
    date: bool  # a day, year or month
    year: bool
    acronym: bool  # letters, all capitals (``ONS``, ``(WHO),``)


@lru_cache(maxsize=1 << 17)
def _word(tok: str) -> _Word:
    """The run and piece attributes of a token; cached."""
    bare = tok.strip(".,;:()[]{}<>\"'“”‘’«»*!?")
    core = bare.lower()
    initial = _INITIAL.fullmatch(tok) is not None
    tags = word_tags(tok)
    acronym = len(bare) > 1 and bare.isalpha() and bare.isupper()
    return _Word(
        cap=tok.lstrip(_LEADS)[:1].isupper(),
        joins=core in _JOIN,
        opens=tok[:1] in _OPEN_Q or (tok[:1] in "([" and not acronym),
        stops=tok.endswith((",", ";", ":")) or (tok.endswith(".") and not initial),
        org="org" in tags,
        ends_piece=tok.endswith((",", ";", ".", ")")) and not initial,
        date=_DATE_WORD.fullmatch(tok) is not None or "month" in tags,
        year=_YEAR.search(tok) is not None,
        acronym=acronym,
    )


def _run_ends(words: list[_Word]) -> list[tuple[int, int]]:
    """``(start, end)`` of every run of capitalised words, joined by small words
    (``Ministry of Transport``); a run ends at a comma, colon or sentence end."""
    runs: list[tuple[int, int]] = []
    start = -1
    for i, w in enumerate([*words, _word("")]):
        if start >= 0 and ((not w.cap and not w.joins) or (w.cap and w.opens)):
            runs.append((start, i))
            start = -1
        if start < 0 and w.cap:
            start = i
        if start >= 0 and w.stops:
            runs.append((start, i + 1))
            start = -1
    out = []
    for s, e in runs:
        while e > s and words[e - 1].joins:
            e -= 1
        out.append((s, e))
    return out


def _runs(words: list[_Word], runs: list[tuple[int, int]], out: list[list[str]]) -> None:
    """Mark every token in a run of capitalised words that holds an organisation word
    (``run:org``, its first and last word, and whether the run opens the reference), or in
    another run (``run:cap``, with its length up to 4); appends to ``out``."""
    for s, e in runs:
        kind = "org" if any(w.org for w in words[s:e]) else "cap"
        inner = _RUN_ORG_OPENS if kind == "org" and s <= 1 else _RUN[kind]
        for j in range(s, e):
            out[j] += inner
        out[s].append(f"run:{kind}_first")
        out[e - 1].append(f"run:{kind}_last")
        if kind == "cap":
            out[s].append(f"run:len{min(e - s, 4)}")


_RUN = {"org": ("run:org",), "cap": ("run:cap",)}
_RUN_ORG_OPENS = ("run:org", "run:org_opens")


def _lead_bodies(words: list[_Word], runs: list[tuple[int, int]], out: list[list[str]]) -> None:
    """Mark ``run:lead_body`` the bodies a reference opens with, each a whole comma piece
    (``ONS, Office of the Chief Economist, Title``): runs with an organisation word, or
    initials, one after another from the first capitalised word; appends to ``out``."""
    ends = dict(runs)
    i = 0 if words and words[0].cap else 1
    while (e := ends.get(i)) is not None and words[e - 1].stops:
        if not (any(w.org for w in words[i:e]) or (e - i == 1 and words[i].acronym)):
            break
        for j in range(i, e):
            out[j].append("run:lead_body")
        i = e


def _pieces(words: list[_Word], out: list[list[str]]) -> None:
    """Mark ``chunk:date`` the tokens of a comma- or stop-delimited piece that holds a year
    and only date words (``, September 1999.``), ``chunk:last`` those of the last piece;
    appends to ``out``."""
    start, n = 0, len(words)
    for i, w in enumerate(words):
        if not (w.ends_piece or i == n - 1):
            continue
        piece = words[start : i + 1]
        dated = any(w.year for w in piece) and all(w.date for w in piece)
        marks = ("chunk:date",) * dated + ("chunk:last",) * (i == n - 1)
        if marks:
            for j in range(start, i + 1):
                out[j] += marks
        start = i + 1


def _context(tokens: list[str], exclude: Collection[str]) -> list[list[str]]:
    """Per token: the position, run, piece and lead-body attributes not ``exclude``-d."""
    out = _positions(tokens) if "position" not in exclude else [[] for _ in tokens]
    runs_on, bodies_on = "runs" not in exclude, "bodies" not in exclude
    if runs_on or bodies_on:
        words = [_word(t) for t in tokens]
        runs = _run_ends(words)
        if runs_on:
            _runs(words, runs, out)
            _pieces(words, out)
        if bodies_on:
            _lead_bodies(words, runs, out)
    return out


_EDGE = {d: (f"{d}:edge",) for d in (-2, -1, 1, 2)}
_POS = [f"pos:{k}" for k in range(10)]
_IDX = [f"i:{min(k, 6)}" for k in range(7)]


def sequence_features(tokens: list[str], exclude: Collection[str] = ()) -> list[list[str]]:
    """Attribute lists (crfsuite binary features) of every token, with its context.

    ``exclude`` names groups of :data:`GROUPS` to leave out.
    """
    n = len(tokens)
    lexicon = "lexicon" not in exclude
    phrases = _phrases(tokens) if "phrases" not in exclude else [[] for _ in tokens]
    positions = _context(tokens, exclude)
    neighbours = "neighbours" not in exclude
    seen_year = False
    feats = []
    for i, tok in enumerate(tokens):
        f = [*_own(tok, lexicon), _POS[min(9, 10 * i // n)], _IDX[min(i, 6)], *phrases[i]]
        f += positions[i]
        f += ["afteryear"] * seen_year
        seen_year = seen_year or _YEAR.search(tok) is not None
        if neighbours:
            for d in (-2, -1, 1, 2):
                j = i + d
                f += _lent(tokens[j], d, lexicon) if 0 <= j < n else _EDGE[d]
        feats.append(f)
    return feats
