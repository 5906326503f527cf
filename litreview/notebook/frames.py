"""pandas DataFrame views of the corpus, for notebooks. Pure: records in, frames out."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict

import pandas as pd

from litreview.core.model import Citation, Document, GapStatement, Tag, Work


def works_frame(works: Sequence[Work]) -> pd.DataFrame:
    """One row per work: key, type, authors, year, title, container, publisher, url, doi."""
    rows = [
        {
            "key": w.key,
            "type": w.type,
            "authors": "; ".join(p.display() for p in w.authors),
            "year": w.year,
            "title": w.title,
            "container": w.container,
            "publisher": w.publisher,
            "url": w.url,
            "doi": w.doi,
        }
        for w in works
    ]
    columns = ["key", "type", "authors", "year", "title", "container", "publisher", "url", "doi"]
    return pd.DataFrame(rows, columns=columns).set_index("key", drop=False)


def documents_frame(docs: Sequence[Document]) -> pd.DataFrame:
    """One row per document under review."""
    columns = ["doc_id", "path", "title", "author", "year", "work_key"]
    return pd.DataFrame([asdict(d) for d in docs], columns=columns)


def citations_frame(cits: Sequence[Citation]) -> pd.DataFrame:
    """One row per citation instance (document, footnote, work, citing context)."""
    columns = [
        "doc_id",
        "footnote",
        "position",
        "raw",
        "work_key",
        "context",
        "section",
        "kind",
        "char_start",
        "char_end",
    ]
    frame = pd.DataFrame([asdict(c) for c in cits], columns=columns)
    return frame.astype({"footnote": "Int64", "char_start": "Int64", "char_end": "Int64"})


def tags_frame(tags: Sequence[Tag]) -> pd.DataFrame:
    """One row per tag with its evidence (quote, document, offsets), source and score."""
    rows = [
        {
            "work_key": t.work_key,
            "facet": t.facet,
            "value": t.value,
            "source": t.source,
            "kind": t.source.split(":", 1)[0],
            "evidence": t.evidence.quote,
            "doc_id": t.evidence.doc_id,
            "char_start": t.evidence.char_start,
            "char_end": t.evidence.char_end,
            "score": t.score,
        }
        for t in tags
    ]
    columns = [
        "work_key",
        "facet",
        "value",
        "source",
        "kind",
        "evidence",
        "doc_id",
        "char_start",
        "char_end",
        "score",
    ]
    frame = pd.DataFrame(rows, columns=columns)
    return frame.astype({"char_start": "Int64", "char_end": "Int64", "score": "float64"})


def statements_frame(stmts: Sequence[GapStatement]) -> pd.DataFrame:
    """One row per gap statement; one column per facet the statements carry (in their order),
    values joined with ``;``."""
    facets = list(dict.fromkeys(f for s in stmts for f, _ in s.facets))
    rows = [{**s.located(), **{f: ";".join(s.values(f)) for f in facets}} for s in stmts]
    columns = ["doc_id", "char_start", "char_end", "section", "quote", *facets, "strength"]
    return pd.DataFrame(rows, columns=columns)
