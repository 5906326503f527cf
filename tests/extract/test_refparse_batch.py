"""The batch tagger gives crfsuite's labels: on real references, on hostile token
sequences, with and without the neighbours' attributes; and the batch parse is the parse of
each string alone."""

from __future__ import annotations

import json
import tempfile
from functools import cache
from pathlib import Path

import numpy as np
import pycrfsuite
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from litreview.extract import refparse_batch
from litreview.extract.refparse import (
    _data,
    _default_parser,
    canonical_label,
    parse_detailed,
    parse_many,
)
from litreview.extract.refparse_batch import BatchTagger, Weights
from litreview.extract.refparse_features import (
    OFF as OFF_GROUPS,
)
from litreview.extract.refparse_features import (
    SequenceParts,
    encoded_features,
    sequence_parts,
)
from litreview.extract.refparse_text import preprocess
from tests.conftest import DATA, ROOT


def _raws(path: Path, every: int = 1) -> list[str]:
    """The ``raw`` of every ``every``-th record of a JSON-lines file."""
    lines = path.read_text(encoding="utf-8").splitlines()[::every]
    return [json.loads(line)["raw"] for line in lines]


# written for the tests, real references of PLOS papers, legal citations, law reviews and
# the synthetic held-out set (every 10th of the larger ones)
_DATA = ROOT / "benchmarks" / "refparse_data"
CASES = [
    *_raws(DATA / "refparse" / "every_type.jsonl"),
    *_raws(_DATA / "plos_mixed.jsonl", 20),
    *_raws(_DATA / "legal_gold.jsonl"),
    *_raws(_DATA / "law_reviews.jsonl"),
    *_raws(_DATA / "synth_heldout.jsonl", 10),
]


def _trained(records: slice, c1: float, iterations: int) -> Path:
    """A citation model crfsuite trained for these tests on some of AnyStyle's labelled
    references (the shipped weights are an average, which crfsuite cannot read)."""
    trainer = pycrfsuite.Trainer(verbose=False)
    lines = (_DATA / "anystyle_core.jsonl").read_text(encoding="utf-8").splitlines()[records]
    for line in lines:
        labelled = json.loads(line)["labels"]
        pairs = [(w, canonical_label(tag)) for tag, text in labelled for w in text.split()]
        trainer.append(encoded_features([w for w, _ in pairs]), [lab for _, lab in pairs])
    trainer.set_params({"c1": c1, "c2": 0.01, "max_iterations": iterations})
    path = Path(tempfile.mkdtemp()) / "small.crfsuite"
    trainer.train(str(path))
    return path


@cache
def _crf_model() -> Path:
    """The crfsuite model of these tests."""
    return _trained(slice(0, 300), 0.1, 40)


@cache
def _models() -> tuple[BatchTagger, pycrfsuite.Tagger]:
    """A crfsuite model, read both ways."""
    crf = pycrfsuite.Tagger()
    crf.open(str(_crf_model()))
    return BatchTagger(_crf_model()), crf


def _both(
    sequences: list[list[str]], exclude: frozenset[str]
) -> tuple[list[list[str]], list[list[str]]]:
    """The labels of the batch tagger and of crfsuite for token ``sequences``."""
    batch, crf = _models()
    parts = [sequence_parts(tokens, exclude) for tokens in sequences]
    return batch.tag_many(parts), [crf.tag(p.flat()) for p in parts]


def test_labels_of_every_type_are_crfsuites() -> None:
    sequences = [raw.split() for raw in CASES if raw.split()]
    mine, theirs = _both(sequences, frozenset({"organisations"}))
    assert len(sequences) > 400
    assert mine == theirs


def test_without_neighbours_the_labels_are_still_crfsuites() -> None:
    # a token's own and context attributes alone (the neighbours' left out)
    sequences = [raw.split() for raw in CASES if raw.split()]
    mine, theirs = _both(sequences, frozenset({"organisations", "neighbours"}))
    assert mine == theirs


def test_one_token_unknown_words_and_long_sequences() -> None:
    sequences = [
        ["Smith"],
        ["zzqqxx", "qqzzyy"],
        ["word"] * 700,
        ["Smith,", "J.", "(2001)."] * 40,
        ["2001"],
    ]
    mine, theirs = _both(sequences, frozenset({"organisations"}))
    assert [len(labels) for labels in mine] == [1, 2, 700, 120, 1]
    assert mine == theirs


def test_a_full_word_store_starts_again(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(refparse_batch, "MAX_WORDS", 3)
    tagger, crf = BatchTagger(_crf_model()), _models()[1]
    one = [sequence_parts(raw.split()) for raw in CASES[:10]]
    two = [sequence_parts(raw.split()) for raw in CASES[10:20]]
    tagger.tag_many(one)
    assert tagger.tag_many(two) == [crf.tag(p.flat()) for p in two]
    # emptied before the second batch: only its words are kept
    assert set(tagger._rows) == {w for p in two for w in p.words}


def test_chunks_keep_the_order(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(refparse_batch, "CHUNK", 3)
    sequences = [raw.split() for raw in CASES if raw.split()]
    mine, theirs = _both(sequences, frozenset({"organisations"}))
    assert mine == theirs


_TOKENS = st.lists(
    st.one_of(
        st.sampled_from(["Smith,", "J.", "(2001).", "Report.", "London:", "pp.", "12-19.", "&"]),
        st.text(st.characters(blacklist_categories=("Cs", "Zs", "Cc")), min_size=1, max_size=8),
    ),
    min_size=1,
    max_size=30,
)


@given(st.lists(_TOKENS, min_size=1, max_size=6))
@settings(max_examples=60, deadline=None)
def test_any_tokens_get_crfsuites_labels(sequences: list[list[str]]) -> None:
    sequences = [[t for t in tokens if t.split() == [t]] or ["x"] for tokens in sequences]
    mine, theirs = _both(sequences, frozenset({"organisations"}))
    assert mine == theirs


def test_the_features_in_parts_are_the_features() -> None:
    text = "Ministry of Health, Annual Report 2019 (London, 2020), pp. 1-9."
    tokens = text.split(" ")
    parts = sequence_parts(tokens)
    flat = parts.flat()
    assert flat == encoded_features(tokens)
    # each token: its own attributes, its context, then what its neighbours lend it
    assert [len(f) for f in flat] == [
        len(r.own) + len(c) + _lent(parts, i)
        for i, (r, c) in enumerate(zip(parts.records, parts.context, strict=True))
    ]
    assert all(f[: len(r.own)] == list(r.own) for f, r in zip(flat, parts.records, strict=True))


def _lent(parts: SequenceParts, i: int) -> int:
    """How many attributes the neighbours lend token ``i`` (an edge lends one)."""
    n = len(parts.records)
    return sum(
        len(parts.records[i + d].lent[k]) if 0 <= i + d < n else 1
        for k, d in enumerate((-2, -1, 1, 2))
    )


def test_parse_many_is_each_parsed_alone() -> None:
    raws = [
        *CASES,
        "",
        "   ",
        "Ibid.",
        "Smith, J. (2001). A title. cited in Jones, A. (2003). Another. London: Verso.",
        "https://example.org/report-2020",
        "x " * 3000,
    ]
    assert parse_many(raws) == [parse_detailed(r).item for r in raws]
    assert _default_parser().detailed_many(raws) == [parse_detailed(r) for r in raws]


def test_parse_many_of_nothing() -> None:
    assert parse_many([]) == []


def test_no_temporary_file_means_crfsuite_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    import tempfile

    from litreview.extract.refparse import ReferenceParser

    def no_file(*_args: object, **_kwargs: object) -> None:
        raise OSError("read-only file system")

    monkeypatch.setattr(tempfile, "mkstemp", no_file)
    parser = ReferenceParser(_crf_model(), _data("refparse_type.crfsuite"))
    raws = CASES[:20]
    alone = [[(s.label, s.text) for s in parser.label(preprocess(r))] for r in raws]
    many = parser.label_many([preprocess(r) for r in raws])
    assert [[(s.label, s.text) for s in segs] for segs in many] == alone
    assert parser._batch is False


def test_batches_of_strings_keep_the_order(monkeypatch: pytest.MonkeyPatch) -> None:
    from litreview.extract import refparse

    raws = ["", *CASES[:9], "   ", CASES[9]]
    whole = parse_many(raws)
    monkeypatch.setattr(refparse, "BATCH", 3)
    assert parse_many(raws) == whole
    assert parse_many(raws) == [parse_detailed(r).item for r in raws]


def test_the_collector_is_paused_while_parsing_and_left_as_it_was() -> None:
    import gc

    from litreview.extract.refparse import ReferenceParser

    seen: list[bool] = []

    class Watching(ReferenceParser):
        def _detailed_batch(self, raws, labeller):  # type: ignore[no-untyped-def]
            seen.append(gc.isenabled())
            return super()._detailed_batch(raws, labeller)

    parser = Watching(_data("refparse.npz"), _data("refparse_type.crfsuite"))
    assert gc.isenabled()
    parser.detailed_many(CASES[:3])
    assert seen == [False]
    assert gc.isenabled()
    gc.disable()
    try:
        parser.detailed_many(CASES[:3])
        assert not gc.isenabled()
    finally:
        gc.enable()
    # parsing makes no reference cycles: nothing is left for the collector to find
    gc.collect()
    parser.detailed_many(CASES)
    assert gc.collect() == 0


def test_one_model_averaged_and_saved_tags_as_crfsuite(tmp_path: Path) -> None:
    one = Weights.of_crfsuite(_crf_model())
    assert np.array_equal(Weights.average([one]).state, one.state)
    one.save(tmp_path / "w.npz")
    again = Weights.load(tmp_path / "w.npz")
    assert again.labels == one.labels and again.attributes == one.attributes
    assert np.allclose(again.state, one.state, atol=1e-6)
    sequences = [raw.split() for raw in CASES[:150] if raw.split()]
    parts = [sequence_parts(tokens) for tokens in sequences]
    assert BatchTagger(tmp_path / "w.npz").tag_many(parts) == _both(sequences, OFF_GROUPS)[1]


def test_averaged_weights_are_the_mean_of_the_models() -> None:
    a = Weights.of_crfsuite(_trained(slice(0, 120), 0.1, 30))
    b = Weights.of_crfsuite(_trained(slice(120, 240), 0.5, 30))
    mean = Weights.average([a, b])
    assert set(mean.attributes) == set(a.attributes) | set(b.attributes)
    assert set(mean.labels) == set(a.labels) | set(b.labels)
    at = {name: i for i, name in enumerate(mean.attributes)}
    lab = {name: i for i, name in enumerate(mean.labels)}

    def weight(w: Weights, attr: str, label: str) -> float:
        if attr not in w.attributes or label not in w.labels:
            return 0.0
        return float(w.state[w.attributes.index(attr), w.labels.index(label)])

    for attr in [*sorted(set(a.attributes) ^ set(b.attributes))[:20], "w:and", "cap"]:
        for label in ("title", "author"):
            expected = (weight(a, attr, label) + weight(b, attr, label)) / 2
            assert mean.state[at[attr], lab[label]] == pytest.approx(expected)
    ia, ib = a.labels.index("title"), b.labels.index("title")
    expected = (a.transitions[ia, ia] + b.transitions[ib, ib]) / 2
    assert mean.transitions[lab["title"], lab["title"]] == pytest.approx(expected)


def test_the_shipped_weights_label_one_text_as_many() -> None:
    parser = _default_parser()
    assert parser._tagger is None  # saved weights: the batch tagger reads them alone
    texts = [preprocess(r) for r in CASES[:40]]
    alone = [[(s.label, s.text) for s in parser.label(t)] for t in texts]
    assert [[(s.label, s.text) for s in segs] for segs in parser.label_many(texts)] == alone
