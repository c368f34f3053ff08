"""Standard notation read from papers and notes: remainders and congruences, half-open
intervals, piecewise values (`cases`), conjugates and conjugate transposes, the optimum
star `w^*`, function signatures, the adjugate."""
from __future__ import annotations

from ..errors import ShapeError, SymmlError
from ..render.latex import latex, symbol_latex
from ..semantics.kinds import describe, is_matrix, is_scalar
from ..syntax import ast
from .names import base_name, lookup
from .registry import Context, StatementResult, calls, handles, statement_rule


def _integers(values, node, what: str):
    for value in values:
        if not is_scalar(value) or value.is_integer is False:
            raise SymmlError(f"{what} needs whole numbers, got {describe(value)}", node.span)
    return values


@handles(ast.Mod)
def mod_value(node: ast.Mod, ctx: Context):
    """`a \\bmod b`: the remainder, in 0..b-1 for a positive b."""
    import sympy

    left, right = _integers([ctx.value_of(node.left), ctx.value_of(node.right)], node,
                            "a remainder")
    if right == 0:
        raise SymmlError("a remainder modulo 0 is undefined", node.right.span)
    return sympy.Mod(left, right)


@statement_rule(priority=10, node_type=ast.Congruence)
def congruence(node: ast.Congruence, ctx: Context):
    """`a \\equiv b \\pmod{n}`: true when n divides a - b; with one unknown, its residue."""
    import sympy

    left, right, modulus = _integers(
        [ctx.value_of(node.left), ctx.value_of(node.right), ctx.value_of(node.modulus)],
        node, "a congruence")
    if not (modulus.is_Integer and modulus > 0):
        raise SymmlError("the modulus of a congruence must be a positive whole number",
                         node.modulus.span)
    difference = sympy.expand(left - right)
    ctx.step(rf"Divide the difference by {modulus}",
             rf"{latex(difference)} \bmod {modulus} = {latex(sympy.Mod(difference, modulus))}")
    if difference.is_Integer:
        return StatementResult("check", sympy.true if difference % modulus == 0 else sympy.false)
    unknowns = sorted(difference.free_symbols, key=str)
    if len(unknowns) == 1 and sympy.Poly(difference, unknowns[0]).degree() == 1:
        (x,) = unknowns
        a, b = sympy.Poly(difference, x).all_coeffs()  # a x + b ≡ 0 (mod n)
        if sympy.gcd(a, modulus) == 1:
            residue = sympy.Mod(-b * sympy.mod_inverse(a, modulus), modulus)
            return StatementResult("solution", sympy.Eq(x, residue),
                                   latex=rf"{latex(x)} \equiv {residue} \pmod{{{modulus}}}")
    raise SymmlError("symml solves a congruence with one unknown of degree 1 (a x + b ≡ c "
                     "with a prime to the modulus)", node.span)


@handles(ast.Interval)
def interval_value(node: ast.Interval, ctx: Context):
    import sympy

    start, end = ctx.value_of(node.start), ctx.value_of(node.end)
    if not (is_scalar(start) and is_scalar(end)):
        raise ShapeError("the ends of an interval are numbers", node.span)
    return sympy.Interval(start, end, node.left_open, node.right_open)


@handles(ast.Piecewise)
def piecewise_value(node: ast.Piecewise, ctx: Context):
    """`\\begin{cases}`: SymPy's Piecewise, the first case whose condition holds."""
    import sympy

    pieces = []
    for value_node, condition in node.pieces:
        value = ctx.value_of(value_node)
        if not is_scalar(value):
            raise ShapeError(f"a case's value must be a number, got {describe(value)}",
                             value_node.span)
        pieces.append((value, sympy.true if condition is None else
                       condition_value(condition, ctx)))
    if pieces[-1][1] is not sympy.true:
        pieces.append((sympy.nan, sympy.true))  # no case applies: undefined
    return sympy.Piecewise(*pieces)


RELATIONALS = {"<": "Lt", ">": "Gt", "<=": "Le", ">=": "Ge", "=": "Eq", "!=": "Ne"}


def condition_value(node: ast.Node, ctx: Context):
    """A condition (`x > 0`, `0 \\le x < 1`, `x \\in [0, 1)`) as a SymPy boolean."""
    import sympy

    if not isinstance(node, ast.Relation):
        raise SymmlError("a condition is a comparison such as x > 0", node.span)
    values = [ctx.value_of(operand) for operand in node.operands]
    parts = []
    for op, left, right in zip(node.ops, values, values[1:]):
        if op in RELATIONALS and is_scalar(left) and is_scalar(right):
            parts.append(getattr(sympy, RELATIONALS[op])(left, right))
        elif op in ("in", "notin") and isinstance(right, sympy.Set):
            inside = right.contains(left)
            parts.append(inside if op == "in" else sympy.Not(inside))
        else:
            raise SymmlError(f"cannot read `{op}` between {describe(left)} and "
                             f"{describe(right)} as a condition", node.span)
    return sympy.And(*parts)


@handles(ast.Adjoint)
def adjoint_value(node: ast.Adjoint, ctx: Context):
    """`A^H`, `A^\\dagger`, `A^*` of a matrix: its conjugate transpose; of a number, its
    conjugate. `w^*` (`\\mathbf{w}^*`, `\\theta^{*}`) of an undefined name is a name, the
    optimum, as ML texts write it."""
    import sympy

    starred = star_name(node)
    if starred is not None:
        value = lookup(ctx, starred)
        if value is not None:
            return value
        if lookup(ctx, base_name(node.operand)) is None:
            return ctx.workspace.symbol(starred)
    value = ctx.value_of(node.operand)
    if is_matrix(value):
        return value.H if hasattr(value, "H") else sympy.adjoint(value)
    if not is_scalar(value):
        raise ShapeError(f"the conjugate transpose needs a matrix or a number, got "
                         f"{describe(value)}", node.span)
    return sympy.conjugate(value)


def star_name(node: ast.Adjoint) -> str | None:
    """`w^*` of a name that is not defined (nor defined with its star) → "w^*", else None."""
    if not (node.starred and isinstance(node.operand, (ast.Name, ast.Subscript))):
        return None
    try:
        name = base_name(node.operand)
    except SymmlError:
        return None
    return f"{name}^*"


def conjugate(value, node):
    """`\\overline{z}` of a complex expression: its conjugate."""
    import sympy

    if is_matrix(value):
        return value.applyfunc(sympy.conjugate)
    if not is_scalar(value):
        raise ShapeError(f"a bar over {describe(value)} has no meaning", node.span)
    return sympy.conjugate(value)


@calls("adj", "adjugate")
def adjugate_call(node: ast.Call, ctx: Context):
    """`\\operatorname{adj}(A)`: the adjugate (transposed cofactor matrix)."""
    if len(node.args) != 1:
        return NotImplemented
    value = ctx.value_of(node.args[0])
    if not (is_matrix(value) and value.rows == value.cols):
        raise ShapeError(f"the adjugate needs a square matrix, got {describe(value)}",
                         node.span)
    from sympy import ImmutableMatrix

    return ImmutableMatrix(value.adjugate())


@statement_rule(priority=10, node_type=ast.Signature)
def signature(node: ast.Signature, ctx: Context):
    """`f: \\mathbb{R}^n \\to \\mathbb{R}`: declares f as a function (nothing to compute)."""
    name = base_name(node.name)
    written = rf"{symbol_latex(name)} \colon {_space(node.domain)} \to {_space(node.codomain)}"
    return StatementResult("declaration", None, latex=written)


def _space(node: ast.Node) -> str:
    r"""`\mathbb{R}^{n}`, `\mathbb{R}^{m \times n}`, `\mathcal{X}` as written."""
    if isinstance(node, ast.Name):
        return "\\" + node.name if "{" in node.name else symbol_latex(node.name)
    if isinstance(node, ast.Power):
        return f"{_space(node.base)}^{{{_space(node.exponent)}}}"
    if isinstance(node, ast.Cross):
        return rf"{_space(node.left)} \times {_space(node.right)}"
    if isinstance(node, ast.Number):
        return str(node.value)
    raise SymmlError("a signature names its spaces, as in f: \\mathbb{R}^n \\to \\mathbb{R}",
                     node.span)
