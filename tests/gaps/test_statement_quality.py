"""The shipped detector against the hand annotation of the seed documents.

``tests/data/statement_check.yaml`` lists every gap sentence of the seed documents and hard
cases that are not gaps, labelled by the shared annotation rules. The seeds are also part of
the model's training data, so these figures are in-sample: they check that the shipped model
and the labels agree; the out-of-sample figures (grouped cross-validation, the seeds held out
in turn) are printed by ``benchmarks/train_statements.py``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from litreview.gaps.cues import default_cues
from litreview.gaps.sentence_encoder import default_encoder
from litreview.gaps.statement_data import LabelledDocument, load_labels, sentence_labels
from litreview.gaps.statement_model import default_model
from litreview.gaps.statements import score_sentences
from tests.conftest import DATA, ROOT

CHECK = DATA / "statement_check.yaml"


@pytest.fixture(scope="module")
def scored(seeds: Path) -> list[tuple[LabelledDocument, list, list]]:
    """Each seed document with its sentence labels and the shipped detector's scores (the
    linear model blended with the sentence encoder)."""
    del seeds  # the fixture fails when the seeds are missing
    cues, model = default_cues(), default_model()
    out = []
    for doc in load_labels(CHECK, ROOT):
        sents, _, scores, _ = score_sentences(doc.text, cues, model, default_encoder())
        out.append((doc, sentence_labels(doc, sents), list(scores.gap >= cues.threshold)))
    return out


@pytest.fixture(scope="module")
def seeds() -> Path:
    """The seed documents' folder (the check set's texts)."""
    path = ROOT.parent / "shared" / "seeds"
    if not path.is_dir():
        pytest.fail(f"seed documents not found at {path}")
    return path


def test_precision_and_recall_on_the_seeds(scored: list) -> None:
    """Sentence-level precision and recall of the shipped model on the seeds >= 0.9."""
    gold = pred = right = 0
    for _, labels, found in scored:
        gold += sum(lab.gap for lab in labels)
        pred += sum(found)
        right += sum(lab.gap and f for lab, f in zip(labels, found, strict=True))
    precision, recall = right / pred, right / gold
    print(f"seeds: {gold} labelled, {pred} found, {right} right: P {precision:.3f} R {recall:.3f}")
    assert precision >= 0.9 and recall >= 0.9


def test_the_seeds_hard_negatives_are_not_statements(scored: list) -> None:
    """Shortfalls of policy, capacity, resources or awareness and scope remarks are not found."""
    flagged = [
        doc.text[s.start : s.end]
        for doc, labels, found in scored
        for s, lab, f in zip(_spans(doc), labels, found, strict=True)
        if lab.hard and not lab.gap and f
    ]
    assert flagged == []


def _spans(doc: LabelledDocument) -> list:
    from litreview.gaps.statement_scope import read_sentences

    return read_sentences(doc.text, default_cues())
