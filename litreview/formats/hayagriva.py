"""Hayagriva YAML (Typst's bibliography file, ``.yml``/``.yaml``) -> Work.

A mapping of entries by key, each a mapping of fields: ``type``, ``title`` (text, or
``value`` with a ``short`` form), ``author`` and ``editor`` (one person or a list: ``"Family,
Given"``, ``"van der Berg, Joost"``, or a mapping of ``name``, ``given-name``, ``prefix``,
``suffix``), ``affiliated`` (other roles), ``date`` (``2021``, ``2021-03``, ``2021-03-15``),
``publisher`` (text, or ``name`` and ``location``), ``location``, ``organization`` (the
body behind a report or a site, the publisher when none is named),
``volume``, ``issue``, ``edition``, ``page-range``, ``page-total``, ``url`` (text, or
``value`` and the ``date`` it was seen), ``serial-number`` (text, or ``doi``, ``isbn``,
``issn``, ``pmid``, ``pmcid``, ``arxiv``), ``language``, ``genre``, ``note``, ``abstract``,
``archive``, ``archive-location``, ``call-number``, and ``parent``: the container (a journal,
a book, proceedings, a website), an entry of its own or a list of them, whose title is the
container, whose volume, issue, publisher and editors are the work's where it has none, and
whose own parent is the series (or, a conference, the event). The entry's key is its
citekey when it can be one.

The type and the parent's type give the CSL type (an ``article`` in a ``periodical`` is a
journal article, in a ``newspaper`` a newspaper article, in ``proceedings`` a conference
paper). What has no field is kept as ``Hayagriva:<path>`` (``Hayagriva:runtime``,
``Hayagriva:parent/archive``), nested values as JSON. Read with the safe composition of
:mod:`._yaml_text` (scalars are text; alias bombs and deep nesting are one error). An entry
that is not a mapping is an error naming its line; the others are read.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from litreview.core.bulk import bulk
from litreview.core.errors import Problem
from litreview.core.model import Person, Work, replace
from litreview.formats._citekeys import is_citekey
from litreview.formats._dates import typed_date
from litreview.formats._names import names_text, text_person
from litreview.formats._search import doi_of
from litreview.formats._yaml_text import compose, construct, error, kept, scalar_text

__all__ = ["is_hayagriva", "read_hayagriva"]

PREFIX = "Hayagriva:"

# Hayagriva's entry types -> CSL types (an ``article`` by its parent: :data:`IN_PARENT`)
TYPES: dict[str, str] = {
    "article": "article-journal",
    "chapter": "chapter",
    "entry": "entry",
    "anthos": "chapter",
    "report": "report",
    "thread": "post",
    "web": "webpage",
    "scene": "motion_picture",
    "artwork": "graphic",
    "patent": "patent",
    "case": "legal_case",
    "newspaper": "periodical",
    "legislation": "legislation",
    "manuscript": "manuscript",
    "original": "document",
    "post": "post",
    "misc": "document",
    "performance": "performance",
    "periodical": "periodical",
    "proceedings": "book",
    "book": "book",
    "blog": "webpage",
    "reference": "book",
    "conference": "event",
    "anthology": "book",
    "thesis": "thesis",
    "audio": "song",
    "video": "motion_picture",
    "repository": "software",
    "legal": "legislation",
    "exhibition": "event",
    "dataset": "dataset",
}
# (the work's type, its parent's type) -> CSL type, where the parent tells what the work is
IN_PARENT: dict[tuple[str, str], str] = {
    ("article", "newspaper"): "article-newspaper",
    ("article", "proceedings"): "paper-conference",
    ("article", "conference"): "paper-conference",
    ("article", "blog"): "post-weblog",
    ("article", "web"): "webpage",
    ("article", "book"): "chapter",
    ("article", "anthology"): "chapter",
    ("entry", "reference"): "entry-encyclopedia",
    ("entry", "web"): "webpage",
    ("post", "blog"): "post-weblog",
}
# serial-number's kinds -> litreview's names ("doi" is a field)
SERIALS: dict[str, str] = {
    "isbn": "isbn",
    "issn": "issn",
    "pmid": "pmid",
    "pmcid": "pmcid",
    "arxiv": "eprint",
    "serial": "number",
}
# fields kept under the names litreview shares with other formats
SHARED: dict[str, str] = {
    "language": "language",
    "edition": "edition",
    "page-total": "pagetotal",
    "volume-total": "volumes",
    "genre": "type",
    "archive-location": "archive_location",
}
_KEY_LINE = re.compile(r"^[^\s#:][^:]*:\s*(?:#.*)?$")


def is_hayagriva(text: str) -> bool:
    """Whether ``text`` opens as Hayagriva: a top-level key, then an indented ``type:`` or
    ``title:`` before the next top-level key."""
    lines = [
        x for x in text.lstrip("\ufeff").splitlines()[:40] if x.strip() and not x.startswith("#")
    ]
    if len(lines) < 2 or not _KEY_LINE.match(lines[0]) or lines[0].startswith("references"):
        return False
    for line in lines[1:]:
        if not line[:1].isspace():
            return False
        if re.match(r"\s+(?:type|title)\s*:", line):
            return True
    return False


@bulk
def read_hayagriva(text: str, path: str = "<string>") -> tuple[list[Work], list[Problem]]:
    """Works of a Hayagriva file and a problem for each entry that cannot be one."""
    root, problems = compose(text, path, "entries")
    if root is None:
        return [], problems
    if not isinstance(root, yaml.MappingNode):
        return [], [error(path, root.start_mark.line + 1, "expected a mapping of entries by key")]
    works: list[Work] = []
    keys: set[str] = set()
    for key_node, node in root.value:
        key, line = str(construct(key_node)), node.start_mark.line + 1
        value = construct(node)
        if not isinstance(value, dict):
            problems.append(error(path, line, f"entry {key!r} is not a mapping of fields"))
            continue
        work = _Entry(value).work()
        if is_citekey(key) and key not in keys:
            keys.add(key)
            work = work.with_key(key)
        else:
            work = _with_extra(work, [("id", key)])
        works.append(work)
    return works, problems


def _with_extra(work: Work, extra: list[tuple[str, str]]) -> Work:
    return replace(work, extra=(*extra, *work.extra))


def _text(value: Any) -> str:
    return scalar_text(value, "value")


def _kept(value: Any) -> str:
    return kept(value, "value")


def person(value: Any) -> Person | None:
    """A person: ``"Family, Given"`` (``"van der Berg, Joost"``, ``"Family, Given, Jr."``),
    a name in one piece (an organisation), or a mapping of ``name``, ``given-name``,
    ``prefix``, ``suffix``."""
    if isinstance(value, dict):
        family = _text(value.get("name"))
        prefix = _text(value.get("prefix"))
        if prefix:
            family = f"{prefix} {family}"
        given = _text(value.get("given-name"))
        if not given:
            return Person(literal=family) if family else None
        return text_person(family, given, _text(value.get("suffix")))
    text = _text(value)
    if not text:
        return None
    parts = [p.strip() for p in text.split(",")]
    if len(parts) == 1:
        return Person(literal=text)
    return text_person(parts[0], parts[1], ", ".join(parts[2:]))


def people(value: Any) -> list[Person]:
    values = value if isinstance(value, list) else [value]
    return [p for p in map(person, values) if p is not None]


class _Entry:
    """One entry being read: the fields it fills and the rest it keeps."""

    def __init__(self, fields: dict[str, Any]) -> None:
        self.fields = {str(k).lower(): v for k, v in fields.items()}
        self.out: dict[str, Any] = {}
        self.extra: list[tuple[str, str]] = []

    def set(self, name: str, value: str) -> None:
        if value and not self.out.get(name):
            self.out[name] = value

    def work(self) -> Work:
        f = dict(self.fields)
        kind = _text(f.pop("type", "")).lower()
        parents = f.pop("parent", None)
        parents = parents if isinstance(parents, list) else [parents] if parents else []
        parent = next((p for p in parents if isinstance(p, dict)), None)
        parent_kind = _text(parent.get("type", "")).lower() if parent else ""
        csl = IN_PARENT.get((kind, parent_kind)) or TYPES.get(kind, "document")
        if kind and kind not in TYPES:
            self.extra.append((PREFIX + "type", kind))
        authors = people(f.pop("author", []))
        editors = people(f.pop("editor", []))
        self._title(f.pop("title", ""), "title", "shorttitle")
        self._common(f, "")
        if parent is not None:
            editors = editors or people(parent.pop("editor", []))
            self._parent(parent, csl)
        for other in parents:
            if other is not parent:
                self.extra.append((PREFIX + "parent", _kept(other)))
        return Work(
            key="",
            type=csl,
            authors=tuple(authors),
            editors=tuple(editors),
            keywords=(),
            extra=tuple((k, v) for k, v in self.extra if v),
            **{k: v for k, v in self.out.items() if v},
        )

    def _title(self, value: Any, field: str, short: str) -> None:
        self.set(field, _text(value))
        if isinstance(value, dict) and value.get("short"):
            self.extra.append((short, _text(value["short"])))

    def _common(self, f: dict[str, Any], under: str) -> None:
        """The fields a work and its parent share (``under``: ``""`` or ``"parent/"``):
        what the work has is not replaced by its parent's."""
        own = not under
        if own:
            self.set("issued", typed_date(_text(f.get("date", ""))))
            raw = _text(f.pop("date", ""))
            if raw and raw != self.out.get("issued"):
                self.extra.append((PREFIX + "date", raw))
        self.set("volume", _text(f.pop("volume", "")))
        self.set("issue", _text(f.pop("issue", "")))
        self._publisher(f.pop("publisher", ""))
        self.set("publisher", _text(f.pop("organization", "")))  # a report's, a site's body
        self.set("place", _text(f.pop("location", "")))
        self.set("pages", _text(f.pop("page-range", "")))
        self._url(f.pop("url", ""))
        self._serials(f.pop("serial-number", None))
        for name in ("doi", *SERIALS):
            if name in f:
                self._serials({name: f.pop(name)})
        if own:
            self.set("note", _text(f.pop("note", "")))
            self.set("abstract", _text(f.pop("abstract", "")))
        affiliated = f.pop("affiliated", [])
        for group in affiliated if isinstance(affiliated, list) else [affiliated]:
            if isinstance(group, dict):
                role = _text(group.get("role", "")).lower() or "affiliated"
                found = names_text(people(group.get("names", [])))
                self.extra.append(
                    ("translator" if role == "translator" else f"{PREFIX}{under}{role}", found)
                )
        for name, value in f.items():
            shared = SHARED.get(name)
            if shared and (own or name != "genre"):
                self.extra.append((shared, _text(value)))
            else:
                self.extra.append((f"{PREFIX}{under}{name}", _kept(value)))

    def _parent(self, parent: dict[str, Any], csl: str) -> None:
        p = {str(k).lower(): v for k, v in parent.items()}
        p.pop("type", None)
        self._title(p.pop("title", ""), "container", "shortjournal")
        self.extra.append(("bookauthor", names_text(people(p.pop("author", [])))))
        series = p.pop("parent", None)
        for s in series if isinstance(series, list) else [series] if series else []:
            if isinstance(s, dict):
                event = _text(s.get("type", "")).lower() in ("conference", "exhibition")
                self.extra.append(("eventtitle" if event else "series", _text(s.get("title", ""))))
                rest = {k: v for k, v in s.items() if k not in ("title", "type")}
                if rest:
                    self.extra.append((PREFIX + "parent/parent", _kept(rest)))
        if "date" in p and not self.out.get("issued"):
            self.set("issued", typed_date(_text(p["date"])))
        p.pop("date", None)
        self._common(p, "parent/")

    def _publisher(self, value: Any) -> None:
        if isinstance(value, dict):
            self.set("publisher", _text(value.get("name", "")))
            self.set("place", _text(value.get("location", "")))
        else:
            self.set("publisher", _text(value))

    def _url(self, value: Any) -> None:
        if isinstance(value, dict):
            self.set("url", _text(value.get("value", "")))
            self.set("accessed", typed_date(_text(value.get("date", ""))))
        else:
            self.set("url", _text(value))

    def _serials(self, value: Any) -> None:
        if value is None or value == "":
            return
        if not isinstance(value, dict):
            self.extra.append(("number", _text(value)))
            return
        for kind, number in value.items():
            kind, text = str(kind).lower(), _text(number)
            if kind == "doi" and doi_of(text):
                self.set("doi", doi_of(text))
            else:
                self.extra.append((SERIALS.get(kind, PREFIX + "serial-number/" + kind), text))
