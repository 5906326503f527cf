"""Editing a hand-owned BibTeX file in place (:mod:`litreview.formats.bibtex_patch`)."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from litreview.core.errors import InputError
from litreview.core.model import Person, Work
from litreview.formats.bibtex import read_bibtex, write_bibtex
from litreview.formats.bibtex_patch import check_bibtex, patch_bibtex, patch_pieces
from tests.strategies import keys, texts, works

HAND = (
    "% My corpus: keep this line\r\n"
    "@String{jn = {Journal of Macros}}\r\n"
    "@comment{jabref-meta: databaseType:bibtex;}\r\n"
    "\r\n"
    "@Article{Khan2015,\r\n"
    "  Author  = {Khan, Ayesha},\r\n"
    "  Title   = {Gender and Crime},\r\n"
    "  Journal = jn,\r\n"
    "  Year    = 2015,\r\n"
    "  month   = {May},\r\n"
    "  URL     = {https://example.org/k}\r\n"
    "}\r\n"
    "\r\n"
    '@preamble{"\\newcommand{\\noop}[1]{}"}\r\n'
    '@book{Zed1999, title = "Zed\'s Book", year = "1999"}\r\n'
)


def _stored(work: Work) -> Work:
    """``work`` as a file holds it once written and read back."""
    read, problems = read_bibtex(write_bibtex([work]))
    assert len(read) == 1 and not [p for p in problems if p.severity == "error"]
    return read[0]


def _by_key(ws: list[Work]) -> dict[str, Work]:
    return {w.key: w for w in ws}


def _read(text: str) -> list[Work]:
    ws, problems = read_bibtex(text)
    assert not [p for p in problems if p.severity == "error"], problems
    return ws


def test_nothing_changed_keeps_every_byte() -> None:
    assert patch_bibtex(HAND, _read(HAND)) == HAND


def test_a_changed_field_is_patched_in_place_and_the_rest_kept() -> None:
    old = _by_key(_read(HAND))
    new = [replace(old["Khan2015"], title="Gender and Organised Crime"), old["Zed1999"]]
    out = patch_bibtex(HAND, new)
    assert out == HAND.replace("{Gender and Crime}", "{Gender and Organised Crime}")
    assert _by_key(_read(out)) == _by_key(new)


def test_a_new_field_is_appended_in_the_entrys_style() -> None:
    old = _by_key(_read(HAND))
    new = [replace(old["Khan2015"], doi="10.1000/xyz"), replace(old["Zed1999"], volume="2")]
    out = patch_bibtex(HAND, new)
    # aligned like its neighbours, CRLF, after the last field
    assert "  URL     = {https://example.org/k},\r\n  doi     = {10.1000/xyz}\r\n}" in out
    # a one-line entry with quoted values gets a quoted value on its line
    assert '@book{Zed1999, title = "Zed\'s Book", year = "1999", volume = "2"}' in out
    assert _by_key(_read(out)) == _by_key(new)


def test_a_month_macro_and_a_string_use_survive_an_unrelated_change() -> None:
    old = _by_key(_read(HAND))
    new = [replace(old["Khan2015"], volume="3"), old["Zed1999"]]
    out = patch_bibtex(HAND, new)
    assert "  Journal = jn,\r\n" in out and "  month   = {May},\r\n" in out
    assert "URL" in out and "url" not in out


def test_a_changed_date_rewrites_the_date_fields_only() -> None:
    old = _by_key(_read(HAND))
    new = [replace(old["Khan2015"], issued="2016-06"), old["Zed1999"]]
    out = patch_bibtex(HAND, new)
    assert "  Year    = {2016},\r\n  month   = jun,\r\n" in out
    assert "  Journal = jn,\r\n" in out
    assert _by_key(_read(out)) == _by_key(new)


def test_new_works_are_appended_sorted_in_the_files_line_endings() -> None:
    old = _read(HAND)
    b = _stored(Work(key="b2020", type="book", title="Bee"))
    a = _stored(Work(key="a2020", type="book", title="Ay"))
    out = patch_bibtex(HAND, [*old, b, a])
    assert out.startswith(HAND)
    added = out[len(HAND) :]
    assert added.index("{a2020,") < added.index("{b2020,")
    assert "\n" not in added.replace("\r\n", "")
    assert _by_key(_read(out)) == _by_key([*old, a, b])


def test_the_new_text_comes_in_pieces_and_nothing_when_nothing_changes() -> None:
    """A corpus of gigabytes is patched without a second copy of it: the kept text and each
    new entry are separate pieces, made as they are written."""
    old = _read(HAND)
    assert patch_pieces(HAND, old) is None
    new = [_stored(Work(key=f"k{i}", type="book", title=f"T{i}")) for i in range(3)]
    pieces = list(patch_pieces(HAND, [*old, *new]) or [])
    assert "".join(pieces) == patch_bibtex(HAND, [*old, *new])
    assert sum("@book{k" in p for p in pieces) == 3 and max(map(len, pieces)) <= len(HAND)


def test_a_removed_entry_is_cut_cleanly_with_its_preamble() -> None:
    old = _by_key(_read(HAND))
    out = patch_bibtex(HAND, [old["Khan2015"]])
    assert out == HAND[: HAND.index("@preamble")]
    out = patch_bibtex(HAND, [old["Zed1999"]])
    assert "Khan2015" not in out and "@preamble" in out
    assert out.startswith("% My corpus: keep this line\r\n@String{jn")
    assert _read(out) == [old["Zed1999"]]


def test_an_entry_the_writer_would_write_differently_is_not_touched() -> None:
    """``month = {May}`` and ``month = may`` mean the same: the work written and read back
    is the work read, so the entry stays as it is."""
    old = _read(HAND)
    rewritten = [_stored(w) for w in old]
    assert patch_bibtex(HAND, rewritten) == HAND


def test_a_keyless_entry_stays_keyless_and_kept() -> None:
    text = "@article{,\n title={No key},\n year=2001}\n"
    ws = _read(text)
    assert ws[0].key == ""
    new = _stored(Work(key="b1", type="book", title="Other"))
    out = patch_bibtex(text, [*ws, new])
    assert out.startswith(text) and _read(out)[1] == new


@pytest.mark.parametrize(
    ("text", "line"),
    [
        pytest.param("Just some notes\nabout papers\n", 1, id="prose"),
        pytest.param("% a comment\n\nTitle: A paper\nAuthor: Smith\n", 3, id="ris-like"),
        pytest.param("@article{a, title={x}}\n}, year = {2001}}\n", 2, id="stray-field"),
    ],
)
def test_text_that_is_not_bibtex_is_an_error_naming_the_line(text: str, line: int) -> None:
    with pytest.raises(InputError) as info:
        patch_bibtex(text, [Work(key="k", type="book", title="T")], "corpus.bib")
    assert info.value.line == line and info.value.path == "corpus.bib"
    assert "\n" not in str(info.value)


@pytest.mark.parametrize(
    "text",
    ["", "  \n", "% only a comment\n@string{x = {y}}\n@comment{z}\n"],
)
def test_blank_or_comment_only_files_can_be_added_to(text: str) -> None:
    check_bibtex(text)
    new = _stored(Work(key="k", type="book", title="T"))
    out = patch_bibtex(text, [new])
    assert out.startswith(text.strip()) and _read(out) == [new]


# -- property: random hand-written files, random edits --------------------------------------

_JUNK = st.sampled_from(
    ["", "% a note by hand\n", "@comment{jabref-meta: grouping:;}\n", "\n\n", "Plain words.\n"]
)


def _styled(entry: str, style: int, month_braced: bool, macro: bool) -> str:
    """One serialised entry as a person might have written it."""
    if month_braced:
        entry = re.sub(r"month( *)= ([a-z]+)", lambda m: f"month{m[1]}= {{{m[2].title()}}}", entry)
    if macro:
        entry = entry.replace(",\n", ",\n  series = jn # { Two},\n", 1)
    if style == 1:  # field names capitalised, URL upper-case
        entry = re.sub(r"^  ([a-z])(\w*)", lambda m: "  " + m[1].upper() + m[2], entry, flags=re.M)
        entry = entry.replace("  Url ", "  URL ")
    elif style == 2:  # not aligned, no spaces around "="
        entry = re.sub(r"^  (\w+) *= ", r"  \1=", entry, flags=re.M)
    elif style == 3:  # on one line
        entry = re.sub(r",\n *", ", ", entry).replace("\n}", "}")
    return entry


@st.composite
def hand_files(draw: st.DrawFn) -> tuple[str, list[str], list[str]]:
    """A file, its entries as written, and the text between them."""
    ws = draw(st.lists(works(), max_size=5, unique_by=lambda w: w.key.lower()))
    nl = draw(st.sampled_from(["\n", "\r\n"]))
    junk = ["% hand-kept header\n", "@string{jn = {Macro Series}}\n"]
    entries = []
    parts = list(junk)
    for w in ws:
        between = draw(_JUNK) if entries else ""
        entry = _styled(
            write_bibtex([w]),
            draw(st.integers(0, 3)),
            draw(st.booleans()),
            draw(st.booleans()),
        )
        entries.append(entry.rstrip("\n").replace("\n", nl))
        parts.append(between + entry + "\n")
        if between.strip():
            junk.append(between.strip())
    return "".join(parts).replace("\n", nl), entries, [j.strip().replace("\n", nl) for j in junk]


_EDITS = ("keep", "keep", "remove", "title", "doi", "extra", "date", "authors", "abstract")


def _edit(work: Work, edit: str, text: str) -> Work:
    if edit == "title":
        return replace(work, title=text)
    if edit == "doi":
        return replace(work, doi="10.5555/" + text.split()[0].lower())
    if edit == "extra":
        return replace(work, extra=(*work.extra, ("x_added", text)))
    if edit == "date":
        return replace(work, issued="2001-05")
    if edit == "abstract":
        return replace(work, abstract=f"{text}\n\n{text}")
    return replace(work, authors=(Person(family="Ortiz", given=text.split()[0]),))


@settings(max_examples=30, deadline=None)
@given(
    hand_files(),
    st.lists(st.sampled_from(_EDITS), min_size=5, max_size=5),
    texts(max_words=3),
    st.lists(works(), max_size=2),
    st.lists(keys(), min_size=2, max_size=2, unique=True),
)
@example(  # the entries removed: the file keeps its @string and free text, still BibTeX
    file=(
        "% hand-kept header\n@string{jn = {Macro Series}}\n@article{A,\n}\n\nPlain words.\n"
        "@article{A0,\n}\n\n",
        ["@article{A,\n}", "@article{A0,\n}"],
        ["% hand-kept header", "@string{jn = {Macro Series}}", "Plain words."],
    ),
    edits=["remove", "remove", "keep", "keep", "keep"],
    text="0",
    added=[],
    new_keys=["A", "A0"],
)
def test_random_edits_keep_untouched_text_and_read_back_as_intended(
    file: tuple[str, list[str], list[str]],
    edits: list[str],
    text: str,
    added: list[Work],
    new_keys: list[str],
) -> None:
    before, entries, junk = file
    old = _read(before)
    assert len(old) == len(entries)
    intended: list[Work] = []
    untouched: list[str] = []
    for work, entry, edit in zip(old, entries, edits, strict=False):
        if edit == "remove":
            continue
        if edit == "keep":
            intended.append(work)
            untouched.append(entry)
        else:
            intended.append(_stored(_edit(work, edit, text)))
    taken = {w.key.lower() for w in old}
    for work, key in zip(added, new_keys, strict=False):
        if key.lower() not in taken:
            intended.append(_stored(replace(work, key=key)))
    after = patch_bibtex(before, intended)
    assert _by_key(_read(after)) == _by_key(intended)
    for piece in untouched + junk:
        assert piece in after
    nl = "\r\n" if "\r\n" in before else "\n"
    assert "\r" not in after.replace(nl, "") and "\n" not in after.replace(nl, "")
    assert patch_bibtex(after, intended) == after


def test_a_preamble_taken_over_in_a_merge_goes_before_the_kept_entry() -> None:
    old = _by_key(_read(HAND))
    preamble = old["Zed1999"].extra
    kept = replace(old["Khan2015"], extra=old["Khan2015"].extra + preamble)
    out = patch_bibtex(HAND, [kept])
    assert _read(out) == [kept]
    assert out.index("@preamble") < out.index("@Article{Khan2015")


def test_a_new_paragraph_break_takes_the_files_line_ending() -> None:
    old = _by_key(_read(HAND))
    new = [replace(old["Khan2015"], abstract="One.\n\nTwo."), old["Zed1999"]]
    out = patch_bibtex(HAND, new)
    assert "{One.\r\n\r\nTwo.}" in out and "\n" not in out.replace("\r\n", "")
    assert _by_key(_read(out)) == _by_key(new)


STRAY = "@article{a,\n  title = {T}},\n  year = {2001},\n  note = {n}\n}\n\n@book{b, title={B}}\n"


def test_an_entry_closed_early_by_a_stray_brace_is_rewritten_with_its_fields() -> None:
    ws = _read(STRAY)
    assert ws[0].note == "n"  # read anyway, with a warning
    new = [replace(ws[0], doi="10.1/x"), ws[1]]
    out = patch_bibtex(STRAY, new)
    assert out.count("year") == 1 and out.endswith("\n\n@book{b, title={B}}\n")
    assert _read(out) == new
    assert _read(patch_bibtex(STRAY, [ws[1]])) == [ws[1]]


def test_a_preamble_its_work_no_longer_has_is_cut() -> None:
    old = _by_key(_read(HAND))
    zed = replace(old["Zed1999"], extra=(), title="Zed")
    out = patch_bibtex(HAND, [old["Khan2015"], zed])
    assert "@preamble" not in out and _by_key(_read(out)) == _by_key([old["Khan2015"], zed])


def test_a_month_read_as_an_unmodelled_field_is_patched_alone() -> None:
    """Without a year, ``month`` is kept as an unmodelled field: dropping it touches only it."""
    text = "@book{m, title={M}, publisher = pub, month = dec}\n"
    work = _read(text)[0]
    assert work.extra == (("month", "dec"),)
    out = patch_bibtex(text, [replace(work, extra=())])
    assert out == "@book{m, title={M}, publisher = pub}\n"


# -- property: the odd corners of hand-written BibTeX, random edits ---------------------------

ODD_BLOCKS = (
    "@article(paren1, title = {Paren entry}, year = 2001)",
    "@Comment{jabref-meta: x}",
    "@COMMENT{a {nested} comment}",
    "@misc{trail, title={Trailing comma},}",
    "@article{miss, title = {Missing} year = {2002}}",
    '@book{quoted, title = "Quoted {Value}", publisher = "P" # " and Q"}',
    "@string{pub = {Big Press}}",
    "@book{usesmacro, title={M}, publisher = pub, month = dec}",
    '@preamble{"\\def\\x{}"}',
    "% a comment line",
    "@article{tabs,\n\ttitle\t=\t{Tabs},\n\tauthor = {A and B}\n}",
    "@inproceedings{both, booktitle={Conf}, journal={J}, title={Both}}",
    "@article{,\n title={Keyless},\n}",
    "@online{web, url = {http://x.org/a%20b}, urldate={2020-01-01}, title={W}}",
    "@article{dates, date={2001-02-03}, year={2001}, title={D}}",
    "@techreport{rep, institution={Inst}, type={Working Paper}, number={4}, title={R}}",
    "@article{stray,\n  title = {T}},\n  year = {2001}\n}",
)
ODD_EDITS = (
    lambda w: w,
    lambda w: None,
    lambda w: replace(w, title="New Title"),
    lambda w: replace(w, doi="10.1/z"),
    lambda w: replace(w, issued="1999-07"),
    lambda w: replace(w, publisher=""),
    lambda w: replace(w, container="Other Journal"),
    lambda w: replace(w, type="book"),
    lambda w: replace(w, extra=()),
)


@settings(max_examples=100, deadline=None)
@given(
    st.lists(st.sampled_from(ODD_BLOCKS), min_size=1, max_size=8, unique=True),
    st.sampled_from(["\n", "\r\n"]),
    st.lists(st.integers(0, len(ODD_EDITS) - 1), min_size=8, max_size=8),
    st.booleans(),
)
def test_odd_files_read_back_as_intended_after_random_edits(
    blocks: list[str], nl: str, edits: list[int], add: bool
) -> None:
    before = ("\n\n".join(blocks) + "\n").replace("\n", nl)
    intended = []
    for work, edit in zip(_read(before), edits, strict=False):
        new = ODD_EDITS[edit](work)
        if new is not None:
            intended.append(new if new is work else _stored(new))
    if add:
        intended.append(_stored(Work(key="added", type="book", title="Added")))
    after = patch_bibtex(before, intended)
    assert sorted(map(repr, _read(after))) == sorted(map(repr, intended))
    if intended:
        assert patch_bibtex(after, intended) == after


def test_new_entries_are_refused_where_an_at_string_redefines_their_month() -> None:
    text = "@string{may = {Mai}}\n@book{a, title={A}, year=2001, month=may}\n"
    old = _read(text)
    assert old[0].issued == "2001" and old[0].extra == (("month", "Mai"),)
    plain = _stored(Work(key="b", type="book", title="B", issued="2001"))
    assert _read(patch_bibtex(text, [*old, plain])) == [*old, plain]
    dated = _stored(Work(key="c", type="book", title="C", issued="2001-05"))
    with pytest.raises(InputError, match="redefines a month name"):
        patch_bibtex(text, [*old, dated], "corpus.bib")


def test_new_entries_go_after_a_stray_braces_leftovers_not_inside_them() -> None:
    # the reader gives the leftovers of '{T}}' (', year = {2001} }') to the entry: a new
    # entry put between the entry and them took its year (found by Hypothesis)
    text = '@article{stray,\n  title = {T}},\n  year = {2001}\n}\n\n@preamble{"x"}\n'
    (old,) = _read(text)
    assert old.issued == "2001"
    new = _stored(Work(key="added", type="book", title="Added"))
    out = patch_bibtex(text, [old, new])
    assert _read(out) == [old, new] and out.endswith('@preamble{"x"}\n')


def test_new_entries_go_before_a_preamble_that_ends_the_file() -> None:
    text = '@book{a, title={A}}\n\n@book{b, title={B}}\n\n@preamble{"x"}\n'
    a, b = _read(text)
    new = _stored(Work(key="c", type="book", title="C"))
    for kept in ([a, b], [a]):
        out = patch_bibtex(text, [*kept, new])
        assert out.endswith('\n@preamble{"x"}\n') and _read(out) == [*kept, new]
