"""Every labelled sentence's gap score, saved or compared: a speed change must not move one.

    python3 benchmarks/statement_scores.py --save FILE.json     # before a change
    python3 benchmarks/statement_scores.py --compare FILE.json  # after it

Reads the labelled documents (``tests/data/statement_check.yaml``: the seeds;
``benchmarks/statements/labels``: the development set; never the held-out ones), and for
each sentence keeps its blended score, the linear model's and the encoder's parts, its kind
and strength; for each document, the statements ``find_statements`` gives on the default
review's taxonomy (offsets, score, kind, strength, why, facets). ``--compare`` prints the
largest difference of a score, and every sentence whose flag (score at or above the
threshold), kind or strength changed, or statement that differs; it exits 1 when a score
moved by more than ``--tolerance`` (default 1e-6) or anything else changed.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from litreview.gaps.cues import default_cues
from litreview.gaps.sentence_encoder import default_encoder
from litreview.gaps.statement_data import load_labels
from litreview.gaps.statement_model import default_model
from litreview.gaps.statements import find_statements, score_sentences
from litreview.taxonomy.facets import load_taxonomy

SCORES = ("score", "linear", "encoder", "implicit")


def label_files() -> list[Path]:
    """The label files, seeds first."""
    files = [ROOT / "tests" / "data" / "statement_check.yaml"]
    files += sorted((ROOT / "benchmarks" / "statements" / "labels").glob("*.yaml"))
    return files


def collect() -> dict[str, Any]:
    """Per document: its sentences' scores and its statements."""
    cues, model, encoder = default_cues(), default_model(), default_encoder()
    taxonomy = load_taxonomy((ROOT / "bibliography" / "taxonomy.yaml").read_text("utf-8"))
    out: dict[str, Any] = {"threshold": cues.threshold, "docs": {}}
    for f in label_files():
        for d in load_labels(f, ROOT):
            sents, _, scores, parts = score_sentences(d.text, cues, model, encoder)
            rows = [
                {
                    "start": s.start,
                    "score": float(parts.score[i]),
                    "linear": float(parts.linear[i]),
                    "encoder": None if math.isnan(parts.encoder[i]) else float(parts.encoder[i]),
                    "implicit": float(scores.implicit[i]),
                    "kind": scores.kind[i],
                }
                for i, s in enumerate(sents)
            ]
            found = [
                [g.char_start, g.char_end, g.score, g.kind, g.strength, g.why, repr(g.facets)]
                for g in find_statements(d.doc_id, d.text, cues, taxonomy)
            ]
            out["docs"][f"{f.name}:{d.doc_id}"] = {"sentences": rows, "statements": found}
    return out


def compare(old: dict[str, Any], new: dict[str, Any], tolerance: float) -> int:
    """Print what differs; 0 when nothing does beyond ``tolerance``."""
    worst, changed, n = 0.0, 0, 0
    t = old["threshold"]
    for key, doc in old["docs"].items():
        other = new["docs"].get(key)
        if other is None or len(other["sentences"]) != len(doc["sentences"]):
            print(f"{key}: sentences differ")
            changed += 1
            continue
        for a, b in zip(doc["sentences"], other["sentences"], strict=True):
            n += 1
            for name in SCORES:
                if (a[name] is None) != (b[name] is None):
                    print(f"{key} @{a['start']}: {name} read {a[name]} -> {b[name]}")
                    changed += 1
                elif a[name] is not None:
                    worst = max(worst, abs(a[name] - b[name]))
            if (a["score"] >= t) != (b["score"] >= t) or a["kind"] != b["kind"]:
                print(f"{key} @{a['start']}: {a['score']} {a['kind']} -> {b['score']} {b['kind']}")
                changed += 1
            if (a["implicit"] >= 0.5) != (b["implicit"] >= 0.5):
                print(f"{key} @{a['start']}: strength changed")
                changed += 1
        if doc["statements"] != other["statements"]:
            print(f"{key}: statements differ")
            changed += 1
    print(f"{len(old['docs'])} documents, {n} sentences: largest score difference {worst:.2e}")
    print(f"{changed} changed flags, kinds, strengths or statements")
    return int(worst > tolerance or changed > 0)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument("--save", type=Path)
    group.add_argument("--compare", type=Path)
    parser.add_argument("--tolerance", type=float, default=1e-6)
    args = parser.parse_args()
    now = collect()
    if args.save:
        args.save.write_text(json.dumps(now), "utf-8")
        n = sum(len(d["sentences"]) for d in now["docs"].values())
        print(f"{len(now['docs'])} documents, {n} sentences saved to {args.save}")
        return 0
    return compare(json.loads(args.compare.read_text("utf-8")), now, args.tolerance)


if __name__ == "__main__":
    sys.exit(main())
