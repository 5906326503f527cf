"""Names normaliser: one author or editor segment -> CSL name objects.

Persons become ``{"family", "given"}``; bodies become ``{"literal"}``. A name is a body when
a word of it names a kind of body or publication in the word lists (:mod:`.gazetteer`:
``Commission``, ``Institute``, ``Press``, ``Times``), when it is an acronym (``UNHCR``), or
when it reads as a phrase rather than a name (``Friends of the Earth``). Handles
``Last, F.`` lists, ``F. Last`` lists, Vancouver ``Last FM`` and ``;``-lists.
"""

from __future__ import annotations

import re

from litreview.core.data_files import data_lines
from litreview.extract.gazetteer import word_tags
from litreview.extract.refparse_norm import strip_outer

__all__ = [
    "BY_NAMES",
    "NAME_PARTICLES",
    "is_organisation",
    "is_suffix",
    "reads_as_person",
    "split_names",
]

_BODY_TAGS = frozenset({"org", "pub", "news", "event", "law"})
_ACRONYM = re.compile(r"^[A-Z][A-Z0-9&]{1,9}s?$")
_EDITOR_CUES = re.compile(  # lower case or capitalised: "ED" is a pair of initials
    r"^\s*(?:[Ii]n:?\s+)|\(?\b(?:[Ee]ds?|[Ee]ditors?|[Ee]dited by|[Hh]rsg|[Hh]g|[ÉéEe]ds?|"
    r"[Dd]ir|[Cc]oords?|[Tt]rans|[Tt]ranslated by|[Cc]omp)\b\.?\)?,?"
    r"|\((?:[Oo]rgs?|[Aa] cura di)\.?\),?"  # only in brackets: "Org" is also a surname
)
#: "Title, by Ann Roe": the word that brings the names in (no part of them)
BY_NAMES = re.compile(r"^\s*[Bb]y\s+(?=\S)")
_ET_AL = re.compile(r",?\s*\b(?:et\s*al|and others|u\.\s*a)\b\.?", re.I)
_INITIALS = re.compile(r"^(?:[A-ZÀ-Þ][a-zà-ÿ]?\.?[\s\-]*){1,4}$")
_VANCOUVER = re.compile(r"^[A-ZÀ-Þ]{1,3}$")
_INITIALS_AFTER_COMMA = re.compile(  # "Smith, J.", "Bank, J. R. and": not "Body, U.S. Agency"
    r",\s*(?:[A-Z]\.\s?)+(?=$|[,;]|\s+(?:and|&)\s|\s+[A-Z]\.)"
)
_BROKEN_HYPHEN = re.compile(r"-\s+(?=[a-zà-ÿA-Z])")
#: One word in capitals without points ("USDA", "FSIS", "ARPA-E", "HEMPEL", "CG")
_CAPITALS = re.compile(r"[A-Z][A-Z0-9&-]+")
_ACRONYM_STOP = re.compile(r"(?<=[A-Z]{2})\.$")
_END_STOPS = re.compile(r"(?<![A-ZÀ-Þ])\.+$")


def _conjunctions() -> re.Pattern[str]:
    """A word joining the last two names of a list, in any of the lexicon's languages:
    anywhere, or only right after an initial with its point, as its line says."""
    rows = [line.split("\t") for line in data_lines("name_conjunctions.txt")]
    anywhere = "|".join(re.escape(w) for w, where in rows if where == "anywhere")
    after = "|".join(re.escape(w) for w, where in rows if where == "after-initial")
    return re.compile(rf"\s+(?:{anywhere})\s+|(?<=\b[^\W\d_]\.)\s+(?:{after})\s+")


_AND = _conjunctions()
_LIST_AND = re.compile(r"\s(?:and|&)\s")
#: a generational suffix written after a name ("Jr.", "3rd", "III"; CSL's ``suffix``): never a
#: given or family name. "Jr." and "Sr." end no body's name; a Roman numeral may ("Title III")
#: and may be initials ("Schensted IV"), so it is one only after a name of two words or more
#: ("V" is left out: it is also an initial)
_SUFFIX = re.compile(r"(?:[JjSs]n?r\.?|[2-9](?:nd|rd|th)|(?P<roman>II|III|IV))")
NAME_PARTICLES = frozenset(
    [
        "van",
        "von",
        "vom",
        "der",
        "den",
        "de",
        "del",
        "della",
        "di",
        "da",
        "das",
        "dos",
        "du",
        "des",
        "la",
        "le",
        "lo",
        "ten",
        "ter",
        "zu",
        "bin",
        "ibn",
        "al",
        "el",
        "y",
        "e",
        "et",
        "and",
        "und",
    ]
)

#: Particles that begin a family name written with a capital ("De Pryck", "Van Dijk", "Le
#: Roux", "Da Silva"); not those that are also given names or words ("Al", "El", "Y", "Et").
_CAPITAL_PARTICLES = NAME_PARTICLES - {"vom", "lo", "zu", "bin", "ibn", "al", "el", "des"}
_CAPITAL_PARTICLES -= {"y", "e", "et", "and", "und"}


def _clean(text: str) -> str:
    """Editor cues, 'et al.' and outer punctuation dropped."""
    text = _EDITOR_CUES.sub(" ", BY_NAMES.sub("", text))
    text = _ET_AL.sub("", text)
    text = re.sub(r"(?:…|\.\.\.)\s*(?=\w)", "", text)  # APA's "..., … Last, F."
    text = _BROKEN_HYPHEN.sub("-", text)  # "Martin- Facklam"
    text = strip_outer(" ".join(text.split()), " ,;:()[]")
    text = _ACRONYM_STOP.sub("", text)  # "WHO."
    return _END_STOPS.sub("", text).strip(" ,;:")


def _names_a_body(words: list[str]) -> bool:
    """Whether a word of the name (not an initial) is a head word of a body in the lists."""
    return any(word_tags(w) & _BODY_TAGS for w in words if not _INITIALS.match(w))


def is_organisation(text: str) -> bool:
    """Whether a name reads as a body rather than a person."""
    words = text.replace(",", " ").split()
    if not words:
        return False
    if len(words) == 1:
        return bool(_ACRONYM.match(words[0])) or _names_a_body(words) or len(words[0]) > 14
    if words[0] in ("The", "THE") or _names_a_body(words):
        return True
    if any(w.isalpha() and w.islower() and w not in NAME_PARTICLES for w in words[1:-1]):
        return True  # "Friends of the Earth", "Save the Children UK"
    if any(_INITIALS.match(w) and len(w) <= 3 for w in words):
        return False
    acronyms = any(_ACRONYM.match(w) and len(w) > 3 for w in words)
    return (acronyms and not _name_in_capitals(words)) or len(words) > 4


def _name_in_capitals(words: list[str]) -> bool:
    """Whether a name in capitals (a byline in small capitals) opens with a given name of
    the lexicon: "ALICE WALKER", "JULIE E. COHEN" are people, "GENERAL MOTORS" is not."""
    return all(w.isupper() for w in words) and "given" in word_tags(words[0])


def _is_given(part: str) -> bool:
    """Whether a comma-separated part looks like given names or initials only."""
    return bool(_INITIALS.match(part)) or is_suffix(part)


def _ends_senior_or_junior(words: list[str]) -> bool:
    """Whether a name ends with "Jr." or "Sr." (or "3rd"): a person's, never a body's."""
    last = _SUFFIX.fullmatch(words[-1].strip(",")) if words else None
    return bool(last) and not last["roman"]  # type: ignore[index]


def _suffix_apart(family: str) -> tuple[str, str]:
    """A family name written with its suffix before the given names (``Wimsatt Jr.``,
    inverted) as the family name and the suffix."""
    words = family.split()
    if len(words) > 1 and _ends_senior_or_junior(words):
        return " ".join(words[:-1]), words[-1].strip(",")
    return family, ""


def is_suffix(part: str) -> bool:
    """Whether a part is a generational suffix alone (``Jr.``, ``III``, ``3rd``)."""
    return bool(_SUFFIX.fullmatch(part.strip(" ,")))


def _person(text: str) -> dict[str, str]:
    """One name written without a comma: ``F. Last``, ``First Last`` or ``Last FM``, any
    of them followed by a generational suffix (``Miller ER 3rd``, ``Martin Luther King
    Jr.``)."""
    words = text.split()
    suffix = _SUFFIX.fullmatch(words[-1].strip(",")) if len(words) > 1 else None
    if suffix and (not suffix["roman"] or len(words) > 2):
        return {**_person(" ".join(words[:-1])), "suffix": words[-1].strip(",")}
    if len(words) == 1:
        return {"family": words[0]}
    if _VANCOUVER.match(words[-1]) and not _VANCOUVER.match(words[0]):
        return {"family": " ".join(words[:-1]), "given": words[-1]}
    if words[0].isalpha() and words[0].isupper() and len(words[0]) > 2 and not words[-1].isupper():
        return {"family": words[0].title(), "given": " ".join(words[1:])}
    if _particle(words[0], words[1]) and _surname_like(text):
        return {"family": text}  # "Le Roux", "Van der Berg": a family name alone
    k = len(words) - 1
    while k > 1 and (words[k - 1][:1].islower() or _particle(words[k - 1], words[k])):
        k -= 1  # "van", "de", "De", "DE JONG"
    return {"family": " ".join(words[k:]), "given": " ".join(words[:k])}


def _particle(word: str, after: str) -> bool:
    """Whether ``word`` is a particle of the family name ``after`` begins: one of
    :data:`_CAPITAL_PARTICLES` in any case, but in capitals only before a name in capitals
    ("DE JONG"; "DA Alexander" is initials and a name)."""
    return word.lower() in _CAPITAL_PARTICLES and (not word.isupper() or after.isupper())


def _parts(text: str) -> list[str]:
    """Comma-, semicolon- or 'and'-separated parts (in a ``;``-list, "and" or "&" separates
    as a semicolon: ``Gilbert, G.; & Asami, M.``)."""
    sep = ";" if ";" in text else ","
    text = _AND.sub(f"{sep} ", text)
    return [p.strip() if _is_given(p.strip()) else p.strip(" .") for p in text.split(sep)]


def _name_inverted(part: str) -> list[dict[str, str]]:
    """A ``;``-list item: ``Last, First``, a plain name, or a Vancouver list the semicolon
    joins to a group (``Roe AB, Lee C; the Harbour Study Group``)."""
    pieces = [p.strip() for p in part.split(",")]
    if _vancouver_list(pieces):
        return [_person(p) for p in pieces]
    return [_one_inverted(part)]


def _vancouver_list(parts: list[str]) -> bool:
    """Whether a comma list is names each followed by its initials (``Forster A, Brown L,
    Bank J``): people, whatever their family names mean ("Bank", "Court", "Staff"), since a
    body's name does not end in initials, part after part."""
    return len(parts) >= 2 and all(_initials_last(p) for p in parts)


def _initials_last(part: str) -> bool:
    """``Last FM``, ``van der Berg A``: two to four words, the last initials in capitals
    without points (not a suffix: ``Title II``), the first not, the others capitalised or
    name particles, no digits."""
    words = part.split()
    return (
        2 <= len(words) <= 4
        and bool(_VANCOUVER.match(words[-1]))
        and not is_suffix(words[-1])  # "Title II", "Smith III": no initials
        and not _VANCOUVER.match(words[0])
        and all(w[:1].isupper() or w.lower() in NAME_PARTICLES for w in words[:-1])
        and not any(ch.isdigit() for ch in part)
    )


def _one_inverted(part: str) -> dict[str, str]:
    """``Last, First`` (``Last, First, Jr.``) or a plain name."""
    if "," in part:
        fam, given = part.split(",", 1)
        given, _, suffix = given.rpartition(",") if "," in given else ("", "", given)
        if not is_suffix(suffix):
            given, suffix = f"{given},{suffix}" if given else suffix, ""
        name = {"family": fam.strip(), "given": given.strip(" ,")}
        return {**name, "suffix": suffix.strip()} if suffix.strip() else name
    return {"literal": part} if is_organisation(part) else _person(part)


def _surname_like(part: str) -> bool:
    """One word, or a few of which all but the last are name particles ("De Pryck",
    "van der Berg", "El Amin")."""
    words = part.split()
    if len(words) > 1 and _ends_senior_or_junior(words):
        words = words[:-1]  # "Wimsatt Jr., William"
    return len(words) == 1 or (
        len(words) <= 4
        and all(w.lower() in NAME_PARTICLES for w in words[:-1])
        and not _VANCOUVER.match(words[-1])  # "Du X": a name and its initials
    )


def reads_as_person(part: str) -> bool:
    """Whether a name written first name first reads as a person's (``Kate Jones``,
    ``Cass R. Sunstein``): :func:`_named`."""
    return _named(part)


def _named(part: str) -> bool:
    """Whether a part reads as a person's name in full: two to four words, each capitalised
    or a name particle, none naming a body or holding a digit (``Kate Jones``, ``Anna Maria
    van Dijk``)."""
    words = part.split()
    return (
        2 <= len(words) <= 4
        and all(w[:1].isupper() or w.lower() in NAME_PARTICLES for w in words)
        and not any(ch.isdigit() for ch in part)
        and not _names_a_body(words)
        and (not any(_ACRONYM.match(w) and len(w) > 3 for w in words) or _name_in_capitals(words))
    )


def _agency_and_office(parts: list[str]) -> bool:
    """Whether a name is acronyms only, an office's after its agency's ("USDA, FSIS",
    "DOE, ARPA-E", "DOC OIG"; with no "and" between them: "DOE and USDA" are two): one
    body, never a person's name in capitals. Initials run
    together without points are two letters at most ("HEMPEL, CG"); a word the lexicon
    knows as a given name is a person's ("SMITH, JOHN"), and without a comma so is a
    surname ("SMITH JAB")."""
    if len(parts) == 1:
        words = parts[0].split()
        return (
            len(words) > 1
            and all(_CAPITALS.fullmatch(w) and len(w) > 2 for w in words)
            and not any(word_tags(w) & {"given", "surname"} for w in words)
        )
    return all(_CAPITALS.fullmatch(p) for p in parts) and any(
        len(p) > 2 and "given" not in word_tags(p) for p in parts[1:]
    )


def _inverted(parts: list[str]) -> bool:
    """Whether a comma list is ``Last, First, Last, First``."""
    return (
        len(parts) > 1
        and _surname_like(parts[0])
        and (_is_given(parts[1]) or (len(parts[1].split()) <= 3 and not is_organisation(parts[1])))
    )


def split_names(segment: str) -> list[dict[str, str]]:
    """CSL name objects of one author or editor segment."""
    text = _clean(segment)
    if not text:
        return []
    parts = [p for p in _parts(text) if p]
    if ";" in text:
        return [name for p in parts for name in _name_inverted(p)]
    if _vancouver_list(parts):
        return [_person(p) for p in parts]
    words = text.replace(",", " ").split()
    # "Van der Berg and Li", "Kate Jones and Min Lee": names joined by "and" are people
    surnames = bool(_LIST_AND.search(text)) and all(_surname_like(p) or _named(p) for p in parts)
    if (
        not surnames
        and not _ends_senior_or_junior(words)
        and is_organisation(text)
        and ("," not in text or _names_a_body(words))
        and not _INITIALS_AFTER_COMMA.search(text)
    ):
        return [{"literal": text}]
    if _AND.search(text) is None and _agency_and_office(parts):
        return [{"literal": text}]
    inverted = "," in text and _inverted(parts)
    names: list[dict[str, str]] = []
    i = 0
    while i < len(parts):
        part, nxt = parts[i], parts[i + 1] if i + 1 < len(parts) else ""
        if names and is_suffix(part) and "suffix" not in names[-1]:
            names[-1]["suffix"] = part.strip(" ,")  # "King, Martin Luther, Jr."
            i += 1
            continue
        pair = _is_given(nxt) or (len(nxt.split()) <= 2 and _surname_like(part))
        if inverted and nxt and len(part.split()) <= 3 and pair:
            family, suffix = _suffix_apart(part)
            name = {"family": family, "given": nxt.strip(" ,")}
            names.append({**name, "suffix": suffix} if suffix else name)
            i += 2
            continue
        body = is_organisation(part) and not _ends_senior_or_junior(part.split())
        names.append({"literal": part} if body else _person(part))
        i += 1
    return names
