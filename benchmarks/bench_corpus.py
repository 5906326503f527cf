"""Benchmark of the corpus engine: read, deduplicate and export synthetic BibTeX corpora.

    python3 benchmarks/bench_corpus.py [--sizes 10000 30000 100000] [--seed 1]

Each size runs in a fresh subprocess so its peak memory (``ru_maxrss``) is its own. The
synthetic corpus has a realistic field mix, LaTeX escapes, non-ASCII names and about 10%
near-duplicates (re-spelled titles, dropped DOIs). Prints one table row per size and an
estimate of how each step grows (exponent k of time ~ n^k; n log n gives k of about 1.1).
"""

from __future__ import annotations

import argparse
import json
import math
import random
import resource
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

FAMILY = [
    "Khan",
    "Müller",
    "Ødegaard",
    "Çelik",
    "Núñez",
    "Qureshi",
    "Smith",
    "Nguyễn",
    "Kowalski",
    "Ahmed",
    "García",
    "Østergaard",
    "Shah",
    "Björk",
    "Fernández",
    "O'Neil",
    "Zhang",
    "Dvořák",
]
GIVEN = ["Ayesha", "Jürgen", "Åse", "Zoë", "José", "Fatima", "John", "Thị", "Łukasz", "Imran"]
ORGS = ["{UNODC}", "{World Bank}", "{Human Rights Watch}", "{Asian Development Bank}", "{UN Women}"]
_STEMS = [
    "gender",
    "organised",
    "crime",
    "trafficking",
    "drugs",
    "markets",
    "women",
    "men",
    "networks",
    "violence",
    "policy",
    "migration",
    "smuggling",
    "corruption",
    "justice",
    "victims",
    "recruitment",
    "masculinities",
    "economy",
    "region",
    "border",
    "evidence",
    "survey",
    "households",
    "laundering",
    "cyber",
    "extortion",
    "kidnapping",
    "police",
    "courts",
    "prisons",
    "labour",
    "marriage",
    "children",
    "youth",
    "gangs",
    "weapons",
    "finance",
    "remittance",
    "informal",
    "urban",
    "rural",
    "displacement",
    "refugees",
    "health",
    "addiction",
    "treatment",
    "harm",
    "reduction",
    "legislation",
    "enforcement",
    "governance",
    "state",
    "militancy",
    "conflict",
    "security",
    "poverty",
    "caste",
    "religion",
    "ethnicity",
    "identity",
    "sexuality",
    "transgender",
    "minorities",
    "rights",
    "protection",
    "prevention",
    "intervention",
    "evaluation",
    "methods",
    "review",
    "analysis",
    "case",
    "study",
    "data",
    "statistics",
    "measurement",
    "reporting",
    "media",
    "narratives",
    "history",
    "colonial",
    "postcolonial",
    "development",
    "aid",
    "donors",
    "ngos",
    "civil",
    "society",
    "community",
    "family",
    "kinship",
    "honour",
    "shame",
    "stigma",
    "exploitation",
    "begging",
    "domestic",
    "servitude",
    "bonded",
    "brick",
    "kilns",
    "agriculture",
    "fisheries",
    "ports",
    "airports",
    "routes",
    "corridors",
    "opium",
    "heroin",
    "cannabis",
    "methamphetamine",
    "precursors",
    "cartels",
    "mafia",
]
TEXT_MAX = 10_000  # the formatted bibliography is measured up to this size
TEXT_CITEPROC_PY = 300  # entries formatted through citeproc-py (a sample: it is slow)
WORDS = _STEMS + [w + s for w in _STEMS[:60] for s in ("s", "ing", "al")]
LATEX = ['{\\"u}ber', "caf{\\'e}", "R\\&D", "{\\O}resund", 'na{\\"\\i}ve', "{\\ss}trasse"]
TYPES = [
    "article",
    "article",
    "article",
    "book",
    "techreport",
    "techreport",
    "misc",
    "inproceedings",
]


def title(rng: random.Random) -> str:
    """A plausible title with an occasional LaTeX escape and a {Protected} word."""
    words = [rng.choice(WORDS) for _ in range(rng.randint(4, 11))]
    if rng.random() < 0.2:
        words.insert(rng.randrange(len(words)), rng.choice(LATEX))
    if rng.random() < 0.2:
        words.insert(0, "{" + rng.choice(["Pakistan", "South Asia", "Punjab", "Sindh"]) + "}")
    return " ".join(words).capitalize()


def authors(rng: random.Random) -> str:
    """One organisation, or one to five persons."""
    if rng.random() < 0.15:
        return "{" + rng.choice(ORGS) + "}"
    return " and ".join(
        f"{rng.choice(FAMILY)}, {rng.choice(GIVEN)}" for _ in range(rng.randint(1, 5))
    )


def entry(i: int, rng: random.Random) -> dict[str, str]:
    """Fields of one synthetic entry (``ENTRYTYPE`` and ``ID`` included)."""
    kind = rng.choice(TYPES)
    f = {
        "ENTRYTYPE": kind,
        "ID": f"e{i}",
        "author": authors(rng),
        "title": title(rng),
        "year": str(rng.randint(1980, 2024)),
    }
    if kind == "article":
        f.update(
            journal=f"Journal of {rng.choice(WORDS).title()} Studies",
            volume=str(rng.randint(1, 60)),
            number=str(rng.randint(1, 12)),
            pages=f"{(p := rng.randint(1, 400))}--{p + rng.randint(5, 30)}",
        )
    elif kind in ("book", "techreport"):
        f.update(
            publisher=rng.choice(["Oxford University Press", "Routledge", "UNODC", "Springer"]),
            address=rng.choice(["Oxford", "London", "Vienna", "Islamabad"]),
        )
    if rng.random() < 0.6:
        f["doi"] = f"10.{rng.randint(1000, 9999)}/x{i}"
    if rng.random() < 0.4:
        f["url"] = f"https://www.example.org/doc/{i}?a=1&b=2"
    if rng.random() < 0.3:
        f["keywords"] = ", ".join(rng.sample(WORDS, 3))
    if rng.random() < 0.2:
        f["abstract"] = " ".join(rng.choice(WORDS) for _ in range(60))
    if rng.random() < 0.1:
        f["isbn"] = (
            f"978-{rng.randint(0, 9)}-{rng.randint(1000, 9999)}-{rng.randint(1000, 9999)}-{i % 10}"
        )
    return f


def near_duplicate(orig: dict[str, str], j: int, rng: random.Random) -> dict[str, str]:
    """A re-spelled copy of ``orig`` (as another tool would export it) under a new key."""
    f = dict(orig, ID=f"d{j}_{orig['ID']}")
    t = f["title"].replace("organised", "organized")
    f["title"] = (t.upper() if rng.random() < 0.3 else t) + rng.choice(["", ".", " "])
    if rng.random() < 0.5:
        f.pop("doi", None)
    f.pop("abstract", None)
    return f


def bibtex(fields: dict[str, str]) -> str:
    """One entry as BibTeX text."""
    body = ",\n".join(f"  {k} = {{{v}}}" for k, v in fields.items() if k not in ("ENTRYTYPE", "ID"))
    return f"@{fields['ENTRYTYPE']}{{{fields['ID']},\n{body}\n}}\n"


def corpus(n: int, seed: int) -> str:
    """``n`` entries, about 10% of them near-duplicates of earlier ones."""
    rng = random.Random(seed)
    out: list[dict[str, str]] = []
    for i in range(n):
        if out and rng.random() < 0.1:
            out.append(near_duplicate(rng.choice(out), i, rng))
        else:
            out.append(entry(i, rng))
    return "\n".join(bibtex(f) for f in out)


def _origin(key: str) -> str:
    """The original entry a near-duplicate was copied from (``d7_e3`` -> ``e3``)."""
    return key.rsplit("_", 1)[-1]


def cpu_s() -> float:
    """CPU seconds of this process and its finished children (the parallel readers)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def peak_mb() -> float:
    """Peak resident memory of this process, in MB."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def worker_peak_mb() -> float:
    """Peak resident memory of the largest finished child (a parallel reader), in MB."""
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def one(n: int, seed: int) -> dict[str, float]:
    """Measure every step for ``n`` entries (run in its own process)."""
    from litreview.corpus.dedup import merge_into
    from litreview.formats import FORMATS
    from litreview.formats.bibtex import read_bibtex

    text = corpus(n, seed)
    res: dict[str, float] = {"n": n, "gen_mb": peak_mb()}
    t, c, own = time.perf_counter(), cpu_s(), time.process_time()
    works, problems = read_bibtex(text, "bench.bib")
    res["read_s"], res["read_cpu"] = time.perf_counter() - t, cpu_s() - c
    res["read_main_cpu"] = time.process_time() - own
    res["read_problems"] = sum(p.severity == "error" for p in problems)
    t, c = time.perf_counter(), cpu_s()
    result = merge_into([], works)
    res["dedup_s"], res["dedup_cpu"] = time.perf_counter() - t, cpu_s() - c
    res["works"], res["merges"] = len(result.works), len(result.merges)
    dups = [w.key for w in works if w.key.startswith("d")]
    right = sum(_origin(m.kept) == _origin(m.merged) for m in result.merges)
    res["dups_found"] = right / max(1, len(dups))
    res["false_merges"] = len(result.merges) - right
    res["import_peak_mb"] = peak_mb()
    res["worker_peak_mb"] = worker_peak_mb()
    for name, fmt in FORMATS.items():
        if not fmt.writer:  # a database export litreview reads only
            continue
        try:
            writer = fmt.write()
        except ImportError:
            continue
        t, c = time.perf_counter(), cpu_s()
        writer(result.works)
        res[f"export_{name}_s"] = time.perf_counter() - t
        res[f"export_{name}_cpu"] = cpu_s() - c
    res["peak_mb"] = peak_mb()
    if n <= TEXT_MAX:
        text_export(result.works, res)
    return res


def text_export(works: list, res: dict[str, float]) -> None:
    """The formatted bibliography (APA) with each engine available; pandoc runs as a child
    process, so its time is in the CPU figures and its memory in ``text_pandoc_mb``."""
    from litreview.render import pandoc_citeproc
    from litreview.render.bibliography import render_bibliography

    engines = {"pandoc": works} if pandoc_citeproc.available() else {}
    engines["citeproc-py"] = works[:TEXT_CITEPROC_PY]  # ~15 ms an entry: a sample
    for engine, chosen in engines.items():
        t, c = time.perf_counter(), cpu_s()
        render_bibliography(chosen, style="apa", engine=engine)
        res[f"text_{engine}_n"] = len(chosen)
        res[f"text_{engine}_s"] = time.perf_counter() - t
        res[f"text_{engine}_cpu"] = cpu_s() - c
    res["text_pandoc_mb"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def growth(rows: list[dict[str, float]], key: str) -> float:
    """Exponent k of time ~ n^k between the smallest and largest size."""
    a, b = rows[0], rows[-1]
    if a.get(key, 0) <= 0 or b.get(key, 0) <= 0 or a["n"] == b["n"]:
        return float("nan")
    return math.log(b[key] / a[key]) / math.log(b["n"] / a["n"])


def main() -> None:
    """Run each size in a subprocess and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 30_000, 100_000])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(one(args.one, args.seed)))
        return
    rows = []
    for n in args.sizes:
        out = subprocess.run(
            [sys.executable, __file__, "--one", str(n), "--seed", str(args.seed)],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        rows.append(json.loads(out.strip().splitlines()[-1]))
    steps = ["read", "dedup"] + [
        k.removesuffix("_s") for k in rows[0] if k.startswith("export_") and k.endswith("_s")
    ]
    for unit, title in (
        ("_cpu", "CPU seconds (this process and its workers)"),
        ("_s", "wall seconds"),
    ):
        print(f"{title}:")
        print(
            " | ".join(
                f"{h:>9}"
                for h in ["n", "works", "merges", "peak MB"]
                + [s.removeprefix("export_") for s in steps]
            )
        )
        for r in rows:
            cells = [r["n"], r["works"], r["merges"], r["peak_mb"]] + [
                r.get(s + unit, float("nan")) for s in steps
            ]
            print(" | ".join(f"{c:>9.0f}" if i < 4 else f"{c:>9.2f}" for i, c in enumerate(cells)))
    print("growth exponent k of CPU time (time ~ n^k; 1.0 linear, ~1.1 n log n, 2.0 quadratic):")
    for s in steps:
        print(f"  {s:>16}: {growth(rows, s + '_cpu'):.2f}")
    big = rows[-1]
    for r in rows:
        for engine in ("pandoc", "citeproc-py"):
            if f"text_{engine}_s" in r:
                per = r[f"text_{engine}_s"] / r[f"text_{engine}_n"] * 1000
                print(
                    f"text (apa) via {engine}: {r[f'text_{engine}_n']:.0f} entries in "
                    f"{r[f'text_{engine}_s']:.1f} s wall = {per:.2f} ms an entry"
                    + (f", pandoc peak {r['text_pandoc_mb']:.0f} MB" if engine == "pandoc" else "")
                )
    for r in rows:
        main_cpu, workers_cpu = r["read_main_cpu"], r["read_cpu"] - r["read_main_cpu"]
        print(
            f"read {r['n']:.0f}: {main_cpu:.2f} s CPU in this process + {workers_cpu:.2f} s in "
            f"the reader worker (wall on 2 idle cores about {max(main_cpu, workers_cpu):.1f} s)"
        )
    print(
        f"near-duplicates found: {big['dups_found']:.1%}, false merges: {big['false_merges']:.0f}"
    )
    print(
        f"import+dedup {big['n']:.0f}: {big['read_cpu'] + big['dedup_cpu']:.1f} s CPU, "
        f"{big['read_s'] + big['dedup_s']:.1f} s wall (target < 20 s); "
        f"peak {big['import_peak_mb']:.0f} MB + {big['worker_peak_mb']:.0f} MB in the reader "
        f"worker (target < 1500 MB)"
    )


if __name__ == "__main__":
    main()
