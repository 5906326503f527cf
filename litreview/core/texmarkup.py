"""TeX markup in BibTeX values -> plain Unicode text, for formats that are not TeX.

BibTeX values are kept exactly as written (so BibTeX and BibLaTeX write back what was
read); CSL-JSON, RIS, CSV and formatted bibliographies want ``Dvořák``, not
``Dvo{\\v{r}}{\\'a}k``. :func:`to_text` converts a value only when it carries TeX markup (a
backslash or a brace), so plain text from any source passes unchanged. Accents, letter
macros, escaped specials, text-style commands, quotes, dashes and case-protecting braces
are handled here (about a microsecond a value); a value with any other command goes
through pylatexenc (about 600 microseconds), with ``$...$`` math kept as written.

Pure functions, no I/O.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import replace
from functools import lru_cache

from litreview.core.model import Person, Work

__all__ = ["plain_person", "plain_work", "tex_escape", "tex_person", "to_text"]

_TRIGGER = re.compile(r"[\\{}]")
_ACCENTS = {
    "`": "\u0300",
    "'": "\u0301",
    "^": "\u0302",
    "~": "\u0303",
    "=": "\u0304",
    ".": "\u0307",
    '"': "\u0308",
    "u": "\u0306",
    "v": "\u030c",
    "H": "\u030b",
    "c": "\u0327",
    "k": "\u0328",
    "r": "\u030a",
    "d": "\u0323",
    "b": "\u0331",
}
# \'e  \'{e}  {\'e}  \"\i  \"{\i}  \v{r}  \c c  (symbol accents may be followed by a letter
# directly; letter accents need a brace group or a space).
_ACCENT = re.compile(
    r"\\(?:([`'^~=.\"])\s*|([uvHckrdb])(?=[\s{]))\s*"
    r"(?:\{\s*(\\[ij](?![a-zA-Z])|[a-zA-Z])\s*\}|(\\[ij](?![a-zA-Z])|[a-zA-Z]))"
)
_LETTERS = {
    "ss": "ß",
    "o": "ø",
    "O": "Ø",
    "aa": "å",
    "AA": "Å",
    "ae": "æ",
    "AE": "Æ",
    "oe": "œ",
    "OE": "Œ",
    "l": "ł",
    "L": "Ł",
    "i": "ı",
    "j": "ȷ",
    "SS": "SS",
    "textendash": "–",
    "textemdash": "—",
    "textquoteleft": "‘",
    "textquoteright": "’",
    "textquotedblleft": "“",
    "textquotedblright": "”",
    "ldots": "…",
    "dots": "…",
    "textellipsis": "…",
    "S": "§",
    "P": "¶",
    "pounds": "£",
    "euro": "€",
    "texteuro": "€",
    "textregistered": "®",
    "texttrademark": "™",
    "copyright": "©",
    "textcopyright": "©",
    "textdegree": "°",
    "textbackslash": "\\",
    "textasciitilde": "~",
    "textasciicircum": "^",
    "textbar": "|",
    "textless": "<",
    "textgreater": ">",
    "textunderscore": "_",
    "textbullet": "•",
    "slash": "/",
    "relax": "",
}
_LETTER = re.compile(
    r"\\(" + "|".join(sorted(_LETTERS, key=len, reverse=True)) + r")(?![a-zA-Z])(?:\{\}|\s*)"
)
_STYLE = re.compile(
    r"\\(?:emph|textit|textbf|textsc|textup|textsl|textrm|textsf|texttt|textnormal|mkbibemph"
    r"|mkbibitalic|mkbibbold|NoCaseChange|nocase|url|path|mbox|hbox|text|bibstring|uppercase"
    r"|lowercase|MakeUppercase|MakeLowercase)(?![a-zA-Z])\s*"
)
_QUOTE = re.compile(r"\\(?:mkbibquote|enquote|mkbibparens|mkbibbrackets)\s*\{([^{}]*)\}")
_ESCAPED = re.compile(r"\\([&%$#_{}])")
_COMMAND = re.compile(r"\\[a-zA-Z]+")
_SPACE_CMD = re.compile(r"\\[ ,;:!]|~")
_PAGE_RANGE = re.compile(r"\s*(\w+)\s*-{2,3}\s*(\w+)\s*")
_BARE_SPECIAL = re.compile(r"(?<!\\)([&%#])")
_HIDE = {
    "&": "\ue010",
    "%": "\ue011",
    "$": "\ue012",
    "#": "\ue013",
    "_": "\ue014",
    "{": "\ue015",
    "}": "\ue016",
}
_UNHIDE = {v: k for k, v in _HIDE.items()}


def to_text(value: str) -> str:
    """``value`` with its TeX markup turned into Unicode; unchanged when it has none."""
    if not _TRIGGER.search(value):
        return value
    return _convert(value)


@lru_cache(maxsize=65536)
def _convert(value: str) -> str:
    text = _ESCAPED.sub(lambda m: _HIDE[m.group(1)], value)
    text = _QUOTE.sub(lambda m: "“" + m.group(1) + "”", text)
    text = _ACCENT.sub(_accent, text)
    text = _SPACE_CMD.sub(" ", text)
    text = _LETTER.sub(lambda m: _LETTERS[m.group(1)], text)
    text = _STYLE.sub("", text)
    if _COMMAND.search(text):
        return _pylatexenc(value)
    text = text.replace("{", "").replace("}", "").replace("---", "—").replace("--", "–")
    text = "".join(_UNHIDE.get(ch, ch) for ch in text)
    return unicodedata.normalize("NFC", text)


def tex_escape(value: str) -> str:
    """``value`` safe to typeset: a bare ``&``, ``%`` or ``#`` gets its backslash.

    Already escaped ones and all other markup are left alone, so the function is idempotent
    and ``to_text(tex_escape(v)) == to_text(v)`` for text without other markup.
    """
    return _BARE_SPECIAL.sub(r"\\\1", value) if _BARE_SPECIAL.search(value) else value


def tex_person(person: Person) -> Person:
    """A name with its bare ``&``, ``%`` and ``#`` escaped."""
    new = replace(
        person,
        family=tex_escape(person.family),
        given=tex_escape(person.given),
        literal=tex_escape(person.literal),
    )
    return person if new == person else new


def _accent(m: re.Match[str]) -> str:
    mark = _ACCENTS[m.group(1) or m.group(2)]
    base = m.group(3) or m.group(4)
    base = {"\\i": "i", "\\j": "j"}.get(base, base)
    return base + mark


def _pylatexenc(value: str) -> str:
    """The general case, through pylatexenc (math kept as written)."""
    from pylatexenc.latex2text import LatexNodes2Text

    converted: str = LatexNodes2Text(
        math_mode="verbatim", strict_latex_spaces=True, keep_comments=True
    ).latex_to_text(value)
    return unicodedata.normalize("NFC", converted)


def plain_person(person: Person) -> Person:
    """A name with TeX markup turned into Unicode."""
    return replace(
        person,
        family=to_text(person.family),
        given=to_text(person.given),
        literal=to_text(person.literal),
    )


def plain_work(work: Work) -> Work:
    """The modelled text fields of ``work`` as Unicode; url, doi, dates, keys and
    unmodelled fields are left exactly as they are."""
    pages = _PAGE_RANGE.fullmatch(work.pages)
    new = replace(
        work,
        title=to_text(work.title),
        container=to_text(work.container),
        publisher=to_text(work.publisher),
        place=to_text(work.place),
        volume=to_text(work.volume),
        issue=to_text(work.issue),
        pages=f"{pages.group(1)}-{pages.group(2)}" if pages else to_text(work.pages),
        note=to_text(work.note),
        abstract=to_text(work.abstract),
        authors=tuple(plain_person(p) for p in work.authors),
        editors=tuple(plain_person(p) for p in work.editors),
        keywords=tuple(to_text(k) for k in work.keywords),
    )
    return work if new == work else new
