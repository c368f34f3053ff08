"""Literals that hold several values: matrices, lists, tuples, sets, tables, strings."""
from __future__ import annotations

from ..errors import ShapeError, SymmlError
from ..limits import check_entries
from ..semantics.kinds import Text, describe, is_array, is_matrix, is_scalar
from ..syntax import ast
from .registry import Context, calls, handles


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
    """`[1, 0, 1, 1]` is a column vector of data; `[[1, 2], [3, 4]]` (lists of one length,
    as NumPy reads them) a matrix of rows, one level deeper a tensor; anything else a tuple."""
    from sympy import ImmutableMatrix, Tuple

    check_entries(len(node.items), node)
    values = [ctx.value_of(item) for item in node.items]
    if values and all(is_scalar(v) for v in values):
        return ImmutableMatrix(values)
    if values and all(isinstance(item, ast.ListLit) for item in node.items) \
            and len({getattr(v, "shape", None) for v in values}) == 1 \
            and getattr(values[0], "shape", None):
        return _stacked(values, node)
    return Tuple(*values)


def _stacked(rows, node):
    """Equal-shaped nested lists: columns become the rows of a matrix, matrices and
    tensors the slices of a tensor one rank higher."""
    from sympy import ImmutableDenseNDimArray, ImmutableMatrix

    inner = rows[0].shape
    check_entries(len(rows) * len(list(rows[0])), node)
    if inner[1:] == (1,):
        return ImmutableMatrix([list(row) for row in rows])
    return ImmutableDenseNDimArray([row.tolist() for row in rows], (len(rows),) + inner)


@calls("array")
def array_call(node: ast.Call, ctx: Context):
    """`np.array([[1, 2], [3, 4]])`, as the guide's NumPy code writes a matrix."""
    if len(node.args) != 1:
        raise SymmlError("np.array takes one nested list: np.array([[1, 2], [3, 4]])",
                         node.span)
    value = ctx.value_of(node.args[0])
    if not (is_matrix(value) or is_array(value)):
        raise ShapeError(f"np.array needs a list of numbers or of equal-length lists, got "
                         f"{describe(value)}", node.args[0].span)
    return value


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

    from ..semantics.operands import require_value

    if isinstance(node, ast.Dots):  # x_1, \ldots, x_n: the elided entries, as written
        from sympy import Symbol

        return Symbol(r"\ldots")
    value = require_value(ctx.value_of(node), node)
    if not isinstance(value, Basic):
        raise ShapeError(f"{describe(value)} cannot be an element of a tuple or set", node.span)
    return value


@handles(ast.String)
def string_value(node: ast.String, ctx: Context):
    return Text(node.text)
