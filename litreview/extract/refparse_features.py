"""Tokens and CRF features for the reference-string parser.

A reference string is split on whitespace; each token gets a feature dict that
describes its shape, punctuation, position and quote/bracket state, plus the
same for its neighbours. Shared by :mod:`.refparse` and ``benchmarks/train_refparse.py``.
"""

from __future__ import annotations

import re
from functools import lru_cache

__all__ = ["sequence_features", "tokenize"]

_YEAR = re.compile(r"(?<!\d)(1[5-9]\d\d|20\d\d)(?!\d)")
_OPEN_Q = "“‘\"'«„*"
_CLOSE_Q = "”’\"'»*"
_MONTHS = {
    "jan",
    "january",
    "feb",
    "february",
    "mar",
    "march",
    "apr",
    "april",
    "may",
    "jun",
    "june",
    "jul",
    "july",
    "aug",
    "august",
    "sep",
    "sept",
    "september",
    "oct",
    "october",
    "nov",
    "november",
    "dec",
    "december",
}
_CUES = {
    "pub": {
        "press",
        "publishing",
        "publishers",
        "publisher",
        "verlag",
        "books",
        "editions",
        "éditions",
        "university",
        "ltd",
        "inc",
        "co",
        "sons",
        "wiley",
        "springer",
        "elsevier",
        "routledge",
        "sage",
        "oxford",
        "cambridge",
        "mit",
        "academic",
        "taylor",
        "francis",
    },
    "cont": {
        "journal",
        "proceedings",
        "review",
        "conference",
        "symposium",
        "workshop",
        "transactions",
        "quarterly",
        "bulletin",
        "annals",
        "magazine",
        "studies",
        "letters",
        "international",
        "zeitschrift",
        "revue",
        "revista",
        "times",
        "post",
        "news",
    },
    "org": {
        "organisation",
        "organization",
        "foundation",
        "institute",
        "office",
        "ministry",
        "bank",
        "commission",
        "nations",
        "council",
        "department",
        "agency",
        "association",
        "society",
        "centre",
        "center",
        "government",
        "committee",
        "union",
        "programme",
        "program",
        "fund",
        "bureau",
        "authority",
        "secretariat",
        "group",
        "initiative",
    },
    "ed": {
        "ed",
        "eds",
        "edited",
        "editor",
        "editors",
        "hrsg",
        "hg",
        "dir",
        "éd",
        "trans",
        "translated",
    },
    "vol": {"vol", "volume", "vols", "no", "nos", "issue", "nr", "n°", "bd", "heft", "iss"},
    "pp": {"pp", "p", "pages", "page", "s", "pgs"},
    "in": {"in", "in:", "dans", "en", "im"},
    "acc": {
        "accessed",
        "retrieved",
        "available",
        "archived",
        "viewed",
        "consulted",
        "online",
        "from",
        "at",
        "url",
    },
    "genre": {
        "report",
        "thesis",
        "dissertation",
        "paper",
        "working",
        "brief",
        "phd",
        "master",
        "technical",
        "policy",
        "series",
        "discussion",
    },
}


_NEIGHBOUR_FLAGS = frozenset(
    {"year", "initial", "url", "cue_in", "cue_ed", "cue_pub", "cue_vol", "cue_pp", "cue_acc"}
)


def tokenize(text: str) -> list[str]:
    """Whitespace tokens of a reference string."""
    return text.split()


def _shape(tok: str) -> str:
    """Collapsed character-class shape, e.g. ``Aa.`` for ``Smith.``."""
    out: list[str] = []
    for ch in tok:
        c = "A" if ch.isupper() else "a" if ch.isalpha() else "9" if ch.isdigit() else ch
        if not out or out[-1] != c:
            out.append(c)
    return "".join(out)[:8]


def _core(tok: str) -> str:
    """The token lower-cased, outer punctuation stripped."""
    return tok.strip(".,;:()[]{}<>\"'“”‘’«»*!?").lower()


@lru_cache(maxsize=1 << 16)
def _token_features(tok: str) -> dict[str, float | str]:
    """Features of one token on its own (cached: callers must not change the dict)."""
    core = _core(tok)
    f: dict[str, float | str] = {
        "w": core[:20],
        "shape": _shape(tok),
        "last": tok[-1],
        "first": tok[0],
        "suf3": core[-3:],
        "pre3": core[:3],
        "len": str(min(len(core), 8)),
    }
    if _YEAR.search(tok):
        f["year"] = 1.0
        if re.fullmatch(r"\(?\[?(1[5-9]|20)\d\d[a-z]?\]?\)?[.,:;]?", tok):
            f["pureyear"] = 1.0
    if tok[:1].isupper():
        f["cap"] = 1.0
    if core.isupper() and len(core) > 1:
        f["allcaps"] = 1.0
    if any(ch.isdigit() for ch in tok):
        f["digit"] = 1.0
    if re.fullmatch(r"[A-Z]\.?(-?[A-Z]\.)*,?", tok):
        f["initial"] = 1.0
    if "http" in tok or "www." in tok or "://" in tok:
        f["url"] = 1.0
    if re.search(r"\b10\.\d{4,}/", tok) or core.startswith("doi"):
        f["doi"] = 1.0
    if re.search(r"\d+\s*[-–—]\s*\d+", tok):
        f["range"] = 1.0
    if core in _MONTHS:
        f["month"] = 1.0
    for name, words in _CUES.items():
        if core in words:
            f["cue_" + name] = 1.0
    return f


def _states(tokens: list[str]) -> list[tuple[bool, bool]]:
    """For each token: inside quotes, inside parentheses/brackets."""
    out = []
    quote = paren = False
    for tok in tokens:
        if tok[0] in _OPEN_Q and not quote and len(tok) > 1:
            quote = True
        if tok[0] in "([":
            paren = True
        out.append((quote, paren))
        stripped = tok.rstrip(".,;:)]")
        if quote and stripped and stripped[-1] in _CLOSE_Q and (len(tok) > 1 or not out):
            quote = False
        if tok.rstrip(".,;:")[-1:] in ")]":
            paren = False
    return out


@lru_cache(maxsize=1 << 16)
def _own_attrs(tok: str) -> tuple[str, ...]:
    """A token's own features as crfsuite attribute names (``w:smith``, ``cap``; cached)."""
    return tuple(k if isinstance(v, float) else f"{k}:{v}" for k, v in _token_features(tok).items())


@lru_cache(maxsize=1 << 17)
def _neighbour(tok: str, d: int) -> tuple[str, ...]:
    """Attributes a token lends to the token ``d`` positions away (cached)."""
    o = _token_features(tok)
    items = [f"{d}:w:{o['w']}", f"{d}:shape:{o['shape']}", f"{d}:last:{o['last']}"]
    items += [f"{d}:{k}" for k in sorted(_NEIGHBOUR_FLAGS.intersection(o))]
    return tuple(items)


_EDGE = {d: (f"{d}:edge",) for d in (-2, -1, 1, 2)}
_POS = [f"pos:{k}" for k in range(10)]
_IDX = [f"i:{min(k, 6)}" for k in range(7)]


def sequence_features(tokens: list[str]) -> list[list[str]]:
    """Attribute lists (crfsuite binary features) for every token, with neighbour context.

    Each attribute is ``name`` or ``name:value``; the same strings crfsuite would make
    from ``{name: value}`` dicts, built from cached per-token tuples for speed.
    """
    n = len(tokens)
    states = _states(tokens)
    seen_year = False
    edge_l2, edge_l1, edge_r1, edge_r2 = _EDGE[-2], _EDGE[-1], _EDGE[1], _EDGE[2]
    feats = []
    for i, tok in enumerate(tokens):
        f = [*_own_attrs(tok), _POS[min(9, 10 * i // n)], _IDX[min(i, 6)]]
        if states[i][0]:
            f.append("inquote")
        if states[i][1]:
            f.append("inparen")
        if seen_year:
            f.append("afteryear")
        if "year" in _token_features(tok):
            seen_year = True
        f += _neighbour(tokens[i - 2], -2) if i >= 2 else edge_l2
        f += _neighbour(tokens[i - 1], -1) if i >= 1 else edge_l1
        f += _neighbour(tokens[i + 1], 1) if i + 1 < n else edge_r1
        f += _neighbour(tokens[i + 2], 2) if i + 2 < n else edge_r2
        feats.append(f)
    return feats
