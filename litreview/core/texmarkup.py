"""TeX markup in BibTeX values <-> plain Unicode text, at the edge between formats.

BibTeX values are kept exactly as written (so BibTeX and BibLaTeX write back what was
read, and a :class:`~litreview.core.model.Work` read from BibTeX has ``tex=True``); CSL-JSON,
RIS, CSV and formatted bibliographies want ``Dvořák``, not ``Dvo{\\v{r}}{\\'a}k``.
:func:`to_text` converts a value only when it carries TeX markup (a backslash, a brace or a
tie), and :func:`plain_work` only a work whose values are TeX. The other way, text from a
format that is not TeX (RIS, CSL-JSON, CSV, a document) is *text*: :func:`to_tex` writes it
so that TeX prints it as it is and reads no command in it (``\\input`` becomes
``\\textbackslash{}input``), and ``to_text(to_tex(v)) == v``. Accents, letter
macros, escaped specials, text-style commands, quotes, dashes and case-protecting braces
are handled here (about a microsecond a value); a value with any other command goes
through pylatexenc (about 600 microseconds), with ``$...$`` math kept as written.

Pure functions, no I/O.
"""

from __future__ import annotations

import copy
import re
import unicodedata
from collections.abc import Callable, Generator
from dataclasses import replace
from functools import lru_cache

from litreview.core.model import Person, Work

__all__ = [
    "as_tex",
    "balance_braces",
    "plain_person",
    "plain_work",
    "tex_escape",
    "tex_person",
    "to_tex",
    "to_text",
]

_TRIGGER = re.compile(r"[\\{}~]")
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
    "textbackslash": "\ue017",
    "textbraceleft": "\ue015",
    "textbraceright": "\ue016",
    "newline": "\n",
    "TeX": "TeX",
    "LaTeX": "LaTeX",
    "LaTeXe": "LaTeX2ε",
    "BibTeX": "BibTeX",
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
_SPACE_CMD = re.compile(r"\\[,;:!]|~")
# A control space ("\LaTeX\ Companion") is a space no control word before it may swallow.
_CONTROL_SPACE = re.compile(r"\\ ")
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
_STANDINS = {**{v: k for k, v in _HIDE.items()}, "\ue017": "\\", "\ue018": " "}
_UNHIDE = _STANDINS
_HIDDEN = re.compile("[" + "".join(_UNHIDE) + "]")


def to_text(value: str) -> str:
    """``value`` with its TeX markup turned into Unicode; unchanged when it has none."""
    if not _TRIGGER.search(value):
        return value
    return _convert(value)


@lru_cache(maxsize=65536)
def _convert(value: str) -> str:
    text = _ESCAPED.sub(lambda m: _HIDE[m.group(1)], value)
    text = _CONTROL_SPACE.sub("\ue018", text)
    text = _QUOTE.sub(lambda m: "“" + m.group(1) + "”", text)
    accented = _ACCENT.search(text) is not None
    text = _ACCENT.sub(_accent, text)
    text = _SPACE_CMD.sub(" ", text)
    text = _LETTER.sub(lambda m: _LETTERS[m.group(1)], text)
    text = _STYLE.sub("", text)
    if _COMMAND.search(text):
        return _pylatexenc(value)
    # dashes before braces go: "-{}-" is how text's own "--" is written in TeX
    text = text.replace("---", "—").replace("--", "–").replace("{", "").replace("}", "")
    if _HIDDEN.search(text):
        text = _HIDDEN.sub(lambda m: _UNHIDE[m.group()], text)
    return unicodedata.normalize("NFC", text) if accented else text


# Text -> TeX: each special character as the command that prints it.
_TO_TEX = {
    "\\": "\\textbackslash{}",
    "{": "\\{",
    "}": "\\}",
    "&": "\\&",
    "%": "\\%",
    "$": "\\$",
    "#": "\\#",
    "_": "\\_",
    "~": "\\textasciitilde{}",
    "^": "\\textasciicircum{}",
    "\n": "\\newline{}",
}
_TEX_SPECIAL = re.compile(r"[\\{}&%$#_~^\n]|-(?=-)")
# The same, one character at a time by str.replace (several times faster than a regex with a
# callback); the backslash first becomes a stand-in, so the backslashes and braces the
# other replacements write are not replaced again.
_SPECIALS = "\\{}&%$#_~^\n"
_REPLACE_ORDER = tuple((ch, _TO_TEX[ch]) for ch in "{}&%$#_~^\n")
_DASH = re.compile(r"-(?=-)")


def to_tex(value: str) -> str:
    """Plain text as TeX that prints it as it is: no command of the text is ever run.

    Inverse of :func:`to_text`: ``to_text(to_tex(v)) == v`` for text without runs of
    spaces or tabs (BibTeX reads any run of white space as one space).
    """
    if not value:
        return value
    for ch in _SPECIALS:  # most values have none: a few substring tests say so
        if ch in value:
            break
    else:
        if "--" not in value:
            return value
    if "\0" in value:  # the stand-in itself: the general way
        return balance_braces(_TEX_SPECIAL.sub(lambda m: _TO_TEX.get(m.group(), "-{}"), value))
    text = value.replace("\\", "\0")
    for ch, tex in _REPLACE_ORDER:
        if ch in text:
            text = text.replace(ch, tex)
    if "\0" in text:
        text = text.replace("\0", _TO_TEX["\\"])
    if "{" in value or "}" in value:
        text = balance_braces(text)
    return _DASH.sub("-{}", text) if "--" in text else text


_BRACE = re.compile(r"[{}]")
_LONE_BRACE = {"{": "\\textbraceleft{}", "}": "\\textbraceright{}"}


def balance_braces(tex: str) -> str:
    """``tex`` with every brace BibTeX finds unmatched written as the command that prints it
    (``\\textbraceleft{}``). BibTeX and biber count every brace, escaped or not, so a lone
    ``\\{`` ends a file's reading as surely as a lone ``{``; a backslash before a lone brace
    goes with it."""
    opened: list[int] = []
    lone: list[int] = []
    for m in _BRACE.finditer(tex):
        if m.group() == "{":
            opened.append(m.start())
        elif opened:
            opened.pop()
        else:
            lone.append(m.start())
    if not lone and not opened:
        return tex
    out, pos = [], 0
    for i in sorted(lone + opened):
        cut = i - 1 if i and tex[i - 1] == "\\" else i
        out += [tex[pos:cut], _LONE_BRACE[tex[i]]]
        pos = i + 1
    return "".join(out) + tex[pos:]


def tex_escape(value: str) -> str:
    """``value`` safe to typeset: a bare ``&``, ``%`` or ``#`` gets its backslash.

    Already escaped ones and all other markup are left alone, so the function is idempotent
    and ``to_text(tex_escape(v)) == to_text(v)`` for text without other markup.
    """
    if "&" not in value and "%" not in value and "#" not in value:  # most values
        return value
    return _BARE_SPECIAL.sub(r"\\\1", value) if _BARE_SPECIAL.search(value) else value


def tex_person(person: Person) -> Person:
    """A name with its bare ``&``, ``%`` and ``#`` escaped (the same object when it has
    none, found by one test of its parts together: the writer calls this once a name)."""
    p = person
    parts = f"{p.family}{p.given}{p.literal}{p.particle}{p.dropping_particle}{p.suffix}"
    if "&" not in parts and "%" not in parts and "#" not in parts:
        return person
    return _person_as(person, tex_escape)


def _accent(m: re.Match[str]) -> str:
    mark = _ACCENTS[m.group(1) or m.group(2)]
    base = m.group(3) or m.group(4)
    base = {"\\i": "i", "\\j": "j"}.get(base, base)
    return base + mark


def _pylatexenc(value: str) -> str:
    """The general case, through pylatexenc (math kept as written), run inside
    :data:`_SHIELD` (see :func:`_shielded`); directly when that is busy (another thread)."""
    try:
        out = _SHIELD.send(value)
    except ValueError:  # "generator already executing"
        return _latex_to_text(value)
    if isinstance(out, Exception):
        raise out  # raised here, so the shield lives on for the next value
    return out


def _latex_to_text(value: str) -> str:
    from pylatexenc.latex2text import LatexNodes2Text

    try:
        converted: str = LatexNodes2Text(
            math_mode="verbatim", strict_latex_spaces=True, keep_comments=True
        ).latex_to_text(value, latex_context=_walker_context())
    except RecursionError:
        raise
    except Exception:  # pylatexenc's own slips: a macro whose arguments its text
        # conversion reads and its parser gave none (\footnote, \textcolor, \title)
        converted = _bare_text(value)
    return unicodedata.normalize("NFC", converted)


@lru_cache(maxsize=1)
def _walker_context() -> object:
    """pylatexenc's parsing context, with the arguments of the macros its text conversion
    formats but its parser does not know (``\\href{url}{text}``, which crashed it)."""
    from pylatexenc import macrospec
    from pylatexenc.latexwalker import get_default_latex_context_db

    db = get_default_latex_context_db()
    db.add_context_category(
        "litreview", macros=[macrospec.MacroSpec(n, a) for n, a in _MACRO_ARGS], prepend=True
    )
    return db


# macros whose arguments pylatexenc's text conversion reads but its parser does not take
_MACRO_ARGS = (("href", "{{"),)
_BARE_COMMAND = re.compile(r"\\([a-zA-Z]+\*?|.)")


def _bare_text(value: str) -> str:
    """What is left of ``value`` without its commands and braces: the last way, for TeX
    that pylatexenc cannot convert (an escaped special keeps its character)."""
    text = _BARE_COMMAND.sub(lambda m: "" if m.group(1)[0].isalpha() else m.group(1), value)
    return " ".join(text.replace("{", "").replace("}", "").split())


def _shielded() -> Generator[str | Exception, str, None]:
    """:func:`_latex_to_text` of each value sent, in a frame that keeps no caller alive.

    pylatexenc leaves a reference cycle behind (a returned end-of-stream exception whose
    traceback holds the frame that holds it). On CPython a frame object that outlives its
    call keeps its caller's frame, and that frame its locals, all the way up the stack: one
    title with a TeX command read while deduplicating kept the whole dedup index (10^6
    objects for 10^5 records) for the cyclic collector to find, 0.6 s of CPU, instead of
    reference counting freeing it. A suspended generator's frame links to no caller, so
    the chain, and the cycle, stop here. An error (pylatexenc's recursion on deep nesting) is
    handed back to be raised by the caller: raised in here, it would end the generator.
    """
    box: list[str | Exception] = [""]  # popped as it is sent: a suspended shield holds none
    while True:
        value = yield box.pop()
        try:
            box.append(_latex_to_text(value))
        except Exception as error:  # any: re-raised by _pylatexenc
            box.append(error)


_SHIELD = _shielded()
next(_SHIELD)


def _person_as(person: Person, convert: Callable[[str], str]) -> Person:
    """``person`` with ``convert`` applied to every part of the name (the same object when
    nothing changes: most names need no conversion, and this runs once a name)."""
    parts = (
        person.family,
        person.given,
        person.literal,
        person.particle,
        person.dropping_particle,
        person.suffix,
    )
    new = tuple(convert(p) if p else p for p in parts)
    if new == parts:
        return person
    family, given, literal, particle, dropping, suffix = new
    return Person(
        family=family,
        given=given,
        literal=literal,
        particle=particle,
        dropping_particle=dropping,
        suffix=suffix,
    )


def plain_person(person: Person) -> Person:
    """A name with TeX markup turned into Unicode (the same object when it has none, found
    by one test of its parts together)."""
    p = person
    if not _TRIGGER.search(
        f"{p.family}{p.given}{p.literal}{p.particle}{p.dropping_particle}{p.suffix}"
    ):
        return person
    return _person_as(person, to_text)


_PLAIN_FIELDS = ("title", "container", "publisher", "place", "volume", "issue", "note", "abstract")


def plain_work(work: Work) -> Work:
    """A work read from BibTeX (``tex=True``) with its text fields as Unicode; ``extra``
    values too, except identifiers (url, doi, file names) which are kept as written.
    A work whose values are text already is returned as it is."""
    if not work.tex:
        return work
    new = copy.copy(work)  # its state as a tuple: no __init__, no field-by-field replace
    put = object.__setattr__
    put(new, "tex", False)
    for name in _PLAIN_FIELDS:
        value = getattr(work, name)
        if value:
            put(new, name, to_text(value))
    pages = _PAGE_RANGE.fullmatch(work.pages)
    put(new, "pages", f"{pages.group(1)}-{pages.group(2)}" if pages else to_text(work.pages))
    if work.authors:
        put(new, "authors", tuple(plain_person(p) for p in work.authors))
    if work.editors:
        put(new, "editors", tuple(plain_person(p) for p in work.editors))
    if work.keywords:
        put(new, "keywords", tuple(to_text(k) for k in work.keywords))
    if work.extra:
        put(
            new,
            "extra",
            tuple((n, v if n.lower() in _VERBATIM else to_text(v)) for n, v in work.extra),
        )
    return new


def as_tex(work: Work) -> Work:
    """A work of plain text (``tex=False``) with every text value written as TeX
    (:func:`to_tex`), ready for a BibTeX file; a TeX work is returned as it is."""
    if work.tex:
        return work
    return replace(
        work,
        tex=True,
        title=to_tex(work.title),
        container=to_tex(work.container),
        publisher=to_tex(work.publisher),
        place=to_tex(work.place),
        volume=to_tex(work.volume),
        issue=to_tex(work.issue),
        pages=to_tex(work.pages),
        note=to_tex(work.note),
        abstract=to_tex(work.abstract),
        authors=tuple(_person_as(p, to_tex) for p in work.authors),
        editors=tuple(_person_as(p, to_tex) for p in work.editors),
        keywords=tuple(to_tex(k) for k in work.keywords),
        extra=tuple((n, v if n.lower() in _VERBATIM else to_tex(v)) for n, v in work.extra),
    )


# Fields written verbatim in BibTeX (biber and BibTeX read them without TeX processing).
_VERBATIM = frozenset({"url", "doi", "eprint", "file", "pdf", "verba", "verbb", "verbc"})
