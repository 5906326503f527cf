"""Every reader as a fuzz target, with a Hypothesis strategy of hostile inputs for it.

Shared by the property tests (``test_fuzz.py``, few examples) and
``benchmarks/bench_hostile.py`` (many). A target takes the generated text (or bytes) and
either returns or raises :class:`~litreview.core.errors.InputError`: anything else (a
traceback) is a failure, and so is a hang or memory beyond the bound, which the benchmark
watches.

Inputs are a real file of the format (from ``tests/data``, cut short) with a few edits made
of that format's syntax and of generally hostile characters, or a soup of those tokens.
"""

from __future__ import annotations

import io
import tempfile
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from hypothesis import strategies as st

from litreview.core.curation import load_curation
from litreview.core.errors import Problem
from litreview.core.model import Work
from litreview.formats import read_file
from litreview.formats.bibtex import read_bibtex, read_bibtex_bytes, write_bibtex
from litreview.formats.cff import read_cff
from litreview.formats.crossref import read_crossref
from litreview.formats.csljson import read_csljson
from litreview.formats.cslyaml import read_cslyaml, write_cslyaml
from litreview.formats.documents import read_document_meta
from litreview.formats.endnote import read_endnote
from litreview.formats.hayagriva import read_hayagriva
from litreview.formats.marcxml import read_marcxml
from litreview.formats.medline import read_medline
from litreview.formats.mods import read_mods
from litreview.formats.openalex import read_openalex
from litreview.formats.ovid import read_ovid
from litreview.formats.proquest import read_proquest
from litreview.formats.pubmed_xml import read_pubmed_xml
from litreview.formats.refer import read_refer
from litreview.formats.refworks import read_refworks
from litreview.formats.ris import read_ris
from litreview.formats.scopus import read_scopus
from litreview.formats.search_csv import read_search_csv, read_search_json
from litreview.formats.tabular import read_csv
from litreview.formats.word_xml import read_word_xml
from litreview.formats.wos import read_wos
from litreview.formats.zotero_rdf import read_zotero_rdf
from litreview.gaps.cues import review_cues
from litreview.taxonomy import load_taxonomy

DATA = Path(__file__).resolve().parent.parent / "data"
FIXTURE = Path(__file__).resolve().parent.parent / "fixture_review"
SEED_CHARS = 3000

# Characters and runs that have broken readers elsewhere: NUL, BOMs, lone surrogates'
# neighbours, line separators, deep nesting, long runs.
HOSTILE = (
    "\x00",
    "\ufeff",
    "\r",
    "\r\n",
    "\u2028",
    "\x85",
    "\t",
    "\\",
    '"',
    "'",
    "{" * 60,
    "}" * 60,
    "[" * 60,
    "9" * 40,
    "é",
    "\U0001f600",
    "<",
    "&",
    "%",
    "#",
    "=",
    "@",
    ",",
    ";",
    "\n\n",
)

TOKENS: dict[str, tuple[str, ...]] = {
    "bibtex": (
        "@misc{",
        "@article{k,",
        "@string{m = ",
        "@comment{",
        "@preamble{",
        " # ",
        "title = ",
        "author = {A and B}",
        "year = {2001}",
        "month = may",
        "\\'e",
        "{\\",
        "}\n",
        "crossref = {k}",
    ),
    "ris": (
        "TY  - ",
        "ER  - \n",
        "\nAU  - ",
        "\nTI  - ",
        "\nPY  - ",
        "\nDA  - ",
        "\nID  - ",
        "\nSP  - ",
        "\nKW  - ",
        "JOUR\n",
        "///",
        "  - ",
    ),
    "csljson": (
        '{"id": "a", "type": "book"',
        '"issued": {"date-parts": [[',
        '"author": [{"family": ',
        '"title": ',
        "[",
        "]",
        "{",
        "}",
        ":",
        "null",
        "1e999",
        "-0",
        '"\\u0000"',
    ),
    "csv": ("key,title,year\n", '"', '""', ",", "\n", "'=1+1", "extra", '[["a","b"]]', "json:"),
    "wos": ("PT J\n", "AU ", "TI ", "PY ", "ER\n", "EF\n", "   ", "FN ", "VR 1.0\n"),
    "scopus": ("Authors,Title,Year,EID\n", '"', ",", "\n", "2-s2.0-1", "Author full names"),
    "search-csv": ('"', ",", "\n", ";", "(", ")", "Prof.", "Mc", "aB", "%2F", "Jan 1", "Lens ID"),
    "medline": ("PMID- ", "\nTI  - ", "\nFAU - ", "\nDP  - ", "\n      ", "\nAID - ", "[doi]"),
    "openalex": ('{"id": "W1"', '"abstract_inverted_index": {', '"authorships": [', "]", "}"),
    "endnote": ("<record>", "</record>", "<titles><title>", "</title>", "<!DOCTYPE x [", "&x;"),
    "cslyaml": (
        "references:\n",
        "- id: ",
        "  title: ",
        "  issued: ",
        "&a ",
        "*a",
        "[",
        "]",
        ": ",
        "\t",
    ),
    "ovid": ("<1. >\n", "TI  - ", "\nAU  - ", "\nSO  - ", " (3) ", ". 12", "\n      ", "\nYR  - "),
    "proquest": (
        "_" * 60 + "\n",
        "Document 1 of 2\n",
        "\nTitle: ",
        "\nAuthor: ",
        "; ",
        "\nPublication date: ",
        "\nPublication title: ",
        "\n\n",
        "https://x.org/a\n",
    ),
    "pubmed-xml": (
        "<PubmedArticle>",
        "</PubmedArticle>",
        "<Author><LastName>",
        "<Year>",
        "<MedlineDate>",
        '<ArticleId IdType="doi">',
        "<!DOCTYPE x [",
        "&x;",
    ),
    "word-xml": (
        "<b:Source>",
        "</b:Source>",
        "<b:Author><b:Author><b:NameList><b:Person><b:Last>",
        "<b:Corporate>",
        "<b:Year>",
        "<b:Month>",
        "<b:StandardNumber>:ISBN:",
        "<b:Tag>",
        "<!DOCTYPE x [",
        "&x;",
    ),
    "mods": (
        "<mods>",
        "</mods>",
        '<name type="personal"><namePart type="family">',
        "<namePart>",
        "<role><roleTerm>",
        '<relatedItem type="host">',
        "<part><extent><start>",
        '<identifier type="citekey">',
        "<dateIssued>",
        "<!DOCTYPE x [",
        "&x;",
    ),
    "refworks": (
        "RT Journal Article\n",
        "A1 ",
        "T1 ",
        "YR ",
        "K1 a;b;c\n",
        "OP 1-",
        "0RW1S34RfeSDcfkexd09rT2",
        "\n\n",
    ),
    "hayagriva": (
        "entry:\n",
        "  type: article\n",
        "  parent:\n    type: periodical\n",
        "  author: [",
        "  serial-number:\n    doi: ",
        "&a [*a, *a]",
        "  date: ",
    ),
    "cff": (
        "cff-version: 1.2.0\n",
        "preferred-citation:\n  type: article\n",
        "references:\n  - ",
        "authors:\n  - family-names: ",
        "identifiers:\n  - type: doi\n",
        "&a [*a, *a]",
    ),
    "zotero-rdf": (
        '<bib:Article rdf:about="#item_1">',
        "</bib:Article>",
        "<z:itemType>journalArticle</z:itemType>",
        '<dcterms:isPartOf rdf:resource="#item_1"/>',
        '<dcterms:hasPart rdf:resource="#collection_1"/>',
        "<bib:authors><rdf:Seq><rdf:li><foaf:Person><foaf:surname>",
        "<dc:identifier>DOI ",
        "<dc:date>",
        "<!DOCTYPE x [",
        "&x;",
    ),
    "marcxml": (
        "<record>",
        "</record>",
        '<datafield tag="245" ind1="1" ind2="0">',
        '<datafield tag="773">',
        '<subfield code="a">',
        '<subfield code="g">Vol. ',
        "</subfield>",
        "<leader>",
        '<controlfield tag="008">',
        "xmlns:zs=",
        "&",
        "<!DOCTYPE x [",
        "&x;",
    ),
    "crossref": ('"message-type": "work-list"', '"items": [', '"title": [', "null", "[[", "]", "}"),
    "tables": ('"', ",", ";", "\t", "\n", '="0', "Title", "Author", " and ", "|", "1/2/2020"),
    "xlsx-sheet": (
        "<row>",
        "</row>",
        '<c t="s"><v>',
        '<c t="inlineStr"><is><t>',
        "</t></is></c>",
        "</v></c>",
        '<c t="d"><v>',
        '<c t="e"><v>',
        "<!DOCTYPE x [",
        "&x;",
        "99999999",
    ),
    "search-json": ('{"uid": "GS:1"', '"authors": [', '"year": ', "0", "null", "[", "]", "}"),
    "enw": ("%0 ", "\n%T ", "\n%A ", "\n%D ", "\n%8 ", "\n%@ ", "\n%R doi:10.", "\n\n", "%"),
    "markdown": ("[^1]", "[^1]: ", "\n# ", "*", "http://", "(2001)", "Ibid.", "\n\n", "1. "),
    "taxonomy": (
        "facets:\n",
        "  - id: f\n",
        "    values:\n",
        "      - id: v\n",
        "synonyms: [",
        "*",
        "&a ",
        "*a",
    ),
    "gap-cues": (
        "threshold: ",
        "encoder_share: ",
        "context_sentences: ",
        "include: [",
        "exclude:\n  - {id: n, pattern: '",
        "anaphora: [",
        "inf",
        "1e400",
        "-",
        "(",
        "~",
    ),
    "curation": (
        "tags:\n",
        "  add:\n",
        "    - {work: k, facet: f, value: v}\n",
        "works:\n",
        "merge:",
        "!!python",
    ),
    "docx": (
        "<w:p>",
        "</w:p>",
        "<w:r><w:t>",
        "</w:t></w:r>",
        '<w:footnoteReference w:id="1"/>',
        '<w:bookmarkStart w:id="1" w:name="ZOTERO_BREF_a"/>',
        '<w:bookmarkEnd w:id="1"/>',
        '<property name="ZOTERO_BREF_a_1"><vt:lpwstr>ZOTERO_ITEM CSL_CITATION {',
        "<w:hyperlink><w:r><w:t>ITEM CSL_CITATION {",
        "</w:t></w:r></w:hyperlink>",
        '<!ENTITY a "b">',
    ),
    "odt": (
        "<text:p>",
        "</text:p>",
        '<text:h text:outline-level="99">',
        '<text:s text:c="99999999"/>',
        '<text:note text:note-class="endnote"><text:note-body><text:p>',
        "</text:p></text:note-body></text:note>",
        '<text:p text:style-name="Title">',
        "<text:span>",
        '<text:bookmark-start text:name="ZOTERO_BREF_a"/>',
        '<text:bookmark-end text:name="ZOTERO_BREF_a"/>',
        '<office:meta><meta:user-defined meta:name="ZOTERO_BREF_a_2">',
        "<text:a>ITEM CSL_CITATION {",
        "</text:a>",
        '<!ENTITY a "b">',
    ),
}

_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
_DOCX_SEED = (
    f"<w:document {_W}><w:body><w:p><w:r><w:t>A claim.</w:t></w:r>"
    '<w:r><w:footnoteReference w:id="1"/></w:r></w:p></w:body></w:document>'
)


_ODT_NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"'
)
_ODT_SEED = (
    f"<office:document-content {_ODT_NS}><office:body><office:text><text:p>A claim."
    '<text:note text:note-class="footnote"><text:note-citation>1</text:note-citation>'
    "<text:note-body><text:p>Lima, A. (2019), Survey.</text:p></text:note-body></text:note>"
    "</text:p></office:text></office:body></office:document-content>"
)


def _seed(name: str) -> str:
    return (DATA / "real" / name).read_text(encoding="utf-8")[:SEED_CHARS]


def _sheet_xml() -> str:
    """The sheet of a real spreadsheet export (EPPI-Reviewer's), its strings inline."""
    with zipfile.ZipFile(DATA / "real" / "cff_eppireviewer.xlsx") as z:
        return z.read("xl/worksheets/sheet1.xml").decode("utf-8")  # whole: XML cut is no sheet


def _xlsx(sheet: str) -> None:
    """A workbook (the real export's parts) whose sheet is ``sheet``, read as an import."""
    buf = io.BytesIO()
    with (
        zipfile.ZipFile(DATA / "real" / "cff_eppireviewer.xlsx") as real,
        zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z,
    ):
        for name in real.namelist():
            part = real.read(name)
            if name == "xl/worksheets/sheet1.xml":
                part = sheet.encode("utf-8", errors="replace")
            z.writestr(name, part)
    _in_file(".xlsx", buf.getvalue(), read_file)


def _seeds() -> dict[str, str]:
    return {
        "bibtex": _seed("jabref_test.bib"),
        "ris": _seed("rispy_example_full.ris"),
        "csljson": (DATA / "csljson" / "zotero_export.json").read_text(encoding="utf-8")[
            :SEED_CHARS
        ],
        "csv": 'key,title,authors,year,extra\nk1,A title,Roe, Jane,2001,"[[""x"",""y""]]"\n',
        "wos": _seed("jabref_wos.isi"),
        "scopus": _seed("litstudy_scopus.csv"),
        "search-csv": _seed("asreview_embase.csv"),
        "medline": _seed("jabref_pubmed.nbib"),
        "openalex": _seed("openalex_works_snapshot.jsonl"),
        "endnote": _seed("jabref_endnote_report.xml"),
        "pubmed-xml": _seed("jabref_pubmed_article.xml"),
        # whole: an XML file cut short is only a parse error
        "word-xml": (DATA / "real" / "jabref_msbib_translator.xml").read_text(encoding="utf-8"),
        "mods": (DATA / "real" / "jabref_mods_export_all_fields.xml").read_text(encoding="utf-8"),
        "marcxml": (DATA / "real" / "jabref_marcxml_notes.xml").read_text(encoding="utf-8"),
        "zotero-rdf": (DATA / "zotero_rdf" / "library.rdf").read_text(encoding="utf-8"),
        "hayagriva": (DATA / "hayagriva" / "library.yml").read_text(encoding="utf-8"),
        "refworks": (DATA / "refworks" / "export.txt").read_text(encoding="utf-8"),
        "cff": _seed("cff_key_complete.cff"),
        "ovid": (DATA / "ovid" / "embase_fields.txt").read_text(encoding="utf-8"),
        "proquest": (DATA / "proquest" / "articles.txt").read_text(encoding="utf-8"),
        "cslyaml": write_cslyaml(
            read_csljson((DATA / "csljson" / "zotero_export.json").read_text(encoding="utf-8"))[0]
        ),
        "enw": _seed("citationjs_enw_examples.enw"),
        "search-json": _seed("colrev_publish_or_perish.json"),
        "tables": _seed("cff_zotero.csv"),
        "crossref": (DATA / "real" / "habanero_crossref_works.json").read_text(encoding="utf-8"),
        "xlsx-sheet": _sheet_xml(),
        "markdown": (DATA / "docs" / "footnoted_report.md").read_text(encoding="utf-8")[
            :SEED_CHARS
        ],
        "taxonomy": (FIXTURE / "bibliography" / "taxonomy.yaml").read_text(encoding="utf-8"),
        "curation": (FIXTURE / "curation-example.yaml").read_text(encoding="utf-8"),
        "gap-cues": "threshold: 0.6\nencoder_share: 0.4\ncontext_sentences: 2\n"
        "include: ['nobody knows']\nexclude: ['lack of (funding|staff)']\n",
        "docx": _DOCX_SEED,
        "odt": _ODT_SEED,
    }


SEEDS = _seeds()


def hostile_text(fmt: str) -> st.SearchStrategy[str]:
    """Text for the reader of ``fmt``: its seed file edited, a soup of tokens, or any text."""
    tokens = st.sampled_from(TOKENS[fmt] + HOSTILE) | st.text(max_size=8)
    edit = st.tuples(st.floats(0, 1), st.integers(0, 40), tokens)

    def edited(edits: list[tuple[float, int, str]]) -> str:
        text = SEEDS[fmt]
        for where, cut, token in edits:
            at = int(where * len(text))
            text = text[:at] + token + text[at + cut :]
        return text

    soup = st.lists(tokens, max_size=60).map("".join)
    return st.one_of(
        st.lists(edit, min_size=1, max_size=6).map(edited), soup, st.text(max_size=200)
    )


def hostile_bytes(fmt: str) -> st.SearchStrategy[bytes]:
    """Bytes for a file reader: hostile text encoded, sometimes as UTF-16 or with bad bytes."""
    encodings = st.sampled_from(("utf-8", "utf-8-sig", "utf-16", "latin-1"))
    junk = st.binary(max_size=6)
    return st.tuples(hostile_text(fmt), encodings, junk).map(
        lambda t: t[0].encode(t[1], errors="replace") + t[2]
    )


def _in_file(suffix: str, data: bytes, read: Callable[[Path], object]) -> None:
    with tempfile.TemporaryDirectory(prefix="litreview-fuzz-") as tmp:
        path = Path(tmp) / f"input{suffix}"
        path.write_bytes(data)
        read(path)


def _docx(body: str) -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/document.xml", body.encode("utf-8", errors="replace"))
        z.writestr(
            "word/footnotes.xml",
            body.replace("w:document", "w:footnotes").encode("utf-8", "replace"),
        )
        z.writestr("docProps/custom.xml", body.encode("utf-8", errors="replace"))
    _in_file(".docx", buf.getvalue(), read_document_meta)


def _odt(content: str) -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("content.xml", content.encode("utf-8", errors="replace"))
        z.writestr("meta.xml", content.encode("utf-8", errors="replace"))
    _in_file(".odt", buf.getvalue(), read_document_meta)


#: Real zip packages (a Word document, a workbook) whose bytes ``damaged_package`` changes.
PACKAGES = (
    DATA / "docs" / "footnoted_report.docx",
    DATA / "docs" / "word_citations_example.docx",
    DATA / "real" / "cff_embase.xlsx",
)


def damaged_package() -> st.SearchStrategy[tuple[int, list[tuple[float, int]]]]:
    """Which package, and bytes to put at places in it (a fraction of its length): damage
    inside the compressed parts, where the archive's headers cannot tell, as well as to the
    headers themselves."""
    edit = st.tuples(st.floats(0, 1, exclude_max=True), st.integers(0, 255))
    return st.tuples(st.integers(0, len(PACKAGES) - 1), st.lists(edit, min_size=1, max_size=4))


def _damaged(value: tuple[int, list[tuple[float, int]]]) -> None:
    which, edits = value
    path = PACKAGES[which]
    data = bytearray(path.read_bytes())
    for at, byte in edits:
        data[int(at * len(data))] = byte
    read = read_file if path.suffix == ".xlsx" else read_document_meta
    _in_file(path.suffix, bytes(data), read)


def _scan(text: str, suffix: str) -> None:
    from litreview.pipeline.ingest import check_document

    _in_file(suffix, text.encode("utf-8", errors="replace"), lambda p: check_document(str(p)))


def synonyms_and_text() -> st.SearchStrategy[tuple[list[str], str]]:
    """Synonyms of any characters (wildcards, hyphens, long words), and a text to match."""
    phrase = st.text(max_size=30) | st.lists(
        st.sampled_from(
            ("wheat", "barley*", "-", " ", "crop-s", "y", "é", "\\", "*", "(", "x" * 60)
        ),
        max_size=12,
    ).map("".join)
    return st.tuples(st.lists(phrase, min_size=1, max_size=8), st.text(max_size=300))


def _match(value: tuple[list[str], str]) -> None:
    import json

    synonyms, text = value
    yaml_text = (
        "facets:\n  - id: f\n    values:\n      - id: v\n        synonyms: "
        + json.dumps(synonyms)
        + "\n"
    )
    load_taxonomy(yaml_text, "taxonomy.yaml").match(text + " " + " ".join(synonyms))


class Unreadable(AssertionError):
    """What a reader gave, written to corpus.bib, does not read back."""


def _round_trip(reader: Callable[[str, str], tuple[list[Work], list[Problem]]], text: str) -> None:
    """The works a reader gives, written as corpus.bib, read back whole and without error:
    no input can make import write a corpus that the next command refuses."""
    works, _ = reader(text, "fuzz")
    unique = list({w.key: w for w in works}.values())
    back, problems = read_bibtex(write_bibtex(sorted(unique, key=lambda w: w.key)), "corpus.bib")
    errors = [p for p in problems if p.severity == "error"]
    if errors or len(back) != len(unique):
        raise Unreadable(f"{len(unique)} works written, {len(back)} read back: {errors[:2]}")


def _import_export(suffix: str, text: str) -> None:
    """``litreview import`` of the text into a new review, twice (the corpus it wrote must
    read back without error), then an export in every format, each read back."""
    from litreview.formats import WRITABLE, writer_for
    from litreview.pipeline.imports import run_import
    from litreview.review import Review

    with tempfile.TemporaryDirectory(prefix="litreview-fuzz-") as tmp:
        review = Review.at(tmp)
        review.bibliography.mkdir()
        path = Path(tmp) / f"input{suffix}"
        path.write_text(text, encoding="utf-8", errors="replace")
        for _ in range(2):
            run_import(review, [str(path)])
            works, problems = review.load_works()
            if any(p.severity == "error" for p in problems):
                raise Unreadable(f"import wrote a corpus with errors: {problems[:2]}")
        for fmt in WRITABLE:
            out = Path(tmp) / f"export.{fmt}"
            out.write_text(writer_for(fmt)(works), encoding="utf-8")
            if works:
                read_file(out, fmt)


# A review's own tables as a person might hand-edit them: a header and a row each.
TABLES = {
    "documents.csv": "doc_id,path,title,author,year,work_key\nd1,documents/d1.txt,T,A,2001,k\n",
    "citations.csv": "doc_id,footnote,position,raw,work_key,context,section,kind,char_start,"
    "char_end\nd1,1,1,Roe 2001,k,A claim,,citation,3,9\n",
    "tags.csv": "work_key,facet,value,source,evidence,doc_id,char_start,char_end,score\n"
    "k,topic,crops,rule,wheat,d1,0,5,1\n",
    "merges.csv": "kept,merged,reason,score,conflicts\nk,k2,doi,100,\n",
    "statements.csv": "doc_id,char_start,char_end,section,quote,topic,strength,kind,score,why,"
    'mentions\nd1,0,9,,No study,crops,strong,gap,0.9,cue,"[{""facet"":""topic"",'
    '""value"":""crops"",""char_start"":0,""char_end"":2}]"\n',
}


def review_table() -> st.SearchStrategy[tuple[str, str]]:
    """A table of a review and a hostile text for it (its seed row edited)."""
    tokens = st.sampled_from((*HOSTILE, ",", '"', "\n", "-1", "1e999", "nan", "9" * 5000))
    tokens = tokens | st.text(max_size=6)

    def edited(name: str, edits: list[tuple[float, int, str]]) -> tuple[str, str]:
        text = TABLES[name]
        for where, cut, token in edits:
            at = int(where * len(text))
            text = text[:at] + token + text[at + cut :]
        return name, text

    edit = st.tuples(st.floats(0, 1), st.integers(0, 10), tokens)
    return st.builds(edited, st.sampled_from(sorted(TABLES)), st.lists(edit, max_size=5))


def _load_table(value: tuple[str, str]) -> None:
    from litreview.review import Review

    name, text = value
    with tempfile.TemporaryDirectory(prefix="litreview-fuzz-") as tmp:
        review = Review.at(tmp)
        review.bibliography.mkdir()
        review.gaps_dir.mkdir()
        folder = review.gaps_dir if name == "statements.csv" else review.bibliography
        (folder / name).write_text(text, encoding="utf-8", errors="replace")
        loaders = {
            "documents.csv": review.load_documents,
            "citations.csv": review.load_citations,
            "tags.csv": review.load_tags,
            "merges.csv": review.load_merges,
            "statements.csv": review.load_statements,
        }
        loaders[name]()


def docx_parts() -> st.SearchStrategy[tuple[str, str]]:
    """A well-formed DOCX body and footnotes part: paragraphs of runs (any text, italics,
    tabs, note references with odd ids, heading styles, bookmarks' starts and ends with odd
    ids, their codes kept in the custom properties or not) and notes with odd ids and
    types."""
    from xml.sax.saxutils import escape

    ids = st.sampled_from(("1", "2", "0", "-1", "x", "", "9" * 30))
    mark = "ZOTERO_BREF_a"  # a bookmark whose code the custom properties keep (or not)
    text = st.text(max_size=20).map(lambda t: escape("".join(c for c in t if c.isprintable())))
    run = st.one_of(
        text.map(lambda t: f"<w:r><w:t>{t}</w:t></w:r>"),
        text.map(lambda t: f"<w:r><w:rPr><w:i/></w:rPr><w:t>{t}</w:t></w:r>"),
        st.just("<w:r><w:tab/></w:r>"),
        ids.map(lambda i: f'<w:r><w:footnoteReference w:id="{i}"/></w:r>'),
        ids.map(lambda i: f'<w:r><w:endnoteReference w:id="{i}"/></w:r>'),
        ids.map(lambda i: f'<w:bookmarkStart w:id="{i}" w:name="{mark}{i}"/>'),
        ids.map(lambda i: f'<w:bookmarkEnd w:id="{i}"/>'),
    )
    style = st.sampled_from(("", '<w:pPr><w:pStyle w:val="Heading1"/></w:pPr>'))
    para = st.builds(lambda s, rs: f"<w:p>{s}{''.join(rs)}</w:p>", style, st.lists(run, max_size=6))
    body = st.lists(para, max_size=8).map(
        lambda ps: f"<w:document {_W}><w:body>{''.join(ps)}</w:body></w:document>"
    )
    kind = st.sampled_from(("", ' w:type="separator"'))
    note = st.builds(
        lambda i, k, ps: f'<w:footnote w:id="{i}"{k}>{"".join(ps)}</w:footnote>',
        ids,
        kind,
        st.lists(para, max_size=3),
    )
    notes = st.lists(note, max_size=5).map(
        lambda ns: f"<w:footnotes {_W}>{''.join(ns)}</w:footnotes>"
    )
    return st.tuples(body, notes)


_CODE = 'ZOTERO_ITEM CSL_CITATION {"citationItems":[{"id":1,"itemData":{"title":"T"}}]}'
# Bookmarks' codes: readable (a1), broken (a2), part 1 missing (a0); a-1, ax, ... have none.
_CUSTOM_PARTS = {"a1_1": _CODE[:30], "a1_2": _CODE[30:], "a2_1": _CODE[:40], "a0_2": "}"}
_CUSTOM_XML = (
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"'
    ' xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
    + "".join(
        f'<property name="ZOTERO_BREF_{k}"><vt:lpwstr>{v}</vt:lpwstr></property>'
        for k, v in _CUSTOM_PARTS.items()
    )
    + "</Properties>"
)


def _docx_parts(parts: tuple[str, str]) -> None:
    body, notes = parts
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/document.xml", body)
        z.writestr("word/footnotes.xml", notes)
        z.writestr("docProps/custom.xml", _CUSTOM_XML)
    _in_file(".docx", buf.getvalue(), read_document_meta)


def _ingest(text: str) -> None:
    """``litreview ingest`` of a hostile document, twice: the tables it wrote read back
    without error (a sentence of any length, any characters)."""
    from litreview.pipeline.ingest import read_sources, run_ingest
    from litreview.review import Review

    with tempfile.TemporaryDirectory(prefix="litreview-fuzz-") as tmp:
        review = Review.at(tmp)
        review.bibliography.mkdir()
        (review.root / "documents").mkdir()
        doc = review.root / "documents" / "doc.md"
        doc.write_text(text, encoding="utf-8", errors="replace")
        for _ in range(2):
            read = read_sources(review, [str(doc)])
            if not read.sources:
                return
            run_ingest(review, read.sources)
        _, problems = review.load_works()
        if any(p.severity == "error" for p in problems):
            raise Unreadable(f"ingest wrote a corpus with errors: {problems[:2]}")
        review.load_citations()
        for d in review.load_documents():
            review.load_text(d)


@dataclass(frozen=True, slots=True)
class Target:
    """A reader to fuzz: its name, the strategy of its inputs and the call."""

    name: str
    inputs: st.SearchStrategy[object]
    call: Callable[[object], object]


def _text_target(name: str, fmt: str, fn: Callable[[str, str], object]) -> Target:
    return Target(name, hostile_text(fmt), lambda t: fn(str(t), f"fuzz.{fmt}"))


TARGETS: tuple[Target, ...] = (
    _text_target("bibtex", "bibtex", read_bibtex),
    Target(
        "bibtex-bytes", hostile_bytes("bibtex"), lambda b: read_bibtex_bytes(bytes(b), "fuzz.bib")
    ),
    _text_target("ris", "ris", read_ris),
    _text_target("csljson", "csljson", read_csljson),
    _text_target("csv", "csv", read_csv),
    _text_target("wos", "wos", read_wos),
    _text_target("scopus", "scopus", read_scopus),
    _text_target("search-csv", "search-csv", read_search_csv),
    _text_target("medline", "medline", read_medline),
    _text_target("openalex", "openalex", read_openalex),
    _text_target("endnote", "endnote", read_endnote),
    _text_target("pubmed-xml", "pubmed-xml", read_pubmed_xml),
    _text_target("word-xml", "word-xml", read_word_xml),
    _text_target("mods", "mods", read_mods),
    _text_target("marcxml", "marcxml", read_marcxml),
    _text_target("zotero-rdf", "zotero-rdf", read_zotero_rdf),
    _text_target("hayagriva", "hayagriva", read_hayagriva),
    _text_target("refworks", "refworks", read_refworks),
    _text_target("cff", "cff", read_cff),
    _text_target("ovid", "ovid", read_ovid),
    _text_target("proquest", "proquest", read_proquest),
    _text_target("cslyaml", "cslyaml", read_cslyaml),
    _text_target("enw", "enw", read_refer),
    _text_target("search-json", "search-json", read_search_json),
    _text_target("search-csv-tools", "tables", read_search_csv),
    _text_target("crossref", "crossref", read_crossref),
    Target("file-xlsx", hostile_text("xlsx-sheet"), lambda t: _xlsx(str(t))),
    Target("file-xls", hostile_bytes("tables"), lambda b: _in_file(".xls", bytes(b), read_file)),
    _text_target("taxonomy", "taxonomy", load_taxonomy),
    _text_target("curation", "curation", load_curation),
    _text_target("gap-cues", "gap-cues", lambda text, path: review_cues((text, path))),
    Target("synonyms", synonyms_and_text(), lambda v: _match(v)),  # type: ignore[arg-type]
    Target("corpus-from-ris", hostile_text("ris"), lambda t: _round_trip(read_ris, str(t))),
    Target("corpus-from-csv", hostile_text("csv"), lambda t: _round_trip(read_csv, str(t))),
    Target(
        "corpus-from-csljson", hostile_text("csljson"), lambda t: _round_trip(read_csljson, str(t))
    ),
    Target("corpus-from-bib", hostile_text("bibtex"), lambda t: _round_trip(read_bibtex, str(t))),
    Target("import-ris", hostile_text("ris"), lambda t: _import_export(".ris", str(t))),
    Target("import-csv", hostile_text("csv"), lambda t: _import_export(".csv", str(t))),
    Target("import-json", hostile_text("csljson"), lambda t: _import_export(".json", str(t))),
    Target("import-bib", hostile_text("bibtex"), lambda t: _import_export(".bib", str(t))),
    Target("review-tables", review_table(), lambda v: _load_table(v)),  # type: ignore[arg-type]
    Target("file-bib", hostile_bytes("bibtex"), lambda b: _in_file(".bib", bytes(b), read_file)),
    Target("file-ris", hostile_bytes("ris"), lambda b: _in_file(".ris", bytes(b), read_file)),
    Target("file-txt", hostile_bytes("medline"), lambda b: _in_file(".txt", bytes(b), read_file)),
    Target("file-csv", hostile_bytes("csv"), lambda b: _in_file(".csv", bytes(b), read_file)),
    Target("file-json", hostile_bytes("csljson"), lambda b: _in_file(".json", bytes(b), read_file)),
    Target("file-xml", hostile_bytes("mods"), lambda b: _in_file(".xml", bytes(b), read_file)),
    Target(
        "file-marcxml", hostile_bytes("marcxml"), lambda b: _in_file(".xml", bytes(b), read_file)
    ),
    Target(
        "file-rdf", hostile_bytes("zotero-rdf"), lambda b: _in_file(".rdf", bytes(b), read_file)
    ),
    Target("file-yml", hostile_bytes("hayagriva"), lambda b: _in_file(".yml", bytes(b), read_file)),
    Target("file-cff", hostile_bytes("cff"), lambda b: _in_file(".cff", bytes(b), read_file)),
    Target("document-md", hostile_text("markdown"), lambda t: _scan(str(t), ".md")),
    Target("ingest-md", hostile_text("markdown"), lambda t: _ingest(str(t))),
    Target("document-txt", hostile_text("markdown"), lambda t: _scan(str(t), ".txt")),
    Target("document-docx", hostile_text("docx"), lambda t: _docx(str(t))),
    Target("document-docx-parts", docx_parts(), lambda v: _docx_parts(v)),  # type: ignore[arg-type]
    Target("document-odt", hostile_text("odt"), lambda t: _odt(str(t))),
    Target("damaged-package", damaged_package(), lambda v: _damaged(v)),  # type: ignore[arg-type]
)


def _report(text: str) -> None:
    """``ingest``, ``tag`` and ``report`` of a hostile document through the command line, in
    a review with the fixture's taxonomy: each exits 0 or 2 and nothing escapes."""
    import contextlib

    from litreview import cli

    taxonomy = (FIXTURE / "bibliography" / "taxonomy.yaml").read_text(encoding="utf-8")
    with tempfile.TemporaryDirectory(prefix="litreview-fuzz-") as tmp:
        root = Path(tmp)
        (root / "bibliography").mkdir()
        (root / "documents").mkdir()
        (root / "bibliography" / "taxonomy.yaml").write_text(taxonomy, encoding="utf-8")
        doc = root / "documents" / "doc.md"
        doc.write_text(text, encoding="utf-8", errors="replace")
        for argv in (["ingest", str(doc)], ["tag"], ["report"]):
            quiet = io.StringIO()
            with contextlib.redirect_stdout(quiet), contextlib.redirect_stderr(quiet):
                code = cli.main([*argv, "--review", tmp])
            if code not in (0, 2):
                raise Unreadable(f"litreview {argv[0]} exited {code}")
            if code:
                return


# Targets too slow for the suite (about a second an input): the benchmark runs them.
SLOW_TARGETS: tuple[Target, ...] = (
    Target("report-md", hostile_text("markdown"), lambda t: _report(str(t))),
)


def bare_review(root: Path, taxonomy: str) -> Path:
    """A review folder at ``root`` with only a taxonomy and an empty documents folder: what
    the hostile cases and ``benchmarks/bench_hostile.py`` run commands against."""
    (root / "bibliography").mkdir(parents=True)
    (root / "documents").mkdir()
    (root / "bibliography" / "taxonomy.yaml").write_text(taxonomy, encoding="utf-8")
    return root
