"""Documents in formats pandoc reads (LaTeX, RTF, EPUB, reStructuredText, Org), read as the
Markdown pandoc writes for them.

Pandoc keeps what litreview reads in a document: footnotes (``\\footnote{...}``, RTF's and
EPUB's notes) become ``[^N]`` markers and ``[^N]: text`` lines, citations by key
(``\\cite{smith2020}``, ``\\citep[p.~3]{roe2010}``) become ``[@smith2020]``, and the title,
authors, date and bibliography files (``\\addbibresource``, ``\\bibliography``) become the
front matter. The Markdown is written without wrapping, with real characters for dashes and
quotes (``-smart``), and the backslashes pandoc puts before punctuation are taken off
(``\\[1\\]`` is the citation ``[1]``, ``1\\.`` a reference list's number). RTF is mended
first where pandoc's reader (2.17) misreads it: a note's group marked skippable
(``{\\*\\footnote ...}``, as pandoc's own writer writes every note) is read, and a character
given by its code then a stand-in (``\\u8211-``) keeps the text after it. Reading needs
the ``pandoc`` program; a file it cannot read, or that takes it past :data:`TIMEOUT` seconds
or :data:`HEAP_MB` megabytes of memory, is a one-line error.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

from litreview.core.errors import InputError
from litreview.core.files import decode_utf8
from litreview.formats._front_matter import split_front

__all__ = ["PANDOC_READERS", "pandoc_markdown", "unescaped"]

#: Suffix -> the pandoc reader of that format.
PANDOC_READERS = {
    ".tex": "latex",
    ".latex": "latex",
    ".ltx": "latex",
    ".rtf": "rtf",
    ".epub": "epub",
    ".rst": "rst",
    ".org": "org",
}
TIMEOUT = 300  # seconds
# pandoc escapes punctuation that Markdown could read as markup ('\\[1\\]', '1\\. Smith');
# litreview reads the text as written, so the escapes are taken off
_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
HEAP_MB = 512  # pandoc's heap (its runtime's -M): a 9 MB LaTeX file of markup takes more
# Two mendings of RTF before pandoc's reader (2.17) reads it. A note's group marked as one a
# reader may skip, ``{\*\footnote ...}`` as pandoc's writer marks it, is skipped: the mark
# is taken off (a note is no optional part of a document; Word writes ``{\footnote ...}``).
_SKIPPABLE_NOTE = re.compile(rb"\{\\\*[ \t\r\n]*(?=\\footnote(?![A-Za-z]))")
# A character by its code followed by its stand-in for old readers, ``\u8211-`` (an en dash,
# else "-"): the reader takes the stand-in for the code's delimiter and skips the character
# after it ("31\u8211-39" read as "31–9"); a space, the delimiter RTF means, is put between.
_CODE_THEN_CHAR = re.compile(rb"(?<!\\)(\\u-?\d{1,5}+)(?=[^ \t\r\n\\{}0-9])")


def pandoc_markdown(
    path: Path, reader: str = "", writer: str = "markdown-smart", data: bytes | None = None
) -> str:
    """The Markdown pandoc writes for the document at ``path`` (with ``reader``, or the
    reader of its suffix), with front matter (YAML, whose escapes are its own: only the
    body's are taken off), written by ``writer`` (Pandoc's Markdown and its extensions).
    ``data``: the document's bytes as given to Pandoc (on its standard input) instead of
    the file's; ``path`` still names it in errors. RTF is mended first (:func:`_rtf_mended`)."""
    reader = reader or PANDOC_READERS[path.suffix.lower()]
    if reader == "rtf":  # mended, and given on pandoc's input
        data = _rtf_mended(path.read_bytes() if data is None else data)
    exe = shutil.which("pandoc")
    if exe is None:
        raise InputError(
            f"reading {path.suffix} documents needs pandoc, which is not installed",
            path=str(path),
            hint="install pandoc (Debian: apt install pandoc), or give the PDF",
        )
    cmd = [exe, "+RTS", f"-M{HEAP_MB}m", "-RTS", "--standalone", "--from", reader]
    try:
        done = subprocess.run(
            [*cmd, "--to", writer, "--wrap=none", *(["--", str(path)] if data is None else [])],
            input=data,
            capture_output=True,
            timeout=TIMEOUT,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise InputError(
            f"pandoc did not finish reading it in {TIMEOUT} s", path=str(path)
        ) from None
    if done.returncode != 0:
        said = done.stderr.decode("utf-8", "replace").strip().splitlines()
        lines = 2 if said and said[0].rstrip().endswith(":") else 1  # "Invalid XML:" goes on
        reason = " ".join(said[:lines])[:200] or f"exit {done.returncode}"
        if "Heap exhausted" in reason:
            reason = f"it needs more than {HEAP_MB} MB of memory"
        raise InputError(f"pandoc cannot read it as {reader}: {reason}", path=str(path))
    front, body = split_front(decode_utf8(done.stdout, str(path)))
    return front + unescaped(body)


def unescaped(markdown: str) -> str:
    """Pandoc's Markdown with the backslashes it puts before punctuation taken off."""
    return _ESCAPE.sub(r"\1", markdown)


def _rtf_mended(data: bytes) -> bytes:
    """RTF as pandoc's reader reads it right: notes not marked skippable, a space after a
    character's code (see :data:`_SKIPPABLE_NOTE`, :data:`_CODE_THEN_CHAR`)."""
    return _CODE_THEN_CHAR.sub(rb"\1 ", _SKIPPABLE_NOTE.sub(b"{", data))
