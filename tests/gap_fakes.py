"""Small fake inputs for the gap tests: statements, tags and works."""

from __future__ import annotations

from types import SimpleNamespace

from litreview.core.model import Evidence, GapStatement, Tag, Work

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
