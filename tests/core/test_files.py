"""Reading files: UTF-16 told from UTF-8 with a byte-order mark or without one."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from litreview.core.errors import InputError
from litreview.core.files import decode_text, decode_utf8, utf16_as_utf8, utf16_codec
from litreview.formats import read_file

RIS = "TY  - JOUR\nTI  - Café and wheat\nAU  - Roe, Jane\nPY  - 2001\nER  - \n"
# the first 256 characters of an export in Latin letters, digits and punctuation (all that
# is looked at), then any text
_ASCII = st.text(st.characters(min_codepoint=32, max_codepoint=126), min_size=256, max_size=300)
_ANY = st.text(st.characters(blacklist_characters="\x00", blacklist_categories=["Cs"]))


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be", "utf-16"])
def test_utf16_with_or_without_a_byte_order_mark_is_read(codec: str) -> None:
    data = RIS.encode(codec)
    assert decode_text(data, "a.ris") == RIS
    assert utf16_as_utf8(data) == RIS.encode()


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_an_export_in_utf16_without_a_byte_order_mark_imports(tmp_path: Path, codec: str) -> None:
    path = tmp_path / "a.ris"
    path.write_bytes(RIS.encode(codec))
    works, problems = read_file(path)
    assert [w.title for w in works] == ["Café and wheat"] and problems == []


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_where_utf8_must_be_is_one_error_that_says_so(codec: str) -> None:
    with pytest.raises(InputError, match=r"UTF-16 text \(no byte-order mark\), not UTF-8"):
        decode_utf8("@book{a, title={A}}\n".encode(codec), "corpus.bib")


@given(_ASCII, _ANY, st.sampled_from(["utf-16-le", "utf-16-be"]))
def test_utf16_text_is_told_and_read_back(head: str, tail: str, codec: str) -> None:
    text = head + tail
    assert utf16_codec(text.encode(codec)) == codec
    assert decode_text(text.encode(codec), "a.txt") == text


@given(_ANY)
def test_utf8_text_is_never_taken_for_utf16(text: str) -> None:
    assert utf16_codec(text.encode("utf-8")) == ""
    assert decode_text(text.encode("utf-8"), "a.txt") == text.removeprefix("\ufeff")
