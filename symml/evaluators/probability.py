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
    if len(node.args) == 1 and not isinstance(first, (ast.Given, ast.Relation)):
        return NotImplemented
    return _random_variable_probability(node, ctx)


def _random_variable_probability(node: ast.Call, ctx: Context):
    import sympy
    from sympy.stats import P

    args = node.args
    given_node = None
    if len(args) == 1 and isinstance(args[0], ast.Given):
        args, given_node = (args[0].event,), args[0].condition
    condition = sympy.And(*[condition_of(arg, ctx) for arg in args])
    given = condition_of(given_node, ctx) if given_node is not None else None
    variables = random_symbols(condition) | (random_symbols(given) if given is not None else set())
    if not variables:
        raise SymmlError("no random variable here: declare one first, e.g. X \\sim "
                         "\\mathcal{N}(0, 1)", node.span)
    joint = _joint_for(variables, ctx)
    if joint is not None:
        return _table_probability(joint, condition, given, ctx, node)
    if given is not None:
        evidence = P(given)
        if evidence == 0:
            raise DomainError(f"cannot condition on {latex(given)}: its probability is 0",
                              given_node.span)
        joint_value = P(sympy.And(condition, given))
        value = sympy.simplify(joint_value / evidence)
        ctx.step("Conditional probability: P(A | B) = P(A ∩ B) / P(B)",
                 rf"\frac{{{latex(joint_value)}}}{{{latex(evidence)}}}", value)
        return value
    value = P(condition)
    _range_step(condition, value, ctx)
    return value


def _range_step(condition, value, ctx: Context) -> None:
    """`P(a < X \\le b) = F(b) - F(a)`, the CDF step of the guide."""
    import sympy
    from sympy.stats import cdf

    parts = condition.args if isinstance(condition, sympy.And) else (condition,)
    bounds = {type(p).__name__: p for p in parts}
    variables = list(random_symbols(condition))
    if len(variables) == 1 and set(bounds) == {"StrictLessThan", "LessThan"} \
            and not variables[0].pspace.is_Finite:
        upper = next(p.rhs for p in parts if isinstance(p, sympy.LessThan))
        lower = next(p.lhs for p in parts if isinstance(p, sympy.StrictLessThan))
        function = cdf(variables[0])
        ctx.step("From the CDF: P(a < X ≤ b) = F(b) − F(a)",
                 rf"F({latex(upper)}) - F({latex(lower)})",
                 rf"{latex(function(upper))} - \left({latex(function(lower))}\right)", value)
    else:
        ctx.step("Probability from the distribution", rf"P\left({latex(condition)}\right)",
                 value)


def _joint_for(variables, ctx: Context):
    names = {str(v) for v in variables}
    for key, joint in ctx.workspace.joints.items():
        if names <= key:
            return joint
    return None


def _table_probability(joint, condition, given, ctx: Context, node):
    """Sum the cells of a joint table where the condition holds (the sum rule)."""
    import sympy

    def mass(predicate):
        total, cells = 0, []
        for i, x in enumerate(joint.values[0]):
            for j, y in enumerate(joint.values[1]):
                holds = predicate.subs(_cell(joint, x, y), simultaneous=True)
                if holds == sympy.true:
                    total += joint.table[i, j]
                    cells.append(joint.table[i, j])
                elif holds != sympy.false:
                    raise SymmlError("the condition must name values of the table",
                                     node.span)
        return total, cells

    value, cells = mass(condition)
    if given is None:
        title = "Sum rule: add the cells of the joint table" if len(cells) > 1 \
            else "Read the joint table"
        ctx.step(title, rf"P\left({latex(condition)}\right)",
                 " + ".join(latex(c) for c in cells) or "0", value)
        return value
    evidence, _ = mass(given)
    if evidence == 0:
        raise DomainError(f"cannot condition on {latex(given)}: its probability is 0",
                          node.span)
    both, _ = mass(sympy.And(condition, given))
    result = both / evidence
    ctx.step("Conditional probability from the table: P(A ∩ B) / P(B)",
             rf"\frac{{{latex(both)}}}{{{latex(evidence)}}}", result)
    return result


def _cell(joint, x, y):
    """Substitution of one cell's values for the table's two random variables."""
    return dict(zip(joint.variables, (x, y)))


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
    from sympy.stats import E

    if isinstance(node.func, ast.Subscript) or node.bracket == "[" or _mentions_random(node, ctx):
        value, condition = _expectation_argument(node, ctx)
        if not random_symbols(value):
            raise SymmlError("E[...] needs a random variable: declare one with X \\sim ...",
                             node.span)
        result = E(value, condition) if condition is not None else E(value)
        _expectation_step(value, result, ctx)
        return result
    return NotImplemented


def _mentions_random(node: ast.Call, ctx: Context) -> bool:
    stack = list(node.args)
    while stack:
        current = stack.pop()
        if isinstance(current, ast.Name) and random_symbols(lookup(ctx, current.name)):
            return True
        stack.extend(current.children())
    return False


def _expectation_step(value, result, ctx: Context) -> None:
    """For a finite variable, E[g(X)] = Σ g(x) P(X = x) written out."""
    from sympy import Add, Mul
    from sympy.stats import density

    variables = list(random_symbols(value))
    if len(variables) == 1 and variables[0].pspace.is_Finite:
        (variable,) = variables
        table = density(variable).dict
        if len(table) <= 12:
            terms = [Mul(value.subs(variable, x), p, evaluate=False) for x, p in
                     sorted(table.items(), key=lambda item: str(item[0]))]
            ctx.step(r"Expectation: \sum_x g(x) P(X = x)",
                     latex(Add(*terms, evaluate=False), as_written=True), result)
            return
    ctx.step("Expectation", rf"\mathbb{{E}}\left[{latex(value)}\right]", result)


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
    result = variance(value)
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
    from sympy.stats import E, covariance

    if len(node.args) != 2:
        return NotImplemented
    x, y = (ctx.value_of(arg) for arg in node.args)
    if not (random_symbols(x) and random_symbols(y)):
        return NotImplemented
    joint = _joint_for(random_symbols(x) | random_symbols(y), ctx)
    if joint is not None:
        return _table_covariance(joint, x, y, ctx)
    result = covariance(x, y)
    ctx.step(r"Covariance: \mathbb{E}[XY] - \mathbb{E}[X]\mathbb{E}[Y]",
             rf"{latex(E(x * y))} - {latex(E(x))} \cdot {latex(E(y))}", result)
    return result


def _table_covariance(joint, x, y, ctx: Context):
    def expect(expr):
        total = 0
        for i, a in enumerate(joint.values[0]):
            for j, b in enumerate(joint.values[1]):
                total += expr.subs(_cell(joint, a, b), simultaneous=True) * joint.table[i, j]
        return total

    exy, ex, ey = expect(x * y), expect(x), expect(y)
    result = exy - ex * ey
    ctx.step(r"Covariance from the joint table: \mathbb{E}[XY] - \mathbb{E}[X]\mathbb{E}[Y]",
             rf"{latex(exy)} - {latex(ex)} \cdot {latex(ey)}", result)
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
    x = Dummy("x", real=True)
    solutions = solveset(Eq(cdf(variable)(x), level), x, domain=S.Reals)
    if not solutions.is_FiniteSet or len(solutions) != 1:
        raise SymmlError(f"cannot solve F(x) = {latex(level)} in closed form", node.span)
    (result,) = solutions
    ctx.step(f"{title}: solve F(x) = {latex(level)}", rf"x = {latex(result)}")
    return result


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
