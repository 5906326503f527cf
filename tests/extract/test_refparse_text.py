"""What the model reads: Markdown resolved, a "cited in" work cut off."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from litreview.extract.refparse_text import _MD_LINK, Related, preprocess, split_related

_PLAIN = st.text(st.characters(blacklist_characters="[]"), min_size=1, max_size=12)


def test_markdown_marks_titles_and_keeps_links() -> None:
    """Footnote marker, italics, ``[t](#)`` and ``<url>`` are resolved; a link after a
    quoted title stays unquoted."""
    assert preprocess("¹² X (2001), '*A B*', [C D](#); <https://e.org/x>.") == (
        "X (2001), 'A B', C D; https://e.org/x."
    )
    assert preprocess("X (2001), [A B](#), [C D](#).") == "X (2001), “A B”, C D."


def test_italic_runs_across_lines_are_one_title_and_links_inside_give_the_url() -> None:
    raw = (
        "Board, _[Saving Collections: Results](https://e.org/p)_ "
        "_[of a Survey](https://e.org/p)_ (2019)."
    )
    assert (
        preprocess(raw)
        == "Board, “Saving Collections: Results of a Survey” https://e.org/p (2019)."
    )


@pytest.mark.parametrize(
    ("raw", "plain"),
    [
        (
            "GAO, _Space Operations_ [, GAO-25-108043 (Washington, D.C.: July]"
            "(https://www.gao.gov/p) 8, 2025).",
            "GAO, “Space Operations” , GAO-25-108043 (Washington, D.C.: July 8, 2025) "
            "https://www.gao.gov/p.",
        ),
        (
            "GAO, _Two Words,_ [GAO-26-107336 (Washington, D.C.: Dec](https://e.org/p) _._ 16, "
            "2025).",
            "GAO, “Two Words”, GAO-26-107336 (Washington, D.C.: Dec . 16, 2025) https://e.org/p.",
        ),
        (
            "GAO, _Two Words_ [GAO-24-105648 (Washington, D.C.: Jan. 30, 2024)](https://e.org/p) "
            "and more (2021).",
            "GAO, “Two Words” GAO-24-105648 (Washington, D.C.: Jan. 30, 2024) https://e.org/p "
            "and more (2021).",
        ),
    ],
)
def test_a_link_that_breaks_a_parenthesis_gives_its_url_after_the_close(
    raw: str, plain: str
) -> None:
    """A link whose text opens a parenthesis it does not close (a report's date cut by the
    link) keeps the words up to the close together and puts the URL after them; a link whose
    text closes its parenthesis is read as before, and emphasis on a full stop alone is the
    full stop."""
    assert preprocess(raw) == plain


def test_backslash_escapes_are_plain_characters() -> None:
    assert preprocess(r"Body \(ACR\), [Title \(Draft\)](#).") == "Body (ACR), “Title (Draft)”."
    # pandoc's Markdown writer escapes these too; a reader sees the characters
    assert preprocess(r"A, 'Interview \| Site', \<https://e.org/x\>, a\&b.") == (
        "A, 'Interview | Site', <https://e.org/x>, a&b."
    )


def test_signal_is_dropped() -> None:
    assert preprocess("See also Smith, J. (2001). Title.") == "Smith, J. (2001). Title."
    assert preprocess("See: Smith, J. (2001). Title.") == "Smith, J. (2001). Title."
    assert preprocess("For example: Smith, J. (2001). Title.") == "Smith, J. (2001). Title."


def test_a_lead_in_at_the_start_goes_and_nowhere_else() -> None:
    assert preprocess("For example, see Roe, A., Tides (2001).") == "Roe, A., Tides (2001)."
    assert preprocess('For more information, see "Tides," https://e.org.') == (
        '"Tides," https://e.org.'
    )
    assert preprocess("For example, 42 U.S.C. §3171.") == "42 U.S.C. §3171."
    assert preprocess("For more information, see https://e.org/t.") == "https://e.org/t."
    kept = "Roe, A., Tides, for example, see Doe (2001)."
    assert preprocess(kept) == kept
    assert preprocess("For the record, Roe said.") == "For the record, Roe said."
    # a lead-in names its topic: "For more on X, see", "For the U.S. rule on Y, see"
    topic = "For more on the EAVS (P.L. 117-2), see CRS In Focus IF13056, Title."
    assert preprocess(topic) == "CRS In Focus IF13056, Title."
    assert preprocess("For the U.S. rule on exports, see Doe, Rules.") == "Doe, Rules."
    # with no signal after it, a clause opening with "For" is the reference's own
    assert preprocess("For Whom the Bell Tolls, Hemingway (1940).") == (
        "For Whom the Bell Tolls, Hemingway (1940)."
    )


def test_the_short_name_a_note_gives_goes() -> None:
    named = 'Harbour Board, "Tide Tables," (hereinafter HB, "Tables"), https://e.org.'
    assert preprocess(named) == 'Harbour Board, "Tide Tables," https://e.org.'
    assert preprocess("Roe, Tides [Hereinafter, Roe Report], 2019.") == "Roe, Tides, 2019."
    assert preprocess("Roe, What Came Thereafter (2019).") == "Roe, What Came Thereafter (2019)."


def test_a_signal_set_in_emphasis_is_a_signal_not_a_title() -> None:
    assert preprocess("_See_ Roe, A. (2001). Title.") == "Roe, A. (2001). Title."
    assert preprocess("See https://e.org/t for the tables.") == "https://e.org/t for the tables."
    assert preprocess("*See also* GAO-23-106067.") == "GAO-23-106067."
    assert preprocess("_See_ 10 C.F.R. pt. 52.") == "See 10 C.F.R. pt. 52."  # as when plain
    # an italic run that holds more than a signal, or another word, is still a title
    assert preprocess("_See Roe_ (2001)") == "“See Roe” (2001)"
    assert preprocess("_Seen_ (2001)") == "“Seen” (2001)"
    # a signal before a title in emphasis, either spelling of it
    assert (
        preprocess("See *Tides* (2001).")
        == preprocess("See _Tides_ (2001).")
        == ("“Tides” (2001).")
    )


def test_cited_in_splits_off_the_other_work() -> None:
    head, related = split_related(
        "Smith, J. (1990). Title. Press, cited in Jones, A. (2001). Other."
    )
    assert head == "Smith, J. (1990). Title. Press"
    assert related == Related("cited-in", "Jones, A. (2001). Other")


def test_cited_in_inside_brackets_and_in_other_languages() -> None:
    assert split_related("Smith (1990: 4) (cited in Jones 2001, p. 5).") == (
        "Smith (1990: 4)",
        Related("cited-in", "Jones 2001, p. 5"),
    )
    assert split_related("Weber 1922, zitiert nach Kaesler 2014")[1] == Related(
        "cited-in", "Kaesler 2014"
    )


def test_no_relation_phrase() -> None:
    text = "Cited Works Board (2001). Annual report."
    assert split_related(text) == (text, None)


def test_a_link_whose_text_holds_brackets_is_a_link_without_the_search_engines_tag() -> None:
    """Search engines write a link to a file with its kind in brackets before the title
    (``[[PDF] Title](url)``, Google Scholar's ``[HTML][HTML]``): the link is read as any
    other, its title without the tag; brackets elsewhere in a link's text stay."""
    assert preprocess("Roe, J. 2010. [[PDF] Ferry routes](https://e.org/f.pdf). Delta Press.") == (
        "Roe, J. 2010. “Ferry routes” https://e.org/f.pdf. Delta Press."
    )
    assert preprocess("[[HTML][HTML] Boats in 2019](https://e.org/b)") == (
        "“Boats in 2019” https://e.org/b"
    )
    assert preprocess("Roe, _[[PDF] Ferry routes](https://e.org/f.pdf)_ (2010).") == (
        "Roe, “Ferry routes” https://e.org/f.pdf (2010)."
    )
    assert preprocess("Roe (2010), [Routes [draft]](#).") == "Roe (2010), “Routes [draft]”."


def test_a_search_engines_tag_read_as_text_goes_where_a_title_can_start() -> None:
    """A page's link read as text keeps the tag before its title: it goes at the reference's
    start and after a sentence's end, nowhere else."""
    assert preprocess("[PDF] Ferry routes of the delta. Delta Press.") == (
        "Ferry routes of the delta. Delta Press."
    )
    assert preprocess("Roe, J. 2010. [PDF] Ferry routes.") == "Roe, J. 2010. Ferry routes."
    assert preprocess("Roe, J. 2010. Routes [PDF] here.") == "Roe, J. 2010. Routes [PDF] here."
    assert preprocess("[PDF]") == "[PDF]"


@given(
    st.lists(
        st.one_of(_PLAIN, _PLAIN.map(lambda s: f"[{s}]"), st.just("[]")), min_size=1, max_size=5
    ).map("".join),
    st.text(
        st.characters(blacklist_categories=("Zs", "Zl", "Zp", "Cc"), blacklist_characters="()[]"),
        max_size=20,
    ),
)
def test_a_link_written_with_bracketed_text_reads_back(text: str, url: str) -> None:
    """Any link text of characters and bracketed groups one level deep, written as a
    Markdown link, is read back whole with its target."""
    m = _MD_LINK.fullmatch(f"[{text}]({url})")
    assert m is not None
    assert (m.group(1), m.group(2)) == (text, url)


@pytest.mark.parametrize(
    "run",
    [" " * 50_000, " \t" * 25_000, "(hereinafter " * 5_000, "For example, " * 5_000, "_" * 50_000],
    ids=["blanks", "blanks-and-tabs", "short-names", "lead-ins", "emphasis"],
)
def test_long_runs_through_the_lead_ins_and_short_names(run: str) -> None:
    """A reference of a long run around the words these patterns look for comes out plain
    (the short-name pattern tried its leading blanks at every blank of a run: 11 s for
    50,000 blanks; now once a run; bench_hostile.py times such strings)."""
    out = preprocess(f"after{run}Roe (hereinafter R), Tides.")
    assert out.endswith("Tides.") and "(hereinafter R)" not in out
