"""The layering of docs/ARCHITECTURE.md: the printers in render/ import nothing above them."""
from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "symml"


def _imported_modules(path: Path) -> set[str]:
    """Every `symml.…` module a file imports, at top level or inside a function."""
    package = "symml." + ".".join(path.relative_to(PACKAGE).parent.parts)
    package = package.rstrip(".")
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            base = package.split(".")
            if node.level:
                base = base[:len(base) - node.level + 1]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            found.add(module)
            found.update(f"{module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return {m for m in found if m == "symml" or m.startswith("symml.")}


def test_render_imports_nothing_above_it():
    above = ("symml.workspace", "symml.evaluators", "symml.export", "symml.checker", "symml.cli")
    for path in sorted((PACKAGE / "render").glob("*.py")):
        bad = {m for m in _imported_modules(path) if m.startswith(above)}
        assert not bad, f"{path.name} imports {sorted(bad)}"


def test_render_holds_only_printers():
    names = {path.stem for path in (PACKAGE / "render").glob("*.py")}
    assert names == {"__init__", "latex", "pretty", "terminal", "unicode", "display",
                     "probability_notation"}


def test_exports_live_in_export_package():
    from symml.export import formats

    assert formats.FORMATS["tex"].render.__module__ == "symml.export.tex"
    assert formats.FORMATS["pdf"].render.__module__ == "symml.export.pdf"


def test_cli_format_choices_come_from_the_one_table():
    from symml.cli import build_parser
    from symml.export.formats import FORMATS, SUFFIXES

    solve = build_parser()._subparsers._group_actions[0].choices["solve"]
    choices = next(a.choices for a in solve._actions if a.dest == "format")
    assert list(choices) == list(FORMATS) == ["tex", "pdf", "md", "html", "json"]
    assert SUFFIXES["markdown"] == "md" and SUFFIXES["htm"] == "html"
    assert [name for name, fmt in FORMATS.items() if fmt.binary] == ["pdf"]


def test_cli_keeps_no_list_of_formats_of_its_own():
    text = (PACKAGE / "cli.py").read_text(encoding="utf-8")
    assert '"tex", "pdf"' not in text and "SUFFIXES = " not in text


def test_solution_sits_beside_result():
    import symml
    from symml.solution import Solution, solve_document

    assert symml.solve_document("x = 2").__class__ is Solution
    assert solve_document("% T\nx = 2").title == "T"


def _simple_cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    nodes, found = sorted(graph), []
    for i, start in enumerate(nodes):
        allowed, stack = set(nodes[i:]), [(start, [start])]
        while stack:
            node, path = stack.pop()
            for after in graph[node]:
                if after == start:
                    found.append(path)
                elif after in allowed and after not in path:
                    stack.append((after, path + [after]))
    return found


def test_no_import_cycles_among_evaluators():
    """Function-level imports count. There were 26 simple cycles before the AST query
    `mentions` left statements.py for syntax/, then five pairs until value kinds and
    coercions moved down into semantics/ (issue 13)."""
    paths = {f"symml.evaluators.{p.stem}": p for p in (PACKAGE / "evaluators").glob("*.py")
             if p.stem != "__init__"}
    graph = {module: (_imported_modules(path) & set(paths)) - {module}
             for module, path in paths.items()}
    assert "symml.evaluators.statements" not in graph["symml.evaluators.linalg"]
    cycles = _simple_cycles(graph)
    assert cycles == [], "import cycles: " + "; ".join(" -> ".join(c) for c in cycles)


def test_semantics_imports_nothing_above_it():
    above = ("symml.evaluators", "symml.workspace", "symml.export")
    for path in sorted((PACKAGE / "semantics").glob("*.py")):
        bad = {m for m in _imported_modules(path) if m.startswith(above)}
        assert not bad, f"{path.name} imports {sorted(bad)}"
