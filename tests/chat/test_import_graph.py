"""The chat package has no import cycle, counting every `import` statement (function-level and TYPE_CHECKING ones
too), and portal/chat/types.py is a leaf that imports nothing from the package.

Run as a script to print the graph: `python -m tests.chat.test_import_graph`.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = "portal.chat"
ROOT = Path(__file__).resolve().parents[2] / "portal" / "chat"


def _imported(node: ast.AST) -> list[str]:
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
        # `from portal.chat import lookups` names a module; `from portal.chat.x import y` names x.
        if node.module == PACKAGE:
            return [f"{PACKAGE}.{alias.name}" for alias in node.names]
        return [node.module]
    return []


def graph(root: Path = ROOT) -> dict[str, set[str]]:
    """Module → the package's modules it imports anywhere in its body (ast walk, not only the top level)."""
    modules = {f"{PACKAGE}.{p.stem}" for p in root.glob("*.py") if p.stem != "__init__"}
    edges: dict[str, set[str]] = {}
    for path in sorted(root.glob("*.py")):
        name = PACKAGE if path.stem == "__init__" else f"{PACKAGE}.{path.stem}"
        tree = ast.parse(path.read_text(encoding="utf-8"))
        found = {m for node in ast.walk(tree) for m in _imported(node)}
        edges[name] = {m for m in found if m in modules and m != name}
    return edges


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    out: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(edges.get(node, ())):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                item = stack.pop()
                on_stack.discard(item)
                component.append(item)
                if item == node:
                    break
            if len(component) > 1:
                out.append(sorted(component))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return out


def test_the_walker_sees_a_cycle_hidden_in_a_function(tmp_path: Path) -> None:
    (tmp_path / "a.py").write_text("from portal.chat import b\n", encoding="utf-8")
    (tmp_path / "b.py").write_text("def f():\n    from portal.chat.a import x\n", encoding="utf-8")
    (tmp_path / "c.py").write_text("import json\n", encoding="utf-8")
    assert cycles(graph(tmp_path)) == [["portal.chat.a", "portal.chat.b"]]


def test_the_chat_package_has_no_import_cycle() -> None:
    assert cycles(graph()) == []


def test_types_is_a_leaf_module() -> None:
    assert graph()["portal.chat.types"] == set()


if __name__ == "__main__":
    for module, targets in sorted(graph().items()):
        print(f"{module} -> {', '.join(sorted(t.removeprefix(PACKAGE + '.') for t in targets)) or '-'}")
    print("cycles:", cycles(graph()) or "none")
