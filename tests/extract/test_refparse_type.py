"""The type model's features and the plain field guess."""

from __future__ import annotations

from litreview.extract.refparse_fields import Segment
from litreview.extract.refparse_type import fallback_type, type_features


def test_features_name_labels_word_tags_and_field_shapes() -> None:
    segments = [
        Segment("author", "River Board,", 0, 12),
        Segment("title", "“Delta Fisheries”,", 13, 31),
        Segment("genre", "Working Paper", 32, 45),
        Segment("journal", "Daily Herald", 46, 58),
    ]
    item = {
        "author": [{"literal": "River Board"}],
        "issued": {"date-parts": [[2019, 5, 4]]},
        "URL": "https://e.org",
    }
    feats = type_features(segments, item)
    assert {"has:author", "has:genre", "has:journal", "title:quoted"} <= set(feats)
    assert {"genre:lex:genre", "journal:lex:news", "genre:w:paper"} <= set(feats)
    assert {"date:3", "author:body", "field:URL"} <= set(feats)
    assert feats == sorted(feats)


def test_fallback_type() -> None:
    assert fallback_type({"container-title": "J", "volume": "3"}) == "article-journal"
    assert fallback_type({"container-title": "Handbook"}) == "chapter"
    assert fallback_type({"publisher": "Press"}) == "book"
    assert fallback_type({"URL": "https://e.org"}) == "webpage"
    assert fallback_type({}) == "document"


def test_genre_and_note_say_what_kind_of_document_from_the_word_list() -> None:
    """``lexicon/genres.tsv`` names the kind a genre or a note gives (one, two or three
    words, any case), not a title's words."""
    from litreview.extract.gazetteer import genre_types

    assert genre_types("NBER Working Paper No. 21345") == {"report"}
    assert genre_types("(Doctoral dissertation, University of Leeds)") == {"thesis"}
    assert genre_types("[Data set]") == {"dataset"}
    assert genre_types("Paper presented at the annual meeting") == {"paper-conference"}
    assert genre_types("Hong Kong Polytechnic University") == frozenset()

    def kinds(label: str, text: str) -> set[str]:
        feats = type_features([Segment(label, text, 0, len(text))], {})
        return {f for f in feats if ":kind:" in f}

    assert kinds("genre", "Working Paper,") == {"genre:kind:report"}
    assert kinds("note", "Unpublished manuscript.") == {"note:kind:manuscript"}
    assert kinds("title", "A thesis on working papers") == set()
