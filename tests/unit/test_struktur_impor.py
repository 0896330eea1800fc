"""The shape of the house (docs/ARSITEKTUR.md): which package may import which.

Parses every module under ``kinerja/`` with ``ast`` — imports at module level AND inside
functions (a lazy import is still a dependency) — and checks three rules:

1. **core** modules (below) import no feature package: features build on the core, never the
   other way round;
2. feature packages import each other without cycles (a cycle means two features are one);
3. the **wiring** (the app factory, the CLI, the request wiring, the demo data) may import any
   feature; a feature imports wiring only inside its ``init_app`` (where it registers itself).

A new top-level module is core unless listed in WIRING; a new sub-package is a feature.
"""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2] / "kinerja"

# Modules every feature may build on; they import no feature (``kinerja.x`` and ``kinerja.x.*``).
CORE = {
    "akses", "config", "database", "errors", "extensions", "formulir", "htmx", "kait", "kalender",
    "models", "nip", "operasi", "percache", "referensi", "security", "waktu",
}
# Composition: puts the features together.  May import anything.
WIRING = {"", "cli", "web", "kerangka", "demo"}


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _resolve(module: str, is_package: bool, node: ast.ImportFrom) -> list[str]:
    """The kinerja modules an ``ImportFrom`` names: ``from kinerja import kait`` → kinerja.kait,
    ``from kinerja.skp import bp`` → kinerja.skp (a name that is not a module is its package)."""
    if node.level:
        base = module.split(".")
        if not is_package:
            base = base[:-1]
        base = base[: len(base) - (node.level - 1)]
        target = ".".join(base + ([node.module] if node.module else []))
    else:
        target = node.module or ""
    names = [f"{target}.{alias.name}" for alias in node.names]
    return [n if _existing(n) else target for n in names]


class _Imports(ast.NodeVisitor):
    def __init__(self, module: str, is_package: bool):
        self.module, self.is_package = module, is_package
        self.function: list[str] = []
        self.found: list[tuple[str, str | None]] = []  # (imported module, enclosing function)

    def visit_FunctionDef(self, node):
        self.function.append(node.name)
        self.generic_visit(node)
        self.function.pop()

    visit_AsyncFunctionDef = visit_FunctionDef

    def _add(self, names):
        where = self.function[0] if self.function else None
        self.found.extend((n, where) for n in names if n == "kinerja" or n.startswith("kinerja."))

    def visit_Import(self, node):
        self._add([alias.name for alias in node.names])

    def visit_ImportFrom(self, node):
        self._add(_resolve(self.module, self.is_package, node))


def unit_of(module: str) -> str:
    """``kinerja.skp.services.rhk`` → ``skp``; ``kinerja`` → ``""``."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def kind_of(unit: str) -> str:
    if unit in WIRING:
        return "wiring"
    if unit in CORE or not (ROOT / unit).is_dir():
        return "core"
    return "feature"


def collect() -> list[tuple[str, str, str | None]]:
    """(importing module, imported kinerja module, enclosing top-level function or None)."""
    edges = []
    for path in sorted(ROOT.rglob("*.py")):
        module = _module_name(path)
        visitor = _Imports(module, path.name == "__init__.py")
        visitor.visit(ast.parse(path.read_text(encoding="utf-8"), str(path)))
        edges.extend((module, target, where) for target, where in visitor.found)
    return edges


def _existing(target: str) -> bool:
    """Is ``target`` a module or package under kinerja/?"""
    rel = Path(*target.split(".")[1:]) if "." in target else Path()
    return (ROOT / rel).is_dir() or (ROOT / rel).with_suffix(".py").is_file()


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one node (Tarjan)."""
    index, low, stack, on_stack, result, counter = {}, {}, [], set(), [], [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                result.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return result


def feature_graph(edges) -> tuple[dict[str, set[str]], dict[tuple[str, str], list[str]]]:
    graph: dict[str, set[str]] = defaultdict(set)
    why: dict[tuple[str, str], list[str]] = defaultdict(list)
    for source, target, _where in edges:
        a, b = unit_of(source), unit_of(target)
        if a != b and kind_of(a) == kind_of(b) == "feature":
            graph[a].add(b)
            why[(a, b)].append(f"{source} → {target}")
    return graph, why


@pytest.fixture(scope="module")
def edges():
    return collect()


def test_the_parser_sees_module_and_function_level_imports(edges):
    seen = {(s, t) for s, t, _ in edges}
    assert ("kinerja.skp.services.rhk", "kinerja.skp.queries") in seen  # module level
    assert any(s == "kinerja.verifikasi" and w == "_panel_beranda" for s, _t, w in edges)  # inside a function


def test_core_imports_no_feature(edges):
    bad = sorted({f"{s} → {t}" for s, t, _ in edges
                  if kind_of(unit_of(s)) == "core" and kind_of(unit_of(t)) != "core"})
    assert not bad, "Modul inti tidak boleh mengimpor fitur:\n" + "\n".join(bad)


def test_features_import_wiring_only_in_init_app(edges):
    bad = sorted({f"{s} → {t} (di {w or 'tingkat modul'})" for s, t, w in edges
                  if kind_of(unit_of(s)) == "feature" and kind_of(unit_of(t)) == "wiring" and w != "init_app"})
    assert not bad, "Fitur hanya boleh memakai lapisan perakitan di init_app:\n" + "\n".join(bad)


def test_no_import_cycle_between_features(edges):
    graph, why = feature_graph(edges)
    found = cycles(graph)
    detail = []
    for component in found:
        for a in component:
            for b in component:
                detail.extend(why.get((a, b), []))
    assert not found, f"Siklus impor antar-fitur {found}:\n" + "\n".join(sorted(set(detail)))


def test_the_cycle_finder_finds_a_cycle():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": set()}) == []
