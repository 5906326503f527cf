"""Tests of the curation file reader."""

from __future__ import annotations

import pytest

from litreview.commands.init import CURATION_TEMPLATE
from litreview.core.curation import (
    Curation,
    NotDuplicate,
    TagEdit,
    load_curation,
    unknown_references,
)
from litreview.core.errors import InputError

FILLED = """\
tags:
  add:
    - {work: smith2012drugs, facet: crime_type, value: drugs, reason: "mentions opium"}
  remove:
    - {work: unodc2018world, facet: group, value: women, reason: "no women"}
works:
  merge:
    - {keep: a2010x, drop: a2010xb, reason: "same report"}
  not_duplicates:
    - works: [unodc2012world, unodc2018world]
      reason: "different editions"
"""


def test_template_is_empty_and_clean() -> None:
    cur, problems = load_curation(CURATION_TEMPLATE, "c.yaml")
    assert cur == Curation()
    assert problems == []


def test_empty_text_is_empty_curation() -> None:
    assert load_curation("", "c.yaml") == (Curation(), [])


def test_entries_with_lines() -> None:
    cur, problems = load_curation(FILLED, "c.yaml")
    assert problems == []
    assert cur.tag_add == (
        TagEdit(
            work="smith2012drugs",
            facet="crime_type",
            value="drugs",
            reason="mentions opium",
            line=3,
        ),
    )
    assert cur.tag_remove[0].line == 5 and cur.tag_remove[0].value == "women"
    assert cur.merges[0].keep == "a2010x" and cur.merges[0].drop == "a2010xb"
    assert cur.merges[0].line == 8
    assert cur.not_duplicates == (
        NotDuplicate(
            works=frozenset({"unodc2012world", "unodc2018world"}),
            reason="different editions",
            line=10,
        ),
    )
    assert cur.not_duplicate_sets() == (frozenset({"unodc2012world", "unodc2018world"}),)


def test_bad_yaml_is_input_error_with_line() -> None:
    with pytest.raises(InputError) as err:
        load_curation("tags:\n  add:\n    - {work: a, facet: b\n", "c.yaml")
    assert err.value.line is not None and err.value.line >= 3
    assert "c.yaml" in str(err.value)


def test_unknown_keys_and_missing_fields_are_problems() -> None:
    text = (
        "tags:\n  add:\n    - {work: a, facet: f, valu: v}\n"
        "  rename: []\nworks:\n  merge:\n    - {keep: a}\nextra: 1\n"
    )
    cur, problems = load_curation(text, "c.yaml")
    assert cur.tag_add == () and cur.merges == ()
    by_line = {(p.line, p.message) for p in problems}
    assert any(line == 3 and "valu" in msg for line, msg in by_line)
    assert any(line == 3 and "lacks value" in msg for line, msg in by_line)
    assert any(line == 4 and "rename" in msg for line, msg in by_line)
    assert any(line == 7 and "lacks drop" in msg for line, msg in by_line)
    assert any(line == 8 and "extra" in msg for line, msg in by_line)


def test_not_duplicates_needs_two() -> None:
    _, problems = load_curation("works:\n  not_duplicates:\n    - {works: [a]}\n", "c.yaml")
    assert len(problems) == 1 and problems[0].line == 3


def test_unknown_references() -> None:
    cur, _ = load_curation(FILLED, "c.yaml")
    keys = {"smith2012drugs", "unodc2018world", "a2010x", "a2010xb", "unodc2012world"}
    assert unknown_references(cur, keys, None) == []
    problems = unknown_references(
        cur, keys - {"unodc2012world"}, {"crime_type": {"drugs"}, "group": {"men"}}, path="c.yaml"
    )
    msgs = {(p.line, p.message) for p in problems}
    assert (10, "unknown work 'unodc2012world'") in msgs
    assert (5, "unknown value 'women' of facet 'group'") in msgs
    assert all(p.line != 3 for p in problems)


def test_accepted_suggestions_are_read_with_their_lines() -> None:
    text = (
        "tags:\n  accept:\n"
        "    - {work: smith2012drugs, facet: group, value: girls, reason: read it}\n"
        "    - {work: other, facet: group}\n"
    )
    cur, problems = load_curation(text, "c.yaml")
    assert cur.tag_accept == (
        TagEdit(work="smith2012drugs", facet="group", value="girls", reason="read it", line=3),
    )
    assert [(p.line, p.message) for p in problems] == [(4, "accept entry lacks value")]
    assert unknown_references(cur, {"x"}, None, path="c.yaml")[0].line == 3
