"""Whether an AST mentions a name: shared by statements, linear systems and the checker."""
from __future__ import annotations

from . import ast


def mentions(node: ast.Node, name: str) -> bool:
    """Whether `name` itself appears (its entries `v_1` do not count: `v = [v_1, v_2]`)."""
    stack = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, ast.Name) and current.name == name:
            return True
        if isinstance(current, ast.Subscript) and isinstance(current.base, ast.Name):
            stack.extend(current.index)
            continue
        stack.extend(current.children())
    return False
