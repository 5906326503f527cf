"""All-or-nothing saves, journaled: after any kill the review is all old or all new.

A :class:`Transaction` collects the files (and whole folders, such as ``gaps/``) a command
writes. Nothing touches the review until :meth:`Transaction.commit`, which

1. writes the journal ``.litreview/journal.json`` naming every staged path and its target,
   in state ``staging``, and syncs it;
2. writes every file to its staged sibling ``.NAME.TOKEN.tmp`` and syncs it; builds each
   folder beside its target (``.NAME.TOKEN.new``);
3. rewrites the journal in state ``committing`` and syncs it: from here the save is decided;
4. renames the staged files onto their targets and swaps the folders in;
5. removes the journal.

:func:`recover` (run by the next command, under the review's write lock) rolls a
``committing`` journal forward and a ``staging`` one back, then removes what older, unjournaled
runs left (``.NAME.*.tmp`` files, ``.gaps.*`` folders). A symlinked target is written through
(its link kept); staged files and folders get the modes the umask gives (or the target's own).
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import secrets
import shutil
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from litreview.core.atomic import (
    dir_mode,
    fsync_dir,
    real_target,
    stage,
    temp_name,
    write_bytes,
    write_data,
)
from litreview.core.errors import InputError

__all__ = ["JOURNAL", "STATE_DIR", "Move", "Swept", "Transaction", "pending", "recover"]

STATE_DIR = ".litreview"
JOURNAL = "journal.json"
STAGING = "staging"
COMMITTING = "committing"
_LEFTOVER_FILE = re.compile(r"^\..+\..+\.tmp$")


def _keep_all(rel: str) -> bool:
    return True


@dataclass(frozen=True, slots=True)
class _Tree:
    files: Mapping[str, str | bytes | Iterator[str]]
    keep: Callable[[str], bool]


@dataclass(frozen=True, slots=True)
class Move:
    """One rename of a commit: ``staged`` onto ``target``; for a folder, ``old`` is where
    the old folder goes while the new one is swapped in."""

    staged: Path
    target: Path
    old: Path | None = None


class Swept(NamedTuple):
    """A folder whose leftover temporary files recovery removes (``recursive``: and its
    sub-folders')."""

    path: Path
    recursive: bool = False


@dataclass(slots=True)
class Transaction:
    """Files and folders staged for one all-or-nothing save of the review at ``root``."""

    root: Path
    # a file's bytes, or its text a piece at a time (made when the file is written)
    files: dict[Path, bytes | Iterator[str]] = field(default_factory=dict)
    trees: dict[Path, _Tree] = field(default_factory=dict)

    def write(self, path: Path, data: str | bytes | Iterator[str]) -> None:
        """Stage ``path`` to hold ``data`` (text is written as UTF-8; text given in pieces
        is made and written a piece at a time when the transaction commits)."""
        self.files[path] = data.encode("utf-8") if isinstance(data, str) else data

    def replace_tree(
        self,
        target: Path,
        files: Mapping[str, str | bytes | Iterator[str]],
        keep: Callable[[str], bool] = _keep_all,
    ) -> None:
        """Stage folder ``target`` to hold ``files`` (keyed by relative path; text given in
        pieces is made and written a piece at a time when the transaction commits); old files
        that ``keep`` allows (by relative path) and that ``files`` does not replace survive."""
        self.trees[target] = _Tree(files=files, keep=keep)

    def __bool__(self) -> bool:
        return bool(self.files or self.trees)

    def commit(self) -> None:
        """Write everything staged: all of it, or (on failure before the journal says
        ``committing``) none of it. Call it under the review's write lock."""
        token = secrets.token_hex(6)
        files = [(real_target(p), data) for p, data in self.files.items()]
        trees = [(real_target(p), tree) for p, tree in self.trees.items()]
        file_moves = [Move(temp_name(t, token), t) for t, _ in files]
        tree_moves = [
            Move(_sibling(t, token, "new"), t, _sibling(t, token, "old")) for t, _ in trees
        ]
        moves = [*file_moves, *tree_moves]
        _check_targets([t for t, _ in files], [t for t, _ in trees])
        write_journal(self.root, STAGING, moves)
        try:
            for move, (_, data) in zip(file_moves, files, strict=True):
                stage(move.target, data, move.staged)
            for move, (_, tree) in zip(tree_moves, trees, strict=True):
                _build_tree(move, tree)
            write_journal(self.root, COMMITTING, moves)
        except BaseException:
            roll_back(moves)
            _remove_journal(self.root)
            raise
        roll_forward(moves)  # should it fail, the journal stays for the next command
        _remove_journal(self.root)
        self.files.clear()
        self.trees.clear()


def _check_targets(files: Sequence[Path], trees: Sequence[Path]) -> None:
    """Refuse, before anything is written, a save that could not be made whole: what the user
    put where a file or folder goes is not replaced (a rename onto a folder would fail after
    the journal says committing), and a folder litreview may not write in is named, not the
    temporary file it could not make there."""
    for target in files:
        if target.is_dir():
            raise InputError("is a directory, where litreview keeps a file", path=str(target))
        if target.parent.is_dir() and not os.access(target.parent, os.W_OK):
            raise InputError("permission denied: cannot write in its folder", path=str(target))
    for target in trees:
        if os.path.lexists(target) and not target.is_dir():
            raise InputError("a file stands where a folder is needed", path=str(target))
        if target.is_dir() and not os.access(target, os.W_OK):
            raise InputError("permission denied: a read-only folder", path=str(target))


def _sibling(target: Path, token: str, what: str) -> Path:
    return target.with_name(f".{target.name}.{token}.{what}")


# -- the journal ---------------------------------------------------------------------------
def journal_path(root: Path) -> Path:
    """``.litreview/journal.json`` of the review at ``root``."""
    return root / STATE_DIR / JOURNAL


def write_journal(root: Path, state: str, moves: Sequence[Move]) -> None:
    """Write and sync the journal: ``state`` and every move (paths relative to ``root``
    when inside it)."""
    entries = [
        {k: _rel(root, p) for k, p in (("staged", m.staged), ("target", m.target), ("old", m.old))}
        for m in moves
    ]
    text = json.dumps({"version": 1, "state": state, "moves": entries}, indent=1)
    path = journal_path(root)
    path.parent.mkdir(exist_ok=True)
    write_bytes(path, text.encode("utf-8"))


def read_journal(root: Path) -> tuple[str, list[Move]] | None:
    """The state and moves of the journal; ``None`` when there is none."""
    path = journal_path(root)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        moves = [
            Move(
                _abs(root, e["staged"]),
                _abs(root, e["target"]),
                _abs(root, e["old"]) if e.get("old") else None,
            )
            for e in data["moves"]
        ]
        return str(data["state"]), moves
    except FileNotFoundError:
        return None
    except (ValueError, KeyError, TypeError) as exc:
        raise InputError(
            f"the journal of an unfinished save cannot be read ({exc})", path=str(path)
        ) from None


def pending(root: Path) -> bool:
    """Whether a save was cut short (a journal is left)."""
    return journal_path(root).exists()


def _remove_journal(root: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        journal_path(root).unlink()
    fsync_dir(root / STATE_DIR)


def _rel(root: Path, path: Path | None) -> str | None:
    if path is None:
        return None
    rel = os.path.relpath(path, root)
    return Path(path).as_posix() if rel.startswith("..") else Path(rel).as_posix()


def _abs(root: Path, stored: str) -> Path:
    path = Path(stored)
    return path if path.is_absolute() else root / path


# -- rolling forward and back ---------------------------------------------------------------
def roll_forward(moves: Iterable[Move]) -> None:
    """Finish the renames of a decided commit (those already made are skipped)."""
    moves = list(moves)
    for m in moves:
        if m.old is None:
            if os.path.lexists(m.staged):
                os.replace(m.staged, m.target)
            continue
        if os.path.lexists(m.staged):
            if os.path.lexists(m.target):
                os.replace(m.target, m.old)
            os.replace(m.staged, m.target)
        if os.path.lexists(m.old):
            _remove(m.old)  # a folder, or what stood in its place
    for folder in sorted({m.target.parent for m in moves}):
        fsync_dir(folder)


def roll_back(moves: Iterable[Move]) -> None:
    """Remove whatever an undecided commit staged; the targets are untouched."""
    for m in moves:
        _remove(m.staged)


def recover(root: Path, folders: Sequence[Swept], trees: Sequence[Path]) -> None:
    """Finish or undo a save a kill cut short, then remove the leftovers of older runs:
    hidden ``.NAME.*.tmp`` files in ``folders`` and hidden ``.NAME.*`` folders beside each
    folder of ``trees``."""
    journal = read_journal(root)
    if journal is not None:
        state, moves = journal
        _check_journal(root, state, moves, folders)
        if state == COMMITTING:
            roll_forward(moves)
        else:
            roll_back(moves)
        _remove_journal(root)
    for folder in folders:
        for path in _leftover_files(folder):
            _remove(path)
    for tree in trees:
        if tree.parent.is_dir():
            for path in tree.parent.glob(f".{tree.name}.*"):
                if path.is_dir() and not path.is_symlink():
                    _remove(path)


def _check_journal(root: Path, state: str, moves: Sequence[Move], folders: Sequence[Swept]) -> None:
    """A journal only names the review's own files (or the files its symlinks point at) and
    their staged siblings; anything else (a journal copied from elsewhere, or written to
    move a file outside) is refused before a file is touched."""
    inside = Path(os.path.abspath(root))
    linked = {
        Path(os.path.realpath(p))
        for folder in folders
        if folder.path.is_dir()
        for p in folder.path.iterdir()
        if p.is_symlink()
    }
    for m in moves:
        if state not in (STAGING, COMMITTING) or not _is_own(m, inside, linked):
            raise InputError(
                f"the journal of an unfinished save names a file that is not the review's "
                f"({m.target}); nothing was changed (delete the journal if it is not this "
                f"review's own)",
                path=str(journal_path(root)),
            )


def _is_own(m: Move, inside: Path, linked: set[Path]) -> bool:
    """Whether ``m`` moves a file of the review (or one its links point at) and its own
    staged sibling."""
    ours = Path(os.path.normpath(os.path.abspath(m.target))).is_relative_to(inside)
    ours = ours or m.target in linked
    if m.old is None:
        return ours and _is_sibling(m.staged, m.target, "tmp")
    return ours and _is_sibling(m.staged, m.target, "new") and _is_sibling(m.old, m.target, "old")


def _is_sibling(path: Path, target: Path, suffix: str) -> bool:
    """Whether ``path`` is ``.NAME.TOKEN.SUFFIX`` beside ``target``."""
    pattern = rf"\.{re.escape(target.name)}\.[0-9a-f]+\.{suffix}"
    return path.parent == target.parent and re.fullmatch(pattern, path.name) is not None


def _leftover_files(folder: Swept) -> list[Path]:
    if not folder.path.is_dir():
        return []
    found = []
    for here, dirs, names in os.walk(folder.path):
        found += [Path(here, n) for n in names if _LEFTOVER_FILE.match(n)]
        if not folder.recursive:
            break
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
    return sorted(found)


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        with contextlib.suppress(FileNotFoundError):
            path.unlink()


# -- folders -----------------------------------------------------------------------------
def _build_tree(move: Move, tree: _Tree) -> None:
    """The new folder, built at ``move.staged`` beside its target: kept old files, then the
    new ones, every file synced."""
    target, staged = move.target, move.staged
    target.parent.mkdir(parents=True, exist_ok=True)
    os.mkdir(staged)
    os.chmod(staged, dir_mode(target))
    if target.is_dir():
        for old in sorted(target.rglob("*")):
            rel = old.relative_to(target).as_posix()
            if (
                old.is_file()
                and rel not in tree.files
                and tree.keep(rel)
                and not any(part.startswith(".") for part in Path(rel).parts)
            ):
                (staged / rel).parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(old, staged / rel)
                _sync(staged / rel)
    for rel, content in tree.files.items():
        path = staged / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("wb") as handle:
            write_data(handle, content.encode("utf-8") if isinstance(content, str) else content)


def _sync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
