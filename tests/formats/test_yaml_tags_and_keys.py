"""YAML bibliographies (CITATION.cff, CSL-YAML, Hayagriva) read every value as the text
written: an explicit tag is no type of theirs, and a key that is a mapping or a list is one
error at its line (both found by the fuzzing of bench_hostile.py: ConstructorError and
"unhashable key" escaped)."""

from __future__ import annotations

import pytest

from litreview.formats.cff import read_cff
from litreview.formats.cslyaml import read_cslyaml
from litreview.formats.hayagriva import read_hayagriva


@pytest.mark.parametrize(
    ("tagged", "text"),
    [
        ("!foo Tides", "Tides"),
        ("!!python/object:os.system Tides", "Tides"),
        ("!!float Tides", "Tides"),
        ("!!int Tides", "Tides"),
        ("!!binary VGlkZXM=", "VGlkZXM="),
        ("!!timestamp 2001-01-01", "2001-01-01"),
    ],
)
def test_an_explicit_tag_leaves_the_text_written(tagged: str, text: str) -> None:
    works, problems = read_cff(f"cff-version: 1.2.0\ntitle: {tagged}\n", "CITATION.cff")
    assert [w.title for w in works] == [text] and not problems
    works, _ = read_hayagriva(f"a:\n  type: article\n  title: {tagged}\n", "h.yml")
    assert [w.title for w in works] == [text]
    works, _ = read_cslyaml(f"- id: a\n  type: book\n  title: {tagged}\n", "c.yaml")
    assert [w.title for w in works] == [text]


def test_a_plain_integer_stays_an_integer_and_a_tagged_one_too() -> None:
    from litreview.formats._yaml_text import compose, construct

    for year in ("2020", "!!int 2020"):
        root, _ = compose(f"year: {year}\ntitle: !!int T\n", "f.yaml", "a test")
        assert root is not None and construct(root) == {"year": 2020, "title": "T"}
    (work,), _ = read_cff("cff-version: 1.2.0\ntitle: T\nyear: !!int 2020\n", "CITATION.cff")
    assert work.issued == "2020"


@pytest.mark.parametrize(
    "text",
    [
        "{" * 30 + "}" * 30,
        "cff-version: 1.2.0\ntitle: x\n? [a, b]\n: c\n",
        "cff-version: 1.2.0\nreferences:\n  - {title: t, {a: 1}: x}\n",
    ],
    ids=["nested", "list key", "mapping key"],
)
def test_a_key_that_is_a_mapping_or_a_list_is_one_error(text: str) -> None:
    for read in (read_cff, read_cslyaml, read_hayagriva):
        works, problems = read(text, "f.yaml")
        assert works == [] and len(problems) == 1
        assert problems[0].severity == "error" and "a key that is itself" in problems[0].message


def test_a_plain_key_is_text_whatever_it_looks_like() -> None:
    """``~: x`` and ``1: x`` are keys named "~" and "1", kept with the unknown fields: read as
    null and an integer beside text keys, they could not be sorted when the fields were
    written back (a TypeError the fuzzing found)."""
    text = "cff-version: 1.2.0\ntitle: T\n1: x\nauthors:\n  - family-names: Roe\n    ~: y\n"
    (work,), problems = read_cff(text, "CITATION.cff")
    assert not problems
    extra = dict(work.extra)
    assert extra["CFF:1"] == "x" and '"~": "y"' in extra["CFF:authors"]
    (item,), _ = read_cslyaml("- id: a\n  type: book\n  title: T\n  ~: y\n  2: z\n", "c.yaml")
    assert item.title == "T"
