"""BibTeX/BibLaTeX reading and writing: mapping, losslessness, bibtexparser traps, bad input."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from litreview.core.errors import Problem
from litreview.core.model import Person, Work, replace
from litreview.core.texmarkup import as_tex, plain_work
from litreview.formats._bibtex_prepare import mark_keyless
from litreview.formats.bibtex import (
    cited_without_title,
    read_bibtex,
    read_bibtex_bytes,
    validate_bibtex,
    write_bibtex,
)
from litreview.formats.csl import work_to_csl
from litreview.formats.ris import write_ris
from tests.conftest import DATA
from tests.strategies import organisations, persons, works

DATA = DATA / "bibtex"


def _one(text: str) -> Work:
    """The single work read from ``text``, asserting no errors."""
    found, problems = read_bibtex(text, "t.bib")
    assert [p for p in problems if p.severity == "error"] == []
    assert len(found) == 1
    return found[0]


def _messages(problems: list[Problem]) -> list[str]:
    """Problems as one-line strings."""
    return [str(p) for p in problems]


# --- round trips -----------------------------------------------------------------------

LATEX = st.sampled_from(
    [
        r"{UNODC}",
        r"{\"U}ber",
        r"M{\"u}ller",
        r"\&",
        r"50\%",
        r"{\'e}t{\'e}",
        "--",
        r"\textit{x}",
        r"{Case} {Protected}",
        "~",
    ]
)


def _latex_text() -> st.SearchStrategy[str]:
    """Text with LaTeX snippets as real BibTeX files carry them."""
    word = st.one_of(LATEX, st.from_regex(r"[A-Za-zé]{1,8}", fullmatch=True))
    return st.lists(word, min_size=1, max_size=6).map(" ".join)


@pytest.mark.slow
@settings(max_examples=50, deadline=None)
@given(works(), st.booleans())
# Hypothesis found this: a many-word family name with no given name was read back as
# given "A", family "A" (BibTeX's "First von Last" rule) until it was written "A A,".
@example(Work(key="A", editors=(Person(family="A A"),)), False)
def test_round_trip_of_any_work(work: Work, biblatex: bool) -> None:
    """Plain text is written as TeX that prints it (``as_tex``), reads back as that TeX and
    as the same text, and is then written exactly as before."""
    text = write_bibtex([work], biblatex=biblatex)
    found, problems = read_bibtex(text)
    assert found == [as_tex(work)]
    assert [plain_work(f) for f in found] == [work]
    assert write_bibtex(found, biblatex=biblatex) == text
    # a law cited by its place, a letter by its parties and date, has no title
    untitled = not work.title and not cited_without_title(work)
    assert [p.severity for p in problems] == (["warning"] if untitled else [])


def test_bare_specials_are_escaped_so_the_file_typesets() -> None:
    work = Work(
        key="k",
        type="report",
        title="R&D: 50% of #1",
        authors=(Person(literal="A & B"),),
        publisher="Smith & Sons",
        url="https://x.org/a%20b#c",
        issued="2001",
    )
    text = write_bibtex([work])
    assert r"title       = {R\&D: 50\% of \#1}" in text and r"{A \& B}" in text
    assert r"Smith \& Sons" in text and "url         = {https://x.org/a%20b#c}" in text
    found, _ = read_bibtex(text)
    assert plain_work(found[0]) == work and write_bibtex(found) == text


@pytest.mark.slow
@settings(max_examples=30, deadline=None)
@given(
    works(),
    _latex_text(),
    st.lists(st.one_of(persons(), organisations()), max_size=3),
    st.booleans(),
)
def test_round_trip_keeps_latex_verbatim(
    work: Work, title: str, names: list[Person], biblatex: bool
) -> None:
    latex_names = (*names, Person(family=r"M{\"u}ller", given=r"{\AA}se"))
    work = replace(as_tex(work), title=title, authors=latex_names)  # TeX through and through
    found, _ = read_bibtex(write_bibtex([work], biblatex=biblatex))
    assert found == [work]


@pytest.mark.parametrize("biblatex", [False, True])
@pytest.mark.parametrize(
    "person",
    [
        Person(family="A A"),
        Person(family="van der Berg Smit", particle="van der"),
        Person(family="Ng"),
    ],
)
def test_family_name_without_given_name_round_trips(person: Person, biblatex: bool) -> None:
    work = Work(key="A", type="article-journal", editors=(person,), authors=(person,))
    assert read_bibtex(write_bibtex([work], biblatex=biblatex))[0] == [work]


def test_many_works_keep_their_order() -> None:
    batch = [Work(key=f"k{i}", title=f"T{i}") for i in (3, 1, 2)]
    found, problems = read_bibtex(write_bibtex(batch))
    assert [w.key for w in found] == ["k3", "k1", "k2"] and problems == []


def test_output_is_deterministic_with_fixed_field_order() -> None:
    work = Work(
        key="a",
        type="article-journal",
        title="T",
        authors=(Person(family="F"),),
        issued="2001",
        container="J",
        extra=(("zzz", "1"), ("aaa", "2")),
    )
    text = write_bibtex([work])
    assert text == write_bibtex([work])
    names = [line.split("=")[0].strip() for line in text.splitlines()[1:-1]]
    assert names == ["author", "title", "journal", "year", "zzz", "aaa"]


def test_real_file_round_trips_field_by_field() -> None:
    text = (DATA / "zotero_export.bib").read_text(encoding="utf-8")
    first, problems = read_bibtex(text, "zotero_export.bib")
    assert problems == []
    for biblatex in (False, True):
        again, problems2 = read_bibtex(write_bibtex(first, biblatex=biblatex))
        assert problems2 == []
        for a, b in zip(first, again, strict=True):
            for name in Work.__dataclass_fields__:
                assert getattr(a, name) == getattr(b, name), (a.key, name, biblatex)


# --- mapping ---------------------------------------------------------------------------


def test_zotero_file_maps_fields_and_keeps_the_rest() -> None:
    found, _ = read_bibtex((DATA / "zotero_export.bib").read_text(encoding="utf-8"))
    by_key = {w.key: w for w in found}
    report = by_key["unodc_global_2020"]
    assert report.type == "report"
    assert report.publisher == "United Nations Office on Drugs and Crime"
    assert report.authors == (Person(literal="United Nations Office on Drugs and Crime"),)
    assert report.issued == "2021-01" and report.accessed == "2023-05-04"
    assert report.url.endswith("?a=1&b=2") and report.place == "Vienna"
    assert report.issue == "E.20.IV.3"
    assert report.keywords == ("crime_type:human_trafficking", "group:women", "Trafficking")
    assert report.extra_value("file").startswith("Full Text PDF:")
    assert report.title == "Global {Report} on {Trafficking} in {Persons} 2020"
    article = by_key["shah_gender_2019"]
    assert article.authors == (
        Person(family=r"Shah", given=r"Ay{\c{s}}e"),
        Person(family="van der Berg", given="Jan", particle="van der"),
        Person(family=r"Garc{\'\i}a", given=r"Jos{\'e}"),
        Person(family="Khan", given="Imran", suffix="Jr."),
    )
    assert article.editors == (Person(literal="World Bank"),)
    assert article.container == "Journal of {South} {Asian} Studies"
    assert "\n\nAnd a second paragraph" in article.abstract
    assert article.extra == (
        ("issn", "1234-5678"),
        ("shorttitle", "Gender, {Crime} and the {State}"),
    )
    assert by_key["ali_chapter_2018"].place == "London and New York"
    assert by_key["noor_thesis_2017"].publisher == "Quaid-i-Azam University"
    assert by_key["blog_2022"].issued == "2022-03"
    assert by_key["web_2021"].type == "webpage"


@pytest.mark.parametrize(
    ("entry_type", "csl"),
    [
        ("mastersthesis", "thesis"),
        ("inbook", "chapter"),
        ("manual", "report"),
        ("mvbook", "book"),
        ("weirdtype", "document"),
    ],
)
def test_entry_types_not_mapped_one_to_one_survive(entry_type: str, csl: str) -> None:
    work = _one(f"@{entry_type}{{k, title = {{T}}}}")
    assert work.type == csl
    assert write_bibtex([work]).startswith(f"@{entry_type}{{k,")
    assert write_bibtex([work], biblatex=True).startswith(f"@{entry_type}{{k,")


@pytest.mark.parametrize(
    ("csl", "bibtex", "biblatex"),
    [
        ("article-journal", "@article", "@article"),
        ("report", "@techreport", "@report"),
        ("thesis", "@phdthesis", "@thesis"),
        ("webpage", "@online", "@online"),
        ("paper-conference", "@inproceedings", "@inproceedings"),
        ("legislation", "@legislation", "@legislation"),
    ],
)
def test_csl_types_get_each_dialects_entry_type(csl: str, bibtex: str, biblatex: str) -> None:
    work = Work(key="k", type=csl, title="T")
    assert write_bibtex([work]).startswith(bibtex + "{k,")
    assert write_bibtex([work], biblatex=True).startswith(biblatex + "{k,")


def test_newspaper_article_uses_entrysubtype() -> None:
    work = Work(key="k", type="article-newspaper", title="T", container="Dawn")
    text = write_bibtex([work], biblatex=True)
    assert "entrysubtype = {newspaper}" in text and "journaltitle = {Dawn}" in text
    assert _one(text) == work


def test_unmapped_csl_type_travels_in_a_field() -> None:
    work = Work(key="k", type="interview", title="T")
    assert "csltype = {interview}" in write_bibtex([work])
    assert _one(write_bibtex([work])) == work


def test_publisher_field_name_is_written_back_as_read() -> None:
    work = _one("@book{k, title={T}, organization={Org}}")
    assert work.publisher == "Org"
    assert "organization = {Org}" in write_bibtex([work])


def test_date_with_day_survives_bibtex() -> None:
    work = Work(key="k", title="T", issued="2019-05-01")
    text = write_bibtex([work])
    assert "year  = {2019}" in text and "month = may" in text
    assert _one(text) == work


@pytest.mark.parametrize("biblatex", [False, True])
@pytest.mark.parametrize(
    "fields",
    [
        "date={2001-03-05}, year={2001}",
        "date={2001}, year={2001}",
        "date={2001-03}, year={2001}, month={3}",
    ],
)
def test_a_files_own_year_beside_its_date_is_written_back(fields: str, biblatex: bool) -> None:
    work = _one("@book{k, title={T}, " + fields + "}")
    assert work.issued.startswith("2001") and ("year", "2001") in work.extra
    text = write_bibtex([work], biblatex=biblatex)
    assert "year" in text and "date" in text
    assert _one(text) == work


def test_year_and_month_the_writer_adds_to_a_date_are_not_extra() -> None:
    work = _one("@book{k, title={T}, date={2001-03-05}, year={2001}, month=mar}")
    assert work.issued == "2001-03-05" and work.extra == ()


def test_date_range_and_undated() -> None:
    assert _one("@book{k, title={T}, date={1885/1888}}").issued == "1885/1888"
    for biblatex in (False, True):
        for issued in ("1885/1888", "n.d."):
            work = Work(key="k", title="T", issued=issued)
            assert _one(write_bibtex([work], biblatex=biblatex)) == work


def test_unreadable_month_stays_extra() -> None:
    work = _one("@book{k, title={T}, year={2001}, month={Spring}}")
    assert work.issued == "2001" and work.extra == (("month", "Spring"),)


# --- bibtexparser traps, each would lose data without the guard ---------------------------


def test_missing_comma_is_reported_and_the_next_field_recovered() -> None:
    text = "@article{a,\n  title = {X}\n  year = {2000},\n  note = {n}\n}\n@book{b, title={B}}\n"
    found, problems = read_bibtex(text, "t.bib")
    assert found[0].title == "X" and found[0].issued == "2000" and found[0].note == "n"
    assert _messages(problems) == [
        "t.bib:3: warning: entry 'a': missing comma before field 'year' (read anyway)"
    ]
    assert [w.key for w in found] == ["a", "b"]


def test_stray_closing_brace_is_reported_and_the_fields_after_it_kept() -> None:
    text = "@article{a,\n  title = {X}},\n  year = {2000},\n}\n@book{b, title={B}}\n"
    found, problems = read_bibtex(text, "t.bib")
    assert [w.key for w in found] == ["a", "b"]
    assert found[0].title == "X" and found[0].issued == "2000"
    assert len(problems) == 1 and problems[0].severity == "warning"
    assert problems[0].line == 2
    assert "stray '}' closed entry 'a' early" in problems[0].message
    assert "year = {2000}" in problems[0].message


@pytest.mark.parametrize(
    "fields",
    [
        "title = {Water and wheat},\n  , year = 2001,\n  author = {Roe, Jane}",
        "title = {Water and wheat},,\n  year = 2001,\n  author = {Roe, Jane},,",
        ",\n  title = {Water and wheat},\n  year = 2001,\n  author = {Roe, Jane}",
    ],
)
def test_an_empty_field_between_commas_is_read_past_with_a_warning(fields: str) -> None:
    text = f"@article{{a1,\n  {fields}\n}}\n\n@book{{b2,\n  title = {{Second}}\n}}\n"
    found, problems = read_bibtex(text, "t.bib")
    assert [(w.key, w.title, w.issued) for w in found] == [
        ("a1", "Water and wheat", "2001"),
        ("b2", "Second", ""),
    ]
    assert found[0].authors[0].family == "Roe"
    assert {p.severity for p in problems} == {"warning"}
    assert all("empty field between two commas" in p.message for p in problems)
    assert all(p.line in (2, 3, 4) for p in problems)


def test_a_field_whose_braces_do_not_balance_keeps_its_entry_and_the_rest() -> None:
    """EBSCO: a title with a lone brace ran its entry on into the next one."""
    text = (
        "@article{e1,\n  author = {Roe, Jane},\n  title = {Rice {yields in Asia},\n"
        "  journal = {Field Crops},\n  year = {2004}\n}\n\n"
        "@article{e2,\n  title = {Barley},\n  year = {2005}\n}\n"
    )
    found, problems = read_bibtex(text, "t.bib")
    assert [w.key for w in found] == ["e1", "e2"]
    assert found[0].container == "Field Crops" and found[0].issued == "2004"
    assert plain_work(found[0]).title == "Rice {yields in Asia"
    assert _messages(problems) == [
        "t.bib:3: warning: entry 'e1': the braces of field 'title' do not balance; the "
        "unmatched brace is read as text (\\textbraceleft{})"
    ]
    again, problems = read_bibtex(write_bibtex(found), "t.bib")
    assert again == found and problems == []


@pytest.mark.parametrize("title", ["Rice {yields", "Rice} yields", "}{", "a \\{ b", "{a}}{"])
def test_braces_that_do_not_balance_are_written_so_biber_reads_the_file(title: str) -> None:
    work = replace(Work(key="a", type="book", title=title), tex=True)
    text = write_bibtex([as_tex(Work(key="b", type="book", title=title)), work])
    depth = 0
    for ch in text:  # as BibTeX and biber count: every brace, escaped or not
        depth += {"{": 1, "}": -1}.get(ch, 0)
        assert depth >= 0
    assert depth == 0
    assert plain_work(read_bibtex(text, "t.bib")[0][0]).title == title


def test_text_with_braces_between_entries_is_an_error() -> None:
    text = "@book{a, title={A}}\nsome {text} }\n@book{b, title={B}}\n"
    found, problems = read_bibtex(text, "t.bib")
    assert [w.key for w in found] == ["a", "b"]
    assert _messages(problems) == [
        "t.bib:2: error: text outside any entry after entry 'a' (a stray '}' closed it early?): "
        "'some {text} }'"
    ]


@pytest.mark.parametrize("opening", ["@Article,\n", "@article\n", "@misc ,"])
def test_an_entry_without_its_opening_brace_is_named_at_its_line(opening: str) -> None:
    text = f"@book{{a, title={{A}}}}\n\n{opening}  author = {{Roe, A}},\n  title = {{T}},\n}}\n"
    found, problems = read_bibtex(text, "t.bib")
    assert [w.key for w in found] == ["a"] and len(problems) == 1
    (message,) = _messages(problems)
    assert message.startswith("t.bib:3: error: @") and "has no '{' after its type" in message


@pytest.mark.parametrize(
    ("value", "title"),
    [
        ("{a \\{ b \\} c}", "a \\{ b \\} c"),  # escaped braces do not count
        ("{x \\\\{}}", "x \\\\{}"),  # a TeX line break, then an empty group
        ("{\\textbackslash\\{\\}: \\\\{}}", "\\textbackslash\\{\\}: \\\\{}"),  # BBT's
        ("{x \\\\\\{ y}", "x \\\\\\{ y"),  # a line break, then an escaped brace
    ],
)
def test_a_run_of_backslashes_is_read_two_by_two(value: str, title: str) -> None:
    """A backslash escapes the one character after it: before a brace, an even run of them
    leaves the brace counting. The value was 'bad' and the entry's end a stray brace."""
    text = f"@article{{a, title = {value}}}\n\n@article{{b, title = {{B}}}}\n"
    found, problems = read_bibtex(text, "t.bib")
    assert problems == [] and [w.title for w in found] == [title, "B"]


def test_parts_of_a_large_file_are_cut_where_braces_balance() -> None:
    """The splitter of large files counts braces as the reader does."""
    from litreview.formats._bibtex_chunks import _depth

    cases = [("{a}", 0), ("\\{", 0), ("\\\\{", 1), ("\\\\\\{", 0), ("x{\\}}", 0)]
    for text, depth in cases:
        assert _depth(text, 0, len(text)) == _depth(text.encode(), 0, len(text)) == depth


def test_comment_lines_that_open_no_block_are_comments() -> None:
    """DBLP-style "@Comment booktitle = ..." lines: bibtexparser read them as a block whose
    quote ran into the next entry (BBT's fixture #873: 7 errors, entries lost)."""
    text = (
        '@book{a, title = "A",\n  note = "x",\n}\n\n'
        '@Comment booktitle = "Proceedings of the Conference\n'
        "@Comment         on Planning, {ICAPS} 2006,\n"
        '@Comment         Cumbria, {UK}",\n\n'
        '@InProceedings{b,\n  title = "B",\n  author = "Maria Fox and Derek\n   Long",\n}\n'
        "@comment{jabref-meta: x;}\n"
    )
    found, problems = read_bibtex(text, "t.bib")
    assert problems == [] and [w.key for w in found] == ["a", "b"]
    assert [p.family for p in found[1].authors] == ["Fox", "Long"]


def test_comments_between_entries_are_not_problems() -> None:
    text = "% JabRef header\nSome words here.\n@book{b, title={B}}\n@comment{jabref-meta: x;}\n"
    assert read_bibtex(text) == ([Work(key="b", type="book", title="B")], [])


def test_empty_citekey_is_reported() -> None:
    found, problems = read_bibtex("\n@article{,\n  title = {X},\n}\n", "t.bib")
    assert found[0].key == "" and found[0].title == "X"
    assert _messages(problems) == [
        "t.bib:2: warning: @article entry has no citekey (an imported one is given one from "
        "its author, year and title; one in corpus.bib stays without)"
    ]


def test_bad_byte_skips_only_its_entry() -> None:
    """UTF-8 (entry a's "Ä") beside a byte that is not: the entry holding it is skipped."""
    data = b"@book{a, title={\xc3\x84}}\n@book{b,\n  title={Caf" + b"\xe9}}\n@book{c, title={C}}\n"
    found, problems = read_bibtex_bytes(data, "t.bib")
    assert [w.key for w in found] == ["a", "c"]
    assert _messages(problems)[0] == "t.bib:3: error: not UTF-8 (byte 0xE9); entry 'b' skipped"
    # and once, how to have such a file read whole
    assert _messages(problems)[1].startswith(
        "t.bib:1: notice: 1 entry skipped for bytes that are not UTF-8"
    )
    assert "'% Encoding: <name>'" in _messages(problems)[1] and len(problems) == 2


def test_an_entry_whose_key_is_not_utf8_is_named_without_its_bytes() -> None:
    # python-bibtexparser's GBK test file: the key was shown as "entry '\ufffd\ufffd2013'"
    data = b"@ARTICLE{\xbf\xad\xc8\xf62013,\n  author = {\xbf\xad\xc8\xf6},\n  year = {2013},\n}\n"
    _, problems = read_bibtex_bytes(data, "t.bib")
    assert _messages(problems)[0] == (
        "t.bib:1: error: not UTF-8 (byte 0xBF); the entry whose citekey is not UTF-8 skipped"
    )
    # declared, as the notice says, the file is read whole
    (work,), _ = read_bibtex_bytes(b"% Encoding: GBK\n" + data, "t.bib")
    assert (work.key, work.authors[0].family) == ("\u51ef\u6492" + "2013", "\u51ef\u6492")


def test_bad_byte_in_a_string_macro_is_reported() -> None:
    data = b"@string{p = {Caf\xe9}}\n@book{a, title={\xc3\x84}, publisher=p}\n"
    found, problems = read_bibtex_bytes(data, "t.bib")
    assert found[0].publisher == "p"
    assert "t.bib:1: error: not UTF-8 (byte 0xE9); @string p skipped" in _messages(problems)


def test_a_file_with_no_utf8_at_all_is_read_as_windows_1252() -> None:
    """An older export in Windows-1252 throughout (no UTF-8 character in it) is read whole,
    with a warning; a double-byte encoding (four bytes beyond ASCII in a row) is not."""
    found, problems = read_bibtex_bytes(b"@book{a, title={Caf\xe9 \x93Nord\x94}}\n", "t.bib")
    assert found[0].title == "Café “Nord”"
    assert [(p.line, p.severity) for p in problems] == [(1, "warning")]
    assert "Windows-1252" in problems[0].message
    found, problems = read_bibtex_bytes(b"@book{a, title={\xbf\xad\xc8\xf6}}\n", "t.bib")
    assert found == [] and problems[0].severity == "error"


def test_utf8_bom_is_ignored() -> None:
    found, problems = read_bibtex_bytes("\ufeff@book{a, title={Ü}}".encode(), "t.bib")
    assert found[0].key == "a" and found[0].title == "Ü" and problems == []


def test_urls_case_braces_and_corporate_authors_are_not_mangled() -> None:
    work = _one(
        "@misc{k, author={{World Bank} and {Asian Development Bank}}, "
        "title={The {UN} and {Pakistan}}, url={https://a.org/?x=1&y=2}}"
    )
    assert work.url == "https://a.org/?x=1&y=2"
    assert work.title == "The {UN} and {Pakistan}"
    assert work.authors == (Person(literal="World Bank"), Person(literal="Asian Development Bank"))
    assert "{World Bank} and {Asian Development Bank}" in write_bibtex([work])


def test_string_macros_and_concatenation() -> None:
    text = (
        '@string{pub = "Big Press"}\n'
        "@book{k, title={T}, publisher = pub # { and Co}, month=feb, year=1999}"
    )
    work = _one(text)
    assert work.publisher == "Big Press and Co" and work.issued == "1999-02"


@pytest.mark.parametrize("biblatex", [False, True])
def test_preambles_are_written_back_before_their_entry(biblatex: bool) -> None:
    text = (
        '@preamble{"\\newcommand{\\noopsort}[1]{}" # "x"}\n@book{a, title={A}}\n'
        "@book{b, title={B}}\n@PREAMBLE{ {\\def\\y{1}} }\n@book{c, title={C}}\n"
    )
    works, problems = read_bibtex(text, "t.bib")
    assert problems == []
    out = write_bibtex(works, biblatex=biblatex)
    assert out.index('@preamble{"\\newcommand') < out.index("@book{a,") < out.index("@book{b,")
    assert out.index("@book{b,") < out.index("@preamble{{\\def\\y{1}}}") < out.index("@book{c,")
    assert read_bibtex(out)[0] == works
    assert [n for n, _ in works[1].extra] == []


def test_preamble_after_the_last_entry_is_a_notice() -> None:
    found, problems = read_bibtex("@book{a, title={A}}\n@preamble{{x}}\n", "t.bib")
    assert found[0].extra == ()
    assert _messages(problems) == ["t.bib:2: notice: @preamble after the last entry is not kept"]


def test_undefined_macro_is_kept_as_text_with_a_warning() -> None:
    found, problems = read_bibtex("@book{k, title={T}, publisher = nopub}", "t.bib")
    assert found[0].publisher == "nopub"
    assert _messages(problems) == [
        "t.bib:1: warning: entry 'k': undefined macro 'nopub' kept as text"
    ]


# --- bad input -------------------------------------------------------------------------


def test_unbalanced_braces_report_a_line_and_other_entries_are_read() -> None:
    text = (
        "@book{ok, title={Fine}}\n@article{a,\n  title = {X,\n  year = {2000},\n}\n"
        "@book{b, title={B}}\n@book{c, title={C}}\n"
    )
    found, problems = read_bibtex(text, "t.bib")
    assert [w.key for w in found] == ["ok", "b", "c"]
    assert len(problems) == 1
    assert problems[0].severity == "error" and problems[0].line == 2
    assert str(problems[0]).startswith("t.bib:2: error: cannot parse entry")


def test_duplicate_citekey_is_an_error_and_the_entry_is_read_without_it() -> None:
    """Better BibTeX's import fixtures hold files of 300 to 1,000 entries where 14 and 25
    keys come twice (auto-made keys of different works: 'Milazzo2017'); the second entries
    were lost to an import. Read without a key, an import gives each one of its own."""
    found, problems = read_bibtex("@book{a, title={X}}\n\n@book{a, title={Y}}\n", "t.bib")
    assert [(w.key, w.title) for w in found] == [("a", "X"), ("", "Y")]
    assert _messages(problems) == [
        "t.bib:3: error: duplicate citekey 'a' (first at line 1); entry read without it (an "
        "import gives it a key of its own)"
    ]


def test_a_string_defined_again_replaces_the_first() -> None:
    text = '@string{j = "First"}\n@string{j = "Second"}\n@article{a, title={T}, journal=j}\n'
    found, problems = read_bibtex(text, "t.bib")
    assert [w.container for w in found] == ["Second"]
    assert _messages(problems) == ["t.bib:2: warning: @string j defined again; the later is used"]


def test_a_field_given_again_is_kept_under_its_number_and_reported() -> None:
    """BibTeX reads the first of two values of a field; the second was dropped (Zotfile
    writes 'file' twice, BBT's import fixture #2300): it is kept, as repeats are written."""
    found, problems = read_bibtex("@book{a, title={X}, file={f1}, title={Y}, file={f2}}", "t.bib")
    assert [w.title for w in found] == ["X"]
    assert found[0].extra == (("file", "f1"), ("title-2", "Y"), ("file-2", "f2"))
    assert [p.severity for p in problems] == ["warning", "warning"]
    assert "field 'title' given again; the first is read, this one kept as 'title-2'" in (
        problems[0].message
    )
    assert read_bibtex(write_bibtex(found), "t.bib") == (found, [])


def test_a_field_given_again_in_another_case_is_caught_too() -> None:
    found, problems = read_bibtex("@book{a, title={X}, Title={Y}}", "t.bib")
    assert [w.title for w in found] == ["X"] and found[0].extra == (("Title-2", "Y"),)
    assert _messages(problems) == [
        "t.bib:1: warning: entry 'a': field 'Title' given again; the first is read, this one"
        " kept as 'Title-2'"
    ]


def test_an_empty_field_on_an_entry_of_one_line_is_mended_once() -> None:
    """The fields after the empty one were read twice (mended, then as text after the
    entry): four false 'duplicate field' errors on BBT's fixture #2377."""
    text = (
        "@techreport{TBD, title = {R},  , number = {2PTE3}, url = {https://x.org}}"
        " @book{b, title={B}}"
    )
    found, problems = read_bibtex(text, "t.bib")
    assert [(w.key, w.issue, w.url) for w in found] == [
        ("TBD", "2PTE3", "https://x.org"),
        ("b", "", ""),
    ]
    assert [p.message for p in problems] == [
        "entry 'TBD': an empty field between two commas; read without it"
    ]


@pytest.mark.parametrize("text", ["", "  \n\n"])
def test_empty_file(text: str) -> None:
    assert validate_bibtex(text, "e.bib") == [
        Problem(path="e.bib", line=None, severity="error", message="empty file")
    ]
    # Reading (an empty corpus.bib, say) only notes it.
    assert read_bibtex(text, "e.bib") == (
        [],
        [Problem(path="e.bib", line=None, severity="notice", message="empty file")],
    )


def test_file_without_entries() -> None:
    problems = validate_bibtex("just some words\n", "e.bib")
    assert _messages(problems) == ["e.bib: error: no entries found"]
    assert _messages(read_bibtex("% header\n", "e.bib")[1]) == ["e.bib: notice: no entries found"]


def test_entry_without_title_is_a_warning() -> None:
    found, problems = read_bibtex("@book{a, author={X, Y}}", "t.bib")
    assert len(found) == 1
    assert _messages(problems) == ["t.bib:1: warning: entry 'a' has no title"]


def test_unbalanced_value_from_another_format_is_written_parseably() -> None:
    work = Work(key="k", title="a } b { c {")
    found, problems = read_bibtex(write_bibtex([work]))
    assert problems == [] and found[0].key == "k" and "a" in found[0].title


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet='@{}",=#% \n\\abAB1', max_size=80))
def test_reading_arbitrary_text_never_raises(text: str) -> None:
    found, problems = read_bibtex(text, "f.bib")
    assert all(isinstance(w, Work) for w in found)
    assert all(p.path == "f.bib" for p in problems)


@settings(max_examples=50)
@given(st.lists(works(), max_size=4), st.booleans())
def test_pieces_joined_are_the_written_text(items: list[Work], biblatex: bool) -> None:
    from litreview.formats.bibtex import bibtex_pieces

    joined = "".join(bibtex_pieces(items, biblatex=biblatex))
    assert joined == write_bibtex(items, biblatex=biblatex)


@pytest.mark.parametrize("opening", ["{,", "{ ,", "{\t ,", "{ \t,"])
def test_entries_without_a_key_are_marked_however_spaced(opening: str) -> None:
    text = f"@article{opening}\n  title = {{X}},\n}}\n@book{opening} title = {{Y}}}}\n"
    assert mark_keyless(text).count("litreview-no-citekey-") == 2
    assert mark_keyless("@article{k, title = {a, b}}\n") == "@article{k, title = {a, b}}\n"


def test_an_entry_start_inside_a_value_is_the_values_text() -> None:
    # found by Hypothesis: "{@A(A =}" in a field was given a placeholder key as if an entry
    # began there, and the value came back as "@A(litreview-no-citekey-1,A ="
    text = "@misc{k, note = {@A(A =}, title = {x {@b{, y}}}}\n@book{, title = {Y}}\n"
    marked = mark_keyless(text)
    assert marked.count("litreview-no-citekey-") == 1 and "@book{litreview-no-citekey-1," in marked
    (first, second), _ = read_bibtex(text)
    assert first.note == "@A(A =" and second.title == "Y" and not second.key


def test_an_entry_without_a_key_is_named_so_at_its_line_never_by_its_placeholder() -> None:
    text = "@article{k, title={T}}\n\n@article{,\n  abstract = {x},\n}\n@book{,\n year={1}}\n"
    problems = validate_bibtex(text, "t.bib")
    shown = _messages(problems)
    assert not [m for m in shown if "litreview-no-citekey" in m]
    assert "t.bib:3: warning: the entry without a citekey has no title" in shown
    # the checks of what an entry type needs name the keyless entries' lines too (they had none)
    assert "t.bib:3: warning: the entry without a citekey: no journal, which an @article needs" in (
        shown
    )
    assert "t.bib:6: warning: the entry without a citekey: no publisher, which an @book needs" in (
        shown
    )


def test_a_crossref_loop_is_broken_with_a_warning() -> None:
    """pandoc --citeproc follows a crossref loop until memory runs out (17 GB in 90 s on
    citation-js's crossref.bib, whose entry names itself); the loop's closing crossref is
    left out, with a warning, and the others are kept."""
    text = (
        "@book{self, title={S}, crossref={self}}\n"
        "@book{a, title={A}, crossref={b}}\n@book{b, title={B}, crossref={a}}\n"
        "@incollection{c, title={C}, crossref={a}}\n"
    )
    works, problems = read_bibtex(text, "x.bib")
    parents = {w.key: w.extra_value("crossref") for w in works}
    assert parents == {"self": "", "a": "b", "b": "", "c": "a"}
    assert [p.message for p in problems] == [
        "entry 'self': crossref loop (self -> self) left out; pandoc never ends one",
        "entry 'b': crossref loop (a -> b -> a) left out; pandoc never ends one",
    ]
    assert "crossref = {self}" not in write_bibtex(works)


@given(st.dictionaries(st.sampled_from("abcdef"), st.sampled_from("abcdefg"), min_size=1))
def test_no_crossref_loop_is_left_and_only_loops_lose_one(parent: dict[str, str]) -> None:
    text = "".join(f"@misc{{{k}, title={{T}}, crossref={{{v}}}}}\n" for k, v in parent.items())
    works, problems = read_bibtex(text, "x.bib")
    kept = {w.key: w.extra_value("crossref") for w in works if w.extra_value("crossref")}
    for start in kept:
        seen, key = set(), start
        while key in kept:
            assert key not in seen
            seen.add(key)
            key = kept[key]
    assert len(parent) - len(kept) == len(problems)


@pytest.mark.parametrize(
    "key",
    ["Conference paper2022775", "a%b", "x(1)", "a\\b", "k~1", "a#b", "https://doi.org/10.1/x"],
)
def test_a_citekey_pandoc_or_biber_cannot_read_becomes_id(key: str) -> None:
    """colrev's Scopus BibTeX fixture has '@article{Conference paper2022775,': written back
    as it was, pandoc and biber both refused the whole file."""
    from litreview.corpus.dedup import merge_into

    found, problems = read_bibtex(f"@article{{{key}, title={{T}}, year=2020}}\n", "t.bib")
    assert [(w.key, w.extra_value("id")) for w in found] == [("", key)]
    assert [p.severity for p in problems] == ["warning"]
    assert key in problems[0].message and "cannot read" in problems[0].message
    (imported,) = merge_into([], found).works
    assert imported.key and not set(imported.key) & set(' "#%()=\\~<^|{},')
    assert "//" not in imported.key


def test_a_citekey_with_an_apostrophe_or_a_colon_is_kept() -> None:
    found, problems = read_bibtex("@misc{o'brien:2020, title={T}}\n", "t.bib")
    assert [w.key for w in found] == ["o'brien:2020"] and not problems


def test_an_entry_opening_on_a_field_has_no_key() -> None:
    """EndNote writes '@article{' and the first field on the next line (Better BibTeX's
    fixture 'Endnote should parse'): the entry was one error and nothing was read."""
    text = "\n\t@article{\n\t  author = {Huang, Y.},\n\t  title = {X},\n\t  year = {2012}\n\t}\n"
    found, problems = read_bibtex(text + "@book{b,\n title = {Y}}\n", "t.bib")
    assert [(w.key, w.title, w.year) for w in found] == [("", "X", "2012"), ("b", "Y", "")]
    assert _messages(problems) == [
        "t.bib:2: warning: @article entry has no citekey (an imported one is given one from "
        "its author, year and title; one in corpus.bib stays without)"
    ]
    kept = "@article{k,\n author = {A}}\n@string{j = {J}}\n@misc{k2, note = {a = b}}\n"
    assert mark_keyless(kept) == kept


def test_an_entry_commented_out_with_percent_signs_is_not_read() -> None:
    """Better BibTeX's fixture #2660 keeps an entry commented out line by line above the
    real one: it was read (with a 'bad value' error) and took the key, so the real entry
    became a repeat of it. biber skips it; so does the reader now, lines unchanged."""
    text = (
        "%@ARTICLE{k,\n%  TITLE = {Old},\n%  URL = {https://x.org/a}\n%}\n\n"
        "@ARTICLE{k,\n  TITLE = {New},\n}\n  % @misc{m, title={kept comment}}\n"
        "@misc{j, note = {50%@work{x} is text}}\n"
    )
    found, problems = read_bibtex(text, "t.bib")
    assert [(w.key, w.title) for w in found] == [("k", "New"), ("j", "")]
    assert found[1].note == "50%@work{x} is text"
    assert [p.line for p in problems] == [10]  # j has no title: its line is its own


def test_a_month_kept_beside_a_date_is_written_back_as_its_macro() -> None:
    """'month = mar' beside 'date = {...}' (Better BibTeX's fixture detect-urls.bib) came back as
    'month = {mar}', the text 'mar', which BibTeX styles print as is."""
    text = "@article{a, title={T}, year=2021, month=mar, date={2021-07-12}}\n"
    out = write_bibtex(read_bibtex(text)[0])
    assert "month = mar\n" in out
    assert "month = {13--15 Apr}" in write_bibtex(read_bibtex("@misc{b, month={13--15 Apr}}")[0])


@pytest.mark.parametrize("year", ["100", "101", "0", "20011"])
def test_a_year_of_digits_that_is_no_year_is_kept_as_written_and_no_date(year: str) -> None:
    """Calibre writes year = {100} (or 101) for a book without a date."""
    text = f"@book{{c1,\n  title = {{A Book}},\n  year = {{{year}}},\n  publisher = {{P}}\n}}\n"
    found, problems = read_bibtex(text, "t.bib")
    assert found[0].issued == "" and found[0].year == ""
    assert found[0].extra_value("year") == year
    assert _messages(problems) == [
        f"t.bib:1: warning: entry 'c1': year '{year}' is not a year; kept as written, no date"
    ]
    assert f"year      = {{{year}}}" in write_bibtex(found)
    assert "PY  -" not in write_ris([plain_work(found[0])])
    assert "issued" not in work_to_csl(plain_work(found[0]))


@pytest.mark.parametrize("year", ["2001", "n.d.", "in press", "2001a"])
def test_a_year_that_is_a_year_or_words_is_read_as_before(year: str) -> None:
    found, problems = read_bibtex(f"@book{{c1, title = {{T}}, year = {{{year}}}}}\n", "t.bib")
    assert found[0].issued == year and not found[0].extra
    assert not any("is not a year" in p.message for p in problems)


def test_past_the_files_mends_a_broken_entry_is_an_error_as_before(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr("litreview.formats._bibtex_fast.MAX_FILE_MENDS", 1)
    text = "".join(f"@book{{b{i},\n  title = {{T{i}}},\n  , year = 2001\n}}\n" for i in range(3))
    found, problems = read_bibtex(text, "t.bib")
    assert [w.key for w in found] == ["b0"]
    assert [p.severity for p in problems if p.line in (1, 3)] == ["warning"]
    assert sum(p.severity == "error" for p in problems) >= 2


def test_a_key_with_a_space_stays_out_when_a_stray_brace_closed_its_entry_early() -> None:
    """Fuzzing found it: the fields after the stray brace were added back to the entry with
    its key as written, so an unusable key ('A B') went into corpus.bib, and the next import
    of the file made it a duplicate there (an error)."""
    text = "@misc{A B},\n  year = {2000},\n  doi = {10.1/x}\n}\n@book{b, title={B}}\n"
    found, problems = read_bibtex(text, "t.bib")
    assert [w.key for w in found] == ["", "b"]
    assert found[0].extra_value("id") == "A B" and found[0].issued == "2000"
    assert found[0].doi == "10.1/x"
    assert any("a citekey with a space" in p.message for p in problems)


def test_a_law_cited_by_its_place_has_no_title_to_miss() -> None:
    """'20 C.F.R. § 1002.136' or 'Pub. L. 117-263' has no title in legal citation: no
    warning for it; an article, or a law with nothing to place it, still gets one."""
    text = (
        "@misc{cfr20-1002.136, booktitle = {C.F.R.}, volume = {20}, section = {1002.136},"
        " csltype = {regulation}}\n"
        "@legislation{law117-263, number = {117-263}}\n"
        "@misc{hearing, csltype = {hearing}, number = {115-12}}\n"
        "@legislation{bare, year = {2020}}\n"
        "@article{untitled, author = {Roe, Ann}, year = {2020}}\n"
    )
    works, problems = read_bibtex(text)
    assert [w.type for w in works] == [
        "regulation",
        "legislation",
        "hearing",
        "legislation",
        "article-journal",
    ]
    assert [p.message for p in problems] == [
        "entry 'bare' has no title",
        "entry 'untitled' has no title",
    ]


@pytest.mark.parametrize(
    "head",
    [
        "",
        "\ufeff",
        "% Encoding: UTF-8\n\n",
        "\n  % a comment\n% another\n\n",
        "Automatically generated by Mendeley Desktop 1.16.1\nAny changes to this file will be"
        " lost if it is regenerated by Mendeley.\n\n",
    ],
    ids=["bare", "bom", "jabref comment", "comments and blank lines", "mendeley header"],
)
def test_a_bibtex_file_saved_as_text_is_read_as_bibtex(tmp_path: Path, head: str) -> None:
    """A real case (synthesisr's test data): Google Scholar's BibTeX saved as a ``.txt``
    was read as RIS ("no RIS records found") and refused by ``validate`` as a document."""
    from litreview.formats import detect, read_file
    from litreview.pipeline.ingest import is_document

    text = head + "@article{grames2019,\n  title={A title},\n  year={2019}\n}\n"
    path = tmp_path / "scholar.txt"
    path.write_text(text, encoding="utf-8")
    works, problems = read_file(path)
    assert [w.title for w in works] == ["A title"] and not problems
    assert detect(text, ".txt") == "bibtex" and not is_document(str(path))


@pytest.mark.parametrize(
    "text",
    [
        "@someone said hello.\nA paragraph.\n",
        "A report's prose, quoting a BibTeX entry further on. " * 40 + "\n@article{x, title={T}}\n",
        "email @ me {x}\n",
    ],
)
def test_text_that_only_mentions_at_signs_is_no_bibtex(text: str) -> None:
    from litreview.formats import detect

    assert detect(text, ".txt") == ""
