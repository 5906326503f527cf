"""Per-field normalisers: the text of one labelled segment -> the value of one CSL field.

Each function tidies one kind of field and knows nothing of the others: dates, page
ranges, volume and issue, URLs and DOIs, editions, and plain text (titles, containers,
publishers, places). They run after the model; none changes which field a text belongs to.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from litreview.core.data_files import data_lines
from litreview.extract.gazetteer import word_tags

__all__ = [
    "clean",
    "container",
    "date_close_len",
    "date_parts",
    "description_span",
    "doi",
    "edition",
    "genre_type",
    "is_journal",
    "is_locator",
    "journal_key",
    "link_span",
    "locator",
    "locator_span",
    "page_fields",
    "pages",
    "slashes_span",
    "status_only_span",
    "status_span",
    "strip_outer",
    "title",
    "title_tail_span",
    "url",
    "volume_issue",
]

_YEAR = re.compile(r"(?<!\d)(1[5-9]\d\d|20\d\d)(?!\d)")
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_MONTH = re.compile(r"\b(" + "|".join(_MONTHS) + r")[a-z]*\.?(?![a-z])", re.I)
_DAY = re.compile(r"(?<![\d/.-])(\d{1,2})(?:st|nd|rd|th)?(?![\d/])")
_ISO_DATE = re.compile(r"(?<!\d)(\d{4})[-/](\d{2})(?:[-/](\d{2}))?(?!\d)")
_STRIP = " \t.,;:()[]{}<>|/"
_QUOTES = "\"'“”‘’«»„*"
_URL = re.compile(r"(?:https?://|www\.)[^\s<>\"]+", re.I)
_DOI = re.compile(r"\b10\.\d{4,9}/[^\s\"<>]+")
_PAGE_CUE = re.compile(r"^\W*(?:pages?|pp?|pgs?|s|с|стр)\b\.?\s*", re.I)  # с, стр: Russian
_DASHES = re.compile(r"\s*[\-‐‑‒–—―−]+\s*")
_EDITION = re.compile(r"(\d+)\s*(?:st|nd|rd|th|e|ème|\.|ª)?", re.I)
_VOL_WORD = re.compile(r"\b(?:vols?|volume|bd|tome|t|v)\b\.?\s*(\d[\w\-–]*|[ivxlc]+\b)", re.I)
_NUM_WORD = re.compile(
    r"(?:\bnos?|\bnr|n°|\bnumber|\bnum|\bissue|\biss|\bheft|\bh|\bn)\b\.?\s*(\d[\w\-–/]*)", re.I
)
_IN = re.compile(r"^\W*(?:in|dans|en|im)\b\s*:?\s*", re.I)
# "45(2):112-20" (a date glued before it, NLM's "2018 Mar;45(2):112-20", is joined to the date
# segment before the fields are made: refparse_fields._locators_joined)
_VOLUME_ISSUE_PAGES = re.compile(
    r"\W*(\d+[A-Za-z]?)\s*\((\d+(?:\s*[\-–/]\s*\d+)?)\)\s*:\s*(\d+\s*[\-–—]\s*\d+|[A-Za-z]?\d+)\W*"
)
_PAREN = re.compile(r"(\d+[A-Za-z]?)\s*[,:]?\s*\(([^)]+)\)\s*[:,]?\s*(\d+\s*[\-–—]\s*\d+)?")


def strip_outer(text: str, chars: str) -> str:
    """``text.strip(chars)`` that keeps a closing bracket whose opening one is kept
    (``Body (ACR)`` keeps its ``)``)."""
    prev = None
    while prev != text:
        prev = text
        text = text.lstrip(chars)
        end = len(text)
        while end and text[end - 1] in chars:
            ch = text[end - 1]
            if ch in ")]" and text.count("(["[ch == "]"], 0, end - 1) > text.count(ch, 0, end - 1):
                break
            end -= 1
        text = text[:end]
    return text


def clean(text: str) -> str:
    """Outer punctuation, brackets and quotes gone (``Body (ACR)`` keeps its bracket)."""
    prev = None
    while prev != text:
        prev = text
        text = strip_outer(text, _STRIP + _QUOTES)
    return " ".join(text.split())


# the type codes of China's GB/T 7714 after a title ("Title[J]", "Title[EB/OL]")
_GBT_CODE = re.compile(r"\s*\[(?:[JMCDRNSPZAG]|DB|CP|EB|[A-Z]{1,2}/OL)\]\W*$")


def title(text: str) -> str:
    """A title without the GB/T 7714 type code that may close it (``Urban floods[J]``), and
    with the quotation marks of a quotation it opens or closes with (``"They Took
    Everything": Forced Evictions``, ``“Tides” and “Towns”``), which :func:`clean` took
    as outer marks."""
    out = clean(_GBT_CODE.sub("", text))
    depth = low = 0  # double marks only: a single closing mark is also an apostrophe
    for ch in out:
        depth += (ch == "“") - (ch == "”")
        low = min(low, depth)
    out = "“" * -low + out + "”" * (depth - low)
    if out.count('"') % 2:
        out = '"' + out if text.lstrip(_STRIP).startswith('"') else out + '"'
    return out


#: the word that names what follows as a number: "No. OIG-15-031-A", "Number 4028", "Nr. 5"
_NUMBER_WORD = re.compile(r"^(?:[Nn]o|[Nn]r|[Nn]um|[Nn]umber|[Nn]º|№)\.?:?\s*(?=\S*\d)")


def number(text: str) -> str:
    """A document's number without the word that names it as one (``No. OIG-15-031-A`` ->
    ``OIG-15-031-A``) and without an unmatched closing bracket the model took with it."""
    out = _NUMBER_WORD.sub("", clean(text))
    if out.count(")") > out.count("("):
        out = out.replace(")", "", out.count(")") - out.count("(")).strip()
    return out


def container(text: str) -> str:
    """A container title without a leading "In"/"In:"."""
    return clean(_IN.sub("", text))


def date_parts(text: str) -> dict[str, Any] | None:
    """``{"date-parts": [[y, m?, d?]]}`` from a date in words or numbers; ``None`` without
    a year."""
    iso = _ISO_DATE.search(text)
    if iso and 1 <= int(iso.group(2)) <= 12:
        parts = [int(g) for g in iso.groups() if g]
        return {"date-parts": [parts]}
    m = _YEAR.search(text)
    if not m:
        return None
    parts = [int(m.group(1))]
    mon = _MONTH.search(text)
    if mon:
        parts.append(_MONTHS.index(mon.group(1)[:3].lower()) + 1)
        day = _DAY.search(text[: m.start()] + " " + text[m.end() :])
        if day and 1 <= int(day.group(1)) <= 31:
            parts.append(int(day.group(1)))
    return {"date-parts": [parts]}


# the rest of a date in brackets: a day, a month, commas, and the closing bracket
_DATE_REST = re.compile(
    r"\s*(?:(?:\d{1,2}(?:st|nd|rd|th)?|(?:" + "|".join(_MONTHS) + r")[a-z]*\.?)[\s,]*){1,3}"
    r"\)[.,:;]?",
    re.I,
)


def date_close_len(date: str, after: str) -> int:
    """How many characters at the start of ``after`` finish ``date`` when ``date`` opens a
    bracket it does not close and ``after`` begins with only a day or month and that
    bracket (``(2010 November`` + ``9) Title``: 3, for ``9) ``); 0 otherwise."""
    if date.count("(") <= date.count(")") or not _YEAR.search(date):
        return 0
    m = _DATE_REST.match(after)
    return len(after) - len(after[m.end() :].lstrip()) if m else 0


#: a count of pages, a book's or report's length: "112 p.", "307 pp", "86 S."
_PAGE_COUNT = re.compile(r"(\d+)\s*(?:pp?|pages|pgs?|S)\b\.?[\s.,;:]*")


def page_count(text: str) -> str | None:
    """The number of pages ``text`` gives as a length (``112 p.`` -> ``112``), or ``None``
    when it gives a page or a range."""
    m = _PAGE_COUNT.fullmatch(_PAGE_CUE.sub("", text.strip()))
    return m.group(1) if m else None


def pages(text: str) -> str:
    """A page range without "pp.", its dashes as ``-`` (``pp. 33 – 51`` -> ``33-51``); a
    count of pages as its number (``112 p.`` -> ``112``)."""
    t = _PAGE_CUE.sub("", text.strip())
    count = _PAGE_COUNT.fullmatch(t)
    return clean(_DASHES.sub("-", count.group(1) if count else t))


_LOCATOR = re.compile(
    r"(?P<date>(?:1[5-9]|20)\d\d[a-z]?"
    r"(?:\s+[A-Za-z]{3,9}\.?(?:[\-–/][A-Za-z]{3,9}\.?)?(?:\s+\d{1,2}(?:[\-–]\d{1,2})?)?)?)\s*;\s*"
    r"(?P<volume>\d+[A-Za-z]?(?:[\-–]\d*[A-Za-z]?)?)(?:\s*\((?P<issue>[^()]{1,20})\))?"
    r"(?:\s*:\s*(?P<pages>[A-Za-z]{0,2}\d+[A-Za-z]?(?:\s*[\-–—]\s*[A-Za-z]{0,2}\d+[A-Za-z]?)?))?\W*"
)


def _stands_alone(text: str, m: re.Match[str]) -> bool:
    """Whether a locator run found in ``text`` is a piece of its own: what is before it ends
    a sentence or a list item, and what is after it starts another."""
    before = text[: m.start("date")].rstrip()
    after = m.end() == len(text) or bool(re.search(r"[.;]\s+$", m.group(0)))
    return after and (not re.search(r"\w", before) or before.endswith((".", ",", ";")))


def _locator_match(text: str) -> re.Match[str] | None:
    """The first locator run of ``text`` that stands alone."""
    return next((m for m in _LOCATOR.finditer(text) if _stands_alone(text, m)), None)


_DESCRIPTION = re.compile(r"\s\[([^\[\]]{2,60})\]\W*$")


def description_span(text: str) -> tuple[int, int] | None:
    """Where a description in square brackets ends a title (APA: ``Title [Blog post]``,
    ``[Data set]``, ``[Unpublished master's thesis]``): a bracket of at most six words, the
    first capitalised, one of them naming a kind of document or a web medium in the word
    lists. A bracket without such a word (a translated title, ``La crue [The flood]``) or
    opening in lower case (``[and discussion]``) is the title's."""
    m = _DESCRIPTION.search(text)
    if m is None:
        return None
    words = m.group(1).split()
    kinds = any(word_tags(w) & {"genre", "web"} for w in words)
    capital = words[0][:1].isupper()  # "[and discussion]" continues the title
    return (m.start(), len(text)) if kinds and capital and len(words) <= 6 else None


_SLASHES = re.compile(r"\s//\s*(?=\w)")


def slashes_span(text: str) -> tuple[int, int] | None:
    """Where the container stands that a reference names after ``//`` (GOST and other
    styles of Eastern Europe: ``Title // Journal. 2020. Vol. 170.``): from the slashes to
    the end (``None``: no such slashes)."""
    m = _SLASHES.search(text)
    return (m.start(), len(text)) if m else None


def is_locator(text: str) -> bool:
    """Whether ``text`` is one journal locator run and nothing else (:func:`locator`)."""
    m = _LOCATOR.fullmatch(text.strip())
    return m is not None and bool(m.group("pages") or m.group("issue"))


def locator_span(text: str) -> tuple[int, int] | None:
    """Where the journal locator run of ``text`` is (:func:`locator`; ``None``: it has
    none), when something other than the run is left before it (``PLoS Med. 2009;6(7):
    e1000097.``: a journal's name with its locator)."""
    m = _locator_match(text)
    if m is None or not re.search(r"\w", text[: m.start()]):
        return None
    return m.start(), m.end()


def locator(text: str) -> dict[str, Any]:
    """The fields of a journal locator written as one run (the NLM/Vancouver form
    ``2007;357(10):1018-27``, ``2009 Jul 21;6(7):e1000100``): the date, volume, issue and
    pages; ``{}`` when ``text`` holds none. The run may follow the end of a journal's name
    (``USA. 2008;105:12271``) and be followed by a sentence of its own (``2009;15(1):140-7.
    Epub 2008/05/17.``), whose date is not the locator's."""
    text = text.strip()
    m = _locator_match(text)
    if m is None:
        return {}
    out: dict[str, Any] = {"volume": m.group("volume")}
    issued = date_parts(m.group("date"))
    if issued:
        out["issued"] = issued
    if m.group("issue"):
        out["issue"] = m.group("issue").strip()
    if m.group("pages"):
        out["page"] = pages(m.group("pages"))
    return out


@lru_cache(maxsize=1)
def _status_phrases() -> list[tuple[str, ...]]:
    """The publication-status phrases of ``lexicon/status.txt`` as word tuples, longest
    first."""
    phrases = {tuple(line.lower().split()) for line in data_lines("lexicon/status.txt")}
    return sorted(phrases, key=len, reverse=True)


def status_span(text: str) -> tuple[int, int] | None:
    """Where a publication-status phrase ends ``text`` (``Geo-Marine Letters. Epub ahead
    of print``: from "Epub" to the end; ``None`` if none does, or if nothing but the phrase
    is there). Words are compared without case and outer punctuation or brackets."""
    words = list(re.finditer(r"\S+", text))
    keys = [w.group().strip(_STRIP + _QUOTES).lower() for w in words]
    for phrase in _status_phrases():
        n = len(phrase)
        if n < len(words) and tuple(keys[-n:]) == phrase:
            return words[-n].start(), len(text)
    return None


@lru_cache(maxsize=1)
def _title_tails() -> re.Pattern[str]:
    """The phrases of ``title_tails.txt`` after a comma at a text's end."""
    phrases = sorted({" ".join(line.lower().split()) for line in data_lines("title_tails.txt")})
    words = "|".join(re.escape(p).replace("\\ ", r"\s+") for p in phrases)
    return re.compile(rf",\s*(?:{words})\W*$", re.I)


def title_tail_span(text: str) -> tuple[int, int] | None:
    """Where a phrase saying which editions or issues are meant closes a title (``Annual
    Report, 1952, and earlier editions``, ``Employment and Earnings, various issues``; the
    phrases are data, ``title_tails.txt``): from its comma to the end."""
    m = _title_tails().search(text)
    return (m.start(), len(text)) if m and m.start() > 0 else None


def status_only_span(text: str) -> tuple[int, int] | None:
    """The whole of ``text`` when it is a publication status and nothing else (``(in
    press).``, ``forthcoming``: a date segment holding no date), else ``None``."""
    words = tuple(text.strip(_STRIP + _QUOTES).lower().split())
    return (0, len(text)) if words and words in _status_phrases() else None


def page_fields(text: str) -> dict[str, str]:
    """The page range of a pages segment, and the volume (and issue) when written before the
    pages in the same word (``22:25–43`` -> volume 22, pages 25-43; ``45(2):112-20`` ->
    volume 45, issue 2, pages 112-20)."""
    m = re.fullmatch(r"\W*(\d+[A-Za-z]?)\s*:\s*(\d+\s*[\-–—]\s*\d+|\d+)\W*", text.strip())
    if m:
        return {"volume": m.group(1), "page": pages(m.group(2))}
    m = _VOLUME_ISSUE_PAGES.fullmatch(text.strip())
    if m:
        return {"volume": m.group(1), "issue": m.group(2), "page": pages(m.group(3))}
    return {"page": pages(text)}


def volume_issue(text: str) -> dict[str, str]:
    """Volume, issue (and pages) of one volume segment: ``5(1):81-144``, ``Vol. 10, No. 9``,
    ``vol. 3``, ``170, no. 2``, ``12, 4``."""
    t = text.strip(" .,;:")
    m = _PAREN.search(t)
    if m:
        word = _NUM_WORD.search(m.group(2))  # "34 (no. 2)"
        out = {"volume": m.group(1), "issue": word.group(1) if word else m.group(2).strip()}
        if m.group(3):
            out["page"] = pages(m.group(3))
        return out
    vol, num = _VOL_WORD.search(t), _NUM_WORD.search(t)
    out = {}
    if vol:
        out["volume"] = vol.group(1)
    if num:
        out["issue"] = num.group(1)
        # Chicago's "170, no. 2": the bare number before the issue's word is the volume
        before = re.findall(r"\d+[A-Za-z]?", t[: num.start()])
        if not vol and before and not _YEAR.fullmatch(before[0]):
            out["volume"] = before[0]
    if out:
        return out
    nums = [n for n in re.findall(r"\d+[A-Za-z]?", t) if not _YEAR.fullmatch(n)]
    return dict(zip(("volume", "issue"), nums[:2], strict=False))


def url(text: str) -> str | None:
    """The first web address in ``text`` without trailing punctuation."""
    m = _URL.search(text)
    return m.group(0).rstrip(".,;:)]>") if m else None


# an editor's role in brackets, which ends the list of editors ("In: Rao, M. (ed.) Title")
_EDITOR_ROLE = re.compile(
    r"\((?:eds?|editors?|hrsg|hg|dirs?|coords?|comps?)\.?\)[.,:]?\s+(?=[^\W\d_])", re.I
)


def editor_tail_span(text: str) -> tuple[int, int] | None:
    """Where the words after an editor's role in brackets are, to the end (``In: Rao, M.
    (ed.) Law and Society.``: "Law and Society."); ``None`` when nothing of two words or
    more follows the role, or no name comes before it: the editors' list ends at their
    role."""
    m = _EDITOR_ROLE.search(text)
    if m is None or len(text[m.end() :].split()) < 2:
        return None
    if not re.search(r"[^\W\d_]{2}", re.sub(r"^\s*in\b:?", "", text[: m.start()], flags=re.I)):
        return None  # "(Ed.) ProQuest": the role before the name, not after the list
    return m.end(), len(text)


def link_span(text: str) -> tuple[int, int] | None:
    """Where the first web address of ``text`` is (``None``: it has none)."""
    m = _URL.search(text)
    return (m.start(), m.end()) if m else None


def doi(text: str) -> str | None:
    """The DOI in ``text`` (bare or in a resolver link)."""
    m = _DOI.search(text)
    return m.group(0).rstrip(".,;:)]>") if m else None


def edition(text: str) -> str:
    """An edition as its number when it has one (``3rd ed.`` -> ``3``), else the words."""
    m = _EDITION.search(text)
    return m.group(1) if m else clean(text)


@lru_cache(maxsize=1)
def _genre_types() -> tuple[re.Pattern[str], dict[str, str]]:
    """The phrases of ``genre_types.tsv`` as one pattern, and the CSL type of each phrase
    (keyed by :func:`_phrase_key`)."""
    types: dict[str, str] = {}
    for line in data_lines("genre_types.tsv"):
        phrase, _, csl_type = line.partition("\t")
        types[_phrase_key(phrase)] = csl_type.strip()
    body = "|".join(
        r"[\s\-]+".join(map(re.escape, p.split())) for p in sorted(types, key=len, reverse=True)
    )
    return re.compile(rf"(?<!\w)(?:{body})(?!\w)", re.I), types


def _phrase_key(text: str) -> str:
    """A phrase lower-cased, its words joined by one space (a hyphen joins words too)."""
    return " ".join(re.split(r"[\s\-]+", text.lower().strip()))


def genre_type(genre: str) -> str | None:
    """The CSL type the words of a genre name (``press release``: report; ``Ph.D.
    dissertation``: thesis; ``GIGA Working Paper No. 33``: report), from
    ``genre_types.tsv``: the phrase that ends last, the longer at a tie; ``None`` when it
    names none."""
    pattern, types = _genre_types()
    found = [(m.end(), m.end() - m.start(), m.group()) for m in pattern.finditer(genre)]
    if not found:
        return None
    return types[_phrase_key(max(found)[2])]


#: the kinds of ``genre_types.tsv`` that are communications, not published works
_COMMUNICATIONS = frozenset({"interview", "personal_communication"})
#: what follows a communication's kind in a title that describes one: a word at most
#: ("communication", "correspondence"), then its parties
_PARTIES = re.compile(r"(?:\s+[^\W\d_]+)?\s+(?:with|from|to|between)\b", re.I)
_FIRST_WORD = re.compile(r"[\w-]+\s+")


def communication_type(title: str) -> str | None:
    """The CSL type of a title that describes a communication rather than names a work: a
    kind of ``genre_types.tsv`` that is one (an interview, a letter, an e-mail) opens it,
    after one word at most, and its parties follow ("Interview with a police official",
    "Email from J. Whitlow to CRS", "DOL-ETA email communication with CRS"); ``None`` for
    any other title ("The email gap in hospitals", "Interviews", "Letters of Note")."""
    pattern, types = _genre_types()
    first = _FIRST_WORD.match(title)
    for at in (0, first.end()) if first else (0,):
        m = pattern.match(title, at)
        if m is None:
            continue
        kind = types[_phrase_key(m.group())]
        if kind in _COMMUNICATIONS and _PARTIES.match(title, m.end()):
            return kind
    return None


def journal_key(title: str) -> str:
    """A journal's title as ``journals.txt`` keys it: lower case, "&" as "and", punctuation
    as blanks, a leading "the" dropped (``The Lancet`` -> ``lancet``)."""
    text = " ".join(re.sub(r"[^\w\s]", " ", title.lower().replace("&", " and ")).split())
    return text.removeprefix("the ")


@lru_cache(maxsize=1)
def _journals() -> frozenset[str]:
    return frozenset(data_lines("journals.txt"))


def is_journal(title: str) -> bool:
    """Whether ``title`` is the full title of a journal in ``journals.txt`` (JabRef's lists,
    titles of two words or more)."""
    key = journal_key(title)
    return len(key.split()) >= 2 and key in _journals()
