"""``python -m litreview``."""

from .cli import entry

entry()
