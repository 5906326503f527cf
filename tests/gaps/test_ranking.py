"""Gap themes, classification and ranking on small fake inputs."""

from __future__ import annotations

import pytest

from litreview.core.errors import InputError
from litreview.gaps.register import find_gaps, load_settings, statement_cells
from tests.gap_fakes import FACETS, corpus, statements, stmt, tag


def test_statement_cells_one_value_per_facet() -> None:
    s = stmt(0, crime=("a",), group=("x", "y"))
    cells = statement_cells(s, FACETS)
    assert (("crime_type", "a"), ("group", "x")) in cells
    assert all(len({f for f, _ in c}) == len(c) for c in cells)
    assert len(cells) == 2 * 3 - 1


def test_stated_confirmed_vs_contradicted() -> None:
    tags, works = corpus()
    gaps = {g.id: g for g in find_gaps(statements(), tags, works, FACETS)}
    laundering = gaps["crime_type.laundering--group.women"]
    assert laundering.status == "stated_confirmed" and laundering.kind == "absolute"
    assert [s.char_start for s in laundering.statements] == [100, 200]
    drugs = next(g for g in gaps.values() if 300 in {s.char_start for s in g.statements})
    assert drugs.status == "stated_contradicted" and drugs.n_works == 10
    assert drugs.kind == "synthesis"
    assert set(drugs.sources) <= {f"w{n}" for n in range(10)} and drugs.sources[0] == "w9"


def test_ranking_prefers_stated_and_thin() -> None:
    tags, works = corpus()
    gaps = find_gaps(statements(), tags, works, FACETS)
    ranks = {g.id: g.rank for g in gaps}
    covered = next(g for g in gaps if 300 in {s.char_start for s in g.statements})
    assert ranks["crime_type.laundering--group.women"] < covered.rank
    assert [g.rank for g in gaps] == list(range(1, len(gaps) + 1))
    assert all(g.why and "Score" in g.why for g in gaps)


def test_theme_without_its_statements_falls() -> None:
    """Without one of its statements, the best entry on laundering and women scores less."""
    tags, works = corpus()
    theme = {("crime_type", "laundering"), ("group", "women")}

    def best(stmts: list) -> float:
        gaps = find_gaps(stmts, tags, works, FACETS)
        return max(g.score for g in gaps if theme <= set(g.cell) and g.statements)

    assert best([s for s in statements() if s.char_start != 100]) < best(statements())


def test_restated_in_conclusion_counts() -> None:
    """Said again under a conclusion heading, a gap stated elsewhere scores more than one said
    in two ordinary sections; stated only there, it is stated once, not restated."""
    tags, works = corpus()
    body = stmt(400, group=("minority",), section="Findings")
    plain = [body, stmt(500, group=("minority",), section="Discussion")]
    concl = [body, stmt(500, group=("minority",), section="Conclusion")]
    a = find_gaps(plain, tags, works, FACETS)[0]
    b = find_gaps(concl, tags, works, FACETS)[0]
    assert b.score > a.score and "restated" in b.why and "restated" not in a.why
    once = find_gaps([stmt(400, group=("minority",), section="Conclusion")], tags, works, FACETS)
    alone = find_gaps([body], tags, works, FACETS)
    assert once[0].score == alone[0].score and "restated" not in once[0].why


def test_score_is_stated_times_thinness() -> None:
    """A stated gap's score is its stated part scaled by its thinness, and ``why`` says so."""
    tags, works = corpus()
    for g in find_gaps(statements(), tags, works, FACETS):
        if g.statements:
            parts = dict(g.parts)
            assert set(parts) == {"stated", "thinness"}
            assert g.score == pytest.approx(parts["stated"] * parts["thinness"], abs=1e-4)
            assert f"= stated {parts['stated']:.2f} × thinness {parts['thinness']:.2f}" in g.why


def test_one_weak_statement_on_an_empty_cell_ranks_below_several_statements() -> None:
    """Thinness scales the evidence, it does not add to it: a cell no work covers, backed by
    one implicit statement, ranks below a cell with works that three statements back."""
    tags, works = corpus()
    several = [stmt(n, crime=("drugs",), group=("women",), section=f"S{n}") for n in (1, 2, 3)]
    weak = [stmt(9, crime=("arms",), group=("girls",), strength="implicit")]
    gaps = {g.id: g for g in find_gaps([*several, *weak], tags, works, FACETS)}
    strong, thin = gaps["crime_type.drugs--group.women"], gaps["crime_type.arms--group.girls"]
    assert strong.n_works == 10 and thin.n_works == 0
    assert strong.rank < thin.rank


def test_a_statement_counts_at_most_once_in_full_among_nested_cells() -> None:
    """A wider gap placed first takes its focus share of a statement (a third of one naming
    three facets) and a narrower cell counts the rest, saying so; with nothing of its own
    the narrower cell still falls below a gap with a statement of its own."""
    tags, works = corpus()
    wide = [stmt(n, crime=("arms",), section=f"S{n}") for n in (1, 2)]
    narrow = stmt(3, crime=("arms",), group=("girls",), dim=("roles",))
    other = stmt(4, group=("boys",))
    gaps = find_gaps([*wide, narrow, other], tags, works, FACETS)
    by_id = {g.id: g for g in gaps}
    arms = by_id["crime_type.arms"]
    sub = by_id["crime_type.arms--group.girls--gender_dimension.roles"]
    assert arms.rank == 1 and len(arms.counted) == 3
    assert arms.shares == pytest.approx((1, 1, 1))
    assert sub.counted == (narrow,) and sub.shares == pytest.approx((2 / 3,))  # 1 - 1/3 left
    assert "1 statement of 1 counts here only in part" in sub.why
    alone = find_gaps([narrow], tags, works, FACETS)[0]
    assert 0 < sub.score < alone.score
    assert sub.rank > by_id["group.boys"].rank


def test_a_narrower_gap_placed_first_leaves_nothing_of_its_statements() -> None:
    """Statements a narrower gap counts in full add nothing to a wider cell after it."""
    tags, works = corpus()
    narrow = [stmt(n, crime=("arms",), group=("girls",), section=f"S{n}") for n in (1, 2)]
    own = stmt(3, crime=("arms",), strength="implicit")
    gaps = {g.id: g for g in find_gaps([*narrow, own], tags, works, FACETS)}
    first, wider = gaps["crime_type.arms--group.girls"], gaps["crime_type.arms"]
    assert first.rank == 1 and first.shares == pytest.approx((1, 1))
    assert wider.counted == (own,) and wider.shares == pytest.approx((1,))
    assert "2 statements of 3 already count for a higher gap" in wider.why


def test_silent_gaps_listed_after_stated() -> None:
    tags, works = corpus()
    for n in range(3):
        tags.append(tag(f"w{n}", "gender_dimension", "health"))
        tags.append(tag(f"x{n}", "crime_type", "arms"))
    gaps = find_gaps(statements(), tags, works, FACETS)
    silent = [g for g in gaps if g.status == "silent"]
    assert silent and all(not g.statements for g in silent)
    assert min(g.rank for g in silent) > max(g.rank for g in gaps if g.status != "silent")


def test_redundant_subthemes_dropped() -> None:
    tags, works = corpus()
    gaps = find_gaps(statements(), tags, works, FACETS)
    sets = [frozenset((s.doc_id, s.char_start) for s in g.statements) for g in gaps if g.statements]
    assert len(sets) == len(set(sets))


def test_deterministic() -> None:
    tags, works = corpus()
    assert find_gaps(statements(), tags, works, FACETS) == find_gaps(
        list(reversed(statements())), list(reversed(tags)), works, FACETS
    )


def test_bad_settings_is_input_error() -> None:
    with pytest.raises(InputError, match="bad gap scoring"):
        load_settings("silent_weights: 3\n")


def test_focus_ignores_catch_all_values() -> None:
    """A statement on a group "in general" (a catch-all crime type) is squarely about the group."""
    from litreview.gaps.score import focus

    s = stmt(0, crime=("general",), group=("x",))
    cell = (("group", "x"),)
    assert focus(s, cell, FACETS) == pytest.approx(0.5)
    assert focus(s, cell, FACETS, any_values={("crime_type", "general")}) == pytest.approx(1.0)


def test_focus_gives_each_coordinated_value_the_whole_claim_but_not_the_cross_product() -> None:
    """A list ("X, Y and Z are absent from the research") is a gap on each of X, Y and Z in full; a
    clause naming two values in each of two facets does not say which pairs go together."""
    from litreview.gaps.score import focus

    listed = stmt(0, group=("x", "y", "z"))
    assert focus(listed, (("group", "y"),), FACETS) == pytest.approx(1.0)
    assert focus(listed, (("crime_type", "drugs"),), FACETS) == pytest.approx(1e-3)
    crossed = stmt(0, crime=("drugs", "arms"), group=("x", "y"))
    assert focus(crossed, (("crime_type", "arms"),), FACETS) == pytest.approx(0.5)
    assert focus(crossed, (("crime_type", "arms"), ("group", "x")), FACETS) == pytest.approx(0.5)
    paired = stmt(0, crime=("drugs",), group=("x", "y"))
    assert focus(paired, (("crime_type", "drugs"), ("group", "x")), FACETS) == pytest.approx(1.0)
    three = stmt(0, crime=("drugs", "arms"), group=("x", "y", "z"), dim=("roles",))
    cell = (("crime_type", "arms"), ("group", "x"), ("gender_dimension", "roles"))
    assert focus(three, cell, FACETS) == pytest.approx(3 / 6)


def test_specificity_is_rarity_not_facet_count() -> None:
    """A cell pinning one rare value is narrower than one pinning a common value, and as
    narrow as a cell pinning two values; without tags it falls back to the facet share."""
    from litreview.gaps.index import index_corpus
    from litreview.gaps.score import specificity

    tags, works = corpus()
    index = index_corpus(tags, works, load_settings())
    rare = specificity((("group", "minority"),), FACETS, index)
    common = specificity((("group", "women"),), FACETS, index)
    pair = specificity((("crime_type", "drugs"), ("group", "women")), FACETS, index)
    assert 0 < common < pair < 1 and common < rare <= 1
    empty = index_corpus([], works, load_settings())
    assert specificity((("group", "women"),), FACETS, empty) == pytest.approx(1 / 3)
