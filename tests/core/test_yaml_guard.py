"""YAML aliases measured before they are expanded: a "billion laughs" front matter states
nothing instead of filling the memory."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from litreview.core.yaml_guard import MAX_YAML_VALUES, expanded_size, expansion_problem
from litreview.formats.documents import read_document_meta


def _laughs(levels: int) -> str:
    lines = ['a0: &a0 ["x", "x", "x", "x", "x", "x", "x", "x", "x", "x"]']
    for i in range(1, levels + 1):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]")
    return "\n".join(lines) + f"\ntitle: *a{levels}\n"


def _root(text: str) -> yaml.Node:
    node = yaml.compose(text, Loader=yaml.SafeLoader)
    assert node is not None
    return node


def test_the_expanded_size_counts_every_use_of_a_shared_node() -> None:
    assert expanded_size(_root("a: [x, y]")) == 5  # mapping, key, sequence, two items
    # the mapping, key a and its list of 2, key b and its list of three uses of a's list
    assert expanded_size(_root("a: &a [1, 2]\nb: [*a, *a, *a]")) == 1 + (1 + 3) + (1 + 1 + 3 * 3)
    assert expanded_size(_root(_laughs(8))) > MAX_YAML_VALUES  # measured, not built
    assert "expand to" in expansion_problem(_root(_laughs(8)))
    assert expansion_problem(_root(_laughs(2))) == ""


def test_a_node_that_contains_itself_is_a_problem() -> None:
    root = _root("a: &a [1, *a]")
    assert expanded_size(root) is None
    assert "contains it" in expansion_problem(root)


def test_a_front_matter_of_billion_laughs_states_nothing(tmp_path: Path) -> None:
    doc = tmp_path / "report.md"
    doc.write_text(f"---\n{_laughs(9)}---\n\n# Report\n\nText.\n", encoding="utf-8")
    meta = read_document_meta(doc)
    assert (meta.title, meta.author, meta.stated_by) == ("", "", "")
    assert meta.text.startswith("---\n")


def test_an_ordinary_front_matter_still_states_its_title(tmp_path: Path) -> None:
    doc = tmp_path / "report.md"
    doc.write_text("---\ntitle: &t On Wheat\nsubtitle: *t\n---\n\nText.\n", encoding="utf-8")
    assert read_document_meta(doc).title == "On Wheat"


def test_a_large_file_without_aliases_is_told_apart_from_a_bomb(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A file too large as written is told so (split it), not that its aliases expand."""
    monkeypatch.setattr("litreview.core.yaml_guard.MAX_YAML_VALUES", 1_000)
    big = "".join(f"e{i}: [a, b, c, d, e, f, g, h, i]\n" for i in range(101))
    problem = expansion_problem(_root(big))
    assert problem == "1,112 YAML values, more than 1,000 in one file: split it"
    assert "aliases expand to" in expansion_problem(_root(_laughs(3)))
