"""Split an author/editor segment of a reference into CSL name objects.

Persons become ``{"family", "given"}``; corporate authors (UNODC, "Aurat Foundation",
"Global Initiative against Transnational Organised Crime") become ``{"literal"}``.
Handles ``Last, F.`` lists, ``F. Last`` lists, Vancouver ``Last FM`` and ``;``-lists.
"""

from __future__ import annotations

import re

__all__ = ["NAME_PARTICLES", "is_organisation", "names_a_body", "split_names", "strip_outer"]

_ORG_TERMS = (
    r"(?i:\b(organi[sz]ations?|foundation|institut\w*|office|ministry|minist[eèé]r\w*|bank|"
    r"commission|nations|council|department|agency|association|society|centre|center|"
    r"government|committee|union|"
    r"programme|program|fund|bureau|authority|secretariat|group|initiatives?|international|"
    r"world|national|corporation|company|inc|ltd|news|press|service|forum|network|trust|"
    r"coalition|alliance|observatory|watch|consortium|board|court|parliament|assembly|police|"
    r"universit\w+|college|school|project|federation|league|federal|state|republic|"
    r"administration|unit|division|team|staff|research|policy|development|rights|times|"
    r"daily|post|agence|bundes\w*|fondation|stiftung|working group|helpdesk|"
    r"partnership|platform|taskforce|task force|"
    # the same bodies in the other languages references are written in
    r"conseil|consejo|consiglio|conselho|istituto|secretar[ií]a|gobierno|"
    r"governo|gouvernement|comisi[oó]n|comiss[aã]o|commissione|oficina|defensor[ií]a|"
    r"observatori\w*|fundaci[oó]n|funda[cç][aã]o|fondazione|asociaci[oó]n|associa[cç][aã]o|"
    r"associazione|agencia|agenzia|direction|direcci[oó]n|direzione|banco|banque|tribunal|"
    r"senado|s[ée]nat|senato|asamblea|assembl[ée]e|congreso|parlamento|parlement|"
    r"polic[ií]a|polizia|universidad|universidade|amt|kommission|verband|"
    r"verein|gesellschaft|zentrum|centro)\b)"
)
_ORG_WORDS = re.compile(_ORG_TERMS + r"|\b[A-Z]{2,}s?\b")
_ORG_TERM = re.compile(_ORG_TERMS)
_ACRONYM = re.compile(r"^[A-Z][A-Z0-9]{1,7}$")
_EDITOR_CUES = re.compile(
    r"^\s*(?:in:?\s+)|\(?\b(?:eds?|editors?|edited by|hrsg|hg|éds?|dir|coord|trans|"
    r"translated by|comp)\b\.?\)?,?",
    re.I,
)
_ET_AL = re.compile(r",?\s*\b(?:et\s*al|and others|u\.\s*a)\b\.?", re.I)
_INITIALS = re.compile(r"^(?:[A-ZÀ-Þ][a-zà-ÿ]?\.?[\s\-]*){1,4}$")
_VANCOUVER = re.compile(r"^[A-ZÀ-Þ]{1,3}$")
_SUFFIX = {"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"}
_CAPITAL_LINKS = frozenset({"Against", "For", "Of", "On", "In", "The", "To", "With", "Without"})
NAME_PARTICLES = frozenset(
    {
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
    }
)


def strip_outer(text: str, chars: str) -> str:
    """``text.strip(chars)`` that keeps a closing bracket whose opening one is kept
    (``Body (ACR)`` keeps its ``)``)."""
    prev = None
    while prev != text:
        prev = text
        text = text.lstrip(chars)
        end = len(text)
        while end and text[end - 1] in chars:
            ch = text[end - 1]
            if ch in ")]" and text.count("(["[ch == "]"], 0, end - 1) > text.count(ch, 0, end - 1):
                break
            end -= 1
        text = text[:end]
    return text


def _clean(text: str) -> str:
    """Drop editor cues, 'et al.' and outer punctuation."""
    text = _EDITOR_CUES.sub(" ", text)
    text = _ET_AL.sub("", text)
    text = re.sub(r"-\s+(?=[a-zà-ÿA-Z])", "-", text)  # "Martin- Facklam"
    text = strip_outer(" ".join(text.split()), " ,;:()[]")
    return re.sub(r"(?<![A-ZÀ-Þ])\.+$", "", text).strip(" ,;:")


def _acronym_led_body(words: list[str]) -> bool:
    """``ACR Capitalised Words ... Group``: an all-caps acronym (no full stops) leading more
    words, none of them initials, that name a body (an organisation word, or a lower-case
    word inside the name) - not a surname in capitals before given names."""
    if len(words) < 2 or not _ACRONYM.match(words[0]):
        return False
    rest = words[1:]
    if any(_INITIALS.match(w) and len(w) <= 3 and not _ACRONYM.match(w) for w in rest):
        return False
    if any(w.isalpha() and w.islower() and w not in NAME_PARTICLES for w in rest[:-1]):
        return True
    return bool(_ORG_TERM.search(" ".join(rest)))


def names_a_body(text: str) -> bool:
    """Whether ``text`` holds a word that names a body (Commission, Ministerio, Institut)."""
    return bool(_ORG_TERM.search(text))


def is_organisation(text: str) -> bool:
    """Whether a name reads as a corporate author rather than a person."""
    words = text.replace(",", " ").split()
    if not words:
        return False
    if len(words) == 1:
        return (words[0].isupper() and len(words[0]) > 1) or len(words[0]) > 14
    if _acronym_led_body(words):
        return True  # "AFI Standards Working Group", "IDS Knowledge and learning for Development"
    if words[0] in ("The", "THE") or any(w in _CAPITAL_LINKS for w in words[1:-1]):
        return True  # "The Economist", "THE GUARDIAN", "Stop Violence Against Women"
    if any(w.isalpha() and w.islower() and w not in NAME_PARTICLES for w in words[1:-1]):
        return True  # "Hands off Cain", "Friends of the Earth", "Save the Children UK"
    if any(_INITIALS.match(w) and len(w) <= 3 for w in words):
        return False
    return bool(_ORG_WORDS.search(text)) or len(words) > 4


def _is_given(part: str) -> bool:
    """Whether a comma-separated part looks like given names/initials only."""
    return bool(_INITIALS.match(part)) or part.lower() in _SUFFIX


def _person(text: str) -> dict[str, str]:
    """One name written without a comma: ``F. Last``, ``First Last`` or ``Last FM``."""
    words = text.split()
    if len(words) == 1:
        return {"family": words[0]}
    if _VANCOUVER.match(words[-1]) and not _VANCOUVER.match(words[0]):
        return {"family": " ".join(words[:-1]), "given": words[-1]}
    if words[0].isalpha() and words[0].isupper() and len(words[0]) > 2 and not words[-1].isupper():
        return {"family": words[0].title(), "given": " ".join(words[1:])}
    k = len(words) - 1
    while k > 1 and words[k - 1][:1].islower():  # "van", "de"
        k -= 1
    return {"family": " ".join(words[k:]), "given": " ".join(words[:k])}


def _parts(text: str) -> list[str]:
    """Comma/semicolon/'and' separated parts."""
    text = re.sub(r"\s+(?:&|and|und|et|y|e)\s+", ", ", text)
    sep = ";" if ";" in text else ","
    return [
        p.strip(" .") if not _is_given(p.strip()) else p.strip()
        for p in text.split(sep)
        if p.strip(" .")
    ]


def split_names(segment: str) -> list[dict[str, str]]:
    """CSL name objects of one author or editor segment."""
    text = _clean(segment)
    if not text:
        return []
    if (
        is_organisation(text)
        and ("," not in text or _ORG_WORDS.search(text))
        and not re.search(r",\s*[A-Z]\.", text)
    ):
        return [{"literal": re.sub(r"(\b[A-Z]{2,})\.$", r"\1", text)}]  # "UNESCO."
    parts = _parts(text)
    if ";" in text:
        return [_name_inverted(p) for p in parts]
    names: list[dict[str, str]] = []
    inverted = (
        "," in text
        and len(parts) > 1
        and len(parts[0].split()) == 1
        and (_is_given(parts[1]) or (len(parts[1].split()) <= 3 and not is_organisation(parts[1])))
    )
    i = 0
    while i < len(parts):
        part = parts[i]
        nxt = parts[i + 1] if i + 1 < len(parts) else ""
        if (
            inverted
            and nxt
            and len(part.split()) <= 3
            and (_is_given(nxt) or (len(nxt.split()) <= 2 and len(part.split()) == 1))
        ):
            names.append({"family": part, "given": nxt.strip(" ,")})
            i += 2
            continue
        names.append({"literal": part} if is_organisation(part) else _person(part))
        i += 1
    return names


def _name_inverted(part: str) -> dict[str, str]:
    """A ``;``-list item: ``Last, First`` or a plain name."""
    if "," in part:
        fam, given = part.split(",", 1)
        return {"family": fam.strip(), "given": given.strip(" ,")}
    return {"literal": part} if is_organisation(part) else _person(part)
