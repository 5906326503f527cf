"""MARCXML (MARC 21 records in XML): what library catalogues and their SRU interfaces export.

The real files are JabRef's MARCXML parser tests (``tests/data/real/jabref_marcxml_*.xml``):
SRU responses of a German union catalogue (B3Kat), each checked field by field against the
BibTeX JabRef reads from it (its ``.bib`` twin, quoted). JabRef's test runs only the file
named ``MarcXMLParserTest*``; the six named ``MarcXmlParserTest*`` are never run there, and
it shows: two are not well-formed (a bare ``&``, an end tag cut off), and every one uses the
prefix ``zs:`` without declaring it. Those are read as meant, each with a warning. Where
JabRef's reading is a judgement call the test says what is read here and why."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from xml.sax.saxutils import escape

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from litreview.core.model import Person, Work
from litreview.formats import detect, read_file
from litreview.formats.marcxml import NS, read_marcxml
from tests.conftest import DATA

REAL = DATA / "real"
# every JabRef file: an SRU response with zs: undeclared, records without the namespace
SRU = [
    ("warning", 1, "prefix zs: used without its xmlns: read as declared"),
    ("warning", 9, f"<record> without the MARC 21 namespace ({NS}): read as MARCXML"),
]


def _read(name: str, said: Sequence[tuple[str, int, str]] = SRU) -> Work:
    (work,), problems = read_file(REAL / f"jabref_marcxml_{name}.xml")
    assert sorted((p.severity, p.line or 0, p.message) for p in problems) == sorted(said)
    return work


def _check(work: Work, fields: dict[str, object], extra: Sequence[tuple[str, str]] = ()) -> None:
    for field, value in fields.items():
        assert getattr(work, field) == value, field
    for pair in extra:
        assert pair in work.extra, pair


def test_an_article_in_a_book_of_essays_is_a_chapter() -> None:
    """@Article{, author = {Bello, Emmanuel G.}, title, year = 1992, pages = {447-473},
    titleaddon = {Emmanuel G. Bello}}. Its leader says a component part of a monograph,
    and its host is a book of essays: a chapter, in that book (JabRef: an article with no
    journal). The file breaks off in its last end tag, after the record: a warning."""
    cut = "not XML: unclosed token: line 76, column 0 (the file ends after its last record: 1 read)"
    work = _read("article", [*SRU, ("warning", 76, cut)])
    _check(
        work,
        {
            "type": "chapter",
            "authors": (Person(family="Bello", given="Emmanuel G."),),
            "title": "Article 22 of the African Charter on Human and Peoples' Rights",
            "issued": "1992",
            "pages": "447-473",
            "container": "Essays in honour of Judge Taslim Olawale Elias; 1. Contemporary"
            " international law and human rights / edited by Emmanuel G. Bello ...",
        },
        [
            ("MARC:245$c", "Emmanuel G. Bello"),  # the statement of responsibility
            ("MARC:100$d", "1939-"),
            ("MARC:773$d", "Dordrecht [u.a.], 1992"),
            ("oclc", "1381297713"),
            ("language", "eng"),
            ("MARC:001", "BV048976418"),
            ("MARC:leader", "00864naa a2200253 c 4500"),
        ],
    )
    assert not [name for name, _ in work.extra if name in ("MARC:773$g", "MARC:100$4")]


def test_proceedings() -> None:
    """@Proceedings{, title, year = 1988, address = {London}, editor = {Adams, Frank},
    isbn = {1851662529}, publisher = {Elsevier [u.a.]}, eventtitle = {International
    Congress on Experimental Mechanics}, subtitle, titleaddon}. CSL has no proceedings
    type: a book. Both ISBNs are kept (JabRef keeps the first); the body of 710 ``oth``
    kept under its role."""
    work = _read("inproceedings")
    _check(
        work,
        {
            "type": "book",
            "title": "VI International Congress on Experimental Mechanics: [proceedings of"
            " the VI International Congress on Experimental Mechanics ... held on June 5 - 10,"
            " 1988 in Portland, Oregon, U.S.A.]",
            "issued": "1988",
            "place": "London",
            "publisher": "Elsevier [u.a.]",
            "authors": (),
            "editors": (Person(family="Adams", given="Frank"),),
        },
        [
            ("eventtitle", "International Congress on Experimental Mechanics"),
            ("isbn", "1851662529"),
            ("isbn", "0912053208"),
            ("MARC:245$c", "ed. by Frank Adams ..."),
            ("MARC:710[Sonstige]", "Society for Experimental Mechanics (USA)"),
            ("MARC:246$a", "Sixth International Congress on Experimental Mechanics"),
        ],
    )


def test_a_thesis() -> None:
    """@PhdThesis{, author = {Blake, Carl LeRoy}, school = {Cornell University}, title,
    year = 1991, address = {Ann Arbor, Mich.}, edition = {Faksimile}, keywords = {Geschichte
    1700-1800}, pagetotal = 127, publisher = {UMI Dissertation Services}, subtitle}. A
    thesis's publisher is its school (what BibTeX writes as ``school``); the facsimile's
    imprint is kept, not mixed in."""
    work = _read("thesis")
    _check(
        work,
        {
            "type": "thesis",
            "authors": (Person(family="Blake", given="Carl LeRoy"),),
            "title": "Tempo rubato in the eigteenth century: a thesis",
            "issued": "1991",
            "publisher": "Cornell University",
            "place": "",
            "keywords": ("Geschichte 1700-1800",),
        },
        [
            ("edition", "Faksimile"),
            ("pagetotal", "127"),
            ("type", "Dissertation"),
            ("MARC:264$a", "Ann Arbor, Mich."),
            ("MARC:264$b", "UMI Dissertation Services"),
            ("MARC:264$c", "[1991]"),  # not the year alone: kept as written
            ("MARC:300$a", "xii, 127 Seiten"),
            ("MARC:245$c", "by Carl LeRoy Blake"),
        ],
    )


def test_an_online_article_in_a_journal() -> None:
    """@Article, author = {Sarda, Marie-Anne and Eude-Devaux, Caroline}, title, year =
    2023, note = {Text französisch. - Zusammenfassung in englischer Sprache}, volume = 50,
    file = {...insitu/38769}, pagetotal = 26, subtitle, titleaddon (the twin's ``@Article,``
    has no brace: read here as the list of values it is). A computer file (leader ``m``)
    that is a document is read as text; its host has an ISSN: a journal article. The DOI
    and the journal are read too (JabRef drops them); the URL is the first link."""
    work = _read("notes")
    _check(
        work,
        {
            "type": "article-journal",
            "authors": (
                Person(family="Sarda", given="Marie-Anne"),
                Person(family="Eude-Devaux", given="Caroline"),
            ),
            "issued": "2023",
            "volume": "50",
            "container": "In situ",
            "doi": "10.4000/insitu.38769",
            "url": "https://journals.openedition.org/insitu/pdf/38769",
            "note": "Text französisch. - Zusammenfassung in englischer Sprache",
        },
        [
            ("pagetotal", "26"),
            ("issn", "1630-7305"),
            ("language", "fre"),
            ("MARC:264$c", "26 juin 2023"),
            ("MARC:856$u", "https://journals.openedition.org/insitu/38769"),
            ("MARC:245$c", "Marie-Anne Sarda et Caroline Eude-Devaux"),
        ],
    )
    assert work.title.startswith("Livres de secrets, traités de teinture, journaux de")
    parallel = (
        ": quelles sources pour l'étude de la couleur dans le textile? = Books of secrets,"
        " dyeing treatises, laboratory journals or notebooks : what sources can be used for"
        " studying colour in textiles?"
    )
    assert work.title.endswith(parallel)
    assert not [n for n, _ in work.extra if n == "MARC:773$g"]  # "50 (2023)", "volume:50" read


def test_an_ebook() -> None:
    """@Misc{, author = {Caraballo, Margarita J.}, title, year = 2023, address =
    {Birmingham}, edition = {1st ed}, isbn = {9781800567566}, pagetotal = 304, publisher =
    {Packt Publishing, Limited}, subtitle}. An e-book is a book (JabRef: misc); the
    copyright date (264, second indicator 4) is kept, not read as the date."""
    work = _read("book")
    _check(
        work,
        {
            "type": "book",
            "authors": (Person(family="Caraballo", given="Margarita J."),),
            "title": "Marketing Automation with Mailchimp: Expert Tips, Techniques, and Best"
            " Practices for Scaling Marketing Strategies and ROI for Your Business",
            "issued": "2023",
            "place": "Birmingham",
            "publisher": "Packt Publishing, Limited",
            "note": "Description based on publisher supplied metadata and other sources",
        },
        [
            ("edition", "1st ed"),
            ("isbn", "9781800567566"),
            ("pagetotal", "304"),
            ("MARC:264$c", "©2023"),
            ("MARC:020$9", "978-1-80056-756-6"),
            ("MARC:776$z", "9781800561731"),
        ],
    )
    assert sum(name == "MARC:505$a" for name, _ in work.extra) == 4  # the contents, kept


def test_a_book_in_a_series() -> None:
    """@Misc{, title, year = 2023, address = {Cham}, edition = {1st ed. 2023}, editor =
    {Shahbazova, Shahnaz N. and Abbasov, Ali M. and Kreinovich, Vladik and Kacprzyk, Janusz
    and Batyrshin, Ildar Z.}, isbn, issn = {1860-0808}, pagetotal = 330, publisher =
    {Springer}, series, volume = 423, ...}. The publisher is the first imprint's
    (JabRef takes the last, "Springer", which has no date); the series' ISSN and number are
    the series', kept as such (JabRef: the book's issn and volume)."""
    work = _read("book_series")
    _check(
        work,
        {
            "type": "book",
            "authors": (),
            "issued": "2023",
            "place": "Cham",
            "publisher": "Springer Nature Switzerland",
            "doi": "10.1007/978-3-031-23476-7",
            "url": "https://doi.org/10.1007/978-3-031-23476-7",
            "keywords": (
                "Computational Intelligence",
                "Artificial Intelligence",
                "Computational intelligence",
                "Artificial intelligence",
            ),
        },
        [
            ("series", "Studies in Fuzziness and Soft Computing"),
            ("MARC:490$v", "423"),
            ("MARC:490$x", "1860-0808"),
            ("edition", "1st ed. 2023"),
            ("isbn", "9783031234767"),
            ("pagetotal", "330"),
            ("MARC:264$b", "Springer"),
        ],
    )
    assert [p.family for p in work.editors] == [
        "Shahbazova",
        "Abbasov",
        "Kreinovich",
        "Kacprzyk",
        "Batyrshin",
    ]


def test_summary_and_keywords() -> None:
    """@Misc{, author = {Cottrell, Robert C.}, title, year = 2023, abstract, address =
    {Jefferson, North Carolina}, isbn = {9781476691497}, keywords = {22 terms, three twice},
    pagetotal = 301, publisher = {McFarland & Company, Inc., Publishers}, subtitle}. The
    file has a bare ``&``: read as the character, with a warning. Keywords once each."""
    bare = ("warning", 40, "a bare & (not &amp;) read as the character")
    work = _read("summary_and_keywords", [*SRU, bare])
    _check(
        work,
        {
            "type": "book",
            "authors": (Person(family="Cottrell", given="Robert C."),),
            "title": "Martyrs of the early American Left: Inez Milholland, Randolph Bourne and"
            " John Reed",
            "issued": "2023",
            "place": "Jefferson, North Carolina",
            "publisher": "McFarland & Company, Inc., Publishers",
        },
        [("isbn", "9781476691497"), ("pagetotal", "301"), ("MARC:020$c", "pbk")],
    )
    assert work.abstract.startswith('"Uniquely intertwining the stories of three leading')
    assert work.abstract.endswith('they championed."-Provided by publisher"')
    assert len(work.keywords) == 19 and work.keywords[:2] == (
        "Political activists / United States / Biography",
        "Radicals / United States / Biography",
    )
    assert work.keywords[-3:] == ("1865-1999", "Biographies", "History")


def test_marcxml_is_told_apart_on_xml() -> None:
    for path in sorted(REAL.glob("jabref_marcxml_*.xml")):
        assert detect(path.read_text(encoding="utf-8"), ".xml") == "marcxml", path.name


def _collection(*records: str) -> str:
    return f'<collection xmlns="{NS}">\n' + "\n".join(records) + "\n</collection>\n"


def _df(tag: str, *subs: tuple[str, str], ind: str = "  ") -> str:
    inner = "".join(f'<subfield code="{c}">{escape(v)}</subfield>' for c, v in subs)
    return f'<datafield tag="{tag}" ind1="{ind[0]}" ind2="{ind[1]}">{inner}</datafield>'


LOC = _collection(
    "<record><leader>01234cab a2200289 a 4500</leader>"
    '<controlfield tag="001">123</controlfield>'
    + _df("020", ("a", "0123751063 (alk. paper)"))
    + _df("024", ("a", "10.1000/x.1"), ("2", "doi"), ind="7 ")
    + _df("100", ("a", "Roe, Ann,"), ("e", "author."))
    + _df("700", ("a", "Lee, Bo,"), ("e", "translator."))
    + _df("700", ("a", "Osei, Cy"), ("4", "ill"))
    + _df("710", ("a", "Water Office."), ("b", "Survey Unit."))
    + _df("245", ("a", "Floods of the delta :"), ("b", "a survey /"), ("c", "Ann Roe."))
    + _df("260", ("a", "Cairo :"), ("b", "Delta Press,"), ("c", "c2019."))
    + _df("650", ("a", "Floods"), ("z", "Egypt"), ("v", "Maps."), ind=" 0")
    + _df("773", ("t", "Water Review"), ("g", "Vol. 12, no. 3 (2019), p. 4-9"), ("x", "1234-5678"))
    + _df("999", ("q", "local"))
    + "</record>",
    "<record><leader>00000nam a2200000 a 4500</leader>"
    + _df("773", ("t", "Host"), ("g", "Suppl. A, Bd. 3"))
    + _df("245", ("a", "Second."))
    + "</record>",
)


def test_a_library_of_congress_style_record() -> None:
    """An AACR2 record: relator terms with their punctuation, ISBD punctuation dropped, a
    host's ``$g`` read whole; a ``$g`` that does not read so is kept."""
    (work, second), problems = read_marcxml(LOC, "l.xml")
    assert problems == []
    _check(
        work,
        {
            "type": "article-journal",
            "title": "Floods of the delta: a survey",
            "authors": (
                Person(family="Roe", given="Ann"),
                Person(literal="Water Office. Survey Unit"),
            ),
            "place": "Cairo",
            "publisher": "Delta Press",
            "issued": "2019",
            "container": "Water Review",
            "volume": "12",
            "issue": "3",
            "pages": "4-9",
            "doi": "10.1000/x.1",
            "keywords": ("Floods -- Egypt",),
        },
        [
            ("isbn", "0123751063"),
            ("MARC:020$a", "0123751063 (alk. paper)"),
            ("translator", "Lee, Bo"),
            ("MARC:700[ill]", "Osei, Cy"),
            ("issn", "1234-5678"),
            ("MARC:260$c", "c2019."),
            ("MARC:650$v", "Maps."),
            ("MARC:999$q", "local"),
            ("MARC:245$c", "Ann Roe."),
            ("MARC:001", "123"),
        ],
    )
    assert (second.title, second.type, second.container, second.volume) == (
        "Second",
        "book",
        "Host",
        "",
    )
    assert ("MARC:773$g", "Suppl. A, Bd. 3") in second.extra


def test_types_by_the_leader() -> None:
    def kind(leader: str, *fields: str, fixed: str = "") -> str:
        body = f"<leader>{leader}</leader>"
        body += f'<controlfield tag="008">{fixed}</controlfield>' if fixed else ""
        body += _df("245", ("a", "T")) + "".join(fields)
        (work,), _ = read_marcxml(_collection(f"<record>{body}</record>"), "t.xml")
        return work.type

    assert kind("00000nam a22") == "book"
    assert kind("00000nam a22", _df("502", ("a", "Thesis (Ph.D.)"))) == "thesis"
    assert kind("00000nab a22") == "article-journal"
    assert kind("00000nas a22") == "periodical"
    assert kind("00000nem a22") == "map"
    assert kind("00000ncm a22") == "musical_score"
    assert kind("00000njm a22") == "song"
    assert kind("00000ngm a22") == "motion_picture"
    assert kind("00000nmm a22", fixed="0" * 26 + "b") == "software"
    assert kind("00000nmm a22", fixed="0" * 26 + "a") == "dataset"
    assert kind("00000nmm a22", fixed="0" * 26 + "d") == "book"
    assert kind("00000nai a22") == "webpage"
    assert kind("") == "document"


def test_an_empty_record_is_a_notice_with_its_line() -> None:
    text = _collection(
        "<record>" + _df("245", ("a", "A")) + "</record>",
        '<record>\n<controlfield tag="001">9</controlfield></record>',
    )
    works, (notice,) = read_marcxml(text, "m.xml")
    assert [w.title for w in works] == ["A"]
    assert (notice.severity, notice.line) == ("notice", 3)
    assert "record 2 has no title, name, date or identifier" in notice.message
    assert "MARC:001" in notice.message


def test_a_file_cut_off_inside_a_record_is_an_error_after_the_records_read() -> None:
    text = _collection("<record>" + _df("245", ("a", "A")) + "</record>")
    cut = text[: text.index("</collection>")] + "<record>" + _df("245", ("a", "B"))
    works, (error,) = read_marcxml(cut, "c.xml")
    assert [w.title for w in works] == ["A"]
    assert error.severity == "error"
    assert error.message.startswith("not XML: no element found")
    assert error.message.endswith("(the 1 records before it read)")


def test_another_root_is_an_error() -> None:
    works, (problem,) = read_marcxml('<other xmlns="urn:x"/>', "o.xml")
    assert works == [] and problem.severity == "error"
    assert problem.message == "root <other> is not MARCXML (<collection> or <record>)"


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.sampled_from(["100", "245", "260", "264", "300", "650", "773", "020", "024", "856", "502"]),
    st.lists(st.tuples(st.sampled_from("abcdegtuvxz24"), st.text(max_size=40)), max_size=5),
    st.text(alphabet="anmbsctdejmk ", max_size=10),
)
def test_the_reader_never_raises_on_any_subfield_text(
    tag: str, subs: list[tuple[str, str]], leader: str
) -> None:
    """Any text (escaped) in any subfields of a field in a valid record: works and
    problems, never an exception."""
    clean = [
        (c, "".join(ch for ch in v if ch in "\t\n\r" or " " <= ch <= "\ud7ff")) for c, v in subs
    ]
    record = f"<record><leader>{leader}</leader>{_df(tag, *clean)}</record>"
    works, problems = read_marcxml(_collection(record), "h.xml")
    assert isinstance(works, list) and all(p.severity != "error" for p in problems)


BOMB = (
    '<?xml version="1.0"?>\n<!DOCTYPE collection [\n'
    + "".join(f'<!ENTITY l{k} "{"lol" if k == 0 else f"&l{k - 1};" * 10}">\n' for k in range(10))
    + f']>\n<collection xmlns="{NS}"><record>{_df("245", ("a", "{e}"))}</record></collection>\n'
).replace("{e}", "&l9;")
XXE = (
    '<?xml version="1.0"?>\n<!DOCTYPE collection [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n'
    f'<collection xmlns="{NS}">\n<record>{_df("245", ("a", "{e}"))}</record></collection>\n'
).replace("{e}", "&x;")


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        (BOMB, 14, "not XML: limit on input amplification factor"),
        (XXE, 4, "not XML: undefined entity &x;"),
        (_collection("<record>\n<leader>x</record>"), 3, "not XML: mismatched tag"),
    ],
)
def test_hostile_and_broken_files_are_one_error_with_its_line(
    text: str, line: int, message: str
) -> None:
    works, (problem,) = read_marcxml(text, "m.xml")
    assert works == [] and (problem.severity, problem.line) == ("error", line)
    assert problem.message.startswith(message) and "\n" not in problem.message


def test_deep_nesting_is_one_record_read_without_recursion() -> None:
    """200,000 nested ``<record>`` (9 MB files of them are a hostile case): the outermost
    is the record, read as a notice."""
    depth = 200_000
    text = f'<record xmlns="{NS}">' + "<record>" * depth + "</record>" * depth + "</record>"
    works, (notice,) = read_marcxml(text, "deep.xml")
    assert works == [] and (notice.severity, notice.line) == ("notice", 1)


def test_a_field_of_100000_subfields_keeps_each() -> None:
    field = _df("245", *[("a", f"t{k}") for k in range(100_000)])
    (work,), problems = read_marcxml(_collection(f"<record>{field}</record>"), "w.xml")
    assert problems == [] and work.title == "t0"
    assert sum(name == "MARC:245$a" for name, _ in work.extra) == 99_999


def test_validate_on_a_bomb_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from litreview.cli import main

    path = tmp_path / "bomb.xml"
    path.write_text(BOMB, encoding="utf-8")
    assert main(["validate", str(path)]) == 2
    out, err = capsys.readouterr()
    assert "bomb.xml:14: error: not XML: limit on input amplification" in out + err
    assert "Traceback" not in err


def test_long_runs_of_spaces_and_digits_are_read_in_one_pass() -> None:
    """Subfields of 200,000 spaces or digits (ISBD punctuation and page counts are looked
    for at their ends): read, as they are."""
    spaces, digits = "a" + " " * 200_000 + "b", "1" * 200_000 + " x"
    record = _df("245", ("a", spaces), ("b", spaces + " /")) + _df("300", ("a", digits))
    (work,), _ = read_marcxml(_collection(f"<record>{record}</record>"), "r.xml")
    assert work.title == "a b: a b" and ("MARC:300$a", digits) in work.extra


def test_a_name_and_title_entry_is_no_person() -> None:
    """A 700 with a title (``$t``) names a work the record holds, not a person of it."""
    record = _df("245", ("a", "A")) + _df("700", ("a", "Roe, Ann."), ("t", "Essays."))
    (work,), _ = read_marcxml(_collection(f"<record>{record}</record>"), "n.xml")
    assert work.authors == () and ("MARC:700$t", "Essays.") in work.extra


def test_a_collection_without_the_namespace_is_told_apart_and_read(tmp_path: Path) -> None:
    text = (
        '<?xml version="1.0"?>\n<collection>\n<record>' + _df("245", ("a", "Alpha.")) + "</record>"
    )
    text += "\n</collection>\n"
    assert detect(text, ".xml") == "marcxml"
    assert detect("<xml><records><record><titles/></record></records></xml>", ".xml") != "marcxml"
    path = tmp_path / "plain.xml"
    path.write_text(text, encoding="utf-8")
    (work,), (warning,) = read_file(path)
    assert work.title == "Alpha" and (warning.severity, warning.line) == ("warning", 3)
    assert "without the MARC 21 namespace" in warning.message


@pytest.mark.parametrize(
    ("text", "read"),
    [
        ("Vol. 50 (2023), S. 1-26", {"volume": "50", "year": "2023", "pages": "1-26"}),
        ("50 (2023)", {"volume": "50", "year": "2023"}),
        (
            "Jg. 7, H. 2 (1999), S. 3 - 9",
            {"volume": "7", "issue": "2", "year": "1999", "pages": "3-9"},
        ),
        ("pages:447-473", {"pages": "447-473"}),
        ("number:4", {"issue": "4"}),
        ("Seite 447-473", {"pages": "447-473"}),
        ("Suppl. A, Bd. 3", None),
        ("day:3", None),
        ("", None),
    ],
)
def test_a_hosts_related_parts(text: str, read: dict[str, str] | None) -> None:
    from litreview.formats._marc_g import read_g

    assert read_g(text) == read
