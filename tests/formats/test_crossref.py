"""Crossref's REST API responses of works, read as the CSL items they nearly are."""

from __future__ import annotations

import json

from litreview.core.model import Person
from litreview.formats import detect, read_file
from litreview.formats.crossref import read_crossref
from tests.conftest import DATA

REAL = DATA / "real"


def test_a_response_of_one_work() -> None:
    path = REAL / "habanero_crossref_work.json"
    assert detect(path.read_text(encoding="utf-8"), ".json") == "crossref"
    (work,), problems = read_file(path)
    assert problems == [] and work.key == ""  # import gives the citekey
    assert work.type == "article-journal" and work.extra_value("Crossref:type") == "journal-article"
    assert work.title.startswith("Methylphenidate Exposure Induces Dopamine Neuron")
    assert work.authors[0] == Person(family="Sadasivan", given="Shankar")
    assert (work.container, work.doi, work.issued) == (
        "PLoS ONE",
        "10.1371/journal.pone.0033693",
        "2012-03-21",
    )
    assert work.extra_value("shortjournal") == "PLoS ONE"  # Crossref's short-container-title
    assert json.loads(work.extra_value("reference")[5:])  # its reference list, kept


def test_a_page_of_works_keeps_lists_and_places() -> None:
    works, problems = read_file(REAL / "habanero_crossref_works.json")
    assert problems == [] and len(works) == 2
    chapter = works[1]
    assert chapter.type == "chapter" and chapter.place == "Cham"
    assert chapter.container == "Encyclopedia of Computer Graphics and Games"
    assert json.loads(chapter.extra_value("Crossref:ISBN")[5:])[0] == chapter.extra_value("isbn")


def test_crossref_s_markup_orcids_and_odd_shapes() -> None:
    item = {
        "DOI": "10.1/x",
        "type": "posted-content",
        "title": ["First title", "Second title"],
        "abstract": "<jats:p>Little is <jats:italic>known</jats:italic>.</jats:p>",
        "author": [{"given": "A", "family": "B", "ORCID": "https://orcid.org/0000-0001"}],
    }
    page = {"items": [item, 7]}
    text = json.dumps({"status": "ok", "message-type": "work-list", "message": page})
    works, problems = read_crossref(text, "c.json")
    (work,) = works
    assert work.type == "article" and work.title == "First title"
    assert json.loads(work.extra_value("Crossref:title")[5:]) == item["title"]
    assert work.abstract == "Little is known ."
    assert work.extra_value("Crossref:abstract") == item["abstract"]
    assert "0000-0001" in work.extra_value("Crossref:author")
    assert [p.message for p in problems] == ["item 1 is a JSON int, not an object"]
    _, problems = read_crossref('{"status": "ok", "message-type": "work"}', "c.json")
    assert problems[0].severity == "error" and "without its message" in problems[0].message
