"""Benchmark: the gaps step on a synthetic corpus (default 100,000 works).

Prints wall time per stage and peak memory. The statements are the real ones found in the
seed documents with the default review's taxonomy; works and tags are synthetic, drawn with a
fixed seed from the taxonomy's values with skewed frequencies (so some cells are thin).

    python benchmarks/bench_gaps.py [--works N] [--review DIR]
    python benchmarks/bench_gaps.py --report   # `litreview report` on a copy of the default review
"""

from __future__ import annotations

import argparse
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from litreview.core.model import Evidence, Person, Tag, Work
from litreview.gaps.index import load_settings
from litreview.gaps.register import find_gaps
from litreview.gaps.statements import default_cues, find_statements
from litreview.render import egm, eppi, gap_figures
from litreview.render.briefs import render_briefs
from litreview.render.gap_outputs import gap_context
from litreview.render.register import render_register
from litreview.review import Review
from litreview.taxonomy import labels_of

SEEDS = ROOT.parent / "shared" / "seeds"
TYPES = ("report", "article-journal", "webpage", "book", "chapter")


def synthetic(taxonomy: object, n: int, seed: int = 7) -> tuple[list[Work], list[Tag]]:
    """``n`` works, each with 1-2 values per facet drawn with Zipf-like weights."""
    rng = random.Random(seed)
    works, tags = [], []
    facets = taxonomy.facets  # type: ignore[attr-defined]
    for i in range(n):
        key = f"w{i:06d}"
        works.append(
            Work(
                key=key,
                type=rng.choice(TYPES),
                issued=str(rng.randint(1990, 2024)),
                title=f"Synthetic study {i} of {rng.choice(('a', 'the', 'some'))} thing",
                authors=(Person(family=f"Author{i % 997}", given="A."),),
                url=f"https://example.org/{i}",
            )
        )
        for f in facets:
            values = [v.id for v in f.values]
            weights = [1 / (r + 1) ** 1.3 for r in range(len(values))]
            for v in set(rng.choices(values, weights, k=rng.randint(1, 2))):
                tags.append(
                    Tag(
                        work_key=key,
                        facet=f.id,
                        value=v,
                        source="title",
                        evidence=Evidence(quote=v, field="title"),
                    )
                )
    return works, tags


def bench_report() -> None:
    """Time ``litreview report`` (a fresh process) on a copy of the default review."""
    with tempfile.TemporaryDirectory() as tmp:
        shutil.copytree(ROOT / "bibliography", Path(tmp) / "main" / "bibliography")
        (Path(tmp) / "shared").symlink_to(ROOT.parent / "shared")
        code = (
            "import sys; from litreview.commands import report; import argparse; "
            "p = argparse.ArgumentParser(); report.add_arguments(p); "
            "sys.exit(report.run(p.parse_args(sys.argv[1:])))"
        )
        t0 = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-c", code, "--review", str(Path(tmp) / "main")],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=False,
        )
        wall = time.perf_counter() - t0
        usage = resource.getrusage(resource.RUSAGE_CHILDREN)
        peak, cpu = usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime
        print(done.stdout + done.stderr)
        print(
            f"litreview report on the default review: {wall:.1f} s wall, {cpu:.1f} s CPU, "
            f"peak RSS {peak:.0f} MB, "
            f"exit {done.returncode}"
        )


def main() -> None:
    """Run the stages and print timings."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--works", type=int, default=100_000)
    parser.add_argument("--review", default=str(ROOT))
    parser.add_argument("--report", action="store_true", help="time report on the default review")
    args = parser.parse_args()
    if args.report:
        bench_report()
        return
    taxonomy = Review.at(args.review).load_taxonomy()
    t0 = time.perf_counter()
    cues = default_cues()
    texts = {p.stem: p.read_text("utf-8") for p in sorted(SEEDS.glob("*.txt"))}
    statements = [s for d, t in texts.items() for s in find_statements(d, t, cues, taxonomy)]
    settings = load_settings()
    works, tags = synthetic(taxonomy, args.works)
    t1, c1 = time.perf_counter(), time.process_time()
    gaps = find_gaps(
        statements,
        tags,
        works,
        taxonomy.facet_ids,
        labels=labels_of(taxonomy).values,
        settings=settings,
        any_values=taxonomy.fallbacks,  # as litreview gaps runs it
    )
    t2 = time.perf_counter()
    files = dict(render_register(gaps, statements, taxonomy.facet_ids))
    ctx = gap_context(taxonomy, works, [], tags, settings)
    files.update(render_briefs(gaps, ctx))
    t3 = time.perf_counter()
    page = egm.render_map(
        egm.egm_data(
            title="bench",
            facets=taxonomy.facets,
            works=works,
            tags=tags,
            statements=statements,
            thin_max=max((g.thin_max for g in gaps), default=settings.thin_max),
            citation_text=ctx.citations,
            gaps=gaps,
        )
    )
    t4 = time.perf_counter()
    export = eppi.eppi_json(taxonomy.facets, works, tags)
    png = gap_figures.plot_statements_per_theme(gap_figures.compute_statements_per_theme(gaps))
    t5 = time.perf_counter()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"works {len(works)}, tags {len(tags)}, statements {len(statements)}, gaps {len(gaps)}")
    print(f"setup (statements + synthetic corpus) {t1 - t0:.1f} s")
    print(
        f"find_gaps {t2 - t1:.2f} s; register + briefs {t3 - t2:.2f} s; "
        f"map.html {t4 - t3:.2f} s ({len(page) / 1e6:.1f} MB); EPPI + figure {t5 - t4:.2f} s "
        f"({len(export) / 1e6:.1f} MB, {len(png)} B)"
    )
    print(
        f"gaps total {t5 - t1:.1f} s wall; {time.process_time() - c1:.1f} s CPU; "
        f"peak RSS {peak:.0f} MB"
    )


if __name__ == "__main__":
    main()
