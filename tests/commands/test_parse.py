"""``litreview parse``: one reference a line in, one CSL-JSON object a line out."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest

from litreview import cli

REFS = [
    "WHO (2019), [Global Status Report on Road Safety 2019](#), World Health Organization.",
    "",
    "Lee, H. (2021). Mapping informal credit. Journal of Finance Studies, 12(3), 45-67.",
]


def _run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, list[str], str]:
    """Run the CLI; return status, stdout lines and stderr."""
    status = cli.main(argv)
    out = capsys.readouterr()
    return status, out.out.splitlines(), out.err


def test_parse_file_gives_one_json_object_per_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Line count and order are kept; a blank line gives ``{}``."""
    src = tmp_path / "refs.txt"
    src.write_text("\n".join(REFS) + "\n", encoding="utf-8")
    status, lines, _ = _run(["parse", str(src)], capsys)
    assert status == 0
    items = [json.loads(line) for line in lines]
    assert len(items) == 3
    assert items[0]["issued"] == {"date-parts": [[2019]]}
    assert items[0]["author"] == [{"literal": "WHO"}]
    assert items[1] == {}
    assert items[2]["container-title"] == "Journal of Finance Studies"
    assert all("id" not in item for item in items)


def test_parse_reads_stdin(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """``-`` reads standard input; non-ASCII text is written as is."""
    text = "Müller, K. (2003). Über Grenzen. Berlin: Ä Verlag.\n"
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(text.encode("utf-8"))))
    status, lines, _ = _run(["parse", "-"], capsys)
    assert status == 0
    assert len(lines) == 1
    assert "Müller" in lines[0]
    assert json.loads(lines[0])["author"][0]["family"] == "Müller"


def test_parse_missing_file_is_one_line_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A missing file: exit 2, one line on stderr naming the file, nothing on stdout."""
    missing = tmp_path / "nope.txt"
    status, lines, err = _run(["parse", str(missing)], capsys)
    assert status == 2
    assert lines == []
    assert err.count("\n") == 1 and "nope.txt" in err


def test_parse_non_utf8_file_names_the_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Bytes that are not UTF-8: exit 2 with the file and line."""
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"Smith, J. (2000). Fine.\nCaf\xe9 (2001). Broken.\n")
    status, lines, err = _run(["parse", str(bad)], capsys)
    assert status == 2
    assert lines == []
    assert "bad.txt:2" in err


def test_parse_non_utf8_stdin_names_the_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Bytes on standard input that are not UTF-8: exit 2 naming <stdin>, the line and the
    byte, nothing parsed (they are not read as replacement characters)."""
    data = b"Smith, J. (2000). Fine.\nCaf\xe9 (2001). Broken.\n"
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    status, lines, err = _run(["parse", "-"], capsys)
    assert status == 2
    assert lines == []
    assert err.count("\n") == 1 and "<stdin>:2: not UTF-8: byte 0xe9" in err


def test_parse_warns_about_a_bare_link_with_its_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A reference that is only a link: URL, no title, and a warning naming the line."""
    src = tmp_path / "refs.txt"
    src.write_text("\n<https://e.org/news/harbour-report-released>\n", encoding="utf-8")
    status, lines, err = _run(["parse", str(src)], capsys)
    assert status == 0
    item = json.loads(lines[1])
    assert item["URL"] == "https://e.org/news/harbour-report-released" and "title" not in item
    assert err == f"{src}:2: the reference gives only a link: the work has its URL and no title\n"


def test_parse_gives_a_back_reference_nothing_and_says_why(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``Ibid.``, ``Id.`` and ``op. cit.`` name no work: ``{}`` keeps the lines aligned and a
    warning names the line; a dated reference opening with "ID" is still parsed."""
    src = tmp_path / "refs.txt"
    src.write_text(
        "Ibid., p. 23.\nId. at 5.\nLee, op. cit., p. 3.\n"
        "ID Cards in Practice (2018). London: Home Office.\n",
        encoding="utf-8",
    )
    status, lines, err = _run(["parse", str(src)], capsys)
    assert status == 0
    assert [json.loads(x) for x in lines[:3]] == [{}, {}, {}]
    assert json.loads(lines[3])["issued"] == {"date-parts": [[2018]]}
    assert [e.split(": ", 1)[0] for e in err.splitlines()] == [f"{src}:{n}" for n in (1, 2, 3)]
    assert "back-reference" in err


def test_parse_types_an_interview_or_a_letter_as_ingest_does(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A line citing an interview or a letter in the words notes use for them is typed so
    (it was a web page); a work about interviews stays what the parser says."""
    src = tmp_path / "refs.txt"
    src.write_text(
        "Interview, police officer, Lahore, 14 March 2021.\n"
        "Letter from the minister to the author, 5 June 2019.\n"
        "Roe, J. (2019). Interviews in qualitative research. Sage.\n",
        encoding="utf-8",
    )
    status, lines, _ = _run(["parse", str(src)], capsys)
    types = [json.loads(x)["type"] for x in lines]
    assert status == 0 and types[:2] == ["interview", "personal_communication"]
    assert types[2] not in ("interview", "personal_communication")


def test_lines_parsed_in_batches_keep_their_numbers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Batches of two lines: every object, back-reference and warning on its own line."""
    from litreview.commands import parse as parse_command
    from litreview.extract.refparse import parse_reference

    lines = [*REFS, "Ibid., p. 4.", "https://example.org/some-report", REFS[2], "Ibid."]
    src = tmp_path / "refs.txt"
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    monkeypatch.setattr(parse_command, "BATCH", 2)
    status, out, err = _run(["parse", str(src)], capsys)
    assert status == 0
    items = [json.loads(line) for line in out]
    back = {4, 7}
    assert items == [{} if i + 1 in back else parse_reference(line) for i, line in enumerate(lines)]
    assert [w.split(": ", 1)[0] for w in err.splitlines()] == [
        f"{src}:4",
        f"{src}:5",
        f"{src}:7",
    ]
