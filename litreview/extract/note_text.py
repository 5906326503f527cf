"""The shape of a note's text: is it an ibid, a bare link, an explanatory note or a citation;
where does one work end and the next begin; which references does a prose note name.

Only the text's shape is read (names with years, quoted or italic titles, links, citation
signals, the share of lower-case words), never its subject.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator
from functools import lru_cache

from litreview.extract._text import LINK_TEXT
from litreview.extract.backrefs import LEADIN, lead_end, phrase_pattern
from litreview.extract.gazetteer import word_tags
from litreview.extract.note_sources import (
    is_cross_reference,
    is_dated_correspondence,
    legal_citations,
    note_sentences,
    points_inside,
)
from litreview.extract.reference_likeness import prose_words
from litreview.extract.refparse_legal import legal_fields
from litreview.extract.refparse_letters import letter_fields
from litreview.extract.short_cites import is_short_citation

__all__ = [
    "classify",
    "has_title",
    "is_prose",
    "looks_like_reference",
    "note_references",
    "opens_like_reference",
    "short_form_list",
    "signalled_work",
    "split_works",
]

#: "Ibid.", "Id.", "See id.", in Markdown emphasis or not ("*Id*.", "_See id._")
_IBID = re.compile(
    r"^\s*[*_]{0,2}(?:(?:see(?:\s+also)?|cf\.)[*_]{0,2}\s+[*_]{0,2})?(?:ibid|ibidem|id)\b[*_]{0,2}\.?",
    re.I,
)
_BACKREF = re.compile(r"\b(?:cited above|op\.?\s?cit\b|supra\b|loc\.?\s?cit\b)", re.I)
_URL = re.compile(r"<?(?:https?://|www\.)[^\s<>]+>?")
_URL_ONLY = re.compile(r"^(?:[A-Za-z]{2,5}:\s*)?<?(?:https?://|www\.)\S+?>?[.;,]?$")
_LINK = re.compile(rf"\[{LINK_TEXT}++\]\([^)\[\]]*\)")
_QUOTED = re.compile(r"‘[^’]{6,}’|“[^”]{6,}”|\"[^\"]{6,}\"|(?<!\w)'[^']{6,}'(?!\w)")
_ITALIC = re.compile(
    r"\*[^*\s][^*]*\s[^*]*\s[^*]*\*|(?<![\w_])_[^_\s][^_]*\s[^_]*\s[^_]*?[^_\s]_(?![\w_])"
)
# A name token is at most 40 characters taken whole (``{0,40}+``), a name at most 40 tokens,
# and a name starts only where a word does: a note of 60,000 capitals, or of "A. A. A.",
# costs linear time, not quadratic.
_TOKEN = r"(?:[A-Z][\w'’&.\-]{0,40}+|and|&|et al\.?|et|al\.?|of|for|the|on|against|de|van|von)"
_NAME_YEAR = re.compile(
    rf"(?<![^\W_]|['’])(?P<name>{_TOKEN}(?:,?\s++{_TOKEN}){{0,39}}+)\.?,?\s*"
    r"\((?P<year>(?:19|20)\d\d)[a-z]?\)"
)
# (the name taken whole up to its comma, at most 120 characters: a note with no comma costs
# linear time, not a scan to its end from every capital)
_NAME_COMMA_YEAR = re.compile(r"[A-Z][\w'’.\- ]{0,120}+,\s*(?:19|20)\d\d\b")
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d"
_PAREN_CITE = re.compile(
    rf"\((?![^()]*?:\s*{_MONTH})(?!{_MONTH})([A-Z][^()]*?,\s*(?:19|20)\d\d[^()]*)\)"
)
# publication facts in brackets: "(Washington, D.C.: Dec. 11, 2025)", "(London: Press, 2001)"
_FACTS = re.compile(r"\((?:[A-Z][\w.'’&-]*[ ,]*){1,6}:\s*[^()]{0,80}?\b(?:1[5-9]|20)\d\d\)")
# a bracket of publication facts, not a work: "Cambridge: Cambridge University Press, 2009"
_PUBLISHED = re.compile(
    r"^[^():;]{2,80}:\s*[^():;]{2,120}?,\s*(?:[A-Z][a-z]+\.?\s+)?(?:1[5-9]|20)\d\d\s*$"
)
# an author-date reference opens "Surname, Given. 2005." or "Surname, G., and B. Other. 2005."
_AUTHOR_DATE = re.compile(
    r"^[A-Z][\w'’\-]+(?: [A-Z][\w'’\-]+)?,\s+[A-Z][\w.'’\-]*(?:\s+[A-Z][\w.'’\-]*)*"
    r"(?:,?\s+(?:and|&)\s+[^.]{1,80}?)?\.\s+(?:1[5-9]|20)\d\d[a-z]?\."
)
_SHORT_NAME = r"(?:[A-Z][\w'’\-]{1,40}+(?:\s++[A-Z][\w'’\-]{1,40}+)?)"
_PAGE = r"(?:[,:]\s*(?:pp?\.\s*)?\d+(?:[–-]\d+)?)"
# "Weitzer 2005", "Weitzer, 2005: 12", "Weitzer (2005)", "Weitzer (2005, p. 12)", "(2005), p. 12"
_SHORT_ITEM = re.compile(
    rf"(?<![^\W_]|['’]){_SHORT_NAME}(?:,?\s+(?:and|&)\s+{_SHORT_NAME}|\s+et\s+al\.?)?,?\s+"
    rf"(?:(?:1[5-9]|20)\d\d[a-z]?|\((?:1[5-9]|20)\d\d[a-z]?{_PAGE}?\))(?![\w(]){_PAGE}?"
)
# a date in brackets closing a reference: "... Report to Congress (Nov. 4, 2024)."
_DATED_END = re.compile(
    r"(?:\((?:[A-Z][a-z]{2,8}\.?\s+(?:\d{1,2},\s+)?)?(?:1[5-9]|20)\d\d(?:;[^()]*)?\)"
    r"|(?<=[,.])\s+[A-Z][a-z]{2,8}\.?\s+(?:\d{1,2},\s+)?(?:1[5-9]|20)\d\d)\s*\.?\s*$"
)
# where a run of spaces starts, taken whole: linear on a note of 60,000 spaces
_CITED_IN = re.compile(r"(?<!\s)(?:\s*+[-–,])?+\s++cited in\s+(?=[A-Z])")
# a legal citation's parenthetical citing another work: "529 U.S. at 127 (quoting 60 Fed.
# Reg. 44396 (Aug. 28, 1996))", "(citing ...)"
_QUOTING = re.compile(r"\s+\((?:quoting|citing)\s+(?=\S)")


def _quoting_split(chunk: str) -> list[tuple[str, bool]]:
    """``chunk`` cut at "cited in", and each parenthetical quoting or citing another work
    taken out as a work of its own after the text it was in, which goes on without it (each
    of them ``True``: a work of its own, whatever it looks like)."""
    out: list[tuple[str, bool]] = []
    for piece in _CITED_IN.split(chunk):
        outer, quoted = _take_quoted(piece)
        out += [(outer, bool(quoted)), *((q, True) for q in quoted)]
    return out


def _take_quoted(piece: str) -> tuple[str, list[str]]:
    """``piece`` without its parentheticals quoting or citing another work (one with a
    number: "(citing cases)" cites none), and those works."""
    quoted: list[str] = []
    m = _QUOTING.search(piece)
    while m is not None:
        close = _closing(piece, m.end())
        inner = piece[m.end() : close]
        if close < 0 or not any(ch.isdigit() for ch in inner):
            m = _QUOTING.search(piece, m.end())
            continue
        quoted.append(inner)
        rest = piece[close + 1 :]
        if piece[: m.start()].endswith(".") and rest.startswith("."):
            rest = rest[1:]  # "Id. (quoting X)." is "Id.", not "Id.."
        piece = piece[: m.start()] + rest
        m = _QUOTING.search(piece, m.start())
    return piece, quoted


def quoted_works(text: str) -> list[str]:
    """The works a note cites only inside a parenthetical quoting or citing them (``529
    U.S. at 127 (quoting 60 Fed. Reg. 44396 (1996))``: the Fed. Reg.): no "Id." in the next
    note means them."""
    return [
        q
        for chunk in _top_level_split(text)
        for piece in _CITED_IN.split(chunk)
        for q in _take_quoted(piece)[1]
    ]


def _closing(text: str, at: int) -> int:
    """The offset of the ``)`` closing the bracket open before ``at``, or -1."""
    depth = 0
    for i in range(at, len(text)):
        if text[i] == "(":
            depth += 1
        elif text[i] == ")":
            if depth == 0:
                return i
            depth -= 1
    return -1


_REF_WORDS = frozenset(
    {
        "archived",
        "accessed",
        "retrieved",
        "available",
        "online",
        "from",
        "in",
        "cited",
        "p",
        "pp",
        "and",
        "pg",
        "vol",
        "no",
    }
)
_YEAR_END = re.compile(r"\((?:19|20)\d\d[a-z]?\)\s*[,.:]?\s*$")


def classify(text: str) -> str:
    """The kind of a footnote's text: ``ibid``, ``url``, ``note`` or ``citation``."""
    return _classify(text, pieces=True)


def _classify(text: str, *, pieces: bool) -> str:
    """:func:`classify`; with ``pieces``, a note whose opening reads as prose is still a
    citation when it is works cut apart at ``;`` (:func:`_all_references`)."""
    text = text.strip()
    if points_inside(text):  # "See supra note 20.": no work, whatever "supra" says
        return "note"
    if _IBID.match(text) or (_BACKREF.search(text) and len(text) < 120 and _one_work(text)):
        return "ibid"
    if _URL_ONLY.match(text):
        return "url"
    at = lead_end(text)
    if at and looks_like_reference(text[at:]):
        return "citation"
    body = text[at:]
    if _AUTHOR_DATE.match(body) or short_form_list(body) or is_short_citation(body):
        return "citation"
    if is_dated_correspondence(body) or letter_fields(body) is not None:
        return "citation"
    start = _first_anchor(text)
    prefix = text if start is None else text[:start]
    if _YEAR_END.search(prefix):  # "Body (Year), 'Title'": the prefix is an author
        return "citation"
    if start is None and _no_reference_marks(text):
        return "note"
    if is_prose(prefix) and not _a_name(prefix):
        return "citation" if pieces and _all_references(body) else "note"
    if start is None and not opens_like_reference(text) and _prose_after(text):
        return "note"
    return "citation"


def _prose_after(text: str) -> bool:
    """Whether a note goes on, after its first sentence, with a sentence of prose (a list
    of bodies' names in capitals first, then "The components of DOT have changed since
    2001."): with no mark of a reference and not opening with names, it is explanatory."""
    sentences = note_sentences(text)[1:]
    return any(_prose_sentence(text[a:b]) for a, b in sentences)


_MIN_LOWER_WORDS = 3


def _prose_sentence(sentence: str) -> bool:
    """Whether a sentence is prose, not a title in title case ("Overview of the Referral
    and Support Systems for Patients"): three lower-case words or more besides function
    words, and no mark of a reference."""
    words = re.findall(r"[A-Za-z][A-Za-z'’\-]*", sentence)
    lower = [w for w in words if w[0].islower() and w.lower() not in _FUNCTION]
    return len(lower) >= _MIN_LOWER_WORDS and not looks_like_reference(sentence)


def _all_references(body: str) -> bool:
    """Whether a note is works cut apart at ``;``, each one sentence and a reference that is
    a citation by its own shape or opens with names (``Roe et al., v. Doe, civil no.
    1:24-cv-3973, April 15, 2026; and Ann Lee, “Title,” Outlet, 2026, https://...``), one
    at least a citation: the first work's opening may read as prose."""
    pieces = split_works(body)
    kinds = [_classify(p, pieces=False) for p in pieces]
    return (
        len(pieces) > 1
        and "citation" in kinds
        and all(
            len(note_sentences(p)) == 1
            and looks_like_reference(p)
            and (k == "citation" or opens_like_reference(p))
            for p, k in zip(pieces, kinds, strict=True)
        )
    )


_NAME_WORDS = frozenset({"of", "and", "the", "for", "on", "in", "&", "de", "et", "al.", "al"})


def opens_like_reference(sentence: str) -> bool:
    """Whether a sentence opens as references do: names (capitalised words, with function
    words between them) up to its first comma, title or year."""
    head = re.split(r"[,(“\"‘_*\[<]|\b(?:19|20)\d\d\b", sentence, maxsplit=1)[0]
    words = head.split()
    if not words or len(words) > 12:
        return False
    return all(w[:1].isupper() or w[:1].isdigit() or w.lower() in _NAME_WORDS for w in words)


def signalled_work(body: str) -> bool:
    """Whether the words after a citation signal (``See also``) name a work by their shape
    alone, though they have no title marks, year or link (``CRS Report R44243, Electing the
    Speaker: Frequently Asked Questions, by Valerie Heitshusen.``): a name, a comma, more
    words, and nothing that points inside the document."""
    return (
        "," in body and len(body.split()) >= _MIN_SIGNALLED_WORDS and not is_cross_reference(body)
    )


_MIN_SIGNALLED_WORDS = 4


def _one_work(text: str) -> bool:
    """Whether a note cites one work only (``Smith, supra note 4.``, not ``Lee v. Roe, 5
    U.S. 1 (1990); Smith, supra note 4.``)."""
    return len(split_works(text[lead_end(text) :])) == 1


def _a_name(prefix: str) -> bool:
    """Whether the words before a note's title are a name and nothing else (an author or a
    body: ``Executive Office of the President,``): capitalised words, with function words
    between them, closed by a comma."""
    words = prefix.split()
    prose = prose_words()  # "According to ...,", "However, ...": a sentence's opening
    return (
        0 < len(words) <= 12
        and prefix.rstrip().endswith(",")
        and words[0][:1].isupper()
        and all(w[:1].isupper() or w.rstrip(",;:").lower() in _FUNCTION for w in words)
        and not any(w.lower() not in _FUNCTION and w.strip(",.").lower() in prose for w in words)
    )


_ANY_YEAR = re.compile(r"\b(?:1[5-9]|20)\d\d\b")
_MIN_NOTE_WORDS = 7


_FUNCTION = frozenset(
    {"of", "and", "the", "for", "on", "in", "a", "an", "to", "at", "by", "with", "et", "al.", "al"}
)


def _no_reference_marks(text: str) -> bool:
    """A text of some length with nothing a reference has (no title, link, year or law)
    that opens as a sentence does: a lower-case word other than a function word among its
    first four (``We interviewed ...``; a title capitalises its words)."""
    words = text.split()
    opening = [w for w in words[:4] if w[:1].islower() and w.rstrip(",;:").lower() not in _FUNCTION]
    return (
        len(words) >= _MIN_NOTE_WORDS
        and bool(opening)
        and not _ANY_YEAR.search(text)
        and not legal_citations(text)
    )


def _first_anchor(text: str) -> int | None:
    """Where the first thing that looks like part of a reference starts."""
    starts = [m.start() for m in _good_name_years(text)]
    for pattern in (_LINK, _URL, _ITALIC, _FACTS):
        m = pattern.search(text)
        if m:
            starts.append(m.start())
    titled = (
        m
        for m in _QUOTED.finditer(text)
        if not _defined_term(text, m.end()) and not _quotation(text, m.start())
    )
    quoted = next(titled, None)
    if quoted:
        starts.append(quoted.start())
    return min(starts) if starts else None


def _defined_term(text: str, end: int) -> bool:
    """Whether the quoted phrase ending at ``end`` is a term the note defines ("“several”
    indicates 6 to 15", "“mixed waste” means"; ``defining_words.txt``), no title."""
    return bool(_defining().match(text, end))


def _quotation(text: str, start: int) -> bool:
    """Whether the quoted phrase starting at ``start`` is what a source says, introduced by
    a reporting word (``EPA explains that “...”``, ``According to EPA, “...”``;
    ``reporting_words.txt``), no title; not one a citation's parenthetical
    introduces (``(noting that “...”)``)."""
    before = text[max(0, start - _REPORTING_REACH) : start]
    if before.rfind("(") > before.rfind(")"):
        return False  # inside a parenthetical
    return bool(_reporting().search(before))


#: How far before a quote a reporting word is looked for (``according to`` and its clause).
_REPORTING_REACH = 100


@lru_cache(maxsize=1)
def _reporting() -> re.Pattern[str]:
    """A reporting word, then at most a comma or a colon, at the end (of what comes before
    a quote); "according to …," is the phrase, its clause and its comma."""
    return re.compile(rf"\b(?:{phrase_pattern('reporting_words.txt')})[,:]?\s*$")


@lru_cache(maxsize=1)
def _defining() -> re.Pattern[str]:
    """A defining word right after a quote (a comma between them allowed)."""
    return re.compile(rf",?\s+(?:{phrase_pattern('defining_words.txt')})\b")


def _good_name_years(text: str) -> list[re.Match[str]]:
    """``Name (Year)`` anchors not followed by narrative (``Smith (2010) argues ...``)."""
    out = []
    for m in _NAME_YEAR.finditer(text):
        after = re.match(r"\s*([A-Za-z]+)", text[m.end() :])
        if after and after.group(1)[0].islower() and after.group(1) not in _REF_WORDS:
            continue
        out.append(m)
    return out


def is_prose(text: str) -> bool:
    """Whether ``text`` reads as prose (many lower-case words) rather than a reference."""
    text = _URL.sub(" ", _LINK.sub(" ", text))
    words = re.findall(r"[A-Za-z][A-Za-z'’\-]*", text)
    if len(words) < 5:
        return False
    lower = sum(1 for w in words if w[0].islower())
    return lower / len(words) >= 0.4


def has_title(text: str) -> bool:
    """Whether ``text`` holds a title (quoted, italic or a link) or a ``Name (Year)``."""
    return any(p.search(text) for p in (_LINK, _QUOTED, _ITALIC, _NAME_YEAR))


def looks_like_reference(part: str) -> bool:
    """Whether a piece of a footnote can stand alone as a reference to one work."""
    part = part.strip()
    if not part or _URL_ONLY.match(part):
        return False
    if legal_citations(part) or is_short_citation(part) or is_dated_correspondence(part):
        return True
    if _NAME_YEAR.search(part) or _NAME_COMMA_YEAR.search(part):
        return True
    if _LINK.search(part) or _QUOTED.search(part) or _ITALIC.search(part) or _FACTS.search(part):
        return True
    if _DATED_END.search(part) and len(part.split()) >= 6:
        return True
    if _URL.search(part):
        return len(re.findall(r"[A-Za-z]{2,}", _URL.sub(" ", part))) >= 2
    return False


# a document named by its number alone: "GAO-04-38", "GAO/GGD-96-118", "GAO-03-1166T"
_NUMBER_ITEM = re.compile(r"\b[A-Z]{2,8}(?:/[A-Z]{2,8})?-\d{2,}(?:-\d+)*[A-Z]{0,3}\b")


def short_form_list(text: str) -> list[str]:
    """The items of a note that is only short forms (``Butcher 2003, Weitzer 2005,
    Masenior and Beyrer 2007.``) or only documents' numbers (``GAO-04-38, GAO-01-592, and
    GAO/GGD-96-118.``), or ``[]`` when it is anything else."""
    body = text.strip().rstrip(".")
    numbers = _NUMBER_ITEM.findall(body)
    if len(numbers) > 1 and not re.sub(r"[\s,;.]|\band\b", "", _NUMBER_ITEM.sub("", body)):
        return numbers
    if not _ANY_YEAR.search(body):
        return []
    items = list(_SHORT_ITEM.finditer(body))
    if not items:
        return []
    rest = _SHORT_ITEM.sub("", body)
    if re.sub(r"[\s,;.]|\band\b", "", rest):
        return []
    return [m.group(0) for m in items]


# a sentence opening with a citation signal ("... 1906). Also see Jenkins, ...") cites anew
_SIGNAL_SENTENCE = re.compile(r"(?<=[.)])\s+(?=(?:See(?:\s+also)?|Also\s+see|Cf\.)\s+[A-Z])")


def split_works(text: str, *, signals: bool = False) -> list[str]:
    """The works a citation footnote cites: split at ``;`` / "cited in" where it is safe and,
    with ``signals`` (the references at the end of a prose note), at a sentence opening with
    a citation signal."""
    pieces: list[tuple[str, bool]] = []  # (piece, a work of its own: a quoting's parts)
    for chunk in _top_level_split(_link_ends_at_semicolon(text)):
        for p, quoted in _quoting_split(chunk):
            if quoted:
                pieces.append((p, True))
                continue
            for q in _SIGNAL_SENTENCE.split(p) if signals else [p]:
                pieces.extend((r, False) for r in _and_split(q))
    parts: list[list[str]] = []  # each work's pieces, joined by "; " at the end
    people: list[bool] = []  # whether a work's pieces are all people's names so far
    for piece, quoted in pieces:
        piece = piece.strip()
        if not piece.strip(" .;,"):
            continue
        if parts and (
            people[-1]
            or not (
                quoted
                or looks_like_reference(piece)
                or _names_a_work(piece)
                or _legal_work(piece)
                or _number_alone(piece)
                or is_short_citation(piece)
            )
        ):
            parts[-1].append(piece)
            people[-1] = people[-1] and _person_alone(piece)
        else:
            parts.append([piece])
            people.append(_person_alone(piece))
    out = ["; ".join(p).strip().rstrip(";").strip() for p in parts]
    # the "and" or "&" that joined a work to the one before it is no part of it
    out[1:] = [_JOINER.sub("", p, count=1) or p for p in out[1:]]
    return out or [text.strip()]


# a person's name and nothing else ("Khan, Ayesha", "van der Berg, J. P."): never a work
# by itself, but the first author of a list written with ";" between names, as Wikipedia's
# citations write them ("Khan, Ayesha; Ali, Sara (2019). Title")
_PERSON_ALONE = re.compile(
    r"(?:[a-z]{1,3}\s){0,2}(?:[A-Z][\w'’-]+\s){0,2}[A-Z][\w'’-]+,\s+"
    r"(?P<given>(?:[A-Z][\w'’-]*\.?(?:\s|$)){1,3})"
)
_INITIALS = re.compile(r"(?:[A-Z]\.?[\s-]*){1,3}")


def _person_alone(text: str) -> bool:
    """Whether ``text`` is people's names, family name first, and nothing else (one, or
    several joined by ``;``): each given name initials or, first, a known given name
    (``lexicon/given_names.txt``; "FHWA, Funding Federal-aid Highways" is no person)."""
    for name in text.split(";"):
        m = _PERSON_ALONE.fullmatch(name.strip())
        if m is None:
            return False
        given = m.group("given").strip()
        if not (_INITIALS.fullmatch(given) or "given" in word_tags(given.split()[0])):
            return False
    return True


def _legal_work(piece: str) -> bool:
    """Whether the legal grammar reads ``piece`` as a work of its own: a citation, but not an
    article with neither a byline nor a designation (``The Actio Servi Corrupti, 30 Colum. L.
    Rev. 837 (1930)`` after ``; `` is the second half of a title)."""
    item = legal_fields(piece)
    if item is None:
        return False
    return item["type"] != "article-journal" or bool(item.get("author") or item.get("genre"))


_JOINER = re.compile(r"^(?:and|&)\s+")
_AND = re.compile(r",\s+and\s+(?=[A-Z“\"‘_*])")
_LOCATOR_END = re.compile(r",\s+pp?\.\s*\d[\d\s,–-]*$")


def _and_split(piece: str) -> list[str]:
    """``piece`` split at a ", and " outside brackets and quotes that joins two works: the
    part after it a reference by itself, the part before it (from the last sentence opened by
    a citation signal in it) one too or ending with a page (``GAO, Event Sales, pp. 42-45,
    and Hannah Karp, “Title,” Journal, 2014``)."""
    top = _top_level(piece)
    marks = [m.start() for m in _EMPHASIS.finditer(piece)]
    # an odd number of emphasis marks before a cut: inside an emphasised span (``_Causes,
    # Risks, and Policy Options_``: a title, whose ", and" joins no two works)
    cuts = [
        m for m in _AND.finditer(piece) if top[m.start()] and bisect_left(marks, m.start()) % 2 == 0
    ]
    out, start = [], 0
    for k, m in enumerate(cuts):
        end = cuts[k + 1].start() if k + 1 < len(cuts) else len(piece)
        # what the ", and" ends is the left part's last sentence opened by a signal ("...
        # (2024). See also Jose Cuesta, Carlos Noton, and Ben Vatter, “Title,” ...": names)
        left = _SIGNAL_SENTENCE.split(piece[max(start, m.start() - _MAX_LEFT) : m.start()])[-1]
        right = piece[m.end() : end]
        if looks_like_reference(right) and (
            looks_like_reference(left) or _LOCATOR_END.search(left)
        ):
            out.append(piece[start : m.start()])
            start = m.end()
    return [*out, piece[start:]]


# an emphasis mark of Markdown: a "_" or "*" at a word's edge, not inside one ("a_b")
_EMPHASIS = re.compile(r"(?<!\w)[_*]+(?=\S)|(?<=\S)[_*]+(?!\w)")


#: how far before a ", and" the work it would end is read (a reference is shorter): a piece
#: of many ", and" costs linear time
_MAX_LEFT = 1000


# the characters that open or close a quote or bracket, and the ";" works are split at: only
# these change or read the state of :func:`_scan`, so the text between them is skipped
_MARKS = re.compile(r"[‘’“”\"()\[\];]")


def _scan(text: str) -> Iterator[tuple[int, str, str, int]]:
    """``(offset, character, open quote, bracket depth)`` of each quote, bracket and ``;``
    of ``text`` (:data:`_MARKS`), the quote and depth as they are before it is read (and so
    for every character since the last one), and last ``(len(text), "", ...)``: quotes pair
    (straight double quotes too, when they pair up in ``text``), brackets nest."""
    depth, quote = 0, ""
    pairs = {"‘": "’", "“": "”"}
    if text.count('"') % 2 == 0:
        pairs['"'] = '"'
    for m in _MARKS.finditer(text):
        i, ch = m.start(), m.group()
        yield i, ch, quote, depth
        if quote:
            if ch == quote:
                quote = ""
        elif ch in pairs:
            quote = pairs[ch]
        elif ch in "([":
            depth += 1
        elif ch in ")]" and depth:
            depth -= 1
    yield len(text), "", quote, depth


def _top_level(text: str) -> bytearray:
    """For each offset of ``text`` (and its end), 1 where it is outside brackets and quotes
    (a ``;`` put there would split the text, as :func:`_top_level_split` reads it)."""
    out = bytearray(len(text) + 1)
    after = 0  # the first offset after the last mark read
    for i, _, quote, depth in _scan(text):
        if not quote and depth == 0:  # so from ``after`` to this mark
            out[after : i + 1] = b"\x01" * (i + 1 - after)
        after = i + 1
    return out


def _number_alone(piece: str) -> bool:
    """Whether a piece is a document named by its number alone (``and GAO/RCED-99-250.``)."""
    return bool(_NUMBER_ITEM.fullmatch(re.sub(r"^(?:and|&)\s+", "", piece.strip(" .;,"))))


def _names_a_work(piece: str) -> bool:
    """Whether a piece of a citation note after a ``;`` names a work by its author and title
    alone (``and NY State AG, Obstructed View, p. 26``): a capitalised name, a comma, more
    than a name, and no prose."""
    body = re.sub(r"^(?:and|&)\s+", "", piece.strip())
    head, comma, rest = body.partition(",")
    return (
        bool(comma)
        and body[:1].isupper()
        and len(head.split()) <= 8
        and len(rest.split()) >= 2
        and not is_prose(body)
    )


# a Markdown link whose text runs over a ";" between works (a PDF converted to Markdown:
# "[GAO-18-698 (Washington, D.C.: Oct. 29, 2018); GAO,](https://...GAO-18-698) _Title_")
_MD_LINK = re.compile(r"\[([^\[\]]{1,4000}+)\]\(([^()\s]{1,2000}+)\)")


def _link_ends_at_semicolon(text: str) -> str:
    """``text`` with each Markdown link whose text holds a ``;`` outside brackets ending
    there: the link is the work before it (its address names that one), the words after it
    begin the next (``[A (2018); GAO,](url) Title`` -> ``[A (2018)](url); GAO, Title``).
    What a reader sees is unchanged; only where the link ends moves."""
    if "](" not in text or ";" not in text:
        return text

    def cut(m: re.Match[str]) -> str:
        parts = _top_level_split(m.group(1)) if ";" in m.group(1) else []
        if len(parts) < 2 or not parts[0].strip():
            return m.group(0)
        return f"[{parts[0].rstrip()}]({m.group(2)});{';'.join(parts[1:])}"

    return _MD_LINK.sub(cut, text)


def _top_level_split(text: str) -> list[str]:
    """``text`` split at ``;`` outside brackets, parentheses and quotes (:func:`_scan`); a
    ``;`` just before a closing quote ends the quoted work with it (``“Title;” and ...``)."""
    if ";" not in text:
        return [text]
    out: list[str] = []
    start = 0
    for i, ch, quote, depth in _scan(text):
        if ch != ";" or i < start:
            continue
        if not quote and depth == 0:
            out.append(text[start:i])
            start = i + 1
        elif quote and text[i + 1 : i + 2] == quote:
            out.append(text[start : i + 2])
            start = i + 2
    out.append(text[start:])
    return out


def note_references(text: str) -> list[str]:
    """The references an explanatory note names, in the order they appear."""
    starts = [m.start() for m in _good_name_years(text)]
    lead = [m for m in LEADIN.finditer(text) if looks_like_reference(text[m.end() :])]
    if lead:
        starts.append(lead[0].start())
    tail_start = min(starts) if starts else len(text)
    found: list[tuple[int, str]] = []
    if tail_start < len(text):
        tail = text[tail_start:]
        tail = LEADIN.sub("", tail, count=1) if LEADIN.match(tail) else tail
        found += [
            (tail_start, p) for p in split_works(tail, signals=True) if looks_like_reference(p)
        ]
    head = text[:tail_start]
    for m in _PAREN_CITE.finditer(head):
        found += [
            (m.start(), p)
            for p in split_works(m.group(1))
            if re.match(r"^[A-Z].*?(?:19|20)\d\d", p) and not _PUBLISHED.match(p)
        ]
    head = _PAREN_CITE.sub(" ", head)
    found += [(m.start(), _link_itself(m.group(0))) for m in _URL.finditer(head)]
    return [p for _, p in sorted(found, key=lambda x: x[0])]


def _link_itself(found: str) -> str:
    """A web address found in prose without what closes the text around it: angle
    brackets, a stop or comma, and a closing bracket it does not open (``(https://x.org/a)``,
    a Markdown link's target); ``https://en.wikipedia.org/wiki/Roe_(1990)`` keeps its own."""
    link = found.strip("<>").rstrip(".,;:")
    while link.endswith(")") and link.count(")") > link.count("("):
        link = link[:-1].rstrip(".,;:")
    return link
