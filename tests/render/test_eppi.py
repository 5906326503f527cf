"""The EPPI-Reviewer export of the tags."""

from __future__ import annotations

import json

from litreview.core.model import Work
from litreview.render.eppi import eppi_json, eppi_pieces, eppi_record
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


def test_eppi_in_pieces_is_the_record_dumped_whole() -> None:
    tags, works = corpus()
    works.append(Work(key="ü", title="Ünïcode “quoted”\n", issued="2020"))
    facets = taxonomy().facets
    whole = json.dumps(eppi_record(facets, works, tags), ensure_ascii=False) + "\n"
    pieces = list(eppi_pieces(facets, works, tags))
    assert len(pieces) == len(works) + 2 and "".join(pieces) == whole
    assert eppi_json(facets, works, tags) == whole
    assert "".join(eppi_pieces(facets, [], [])) == (
        json.dumps(eppi_record(facets, [], []), ensure_ascii=False) + "\n"
    )
