"""All-or-nothing saves: every file a command changes in a review changes together, or none does.

A :class:`Transaction` collects the files (and whole folders, such as ``gaps/``) a command
writes. Nothing touches the review until :meth:`Transaction.commit`: then each file is written
to a temporary sibling and synced, and only when all of them are written are they renamed into
place; a folder is built beside its target and swapped in. If anything fails before the
renames, the temporary files are removed and the review is as it was.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from litreview.core.atomic import write_temp

__all__ = ["Transaction"]


def _keep_all(rel: str) -> bool:
    return True


@dataclass(slots=True)
class _Tree:
    files: Mapping[str, str | bytes]
    keep: Callable[[str], bool]


@dataclass(slots=True)
class Transaction:
    """Files and folders staged for one all-or-nothing save."""

    files: dict[Path, bytes] = field(default_factory=dict)
    trees: dict[Path, _Tree] = field(default_factory=dict)

    def write(self, path: Path, data: str | bytes) -> None:
        """Stage ``path`` to hold ``data`` (text is written as UTF-8)."""
        self.files[path] = data.encode("utf-8") if isinstance(data, str) else data

    def replace_tree(
        self,
        target: Path,
        files: Mapping[str, str | bytes],
        keep: Callable[[str], bool] = _keep_all,
    ) -> None:
        """Stage folder ``target`` to hold ``files`` (keyed by relative path); old files that
        ``keep`` allows (by relative path) and that ``files`` does not replace survive."""
        self.trees[target] = _Tree(files=files, keep=keep)

    def commit(self) -> None:
        """Write everything staged: all of it, or (on failure before the renames) none of it."""
        staged: list[tuple[Path, Path]] = []
        built: list[tuple[Path, Path]] = []
        try:
            for path, data in self.files.items():
                staged.append((write_temp(path, data), path))
            for target, tree in self.trees.items():
                built.append((_build_tree(target, tree), target))
            for tmp, target in staged:
                os.replace(tmp, target)
            for folder, target in built:
                _swap(folder, target)
        except BaseException:
            for tmp, _ in staged:
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(tmp)
            for folder, _ in built:
                shutil.rmtree(folder, ignore_errors=True)
            raise
        self.files.clear()
        self.trees.clear()


def _build_tree(target: Path, tree: _Tree) -> Path:
    """The new folder, built beside ``target``: kept old files, then the new ones."""
    target.parent.mkdir(parents=True, exist_ok=True)
    staged = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
    try:
        if target.is_dir():
            for old in sorted(target.rglob("*")):
                rel = old.relative_to(target).as_posix()
                if (
                    old.is_file()
                    and rel not in tree.files
                    and tree.keep(rel)
                    and not old.name.startswith(".")
                ):
                    (staged / rel).parent.mkdir(parents=True, exist_ok=True)
                    shutil.copy2(old, staged / rel)
        for rel, content in tree.files.items():
            path = staged / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    except BaseException:
        shutil.rmtree(staged, ignore_errors=True)
        raise
    return staged


def _swap(staged: Path, target: Path) -> None:
    """Put folder ``staged`` where ``target`` is, with two renames."""
    if not target.exists():
        os.replace(staged, target)
        return
    old = Path(tempfile.mkdtemp(prefix=f".{target.name}.old.", dir=target.parent))
    os.rmdir(old)
    os.replace(target, old)
    try:
        os.replace(staged, target)
    except BaseException:
        os.replace(old, target)
        raise
    shutil.rmtree(old, ignore_errors=True)
