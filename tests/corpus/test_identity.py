"""Tests of normalisation and citekeys."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from litreview.core.model import Person, Work
from litreview.corpus.identity import (
    Citekeys,
    fold,
    make_citekey,
    normalise_doi,
    normalise_title,
    normalise_url,
    title_numbers,
)


def test_normalise_title_folds_case_accents_latex() -> None:
    assert normalise_title("The {UNODC} Report: Drugs & Crime!") == "the unodc report drugs crime"
    assert normalise_title("Caf\\'{e} Société") == "cafe societe"
    assert normalise_title("Straße  über") == "strasse uber"
    assert normalise_title("") == ""


@given(st.text(alphabet=st.characters(max_codepoint=127, exclude_characters="\\")))
def test_normalise_title_of_ascii_without_commands_as_through_the_tex_reader(s: str) -> None:
    # the shortcut for ASCII titles without a command gives what reading their TeX does
    assert normalise_title(s) == " ".join(re.sub(r"[\W_]+", " ", fold(s)).split())


def test_normalise_doi() -> None:
    assert normalise_doi("https://doi.org/10.1000/ABC.12") == "10.1000/abc.12"
    assert normalise_doi("doi: 10.1000/xyz.") == "10.1000/xyz"
    assert normalise_doi("http://dx.doi.org/10.5/q") == "10.5/q"
    assert normalise_doi("not a doi") == ""


def test_normalise_url() -> None:
    a = normalise_url("https://www.UNODC.org/wdr/2012/?utm_source=x#part")
    assert a == "unodc.org/wdr/2012"
    assert normalise_url("http://unodc.org/wdr/2012") == a
    assert normalise_url("https://example.org/Doc?id=7") == "example.org/Doc?id=7"
    assert normalise_url("https://example.org/a") != normalise_url("https://example.org/b")
    assert normalise_url("  ") == ""


def test_title_numbers() -> None:
    assert title_numbers("world drug report 2012") == ("2012",)


def test_citekey_person_and_organisation() -> None:
    w = Work(
        key="",
        authors=(Person(family="Müller", given="A"),),
        issued="2012-03",
        title="The Drug Trade",
    )
    assert make_citekey(w, set()) == "muller2012drug"
    org = Work(key="", authors=(Person(literal="World Bank"),), issued="2018", title="Report")
    assert make_citekey(org, set()) == "wb2018report"
    one = Work(key="", authors=(Person(literal="UNODC"),), issued="2018", title="World Drug Report")
    assert make_citekey(one, set()) == "unodc2018world"
    for name, key in [
        ("Centre for Governance Research (CGR)", "cgr2018world"),
        ("AFI Global Standards Working Group", "afi2018world"),
        ("UNODC and UN Counter-Terrorism Task Force", "unodc2018world"),
        ("Aurat Foundation", "af2018world"),
        ("A Team of Reviewers", "tr2018world"),
    ]:
        w = Work(key="", authors=(Person(literal=name),), issued="2018", title="World Report")
        assert make_citekey(w, set()) == key, name
    assert make_citekey(Work(key=""), set()) == "anon"


def test_citekey_suffixes_on_clash() -> None:
    w = Work(key="", authors=(Person(family="Khan"),), issued="2010", title="Crime")
    assert make_citekey(w, {"khan2010crime"}) == "khan2010crimea"
    assert make_citekey(w, {"khan2010crime", "khan2010crimea"}) == "khan2010crimeb"
    taken = {"khan2010crime"} | {"khan2010crime" + chr(97 + i) for i in range(26)}
    assert make_citekey(w, taken) == "khan2010crimeaa"


@given(
    st.lists(st.sampled_from(["", "Khan", "Lima"]), max_size=60),
    st.sets(st.sampled_from(["anon", "anona", "anonc", "khan", "khanb", "lima"])),
)
def test_citekeys_remember_the_suffixes_taken_and_give_the_same_keys(
    authors: list[str], held: set[str]
) -> None:
    """Keys made one by one into a Citekeys are those a plain set gives: the smallest free
    suffix, whatever keys were held before (with gaps among them)."""
    plain, fast = set(held), Citekeys(held)
    for name in authors:
        work = Work(key="", authors=(Person(family=name),) if name else ())
        a, b = make_citekey(work, plain), make_citekey(work, fast)
        assert a == b and a not in plain
        plain.add(a)
        fast.add(b)


def test_many_keys_of_one_base_try_one_suffix_each(monkeypatch: pytest.MonkeyPatch) -> None:
    """Ten thousand anonymous works: the n-th key tries one suffix, not n (the suffix
    function is called about once a key, not 50 million times)."""
    from litreview.corpus import identity

    calls = []
    real = identity._alpha_suffix
    monkeypatch.setattr(identity, "_alpha_suffix", lambda n: calls.append(n) or real(n))
    taken = Citekeys()
    for _ in range(10_000):
        taken.add(make_citekey(Work(key=""), taken))
    assert len(taken) == 10_000
    assert len(calls) < 3 * 10_000


def test_other_scripts_kept() -> None:
    assert normalise_title("پاکستان، میں") == "پاکستان میں"  # punctuation only removed
    assert normalise_title("Œuvre Ærø") == "oeuvre aero"
    assert normalise_title("پاکستان") != normalise_title("جرائم")


def test_url_fast_and_slow_paths_agree() -> None:
    assert normalise_url("https://www.Example.org/a/b/") == normalise_url(
        "https://example.org/a/b?utm_x=1"
    )
    assert normalise_url("example.org") == "example.org"
    assert normalise_url("https://x.org/a\\_b?p=1\\&q=2") == "x.org/a_b?p=1&q=2"


def test_url_parts_for_bare_links() -> None:
    from litreview.corpus.identity import url_site, url_site_key, url_year

    url = "https://www.thediplomat.com/2020/10/drug-habit-is-endangering-the-region/"
    assert url_site(url) == "thediplomat.com" and url_site_key(url) == "thediplomat"
    assert url_year(url) == "2020"
    assert url_site_key("https://asia.unwomen.org/x") == "unwomen"
    assert url_site_key("https://na.gov.pk/uploads/1462252100_756.pdf") == "na"
    assert url_site_key("https://www3.example.co.uk:8080/a") == "example"
    assert url_year("https://x.org/docs/report2016.pdf") == ""
    assert url_site_key("") == url_year("") == ""


def test_citekey_of_a_bare_link_names_its_site() -> None:
    url = "https://thediplomat.com/2020/10/drug-habit"
    assert make_citekey(Work(key="", url=url), set()) == "thediplomat2020"
    assert make_citekey(Work(key="", url=url, title="Drug habit"), set()) == ("thediplomat2020drug")
    assert make_citekey(Work(key="", url=url), {"thediplomat2020"}) == "thediplomat2020a"
    # an author and a date, when known, come first
    known = Work(key="", url=url, issued="2019", authors=(Person(family="Ali"),), title="X y")
    assert make_citekey(known, set()) == "ali2019x"
    assert make_citekey(Work(key=""), set()) == "anon"


def test_citekey_of_a_newspapers_issue_names_the_paper() -> None:
    """A note citing a newspaper's issue ('New York Herald, December 17, 1869') gives a work
    with no author, title or link: its key names the paper, not the year alone."""
    issue = Work(key="", type="article-newspaper", container="The New York Herald", issued="1869")
    assert make_citekey(issue, set()) == "newyorkherald1869"
    # a title, or an author, is still what names a work
    titled = Work(key="", container="New York Herald", issued="1869", title="Alabama claims")
    assert make_citekey(titled, set()) == "1869alabama"
    report = Work(key="", publisher="Office of the Historian", issued="2015")
    assert make_citekey(report, set()) == "officehistorian2015"


def test_citekey_of_a_work_named_by_its_number_alone_is_that_number() -> None:
    """A committee's report cited by its number ('H.R. Rep. No. 111-58, at 4 (2009)') has no
    author, title or container: its key is the number, not the year or 'anon'."""
    report = Work(key="", type="report", issue="H.R. Rep. No. 111-58", issued="2009")
    assert make_citekey(report, set()) == "hrrepno111-58"
    assert make_citekey(Work(key="", type="report", issue="S.Rept. 119-44"), set()) == "srept119-44"
    # a number without a digit names nothing; a title still names the work
    assert make_citekey(Work(key="", issue="Special issue", issued="2009"), set()) == "2009"
    titled = Work(key="", title="Rules", issue="No. 4", issued="2009")
    assert make_citekey(titled, set()) == "2009rules"


@pytest.mark.parametrize(
    ("number", "folded"),
    [
        ("GAO-26-107433", "gao26107433"),
        ("GAO26-107433", "gao26107433"),
        ("Final Report No. OIG-21-017-1", "finalreportnooig210171"),
        ("R48725", "r48725"),
        ("13", ""),
        ("2019-01", ""),
        ("H.R. 1234", ""),
        ("No. 13", ""),
        ("A" * 30 + "1" * 30, ""),
    ],
)
def test_report_number_names_one_report_of_a_series(number: str, folded: str) -> None:
    from litreview.corpus.identity import report_number

    assert report_number(number) == folded


def test_a_reports_number_is_found_after_a_number_that_names_no_series() -> None:
    """A 'number' field of no series ('13') leaves the issue, where CSL's number is kept,
    to name the report."""
    from litreview.corpus.identity import work_identifiers

    work = Work(key="k", type="report", issue="GAO-26-107433", extra=(("number", "13"),))
    assert work_identifiers(work) == ("report:gao26107433",)
    article = Work(key="a", type="article-journal", issue="S1-20191")
    assert work_identifiers(article) == ()


def test_citekey_of_a_law_or_regulation_names_its_place_in_the_code() -> None:
    """A law, regulation or case a note cites by its place alone ('20 C.F.R. § 1002.136',
    'P.L. 117-263', '90 Fed. Reg. 13043') has no author, title or link: its key names the
    code, volume and section (or page, or number), not 'anon', 'cfr', 'cfra', 'cfraa'."""
    cfr = Work(
        key="", type="regulation", container="C.F.R.", volume="20", extra=(("section", "1002.136"),)
    )
    assert make_citekey(cfr, set()) == "cfr20-1002.136"
    usc = Work(
        key="",
        type="legislation",
        container="U.S.C.",
        volume="38",
        extra=(("section", "5104C(a)(2)"),),
    )
    assert make_citekey(usc, {"usc38-5104c-a-2"}) == "usc38-5104c-a-2a"
    assert make_citekey(Work(key="", type="legislation", issue="117-263"), set()) == "law117-263"
    reg = Work(key="", type="regulation", container="Fed. Reg.", volume="90", pages="13043")
    assert make_citekey(reg, set()) == "fedreg90-13043"
    # a titled act, or a law with nothing to place it, is named as before
    act = Work(key="", type="legislation", title="Clean Air Act", issue="88-206", issued="1963")
    assert make_citekey(act, set()) == "1963clean"
    assert make_citekey(Work(key="", type="legislation"), set()) == "anon"


def test_a_citekey_is_ascii_whatever_script_the_work_is_written_in() -> None:
    """A key is written in ASCII (the rule every format's keys follow): a name or title in
    another script is left out, and the key is made of what else the work has."""
    cnki = Work(
        key="",
        authors=(Person(literal="郝国强"),),
        issued="2026",
        title="从“猺”到“瑶”",
        url="https://link.cnki.net/x",
    )
    assert make_citekey(cnki, set()) == "cnki2026"
    cyrillic = Work(key="", authors=(Person(family="Мирошниченко"),), issued="2019", title="Data")
    assert make_citekey(cyrillic, set()) == "2019data"
    latin = Work(key="", authors=(Person(family="Ødegaard"),), issued="2019", title="Über alles")
    assert make_citekey(latin, set()) == "odegaard2019uber"
