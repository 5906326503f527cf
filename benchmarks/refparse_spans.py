"""Labelled character spans of a reference string -> labelled whitespace tokens -> segments.

Shared by the converters of public data (``make_refparse_data.py``) and the synthetic
renderer (``refparse_synth.py``). A source labels the characters of some fields; the
characters between fields (punctuation, "In", "pp.") are not labelled. :func:`attach`
gives every whitespace token a label the way AnyStyle's annotators do: a token takes the
label of most of its labelled characters; an unlabelled token of punctuation joins the
field before it, an unlabelled word the field after it (``In`` the container, ``pp.`` the
pages), except an editor cue (``(eds.)``), which closes the editors before it.
"""

from __future__ import annotations

import re
from collections import Counter

__all__ = ["attach", "segments_of", "unlink"]

Span = tuple[int, int, "str | None"]
_EDITOR_CUE = re.compile(
    r"^[(\[]?(?:eds?|editors?|edited|hrsg|hg|trans|translated|comp|coord|dir)\.?[)\]]?[,.;:]*$",
    re.I,
)
_TOKEN = re.compile(r"\S+")


def _token_label(chars: list[str | None], start: int, end: int) -> str | None:
    """The label of most labelled letters/digits of a token (else of any labelled char)."""
    votes = Counter(lab for lab in chars[start:end] if lab)
    return votes.most_common(1)[0][0] if votes else None


def attach(text: str, spans: list[Span]) -> list[tuple[int, int, str]]:
    """Every whitespace token of ``text`` as ``(start, end, label)``.

    ``spans`` label character ranges (later spans win where they overlap, so a span nested
    in another, an editor inside an author substitute, wins); a span labelled ``None`` only
    marks text as known and unlabelled.
    """
    chars: list[str | None] = [None] * len(text)
    for start, end, label in spans:
        for k in range(max(0, start), min(end, len(text))):
            chars[k] = label
    letters = [lab if ch.isalnum() else None for ch, lab in zip(text, chars, strict=True)]
    tokens = []
    for m in _TOKEN.finditer(text):
        label = _token_label(letters, m.start(), m.end()) or _token_label(chars, *m.span())
        tokens.append([m.start(), m.end(), label])
    _fill(text, tokens)
    return [(s, e, lab or "note") for s, e, lab in tokens]


def _fill(text: str, tokens: list[list]) -> None:
    """Give unlabelled tokens the label of a neighbouring field (in place)."""
    for k, tok in enumerate(tokens):
        if tok[2]:
            continue
        word = text[tok[0] : tok[1]]
        before = next((t[2] for t in reversed(tokens[:k]) if t[2]), None)
        after = next((t[2] for t in tokens[k + 1 :] if t[2]), None)
        if not any(ch.isalnum() for ch in word) or (_EDITOR_CUE.match(word) and before):
            tok[2] = before or after
        else:
            tok[2] = after or before


def segments_of(text: str, tokens: list[tuple[int, int, str]] | list[Span]) -> list[list[str]]:
    """Consecutive tokens with one label joined into ``[label, text]`` segments."""
    out: list[list[str]] = []
    for start, end, label in tokens:
        word = text[start:end]
        if out and out[-1][0] == label:
            out[-1][1] += " " + word
        else:
            out.append([label or "note", word])
    return out


_LINK = re.compile(r"^[<(\[]?(?:https?://|www\.)", re.I)


def unlink(labels: list[list[str]]) -> list[list[str]]:
    """The segments with every link word of a non-link field given its own ``url`` (or
    ``doi``) segment: pandoc links a title to the work's URL when the style does not print
    the URL, and the rendering then puts the URL inside the title's marks."""
    out: list[list[str]] = []
    for label, text in labels:
        for word in text.split():
            lab = label
            if label not in ("url", "doi") and _LINK.match(word):
                lab = "doi" if "doi.org/" in word.lower() else "url"
            if out and out[-1][0] == lab:
                out[-1][1] += " " + word
            else:
                out.append([lab, word])
    return out
