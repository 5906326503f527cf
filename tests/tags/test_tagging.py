"""Rule tagging with evidence: fields, citing contexts, document text, curation."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from litreview.core.curation import load_curation
from litreview.core.model import Citation, Document, Work
from litreview.tags.tagging import tag_corpus, work_scores
from litreview.taxonomy.facets import load_taxonomy

TAX = load_taxonomy(
    """\
facets:
  - id: hazard
    values:
      - id: heat
        synonyms: [heat, heatwave]
      - id: flood
        synonyms: [flood, flooding]
        exclude: [flood light]
      - id: drought
        synonyms: [drought]
  - id: population
    values:
      - id: children
        synonyms: [child, children]
      - id: elders
        synonyms: [older people, elderly]
""",
    "tax.yaml",
)

DOC = """Report

Flooding and health

Older people were moved.¹ Children were not.

Heat and drought

A passing note on flood risk.² Water rationing was studied.³

Data

The elderly and children heat heat heat heat heat drought.⁴
"""


def cit(key: str, context: str, section: str, doc: str = "d1", fn: int = 1) -> Citation:
    start = DOC.find(context)
    return Citation(
        doc_id="d1" if doc == "d1" else doc,
        footnote=fn,
        position=1,
        raw="x",
        work_key=key,
        context=context,
        section=section,
        char_start=start if start >= 0 else None,
        char_end=start + len(context) if start >= 0 else None,
    )


WORKS = [
    Work(key="a", title="Narrow report"),
    Work(key="b", title="Notes"),
    Work(key="c", title="Ration cards"),
    Work(key="fld", title="Flood light in streets"),
    Work(key="empty"),
    Work(key="doc", title="Report"),
]
CITS = [
    cit("a", "Older people were moved.", "Flooding and health"),
    cit("b", "A passing note on flood risk.", "Heat and drought", fn=2),
    cit("c", "Water rationing was studied.", "Heat and drought", fn=3),
]
DOCS = [Document(doc_id="d1", path="d1.txt", work_key="doc")]


def run(**kw):
    return tag_corpus(kw.pop("works", WORKS), kw.pop("cits", CITS), {"d1": DOC}, DOCS, TAX, **kw)


def values(result, key: str, facet: str) -> set[str]:
    return {t.value for t in result.tags if t.work_key == key and t.facet == facet}


def test_heading_gives_the_subject_even_when_title_does_not() -> None:
    r = run()
    assert values(r, "a", "hazard") == {"flood"}
    assert values(r, "a", "population") == {"elders"}


def test_passing_mention_does_not_outweigh_a_two_subject_heading() -> None:
    r = run()
    # a heading naming two hazards gives each only half its weight; the sentence decides
    assert values(r, "b", "hazard") == {"flood"}
    assert values(r, "c", "hazard") == set()
    scores = work_scores(r.tags)
    assert scores[("a", "hazard", "flood")] > scores[("b", "hazard", "flood")]


def test_every_row_quotes_its_evidence() -> None:
    r = run()
    assert r.tags
    fields = {w.key: w for w in WORKS}
    for t in r.tags:
        e = t.evidence
        if e.doc_id:
            assert DOC[e.char_start : e.char_end] == e.quote
            assert t.source.startswith(("rule:context:", "rule:text:"))
            assert t.source.endswith(TAX.short_hash)
        elif t.source.startswith("rule:field:"):
            name = t.source.split(":")[2]
            assert getattr(fields[t.work_key], name)[e.char_start : e.char_end] == e.quote


def test_fields_and_excludes() -> None:
    r = run()
    assert values(r, "fld", "hazard") == set()  # "flood light" is excluded
    rows = [t for t in run(works=[Work(key="t", title="Heatwave deaths")], cits=[]).tags]
    assert [(t.value, t.source.split(":")[:3], t.evidence.doc_id) for t in rows] == [
        ("heat", ["rule", "field", "title"], "")
    ]


def test_document_work_is_tagged_from_its_text_with_few_rows() -> None:
    r = run()
    assert "heat" in values(r, "doc", "hazard")
    heat_rows = [
        t
        for t in r.tags
        if t.work_key == "doc" and t.value == "heat" and t.source.startswith("rule:text")
    ]
    assert 1 <= len(heat_rows) <= 3


def test_untaggable_and_empty_corpus() -> None:
    assert run().untaggable == ("empty",)
    empty = tag_corpus([], [], {}, [], TAX)
    assert empty.tags == () and "no works" in empty.problems[0].message


def test_context_not_found_in_text_is_quoted_without_offsets() -> None:
    c = Citation(
        doc_id="zz",
        footnote=1,
        position=1,
        raw="r",
        work_key="b",
        context="Flooding of children.",
        section="",
    )
    r = tag_corpus([Work(key="b")], [c], {}, [], TAX)
    assert values(r, "b", "hazard") == {"flood"}
    assert all(t.evidence.doc_id == "" and t.evidence.char_start is not None for t in r.tags)


CURATION = """\
tags:
  add:
    - {work: c, facet: hazard, value: drought, reason: "rationing in a drought"}
    - {work: nobody, facet: hazard, value: heat, reason: "x"}
    - {work: c, facet: hazard, value: volcano, reason: "x"}
  remove:
    - {work: a, facet: population, value: elders, reason: "moved, not studied"}
"""


def test_curation_wins_and_unknowns_are_reported_with_lines() -> None:
    cur, problems = load_curation(CURATION, "curation.yaml")
    assert not problems
    r = run(curation=cur, curation_path="curation.yaml")
    assert values(r, "c", "hazard") == {"drought"}
    assert values(r, "a", "population") == set()
    curated = [t for t in r.tags if t.source == "curator"]
    assert [(t.work_key, t.evidence.quote) for t in curated] == [("c", "rationing in a drought")]
    assert sorted((p.line, "unknown work" in p.message) for p in r.problems) == [
        (4, True),
        (5, False),
    ]
    assert all(p.path == "curation.yaml" for p in r.problems)


def test_deterministic() -> None:
    assert run().tags == run().tags


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "Flood ",
                "heat ",
                "children. ",
                "\n\n",
                "Older  people ",
                "é ",
                "drought",
                "x. ",
                "¹",
                "Heat and drought\n\n",
            ]
        ),
        min_size=1,
        max_size=25,
    ),
    st.integers(min_value=0, max_value=200),
    st.integers(min_value=1, max_value=80),
)
def test_property_text_quote_holds_for_every_row(parts, start, length) -> None:
    text = "".join(parts)
    start = min(start, max(0, len(text) - 1))
    context = text[start : start + length]
    c = Citation(
        doc_id="d",
        footnote=1,
        position=1,
        raw="r",
        work_key="w",
        context=context,
        section="Heat and drought",
        char_start=start,
        char_end=start + len(context),
    )
    r = tag_corpus(
        [Work(key="w", title=text[:40])],
        [c],
        {"d": text},
        [Document(doc_id="d", work_key="w")],
        TAX,
    )
    for t in r.tags:
        e = t.evidence
        source = {"title": text[:40], "heading": "Heat and drought", "sentence": context}
        if e.doc_id:
            assert text[e.char_start : e.char_end] == e.quote
        else:
            assert source[e.field][e.char_start : e.char_end] == e.quote


@pytest.mark.parametrize("threshold", [0.1, 0.5, 0.95])
def test_threshold_monotone(threshold: float) -> None:
    low = {(t.work_key, t.facet, t.value) for t in run(threshold=0.05).tags}
    high = {(t.work_key, t.facet, t.value) for t in run(threshold=threshold).tags}
    assert high <= low


# -- the command ---------------------------------------------------------------------------
def _review(tmp_path, repo_root):
    from litreview.review import Review

    review = Review.at(tmp_path)
    review.bibliography.mkdir()
    tax = (repo_root / "tests" / "fixture_review" / "bibliography" / "taxonomy.yaml").read_text()
    review.taxonomy_path.write_text(tax, encoding="utf-8")
    (tmp_path / "d1.txt").write_text("Flooding\n\nChildren drowned in floods.¹\n", encoding="utf-8")
    review.save_works([Work(key="w1", title="River report"), Work(key="w2")])
    review.save_documents([Document(doc_id="d1", path="d1.txt")])
    review.save_citations(
        [
            Citation(
                doc_id="d1",
                footnote=1,
                position=1,
                raw="River report",
                work_key="w1",
                context="Children drowned in floods.¹",
                section="Flooding",
                char_start=10,
                char_end=38,
            )
        ]
    )
    return review


def _args(review, suggest=False):
    import argparse

    return argparse.Namespace(review=str(review.root), suggest=suggest)


def test_tag_command_writes_sorted_deterministic_tags(tmp_path, repo_root, capsys) -> None:
    from litreview.commands import tag as cmd

    review = _review(tmp_path, repo_root)
    assert cmd.run(_args(review)) == 0
    first = review.tags_path.read_text()
    assert (
        first.splitlines()[0]
        == "work_key,facet,value,source,evidence,doc_id,char_start,char_end,score"
    )
    assert {(t.work_key, t.facet, t.value) for t in review.load_tags()} == {
        ("w1", "hazard", "flood"),
        ("w1", "population", "children"),
    }
    assert "w2" in capsys.readouterr().err  # listed as untaggable
    assert cmd.run(_args(review)) == 0 and review.tags_path.read_text() == first


def test_tag_command_bad_input_keeps_what_was_saved(tmp_path, repo_root) -> None:
    from litreview.commands import tag as cmd
    from litreview.core.errors import InputError

    review = _review(tmp_path, repo_root)
    assert cmd.run(_args(review)) == 0
    saved = review.tags_path.read_text()
    review.curation_path.write_text("tags: [unclosed\n", encoding="utf-8")
    with pytest.raises(InputError) as err:
        cmd.run(_args(review))
    assert err.value.line is not None and review.tags_path.read_text() == saved
    review.curation_path.unlink()
    review.corpus_path.write_text("", encoding="utf-8")
    with pytest.raises(InputError, match="no works"):
        cmd.run(_args(review))
    assert review.tags_path.read_text() == saved


def test_worker_processes_give_the_same_result() -> None:
    """Chunks tagged in forked workers (split by key, a merge redirecting across chunks)
    give exactly the serial result, in the same order."""
    works = [Work(key=f"k{i:02d}", title=t) for i, t in enumerate(["Flood", "Heat", "", "x"] * 6)]
    cits = [
        cit(w.key, ctx, sec, fn=i)
        for i, (w, (ctx, sec)) in enumerate(
            zip(works, [(c.context, c.section) for c in CITS] * 8, strict=False)
        )
    ]
    merge = "works:\n  merge:\n    - {keep: k01, drop: k22, reason: same}\n"
    cur, problems = load_curation(merge, "c.yaml")
    assert not problems and cur.merges
    serial = tag_corpus(works, cits, {"d1": DOC}, DOCS, TAX, cur, workers=1)
    forked = tag_corpus(works, cits, {"d1": DOC}, DOCS, TAX, cur, workers=2)
    assert serial.tags and forked == serial
    assert any(t.work_key == "k01" and t.evidence.doc_id == "d1" for t in forked.tags)
