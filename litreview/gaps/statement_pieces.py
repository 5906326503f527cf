"""The parts of a sentence that may state a gap by themselves (pure).

A long sentence can state a gap in one of its parts while the rest of it speaks of something
else: "Although 180 countries are parties to the Convention, of which Article 16 requires
..., much less is known about how to implement it"; "The functional consequences are
largely unknown, including the continued provision of ecosystem services such as coastal
protection". The linear model reads a sentence's words as one bag, so the words of the other
part ("provision", "services", "protection": shortfalls of policy, which it has learnt are
not gaps) outweigh the cue. The detector therefore also scores each piece of the sentence
with the same model and keeps the best score (``statements.score_sentences``):

- its clauses, cut at the cue file's ``clause_breaks`` ("...; ...", ", but ...");
- after a concessive opener ("Although ...,"), what follows each of its first commas;
- before an illustration (the cue file's ``illustrations``: ", including ...", ", such as
  ..."), the sentence up to the first one;
- the sentence without its parenthetical asides ("(to our knowledge ...)", "(Smith, 2015)").

A piece carries its sentence's section heading and list-item features. Every piece is at most
as long as its sentence, and a sentence gives at most ``MAX_PIECES`` of them, so the work
stays linear in the text. Measured over five grouped folds, blended as shipped
(benchmarks/statements/README.md).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import pairwise

import numpy as np

from litreview.gaps.cues import Cues
from litreview.gaps.statement_features import analyse, sentence_features
from litreview.gaps.statement_scope import Sentence

__all__ = ["MAX_PIECES", "Piece", "best_pieces", "pieces", "sentence_pieces"]

#: At most this many pieces of one sentence are scored, and at most this many of a concessive
#: opener's commas are tried.
MAX_PIECES = 8
_COMMA = re.compile(r",\s+")
_ASIDE = re.compile(r"\s*\([^()]*\)")
_MIN_WORDS = 3  # a shorter piece says too little to be read alone


@dataclass(frozen=True, slots=True, kw_only=True)
class Piece:
    """A part of sentence ``sentence`` (its index in the document), its text and features."""

    sentence: int
    text: str
    features: dict[str, float]


def pieces(text: str, cues: Cues) -> list[str]:
    """The pieces of one sentence, each other than the sentence, in a fixed order, no two
    alike; none when ``cues.read_pieces`` is off."""
    if not cues.read_pieces:
        return []
    found: list[str] = []
    if cues.clause_breaks is not None:
        cuts = [0, *(m.end() for m in cues.clause_breaks.finditer(text)), len(text)]
        if len(cuts) > 2:
            found += [text[a:b] for a, b in pairwise(cuts)]
    if cues.concessive is not None and cues.concessive.match(text):
        for m in list(_COMMA.finditer(text))[:MAX_PIECES]:
            found.append(text[m.end() :])
    if cues.illustrations is not None:
        tail = cues.illustrations.search(text)
        if tail is not None:
            found.append(text[: tail.start()].rstrip(" ,;:") + ".")
    without = _ASIDE.sub("", text)
    if without != text:
        found.append(without)
    out = []
    for p in dict.fromkeys(p.strip() for p in found):
        if p and p != text.strip() and len(p.split()) >= _MIN_WORDS:
            out.append(p)
    return out[:MAX_PIECES]


def sentence_pieces(
    sents: Sequence[Sentence], features: Sequence[Mapping[str, float]], cues: Cues
) -> list[Piece]:
    """The pieces of every read sentence of a document, with their features: their own
    words' and the section and list-item features of their sentence (``features[i]``)."""
    out = []
    for i, s in enumerate(sents):
        if s.excluded or not any(k.startswith(("lex:", "chain:")) for k in features[i]):
            continue  # a piece holds no word of the cue lists that its sentence lacks
        context = {k: v for k, v in features[i].items() if k.startswith("sec:")}
        if "after_colon" in features[i]:
            context["after_colon"] = features[i]["after_colon"]
        for text in pieces(s.flat, cues):
            f = sentence_features(text, analyse(text, cues))
            f.update(context)
            out.append(Piece(sentence=i, text=text, features=f))
    return out


def best_pieces(
    gap: np.ndarray, found: Sequence[Piece], piece_gap: np.ndarray
) -> tuple[np.ndarray, dict[int, Piece]]:
    """Each sentence's score raised to its best piece's (``piece_gap[k]`` is the score of
    ``found[k]``), and the piece that gave it, by sentence index."""
    out = np.array(gap, dtype=float)
    winner: dict[int, Piece] = {}
    for p, s in zip(found, piece_gap.tolist(), strict=True):
        if s > out[p.sentence]:
            out[p.sentence] = s
            winner[p.sentence] = p
    return out, winner
