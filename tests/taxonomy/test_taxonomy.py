"""Taxonomy loading (errors with lines, hash) and synonym matching (variants, offsets)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from litreview.core.errors import InputError
from litreview.taxonomy.facets import load_taxonomy
from tests.conftest import ROOT

SMALL = """\
facets:
  - id: topic
    label: Topic
    values:
      - id: water
        label: Water
        synonyms: [water supply, river basin, flood, "irrigat*", policy]
        exclude: [flood light]
      - id: city
        label: City
        synonyms: [megacity, informal settlement]
  - id: people
    values:
      - id: elders
        synonyms: [older person, elderly]
"""


def small():
    return load_taxonomy(SMALL, "small.yaml")


def test_loads_facets_values_and_labels() -> None:
    tax = small()
    assert tax.facet_ids == ("topic", "people")
    assert tax.facet("topic").value_ids == ("water", "city")
    assert tax.facet("people").label == "people"
    assert tax.has_value("topic", "city") and not tax.has_value("people", "city")


def test_hash_ignores_comments_but_not_content() -> None:
    assert load_taxonomy("# note\n" + SMALL, "x").hash == small().hash
    assert load_taxonomy(SMALL.replace("megacity", "metropolis"), "x").hash != small().hash
    assert len(small().short_hash) == 8


def test_mapping_layout_is_accepted() -> None:
    text = "facets:\n  topic:\n    values:\n      water:\n        synonyms: [flood]\n"
    tax = load_taxonomy(text, "m.yaml")
    assert [(m.value, m.phrase) for m in tax.match("Floods!")] == [("water", "Floods")]


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        pytest.param(
            SMALL + "      - id: elders\n        synonyms: [x]\n",
            16,
            "duplicate value",
            id="dup_value",
        ),
        pytest.param(
            SMALL.replace("    label: Topic\n", "    colour: blue\n"),
            3,
            "unknown key 'colour'",
            id="unknown_facet_key",
        ),
        pytest.param(
            SMALL.replace("synonyms: [megacity", "synonym: [megacity"),
            11,
            "unknown key 'synonym'",
            id="unknown_value_key",
        ),
        pytest.param(
            SMALL.replace("- id: people", "- id: topic"), 12, "duplicate facet", id="dup_facet"
        ),
        pytest.param(
            SMALL.replace("[older person, elderly]", "[older person, elderly"),
            16,
            "bad YAML",
            id="bad_yaml",
        ),
        pytest.param(
            SMALL.replace("id: city", "id: City Life"), 9, "lower_snake_case", id="bad_id"
        ),
        pytest.param("facets: []\n", 1, "non-empty", id="no_facets"),
        pytest.param("- a\n", 1, "mapping", id="not_a_mapping"),
    ],
)
def test_broken_taxonomy_is_one_line_error_with_line(text: str, line: int, words: str) -> None:
    with pytest.raises(InputError) as err:
        load_taxonomy(text, "t.yaml")
    assert err.value.line == line
    assert words in str(err.value)
    assert "\n" not in str(err.value) and str(err.value).startswith("t.yaml:")


def test_value_without_synonyms_is_a_warning() -> None:
    tax = load_taxonomy(
        SMALL.replace("synonyms: [older person, elderly]", "label: Elders"), "w.yaml"
    )
    assert len(tax.warnings) == 1 and "people.elders" in tax.warnings[0]
    assert tax.match("the elderly") == []


@pytest.mark.parametrize(
    ("text", "value", "phrase"),
    [
        ("Water-Supply systems", "water", "Water-Supply"),
        ("RIVER BASINS of the south", "water", "RIVER BASINS"),
        ("riverbasin", "water", "riverbasin"),
        ("irrigated fields", "water", "irrigated"),
        ("policies", "water", "policies"),
        ("megacities", "city", "megacities"),
        ("Infórmal séttlements", "city", "Infórmal séttlements"),
        ("the ELDERLY", "elders", "ELDERLY"),
    ],
)
def test_variants_match(text: str, value: str, phrase: str) -> None:
    found = [(m.value, m.phrase) for m in small().match(text)]
    assert (value, phrase) in found


@pytest.mark.parametrize("text", ["floodlight", "a flood light", "megacityscape", "subpolicy"])
def test_word_boundaries_and_excludes(text: str) -> None:
    assert [m.value for m in small().match(text) if m.facet == "topic"] == []


def test_longest_phrase_wins_and_facets_overlap() -> None:
    text = "water supply of the elderly"
    found = [(m.facet, m.value, m.start, m.end) for m in small().match(text)]
    assert found == [("topic", "water", 0, 12), ("people", "elders", 20, 27)]


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "Flood",
                "flóods",
                " ",
                "-",
                "é",
                "ﬁ",
                "İ",
                "river",
                "basin",
                "\n",
                "elderly",
                "x",
                "ß",
                "megacity",
                "’s",
            ]
        ),
        max_size=30,
    )
)
def test_offsets_always_quote_the_text(parts: list[str]) -> None:
    text = "".join(parts)
    for m in small().match(text):
        assert text[m.start : m.end] == m.phrase
        assert m.phrase.strip()


@pytest.fixture(scope="module")
def default():
    return load_taxonomy(
        (ROOT / "bibliography" / "taxonomy.yaml").read_text("utf-8"), "taxonomy.yaml"
    )


def test_default_taxonomy_has_the_contract_ids(default) -> None:
    tax = default
    need = {
        "crime_type": {
            "drugs",
            "human_trafficking",
            "migrant_smuggling",
            "kidnapping_extortion",
            "arms_trafficking",
            "money_laundering",
            "cybercrime",
            "corruption",
            "soc_general",
        },
        "group": {
            "women",
            "girls",
            "men",
            "boys",
            "children",
            "khwaja_sira",
            "religious_minorities",
            "ethnic_minorities",
            "marginalised_poor",
        },
        "gender_dimension": {
            "victimisation",
            "roles_in_soc",
            "masculinities",
            "access_to_justice",
            "gbv_vawg",
            "drug_use_health",
            "economic_impact",
            "policy_legislation",
            "data_disaggregation",
        },
    }
    assert tax.facet_ids == ("crime_type", "group", "gender_dimension")
    for facet, ids in need.items():
        assert ids <= set(tax.facet(facet).value_ids)
    assert not tax.warnings


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Khawaja Sira activism", "khwaja_sira"),
        ("the khwajasara community", "khwaja_sira"),
        ("hijras", "khwaja_sira"),
        ("third-gender people", "khwaja_sira"),
        ("gender non-conforming", "khwaja_sira"),
        ("LGBTQI individuals", "khwaja_sira"),
        ("Intersex", "khwaja_sira"),
        ("money-laundering", "money_laundering"),
        ("Hawala/Hundi system", "money_laundering"),
        ("illicit financial flows", "money_laundering"),
        ("AML/CFT", "money_laundering"),
        ("the FATF grey list", "money_laundering"),
        ("laundered", "money_laundering"),
    ],
)
def test_default_taxonomy_variants(default, text: str, value: str) -> None:
    assert value in {m.value for m in default.match(text)}


def test_spans_are_match_as_tuples(default) -> None:
    text = "Hijra and khawaja-siras; illicit financial flows, hawala and hundi. Children."
    spans = default.spans(text)
    assert spans
    assert spans == [(m.facet, m.value, m.start, m.end) for m in default.match(text)]
    assert default.spans("") == []


ACRONYMS = """\
facets:
  - id: disease
    values:
      - id: hiv
        synonyms: [HIV, AIDS, HIV/AIDS]
      - id: tb
        synonyms: [MDR-TB, tuberculosis]
  - id: body
    values:
      - id: who
        synonyms: [WHO, World Health Organization]
"""


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Mobility aids help stroke survivors.", []),
        ("who knows what works", []),
        ("AIDS and HIV in 2010", [("hiv", "AIDS"), ("hiv", "HIV")]),
        ("Aids in Africa", [("hiv", "Aids")]),  # a house style that capitalises the acronym
        ("the hiv/aids epidemic", []),
        ("the WHO said", [("who", "WHO")]),
        ("mdr-tb in Peru; MDR-TB in Lima", [("tb", "MDR-TB")]),
        ("Ärzte: AIDS, aids", [("hiv", "AIDS")]),  # offsets mapped back in folded text
        ("Tuberculosis in tb wards", [("tb", "Tuberculosis")]),
    ],
)
def test_an_acronym_does_not_match_the_word_in_lower_case(
    text: str, found: list[tuple[str, str]]
) -> None:
    tax = load_taxonomy(ACRONYMS, "acronyms.yaml")
    assert sorted((m.value, m.phrase) for m in tax.match(text)) == sorted(found)
