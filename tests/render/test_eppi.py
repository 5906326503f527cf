"""The EPPI-Reviewer export of the tags."""

from __future__ import annotations

from litreview.render.eppi import eppi_record
from tests.gap_fakes import corpus, taxonomy


def test_eppi_shape() -> None:
    tags, works = corpus()
    rec = eppi_record(taxonomy().facets, works, tags)
    top = rec["CodeSets"][0]["Attributes"]["AttributesList"]
    assert [a["AttributeName"] for a in top] == ["Crime type", "Group", "Dimension"]
    ids = {a["AttributeId"] for t in top for a in t["Attributes"]["AttributesList"]}
    refs = {r["OldItemId"]: r for r in rec["References"]}
    assert len(refs) == len(works)
    assert {c["AttributeId"] for c in refs["w0"]["Codes"]} <= ids and len(refs["w0"]["Codes"]) == 2
