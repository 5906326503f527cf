"""MODS ``name`` elements -> people, by role.

A personal name's ``namePart`` elements typed ``family``, ``given`` and
``termsOfAddress`` (a suffix such as "Jr.") make its parts; an untyped one is the whole
name ("West, Matthew," as catalogues write it; "Ann Lee"). A corporate, conference or
family name is an organisation. The role is the first ``roleTerm`` (code or text) that
:data:`~litreview.formats._mods_maps.ROLES` knows; a name without one is an author. What
else a name holds (dates, affiliations, identifiers, a role litreview has no place for) is
kept beside the name (``Roe, Ann: 1953-``).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from dataclasses import replace as _replace

from litreview.core.model import Person
from litreview.formats._mods_maps import ROLES
from litreview.formats._names import names_text, text_person
from litreview.formats._search import natural_name

__all__ = ["People", "read_people"]

_SPACE = re.compile(r"\s+")
_ORGANISATIONS = frozenset({"corporate", "conference", "family"})


@dataclass(frozen=True, slots=True)
class People:
    """The people of a record's names: authors, editors, and what is kept of the rest."""

    authors: tuple[Person, ...] = ()
    editors: tuple[Person, ...] = ()
    extra: list[tuple[str, str]] = field(default_factory=list)

    def with_host(self, host: People) -> People:
        """These people with the host's: its editors when the work names none, its
        authors as ``bookauthor``."""
        extra = list(self.extra)
        editors = self.editors or host.editors
        if self.editors and host.editors:
            extra.append(("MODS:relatedItem[host]/editor", _names(host.editors)))
        if host.authors:
            extra.append(("bookauthor", _names(host.authors)))
        return _replace(self, editors=editors, extra=extra + host.extra)


def _text(element: ET.Element | None) -> str:
    if element is None:
        return ""
    return _SPACE.sub(" ", "".join(element.itertext())).strip()


def read_people(names: list[ET.Element], prefix: str) -> People:
    """The people of ``names`` (``name`` elements), by role."""
    found: dict[str, list[Person]] = {"authors": [], "editors": [], "translator": []}
    extra: list[tuple[str, str]] = []
    for name in names:
        person = _person(name)
        shown = _shown(person)
        role, other = _role(name)
        if person is not None and role:
            found[role].append(person)
        elif person is not None:
            extra.append((f"{prefix}name[{other}]", shown))
        for child in name:
            local = child.tag if isinstance(child.tag, str) else ""
            kind = child.get("type") or ""
            if local in ("role",) or (local == "namePart" and kind != "date") or not _text(child):
                continue
            if local == "displayForm" and person is None:
                continue
            key = f"{prefix}name/{local}" + (f"[{kind}]" if kind else "")
            extra.append((key, f"{shown}: {_text(child)}" if shown else _text(child)))
    if found["translator"]:
        extra.append(("translator", _names(tuple(found["translator"]))))
    return People(tuple(found["authors"]), tuple(found["editors"]), extra)


def _person(name: ET.Element) -> Person | None:
    """The person (or organisation) a ``name`` names, or ``None``."""
    parts: dict[str, list[str]] = {}
    for part in name.findall("namePart"):
        if _text(part):
            parts.setdefault(part.get("type") or "", []).append(_text(part))
    whole = " ".join(parts.get("", []))
    if not parts or (set(parts) == {"date"}):
        display = _text(name.find("displayForm"))
        return Person(literal=display) if display else None
    if (name.get("type") or "") in _ORGANISATIONS:
        return Person(literal=". ".join(parts.get("", []) + parts.get("family", [])))
    family = " ".join(parts.get("family", []))
    given = " ".join(parts.get("given", []) + ([whole] if family and whole else []))
    suffix = " ".join(parts.get("termsOfAddress", []))
    if family:
        return text_person(family, given, suffix)
    if "," in whole:
        last, _, first = whole.rstrip(",").partition(",")
        return text_person(last.strip(), (first.strip() + " " + given).strip(), suffix)
    if whole and name.get("type") == "personal":
        return _replace(natural_name(whole), suffix=suffix)
    return Person(literal=" ".join(x for x in (given, whole) if x)) if given or whole else None


def _role(name: ET.Element) -> tuple[str, str]:
    """(where the name's people go, ``""`` for a role kept as it is; that role's name)."""
    terms = [_text(t) for t in name.findall("role/roleTerm") if _text(t)]
    if not terms:
        return "authors", ""
    for term in terms:
        if term.lower() in ROLES:
            return ROLES[term.lower()], ""
    return "", terms[-1]


def _shown(person: Person | None) -> str:
    if person is None:
        return ""
    return person.literal or ", ".join(x for x in (person.family, person.given) if x)


def _names(people: tuple[Person, ...]) -> str:
    """People as a BibTeX name list writes them (an organisation braced)."""
    return names_text(people)
