"""Tests that need a Debian tool or an optional module skip locally, but never in CI."""

from __future__ import annotations

import pytest

from tests.conftest import require_module, require_tool


@pytest.mark.parametrize("ci", ["CI", "LITREVIEW_REQUIRE_TOOLS"])
def test_missing_tool_or_module_fails_in_ci(monkeypatch: pytest.MonkeyPatch, ci: str) -> None:
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.delenv("LITREVIEW_REQUIRE_TOOLS", raising=False)
    monkeypatch.setenv(ci, "1")
    with pytest.raises(pytest.fail.Exception, match="required in CI"):
        require_tool("no-such-tool-litreview")
    with pytest.raises(pytest.fail.Exception, match="required in CI"):
        require_module("no_such_module_litreview")


def test_missing_tool_or_module_skips_locally(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.delenv("LITREVIEW_REQUIRE_TOOLS", raising=False)
    with pytest.raises(pytest.skip.Exception):
        require_tool("no-such-tool-litreview")
    with pytest.raises(pytest.skip.Exception):
        require_module("no_such_module_litreview")
    assert require_module("json").dumps([1]) == "[1]"
