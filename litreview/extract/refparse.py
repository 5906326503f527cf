"""Parse free-text reference strings into CSL-JSON items.

A cascade in the manner of AnyStyle, CERMINE and GROBID: the text is made plain
(:mod:`.refparse_text`: Markdown, a "cited in" work cut off), a linear-chain CRF
(trained with python-crfsuite; the shipped weights, ``litreview/data/refparse.npz``, are the
mean of several models trained on different samples of the data) labels every token
(author, date, title, journal, volume, pages, publisher, location, url, ...), with the word
lists as
evidence (:mod:`.refparse_features`); per-field normalisers turn the labelled segments into
CSL fields (:mod:`.refparse_fields`); a small model picks the CSL type
(:mod:`.refparse_type`). Both models are trained by ``benchmarks/train_refparse.py``. No
rule changes the model's labels: a mistake is fixed with training data.

:func:`parse_reference` returns the item; :func:`parse_detailed` also returns the labelled
segments with their offsets (the evidence for every field) and warnings;
:func:`parse_many` and :func:`parse_detailed_many` tag many strings together
(:mod:`.refparse_batch`: the same labels, faster). A work named
after "cited in" is parsed too and returned in the item as
``"related": [{"relation": "cited-in", "item": {...}}]``.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Literal

import pycrfsuite

from litreview.core.bulk import gc_paused
from litreview.extract.refparse_batch import BatchTagger
from litreview.extract.refparse_features import (
    OFF,
    Token,
    encoded_features,
    sequence_parts,
    token_spans,
)
from litreview.extract.refparse_fields import Segment, fields_of_pieces, pieces_apart
from litreview.extract.refparse_legal import legal_fields
from litreview.extract.refparse_letters import letter_fields
from litreview.extract.refparse_norm import communication_type, genre_type, is_journal
from litreview.extract.refparse_text import Related, preprocess, split_related
from litreview.extract.refparse_type import TypeModel, fallback_type

__all__ = [
    "LABELS",
    "ParsedReference",
    "ReferenceParser",
    "canonical_label",
    "parse_detailed",
    "parse_detailed_many",
    "parse_many",
    "parse_reference",
    "preprocess",
]

LABELS = frozenset(
    [
        "author",
        "editor",
        "translator",
        "date",
        "title",
        "journal",
        "container",
        "collection",
        "publisher",
        "location",
        "volume",
        "pages",
        "url",
        "doi",
        "note",
        "genre",
        "edition",
        "isbn",
        "number",
        "citation-number",
    ]
)
"""The citation model's labels."""
_RENAME = {"container-title": "container", "collection-title": "collection"}
LINK_ONLY = "the reference gives only a link: the work has its URL and no title"
#: The characters of one reference the model reads: the longest of some 27,000 labelled
#: and real references is under 1,300, and the model's memory grows with the text (a
#: 1.3 MB "reference", a numbered list run together, took 890 MB).
MAX_REFERENCE_CHARS = 5_000
#: reference strings labelled together by :meth:`ReferenceParser.detailed_many` (their
#: tokens and features are held until the batch is tagged: some 8 KB a reference)
BATCH = 4_096
LONG = (
    f"the reference runs past {MAX_REFERENCE_CHARS:,} characters: "
    f"its fields are read from the first {MAX_REFERENCE_CHARS:,}"
)


def canonical_label(tag: str) -> str:
    """The model's label for a dataset tag (AnyStyle's and ours; rare tags become ``note``)."""
    tag = _RENAME.get(tag, tag)
    return tag if tag in LABELS else "note"


@dataclass(frozen=True, slots=True)
class ParsedReference:
    """One parsed reference: the CSL item, the text the model read, its labelled segments
    (offsets into ``text``), and warnings about what the reference does not say."""

    item: dict[str, Any]
    text: str
    segments: tuple[Segment, ...]
    warnings: tuple[str, ...] = field(default=())


def _segments(tokens: Sequence[Token], labels: Sequence[str], text: str) -> list[Segment]:
    """Consecutive tokens with one label joined into segments with offsets."""
    out: list[Segment] = []
    n = len(labels)
    first = 0
    for i in range(1, n + 1):
        if i == n or labels[i] != labels[first]:
            start, end = tokens[first].start, tokens[i - 1].end
            out.append(Segment(labels[first], text[start:end], start, end))
            first = i
    return out


class ReferenceParser:
    """The citation model and the type model, loaded once.

    ``exclude`` names feature groups the citation model was trained without
    (:data:`.refparse_features.GROUPS`; by default those of :data:`.refparse_features.OFF`);
    ``type_model`` may be ``None`` (fields decide). A genre that names a kind of document
    (``press release``, ``Ph.D. dissertation``: :func:`.refparse_norm.genre_type`) decides
    the type over either (``genres=False``: it does not). A conference paper or chapter
    whose container is the full title of a journal (:func:`.refparse_norm.is_journal`) and
    that gives a volume, issue or pages but no editor, publisher or ISBN is a journal
    article (``journals=False``: the model's type stays).
    A string the reporter table and the citation grammar read as a legal citation (a case,
    a code's section, a session law, a register's page) takes its fields from
    :func:`.refparse_legal.legal_fields` (``legal=False``: from the models alone); a letter,
    memorandum or e-mail cited by its parties and date, from
    :func:`.refparse_letters.letter_fields` (``letters=False``: from the models alone).
    """

    def __init__(
        self,
        model_path: str | Path,
        type_model: str | Path | None = None,
        *,
        exclude: Collection[str] = OFF,
        legal: bool = True,
        letters: bool = True,
        genres: bool = True,
        journals: bool = True,
    ) -> None:
        """Open the models: the citation model a crfsuite file or weights saved by
        :meth:`.refparse_batch.Weights.save` (``.npz``, read by the batch tagger alone);
        ``legal=False`` leaves the legal grammar out."""
        self._model_path = Path(model_path)
        self._tagger: pycrfsuite.Tagger | None = None
        # loaded by the first label_many (at once for saved weights, which only it reads)
        self._batch: BatchTagger | Literal[False] | None = None
        if self._model_path.suffix == ".npz":
            self._batch = BatchTagger(self._model_path)
        else:
            self._tagger = pycrfsuite.Tagger()
            self._tagger.open(str(model_path))
        self._types = TypeModel(type_model) if type_model else None
        self._exclude = frozenset(exclude)
        self._legal = legal
        self._letters = letters
        self._genres = genres
        self._journals = journals

    def label(self, text: str) -> list[Segment]:
        """The labelled segments of plain reference text."""
        tokens = token_spans(text)
        if not tokens:
            return []
        words = [t.text for t in tokens]
        if self._tagger is None:
            assert isinstance(self._batch, BatchTagger)
            labels = self._batch.tag_many([sequence_parts(words, self._exclude)])[0]
        else:
            labels = self._tagger.tag(encoded_features(words, self._exclude))
        return _segments(tokens, labels, text)

    def label_many(self, texts: Sequence[str]) -> list[list[Segment]]:
        """The labelled segments of every plain reference text, tagged side by side
        (:class:`.refparse_batch.BatchTagger`: crfsuite's labels, faster for many). The
        weights are read through a temporary file of crfsuite's; where none can be written,
        every text goes to crfsuite alone."""
        if self._batch is None:
            try:
                self._batch = BatchTagger(self._model_path)
            except OSError:
                self._batch = False
        if not isinstance(self._batch, BatchTagger):
            return self._label_each(texts)
        batch = self._batch
        spans = [token_spans(t) for t in texts]
        todo = [i for i, tokens in enumerate(spans) if tokens]
        parts = [sequence_parts([t.text for t in spans[i]], self._exclude) for i in todo]
        out: list[list[Segment]] = [[] for _ in texts]
        for i, labels in zip(todo, batch.tag_many(parts), strict=True):
            out[i] = _segments(spans[i], labels, texts[i])
        return out

    def _item(self, text: str, segments: list[Segment]) -> dict[str, Any]:
        """The item of plain text without a relation phrase, from its labelled segments."""
        legal = legal_fields(text) if self._legal else None
        if legal is not None:
            return legal
        letter = letter_fields(text) if self._letters else None
        if letter is not None:
            return letter
        pieces = pieces_apart(segments)
        item = fields_of_pieces(pieces)
        if self._types is not None:
            item["type"] = self._types.predict(pieces, item)
        else:
            item["type"] = fallback_type(item)
        if self._journals and _in_journal(item):
            item["type"] = "article-journal"
        named = genre_type(item["genre"]) if isinstance(item.get("genre"), str) else None
        if named is None and isinstance(item.get("title"), str) and not _PUBLISHED & set(item):
            named = communication_type(item["title"])  # "Interview with a police official"
        if named is not None and self._genres:
            item["type"] = named
        return item

    def detailed(self, raw: str) -> ParsedReference:
        """Parse one reference string with its evidence; an empty item for a blank one."""
        return self._detailed_batch([raw], self._label_each)[0]

    def _label_each(self, texts: Sequence[str]) -> list[list[Segment]]:
        """:meth:`label` of every text, one by one (crfsuite: faster for a few)."""
        return [self.label(t) for t in texts]

    def detailed_many(
        self,
        raws: Sequence[str],
        *,
        labeller: Callable[[Sequence[str]], list[list[Segment]]] | None = None,
    ) -> list[ParsedReference]:
        """:meth:`detailed` of every string, in order, their texts labelled together,
        :data:`BATCH` at a time (``labeller``: a labeller of many texts, by default
        :meth:`label_many`), with the cyclic garbage collector paused (parsing makes no
        reference cycles, and the collector's walks over a batch's objects took a fifth of
        the time)."""
        out: list[ParsedReference] = []
        with gc_paused():
            for start in range(0, len(raws), BATCH):
                batch = raws[start : start + BATCH]
                out += self._detailed_batch(batch, labeller or self.label_many)
        return out

    def _detailed_batch(
        self, raws: Sequence[str], labeller: Callable[[Sequence[str]], list[list[Segment]]]
    ) -> list[ParsedReference]:
        """:meth:`detailed_many` of one batch."""
        texts = [preprocess(raw) for raw in raws]
        cut = [split_related(_cut(text)) for text in texts]
        wanted = []  # per string: where its head and its related work are among the labelled
        to_label: list[str] = []
        for head, related in cut:
            at: list[int] = []
            if head.strip():
                at.append(len(to_label))
                to_label.append(head)
                if related is not None and related.text:
                    at.append(len(to_label))
                    to_label.append(related.text)
            wanted.append(at)
        segmented = labeller(to_label)
        return [
            self._parsed(text, head, related, [segmented[i] for i in at])
            for text, (head, related), at in zip(texts, cut, wanted, strict=True)
        ]

    def _parsed(
        self, text: str, head: str, related: Related | None, segmented: list[list[Segment]]
    ) -> ParsedReference:
        """One parsed reference from its text and its labelled head (and related work)."""
        if not segmented:
            return ParsedReference({}, text, ())
        item = self._item(head, segmented[0])
        if related is not None and len(segmented) > 1:
            other = self._item(related.text, segmented[1])
            item["related"] = [{"relation": related.relation, "item": other}]
        named = ("title", "author", "editor", "container-title", "publisher", "DOI")
        link_only = bool(item.get("URL")) and not any(item.get(k) for k in named)
        warnings = (LINK_ONLY,) * link_only + (LONG,) * (len(text) > MAX_REFERENCE_CHARS)
        return ParsedReference(item, text, tuple(segmented[0]), warnings)

    def parse(self, raw: str) -> dict[str, Any]:
        """One CSL-JSON item (no ``id``); ``{}`` for a blank string."""
        return self.detailed(raw).item


#: the fields of a published work: a title describing a communication in a reference with
#: one is a published interview's or letter's, or a book's ("Letter to the editor" in a
#: journal, "Letter to a Christian Nation" from a publisher), typed by the model
_PUBLISHED = frozenset(
    {"container-title", "collection-title", "publisher", "publisher-place", "ISBN", "edition"}
)
#: the types a journal's name as container overrules, and what says a container is a book's
_NOT_SERIAL_TYPES = frozenset({"paper-conference", "chapter"})
_BOOK_FIELDS = ("editor", "publisher", "ISBN")
_LOCATORS = ("volume", "issue", "page")


def _in_journal(item: dict[str, Any]) -> bool:
    """Whether a reference typed a conference paper or chapter is an article of the journal
    its container names: a volume, issue or pages, no editor, publisher or ISBN."""
    container = item.get("container-title")
    return (
        item.get("type") in _NOT_SERIAL_TYPES
        and isinstance(container, str)
        and any(item.get(k) for k in _LOCATORS)
        and not any(item.get(k) for k in _BOOK_FIELDS)
        and is_journal(container)
    )


def _cut(text: str) -> str:
    """``text`` up to :data:`MAX_REFERENCE_CHARS`, cut between words where it runs on."""
    if len(text) <= MAX_REFERENCE_CHARS:
        return text
    space = text.rfind(" ", MAX_REFERENCE_CHARS - 200, MAX_REFERENCE_CHARS)
    return text[: space if space > 0 else MAX_REFERENCE_CHARS]


def _data(name: str) -> Path:
    """A file shipped in ``litreview/data``."""
    return Path(str(resources.files("litreview").joinpath("data", name)))


@lru_cache(maxsize=1)
def _default_parser() -> ReferenceParser:
    """The parser with the models shipped in the package (loaded once)."""
    return ReferenceParser(_data("refparse.npz"), _data("refparse_type.crfsuite"))


def parse_reference(raw: str) -> dict[str, Any]:
    """Parse one reference string into a CSL-JSON item (no ``id``); ``{}`` if blank."""
    return _default_parser().parse(raw)


def parse_detailed(raw: str) -> ParsedReference:
    """Parse one reference string: item, labelled segments with offsets, warnings."""
    return _default_parser().detailed(raw)


def parse_detailed_many(raws: Sequence[str]) -> list[ParsedReference]:
    """:func:`parse_detailed` of many reference strings, in order, tagged together."""
    return _default_parser().detailed_many(raws)


def parse_many(raws: Sequence[str]) -> list[dict[str, Any]]:
    """Parse many reference strings (models loaded once, tagged together), in order."""
    return [parsed.item for parsed in parse_detailed_many(raws)]
