"""Person names written as text ("Family, Given, Suffix"), as RIS and flat CSV hold them.

The family name keeps its particle ("van der Berg"); the particle is read back by BibTeX's
rule (the lower-case words before the last), so every format agrees on it.
"""

from __future__ import annotations

from litreview.core.model import Person

__all__ = ["particle_of", "text_person"]


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
