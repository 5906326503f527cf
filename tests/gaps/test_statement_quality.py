"""Sentence-level precision and recall of gap statements against a hand-labelled check set.

``tests/data/statement_check.yaml`` lists every gap sentence of the seed documents, labelled
by hand; every other sentence is a not-gap. Targets: precision >= 0.8, recall >= 0.85.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from litreview.core.model import GapStatement
from litreview.core.text import sentences
from litreview.gaps.statements import default_cues, find_statements
from litreview.taxonomy.facets import load_taxonomy
from tests.conftest import DATA, ROOT

CHECK = DATA / "statement_check.yaml"


def _norm(s: str) -> str:
    """Text compared without emphasis marks and with single spaces."""
    return re.sub(r"\s+", " ", s.replace("*", "")).strip()


def _labels(
    seeds: Path,
) -> tuple[
    set[tuple[str, int]], set[tuple[str, int]], dict[str, list[int]], dict[str, list[GapStatement]]
]:
    """(labelled gap sentences, predicted gap sentences, quote -> sentences it names,
    document -> statements found)."""
    check = yaml.safe_load(CHECK.read_text(encoding="utf-8"))
    taxonomy = load_taxonomy((ROOT / "bibliography" / "taxonomy.yaml").read_text(encoding="utf-8"))
    cues = default_cues()
    gold: set[tuple[str, int]] = set()
    pred: set[tuple[str, int]] = set()
    hits: dict[str, list[int]] = {}
    found_quotes: dict[str, list[GapStatement]] = {}
    for doc in check["documents"]:
        text = (seeds / f"{doc}.txt").read_text(encoding="utf-8")
        spans = sentences(text)
        statements = find_statements(doc, text, cues, taxonomy)
        found_quotes[doc] = statements
        flat = [_norm(text[s.start : s.end]) for s in spans]
        for item in (g for g in check["gaps"] if g["doc"] == doc):
            found = [i for i, s in enumerate(flat) if _norm(item["quote"]) in s]
            hits[item["quote"]] = found
            gold.update((doc, i) for i in found)
        starts = {s.start: i for i, s in enumerate(spans)}
        pred.update((doc, starts[st.char_start]) for st in statements)
    return gold, pred, hits, found_quotes


@pytest.fixture(scope="module")
def scored() -> tuple[set, set, dict, dict]:
    """The check set scored once for the module."""
    seeds = ROOT.parent / "shared" / "seeds"
    if not seeds.is_dir():
        pytest.fail(f"seed documents not found at {seeds}")
    return _labels(seeds)


def test_every_label_names_its_sentences(scored: tuple[set, set, dict, dict]) -> None:
    """Each labelled quote is found in as many sentences as it says (label rot shows here)."""
    check = yaml.safe_load(CHECK.read_text(encoding="utf-8"))
    counts = {g["quote"]: g.get("count", 1) for g in check["gaps"]}
    _, _, hits, _ = scored
    wrong = {q: len(hits[q]) for q in counts if len(hits[q]) != counts[q]}
    assert wrong == {}


def test_precision_and_recall(scored: tuple[set, set, dict, dict]) -> None:
    """Sentence-level precision >= 0.8 and recall >= 0.85."""
    gold, pred, _, _ = scored
    tp = len(gold & pred)
    precision, recall = tp / len(pred), tp / len(gold)
    print(
        f"gap statements: {len(gold)} labelled, {len(pred)} found, {tp} right: "
        f"precision {precision:.3f}, recall {recall:.3f}"
    )
    assert precision >= 0.8, sorted(pred - gold)
    assert recall >= 0.85, sorted(gold - pred)


def test_hard_negatives_are_not_statements(scored: tuple[set, set, dict, dict]) -> None:
    """Shortfalls of policy, capacity or resources are not reported as gaps."""
    check = yaml.safe_load(CHECK.read_text(encoding="utf-8"))
    found = scored[3]
    flagged = [
        item["quote"]
        for item in check["not_gaps"]
        if any(_norm(item["quote"]) in _norm(s.quote) for s in found[item["doc"]])
    ]
    assert flagged == []


def test_strength_agrees_with_the_labels(scored: tuple[set, set, dict, dict]) -> None:
    """explicit/implicit agrees with the hand labels on at least 80% of found gap sentences."""
    check = yaml.safe_load(CHECK.read_text(encoding="utf-8"))
    pairs = []
    for doc in check["documents"]:
        found = scored[3][doc]
        for item in (g for g in check["gaps"] if g["doc"] == doc):
            pairs += [
                (item["strength"], s.strength)
                for s in found
                if _norm(item["quote"]) in _norm(s.quote)
            ]
    agreement = sum(a == b for a, b in pairs) / len(pairs)
    print(f"strength agreement {agreement:.3f} over {len(pairs)}")
    assert len(pairs) >= 35 and agreement >= 0.8
