"""Score the shipped reference parser on legal citations (cases, statutes, regulations).

    python3 benchmarks/bench_refparse_legal.py [--misses]

``refparse_data/legal_gold.jsonl`` holds 96 citations of cases, the U.S. Code, the Code of
Federal Regulations, the Statutes at Large, public laws, bills and the Federal Register,
taken from the footnotes of public-domain reports in the repository (a CRS legal report in
``documents_styles/docs`` and two GAO reports of the shared documents) and three from the
references of a shared PLOS article (each record's ``meta.source``), with their CSL fields
written by hand (``refparse_data/LEGAL.md``): type (``legal_case``, ``legislation``,
``regulation``, ``bill``), title (the case's name, the act's
name), container (the reporter, code or register), volume, page (the first page; a
pinpoint is no field of the work), year, number (docket or public-law number), authority
(the court, where the citation gives it) and section. Never trained on. The benchmark's
score.py scores each field; ``--misses`` lists each wrong field; ``--no-legal`` leaves out
the legal grammar (``refparse_legal.py``): the models alone.

``refparse_data/law_reviews.jsonl`` holds 32 citations of law-review and other journal
articles in The Bluebook's form (``66 STAN. L. REV. 545 (2014)``) from the footnotes of a
paper in the public domain (CC0 1.0; ``meta.source``), fields by hand (author, title,
journal, volume, first page, year): scored the same way. Like ``legal_gold.jsonl`` it is a
development set of the grammar (its misses were read while the law journals' forms were
written; ``refparse_data/LEGAL.md``).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from refparse_scoring import record_misses, score_records
from refparse_train_data import DATA, load

from litreview.extract.refparse import ReferenceParser

MODELS = ROOT / "litreview" / "data"
GOLD = DATA / "legal_gold.jsonl"
ARTICLES = DATA / "law_reviews.jsonl"
ARTICLE_FIELDS = ("type", "author", "title", "container-title", "volume", "pages", "year")
FIELDS = (
    "type",
    "title",
    "container-title",
    "volume",
    "pages",
    "year",
    "number",
    "authority",
    "section",
)
"""score.py's names of the scored fields."""


def main() -> int:
    """Per-field precision, recall and F1 of the shipped parser on the legal citations."""
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--misses", action="store_true", help="list every wrong field")
    ap.add_argument(
        "--no-legal", action="store_true", help="the models alone, without the legal grammar"
    )
    args = ap.parse_args()
    parser = ReferenceParser(
        MODELS / "refparse.npz", MODELS / "refparse_type.crfsuite", legal=not args.no_legal
    )
    for name, label, path, fields in (
        ("legal citations", "legal", GOLD, FIELDS),
        ("law-review articles", "law-review", ARTICLES, ARTICLE_FIELDS),
    ):
        records = load(path)
        if args.misses:
            for miss in record_misses(parser.parse, records, fields):
                wrong = f"gold {miss.gold!r}, parsed {miss.parsed!r}"
                print(f"{miss.record['id']} {miss.field}: {wrong}")
                print(f"  {miss.record['raw']}")
        result = score_records(parser, records, fields=fields)
        print(f"{name} ({len(records)}, {path.name}):")
        print(f"  {'field':<16}{'P':>7}{'R':>7}{'F1':>7}")
        for field, f in result["fields"].items():
            print(f"  {field:<16}{f['precision']:>7.3f}{f['recall']:>7.3f}{f['f1']:>7.3f}")
        print(f"  {label} micro-F1 {result['micro_f1']:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
