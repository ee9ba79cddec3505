"""The package structure of STYLE §1, read from the source with `ast` (nothing is imported, no app is built).

- No import cycles in portal/ and search/: every import counts, at module level, inside functions and under
  `if TYPE_CHECKING:` (a loop that only the type checker follows is still a loop in the design). Relative imports
  and `from package import submodule` are resolved to the module they load; importing a module is not counted as
  importing its parent packages (that would put every module in a cycle with portal/__init__.py, whose create_app
  imports every blueprint when called). Imports by string (importlib) are not seen.
- search/ and portal/domain/ import nothing from Flask; portal/domain/ nothing from SQLAlchemy either.
- No import kept only for its side effects (`# noqa: F401`) in portal/: routes come from URL tables.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("portal", "search")

# Import cycles accepted for now: none. Keep it that way; a new cycle fails test_no_new_import_cycles.
KNOWN_CYCLES: list[tuple[str, ...]] = []


def module_files(packages: tuple[str, ...] = PACKAGES, root: Path = ROOT) -> dict[str, Path]:
    """Dotted module name -> source file, for every .py file under the given top-level packages."""
    found: dict[str, Path] = {}
    for package in packages:
        for path in sorted((root / package).rglob("*.py")):
            parts = list(path.relative_to(root).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            found[".".join(parts)] = path
    return found


def _known(name: str, modules: dict[str, Path]) -> str | None:
    """`name` itself, or the longest known prefix of it (an attribute of a module resolves to that module)."""
    parts = name.split(".")
    while parts:
        candidate = ".".join(parts)
        if candidate in modules:
            return candidate
        parts.pop()
    return None


def imports_of(module: str, path: Path, modules: dict[str, Path]) -> set[str]:
    """The modules of `modules` that `module` imports (relative and package imports resolved to modules)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    targets: set[str] = set()
    for node in ast.walk(tree):  # functions and TYPE_CHECKING blocks included
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - (node.level - 1)]
                base = ".".join([*anchor, base] if base else anchor)
            # `from pkg import name`: the submodule pkg.name when there is one, else pkg itself.
            names = [f"{base}.{alias.name}" if f"{base}.{alias.name}" in modules else base for alias in node.names]
        else:
            continue
        for name in names:
            target = _known(name, modules)
            if target is not None and target != module:
                targets.add(target)
    return targets


def import_graph(packages: tuple[str, ...] = PACKAGES, root: Path = ROOT) -> dict[str, set[str]]:
    modules = module_files(packages, root)
    return {name: imports_of(name, path, modules) for name, path in modules.items()}


def _strongly_connected(graph: dict[str, set[str]]) -> list[set[str]]:
    """Tarjan's algorithm, iterative (the graph has a few hundred modules)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    components: list[set[str]] = []
    for start in sorted(graph):
        if start in index:
            continue
        work = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph.get(child, ())))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = set()
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.add(member)
                    if member == node:
                        break
                components.append(component)
    return components


def _rotated(cycle: list[str]) -> tuple[str, ...]:
    first = cycle.index(min(cycle))
    return tuple(cycle[first:] + cycle[:first])


def find_cycles(graph: dict[str, set[str]] | None = None, limit: int = 500) -> list[tuple[str, ...]]:
    """Every elementary import cycle (each once, starting from its smallest module), sorted; at most `limit`.

    Within each strongly connected component, a depth-first search from each member finds the cycles through it
    that visit only larger members, so each cycle is found exactly once.
    """
    graph = import_graph() if graph is None else graph
    cycles: set[tuple[str, ...]] = set()
    for component in _strongly_connected(graph):
        if len(component) < 2:
            continue
        for start in sorted(component):
            path = [start]
            work = [iter(sorted(t for t in graph[start] if t in component and t >= start))]
            while work and len(cycles) < limit:
                target = next(work[-1], None)
                if target is None:
                    work.pop()
                    path.pop()
                elif target == start:
                    cycles.add(_rotated(path))
                elif target not in path:
                    path.append(target)
                    work.append(iter(sorted(t for t in graph[target] if t in component and t >= start)))
    return sorted(cycles)


def _show(cycles: list[tuple[str, ...]]) -> str:
    return "\n".join(" -> ".join([*cycle, cycle[0]]) for cycle in cycles)


def test_find_cycles_reports_each_loop_once_and_resolves_relative_and_package_imports(tmp_path: Path) -> None:
    package = tmp_path / "pkg"
    (package / "sub").mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "a.py").write_text("from pkg.sub import b\n")  # a submodule through its package
    (package / "sub" / "__init__.py").write_text("")
    (package / "sub" / "b.py").write_text("def f():\n    from ..c import thing\n")  # relative, inside a function
    (package / "c.py").write_text("import pkg.a.attribute\n")  # an attribute path resolves to its module
    (package / "d.py").write_text("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from . import c\n")
    (package / "e.py").write_text("from pkg import d\n")
    graph = import_graph(("pkg",), tmp_path)
    assert graph == {
        "pkg": set(),
        "pkg.a": {"pkg.sub.b"},
        "pkg.sub": set(),
        "pkg.sub.b": {"pkg.c"},
        "pkg.c": {"pkg.a"},
        "pkg.d": {"pkg.c"},
        "pkg.e": {"pkg.d"},
    }
    assert find_cycles(graph) == [("pkg.a", "pkg.sub.b", "pkg.c")]
    assert find_cycles({"x": {"y", "z"}, "y": {"x", "z"}, "z": {"x"}}) == [
        ("x", "y"),
        ("x", "y", "z"),
        ("x", "z"),
    ]


def test_no_import_cycle_beyond_the_known_ones() -> None:
    cycles = find_cycles()
    new = [cycle for cycle in cycles if cycle not in KNOWN_CYCLES]
    assert not new, f"{len(new)} new import cycle(s) in portal/ and search/:\n{_show(new)}"


def test_the_known_cycles_still_exist() -> None:
    """A loop that was broken leaves the list, so it cannot come back unnoticed."""
    cycles = set(find_cycles())
    gone = [cycle for cycle in KNOWN_CYCLES if cycle not in cycles]
    assert not gone, f"these cycles are gone; remove them from KNOWN_CYCLES:\n{_show(gone)}"


# HTTP glue of one feature used by another, waiting for issue 14's labels-once and URLs-once work. Shared helpers
# live in neutral modules (portal/form_helpers.py, search_args.py, sign_in.py, submissions/guesses.py); do not add here.
KNOWN_CROSS_FEATURE_IMPORTS = [
    ("portal.enterprise.routes", "portal.reports.routes"),  # signer()
    ("portal.follows.mail", "portal.public.routes"),  # RECORD_ENDPOINTS
    ("portal.public.views_site", "portal.cms.views_public"),  # render_index
    ("portal.review.bindings", "portal.enterprise.forms"),  # DecisionForm
]


def _is_web_glue(module: str) -> bool:
    """A blueprint's routes, views or forms; every module of the JSON API is HTTP glue too."""
    name = module.rpartition(".")[2]
    return name in ("routes", "forms") or name.startswith("views_") or module.startswith("portal.api.")


def test_features_do_not_import_each_others_routes_views_or_forms() -> None:
    graph = import_graph()
    found = sorted(
        (module, target)
        for module, targets in graph.items()
        for target in targets
        if module.count(".") >= 2 and _is_web_glue(target) and target.split(".")[1] != module.split(".")[1]
    )
    new = [pair for pair in found if pair not in KNOWN_CROSS_FEATURE_IMPORTS]
    assert not new, "\n".join(f"{module} imports {target}" for module, target in new)


def _imported_names(path: Path) -> set[str]:
    """Dotted names of every module a file imports (relative imports stay inside the project, so they are skipped)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module)
    return names


def _offenders(folder: str, forbidden: tuple[str, ...]) -> list[str]:
    found = []
    for path in sorted((ROOT / folder).rglob("*.py")):
        for name in sorted(_imported_names(path)):
            if name.split(".")[0] in forbidden:
                found.append(f"{path.relative_to(ROOT)} imports {name}")
    return found


def test_search_imports_neither_flask_nor_portal() -> None:
    assert _offenders("search", ("flask", "flask_babel", "flask_login", "flask_wtf", "werkzeug", "portal")) == []


def test_domain_imports_neither_flask_nor_sqlalchemy() -> None:
    forbidden = ("flask", "flask_babel", "flask_login", "flask_wtf", "flask_sqlalchemy", "werkzeug", "sqlalchemy")
    assert _offenders("portal/domain", forbidden) == []


def test_the_purity_checks_see_imports_inside_functions(tmp_path: Path) -> None:
    module = tmp_path / "m.py"
    module.write_text("def f():\n    from flask import g\n    import sqlalchemy.orm\n")
    assert _imported_names(module) == {"flask", "sqlalchemy.orm"}


SIDE_EFFECT_IMPORT = re.compile(r"^\s*(?:from\s+\S+\s+)?import\b.*#\s*noqa:[^#\n]*\bF401\b", re.MULTILINE)


def test_no_import_is_kept_only_for_its_side_effects() -> None:
    found = [
        f"{path.relative_to(ROOT)}:{text[: match.start()].count(chr(10)) + 1}: {match.group(0).strip()}"
        for path in sorted((ROOT / "portal").rglob("*.py"))
        for text in [path.read_text(encoding="utf-8")]
        for match in SIDE_EFFECT_IMPORT.finditer(text)
    ]
    assert found == []
