"""Parse free-text reference strings into CSL-JSON items.

A linear-chain CRF (python-crfsuite, model shipped in ``litreview/data/refparse.crfsuite``,
trained by ``benchmarks/train_refparse.py`` on AnyStyle's gold set plus synthetic
grey-literature references from ``benchmarks/refparse_synth.py``) labels each token
(author, date, title, journal, volume, pages, publisher, location, url, ...); rules in
:mod:`.refparse_fields` then turn the labelled segments into CSL fields, and
:mod:`.refparse_rules` repairs footnote-style mistakes. Prose notes (:func:`looks_like_reference`
under ``NOTE_BELOW``) become ``{"type": "document", "note": ...}``, not a long title.
Markdown of our footnotes is understood first: backslash escapes (``\\(``) are plain
characters, ``*italic*`` and ``[text](#)`` mark a title (italics inside a quoted title are
just dropped), ``[text](url)`` and ``<url>`` carry a URL. An ``Archived from Site, date,
‘Page’, url`` tail is cut off first (:func:`split_archive`) and becomes ``archive``, ``URL``,
``accessed`` and ``note``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import pycrfsuite

from litreview.extract.backrefs import SIGNAL
from litreview.extract.refparse_features import sequence_features, tokenize
from litreview.extract.refparse_fields import build_item, date_parts
from litreview.extract.refparse_rules import (
    link_title,
    looks_like_reference,
    repair_item,
    repair_labels,
)

__all__ = [
    "NOTE_BELOW",
    "ReferenceParser",
    "canonical_label",
    "looks_like_reference",
    "parse_many",
    "parse_reference",
    "preprocess",
    "split_access",
    "split_archive",
    "split_site",
]

_LABELS = {
    "author",
    "editor",
    "translator",
    "date",
    "title",
    "journal",
    "publisher",
    "location",
    "volume",
    "pages",
    "url",
    "doi",
    "note",
    "genre",
    "edition",
    "isbn",
    "citation-number",
}
_RENAME = {"container-title": "container", "collection-title": "collection"}
_MD_LINK = re.compile(r"\[([^\]]+)\]\(([^)\s]*)\)")
_QUOTE_CHARS = "'\"‘’“”"
_QUOTES_OPEN = "'\"‘“"
_TITLE_QUOTED = re.compile(r"(?:^|\s)[‘“'\"]\S[^‘“”’]*\s[^‘“”’]*\S[’”'\"](?=[\s,.;:]|$)")
NOTE_BELOW = 0.3
"""Strings scoring under this in :func:`looks_like_reference` are parsed as notes."""
_FOOTNOTE_MARK = re.compile(r"^\[\d+\]\s*|^\^\d+\s*")
_ANGLE_URL = re.compile(r"<((?:https?://|www\.)[^>\s]+)>")
_QUOTED_ITALIC = re.compile(rf"([{_QUOTE_CHARS}])\*+([^*]+?)\*+([{_QUOTE_CHARS}])")
_ITALIC = re.compile(r"\*+([^*]+?)\*+")
_SPACED_DASH = re.compile(r"(\d)\s+[-–—]\s+(\d)")
_MD_ESCAPE = re.compile(r"\\([()\[\]*_#.\-!\\])")
_ESCAPED = "\ue000\ue001\ue002\ue003\ue004\ue005\ue006\ue007\ue008\ue009\ue00a"
_ESCAPABLE = "()[]*_#.-!\\"
_HIDE = dict(zip(_ESCAPABLE, _ESCAPED, strict=True))
_SHOW = str.maketrans(dict(zip(_ESCAPED, _ESCAPABLE, strict=True)))
_QUOTED_SPAN = re.compile(r"“[^“”]+”|‘[^‘]+?’(?![A-Za-z])|\"[^\"]+\"")


def canonical_label(tag: str) -> str:
    """The CRF label used for a dataset tag (rare tags become ``note``)."""
    if tag in _RENAME:
        return _RENAME[tag]
    return tag if tag in _LABELS else "note"


def _link(match: re.Match[str]) -> str:
    """``[text](#)`` -> quoted text; ``[text](url)`` -> quoted text and the URL. A link after
    a quoted title or an earlier link names a site or a publisher: its text stays unquoted."""
    text, target = match.group(1).strip(), match.group(2)
    before = match.string[max(0, match.start() - 1) : match.start()]
    earlier = match.string[: match.start()]
    if (
        (before and before in _QUOTES_OPEN)
        or text[:1] in _QUOTES_OPEN
        or _MD_LINK.search(earlier)
        or _TITLE_QUOTED.search(earlier)
    ):
        quoted = text
    else:
        quoted = f"“{text}”"
    if target and target != "#":
        return f"{quoted} {target}"
    return quoted


def _hide_escapes(text: str) -> str:
    """Markdown backslash escapes (``\\(``, ``\\*``, ...) as placeholder characters, so the
    escaped character is never read as markup; :data:`_SHOW` turns them back."""
    return _MD_ESCAPE.sub(lambda m: _HIDE[m.group(1)], text)


def _plain_quoted(match: re.Match[str]) -> str:
    """A quoted span with ``*italic*`` markup inside it dropped (the quotes mark the title)."""
    return _ITALIC.sub(r"\1", match.group(0))


_SIGNAL = re.compile("^" + SIGNAL)  # "See also ...": the signal leading into the reference


def preprocess(raw: str) -> str:
    """Plain reference text: footnote marker, a leading citation signal ("See also"),
    Markdown escapes, links, italics and ``<url>`` resolved. Italics inside a quoted title
    are dropped; italics elsewhere become quotes."""
    text = raw.strip().lstrip("⁰¹²³⁴⁵⁶⁷⁸⁹ ").strip()
    text = _SIGNAL.sub("", _FOOTNOTE_MARK.sub("", text))
    text = _hide_escapes(text)
    text = _MD_LINK.sub(_link, text)
    text = _ANGLE_URL.sub(r"\1", text)
    text = _QUOTED_ITALIC.sub(r"\1\2\3", text)
    text = _QUOTED_SPAN.sub(_plain_quoted, text)
    text = _ITALIC.sub(r"“\1”", text)
    text = _SPACED_DASH.sub(r"\1–\2", text)
    return " ".join(text.translate(_SHOW).split())


_ACCESS = re.compile(
    r"[,;.]?\s*\b(?:last\s+)?(?:archived|accessed|retrieved|viewed|consulted|connection(?=\s+on\b))"
    r"(?:\s+(?:on|at))?(?:\s*:)?(?:\s+([^:<>()]{0,30}?(?:1[5-9]|20)\d\d))?(?:,?\s+(?:from|at))?"
    r"(?:\s*:|[.,;])?(?=[\s)\]]|$)",
    re.I,
)


_ARCHIVED_FROM = re.compile(
    r"[,;.]?\s*\b(?:archived|retrieved)\s+(?:from|at|by)\s+(?!https?://|www\.)"
    r"(?P<name>[A-Z][^,;:<>“”‘’\"]{0,60}?)\s*(?:,|$)(?P<tail>.*)$",
    re.I | re.S,
)
_URL_IN = re.compile(r"(?:https?://|www\.)[^\s<>\"]+")


def split_archive(text: str) -> tuple[str, dict[str, Any]]:
    """Cut an archive note (``... Press. Archived from Some Site, 4 May 2016, ‘Page’, URL``)
    off the reference: return the reference and ``archive`` (the site), ``URL``, the archive
    date as ``accessed`` and the whole tail as ``note``."""
    m = _ARCHIVED_FROM.search(text)
    if not m or not m.group("name")[:1].isupper() or not m.group("name").strip():
        return text, {}
    tail = m.group("tail")
    fields: dict[str, Any] = {"archive": m.group("name").strip()}
    url = _URL_IN.search(tail)
    if url:
        fields["URL"] = url.group(0).rstrip(".,;:)]>")
    parts = date_parts(_URL_IN.sub(" ", tail))
    if parts:
        fields["accessed"] = parts
    note = " ".join(_URL_IN.sub(" ", text[m.start() :]).split()).strip(" ,;.")
    fields["note"] = note
    return text[: m.start()].rstrip(" ,;"), fields


_SITE_BEFORE_URL = re.compile(
    r"(?<=\s)from\s+(?P<site>[A-Z][^:<>\s][^:<>]{0,48}?)\s*:\s*(?=https?://|www\.)"
)


def split_site(text: str) -> tuple[str, str | None]:
    """``Retrieved March 23, 2016, from Healthy Place: http://...``: cut the site name read
    from before the URL (APA's retrieval phrase) out; return the text and the name."""
    m = _SITE_BEFORE_URL.search(text)
    if not m or not re.search(r"\b(?:retrieved|accessed|available)\b", text[: m.start()], re.I):
        return text, None
    return text[: m.start()] + text[m.end() :], m.group("site").strip()


def split_access(text: str) -> tuple[str, str | None]:
    """Cut "Archived on 30 May 2022 from:" / "accessed ..." out; return text and the date."""
    m = _ACCESS.search(text)
    if not m:
        return text, None
    head, tail = text[: m.start()].rstrip(), text[m.end() :].lstrip()
    if head.endswith(("(", "[")) and tail[:1] in ")]":
        head, tail = head[:-1].rstrip(), tail[1:].lstrip()  # "(Accessed: 5 March 2016)"
        if tail[:1] in (".", ",", ";", ":"):
            return (head + tail).strip(), m.group(1)
    return (head + " " + tail).strip(), m.group(1)


def _segments(tokens: list[str], labels: list[str]) -> list[tuple[str, str]]:
    """Consecutive tokens with the same label joined into ``(label, text)``."""
    out: list[tuple[str, str]] = []
    for tok, lab in zip(tokens, labels, strict=True):
        if out and out[-1][0] == lab:
            out[-1] = (lab, out[-1][1] + " " + tok)
        else:
            out.append((lab, tok))
    return out


_PAREN_YEAR = re.compile(r"^\((?:1[5-9]|20)\d\d[a-z]?\)[.,:;]?$")


_TITLE_MARK = re.compile(r"^(?:1[5-9]|20)\d\d[a-z]?[,.;]?$|:$")
_YEAR_SPAN = re.compile(r"^(?:1[5-9]|20)\d\d(?:[-–/](?:\d\d|\d{4}))?[,.;:]?$")


def _author_before_year(tokens: list[str], labels: list[str]) -> list[str]:
    """Rule: in ``Name (2012), ...`` everything before ``(2012)`` is the author. Not when
    what comes before holds a quoted title, or when the CRF found a title there that holds
    a year or a colon, as names do not (``UNODC, World Drug Report 2019 (2019)``). What
    holds a year is a title when no title was found (``Strategy 2020-2022 (2020)``)."""
    if not labels or not tokens[0][:1].isupper():
        return labels
    for k, tok in enumerate(tokens[:25] if labels[0] == "author" else tokens[:6]):
        if _PAREN_YEAR.match(tok):
            if any(t[0] in _QUOTE_CHARS for t in tokens[:k]) or any(
                lab == "title" and _TITLE_MARK.search(t)
                for t, lab in zip(tokens[:k], labels[:k], strict=True)
            ):
                return labels
            if any(_YEAR_SPAN.match(t) for t in tokens[1:k]):  # a name holds no year
                return labels if "title" in labels else ["title"] * k + ["date"] + labels[k + 1 :]
            return ["author"] * k + ["date"] + labels[k + 1 :]
    return labels


class ReferenceParser:
    """A loaded CRF model with the rules around it."""

    def __init__(self, model_path: str | Path) -> None:
        """Open the crfsuite model at ``model_path``."""
        self._tagger = pycrfsuite.Tagger()
        self._tagger.open(str(model_path))

    def label(self, text: str, link_texts: Sequence[str] = ()) -> list[tuple[str, str]]:
        """Labelled segments of an already preprocessed reference string; ``link_texts`` are
        the (preprocessed) texts of Markdown links that were not its first thing."""
        tokens = tokenize(text)
        if not tokens:
            return []
        labels = _author_before_year(tokens, self._tagger.tag(sequence_features(tokens)))
        for link in link_texts[:1]:
            labels = link_title(tokens, labels, link)
        labels = repair_labels(tokens, labels)
        return _segments(tokens, labels)

    def parse(self, raw: str) -> dict[str, Any]:
        """One CSL-JSON item (no ``id``); ``{}`` for a blank string.

        A string that reads as prose (:func:`looks_like_reference` under ``NOTE_BELOW``)
        becomes ``{"type": "document", "note": text}`` instead of a long title.
        """
        text, archive = split_archive(preprocess(raw))
        text, site = split_site(text)
        text, accessed = split_access(text)
        if not text:
            return {}
        if looks_like_reference(text) < NOTE_BELOW:
            return {"type": "document", "note": text}
        item = repair_item(build_item(self.label(text, _inner_links(raw)), text), text)
        parts = date_parts(accessed) if accessed else None
        if parts:
            item["accessed"] = parts
        for key, value in archive.items():
            item.setdefault(key, value)
        if site:
            item.setdefault("note", f"Retrieved from {site}")
        return item


def _inner_links(raw: str) -> list[str]:
    """Preprocessed texts of the Markdown links of ``raw`` that are not its first thing."""
    text = _FOOTNOTE_MARK.sub("", raw.strip().lstrip("⁰¹²³⁴⁵⁶⁷⁸⁹ ").strip())
    text = _hide_escapes(text)
    return [
        preprocess(m.group(1).translate(_SHOW))
        for m in _MD_LINK.finditer(text)
        if text[: m.start()].strip(_QUOTE_CHARS + " *")
    ]


@lru_cache(maxsize=1)
def _default_parser() -> ReferenceParser:
    """The parser with the model shipped in the package (loaded once)."""
    ref = resources.files("litreview").joinpath("data/refparse.crfsuite")
    with resources.as_file(ref) as path:
        return ReferenceParser(path)


def parse_reference(raw: str) -> dict[str, Any]:
    """Parse one reference string into a CSL-JSON item (no ``id``); ``{}`` if blank."""
    return _default_parser().parse(raw)


def parse_many(raws: Sequence[str]) -> list[dict[str, Any]]:
    """Parse many reference strings (model loaded once), in order."""
    parser = _default_parser()
    return [parser.parse(r) for r in raws]
