"""Tokens and CRF features, with the word lists as evidence."""

from __future__ import annotations

from litreview.extract.refparse_features import Token, sequence_features, token_spans


def test_tokens_keep_their_offsets() -> None:
    text = "Smith, J.  (2001) Title."
    tokens = token_spans(text)
    assert tokens[2] == Token("(2001)", 11, 17)
    assert all(text[t.start : t.end] == t.text for t in tokens)


def test_word_lists_become_features() -> None:
    feats = sequence_features(
        ["Smith,", "J.", "London:", "Oxford", "University", "Press,", "2001."]
    )
    assert "lex:surname" in feats[0]
    assert "lex:place" in feats[2] and "lex:place_major" in feats[2]
    assert "lex:pub" in feats[5]
    assert "pureyear" in feats[6]
    assert "1:lex:place" in feats[1]  # a neighbour's tags


def test_phrases_of_the_word_lists_mark_every_word() -> None:
    feats = sequence_features(["New", "York:", "Norton."])
    assert "lex:place" in feats[0] and "lex:place" in feats[1]


def test_groups_can_be_left_out() -> None:
    tokens = ["“A", "title”", "(London:", "Press)."]
    full = sequence_features(tokens)
    bare = sequence_features(tokens, exclude=("lexicon", "phrases", "position", "neighbours"))
    assert "lex:place" in full[2] and "commas:0" in full[1]
    assert not any(a.startswith(("lex:", "commas:", "stops:")) for f in bare for a in f)
    assert not any(a.startswith(("1:", "-1:")) for f in bare for a in f)


def test_position_features() -> None:
    """Sentences and commas before a token, and the words before a year in brackets."""
    feats = sequence_features(["Harbour", "Board,", "(2019).", "Title.", "Place:"])
    assert "before_paren_year" in feats[1] and "before_paren_year" not in feats[2]
    assert "commas:1" in feats[2] and "stops:1" in feats[3] and "stops:2" in feats[4]
