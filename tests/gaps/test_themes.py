"""Themes named by the taxonomy's labels and their own phrases, with typical examples."""

from __future__ import annotations

import doctest
from dataclasses import replace

from litreview.gaps import themes as themes_module
from litreview.gaps.cluster import ClusterResult, cluster_texts
from litreview.gaps.themes import ALIGN_SHARE, missing_terms, name_themes

TEXTS = [
    "heat stroke deaths among older people",
    "heat stroke admissions of older adults",
    "heat stroke in care homes",
    "river flood damage to homes",
    "river flood insurance claims",
    "river flood warnings for villages",
]
IDS = [f"w{i}" for i in range(6)]
LABELS = {("hazard", "heat"): "Heat", ("hazard", "flood"): "Flooding", ("any", "all"): "Any"}


def clustered():  # type: ignore[no-untyped-def]
    return cluster_texts(TEXTS, IDS, n_clusters=2, random_state=0)


def values(heat_share: int = 3) -> dict[str, set[tuple[str, str]]]:
    """Heat works tagged heat (the first ``heat_share`` of them), flood works flood; every
    work also carries a catch-all value."""
    out: dict[str, set[tuple[str, str]]] = {i: {("any", "all")} for i in IDS}
    for n, i in enumerate(IDS):
        if n < heat_share:
            out[i].add(("hazard", "heat"))
        elif n >= 3:
            out[i].add(("hazard", "flood"))
    return out


def test_doctests() -> None:
    assert doctest.testmod(themes_module).failed == 0


def test_labels_start_with_the_taxonomy_label_never_the_id() -> None:
    found = name_themes(
        clustered(), TEXTS, values=values(), value_labels=LABELS, skip_values={("any", "all")}
    )
    by_first = {t.examples[0]: t for t in found}
    labels = sorted(t.label for t in found)
    assert labels[0].startswith("Flooding: river") and labels[1].startswith("Heat: ")
    assert all("hazard" not in t.label and "Any" not in t.label for t in found)
    assert all(len(t.examples) == 3 and t.size == 3 for t in by_first.values())
    heat = next(t for t in found if t.label.startswith("Heat"))
    assert [v.value for v in heat.values] == ["heat"] and heat.values[0].share == 1.0
    # a phrase saying more than the value label stays; a bare repeat of it never does
    assert heat.label == "Heat: heat stroke, older"


def test_a_value_too_few_members_carry_does_not_name_the_theme() -> None:
    few = values(heat_share=1)  # one heat work in three: below ALIGN_SHARE
    assert ALIGN_SHARE > 1 / 3
    found = name_themes(clustered(), TEXTS, values=few, value_labels=LABELS)
    heat = next(t for t in found if "w0" in clustered().members(t.cluster))
    assert not heat.values and not heat.label.startswith("Heat:")
    assert heat.label[0].isupper()


def test_repeated_labels_are_told_apart() -> None:
    texts = ["flood levee one", "flood levee two", "flood barrier", "flood barrier again"]
    result = cluster_texts(texts, ["a", "b", "c", "d"], n_clusters=2, random_state=0)
    same = {i: {("hazard", "flood")} for i in "abcd"}
    found = name_themes(result, texts, values=same, value_labels=LABELS)
    assert len({t.label for t in found}) == len(found)


def test_a_catch_all_names_a_theme_only_when_nothing_else_does() -> None:
    only = {i: {("hazard", "heat")} if n < 3 else {("any", "all")} for n, i in enumerate(IDS)}
    both = {i: {*v, ("any", "all")} if n < 3 else v for n, (i, v) in enumerate(only.items())}
    skip = {("any", "all")}
    named = name_themes(clustered(), TEXTS, values=only, value_labels=LABELS, skip_values=skip)
    assert sorted(t.label.split(":")[0] for t in named) == ["Any", "Heat"]
    named = name_themes(clustered(), TEXTS, values=both, value_labels=LABELS, skip_values=skip)
    heat = next(t for t in named if t.label.startswith("Heat"))
    assert [v.value for v in heat.values] == ["heat"]  # the catch-all is left out beside it


# Gap statements in three clusters: what each says is missing (its object, "" when none
# was found) and the whole sentence. "Freedonia", the place of the whole corpus, is in all.
STATEMENTS = [
    ("crop yields of smallholders", "Little research exists on crop yields of smallholders."),
    ("crop yields of smallholders", "Despite surveys, crop yields of smallholders are unknown."),
    ("crop yields in Freedonia", "Data on crop yields in Freedonia are lacking."),
    ("", "Cases of blight in Freedonia go unreported despite efforts."),
    ("river silt in Freedonia", "Evidence on river silt in Freedonia is thin."),
    ("river silt", "River silt is poorly understood in Freedonia."),
    ("", "Locust swarms in Freedonia are documented nowhere, and gaps remain."),
    ("", "Few studies of locust swarms in Freedonia exist."),
    ("", "Locust swarms and their groups were not studied."),
]


def planted() -> ClusterResult:
    n = len(STATEMENTS)
    return ClusterResult(
        ids=tuple(f"s{i}" for i in range(n)),
        labels=(0, 0, 0, 0, 1, 1, 2, 2, 2),
        keywords=(),
        coords=tuple((0.0, 0.0) for _ in range(n)),
        k=3,
        stability=1.0,
        silhouette=0.0,
        method="planted",
    )


def test_statement_themes_are_named_by_what_their_statements_say_is_missing() -> None:
    result = planted()
    objects, quotes = [o for o, _ in STATEMENTS], [q for _, q in STATEMENTS]
    by_object, by_quote = missing_terms(result, objects, quotes)
    assert by_object[0][0] == "crop yields" and by_object[1] == ("river silt",)
    assert by_object[2] == ()  # no object: nothing said missing in its own words
    flat = {w for ts in (*by_object, *by_quote) for t in ts for w in t.lower().split()}
    assert not flat & {"freedonia", "despite", "research", "data", "gaps", "cases", "groups"}
    result = replace(result, keywords=by_object)
    silt = {"s4": {("hazard", "silt")}, "s5": {("hazard", "silt")}}
    found = name_themes(
        result, quotes, values=silt, value_labels={("hazard", "silt"): "Silt"}, fallback=by_quote
    )
    # objects name the first; a value and its object the second; the third, which neither a
    # value nor an object names, is named by its sentences' words
    assert [t.label for t in found] == ["Crop yields", "Silt: river silt", "Locust swarms"]
