"""The import graph of ``curator``, read from the source: no module imports, through any
chain, a module that imports it back (counting a package's ``__init__``)."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent / "curator"
# No cycle is allowed: shared bases and registries live in modules of their own.
KNOWN: set[str] = set()


def _modules() -> dict[str, Path]:
    mods = {}
    for path in ROOT.rglob("*.py"):
        parts = list(path.relative_to(ROOT.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        mods[".".join(parts)] = path
    return mods


def _target(module: str, node: ast.ImportFrom, is_package: bool) -> str:
    base = module.split(".") if is_package else module.split(".")[:-1]
    if node.level > 1:
        base = base[: len(base) - node.level + 1]
    if not node.level:
        return node.module or ""
    return ".".join(base + ([node.module] if node.module else []))


def import_graph() -> dict[str, set[str]]:
    """Module -> the curator modules it imports at module level (``TYPE_CHECKING`` blocks and
    imports inside functions do not run at import time, so they are left out)."""
    mods = _modules()
    graph: dict[str, set[str]] = {m: set() for m in mods}
    for name, path in mods.items():
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.ImportFrom):
                t = _target(name, node, path.name == "__init__.py")
                for alias in node.names:
                    sub = f"{t}.{alias.name}"
                    graph[name].add(sub if sub in mods else t)
            elif isinstance(node, ast.Import):
                graph[name] |= {a.name for a in node.names}
        graph[name] &= mods.keys() - {name}
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in graph[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while not comp or comp[-1] != v:
                comp.append(stack.pop())
            if len(comp) > 1:
                found.append(sorted(comp))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def test_the_checker_finds_a_cycle():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_no_import_cycles_but_the_known_registries():
    unexpected = [c for c in cycles(import_graph()) if not KNOWN & set(c)]
    assert unexpected == []


def test_the_packager_has_no_cycle_and_imports_nothing_to_its_right():
    graph = import_graph()
    package = {m for m in graph if m.startswith("curator.package")}
    assert not [c for c in cycles(graph) if package & set(c)]
    right = {"curator.cli", "curator.builder", "curator.executors"}
    assert not {m: graph[m] & right for m in package if graph[m] & right}
