"""From footnotes to references: classify, split into works, resolve back-references.

Each footnote becomes one or more :class:`Reference` rows (``position`` 1, 2, ... within it):

* ``ibid`` - ``Ibid.`` points at the work(s) of the footnote before; ``op. cit.``, ``cited
  above`` and ``supra`` point at the most recent earlier reference with the author and year
  they name. Both carry ``target`` (footnote, position) of the reference they resolve to.
* ``url`` - the footnote is a bare URL.
* ``note`` - the footnote explains rather than cites (it opens with prose). Its first row is
  the note itself (no work); the references it names (``Name (Year) ...``, ``Cited in ...``,
  ``(Name, Year, ...)`` or a URL) follow as ``citation`` rows. A note citing nothing is one row.
* ``citation`` - everything else. A footnote is split into several works at ``;`` (and at
  "cited in") only where every part looks like a reference on its own: an author or body with
  a year, a title (quoted, italic or a link) or a URL with words. A part that does not (a
  place, a series, a ``DOI: <...>``) stays with the part before it.

A citation that is only ``Name (Year)`` or ``Name, Year`` is a short form of a fuller
reference of the document with that year and author (by name or initials); its ``target``
points there (:mod:`.backrefs`). A prose sentence pointing to a URL after a reference
("More recent data can be found here: <...>") makes the URL a work of its own.

Rows whose ``parse`` is true hold a reference string for the reference parser; rows with a
``target`` take the work of the row they point at.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from litreview.core.errors import Problem
from litreview.extract.backrefs import (
    SIGNAL,
    Reference,
    lead_end,
    link_short_forms,
    named_earlier,
    root,
    same_name_year,
    short_match,
)
from litreview.extract.cite_shapes import TemporaryItem, temporary_citations
from litreview.extract.footnotes import Footnote
from litreview.extract.hereinafter import link_hereinafter
from litreview.extract.note_parts import Part, citation_parts, explanatory_parts, see_aside
from litreview.extract.note_sources import note_sentences
from litreview.extract.note_text import (
    _ANY_YEAR,
    _IBID,
    _URL,
    _URL_ONLY,
    classify,
    has_title,
    is_prose,
    looks_like_reference,
    note_references,
    opens_like_reference,
    quoted_works,
    short_form_list,
    split_works,
)
from litreview.extract.short_cites import link_short_citations

__all__ = [
    "Reference",
    "classify",
    "looks_like_reference",
    "note_references",
    "references",
    "split_works",
]


def references(
    footnotes: Sequence[Footnote],
    path: str = "<string>",
) -> tuple[list[Reference], list[Problem]]:
    """The reference rows of every note (in reading order) and the problems found.

    A row's ``footnote`` is the note's ordinal in reading order (1, 2, ...), which stays
    unique where the printed numbers start again; ``footnotes[row.footnote - 1]`` is its note.
    """
    rows: list[Reference] = []
    problems: list[Problem] = []
    previous: list[Reference] = []
    for ordinal, note in enumerate(footnotes, start=1):
        own, problem = _rows_of(note, ordinal, rows, previous, path)
        rows.extend(own)
        previous = _authorities(own, note.text)
        if problem:
            problems.append(problem)
    numbers = [note.number for note in footnotes]
    linked = link_hereinafter(link_short_citations(rows, numbers), footnotes)
    return link_short_forms(linked), problems


def _authorities(rows: list[Reference], text: str) -> list[Reference]:
    """The rows of a note a back-reference in the next may mean: the works it cites, less
    those it cites only in a parenthetical quoting them ("Id." after "529 U.S. at 127
    (quoting 60 Fed. Reg. 44396)" is the case, not the register)."""
    cited = [r for r in rows if r.parse or r.target]
    quoted = {_bare(q) for q in quoted_works(text)}
    return [r for r in cited if _bare(r.raw) not in quoted] or cited


def _bare(text: str) -> str:
    return " ".join(text.split()).strip(" .;,")


def _rows_of(
    note: Footnote, n: int, earlier: list[Reference], previous: list[Reference], path: str
) -> tuple[list[Reference], Problem | None]:
    """The rows of one note (ordinal ``n``), and a problem when a back-reference cannot be
    resolved."""
    text = note.text.strip()
    temporary = temporary_citations(text)
    if temporary:
        return _with_temporary(note, n, earlier, previous, path, temporary)
    kind = classify(text)
    if kind == "ibid" and _IBID.match(text):
        own, rest = _id_and_rest(text)
        if _ID_ALONE.match(text):  # Bluebook's "Id.": the one authority cited just before
            previous = previous[-1:]
        targets = [root(r, earlier) for r in previous]
        rows = [
            Reference(footnote=n, position=i, raw=own, kind="ibid", target=t)
            for i, t in enumerate(targets, start=1)
        ]
        if rows and rest:
            more, _ = _rows_of(replace(note, text=rest), n, earlier + rows, rows, path)
            works = [r for r in more if r.kind not in ("note", "xref")]
            rows += [replace(r, position=len(rows) + i) for i, r in enumerate(works, start=1)]
        if rows:
            return rows, None
        return [Reference(footnote=n, position=1, raw=text, kind="ibid")], Problem(
            path=path,
            line=note.line,
            severity="warning",
            message=f"footnote {note.number}: Ibid. has no earlier footnote citing a work",
        )
    if kind == "ibid":
        target = named_earlier(text, earlier)
        row = Reference(footnote=n, position=1, raw=text, kind="ibid", target=target)
        if target:
            return [row], None
        return [row], Problem(
            path=path,
            line=note.line,
            severity="warning",
            message=(
                f"footnote {note.number}: cannot tell which earlier work '{text[:60]}' refers to"
            ),
        )
    if kind == "url":
        return [Reference(footnote=n, position=1, raw=text, kind="url", parse=True)], None
    if kind == "note":
        found, own = explanatory_parts(text)
        rows = [Reference(footnote=n, position=1, raw=text, kind=own)]
        rows += [_citation(n, i, p, earlier) for i, p in enumerate(found, start=2)]
        return _back_in_note(rows, previous), None
    body = text[lead_end(text) :]
    parts = short_form_list(body) or [
        r for p in split_works(body) for q in see_aside(p) for r in _url_aside(q)
    ]
    found = citation_parts(parts, text)
    rows = [_citation(n, i, p, earlier) for i, p in enumerate(found, start=1)]
    return _back_in_note(rows, previous), None


def _back_in_note(rows: list[Reference], previous: list[Reference]) -> list[Reference]:
    """The rows of one note with each back-reference inside it (``Roe v. Doe, 410 U.S. 113
    (1973). ... Id. at 120.``) pointing at the work cited just before it: earlier in the
    note, else the last one the note before cited; not a work of its own named "Id". An
    ``Id. § 9105a(c)`` cites another section of the code cited before: a work of its own."""
    out: list[Reference] = []
    last = previous[-1] if previous else None
    for r in rows:
        if (
            r.parse
            and r.kind == "citation"
            and _IBID.match(r.raw)
            and classify(r.raw) == "ibid"
            and not _NEW_SECTION.search(r.raw)
        ):
            target = (last.target or (last.footnote, last.position)) if last else None
            r = replace(r, kind="ibid", parse=False, target=target)
        if r.parse or r.target:
            last = r
        out.append(r)
    return out


# a back-reference that names a section of its own cites another part of the same code
_NEW_SECTION = re.compile(r"§|\bsec(?:tion|s?\.)\s*\d", re.I)
_ID_ALONE = re.compile(r"^\s*(?:(?:see(?:\s+also)?|cf\.)\s+)?id\b", re.I)


def _id_and_rest(text: str) -> tuple[str, str]:
    """An ``Id.`` note cut after its back-reference: the ``Id.`` piece (up to the first
    ``;`` or sentence end) and what the note goes on to cite or say (``Id. § 101.72. The
    Act also ... 21 U.S.C. § 343(r).``)."""
    first = note_sentences(text)[0]
    pieces = split_works(text[first[0] : first[1]])
    own = pieces[0] if pieces else text[first[0] : first[1]]
    rest = "; ".join(pieces[1:]) + " " + text[first[1] :]
    return own.strip(), rest.strip(" ;")


def _with_temporary(
    note: Footnote,
    n: int,
    earlier: list[Reference],
    previous: list[Reference],
    path: str,
    found: list[tuple[int, int, tuple[TemporaryItem, ...]]],
) -> tuple[list[Reference], Problem | None]:
    """The rows of a note holding EndNote temporary citations (``{Smith, 2010 #123@45}``):
    each of their works a citation written as a short form with its pages (``Smith, 2010,
    45``), which the reference list or an earlier note resolves; the rest of the note first,
    read as an explanatory note when it explains, as a note of its own when it is a
    reference, else not at all ("See", "As shown in")."""
    text = note.text.strip()
    cuts = [0, *(k for start, end, _ in found for k in (start, end)), len(text)]
    rest = " ".join(" ".join(text[a:b] for a, b in zip(cuts[::2], cuts[1::2], strict=True)).split())
    rows: list[Reference] = []
    problem = None
    if classify(rest) == "note":
        rows = [Reference(footnote=n, position=1, raw=text, kind="note")]
    elif looks_like_reference(rest.strip(" .,;:")):
        rows, problem = _rows_of(replace(note, text=rest), n, earlier, previous, path)
    for item in (it for _, _, items in found for it in items):
        short = (item.names, item.year, item.pages) if item.names and item.year else ()
        raw = ", ".join(p for p in short if p) or item.text
        rows.append(_citation(n, len(rows) + 1, Part(raw=raw), earlier))
    return rows, problem


MAX_ASIDE = 400


def _url_aside(part: str) -> list[str]:
    """A reference followed by a prose sentence pointing to a URL ("More recent data can be
    found here: <...>") is two works: the reference, and the URL. The aside is the shortest
    run of whole sentences before the part's first URL (a full stop after an abbreviation,
    "U.S.", ends none) that is prose and names no title ("Additionally, ... begins. See
    <url>"), within :data:`MAX_ASIDE` characters of the URL, so a part of many sentences
    costs linear time."""
    url = _URL.search(part)
    if url is None or part[: url.start()].endswith("]("):
        return [part]  # no URL, or the target of a link: its text is the work's
    lo = max(0, url.start() - MAX_ASIDE - 1)
    # the first sentence of the window opens before it (or is the reference itself)
    for start, _ in reversed(note_sentences(part[lo : url.start()])[1:]):
        aside = part[lo + start : url.start()]
        if is_prose(aside) and not has_title(aside):
            return [part[: lo + start].strip(), _linked_work(aside, url)]
    return [part]


# a signal inside an aside, after a blank or an opening bracket ("... (see Board of ...")
_ASIDE_SIGNAL = re.compile(rf"(?:(?<=[\s(])|^){SIGNAL}")


def _linked_work(aside: str, url: re.Match[str]) -> str:
    """The work an aside's link stands for: the reference a signal in the aside leads into
    (``See Nat'l Consumer L. Ctr., Title (2018), <url>``) or that the aside is (``Michael P.
    Devereux, Title, May 2006, ..., <url>``): a name of two words or more, a comma, and a
    year; with its link. Else the link alone."""
    link = url.group(0).strip("<>").rstrip(".")
    signals = list(_ASIDE_SIGNAL.finditer(aside))
    named = aside[signals[-1].end() :] if signals else aside
    name = named.split(",", 1)[0].split()
    if len(name) >= 2 and opens_like_reference(named) and _ANY_YEAR.search(named):
        return f"{named.strip()} {link}"  # a name of two words or more ("Additionally," is none)
    return link


def _citation(n: int, position: int, part: Part, earlier: list[Reference]) -> Reference:
    """A citation row; a bare ``Name (Year)`` points at the earlier, fuller reference; a
    statement credited to people is an interview source, not parsed."""
    raw = part.raw
    if part.source == "attribution":
        return Reference(
            footnote=n,
            position=position,
            raw=raw,
            kind="citation",
            csl_type=part.csl_type,
            source="attribution",
        )
    kind = "url" if _URL_ONLY.match(raw) else "citation"
    m = short_match(raw)
    if m:
        target = same_name_year(m.group("name"), m.group("year"), earlier)
        if target:
            return Reference(footnote=n, position=position, raw=raw, kind=kind, target=target)
    return Reference(
        footnote=n,
        position=position,
        raw=raw,
        kind=kind,
        parse=True,
        csl_type=part.csl_type,
        source=part.source,
    )
