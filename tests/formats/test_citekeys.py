"""The one rule for citekeys from RIS ID, CSV key and CSL-JSON id."""

from __future__ import annotations

import pytest

from litreview.formats.csljson import read_csljson
from litreview.formats.ris import read_ris
from litreview.formats.tabular import read_csv


@pytest.mark.parametrize(
    "key", ["smith2012", "knuth:ct", "averroes/hercz", "a.b+c-d_e", "12345", "2019A&A...123..45B"]
)
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


def test_an_ads_key_round_trips_through_every_format() -> None:
    """NASA ADS's keys hold '&' (A&A, the journal): BibTeX, biber and pandoc read them."""
    from litreview.core.texmarkup import plain_work
    from litreview.formats.bibtex import read_bibtex, write_bibtex
    from litreview.formats.csljson import write_csljson
    from litreview.formats.ris import write_ris

    text = "@ARTICLE{2019A&A...123..45B,\n  title = {Stars},\n  year = 2019,\n}\n"
    (work,), problems = read_bibtex(text, "ads.bib")
    assert work.key == "2019A&A...123..45B" and problems == []
    assert read_bibtex(write_bibtex([work]), "c.bib")[0][0].key == work.key
    plain = plain_work(work)
    assert read_ris(write_ris([plain]))[0][0].key == work.key
    assert read_csljson(write_csljson([plain]))[0][0].key == work.key
