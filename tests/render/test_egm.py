"""The evidence-and-gap map page: self-contained, data embedded safely."""

from __future__ import annotations

import json
import re
from importlib import resources

import pytest

from litreview.core.model import Citation, Document, Work
from litreview.gaps.register import find_gaps
from litreview.render.egm import egm_data, embed_json, map_pieces, render_map
from litreview.taxonomy import labels_of
from tests.gap_fakes import FACETS, corpus, statements, tag, taxonomy

EVIL = "<img src=x onerror=alert(1)></script><script>alert(2)</script>"


def page_data() -> dict:
    """Map data for the fake corpus plus a work with a hostile title."""
    tags, works = corpus()
    works.append(Work(key="evil", title=EVIL, issued="2020", url="javascript:alert(3)"))
    tags += [tag("evil", "group", "women"), tag("evil", "crime_type", "drugs")]
    cits = [Citation(doc_id="d1", footnote=1, position=0, raw="x", work_key="w1")]
    return egm_data(
        title="Map",
        facets=taxonomy().facets,
        works=works,
        tags=tags,
        statements=statements(),
        citations=cits,
        documents=[Document(doc_id="d1", title="Doc <b>one</b>")],
        citation_text={w.key: w.title for w in works},
        gaps=find_gaps(statements(), tags, works, FACETS, labels=labels_of(taxonomy()).values),
    )


def test_embed_json_cannot_close_script() -> None:
    text = embed_json({"t": EVIL + "&"})
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text) == {"t": EVIL + "&"}


def test_page_is_self_contained_and_escaped() -> None:
    html = render_map(page_data())
    assert "<img" not in html and "alert(2)" in html  # present only as escaped data
    assert not re.search(r"""(src|href)=["']?https?:""", html)
    assert "__DATA__" not in html and "__SCRIPT__" not in html
    assert html.count("</script>") == 2  # the data block and the inline script only
    assert "innerHTML" not in html


def test_data_holds_works_tags_and_documents() -> None:
    data = page_data()
    works = {w["key"]: w for w in data["works"]}
    assert works["w1"]["docs"] == ["d1"] and works["w0"]["docs"] == []
    assert works["w0"]["tags"] == {"crime_type": ["drugs"], "group": ["women"]}
    assert works["evil"]["tags"]["group"] == ["women"]
    assert "ml1" in works and data["thin_max"] == 2
    assert [s["doc_id"] for s in data["statements"]] == ["d1"] * 4
    assert data["statements"][0]["tags"]["crime_type"] == ["laundering"]


def test_data_holds_the_register_gaps_with_their_backing() -> None:
    data = page_data()
    gaps = {g["id"]: g for g in data["gaps"]}
    laundering = gaps["crime_type.laundering--group.women"]
    assert laundering["cell"] == {"crime_type": "laundering", "group": "women"}
    assert laundering["status"] == "stated_confirmed"
    quotes = [data["statements"][b["s"]]["quote"] for b in laundering["backing"]]
    assert quotes == ["quote 100", "quote 200"]


def test_large_corpora_get_plain_citations_small_ones_formatted(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Formatting stops at a size limit so a 100,000-work map is made in seconds."""
    from litreview.core.model import Person
    from litreview.render import bibliography, egm, pandoc_citeproc

    works = [
        Work(
            key=f"w{i}",
            title=f"Title {i}",
            issued="2020",
            authors=(Person(family="Khan", given="A"),),
        )
        for i in range(5)
    ]
    asked: list[int] = []

    def fake(ws, **kw):  # type: ignore[no-untyped-def]
        asked.append(len(ws))
        return {w.key: f"formatted {w.key}" for w in ws}

    monkeypatch.setattr(bibliography, "format_entries", fake)
    for pandoc in (True, False):
        monkeypatch.setattr(pandoc_citeproc, "available", lambda pandoc=pandoc: pandoc)
        small = egm.work_citations(works, limit=5, pandoc_limit=5)
        assert small["w3"] == "formatted w3"
        big = egm.work_citations(works, limit=4 if not pandoc else 99, pandoc_limit=4)
        assert big["w3"] == "Khan, A. (2020). Title 3."  # the plain formatter
    assert asked == [5, 5]


def test_map_in_pieces_is_the_page_in_one_string() -> None:
    data = page_data()
    package = resources.files("litreview.render")
    page = package.joinpath("egm_page.html").read_text("utf-8")
    script = package.joinpath("egm.js").read_text("utf-8")
    whole = page.replace("__SCRIPT__", script).replace("__DATA__", embed_json(data))
    pieces = list(map_pieces(data))
    assert len(pieces) > len(data["works"]) and "".join(pieces) == whole


def test_the_map_data_is_made_when_map_html_is_written(monkeypatch: pytest.MonkeyPatch) -> None:
    """Its record per work is not held beside the other files of ``gaps/`` until then."""
    from litreview.gaps.index import load_settings
    from litreview.render import egm, gap_outputs

    tags, works = corpus()
    made: list[int] = []
    real = egm.egm_data
    monkeypatch.setattr(egm, "egm_data", lambda **kw: made.append(1) or real(**kw))
    inputs = gap_outputs.GapInputs(
        title="Map",
        taxonomy=taxonomy(),  # type: ignore[arg-type]
        settings=load_settings(),
        gaps=[],
        statements=statements(),
        works=works,
        documents=[],
        citations=[],
        counted=tags,
    )
    ctx = gap_outputs.gap_context(inputs.taxonomy, works, [], tags, inputs.settings)
    pieces = gap_outputs._map(inputs, works, ctx)
    assert made == []
    text = "".join(pieces)
    assert made == [1] and '"key":"w1"' in text


def test_streamed_works_make_the_same_page() -> None:
    """``stream=True``: the works' records are made as they are taken, and the page is the
    one of the records made at once."""
    tags, works = corpus()

    def data(stream: bool) -> dict[str, object]:
        return egm_data(
            title="Map",
            facets=taxonomy().facets,
            works=works,
            tags=tags,
            statements=statements(),
            citation_text={w.key: w.title for w in works},
            stream=stream,
        )

    streamed, whole = data(True), data(False)
    assert not isinstance(streamed["works"], list) and isinstance(whole["works"], list)
    assert whole["works"] and "".join(map_pieces(streamed)) == "".join(map_pieces(whole))


def test_the_context_keeps_the_evidence_of_the_named_sources_only() -> None:
    """``sources`` given: the best evidence of those works, as without it, and no other."""
    from litreview.gaps.index import load_settings
    from litreview.render.gap_outputs import gap_context

    tags, works = corpus()
    every = gap_context(taxonomy(), works, [], tags, load_settings())  # type: ignore[arg-type]
    some = gap_context(
        taxonomy(),  # type: ignore[arg-type]
        works,
        [],
        tags,
        load_settings(),
        sources={"w1", "ml1"},
    )
    assert {k[0] for k in some.evidence} == {"w1", "ml1"}
    assert dict(some.evidence) == {k: t for k, t in every.evidence.items() if k[0] in {"w1", "ml1"}}


def test_plain_citations_are_made_when_looked_up(monkeypatch: pytest.MonkeyPatch) -> None:
    """Above the size limit no citation is held: each is made when asked for, and is the
    one the plain formatter gives."""
    from litreview.render import egm

    works = [Work(key=f"w{i}", title=f"Title {i}", issued="2020") for i in range(5)]
    made: list[str] = []
    real = egm.plain_citation
    monkeypatch.setattr(egm, "plain_citation", lambda w: made.append(w.key) or real(w))
    texts = egm.work_citations(works, limit=2, pandoc_limit=2)
    assert made == [] and len(texts) == 5 and list(texts) == [w.key for w in works]
    assert texts["w3"] == real(works[3]) and made == ["w3"]
    assert texts.get("nope", "none") == "none"


def test_statements_in_the_map_show_raised_note_markers_raised() -> None:
    """A statement read from a PDF keeps ``<sup>3</sup>`` in its quote (offsets into the
    text as read); the map shows it as a reader sees it."""
    from dataclasses import replace

    from litreview.render.egm import _statement

    s = replace(statements()[0], quote="Data are lacking.<sup>3</sup>", section="Data<sup>2</sup>")
    shown = _statement(s, FACETS)
    assert (shown["quote"], shown["section"]) == ("Data are lacking.³", "Data²")
    assert shown["char_start"] == s.char_start
