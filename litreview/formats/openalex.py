"""OpenAlex works -> Work: the API's JSON (``{"meta": ..., "results": [...]}``, one work, or
a list) and the snapshot's JSON Lines (one work an object a line).

Read with the standard ``json`` module (the records are plain JSON; OpenAlex publishes no
parser). The abstract is rebuilt from ``abstract_inverted_index``; the container and
publisher come from ``primary_location.source`` (or the older ``host_venue``); keywords from
``keywords`` (or the older ``concepts``). The OpenAlex id, PMID, PMC id, MAG id, ISSN and
language are kept under their shared names, referenced works as a JSON list; fields that
only OpenAlex has (counts, open access, topics) are not kept: the record stays at OpenAlex.
"""

from __future__ import annotations

import json
from typing import Any

from litreview.core.bulk import bulk
from litreview.core.errors import Problem
from litreview.core.limits import load_json
from litreview.core.model import Work
from litreview.formats._search import csl_type, natural_name, pages_of

__all__ = ["abstract_text", "is_openalex", "read_openalex"]

_ID_PREFIXES = (
    "https://openalex.org/",
    "https://pubmed.ncbi.nlm.nih.gov/",
    "https://www.ncbi.nlm.nih.gov/pmc/articles/",
    "https://doi.org/",
)


def is_openalex(text: str) -> bool:
    """Whether ``text`` holds OpenAlex works (their ids name openalex.org)."""
    head = text.lstrip("\ufeff").lstrip()[:4000]
    return head.startswith("{") and '"https://openalex.org/W' in head


@bulk
def read_openalex(text: str, path: str = "<string>") -> tuple[list[Work], list[Problem]]:
    """Works of an OpenAlex JSON or JSON Lines file, and a problem per bad record."""
    text = text.lstrip("\ufeff")
    items, problems = _items(text, path)
    works = []
    for line, item in items:
        if not isinstance(item, dict) or not str(item.get("id", "")).startswith(_ID_PREFIXES[0]):
            problems.append(
                Problem(path=path, line=line, severity="error", message="not an OpenAlex work")
            )
            continue
        works.append(_work(item))
    return works, problems


def _items(text: str, path: str) -> tuple[list[tuple[int, Any]], list[Problem]]:
    """``(line, record)`` of a JSON document or of JSON Lines."""
    try:
        data = load_json(text, path)
    except json.JSONDecodeError:
        return _json_lines(text, path)
    if isinstance(data, dict):
        data = data.get("results", [data])
    return [(1, item) for item in (data if isinstance(data, list) else [data])], []


def _json_lines(text: str, path: str) -> tuple[list[tuple[int, Any]], list[Problem]]:
    items: list[tuple[int, Any]] = []
    problems = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            items.append((number, load_json(line, path, number)))
        except json.JSONDecodeError as exc:
            problems.append(
                Problem(path=path, line=number, severity="error", message=f"not JSON: {exc.msg}")
            )
    return items, problems


def abstract_text(index: dict[str, list[int]] | None) -> str:
    """The abstract an ``abstract_inverted_index`` holds (words put back at their places)."""
    if not index:
        return ""
    places = {n: word for word, ns in index.items() for n in ns}
    return " ".join(places[n] for n in sorted(places))


def _work(item: dict[str, Any]) -> Work:
    """One OpenAlex work as a work."""
    source, publisher = _source(item)
    biblio = item.get("biblio") or {}
    words = [k.get("display_name", "") for k in item.get("keywords") or item.get("concepts") or []]
    date = str(item.get("publication_date") or item.get("publication_year") or "")
    return Work(
        key="",
        type=csl_type([str(item.get("type_crossref") or ""), str(item.get("type") or "")]),
        authors=tuple(
            natural_name(a["author"]["display_name"])
            for a in item.get("authorships") or []
            if (a.get("author") or {}).get("display_name")
        ),
        issued=date,
        title=str(item.get("title") or item.get("display_name") or ""),
        container=str(source.get("display_name") or ""),
        publisher=publisher,
        volume=str(biblio.get("volume") or ""),
        issue=str(biblio.get("issue") or ""),
        pages=pages_of(str(biblio.get("first_page") or ""), str(biblio.get("last_page") or "")),
        doi=_bare(str(item.get("doi") or "")),
        abstract=abstract_text(item.get("abstract_inverted_index")),
        keywords=tuple(dict.fromkeys(w for w in words if w)),
        extra=_extra(item, source),
    )


def _source(item: dict[str, Any]) -> tuple[dict[str, Any], str]:
    """The work's venue and its publisher (current schema, else the older ``host_venue``)."""
    source = (item.get("primary_location") or {}).get("source") or {}
    if source:
        return source, str(source.get("host_organization_name") or "")
    venue = item.get("host_venue") or {}
    return venue, str(venue.get("publisher") or "")


def _extra(item: dict[str, Any], source: dict[str, Any]) -> tuple[tuple[str, str], ...]:
    """Identifiers, language and references."""
    ids = item.get("ids") or {}
    out = [("openalex", _bare(str(item["id"])))]
    out += [(n, _bare(str(ids[n]))) for n in ("pmid", "pmcid", "mag") if ids.get(n)]
    if source.get("issn_l"):
        out.append(("issn", str(source["issn_l"])))
    if item.get("language"):
        out.append(("language", str(item["language"])))
    if item.get("referenced_works"):
        refs = [_bare(str(r)) for r in item["referenced_works"]]
        out.append(("openalex-references", "json:" + json.dumps(refs)))
    return tuple(out)


def _bare(value: str) -> str:
    """An identifier without the URL OpenAlex writes it as."""
    for prefix in _ID_PREFIXES:
        if value.startswith(prefix):
            return value[len(prefix) :]
    return value
