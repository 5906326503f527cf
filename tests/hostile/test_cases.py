"""Hostile inputs (issue 19): each case a small file built here, run through the command line
in this process. The invariant: a result, or a one-line error with exit 2; never a traceback
(an exception out of ``cli.main``), a hang, or a silent loss."""

from __future__ import annotations

import io
import os
import zipfile
from pathlib import Path

import pytest

from litreview.core.errors import InputError
from litreview.core.model import Citation
from litreview.review import Review
from litreview.taxonomy import load_taxonomy
from tests.conftest import require_module, run_cli, write_file
from tests.hostile.fuzz_targets import bare_review

TAXONOMY = """\
facets:
  - id: topic
    values:
      - id: crops
        synonyms: [wheat, barley]
"""


def one_line_error(code: int, err: str, *words: str) -> None:
    """Exit 2 with the error on the last line of stderr, naming what it should."""
    assert code == 2, err
    last = err.strip().splitlines()[-1]
    assert "Traceback" not in err
    for word in words:
        assert word in last, last


@pytest.fixture
def review(tmp_path: Path) -> Path:
    return bare_review(tmp_path / "rev", TAXONOMY)


# -- item 2: citekeys cannot inject entries ---------------------------------------------------


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("a.ris", "TY  - BOOK\nID  - k2}@misc{pwn,title={x}},\nTI  - One\nER  - \n"),
        ("a.csv", 'key,title\n"k2}@misc{pwn,title={x}},",One\n'),
    ],
)
def test_a_hostile_citekey_adds_no_entry(
    review: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, text: str
) -> None:
    code, _, err = run_cli(
        capsys, "import", str(write_file(tmp_path / name, text)), "--review", str(review)
    )
    assert code == 0, err
    works, problems = Review.at(review).load_works()
    assert problems == [] and len(works) == 1 and "pwn" not in works[0].key
    # the next import still reads the corpus
    assert run_cli(capsys, "import", str(tmp_path / name), "--review", str(review))[0] == 0


# -- item 3: a long sentence does not break the review ------------------------------------------


def test_a_sentence_of_200_kib_in_citations_reads_back(review: Path) -> None:
    rev = Review.at(review)
    long = "word " * 40_000
    rev.save_citations(
        [Citation(doc_id="d", footnote=1, position=1, raw="r", work_key="", context=long)]
    )
    assert rev.load_citations()[0].context == long


# -- item 5: exports neutralise what came from non-TeX, non-formula sources ----------------------


def test_exports_neutralise_tex_and_formulas(
    review: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ris = "TY  - BOOK\nID  - k1\nTI  - \\input{/etc/passwd}\\immediate\\write18{id}\nER  - \n"
    ris += 'TY  - BOOK\nID  - k2\nTI  - =HYPERLINK("http://x","y")\nER  - \n'
    assert (
        run_cli(
            capsys, "import", str(write_file(tmp_path / "a.ris", ris)), "--review", str(review)
        )[0]
        == 0
    )
    bib = tmp_path / "out.bib"
    assert (
        run_cli(capsys, "export", "--format", "bibtex", "-o", str(bib), "--review", str(review))[0]
        == 0
    )
    text = bib.read_text(encoding="utf-8")
    assert "\\input{" not in text and "\\write18" not in text
    out = tmp_path / "out.csv"
    assert (
        run_cli(capsys, "export", "--format", "csv", "-o", str(out), "--review", str(review))[0]
        == 0
    )
    assert ",=HYPERLINK" not in out.read_text(encoding="utf-8")


# -- items 6 and 8: bounded memory, one-line errors ---------------------------------------------


def string_bomb(levels: int) -> str:
    lines = ['@string{a0 = "xxxxxxxxxx"}']
    lines += [f"@string{{a{i} = a{i - 1} # a{i - 1}}}" for i in range(1, levels)]
    return "\n".join([*lines, f"@misc{{k, title = a{levels - 1}}}", ""])


_MODS = 'xmlns="http://www.loc.gov/mods/v3"'
# billion laughs and an external entity in MODS (told apart as MODS by its root first)
_XML_BOMB = (
    '<?xml version="1.0"?>\n<!DOCTYPE mods ['
    + "".join(f'<!ENTITY l{k} "{"lol" if k == 0 else f"&l{k - 1};" * 10}">' for k in range(10))
    + f"]>\n<mods {_MODS}><titleInfo><title>&l9;</title></titleInfo></mods>\n"
)
_XXE = (
    '<?xml version="1.0"?>\n<!DOCTYPE mods [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n'
    f"<mods {_MODS}><titleInfo><title>&x;</title></titleInfo></mods>\n"
)


@pytest.mark.parametrize(
    ("name", "data", "says"),
    [
        ("bomb.bib", string_bomb(28), "@string"),
        ("deep.json", "[" * 50_000 + "]" * 50_000, "nested"),
        ("deep2.json", '[{"id": "a", "title": ' + "[" * 5000 + "]" * 5000 + "}]", "nested"),
        (
            "year.json",
            '[{"id":"a","type":"book","issued":{"date-parts":[[' + "9" * 5000 + "]]}}]",
            "digits",
        ),
        ("nul.bib", "@misc{k1, title={A\x00B}, year={2001}}\n", "NUL"),
        ("nul.ris", "TY  - BOOK\nTI  - A\x00B\nER  - \n", "NUL"),
        ("nul.csv", "key,title\nk1,A\x00B\n", "NUL"),
        ("unclosed.csv", 'key,title\nk1,"never closed\nk2,Two\nk3,Three\n', "never closed"),
        ("bad.docx", b"PK not a zip", "DOCX"),
        ("bomb.xml", _XML_BOMB, "bomb.xml:3: error: not XML: limit on input amplification"),
        ("xxe.xml", _XXE, "xxe.xml:3: error: not XML: undefined entity &x;"),
        ("notes.xml", "Some notes.\nNot XML.\n", "notes.xml:1: error: not XML"),
    ],
)
def test_hostile_file_is_one_line_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, data: str | bytes, says: str
) -> None:
    path = write_file(tmp_path / name, data)
    code, out, err = run_cli(capsys, "validate", str(path))
    assert code == 2
    assert says in (err.strip().splitlines() or [""])[-1] + out and "Traceback" not in err


def test_unclosed_quote_keeps_the_rows_before_it(
    review: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    csv_file = write_file(tmp_path / "a.csv", 'key,title\nk0,Zero\nk1,"never closed\nk2,Two\n')
    code, _, err = run_cli(capsys, "import", str(csv_file), "--review", str(review))
    assert code == 0 and "a.csv:3" in err and "never closed" in err
    assert [w.key for w in Review.at(review).load_works()[0]] == ["k0"]


def test_a_cell_of_2_mb_is_read(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write_file(tmp_path / "big.csv", "key,title\nk1," + "a " * 1_000_000 + "\n")
    code, out, _ = run_cli(capsys, "validate", str(path))
    assert code == 0 and "ok: 1 entries" in out


def docx(path: Path, body: bytes) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/document.xml", body)
    return path


def test_docx_bad_xml_and_bomb(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    require_module("docx")
    code, _, err = run_cli(capsys, "validate", str(docx(tmp_path / "a.docx", b"<w:document><x>")))
    one_line_error(code, err, "a.docx", "cannot read DOCX")
    monkeypatch.setattr("litreview.formats._docx_text.MAX_DOCX_PART_BYTES", 10_000)
    code, _, err = run_cli(
        capsys, "validate", str(docx(tmp_path / "b.docx", b"<a>" + b" " * 20_000))
    )
    one_line_error(code, err, "b.docx", "larger than 10,000 bytes uncompressed")


def _damaged_stream(package: bytes, part: str, damage: str) -> bytes:
    """``package`` (a zip) with ``part`` damaged where zipfile's own checks cannot tell:
    ``stream``, the first byte of its deflate stream says a block of the reserved type, which
    zlib refuses (``zlib.error``); ``method``, its local header names compression method 99,
    which zipfile cannot undo (``NotImplementedError``)."""
    with zipfile.ZipFile(io.BytesIO(package)) as z:
        info = z.getinfo(part)
    assert info.compress_type == zipfile.ZIP_DEFLATED
    at = info.header_offset
    if damage == "method":  # in the central directory, which zipfile reads it from
        central = package.index(b"PK\x01\x02")
        while package[central + 46 : central + 46 + len(part)] != part.encode():
            central = package.index(b"PK\x01\x02", central + 4)
        return package[: central + 10] + (99).to_bytes(2, "little") + package[central + 12 :]
    head = package[at : at + 30]
    start = at + 30 + int.from_bytes(head[26:28], "little") + int.from_bytes(head[28:30], "little")
    return package[:start] + b"\xff" + package[start + 1 :]


@pytest.mark.parametrize("damage", ["stream", "method"])
@pytest.mark.parametrize(
    ("name", "part", "says"),
    [
        ("a.docx", "word/document.xml", "cannot read DOCX"),
        ("a.odt", "content.xml", "cannot read ODT"),
        ("a.xlsx", "xl/worksheets/sheet1.xml", "cannot read the workbook"),
    ],
)
def test_a_package_whose_compressed_part_is_damaged_is_one_error(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    name: str,
    part: str,
    says: str,
    damage: str,
) -> None:
    """Found by fuzzing the readers with damaged files (the ``damaged-package`` fuzz target):
    a part's deflate stream that does not inflate raised zlib's own error from DOCX, ODT and
    XLSX alike, and a compression method zipfile does not know escaped from XLSX."""
    body = {
        "word/document.xml": b"<w:document xmlns:w='urn:w'><w:body/></w:document>" * 20,
        "content.xml": b"<office:document-content xmlns:office='urn:o'/>" * 20,
    }.get(part, b"")
    buf = io.BytesIO()
    if name.endswith(".xlsx"):  # a whole workbook, so that only the damage stops it
        import openpyxl

        book = openpyxl.Workbook()
        book.active.append(["Title", "Year"])
        book.active.append(["A title", 2001])
        book.save(buf)
    else:
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
            if name.endswith(".odt"):
                z.writestr("mimetype", "application/vnd.oasis.opendocument.text")
            z.writestr(part, body)
    path = write_file(tmp_path / name, _damaged_stream(buf.getvalue(), part, damage))
    code, _, err = run_cli(capsys, "validate", str(path))
    one_line_error(code, err, name, says)


def test_encrypted_pdf(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import pypdf  # with cryptography (in [dev]) to encrypt the fixture

    writer = pypdf.PdfWriter()
    writer.add_blank_page(100, 100)
    writer.encrypt("secret", algorithm="AES-256")
    path = tmp_path / "locked.pdf"
    writer.write(str(path))
    code, _, err = run_cli(capsys, "validate", str(path))
    one_line_error(code, err, "locked.pdf", "PDF")


def test_a_3000_word_synonym_is_refused() -> None:
    text = TAXONOMY.replace("barley", " ".join(["w"] * 3000))
    with pytest.raises(InputError, match="synonym longer") as caught:
        load_taxonomy(text, "taxonomy.yaml")
    assert caught.value.line == 5


@pytest.mark.parametrize("device", ["/dev/zero", "fifo"])
def test_documents_row_naming_a_device_or_fifo(
    review: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], device: str
) -> None:
    if device == "fifo":
        if not hasattr(os, "mkfifo"):
            pytest.skip("no FIFOs here")
        device = str(tmp_path / "pipe.txt")
        os.mkfifo(device)
    docs = review / "bibliography" / "documents.csv"
    docs.write_text(f"doc_id,path,title,author,year,work_key\nd,{device},,,,\n", encoding="utf-8")
    code, _, err = run_cli(capsys, "gaps", "--review", str(review))
    one_line_error(code, err, "outside the review")
    # even where the user allows its folder, it is not read
    roots = review / "bibliography" / "document_roots.txt"
    roots.write_text(f"{Path(device).parent}\n", encoding="utf-8")
    code, _, err = run_cli(capsys, "gaps", "--review", str(review))
    one_line_error(code, err, device, "not a regular file")


def test_review_and_output_that_are_not_what_they_should_be(
    review: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    a_file = write_file(tmp_path / "plain", "x")
    code, _, err = run_cli(capsys, "export", "--format", "ris", "--review", str(a_file))
    one_line_error(code, err, "not a folder")
    code, _, err = run_cli(
        capsys, "export", "--format", "ris", "-o", str(tmp_path), "--review", str(review)
    )
    one_line_error(code, err, "is a folder")
    through = str(a_file / "x.ris")
    code, _, err = run_cli(
        capsys, "export", "--format", "ris", "-o", through, "--review", str(review)
    )
    one_line_error(code, err, "a file stands where a folder is needed")


# -- item 9: no silent replacement or creation --------------------------------------------------


def test_import_into_a_typo_creates_nothing(
    review: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ris = write_file(tmp_path / "a.ris", "TY  - BOOK\nTI  - One\nER  - \n")
    typo = tmp_path / "revv"
    code, _, err = run_cli(capsys, "import", str(ris), "--review", str(typo))
    one_line_error(code, err, "no such review folder")
    assert not typo.exists()


NOTE_DOC = """\
# {title}

A claim about wheat.[^1]

[^1]: {author}, *{title}* (London: Press, 2001).
"""


def test_same_stem_from_two_folders_keeps_both(
    review: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    docs = []
    for folder, author in (("a", "Jane Roe"), ("b", "John Doe")):
        (review / "documents" / folder).mkdir()
        text = NOTE_DOC.format(title=f"Study by {author}", author=author)
        docs.append(write_file(review / "documents" / folder / "report.md", text))
    assert run_cli(capsys, "ingest", str(docs[0]), "--review", str(review))[0] == 0
    code, _, err = run_cli(capsys, "ingest", str(docs[1]), "--review", str(review))
    assert code == 0 and "has the name 'report'" in err
    rev = Review.at(review)
    ids = sorted(d.doc_id for d in rev.load_documents())
    assert len(ids) == 2 and ids[0] == "report"
    cited = {c.doc_id for c in rev.load_citations() if c.kind == "citation"}
    assert cited == set(ids)
    # ingesting the first again replaces only its own rows
    assert run_cli(capsys, "ingest", str(docs[0]), "--review", str(review))[0] == 0
    assert sorted(d.doc_id for d in rev.load_documents()) == ids


def test_the_same_file_by_another_path_is_the_same_document(
    review: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """documents.csv holds a path through a linked folder (as a review copied beside a link
    to its documents does); the same file given by its real path is that document, not a
    new one with its citations a second time."""
    (review / "documents" / "a").mkdir()
    doc = write_file(
        review / "documents" / "a" / "report.md", NOTE_DOC.format(title="T", author="A B")
    )
    (review / "documents" / "same").symlink_to(review / "documents" / "a")
    assert run_cli(capsys, "ingest", str(doc), "--review", str(review))[0] == 0
    table = review / "bibliography" / "documents.csv"
    text = table.read_text(encoding="utf-8")
    table.write_text(text.replace("documents/a/", "documents/same/"), encoding="utf-8")
    code, _, err = run_cli(capsys, "ingest", str(doc), "--review", str(review))
    assert code == 0 and "has the name" not in err
    rev = Review.at(review)
    assert [d.doc_id for d in rev.load_documents()] == ["report"]
    assert len([c for c in rev.load_citations() if c.kind == "citation"]) == 1


@pytest.mark.parametrize("where", ["/etc/passwd", "../" * 30 + "etc/passwd", "link"])
def test_documents_row_outside_the_review_is_not_read(
    review: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], where: str
) -> None:
    secret = write_file(tmp_path / "secret.txt", "A secret about wheat.\n")
    if where == "link":
        (review / "documents" / "link.txt").symlink_to(secret)
        where = "documents/link.txt"
    docs = review / "bibliography" / "documents.csv"
    docs.write_text(f"doc_id,path,title,author,year,work_key\nd,{where},,,,\n", encoding="utf-8")
    code, _, err = run_cli(capsys, "gaps", "--review", str(review))
    one_line_error(code, err, "documents.csv:2", "outside the review", "document_roots.txt")
    # a declared root lets it be read
    roots = review / "bibliography" / "document_roots.txt"
    roots.write_text(f"# mine\n{tmp_path}\n/etc\n", encoding="utf-8")
    code, _, err = run_cli(capsys, "gaps", "--review", str(review))
    assert "outside the review" not in err


def test_ingest_from_outside_declares_the_folder(
    review: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "papers").mkdir()
    doc = write_file(
        tmp_path / "papers" / "study.md", NOTE_DOC.format(title="T", author="Jane Roe")
    )
    code, _, err = run_cli(capsys, "ingest", str(doc), "--review", str(review))
    assert code == 0 and "documents may now be read from ../papers" in err
    rev = Review.at(review)
    assert (review / "bibliography" / "document_roots.txt").read_text() == "../papers\n"
    assert "wheat" in rev.load_text(rev.load_documents()[0])
    run_cli(capsys, "ingest", str(doc), "--review", str(review))  # declared once
    assert (review / "bibliography" / "document_roots.txt").read_text() == "../papers\n"


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("a.json", '[{"id": "a", "type": "book", "title": "x\\ud800y"}]'),
        ("a.csv", 'key,title,extra\nk,T,"[[""a"",""\\ud800""]]"\n'),
        ("b.csv", 'key,title,extra\nk,T,"' + "[" * 5000 + '"\n'),
    ],
)
def test_escaped_lone_surrogates_and_deep_cells(
    review: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, text: str
) -> None:
    code, _, err = run_cli(
        capsys, "import", str(write_file(tmp_path / name, text)), "--review", str(review)
    )
    assert code == 2 and "Traceback" not in err
    assert "not a character" in err or "nested" in err
    assert not (review / "bibliography" / "corpus.bib").exists()


def test_curation_with_a_lone_surrogate_or_a_looping_alias() -> None:
    from litreview.core.curation import load_curation

    with pytest.raises(InputError, match="not a character"):
        load_curation('tags: {add: [{work: "\\ud800", facet: f, value: v}]}\n', "c.yaml")
    _, problems = load_curation("tags: &a [*a]\n", "c.yaml")
    assert problems and problems[0].line == 1


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("a.csv", 'key,title,extra\nk1,T,"[[""title"",""a""],[""a b"",""1""],[""a-b"",""2""]]"\n'),
        ("a.ris", "TY  - JOUR\nTI  - T\nUR  - http://x/a{{{b}, title={pwn\nDO  - 10.1/{\nER  - \n"),
    ],
)
def test_no_input_makes_import_write_a_corpus_it_cannot_read(
    review: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, text: str
) -> None:
    path = write_file(tmp_path / name, text)
    assert run_cli(capsys, "import", str(path), "--review", str(review))[0] == 0
    works, problems = Review.at(review).load_works()
    assert problems == [] and len(works) == 1
    assert run_cli(capsys, "import", str(path), "--review", str(review))[0] == 0
