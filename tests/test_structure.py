"""How the package is put together: no import cycle between its modules, even one hidden by an
import inside a function."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from ttx_data.paths import PROJECT_ROOT

PACKAGE = PROJECT_ROOT / "ttx_data"


def _module_name(path: Path) -> str:
    parts = path.relative_to(PROJECT_ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _modules() -> dict[str, Path]:
    return {_module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def import_graph() -> dict[str, set[str]]:
    """Module -> the package modules it imports, wherever the import statement stands."""
    modules = _modules()
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        found: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                    base = ".".join([*anchor, base] if base else anchor)
                found.add(base)
                found.update(f"{base}.{alias.name}" for alias in node.names)
        graph[name] = {m for m in found if m in modules and m != name and m != "ttx_data"}
    return graph


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import cycle as a path that ends where it starts, or None."""
    state: dict[str, int] = {}  # 1 = on the current path, 2 = done
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for target in sorted(graph.get(node, ())):
            if state.get(target) == 1:
                return [*path[path.index(target) :], target]
            if target not in state and (cycle := visit(target)):
                return cycle
        path.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state and (cycle := visit(node)):
            return cycle
    return None


def test_the_graph_sees_imports_inside_functions():
    graph = import_graph()
    assert "ttx_data.snapshots" in graph["ttx_data.ui.data"]
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None


def test_no_import_cycle_between_package_modules():
    cycle = find_cycle(import_graph())
    assert cycle is None, "import cycle: " + " -> ".join(cycle or [])


PLAN_NUMBERS = {2020, 2025, 2030, 37}
"""The plan's years (baseline, latest data, target) and its forest-cover target (%)."""
PLAN_NUMBER_TEXT = r"(?<![\w.])(" + "|".join(map(str, sorted(PLAN_NUMBERS))) + r")(?![\w])"

WRITTEN_ONCE_IN = {
    "ttx_data/plan.py": "the plan's calendar, where the years are defined",
    "ttx_data/generate.py": "the generator of illustrative data: its designed yearly values",
}


def plan_numbers_written(path: Path) -> list[str]:
    """Number literals of the plan's years and forest target in a module's code (not its text)."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if (
            isinstance(node, ast.Constant)
            and isinstance(node.value, (int, float))
            and not isinstance(node.value, bool)
            and node.value in PLAN_NUMBERS
        ):
            found.append(f"{path.relative_to(PROJECT_ROOT)}:{node.lineno}: {node.value!r}")
    return found


def test_the_plan_years_and_the_forest_target_are_written_once():
    written = [
        hit
        for path in [*sorted(PACKAGE.rglob("*.py")), *sorted(PROJECT_ROOT.glob("pages/*.py"))]
        if str(path.relative_to(PROJECT_ROOT)) not in WRITTEN_ONCE_IN
        for hit in plan_numbers_written(path)
    ]
    assert not written, "read these from ttx_data.plan or the catalog:\n" + "\n".join(written)
    sql = [
        f"{path.name}: {line.strip()}"
        for path in sorted((PROJECT_ROOT / "queries").glob("*.sql"))
        for line in path.read_text(encoding="utf-8").splitlines()
        if not line.lstrip().startswith("--") and re.search(PLAN_NUMBER_TEXT, line.split("--")[0])
    ]
    assert not sql, "queries take years as parameters or from the data:\n" + "\n".join(sql)
