"""Hypothesis strategies for the data model, shared by every format's round-trip tests.

Text is plain Unicode (letters with accents, digits, ordinary punctuation) with no leading,
trailing or repeated whitespace, no braces, backslashes, quotes or control characters, so
every format can carry it verbatim. A format that can carry more (BibTeX's LaTeX, say) adds
its own strategies on top of these in its own test module.

Usage::

    from tests.strategies import works
    @given(works())
    def test_round_trip(work): ...
"""

from __future__ import annotations

from hypothesis import strategies as st

from litreview.core.model import Person, Work

__all__ = [
    "CSL_TYPES",
    "dates",
    "extras",
    "keys",
    "keywords",
    "organisations",
    "people",
    "persons",
    "texts",
    "words",
    "works",
]

# CSL types every bibliographic format is expected to carry.
CSL_TYPES = (
    "article-journal",
    "article-newspaper",
    "book",
    "chapter",
    "document",
    "legislation",
    "paper-conference",
    "report",
    "thesis",
    "webpage",
)

_LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZéüöçñøßłşğāīū"
_PUNCT = ".:;!?()-/'&%+=*@"
# Words a format might read as structure in a name list ("and") are left out of names.
_RESERVED_WORDS = frozenset({"and", "others"})


def words(alphabet: str = _LETTERS) -> st.SearchStrategy[str]:
    """One word of 1-10 characters from ``alphabet``."""
    return st.text(alphabet=alphabet, min_size=1, max_size=10)


def texts(*, max_words: int = 8) -> st.SearchStrategy[str]:
    """Single-spaced text: words of letters, digits and punctuation (never empty)."""
    word = st.text(alphabet=_LETTERS + "0123456789" + _PUNCT, min_size=1, max_size=10)
    return st.lists(word, min_size=1, max_size=max_words).map(" ".join)


def _name_words(max_words: int) -> st.SearchStrategy[str]:
    """Capitalised name words joined by single spaces, without reserved words."""
    word = (
        words()
        .filter(lambda w: w.lower() not in _RESERVED_WORDS)
        .map(lambda w: w[0].upper() + w[1:])
    )
    return st.lists(word, min_size=1, max_size=max_words).map(" ".join)


def persons() -> st.SearchStrategy[Person]:
    """A person with a family name and maybe given names (maybe a lowercase particle)."""
    particle = st.sampled_from(["", "van ", "de ", "von der ", "al-"])
    given = st.one_of(st.just(""), _name_words(3))
    return st.builds(_person, particle, _name_words(2), given)


def _person(particle: str, name: str, given: str) -> Person:
    """A person whose ``particle`` is what BibTeX's rule reads as "von": the lower-case words
    before the last ("al-Farabi Khan" has the particle "al-Farabi", "al-Farabi" none)."""
    family = particle + name
    words = family.split()
    lower = [w for w in words[:-1] if w[0].islower()]
    return Person(family=family, given=given, particle=" ".join(lower))


def organisations() -> st.SearchStrategy[Person]:
    """A corporate author (``Person(literal=...)``), e.g. "World Bank" or "UNODC & Partners"."""
    return _name_words(4).map(lambda name: Person(literal=name))


def people(max_size: int = 4) -> st.SearchStrategy[tuple[Person, ...]]:
    """A tuple of persons and organisations."""
    return st.lists(st.one_of(persons(), organisations()), max_size=max_size).map(tuple)


def dates() -> st.SearchStrategy[str]:
    """``""``, ``"YYYY"``, ``"YYYY-MM"`` or ``"YYYY-MM-DD"``."""
    year = st.integers(1800, 2099)
    month = st.integers(1, 12)
    day = st.integers(1, 28)
    return st.one_of(
        st.just(""),
        year.map(lambda y: f"{y:04d}"),
        st.tuples(year, month).map(lambda t: f"{t[0]:04d}-{t[1]:02d}"),
        st.tuples(year, month, day).map(lambda t: f"{t[0]:04d}-{t[1]:02d}-{t[2]:02d}"),
    )


_ASCII = "abcdefghijklmnopqrstuvwxyz"
_DIGITS = "0123456789"


def _joined(*parts: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    """The concatenation of ``parts`` (faster than ``from_regex``)."""
    return st.tuples(*parts).map("".join)


def _chars(alphabet: str, min_size: int, max_size: int) -> st.SearchStrategy[str]:
    """Text of ``min_size``..``max_size`` characters from ``alphabet``."""
    return st.text(alphabet=alphabet, min_size=min_size, max_size=max_size)


def keys() -> st.SearchStrategy[str]:
    """A citekey: ASCII letters and digits, starting with a letter."""
    return _joined(
        _chars(_ASCII + _ASCII.upper(), 1, 1), _chars(_ASCII + _ASCII.upper() + _DIGITS, 0, 15)
    )


def keywords() -> st.SearchStrategy[tuple[str, ...]]:
    """Distinct keywords, some of them tags written ``facet:value``."""
    plain = st.text(alphabet=_LETTERS, min_size=1, max_size=12)
    ident = _joined(_chars(_ASCII, 1, 1), _chars(_ASCII + "_", 0, 10))
    tag = _joined(ident, st.just(":"), ident)
    return st.lists(st.one_of(plain, tag), max_size=4, unique=True).map(tuple)


def extras(
    names: st.SearchStrategy[str] | None = None,
) -> st.SearchStrategy[tuple[tuple[str, str], ...]]:
    """Unmodelled fields, distinct names ``x_...`` (lowercase) by default."""
    names = names or _joined(st.just("x_"), _chars(_ASCII, 1, 8))
    pairs = st.lists(st.tuples(names, texts()), max_size=3, unique_by=lambda p: p[0])
    return pairs.map(tuple)


def _maybe(strategy: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    """``""`` or a value of ``strategy``."""
    return st.one_of(st.just(""), strategy)


def works(
    *,
    types: tuple[str, ...] = CSL_TYPES,
    extra: st.SearchStrategy[tuple[tuple[str, str], ...]] | None = None,
) -> st.SearchStrategy[Work]:
    """A :class:`Work` with every modelled field exercised (each maybe empty)."""
    number = st.integers(1, 9999).map(str)
    pages = st.one_of(number, st.tuples(number, number).map(lambda t: f"{t[0]}-{t[1]}"))
    query = st.one_of(st.just(""), _joined(st.just("?a=1&b="), _chars(_ASCII, 1, 3)))
    url = _joined(
        st.just("https://"),
        _chars(_ASCII, 1, 10),
        st.just(".org/"),
        _chars(_ASCII + _DIGITS, 1, 8),
        query,
    )
    doi = _joined(
        st.just("10."), _chars(_DIGITS, 4, 5), st.just("/"), _chars(_ASCII + _DIGITS + ".", 1, 10)
    )
    return st.builds(
        Work,
        key=keys(),
        type=st.sampled_from(types),
        authors=people(),
        editors=people(2),
        issued=dates(),
        title=_maybe(texts()),
        container=_maybe(texts()),
        publisher=_maybe(texts(max_words=4)),
        place=_maybe(texts(max_words=3)),
        volume=_maybe(number),
        issue=_maybe(number),
        pages=_maybe(pages),
        url=_maybe(url),
        doi=_maybe(doi),
        note=_maybe(texts()),
        accessed=dates(),
        abstract=_maybe(texts(max_words=20)),
        keywords=keywords(),
        extra=extra if extra is not None else extras(),
    )
