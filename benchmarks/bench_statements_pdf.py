"""Gap statements read from a PDF against the same document's Markdown: what the reading loses.

    python3 benchmarks/bench_statements_pdf.py [--docs N] [--only ID,...] [--keep DIR]
                                               [--linear]

The labelled documents whose text is Markdown or plain text (``benchmarks/statements/docs``,
the shared development set's Markdown, the seeds; never the held-out
set) are rendered to PDF as ``documents_render.py`` renders the notes benchmark (pandoc, then
pdfLaTeX with real page-foot notes; Debian ``lmodern``). A report whose notes stand as
numbered paragraphs (``12 Text``, marked ``[12]`` in the body) has them made Markdown
footnotes first: the notes are the paragraphs opening with the next number in turn (the
shared set's reports use their gold notes). Each PDF is read back with
:func:`litreview.formats.documents.read_document`, and :func:`find_statements` (the shipped
cues, model and encoder; ``--linear``: the linear model alone) runs on the Markdown text and
on the PDF text. A found statement matches a gold quote when most of the quote's words (80% or
more, ``--most``; in order: :class:`difflib.SequenceMatcher` over words, note markers aside) are
in it: a half of a sentence cut by a page break seldom holds that many.

This measures the *reading*, not the model: the shipped model was trained on these documents,
so its figures here are optimistic in both columns, and only the difference between the
Markdown and the PDF column means anything.

Printed per document and pooled: gold quotes, recall and precision on the Markdown text and
on the PDF text, the PDF's pages, how many gold quotes run over a page break in the PDF (the
quote's start on one page, its end on the next) and how many of those are found, and
statements whose quote is not ``text[char_start:char_end]`` (must be 0). ``--no-run-on``
reads the PDFs without joining a sentence over a page break
(:func:`litreview.formats._pdf_layout._run_on`), to measure it off. ``--keep DIR`` keeps
the renderings there and reuses them on the next run (they depend only on the Markdown).
"""

from __future__ import annotations

import argparse
import difflib
import itertools
import re
import subprocess
import sys
import tempfile
import time
import unicodedata
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import documents_render as render
from documents_score import load_gold

from litreview.core.text import SUPERSCRIPTS
from litreview.formats import _pdf_layout
from litreview.formats.documents import read_document
from litreview.gaps.cues import Cues, default_cues
from litreview.gaps.statement_data import LabelledDocument, load_labels
from litreview.gaps.statements import find_statements
from litreview.taxonomy.facets import Taxonomy, load_taxonomy

_WORD = re.compile(r"\w+")
_NOTE_PARA = re.compile(r"\n\s*\n")
_RULE = re.compile(r"^-{3,}[ \t]*$", re.MULTILINE)
_MOST = 0.8  # a statement holds a quote when this share of its words are in it (or more)
_SUPERSCRIPTS = str.maketrans("", "", SUPERSCRIPTS)


@dataclass(frozen=True, slots=True)
class Row:
    """One document's figures."""

    doc_id: str
    gold: int
    pages: int
    spanning: int
    md: tuple[int, int, int]  # gold found, statements right, statements
    pdf: tuple[int, int, int]
    spanning_found: tuple[int, int]  # of the quotes over a page break: found in md, in pdf
    bad_offsets: int


def words(text: str) -> list[str]:
    """A text's words, casefolded, typographic apostrophes as plain ones."""
    text = unicodedata.normalize("NFKC", text.translate(_SUPERSCRIPTS))
    return _WORD.findall(text.replace("’", "'").casefold())


def holds(statement: list[str], quote: list[str], most: float = _MOST) -> bool:
    """Whether most of the quote's words (``most``, a share) stand in the statement, in
    order (note markers and the like in either side aside)."""
    if not quote:
        return False
    blocks = difflib.SequenceMatcher(None, quote, statement, autojunk=False).get_matching_blocks()
    return sum(b.size for b in blocks) >= most * len(quote)


def matched(
    found: list[list[str]], gold: list[list[str]], most: float = _MOST
) -> tuple[list[bool], int]:
    """(whether each gold quote is found, statements that hold a gold quote)."""
    hit = [[holds(s, q, most) for q in gold] for s in found]
    return [any(row[j] for row in hit) for j in range(len(gold))], sum(map(any, hit))


def alnum(text: str) -> str:
    """Letters and digits only, casefolded (a word broken at a line's end made whole)."""
    text = re.sub(r"[\x02\u00ad\ufffe-]\s*[\r\n]+", "", text.translate(_SUPERSCRIPTS))
    text = re.sub(r"\[\^?\d[\d,–\s-]*\]|<sup>[^<>]*</sup>", "", text)  # note markers
    return "".join(ch for ch in unicodedata.normalize("NFKC", text).casefold() if ch.isalnum())


def spanning(pages: list[str], quote: str) -> bool:
    """Whether a quote starts on one page and ends on the next (letters and digits compared:
    the longest head of it on a page and the longest tail on the next cover it)."""
    q = alnum(quote)
    if len(q) < 20 or any(q in p for p in pages):
        return False
    for a, b in itertools.pairwise(pages):
        head = _longest(q, a, tail=False)
        if head and head < len(q) and head + _longest(q, b, tail=True) >= 0.9 * len(q):
            return True
    return False


def _longest(q: str, page: str, *, tail: bool) -> int:
    """The length of the longest head (or tail) of ``q`` found in ``page`` (binary search:
    a piece found means every shorter piece is found)."""
    lo, hi = 0, len(q)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if (q[-mid:] if tail else q[:mid]) in page:
            lo = mid
        else:
            hi = mid - 1
    return lo


def page_texts(pdf: Path) -> list[str]:
    """Each page's text as pdfium reads it, letters and digits only."""
    import pypdfium2

    doc = pypdfium2.PdfDocument(str(pdf))
    try:
        return [alnum(doc[i].get_textpage().get_text_range()) for i in range(len(doc))]
    finally:
        doc.close()


def numbered_notes(text: str) -> list[dict[str, Any]]:
    """The notes of a report whose notes stand as numbered paragraphs, in reading order: a
    paragraph opening with the next number and a word, when the body marks them ``[n]``."""
    if not re.search(r" \[1\]", text):
        return []
    out: list[dict[str, Any]] = []
    for para in _NOTE_PARA.split(text):
        if re.match(rf"{len(out) + 1} [^\d\s]", para.strip()):
            out.append({"number": len(out) + 1})
    return out


def source_markdown(doc: LabelledDocument, shared: dict[str, dict[str, Any]]) -> str:
    """The Markdown rendered: notes made footnotes (from the gold in the shared set, else
    from :func:`numbered_notes`), else the reference list one entry a paragraph."""
    gold = shared.get(doc.doc_id)
    if gold is None:
        notes = numbered_notes(doc.text)
        gold = {"footnotes": notes, "citation_style": "footnotes"} if notes else {}
    text = _RULE.sub("* * *", doc.text)  # never a YAML block to pandoc
    if gold.get("footnotes"):
        return render.footnoted(text, gold)
    return render.numbered_refs(text)


def documents(limit: int, only: set[str]) -> list[LabelledDocument]:
    """The labelled documents with a Markdown or plain-text source, seeds first."""
    files = [ROOT / "tests" / "data" / "statement_check.yaml"]
    files += sorted((ROOT / "benchmarks" / "statements" / "labels").glob("*.yaml"))
    out = []
    for f in files:
        for d in load_labels(f, ROOT):
            if only and d.doc_id not in only:
                continue
            if not d.text.lstrip().startswith("%PDF") and d.gaps:
                out.append(d)
    return out[:limit]


def run_one(
    doc: LabelledDocument, pdf: Path, cues: Cues, taxonomy: Taxonomy, most: float = _MOST
) -> Row:
    """One document's figures on its Markdown and on its PDF."""
    gold = [words(doc.text[g.start : g.end]) for g in doc.gaps]
    md = find_statements(doc.doc_id, doc.text, cues, taxonomy)
    text = read_document(pdf)
    found = find_statements(doc.doc_id, text, cues, taxonomy)
    bad = sum(1 for s in found if text[s.char_start : s.char_end] != s.quote)
    pages = page_texts(pdf)
    over = [spanning(pages, doc.text[g.start : g.end]) for g in doc.gaps]
    md_found, md_right = matched([words(s.quote) for s in md], gold, most)
    pdf_found, pdf_right = matched([words(s.quote) for s in found], gold, most)
    return Row(
        doc_id=doc.doc_id,
        gold=len(gold),
        pages=len(pages),
        spanning=sum(over),
        md=(sum(md_found), md_right, len(md)),
        pdf=(sum(pdf_found), pdf_right, len(found)),
        spanning_found=(
            sum(f for f, o in zip(md_found, over, strict=True) if o),
            sum(f for f, o in zip(pdf_found, over, strict=True) if o),
        ),
        bad_offsets=bad,
    )


def _pr(counts: tuple[int, int, int], gold: int) -> str:
    found, right, flagged = counts
    r = found / gold if gold else 0.0
    p = right / flagged if flagged else 0.0
    return f"{r:6.3f} {p:6.3f} {right:>4}/{flagged:<4}"


def report(rows: list[Row]) -> None:
    """The table per document and pooled."""
    head = f"{'document':46} {'gold':>4} {'pages':>5} {'span':>4}"
    print(f"{head}  {'md R':>6} {'md P':>6} {'right/flag':>9}  {'pdf R':>6} {'pdf P':>6}")
    for r in rows:
        print(
            f"{r.doc_id[:46]:46} {r.gold:>4} {r.pages:>5} {r.spanning:>4}  "
            f"{_pr(r.md, r.gold)}  {_pr(r.pdf, r.gold)}"
        )
    gold = sum(r.gold for r in rows)
    md = tuple(sum(r.md[k] for r in rows) for k in range(3))
    pdf = tuple(sum(r.pdf[k] for r in rows) for k in range(3))
    print(
        f"{'all (' + str(len(rows)) + ' documents)':46} {gold:>4} "
        f"{sum(r.pages for r in rows):>5} {sum(r.spanning for r in rows):>4}  "
        f"{_pr(md, gold)}  {_pr(pdf, gold)}"
    )  # type: ignore[arg-type]
    span = sum(r.spanning for r in rows)
    md_span = sum(r.spanning_found[0] for r in rows)
    pdf_span = sum(r.spanning_found[1] for r in rows)
    print(
        f"gold quotes over a page break: {span}; found on the Markdown {md_span}, "
        f"on the PDF {pdf_span}"
    )
    print(
        f"statements whose quote is not text[char_start:char_end]: "
        f"{sum(r.bad_offsets for r in rows)}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=200, help="at most this many documents")
    parser.add_argument("--only", default="", help="comma-separated doc ids")
    parser.add_argument("--keep", default="", help="keep (and reuse) the renderings here")
    parser.add_argument("--most", type=float, default=_MOST, help="share of a quote's words")
    parser.add_argument("--linear", action="store_true", help="the linear model alone")
    parser.add_argument(
        "--no-run-on", action="store_true", help="read PDFs without joining over page breaks"
    )
    args = parser.parse_args()
    if args.no_run_on:
        _pdf_layout._run_on = lambda read: None
    only = {x for x in args.only.split(",") if x}
    cues = default_cues()
    if args.linear:
        cues = replace(cues, encoder_share=0.0)
    taxonomy = load_taxonomy((ROOT / "bibliography" / "taxonomy.yaml").read_text("utf-8"))
    shared = {d["doc_id"]: d for d in load_gold()}
    shared = {Path(d["file"]).stem: d for d in shared.values()} | shared
    out = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="statements-pdf-"))
    out.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    rows = []
    for doc in documents(args.docs, only):
        pdf = out / f"{doc.doc_id}.pdf"
        if not pdf.exists():
            src = out / f"{doc.doc_id}.md"
            src.write_text(source_markdown(doc, shared), encoding="utf-8")
            try:
                made = render._render(src, "pdf")
            except subprocess.CalledProcessError as err:
                print(f"{doc.doc_id}: not rendered ({err})", file=sys.stderr)
                made = None
            if made is None:
                continue
        rows.append(run_one(doc, pdf, cues, taxonomy, args.most))
    report(rows)
    print(f"{time.perf_counter() - t0:.0f} s; renderings in {out}")


if __name__ == "__main__":
    main()
