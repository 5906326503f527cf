"""Lines going on a value, joined once: the same values as joining them one at a time."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from litreview.formats._continued import Continued

# a tag line's value may be empty; a line going on a value never is (the readers skip it)
_STEP = st.one_of(
    st.tuples(st.just(True), st.text(alphabet="ab ", max_size=3)),
    st.tuples(st.just(False), st.text(alphabet="ab ", min_size=1, max_size=3)),
)


@given(st.lists(st.lists(_STEP, max_size=8), max_size=4), st.sampled_from(["\n", " "]))
def test_joined_once_as_one_at_a_time(records: list[list[tuple[bool, str]]], sep: str) -> None:
    """Each step either adds a tag line or continues the last value (the oracle: the value
    rebuilt at every line, as the readers did)."""
    continued = Continued(sep)
    for steps in records:
        tags: list[tuple[str, str]] = [("T0", "")]
        oracle: list[tuple[str, str]] = [("T0", "")]
        for n, (is_tag, value) in enumerate(steps):
            if is_tag:
                tags.append((f"T{n}", value))
                oracle.append((f"T{n}", value))
            else:
                continued.add(tags, value)
                tag, old = oracle[-1]
                oracle[-1] = (tag, f"{old}{sep}{value}" if old else value)
        continued.flush()
        assert tags == oracle
