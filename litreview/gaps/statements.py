"""Gap statements: the sentences of a document that say knowledge, evidence, data or research
is missing, unreliable, contested or needed.

A trained model (:mod:`litreview.gaps.statement_model`, shipped in
``litreview/data/gap_model.npz`` and rebuilt by ``benchmarks/train_statements.py``) scores
every sentence the detector reads (:mod:`litreview.gaps.statement_scope`: body text and
explanatory notes, never headings, reference lists, reference strings, captions or contents)
from its words, the word lists of ``gap_cues.yaml``, its neighbours and its section
(:mod:`litreview.gaps.statement_features`). A sentence scoring at least the threshold (a
setting of ``gap_cues.yaml``, which a review may change) is a statement, with its kind, its
strength, its score and ``why`` (the score and the cues that weighed most). Its facet values
come with the words that name them (:mod:`litreview.gaps.mentions`).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import numpy as np

from litreview.core.model import GapStatement
from litreview.core.text import shortened
from litreview.gaps.cues import Cues, default_cues, default_cues_text, load_cues, review_cues
from litreview.gaps.mentions import facet_values, statement_mentions
from litreview.gaps.sentence_encoder import Encoder, default_encoder
from litreview.gaps.statement_features import analyse, document_features, sentence_features
from litreview.gaps.statement_model import (
    Features,
    Scores,
    StatementModel,
    contributions,
    default_model,
    score,
)
from litreview.gaps.statement_pieces import Piece, best_pieces, sentence_pieces
from litreview.gaps.statement_scope import Sentence, read_sentences
from litreview.taxonomy import Taxonomy

__all__ = [
    "Cues",
    "blend",
    "default_cues",
    "default_cues_text",
    "find_statements",
    "load_cues",
    "review_cues",
    "score_sentences",
]

_WHY_CUES = 3


def find_statements(
    doc_id: str,
    text: str,
    cues: Cues,
    taxonomy: Taxonomy,
    *,
    model: StatementModel | None = None,
    encoder: Encoder | None = None,
) -> list[GapStatement]:
    """Every gap statement of ``text`` in document order, with offsets, section, kind,
    strength, score, why, facets and the mentions that name them;
    ``text[s.char_start:s.char_end] == s.quote`` for each. ``encoder`` defaults to the
    shipped one; ``cues.encoder_share`` 0 leaves it unused (and unloaded)."""
    model = model or default_model()
    if encoder is None and cues.encoder_share > 0:
        encoder = default_encoder()
    sents, features, scores, parts = score_sentences(text, cues, model, encoder)
    chosen = [i for i in range(len(sents)) if _is_statement(sents[i], scores.gap[i], cues)]

    is_gap = _PieceTest(cues, model, encoder)
    out = []
    for i in chosen:
        p = round(float(scores.gap[i]), 3)
        mentions = statement_mentions(text, sents, i, cues, taxonomy, is_gap)
        out.append(
            GapStatement(
                doc_id=doc_id,
                char_start=sents[i].start,
                char_end=sents[i].end,
                section=sents[i].section,
                quote=text[sents[i].start : sents[i].end],
                facets=facet_values(mentions, taxonomy.facet_ids),
                strength="implicit" if scores.implicit[i] >= 0.5 else "explicit",
                cue=_top_cue(model, features[i]),
                kind=scores.kind[i],
                score=p,
                why=_why(model, features[i], p, cues.threshold, parts, i),
                mentions=mentions,
            )
        )
    return out


class _PieceTest:
    """Whether a piece of a sentence states a gap by itself (its blended score reaches the
    threshold; the encoder reads it only if that can change the answer), each piece worked
    out once; :meth:`many` reads a list of pieces together."""

    def __init__(self, cues: Cues, model: StatementModel, encoder: Encoder | None) -> None:
        self.cues, self.model, self.encoder = cues, model, encoder
        self.seen: dict[str, bool] = {}  # a piece may be asked about more than once

    def __call__(self, piece: str) -> bool:
        return self.many([piece])[0]

    def many(self, pieces: list[str]) -> list[bool]:
        """The answer for each piece."""
        new = list(dict.fromkeys(p for p in pieces if p not in self.seen))
        if new:
            cues = self.cues
            feats = [sentence_features(p, analyse(p, cues)) for p in new]
            linear = score(self.model, feats).gap
            mixed = blend(linear, new, self.encoder, cues, flags_only=True).score
            self.seen.update(zip(new, (bool(v >= cues.threshold) for v in mixed), strict=True))
        return [self.seen[p] for p in pieces]


@dataclass(frozen=True, slots=True, kw_only=True)
class Blend:
    """A sentence's score and its parts: the linear model's and the encoder's (NaN where
    the encoder did not read the sentence: it scored below the floor, or none is used)."""

    score: np.ndarray
    linear: np.ndarray
    encoder: np.ndarray
    #: the piece of a sentence whose score its linear part is, by sentence index (a
    #: sentence not named here was scored whole)
    piece: dict[int, Piece] = field(default_factory=dict)


def blend(
    linear: np.ndarray,
    texts: list[str],
    encoder: Encoder | None,
    cues: Cues,
    unread: np.ndarray | None = None,
    *,
    flags_only: bool = False,
) -> Blend:
    """The score of each sentence: ``encoder_share`` of the encoder's and the rest of the
    linear model's. The encoder reads only sentences the linear model scores at least
    ``encoder_floor``; the others count its part as 0, which keeps them below any threshold
    above ``(1 - share) * floor``. ``unread`` marks sentences that are never read: nothing
    reads them and they score 0. With ``flags_only`` the encoder also leaves the sentences
    whose linear part alone reaches the threshold (``(1 - share) * linear >= threshold``):
    their scores are then too low, but which sentences reach the threshold is the same."""
    linear = np.array(linear, dtype=float)
    if unread is not None:
        linear[unread] = 0.0
    share = cues.encoder_share if encoder is not None else 0.0
    wanted = linear >= cues.encoder_floor
    if flags_only:
        wanted &= (1.0 - share) * linear < cues.threshold
    if unread is not None:
        wanted &= ~unread
    read = np.flatnonzero(wanted) if share > 0 else np.zeros(0, int)
    enc = np.full(len(linear), np.nan)
    if encoder is not None and len(read):
        enc[read] = encoder.scores([texts[i] for i in read])
    mixed = (1.0 - share) * linear + share * np.nan_to_num(enc, nan=0.0)
    return Blend(score=mixed, linear=linear, encoder=enc)


def score_sentences(
    text: str, cues: Cues, model: StatementModel, encoder: Encoder | None = None
) -> tuple[list[Sentence], list[dict[str, float]], Scores, Blend]:
    """Every sentence of ``text``, its features, the model's scores (their ``gap`` the
    blended score; 0 for a sentence that is never read) and the blend's parts. The linear
    part of a sentence's score is the best of its own and its pieces'
    (:mod:`litreview.gaps.statement_pieces`)."""
    sents = read_sentences(text, cues)
    features = document_features(sents, cues)
    scores = score(model, features)
    found = sentence_pieces(sents, features, cues)
    linear, piece = best_pieces(scores.gap, found, score(model, [p.features for p in found]).gap)
    unread = np.array([bool(s.excluded) for s in sents], dtype=bool)
    parts = blend(linear, [s.flat for s in sents], encoder, cues, unread)
    parts = replace(parts, piece=piece)
    scores.gap[:] = parts.score
    return sents, features, scores, parts


def _is_statement(s: Sentence, p: float, cues: Cues) -> bool:
    """A read sentence scoring at least the threshold, or matching an ``include`` pattern,
    and matching no ``exclude`` pattern."""
    if s.excluded or any(x.search(s.flat) for x in cues.exclude):
        return False
    return p >= cues.threshold or any(x.search(s.flat) for x in cues.include)


def _readable(name: str) -> str:
    """A feature name as a reader understands it."""
    kind, _, body = name.partition(":")
    words = {
        "w": f"'{body}'",
        "b": f"'{body.replace('<s> ', '').replace(' </s>', '')}'",
        "lex": f"{body.replace('_', ' ')} words",
        "con": body.replace("_", " "),
        "chain": body.replace("_", " "),
        "pair": " and ".join(body.replace("_", " ").split("+")) + " words",
        "sec": f"under a {body} heading",
    }
    return words.get(kind, name.replace("_", " "))


def _why(
    model: StatementModel, features: Features, p: float, threshold: float, parts: Blend, i: int
) -> str:
    """The score against the threshold, its parts, the piece the word model read when it
    scored a piece of the sentence, and the features that raised the word model's part
    most."""
    piece = parts.piece.get(i)
    if piece is not None:
        features = piece.features
    top = [n for n, v in contributions(model, features) if v > 0][:_WHY_CUES]
    enc = parts.encoder[i]
    mix = (
        f"; sentence encoder {enc:.2f}, word model {parts.linear[i]:.2f}"
        if not np.isnan(enc)
        else ""
    )
    read = f'; the word model read the part "{shortened(piece.text, 80)}"' if piece else ""
    cues = ", ".join(map(_readable, top))
    return f"score {p:.2f} (threshold {threshold:.2f}{mix}{read}): {cues}"


def _top_cue(model: StatementModel, features: Features) -> str:
    """The word-list construction or word list that raised the score most (``""`` if none)."""
    return next(
        (
            n.partition(":")[2]
            for n, v in contributions(model, features)
            if v > 0 and n.startswith(("con:", "lex:"))
        ),
        "",
    )
