"""Text a BibTeX file holds that bibtexparser's splitter would mishandle, made safe first.

- An entry without a citekey (``@Article{,``, as Citavi writes them, or ``@article{`` then
  ``author = ...`` on the next line, as EndNote does) is given a placeholder
  key, unique in the file, so the splitter does not take the second one for a duplicate of
  the first and skip it; the reader reads the placeholder as "no key" (:func:`is_placeholder`),
  and import gives the work a citekey of its own.
- The splitter reports a broken entry through the ``logging`` module (a message on stderr
  of whatever program reads the file); :func:`quiet` keeps it there for the length of a
  read, as the reader reports it as a problem with its line.

- An entry commented out line by line (``%@ARTICLE{k,``, ``%  TITLE = ...``), which biber
  skips, is hidden from the splitter.

Placeholders go on the line of the entry they name, so every line number stays as it was.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from contextlib import contextmanager
from itertools import count

__all__ = ["abort_reason", "entry_name", "is_placeholder", "mark_keyless", "quiet"]

_PLACEHOLDER = "litreview-no-citekey-"
# ``@Article{,`` (Citavi), or ``@article{`` and a field on the next line (EndNote)
_KEYLESS = re.compile(r"(@[ \t]*[A-Za-z][\w-]*[ \t]*[{(])([ \t]*,|(?=\s*[A-Za-z][\w:.+-]*[ \t]*=))")
_NOT_ENTRIES = ("@comment", "@string", "@preamble")
# What a keyless entry needs (an opening brace, then a comma or a field): when absent,
# nothing to mark.
_BRACE_COMMA = re.compile(r"\{[ \t]*,")
_BRACE_FIELD = re.compile(r"@[ \t]*[A-Za-z][\w-]*[ \t]*[{(]\s*[A-Za-z][\w:.+-]*[ \t]*=")


# An entry commented out line by line ("%@ARTICLE{k," then "%  TITLE = ..."): biber skips
# it; the splitter took it for an entry (whose key then made the real one a repeat).
_PERCENT_AT = re.compile(r"%[ \t%]*@")  # what one needs (a fast first test)
_COMMENTED_ENTRY = re.compile(r"^([ \t]*%[ \t%]*)@(?=[ \t]*[A-Za-z]+[ \t]*[{(])", re.MULTILINE)


def mark_keyless(text: str) -> str:
    """``text`` with a placeholder key in every entry that has none, and the ``@`` of an
    entry commented out with ``%`` made a ``%`` (the text keeps its length and lines)."""
    if _PERCENT_AT.search(text) and _COMMENTED_ENTRY.search(text):
        text = _COMMENTED_ENTRY.sub(r"\1%", text)
    # searched in place: the text may be gigabytes
    if _BRACE_COMMA.search(text) is None and _BRACE_FIELD.search(text) is None:
        return text
    numbers = count(1)
    depth = [0, 0]  # braces open at the offset: [offset, depth]

    def mark(m: re.Match[str]) -> str:
        if m.group(1).replace(" ", "").lower().startswith(_NOT_ENTRIES):
            return m.group(0)
        # an "@" inside braces is text of a field's value (biber reads it so), not an entry
        at, was = depth
        depth[:] = [
            m.start(),
            max(0, was + text.count("{", at, m.start()) - text.count("}", at, m.start())),
        ]
        if depth[1]:
            return m.group(0)
        return f"{m.group(1)}{_PLACEHOLDER}{next(numbers)}{m.group(2) or ','}"

    return _KEYLESS.sub(mark, text)


def is_placeholder(key: str) -> bool:
    """Whether ``key`` is a placeholder :func:`mark_keyless` gave an entry without a key."""
    return key.startswith(_PLACEHOLDER)


def entry_name(key: str) -> str:
    """An entry as a message names it: ``entry 'key'``, or ``the entry without a citekey``
    for one that has none (never the placeholder :func:`mark_keyless` gave it), and never
    with the replacement characters of a key that is not UTF-8."""
    if not key or is_placeholder(key):
        return "the entry without a citekey"
    if any("\udc80" <= ch <= "\udcff" or ch == "\ufffd" for ch in key):
        return "the entry whose citekey is not UTF-8"  # (its bytes read as stand-ins)
    return f"entry '{key}'"


def abort_reason(error: object) -> str:
    """Why bibtexparser gave up on a block, in words (never empty)."""
    reason = str(getattr(error, "abort_reason", "") or error or "").strip()
    first = next((line.strip() for line in reason.splitlines() if line.strip()), "")
    if not first or "block start" in first or "end of file" in first:
        # the same mistake, whether the next entry or the end of the file (or of the part
        # of a large file read in parallel) comes first
        return "a brace or quote is not closed: the entry runs on into what follows"
    return first


@contextmanager
def quiet() -> Iterator[None]:
    """Keep bibtexparser's log messages off stderr (its problems are reported as data)."""
    loggers = [logging.getLogger(n) for n in ("bibtexparser", "bibtexparser.splitter")]
    was = [logger.disabled for logger in loggers]
    for logger in loggers:
        logger.disabled = True
    try:
        yield
    finally:
        for logger, disabled in zip(loggers, was, strict=True):
            logger.disabled = disabled
