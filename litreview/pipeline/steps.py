"""One function per pipeline step over a :class:`~litreview.review.Review` (thin orchestration).

``run_tag`` tags the corpus, ``run_gaps`` finds gap statements and writes everything under
``gaps/`` (built in a staging folder, then swapped in, so a failure leaves ``gaps/`` as it
was), ``run_report`` does both and returns a summary.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from litreview.core import atomic
from litreview.core.errors import InputError, Problem
from litreview.core.model import Document, GapStatement, Tag, Work
from litreview.gaps.register import Gap, find_gaps, load_settings
from litreview.review import Review

__all__ = ["GapsResult", "TagResult", "run_gaps", "run_report", "run_tag", "write_tree"]


@dataclass(frozen=True, slots=True, kw_only=True)
class TagResult:
    """What ``run_tag`` did."""

    n_works: int
    n_tags: int
    untaggable: tuple[str, ...]
    problems: tuple[Problem, ...]
    tags: tuple[Tag, ...] = ()
    works: tuple[Work, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class GapsResult:
    """What ``run_gaps`` computed and wrote."""

    gaps: tuple[Gap, ...]
    statements: tuple[GapStatement, ...]
    files: tuple[str, ...]
    notices: tuple[str, ...] = ()


def _documents(review: Review) -> list[Document]:
    docs = review.load_documents()
    if not docs:
        raise InputError(
            "no documents ingested: run 'litreview ingest DOC...' first",
            path=str(review.documents_path),
        )
    return docs


def run_tag(review: Review, taxonomy: Any = None) -> TagResult:
    """Tag the corpus from its fields and citing contexts; write ``tags.csv``."""
    from litreview.corpus.curated_merges import apply_work_curation
    from litreview.tags.tagging import tag_corpus

    taxonomy = taxonomy or review.load_taxonomy()
    works, problems = review.load_works()
    if not works:
        raise InputError(
            "the corpus has no works: run 'litreview ingest' or 'litreview import' first",
            path=str(review.corpus_path),
        )
    docs = review.load_documents()
    texts, unread = {}, []
    for d in docs:
        try:
            texts[d.doc_id] = review.load_text(d)
        except InputError as exc:
            unread.append(
                Problem(
                    path=d.path,
                    line=None,
                    severity="warning",
                    message=f"document not read ({exc}); contexts matched as stored",
                )
            )
    curation, cur_problems = review.load_curation()
    curated = apply_work_curation(
        works,
        review.load_citations(),
        curation,
        path=str(review.curation_path),
        documents=docs,
        merged={m.merged for m in review.load_merges()},
    )
    result = tag_corpus(
        curated.works,
        curated.citations,
        texts,
        curated.documents,
        taxonomy,
        curation,
        curation_path=str(review.curation_path),
    )
    review.save_tags(result.tags)
    return TagResult(
        n_works=len(curated.works),
        n_tags=len(result.tags),
        untaggable=tuple(result.untaggable),
        problems=(*problems, *unread, *cur_problems, *curated.problems, *result.problems),
        tags=tuple(result.tags),
        works=tuple(curated.works),
    )


def find_all_statements(
    review: Review, taxonomy: Any, docs: Sequence[Document], texts: Mapping[str, str]
) -> list[GapStatement]:
    """Gap statements of every document (cues: the review's own file, else the packaged one)."""
    from litreview.gaps import statements as st

    cues = st.review_cues(review.read_gap_cues())
    found = [s for d in docs for s in st.find_statements(d.doc_id, texts[d.doc_id], cues, taxonomy)]
    return sorted(found, key=lambda s: (s.doc_id, s.char_start, s.char_end))


def run_gaps(review: Review, *, top: int = 10, taxonomy: Any = None) -> GapsResult:
    """Statements, register, briefs, map, EPPI export and figures under ``gaps/``."""
    from litreview.render.briefs import labels_of

    taxonomy = taxonomy or review.load_taxonomy()
    docs = _documents(review)
    texts = {d.doc_id: review.load_text(d) for d in docs}
    statements = find_all_statements(review, taxonomy, docs, texts)
    works, _ = review.load_works()
    tags = review.load_tags()
    notices = [] if tags else ["no tags yet: run 'litreview tag' (every cell counts as empty)"]
    labels = labels_of(taxonomy)
    settings = load_settings()
    gaps = find_gaps(
        statements,
        tags,
        works,
        taxonomy.facet_ids,
        labels=labels.values,
        settings=settings,
        any_values=getattr(taxonomy, "fallbacks", frozenset()),
        exclude_works={d.work_key for d in docs if d.work_key},
    )
    files = render_all(
        review, taxonomy, gaps, statements, works, tags, docs, top=top, thin_max=settings.thin_max
    )
    write_tree(review.gaps_dir, files, keep=lambda rel: not rel.startswith("briefs/"))
    return GapsResult(
        gaps=tuple(gaps),
        statements=tuple(statements),
        files=tuple(sorted(files)),
        notices=tuple(notices),
    )


def render_all(
    review: Review,
    taxonomy: Any,
    gaps: Sequence[Gap],
    statements: Sequence[GapStatement],
    works: Sequence[Work],
    tags: Sequence[Tag],
    docs: Sequence[Document],
    *,
    top: int,
    thin_max: int,
) -> dict[str, str | bytes]:
    """Every file under ``gaps/``, keyed by its path there."""
    from litreview.render import egm, eppi, gap_figures
    from litreview.render.briefs import labels_of, render_briefs
    from litreview.render.clusters import cluster_files
    from litreview.render.register import render_register

    title = next((d.title for d in docs if d.title), "") or review.root.resolve().name
    citations = review.load_citations()
    files: dict[str, str | bytes] = dict(render_register(gaps, statements, taxonomy.facet_ids))
    files.update(render_briefs(gaps, works, labels_of(taxonomy), top=top))
    under_review = {d.work_key for d in docs if d.work_key}  # not evidence about themselves
    data = egm.egm_data(
        title=f"Evidence and gap map: {title}",
        facets=taxonomy.facets,
        works=[w for w in works if w.key not in under_review],
        tags=tags,
        statements=statements,
        citations=citations,
        documents=docs,
        thin_max=thin_max,
    )
    files["map.html"] = egm.render_map(data)
    files["eppi-reviewer.json"] = eppi.eppi_json(taxonomy.facets, works, tags)
    frame = gap_figures.compute_statements_per_theme(gaps)
    if len(frame):
        files["figures/statements-per-theme.png"] = gap_figures.plot_statements_per_theme(frame)
    files.update(other_figures(taxonomy, tags, under_review))
    files.update(cluster_files(works, citations, statements, taxonomy.facet_ids))
    return files


def other_figures(
    taxonomy: Any, tags: Sequence[Tag], exclude: Collection[str] = ()
) -> dict[str, bytes]:
    """Coverage heatmaps, one per pair of facets (works in ``exclude`` are not counted)."""
    import itertools

    from litreview.gaps.coverage import coverage_matrix
    from litreview.render.figures import heatmap_png

    labels = {v.id: v.label for f in taxonomy.facets for v in f.values}
    out: dict[str, bytes] = {}
    for rows, cols in itertools.combinations(taxonomy.facets, 2):
        counts = coverage_matrix(
            [t for t in tags if t.work_key not in exclude],
            rows.id,
            cols.id,
            row_values=[v.id for v in rows.values],
            col_values=[v.id for v in cols.values],
        ).counts.rename_axis(index=rows.label, columns=cols.label)
        out[f"figures/coverage-{rows.id}-x-{cols.id}.png"] = heatmap_png(
            counts, title=f"Unique works: {rows.label} × {cols.label}", labels=labels, dpi=90
        )
    return out


def write_tree(
    target: Path,
    files: Mapping[str, str | bytes],
    *,
    keep: Callable[[str], bool] = lambda rel: True,
) -> None:
    """Replace folder ``target`` by ``files`` at once; old files that ``keep`` allows survive.

    The tree is built in a staging folder beside ``target`` and swapped in with two renames;
    if anything fails before the swap, ``target`` is left exactly as it was.
    """
    with atomic.staged_dir(target) as staged:
        if target.is_dir():
            for old in sorted(target.rglob("*")):
                rel = old.relative_to(target).as_posix()
                if (
                    old.is_file()
                    and rel not in files
                    and keep(rel)
                    and not old.name.startswith(".")
                ):
                    (staged / rel).parent.mkdir(parents=True, exist_ok=True)
                    shutil.copy2(old, staged / rel)
        for rel, content in files.items():
            path = staged / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
        _swap(staged, target)


def _swap(staged: Path, target: Path) -> None:
    if not target.exists():
        os.replace(staged, target)
        return
    old = Path(tempfile.mkdtemp(prefix=f".{target.name}.old.", dir=target.parent))
    os.rmdir(old)
    os.replace(target, old)
    try:
        os.replace(staged, target)
    except BaseException:
        os.replace(old, target)
        raise
    shutil.rmtree(old, ignore_errors=True)


def run_report(review: Review, *, top: int = 10) -> tuple[TagResult | None, GapsResult]:
    """Tag (when the corpus has works), then gaps; the results of both."""
    taxonomy = review.load_taxonomy()
    works, _ = review.load_works()
    tagged = run_tag(review, taxonomy) if works else None
    return tagged, run_gaps(review, top=top, taxonomy=taxonomy)
