"""What a document says about itself in its first lines."""

from __future__ import annotations

import pytest

from litreview.extract.docmeta import document_metadata


@pytest.mark.parametrize(
    ("text", "title", "authors", "year"),
    [
        pytest.param(
            "# Teacher Wellbeing Policy Note\n\nPublished: 2023\n\nAuthors: A. Lima and B. Osei\n",
            "Teacher Wellbeing Policy Note",
            ("A. Lima", "B. Osei"),
            "2023",
            id="markdown_heading_year_label_authors_label",
        ),
        pytest.param(
            "# Teacher Wellbeing Policy Note\n\nPublished: March 2023\n\nBy Ana Lima\n\nBody.\n",
            "Teacher Wellbeing Policy Note",
            ("Ana Lima",),
            "2023",
            id="month_year_and_by_line",
        ),
        pytest.param(
            "# Museum Facilities: Deferred Maintenance Persists\n\n**Report:** GAO-26-108485 | "
            "**Published:** 2026-03-10 | **Source:** [GAO](https://www.gao.gov)\n",
            "Museum Facilities: Deferred Maintenance Persists",
            (),
            "2026",
            id="fields_in_one_line_iso_date",
        ),
        pytest.param(
            "Field Report\n\nIt was 2023 and by then we knew.\n", "Field Report", (), "", id="prose"
        ),
        pytest.param(
            "# Short Title\n\nMaria Gonzalez, Peter J. Wong, Ana Lima and Tom Price\n\n"
            "Rivers Journal 2019. doi:10.1234/rivers.2019.0042\n",
            "Short Title",
            ("Maria Gonzalez", "Peter J. Wong", "Ana Lima", "Tom Price"),
            "2019",
            id="markdown_title_before_a_longer_line_of_names_and_a_doi_line",
        ),
        pytest.param(
            "# Abstract\n\nA paragraph.\n\n# Boats on the Delta\n\nText.\n",
            "Boats on the Delta",
            (),
            "",
            id="part_heading_is_not_the_title",
        ),
        pytest.param(
            "## Boats\n\nAna Lima, Peter J. Wong\n\nRivers 2019. doi:10.1234/r.1\n\n"
            "## A Much Longer Heading of the First Section\n",
            "Boats",
            ("Ana Lima", "Peter J. Wong"),
            "2019",
            id="a_document_opening_on_a_heading_of_any_level",
        ),
        pytest.param(
            "Rivers of the Plain\n\nText of the page.\n\nMore text.\n\n"
            "A Much Longer Heading of a Later Section\n\nMore.\n",
            "Rivers of the Plain",
            (),
            "",
            id="a_title_among_the_first_lines_outranks_a_longer_heading_below",
        ),
        pytest.param(
            "River Review 2023\n\nCivil Society Report\n\nText.\n\n"
            "River Review 2023 Civil Society Report\n\nMore.\n",
            "River Review 2023 Civil Society Report",
            (),
            "",
            id="a_longer_line_below_that_holds_it_is_the_whole_title",
        ),
        pytest.param(
            "## Executive Summary\n\nText.\n\n## Rivers and Lakes of the Plain\n\nMore.\n",
            "Rivers and Lakes of the Plain",
            (),
            "",
            id="but_not_on_a_part_heading",
        ),
        pytest.param(
            "# Notes on Boats\n\n**Author(s):** Sarata, Amanda K.\n\n"
            "**Publication Date:** 04/10/2026\n",
            "Notes on Boats",
            ("Amanda K. Sarata",),
            "2026",
            id="author_label_family_given",
        ),
        pytest.param(
            "# Notes on Boats\n\n| **Author:** | Gallo, Marcy E.; Sekar, Kavya |\n",
            "Notes on Boats",
            ("Marcy E. Gallo", "Kavya Sekar"),
            "",
            id="author_label_in_a_table_row_semicolons",
        ),
        pytest.param(
            "Flood Risk Note\n\nRiver Basin Authority\n\n2022\n\nFigure 1 (map prepared by "
            "Esther Inman).\n",
            "Flood Risk Note",
            (),
            "2022",
            id="bare_year_line_and_a_figure_credit_is_no_author",
        ),
    ],
)
def test_front_lines(text: str, title: str, authors: tuple[str, ...], year: str) -> None:
    meta = document_metadata(text)
    assert (meta.title, meta.authors, meta.year) == (title, authors, year)
