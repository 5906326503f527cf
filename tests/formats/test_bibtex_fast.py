"""The fast reading of plain entries gives exactly what bibtexparser's splitter gives."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from bibtexparser import model as bm
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import litreview.formats.bibtex as bibtex
from litreview.core.errors import Problem
from litreview.core.model import Work
from litreview.formats._bibtex_fast import FastEntry, Item, _handed, _Keys, blocks, fields
from litreview.formats._bibtex_mend import Note

ROOT = Path(__file__).resolve().parents[2]
BIB_FILES = sorted(p for p in ROOT.glob("**/*.bib") if ".git" not in p.parts)


def _splitter_only(text: str, *, with_raw: bool) -> Iterator[Item]:
    """Every block as bibtexparser's splitter reads the whole text (the path before the
    fast one), with the entries it gives up on mended as the reader mends them."""
    yield from _handed(text, 0, len(text), 0, _Keys())


def _both(monkeypatch: pytest.MonkeyPatch, data: bytes) -> tuple[Result, Result]:
    """The file read with the fast path, then with bibtexparser's splitter only."""
    monkeypatch.setattr(bibtex, "PARALLEL_MIN_ENTRIES", 10**9)
    fast = _read(data)
    with monkeypatch.context() as m:
        m.setattr(bibtex, "blocks", _splitter_only)
        slow = _read(data)
    return fast, slow


Result = tuple[list[Work], list[Problem], list[bool]]


def _read(data: bytes) -> Result:
    works, problems = bibtex.read_bibtex_bytes(data, "t.bib")
    return works, problems, [w.tex for w in works]


@pytest.mark.parametrize("path", BIB_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_bib_file_reads_the_same(monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    fast, slow = _both(monkeypatch, path.read_bytes())
    assert fast == slow


def test_the_files_are_found() -> None:
    names = {p.name for p in BIB_FILES}
    assert {"corpus.bib", "jabref_test.bib", "jabref_citavi_import.bib"} <= names


def test_plain_entries_are_read_fast_and_the_rest_handed_over() -> None:
    text = (
        "% a comment line\n"
        "@article{a,\n  title = {A {Case} of \\& and \\{x},\n  year = 2001,\n}\n\n"
        '@string{p = "Press"}\n'
        '@book{b, title = "B", publisher = p # { and Co}}\n'
        "  @misc{c, title={C}}\n"
        "@misc{a, title={again}}\n"
    )
    got = list(blocks(text, with_raw=True))
    kinds = [type(block).__name__ for _, block in got]
    assert kinds == [
        "ImplicitComment",
        "FastEntry",
        "String",
        "Entry",
        "FastEntry",
        "DuplicateBlockKeyBlock",
    ]
    entry = got[1][1]
    assert isinstance(entry, FastEntry)
    assert entry.start_line == 1
    assert [(f.key, f.value, f.start_line) for f in fields(entry)] == [
        ("title", "{A {Case} of \\& and \\{x}", 2),
        ("year", "2001", 3),
    ]
    assert entry.raw == text[text.index("@article") : text.index("}\n\n") + 1]
    assert got[3][0] == 6  # the handed part's lines start at its own first line


# Pieces of entries: the plain shapes the fast path reads, and odd ones a splitter trips on.
_PIECES = {
    "value": (
        [
            "{plain}",
            "{A {Nested {Deep}} one}",
            '{with, comma = and "quote"}',
            '"quoted"',
            "2020",
            "jan",
            "{esc \\{ brace}",
            "{esc \\} brace}",
            "{multi\n\nline}",
            "{}",
            "{an @misc{x} mid-line}",
        ],
        [
            "{A {Nested {Deep {Deeper}}} one}",
            '"with {braces}"',
            '"a {"} quote"',
            '"{\\"o}"',
            "{ends \\\\}",
            "{back\\\nslash newline}",
            "{a line\n@starting with an at sign}",
            "{a line\n  @misc{inside}}",
            "mac # {cat}",
            "{unclosed",
            '"unclosed',
            "{x} trailing",
            "",
        ],
    ),
    "name": (["title", "Title", "author", "year", "x:y"], ["a b", "%c", "", "n{}"]),
    "equals": ([" = ", "=", "\n=", "\n  =\n "], [" =\t", "==", ""]),
    "key": (["k1", "k2", "K1", "ü"], ["", "k 3", "k{4}", "k=5"]),
    "type": (["article", "Book", "a_b"], ["string", "comment", "preamble", "", "misc x"]),
    "sep": ([",", ",\n  ", " ,\n"], ["\n", ",,", ", % c\n"]),
    "end": (["", ",", "\n", ",\n"], [",,", "%"]),
    "open": (["{"], ["("]),
    "close": (["}"], [")", ""]),
    "gap": (["\n", "\n\n", "\n  ", "\n\t"], [" ", "\ntext between\n", "\n%c\n", "}\n", ""]),
}


@st.composite
def _entry(draw: st.DrawFn) -> str:
    """An entry, then the text up to the next: of plain pieces only, or with odd ones."""
    odd = draw(st.integers(0, 2)) == 0
    pieces = {k: st.sampled_from(p + o if odd else p) for k, (p, o) in _PIECES.items()}
    fields = [
        draw(pieces["name"]) + draw(pieces["equals"]) + draw(pieces["value"])
        for _ in range(draw(st.integers(0, 4)))
    ]
    sep = draw(pieces["sep"])
    return "".join(
        [
            f"@{draw(pieces['type'])}{draw(st.sampled_from(['', ' ']))}{draw(pieces['open'])}",
            f"{draw(pieces['key'])}{sep}{sep.join(fields)}{draw(pieces['end'])}",
            draw(pieces["close"]) + draw(pieces["gap"]),
        ]
    )


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_entry(), max_size=6), st.sampled_from(["", "\n", "% head\n", "  "]))
def test_any_text_reads_as_bibtexparser_reads_it(entries: list[str], head: str) -> None:
    text = head + "".join(entries)
    assert _shapes(blocks(text, with_raw=True)) == _shapes(_splitter_only(text, with_raw=True))
    with pytest.MonkeyPatch.context() as mp:
        fast, slow = _both(mp, text.encode())
    assert fast == slow


def _shapes(items: Iterator[Item]) -> list[tuple[object, ...]]:
    """What the reader uses of each block, lines counted from the start of the text."""
    out: list[tuple[object, ...]] = []
    for offset, block in items:
        if isinstance(block, Note):
            out.append(("Note", block.line + offset, block.message))
            continue
        if isinstance(block, bm.DuplicateFieldKeyBlock):
            block = block.ignore_error_block
        if isinstance(block, FastEntry | bm.Entry):
            found = fields(block) if isinstance(block, FastEntry) else block.fields
            assert isinstance(block, bm.Entry) or block.pairs == [(f.key, f.value) for f in found]
            fields_ = [(f.key, f.value, f.start_line + offset) for f in found]
            key = (block.entry_type, block.key, block.raw, fields_)
        else:
            reason = getattr(getattr(block, "error", None), "abort_reason", "")
            key = (getattr(block, "key", ""), block.raw, reason)
        out.append((type(block).__name__.replace("Fast", ""), block.start_line + offset, key))
    return out


def test_a_key_first_seen_in_text_read_again_mended_is_no_repeat() -> None:
    """Hypothesis found it: an empty field (',,') makes the splitter stop, so it reads the
    '@article{k2,}' after it as an entry and the later k2 as its repeat; read again mended,
    that first k2 is inside the failed block and never read, so the later k2 is an entry,
    as the fast path has it."""
    text = (
        "@article{k1,}\n@article{k1,,title = {plain}) @article{k2,}\n@article{k2,title = {plain}}\n"
    )
    slow = _shapes(_splitter_only(text, with_raw=True))
    assert slow == _shapes(blocks(text, with_raw=True))
    assert slow[-1][0] == "Entry"
