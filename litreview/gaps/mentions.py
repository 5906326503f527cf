"""The words that name each facet value of a gap statement, and where they come from.

A statement's own words come first (``source="statement"``). A compound sentence that states
two gaps ("Evidence on A remains thin, and the effect of B is poorly understood") is cut into
clauses at the cue file's ``clause_breaks``, each piece kept as a clause when it states a gap
by itself (the caller's ``is_gap``); a piece that states none joins the clause before it (or
after it, at the start). With fewer than two gap clauses the whole sentence is clause 0. A
concessive opener ("Despite evidence on A, data on B is missing") states no gap: its words
name a value only for a facet the rest of the sentence leaves open (``clause=-1``). For a
facet the statement names nothing of, the words come from what it refers back to ("this",
"such research": the sentences before, within its own note or the body;
``source="antecedent"``), and only then from its section heading (``source="heading"``);
both apply to every clause (``clause=-1``).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence
from itertools import pairwise

from litreview.core.model import Mention
from litreview.gaps.cues import NEVER, Cues
from litreview.gaps.statement_scope import Sentence
from litreview.taxonomy import Taxonomy
from litreview.taxonomy.matching import Match

__all__ = ["clauses", "compared", "covered", "facet_values", "statement_mentions"]


def clauses(
    sentence: str, is_gap: Callable[[str], bool], cues: Cues
) -> tuple[list[tuple[int, int]], tuple[int, int] | None]:
    """The clauses of ``sentence`` that state their own gap, as (start, end), and the
    concessive opener that states none ("Despite evidence on A, ..."), if there is one.

    Pieces between the cue file's ``clause_breaks`` that state no gap join a neighbour; with
    fewer than two gap pieces the sentence (less its concessive opener) is one clause.
    """
    opener = _concessive(sentence, is_gap, cues)
    begin = opener[1] if opener else 0
    rest = sentence[begin:]
    breaks = cues.clause_breaks or NEVER
    cuts = [0, *(m.end() for m in breaks.finditer(rest)), len(rest)]
    pieces = [(begin + a, begin + b) for a, b in pairwise(cuts) if rest[a:b].strip()]
    whole = [(begin, len(sentence))]
    if len(pieces) < 2:
        return whole, opener
    gaps = _gap_pieces(is_gap, [sentence[a:b] for a, b in pieces])
    if sum(gaps) < 2:
        return whole, opener
    out: list[list[int]] = []
    for (a, b), gap in zip(pieces, gaps, strict=True):
        if gap or not out:
            out.append([a, b])
        else:
            out[-1][1] = b
    if not gaps[0] and len(out) > 1:  # a leading piece without a gap joins the first gap
        out[1][0] = out[0][0]
        out.pop(0)
    return [(a, b) for a, b in out], opener


def _gap_pieces(is_gap: Callable[[str], bool], pieces: list[str]) -> list[bool]:
    """``is_gap`` of each piece: in one call when ``is_gap`` has a ``many`` method that
    answers for a list (a model then reads them together, faster), else one by one."""
    many = getattr(is_gap, "many", None)
    return list(many(pieces)) if many is not None else [is_gap(p) for p in pieces]


def _concessive(sentence: str, is_gap: Callable[[str], bool], cues: Cues) -> tuple[int, int] | None:
    """The concessive opener of ``sentence``: from its start to the last comma after which
    the rest still states a gap while the opener itself does not."""
    if cues.concessive is None or not cues.concessive.match(sentence):
        return None
    for comma in reversed([i for i, ch in enumerate(sentence) if ch == ","]):
        rest = sentence[comma + 1 :]
        if rest.strip() and is_gap(rest) and not is_gap(sentence[:comma]):
            return 0, comma + 1
    return None


def statement_mentions(
    text: str,
    sents: Sequence[Sentence],
    i: int,
    cues: Cues,
    taxonomy: Taxonomy,
    is_gap: Callable[[str], bool],
) -> tuple[Mention, ...]:
    """Every mention of a facet value for sentence ``i`` of ``sents``: its own words by
    clause, less what it says research already covers (:func:`covered`); for the facets
    they leave open, the words of a concessive opener or of a standard of comparison
    (:func:`compared`), then what the sentence refers back to, then its heading."""
    s = sents[i]
    own_text = text[s.start : s.end]
    spans, opener = clauses(own_text, is_gap, cues)
    aside = [opener] if opener is not None else []
    aside += compared(own_text, cues)
    studied = covered(own_text, cues)
    matches = [m for m in taxonomy.match(own_text) if not _inside(m, studied)]
    own = [_mention(m, s.start, text, spans) for m in matches if not _inside(m, aside)]
    named = {m.facet for m in own}
    extra = [
        _at(m, s.start, text, "statement")
        for m in matches
        if _inside(m, aside) and m.facet not in named
    ]
    named |= {m.facet for m in extra}
    if any(a.search(s.flat) for a in cues.anaphora):
        before = [
            j for j in range(i - 1, -1, -1) if sents[j].note == s.note and not sents[j].excluded
        ]
        for j in before[: cues.context_sentences]:
            a, b = sents[j].start, sents[j].end
            opener = _concessive(text[a:b], is_gap, cues)  # what it concedes is not referred to
            start = a + opener[1] if opener else a
            found = _found(text, start, b, taxonomy, "antecedent", named)
            named |= {m.facet for m in found}
            extra += found
    a, b = s.heading
    if b > a:
        extra += _found(text, a, b, taxonomy, "heading", named)
    return tuple(sorted([*own, *extra], key=lambda m: (m.char_start, m.facet, m.value)))


def compared(sentence: str, cues: Cues) -> list[tuple[int, int]]:
    """The standards of comparison in ``sentence`` ("... more than **men**", "compared with
    **boys**, ..."): from each of the cue file's ``comparisons`` to the next comma, semicolon,
    colon or full stop, or the next of its ``clause_breaks`` ("... than X but Y is needed")."""
    if cues.comparisons is None:
        return []
    found = list(cues.comparisons.finditer(sentence))
    stops = []
    if found:
        stops = [m.start() for m in _PHRASE_END.finditer(sentence)]
        stops += [m.start() for m in (cues.clause_breaks or NEVER).finditer(sentence)]
        stops.sort()
    out = []
    for m in found:
        k = bisect_left(stops, m.end())
        out.append((m.start(), stops[k] if k < len(stops) else len(sentence)))
    return out


def covered(sentence: str, cues: Cues) -> list[tuple[int, int]]:
    """What ``sentence`` says research already covers ("Most studies focus on **the
    experiences of men**, ..."): from each of the cue file's ``covered`` verbs to the end of
    its clause, unless a word of scarcity, negation, need, the future or a modal comes
    before the verb in its clause ("few studies focus on ...": there it is the gap). Each
    pattern is run once over the sentence, so the work stays linear in its length."""
    rule = cues.covered
    if rule is None:
        return []
    verbs = list(rule.verbs.finditer(sentence))
    if not verbs:
        return []
    breaks = [m.end() for m in (cues.clause_breaks or NEVER).finditer(sentence)]
    unless = [(m.start(), m.end()) for m in rule.unless.finditer(sentence)]
    stops = [m.start() for m in rule.ends.finditer(sentence)]
    out = []
    for m in verbs:
        k = bisect_right(breaks, m.start())
        start = breaks[k - 1] if k else 0
        j = bisect_left(unless, (start, -1))
        if j < len(unless) and unless[j][1] <= m.start():
            continue
        ends = [len(sentence)]
        k = bisect_right(breaks, m.end())
        if k < len(breaks):
            ends.append(breaks[k])
        k = bisect_left(stops, m.end())
        if k < len(stops):
            ends.append(stops[k])
        if min(ends) > m.end():
            out.append((m.end(), min(ends)))
    return out


_PHRASE_END = re.compile(r"[,;:]|\.(?:\s|$)")


def _inside(m: Match, spans: Sequence[tuple[int, int]]) -> bool:
    return any(a <= m.start < b for a, b in spans)


def _found(
    text: str, start: int, end: int, taxonomy: Taxonomy, source: str, named: set[str]
) -> list[Mention]:
    """Mentions in ``text[start:end]`` of facets not yet ``named`` (for every clause)."""
    return [
        _at(m, start, text, source) for m in taxonomy.match(text[start:end]) if m.facet not in named
    ]


def _at(m: Match, base: int, text: str, source: str, clause: int = -1) -> Mention:
    """A mention of ``m``, found at ``base``, from ``source``, in ``clause`` (-1: every
    clause)."""
    return Mention(
        facet=m.facet,
        value=m.value,
        char_start=base + m.start,
        char_end=base + m.end,
        quote=text[base + m.start : base + m.end],
        source=source,
        clause=clause,
    )


def _mention(m: Match, base: int, text: str, spans: list[tuple[int, int]]) -> Mention:
    """A mention in the statement itself (``m`` found at ``base``), numbered by its clause."""
    clause = next((k for k, (a, b) in enumerate(spans) if a <= m.start < b), len(spans) - 1)
    return _at(m, base, text, "statement", clause if len(spans) > 1 else 0)


def facet_values(
    mentions: Sequence[Mention], facets: Sequence[str]
) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """The values of each facet (taxonomy order) that the mentions name, sorted."""
    return tuple((f, tuple(sorted({m.value for m in mentions if m.facet == f}))) for f in facets)
