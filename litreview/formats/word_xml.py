"""Word's list of sources saved as a file (``Sources.xml``, root ``b:Sources``) -> Work.

What Word's Source Manager keeps (``%APPDATA%\\Microsoft\\Bibliography\\Sources.xml``) and
JabRef exports as "MS Office 2007 XML": the ``b:Source`` elements a DOCX keeps in a custom
XML part, read by the same mapping (:func:`litreview.formats._word_sources.source_work`).
A source's ``b:Tag`` is its citekey (one used before, or one that is no citekey, kept as
``id``, as RIS keeps such an ``ID``: an import gives the work a key of its own); every field
litreview has no place for, Word's own ``Guid``, ``RefOrder`` and ``LCID`` among them, is
kept as ``Word:<name>``. A source with no title, author, year or identifier is a notice,
not a work.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from litreview.core.bulk import bulk
from litreview.core.errors import Problem
from litreview.core.model import Work, replace
from litreview.formats._citekeys import is_citekey
from litreview.formats._word_sources import NS, source_work
from litreview.formats._xml import (
    local_name,
    parse_xml,
    read_records,
    start_lines,
)

__all__ = ["is_word_xml", "read_word_xml"]

_ROOT = re.compile(r"<(?:[\w.-]+:)?Sources[\s>]")


def is_word_xml(text: str) -> bool:
    """Whether ``text`` is Word's list of sources (the bibliography namespace on a
    ``Sources`` root)."""
    head = text.lstrip("\ufeff").lstrip()[:3000]
    return head.startswith("<") and NS in head and bool(_ROOT.search(head))


@bulk
def read_word_xml(text: str, path: str = "<string>") -> tuple[list[Work], list[Problem]]:
    """Works of Word's list of sources and its problems."""
    root, problems = parse_xml(text, path)
    if root is None:
        return [], problems
    if local_name(root) != "Sources" or not root.tag.startswith(f"{{{NS}}}"):
        message = f"root <{local_name(root)}> is not Word's <b:Sources> (namespace {NS})"
        return [], [Problem(path=path, line=1, severity="error", message=message)]
    sources = [e for e in root if e.tag == f"{{{NS}}}Source"]
    keys: set[str] = set()
    works, unread = read_records(
        sources,
        lambda source: _keyed(source_work(source, internal=True), source, keys),
        _IDS,
        start_lines(text, "Source"),
        path=path,
        kind="source",
    )
    if not sources:
        message = "no <b:Source> in the list: no work read"
        unread.append(Problem(path=path, line=1, severity="notice", message=message))
    return works, problems + unread


def _keyed(work: Work, source: ET.Element, keys: set[str]) -> Work:
    """``work`` under its ``b:Tag`` as citekey, the first time a tag that can be one is
    seen; else the tag kept as ``id``."""
    found = source.find(f"{{{NS}}}Tag")
    tag = " ".join("".join(found.itertext()).split()) if found is not None else ""
    if not tag:
        return work
    if is_citekey(tag) and tag not in keys:
        keys.add(tag)
        return work.with_key(tag)
    return replace(work, extra=(("id", tag), *work.extra))


_IDS = frozenset({"isbn", "issn", "lccn", "pmid", "pmcid"})
