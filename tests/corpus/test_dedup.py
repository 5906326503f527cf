"""Tests of deduplication."""

from __future__ import annotations

import pytest

from litreview.core.model import Person, Work, replace
from litreview.corpus.dedup import TITLE_THRESHOLD, apply_merges, merge_files, merge_into

UNODC = (Person(literal="UNODC"),)


def work(key: str = "", **kw: object) -> Work:
    return Work(key=key, **kw)  # type: ignore[arg-type]


def test_same_doi_merges_and_fills_empty_fields() -> None:
    old = work("a2012", title="Alpha", doi="10.1/x", issued="2012")
    new = work("zot1", title="Alpha study", doi="https://doi.org/10.1/X", publisher="P")
    res = merge_into([old], [new])
    assert len(res.works) == 1
    kept = res.works[0]
    assert kept.key == "a2012" and kept.title == "Alpha" and kept.publisher == "P"
    assert res.merges[0].reason == "doi" and res.merges[0].score == 100.0
    assert res.key_map == {"zot1": "a2012"}
    assert len(res.conflicts) == 1 and "title differs" in res.conflicts[0].message


def test_a_year_of_the_date_kept_is_no_conflict() -> None:
    """An export giving the year of a date the corpus holds in full says nothing new; a
    fuller date than the one kept, or another year, is told (kept in merges.csv)."""
    old = work("a2024", title="Alpha", doi="10.1/x", issued="2024-02-13")
    res = merge_into([old], [work("", title="Alpha", doi="10.1/x", issued="2024")])
    assert not res.conflicts and res.works[0].issued == "2024-02-13"
    for issued in ("2024-02-14", "2023"):
        res = merge_into([old], [work("", title="Alpha", doi="10.1/x", issued=issued)])
        assert ["issued differs" in c.message for c in res.conflicts] == [True]
    year = work("a2024", title="Alpha", doi="10.1/x", issued="2024")
    res = merge_into([year], [work("", title="Alpha", doi="10.1/x", issued="2024-02-13")])
    assert len(res.conflicts) == 1 and res.works[0].issued == "2024"  # the kept value wins


def test_same_url_merges_unless_years_differ() -> None:
    old = work("u", title="Page", url="https://www.example.org/r/", issued="2012")
    same = work("", title="Other name", url="http://example.org/r")
    later = work("", title="Page", url="http://example.org/r", issued="2018")
    res = merge_into([old], [same, later])
    assert [m.reason for m in res.merges] == ["url"]
    assert len(res.works) == 2


def test_fuzzy_title_with_score() -> None:
    old = work(
        "k",
        title="Gender and organised crime in South Asia",
        issued="2015",
        authors=(Person(family="Khan", given="A"),),
    )
    new = work(
        "",
        title="Gender and organized crime in South Asia.",
        issued="2015",
        authors=(Person(family="Khan", given="Ayesha"),),
    )
    res = merge_into([old], [new])
    assert len(res.works) == 1
    m = res.merges[0]
    assert m.reason == "title" and TITLE_THRESHOLD <= m.score < 100


def test_editions_stay_apart() -> None:
    a = work("w12", title="World Drug Report 2012", issued="2012", authors=UNODC)
    b = work("", title="World Drug Report 2018", issued="2018", authors=UNODC)
    c = work("", title="World Drug Report 2013", issued="2012", authors=UNODC)
    res = merge_into([a], [b, c])
    assert len(res.works) == 3 and res.merges == ()


def test_different_authors_stay_apart() -> None:
    a = work(
        "a", title="Drug markets in the region", issued="2010", authors=(Person(family="Ali"),)
    )
    b = work(
        "", title="Drug markets in the region", issued="2010", authors=(Person(family="Zhou"),)
    )
    assert len(merge_into([a], [b]).works) == 2


def test_not_duplicates_honoured() -> None:
    a = work("a", title="Annual report on crime", issued="2010", authors=UNODC)
    b = work("b", title="Annual report on crime", issued="2010", authors=UNODC)
    res = merge_into([a], [b], not_duplicates=[frozenset({"a", "b"})])
    assert {w.key for w in res.works} == {"a", "b"}
    assert merge_into([a], [b]).merges[0].kept == "a"


def test_not_duplicates_for_keyless_incoming_uses_content_key() -> None:
    a = work("unodc2010annual", title="Annual report", issued="2010", authors=UNODC)
    b = work("", title="Annual report", issued="2010", authors=UNODC)
    nd = [frozenset({"unodc2010annual", "unodc2010annuala"})]
    res = merge_into([a], [b], not_duplicates=nd)
    assert {w.key for w in res.works} == {"unodc2010annual", "unodc2010annuala"}


def test_keys_stable_and_content_derived() -> None:
    old = work("mine", title="Kept", issued="2000")
    new1 = work("", title="Trafficking routes", issued="2011", authors=(Person(family="Shah"),))
    new2 = work(
        "zotero:9", title="Border economies", issued="2009", authors=(Person(family="Rao"),)
    )
    res = merge_into([old], [new1, new2])
    keys = {w.key for w in res.works}
    assert keys == {"mine", "shah2011trafficking", "zotero:9"}
    again = merge_into(res.works, [new1, new2])
    # records coming back to their own works: no merge recorded (merges.csv stays as it was)
    assert {w.key for w in again.works} == keys and again.merges == ()
    assert again.key_map == {"zotero:9": "zotero:9"}


def test_incoming_key_clash_gets_new_key() -> None:
    old = work("k", title="One", issued="2001")
    new = work("k", title="Something else", issued="2019", authors=(Person(family="Lee"),))
    res = merge_into([old], [new])
    assert res.key_map == {"k": "lee2019something"}


def test_keywords_union_and_extra_kept() -> None:
    a = work("a", title="T", doi="10.1/a", keywords=("x", "y"), extra=(("isbn", "1"),))
    b = work("", title="T", doi="10.1/a", keywords=("y", "z"), extra=(("ISBN", "2"), ("lccn", "3")))
    (w,) = merge_into([a], [b]).works
    assert w.keywords == ("x", "y", "z")
    assert w.extra == (("isbn", "1"), ("lccn", "3"))


def test_incoming_duplicates_fold_together() -> None:
    a = work("", title="Same thing here", issued="2001", authors=(Person(family="Ng"),))
    res = merge_into([], [a, a])
    assert len(res.works) == 1 and len(res.merges) == 1


def test_apply_merges_chain() -> None:
    ws = [work("a", title="A"), work("b", title="B", publisher="P"), work("c", title="C")]
    res = apply_merges(ws, [("a", "b"), ("c", "a")])
    assert [w.key for w in res.works] == ["c"]
    assert res.works[0].publisher == "P"
    assert res.key_map == {"b": "c", "a": "c"}


def test_scales_without_all_pairs(monkeypatch: pytest.MonkeyPatch) -> None:
    import litreview.corpus._dedup_index as dedup  # where the fuzzy scores are computed

    calls = []
    real = dedup.title_score
    monkeypatch.setattr(dedup, "title_score", lambda a, b: calls.append(1) or real(a, b))

    def batch(n: int) -> list[Work]:
        return [
            work(
                "",
                title=f"Study number {i} of crime topic {i % 97}",
                issued=str(1990 + i % 30),
                authors=(Person(family=f"Author{i % 500}"),),
            )
            for i in range(n)
        ]

    res = merge_into([], batch(3000))
    assert len(res.works) == 3000
    assert 0 < len(calls) <= 3000 * 2 * dedup.BLOCK_CAP  # bounded per work; all pairs: 4.5 million


@pytest.mark.parametrize("n", [3])
def test_generic_titles_capped_blocks(n: int) -> None:
    ws = [
        work("", title="Annual report", issued="2010", authors=(Person(literal=f"Org {i}"),))
        for i in range(200)
    ]
    res = merge_into([], ws * n)
    assert len(res.works) == 200


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        (
            "Gender and organised crime in South Asia",
            "Gender and organized crime in South-Asia",
            True,
        ),
        ("The drug trade in the region", "Drug trade in the region", True),
        ("Women in organised crime networks", "Men in organised crime networks", False),
        ("Girls and trafficking in the region", "Boys and trafficking in the region", False),
        ("Human trafficking and the law today", "Human smuggling and the law today", False),
        (
            "Report on victims of trafficking, vol 1",
            "Report on victims of trafficking, vol 2",
            False,
        ),
    ],
)
def test_threshold_cases(a: str, b: str, same: bool) -> None:
    people = (Person(family="Baloch"),)
    res = merge_into(
        [work("k", title=a, issued="2016", authors=people)],
        [work("", title=b, issued="2016", authors=people)],
    )
    assert (len(res.works) == 1) is same


def test_result_independent_of_arrival_order() -> None:
    people = (Person(family="Shah"),)
    batch = [
        work("", title="Trafficking routes east", issued="2011", authors=people, publisher="X"),
        work("", title="Trafficking routes west", issued="2011", authors=people),
        work("", title="Trafficking routes east.", issued="2011", authors=people, place="Y"),
        work("", title="Markets", issued="2011", authors=people, doi="10.1/m"),
    ]
    first = merge_into([], batch)
    second = merge_into([], batch[::-1])
    assert sorted(first.works, key=lambda w: w.key) == sorted(second.works, key=lambda w: w.key)
    assert {w.key for w in first.works} == {
        "shah2011trafficking",
        "shah2011traffickinga",
        "shah2011markets",
    }


def test_untitled_records_merge_only_on_the_very_same_content() -> None:
    un = Person(literal="United Nations")
    old = Work(key="un2000", type="report", authors=(un,), issued="2000", publisher="UN")
    same = Work(key="un2000a", type="report", authors=(un,), issued="2000", publisher="UN")
    other = Work(key="un2000b", type="report", authors=(un,), issued="2000", publisher="Other")
    res = merge_into([old], [same, other])
    assert [(m.kept, m.merged, m.reason) for m in res.merges] == [("un2000", "un2000a", "content")]
    assert sorted(w.key for w in res.works) == ["un2000", "un2000b"]
    apart = merge_into([old], [same], not_duplicates=[frozenset({"un2000", "un2000a"})])
    assert apart.merges == ()


def test_own_record_coming_back_merges_on_its_key() -> None:
    org = Work(
        key="lima2019",
        type="report",
        authors=(Person(literal="Lima, A."),),
        issued="2019",
        container="Board",
    )
    back = Work(
        key="lima2019",
        type="report",
        authors=(Person(family="Lima", given="A."),),
        issued="2019",
        keywords=("group:women",),
    )
    res = merge_into([org], [back])
    assert res.merges == () and res.key_map == {"lima2019": "lima2019"}  # its own work
    assert res.works[0].keywords == ("group:women",)
    later = Work(key="lima2019", type="report", authors=(Person(family="Lima"),), issued="2020")
    assert merge_into([org], [later]).merges == ()  # another year: another work


def test_files_folded_with_one_index_equal_one_file_after_the_other() -> None:
    """merge_files indexes the corpus once; the result is that of merge_into file by file."""
    old = [Work(key="a", title="Drug markets in port cities", issued="2010", doi="10.1/a")]
    one = [
        Work(key="", title="Drug Markets in Port Cities.", issued="2010"),
        Work(key="b", title="Another study of harbours", issued="2011", url="https://x.org/b"),
    ]
    two = [
        Work(key="", title="Another Study of Harbours", issued="2011", doi="10.1/b"),
        Work(key="c", title="A third work", issued="2012", doi="10.1/a"),
    ]
    first = merge_into(old, one, source="one.ris")
    second = merge_into(first.works, two, source="two.ris")
    folded = merge_files(old, [("one.ris", one), ("two.ris", two)])
    assert folded.result.works == second.works
    assert folded.result.merges == first.merges + second.merges
    assert folded.file_conflicts == (first.conflicts, second.conflicts)
    assert len(folded.result.merges) == 3


def test_a_keyless_twin_from_another_export_is_a_recorded_merge() -> None:
    """A search export's keyless record of a work already in the corpus joins it; when it
    brings something the work lacked, merges.csv records the merge (only an unchanged record
    coming back is none)."""
    first = merge_into(
        [], [work("", title="Trafficking routes", issued="2011", authors=(Person(family="Shah"),))]
    )
    twin = work(
        "",
        title="Trafficking routes",
        issued="2011",
        authors=(Person(family="Shah"),),
        doi="10.1/routes",
    )
    res = merge_into(first.works, [twin])
    assert [w.doi for w in res.works] == ["10.1/routes"]
    assert [m.kept for m in res.merges] == ["shah2011trafficking"]
    again = merge_into(res.works, [twin])
    assert again.merges == ()


def test_a_note_giving_only_a_reports_number_joins_the_report() -> None:
    """'GAO-26-107433.' and a typo of it ('GAO26-107433') cite the report numbered so
    elsewhere in full: one work, keyed by the full record; a journal issue number shared by
    two articles, and a bare number, join nothing."""
    full = Work(
        key="gao2025parole",
        type="report",
        title="Humanitarian Parole: Fraud Risks in Parole Processes",
        authors=(Person(literal="GAO"),),
        issued="2025-12-11",
        issue="GAO-26-107433",
    )
    bare = Work(key="anon", type="report", issue="GAO-26-107433")
    typo = Work(key="anona", type="report", issue="GAO26-107433")
    result = merge_into([], [bare, typo, full])
    assert [w.key for w in result.works] == ["gao2025parole"]
    assert result.works[0].title == full.title
    assert {m.reason for m in result.merges} == {"report"}
    a = Work(
        key="a",
        type="article-journal",
        title="Tides",
        authors=(Person(family="Roe", given="J"),),
        issue="S1-20191",
    )
    b = replace(a, key="b", title="Reefs")  # another article of the same issue
    assert len(merge_into([], [a, b]).works) == 2
    one, two = Work(key="x", type="report", issue="13"), Work(key="y", type="report", issue="13")
    assert len(merge_into([], [one, two]).works) == 2
