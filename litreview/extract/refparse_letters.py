"""The fields of correspondence cited by its parties (pure).

Government and legal writing cites letters, memoranda and e-mails by who wrote to whom and
when, each party followed by the office they held: ``Letter from Jane Roe, Director, Office
of Water, and John Doe, Member of Congress, to The Honorable Ann Poe, Secretary of
Commerce, October 20, 2023, https://...``. The citation model reads such a string as a
title made of roles. :func:`letter_fields` reads it by its grammar instead: the kind of
letter (``correspondence.txt``), ``from`` and ``to`` with their parties, a date, a
link. A party is a person where its words read as a name, written first name first, that
opens with a known given name or an initial (``lexicon/given_names.txt``), or that follows a
courtesy or office title (``honorifics.txt``: ``Sen. Roe``, ``Chairman Doe of the
Commission``, ``Representatives Roe and Doe``); the titles and the offices are left out.
Where no person is named, the party is the body or office written (``the Commissioners of
the Commission``).

The item has no title, as a letter has none, but for a memorandum's subject in quotes
(``..., to the Secretaries, “Guidance on Records,” May 1, 2019``): the genre says what it is
(``Letter``), the authors and the recipients (CSL ``recipient``) who wrote to whom.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from litreview.core.data_files import data_lines
from litreview.extract.backrefs import phrase_pattern
from litreview.extract.gazetteer import fold_key, word_tags
from litreview.extract.refparse_names import is_suffix, reads_as_person, split_names
from litreview.extract.refparse_norm import date_parts

__all__ = ["letter_fields"]

#: The longest string read as a letter: past this the string is left to the models (a
#: letter's citation with several parties and their offices runs to a few hundred).
MAX_CHARS = 1_500
#: The most titles taken off the start of a name (``The Honorable Senator Jane Roe``: two).
_MOST_TITLES = 3
#: The most words of a name after a title (``Chairman David Rosner``).
_TITLED_WORDS = 3
#: Heads of bodies and publications (``lexicon/heads.tsv``): a word tagged so names no person.
_BODY_TAGS = frozenset({"org", "pub", "journal", "law", "news", "event", "genre", "web"})
_NAME_TAGS = frozenset({"given", "surname"})
_LINK = re.compile(r"\b(?:https?://|www\.)\S+")
# what may follow a letter's link: a bracketed remark ("(site discontinued)") or when it
# was read, with no other work
_AFTER_LINK = re.compile(
    r"[\s.,]*(?:\([^();]{0,80}\)|accessed\s[^();]{0,40})?[\s.,]*", re.IGNORECASE
)
# where a side's parties part: commas, semicolons, "and" (kept, so that a plural title's
# names are those joined by "and")
_PARTY_BREAK = re.compile(r"(?=,\s*|;\s*)|(?=\s+and\s+)")
# a memorandum's subject in quotes after its parties ("..., to the Secretaries, “Guidance
# on Records,” May 1, 2019"), its title
_TITLE = re.compile(r"[“\"](?P<title>[^“”\"]{3,300})[”\"]")
# the words before a link ("at https://...", "available at https://...")
_LINK_LEAD = re.compile(r",?\s*(?:available\s+)?(?:at|from)\s*$", re.IGNORECASE)
_ET_AL = re.compile(r",?\s+et\s+al\.?", re.IGNORECASE)
_INITIAL = re.compile(r"[A-Z]\.(?:-?[A-Z]\.)*")
# what the parties of a letter never hold: a colon, a question mark, or a full stop that
# ends a sentence (after a word of three or more small letters: not "Sens.", "Ph.D.", "Jr.")
_NO_PARTY = re.compile(r"[:?]|(?<![A-Za-z])[a-z]{3,}\.\s")


@lru_cache(maxsize=1)
def _grammar() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """The opening (a kind of letter, then ``from`` or ``to``), the titles before a name
    and a date in words (the lists' phrases as :func:`.backrefs.phrase_pattern` reads them:
    the first letter either case, blanks any run)."""
    opening = re.compile(
        rf"^(?:and\s+)?(?P<kind>{phrase_pattern('correspondence.txt')})\s+(?P<way>from|to)\s+"
    )
    title = re.compile(
        rf"^(?:{phrase_pattern('honorifics.txt')})(?:\s+|$)(?!of\b)",
        re.IGNORECASE,  # "U.S. Senator" as "u.s. senator"
    )
    month = rf"(?:{phrase_pattern('lexicon/months.txt')})\.?"
    year = r"(?:1[6-9]|20)\d\d"
    date = re.compile(
        rf"(?<![\w-])(?:{month}\s+\d{{1,2}},?\s+{year}|\d{{1,2}}\s+{month},?\s+{year}"
        rf"|{month},?\s+{year}|{year}-\d\d-\d\d|{year})(?!\d)"
    )
    return opening, title, date


def letter_fields(text: str) -> dict[str, Any] | None:
    """The CSL item of a letter, memorandum or e-mail cited by its parties, or ``None`` when
    ``text`` is not one: it must open with a kind of letter and ``from`` or ``to``, name a
    party of its own on that side, and hold nothing after its date but a link (and after
    the link, a bracketed remark or when it was read)."""
    if len(text) > 2 * MAX_CHARS:  # a long note is asked this often: not even copied
        return None
    opening, _, date = _grammar()
    text = " ".join(text.split())
    head = opening.match(text) if len(text) <= MAX_CHARS else None
    if head is None:
        return None
    body = text[head.end() :]
    link = _LINK.search(body)
    if link and not _AFTER_LINK.fullmatch(body[link.end() :]):
        return None  # another work after the link ("...; Letter from ...")
    url = link.group(0).rstrip(".,;)") if link else ""
    body = _LINK_LEAD.sub("", body[: link.start()] if link else body).rstrip(" ,;.")
    when = None
    for m in date.finditer(body):
        when = m
    if when is not None:
        if body[when.end() :].strip(" ,;."):
            return None  # more than a date after the parties: not this grammar
        parties, issued = body[: when.start()].rstrip(" ,;"), date_parts(when.group(0))
    else:
        parties, issued = body, None
    title = _TITLE.search(parties)
    if title is not None:
        if parties[title.end() :].strip(" ,;."):
            return None  # parties after the title: not this grammar
        parties = parties[: title.start()].rstrip(" ,;")
    if issued is None or _NO_PARTY.search(parties):
        return None  # undated, or a title's words ("Letters from the Front: Essays on War")
    first, second = _sides(parties, "to" if head.group("way") == "from" else "from")
    named = _parties(first)
    if not named:
        return None
    other = _parties(second)
    authors, recipients = (named, other) if head.group("way") == "from" else (other, named)
    item: dict[str, Any] = {"type": "personal_communication", "genre": _genre(head.group("kind"))}
    found = {
        "author": authors,
        "recipient": recipients,
        "title": title.group("title").strip(" ,") if title else "",
        "issued": issued,
        "URL": url,
    }
    item.update({k: v for k, v in found.items() if v})
    return item


def _genre(kind: str) -> str:
    """The kind of letter as a genre (``memo`` -> ``Memo``, ``e-mail`` -> ``E-mail``)."""
    return kind[:1].upper() + kind[1:].lower()


def _sides(parties: str, word: str) -> tuple[str, str]:
    """The parties before and after the word that turns from one side to the other (``to``
    after ``from``): after a comma first (an office may hold the word: "Special Assistant
    to the President, to ..."), else the first one a capital or ``the`` follows."""
    comma = re.search(rf",\s+{word}\s+", parties)
    if comma:
        return parties[: comma.start()], parties[comma.end() :]
    bare = re.search(rf"\s{word}\s+(?=[A-Z]|the\s)", parties)
    if bare:
        return parties[: bare.start()], parties[bare.end() :]
    return parties, ""


def _parties(text: str) -> list[dict[str, str]]:
    """The people one side names (CSL names), or the body it names when it names none."""
    text = _ET_AL.sub("", text).strip(" ,;")
    if not text:
        return []
    _, title, _ = _grammar()
    people: list[dict[str, str]] = []
    # after "Representatives": each family name joined to it by "and" is one of them
    plural = False
    for raw in _PARTY_BREAK.split(text):
        # a comma or a semicolon ends a plural title's names
        plural = plural and raw.strip(" ,;").lower().startswith("and ")
        part = re.sub(r"^(?:and|the)\s+", "", raw.strip(" ,;"), flags=re.IGNORECASE)
        if not part:
            continue
        if people and is_suffix(part):
            people[-1]["suffix"] = part
            continue
        titled = False
        for _ in range(_MOST_TITLES):
            m = title.match(part)
            if m is None:
                break
            titled, plural = True, _plural(m.group(0))
            part = part[m.end() :]
        name = _name_part(part) if titled else part
        if _a_person(name, titled or plural):
            people += split_names(name)
        else:
            plural = False
    if people:
        return people
    # no one named: the body or office the side opens with, to its first comma ("the
    # Committees on Banking and Agriculture"; "Goran Marby, President of ICANN" gives "Goran
    # Marby", whose first name the lexicon does not know)
    first = re.split(r"[,;]", text, maxsplit=1)[0].strip()
    body = re.sub(r"^(?:the)\s+", "", first, flags=re.IGNORECASE)
    return [{"literal": body}] if body[:1].isupper() else []


def _plural(title: str) -> bool:
    """Whether a title names several people (``Representatives``, ``Sens.``): another title
    of the list with an ``s`` (of three letters or more: ``Mrs.`` is no plural of ``Mr.``)."""
    word = " ".join(title.split()).lower().rstrip(".")
    one = word[:-1]
    return word.endswith("s") and len(one) >= 3 and bool({one, f"{one}."} & _titles())


@lru_cache(maxsize=1)
def _titles() -> frozenset[str]:
    return frozenset(data_lines("honorifics.txt"))


def _name_part(part: str) -> str:
    """The name after a title, before the body it heads (``Swett of FERC`` -> ``Swett``)."""
    return re.split(r"\s+(?:of|for|at)\s+", part, maxsplit=1)[0].strip()


def _a_person(words: str, titled: bool) -> bool:
    """Whether ``words`` name a person: a full name opening with a known given name or an
    initial, or, after a title, one to three capitalised words naming no body."""
    tokens = words.split()
    if not tokens or any(_names_a_body(t) for t in tokens):
        return False
    if titled and len(tokens) <= _TITLED_WORDS and all(t[:1].isupper() for t in tokens):
        return not any(ch.isdigit() for ch in words)
    return reads_as_person(words) and (
        bool(_INITIAL.fullmatch(tokens[0])) or "given" in word_tags(fold_key(tokens[0]))
    )


def _names_a_body(word: str) -> bool:
    """Whether a word is the head of a body or publication and no name (``Office``; not
    ``Ann``, a given name the journals abbreviate too, nor an initial)."""
    tags = word_tags(word)
    return bool(_BODY_TAGS & tags) and not (_NAME_TAGS & tags or _INITIAL.fullmatch(word))
