"""ProQuest's text export: documents, their labels, what is read and what is kept."""

from __future__ import annotations

import re

from litreview.core.model import Person
from litreview.formats import detect, read_file
from litreview.formats.proquest import LABELS, is_proquest, read_proquest
from tests.conftest import DATA

FILE = DATA / "proquest" / "articles.txt"


def test_documents_are_read_into_fields_and_types() -> None:
    (article, news, paper), problems = read_file(FILE)
    assert problems == []
    assert article.type == "article-journal" and article.title.startswith("Women's roles")
    assert article.authors == (Person(family="Roe", given="Ann"), Person(family="Lee", given="Bo"))
    assert (article.container, article.place, article.volume, article.issue) == (
        "Journal of Crime Studies",
        "Leeds",
        "12",
        "3",
    )
    assert (article.pages, article.issued, article.doi) == (
        "45-67",
        "2019-03",
        "10.1000/jcs.2019.12",
    )
    assert article.url.endswith("/docview/1111111111") and "scholarly-journals" in article.url
    assert article.keywords == ("Organized crime", "Women", "Criminal networks")
    # an abstract's own "Methods:" and its paragraphs stay in it
    assert article.abstract == (
        "Background: Little is known about women in such networks. Methods: We reviewed 40 "
        "studies.\n\nResults: Roles vary by market."
    )
    extra = dict(article.extra)
    assert extra["ProQuest:full-text"].endswith(
        "Second paragraph of the text, still the full text."
    )
    assert extra["issn"] == "1234-5678" and extra["accession-number"] == "1111111111"
    assert extra["ProQuest:publication-title"] == "Journal of Crime Studies; Leeds"
    assert news.type == "article-newspaper" and news.issued == "2020-03-05"
    assert (news.container, news.place) == ("The Daily Example", "Lahore")
    # no Title label: the heading is the title; a season is no month, so the date is kept
    assert paper.type == "report" and paper.title == "Informal finance in coastal towns"
    assert (
        paper.issued == "2018" and dict(paper.extra)["ProQuest:publication-date"] == "Spring 2018"
    )
    assert paper.pages == "7"


def test_nothing_of_a_document_is_lost_and_nothing_after_the_last_is_read() -> None:
    """Every labelled value of the documents is in a field of its work; the bibliography
    after the last document (the same works in another style) is not read."""
    text = FILE.read_text(encoding="utf-8")
    works, _ = read_file(FILE)
    shown = "\n".join(
        "\n".join(
            [
                *(w.title, w.container, w.publisher, w.place, w.volume, w.issue, w.pages),
                *(w.url, w.doi, w.abstract, w.issued, "; ".join(w.keywords)),
                *(v for _, v in w.extra),
                "; ".join(f"{p.family}, {p.given}" for p in w.authors),
            ]
        )
        for w in works
    )
    documents = text[text.index("Document 1 of 3") : text.rindex("Bibliography")]
    read = {
        "DOI": lambda v: v.removeprefix("https://doi.org/"),
        "Publication date": lambda v: {"Mar 5, 2020": "2020-03-05", "Mar 2019": "2019-03"}.get(
            v, v
        ),
        "Publication year": lambda v: v,
    }
    for label, value in re.findall(r"^([A-Za-z][A-Za-z /&.\-]*?): (.+)$", documents, re.M):
        if label in LABELS and label != "Abstract":
            assert read.get(label, lambda v: v)(value) in shown, (label, value)
    assert "Women's roles.\" " not in shown and len(works) == 3


def test_it_is_told_from_other_text_and_says_when_it_holds_no_document() -> None:
    text = FILE.read_text(encoding="utf-8")
    assert is_proquest(text) and detect(text, ".txt") == "proquest"
    assert not is_proquest("TY  - JOUR\nTI  - Title: a study\nER  - \n")
    works, problems = read_proquest("Report Information from ProQuest\n\nnothing here\n")
    assert works == [] and problems[0].severity == "error"
