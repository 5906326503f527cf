"""The reference-likeness score the gap-statement detector uses to skip reference strings."""

from __future__ import annotations

from litreview.extract.reference_likeness import looks_like_reference


def test_references_score_high_and_prose_low() -> None:
    ref = "Harbour Board (2019), “Port Labour Survey”, Lisbon, pp. 4-9, https://e.org/p."
    prose = "This is a note that explains why we did not include these data in the survey."
    assert looks_like_reference(ref) >= 0.9
    assert looks_like_reference(prose) < 0.3
    assert looks_like_reference("") == 0.0
