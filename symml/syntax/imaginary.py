r"""`i` and `j` as the imaginary unit, where the formula is complex.

ML notes use i and j as indices, so a letter stays a symbol unless the statement writes a
complex number: a number times the letter (`3 + 4i`, `2j`) or the letter in a power of e
(`e^{i\pi}`, `e^{-j\omega t}`), and the letter is never an index there (a subscript, the
variable of a sum or product). Then every `i` (or `j`) of the statement is the unit.
"""
from __future__ import annotations

import dataclasses

from . import ast

LETTERS = ("i", "j")


def read_imaginary_units(node: ast.Node) -> ast.Node:
    for letter in LETTERS:
        if _is_complex(node, letter) and not _is_index(node, letter):
            return _replace(node, letter)
    return node


def _walk(node: ast.Node):
    stack = [node]
    while stack:
        current = stack.pop()
        yield current
        stack.extend(current.children())


def _is_letter(node, letter: str) -> bool:
    return isinstance(node, ast.Name) and node.name == letter


def _is_complex(node: ast.Node, letter: str) -> bool:
    for current in _walk(node):
        if isinstance(current, ast.Juxtapose) and any(
                isinstance(a, ast.Number) and _is_letter(b, letter)
                for a, b in zip(current.factors, current.factors[1:])):
            return True  # 4i
        if isinstance(current, ast.Power) and _is_letter(current.base, "e") and any(
                _is_letter(part, letter) for part in _walk(current.exponent)):
            return True  # e^{i\pi}
    return False


def _is_index(node: ast.Node, letter: str) -> bool:
    for current in _walk(node):
        if isinstance(current, ast.Subscript) and any(
                _is_letter(part, letter) for index in current.index for part in _walk(index)):
            return True
        if isinstance(current, (ast.BigOp, ast.Limit)) and current.children() and any(
                _is_letter(part, letter) for bound in (getattr(current, "lower", None),
                                                       getattr(current, "variable", None))
                if bound is not None for part in _walk(bound)):
            return True
    return False


def _replace(node, letter: str):
    """A copy of node with every Name(letter) an ImaginaryLetter."""
    if _is_letter(node, letter):
        return ast.ImaginaryLetter(letter, span=node.span)
    if isinstance(node, tuple):
        return tuple(_replace(item, letter) for item in node)
    if not isinstance(node, ast.Node):
        return node
    changes = {f.name: _replace(getattr(node, f.name), letter)
               for f in dataclasses.fields(node) if f.name != "span"}
    return dataclasses.replace(node, **changes)
