"""Work <-> CSL-JSON item (a plain dict), the exchange shape for Zotero, pandoc and the parser.

Items written here are valid against the official CSL-JSON schema
(``litreview/data/csl-data.json``): names are name objects (particles and suffixes apart),
dates are ``date-parts`` (or ``raw``), and every field of another format goes to its CSL
variable when it has one (``isbn`` -> ``ISBN``, ``series`` -> ``collection-title``, RIS ``SN``
-> ``ISSN``/``ISBN``; see :mod:`._csl_maps`). Anything else is kept in the item's ``custom``
object, which CSL processors ignore and :func:`work_from_csl` reads back into ``Work.extra``.
A work must hold plain text (see :func:`litreview.core.texmarkup.plain_work`).
"""

from __future__ import annotations

import json
import re
from typing import Any

import litreview.formats._csl_maps as maps
from litreview.core.limits import load_json
from litreview.core.model import Person, Work
from litreview.formats._bibtex_syntax import format_names, split_names
from litreview.formats._names import text_person

__all__ = [
    "STRING_FIELDS",
    "date_from_csl",
    "date_to_csl",
    "person_from_csl",
    "person_to_csl",
    "work_from_csl",
    "work_to_csl",
]

STRING_FIELDS = maps.STRING_FIELDS
_CSL_TO_ATTR = {v: k for k, v in STRING_FIELDS.items()}
_VARIABLES = frozenset(maps.schema()["items"]["properties"])
_NAME_VARIABLES = frozenset(
    k for k, v in maps.schema()["items"]["properties"].items() if v.get("type") == "array"
) - {"categories"}
_DATE_VARIABLES = frozenset(
    k
    for k, v in maps.schema()["items"]["properties"].items()
    if v.get("$ref", "").endswith("date-variable")
)
_HANDLED = set(_CSL_TO_ATTR) | {"id", "type", "author", "editor", "issued", "accessed"}
_HANDLED |= {"keyword", "custom", "number"}
# The Work's issue is one of these, by type; the other is an unmodelled field.
_NUMBERS = frozenset({"number", "issue"})
_NAME_PARTS = ("family", "given", "non-dropping-particle", "dropping-particle", "suffix")


def person_to_csl(person: Person) -> dict[str, str]:
    """A person as a CSL name object (the particle apart from the family name)."""
    if person.literal:
        return {"literal": person.literal}
    family = person.family
    if person.particle and family.startswith(person.particle):
        family = family[len(person.particle) :].lstrip()
    parts = (family, person.given, person.particle, person.dropping_particle, person.suffix)
    return {name: value for name, value in zip(_NAME_PARTS, parts, strict=True) if value}


def person_from_csl(obj: Any) -> Person:
    """A CSL name object (or a bare string) as a :class:`Person`."""
    if isinstance(obj, str):
        return Person(literal=obj)
    if not isinstance(obj, dict):
        raise TypeError(f"a name must be an object, not {type(obj).__name__}")
    if obj.get("literal"):
        return Person(literal=str(obj["literal"]))
    family, given, particle, dropping, suffix = (str(obj.get(n) or "") for n in _NAME_PARTS)
    if particle:
        sep = "" if particle.endswith(("'", "’", "-")) else " "
        family = f"{particle}{sep}{family}" if family else particle
    return Person(
        family=family, given=given, particle=particle, dropping_particle=dropping, suffix=suffix
    )


def date_to_csl(value: str) -> dict[str, Any]:
    """An EDTF date as a CSL date: ``"2012-03-05"`` as ``{"date-parts": [[2012, 3, 5]]}``,
    a range ``"2016-05/2017"`` (BibLaTeX's) as two date-parts, ``~`` (about) as ``circa``,
    a season ``"2017-24"`` as ``season`` 4 (in a range, months 13 to 16), a year before
    1 ``"-0333"`` as -333; other text as ``raw``."""
    ends = [_edtf(v) for v in value.split("/")] if value.count("/") == 1 else [_edtf(value)]
    found = [end for end in ends if end is not None]
    if not found or len(found) < len(ends):
        return {"raw": value}
    dates = [parts for parts, _ in found]
    out: dict[str, Any] = {"date-parts": dates}
    if any(circa for _, circa in found):
        out["circa"] = True
    for parts in dates:
        if len(parts) == 2 and parts[1] > 20:  # a season
            if len(dates) == 1:
                out["season"] = parts.pop() - 20
            else:
                parts[1] -= 8  # 21..24 -> 13..16, CSL's season months
    return out


_EDTF = re.compile(r"(-?\d{4})(?:-(\d{2}))?(?:-(\d{2}))?(~)?\Z")


def _edtf(value: str) -> tuple[list[int], bool] | None:
    """``"2012-03-05"`` as ``([2012, 3, 5], False)``, ``"2011-05~"`` as ``([2011, 5], True)``;
    ``None`` when it is not such a date."""
    m = _EDTF.match(value)
    if not m:
        return None
    return [int(g) for g in m.groups()[:3] if g], bool(m.group(4))


def date_from_csl(obj: Any) -> str:
    """A CSL date (``date-parts``, ``raw``, ``literal`` or a string) as an EDTF date
    ``"YYYY[-MM[-DD]]"``: a range as two of them joined by ``/``, ``circa`` as ``~``, a
    season as the month 21 to 24, a year before 1 as ``-0333``."""
    if isinstance(obj, str | int):
        return str(obj)
    if not isinstance(obj, dict):
        raise TypeError(f"a date must be an object, not {type(obj).__name__}")
    parts = obj.get("date-parts")
    if parts:
        if not all(isinstance(p, list) for p in parts) or not parts[0]:
            raise TypeError("date-parts must be a list of lists")
        named = str(obj.get("season", ""))
        season = int(named) if named in ("1", "2", "3", "4") else 0
        mark = "~" if obj.get("circa") in (True, 1, "true", "1") else ""
        # a range (two dates) as BibLaTeX writes one: "2018-12-03/2018-12-06"
        return "/".join(_iso(p, season) + mark for p in parts[:2] if p)
    return str(obj.get("raw") or obj.get("literal") or "")


def _iso(parts: list[Any], season: int = 0) -> str:
    nums = [int(p) for p in parts[:3]]
    if len(nums) == 1 and season:
        nums.append(20 + season)
    elif len(nums) > 1 and 13 <= nums[1] <= 16:  # CSL's season months
        nums[1] += 8
    year = f"-{-nums[0]:04d}" if nums[0] < 0 else f"{nums[0]:04d}"
    return "-".join([year, *(f"{n:02d}" for n in nums[1:])])


def work_to_csl(work: Work) -> dict[str, Any]:
    """A work (plain text) as a schema-valid CSL-JSON item."""
    custom: dict[str, Any] = {}
    csl_type = work.type if work.type in maps.CSL_TYPES else "document"
    if csl_type != work.type:
        custom["csltype"] = work.type
    item: dict[str, Any] = {"id": work.key, "type": csl_type}
    for var, people in (("author", work.authors), ("editor", work.editors)):
        if people:
            item[var] = [person_to_csl(p) for p in people]
    for var, date in (("issued", work.issued), ("accessed", work.accessed)):
        if date:
            item[var] = date_to_csl(date)
    for attr, var in STRING_FIELDS.items():
        value = getattr(work, attr)
        if value:
            item[var] = value
    if work.issue and csl_type in maps.NUMBER_TYPES:
        item["number"] = item.pop("issue")
    if work.keywords:
        sep = "; " if any("," in k for k in work.keywords) else ", "
        item["keyword"] = sep.join(work.keywords)
    for name, value in work.extra:
        _add_extra(item, custom, name, value)
    if custom:
        item["custom"] = custom
    return item


def _add_extra(item: dict[str, Any], custom: dict[str, Any], name: str, value: str) -> None:
    """Put one unmodelled field in its CSL variable, or in ``custom``."""
    low = name.lower()
    var = maps.EXTRA_TO_CSL.get(low) or maps.NAME_EXTRAS.get(low)
    if var is None and name in _VARIABLES and (name not in _HANDLED or name in _NUMBERS):
        var = name
    if var == "ISSN" and low == "ris:sn" and maps.is_isbn(value, item["type"]):
        var = "ISBN"
    decoded = _decode(value)
    if var and var not in item:
        if var in _NAME_VARIABLES:
            people = split_names(value) if not low.startswith("ris:") else (_ris_name(value),)
            item[var] = [person_to_csl(p) for p in people]
            return
        if var in _DATE_VARIABLES:
            item[var] = date_to_csl(value)
            return
        if isinstance(decoded, str | int | float) and not isinstance(decoded, bool):
            item[var] = decoded
            return
    if name in custom:
        old = custom[name]
        custom[name] = [*old, decoded] if isinstance(old, list) else [old, decoded]
    else:
        custom[name] = decoded


def _ris_name(value: str) -> Person:
    family, _, given = value.partition(",")
    return text_person(family, given) if given else Person(literal=value.strip())


def work_from_csl(item: dict[str, Any], key: str = "") -> Work:
    """A CSL-JSON item as a :class:`Work`. Raises ``TypeError``/``ValueError`` on wrong types."""
    fields: dict[str, Any] = {}
    for var, attr in _CSL_TO_ATTR.items():
        if var in item and item[var] is not None:
            fields[attr] = _text(item[var], var)
    csl_type = item.get("type", "document")
    if not isinstance(csl_type, str):
        raise TypeError("'type' must be a string")
    custom = item.get("custom")
    if isinstance(custom, dict) and isinstance(custom.get("csltype"), str):
        csl_type = custom["csltype"]
    number_type = csl_type in maps.NUMBER_TYPES
    if number_type:  # its number is the issue; an issue of its own is kept as extra
        fields.pop("issue", None)
        if item.get("number") is not None:
            fields["issue"] = _text(item["number"], "number")
    for role, attr in (("author", "authors"), ("editor", "editors")):
        if role in item:
            if not isinstance(item[role], list):
                raise TypeError(f"'{role}' must be a list of names")
            fields[attr] = tuple(person_from_csl(p) for p in item[role])
    for var in ("issued", "accessed"):
        if var in item:
            fields[var] = date_from_csl(item[var])
    if "keyword" in item:
        fields["keywords"] = _keywords(item["keyword"])
    extra = _extras(item, number_type=number_type)
    return Work(key=key or str(item.get("id", "")), type=csl_type, extra=extra, **fields)


def _text(value: Any, var: str) -> str:
    if isinstance(value, dict | list):
        raise TypeError(f"'{var}' must be a string or number, not {type(value).__name__}")
    return str(value)


def _keywords(raw: Any) -> tuple[str, ...]:
    """CSL ``keyword``: one string, ``;``-separated when a keyword holds a comma, else
    ``,``-separated (Zotero); or a list."""
    if isinstance(raw, list):
        words = [str(w) for w in raw]
    else:
        text = str(raw)
        words = text.split(";" if ";" in text else ",")
    return tuple(w.strip() for w in words if w.strip())


def _extras(item: dict[str, Any], *, number_type: bool) -> tuple[tuple[str, str], ...]:
    """The item's other variables (under the names other formats use) and its ``custom``;
    ``number`` is one unless the type is of ``NUMBER_TYPES``, whose ``issue`` is one."""
    unmodelled = "issue" if number_type else "number"
    out: list[tuple[str, str]] = []
    for var, value in item.items():
        if var in _HANDLED and (var != unmodelled or value is None):
            continue
        if var in _NAME_VARIABLES and isinstance(value, list):
            names = " and ".join(_bib_name(person_from_csl(p)) for p in value)
            out.append((maps.CSL_TO_EXTRA.get(var, var), names))
        elif var in _DATE_VARIABLES and var not in ("issued", "accessed"):
            out.append((var, date_from_csl(value)))
        else:
            out.append((maps.CSL_TO_EXTRA.get(var, var), _encode(value)))
    custom = item.get("custom")
    if isinstance(custom, dict):
        for name, value in custom.items():
            if name == "csltype":
                continue
            values = value if isinstance(value, list) else [value]
            out.extend((name, _encode(v)) for v in values)
    return tuple(out)


def _bib_name(person: Person) -> str:
    """A name as one element of a BibTeX name list (how extras hold name lists)."""
    return format_names((person,))


def _encode(value: Any) -> str:
    return (
        value
        if isinstance(value, str)
        else "json:" + json.dumps(value, ensure_ascii=False, sort_keys=True)
    )


def _decode(value: str) -> Any:
    """A ``json:`` value as the JSON it holds; one that is not JSON (a hand edit) as text."""
    if not value.startswith("json:"):
        return value
    try:
        return load_json(value[5:], "a json: value", None)
    except ValueError:  # bad JSON, or past the limits
        return value
