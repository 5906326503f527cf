"""Tokens and CRF features, with the word lists as evidence."""

from __future__ import annotations

from litreview.extract.refparse_features import (
    GROUPS,
    Token,
    encoded_features,
    sequence_features,
    token_spans,
)


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


def test_organisation_names_become_features() -> None:
    """The tokens of a known organisation's name that is a whole piece of the reference,
    whatever its case, and the tokens next to it are marked, when the group is asked for (it
    is off by default)."""
    tokens = ["Patents.", "Wellcome", "trust,", "London."]
    feats = sequence_features(tokens, exclude=())
    assert "org:before" in feats[0] and "org:after" in feats[3]
    assert {"org:name", "org:first"} <= set(feats[1]) and "org:last" not in feats[1]
    assert {"org:name", "org:last"} <= set(feats[2])
    inside = sequence_features(["The", "Wellcome", "Trust", "grants."], exclude=())
    assert not any(a.startswith("org:") for f in inside for a in f)  # a name inside a title
    assert "org:last" in sequence_features(["The", "Wellcome", "Trust", "(2001)."], ())[2]
    bare = sequence_features(tokens, exclude=("organisations",))
    assert not any(a.startswith("org:") for f in bare for a in f)
    assert sequence_features(tokens) == bare  # off by default: measured, not kept


def test_position_features() -> None:
    """Sentences and commas before a token, and the words before a year in brackets."""
    feats = sequence_features(["Harbour", "Board,", "(2019).", "Title.", "Place:"])
    assert "before_paren_year" in feats[1] and "before_paren_year" not in feats[2]
    assert "commas:1" in feats[2] and "stops:1" in feats[3] and "stops:2" in feats[4]


def test_runs_of_capitalised_words_with_a_body_word() -> None:
    """A body's name is one run up to its comma (``Ministry of Rural Transport,``);
    the next unit is its own run, a quoted title starts a new one."""
    text = "Ministry of Rural Transport, Office of Plans, “Roads for Villages” (2024)."
    feats = sequence_features(text.split())
    assert all("run:org" in feats[i] and "run:org_opens" in feats[i] for i in range(4))
    assert "run:org_last" in feats[3] and "run:org_first" in feats[4]
    assert "run:org_opens" not in feats[4]
    assert "run:cap_first" in feats[7] and "run:org" not in feats[7]
    assert "run:cap_last" in feats[9]
    assert not any(a.startswith("run:") for a in feats[10])


def test_joining_words_do_not_end_a_run() -> None:
    feats = sequence_features(["Committee", "on", "Ways", "and", "Means", "of", "the"])
    assert "run:org_last" in feats[4]
    assert not any(a.startswith("run:") for a in feats[5] + feats[6])


def test_a_piece_of_date_words_is_marked() -> None:
    """``, September 1999.`` at the end of a note is a date piece; a title piece is not."""
    feats = sequence_features(["Board,", "How", "We", "Improve,", "September", "1999."])
    assert "chunk:date" in feats[4] and "chunk:date" in feats[5] and "chunk:last" in feats[5]
    assert "chunk:date" not in feats[2]


def test_runs_can_be_left_out() -> None:
    tokens = ["Department", "of", "Health,", "May", "2001."]
    feats = sequence_features(tokens, exclude=("runs", "bodies"))
    assert not any(a.startswith(("run:", "chunk:")) for f in feats for a in f)


def test_the_bodies_a_reference_opens_with() -> None:
    """Whole comma pieces that name bodies (or give initials), from the start; a piece
    that is more than one run (a title) ends them."""
    text = "ONS, Office of the Chief Economist, Labour Markets: Trends, April 2014."
    feats = sequence_features(text.split())
    assert all("run:lead_body" in feats[i] for i in range(6))
    assert not any("run:lead_body" in f for f in feats[6:])
    person = sequence_features(["Smith,", "John,", "Title", "of", "Department,", "2001."])
    assert not any("run:lead_body" in f for f in person)


def test_encoded_features_are_the_attributes_as_utf8_bytes() -> None:
    """The parser's form (bytes, read by crfsuite as they are) holds the same attributes in
    the same order, for every group left out in turn."""
    text = "Müller, J. “Straße” (London: Press, 2001), pp. 3–9. New York."
    tokens = text.split()
    for exclude in [(), *[(g,) for g in GROUPS]]:
        text = sequence_features(tokens, exclude)
        raw = encoded_features(tokens, exclude)
        assert [[a.encode() for a in f] for f in text] == raw
    assert b"w:m\xc3\xbcller" in encoded_features(tokens)[0]


def test_a_token_repeated_gives_the_same_attributes_each_time() -> None:
    """The cached record of a token is not changed by the sequences that use it."""
    first = sequence_features(["Smith,", "J.", "Smith,", "J."])
    again = sequence_features(["Smith,", "J.", "Smith,", "J."])
    assert first == again
    assert first[0][:8] == first[2][:8]
