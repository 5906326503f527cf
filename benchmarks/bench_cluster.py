"""Benchmark: clustering synthetic work titles (default 100,000) and the seeds' gap statements.

Prints wall time, k, stability (mean ARI between runs), agreement with the planted topics
(ARI), label purity (the share of each cluster's label words that belong to the planted topic
most of its titles come from), whether any label holds a digit, and peak memory. Titles are
drawn with a fixed seed from 20 planted topics of 8 made-up words each plus shared filler
words, so the right answer is known.

    python benchmarks/bench_cluster.py [--n N] [--map PATH]
    python benchmarks/bench_cluster.py --rules   # the default review's labels, each rule off
    python benchmarks/bench_cluster.py --labels [REVIEW ...]  # theme labels of reviews
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sklearn.metrics import adjusted_rand_score

from litreview.gaps.cluster import ThemeClusterer, statement_texts
from litreview.gaps.statements import default_cues, find_statements
from litreview.taxonomy.facets import load_taxonomy

SEEDS = ROOT.parent / "shared" / "seeds"


SYLLABLES = ["ka", "lo", "mi", "nu", "pe", "ra", "si", "to", "vu", "ze", "bo", "di"]


def word(n: int) -> str:
    """The ``n``-th made-up word: three syllables, letters only (labels drop digits)."""
    parts = []
    for _ in range(3):
        n, r = divmod(n, len(SYLLABLES))
        parts.append(SYLLABLES[r])
    return "".join(parts)


def synthetic(n: int, seed: int = 0, topics: int = 20) -> tuple[list[str], list[int]]:
    """``n`` title-like texts from ``topics`` planted vocabularies, and each text's topic."""
    rng = random.Random(seed)
    vocab = [[word(t * 8 + w) for w in range(8)] for t in range(topics)]
    filler = [word(topics * 8 + i) for i in range(60)]
    texts, truth = [], []
    for _ in range(n):
        t = rng.randrange(topics)
        words = rng.sample(vocab[t], 3) + rng.sample(filler, 5)
        rng.shuffle(words)
        texts.append(" ".join(words))
        truth.append(t)
    return texts, truth


def purity(labels: Sequence[int], keywords: Sequence[Sequence[str]], truth: list[int]) -> float:
    """Share of label words, over all clusters, from the planted topic of most members."""
    vocab = {word(t * 8 + w): t for t in range(20) for w in range(8)}
    good = total = 0
    for c, terms in enumerate(keywords):
        members = [truth[i] for i, lab in enumerate(labels) if lab == c]
        topic = Counter(members).most_common(1)[0][0]
        words = [w for t in terms for w in t.split()]
        good += sum(vocab.get(w) == topic for w in words)
        total += len(words)
    return good / max(1, total)


def rules_on_and_off() -> None:
    """The default review's work themes named with every rule, then with each one off: the
    top three terms per theme, how many terms recur in two themes' tops, the share of phrases."""
    from dataclasses import replace

    from litreview.gaps.cluster import cluster_texts
    from litreview.gaps.cluster_terms import TermRules, distinctive_terms
    from litreview.gaps.cluster_texts import work_texts
    from litreview.review import Review

    review = Review.at(ROOT)
    works, _ = review.load_works()
    skip = {d.work_key for d in review.load_documents() if d.work_key}
    keys, texts = work_texts([w for w in works if w.key not in skip], review.load_citations())
    result = cluster_texts(texts, keys, random_state=0)
    base = TermRules()
    variants = {
        "all rules": base,
        "no packaged stop list": replace(base, packaged_stops=False),
        "no lift floor (1.0)": replace(base, min_lift=1.0),
        "phrases never replace words": replace(base, phrase_keep=10.0),
        "words every cluster uses kept": replace(base, spread=2.0),
    }
    for name, rules in variants.items():
        tops = [t[:3] for t in distinctive_terms(texts, result.labels, rules=rules)]
        flat = [t for top in tops for t in top]
        repeated = sum(1 for t in set(flat) if sum(t in top for top in tops) > 1)
        phrases = sum(" " in t for t in flat) / max(1, len(flat))
        print(f"{name}: {repeated} terms in two themes' tops, {phrases:.0%} phrases")
        print("   " + " | ".join(", ".join(top) for top in tops))
    statement_rules_on_and_off(review)


def statement_rules_on_and_off(review: Any) -> None:
    """The default review's statement themes: the top three terms read from the statements'
    objects with every rule, then with each one off, then from the whole quotes."""
    from dataclasses import replace

    from litreview.gaps.cluster import cluster_texts
    from litreview.gaps.cluster_terms import distinctive_terms
    from litreview.gaps.cluster_texts import statement_id
    from litreview.gaps.objects import load_object_rules, statement_objects
    from litreview.gaps.themes import STATEMENT_RULES

    tax = review.load_taxonomy()
    stmts = review.load_statements(tax.facet_ids)
    ids, texts = statement_texts(stmts, tax.facet_ids)
    by_id = {statement_id(s): s for s in stmts}
    quotes = [by_id[i].quote for i in ids]
    rules = load_object_rules()
    objects = ["; ".join(statement_objects(by_id[i], rules)) for i in ids]
    result = cluster_texts(texts, ids, random_state=0)
    base = STATEMENT_RULES
    variants = {
        "statements, all rules": (objects, base),
        "statements, cue words kept": (objects, replace(base, cue_words=False)),
        "statements, words every cluster uses kept": (objects, replace(base, spread=2.0)),
        "statements, quotes instead of objects": (quotes, base),
    }
    for name, (naming, term_rules) in variants.items():
        tops = distinctive_terms(naming, result.labels, rules=term_rules, background=quotes)
        print(f"{name}: " + " | ".join(", ".join(t[:3]) or "-" for t in tops))


def labels(paths: Sequence[str]) -> None:
    """The labels of the statement themes and the work themes of each review (the default
    review first), one line each: kind, cluster, size, label."""
    from litreview.render.clusters import statement_clusters, work_clusters
    from litreview.review import Review

    for path in [str(ROOT), *paths]:
        review = Review.at(Path(path))
        tax = review.load_taxonomy()
        works, _ = review.load_works()
        skip = {d.work_key for d in review.load_documents() if d.work_key}
        stmts = statement_clusters(review.load_statements(tax.facet_ids), tax)
        found = work_clusters(
            [w for w in works if w.key not in skip],
            review.load_citations(),
            review.load_tags(),
            tax,
        )
        print(f"== {path}")
        for kind, themes in (("statements", stmts), ("works", found)):
            for t in themes.themes if themes else ():
                print(f"{kind}\t{t.cluster}\t{t.size}\t{t.label}")


def main() -> None:
    """Run both benchmarks and print the figures."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=100_000)
    ap.add_argument("--map", default="")
    ap.add_argument("--rules", action="store_true", help="measure each naming rule on and off")
    ap.add_argument("--labels", nargs="*", metavar="REVIEW", help="print reviews' theme labels")
    args = ap.parse_args()
    if args.labels is not None:
        labels(args.labels)
        return
    if args.rules:
        rules_on_and_off()
        return
    texts, truth = synthetic(args.n)
    t0, c0 = time.perf_counter(), time.process_time()
    model = ThemeClusterer(random_state=0, k_range=(2, 30)).fit(texts)
    took, cpu = time.perf_counter() - t0, time.process_time() - c0
    print(
        f"works: n={args.n} k={model.k_} stability={model.stability_:.3f} "
        f"ARI-vs-planted={adjusted_rand_score(truth, model.labels_):.3f} "
        f"silhouette={model.silhouette_:.3f} wall={took:.1f}s cpu={cpu:.1f}s"
    )
    print(
        f"labels: purity={purity(model.labels_, model.keywords_, truth):.3f} "
        f"with-digits={sum(any(ch.isdigit() for t in kw for ch in t) for kw in model.keywords_)} "
        f"first={' | '.join(', '.join(kw[:2]) for kw in model.keywords_[:3])}"
    )
    if args.map:
        from litreview.render.cluster_figures import cluster_map_png

        png = cluster_map_png(model.result(), title=f"{args.n} synthetic titles")
        Path(args.map).write_bytes(png)
    tax = load_taxonomy((ROOT / "bibliography" / "taxonomy.yaml").read_text(encoding="utf-8"))
    stmts = [
        s
        for p in sorted(SEEDS.glob("*.txt"))
        for s in find_statements(p.stem, p.read_text(encoding="utf-8"), default_cues(), tax)
    ]
    stmts.sort(key=lambda s: (s.doc_id, s.char_start))
    _, stexts = statement_texts(stmts, tax.facet_ids)
    for seed in (0, 1, 2):
        t0 = time.perf_counter()
        m = ThemeClusterer(random_state=seed).fit(stexts, naming=[s.quote for s in stmts])
        print(
            f"statements: n={len(stexts)} seed={seed} k={m.k_} stability={m.stability_:.3f} "
            f"silhouette={m.silhouette_:.3f} time={time.perf_counter() - t0:.2f}s"
        )
    print(
        "words of the whole statements (seed 2; the report names themes by objects: --labels):",
        "; ".join(", ".join(kw[:3]) for kw in m.keywords_),
    )
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory: {peak:.0f} MB")


if __name__ == "__main__":
    main()
