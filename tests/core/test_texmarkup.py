"""TeX markup -> Unicode for the formats that are not TeX (CSL-JSON, RIS, bibliographies)."""

from __future__ import annotations

import gc
import json
import re
import weakref
from collections.abc import Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from litreview.core import texmarkup
from litreview.core.model import Person, Work
from litreview.core.texmarkup import _TO_TEX, balance_braces, plain_work, to_tex, to_text
from litreview.formats.bibtex import read_bibtex, write_bibtex
from litreview.formats.csljson import read_csljson, write_csljson
from litreview.formats.ris import write_ris
from litreview.render.bibliography import format_bibliography


@pytest.mark.parametrize(
    ("tex", "text"),
    [
        (r"Caf{\'e} na{\"\i}ve", "Café naïve"),
        (r"Dvo{\v{r}}{\'a}k", "Dvořák"),
        (
            r"\"{U}ber \c{c}a \c c \'\i \H{o} \k{a} \u{g} \r{a} \=a \.z \^o \`a \~n",
            "Über ça ç í ő ą ğ å ā ż ô à ñ",
        ),
        (
            r"{\O}resund {\ss}trasse \ss{}x Encyclop{\ae}dia \L{}\'od\'z",
            "Øresund ßtrasse ßx Encyclopædia Łódź",
        ),
        (r"R\&D: 50\% of \$5 \#1 a\_b \{x\}", "R&D: 50% of $5 #1 a_b {x}"),
        (
            r"\mkbibquote{Quoted} and \emph{em} \textsc{Sc} \textit{The {GNU} Manual}",
            "“Quoted” and em Sc The GNU Manual",
        ),
        (
            r"{South Asia} 1900--1931, a---b, 11.~Jahrhunderts",
            "South Asia 1900–1931, a—b, 11. Jahrhunderts",
        ),
        (r"Math $E=mc^2$ in {Physics}", "Math $E=mc^2$ in Physics"),
        (r"Text with an unknown \foo{bar} command", "Text with an unknown bar command"),
    ],
)
def test_markup_becomes_unicode(tex: str, text: str) -> None:
    assert to_text(tex) == text


@given(st.text(alphabet=st.characters(blacklist_characters="\\{}~", blacklist_categories=["Cs"])))
def test_text_without_markup_is_unchanged(value: str) -> None:
    """A value without backslash, brace or tie passes through, '--' and '%' too."""
    assert to_text(value) == value


@given(
    st.text(alphabet=st.characters(blacklist_categories=["Cs", "Cc", "Co"])).map(
        lambda t: " ".join(t.split())
    )
)
def test_text_written_as_tex_reads_back_as_the_same_text(value: str) -> None:
    """Any single-spaced text survives to_tex then to_text, with its dashes, ties, braces,
    backslashes and would-be commands."""
    assert to_text(to_tex(value)) == value


@pytest.mark.parametrize(
    ("text", "tex"),
    [
        (r"\input{/etc/passwd}", r"\textbackslash{}input\{/etc/passwd\}"),
        (r"\write18{rm -rf ~}", r"\textbackslash{}write18\{rm -rf \textasciitilde{}\}"),
        (
            r"\def\x{1}\catcode`\@=11",
            r"\textbackslash{}def\textbackslash{}x\{1\}"
            r"\textbackslash{}catcode`\textbackslash{}@=11",
        ),
        (
            "pp. 1--2 & 50% of #1, x_1^2, $5",
            r"pp. 1-{}-2 \& 50\% of \#1, x\_1\textasciicircum{}2, \$5",
        ),
        ("Extra line\nDOI: 10.1/x", r"Extra line\newline{}DOI: 10.1/x"),
    ],
)
def test_text_from_other_formats_never_becomes_a_tex_command(text: str, tex: str) -> None:
    assert to_tex(text) == tex
    assert "\\input" not in tex.replace("\\textbackslash{}", "")
    assert to_text(tex) == text


def test_plain_work_touches_modelled_text_only() -> None:
    work = Work(
        key="k",
        title=r"Caf{\'e}",
        authors=(Person(family=r"Dvo{\v{r}}{\'a}k", given="A"),),
        pages="13--42",
        url=r"https://x.org/a\_b?c={d}",
        doi="10.1/{x}",
        extra=(("annotation", r"\texttt{raw}"), ("file", r"C\:/a_b.pdf")),
        tex=True,
    )
    plain = plain_work(work)
    assert (plain.title, plain.authors[0].family, plain.pages) == ("Café", "Dvořák", "13-42")
    assert (plain.url, plain.doi) == (work.url, work.doi)
    assert plain.extra == (("annotation", "raw"), ("file", r"C\:/a_b.pdf"))
    # a work of plain text (RIS, CSL-JSON, a document) is never read as TeX
    untouched = Work(key="p", title=r"Plain & simple -- 50% \emph{x} ~5", pages="1--5")
    assert plain_work(untouched) is untouched


def test_plain_work_is_every_field_converted_and_nothing_else() -> None:
    """Each text field, name part and keyword through to_text; the rest as it was, and the
    work read as TeX is not changed."""
    work = Work(
        key="k",
        type="book",
        title=r"A \& B",
        container=r"{Journal}",
        publisher=r"Pub \& Co",
        place="Lahore",
        volume="3",
        issue=r"{2}",
        pages="7",
        note=r"one\newline{}two",
        abstract=r"x~y",
        issued="2001",
        keywords=(r"caf{\'e}", "plain"),
        authors=(Person(family=r"{\O}stergaard", given="K"), Person(literal="{World Bank}")),
        editors=(Person(family="Khan", given="A"),),
        tex=True,
    )
    plain = plain_work(work)
    for name in ("title", "container", "publisher", "place", "volume", "issue", "note"):
        assert getattr(plain, name) == to_text(getattr(work, name)), name
    assert (plain.abstract, plain.keywords) == ("x y", ("café", "plain"))
    assert [p.family or p.literal for p in plain.authors] == ["Østergaard", "World Bank"]
    assert plain.editors[0] is work.editors[0]  # a name with no markup is the same object
    assert (plain.key, plain.type, plain.issued, plain.tex, work.tex) == (
        "k",
        "book",
        "2001",
        False,
        True,
    )
    assert work.title == r"A \& B"


BIB = r"""@article{dvorak2001,
  title = {Caf{\'e} culture in {South Asia}: R\&D},
  author = {Dvo{\v{r}}{\'a}k, Ivan and {World Bank}},
  journal = {Journal of {\"U}ber Studies},
  pages = {13--42},
  year = {2001}
}
"""


def test_exports_that_are_not_tex_carry_unicode_and_bibtex_keeps_the_markup() -> None:
    works, problems = read_bibtex(BIB, "x.bib")
    assert not problems
    item = json.loads(write_csljson(works))[0]
    assert item["title"] == "Café culture in South Asia: R&D"
    assert item["author"] == [{"family": "Dvořák", "given": "Ivan"}, {"literal": "World Bank"}]
    assert (item["container-title"], item["page"]) == ("Journal of Über Studies", "13-42")
    ris = write_ris(works)
    assert "TI  - Café culture in South Asia: R&D" in ris and "AU  - Dvořák, Ivan" in ris
    assert r"Caf{\'e} culture in {South Asia}: R\&D" in write_bibtex(works)
    text = format_bibliography(works, style="apa", engine="citeproc-py")
    assert text.startswith("Dvořák, I., & World Bank. (2001). Café culture in South Asia: R&D.")
    # CSL-JSON read back is plain text, and stays so on the next export.
    again, _ = read_csljson(write_csljson(works), "x.json")
    assert json.loads(write_csljson(again)) == json.loads(write_csljson(works))


@given(st.text(alphabet=st.sampled_from(list("\\{}&%$#_~^\n-\0 aé")), max_size=30) | st.text())
def test_to_tex_replaces_as_one_regex_pass_would(value: str) -> None:
    """to_tex's substring tests and replaces give what one regex pass over the same table
    gives (the table is the module's: what is tested is the order of the replacements)."""
    expected = re.sub(r"[\\{}&%$#_~^\n]|-(?=-)", lambda m: _TO_TEX.get(m.group(), "-{}"), value)
    assert to_tex(value) == balance_braces(expected)


def _caller_of(convert: Callable[[str], str]) -> weakref.ref[object]:
    """A frame holding an object while ``convert`` reads a value only pylatexenc reads."""
    held = _Held()
    convert(r"\textit{x} \unknowncommand{y}")
    return weakref.ref(held)


class _Held:
    pass


@pytest.mark.parametrize("shielded", [True, False])
def test_pylatexenc_keeps_no_caller_frame_alive(shielded: bool) -> None:
    """pylatexenc leaves a reference cycle whose frames would hold their callers' locals for
    the cyclic collector (the whole dedup index, once); run behind the shield, reference
    counting frees them (the unshielded call shows the cycle the shield stops)."""
    gc.collect()
    gc.disable()
    try:
        ref = _caller_of(texmarkup._pylatexenc if shielded else texmarkup._latex_to_text)
        assert (ref() is None) is shielded
    finally:
        gc.enable()
        gc.collect()


def test_an_error_in_pylatexenc_is_raised_and_the_next_value_is_still_read() -> None:
    with pytest.raises(RecursionError):
        texmarkup._pylatexenc("\\textbf{" * 5000)
    assert texmarkup._pylatexenc(r"\'e \textit{x}") == "é x"


@pytest.mark.parametrize(
    ("tex", "text"),
    [
        (r"href: \href{https://example.org}{Example}", "href: Example <https://example.org>"),
        (r"see \footnote", "see"),
        (r"\textcolor{red}", "red"),
        (r"\colorbox", ""),
    ],
)
def test_macros_pylatexenc_fails_on_still_become_text(tex: str, text: str) -> None:
    """pylatexenc raised IndexError on any ``\\href`` (its parser takes no argument its text
    conversion reads) and KeyError or AttributeError on others: every export of a BibTeX
    file with one ended in a traceback."""
    assert to_text(tex).strip() == text


_MACROS = ["\\href", "\\footnote", "\\textcolor", "\\title", "\\sqrt", "\\url", "\\input"]


@settings(deadline=None)  # pylatexenc's first call, and a loaded machine, pass 200 ms
@given(st.lists(st.sampled_from([*_MACROS, "{", "}", "a", " ", "$", "[", "]"]), max_size=12))
def test_any_tex_becomes_text_without_raising(parts: list[str]) -> None:
    assert isinstance(to_text("".join(parts)), str)
