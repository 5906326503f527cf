"""A MARC host entry's related parts (773 ``$g``) as volume, issue, pages and year.

Catalogues write them freely (``"Vol. 50 (2023), S. 1-26"``, ``"50 (2023)"``, ``"Seite
447-473"``) or, in German union catalogues, one keyed part each (``"volume:50"``,
``"pages:447-473"``). A ``$g`` is read only when all of it reads so: then nothing of it is
lost by reading it into fields.
"""

from __future__ import annotations

import re

__all__ = ["read_g"]

_G_PIECES = (
    ("volume", re.compile(r"(?:vol\.|volume|bd\.|jg\.|v\.)?\s*(\d+)(?=\s*[(,.;:]|\s*$)", re.I)),
    ("year", re.compile(r"\((\d{4})\)")),
    ("issue", re.compile(r"(?:no\.|nr\.|issue|heft|h\.|n\.)\s*(\d+(?:/\d+)?)", re.I)),
    ("pages", re.compile(r"(?:pp?\.|s\.|seiten?|pages?)\s*(\d+(?:\s*[-–]\s*\d+)?)", re.I)),
)
_G_KEYED = re.compile(r"(volume|number|issue|pages|year|day|month):\s*(\S.*)$")


def read_g(text: str) -> dict[str, str] | None:
    """Volume, issue, pages and year of a host's ``$g`` (``"Vol. 50 (2023), S. 1-26"``,
    ``"pages:447-473"``), or ``None`` when part of it does not read so."""
    keyed = _G_KEYED.match(text.strip())
    if keyed:
        name = {"number": "issue"}.get(keyed[1], keyed[1])
        return {name: keyed[2].strip()} if name in ("volume", "issue", "pages", "year") else None
    out: dict[str, str] = {}
    at = _skip(text, 0)
    while at < len(text):
        for name, pattern in _G_PIECES:
            m = pattern.match(text, at)
            if m and name not in out:
                out[name] = m[1].replace(" ", "").replace("–", "-")
                at = _skip(text, m.end())
                break
        else:
            return None
    return out or None


def _skip(text: str, at: int) -> int:
    """Where the next piece of a ``$g`` starts: past spaces and punctuation."""
    while at < len(text) and text[at] in " \t\n,.;:":
        at += 1
    return at
