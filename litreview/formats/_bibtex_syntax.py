"""BibTeX value and name syntax: field value expressions and ``and``-separated name lists.

Values are kept as raw LaTeX (braces, accents and escapes exactly as written); only the
outer delimiters, ``#`` concatenation and ``@string`` macros are resolved, and whitespace
runs are collapsed (as TeX does), keeping paragraph breaks.
"""

from __future__ import annotations

import functools
import re
from dataclasses import replace

from litreview.core.limits import MAX_FIELD_CHARS
from litreview.core.model import Person

__all__ = [
    "MONTHS",
    "ValueSyntaxError",
    "ValueTooLong",
    "balanced",
    "evaluate",
    "format_names",
    "join_keywords",
    "normalise_space",
    "parse_month",
    "plain_value",
    "split_keywords",
    "split_names",
]

MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_MONTH_NAMES = (
    "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december",
)  # fmt: skip
_SPACE = re.compile(r"[ \t\r\n]+")
_PARAGRAPH = re.compile(r"\n[ \t\r]*\n\s*")
_PLAIN_BRACED = re.compile(r"\{([^{}\\\"]*)\}")
_MACRO = re.compile(r"[^\s\"#%'(),={}]+")


class ValueSyntaxError(ValueError):
    """A field value that is not a valid BibTeX expression; ``offset`` is where it broke."""

    def __init__(self, message: str, offset: int) -> None:
        super().__init__(message)
        self.offset = offset


class ValueTooLong(ValueError):
    """A value longer than :data:`~litreview.core.limits.MAX_FIELD_CHARS` once its
    ``@string`` macros are expanded."""


def normalise_space(text: str) -> str:
    """Collapse whitespace runs to one space, keep blank-line paragraph breaks, strip ends."""
    # Plain substring tests are much faster than one regex search on long values.
    if not text or not (
        "  " in text
        or "\n" in text
        or "\t" in text
        or "\r" in text
        or text[0].isspace()
        or text[-1].isspace()
    ):
        return text
    paragraphs = _PARAGRAPH.split(text.strip())
    return "\n\n".join(_SPACE.sub(" ", p).strip() for p in paragraphs)


def _collapse(text: str) -> str:
    """White-space runs as one space, ends kept (an ``@string`` value)."""
    return _SPACE.sub(" ", text)


_BRACES = re.compile(r"\\.|[{}]", re.DOTALL)
_NOT_BRACE = re.compile(r"[^{}]+")
_DELIMS = re.compile(r'\\.|[{}"]', re.DOTALL)


def balanced(text: str) -> bool:
    """Whether braces balance (escaped ``\\{``/``\\}`` do not count) and never go negative."""
    if "{" not in text and "}" not in text and not text.endswith("\\"):
        return True
    if text.endswith("\\") and (len(text) - len(text.rstrip("\\"))) % 2:
        return False
    if "\\" not in text:
        # the braces alone, innermost "{}" pairs taken out a level at a time (C string
        # work, not a Python step a brace); nesting deeper than a few levels is counted
        braces = _NOT_BRACE.sub("", text)
        for _ in range(4):
            if "{}" not in braces:
                return not braces
            braces = braces.replace("{}", "")
        if "{}" not in braces:
            return not braces
    depth = 0
    for m in _BRACES.finditer(text):
        tok = m.group()
        if tok == "{":
            depth += 1
        elif tok == "}":
            depth -= 1
            if depth < 0:
                return False
    return depth == 0


def _braced_end(raw: str, start: int, closer: str) -> int:
    """The index just past the delimiter closing the group opened at ``start``."""
    depth = 0
    for m in _DELIMS.finditer(raw, start + 1):
        tok = m.group()
        if tok == "{":
            depth += 1
        elif tok == "}":
            if depth == 0 and closer == "}":
                return m.end()
            depth -= 1
        elif tok == '"' and closer == '"' and depth == 0:
            return m.end()
    raise ValueSyntaxError("unclosed value", start)


def plain_value(raw: str) -> str | None:
    """The value of ``{text}`` without inner braces, quotes or backslashes (most field values),
    as :func:`evaluate` gives it; ``None`` for any other expression."""
    plain = _PLAIN_BRACED.fullmatch(raw)
    return normalise_space(plain.group(1)) if plain else None


def evaluate(raw: str, macros: dict[str, str], *, strip: bool = True) -> tuple[str, list[str]]:
    """A raw value expression as text, and the names of any undefined macros it used.

    ``strip=False`` (an ``@string`` definition) keeps a space at either end: ``and = " and
    "`` must still part the names it joins. Raises :class:`ValueSyntaxError` when text
    follows a complete value (a missing comma).
    """
    tidy = normalise_space if strip else _collapse
    plain = _PLAIN_BRACED.fullmatch(raw)
    if plain:
        return tidy(plain.group(1)), []
    parts: list[str] = []
    unknown: list[str] = []
    i = 0
    n = len(raw)
    size = 0
    while True:
        while i < n and raw[i].isspace():
            i += 1
        if i >= n:
            raise ValueSyntaxError("empty value", i)
        ch = raw[i]
        if ch in '{"':
            end = _braced_end(raw, i, "}" if ch == "{" else '"')
            parts.append(raw[i + 1 : end - 1])
            i = end
        else:
            m = _MACRO.match(raw, i)
            if not m:
                raise ValueSyntaxError(f"unexpected {ch!r}", i)
            word = m.group()
            if word.isdecimal():
                parts.append(word)
            elif word.lower() in macros:
                parts.append(macros[word.lower()])
                size += len(parts[-1])
                if size > MAX_FIELD_CHARS:
                    raise ValueTooLong(
                        f"longer than {MAX_FIELD_CHARS:,} characters once @string macros are "
                        "expanded"
                    )
            else:
                unknown.append(word)
                parts.append(word)
            i = m.end()
        while i < n and raw[i].isspace():
            i += 1
        if i >= n:
            return tidy("".join(parts)), unknown
        if raw[i] != "#":
            raise ValueSyntaxError("text after the value", i)
        i += 1


def parse_month(text: str) -> int | None:
    """A month number from ``"3"``, ``"mar"``, ``"March"``, ``"Sept."`` (a month's name cut
    to three letters or more); ``None`` if not a month."""
    low = text.strip().lower().rstrip(".")
    if low.isdecimal() and 1 <= int(low) <= 12:
        return int(low)
    if len(low) < 3 or not low.isalpha():
        return None
    return next((i + 1 for i, name in enumerate(_MONTH_NAMES) if name.startswith(low)), None)


_SCANNERS: dict[str, re.Pattern[str]] = {}


def _split_top(text: str, sep: re.Pattern[str]) -> list[str]:
    """Split ``text`` where ``sep`` matches at brace depth 0."""
    if "{" not in text and "\\" not in text:
        return sep.split(text)
    scan = _SCANNERS.get(sep.pattern)
    if scan is None:
        scan = re.compile(r"\\.|[{}]|" + sep.pattern, sep.flags | re.DOTALL)
        _SCANNERS[sep.pattern] = scan
    out: list[str] = []
    depth = 0
    start = 0
    for m in scan.finditer(text):
        tok = m.group()
        if tok == "{":
            depth += 1
        elif tok == "}":
            depth -= 1
        elif depth == 0 and not tok.startswith("\\"):
            out.append(text[start : m.start()])
            start = m.end()
    out.append(text[start:])
    return out


_AND = re.compile(r"\s+and\s+", re.IGNORECASE)
_COMMA = re.compile(r"\s*,\s*")
_WS = re.compile(r"\s+")


def _is_lower(word: str) -> bool:
    """BibTeX's "von" test: the first letter at depth 0 (or of a special char) is lowercase."""
    m = re.match(r"\{\\[a-zA-Z]+\s*\{?([a-zA-Z])|\{\\[^a-zA-Z]\s*\{?([a-zA-Z])", word)
    if m:
        return (m.group(1) or m.group(2)).islower()
    if word.startswith("{"):
        return False
    for ch in word:
        if ch.isalpha():
            return ch.islower()
    return False


@functools.lru_cache(maxsize=65536)
def _person(name: str) -> Person:
    """One BibTeX name as a person or an organisation (``{World Bank}``).

    The three BibTeX forms: "von Family, Given", "von Family, Jr, Given" (the suffix kept
    apart) and "Given von Family". The "von" words (lower-case, BibTeX's rule) start the
    family name and are recorded as its ``particle``. Cached: the same names recur across a
    corpus, and a :class:`Person` is immutable.
    """
    if name.startswith("{") and name.endswith("}") and _braced_end(name, 0, "}") == len(name):
        return Person(literal=name[1:-1].strip())
    parts = _split_top(name, _COMMA)
    if len(parts) == 2:
        return _with_particle(Person(family=parts[0], given=parts[1]))
    if len(parts) >= 3:
        given = ", ".join(parts[2:])
        return _with_particle(Person(family=parts[0], given=given, suffix=parts[1]))
    words = _split_top(name, _WS)
    lower = [i for i, w in enumerate(words[:-1]) if _is_lower(w)]
    cut = lower[0] if lower else len(words) - 1
    return _with_particle(Person(family=" ".join(words[cut:]), given=" ".join(words[:cut])))


def _with_particle(person: Person) -> Person:
    """``person`` with the lower-case words that open its family name as its particle."""
    words = _split_top(person.family, _WS)
    n = 0
    while n < len(words) - 1 and _is_lower(words[n]):
        n += 1
    return replace(person, particle=" ".join(words[:n])) if n else person


def split_names(text: str) -> tuple[Person, ...]:
    """An ``and``-separated name list as persons; ``{World Bank}`` is an organisation."""
    text = normalise_space(text)
    if not text:
        return ()
    return tuple(_person(n.strip()) for n in _split_top(text, _AND) if n.strip())


def split_keywords(text: str) -> tuple[str, ...]:
    """A ``keywords`` value as its keywords: split at commas outside braces; a keyword that
    holds a comma is braced whole (``{Colitis, Ulcerative/*therapy}``) and read without them."""
    out = []
    for word in _split_top(text, _COMMA):
        word = word.strip()
        if word.startswith("{") and word.endswith("}") and _braced_end(word, 0, "}") == len(word):
            inner = word[1:-1]
            if len(_split_top(inner, _COMMA)) > 1:
                word = inner
        if word:
            out.append(word)
    return tuple(out)


def join_keywords(words: tuple[str, ...]) -> str:
    """Keywords as one ``keywords`` value (the inverse of :func:`split_keywords`)."""
    return ", ".join("{" + w + "}" if len(_split_top(w, _COMMA)) > 1 else w for w in words)


def _guarded(person: Person) -> Person:
    """``person`` with each name part that holds a top-level ``and`` or comma braced (a
    given name "Adam and Roe, Cy", as a broken export wrote it): unbraced, it would read
    back as two people, or its comma as the one between family and given name."""
    parts = {}
    for name in ("family", "given", "suffix"):
        value = getattr(person, name)
        if value and (len(_split_top(value, _AND)) > 1 or len(_split_top(value, _COMMA)) > 1):
            parts[name] = "{" + value + "}"
    return replace(person, **parts) if parts else person


def format_names(people: tuple[Person, ...]) -> str:
    """Persons as a BibTeX name list: "Family, Given", "Family, Jr, Given" or ``{Literal}``,
    joined by ``and`` (a dropping particle is written after the given name)."""
    out = []
    for p in people:
        p = _guarded(p)
        given = p.given
        if p.dropping_particle:
            given = f"{given} {p.dropping_particle}" if given else p.dropping_particle
        if p.literal:
            out.append("{" + p.literal + "}")
        elif p.suffix:
            out.append(f"{p.family}, {p.suffix}, {given}")
        elif given and p.family:
            out.append(f"{p.family}, {given}")
        elif p.family:
            # "Family," keeps a many-word family name from being split into given + family.
            out.append(f"{p.family}," if len(_split_top(p.family, _WS)) > 1 else p.family)
        else:
            out.append("{" + given + "}")
    return " and ".join(out)
