"""Small fake inputs for the gap tests: statements, tags and works."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace
from typing import Any

from litreview.core.model import Document, Evidence, GapStatement, Person, Tag, Work

FACETS = ("crime_type", "group", "gender_dimension")


def stmt(
    start: int,
    *,
    doc: str = "d1",
    section: str = "Body",
    strength: str = "explicit",
    crime: tuple[str, ...] = (),
    group: tuple[str, ...] = (),
    dim: tuple[str, ...] = (),
) -> GapStatement:
    """A fake statement at ``start``."""
    return GapStatement(
        doc_id=doc,
        char_start=start,
        char_end=start + 10,
        section=section,
        quote=f"quote {start}",
        facets=(("crime_type", crime), ("group", group), ("gender_dimension", dim)),
        strength=strength,
    )


def tag(work: str, facet: str, value: str) -> Tag:
    """A fake tag."""
    return Tag(
        work_key=work, facet=facet, value=value, source="title", evidence=Evidence(quote=value)
    )


def titled(work: str, facet: str, value: str, words: str) -> Tag:
    """A tag from ``words`` of the work's title."""
    return Tag(
        work_key=work,
        facet=facet,
        value=value,
        source="rule:field:title:0",
        evidence=Evidence(quote=words, field="title"),
    )


def corpus() -> tuple[list[Tag], list[Work]]:
    """Ten works on drugs and women; one on laundering; two on a minority group."""
    tags, works = [], []
    for n in range(10):
        key = f"w{n}"
        works.append(Work(key=key, issued=str(2010 + n), title=f"Drugs study {n}"))
        tags += [tag(key, "crime_type", "drugs"), tag(key, "group", "women")]
    works.append(Work(key="ml1", issued="2005", title="Laundering"))
    tags.append(tag("ml1", "crime_type", "laundering"))
    for key in ("m1", "m2"):
        works.append(Work(key=key, issued="2019", title="Minority lives"))
        tags.append(tag(key, "group", "minority"))
    return tags, works


def statements() -> list[GapStatement]:
    """Two statements on laundering and women, one on drugs and women, one on the minority."""
    return [
        stmt(100, crime=("laundering",), group=("women",), dim=("impact",)),
        stmt(200, crime=("laundering",), group=("women",), strength="implicit"),
        stmt(300, crime=("drugs",), group=("women",)),
        stmt(400, group=("minority",), section="Conclusion"),
    ]


def taxonomy() -> SimpleNamespace:
    """A fake taxonomy with labels and descriptions."""

    def value(i: str, label: str) -> SimpleNamespace:
        return SimpleNamespace(id=i, label=label, description=f"About {label.lower()}.")

    return SimpleNamespace(
        facets=(
            SimpleNamespace(
                id="crime_type",
                label="Crime type",
                description="",
                values=(value("drugs", "Drugs"), value("laundering", "Laundering")),
            ),
            SimpleNamespace(
                id="group",
                label="Group",
                description="",
                values=(value("women", "Women"), value("minority", "Minority")),
            ),
            SimpleNamespace(
                id="gender_dimension",
                label="Dimension",
                description="",
                values=(value("impact", "Impact"),),
            ),
        )
    )


CLIMATE = ("hazard", "population", "outcome")


def climate(*, title: str = "Urban Heat and Health", evil: str = "") -> dict[str, Any]:
    """A small real-shaped register on the fixture review's taxonomy: the statements the
    detector finds in its documents (with the words naming each value), three works tagged
    with evidence, and the context the renderings use. ``evil`` is put into the first
    document's text, a document title and a work's title (escaping tests)."""
    from litreview.gaps.coverage import best_evidence
    from litreview.gaps.index import load_settings
    from litreview.gaps.register import find_gaps
    from litreview.gaps.statements import default_cues, find_statements
    from litreview.render.context import GapContext
    from litreview.taxonomy import labels_of, load_taxonomy

    root = Path(__file__).resolve().parent / "fixture_review"
    taxonomy = load_taxonomy((root / "bibliography" / "taxonomy.yaml").read_text("utf-8"))
    texts = {p.stem: p.read_text("utf-8") for p in sorted((root / "documents").glob("*.txt"))}
    if evil:
        texts["heat_brief"] = texts["heat_brief"].replace(
            "There is a lack of data", f"{evil} There is a lack of data"
        )
    settings = load_settings()
    cues = default_cues()
    statements = [s for d, t in texts.items() for s in find_statements(d, t, cues, taxonomy)]
    works = [
        Work(
            key="mendes2018",
            issued="2018",
            title="Heat stroke admissions in southern Europe",
            authors=(Person(family="Mendes", given="R."),),
            container="Journal of Urban Health",
        ),
        Work(
            key="wws2021",
            issued="2021",
            title=f"Heatwaves and mortality in older adults{evil}",
            authors=(Person(literal="World Weather Service"),),
        ),
        Work(
            key="rba2020",
            issued="2020",
            title="Floods and Families",
            authors=(Person(literal="River Basin Authority"),),
        ),
    ]
    tags = [
        titled("mendes2018", "hazard", "heat", "Heat"),
        titled("mendes2018", "population", "older_people", "older people"),
        titled("wws2021", "hazard", "heat", "Heat"),
        titled("wws2021", "population", "older_people", "older adults"),
        titled("wws2021", "outcome", "mortality", "mortality"),
        titled("rba2020", "hazard", "flood", "Floods"),
    ]
    gaps = find_gaps(statements, tags, works, CLIMATE, labels=labels_of(taxonomy).values)
    docs = {
        d: Document(doc_id=d, title=f"{title}{evil}" if d == "heat_brief" else d) for d in texts
    }
    ctx = GapContext(
        labels=labels_of(taxonomy),
        documents=docs,
        citations={w.key: f"{w.title} ({w.year})." for w in works},
        evidence=best_evidence(tags),
        settings=settings,
    )
    return {
        "gaps": gaps,
        "ctx": ctx,
        "statements": statements,
        "texts": texts,
        "works": works,
        "tags": tags,
        "taxonomy": taxonomy,
        "settings": settings,
    }
