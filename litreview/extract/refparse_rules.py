"""Rules around the reference CRF: label repairs, field repairs, and a reference-likeness score.

* :func:`repair_labels` fixes token labels the CRF gets wrong on footnote-style grey
  literature (a month word tagged publisher before a year; a capitalised phrase with no
  closing punctuation tagged author right before the title).
* :func:`repair_item` fixes fields after they are built (``Org, Place:`` read as one place;
  an organisation read as a journal when nothing journal-like follows).
* :func:`looks_like_reference` scores how much a string reads like a reference rather
  than an explanatory note, so callers can skip parsing notes.
"""

from __future__ import annotations

import re
from typing import Any

from .refparse_names import is_organisation

__all__ = ["looks_like_reference", "repair_item", "repair_labels"]

_MONTH = re.compile(r"^\(?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?,?$",
                    re.I)
_MONTH3 = frozenset({"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov",
                     "dec", "(ja", "(fe", "(ma", "(ap", "(ju", "(au", "(se", "(oc", "(no", "(de"})
_YEARISH = re.compile(r"(?<!\d)(?:1[5-9]|20)\d\d(?!\d)")
_DAY = re.compile(r"^\(?\d{1,2}(?:st|nd|rd|th)?,?$")
_ORG_HEAD = re.compile(r"\b(institut\w*|foundation|centre|center|society|trust|council|ministry|"
                       r"commission|office|agency|network|alliance|coalition)\b", re.I)
_LINK = re.compile(r"https?://|www\.|\b10\.\d{4,}/|doi:", re.I)
_QUOTED = re.compile(r"[“‘\"«*][^“”‘’\"«»*]{6,}[”’\"»*]")
_CUE = re.compile(r"\b(?:pp?\.|vol\.|no\.|eds?\.|report|press|university|journal|"
                  r"available at|accessed|retrieved|archived|ibid|op\.? cit)\b", re.I)
_FUNCTION = frozenset({"the", "a", "an", "is", "are", "was", "were", "be", "been", "has", "have",
    "had", "will", "would", "could", "should", "this", "that", "these", "those", "it", "its",
    "which", "who", "we", "they", "our", "their", "he", "she", "not", "also", "because",
    "however", "therefore", "while", "when", "where", "there"})


def repair_labels(tokens: list[str], labels: list[str]) -> list[str]:
    """Token labels with the CRF's known footnote-style mistakes repaired."""
    labels = list(labels)
    for i, tok in enumerate(tokens[:-1]):
        if (labels[i] != "date" and tok[:3].lower() in _MONTH3 and _MONTH.match(tok)
                and _YEARISH.fullmatch(tokens[i + 1].strip("().,;:"))):
            labels[i] = "date"
            if i > 0 and _DAY.match(tokens[i - 1]) and labels[i - 1] != "date":
                labels[i - 1] = "date"
    _author_run_into_title(tokens, labels)
    return labels


def _author_run_into_title(tokens: list[str], labels: list[str]) -> None:
    """A leading 'author' run that ends with no punctuation straight into a title is title."""
    if not labels or labels[0] != "author":
        return
    end = next((k for k, lab in enumerate(labels) if lab != "author"), len(labels))
    if end == len(labels) or labels[end] != "title" or "date" in labels:
        return
    last = tokens[end - 1]
    if last[-1:].isalpha() and tokens[end][:1].isupper() and not is_organisation(
            " ".join(tokens[:end])):
        labels[:end] = ["title"] * end


def repair_item(item: dict[str, Any], text: str = "") -> dict[str, Any]:
    """Field-level repairs of a built CSL item from reference ``text`` (same dict, changed)."""
    place, publisher = item.get("publisher-place"), item.get("publisher")
    if (place and publisher and place.isupper() and " " not in place and len(place) <= 6
            and f"{place} {publisher}" in text):  # "UN OHCHR" is one publisher, not a place
        item["publisher"] = f"{place} {publisher}"
        del item["publisher-place"]
    place = item.get("publisher-place")
    if place and "," in place and "publisher" not in item:
        head, _, tail = place.rpartition(",")
        tail = tail.strip()
        if head.strip() and is_organisation(head.strip()) and tail[:1].isupper():
            item["publisher"], item["publisher-place"] = head.strip(), tail
    cont = item.get("container-title")
    if (cont and item.get("type") == "article-journal" and not item.get("volume")
            and not item.get("issue") and not item.get("page") and "publisher" not in item
            and is_organisation(cont) and _ORG_HEAD.search(cont)):
        item["publisher"] = item.pop("container-title")
        item["type"] = "report"
    return item


def looks_like_reference(raw: str) -> float:
    """How much ``raw`` reads like a bibliographic reference, from 0 (prose note) to 1.

    Evidence for: a year, a URL/DOI, a quoted or italic title, bibliographic cue words,
    a high share of capitalised words. Evidence against: length, and a high share of
    prose function words (is, was, the, this, ...).
    """
    words = raw.split()
    if not words:
        return 0.0
    score = 0.35
    score += 0.25 if _YEARISH.search(raw) else 0.0
    score += 0.3 if _LINK.search(raw) else 0.0
    score += 0.2 if _QUOTED.search(raw) else 0.0
    score += 0.15 if _CUE.search(raw) else 0.0
    n_alpha = n_caps = n_func = 0
    for w in words:
        if w[0].isalpha():
            n_alpha += 1
            n_caps += w[0].isupper()
            n_func += w.lower().rstrip(".,;:)") in _FUNCTION
    caps = n_caps / max(n_alpha, 1)
    func = n_func / len(words)
    score += 0.4 * (caps - 0.3) - 1.2 * max(0.0, func - 0.08)
    if len(words) > 30 and not _YEARISH.search(raw):
        score -= 0.01 * (len(words) - 30)
    return round(min(1.0, max(0.0, score)), 3)
