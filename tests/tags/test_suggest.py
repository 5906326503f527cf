"""Learned suggestions: trained on confirmed tags, proposed for untagged works, kept apart."""

from __future__ import annotations

import random

import pytest

from litreview.core.model import Evidence, Tag, Work
from litreview.tags.suggest import MODEL_SOURCE, suggest_tags
from litreview.taxonomy.facets import load_taxonomy

TOPICS = {
    "water": ["river", "flood", "rainfall", "basin", "irrigation", "drainage"],
    "heat": ["temperature", "heatwave", "hot", "thermal", "summer", "cooling"],
}
FILLER = ["study", "report", "region", "people", "evidence", "impact", "analysis", "local"]


def corpus(n: int = 60, seed: int = 1) -> tuple[list[Work], list[Tag]]:
    rng = random.Random(seed)
    works, tags = [], []
    for i in range(n):
        topic = "water" if i % 2 else "heat"
        words = rng.sample(TOPICS[topic], 3) + rng.sample(FILLER, 3)
        works.append(Work(key=f"w{i:03d}", title=" ".join(words)))
        if i < n - 10:  # the last ten are left untagged by the "rules"
            tags.append(
                Tag(
                    work_key=f"w{i:03d}",
                    facet="topic",
                    value=topic,
                    source="rule:x",
                    evidence=Evidence(quote=words[0]),
                )
            )
    return works, tags


@pytest.fixture(scope="module")
def trained():
    works, tags = corpus()
    return works, tags, suggest_tags(works, tags)


def test_suggests_for_untagged_works_only_with_probability_and_model_source(trained) -> None:
    works, tags, report = trained
    tagged = {t.work_key for t in tags}
    assert report.suggestions
    for s in report.suggestions:
        assert s.work_key not in tagged
        assert s.source == MODEL_SOURCE and 0.5 <= s.score <= 1.0
    # every untagged work gets the value matching its words
    got = {(s.work_key, s.value) for s in report.suggestions}
    for w in works[-10:]:
        expected = "water" if int(w.key[1:]) % 2 else "heat"
        assert (w.key, expected) in got


def test_cross_validated_quality_and_determinism(trained) -> None:
    works, tags, a = trained
    b = suggest_tags(works, tags)
    assert a == b
    quality = a.facet_quality()
    assert set(quality) == {"topic"}
    precision, recall = quality["topic"]
    assert precision >= 0.9 and recall >= 0.9
    assert any("cross-validated precision" in line for line in a.summary())


def test_too_few_examples_are_skipped_and_model_rows_are_not_training_data() -> None:
    works, tags = corpus(n=12)
    tags = [*tags[:3], Tag(work_key="w011", facet="topic", value="heat", source=MODEL_SOURCE)]
    report = suggest_tags(works, tags)
    assert report.suggestions == () and report.quality == ()
    assert report.skipped


def test_starter_taxonomy_loads() -> None:
    from importlib import resources

    text = resources.files("litreview").joinpath("data/starter_taxonomy.yaml").read_text("utf-8")
    tax = load_taxonomy(text, "starter_taxonomy.yaml")
    assert tax.facet_ids == ("topic",) and len(tax.facet("topic").values) == 2
    assert not tax.warnings
