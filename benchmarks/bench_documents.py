"""Benchmark: notes, reference lists and in-text citations of real documents, in every format.

Reads the development set in ``../shared/benchmarks/documents`` (8 real documents in
footnote, endnote, numeric and author-year styles, with hand-made gold: see its README) and
scores :func:`litreview.extract.document.scan_text` on the text litreview reads from each
document in each format:

* ``md`` - the Markdown as published in the set (the GAO reports keep their notes as
  numbered paragraphs or an endnote list);
* ``pdf`` - the original PDF where the set has one (real page-foot notes), else the Markdown
  rendered by pandoc and pdfLaTeX (real page-foot notes);
* ``docx`` - rendered by pandoc (real Word footnotes);
* ``txt`` - pandoc's plain text, notes as an endnote list;
* ``html`` - pandoc's HTML5 page, notes linked within it (a footnotes section);
* ``rtf`` (only when named in ``--formats``) - pandoc's RTF, read back through pandoc.

For the renderings, the notes of the GAO Markdown are first turned into real Markdown
footnotes (:mod:`documents_render`). Prints one table per document and format, one per
citation style and one per format (recall and precision of notes and of reference-list
entries, works per note right, in-text citations linked right, silently dropped citations),
then the speed: notes per second on text, pages per second on PDF.

    python3 benchmarks/bench_documents.py [--formats md,pdf,docx,odt,txt,html,tex,rtf]
                                          [--show-wrong] [--off WEIGHT,...] [--off-sources KIND,...]

``--off`` sets weights of :data:`litreview.extract.note_starts.WEIGHTS` to 0 (``marker``,
``table``, ``heading``, ...) and ``--off-sources`` switches off kinds of note sources
(``legal``, ``attribution``, ``short``), so each piece can be measured on and off.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from documents_render import render_all
from documents_score import GOLD_DIR, Score, load_gold, score, works_per_note

from litreview.extract.document import scan_text
from litreview.formats.documents import read_document

FORMATS = ("md", "pdf", "docx", "odt", "txt", "html", "tex")


def _ratio(a: int, b: int) -> str:
    """``a/b`` as a figure, ``-`` when there is nothing to count."""
    return f"{a / b:.3f}" if b else "-"


def _row(name: str, s: Score) -> str:
    """One table row."""
    return (
        f"| {name} | {_ratio(s.hit_notes, s.gold_notes)} | {_ratio(s.hit_notes, s.pred_notes)} "
        f"| {_ratio(s.hit_entries, s.gold_entries)} | {_ratio(s.hit_entries, s.pred_entries)} "
        f"| {_ratio(s.works_right, s.gold_notes)} | {_ratio(s.linked_right, s.gold_cites)} "
        f"| {s.dropped} |"
    )


HEADER = (
    "| {} | notes R | notes P | entries R | entries P | works/note | cites linked | dropped |\n"
    "|---|---|---|---|---|---|---|---|"
)


def _inputs(doc: dict[str, Any], fmt: str, rendered: dict[tuple[str, str], Path]) -> Path | None:
    """The file of ``doc`` in format ``fmt``."""
    source = GOLD_DIR / doc["file"]
    if fmt == "md":
        return source if source.suffix == ".md" else None
    if fmt == "pdf" and source.suffix == ".pdf":
        return source
    return rendered.get((doc["doc_id"], fmt))


def main() -> None:
    """Render, scan, score, print."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--formats", default=",".join(FORMATS))
    args = switch_args(ap)
    formats = [f for f in args.formats.split(",") if f]
    gold = load_gold()
    by_doc: dict[tuple[str, str], Score] = {}
    timing = {"text_notes": 0, "text_s": 0.0, "pdf_pages": 0, "pdf_s": 0.0}
    with tempfile.TemporaryDirectory() as tmp:
        rendered = render_all(gold, Path(tmp), [f for f in formats if f != "md"])
        for doc in gold:
            for fmt in formats:
                path = _inputs(doc, fmt, rendered)
                if path is None:
                    continue
                t0 = time.process_time()
                text = read_document(path)
                t_read = time.process_time() - t0
                t0 = time.process_time()
                scan = scan_text(text, str(path))
                t_scan = time.process_time() - t0
                if fmt == "pdf":
                    timing["pdf_pages"] += _pages(path)
                    timing["pdf_s"] += t_read + t_scan
                elif fmt in ("md", "txt", "html"):
                    timing["text_notes"] += len(scan.notes.footnotes) + len(scan.entries)
                    timing["text_s"] += t_scan
                renumbered = fmt != "md" and path.parent != GOLD_DIR / "docs"
                by_doc[(doc["doc_id"], fmt)] = score(doc, scan, renumbered=renumbered)
        hyphens = hyphen_figures(rendered, Path(tmp)) if "pdf" in formats else ""
    _print(gold, formats, by_doc, args.show_wrong)
    print()
    print(seed_figures())
    print()
    print(
        f"speed (CPU time): {timing['text_notes'] / max(timing['text_s'], 1e-9):,.0f} notes and "
        f"entries/s on text (md, txt; {timing['text_notes']} in {timing['text_s']:.2f} s); "
        f"{timing['pdf_pages'] / max(timing['pdf_s'], 1e-9):.1f} pages/s on PDF "
        f"(read and scan; {timing['pdf_pages']} pages in {timing['pdf_s']:.2f} s)"
    )
    if hyphens:
        print(hyphens)


def hyphen_figures(rendered: dict[tuple[str, str], Path], sources: Path) -> str:
    """Words the PDF renderings break with a hyphen at a line's end, judged against the
    Markdown they were rendered from (where it writes the word one way only): how often each
    way of mending them is right."""
    import re

    from litreview.formats import _pdf_layout as layout

    mend = layout._mended
    right = {"lexicon rule": 0, "always join": 0, "always hyphen": 0}
    n = 0
    try:
        layout._mended = lambda text: text  # the text with its break marks
        for (doc_id, fmt), path in sorted(rendered.items()):
            source = sources / f"{doc_id}.md"
            if fmt != "pdf" or not source.exists():
                continue
            raw = layout.pdf_layout_text(str(path))[0]
            said = " ".join(source.read_text(encoding="utf-8").split())
            lexicon = {m.group(0).casefold() for m in re.finditer(r"\w+-\w+", raw)}
            for m in layout._BROKEN.finditer(raw):
                joined, hyphened = m.group(1) + m.group(2), f"{m.group(1)}-{m.group(2)}"
                if (joined in said) == (hyphened in said):
                    continue  # the source writes it both ways, or neither
                n += 1
                truth = hyphened in said
                right["lexicon rule"] += (hyphened.casefold() in lexicon) == truth
                right["always join"] += not truth
                right["always hyphen"] += truth
    finally:
        layout._mended = mend
    shares = ", ".join(f"{k} {v / max(n, 1):.3f}" for k, v in right.items())
    return f"words broken at line ends in the PDF renderings: {n}; right: {shares}"


def switch_args(ap: argparse.ArgumentParser) -> argparse.Namespace:
    """The options every documents benchmark takes (``--show-wrong``, ``--off``,
    ``--off-sources``) added to ``ap``, the command line parsed, and the pieces named
    switched off."""
    ap.add_argument("--show-wrong", action="store_true", help="list every wrong note/entry")
    ap.add_argument("--off", default="", help="note-start weights set to 0, comma-separated")
    ap.add_argument("--off-sources", default="", help="note source kinds switched off")
    args = ap.parse_args()
    _switch_off(args.off, args.off_sources)
    return args


def _switch_off(weights: str, sources: str) -> None:
    """Measure without some pieces: weights set to 0, kinds of note sources found nowhere."""
    from litreview.extract import note_parts, note_starts, note_text

    for name in filter(None, weights.split(",")):
        note_starts.WEIGHTS[name] = 0.0

    def none(*args: object, **kwargs: object) -> list[object]:
        return []

    sources_of = {
        "legal": [(note_parts, "legal_citations"), (note_text, "legal_citations")],
        "attribution": [(note_parts, "attributions")],
        "short": [(note_parts, "short_forms")],
    }
    for kind in filter(None, sources.split(",")):
        for module, name in sources_of.get(kind, []):
            setattr(module, name, none)


SEEDS = GOLD_DIR.parents[1] / "seeds"
SEED_REFERENCE = Path(__file__).resolve().parent / "data" / "seed_notes_reference.json"


def seed_figures() -> str:
    """The seeds against the reference counts of the code before issue 14
    (``benchmarks/data/seed_notes_reference.json``): notes found, works per note agreeing."""
    import json

    ref = json.loads(SEED_REFERENCE.read_text(encoding="utf-8"))["notes"]
    want = {(r["doc_id"], r["number"]): r["n_works"] for r in ref}
    got: dict[tuple[str, int], int] = {}
    for path in sorted(SEEDS.glob("*.txt")):
        scan = scan_text(read_document(path), str(path))
        got |= {(path.stem, n): w for _, n, w in works_per_note(scan)}
    hit = [k for k in want if k in got]
    same = sum(1 for k in hit if got[k] == want[k])
    return (
        f"seeds (against the counts before issue 14): notes found {len(hit)}/{len(want)} "
        f"(R {len(hit) / len(want):.3f}, P {len(hit) / max(len(got), 1):.3f}), works per note "
        f"the same for {same}/{len(want)} ({same / len(want):.3f})"
    )


def _pages(path: Path) -> int:
    """The number of pages of a PDF."""
    import pypdfium2

    return len(pypdfium2.PdfDocument(str(path)))


def _print(
    gold: list[dict[str, Any]],
    formats: list[str],
    by_doc: dict[tuple[str, str], Score],
    wrong: bool,
) -> None:
    """The tables: per document and format, per style, per format."""
    print(HEADER.format("document / format"))
    for doc in gold:
        for fmt in formats:
            if (doc["doc_id"], fmt) in by_doc:
                print(_row(f"{doc['doc_id']} / {fmt}", by_doc[(doc["doc_id"], fmt)]))
    style = {d["doc_id"]: d["citation_style"] for d in gold}
    for title, key in (("style", lambda d, f: style[d]), ("format", lambda d, f: f)):
        totals: dict[str, Score] = {}
        for (d, f), s in by_doc.items():
            totals.setdefault(key(d, f), Score()).add(s)
        print()
        print(HEADER.format(title))
        for name in sorted(totals):
            print(_row(name, totals[name]))
    total = Score()
    for s in by_doc.values():
        total.add(s)
    print(_row("all", total))
    if wrong:
        print()
        for (_, f), s in by_doc.items():
            for line in s.wrong:
                print(f"{f}: {line}")


if __name__ == "__main__":
    main()
