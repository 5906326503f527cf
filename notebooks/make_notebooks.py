"""Write the notebooks of this folder, outputs stripped: ``python3 notebooks/make_notebooks.py``.

The notebooks are generated so that they stay thin and consistent; edit the cells here.
"""

# ruff: noqa: E501  (document text and notebook cells read better unwrapped)

from __future__ import annotations

from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

HERE = Path(__file__).resolve().parent

SETUP = """\
import os
from pathlib import Path

from IPython.display import HTML, Image, Markdown, display

# The review this notebook reads: $LITREVIEW_REVIEW, else the repository root (the default review).
REVIEW = Path(os.environ.get("LITREVIEW_REVIEW") or Path.cwd().parent).resolve()
os.environ["LITREVIEW_REVIEW"] = str(REVIEW)
print("review:", REVIEW)"""

OPEN = """\
from litreview.notebook.corpus import open_review
from litreview.notebook import helpers as nh

corpus = open_review(REVIEW)
taxonomy = nh.taxonomy_of(corpus)
print(f"{len(corpus.works)} works, {len(corpus.documents)} documents, "
      f"{len(corpus.citations)} citation rows, {len(corpus.tags)} tags, "
      f"{len(corpus.statements)} gap statements")"""

NOTEBOOKS: dict[str, list[tuple[str, str]]] = {
    "01-corpus": [
        (
            "md",
            "# 01 · The corpus\n\nThe review's works as a DataFrame, where each work is cited, "
            "the duplicates that were merged and why, and importing a bibliography.\n\n"
            "Set `LITREVIEW_REVIEW` to run this notebook on your own review folder. "
            "Nothing here writes into the review.",
        ),
        ("code", SETUP),
        ("code", OPEN),
        ("md", "## The works"),
        ("code", "corpus.works_df.head(15)"),
        ("code", "corpus.works_df['type'].value_counts()"),
        ("md", "## The documents under review"),
        ("code", "corpus.documents_df"),
        ("md", "## The most cited works, and where one is cited"),
        ("code", "top = corpus.most_cited(10)\ntop"),
        (
            "code",
            "ax = top.set_index('work_key')['citations'].iloc[::-1].plot.barh(\n"
            "    figsize=(7, 4), title='Citation rows per work (top 10)')\n"
            "display(Image(nh.png(ax.figure)))",
        ),
        (
            "code",
            "key = top.loc[0, 'work_key']\nprint(corpus.work(key).title)\ncorpus.cited_in(key)",
        ),
        (
            "md",
            "## Duplicates found, and why they merged\n\n`reason` is the evidence "
            "(identifier, title similarity); `score` its strength.",
        ),
        ("code", "corpus.merges_df"),
        (
            "md",
            "## Import a bibliography from a file\n\nHere in memory: a BibTeX file written to "
            "a temporary folder is read and deduplicated against the corpus. On the command "
            "line `litreview import FILE --review DIR` does the same and saves the result.",
        ),
        (
            "code",
            "import tempfile\nfrom litreview.formats import read_file, writer_for\n"
            "from litreview.corpus.dedup import merge_into\n\n"
            "bib = Path(tempfile.mkdtemp()) / 'sample.bib'\n"
            "bib.write_text(writer_for('bibtex')(corpus.works[:5]), encoding='utf-8')\n"
            "incoming, problems = read_file(bib)\n"
            "result = merge_into(corpus.works, incoming)\n"
            "print(f'{len(incoming)} read, {len(problems)} problem(s); '\n"
            "      f'corpus would have {len(result.works)} works')\n"
            "display(result.key_map)\n"
            "[(m.kept, m.merged, m.reason, m.score) for m in result.merges]",
        ),
    ],
    "02-tags-and-evidence": [
        (
            "md",
            "# 02 · Tags and their evidence\n\nEvery tag says why: the quoted text, and where "
            "it is (document and offsets) or which field of the work it came from.",
        ),
        ("code", SETUP),
        ("code", OPEN),
        (
            "code",
            "tags = corpus.tags_df\n"
            "tags[['work_key', 'facet', 'value', 'kind', 'evidence', 'doc_id']].head(20)",
        ),
        (
            "md",
            "## Tags by source\n\n`rule` tags come from the taxonomy's phrases, `curator` "
            "tags from `curation.yaml`; suggestions (a classifier's guesses) are kept apart "
            "until a curator accepts them.",
        ),
        (
            "code",
            "by_source = tags.groupby(['facet', 'kind'])['work_key'].nunique().unstack("
            "fill_value=0)\nby_source",
        ),
        (
            "code",
            "ax = by_source.plot.bar(figsize=(7, 4), title='Tagged works by facet and source')\n"
            "display(Image(nh.png(ax.figure)))",
        ),
        (
            "code",
            "from litreview.notebook.frames import tags_frame\ntags_frame(corpus.suggestions).head(10)",
        ),
        (
            "md",
            "## Check a quote against its document\n\n`text[char_start:char_end]` is the "
            "evidence, always.",
        ),
        (
            "code",
            "in_docs = tags.dropna(subset=['char_start'])\nin_docs = in_docs[in_docs['doc_id'] != '']\n"
            "docs = {d.doc_id: d for d in corpus.documents}\n"
            "row = in_docs.iloc[0]\n"
            "text = corpus.review.load_text(docs[row.doc_id])\n"
            "print(repr(text[row.char_start:row.char_end]), '==', repr(row.evidence))",
        ),
        (
            "md",
            "## Correct a tag through `curation.yaml`\n\nA curator removes a tag and adds "
            "another in `bibliography/curation.yaml`; here the same YAML is applied in "
            "memory, so the file is not touched.",
        ),
        (
            "code",
            "work = corpus.tags[0].work_key\nfacet = taxonomy.facets[0]\n"
            "have = {t.value for t in corpus.tags if t.work_key == work and t.facet == facet.id}\n"
            "other = next((v for v in facet.value_ids if v not in have), facet.value_ids[0])\n"
            "removed = next(t for t in corpus.tags if t.work_key == work)\n"
            "curation_yaml = f'''\\\ntags:\n  add:\n"
            '    - {{work: {work}, facet: {facet.id}, value: {other}, reason: "read the report"}}\n'
            "  remove:\n"
            "    - {{work: {work}, facet: {removed.facet}, value: {removed.value}, "
            "reason: \"not about this\"}}\n'''\nprint(curation_yaml)",
        ),
        (
            "code",
            "curated, problems = nh.curated_tags(corpus, curation_yaml, taxonomy)\n"
            "print('problems:', problems)\nnh.tag_changes(corpus.tags, curated)",
        ),
    ],
    "03-coverage": [
        (
            "md",
            "# 03 · Coverage\n\nUnique works per pair of facet values: white cells are "
            "where the corpus says nothing. Counted as the register, the map and "
            "`litreview coverage` count: works cited by or imported into the review, never "
            "the documents under review.",
        ),
        ("code", SETUP),
        ("code", OPEN),
        (
            "code",
            "counted = nh.evidence_tags(corpus)\n"
            "print(len(counted), 'of', len(corpus.tags), 'tag rows count')",
        ),
        ("md", "## A heatmap for each pair of facets"),
        (
            "code",
            "for name, image in nh.coverage_heatmaps(counted, taxonomy).items():\n"
            "    print(name)\n    display(Image(image))",
        ),
        ("md", "## The cube: every combination of values that some work has"),
        (
            "code",
            "from litreview.gaps.coverage import coverage_cube, coverage_matrix, select_works\n\n"
            "cube = coverage_cube(counted, taxonomy.facet_ids)\ncube.head(15)",
        ),
        (
            "code",
            "first = taxonomy.facet_ids[0]\nvalue = cube[first].value_counts().index[0]\n"
            "print(f'slice {first}={value}')\nnh.cube_slice(cube, **{first: value}).head(10)",
        ),
        ("md", "## Filters: one document's sources, a range of years"),
        (
            "code",
            "from collections import Counter\n\n"
            "cites = Counter(c.doc_id for c in corpus.citations)\n"
            "doc = max(corpus.documents, key=lambda d: cites[d.doc_id]).doc_id\n"
            "in_doc = select_works(corpus.works, corpus.citations, doc=doc)\n"
            "print(doc, len(in_doc), 'works')\n"
            "for image in list(nh.coverage_heatmaps(counted, taxonomy, "
            "works=in_doc).values())[:1]:\n    display(Image(image))",
        ),
        (
            "code",
            "recent = select_works(corpus.works, year_from=2015)\n"
            "rows, cols = taxonomy.facet_ids[:2]\n"
            "coverage_matrix([t for t in counted if t.work_key in recent], rows, cols)"
            ".counts",
        ),
    ],
    "04-clusters": [
        (
            "md",
            "# 04 · Clusters\n\nWorks and gap statements grouped by their words (TF-IDF, "
            "LSA, k-means from fixed seeds): keywords, stability across seeds, a 2-D map.",
        ),
        ("code", SETUP),
        ("code", OPEN),
        (
            "code",
            "from litreview.gaps.cluster import cluster_texts, statement_texts, work_texts\n"
            "from litreview.render.cluster_figures import cluster_map_png\n\n"
            "keys, texts = work_texts(corpus.works, corpus.citations)\n"
            "works_clusters = cluster_texts(texts, keys, random_state=0)\n"
            "print(f'k={works_clusters.k}  stability (mean ARI)={works_clusters.stability:.2f}  '\n"
            "      f'silhouette={works_clusters.silhouette:.2f}')\n"
            "nh.cluster_table(works_clusters)",
        ),
        ("code", "display(Image(cluster_map_png(works_clusters, title='Works by theme', dpi=80)))"),
        ("md", "## Gap statements"),
        (
            "code",
            "ids, texts = statement_texts(corpus.statements, taxonomy.facet_ids)\n"
            "if len(texts) >= 2:\n"
            "    stmt_clusters = cluster_texts(texts, ids, random_state=0)\n"
            "    print(f'k={stmt_clusters.k}  stability={stmt_clusters.stability:.2f}')\n"
            "    display(nh.cluster_table(stmt_clusters))\n"
            "    display(Image(cluster_map_png(stmt_clusters, title='Gap statements', dpi=80)))\n"
            "else:\n    print('fewer than two gap statements: run litreview report first')",
        ),
    ],
    "05-gaps": [
        (
            "md",
            "# 05 · Gaps\n\nThe ranked register, computed here from the corpus as "
            "`litreview gaps` computes it; each gap's statements, sources and `why`; the "
            "study briefs; and how a change in the corpus changes the ranking.",
        ),
        ("code", SETUP),
        ("code", OPEN),
        (
            "code",
            "gaps = nh.rank_gaps(corpus, taxonomy)\nregister = nh.ranking_frame(gaps)\n"
            "register.head(15)",
        ),
        (
            "code",
            "from litreview.render.gap_figures import compute_statements_per_theme, "
            "plot_statements_per_theme\n\nper_theme = compute_statements_per_theme(gaps)\n"
            "if len(per_theme):\n    display(Image(plot_statements_per_theme(per_theme)))\n"
            "else:\n    print('no stated gaps in this review')",
        ),
        ("md", "## One gap: statements, sources and why"),
        (
            "code",
            "if gaps:\n    best = gaps[0]\n    print(best.title, '|', best.status)\n"
            "    print('why:', best.why)\n    print('sources:', ', '.join(best.sources) "
            "or '(none: nothing in the corpus covers it)')\n"
            "    display(nh.gap_statements(best))",
        ),
        ("md", "## Study briefs"),
        (
            "code",
            "briefs = nh.study_briefs(corpus, gaps, taxonomy, top=3)\n"
            "for name, text in list(briefs.items())[:1]:\n"
            "    print(name)\n    display(Markdown(text))",
        ),
        (
            "md",
            "## How a change in the corpus changes the ranking\n\nDrop the sources of the "
            "top gap (or, if it has none, the most cited works) and rank again.",
        ),
        (
            "code",
            "if gaps and gaps[0].sources:\n    dropped = list(gaps[0].sources)\n"
            "else:\n    dropped = list(corpus.most_cited(3)['work_key'])\n"
            "changed = nh.rank_gaps(nh.without_works(corpus, dropped), taxonomy)\n"
            "print('dropped:', dropped)\n"
            "comparison = nh.compare_rankings(gaps, changed)\n"
            "comparison[comparison['change'] != 'same'].head(15)",
        ),
    ],
    "06-export": [
        (
            "md",
            "# 06 · Exports for librarians\n\nA tagged slice of the corpus to BibTeX, RIS "
            "and CSL-JSON (what Zotero imports), and a formatted bibliography. Files go to a "
            "temporary folder, never into the review.",
        ),
        ("code", SETUP),
        ("code", OPEN),
        (
            "code",
            "import tempfile\n\nOUT = Path(tempfile.mkdtemp(prefix='litreview-export-'))\n"
            "facet, value = corpus.tags_df.groupby(['facet', 'value'])['work_key'].nunique()"
            ".idxmax()\nwhere = f'{facet}={value}'\nprint('slice:', where)",
        ),
        (
            "code",
            "for fmt, suffix in [('bibtex', 'bib'), ('ris', 'ris'), ('csljson', 'json')]:\n"
            "    text = nh.export_slice(corpus, [where], fmt)\n"
            "    (OUT / f'slice.{suffix}').write_text(text, encoding='utf-8')\n"
            "    print(f'--- {fmt}: {len(text)} characters; first lines:')\n"
            "    print('\\n'.join(text.splitlines()[:8]))",
        ),
        ("md", "## The same from the command line"),
        (
            "code",
            "from litreview.cli import main\n\n"
            "status = main(['export', '--format', 'ris', '--where', where,\n"
            "               '-o', str(OUT / 'cli.ris'), '--review', str(REVIEW)])\n"
            "same = (OUT / 'cli.ris').read_text('utf-8') == "
            "(OUT / 'slice.ris').read_text('utf-8')\n"
            "print(status, same)",
        ),
        ("md", "## A formatted bibliography"),
        (
            "code",
            "from litreview.render.bibliography import format_bibliography\n"
            "from litreview.tags.slices import select_works\n\n"
            "chosen = select_works(corpus.works, corpus.tags, [where])\n"
            "print(format_bibliography(chosen[:10], style='apa'))",
        ),
        (
            "code",
            "display(HTML(format_bibliography(chosen[:10], style='chicago-author-date', "
            "output='html')))",
        ),
    ],
}


def build(name: str, cells: list[tuple[str, str]]) -> nbformat.NotebookNode:
    """One notebook, outputs empty, with the python3 kernel."""
    nb = new_notebook()
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    nb.metadata["language_info"] = {"name": "python"}
    nb.cells = [
        new_markdown_cell(src) if kind == "md" else new_code_cell(src) for kind, src in cells
    ]
    for n, cell in enumerate(nb.cells):
        cell["id"] = f"{name[:2]}-{n:02d}"
    return nb


def main() -> None:
    """Write every notebook next to this file."""
    for name, cells in NOTEBOOKS.items():
        nbformat.write(build(name, cells), HERE / f"{name}.ipynb")


if __name__ == "__main__":
    main()
