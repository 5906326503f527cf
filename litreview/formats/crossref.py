"""Crossref's REST API responses (``api.crossref.org/works``, saved as ``.json``) -> Work.

A response holds one work (``"message-type": "work"``) or a page of them (``"work-list"``,
its ``message.items``). A Crossref work is nearly a CSL item: this module makes it one and
reads it as CSL-JSON is read (:func:`litreview.formats.csljson.read_items`). What differs:

- Crossref writes titles, container titles, ISSNs and ISBNs as lists: the first is the
  field, and a list of more than one is kept whole as well (``Crossref:container-title``);
- some of its names are not CSL's (``publisher-location``, ``short-container-title``);
- its types are its own (``journal-article``, ``proceedings-article``): the CSL type is
  taken from the shared table of database types, and Crossref's name is kept;
- an abstract is JATS markup (``<jats:p>``): its text is the abstract, the markup kept too;
- authors carry ORCIDs and affiliations CSL has no place for: the author list is kept whole
  (``Crossref:author``) when any author has one.

Every other key (dates of deposit and indexing, licences, links, the reference list) is kept
as CSL-JSON keeps keys it does not model.
"""

from __future__ import annotations

import json
import re
from typing import Any

from litreview.core.errors import Problem
from litreview.core.limits import load_json
from litreview.core.model import Work
from litreview.formats._search import csl_type

__all__ = ["is_crossref", "read_crossref"]

_LISTED = ("title", "container-title", "short-title", "short-container-title", "original-title")
# Crossref's names of CSL variables
_RENAMED = {
    "publisher-location": "publisher-place",
    "short-title": "title-short",
    "short-container-title": "container-title-short",
}
_LISTED_IDS = ("ISSN", "ISBN")
_PREFIX = "Crossref:"
_TAG = re.compile(r"<[^<>]{0,200}>")
_KIND = re.compile(r'"message-type"\s*:\s*"work(?:-list)?"')


def is_crossref(text: str) -> bool:
    """Whether ``text`` is a Crossref API response of works."""
    head = text[:2000].lstrip("\ufeff \t\r\n")
    return head.startswith("{") and bool(_KIND.search(head))


def read_crossref(text: str, path: str = "<string>") -> tuple[list[Work], list[Problem]]:
    """The works of a Crossref response and a problem for each item that is not one."""
    from litreview.formats.csljson import read_items

    try:
        data = load_json(text.lstrip("\ufeff"), path)
    except json.JSONDecodeError as exc:
        said = f"not valid JSON: {exc.msg} (column {exc.colno})"
        return [], [Problem(path=path, line=exc.lineno, severity="error", message=said)]
    message = data.get("message") if isinstance(data, dict) else None
    if not isinstance(message, dict):
        said = "a Crossref response without its message"
        return [], [Problem(path=path, line=1, severity="error", message=said)]
    items: Any = message.get("items") if data.get("message-type") == "work-list" else [message]
    if not isinstance(items, list):
        said = "a Crossref list of works without its items"
        return [], [Problem(path=path, line=1, severity="error", message=said)]
    csl = [_as_csl(item, n) if isinstance(item, dict) else item for n, item in enumerate(items)]
    read, problems = read_items(csl, [1] * len(csl), path)
    works = [w.with_key("") for w in read]  # import gives each its citekey; the DOI stays
    if not works and not problems:
        problems.append(Problem(path=path, line=1, severity="error", message="no works found"))
    return works, problems


def _as_csl(item: dict[str, Any], index: int) -> dict[str, Any]:
    """A Crossref work as a CSL item (what CSL has no place for kept under its own key)."""
    out = dict(item)
    out["id"] = f"crossref-{index}"
    for key in (*_LISTED, *_LISTED_IDS):
        value = item.get(key)
        if isinstance(value, list):
            texts = [str(v) for v in value if isinstance(v, str | int | float)]
            if texts:
                out[key] = texts[0]
            else:
                out.pop(key)
            if len(value) > 1 or len(texts) != len(value):
                out[_PREFIX + key] = value
    for theirs, csl in _RENAMED.items():
        if theirs in out and csl not in out:
            out[csl] = out.pop(theirs)
    kind = item.get("type")
    if isinstance(kind, str):
        out["type"] = csl_type([kind], "document")
        if out["type"] != kind:
            out[_PREFIX + "type"] = kind
    abstract = item.get("abstract")
    if isinstance(abstract, str) and "<" in abstract:
        out["abstract"] = " ".join(_TAG.sub(" ", abstract).split())
        out[_PREFIX + "abstract"] = abstract
    for role in ("author", "editor"):
        people = item.get(role)
        if isinstance(people, list) and any(_more_than_a_name(p) for p in people):
            out[_PREFIX + role] = people
    return out


def _more_than_a_name(person: Any) -> bool:
    """Whether a Crossref person carries an ORCID or an affiliation."""
    return isinstance(person, dict) and bool(person.get("ORCID") or person.get("affiliation"))
