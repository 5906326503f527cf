"""What makes two records one work: normalised DOIs, URLs, titles, and stable citekeys.

Pure functions, no I/O. Normalisation folds case, accents, LaTeX markup and punctuation so
that the same title written by two tools compares equal.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection, Iterable
from functools import lru_cache

from litreview.core.model import Person, Work
from litreview.core.texmarkup import to_text
from litreview.formats._csl_maps import LEGAL_TYPES
from litreview.formats._search import IDENTIFIERS

__all__ = [
    "NUMBERED_TYPES",
    "STOP_WORDS",
    "Citekeys",
    "first_author_key",
    "make_citekey",
    "normalise_doi",
    "normalise_name",
    "normalise_title",
    "normalise_url",
    "report_number",
    "title_numbers",
    "url_site",
    "url_site_key",
    "url_year",
    "work_identifiers",
]

_LATEX_CMD = re.compile(r"\\(?:[a-zA-Z]+\*?\s*|.)")
# An organisation's own acronym: "(CGR)" anywhere, or a leading all-capitals word of 2+
# letters ("WHO and ...", "IEA Global ...", "K4D helpdesk").
_ACRONYM = re.compile(r"\(([A-Z][A-Z0-9&]{1,9})\)|^([A-Z][A-Z0-9]*[A-Z][A-Z0-9]*)(?=\s|$)")
_NON_WORD = re.compile(r"[\W_]+")
# ASCII text without TeX commands to folded words: braces dropped, capitals lowered, every
# other character that is not a letter or digit a space (as _NON_WORD makes it).
_ASCII_WORDS: dict[int, str | None] = {
    **{c: " " for c in range(128) if not chr(c).isalnum()},
    **{c: chr(c).lower() for c in range(ord("A"), ord("Z") + 1)},
    ord("{"): None,
    ord("}"): None,
}
_LETTERS = str.maketrans({"ß": "ss", "ø": "o", "đ": "d", "ł": "l", "æ": "ae", "œ": "oe", "ı": "i"})
_DOI_PREFIX = re.compile(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*|doi\s+)", re.IGNORECASE)
_TRACKING = ("utm_", "fbclid", "gclid", "mc_cid", "mc_eid")
STOP_WORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "on",
        "in",
        "and",
        "for",
        "to",
        "from",
        "with",
        "by",
        "at",
        "as",
        "is",
        "are",
        "de",
        "la",
        "le",
        "les",
        "el",
        "los",
        "des",
        "du",
        "der",
        "die",
        "das",
        "und",
    ]
)
_DIGITS = re.compile(r"\d+")
_COMBINING = re.compile(
    "[" + "".join(chr(c) for c in range(0x300, 0x10000) if unicodedata.combining(chr(c))) + "]"
)


def fold(text: str) -> str:
    """Lower case, TeX markup read as the characters it stands for, accents removed (other
    scripts kept)."""
    if "\\" in text or "{" in text or "}" in text:
        text = _LATEX_CMD.sub("", to_text(text)).replace("{", "").replace("}", "")
    if text.isascii():
        return text.lower()
    text = _COMBINING.sub("", unicodedata.normalize("NFKD", text))
    return text.lower().translate(_LETTERS)


@lru_cache(maxsize=1 << 16)
def normalise_title(s: str) -> str:
    """A title as folded words (letters and digits of any script) separated by single spaces."""
    if s.isascii() and "\\" not in s:
        # no command: its only markup, braces, ``~`` and dashes, is dropped or is no word
        # (a third of the titles of a BibTeX file have braces: ``{DNA} repair``); one
        # translation does what fold and _NON_WORD do to it
        return " ".join(s.translate(_ASCII_WORDS).split())
    return " ".join(_NON_WORD.sub(" ", fold(s)).split())


def title_numbers(s: str) -> tuple[str, ...]:
    """The numbers in a title ("World Energy Outlook 2012" -> ("2012",)): editions, volumes."""
    return tuple(_DIGITS.findall(s))


def normalise_doi(s: str) -> str:
    """A bare, lower-case DOI (``10.xxxx/yyy``) or ``""`` when ``s`` holds none."""
    s = _DOI_PREFIX.sub("", s.strip()).strip().rstrip(".")
    return s.lower() if s.startswith("10.") and "/" in s else ""


_IDENTIFIER_NAMES = frozenset(IDENTIFIERS)


def work_identifiers(work: Work) -> tuple[str, ...]:
    """The database identifiers a work carries (``pmid:29456894``, ``wos:000220015600001``,
    ``openalex:w2741809807`` ...), normalised: from ``extra``, under the names the readers of
    search exports keep them (:data:`litreview.formats._search.IDENTIFIERS`); and a report's
    number (its ``number``, else its issue, where CSL's number is kept; only for
    :data:`NUMBERED_TYPES`) when it reads as one of a series (``report:gao26107433``,
    :func:`report_number`)."""
    found: dict[str, str] = {}
    for name, value in work.extra:  # one pass: works from search exports carry many extras
        low = name.lower()
        if low in _IDENTIFIER_NAMES and low not in found:
            value = value.strip().lower().rsplit("/", 1)[-1]
            found[low] = value.removeprefix("wos:").removeprefix("pmc")
        elif low == "number" and not found.get("report") and work.type in NUMBERED_TYPES:
            found["report"] = report_number(value)
    if not found.get("report") and work.issue and work.type in NUMBERED_TYPES:
        found["report"] = report_number(work.issue)  # CSL's number, kept as the issue
    return tuple(f"{n}:{found[n]}" for n in (*IDENTIFIERS, "report") if found.get(n))


#: Types whose number names the one work (a journal's issue number is shared by its articles)
NUMBERED_TYPES = frozenset({"report", "document", "standard", "patent", "dataset"})
_SERIES_NUMBER = re.compile(r"[a-z]+(?:\d[a-z]*){5,}")


def report_number(value: str) -> str:
    """A report's number folded (case and separators dropped: ``GAO-26-107433``,
    ``GAO26-107433`` -> ``gao26107433``) when it names one report of a series: letters,
    then five digits or more (``R48725``, ``OIG-21-017-1``); ``""`` for a bare number
    (``13``, ``2019-01``) or a short one (``H.R. 1234``), which many works share."""
    folded = _NON_WORD.sub("", value.lower()).replace("_", "")
    return folded if len(folded) <= 40 and _SERIES_NUMBER.fullmatch(folded) else ""


def normalise_url(s: str) -> str:
    """A URL as host, path and query: scheme, ``www.``, fragment, tracking, final ``/`` dropped.

    The host is lower-cased; the path and query keep their case (servers may care).
    """
    s = s.strip().strip("<>").replace("\\_", "_").replace("\\&", "&").replace("\\%", "%")
    if not s:
        return ""
    rest = s.split("://", 1)[-1].partition("#")[0]
    rest, _, query = rest.partition("?")
    host, _, path = rest.partition("/")
    host = host.lower().rsplit("@", 1)[-1].removeprefix("www.")
    host = host.removesuffix(":80").removesuffix(":443")
    if query:
        query = "&".join(q for q in query.split("&") if q and not q.lower().startswith(_TRACKING))
    return host + ("/" + path).rstrip("/") * bool(path) + ("?" + query if query else "")


@lru_cache(maxsize=65536)
def normalise_name(person: Person) -> str:
    """A person's family name (or an organisation's name) folded to ASCII words."""
    return normalise_title(person.literal or person.family or person.given)


def first_author_key(work: Work) -> str:
    """The folded name of the first author (or editor), or ``""``."""
    people = work.authors or work.editors
    return normalise_name(people[0]) if people else ""


def _name_part(work: Work) -> str:
    people = work.authors or work.editors
    if not people:
        return ""
    p = people[0]
    if p.literal:
        acronym = _ACRONYM.search(p.literal)
        if acronym:  # "Centre for Governance Research (CGR)" -> cgr, "AFI Working Group" -> afi
            return normalise_title(acronym.group(1) or acronym.group(2)).replace(" ", "")[:20]
        words = [w for w in normalise_title(p.literal).split() if w not in STOP_WORDS]
        # organisations: an acronym-like single word, else the initials ("World Bank" -> wb)
        if len(words) == 1:
            return words[0][:20]
        return "".join(w[0] for w in words)[:10]
    return normalise_title(p.family or p.given).replace(" ", "")[:20]


def _title_part(work: Work) -> str:
    """The first word of the title that is no stop word and is written in ASCII."""
    for word in normalise_title(work.title).split():
        if word not in STOP_WORDS and (ascii_word := _ascii(word)):
            return ascii_word[:20]
    return ""


def citekey_base(work: Work) -> str:
    """The suffix-free citekey: first author or organisation, year, first title word.

    A work with no author names its web site instead (``theguardian``), and a work with no
    date the year its URL's path states (``/2020/10/...``), so that a bare link still gets a
    readable key (``theguardian2020coastal``). A work with neither author, title nor link
    names its periodical or publisher (a newspaper's issue: ``newyorkherald1869``); a law,
    regulation or case cited by its place in a code or reporter alone is named by that
    place (``20 C.F.R. § 1002.136``: ``cfr20-1002.136``; ``P.L. 117-263``: ``law117-263``), and
    any other work that gives only its number (CSL's ``number``, BibTeX's) by that number (a
    committee's report, ``H.R. Rep. No. 111-58``: ``hrrepno111-58``).
    A key is ASCII: a name or title in another script is left out of it (a work by "郝国强"
    with a CNKI link: ``cnki2026``).
    """
    name = _ascii(_name_part(work)) or _ascii(url_site_key(work.url))
    if not name and not work.title and work.type in LEGAL_TYPES:
        legal = _legal_part(work)
        if legal:
            return legal
    numbered = _number_part(work.issue) if not (name or work.title or work.container) else ""
    if numbered:
        return numbered
    if not name and not (work.title and _title_part(work)):
        words = normalise_title(work.container or work.publisher).split()
        name = _ascii("".join(w for w in words if w not in STOP_WORDS))[:20]
    base = name + (work.year or url_year(work.url)) + _title_part(work)
    return base or "anon"


def _number_part(number: str) -> str:
    """A key from a number alone: the letters before its first digit, then the rest with
    each run of other characters as one hyphen ("H.R. Rep. No. 111-58": "hrrepno111-58");
    ``""`` when it has no digit."""
    low = "".join(ch for ch in number.lower() if ch.isascii())
    at = next((i for i, ch in enumerate(low) if ch.isdigit()), None)
    if at is None:
        return ""
    head = "".join(ch for ch in low[:at] if ch.isalnum())
    return (head + _NOT_NUMBER.sub("-", low[at:]).strip("-"))[:30]


#: what a number's run of characters other than letters and digits becomes in a key
_NOT_NUMBER = re.compile(r"[^a-z0-9]+")


def _ascii(part: str) -> str:
    """The ASCII letters and digits of a key's part: a key is written in ASCII (LaTeX,
    pandoc and the other formats' rule, ``formats._citekeys``), so a name in a script
    without Latin letters ("郝国强") gives nothing and the key is made of what else the
    work has."""
    return "".join(ch for ch in part if ch.isascii() and ch.isalnum())


# what a law, a regulation or a case is named by in a key when it names no code or reporter
_LEGAL_NAMES = {"legislation": "law", "regulation": "reg", "bill": "bill", "legal_case": "case"}
_NOT_KEY = re.compile(r"[^a-z0-9.]+")


def _legal_part(work: Work) -> str:
    """``cfr20-1002.136``: the code or reporter (its letters), the volume, and the section,
    page or number; ``""`` when the work gives none of them."""
    place = next(
        (v for v in (work.extra_value("section"), work.pages, work.issue) if v.strip()), ""
    )
    if not place:
        return ""
    code = "".join(ch for ch in normalise_title(work.container) if ch.isalnum())[:12]
    code = code or _LEGAL_NAMES.get(work.type, "law")
    place = _NOT_KEY.sub("-", place.lower()).strip("-.")[:30]
    volume = _NOT_KEY.sub("", work.volume.lower())[:8]
    if not place:
        return ""
    return f"{code}{volume}-{place}" if volume else f"{code}{place}"


_WWW = re.compile(r"^www\d*\.")
_GENERIC_SLD = frozenset(
    ["com", "org", "net", "gov", "edu", "ac", "co", "or", "go", "gob", "govt", "mil", "nic"]
)
_YEAR_SEGMENT = re.compile(r"^(?:19[5-9]\d|20[0-4]\d)$")


def url_site(url: str) -> str:
    """The site a URL is on, as people write it: host without ``www.`` or port."""
    host = normalise_url(url).split("/", 1)[0].split("?", 1)[0]
    return _WWW.sub("", host.rsplit(":", 1)[0])


def url_site_key(url: str) -> str:
    """The site's own name from its host, for a citekey: ``thediplomat.com`` -> ``thediplomat``.

    The top-level domain and a generic second level (``gov.pk``, ``co.uk``) are skipped, as
    are sub-domains (``asiapacific.unwomen.org`` -> ``unwomen``). ``""`` without a URL.
    """
    labels = [x for x in url_site(url).split(".") if x]
    if len(labels) < 2:
        return ""
    labels = labels[:-1]
    if len(labels) > 1 and labels[-1] in _GENERIC_SLD:
        labels = labels[:-1]
    return normalise_title(labels[-1]).replace(" ", "")[:20]


def url_year(url: str) -> str:
    """A year the URL's path states as a whole segment (``/2020/10/slug``), or ``""``."""
    path = normalise_url(url).partition("/")[2].partition("?")[0]
    return next((seg for seg in path.split("/") if _YEAR_SEGMENT.match(seg)), "")


class Citekeys(set[str]):
    """The citekeys taken so far, for :func:`make_citekey` to add to one by one: it also
    remembers, per key base, how many suffixes it has found taken, so making the n-th key
    of one base (a document of anonymous notes: ``anon``, ``anona``, ... ``anonzz``) tries
    one suffix rather than n, and a run of many keys stays linear. Keys are only ever added
    (a key removed would be given again only after the suffixes past it)."""

    def __init__(self, keys: Iterable[str] = ()) -> None:
        super().__init__(keys)
        self.tried: dict[str, int] = {}


def make_citekey(work: Work, taken: Collection[str]) -> str:
    """A new citekey for ``work`` not in ``taken``: ``smith2012drugs``, then ``...a``, ``...b``.

    Derived from the work's content only, so the same work gets the same key on every run
    (given the same keys already taken). With ``taken`` a :class:`Citekeys`, the suffixes
    known taken are skipped (the key is the same).
    """
    base = citekey_base(work)
    if base not in taken:
        return base
    memo = taken.tried if isinstance(taken, Citekeys) else {}
    n = memo.get(base, 0)
    while base + _alpha_suffix(n) in taken:
        n += 1
    memo[base] = n
    return base + _alpha_suffix(n)


def _alpha_suffix(n: int) -> str:
    """0 -> a, 25 -> z, 26 -> aa ..."""
    out = ""
    n += 1
    while n:
        n, r = divmod(n - 1, 26)
        out = chr(97 + r) + out
    return out
