"""The works one note cites, as parts: the strings the reference parser reads, and the
sources whose kind the note's own words give (laws, interviews, correspondence).

An explanatory note (prose) cites, in reading order: the laws and cases it cites, the
sentences that are references by their shape and the references its prose names (``Name
(Year)``, ``(Name, Year)``, links) where no law is, the documents it names by number alone
(``GAO-23-106124.``), the people it credits a statement to (one interview source per actor)
and the correspondence it cites. A part found inside another is not counted twice. A note
citing none of these is explanatory (``note``) or, when it only points inside the document,
a cross-reference (``xref``).

A citation note is cut into works by :func:`.note_text.split_works`; a part holding two or
more laws is those laws, and a statement credited to people is one more source.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from litreview.extract.backrefs import lead_end
from litreview.extract.note_sources import (
    Unit,
    archival_citations,
    attributions,
    communications,
    is_cross_reference,
    legal_citations,
    note_sentences,
    numbered_in_prose,
    short_forms,
)
from litreview.extract.note_text import (
    classify,
    is_prose,
    looks_like_reference,
    note_references,
    opens_like_reference,
    short_form_list,
    signalled_work,
    split_works,
)

__all__ = ["MAX_SEE_ASIDE", "Part", "citation_parts", "explanatory_parts", "see_aside"]


@dataclass(frozen=True, slots=True, kw_only=True)
class Part:
    """One work of a note: the words that cite it and, when the note's wording tells, the
    CSL type of its work (``interview``, ``personal_communication``; ``""``: the parser's)."""

    raw: str
    csl_type: str = ""
    start: int = 0
    source: str = ""


def explanatory_parts(text: str) -> tuple[list[Part], str]:
    """The works a prose note cites, and the note's own kind (``note`` or ``xref``)."""
    laws = legal_citations(text)
    units = laws + _new(laws, _reference_units(text))
    units += _new(units, archival_citations(text))
    units += _new(units, short_forms(text))
    units += _new(units, numbered_in_prose(text))
    parts = _expand_laws(units)
    parts += [_part(u) for u in attributions(text, documents=bool(parts))]
    if not parts:
        parts += [_part(u) for u in communications(text)]
    if parts:
        return sorted(parts, key=lambda p: p.start), "note"
    return [], "xref" if is_cross_reference(text) else "note"


def citation_parts(parts: list[str], text: str) -> list[Part]:
    """A citation note's parts, a part of two or more laws split into them, plus the people
    it credits a statement to, and a communication's CSL type when its wording says so."""
    out: list[Part] = []
    for raw in parts:
        if attributions(raw) and not looks_like_reference(raw):
            continue  # a statement credited to people: the interview row stands for it
        laws = legal_citations(raw)
        if len(laws) >= 2:
            out += [Part(raw=u.raw, start=text.find(u.raw), source="legal") for u in laws]
        else:
            comm = communications(raw)
            csl_type = comm[0].csl_type if comm else ""
            out.append(
                Part(
                    raw=raw,
                    csl_type=csl_type,
                    start=text.find(raw),
                    source="communication" if comm else "",
                )
            )
    out += [_part(u) for u in attributions(text, documents=bool(out))]
    return sorted(out, key=lambda p: p.start)


def _reference_units(text: str) -> list[Unit]:
    """References named inside the prose, then sentences that are references by shape."""
    units: list[Unit] = []
    for raw in note_references(text):
        at = text.find(raw)
        units += _new(units, [Unit(kind="reference", raw=raw, start=at, end=at + len(raw))])
    for a, b in _dates_joined(text, note_sentences(text)):
        sentence = text[a:b]
        lead = lead_end(sentence)
        body = sentence[lead:]
        shaped = opens_like_reference(body) and (
            (classify(body) == "citation" and looks_like_reference(body))
            or (lead > 0 and signalled_work(body))
        )
        if shaped and not legal_citations(body):
            found = _works_of(body, text, a, b)
            inside = [u for u in units if a <= u.start and u.end <= b]
            if len(found) == len(inside) == 1:  # a link or a name in it: the sentence is more
                units.remove(inside[0])
            units += _new(units, found)
    return units


# A sentence that is only a date: "October 2005.", "June 1, 2004.", "2005."
_DATE_ALONE = re.compile(r"(?:[A-Z][a-z]{2,8}\.?\s+(?:\d{1,2},\s+)?)?(?:1[5-9]|20)\d\d\.?")


def _dates_joined(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The sentences of a note with a sentence that is only a date joined to the one before
    it (``Guide to Improving Grant Accountability. October 2005.``: the reference's date)."""
    out: list[tuple[int, int]] = []
    for a, b in spans:
        if out and _DATE_ALONE.fullmatch(text[a:b].strip()):
            out[-1] = (out[-1][0], b)
        else:
            out.append((a, b))
    return out


def _works_of(body: str, text: str, a: int, b: int) -> list[Unit]:
    """A reference sentence ``text[a:b]`` (``body`` its words after a signal) as the works
    it cites: cut at ``;`` where each piece is a reference (``Callcott, “Title,” pp. 18-22;
    Leopold, “Title,” p. 596.``) or names a work as a signal's words do, and a list of
    documents' numbers into the numbers (``GAO-25-107408, GAO-25-107375, and ...``)."""
    pieces = short_form_list(body)
    if not pieces:
        pieces = [q for p in split_works(body) for q in see_aside(p)]
        if len(pieces) < 2 or not all(
            looks_like_reference(p) or (opens_like_reference(p) and signalled_work(p))
            for p in pieces
        ):
            return [Unit(kind="reference", raw=body.strip(), start=a, end=b)]
    out = []
    for p in pieces:
        at = text.find(p, a, b)
        start = at if at >= 0 else a
        out.append(Unit(kind="reference", raw=p, start=start, end=start + len(p)))
    return out


def _new(have: list[Unit], found: list[Unit]) -> list[Unit]:
    """The units of ``found`` that do not overlap a unit of ``have``."""
    return [u for u in found if not any(h.start < u.end and u.start < h.end for h in have)]


def _expand_laws(units: list[Unit]) -> list[Part]:
    """Units as parts; a reference holding two or more laws is those laws."""
    out: list[Part] = []
    for u in units:
        laws = legal_citations(u.raw) if u.kind == "reference" else []
        if len(laws) >= 2:
            out += [Part(raw=law.raw, start=u.start + law.start, source="legal") for law in laws]
        else:
            out.append(Part(raw=u.raw, start=u.start, source="legal" if u.kind == "legal" else ""))
    return out


def _part(u: Unit) -> Part:
    """A unit whose kind the note's words give."""
    return Part(raw=u.raw, csl_type=u.csl_type, start=u.start, source=u.kind)


# a later sentence of a reference that leads into another work: "For more information about
# preemption, see CRS Report R45825, ..." (a clause, a comma, then a citation signal)
# (or a sentence that opens with the signal: "... “Modern-Day Lawn Dart.” See also CRS ...")
# (the clause: no sentence end, a full stop only inside a word, "USASpending.gov", or before a
# lower-case word, "the U.S. rule", and brackets only closed, "(P.L. 117-2)")
_CLAUSE = r"(?:[^.;:()]|\.(?=\w|\s[a-z])|\([^()\n]{0,60}\)){0,250}?"
_SEE_ASIDE = re.compile(
    rf"(?<=[.)”])\s+(?=(?:[A-Z]{_CLAUSE},\s+(?:see|cf\.)|See|Also\s+see|Cf\.)"
    r"(?:\s+also|,?\s+e\.\s?g\.,)?\s+[A-Z*“\"_])"
)
_TITLE_ALONE = re.compile(r"^\s*[“\"][^”\"]{1,300}[”\"]\s*\.?\s*$")
_SEE_SIGNAL = re.compile(
    rf"(?:{_CLAUSE},\s+(?:see|cf\.)|(?P<bare>See|Also\s+see|Cf\.))(?:\s+also|,?\s+e\.\s?g\.,)?\s+"
)
#: How far into a part the sentence leading into another work is looked for.
MAX_SEE_ASIDE = 1600


def see_aside(part: str) -> list[str]:
    """A reference followed by sentences that lead into other works through a citation
    signal ("For more information about X, see CRS Report R45825, ...", or "See also CRS
    Report R48215, Title, by Author.") is those works: the reference, and each work after a
    signal (when it is a reference by itself, or names one as a signal's words do)."""
    out = []
    start = 0  # where the work being read starts
    m = _SEE_ASIDE.search(part, 0, MAX_SEE_ASIDE)
    while m is not None:
        lead = _SEE_SIGNAL.match(part, m.end(), m.end() + MAX_SEE_ASIDE)
        if lead is None:
            break
        # the next work: up to the next sentence that leads into one, or the end
        after = _SEE_ASIDE.search(part, lead.end(), lead.end() + MAX_SEE_ASIDE)
        other = part[lead.end() : after.start() if after else len(part)]
        bare = lead["bare"] is not None  # the sentence opens with the signal
        # a signal alone or after a lead-in ("For more on X, see"): what follows is a work
        signalled = bare or lead_end(part[m.end() : lead.end() + 1]) > 0
        if (
            not other.strip()
            or _TITLE_ALONE.match(other)  # 'see “Selected Actions ...”': a section of its own
            or not (looks_like_reference(other) or (signalled and signalled_work(other)))
            or not (signalled or is_prose(lead.group(0)))
            or (bare and not _signalled_after(part[start : m.start()], other))
        ):
            break
        out.append(part[start : m.start()].strip())
        start, m = lead.end(), after
    return [*out, part[start:].strip()]


def _signalled_after(before: str, other: str) -> bool:
    """Whether a sentence opening with a signal cites a work of its own after ``before``: a
    reference holding no law and no prose, or a part that opens as a reference (laws, and a
    remark after them; a part opening with a law opens as one) when what the signal leads
    into is no law (laws are cut apart later,
    and a law the signal leads into stays with the laws before it). Not after a part that
    opens in prose ("According to OMB, “...” See OMB, ..."): that part is no work."""
    laws = legal_citations(before)
    opens = opens_like_reference(before) or bool(laws and not before[: laws[0].start].strip())
    return _plain_reference(before) or (
        opens and looks_like_reference(before) and not legal_citations(other)
    )


def _plain_reference(text: str) -> bool:
    """Whether ``text`` is a reference holding no law and no prose (a part with laws is
    cut into them later, and a signal's sentence after them stays with them)."""
    return looks_like_reference(text) and not is_prose(text) and not legal_citations(text)
