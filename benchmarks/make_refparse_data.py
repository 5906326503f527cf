"""Convert public labelled reference data and real records into the parser's training files.

    python3 benchmarks/make_refparse_data.py anystyle ANYSTYLE_CHECKOUT
    python3 benchmarks/make_refparse_data.py grobid GROBID_CHECKOUT
    python3 benchmarks/make_refparse_data.py zotero BETTER_BIBTEX_CHECKOUT

Each source is a checkout of a public repository (commits and licences in
``benchmarks/refparse_data/DATA_SOURCES.md``); the files written there are committed, so
training never needs the sources again.

* ``anystyle``: ``res/parser/core.xml`` (AnyStyle's own training set, BSD-2-Clause) as
  ``anystyle_core.jsonl``: one ``{"id", "raw", "labels": [[tag, text], ...]}`` a line,
  the shape of the shared benchmark. ``gold.xml``, ``good.xml``, ``bad.xml`` and
  ``ugly.xml`` are never read: the benchmark's gold and grey sets come from them.
* ``grobid``: the TEI citation corpus of GROBID's trainer (CC BY 4.0) as ``grobid.jsonl``,
  its tags mapped to AnyStyle's; text between tags joins a neighbouring segment
  (:func:`attach`).
* ``zotero``: the Zotero items of Better BibTeX's test fixtures (MIT) as CSL-JSON records,
  ``records.jsonl``, for :mod:`refparse_synth` to render in many citation styles.
"""

from __future__ import annotations

import argparse
import hashlib
import html
import json
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from refparse_spans import attach, segments_of

OUT = Path(__file__).resolve().parent / "refparse_data"

_GROBID_TAGS = {
    "author": "author",
    "editor": "editor",
    "date": "date",
    "publisher": "publisher",
    "pubPlace": "location",
    "pubplace": "location",
    "note": "note",
}
_SCOPE = {"volume": "volume", "vol": "volume", "issue": "volume", "page": "pages", "pp": "pages"}
_ELEMENT = re.compile(r"<(\w+)((?:\s+[\w:]+=\"[^\"]*\")*)\s*>(.*?)</\1\s*>|<\w+[^>]*/>", re.S)
_ATTR = re.compile(r"([\w:]+)=\"([^\"]*)\"")
_TAG = re.compile(r"<[^>]+>")


def _git_files(repo: Path, under: str) -> list[str]:
    """Paths of the files under ``under`` at HEAD of the checkout ``repo``."""
    out = subprocess.run(
        ["git", "-C", str(repo), "ls-tree", "-r", "--name-only", "HEAD", under],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return sorted(out.splitlines())


def _git_show(repo: Path, path: str) -> str:
    """A file's text at HEAD."""
    return subprocess.run(
        ["git", "-C", str(repo), "show", f"HEAD:{path}"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout


def _write(name: str, rows: list[dict]) -> None:
    """Write ``rows`` as JSON lines to ``refparse_data/name`` and say how many."""
    OUT.mkdir(exist_ok=True)
    with (OUT / name).open("w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False, sort_keys=True) + "\n")
    print(f"{name}: {len(rows)} records", file=sys.stderr)


def anystyle(repo: Path) -> list[dict]:
    """AnyStyle's ``core.xml`` sequences as labelled records."""
    text = _git_show(repo, "res/parser/core.xml")
    rows = []
    for k, seq in enumerate(re.findall(r"<sequence>(.*?)</sequence>", text, re.S)):
        labels = [
            [tag, " ".join(html.unescape(body).split())]
            for tag, body in re.findall(r"<([\w-]+)>(.*?)</\1>", seq, re.S)
        ]
        labels = [pair for pair in labels if pair[1]]
        if labels:
            raw = " ".join(t for _, t in labels)
            rows.append({"id": f"anystyle-core-{k:04d}", "raw": raw, "labels": labels})
    return rows


def _grobid_tag(name: str, attrs: dict[str, str], has_article: bool) -> str | None:
    """AnyStyle's tag for one GROBID element (``None``: the text joins a neighbour)."""
    if name == "title":
        level = attrs.get("level", "m")
        if level == "a":
            return "title"
        if level == "j":
            return "journal"
        if level == "s":
            return "collection-title"
        return "container-title" if has_article else "title"
    if name == "biblScope":
        return _SCOPE.get(attrs.get("unit") or attrs.get("type") or "", "volume")
    if name == "idno":
        kind = attrs.get("type", "").lower()
        return {"doi": "doi", "isbn": "isbn"}.get(kind, "note")
    if name == "ptr":
        return "url"
    if name == "orgName":
        return "author" if attrs.get("type") == "collaboration" else "publisher"
    if name == "note" and attrs.get("type") == "report":
        return "genre"
    return _GROBID_TAGS.get(name)


def _grobid_spans(body: str) -> tuple[str, list[tuple[int, int, str | None]]]:
    """The plain text of one ``<bibl>`` and its labelled character spans."""
    body = body.replace("<lb/>", " ")
    has_article = '<title level="a"' in body
    text = ""
    spans: list[tuple[int, int, str | None]] = []
    pos = 0
    for m in _ELEMENT.finditer(body):
        text += html.unescape(_TAG.sub("", body[pos : m.start()]))
        pos = m.end()
        if m.group(1) is None:
            continue
        attrs = dict(_ATTR.findall(m.group(2) or ""))
        inner = html.unescape(_TAG.sub("", m.group(3)))
        start = len(text)
        text += inner
        spans.append((start, len(text), _grobid_tag(m.group(1), attrs, has_article)))
    text += html.unescape(_TAG.sub("", body[pos:]))
    return text, spans


def grobid(repo: Path) -> list[dict]:
    """Every ``<bibl>`` of GROBID's citation corpus and evaluation files, labelled."""
    rows = []
    seen: set[str] = set()
    base = "grobid-trainer/resources/dataset/citation"
    for path in _git_files(repo, base):
        if "/corpus/" not in path and "/evaluation/" not in path:
            continue
        for k, body in enumerate(re.findall(r"<bibl>(.*?)</bibl>", _git_show(repo, path), re.S)):
            text, spans = _grobid_spans(body)
            labels = segments_of(text, attach(text, spans))
            raw = " ".join(t for _, t in labels)
            if not labels or raw in seen or not any(tag != "note" for tag, _ in labels):
                continue
            seen.add(raw)
            rows.append({"id": f"grobid-{Path(path).name}-{k}", "raw": raw, "labels": labels})
    return rows


def _zotero_items(repo: Path) -> Iterator[dict]:
    """The Zotero items of every JSON fixture of Better BibTeX's tests."""
    for path in _git_files(repo, "test/fixtures"):
        if not path.endswith(".json") or path.endswith(".csl.json"):
            continue
        try:
            data = json.loads(_git_show(repo, path))
        except (json.JSONDecodeError, subprocess.CalledProcessError):
            continue
        if isinstance(data, dict):
            yield from (it for it in data.get("items", []) if isinstance(it, dict))


def zotero(repo: Path) -> list[dict]:
    """Distinct, clean Zotero items as CSL-JSON records (``zotero_csl`` does the mapping)."""
    from refparse_zotero import zotero_csl

    rows: dict[str, dict] = {}
    for item in _zotero_items(repo):
        csl = zotero_csl(item)
        if csl is None:
            continue
        key = hashlib.sha1(json.dumps(csl, sort_keys=True).encode()).hexdigest()[:12]
        title_key = (csl.get("title") or "").casefold()
        if title_key in {r.get("title", "").casefold() for r in rows.values()}:
            continue
        rows[key] = {"id": f"zotero-{key}", **csl}
    return sorted(rows.values(), key=lambda r: r["id"])


def main() -> int:
    """Convert the source named on the command line."""
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("source", choices=["anystyle", "grobid", "zotero"])
    ap.add_argument("checkout", type=Path, help="a git checkout of the source repository")
    args = ap.parse_args()
    if args.source == "anystyle":
        _write("anystyle_core.jsonl", anystyle(args.checkout))
    elif args.source == "grobid":
        _write("grobid.jsonl", grobid(args.checkout))
    else:
        _write("records.jsonl", zotero(args.checkout))
    return 0


if __name__ == "__main__":
    sys.exit(main())
