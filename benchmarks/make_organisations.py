"""Write ``litreview/data/lexicon/organisations.txt``, the organisation names the parser knows.

    python3 benchmarks/make_organisations.py --ror <ror-records git dir> [--commit C] [--check]

The names come from the Research Organization Registry's release records
(``github.com/ror-community/ror-records``: one JSON file per organisation added or changed
in each release, ``v1.0.1/`` to ``v2.9/``; a bare mirror will do, read with ``git``). ROR's
data is CC0 1.0 (public domain dedication). For each organisation the record of its latest
release is read (the v2 schema where a release has both), withdrawn ones left out, and its
names taken: the display name, labels in other languages and aliases, not its acronyms
(one word, and often a common one: ``WHO``, ``CARE``).

A name is listed as the parser keys it (:func:`key`): lower-cased, accents folded, outer
punctuation of each word gone, a leading "the" dropped; kept when it has 2 to 8 words, is
not only place names (``places.txt``) and small words, and holds a letter in every word
but ones of the small words. Nothing is added or removed by hand, and no benchmark string
is read. ``--check`` exits 1 if the committed file differs from what would be written.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import unicodedata
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "litreview" / "data" / "lexicon" / "organisations.txt"
sys.path.insert(0, str(ROOT / "benchmarks"))

from make_places import write_or_check

PLACES = ROOT / "litreview" / "data" / "places.txt"
MIN_WORDS, MAX_WORDS = 2, 8
_STRIP = ".,;:()[]{}<>\"'“”‘’«»*!?"
_SMALL = frozenset(
    {"of", "and", "for", "the", "on", "in", "at", "&", "a", "an", "to"}
    | {"de", "du", "des", "la", "le", "les", "y", "et", "el", "del", "da", "do", "dos", "das"}
    | {"di", "der", "die", "und", "für", "van", "von", "zu"}
)
_FILE = re.compile(r"^v(\d+(?:\.\d+)*)/(?:v(\d)/)?[0-9a-z]{9}\.json$")


def fold(text: str) -> str:
    """``text`` lower-cased with its accents taken off (``Ministère`` -> ``ministere``)."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()


def key(name: str) -> str:
    """A name as listed: folded, outer punctuation of each word gone, no leading "the"."""
    words = [w for w in (fold(w).strip(_STRIP) for w in name.split()) if w]
    if words and words[0] == "the":
        words = words[1:]
    return " ".join(words)


def _git(gitdir: Path, *args: str, data: bytes | None = None) -> bytes:
    """The output of a git command in ``gitdir``."""
    cmd = ["git", f"--git-dir={gitdir}", *args]
    return subprocess.run(cmd, input=data, capture_output=True, check=True).stdout


def latest_records(gitdir: Path, commit: str) -> Iterator[dict]:
    """The latest release's record of every organisation in the repository at ``commit``."""
    listing = _git(gitdir, "ls-tree", "-r", commit).decode()
    best: dict[str, tuple[tuple[int, ...], str]] = {}
    for line in listing.splitlines():
        meta, _, path = line.partition("\t")
        m = _FILE.match(path)
        if not m:
            continue
        release = (*(int(p) for p in m.group(1).split(".")), 0, 0)[:3]
        rank = (*release, int(m.group(2) or 2))
        ror_id = path.rsplit("/", 1)[1]
        if ror_id not in best or rank > best[ror_id][0]:
            best[ror_id] = (rank, meta.split()[2])
    blobs = [best[k][1] for k in sorted(best)]
    out = _git(gitdir, "cat-file", "--batch", data="\n".join(blobs).encode() + b"\n")
    pos = 0
    for _ in blobs:
        header_end = out.index(b"\n", pos)
        size = int(out[pos:header_end].split()[2])
        yield json.loads(out[header_end + 1 : header_end + 1 + size])
        pos = header_end + 1 + size + 1


def names_of(record: dict) -> list[str]:
    """A record's names (display name, labels, aliases; no acronyms), either schema."""
    if "names" in record:  # schema 2
        return [n["value"] for n in record["names"] if "acronym" not in n.get("types", ())]
    labels = [lab.get("label", "") for lab in record.get("labels") or ()]
    return [record.get("name", ""), *(record.get("aliases") or ()), *labels]


def _listable(k: str, places: set[str]) -> bool:
    """Whether a keyed name is kept (see the module's docstring)."""
    words = k.split()
    if not MIN_WORDS <= len(words) <= MAX_WORDS:
        return False
    if not all(w in _SMALL or any(ch.isalpha() for ch in w) for w in words):
        return False
    content = [w for w in words if w not in _SMALL]
    return bool(content) and k not in places and not all(w in places for w in content)


def organisation_names(gitdir: Path, commit: str) -> tuple[list[str], int]:
    """The sorted keyed names, and how many organisations they come from."""
    places = {line.split("\t")[0] for line in PLACES.read_text(encoding="utf-8").splitlines()}
    places = {fold(p) for p in places if p and not p.startswith("#")}
    names: set[str] = set()
    orgs = 0
    for record in latest_records(gitdir, commit):
        if record.get("status") == "withdrawn":
            continue
        orgs += 1
        names.update(k for k in map(key, names_of(record)) if _listable(k, places))
    return sorted(names), orgs


def render(names: list[str], orgs: int, commit: str) -> str:
    """The file's text: a header naming the source, then one name a line."""
    header = (
        "# Organisation names for litreview's reference parser, written by "
        "benchmarks/make_organisations.py.\n"
        "# Source: Research Organization Registry (ROR), release records of "
        f"github.com/ror-community/ror-records at commit {commit} (releases v1.0.1 to v2.9);\n"
        "# ROR data: CC0 1.0 Universal public domain dedication (https://ror.org/about/faqs/).\n"
        f"# {len(names)} names (display names, labels, aliases; 2-8 words) of {orgs} "
        "organisations, lower-cased, accents folded.\n"
    )
    return header + "".join(f"{n}\n" for n in names)


def main() -> int:
    """Write the file, or with ``--check`` compare it."""
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--ror", type=Path, required=True, help="ror-records git directory")
    ap.add_argument("--commit", default="HEAD")
    ap.add_argument("--check", action="store_true")
    args = ap.parse_args()
    commit = _git(args.ror, "rev-parse", args.commit).decode().strip()
    text = render(*organisation_names(args.ror, commit), commit)
    return write_or_check(OUT, text, check=args.check)


if __name__ == "__main__":
    sys.exit(main())
