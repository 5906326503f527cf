"""The gap-statement detector's word lists and settings, read from YAML.

The shipped file (``litreview/data/gap_cues.yaml``) holds the word lists the detector reads as
features (:mod:`litreview.gaps.statement_features`), the words of section headings, what is
never read (reference lists, captions, contents, title-cased lines) and the settings. A review's own
``bibliography/gap_cues.yaml`` may change the settings only (``threshold``,
``context_sentences``, ``anaphora``) and add ``include``/``exclude`` patterns: a sentence an
``include`` pattern matches is a statement whatever the model says, one an ``exclude`` pattern
matches never is. (The older cue-file keys ``positive`` and ``negative`` are read as
``include`` and ``exclude``.)
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from importlib import resources
from typing import Any

import yaml

from litreview.core.errors import InputError
from litreview.core.yaml_nodes import flag, node_line

__all__ = [
    "NEVER",
    "Chain",
    "Construction",
    "Covered",
    "Cues",
    "WordList",
    "cue_entries",
    "default_cues",
    "default_cues_text",
    "load_cues",
    "review_cues",
]

_FLAGS = re.IGNORECASE
#: a pattern that matches nothing (a setting with no words)
NEVER = re.compile(r"(?!x)x")
_SHIPPED_KEYS = frozenset(
    {
        "threshold",
        "encoder_share",
        "encoder_floor",
        "context_sentences",
        "anaphora",
        "lexicon",
        "constructions",
        "chain_lists",
        "chains",
        "sections",
        "reference_headings",
        "contents_headings",
        "caption",
        "contents",
        "title_words",
        "clause_breaks",
        "concessive",
        "comparisons",
        "covered",
        "illustrations",
        "read_pieces",
    }
)
_COVERED_KEYS = frozenset({"verbs", "unless", "modal", "ends"})
_REVIEW_KEYS = frozenset(
    {
        "threshold",
        "encoder_share",
        "read_pieces",
        "context_sentences",
        "anaphora",
        "include",
        "exclude",
        "positive",
        "negative",
    }
)
_CONSTRUCTION_KEYS = frozenset({"id", "first", "then", "within"})
_CHAIN_KEYS = frozenset({"id", "steps", "within", "value"})
_PATTERN_KEYS = frozenset(
    {"id", "pattern", "strength", "needs_evidence_term", "needs_previous_gap"}
)


@dataclass(frozen=True, slots=True, kw_only=True)
class WordList:
    """A named list of words and phrases, compiled into one whole-word pattern. ``leads``
    (:func:`word_leads`): how its entries open, by which a text that cannot hold any of them
    is passed over unsearched; ``None`` searches every text."""

    name: str
    pattern: re.Pattern[str]
    leads: Leads | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Covered:
    """What research already covers ("most studies focus on X"): ``verbs`` lead into it, to
    the end of its clause (the cue file's clause breaks or ``ends``), unless ``unless`` (words
    of scarcity, negation, need, future, modals) comes before the verb in its clause."""

    verbs: re.Pattern[str]
    unless: re.Pattern[str]
    ends: re.Pattern[str]


@dataclass(frozen=True, slots=True, kw_only=True)
class Construction:
    """A word of list ``first`` followed by one of list ``then`` at most ``within`` words
    later (0: anywhere later in the sentence)."""

    id: str
    first: str
    then: str
    within: int


@dataclass(frozen=True, slots=True, kw_only=True)
class Chain:
    """A word of each list of ``steps`` in turn, each at most ``within[i]`` words after a
    word of the step before (0: anywhere later); ``value`` is the feature's value when it
    fires."""

    id: str
    steps: tuple[str, ...]
    within: tuple[int, ...]
    value: float = 1.0


@dataclass(frozen=True, slots=True, kw_only=True)
class Cues:
    """Everything the detector reads besides the model: word lists, settings, scope."""

    lexicon: tuple[WordList, ...]
    constructions: tuple[Construction, ...] = ()
    #: word lists read by chains only (no features of their own)
    chain_lists: tuple[WordList, ...] = ()
    chains: tuple[Chain, ...] = ()
    sections: tuple[WordList, ...] = ()
    reference_headings: re.Pattern[str] | None = None
    contents_headings: re.Pattern[str] | None = None
    caption: re.Pattern[str] | None = None
    contents: re.Pattern[str] | None = None
    title_words: frozenset[str] = frozenset()
    threshold: float = 0.5
    encoder_share: float = 0.0
    encoder_floor: float = 0.0
    context_sentences: int = 2
    anaphora: tuple[re.Pattern[str], ...] = ()
    clause_breaks: re.Pattern[str] | None = None
    concessive: re.Pattern[str] | None = None
    #: words introducing a standard of comparison ("more than men")
    comparisons: re.Pattern[str] | None = None
    #: what research already covers ("most studies focus on X")
    covered: Covered | None = None
    #: where a sentence goes on to examples (", including ...")
    illustrations: re.Pattern[str] | None = None
    #: score the pieces of a sentence too (``statement_pieces``)
    read_pieces: bool = False
    include: tuple[re.Pattern[str], ...] = ()
    exclude: tuple[re.Pattern[str], ...] = ()
    fingerprint: str = ""


# -- loading ---------------------------------------------------------------------------------
def default_cues_text() -> str:
    """The text of the cue file shipped with litreview."""
    path = resources.files("litreview").joinpath("data", "gap_cues.yaml")
    return path.read_text(encoding="utf-8")


def cue_entries(names: Sequence[str], text: str | None = None) -> tuple[str, ...]:
    """The entries, as written, of the named word lists of the lexicon (and of
    ``concessive`` when named) in the shipped cue file, or in ``text``."""
    top = yaml.safe_load(text if text is not None else default_cues_text()) or {}
    lists = {**(top.get("lexicon") or {}), "concessive": top.get("concessive") or []}
    return tuple(str(e).lower() for name in names for e in lists.get(name, ()))


def default_cues() -> Cues:
    """The cues shipped with litreview."""
    return load_cues(default_cues_text(), "litreview/data/gap_cues.yaml")


def review_cues(own: tuple[str, str] | None) -> Cues:
    """A review's cues: the shipped ones with the settings of its own file ``(text, path)``."""
    cues = default_cues()
    if own is None:
        return cues
    text, path = own
    top = _mapping(_root(text, path), path, _REVIEW_KEYS)
    include = [*_patterns(top.get("include"), path), *_patterns(top.get("positive"), path)]
    exclude = [*_patterns(top.get("exclude"), path), *_patterns(top.get("negative"), path)]
    return replace(
        cues,
        threshold=_fraction(top.get("threshold"), path, cues.threshold),
        encoder_share=_fraction(top.get("encoder_share"), path, cues.encoder_share),
        read_pieces=flag(top.get("read_pieces"), path, cues.read_pieces),
        context_sentences=_count(top.get("context_sentences"), path, cues.context_sentences),
        anaphora=tuple(_regex(n, path) for n in _seq(top["anaphora"], path))
        if "anaphora" in top
        else cues.anaphora,
        include=tuple(include),
        exclude=tuple(exclude),
    )


def load_cues(text: str, path: str = "<string>") -> Cues:
    """Read a full cue file (the shipped one); a broken file raises InputError naming the line."""
    top = _mapping(_root(text, path), path, _SHIPPED_KEYS)
    if "lexicon" not in top:
        raise InputError("a cue file needs a 'lexicon' of word lists", path=path, line=1)
    lexicon = tuple(_wordlists(top["lexicon"], path))
    names = {w.name for w in lexicon}
    constructions = tuple(
        _construction(n, path, names) for n in _seq(top.get("constructions"), path)
    )
    chain_lists = tuple(_wordlists(top["chain_lists"], path)) if "chain_lists" in top else ()
    for key, _ in top["chain_lists"].value if chain_lists else ():
        if str(key.value) in names:
            raise InputError(
                f"chain list '{key.value}' is also a lexicon list", path=path, line=node_line(key)
            )
    chains = tuple(
        _chain(n, path, names | {w.name for w in chain_lists})
        for n in _seq(top.get("chains"), path)
    )
    sections = tuple(_wordlists(top["sections"], path)) if "sections" in top else ()
    return Cues(
        lexicon=lexicon,
        constructions=constructions,
        chain_lists=chain_lists,
        chains=chains,
        sections=sections,
        reference_headings=_heading_words(top.get("reference_headings"), path),
        contents_headings=_heading_words(top.get("contents_headings"), path),
        caption=_regex(top["caption"], path) if "caption" in top else None,
        contents=_regex(top["contents"], path) if "contents" in top else None,
        title_words=frozenset(str(n.value).lower() for n in _seq(top.get("title_words"), path)),
        threshold=_fraction(top.get("threshold"), path, 0.5),
        encoder_share=_fraction(top.get("encoder_share"), path, 0.0),
        encoder_floor=_fraction(top.get("encoder_floor"), path, 0.0),
        context_sentences=_count(top.get("context_sentences"), path, 2),
        anaphora=tuple(_regex(n, path) for n in _seq(top.get("anaphora"), path)),
        clause_breaks=_alternatives(top.get("clause_breaks"), path),
        concessive=_alternatives(top.get("concessive"), path, opener=True),
        comparisons=_alternatives(top.get("comparisons"), path),
        covered=_covered(top.get("covered"), path, lexicon),
        illustrations=_illustrations(top.get("illustrations"), path),
        read_pieces=flag(top.get("read_pieces"), path, False),
        fingerprint=_fingerprint(top),
    )


def _alternatives(
    node: yaml.Node | None, path: str, *, opener: bool = False
) -> re.Pattern[str] | None:
    """A list of regular expressions as one pattern, case ignored (``opener``: words that
    must open the text, as whole words); ``None`` when the list is absent or empty."""
    items = [_regex(n, path).pattern for n in _seq(node, path)]
    if not items:
        return None
    body = "|".join(f"(?:{i})" for i in items)
    return re.compile(rf"\W*(?:{body})\b" if opener else body, re.IGNORECASE)


def _covered(node: yaml.Node | None, path: str, lexicon: Sequence[WordList]) -> Covered | None:
    """The ``covered`` setting: its verbs, the lexicon lists and modals that undo it, and what
    ends it besides a clause break; ``None`` when absent."""
    if node is None:
        return None
    m = _mapping(node, path, _COVERED_KEYS)
    if "verbs" not in m:
        raise InputError("'covered' needs 'verbs'", path=path, line=node_line(node))
    lists = {w.name: w for w in lexicon}
    unless = []
    for n in _seq(m.get("unless"), path):
        if str(n.value) not in lists:
            raise InputError(f"unknown word list '{n.value}'", path=path, line=node_line(n))
        unless.append(lists[str(n.value)].pattern.pattern)
    modal = [str(n.value) for n in _seq(m.get("modal"), path)]
    if modal:
        unless.append(words_pattern(modal).pattern)
    ends = _alternatives(m.get("ends"), path)
    return Covered(
        verbs=words_pattern([str(n.value) for n in _seq(m["verbs"], path, required=True)]),
        unless=re.compile("|".join(f"(?:{u})" for u in unless) or NEVER.pattern, _FLAGS),
        ends=ends or NEVER,
    )


def _illustrations(node: yaml.Node | None, path: str) -> re.Pattern[str] | None:
    """The comma before any of the listed words ("..., including ..."); ``None`` when the
    list is absent or empty."""
    items = [str(n.value) for n in _seq(node, path)]
    if not items:
        return None
    return re.compile(r",\s+(?=" + words_pattern(items).pattern + ")", _FLAGS)


def _root(text: str, path: str) -> yaml.Node:
    """The YAML document's root node; bad YAML raises InputError with its line."""
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise InputError(
            f"bad YAML: {getattr(exc, 'problem', '') or 'not valid YAML'}",
            path=path,
            line=mark.line + 1 if mark is not None else None,
        ) from None
    if not isinstance(root, yaml.MappingNode):
        raise InputError("a cue file must be a mapping of settings", path=path, line=1)
    return root


def _fingerprint(top: dict[str, Any]) -> str:
    """A short hash of what the model's features depend on (lists, constructions, chains,
    sections)."""
    parts = []
    for key in ("lexicon", "constructions", "chain_lists", "chains", "sections"):
        node = top.get(key)
        parts.append(repr(yaml.safe_load(yaml.serialize(node))) if node is not None else "")
    return hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()[:12]


def _wordlists(node: yaml.Node, path: str) -> list[WordList]:
    """A mapping of name -> list of words, each compiled."""
    if not isinstance(node, yaml.MappingNode):
        raise InputError("expected a mapping of named word lists", path=path, line=node_line(node))
    out = []
    for key, value in node.value:
        words = [str(n.value) for n in _seq(value, path, required=True)]
        out.append(
            WordList(name=str(key.value), pattern=words_pattern(words), leads=word_leads(words))
        )
    return out


def words_pattern(words: list[str]) -> re.Pattern[str]:
    """One case-insensitive whole-word pattern for ``words`` (longest first; ``*`` = any
    ending; spaces and hyphens inside a phrase match any run of spaces or hyphens)."""
    alternatives = []
    for word in sorted(set(words), key=lambda w: (-len(w), w)):
        stem = word.rstrip("*")
        body = r"[\s\-]+".join(re.escape(part) for part in _PHRASE_GAP.split(stem.strip()))
        alternatives.append(body + (r"[\w\-]*" if word.endswith("*") else ""))
    return re.compile(r"(?<![\w\-])(?:" + _by_first_letter(alternatives) + r")(?![\w\-])", _FLAGS)


_LEAD = re.compile(r"[a-z]+")
_PHRASE_GAP = re.compile(r"[\s\-]+")  # between the words of a phrase, as words_pattern reads it
#: how many letters of a word's start a :class:`Leads`' ``stems`` keep
STEM_LETTERS = 8


@dataclass(frozen=True, slots=True)
class Leads:
    """Runs of letters (lower-cased ASCII ``[a-z]+``) that a match must begin with. For a
    word list: ``words``, the opening runs a match begins exactly (an entry whose first word
    is all letters, followed by another word or by nothing: ``lack of``, ``data``), and
    ``stems``, the first :data:`STEM_LETTERS` letters of the opening runs a match only
    begins with (``un*``, ``e.g.``). For a text: ``words``, its runs of letters, and
    ``stems``, the starts of each (one to :data:`STEM_LETTERS` letters)."""

    words: frozenset[str]
    stems: frozenset[str]

    def may_hold(self, entries: Leads) -> bool:
        """Whether this text has a run of letters that a match of ``entries`` can begin."""
        return not (self.words.isdisjoint(entries.words) and self.stems.isdisjoint(entries.stems))


def word_leads(words: list[str]) -> Leads | None:
    """How the entries of a word list open (:class:`Leads`): a match of
    :func:`words_pattern` begins a run of letters of the text, since a letter, a digit or a
    hyphen never stands before it. That run is an entry's opening run exactly when the
    entry's first word is all letters and what the pattern asks after it (a space or hyphen,
    or neither a letter nor a hyphen) ends a run; else it starts with it. ``None`` when an
    entry opens with anything but an ASCII letter, which this cannot say."""
    exact, stems = set(), set()
    for word in words:
        first, *rest = _PHRASE_GAP.split(word.rstrip("*").strip())
        lead = _LEAD.match(first.lower())
        if lead is None:
            return None
        run = lead.group(0)
        if run == first.lower() and (rest or not word.endswith("*")):
            exact.add(run)
        else:
            stems.add(run[:STEM_LETTERS])
    return Leads(frozenset(exact), frozenset(stems))


#: characters outside ASCII that a case-blind pattern matches to an ASCII letter (dotted and
#: dotless i, long s, the kelvin sign): a text holding one has no :func:`text_leads`
_FOLDS_TO_ASCII = re.compile("[\u0130\u0131\u017f\u212a]")


def text_leads(text: str) -> Leads | None:
    """The runs of letters of ``text``, lower-cased, and their starts (:class:`Leads`): a word
    list whose :func:`word_leads` the text cannot hold (:meth:`Leads.may_hold`) has no match
    in it. ``None`` for a text with a letter the case-blind patterns read as another
    (:data:`_FOLDS_TO_ASCII`)."""
    if _FOLDS_TO_ASCII.search(text):
        return None
    runs = frozenset(_LEAD.findall(text.lower()))
    return Leads(
        runs, frozenset(r[:n] for r in runs for n in range(1, min(len(r), STEM_LETTERS) + 1))
    )


def _by_first_letter(alternatives: list[str]) -> str:
    """The alternatives as one regular expression, grouped by their first letter
    (``l(?:ack|ittle)|d(?:ata)``) when each starts with an ASCII letter, each group in the
    order given: the same matches, since two groups never match at one place, but the
    regular expression engine tries one group where it tried every alternative (the cue
    lists are found 1.7 times as fast)."""
    if not all(a[:1].isascii() and a[:1].isalpha() for a in alternatives):
        return "|".join(alternatives)
    groups: dict[str, list[str]] = {}
    for a in alternatives:
        groups.setdefault(a[0].lower(), []).append(a[1:])
    return "|".join(f"{first}(?:{'|'.join(rest)})" for first, rest in groups.items())


def _heading_words(node: yaml.Node | None, path: str) -> re.Pattern[str] | None:
    """A pattern matching a heading that is exactly one of the listed phrases."""
    if node is None:
        return None
    words = [str(n.value) for n in _seq(node, path, required=True)]
    return re.compile(r"^\W*(?:" + words_pattern(words).pattern + r")\W*$", _FLAGS)


def _construction(node: yaml.Node, path: str, names: set[str]) -> Construction:
    """One construction; its lists must exist."""
    m = _mapping(node, path, _CONSTRUCTION_KEYS)
    if not {"id", "first", "then"} <= m.keys():
        raise InputError(
            "a construction needs 'id', 'first' and 'then'", path=path, line=node_line(node)
        )
    for key in ("first", "then"):
        if str(m[key].value) not in names:
            raise InputError(
                f"unknown word list '{m[key].value}'", path=path, line=node_line(m[key])
            )
    return Construction(
        id=str(m["id"].value),
        first=str(m["first"].value),
        then=str(m["then"].value),
        within=int(_number(m.get("within"), path, 0)),
    )


def _chain(node: yaml.Node, path: str, names: set[str]) -> Chain:
    """One chain; its lists must exist, with one ``within`` per step after the first."""
    m = _mapping(node, path, _CHAIN_KEYS)
    if not {"id", "steps"} <= m.keys():
        raise InputError("a chain needs 'id' and 'steps'", path=path, line=node_line(node))
    steps = _seq(m["steps"], path, required=True)
    for step in steps:
        if str(step.value) not in names:
            raise InputError(f"unknown word list '{step.value}'", path=path, line=node_line(step))
    within = [int(_number(n, path, 0)) for n in _seq(m.get("within"), path)]
    if len(within) != len(steps) - 1:
        raise InputError(
            f"a chain of {len(steps)} steps needs {len(steps) - 1} 'within' values",
            path=path,
            line=node_line(node),
        )
    return Chain(
        id=str(m["id"].value),
        steps=tuple(str(n.value) for n in steps),
        within=tuple(within),
        value=_number(m.get("value"), path, 1.0),
    )


def _patterns(node: yaml.Node | None, path: str) -> list[re.Pattern[str]]:
    """A list of patterns, each a string or a mapping with a ``pattern``."""
    out = []
    for item in _seq(node, path):
        if isinstance(item, yaml.MappingNode):
            m = _mapping(item, path, _PATTERN_KEYS)
            if "pattern" not in m:
                raise InputError("an entry needs a 'pattern'", path=path, line=node_line(item))
            item = m["pattern"]
        out.append(_regex(item, path))
    return out


def _regex(node: yaml.Node, path: str) -> re.Pattern[str]:
    """A scalar compiled as a case-insensitive regular expression."""
    if not isinstance(node, yaml.ScalarNode):
        raise InputError("expected a pattern", path=path, line=node_line(node))
    try:
        return re.compile(str(node.value), _FLAGS)
    except re.error as exc:
        raise InputError(f"bad pattern: {exc}", path=path, line=node_line(node)) from None


def _number(node: yaml.Node | None, path: str, default: float) -> float:
    """A numeric scalar (``default`` when absent)."""
    if node is None:
        return default
    try:
        if not isinstance(node, yaml.ScalarNode):
            raise ValueError
        return float(node.value)
    except ValueError:
        raise InputError("expected a number", path=path, line=node_line(node)) from None


def _fraction(node: yaml.Node | None, path: str, default: float) -> float:
    """A number from 0 to 1 (``default`` when absent)."""
    value = _number(node, path, default)
    if node is not None and not 0.0 <= value <= 1.0:
        raise InputError("expected a number from 0 to 1", path=path, line=node_line(node))
    return value


#: the most sentences back that "this", "these ..." may look (a paragraph's worth)
_MOST_CONTEXT = 20


def _count(node: yaml.Node | None, path: str, default: int) -> int:
    """A whole number from 0 to :data:`_MOST_CONTEXT` (``default`` when absent)."""
    value = _number(node, path, default)
    if node is not None and not (value.is_integer() and 0 <= value <= _MOST_CONTEXT):
        message = f"expected a whole number from 0 to {_MOST_CONTEXT}"
        raise InputError(message, path=path, line=node_line(node))
    return int(value)


def _mapping(node: yaml.Node, path: str, allowed: frozenset[str]) -> dict[str, Any]:
    """A mapping node as key -> node; unknown keys raise."""
    if not isinstance(node, yaml.MappingNode):
        raise InputError("expected a mapping (key: value)", path=path, line=node_line(node))
    out: dict[str, Any] = {}
    lines: dict[str, int | None] = {}
    for k, v in node.value:
        if str(k.value) not in allowed:
            known = ", ".join(sorted(allowed))
            raise InputError(
                f"unknown key '{k.value}' (expected one of {known})", path=path, line=node_line(k)
            )
        if str(k.value) in out:  # YAML would keep the last without a word
            raise InputError(
                f"'{k.value}' given twice (first at line {lines[str(k.value)]})",
                path=path,
                line=node_line(k),
            )
        lines[str(k.value)] = node_line(k)
        out[str(k.value)] = v
    return out


def _seq(node: yaml.Node | None, path: str, *, required: bool = False) -> list[yaml.Node]:
    """The items of a list node ([] when absent unless ``required``)."""
    if node is None and not required:
        return []
    if not isinstance(node, yaml.SequenceNode) or (required and not node.value):
        raise InputError("expected a non-empty list", path=path, line=node_line(node) or 1)
    return list(node.value)
