"""The review loaded whole, for notebooks: records plus DataFrame views.

``open_review()`` reads a review folder once; every view is computed from what was read, so a
notebook never touches the folder's files itself.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from litreview.core.errors import Problem
from litreview.core.model import Citation, Document, GapStatement, Tag, Work
from litreview.notebook import frames
from litreview.review import Review

ENV_VAR = "LITREVIEW_REVIEW"


@dataclass(frozen=True, slots=True, kw_only=True)
class Corpus:
    """Everything a review folder holds, as records."""

    review: Review
    works: tuple[Work, ...]
    documents: tuple[Document, ...]
    citations: tuple[Citation, ...]
    tags: tuple[Tag, ...]
    suggestions: tuple[Tag, ...]
    statements: tuple[GapStatement, ...]
    merges: tuple[Any, ...] = ()
    problems: tuple[Problem, ...] = field(default=())

    @property
    def works_df(self) -> pd.DataFrame:
        """The corpus, one row per work."""
        return frames.works_frame(self.works)

    @property
    def documents_df(self) -> pd.DataFrame:
        """The documents under review."""
        return frames.documents_frame(self.documents)

    @property
    def citations_df(self) -> pd.DataFrame:
        """Every citation instance."""
        return frames.citations_frame(self.citations)

    @property
    def tags_df(self) -> pd.DataFrame:
        """Every confirmed tag with its evidence."""
        return frames.tags_frame(self.tags)

    @property
    def suggestions_df(self) -> pd.DataFrame:
        """Suggested tags (a classifier's guesses), kept apart until a curator accepts them."""
        return frames.tags_frame(self.suggestions)

    @property
    def statements_df(self) -> pd.DataFrame:
        """Every gap statement."""
        return frames.statements_frame(self.statements)

    @property
    def merges_df(self) -> pd.DataFrame:
        """Deduplication merges: which works were one, and why."""
        rows = [
            {"kept": m.kept, "merged": m.merged, "reason": m.reason, "score": m.score}
            for m in self.merges
        ]
        return pd.DataFrame(rows, columns=["kept", "merged", "reason", "score"])

    def work(self, key: str) -> Work:
        """The work with citekey ``key`` (KeyError if none)."""
        for w in self.works:
            if w.key == key:
                return w
        raise KeyError(key)

    def cited_in(self, key: str) -> pd.DataFrame:
        """Where work ``key`` is cited: document, footnote, section and citing sentence."""
        frame = self.citations_df
        cols = ["doc_id", "footnote", "kind", "section", "context", "raw"]
        return frame.loc[frame["work_key"] == key, cols].reset_index(drop=True)

    def tags_of(self, key: str) -> pd.DataFrame:
        """The tags of work ``key`` with their evidence."""
        frame = self.tags_df
        return frame.loc[frame["work_key"] == key].reset_index(drop=True)

    def most_cited(self, n: int = 10) -> pd.DataFrame:
        """The ``n`` works cited by most citation rows, with their titles."""
        frame = self.citations_df
        counts = frame.loc[frame["work_key"] != "", "work_key"].value_counts().rename("citations")
        titles = self.works_df["title"]
        out = counts.to_frame().join(titles, how="left").head(n)
        return out.rename_axis("work_key").reset_index()


def review_dir(default: str | os.PathLike[str] | None = None) -> Path:
    """The review folder a notebook works on: ``$LITREVIEW_REVIEW``, else ``default``, else cwd."""
    chosen = os.environ.get(ENV_VAR) or default or "."
    return Path(chosen).resolve()


def open_review(path: str | os.PathLike[str] | None = None) -> Corpus:
    """Load the review at ``path`` (see :func:`review_dir`) into a :class:`Corpus` (under its
    shared lock: never a save half made)."""
    review = Review.at(review_dir(path))
    with review.lock(write=False):  # a command saving meanwhile is waited for
        works, problems = review.load_works()
        return Corpus(
            review=review,
            works=tuple(works),
            documents=tuple(review.load_documents()),
            citations=tuple(review.load_citations()),
            tags=tuple(review.load_tags()),
            suggestions=tuple(review.load_suggestions()),
            statements=tuple(review.load_statements()),
            merges=tuple(review.load_merges()),
            problems=tuple(problems),
        )
