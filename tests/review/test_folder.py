"""The core: errors, atomic writes, the review folder's tables, CSL mapping, init."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from litreview.core import atomic
from litreview.core.errors import InputError, Problem
from litreview.core.files import decode_utf8, read_text
from litreview.core.model import (
    Citation,
    Document,
    Evidence,
    GapStatement,
    Mention,
    Person,
    Tag,
    Work,
)
from litreview.formats.csl import date_from_csl, date_to_csl, work_from_csl, work_to_csl
from litreview.review import Review


def test_input_error_is_one_line_with_file_and_line() -> None:
    err = InputError("bad thing\nhappened", path="a.bib", line=3, hint="fix it")
    assert str(err) == "a.bib:3: bad thing happened (fix it)"
    assert isinstance(err, ValueError)


def test_problem_text_and_error() -> None:
    p = Problem(path="x.ris", line=7, severity="error", message="no TY")
    assert str(p) == "x.ris:7: error: no TY"
    assert p.to_error().line == 7


def test_decode_names_line_of_bad_byte() -> None:
    with pytest.raises(InputError, match=r"f.bib:3: not UTF-8: byte 0xe9"):
        decode_utf8(b"a\nb\nd\xe9j\xe0\n", "f.bib")


def test_decode_names_line_and_byte_after_a_bom() -> None:
    """The BOM is dropped, but the bad byte's line and value are those of the file."""
    with pytest.raises(InputError, match=r"f.bib:3: not UTF-8: byte 0xe9"):
        decode_utf8(b"\xef\xbb\xbf\n\nd\xe9j\n", "f.bib")


def test_read_text_missing_and_directory(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        read_text(tmp_path / "nope.bib")
    with pytest.raises(InputError, match="is a directory"):
        read_text(tmp_path)


def test_atomic_write_leaves_old_file_when_interrupted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "corpus.bib"
    target.write_text("old")

    def boom(*args: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(OSError):
        atomic.write_text(target, "new")
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["corpus.bib"]


def test_transaction_all_or_nothing(tmp_path: Path) -> None:
    """A save that fails on its second file leaves the first as it was, and no temp files."""
    review = Review.at(tmp_path)
    review.bibliography.mkdir()
    review.documents_path.write_text("old documents")
    review.citations_path.write_text("old citations")
    with pytest.raises(TypeError), review.transaction() as r:  # a value that cannot be written
        r.save_documents([Document(doc_id="d1", path="d1.txt")])
        r.write_table(review.citations_path, ["a"], [{"a": object()}])
        r._tx.write(review.merges_path, object())  # type: ignore[union-attr, arg-type]
    assert review.documents_path.read_text() == "old documents"
    assert review.citations_path.read_text() == "old citations"
    assert sorted(p.name for p in review.bibliography.iterdir()) == [
        "citations.csv",
        "documents.csv",
    ]


def test_transaction_writes_nothing_until_it_ends(tmp_path: Path) -> None:
    review = Review.at(tmp_path)
    with review.transaction() as r:
        r.save_documents([Document(doc_id="d1", path="d1.txt")])
        assert not review.documents_path.exists()
    assert review.load_documents() == [Document(doc_id="d1", path="d1.txt")]


def test_tables_round_trip(tmp_path: Path) -> None:
    review = Review.at(tmp_path)
    docs = [
        Document(
            doc_id="d2",
            path="docs/d2.txt",
            title="T, with comma",
            author="A",
            year="2020",
            work_key="k2",
        ),
        Document(doc_id="d1", path="d1.md"),
    ]
    review.save_documents(docs)
    assert review.load_documents() == sorted(docs, key=lambda d: d.doc_id)
    cits = [
        Citation(
            doc_id="d1",
            footnote=3,
            position=0,
            raw='Ibid. "quoted"',
            work_key="k1",
            context="A sentence.",
            section="Intro",
            kind="ibid",
            char_start=5,
            char_end=16,
        ),
        Citation(doc_id="d1", footnote=None, position=0, raw="x", work_key="", kind="note"),
    ]
    review.save_citations(cits)
    assert sorted(review.load_citations(), key=repr) == sorted(cits, key=repr)
    tags = [
        Tag(
            work_key="k1",
            facet="group",
            value="women",
            source="rule:context:abc",
            evidence=Evidence(quote="women", doc_id="d1", char_start=0, char_end=5),
            score=0.5,
        ),
        Tag(
            work_key="k1",
            facet="crime_type",
            value="drugs",
            source="rule:field:title",
            evidence=Evidence(quote="drug use"),
            score=1.0,
        ),
    ]
    review.save_tags(tags)
    assert sorted(review.load_tags(), key=repr) == sorted(tags, key=repr)
    stmts = [
        GapStatement(
            doc_id="d1",
            char_start=1,
            char_end=9,
            section="S",
            quote="no data",
            facets=(
                ("crime_type", ("drugs", "corruption")),
                ("group", ()),
                ("gender_dimension", ("roles_in_soc",)),
            ),
            strength="implicit",
            kind="data",
            score=0.875,
            why="score 0.88 (threshold 0.40): scarce knowledge",
            mentions=(
                Mention(
                    facet="crime_type",
                    value="drugs",
                    char_start=4,
                    char_end=9,
                    quote='da"ta;',
                    source="antecedent",
                    clause=-1,
                ),
            ),
        )
    ]
    review.save_statements(stmts, ["crime_type", "group", "gender_dimension"])
    assert review.load_statements() == stmts
    assert review.statements_path.read_text(encoding="utf-8").splitlines()[0] == (
        "doc_id,char_start,char_end,section,quote,crime_type,group,gender_dimension,strength,"
        "kind,score,why,mentions"
    )


def test_a_bad_mentions_cell_names_its_line(tmp_path: Path) -> None:
    review = Review.at(tmp_path)
    review.gaps_dir.mkdir(parents=True)
    review.statements_path.write_text(
        "doc_id,char_start,char_end,section,quote,strength,kind,score,why,mentions\n"
        "d,0,7,S,no data,explicit,data,0.5,w,[{}]\n",
        encoding="utf-8",
    )
    with pytest.raises(InputError, match=r"statements\.csv:2: bad value: a mention lacks"):
        review.load_statements()


def test_statements_written_before_kind_score_why_still_load(tmp_path: Path) -> None:
    """An older statements.csv without the detector's columns loads with them empty."""
    review = Review.at(tmp_path)
    review.gaps_dir.mkdir(parents=True)
    review.statements_path.write_text(
        "doc_id,char_start,char_end,section,quote,hazard,strength\nd,0,7,S,no data,heat,explicit\n",
        encoding="utf-8",
    )
    (s,) = review.load_statements()
    assert (s.values("hazard"), s.kind, s.score, s.why) == (("heat",), "", 1.0, "")


def test_missing_column_is_reported_with_line(tmp_path: Path) -> None:
    review = Review.at(tmp_path)
    review.bibliography.mkdir()
    review.documents_path.write_text("doc_id,path\nx,y\n")
    with pytest.raises(InputError, match=r"documents.csv:1: missing column"):
        review.load_documents()


def test_bad_number_in_citations_names_the_line(tmp_path: Path) -> None:
    review = Review.at(tmp_path)
    review.bibliography.mkdir()
    review.citations_path.write_text(
        "doc_id,footnote,position,raw,work_key,context,section,kind\nd,1,0,r,k,c,s,citation\nd,x,0,r,k,c,s,note\n"
    )
    with pytest.raises(InputError, match=r"citations.csv:3: bad number"):
        review.load_citations()


def test_relative_paths(tmp_path: Path) -> None:
    review = Review.at(tmp_path / "rev")
    assert review.relative(tmp_path / "shared" / "a.txt") == "../shared/a.txt"
    assert review.resolve("../shared/a.txt") == tmp_path / "rev" / "../shared/a.txt"


names = st.text(alphabet="abcdefghijÀéü -'", min_size=1, max_size=12).map(str.strip).filter(bool)
persons = st.one_of(
    st.builds(Person, family=names, given=st.one_of(st.just(""), names)),
    st.builds(Person, literal=names),
)
dates = st.one_of(
    st.just(""),
    st.integers(1000, 2100).map(str),
    st.tuples(st.integers(1000, 2100), st.integers(1, 12)).map(lambda t: f"{t[0]}-{t[1]:02d}"),
)
plain = st.text(min_size=0, max_size=20)


@given(
    title=plain,
    authors=st.lists(persons, max_size=3),
    issued=dates,
    url=plain,
    keywords=st.lists(st.text(alphabet="abc:_", min_size=1, max_size=8), max_size=3),
    extra=st.dictionaries(
        st.sampled_from(["archive", "medium", "language", "isbn"]), plain, max_size=3
    ),
)
def test_csl_round_trip(
    title: str,
    authors: list[Person],
    issued: str,
    url: str,
    keywords: list[str],
    extra: dict[str, str],
) -> None:
    work = Work(
        key="k",
        type="report",
        title=title,
        authors=tuple(authors),
        issued=issued,
        url=url,
        keywords=tuple(keywords),
        extra=tuple(extra.items()),
    )
    assert work_from_csl(work_to_csl(work)) == work


def test_csl_dates() -> None:
    assert date_to_csl("2012-03-05") == {"date-parts": [[2012, 3, 5]]}
    assert date_to_csl("spring 2012") == {"raw": "spring 2012"}
    assert date_from_csl({"date-parts": [[2020, 1]]}) == "2020-01"


def test_csl_wrong_types_raise() -> None:
    with pytest.raises(TypeError, match="'author' must be a list"):
        work_from_csl({"type": "book", "author": "Someone"})
    with pytest.raises(TypeError, match="'title' must be a string"):
        work_from_csl({"type": "book", "title": {"x": 1}})


def test_save_works_edits_an_existing_corpus_keeping_its_byte_order_mark(tmp_path: Path) -> None:
    review = Review.at(tmp_path)
    review.bibliography.mkdir()
    hand = "% mine\n@book{a, title = {A}}\n"
    review.corpus_path.write_bytes(b"\xef\xbb\xbf" + hand.encode("utf-8"))
    works, _ = review.load_works()
    review.save_works([*works, Work(key="b", type="book", title="B")])
    data = review.corpus_path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf" + hand.encode("utf-8"))
    assert [w.key for w in review.load_works()[0]] == ["a", "b"]
    before = review.corpus_path.stat().st_mtime_ns
    review.save_works(review.load_works()[0])  # nothing changed: the file is not written
    assert review.corpus_path.stat().st_mtime_ns == before


def test_utf16_is_named_not_decoded() -> None:
    with pytest.raises(InputError, match="UTF-16 text, not UTF-8") as info:
        decode_utf8("@book{a, title={A}}".encode("utf-16"), "corpus.bib")
    assert info.value.line == 1 and info.value.path == "corpus.bib"


def test_save_works_reads_the_corpus_again_only_if_it_changed_since_loaded(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import litreview.formats.bibtex_patch as patch_module

    calls: list[str] = []
    real = patch_module.read_bibtex

    def counted(text: str, path: str = "<string>") -> tuple[list[Work], list[Problem]]:
        calls.append(path)
        return real(text, path)

    monkeypatch.setattr(patch_module, "read_bibtex", counted)
    review = Review.at(tmp_path)
    review.bibliography.mkdir()
    review.corpus_path.write_text("@book{a, title = {A}}\n", encoding="utf-8")
    works, _ = review.load_works()
    with review.transaction() as r:
        r.save_works([*works, Work(key="b", type="book", title="B")])
    assert calls == []  # read by load_works, not again
    works, _ = review.load_works()
    review.corpus_path.write_text("% changed by hand\n@book{a, title = {A}}\n", encoding="utf-8")
    review.save_works([*works[:1], Work(key="c", type="book", title="C")])
    assert len(calls) == 1
    assert review.corpus_path.read_text(encoding="utf-8").startswith("% changed by hand\n")
    assert [w.key for w in review.load_works()[0]] == ["a", "c"]


def test_suggestions_are_written_best_first_within_each_facet(tmp_path: Path) -> None:
    """A curator reads ``suggestions.csv`` from the top: each facet's likeliest first, ties
    in the order of ``tags.csv``, and every row read back as written."""
    review = Review.at(tmp_path)

    def suggestion(work: str, facet: str, value: str, score: float) -> Tag:
        return Tag(
            work_key=work,
            facet=facet,
            value=value,
            source="model:evidence-logreg",
            evidence=Evidence(quote="tides"),
            score=score,
        )

    tags = [
        suggestion("a", "group", "women", 0.2),
        suggestion("b", "group", "men", 0.9),
        suggestion("c", "crime_type", "drugs", 0.3),
        suggestion("a", "crime_type", "fraud", 0.3),
        suggestion("d", "crime_type", "theft", 0.7),
    ]
    review.save_suggestions(tags)
    rows = [(t.facet, t.work_key, t.score) for t in review.load_suggestions()]
    assert rows == [
        ("crime_type", "d", 0.7),
        ("crime_type", "a", 0.3),
        ("crime_type", "c", 0.3),
        ("group", "b", 0.9),
        ("group", "a", 0.2),
    ]
