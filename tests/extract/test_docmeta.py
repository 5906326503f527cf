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
    ],
)
def test_front_lines(text: str, title: str, authors: tuple[str, ...], year: str) -> None:
    meta = document_metadata(text)
    assert (meta.title, meta.authors, meta.year) == (title, authors, year)
