"""The one rule for citekeys from RIS ID, CSV key and CSL-JSON id."""

from __future__ import annotations

import pytest

from litreview.formats.csljson import read_csljson
from litreview.formats.ris import read_ris
from litreview.formats.tabular import read_csv


@pytest.mark.parametrize("key", ["smith2012", "knuth:ct", "averroes/hercz", "a.b+c-d_e", "12345"])
def test_keys_that_follow_the_rule_are_kept(key: str) -> None:
    assert read_ris(f"TY  - JOUR\nID  - {key}\nER  - \n")[0][0].key == key
    assert read_csv(f"key,title\n{key},T\n")[0][0].key == key
    assert read_csljson(f'[{{"id": "{key}", "type": "book"}}]')[0][0].key == key


@pytest.mark.parametrize(
    "bad", ["a}b,\\\\input{x}", "two words", "http://zotero.org/users/1/items/AB", "-lead", "é"]
)
def test_other_ids_are_kept_as_extra_and_never_become_keys(bad: str) -> None:
    (work,), _ = read_ris(f"TY  - JOUR\nID  - {bad}\nER  - \n")
    assert work.key == "" and work.extra_value("id") == bad
    (row,), _ = read_csv(f'key,title\n"{bad}",T\n')
    assert row.key == "" and row.extra_value("id") == bad
