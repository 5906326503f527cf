"""Benchmark: titles in quotes, italics or links, in the notes of real documents.

    python3 benchmarks/bench_quoted_titles.py [--model FILE] [--types FILE] [--exclude G,...]

Notes cite reports and articles with the title quoted (``GITOC (2021), ‘Global Organised
Crime Index 2021’, Global Initiative ...``; ``Author, “Title,” Outlet``; ``*Title*``;
``[Title](url)``), and a model may run the title on past its closing quote into what
follows. The reference strings of the notes and reference lists of the seeds
(``../shared/seeds``), the shared documents' Markdown, the labelled documents of
``benchmarks/statements/docs`` and the Markdown of ``benchmarks/documents_styles`` are read
as ingest reads them (:func:`scan_text`); a string is kept when, made plain as the parser
makes it, it holds a span in a matching pair of quotes of two words or more, opening within
its first 160 characters after at most ten words (the author and date, not a sentence about
something). The title is counted right when it is the
quoted text (case, accents and punctuation aside). About 30 of the kept strings quote
something that is not their title; they count wrong for every model alike, so the figure
compares models, it is not an accuracy. ``refparse_data/AVERAGED.md`` quotes it.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from refparse_documents import fold

from litreview.corpus.ingest_works import clean_reference
from litreview.extract.document import scan_text
from litreview.extract.refparse import ReferenceParser, _data
from litreview.extract.refparse_features import OFF
from litreview.extract.refparse_text import preprocess

SHARED = ROOT.parent / "shared"
_QUOTED = re.compile(r"(?:^|(?<=[\s(]))([“‘\"'])([^“”‘’\"]{6,250}?)([”’\"'])(?=[\s,.;:)]|$)")
_PAIRS = {"“": "”", "‘": "’", '"': '"', "'": "'"}
_SENTENCE = re.compile(r"\b(?:see|according|based|for example|noting)\b", re.IGNORECASE)


def documents() -> dict[str, str]:
    """The texts read: the seeds, the shared documents' Markdown, the labelled documents."""
    paths = sorted((SHARED / "seeds").glob("*.txt"))
    paths += sorted((SHARED / "benchmarks" / "documents" / "docs").glob("*.md"))
    paths += sorted((ROOT / "benchmarks" / "statements" / "docs").glob("*.md"))
    paths += sorted((ROOT / "benchmarks" / "documents_styles" / "docs").glob("*.md"))
    return {p.stem: p.read_text(encoding="utf-8") for p in paths}


def quoted_title(raw: str) -> str | None:
    """The quoted text a reference string opens with as its title, or ``None``."""
    text = preprocess(clean_reference(raw))
    m = _QUOTED.search(text)
    if not m or _PAIRS[m.group(1)] != m.group(3) or m.start() > 160:
        return None
    before = text[: m.start()]
    if len(before.split()) > 10 or _SENTENCE.search(before):
        return None
    title = m.group(2).strip().rstrip(",.;:").strip()
    return title if len(title.split()) >= 2 else None


def cases() -> list[tuple[str, str, str]]:
    """(document, reference string, quoted title) of every kept string, each string once."""
    out, seen = [], set()
    for doc, text in documents().items():
        scanned = scan_text(text, doc)
        raws = [r.raw for r in scanned.rows if r.parse] + [e.raw for e in scanned.entries]
        for raw in raws:
            raw = raw.strip()
            if raw in seen or len(raw) > 400:
                continue
            seen.add(raw)
            title = quoted_title(raw)
            if title:
                out.append((doc, raw, title))
    return out


def main() -> None:
    """Print the count right, overall and per kind of document."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--model", default=str(_data("refparse.npz")))
    ap.add_argument("--types", default=str(_data("refparse_type.crfsuite")))
    ap.add_argument("--exclude", default="", help="feature groups the model was trained without")
    args = ap.parse_args()
    exclude = set(OFF) | {g for g in args.exclude.split(",") if g}
    parser = ReferenceParser(args.model, args.types, exclude=exclude)
    found = cases()
    items = parser.detailed_many([clean_reference(raw) for _, raw, _ in found])
    right: Counter[str] = Counter()
    total: Counter[str] = Counter()
    for (doc, _, title), parsed in zip(found, items, strict=True):
        kind = "seeds" if doc[:3].isdigit() else doc.split("-")[0]
        total[kind] += 1
        right[kind] += fold(parsed.item.get("title")) == fold(title)
    n, k = sum(total.values()), sum(right.values())
    print(f"quoted titles right: {k} of {n} ({k / n:.3f})" if n else "no quoted titles found")
    for kind in sorted(total):
        print(f"  {kind}: {right[kind]} of {total[kind]}")


if __name__ == "__main__":
    main()
