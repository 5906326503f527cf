"""Scoring helpers of the reference-parser benchmarks: the shared score.py on any set.

* :func:`score_file` runs the benchmark's ``score.py`` on a gold and a prediction file and
  returns its figures.
* :func:`score_records` parses records with a parser and scores them (gold fields from
  the record, or for synthetic records built from their labels, :func:`synthetic_gold`).
* :func:`score_sets` scores a parser on a gold block, grey, the synthetic held-out set,
  the PLOS references and the documents' references: the rows of the ablation table.
* :func:`record_misses` lists the fields of labelled records a parse gets wrong, compared
  as score.py compares them.
"""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any, NamedTuple

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from make_jats_refs import SCORED as JATS_FIELDS
from refparse_documents import document_references
from refparse_documents import score as score_documents
from refparse_spans import unlink
from refparse_train_data import BENCH, DATA, load, segments

from litreview.extract.refparse import ReferenceParser
from litreview.extract.refparse_fields import build_fields

CSL_KEYS = {"year": "issued", "pages": "page", "doi": "DOI", "url": "URL"}
"""The parser's key of each of score.py's field names that differ."""


def score_file(
    gold: Path, pred: Path, *, quiet: bool = True, fields: tuple[str, ...] = ()
) -> dict[str, Any]:
    """score.py's figures for a prediction file (its table printed unless ``quiet``; only
    ``fields`` if given)."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "score.json"
        cmd = [sys.executable, str(BENCH / "score.py"), str(gold), str(pred), "--json", str(out)]
        if fields:
            cmd += ["--fields", ",".join(fields)]
        done = subprocess.run(cmd, check=True, capture_output=quiet, text=True)
        result = json.loads(out.read_text(encoding="utf-8"))
    result["micro_f1"] = result["micro"]["f1"]
    if not quiet:
        sys.stdout.flush()
    del done
    return result


def synthetic_gold(record: dict, unlinked: bool = False) -> dict[str, Any]:
    """The gold fields of a rendered record: its labelled segments through the field
    normalisers (the segmentation is the truth; the normalisers are shared), and its type.
    With ``unlinked`` a link inside a title (pandoc linked the title) is a link, not title
    (:func:`refparse_spans.unlink`; 114 of the 1,500 held-out records)."""
    if unlinked:
        record = {**record, "labels": unlink(record["labels"])}
    fields = build_fields(segments(record))
    fields["type"] = record["meta"]["type"]
    return fields


def score_records(
    parser: ReferenceParser,
    records: list[dict],
    *,
    synthetic: bool = False,
    quiet: bool = True,
    unlinked: bool = False,
    fields: tuple[str, ...] = (),
) -> dict[str, Any]:
    """Parse ``records`` and score them with score.py (``synthetic``: gold from the labels,
    :func:`synthetic_gold`; ``fields``: only these). A field a record's ``meta.untagged``
    names (its source does not say what it is) is dropped from the parse too."""
    with tempfile.TemporaryDirectory() as tmp:
        gold, pred = Path(tmp) / "gold.jsonl", Path(tmp) / "pred.jsonl"
        with gold.open("w", encoding="utf-8") as gh, pred.open("w", encoding="utf-8") as ph:
            for rec in records:
                truth = synthetic_gold(rec, unlinked) if synthetic else rec["fields"]
                gh.write(json.dumps({"id": rec["id"], "fields": truth}) + "\n")
                parsed = parser.parse(rec["raw"])
                untagged = {CSL_KEYS.get(f, f) for f in rec.get("meta", {}).get("untagged", ())}
                parsed = {k: v for k, v in parsed.items() if k not in untagged}
                ph.write(json.dumps({"id": rec["id"], "fields": parsed}) + "\n")
        return score_file(gold, pred, quiet=quiet, fields=fields)


def score_sets(parser: ReferenceParser, gold_block: list[dict]) -> dict[str, Any]:
    """Micro-F1 on a gold block, grey, the synthetic held-out set, the PLOS references and
    the yearly reports of bodies, and the documents' per-field F1: one row of the ablation
    table."""
    docs = score_documents(document_references(), parser.parse)
    plos = score_records(parser, load(DATA / "plos_mixed.jsonl"), fields=JATS_FIELDS)
    return {
        "gold_block": round(score_records(parser, gold_block)["micro_f1"], 4),
        "grey": round(score_records(parser, load(BENCH / "anystyle_grey.jsonl"))["micro_f1"], 4),
        "synthetic": round(
            score_records(parser, load(DATA / "synth_heldout.jsonl"), synthetic=True)["micro_f1"],
            4,
        ),
        "synthetic_unlinked": round(
            score_records(
                parser, load(DATA / "synth_heldout.jsonl"), synthetic=True, unlinked=True
            )["micro_f1"],
            4,
        ),
        "plos": round(plos["micro_f1"], 4),
        "yearly": round(score_records(parser, load(DATA / "yearly_reports.jsonl"))["micro_f1"], 4),
        **{f"doc_{f}": round(docs[f]["f1"], 4) for f in ("author", "title", "year", "container")},
    }


def _score_module() -> Any:
    """The shared benchmark's score.py, imported (its normalisers decide what matches)."""
    spec = importlib.util.spec_from_file_location("refparse_score", BENCH / "score.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class RecordMiss(NamedTuple):
    """One field of one labelled record the parse gets wrong (wrong, missing or extra)."""

    record: dict
    field: str
    gold: Any
    parsed: Any


def record_misses(
    parse: Any, records: list[dict], fields: tuple[str, ...] = ("title",)
) -> list[RecordMiss]:
    """Every field of ``fields`` whose gold and parsed values differ after score.py's
    normalisation (authors as score.py's name keys), in the order of the records."""
    score = _score_module()
    out = []
    for rec in records:
        item = parse(rec["raw"])
        for field in fields:
            if score.value(rec["fields"], field) != score.value(item, field):
                gold, got = score.get_field(rec["fields"], field), score.get_field(item, field)
                out.append(RecordMiss(rec, field, gold, got))
    return out
