"""The shared readers of composed YAML nodes."""

from __future__ import annotations

import pytest
import yaml

from litreview.core.errors import InputError
from litreview.core.yaml_nodes import flag, node_line


def _value(text: str) -> yaml.Node:
    root = yaml.compose(text, Loader=yaml.SafeLoader)
    return root.value[0][1]


@pytest.mark.parametrize(
    ("text", "expected"),
    [("a: true", True), ("a: No", False), ("a: YES", True), ("a: false", False), ("a:", None)],
)
def test_flag_reads_true_and_false(text: str, expected: bool | None) -> None:
    node = _value(text)
    assert flag(node, "f.yaml", default=True) is (True if expected is None else expected)
    assert flag(None, "f.yaml") is False


@pytest.mark.parametrize(
    ("text", "message"),
    [("\n\na: maybe", "not 'maybe'"), ("\n\na: [true]", "expected true or false$")],
)
def test_anything_else_names_its_line(text: str, message: str) -> None:
    node = _value(text)
    with pytest.raises(InputError, match=message) as info:
        flag(node, "f.yaml")
    assert (info.value.path, info.value.line) == ("f.yaml", 3)
    assert node_line(node) == 3
