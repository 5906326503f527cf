#!/usr/bin/env bash
# Renders the binary document fixtures from their Markdown (needs pandoc, pdflatex, lmodern).
set -euo pipefail
cd "$(dirname "$0")"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 - "$work/template.tex" <<'PY'
import sys
sys.path.insert(0, "../../../benchmarks")
from documents_render import LATEX
open(sys.argv[1], "w", encoding="utf-8").write(LATEX)
PY
pandoc footnoted_report.md -o footnoted_report.docx
pandoc footnoted_report.md -t html5 --standalone -o footnoted_report.html
for name in footnoted_report numeric_paper page_run_on_report; do
  pandoc "$name.md" -f markdown-auto_identifiers --wrap=none -t latex --template "$work/template.tex" -o "$work/$name.tex"
  (cd "$work" && TEXMFVAR="$work/texmf-var" pdflatex -interaction=nonstopmode "$name.tex" >/dev/null || true)
  cp "$work/$name.pdf" .
done
# an author-year paper as many journals set it: paragraphs with an indented first line and
# no space between them, and a reference list with a hanging indent and no space between
# its entries (each entry of the Markdown's list made a paragraph of its own)
sed 's/\\parindent}{0pt}/\\parindent}{1.5em}/; s/\\parskip}{6pt plus 1pt}/\\parskip}{0pt}/' \
  "$work/template.tex" > "$work/hanging.tex"
awk '/^## References/ {refs = 1; print; print ""; print "\\setlength{\\parindent}{0pt}\\everypar{\\hangindent=1.5em\\hangafter=1}"; next}
     refs && NF {print; print ""; next} {print}' author_year_paper.md > "$work/author_year_paper.md"
pandoc "$work/author_year_paper.md" -f markdown-auto_identifiers --wrap=none -t latex \
  --template "$work/hanging.tex" -o "$work/author_year_paper.tex"
(cd "$work" && TEXMFVAR="$work/texmf-var" pdflatex -interaction=nonstopmode author_year_paper.tex >/dev/null || true)
cp "$work/author_year_paper.pdf" .
