"""What a whole statement means: definition, declaration, check, equation or value."""
from __future__ import annotations

from ..errors import ShapeError, SymmlError
from ..render.latex import bold, latex, symbol_latex
from ..semantics.kinds import UserFunction, describe, is_matrix, is_scalar
from ..syntax import ast
from ..syntax.mentions import mentions
from .names import base_name, lookup, subscripted_name
from .registry import STATEMENT_RULES, Context, StatementResult, inline, statement_rule


def run_statement(node: ast.Node, ctx: Context) -> StatementResult:
    for _, rule in STATEMENT_RULES.get(type(node), ()):
        result = rule(node, ctx)
        if result is not None:
            return result
    from ..semantics.operands import require_value

    return StatementResult("value", require_value(ctx.value_of(node), node))


# --- definitions -----------------------------------------------------------------------
def target_name(node: ast.Node, ctx: Context) -> str | None:
    """The name a definition would bind, or None if `node` cannot be defined."""
    if isinstance(node, ast.Name):
        return node.name
    if isinstance(node, ast.Subscript) and isinstance(node.base, ast.Name):
        base_value = lookup(ctx, node.base.name)
        if base_value is not None and (is_matrix(base_value)
                                       or hasattr(base_value, "rank")):
            return None  # A_{1,2} of a defined matrix is an entry, not a new name
        try:
            return subscripted_name(node, ctx)
        except SymmlError:
            return None
    if isinstance(node, ast.Accent) and isinstance(node.operand, ast.Name):
        return base_name(node)
    if isinstance(node, ast.Prime) and isinstance(node.operand, ast.Name):  # x' = ...
        return base_name(node)
    if isinstance(node, ast.Adjoint) and node.starred:  # w^* = ...: the optimum's name
        from .notation import star_name

        return star_name(node)
    return None


# Names with a built-in meaning when called (P(A), H(X), ...) are not redefined by
# `P(A) = ...`; these letters are common function names and may still be defined.
DEFINABLE_DESPITE_MEANING = {"f", "g", "h", "p", "F", "J", "L"}
# Built-in functions that notes define with `=` (activations); the others (`\sin(x) =
# \cos(x)`) are equations, and only `:=` replaces them.
DEFINABLE_BUILTINS = {"sigma", "sigmoid", "ReLU", "relu", "softmax"}
BUILTIN_WORDS = {"sigma": "the logistic function", "sigmoid": "the logistic function",
                 "ReLU": "max(0, x)", "relu": "max(0, x)", "pi": "3.14159…",
                 "e": "Euler's number", "infty": "infinity"}


def is_builtin(name: str, function: bool = True) -> bool:
    """A name with a meaning before any definition: a function (σ, sin, P) or, for a value,
    a constant (π, e)."""
    from .names import BUILTIN_FUNCTIONS, builtin_constant
    from .registry import CALL_HANDLERS

    if not function:
        return builtin_constant(name) is not None
    return name in BUILTIN_FUNCTIONS or (name in CALL_HANDLERS
                                         and name not in DEFINABLE_DESPITE_MEANING)


def function_target(node: ast.Node, ctx: Context, replacing: bool = False):
    """`f(x, y)` with plain-name parameters → (name, parameter names), else None.

    A built-in is a target only when `replacing` (`:=`) or in DEFINABLE_BUILTINS."""
    from .names import BUILTIN_FUNCTIONS
    from .registry import CALL_HANDLERS

    if not isinstance(node, ast.Call) or node.bracket != "(":
        return None
    name = target_name(node.func, ctx)
    params = [target_name(a, ctx) if isinstance(a, (ast.Name, ast.Subscript)) else None
              for a in node.args]  # f(x, y) and f(x_1, x_2)
    if name is None or not params or None in params:
        return None
    if replacing or name in DEFINABLE_BUILTINS or lookup(ctx, name) is not None:
        return name, params
    if name in BUILTIN_FUNCTIONS or (name in CALL_HANDLERS
                                     and name not in DEFINABLE_DESPITE_MEANING):
        return None
    return name, params


def define(name: str, value_node: ast.Node, ctx: Context) -> StatementResult:
    value = ctx.value_of(value_node)
    _note_replaced(name, ctx)
    if is_matrix(value):
        _forget_entries(name, ctx)
    ctx.workspace.define(name, value)
    ctx.workspace.sources[name] = value_node
    return StatementResult("definition", value)


def define_function(name: str, params: list[str], body_node: ast.Node,
                    ctx: Context) -> StatementResult:
    function = _function(name, params, body_node, ctx)
    _note_replaced(name, ctx, function=True)
    if not set(function.params) & _free_symbols(function.body):
        variables = ", ".join(symbol_latex(p) for p in params)
        ctx.note(f"defines {symbol_latex(name)} as a constant function (the right side does "
                 f"not mention {variables}); to solve for {variables} instead, define "
                 f"{symbol_latex(name)} first")
    ctx.workspace.define(name, function)
    return StatementResult("definition", function)


def _function(name: str, params: list[str], body_node: ast.Node, ctx: Context) -> UserFunction:
    symbols = tuple(ctx.workspace.symbol(p) for p in params)
    body = ctx.with_bound(dict(zip(params, symbols))).value_of(body_node)
    return UserFunction(name, symbols, body)


def _note_replaced(name: str, ctx: Context, function: bool = False) -> None:
    """A redefinition says what it replaced (documents reuse letters)."""
    old = lookup(ctx, name)
    if old is not None:
        ctx.note(f"redefines {inline(_name_latex(name, old))}, which was "
                 f"{inline(_value_latex(old))}")
    elif is_builtin(name, function):
        words = BUILTIN_WORDS.get(name)
        ctx.note(f"defines {symbol_latex(name)}, replacing the built-in {symbol_latex(name)}"
                 + (f" ({words})" if words else ""))


def _forget_entries(name: str, ctx: Context) -> None:
    """`C_{i,j} = ...` (or `C_{1,2} = 5`) defined before `C = AB`: those names described
    entries of an earlier C, so the new matrix's own entries replace them (with a note)."""
    import re

    entry = re.compile(re.escape(name) + r"_(\{[A-Za-z0-9](,[A-Za-z0-9])*\}|[A-Za-z0-9])")
    stale = sorted(key for key in ctx.workspace.values if entry.fullmatch(key))
    for key in stale:
        del ctx.workspace.values[key]
        ctx.note(f"{symbol_latex(key)} (defined earlier) now means the entry of the new "
                 f"{symbol_latex(name)}")


def _name_latex(name: str, value) -> str:
    return bold(name) if is_matrix(value) else symbol_latex(name)


def _value_latex(value) -> str:
    import sympy

    if isinstance(value, sympy.MatrixSymbol):
        rows, cols = value.shape
        size = latex(rows) if cols == 1 else rf"{latex(rows)} \times {latex(cols)}"
        return rf"{bold(value.name)} \in \mathbb{{R}}^{{{size}}}"
    if isinstance(value, UserFunction):
        params = ", ".join(latex(p) for p in value.params)
        return f"{symbol_latex(value.name)}({params}) = {latex(value.body)}"
    try:
        return latex(value)
    except Exception:  # noqa: BLE001 - a value SymPy cannot print is described in words
        return describe(value)


@statement_rule(priority=10, node_type=ast.Redefine)
def redefinition(node, ctx: Context):
    function = function_target(node.target, ctx, replacing=True)
    if function:
        return define_function(*function, node.value, ctx)
    name = target_name(node.target, ctx)
    if name is None:
        raise SymmlError("only a name or f(x, ...) can be defined with :=", node.target.span)
    return define(name, node.value, ctx)


@statement_rule(priority=90)
def definition(node, ctx: Context):
    """`name = expr` and `f(x) = expr` define, or redefine a defined name (with a note).

    `f(x) = c` of a defined f whose right side mentions no parameter (`F(x) = 0.5` of a
    CDF) is an equation to solve, as the guide uses it; `f(x) := c` redefines."""
    if node.ops != ("=",):
        return None
    lhs, rhs = node.operands
    function = function_target(lhs, ctx)
    if function:
        name, params = function
        old = lookup(ctx, name)
        if old is None and not is_builtin(name) or _is_constant_function(old):
            return define_function(name, params, rhs, ctx)
        if mentions(rhs, name):
            return None
        new = _function(name, params, rhs, ctx)
        if not set(new.params) & _free_symbols(new.body):
            ctx.note(f"{symbol_latex(name)} is {'defined' if lookup(ctx, name) else 'built in'}"
                     f", so this is solved as an equation; write := to redefine "
                     f"{symbol_latex(name)}")
            return None
        _note_replaced(name, ctx, function=True)
        ctx.workspace.define(name, new)
        return StatementResult("definition", new)
    name = target_name(lhs, ctx)
    if name is not None and not mentions(rhs, name):
        return define(name, rhs, ctx)
    return None


@statement_rule(priority=85)
def letters_definition(node, ctx: Context):
    """`lr = 0.1`: a product of undefined letters on the left of a definition is most likely
    a multi-letter name, never solved for one letter: an error showing both readings."""
    if node.ops != ("=",) or not isinstance(node.operands[0], ast.Juxtapose):
        return None
    lhs, rhs = node.operands
    names = [f.name for f in lhs.factors if isinstance(f, ast.Name)]
    if len(names) != len(lhs.factors) or not all(
            len(n) == 1 and n.isascii() and n.isalpha() for n in names):
        return None
    if any(lookup(ctx, n) is not None or mentions(rhs, n) for n in names):
        return None
    word, product = "".join(names), r" \cdot ".join(names)
    raise SymmlError(f"`{word}` reads as the product {product} of undefined letters: to "
                     f"define a name write \\mathrm{{{word}}} = ..., to solve for the letters "
                     f"write {product} = ...", lhs.span)


def _is_constant_function(value) -> bool:
    """`F(x) = \\frac{k}{100}` defined F as a constant: `F(x) = 0.5` then redefines it
    (solving would answer for k, not x)."""
    return isinstance(value, UserFunction) and not set(value.params) & _free_symbols(value.body)


def _free_symbols(value) -> set:
    return set(getattr(value, "free_symbols", ()))


# --- declarations ----------------------------------------------------------------------
def _space_shape(node: ast.Node, ctx: Context):
    r"""`\mathbb{R}` → (), `\mathbb{R}^3` → (3,), `\mathbb{R}^{m \times n}` → (m, n)."""
    if isinstance(node, ast.Name) and node.name == "mathbb{R}":
        return ()
    if isinstance(node, ast.Power) and isinstance(node.base, ast.Name) \
            and node.base.name == "mathbb{R}":
        factors, exponent = [], node.exponent
        while isinstance(exponent, ast.Cross):
            factors.insert(0, exponent.right)
            exponent = exponent.left
        factors.insert(0, exponent)
        if any(isinstance(f, ast.Dots) for f in factors):
            raise ShapeError("a tensor needs a known number of dimensions: "
                             "\\mathbb{R}^{d_1 \\times \\cdots \\times d_n} has a symbolic rank; "
                             "write the sizes, e.g. \\mathbb{R}^{2 \\times 3 \\times 4}",
                             node.span)
        dims = [_dimension(ctx.value_of(f), f) for f in factors]
        return tuple(dims)
    return None


def _dimension(value, node):
    if getattr(value, "is_Integer", False) and value > 0:
        return int(value)
    if getattr(value, "is_Symbol", False):
        return value
    raise ShapeError(f"a dimension must be a positive whole number or a name, got {value}",
                     node.span)


@statement_rule(priority=40)
def declaration(node, ctx: Context):
    if node.ops != ("in",):
        return None
    lhs, rhs = node.operands
    shape = _space_shape(rhs, ctx)
    if shape is None:
        return None
    names = []
    for target in lhs.items if isinstance(lhs, ast.TupleLit) else (lhs,):
        name = target_name(target, ctx)
        if name is None:
            raise SymmlError("only a name can be declared", target.span)
        ctx.workspace.declare(name, shape, node)
        names.append(name)
    return StatementResult("declaration", None, latex=_declaration_latex(names, shape))


def _declaration_latex(names: list[str], shape) -> str:
    """`s \\in \\mathbb{R}`, `\\mathbf{A} \\in \\mathbb{R}^{m \\times n}` (bold when not a scalar)."""
    written = ", ".join(bold(name) if shape else symbol_latex(name) for name in names)
    if not shape:
        return written + r" \in \mathbb{R}"
    return written + r" \in \mathbb{R}^{" + r" \times ".join(
        latex(d) if not isinstance(d, int) else str(d) for d in shape) + "}"


# --- checks and equations ------------------------------------------------------------------
@statement_rule(priority=95)
def equation_or_check(node, ctx: Context):
    values = [ctx.value_of(operand) for operand in node.operands]
    if node.ops in (("=",), ("?=",)):
        return _equality(values[0], values[1], node, ctx, solving=node.ops == ("=",))
    return StatementResult("check", _compare_chain(node.ops, values, node))


def _equality(lhs, rhs, node, ctx: Context, solving: bool = True) -> StatementResult:
    """`lhs = rhs`: a check (true when equal for all values), else solved for the unknowns;
    with `solving=False` (`\\stackrel{?}{=}`) never solved."""
    import sympy

    from ..semantics.kinds import is_explicit
    from ..semantics.operands import operand
    from .arithmetic import _sized

    lhs, rhs = _sized(lhs, rhs)
    lhs, rhs = operand(lhs, node), operand(rhs, node)
    from .matidentity import involves_symbolic

    if involves_symbolic(lhs) or involves_symbolic(rhs):
        return StatementResult("check", _identity(lhs, rhs, node, ctx))
    if is_matrix(lhs) != is_matrix(rhs) or (is_matrix(lhs) and lhs.shape != rhs.shape):
        raise ShapeError(f"cannot compare {describe(lhs)} with {describe(rhs)}", node.span)
    if is_matrix(lhs) and not (is_explicit(lhs) and is_explicit(rhs)):
        return StatementResult("check", _same_matrix(lhs, rhs, node))
    if not is_matrix(lhs) and lhs.as_dummy() == rhs.as_dummy():  # ∑_i v_i w_i = ∑_j v_j w_j
        return StatementResult("check", sympy.true)
    difference = (lhs - rhs) if not is_matrix(lhs) else sympy.ImmutableMatrix(lhs - rhs)
    simplified = difference.applyfunc(sympy.simplify) if is_matrix(difference) \
        else sympy.simplify(difference)
    zero = simplified.is_zero_matrix if is_matrix(simplified) else _is_zero(simplified)
    if zero:
        return StatementResult("check", sympy.true)
    unknowns = sorted(simplified.free_symbols - ctx.workspace.known_symbols(), key=str)
    if not unknowns:
        return StatementResult("check", sympy.false)
    if _agrees_everywhere_tried(simplified, unknowns):
        if _is_zero(sympy.simplify(simplified.rewrite(sympy.exp))):
            return StatementResult("check", sympy.true)
        raise SymmlError("the two sides agree at every point tried, but symml cannot prove "
                         "that they are equal for all values; it gives no solution set rather "
                         "than a wrong one", node.span)
    if not solving:
        ctx.note("a check, not an equation: false because the two sides differ for some "
                 "values of " + ", ".join(inline(latex(u)) for u in unknowns))
        return StatementResult("check", sympy.false)
    return solve(simplified, unknowns, ctx, node)


PROBE_POINTS = ((3, 7), (-5, 11), (13, 5), (-2, 9), (17, 13), (1, 3))


def _agrees_everywhere_tried(difference, unknowns) -> bool:
    r"""Whether `difference` is 0 (to 30 digits) at fixed rational points: an identity
    `simplify` did not prove (`\tanh x = 2\sigma(2x) - 1`) must not be solved into ∅."""
    import sympy

    if is_matrix(difference) or not unknowns:
        return False
    for shift, (p, q) in enumerate(PROBE_POINTS):
        point = {u: sympy.Rational(p + i * shift, q + i) for i, u in enumerate(unknowns)}
        try:
            value = sympy.N(difference.subs(point), 30)
        except (TypeError, ValueError, ZeroDivisionError, ArithmeticError):
            return False
        if not value.is_number or not value.is_finite or abs(value) > 1e-25:
            return False
    return True


def _same_matrix(lhs, rhs, node):
    """Whether two matrices are equal for all values of their symbols; of symbolic size,
    when SymPy's rules for matrix expressions make them agree (`(AB)^\\top = B^\\top A^\\top`)."""
    import sympy

    from ..semantics.kinds import is_explicit

    if lhs.shape != rhs.shape:
        raise ShapeError(f"cannot compare {describe(lhs)} with {describe(rhs)}", node.span)
    if is_explicit(lhs) and is_explicit(rhs):
        difference = sympy.ImmutableMatrix(lhs - rhs).applyfunc(sympy.simplify)
        return sympy.true if difference.is_zero_matrix else sympy.false
    return _identity(lhs, rhs, node, None)


def _identity(lhs, rhs, node, ctx):
    """An identity of matrix expressions of symbolic size: true, or false with the instance
    that shows it (as steps)."""
    import sympy

    from .matcalc import scalar_form
    from .matidentity import counterexample_steps, decide

    lhs, rhs = scalar_form(lhs), scalar_form(rhs)
    if ctx is not None:
        from .matderiv import dots_as_entries

        lhs, rhs = dots_as_entries(lhs, ctx), dots_as_entries(rhs, ctx)
    if is_matrix(lhs) != is_matrix(rhs) or (is_matrix(lhs) and lhs.shape != rhs.shape):
        raise ShapeError(f"cannot compare {describe(lhs)} with {describe(rhs)}", node.span)
    try:
        same, example = decide(lhs, rhs)
    except SymmlError as error:
        raise SymmlError(error.message, node.span) from None
    if example is not None and ctx is not None:
        counterexample_steps(example, lhs, rhs, ctx)
    return sympy.true if same else sympy.false


def _is_zero(value) -> bool:
    """Zero, symbolically or (for a constant SymPy cannot decide) to 100 digits."""
    if value == 0:
        return True
    if not value.is_number:
        return False
    decided = value.equals(0)
    if decided is not None:
        return decided
    return abs(value.evalf(100)) < 1e-90


def solve(difference, unknowns, ctx: Context, node) -> StatementResult:
    import sympy

    equations = list(difference) if is_matrix(difference) else [difference]
    ctx.step("Move everything to one side", *[sympy.Eq(eq, 0) for eq in equations[:1]])
    try:
        return _solve(equations, unknowns, ctx, node)
    except NotImplementedError:
        names = ", ".join(latex(u) for u in unknowns)
        raise SymmlError(f"SymPy cannot solve this equation for {names}", node.span) from None


def _solve(equations, unknowns, ctx: Context, node) -> StatementResult:
    import sympy

    if len(unknowns) == 1:
        solutions = sympy.solve(equations, unknowns[0], dict=True)
        values = sympy.FiniteSet(*[s[unknowns[0]] for s in solutions if unknowns[0] in s])
        _check_solution_set(equations, unknowns[0], values, ctx, node)
        ctx.step(("Solve for", unknowns[0]),
                 sympy.Contains(unknowns[0], values, evaluate=False))
        return StatementResult("solution", values)
    solutions = sympy.solve(equations, unknowns, dict=True)
    value = sympy.Tuple(*[sympy.Dict(s) for s in solutions])
    ctx.step(("Solve for", *_listed(unknowns)), value)
    return StatementResult("solution", value)


def _listed(items) -> list:
    """Title pieces `x`, `,`, `y`: math pieces separated by commas."""
    pieces = []
    for item in items:
        pieces += ([","] if pieces else []) + [item]
    return pieces


def _check_solution_set(equations, unknown, values, ctx: Context, node) -> None:
    r"""SymPy's `solve` can miss solutions: an empty set must not hold at a probe point
    (`\sqrt{x^2} = x` holds at every x ≥ 0), and a periodic equation gives only its
    principal solutions, which a note says."""
    import sympy

    for p, q in PROBE_POINTS:
        point = sympy.Rational(p, q)
        if point in values:
            continue
        try:
            value = sympy.N(equations[0].subs(unknown, point), 30)
        except (TypeError, ValueError, ZeroDivisionError, ArithmeticError):
            continue
        if value.is_number and value.is_finite and abs(value) < 1e-25:
            raise SymmlError(f"SymPy's solve missed solutions: {latex(unknown)} = "
                             f"{latex(point)} also satisfies the equation, so symml gives no "
                             "solution set rather than a wrong one", node.span)
    trigonometric = (sympy.sin, sympy.cos, sympy.tan, sympy.cot, sympy.sec, sympy.csc)
    if any(f.has(unknown) for eq in equations for f in eq.atoms(*trigonometric)):
        ctx.note("these are the principal solutions; the equation is periodic in "
                 f"{inline(latex(unknown))}, so adding whole periods gives the others")


def _compare_chain(ops, values, node):
    import sympy

    relations = {"<": sympy.Lt, ">": sympy.Gt, "<=": sympy.Le, ">=": sympy.Ge,
                 "!=": sympy.Ne, "=": sympy.Eq, "?=": sympy.Eq}
    results = []
    for op, left, right in zip(ops, values, values[1:]):
        if op not in relations:
            raise SymmlError(f"the relation `{op}` cannot be evaluated here", node.span)
        if op in ("=", "?=", "!=") and is_matrix(left) and is_matrix(right):  # AB = [..] = [..]
            same = _same_matrix(left, right, node)
            results.append(same if op != "!=" else sympy.Not(same))
            continue
        if not (is_scalar(left) and is_scalar(right)):
            raise ShapeError(f"`{op}` compares numbers, not {describe(left)} and "
                             f"{describe(right)}", node.span)
        results.append(relations[op](left, right))
    return sympy.And(*results)
