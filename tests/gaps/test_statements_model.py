"""The detector's labelled data and model: label files load, the model matches the word lists
it was trained with, training is deterministic, and the model file round-trips."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest
import yaml

from litreview.core.errors import InputError
from litreview.gaps.cues import default_cues
from litreview.gaps.statement_data import KINDS, load_labels
from litreview.gaps.statement_features import analyse, sentence_features
from litreview.gaps.statement_model import (
    StatementModel,
    default_model,
    fit_model,
    load_model,
    model_bytes,
    score,
)
from litreview.gaps.statement_scope import read_sentences
from tests.conftest import DATA, ROOT

LABELS = sorted((ROOT / "benchmarks" / "statements" / "labels").glob("*.yaml"))
FRESH = sorted((ROOT / "benchmarks" / "statements" / "fresh" / "labels").glob("*.yaml"))
#: Every script that trains, tunes or selects a model on the labelled documents.
TRAINING = (
    "train_statements.py",
    "train_encoder.py",
    "statement_experiments.py",
    "statement_embeddings.py",
    "make_word_vectors.py",
    "statement_labels.py",
    "statement_encoder_oof.py",
    "statement_excerpts.py",
)


@pytest.mark.parametrize(
    "path", [*LABELS, *FRESH, DATA / "statement_check.yaml"], ids=lambda p: p.stem
)
def test_every_label_file_loads(path: Path) -> None:
    """Every quote is found as often as labelled; kinds and strengths are known."""
    docs = load_labels(path, ROOT)
    assert docs and all(d.text for d in docs)
    for d in docs:
        assert all(g.kind in KINDS for g in d.gaps)
        assert all(d.text[g.start : g.end].strip() for g in (*d.gaps, *d.not_gaps))


def _documents(path: Path) -> dict[str, bytes]:
    """A label file's documents: doc_id -> the bytes of its text."""
    docs = yaml.safe_load(path.read_text(encoding="utf-8"))["documents"]
    return {str(d["doc_id"]): (ROOT / str(d["text"])).read_bytes() for d in docs}


def test_the_held_out_documents_are_read_by_no_training_script() -> None:
    """The fresh set is the detector's held-out test: its documents are in no training label
    file (by name or by text), and no training script names its folder."""
    fresh = {k: v for f in FRESH for k, v in _documents(f).items()}
    trained = {
        k: v for f in [*LABELS, DATA / "statement_check.yaml"] for k, v in _documents(f).items()
    }
    assert len(fresh) >= 3
    assert not fresh.keys() & trained.keys()
    assert not set(fresh.values()) & set(trained.values())
    for script in TRAINING:
        source = (ROOT / "benchmarks" / script).read_text(encoding="utf-8")
        assert not re.search(r"\bfresh\b", source), script
    for script in sorted((ROOT / "benchmarks").glob("*.py")):
        if script.name != "bench_statements_fresh.py":
            assert not re.search(r"fresh[\"'/]", script.read_text(encoding="utf-8")), script.name


def test_a_quote_not_in_the_text_names_the_line(tmp_path: Path) -> None:
    """A label that does not match its document is an InputError with the file and line."""
    (tmp_path / "d.txt").write_text("Little is known about fraud.\n", encoding="utf-8")
    labels = tmp_path / "l.yaml"
    labels.write_text(
        "documents:\n  - {doc_id: d, text: d.txt}\ngaps:\n"
        "  - {doc: d, kind: missing, strength: explicit, quote: Little is known}\n"
        "  - {doc: d, kind: missing, strength: explicit, quote: Nothing at all}\n",
        encoding="utf-8",
    )
    with pytest.raises(InputError, match="found 0 times") as info:
        load_labels(labels, tmp_path)
    assert (info.value.path, info.value.line) == (str(labels), 5)


def test_the_shipped_model_was_fitted_with_the_shipped_word_lists() -> None:
    """Edit gap_cues.yaml's lists and the model must be rebuilt (benchmarks/train_statements.py)."""
    assert default_model().fingerprint == default_cues().fingerprint


def _toy() -> tuple[list[dict[str, float]], list[bool], list[str], list[str]]:
    """A few sentences' features and labels."""
    cues = default_cues()
    rows = [
        ("Little is known about the effects.", True, "missing", "explicit"),
        ("Data on the effects may be unreliable.", True, "data", "implicit"),
        ("Further research is needed.", True, "research_needed", "explicit"),
        ("The effect was large.", False, "", ""),
        ("The agency lacks funding.", False, "", ""),
        ("We thank the reviewers.", False, "", ""),
    ]
    feats = [sentence_features(t, analyse(t, cues)) for t, *_ in rows]
    return feats, [r[1] for r in rows], [r[2] for r in rows], [r[3] for r in rows]


def test_training_is_deterministic_and_the_model_round_trips() -> None:
    """Two fits give the same weights; saving and loading keeps every score."""
    feats, gap, kind, strength = _toy()
    a = fit_model(feats, gap, kind, strength, fingerprint="f")
    b = fit_model(feats, gap, kind, strength, fingerprint="f")
    assert np.array_equal(a.gap, b.gap) and np.array_equal(a.kind, b.kind)
    back = load_model(model_bytes(a))
    assert back.fingerprint == "f"
    assert np.allclose(score(back, feats).gap, score(a, feats).gap, atol=1e-6)
    assert score(back, feats).kind == score(a, feats).kind


def test_the_kinds_weights_are_read_column_by_column_whatever_order_they_come_in() -> None:
    """A model keeps its kinds' weights so that their transpose, the sparse product's
    operand, is contiguous (else every score copies all of it), and scores the same."""
    feats, gap, kind, strength = _toy()
    fitted = fit_model(feats, gap, kind, strength, fingerprint="f")
    fields = {f: getattr(fitted, f) for f in fitted.__dataclass_fields__}
    rows = StatementModel(**{**fields, "kind": np.ascontiguousarray(fitted.kind)})
    assert rows.kind.T.flags.c_contiguous and default_model().kind.T.flags.c_contiguous
    assert np.array_equal(score(rows, feats).kind_score, score(fitted, feats).kind_score)


def test_the_encoder_scores_cover_every_training_document_sentence_by_sentence() -> None:
    """``benchmarks/statements/encoder_oof.npz`` (what ``statement_labels.py`` blends) holds
    one score per read sentence of every training document, with the sentence's place, and
    nothing else: a document labelled since is scored by ``statement_encoder_oof.py`` before
    it is trained on, and a document the reader cuts otherwise is carried over by it."""
    with np.load(ROOT / "benchmarks" / "statements" / "encoder_oof.npz") as z:
        files = {k: z[k] for k in z.files}
    unseen = set(files.pop("unseen").tolist())
    carried = {str(d) for d, _ in files.pop("carried")}
    spans = {k.removesuffix("@spans"): files.pop(k) for k in list(files) if k.endswith("@spans")}
    cues = default_cues()
    docs = [d for f in [*LABELS, DATA / "statement_check.yaml"] for d in load_labels(f, ROOT)]
    assert set(files) == set(spans) == {d.doc_id for d in docs}
    assert unseen <= set(files) and carried <= set(files)
    for d in docs:
        read = [(s.start, s.end) for s in read_sentences(d.text, cues) if not s.excluded]
        assert spans[d.doc_id].tolist() == [list(r) for r in read], d.doc_id
        assert len(files[d.doc_id]) == len(read), d.doc_id
        assert ((files[d.doc_id] >= 0) & (files[d.doc_id] <= 1)).all()
