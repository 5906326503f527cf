"""Tests of --where selection and tag keywords."""

from __future__ import annotations

import pytest

from litreview.core.errors import InputError
from litreview.core.model import Tag, Work
from litreview.tags.slices import (
    canonical_tag_keywords,
    parse_where,
    parse_wheres,
    select_works,
    split_tag_keywords,
    with_tag_keywords,
)

WORKS = [Work(key=k) for k in ("a", "b", "c", "d")]
TAGS = [
    Tag(work_key="a", facet="group", value="women", source="title"),
    Tag(work_key="a", facet="crime_type", value="drugs", source="title"),
    Tag(work_key="b", facet="group", value="men", source="title"),
    Tag(work_key="c", facet="crime_type", value="drugs", source="title"),
]


@pytest.mark.parametrize("bad", ["group", "=women", "group=", "a=b=c", ""])
def test_parse_where_rejects(bad: str) -> None:
    with pytest.raises(InputError, match="FACET=VALUE"):
        parse_where(bad)


def test_parse_wheres_groups() -> None:
    assert parse_where(" group = women ") == ("group", "women")
    assert parse_wheres(["group=women", "group=men", "crime_type=drugs"]) == {
        "group": {"women", "men"},
        "crime_type": {"drugs"},
    }


def test_select_and_or() -> None:
    keys = lambda ws: [w.key for w in ws]  # noqa: E731
    assert keys(select_works(WORKS, TAGS, ["group=women"])) == ["a"]
    assert keys(select_works(WORKS, TAGS, ["group=women", "group=men"])) == ["a", "b"]
    assert keys(select_works(WORKS, TAGS, ["group=women", "crime_type=drugs"])) == ["a"]
    assert keys(select_works(WORKS, TAGS, {"crime_type": {"drugs"}})) == ["a", "c"]
    assert keys(select_works(WORKS, TAGS, [])) == ["a", "b", "c", "d"]
    assert select_works(WORKS, [], ["group=women"]) == []


def test_with_tag_keywords_no_duplicates() -> None:
    works = [Work(key="a", keywords=("opium", "group:women")), Work(key="d")]
    out = with_tag_keywords(works, TAGS)
    assert out[0].keywords == ("opium", "group:women", "crime_type:drugs")
    assert out[1] is works[1]
    assert with_tag_keywords(out, TAGS) == out


def test_split_and_canonical() -> None:
    w = Work(key="a", keywords=("group: women", "Opium", "group:women", "other:x", "Opium"))
    rest, pairs = split_tag_keywords(w, {"group"})
    assert rest.keywords == ("Opium", "other:x") and pairs == [("group", "women")]
    assert canonical_tag_keywords(w, {"group"}).keywords == ("group:women", "Opium", "other:x")
