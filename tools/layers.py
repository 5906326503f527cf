"""The import graph of litreview checked against its layers (run: ``python3 tools/layers.py``).

Each subpackage is a stage of the pipeline; a module may import from its own stage and the
stages below it, never from one above. The pure stages never touch the review folder, and no
two modules import each other, directly or round a loop. Every import counts, including those
inside functions. Prints the graph of stages and any violation; exits 1 if there is one.
"""

from __future__ import annotations

import ast
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "litreview"

#: Bottom first. A stage imports only from itself and the stages before it.
LAYERS: tuple[tuple[str, str], ...] = (
    ("core", "records, errors, table columns, text spans: what every stage uses"),
    ("taxonomy", "the review's facets, values and synonyms; the phrase matcher"),
    ("formats", "bibliography files and document texts in and out"),
    ("review", "the review folder: the one door to its files"),
    ("extract", "document text to notes, references and citations"),
    ("corpus", "works: identity, deduplication, curated merges, ingest"),
    ("tags", "tags with evidence, curated tag edits, suggestions, slices"),
    ("gaps", "gap statements, coverage, clusters, the ranked register"),
    ("render", "register files, briefs, map, figures, bibliographies"),
    ("pipeline", "one step per command over a review"),
    ("notebook", "the review loaded whole for notebooks"),
    ("commands", "the command line"),
)
#: Stages that compute from records only: they never import the review folder.
PURE = frozenset({"extract", "corpus", "tags", "gaps", "render"})
#: Top-level modules and the stage they belong to.
TOP = {"__init__": "commands", "__main__": "commands", "cli": "commands"}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def stage_of(module: str) -> str:
    parts = module.split(".")
    if len(parts) == 1:
        return TOP["__init__"]
    return TOP.get(parts[1], parts[1])


def imports_of(path: Path, module: str) -> set[str]:
    """Every litreview module ``path`` imports (at any depth of the file)."""
    is_package = path.name == "__init__.py"
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("litreview"))
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = module.split(".")
                base = base if is_package else base[:-1]
                base = base[: len(base) - node.level + 1]
                source = ".".join([*base, *([node.module] if node.module else [])])
            else:
                source = node.module or ""
            if source.startswith("litreview"):
                found.add(source)
                found.update(f"{source}.{a.name}" for a in node.names)
    return found


def graph() -> dict[str, set[str]]:
    """Module -> the litreview modules it imports."""
    files = {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}
    return {m: {i for i in imports_of(p, m) if i in files and i != m} for m, p in files.items()}


def violations(edges: dict[str, set[str]]) -> list[str]:
    rank = {name: i for i, (name, _) in enumerate(LAYERS)}
    out = []
    for module, targets in sorted(edges.items()):
        here = stage_of(module)
        for target in sorted(targets):
            there = stage_of(target)
            if here not in rank or there not in rank:
                out.append(f"{module}: stage {here or there!r} is not in the layer list")
            elif rank[there] > rank[here]:
                out.append(f"{module} ({here}) imports {target} ({there}), a stage above it")
            elif here in PURE and there == "review":
                out.append(f"{module} ({here}, pure) imports the review folder ({target})")
    out.extend(f"import cycle: {' -> '.join(c)}" for c in cycles(edges))
    return out


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected groups of more than one module (Tarjan), each as a loop."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in sorted(edges.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                on.discard(w)
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                found.append([*sorted(group), sorted(group)[0]])

    for v in sorted(edges):
        if v not in index:
            visit(v)
    return found


def stage_graph(edges: dict[str, set[str]]) -> dict[str, set[str]]:
    out: dict[str, set[str]] = defaultdict(set)
    for module, targets in edges.items():
        for target in targets:
            if stage_of(target) != stage_of(module):
                out[stage_of(module)].add(stage_of(target))
    return out


def main() -> int:
    edges = graph()
    stages = stage_graph(edges)
    n_edges = sum(len(t) for t in edges.values())
    print(f"{len(edges)} modules, {n_edges} imports; stages, top first:")
    for name, what in reversed(LAYERS):
        below = ", ".join(s for s, _ in LAYERS if s in stages.get(name, ()))
        print(f"  {name:<9} {what}\n            imports: {below or '-'}")
    found = violations(edges)
    for line in found:
        print(f"VIOLATION {line}")
    print("layers: ok" if not found else f"layers: {len(found)} violation(s)")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
