"""What the register, briefs and map say about sources: document titles, formatted citations,
the evidence that makes each work cover a value, and the words naming each gap's values."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from litreview.core.model import Document, Mention, Tag
from litreview.gaps.attribution import Backing
from litreview.gaps.coverage import evidence_kind
from litreview.gaps.gap import Gap, counted_shares
from litreview.gaps.index import GapSettings
from litreview.taxonomy import Labels

__all__ = [
    "SOURCE_WORDS",
    "GapContext",
    "counted_share",
    "evidence_words",
    "mention_words",
    "where",
]

#: how a mention's source is said
SOURCE_WORDS = {
    "statement": "",
    "antecedent": "in the sentence before",
    "heading": "in the section heading",
}
#: how a tag's evidence is said
_KIND_WORDS = {
    "field": "its {field}",
    "curator": "a curator",
    "context:sentence": "the sentence citing it",
    "context:heading": "the heading it is cited under",
}


@dataclass(frozen=True, slots=True, kw_only=True)
class GapContext:
    """Everything besides the gaps that their renderings name.

    ``documents``: doc_id -> Document; ``citations``: work key -> formatted citation;
    ``evidence``: (work, facet, value) -> the tag that best shows why the work has the value;
    ``settings``: the numbers the scores were computed with (for the legend; None: the
    packaged ones).
    """

    labels: Labels
    documents: Mapping[str, Document] = field(default_factory=dict)
    citations: Mapping[str, str] = field(default_factory=dict)
    evidence: Mapping[tuple[str, str, str], Tag] = field(default_factory=dict)
    settings: GapSettings | None = None

    def value(self, facet: str, value: str) -> str:
        """A value's label."""
        return self.labels.value(facet, value)

    def doc_title(self, doc_id: str) -> str:
        """A document's title, or its id when it has none."""
        doc = self.documents.get(doc_id)
        return doc.title if doc is not None and doc.title else doc_id

    def citation(self, key: str) -> str:
        """A work's formatted citation (its key when none was made)."""
        return self.citations.get(key) or key

    def shared(self, key: str, gap: Gap) -> list[tuple[str, str]]:
        """The values of ``gap``'s cell that work ``key`` covers."""
        return [(f, v) for f, v in gap.cell if (key, f, v) in self.evidence]


def mention_words(b: Backing, ctx: GapContext) -> list[str]:
    """Per value of the backing's words: ``Label: “words”`` (and where, when not in the
    sentence), in cell order, each distinct quote once."""
    out: list[str] = []
    seen: dict[tuple[str, str], list[Mention]] = {}
    for m in b.mentions:
        seen.setdefault((m.facet, m.value), []).append(m)
    for (f, v), ms in seen.items():
        quotes: list[str] = []
        for m in ms:
            q = f"“{' '.join(m.quote.split())}”" + (
                f" ({SOURCE_WORDS[m.source]})" if SOURCE_WORDS.get(m.source) else ""
            )
            if q not in quotes:
                quotes.append(q)
        out.append(f"{ctx.value(f, v)}: {', '.join(quotes)}")
    return out


def evidence_words(t: Tag, ctx: GapContext) -> str:
    """Why a work has a value: ``“quote” (its title)`` or ``“quote” (the sentence citing it,
    Document title)``."""
    kind = evidence_kind(t)
    parts = t.source.split(":")
    named = parts[2] if kind == "field" and parts[0] == "rule" and len(parts) > 2 else ""
    said = _KIND_WORDS.get(kind, t.source).format(field=named or t.evidence.field or "fields")
    if t.evidence.doc_id:
        said += f", {ctx.doc_title(t.evidence.doc_id)}"
    return f"“{' '.join(t.evidence.quote.split())}” ({said})"


def where(doc_id: str, section: str, ctx: GapContext) -> str:
    """A statement's place in words: the document's title and the section."""
    return ctx.doc_title(doc_id) + (f", section “{section}”" if section else "")


def statement_words(b: Backing) -> Sequence[tuple[int, int]]:
    """The offsets, in the statement's quote, of the backing's words inside the sentence."""
    s = b.statement
    return [
        (m.char_start - s.char_start, m.char_end - s.char_start)
        for m in b.mentions
        if s.char_start <= m.char_start and m.char_end <= s.char_end
    ]


def counted_share(g: Gap, b: Backing) -> float:
    """How much of the statement of ``b`` ``g``'s score counts: 1 all of it, 0 none (a higher
    gap on a wider or narrower cell counts it), between: the part such a gap left."""
    return dict(zip(g.counted, counted_shares(g), strict=True)).get(b.statement, 0.0)
