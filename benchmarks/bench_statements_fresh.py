"""The shipped gap-statement detector on held-out documents it has never seen.

    python3 benchmarks/bench_statements_fresh.py [--threshold T] [--labels DIR] [--encoder FILE]

Reads the label files of ``benchmarks/statements/fresh/labels/`` (documents chosen and
labelled whole before the detector was run on them; no training or tuning script reads that
folder) and runs ``find_statements`` as a review does, with the package's default settings:
the blend of the linear model and the sentence encoder, and the linear model alone
(``encoder_share`` 0), both at the shipped threshold (or ``--threshold``). A statement is
right when its sentence is labelled a gap (``sentence_labels``); a labelled gap in a sentence
the detector never reads counts as missed (a document without gaps and without statements
scores 1.0). Prints precision, recall and F1 per document and pooled (with 95% Wilson
intervals: the set is small), recall by kind and strength, and every miss and false positive
with its scores. Nothing here may be tuned on: the figures are the held-out estimate.
``--labels DIR`` scores another folder of labels the shipped model was not trained on (the
excerpts of ``benchmarks/statements/excerpts/labels``, training's ``--train-only`` data,
which the shipped model does not read). ``--encoder FILE`` blends another encoder (one
``train_encoder.py --out FILE`` wrote) in place of the shipped one, to compare encoders on
documents neither was trained on.
"""

from __future__ import annotations

import argparse
import math
import sys
from dataclasses import dataclass, replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from litreview.gaps.cues import Cues, default_cues
from litreview.gaps.sentence_encoder import Encoder, default_encoder, load_encoder
from litreview.gaps.statement_data import (
    KINDS,
    STRENGTHS,
    LabelledDocument,
    SentenceLabel,
    load_labels,
    sentence_labels,
)
from litreview.gaps.statement_model import default_model
from litreview.gaps.statement_scope import Sentence, read_sentences
from litreview.gaps.statements import find_statements, score_sentences
from litreview.taxonomy.facets import Taxonomy, load_taxonomy

FRESH = ROOT / "benchmarks" / "statements" / "fresh" / "labels"
MODES = ("linear", "blend")


@dataclass(frozen=True, slots=True)
class Judged:
    """A labelled document, its sentences and labels, and what each mode flagged and scored."""

    doc: LabelledDocument
    sents: list[Sentence]
    labels: list[SentenceLabel]
    flags: dict[str, set[int]]  # mode -> indices of the sentences it made statements
    scores: dict[str, list[float]]  # mode -> each sentence's score


def fresh_documents(folder: Path = FRESH) -> list[LabelledDocument]:
    """The held-out labelled documents, in doc_id order."""
    docs = [d for f in sorted(folder.glob("*.yaml")) for d in load_labels(f, ROOT)]
    return sorted(docs, key=lambda d: d.doc_id)


def judge(
    doc: LabelledDocument, cues: Cues, taxonomy: Taxonomy, encoder: Encoder | None = None
) -> Judged:
    """Run the detector on ``doc`` in each mode, as ``find_statements`` does for a review
    (``taxonomy`` names the facets of its statements; it does not change what is found);
    ``encoder`` in place of the shipped one."""
    model, encoder = default_model(), encoder or default_encoder()
    sents = read_sentences(doc.text, cues)
    start = {s.start: i for i, s in enumerate(sents)}
    flags, scores = {}, {}
    for mode in MODES:
        c = cues if mode == "blend" else replace(cues, encoder_share=0.0)
        found = find_statements(doc.doc_id, doc.text, c, taxonomy, model=model, encoder=encoder)
        flags[mode] = {start[s.char_start] for s in found}
        _, _, sc, _ = score_sentences(doc.text, c, model, encoder if mode == "blend" else None)
        scores[mode] = [float(x) for x in sc.gap]
    return Judged(doc, sents, sentence_labels(doc, sents), flags, scores)


def prf(tp: int, flagged: int, gold: int) -> tuple[float, float, float]:
    """Precision, recall and F1 (1.0 for an empty denominator, F1 0 when both are 0)."""
    p = tp / flagged if flagged else 1.0
    r = tp / gold if gold else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def wilson(k: int, n: int, z: float = 1.96) -> str:
    """The 95% Wilson interval of the proportion ``k / n``, as ``[low, high]``."""
    if not n:
        return "[-]"
    p, d = k / n, 1 + z * z / n
    mid, half = (p + z * z / (2 * n)) / d, z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / d
    return f"[{mid - half:.2f}, {mid + half:.2f}]"


def counts(j: Judged, mode: str) -> tuple[int, int, int]:
    """Right statements, statements, labelled gaps."""
    gold = {i for i, lab in enumerate(j.labels) if lab.gap}
    return len(j.flags[mode] & gold), len(j.flags[mode]), len(gold)


def table(judged: list[Judged], threshold: float) -> None:
    """Per document and pooled: precision, recall and F1 of each mode."""
    print(f"\n# Held-out documents, threshold {threshold:.2f}\n")
    head = " | ".join(f"{m} right/flagged | {m} P | {m} R | {m} F1" for m in MODES)
    print(f"| document | sentences read | gaps | {head} |")
    print("|---|---:|---:|" + "---:|" * 4 * len(MODES))
    pooled = {m: [0, 0, 0] for m in MODES}
    for j in judged:
        read = sum(not s.excluded for s in j.sents)
        cells = [j.doc.doc_id, str(read), str(counts(j, MODES[0])[2])]
        for m in MODES:
            row = counts(j, m)
            pooled[m] = [a + b for a, b in zip(pooled[m], row, strict=True)]
            cells += [f"{row[0]}/{row[1]}", *(f"{x:.3f}" for x in prf(*row))]
        print("| " + " | ".join(cells) + " |")
    cells = ["**pooled**", str(sum(sum(not s.excluded for s in j.sents) for j in judged))]
    cells.append(str(pooled[MODES[0]][2]))
    for m in MODES:
        cells += [f"{pooled[m][0]}/{pooled[m][1]}", *(f"**{x:.3f}**" for x in prf(*pooled[m]))]
    print("| " + " | ".join(cells) + " |")
    print()
    for m in MODES:
        tp, flagged, gold = pooled[m]
        p, r, f = prf(tp, flagged, gold)
        print(
            f"pooled {m}: precision {p:.3f} {wilson(tp, flagged)} recall {r:.3f} "
            f"{wilson(tp, gold)} F1 {f:.3f}"
        )


def by_label(judged: list[Judged]) -> None:
    """Recall of each mode by kind and by strength, pooled."""
    print("\n| gaps of | labelled | " + " | ".join(f"{m} found" for m in MODES) + " |")
    print("|---|---:|" + "---:|" * len(MODES))
    groups = [("kind", k) for k in KINDS] + [("strength", s) for s in STRENGTHS]
    for field, value in groups:
        hits = [
            (i, j)
            for j in judged
            for i, lab in enumerate(j.labels)
            if lab.gap and getattr(lab, field) == value
        ]
        found = [sum(i in j.flags[m] for i, j in hits) for m in MODES]
        print(f"| {field} {value} | {len(hits)} | " + " | ".join(map(str, found)) + " |")


def errors(judged: list[Judged]) -> None:
    """Every sentence either mode gets wrong: labelled gaps missed, statements not gaps."""
    print("\n## Misses and false positives (L: linear alone, B: blend; scores linear/blend)\n")
    for j in judged:
        for i, (s, lab) in enumerate(zip(j.sents, j.labels, strict=True)):
            wrong = [m for m in MODES if (i in j.flags[m]) != lab.gap]
            if not wrong:
                continue
            what = f"miss {lab.kind}/{lab.strength}" if lab.gap else "false positive"
            what += " (hard case)" if lab.hard else ""
            what += " (not read)" if s.excluded else ""
            who = "+".join("L" if m == "linear" else "B" for m in wrong)
            sc = "/".join(f"{j.scores[m][i]:.2f}" for m in MODES)
            print(f"- {j.doc.doc_id} [{who}] {what}, {sc}: {s.flat[:160]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--threshold", type=float, default=None)
    parser.add_argument("--labels", type=Path, default=FRESH, help="a folder of label files")
    parser.add_argument("--encoder", type=Path, help="an encoder file to blend instead")
    args = parser.parse_args()
    encoder = load_encoder(args.encoder.read_bytes()) if args.encoder else None
    cues = default_cues()
    if args.threshold is not None:
        cues = replace(cues, threshold=args.threshold)
    taxonomy = load_taxonomy((ROOT / "bibliography" / "taxonomy.yaml").read_text("utf-8"))
    judged = [judge(d, cues, taxonomy, encoder) for d in fresh_documents(args.labels)]
    table(judged, cues.threshold)
    by_label(judged)
    errors(judged)


if __name__ == "__main__":
    main()
