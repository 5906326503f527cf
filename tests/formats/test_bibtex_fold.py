"""Wide entries: biber stops at an entry of more than 97 fields, so the writer folds the
unmodelled fields beyond :data:`MAX_FIELDS` into one ``litreview-extras`` field, which the
reader takes apart again."""

from __future__ import annotations

import dataclasses
import re
import subprocess
from pathlib import Path
from unittest import mock

import pytest
from hypothesis import event, given, settings
from hypothesis import strategies as st

from litreview.core.model import Work, replace
from litreview.core.texmarkup import as_tex, plain_work
from litreview.formats import _bibtex_maps as maps
from litreview.formats import search_csv
from litreview.formats._bibtex_maps import FOLD_FIELD, KNOWN_FIELDS, MAX_FIELDS
from litreview.formats.bibtex import export_biblatex, export_bibtex, read_bibtex, write_bibtex
from litreview.formats.bibtex_patch import patch_bibtex
from litreview.formats.search_csv import read_search_csv
from tests.conftest import DATA, require_tool
from tests.strategies import texts, works

# unmodelled names as exports give them, and ones BibLaTeX styles print (never folded)
_NAMES = st.one_of(
    st.from_regex(r"x_[a-z0-9]{1,8}", fullmatch=True),
    st.from_regex(r"(Embase|OpenAlex|PubMed):[a-z][a-z.-]{0,20}[a-z]", fullmatch=True),
    st.sampled_from(["issn", "isbn", "language", "pmid", "series", "edition", "langid"]),
)
# values: text, and what breaks a naive fold (braces, backslashes, quotes, JSON), with their
# white space as the reader leaves it (one space between words)
_ODD = ['{"a": null}', "\\u007b", "null", "}{", "\\", 'x"y', "a {B} c", "50% & #1", "é €", "[1]"]
_VALUES = (
    st.one_of(
        texts(),
        st.text(alphabet='ab {}\\"%#&@,=\n\té€:[]', min_size=1, max_size=30),
        st.sampled_from(_ODD),
    )
    .map(lambda v: " ".join(v.split()))
    .filter(bool)
)
# many fields cheaply (a draw or two each): names made distinct by their number
_MANY = st.one_of(st.integers(MAX_FIELDS - 25, MAX_FIELDS), st.integers(MAX_FIELDS, 400)).flatmap(
    lambda k: st.lists(
        st.tuples(
            st.sampled_from(["y_", "Embase:col-", "OpenAlex:f.", "PubMed:e"]),
            st.sampled_from(_ODD),
        ),
        min_size=k,
        max_size=k,
    )
)


def _wide() -> st.SearchStrategy[tuple[tuple[str, str], ...]]:
    """A few unmodelled fields of every kind, and (mostly) many more: up to 400 in all,
    names distinct in any case."""
    few = st.lists(st.tuples(_NAMES, _VALUES), max_size=8, unique_by=lambda p: p[0].lower())
    many = st.one_of(st.just([]), _MANY, _MANY, _MANY)
    return st.tuples(few, many).map(
        lambda t: (*t[0], *((f"{n}{i}", v) for i, (n, v) in enumerate(t[1])))
    )


def _fields(text: str) -> list[list[str]]:
    """The field names of each entry of the writer's ``text`` (a field a line)."""
    return [_FIELD.findall(chunk) for chunk in re.split(r"\n(?=@)", text.strip())]


_FIELD = re.compile(r"^  (\S+) *= ", re.MULTILINE)


def _work(n: int, doi: str = "") -> Work:
    """A work of ``n`` unmodelled fields (a wide export's columns)."""
    extra = tuple((f"OpenAlex:col{i:03d}", f"v{i} {{x}} 50%") for i in range(n))
    return Work(key="wide", type="article-journal", title="T", issued="2020", doi=doi, extra=extra)


@settings(max_examples=60, deadline=None)
@given(works(extra=_wide()), st.booleans())
def test_works_of_any_width_round_trip_and_fit_biber(work: Work, biblatex: bool) -> None:
    text = write_bibtex([work], biblatex=biblatex)
    assert all(len(names) <= MAX_FIELDS for names in _fields(text))
    event("folded" if FOLD_FIELD in text else "not folded")
    found, problems = read_bibtex(text)
    assert [p for p in problems if p.severity == "error"] == []
    assert found == [as_tex(work)] and [plain_work(f) for f in found] == [work]
    assert found == read_bibtex(write_bibtex([work], biblatex=biblatex, fold=False))[0]
    assert write_bibtex(found, biblatex=biblatex) == text


@settings(max_examples=30, deadline=None)
@given(works(extra=_wide()), st.booleans())
def test_exports_of_any_width_read_back_as_unfolded(work: Work, biblatex: bool) -> None:
    export = export_biblatex if biblatex else export_bibtex
    text = export([work])
    assert all(len(names) <= MAX_FIELDS for names in _fields(text))
    found = read_bibtex(text)[0]
    with mock.patch.object(maps, "MAX_FIELDS", 10**6):
        unfolded = export([work])
    assert found == read_bibtex(unfolded)[0]
    names = {n for n, _ in work.extra}
    assert [p for p in found[0].extra if p[0] in names] == list(as_tex(work).extra)


def test_a_wide_entry_keeps_modelled_and_known_fields_and_folds_the_rest_last() -> None:
    work = _work(150, doi="10.1/x")
    work = replace(work, extra=(*work.extra, ("issn", "1234-5678"), ("language", "en")))
    text = write_bibtex([work], biblatex=True)
    (names,) = _fields(text)
    assert len(names) == MAX_FIELDS and names[-1] == FOLD_FIELD
    assert names[:4] == ["title", "date", "doi", "OpenAlex:col000"]
    assert {"issn", "language", "OpenAlex:col000"} <= set(names)
    assert "OpenAlex:col149" not in names  # folded, the later ones first
    assert '"issn": null, "language": null}' in text  # their place among the folded ones
    assert write_bibtex([work], biblatex=True) == text  # deterministic
    assert read_bibtex(text)[0] == [as_tex(work)]


def test_entries_up_to_the_limit_are_written_as_before() -> None:
    work = _work(MAX_FIELDS - 3)  # title, date, journal... three modelled fields
    assert FOLD_FIELD not in write_bibtex([work], biblatex=True)
    assert write_bibtex([work]) == write_bibtex([work], fold=False)


def test_a_fold_field_that_is_not_the_writers_is_kept_as_a_field() -> None:
    deep = '{"a": ' * 5000 + "1" + "}" * 5000  # too deep for json: RecursionError
    for value in (
        "{not json}",
        '{"a": 1}',
        '{"nope": null}',
        "{[1, 2]}",
        '{[["a", "b", "c"]]}',
        deep,
    ):
        text = f"@misc{{k, title = {{T}}, {FOLD_FIELD} = {{{value}}}}}"
        (work,), _ = read_bibtex(text)
        assert work.extra == ((FOLD_FIELD, value),)


def test_an_unmodelled_field_named_as_the_fold_round_trips() -> None:
    work = _work(120)
    work = replace(work, extra=((FOLD_FIELD, "mine"), *work.extra))
    text = write_bibtex([work])
    assert text.count(f"{FOLD_FIELD} ") == 1
    assert read_bibtex(text)[0] == [as_tex(work)]


def test_known_fields_include_every_modelled_name() -> None:
    modelled = {"author", "editor", "title", "journal", "journaltitle", "booktitle", "year"}
    modelled |= {"month", "date", "publisher", "institution", "school", "address", "location"}
    assert modelled <= KNOWN_FIELDS


def test_reading_an_entry_biber_cannot_read_warns() -> None:
    fields = "".join(f",\n  f{i} = {{v}}" for i in range(97))
    (work,), problems = read_bibtex("@misc{a,\n  title = {T}" + fields + "\n}\n")
    assert len(work.extra) == 97
    assert [(p.severity, p.line) for p in problems] == [("warning", 1)]
    assert "98 fields: biber stops" in problems[0].message
    assert read_bibtex("@misc{a,\n  title = {T}" + fields[: fields.rindex(",")] + "\n}\n")[1] == []


# --- corpus.bib ------------------------------------------------------------------------


def test_corpus_bib_appends_a_wide_work_folded() -> None:
    old = "@article{a,\n  title = {A},\n}\n"
    new = patch_bibtex(old, [*read_bibtex(old)[0], as_tex(_work(150))])
    assert new.startswith(old) and FOLD_FIELD in new
    assert read_bibtex(new)[0][1] == as_tex(_work(150))


def test_a_hand_written_wide_entry_is_patched_in_place_never_folded() -> None:
    fields = "".join(f",\n  f{i} = {{v{i}}}" for i in range(120))
    old = "@article{a,\n  title = {Old}" + fields + "\n}\n"
    (work,), _ = read_bibtex(old)
    changed = replace(work, title="New", extra=(*work.extra, ("f999", "added")))
    new = patch_bibtex(old, [changed])
    assert FOLD_FIELD not in new
    assert new == old.replace("{Old}", "{New}").replace("\n}\n", ",\n  f999 = {added}\n}\n")
    assert read_bibtex(new)[0] == [changed]


def test_a_folded_entry_is_patched_and_reads_back() -> None:
    work = as_tex(_work(150))
    old = write_bibtex([work])
    extra = tuple((n, "changed" if n == "OpenAlex:col140" else v) for n, v in work.extra)
    changed = replace(work, extra=(*extra, ("OpenAlex:new", "n")))
    new = patch_bibtex(old, [changed])
    assert read_bibtex(new)[0] == [changed]
    assert all(len(names) <= MAX_FIELDS for names in _fields(new))


# --- biber and pandoc ------------------------------------------------------------------


def _biber_reads(path: Path) -> bool:
    out = path.with_name("out.bib")
    done = subprocess.run(
        ["biber", "--tool", "--output-file", str(out), str(path)], capture_output=True
    )
    return done.returncode == 0


@pytest.mark.tool
@pytest.mark.parametrize("concatenated", [False, True])
def test_the_limit_folding_keeps_under(tmp_path: Path, concatenated: bool) -> None:
    """biber 2.18 reads an entry of 97 fields and stops (exit code 1, nothing said) at 98,
    whatever the names, values or type; 96 when the last value is a concatenation. By hand::

        { echo '@article{a,'; for i in $(seq 1 98); do echo " f$i = {v},"; done; echo '}'; } \\
            > t.bib; biber --tool --output-file o.bib t.bib; echo $?
    """
    require_tool("biber")
    last = "{a} # {b}" if concatenated else "{v}"
    limit = 96 if concatenated else 97
    assert MAX_FIELDS < 96
    for n, reads in ((limit, True), (limit + 1, False)):
        fields = "".join(f"  averyveryverylongfieldname{i} = {{v}},\n" for i in range(1, n))
        path = tmp_path / "t.bib"
        path.write_text(f"@misc{{a,\n{fields}  last = {last}\n}}\n", encoding="utf-8")
        assert _biber_reads(path) is reads, n


@pytest.mark.tool
def test_biber_and_pandoc_read_an_export_of_150_extras(tmp_path: Path) -> None:
    require_tool("biber")
    require_tool("pandoc")
    work = _work(150, doi="10.1/x")
    unfolded = tmp_path / "unfolded.bib"
    unfolded.write_text(write_bibtex([work], biblatex=True, fold=False), encoding="utf-8")
    assert not _biber_reads(unfolded)  # the limit this works around
    for export in (export_biblatex, export_bibtex):
        path = tmp_path / "export.bib"
        path.write_text(export([work]), encoding="utf-8")
        assert _biber_reads(path), export.__name__
        (tmp_path / "doc.md").write_text("[@wide]\n", encoding="utf-8")
        html = subprocess.run(
            ["pandoc", "--citeproc", "--bibliography", "export.bib", "-t", "html", "doc.md"],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            check=True,
        )
        assert 'class="csl-entry"' in html.stdout and "10.1/x" in html.stdout
        assert "warning" not in html.stderr.lower()


@pytest.mark.tool
def test_biber_reads_the_export_of_a_flattened_openalex_csv(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """OpenAlex's CSV read with every column an extra of its own (nesting off): 145 extras."""
    require_tool("biber")
    table = search_csv._table()
    flat = tuple(dataclasses.replace(e, nest="") for e in table.exports)
    monkeypatch.setattr(search_csv, "_table", lambda: dataclasses.replace(table, exports=flat))
    text = (DATA / "real" / "cff_openalex.csv").read_text(encoding="utf-8")
    works, _ = read_search_csv(text)
    assert max(len(w.extra) for w in works) > 140
    keyed = [replace(w, key=f"w{i}") for i, w in enumerate(works)]
    path = tmp_path / "openalex.bib"
    path.write_text(export_biblatex(keyed), encoding="utf-8")
    assert _biber_reads(path)
    found = read_bibtex(path.read_text(encoding="utf-8"))[0]
    assert [w.extra for w in found] == [as_tex(w).extra for w in keyed]
