"""The guards of deduplication: records that look alike but are two works stay apart."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from litreview.core.model import Person, Work
from litreview.corpus.dedup import merge_into
from litreview.corpus.guards import generic_urls, is_specific_url
from litreview.corpus.identity import normalise_url

GAONKAR = (Person(family="Gaonkar", given="Dilip Parameshwar"),)


def test_a_chapter_is_not_merged_into_its_own_book() -> None:
    """biblatex-examples.bib: gaonkar:in is a chapter of the book gaonkar (ratio 93.9)."""
    book = Work(
        key="gaonkar",
        type="book",
        title="Alternative Modernities",
        issued="2001",
        editors=GAONKAR,
        publisher="Duke University Press",
    )
    chapter = Work(
        key="gaonkar:in",
        type="chapter",
        title="On Alternative Modernities",
        issued="2001",
        authors=GAONKAR,
        container="Alternative Modernities",
        pages="1-23",
    )
    res = merge_into([book], [chapter])
    assert res.merges == () and len(res.works) == 2
    assert res.works[0] == book  # the book gains no author, booktitle or pages


@pytest.mark.parametrize(
    "located",
    [{"pages": "10-20"}, {"extra": (("chapter", "3"),)}, {"pages": "1-9", "doi": "10.1/hb"}],
)
def test_a_chapter_titled_as_its_book_that_names_its_pages_is_not_the_book(
    located: dict[str, object],
) -> None:
    """BibTeX's @inbook: the book's title, and the chapter or pages (no booktitle)."""
    book = Work(
        key="hb",
        type="book",
        title="Handbook of Crop Science",
        issued="2010",
        editors=GAONKAR,
        publisher="Press",
        doi="10.1/hb",
    )
    chapter = Work(
        key="ch",
        type="chapter",
        title="Handbook of Crop Science",
        issued="2010",
        authors=GAONKAR,
        publisher="Press",
        **located,  # type: ignore[arg-type]
    )
    for first, second in ((book, chapter), (chapter, book)):
        res = merge_into([first], [second])
        assert res.merges == () and len(res.works) == 2


def test_volumes_editions_and_containers_keep_works_apart() -> None:
    base = dict(
        type="book",
        title="Collected works",
        issued="1990",
        authors=(Person(family="Marx", given="Karl"),),
    )
    one = Work(key="v1", volume="1", **base)  # type: ignore[arg-type]
    two = Work(key="v2", volume="2", **base)  # type: ignore[arg-type]
    second = Work(key="e2", extra=(("edition", "2"),), **base)  # type: ignore[arg-type]
    third = Work(key="e3", extra=(("edition", "3"),), **base)  # type: ignore[arg-type]
    assert merge_into([one], [two]).merges == ()
    assert merge_into([second], [third]).merges == ()
    intro = dict(
        type="chapter",
        title="Introduction",
        issued="2010",
        authors=(Person(family="Lee", given="A."),),
    )
    a = Work(key="a", container="Handbook of Crime", **intro)  # type: ignore[arg-type]
    b = Work(key="b", container="Journal of Borders", **intro)  # type: ignore[arg-type]
    assert merge_into([a], [b]).merges == ()


def test_placeholder_and_lookup_urls_are_no_evidence() -> None:
    assert not is_specific_url(normalise_url("URL"))
    assert not is_specific_url(normalise_url("https://www.example.org/"))
    assert not is_specific_url(normalise_url("https://search.proquest.com/search?q=x"))
    assert not is_specific_url(normalise_url("http://sfx.library.uu.nl/utrecht?sid=EMBASE"))
    assert is_specific_url(normalise_url("https://peerj.com/articles/4375"))
    records = [
        Work(
            key=f"k{i}",
            title=f"Study number {w}",
            url="URL",
            issued="2019",
            authors=(Person(family=w),),
        )
        for i, w in enumerate(["Alpha", "Beta", "Gamma", "Delta"])
    ]
    assert merge_into([], records).merges == ()


def test_a_url_many_different_records_share_is_no_evidence() -> None:
    home = "https://journal.example.org/home"
    records = [
        Work(key=f"r{i}", title=t, url=home, issued="2020")
        for i, t in enumerate(["Drug routes", "Border towns", "Court records"])
    ]
    assert generic_urls(records) == frozenset({normalise_url(home)})
    assert merge_into([], records).merges == ()


def test_a_doi_shared_by_unrelated_records_is_a_data_error() -> None:
    """JabRef's test.bib gives two different articles one DOI."""
    a = Work(
        key="a",
        type="article-journal",
        title="Article with complex Authornames",
        doi="10.1109/MSP.2004.81",
        authors=(Person(family="Mustermann"),),
    )
    b = Work(
        key="b",
        type="article-journal",
        title="Password Memorability and Security",
        doi="10.1109/MSP.2004.81",
        authors=(Person(family="Yan"),),
    )
    assert merge_into([a], [b]).merges == ()
    c = Work(
        key="c",
        type="article-journal",
        title="Password memorability and security",
        doi="https://doi.org/10.1109/msp.2004.81",
        authors=(Person(family="Yan"),),
    )
    assert [m.reason for m in merge_into([b], [c]).merges] == ["doi"]


def test_a_title_edited_by_hand_still_meets_its_record() -> None:
    kept = Work(
        key="k",
        title="Gender and organised crime: a review",
        issued="2015",
        authors=(Person(family="Khan"),),
    )
    back = Work(
        key="k",
        title="Gender and Organised Crime -- a Review (draft)",
        issued="2015",
        authors=(Person(family="Khan"),),
    )
    res = merge_into([kept], [back])
    assert [w.key for w in res.works] == ["k"] and res.merges == ()


def test_a_journal_abbreviation_is_the_same_container() -> None:
    """A record a reference manager stored (full journal name) and the same article from a
    database export (ISO 4 abbreviation, as PubMed gives it) are one work; a different
    journal whose abbreviation leaves a word out is not."""
    article = dict(
        type="article-journal",
        title="Grey swan tropical cyclones",
        issued="2016",
        authors=(Person(family="Lin", given="Ning"),),
    )
    full = Work(
        key="lin2016",
        container="Proceedings of the National Academy of Sciences of the United States of America",
        **article,  # type: ignore[arg-type]
    )
    short = Work(key="lin2016a", container="Proc Natl Acad Sci U S A", **article)  # type: ignore[arg-type]
    other = Work(key="lin2016b", container="J Biol", **article)  # type: ignore[arg-type]
    jbc = Work(key="x", container="Journal of Biological Chemistry", **article)  # type: ignore[arg-type]
    assert len(merge_into([full], [short]).works) == 1
    assert merge_into([jbc], [other]).merges == ()


def test_abbreviations_word_by_word() -> None:
    from litreview.corpus.guards import abbreviates
    from litreview.corpus.identity import normalise_title as n

    assert abbreviates(n("J. Econ. Perspect."), n("Journal of Economic Perspectives"))
    assert abbreviates(n("Soc Sci Med"), n("Social Science & Medicine"))
    assert not abbreviates(n("J Crim Law"), n("Journal of Criminal Justice"))
    assert not abbreviates(n("Journal of Borders"), n("Journal of Borders"))  # not shorter
    assert not abbreviates(n("Nat"), n("Nature"))  # one word says too little


@settings(max_examples=200, deadline=None)
@given(st.lists(st.from_regex(r"[a-z]{2,12}", fullmatch=True), min_size=2, max_size=8))
def test_a_name_cut_word_by_word_abbreviates_it(words: list[str]) -> None:
    full = " ".join(words)
    short = " ".join(w[: max(1, len(w) // 2)] for w in words)
    from litreview.corpus.guards import abbreviates
    from litreview.corpus.identity import STOP_WORDS

    if short != full and not any(w in STOP_WORDS for w in words + short.split()):
        assert abbreviates(short, full)


def test_a_doi_many_differently_titled_records_share_is_no_evidence() -> None:
    """A library that gives every paper of a proceedings volume the volume's DOI (a real
    Zotero export: 51 papers, one DOI): papers by the same author stay apart; two records of
    one paper under that DOI still meet by their title, and a DOI two records share is
    evidence as before."""
    volume = "10.14279/depositonce-0000"
    same = (Person(family="Abadia", given="Patricia"),)
    papers = [
        Work(key=f"p{i}", type="paper-conference", title=t, doi=volume, authors=same, issued="2022")
        for i, t in enumerate(
            [
                "A BIM-based approach towards additive manufacturing of concrete",
                "BIM-based sizing of reactors in processing facilities",
                "BIM-based life cycle assessment framework for infrastructure",
            ]
        )
    ]
    twin = Work(
        key="twin",
        type="paper-conference",
        title=papers[1].title,
        doi=volume,
        authors=same,
        issued="2022",
    )
    res = merge_into([], [*papers, twin])
    assert [(m.kept, m.merged, m.reason) for m in res.merges] == [("p1", "twin", "title")]
    pair = [
        Work(key="x", type="article-journal", title="Gender and crime", doi="10.1/abc"),
        Work(key="y", type="article-journal", title="Gender and Crime.", doi="10.1/ABC"),
    ]
    assert [(m.kept, m.reason) for m in merge_into([], pair).merges] == [("x", "doi")]
