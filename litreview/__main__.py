"""``python -m litreview``."""

from litreview.cli import entry

entry()
