"""The one rule for citekeys that come from formats other than BibTeX.

A citekey read from RIS ``ID``, a CSV ``key`` cell or a CSL-JSON ``id`` is kept only when it
is safe to write into ``corpus.bib`` and to cite from LaTeX, Markdown and Word: an ASCII
letter or digit, then ASCII letters, digits and ``_ : . + - / &`` (at most 100 characters;
biblatex's own examples use ``knuth:ct`` and ``averroes/hercz``, NASA ADS's keys
``2019A&A...123..45B``, which BibTeX, biber and pandoc read), and no ``//`` (a URI). Any
other value (a Zotero URI, a record number with spaces, ``a}b,\\input``) is not a key: the
work is read without one (its value kept in ``extra`` as ``id``, so exports still carry it)
and import gives it a stable citekey of its own (``smith2012drugs``).
"""

from __future__ import annotations

import re

from litreview.core.model import Work, replace

__all__ = ["CITEKEY", "is_citekey", "keyed"]

CITEKEY = re.compile(r"(?!.*//)[A-Za-z0-9][A-Za-z0-9_:.+/&-]{0,99}\Z")


def is_citekey(text: str) -> bool:
    """Whether ``text`` may be written as a citekey."""
    return CITEKEY.match(text) is not None


def keyed(work: Work) -> Work:
    """``work`` as it is when its key follows the rule; otherwise keyless, the value in
    ``extra`` as ``id``."""
    if not work.key or is_citekey(work.key):
        return work
    return replace(work, key="", extra=(("id", work.key), *work.extra))
