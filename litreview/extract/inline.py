"""References a document names in its running text rather than in footnotes.

Two layouts are read, both from the text's own wording: a link whose text is kept with its
site in brackets after the word "hyperlink(s)" (``... on the hyperlink Annual Report 2023
(example.org)``), and a web page title written as ``Title | Site`` after "website".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from litreview.extract._text import sentence_span, split_lines
from litreview.extract.footnotes import headings

__all__ = ["InlineRef", "inline_references"]

_HYPERLINK = re.compile(r"\bhyperlinks?\b:?\s*", re.I)
_SITE_REF = re.compile(r"(?P<title>[A-Z][^()\n]*?)\s*\((?P<site>[a-z0-9-]+(?:\.[a-z0-9-]+)+)\)")
_PAGE_TITLE = re.compile(
    r"\bwebsite\s+(?P<title>[A-Z][^|\n]{10,250}?)\s*\|\s*"
    r"(?P<site>[A-Z][\w\- ]{1,60}?)\."
)


@dataclass(frozen=True, slots=True, kw_only=True)
class InlineRef:
    """A reference named in running text, with the sentence that names it."""

    raw: str
    title: str
    site: str
    start: int
    context: str
    context_start: int
    context_end: int
    section: str

    @property
    def csl(self) -> dict[str, str]:
        """The reference as a CSL-JSON web page: its title and the site that hosts it.

        The site is not the page's address, so it goes in ``container-title``, not ``URL``.
        """
        return {"type": "webpage", "title": self.title.rstrip("."), "container-title": self.site}


def inline_references(text: str) -> list[InlineRef]:
    """Hyperlinked or page-title references in ``text``, in reading order."""
    heads = headings(split_lines(text))
    found: list[tuple[int, int, str, str]] = []
    for m in _HYPERLINK.finditer(text):
        pos = m.end()
        while True:
            ref = _SITE_REF.match(text, pos)
            if not ref:
                break
            title = re.sub(r"^and\s+", "", ref.group("title").strip())
            found.append((ref.start("title"), ref.end(), title, ref.group("site")))
            nxt = re.match(r"\s*(?:,|and)\s+", text[ref.end() :])
            if not nxt:
                break
            pos = ref.end() + nxt.end()
    for m in _PAGE_TITLE.finditer(text):
        found.append((m.start("title"), m.end("site"), m.group("title"), m.group("site")))
    out = []
    for start, end, title, site in sorted(found):
        s, e = sentence_span(text, start, end)
        section = ""
        for h_start, h_text in heads:
            if h_start <= start:
                section = h_text
        out.append(
            InlineRef(
                raw=" ".join(text[start:end].split()),
                title=title.strip(),
                site=site.strip(),
                start=start,
                context=text[s:e],
                context_start=s,
                context_end=e,
                section=section,
            )
        )
    return out
