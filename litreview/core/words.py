"""Words for counts: ``plural(1, "work")`` is ``"1 work"``, ``plural(3, "work")`` ``"3 works"``."""

from __future__ import annotations

__all__ = ["plural"]

_IRREGULAR = {"was": "were", "is": "are", "has": "have", "covers": "cover", "this": "these"}


def plural(n: int, noun: str, many: str | None = None) -> str:
    """``n`` and ``noun``, the noun in the plural unless ``n`` is 1 (``many``: its plural when
    adding ``s`` is wrong)."""
    return f"{n} {noun if n == 1 else many or _IRREGULAR.get(noun) or _s(noun)}"


def _s(noun: str) -> str:
    if noun.endswith(("s", "x", "ch", "sh")):
        return noun + "es"
    if noun.endswith("y") and noun[-2:-1] not in "aeiou":
        return noun[:-1] + "ies"
    return noun + "s"
