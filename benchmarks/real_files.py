"""Quality of litreview's bibliography formats on the real-file corpus (tests/data/real).

    python3 benchmarks/real_files.py [--no-tools] [FILE ...]

For every file, prints one row:

- ``entries``: records litreview reads (``-`` when it cannot read the file at all);
- ``lost``: values lost. For a format litreview also writes (BibTeX, RIS, CSL-JSON), the file is
  read and written back in the same format, and both texts are parsed by an independent
  parser (bibtexparser, rispy, json); a value of the input missing from the output is lost
  (a value is a distinct non-empty field value of a record: a keyword listed twice in one
  record is one value).
  For a search export (read only), an input value (as its own parser sees it) that is found
  in no field of the works read is lost;
- ``lost via corpus``: the same, the works first imported (citekeys given) and saved in
  ``corpus.bib`` and read from it, as ``litreview import`` then ``export`` does;
- ``key missing``: key fields the works read lack: a title, authors, a year (one count
  each per work; a file whose records have no such value counts too);
- ``csl bad``: items of the CSL-JSON export that fail the official schema (csl-data.json);
- ``consumer errors``: exports that a consumer refuses: pandoc --citeproc on the BibTeX and on
  the CSL-JSON export, ``biber --tool`` on the BibLaTeX export (``--no-tools`` skips them);
- ``dm warn``: ``biber --validate-datamodel`` warnings of the BibLaTeX export (input's own in
  brackets, for BibTeX inputs);
- ``merged in file``: records of the file found to be one work on import (true duplicates
  and false merges alike: read the pairs);
- ``false merges``: the file imported, then imported again as its own RIS export: records of
  the second import folded into a work other than their own twin, or not meeting it.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import bibtexparser
import jsonschema
import rispy

ROOT = Path(__file__).resolve().parent.parent
REAL = ROOT / "tests" / "data" / "real"
EXAMPLES = Path("/usr/share/texlive/texmf-dist/bibtex/bib/biblatex/biblatex/biblatex-examples.bib")
EXTRA = [
    ROOT / "tests" / "data" / "bibtex" / "zotero_export.bib",
    ROOT / "tests" / "data" / "ris" / "zotero_export.ris",
    ROOT / "tests" / "data" / "csljson" / "zotero_export.json",
    ROOT / "tests" / "data" / "zotero_rdf" / "library.rdf",
    ROOT / "tests" / "data" / "refworks" / "export.txt",
]
SCHEMA = ROOT / "litreview" / "data" / "csl-data.json"
FALLBACK_SCHEMA = Path("/tmp/csl-data.json")
ALIASES = {"journal": "journaltitle", "address": "location", "school": "institution"}


def _norm(text: object) -> str:
    return " ".join(str(text).split())


def _bib_values(text: str) -> Counter[tuple[str, str, str]]:
    """(key, field, value) of every field, as bibtexparser reads them: ``@string`` macros
    and ``#`` resolved, names parsed by its name splitter, month names as numbers."""
    # bibtexparser cannot read an entry without a key (Citavi): give it a placeholder.
    count = iter(range(10**9))
    text = re.sub(r"(@[A-Za-z]+\s*\{)\s*,", lambda m: f"{m.group(1)}__nokey{next(count)}__,", text)
    lib = bibtexparser.parse_string(text, parse_stack=[])
    strings = {m: str(i + 1) for i, m in enumerate(MONTHS)}
    for block in lib.strings:
        strings[block.key.lower()] = _resolve(str(block.value), strings)
    out: Counter[tuple[str, str, str]] = Counter()
    for entry in lib.entries:
        names = {f.key.lower() for f in entry.fields}
        fields = {}
        for f in entry.fields:
            name = f.key.lower()
            if name in ALIASES and ALIASES[name] not in names:
                name = ALIASES[name]
            value = _resolve(str(f.value), strings)
            fields[name] = _names(value) if name in NAME_FIELDS else _latex_text(value)
        if "date" not in fields and "year" in fields:
            year, month = fields.pop("year"), fields.pop("month", "")
            month = strings.get(month.lower()[:3], month)
            fields["date"] = year + (f"-{int(month):02d}" if month.isdigit() else "")
        # entries are matched by title: an entry read without a key gets one on import
        title = _squash(fields.get("title", ""))
        key = f"title:{title}" if title else entry.key
        for name, value in fields.items():
            # keywords are a list: its items, however separated ("a,b" written "a, b")
            for v in re.split(r"\s*[,;]\s*", value) if name == "keywords" else [value]:
                if v:
                    out[(key, name, v)] = 1
    return out


MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
NAME_FIELDS = frozenset(
    {
        "author",
        "editor",
        "translator",
        "bookauthor",
        "editora",
        "editorb",
        "editorc",
        "commentator",
        "annotator",
        "introduction",
        "afterword",
        "foreword",
        "holder",
    }
)


def _latex_text(value: str) -> str:
    """What a TeX value says, as pylatexenc reads it (``R\\&D`` and a bare ``R&D`` alike)."""
    from pylatexenc.latex2text import LatexNodes2Text

    # a bare &, % or # in a field value is the file's text, not an alignment, a comment or a
    # macro parameter
    value = re.sub(r"(?<!\\)([%#])", r"\\\1", value.replace("\\&", "&"))
    return _norm(LatexNodes2Text(math_mode="verbatim").latex_to_text(value, latex_context=_TEX))


def _tex_context() -> object:
    """pylatexenc's parser, told that \\href takes two arguments (its text conversion
    reads two, and raised IndexError on every \\href)."""
    from pylatexenc import macrospec
    from pylatexenc.latexwalker import get_default_latex_context_db

    db = get_default_latex_context_db()
    db.add_context_category("href", macros=[macrospec.MacroSpec("href", "{{")], prepend=True)
    return db


_TEX = _tex_context()


def _resolve(raw: str, strings: dict[str, str]) -> str:
    """A raw value: delimiters off, macros and ``#`` resolved (a test-side reading)."""
    out = []
    for part in _concatenated(raw.strip()):
        if part[:1] in '{"' and part[-1:] in '}"':
            out.append(part[1:-1])
        else:
            out.append(strings.get(part.lower(), part))
    return _norm("".join(out))


def _concatenated(raw: str) -> list[str]:
    """The parts of a raw value joined by ``#`` (a ``#`` inside braces or quotes is text)."""
    parts, depth, quoted, start = [], 0, False, 0
    for i, ch in enumerate(raw):
        if ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
        elif ch == '"' and depth == 0:
            quoted = not quoted
        elif ch == "#" and depth == 0 and not quoted:
            parts.append(raw[start:i].strip())
            start = i + 1
    return [*parts, raw[start:].strip()]


def _names(text: str) -> str:
    """A name list as bibtexparser's name splitter reads it."""
    from bibtexparser.middlewares.names import (
        parse_single_name_into_parts,
        split_multiple_persons_names,
    )

    parts = (parse_single_name_into_parts(n) for n in split_multiple_persons_names(text))
    return " and ".join(repr((n.first, n.von, n.last, n.jr)) for n in parts)


RIS_NAME_TAGS = frozenset({"AU", "A1", "A2", "A3", "A4", "ED"})


def _ris_value(tag: str, value: str) -> str:
    """A value as compared: a name as its words in any order ("G. Kalbe" and "Kalbe, G."
    are one name written two ways: RIS says "Family, Given", IEEE Xplore writes initials
    first); any other value as written."""
    if tag not in RIS_NAME_TAGS:
        return value
    return " ".join(sorted(value.replace(",", " ").split()))


def _ris_values(text: str) -> Counter[tuple[object, str, str]]:
    """(record, tag, value) of every RIS line, as rispy reads them (every tag a list)."""
    tags = [t for t in rispy.TAG_KEY_MAPPING if t not in ("ER", "UK")]
    parser = rispy.RisParser(
        mapping={t: t for t in tags} | {"UK": "unknown_tag"},
        list_tags=tags,
        delimiter_tags_mapping={},
    )
    # a wider tag ("PMID  - 1", APA PsycNet), which rispy reads as no tag: its line as a
    # value of its own, in the input and the output alike
    text = re.sub(r"^([A-Z][A-Z0-9]{2,5}) {1,2}- ?", r"N1  - \1 - ", text, flags=re.MULTILINE)
    out: Counter[tuple[object, str, str]] = Counter()
    alias = {"T1": "TI", "A1": "AU", "ED": "A2", "N2": "AB", "Y1": "PY", "JF": "T2"}
    for n, rec in enumerate(parser.parse(text)):
        unknown = rec.pop("unknown_tag", {})
        # records are matched by title (import sorts them by citekey), else by position
        n = _norm((rec.get("TI") or rec.get("T1") or [n])[0]).lower() or n  # type: ignore[assignment]
        for tag, values in [*rec.items(), *unknown.items()]:
            for v in values if isinstance(values, list) else [values]:
                if not _norm(v):  # an empty line holds no value
                    continue
                out[(n, alias.get(tag, tag), _ris_value(tag, _norm(v)))] = 1
    return out


def _json_leaves(value: object, path: str = "") -> list[tuple[str, str]]:
    if isinstance(value, dict):
        return [x for k, v in value.items() for x in _json_leaves(v, f"{path}/{k}")]
    if isinstance(value, list):
        return [x for i, v in enumerate(value) for x in _json_leaves(v, f"{path}/{i}")]
    return [(path, _norm(value))]


def _csl_values(text: str) -> Counter[tuple[str, tuple[str, str]]]:
    """(item, (path, value)) of every leaf; items matched by title, an unknown key kept in
    ``custom`` (where the CSL schema wants it) counted at its own name."""
    out: Counter[tuple[str, tuple[str, str]]] = Counter()
    for i, item in enumerate(json.loads(text)):
        name = _squash(item.get("title", "")) or str(i)
        fields = {k: v for k, v in item.items() if k not in ("id", "custom")}
        fields.update(item.get("custom") or {})
        for path, value in _json_leaves(fields):
            # CSL's keyword is a list in one string: its items, however separated
            for v in re.split(r"\s*[,;]\s*", value) if path == "/keyword" else [value]:
                out[(name, (path, v))] = 1
    return out


def _lost(before: Counter, after: Counter) -> int:  # type: ignore[type-arg]
    return sum((before - after).values())


def _search_lost(path: Path, works: list) -> int:  # type: ignore[type-arg]
    """Values of a search export (as its own parser reads them) found in no field of
    ``works``; a name counts as found when its family name is."""
    from litreview.core.texmarkup import plain_work

    blob = _squash(" ".join(_work_text(plain_work(w)) for w in works))
    lost = 0
    for tag, value in _search_values(path):
        text = _squash(value)
        # an identifier written as a URL (OpenAlex) is kept as the bare identifier
        if not text or text in blob or _squash(value.rstrip("/").rsplit("/", 1)[-1]) in blob:
            continue
        # a name: its family name, the longest of its words ("Guo, W", "W Guo")
        if tag in NAME_TAGS and _squash(max(re.split(r"[,\s]+", value.strip()), key=len)) in blob:
            continue
        lost += 1
    return lost


def _work_text(work: object) -> str:
    """Every value of a work as text (names both ways round)."""
    import dataclasses

    parts = []
    for f in dataclasses.fields(work):  # type: ignore[arg-type]
        value = getattr(work, f.name)
        if isinstance(value, tuple):
            for item in value:
                if dataclasses.is_dataclass(item):
                    parts += [str(v) for v in dataclasses.asdict(item).values()]  # type: ignore[arg-type]
                else:
                    parts += [str(v) for v in (item if isinstance(item, tuple) else (item,))]
        else:
            parts.append(str(value))
    return " ".join(parts)


NAME_TAGS = frozenset(
    {"AU", "AF", "FAU", "Authors", "Author full names", "author", "authors", "CN", "A", "E"}
    | {"Author", "Author/s", "Authors, Primary", "Author(s)", "Author Names", "Editor"}
    | {"authorships.author.display_name", "Author Full Names"}
)


def _squash(text: str) -> str:
    return " ".join(re.sub(r"[^\w]+", " ", str(text).lower()).split())


def _search_values(path: Path) -> list[tuple[str, str]]:
    """(tag, value) of a search export as an independent parser reads it: wosfile (Web of
    Science), csv (Scopus and the other databases' CSV exports), json (OpenAlex),
    ElementTree (EndNote XML), a line split (MEDLINE, EndNote tagged). List cells are split
    into their items."""
    import io
    import warnings
    import xml.etree.ElementTree as ET

    from wosfile.read import PlainTextReader, TabDelimitedReader

    if path.suffix in (".csv", ".tsv", *SHEETS):
        # list cells: items split on "; ", ";" or "|" (as Lens, RefWorks and OpenAlex write them)
        items = re.compile(r" *[;|] *")
        return [(k, v) for row in _table(path) for k, val in row.items() for v in items.split(val)]
    raw = path.read_bytes()
    # an XML file may be in the encoding its declaration names: parsed from its bytes
    xml = path.suffix == ".xml"
    text = (
        raw.decode("utf-16")
        if raw[:2] in (b"\xff\xfe", b"\xfe\xff")
        else raw.decode(errors="replace" if xml else "strict")
    )
    text = text.lstrip("\ufeff")
    out: list[tuple[str, str]] = []
    if text.startswith("FN ") or text.startswith("PT\t"):
        reader = PlainTextReader if text.startswith("FN ") else TabDelimitedReader
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            for rec in reader(io.StringIO(text)):
                out += [(k, v) for k, val in rec.items() if k for v in str(val).split("; ")]
    elif text.lstrip().startswith(("PMID-", "OWN - ")):  # PubMed; ERIC
        for line in text.splitlines():
            if line[4:6] == "- ":
                out.append((line[:4].strip(), line[6:]))
            elif line[4:7] == " - ":  # ERIC's four-letter tags
                out.append((line[:4], line[7:]))
    elif re.match(r"RT \S", text.lstrip()):  # RefWorks tagged: 'T1 title'
        for line in text.splitlines():
            m = re.match(r"([A-Za-z][A-Za-z0-9]{1,4}) (.*)", line)
            if m and m.group(1).upper() not in ("RT", "SR"):
                listed = m.group(1).upper() in ("A1", "K1")
                items = m.group(2).split(";") if listed else [m.group(2)]
                codes = r"[01]RW1S34RfeSDcfkexd09rT\d"  # RefWorks' own italics, bold...
                out += [(m.group(1).upper(), re.sub(codes, "", v)) for v in items if v.strip()]
            elif line.strip() and not m:
                out.append(("", line))
    elif re.match(r"%\S ", text.lstrip()):  # EndNote tagged: '%T title'
        for line in text.splitlines():
            if re.match(r"%\S ", line):
                out.append((line[1], line[3:]))
            elif line.strip():  # a line that goes on the value before
                out.append(("", line))
    elif path.suffix == ".xml" and re.search(r"<Pubmed(?:Book)?Article", text[:3000]):
        # PubMed XML: the text of every element without child elements, except inline
        # markup's (part of its parent's text) and a date's or a name's parts (one value)
        root = ET.fromstring(text)
        for rec in (e for e in root.iter() if e.tag in ("PubmedArticle", "PubmedBookArticle")):
            for e in rec.iter():
                if len(e) or e.tag in ("i", "b", "u", "sup", "sub") or "}" in e.tag:
                    continue
                out.append((e.tag, " ".join("".join(e.itertext()).split())))
    elif path.suffix == ".xml" and _WORD_NS in text[:3000]:
        for name, value in _xml_leaves(ET.fromstring(raw), "Source", _word_structural):
            # JabRef's standard number: a list of numbers, each after its kind
            # (":ISBN:x:ISSN:y"), each a value
            parts = re.findall(r":[A-Z]+:([^:]*)", value) if name == "StandardNumber" else []
            out += [(name, v) for v in parts] or [(name, value)]
    elif path.suffix == ".rdf":
        out += _rdf_values(raw)
    elif path.suffix in (".yml", ".yaml", ".cff"):  # Hayagriva, CFF: every scalar
        out += _yaml_values(text)
    elif path.suffix == ".xml" and _MODS_NS in text[:3000]:
        out += _xml_leaves(ET.fromstring(raw), "mods", _mods_structural)
    elif path.suffix == ".xml" and re.search(r"<(?:\w+:)?datafield\s+tag=", text[:20000]):
        out += _marc_values(text)
    elif path.suffix == ".xml":
        for rec in ET.fromstring(text).iter("record"):
            out += [(e.tag, "".join(e.itertext())) for e in rec.iter() if not len(e)]
    elif text.lstrip().startswith("["):  # a JSON list of objects (Publish or Perish)
        for item in json.loads(text):
            for key, value in item.items():
                values = value if isinstance(value, list) else [value]
                out += [(key, str(v)) for v in values if v not in (None, "", 0)]
    elif '"message-type"' in text[:2000]:  # Crossref's API: its works' main values
        data = json.loads(text)["message"]
        for item in data.get("items", [data]):
            for key in ("title", "container-title", "ISSN", "ISBN", "subject"):
                out += [(key, str(v)) for v in item.get(key, [])]
            for key in ("DOI", "volume", "issue", "page", "publisher", "URL"):
                out.append((key, str(item.get(key) or "")))
            out += [
                ("author", str(a.get("family") or a.get("name") or ""))
                for a in item.get("author", [])
            ]
    else:
        if path.suffix == ".json":
            items = json.loads(text).get("results", [])
        else:
            items = [json.loads(x) for x in text.splitlines() if x.strip()]
        for item in items:
            for key in ("title", "doi", "publication_date", "language"):
                out.append((key, str(item.get(key) or "")))
            out += [("author", a["author"]["display_name"]) for a in item.get("authorships", [])]
            out += [("id", v) for v in (item.get("ids") or {}).values()]
    return out


SHEETS = (".xlsx", ".xls")
_WORD_NS = "http://schemas.openxmlformats.org/officeDocument/2006/bibliography"
_MODS_NS = "http://www.loc.gov/mods/v3"


def _xml_leaves(root: object, record: str, structural: object) -> list[tuple[str, str]]:
    """(name, text) of every element without child elements inside each record element
    (Word's ``b:Source``, MODS's ``mods``), namespaces dropped, except the ones whose value
    the works hold as their structure (``structural(name, text)``: a type or a role)."""
    out = []
    for rec in root.iter():  # type: ignore[attr-defined]
        if rec.tag.rsplit("}", 1)[-1] != record:
            continue
        for e in rec.iter():
            name, value = e.tag.rsplit("}", 1)[-1], " ".join("".join(e.itertext()).split())
            if not len(e) and value and not structural(name, value):  # type: ignore[operator]
                out.append((name, value))
    return out


def _yaml_values(text: str) -> list[tuple[str, str]]:
    """(key, text) of every scalar of a YAML file, as PyYAML's safe loader reads it (a date
    as ISO text), except the structure the works hold as their types and roles."""
    import datetime

    import yaml

    out = []
    stack: list[tuple[str, object]] = [("", yaml.safe_load(text))]
    while stack:
        key, value = stack.pop()
        if isinstance(value, dict):
            stack += [(str(k), v) for k, v in value.items()]
        elif isinstance(value, list):
            stack += [(key, v) for v in value]
        elif value is not None and key not in ("type", "cff-version"):
            shown = value.isoformat() if isinstance(value, datetime.date) else str(value)
            out.append((key, shown))
    return out


def _rdf_values(raw: bytes) -> list[tuple[str, str]]:
    """(name, text) of every element without child elements of every resource of a Zotero
    RDF export (items, their containers, attachments, notes, collections), except what the
    works hold as their structure (an item type, an attachment's link mode); a note's HTML
    as its text."""
    import html
    import xml.etree.ElementTree as ET

    out = []
    for node in ET.fromstring(raw):
        for e in node.iter():
            name = e.tag.rsplit("}", 1)[-1]
            value = " ".join("".join(e.itertext()).split())
            if name == "value" and "<" in value:
                value = " ".join(html.unescape(re.sub(r"<[^>]*>", " ", value)).split())
            if not len(e) and value and name not in ("itemType", "linkMode"):
                out.append((name, value))
    return out


def _word_structural(name: str, value: str) -> bool:
    """A source type Word names, read as the work's CSL type."""
    from litreview.formats._word_sources import _TYPES

    return name == "SourceType" and value in _TYPES


def _mods_structural(name: str, value: str) -> bool:
    """An author's or an editor's role, read as the list the name is in."""
    from litreview.formats._mods_maps import ROLES

    return name == "roleTerm" and ROLES.get(value.lower()) in ("authors", "editors")


_MARC_VALUE = re.compile(
    r'<(?:\w+:)?(leader|controlfield tag="(\w+)"|datafield tag="(\w+)"|subfield code="(.)")[^>]*>'
    r"([^<]*)"
)


def _marc_values(text: str) -> list[tuple[str, str]]:
    """(``tag$code``, text) of every subfield, control field and leader of MARCXML, read
    with a regular expression (JabRef's files are not all well-formed XML), except a
    name's relator that the works hold as the list the name is in; a host's ``$g`` by its
    numbers (volume, issue, pages, year), each to be found."""
    import html

    from litreview.formats._marc_maps import ROLES

    out = []
    tag = ""
    for m in _MARC_VALUE.finditer(text):
        kind, control, data, code, value = m.groups()
        tag = data or tag
        value = " ".join(html.unescape(value).split())
        if data or not value:
            continue
        name = "leader" if kind == "leader" else control or f"{tag}${code}"
        relator = code in ("4", "e") and tag[1:] in ("00", "10") and tag[0] in "17"
        if relator and ROLES.get(value.lower().strip(" .,")) in ("authors", "editors"):
            continue
        if name == "773$g":  # a host's "Vol. 50 (2023), S. 1-26": read into its numbers
            out += [(name, n) for n in re.findall(r"\d+(?:-\d+)?", value)]
            continue
        out.append((name, value))
    return out


def _table(path: Path) -> list[dict[str, str]]:
    """The rows of a table file (CSV or TSV, or a spreadsheet's first sheet, read with
    openpyxl) under its header: the first row of three or more filled cells (a note may come
    first); a CSV's separator is the one of ``,``, ``;`` and tab its header has most of."""
    import csv
    import io

    if path.suffix in SHEETS:
        import openpyxl

        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
        rows = [
            ["" if v is None else str(v) for v in row]
            for row in book.worksheets[0].iter_rows(values_only=True)
        ]
    else:
        text = path.read_text(encoding="utf-8-sig")
        lines = text.splitlines()
        head = next((line for line in lines if max(map(line.count, ",;\t")) >= 2), "")
        sep = max(",;\t", key=head.count)
        rows = list(csv.reader(io.StringIO(text), delimiter=sep))
    at = next(i for i, row in enumerate(rows) if sum(bool(c.strip()) for c in row) >= 3)
    header = rows[at]
    # a record fills two cells or more (Abstrackr ends with a one-cell section label)
    return [
        {h: c for h, c in zip(header, row, strict=False) if h and c.strip()}
        for row in rows[at + 1 :]
        if sum(bool(c.strip()) for c in row) >= 2
    ]


def _run(cmd: list[str], cwd: str) -> tuple[int, str]:
    done = subprocess.run(cmd, capture_output=True, text=True, cwd=cwd, timeout=300)
    return done.returncode, done.stdout + done.stderr


def _consumers(works: list, tmp: str, check_biber: bool) -> tuple[int, int]:  # type: ignore[type-arg]
    """(exports a consumer refused, biber datamodel warnings of the BibLaTeX export)."""
    from litreview.formats import writer_for

    failed = 0
    d = Path(tmp)
    (d / "doc.md").write_text("---\nnocite: '@*'\n---\n", encoding="utf-8")
    for fmt, name in (("bibtex", "out.bib"), ("csljson", "out.json")):
        (d / name).write_text(writer_for(fmt)(works), encoding="utf-8")
        code, log = _run(
            ["pandoc", "--citeproc", "--bibliography", name, "-t", "plain", "doc.md"], tmp
        )
        failed += code != 0
    (d / "blx.bib").write_text(writer_for("biblatex")(works), encoding="utf-8")
    code, log = _run(["biber", "--tool", "--output-file", "tool.bib", "blx.bib"], tmp)
    failed += code != 0 or "ERROR" in log
    warnings = _datamodel_warnings(d / "blx.bib", tmp) if check_biber else 0
    return failed, warnings


def _datamodel_warnings(bib: Path, tmp: str) -> int:
    _code, log = _run(
        ["biber", "--tool", "--validate-datamodel", "--output-file", "dm.bib", str(bib)], tmp
    )
    return sum(1 for line in log.splitlines() if line.startswith("WARN - Datamodel"))


def _key_missing(works: list) -> int:  # type: ignore[type-arg]
    """Titles, author lists and years the works lack (one count each per work)."""
    return sum((not w.title) + (not w.authors) + (not w.year) for w in works)


def _csl_bad(works: list) -> int:  # type: ignore[type-arg]
    from litreview.formats import writer_for

    schema_path = SCHEMA if SCHEMA.exists() else FALLBACK_SCHEMA
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    validator = jsonschema.Draft7Validator(schema["items"] | {"definitions": schema["definitions"]})
    items = json.loads(writer_for("csljson")(works))
    return sum(1 for item in items if not validator.is_valid(item))


def _false_merges(works: list) -> int:  # type: ignore[type-arg]
    from litreview.corpus.dedup import merge_into
    from litreview.formats import writer_for
    from litreview.formats.ris import read_ris

    first = merge_into([], works)
    again = read_ris(writer_for("ris")(list(first.works)), "again.ris")[0]
    second = merge_into(list(first.works), again)
    wrong = sum(1 for k, v in second.key_map.items() if k != v)
    return wrong + (len(second.works) - len(first.works)) + len(second.merges)


def _via_corpus(works: list) -> list:  # type: ignore[type-arg]
    """``works`` imported (deduplicated, citekeys given), saved in corpus.bib and read again."""
    from litreview.corpus.dedup import merge_into
    from litreview.formats.bibtex import read_bibtex, write_bibtex

    imported = merge_into([], works).works
    return read_bibtex(write_bibtex(sorted(imported, key=lambda w: w.key)))[0]


def _same_format_lost(path: Path, fmt: str, works: list) -> int | str:  # type: ignore[type-arg]
    from litreview.formats import writer_for

    if path.suffix in SHEETS or fmt not in ("bibtex", "biblatex", "ris", "csljson"):
        return _search_lost(path, works)  # (an XML file may be in another encoding)
    text = path.read_text(encoding="utf-8-sig")
    if fmt in ("bibtex", "biblatex"):
        dialect = "biblatex" if _is_biblatex(text) else "bibtex"
        return _lost(_bib_values(text), _bib_values(writer_for(dialect)(works)))
    if fmt == "ris":
        return _lost(_ris_values(text), _ris_values(writer_for("ris")(works)))
    if fmt == "csljson":
        return _lost(_csl_values(text), _csl_values(writer_for("csljson")(works)))
    return _search_lost(path, works)


def _is_biblatex(text: str) -> bool:
    low = text.lower()
    # "date =" as a field of its own, not the end of another's name ("EarlyAccessDate =")
    return any(m in low for m in ("journaltitle", "@online", "location =", "@mvbook")) or bool(
        re.search(r"(?<![\w-])date\s*=", low)
    )


def _keyed(text: str) -> str:
    """``text`` with each entry that has no citekey (``@Article{,``, as Citavi writes them)
    given one: biber skips such entries, so their own data-model warnings would go uncounted
    while the export, where import gave them keys, has them."""
    count = iter(range(1, 1 << 30))
    return re.sub(r"(@\w+\s*[{(])\s*,", lambda m: f"{m.group(1)}keyless{next(count)},", text)


def measure(path: Path, tools: bool) -> dict[str, object]:
    """One row of the table."""
    from litreview.core.errors import LitreviewError
    from litreview.formats import format_for, read_file

    row: dict[str, object] = {"file": path.name}
    try:
        fmt = format_for(path).name
        works, problems = read_file(path)
        try:
            from litreview.formats import detect  # type: ignore[attr-defined]

            fmt = detect(path.read_text(encoding="utf-8", errors="replace"), path.suffix) or fmt
        except ImportError:  # before the search-export readers
            pass
    except (LitreviewError, ValueError, UnicodeDecodeError) as exc:
        return row | {"entries": "-", "note": str(exc)[:50]}
    row["entries"] = len(works)
    row["errors"] = sum(p.severity == "error" for p in problems)
    for column, found in (("lost", lambda: works), ("lost via corpus", lambda: _via_corpus(works))):
        try:
            row[column] = _same_format_lost(path, fmt, found())
        except Exception as exc:  # the measurement must go on to the next file
            row[column] = f"? {type(exc).__name__}"
    row["key missing"] = _key_missing(works)
    row["csl bad"] = _csl_bad(works)
    if tools:
        with tempfile.TemporaryDirectory() as tmp:
            failed, warn = _consumers(_via_corpus(works), tmp, fmt == "bibtex")
            row["consumer errors"] = failed
            if fmt == "bibtex":
                copy = Path(tmp) / "input.bib"  # biber writes its log beside the file
                copy.write_text(_keyed(path.read_text(encoding="utf-8-sig")), encoding="utf-8")
                own = _datamodel_warnings(copy, tmp)
                row["dm warn"] = f"{warn} [{own}]"
    from litreview.corpus.dedup import merge_into

    row["merged in file"] = len(merge_into([], works).merges)
    row["false merges"] = _false_merges(works)
    return row


COLUMNS = (
    "file",
    "entries",
    "errors",
    "lost",
    "lost via corpus",
    "key missing",
    "csl bad",
    "consumer errors",
    "dm warn",
)


def main() -> None:
    """Print the table."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("files", nargs="*", type=Path)
    ap.add_argument("--no-tools", action="store_true", help="skip pandoc and biber")
    args = ap.parse_args()
    files = args.files or sorted(REAL.iterdir()) + EXTRA + [EXAMPLES]
    files = [f for f in files if f.is_file() and f.suffix not in (".md", ".blg")]
    cols = (*COLUMNS, "merged in file", "false merges", "note")
    print("| " + " | ".join(cols) + " |")
    print("|" + "---|" * len(cols))
    totals: Counter[str] = Counter()
    for f in files:
        row = measure(f, not args.no_tools)
        for c in cols[1:-1]:
            if isinstance(row.get(c), int):
                totals[c] += row[c]  # type: ignore[assignment]
        print("| " + " | ".join(str(row.get(c, "")) for c in cols) + " |", flush=True)
    print("| total | " + " | ".join(str(totals.get(c, "")) for c in cols[1:]) + " |")


if __name__ == "__main__":
    main()
