"""The package's imports: every module imports on its own, and the import graph has no cycle."""

from __future__ import annotations

import ast
import functools
import subprocess
import sys
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
PACKAGE = PROJECT_ROOT / "socieux"

# Imports each module named on the command line as the first socieux module of the interpreter.
IMPORT_EACH = """
import importlib, importlib.machinery, sys, traceback
compile_source, compiled = importlib.machinery.SourceFileLoader.source_to_code, {}
def compile_once(loader, data, path, *, _optimize=-1):  # each module is executed afresh, compiled once
    if path not in compiled:
        compiled[path] = compile_source(loader, data, path, _optimize=_optimize)
    return compiled[path]
importlib.machinery.SourceFileLoader.source_to_code = compile_once
failed = []
for name in sys.argv[1:]:
    for loaded in [m for m in sys.modules if m == "socieux" or m.startswith("socieux.")]:
        del sys.modules[loaded]
    try:
        importlib.import_module(name)
    except BaseException:
        failed.append(f"{name}: {traceback.format_exc().strip().splitlines()[-1]}")
print("\\n".join(failed))
"""


def module_files() -> dict[str, Path]:
    """Every module of the package by dotted name (a package by its own name)."""
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = list(path.relative_to(PROJECT_ROOT).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


def imported_modules(name: str, path: Path, modules: dict[str, Path]) -> set[str]:
    """The package's modules ``name`` imports anywhere in its file (at module level, in functions, for typing)."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]

    def module_of(dotted: str) -> str | None:
        while dotted and dotted not in modules:
            dotted = dotted.rpartition(".")[0]
        return dotted or None

    found = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            found |= {module_of(alias.name) for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                above = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*above, base] if base else above)
            # 'from package import submodule' imports the submodule; any other name comes from the package itself
            found |= {f"{base}.{alias.name}" if f"{base}.{alias.name}" in modules else module_of(base)
                      for alias in node.names}
    return {module for module in found if module and module.split(".")[0] == "socieux" and module != name}


@functools.cache
def import_graph() -> dict[str, set[str]]:
    modules = module_files()
    return {name: imported_modules(name, path, modules) for name, path in modules.items()}


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """One cycle per group of modules that import each other (a -> b -> ... -> a), found by depth-first search."""
    found, state = [], {}

    def visit(module: str, path: list[str]) -> None:
        state[module] = "open"
        path.append(module)
        for target in sorted(graph.get(module, ())):
            if state.get(target) == "open":
                found.append(path[path.index(target):] + [target])
            elif target not in state:
                visit(target, path)
        path.pop()
        state[module] = "done"

    for module in sorted(graph):
        if module not in state:
            visit(module, [])
    return found


def reaches(graph: dict[str, set[str]], start: str, goal: str) -> bool:
    seen, todo = set(), [start]
    while todo:
        module = todo.pop()
        if module == goal:
            return True
        if module not in seen:
            seen.add(module)
            todo.extend(graph.get(module, ()))
    return False


def test_every_module_imports_on_its_own_in_a_fresh_interpreter():
    names = sorted(module_files())
    done = subprocess.run([sys.executable, "-c", IMPORT_EACH, *names], cwd=PROJECT_ROOT, capture_output=True,
                          text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "", "Modules that do not import on their own:\n" + done.stdout


def test_the_import_graph_has_no_cycle():
    found = cycles(import_graph())
    assert not found, "Import cycles:\n" + "\n".join(" -> ".join(cycle) for cycle in found)


def test_no_module_imports_from_a_package_above_it_that_imports_it_back():
    graph = import_graph()
    upward = [f"{module} -> {target}" for module, targets in graph.items() for target in targets
              if module.startswith(target + ".") and reaches(graph, target, module)]
    assert not upward, "Upward imports:\n" + "\n".join(upward)


# -- The checks themselves, on small hand-made graphs -----------------------------------------------------------


def test_a_cycle_is_named_module_by_module():
    graph = {"socieux.a": {"socieux.b"}, "socieux.b": {"socieux.c"}, "socieux.c": {"socieux.a"}, "socieux.d": set()}
    assert cycles(graph) == [["socieux.a", "socieux.b", "socieux.c", "socieux.a"]]
    assert cycles({"socieux.a": {"socieux.b"}, "socieux.b": set()}) == []


def test_imports_in_functions_for_typing_and_from_a_package_count(tmp_path):
    modules = {"socieux.pkg": tmp_path / "pkg" / "__init__.py", "socieux.pkg.sub": tmp_path / "pkg" / "sub.py",
               "socieux.pkg.other": tmp_path / "pkg" / "other.py", "socieux.top": tmp_path / "top.py"}
    path = modules["socieux.pkg.sub"]
    path.parent.mkdir()
    path.write_text("from typing import TYPE_CHECKING\nfrom socieux.pkg import other, Thing\n"
                    "if TYPE_CHECKING:\n    from socieux.top import T\n"
                    "def late():\n    import socieux.pkg.other.deep\n")
    assert imported_modules("socieux.pkg.sub", path, modules) == {"socieux.pkg.other", "socieux.pkg", "socieux.top"}
