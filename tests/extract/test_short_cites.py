"""Short citations of notes pointed at the earlier note citing their work in full."""

from __future__ import annotations

from litreview.extract.citations import classify, references
from litreview.extract.footnotes import Footnote


def _notes(*texts: str) -> list[Footnote]:
    return [
        Footnote(number=i, text=t, spans=((0, 0),), line=i) for i, t in enumerate(texts, start=1)
    ]


def _targets(*texts: str) -> list[tuple[int, tuple[int, int] | None]]:
    rows, _ = references(_notes(*texts))
    return [(r.footnote, r.target) for r in rows]


def test_a_case_by_its_report_points_at_the_full_citation() -> None:
    got = _targets(
        "Wyeth v. Levine, 555 U.S. 555, 565 (2009); Medtronic, Inc. v. Lohr, 518 U.S. 470 (1996).",
        "See Lohr, 518 U.S. at 493, 498–99.",
        "497 F. Supp. 3d at 575–78.",
    )
    assert got[2] == (2, (1, 2))
    assert got[3] == (3, None)  # no case of that report was cited in full


def test_supra_note_points_at_the_work_of_that_note() -> None:
    got = _targets(
        "Riegel v. Medtronic, 552 U.S. 312 (2008). For more, see Bryan L. Adkins & Jay B. "
        "Sykes, *Federal Preemption: A Legal Primer* (2023).",
        "Mut. Pharm. Co. v. Bartlett, 570 U.S. 472 (2013); Adkins & Sykes, supra note 1, at 23.",
    )
    assert got[-1][1] is not None and got[-1][1][0] == 1
    rows, _ = references(
        _notes(
            "Riegel v. Medtronic, 552 U.S. 312 (2008); Bryan L. Adkins, *Primer* (2023).",
            "Adkins, supra note 1, at 3; Bartlett v. Mut. Pharm., 570 U.S. 472 (2013).",
        )
    )
    assert [r.target for r in rows if r.footnote == 2] == [(1, 2), None]


def test_supra_in_emphasis_points_at_the_work_of_that_note() -> None:
    got = _targets(
        "*See* Mark A. Roe, *Trade Secrets as Rights*, 61 STAN. L. REV. 311, 316 (2008).",
        "Bo Lima, *Why Secrets?*, 11 MARQ. INTELL. PROP. L. REV. 1, 11 (2007).",
        "Roe, *supra* note 1, at 317.",
        "Lima, _supra_ note 2, at 10.",
    )
    assert got[2:] == [(3, (1, 1)), (4, (2, 1))]


def test_a_surname_and_a_short_title_point_at_the_full_citation() -> None:
    got = _targets(
        "Daniel N. Hoffman, *Governmental Secrecy and the Founding Fathers* (Westport, CT: "
        "Greenwood Press, 1981); Allan Nevins, *Hamilton Fish, The Inner History of the Grant "
        "Administration* (New York: Dodd, Mead, 1936), p. 625.",
        "Nevins, *Fish*, pp. 628–630.",
        "Hoffman, *Governmental Secrecy*, p. 20.",
        "Smith, *Fish*, p. 3.",
    )
    assert got[2:] == [(2, (1, 2)), (3, (1, 1)), (4, None)]


def test_a_short_title_in_straight_or_single_quotes_and_et_al_points_at_the_full_citation() -> None:
    # the shapes of real CRS notes (straight quotes in the web pages' text, "et al.")
    got = _targets(
        'Raphael Auer et al., "The Technology of Decentralized Finance (DeFi)," Bank for '
        "International Settlements, January 17, 2023, p. 4, https://www.example.org/work1066.pdf.",
        'Vitalik Buterin, "A Next-Generation Smart Contract Platform," Ethereum, 2014.',
        'Auer et al., "The Technology of Decentralized Finance," p. 4.',
        'Buterin, "A Next-Generation Smart Contract Platform."',
        "Roe, ‘A Next-Generation Smart Contract Platform’, p. 2.",
    )
    assert got[2:] == [(3, (1, 1)), (4, (2, 1)), (5, None)]  # Roe wrote no such work


def test_a_short_title_in_roman_after_a_body_or_names_points_at_the_full_citation() -> None:
    # CRS notes give a report's short title unquoted (its italics lost in the text)
    got = _targets(
        "Department of the Treasury, Illicit Finance Risk Assessment of Decentralized "
        "Finance, April 6, 2023, p. 10, https://home.example.gov/defi.pdf.",
        "Department of the Treasury, Illicit Finance Risk Assessment of Decentralized "
        "Finance, p. 13.",
        "Campbell and Shirley, Fiscal Substitution in Spending, p. 2.",
        "Treasury, Some Other Report Entirely, p. 4.",
    )
    assert got[1:] == [(2, (1, 1)), (3, None), (4, None)]  # nothing cited the other two


def test_a_title_alone_needs_four_words() -> None:
    got = _targets(
        "*Message of the President, Transmitting a Report by the Committee on Department "
        "Methods* (Washington: GPO, 1909).",
        "*Report by the Committee on Department Methods*, p. 10.",
        "*Department Methods*, p. 11.",
    )
    assert got[1:] == [(2, (1, 1)), (3, None)]


def test_a_note_opening_with_a_short_citation_cites_its_works() -> None:
    assert classify("See, e.g., In re JUUL Labs, Inc., 497 F. Supp. 3d at 587–88.") == "citation"
    rows, _ = references(
        _notes(
            "Lofton v. McNeil, 672 F.3d 372 (5th Cir. 2012).",
            "Lofton, 672 F.3d at 377; see also Garcia v. Wyeth, 385 F.3d 961 (6th Cir. 2004).",
        )
    )
    full = next(r for r in rows if r.footnote == 1 and r.parse)
    assert [(r.kind, r.target) for r in rows if r.footnote == 2] == [
        ("citation", (1, full.position)),
        ("citation", None),
    ]


def test_a_note_of_one_supra_form_points_at_the_note_it_names() -> None:
    got = _targets(
        "Peter Barton Hutt, *Food and Drug Law* 424-25 (5th ed. 2022).",
        "Pub. L. No. 111-31, § 101(b), 123 Stat. 1776 (2009); L. Hutt, *Other* (2020).",
        "See HUTT ET AL., supra note 1, at 1821-22.",
    )
    assert got[-1] == (3, (1, 1))


def test_a_short_title_points_at_the_dated_full_citation_not_an_earlier_short_one() -> None:
    got = _targets(
        "Richard W. Leopold, “The *Foreign Relations* Series, A Centennial Estimate,” "
        "*Mississippi Valley Historical Review* 49, no. 4 (March 1963): pp. 595–612.",
        "Leopold, “The Foreign Relations Series,” p. 596, and for other examples of edited "
        "volumes, see notes 2 and 6; *Message from the President of the United States* "
        "(Washington: GPO, 1908).",
        "Leopold, “The Foreign Relations Series,” pp. 596–597.",
    )
    assert got[-1] == (3, (1, 1))


def test_supra_after_names_with_commas_picks_the_work_sharing_most_of_them() -> None:
    got = _targets(
        "R.J. Reynolds Tobacco Co. v. Cnty. of L.A., 29 F.4th 542 (9th Cir. 2022); see also "
        "State Laws on Tobacco Control—United States, 1998, CDC, MMWR (June 25, 1999).",
        "Adkins, Pepper & Sykes, *Federal Preemption: A Legal Primer* (2023).",
        "State Laws on Tobacco Control—United States, 1998, supra note 1; Adkins, Pepper & "
        "Sykes, supra note 2, at 3.",
    )
    assert got[-2:] == [(3, (1, 2)), (3, (2, 1))]
