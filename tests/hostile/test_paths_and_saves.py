"""Hostile inputs, second round: file names, links and devices given on the command line,
files of the review replaced by folders (and the reverse), nesting and sheer numbers of tags
in documents, and hand-owned YAML with a key given twice. The invariant of issue 19: a result,
or a one-line error with exit 2 and the review as it was; never a traceback, a hang, a review
no later command can open, or a silent loss."""

from __future__ import annotations

import hashlib
import os
import threading
import zipfile
from pathlib import Path

import pytest

from litreview.core.errors import InputError, Problem
from litreview.core.files import path_text
from litreview.formats import _docx_text, _html_text
from litreview.formats.documents import read_document_meta
from litreview.review import Review
from litreview.taxonomy import load_taxonomy
from tests.conftest import run_cli, write_file
from tests.hostile.fuzz_targets import bare_review
from tests.hostile.test_cases import TAXONOMY, one_line_error

RIS = "TY  - BOOK\nTI  - On wheat\nPY  - 2001\nER  - \n"
DOC = "# A report\n\nLittle is known about wheat.[^1]\n\n[^1]: Jane Roe, *On Wheat* (2001).\n"
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


@pytest.fixture
def review(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    root = bare_review(tmp_path / "rev", TAXONOMY)
    code, _, err = run_cli(
        capsys, "import", str(write_file(tmp_path / "a.ris", RIS)), "--review", str(root)
    )
    assert code == 0, err
    return root


def files_of(root: Path) -> dict[str, str]:
    """Every file under ``root`` (the lock and the disposable corpus copy aside) and a digest
    of its bytes; a folder where a file was shows as missing."""
    out = {}
    for path in sorted(root.rglob("*")):
        if path.is_file() and path.name not in ("lock", "corpus.works"):
            out[path.relative_to(root).as_posix()] = hashlib.sha256(path.read_bytes()).hexdigest()
    return out


# -- names and links given on the command line -----------------------------------------------


def test_a_document_named_in_bytes_that_are_not_utf8_is_refused_by_name(
    review: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    name = os.fsdecode(str(tmp_path).encode() + b"/d\xffoc.md")
    write_file(Path(name), DOC)
    before = files_of(review)
    code, _, err = run_cli(capsys, "ingest", name, "--review", str(review))
    one_line_error(code, err, "not UTF-8", "\\xff", "rename")
    assert files_of(review) == before


def test_a_name_is_written_as_the_utf8_text_of_its_bytes() -> None:
    assert path_text(os.fsdecode("dóc ü.md".encode())) == "dóc ü.md"
    with pytest.raises(InputError, match="not UTF-8"):
        path_text(os.fsdecode(b"d\xffoc.md"))


@pytest.mark.parametrize("command", ["ingest", "import", "validate"])
def test_a_symlink_loop_is_a_one_line_error(
    review: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str
) -> None:
    (tmp_path / "b.ris").symlink_to(tmp_path / "c.ris")
    (tmp_path / "c.ris").symlink_to(tmp_path / "b.ris")
    before = files_of(review)
    argv = [str(tmp_path / "b.ris")] + ([] if command == "validate" else ["--review", str(review)])
    code, _, err = run_cli(capsys, command, *argv)
    one_line_error(code, err, "b.ris", "loops")
    assert files_of(review) == before


@pytest.mark.parametrize("name", ["corpus.bib", "curation.yaml", "taxonomy.yaml"])
@pytest.mark.parametrize("command", ["tag", "import"])
def test_a_reviews_own_file_that_is_a_symlink_loop_is_a_one_line_error(
    review: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, command: str
) -> None:
    """A looping link looked like no file: no curation (its decisions silently dropped), no
    taxonomy, an empty corpus."""
    own = review / "bibliography" / name
    if os.path.lexists(own):
        own.unlink()
    own.symlink_to(own.with_suffix(".x"))
    own.with_suffix(".x").symlink_to(own)
    before = files_of(review)
    extra = [str(write_file(tmp_path / "b.ris", RIS))] if command == "import" else []
    code, _, err = run_cli(capsys, command, *extra, "--review", str(review))
    if command == "import" and name == "taxonomy.yaml":  # import reads no taxonomy
        assert code == 0 and "loops" in err
    else:
        one_line_error(code, err, name, "loops")
    assert files_of(review) == before or command == "import"
    assert own.is_symlink()


@pytest.mark.parametrize("command", ["ingest", "import"])
def test_a_name_too_long_is_a_one_line_error(
    review: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str
) -> None:
    code, _, err = run_cli(
        capsys, command, str(tmp_path / ("x" * 300 + ".ris")), "--review", str(review)
    )
    one_line_error(code, err, "too long")


def test_a_file_name_with_a_line_break_stays_on_one_line() -> None:
    assert "\n" not in str(Problem(path="a\nb.md", line=1, severity="warning", message="m"))
    assert "\n" not in str(InputError("m", path="a\r\nb.md"))


# -- export to a pipe or device ---------------------------------------------------------------


def test_export_to_a_pipe_writes_through_it_and_keeps_it_a_pipe(
    review: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()))
    reader.start()
    code, _, err = run_cli(
        capsys, "export", "--format", "ris", "-o", str(fifo), "--review", str(review)
    )
    reader.join(10)
    assert code == 0, err
    assert fifo.is_fifo() and b"On wheat" in got[0]


def test_export_to_a_pipe_no_one_reads_is_a_one_line_error(
    review: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    code, _, err = run_cli(
        capsys, "export", "--format", "ris", "-o", str(fifo), "--review", str(review)
    )
    one_line_error(code, err, "pipe", "no process reads")
    assert fifo.is_fifo()


# -- the review's files replaced by folders, and the reverse ---------------------------------


def test_a_folder_where_a_table_goes_stops_the_save_before_it_starts(
    review: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    tags = review / "bibliography" / "tags.csv"
    tags.mkdir()
    before = files_of(review)
    code, _, err = run_cli(capsys, "tag", "--review", str(review))
    one_line_error(code, err, "tags.csv", "directory")
    assert files_of(review) == before
    assert not (review / ".litreview" / "journal.json").exists()  # no save left to finish
    tags.rmdir()
    assert run_cli(capsys, "tag", "--review", str(review))[0] == 0


def test_a_file_where_the_gaps_folder_goes_is_kept_and_named(
    review: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = write_file(review / "documents" / "report.md", DOC)
    assert run_cli(capsys, "ingest", str(doc), "--review", str(review))[0] == 0
    write_file(review / "gaps", "my notes\n")
    before = files_of(review)
    code, _, err = run_cli(capsys, "gaps", "--review", str(review))
    one_line_error(code, err, "gaps", "a file stands where a folder is needed")
    assert files_of(review) == before
    assert sorted(p.name for p in review.iterdir() if p.name.startswith(".gaps")) == []
    assert run_cli(capsys, "export", "--format", "ris", "--review", str(review))[0] == 0


# -- documents: nesting and numbers of tags --------------------------------------------------


def _docx(path: Path, body: str) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/document.xml", f"<w:document {W}><w:body>{body}</w:body></w:document>")
    return path


def test_a_paragraph_nested_in_a_docx_paragraph_is_read_once(tmp_path: Path) -> None:
    """A text box's paragraph sits inside a run of its paragraph: its text is its own, not
    its paragraph's too (every paragraph once read all the runs under it, so nesting made
    the reading quadratic: 200,000 nested paragraphs never finished)."""
    inner = "<w:p><w:r><w:t>Inner words.</w:t></w:r></w:p>"
    body = f"<w:p><w:r><w:t>Outer words.</w:t></w:r><w:r><w:pict>{inner}</w:pict></w:r></w:p>"
    text = read_document_meta(_docx(tmp_path / "box.docx", body)).text
    assert text.count("Inner words.") == 1 and "Outer words." in text


def test_a_docx_part_of_more_tags_than_the_limit_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(_docx_text, "MAX_DOCX_TAGS", 1_000)
    path = _docx(tmp_path / "flat.docx", "<w:p/>" * 1_000)
    with pytest.raises(InputError, match="more than 1,000 XML tags"):
        read_document_meta(path)


def test_an_html_page_past_the_element_limit_is_read_as_text(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(_html_text, "MAX_HTML_ELEMENTS", 10)
    text, _ = _html_text.html_text("<p>" + "<b>a</b> " * 50 + "last words</p>")
    assert text.count("a") >= 50 and "last words" in text


# -- hand-owned YAML with a key given twice --------------------------------------------------


def test_a_curation_section_given_twice_is_read_whole(review: Path) -> None:
    key = Review.at(review).load_works()[0][0].key
    write_file(
        review / "bibliography" / "curation.yaml",
        f"tags:\n  add:\n    - {{work: {key}, facet: topic, value: crops, reason: a}}\n"
        f"tags:\n  remove:\n    - {{work: {key}, facet: topic, value: crops, reason: b}}\n",
    )
    curation, problems = Review.at(review).load_curation()
    assert len(curation.tag_add) == 1 and len(curation.tag_remove) == 1
    assert [(p.line, p.severity) for p in problems] == [(4, "warning")]
    assert "given twice" in problems[0].message


def test_a_curation_entry_with_a_field_given_twice_is_skipped(review: Path) -> None:
    write_file(
        review / "bibliography" / "curation.yaml",
        "tags:\n  add:\n    - {work: k, facet: topic, value: crops, value: other}\n",
    )
    curation, problems = Review.at(review).load_curation()
    assert curation.tag_add == ()
    assert [(p.line, p.severity) for p in problems] == [(3, "error")]
    assert "'value' given twice" in problems[0].message


def test_a_taxonomy_key_given_twice_is_an_error_naming_both_lines() -> None:
    text = "facets:\n  - id: topic\n    values:\n      - id: a\n"
    text += "        synonyms: [x]\n        synonyms: [y]\n"
    with pytest.raises(InputError, match=r"'synonyms' given twice \(first at line 5\)") as info:
        load_taxonomy(text, "t.yaml")
    assert info.value.line == 6


def test_a_review_cue_setting_given_twice_is_an_error_naming_both_lines() -> None:
    from litreview.gaps.cues import review_cues

    with pytest.raises(InputError, match=r"'threshold' given twice \(first at line 1\)") as info:
        review_cues(("threshold: 0.5\nthreshold: 0.9\n", "gap_cues.yaml"))
    assert info.value.line == 2


def test_a_document_row_leading_to_a_symlink_loop_is_a_one_line_error(
    review: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    docs = review / "documents"
    (docs / "a.md").symlink_to(docs / "b.md")
    (docs / "b.md").symlink_to(docs / "a.md")
    write_file(
        review / "bibliography" / "documents.csv",
        "doc_id,path,title,author,year,work_key\na,documents/a.md,,,,\n",
    )
    before = files_of(review)
    code, _, err = run_cli(capsys, "gaps", "--review", str(review))
    one_line_error(code, err, "a.md", "loops")
    assert files_of(review) == before
    code, _, err = run_cli(capsys, "tag", "--review", str(review))  # tags the works' fields
    assert code == 0 and "Traceback" not in err and "loops" in err


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("many.json", "[" + ",".join(["{}"] * 4) + "]"),
        ("many.csv", "title\n" + "".join(f"t{i}\n" for i in range(4))),
        ("many.ris", "TY  - BOOK\nER  - \n" * 4),
    ],
)
def test_a_file_of_more_entries_than_the_limit_is_refused_whole(
    review: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    name: str,
    text: str,
) -> None:
    """9 MB of empty CSL-JSON items are 3 million works: their import took 2.5 GB."""
    from litreview.core import limits

    monkeypatch.setattr(limits, "MAX_FILE_ENTRIES", 3)
    monkeypatch.setattr("litreview.formats.csljson.MAX_FILE_ENTRIES", 3)
    before = files_of(review)
    code, _, err = run_cli(
        capsys, "import", str(write_file(tmp_path / name, text)), "--review", str(review)
    )
    one_line_error(code, err, name, "more than 3", "split the file")
    assert files_of(review) == before


def test_a_citing_sentence_without_end_is_cut_near_its_marker() -> None:
    """A line of markers and no full stop was each of its notes' context whole: a million
    markers to a thousand notes in 8 MB took 8 GB. A context reaches CONTEXT_REACH either
    side of its marker, cut between words."""
    from litreview.extract._text import CONTEXT_REACH, sentence_span
    from litreview.extract.footnotes import find_footnotes

    text = " ".join(f"w{i}" for i in range(100_000))
    at = text.index(" w50000 ") + 1
    s, e = sentence_span(text, at, at + 6)
    assert s <= at < at + 6 <= e and e - s <= 2 * CONTEXT_REACH + 6
    assert text[s - 1] == " " and text[e] == " "  # whole words
    line = " ".join(f"x[^{i % 50}]" for i in range(40_000))
    notes = "".join(f"[^{i}]: Roe, J. (2001) T{i}.\n" for i in range(50))
    scan = find_footnotes(f"# R\n\n{line}\n\n{notes}")
    assert len(scan.footnotes) == 50
    assert max(len(f.context) for f in scan.footnotes) <= 2 * CONTEXT_REACH + 10
    assert sentence_span("One. Two [1] here.\nThree.", 9, 12) == (5, 18)


def test_short_forms_find_their_reference_without_walking_back_through_every_note(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """3,000 notes 'R1 (2001).', each a short form of nothing earlier: each walked back
    through every earlier reference (20,000 notes took hours). The lead names are indexed
    once each; the most recent reference of the name and year is still the one found."""
    from litreview.extract import backrefs
    from litreview.extract.citations import references
    from litreview.extract.footnotes import find_footnotes

    calls = []
    lead = backrefs._lead_name
    monkeypatch.setattr(backrefs, "_lead_name", lambda raw: calls.append(raw) or lead(raw))
    notes = "".join(f"[^{i}]: R{i} (2001).\n" for i in range(1, 3001))
    rows, _ = references(find_footnotes(f"# R\n\nText.\n\n{notes}").footnotes)
    assert len(rows) == 3000 and len(calls) <= 2 * 3000
    text = "".join(
        f"[^{i}]: {t}\n"
        for i, t in enumerate(
            ["Roe, J. (2001) First.", "Roe, J. (2001) Second.", "Doe, A. (2001) X.", "Roe (2001)."],
            1,
        )
    )
    rows, _ = references(find_footnotes(f"# R\n\nText.\n\n{text}").footnotes)
    assert rows[-1].target == (2, 1)
