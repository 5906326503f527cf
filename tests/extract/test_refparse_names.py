"""The names normaliser: one author or editor segment -> CSL names."""

from __future__ import annotations

import pytest

from litreview.extract.refparse_names import is_organisation, split_names


@pytest.mark.parametrize(
    ("segment", "expected"),
    [
        (
            "Bergman, K., Ortiz, L. & Nakamura, T.",
            [
                {"family": "Bergman", "given": "K."},
                {"family": "Ortiz", "given": "L."},
                {"family": "Nakamura", "given": "T."},
            ],
        ),
        (
            "Okafor CN, Lindqvist B, Tobin ED",
            [
                {"family": "Okafor", "given": "CN"},
                {"family": "Lindqvist", "given": "B"},
                {"family": "Tobin", "given": "ED"},
            ],
        ),
        ("Partner Aid Foundation", [{"literal": "Partner Aid Foundation"}]),
        ("WHO.", [{"literal": "WHO"}]),
        (
            "Mendes, Carla, and Yusuf Bello",
            [{"family": "Mendes", "given": "Carla"}, {"family": "Bello", "given": "Yusuf"}],
        ),
        (
            "In O. Kern and D. Card (Eds.),",
            [{"family": "Kern", "given": "O."}, {"family": "Card", "given": "D."}],
        ),
        ("Smith, J. et al.", [{"family": "Smith", "given": "J."}]),
        (  # a surname led by particles is still a surname before its initials
            "De Vries, K. and van der Berg, M.",
            [{"family": "De Vries", "given": "K."}, {"family": "van der Berg", "given": "M."}],
        ),
        ("Le Roux, P.", [{"family": "Le Roux", "given": "P."}]),
        (  # a particle-like name before initials is a Vancouver name, not a surname
            "Du X, Hu B, Jiang L",
            [
                {"family": "Du", "given": "X"},
                {"family": "Hu", "given": "B"},
                {"family": "Jiang", "given": "L"},
            ],
        ),
        (
            "Ministry of Harbours, U.S. Office of Tides and Charts",
            [{"literal": "Ministry of Harbours, U.S. Office of Tides and Charts"}],
        ),
        (
            "Harbour Authority; Lee, Min",
            [{"literal": "Harbour Authority"}, {"family": "Lee", "given": "Min"}],
        ),
        # "by" brings the names in ("Title, by Ann Roe"); "Byrne" is a name
        ("by Robert S. Kirk.", [{"family": "Kirk", "given": "Robert S."}]),
        ("Byrne, A.", [{"family": "Byrne", "given": "A."}]),
        # a Vancouver list joined to a group by a semicolon
        (
            "Roe AB, Lee C; the Harbour Study Group",
            [
                {"family": "Roe", "given": "AB"},
                {"family": "Lee", "given": "C"},
                {"literal": "the Harbour Study Group"},
            ],
        ),
        # "and" in other languages, after an initial; never inside a body's name
        (
            "Itoh, T. ja Maki, K.",
            [{"family": "Itoh", "given": "T."}, {"family": "Maki", "given": "K."}],
        ),
        (
            "Roe, S.; Lee, D. B. och Park, D. L.",
            [
                {"family": "Roe", "given": "S"},
                {"family": "Lee", "given": "D. B"},
                {"family": "Park", "given": "D. L"},
            ],
        ),
        (
            "HAVN, Lokale og Anlægsfonden, Realdania",
            [{"literal": "HAVN"}, {"literal": "Lokale og Anlægsfonden"}, {"family": "Realdania"}],
        ),
        # "&" or "and" before the last name of a ;-list separates as a semicolon
        (
            "Roe, S.A.; Lee, M.; & Park, J.,",
            [
                {"family": "Roe", "given": "S.A"},
                {"family": "Lee", "given": "M"},
                {"family": "Park", "given": "J"},
            ],
        ),
        (
            "Roe, Ann; Lee, Min and Park, Jo",
            [
                {"family": "Roe", "given": "Ann"},
                {"family": "Lee", "given": "Min"},
                {"family": "Park", "given": "Jo"},
            ],
        ),
        # family names led by a capitalised particle, alone (short author-year notes), after
        # given names, and in capitals; "DA" before a name in lower case is initials
        ("Le Roux", [{"family": "Le Roux"}]),
        ("Van der Berg and Okafor", [{"family": "Van der Berg"}, {"family": "Okafor"}]),
        ("Jean De Vries", [{"family": "De Vries", "given": "Jean"}]),
        ("Ben AW DE JONG", [{"family": "DE JONG", "given": "Ben AW"}]),
        (
            "DA Mendes and S Okafor",
            [{"family": "Mendes", "given": "DA"}, {"family": "Okafor", "given": "S"}],
        ),
        # a surname led by a particle pairs with the given names after its comma
        ("de Vries, Anna", [{"family": "de Vries", "given": "Anna"}]),
        ("Del Mar, Luis", [{"family": "Del Mar", "given": "Luis"}]),
        # editors named by the role in brackets in Italian and Portuguese; "Org" a surname
        ("Rossi, L. (a cura di)", [{"family": "Rossi", "given": "L."}]),
        ("Silva, J. (Org.)", [{"family": "Silva", "given": "J."}]),
        ("Org E, Kim BY", [{"family": "Org", "given": "E"}, {"family": "Kim", "given": "BY"}]),
        # full names joined by "and" are people, however many words the list holds
        (
            "Kate Okafor and Min Lee",
            [{"family": "Okafor", "given": "Kate"}, {"family": "Lee", "given": "Min"}],
        ),
        (
            "Anna Maria Keller and John Bello",
            [{"family": "Keller", "given": "Anna Maria"}, {"family": "Bello", "given": "John"}],
        ),
        (
            "Friends of the Earth and Greenpeace",
            [{"literal": "Friends of the Earth and Greenpeace"}],
        ),
        ("Harbour Trust and Tide Institute", [{"literal": "Harbour Trust and Tide Institute"}]),
        # the same words joined otherwise stay a body
        ("Department of Harbours and Tides", [{"literal": "Department of Harbours and Tides"}]),
        # names each followed by initials are people, even family names that are head words
        # of bodies or publishers ("Bank", "Law", "Sun", "Harper")
        (
            "Forster A, Law MA, Bank J, Harper GM",
            [
                {"family": "Forster", "given": "A"},
                {"family": "Law", "given": "MA"},
                {"family": "Bank", "given": "J"},
                {"family": "Harper", "given": "GM"},
            ],
        ),
        (
            "Sun P, van der Berg A",
            [{"family": "Sun", "given": "P"}, {"family": "van der Berg", "given": "A"}],
        ),
        # the same in a ";"-list, beside a group
        (
            "Roe AB, Bank C; the Harbour Study Group",
            [
                {"family": "Roe", "given": "AB"},
                {"family": "Bank", "given": "C"},
                {"literal": "the Harbour Study Group"},
            ],
        ),
        # not when a part is no name with initials: a body's acronym, a numbered part
        (
            "Ministry of Health MOH, Department of Health DOH",
            [{"literal": "Ministry of Health MOH, Department of Health DOH"}],
        ),
        ("Division N, Title II, Subtitle A", [{"literal": "Division N, Title II, Subtitle A"}]),
    ],
)
def test_split_names(segment: str, expected: list[dict[str, str]]) -> None:
    """Name lists in the usual styles; bodies stay one literal name."""
    assert split_names(segment) == expected


@pytest.mark.parametrize(
    "name",
    [
        "UNESCO",
        "Centre for Policy Research",
        "Friends of the Earth",
        "The Economist",
        "Coastal Water Amendments",
        "Regional Tides Panel",
        "Parliamentary Ombudsman",
        "Schools Inspectorate",
        "Coastal Safety Executive",
    ],
)
def test_bodies(name: str) -> None:
    """Acronyms, head words from the word lists, and phrases read as bodies."""
    assert is_organisation(name)


@pytest.mark.parametrize("name", ["Maria Keller", "Kindler J", "Hauser DDW"])
def test_persons(name: str) -> None:
    """Names, with initials that are also short words of the lists, stay persons."""
    assert not is_organisation(name)


def test_blank_segment_gives_no_names() -> None:
    assert split_names(" (eds.) ") == []


@pytest.mark.parametrize(
    ("segment", "expected"),
    [
        ("Miller ER 3rd", [{"family": "Miller", "given": "ER", "suffix": "3rd"}]),
        ("Pettijohn TF II", [{"family": "Pettijohn", "given": "TF", "suffix": "II"}]),
        ("Martin Luther King Jr.", [{"family": "King", "given": "Martin Luther", "suffix": "Jr"}]),
        (
            "King, Martin Luther, Jr.",
            [{"family": "King", "given": "Martin Luther", "suffix": "Jr"}],
        ),
        ("Koshland Jr., D. E.", [{"family": "Koshland", "given": "D. E.", "suffix": "Jr"}]),
        (
            "Smith, J. A., Jr., and Doe, B.",
            [
                {"family": "Smith", "given": "J. A.", "suffix": "Jr."},
                {"family": "Doe", "given": "B."},
            ],
        ),
        (
            "King, Martin Luther, Jr.; Doe, B.",
            [
                {"family": "King", "given": "Martin Luther", "suffix": "Jr"},
                {"family": "Doe", "given": "B"},
            ],
        ),
        ("Bill Heniff Jr.", [{"family": "Heniff", "given": "Bill", "suffix": "Jr"}]),
        # a Roman numeral after a family name alone is its initials, and a body may end with one
        ("Schensted IV", [{"family": "Schensted", "given": "IV"}]),
        (
            "Harbour Board, Division A, Title III",
            [{"literal": "Harbour Board, Division A, Title III"}],
        ),
    ],
)
def test_a_generational_suffix_is_the_name_s_suffix(
    segment: str, expected: list[dict[str, str]]
) -> None:
    assert split_names(segment) == expected


@pytest.mark.parametrize(
    ("segment", "expected"),
    [
        # an agency and its office, both acronyms: one body, not "Family, Given"
        ("USDA, FSIS", [{"literal": "USDA, FSIS"}]),
        ("DOE, ARPA-E", [{"literal": "DOE, ARPA-E"}]),
        ("DOC OIG", [{"literal": "DOC OIG"}]),
        # two bodies joined by "and" stay two
        ("DOE and USDA", [{"literal": "DOE"}, {"literal": "USDA"}]),
        # initials run together (two letters), a known given name, a known surname: persons
        ("HEMPEL, CG", [{"family": "HEMPEL", "given": "CG"}]),
        ("SMITH, JOHN", [{"family": "SMITH", "given": "JOHN"}]),
        ("SMITH JAB", [{"family": "SMITH", "given": "JAB"}]),
    ],
)
def test_acronyms_in_capitals_are_one_body_unless_a_name(
    segment: str, expected: list[dict[str, str]]
) -> None:
    assert split_names(segment) == expected


@pytest.mark.parametrize(
    ("segment", "expected"),
    [
        # a byline in small capitals: a known given name opens it
        ("ALICE WALKER", [{"family": "WALKER", "given": "ALICE"}]),
        ("MARY ANNE FRANKS", [{"family": "FRANKS", "given": "MARY ANNE"}]),
        # bodies in capitals stay bodies
        ("GENERAL MOTORS", [{"literal": "GENERAL MOTORS"}]),
        ("HUMAN RIGHTS WATCH", [{"literal": "HUMAN RIGHTS WATCH"}]),
    ],
)
def test_a_person_s_name_in_capitals_is_a_person(
    segment: str, expected: list[dict[str, str]]
) -> None:
    assert split_names(segment) == expected
