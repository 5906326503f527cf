"""The whole scan of a document: notes, reference list, in-text citations, apparatus spans."""

from __future__ import annotations

import pytest

from litreview.extract.document import apparatus_spans, scan_text
from tests.conftest import DATA

DOCS = DATA / "docs"


def _text(name: str) -> str:
    return (DOCS / name).read_text(encoding="utf-8")


def test_numeric_paper() -> None:
    text = _text("numeric_paper.md")
    scan = scan_text(text, "numeric_paper.md")
    assert scan.notes.footnotes == ()
    assert len(scan.entries) == 12
    first = scan.citations[0]
    assert (text[first.start : first.end], [w.entry for w in first.works]) == ("[1]", [1])
    # the excerpt keeps 12 entries: citations of 13 and above are reported, never dropped
    unlinked = [p for p in scan.problems if "has no entry" in p.message]
    cited = {w.label for c in scan.citations for w in c.works if w.entry is None}
    assert cited and {p.message.split("'")[1] for p in unlinked} == cited
    assert not [p for p in scan.problems if "footnote marker" in p.message]


def test_numeric_citations_that_go_back_are_not_footnote_problems() -> None:
    """In a numbered-reference document a bracketed number cites an entry: citing [1] again
    after [3] is how such papers read, not a note numbered out of order."""
    text = (
        "Intro\n\nA finding [1], [2] and another [3]. Back to the second [2].\n\n"
        "Later [3] and [2].\n\n## References\n\n"
        "1. Smith J. A first paper. J Stud. 2001;1:1-2.\n"
        "2. Jones K. A second paper. J Stud. 2002;2:3-4.\n"
        "3. Brown L. A third paper. J Stud. 2003;3:5-6.\n"
    )
    scan = scan_text(text, "paper.md")
    assert [w.entry for c in scan.citations for w in c.works] == [1, 2, 3, 2, 3, 2]
    assert not [p for p in scan.problems if "footnote marker" in p.message]


@pytest.mark.parametrize("with_list", [False, True])
def test_footnote_markers_that_go_back_are_still_reported(with_list: bool) -> None:
    """A note marker whose number goes back is reported, beside a numbered list too."""
    text = (
        "Body one.[^1] Body two.[^2] Body three.[^3] Back again.[^2]\n\n"
        "[^1]: A note.\n[^2]: Another note.\n[^3]: A third note.\n"
    )
    if with_list:
        text += "\n## References\n\n1. Smith J. A first paper. J Stud. 2001;1:1-2.\n"
    scan = scan_text(text, "notes.md")
    assert [(p.line, p.message) for p in scan.problems if "jumps back" in p.message] == [
        (1, "footnote marker 2 jumps back (after 3)")
    ]


def test_author_year_paper() -> None:
    text = _text("author_year_paper.md")
    scan = scan_text(text)
    assert scan.citations
    assert all(w.entry is not None for c in scan.citations for w in c.works)


def test_apparatus_spans_cover_notes_and_entries_with_their_kind() -> None:
    text = _text("endnote_list_report.md")
    spans = apparatus_spans(text)
    assert {s.kind for s in spans} == {"note"}
    assert text[spans[0].start : spans[0].end].startswith("Pursuant to the Immigration")
    paper = _text("numeric_paper.md")
    refs = [s for s in apparatus_spans(paper) if s.kind == "reference"]
    assert len(refs) == 12
    assert paper[refs[0].start : refs[0].end].startswith("Kefauver-Harris Drug Amendments")
    body_start = paper.index("In the US, a setting")
    assert all(not (s.start <= body_start < s.end) for s in apparatus_spans(paper))


def test_short_form_notes_resolve_to_the_reference_list() -> None:
    text = (
        "A claim.¹ Another.²\n\n¹ Lin and Emanuel 2016, 45.\n\n² Smith 2019.\n\nReferences\n\n"
        "Lin N, Emanuel K. 2016. Grey swan tropical cyclones. Nature Climate Change 6:106-111.\n"
    )
    scan = scan_text(text)
    one, two = scan.rows
    assert (one.entry, one.parse) == (1, False)
    assert (two.entry, two.parse) == (None, True)  # not in the list: a work of its own


@pytest.mark.parametrize("text", ["References", "Findings.\n\nReferences\n", "References\n\n"])
def test_a_references_heading_with_nothing_under_it_is_no_list(text: str) -> None:
    """A document that ends on its references heading (a truncated copy, a draft) is scanned:
    no entries, no apparatus span past the end of the text."""
    scan = scan_text(text)
    assert scan.entries == ()
    assert all(0 <= s.start <= s.end <= len(text) for s in scan.spans)


def test_endnote_temporary_citations_in_notes_resolve_to_the_reference_list() -> None:
    """A note holding EndNote's temporary citations cites their works, each a short form
    keeping its pages, linked to the list's entry as a typed short form is; the words around
    them are an explanatory note when they explain, nothing when they only introduce."""
    text = (
        "A claim.[^1] Another.[^2] More.[^3]\n\n"
        "[^1]: As shown before {Lima, 2019 #12@45-47; Osei, 2018 #7}.\n\n"
        "[^2]: On why the boats left the delta in the dry years, which no survey counted, see "
        "{Osei, 2018 #7}.\n\n"
        "[^3]: {Roe, 2001 #9@3}.\n\n"
        "# References\n\n"
        "Lima, A. (2019). River catch survey. Fisheries Review, 4, 1-20.\n\n"
        "Osei, B. (2018). Lakes and deltas. Accra: Survey Press.\n"
    )
    scan = scan_text(text)
    rows = [(r.footnote, r.kind, r.raw, r.entry, r.parse) for r in scan.rows]
    assert rows == [
        (1, "citation", "Lima, 2019, 45-47", 1, False),
        (1, "citation", "Osei, 2018", 2, False),
        (2, "note", scan.notes.footnotes[1].text, None, False),
        (2, "citation", "Osei, 2018", 2, False),
        (3, "citation", "Roe, 2001, 3", None, True),  # not in the list: a work of its own
    ]
    # inside the notes they are the notes' citations, not in-text ones
    assert scan.citations == ()


def test_oscola_and_above_n_short_forms_point_at_their_notes() -> None:
    """OSCOLA's ``Roe (n 1) 52`` and the older ``Roe, above n 1, 70`` take the work of the
    note they name, two in one note split at the ``;``; ``See note 4 above.`` points inside
    the document and cites nothing new."""
    text = (
        "A.[^1] B.[^2] C.[^3] D.[^4] E.[^5] F.[^6]\n\n"
        "[^1]: Jane Roe, *Harbours and Debt* (Oxford University Press 2018) 45.\n"
        "[^2]: Roe (n 1) 52.\n"
        "[^3]: Mark Lee, 'Brokers at Sea' (2017) 12 Journal of Maritime Law 101, 110.\n"
        "[^4]: Roe, above n 1, 70.\n"
        "[^5]: Lee (n 3) 115; Roe (n 1) 80.\n"
        "[^6]: See note 3 above.\n"
    )
    rows = scan_text(text, "oscola.md").rows
    assert [(r.footnote, r.kind, r.target) for r in rows if r.footnote > 1] == [
        (2, "citation", (1, 1)),
        (3, "citation", None),
        (4, "citation", (1, 1)),
        (5, "citation", (3, 1)),
        (5, "citation", (1, 1)),
        (6, "xref", None),
    ]
