"""What ``litreview validate`` finds wrong in entries that read well: the checks (data) and
the function that runs them. Reading never fails on these; a file with them still imports.

- a year that is not a year (``20x9``), a month that is not a month (``Smarch``), a DOI that
  is not a DOI (``not a doi``);
- an entry type neither BibTeX nor BibLaTeX defines (``@unknowntype``);
- a required field missing, as the standard BibTeX styles require them (an ``@article``
  without ``author`` or ``journal``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from litreview.core.errors import Problem
from litreview.core.model import Work
from litreview.formats._bibtex_maps import MARK_TYPE, TYPE_FROM_BIB, TYPE_TO_BIB
from litreview.formats._bibtex_prepare import entry_name, is_placeholder, mark_keyless
from litreview.formats._bibtex_syntax import parse_month
from litreview.formats._search import doi_of

__all__ = ["check_works"]

# CSL type -> (Work attribute, field named in the message); "authors" is met by editors too.
REQUIRED: dict[str, tuple[tuple[str, str], ...]] = {
    "article-journal": (("authors", "author"), ("title", "title"), ("container", "journal")),
    "book": (("authors", "author or editor"), ("title", "title"), ("publisher", "publisher")),
    "chapter": (("authors", "author"), ("title", "title"), ("container", "booktitle")),
    "paper-conference": (("authors", "author"), ("title", "title"), ("container", "booktitle")),
    "report": (("authors", "author"), ("title", "title"), ("publisher", "institution")),
    "thesis": (("authors", "author"), ("title", "title"), ("publisher", "school")),
}
_YEAR = re.compile(r"\d{4}")


def check_works(works: Sequence[Work], text: str, path: str) -> list[Problem]:
    """Every problem of the checks above, each at the line of its entry."""
    lines = _entry_lines(text)
    # entries without a key, in the order read: the line of each placeholder the reader gave
    # them (when as many were read as there are, else no line rather than a wrong one)
    keyless = [k for k in lines if is_placeholder(k)] if "" in {w.key for w in works} else []
    if len(keyless) != sum(1 for w in works if not w.key):
        keyless = []
    unkeyed = iter(lines[k] for k in keyless)
    out = []
    for work in works:
        line = lines.get(work.key) if work.key else next(unkeyed, None)
        for message in _check(work):
            out.append(Problem(path=path, line=line, severity="warning", message=message))
    return out


def _check(work: Work) -> list[str]:
    """The messages for one work."""
    name = entry_name(work.key)
    out = []
    if work.issued and not _YEAR.match(work.issued):
        out.append(f"{name}: year {work.issued!r} is not a year")
    month = work.extra_value("month")
    if month and not any(parse_month(w) for w in re.split(r"[\s/.,-]+", month) if w):
        out.append(f"{name}: month {month!r} is not a month")
    if work.doi and not doi_of(work.doi):
        out.append(f"{name}: doi {work.doi!r} is not a DOI (10.prefix/suffix)")
    etype = work.extra_value(MARK_TYPE)
    if etype and etype.lower() not in TYPE_FROM_BIB:
        out.append(f"{name}: @{etype} is no BibTeX or BibLaTeX entry type; read as @misc")
    for attr, field in (
        REQUIRED.get(work.type, ()) if not out or "entry type" not in out[-1] else ()
    ):
        if not getattr(work, attr) and not (attr == "authors" and work.editors):
            kind = TYPE_TO_BIB.get(work.type, ("misc",))[0]
            out.append(f"{name}: no {field}, which an @{kind} needs")
    return out


def _entry_lines(text: str) -> dict[str, int]:
    """The line each citekey's entry starts on (an entry without one: the placeholder
    :func:`.mark_keyless` gives it)."""
    text = mark_keyless(text)
    out: dict[str, int] = {}
    line, counted = 1, 0  # counted forward: a count from the start each time was quadratic
    for m in re.finditer(r"@[ \t]*\w+[ \t]*[{(][ \t]*([^,\s{}()]+)[ \t]*,", text):
        line += text.count("\n", counted, m.start())
        counted = m.start()
        out.setdefault(m.group(1), line)
    return out
