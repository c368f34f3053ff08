"""Literals that hold several values: matrices, lists, tuples, sets, tables, strings."""
from __future__ import annotations

from ..errors import ShapeError
from ..limits import check_entries
from ..semantics.kinds import Text, describe, is_scalar
from ..syntax import ast
from .registry import Context, handles


@handles(ast.MatrixLit)
def matrix_value(node: ast.MatrixLit, ctx: Context):
    from sympy import ImmutableMatrix

    check_entries(sum(len(row) for row in node.rows), node)
    rows = []
    for row in node.rows:
        values = []
        for entry in row:
            value = ctx.value_of(entry)
            if not is_scalar(value):
                raise ShapeError(f"a matrix entry must be a scalar, got {describe(value)}",
                                 entry.span)
            values.append(value)
        rows.append(values)
    return ImmutableMatrix(rows)


@handles(ast.ListLit)
def list_value(node: ast.ListLit, ctx: Context):
    """`[1, 0, 1, 1]` is a column vector of data; anything else a tuple."""
    from sympy import ImmutableMatrix, Tuple

    check_entries(len(node.items), node)
    values = [ctx.value_of(item) for item in node.items]
    if values and all(is_scalar(v) for v in values):
        return ImmutableMatrix(values)
    return Tuple(*values)


@handles(ast.TupleLit)
def tuple_value(node: ast.TupleLit, ctx: Context):
    from sympy import Tuple

    return Tuple(*[_member(item, ctx) for item in node.items])


@handles(ast.SetLit)
def set_value(node: ast.SetLit, ctx: Context):
    from sympy import FiniteSet

    return FiniteSet(*[_member(item, ctx) for item in node.items])


@handles(ast.DictLit)
def dict_value(node: ast.DictLit, ctx: Context):
    from sympy import Dict

    return Dict({_member(key, ctx): _member(value, ctx) for key, value in node.pairs})


def _member(node: ast.Node, ctx: Context):
    """An element of a tuple, set or table: any SymPy value (not text or a function)."""
    from sympy import Basic

    from .arithmetic import require_value

    value = require_value(ctx.value_of(node), node)
    if not isinstance(value, Basic):
        raise ShapeError(f"{describe(value)} cannot be an element of a tuple or set", node.span)
    return value


@handles(ast.String)
def string_value(node: ast.String, ctx: Context):
    return Text(node.text)
