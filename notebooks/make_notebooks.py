"""Write the notebooks of this folder, outputs stripped: ``python3 notebooks/make_notebooks.py``.

The notebooks are generated so that they stay thin and consistent; edit the cells here. Every
cell only calls litreview; what takes more than a few lines lives in ``litreview.notebook``.
"""

# ruff: noqa: E501  (document text and notebook cells read better unwrapped)

from __future__ import annotations

from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

HERE = Path(__file__).resolve().parent

Cell = tuple[str, str]


def md(text: str) -> Cell:
    """A markdown cell."""
    return ("md", text.strip())


def code(text: str) -> Cell:
    """A code cell."""
    return ("code", text.strip())


SETUP = code("""
import os
from pathlib import Path

from IPython.display import HTML, Image, Markdown, display

# The review this notebook reads: $LITREVIEW_REVIEW, else the repository root (the default review).
REPO = Path.cwd().parent
REVIEW = Path(os.environ.get("LITREVIEW_REVIEW") or REPO).resolve()
os.environ["LITREVIEW_REVIEW"] = str(REVIEW)
print("review:", REVIEW)
""")

OPEN = code("""
from litreview.notebook.corpus import open_review
from litreview.notebook import helpers as nh

corpus = open_review(REVIEW)
taxonomy = nh.taxonomy_of(corpus)
print(f"{len(corpus.works)} works, {len(corpus.documents)} documents, "
      f"{len(corpus.citations)} citation rows, {len(corpus.tags)} tags, "
      f"{len(corpus.statements)} gap statements")
for line in nh.problem_lines(corpus):  # told once: each file's warnings in one line
    print("note:", line)
""")

EXAMPLE = code("""
from litreview.notebook.imports import import_preview, with_import

# A bibliography new to the review: $LITREVIEW_IMPORT, else the example shipped with litreview.
EXAMPLE = Path(os.environ.get("LITREVIEW_IMPORT") or REPO / "examples" / "import-demo.bib")
preview = import_preview(corpus, EXAMPLE)
print(f"{len(preview.frame)} records read from {EXAMPLE.name}: {preview.counts()}")
""")

CORPUS = [
    md("""
# 01 · The corpus

The review's works as a DataFrame, where each work is cited, the duplicates that were merged
and why, and what importing a new bibliography does.

Set `LITREVIEW_REVIEW` to run this notebook on your own review folder. Nothing here writes into
the review.
"""),
    SETUP,
    OPEN,
    md("## The works"),
    code("corpus.works_df.head(15)"),
    code("corpus.works_df['type'].value_counts()"),
    md("## The documents under review"),
    code("corpus.documents_df"),
    md("## The most cited works, and where one is cited"),
    code("top = corpus.most_cited(10)\ntop"),
    code("""
ax = top.set_index('work_key')['citations'].iloc[::-1].plot.barh(
    figsize=(7, 4), color='#332288', title='Citation rows per work (the ten most cited)')
ax.set_xlabel('citation rows')
display(Image(nh.png(ax.figure)))
"""),
    code("key = top.loc[0, 'work_key']\nprint(corpus.work(key).title)\ncorpus.cited_in(key)"),
    md("""
## Duplicates found so far, and why they merged

`reason` is the evidence (identifier, title similarity); `score` its strength.
"""),
    code("corpus.merges_df"),
    md("""
## Import a bibliography that is new to the review

`examples/import-demo.bib` (or the file named by `$LITREVIEW_IMPORT`) is read and folded into
the corpus in memory, as `litreview import FILE --review DIR` would do and save. Each record
becomes a new work, joins a work the corpus already has, or joins another record of the same
file; `reason` says what matched (DOI, URL, or title with year and first author) and `score`
how closely.
"""),
    EXAMPLE,
    code("""
print(f"the corpus would grow from {len(corpus.works)} to {len(preview.result.works)} works")
preview.frame
"""),
    code("""
counts = preview.frame['outcome'].value_counts().sort_index()
ax = counts.plot.barh(figsize=(7, 2.5), color='#332288',
                      title=f'Records of {EXAMPLE.name}, by what deduplication did')
ax.set_xlabel('records')
display(Image(nh.png(ax.figure)))
"""),
    md("""
Where a merged record disagrees with the work it joins, the corpus's value is kept (it may have
been curated by hand) and the difference is reported, never dropped silently:
"""),
    code("""
for p in preview.problems:
    print("-", p.message)
if not preview.problems:
    print("no field disagreed")
"""),
]

TAGS = [
    md("""
# 02 · Tags and their evidence

Every tag says why: the quoted text, and where it is (document and offsets) or which field of
the work it came from. Rule tags, a curator's edits and the suggestions a curator accepts, side
by side.
"""),
    SETUP,
    OPEN,
    code("""
tags = corpus.tags_df
tags[['work_key', 'facet', 'value', 'kind', 'evidence', 'doc_id']].head(20)
"""),
    md("""
## Suggestions: a model trained on the accepted tags

`litreview tag --suggest` trains one classifier per value on the tags above and proposes values
the rules did not give; here the same is computed in memory. Each facet's classifiers read the
evidence with that facet's own phrases blanked out, so they learn what else goes with a value
instead of relearning the taxonomy. Each work is scored by the classifiers of the
cross-validation fold that held it out (works sharing a citing sentence or paragraph are held
out together, with the facet's phrases blanked too), so a score is the measured chance that the
suggestion is right, against the rule tags. Suggestions stay apart from the tags until a
curator accepts one.
"""),
    code("""
from litreview.notebook import tag_views as tv
from litreview.notebook.frames import tags_frame

report = tv.suggest(corpus, taxonomy)
print("\\n".join(report.summary()))
suggested = tags_frame(report.suggestions).sort_values('score', ascending=False)
suggested[['work_key', 'facet', 'value', 'score', 'evidence', 'doc_id']].head(10)
"""),
    md("""
## A curator's edits, in `curation.yaml`

A curator adds a tag, removes one and accepts the best suggestion (`tags: accept`). Applied here
in memory, so the file is not touched.
"""),
    code("""
work = corpus.tags[0].work_key
facet = taxonomy.facets[0]
have = {t.value for t in corpus.tags if t.work_key == work and t.facet == facet.id}
other = next((v for v in facet.value_ids if v not in have), facet.value_ids[0])
removed = next(t for t in corpus.tags if t.work_key == work)
best = max(report.suggestions, key=lambda t: t.score, default=None)


def entry(key, facet, value, reason):
    return f'    - {{work: {key}, facet: {facet}, value: {value}, reason: "{reason}"}}'


lines = ["tags:", "  add:", entry(work, facet.id, other, "read the report"),
         "  remove:", entry(work, removed.facet, removed.value, "not about this")]
if best is not None:
    lines += ["  accept:", entry(best.work_key, best.facet, best.value, "checked the source")]
curation_yaml = "\\n".join(lines) + "\\n"
print(curation_yaml)
"""),
    code("""
curated, problems = nh.curated_tags(corpus, curation_yaml, taxonomy, suggestions=report.suggestions)
print('problems:', problems)
nh.tag_changes(corpus.tags, curated)
"""),
    md("""
## Rule tags, curator edits and suggestions side by side

Works tagged per facet by each kind of source; then, for every work a curator or the model
touched, each tag with the words behind it from each source.
"""),
    code("by_source = tv.source_counts([*curated, *report.suggestions], taxonomy)\nby_source"),
    code("""
from litreview.render.layout import QUALITATIVE

ax = by_source.plot.barh(figsize=(8, 3.5), color=list(QUALITATIVE[:len(by_source.columns)]),
                         title='Works tagged, per facet and kind of source')
ax.set_xlabel('works')
ax.set_ylabel('')
ax.legend(title='source', loc='upper left', bbox_to_anchor=(1.0, 1.0), frameon=False)
display(Image(nh.png(ax.figure)))
"""),
    code("tv.side_by_side(curated, report.suggestions).head(20)"),
    md("""
## Check a quote against its document

`text[char_start:char_end]` is the evidence, always.
"""),
    code("""
in_docs = tags.dropna(subset=['char_start'])
in_docs = in_docs[in_docs['doc_id'] != '']
docs = {d.doc_id: d for d in corpus.documents}
row = in_docs.iloc[0]
text = corpus.review.load_text(docs[row.doc_id])
print(repr(text[row.char_start:row.char_end]), '==', repr(row.evidence))
"""),
]

COVERAGE = [
    md("""
# 03 · Coverage

Unique works per pair of facet values: white cells are where the corpus says nothing. Counted
as the register, the map and `litreview coverage` count: works cited by or imported into the
review, never the documents under review.
"""),
    SETUP,
    OPEN,
    code(
        "counted = nh.evidence_tags(corpus)\nprint(len(counted), 'of', len(corpus.tags), 'tag rows count')"
    ),
    md("## A heatmap for each pair of facets"),
    code("""
for name, image in nh.coverage_heatmaps(counted, taxonomy).items():
    print(name)
    display(Image(image))
"""),
    md("## The cube: every combination of values that some work has"),
    code("""
from litreview.gaps.coverage import coverage_cube, coverage_matrix, select_works

cube = coverage_cube(counted, taxonomy.facet_ids)
cube.head(15)
"""),
    code("""
first = taxonomy.facet_ids[0]
value = cube[first].value_counts().index[0]
print(f'slice {first}={value}')
nh.cube_slice(cube, **{first: value}).head(10)
"""),
    md("## Filters: one document's sources, a range of years"),
    code("""
from collections import Counter

cites = Counter(c.doc_id for c in corpus.citations)
doc = max(corpus.documents, key=lambda d: cites[d.doc_id]).doc_id
in_doc = select_works(corpus.works, corpus.citations, doc=doc)
print(doc, len(in_doc), 'works')
for image in list(nh.coverage_heatmaps(counted, taxonomy, works=in_doc).values())[:1]:
    display(Image(image))
"""),
    code("""
recent = select_works(corpus.works, year_from=2015)
rows, cols = taxonomy.facet_ids[:2]
coverage_matrix([t for t in counted if t.work_key in recent], rows, cols).counts
"""),
]

THEMES = [
    md("""
# 04 · Themes

The works grouped by their words (titles and citing sentences; TF-IDF, LSA, k-means from fixed
seeds), each theme named by the taxonomy's labels its works line up with and by its most
distinctive phrases; then read against coverage: which values each theme's works carry, and
which themes are thin where the documents state a gap. Last, the gap statements' own themes.
"""),
    SETUP,
    OPEN,
    code("""
from litreview.notebook import themes as th

found = th.work_themes(corpus, taxonomy)
print(f"{found.result.k} themes; runs from different seeds agree at mean ARI "
      f"{found.result.stability:.2f}; silhouette {found.result.silhouette:.2f}")
th.theme_table(found)
"""),
    code("""
from litreview.render.cluster_figures import cluster_map_png

types = {w.key: w.type for w in corpus.works}
display(Image(cluster_map_png(found.result, found.themes, shapes=types, what='works',
                              shape_title='Source type', dpi=80)))
"""),
    md("""
## Themes against coverage

For each facet, the works of each theme tagged with each value (a work counts once per value).
"""),
    code("""
for facet in taxonomy.facet_ids:
    display(th.theme_values(corpus, found, taxonomy, facet))
"""),
    md("""
## Themes against the stated gaps

For the gaps the documents state (best first), the works of each theme in the gap's cell. A
zero is a theme with nothing where a gap is stated.
"""),
    code("""
from litreview.render.gap_figures import plot_theme_gaps

gaps = nh.rank_gaps(corpus, taxonomy)
grid = th.themes_against_gaps(corpus, found, gaps)
if len(grid):
    display(Image(plot_theme_gaps(grid, dpi=80)))
    silent = grid[grid['n_works'] == 0].groupby(['gap_rank', 'gap_title'])['theme'].count()
    display(silent.rename('themes with no work there').reset_index().head(10))
else:
    print('no stated gaps in this review')
"""),
    md("""
## The gap statements' themes

Named by what they say is missing: the labels of the values they name and their own words.
"""),
    code("""
stated = th.statement_themes(corpus, taxonomy)
if stated is not None:
    print(f"{stated.result.k} themes; runs agree at mean ARI {stated.result.stability:.2f}")
    display(th.theme_table(stated))
    strength = {f"{s.doc_id}:{s.char_start}-{s.char_end}": s.strength for s in corpus.statements}
    display(Image(cluster_map_png(stated.result, stated.themes, shapes=strength,
                                  what='gap statements', shape_title='Statement', dpi=80)))
else:
    print('no gap statements: run litreview report first')
"""),
]

GAPS = [
    md("""
# 05 · Gaps

The ranked register, computed here from the corpus as `litreview gaps` computes it; each gap's
statements, sources and `why`; the study briefs; and how a change in the corpus moves the
register.
"""),
    SETUP,
    OPEN,
    code(
        "gaps = nh.rank_gaps(corpus, taxonomy)\nregister = nh.ranking_frame(gaps)\nregister.head(15)"
    ),
    code("""
from litreview.render.gap_figures import compute_statements_per_theme, plot_statements_per_theme

per_theme = compute_statements_per_theme(gaps)
if len(per_theme):
    display(Image(plot_statements_per_theme(per_theme, dpi=80)))
else:
    print('no stated gaps in this review')
"""),
    md("## One gap: statements, sources and why"),
    code("""
if gaps:
    best = gaps[0]
    print(best.title, '|', best.status)
    print('why:', best.why)
    print('sources:', ', '.join(best.sources) or '(none: nothing in the corpus covers it)')
    display(nh.gap_statements(best))
"""),
    md("## Study briefs"),
    code("""
briefs = nh.study_briefs(corpus, gaps, taxonomy, top=3)
for name, text in list(briefs.items())[:1]:
    print(name)
    display(Markdown(text))
"""),
    md("""
## How a change in the corpus moves the register

First take away the works that cover the top stated gap (or, if none do, the most cited works)
and rank again: with less evidence, gaps grow thinner and move.
"""),
    code("""
stated = [g for g in gaps if g.statements]
top = stated[0] if stated else None
if top is not None and top.sources:
    dropped = list(top.sources)
else:
    dropped = list(corpus.most_cited(3)['work_key'])
changed = nh.rank_gaps(nh.without_works(corpus, dropped), taxonomy)
print('dropped:', dropped)
comparison = nh.compare_rankings(gaps, changed)
comparison[comparison['change'] != 'same'].head(15)
"""),
    md("""
Then add the works of a bibliography new to the review (`examples/import-demo.bib`, or
`$LITREVIEW_IMPORT`), tagged by the rules from their titles, and rank again: new evidence makes
some gaps less empty.
"""),
    EXAMPLE,
    code("""
grown = with_import(corpus, preview, taxonomy)
after = nh.rank_gaps(grown, taxonomy)
print(f"{len(grown.works) - len(corpus.works)} works added, "
      f"{len(grown.tags) - len(corpus.tags)} tag rows from their titles")
moves = nh.compare_rankings(gaps, after)
moves = moves[moves['change'] != 'same']
moves.head(15)
"""),
    code("""
moved = moves.dropna(subset=['moved']).head(12)
if len(per_theme) and len(moved):
    ax = moved.set_index('title')['moved'].iloc[::-1].plot.barh(
        figsize=(8, 0.35 * len(moved) + 1.2), color='#117733',
        title='Places each gap moved in the register after the import')
    ax.set_ylabel('')
    ax.set_xlabel('places moved (positive: up the register, a bigger gap)')
    ax.xaxis.get_major_locator().set_params(integer=True)
    display(Image(nh.png(ax.figure)))
else:
    print('no ranked gap moved')
"""),
]

EXPORT = [
    md("""
# 06 · Exports for librarians

A tagged slice of the corpus to BibTeX, RIS and CSL-JSON (what Zotero imports), and a formatted
bibliography. Files go to a temporary folder, never into the review.
"""),
    SETUP,
    OPEN,
    code("""
import tempfile

OUT = Path(tempfile.mkdtemp(prefix='litreview-export-'))  # or a folder of your own, to keep them
facet, value = corpus.tags_df.groupby(['facet', 'value'])['work_key'].nunique().idxmax()
where = f'{facet}={value}'
print('slice:', where)
"""),
    code("""
for fmt, suffix in [('bibtex', 'bib'), ('ris', 'ris'), ('csljson', 'json')]:
    text = nh.export_slice(corpus, [where], fmt)
    (OUT / f'slice.{suffix}').write_text(text, encoding='utf-8')
    print(f'--- {fmt}: {len(text)} characters; first lines:')
    print('\\n'.join(text.splitlines()[:8]))
"""),
    md("## The same from the command line"),
    code("""
import contextlib
import io

from litreview.cli import main

notices = io.StringIO()  # the command's notices repeat the notes above: kept aside, counted
with contextlib.redirect_stderr(notices):
    status = main(['export', '--format', 'ris', '--where', where,
                   '-o', str(OUT / 'cli.ris'), '--review', str(REVIEW)])
same = (OUT / 'cli.ris').read_text('utf-8') == (OUT / 'slice.ris').read_text('utf-8')
print(f"exit status {status}; same as above: {same}; "
      f"{len(notices.getvalue().splitlines())} notice line(s) from the command")
"""),
    md("## A formatted bibliography"),
    code("""
from litreview.render.bibliography import format_bibliography
from litreview.tags.slices import select_works

chosen = select_works(corpus.works, corpus.tags, [where])
print(format_bibliography(chosen[:10], style='apa'))
"""),
    code(
        "display(HTML(format_bibliography(chosen[:10], style='chicago-author-date', output='html')))"
    ),
    md("The temporary folder is removed at the end, so runs leave nothing behind."),
    code("""
import shutil

print('written:', ', '.join(sorted(p.name for p in OUT.iterdir())))
if OUT.name.startswith('litreview-export-'):
    shutil.rmtree(OUT)
"""),
]

NOTEBOOKS: dict[str, list[Cell]] = {
    "01-corpus": CORPUS,
    "02-tags-and-evidence": TAGS,
    "03-coverage": COVERAGE,
    "04-clusters": THEMES,
    "05-gaps": GAPS,
    "06-export": EXPORT,
}


def build(name: str, cells: list[Cell]) -> nbformat.NotebookNode:
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
