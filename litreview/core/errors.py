"""Errors and problems.

User mistakes are reported as :class:`InputError` (one line: file, line, problem) or,
where a reader can go on, as :class:`Problem` records returned beside the data.
"""

from __future__ import annotations

from dataclasses import dataclass


class LitreviewError(Exception):
    """Base class of every error litreview raises on purpose."""


class InputError(LitreviewError, ValueError):
    """Bad input from a user: a file, a line and what is wrong with it."""

    def __init__(
        self,
        message: str,
        *,
        path: str = "",
        line: int | None = None,
        hint: str = "",
        details: tuple[Problem, ...] = (),
    ) -> None:
        super().__init__(message)
        self.message = message
        self.path = str(path)
        self.line = line
        self.hint = hint
        self.details = details  # the problems behind the error, shown before its line

    def __str__(self) -> str:
        where = self.path
        if where and self.line is not None:
            where = f"{where}:{self.line}"
        text = f"{where}: {self.message}" if where else self.message
        if self.hint:
            text = f"{text} ({self.hint})"
        return one_line(text)


def one_line(text: str) -> str:
    """``text`` on one line: its line breaks (a file named with one, say) made spaces."""
    return " ".join(text.splitlines()) if "\n" in text or "\r" in text else text


@dataclass(frozen=True, slots=True, kw_only=True)
class Problem:
    """A finding about an input that did not stop the reader.

    ``severity`` is ``"error"`` (the record was not read), ``"warning"`` (read, but
    something is wrong) or ``"notice"`` (worth knowing).
    """

    path: str
    line: int | None
    severity: str
    message: str

    def __str__(self) -> str:
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        return one_line(f"{where}: {self.severity}: {self.message}")

    def to_error(self) -> InputError:
        """This problem as an exception, for callers that must stop."""
        return InputError(self.message, path=self.path, line=self.line)


def has_errors(problems: list[Problem] | tuple[Problem, ...]) -> bool:
    """Whether any of ``problems`` is an error."""
    return any(p.severity == "error" for p in problems)
