"""Reading HTML documents: the text a reader sees, notes linked within the page, what the
page says about itself; bad pages as one-line errors, never a traceback."""

from __future__ import annotations

import html
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from litreview.core.errors import InputError
from litreview.extract.document import scan_text
from litreview.formats._html_text import html_text
from litreview.formats.documents import read_document_meta
from litreview.pipeline.ingest import is_document
from tests.conftest import run_cli

DOCS = Path(__file__).resolve().parents[1] / "data" / "docs"


def text_of(page: str) -> str:
    return html_text(page)[0]


def test_pandoc_page_has_its_six_footnotes_and_what_it_says_about_itself() -> None:
    """The fixture is ``footnoted_report.md`` rendered by pandoc (``render.sh``): the notes
    the Markdown has, each with its marker, and the title, author and date of its head."""
    doc = read_document_meta(DOCS / "footnoted_report.html")
    scan = scan_text(doc.text)
    assert [f.number for f in scan.notes.footnotes] == [1, 2, 3, 4, 5, 6]
    assert all(f.marker is not None for f in scan.notes.footnotes)
    assert scan.notes.footnotes[0].text.startswith("Pursuant to the Immigration and Nationality")
    assert "↩" not in doc.text and "<" not in doc.text
    assert (doc.title, doc.author, doc.date, doc.stated_by) == (
        "Ukraine Funding: HHS Allocation and Oversight of Refugee Assistance",
        "U.S. Government Accountability Office",
        "2026-03-16",
        "front matter",  # pandoc's Dublin Core tags: the author's own metadata
    )


def test_blocks_headings_lists_and_tables_are_laid_out_as_read() -> None:
    page = (
        "<h2>Findings</h2><p>One &amp; two<br>three</p>"
        "<ol start=3><li>first<li>second</ol><ul><li><p>loose</p></ul>"
        "<table><tr><th>Year<th>Cases</tr><tr><td>2020</td><td>4</td></tr></table>"
    )
    assert text_of(page) == (
        "## Findings\n\nOne & two\nthree\n\n3. first\n\n4. second\n\n- loose\n\n"
        "Year | Cases\n\n2020 | 4\n"
    )


def test_what_a_reader_never_sees_is_left_out() -> None:
    page = (
        "<html><head><title>T</title><style>p{}</style><script>var x = '<p>no</p>';</script>"
        "</head><body><nav><a href='/'>Home</a></nav><p>Body text.</p>"
        "<form><button>Send</button></form><template><p>hidden</p></template></body></html>"
    )
    assert text_of(page) == "Body text.\n"


def test_wikipedia_style_references_become_notes_without_their_back_links() -> None:
    page = (
        '<p>A claim.<sup class="reference"><a href="#cite_note-1">[1]</a></sup> Another.'
        '<sup class="reference"><a href="#cite_note-2">[2]</a></sup></p><h2>References</h2>'
        '<ol class="references"><li id="cite_note-1"><span><a href="#cite_ref-1">^</a></span>'
        " <span>Lima, A. (2019). River catch survey. Lagos.</span></li>"
        '<li id="cite_note-2"><a href="#cite_ref-2">↑</a> Doe, B. (2020). Dams.</li></ol>'
    )
    text = text_of(page)
    assert "A claim.[^1] Another.[^2]" in text
    assert text.endswith(
        "[^1]: Lima, A. (2019). River catch survey. Lagos.\n\n[^2]: Doe, B. (2020). Dams.\n"
    )
    scan = scan_text(text)
    assert [f.number for f in scan.notes.footnotes] == [1, 2]


def test_a_note_cited_twice_loses_its_lettered_back_links_and_keeps_its_links() -> None:
    """MediaWiki's page as saved: a note cited twice opens with ``^ a b``, letters linking
    back to each reference, in a span marked as the backlinks; a title linked to its page
    keeps the link, as ``[text](url)`` (the reference parser reads it as the work's URL), and
    a link whose text is the identifier stays that text."""
    page = (
        '<p>One.<sup id="cite_ref-tip_1-0" class="reference"><a href="#cite_note-tip-1">[1]'
        '</a></sup> Two.<sup id="cite_ref-tip_1-1" class="reference"><a href="#cite_note-tip-1">'
        '[1]</a></sup><sup id="cite_ref-2" class="reference"><a href="#cite_note-2">[2]</a>'
        '</sup></p><ol class="references"><li id="cite_note-tip-1"><span class="mw-cite-'
        'backlink">^ <a href="#cite_ref-tip_1-0"><sup><i><b>a</b></i></sup></a> <a href="#cite_'
        'ref-tip_1-1"><sup><i><b>b</b></i></sup></a></span> <span class="reference-text"><cite>'
        'Department of State (2023). <a class="external text" href="https://www.state.gov/tip/">'
        '"Trafficking in Persons Report"</a>. Retrieved 12 March 2024.</cite></span></li>'
        '<li id="cite_note-2"><span><a href="#cite_ref-2">^</a></span> <span>Khan, Ayesha; Ali,'
        ' Sara (2019). "Counting victims". <i>Journal of Migration</i>. <a href="https://doi.org'
        '/10.1080%2F1">10.1080/1</a>.</span></li></ol>'
    )
    text = text_of(page)
    assert text.endswith(
        '[^1]: Department of State (2023). ["Trafficking in Persons Report"]'
        "(https://www.state.gov/tip/). Retrieved 12 March 2024.\n\n"
        '[^2]: Khan, Ayesha; Ali, Sara (2019). "Counting victims". Journal of Migration. '
        "10.1080/1.\n"
    )
    # the second note is one work: its ";" joins two authors, not two works
    rows = scan_text(text).rows
    assert [r.raw.split(" (")[0] for r in rows if r.footnote == 2] == ["Khan, Ayesha; Ali, Sara"]


def test_short_notes_point_at_the_entries_of_a_bulleted_sources_list() -> None:
    """Wikipedia's short notes ("Shelley 2010, p. 45") with the full references in a list of
    sources: each list item is one entry, and each short note points at its entry."""
    page = (
        '<p>Kinship.<sup class="reference"><a href="#cite_note-1">[1]</a></sup> Thin.<sup '
        'class="reference"><a href="#cite_note-2">[2]</a></sup></p><h2>Notes</h2><ol><li '
        'id="cite_note-1"><a href="#CITEREFShelley2010">Shelley 2010</a>, p. 45.</li><li '
        'id="cite_note-2"><a href="#CITEREFKhanAli2019">Khan &amp; Ali 2019</a>, p. 12.</li>'
        '</ol><h2>Sources</h2><ul><li><cite id="CITEREFKhanAli2019">Khan, Ayesha; Ali, Sara '
        '(2019). "Counting victims". <i>Journal of Migration</i>. <b>5</b> (3): 201–219.</cite>'
        '</li><li><cite id="CITEREFShelley2010">Shelley, Louise (2010). <i>Human Trafficking'
        "</i>. Cambridge: Cambridge University Press.</cite></li></ul>"
    )
    scan = scan_text(text_of(page))
    assert [e.raw[:14] for e in scan.entries] == ["Khan, Ayesha; ", "Shelley, Louis"]
    assert [(r.raw, r.entry) for r in scan.rows] == [
        ("Shelley 2010, p. 45", 2),
        ("Khan & Ali 2019, p. 12", 1),
    ]


def test_links_to_headings_earlier_blocks_or_long_text_are_no_notes() -> None:
    page = (
        '<p id="intro">Intro.</p><p>See section <a href="#s2">2</a>, paragraph '
        '<a href="#intro">1</a> and <a href="#s3">the methods</a>.</p>'
        '<h2 id="s2">Two</h2><p id="s3">Methods.</p>'
    )
    text = text_of(page)
    assert "[^" not in text
    assert "See section 2, paragraph 1 and the methods." in text


def test_unclosed_and_stray_tags_are_read_as_a_browser_reads_them() -> None:
    page = "<div><p>one<p>two</b></span><li>item</div><p>three"
    assert text_of(page) == "one\n\ntwo\n\n- item\n\nthree\n"


def test_nesting_deeper_than_any_page_is_read_without_recursion() -> None:
    page = "<div>" * 100_000 + "<p>deep text</p>" + "</div>" * 100_000
    assert text_of(page) == "deep text\n"


def test_the_page_is_decoded_by_the_charset_it_declares(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_bytes(
        b'<html><head><meta charset="windows-1252"></head><body><p>Caf\xe9 \x93quoted\x94'
        b"</p></body></html>"
    )
    assert read_document_meta(path).text == "Café “quoted”\n"


def test_a_byte_the_declared_charset_cannot_decode_names_its_line(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_bytes(b'<meta charset="ascii">\n<p>ok</p>\n<p>caf\xe9</p>')
    with pytest.raises(InputError) as err:
        read_document_meta(path)
    assert err.value.line == 3
    assert "not ascii" in str(err.value)


def test_undeclared_non_utf8_is_the_usual_one_line_error(tmp_path: Path) -> None:
    path = tmp_path / "page.htm"
    path.write_bytes(b"<p>caf\xe9</p>")
    with pytest.raises(InputError, match="not UTF-8"):
        read_document_meta(path)


def test_a_page_with_no_text_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text("<html><head><title>Only a title</title></head><body></body></html>")
    with pytest.raises(InputError, match="empty document"):
        read_document_meta(path)


def test_html_is_a_document_and_is_ingested(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    review = tmp_path / "review"
    assert run_cli(capsys, "init", str(review))[0] == 0
    page = review / "documents" / "report.html"
    page.write_bytes((DOCS / "footnoted_report.html").read_bytes())
    assert is_document(str(page))
    code, out, err = run_cli(capsys, "ingest", "--review", str(review), str(page))
    assert code == 0, err
    assert "6 notes" in out


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_any_text_reads_without_error_and_the_same_every_time(source: str) -> None:
    assert html_text(source) == html_text(source)


words = st.lists(
    st.text(
        st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Zs", "Zl", "Zp")),
        min_size=1,
        max_size=8,
    ),
    min_size=1,
    max_size=20,
)


@settings(max_examples=200, deadline=None)
@given(words)
@example(["#", "0"])  # a paragraph that begins as a Markdown heading is still a paragraph
def test_the_words_of_an_escaped_paragraph_come_back(ws: list[str]) -> None:
    text = " ".join(ws)
    assert text_of(f"<p>{html.escape(text)}</p>").split() == text.split()


def test_a_page_title_alone_is_a_file_property_and_scholarly_tags_are_front_matter() -> None:
    """``<title>`` often carries the site's name: it only fills what the text leaves
    empty. ``citation_*`` and Dublin Core tags are the publisher's metadata and win."""
    plain = html_text("<html><head><title>Rivers | Site</title></head><body><p>x</p></body>")
    assert (plain[1]["title"], plain[1]["stated_by"]) == ("Rivers | Site", "file properties")
    tagged = html_text(
        '<html><head><meta name="citation_title" content="Rivers"><title>Rivers | Site</title>'
        "</head><body><h1>Site news</h1><p>x</p></body>"
    )
    assert (tagged[1]["title"], tagged[1]["stated_by"]) == ("Rivers", "front matter")


def test_a_marked_section_with_no_name_is_text() -> None:
    """``<![0`` (no name after ``<![``) made Python's HTML parser raise AssertionError: it is
    text, and the page around it reads as before; real marked sections are still skipped."""
    assert html_text("<![0")[0] == "<![0\n"
    assert html_text("<p>A <![0 b</p><p>Next.</p>")[0] == "A <![0 b\n\nNext.\n"
    assert html_text("<![CDATA[x]]><p>ok</p><![if !ie]><p>on</p><![endif]>")[0] == "ok\n\non\n"
