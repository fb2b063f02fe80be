"""The layout DESIGN.md describes, checked: one package per job, imports one way.

Imports inside functions count: a cycle hidden in a function still ties two modules
together."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("flows", "crawler", "extractors", "warehouse", "analysis")
PARSERS = ("detect", "document", "html", "inflate", "maintext", "pdf", "text")


def _modules() -> dict[str, tuple[Path, bool]]:
    found: dict[str, tuple[Path, bool]] = {}
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            parts = list(path.relative_to(ROOT).with_suffix("").parts)
            is_package = parts[-1] == "__init__"
            if is_package:
                parts = parts[:-1]
            found[".".join(parts)] = (path, is_package)
    return found


MODULES = _modules()


def _imported(name: str) -> set[str]:
    """Every module `name` imports, ours or not, by dotted name. `from a import b` counts
    as importing `a` and, when `b` is a module, `a.b` too."""
    path, is_package = MODULES[name]
    package = name if is_package else name.rpartition(".")[0]
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                parts = package.split(".")
                parts = parts[: len(parts) - node.level + 1]
                base = ".".join(parts + ([node.module] if node.module else []))
            else:
                base = node.module or ""
            names.add(base)
            names.update(f"{base}.{alias.name}" for alias in node.names)
    return names


def _ours(name: str) -> str | None:
    while name and name not in MODULES:
        name = name.rpartition(".")[0]
    return name or None


GRAPH = {name: {m for m in map(_ours, _imported(name)) if m and m != name} for name in MODULES}


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    for start in graph:
        if start in index:
            continue
        work = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, edges = work[-1]
            for nxt in edges:
                if nxt not in index:
                    index[nxt] = low[nxt] = len(index)
                    stack.append(nxt)
                    on_stack.add(nxt)
                    work.append((nxt, iter(sorted(graph[nxt]))))
                    break
                if nxt in on_stack:
                    low[node] = min(low[node], index[nxt])
            else:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    component = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.append(member)
                        if member == node:
                            break
                    if len(component) > 1:
                        found.append(sorted(component))
    return found


def test_the_packages_exist():
    for package in PACKAGES:
        assert package in MODULES, f"{package}/ has no __init__.py"
        docstring = ast.get_docstring(ast.parse(MODULES[package][0].read_text()))
        assert docstring, f"{package}/__init__.py should say its job in its first sentence"


def test_no_module_imports_one_that_imports_it_back():
    assert _cycles(GRAPH) == []


def test_the_cycle_finder_finds_a_cycle():
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


@pytest.mark.parametrize(("library", "home"), [("prefect", "flows"), ("httpx", "crawler")])
def test_a_library_is_imported_by_one_package_only(library, home):
    strays = sorted(
        name
        for name in MODULES
        if name.split(".")[0] != home
        and any(m == library or m.startswith(library + ".") for m in _imported(name))
    )
    assert strays == []


def test_packages_import_only_the_ones_they_feed_on():
    below = {
        "extractors": set(),
        "crawler": {"extractors.records"},
        "warehouse": {"extractors"},
        "analysis": {"extractors", "warehouse"},
        "flows": {"extractors", "warehouse", "crawler", "analysis"},
    }
    wrong = []
    for name, imported in GRAPH.items():
        package = name.split(".")[0]
        for target in imported:
            other = target.split(".")[0]
            if other == package:
                continue
            allowed = below[package]
            if other not in allowed and target not in allowed:
                wrong.append(f"{name} -> {target}")
    assert sorted(wrong) == []


def test_format_parsers_know_no_field_rule():
    wrong = sorted(
        f"{parser} -> {target}"
        for parser in (f"extractors.{p}" for p in PARSERS)
        for target in GRAPH[parser]
        if target.startswith(("extractors.fields", "extractors.rules", "extractors.release"))
    )
    assert wrong == []


def test_flows_is_orchestration_only():
    lines = sum(
        len(path.read_text(encoding="utf-8").splitlines())
        for name, (path, _) in MODULES.items()
        if name.split(".")[0] == "flows"
    )
    assert lines <= 3500


def test_readme_is_a_tour():
    assert len((ROOT / "README.md").read_text(encoding="utf-8").splitlines()) <= 300
