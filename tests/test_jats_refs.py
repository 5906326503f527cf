"""Real journal references from publishers' JATS markup (benchmarks/make_jats_refs.py): the
printed string and the tagged fields, and nothing scored that the markup leaves untagged."""

from __future__ import annotations

import json
import sys
from xml.etree import ElementTree

from tests.conftest import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
from make_jats_refs import record  # type: ignore[import-not-found]

sys.path.remove(str(ROOT / "benchmarks"))

JOURNAL = (
    '<mixed-citation publication-type="journal" xmlns:xlink="http://www.w3.org/1999/xlink">'
    "<name><surname>Roe</surname><given-names>JA</given-names></name>, "
    "<name><surname>Doe</surname> <given-names>B</given-names></name>. "
    "<article-title>Wheat in <italic>dry</italic> soils</article-title>. "
    "<source>J Agron</source>. <year>2009</year>;<volume>15</volume>(<issue>1</issue>):"
    "<fpage>140</fpage>–<lpage>7</lpage>. doi: "
    '<ext-link xlink:href="https://doi.org/10.1000/x.1">10.1000/x.1</ext-link> '
    '<ext-link xlink:href="http://www.ncbi.nlm.nih.gov/pubmed/123">123</ext-link>'
    "</mixed-citation>"
)


def test_a_journal_reference_is_printed_and_tagged() -> None:
    rec = record(ElementTree.fromstring(JOURNAL), "a1", "r1")
    assert rec is not None
    assert rec["raw"] == (
        "Roe JA, Doe B. Wheat in dry soils. J Agron. 2009;15(1):140–7. doi: 10.1000/x.1 123"
    )
    fields = rec["fields"]
    assert fields["author"] == [{"family": "Roe", "given": "JA"}, {"family": "Doe", "given": "B"}]
    assert (fields["title"], fields["container-title"]) == ("Wheat in dry soils", "J Agron")
    assert (fields["year"], fields["volume"], fields["issue"]) == ("2009", "15", "1")
    assert (fields["pages"], fields["doi"]) == ("140–7", "10.1000/x.1")
    assert "url" not in fields  # a PubMed number's link is not a printed URL
    assert rec["meta"]["untagged"] == ["url"]
    json.dumps(rec)


def test_what_a_plain_reference_does_not_tag_is_not_scored() -> None:
    other = (
        '<mixed-citation publication-type="other"><name><surname>Roe</surname>'
        "<given-names>J</given-names></name> (2008) A report on wheat. Rome: FAO.</mixed-citation>"
    )
    rec = record(ElementTree.fromstring(other), "a1", "r2")
    assert rec is not None
    assert rec["fields"] == {"author": [{"family": "Roe", "given": "J"}]}
    assert {"year", "title", "container-title", "volume", "pages"} <= set(rec["meta"]["untagged"])


def test_the_committed_set_is_never_trained_on() -> None:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        from refparse_train_data import held_out_texts  # type: ignore[import-not-found]
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    path = ROOT / "benchmarks" / "refparse_data" / "plos_mixed.jsonl"
    first = json.loads(path.read_text("utf-8").splitlines()[0])
    assert first["raw"] in held_out_texts()
