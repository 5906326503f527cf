"""A curator's edits applied to tags: additions, removals and accepted suggestions."""

from __future__ import annotations

from litreview.core.curation import load_curation
from litreview.core.model import Evidence, Tag
from litreview.tags.curated_tags import ACCEPTED, accept_suggestions, apply_tag_curation
from litreview.taxonomy.facets import load_taxonomy
from tests.conftest import ROOT

TAXONOMY = load_taxonomy(
    (ROOT / "tests" / "fixture_review" / "bibliography" / "taxonomy.yaml").read_text("utf-8")
)
SUGGESTED = Tag(
    work_key="w1",
    facet="population",
    value="children",
    source="model:evidence-logreg",
    evidence=Evidence(quote="pupils", doc_id="d", char_start=40, char_end=46),
    score=0.42,
)
RULE = Tag(work_key="w1", facet="hazard", value="heat", source="rule:field:title:x")


def curation(text: str):  # type: ignore[no-untyped-def]
    return load_curation(text, "curation.yaml")[0]


def test_an_accepted_suggestion_keeps_the_models_evidence_and_score() -> None:
    cur = curation(
        "tags:\n  accept:\n    - {work: w1, facet: population, value: children, reason: ok}\n"
    )
    tags, problems = accept_suggestions(cur, [SUGGESTED], {"w1"}, TAXONOMY, "curation.yaml")
    assert problems == []
    assert tags == [
        Tag(
            work_key="w1",
            facet="population",
            value="children",
            source=f"{ACCEPTED}:model:evidence-logreg",
            evidence=SUGGESTED.evidence,
            score=0.42,
        )
    ]


def test_an_accepted_value_gone_from_the_suggestions_is_kept_with_a_warning() -> None:
    cur = curation(
        "tags:\n  accept:\n"
        "    - {work: w1, facet: population, value: older_people, reason: read the paper}\n"
        "    - {work: nobody, facet: population, value: children}\n"
        "    - {work: w1, facet: population, value: pets}\n"
    )
    tags, problems = accept_suggestions(cur, [SUGGESTED], {"w1"}, TAXONOMY, "curation.yaml")
    assert [(t.value, t.source, t.evidence.quote) for t in tags] == [
        ("older_people", ACCEPTED, "read the paper")
    ]
    found = sorted((p.line, p.severity, p.message) for p in problems)
    assert [(line, severity) for line, severity, _ in found] == [
        (3, "warning"),
        (4, "error"),
        (5, "error"),
    ]
    assert "not among the suggestions" in found[0][2]


def test_additions_and_removals_still_apply() -> None:
    cur = curation(
        "tags:\n  add:\n    - {work: w1, facet: outcome, value: mortality, reason: deaths}\n"
        "  remove:\n    - {work: w1, facet: hazard, value: heat}\n"
    )
    tags, problems = apply_tag_curation([RULE], cur, {"w1"}, TAXONOMY, "curation.yaml")
    assert problems == [] and [(t.value, t.source) for t in tags] == [("mortality", "curator")]
