"""Build ``docs/plos-one-2015-circadian-clock.pdf``: a PLOS ONE article (CC BY 4.0) rendered
to PDF as the development set's renderer renders its articles, with the citation spans of
the publisher's XML as gold (``annotations/plos-one-2015-circadian-clock.json``).

The JATS XML (``sources/journal.pone.0115067.xml``, see SOURCES.md) is converted to Markdown
by the development set's ``tools/jats_to_md.py`` (which writes the citations sidecar), then
rendered by :mod:`documents_render` (pandoc and pdfLaTeX, with the lmodern fonts).

    python3 benchmarks/documents_extra/make_plos_pdf.py
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from documents_render import _render, numbered_refs
from documents_score import GOLD_DIR

NAME = "plos-one-2015-circadian-clock"
XML = HERE / "sources" / "journal.pone.0115067.xml"


def main() -> None:
    """Convert, render, copy."""
    tool = GOLD_DIR / "tools" / "jats_to_md.py"
    with tempfile.TemporaryDirectory() as tmp:
        md, sidecar = Path(tmp) / f"{NAME}.md", HERE / "annotations" / f"{NAME}.json"
        sidecar.parent.mkdir(exist_ok=True)
        args = [sys.executable, str(tool), str(XML), "plos", str(md), str(sidecar)]
        subprocess.run(args, check=True)
        md.write_text(numbered_refs(md.read_text(encoding="utf-8")), encoding="utf-8")
        os.environ.setdefault("SOURCE_DATE_EPOCH", "1767225600")
        pdf = _render(md, "pdf")
        if pdf is None:
            raise SystemExit("pdflatex failed")
        shutil.copy(pdf, HERE / "docs" / f"{NAME}.pdf")


if __name__ == "__main__":
    main()
