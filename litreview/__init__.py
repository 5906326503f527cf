"""litreview: a research-gap and literature-review toolkit.

Turns documents and bibliographies into a managed citation corpus, tags each work with
evidence, builds coverage matrices and clusters, and surfaces research gaps.
"""

from __future__ import annotations

from importlib import metadata

from litreview.core.errors import InputError, LitreviewError, Problem
from litreview.core.model import Citation, Document, Evidence, GapStatement, Person, Tag, Work
from litreview.review import Review

__all__ = [
    "Citation",
    "Document",
    "Evidence",
    "GapStatement",
    "InputError",
    "LitreviewError",
    "Person",
    "Problem",
    "Review",
    "Tag",
    "Work",
    "__version__",
]

try:
    __version__ = metadata.version("litreview")
except metadata.PackageNotFoundError:  # running from a source tree without install
    __version__ = "0.0.0"
