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
for name in footnoted_report numeric_paper; do
  pandoc "$name.md" -f markdown-auto_identifiers --wrap=none -t latex --template "$work/template.tex" -o "$work/$name.tex"
  (cd "$work" && TEXMFVAR="$work/texmf-var" pdflatex -interaction=nonstopmode "$name.tex" >/dev/null || true)
  cp "$work/$name.pdf" .
done
