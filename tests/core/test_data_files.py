"""The packaged word lists are read one way everywhere: entries in order, comments and blank
lines left out."""

from __future__ import annotations

from litreview.core.data_files import data_lines
from litreview.extract.backrefs import SIGNAL


def test_a_list_gives_its_entries_in_order_without_comments() -> None:
    signals = data_lines("lexicon/signals.txt")
    assert signals[:3] == ["cited in", "see", "see also"]
    assert all(s and not s.startswith("#") and s == s.strip() for s in signals)


def test_the_signal_pattern_is_the_same_in_every_process() -> None:
    # alternatives of one length were ordered by a set's iteration (which changes with the
    # process's hash seed); longest first, then alphabetical
    tie = ("[Ss]ee\\s+also\\s+e\\.", "[Ss]ee\\s+generally")  # 13 characters each
    assert SIGNAL.index(tie[0]) < SIGNAL.index(tie[1])
