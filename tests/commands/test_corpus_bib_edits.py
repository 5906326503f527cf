"""A hand-owned corpus.bib survives ``litreview import`` and ``litreview ingest``: every
loss of issue 19 (comments, ``@comment``, ``@string``, ``@preamble``, field order, field-name
case, month macros, CRLF) checked through the real commands on a small review."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from litreview import cli
from litreview.commands.init import CURATION_TEMPLATE
from litreview.review import Review
from tests.review_fixture import FIXTURE

KHAN = (
    "@Article{khan2015gender,\r\n"
    "  Author  = {Khan, Ayesha},\r\n"
    "  Year    = 2015,\r\n"
    "  month   = {May},\r\n"
    "  Title   = {Gender and organised crime in {South Asia}},\r\n"
    "  Journal = jn,\r\n"
    "  DOI     = {10.1000/xyz},\r\n"
    "  URL     = {https://example.org/khan},\r\n"
    "  Owner   = {curator}\r\n"
    "}"
)
UNODC = (
    '@techreport{unodc2012world, author = "{UNODC}", title = "World Drug Report 2012", year = 2012}'
)
HEAD = (
    "% Hand-kept corpus: please keep this comment.\r\n"
    "@String{jn = {Journal of Crime}}\r\n"
    "@comment{jabref-meta: databaseType:bibtex;}\r\n"
    "\r\n"
)
HAND = (
    HEAD
    + KHAN
    + "\r\n\r\n"
    + '@preamble{"\\providecommand{\\noop}[1]{}"}\r\n'
    + UNODC
    + "\r\n\r\n"
    + "@comment{jabref-meta: grouping:\r\n0 AllEntriesGroup:;\r\n}\r\n"
)
MORE = """\
@article{zot1,
  author = {Khan, A.},
  title = {Gender and Organized Crime in South Asia},
  year = {2015},
  doi = {https://doi.org/10.1000/XYZ},
  publisher = {Some Press}
}

@techreport{zot2,
  author = {{UNODC}},
  title = {World Drug Report 2018},
  year = {2018}
}
"""
ACCENTED = MORE.replace("Report 2018", "Report 2018 (Édition)")


@pytest.fixture
def review(tmp_path: Path) -> Path:
    root = tmp_path / "rev"
    shutil.copytree(FIXTURE / "bibliography", root / "bibliography")
    (root / "bibliography" / "curation.yaml").write_text(CURATION_TEMPLATE, encoding="utf-8")
    (root / "bibliography" / "corpus.bib").write_bytes(HAND.encode("utf-8"))
    (root / "documents").mkdir()
    return root


def corpus(review: Path) -> str:
    return (review / "bibliography" / "corpus.bib").read_bytes().decode("utf-8")


def test_import_patches_the_merged_entry_and_appends_the_new_one(
    review: Path, tmp_path: Path
) -> None:
    more = tmp_path / "more.bib"
    more.write_text(MORE, encoding="utf-8")
    assert cli.main(["import", str(more), "--review", str(review)]) == 0
    after = corpus(review)
    # the one change: the merged record's publisher, appended in the entry's own style
    patched = KHAN.replace("  Owner   = {curator}\r\n", "  Owner   = {curator},\r\n")
    patched = patched.replace("\r\n}", "\r\n  publisher = {Some Press}\r\n}")
    assert after.startswith(HAND.replace(KHAN, patched))
    new = after[len(HAND) + len(patched) - len(KHAN) :]
    assert new.lstrip("\r\n").startswith("@techreport{zot2,")
    assert "\n" not in after.replace("\r\n", "")  # CRLF kept, and used for the new entry
    works = {w.key: w for w in Review.at(review).load_works()[0]}
    assert set(works) == {"khan2015gender", "unodc2012world", "zot2"}
    khan = works["khan2015gender"]
    assert khan.publisher == "Some Press" and khan.container == "Journal of Crime"
    assert khan.issued == "2015-05" and khan.extra_value("Owner") == "curator"


def test_reimport_and_ingest_keep_every_byte_of_the_hand_entries(
    review: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    same = tmp_path / "same.bib"
    same.write_bytes(HAND.encode("utf-8"))
    assert cli.main(["import", str(same), "--review", str(review)]) == 0
    assert corpus(review) == HAND
    doc = review / "documents" / "flood_note.txt"
    shutil.copy(FIXTURE / "documents" / "flood_note.txt", doc)
    assert cli.main(["ingest", str(doc), "--review", str(review)]) == 0
    after = corpus(review)
    assert after.startswith(HAND) and len(after) > len(HAND)
    assert "\n" not in after.replace("\r\n", "")
    assert len(Review.at(review).load_works()[0]) > 2


def test_a_curated_merge_cuts_the_dropped_entry_and_moves_its_preamble(review: Path) -> None:
    curation = CURATION_TEMPLATE.replace(
        "  merge: []",
        "  merge:\n    - {keep: khan2015gender, drop: unodc2012world, reason: test}",
    )
    (review / "bibliography" / "curation.yaml").write_text(curation, encoding="utf-8")
    empty = review / "none.bib"
    empty.write_text(MORE.split("\n\n")[1], encoding="utf-8")
    assert cli.main(["import", str(empty), "--review", str(review)]) == 0
    after = corpus(review)
    assert "unodc2012world" not in after and after.count("@preamble") == 1
    # the kept work took over the dropped one's @preamble: it goes just before its entry
    assert after.startswith(HEAD + '@preamble{"\\providecommand{\\noop}[1]{}"}\r\n@Article{')
    assert "@comment{jabref-meta: grouping:" in after


@pytest.mark.parametrize("command", ["import", "ingest"])
@pytest.mark.parametrize(
    ("data", "message"),
    [
        pytest.param(
            "".join(f"line {n} of notes about papers\n" for n in range(1030)).encode(),
            "corpus.bib:1: not a BibTeX file",
            id="prose",
        ),
        pytest.param(HAND.encode("utf-16"), "corpus.bib:1: UTF-16 text, not UTF-8", id="utf16"),
        pytest.param(b"@article{a, title={x}}\n}, year={2001}}\n", "corpus.bib:2:", id="stray"),
    ],
)
def test_a_corpus_that_is_not_bibtex_is_exit_2_and_left_untouched(
    review: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    command: str,
    data: bytes,
    message: str,
) -> None:
    path = review / "bibliography" / "corpus.bib"
    path.write_bytes(data)
    if command == "import":
        source = tmp_path / "more.bib"
        source.write_text(MORE, encoding="utf-8")
    else:
        source = review / "documents" / "flood_note.txt"
        shutil.copy(FIXTURE / "documents" / "flood_note.txt", source)
    capsys.readouterr()
    assert cli.main([command, str(source), "--review", str(review)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert message in err[-1] and "Traceback" not in "".join(err)
    assert path.read_bytes() == data
    assert sorted(p.name for p in path.parent.iterdir()) == [
        "corpus.bib",
        "curation.yaml",
        "taxonomy.yaml",
    ]


@pytest.mark.parametrize(
    ("data", "name"),
    [
        pytest.param(ACCENTED.encode("utf-16"), "windows.bib", id="utf16-bom"),
        pytest.param(ACCENTED.encode("utf-16-be"), "windows.bib", id="utf16-be"),
        pytest.param(
            ("% Encoding: windows-1252\n\n" + ACCENTED).encode("cp1252"),
            "jabref.bib",
            id="declared-cp1252",
        ),
    ],
)
def test_a_utf16_or_declared_encoding_bib_is_imported_into_a_utf8_corpus(
    review: Path, tmp_path: Path, data: bytes, name: str
) -> None:
    """Windows "Unicode" (UTF-16) and the encoding a JabRef file declares on its first line
    are read; corpus.bib stays UTF-8 and keeps its hand-written text."""
    source = tmp_path / name
    source.write_bytes(data)
    assert cli.main(["import", str(source), "--review", str(review)]) == 0
    text = corpus(review)
    assert text.startswith(HEAD) and "World Drug Report 2018 (Édition)" in text


def test_a_bib_not_in_the_encoding_it_declares_is_an_error_naming_the_line(
    review: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "shiftjis.bib"
    source.write_bytes(b"% Encoding: shift_jis\n\n@article{a,\n  title = {\x81\x7f}\n}\n")
    assert cli.main(["import", str(source), "--review", str(review)]) == 2
    err = capsys.readouterr().err
    assert "shiftjis.bib:4:" in err and "not shift_jis text as declared" in err
    assert corpus(review) == HAND


def test_a_field_given_twice_in_corpus_bib_stops_an_import_naming_it(
    review: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A file to import may give a field twice (the later value is kept as 'title-2'), but
    corpus.bib is edited field by field: there it is an error, and nothing is changed."""
    path = review / "bibliography" / "corpus.bib"
    twice = HAND.replace(
        "@techreport{unodc2012world,", "@techreport{unodc2012world, note = {a}, note = {b},"
    )
    path.write_bytes(twice.encode("utf-8"))
    source = tmp_path / "more.bib"
    source.write_text(MORE, encoding="utf-8")
    assert cli.main(["import", str(source), "--review", str(review)]) == 2
    err = capsys.readouterr().err
    assert "corpus.bib" in err and "field 'note' given twice in corpus.bib; give it once" in err
    assert path.read_bytes() == twice.encode("utf-8")
    source.write_text(MORE.replace("year = {2018}", "year = {2018},\n  note = {a},\n  note = {b}"))
    path.write_bytes(HAND.encode("utf-8"))
    assert cli.main(["import", str(source), "--review", str(review)]) == 0
    assert "note-2 = {b}" in corpus(review).replace("  ", " ").replace("  ", " ")
