"""An entry's text in parts and patched (:mod:`litreview.formats._bibtex_entry_patch`)."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given, settings

from litreview.core.model import Work
from litreview.formats._bibtex_entry_patch import patch_entry, split_entry
from litreview.formats.bibtex import read_bibtex, write_bibtex
from tests.strategies import works

ENTRIES = [
    "@Article{K,\r\n  Title = {A} # j,\r\n  month   = {May},\r\n  URL={http://x}\r\n}",
    '@book(b, title = "Quoted {Value}", year = 1999,)',
    "@misc{tabs,\n\ttitle\t=\t{Tabs},\n\tnote = {x}\n}",
    "@misc{empty,\n}",
]


@pytest.mark.parametrize("raw", ENTRIES)
def test_the_parts_join_to_the_entry_byte_for_byte(raw: str) -> None:
    entry = split_entry(raw)
    assert entry is not None and entry.text() == raw


@settings(max_examples=30, deadline=None)
@given(works())
def test_every_written_entry_splits_and_joins_back(work: Work) -> None:
    raw = write_bibtex([work]).rstrip("\n")
    entry = split_entry(raw)
    assert entry is not None and entry.text() == raw


@pytest.mark.parametrize(
    "raw",
    [
        "@article{miss, title = {Missing} year = {2002}}",  # a missing comma
        "@article{stray,\n  title = {T}},\n  year = {2001}\n}",  # closed early
        "@misc{nokey}",
    ],
)
def test_an_entry_of_another_layout_is_not_split(raw: str) -> None:
    assert split_entry(raw) is None


def test_only_the_fields_of_what_changed_are_rewritten() -> None:
    raw = "@Article{K,\n  Title = {A},\n  month   = {May},\n  Year = 2001\n}"
    (old,), _ = read_bibtex(raw)
    new = read_bibtex(write_bibtex([replace(old, doi="10.1/x", title="B")]))[0][0]
    old_entry, new_entry = split_entry(raw), split_entry(write_bibtex([new]).rstrip("\n"))
    assert old_entry is not None and new_entry is not None
    minimal = patch_entry(old_entry, new_entry, old, new, "\n", True)
    assert (
        minimal
        == "@Article{K,\n  Title = {B},\n  month   = {May},\n  Year = 2001,\n  doi = {10.1/x}\n}"
    )
    every = patch_entry(old_entry, new_entry, old, new, "\n", False)
    assert "month   = may" in every and "Year = {2001}" in every
    assert read_bibtex(minimal)[0] == read_bibtex(every)[0] == [new]
