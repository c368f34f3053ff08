"""Standard notation read from papers and notes: remainders and congruences, half-open
intervals, piecewise values (`cases`), accents (a conjugate, a unit vector, x̄ as a name),
conjugate transposes, the optimum star `w^*`, function signatures, the adjugate."""
from __future__ import annotations

from ..errors import ShapeError, SymmlError
from ..render.latex import latex, symbol_latex
from ..semantics.kinds import (AbstractFunction, BuiltinFunction, UserFunction, describe,
                               is_matrix, is_scalar)
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
    r"""`a \bmod b`: the remainder, in 0..b-1 for a positive b."""
    import sympy

    left, right = _integers([ctx.value_of(node.left), ctx.value_of(node.right)], node,
                            "a remainder")
    if right == 0:
        raise SymmlError("a remainder modulo 0 is undefined", node.right.span)
    return sympy.Mod(left, right)


@statement_rule(priority=10, node_type=ast.Congruence)
def congruence(node: ast.Congruence, ctx: Context):
    r"""`a \equiv b \pmod{n}`: true when n divides a - b; with one unknown, its residue."""
    import sympy

    left, right, modulus = _integers(
        [ctx.value_of(node.left), ctx.value_of(node.right), ctx.value_of(node.modulus)],
        node, "a congruence")
    if not (modulus.is_Integer and modulus > 0):
        raise SymmlError("the modulus of a congruence must be a positive whole number",
                         node.modulus.span)
    difference = sympy.expand(left - right)
    ctx.step(("Divide the difference by", modulus),
             sympy.Mod(difference, modulus, evaluate=False), sympy.Mod(difference, modulus))
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
    r"""`\begin{cases}`: SymPy's Piecewise, the first case whose condition holds."""
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
    r"""A condition (`x > 0`, `0 \le x < 1`, `x \in [0, 1)`) as a SymPy boolean."""
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
    r"""`A^H`, `A^\dagger`, `A^*` of a matrix: its conjugate transpose; of a number, its
    conjugate. `w^*` (`\mathbf{w}^*`, `\theta^{*}`) of an undefined name is a name, the
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
    r"""`w^*` of a name that is not defined (nor defined with its star) → "w^*", else None."""
    if not (node.starred and isinstance(node.operand, (ast.Name, ast.Subscript))):
        return None
    try:
        name = base_name(node.operand)
    except SymmlError:
        return None
    return f"{name}^*"


def conjugate(value, node):
    r"""`\overline{z}` of a complex expression: its conjugate."""
    import sympy

    if is_matrix(value):
        return value.applyfunc(sympy.conjugate)
    if not is_scalar(value):
        raise ShapeError(f"a bar over {describe(value)} has no meaning", node.span)
    return sympy.conjugate(value)


def _is_conjugated(operand: ast.Node, ctx: Context) -> bool:
    r"""A bar means the conjugate over an expression (`\overline{1 + i}`), over `i`, and over
    a defined matrix or complex number; over any other name it is a name (the mean x̄)."""
    if not isinstance(operand, (ast.Name, ast.Subscript)):
        return True
    if operand == ast.Name("imaginaryunit"):
        return True
    value = lookup(ctx, operand.name) if isinstance(operand, ast.Name) else None
    if is_matrix(value):
        return 1 not in value.shape  # a vector with a bar is its mean's name
    return getattr(value, "is_number", False) and value.is_real is False


@handles(ast.Accent)
def accent_value(node: ast.Accent, ctx: Context):
    r"""`\overline{z}` a conjugate (see `_is_conjugated`), `\hat{\mathbf{v}}` of a defined
    vector its unit vector; any other accented name a symbol (x̄, θ̂)."""
    if node.accent == "bar" and _is_conjugated(node.operand, ctx):
        return conjugate(ctx.value_of(node.operand), node)
    operand = ctx.value_of(node.operand) if isinstance(node.operand, ast.Name) and lookup(
        ctx, node.operand.name) is not None else None
    if node.accent == "hat" and operand is not None and is_matrix(operand):
        from .linalg import unit_vector

        return unit_vector(operand, node.operand, ctx)
    return ctx.workspace.symbol(base_name(node.operand) + node.accent)


@calls("adj", "adjugate")
def adjugate_call(node: ast.Call, ctx: Context):
    r"""`\operatorname{adj}(A)`: the adjugate (transposed cofactor matrix)."""
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
    r"""`f: \mathbb{R}^n \to \mathbb{R}`: declares f as a function (nothing to compute)."""
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


@handles(ast.Prime)
def prime_value(node: ast.Prime, ctx: Context):
    r"""A prime not followed by `(x)`: of an undefined name, a new name (`a'`, `x_1''`, as
    SymPy reads it); of a matrix, its transpose (`A'`, as MATLAB and some notes write it).
    A function needs its argument (`f'(x)`), and a defined number has no prime."""
    if isinstance(node.operand, ast.Name):  # x' = x - 0.1 \cdot 2x defined x'
        defined = lookup(ctx, base_name(node))
        if defined is not None:
            return defined
    if isinstance(node.operand, (ast.Name, ast.Subscript, ast.Accent)):
        name = _primed_name(node, ctx)
        if name is not None:
            value = lookup(ctx, name)
            return value if value is not None else ctx.workspace.symbol(name)
    value = ctx.value_of(node.operand)
    if is_matrix(value):
        return value.T if node.order % 2 else value
    if isinstance(value, (UserFunction, AbstractFunction, BuiltinFunction)):
        raise SymmlError("a prime ' after a function needs its argument, as in f'(x)",
                         node.span)
    raise SymmlError(f"a prime ' after {describe(value)} has no meaning here; write the "
                     "derivative as \\frac{d}{dx} or name the value", node.span)


def _innermost(node: ast.Node) -> ast.Node:
    while isinstance(node, (ast.Subscript, ast.Prime)):
        node = node.base if isinstance(node, ast.Subscript) else node.operand
    return node


def _primed_name(node: ast.Prime, ctx: Context) -> str | None:
    r"""`a'` → "a'" when `a` is an undefined name that is not a function, else None."""
    from .names import index_text

    operand = node.operand
    try:
        name = base_name(operand) if not isinstance(operand, ast.Subscript) else \
            f"{base_name(operand.base)}_{{{','.join(index_text(i, ctx) for i in operand.index)}}}"
    except SymmlError:
        return None
    if lookup(ctx, name) is not None or lookup(ctx, base_name(_innermost(operand))) is not None:
        return None
    from .names import ABSTRACT_FUNCTIONS, BUILTIN_FUNCTIONS

    if name in ABSTRACT_FUNCTIONS or name in BUILTIN_FUNCTIONS:
        return None
    return name + "'" * node.order


@statement_rule(priority=45)
def membership(node: ast.Relation, ctx: Context):
    r"""`\frac12 \in (0, 1]`, `5 \not\in \{1, 2\}`: a check for a number; `x \in (0, 1]`
    of an undefined name declares a real x (its range is shown, not enforced)."""
    import sympy

    if node.ops not in (("in",), ("notin",)):
        return None
    lhs, rhs = node.operands
    space = ctx.value_of(rhs)
    if not isinstance(space, sympy.Set):
        return None
    if isinstance(lhs, ast.Name) and lookup(ctx, lhs.name) is None and node.ops == ("in",):
        symbol = ctx.workspace.symbol(lhs.name, real=True)
        return StatementResult("declaration", None,
                               latex=rf"{latex(symbol)} \in {latex(space)}")
    inside = space.contains(ctx.value_of(lhs))
    if inside not in (sympy.true, sympy.false):
        raise SymmlError("cannot decide this membership for every value of its symbols",
                         node.span)
    return StatementResult("check", inside if node.ops == ("in",) else sympy.Not(inside))


@statement_rule(priority=45)
def proportional(node: ast.Relation, ctx: Context):
    r"""`p(x) \propto e^{-x^2}`: read as a statement about shape, kept as written (symml does
    not decide proportionality); the value is the ratio left ÷ right."""
    import sympy

    if node.ops != ("propto",):
        return None
    left, right = (ctx.value_of(operand) for operand in node.operands)
    if not (is_scalar(left) and is_scalar(right)) or right == 0:
        raise SymmlError("\\propto relates two nonzero expressions", node.span)
    ratio = sympy.simplify(left / right)
    ctx.step("The ratio of the two sides (constant when they are proportional)", ratio)
    return StatementResult("value", ratio,
                           latex=rf"{latex(left)} \propto {latex(right)}")


@handles(ast.Dots)
def dots_value(node: ast.Dots, ctx: Context):
    r"""`\ldots` in a list of names (`x_1, \ldots, x_n`) stands for the elided entries; it is
    kept as written. Anywhere else it is refused (`1 + \cdots + n` has no value)."""
    raise SymmlError("`\\ldots` stands only in a list (x_1, \\ldots, x_n); write a sum as "
                     "\\sum_{i=1}^{n}", node.span)


@calls("mathcal{N}", "Normal", first=True)
def normal_density(node: ast.Call, ctx: Context):
    r"""`\mathcal{N}(x; \mu, \sigma^2)`: the normal density at x (the `;` separates the point
    from the parameters); without `;` it is the distribution."""
    import sympy

    if node.split != 1 or len(node.args) != 3:
        return NotImplemented
    x, mean, variance = (ctx.value_of(arg) for arg in node.args)
    return sympy.sqrt(1 / (2 * sympy.pi * variance)) * sympy.exp(-(x - mean) ** 2 / (2 * variance))


SET_OPERATIONS = {ast.Intersect: "Intersection", ast.Union: "Union", ast.SetMinus: "Complement"}


@handles(*SET_OPERATIONS)
def set_operation(node, ctx: Context):
    r"""`\{1, 2\} \cap \{2\}`, `\cup`, `\setminus` of sets (events are read by P(...))."""
    import sympy

    left, right = ctx.value_of(node.left), ctx.value_of(node.right)
    if not (isinstance(left, sympy.Set) and isinstance(right, sympy.Set)):
        raise SymmlError(f"{SET_OPERATIONS[type(node)].lower()} needs two sets, got "
                         f"{describe(left)} and {describe(right)}", node.span)
    return getattr(sympy, SET_OPERATIONS[type(node)])(left, right)


@calls("max", "min", first=True)
def indexed_extremum(node: ast.Call, ctx: Context):
    r"""`\max_i |x_i|`, `\min_i x_i` of a defined vector: i runs over its entries."""
    import sympy

    if not (isinstance(node.func, ast.Subscript) and len(node.func.index) == 1
            and isinstance(node.func.index[0], ast.Name) and len(node.args) == 1):
        return NotImplemented
    index = node.func.index[0].name
    size = index_size(node.args[0], index, ctx)
    if size is None:
        return NotImplemented
    values = [ctx.with_bound({index: sympy.Integer(k)}).value_of(node.args[0])
              for k in range(1, size + 1)]
    return (sympy.Max if node.func.base.name == "max" else sympy.Min)(*values)


def index_size(node: ast.Node, index: str, ctx: Context) -> int | None:
    r"""How far `index` runs when it subscripts defined vectors or matrices inside node
    (`x_i` of a 3-vector: 3; `A_{2,k}` of a 2×4 matrix: 4); None if nothing fixes it."""
    sizes = set()
    stack = [node]
    while stack:
        current = stack.pop()
        stack.extend(current.children())
        if not (isinstance(current, ast.Subscript) and isinstance(current.base, ast.Name)):
            continue
        value = lookup(ctx, current.base.name)
        if not is_matrix(value) or getattr(value, "is_symbolic", lambda: False)() \
                or not all(isinstance(d, int) for d in value.shape):
            continue
        dims = (len(value),) if 1 in value.shape else value.shape
        if len(current.index) == len(dims):
            sizes.update(d for d, i in zip(dims, current.index) if i == ast.Name(index))
    return sizes.pop() if len(sizes) == 1 else None


SET_NODES = (ast.SetLit, ast.Interval, *SET_OPERATIONS)


@statement_rule(priority=44)
def set_equality(node: ast.Relation, ctx: Context):
    r"""`\{1, 2\} \cap \{3\} = \emptyset`: two sets are equal when they have the same
    elements."""
    import sympy

    if node.ops != ("=",) or not any(isinstance(o, SET_NODES) for o in node.operands):
        return None
    left, right = (ctx.value_of(operand) for operand in node.operands)
    if not (isinstance(left, sympy.Set) and isinstance(right, sympy.Set)):
        return None
    same = sympy.Eq(left, right)
    if same not in (sympy.true, sympy.false):
        raise SymmlError("cannot decide whether these sets are equal", node.span)
    return StatementResult("check", same)


@handles(ast.ImaginaryLetter)
def imaginary_letter(node: ast.ImaginaryLetter, ctx: Context):
    r"""`i` in `3 + 4i` or `e^{i\pi}`: the imaginary unit (a defined i wins), with a note."""
    import sympy

    defined = lookup(ctx, node.letter)
    if defined is not None:
        return defined
    ctx.note(f"{node.letter} is read as the imaginary unit, since the formula writes complex "
             f"numbers; write {node.letter} as an index (x_{node.letter}) or use another letter "
             "for a variable")
    return sympy.I


@handles(ast.GenericMatrix)
def generic_matrix(node: ast.GenericMatrix, ctx: Context):
    r"""The matrix `a_{11} \cdots a_{mn}` stands for: of symbolic size SymPy's `MatrixSymbol`,
    of numeric size the matrix of the entry names `a_{i,j}` (`x_i` for a vector)."""
    import sympy

    rows, cols = ctx.value_of(node.rows), ctx.value_of(node.cols)
    for size, part in ((rows, node.rows), (cols, node.cols)):
        if not (getattr(size, "is_Symbol", False) or (getattr(size, "is_Integer", False)
                                                      and 0 < size <= 50)):
            raise ShapeError("the size of a matrix written with dots must be a name or a "
                             "whole number up to 50", part.span)
    if not (rows.is_Integer and cols.is_Integer):
        return sympy.MatrixSymbol(node.name, rows, cols)
    if 1 in (rows, cols):
        return sympy.ImmutableMatrix(rows, cols, [ctx.workspace.symbol(f"{node.name}_{k}")
                                                  for k in range(1, rows * cols + 1)])
    return sympy.ImmutableMatrix(rows, cols, lambda i, j: ctx.workspace.symbol(
        f"{node.name}_{{{i + 1},{j + 1}}}"))
