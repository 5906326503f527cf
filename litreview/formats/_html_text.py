"""HTML text as a reader sees it, with its notes (the standard library's HTML parser).

The page is read into a small tree (tolerant of unclosed and stray tags, as browsers are),
then written out block by block: a heading ``<hN>`` as ``#``×N and its text, a paragraph,
list item, table row or other block on lines of its own with a blank line between blocks,
list items as ``- text`` (``N. text`` in an ordered list), table cells joined by `` | ``,
``<br>`` as a line break; the heading of a section left with no text is dropped. What a
reader never sees is left out: ``<head>`` (but for the title), scripts, styles, templates,
SVG, navigation and forms.

Notes: a link to an element of the same page (``href="#id"``) is a note reference when its
text is a marker (``1``, ``[2]``, ``*``, ``iv``, ``a``; at most four characters, or in a
``<sup>``, or marked ``role="doc-noteref"`` or with a class naming a footnote or reference)
and its target is a block (a list item, paragraph, ``<aside>``, ...) that is no heading,
does not hold the link, and comes after it. The reference is written ``[^N]`` where it sits,
N counting the notes in the order their references first appear (as DOCX notes are,
:mod:`._docx_text`); the notes follow the body as ``[^N]: text`` lines and are not written
where they stood. Links inside a note back to its reference (``↩``, ``^``) are dropped. This
covers the shapes in use: pandoc's ``<section class="footnotes">``, Wikipedia-style ``<ol
class="references">``, publishers' ``<aside>`` notes. Notes written as plain ``[4]`` markers
and numbered paragraphs stay text, for the note finder to read as it reads any text.

What the page says about itself: ``citation_title``/``citation_author``/
``citation_publication_date`` (the tags scholarly pages carry for indexers), Dublin Core,
``author``, else ``<title>``; ``stated_by`` is ``front matter`` when the page carries the
scholarly or Dublin Core tags (its publisher's metadata: it wins over what the first lines
seem to say), ``file properties`` otherwise. Pure: a string in, a string and a dict out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from litreview.core.bulk import gc_paused
from litreview.core.limits import MAX_HTML_ELEMENTS
from litreview.formats._links import markdown_link
from litreview.formats._sup import sup_piece

__all__ = ["html_text"]

# fmt: off
_SKIP = frozenset({
    "head", "script", "style", "noscript", "template", "svg", "math", "nav", "form", "select",
    "button", "iframe", "object", "canvas",
})
_VOID = frozenset({
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
    "source", "track", "wbr",
})
_BLOCK = frozenset({
    "address", "article", "aside", "blockquote", "body", "caption", "dd", "details", "dialog",
    "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "header", "hgroup", "html",
    "li", "main", "ol", "p", "pre", "section", "summary", "table", "tbody", "td", "tfoot", "th",
    "thead", "tr", "ul", "h1", "h2", "h3", "h4", "h5", "h6", "hr",
})
# fmt: on
#: An open tag that an opening tag of these closes first (``<p>a<p>b``, ``<li>a<li>b``).
_CLOSED_BY = {
    "p": _BLOCK - {"body", "html"},
    "li": frozenset({"li"}),
    "dt": frozenset({"dt", "dd"}),
    "dd": frozenset({"dt", "dd"}),
    "tr": frozenset({"tr"}),
    "td": frozenset({"td", "th", "tr"}),
    "th": frozenset({"td", "th", "tr"}),
    "option": frozenset({"option"}),
}
_HEADINGS = {f"h{i}": i for i in range(1, 7)}
_MARKER = re.compile(r"[\[(]?(?:\d{1,4}|[*†‡§¶#]{1,3}|[ivxlc]{1,6}|[a-z])[\])]?", re.IGNORECASE)
_NOTE_CLASS = re.compile(r"foot|endnote|noteref|note-ref|fnref|reference|citation-ref")
_BACK = frozenset({"↩", "↩︎", "^", "↑", "⤴", "back"})
# elements small enough to be a reference's anchor (their ids are what backlinks name)
_ANCHOR_TAGS = frozenset({"sup", "a", "span", "cite", "small", "b", "i"})
_SPACE = re.compile(r"[ \t\r\n\f\u00a0]+")
_BREAK = "\x00"  # a <br>: no text holds it (the source's NULs are dropped first)
MAX_DEPTH = 512  # deeper nesting is flattened: no page a person reads nests this deep
_NO_ATTRS: dict[str, str] = {}  # shared by the elements without attributes: never written


@dataclass(slots=True, eq=False)
class _Node:
    tag: str
    attrs: dict[str, str] = field(default_factory=dict)
    kids: list[_Node | str] = field(default_factory=list)
    seq: int = 0  # the element's place in the page (its start tag's)
    marker: str = ""  # a list item's ``N. `` or ``- ``


@dataclass(frozen=True, slots=True)
class _Link:
    """A link to an element of the page (``href="#id"``), and whether it is in a ``<sup>``."""

    node: _Node
    in_sup: bool


class _TreeBuilder(HTMLParser):
    """A tolerant tree: unclosed tags are closed where their parent ends, stray end tags
    are dropped, and nesting beyond :data:`MAX_DEPTH` is read as siblings; past
    :data:`MAX_HTML_ELEMENTS` elements, tags are dropped and only text is read. The
    elements with an ``id`` (or ``name``) and the links to them are noted as they come."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = _Node("#root")
        self.stack: list[_Node] = [self.root]
        self.meta: dict[str, list[str]] = {}
        self.title: list[str] = []
        self.open: dict[str, int] = {}  # how many of each tag the stack holds
        self.ids: dict[str, _Node] = {}  # the first element of each id or name
        self.links: list[_Link] = []
        self.count = 0
        self._in_title = False

    def parse_marked_section(self, i: int, report: bool = True) -> int:
        """A marked section (``<![CDATA[...]]>``); one with no name the parser can scan
        (``<![0``: Python's parser raised AssertionError) opens with text, ``<![``."""
        try:
            return super().parse_marked_section(i, report)
        except AssertionError:
            self.handle_data("<![")
            return i + 3

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k.lower(): (v or "") for k, v in attrs} if attrs else _NO_ATTRS
        if tag == "meta":
            name = (values.get("name") or values.get("property") or "").lower()
            if name and values.get("content"):
                self.meta.setdefault(name, []).append(values["content"])
            return
        if tag == "title":
            self._in_title = True
        if self.count >= MAX_HTML_ELEMENTS:
            return
        closes = [t for t, by in _CLOSED_BY.items() if tag in by and self.open.get(t)]
        if closes:
            for i in range(len(self.stack) - 1, 0, -1):
                if self.stack[i].tag in ("table", "ul", "ol", "dl") and tag != "p":
                    break
                if self.stack[i].tag in closes:
                    self._pop_to(i)
                    break
        self.count += 1
        node = _Node(tag, values, [], self.count)
        for key in ("id", "name"):
            ident = values.get(key)
            if ident and ident not in self.ids:
                self.ids[ident] = node
        href = values.get("href", "")
        if tag == "a" and href.startswith("#") and len(href) > 1:
            self.links.append(_Link(node, bool(self.open.get("sup"))))
        self.stack[-1].kids.append(node)
        if tag not in _VOID and len(self.stack) < MAX_DEPTH:
            self.stack.append(node)
            self.open[tag] = self.open.get(tag, 0) + 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in _VOID and self.stack[-1].tag == tag and len(self.stack) > 1:
            self._pop_to(len(self.stack) - 1)

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        if not self.open.get(tag):
            return
        for i in range(len(self.stack) - 1, 0, -1):
            if self.stack[i].tag == tag:
                self._pop_to(i)
                return

    def _pop_to(self, i: int) -> None:
        """Close the open elements from ``stack[i]`` up."""
        for node in self.stack[i:]:
            self.open[node.tag] -= 1
        del self.stack[i:]

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title.append(data)
        self.stack[-1].kids.append(data)


def html_text(source: str) -> tuple[str, dict[str, str]]:
    """The text of an HTML page as read (see the module) and its ``title``, ``author`` and
    ``date`` as the page states them (empty where it does not), with ``stated_by``."""
    builder = _TreeBuilder()
    with gc_paused():  # a tree of a million elements, none of them garbage
        builder.feed(source.replace(_BREAK, ""))
        builder.close()
        writer = _Writer(notes=_note_refs(builder.links, builder.ids))
        writer.block(builder.root)
        text = writer.finish()
    return text, _meta(builder.meta, " ".join(builder.title))


def _walk(root: _Node) -> list[_Node]:
    """Every element under ``root`` in document order (iteratively: no recursion limit)."""
    out: list[_Node] = []
    todo: list[_Node] = [root]
    while todo:
        node = todo.pop()
        out.append(node)
        todo.extend(k for k in reversed(node.kids) if isinstance(k, _Node))
    return out


def _links_in(node: _Node) -> bool:
    """Whether a link is under ``node`` (a note reference in a ``<sup>`` is read as one)."""
    return any(n.tag == "a" for n in _walk(node))


def _flat(node: _Node) -> str:
    """All the text under ``node``, spaces collapsed."""
    parts: list[str] = []
    todo: list[_Node | str] = [node]
    while todo:
        item = todo.pop()
        if isinstance(item, str):
            parts.append(item)
        elif item.tag not in _SKIP:
            todo.extend(reversed(item.kids))
    return _SPACE.sub(" ", "".join(parts)).strip()


@dataclass(slots=True)
class _Notes:
    """Note references (anchor -> target) and their targets (target -> number)."""

    refs: dict[int, _Node] = field(default_factory=dict)
    targets: dict[int, int] = field(default_factory=dict)
    order: list[_Node] = field(default_factory=list)
    # the ids of the small elements holding a reference (``<sup id="cite_ref-2">``): what a
    # note's links back to its references point at
    anchors: set[str] = field(default_factory=set)


def _note_refs(links: list[_Link], ids: dict[str, _Node]) -> _Notes:
    """The note references among ``links`` (in page order) to the elements of ``ids``."""
    notes = _Notes()
    for link in links:
        node = link.node
        target = ids.get(node.attrs["href"][1:])
        if target is None or target.tag not in _BLOCK or target.tag in _HEADINGS:
            continue
        # a note follows its reference (so never holds it: what holds a link comes before)
        if target.seq < node.seq:
            continue
        marker = _flat(node)
        if not _MARKER.fullmatch(marker):
            continue
        marked = node.attrs.get("role") == "doc-noteref" or bool(
            _NOTE_CLASS.search(node.attrs.get("class", "").lower())
        )
        if not (marked or link.in_sup or len(marker) <= 4):
            continue
        if target.tag in ("body", "html", "main"):
            continue
        notes.refs[id(node)] = target
        if id(target) not in notes.targets:
            notes.order.append(target)
            notes.targets[id(target)] = len(notes.order)
    if notes.refs:
        notes.anchors = {
            ident
            for ident, node in ids.items()
            if node.tag in _ANCHOR_TAGS and any(id(n) in notes.refs for n in _walk(node))
        }
    return notes


@dataclass(slots=True)
class _Writer:
    """Blocks written in document order; ``pending`` is the heading or list marker of the
    block now open, put before its first line."""

    notes: _Notes
    # a link to another page written as Markdown's ``[text](url)`` (in notes, whose
    # reference reads its URL so, as in a Markdown document's notes)
    links: bool = False
    blocks: list[str] = field(default_factory=list)
    levels: list[int] = field(default_factory=list)  # a heading block's level, else 0
    line: list[str] = field(default_factory=list)
    pending: str = ""

    def block(self, node: _Node) -> None:
        """Write the blocks under ``node`` (iteratively, in document order)."""
        todo: list[tuple[bool, _Node | str]] = [(False, node)]
        while todo:
            closing, item = todo.pop()
            if isinstance(item, str):
                self.line.append(item)
                continue
            tag = item.tag
            if closing:
                self._end()
                if _prefix(item):
                    self.pending = ""
                continue
            if tag in _SKIP or id(item) in self.notes.targets:
                continue
            if id(item) in self.notes.refs:
                self.line.append(f"[^{self.notes.targets[id(self.notes.refs[id(item)])]}]")
                continue
            if tag == "br":
                self.line.append(_BREAK)
                continue
            if self.links and tag == "a" and (shown := _markdown_link(item)):
                self.line.append(shown)
                continue
            if (
                tag == "sup"
                and not _links_in(item)
                and (raised := sup_piece(_flat(item))) != _flat(item)
            ):
                self.line.append(raised)  # citation numbers (a numbered style without notes)
                continue
            if tag in ("td", "th") and self._text():
                self.line.append(" | ")
            if tag in _BLOCK and tag not in ("td", "th"):
                self._end()
                if _prefix(item):
                    self.pending = _prefix(item)
            if tag in ("ol", "ul"):
                _number(item)
            if tag in _BLOCK and tag not in ("td", "th"):
                todo.append((True, item))
            todo.extend((False, k) for k in reversed(item.kids))

    def _text(self) -> str:
        return _SPACE.sub(" ", "".join(self.line)).strip()

    def _end(self) -> None:
        """Close the open line as a block, after the pending heading or list marker."""
        lines = [_SPACE.sub(" ", part).strip() for part in "".join(self.line).split(_BREAK)]
        self.line.clear()
        text = "\n".join(x for x in lines if x)
        if text:
            self.blocks.append(self.pending + text)
            self.levels.append(len(self.pending) - 1 if self.pending.startswith("#") else 0)
            self.pending = ""

    def finish(self) -> str:
        self._end()
        body = "\n\n".join(_without_empty_sections(self.blocks, self.levels))
        notes = []
        for n, target in enumerate(self.notes.order, 1):
            _drop_backlinks(target, self.notes.anchors)
            inner = _Writer(notes=_Notes(), links=True)
            inner.block(_Node("div", {}, list(target.kids)))
            inner._end()
            text = " ".join(" ".join(inner.blocks).split())
            notes.append(f"[^{n}]: {text}" if text else f"[^{n}]:")
        return body + ("\n\n" + "\n\n".join(notes) if notes else "") + "\n"


def _markdown_link(node: _Node) -> str:
    """A link to another page as ``[text](url)`` (:func:`._links.markdown_link`)."""
    return markdown_link(_flat(node), node.attrs.get("href", ""))


def _without_empty_sections(blocks: list[str], levels: list[int]) -> list[str]:
    """The blocks less the headings of sections left with no text: a heading followed by
    one of its level or higher, or by nothing (a "References" heading whose list became the
    notes after the body; it would otherwise head them). ``levels`` gives each block's
    heading level (0: not a heading, whatever its text: a paragraph may begin with "# ")."""
    out = []
    for i, block in enumerate(blocks):
        level = levels[i]
        after = levels[i + 1] if i + 1 < len(blocks) else 1
        if level and after and after <= level:
            continue
        out.append(block)
    return out


def _number(node: _Node) -> None:
    """Give each item of a list its marker: ``N. `` in an ordered list (its ``start`` and
    items' ``value`` respected), ``- `` otherwise."""
    n = _int(node.attrs.get("start"), 1)
    for kid in node.kids:
        if isinstance(kid, _Node) and kid.tag == "li":
            n = _int(kid.attrs.get("value"), n)
            kid.marker = f"{n}. " if node.tag == "ol" else "- "
            n += 1


def _prefix(node: _Node) -> str:
    if node.tag in _HEADINGS:
        return "#" * _HEADINGS[node.tag] + " "
    if node.tag == "li":
        return node.marker or "- "
    return ""


def _drop_backlinks(target: _Node, anchors: set[str]) -> None:
    """Remove, inside a note, the links back to its references: a link marked so (``↩``,
    ``^``, a ``back`` class, ``doc-backlink``) or pointing at an element that holds a
    reference (MediaWiki's ``a``, ``b`` when a note is cited twice), and what a page marks as
    the backlinks' group (``<span class="mw-cite-backlink">^ a b</span>``)."""
    for node in _walk(target):
        node.kids = [k for k in node.kids if not (isinstance(k, _Node) and _backlink(k, anchors))]


def _backlink(node: _Node, anchors: set[str]) -> bool:
    """Whether ``node``, inside a note, only leads back to the note's references."""
    if "backlink" in node.attrs.get("class", "").lower():
        return True
    href = node.attrs.get("href", "")
    if node.tag != "a" or not href.startswith("#"):
        return False
    return (
        _flat(node).lower() in _BACK
        or "back" in node.attrs.get("class", "").lower()
        or node.attrs.get("role") == "doc-backlink"
        or href[1:] in anchors
    )


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


def _meta(meta: dict[str, list[str]], title: str) -> dict[str, str]:
    def first(*names: str) -> str:
        for name in names:
            for value in meta.get(name, ()):
                if value.strip():
                    return _SPACE.sub(" ", value).strip()
        return ""

    names = ("citation_author", "dc.creator", "dcterms.creator", "author")
    authors = next((meta[k] for k in names if k in meta), [])
    scholarly = any(k.startswith(("citation_", "dc.", "dcterms.")) for k in meta)
    return {
        "stated_by": "front matter" if scholarly else "file properties",
        "title": first("citation_title", "dc.title", "dcterms.title", "og:title")
        or _SPACE.sub(" ", title).strip(),
        "author": "; ".join(_SPACE.sub(" ", a).strip() for a in authors if a.strip()),
        "date": first(
            "citation_publication_date",
            "citation_date",
            "dc.date",
            "dcterms.date",
            "dcterms.issued",
            "article:published_time",
        ),
    }
