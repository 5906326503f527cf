"""The fields of a legal citation, read by the citation's grammar.

Cases, codes, session laws and registers are cited by a grammar the citation model was
not trained on: ``Name v. Name, 518 U.S. 470, 486 (1996)`` (volume, reporter, first page,
pinpoints, court and date in brackets), ``21 U.S.C. § 331`` (title, code, section),
``Pub. L. No. 117-58, 135 Stat. 429 (2021)``, ``85 Fed. Reg. 62094 (Oct. 1, 2020)``,
bills (``H.R. 1234, 118th Cong. (2023)``), acts (``Climate Change Act 2008, c. 27``,
``Equality Act 2010, s 149(1)``) and the law reports and neutral citations of the
UK and the Commonwealth (``R v Brown [1994] 1 AC 212 (HL)``, ``[2017] UKSC 5``, ``PLD 2009 SC
1``). The reporters, codes and registers are data (``litreview/data/legal_sources.tsv``, from
Free Law Project's reporters-db; ``benchmarks/make_legal_sources.py``; the other series in
``legal_series.tsv``), the citation
signals too (``legal_signals.txt``), and the forms that table lacks: the spellings of a
public law's number, the prefixes of bills' numbers and the kinds of court document that
may come before a case's name (``legal_forms.tsv``).

:func:`legal_fields` gives the CSL item of a string the table and the grammar say is a
legal citation, and ``None`` for any other string: the whole string must be one citation
(an optional signal and name, then volume, source and page or section, then only
pinpoints and bracketed notes).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, NamedTuple

from litreview.core.data_files import data_lines
from litreview.extract.refparse_names import is_suffix, reads_as_person, split_names
from litreview.extract.refparse_norm import date_parts

__all__ = ["legal_fields", "sources"]

#: The most words an abbreviation of the table spans ("Cal. Rptr. 3d", "F. Supp. 2d").
_MAX_WORDS = 6
#: The longest string read as a legal citation: a note's prose with one citation runs to a
#: few hundred characters (the longest of the legal benchmark, 154); past this the string
#: is left to the models, so no hostile note costs the grammar more than linear time in it.
MAX_LEGAL_CHARS = 4_000
#: The most words of a name before a citation (the longest case names and act names run
#: to 10 to 15); more is a note's prose.
_MAX_NAME_WORDS = 20
#: The most words of an article's byline and title before its law journal ("Cass R.
#: Sunstein, Nudging and Choice Architecture: Ethical Considerations, 32 Yale J. on Reg.
#: 413"): titles with their subtitles run longer than names.
_MAX_ARTICLE_WORDS = 40
_TYPES = {
    "case": "legal_case",
    "legislation": "legislation",
    "regulation": "regulation",
    "bill": "bill",
    "neutral": "legal_case",
    "dated": "legal_case",
    "journal": "article-journal",
    "periodical": "article-journal",  # a law journal read by its shape, not the table
    "committee_report": "report",
}
_JOURNALS = frozenset({"journal", "periodical"})
_QUOTES = '“”"‘’'
_DIGIT = re.compile(r"\d")
_VOLUME = re.compile(r"\d{1,4}")
#: A first page, with its thousands separated as the Federal Register prints them ("15,621")
_PAGE = re.compile(r"\d{1,3}(?:,\d{3})+(?![\d,])|\d{1,8}")
_PUBLIC_LAW = re.compile(r"\s*(?:No\.\s*)?(\d{1,3}[-–]\d{1,5})\b")
#: The parts of a public law or a UK act named after its number ("§ 20", "div. B, tit. IV",
#: "s. 54", "sch. 1"): each a cue and one short word, taken whole.
_LAW_PARTS = re.compile(
    r"(?>(?:,?\s*(?:(?:div|tit|title|subtit|sec|secs|pt|ch|ss?|sch|art)\.|§§?)\s*[\w().–-]{1,20})*)"
)
#: A Congress and session after a bill's number: ", 118th Cong.", ", 93rd Cong., 2nd sess.".
_CONGRESS = re.compile(
    r",?\s+(?P<congress>\d{1,3}(?:st|nd|rd|th)\s+Cong\.(?:,?\s+\d(?:st|nd|rd|th)\s+[Ss]ess\.)?)"
)
#: An act's name and year, then its chapter or the provision cited, or both: "Climate
#: Change Act 2008, c. 27", "Equality Act 2010, s 149(1)", "Companies Act, 2017, section 9"
#: (the words of a provision: ``legal_forms.tsv``).
_ACT = re.compile(r"\bAct,?\s+(?P<year>1[2-9]\d\d|20\d\d)\b(?:,?\s+c\.\s*(?P<chapter>\d{1,4})\b)?")
#: The year in square brackets that opens a report's citation ("[1994] 1 AC 212").
_BRACKET_YEAR = re.compile(r"\[(?P<year>1[6-9]\d\d|20\d\d)\],?")
#: A volume that is a year: no reporter of the tables has reached volume 1800.
_YEAR_VOLUME = re.compile(r"1[89]\d\d|20\d\d")
#: A court in brackets with no date, after a citation dated before it ("(HL)", "(Admin)",
#: "(Ch D)"): a short abbreviation, never a judge's name ("(Lord Templeman)").
_COURT_NOTE = re.compile(r"\s*\(([A-Z][A-Za-z&.]{0,9}(?:\s[A-Z][A-Za-z.]{0,3})?)\)")
#: A report cited by its year, court and page after the series ("PLD 2009 SC 1").
_YEAR_COURT_PAGE = re.compile(
    r"(?P<year>1[89]\d\d|20\d\d)\s+(?P<court>[A-Z][A-Za-z]{0,12}(?:\s?\([A-Za-z&]{1,8}\))?)\s+"
    r"(?P<page>\d{1,5})\b"
)
#: A year in brackets that ends a name ("Kefauver-Harris Drug Amendments (1962)").
_NAME_YEAR = re.compile(r"\((?P<year>1[6-9]\d\d|20\d\d)\)$")
_DOCKET = re.compile(r",?\s*No\.\s*([^,()]+?)\s*,?\s*$")
_DOCKET_ONLY = re.compile(r"^(?P<title>.+?\sv\.\s.+?),\s+No\.\s+(?P<number>[^,()]+?)\s*(?=\()")
#: Pinpoints after the first page (", 486", ", 162–63", " n.5", ", at *2") and bracketed
#: notes (one level of brackets inside; the last may be left open, a note's text that lost its
#: closing parenthesis), then the end, or the end of a sentence and the
#: note's prose after it (taken only after a case's name or with no name), or a semicolon
#: and the next citation of a string of them (the first is the work). The pinpoints are
#: taken whole, never given back (a run of digits has one reading, not one per way to cut it).
_NOTE_PIN = r"(?:\s*nn?\.\s*\d++(?:\s*[–-]\s*\d++)?)?"  # " n.5", " n.6-7", " nn.3-4"
_TAIL = re.compile(
    rf"(?>{_NOTE_PIN}(?:,?\s*(?:at\s+|pp?\.\s*)?\*?\d++[a-zA-Z]?(?:\s*[–-]\s*\*?\d++)?{_NOTE_PIN})*)"
    r"(?P<notes>(?:\s*\((?:[^()]|\([^()]*\))*\))*(?:\s*\((?:[^()]|\([^()]*\))*$)?)(?:\s*[.;]?\s*$|\.\s+(?P<prose>[A-Z“\"].*)$|;\s+(?P<more>\S.*)$)"
)
#: A case's name: "X v. Y", "X v Y" (OSCOLA writes no full stop), "In re X".
_CASE_NAME = re.compile(r"\sv\.?\s|^In re\s")
#: Sections: "331", "343(r)(1)(A)", "131.3–169.182", "360(k), (n)(1)", "321 et seq.".
_PART = r"[\d(][\w.()]*?(?:\s*[–-]\s*[\w.()]+?)?"
_SECTION = re.compile(
    rf"\s*(?P<section>{_PART}(?:,\s*{_PART})*(?:\s+(?:et\.?\s+seq\.|notes?))?)(?=[.;]?(?:\s|$))"
)


@lru_cache(maxsize=1)
def _court_date() -> re.Pattern[str]:
    """A bracketed court and date: "(9th Cir. 2016)", "(D. Mass. July 8, 2014)", "(2025)"
    (the month names of ``lexicon/months.txt``)."""
    months = sorted(data_lines("lexicon/months.txt"), key=len, reverse=True)
    month = "|".join(re.escape(m) for m in months)
    return re.compile(
        r"\((?P<court>[^()]*?)\s*(?P<date>(?:(?i:" + month + r")\.?\s+(?:\d{1,2},\s+)?)?"
        r"(?P<year>1[6-9]\d\d|20\d\d))\)"
    )


def _key(abbreviation: str) -> str:
    """An abbreviation as the table keys it: spaces out, a typeset apostrophe plain
    ("Pol’y": "Pol'y")."""
    return abbreviation.replace(" ", "").replace("’", "'")


@lru_cache(maxsize=1)
def sources() -> dict[str, str]:
    """Each abbreviation of the tables (``legal_sources.tsv``, then ``legal_series.tsv``),
    its spaces taken out, and its kind (with the spellings of a public law of
    ``legal_forms.tsv``: ``legislation``); a law journal's in capitals too."""
    out: dict[str, str] = {}
    journals = []
    for line in [*data_lines("legal_sources.tsv"), *data_lines("legal_series.tsv")]:
        abbreviation, _, rest = line.partition("\t")
        kind = rest.rpartition("\t")[2]
        out.setdefault(_key(abbreviation), kind)
        if kind == "journal":
            journals.append(_key(abbreviation).upper())
    for key in journals:  # law reviews print journals in small capitals ("STAN. L. REV.")
        out.setdefault(key, "journal")
    for spelling in _forms("public_law"):
        out.setdefault(spelling, "legislation")
    return out


@lru_cache(maxsize=4)
def _forms(kind: str) -> tuple[str, ...]:
    """The phrases of one kind of ``legal_forms.tsv``, longest first (spaces taken out
    for ``public_law``, as the table's keys)."""
    out = []
    for line in data_lines("legal_forms.tsv"):
        phrase, _, tag = line.partition("\t")
        if tag.strip() == kind:
            out.append(phrase.replace(" ", "") if kind == "public_law" else phrase)
    return tuple(sorted(set(out), key=len, reverse=True))


def _spaced_forms(kind: str) -> str:
    """The phrases of one kind of ``legal_forms.tsv`` as alternatives of a pattern, each
    space in them optional ("S.Rept." and "S. Rept.")."""
    return "|".join(re.escape(p).replace(r"\ ", r"\s?") for p in _forms(kind))


@lru_cache(maxsize=1)
def _bill() -> re.Pattern[str]:
    """A bill's number: a prefix of ``legal_forms.tsv`` and digits ("H.R. 1234")."""
    prefixes = _spaced_forms("bill")
    return re.compile(r"(?<![\w.])(?P<prefix>" + prefixes + r")\s?(?P<digits>\d{1,5})\b")


@lru_cache(maxsize=1)
def _document() -> re.Pattern[str]:
    """The kind of a court document at the start of a name, and its comma."""
    kinds = "|".join(re.escape(k) for k in _forms("document"))
    return re.compile(r"^(?P<kind>" + kinds + r"),\s+(?=\S)")


@lru_cache(maxsize=1)
def _signal() -> re.Pattern[str]:
    """The citation signals, as one pattern anchored at the start, after an opening quotation
    mark or not (a signal is set in italics, and italics become quotes,
    :func:`.refparse_text.preprocess`; in text read from a PDF they often run on past it)."""
    words = sorted(data_lines("legal_signals.txt"), key=len, reverse=True)
    return re.compile(r"^[“\"]?(?:" + "|".join(re.escape(w) for w in words) + r")\s+")


@lru_cache(maxsize=1)
def _inner_signal() -> re.Pattern[str]:
    """A citation signal after the end of a sentence or clause (either case)."""
    words = sorted(data_lines("legal_signals.txt"), key=len, reverse=True)
    either = "|".join(f"(?i:{re.escape(w[0])}){re.escape(w[1:])}" for w in words)
    return re.compile(r"[.;]\s+(?:" + either + r")\s+")


def _name(head: str, most: int = _MAX_NAME_WORDS) -> str | None:
    """The name before a citation's volume: after the last signal that follows a sentence
    (a note's prose before it left out); ``None`` if it runs past ``most`` words."""
    cuts = [m.end() for m in _inner_signal().finditer(head)]
    name = head[cuts[-1] :] if cuts else head
    return name if len(name.split()) <= most else None


class _Hit(NamedTuple):
    """A source found among a text's words: its first word, the word after it, its kind."""

    first: int
    after: int
    kind: str


def _find(words: list[str], start: int) -> _Hit | None:
    """The first abbreviation of the table from word ``start`` of ``words`` (the text's
    words, typeset apostrophes plain) on: its first word, the word after it and its kind
    (longest match first); or a law journal the table lacks, read by its shape
    (:func:`_journal_shape`), where it runs further than the table's match."""
    table, prefixes = sources(), _prefixes()
    n = len(words)
    for i in range(start, n):
        found = None
        key = ""
        for j in range(i, min(i + _MAX_WORDS, n)):
            key += words[j]
            kind = table.get(key.rstrip(","))
            if kind is not None:
                found = _Hit(i, j + 1, kind)
            if key not in prefixes:
                break
        shaped = _journal_shape(words, i) if i and words[i - 1].isdigit() else None
        if shaped is not None and (found is None or shaped.after > found.after):
            return shaped  # "14 J. Competition L. & Econ. 331", not the reporter "J."
        if found is not None:
            return found
    return None


#: The words of a journal's name besides capitalised ones ("J. Competition L. & Econ.").
_JOURNAL_JOINS = frozenset({"&", "of", "on", "for", "and", "in", "the"})


@lru_cache(maxsize=1)
def _periodicals() -> frozenset[str]:
    """The words of ``legal_forms.tsv`` that name a periodical, in capitals."""
    return frozenset(w.upper() for w in _forms("periodical"))


def _article_volume(word: str) -> bool:
    """Whether a word is an article's volume before its journal: no comma after it
    ("1996, Ann. Rev. Astron. Astrophys., 34, 155" is a year, then a journal and its volume)."""
    return bool(_VOLUME.fullmatch(word))


def _journal_shape(words: list[str], i: int) -> _Hit | None:
    """A law journal the table lacks, from word ``i`` (kind ``periodical``): after a
    volume, up to :data:`_MAX_WORDS` capitalised words (and joining words inside) with a
    word of :func:`_periodicals` among them, then the first page with no comma before it
    (``14 J. COMPETITION L. & ECON. 331``, ``109 J. MEMORY & LANGUAGE 1``)."""
    if i == 0 or not _article_volume(words[i - 1]):
        return None
    periodical = False
    for j in range(i, min(i + _MAX_WORDS + 2, len(words) - 1)):
        word = words[j].rstrip(",")
        if j > i and word in _JOURNAL_JOINS:
            continue
        if not word[:1].isupper():
            return None
        periodical = periodical or word.upper() in _periodicals()
        nxt = words[j + 1].rstrip(",")
        if periodical and _PAGE.fullmatch(nxt) and not words[j].endswith(","):
            return _Hit(i, j + 1, "periodical")
    return None


@lru_cache(maxsize=1)
def _prefixes() -> frozenset[str]:
    """Every beginning of every abbreviation of the table (spaces taken out)."""
    return frozenset(key[:i] for key in sources() for i in range(1, len(key) + 1))


def _year(notes: str) -> tuple[str, int | None, dict[str, Any] | None]:
    """The court, year and date of the first bracketed note that holds a year."""
    m = _court_date().search(notes)
    if m is None:
        return "", None, None
    return m.group("court").strip(), int(m.group("year")), date_parts(m.group("date"))


def _item(kind: str, title: str, notes: str, fields: dict[str, Any]) -> dict[str, Any]:
    """The CSL item of a citation: its type, title, the fields read, court and date (a
    year in brackets at the end of the name when the notes give none; the kind of court
    document named before a case's name as the genre)."""
    item: dict[str, Any] = {"type": _TYPES[kind]}
    title = title.strip(" ,;")
    document = _document().match(title) if _CASE_NAME.search(title) else None
    if document:
        item["genre"] = document.group("kind")
        title = title[document.end() :]
    name_year = _NAME_YEAR.search(title)
    if name_year:  # the title was stripped: the bracket ends it
        title = title[: name_year.start()].strip(" ,;")
    if kind in _JOURNALS:
        byline = _byline(title)
        title = byline.title
        item.update({"author": byline.authors} if byline.authors else {})
        item.update({"genre": byline.designation} if byline.designation else {})
    if title:
        item["title"] = title
    item.update(fields)
    court, year, date = _year(notes)
    if court and kind == "case":
        item["authority"] = court
    if year is not None:
        item["issued"] = date if date else {"date-parts": [[year]]}
    elif name_year:
        item["issued"] = {"date-parts": [[int(name_year.group("year"))]]}
    return item


@dataclass(frozen=True, slots=True, kw_only=True)
class _Byline:
    """What comes before an article's volume: its authors, its title and the designation of
    a student's or unsigned piece ("Note", "Comment")."""

    authors: list[dict[str, str]]
    title: str
    designation: str = ""


#: Names joined in a byline ("Ariel Ezrachi & Maurice Stucke", "A, B & C", "A et al.").
_BYLINE_JOIN = re.compile(r"(?:^|\s+)(?:&|and)\s+|,?\s+et al\.?$")


def _byline(head: str) -> _Byline:
    """An article's byline and title, cut at the comma after the byline: the first part of
    ``head`` when it reads as people's names (and the parts after it joined to it by "&"
    or "et al."), or a designation of ``legal_forms.tsv`` ("Note, Title"); else all title."""
    parts: list[str] = []
    for part in head.split(", "):  # "Ann Roe, Jr.": a suffix stays with its name
        if parts and is_suffix(part):
            parts[-1] += f", {part}"
        else:
            parts.append(part)
    if len(parts) < 2:
        return _Byline(authors=[], title=_unquoted(head))
    if parts[0].strip() in _forms("designation"):
        title = _unquoted(", ".join(parts[1:]))
        return _Byline(authors=[], title=title, designation=parts[0].strip())
    # the longest run of names that is one name or ends with names joined ("A, B & C")
    k = next(
        (
            k
            for k in range(len(parts) - 1, 0, -1)
            if (k == 1 or _joined(parts[k - 1])) and all(_people(p) for p in parts[:k])
        ),
        0,
    )
    if k == 0:
        return _Byline(authors=[], title=_unquoted(head))
    authors = split_names(", ".join(parts[:k]))
    designation = parts[k].strip() if parts[k].strip() in _forms("designation") else ""
    title = ", ".join(parts[k + bool(designation) :])  # "Ann Roe, Note, Title"
    return _Byline(authors=authors, title=_unquoted(title), designation=designation)


def _unquoted(title: str) -> str:
    """A title without the quotation marks around it (italics come as quotes from
    Markdown: :func:`.refparse_text.preprocess`)."""
    title = title.strip()
    if len(title) > 2 and title[0] in "“\"‘'" and title[-1] in "”\"’'":
        return title[1:-1].strip()
    return title


def _people(part: str) -> bool:
    """Whether a part of a byline is people's names only ("A & B", "A et al.")."""
    names = [n for n in _BYLINE_JOIN.split(part) if n.strip()]
    return bool(names) and all(reads_as_person(n.strip()) for n in names)


def _joined(part: str) -> bool:
    """Whether a byline's part joins names ("B & C"): the last names of a list."""
    return bool(_BYLINE_JOIN.search(part))


def _bill_fields(text: str) -> dict[str, Any] | None:
    """The item of a bill: a name, the bill's number, the Congress (needed after a prefix
    of one letter), pinpoints (a section: no field of the work), then bracketed notes."""
    m = _bill().search(text)
    if m is None:
        return None
    rest = text[m.end() :]
    congress = _CONGRESS.match(rest)
    if congress is None and len(m.group("prefix").replace(" ", "")) <= 2:
        return None
    rest = rest[congress.end() :] if congress else rest
    parts = _LAW_PARTS.match(rest)
    tail = _TAIL.match(rest[parts.end() if parts else 0 :])
    name = _name(text[: m.start()])
    if tail is None or tail.group("prose") or name is None:
        return None
    fields: dict[str, Any] = {"number": f"{m.group('prefix')} {m.group('digits')}"}
    if congress:
        fields["chapter-number"] = congress.group("congress")
    return _item("bill", name, tail.group("notes"), fields)


@lru_cache(maxsize=1)
def _committee_report() -> re.Pattern[str]:
    """A congressional committee's report, document or print at the start of a text (spaces
    and commas before it): a prefix of ``legal_forms.tsv`` in any case, its spaces optional,
    then the number ("H.R. Rep. No. 111-58", "S.Rept. 119-44")."""
    prefixes = _spaced_forms("committee_report")
    return re.compile(
        r"[\s,]*(?P<prefix>(?i:" + prefixes + r"))\s?(?P<number>\d{1,3}[-–]\d{1,5})\b"
    )


def _committee_report_fields(text: str) -> dict[str, Any] | None:
    """The item of a congressional committee's report: its prefix and number, its parts
    ("pt. 1") and pinpoints ("at 4", "p. 141": no field of the work), then bracketed
    notes (the year); nothing but a signal before it."""
    m = _committee_report().match(text)
    if m is None:
        return None
    rest = text[m.end() :]
    parts = _LAW_PARTS.match(rest)
    tail = _TAIL.match(rest[parts.end() if parts else 0 :])
    if tail is None or tail.group("prose"):
        return None
    number = f"{' '.join(m.group('prefix').split())} {m.group('number')}"
    return _item("committee_report", "", tail.group("notes"), {"number": number})


def _act_fields(text: str) -> dict[str, Any] | None:
    """The item of an act cited with its chapter or a provision: its name ending in "Act"
    and the year, the chapter, the provision and further parts (pinpoints in the act, no
    field of the work, as a public law's parts), then bracketed notes. An act named with
    its year alone is left to the models."""
    m = _ACT.search(text)
    if m is None:
        return None
    provision = _provision().match(text, m.end())
    if m.group("chapter") is None and provision is None:
        return None
    fields: dict[str, Any] = {}
    if m.group("chapter"):
        fields["number"] = f"c. {m.group('chapter')}"
    end = provision.end() if provision is not None else m.end()
    parts = _LAW_PARTS.match(text, end)
    tail = _TAIL.match(text[parts.end() if parts else end :])
    name = _name(text[: m.end("year")])
    if tail is None or tail.group("prose") or name is None:
        return None
    item = _item("legislation", name, tail.group("notes"), fields)
    item.setdefault("issued", {"date-parts": [[int(m.group("year"))]]})
    return item


@lru_cache(maxsize=1)
def _provision() -> re.Pattern[str]:
    """A provision of an act after its year: a word of ``legal_forms.tsv``'s ``provision``
    kind and its number (", s 142(1)", " s. 371A", ", section 9", ", sch 2")."""
    words = "|".join(re.escape(w) for w in _forms("provision"))
    return re.compile(
        r",?\s+(?i:" + words + r")\.?\s*"
        r"(?P<section>[\dIVXLC][\w()]*(?:\s*[–-]\s*[\w()]+)?)(?=[.,;]?(?:\s|$))"
    )


#: A web address that ends a citation ("Conn. Gen. Stat. §29-319, https://..."), in angle
#: brackets or not, with a bracketed note after it (an access date) or not.
_LINK_TAIL = re.compile(
    r"[,;]?\s*<?(?P<url>(?:https?://|www\.)[^\s<>\"]+?)>?[.,;]?(?:\s*\([^()]*\))?[.;]?\s*$", re.I
)


def legal_fields(text: str) -> dict[str, Any] | None:
    """The CSL item of a legal citation, or ``None`` if ``text`` is not one; a web address
    at its end is the item's ``URL``, the citation before it read alone."""
    text = text.strip()
    if len(text) > MAX_LEGAL_CHARS or _DIGIT.search(text) is None:
        return None
    link = _LINK_TAIL.search(text) if "://" in text or "www." in text else None
    if link is None or link.start() == 0:
        return _citation(text).item
    # the grammar reads no link, so the citation is the text before it or nothing
    read = _citation(text[: link.start()])
    if read.item is not None and read.whole:  # not after prose or the note's next citation
        read.item["URL"] = link.group("url").rstrip(".,;:)]>")
    return read.item


@dataclass(frozen=True, slots=True, kw_only=True)
class _Read:
    """What the grammar read of a text: the item (``None``: no citation) and whether the
    citation runs to the text's end (no prose after it, nor a next citation)."""

    item: dict[str, Any] | None
    whole: bool = False


@dataclass(frozen=True, slots=True, kw_only=True)
class _Report:
    """A report or judgment cited after its series: its fields, the match of what follows
    (pinpoints, notes, prose), the year it gives outside its notes and the word it opens
    with (its year in square brackets, its volume or the series)."""

    fields: dict[str, Any]
    tail: re.Match[str]
    year: str | None
    opens: int


def _report(
    words: list[re.Match[str]], first: int, has_volume: bool, kind: str, source: str, rest: str
) -> _Report | None:
    """A report or judgment cited by page or number after its series ``source`` (word
    ``first``): after a volume ("518 U.S. 470"), after a year in square brackets with a
    volume or not ("[1994] 1 AC 212", "[1932] AC 562", a court's own number: "[2017] UKSC
    5"), or a year, court and page after the series ("PLD 2009 SC 1"); ``None`` if none."""
    at = first - 1 - has_volume  # the word before the volume, or before the series
    bracket = _BRACKET_YEAR.fullmatch(words[at].group()) if at >= 0 else None
    if not has_volume and bracket is None:
        dated = _YEAR_COURT_PAGE.match(rest) if kind == "dated" else None
        tail = _TAIL.match(rest[dated.end() :]) if dated else None
        if dated is None or tail is None:
            return None
        fields = {"container-title": source, "page": dated.group("page")}
        fields["authority"] = dated.group("court")
        return _Report(fields=fields, tail=tail, year=dated.group("year"), opens=first)
    if kind == "neutral" and (bracket is None or has_volume):
        return None
    page = _PAGE.match(rest)
    tail = _TAIL.match(rest[page.end() :]) if page else None
    if page is None or tail is None:
        return None
    key = "number" if kind == "neutral" else "page"
    return _Report(
        fields={"container-title": source, key: page.group()},
        tail=tail,
        year=bracket.group("year") if bracket else None,
        opens=at if bracket else first - has_volume,
    )


def _citation(text: str) -> _Read:
    """:func:`legal_fields` of ``text`` without a web address at its end."""
    if _DIGIT.search(text) is None:
        return _Read(item=None)
    signal = _signal().match(text)
    if signal:
        text = text[signal.end() :]
    words = list(re.finditer(r"\S+", text))
    start, number, law_head = 0, None, ""
    fields: dict[str, Any]
    plain = text.replace("’", "'") if "’" in text else text
    # the words of ``words``; a quotation mark on a word's edge is no part of an abbreviation
    # (italics, which become quotes, run into a journal's name in text read from a PDF:
    # "69 ADMIN.” L. REV. 83")
    texts = [w.strip(_QUOTES) or w for w in plain.split()]
    while (found := _find(texts, start)) is not None:
        first, after, kind = found
        start = first + 1
        abbreviation = text[words[first].start() : words[after - 1].end()].rstrip(",")
        abbreviation = " ".join(w.strip(_QUOTES) for w in abbreviation.split()).replace(" .", ".")
        rest = text[words[after - 1].end() :].lstrip(",")
        law = (
            _PUBLIC_LAW.match(rest)
            if abbreviation.replace(" ", "") in _forms("public_law")
            else None
        )
        if law:
            number, law_head = law.group(1), text[: words[first].start()]
            parts = _LAW_PARTS.match(rest, law.end())
            tail = _TAIL.match(rest[parts.end() if parts else law.end() :])
            if tail and not tail.group("prose"):  # the public law alone
                item = _item(kind, law_head, tail.group("notes"), {"number": number})
                return _Read(item=item, whole=not tail.group("more"))
            if _find(texts, after) is None:
                return _Read(item=None)
            continue
        has_volume = first > 0 and _VOLUME.fullmatch(words[first - 1].group().rstrip(","))
        if kind in _JOURNALS and not (has_volume and _article_volume(words[first - 1].group())):
            continue  # a law journal is cited after its volume ("42 Duke L.J. 557")
        rest = rest.lstrip()
        year: str | None = None
        opens = first - 1 if has_volume else first  # the word the citation opens with
        if rest.startswith("§"):
            section = _SECTION.match(rest.lstrip("§"))
            tail = _TAIL.match(rest.lstrip("§")[section.end() :]) if section else None
            if section is None or tail is None:
                continue
            fields = {
                "container-title": abbreviation,
                "section": section.group("section").rstrip("."),
            }
        else:
            report = _report(words, first, bool(has_volume), kind, abbreviation, rest)
            if report is None:
                continue
            fields, tail, year, opens = report.fields, report.tail, report.year, report.opens
        if has_volume:
            fields["volume"] = words[first - 1].group().rstrip(",")
        head = text[: words[opens].start()]
        if number is not None:
            fields["number"] = number
            head = law_head
        else:
            docket = _DOCKET.search(head)
            if docket:
                fields["number"] = docket.group(1)
                head = head[: docket.start()]
        name = _name(head, _MAX_ARTICLE_WORDS if kind in _JOURNALS else _MAX_NAME_WORDS)
        if name is None or (tail.group("prose") and name.strip() and not _CASE_NAME.search(name)):
            return _Read(item=None)
        if kind == "periodical" and _year(tail.group("notes"))[1] is None:
            continue  # a journal read by its shape alone is dated in brackets: "(2018)"
        whole = not (tail.group("prose") or tail.group("more"))
        item = _item(kind, name, tail.group("notes"), fields)
        if year is None and _YEAR_VOLUME.fullmatch(fields.get("volume", "")):
            year = fields["volume"]  # a series numbered by year ("1988 SCMR 123")
        if year is not None:
            item.setdefault("issued", {"date-parts": [[int(year)]]})
            court = _COURT_NOTE.match(tail.group("notes"))
            if court and kind in ("case", "neutral", "dated"):  # "[1994] 1 AC 212 (HL)"
                item.setdefault("authority", court.group(1))
        return _Read(item=item, whole=whole)
    act = _bill_fields(text) or _act_fields(text) or _committee_report_fields(text)
    if act is not None:  # a semicolon before a link: the link may be the next citation's
        return _Read(item=act, whole=";" not in text)
    docket_only = _DOCKET_ONLY.match(text)
    if docket_only:
        tail = _TAIL.match(text[docket_only.end() :])
        name = _name(docket_only.group("title"))
        if tail and not tail.group("prose") and name is not None:
            fields = {"number": docket_only.group("number")}
            item = _item("case", name, tail.group("notes"), fields)
            return _Read(item=item, whole=not tail.group("more"))
    return _Read(item=None)
