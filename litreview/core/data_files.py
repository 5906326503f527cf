"""The word lists shipped in ``litreview/data``: one entry a line, ``#`` starting a comment."""

from __future__ import annotations

from importlib import resources

__all__ = ["data_lines"]


def data_lines(name: str) -> list[str]:
    """The entries of the packaged list ``name`` (a path under ``litreview/data``), in order:
    its lines without blank ones and comments, blanks around each taken off."""
    text = resources.files("litreview").joinpath("data", name).read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]
