"""Labelled documents for training and measuring the gap-statement detector.

A label file (YAML) lists documents (``doc_id``, ``text``: a path relative to the repository
root, ``genre``), their gap statements (``doc``, ``quote``, ``kind``, ``strength``, optional
``count`` when the same words occur more than once, or ``occ``, the 0-based occurrence meant)
and hard cases judged not to be gaps (``doc``, ``quote``, ``why``). Quotes are found with
whitespace and emphasis marks ignored. Every sentence of a document that no gap quote covers
is labelled not-a-gap: a labelled document has been read whole. A quote that is not found
the number of times it says is an InputError naming the file and line.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from litreview.core.errors import InputError
from litreview.gaps.statement_scope import Sentence

__all__ = [
    "KINDS",
    "STRENGTHS",
    "LabelledDocument",
    "LabelledSpan",
    "SentenceLabel",
    "load_labels",
    "sentence_labels",
]

KINDS = ("missing", "data", "research_needed", "contested")
STRENGTHS = ("explicit", "implicit")
_SPACE = re.compile(r"\s")


@dataclass(frozen=True, slots=True, kw_only=True)
class LabelledSpan:
    """A labelled quote located in its document: ``text[start:end]``."""

    start: int
    end: int
    kind: str = ""
    strength: str = ""
    why: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class LabelledDocument:
    """A document read whole and labelled: its gap statements and hard negatives."""

    doc_id: str
    genre: str
    text: str
    gaps: tuple[LabelledSpan, ...]
    not_gaps: tuple[LabelledSpan, ...]
    label_file: str


@dataclass(frozen=True, slots=True, kw_only=True)
class SentenceLabel:
    """A sentence's label: gap or not, its kind and strength, whether it is a hard case."""

    gap: bool
    kind: str = ""
    strength: str = ""
    hard: bool = False


def load_labels(path: Path, root: Path) -> list[LabelledDocument]:
    """The labelled documents of one label file (texts are read from under ``root``)."""
    where = str(path)
    node = _compose(path.read_text(encoding="utf-8"), where)
    top = _plain(node)
    texts: dict[str, tuple[str, str]] = {}
    for item, line in zip(top.get("documents", []), _lines(node, "documents"), strict=True):
        file = root / str(item["text"])
        if not file.is_file():
            raise InputError(f"document text not found: {item['text']}", path=where, line=line)
        texts[str(item["doc_id"])] = (file.read_text(encoding="utf-8"), str(item.get("genre", "")))
    flats = {d: _flat(t) for d, (t, _) in texts.items()}
    spans: dict[str, dict[str, list[LabelledSpan]]] = {
        d: {"gaps": [], "not_gaps": []} for d in texts
    }
    for key in ("gaps", "not_gaps"):
        entries = list(zip(top.get(key, []), _lines(node, key), strict=True))
        for item, line in entries:
            doc = str(item.get("doc", ""))
            if doc not in texts:
                raise InputError(f"unknown document '{doc}'", path=where, line=line)
            _check(item, key, where, line)
        spans_by_quote = _locate(entries, flats, where)
        for doc, found in spans_by_quote.items():
            spans[doc][key].extend(found)
    return [
        LabelledDocument(
            doc_id=d,
            genre=g,
            text=t,
            gaps=tuple(sorted(spans[d]["gaps"], key=lambda s: s.start)),
            not_gaps=tuple(sorted(spans[d]["not_gaps"], key=lambda s: s.start)),
            label_file=where,
        )
        for d, (t, g) in texts.items()
    ]


def _check(item: dict[str, Any], key: str, where: str, line: int) -> None:
    """A gap needs a known kind and strength; every entry needs a quote."""
    if not str(item.get("quote", "")).strip():
        raise InputError("an entry needs a 'quote'", path=where, line=line)
    if key == "gaps" and item.get("kind") not in KINDS:
        raise InputError(f"kind must be one of {', '.join(KINDS)}", path=where, line=line)
    if key == "gaps" and item.get("strength") not in STRENGTHS:
        raise InputError("strength must be explicit or implicit", path=where, line=line)


def _locate(
    entries: list[tuple[dict[str, Any], int]],
    flats: dict[str, tuple[str, list[int]]],
    where: str,
) -> dict[str, list[LabelledSpan]]:
    """Each entry's spans; entries with the same quote take its occurrences in turn."""
    out: dict[str, list[LabelledSpan]] = {}
    taken: dict[tuple[str, str], int] = {}
    wanted: dict[tuple[str, str], int] = {}
    for item, _ in entries:
        key = (str(item["doc"]), _flat(str(item["quote"]))[0])
        if "occ" not in item:
            wanted[key] = wanted.get(key, 0) + int(item.get("count", 1))
    for item, line in entries:
        doc = str(item["doc"])
        quote = _flat(str(item["quote"]))[0]
        flat, index = flats[doc]
        hits = _find_all(flat, quote)
        if "occ" in item:
            if int(item["occ"]) >= len(hits):
                raise InputError(
                    f"occ {item['occ']} but the quote is found {len(hits)} times: {quote[:60]!r}",
                    path=where,
                    line=line,
                )
            hits = [hits[int(item["occ"])]]
            wanted[(doc, quote)] = 1
            taken[(doc, quote)] = 0
        if len(hits) != wanted[(doc, quote)]:
            raise InputError(
                f"quote found {len(hits)} times, labelled {wanted[(doc, quote)]}: {quote[:60]!r}",
                path=where,
                line=line,
            )
        n = int(item.get("count", 1))
        first = taken.get((doc, quote), 0)
        taken[(doc, quote)] = first + n
        for at in hits[first : first + n]:
            out.setdefault(doc, []).append(
                LabelledSpan(
                    start=index[at],
                    end=index[at + len(quote) - 1] + 1,
                    kind=str(item.get("kind", "")),
                    strength=str(item.get("strength", "")),
                    why=str(item.get("why", "")),
                )
            )
    return out


def sentence_labels(doc: LabelledDocument, sents: Sequence[Sentence]) -> list[SentenceLabel]:
    """The label of each sentence: a gap when a gap quote covers at least half of the shorter
    of the two; a hard case when a not-a-gap quote does."""
    out = []
    for s in sents:
        gap = next((g for g in doc.gaps if _covers(g, s)), None)
        hard = any(_covers(n, s) for n in doc.not_gaps)
        if gap is None:
            out.append(SentenceLabel(gap=False, hard=hard))
        else:
            out.append(SentenceLabel(gap=True, kind=gap.kind, strength=gap.strength, hard=hard))
    return out


def _covers(span: LabelledSpan, s: Sentence) -> bool:
    """Whether ``span`` and the sentence overlap by half the shorter of the two."""
    overlap = min(span.end, s.end) - max(span.start, s.start)
    return overlap > 0 and overlap >= 0.5 * min(span.end - span.start, s.end - s.start)


def _flat(text: str) -> tuple[str, list[int]]:
    """``text`` without ``*`` and with each whitespace run as one space, and the index in
    ``text`` of each character kept."""
    chars: list[str] = []
    index: list[int] = []
    for i, ch in enumerate(text):
        if ch == "*":
            continue
        if _SPACE.match(ch):
            if not chars or chars[-1] == " ":
                continue
            ch = " "
        chars.append(ch)
        index.append(i)
    while chars and chars[-1] == " ":
        chars.pop()
        index.pop()
    return "".join(chars), index


def _find_all(flat: str, quote: str) -> list[int]:
    """Start of every occurrence of ``quote`` in ``flat``."""
    out, at = [], flat.find(quote)
    while at >= 0:
        out.append(at)
        at = flat.find(quote, at + 1)
    return out


def _compose(text: str, where: str) -> yaml.Node:
    """The YAML root node; bad YAML raises InputError with its line."""
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise InputError(
            f"bad YAML: {getattr(exc, 'problem', '') or 'not valid YAML'}",
            path=where,
            line=mark.line + 1 if mark is not None else None,
        ) from None
    if not isinstance(node, yaml.MappingNode):
        raise InputError("a label file must be a mapping", path=where, line=1)
    return node


def _plain(node: yaml.Node) -> dict[str, Any]:
    """The node as plain Python data."""
    data = yaml.safe_load(yaml.serialize(node))
    return data if isinstance(data, dict) else {}


def _lines(node: yaml.MappingNode, key: str) -> list[int]:
    """The 1-based line of each item of the list under ``key``."""
    for k, v in node.value:
        if k.value == key and isinstance(v, yaml.SequenceNode):
            return [item.start_mark.line + 1 for item in v.value]
    return []
