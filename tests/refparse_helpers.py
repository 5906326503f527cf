"""Helpers for the parser-rule tests: run hand-written labels through the label repairs, or
hand-written segments through the item builder and its field repairs."""

from __future__ import annotations

from typing import Any

from litreview.extract.refparse_features import tokenize
from litreview.extract.refparse_fields import build_item
from litreview.extract.refparse_rules import repair_item, repair_labels


def relabel(parts: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """``(label, text)`` parts as tokens, repaired, joined back into segments."""
    tokens: list[str] = []
    labels: list[str] = []
    for label, text in parts:
        toks = tokenize(text)
        tokens += toks
        labels += [label] * len(toks)
    out: list[tuple[str, str]] = []
    for tok, lab in zip(tokens, repair_labels(tokens, labels), strict=True):
        if out and out[-1][0] == lab:
            out[-1] = (lab, f"{out[-1][1]} {tok}")
        else:
            out.append((lab, tok))
    return out


def item_of(segments: list[tuple[str, str]]) -> dict[str, Any]:
    """The CSL item built and repaired from ``(label, text)`` segments."""
    raw = " ".join(text for _, text in segments)
    return repair_item(build_item(segments, raw), raw)
