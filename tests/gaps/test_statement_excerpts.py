"""Labelled excerpts train the gap detector and are never scored: each excerpt is a heading and
one paragraph, read as a labelled document; the excerpts come from many documents, none of
them already labelled or held out; their labels are the decisions file's; and documents given
to train on only join every fold's training without being scored."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import numpy as np
import pytest
import yaml

from litreview.gaps.statement_data import load_labels
from tests.conftest import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
import statement_excerpts as se  # type: ignore[import-not-found]
import train_statements as ts  # type: ignore[import-not-found]

sys.path.remove(str(ROOT / "benchmarks"))

EXCERPTS = ROOT / "benchmarks" / "statements" / "excerpts"
FILES = sorted((EXCERPTS / "labels").glob("*.yaml"))


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_every_excerpt_label_file_loads_and_each_excerpt_is_one_paragraph(path: Path) -> None:
    docs = load_labels(path, ROOT)
    assert 1 <= len(docs) <= se.PER_DOC
    for d in docs:
        heading, blank, paragraph, *rest = d.text.split("\n")
        assert heading.startswith("## ") and blank == "" and paragraph and rest == [""]
        assert d.genre in {"paper", "report"}


def test_the_excerpts_come_from_many_documents_none_labelled_or_held_back() -> None:
    ids = sorted(p.stem for p in (EXCERPTS / "docs").glob("*.md"))
    sources = {i.rsplit("-", 1)[0] for i in ids}
    assert len(ids) >= 250 and len(sources) >= 40
    listed = [d["doc_id"] for f in FILES for d in yaml.safe_load(f.read_text())["documents"]]
    assert sorted(listed) == ids
    table = (EXCERPTS / "SOURCES.md").read_text(encoding="utf-8")
    assert all(f"| {i} |" in table for i in ids)
    named = (ROOT / "benchmarks" / "statements" / "SOURCES.md").read_text(encoding="utf-8")
    unseen = (ROOT / "benchmarks" / "data" / "unseen_notes_sources.md").read_text("utf-8")
    left_out = unseen[unseen.index("Left out") :].split("\n\n")[0]
    for source in sources:
        number = source.split("-", 2)[2].replace("journal-", "journal.").upper()
        for text in (named, left_out):
            assert not re.search(re.escape(number).replace("\\-", "[-.]"), text, re.I), source


def test_the_label_files_are_those_the_decisions_make() -> None:
    made = se.label_texts(EXCERPTS / "decisions.txt")
    assert sorted(made) == [p.name for p in FILES]
    for path in FILES:
        assert path.read_text(encoding="utf-8") == made[path.name], path.name


def _label_file(tmp_path: Path, name: str, text: str, gaps: list[str]) -> Path:
    (tmp_path / f"{name}.md").write_text(text, encoding="utf-8")
    entries = "".join(
        f"  - {{doc: {name}, kind: {('missing', 'data')[i % 2]}, "
        f"strength: {('explicit', 'implicit')[i % 2]}, quote: {q!r}}}\n"
        for i, q in enumerate(gaps)
    )
    path = tmp_path / f"{name}.yaml"
    path.write_text(
        f"documents:\n  - {{doc_id: {name}, text: {tmp_path / name}.md, genre: paper}}\n"
        f"gaps:\n{entries or '  []'}\nnot_gaps: []\n",
        encoding="utf-8",
    )
    return path


def test_documents_to_train_on_only_change_every_fold_and_are_never_scored(
    tmp_path: Path,
) -> None:
    plain = "The trial enrolled adults. The dose was fixed. Patients were followed for a year."
    scored = []
    for i in range(4):
        gaps = [f"Little is known about the effect number {i}.", f"Data on dose {i} are scarce."]
        text = f"{plain} {' '.join(gaps)} Results follow."
        scored.append(_label_file(tmp_path, f"d{i}", text, gaps))
    probe = "Whether zygotes respond to the drug is a complete mystery to zoologists."
    scored.append(_label_file(tmp_path, "d4", f"{plain} {probe}", []))
    extra_gaps = [f"Zygotes of kind {k} remain a mystery to zoologists." for k in "abc"]
    only = _label_file(tmp_path, "x", " ".join([plain, *extra_gaps]), extra_gaps)
    docs = ts.load_files(ts.label_files([tmp_path / f"d{i}.yaml" for i in range(5)]))
    extra = ts.load_files(ts.label_files([only]))
    assert ts.label_files([tmp_path]) == sorted([*scored, only])
    without = ts.cross_validate(docs, 5, "fp")
    with_extra = ts.cross_validate(docs, 5, "fp", extra)
    assert list(with_extra) == list(without) == [f"d{i}" for i in range(5)]
    last = len(docs[4].labels) - 1
    assert with_extra["d4"][0][last] > without["d4"][0][last]
    for doc_id, (gap, _, _) in without.items():  # every fold's model changed
        assert not np.array_equal(gap, with_extra[doc_id][0]), doc_id
