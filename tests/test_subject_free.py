"""The package names no subject: the default review's topic lives in its data (taxonomy,
documents), never in the package's source (code, comments or docstrings)."""

from __future__ import annotations

import re

import yaml

from tests.conftest import ROOT


def subject_terms() -> set[str]:
    """The default review's words that name its subject: its facets' and values' ids made
    of several words (``khwaja_sira``-like), and its labels and synonyms of two words or
    more of four letters or more (a phrase such as "data on" names no subject)."""
    taxonomy = yaml.safe_load((ROOT / "bibliography" / "taxonomy.yaml").read_text("utf-8"))
    terms: set[str] = set()
    for facet in taxonomy["facets"]:
        ids = [facet["id"], *(v["id"] for v in facet["values"])]
        terms.update(i.lower() for i in ids if "_" in i)
        for value in facet["values"]:
            names = [value.get("label") or "", *(value.get("synonyms") or [])]
            for name in (n.lower() for n in names if isinstance(n, str)):
                if sum(len(w) >= 4 for w in re.findall(r"[a-z]+", name)) >= 2:
                    terms.add(name)
    return terms


def test_the_subject_terms_are_read() -> None:
    """The check below has words to look for (it cannot pass by reading nothing)."""
    assert len(subject_terms()) >= 50


def test_no_module_of_the_package_names_the_default_reviews_subject() -> None:
    terms = subject_terms()
    longest_first = sorted(terms, key=len, reverse=True)
    pattern = re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, longest_first)) + r")(?![\w-])")
    found = {
        f"{path.relative_to(ROOT)}: {m.group(0)}"
        for path in sorted((ROOT / "litreview").rglob("*.py"))
        for m in pattern.finditer(path.read_text("utf-8").lower())
    }
    assert not found, sorted(found)
