"""+, -, products (implicit, \\cdot, \\times, ⊙), /, powers, transpose, |x|, norms."""
from __future__ import annotations

from ..errors import DomainError, ShapeError
from ..semantics.kinds import (FUNCTION_VALUES, describe, is_array, is_explicit, is_matrix,
                               is_scalar, is_vector)
from ..semantics.operands import operand
from ..semantics.placeholders import IdentityLike, ZeroLike
from ..syntax import ast
from . import functions, linalg
from .functions import apply_function, call_key, compose
from .registry import Context, handles, inline


def _sized(a, b, product: bool = False):
    """Give `I` the size of the square matrix beside it, and `\\mathbf{0}` the shape that
    fits (the other operand's, or in a product the vector it multiplies)."""
    if isinstance(a, IdentityLike) and is_matrix(b):
        a = a.sized(b.shape[0])
    if isinstance(b, IdentityLike) and is_matrix(a):
        b = b.sized(a.shape[1])
    if isinstance(a, ZeroLike):
        a = a.sized((1, b.shape[0]) if product else b.shape) if is_matrix(b) else 0
    if isinstance(b, ZeroLike):
        b = b.sized((a.shape[1], 1) if product else a.shape) if is_matrix(a) else 0
    return a, b


def _entry_if_1x1(a, b):
    """A 1×1 matrix beside a scalar is its entry: `θ - η ∇J(θ)` for J of one variable."""
    if is_matrix(a) and a.shape == (1, 1) and is_scalar(b):
        return _entry(a), b
    if is_matrix(b) and b.shape == (1, 1) and is_scalar(a):
        return a, _entry(b)
    return a, b


def _entry(matrix):
    """The entry of a 1×1 matrix; of a 1×1 matrix expression (xᵀAx), that expression as a
    scalar."""
    from .matcalc import is_symbolic, scalar_form

    return scalar_form(matrix) if is_symbolic(matrix) else matrix[0]


# --- sums ------------------------------------------------------------------------------
def _flatten_sum(node):
    """Iteratively unroll a long left-leaning chain of + and - into (sign, term) pairs."""
    terms = []
    while isinstance(node, (ast.Add, ast.Sub)):
        terms.append((1 if isinstance(node, ast.Add) else -1, node.right))
        node = node.left
    terms.append((1, node))
    terms.reverse()
    return terms


@handles(ast.Add, ast.Sub)
def sum_value(node, ctx: Context):
    """Scalars are added in one SymPy Add (linear, not one Add per term); anything else
    (matrices, I, 0 vectors) pairwise with shape checks."""
    from sympy import Add, Integer

    terms = [(sign, ctx.value_of(term), term) for sign, term in _flatten_sum(node)]
    if all(getattr(value, "is_Number", False) for _, value, _ in terms):
        # numbers add directly (`Add` would first import sympy.tensor: 20 ms of start-up)
        return sum((value if sign > 0 else -value for sign, value, _ in terms), Integer(0))
    if all(is_scalar(value) for _, value, _ in terms):
        return Add(*[value if sign > 0 else -value for sign, value, _ in terms])
    total = terms[0][1]
    for sign, value, term in terms[1:]:
        total = add(total, value, sign, term)
    return total


def add(a, b, sign: int, node):
    if isinstance(a, IdentityLike) and isinstance(b, IdentityLike):
        return a.scaled(a.coefficient + sign * b.coefficient)
    a, b = _entry_if_1x1(*_sized(a, b))
    if is_matrix(a) or is_matrix(b) or is_array(a) or is_array(b):
        if getattr(a, "shape", None) == getattr(b, "shape", None):
            return a + b if sign > 0 else a - b
        if is_scalar(b) and b == 0:
            return a
        if is_scalar(a) and a == 0:
            return b if sign > 0 else -b
        verb = "add" if sign > 0 else "subtract"
        raise ShapeError(f"cannot {verb} {describe(a)} and {describe(b)}: the shapes differ",
                         node.span)
    a, b = operand(a, node), operand(b, node)
    return a + b if sign > 0 else a - b


@handles(ast.Neg)
def neg_value(node: ast.Neg, ctx: Context):
    value = ctx.value_of(node.operand)
    if isinstance(value, IdentityLike):
        return value.scaled(-value.coefficient)
    return -operand(value, node)


@handles(ast.PlusMinus)
def plus_minus_value(node: ast.PlusMinus, ctx: Context):
    from sympy import FiniteSet

    a, b = ctx.value_of(node.left), ctx.value_of(node.right)
    return FiniteSet(a + b, a - b)


# --- products --------------------------------------------------------------------------
@handles(ast.Juxtapose)
def juxtapose_value(node: ast.Juxtapose, ctx: Context):
    r"""Left to right; a function value takes the factor after it (`a \operatorname{sign} x`)."""
    factors = _calls_written_without_parentheses(node.factors, ctx)
    values = [ctx.value_of(factor) for factor in factors]
    i = 0
    while i < len(values) - 1:
        if isinstance(values[i], FUNCTION_VALUES):
            values[i:i + 2] = [apply_function(values[i], [values[i + 1]], ctx, factors[i + 1])]
            factors[i:i + 2] = [factors[i + 1]]
        else:
            i += 1
    value, left = values[0], factors[0]
    for factor, right in zip(values[1:], factors[1:]):
        value = multiply(value, factor, ctx, left, right)
        left = right
    return value


def _calls_written_without_parentheses(factors, ctx: Context) -> list:
    r"""`\operatorname{tr} A`, `\operatorname{eig} A`: a named operation takes the next factor."""
    from .names import lookup
    from .registry import CALL_HANDLERS

    out, i = [], 0
    while i < len(factors):
        factor = factors[i]
        if isinstance(factor, ast.Name) and len(factor.name) > 1 \
                and factor.name in CALL_HANDLERS and lookup(ctx, factor.name) is None \
                and i + 1 < len(factors):
            out.append(ast.Call(factor, (factors[i + 1],), span=factor.span))
            i += 2
        else:
            out.append(factor)
            i += 1
    return out


def multiply(a, b, ctx: Context, left_node, right_node):
    """Implicit multiplication by kinds: scalar·x, matrix product, function application."""
    if isinstance(a, FUNCTION_VALUES):
        return apply_function(a, [b], ctx, right_node)
    if isinstance(a, IdentityLike) and isinstance(b, IdentityLike):
        return a.scaled(a.coefficient * b.coefficient)
    if isinstance(a, IdentityLike) and is_scalar(b):
        return a.scaled(a.coefficient * b)
    if isinstance(b, IdentityLike) and is_scalar(a):
        return b.scaled(a * b.coefficient)
    a, b = _sized(a, b, product=True)
    if is_matrix(a) and is_matrix(b):
        return linalg.matmul(a, b, ctx, left_node, right_node)
    if is_vector(a) and a.shape[0] == 1 and a.shape[1] > 1:  # v^T w with w undefined
        _note_scalar_reading(b, right_node, ctx)
    if (is_scalar(a) and (is_matrix(b) or is_array(b))) or (
            is_scalar(b) and (is_matrix(a) or is_array(a))):
        return a * b
    if is_scalar(a) and is_scalar(b):
        return a * b
    raise ShapeError(f"cannot multiply {describe(a)} by {describe(b)}", right_node.span)


@handles(ast.Dot)
def dot_value(node: ast.Dot, ctx: Context):
    a, b = _sized(ctx.value_of(node.left), ctx.value_of(node.right))
    if is_vector(a) and is_vector(b) and not (a.shape[0] == 1 and b.shape[1] == 1
                                              and a.shape[1] > 1):
        return linalg.dot(a, b, ctx, node.left, node.right, node)
    if is_vector(a) or is_vector(b):  # v · w with w undefined
        _note_scalar_reading(b if is_vector(a) else a,
                             node.right if is_vector(a) else node.left, ctx)
    return multiply(a, b, ctx, node.left, node.right)


def _note_scalar_reading(value, node, ctx: Context) -> None:
    """An undefined name beside a vector in a product is a scalar: say so (`v \\cdot w` and
    `v^\\top w` are dot products only when w is a vector)."""
    from ..render.latex import latex
    from .names import lookup, name_of_node

    name = name_of_node(node, ctx)
    if name is None or lookup(ctx, name) is not None or not getattr(value, "is_Symbol", False):
        return
    declared = inline(latex(value) + r" \in \mathbb{R}^n")
    ctx.note(f"{latex(value)} is not defined, so it is read as a scalar; define or declare it "
             f"as a vector (as in {declared}) for a dot product")


@handles(ast.Cross)
def cross_value(node: ast.Cross, ctx: Context):
    a, b = ctx.value_of(node.left), ctx.value_of(node.right)
    if is_vector(a) and is_vector(b):
        return linalg.cross(a, b, ctx, node)
    return multiply(a, b, ctx, node.left, node.right)


@handles(ast.Star)
def star_value(node: ast.Star, ctx: Context):
    return multiply(ctx.value_of(node.left), ctx.value_of(node.right), ctx, node.left, node.right)


@handles(ast.Hadamard)
def hadamard_value(node: ast.Hadamard, ctx: Context):
    a, b = ctx.value_of(node.left), ctx.value_of(node.right)
    if is_matrix(a) and is_matrix(b):
        return linalg.hadamard(a, b, ctx, node)
    if isinstance(a, FUNCTION_VALUES) and isinstance(b, FUNCTION_VALUES):
        return compose(a, b, node)
    if is_scalar(a) and is_scalar(b):
        return a * b
    raise ShapeError(f"the Hadamard product needs two matrices of one shape, got "
                     f"{describe(a)} and {describe(b)}", node.span)


@handles(ast.Div)
def div_value(node: ast.Div, ctx: Context):
    a, b = ctx.value_of(node.left), operand(ctx.value_of(node.right), node.right)
    if isinstance(a, IdentityLike) and is_scalar(b):
        return a.scaled(a.coefficient / b)
    a = operand(a, node.left)
    if is_matrix(b) or is_array(b):
        raise ShapeError(f"cannot divide by {describe(b)}; for a matrix use its inverse "
                         r"A^{-1}", node.right.span)
    if b == 0:
        raise DomainError("division by zero", node.right.span)
    return a / b


# --- powers and other operators ---------------------------------------------------------
@handles(ast.Power)
def power_value(node: ast.Power, ctx: Context):
    return after_bracket(node.base, ctx, lambda base: _raise(base, node, ctx))


def after_bracket(node: ast.Node, ctx: Context, postfix):
    r"""`postfix` (a power, factorial or transpose) applied to `node`; when `node` is a
    bracket read as a product (`\frac{1}{2}(x - 1)`, `(x + 1)(x - 1)`), to the bracket alone."""
    product = _product_written_as_call(node, ctx)
    if product is not None:  # `4(y+1)^2` and `a(b+c)^2` are 4·(y+1)², a·(b+c)²
        factor, group = product
        return multiply(ctx.value_of(factor), postfix(ctx.value_of(group)), ctx, factor, group)
    if isinstance(node, ast.Call):
        return call_value(node, ctx, postfix)
    return postfix(ctx.value_of(node))


@handles(ast.Call)
def call_value(node: ast.Call, ctx: Context, postfix=None):
    """`f(x)` applied, or `a(b + c)` multiplied (see `functions.call_value`)."""
    return functions.call_value(node, ctx, postfix, product=multiply)


def _raise(base, node: ast.Power, ctx: Context):
    exponent = operand(ctx.value_of(node.exponent), node.exponent)
    if is_matrix(exponent) and exponent.shape == (1, 1):
        exponent = _entry(exponent)  # e^{-y \mathbf{w}^\top \mathbf{x}}
    if isinstance(base, IdentityLike):
        return base.scaled(base.coefficient ** exponent)
    if is_matrix(base):
        return linalg.matrix_power(base, exponent, ctx, node)
    base = operand(base, node.base)
    from ..limits import check_power

    check_power(base, exponent, node)
    if base == 0 and getattr(exponent, "is_negative", False):
        raise DomainError("0 cannot be raised to a negative power", node.span)
    return base ** exponent


def _product_written_as_call(node, ctx: Context):
    """(factor, group) when `node` is `a(...)` with `a` a value, not a function."""
    from .names import lookup
    from .registry import CALL_HANDLERS

    if not (isinstance(node, ast.Call) and node.bracket == "(" and len(node.args) == 1
            and node.split is None):
        return None
    powered = isinstance(node.func, ast.Power)  # `p^2(1 - p)^3`: no call is written `p^2(`
    head = node.func.base if powered else node.func
    if not isinstance(head, (ast.Number, ast.Name)):
        return None
    if isinstance(head, ast.Name):
        value = lookup(ctx, head.name)
        # a lowercase letter other than f, g, h is a factor (`p(1 - p)^2`), as the contract says
        letter = len(head.name) == 1 and head.name.islower() and head.name not in "fgh"
        if not (powered or letter) and call_key(head) in CALL_HANDLERS or isinstance(
                value, FUNCTION_VALUES) or value is None and (
                isinstance(ctx.value_of(head), FUNCTION_VALUES)):
            return None
    return node.func, node.args[0]


@handles(ast.Transpose)
def transpose_value(node: ast.Transpose, ctx: Context):
    return after_bracket(node.operand, ctx, lambda value: _transpose(value, node))


def _transpose(value, node: ast.Transpose):
    if isinstance(value, ZeroLike):
        return value
    if is_matrix(value):
        return value.T
    if is_array(value):
        from sympy import permutedims

        return permutedims(value, tuple(reversed(range(value.rank()))))
    return operand(value, node)


@handles(ast.Abs)
def abs_value(node: ast.Abs, ctx: Context):
    """`|x|` absolute value, `|A|` determinant, `|\\mathbf{v}|` a vector's length."""
    value = ctx.value_of(node.operand)
    if is_vector(value) and value.shape[0] != value.shape[1]:
        return linalg.norm(value, 2, ctx, node)
    if is_matrix(value):
        return linalg.determinant(value, ctx, node)
    from sympy import Abs

    return Abs(operand(value, node))


@handles(ast.Norm)
def norm_value(node: ast.Norm, ctx: Context):
    value = ctx.value_of(node.operand)
    if not is_matrix(value):
        from sympy import Abs

        return Abs(operand(value, node))
    p = node.p
    if p is None:
        order = 2
    elif isinstance(p, ast.Infinity):
        order = "inf"
    elif isinstance(p, ast.Name) and p.name in ("F", "fro"):
        order = "fro"
    else:
        order = ctx.value_of(p)
    if not is_explicit(value) and (order == "fro" or order == 2 and is_vector(value)):
        from ..semantics.matexpr import Norm

        return Norm(value, "F" if order == "fro" else "2")  # a matrix of symbolic size
    return linalg.norm(value, order, ctx, node)


@handles(ast.Sqrt)
def sqrt_value(node: ast.Sqrt, ctx: Context):
    from sympy import root, sqrt

    value = operand(ctx.value_of(node.operand), node.operand)
    if is_matrix(value):
        raise ShapeError(f"cannot take the square root of {describe(value)}", node.span)
    if node.index is None:
        return sqrt(value)
    return root(value, ctx.value_of(node.index))


@handles(ast.Factorial)
def factorial_value(node: ast.Factorial, ctx: Context):
    return after_bracket(node.operand, ctx, lambda value: _factorial(value, node))


def _factorial(value, node: ast.Factorial):
    from sympy import factorial

    value = operand(value, node)
    if not is_scalar(value):
        raise ShapeError(f"the factorial needs a number, not {describe(value)}", node.span)
    if getattr(value, "is_negative", False):
        raise DomainError("the factorial of a negative number is undefined", node.span)
    from ..limits import check_factorial

    check_factorial(value, node)
    return factorial(value)


@handles(ast.Binomial)
def binomial_value(node: ast.Binomial, ctx: Context):
    from sympy import binomial

    n, k = (operand(ctx.value_of(part), part) for part in (node.n, node.k))
    for value, part in ((n, node.n), (k, node.k)):
        if not is_scalar(value):
            raise ShapeError(f"a binomial coefficient needs numbers, not {describe(value)}",
                             part.span)
    return binomial(n, k)


@handles(ast.Number)
def number_value(node: ast.Number, ctx: Context):
    from sympy import Rational

    return Rational(node.value.numerator, node.value.denominator)


@handles(ast.Infinity)
def infinity_value(node: ast.Infinity, ctx: Context):
    from sympy import oo

    return oo
