"""Derivatives by a vector or a matrix, as the calculus handlers ask for them: at symbolic
sizes the closed form of `matcalc` with its derivation, at numeric sizes the matrix of
partials with the shape of the variable (denominator layout)."""
from __future__ import annotations

from ..render.latex import latex
from ..semantics.kinds import built_matrix, is_matrix
from ..semantics.matexpr import Entry
from ..syntax import ast
from . import matcalc
from .names import lookup
from .registry import Context


def matrix_variable(node, ctx: Context):
    """The vector or matrix that `\\partial \\mathbf{X}` or `\\nabla_{\\mathbf{x}}` names: a
    declared matrix of symbolic size, or one whose entries are symbols; else None."""
    if not isinstance(node, (ast.Name, ast.Subscript)):
        return None
    from ..errors import SymmlError
    from .names import subscripted_name

    try:
        name = node.name if isinstance(node, ast.Name) else subscripted_name(node, ctx)
    except SymmlError:
        return None
    value = lookup(ctx, name)
    if matcalc.is_symbolic(value) and getattr(value, "is_symbol", False):
        return value
    if is_matrix(value) and not matcalc.is_symbolic(value) \
            and all(getattr(x, "is_Symbol", False) for x in value) and len(set(value)) == len(value):
        return value
    return None


def body(node, ctx: Context):
    """The value to differentiate, with a 1×1 product (wᵀx, xᵀAx) as a scalar entry."""
    from ..semantics.kinds import UserFunction

    value = ctx.value_of(node)
    if isinstance(value, UserFunction):
        value = value.body
    return dots_as_entries(matcalc.scalar_form(value), ctx)


def dots_as_entries(value, ctx: Context):
    r"""`\sum_{i=1}^{n} v_i w_i` (how a dot product of declared vectors of size n is
    evaluated) back to the matrix expression vᵀw, so that it can be differentiated."""
    from sympy import Indexed, Sum

    if not hasattr(value, "atoms"):
        return value
    swaps = {}
    for total in value.atoms(Sum):
        function = total.function
        factors = function.args if function.is_Mul else (function.base,) * 2 \
            if function.is_Pow and function.exp == 2 else ()
        if len(factors) == 2 and all(isinstance(f, Indexed) for f in factors):
            a, b = (lookup(ctx, str(f.base)) for f in factors)
            if matcalc.is_symbolic(a) and matcalc.is_symbolic(b):
                swaps[total] = Entry(a.T * b)
    return value.xreplace(swaps) if swaps else value


def derivative(node, X, ctx: Context):
    """∂f/∂X for the expression `node`."""
    value = body(node, ctx)
    if matcalc.is_symbolic(X):
        return closed_form(value, X, ctx)
    return partials(value, X, ctx)


def closed_form(value, X, ctx: Context, name=None):
    """∂f/∂X by differentials; `name` is how f is written in the steps (f unless told)."""
    from ..steps.matsteps import derivation

    rules = [] if ctx.want_steps else None
    df, result = matcalc.derivative(value, X, rules)
    result = presentable(result)
    if ctx.want_steps:
        jacobian = is_matrix(value) and value.shape != (1, 1)
        for step in derivation(value, X, rules, df, result, jacobian=jacobian, name=name):
            ctx.add_step(step)
    return result


def presentable(result):
    """(X⁻¹)ᵀ as the Cookbook writes it, rather than SymPy's (Xᵀ)⁻¹."""
    from sympy import Inverse, Transpose

    swaps = {inv: Transpose(Inverse(inv.arg.arg))
             for inv in result.atoms(Inverse) if isinstance(inv.arg, Transpose)}
    return result.xreplace(swaps) if swaps else result


def partials(value, X, ctx: Context, name=None):
    """Numeric sizes: a scalar's partials in the shape of X; a vector's Jacobian."""
    from sympy import Basic

    from ..errors import ShapeError, SymmlError
    from ..semantics.kinds import describe
    from ..semantics.derivatives import real_diff
    from ..steps.matsteps import entrywise

    if not (is_matrix(value) or isinstance(value, Basic)):
        raise SymmlError(f"cannot differentiate {describe(value)} by a vector or matrix: "
                         "write it applied, as in f(x, y), or define it first")
    if is_matrix(value):
        if not (value.shape[1] == 1 and X.shape[1] == 1):
            raise ShapeError("the derivative of a vector or matrix by a matrix is a tensor; "
                             "symml differentiates scalars by vectors and matrices and "
                             "vectors by vectors")
        result = built_matrix(len(value), len(X), (real_diff(f, x) for f in value for x in X))
    else:
        result = built_matrix(X.rows, X.cols, (real_diff(value, x) for x in X))
    if ctx.want_steps:
        for step in entrywise(X, result, name):
            ctx.add_step(step)
    return result


def hessian(node, X, ctx: Context):
    """∇²_x f: the Jacobian of the gradient."""
    from ..errors import ShapeError

    value = body(node, ctx)
    if is_matrix(value):
        raise ShapeError("the Hessian needs a scalar function", node.span)
    from sympy import Symbol

    from ..steps.notation_calculus import Leibniz, Nabla

    gradient_name = Nabla(Symbol("f"))
    if not matcalc.is_symbolic(X):
        return partials(partials(value, X, ctx), X, ctx, gradient_name)
    gradient = closed_form(value, X, ctx)
    ctx.step("Hessian: the Jacobian of the gradient", Nabla(Symbol("f"), 2),
             Leibniz(gradient_name, X, partial=True))
    return closed_form(gradient, X, ctx, gradient_name)
