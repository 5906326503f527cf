"""Journal articles read from their publisher's JATS XML against the same articles as Markdown.

    python3 benchmarks/bench_jats.py

The shared development set (``../shared/benchmarks/documents``) holds four articles as
Markdown made from their JATS XML (``sources/jats/``), with gold reference lists, in-text
citations and eight references per article with gold author, title, year and container.
Each article is ingested twice, as ``litreview ingest`` does (``document_source`` then
``ingest``): the Markdown (the reference list found in the text and parsed) and the XML (the
reference list read from its tags, an untagged citation parsed). Printed per article and
format: works of the document, gold reference-list entries, citations linked to a work
against the gold's cited works, and the eight references' fields right (scored as
``refparse_documents.py`` scores them: a gold reference is the work whose folded title, or
else first author and year, match it), then CPU time.
"""

from __future__ import annotations

import json
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from refparse_documents import FIELDS, _compare, fold

from litreview.corpus.ingest import ingest
from litreview.formats.csl import work_to_csl
from litreview.pipeline.ingest import document_source

DOCS = ROOT.parent / "shared" / "benchmarks" / "documents"
JATS = {
    "elife": "elife_1.xml",
    "peerj": "peerj_1.xml",
    "plos-med": "pmed.1000431.xml",
    "plos-one": "pone.0153152.xml",
}


def _match(gold: dict[str, Any], items: list[dict[str, Any]]) -> dict[str, Any]:
    """The item that is ``gold``'s reference: same folded title, else first author's
    family name and year (``{}`` when none is)."""
    title = fold(gold.get("title"))
    if title:
        hit = next((i for i in items if fold(i.get("title")) == title), None)
        if hit is not None:
            return hit
    first = fold(str(gold.get("author") or "")).split()[:1]
    year = str(gold.get("year") or "")[:4]
    for i in items:
        names = i.get("author") or []
        family = fold(str(names[0].get("family") or names[0].get("literal") or "")) if names else ""
        issued = (i.get("issued") or {}).get("date-parts") or [[]]
        if first and family.split()[:1] == first and str(issued[0][:1] and issued[0][0]) == year:
            return i
    return {}


def run(doc: dict[str, Any], path: Path) -> dict[str, Any]:
    """Ingest ``path`` alone and score it against ``doc``'s gold."""
    t0 = time.process_time()
    src = document_source(path)
    result = ingest([src])
    seconds = time.process_time() - t0
    own = {c.work_key for c in result.citations if c.work_key}
    items = [work_to_csl(w) for w in result.works if w.key in own]
    fields: Counter[str] = Counter()
    for g in doc["references"]:
        item = _match(g, items)
        for f in FIELDS:
            fields[f] += _compare(f, g.get(f), item)[1] if g.get(f) else not item.get(f)
    linked = sum(1 for c in result.citations if c.work_key and c.kind == "citation")
    return {
        "works": len(own),
        "linked": linked,
        "fields": fields,
        "n": len(doc["references"]),
        "seconds": seconds,
        "problems": len(result.problems),
    }


def main() -> None:
    gold = json.loads((DOCS / "gold.json").read_text("utf-8"))["documents"]
    print("| article | format | works | gold entries | citation rows linked | gold cited works |"
          " author | title | year | container | problems | CPU s |")  # fmt: skip
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    totals: dict[str, Counter[str]] = {"md": Counter(), "xml": Counter()}
    for prefix, name in JATS.items():
        doc = next(d for d in gold if d["doc_id"].startswith(prefix))
        cited = sum(c["n_works"] for c in doc["in_text_citations"])
        for fmt, path in (("md", DOCS / doc["file"]), ("xml", DOCS / "sources" / "jats" / name)):
            r = run(doc, path)
            f = r["fields"]
            totals[fmt].update(f)
            totals[fmt]["n"] += r["n"]
            print(
                f"| {doc['doc_id']} | {fmt} | {r['works']} | {len(doc['reference_list'])} | "
                f"{r['linked']} | {cited} | "
                + " | ".join(f"{f[x]}/{r['n']}" for x in FIELDS)
                + f" | {r['problems']} | {r['seconds']:.2f} |"
            )
    for fmt, t in totals.items():
        print(f"\n{fmt}: fields right " + ", ".join(f"{x} {t[x]}/{t['n']}" for x in FIELDS))


if __name__ == "__main__":
    main()
