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


def _replace(root: ast.Node, letter: str) -> ast.Node:
    """A copy of root with every Name(letter) an ImaginaryLetter, rebuilt bottom-up without
    recursion (a 10,000-term sum is as deep as it is long)."""
    done: dict[int, ast.Node] = {}
    stack = [(root, False)]
    while stack:
        node, expanded = stack.pop()
        if id(node) in done:
            continue
        if _is_letter(node, letter):
            done[id(node)] = ast.ImaginaryLetter(letter, span=node.span)
            continue
        children = node.children()
        if children and not expanded:
            stack.append((node, True))
            stack.extend((child, False) for child in children)
            continue
        changes = {f.name: _swapped(getattr(node, f.name), done)
                   for f in dataclasses.fields(node) if f.name != "span"}
        done[id(node)] = dataclasses.replace(node, **changes)
    return done[id(root)]


def _swapped(value, done: dict):
    if isinstance(value, ast.Node):
        return done.get(id(value), value)
    if isinstance(value, tuple):
        return tuple(_swapped(item, done) for item in value)
    return value
