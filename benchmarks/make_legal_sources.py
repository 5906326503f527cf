"""Write ``litreview/data/legal_sources.tsv``: the abbreviations of US law reporters, codes,
session laws, registers and law journals, from Free Law Project's reporters-db (BSD-2-Clause).

    python3 benchmarks/make_legal_sources.py REPORTERS_DB_CHECKOUT

Reads ``reporters_db/data/reporters.json`` (every edition and variation of every case
reporter: kind ``case``) and ``laws.json`` (statute and session-law compilations: kind
``legislation``; administrative codes and registers: ``regulation``; dockets, filings and
municipal codes left out) and ``journals.json`` (law reviews and journals as The Bluebook
abbreviates them: kind ``journal``, unless a reporter or law is spelt the same) and writes
one row per abbreviation: the abbreviation, the edition it stands for, its kind.
Abbreviations that are one lower-case word are left out (none is a reporter a citation
spells so).
Source: github.com/freelawproject/reporters-db, commit
6b3af4897cc03126665c32e4db683461d768fd97 (2025-11-26), BSD-2-Clause, Copyright (c) 2014,
Free Law Project; the notice is in ``litreview/data/legal_sources.NOTICE``.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "litreview" / "data" / "legal_sources.tsv"
LAW_KINDS = {
    "leg_statute": "legislation",
    "leg_session": "legislation",
    "leg_act": "legislation",
    "admin_compilation": "regulation",
    "admin_register": "regulation",
}


def rows(checkout: Path) -> list[tuple[str, str, str]]:
    """(abbreviation, edition, kind) of every reporter edition, law compilation and law
    journal."""
    data = checkout / "reporters_db" / "data"
    out: set[tuple[str, str, str]] = set()
    for entries in json.loads((data / "reporters.json").read_text(encoding="utf-8")).values():
        for entry in entries:
            for edition in entry["editions"]:
                out.add((edition, edition, "case"))
            for variation, edition in entry.get("variations", {}).items():
                out.add((variation, edition, "case"))
    for key, entries in json.loads((data / "laws.json").read_text(encoding="utf-8")).items():
        for entry in entries:
            kind = LAW_KINDS.get(entry["cite_type"])
            if kind is None:
                continue
            for abbreviation in [key, *entry.get("variations", [])]:
                out.add((abbreviation, key, kind))
    taken = {r[0] for r in out}
    for key, entries in json.loads((data / "journals.json").read_text(encoding="utf-8")).items():
        for entry in entries:
            for abbreviation in [key, *entry.get("variations", [])]:
                if abbreviation not in taken:
                    out.add((abbreviation, key, "journal"))
    return sorted(r for r in out if not (r[0].isalpha() and r[0].islower()) and "\t" not in r[0])


def main() -> int:
    """Write the table."""
    if len(sys.argv) != 2:
        print(__doc__)
        return 2
    lines = ["\t".join(r) for r in rows(Path(sys.argv[1]))]
    OUT.write_text(
        "# abbreviation\tedition\tkind (from freelawproject/reporters-db, BSD-2-Clause; "
        "benchmarks/make_legal_sources.py)\n" + "\n".join(lines) + "\n",
        encoding="utf-8",
    )
    print(f"{len(lines)} rows -> {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
