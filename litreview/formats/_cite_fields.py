"""Citations a reference manager put in a Word or OpenDocument file, read as the works it stored.

A manager keeps each citation's full records beside the text it shows; litreview reads those
records exactly instead of parsing the text. The codes read (the instruction of a Word field,
the name of an OpenDocument reference mark or bookmark):

* ``ADDIN ZOTERO_ITEM CSL_CITATION {json}`` (Zotero), ``ADDIN CSL_CITATION {json}``
  (Mendeley; Mendeley Desktop 1.0 wrote ``ADDIN Mendeley Citation{<uuid>} CSL_CITATION
  {json}``); in OpenDocument the same without ``ADDIN`` and with a random tail
  (``ZOTERO_ITEM CSL_CITATION {json} RNDa1B2c3D4e5``). Each citation item's ``itemData`` is
  a CSL-JSON record. Zotero with its preference "store references in document" off writes
  ``ADDIN ZOTERO_ITEM {json}``: the items' links alone, no records (a warning).
* A bookmark whose code the manager keeps in the document's properties (Zotero's "store
  citations as bookmarks": :mod:`._stored_codes`), read as that code.
* A link whose text is ``ITEM CSL_CITATION {json}``: Zotero's document "transferred" to
  another word processor turns each citation into a link to zotero.org whose text is its
  code (its bibliography and its document preferences likewise, ``BIBL {...}
  CSL_BIBLIOGRAPHY`` and ``DOCUMENT_PREFERENCES <data ...>``: codes, not text, dropped).
  The notice it puts first (a paragraph ``ZOTERO_TRANSFER_DOCUMENT`` and one of
  instructions) is no text of the document either (:func:`without_transfer_notice`).
* ``MENDELEY_CITATION_v3_<base64 of the JSON>``, the tag of the content control Mendeley Cite
  puts around a citation (Word).
* ``ADDIN EN.CITE <EndNote><Cite>...<record>...</record></Cite></EndNote>`` (EndNote), or
  ``ADDIN EN.CITE`` / ``ADDIN EN.CITE.DATA`` with that XML in base64 in the field's data
  (Word's ``w:fldData``). Each ``<record>`` is read as an EndNote XML export's record.

A citation is written by its items' keys, as Pandoc writes one (``[@cite-ABCD1234]``), each
key made from the manager's id of the item. A manager's citation whose data cannot be read
(broken JSON, XML or base64, a part of a bookmark's code missing), or one with an item whose
record is not stored, keeps the text the document shows, and a warning says so; so does a
field of Mendeley Desktop before 1.0 (``ADDIN Mendeley Citation{<uuid>}``), which keeps only
Mendeley's ids of the works, their records being in the user's library alone.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from litreview.core.errors import Problem
from litreview.core.limits import MAX_CITE_CODE_CHARS
from litreview.core.model import Work, replace
from litreview.formats._stored_codes import BOOKMARK_PREFIXES, StoredCodes
from litreview.formats._word_sources import citation_tags
from litreview.formats._xml import xml_root
from litreview.formats.csl import work_from_csl
from litreview.formats.endnote import record_work

__all__ = ["MANAGER_URI", "CiteFields", "StoredWork", "without_transfer_notice"]

#: The field that keeps a reference manager's link to an item a document cites.
MANAGER_URI = "reference-manager-uri"

_CSL = re.compile(
    r"\s*(?:ADDIN\s+)?(?:ZOTERO_ITEM\s+|Mendeley\s+(?:Edited\s+)?Citation\{[^{}]*\}\s*)?"
    r"CSL_CITATION\s+"
    # Zotero with "store references in document" off: the items' links, no records
    r"|\s*(?:ADDIN\s+)?ZOTERO_ITEM\s+(?=\{)"
)
# Mendeley Desktop's field before 1.0 (PRINTDATE in Word for Mac): only Mendeley's ids.
_MENDELEY_IDS = re.compile(r"\s*(?:(?:ADDIN|PRINTDATE)\s+)?Mendeley\s+(?:Edited\s+)?Citation\s*\{")
# The text of a link in a document Zotero transferred: a citation, or a code to drop.
_TRANSFERRED = re.compile(
    r"\s*(?:(?P<item>ITEM\s+CSL_CITATION\s)|BIBL\s+\{|DOCUMENT_PREFERENCES\s+<)"
)
# The first paragraph of a document Zotero transferred (the second name is its betas').
_TRANSFER_MARKERS = frozenset({"ZOTERO_TRANSFER_DOCUMENT", "ZOTERO_EXPORTED_DOCUMENT"})
_ENDNOTE = re.compile(r"\s*ADDIN\s+EN\.CITE(?:\.DATA)?(?![\w.])\s*")
_MENDELEY = "MENDELEY_CITATION_v3_"
_SHOWN = 60  # characters of a citation's shown text quoted in a warning


@dataclass(frozen=True, slots=True, kw_only=True)
class StoredWork:
    """A work a document cites as its reference manager stored it: the key its text cites
    it by (``cite-...``) and the work (no citekey yet; the manager's link, if any, kept
    under :data:`MANAGER_URI`). ``raw``: the reference as printed, when the record holds
    too little to stand alone (an untagged JATS citation): ingest reads it with the
    reference parser, the record's fields filling what the parser leaves empty."""

    key: str
    work: Work
    raw: str = ""


def without_transfer_notice(paragraphs: list[str]) -> list[str]:
    """A document's paragraphs (the empty ones left out) without the notice Zotero writes
    before the body of a document it transfers to another word processor: a paragraph
    ``ZOTERO_TRANSFER_DOCUMENT``, then one telling the user, in the user's language, to open
    the document in a word processor and press Refresh (Zotero removes both on Refresh)."""
    if paragraphs and paragraphs[0].strip("#*_ \t") in _TRANSFER_MARKERS:
        return paragraphs[2:]
    return paragraphs


class _Unreadable(ValueError):
    """A manager's citation whose stored data cannot be read."""


@dataclass(slots=True)
class CiteFields:
    """The reference-manager citations of one document, gathered as it is read: the works
    they store (by key, first seen first) and a warning for each that cannot be read."""

    path: str
    codes: StoredCodes = field(default_factory=StoredCodes)
    works: dict[str, StoredWork] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    #: Word's own sources (References > Insert Citation), by tag: what its ``CITATION``
    #: fields cite (:mod:`._word_sources`).
    sources: dict[str, Work] = field(default_factory=dict)

    def cite(self, code: str, shown: Callable[[], str], data: str = "") -> str | None:
        """The keys ``[@key; @key]`` a citation of code ``code`` is written as (its works
        kept), or ``None``: the code is not a manager's citation, or its data (``data``:
        base64 kept beside the code, Word's ``w:fldData``) cannot be read (a warning
        quoting the text ``shown()`` gives, which stays)."""
        try:
            tags = citation_tags(code)
            found = _read(code, data) if tags is None else self._sources(tags)
        except _Unreadable as exc:
            self._warn(str(exc), shown)
            return None
        if not found:
            return None
        for stored in found:
            self.works.setdefault(stored.key, stored)
        keys = dict.fromkeys(s.key for s in found)
        return "[" + "; ".join(f"@{k}" for k in keys) + "]"

    def _sources(self, tags: list[str]) -> list[StoredWork]:
        """The works of Word's sources that a ``CITATION`` field names by ``tags``."""
        missing = [t for t in tags if t not in self.sources]
        if missing:
            where = "has no list of sources" if not self.sources else "lists no such source"
            raise _Unreadable(f"it cites the source {missing[0]!r}, but the document {where}")
        return [_stored(f"word-{t}", self.sources[t], "") for t in tags]

    def cite_record(self, own: str, work: Work) -> str:
        """The key ``[@cite-<own>]`` of a work the document records where it cites it
        (LibreOffice's bibliography mark), the work kept (the first record of a key)."""
        stored = _stored(own, work, "")
        self.works.setdefault(stored.key, stored)
        return f"[@{stored.key}]"

    def cite_link(self, text: str) -> str | None:
        """:meth:`cite` for a link whose text is ``text``: a citation of a document Zotero
        transferred (``ITEM CSL_CITATION {json}``) is written as its keys, another of its
        codes as nothing (``""``); any other link keeps its text (``None``)."""
        m = _TRANSFERRED.match(text)
        if not m:
            return None
        if not m["item"]:
            return ""
        return self.cite("ZOTERO_" + text.lstrip(), lambda: text)

    def cite_mark(self, name: str, shown: Callable[[], str]) -> str | None:
        """:meth:`cite` for a bookmark or mark named ``name``: its code is the one kept in
        the document's properties under its name (:attr:`codes`), else its name. A code
        whose parts cannot be joined, or a manager's bookmark without one, is a warning."""
        try:
            code = self.codes.code(name)
        except ValueError as exc:
            self._warn(str(exc), shown)
            return None
        if code is None and name.startswith(BOOKMARK_PREFIXES):
            self._warn("its code is not in the document's properties", shown)
            return None
        return self.cite(name if code is None else code, shown)

    def _warn(self, why: str, shown: Callable[[], str]) -> None:
        """A warning that a citation cannot be read (``why``), quoting its text."""
        said = " ".join(shown().split())
        said = said if len(said) <= _SHOWN else said[: _SHOWN - 3] + "..."
        message = f"a reference manager's citation cannot be read ({why}); its text {said!r} kept"
        self.problems.append(
            Problem(path=self.path, line=None, severity="warning", message=message)
        )

    @staticmethod
    def quoted(texts: Iterable[str]) -> str:
        """The start of a citation's shown text, from the pieces ``texts`` (read only as far
        as a warning quotes: a citation nested in many others is not read again whole)."""
        out: list[str] = []
        size = 0
        for t in texts:
            out.append(t)
            size += len(t)
            if size > 4 * _SHOWN:
                break
        return "".join(out)

    def stored(self) -> tuple[StoredWork, ...]:
        """The works stored, in the order first cited."""
        return tuple(self.works.values())


def _read(code: str, data: str) -> list[StoredWork]:
    """The works a citation of code ``code`` stores (``[]``: not a manager's citation)."""
    csl, endnote = _CSL.match(code), _ENDNOTE.match(code)
    if not (csl or endnote or code.startswith(_MENDELEY)):
        if _MENDELEY_IDS.match(code):
            raise _Unreadable("an older Mendeley field keeps no record, only Mendeley's ids")
        return []
    if len(code) + len(data) > MAX_CITE_CODE_CHARS:
        raise _Unreadable(f"its code is longer than {MAX_CITE_CODE_CHARS:,} characters")
    if csl:
        return _csl_items(code[csl.end() :])
    if endnote:
        xml = code[endnote.end() :].strip()
        if not xml and not data.strip():
            return []  # EndNote's outer field: its data is in the field nested in it
        return _endnote_records(xml or _unbase64(data))
    return _csl_items(_unbase64(code.removeprefix(_MENDELEY)))


def _csl_items(text: str) -> list[StoredWork]:
    """The CSL-JSON items of a Zotero or Mendeley citation's JSON (text after it, the
    random tail of an OpenDocument mark's name, is left)."""
    try:
        data, _ = json.JSONDecoder().raw_decode(text.strip())
    except (ValueError, RecursionError) as exc:
        raise _Unreadable(f"its JSON is broken: {exc}") from None
    items = data.get("citationItems") if isinstance(data, dict) else None
    if not isinstance(items, list) or not items:
        raise _Unreadable("its JSON has no citation items")
    return [_csl_item(item, n) for n, item in enumerate(items, 1)]


def _csl_item(item: Any, n: int) -> StoredWork:
    """One citation item as a stored work, keyed by the manager's id of it."""
    csl = item.get("itemData") if isinstance(item, dict) else None
    if not isinstance(csl, dict):
        raise _Unreadable(f"item {n} has no record (itemData), only the manager's link to it")
    uris = item.get("uris") or item.get("uri") or []
    uri = str(uris[0] if isinstance(uris, list) and uris else uris or "")
    own = uri.rstrip("/").rsplit("/", 1)[-1] if uri else str(item.get("id", ""))
    try:
        work = work_from_csl({k: v for k, v in csl.items() if k != "id"})
    except (TypeError, ValueError) as exc:
        raise _Unreadable(f"item {n}'s record is not CSL-JSON: {exc}") from None
    return _stored(own or str(n), work, uri)


def _unbase64(data: str) -> str:
    """The text of base64 data (EndNote's XML, Mendeley Cite's JSON; the padding may be
    left off, the URL-safe letters used)."""
    flat = "".join(data.split()).replace("-", "+").replace("_", "/")
    try:
        raw = base64.b64decode(flat + "=" * (-len(flat) % 4), validate=True)
        return raw.decode("utf-8-sig")
    except (binascii.Error, ValueError) as exc:
        raise _Unreadable(f"its data is not base64 of UTF-8 text: {exc}") from None


def _endnote_records(xml: str) -> list[StoredWork]:
    """The records of an EndNote citation's ``<EndNote><Cite>...`` XML."""
    try:
        root = xml_root(xml.encode("utf-8"))
    except (ET.ParseError, RecursionError) as exc:
        raise _Unreadable(f"its XML is broken: {exc}") from None
    cites = list(root.iter("Cite"))
    if not cites:
        raise _Unreadable("its XML has no <Cite>")
    out = []
    for n, cite in enumerate(cites, 1):
        rec = cite.find("record")
        if rec is None:
            raise _Unreadable(f"cited work {n} has no <record>")
        db = rec.find("foreign-keys/key")
        number = (rec.findtext("rec-number") or cite.findtext("RecNum") or "").strip()
        own = "-".join(x for x in ((db.get("db-id", "") if db is not None else ""), number) if x)
        out.append(_stored(own or str(n), record_work(rec), ""))
    return out


def _stored(own: str, work: Work, uri: str) -> StoredWork:
    """A stored work keyed ``cite-<own id>``, the manager's link kept."""
    key = "cite-" + (re.sub(r"\W+", "-", own).strip("-") or "item")
    extra = (*work.extra, (MANAGER_URI, uri)) if uri else work.extra
    return StoredWork(key=key, work=replace(work, key="", extra=extra))
