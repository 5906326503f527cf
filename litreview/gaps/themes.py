"""Clusters named as a person would name them (pure).

A theme's label starts with the taxonomy's labels (never its ids) of the values the cluster
lines up with: values that at least ``ALIGN_SHARE`` of its members carry, ``ALIGN_LIFT``
times as often as the corpus does (a catch-all value only when no other value does). Then the
cluster's most distinctive phrases (:mod:`litreview.gaps.cluster_terms`) that the value labels
do not already say. Each theme also keeps its most typical members as examples (titles of
works, quotes of gap statements). Gap statements are clustered and named the same way, from
the values they name and their own words: what they say is missing.

Examples
--------
>>> from litreview.gaps.cluster import cluster_texts
>>> texts = ["heat deaths in cities", "heat stroke deaths", "flood damage to homes",
...          "flood insurance claims", "heat and mortality", "river flood warnings"]
>>> result = cluster_texts(texts, [f"w{i}" for i in range(6)], n_clusters=2)
>>> values = {f"w{i}": {("hazard", "heat" if "heat" in t else "flood")}
...           for i, t in enumerate(texts)}
>>> labels = {("hazard", "heat"): "Heat", ("hazard", "flood"): "Flooding"}
>>> sorted(t.label.split(":")[0] for t in name_themes(result, texts, values=values,
...                                                   value_labels=labels))
['Flooding', 'Heat']
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, replace

from litreview.gaps.cluster import ClusterResult
from litreview.gaps.cluster_terms import TermRules, distinctive_terms

__all__ = [
    "ALIGN_LIFT",
    "ALIGN_SHARE",
    "STATEMENT_RULES",
    "Theme",
    "ValueShare",
    "missing_terms",
    "name_themes",
]

ALIGN_SHARE = 0.5  # a value names a theme when at least this share of its members carry it
ALIGN_LIFT = 1.5  # ... and they carry it this many times as often as the corpus does
MAX_VALUES = 2  # value labels in a theme's label
MAX_PHRASES = 2  # phrases after the value labels (one more when no value lines up)

FacetValue = tuple[str, str]
Terms = tuple[tuple[str, ...], ...]

#: How the phrases of gap statements are chosen: as for works, and never a gap cue word.
STATEMENT_RULES = TermRules(cue_words=True)


@dataclass(frozen=True, slots=True, kw_only=True)
class ValueShare:
    """A taxonomy value a theme lines up with: ``share`` of its members carry it, ``lift``
    times the corpus's rate."""

    facet: str
    value: str
    label: str
    share: float
    lift: float


@dataclass(frozen=True, slots=True, kw_only=True)
class Theme:
    """One cluster, named: its ``label``, size, distinctive ``terms``, the taxonomy values it
    lines up with, and its most typical members (``example_ids`` and their texts)."""

    cluster: int
    label: str
    size: int
    terms: tuple[str, ...]
    values: tuple[ValueShare, ...]
    example_ids: tuple[str, ...]
    examples: tuple[str, ...]


def name_themes(
    result: ClusterResult,
    texts: Sequence[str],
    *,
    values: Mapping[str, Collection[FacetValue]] | None = None,
    value_labels: Mapping[FacetValue, str] | None = None,
    skip_values: Collection[FacetValue] = (),
    examples: Mapping[str, str] | None = None,
    n_examples: int = 3,
    fallback: Terms = (),
) -> tuple[Theme, ...]:
    """Name every cluster of ``result``. Its phrases are the clusterer's keywords
    (``result.keywords``: the distinctive terms of its naming texts, read from at most
    ``label_sample`` texts a cluster, so naming costs the same at any corpus size).
    ``texts[i]`` is the text shown for ``result.ids[i]`` unless ``examples`` (id -> text)
    says otherwise; ``values`` maps an id to the taxonomy values it carries (tags of a work,
    values a statement names); ``value_labels`` gives each value's label; ``skip_values``
    (catch-alls) name a theme only when no other value does; ``fallback[c]``: the phrases
    of cluster ``c`` when it has none of its own, named in its label only when no value lines
    up with it."""
    values = values or {}
    labels = value_labels or {}
    terms = result.keywords
    shown = examples or dict(zip(result.ids, texts, strict=True))
    rates = _rates(result.ids, values)
    themes = []
    for c in range(result.k):
        members = result.members(c)
        aligned = _aligned(members, values, rates, labels, skip_values)
        central = tuple(i for i in result.central(c, len(members)) if shown.get(i))[:n_examples]
        own = terms[c] if c < len(terms) else ()
        other = fallback[c] if c < len(fallback) else ()
        themes.append(
            Theme(
                cluster=c,
                label=_label(aligned, own or (() if aligned else other)),
                size=len(members),
                terms=own or other,
                values=aligned,
                example_ids=central,
                examples=tuple(shown.get(i, "") for i in central),
            )
        )
    return _distinct_labels(themes)


def missing_terms(
    result: ClusterResult,
    objects: Sequence[str],
    quotes: Sequence[str],
    *,
    n: int = 5,
    rules: TermRules = STATEMENT_RULES,
) -> tuple[Terms, Terms]:
    """Per cluster of gap statements, the distinctive phrases of what they say is missing,
    under ``rules``: of their objects (``objects[i]``, the objects of ``result.ids[i]`` joined
    by "; ", :func:`litreview.gaps.objects.statement_objects`); and of their whole ``quotes``,
    for a theme that neither a value nor an object names. The words every cluster uses are
    read from the quotes (:func:`~litreview.gaps.cluster_terms.distinctive_terms`)."""
    by_object = distinctive_terms(objects, result.labels, n=n, rules=rules, background=quotes)
    if not result.k or all(by_object):
        return tuple(by_object), tuple(() for _ in by_object)
    by_quote = distinctive_terms(quotes, result.labels, n=n, rules=rules)
    return tuple(by_object), tuple(by_quote)


def _rates(
    ids: Sequence[str], values: Mapping[str, Collection[FacetValue]]
) -> dict[FacetValue, float]:
    """Share of all ``ids`` carrying each value."""
    counts = Counter(v for i in ids for v in set(values.get(i, ())))
    return {v: n / max(1, len(ids)) for v, n in counts.items()}


def _aligned(
    members: Sequence[str],
    values: Mapping[str, Collection[FacetValue]],
    rates: Mapping[FacetValue, float],
    labels: Mapping[FacetValue, str],
    skip: Collection[FacetValue],
) -> tuple[ValueShare, ...]:
    """The values the members line up with, at most one per facet and ``MAX_VALUES`` in all,
    the most shared first; a catch-all (``skip``) only when no other value lines up."""
    counts = Counter(v for i in members for v in set(values.get(i, ())))
    found = []
    for (facet, value), n in counts.items():
        share = n / len(members)
        lift = share / rates[(facet, value)]
        if share >= ALIGN_SHARE and lift >= ALIGN_LIFT:
            label = labels.get((facet, value), "")
            if label:
                found.append(
                    ValueShare(facet=facet, value=value, label=label, share=share, lift=lift)
                )
    specific = [v for v in found if (v.facet, v.value) not in skip]
    found = specific or found
    found.sort(key=lambda v: (-v.share, -v.lift, v.facet, v.value))
    per_facet: dict[str, ValueShare] = {}
    for v in found:
        per_facet.setdefault(v.facet, v)
    return tuple(sorted(per_facet.values(), key=found.index)[:MAX_VALUES])


def _label(aligned: Sequence[ValueShare], terms: Sequence[str]) -> str:
    """The value labels joined by " · ", then a colon and the phrases they do not say."""
    said = {w for v in aligned for w in _words(v.label)}
    extra = [t for t in terms if not all(_said(w, said) for w in _words(t))]
    head = " · ".join(v.label for v in aligned)
    tail = ", ".join(extra[: MAX_PHRASES if head else MAX_PHRASES + 1])
    if head and tail:
        return f"{head}: {tail}"
    text = head or tail or "no distinctive words"
    first = text.split(" ", 1)[0]
    # a word written with capitals of its own ("miRNAs") keeps them at the label's head
    return text if any(c.isupper() for c in first) else text[0].upper() + text[1:]


def _said(word: str, said: Collection[str]) -> bool:
    """``word`` or a word it begins, or that begins it, is in ``said`` ("flood" is said by
    "Flooding")."""
    return (
        any(w.startswith(word) or word.startswith(w) for w in said if min(len(w), len(word)) >= 4)
        or word in said
    )


def _words(text: str) -> set[str]:
    """Lower-case words of ``text``, plurals folded (``"Drugs"`` says ``"drug"``)."""
    return {
        w[:-1] if len(w) > 3 and w.endswith("s") else w
        for w in re.findall(r"[^\W\d_]+", text.lower())
    }


def _distinct_labels(themes: list[Theme]) -> tuple[Theme, ...]:
    """Themes whose labels repeat get their next distinctive phrase added."""
    seen = Counter(t.label for t in themes)
    out = []
    for t in themes:
        if seen[t.label] > 1:
            rest = [x for x in t.terms if x.lower() not in t.label.lower()]
            if rest:
                t = replace(t, label=f"{t.label} ({rest[0]})")
        out.append(t)
    return tuple(out)
