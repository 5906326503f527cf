"""Reference lists: numbered and unnumbered entries, wrapped and page-broken entries."""

from __future__ import annotations

from litreview.extract._text import split_lines
from litreview.extract.reflist import reference_entries
from tests.conftest import DATA


def _entries(text: str) -> list[tuple[int | None, str]]:
    return [(e.label, e.raw) for e in reference_entries(text, split_lines(text))]


def test_numbered_list_with_offsets() -> None:
    text = (DATA / "docs" / "numeric_paper.md").read_text(encoding="utf-8")
    entries = reference_entries(text, split_lines(text))
    assert [e.label for e in entries] == list(range(1, 13))
    assert entries[1].raw.startswith("Fugh-Berman A, Melnick D (2008)")
    for e in entries:
        assert " ".join(text[e.start : e.end].split()) == e.raw


def test_unnumbered_one_a_line() -> None:
    text = (DATA / "docs" / "author_year_paper.md").read_text(encoding="utf-8")
    entries = reference_entries(text, split_lines(text))
    assert len(entries) == 17
    assert all(e.label is None for e in entries)
    assert entries[0].raw.startswith("Gattuso JP, Magnan A, Billé R")
    assert entries[0].raw.endswith("DOI: https://doi.org/10.1126/science.aac4722")


def test_hard_wrapped_entries_and_an_entry_broken_by_a_page() -> None:
    text = (
        "References\n\nAdams, J. 2001. A long title that runs on\nover two lines. Press.\n"
        "Brown, K. 2002. Second. Journal 4:1-2.\n\nCarter, L. 2003. Third, broken\n\n"
        "by a page. Press.\n"
    )
    assert [raw for _, raw in _entries(text)] == [
        "Adams, J. 2001. A long title that runs on over two lines. Press.",
        "Brown, K. 2002. Second. Journal 4:1-2.",
        "Carter, L. 2003. Third, broken by a page. Press.",
    ]


def test_numbers_must_follow_on() -> None:
    text = "References\n\n1. A, B. Title. J. 2001;\n2014 Suppl 2:1-2.\n2. C, D. Title. J. 2002.\n"
    assert [label for label, _ in _entries(text)] == [1, 2]


def test_a_list_of_studies_under_its_own_heading_is_found_by_shape() -> None:
    text = (
        "Studies We Reviewed\n\n"
        "Bliss, Mary. “The Effect of Packs on Feeding.” Birth 24:2 (1997): 90-97.\n\n"
        "Dungy, Claire. “Discharge Packages and Feeding.” Pediatrics 151 (1997): 724-729.\n\n"
        "Evans, Cynthia. “Formula Samples and Practice.” Nursing (1986): 401-405.\n"
    )
    assert [raw.split(",")[0] for _, raw in _entries(text)] == ["Bliss", "Dungy", "Evans"]


def test_body_prose_above_a_list_found_by_shape_stays_body() -> None:
    """A list with no heading of its own after body text: the prose paragraph under the
    heading is no entry (the detector reads it), the page-broken piece of an entry is."""
    text = (
        "Fraud Against Elders\n\n"
        "Scams cost households a great deal, and little is known about how they spread.\n\n"
        "Bliss, Mary. “The Effect of Packs on Feeding.” Birth 24:2 (1997): 90-97.\n\n"
        "Dungy, Claire. “Discharge Packages and Feeding.” Pediatrics 151 (1997): 724-729.\n\n"
        "Evans, Cynthia. “Formula Samples and Practice.” Nursing (1986): 401-405.\n"
    )
    assert [raw.split(",")[0] for _, raw in _entries(text)] == ["Bliss", "Dungy", "Evans"]


def test_a_list_ends_before_the_prose_of_the_last_pages() -> None:
    text = (
        "Bibliography\n\nAdams, J. A Title. City: Press, 2001.\n\nRelated Products\n\n"
        "Brown, K. Another Title. Report-01-2. City: May 2, 2002.\n\n(450365)\n\n"
        "Our Mission The office exists to support the members and to help improve the "
        "performance of the government for the people it serves.\n\n"
        "Obtaining Copies of\n\nThe fastest way to obtain copies of our reports is the web site.\n"
    )
    entries = [raw for _, raw in _entries(text)]
    assert [raw[:10] for raw in entries] == ["Adams, J. ", "Brown, K. "]
    assert not any("Mission" in raw or "Copies" in raw for raw in entries)


def test_a_rule_for_the_same_author_opens_an_entry() -> None:
    text = (
        "Bibliography\n\nHatry, H. Performance Measurement. City: Institute, 1999.\n\n"
        "------“Public Agencies Need to Manage.” City: Institute, August 31,\n\n"
        "2004. http://example.org/a\n"
    )
    assert [raw[:10] for _, raw in _entries(text)] == ["Hatry, H. ", "------“Pub"]


def test_an_entry_broken_by_a_page_does_not_end_the_list() -> None:
    text = (
        "References\n\n1. Adams J (2001) A title. Journal 3: 1–2.\n\n"
        "2. Brown K (2011) Regulation: not only\n\n"
        "transcription and protein changes are required for accurate clocks. In: Lee L, "
        "editor, Rhythms, Science Publishers. pp. 247–276.\n\n"
        "3. Carter L (2007) Biological clocks. Symposia 72: 157–165.\n"
    )
    assert [label for label, _ in _entries(text)] == [1, 2, 3]


def test_a_list_ends_before_the_notes_a_reader_writes_after_the_body() -> None:
    """A DOCX or ODT read with notes and a bibliography: the notes' texts (``[^N]: ...``)
    follow the list; they are notes, not the last entry's rest."""
    from litreview.extract.document import scan_text

    text = (
        "Fish are scarce.[^1] Catches fell.[^2]\n\n## References\n\n"
        "Lima, A. (2019). River catch survey. Lagos: Fisheries Office.\n\n"
        "Osei, B. (2018). Atlas of rivers. Accra: Survey Press.\n\n"
        "[^1]: Lima, A. (2019), River catch survey, p. 4.\n\n"
        "[^2]: See the annex; Osei, B. (2018), Atlas of rivers.\n"
    )
    assert [raw for _, raw in _entries(text)] == [
        "Lima, A. (2019). River catch survey. Lagos: Fisheries Office.",
        "Osei, B. (2018). Atlas of rivers. Accra: Survey Press.",
    ]
    assert [f.number for f in scan_text(text).notes.footnotes] == [1, 2]


def test_a_numbered_list_past_9999_entries_keeps_its_numbers() -> None:
    """Numbers of five and six digits open entries as shorter ones do (entries 10000 and
    after had been read as the rest of entry 9999); a run of seven digits is no number."""
    rows = [f"{i}. Roe{i} A. Title {i}. J Things. 2001;3:4-9." for i in range(1, 10_003)]
    text = "# References\n\n" + "\n".join(rows) + "\n"
    entries = _entries(text)
    assert len(entries) == 10_002
    assert entries[-3:] == [
        (10_000, "Roe10000 A. Title 10000. J Things. 2001;3:4-9."),
        (10_001, "Roe10001 A. Title 10001. J Things. 2001;3:4-9."),
        (10_002, "Roe10002 A. Title 10002. J Things. 2001;3:4-9."),
    ]
    text = "# References\n\n1. Roe A. One. 2001.\n\n1234567 Roe B. Two. 2002.\n"
    assert _entries(text) == [(1, "Roe A. One. 2001. 1234567 Roe B. Two. 2002.")]


def test_a_bulleted_list_is_one_entry_an_item() -> None:
    """A list of items ("- ", "* ", "•"), as Markdown writes it and as a web page's list reads:
    each bullet opens an entry, left out of it, blank lines between items or not, and an
    item's lines wrap under its bullet even after a full stop."""
    spaced = (
        "Text.\n\n## Sources\n\n- Khan, Ayesha (2019). Counting victims. Journal 5: 1-2.\n\n"
        "- Shelley, Louise (2010). Human Trafficking. Cambridge: CUP.\n"
    )
    wrapped = (
        "Text.\n\n## References\n\n* Khan, Ayesha (2019). Counting victims.\n  Journal 5: "
        "1-2.\n* Shelley, Louise (2010). Human Trafficking.\n  Cambridge: CUP.\n"
        "• Roe, Ann (2001). Title. Place: Press.\n"
    )
    assert _entries(spaced) == [
        (None, "Khan, Ayesha (2019). Counting victims. Journal 5: 1-2."),
        (None, "Shelley, Louise (2010). Human Trafficking. Cambridge: CUP."),
    ]
    assert _entries(wrapped) == [
        (None, "Khan, Ayesha (2019). Counting victims. Journal 5: 1-2."),
        (None, "Shelley, Louise (2010). Human Trafficking. Cambridge: CUP."),
        (None, "Roe, Ann (2001). Title. Place: Press."),
    ]
    # a rule for the same author is no bullet
    assert len(_entries("Text.\n\n## References\n\nRoe, A. 2001. One.\n\n---. 2002. Two.\n")) == 2
