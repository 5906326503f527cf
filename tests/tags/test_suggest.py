"""Learned suggestions: trained on accepted tags, proposed for works lacking a facet with a
calibrated score and located evidence, kept apart; quality cross-validated by group."""

from __future__ import annotations

import random
from dataclasses import replace

import pytest

from litreview.core.model import Citation, Evidence, Tag, Work
from litreview.tags.suggest import MIN_SCORE, MODEL_SOURCE, TagSuggester, suggest_tags
from litreview.tags.suggest_features import WorkEvidence, blind_to, gather_evidence
from litreview.taxonomy.facets import load_taxonomy
from tests.conftest import ROOT

TAXONOMY = load_taxonomy(
    (ROOT / "tests" / "fixture_review" / "bibliography" / "taxonomy.yaml").read_text("utf-8")
)
VALUES = [(f.id, v.id) for f in TAXONOMY.facets for v in f.values]
# topic words that are not the taxonomy's phrases: the model must learn them
WORDS = {
    "heat": ["temperature", "thermal", "summer", "cooling", "sunburn", "humid"],
    "flood": ["river", "rainfall", "basin", "drainage", "levee", "monsoon"],
}
FILLER = ["study", "region", "people", "evidence", "impact", "analysis", "local", "city"]
DOC = "d1"


def corpus(
    n: int = 60, seed: int = 1, untagged: int = 10
) -> tuple[list[Work], list[Citation], str, list[Tag]]:
    """``n`` works on heat or flooding, each cited by its own sentence of one document; the
    last ``untagged`` have no accepted hazard."""
    rng = random.Random(seed)
    works, cits, sentences, tags = [], [], [], []
    at = 0
    for i in range(n):
        topic = "flood" if i % 2 else "heat"
        key = f"w{i:03d}"
        title = " ".join(rng.sample(WORDS[topic], 3) + rng.sample(FILLER, 2))
        sentence = f"Work {i} looked at {' and '.join(rng.sample(WORDS[topic], 2))}."
        works.append(Work(key=key, title=title.capitalize()))
        cits.append(
            Citation(
                doc_id=DOC,
                footnote=i,
                position=0,
                raw="r",
                work_key=key,
                context=sentence,
                char_start=at,
                char_end=at + len(sentence),
            )
        )
        sentences.append(sentence)
        at += len(sentence) + 2
        if i < n - untagged:
            tags.append(Tag(work_key=key, facet="hazard", value=topic, source="rule:x"))
    return works, cits, "\n\n".join(sentences), tags


@pytest.fixture(scope="module")
def trained():  # type: ignore[no-untyped-def]
    works, cits, text, tags = corpus()
    evidence = gather_evidence(works, cits, {DOC: text}, TAXONOMY)
    return works, text, tags, evidence, suggest_tags(evidence, tags, VALUES, taxonomy=TAXONOMY)


def test_suggestions_for_untagged_works_only_scored_and_kept_apart(trained) -> None:  # type: ignore[no-untyped-def]
    works, _, tags, _, report = trained
    tagged = {t.work_key for t in tags}
    assert report.suggestions
    for s in report.suggestions:
        assert s.work_key not in tagged and s.source == MODEL_SOURCE
        assert MIN_SCORE <= s.score <= 1.0
    best = {}
    for s in report.suggestions:
        if s.score > best.get(s.work_key, (0.0, ""))[0]:
            best[s.work_key] = (s.score, s.value)
    for w in works[-10:]:  # every untagged work's best suggestion is its topic
        assert best[w.key][1] == ("flood" if int(w.key[1:]) % 2 else "heat"), w.key


def test_evidence_points_at_the_words_that_made_the_suggestion(trained) -> None:  # type: ignore[no-untyped-def]
    works, text, _, _, report = trained
    titles = {w.key: w.title for w in works}
    for s in report.suggestions:
        ev = s.evidence
        assert ev.quote and ev.char_start is not None and ev.char_end is not None
        if ev.doc_id:
            assert text[ev.char_start : ev.char_end] == ev.quote
        else:
            assert (
                ev.field == "title" and titles[s.work_key][ev.char_start : ev.char_end] == ev.quote
            )
        topic = "heat" if s.value == "heat" else "flood"
        if s.score >= 0.5:
            assert any(w in ev.quote.lower() for w in WORDS[topic]), (s.value, ev.quote)


def test_cross_validated_quality_and_determinism(trained) -> None:  # type: ignore[no-untyped-def]
    _, _, tags, evidence, report = trained
    assert suggest_tags(evidence, tags, VALUES, taxonomy=TAXONOMY) == report
    assert any("cross-validated precision" in line for line in report.summary())
    works, cits, text, tags = corpus(untagged=0)  # every work's hazard known: a fair test
    evidence = gather_evidence(works, cits, {DOC: text}, TAXONOMY)
    (hazard,) = suggest_tags(evidence, tags, VALUES).quality
    assert hazard.facet == "hazard" and hazard.n_works == 60 and hazard.n_positive == 60
    assert hazard.precision_at_top >= 0.9 and hazard.recall_at_top == pytest.approx(1 / 3, abs=0.04)
    assert hazard.precision >= 0.85 and hazard.recall >= 0.8


def test_model_suggestions_are_not_training_data_and_rare_values_are_skipped() -> None:
    works, cits, text, tags = corpus(n=12)
    evidence = gather_evidence(works, cits, {DOC: text}, TAXONOMY)
    fake = Tag(work_key="w011", facet="hazard", value="heat", source=MODEL_SOURCE)
    report = suggest_tags(evidence, [*tags[:3], fake], VALUES)
    assert report.suggestions == () and report.quality[0].n_suggested == 0
    assert set(report.skipped) == {"hazard=heat", "hazard=flood"}
    assert report.summary()[0] == "model hazard: too few accepted tags to learn and measure it"


def test_switching_a_block_off_changes_what_the_model_reads(trained) -> None:  # type: ignore[no-untyped-def]
    _, _, tags, evidence, _ = trained
    labels = {("hazard", v): {t.work_key for t in tags if t.value == v} for v in ("heat", "flood")}
    words = TagSuggester(values=VALUES, use_hits=False, C=3.0).fit(evidence, labels)
    hits = TagSuggester(values=VALUES, use_words=False, C=3.0).fit(evidence, labels)
    last: list[WorkEvidence] = evidence[-10:]
    assert words.predict_proba(last)[("hazard", "heat")].std() > 0.1  # the words tell
    assert hits.predict_proba(last)[("hazard", "heat")].std() < 1e-6  # no phrase: all alike


def test_an_untagged_work_with_a_weak_phrase_hit_is_explained_by_it() -> None:
    works, cits, text, tags = corpus()
    works[-1] = Work(key=works[-1].key, title="Notes on flooding in the delta")
    evidence = gather_evidence(works, cits, {DOC: text}, TAXONOMY)
    labels = {("hazard", v): {t.work_key for t in tags if t.value == v} for v in ("heat", "flood")}
    model = TagSuggester(values=VALUES).fit(evidence, labels)
    ev = model.explain(evidence[-1], ("hazard", "flood"))
    assert ev == Evidence(quote="flooding", field="title", char_start=9, char_end=17) or (
        ev.quote.lower() in WORDS["flood"]
    )


def test_a_rule_blind_model_never_reads_the_facets_own_phrases() -> None:
    works, cits, text, tags = corpus()
    works[-1] = Work(key=works[-1].key, title="Flooding")  # the taxonomy's phrase, nothing else
    works[-2] = Work(key=works[-2].key, title="")
    evidence = gather_evidence(works, cits, {DOC: text}, TAXONOMY)
    labels = {("hazard", v): {t.work_key for t in tags if t.value == v} for v in ("heat", "flood")}
    blind = TagSuggester(values=VALUES, hide=blind_to(TAXONOMY)).fit(evidence, labels)
    contexts_only = [replace(e, contexts=()) for e in evidence[-2:]]
    assert contexts_only[1].hits  # the title's phrase is a hit of the work's evidence
    p = blind.predict_proba(contexts_only)[("hazard", "flood")]
    assert p[1] == pytest.approx(p[0])  # the phrase alone tells it nothing: as an empty title


def test_a_suggestion_is_scored_by_the_model_that_held_its_work_out(trained) -> None:  # type: ignore[no-untyped-def]
    from litreview.tags.suggest_quality import held_out_scores

    _, _, tags, evidence, report = trained
    labels = {("hazard", v): {t.work_key for t in tags if t.value == v} for v in ("heat", "flood")}
    hide = blind_to(TAXONOMY)
    held_out = held_out_scores(evidence, labels, lambda: TagSuggester(values=VALUES, hide=hide))
    everyone = TagSuggester(values=VALUES, hide=hide).fit(evidence, labels).predict_proba(evidence)
    index = {e.key: i for i, e in enumerate(evidence)}
    for s in report.suggestions:
        assert s.score == round(held_out[(s.work_key, s.facet, s.value)], 4)
    # a model trained on every work was told the untagged ones lack their topic
    last = [s for s in report.suggestions if s.work_key == "w059" and s.value == "flood"]
    assert last and last[0].score > everyone[("hazard", "flood")][index["w059"]]


@pytest.mark.parametrize("blind", [True, False], ids=["rule-blind", "rules-seen"])
def test_a_works_own_tags_of_the_facet_are_never_read_the_other_facets_are(blind: bool) -> None:
    works, cits, text, tags = corpus()
    # the flood works are also about children: a curator's tag of another facet
    labels = {("hazard", v): {t.work_key for t in tags if t.value == v} for v in ("heat", "flood")}
    labels[("population", "children")] = {t.work_key for t in tags if t.value == "flood"}
    evidence = gather_evidence(works, cits, {DOC: text}, TAXONOMY, accepted=labels)
    hide = blind_to(TAXONOMY) if blind else None
    model = TagSuggester(values=VALUES, hide=hide, C=3.0).fit(evidence[:-10], labels)
    bare = replace(evidence[-1], tags=())
    told = [replace(bare, tags=(("hazard", v),)) for v in ("heat", "flood")]
    children = replace(bare, tags=(("population", "children"),))
    p = model.predict_proba([bare, *told, children])[("hazard", "flood")]
    assert p[1] == pytest.approx(p[0]) and p[2] == pytest.approx(p[0])  # its answers: unread
    assert p[3] > p[0] + 0.05  # another facet's accepted value is evidence
