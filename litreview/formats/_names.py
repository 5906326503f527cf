"""Person names written as text ("Family, Given, Suffix"), as RIS and flat CSV hold them.

The family name keeps its particle ("van der Berg"); the particle is read back by BibTeX's
rule (the lower-case words before the last), so every format agrees on it.
"""

from __future__ import annotations

import re

from litreview.core.model import Person

__all__ = ["initials_first", "names_text", "particle_of", "text_person"]

# "A.", "A.S.", "J.-P.": a given name written as initials
_INITIAL = re.compile(r"[A-Z]\.(?:-?[A-Z]\.)*\Z")
# a word of a family name: capitalised ("Author-One", "Bobák", "O'Neil")
_FAMILY_WORD = re.compile(r"[^\W\d_][\w'’-]*\Z")


def particle_of(family: str) -> str:
    """The lower-case words that open a family name, before its last word ("van der")."""
    words = family.split()
    n = 0
    while n < len(words) - 1 and words[n][:1].islower():
        n += 1
    return " ".join(words[:n])


def text_person(family: str, given: str = "", suffix: str = "") -> Person:
    """A person from the parts of a "Family, Given, Suffix" name."""
    family = family.strip()
    return Person(
        family=family, given=given.strip(), suffix=suffix.strip(), particle=particle_of(family)
    )


def initials_first(value: str) -> Person | None:
    """A name written initials first without a comma (``G. Kalbe``, ``A. S. Z. Belloum``,
    ``M. van der Berg``, ``J. H. Laros III``: IEEE Xplore's RIS) as a person: the initials
    (and a middle name after them) are the given name, the last word with the lower-case
    particles before it the family name, a generational suffix the suffix. ``None`` for
    anything else, which stays as written (``J. Paul Getty Trust``, ``World Bank``)."""
    words = value.split()
    suffix = words.pop() if len(words) > 2 and words[-1] in _SUFFIXES else ""
    k = 0
    while k < len(words) and _INITIAL.match(words[k]):
        k += 1
    rest = words[k:]
    middle = rest[:1] if len(rest) >= 2 and not rest[0].islower() else []
    rest = rest[len(middle) :]
    n = 0
    while n < len(rest) - 1 and rest[n].islower():
        n += 1
    family = rest[n:]
    if not k or len(family) != 1 or any(w.islower() for w in middle):
        return None
    if not all(w[:1].isupper() and _FAMILY_WORD.match(w) for w in family + middle):
        return None
    return text_person(" ".join(rest), " ".join(words[:k] + middle), suffix)


_SUFFIXES = frozenset({"Jr.", "Jr", "Sr.", "Sr", "II", "III", "IV"})


def names_text(people: tuple[Person, ...] | list[Person]) -> str:
    """People as a BibTeX name list writes them: ``Family, Given`` joined by ``and``, an
    organisation braced (``{World Health Organization}``)."""
    return " and ".join(
        "{" + p.literal + "}" if p.literal else ", ".join(x for x in (p.family, p.given) if x)
        for p in people
    )
