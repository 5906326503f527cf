"""What keeps two records apart however alike they look: the guards of deduplication.

A shared DOI, URL or title is evidence that two records are one work; these say when it is
not. A part (a chapter, a conference paper, an article) is never the whole that holds it (a
book, a proceedings volume, a journal: the part's container is the whole's title, or the
part names no container but its pages or chapter, as BibTeX's ``@inbook`` has the book's
title; a reference parser's guess of a type alone keeps nothing apart). Two volumes, two editions or
two containers are two works; a title match needs the containers to agree. A URL is no
evidence when it names no particular page: a site root, a search or link-resolver page, a
placeholder (``URL``), or a link many differently titled records share; nor is a DOI many
differently titled records share. A DOI or URL match
whose titles have nothing in common and whose authors or types differ is a data error, not
a duplicate. Pure functions.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from rapidfuzz import fuzz

from litreview.core.model import Work
from litreview.corpus.identity import STOP_WORDS, normalise_title, normalise_url

__all__ = [
    "Traits",
    "abbreviates",
    "apart",
    "contradicts",
    "generic_urls",
    "is_specific_url",
    "shared_values",
]

# CSL types that are part of a larger work, and the types of those larger works.
PARTS = frozenset(
    {
        "chapter",
        "paper-conference",
        "entry",
        "entry-dictionary",
        "entry-encyclopedia",
        "article-journal",
        "article-magazine",
        "article-newspaper",
        "review",
        "review-book",
    }
)
WHOLES = frozenset({"book", "periodical", "collection"})
# Path words of pages that list or look up works rather than being one: search pages, link
# resolvers (OpenURL), catalogue and database front ends.
LOOKUP_WORDS = frozenset(
    {"search", "results", "find", "query", "openurl", "sfx", "resolver", "login", "ezproxy"}
)
# Query parameters of a search or an OpenURL.
LOOKUP_PARAMS = frozenset(
    {"q", "query", "search", "term", "url_ver", "rft_id", "rft_val_fmt", "sid"}
)
# Records of different titles sharing one URL from which it stops counting as evidence.
SHARED_URL_TITLES = 3
# Below this similarity (rapidfuzz token_set_ratio of normalised titles) two titles have
# nothing in common.
UNRELATED_TITLES = 50.0
# Below this similarity two containers are different journals or books.
SAME_CONTAINER = 80.0


@dataclass(frozen=True, slots=True)
class Traits:
    """What the guards compare of one record."""

    kind: str  # "part", "whole" or ""
    type: str  # the CSL type, "" when generic ("document")
    volume: str
    edition: str
    container: str
    title: str
    author: str
    located: bool = False  # a part that names its pages or chapter in the whole

    @classmethod
    def of(cls, work: Work, title: str, author: str) -> Traits:
        """The traits of ``work`` (its normalised title and first author given)."""
        kind = "part" if work.type in PARTS else "whole" if work.type in WHOLES else ""
        return cls(
            kind=kind,
            type="" if work.type == "document" else work.type,
            volume=normalise_title(work.volume),
            edition=normalise_title(work.extra_value("edition")) if work.extra else "",
            container=normalise_title(work.container),
            title=title,
            author=author,
            located=kind == "part" and bool(work.pages or work.extra_value("chapter")),
        )


def apart(a: Traits, b: Traits, *, by_title: bool) -> str:
    """Why ``a`` and ``b`` are two works (``""`` when nothing says so). ``by_title``: the
    match is on the title alone (containers must then agree too)."""
    if {a.kind, b.kind} == {"part", "whole"}:
        part, whole = (a, b) if a.kind == "part" else (b, a)
        if part.container and fuzz.ratio(part.container, whole.title) >= SAME_CONTAINER:
            return "a part and the whole that holds it"
        if part.located and not part.container:  # BibTeX's @inbook: the book's title, pages
            return "a part (its pages or chapter) and the whole that holds it"
    if a.volume and b.volume and a.volume != b.volume:
        return "different volumes"
    if a.edition and b.edition and a.edition != b.edition:
        return "different editions"
    if (
        by_title
        and a.container
        and b.container
        and fuzz.ratio(a.container, b.container) < SAME_CONTAINER
        and not abbreviates(a.container, b.container)
        and not abbreviates(b.container, a.container)
    ):
        return "different containers"
    return ""


def abbreviates(short: str, full: str) -> bool:
    """Whether the normalised name ``short`` abbreviates ``full`` word by word, as journal
    abbreviations do (``proc natl acad sci u s a``, ``j econ perspect``): each word of
    ``full`` but its small words (of, the, ...) stands, in order, as one word of ``short``
    that begins with its first letter and whose letters it holds in order."""
    words = [w for w in full.split() if w not in STOP_WORDS]
    shorts = [w for w in short.split() if len(w) == 1 or w not in STOP_WORDS]  # 'a': America
    return (
        len(shorts) == len(words) > 1
        and shorts != words
        and all(_contracts(s, w) for s, w in zip(shorts, words, strict=True))
    )


def _contracts(short: str, word: str) -> bool:
    """Whether ``short`` is ``word`` cut or contracted (``natl``: national)."""
    if short[0] != word[0] or len(short) > len(word):
        return False
    letters = iter(word)
    return all(ch in letters for ch in short)


def contradicts(a: Traits, b: Traits) -> bool:
    """Titles with nothing in common and, besides, different first authors or types (both
    known): a shared DOI or URL is then a data error or a placeholder, not one work."""
    if not (a.title and b.title) or fuzz.token_set_ratio(a.title, b.title) >= UNRELATED_TITLES:
        return False
    authors = bool(a.author and b.author and a.author != b.author)
    types = bool(a.type and b.type and a.type != b.type)
    return authors or types


def is_specific_url(url: str) -> bool:
    """Whether a normalised URL names one page: a host with a dot, a path, and no lookup."""
    host, _, rest = url.partition("/")
    if "." not in host or not rest.strip("/"):
        return False
    path, _, query = rest.partition("?")
    words = {w for w in f"{host}/{path}".lower().replace(".", "/").split("/") if w}
    params = {p.partition("=")[0].lower() for p in query.split("&") if p}
    return not (words & LOOKUP_WORDS or params & LOOKUP_PARAMS)


def generic_urls(works: Iterable[Work]) -> frozenset[str]:
    """Normalised URLs that many records of different titles share (a journal's home page,
    a database's link): no evidence that any two of them are one work."""
    return shared_values((w.url, normalise_url(w.url), normalise_title(w.title)) for w in works)


def shared_values(records: Iterable[tuple[str, str, str]]) -> frozenset[str]:
    """Normalised values of an identifier (a URL, a DOI) that records of
    :data:`SHARED_URL_TITLES` different titles or more share, of records given as ``(value,
    normalised value, normalised title)`` (the normalised ones are not used when the value is
    empty). A DOI a library gives every paper of a proceedings volume (the volume's) is no
    evidence that any two of them are one work, as a journal's home page is not."""
    titles: dict[str, set[str]] = {}
    for value, norm, title in records:
        if value:
            titles.setdefault(norm, set()).add(title)
    return frozenset(u for u, t in titles.items() if len(t) >= SHARED_URL_TITLES)
