"""Real reference strings with their fields, from publishers' JATS ``<mixed-citation>``.

A ``<mixed-citation>`` is the reference as the journal printed it, with its parts tagged
(``<surname>``, ``<article-title>``, ``<source>``, ``<year>``, ``<volume>``, ...) and the
punctuation between them as plain text. So the printed string and every field are known
without anyone labelling them: a set of real references in the publisher's house style that
the reference parser was never trained on (``refparse_train_data.held_out_texts`` keeps it
out of training).

    python3 benchmarks/make_jats_refs.py <allofplos checkout or git mirror> \
        --out benchmarks/refparse_data/plos_mixed.jsonl

The source is PLOS's ``allofplos`` repository (``github.com/PLOS/allofplos``, the articles
under ``allofplos/starter_corpus`` and ``tests/testdata``); the articles are published under
CC BY 4.0 (each XML names its licence). Records have the shared benchmark's shape (``raw``,
``fields`` as score.py reads them, ``meta`` with the article, the reference id and the
publication type). A field the markup does not tag is left out, so the scorer does not
count a right value for it as wrong: ``meta.untagged`` lists such fields (see
``ALWAYS_TAGGED``).
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

XLINK = "{http://www.w3.org/1999/xlink}href"
SKIP_TYPES = frozenset({"eletter"})
DOI = re.compile(r"10\.\d{4,9}/\S+")
SCORED = ("author", "year", "title", "container-title", "volume", "issue", "pages", "url", "doi")
"""The fields the markup tags wherever they are printed (publisher and place are tagged in
some references and left as plain text in others, so they are not scored)."""
ALWAYS_TAGGED = ("author", "year", "title", "container-title", "volume", "pages")
"""The fields a journal article's markup tags whenever they are printed: missing from its
record, they are missing from the reference. Any other field a record does not have is
``untagged``: the text may print it untagged (a book's year, a link in a comment), so a
value read for it is not scored either way."""


def _text(node: ElementTree.Element | None) -> str:
    """The text of a node, spaces collapsed."""
    return " ".join("".join(node.itertext()).split()) if node is not None else ""


def _printed(node: ElementTree.Element) -> str:
    """The text of a citation as printed: a ``<name>`` whose parts the XML runs together
    (``<surname>Roe</surname><given-names>J</given-names>``) reads "Roe J", as the journal
    prints it; spaces collapsed."""
    parts: list[str] = []

    def walk(el: ElementTree.Element) -> None:
        parts.append(el.text or "")
        for child in el:
            if el.tag == "name" and parts and not parts[-1][-1:].isspace():
                parts.append(" ")
            walk(child)
            parts.append(child.tail or "")

    walk(node)
    return " ".join("".join(parts).split())


def _names(cit: ElementTree.Element) -> list[dict[str, str]]:
    """The authors: ``<name>`` and ``<collab>`` outside an editors' group, in order."""
    out: list[dict[str, str]] = []
    editors = {
        id(n)
        for g in cit.iter("person-group")
        if g.get("person-group-type") not in (None, "author")
        for n in g.iter()
    }
    for node in cit.iter():
        if id(node) in editors:
            continue
        if node.tag == "name":
            family, given = _text(node.find("surname")), _text(node.find("given-names"))
            if family:
                out.append({"family": family, **({"given": given} if given else {})})
        elif node.tag == "collab" and _text(node):
            out.append({"literal": _text(node)})
    return out


def record(cit: ElementTree.Element, article: str, ref_id: str) -> dict[str, Any] | None:
    """One benchmark record of a ``<mixed-citation>`` (``None``: nothing to score)."""
    raw = _printed(cit)
    kind = cit.get("publication-type") or ""
    if len(raw) < 20 or kind in SKIP_TYPES:
        return None
    fields: dict[str, Any] = {}
    names = _names(cit)
    if names:
        fields["author"] = names
    year = _text(cit.find("year"))
    if year:
        fields["year"] = fields["date"] = year
    article_title = _text(cit.find("article-title")) or _text(cit.find("chapter-title"))
    source = _text(cit.find("source"))
    if article_title:
        fields["title"] = article_title.rstrip(".")
        if source:
            fields["container-title"] = source
    elif source:
        fields["title"] = source
    for tag, name in (
        ("volume", "volume"),
        ("issue", "issue"),
        ("publisher-name", "publisher"),
        ("publisher-loc", "location"),
    ):
        value = _text(cit.find(tag))
        if value:
            fields[name] = value
    first, last = _text(cit.find("fpage")), _text(cit.find("lpage"))
    if first:
        fields["pages"] = f"{first}–{last}" if last else first
    doi = _text(cit.find(".//pub-id[@pub-id-type='doi']"))
    for link in cit.iter("ext-link"):
        href = link.get(XLINK) or _text(link)
        found = DOI.search(href)
        if found and not doi:
            doi = found.group(0)
        elif not found and _text(link).startswith(("http", "www")) and "url" not in fields:
            fields["url"] = _text(link)
    if doi:
        fields["doi"] = doi
    always = ALWAYS_TAGGED if kind == "journal" else ()
    untagged = [f for f in SCORED if f not in fields and f not in always]
    return {
        "id": f"{article}:{ref_id}",
        "raw": raw,
        "fields": fields,
        "meta": {
            "source": f"PLOS/allofplos:{article}",
            "publication_type": kind,
            "untagged": untagged,
        },
    }


def _xml_files(src: Path) -> list[tuple[str, bytes]]:
    """The article XML files of a checkout, or of a bare git mirror's HEAD."""
    if (src / "HEAD").is_file() and not (src / ".git").exists():
        names = subprocess.run(
            ["git", "-C", str(src), "ls-tree", "-r", "--name-only", "HEAD"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.split()
        return [
            (
                n,
                subprocess.run(
                    ["git", "-C", str(src), "show", f"HEAD:{n}"], capture_output=True, check=True
                ).stdout,
            )
            for n in sorted(names)
            if n.endswith(".xml")
        ]
    return [(str(p.relative_to(src)), p.read_bytes()) for p in sorted(src.rglob("*.xml"))]


def build(src: Path) -> list[dict[str, Any]]:
    """Every record of every article, in path order; a string printed twice kept once."""
    out, seen = [], set()
    for name, data in _xml_files(src):
        try:
            root = ElementTree.fromstring(data)
        except ElementTree.ParseError:
            continue
        article = Path(name).stem
        for ref in root.iter("ref"):
            for cit in ref.iter("mixed-citation"):
                rec = record(cit, article, ref.get("id") or "")
                if rec and rec["raw"] not in seen:
                    seen.add(rec["raw"])
                    out.append(rec)
    return out


def main() -> int:
    """Write the records."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("src", type=Path, help="allofplos checkout, or its bare git mirror")
    ap.add_argument("--out", type=Path, required=True)
    args = ap.parse_args()
    records = build(args.src)
    with args.out.open("w", encoding="utf-8") as fh:
        for rec in records:
            fh.write(json.dumps(rec, ensure_ascii=False, sort_keys=True) + "\n")
    print(f"{len(records)} references from {len({r['meta']['source'] for r in records})} articles")
    return 0


if __name__ == "__main__":
    sys.exit(main())
