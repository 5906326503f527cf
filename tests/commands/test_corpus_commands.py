"""The import, export and validate commands, through ``litreview.cli.main``."""

from __future__ import annotations

import csv
import json
import os
from pathlib import Path

import pytest

from litreview import cli
from litreview.commands.init import CURATION_TEMPLATE
from litreview.core import atomic
from litreview.review import Review
from tests.conftest import DATA, run_cli, write_file

GOOD = """\
@article{khan2015gender,
  author = {Khan, Ayesha},
  title = {Gender and organised crime in South Asia},
  journal = {Journal of Crime},
  year = {2015},
  doi = {10.1000/xyz}
}

@techreport{unodc2012world,
  author = {{UNODC}},
  title = {World Drug Report 2012},
  year = {2012},
  url = {https://www.unodc.org/wdr2012}
}
"""

MORE = """\
@article{zot1,
  author = {Khan, A.},
  title = {Gender and Organized Crime in South Asia},
  year = {2015},
  doi = {https://doi.org/10.1000/XYZ},
  publisher = {Some Press},
  keywords = {group:women, group: women}
}

@techreport{zot2,
  author = {{UNODC}},
  title = {World Drug Report 2018},
  year = {2018}
}
"""


TAXONOMY = """\
facets:
  - id: group
    label: Group
    values:
      - {id: women, label: Women, synonyms: [women]}
"""


@pytest.fixture(autouse=True)
def only_corpus_commands(monkeypatch: pytest.MonkeyPatch) -> None:
    """Other engineers' commands may not be importable yet; these tests need only ours."""
    monkeypatch.setattr(cli, "COMMANDS", ("init", "import", "export", "validate"))


@pytest.fixture
def review(tmp_path: Path) -> Path:
    root = tmp_path / "rev"
    (root / "bibliography").mkdir(parents=True)
    (root / "bibliography" / "curation.yaml").write_text(CURATION_TEMPLATE, encoding="utf-8")
    (root / "bibliography" / "taxonomy.yaml").write_text(TAXONOMY, encoding="utf-8")
    return root


def test_import_dedups_and_records_merges(
    review: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    a, b = write_file(tmp_path / "a.bib", GOOD), write_file(tmp_path / "b.bib", MORE)
    code, out, _ = run_cli(capsys, "import", str(a), str(b), "--review", str(review))
    assert code == 0
    assert "imported 4 entries: 3 new, 1 merged (doi: 1)" in out
    works, problems = Review.at(review).load_works()
    assert problems == []
    by_key = {w.key: w for w in works}
    assert set(by_key) == {"khan2015gender", "unodc2012world", "zot2"}  # a free key is kept
    kept = by_key["khan2015gender"]
    assert kept.title == "Gender and organised crime in South Asia"  # existing value wins
    assert kept.publisher == "Some Press" and kept.keywords == ("group:women",)
    rows = list(csv.DictReader((review / "bibliography" / "merges.csv").open(encoding="utf-8")))
    assert rows == [
        {
            "kept": "khan2015gender",
            "merged": "zot1",
            "reason": "doi",
            "score": "100",
            # the fields the two records fill differently, and the value kept
            "conflicts": "authors: kept 'Ayesha Khan', not 'A. Khan'; "
            "title: kept 'Gender and organised crime in South Asia', "
            "not 'Gender and Organized Crime in South Asia'",
        }
    ]


def test_reimport_is_stable(
    review: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    a = write_file(tmp_path / "a.bib", GOOD)
    assert cli.main(["import", str(a), "--review", str(review)]) == 0
    corpus = (review / "bibliography" / "corpus.bib").read_bytes()
    code, out, _ = run_cli(capsys, "import", str(a), "--review", str(review))
    assert code == 0 and "0 new, 0 merged, 2 already in the corpus" in out
    assert (review / "bibliography" / "corpus.bib").read_bytes() == corpus


def test_not_duplicates_from_curation(
    review: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (review / "bibliography" / "curation.yaml").write_text(
        "works:\n  not_duplicates:\n    - {works: [khan2015gender, zot1], reason: x}\n",
        encoding="utf-8",
    )
    a, b = write_file(tmp_path / "a.bib", GOOD), write_file(tmp_path / "b.bib", MORE)
    code, out, _ = run_cli(capsys, "import", str(a), str(b), "--review", str(review))
    assert code == 0 and "4 new, 0 merged" in out
    keys = {w.key for w in Review.at(review).load_works()[0]}
    assert "zot1" in keys and "khan2015gender" in keys


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("", "empty file"),
        ("@article{x, title={A}\n", "nothing could be read"),
    ],
)
def test_import_unreadable_is_exit_2(
    review: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str, message: str
) -> None:
    f = write_file(tmp_path / "bad.bib", content)
    code, _, err = run_cli(capsys, "import", str(f), "--review", str(review))
    assert code == 2 and message in err and "bad.bib" in err
    assert not (review / "bibliography" / "corpus.bib").exists()


def test_import_missing_path(review: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run_cli(capsys, "import", "/nonexistent/x.bib", "--review", str(review))
    assert code == 2 and "/nonexistent/x.bib: no such file" in err
    assert len(err.strip().splitlines()) == 1


def test_import_unknown_suffix(
    review: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    f = write_file(tmp_path / "refs.docx", "x")
    code, _, err = run_cli(capsys, "import", str(f), "--review", str(review))
    assert code == 2 and "unknown format '.docx'" in err and "bibtex" in err


def test_import_partial_reports_bad_entries(
    review: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = GOOD + "\n@article{khan2015gender, title={Dup}, year=2001}\n\n@misc{broken, title={X}\n"
    f = write_file(tmp_path / "mixed.bib", text)
    code, out, err = run_cli(capsys, "import", str(f), "--review", str(review))
    assert code == 0
    assert "mixed.bib:16: error: duplicate citekey" in err
    assert "mixed.bib:18" in err
    assert "3 entries read" in out  # the repeated key's entry read without it
    assert len(Review.at(review).load_works()[0]) == 3


def test_import_latin1_entry_skipped_others_read(
    review: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """UTF-8 ("Ä") and a Latin-1 entry in one file: that entry is skipped, the rest read."""
    data = GOOD.encode() + "\n@misc{ok, title={\u00c4rger}, year=2003}".encode()
    data += b"\n@misc{bad, title={Caf\xe9}, year=2001}\n"
    f = write_file(tmp_path / "latin.bib", data)
    code, _, err = run_cli(capsys, "import", str(f), "--review", str(review))
    assert code == 0 and "latin.bib" in err
    assert {w.key for w in Review.at(review).load_works()[0]} == {
        "khan2015gender",
        "unodc2012world",
        "ok",
    }


def test_import_a_latin1_file_whole(
    review: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """No UTF-8 in it at all: an older Windows export, read whole as Windows-1252."""
    data = GOOD.encode() + b"\n@misc{bad, title={Caf\xe9}, year=2001}\n"
    f = write_file(tmp_path / "latin.bib", data)
    code, _, err = run_cli(capsys, "import", str(f), "--review", str(review))
    assert code == 0 and "latin.bib:1: warning: not UTF-8: read as Windows-1252" in err
    titles = {w.key: w.title for w in Review.at(review).load_works()[0]}
    assert titles["bad"] == "Café" and len(titles) == 3


def test_import_interrupted_save_leaves_corpus(
    review: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert (
        cli.main(["import", str(write_file(tmp_path / "a.bib", GOOD)), "--review", str(review)])
        == 0
    )
    corpus = review / "bibliography" / "corpus.bib"
    before = corpus.read_bytes()
    calls = []

    def failing_replace(src: str, dst: str) -> None:
        calls.append(dst)
        raise OSError("disk full")

    monkeypatch.setattr(atomic.os, "replace", failing_replace)
    code = cli.main(["import", str(write_file(tmp_path / "b.bib", MORE)), "--review", str(review)])
    assert code == 2 and capsys.readouterr().err.strip().splitlines()[-1].endswith("disk full")
    assert calls and corpus.read_bytes() == before
    assert not [p for p in corpus.parent.iterdir() if p.name.endswith(".tmp")]


def test_import_refuses_broken_corpus(
    review: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = review / "bibliography" / "corpus.bib"
    corpus.write_text(GOOD + "\n@misc{half, title={X}\n", encoding="utf-8")
    before = corpus.read_bytes()
    code, _, err = run_cli(
        capsys, "import", str(write_file(tmp_path / "b.bib", MORE)), "--review", str(review)
    )
    assert code == 2 and "fix them before importing" in err
    assert corpus.read_bytes() == before


def test_validate_finds_what_reads_but_is_wrong(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Issue 18 item 10: values and entries that read well but are wrong."""
    text = (
        "%%% contains utf-8, see: https://inspirehep.net/info/faq/general#utf8\n"
        "%%% add \\usepackage[utf8]{inputenc} to your latex preamble\n\n"
        "@article{a, author={A, B}, title={T}, journal={J}, year={20x9}, month={Smarch},\n"
        "  doi={not a doi}}\n"
        "@unknowntype{u, title={U}}\n"
        "@article{noauth, title={Z}, year=2001}\n"
    )
    code, out, err = run_cli(capsys, "validate", str(write_file(tmp_path / "v.bib", text)))
    assert code == 0 and err == ""  # warnings only; nothing of bibtexparser on stderr
    assert "v.bib:4: warning: entry 'a': year '20x9' is not a year" in out
    assert "v.bib:4: warning: entry 'a': month 'Smarch' is not a month" in out
    assert "v.bib:4: warning: entry 'a': doi 'not a doi' is not a DOI" in out
    assert "v.bib:6: warning: entry 'u': @unknowntype is no BibTeX or BibLaTeX entry type" in out
    assert "entry 'noauth': no author" in out and "entry 'noauth': no journal" in out
    assert "text outside any entry" not in out  # INSPIRE's %%% lines are comments
    code, out, _ = run_cli(
        capsys, "validate", str(write_file(tmp_path / "b.bib", "@article{b, title={x\n"))
    )
    assert code == 2 and "b.bib:1: error: cannot parse entry: a brace or quote is not closed" in out


def test_validate_clean_and_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(capsys, "validate", str(write_file(tmp_path / "ok.bib", GOOD)))
    # a report without its institution reads, with a warning (exit 0)
    assert code == 0 and "ok.bib:9: warning: entry 'unodc2012world': no institution" in out
    bad = (
        GOOD
        + "\n@misc{unodc2012world, title={Again}}\n\n@misc{notitle, year=2001}\n"
        + "\n@misc{x, title={A}\n"
    )
    code, out, _ = run_cli(capsys, "validate", str(write_file(tmp_path / "bad.bib", bad)))
    assert code == 2
    assert "bad.bib:16: error: duplicate citekey" in out
    assert "bad.bib:18: warning" in out and "no title" in out
    assert "bad.bib:20" in out


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.bib", "", "empty file"),
        ("gbk.ris", b"TY  - JOUR\nTI  - \xbf\xad\xc8\xf6\nER  - \n", "not UTF-8"),
    ],
)
def test_validate_unreadable(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    name: str,
    content: str | bytes,
    message: str,
) -> None:
    code, _, err = run_cli(capsys, "validate", str(write_file(tmp_path / name, content)))
    assert code == 2 and message in err and name in err
    assert len(err.strip().splitlines()) == 1


def test_validate_nonexistent(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run_cli(capsys, "validate", "/no/such.bib")
    assert code == 2 and "/no/such.bib: no such file" in err


def test_export_bibtex_with_where_and_tags(
    review: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert (
        cli.main(["import", str(write_file(tmp_path / "a.bib", GOOD)), "--review", str(review)])
        == 0
    )
    (review / "bibliography" / "tags.csv").write_text(
        "work_key,facet,value,source,evidence,doc_id,char_start,char_end,score\n"
        "khan2015gender,group,women,title,Gender,,,,1\n",
        encoding="utf-8",
    )
    code, out, err = run_cli(
        capsys, "export", "--format", "bibtex", "--where", "group=women", "--review", str(review)
    )
    assert code == 0 and "exported 1 of 2 works" in err
    assert "@article{khan2015gender" in out and "unodc2012world" not in out
    assert "group:women" in out
    out_file = tmp_path / "slice.bib"
    assert (
        cli.main(
            [
                "export",
                "--format",
                "bibtex",
                "--where",
                "group=women",
                "-o",
                str(out_file),
                "--review",
                str(review),
            ]
        )
        == 0
    )
    capsys.readouterr()
    code, out, _ = run_cli(capsys, "import", str(out_file), "--review", str(review))
    works = {w.key: w for w in Review.at(review).load_works()[0]}
    assert works["khan2015gender"].keywords.count("group:women") == 1


def test_export_bad_where(review: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run_cli(
        capsys, "export", "--format", "bibtex", "--where", "women", "--review", str(review)
    )
    assert code == 2 and "FACET=VALUE" in err


def test_export_every_format_runs(
    review: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert (
        cli.main(["import", str(write_file(tmp_path / "a.bib", GOOD)), "--review", str(review)])
        == 0
    )
    for fmt, module in (
        ("biblatex", "bibtex"),
        ("ris", "ris"),
        ("csljson", "csljson"),
        ("csv", "tabular"),
    ):
        try:
            __import__(f"litreview.formats.{module}")
        except ImportError:
            continue  # that format's module is not written yet
        out_file = tmp_path / f"out.{fmt}"
        assert (
            cli.main(["export", "--format", fmt, "-o", str(out_file), "--review", str(review)]) == 0
        )
        text = out_file.read_text(encoding="utf-8")
        assert "World Drug Report 2012" in text
        if fmt == "csljson":
            assert len(json.loads(text)) == 2


@pytest.mark.parametrize(("name", "written"), [("CSL-JSON", "csljson"), ("bib", "bibtex")])
def test_export_takes_a_format_by_its_other_names(
    review: Path, capsys: pytest.CaptureFixture[str], name: str, written: str
) -> None:
    write_file(review / "refs.bib", GOOD)
    assert cli.main(["import", str(review / "refs.bib"), "--review", str(review)]) == 0
    capsys.readouterr()
    assert cli.main(["export", "--format", name, "--review", str(review)]) == 0
    assert f"as {written}" in capsys.readouterr().err
    with pytest.raises(SystemExit) as stop:
        cli.main(["export", "--format", "docx", "--review", str(review)])
    assert stop.value.code == 2


def test_export_does_not_touch_corpus(review: Path, tmp_path: Path) -> None:
    assert (
        cli.main(["import", str(write_file(tmp_path / "a.bib", GOOD)), "--review", str(review)])
        == 0
    )
    corpus = review / "bibliography" / "corpus.bib"
    stat = os.stat(corpus)
    assert (
        cli.main(
            ["export", "--format", "bibtex", "-o", str(tmp_path / "x.bib"), "--review", str(review)]
        )
        == 0
    )
    assert os.stat(corpus).st_mtime_ns == stat.st_mtime_ns


def test_validate_ris_structure(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    no_er = "TY  - JOUR\nTI  - First\nTY  - BOOK\nTI  - Second\nER  - \n"
    code, out, _ = run_cli(capsys, "validate", str(write_file(tmp_path / "no_er.ris", no_er)))
    assert "no_er.ris:3" in out and "ER" in out
    assert code == (2 if "error" in out.split("no_er.ris:3")[1].splitlines()[0] else 0)
    code, out, err = run_cli(
        capsys, "validate", str(write_file(tmp_path / "no_ty.ris", "TI  - First\nER  - \n"))
    )
    assert code == 0 and "no_ty.ris:1: warning" in out and "no TY" in out  # a record, typeless
    code, out, err = run_cli(
        capsys, "validate", str(write_file(tmp_path / "stray.ris", "TI  - First\nPY  - 2001\n"))
    )
    assert code == 2 and "stray.ris:1" in out + err  # no TY opened it, no ER closed it


@pytest.mark.parametrize(
    ("content", "where"),
    [
        ('{"id": "a", "title": "T"}', "items.json:1"),
        (
            '[\n  {"id": "a", "type": "book", "title": "T"},\n  "oops",\n'
            '  {"id": "b", "type": "book", "title": "U", "author": "Smith"}\n]',
            "items.json:4",
        ),
    ],
)
def test_validate_csljson(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str, where: str
) -> None:
    code, out, err = run_cli(capsys, "validate", str(write_file(tmp_path / "items.json", content)))
    assert code == 2
    assert where in out + err


def test_import_csljson_not_a_list_is_exit_2(
    review: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    f = write_file(tmp_path / "items.json", '{"id": "a"}')
    code, _, err = run_cli(capsys, "import", str(f), "--review", str(review))
    assert code == 2 and "items.json" in err
    assert not (review / "bibliography" / "corpus.bib").exists()


def test_export_text_style(
    review: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert (
        cli.main(["import", str(write_file(tmp_path / "a.bib", GOOD)), "--review", str(review)])
        == 0
    )
    capsys.readouterr()
    code, out, _ = run_cli(
        capsys, "export", "--format", "text", "--style", "apa", "--review", str(review)
    )
    assert code == 0 and "World Drug Report 2012" in out and "Khan" in out
    code, slow, _ = run_cli(
        capsys, "export", "--format", "text", "--engine", "citeproc-py", "--review", str(review)
    )
    assert code == 0 and sorted(slow.splitlines()) == sorted(out.splitlines())
    code, _, err = run_cli(
        capsys, "export", "--format", "ris", "--engine", "pandoc", "--review", str(review)
    )
    assert code == 0 and "--style and --engine are used only with --format text" in err


def test_export_text_counts_only_the_works_the_style_lists(
    review: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """APA lists no entry for a personal communication: the count says so."""
    letter = (
        "@misc{lee2021,\n  author = {Lee, Min},\n  year = {2021},\n  csltype = {interview}\n}\n"
    )
    bib = write_file(tmp_path / "a.bib", GOOD + letter)
    assert cli.main(["import", str(bib), "--review", str(review)]) == 0
    capsys.readouterr()
    for engine in ("auto", "citeproc-py"):
        code, _, err = run_cli(
            capsys, "export", "--format", "text", "--engine", engine, "--review", str(review)
        )
        total = len(bib.read_text("utf-8").split("@")) - 1
        assert code == 0 and "1 work(s) left out" in err
        assert f"exported {total - 1} of {total} works as text" in err


@pytest.mark.parametrize("fmt", ["ris", "csljson", "csv"])
def test_round_trip_through_format_keeps_corpus(
    review: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], fmt: str
) -> None:
    from litreview.formats import FORMATS

    assert (
        cli.main(["import", str(write_file(tmp_path / "a.bib", GOOD)), "--review", str(review)])
        == 0
    )
    (review / "bibliography" / "tags.csv").write_text(
        "work_key,facet,value,source,evidence,doc_id,char_start,char_end,score\n"
        "khan2015gender,group,women,title,Gender,,,,1\n",
        encoding="utf-8",
    )
    out_file = tmp_path / f"all{FORMATS[fmt].suffixes[0]}"
    assert cli.main(["export", "--format", fmt, "-o", str(out_file), "--review", str(review)]) == 0
    other = tmp_path / "other"
    (other / "bibliography").mkdir(parents=True)
    (other / "bibliography" / "taxonomy.yaml").write_text(TAXONOMY, encoding="utf-8")
    capsys.readouterr()
    for _ in range(2):
        code, out, _ = run_cli(capsys, "import", str(out_file), "--review", str(other))
        assert code == 0
    assert "0 new, 0 merged, 2 already in the corpus" in out
    works = {w.key: w for w in Review.at(other).load_works()[0]}
    assert set(works) == {"khan2015gender", "unodc2012world"}
    assert works["khan2015gender"].keywords.count("group:women") == 1
    assert works["unodc2012world"].title == "World Drug Report 2012"


def test_registry_names_and_suffixes() -> None:
    from litreview.core.errors import InputError
    from litreview.formats import FORMATS, format_for, reader_for, writer_for

    assert set(FORMATS) == {
        *("bibtex", "biblatex", "ris", "csljson", "cslyaml", "csv"),
        *("wos", "scopus", "search-csv", "medline", "openalex", "endnote", "enw"),  # read only
        *("search-json", "pubmed-xml", "ovid", "crossref", "spreadsheet", "word-xml", "mods"),
        *("marcxml", "proquest", "zotero-rdf", "hayagriva", "cff", "refworks"),
    }
    assert format_for("CITATION.cff").name == format_for("cff").name == "cff"
    assert format_for("typst").name == "hayagriva"
    assert format_for("x.rdf").name == format_for("zotero").name == "zotero-rdf"
    assert format_for("x.enw").name == "enw"
    assert format_for("x.mods").name == format_for("mods").name == "mods"
    assert format_for("x.marcxml").name == format_for("marcxml").name == "marcxml"
    assert format_for("word-xml").name == "word-xml"
    assert format_for("refs.BIB").name == "bibtex"
    assert format_for("x.ris").name == "ris" and format_for("x.json").name == "csljson"
    assert format_for("csl-json").name == "csljson" and format_for("x.csv").name == "csv"
    assert format_for("x.nbib").name == "medline" and format_for("x.isi").name == "wos"
    assert format_for("refs.yaml").name == format_for("csl-yaml").name == "cslyaml"
    assert format_for("x.cgi").name == format_for("x.ovd").name == "ovid"
    assert format_for("x.xlsx").name == format_for("x.XLS").name == "spreadsheet"
    assert format_for("x.tsv").name == "csv"  # told apart by its header when read
    assert callable(reader_for("x.bib")) and callable(writer_for("biblatex"))
    with pytest.raises(InputError, match="formats written: bibtex") as err:
        writer_for("endnote")
    assert "ris" in str(err.value) and "csljson" in str(err.value)
    with pytest.raises(InputError, match=r"unknown format '\.docx'"):
        reader_for("notes.docx")


def test_biblatex_writer_option_bound() -> None:
    from litreview.core.model import Work
    from litreview.formats import writer_for

    w = Work(key="k", type="report", title="T", issued="2012")
    assert writer_for("biblatex")([w]) != writer_for("bibtex")([w])


def test_validate_latin1_bib_names_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = GOOD.encode() + "\n@misc{ok, title={\u00c4}}".encode()  # UTF-8 too: mixed
    data += b"\n@misc{bad, title={Caf\xe9}, year=2001}\n"
    code, out, err = run_cli(capsys, "validate", str(write_file(tmp_path / "latin.bib", data)))
    assert code == 2 and "latin.bib:17" in out + err


def test_export_where_names_an_unknown_facet_or_value(
    review: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Issue 18 item 10: --where nofacet=x exported 0 works with exit 0."""
    assert (
        cli.main(["import", str(write_file(tmp_path / "a.bib", GOOD)), "--review", str(review)])
        == 0
    )
    capsys.readouterr()
    code, out, err = run_cli(
        capsys, "export", "--format", "ris", "--where", "nofacet=x", "--review", str(review)
    )
    assert code == 2 and out == "" and "no facet 'nofacet' in the taxonomy; facets: group" in err
    code, _, err = run_cli(
        capsys, "export", "--format", "ris", "--where", "group=nobody", "--review", str(review)
    )
    assert code == 2 and "facet 'group' has no value 'nobody'" in err


def test_a_database_export_with_repeated_tags_imports_twice_and_exports_whole(
    review: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Issue 18 item 1: Scopus repeats AD and N1; import wrote duplicate fields, export dropped
    all but the first and every later import was refused."""
    scopus = DATA / "real" / "asreview_scopus.ris"
    for _ in range(2):
        code, out, err = run_cli(capsys, "import", str(scopus), "--review", str(review))
        assert code == 0 and "error" not in err
    assert "0 new, 0 merged, 6 already in the corpus" in out
    out_file = tmp_path / "back.ris"
    code, _, err = run_cli(
        capsys, "export", "--format", "ris", "-o", str(out_file), "--review", str(review)
    )
    assert code == 0 and "not exported" not in err
    original = scopus.read_text(encoding="utf-8")
    exported = out_file.read_text(encoding="utf-8")
    for tag in ("AD  - ", "N1  - ", "SN  - "):
        assert exported.count(tag) == original.count(tag)
    kw = {x for x in original.splitlines() if x.startswith("KW  - ")}
    assert kw == {x for x in exported.splitlines() if x.startswith("KW  - ")}


def test_validate_scans_a_document_as_ingest_would(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A text document is scanned, not read as RIS: its notes' problems are listed and
    nothing is written; a .txt that is RIS is still read as RIS."""
    doc = tmp_path / "brief.txt"
    doc.write_text(
        "Brief\n\nBoats were lost.¹\n\n¹ <https://news.example.com/2020/10/boats-sink>.\n",
        encoding="utf-8",
    )
    assert cli.main(["validate", str(doc)]) == 0
    out = capsys.readouterr().out
    assert f"{doc}:5: warning: footnote 1: only a link" in out
    assert "a document with 1 notes" in out
    assert sorted(p.name for p in tmp_path.iterdir()) == ["brief.txt"]
    ris = tmp_path / "refs.txt"
    ris.write_text("TY  - JOUR\nTI  - Boats\nER  - \n", encoding="utf-8")
    assert cli.main(["validate", str(ris)]) == 0
    assert "ok: 1 entries" in capsys.readouterr().out


def test_import_tells_a_files_warnings_in_one_line_and_its_errors_one_a_line(
    review: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A Citavi export of keyless entries gave one warning line per entry: now one line for
    the file (count, lines, the first, where to read them all); errors stay one a line."""
    keyless = "".join(f"@misc{{,\n  title = {{Work {i}}},\n}}\n\n" for i in range(5))
    path = write_file(tmp_path / "citavi.bib", keyless + "@misc{bad,\n  title = {Open\n")
    code, out, err = run_cli(capsys, "import", str(path), "--review", str(review))
    assert code == 0 and "imported 5 entries: 5 new" in out
    warned = [line for line in err.splitlines() if "warning" in line]
    assert len(warned) == 1 and "5 warnings (lines 1, 5, 9, 13, 17)" in warned[0]
    assert f"litreview validate {path}" in warned[0]
    assert any(line.startswith(f"{path}:21: error") for line in err.splitlines()), err


def test_validate_reads_a_review_s_taxonomy_and_curation_as_the_review_does(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """taxonomy.yaml and curation.yaml are a review's own files, not CSL YAML."""
    good = "facets:\n  - id: topic\n    values:\n      - id: crops\n        synonyms: [wheat]\n"
    code, out, _ = run_cli(capsys, "validate", str(write_file(tmp_path / "taxonomy.yaml", good)))
    assert code == 0 and "a taxonomy of 1 facets and 1 values" in out
    twice = good + "      - id: crops\n"
    code, out, err = run_cli(capsys, "validate", str(write_file(tmp_path / "taxonomy.yml", twice)))
    assert code == 2 and "taxonomy.yml:6: duplicate value" in out + err
    other = write_file(tmp_path / "mine.yaml", good)
    code, out, _ = run_cli(capsys, "validate", "--format", "taxonomy", str(other))
    assert code == 0 and "a taxonomy of 1 facets" in out
    code, out, _ = run_cli(capsys, "validate", str(write_file(tmp_path / "curation.yaml", "")))
    assert code == 0 and "curation read, 0 error(s)" in out
