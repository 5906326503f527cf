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
