"""The documents' benchmark lists the fields a parse gets wrong, as its score counts them."""

from __future__ import annotations

import sys
from typing import Any

from tests.conftest import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
from refparse_documents import (  # type: ignore[import-not-found]
    DocRef,
    _reference_in,
    misses,
    score,
)
from refparse_scoring import record_misses  # type: ignore[import-not-found]

sys.path.remove(str(ROOT / "benchmarks"))


def _parse(raw: str) -> dict[str, Any]:
    """A stand-in parser: a title for every string, an author for one, no date."""
    item: dict[str, Any] = {"title": raw.split(".")[0], "container-title": "Journal"}
    if raw.startswith("Smith"):
        item["author"] = [{"family": "Smith", "given": "J"}]
    return item


def test_misses_are_the_false_negatives_and_positives_of_the_score() -> None:
    refs = [
        DocRef("d", "Smith J. A title. Journal.", {"author": "Smith J", "title": "Smith J"}),
        DocRef("d", "Body. Other.", {"title": "Body", "year": 2001}),
        DocRef("d", "", {"title": "Lost"}),
    ]
    found = {(refs.index(m.ref), m.field) for m in misses(refs, _parse)}
    assert found == {(0, "container"), (1, "year"), (1, "container"), (2, "title")}
    result = score(refs, _parse)
    wrong = sum(result[f]["fn"] + result[f]["fp"] for f in ("author", "title", "year", "container"))
    assert wrong >= len(found)
    assert misses(refs, _parse, ("author",)) == []


def test_record_misses_compare_fields_as_the_scorer_does() -> None:
    records = [
        {"id": "a", "raw": "Smith J. A title. Journal.", "fields": {"title": "SMITH, J"}},
        {"id": "b", "raw": "Body. Other.", "fields": {"title": "Another", "publisher": "P"}},
    ]
    found = record_misses(_parse, records, ("title", "publisher", "container-title"))
    # case and punctuation do not count; a wrong, a missing and an extra value do
    assert [(m.record["id"], m.field) for m in found] == [
        ("a", "container-title"),
        ("b", "title"),
        ("b", "publisher"),
        ("b", "container-title"),
    ]
    assert found[1].gold == "Another" and found[1].parsed == "Body"


def test_a_reference_found_in_a_note_starts_at_its_title_when_the_title_comes_first() -> None:
    """The string scored is the whole reference: "“Title,” Agency, accessed ..." starts at
    the title with its quotation mark, not at the gold author after it; an author-first
    reference after prose starts at the author."""
    note = (
        "Those paroled were authorized to work. “Harbour Watch,” Port Agency, Office of"
        " Data, accessed May 4, 2024, https://example.org/harbour (site discontinued)."
    )
    found = _reference_in(note, "https://example.org/harbour", "Port Agency", "Harbour Watch")
    assert found.startswith("“Harbour Watch,” Port Agency")
    note = "As the board found, see Port Agency, Harbour Watch (2020)."
    assert _reference_in(note, "Harbour Watch", "Port Agency", "Harbour Watch") == (
        "Port Agency, Harbour Watch (2020)."
    )
