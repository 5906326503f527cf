"""PubMed XML (PubmedArticleSet): articles and book articles read, nothing lost, one work
with the same record read from MEDLINE text."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from litreview.core.model import Person
from litreview.corpus.dedup import merge_into
from litreview.formats import detect, read_file
from litreview.formats.medline import read_medline
from litreview.formats.pubmed_xml import read_pubmed_xml
from tests.conftest import DATA

REAL = DATA / "real"

ARTICLE = """<?xml version="1.0"?>
<!DOCTYPE PubmedArticleSet PUBLIC "-//NLM//DTD PubMedArticle//EN" "https://dtd.nlm.nih.gov/x.dtd">
<PubmedArticleSet>
<PubmedArticle>
  <MedlineCitation Status="MEDLINE" Owner="NLM">
    <PMID Version="1">31000001</PMID>
    <Article PubModel="Print">
      <Journal>
        <ISSN IssnType="Print">1234-5678</ISSN>
        <JournalIssue CitedMedium="Print">
          <Volume>12</Volume><Issue>3</Issue>
          <PubDate><MedlineDate>1998 Dec-1999 Jan</MedlineDate></PubDate>
        </JournalIssue>
        <Title>Journal of Examples</Title>
      </Journal>
      <ArticleTitle>Wells and <i>Vibrio</i> in two districts.</ArticleTitle>
      <Pagination><MedlinePgn>101-9</MedlinePgn></Pagination>
      <Abstract>
        <AbstractText Label="BACKGROUND">Little is known.</AbstractText>
        <AbstractText Label="METHODS">We looked.</AbstractText>
      </Abstract>
      <AuthorList>
        <Author><LastName>Roe</LastName><ForeName>Ann B</ForeName><Initials>AB</Initials>
          <AffiliationInfo><Affiliation>Example University.</Affiliation></AffiliationInfo>
        </Author>
        <Author><CollectiveName>Water Study Group</CollectiveName></Author>
      </AuthorList>
      <Language>eng</Language>
      <PublicationTypeList><PublicationType UI="D016428">Journal Article</PublicationType>
      </PublicationTypeList>
    </Article>
    <MeshHeadingList>
      <MeshHeading><DescriptorName MajorTopicYN="N">Humans</DescriptorName></MeshHeading>
      <MeshHeading><DescriptorName MajorTopicYN="N">Water Supply</DescriptorName>
        <QualifierName MajorTopicYN="Y">standards</QualifierName></MeshHeading>
    </MeshHeadingList>
  </MedlineCitation>
  <PubmedData>
    <ArticleIdList>
      <ArticleId IdType="pubmed">31000001</ArticleId>
      <ArticleId IdType="doi">10.1000/wells.1</ArticleId>
      <ArticleId IdType="pmc">PMC7000001</ArticleId>
    </ArticleIdList>
  </PubmedData>
</PubmedArticle>
</PubmedArticleSet>
"""

# the same record as PubMed's MEDLINE text gives it
MEDLINE = """PMID- 31000001
IS  - 1234-5678 (Print)
VI  - 12
IP  - 3
DP  - 1998 Dec-1999 Jan
TI  - Wells and Vibrio in two districts.
PG  - 101-9
AB  - BACKGROUND: Little is known. METHODS: We looked.
FAU - Roe, Ann B
AU  - Roe AB
CN  - Water Study Group
LA  - eng
PT  - Journal Article
JT  - Journal of Examples
MH  - Humans
MH  - Water Supply/*standards
AID - 10.1000/wells.1 [doi]
PMC - PMC7000001
"""


def test_an_article_is_read_into_its_fields() -> None:
    (work,), problems = read_pubmed_xml(ARTICLE, "p.xml")
    assert problems == []
    assert work.type == "article-journal" and work.title == "Wells and Vibrio in two districts."
    assert work.authors == (
        Person(family="Roe", given="Ann B"),
        Person(literal="Water Study Group"),
    )
    assert (work.container, work.volume, work.issue, work.pages) == (
        "Journal of Examples",
        "12",
        "3",
        "101-9",
    )
    assert work.issued == "1998" and work.doi == "10.1000/wells.1"
    assert work.abstract == "BACKGROUND: Little is known.\n\nMETHODS: We looked."
    assert work.keywords == ("Humans", "Water Supply/*standards")
    assert [work.extra_value(k) for k in ("pmid", "pmcid", "issn", "language")] == [
        "31000001",
        "PMC7000001",
        "1234-5678",
        "eng",
    ]
    assert work.extra_value("PubMed:Author/AffiliationInfo/Affiliation") == (
        "Roe, Ann B: Example University."
    )
    assert work.extra_value("PubMed:PubDate") == "1998 Dec-1999 Jan"


def test_the_same_record_from_medline_text_is_one_work() -> None:
    xml, _ = read_pubmed_xml(ARTICLE, "p.xml")
    text, _ = read_medline(MEDLINE, "p.nbib")
    assert xml[0].keywords == text[0].keywords
    assert len(merge_into(xml, text).works) == 1


def test_a_book_and_a_chapter_of_one() -> None:
    (book,), problems = read_file(REAL / "jabref_pubmed_book.xml")
    assert problems == [] and book.type == "book"
    assert book.title.startswith("Rheumatoid Arthritis: National Clinical Guideline")
    assert book.publisher == "Royal College of Physicians (UK)" and book.place == "London"
    assert book.authors[0] == Person(
        literal="National Collaborating Centre for Chronic Conditions (UK)"
    )
    assert book.extra_value("isbn") == "9781860163593"
    (chapter, _untitled), problems = read_file(REAL / "jabref_pubmed_books.xml")
    assert chapter.type == "chapter" and chapter.title == "Title for some article"
    assert chapter.container == book.title
    assert [(p.line, p.message) for p in problems] == [(67, "article 2 has no title")]


def test_markup_and_mathml_stay_text() -> None:
    (work,), _ = read_file(REAL / "jabref_pubmed_mathml.xml")
    assert work.title == "CellML 2.0." and work.doi == "10.1515/jib-2020-0021"
    assert "Following are examples of MathML elements" in work.abstract
    assert work.extra_value("PubMed:Author/Identifier[ORCID]").startswith("Clerx, Michael: 0000-")


@pytest.mark.parametrize(
    ("text", "fmt"),
    [
        (ARTICLE, "pubmed-xml"),
        ("<PubmedBookArticle><BookDocument/></PubmedBookArticle>", "pubmed-xml"),
        ((REAL / "jabref_endnote_article.xml").read_text(encoding="utf-8"), "endnote"),
    ],
)
def test_pubmed_xml_is_told_from_endnote_xml(text: str, fmt: str) -> None:
    assert detect(text, ".xml") == fmt


def test_broken_xml_is_one_error_at_its_line() -> None:
    works, problems = read_pubmed_xml(
        "<PubmedArticleSet>\n<PubmedArticle>\n  wrong\n</PubmedArticleSet>\n", "bad.xml"
    )
    assert works == [] and [(p.line, p.severity) for p in problems] == [(4, "error")]
    assert problems[0].message.startswith("not XML: mismatched tag")


_TEXT = (
    st.text(
        st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Zs", "Zl", "Zp")), min_size=1
    )
    .map(str.strip)
    .filter(bool)
)


@settings(max_examples=60, deadline=None)
@given(title=_TEXT, note=_TEXT, id_kind=st.sampled_from(["pii", "mid", "bookaccession"]))
def test_any_element_text_is_kept(title: str, note: str, id_kind: str) -> None:
    """Whatever an article holds in elements litreview does not model is in extra."""
    from xml.sax.saxutils import escape

    text = (
        ARTICLE.replace("Wells and <i>Vibrio</i> in two districts.", escape(title))
        .replace(
            "</MeshHeadingList>",
            f'</MeshHeadingList><GeneralNote Owner="NLM">{escape(note)}</GeneralNote>',
        )
        .replace(
            '<ArticleId IdType="pmc">',
            f'<ArticleId IdType="{id_kind}">X{escape(note)}</ArticleId><ArticleId IdType="pmc">',
        )
    )
    (work,), _ = read_pubmed_xml(text, "p.xml")
    assert work.title == " ".join(title.split())
    assert work.extra_value("PubMed:MedlineCitation/GeneralNote") == " ".join(note.split())
    key = f"PubMed:PubmedData/ArticleIdList/ArticleId[{id_kind}]"
    assert work.extra_value(key) == "X" + " ".join(note.split())
