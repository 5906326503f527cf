"""Journaled saves: a save cut short at any step is finished or undone by the next command;
symlinks kept, modes from the umask, leftovers of killed runs removed."""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from litreview.review import Review
from litreview.review import transaction as tx_module
from litreview.review.transaction import STATE_DIR, Move, read_journal, write_journal

OLD = {"bibliography/corpus.bib": "old corpus\n", "bibliography/citations.csv": "a\nold\n"}


@pytest.fixture
def review(tmp_path: Path) -> Review:
    """A review whose corpus, citations and ``gaps/register.md`` say ``old``."""
    r = Review.at(tmp_path / "r")
    for rel, text in OLD.items():
        (r.root / rel).parent.mkdir(parents=True, exist_ok=True)
        (r.root / rel).write_text(text)
    r.gaps_dir.mkdir()
    (r.gaps_dir / "register.md").write_text("old register\n")
    return r


def files_of(review: Review) -> dict[str, str]:
    """Every file of the review (the lock folder aside) and its text."""
    return {
        p.relative_to(review.root).as_posix(): p.read_text()
        for p in sorted(review.root.rglob("*"))
        if p.is_file() and STATE_DIR not in p.parts
    }


def save_new(review: Review) -> None:
    """Three files and the gaps folder, in one transaction."""
    with review.transaction() as r:
        r._write(r.corpus_path, "new corpus\n")
        r.write_table(r.citations_path, ["a"], [{"a": "new"}])
        r.write_table(r.merges_path, ["kept"], [{"kept": "k"}])
        r.save_gaps({"register.md": "new register\n", "briefs/1.md": "brief\n"})


@pytest.fixture
def states(review: Review, tmp_path: Path) -> Iterator[tuple[dict[str, str], dict[str, str]]]:
    """The review's files before and after :func:`save_new` (made on a copy)."""
    before = files_of(review)
    copy = Review.at(tmp_path / "copy")
    for rel, text in before.items():
        (copy.root / rel).parent.mkdir(parents=True, exist_ok=True)
        (copy.root / rel).write_text(text)
    save_new(copy)
    yield before, files_of(copy)


def recover(review: Review) -> None:
    """What the next writing command does first."""
    with review.lock(write=True):
        pass


@pytest.mark.parametrize("fail_at", range(1, 8))
def test_a_save_cut_at_any_rename_ends_all_old_or_all_new(
    review: Review,
    states: tuple[dict[str, str], dict[str, str]],
    fail_at: int,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Rename number ``fail_at`` of the save (journal writes included) fails: the save stops
    there as a kill would; once the next command has run, the review is all old or all
    new: new exactly when the journal had said ``committing``."""
    before, after = states
    real_replace = os.replace
    calls = []

    def replace(src: str | Path, dst: str | Path) -> None:
        calls.append(dst)
        if len(calls) == fail_at:
            raise OSError("killed")
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", replace)
    with pytest.raises(OSError, match="killed"):
        save_new(review)
    monkeypatch.setattr(os, "replace", real_replace)
    journal = read_journal(review.root)
    decided = journal is not None and journal[0] == "committing"
    assert decided == (fail_at > 2)  # the two journal writes come first
    recover(review)
    assert files_of(review) == (after if decided else before)
    assert read_journal(review.root) is None


def test_every_step_is_tried(review: Review, monkeypatch: pytest.MonkeyPatch) -> None:
    """The parametrisation above covers every rename of the save (two journal writes, three
    files, two for the folder swap)."""
    calls = []
    real_replace = os.replace
    monkeypatch.setattr(os, "replace", lambda s, d: (calls.append(d), real_replace(s, d)))
    save_new(review)
    assert len(calls) == 7


def test_a_kill_before_the_journal_says_committing_is_rolled_back(
    review: Review, states: tuple[dict[str, str], dict[str, str]]
) -> None:
    """Staged files and a ``staging`` journal (a kill while staging): the next command
    removes the staged files and leaves the targets as they were."""
    before, _ = states
    staged = review.bibliography / ".corpus.bib.feed.tmp"
    staged.write_text("new corpus\n")
    tree = review.root / ".gaps.feed.new"
    tree.mkdir()
    (tree / "register.md").write_text("new register\n")
    moves = [
        Move(staged, review.corpus_path),
        Move(tree, review.gaps_dir, review.root / ".gaps.feed.old"),
    ]
    write_journal(review.root, "staging", moves)
    recover(review)
    assert files_of(review) == before
    assert not staged.exists() and not tree.exists()


def test_a_committing_journal_is_rolled_forward_where_it_stopped(review: Review) -> None:
    """A kill between the two renames of a folder swap (old folder moved aside, new not yet
    in): the next command puts the new one in and removes the old."""
    new_corpus = review.bibliography / ".corpus.bib.feed.tmp"
    new_corpus.write_text("new corpus\n")
    tree = review.root / ".gaps.feed.new"
    tree.mkdir()
    (tree / "register.md").write_text("new register\n")
    old = review.root / ".gaps.feed.old"
    moves = [Move(new_corpus, review.corpus_path), Move(tree, review.gaps_dir, old)]
    write_journal(review.root, "committing", moves)
    os.replace(new_corpus, review.corpus_path)
    os.replace(review.gaps_dir, old)
    recover(review)
    assert review.corpus_path.read_text() == "new corpus\n"
    assert (review.gaps_dir / "register.md").read_text() == "new register\n"
    assert not old.exists() and read_journal(review.root) is None


def test_a_reader_finishes_a_killed_save_before_reading(review: Review) -> None:
    """A shared (reading) lock also rolls a committing journal forward first."""
    staged = review.bibliography / ".corpus.bib.feed.tmp"
    staged.write_text("new corpus\n")
    write_journal(review.root, "committing", [Move(staged, review.corpus_path)])
    with review.lock(write=False):
        assert review.corpus_path.read_text() == "new corpus\n"


def test_leftovers_of_killed_runs_are_removed_and_nothing_else(review: Review) -> None:
    """Temporary files and folders of older, unjournaled runs go; the user's files stay."""
    leftovers = [
        review.bibliography / ".corpus.bib.k2j3x9q1.tmp",
        review.gaps_dir / "coverage" / ".coverage-a-x-b.csv.abcdefgh.tmp",
        review.root / STATE_DIR / ".journal.json.0a1b2c.tmp",
    ]
    for path in leftovers:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("half")
    for name in (".gaps.k2j3x9q1", ".gaps.old.ab12cd34"):
        (review.root / name).mkdir()
        (review.root / name / "register.md").write_text("half")
    kept = [review.bibliography / "notes.tmp", review.root / ".gapsrc", review.root / ".tmp"]
    for path in kept:
        path.write_text("mine")
    recover(review)
    assert not any(p.exists() for p in leftovers)
    assert sorted(p.name for p in review.root.glob(".gaps*")) == [".gapsrc"]
    assert all(p.read_text() == "mine" for p in kept)


def test_a_symlinked_file_is_written_through_and_stays_a_link(
    review: Review, tmp_path: Path
) -> None:
    elsewhere = tmp_path / "elsewhere" / "shared.bib"
    elsewhere.parent.mkdir()
    elsewhere.write_text("old corpus\n")
    review.corpus_path.unlink()
    review.corpus_path.symlink_to(elsewhere)
    save_new(review)
    assert review.corpus_path.is_symlink()
    assert elsewhere.read_text() == "new corpus\n"
    assert [p.name for p in elsewhere.parent.iterdir()] == ["shared.bib"]


def test_a_symlinked_gaps_folder_stays_a_link(review: Review, tmp_path: Path) -> None:
    real = tmp_path / "out" / "gaps"
    real.parent.mkdir()
    os.replace(review.gaps_dir, real)
    review.gaps_dir.symlink_to(real, target_is_directory=True)
    save_new(review)
    assert review.gaps_dir.is_symlink()
    assert (real / "register.md").read_text() == "new register\n"


@pytest.mark.parametrize(
    ("umask", "file_mode", "dir_mode"), [(0o022, 0o644, 0o755), (0o002, 0o664, 0o775)]
)
def test_new_files_and_folders_follow_the_umask(
    tmp_path: Path, umask: int, file_mode: int, dir_mode: int
) -> None:
    review = Review.at(tmp_path / "r")
    old = os.umask(umask)
    try:
        save_new(review)
    finally:
        os.umask(old)
    assert stat.S_IMODE(review.corpus_path.stat().st_mode) == file_mode
    assert stat.S_IMODE((review.gaps_dir / "briefs" / "1.md").stat().st_mode) == file_mode
    for folder in (review.gaps_dir, review.gaps_dir / "briefs", review.bibliography):
        assert stat.S_IMODE(folder.stat().st_mode) == dir_mode


def test_rewritten_files_and_folders_keep_their_modes(review: Review) -> None:
    review.corpus_path.chmod(0o640)
    review.gaps_dir.chmod(0o750)
    save_new(review)
    assert stat.S_IMODE(review.corpus_path.stat().st_mode) == 0o640
    assert stat.S_IMODE(review.gaps_dir.stat().st_mode) == 0o750


def test_an_unreadable_journal_is_a_one_line_error(review: Review) -> None:
    journal = review.root / STATE_DIR / "journal.json"
    journal.parent.mkdir()
    journal.write_text("{not json")
    with pytest.raises(tx_module.InputError, match=r"journal\.json: the journal of an unfinished"):
        recover(review)


@pytest.mark.parametrize(
    "moves",
    [
        [("bibliography/.corpus.bib.feed.tmp", "../victim.txt", None)],
        [("../.victim.txt.feed.tmp", "../victim.txt", None)],
        [("bibliography/other.bib", "bibliography/corpus.bib", None)],
        [("bibliography/.corpus.bib.feed.new", "gaps", "bibliography/.gaps.feed.old")],
    ],
    ids=["target-outside", "staged-outside", "staged-not-a-sibling", "tree-parts-elsewhere"],
)
def test_a_journal_naming_files_not_the_reviews_is_refused(
    review: Review, tmp_path: Path, moves: list[tuple[str, str, str | None]]
) -> None:
    """A journal copied from elsewhere or written to move a file outside the review: a
    one-line error, and nothing is moved or deleted."""
    victim = tmp_path / "victim.txt"
    victim.write_text("mine")
    (tmp_path / ".victim.txt.feed.tmp").write_text("theirs")
    (review.bibliography / ".corpus.bib.feed.tmp").write_text("theirs")
    (review.bibliography / "other.bib").write_text("theirs")
    before = files_of(review)
    journal = review.root / STATE_DIR / "journal.json"
    journal.parent.mkdir()
    entries = [{"staged": s, "target": t, "old": o} for s, t, o in moves]
    journal.write_text(json.dumps({"version": 1, "state": "committing", "moves": entries}))
    with pytest.raises(tx_module.InputError, match="names a file that is not the review's"):
        recover(review)
    assert victim.read_text() == "mine" and files_of(review) == before


def test_a_journal_may_name_the_file_a_link_of_the_review_points_at(
    review: Review, tmp_path: Path
) -> None:
    shared = tmp_path / "elsewhere" / "shared.bib"
    shared.parent.mkdir()
    shared.write_text("old corpus\n")
    review.corpus_path.unlink()
    review.corpus_path.symlink_to(shared)
    staged = shared.parent / ".shared.bib.feed.tmp"
    staged.write_text("new corpus\n")
    write_journal(review.root, "committing", [Move(staged, shared)])
    recover(review)
    assert review.corpus_path.is_symlink() and shared.read_text() == "new corpus\n"


def test_text_in_pieces_is_written_as_it_comes_and_all_or_nothing(review: Review) -> None:
    before = files_of(review)

    def pieces(fail: bool) -> Iterator[str]:
        yield "new "
        if fail:
            raise OSError("disk full")
        yield "corpus\n"

    with pytest.raises(OSError, match="disk full"), review.transaction() as r:
        r._write(r.corpus_path, pieces(fail=True))
        r.write_table(r.citations_path, ["a"], [{"a": "new"}])
    assert files_of(review) == before
    with review.transaction() as r:
        r._write(r.corpus_path, pieces(fail=False))
    assert r.corpus_path.read_text() == "new corpus\n"
