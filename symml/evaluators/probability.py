"""Probabilities of random variables, densities, CDFs and their inverse, expectation,
variance, covariance, median and percentiles."""
from __future__ import annotations

from ..errors import DomainError, SymmlError
from ..render.latex import latex
from ..semantics.kinds import UserFunction, is_matrix
from ..syntax import ast
from .distributions import Distribution, joint_of
from .events import events_of, event_of, solve_event
from .names import lookup
from .registry import Context, calls, subscripts

RELATIONS = {"<": "Lt", "<=": "Le", ">": "Gt", ">=": "Ge", "=": "Eq", "!=": "Ne"}


def random_symbols(value) -> set:
    from sympy.stats.rv import random_symbols as symbols_of

    try:
        return set(symbols_of(value))
    except (AttributeError, TypeError):
        return set()


def condition_of(node: ast.Node, ctx: Context):
    """A relation chain on random variables (`a < X \\le b`, `X = 3`) → a SymPy Boolean."""
    import sympy

    if isinstance(node, ast.Relation):
        values = [ctx.value_of(operand) for operand in node.operands]
        parts = []
        for op, left, right in zip(node.ops, values, values[1:]):
            if op not in RELATIONS:
                raise SymmlError(f"`{op}` is not a condition on a random variable", node.span)
            parts.append(getattr(sympy, RELATIONS[op])(left, right))
        return sympy.And(*parts)
    if isinstance(node, ast.Intersect):
        return sympy.And(condition_of(node.left, ctx), condition_of(node.right, ctx))
    if isinstance(node, ast.Union):
        return sympy.Or(condition_of(node.left, ctx), condition_of(node.right, ctx))
    if isinstance(node, ast.Not):
        return sympy.Not(condition_of(node.operand, ctx))
    raise SymmlError("write a condition on a random variable, such as X \\le 2", node.span)


# --- P(...) --------------------------------------------------------------------------
@calls("P", "Pr", "mathbb{P}")
def probability_call(node: ast.Call, ctx: Context):
    if not isinstance(node.func, ast.Name) or not node.args:
        return NotImplemented
    from sympy import true

    first = node.args[0]
    if len(node.args) == 1 and isinstance(first, ast.Given):
        event, given = event_of(first.event, ctx), event_of(first.condition, ctx)
        if event is not None and given is not None:
            return solve_event(event, given, ctx, node)
    else:
        event = events_of(node.args, ctx)
        if event is not None:
            return solve_event(event, true, ctx, node)
    if len(node.args) == 1 and not isinstance(first, (ast.Given, ast.Relation)) \
            and not _is_random_name(first, ctx):
        return NotImplemented
    return _random_variable_probability(node, ctx)


def _is_random_name(node: ast.Node, ctx: Context) -> bool:
    return isinstance(node, ast.Name) and bool(random_symbols(lookup(ctx, node.name)))


def _random_variable_probability(node: ast.Call, ctx: Context):
    """P(condition), P(condition | condition), and P(X), P(X, Y = y): a table of the pmf."""
    args, given_node = node.args, None
    if len(args) == 1 and isinstance(args[0], ast.Given):
        args, given_node = (args[0].event,), args[0].condition
    free = [ctx.value_of(arg) for arg in args if _is_random_name(arg, ctx)]
    conditions = [condition_of(arg, ctx) for arg in args if not _is_random_name(arg, ctx)]
    given = condition_of(given_node, ctx) if given_node is not None else None
    if free:
        return _pmf_table(free, conditions, given, ctx, node)
    import sympy

    condition = sympy.And(*conditions)
    if not random_symbols(condition) | random_symbols(given):
        raise SymmlError("no random variable here: declare one first, e.g. X \\sim "
                         "\\mathcal{N}(0, 1)", node.span)
    return probability_given(condition, given, ctx, node)


def probability_given(condition, given, ctx: Context, node):
    """P(A | B) = P(A ∩ B) / P(B) (P(A) when there is no condition)."""
    import sympy

    if given is None:
        return probability_of(condition, ctx, node)
    evidence = probability_of(given, ctx, node)
    if evidence == 0:
        raise DomainError(f"cannot condition on {condition_latex(given)}: its probability "
                          "is 0", node.span)
    both = probability_of(sympy.And(condition, given), ctx, node)
    value = plain(both / evidence)
    ctx.step("Conditional probability: P(A | B) = P(A ∩ B) / P(B)",
             rf"P\left({condition_latex(condition)} \mid {condition_latex(given)}\right)",
             rf"\frac{{{latex(both)}}}{{{latex(evidence)}}}", value)
    return value


def probability_of(condition, ctx: Context, node):
    """P(condition) of random variables: by the joint table's cells, by the CDF for one
    continuous variable on an interval, else by sympy.stats."""
    from sympy.stats import P

    variables = random_symbols(condition)
    joint = _joint_for(variables, ctx)
    if joint is not None:
        return _table_probability(joint, condition, ctx, node)
    interval = _interval(condition, variables)
    if interval is not None:
        return _cdf_probability(*interval, ctx)
    value = plain(P(condition))
    ctx.step("Probability from the distribution",
             rf"P\left({condition_latex(condition)}\right)", value)
    return value


def condition_latex(condition) -> str:
    """`X = 0, Y = 1` for a conjunction (as P(X = 0, Y = 1) is written), else the relation."""
    import sympy

    if isinstance(condition, sympy.And):
        return ", ".join(latex(part) for part in _sorted_parts(condition))
    return latex(condition)


def _sorted_parts(condition):
    return sorted(condition.args, key=lambda part: sorted(map(str, part.free_symbols)))


def _interval(condition, variables):
    """(X, lower, upper) when the condition bounds one continuous X (`a < X \\le b`)."""
    import sympy

    if len(variables) != 1 or next(iter(variables)).pspace.is_Finite:
        return None
    (variable,) = variables
    bounds = {"lower": [], "upper": []}
    for part in (condition.args if isinstance(condition, sympy.And) else (condition,)):
        side = _bound(part, variable)
        if side is None:
            return None
        bounds[side[0]].append(side[1])
    lower, upper = bounds["lower"], bounds["upper"]
    return variable, sympy.Max(*lower) if lower else None, sympy.Min(*upper) if upper else None


def _bound(relation, variable):
    """("lower", a) for X > a or a < X, ("upper", b) for X ≤ b; None otherwise."""
    import sympy

    kinds = {sympy.StrictGreaterThan: "lower", sympy.GreaterThan: "lower",
             sympy.StrictLessThan: "upper", sympy.LessThan: "upper"}
    flipped = {"lower": "upper", "upper": "lower"}
    side = kinds.get(type(relation))
    if side is None:
        return None
    if relation.lhs == variable and variable not in relation.rhs.free_symbols:
        return side, relation.rhs
    if relation.rhs == variable and variable not in relation.lhs.free_symbols:
        return flipped[side], relation.lhs
    return None


def _cdf_probability(variable, lower, upper, ctx: Context):
    """P(a < X ≤ b) = F(b) − F(a) for a continuous X (≤ or < make no difference)."""
    from sympy.stats import cdf

    function = cdf(variable)
    name = latex(variable)
    if lower is None:
        value = plain(function(upper))
        ctx.step(rf"CDF: P({name} ≤ x) = F(x)", rf"F({latex(upper)})", value)
    elif upper is None:
        value = plain(1 - function(lower))
        ctx.step(rf"Complement of the CDF: P({name} > a) = 1 − F(a)",
                 rf"1 - F({latex(lower)})", value)
    elif (upper - lower).is_nonpositive:
        value = 0
        ctx.step("No value lies between the bounds", rf"{latex(upper)} \le {latex(lower)}",
                 value)
    else:
        value = plain(function(upper) - function(lower))
        ctx.step("From the CDF: P(a < X ≤ b) = F(b) − F(a)",
                 rf"F({latex(upper)}) - F({latex(lower)})",
                 rf"{latex(plain(function(upper)))} - \left({latex(plain(function(lower)))}"
                 r"\right)", value)
    return value


def plain(value):
    """One deliberate simplification of a continuous result: erfc → erf, integrals done."""
    import sympy

    if not isinstance(value, sympy.Expr) or value.is_Rational:
        return value
    return sympy.simplify(value.rewrite(sympy.erf)) if value.has(sympy.erfc) else \
        sympy.simplify(value) if value.has(sympy.exp, sympy.erf, sympy.pi) else value


def _joint_for(variables, ctx: Context):
    names = {str(v) for v in variables}
    for key, joint in ctx.workspace.joints.items():
        if names <= key:
            return joint
    return None


def _table_probability(joint, condition, ctx: Context, node):
    """Add the cells of a joint table where the condition holds (the sum rule)."""
    cells = [joint.table[i, j] for i, j in _cells_where(joint, condition, node)]
    value = sum(cells)
    written = rf"P\left({condition_latex(condition)}\right)"
    if len(cells) > 1:
        ctx.step("Sum rule: add the cells of the joint table", written,
                 " + ".join(latex(c) for c in cells), value)
    else:
        ctx.step("Read the joint table", written, value)
    return value


def _cells_where(joint, condition, node):
    """(i, j) of the cells whose values satisfy the condition."""
    import sympy

    cells = []
    for i, x in enumerate(joint.values[0]):
        for j, y in enumerate(joint.values[1]):
            holds = condition.subs(dict(zip(joint.variables, (x, y))), simultaneous=True)
            if holds not in (sympy.true, sympy.false):
                raise SymmlError("the condition must name values of the table", node.span)
            if holds == sympy.true:
                cells.append((i, j))
    return cells


def _pmf_table(free, conditions, given, ctx: Context, node):
    """`P(X)` the column of P(X = x) over X's values; `P(X, Y)` the joint table;
    `P(X, Y = y)`, `P(X | Y = y)` a column over X's values (the sum rule's terms)."""
    import sympy
    from sympy import ImmutableMatrix

    if len(free) > 2 or not all(v.pspace.is_Finite for v in free):
        raise SymmlError("P(X) of a random variable is its table of probabilities: X must "
                         "take finitely many values", node.span)
    rest = sympy.And(*conditions)
    grids = [_values_of(v, ctx) for v in free]
    quiet = Context(ctx.workspace, False, [], ctx.bound)
    if len(free) == 1:
        entries = [probability_given(sympy.And(sympy.Eq(free[0], x), rest), given, quiet, node)
                   for x in grids[0]]
        value = ImmutableMatrix(entries)
    else:
        value = ImmutableMatrix(len(grids[0]), len(grids[1]), lambda i, j: probability_given(
            sympy.And(sympy.Eq(free[0], grids[0][i]), sympy.Eq(free[1], grids[1][j]), rest),
            given, quiet, node))
    ctx.step(rf"The probabilities over the values of {', '.join(map(latex, free))}", value)
    return value


def _values_of(variable, ctx: Context) -> list:
    from sympy.stats import density

    joint = _joint_for({variable}, ctx)
    if joint is not None:
        return list(joint.values[joint.names.index(str(variable))])
    return sorted(density(variable).dict, key=_order)


def _order(value):
    return (0, value) if getattr(value, "is_number", False) and value.is_real else (1, str(value))


def table_independent(joint):
    """True when every cell is the product of its marginals."""
    import sympy

    rows = [sum(joint.table.row(i)) for i in range(joint.table.rows)]
    cols = [sum(joint.table.col(j)) for j in range(joint.table.cols)]
    holds = all(joint.table[i, j] == rows[i] * cols[j] for i in range(len(rows))
                for j in range(len(cols)))
    return sympy.true if holds else sympy.false


# --- expectation, variance, covariance ------------------------------------------------------
def _expectation_argument(node: ast.Call, ctx: Context):
    """(value, condition) of E[X], E[g(X) | Y = y], E_{x \\sim P}[f(x)]."""
    if len(node.args) != 1:
        raise SymmlError("E takes one expression", node.span)
    target = node.args[0]
    scope = ctx
    if isinstance(node.func, ast.Subscript):
        scope = _sampling_scope(node.func.index[0], ctx)
    condition = None
    if isinstance(target, ast.Given):
        condition = condition_of(target.condition, scope)
        target = target.event
    return scope.value_of(target), condition


def _sampling_scope(index: ast.Node, ctx: Context) -> Context:
    """`_{x \\sim P}`: bind x to a random variable with P's distribution."""
    if not (isinstance(index, ast.Relation) and index.ops == ("sim",)
            and isinstance(index.operands[0], ast.Name)):
        raise SymmlError("write the subscript of E as x \\sim P", index.span)
    name, source = index.operands[0].name, index.operands[1]
    distribution = _distribution_named(source, ctx)
    return ctx.with_bound({name: distribution.variable(name)})


def _distribution_named(node: ast.Node, ctx: Context) -> Distribution:
    if isinstance(node, ast.Name) and node.name in ctx.workspace.distributions:
        return ctx.workspace.distributions[node.name]
    value = ctx.value_of(node)
    if isinstance(value, Distribution):
        return value
    raise SymmlError("this is not a distribution: define it with X \\sim ... or write "
                     "\\mathcal{N}(0, 1)", node.span)


@calls("E", "mathbb{E}")
def expectation_call(node: ast.Call, ctx: Context):
    if isinstance(node.func, ast.Subscript) or node.bracket == "[" or _mentions_random(node, ctx):
        value, condition = _expectation_argument(node, ctx)
        if not random_symbols(value):
            raise SymmlError("E[...] needs a random variable: declare one with X \\sim ...",
                             node.span)
        result = expectation(value, condition, node)
        _expectation_step(value, condition, result, ctx)
        return result
    return NotImplemented


def expectation(value, condition=None, node=None):
    """E[g] or E[g | B]; for finite variables E[g 1_B] / P(B), so that a joint table's
    dependence is respected (sympy.stats conditions finite spaces as if independent)."""
    import sympy
    from sympy.stats import E, P

    if condition is None:
        return plain(E(value))
    if not all(v.pspace.is_Finite for v in random_symbols(value) | random_symbols(condition)):
        return plain(E(value, condition))
    evidence = P(condition)
    if evidence == 0:
        raise DomainError(f"cannot condition on {condition_latex(condition)}: its "
                          "probability is 0", getattr(node, "span", None))
    return sympy.simplify(E(sympy.Piecewise((value, condition), (0, True))) / evidence)


def _mentions_random(node: ast.Call, ctx: Context) -> bool:
    stack = list(node.args)
    while stack:
        current = stack.pop()
        if isinstance(current, ast.Name) and random_symbols(lookup(ctx, current.name)):
            return True
        stack.extend(current.children())
    return False


def _expectation_step(value, condition, result, ctx: Context) -> None:
    """For finite variables, E[g] = Σ g(x) P(X = x) written out (over the cells of a joint
    table for g(X, Y)); otherwise the expectation and its value."""
    from sympy import Add, Mul

    cells = _outcomes(random_symbols(value), ctx) if condition is None else None
    if cells is not None and len(cells) <= 12:
        terms = [Mul(value.subs(point, simultaneous=True), p, evaluate=False)
                 for point, p in cells if p != 0]
        ctx.step(r"Expectation: \sum_x g(x) P(X = x)",
                 latex(Add(*terms, evaluate=False), as_written=True), result)
        return
    given = rf" \mid {condition_latex(condition)}" if condition is not None else ""
    ctx.step("Expectation", rf"\mathbb{{E}}\left[{latex(value)}{given}\right]", result)


def _outcomes(variables, ctx: Context):
    """[(substitution, probability)] over the values of finite variables, or None."""
    from sympy.stats import density

    if not variables or not all(v.pspace.is_Finite for v in variables):
        return None
    joint = _joint_for(variables, ctx)
    if joint is not None:
        return [(dict(zip(joint.variables, (x, y))), joint.table[i, j])
                for i, x in enumerate(joint.values[0]) for j, y in enumerate(joint.values[1])]
    if len(variables) != 1:
        return None
    (variable,) = variables
    table = density(variable).dict
    return [({variable: x}, table[x]) for x in sorted(table, key=_order)]


def _one_random(node: ast.Call, ctx: Context, what: str):
    if len(node.args) != 1:
        raise SymmlError(f"{what} takes one random variable", node.span)
    value = ctx.value_of(node.args[0])
    if not random_symbols(value):
        return None
    return value


@calls("Var")
def variance_call(node: ast.Call, ctx: Context):
    from sympy.stats import E, variance

    value = _one_random(node, ctx, "Var")
    if value is None:
        return NotImplemented
    result = plain(variance(value))
    ctx.step(r"Variance: \mathbb{E}[X^2] - \mathbb{E}[X]^2",
             rf"{latex(E(value**2))} - \left({latex(E(value))}\right)^2", result)
    return result


@calls("std")
def std_call(node: ast.Call, ctx: Context):
    value = _one_random(node, ctx, "std")
    if value is None:
        return NotImplemented
    return _standard_deviation(value, ctx)


def _standard_deviation(value, ctx: Context):
    from sympy import sqrt
    from sympy.stats import variance

    var = variance(value)
    result = sqrt(var)
    ctx.step("Standard deviation: the square root of the variance", rf"\sqrt{{{latex(var)}}}",
             result)
    return result


@subscripts("sigma")
def sigma_subscript(node: ast.Subscript, ctx: Context):
    """`\\sigma_X`: the standard deviation of a random variable X."""
    if len(node.index) != 1:
        return NotImplemented
    value = ctx.value_of(node.index[0])
    if not random_symbols(value):
        return NotImplemented
    return _standard_deviation(value, ctx)


@calls("Cov")
def covariance_call(node: ast.Call, ctx: Context):
    """Cov(X, Y) = E[XY] − E[X]E[Y]; Cov(X) of one random variable is Var(X). A data
    matrix is left to the linear-algebra chapter."""
    from sympy.stats import E, covariance

    values = [ctx.value_of(arg) for arg in node.args]
    if not 1 <= len(values) <= 2 or not all(random_symbols(v) for v in values):
        return NotImplemented
    x, y = values if len(values) == 2 else values * 2
    result = plain(covariance(x, y))
    ctx.step(r"Covariance: \mathbb{E}[XY] - \mathbb{E}[X]\mathbb{E}[Y]",
             rf"{latex(E(x * y))} - {latex(E(x))} \cdot {latex(E(y))}", result)
    return result


# --- densities and CDFs ------------------------------------------------------------------------
def _variable_of_subscript(func: ast.Node, ctx: Context):
    """The random variable X of `f_X`, `F_X`, `F_X^{-1}`, or None."""
    base = func.base if isinstance(func, ast.Power) else func
    if not (isinstance(base, ast.Subscript) and len(base.index) == 1):
        return None
    value = ctx.value_of(base.index[0])
    return value if random_symbols(value) else None


@calls("f", "p")
def density_call(node: ast.Call, ctx: Context):
    """`f_X(x)`, `p_X(x)`: the density or mass function at x."""
    from sympy.stats import density

    variable = _variable_of_subscript(node.func, ctx)
    if variable is None or len(node.args) != 1:
        return NotImplemented
    point = ctx.value_of(node.args[0])
    function = density(variable)
    if variable.pspace.is_Finite:
        result = function.dict.get(point, 0) if getattr(point, "is_number", False) else \
            _finite_piecewise(function.dict, point)
    else:
        result = function(point)
    ctx.step("Density (mass) function", rf"f_{{{latex(variable)}}}({latex(point)})", result)
    return result


def _finite_piecewise(table, point):
    from sympy import Eq, Piecewise

    return Piecewise(*[(p, Eq(point, x)) for x, p in table.items()], (0, True))


@calls("F")
def cdf_call(node: ast.Call, ctx: Context):
    """`F_X(x)` (the CDF P(X ≤ x)) and `F_X^{-1}(u)` (inverse transform sampling)."""
    from sympy.stats import P, cdf

    variable = _variable_of_subscript(node.func, ctx)
    if variable is None or len(node.args) != 1:
        return NotImplemented
    point = ctx.value_of(node.args[0])
    if isinstance(node.func, ast.Power):
        return _inverse_cdf(variable, point, ctx, node)
    if variable.pspace.is_Finite or getattr(point, "is_number", False):
        result = P(variable <= point)
    else:
        result = cdf(variable)(point)
    ctx.step(r"CDF: F(x) = P(X \le x)", rf"P({latex(variable)} \le {latex(point)})", result)
    return result


def _inverse_cdf(variable, u, ctx: Context, node):
    from sympy import Symbol, solve
    from sympy.stats import cdf

    x = Symbol("x")
    branch = _increasing_branch(cdf(variable)(x))
    values = [v for v in solve(branch - u, x) if _real_at_a_middle_level(v, u)]
    if len(values) != 1:
        raise SymmlError("the CDF cannot be inverted in closed form here", node.span)
    from sympy import factor, log

    result = values[0].replace(  # log(1/(1-u)) reads better as -log(1-u)
        lambda e: isinstance(e, log) and e.args[0].as_numer_denom()[0].is_number,
        lambda e: -log(factor(1 / e.args[0])))
    ctx.step("Inverse transform sampling: solve F(x) = u for x",
             rf"{latex(branch)} = {latex(u)} \;\Rightarrow\; x = {latex(result)}")
    return result


def _real_at_a_middle_level(solution, u) -> bool:
    """Keep the real branch of an inverse CDF: real where u = 1/2 (or at u itself)."""
    from sympy import Rational

    probe = solution.subs({s: Rational(1, 2) for s in getattr(u, "free_symbols", ())})
    return bool(probe.is_real)


def _increasing_branch(expr):
    """The piece of a piecewise CDF where it rises (e.g. 1 - e^{-λx} for x ≥ 0)."""
    from sympy import Piecewise

    if isinstance(expr, Piecewise):
        for piece, _ in expr.args:
            if piece.free_symbols:
                return piece
    return expr


def _quantile(variable, level, ctx: Context, node, title: str):
    """The x with F(x) = level (for a discrete variable, the smallest x with F(x) ≥ level)."""
    from sympy import Dummy, Eq, S, solveset
    from sympy.stats import P, cdf, density

    if variable.pspace.is_Finite:
        for x in sorted(density(variable).dict):
            if P(variable <= x) >= level:
                ctx.step(f"{title}: the smallest x with F(x) ≥ {latex(level)}",
                         rf"F({latex(x)}) = {latex(P(variable <= x))}")
                return x
    if not variable.pspace.is_Continuous:
        return _discrete_quantile(variable, level, ctx, node, title)
    x = Dummy("x", real=True)
    solutions = solveset(Eq(cdf(variable)(x), level), x, domain=S.Reals)
    if not solutions.is_FiniteSet or len(solutions) != 1:
        raise SymmlError(f"cannot solve F(x) = {latex(level)} in closed form", node.span)
    (result,) = solutions
    ctx.step(f"{title}: solve F(x) = {latex(level)}", rf"x = {latex(result)}")
    return result


def _discrete_quantile(variable, level, ctx: Context, node, title: str):
    """Walk the support of a discrete variable (Poisson, ...) adding P(X = k) until F(k) ≥
    level; at most 10,000 values."""
    from sympy.stats import density

    pmf = density(variable)
    start = pmf.set.inf
    if not start.is_Integer:
        raise SymmlError("the support of this variable has no first value", node.span)
    total = 0
    for k in range(int(start), int(start) + 10_000):
        total += pmf(k)
        if (total - level).evalf(30) >= 0:
            ctx.step(f"{title}: the smallest x with F(x) ≥ {latex(level)}",
                     rf"F({k}) = {latex(total)} \approx {latex(total.evalf(6))}")
            return k
    raise SymmlError(f"F(x) stays below {latex(level)} for the first 10,000 values", node.span)


@calls("median")
def median_call(node: ast.Call, ctx: Context):
    from sympy import Rational

    value = _one_random(node, ctx, "median")
    if value is None:
        return NotImplemented
    return _quantile(value, Rational(1, 2), ctx, node, "Median")


@calls("percentile")
def percentile_call(node: ast.Call, ctx: Context):
    if len(node.args) != 2:
        raise SymmlError("percentile takes (X, k)", node.span)
    value, k = ctx.value_of(node.args[0]), ctx.value_of(node.args[1])
    if not random_symbols(value):
        return NotImplemented
    if not (getattr(k, "is_number", False) and 0 < k < 100):
        raise DomainError("the percentile k must lie strictly between 0 and 100",
                          node.args[1].span)
    return _quantile(value, k / 100, ctx, node, f"{latex(k)}th percentile")


# --- sums over a support: E[X] = Σ_x x P(x), P(X = x) = Σ_y P(X = x, Y = y) -------------
def sum_over_support(node: ast.BigOp, ctx: Context):
    """`\\sum_{x} ...` with no bounds: over the values of the random variable named X."""
    from sympy import Add, Dummy

    index = node.lower
    if not isinstance(index, ast.Name) or node.op != "sum":
        raise SymmlError(rf"\{node.op} needs bounds such as _{{i=1}}^{{n}}", node.span)
    variable, values = _support_for(index.name, ctx, node)
    bound = {}
    if variable is not None and _joint_for({variable}, ctx) is None:
        from sympy.stats import density

        xi = Dummy("xi")
        pmf = _finite_piecewise(density(variable).dict, xi)
        bound = {name: UserFunction(name, (xi,), pmf) for name in ("P", "p")}
    terms = [ctx.with_bound({**bound, index.name: value}).value_of(node.body) for value in values]
    result = Add(*terms)
    ctx.step(rf"Sum over the values of {latex(variable) if variable is not None else index.name}",
             latex(Add(*terms, evaluate=False), as_written=True), result)
    return result


def _support_for(name: str, ctx: Context, node):
    from sympy.stats import density

    for candidate in (name.upper(), name):
        value = lookup(ctx, candidate)
        if random_symbols(value) and value.pspace.is_Finite:
            return value, sorted(density(value).dict, key=str)
        if candidate in ctx.workspace.supports:
            return None, ctx.workspace.supports[candidate]
    raise SymmlError(f"sum over {name}: no finite random variable {name.upper()} to take "
                     "its values from", node.span)
