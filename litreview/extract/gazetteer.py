"""Place names for the reference parser's field repairs (``data/places.txt``: countries,
capitals, US states and cities from GeoNames, written by ``benchmarks/make_places.py``).

:func:`is_place` says whether a field value names places only (``Islamabad, Pakistan``). A
name on its own counts only when it is a country, capital or state, since many towns share
a publisher's name (Greenwood, Hurst, Lexington).
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

__all__ = ["is_place"]

_STRIP = ".,;:()[]{}<>\"'“”‘’«»*!?"


def _key(name: str) -> str:
    """A name as places are keyed: words lower-cased, outer punctuation stripped."""
    return " ".join(w for w in (w.strip(_STRIP).lower() for w in name.split()) if w)


@lru_cache(maxsize=1)
def _places() -> tuple[frozenset[str], frozenset[str]]:
    """Every name, and the major names (countries, capitals, states), as keys."""
    text = resources.files("litreview").joinpath("data/places.txt").read_text(encoding="utf-8")
    names: set[str] = set()
    major: set[str] = set()
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        name, _, mark = line.partition("\t")
        key = _key(name)
        names.add(key)
        if mark == "major":
            major.add(key)
    names.discard("")
    return frozenset(names), frozenset(major)


def is_place(text: str, *, towns: bool = False) -> bool:
    """Whether ``text`` names places only: a major place (``Pakistan``, ``London``), or known
    places separated by commas whose last is a major one (``Islamabad, Pakistan``). With
    ``towns``, any known place may come last (``Wiesbaden``): for a caller that knows the
    text is not a publisher's name."""
    names, major = _places()
    parts = [_key(p) for p in text.split(",")]
    return all(p in names for p in parts) and (towns or parts[-1] in major)
