"""Reading a large BibTeX file in parallel chunks gives exactly what a serial read gives."""

from __future__ import annotations

from typing import Any

import pytest

import litreview.formats.bibtex as bibtex
from litreview.core.errors import InputError
from litreview.core.files import decode_utf8
from litreview.formats._bibtex_chunks import split_chunks, split_parts
from litreview.formats.bibtex import read_bibtex, read_bibtex_bytes, read_bibtex_utf8

# Entries with every kind of problem, spread so that any cut falls between some of them.
MESSY = (
    '@string{pub = "Big Press"}\n'
    "@book{a, title={A}, publisher=pub}\n"
    "@article{b,\n  title = {B}\n  year = {2000},\n  note = {n}\n}\n"
    "@article{c,\n  title = {C}},\n  year = {2001},\n}\n"
    "@misc{d, abstract={a line\n@starting with an at sign}, title={D}}\n"
    "@book{e, author={X, Y}}\n"
    "@string{pub2 = pub # { and Co}}\n"
    "@book{f, title={F}, publisher=pub2, note=undefinedmacro}\n"
    "@article{g,\n  title = {G,\n  year = {2000},\n}\n"
    "@book{h, title={H}, title={again}}\n"
    "@book{i, title={I}, year={1999}}\n"
)


def _serial(monkeypatch: pytest.MonkeyPatch, text: str) -> tuple[list, list]:
    """``read_bibtex(text)`` forced to read in one piece."""
    monkeypatch.setattr(bibtex, "PARALLEL_MIN_ENTRIES", 10**9)
    return read_bibtex(text, "m.bib")


@pytest.mark.parametrize("parts", [2, 3, 5])
def test_chunks_start_with_an_entry_and_keep_line_numbers(parts: int) -> None:
    chunks = split_chunks(MESSY, parts)
    assert 2 <= len(chunks) <= parts  # no cut after g: its braces never close
    assert "".join(c.text for c in chunks) == MESSY
    for c in chunks:
        assert c.text.startswith("@")
        assert MESSY.splitlines()[c.line_offset] == c.text.splitlines()[0]
    # The "@" inside the abstract of d is at brace depth 1: never a cut.
    assert not any(c.text.startswith("@starting") for c in chunks)


def test_later_chunks_get_the_earlier_string_macros() -> None:
    chunks = split_chunks(MESSY, 5)
    assert chunks[0].prelude == ""
    assert "@string{pub =" in chunks[-1].prelude and "pub2" in chunks[-1].prelude


@pytest.mark.parametrize("parts", [2, 3, 5])
def test_chunked_read_equals_serial_read(monkeypatch: pytest.MonkeyPatch, parts: int) -> None:
    serial = _serial(monkeypatch, MESSY)
    assert len(serial[1]) >= 5  # the file does exercise the problem paths
    chunks = split_chunks(MESSY, parts)
    pieces = [bibtex._read_chunk(c, "m.bib") for c in chunks]
    works = [w for ws, _ in pieces for w in ws]
    problems = sorted((p for _, ps in pieces for p in ps), key=lambda p: p.line or 0)
    assert (works, problems) == serial


def _spy_fork_map(monkeypatch: pytest.MonkeyPatch) -> list[tuple[int, int]]:
    """The (parts, workers) of each parallel read, which still runs in worker processes."""
    calls: list[tuple[int, int]] = []
    real = bibtex.fork_map

    def spy(fn: Any, job: Any, n: int, workers: int, *, here: bool = False) -> Any:
        calls.append((n, workers))
        return real(fn, job, n, workers, here=here)

    monkeypatch.setattr(bibtex, "fork_map", spy)
    return calls


def test_parallel_read_in_worker_processes_equals_serial(monkeypatch: pytest.MonkeyPatch) -> None:
    serial = _serial(monkeypatch, MESSY)
    monkeypatch.setattr(bibtex, "PARALLEL_MIN_ENTRIES", 1)
    monkeypatch.setattr(bibtex, "_workers", lambda: 2)
    calls = _spy_fork_map(monkeypatch)
    assert read_bibtex(MESSY, "m.bib") == serial
    assert calls == [(2, 2)]


def test_many_parts_read_by_two_processes_equal_serial(monkeypatch: pytest.MonkeyPatch) -> None:
    """A file of many parts (CHUNK_ENTRIES each) alternates between this process and a worker."""
    serial = _serial(monkeypatch, MESSY)
    monkeypatch.setattr(bibtex, "PARALLEL_MIN_ENTRIES", 1)
    monkeypatch.setattr(bibtex, "CHUNK_ENTRIES", 2)
    monkeypatch.setattr(bibtex, "_workers", lambda: 2)
    calls = _spy_fork_map(monkeypatch)
    assert read_bibtex(MESSY, "m.bib") == serial
    assert calls and calls[0][0] > 2


def test_bad_bytes_in_a_later_chunk(monkeypatch: pytest.MonkeyPatch) -> None:
    before, after = MESSY.split("@book{i")
    data = (before + "@book{y, title={\xc4}}\n").encode() + (
        "@book{z, title={Caf\xe9}}\n@book{i" + after
    ).encode("latin-1")  # UTF-8 beside Latin-1: entry by entry
    serial = read_bibtex_bytes(data, "m.bib")
    monkeypatch.setattr(bibtex, "PARALLEL_MIN_ENTRIES", 1)
    monkeypatch.setattr(bibtex, "_workers", lambda: 3)
    monkeypatch.setattr(bibtex, "fork_map", lambda f, job, n, w, here: map(f, [job] * n, range(n)))
    assert read_bibtex_bytes(data, "m.bib") == serial
    line = before.count("\n") + 2  # after the line of entry y
    chunks = bibtex.split_chunks(data.decode("utf-8", "surrogateescape"), 3)
    assert any(0 < c.line_offset < line and "@book{z" in c.text for c in chunks)
    assert f"m.bib:{line}: error: not UTF-8 (byte 0xE9); entry 'z' skipped" in map(str, serial[1])


def test_a_citekey_in_two_chunks_is_read_serially_so_the_duplicate_is_caught() -> None:
    text = MESSY + "@book{a, title={Again}}\n"
    assert len(split_chunks(text, 2)) == 1
    found, problems = read_bibtex(text, "m.bib")
    assert [w.key for w in found].count("a") == 1
    assert any("duplicate citekey 'a'" in p.message for p in problems)


def test_indented_string_definitions_prevent_splitting() -> None:
    assert len(split_chunks("  @string{x = {y}}\n" + MESSY, 3)) == 1


def test_unbalanced_file_without_a_depth_zero_boundary_is_one_chunk() -> None:
    text = "@book{a, title={A}\n" + "".join(f"@book{{k{i}, title={{T}}}}\n" for i in range(5))
    assert len(split_chunks(text, 2)) == 1


def test_without_worker_processes_a_file_is_read_serially(monkeypatch: pytest.MonkeyPatch) -> None:
    serial = _serial(monkeypatch, MESSY)
    monkeypatch.setattr(bibtex, "PARALLEL_MIN_ENTRIES", 1)
    monkeypatch.setattr(bibtex, "_workers", lambda: 2)

    def no_processes(*args: object, **kwargs: object) -> None:
        raise PermissionError("no semaphores here")

    monkeypatch.setattr(bibtex, "fork_map", no_processes)
    assert read_bibtex(MESSY, "m.bib") == serial


def test_no_chunk_ends_with_a_preamble_that_belongs_to_the_next_entry() -> None:
    text = "".join(f"@book{{k{i}, title={{T}}}}\n" for i in range(10)) + "@preamble{{p}}\n"
    text += "".join(f"@book{{m{i}, title={{T}}}}\n" for i in range(10))
    assert len(split_chunks(text, 2)) == 1
    assert len(split_chunks(text.replace("@preamble{{p}}\n", ""), 2)) == 2


def _parts_read_serially(monkeypatch: pytest.MonkeyPatch) -> None:
    """Bytes read in parts (as many as the file has entries), in this process."""
    monkeypatch.setattr(bibtex, "PARALLEL_MIN_ENTRIES", 1)
    monkeypatch.setattr(bibtex, "CHUNK_ENTRIES", 1)
    monkeypatch.setattr(bibtex, "_workers", lambda: 1)


@pytest.mark.parametrize("bom", [b"", b"\xef\xbb\xbf"])
@pytest.mark.parametrize("workers", [1, 2])
def test_bytes_read_in_parts_equal_the_serial_read_of_the_text(
    monkeypatch: pytest.MonkeyPatch, bom: bytes, workers: int
) -> None:
    text = MESSY.replace("{A}", "{Ä → ∞}") + "@book{j,\n title={J}}\n@article{,title={keyless}}\n"
    text += "@article{ , title={keyless too}}\n"
    serial = _serial(monkeypatch, text)
    _parts_read_serially(monkeypatch)
    monkeypatch.setattr(bibtex, "_workers", lambda: workers)
    calls = []
    real = bibtex._part_of
    monkeypatch.setattr(bibtex, "_part_of", lambda d, i, **kw: calls.append(i) or real(d, i, **kw))
    assert read_bibtex_utf8(bom + text.encode(), "m.bib") == serial
    assert len(calls) >= 3 if workers == 1 else calls  # the worker's parts are not seen here


def test_bytes_that_cannot_split_are_read_as_one_text(monkeypatch: pytest.MonkeyPatch) -> None:
    text = MESSY + "@book{a, title={Again}}\n"  # a citekey in two parts
    serial = _serial(monkeypatch, text)
    _parts_read_serially(monkeypatch)
    assert read_bibtex_utf8(text.encode(), "m.bib") == serial


@pytest.mark.parametrize(
    ("data", "message"),
    [
        pytest.param(
            MESSY.encode() + b"@book{z, title={Caf\xe9}}\n",
            "m.bib:23: not UTF-8: byte 0xe9",
            id="latin1_byte_in_the_last_part",
        ),
        pytest.param(
            MESSY.encode() + b"@book{z, title={\x00}}\n", "m.bib:23: a NUL byte", id="nul"
        ),
        pytest.param(b"\xff\xfe" + MESSY.encode("utf-16-le"), "m.bib:1: UTF-16", id="utf16"),
        pytest.param(
            b"\xef\xbb\xbf\n\n@book{z, title={Caf\xe9}}\n" + MESSY.encode(),
            "m.bib:3: not UTF-8: byte 0xe9",
            id="latin1_byte_after_a_bom",
        ),
    ],
)
def test_bytes_read_in_parts_fail_as_decoding_the_whole_does(
    monkeypatch: pytest.MonkeyPatch, data: bytes, message: str
) -> None:
    _parts_read_serially(monkeypatch)
    with pytest.raises(InputError) as whole:
        decode_utf8(data, "m.bib")
    with pytest.raises(InputError) as parts:
        read_bibtex_utf8(data, "m.bib")
    assert str(parts.value) == str(whole.value)
    assert str(parts.value).startswith(message)


def test_split_parts_cut_the_bytes_where_split_chunks_cuts_the_text() -> None:
    data = MESSY.encode()
    parts = split_parts(data, 3, lambda a, b: data[a:b].decode())
    assert parts is not None and len(parts) >= 2
    assert b"".join(data[p.start : p.end] for p in parts) == data
    chunks = split_chunks(MESSY, len(parts))
    assert [(p.line_offset, p.prelude) for p in parts] == [
        (c.line_offset, c.prelude) for c in chunks
    ]
