"""Lines that go on the value of the tag line before them (RIS, MEDLINE, EndNote tagged).

Adding each such line to the value as it comes copies the whole value every line: an
abstract of 200,000 lines took 10 to 24 s, and the time grows with the square of its
length. Here the lines of the value being continued are gathered and joined once, when
another value is continued or the record is done (:meth:`Continued.flush`).
"""

from __future__ import annotations

__all__ = ["Continued"]


class Continued:
    """The value being continued: the tag list it is in, its place there, and its lines."""

    __slots__ = ("_at", "_parts", "_sep", "_tags")

    def __init__(self, sep: str) -> None:
        self._sep = sep
        self._tags: list[tuple[str, str]] | None = None
        self._at = 0
        self._parts: list[str] = []

    def add(self, tags: list[tuple[str, str]], value: str) -> None:
        """Continue the last value of ``tags`` with ``value``, a line that is not empty
        (joined later by ``sep``)."""
        at = len(tags) - 1
        if self._tags is not tags or self._at != at:
            self.flush()
            self._tags, self._at = tags, at
            first = tags[at][1]
            self._parts = [first] if first else []
        self._parts.append(value)

    def flush(self) -> None:
        """Write the value being continued into its tag list."""
        if self._tags is not None:
            tag = self._tags[self._at][0]
            self._tags[self._at] = (tag, self._sep.join(self._parts))
            self._tags, self._parts = None, []
