"""Training data of the reference parser: punctuation dropped (labels kept), bodies given with
their acronyms and in sentence case, with the year in the title, agency reports oversampled."""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
import refparse_train_data  # type: ignore[import-not-found]
from refparse_synth import agency_reports, unsigned  # type: ignore[import-not-found]
from refparse_train_data import (  # type: ignore[import-not-found]
    acronym_alone_variant,
    acronym_variant,
    edition_year_variant,
    lead_body_author,
    oversample,
    punct_variant,
    sentence_case_variant,
)

sys.path.remove(str(ROOT / "benchmarks"))

TOKENS = ["Smith,", "J.", "(2010,", "March", "17).", "A", "title.", "Reuters."]
LABELS = ["author", "author", "date", "date", "date", "title", "title", "journal"]


def test_only_field_ends_and_date_commas_lose_punctuation() -> None:
    seen = set()
    for seed in range(40):
        out = punct_variant(TOKENS, LABELS, random.Random(seed))
        assert out is None or len(out) == len(TOKENS)
        for before, after in zip(TOKENS, out or TOKENS, strict=True):
            assert after in (before, before[:-1])
            if after != before:
                seen.add(before)
    # the comma inside the author stays, as does the initial's stop that ends it; the
    # date's inner comma and every other field's last mark are each dropped some time
    assert seen == {"(2010,", "17).", "title.", "Reuters."}


def test_fields_limit_the_drops() -> None:
    for seed in range(40):
        out = punct_variant(TOKENS, LABELS, random.Random(seed), {"date"}) or TOKENS
        changed = {b for b, a in zip(TOKENS, out, strict=True) if a != b}
        assert changed <= {"(2010,", "17)."}


def test_nothing_to_drop_gives_none() -> None:
    assert punct_variant(["J.", "Smith"], ["author", "author"], random.Random(1)) is None


def _report(ident: str, **fields: object) -> dict:
    return {"id": ident, "type": "report", "title": f"Title {ident}", **fields}


def test_agency_reports_need_a_number_and_an_issuing_body() -> None:
    records = [
        _report("a", number="R-1", publisher="Office of Research"),
        _report("b", number="7", author=[{"literal": "Budget Office"}]),
        _report("c", publisher="Office of Research"),  # no number
        _report("d", number="7", author=[{"family": "Lee", "given": "A."}]),  # no body
        {**_report("e", number="12", publisher="Press"), "type": "article-journal"},
    ]
    assert [r["id"] for r in agency_reports(records)] == ["a", "b"]


def test_unsigned_records_are_the_grey_kinds_without_their_authors() -> None:
    people = [{"family": "Lee", "given": "A."}]
    records = [
        _report("a", author=people, publisher="Office of Research"),
        {"id": "w", "type": "webpage", "title": "Switchboard", "editor": people},
        {"id": "j", "type": "article-journal", "title": "An article", "author": people},
        {"id": "n", "type": "webpage", "author": people},  # no title to cite it by
    ]
    out = unsigned(records)
    assert [r["id"] for r in out] == ["a", "w"]
    assert all("author" not in r and "editor" not in r for r in out)
    assert out[0]["publisher"] == "Office of Research"
    assert records[0]["author"] == people  # the records themselves keep their authors


def test_title_first_renderings_are_drawn_apart_from_the_reports(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pool = [{"id": f"t{k}", "raw": f"“Title {k},” Office, 2020.", "labels": []} for k in range(20)]
    path = tmp_path / "title_first.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in pool), encoding="utf-8")
    monkeypatch.setattr(refparse_train_data, "SYNTH_TITLE_FIRST", path)
    kw = {"n_grobid": 0, "n_synth": 0, "seed": 7, "core": False, "held_out": []}
    added = refparse_train_data.training_records(n_title_first=5, **kw)
    assert len({r["id"] for r in added}) == 5
    assert added == oversample(pool, 5, 7, "title-first")
    assert added != oversample(pool, 5, 7)


def test_oversample_draws_distinct_records_the_same_way_each_time() -> None:
    pool = [{"id": str(k), "raw": f"r{k}"} for k in range(50)]
    seven = oversample(pool, 10, 7)
    assert len({r["id"] for r in seven}) == 10
    assert oversample(pool, 10, 7) == seven
    assert oversample(pool, 10, 8) != seven
    assert len(oversample(pool, 80, 7)) == 50  # the whole pool, no repeats


def test_training_records_add_reports_but_not_held_out_texts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rendered = [
        {"id": f"s{k}", "raw": f"Office. Title {k}. R-{k}.", "labels": []} for k in (0, 1, 2)
    ]
    path = tmp_path / "reports.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rendered), encoding="utf-8")
    monkeypatch.setattr(refparse_train_data, "SYNTH_REPORTS", path)
    kw = {"n_grobid": 0, "n_synth": 0, "seed": 7, "core": False}
    assert refparse_train_data.training_records(held_out=[], **kw) == []
    added = refparse_train_data.training_records(held_out=[], n_reports=3, **kw)
    assert sorted(r["id"] for r in added) == ["s0", "s1", "s2"]
    kept = refparse_train_data.training_records(held_out=[rendered[1]["raw"]], n_reports=3, **kw)
    assert sorted(r["id"] for r in kept) == ["s0", "s2"]


def test_a_held_out_text_is_left_out_when_only_a_dash_or_space_differs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rendered = [
        {"id": "a", "raw": "Body (2015). Plan du Sud - Séance 4 p.", "labels": []},
        {"id": "b", "raw": "Body (2016). Other plan.", "labels": []},
    ]
    path = tmp_path / "reports.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rendered), encoding="utf-8")
    monkeypatch.setattr(refparse_train_data, "SYNTH_REPORTS", path)
    kw = {"n_grobid": 0, "n_synth": 0, "seed": 7, "core": False, "n_reports": 2}
    held = ["Body (2015). Plan du Sud – Séance  4 p."]
    kept = refparse_train_data.training_records(held_out=held, **kw)
    assert [r["id"] for r in kept] == ["b"]
    exact = refparse_train_data.training_records(held_out=held, exact_held_out=True, **kw)
    assert sorted(r["id"] for r in exact) == ["a", "b"]


def test_a_body_that_opens_a_reference_is_its_author() -> None:
    def rec(*tags: str) -> dict:
        return {"id": "x", "raw": "", "labels": [[t, t] for t in tags]}

    assert lead_body_author(rec("publisher", "date", "title"))["labels"][0][0] == "author"
    numbered = lead_body_author(rec("citation-number", "publisher", "title"))
    assert [t for t, _ in numbered["labels"]] == ["citation-number", "author", "title"]
    masthead = rec("publisher", "journal", "volume")
    assert lead_body_author(masthead) == masthead  # a masthead stays a publisher
    later = rec("author", "title", "publisher")
    assert lead_body_author(later) == later
    original = rec("publisher", "date")
    lead_body_author(original)
    assert original["labels"][0][0] == "publisher"  # the record given is not changed


def test_a_body_that_opens_a_record_is_also_given_with_its_acronym() -> None:
    tokens = ["3.", "National", "Research", "Council", "of", "Canada.", "2010.", "A", "title."]
    labels = ["citation-number", *["author"] * 5, "date", "title", "title"]
    out = acronym_variant(tokens, labels)
    assert out == (
        [*tokens[:5], "Canada", "(NRCC).", *tokens[6:]],
        [*labels[:6], "author", *labels[6:]],
    )
    # people, names that already hold a bracket or digits, and bodies not first: unchanged
    assert acronym_variant(["Smith,", "John.", "2010."], ["author", "author", "date"]) is None
    named = ["Agency", "(EPA).", "2010."]
    assert acronym_variant(named, ["author", "author", "date"]) is None
    later = ["A", "title.", "World", "Health", "Organization."]
    assert acronym_variant(later, ["title", "title", "publisher", "publisher", "publisher"]) is None


def test_a_body_that_opens_a_record_may_be_named_by_its_acronym_alone() -> None:
    tokens = ["3.", "National", "Research", "Council", "of", "Canada.", "2010.", "A", "title."]
    labels = ["citation-number", *["author"] * 5, "date", "title", "title"]
    assert acronym_alone_variant(tokens, labels) == (
        ["3.", "NRCC.", *tokens[6:]],
        ["citation-number", "author", *labels[6:]],
    )
    # where no acronym variant is made, none is made here either
    assert acronym_alone_variant(["Smith,", "John.", "2010."], ["author", "author", "date"]) is None
    later = ["A", "title.", "World", "Health", "Organization."]
    assert acronym_alone_variant(later, ["title", "title", *["publisher"] * 3]) is None


def test_a_body_whose_last_token_is_a_lone_comma_gets_no_acronym_variant() -> None:
    # "FEDERAL CHIEF DATA OFFICER COUNCIL , 2022, ...": an empty token broke the features
    tokens = ["Federal", "Data", "Council", ",", "2022,", "A", "title."]
    labels = [*["author"] * 4, "date", "title", "title"]
    assert acronym_variant(tokens, labels) is None


def test_a_body_that_opens_a_record_is_also_given_in_sentence_case() -> None:
    tokens = ["3.", "National", "Institute", "of", "Public", "Health", "of", "Canada.", "2010."]
    labels = ["citation-number", *["author"] * 7, "date"]
    # the first word, a place and an acronym keep their capitals; the labels are the same
    expected = ["3.", "National", "institute", "of", "public", "health", "of", "Canada.", "2010."]
    assert sentence_case_variant(tokens, labels) == expected
    acronym = ["UNESCO", "Institute", "for", "Statistics.", "2010."]
    assert sentence_case_variant(acronym, [*["author"] * 4, "date"]) == [
        "UNESCO",
        "institute",
        "for",
        "statistics.",
        "2010.",
    ]
    # people, a body already in sentence case, and a body not first: no variant
    assert sentence_case_variant(["Smith,", "John.", "2010."], ["author", "author", "date"]) is None
    cased = ["Ministère", "des", "transports.", "2010."]
    assert sentence_case_variant(cased, ["author", "author", "author", "date"]) is None
    later = ["A", "title.", "World", "Health", "Organization."]
    labels = ["title", "title", "publisher", "publisher", "publisher"]
    assert sentence_case_variant(later, labels) is None


class _Draw:
    """A stand-in for ``random.Random`` that always draws ``value``."""

    def __init__(self, value: float) -> None:
        self.value = value

    def random(self) -> float:
        return self.value


def test_a_body_record_is_also_given_with_its_year_in_its_title() -> None:
    tokens = ["World", "Bank.", "2019.", "Development", "Report:", "The", "Nature", "of", "Work."]
    labels = ["author", "author", "date", *["title"] * 6]
    # before the title's first colon; the labels follow the tokens
    out = edition_year_variant(tokens, labels, _Draw(0.9))
    assert out is not None
    assert out[0] == [*tokens[:4], "Report", "2019:", *tokens[5:]]
    assert out[1] == ["author", "author", "date", *["title"] * 7]
    # at the end of a title without a colon, its closing marks after the year; or after a comma
    plain = ["World", "Bank.", "2019.", "“Development", "Report”.", "Washington."]
    plain_labels = ["author", "author", "date", "title", "title", "location"]
    assert edition_year_variant(plain, plain_labels, _Draw(0.9)) == (
        ["World", "Bank.", "2019.", "“Development", "Report", "2019”.", "Washington."],
        ["author", "author", "date", "title", "title", "title", "location"],
    )
    assert edition_year_variant(plain, plain_labels, _Draw(0.1)) == (
        ["World", "Bank.", "2019.", "“Development", "Report,", "2019”.", "Washington."],
        ["author", "author", "date", "title", "title", "title", "location"],
    )


def test_no_year_goes_into_a_title_that_has_one_or_a_record_not_opened_by_a_body() -> None:
    draw = _Draw(0.9)
    labels = ["author", "author", "date", "title", "title"]
    dated = ["World", "Bank.", "2019.", "Report", "2018."]
    assert edition_year_variant(dated, labels, draw) is None
    # no year in the date, no title, a person, people named with initials
    assert edition_year_variant(["World", "Bank.", "n.d.", "A", "Report."], labels, draw) is None
    no_title = ["World", "Bank.", "2019.", "Washington", "DC."]
    assert edition_year_variant(no_title, [*labels[:3], "location", "location"], draw) is None
    assert edition_year_variant(["Smith,", "John.", "2019.", "A", "Report."], labels, draw) is None
    # a title followed by its date, or closing a bracket: no year goes in
    followed = ["World", "Bank.", "A", "Report.", "(2019)."]
    assert (
        edition_year_variant(followed, ["author", "author", "title", "title", "date"], draw) is None
    )
    bracket = ["World", "Bank.", "2019.", "A", "(Report).", "Washington."]
    bracket_labels = ["author", "author", "date", "title", "title", "location"]
    assert edition_year_variant(bracket, bracket_labels, draw) is None
    people = ["Chu", "S,", "Trust", "TJ.", "A", "title.", "Lancet.", "1995."]
    people_labels = [*["author"] * 4, "title", "title", "journal", "date"]
    assert edition_year_variant(people, people_labels, draw) is None


def test_the_yearly_reports_benchmark_is_labelled_from_its_own_text_and_never_trained_on() -> None:
    records = refparse_train_data.load(refparse_train_data.DATA / "yearly_reports.jsonl")
    assert len(records) == len({r["id"] for r in records}) >= 20
    for r in records:
        fields = r["fields"]
        # every labelled value is a piece of the reference it labels, and a source is named
        for value in [fields["title"], *(a["literal"] for a in fields["author"])]:
            assert value in r["raw"], (r["id"], value)
        assert r["meta"]["source"]
    keys = {refparse_train_data.text_key(r["raw"]) for r in records}
    for name in ("anystyle_core.jsonl", "grobid.jsonl"):
        trained = refparse_train_data.load(refparse_train_data.DATA / name)
        assert not keys & {refparse_train_data.text_key(t["raw"]) for t in trained}, name
