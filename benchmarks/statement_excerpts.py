"""Excerpts of unlabelled public documents, chosen to cover how gaps are said, for labelling.

    python3 benchmarks/statement_excerpts.py [--list]   # the choice, printed, nothing written
    python3 benchmarks/statement_excerpts.py --write    # excerpts/docs/*.md and SOURCES.md
    python3 benchmarks/statement_excerpts.py --labels DECISIONS   # label files from decisions
    python3 benchmarks/statement_excerpts.py --score    # the excerpts scored out of fold

The pool: the PLOS starter corpus (CC BY; converted with the shared ``jats_to_md.py``), CRS
reports (``markdown/**.md``) and GAO reports (``data/markdown/*.md``), both public domain,
read from the local mirrors at fixed commits. Left out: every document already labelled or
used for development (its report number or DOI named in ``statements/SOURCES.md``,
``documents_extra/SOURCES.md``, ``documents_styles/SOURCES.md`` or the shared set's
``docs/SOURCES.md`` and ``README.md``), and the report numbers of ``data/
unseen_notes_sources.md``'s "Left out" paragraph. Of a CRS report only its latest version.

A paragraph (prose of 150 to 1,500 characters under its section heading) is a candidate:

- ``gap``: a word of the knowledge list near (within 8 words) a word of the scarcity,
  unknown, quality, contested, need or future lists, or of the probe lists below (ways of
  saying a gap the cue lists do not hold);
- ``hard``: a word of the shortfall list near a word of the scarcity list;
- ``random``: any paragraph.

Chosen with a fixed seed: for each rare term (``RARE``, matched near a knowledge word) up to
``PER_TERM`` paragraphs, then ``gap`` and ``hard`` paragraphs and some at random, never more
than ``PER_DOC`` from one document, documents with fewer taken first. The detector's scores
are never read. Each excerpt is written as a document: its heading (``## ...``), a blank
line, the paragraph (lines joined, whitespace runs as one space).

``--labels`` turns a file of decisions into label files (one per source document,
``excerpts/labels/``): the decisions file has a line ``== <excerpt id>`` for each excerpt,
then one line per labelled sentence, ``<n> <kind> <strength>`` for a gap or ``<n> no
<why>`` for a hard case, ``n`` the 1-based number of the sentence as
``read_sentences`` reads the excerpt (``--show`` prints them numbered). Sentences with no line
are not gaps.

``--score`` (after labelling) scores the excerpts with the linear gap model (hashed features,
the logistic regression of ``statement_labels.py``) trained on the labelled documents alone,
then on them and the excerpts of the other folds (five folds by source document): does
training on excerpts help on excerpts of other documents?
"""

from __future__ import annotations

import argparse
import random
import re
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from litreview.gaps.cues import default_cues, words_pattern
from litreview.gaps.statement_data import KINDS, STRENGTHS
from litreview.gaps.statement_scope import read_sentences

MIRROR = Path("/work/.mirror")
SHARED = ROOT.parent / "shared" / "benchmarks" / "documents"
OUT = ROOT / "benchmarks" / "statements" / "excerpts"
SEED = 16
PER_DOC = 5
PER_TERM = 8
N_GAP, N_HARD, N_RANDOM = 60, 45, 20
WINDOW = 8

#: (owner/name, commit, mirror folder) of each pool.
PLOS = ("PLOS/allofplos", "07fdeed848b2816a7fbf7da6418ef6e2076e1960", "PLOS+allofplos")
CRS = ("ProfAmiot/crs-reports", "12265120e33ab237acd3f178b1d697ece3ac188f", "ProfAmiot+crs-reports")
GAO = (
    "jeremyschlatter-intern/gao-reports-reader",
    "8a043f2c46b797ee17031bfb05a277f17565d9a6",
    "jeremyschlatter-intern+gao-reports-reader",
)
#: Files naming documents already used: every report number and DOI in them is left out.
USED = [
    ROOT / "benchmarks" / "statements" / "SOURCES.md",
    ROOT / "benchmarks" / "documents_extra" / "SOURCES.md",
    ROOT / "benchmarks" / "documents_styles" / "SOURCES.md",
    SHARED / "docs" / "SOURCES.md",
    SHARED / "README.md",
]
UNSEEN = ROOT / "benchmarks" / "data" / "unseen_notes_sources.md"
ID = re.compile(r"journal\.p[a-z]+\.\d{7}|GAO-\d{2}-\d+|\b(?:R|RL|RS|IF|IN)\d{4,5}\b")

#: Ways of saying a gap that the cue lists do not hold (selection only).
PROBE = {
    "unknown": ["know", "knows", "knew", "known", "silent", "silence", "attention", "neglected",
                "overlooked", "ignored", "unaddressed", "sparse", "scarce", "few"],
    "quality": ["anecdot*", "broken down", "decade old", "years old", "dated", "stale",
                "not collected", "not tracked", "not reported"],
    "contested": ["mixed", "differ", "disagree*", "at odds", "contradict*", "divided"],
}  # fmt: skip
#: Rare terms each given up to PER_TERM paragraphs (a term near a knowledge word).
RARE = {
    "mixed": "mixed", "conflicting": "conflicting|contradict\\w*", "silent": "silent|silence",
    "attention": "attention", "anecdotal": "anecdot\\w*", "outdated": "outdated|out of date",
    "old": "(?:decades?|years?) old|\\bolder\\b|\\bdated\\b", "broken down": "broken down",
    "disaggregated": "disaggregat\\w*", "inconsistent": "inconsisten\\w*",
    "know": "\\bknow\\b|\\bknown\\b|\\bknew\\b", "debate": "debat\\w*",
    "disagree": "disagree\\w*", "scant": "scant|sparse|paucity|dearth",
    "unclear": "unclear|not clear", "uncertain": "uncertain\\w*", "little": "\\blittle\\b",
    "few": "\\bfew\\b|\\bfewer\\b", "lack": "\\black\\w*", "gap": "\\bgaps?\\b",
    "limited": "\\blimited\\b", "unreliable": "unreliab\\w*|reliab\\w*",
    "incomplete": "incomplete", "underreport": "under-?report\\w*|under-?count\\w*",
    "not available": "not (?:publicly )?available|unavailable", "unknown": "unknown",
    "understudied": "under-?stud\\w*|under-?research\\w*|unexplored|understood",
    "further research": "further (?:research|study|studies|work|investigation)",
    "needed": "(?:is|are) needed|should be (?:studied|examined|investigated|explored)",
    "controversial": "controvers\\w*|disputed|contested", "inconclusive": "inconclusive",
    "neglected": "neglected|overlooked|ignored", "comparable": "comparab\\w*",
    "bias": "\\bbias\\w*|self-report\\w*", "weak": "\\bweak\\b|\\bweaker\\b",
}  # fmt: skip


#: Paragraphs and sections never taken: notices, licences, thanks, notes and links.
BOILERPLATE = re.compile(
    r"^Disclaimer:|Creative Commons|open-access article|^Copyright|we (?:would like to )?thank",
    re.IGNORECASE,
)
SKIP_SECTION = re.compile(
    r"acknowledg|funding|competing|contributions|footnote|references|overview\]|disclaimer",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of a pool document under its section heading."""

    source: str  # plos, crs, gao
    doc: str  # report number or DOI suffix
    path: str  # path in its repository
    heading: str
    text: str
    licence: str = "public domain (US government work)"


def used_ids() -> set[str]:
    """Report numbers and DOIs of documents already used, and the held-back ones."""
    ids: set[str] = set()
    for f in USED:
        ids |= set(ID.findall(f.read_text(encoding="utf-8")))
    unseen = UNSEEN.read_text(encoding="utf-8")
    left = unseen[unseen.index("Left out") :].split("\n\n")[0]
    return ids | set(ID.findall(left))


def git(repo: str, *args: str) -> str:
    return subprocess.run(
        ["git", f"--git-dir={MIRROR / repo / 'repo'}", *args],
        check=True,
        capture_output=True,
        text=True,
    ).stdout


def plos_licence(xml: str) -> str:
    """The article's licence, from its ``<license>`` element."""
    text = " ".join(
        re.sub(r"<[^>]+>", " ", xml.split("<license", 1)[-1].split("</license>")[0]).split()
    )
    if "free of all copyright" in text:
        return "CC0 / public domain (free of all copyright)"
    if "Creative Commons Attribution" in text:
        return "CC BY (Creative Commons Attribution)"
    raise ValueError(f"licence not recognised: {text[:80]}")


def plos_docs(skip: set[str]) -> list[tuple[str, str, str]]:
    """(doc, path, markdown) of each starter-corpus article not left out; the markdown's
    first line is its licence."""
    _, commit, repo = PLOS
    tool = SHARED / "tools" / "jats_to_md.py"
    out = []
    names = git(repo, "ls-tree", "--name-only", commit, "allofplos/starter_corpus/").split()
    with tempfile.TemporaryDirectory() as tmp:
        for path in sorted(n for n in names if n.endswith(".xml")):
            doc = Path(path).stem
            if doc in skip:
                continue
            xml = Path(tmp) / "a.xml"
            source = git(repo, "show", f"{commit}:{path}")
            xml.write_text(source, encoding="utf-8")
            md = Path(tmp) / "a.md"
            run = [sys.executable, str(tool), str(xml), "plos", str(md), str(Path(tmp) / "a.json")]
            if subprocess.run(run, capture_output=True).returncode == 0:
                licence = plos_licence(source)
                out.append((doc, path, f"{licence}\n{md.read_text(encoding='utf-8')}"))
    return out


def crs_docs(skip: set[str]) -> list[tuple[str, str, str]]:
    """(report number, path, markdown) of each CRS report's latest version not left out."""
    _, commit, repo = CRS
    latest: dict[str, tuple[int, str]] = {}
    for path in git(repo, "ls-tree", "-r", "--name-only", commit, "markdown").split():
        m = re.match(r"([A-Z]+\d+)v(\d+)-", Path(path).name)
        if m and m[1] not in skip and int(m[2]) >= latest.get(m[1], (0, ""))[0]:
            latest[m[1]] = (int(m[2]), path)
    return [(k, p, git(repo, "show", f"{commit}:{p}")) for k, (_, p) in sorted(latest.items())]


def gao_docs(skip: set[str]) -> list[tuple[str, str, str]]:
    """(report number, path, markdown) of each GAO report not left out."""
    _, commit, repo = GAO
    out = []
    for path in sorted(git(repo, "ls-tree", "--name-only", commit, "data/markdown/").split()):
        doc = Path(path).stem.upper()
        if doc not in skip:
            out.append((doc, path, git(repo, "show", f"{commit}:{path}")))
    return out


def paragraphs(source: str, doc: str, path: str, text: str) -> list[Paragraph]:
    """The prose paragraphs of a markdown text with the heading each stands under."""
    out, heading = [], ""
    licence = Paragraph.licence
    if source == "plos":
        licence, text = text.split("\n", 1)
    body = text.split("\n## References", 1)[0] if source == "plos" else text
    for block in re.split(r"\n\s*\n", body):
        lines = [x.strip() for x in block.strip().splitlines() if x.strip()]
        if not lines:
            continue
        if lines[0].startswith("#"):
            heading = lines[0].lstrip("#").strip()
            lines = lines[1:]
            if not lines:
                continue
        one = " ".join(lines)
        if len(lines) == 1 and len(one) < 90 and not re.search(r"[.:;?!]$", one):
            heading = one
            continue
        if not 150 <= len(one) <= 1500 or re.match(r"[|\-\[!*>]|\d+\.\s", one) or "](" in one:
            continue
        if len(re.findall(r"[.?!](?:\s|$)", one)) < 1 or one.count("|") > 2:
            continue
        if BOILERPLATE.search(one) or SKIP_SECTION.search(heading):
            continue
        out.append(Paragraph(source, doc, path, heading, re.sub(r"\s+", " ", one), licence))
    return out


def pool() -> list[Paragraph]:
    skip = used_ids()
    out = []
    for source, docs in (("plos", plos_docs), ("crs", crs_docs), ("gao", gao_docs)):
        for doc, path, text in docs(skip):
            out.extend(paragraphs(source, doc, path, text))
    return out


def _positions(pattern: re.Pattern[str], text: str) -> list[int]:
    """Word index of each match of ``pattern`` in ``text``."""
    return [len(text[: m.start()].split()) for m in pattern.finditer(text)]


def _near(a: list[int], b: list[int]) -> bool:
    return any(abs(i - j) <= WINDOW for i in a for j in b)


def classify(paras: list[Paragraph]) -> list[tuple[set[str], set[str]]]:
    """Per paragraph: its tests passed (gap, hard) and its rare terms near knowledge."""
    lex = {w.name: w.pattern for w in default_cues().lexicon}
    probe = {k: words_pattern(v) for k, v in PROBE.items()}
    rare = {k: re.compile(v, re.IGNORECASE) for k, v in RARE.items()}
    gap_lists = [lex[n] for n in ("scarcity", "unknown", "quality", "contested", "need", "future")]
    out = []
    for p in paras:
        know = _positions(lex["knowledge"], p.text)
        tests = set()
        if any(_near(know, _positions(x, p.text)) for x in [*gap_lists, *probe.values()]):
            tests.add("gap")
        if _near(_positions(lex["shortfall"], p.text), _positions(lex["scarcity"], p.text)):
            tests.add("hard")
        terms = {k for k, x in rare.items() if _near(know, _positions(x, p.text))}
        out.append((tests, terms))
    return out


def choose(paras: list[Paragraph]) -> list[tuple[Paragraph, str]]:
    """The excerpts chosen, each with the reason it was chosen, in a fixed order."""
    rng = random.Random(SEED)
    marks = classify(paras)
    order = list(range(len(paras)))
    rng.shuffle(order)
    taken: dict[int, str] = {}
    per_doc: dict[str, int] = {}

    def take(candidates: list[int], n: int, why: str) -> None:
        got = 0
        for i in sorted(candidates, key=lambda i: per_doc.get(paras[i].doc, 0)):
            if got == n:
                return
            if i in taken or per_doc.get(paras[i].doc, 0) >= PER_DOC:
                continue
            taken[i] = why
            per_doc[paras[i].doc] = per_doc.get(paras[i].doc, 0) + 1
            got += 1

    rare_first = sorted(RARE, key=lambda t: sum(t in m[1] for m in marks))
    for term in rare_first:
        take([i for i in order if term in marks[i][1]], PER_TERM, f"term:{term}")
    take([i for i in order if "gap" in marks[i][0]], N_GAP, "gap")
    take([i for i in order if "hard" in marks[i][0] and "gap" not in marks[i][0]], N_HARD, "hard")
    take(order, N_RANDOM, "random")
    return [(paras[i], taken[i]) for i in sorted(taken, key=lambda i: (paras[i].doc, i))]


def excerpt_ids(chosen: list[tuple[Paragraph, str]]) -> list[str]:
    """``<source>-<doc>-<n>`` for each excerpt, n counting within its document."""
    seen: dict[str, int] = {}
    out = []
    for p, _ in chosen:
        seen[p.doc] = seen.get(p.doc, 0) + 1
        out.append(f"x-{p.source}-{p.doc.lower().replace('.', '-')}-{seen[p.doc]}")
    return out


def excerpt_text(p: Paragraph) -> str:
    return f"## {p.heading or 'Untitled'}\n\n{p.text}\n"


def write(chosen: list[tuple[Paragraph, str]]) -> None:
    """The excerpts' texts and their sources table."""
    (OUT / "docs").mkdir(parents=True, exist_ok=True)
    rows = []
    repos = {"plos": PLOS, "crs": CRS, "gao": GAO}
    for eid, (p, why) in zip(excerpt_ids(chosen), chosen, strict=True):
        (OUT / "docs" / f"{eid}.md").write_text(excerpt_text(p), encoding="utf-8")
        name, commit, _ = repos[p.source]
        rows.append(f"| {eid} | {name} | {commit[:12]} | `{p.path}` | {p.licence} | {why} |")
    head = [
        "# Sources of the excerpts",
        "",
        "Written by `benchmarks/statement_excerpts.py --write`. Each excerpt is one paragraph",
        "of the file named, under its section heading (lines joined, whitespace runs as one",
        "space; PLOS articles converted from JATS XML with `jats_to_md.py`, style `plos`).",
        "",
        "| excerpt | repository | commit | path | licence | chosen as |",
        "|---|---|---|---|---|---|",
    ]
    (OUT / "SOURCES.md").write_text("\n".join([*head, *rows]) + "\n", encoding="utf-8")


def show(ids: list[str]) -> None:
    """Each excerpt's heading and its sentences as read, numbered, for labelling."""
    cues = default_cues()
    for eid in ids:
        text = (OUT / "docs" / f"{eid}.md").read_text(encoding="utf-8")
        print(f"== {eid}  [{text.splitlines()[0][3:]}]")
        for n, s in enumerate([s for s in read_sentences(text, cues) if not s.excluded], 1):
            print(f"{n} {text[s.start : s.end]}")


def labels(decisions: Path) -> None:
    """Write the label files made from a decisions file."""
    (OUT / "labels").mkdir(parents=True, exist_ok=True)
    for name, text in label_texts(decisions).items():
        (OUT / "labels" / name).write_text(text, encoding="utf-8")


def label_texts(decisions: Path) -> dict[str, str]:
    """Label files (one per source document: file name -> YAML) from a decisions file."""
    cues = default_cues()
    blocks = re.split(r"^== ", decisions.read_text(encoding="utf-8"), flags=re.MULTILINE)[1:]
    decided = {b.split()[0]: b.strip().splitlines()[1:] for b in blocks}
    by_doc: dict[str, list[str]] = {}
    genre = {"plos": "paper", "crs": "report", "gao": "report"}
    ids = sorted(p.stem for p in (OUT / "docs").glob("*.md"))
    if unknown := set(decided) - set(ids):
        raise SystemExit(f"decisions for excerpts not written: {sorted(unknown)}")
    for eid in ids:
        lines = ["", *decided.get(eid, [])]
        text = (OUT / "docs" / f"{eid}.md").read_text(encoding="utf-8")
        sents = [text[s.start : s.end] for s in read_sentences(text, cues) if not s.excluded]
        src = eid.split("-")[1]
        key = eid.rsplit("-", 1)[0]
        out = by_doc.setdefault(key, [])
        path = f"benchmarks/statements/excerpts/docs/{eid}.md"
        out.append(f"D  - {{doc_id: {eid}, text: {path}, genre: {genre[src]}}}")
        for line in lines[1:]:
            if not line.strip() or line.startswith("#"):
                continue
            n, rest = line.split(None, 1)
            quote = sents[int(n) - 1]
            if sents.count(quote) > 1:
                raise SystemExit(f"{eid}: sentence {n} occurs twice")
            q = '"' + quote.replace("\\", "\\\\").replace('"', '\\"') + '"'
            q = re.sub(r"\s+", " ", q)
            first = rest.split()[0]
            if first == "no":
                why = rest[3:].strip().replace('"', "'")
                out.append(f'N  - {{doc: {eid}, quote: {q}, why: "{why}"}}')
            else:
                kind, strength = rest.split()[:2]
                if kind not in KINDS or strength not in STRENGTHS:
                    raise SystemExit(f"{eid}: bad label {rest!r}")
                out.append(f"G  - {{doc: {eid}, kind: {kind}, strength: {strength}, quote: {q}}}")
    out = {}
    for key, rows in by_doc.items():
        body = [
            f"# {key}: excerpts labelled by reading every sentence in its paragraph, by the",
            "# rules of benchmarks/statements/README.md, blind to the detector",
            "# (benchmarks/statement_excerpts.py).",
            "documents:",
            *[r[3:] for r in rows if r[0] == "D"],
            "gaps:" if any(r[0] == "G" for r in rows) else "gaps: []",
            *[r[3:] for r in rows if r[0] == "G"],
            "not_gaps:" if any(r[0] == "N" for r in rows) else "not_gaps: []",
            *[r[3:] for r in rows if r[0] == "N"],
        ]
        out[f"{key}.yaml"] = "\n".join(body) + "\n"
    return out


def score_excerpts(threshold: float) -> None:
    """Precision, recall and F1 on the excerpts, trained without and with other excerpts."""
    import numpy as np
    from scipy import sparse
    from sklearn.linear_model import LogisticRegression

    sys.path.insert(0, str(ROOT / "benchmarks"))
    import train_statements as ts

    from litreview.gaps.statement_model import hashed

    def rows(docs: list[ts.Doc]) -> tuple[sparse.csr_matrix, np.ndarray]:
        x = sparse.vstack([hashed(d.features)[np.asarray(d.read)] for d in docs]).tocsr()
        y = [lab.gap for d in docs for lab, r in zip(d.labels, d.read, strict=True) if r]
        return x, np.asarray(y, dtype=bool)

    def fit_score(x: sparse.csr_matrix, y: np.ndarray, test: sparse.csr_matrix) -> np.ndarray:
        used = np.unique(x.indices)
        m = LogisticRegression(C=ts.C, class_weight="balanced", solver="liblinear", random_state=0)
        return m.fit(x[:, used], y).predict_proba(test[:, used])[:, 1]

    x0, y0 = rows(ts.load_all())
    excerpts = ts.load_files(ts.label_files([ts.EXCERPTS]))
    sources = sorted({d.doc.doc_id.rsplit("-", 1)[0] for d in excerpts})
    fold = [sources.index(d.doc.doc_id.rsplit("-", 1)[0]) % 5 for d in excerpts]
    x, y = rows(excerpts)
    by_row = np.repeat(fold, [int(np.sum(d.read)) for d in excerpts])
    alone = fit_score(x0, y0, x)
    with_others = np.zeros(len(y))
    for f in range(5):
        xt, yt = rows([d for d, g in zip(excerpts, fold, strict=True) if g != f])
        xs, ys = sparse.vstack([x0, xt]).tocsr(), np.concatenate([y0, yt])
        with_others[by_row == f] = fit_score(xs, ys, x[by_row == f])
    for name, s in (("documents only", alone), ("documents + other excerpts", with_others)):
        tp, n, g = int(((s >= threshold) & y).sum()), int((s >= threshold).sum()), int(y.sum())
        p, r = tp / max(n, 1), tp / max(g, 1)
        print(f"| {name} | {p:.3f} | {r:.3f} | {2 * p * r / max(p + r, 1e-9):.3f} | {tp}/{n} |")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--write", action="store_true")
    ap.add_argument("--show", nargs="*", help="print these excerpts' sentences (all if none)")
    ap.add_argument("--labels", type=Path)
    ap.add_argument("--score", action="store_true")
    args = ap.parse_args()
    if args.score:
        score_excerpts(default_cues().threshold)
        return
    if args.labels:
        labels(args.labels)
        return
    if args.show is not None:
        ids = args.show or sorted(p.stem for p in (OUT / "docs").glob("*.md"))
        show(ids)
        return
    paras = pool()
    chosen = choose(paras)
    docs = {p.doc for p, _ in chosen}
    whys: dict[str, int] = {}
    for _, why in chosen:
        whys[why] = whys.get(why, 0) + 1
    print(f"{len(paras)} paragraphs in the pool; {len(chosen)} chosen from {len(docs)} documents")
    print(", ".join(f"{k} {v}" for k, v in sorted(whys.items())))
    if args.write:
        write(chosen)


if __name__ == "__main__":
    main()
