"""A note's link to another page, written as Markdown's ``[text](url)``: what the document
readers (HTML, DOCX, ODT) give the reference parser, which reads it as the work's URL, as it
reads a Markdown document's notes."""

from __future__ import annotations

import re

__all__ = ["markdown_link"]

_EXTERNAL = re.compile(r"(?:https?|ftp)://[^\s()<>\[\]]+\Z", re.I)
_LINK_LIKE = re.compile(r"\s*(?:https?://|www\.|doi:|10\.\d{4,9}/)", re.I)


def markdown_link(text: str, url: str) -> str:
    """``[text](url)``; ``""`` when ``url`` leads to no other page, when ``text`` already
    says where it leads (a URL, a DOI), or when it would break the Markdown (brackets)."""
    url = url.strip()
    if not _EXTERNAL.match(url) or not text.strip() or "[" in text or "]" in text:
        return ""
    return "" if _LINK_LIKE.match(text) else f"[{text}]({url})"
