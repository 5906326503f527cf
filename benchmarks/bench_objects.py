"""How well the object of a gap statement is found: against ``statements/objects_gold.yaml``.

    python3 benchmarks/bench_objects.py [--half dev|test|both] [--misses]

Each labelled sentence is given to :func:`litreview.gaps.objects.find_objects` (no values
named: the patterns alone) and its first object is taken as the sentence's. Printed for each
half (split by document; patterns are tuned on ``dev``, ``test`` is only measured): the share
of sentences given an object (and of those with a gold object); exact matches as precision
(of the objects found), recall (of the gold objects) and F1; the same with token overlap
(the tokens a found object shares with the gold one, as precision and recall, summed over
sentences: a found object where gold has none scores 0); and how many objects each pattern
gave, with how many of them match exactly. ``--misses`` lists the sentences not matched.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from litreview.gaps.objects import find_objects, load_object_rules

GOLD = ROOT / "benchmarks" / "statements" / "objects_gold.yaml"
_TOKEN = re.compile(r"\w+")


@dataclass(frozen=True)
class Case:
    """One labelled sentence, its gold object (None: names none) and what was found."""

    doc: str
    sentence: str
    gold: str | None
    found: str | None
    pattern: str


def tokens(text: str | None) -> Counter[str]:
    """The words of ``text``, lower-cased, as a multiset."""
    return Counter(_TOKEN.findall((text or "").lower()))


def f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def measure(cases: list[Case]) -> dict[str, float]:
    """Shares found, exact and token-overlap precision, recall and F1 of ``cases``."""
    found = [c for c in cases if c.found]
    gold = [c for c in cases if c.gold]
    exact = sum(c.found == c.gold for c in found)
    tp_p = sum(_overlap(c)[0] for c in found)
    tp_r = sum(_overlap(c)[1] for c in gold)
    ep, er = exact / max(1, len(found)), exact / max(1, len(gold))
    tp, tr = tp_p / max(1, len(found)), tp_r / max(1, len(gold))
    return {
        "n": len(cases),
        "gold": len(gold),
        "found": len(found) / max(1, len(cases)),
        "found_gold": sum(bool(c.found) for c in gold) / max(1, len(gold)),
        "exact_p": ep,
        "exact_r": er,
        "exact_f1": f1(ep, er),
        "token_p": tp,
        "token_r": tr,
        "token_f1": f1(tp, tr),
    }


def _overlap(c: Case) -> tuple[float, float]:
    """Token precision and recall of the found object against the gold one."""
    got, want = tokens(c.found), tokens(c.gold)
    shared = sum((got & want).values())
    return shared / max(1, sum(got.values())), shared / max(1, sum(want.values()))


def load(half: str) -> list[Case]:
    rules = load_object_rules()
    raw = yaml.safe_load(GOLD.read_text(encoding="utf-8"))["statements"]
    out = []
    for item in raw:
        if half != "both" and item["half"] != half:
            continue
        objs = find_objects(item["sentence"], rules)
        first = objs[0] if objs else None
        out.append(
            Case(
                doc=item["doc"],
                sentence=item["sentence"],
                gold=item["object"],
                found=first.text if first else None,
                pattern=first.pattern if first else "",
            )
        )
    return out


def report(name: str, cases: list[Case], misses: bool) -> None:
    m = measure(cases)
    docs = len({c.doc for c in cases})
    print(f"{name}: {m['n']} sentences of {docs} documents, {m['gold']} with an object")
    print(f"  object found: {m['found']:.3f} of sentences, {m['found_gold']:.3f} of those with one")
    print(f"  exact: precision {m['exact_p']:.3f} recall {m['exact_r']:.3f} F1 {m['exact_f1']:.3f}")
    print(
        f"  token overlap: precision {m['token_p']:.3f} recall {m['token_r']:.3f} "
        f"F1 {m['token_f1']:.3f}"
    )
    by = Counter(c.pattern for c in cases if c.found)
    hit = Counter(c.pattern for c in cases if c.found and c.found == c.gold)
    for pattern, n in sorted(by.items()):
        print(f"  {pattern:24} {n:4} found, {hit[pattern]:4} exact")
    if misses:
        for c in cases:
            if c.found != c.gold:
                print(f"    - {c.sentence}\n      gold:  {c.gold}\n      found: {c.found}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--half", choices=("dev", "test", "both"), default="both")
    ap.add_argument("--misses", action="store_true")
    args = ap.parse_args()
    halves = ("dev", "test") if args.half == "both" else (args.half,)
    for half in halves:
        report(half, load(half), args.misses)


if __name__ == "__main__":
    main()
