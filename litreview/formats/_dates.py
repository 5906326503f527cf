"""Dates as people type them into reference managers and bibliography files, read as
``YYYY[-MM[-DD]]``."""

from __future__ import annotations

import re

from litreview.formats._search import date_of

__all__ = ["typed_date"]

_ISO = re.compile(r"(\d{4})(?:-(\d\d)(?:-(\d\d))?)?(?![\d])")
_NUMERIC = re.compile(r"(\d{1,2})[/.](\d{1,2})[/.](\d{4})\b")
_YEAR = re.compile(r"\b(1[5-9]\d\d|20\d\d)\b")


def typed_date(text: str) -> str:
    """``YYYY[-MM[-DD]]`` of a date as a person typed it (Zotero keeps dates so; Hayagriva
    and CFF files hold them as written): ``2017-07-26``,
    ``2021-04-29 09:40:40``, ``July 26, 2017``, ``26.7.2017``, ``07/26/2017`` (a day and a
    month in numbers are told apart only when one is above 12; otherwise only the year is
    read); ``""`` without a year."""
    text = text.strip()
    m = _ISO.match(text)
    if m and (not m.group(2) or 1 <= int(m.group(2)) <= 12):
        return "-".join(g for g in m.groups() if g)
    m = _NUMERIC.search(text)
    if m:
        a, b, year = int(m.group(1)), int(m.group(2)), m.group(3)
        if a > 12 and 1 <= b <= 12 and a <= 31:
            return f"{year}-{b:02d}-{a:02d}"
        if b > 12 and 1 <= a <= 12 and b <= 31:
            return f"{year}-{a:02d}-{b:02d}"
        return year
    y = _YEAR.search(text)
    if not y:
        return ""
    return date_of(y.group(1), text[: y.start()] + " " + text[y.end() :])
