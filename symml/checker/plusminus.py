r"""`\pm` anywhere in an answer: `\frac{5 \pm \sqrt{17}}{2}` is the set of the values with
`+` and with `-` (each `\pm` chooses its sign independently; at most MAX_SIGNS of them)."""
from __future__ import annotations

from dataclasses import fields, replace

from ..errors import LimitExceeded
from ..syntax import ast

MAX_SIGNS = 4


def has_plus_minus(node: ast.Node) -> bool:
    stack = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, ast.PlusMinus):
            return True
        stack.extend(current.children())
    return False


def sign_choices(node: ast.Node) -> list[ast.Node]:
    """Every reading of `node` with each `a \\pm b` replaced by `a + b` or by `a - b`."""
    readings = [node]
    for _ in range(MAX_SIGNS):
        expanded = []
        for reading in readings:
            found = _first_choice(reading)
            if found is None:
                return readings
            expanded += found
        readings = expanded
    if any(has_plus_minus(r) for r in readings):
        raise LimitExceeded(f"more than {MAX_SIGNS} \\pm signs in one answer", node.span)
    return readings


def _first_choice(node: ast.Node):
    """[node with its first ± as +, node with it as −], or None if it has none."""
    if isinstance(node, ast.PlusMinus):
        return [ast.Add(node.left, node.right, span=node.span),
                ast.Sub(node.left, node.right, span=node.span)]
    for item in fields(node):
        value = getattr(node, item.name)
        if isinstance(value, ast.Node):
            choices = _first_choice(value)
            if choices is not None:
                return [replace(node, **{item.name: c}) for c in choices]
        elif isinstance(value, tuple):
            choices = _first_in_tuple(value)
            if choices is not None:
                return [replace(node, **{item.name: c}) for c in choices]
    return None


def _first_in_tuple(items: tuple):
    for index, item in enumerate(items):
        if isinstance(item, ast.Node):
            choices = _first_choice(item)
        elif isinstance(item, tuple):
            choices = _first_in_tuple(item)
        else:
            continue
        if choices is not None:
            return [items[:index] + (c,) + items[index + 1:] for c in choices]
    return None
