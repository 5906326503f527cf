"""BibTeX and BibLaTeX exports for their consumers, and text from other formats made safe."""

from __future__ import annotations

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from litreview.core.model import Person, Work, replace
from litreview.formats.bibtex import export_biblatex, export_bibtex, read_bibtex, write_bibtex
from litreview.formats.ris import read_ris
from tests.strategies import works


def _flat(text: str) -> str:
    """``text`` with every run of white space as one space (fields are aligned)."""
    return " ".join(text.split())


def _one(text: str) -> Work:
    works, problems = read_bibtex(text)
    assert len(works) == 1 and not [p for p in problems if p.severity == "error"]
    return works[0]


def test_plain_bibtex_has_bibtex_types_and_fields_only() -> None:
    online = _one("@online{w, title={Page}, url={https://x.org/p}, date={2020-03-05}}")
    report = _one("@report{r, title={R}, institution={I}, date={2019}, location={Paris}}")
    text = _flat(export_bibtex([online, report]))
    assert "@misc{w," in text and "@techreport{r," in text and "@online" not in text
    assert "year = {2020}" in text and "month = mar" in text
    assert "address" in text and "location" not in text


def test_a_month_that_is_no_month_stays_beside_the_year() -> None:
    """Issue 18 item 8: month={13--15 Apr} made the BibTeX export write date for year."""
    work = _one("@inproceedings{c, title={T}, year={2019}, month={13--15 Apr}}")
    text = _flat(export_bibtex([work]))
    assert "year = {2019}" in text and "month = {13--15 Apr}" in text
    assert "date" not in text
    assert _one(write_bibtex([work])) == work


def test_biblatex_gets_the_type_field_its_data_model_requires() -> None:
    thesis = _one("@phdthesis{t, author={A, B}, title={T}, school={S}, year=2001}")
    report = _one("@techreport{r, author={A, B}, title={R}, institution={I}, year=2002}")
    text = _flat(export_biblatex([thesis, report]))
    assert "@thesis{t," in text and "type = {phdthesis}" in text
    assert "@report{r," in text and "type = {techreport}" in text


def test_online_has_no_booktitle_in_biblatex() -> None:
    page = Work(key="p", type="webpage", title="Post", container="The Blog", url="https://b.org/p")
    text = export_biblatex([page])
    assert "@online{p," in text and "booktitle" not in text and "organization" in text


def test_an_entry_without_fields_or_key_is_still_an_entry() -> None:
    text = export_bibtex([Work(key="onlykey", type="document"), Work(key="", title="No key")])
    assert "@misc{onlykey,\n}" in text and "@misc{work1," in text
    assert [w.key for w in read_bibtex(text)[0]] == ["onlykey", "work1"]


@pytest.mark.parametrize(
    "attack",
    [r"\input{/etc/passwd}", r"\write18{rm -rf ~}", r"\def\x{y}", r"\catcode`\@=11"],
)
def test_tex_commands_in_text_from_other_formats_never_reach_the_output(attack: str) -> None:
    """Issue 19 item 4: a RIS title is text, not TeX."""
    (work,), _ = read_ris(f"TY  - JOUR\nTI  - Study {attack}\nAU  - Khan, A\nER  - \n")
    for text in (write_bibtex([work]), export_bibtex([work]), export_biblatex([work])):
        body = text.replace(r"\textbackslash{}", "")
        for command in (r"\input", r"\write18", r"\def", r"\catcode"):
            assert command not in body
    from litreview.core.texmarkup import plain_work

    assert plain_work(_one(write_bibtex([work]))).title == work.title


def test_an_organisation_with_and_in_its_name_stays_one_name() -> None:
    work = Work(key="o", title="T", authors=(Person(literal="Asian and Pacific Region"),))
    assert "{Asian and Pacific Region}" in export_bibtex([work])
    assert _one(export_bibtex([work])).authors == work.authors


def test_repeated_ris_tags_are_written_once_each() -> None:
    """Issue 18 item 1: RIS repeats AD, N1, SN; corpus.bib must not hold one field twice."""
    text = "TY  - JOUR\nID  - k\nTI  - T\nAD  - One\nAD  - Two\nN1  - a\nN1  - b\nN1  - c\nER  - \n"
    (work,), _ = read_ris(text)
    bib = write_bibtex([work])
    again, problems = read_bibtex(bib)
    assert problems == [] and "RIS:AD-2" in bib and "RIS:N1-3" not in bib  # N1 a is the note
    from litreview.formats.ris import write_ris

    assert sorted(write_ris(again).splitlines()) == sorted(write_ris([work]).splitlines())


def test_biblatex_leaves_out_a_source_id_its_data_model_has_no_field_for() -> None:
    """A RIS ID or a BibTeX key no format can cite by is kept as 'id'; biber warned at each
    one (Wiley's BibTeX export, whose keys are links: 2 warnings its input did not have)."""
    work = Work(key="k", type="book", title="T", extra=(("id", "https://doi.org/10.1/x"),))
    assert "https://doi.org/10.1/x" not in export_biblatex([work])
    assert "id    = {https://doi.org/10.1/x}" in export_bibtex([work])


def test_ris_tags_kept_as_read_export_under_the_fields_that_mean_the_same() -> None:
    """A Zotero RIS record's genre, language, edition, series, ISBN and ISSN reach a BibTeX
    export where styles read them, not as 'RIS:M3' fields no style knows; a field the work
    already has stays, and the RIS tag beside it too."""
    text = (
        "TY  - RPRT\nID  - k\nTI  - T\nM3  - Working Paper\nLA  - en\nET  - 2nd\n"
        "T3  - Papers on Trade\nSN  - 978-92-1-005792-8\nER  - \n"
        "TY  - JOUR\nID  - j\nTI  - U\nSN  - 1234-5678\nLA  - fr\nER  - \n"
    )
    (report, article), _ = read_ris(text)
    for export in (export_bibtex, export_biblatex):
        out = export([report, replace(article, extra=(("language", "de"), *article.extra))])
        for field in ("type", "language", "edition", "series", "isbn"):
            assert f"\n  {field}" in out.split("@")[1], (export.__name__, field)  # the report
        assert "issn" in out.split("@")[2] and "RIS:SN" not in out  # the article
        assert "{Working Paper}" in out and "RIS:M3" not in out
        assert "{de}" in out and "RIS:LA" in out  # the article's own language is kept


@settings(max_examples=300, deadline=None)
@given(works(), st.booleans())
# Hypothesis found these: a web page's site (its container) was written to @online as
# ``organization`` where the container goes, read back as a publisher and written after the
# pages; with a publisher beside it, the site's ``titleaddon`` was dropped by the second export
@example(Work(key="A", type="webpage", container="0", pages="1"), True)
@example(Work(key="A", type="webpage", container="0", publisher="0"), True)
def test_an_export_read_back_exports_the_same_text(work: Work, biblatex: bool) -> None:
    export = export_biblatex if biblatex else export_bibtex
    text = export([work])
    again, problems = read_bibtex(text)
    assert not [p for p in problems if p.severity == "error"]
    assert export(again) == text


def test_a_web_pages_site_and_publisher_both_reach_biblatex() -> None:
    page = Work(key="p", type="webpage", title="T", container="Site", publisher="Owner")
    back = _one(export_biblatex([page]))
    assert back.publisher == "Owner" and back.extra_value("titleaddon") == "Site"
    alone = _one(export_biblatex([Work(key="p", type="webpage", title="T", container="Site")]))
    assert alone.publisher == "Site"
