"""The text the reference model reads: Markdown resolved, and a "cited in" work cut off.

:func:`preprocess` turns a reference as footnotes write it into plain text: a footnote
marker, a leading citation signal ("See also"), a lead-in ("For example, see") and the
short name a note gives the work ("(hereinafter CR)") go, backslash escapes are plain
characters, ``*italic*``/``_italic_`` and ``[text](#)`` become a quoted title,
``[text](url)`` and ``<url>`` keep their URL (a link's text may hold brackets; a search
engine's note of the file's kind, ``[[PDF] Title](url)``, goes). :func:`split_related` cuts
the reference at a relation phrase of ``data/lexicon/relations.tsv`` ("cited in", "zitiert
nach"): what follows it is another work.
"""

from __future__ import annotations

import re
import string
from functools import lru_cache
from importlib import resources
from typing import NamedTuple

from litreview.extract._text import LINK_TEXT
from litreview.extract.backrefs import LEAD_IN, REFERENCE_START, phrase_pattern

__all__ = ["Related", "preprocess", "split_related"]

_MD_LINK = re.compile(rf"\[({LINK_TEXT}++)\]\(([^)\s\[\]]*)\)")
# a link with the text after it up to a closing parenthesis: where the link's text opens a
# parenthesis it does not close ("[GAO-22-104679 (Washington, D.C.: Dec.](url) 8, 2021)"), the
# words up to that close belong with it, and the link's target goes after them
_MD_LINK_RUN = re.compile(_MD_LINK.pattern + r"(?:([^()\[\]]{0,60}\)))?")
# a search engine's note of what a link leads to, before the title: "[PDF] ", "[HTML][HTML] ";
# in a link's text, or opening the reference or a sentence of it (a page's link read as text)
_KIND_TAG = re.compile(r"(?:^|(?<=[.:;] ))(?:\[[A-Z]{1,10}\]\s*+)++(?=\S)")
_QUOTE_CHARS = "'\"‘’“”"
_QUOTES_OPEN = "'\"‘“"
_TITLE_QUOTED = re.compile(r"(?:^|\s)[‘“'\"]\S[^‘“”’]*\s[^‘“”’]*\S[’”'\"](?=[\s,.;:]|$)")
_FOOTNOTE_MARK = re.compile(r"^\[\d+\]\s*|^\^\d+\s*")
_ANGLE_URL = re.compile(r"<((?:https?://|www\.)[^>\s]+)>")
_QUOTED_ITALIC = re.compile(rf"([{_QUOTE_CHARS}])[*_]+([^*_]+?)[*_]+([{_QUOTE_CHARS}])")
_ITALIC = re.compile(r"(?<![\w*])([*_])+(?=\S)([^*_]+?)(?<=\S)\1+(?![\w*])")
_ITALIC_JOIN = re.compile(r"([*_])\s+\1")  # "_first line_ _second line_": one italic run
_SPACED_DASH = re.compile(r"(\d)\s+[-–—]\s+(\d)")
_ESCAPABLE = string.punctuation  # what a backslash may escape in Markdown (CommonMark)
_MD_ESCAPE = re.compile(rf"\\([{re.escape(_ESCAPABLE)}])")
_HIDE = {ch: chr(0xE000 + k) for k, ch in enumerate(_ESCAPABLE)}
_SHOW = str.maketrans({v: k for k, v in _HIDE.items()})
_QUOTED_SPAN = re.compile(r"“[^“”]+”|‘[^‘]+?’(?![A-Za-z])|\"[^\"]+\"")
_SIGNAL = re.compile(rf"^(?:{phrase_pattern('lexicon/signals.txt')})[,:]?\s+{REFERENCE_START}")
_EMPHASIS = re.compile(r"[*_]+")
# the short name a note gives the work, with the blanks before it ("Title," (hereinafter
# Roe, "Tides"), 2019), and the comma it leaves doubled
# (tried only where a run of blanks starts: a long run is read once, not once a blank)
_SHORT_NAME = re.compile(
    r"(?<!\s)\s*[(\[]\s*(?:hereinafter|hereafter)\b[^()\[\]]{0,300}[)\]]", re.I
)
_DOUBLED_COMMA = re.compile(r"(,[\"”’]?)\s*,")
_LEAD_EMPHASIS = re.compile(r"([*_]+)([^*_]+?)\1(?=[\s,])")


class Related(NamedTuple):
    """A work named after a relation phrase (``cited in X``): the relation and X's text."""

    relation: str
    text: str


def _link(match: re.Match[str]) -> str:
    """``[text](#)`` -> quoted text; ``[text](url)`` -> quoted text and the URL. A link after
    a quoted title or an earlier link names a site or a publisher: its text stays unquoted."""
    text, target = _link_text(match), match.group(2)
    before = match.string[max(0, match.start() - 1) : match.start()]
    earlier = match.string[: match.start()]
    plain = (
        (before and before in _QUOTES_OPEN)
        or text[:1] in _QUOTES_OPEN
        or _MD_LINK.search(earlier)
        or _TITLE_QUOTED.search(earlier)
    )
    shown = text if plain else f"“{text}”"
    run = match.group(3) or ""
    if run and text.count("(") > text.count(")"):  # the link's words go on to the close
        shown, run = shown + run, ""
    return (f"{shown} {target}" if target and target != "#" else shown) + run


def _link_text(match: re.Match[str]) -> str:
    """A link's text, without the note of the file's kind a search engine puts before the
    title (``[PDF] Title`` -> ``Title``)."""
    return _KIND_TAG.sub("", match.group(1).strip())


def _italic(match: re.Match[str]) -> str:
    """An italic run as a quoted title; links inside it give their text, and the first
    link's target follows the closing quote. Emphasis on punctuation alone is the
    punctuation."""
    inner = match.group(2)
    if not any(ch.isalnum() for ch in inner):  # "_._": emphasis on punctuation alone
        return inner
    targets = [t for t in (m.group(2) for m in _MD_LINK.finditer(inner)) if t and t != "#"]
    words = _MD_LINK.sub(_link_text, inner).strip()
    comma = "," if words.endswith(",") else ""
    quoted = f"“{words.strip(' ,')}”{comma}"
    return f"{quoted} {targets[0]}" if targets else quoted


def _signal_plain(text: str) -> str:
    """``text`` with a leading signal set in emphasis (``_See_ GAO-23-106067``, ``*See also*
    Roe``) written plain, so that it goes as a signal, not as a quoted title."""
    m = _LEAD_EMPHASIS.match(text)
    signal = _SIGNAL.match(m.group(2) + " A") if m else None  # the run is a signal, whole
    if m and signal and signal.end() > len(m.group(2)):
        return m.group(2) + text[m.end() :]
    return text


def preprocess(raw: str) -> str:
    """Plain reference text (see the module docstring)."""
    text = raw.strip().lstrip("⁰¹²³⁴⁵⁶⁷⁸⁹ ").strip()
    text = LEAD_IN.sub("", _FOOTNOTE_MARK.sub("", text))
    text = _SIGNAL.sub("", _signal_plain(text))
    if "\\" in text:
        text = _MD_ESCAPE.sub(lambda m: _HIDE[m.group(1)], text)
    if "*" in text or "_" in text:  # each pattern below needs one to match
        text = _ITALIC_JOIN.sub(" ", text)
        text = _QUOTED_ITALIC.sub(r"\1\2\3", text)
        text = _QUOTED_SPAN.sub(lambda m: _EMPHASIS.sub("", m.group(0)), text)
        text = _ITALIC.sub(_italic, text)
    if "after" in text.lower():
        text = _DOUBLED_COMMA.sub(r"\1", _SHORT_NAME.sub("", text))
    if "](" in text:
        text = _MD_LINK_RUN.sub(_link, text)
    if "[" in text:
        text = _KIND_TAG.sub("", text)
    if "<" in text:
        text = _ANGLE_URL.sub(r"\1", text)
    if "-" in text or "–" in text or "—" in text:
        text = _SPACED_DASH.sub(r"\1–\2", text)
    return " ".join(text.translate(_SHOW).split())


@lru_cache(maxsize=1)
def _relations() -> tuple[re.Pattern[str], dict[str, str]]:
    """The relation phrases as one pattern, and the relation of each phrase."""
    path = resources.files("litreview").joinpath("data", "lexicon", "relations.tsv")
    pairs = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            phrase, _, relation = line.partition("\t")
            pairs[phrase.strip().lower()] = relation.strip()
    words = "|".join(re.escape(p) for p in sorted(pairs, key=len, reverse=True))
    # tried only where a run of separators starts, and the run taken whole (``++``): a
    # reference of 60,000 full stops costs linear time, not quadratic
    return re.compile(rf"(?<![\s,;.(\[])[\s,;.(\[]++(?:{words})\s*:?\s+(?=\S)", re.I), pairs


def split_related(text: str) -> tuple[str, Related | None]:
    """``("A. Smith, Title (2001)", Related("cited-in", "B. Jones, Book, 2010"))`` for
    ``A. Smith, Title (2001), cited in B. Jones, Book, 2010``; the text and ``None`` when
    no relation phrase follows the start of the reference."""
    pattern, pairs = _relations()
    m = pattern.search(text)
    if not m or m.start() == 0:
        return text, None
    phrase = " ".join(m.group(0).strip(" ,;.([:").split()).lower()
    rest = text[m.end() :].strip()
    if text[: m.start() + 1].count("(") > text[: m.start() + 1].count(")"):
        rest = rest[:-1] if rest.endswith(")") else rest.replace(")", "", 1)
    head = text[: m.start()].rstrip(" ,;([")
    return head, Related(pairs.get(phrase, "cited-in"), rest.strip(" .;,)"))
