"""From labelled segments of a reference to one CSL-JSON item (rules after the CRF)."""

from __future__ import annotations

import re
from typing import Any

from litreview.extract.gazetteer import is_place
from litreview.extract.refparse_names import split_names, strip_outer

__all__ = ["REPORT_WORDS", "build_item", "date_parts"]

_YEAR = re.compile(r"(?<!\d)(1[5-9]\d\d|20\d\d)(?!\d)")
# a web address: with a scheme or "www.", or a bare domain with a path (MLA's
# "tribune.com.pk/story/1654321")
BARE_DOMAIN = (
    r"(?<![\w@/.])(?:[a-z0-9-]+\.)+(?:com|org|net|gov|edu|int|info|[a-z]{2})"
    r"/[^\s<>\"]*"
)
_URL = re.compile(r"(?:https?://|www\.)[^\s<>\"]+|" + BARE_DOMAIN, re.I)
_DOI = re.compile(r"\b10\.\d{4,9}/[^\s\"<>]+")
_ACCESS = re.compile(
    r"\b(accessed|retrieved|archived|viewed|consulted|last visited|abgerufen)\b", re.I
)
_MONTHS = {
    m: i
    for i, m in enumerate(
        ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], 1
    )
}
_STRIP = " \t.,;:()[]{}<>|"
_QUOTES = "\"'“”‘’«»*"
_EDITION = re.compile(
    r"\b(\d+)\s*(?:st|nd|rd|th|\.ª|ª|e|ème|\.)?\s*(?:ed\b|edn\b|edition\b|éd)", re.I
)
_VOLUME_COUNT = re.compile(r"(\d+)\s*vols?\.?", re.I)
_CLOSE = {"“": "”", "‘": "’", "'": "'", '"': '"', "«": "»"}
_AFTER_CLOSE = frozenset(" ,.;:!?)]–—-")
_NEWS = re.compile(
    r"\b(times|post|daily|tribune|herald|guardian|gazette|dawn|news|telegraph|"
    r"express|diplomat|chronicle|observer|independent)\b",
    re.I,
)
_MEETING = re.compile(r"proceedings|conference|symposium|workshop|congress|meeting|presented", re.I)
_LAW = re.compile(
    r"\b(act|ordinance|code|law|statute|regulation|bill|constitution)\b"
    r"(?:\s*,?\s*\(?\d{4})?",
    re.I,
)
# Words that name a report or one of its kinds (also used by the field repairs).
REPORT_WORDS = re.compile(
    r"\b(report|working paper|brief|briefing|policy paper|discussion paper|"
    r"occasional paper|technical paper|survey|index|assessment|strategy)\b",
    re.I,
)


def date_parts(text: str) -> dict[str, Any] | None:
    """``{"date-parts": [[y, m?, d?]]}`` from a date written in words or numbers."""
    m = _YEAR.search(text)
    if not m:
        return None
    parts = [int(m.group(1))]
    mon = re.search(r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\b", text, re.I)
    if mon:
        parts.append(_MONTHS[mon.group(1).lower()])
        day = re.search(r"\b(\d{1,2})(?:st|nd|rd|th)?\b(?!\d)", text.replace(m.group(1), " "))
        if day and 1 <= int(day.group(1)) <= 31:
            parts.append(int(day.group(1)))
    return {"date-parts": [parts]}


def _finer(new: dict[str, Any], old: dict[str, Any]) -> bool:
    """Whether date ``new`` is the same year as ``old`` with more parts (month, day)."""
    a, b = new["date-parts"][0], old["date-parts"][0]
    return len(a) > len(b) and a[: len(b)] == b


def _strip(text: str) -> str:
    """Outer punctuation and quotes stripped (a closing bracket whose opening one stays is kept)."""
    prev = None
    while prev != text:
        prev = text
        text = strip_outer(text, _STRIP).strip(_QUOTES)
    return text


def _volume(text: str, item: dict[str, Any]) -> None:
    """Split an AnyStyle volume segment (``5(1):81–144``, ``Vol 10, No. 9``, ``95, (2)``)."""
    t = text.strip(" .,;:")
    edition = _EDITION.search(t)
    if edition:  # "3rd ed.", "5th edition": an edition, not a volume
        item.setdefault("edition", edition.group(1))
        return
    count = _VOLUME_COUNT.fullmatch(t)
    if count:  # "2 vols.": how many volumes, not which
        item.setdefault("number-of-volumes", count.group(1))
        return
    m = re.search(r"(\d+[A-Za-z]?)\s*[,:]?\s*\(([^)]+)\)\s*:?\s*(\d+\s*[\-–—]\s*\d+)?", t)
    if m:
        item["volume"], item["issue"] = m.group(1), m.group(2).strip()
        if m.group(3) and "page" not in item:
            item["page"] = _pages(m.group(3))
        return
    m = re.match(r"\((\d+)\)\s*(\d+)", t)
    if m:
        item["volume"], item["issue"] = m.group(1), m.group(2)
        return
    vol = re.search(
        r"\b(?:vol(?:ume)?s?\b\.?|bd\b\.?|tome\b|t\.)\s*(\d[\w\-–]*|[ivxlc]+\b)", t, re.I
    )
    num = re.search(
        r"(?:\bnos|\bno|\bnr|n°|\bnumber|\bnum|\bissue|\biss|\bheft|\bh|\bn\.)"
        r"\.?\s*(\d[\w\-–/]*)",
        t,
        re.I,
    )
    if vol:
        item["volume"] = vol.group(1)
    if num:
        item["issue"] = num.group(1)
        lead = re.match(r"(\d+[A-Za-z]?)\b", t)
        if not vol and lead and lead.start() < num.start():
            item["volume"] = lead.group(1)
    if vol or num:
        return
    nums = re.findall(r"\d+(?:[A-Za-z](?![A-Za-z]))?", t)
    if nums and _YEAR.fullmatch(nums[0]) and len(nums) > 1:
        nums = nums[1:]
    if nums:
        item["volume"] = nums[0]
    if len(nums) == 2:
        item["issue"] = nums[1]


def _pages(text: str) -> str:
    """Page range with "pp." dropped and dashes made ``-``."""
    t = re.sub(r"^\W*(?:pages?|pp?|pgs?|s)\b\.?\s*", "", text.strip(), flags=re.I)
    t = re.sub(r"^(\d+)\s*(?:pp?|pages|pgs?|S)\b\.?[\s.,;:]*$", r"\1", t)  # "112 pp." = count
    t = re.sub(r"\s*[\-‐‑‒–—―−]+\s*", "-", t)
    return t.strip(_STRIP)


def _url(text: str) -> str | None:
    """The first URL inside ``text``."""
    m = _URL.search(text)
    return m.group(0).rstrip(".,;:)]>") if m else None


def _add_link(item: dict[str, Any], text: str) -> None:
    """URL or DOI from a url/doi segment."""
    doi = _DOI.search(text)
    url = _url(text)
    if doi and (not url or "doi.org" in url or "doi" in text.lower()[:8]):
        item.setdefault("DOI", doi.group(0).rstrip(".,;:)]>"))
    elif url:
        item.setdefault("URL", url)


def _title(item: dict[str, Any], text: str | None) -> None:
    """Title; a quoted title ends at its closing quote, and what follows it in the same
    segment is the container when a volume was found, else the publisher. Quotes pair by kind
    (“…” ‘…’ «…» "…" '…'), so a quote of another kind inside the title does not end it; two
    quoted parts in one segment (``“A” and “B”``, ``“A”: B”``) make one title."""
    if not text:
        return
    quoted = _quoted_title(text)
    if quoted:
        title, rest = quoted
        item["title"] = _cut_open_paren(_strip(title))
        rest = _strip(rest)
        if rest:
            item.setdefault("container-title" if "volume" in item else "publisher", rest)
    elif _strip(text):
        item["title"] = _cut_open_paren(_strip(text))


_MEDIUM = re.compile(
    r"^(?:internet|online|on-?line|electronic|electronic version|e-?book|cd-rom|"
    r"dvd|pdf|kindle(?: version)?|serial on the internet|"
    r"(?:monograph|homepage|database|book) on the internet)$",
    re.I,
)
_DESCRIPTOR = re.compile(
    r"^(?:fact ?sheet|press release|brochure|blog(?: post)?|data ?set|report|policy brief|"
    r"white paper|working paper|video(?: file)?|audio(?: file)?|podcast|infographic|map|"
    r"editorial|letter to the editor|abstract|powerpoint slides|lecture notes|"
    r"(?:web ?page|website)|computer software|motion picture|tweet|facebook (?:post|status "
    r"update)|television series episode|speech|interview|leaflet|poster|newsletter|"
    r"(?:(?:doctoral|ph\.? ?d\.?|master'?s|ma|msc|m\.a\.|unpublished)\s+)?"
    r"(?:dissertation|thesis))$",
    re.I,
)
_TRAILING_BRACKET = re.compile(r"\s*\[([^\[\]]{2,40})(?:\]|$)\s*$")


_REPORT_NUMBER = re.compile(
    r"\s*\((?:(?P<genre>[A-Z][^()]{1,40}?)\s+No\.?\s*(?P<num>\d[\w./-]*)|"
    r"(?P<agency>[A-Z]{2,10})\s+(?P<code>(?!(?:1[5-9]|20)\d\d\))\d[\w./]*-[\w./-]+))\)$"
)


def _bracketed_description(item: dict[str, Any]) -> None:
    """``Obesity and overweight [Fact sheet]``, ``Notes [Internet]``: a bracketed medium or
    description closing the title is not part of it (CSL ``medium`` or ``genre``); nor is
    APA's report number, ``Depression (NIH Publication No. 15-3561)``."""
    title = item.get("title") or ""
    num = _REPORT_NUMBER.search(title)
    if num and title[: num.start()].strip() and "genre" not in item and "number" not in item:
        if num["agency"]:  # "(NCES 2019-144)": the agency's report number
            item["number"] = f"{num['agency']} {num['code']}"
        else:
            item["genre"], item["number"] = num["genre"], num["num"]
        item["title"] = title = _strip(title[: num.start()])
    m = _TRAILING_BRACKET.search(title)
    if not m or not title[: m.start()].strip():
        return
    word = m.group(1).strip(" ,")
    kind, _, body = word.partition(",")  # "[Doctoral dissertation, University of X]"
    if _MEDIUM.match(word):
        item.setdefault("medium", word)
    elif _DESCRIPTOR.match(word):
        item.setdefault("genre", word)
    elif _DESCRIPTOR.match(kind.strip()) and body.strip():
        item.setdefault("genre", kind.strip())
        item.setdefault("publisher", body.strip())
    else:
        return
    item["title"] = _strip(title[: m.start()])


def _bracket_closed_in_publisher(item: dict[str, Any]) -> None:
    """``Title [Master's thesis, University]. Repository`` with the bracket cut at the
    comma: the publisher runs to the closing bracket; what follows it names the archive
    holding the copy (APA's database or repository)."""
    pub = item.get("publisher") or ""
    if "genre" not in item or "]" not in pub or "[" in pub:
        return
    head, _, tail = pub.partition("]")
    item["publisher"] = _strip(head)
    if _strip(tail):
        item.setdefault("archive", _strip(tail))


def _quoted_title(text: str) -> tuple[str, str] | None:
    """``(title, rest)`` when ``text`` starts with a quoted span of two or more words."""
    m = re.match(r"^\W*?([“‘'\"«])", text)
    if not m:
        return None
    close = _CLOSE[m.group(1)]
    start = m.end()
    ends = [
        k
        for k in range(start + 1, len(text))
        if text[k] == close and (k + 1 == len(text) or text[k + 1] in _AFTER_CLOSE)
    ]
    ends = [k for k in ends if len(text[start:k].split()) >= 2] or ends
    if not ends:
        return None
    end = ends[0]
    if close in "’'" and text[end + 1 : end + 3].strip()[:1].islower():
        # "brokers’ networks": an apostrophe, when a closing quote followed by punctuation
        # comes before the next opening quote
        firm = [
            k
            for k in ends[1:]
            if (k + 1 == len(text) or text[k + 1] != " ") and m.group(1) not in text[end + 1 : k]
        ]
        if firm:
            end = firm[0]
    later = [k for k in ends[1:] if _joins(text[end + 1 : k])]
    if later:
        end = later[-1]
    title = text[start:end]
    if len(title.split()) < 2:
        return None
    return title, text[end + 1 :]


def _joins(between: str) -> bool:
    """Whether the text between two closing quotes continues one title (a subtitle after a
    colon, or a second quoted title after "and")."""
    head = between.lstrip(" ")
    return head.startswith(":") or bool(re.match(r"(?:and|&|et|und|y)\s+\W?[“‘'\"«]", head))


def _cut_open_paren(text: str, min_words: int = 2) -> str:
    """``Title (tr`` or ``PUF. (Original work published`` (an aside the segment cut short)
    without the aside, when ``min_words`` words stay."""
    k = text.rfind("(")
    if k > 0 and ")" not in text[k:] and len(text[:k].split()) >= min_words:
        return _strip(text[:k])
    return text


def _first(segments: list[tuple[str, str]], label: str) -> str | None:
    """Text of the first segment with ``label``."""
    return next((t for lab, t in segments if lab == label), None)


def _fill(item: dict[str, Any], segments: list[tuple[str, str]], raw: str) -> None:
    """Scalar fields from segments."""
    for label, text in segments:
        if label == "date":
            parts = date_parts(text)
            key = "accessed" if _ACCESS.search(text) else "issued"
            if parts and key not in item:
                item[key] = parts
            elif parts and key == "issued" and _finer(parts, item["issued"]):
                item["issued"] = parts  # "(2021), ..., 4 December 2021": the full date
            elif not parts and "issued" in item and len(item["issued"]["date-parts"][0]) == 1:
                year = item["issued"]["date-parts"][0][0]
                later = date_parts(f"{text} {year}")  # "(2016) Title. 3 February."
                if later and len(later["date-parts"][0]) > 1:
                    item["issued"] = later
        elif label == "note" and _ACCESS.search(text) and date_parts(text):
            item.setdefault("accessed", date_parts(text))
        elif label == "note" and text[:1] in "–—-" and _strip(text.lstrip("–—- ")):
            item.setdefault("note", _strip(text.lstrip("–—- ")))  # an aside after a dash
        elif label in ("url", "doi"):
            _add_link(item, text)
        elif label == "number" and _strip(text):
            item.setdefault("number", _strip(text))
        elif label == "volume":
            _volume(text, item)
        elif label == "pages" and "page" not in item:
            item["page"] = _pages(text)
    simple = {
        "title": "title",
        "journal": "container-title",  # with "container", below
        "publisher": "publisher",
        "location": "publisher-place",
        "genre": "genre",
        "edition": "edition",
        "collection": "collection-title",
    }
    _title(item, _first(segments, "title"))
    _bracketed_description(item)
    for label, key in simple.items():
        found = _first(segments, label)
        if key == "container-title":  # the first of the journal and container runs
            found = next((t for lab, t in segments if lab in ("journal", "container")), None)
        if found and key not in item:
            value = _strip(found)
            if key == "container-title":
                value = re.sub(r"^(?:in|dans|en|im)\s*:?\s+", "", value, flags=re.I)
            value = _cut_open_paren(value, 1)
            medium = _TRAILING_BRACKET.search(value)
            if (
                medium
                and _MEDIUM.match(medium.group(1).strip())
                and value[: medium.start()].strip()
            ):
                item.setdefault("medium", medium.group(1).strip())  # "World Bank. [PDF]"
                value = _strip(value[: medium.start()])
            if value:
                item[key] = value
    _known_place_first(item, segments)
    _bracket_closed_in_publisher(item)
    if _DESCRIPTOR.match(item.get("publisher") or "") and "genre" not in item:
        item["genre"] = item.pop("publisher")  # "Title. Dataset. Place: Body."
        others = [_strip(t) for lab, t in segments if lab == "publisher"][1:]
        if others and others[0]:
            item["publisher"] = others[0]
    if "issued" not in item:
        raw = _URL.sub(" ", raw)
        years = [
            m
            for m in _YEAR.finditer(raw)
            if not _ACCESS.search(raw[max(0, m.start() - 40) : m.start()])
        ]
        if years:
            item["issued"] = {"date-parts": [[int(years[0].group(1))]]}
    if "URL" not in item and "DOI" not in item:
        _add_link(item, raw)


def _known_place_first(item: dict[str, Any], segments: list[tuple[str, str]]) -> None:
    """Of several location segments (``Blog: ..., Saferworld, London``), a known place wins
    over a first one that is not."""
    place = item.get("publisher-place")
    if not place or is_place(place):
        return
    for text in (t for lab, t in segments if lab == "location"):
        if is_place(_strip(text)):
            item["publisher-place"] = _strip(text)
            return


_HANDLE = re.compile(r"\s*\[@[^\]\s]+\]")  # "UNODC [@UNODC]": a social-media handle


def _names(item: dict[str, Any], segments: list[tuple[str, str]]) -> None:
    """Author and editor name lists, without social-media handles."""
    for label in ("author", "editor"):
        texts = [_HANDLE.sub("", t) for lab, t in segments if lab == label]
        names = [n for t in texts for n in split_names(t)]
        if names:
            item[label] = names


def _type(item: dict[str, Any], segments: list[tuple[str, str]]) -> str:
    """A CSL type guessed from which fields are present."""
    genre = (item.get("genre") or "").lower()
    title = item.get("title") or ""
    container = item.get("container-title") or ""
    if re.search(r"thesis|dissertation|th[eè]se|doctoral", genre):
        return "thesis"
    if (
        _LAW.search(title)
        and not container
        and len(title.split()) <= 8
        and re.search(r"\b(Act|Ordinance|Code|Constitution)\b", title)
        and not REPORT_WORDS.search(title)
    ):
        return "legislation"
    if (genre and REPORT_WORDS.search(genre)) or (item.get("number") and not container):
        return "report"  # a report series, or a report number such as "NCES 2019-144"
    if _NEWS.search(container or item.get("publisher") or "") and "volume" not in item:
        return "article-newspaper"
    day = len((item.get("issued") or {}).get("date-parts", [[]])[0]) == 3
    if (
        container
        and day
        and not item.get("volume")
        and not item.get("page")
        and not item.get("editor")
        and not _MEETING.search(container)
    ):
        return "article-newspaper"  # a dated piece in an outlet
    if (
        container
        and item.get("URL")
        and not _MEETING.search(container)
        and not any(item.get(k) for k in ("volume", "issue", "page", "editor"))
    ):
        return "webpage"  # "Title. Lifewire. Retrieved from URL": a page on a site
    if _first(segments, "journal") or ("volume" in item and container):
        return "article-journal"
    if container:
        if _MEETING.search(container):
            return "paper-conference"
        return "chapter"
    org = org_authored(item)
    if REPORT_WORDS.search(title) or (
        org and not (item.get("publisher") and item.get("publisher-place"))
    ):
        web = item.get("URL") and not item.get("publisher") and not org
        return "webpage" if web else "report"
    if item.get("URL") and not item.get("publisher"):
        return "webpage"
    if item.get("publisher") or item.get("publisher-place"):
        return "book"
    return "document"


def org_authored(item: dict[str, Any]) -> bool:
    """Whether every author of ``item`` is an organisation (and it has one)."""
    authors = item.get("author") or []
    return bool(authors) and all("literal" in a for a in authors)


def build_item(segments: list[tuple[str, str]], raw: str) -> dict[str, Any]:
    """One CSL-JSON item (no ``id``) from ``(label, text)`` segments of ``raw``."""
    item: dict[str, Any] = {}
    _names(item, segments)
    _fill(item, segments, raw)
    item["type"] = _type(item, segments)
    return item
