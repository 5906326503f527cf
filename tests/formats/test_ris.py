"""RIS reading and writing: rispy's traps guarded, unknown tags kept, lossless round trips."""

from __future__ import annotations

import pytest
import rispy
from hypothesis import given, settings
from hypothesis import strategies as st

from litreview.core.errors import Problem
from litreview.core.model import Person, Work, replace
from litreview.formats import ris
from litreview.formats.ris import _scan, read_ris, validate_ris, write_ris
from tests.conftest import DATA
from tests.strategies import works

DATA = DATA / "ris"


def _read(name: str) -> tuple[list[Work], list[Problem]]:
    return read_ris((DATA / name).read_text(encoding="utf-8"), name)


def test_zotero_export_fields() -> None:
    found, problems = _read("zotero_export.ris")
    assert problems == []
    report, article, online = found
    assert report.type == "report"
    assert report.authors == (Person(literal="United Nations Office on Drugs and Crime"),)
    assert report.issued == "2021-02-02"
    assert report.accessed == "2024-05-01"
    assert report.url.endswith("?a=1&b=2")
    assert report.keywords == ("crime_type:trafficking", "evidence")
    assert report.note == "Accessed via the agency website."
    # Zotero's "DA - 2021/02/02/" and a time in Y2 are kept as written, for the writer
    assert report.extra == (
        ("RIS:DA", "2021/02/02/"),
        ("RIS:Y2", "2024/05/01/10:12:00"),
        ("RIS:LA", "en"),
        ("RIS:SN", "978-92-1-005792-8"),
    )
    assert article.key == "muller2019gender"
    assert article.authors == (
        Person(family="Müller", given="Anna-Lena"),
        Person(family="van der Berg", given="Jan", particle="van der"),
    )
    assert article.editors == (Person(family="Ortega", given="José"),)
    assert (article.container, article.volume, article.issue) == (
        "Journal of Development Studies",
        "55",
        "7",
    )
    assert article.pages == "1401-1420" and article.issued == "2019-07"
    assert article.abstract.endswith("\nThe second line of the abstract continues here.")
    assert online.type == "article-journal"
    assert ("RIS:TY", "EJOUR") in online.extra


def test_missing_er_does_not_swallow_the_next_record() -> None:
    text = (DATA / "missing_er.ris").read_text(encoding="utf-8")
    assert len(rispy.loads(text)) == 1  # the trap: rispy alone merges the two records
    found, problems = read_ris(text, "missing_er.ris")
    assert [w.title for w in found] == ["First book, whose record never ends", "Second report"]
    assert found[1].authors == (Person(literal="World Bank"),)
    assert found[0].issued == "2001" and found[1].issued == "2002"
    assert [(p.line, p.severity) for p in problems] == [(5, "warning")]
    assert "no ER" in problems[0].message


def test_record_without_ty_is_read_as_a_generic_work_with_a_warning() -> None:
    """An ER closes it, so it is a record that lacks its type: CiteSource writes every
    record so (a real export of 499 records, all of them refused before)."""
    found, problems = _read("no_ty.ris")
    assert [(w.title, w.type) for w in found] == [
        ("A record without a type line", "document"),
        ("A proper book", "book"),
    ]
    assert found[0].authors[0].family == "Doe" and found[0].issued == "2001"
    assert [(p.path, p.line, p.severity) for p in problems] == [("no_ty.ris", 1, "warning")]
    assert "no TY" in problems[0].message
    assert write_ris(found[:1]).startswith("TY  - GEN\n")
    # its first value may go on over lines, as any record's may
    (work,), _ = read_ris("AB  - An abstract\non two lines\nTI  - T\nER  - \n", "x.ris")
    assert work.abstract == "An abstract\non two lines"


def test_records_without_ty_need_no_blank_line_between_them() -> None:
    """A record with no TY straight after another's ER is a record of its own when an ER
    closes it (its tags had been joined to the record before); tags after an ER that no ER
    closes are still kept with that record, as Ovid writes its NL."""
    text = "AU  - Doe, A\nTI  - First\nER  - \nAU  - Roe, B\nTI  - Second\nER  - \n"
    found, problems = read_ris(text, "x.ris")
    assert [(w.title, [a.family for a in w.authors]) for w in found] == [
        ("First", ["Doe"]),
        ("Second", ["Roe"]),
    ]
    assert [(p.line, p.severity) for p in problems] == [(1, "warning"), (4, "warning")]
    text = "TY  - BOOK\nTI  - Typed\nER  - \nTI  - Untyped\nER  - \n"
    assert [w.title for w in read_ris(text, "x.ris")[0]] == ["Typed", "Untyped"]
    text = "TY  - BOOK\nTI  - A\nER  - \nNL  - Outlet\nKW  - k\n\nTY  - BOOK\nTI  - B\nER  - \n"
    found, problems = read_ris(text, "x.ris")
    assert [w.title for w in found] == ["A", "B"] and "Outlet" in str(found[0].extra)
    assert found[0].keywords == ("k",)
    assert [(p.line, p.severity) for p in problems] == [(4, "warning")]
    assert "tags NL, KW after the ER of the record at line 1" in problems[0].message


@pytest.mark.parametrize(
    "text",
    [
        "AU  - Doe, Jane\nTI  - Never closed\n\nTY  - BOOK\nTI  - A proper book\nER  - \n",
        "TY  - BOOK\nTI  - A proper book\nER  - \n\nKW  - a stray keyword\n",
    ],
    ids=["before a record", "at the end"],
)
def test_tag_lines_no_ty_opened_and_no_er_closed_are_an_error(text: str) -> None:
    found, problems = read_ris(text, "x.ris")
    assert [w.title for w in found] == ["A proper book"]
    assert [p.severity for p in problems] == ["error"]
    assert "outside a record (no TY before it)" in problems[0].message


def test_unterminated_last_record_is_read_with_a_warning() -> None:
    found, problems = read_ris("\nTY  - BOOK\nTI  - Open ended\n", "x.ris")
    assert [w.title for w in found] == ["Open ended"]
    assert [(p.line, p.severity) for p in problems] == [(2, "warning")]


@pytest.mark.parametrize("text", ["", "\n\n", "just some text\n"])
def test_no_records_is_an_error(text: str) -> None:
    found, problems = read_ris(text, "empty.ris")
    assert found == []
    assert [(p.line, p.message) for p in problems if p.severity == "error"] == [
        (1, "no RIS records found")
    ]


def test_unknown_tags_survive_a_round_trip() -> None:
    text = (DATA / "unknown_tags.ris").read_text(encoding="utf-8")
    found, _ = read_ris(text)
    assert found[0].extra == (
        ("RIS:XY", "first unknown"),
        ("RIS:XY", "second unknown"),
        ("RIS:C9", "custom nine"),
    )
    out = write_ris(found)
    assert "XY  - first unknown\nXY  - second unknown\nC9  - custom nine\n" in out
    assert read_ris(out)[0] == found


def test_url_with_semicolon_is_not_split() -> None:
    found, _ = read_ris("TY  - ELEC\nUR  - https://a.org/x;y=1\nER  - \n")
    assert found[0].url == "https://a.org/x;y=1"
    assert "UR  - https://a.org/x;y=1\n" in write_ris(found)


def test_other_formats_extra_fields_travel_as_their_tag_or_marked_notes() -> None:
    work = Work(
        key="k1",
        type="book",
        title="T",
        note="A real note",
        extra=(("isbn", "123"), ("RIS:SN", "456"), ("x_shelf", "B12")),
    )
    out = write_ris([work])
    assert "N1  - A real note\n" in out and "N1  - [extra] x_shelf: B12\n" in out
    assert "SN  - 123\nSN  - 456\n" in out  # a field with a RIS tag of its own goes there
    again = read_ris(out)[0][0]
    assert again.extra == (("RIS:SN", "123"), ("RIS:SN", "456"), ("x_shelf", "B12"))


def test_zotero_file_round_trips_through_our_writer() -> None:
    found, _ = _read("zotero_export.ris")
    again, problems = read_ris(write_ris(found))
    assert problems == [] and again == found


def test_validate_lists_the_same_problems() -> None:
    text = (DATA / "missing_er.ris").read_text(encoding="utf-8")
    assert validate_ris(text, "m.ris") == read_ris(text, "m.ris")[1] != []


def test_writer_output_is_read_by_rispy() -> None:
    found, _ = _read("zotero_export.ris")
    parsed = rispy.loads(write_ris(found))
    assert [r["title"] for r in parsed] == [w.title for w in found]
    assert parsed[0]["type_of_reference"] == "RPRT"


@settings(max_examples=40, deadline=None)
@given(works())
def test_round_trip_property(work: Work) -> None:
    found, problems = read_ris(write_ris([work]))
    assert problems == []
    assert found == [work]


def test_writer_output_is_pinned_by_a_golden_file() -> None:
    found, _ = _read("zotero_export.ris")
    golden = (DATA / "zotero_export.expected.ris").read_text(encoding="utf-8")
    assert write_ris(found) == golden


def test_a_year_that_is_not_a_date_is_kept_under_its_own_tag() -> None:
    text = "TY  - BOOK\nY1  - n.d.\nPY  - 2001\nDA  - 2001/05\nER  - \n"
    found, _ = read_ris(text)
    assert found[0].issued == "2001-05" and found[0].extra == (("RIS:Y1", "n.d."),)
    assert read_ris(write_ris(found))[0] == found


def test_a_value_line_that_looks_like_a_tag_stays_in_its_value() -> None:
    work = Work(key="k", type="book", title="T", abstract="First line\nER  - not the end\nTY  - no")
    assert read_ris(write_ris([work])) == ([work], [])


def test_unknown_type_is_a_warning_and_kept() -> None:
    found, problems = read_ris("\nTY  - WEIRD\nTI  - Odd\nER  - \n", "w.ris")
    assert found[0].type == "document" and ("RIS:TY", "WEIRD") in found[0].extra
    assert [(p.line, p.severity) for p in problems] == [(2, "warning")]
    assert write_ris(found).startswith("TY  - WEIRD\n")


def test_crlf_lines_and_unicode_line_separators() -> None:
    found, problems = read_ris("TY  - BOOK\r\nTI  - A\u2028B\r\nER  - \r\n", "c.ris")
    assert problems == [] and found[0].title == "A\u2028B"
    assert read_ris(write_ris(found))[0] == found


@pytest.mark.parametrize(
    "line",
    ["AU  - Doe, J.", "A1  - x", "Au  - x", "1A  - x", "ÉT  - x", "AU  -", "  - x", "TY"],
)
def test_the_inlined_line_rule_is_rispys(line: str) -> None:
    """A record's lines are classified exactly as rispy's ``parse_line`` does (which reads
    no line with one space before its dash: see the next test)."""
    tag, value = rispy.RisParser().parse_line(line)
    records, _ = _scan(f"TY  - JOUR\n{line}\nER  - \n", "x.ris")
    expected = [("TY", "JOUR")] + ([(tag, value)] if tag else [])
    assert records[0].tags == expected


def test_a_ris_tag_with_one_space_before_its_dash_is_a_tag_line() -> None:
    """ "KW - x" (ProQuest, hand-made files) is a keyword; a value line opening with two
    capitals that are no RIS tag ("US - China") stays in its value; KW lines going on over
    lines are one keyword each."""
    text = "TY  - JOUR\nAB  - Trade\nUS - China talks\nKW - first\nsecond\nAU - Roe, A.\nER  - \n"
    (work,), problems = read_ris(text, "x.ris")
    assert problems == [] and work.abstract == "Trade\nUS - China talks"
    assert work.keywords == ("first", "second") and work.authors == (
        Person(family="Roe", given="A."),
    )


@pytest.mark.parametrize(
    ("name", "person"),
    [
        ("G. Kalbe", Person(family="Kalbe", given="G.")),
        ("A. S. Z. Belloum", Person(family="Belloum", given="A. S. Z.")),
        ("J.-P. van der Berg", Person(family="van der Berg", given="J.-P.", particle="van der")),
        ("J. Paul Getty Trust", Person(literal="J. Paul Getty Trust")),
        ("World Bank", Person(literal="World Bank")),
    ],
)
def test_initials_then_a_family_name_is_a_person(name: str, person: Person) -> None:
    """IEEE Xplore writes "G. Kalbe": a person, not an organisation named so."""
    (work,), _ = read_ris(f"TY  - JOUR\nAU  - {name}\nER  - \n", "x.ris")
    assert work.authors == (person,)


def test_lines_are_written_in_rispys_pattern() -> None:
    """The writer spells rispy's line pattern out (no format call per line)."""
    assert rispy.RisWriter.PATTERN == "{tag}  - {value}"
    assert write_ris([Work(key="k", type="book", title="T\nU")]).splitlines() == [
        "TY  - BOOK",
        "ID  - k",
        "TI  - T",
        "  U",
        "ER  - ",
    ]


@pytest.mark.parametrize("piece", [1, 3, 7, 1000])
def test_lines_split_a_piece_at_a_time_are_the_lines(
    monkeypatch: pytest.MonkeyPatch, piece: int
) -> None:
    """However the text is cut into pieces, the lines (and their numbers) are the same."""
    text = "\ufeffTY  - JOUR\r\nTI  - A\rAU  - B\n\nER  - \n"
    monkeypatch.setattr(ris, "_PIECE", piece)
    expected = text[1:].replace("\r\n", "\n").replace("\r", "\n").split("\n")
    assert list(ris._lines(text)) == expected
    assert list(ris._lines(text.replace("\r\n", "\n").replace("\r", "\n"))) == expected


@pytest.mark.parametrize("piece", [1, 5, 40])
def test_problem_lines_are_the_same_however_the_text_is_cut(
    monkeypatch: pytest.MonkeyPatch, piece: int
) -> None:
    text = "TY  - JOUR\nTI  - A\nER  - \nstray\nTY  - XXX\nTI  - B\nTY  - JOUR\nER  - \nAU  - C\n"
    whole = read_ris(text, "x.ris")
    monkeypatch.setattr(ris, "_PIECE", piece)
    assert read_ris(text, "x.ris") == whole
    assert [p.line for p in whole[1]] == [4, 7, 9, 5]


def test_a_wider_tag_is_read_and_written_back_as_it_was() -> None:
    """APA PsycNet writes 'PMID  - 33355555' after TY: a line that no tag opened there was
    dropped without a word (colrev's PsycINFO fixture)."""
    text = "TY  - JOUR\nPMID  - 33355555\nTI  - T\nER  - \n"
    (work,), problems = read_ris(text, "x.ris")
    assert problems == [] and work.extra_value("RIS:PMID") == "33355555"
    assert "PMID  - 33355555" in write_ris([work]).splitlines()


def test_text_after_ty_is_a_warning_not_lost_silently() -> None:
    (work,), problems = read_ris("TY  - JOUR\nstray words\nTI  - T\nER  - \n", "x.ris")
    assert work.title == "T"
    assert [(p.line, p.message) for p in problems] == [(2, "text after TY ignored: 'stray words'")]


@given(
    st.from_regex(r"[A-Z][A-Z0-9]{2,5}", fullmatch=True),
    st.text(alphabet="abc 123-.", min_size=1, max_size=20).map(str.strip).filter(bool),
)
def test_any_wider_tag_round_trips(tag: str, value: str) -> None:
    (work,), _ = read_ris(f"TY  - JOUR\nTI  - T\n{tag}  - {value}\nER  - \n", "x.ris")
    (again,), problems = read_ris(write_ris([work]), "y.ris")
    assert problems == [] and again.extra_value(f"RIS:{tag}") == value


@pytest.mark.parametrize(
    ("pages", "lines"),
    [
        ("37-64", ["SP  - 37", "EP  - 64"]),
        ("A1-A5", ["SP  - A1", "EP  - A5"]),
        ("pp 37-64", ["SP  - pp 37-64"]),  # TRID: was 'SP  - pp 37', 'EP  - 64'
        ("1-2-3", ["SP  - 1-2-3"]),
        ("146p", ["SP  - 146p"]),
    ],
)
def test_pages_are_cut_into_sp_and_ep_only_when_a_plain_range(pages: str, lines: list) -> None:
    text = write_ris([Work(key="k", type="article-journal", title="T", pages=pages)])
    assert [x for x in text.splitlines() if x[:2] in ("SP", "EP")] == lines
    (again,), _ = read_ris(text, "x.ris")
    assert again.pages == pages


def test_two_records_of_one_id_are_both_kept_with_a_warning() -> None:
    text = (
        "TY  - JOUR\nID  - 12\nTI  - First\nPY  - 2001\nER  - \n\n"
        "TY  - JOUR\nID  - 12\nTI  - Second\nPY  - 2002\nER  - \n"
    )
    found, problems = read_ris(text, "t.ris")
    assert [(w.key, w.title, w.extra_value("id")) for w in found] == [
        ("12", "First", ""),
        ("", "Second", "12"),
    ]
    assert [(p.line, p.severity) for p in problems] == [(7, "warning")]
    assert "ID '12' given before, to the record at line 1" in problems[0].message
    again, _ = read_ris(write_ris(found), "t.ris")
    assert again == found


@settings(max_examples=50, deadline=None)
@given(st.lists(st.sampled_from(["a1", "a1", "b:2", ""]), min_size=1, max_size=5))
def test_repeated_ids_round_trip(ids: list[str]) -> None:
    text = "".join(
        f"TY  - BOOK\n{'ID  - ' + key + chr(10) if key else ''}TI  - T{i}\nER  - \n\n"
        for i, key in enumerate(ids)
    )
    found, _ = read_ris(text, "t.ris")
    keys = [w.key for w in found if w.key]
    assert len(keys) == len(set(keys)) == len({k for k in ids if k})
    assert sorted(w.key or w.extra_value("id") for w in found if w.key or w.extra) == sorted(
        k for k in ids if k
    )
    again, _ = read_ris(write_ris(found), "t.ris")
    assert again == found


@pytest.mark.parametrize("csl_type", ["interview", "review-book", "speech", "article"])
def test_a_type_ris_has_no_ty_for_comes_back(csl_type: str) -> None:
    """An interview written to RIS is 'TY - GEN' with a marked note of its type, read back
    as an interview (it came back a generic document); a TY RIS knows gets no note, and an
    unknown TY read from a file is written back as it was, with no note."""
    work = Work(key="k", type=csl_type, title="T", authors=(Person(literal="DHS officials"),))
    text = write_ris([work])
    assert f"N1  - [extra] csl-type: {csl_type}\n" in text
    assert read_ris(text)[0] == [work]
    assert "csl-type" not in write_ris([Work(key="k", type="report", title="T")])
    odd = "TY  - FOO\nID  - k\nTI  - T\nER  - \n"
    (read,), _ = read_ris(odd)
    assert "csl-type" not in write_ris([read]) and "TY  - FOO" in write_ris([read])


OVID_LINKS = (
    (
        "TY  - JOUR\nTI  - First title\nN1  - Its own note\nER  -\n\n"
        "Link to the Ovid Full Text or citation: http://ovidsp.example/ovidweb.cgi?AN=1"
        "Link to the External Link Resolver: http://resolver.example/?id=1\n\n"
    )
    + """TY  - JOUR
TI  - Second title
ER  -

Some words with no link, after the second record.
"""
)


def test_a_link_line_after_an_er_is_kept_with_that_record() -> None:
    """Ovid writes each record's links on a line of text after its ER: found in a real Ovid
    export (synthesisr's test data); read before as text outside a record, and lost."""
    works, problems = read_ris(OVID_LINKS, "ovid.ris")
    first, second = works
    kept = first.note + " ".join(v for _, v in first.extra)
    assert "Link to the Ovid Full Text" in kept and "resolver.example" in kept, first
    assert "Its own note" in kept
    assert "Link to" not in str(second)
    said = {(p.line, p.severity) for p in problems}
    assert (6, "notice") in said and (12, "warning") in said  # the link kept, the words not
    again, _ = read_ris(write_ris(works), "again.ris")
    assert str(again[0]).count("Link to the Ovid Full Text") == 1


def test_links_on_lines_of_their_own_are_links_each() -> None:
    """Dimensions writes a record's second link on the line after its UR (a real export,
    synthesisr's test data): read as one value, the two links became one broken link with
    a space in it once saved in corpus.bib, and neither came back out."""
    text = (
        "TY  - JOUR\nTI  - A title\nUR  - https://app.example/details/pub.1\n"
        "https://journal.example/pdf/10.1186/x\nL1  - https://a.example/1.pdf\n"
        "www.b.example/2.pdf\nAB  - An abstract\non two lines\nER  - \n"
    )
    (work,), problems = read_ris(text, "dimensions.ris")
    assert not problems
    assert work.url == "https://app.example/details/pub.1"
    assert ("RIS:UR", "https://journal.example/pdf/10.1186/x") in work.extra
    assert [v for k, v in work.extra if k == "RIS:L1"] == [
        "https://a.example/1.pdf",
        "www.b.example/2.pdf",
    ]
    assert work.abstract == "An abstract\non two lines"  # other values still go on
    (again,) = rispy.loads(write_ris([work]))
    assert again["urls"] == [
        "https://app.example/details/pub.1",
        "https://journal.example/pdf/10.1186/x",
    ]


def test_a_keyword_line_with_a_dash_stays_a_keyword() -> None:
    """A KW going on over lines, one keyword a line (a real CAB Abstracts-style export in
    CiteSource's test data): 'REDD - Reduction of ...' was read as a tag REDD, and the
    keywords after it went on that tag's value."""
    text = (
        "TY  - JOUR\nTI  - T\nKW  - Community based conservation\nPES\n"
        "REDD - Reduction of Emissions for Deforestation and Degradation\nSpecies conservation\n"
        "PMID  - 123\nER  - \n"
    )
    (work,), problems = read_ris(text, "x.ris")
    assert not problems
    assert work.keywords == (
        "Community based conservation",
        "PES",
        "REDD - Reduction of Emissions for Deforestation and Degradation",
        "Species conservation",
    )
    assert work.extra_value("RIS:PMID") == "123"  # a wider tag with its two spaces still is


def test_a_range_in_sp_alone_is_written_back_as_read() -> None:
    """'SP  - 33-42' and no EP (CAB, EconLit, GreenFile, Web of Science exports): written
    back as SP 33 and EP 42, the value read was in no line of the output."""
    (work,), _ = read_ris("TY  - JOUR\nTI  - T\nSP  - 33-42\nER  - \n", "x.ris")
    assert work.pages == "33-42"
    lines = write_ris([work]).splitlines()
    assert "SP  - 33-42" in lines and not any(x.startswith("EP") for x in lines)
    (edited,) = read_ris(write_ris([replace(work, pages="50-60")]), "y.ris")[0]
    assert edited.pages == "50-60"  # an edited range is written anew, not the stale line
