"""Ovid's tagged exports (Embase, Ovid MEDLINE): records opened by '<1. >', tag lines."""

from __future__ import annotations

from pathlib import Path

from litreview.core.model import Person
from litreview.formats import detect, read_file
from litreview.formats.ovid import read_ovid
from tests.conftest import DATA

FILE = DATA / "ovid" / "embase_fields.txt"


def test_an_embase_record_is_read_into_its_fields() -> None:
    (work, abstract), problems = read_file(FILE)
    assert problems == []
    assert work.title.startswith("Well water and household health")
    assert work.authors == (
        Person(family="Roe", given="Ann B."),
        Person(family="van Dijk", given="Carla", particle="van"),
    )
    assert (work.container, work.volume, work.issue) == ("Journal of Example Health", "41", "3")
    assert work.issued == "2021" and work.doi == "10.1000/exh.2021.041"
    assert work.publisher == "Example Press" and work.type == "article-journal"
    assert work.keywords == ("*drinking water", "cohort analysis", "wells")
    assert [work.extra_value(k) for k in ("issn", "language", "accession-number")] == [
        "1234-5678",
        "English",
        "630000001",
    ]
    # the short names (AU) and the source line are kept, not read twice
    assert work.extra_value("Ovid:AU") == "Roe A.B." and work.extra_value("Ovid:SO").startswith(
        "Journal of Example Health. 41 (3)"
    )
    assert abstract.type == "paper-conference"
    assert abstract.authors == (
        Person(family="Poe", given="E."),
        Person(literal="Example Study Group"),
    )
    assert (abstract.container, abstract.volume, abstract.issue) == (
        "Example Proceedings",
        "12",
        "Supplement 3",
    )


def test_an_abstract_over_several_unindented_lines_is_one_value() -> None:
    (work, _), _ = read_file(FILE)
    assert work.abstract == (
        "Background: Little is known about household wells. Method(s): We followed 400"
        " households for two years. Conclusion(s): More data are needed."
    )
    assert work.extra_value("Ovid:IN").endswith("Other University, Othertown, Nowhere")


def test_ovid_text_is_told_by_its_record_lines_whatever_the_suffix(tmp_path: Path) -> None:
    text = FILE.read_text(encoding="utf-8")
    assert detect(text, ".txt") == "ovid"
    assert detect("TY  - JOUR\nTI  - x\nER  - \n", ".txt") == "ris"
    for suffix in (".cgi", ".ovd", ".txt"):
        path = tmp_path / f"export{suffix}"
        path.write_text(text, encoding="utf-8")
        assert [w.title for w in read_file(path)[0]] == [w.title for w in read_file(FILE)[0]]


def test_a_tag_line_before_any_record_is_a_warning_with_its_line() -> None:
    works, problems = read_ovid("TI  - Stray\n<1. >\nTI  - Kept\n", "x.txt")
    assert [w.title for w in works] == ["Kept"]
    assert [(p.line, p.severity) for p in problems] == [(1, "warning")]


def test_no_record_is_an_error() -> None:
    works, problems = read_ovid("\n\n", "x.txt")
    assert works == [] and [p.severity for p in problems] == ["error"]


def test_every_value_of_the_file_is_kept() -> None:
    """Each tag line's value is in a field or in extra (names by their family name)."""
    works, _ = read_file(FILE)
    blob = " ".join(
        " ".join(str(v) for v in (w.title, w.abstract, w.container, w.publisher, w.doi))
        + " ".join(f"{p.family} {p.given} {p.literal}" for p in w.authors)
        + " ".join(w.keywords)
        + " ".join(v for _, v in w.extra)
        + f" {w.issued} {w.volume} {w.issue}"
        for w in works
    )
    for line in FILE.read_text(encoding="utf-8").splitlines():
        if line[4:6] == "- ":
            value = line[6:].strip()
            value = value.replace("http://dx.doi.org/", "")
            assert value.split(",")[0] in blob, line


def test_records_opened_by_a_number_without_its_dot() -> None:
    works, problems = read_ovid("<1>\nTI  - A\nAU  - Roe A.\n\n<2>\nTI  - B\n", "x.txt")
    assert problems == [] and [w.title for w in works] == ["A", "B"]


def test_ovid_medline_s_unique_identifier_is_the_pubmed_id() -> None:
    """Ovid MEDLINE's UI is the PMID, so the record meets the same article read from
    PubMed; Embase's UI is its own accession number."""
    text = "<1. >\nVN  - Ovid Technologies\nDB  - Ovid MEDLINE(R) ALL\nUI  - 29456894\nTI  - T\n"
    (work,), _ = read_ovid(text, "m.txt")
    assert work.extra_value("pmid") == "29456894" and work.extra_value("accession-number") == ""
    (embase, _), _ = read_file(FILE)
    assert embase.extra_value("pmid") == "" and embase.extra_value("accession-number")


def test_a_doi_is_read_however_it_is_written_and_a_non_doi_is_kept() -> None:
    """Bare, after ``doi:`` or as a doi.org link: the DOI (the reading every search
    database's reader shares); a DO value holding no DOI is kept as written, not read as one."""
    for written in ("10.1000/x.1", "doi: 10.1000/x.1", "https://doi.org/10.1000/x.1"):
        (work,), problems = read_ovid(f"<1. >\nTI  - T\nDO  - {written}\n", "d.txt")
        assert problems == [] and work.doi == "10.1000/x.1", written
    (work,), _ = read_ovid("<1. >\nTI  - T\nDO  - not given\n", "d.txt")
    assert work.doi == "" and work.extra_value("Ovid:DO") == "not given"
