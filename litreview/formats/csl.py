"""Work <-> CSL-JSON item (a plain dict), the exchange shape for parsing and Zotero.

Unmodelled CSL variables travel through ``Work.extra`` under their CSL names, so
``work_from_csl(work_to_csl(w)) == w`` for works whose extra keys are CSL variables.
"""

from __future__ import annotations

import json
from typing import Any

from litreview.core.model import Person, Work

# Work attribute -> CSL variable, for the plain string fields.
STRING_FIELDS: dict[str, str] = {
    "title": "title",
    "container": "container-title",
    "publisher": "publisher",
    "place": "publisher-place",
    "volume": "volume",
    "issue": "issue",
    "pages": "page",
    "url": "URL",
    "doi": "DOI",
    "note": "note",
    "abstract": "abstract",
}
_CSL_TO_ATTR = {v: k for k, v in STRING_FIELDS.items()}
_HANDLED = set(_CSL_TO_ATTR) | {"id", "type", "author", "editor", "issued", "accessed", "keyword"}


def person_to_csl(person: Person) -> dict[str, str]:
    """A person as a CSL name object."""
    if person.literal:
        return {"literal": person.literal}
    out = {"family": person.family}
    if person.given:
        out["given"] = person.given
    return out


def person_from_csl(obj: Any) -> Person:
    """A CSL name object (or a bare string) as a :class:`Person`."""
    if isinstance(obj, str):
        return Person(literal=obj)
    if not isinstance(obj, dict):
        raise TypeError(f"a name must be an object, not {type(obj).__name__}")
    if obj.get("literal"):
        return Person(literal=str(obj["literal"]))
    family = str(obj.get("family", ""))
    for particle in ("non-dropping-particle", "dropping-particle"):
        if obj.get(particle):
            family = f"{obj[particle]} {family}".strip()
    return Person(family=family, given=str(obj.get("given", "")))


def date_to_csl(value: str) -> dict[str, Any]:
    """``"2012-03-05"`` as CSL ``{"date-parts": [[2012, 3, 5]]}``; other text as ``raw``."""
    parts = value.split("-")
    if parts and all(p.isdigit() for p in parts) and len(parts) <= 3 and len(parts[0]) == 4:
        return {"date-parts": [[int(p) for p in parts]]}
    return {"raw": value}


def date_from_csl(obj: Any) -> str:
    """A CSL date (``date-parts``, ``raw``, ``literal`` or a string) as ``"YYYY[-MM[-DD]]"``."""
    if isinstance(obj, str):
        return obj
    if not isinstance(obj, dict):
        raise TypeError(f"a date must be an object, not {type(obj).__name__}")
    parts = obj.get("date-parts")
    if parts:
        first = parts[0]
        if not isinstance(first, list) or not first:
            raise TypeError("date-parts must be a list of lists")
        nums = [int(p) for p in first[:3]]
        text = f"{nums[0]:04d}"
        for n in nums[1:]:
            text += f"-{n:02d}"
        return text
    return str(obj.get("raw") or obj.get("literal") or "")


def work_to_csl(work: Work) -> dict[str, Any]:
    """A work as a CSL-JSON item; unmodelled fields are emitted under their own names."""
    item: dict[str, Any] = {"id": work.key, "type": work.type}
    if work.authors:
        item["author"] = [person_to_csl(p) for p in work.authors]
    if work.editors:
        item["editor"] = [person_to_csl(p) for p in work.editors]
    if work.issued:
        item["issued"] = date_to_csl(work.issued)
    if work.accessed:
        item["accessed"] = date_to_csl(work.accessed)
    for attr, var in STRING_FIELDS.items():
        value = getattr(work, attr)
        if value:
            item[var] = value
    if work.keywords:
        item["keyword"] = ", ".join(work.keywords)
    for name, value in work.extra:
        if name not in item:
            item[name] = _decode_extra(value)
    return item


def work_from_csl(item: dict[str, Any], key: str = "") -> Work:
    """A CSL-JSON item as a :class:`Work`. Raises ``TypeError``/``ValueError`` on wrong types."""
    fields: dict[str, Any] = {}
    for var, attr in _CSL_TO_ATTR.items():
        if var in item and item[var] is not None:
            value = item[var]
            if isinstance(value, (dict, list)):
                raise TypeError(f"'{var}' must be a string or number, not {type(value).__name__}")
            fields[attr] = str(value)
    for role, attr in (("author", "authors"), ("editor", "editors")):
        if role in item:
            if not isinstance(item[role], list):
                raise TypeError(f"'{role}' must be a list of names")
            fields[attr] = tuple(person_from_csl(p) for p in item[role])
    for var in ("issued", "accessed"):
        if var in item:
            fields[var] = date_from_csl(item[var])
    if "keyword" in item:
        raw = item["keyword"]
        words = raw if isinstance(raw, list) else str(raw).split(",")
        fields["keywords"] = tuple(w.strip() for w in words if str(w).strip())
    extra = tuple((k, _encode_extra(v)) for k, v in item.items() if k not in _HANDLED)
    csl_type = item.get("type", "document")
    if not isinstance(csl_type, str):
        raise TypeError("'type' must be a string")
    return Work(key=key or str(item.get("id", "")), type=csl_type, extra=extra, **fields)


def _encode_extra(value: Any) -> str:
    return (
        value
        if isinstance(value, str)
        else "json:" + json.dumps(value, ensure_ascii=False, sort_keys=True)
    )


def _decode_extra(value: str) -> Any:
    return json.loads(value[5:]) if value.startswith("json:") else value
