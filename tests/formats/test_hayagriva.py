"""Hayagriva YAML (Typst's bibliography) and the Citation File Format (CITATION.cff).

Real files: JabRef's importer tests for both (``tests/data/real/jabref_hayagriva_*.yml``,
``jabref_cff_*.cff``, checked against what JabRef's tests expect of them) and the CFF
project's example holding every key (``cff_key_complete.cff``). A made-up Hayagriva library
(``tests/data/hayagriva/library.yml``) holds what the real ones do not: parents two deep, a
title with its short form, people as mappings, a URL with the date it was seen, an entry
that is not one.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from litreview.core.model import Person, Work
from litreview.formats import detect, read_file
from litreview.formats.cff import is_cff, read_cff
from litreview.formats.hayagriva import is_hayagriva, read_hayagriva
from tests.conftest import DATA
from tests.formats.strategies import records

REAL = DATA / "real"


def _works(path: Path) -> dict[str, Work]:
    works, problems = read_file(path)
    assert problems == []
    return {w.key or w.title: w for w in works}


def test_hayagriva_real_files() -> None:
    """JabRef's: an article in a periodical (volume and issue on the parent), a book with
    its ISBN, publisher and place, a DOI and a PubMed id under ``serial-number``."""
    multi = _works(REAL / "jabref_hayagriva_multiple.yml")
    article, book = multi["article-entry"], multi["book-entry"]
    assert (article.type, article.title, article.container) == (
        "article-journal",
        "An Article Entry",
        "Testing Journal",
    )
    assert (article.issued, article.volume, article.issue, article.doi) == (
        "2021-03-15",
        "3",
        "1",
        "10.1000/test",
    )
    assert article.authors == (Person(family="Smith", given="John"),)
    assert (book.type, book.publisher, book.place, book.issued) == (
        "book",
        "Test Publisher",
        "Berlin",
        "2019",
    )
    assert ("isbn", "978-3-16-148410-0") in book.extra
    (zygos,) = _works(REAL / "jabref_hayagriva_valid.yml").values()
    assert zygos.key == "zygos" and zygos.pages == "1-10"
    assert [p.family for p in zygos.authors] == ["Smith", "Doe"]
    (serial,) = _works(REAL / "jabref_hayagriva_serial_number.yml").values()
    assert serial.doi == "10.1128/MBio.00033-11" and ("pmid", "12345678") in serial.extra


def test_hayagriva_parents_people_and_what_is_kept() -> None:
    works, problems = read_file(DATA / "hayagriva" / "library.yml")
    assert [(p.line, p.severity) for p in problems] == [(64, "error")]
    assert "'not-an-entry' is not a mapping of fields" in problems[0].message
    by = {w.key: w for w in works}
    flood = by["odegaard2019"]
    assert flood.title == "Flood deaths among older people: a study of 40 towns"
    assert ("shorttitle", "Flood deaths") in flood.extra
    assert flood.authors == (
        Person(family="Ødegaard", given="Ingrid M."),
        Person(family="van der Berg", given="Joost", particle="van der"),
        Person(literal="World Meteorological Organization"),
    )
    assert flood.doi == "10.5555/flood.2019.12"  # the resolver's prefix dropped
    assert ("issn", "1234-5679") in flood.extra and ("language", "en-GB") in flood.extra
    chapter = by["mensah2021"]
    assert (chapter.type, chapter.container, chapter.issued) == (
        "chapter",
        "Hazards and Health: A Handbook",
        "2021",
    )
    assert chapter.editors == (Person(family="Okafor", given="Chidi"),)
    assert (chapter.publisher, chapter.place) == ("Clarendon Press", "Oxford")
    for pair in [
        ("translator", "Dubois, Claire"),
        ("series", "Climate and Health"),
        ("edition", "2"),
        ("Hayagriva:parent/parent", '{"volume": 7}'),
    ]:
        assert pair in chapter.extra, pair
    page = by["heat-plan"]
    assert (page.type, page.publisher, page.url, page.accessed) == (
        "webpage",
        "Example City Council",
        "https://example.org/heat-action-plan",
        "2023-05-02",
    )
    assert ("Hayagriva:runtime", "12 minutes") in page.extra  # lossless
    paper = by["kim2020"]
    assert paper.type == "paper-conference" and ("eventtitle", "Hazards 2020") in paper.extra


def test_cff_software_preferred_citation_and_references() -> None:
    """The software, the work to cite instead, and the works it cites, each said in
    ``CFF:role``; a name particle and suffix in their places; the DOI of ``identifiers``."""
    valid = read_file(REAL / "jabref_cff_valid.cff")[0]
    (software,) = valid
    assert (software.type, software.title, software.issued, software.doi) == (
        "software",
        "Test",
        "2000-07-02",
        "10.0000/TEST",
    )
    assert software.authors == (Person(family="van Smith", given="Joe", particle="van"),)
    for pair in [("version", "1.0"), ("CFF:license", "MIT"), ("CFF:role", "software")]:
        assert pair in software.extra
    preferred = read_file(REAL / "jabref_cff_preferred_citation.cff")[0][1]
    assert preferred.type == "paper-conference" and preferred.doi == "10.0001/TEST"
    assert ("CFF:role", "preferred-citation") in preferred.extra
    assert preferred.authors[1] == Person(family="Kingston", given="Jim", suffix="Jr.")
    software, paper, manual = read_file(REAL / "jabref_cff_references.cff")[0]
    assert software.doi == "10.0000/TEST"  # from identifiers
    assert (paper.type, paper.issued, manual.type) == ("paper-conference", "2007", "report")
    (dataset,) = read_file(REAL / "jabref_cff_dataset.cff")[0]
    assert dataset.type == "dataset"


def test_cff_every_key_kept() -> None:
    """The CFF project's example of every key: what has a field is read, and what a person
    or a body holds beyond its name (an ORCID, an address) is kept whole."""
    software, book, _ = read_file(REAL / "cff_key_complete.cff")[0]
    assert software.authors[0] == Person(
        family="van der Real Person", given="One Truly", particle="van der", suffix="IV"
    )
    assert software.authors[1] == Person(literal="Entity Project Team Conference entity")
    assert "0000-0001-2345-6789" in software.extra_value("CFF:authors")
    assert (book.type, book.container, book.pages, book.volume) == ("book", "PeerJ", "123-123", "2")
    assert ("pagetotal", "765") in book.extra  # CFF's pages: how many
    assert ("CFF:collection-title", "Collection Title") in book.extra
    assert book.place == "Citationburgh" and ("isbn", "978-1-89183-044-0") in book.extra


def test_detection_among_yaml_files(tmp_path: Path) -> None:
    """A ``.yml`` file is Hayagriva, CFF or CSL YAML by what it holds."""
    haya = (REAL / "jabref_hayagriva_valid.yml").read_text(encoding="utf-8")
    cff = (REAL / "jabref_cff_valid.cff").read_text(encoding="utf-8")
    csl = "---\nreferences:\n- id: a\n  title: T\n  type: book\n...\n"
    meta = "---\ntitle: A paper\nreferences:\n- id: a\n  title: T\n"
    assert is_hayagriva(haya) and not is_hayagriva(csl) and not is_hayagriva(meta)
    assert is_cff(cff) and not is_cff(haya) and not is_cff(csl)
    assert detect(haya, ".yml") == "hayagriva" and detect(cff, ".yaml") == "cff"
    assert detect(csl, ".yaml") == detect(meta, ".yml") == ""
    for name, text, n in [("a.yaml", haya, 1), ("CITATION.cff", cff, 1), ("refs.yml", csl, 1)]:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        assert len(read_file(path)[0]) == n, name


@pytest.mark.parametrize(
    ("reader", "text", "message"),
    [
        (read_hayagriva, "- a\n- b\n", "expected a mapping of entries by key"),
        (read_hayagriva, "a: [b\n", "not valid YAML"),
        (read_cff, "title: [1, 2\n", "not valid YAML"),
        (read_cff, "just: text\n", "not Citation File Format"),
        (read_cff, "cff-version: 1.2.0\ntitle: T\nreferences:\n  - 3\n", "references[0] is not"),
        (read_hayagriva, "a: &x [*x]\n", ""),
    ],
)
def test_bad_files_are_problems(reader: object, text: str, message: str) -> None:
    problems = reader(text, "f.yml")[1]  # type: ignore[operator]
    assert problems and all(p.severity == "error" for p in problems)
    assert message in problems[0].message


_NAME = st.text(alphabet=st.characters(categories=["L"]), min_size=1, max_size=12).filter(
    lambda s: s.strip() == s
)


@settings(max_examples=50, deadline=None)
@given(records(_NAME, most=4))
def test_what_typst_users_write_is_read_back(
    entries: list[tuple[str, list[tuple[str, str]], int]],
) -> None:
    """Entries of any title, authors and year, written as Hayagriva files are, come back."""
    body = "".join(
        f"e{n}:\n  type: book\n  title: '{title}'\n  date: {year}\n"
        + ("  author:\n" + "".join(f"    - '{f}, {g}'\n" for f, g in people) if people else "")
        for n, (title, people, year) in enumerate(entries)
    )
    works, problems = read_hayagriva(body, "x.yml")
    assert problems == []
    assert [(w.key, w.title, w.issued) for w in works] == [
        (f"e{n}", t, str(y)) for n, (t, _, y) in enumerate(entries)
    ]
    assert [[(p.family, p.given) for p in w.authors] for w in works] == [
        list(people) for _, people, _ in entries
    ]


def test_a_doi_field_that_holds_no_doi_is_kept_not_read() -> None:
    """A DOI written bare, after ``doi:`` or as a link is the DOI; any other value stays in
    the work as written."""
    (software,), _ = read_cff("cff-version: 1.2.0\ntitle: T\ndoi: not yet minted\n", "c.cff")
    assert software.doi == "" and ("CFF:doi", "not yet minted") in software.extra
    (linked,), _ = read_cff("cff-version: 1.2.0\ntitle: T\ndoi: https://doi.org/10.1234/x\n", "c")
    assert linked.doi == "10.1234/x"
    (entry,), _ = read_hayagriva(
        "e:\n  type: book\n  title: T\n  serial-number:\n    doi: n/a\n", "h"
    )
    assert entry.doi == "" and ("Hayagriva:serial-number/doi", "n/a") in entry.extra
