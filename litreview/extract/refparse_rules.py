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
_PUBLISHERISH = re.compile(
    r"\b(press|presses|publications?|publishing|publishers?|pub|verlag|books|editions|éditions|"
    r"club|ltd|inc|co|company|corporation|agency|ministry|department|office|commission|bank|"
    r"council|foundation|trust|institut\w*|centre|center|universit\w*|association|"
    r"organi[sz]ation|programme|program|authority|bureau|secretariat|alliance|network|"
    r"coalition|board|government|unit|division|service|federation|partnership|"
    r"consultants?|consulting|group)\b", re.I)
_NOT_PUBLISHER = re.compile(
    r"^\s*(?:in|dans|en|im)\b|\b(journal|review|proceedings|conference|symposium|workshop|"
    r"congress|meeting|transactions|quarterly|bulletin|annals|magazine|letters|newsletter|"
    r"studies|revue|revista|rivista|zeitschrift|times|post|news|daily|weekly|gazette|herald|"
    r"tribune|guardian|telegraph|chronicle|handbook|encyclop\w*|companion|series|papers|"
    r"report|reports|yearbook|annual|forum|record|science|research|medicine|advances|"
    r"eds?|edited)\b", re.I)
_PLACE_LOWER = frozenset({"upon", "on", "am", "de", "del", "la", "le", "sur", "an", "der",
                          "d.c.", "dc"})
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
    _title_spill_into_location(tokens, labels)
    return labels


def _title_spill_into_location(tokens: list[str], labels: list[str]) -> None:
    """A location run right after the title that starts with the title's tail
    (``Culture. New York:``, ``Politics (Toronto:``) gives that tail back to the title."""
    for start in range(1, len(labels)):
        if labels[start] != "location" or labels[start - 1] != "title":
            continue
        end = start
        while end < len(labels) and labels[end] == "location":
            end += 1
        cut = start
        for k in range(start, end - 1):
            core = tokens[k].rstrip(".").strip("()")
            if tokens[k].endswith(".") and len(core) > 2 and core.isalpha():
                cut = k + 1
        for k in range(cut + 1, end):
            if tokens[k].startswith("("):
                cut = k
        labels[start:cut] = ["title"] * (cut - start)


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
    _publisher_not_container(item)
    _split_publisher_place(item)
    return item


def _publisher_not_container(item: dict[str, Any]) -> None:
    """A 'container' that names a press or an organisation is the publisher.

    Only with no volume, issue or page range (a page count such as ``112 p.`` is allowed)
    and no journal/proceedings/news word: ``Title. Westmoor Water Board.``,
    ``Place: Some University Press``.
    """
    cont = item.get("container-title")
    page = item.get("page") or ""
    if (not cont or item.get("volume") or item.get("issue") or (page and not page.isdigit())
            or item.get("editor") or _NOT_PUBLISHER.search(cont)
            or not _PUBLISHERISH.search(cont)):
        return
    place, sep, name = cont.partition(": ")
    if sep and _place_like(place) and "publisher-place" not in item:
        item["publisher-place"], cont = place, name
    del item["container-title"]
    if "publisher" not in item:
        item["publisher"] = cont
    if item.get("type") in ("article-journal", "chapter", "paper-conference"):
        authors = item.get("author") or []
        org = bool(authors) and all("literal" in a for a in authors)
        item["type"] = "report" if org or item.get("genre") else "book"


def _place_like(text: str) -> bool:
    """Whether ``text`` reads as a place (``Upper Saddle River, N.J.``, ``Geneva``)."""
    parts = [p.strip() for p in text.split(",")]
    if not parts or len(parts) > 3:
        return False
    for part in parts:
        words = part.split()
        if not 1 <= len(words) <= 4 or _PUBLISHERISH.search(part) or any(
                ch.isdigit() for ch in part):
            return False
        if any(not w[:1].isupper() and w.lower() not in _PLACE_LOWER for w in words):
            return False
    return True


def _split_publisher_place(item: dict[str, Any]) -> None:
    """``Wiley, New York`` / ``Org, Place, Country`` read as one publisher: split off the place."""
    pub = item.get("publisher")
    if not pub or "," not in pub or "publisher-place" in item:
        return
    parts = pub.split(",")
    for k in range(1, len(parts)):
        head, tail = ",".join(parts[:k]).strip(), ",".join(parts[k:]).strip()
        if head and _place_like(tail) and not _place_like(head):
            item["publisher"], item["publisher-place"] = head, tail
            return


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
