"""Codes a reference manager keeps in a document's properties, cut into numbered parts.

In the mode Zotero offers for moving a document between Word and LibreOffice ("store
citations as bookmarks"), a citation's text is marked by a bookmark (``ZOTERO_BREF_`` and
12 random letters) and its code (``ZOTERO_ITEM CSL_CITATION {json}``) is kept in the
document's custom properties (a DOCX's ``docProps/custom.xml``, an ODT's user-defined
properties in ``meta.xml``), cut into parts of at most 255 characters named after the
bookmark: ``<name>_1``, ``<name>_2``, ...; the code is the parts joined in order. A bookmark
LibreOffice copied may have gained a number at the end of its name; its parts are then
found under the name without it (as Zotero finds them).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from litreview.core.limits import MAX_CITE_CODE_CHARS
from litreview.formats._xml import xml_root

__all__ = ["BOOKMARK_PREFIXES", "StoredCodes", "custom_properties"]

#: The starts of the names of the bookmarks whose codes a manager keeps in the properties.
BOOKMARK_PREFIXES = ("ZOTERO_BREF_",)
_PART = re.compile(r"(.+)_([0-9]{1,9})")
_COPIED = 3  # digits LibreOffice may add to a copied bookmark's name
_CUSTOM = "{http://schemas.openxmlformats.org/officeDocument/2006/custom-properties}property"


@dataclass(frozen=True, slots=True)
class StoredCodes:
    """The document's properties that are numbered parts: name -> part number -> text."""

    parts: dict[str, dict[int, str]] = field(default_factory=dict)

    @classmethod
    def of(cls, properties: Mapping[str, str]) -> StoredCodes:
        """The numbered parts among ``properties`` (name -> value)."""
        parts: dict[str, dict[int, str]] = {}
        for name, value in properties.items():
            m = _PART.fullmatch(name)
            if m:
                parts.setdefault(m[1], {})[int(m[2])] = value
        return cls(parts)

    def code(self, name: str) -> str | None:
        """The code kept for the bookmark ``name`` (``None``: none is kept). A part missing
        between the first and the last, or a code of more than :data:`MAX_CITE_CODE_CHARS`,
        is a ``ValueError`` saying so."""
        found = self.parts.get(name)
        for cut in range(1, _COPIED + 1):
            if found is not None or len(name) <= cut or not name[-cut:].isdecimal():
                break
            found = self.parts.get(name[:-cut])
        if not found:
            return None
        missing = next((n for n in range(1, len(found) + 1) if n not in found), None)
        if missing is not None:
            raise ValueError(f"part {missing} of its code is not in the document's properties")
        if sum(map(len, found.values())) > MAX_CITE_CODE_CHARS:
            raise ValueError(f"its code is longer than {MAX_CITE_CODE_CHARS:,} characters")
        return "".join(found[n] for n in range(1, len(found) + 1))


def custom_properties(xml: bytes) -> dict[str, str]:
    """Name -> value (as text) of each property of a DOCX's ``docProps/custom.xml``."""
    root = xml_root(xml)
    out = {}
    for prop in root.iter(_CUSTOM):
        value = next(iter(prop), None)
        out[prop.get("name", "")] = (value.text or "") if value is not None else ""
    return out
