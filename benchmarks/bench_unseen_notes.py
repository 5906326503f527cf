"""Benchmark: how consistently the notes of real reports litreview has never seen are read.

There is no gold: the figures are what a right reading cannot have, counted per document.
The documents (about 200 public-domain GAO and CRS reports, as Markdown, HTML and PDF) are
listed with their repository, commit and path in ``data/unseen_notes_sources.md``; they are
not in this repository and are read from a local snapshot of each repository (a git
directory, ``--mirror``) or from a folder (``--dir``). Without them the benchmark says so and
stops (exit 0).

Per document, from :func:`litreview.extract.document.scan_text`:

* ``notes`` - notes found;
* ``holes`` - numbers missing between the numbers found in a run of notes (notes 4 and 6
  found, 5 not);
* ``mark-`` - markers in the text with no note of their number (as the reader reports them);
* ``note-`` - notes with no marker in the text (as the reader reports them; the CRS web
  pages' Markdown has lost most of its markers, so there they are expected);
* ``works`` - works read from the notes (rows that cite, as ``bench_documents_extra`` counts);
* ``joined`` - works whose text opens with the word that joined it to the work before it
  (``; and Roe, ...``), which a right reading leaves out;
* ``linked`` - rows pointed at an earlier row of the notes (short citations, ibid., supra).

Prints the totals per kind of document, then the documents with the most trouble (holes and
markers without notes first).

    python3 benchmarks/bench_unseen_notes.py [--mirror DIR | --dir DIR] [--limit N]
                                             [--kinds crs-md,crs-pdf,...] [--worst K]
                                             [--show NAME] [--off W,...] [--off-sources K,...]
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_documents import _switch_off

from litreview.core.errors import InputError
from litreview.extract.document import DocumentScan, scan_text
from litreview.formats.documents import read_document

SOURCES = Path(__file__).resolve().parent / "data" / "unseen_notes_sources.md"
MIRROR = Path("/work/.mirror")
_REPORT = re.compile(r"((?:gao-)?\d\d-?\d{3,6}t?|[A-Z]{1,3}\d{4,5})", re.IGNORECASE)
_JOINED = re.compile(r"(?:and|&)\s")
_SECTION = re.compile(r"^## (?P<repo>[\w.-]+/[\w.-]+) @ (?P<commit>[0-9a-f]{40})\s*$")


@dataclass(frozen=True, slots=True)
class Source:
    """One document: its repository, commit and path there."""

    repo: str
    commit: str
    path: str

    @property
    def name(self) -> str:
        """The file's name."""
        return self.path.rsplit("/", 1)[-1]

    @property
    def report(self) -> str:
        """The report's number (``R45100``, ``GAO-07-106``, ``98317``): one key for its
        files in every format."""
        m = _REPORT.match(self.name)
        return m.group(1).upper().replace("-", "") if m else self.name

    @property
    def kind(self) -> str:
        """``crs-md``, ``gao-pdf``, ...: the agency and the file's format."""
        agency = "gao" if "gao" in self.repo else "crs"
        return f"{agency}-{self.path.rsplit('.', 1)[-1]}"


@dataclass(slots=True)
class Counts:
    """What one document's (or many documents') notes look like."""

    docs: int = 0
    notes: int = 0
    holes: int = 0
    unnoted_markers: int = 0
    unmarked_notes: int = 0
    works: int = 0
    joined: int = 0
    linked: int = 0
    seconds: float = 0.0
    examples: list[str] = field(default_factory=list)
    sizes: dict[tuple[int, int], int] = field(default_factory=dict)

    def add(self, other: Counts) -> None:
        """Add ``other``'s counts to these."""
        self.docs += other.docs
        self.notes += other.notes
        self.holes += other.holes
        self.unnoted_markers += other.unnoted_markers
        self.unmarked_notes += other.unmarked_notes
        self.works += other.works
        self.joined += other.joined
        self.linked += other.linked
        self.seconds += other.seconds

    @property
    def trouble(self) -> tuple[int, int]:
        """How badly the document reads: holes and markers without notes, then the rest."""
        return (self.holes + self.unnoted_markers, self.unmarked_notes)


def read_sources(path: Path = SOURCES) -> list[Source]:
    """The documents listed in ``path``: ``## OWNER/NAME @ COMMIT`` sections of ``- PATH``
    lines. A line of neither kind inside a section is an error naming its line."""
    out: list[Source] = []
    repo = commit = ""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if m := _SECTION.match(line):
            repo, commit = m["repo"], m["commit"]
        elif line.startswith("- ") and repo:
            out.append(Source(repo, commit, line[2:].strip()))
        elif line.startswith("- "):
            sys.exit(f"{path}:{number}: a document listed before any '## OWNER/NAME @ COMMIT'")
    return out


def document_bytes(src: Source, mirror: Path | None, folder: Path | None) -> bytes | None:
    """The document's bytes from the folder or the repository's snapshot; ``None`` if absent."""
    if folder is not None:
        file = folder / src.repo.replace("/", "+") / src.path
        return file.read_bytes() if file.is_file() else None
    git_dir = (mirror or MIRROR) / src.repo.replace("/", "+") / "repo"
    if not git_dir.is_dir():
        return None
    done = subprocess.run(
        ["git", "--git-dir", str(git_dir), "show", f"{src.commit}:{src.path}"],
        capture_output=True,
    )
    return done.stdout if done.returncode == 0 else None


_LINK_TARGET = re.compile(r"\]\([^)\s]*\)")


def _size(text: str) -> int:
    """A note's size as a reader sees it: its letters and digits, a Markdown link's target
    left out (a web page or a PDF shows only the link's text)."""
    return sum(ch.isalnum() for ch in _LINK_TARGET.sub("", text))


def note_counts(scan: DocumentScan) -> Counts:
    """The figures of one scanned document."""
    notes = scan.notes.footnotes
    c = Counts(docs=1, notes=len(notes))
    c.sizes = {(f.run, f.number): _size(f.text) for f in notes}
    runs: dict[int, set[int]] = {}
    for f in notes:
        runs.setdefault(f.run, set()).add(f.number)
    c.holes = sum(max(ns) - min(ns) + 1 - len(ns) for ns in runs.values())
    for p in scan.notes.problems:
        if p.message.endswith("has no footnote text"):
            c.unnoted_markers += 1
            c.examples.append(f"line {p.line}: {p.message}")
        elif p.message.endswith("has no marker in the text"):
            c.unmarked_notes += 1
    works: dict[int, set[str]] = {}
    for r in scan.rows:
        if r.kind not in ("note", "xref"):
            works.setdefault(r.footnote, set()).add(f"{r.target}" if r.target else r.raw)
    c.works = sum(len(w) for w in works.values())
    cites = [r for r in scan.rows if r.kind not in ("note", "xref")]
    c.joined = sum(1 for r in cites if _JOINED.match(r.raw))
    c.linked = sum(1 for r in cites if r.target)
    for run, ns in sorted(runs.items()):
        gaps = [n for n in range(min(ns), max(ns) + 1) if n not in ns]
        if gaps:
            c.examples.insert(0, f"run {run}: numbers missing {gaps[:12]}")
    return c


def scan_source(src: Source, data: bytes, tmp: Path) -> Counts:
    """Read and scan one document, timed."""
    file = tmp / src.name
    file.write_bytes(data)
    t0 = time.process_time()
    scan = scan_text(read_document(file), str(file))
    c = note_counts(scan)
    c.seconds = time.process_time() - t0
    file.unlink()
    return c


HEADER = (
    "| {} | docs | notes | holes | mark- | note- | works | joined | linked | CPU s |\n"
    "|---|---|---|---|---|---|---|---|---|---|"
)


def row(name: str, c: Counts) -> str:
    """One table row."""
    return (
        f"| {name} | {c.docs} | {c.notes} | {c.holes} | {c.unnoted_markers} "
        f"| {c.unmarked_notes} | {c.works} | {c.joined} | {c.linked} | {c.seconds:.1f} |"
    )


def main() -> None:
    """Read, scan, count, print."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    where = ap.add_mutually_exclusive_group()
    where.add_argument("--mirror", type=Path, help=f"snapshots' folder (default {MIRROR})")
    where.add_argument("--dir", type=Path, help="a folder of DIR/OWNER+NAME/PATH files")
    ap.add_argument("--limit", type=int, default=0, help="only every k-th document, k chosen")
    ap.add_argument("--kinds", default="", help="only these kinds (crs-md, crs-pdf, gao-html...)")
    ap.add_argument("--worst", type=int, default=12, help="documents listed by trouble")
    ap.add_argument("--show", default="", help="print the notes of the documents so named")
    ap.add_argument("--off", default="", help="note-start weights set to 0, comma-separated")
    ap.add_argument("--off-sources", default="", help="note source kinds switched off")
    args = ap.parse_args()
    _switch_off(args.off, args.off_sources)
    sources = read_sources()
    if args.kinds:
        sources = [s for s in sources if s.kind in args.kinds.split(",")]
    if args.limit and len(sources) > args.limit:
        step = len(sources) / args.limit
        sources = [sources[int(k * step)] for k in range(args.limit)]
    per_doc: list[tuple[Source, Counts]] = []
    missing, unreadable = 0, []
    with tempfile.TemporaryDirectory() as tmp:
        for src in sources:
            data = document_bytes(src, args.mirror, args.dir)
            if data is None:
                missing += 1
                continue
            try:
                per_doc.append((src, scan_source(src, data, Path(tmp))))
            except InputError as exc:
                unreadable.append(f"{src.path}: {exc}")
            if args.show and args.show in src.name:
                _show(src, data, Path(tmp))
    if not per_doc:
        print(
            f"skipped: none of the {len(sources)} documents of {SOURCES.name} is here "
            "(fetch the repositories it names, or give --dir)"
        )
        return
    _report(per_doc, missing, args.worst)
    for line in unreadable:
        print(f"unreadable: {line}")


_SIZE_SLACK = 0.15
"""How much longer one format's text of a note may be than another's before the two are
counted as different notes (a page's running head or a hyphen read into one, not the other)."""


def across_formats(per_doc: list[tuple[Source, Counts]]) -> tuple[int, int, int, int]:
    """The reports read in two formats or more, compared format by format (where a format
    has several versions of the report, the version that agrees best): how many, the notes
    compared, the notes found in one format and not the other, and the notes whose texts
    differ in length (letters and digits) by more than :data:`_SIZE_SLACK`: a note cut
    short or run into the next in one of them."""
    by_report: dict[str, dict[str, list[Counts]]] = {}
    for src, c in per_doc:
        by_report.setdefault(src.report, {}).setdefault(src.kind, []).append(c)
    reports = compared = alone = unequal = 0
    for kinds in by_report.values():
        if len(kinds) < 2:
            continue
        reports += 1
        files = list(kinds.values())
        for k, these in enumerate(files):
            for those in files[k + 1 :]:
                n, one, differ = min(
                    (_compare(a.sizes, b.sizes) for a in these for b in those),
                    key=lambda t: t[1] + t[2],
                )
                compared, alone, unequal = compared + n, alone + one, unequal + differ
    return reports, compared, alone, unequal


def _compare(a: dict[tuple[int, int], int], b: dict[tuple[int, int], int]) -> tuple[int, int, int]:
    """Notes of two readings compared: how many, in one only, of different length."""
    keys = set(a) | set(b)
    one = sum(1 for n in keys if n not in a or n not in b)
    differ = sum(
        1 for n in keys if n in a and n in b and abs(a[n] - b[n]) > _SIZE_SLACK * max(a[n], b[n])
    )
    return len(keys), one, differ


def _report(per_doc: list[tuple[Source, Counts]], missing: int, worst: int) -> None:
    """The table per kind, the total and the worst documents."""
    kinds: dict[str, Counts] = {}
    total = Counts()
    for src, c in per_doc:
        kinds.setdefault(src.kind, Counts()).add(c)
        total.add(c)
    print(HEADER.format("kind"))
    for kind, c in sorted(kinds.items()):
        print(row(kind, c))
    print(row("all", total))
    reports, compared, alone, unequal = across_formats(per_doc)
    print(
        f"\nacross formats: {reports} reports read in 2+ formats, {compared} notes compared; "
        f"found in one format only {alone}; texts of different length {unequal}"
    )
    if missing:
        print(f"\n{missing} documents of {SOURCES.name} were not found and are left out")
    ranked = sorted(per_doc, key=lambda d: d[1].trouble, reverse=True)[:worst]
    if worst and ranked:
        print("\nworst documents (holes + markers without notes, then notes without markers):")
        print(HEADER.format("document"))
        for src, c in ranked:
            print(row(f"{src.kind} {src.name[:48]}", c))
            for example in c.examples[:3]:
                print(f"|   {example} |||||||")


def _show(src: Source, data: bytes, tmp: Path) -> None:
    """Print the notes and problems of one document (to read what went wrong)."""
    file = tmp / src.name
    file.write_bytes(data)
    scan = scan_text(read_document(file), str(file))
    print(f"== {src.path}")
    kinds = Counter(r.kind for r in scan.rows)
    print(f"rows by kind: {dict(kinds)}")
    for f in scan.notes.footnotes:
        mark = "m" if f.marker else "-"
        print(f"  {f.run}:{f.number} {mark} line {f.line}: {f.text[:150]}")
    for p in scan.notes.problems:
        print(f"  ! line {p.line}: {p.message}")
    file.unlink()


if __name__ == "__main__":
    main()
