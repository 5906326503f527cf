"""The shipped reference models are what ``benchmarks/train_refparse.py`` builds: their recipe
(options, inputs, tools) is recorded beside them and matches the script's defaults."""

from __future__ import annotations

import json
import sys

import pytest

from tests.conftest import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
import train_refparse  # type: ignore[import-not-found]

sys.path.remove(str(ROOT / "benchmarks"))


def _recipe() -> dict:
    return json.loads(train_refparse.RECIPE.read_text(encoding="utf-8"))


def test_the_shipped_models_are_the_ones_their_recipe_records() -> None:
    models = _recipe()["models"]
    assert set(models) == {"refparse.npz", "refparse_type.crfsuite"}
    for name, digest in models.items():
        assert train_refparse.digest(ROOT / "litreview" / "data" / name) == digest, name


def test_the_recipe_is_the_training_scripts_defaults() -> None:
    # a default changed after the models were trained would rebuild other models
    args = train_refparse.arguments([])
    recorded = _recipe()
    assert recorded["options"] == {k: getattr(args, k) for k in train_refparse.MODEL_OPTIONS}
    assert recorded["crfsuite"] == {**train_refparse.PARAMS, "max_iterations": args.iterations}


def test_the_recipe_names_every_input_of_the_training() -> None:
    args = train_refparse.arguments([])
    names = {train_refparse._name(p) for p in train_refparse.training_inputs(args)}
    assert set(_recipe()["inputs"]) == names
    assert "benchmarks/out/synth_train.jsonl" in names
    assert "../shared/benchmarks/refparse/anystyle_gold.jsonl" in names


def test_the_recipe_records_the_type_models_own_training() -> None:
    # the type model may be retrained alone (--types-only): its parameters and inputs are its own
    args = train_refparse.arguments([])
    typed = _recipe()["type_model"]
    assert typed["crfsuite"] == train_refparse.TYPE_PARAMS
    names = {train_refparse._name(p) for p in train_refparse.type_inputs(args)}
    assert set(typed["inputs"]) == names
    assert {"litreview/extract/refparse_type.py", "benchmarks/out/synth_train.jsonl"} <= names
    assert typed["records"] > 0


def test_a_changed_type_parameter_is_a_difference(monkeypatch: pytest.MonkeyPatch) -> None:
    args = train_refparse.arguments([])
    before = [d for d in train_refparse.recipe_differences(args) if d.startswith("type model")]
    changed = {**train_refparse.TYPE_PARAMS, "c2": 99.0}
    monkeypatch.setattr(train_refparse, "TYPE_PARAMS", changed)
    after = [d for d in train_refparse.recipe_differences(args) if d.startswith("type model")]
    assert [d for d in after if d not in before] == [
        "type model crfsuite c2: shipped 1.0, today 99.0"
    ]
