"""The evidence-and-gap map: ``gaps/map.html``, one self-contained file.

The page (``egm_page.html`` + ``egm.js``, inlined) reads its data from an embedded JSON block
in which ``<``, ``>`` and ``&`` are written as ``\\u003c`` etc., so no corpus text can close
the script; the script puts every text on the page with ``textContent``. No CDN, no network.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from importlib import resources
from typing import Any

from litreview.core.model import Citation, Document, GapStatement, Tag, Work
from litreview.core.texmarkup import plain_work
from litreview.core.text import as_shown
from litreview.gaps.gap import Gap

__all__ = [
    "FORMAT_LIMIT",
    "PANDOC_FORMAT_LIMIT",
    "egm_data",
    "embed_json",
    "map_pieces",
    "plain_citation",
    "render_map",
    "work_citations",
]

#: Above this many works, citations are formatted by a fast plain formatter, not citeproc.
FORMAT_LIMIT = 40
PANDOC_FORMAT_LIMIT = 3000


def embed_json(data: Any) -> str:
    """JSON safe inside a ``<script>`` element: ``<``, ``>``, ``&`` escaped as ``\\u00XX``."""
    return _script_safe(json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")))


def _script_safe(text: str) -> str:
    return (
        text.replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


def _embed_pieces(data: Mapping[str, Any]) -> Iterator[str]:
    """:func:`embed_json` of ``data`` a piece at a time: each item of a list value is one (a
    value that is an iterator is written as the list of its items, made as they are written)."""
    yield "{"
    for n, key in enumerate(sorted(data)):
        head = ("," if n else "") + embed_json(key) + ":"
        value = data[key]
        if not isinstance(value, (list, Iterator)):
            yield head + embed_json(value)
            continue
        yield head + "["
        for i, item in enumerate(value):
            yield ("," if i else "") + embed_json(item)
        yield "]"
    yield "}"


def render_map(data: Mapping[str, Any]) -> str:
    """The whole page with ``data`` (see :func:`egm_data`) embedded."""
    return "".join(map_pieces(data))


def map_pieces(data: Mapping[str, Any]) -> Iterator[str]:
    """The text of :func:`render_map` a piece at a time (the map of a million works is never
    one string)."""
    package = resources.files("litreview.render")
    page = package.joinpath("egm_page.html").read_text("utf-8")
    script = package.joinpath("egm.js").read_text("utf-8")
    for n, part in enumerate(page.replace("__SCRIPT__", script).split("__DATA__")):
        if n:
            yield from _embed_pieces(data)
        yield part


def egm_data(
    *,
    title: str,
    facets: Sequence[Any],
    works: Sequence[Work],
    tags: Iterable[Tag],
    statements: Sequence[GapStatement],
    citations: Iterable[Citation] = (),
    documents: Sequence[Document] = (),
    thin_max: int = 2,
    citation_text: Mapping[str, str] | None = None,
    gaps: Sequence[Gap] = (),
    stream: bool = False,
) -> dict[str, Any]:
    """The map's data: facets, works with their tags and citing documents, statements, and
    the register's gaps (each with its cell and the statements backing it, by index).
    ``stream``: the works' records as an iterator that makes each as it is taken (for
    :func:`map_pieces`: the records of a million works are never held together)."""
    facet_ids = [f.id for f in facets]
    work_tags: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for t in tags:
        work_tags[t.work_key][t.facet].add(t.value)
    cited_by: dict[str, set[str]] = defaultdict(set)
    for c in citations:
        if c.work_key:
            cited_by[c.work_key].add(c.doc_id)
    texts = citation_text if citation_text is not None else work_citations(works)
    ordered = sorted(statements, key=lambda s: (s.doc_id, s.char_start, s.char_end))
    index = {(s.doc_id, s.char_start, s.char_end): i for i, s in enumerate(ordered)}
    labels = {(f.id, v.id): v.label for f in facets for v in f.values}
    records = (
        _work(w, work_tags[w.key], cited_by.get(w.key, set()), texts)
        for w in sorted(works, key=lambda w: w.key)
        if w.key in work_tags
    )
    return {
        "title": title,
        "thin_max": thin_max,
        "facets": [
            {
                "id": f.id,
                "label": f.label,
                "values": [{"id": v.id, "label": v.label} for v in f.values],
            }
            for f in facets
        ],
        "documents": [
            {"id": d.doc_id, "title": d.title} for d in sorted(documents, key=lambda d: d.doc_id)
        ],
        "types": sorted({w.type for w in works if w.type}),
        "works": records if stream else list(records),
        "statements": [_statement(s, facet_ids) for s in ordered],
        "gaps": [_gap(g, index, labels) for g in gaps],
    }


def _work(
    w: Work, tags: Mapping[str, set[str]], docs: set[str], texts: Mapping[str, str]
) -> dict[str, Any]:
    link = w.url or (f"https://doi.org/{w.doi}" if w.doi else "")
    return {
        "key": w.key,
        "year": int(w.year) if w.year else None,
        "type": w.type,
        "citation": texts.get(w.key, w.title),
        "link": link,
        "docs": sorted(docs),
        "tags": {f: sorted(v) for f, v in sorted(tags.items())},
    }


def _one_line(text: str) -> str:
    """``text`` as a reader sees it, on one line."""
    return " ".join(as_shown(text).split())


def _statement(s: GapStatement, facets: Sequence[str]) -> dict[str, Any]:
    """A statement for the map: where it is, its quote and section as a reader sees them
    (:func:`~litreview.core.text.as_shown`), its values."""
    shown = {"quote": as_shown(s.quote), "section": as_shown(s.section)}
    return {**s.located(), **shown, "tags": {f: list(s.values(f)) for f in facets if s.values(f)}}


def _gap(
    g: Gap, index: Mapping[tuple[str, int, int], int], labels: Mapping[tuple[str, str], str]
) -> dict[str, Any]:
    """A register gap for the map: rank, title, status, cell, works, and its backing
    statements (indices into ``statements``) with the words naming each value."""
    backing = [
        {
            "s": index[key],
            "words": " · ".join(
                dict.fromkeys(
                    f"{labels.get((m.facet, m.value), m.value)}: “{_one_line(m.quote)}”"
                    + ("" if m.source == "statement" else f" ({m.source})")
                    for m in b.mentions
                )
            ),
        }
        for b in g.backing
        if (key := (b.statement.doc_id, b.statement.char_start, b.statement.char_end)) in index
    ]
    return {
        "rank": g.rank,
        "id": g.id,
        "title": g.title,
        "status": g.status,
        "cell": dict(g.cell),
        "n_works": g.n_works,
        "score": g.score,
        "backing": backing,
    }


def work_citations(
    works: Sequence[Work], *, limit: int = FORMAT_LIMIT, pandoc_limit: int = PANDOC_FORMAT_LIMIT
) -> Mapping[str, str]:
    """A formatted (APA) citation per work key.

    pandoc formats about a thousand works a second (all in one run), citeproc-py about 60;
    above ``pandoc_limit`` works with pandoc, or ``limit`` without it, a fast APA-like
    formatter is used instead, so the map of a large corpus is made in seconds. Either way
    every work gets a citation; one made by the fast formatter is made when it is looked up
    (the citations of a million works are never held together).
    """
    from litreview.render import pandoc_citeproc
    from litreview.render.bibliography import format_entries

    texts: dict[str, str] = {}
    if len(works) <= (pandoc_limit if pandoc_citeproc.available() else limit):
        try:
            texts = format_entries(works, style="apa", output="text")
        except (ValueError, KeyError, TypeError, AttributeError, IndexError):
            texts = {}  # an unformattable corpus must not lose the map
    return _Citations(works, texts)


class _Citations(Mapping[str, str]):
    """Work key -> citation: the formatted one when there is one, else
    :func:`plain_citation` of the work, made on each look-up."""

    def __init__(self, works: Sequence[Work], formatted: Mapping[str, str]) -> None:
        self._works = {w.key: w for w in works}
        self._formatted = formatted

    def __getitem__(self, key: str) -> str:
        return self._formatted.get(key) or plain_citation(self._works[key])

    def __iter__(self) -> Iterator[str]:
        return iter(self._works)

    def __len__(self) -> int:
        return len(self._works)


def plain_citation(w: Work) -> str:
    """An APA-like citation without citeproc: authors (year). Title. Container. Publisher."""
    w = plain_work(w)
    names = [
        p.literal or ", ".join(x for x in (p.family, _initials(p.given)) if x) for p in w.authors
    ]
    who = (
        names[0] if len(names) == 1 else ", ".join(names[:-1]) + ", & " + names[-1] if names else ""
    )
    head = f"{who or w.title or w.key} ({w.year or 'n.d.'})."
    where = ", ".join(
        x
        for x in (
            w.container,
            w.volume and f"{w.volume}" + (f"({w.issue})" if w.issue else ""),
            w.pages,
        )
        if x
    )
    parts = [
        head,
        f"{w.title}." if who and w.title else "",
        f"{where}." if where else "",
        f"{w.publisher}." if w.publisher and w.publisher != who else "",
        w.url or (f"https://doi.org/{w.doi}" if w.doi else ""),
    ]
    return " ".join(p for p in parts if p)


def _initials(given: str) -> str:
    return " ".join(f"{g[0]}." for g in given.replace(".", " ").split() if g)
