"""The cyclic collector is paused inside bulk work and resumed after it, even on error."""

from __future__ import annotations

import gc
import weakref

import pytest

from litreview.core.bulk import bulk, gc_paused


def test_paused_inside_and_resumed_after_the_outermost_block() -> None:
    assert gc.isenabled()
    with gc_paused():
        assert not gc.isenabled()
        with gc_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()  # the inner block does not resume it
    assert gc.isenabled()


def test_a_decorated_function_runs_paused_and_resumes_on_error() -> None:
    @bulk
    def fails() -> None:
        assert not gc.isenabled()
        raise ValueError("x")

    with pytest.raises(ValueError):
        fails()
    assert gc.isenabled()


def test_left_off_when_it_was_off() -> None:
    gc.disable()
    try:
        with gc_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


class _Node:
    def __init__(self) -> None:
        self.me = self  # a reference cycle: only the collector frees it


def test_what_the_block_made_is_old_and_its_cycles_still_collected() -> None:
    with gc_paused():
        kept = [[i] for i in range(100)]
        node = weakref.ref(_Node())
    assert any(x is kept for x in gc.get_objects(generation=2))
    gc.collect()
    assert node() is None
