"""The citation model's labels for many references at once, in NumPy.

crfsuite tags one sequence at a time and reads every attribute of every token anew: of the
parser's time, converting some 680 attributes a reference into crfsuite's items took more
than a quarter. This tagger reads the weights of the same trained model
(``pycrfsuite.Tagger.info``) and scores a batch in three sums: each distinct word's own
attributes and those it lends its neighbours, scored once and kept
(:class:`.refparse_features.SequenceParts`); the attributes of each token's place in its
sequence, as one sparse product; and the transitions, by Viterbi over the batch's sequences
side by side (sorted by length, in chunks). The labels are crfsuite's: the same weights, the
same sums, ties broken alike (the first label in the model's order), so every benchmark
string gets the labels crfsuite gives it (tested on all of them).

:class:`Weights` holds a model's weights apart from crfsuite: read from a crfsuite file,
averaged over several models trained alike (the shipped citation model is such an average,
which crfsuite cannot read), saved and loaded as a NumPy archive.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pycrfsuite
from scipy import sparse

from litreview.extract.refparse_features import EDGE, SequenceParts

__all__ = ["BatchTagger", "Weights"]

#: sequences tagged side by side in one Viterbi pass (sorted by length, so each chunk's
#: sequences are of about one length and its back-pointers stay small)
CHUNK = 256
#: distinct words whose scores are kept; past this the store is emptied and starts again
MAX_WORDS = 1 << 15
_SHIFTS = (-2, -1, 1, 2)  # the neighbours that lend a token their attributes, as EDGE


@dataclass(frozen=True, slots=True)
class Weights:
    """A linear-chain model's weights: its labels (in the model's order), the attributes
    its state features read, a weight per (attribute, label) and per (label, next label)."""

    labels: tuple[str, ...]
    attributes: tuple[str, ...]
    state: np.ndarray  # (attributes, labels)
    transitions: np.ndarray  # (labels, labels): [a, b] is the weight of a followed by b

    @classmethod
    def of_crfsuite(cls, model_path: str | Path) -> Weights:
        """The weights of a crfsuite model file."""
        tagger = pycrfsuite.Tagger()
        tagger.open(str(model_path))
        info = tagger.info()
        tagger.close()
        labels = tuple(sorted(info.labels, key=info.labels.__getitem__))
        label = {name: i for i, name in enumerate(labels)}
        names = tuple(sorted({attr for attr, _ in info.state_features}))
        row = {name: i for i, name in enumerate(names)}
        state = np.zeros((len(names), len(labels)))
        for (attr, name), w in info.state_features.items():
            state[row[attr], label[name]] = w
        transitions = np.zeros((len(labels), len(labels)))
        for (a, b), w in info.transitions.items():
            transitions[label[a], label[b]] = w
        return cls(labels, names, state, transitions)

    @classmethod
    def average(cls, models: Sequence[Weights]) -> Weights:
        """The mean of several models' weights (a weight a model lacks counts as 0): models
        trained alike on different samples of the data, averaged, vary less than any one of
        them (``benchmarks/refparse_data/AVERAGED.md``). Labels in the first model's order,
        then any new ones; attributes sorted."""
        labels = tuple(dict.fromkeys(name for m in models for name in m.labels))
        label = {name: i for i, name in enumerate(labels)}
        names = tuple(sorted({a for m in models for a in m.attributes}))
        row = {name: i for i, name in enumerate(names)}
        state = np.zeros((len(names), len(labels)))
        transitions = np.zeros((len(labels), len(labels)))
        for m in models:
            rows = np.array([row[a] for a in m.attributes], dtype=np.int64)
            cols = np.array([label[n] for n in m.labels], dtype=np.int64)
            state[np.ix_(rows, cols)] += m.state
            transitions[np.ix_(cols, cols)] += m.transitions
        n = len(models)
        return cls(labels, names, state / n, transitions / n)

    def save(self, path: str | Path) -> None:
        """Write the weights as a compressed NumPy archive (state weights as nonzero
        triples in float32)."""
        rows, cols = np.nonzero(self.state)
        with Path(path).open("wb") as fh:
            np.savez_compressed(
                fh,
                labels=np.array(self.labels),
                attributes=np.array(self.attributes),
                rows=rows.astype(np.int32),
                cols=cols.astype(np.int16),
                values=self.state[rows, cols].astype(np.float32),
                transitions=self.transitions.astype(np.float32),
            )

    @classmethod
    def load(cls, path: str | Path) -> Weights:
        """Weights written by :meth:`save`, or those of a crfsuite model file."""
        if Path(path).suffix != ".npz":
            return cls.of_crfsuite(path)
        with np.load(path, allow_pickle=False) as z:
            labels = tuple(str(x) for x in z["labels"])
            names = tuple(str(x) for x in z["attributes"])
            state = np.zeros((len(names), len(labels)))
            state[z["rows"], z["cols"]] = z["values"]
            transitions = z["transitions"].astype(np.float64)
        return cls(labels, names, state, transitions)


def _grown(store: np.ndarray, size: int) -> np.ndarray:
    """``store`` in a new array of ``size`` rows, its own rows first."""
    out = np.zeros((size, *store.shape[1:]))
    out[: len(store)] = store
    return out


class BatchTagger:
    """A crfsuite linear-chain model's weights, applied to many sequences at once."""

    def __init__(self, model: str | Path | Weights) -> None:
        """Read the model's labels, state features and transitions (a crfsuite model file,
        weights saved by :meth:`Weights.save`, or weights)."""
        weights = model if isinstance(model, Weights) else Weights.load(model)
        self.labels: tuple[str, ...] = weights.labels
        self._attr = {name.encode(): i for i, name in enumerate(weights.attributes)}
        self._unknown = len(weights.attributes)  # the row of an unseen attribute: zeros
        self._weights = np.vstack([weights.state, np.zeros((1, len(self.labels)))])
        self._trans = weights.transitions
        self._edge = self._product(EDGE)  # what the edges lend, per distance
        self._rows: dict[str, int] = {}
        self._own = np.zeros((0, len(self.labels)))
        self._lent = np.zeros((0, len(EDGE), len(self.labels)))

    def _product(self, lists: Sequence[Sequence[bytes]]) -> np.ndarray:
        """Per list of attributes, their summed weights per label (one sparse product)."""
        get, unknown = self._attr.get, self._unknown
        ids = np.array([get(a, unknown) for attrs in lists for a in attrs], dtype=np.int64)
        ends = np.zeros(len(lists) + 1, dtype=np.int64)
        np.cumsum(np.fromiter(map(len, lists), dtype=np.int64, count=len(lists)), out=ends[1:])
        counts = sparse.csr_matrix(
            (np.ones(len(ids)), ids, ends), shape=(len(lists), self._weights.shape[0])
        )
        return np.asarray(counts @ self._weights)

    def _word_rows(self, parts: Sequence[SequenceParts]) -> np.ndarray:
        """Every token's row in the store of word scores, scoring the words not yet in it."""
        rows = self._rows
        new: dict[str, int] = {}
        records = []
        for p in parts:
            for word, rec in zip(p.words, p.records, strict=True):
                if word not in rows and word not in new:
                    new[word] = len(rows) + len(new)
                    records.append(rec)
        if new:
            own = self._product([r.own for r in records])
            lent = self._product([d for r in records for d in r.lent])
            at, k = len(rows), len(records)
            if at + k > len(self._own):  # room for twice as many: one string at a time
                # (as ingest parses notes) must not copy the whole store for each
                size = max(2 * len(self._own), at + k, 256)
                self._own = _grown(self._own, size)
                self._lent = _grown(self._lent, size)
            self._own[at : at + k] = own
            self._lent[at : at + k] = lent.reshape(k, len(EDGE), -1)
            rows.update(new)
        return np.fromiter((rows[w] for p in parts for w in p.words), dtype=np.int64)

    def _state(self, parts: Sequence[SequenceParts]) -> np.ndarray:
        """The state score of every token of ``parts`` (one after another) per label."""
        if len(self._rows) > MAX_WORDS:
            self._rows = {}  # the rows of the store are written over from the first
        rows = self._word_rows(parts)
        state = self._own[rows] + self._product([c for p in parts for c in p.context])
        if parts[0].neighbours:
            lens = np.array([len(p.words) for p in parts])
            starts = np.repeat(np.cumsum(lens) - lens, lens)
            pos = np.arange(len(rows)) - starts
            length = np.repeat(lens, lens)
            for d, shift in enumerate(_SHIFTS):
                there = (pos + shift >= 0) & (pos + shift < length)
                lent = self._lent[rows[np.where(there, np.arange(len(rows)) + shift, 0)], d]
                state += np.where(there[:, None], lent, self._edge[d])
        return state

    def _viterbi(self, state: np.ndarray, lens: np.ndarray) -> np.ndarray:
        """The best label of every token of sequences ``lens`` long, their tokens' scores
        one after another in ``state``, longest first."""
        b, top, n_labels = len(lens), int(lens[0]), len(self.labels)
        starts = np.cumsum(lens) - lens
        score = state[starts].copy()
        back = np.zeros((top, b, n_labels), dtype=np.int16)
        # sequences still running at step t: those longer than t (a prefix, longest first)
        running = np.searchsorted(-lens, -np.arange(top), side="left")
        into = self._trans.T  # into[j, i]: the weight of label i followed by j
        for t in range(1, top):
            k = int(running[t])
            m = score[:k, None, :] + into  # m[s, j, i]: sequence s from label i to j
            back[t, :k] = m.argmax(axis=2)
            score[:k] = m.max(axis=2)  # the value at the argmax, whichever of a tie it is
            score[:k] += state[starts[:k] + t]
        path = np.zeros((b, top), dtype=np.int64)
        path[np.arange(b), lens - 1] = score.argmax(axis=1)
        for t in range(top - 1, 0, -1):
            k = int(running[t])
            path[:k, t - 1] = back[t, np.arange(k), path[:k, t]]
        return np.concatenate([path[i, :n] for i, n in enumerate(lens)])

    def tag_many(self, parts: Sequence[SequenceParts]) -> list[list[str]]:
        """The labels of every sequence of ``parts`` (none empty), in order."""
        order = sorted(range(len(parts)), key=lambda i: -len(parts[i].words))
        out: list[list[str]] = [[] for _ in parts]
        names = np.array(self.labels, dtype=object)
        for c in range(0, len(order), CHUNK):
            chunk = order[c : c + CHUNK]
            batch = [parts[i] for i in chunk]
            lens = np.array([len(p.words) for p in batch])
            flat = names[self._viterbi(self._state(batch), lens)].tolist()
            at = 0
            for i, n in zip(chunk, lens.tolist(), strict=True):
                out[i] = flat[at : at + n]
                at += n
        return out
