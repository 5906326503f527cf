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
    tags, works = corpus()
    plain = [stmt(400, group=("minority",))]
    concl = [stmt(400, group=("minority",), section="Conclusion")]
    a = find_gaps(plain, tags, works, FACETS)[0]
    b = find_gaps(concl, tags, works, FACETS)[0]
    assert b.score > a.score and "restated" in b.why


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
        load_settings("weights: 3\n")


def test_focus_ignores_catch_all_values() -> None:
    """A statement on a group "in general" (a catch-all crime type) is squarely about the group."""
    from litreview.gaps.score import focus

    s = stmt(0, crime=("general",), group=("x",))
    cell = (("group", "x"),)
    assert focus(s, cell, FACETS) == pytest.approx(0.5)
    assert focus(s, cell, FACETS, any_values={("crime_type", "general")}) == pytest.approx(1.0)


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
