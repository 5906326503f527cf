"""JATS articles (PubMed Central, PLOS, eLife, PeerJ) read as documents: the body through
Pandoc, the reference list from its tags (an untagged citation by the reference parser),
citations ``[@id]`` linked, ranges expanded; and Pandoc's YAML ``references:`` of a Markdown
document read as the document's own bibliography."""

from __future__ import annotations

from pathlib import Path

import pytest

from litreview.core.model import Work
from litreview.corpus.ingest import CitedWork, _completed, ingest
from litreview.formats.documents import is_jats, read_document, read_document_meta
from litreview.formats.jats import jats_article
from litreview.pipeline.ingest import document_source, is_document
from tests.conftest import DATA, require_tool

#: A small JATS article of our own making: a comment and a doctype before the root, a range
#: of citations, a figure inside a paragraph, and references of every kind: tagged
#: (element-citation), tagged as printed (mixed-citation), untagged, a chapter with editors.
ARTICLE = (DATA / "jats" / "article.xml").read_text("utf-8")


def test_a_jats_file_is_told_from_other_xml_by_its_first_element() -> None:
    assert is_jats(ARTICLE.encode())
    assert is_jats(b'<!DOCTYPE article [<!ENTITY x "y">]>\n<article>')  # internal subset
    assert is_jats(b"\xef\xbb\xbf<jats:article xmlns:jats='x'>")
    assert not is_jats(b'<?xml version="1.0"?><xml><records><record/></records></xml>')
    assert not is_jats(b"<!-- <article> --><xml><records/></xml>")  # named only in a comment
    assert not is_jats(b"<?xml version='1.0'?><!-- never closed <article>")
    assert not is_jats(b"<articles><article/></articles>")


def test_the_reference_list_is_read_from_its_tags() -> None:
    article = jats_article(ARTICLE.encode(), "a.xml")
    assert article.front.title == "Floods and Rivers"
    assert article.front.authors == ("Jane Roe",)  # the editor is no author
    assert article.front.date == "2016-03-09"
    refs = {r.id: r for r in article.refs}
    assert list(refs) == ["r1", "r2", "r3", "r4"]
    one = refs["r1"].work
    assert (one.type, one.title, one.container) == (
        "article-journal",
        "A study of floods",
        "Water Research",
    )
    assert (one.issued, one.volume, one.issue, one.pages, one.doi) == (
        "2008",
        "12",
        "3",
        "4–9",
        "10.1000/xyz.1",
    )
    assert ("JATS:pmid", "123") in one.extra
    two = refs["r2"].work
    assert two.authors[0].literal == "World Water Office" and two.title == "Rivers of the world"
    assert (two.place, two.publisher, two.doi) == ("Geneva", "WWO", "10.1000/abc")
    three = refs["r3"]
    assert not three.tagged and three.text.startswith("Doe K. Floods in the valley.")
    assert three.work.url == "http://example.org/floods"
    four = refs["r4"].work
    assert four.type == "chapter" and four.title == "Dams" and four.container == "Water works"
    assert [e.family for e in four.editors] == ["Lee"] and not four.authors


def test_a_file_that_is_not_xml_is_a_warning_not_a_crash() -> None:
    article = jats_article(b"<article><p>never closed", "bad.xml")
    assert not article.refs and article.problems[0].line == 1
    assert "cannot be read as XML" in article.problems[0].message


def test_blocks_inside_a_paragraph_are_lifted_after_it() -> None:
    xml = jats_article(ARTICLE.encode(), "a.xml").xml.decode()
    body = xml[xml.index("<body>") : xml.index("</body>")]
    para = body[body.index("<p>Rivers") : body.index("</p>", body.index("<p>Rivers"))]
    assert "<fig" not in para and "Their effects are unclear" in para
    assert body.index("<fig") > body.index("Their effects are unclear")
    assert 'xlink:href="http://example.org/floods"' in xml  # namespaces keep their prefix


def test_a_jats_article_is_read_as_a_document_with_its_references(tmp_path: Path) -> None:
    require_tool("pandoc")
    path = tmp_path / "article.xml"
    path.write_text(ARTICLE, encoding="utf-8")
    assert is_document(str(path))
    doc = read_document_meta(path)
    assert (doc.title, doc.author, doc.date) == ("Floods and Rivers", "Jane Roe", "2016-03-09")
    assert "# Abstract\n\nLittle is known about floods." in doc.text
    assert "[@r1; @r2; @r3]" in doc.text  # the range [1]–[3], every work of it
    assert "{ref-type" not in doc.text and "<figure" not in doc.text
    assert [s.key for s in doc.cited] == ["r1", "r2", "r3", "r4"]
    assert read_document(path) == doc.text  # read again, the same text (offsets hold)
    result = ingest([document_source(path)])
    linked = [c.work_key for c in result.citations if c.kind == "citation" and c.work_key]
    assert len(linked) == 4 and len(set(linked)) == 4
    works = {w.key: w for w in result.works}
    three = next(w for w in works.values() if w.url == "http://example.org/floods")
    assert three.title.startswith("Floods in the valley")  # the untagged one, parsed
    assert not {"r1", "r2", "r3", "r4"} & works.keys()  # the ids are no citekeys


def test_endnote_xml_stays_a_bibliography(tmp_path: Path) -> None:
    path = tmp_path / "export.xml"
    path.write_text('<?xml version="1.0"?><xml><records><record/></records></xml>', "utf-8")
    assert not is_document(str(path))


def test_an_untagged_reference_is_parsed_and_keeps_the_records_links() -> None:
    given = CitedWork(
        cited_as="r3",
        work=Work(key="", url="http://example.org/x", extra=(("JATS:pmid", "9"),)),
        raw="Doe K. Floods in the valley. River Press; 2005.",
    )
    work = _completed(given, lambda raw: {"type": "book", "title": "Floods in the valley"})
    assert work.title == "Floods in the valley" and work.url == "http://example.org/x"
    assert ("JATS:pmid", "9") in work.extra
    plain = CitedWork(cited_as="k", work=Work(key="k", title="T"))
    assert _completed(plain, lambda raw: pytest.fail("a whole record is not parsed")) is plain.work


MARKDOWN = """---
title: A note on rivers
references:
- id: smith2008
  type: article-journal
  title: A study of floods
  author:
  - family: Smith
    given: J
  issued:
    year: 2008a
    month: 5
- id: range2001
  title: Two years
  issued:
  - year: 2001
  - year: 2002
- id: dated
  title: A day
  issued: 2004-05-01
- title: no id here
- just a string
---

Rivers flood [@smith2008; @range2001], as seen [@dated].
"""


def test_front_matter_references_are_the_documents_bibliography(tmp_path: Path) -> None:
    path = tmp_path / "note.md"
    path.write_text(MARKDOWN, encoding="utf-8")
    doc = read_document_meta(path)
    works = {s.key: s.work for s in doc.cited}
    assert list(works) == ["smith2008", "range2001", "dated"]
    assert works["smith2008"].issued == "2008-05" and works["smith2008"].key == "smith2008"
    assert works["range2001"].issued == "2001/2002" and works["dated"].issued == "2004-05-01"
    lines = sorted(p.line or 0 for p in doc.problems)
    assert lines == [21, 22] and all("cannot be read" in p.message for p in doc.problems)
    # the YAML of the list is blanked, offsets and lines kept: no reader takes it for text
    assert len(doc.text) == len(MARKDOWN) and doc.text.count("\n") == MARKDOWN.count("\n")
    assert "A study of floods" not in doc.text and doc.text.endswith("as seen [@dated].\n")
    assert doc.title == "A note on rivers"
    result = ingest([document_source(path)])
    linked = {c.work_key for c in result.citations if c.kind == "citation" and c.work_key}
    assert linked == {"smith2008", "range2001", "dated"}


@pytest.mark.parametrize(
    "doctype",
    [
        '<!ENTITY a0 "lol">'
        + "".join(f'<!ENTITY a{i} "{f"&a{i - 1};" * 10}">' for i in range(1, 10)),
        '<!ENTITY xxe SYSTEM "file:///etc/passwd">',
    ],
    ids=["entity-bomb", "external-entity"],
)
def test_hostile_entities_are_a_one_line_error(tmp_path: Path, doctype: str) -> None:
    require_tool("pandoc")
    from litreview.core.errors import InputError

    path = tmp_path / "hostile.xml"
    name = "a9" if "a0" in doctype else "xxe"
    path.write_text(
        f"<!DOCTYPE article [{doctype}]>\n<article><body><p>&{name};</p></body></article>"
    )
    with pytest.raises(InputError) as err:
        read_document(path)
    said = str(err.value)
    assert "\n" not in said and "hostile.xml" in said and "root:" not in said


def test_xml_nested_without_end_is_refused_in_one_line(tmp_path: Path) -> None:
    """The XML writer and Pandoc recurse once a level: 200,000 nested elements raised a
    RecursionError (and kept Pandoc busy for minutes) before the depth was checked."""
    from litreview.core.errors import InputError

    n = 200_000
    path = tmp_path / "deep.xml"
    path.write_text(f"<article><body>{'<sec>' * n}{'</sec>' * n}</body></article>")
    with pytest.raises(InputError, match="nests 200,002 elements deep") as err:
        read_document(path)
    assert "\n" not in str(err.value)
