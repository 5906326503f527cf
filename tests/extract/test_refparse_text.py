"""What the model reads: Markdown resolved, a "cited in" work cut off."""

from __future__ import annotations

from litreview.extract.refparse_text import Related, preprocess, split_related


def test_markdown_marks_titles_and_keeps_links() -> None:
    """Footnote marker, italics, ``[t](#)`` and ``<url>`` are resolved; a link after a
    quoted title stays unquoted."""
    assert preprocess("¹² X (2001), '*A B*', [C D](#); <https://e.org/x>.") == (
        "X (2001), 'A B', C D; https://e.org/x."
    )
    assert preprocess("X (2001), [A B](#), [C D](#).") == "X (2001), “A B”, C D."


def test_italic_runs_across_lines_are_one_title_and_links_inside_give_the_url() -> None:
    raw = (
        "Board, _[Saving Collections: Results](https://e.org/p)_ "
        "_[of a Survey](https://e.org/p)_ (2019)."
    )
    assert (
        preprocess(raw)
        == "Board, “Saving Collections: Results of a Survey” https://e.org/p (2019)."
    )


def test_backslash_escapes_are_plain_characters() -> None:
    assert preprocess(r"Body \(ACR\), [Title \(Draft\)](#).") == "Body (ACR), “Title (Draft)”."
    # pandoc's Markdown writer escapes these too; a reader sees the characters
    assert preprocess(r"A, 'Interview \| Site', \<https://e.org/x\>, a\&b.") == (
        "A, 'Interview | Site', <https://e.org/x>, a&b."
    )


def test_signal_is_dropped() -> None:
    assert preprocess("See also Smith, J. (2001). Title.") == "Smith, J. (2001). Title."


def test_cited_in_splits_off_the_other_work() -> None:
    head, related = split_related(
        "Smith, J. (1990). Title. Press, cited in Jones, A. (2001). Other."
    )
    assert head == "Smith, J. (1990). Title. Press"
    assert related == Related("cited-in", "Jones, A. (2001). Other")


def test_cited_in_inside_brackets_and_in_other_languages() -> None:
    assert split_related("Smith (1990: 4) (cited in Jones 2001, p. 5).") == (
        "Smith (1990: 4)",
        Related("cited-in", "Jones 2001, p. 5"),
    )
    assert split_related("Weber 1922, zitiert nach Kaesler 2014")[1] == Related(
        "cited-in", "Kaesler 2014"
    )


def test_no_relation_phrase() -> None:
    text = "Cited Works Board (2001). Annual report."
    assert split_related(text) == (text, None)
