"""Records of bodies' reports and web pages read from CRS and GAO notes
(``benchmarks/make_body_records.py``), and how ``refparse_synth.py --bodies`` renders them."""

from __future__ import annotations

import random
import re
import sys

from tests.conftest import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
import make_body_records as mbr  # type: ignore[import-not-found]
import refparse_synth  # type: ignore[import-not-found]

sys.path.remove(str(ROOT / "benchmarks"))

ORGS = mbr.org_words()


def test_a_gao_note_gives_each_work_with_its_body_number_place_and_date() -> None:
    note = (
        "43 TIGTA reported that as of May 2025, 22,422 IRS employees had accepted offers. "
        "See TIGTA, _Snapshot Report: IRS_ _Workforce Reductions as of May 2025_, "
        "2025-IE-R027 (Washington, D.C.: July 18, 2025); and _Another Review of IRS_, "
        "2024-IE-R001 (Washington, D.C.: Jan. 5, 2024)."
    )
    flat = re.sub(r"_\s*_", " ", note)
    works = mbr._italic(flat, ORGS)
    assert [w["title"] for w in works] == [
        "Snapshot Report: IRS Workforce Reductions as of May 2025",
        "Another Review of IRS",
    ]
    assert {w["publisher"] for w in works} == {"TIGTA"}
    assert works[0]["number"] == "2025-IE-R027"
    assert works[0]["publisher-place"] == "Washington, D.C."
    assert works[0]["issued"] == {"date-parts": [[2025, 7, 18]]}
    assert works[1]["issued"] == {"date-parts": [[2024, 1, 5]]}


def test_gao_as_the_body_is_named_in_full_and_given_its_products_page() -> None:
    works = mbr._italic(
        "1 GAO, _Tax Filing: Title_, GAO-21-151 (Washington, D.C.: Mar. 1, 2021).", ORGS
    )
    assert works[0]["publisher"] == mbr.GAO_BODY
    assert works[0]["URL"] == "https://www.gao.gov/products/gao-21-151"


def test_a_sentence_before_a_title_is_not_a_body() -> None:
    note = "In 2026, we reported on the claims _Some Title Here_, X-1 (Washington, D.C.: 2026)."
    assert mbr._italic(note, ORGS) == []


def test_cues_before_a_body_are_cut() -> None:
    assert (
        mbr.clean_lead("For example, see Department of Energy (DOE)")
        == "Department of Energy (DOE)"
    )
    assert mbr.clean_lead("the plans states submitted. EAC") == "EAC"
    assert mbr.clean_lead("and USDA, FNS") == "USDA, FNS"
    assert mbr.is_body("Department of the Treasury, Inspector General for Tax Administration", ORGS)
    assert mbr.is_body("USDA, FNS", ORGS)
    assert not mbr.is_body("As stated in Federal Register", ORGS)
    assert not mbr.is_body("Megan Eckstein", ORGS)


def test_a_crs_note_citing_a_body_web_page_gives_a_web_page_of_that_body() -> None:
    text = (
        '| 4. | Participation data are from USDA, FNS, "September 2025 Keydata Report," '
        "December 23, 2025, https://www.fns.usda.gov/pd/overview/keydata-sept2025. |"
    )
    found = [w for m in mbr._QUOTED.finditer(text) for w in mbr._quoted(m, ORGS)]
    assert found == [
        {
            "type": "webpage",
            "title": "September 2025 Keydata Report",
            "author": [{"literal": "USDA, FNS"}],
            "URL": "https://www.fns.usda.gov/pd/overview/keydata-sept2025",
            "issued": {"date-parts": [[2025, 12, 23]]},
        }
    ]


def test_a_crs_note_with_a_person_or_a_container_after_the_title_gives_nothing() -> None:
    text = (
        '| 1. | Megan Eckstein, "Amphibious Vehicle Lessons," Defense News, May 20, 2024, '
        "https://www.defensenews.com/a. |"
    )
    assert [w for m in mbr._QUOTED.finditer(text) for w in mbr._quoted(m, ORGS)] == []


def _pages(text: str) -> list[dict]:
    return [w for m in mbr._QUOTED.finditer(text) for w in mbr._quoted(m, ORGS, shapes=True)]


def test_a_crs_note_may_give_a_release_kind_a_cue_or_a_report_number_before_the_url() -> None:
    release = _pages(
        '| 3. | DOE, "Energy Department Announces Realignment," press release, November 20, '
        "2025, https://www.energy.gov/articles/a. |"
    )
    assert release[0]["genre"] == "press release" and release[0]["type"] == "webpage"
    assert release[0]["issued"] == {"date-parts": [[2025, 11, 20]]}
    cue = _pages('| 5. | See ARC, "State Program Managers," at https://www.arc.gov/s/. |')
    assert cue == [
        {
            "type": "webpage",
            "title": "State Program Managers",
            "author": [{"literal": "ARC"}],
            "URL": "https://www.arc.gov/s/",
        }
    ]
    report = _pages(
        '| 7. | DOC OIG, "EDA Was Effective in Implementing Grants," Final Report No. '
        "OIG-21-017-1, January 5, 2021, https://www.oversight.gov/r.pdf. |"
    )
    assert report[0]["type"] == "report" and report[0]["publisher"] == "DOC OIG"
    assert (report[0]["number"], report[0]["genre"]) == ("OIG-21-017-1", "Final Report")
    assert "author" not in report[0]
    # anything else between the title and the link still gives no record
    assert _pages('| 8. | NOAA, "Deep Seabed Mining," pp. 9-10, https://www.noaa.gov/a. |') == []
    assert _pages('| 9. | EDA, "Funding," various years, https://www.eda.gov/a. |') == []


def test_crs_products_cited_in_crs_notes_have_their_genre_number_and_authors() -> None:
    text = (
        "see CRS Report R44780, An Introduction to Poverty Measurement, by Joseph Dalaker "
        "and Julie M. Lawhorn. For"
    )
    m = mbr._CRS_CITED.search(text)
    assert m is not None
    rec = mbr.crs_record(m.group(2), m.group(3), "", mbr.person_authors(m.group(4)), None)
    assert rec["genre"] == "CRS Report" and rec["number"] == "R44780"
    assert rec["title"] == "An Introduction to Poverty Measurement"
    assert rec["author"] == [
        {"given": "Joseph", "family": "Dalaker"},
        {"given": "Julie M.", "family": "Lawhorn"},
    ]
    assert mbr.crs_genre("IF12024") == "CRS In Focus"


def test_the_patterns_do_not_backtrack_badly_on_long_runs() -> None:
    # no timed assertion: a catastrophic pattern would not finish at all
    for text in ("a" * 5000, "A, " * 1700, "_" + "a " * 2500, '"' + "a," * 2500, "“a,” " * 1000):
        for pattern in (mbr._ITALIC, mbr._QUOTED, mbr._CRS_CITED, mbr._CRS_GAO, mbr._GAO_PAGE):
            assert isinstance(list(pattern.finditer(text)), list)
    for text in ("A " * 2500, "A-" * 2500 + "a", "1-" * 2500 + "a"):
        assert mbr._REPORT_NO.fullmatch(text) is None


def test_an_unsigned_web_page_cited_by_title_labels_its_body_author() -> None:
    page = {"id": "p", "type": "webpage", "title": "Switchboard", "author": [{"literal": "IRC"}]}
    seen = set()
    for seed in range(40):
        out = refparse_synth._body_variant(page, random.Random(seed))
        if "author" in out:
            seen.add("body first")
            continue
        seen.add("title first")
        body_field = "container-title" if "container-title" in out else "publisher"
        assert out[body_field] == "IRC"
        o, c = refparse_synth.MARKS["title"]
        bo, bc = refparse_synth.MARKS[body_field]
        ex = refparse_synth.to_example(out, f"“{o}Switchboard{c},” {bo}IRC{bc}.", "s.csl", "note")
        assert ex["labels"] == [["title", "“Switchboard,”"], ["author", "IRC."]]
    assert seen == {"body first", "title first"}


def test_a_signed_report_keeps_its_authors_and_an_unsigned_one_is_cited_both_ways() -> None:
    signed = {
        "id": "r",
        "type": "report",
        "title": "T",
        "author": [{"family": "Dalaker", "given": "J."}],
    }
    assert refparse_synth._body_variant(signed, random.Random(1)) == signed
    unsigned = {
        "id": "u",
        "type": "report",
        "title": "T",
        "publisher": "TIGTA",
        "number": "2025-IE-R027",
    }
    forms = set()
    for seed in range(40):
        out = refparse_synth._body_variant(unsigned, random.Random(seed))
        forms.add((bool(out.get("author")), "publisher" in out))
    assert forms == {(False, True), (True, True), (True, False)}
