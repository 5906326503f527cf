"""FALLBACK: the words naming each value of a statement, for detectors that do not record them.

The statement detector is meant to fill ``GapStatement.mentions`` itself (the words naming each
facet value, their source and clause). Until it does, :func:`with_mentions` derives them for
the values in ``facets``, from the document's text:

1. The sentence is cut into clauses at the breaks of ``gap_scoring.yaml`` (``clauses``); a
   clause that carries no gap cue joins the next clause that does (a list sharing one
   predicate), except a concessive opener ("Despite ...", "Although ..."), which states no gap
   of its own and is dropped. With no cue found, the sentence is one clause.
2. Each value the statement's own words name, inside a kept clause, is a ``statement`` mention
   of that clause.
3. A facet the statement's words do not name takes its values from the sentences before it in
   the same paragraph (nearest first, the kept clauses of each: ``antecedent``), then from the
   section heading (``heading``); these apply to every clause (``clause=-1``).

A value no words can be found for is left out of the mentions, so it backs no gap.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

from litreview.core.model import GapStatement, Mention
from litreview.core.text import Span, find_headings, paragraphs, sentences
from litreview.taxonomy import Taxonomy

__all__ = ["ClauseWords", "clause_words", "gap_clauses", "with_mentions"]


@dataclass(frozen=True, slots=True, kw_only=True)
class ClauseWords:
    """Where clauses break, which openers are concessive, and the gap cues (compiled)."""

    breaks: re.Pattern[str]
    concessive: re.Pattern[str]
    cues: tuple[re.Pattern[str], ...]
    look_back: int = 2


def clause_words(
    breaks: Iterable[str],
    concessive: Iterable[str],
    cues: Iterable[re.Pattern[str]],
    *,
    look_back: int = 2,
) -> ClauseWords:
    """Compile the clause breaks and concessive openers (regular expressions from data)."""
    return ClauseWords(
        breaks=re.compile("|".join(f"(?:{b})" for b in breaks) or r"(?!x)x", re.IGNORECASE),
        concessive=re.compile(
            r"\W*(?:" + "|".join(concessive) + r")\b" if concessive else r"(?!x)x", re.IGNORECASE
        ),
        cues=tuple(cues),
        look_back=look_back,
    )


def gap_clauses(text: str, span: Span, words: ClauseWords) -> list[Span]:
    """The clauses of sentence ``span`` that state a gap, in order (absolute offsets)."""
    parts = _cut_concessive(text, _split(text, span, words), words)
    cued = [_cue_at(text, p, words) is not None for p, _ in parts]
    if not any(cued):
        return [span]
    kept: list[Span] = []
    pending: Span | None = None
    for (part, own), has_cue in zip(parts, cued, strict=True):
        if has_cue:
            kept.append(Span(pending.start if pending else part.start, part.end))
            pending = None
        elif not own:  # a list item sharing the next clause's predicate
            pending = pending or part
    if pending is not None and kept:
        kept[-1] = Span(kept[-1].start, max(kept[-1].end, pending.end))
    return kept


def _split(text: str, span: Span, words: ClauseWords) -> list[tuple[Span, bool]]:
    """The parts between clause breaks, each with whether a concessive word opens it."""
    out, start, own = [], span.start, False
    for m in words.breaks.finditer(text, span.start, span.end):
        if m.start() > start:
            out.append((Span(start, m.start()), own))
        start, own = m.end(), bool(words.concessive.match(m.group()))
    if span.end > start:
        out.append((Span(start, span.end), own))
    return out


def _cut_concessive(
    text: str, parts: list[tuple[Span, bool]], words: ClauseWords
) -> list[tuple[Span, bool]]:
    """A first part opening with a concessive word, cut at the comma ending the opener: the
    last comma before the part's cue, or else the first comma after it. Both pieces stand
    on their own (neither joins another clause)."""
    if not parts or not words.concessive.match(text, parts[0][0].start, parts[0][0].end):
        return parts
    first = parts[0][0]
    cue = _cue_at(text, first, words)
    commas = [i for i in range(first.start, first.end) if text[i] == ","]
    if cue is None or not commas:
        return [(first, True), *parts[1:]]
    before = [i for i in commas if i < cue.start]
    after = [i for i in commas if i >= cue.end]
    cut = before[-1] if before else after[0] if after else first.end
    head, tail = Span(first.start, cut), Span(cut + 1, first.end)
    return [(head, True), *([(tail, True)] if tail.end > tail.start else []), *parts[1:]]


def _cue_at(text: str, part: Span, words: ClauseWords) -> Span | None:
    """The first gap cue in ``part`` (read as the detector reads a sentence: emphasis marks
    dropped, runs of white space as one space), located in ``text``."""
    flat, where = _flatten(text, part)
    found = [m.span() for c in words.cues if (m := c.search(flat))]
    if not found:
        return None
    a, b = min(found)
    return Span(where[a], where[b - 1] + 1)


def _flatten(text: str, part: Span) -> tuple[str, list[int]]:
    """``text[part]`` without ``*`` and with white-space runs as one space, and the offset in
    ``text`` of each character kept."""
    chars: list[str] = []
    where: list[int] = []
    for i in range(part.start, part.end):
        ch = text[i]
        if ch == "*":
            continue
        if ch.isspace():
            if chars and chars[-1] == " ":
                continue
            ch = " "
        chars.append(ch)
        where.append(i)
    return "".join(chars), where


def with_mentions(
    statements: Sequence[GapStatement],
    texts: Mapping[str, str],
    taxonomy: Taxonomy,
    words: ClauseWords,
) -> list[GapStatement]:
    """``statements`` with ``mentions`` derived where the detector left them empty, and their
    ``facets`` narrowed to the values some words name (a statement whose document text is not
    given, or whose quote is not found there, is returned as it is)."""
    out = []
    for s in statements:
        text = texts.get(s.doc_id)
        if s.mentions or text is None or text[s.char_start : s.char_end] != s.quote:
            out.append(s)
            continue
        mentions = _derive(s, text, taxonomy, words)
        named = {(m.facet, m.value) for m in mentions}
        facets = tuple((f, tuple(v for v in vs if (f, v) in named)) for f, vs in s.facets)
        out.append(replace(s, mentions=mentions, facets=facets))
    return out


def _derive(
    stmt: GapStatement, text: str, taxonomy: Taxonomy, words: ClauseWords
) -> tuple[Mention, ...]:
    """The statement's own words in its gap clauses; for a facet those clauses do not name,
    the words of the rest of the sentence (a concessive opener often holds what "this" refers
    to), else of the nearest sentence before, else of the heading."""
    wanted = {(f, v) for f, vs in stmt.facets for v in vs}
    span = Span(stmt.char_start, stmt.char_end)
    out = _in_clauses(text, span, taxonomy, words, wanted)
    missing = {f for f, vs in stmt.facets if vs} - {m.facet for m in out}
    for source, spans in (
        ("statement", [span]),
        ("antecedent", _before(text, stmt, words)),
        ("heading", _heading(text, stmt)),
    ):
        for where in spans:
            found = [
                replace(m, source=source, clause=-1)
                for m in _words(text, where, taxonomy, words, wanted, whole=source == "statement")
                if m.facet in missing
            ]
            out += found
            missing -= {m.facet for m in found}
    return tuple(sorted(out, key=lambda m: (m.clause, m.char_start, m.facet, m.value)))


def _words(
    text: str,
    span: Span,
    taxonomy: Taxonomy,
    words: ClauseWords,
    wanted: set[tuple[str, str]],
    *,
    whole: bool,
) -> list[Mention]:
    """Mentions of ``wanted`` values in the sentence at ``span``: in all of it (``whole``) or
    in its gap clauses."""
    if not whole:
        return _in_clauses(text, span, taxonomy, words, wanted)
    return [
        _mention(text, f, v, span.start + a, span.start + b, clause=-1)
        for f, v, a, b in taxonomy.spans(text[span.start : span.end])
        if (f, v) in wanted
    ]


def _mention(text: str, facet: str, value: str, start: int, end: int, *, clause: int) -> Mention:
    return Mention(
        facet=facet,
        value=value,
        char_start=start,
        char_end=end,
        quote=text[start:end],
        clause=clause,
    )


def _in_clauses(
    text: str, span: Span, taxonomy: Taxonomy, words: ClauseWords, wanted: set[tuple[str, str]]
) -> list[Mention]:
    """Mentions of ``wanted`` values in the gap clauses of the sentence at ``span``."""
    clauses = gap_clauses(text, span, words)
    piece = text[span.start : span.end]
    out = []
    for f, v, s, e in taxonomy.spans(piece):
        start, end = span.start + s, span.start + e
        k = next((i for i, c in enumerate(clauses) if c.start <= start < c.end), None)
        if (f, v) in wanted and k is not None:
            out.append(_mention(text, f, v, start, end, clause=k))
    return out


def _before(text: str, stmt: GapStatement, words: ClauseWords) -> list[Span]:
    """Up to ``look_back`` sentences before the statement in its paragraph, nearest first."""
    para = next((p for p in _paragraphs(text) if p.start <= stmt.char_start < p.end), None)
    if para is None:
        return []
    spans = [s for s in _sentences(text) if para.start <= s.start and s.end <= stmt.char_start]
    return spans[::-1][: words.look_back]


def _heading(text: str, stmt: GapStatement) -> list[Span]:
    before = [h for h in _headings(text) if h.start < stmt.char_start]
    return [Span(before[-1].start, before[-1].end)] if before else []


@lru_cache(maxsize=16)
def _sentences(text: str) -> tuple[Span, ...]:
    return tuple(sentences(text))


@lru_cache(maxsize=16)
def _paragraphs(text: str) -> tuple[Span, ...]:
    return tuple(paragraphs(text))


@lru_cache(maxsize=16)
def _headings(text: str) -> tuple[Span, ...]:
    return tuple(Span(h.start, h.end) for h in find_headings(text))
