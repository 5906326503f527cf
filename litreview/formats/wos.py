"""Web of Science exports -> Work: plain text (``FN``/``PT``/``ER``) and tab-delimited.

Records are read by ``wosfile`` (kept, MIT licence), which knows the tags whose lines are
list items (``AU``, ``C1``, ``CR``) and joins them with ``; ``. Its readers raise on the
first broken record and count no lines, so this module finds where each record starts and
turns a failure into a :class:`~litreview.core.errors.Problem` with its line. Every tag is
kept: the modelled ones in their fields (full author names ``AF`` before ``AU``; author
keywords ``DE``), the identifiers under the names every search export shares (``wos`` for
the UT, ``pmid``, ``issn``, ``isbn``, ``language``) and the rest as ``WoS:XX``.
"""

from __future__ import annotations

import io
import re
import warnings
from collections.abc import Iterator
from typing import Any

from wosfile.read import PlainTextReader, ReadError, TabDelimitedReader

from litreview.core.bulk import bulk
from litreview.core.errors import Problem
from litreview.core.model import Work
from litreview.core.text import line_numbers
from litreview.formats._search import csl_type, date_of, name_of, pages_of, split_list

__all__ = ["is_wos_plain", "is_wos_tab", "read_wos"]

PREFIX = "WoS:"
# tag -> the extra name an identifier is kept under
_IDS = {"UT": "wos", "PM": "pmid", "SN": "issn", "EI": "issn", "BN": "isbn", "LA": "language"}
_FIELDS = {
    "TI": "title",
    "SO": "container",
    "PU": "publisher",
    "PI": "place",
    "VL": "volume",
    "IS": "issue",
    "DI": "doi",
    "AB": "abstract",
}
# tags read into other fields (authors, keywords, dates, pages, type)
_USED = frozenset({"AU", "AF", "DE", "PY", "PD", "BP", "EP", "DT", "PT", *_FIELDS})
_PLAIN_START = re.compile(r"^PT ", re.MULTILINE)
_BLANK_LINE = re.compile(r"^(?:[A-Z][A-Z0-9])?[ \t]+$", re.MULTILINE)
_PT_TYPES = {"B": "book", "S": "book", "P": "patent"}


def is_wos_plain(text: str) -> bool:
    """Whether ``text`` is a Web of Science plain-text export."""
    return text.lstrip("\ufeff").startswith("FN ")


def is_wos_tab(text: str) -> bool:
    """Whether ``text`` is a Web of Science tab-delimited export."""
    header = text.lstrip("\ufeff").split("\n", 1)[0].split("\t")
    return header[:2] == ["PT", "AU"] or {"PT", "UT", "TI"} <= set(header)


@bulk
def read_wos(text: str, path: str = "<string>") -> tuple[list[Work], list[Problem]]:
    """Works of a Web of Science export (plain text or tab-delimited) and its problems."""
    text = text.lstrip("\ufeff")
    plain = is_wos_plain(text)
    if not plain and not is_wos_tab(text):
        message = "not a Web of Science export (no FN header, no PT/AU columns)"
        return [], [Problem(path=path, line=1, severity="error", message=message)]
    try:
        records, lines = _plain(text, path) if plain else (_tab(text), _tab_lines(text))
    except (ReadError, ValueError, StopIteration) as exc:
        message = f"not a Web of Science export: its header cannot be read ({exc})"
        return [], [Problem(path=path, line=1, severity="error", message=message)]
    works: list[Work] = []
    problems: list[Problem] = []
    try:
        for record, line in zip(records, lines, strict=False):
            works.append(_work(record))
            if not record.get("TI"):
                problems.append(
                    Problem(path=path, line=line, severity="warning", message="record has no title")
                )
    except (ReadError, ValueError, StopIteration) as exc:
        at = lines[len(works)] if len(works) < len(lines) else None
        message = f"cannot read record {len(works) + 1}: {exc}; the records before it are read"
        problems.append(Problem(path=path, line=at, severity="error", message=message))
    if not works and not problems:
        problems.append(Problem(path=path, line=1, severity="error", message="no records found"))
    return works, problems


def _plain(text: str, path: str) -> tuple[Iterator[dict[str, str]], list[int]]:
    """The records of a plain-text export, and the line each starts on. A line of blanks and
    a tag with no value (``AU `` in Inspec's and older exports) hold nothing and are emptied
    first: wosfile stops the whole file at either."""
    lines = line_numbers(text, [m.start() for m in _PLAIN_START.finditer(text)])
    return _quietly(PlainTextReader(io.StringIO(_BLANK_LINE.sub("", text)))), lines


def _tab(text: str) -> Iterator[dict[str, str]]:
    return _quietly(TabDelimitedReader(io.StringIO(text, newline="")))


def _tab_lines(text: str) -> list[int]:
    """The line of each data row (rows hold no line breaks in these exports)."""
    count = len([x for x in text.split("\n")[1:] if x.strip()])
    return list(range(2, count + 2))


def _quietly(reader: Iterator[dict[str, str]]) -> Iterator[dict[str, str]]:
    """The records, without wosfile's warnings about tags it does not know."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        yield from reader


def _work(rec: dict[str, str]) -> Work:
    """One record as a work."""
    rec = {k.strip(): v.strip() for k, v in rec.items() if k and v and v.strip()}
    fields: dict[str, Any] = {attr: rec[tag] for tag, attr in _FIELDS.items() if tag in rec}
    names = rec.get("AF") or rec.get("AU", "")
    doc_types = split_list(rec.get("DT", ""))
    default = _PT_TYPES.get(rec.get("PT", ""), "article-journal")
    extra = [(_IDS.get(tag, PREFIX + tag), value) for tag, value in rec.items() if tag not in _USED]
    if rec.get("AF") and rec.get("AU"):
        extra.append((PREFIX + "AU", rec["AU"]))
    return Work(
        key="",
        type=csl_type(doc_types, default) if default == "article-journal" else default,
        authors=tuple(name_of(n) for n in split_list(names)),
        issued=date_of(rec.get("PY", ""), rec.get("PD", "")),
        pages=pages_of(rec.get("BP", ""), rec.get("EP", "")),
        keywords=tuple(dict.fromkeys(split_list(rec.get("DE", "")))),
        extra=tuple(extra) + _kept_raw(rec),
        **fields,
    )


def _kept_raw(rec: dict[str, str]) -> tuple[tuple[str, str], ...]:
    """The type and month tags as written (the type and date above are read from them)."""
    return tuple((PREFIX + t, rec[t]) for t in ("PT", "DT", "PD") if t in rec)
