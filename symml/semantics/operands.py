"""What arithmetic can take: a sizeless `I` or `\\mathbf{0}` made a value, a function
refused until it has arguments, and anything but a scalar, matrix or tensor refused."""
from __future__ import annotations

from ..errors import ShapeError, SymmlError
from .kinds import FUNCTION_VALUES, describe
from .placeholders import IdentityLike, ZeroLike


def require_value(value, node):
    if isinstance(value, ZeroLike):
        from sympy import Integer

        return Integer(0)
    if isinstance(value, IdentityLike) and value.size is not None:
        return value.sized(value.size)
    if isinstance(value, IdentityLike):
        raise ShapeError("the size of I is unknown here; write I_n (e.g. I_3)", node.span)
    if isinstance(value, FUNCTION_VALUES):
        raise SymmlError(f"{describe(value)} needs arguments, as in {value.name}(x)", node.span)
    return value


def operand(value, node):
    """A value arithmetic can use: a scalar, matrix or tensor (not a tuple, set or text)."""
    from sympy import Expr, NDimArray
    from sympy.matrices import MatrixBase
    from sympy.matrices.expressions import MatrixExpr

    value = require_value(value, node)
    if not isinstance(value, (Expr, MatrixBase, NDimArray, MatrixExpr)):
        raise ShapeError(f"{describe(value)} cannot be used in arithmetic here", node.span)
    return value
