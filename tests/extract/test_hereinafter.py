"""Short names a note gives a work ("hereinafter ...") and the later notes citing by them."""

from __future__ import annotations

from litreview.extract.citations import references
from litreview.extract.footnotes import Footnote


def _notes(*texts: str) -> list[Footnote]:
    return [
        Footnote(number=i, text=t, spans=((0, len(t)),), line=i) for i, t in enumerate(texts, 1)
    ]


def test_a_later_note_citing_the_short_name_points_at_the_work_it_was_given_to() -> None:
    rows, _ = references(
        _notes(
            "NOAA, Deep Sea Mining: A Report to Congress, 1995, p. 2 (hereinafter NOAA, 1995 "
            "Report to Congress).",
            "Ann Roe, Other Work, 2001.",
            "See NOAA, 1995 Report to Congress, p. 12.",
            "Brian Lee et al., “The Potential Impact of Mining,” RAND, 2020 [hereinafter Lee et "
            "al., “Potential Impact”].",
            "Lee et al., “Potential Impact,” p. 4.",
        )
    )
    by_note = {r.footnote: r for r in rows}
    assert by_note[3].target == (1, 1) and not by_note[3].parse
    assert by_note[5].target == (4, 1)
    assert by_note[2].target is None and by_note[2].parse


def test_a_name_of_one_word_or_of_a_work_never_read_is_left_alone() -> None:
    """ "hereinafter TMC" names a body whose other works open with it too; a name given in a
    note whose work was not read as a row (nothing shared with the row before it) names
    nothing that can be pointed at."""
    rows, _ = references(
        _notes(
            "TMC USA, Application for License, July 2025, p. 31 (hereinafter TMC).",
            "Ann Roe, Other Work, 2001; and see the agency's decision (hereinafter Agency "
            "Decision).",
            "TMC, Updated Agreement, 2024.",
            "Agency Decision, p. 3.",
        )
    )
    by_note = {r.footnote: r for r in rows}
    assert by_note[3].target is None and by_note[4].target is None
