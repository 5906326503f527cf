"""Tagged slices of the corpus (``--where FACET=VALUE``) and tags as ``facet:value`` keywords."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping, Sequence

from litreview.core.errors import InputError
from litreview.core.model import Tag, Work, replace

__all__ = [
    "canonical_tag_keywords",
    "check_wheres",
    "parse_where",
    "parse_wheres",
    "select_works",
    "split_tag_keywords",
    "with_tag_keywords",
]


def parse_where(text: str) -> tuple[str, str]:
    """``"facet=value"`` -> ``("facet", "value")``; anything else -> :class:`InputError`."""
    facet, sep, value = text.partition("=")
    facet, value = facet.strip(), value.strip()
    if not sep or not facet or not value or "=" in value:
        raise InputError(f"bad --where {text!r}: expected FACET=VALUE, e.g. group=women")
    return facet, value


def check_wheres(
    conds: Mapping[str, Collection[str]], values: Mapping[str, Collection[str]]
) -> None:
    """:class:`InputError` for a ``--where`` naming a facet or value the taxonomy lacks
    (``values``: each facet's value ids); otherwise the slice would be silently empty."""
    for facet, wanted in sorted(conds.items()):
        if facet not in values:
            known = ", ".join(sorted(values)) or "none"
            raise InputError(
                f"--where {facet}=...: no facet {facet!r} in the taxonomy; facets: {known}"
            )
        unknown = sorted(set(wanted) - set(values[facet]))
        if unknown:
            known = ", ".join(sorted(values[facet]))
            raise InputError(
                f"--where {facet}={unknown[0]}: facet {facet!r} has no value {unknown[0]!r}; "
                f"values: {known}"
            )


def parse_wheres(texts: Iterable[str]) -> dict[str, set[str]]:
    """Several ``FACET=VALUE`` conditions grouped by facet."""
    out: dict[str, set[str]] = defaultdict(set)
    for text in texts:
        facet, value = parse_where(text)
        out[facet].add(value)
    return dict(out)


def _tags_by_work(tags: Iterable[Tag]) -> dict[str, dict[str, set[str]]]:
    out: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for t in tags:
        out[t.work_key][t.facet].add(t.value)
    return out


def select_works(
    works: Sequence[Work],
    tags: Iterable[Tag],
    wheres: Mapping[str, Collection[str]] | Iterable[str],
) -> list[Work]:
    """Works matching every facet of ``wheres`` (any of a facet's values), in the order given.

    ``wheres`` is ``{facet: values}`` or a list of ``"FACET=VALUE"`` strings. No conditions
    selects every work; a work with no tags matches no condition.
    """
    conds = dict(wheres) if isinstance(wheres, Mapping) else parse_wheres(wheres)
    if not conds:
        return list(works)
    by_work = _tags_by_work(tags)

    def matches(w: Work) -> bool:
        have = by_work.get(w.key, {})
        return all(have.get(facet, set()) & set(values) for facet, values in conds.items())

    return [w for w in works if matches(w)]


def with_tag_keywords(works: Sequence[Work], tags: Iterable[Tag]) -> list[Work]:
    """Works with each of their tags added as a ``facet:value`` keyword (no duplicates)."""
    by_work = _tags_by_work(tags)
    out = []
    for w in works:
        extra = [
            f"{f}:{v}" for f, vals in sorted(by_work.get(w.key, {}).items()) for v in sorted(vals)
        ]
        words = tuple(dict.fromkeys(w.keywords + tuple(extra)))
        out.append(replace(w, keywords=words) if words != w.keywords else w)
    return out


def split_tag_keywords(work: Work, facets: Collection[str]) -> tuple[Work, list[tuple[str, str]]]:
    """Separate ``facet:value`` keywords naming one of ``facets`` from a work's other keywords.

    Used on import: such keywords are tags an export carried, not subject keywords; returns the
    work without them (and without duplicate keywords) and the ``(facet, value)`` pairs.
    """
    keep: list[str] = []
    pairs: list[tuple[str, str]] = []
    for kw in dict.fromkeys(k.strip() for k in work.keywords):
        facet, sep, value = kw.partition(":")
        if sep and facet.strip() in facets and value.strip():
            pair = (facet.strip(), value.strip())
            if pair not in pairs:
                pairs.append(pair)
        elif kw:
            keep.append(kw)
    words = tuple(keep)
    return (replace(work, keywords=words) if words != work.keywords else work), pairs


def canonical_tag_keywords(work: Work, facets: Collection[str]) -> Work:
    """A work whose ``facet:value`` keywords (for ``facets``) are written one way, once each.

    ``"group: women"`` and ``"group:women"`` become one ``"group:women"``; other keywords keep
    their spelling and order (exact duplicates dropped).
    """
    out: list[str] = []
    for kw in work.keywords:
        facet, sep, value = kw.partition(":")
        if sep and facet.strip() in facets and value.strip():
            kw = f"{facet.strip()}:{value.strip()}"
        kw = kw.strip()
        if kw and kw not in out:
            out.append(kw)
    words = tuple(out)
    return replace(work, keywords=words) if words != work.keywords else work
