"""Records of the model."""

from __future__ import annotations

from dataclasses import fields, replace

from litreview.core.model import Person, Work


def test_with_key_is_replace_with_every_field_kept() -> None:
    work = Work(
        key="a",
        type="book",
        authors=(Person(family="Doe"),),
        title="T",
        extra=(("x", "1"),),
        tex=True,
    )
    moved = work.with_key("b")
    expected = replace(work, key="b")
    assert [getattr(moved, f.name) for f in fields(Work)] == [
        getattr(expected, f.name) for f in fields(Work)
    ]
    assert moved.tex and work.key == "a"
