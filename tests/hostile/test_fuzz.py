"""Property tests: every reader, given hostile input, returns a result (problems as data)
or raises a one-line :class:`InputError`; nothing else escapes.

The example count is small here (``LITREVIEW_FUZZ_EXAMPLES``, default 25);
``benchmarks/bench_hostile.py`` runs the same targets with many more and watches time and
memory.
"""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, given, settings

from litreview.core.errors import InputError
from tests.hostile.fuzz_targets import TARGETS, Target

EXAMPLES = int(os.environ.get("LITREVIEW_FUZZ_EXAMPLES", "25"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=os.environ.get("LITREVIEW_FUZZ_RANDOM") is None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@pytest.mark.parametrize("target", TARGETS, ids=[t.name for t in TARGETS])
def test_reader_survives_hostile_input(target: Target) -> None:
    @FUZZ
    @given(target.inputs)
    def check(value: object) -> None:
        try:
            target.call(value)
        except InputError as exc:
            assert "\n" not in str(exc)

    check()
