"""Tokens and CRF features of a reference string.

A reference is split on whitespace (:func:`token_spans` keeps each token's offsets). Each
token is described by its word, shape, punctuation, position, how many sentences and commas
come before it and whether a year in brackets comes after it, and what the word lists say
it may be (:mod:`.gazetteer`: ``lex:place``, ``lex:given``, ``lex:org``, ...), plus the same
for its neighbours, and the runs and pieces it sits in: a run of capitalised words that holds
an organisation word (``Ministry of Transport``), the bodies a reference opens with as whole
comma pieces (``ONS, Office of the Chief Economist, Title``), a comma piece of date words
only (``, September 1999.``), and the known organisation names it holds (``org:first``
... ``org:last``, :func:`.gazetteer.name_spans`). Feature groups can be switched off by name
(``exclude``) to measure what each is worth; the quote and bracket state once computed
here was measured so and removed (it cost 0.006 micro-F1 on grey).

Speed: what a token gives (its attributes, those it lends its neighbours, its run and
position flags) is computed once per distinct token and cached (:func:`_token`); a
sequence's lists are assembled from those records and handed to crfsuite as UTF-8 bytes
(:func:`encoded_features`), which it reads without converting.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from functools import lru_cache
from typing import NamedTuple

from litreview.extract.gazetteer import fold_key, key, name_spans, word_tags
from litreview.extract.gazetteer import lexicon as lexicon_lists

__all__ = [
    "EDGE",
    "GROUPS",
    "OFF",
    "SequenceParts",
    "Token",
    "encoded_features",
    "sequence_features",
    "sequence_parts",
    "token_spans",
    "tokenize",
]

GROUPS = ("lexicon", "phrases", "position", "neighbours", "runs", "bodies", "organisations")
"""Feature groups that :func:`sequence_features` can leave out (for ablations)."""
OFF = frozenset({"organisations"})
"""Groups left out unless asked for (``exclude`` without them): measured and not kept, the
known organisation names (``benchmarks/refparse_data/ORGANISATIONS.md``)."""

_YEAR = re.compile(r"(?<!\d)(1[5-9]\d\d|20\d\d)(?!\d)")
_PURE_YEAR = re.compile(r"\(?\[?(1[5-9]|20)\d\d[a-z]?\]?\)?[.,:;]?")
_INITIAL = re.compile(r"[A-Z]\.?(-?[A-Z]\.)*,?")
# a run of digits, a dash, a digit; tried only where a run starts and for 12 digits at most, so
# a token of 100,000 digits costs linear time, not quadratic (the same flags on every token
# of the training and benchmark references)
_RANGE = re.compile(r"(?<!\d)\d{1,12}\s*[-–—]\s*\d")
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


def _own(tok: str, lexicon: bool) -> list[str]:
    """A token's own attributes (``w:smith``, ``cap``, ``lex:surname``)."""
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
    return attrs


def _lent(own: list[str], lexicon: bool) -> list[str]:
    """The own attributes a token lends its neighbours (each then prefixed with the
    neighbour's distance: ``1:w:smith``)."""
    keep = [a for a in own if a in _NEIGHBOUR_FLAGS or a.startswith(("w:", "shape:", "last:"))]
    if lexicon:
        keep += [a for a in own if a.startswith("lex:")]
    return keep


def _phrases(recs: list[_Tok], out: list[list[bytes]]) -> None:
    """Append the ``lex:`` attributes of the two- and three-word runs each token belongs to
    (only runs whose first word starts a listed phrase are looked up)."""
    starts = [i for i, r in enumerate(recs) if r.first]
    if not starts:
        return
    phrases = lexicon_lists().phrases
    keys = [r.key for r in recs]
    for n in (2, 3):
        for i in starts:
            if i + n > len(keys):
                continue
            for t in phrases.get(" ".join(keys[i : i + n]), ()):
                attr = _LEX[t] if t in _LEX else _LEX.setdefault(t, f"lex:{t}".encode())
                for j in range(i, i + n):
                    out[j].append(attr)


_LEX: dict[str, bytes] = {}
_ORG, _ORG_FIRST, _ORG_LAST = b"org:name", b"org:first", b"org:last"


def _organisations(recs: list[_Tok], out: list[list[bytes]]) -> None:
    """Append ``org:name`` to every token of a known organisation's name that is a whole
    piece of the reference (``, The World Bank, ``; ``Name (2000)``; not a name inside a
    title: ``The World Bank Loans``), ``org:first`` and ``org:last`` to its first and last,
    ``org:before`` and ``org:after`` to the tokens next to it (:func:`.gazetteer.name_spans`)."""
    n = len(recs)
    for s, e in name_spans([r.fold for r in recs]):
        if not _whole_piece(recs, s, e):
            continue
        for j in range(s, e):
            out[j].append(_ORG)
        out[s].append(_ORG_FIRST)
        out[e - 1].append(_ORG_LAST)
        if s:
            out[s - 1].append(b"org:before")
        if e < n:
            out[e].append(b"org:after")


def _whole_piece(recs: list[_Tok], s: int, e: int) -> bool:
    """Whether the tokens ``s`` to ``e`` are a whole piece of the reference: a piece opens
    at ``s`` (a "the" before it allowed), and one ends at ``e - 1`` or a bracket or quote
    opens at ``e``."""
    ends = e == len(recs) or _ends_piece(recs[e - 1]) or recs[e].word.opens
    return ends and _opens_piece(recs, s)


def _ends_piece(rec: _Tok) -> bool:
    """Whether a token ends a piece of the reference (a comma, colon, full stop, bracket)."""
    return rec.word.stops or rec.word.ends_piece


def _opens_piece(recs: list[_Tok], i: int) -> bool:
    """Whether the token at ``i`` opens a piece of the reference, a "the" before it
    allowed."""
    if i and recs[i - 1].key == "the":
        i -= 1
    return i == 0 or _ends_piece(recs[i - 1]) or recs[i].word.opens


_STOPS = [f"stops:{k}".encode() for k in range(5)]
_COMMAS = [f"commas:{k}".encode() for k in range(5)]


def _positions(recs: list[_Tok], out: list[list[bytes]]) -> None:
    """Append per token how many sentence ends and commas precede it (up to 4), and whether
    it comes before the first year in brackets (``Body Name (2019)``)."""
    first = next((i for i, r in enumerate(recs) if r.paren_year), -1)
    stops = commas = 0
    for i, r in enumerate(recs):
        attrs = out[i]
        attrs.append(_STOPS[stops])
        attrs.append(_COMMAS[commas])
        if i < first:
            attrs.append(b"before_paren_year")
        stops += r.stop and stops < 4
        commas += r.comma and commas < 4


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


def _word(tok: str) -> _Word:
    """The run and piece attributes of a token."""
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


_NO_WORD = _Word(*[False] * len(_Word._fields))  # not capitalised: ends the last run


def _run_ends(words: list[_Word]) -> list[tuple[int, int]]:
    """``(start, end)`` of every run of capitalised words, joined by small words
    (``Ministry of Transport``); a run ends at a comma, colon or sentence end."""
    runs: list[tuple[int, int]] = []
    start = -1
    for i, w in enumerate([*words, _NO_WORD]):
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


class _Tok(NamedTuple):
    """All that one token gives the features of a sequence, computed once (:func:`_token`)."""

    own: tuple[bytes, ...]  # its own attributes
    lent: tuple[tuple[bytes, ...], ...]  # what it lends to the tokens 2, 1 after and 1, 2 before
    word: _Word
    year: bool  # holds a year
    paren_year: bool  # a year in brackets
    stop: bool  # ends a sentence (a full stop not of an initial, ? or !)
    comma: bool  # ends with a comma
    first: bool  # may start a phrase of the word lists
    key: str  # the word as the lists are keyed (:func:`.gazetteer.key`)
    fold: str  # the word as the organisation names are keyed (:func:`.gazetteer.fold_key`)


@lru_cache(maxsize=1 << 16)
def _token(tok: str, lexicon: bool) -> _Tok:
    """The cached record of one token (``lexicon``: with the word lists' tags)."""
    own = _own(tok, lexicon)
    lent = _lent(own, lexicon)
    return _Tok(
        own=tuple(a.encode() for a in own),
        lent=tuple(tuple(f"{d}:{a}".encode() for a in lent) for d in (-2, -1, 1, 2)),
        word=_word(tok),
        year=_YEAR.search(tok) is not None,
        paren_year=tok[:1] in "([" and _PURE_YEAR.fullmatch(tok) is not None,
        stop=tok.endswith((".", "?", "!")) and not _INITIAL.fullmatch(tok),
        comma=tok.endswith(","),
        first=key(tok) in lexicon_lists().firsts,
        key=key(tok),
        fold=fold_key(tok),
    )


def _runs(words: list[_Word], runs: list[tuple[int, int]], out: list[list[bytes]]) -> None:
    """Mark every token in a run of capitalised words that holds an organisation word
    (``run:org``, its first and last word, and whether the run opens the reference), or in
    another run (``run:cap``, with its length up to 4); appends to ``out``."""
    for s, e in runs:
        kind = "org" if any(w.org for w in words[s:e]) else "cap"
        inner = _RUN_ORG_OPENS if kind == "org" and s <= 1 else _RUN[kind]
        for j in range(s, e):
            out[j] += inner
        out[s].append(_RUN_FIRST[kind])
        out[e - 1].append(_RUN_LAST[kind])
        if kind == "cap":
            out[s].append(_RUN_LEN[min(e - s, 4)])


_RUN = {"org": (b"run:org",), "cap": (b"run:cap",)}
_RUN_ORG_OPENS = (b"run:org", b"run:org_opens")
_RUN_FIRST = {k: f"run:{k}_first".encode() for k in _RUN}
_RUN_LAST = {k: f"run:{k}_last".encode() for k in _RUN}
_RUN_LEN = [f"run:len{k}".encode() for k in range(5)]


def _lead_bodies(words: list[_Word], runs: list[tuple[int, int]], out: list[list[bytes]]) -> None:
    """Mark ``run:lead_body`` the bodies a reference opens with, each a whole comma piece
    (``ONS, Office of the Chief Economist, Title``): runs with an organisation word, or
    initials, one after another from the first capitalised word; appends to ``out``."""
    ends = dict(runs)
    i = 0 if words and words[0].cap else 1
    while (e := ends.get(i)) is not None and words[e - 1].stops:
        if not (any(w.org for w in words[i:e]) or (e - i == 1 and words[i].acronym)):
            break
        for j in range(i, e):
            out[j].append(b"run:lead_body")
        i = e


_CHUNK = {
    (True, False): (b"chunk:date",),
    (False, True): (b"chunk:last",),
    (True, True): (b"chunk:date", b"chunk:last"),
}


def _pieces(words: list[_Word], out: list[list[bytes]]) -> None:
    """Mark ``chunk:date`` the tokens of a comma- or stop-delimited piece that holds a year
    and only date words (``, September 1999.``), ``chunk:last`` those of the last piece;
    appends to ``out``."""
    start, n = 0, len(words)
    for i, w in enumerate(words):
        if not (w.ends_piece or i == n - 1):
            continue
        piece = words[start : i + 1]
        dated = any(w.year for w in piece) and all(w.date for w in piece)
        marks = _CHUNK.get((dated, i == n - 1))
        if marks:
            for j in range(start, i + 1):
                out[j] += marks
        start = i + 1


def _context(recs: list[_Tok], exclude: Collection[str], out: list[list[bytes]]) -> None:
    """Append per token the position, run, piece and lead-body attributes not ``exclude``-d."""
    if "position" not in exclude:
        _positions(recs, out)
    runs_on, bodies_on = "runs" not in exclude, "bodies" not in exclude
    if runs_on or bodies_on:
        words = [r.word for r in recs]
        runs = _run_ends(words)
        if runs_on:
            _runs(words, runs, out)
            _pieces(words, out)
        if bodies_on:
            _lead_bodies(words, runs, out)


EDGE = tuple((f"{d}:edge".encode(),) for d in (-2, -1, 1, 2))
"""What a token 2, 1 before and 1, 2 after lends where the sequence has none."""
_POS = [f"pos:{k}".encode() for k in range(10)]
_IDX = [f"i:{min(k, 6)}".encode() for k in range(7)]


class SequenceParts(NamedTuple):
    """The attributes of one sequence in the parts they are made of: every token's cached
    record (its own attributes and those it lends its neighbours, :func:`_token`) and the
    attributes of its place in the sequence. :meth:`flat` joins them; a tagger that reads
    the parts can score each token's record once, however often it recurs."""

    words: list[str]  # the tokens, each the key of its record
    records: list[_Tok]
    context: list[list[bytes]]  # per token: position, phrases, runs, pieces, after a year
    neighbours: bool  # whether the tokens' neighbours lend their attributes

    def flat(self) -> list[list[bytes]]:
        """Every token's attributes in one list: own, context, then neighbours'."""
        recs, n = self.records, len(self.records)
        feats = [[*r.own, *c] for r, c in zip(recs, self.context, strict=True)]
        if self.neighbours:
            for i, f in enumerate(feats):
                f += recs[i - 2].lent[0] if i >= 2 else EDGE[0]
                f += recs[i - 1].lent[1] if i >= 1 else EDGE[1]
                f += recs[i + 1].lent[2] if i + 1 < n else EDGE[2]
                f += recs[i + 2].lent[3] if i + 2 < n else EDGE[3]
        return feats


def sequence_parts(tokens: list[str], exclude: Collection[str] = OFF) -> SequenceParts:
    """The attributes of :func:`sequence_features` in parts (:class:`SequenceParts`)."""
    n = len(tokens)
    recs = [_token(t, "lexicon" not in exclude) for t in tokens]
    context = [[_POS[10 * i // n], _IDX[min(i, 6)]] for i in range(n)]
    if "phrases" not in exclude:
        _phrases(recs, context)
    if "organisations" not in exclude:
        _organisations(recs, context)
    _context(recs, exclude, context)
    seen_year = False
    for f, r in zip(context, recs, strict=True):
        if seen_year:
            f.append(b"afteryear")
        elif r.year:
            seen_year = True
    return SequenceParts(tokens, recs, context, "neighbours" not in exclude)


def encoded_features(tokens: list[str], exclude: Collection[str] = OFF) -> list[list[bytes]]:
    """The attributes of :func:`sequence_features` as UTF-8 bytes, the form crfsuite reads
    without converting; the parser's path for one reference.

    Every token's own attributes, and those it lends its neighbours, come from one cached
    record (:func:`_token`); the context attributes follow each token's own in the order:
    position in the reference, phrases, organisation names, sentence and comma counts,
    runs, pieces, lead bodies, after a year; then the neighbours'.
    """
    return sequence_parts(tokens, exclude).flat()


def sequence_features(tokens: list[str], exclude: Collection[str] = OFF) -> list[list[str]]:
    """Attribute lists (crfsuite binary features) of every token, with its context.

    ``exclude`` names groups of :data:`GROUPS` to leave out (by default those of :data:`OFF`).
    """
    return [[a.decode() for a in f] for f in encoded_features(tokens, exclude)]
