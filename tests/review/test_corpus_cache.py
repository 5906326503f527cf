"""The works of corpus.bib kept beside it: used while the file is unchanged, and only then."""

from __future__ import annotations

import os
import pickle
import shutil
from importlib import metadata
from pathlib import Path

import pytest

from litreview.cli import main
from litreview.core import model as model_module
from litreview.core.model import Work
from litreview.review import Review, corpus_cache
from litreview.review import folder as folder_module
from litreview.review.corpus_cache import _MAGIC

BIB = """@article{smith2020,
  author = {Smith, John and M{\\"u}ller, Anna},
  title = {Trafficking of {Goods} across Borders},
  journal = {Journal of Tests},
  year = {2020},
  abstract = {A study of \\emph{goods}.},
  keywords = {smuggling, borders},
  custom = {kept as written},
}

@book{jones2019,
  author = {Jones, Mary},
  title = {A Book},
  publisher = {Press},
  year = {2019},
}

@misc{notitle,
  year = {2001},
}
"""


def _review(tmp_path: Path, text: str = BIB) -> Review:
    (tmp_path / "bibliography").mkdir(parents=True)
    (tmp_path / "bibliography" / "corpus.bib").write_text(text, encoding="utf-8")
    return Review.open(tmp_path)


def _fields(works: list[Work]) -> list[tuple[object, ...]]:
    """Every field of every work, ``tex`` (not compared by ``==``) included."""
    return [(*(getattr(w, f) for f in w.__slots__), type(w)) for w in works]


def _no_parsing(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(data: bytes, path: str) -> None:
        raise AssertionError("corpus.bib was parsed")

    monkeypatch.setattr(folder_module, "read_bibtex_utf8", refuse)


def test_second_read_comes_from_the_cache_and_equals_parsing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    review = _review(tmp_path)
    parsed, problems = review.load_works()
    assert review.corpus_cache_path.is_file()
    assert problems and len(parsed) == 3  # the entry without a title is a warning
    _no_parsing(monkeypatch)
    cached, cached_problems = Review.open(tmp_path).load_works()
    assert _fields(cached) == _fields(parsed)
    assert cached_problems == problems


def test_an_edit_invalidates_the_cache_even_at_the_same_size_and_time(
    tmp_path: Path,
) -> None:
    review = _review(tmp_path)
    review.load_works()
    before = review.corpus_path.stat()
    review.corpus_path.write_text(BIB.replace("A Book", "B Book"), encoding="utf-8")
    os.utime(review.corpus_path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert review.corpus_path.stat().st_size == before.st_size
    works, _ = Review.open(tmp_path).load_works()
    assert [w.title for w in works if w.key == "jones2019"] == ["B Book"]


def test_an_edit_changes_what_commands_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    review = _review(tmp_path)
    review.load_works()
    with review.corpus_path.open("a", encoding="utf-8") as f:
        f.write("\n@misc{added2021,\n  title = {Added by hand},\n  year = {2021},\n}\n")
    assert main(["export", "--format", "ris", "--review", str(tmp_path)]) == 0
    assert "Added by hand" in capsys.readouterr().out


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda data: data[: len(data) // 2], id="truncated"),
        pytest.param(lambda data: data[:-3], id="end_mark_cut"),
        pytest.param(lambda data: b"garbage" * 10, id="not_a_cache"),
        pytest.param(lambda data: _MAGIC + b"\x80\x05garbage", id="bad_pickle"),
        pytest.param(lambda data: b"", id="empty"),
    ],
)
def test_a_damaged_cache_is_ignored_and_rebuilt(
    tmp_path: Path, damage: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    review = _review(tmp_path)
    parsed, problems = review.load_works()
    cache = review.corpus_cache_path
    cache.write_bytes(damage(cache.read_bytes()))  # type: ignore[operator]
    works, again = Review.open(tmp_path).load_works()
    assert _fields(works) == _fields(parsed) and again == problems
    _no_parsing(monkeypatch)  # rebuilt whole: the next read is from it
    assert _fields(Review.open(tmp_path).load_works()[0]) == _fields(parsed)


class _Planted:
    def __reduce__(self) -> tuple[object, tuple[str]]:
        return (os.remove, ("planted",))


def test_a_cache_naming_any_other_class_is_refused_without_running_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A review folder from someone else cannot make litreview run code through its cache."""
    review = _review(tmp_path)
    parsed, _ = review.load_works()
    cache = review.corpus_cache_path
    head = cache.read_bytes()[len(_MAGIC) :]
    planted = tmp_path / "planted"
    planted.write_text("still here")
    monkeypatch.chdir(tmp_path)
    with cache.open("wb") as f:  # a valid header, then a pickle that would delete a file
        f.write(_MAGIC)
        f.write(pickle.dumps(pickle.loads(head)))
        f.write(pickle.dumps(_Planted()))
    works, _ = Review.open(tmp_path).load_works()
    assert planted.read_text() == "still here"
    assert _fields(works) == _fields(parsed)


def test_a_moved_review_names_its_corpus_where_it_is_now(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    review = _review(tmp_path / "a")
    review.load_works()
    shutil.copytree(tmp_path / "a", tmp_path / "b")  # copytree keeps modification times
    _no_parsing(monkeypatch)
    moved = Review.open(tmp_path / "b")
    _, problems = moved.load_works()
    assert problems and {p.path for p in problems} == {str(moved.corpus_path)}


def test_a_cache_that_cannot_be_written_is_no_error(tmp_path: Path) -> None:
    review = _review(tmp_path)
    (tmp_path / ".litreview").write_text("a file where the state folder should be")
    works, _ = review.load_works()
    assert len(works) == 3


def test_outputs_are_the_same_with_and_without_the_cache(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    review = _review(tmp_path)
    taxonomy = Path(__file__).resolve().parents[1] / "fixture_review" / "bibliography"
    shutil.copy(taxonomy / "taxonomy.yaml", review.taxonomy_path)

    def run() -> tuple[str, bytes]:
        assert main(["tag", "--review", str(tmp_path)]) == 0
        capsys.readouterr()
        assert main(["export", "--format", "csljson", "--review", str(tmp_path)]) == 0
        return capsys.readouterr().out, review.tags_path.read_bytes()

    cold = run()  # parses, keeps the cache
    assert review.corpus_cache_path.is_file()
    warm = run()  # from the cache
    assert warm == cold


def test_import_keeps_no_copy_that_its_own_save_makes_stale(tmp_path: Path) -> None:
    """import rewrites corpus.bib: the corpus it read is not kept (the copy would be stale
    at once); the next step that reads the new corpus keeps that one."""
    review = _review(tmp_path)
    extra = tmp_path / "more.bib"
    extra.write_text("@book{brown2018,\n  title = {Another Book},\n  year = {2018},\n}\n")
    assert main(["import", str(extra), "--review", str(tmp_path)]) == 0
    assert not review.corpus_cache_path.exists()
    works, _ = Review.open(tmp_path).load_works()
    assert review.corpus_cache_path.exists()
    assert {w.key for w in works} >= {"smith2020", "brown2018"}


def test_a_record_of_the_wrong_shape_is_a_miss_not_a_broken_work(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A cache whose header matches but whose work has too few values (a Work, as the
    unpickler allows) is parsed again: no work is handed on with a field unset."""
    review = _review(tmp_path)
    parsed, _ = review.load_works()
    cache = review.corpus_cache_path
    with cache.open("rb") as handle:
        handle.read(len(_MAGIC))
        head, problems = pickle.load(handle), pickle.load(handle)
    with monkeypatch.context() as m:  # a Work pickled with its key alone as its state
        m.setattr(model_module, "_work_state", lambda w: (w.key,))
        short = pickle.dumps([parsed[0]])
    with cache.open("wb") as f:
        f.write(_MAGIC)
        f.write(pickle.dumps((*head[:4], 1, *head[5:])))
        f.write(pickle.dumps(problems))
        f.write(short)
        f.write(pickle.dumps(None))
    works, _ = Review.open(tmp_path).load_works()
    assert _fields(works) == _fields(parsed)


def test_another_version_of_the_bibtex_library_is_a_miss(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A reader of another version may read the same bytes otherwise: parsed again."""
    review = _review(tmp_path)
    parsed, _ = review.load_works()
    real = metadata.version
    monkeypatch.setattr(
        metadata, "version", lambda name: "0.0-other" if name == "bibtexparser" else real(name)
    )
    corpus_cache._code_key.cache_clear()
    parses: list[str] = []
    read = folder_module.read_bibtex_utf8

    def counting(data: bytes, path: str) -> tuple[list[Work], list[object]]:
        parses.append(path)
        return read(data, path)  # type: ignore[return-value]

    monkeypatch.setattr(folder_module, "read_bibtex_utf8", counting)
    try:
        works, _ = Review.open(tmp_path).load_works()
    finally:
        monkeypatch.undo()
        corpus_cache._code_key.cache_clear()
    assert parses and _fields(works) == _fields(parsed)
