"""Export tags as EPPI-Reviewer JSON (the format EPPI-Mapper imports).

The export has one code set whose top-level attributes are the taxonomy's facets (not
selectable) and whose children are the facet values (selectable). Each tagged work is a
reference whose ``Codes`` name the values it carries; ``AdditionalText`` holds the evidence.
Ids are small integers derived from the sorted taxonomy and citekeys, so the file is stable.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from litreview.core.model import Tag, Work
from litreview.core.texmarkup import plain_work

__all__ = ["eppi_json", "eppi_pieces", "eppi_record"]

SELECTABLE = "Selectable (show checkbox)"
HEADING = "Not selectable (no checkbox)"


def eppi_record(
    facets: Sequence[Any],
    works: Sequence[Work],
    tags: Iterable[Tag],
    *,
    name: str = "litreview tags",
) -> dict[str, Any]:
    """The export as a dict: ``{"CodeSets": [...], "References": [...]}``."""
    code_set, refs = _parts(facets, works, tags, name)
    return {"CodeSets": [code_set], "References": list(refs)}


def eppi_json(facets: Sequence[Any], works: Sequence[Work], tags: Iterable[Tag]) -> str:
    """The export as JSON text."""
    return "".join(eppi_pieces(facets, works, tags))


def eppi_pieces(facets: Sequence[Any], works: Sequence[Work], tags: Iterable[Tag]) -> Iterator[str]:
    """The text of :func:`eppi_json` a piece at a time, one reference after another (made as
    they are written: the export of a million works is never one string)."""
    code_set, refs = _parts(facets, works, tags, "litreview tags")
    yield '{"CodeSets": ' + json.dumps([code_set], ensure_ascii=False) + ', "References": ['
    for n, ref in enumerate(refs):
        yield (", " if n else "") + json.dumps(ref, ensure_ascii=False)
    yield "]}\n"


def _parts(
    facets: Sequence[Any], works: Sequence[Work], tags: Iterable[Tag], name: str
) -> tuple[dict[str, Any], Iterator[dict[str, Any]]]:
    """The code set, and the references made one at a time."""
    ids = _attribute_ids(facets)
    codes: dict[str, dict[int, list[str]]] = defaultdict(lambda: defaultdict(list))
    for t in tags:
        aid = ids.get((t.facet, t.value))
        if aid is not None and t.evidence.quote not in codes[t.work_key][aid]:
            codes[t.work_key][aid].append(t.evidence.quote)
    refs = (
        _reference(n, w, codes.get(w.key, {}))
        for n, w in enumerate(sorted(works, key=lambda w: w.key), start=1)
    )
    return _code_set(facets, ids, name), refs


def _attribute_ids(facets: Sequence[Any]) -> dict[tuple[str, str], int]:
    ids: dict[tuple[str, str], int] = {}
    for i, f in enumerate(facets, start=1):
        ids[(f.id, "")] = 1000 * i
        for j, v in enumerate(f.values, start=1):
            ids[(f.id, v.id)] = 1000 * i + j
    return ids


def _attribute(aid: int, name: str, description: str, kind: str) -> dict[str, Any]:
    return {
        "AttributeSetId": aid,
        "AttributeId": aid,
        "OriginalAttributeID": 0,
        "AttributeSetDescription": "",
        "AttributeType": kind,
        "AttributeName": name,
        "AttributeDescription": description,
        "ExtURL": "",
        "ExtType": "",
    }


def _code_set(facets: Sequence[Any], ids: dict[tuple[str, str], int], name: str) -> dict[str, Any]:
    tops = []
    for f in facets:
        top = _attribute(ids[(f.id, "")], f.label, getattr(f, "description", ""), HEADING)
        top["Attributes"] = {
            "AttributesList": [
                _attribute(ids[(f.id, v.id)], v.label, v.description, SELECTABLE) for v in f.values
            ]
        }
        tops.append(top)
    return {
        "SetName": name,
        "ReviewSetId": 1,
        "SetId": 1,
        "SetType": {"SetTypeName": "Standard", "SetTypeDescription": ""},
        "SetDescription": "Facets and values of the review's taxonomy, exported by litreview.",
        "Attributes": {"AttributesList": tops},
    }


def _reference(item_id: int, w: Work, codes: dict[int, list[str]]) -> dict[str, Any]:
    w = plain_work(w)
    authors = "".join(
        f"{p.family or p.literal}, {p.given};" if p.given else f"{p.display()};" for p in w.authors
    )
    first = w.authors[0].family or w.authors[0].literal if w.authors else w.publisher
    return {
        "ItemId": item_id,
        "Title": w.title,
        "ShortTitle": f"{first} ({w.year})".strip(),
        "Year": w.year,
        "TypeName": w.type,
        "Authors": authors,
        "ParentTitle": w.container,
        "Publisher": w.publisher,
        "City": w.place,
        "Volume": w.volume,
        "Issue": w.issue,
        "Pages": w.pages,
        "URL": w.url,
        "DOI": w.doi,
        "Abstract": w.abstract,
        "OldItemId": w.key,
        "Codes": [
            {
                "AttributeId": aid,
                "AdditionalText": "\n".join(q for q in quotes if q),
                "ArmId": 0,
                "ArmTitle": "",
                "ItemAttributeFullTextDetails": [],
            }
            for aid, quotes in sorted(codes.items())
        ],
    }
