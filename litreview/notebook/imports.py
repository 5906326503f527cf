"""Importing a bibliography in memory, for notebooks: what deduplication did with each
record, and the corpus as it would be after the import (tagged by the rules).

Nothing is written: ``litreview import FILE`` does the same and saves the result.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, replace

import pandas as pd

from litreview.core.errors import Problem
from litreview.corpus.dedup import DedupResult
from litreview.notebook.corpus import Corpus
from litreview.taxonomy import Taxonomy

__all__ = ["IMPORT_COLUMNS", "ImportPreview", "import_preview", "with_import"]

IMPORT_COLUMNS = ("record", "year", "title", "outcome", "work", "reason", "score")
NEW, INTO_CORPUS, WITHIN_FILE = "new work", "merged into the corpus", "merged within the file"


@dataclass(frozen=True, slots=True, kw_only=True)
class ImportPreview:
    """An import computed in memory: one row per record (``IMPORT_COLUMNS``), the dedup
    result, and the problems of reading and of merging (fields that disagreed)."""

    frame: pd.DataFrame
    result: DedupResult
    problems: tuple[Problem, ...]

    def counts(self) -> dict[str, int]:
        """How many records had each outcome."""
        return {k: int(v) for k, v in self.frame["outcome"].value_counts().sort_index().items()}


def import_preview(corpus: Corpus, path: str | os.PathLike[str]) -> ImportPreview:
    """Read the bibliography at ``path`` and fold it into the corpus as ``litreview import``
    does (the curator's ``not_duplicates`` honoured); say what happened to each record."""
    from litreview.corpus.dedup import merge_into
    from litreview.formats import read_file

    incoming, problems = read_file(path)
    curation, _ = corpus.review.load_curation()
    result = merge_into(
        corpus.works, incoming, not_duplicates=curation.not_duplicate_sets(), source=str(path)
    )
    existing = {w.key for w in corpus.works}
    merged = {m.merged: m for m in result.merges}
    rows = []
    for w in incoming:
        m = merged.get(w.key)
        into = result.key_map.get(w.key, w.key)
        outcome = NEW if m is None else INTO_CORPUS if m.kept in existing else WITHIN_FILE
        rows.append(
            {
                "record": w.key,
                "year": w.year,
                "title": w.title,
                "outcome": outcome,
                "work": into,
                "reason": m.reason if m else "",
                "score": m.score if m else None,
            }
        )
    frame = pd.DataFrame(rows, columns=list(IMPORT_COLUMNS)).astype({"score": "float64"})
    return ImportPreview(
        frame=frame.sort_values(["outcome", "work", "record"]).reset_index(drop=True),
        result=result,
        problems=(*problems, *result.conflicts),
    )


def with_import(corpus: Corpus, preview: ImportPreview, taxonomy: Taxonomy) -> Corpus:
    """The corpus after the import: its works as merged, the new works tagged by the rules
    from their own fields (they have no citing sentences yet)."""
    from litreview.tags.tagging import tag_corpus

    before = {w.key for w in corpus.works}
    new = [w for w in preview.result.works if w.key not in before]
    tagged = tag_corpus(new, [], {}, [], taxonomy).tags if new else ()
    return replace(corpus, works=preview.result.works, tags=(*corpus.tags, *tagged))
