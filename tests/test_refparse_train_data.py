"""Training-data variants of the reference parser: punctuation dropped, labels kept."""

from __future__ import annotations

import random
import sys

from tests.conftest import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
from refparse_train_data import punct_variant  # type: ignore[import-not-found]

sys.path.remove(str(ROOT / "benchmarks"))

TOKENS = ["Smith,", "J.", "(2010,", "March", "17).", "A", "title.", "Reuters."]
LABELS = ["author", "author", "date", "date", "date", "title", "title", "journal"]


def test_only_field_ends_and_date_commas_lose_punctuation() -> None:
    seen = set()
    for seed in range(40):
        out = punct_variant(TOKENS, LABELS, random.Random(seed))
        assert out is None or len(out) == len(TOKENS)
        for before, after in zip(TOKENS, out or TOKENS, strict=True):
            assert after in (before, before[:-1])
            if after != before:
                seen.add(before)
    # the comma inside the author stays, as does the initial's stop that ends it; the
    # date's inner comma and every other field's last mark are each dropped some time
    assert seen == {"(2010,", "17).", "title.", "Reuters."}


def test_fields_limit_the_drops() -> None:
    for seed in range(40):
        out = punct_variant(TOKENS, LABELS, random.Random(seed), {"date"}) or TOKENS
        changed = {b for b, a in zip(TOKENS, out, strict=True) if a != b}
        assert changed <= {"(2010,", "17)."}


def test_nothing_to_drop_gives_none() -> None:
    assert punct_variant(["J.", "Smith"], ["author", "author"], random.Random(1)) is None
