"""What litreview reads a document's own title, year and authors to be, against a person's
reading of its first page (``benchmarks/data/docmeta_gold.yaml``: the development documents,
the seeds and the fixture review's documents).

    python3 benchmarks/bench_docmeta.py [--show] [--formats docx html pdf txt]

Prints the share of titles and years read right (a title is right when it has the same
letters and digits as the gold one, case aside), the precision and recall of the authors'
family names over the documents whose first page names people, the time per document, and
with ``--show`` every document read wrong. ``--formats`` also scores the development set's
Markdown documents rendered by pandoc in those formats (``documents_render.py``, as
``bench_documents.py`` renders them), against the same gold.
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from litreview.corpus.ingest import stated_metadata
from litreview.extract.docmeta import DocMeta
from litreview.pipeline.ingest import document_source

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "benchmarks" / "data" / "docmeta_gold.yaml"


def letters(text: str) -> str:
    """Letters and digits of ``text``, lower case."""
    return "".join(re.findall(r"\w", text.casefold()))


def family(name: str) -> str:
    """A display name's family name: the part before a comma, else the last word."""
    name = name.strip()
    part = name.split(",")[0] if "," in name else (name.split() or [""])[-1]
    return letters(part)


def read(path: Path) -> DocMeta:
    """The metadata ``litreview ingest`` takes for the document at ``path``."""
    return stated_metadata(document_source(path))


def main() -> None:
    """Score every gold document and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--show", action="store_true", help="print every document read wrong")
    parser.add_argument("--formats", nargs="*", default=[], help="docx html pdf txt")
    args = parser.parse_args()
    gold = yaml.safe_load(GOLD.read_text("utf-8"))["documents"]
    cases = [((ROOT / g["path"]).resolve(), g) for g in gold]
    print(score(cases, "documents as they are", args.show))
    if args.formats:
        with tempfile.TemporaryDirectory() as tmp:
            for fmt in args.formats:
                print()
                print(score(rendered(gold, Path(tmp), fmt), f"rendered as {fmt}", args.show))


def rendered(gold: list[dict[str, Any]], out: Path, fmt: str) -> list[tuple[Path, dict[str, Any]]]:
    """The development set's Markdown documents rendered as ``fmt``, each with its gold."""
    from documents_render import render_all
    from documents_score import load_gold

    by_name = {Path(g["path"]).name: g for g in gold}
    docs = load_gold()
    (out / fmt).mkdir()
    files = render_all(docs, out / fmt, [fmt])
    names = {d["doc_id"]: Path(d["file"]).name for d in docs}
    return [(path, by_name[names[doc_id]]) for (doc_id, _), path in sorted(files.items())]


def score(cases: list[tuple[Path, dict[str, Any]]], what: str, show: bool) -> str:
    """The figures of ``cases`` (a file and its gold each), as lines to print."""
    titles = years = 0
    tp = fp = fn = 0
    n_people = 0
    seconds = 0.0
    wrong: list[str] = []
    for path, g in cases:
        start = time.perf_counter()
        meta = read(path)
        seconds += time.perf_counter() - start
        ok_title = letters(meta.title) == letters(g["title"])
        ok_year = meta.year == str(g["year"])
        titles += ok_title
        years += ok_year
        notes = []
        if not ok_title:
            notes.append(f"title {meta.title[:70]!r} (gold {g['title'][:70]!r})")
        if not ok_year:
            notes.append(f"year {meta.year!r} (gold {g['year']!r})")
        if g["authors"]:
            n_people += 1
            want = {family(a) for a in g["authors"]}
            got = {family(a) for a in meta.authors}
            tp += len(want & got)
            fp += len(got - want)
            fn += len(want - got)
            if want != got:
                notes.append(f"authors {list(meta.authors)[:4]} (gold {g['authors'][:4]})")
        if notes:
            wrong.append(f"{path.name}: " + "; ".join(notes))
    n = max(len(cases), 1)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    lines = [
        f"{what}: {len(cases)}",
        f"titles right: {titles}/{len(cases)} ({titles / n:.3f})",
        f"years right: {years}/{len(cases)} ({years / n:.3f})",
        f"authors (family names, {n_people} documents that name people): "
        f"P {precision:.3f} R {recall:.3f}",
        f"time: {1000 * seconds / n:.1f} ms per document (read and metadata)",
    ]
    return "\n".join(lines + (wrong if show else []))


if __name__ == "__main__":
    main()
