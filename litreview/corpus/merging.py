"""Merging two records of one work: existing (curated) values win, incoming ones fill gaps."""

from __future__ import annotations

from dataclasses import fields
from typing import Any

from litreview.core.errors import Problem
from litreview.core.model import Work, replace
from litreview.core.texmarkup import as_tex, plain_person, plain_work
from litreview.corpus.identity import normalise_doi, normalise_title, normalise_url

__all__ = ["merge_work"]

_SKIP = frozenset({"key", "keywords", "extra"})


def merge_work(kept: Work, other: Work, *, source: str = "<import>") -> tuple[Work, list[Problem]]:
    """``kept`` with empty fields filled from ``other``; keywords and unknown fields united.

    Differing non-empty values keep ``kept``'s and are reported as warnings. ``other``'s
    values are first written the way ``kept``'s are (TeX or plain text).
    """
    other = as_tex(other) if kept.tex else plain_work(other)
    changes: dict[str, Any] = {}
    problems: list[Problem] = []
    for f in fields(Work):
        name = f.name
        if name in _SKIP:
            continue
        mine, theirs = getattr(kept, name), getattr(other, name)
        if not theirs or (name == "type" and theirs == "document"):
            continue
        if not mine or (name == "type" and mine == "document"):
            changes[name] = theirs
        elif not _same(name, mine, theirs):
            problems.append(
                Problem(
                    path=source,
                    line=None,
                    severity="warning",
                    message=f"{kept.key}: {name} differs; kept {_show(mine)}, "
                    f"ignored {_show(theirs)} from {other.key or 'an unnamed record'}",
                )
            )
    words = tuple(dict.fromkeys(kept.keywords + other.keywords))
    if words != kept.keywords:
        changes["keywords"] = words
    have = {k.lower() for k, _ in kept.extra}
    added = tuple((k, v) for k, v in other.extra if k.lower() not in have)
    if added:
        changes["extra"] = kept.extra + added
    return (replace(kept, **changes) if changes else kept), problems


def _same(name: str, a: object, b: object) -> bool:
    if name == "doi":
        return normalise_doi(str(a)) == normalise_doi(str(b))
    if name == "url":
        return normalise_url(str(a)) == normalise_url(str(b))
    if isinstance(a, str) and isinstance(b, str):
        return normalise_title(a) == normalise_title(b)
    if name in ("authors", "editors"):
        return [plain_person(p).display() for p in a] == [  # type: ignore[attr-defined]
            plain_person(p).display()
            for p in b  # type: ignore[attr-defined]
        ]
    return a == b


def _show(value: object) -> str:
    if isinstance(value, tuple):
        text = "; ".join(p.display() if hasattr(p, "display") else str(p) for p in value)
    else:
        text = str(value)
    return repr(text if len(text) <= 60 else text[:57] + "...")
