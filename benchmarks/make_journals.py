"""Write ``litreview/data/journals.txt``: the full titles of journals, from JabRef's journal
abbreviation lists (abbrv.jabref.org, CC0 1.0).

    python3 benchmarks/make_journals.py ABBRV_JABREF_ORG_CHECKOUT

Reads every ``journals/journal_abbreviations_*.csv`` (each row: full title, abbreviation, ...)
and writes the full titles of two words or more as :func:`litreview.extract.refparse_norm.
journal_key` keys them (lower case, "&" as "and", punctuation as blanks, a leading "the"
dropped), one a line, sorted, no two alike. One-word titles ("Science", "Report",
"Survival") are left out: a container of one word says too little to settle a type.
Source: github.com/JabRef/abbrv.jabref.org, commit
a6879a86014356ced6b1b705f5ee24eb1d173950 (2026-06-23), CC0 1.0 Universal.
"""

from __future__ import annotations

import csv
import io
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from litreview.extract.refparse_norm import journal_key

OUT = ROOT / "litreview" / "data" / "journals.txt"
HEADER = """\
# Full titles of journals, keyed as refparse_norm.journal_key keys a container (lower case,
# "&" as "and", punctuation as blanks, a leading "the" dropped), titles of two words or more.
# From JabRef's journal abbreviation lists, github.com/JabRef/abbrv.jabref.org, commit
# a6879a86014356ced6b1b705f5ee24eb1d173950 (2026-06-23), CC0 1.0 Universal; written by
# benchmarks/make_journals.py. Read after the models: a reference the type model calls a
# conference paper or a chapter, whose container is one of these and that gives a volume,
# issue or pages but no editor, publisher or ISBN, is a journal article.
"""


def titles(paths: list[Path]) -> list[str]:
    """The keys of the lists' full titles of two words or more, sorted, no two alike."""
    out: set[str] = set()
    for path in paths:
        text = path.read_text(encoding="utf-8", errors="replace")
        for row in csv.reader(io.StringIO(text)):
            if not row:
                continue
            if len(row) == 1 and ";" in row[0]:
                row = row[0].split(";")
            key = journal_key(row[0])
            if len(key.split()) >= 2:
                out.add(key)
    return sorted(out)


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(
            "usage: python3 benchmarks/make_journals.py ABBRV_JABREF_ORG_CHECKOUT", file=sys.stderr
        )
        return 2
    paths = sorted((Path(argv[1]) / "journals").glob("journal_abbreviations_*.csv"))
    if not paths:  # never replace the list with an empty one
        print(f"{argv[1]}: no journals/journal_abbreviations_*.csv there", file=sys.stderr)
        return 2
    found = titles(paths)
    part = OUT.with_suffix(".txt.part")
    part.write_text(HEADER + "".join(f"{t}\n" for t in found), encoding="utf-8")
    part.replace(OUT)
    print(f"{len(found)} titles -> {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
