"""The reference parser's training data: labelled records -> CRF sequences, and the type set.

Sources (``refparse_data/DATA_SOURCES.md``): AnyStyle's core set, GROBID's citation corpus,
synthetic renderings of real records (``refparse_synth.py``) and, in cross-validation, the
training folds of the benchmark's gold set. Records whose text is also in a held-out set
are dropped (:func:`training_records`).
"""

from __future__ import annotations

import json
import random
import re
import sys
from collections.abc import Collection, Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from litreview.extract.gazetteer import word_tags
from litreview.extract.refparse import canonical_label
from litreview.extract.refparse_fields import Segment, build_fields
from litreview.extract.refparse_type import type_features

HERE = Path(__file__).resolve().parent
DATA = HERE / "refparse_data"
BENCH = ROOT.parent / "shared" / "benchmarks" / "refparse"
SYNTH_TRAIN = HERE / "out" / "synth_train.jsonl"
SYNTH_NOTES = HERE / "out" / "synth_notes.jsonl"
SYNTH_REPORTS = HERE / "out" / "synth_reports.jsonl"
SYNTH_TITLE_FIRST = HERE / "out" / "synth_title_first.jsonl"
# renderings of refparse_data/body_records.jsonl (refparse_synth.py --bodies), in all the
# training styles and in note styles only (BODY_RECORDS.md)
SYNTH_BODIES = HERE / "out" / "synth_bodies.jsonl"
SYNTH_BODY_NOTES = HERE / "out" / "synth_body_notes.jsonl"


def load(path: Path) -> list[dict]:
    """The records of a JSONL file."""
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def sequence(record: dict) -> tuple[list[str], list[str]]:
    """The tokens of a labelled record and the model label of each."""
    tokens: list[str] = []
    labels: list[str] = []
    for tag, text in record["labels"]:
        toks = text.split()
        tokens += toks
        labels += [canonical_label(tag)] * len(toks)
    return tokens, labels


def segments(record: dict) -> list[Segment]:
    """The labelled segments of a record, with offsets into its ``raw`` text."""
    out, pos = [], 0
    for tag, text in record["labels"]:
        start = record["raw"].find(text, pos)
        start = pos if start < 0 else start
        out.append(Segment(canonical_label(tag), text, start, start + len(text)))
        pos = start + len(text)
    return out


def quote_variant(tokens: list[str], labels: list[str], rng: random.Random) -> list[str] | None:
    """The tokens with a “double-quoted” title in other quotes (footnotes often use ‘…’
    and '…', the public sets seldom), or ``None`` when the title is not quoted so."""
    if "title" not in labels or not tokens[labels.index("title")].startswith("“"):
        return None
    left, right = rng.choice((("‘", "’"), ("'", "'"), ('"', '"')))
    return [
        t.replace("“", left).replace("”", right) if lab == "title" else t
        for t, lab in zip(tokens, labels, strict=True)
    ]


_NOT_A_NAME = re.compile(r"[\d()\[\];]")
_SMALL = frozenset({"of", "and", "for", "the", "on", "in", "&", "de", "du", "des", "la", "et"})


def _lead_body(tokens: list[str], labels: list[str]) -> tuple[int, int] | None:
    """The token span of the author that opens a sequence (after a citation number) when it
    is a body: two to eight words, one of them an organisation word, no initials, digits,
    brackets or semicolons; else ``None``."""
    k = 1 if labels and labels[0] == "citation-number" else 0
    end = k
    while end < len(labels) and labels[end] == "author":
        end += 1
    name = tokens[k:end]
    if not 2 <= len(name) <= 8:
        return None
    if any(_INITIAL.fullmatch(t.rstrip(",")) or _NOT_A_NAME.search(t) for t in name):
        return None
    if not any("org" in word_tags(t) for t in name):
        return None
    return k, end


def acronym_variant(tokens: list[str], labels: list[str]) -> tuple[list[str], list[str]] | None:
    """The sequence with the body that opens it followed by its acronym in brackets, as
    reports name their authors (``Environmental Protection Agency (EPA). 2004.``): the
    acronym is the initials of the body's capitalised words; the author label covers it.
    ``None`` unless the first field is an author that is a body: two to eight words, one of
    them an organisation word, no initials, digits, brackets or semicolons, the last ending
    with a stop or a comma."""
    span = _lead_body(tokens, labels)
    if span is None:
        return None
    k, end = span
    name = tokens[k:end]
    if name[-1][-1:] not in ".," or len(name[-1]) < 2:
        return None  # a lone stop or comma as the last token would leave an empty one
    words = [t.strip(".,;:()") for t in name]
    letters = "".join(w[0] for w in words if w[:1].isupper() and w.lower() not in _SMALL)
    if not 2 <= len(letters) <= 6 or not letters.isalpha():
        return None
    last, mark = name[-1][:-1], name[-1][-1]
    added = [*tokens[: end - 1], last, f"({letters}){mark}", *tokens[end:]]
    return added, [*labels[:end], "author", *labels[end:]]


def acronym_alone_variant(
    tokens: list[str], labels: list[str]
) -> tuple[list[str], list[str]] | None:
    """The sequence with the body that opens it named by its acronym alone, as many
    reference lists name a body they cite often (``WHO. Title. Geneva: ...``, ``EPA, 2004,``):
    the initials of :func:`acronym_variant`, with the name's closing stop or comma, labelled
    author. ``None`` where :func:`acronym_variant` makes none."""
    span = _lead_body(tokens, labels)
    if span is None or acronym_variant(tokens, labels) is None:
        return None
    k, end = span
    words = [t.strip(".,;:()") for t in tokens[k:end]]
    letters = "".join(w[0] for w in words if w[:1].isupper() and w.lower() not in _SMALL)
    mark = tokens[end - 1][-1]
    return [*tokens[:k], f"{letters}{mark}", *tokens[end:]], [*labels[:k], "author", *labels[end:]]


_YEAR = re.compile(r"(?<!\d)(1[89]\d\d|20\d\d)(?!\d)")
_TAIL = re.compile(r"\W*$")
_INITIALS = re.compile(r"[A-Z]{1,3}[.,;]?")


def edition_year_variant(
    tokens: list[str], labels: list[str], rng: random.Random
) -> tuple[list[str], list[str]] | None:
    """The sequence with its year also in its title, as bodies title the editions of their
    yearly reports and indexes (``World Development Report 2019: The Changing Nature of
    Work``, ``Global Organised Crime Index 2021``): the year of the date field, labelled
    title, put before the title's first colon or at its end, after a comma one time in four.
    ``None`` unless the sequence opens with a body (:func:`_lead_body`), has one run of
    title tokens holding no year, a date holding one, and something else between the title
    and a date right after it (a title followed by its date, ``Title. (2018).``, is left as
    it is: with variants of it the model read such a date into the title)."""
    span = _lead_body(tokens, labels)
    if span is None or "title" not in labels:
        return None
    if sum(bool(_INITIALS.fullmatch(t)) for t in tokens[span[0] : span[1]]) > 1:
        return None  # people's names with initials ("Chu S, Noonan B, Trust TJ."), no body
    first = labels.index("title")
    end = first
    while end < len(labels) and labels[end] == "title":
        end += 1
    if "title" in labels[end:] or any(_YEAR.search(t) for t in tokens[first:end]):
        return None
    if end < len(labels) and labels[end] == "date":
        return None  # "Title 2019. (2019)." is rare, and it taught a title to take its date
    year = next(
        (
            m.group(1)
            for t, lab in zip(tokens, labels, strict=True)
            if lab == "date"
            for m in [_YEAR.search(t)]
            if m
        ),
        None,
    )
    if year is None:
        return None
    at = next((i for i in range(first, end - 1) if tokens[i].endswith(":")), end - 1)
    word = tokens[at]
    head = _TAIL.sub("", word)
    tail = word[len(head) :]
    if not head or any(c in tail for c in ")]"):
        return None  # no word to attach the year to, or a bracket it would fall inside
    comma = rng.random() < 0.25
    inserted = [f"{head}," if comma else head, f"{year}{tail}"]
    return (
        [*tokens[:at], *inserted, *tokens[at + 1 :]],
        [*labels[:at], "title", "title", *labels[at + 1 :]],
    )


def sentence_case_variant(tokens: list[str], labels: list[str]) -> list[str] | None:
    """The tokens with the body that opens the sequence written in sentence case, as bodies
    are named in French, Spanish, Italian or Portuguese and by many writers (``Ministère des
    transports``, ``Institut national de la statistique``): every capitalised word of the
    body after its first lower-cased, but an acronym or a place (``Office of public works,
    Canada``). The labels stay. ``None`` unless the sequence opens with a body
    (:func:`_lead_body`) that has such a word."""
    span = _lead_body(tokens, labels)
    if span is None:
        return None
    k, end = span
    out = list(tokens)
    for i in range(k + 1, end):
        word = tokens[i].strip(".,;:")
        if not word[:1].isupper() or word[1:2].isupper() or "place" in word_tags(word):
            continue
        out[i] = tokens[i][:1].lower() + tokens[i][1:]
    return out if out != tokens else None


_INITIAL = re.compile(r"[A-Z]\.(-?[A-Z]\.)*")
_ENDS = ".,;"


def punct_variant(
    tokens: list[str],
    labels: list[str],
    rng: random.Random,
    fields: Collection[str] | None = None,
) -> list[str] | None:
    """The tokens with some of their punctuation gone, as writers and the grey strings drop
    it: each stop, comma or semicolon that ends a field (not an initial's) with chance one
    half, and each comma inside a date (``(2010, March 17)`` -> ``(2010 March 17)``); only
    at the ends of ``fields`` if given. The labels stay. ``None`` when nothing was dropped."""
    out = list(tokens)
    for i, (tok, lab) in enumerate(zip(tokens, labels, strict=True)):
        if fields is not None and lab not in fields:
            continue
        ends_field = i + 1 == len(tokens) or labels[i + 1] != lab
        droppable = len(tok) > 1 and tok[-1] in _ENDS and not _INITIAL.fullmatch(tok)
        cut = droppable and (ends_field or (lab == "date" and tok[-1] == ","))
        if cut and rng.random() < 0.5:
            out[i] = tok[:-1]
    return out if out != tokens else None


def training_records(
    *,
    n_grobid: int,
    n_synth: int,
    seed: int,
    held_out: Iterable[str],
    core: bool = True,
    n_notes: int = 0,
    n_links: int = 0,
    n_reports: int = 0,
    n_title_first: int = 0,
    n_bodies: int = 0,
    lead_authors: bool = True,
    exact_held_out: bool = False,
) -> list[dict]:
    """AnyStyle core, ``n_grobid`` GROBID, ``n_synth`` synthetic records, ``n_notes``
    synthetic footnotes of note styles (seeded samples), ``n_links`` link-only
    references (:func:`link_only_records`), ``n_reports`` renderings of agency reports and
    ``n_title_first`` of unsigned grey records cited by title and ``n_bodies`` of bodies'
    reports and web pages (:func:`oversample`), without
    any whose text is in ``held_out`` (compared as :func:`text_key`, so a copy that
    differs in a dash or a space is left out too; ``exact_held_out``: compared as they
    are, the recipe before that). ``lead_authors``: GROBID's bodies that open a reference
    are its authors (:func:`lead_body_author`)."""
    rng = random.Random(seed)
    grobid = load(DATA / "grobid.jsonl")
    if lead_authors:
        grobid = [lead_body_author(r) for r in grobid]
    synth = load(SYNTH_TRAIN) if n_synth else []
    notes = load(SYNTH_NOTES) if n_notes else []
    out = load(DATA / "anystyle_core.jsonl") if core else []
    out += rng.sample(grobid, min(n_grobid, len(grobid)))
    out += rng.sample(synth, min(n_synth, len(synth)))
    out += rng.sample(notes, min(n_notes, len(notes)))
    out += link_only_records(n_links, seed)
    if n_reports:
        out += oversample(load(SYNTH_REPORTS), n_reports, seed)
    if n_title_first:
        out += oversample(load(SYNTH_TITLE_FIRST), n_title_first, seed, "title-first")
    if n_bodies:
        pool = load(SYNTH_BODIES) + load(SYNTH_BODY_NOTES)
        out += oversample(pool, n_bodies, seed, "bodies")
    if exact_held_out:
        skip = set(held_out)
        return [r for r in out if r["raw"] not in skip]
    keys = {text_key(t) for t in held_out}
    return [r for r in out if text_key(r["raw"]) not in keys]


def text_key(text: str) -> str:
    """A reference's text as held-out sets are matched: letters and digits, lower-cased."""
    return "".join(ch for ch in text.lower() if ch.isalnum())


_BODY_FOLLOWERS = frozenset({"date", "title", "author"})


def lead_body_author(record: dict) -> dict:
    """The record with a ``publisher`` that opens it (after a citation number) labelled
    ``author`` when a date, title or author follows it.

    GROBID's converter (``make_refparse_data.py``) gives an ``orgName`` the publisher's
    tag wherever it stands; a body named before the date and title is the work's author,
    as AnyStyle's sets and the benchmark label it. A publisher before a journal (a
    masthead: ``ELSEVIER Surface Science 370``) stays a publisher."""
    labels = record["labels"]
    k = 1 if labels and labels[0][0] == "citation-number" else 0
    if len(labels) <= k + 1 or labels[k][0] != "publisher":
        return record
    if labels[k + 1][0] not in _BODY_FOLLOWERS:
        return record
    new = [list(pair) for pair in labels]
    new[k][0] = "author"
    return {**record, "labels": new}


def oversample(pool: list[dict], n: int, seed: int, name: str = "reports") -> list[dict]:
    """``n`` distinct records of ``pool`` (all of it when it holds fewer), a sample seeded
    apart from the other sources' (by ``name``) so that adding them leaves those draws as
    they were."""
    return random.Random(f"{name}-{seed}").sample(pool, min(n, len(pool)))


_LINK_FORMS = (
    "{url}",
    "{url}.",
    "Available at: {url}",
    "Available from {url}.",
    "{url} (accessed {date}).",
)


def link_only_records(n: int, seed: int) -> list[dict]:
    """``n`` references that are only a link, the way notes give them (bare, "Available
    at:", with an access date), built from the URLs of the real records: the work has a URL
    and nothing else the parser may invent."""
    rng = random.Random(seed)
    urls = sorted({r["URL"] for r in load(DATA / "records.jsonl") if r.get("URL")})
    out = []
    for k, url in enumerate(rng.sample(urls, min(n, len(urls)))):
        form = rng.choice(_LINK_FORMS)
        head, _, tail = form.partition("{url}")
        labels = [["url", (head + url).strip()]]
        if tail.strip() == ".":
            labels = [["url", (head + url + ".").strip()]]
        elif tail.strip():
            month = rng.choice(("May", "June", "March"))
            date = f"{rng.randint(1, 28)} {month} 20{rng.randint(10, 24)}"
            labels = [*labels, ["note", tail.format(date=date).strip()]]
        raw = " ".join(t for _, t in labels)
        out.append({"id": f"link-{k}", "raw": raw, "labels": labels})
    return out


def held_out_texts() -> set[str]:
    """Raw texts of every benchmark set the model must not see (gold, grey, synthetic
    held-out, the real journal references of ``make_jats_refs.py``)."""
    names = [BENCH / "anystyle_gold.jsonl", BENCH / "anystyle_grey.jsonl"]
    names += [DATA / "synth_heldout.jsonl", DATA / "plos_mixed.jsonl"]
    return {r["raw"] for name in names for r in load(name)}


def type_examples(records: Iterable[dict]) -> list[tuple[list[str], str]]:
    """``(features, type)`` of every record that knows its type (the synthetic ones)."""
    out = []
    for rec in records:
        csl_type = (rec.get("meta") or {}).get("type")
        if csl_type:
            segs = segments(rec)
            out.append((type_features(segs, build_fields(segs)), csl_type))
    return out
