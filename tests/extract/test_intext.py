"""In-text citations linked to reference-list entries."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from litreview.extract.intext import (
    TemporaryItem,
    _EntryIndex,
    _fold,
    _Spans,
    entry_of,
    in_text_citations,
    temporary_citations,
)
from litreview.extract.reflist import RefEntry


def _entry(index: int, raw: str, label: int | None = None) -> RefEntry:
    return RefEntry(index=index, label=label, raw=raw, start=0, end=0, line=1)


AUTHOR_YEAR = [
    _entry(1, "Lin N, Emanuel K. 2016. Grey swan tropical cyclones."),
    _entry(2, "Walsh KJE, McBride JL, Klotzbach PJ. 2016. Tropical cyclones."),
    _entry(3, "Wu L, Belasco JG. 2008. Let me count the ways. Mol Cell."),
    _entry(4, "Wu L, Belasco JG. 2008. Micro-RNA regulation. Mol Cell Biol."),
    _entry(5, "Negrello Filho OA, Lana PC. 2013. Short-term stability."),
]


def _links(text: str, entries: list[RefEntry], **kw: bool) -> list[tuple[str, list[int | None]]]:
    return [(c.text, [w.entry for w in c.works]) for c in in_text_citations(text, entries, **kw)]


def test_numeric_groups_and_ranges() -> None:
    entries = [_entry(k, f"Ref {k}.", label=k) for k in range(1, 8)]
    text = "One [1]. Range [2]–[5]. Pair [6],[7]. List [1, 3–4]."
    assert _links(text, entries) == [
        ("[1]", [1]),
        ("[2]–[5]", [2, 3, 4, 5]),
        ("[6],[7]", [6, 7]),
        ("[1, 3–4]", [1, 3, 4]),
    ]


def test_numeric_citation_without_entry_is_kept_unlinked() -> None:
    assert _links("See [9].", [_entry(1, "Ref.", label=1)]) == [("[9]", [None])]


def test_author_year_parenthetical_narrative_and_letters() -> None:
    text = (
        "Storms grow (Lin & Emanuel, 2016; Walsh et al., 2016). As Negrello Filho & Lana "
        "(2013) showed, and others (Wu and Belasco, 2008b; see also Wu and Belasco, 2008a)."
    )
    assert _links(text, AUTHOR_YEAR) == [
        ("(Lin & Emanuel, 2016; Walsh et al., 2016)", [1, 2]),
        ("Negrello Filho & Lana (2013)", [5]),
        ("(Wu and Belasco, 2008b; see also Wu and Belasco, 2008a)", [4, 3]),
    ]


def test_leading_words_that_name_no_entry_are_dropped() -> None:
    assert _links("In Brazil, Lin & Emanuel (2016) agree.", AUTHOR_YEAR)[0][1] == [1]


def test_a_possessive_name_cites_its_author() -> None:
    """ "O'Neil's (2015) survey": the work of O'Neil; "Walsh's" and "Lin’s" likewise."""
    entries = [*AUTHOR_YEAR, _entry(6, "O'Neil P. 2015. Migration and crime. London.")]
    text = "O'Neil's (2015) survey and Lin’s (2016) model; Walsh's (2016) data."
    assert [e for _, e in _links(text, entries)] == [[6], [1], [2]]


def test_a_body_cited_by_its_acronym() -> None:
    """Policy writing cites bodies by acronym ("(UNODC, 2020)", "The ILO (2017)") and lists
    them by name: the acronym the entry gives in brackets, or its name's initials, finds it
    (the year still has to agree)."""
    entries = [
        _entry(1, "International Labour Organization [ILO]. (2017). Global estimates. Geneva."),
        _entry(2, "United Nations Office on Drugs and Crime (UNODC). (2020). World Drug Report."),
        _entry(3, "World Health Organization. (2019). Global status report. Geneva: WHO."),
    ]
    text = "Markets shift (UNODC, 2020; WHO 2019). The ILO (2017) estimates it; not (WHO 2018)."
    assert [e for _, e in _links(text, entries)] == [[2, 3], [1], [None]]


def test_a_citation_after_a_long_run_of_capitalised_words_still_links() -> None:
    """Names are read a bounded number of words back from the year (a run of capitalised
    words is read in linear time), so the citation closing a long title-cased run links,
    and so does a list of names and a parenthetical after it."""
    run = " ".join(["Word"] * 3000)
    text = f"{run} Lin & Emanuel (2016) agree. {run} (Walsh, McBride, and Klotzbach, 2016)."
    assert [works for _, works in _links(text, AUTHOR_YEAR)] == [[1], [2]]


def test_superscripts_cite_numbered_entries_only_when_asked() -> None:
    entries = [_entry(k, f"Ref {k}.", label=k) for k in range(1, 4)]
    assert _links("A claim.<sup>1–3</sup>", entries) == []
    assert _links("A claim.<sup>1–3</sup>", entries, superscripts=True) == [
        ("<sup>1–3</sup>", [1, 2, 3])
    ]


def test_a_raised_number_that_names_no_entry_is_no_citation() -> None:
    # a prime read from a PDF as a raised 0, a power: warned as citations with no entry
    entries = [_entry(k, f"Ref {k}.", label=k) for k in range(1, 4)]
    text = "A package p<sup>0</sup> conflicts; x<sup>24</sup> grows; as shown.<sup>2,9</sup>"
    assert _links(text, entries, superscripts=True) == [("<sup>2,9</sup>", [2, None])]


def test_short_forms_of_notes_find_their_entry() -> None:
    assert entry_of("Lin and Emanuel 2016, 45", AUTHOR_YEAR) == 1
    assert entry_of("Smith 2019", AUTHOR_YEAR) is None
    assert entry_of("A long sentence that is no short form.", AUTHOR_YEAR) is None


def test_dates_in_brackets_are_not_citations_but_an_author_named_like_a_month_is() -> None:
    """ "(25 September 2011, 5 February 2012)" gives days, not works; "(May 2012)" cites May
    when the list has her, and "(Lin and Emanuel 2016)" is still found beside the dates."""
    entries = [*AUTHOR_YEAR, _entry(6, "May RM. 2012. Stability in ecosystems.")]
    text = (
        "Sampled four times (25 September 2011, 5 February 2012, 7 May 2012). "
        "Storms were strong (Lin and Emanuel 2016). Stability matters (May 2012). "
        "The worst storm came in July (2013)."
    )
    assert _links(text, entries) == [
        ("(Lin and Emanuel 2016)", [1]),
        ("(May 2012)", [6]),
    ]


# The entry index and the spans skipped answer in log time what a walk over every entry and
# span answered (a document of many citations and entries was a product of both); these
# walks are the oracle.
_NAMES = st.sampled_from(["Smith", "Smithson", "Smit", "Lee", "Le", "Li", "Van Dyke", "Ng"])


def _walk_one(entries: list[RefEntry], names: str, year: str) -> int | None:
    people = [p for p in re.split(r"\s+(?:&|and)\s+|,\s*|\s+et\s+al\.?", names) if p.strip()]
    first = _fold(people[0]) if people else ""
    other = _fold(people[1]) if len(people) > 1 else ""
    rows = [(e.index, _fold(e.raw), e.raw) for e in entries]
    plain, letter = year[:4], year[4:]
    hits = [
        i
        for i, f, raw in rows
        if first and f.startswith(first) and plain in raw and (not other or other in f)
    ]
    if not hits and other:
        hits = [i for i, f, raw in rows if first and f.startswith(first) and plain in raw]
    if letter and len(hits) > 1:
        k = ord(letter) - ord("a")
        hits = hits[k : k + 1] if k < len(hits) else []
    return hits[0] if hits else None


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.tuples(_NAMES, _NAMES, st.sampled_from(["2001", "2002"])), max_size=12),
    _NAMES,
    st.one_of(st.just(""), _NAMES),
    st.sampled_from(["2001", "2001a", "2001b", "2002", "2003"]),
)
def test_the_entry_index_links_as_a_walk_over_every_entry(
    rows: list[tuple[str, str, str]], first: str, second: str, year: str
) -> None:
    entries = [_entry(k, f"{a}, J., {b}, K. ({y}). Title {k}.") for k, (a, b, y) in enumerate(rows)]
    names = f"{first} and {second}" if second else first
    assert _EntryIndex(entries)._one(names, year).entry == _walk_one(entries, names, year)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.tuples(st.integers(0, 60), st.integers(0, 20)), max_size=8),
    st.integers(-2, 90),
)
def test_a_position_in_the_spans_as_a_walk_over_every_span(
    spans: list[tuple[int, int]], pos: int
) -> None:
    pairs = [(a, a + n) for a, n in spans]
    assert _Spans(pairs).holds(pos) == any(a <= pos < b for a, b in pairs)


def test_endnote_temporary_citations_link_by_name_and_year() -> None:
    """EndNote's unformatted citations (``{Author, Year #Record}``; several in one pair of
    braces, a prefix before a backslash, pages after ``@``) link as author-year ones do; a
    work the list lacks, or one without a name, is kept unlinked; other braces are no
    citations."""
    text = (
        "Storms grow {Lin, 2016 #12}. Both {Walsh et al., 2016 #3; Negrello Filho,2013 #40}. "
        "As seen {see \\Wu, 2008 #7@45} {cf. \\\\Wu, 2008 #8}. Then {Smith, 1999 #2} and "
        "{, 2016 #12}. "
        "Not these: {#sec-1} {x} {Lin, 2016}."
    )
    assert _links(text, AUTHOR_YEAR) == [
        ("{Lin, 2016 #12}", [1]),
        ("{Walsh et al., 2016 #3; Negrello Filho,2013 #40}", [2, 5]),
        ("{see \\Wu, 2008 #7@45}", [3]),
        ("{cf. \\\\Wu, 2008 #8}", [3]),  # its backslash escaped, as in Markdown
        ("{Smith, 1999 #2}", [None]),
        ("{, 2016 #12}", [None]),
    ]


_FAMILY = st.from_regex(r"[A-Z][a-z]{1,12}(?: [A-Z][a-z]{1,12})?", fullmatch=True)
_PAGES = st.from_regex(r"(?:[1-9]\d{0,3}(?:[-–][1-9]\d{0,3})?)?", fullmatch=True)


@given(
    st.lists(
        st.tuples(_FAMILY, st.integers(1500, 2099), st.integers(1, 99_999), _PAGES),
        min_size=1,
        max_size=4,
    )
)
def test_a_temporary_citation_written_by_endnote_reads_back_with_its_pages(
    items: list[tuple[str, int, int, str]],
) -> None:
    """``{Name, Year #Record@Pages; ...}`` as EndNote writes it gives back each item's name,
    year and pages (the pages ``""`` when it has none)."""
    written = "; ".join(
        f"{name}, {year} #{record}" + (f"@{pages}" if pages else "")
        for name, year, record, pages in items
    )
    text = f"Catches fell {{{written}}}."
    ((start, end, read),) = temporary_citations(text)
    assert text[start:end] == f"{{{written}}}"
    assert [(t.names, t.year, t.pages) for t in read] == [
        (name, str(year), pages) for name, year, _, pages in items
    ]
    assert all(isinstance(t, TemporaryItem) for t in read)


def test_numbers_of_five_and_six_digits_cite_their_entries() -> None:
    """A list past 9,999 entries is cited as a shorter one is (``[10000]`` had been no
    citation at all, not even an unlinked one); seven digits are no citation."""
    entries = [
        _entry(k, f"Roe{n} A. T. 2001.", label=n) for k, n in enumerate((9, 10_000, 123_456), 1)
    ]
    text = "Storms [9] grow [10000] fast [9, 10000-10001] here<sup>123456</sup> and [1234567]."
    assert _links(text, entries, superscripts=True) == [
        ("[9]", [1]),
        ("[10000]", [2]),
        ("[9, 10000-10001]", [1, 2, None]),
        ("<sup>123456</sup>", [3]),
    ]


def test_endnote_temporary_citations_of_a_numbered_list_link_too() -> None:
    entries = [_entry(1, "Lin N, Emanuel K. Grey swans. 2016.", label=1)]
    assert _links("Storms {Lin, 2016 #12}.", entries) == [("{Lin, 2016 #12}", [1])]


_CITED = st.sampled_from(
    ["Lin & Emanuel, 2016", "Walsh et al., 2016", "Wu and Belasco, 2008b", "Smith, 1999"]
)


@given(st.lists(st.tuples(_CITED, st.integers(1, 9999)), min_size=1, max_size=4))
def test_a_temporary_citation_links_as_its_parenthetical_form_does(
    items: list[tuple[str, int]],
) -> None:
    """``{A, Y #n; B, Y #m}`` names the works ``(A, Y; B, Y)`` does, in the same order."""
    temporary = "{" + "; ".join(f"{c} #{n}" for c, n in items) + "}"
    paren = "(" + "; ".join(c for c, _ in items) + ")"
    assert [
        w.entry for c in in_text_citations(f"See {temporary}.", AUTHOR_YEAR) for w in c.works
    ] == [w.entry for c in in_text_citations(f"See {paren}.", AUTHOR_YEAR) for w in c.works]


def test_author_page_citations_link_to_the_one_entry_they_name() -> None:
    """MLA: "(Shelley 45)", "(Siegel and de Blank 112-14)", the short title that tells an
    author's works apart, a quoted title for a work with no author. No entry, several
    entries, or a year instead of pages: no author-page citation."""
    from litreview.extract.document import scan_text

    text = (
        "# Crime\n\nWomen play hidden roles (Shelley 45). Data remain scarce (Siegel and de "
        "Blank 112-14), as Hughes shows (Hughes, *Trafficking* 23) (Hughes 9). Little is "
        'known ("Youth and Crime" 7) (Table 4) (Roe 12) (Lee 3).\n\n## Works Cited\n\n'
        "Hughes, Donna M. *Trafficking in Women*. Routledge, 2010.\n\n"
        "Hughes, Donna M. *Sex Slavery*. Routledge, 2012.\n\n"
        "Shelley, Louise. *Human Trafficking: A Global Perspective*. Cambridge UP, 2010.\n\n"
        'Siegel, Dina, and Sylvia de Blank. "Women Who Traffic Women." *Global Crime*, vol. '
        "11, 2010, pp. 436-47.\n\n"
        '"Youth and Crime in South Asia." *The Economist*, 12 Mar. 2019, pp. 5-8.\n\n'
        "Lee, Ann. *One*. Penguin, 2001.\n\nLee, Ann. *Two*. Penguin, 2003.\n"
    )
    scan = scan_text(text, "mla.md")
    raw = {e.index: e.raw for e in scan.entries}
    linked = {c.text: raw[c.works[0].entry][:12] for c in scan.citations}
    assert linked == {
        "(Shelley 45)": "Shelley, Lou",
        "(Siegel and de Blank 112-14)": "Siegel, Dina",
        "(Hughes, *Trafficking* 23)": "Hughes, Donn",
        '("Youth and Crime" 7)': '"Youth and C',
    }
    assert all(c.style == "author-page" for c in scan.citations)
