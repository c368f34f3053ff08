"""Distribution functions of a random variable: density or mass f_X, CDF F_X and its
inverse F_X^{-1} (inverse transform sampling), median and percentiles."""
from __future__ import annotations

from ..errors import DomainError, SymmlError
from ..render.latex import latex
from ..semantics.random_variables import random_symbols
from ..steps import AsWritten
from ..steps.notation_probability import (CDF, Approximately, DensityAt, Therefore, equation,
                                          letters, probability)
from ..syntax import ast
from .probability import _finite_piecewise, _one_random, _order, plain
from .registry import Context, calls


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
    ctx.step("Density (mass) function", DensityAt(variable, point), result)
    return result


@calls("F")
def cdf_call(node: ast.Call, ctx: Context):
    """`F_X(x)` (the CDF P(X ≤ x)) and `F_X^{-1}(u)` (inverse transform sampling)."""
    from sympy import Le
    from sympy.stats import P, cdf

    variable = _variable_of_subscript(node.func, ctx)
    if variable is None or len(node.args) != 1:
        return NotImplemented
    point = ctx.value_of(node.args[0])
    if isinstance(node.func, ast.Power):
        return _inverse_cdf(variable, point, ctx, node)
    if getattr(point, "is_number", False):
        result = plain(P(variable <= point))
    elif variable.pspace.is_Finite:
        result = _finite_cdf(_sorted_table(variable), point)
    elif not variable.pspace.is_Continuous:
        result = _discrete_cdf(variable, point, node)
    else:
        result = cdf(variable)(point)
    x, name = letters("x X")
    ctx.step(("CDF:", equation(CDF(x), probability(Le(name, x)))),
             probability(Le(variable, point)), result)
    return result


def _at_least(x, level):
    """`F(x) \\ge level`, as a title writes it."""
    from sympy import Ge

    return AsWritten(Ge(CDF(x), level, evaluate=False))


def _sorted_table(variable) -> list:
    """[(value, P(X = value))] of a finite variable, values ascending."""
    from sympy.stats import density

    table = density(variable).dict
    return [(x, table[x]) for x in sorted(table, key=_order)]


def _finite_cdf(table, point):
    """The step function F(x) of a finite variable: 0 below its least value, then the
    running totals, 1 from its largest value on."""
    from sympy import Lt, Piecewise

    pieces, total = [], 0
    for (x, p) in table:
        pieces.append((total, Lt(point, x)))
        total += p
    return Piecewise(*pieces, (total, True))


def _discrete_cdf(variable, point, node):
    """F(x) = Σ_{k ≤ ⌊x⌋} P(X = k) of an integer variable with an unbounded support."""
    from sympy import Dummy, Piecewise, Sum, floor
    from sympy.stats import density

    pmf = density(variable)
    start = pmf.set.inf
    if not start.is_Integer:
        raise SymmlError("the support of this variable has no first value", node.span)
    k = Dummy("k", integer=True)
    return Piecewise((Sum(pmf(k), (k, start, floor(point))), point >= start), (0, True))


def _inverse_cdf(variable, u, ctx: Context, node):
    """F⁻¹(u): a quantile for a number u; for a symbol u the solution of F(x) = u (a
    continuous X) or the generalized inverse, the least x with F(x) ≥ u (a finite X)."""
    from sympy import Eq, Symbol, solve

    if getattr(u, "is_number", False):
        if not 0 < u < 1:
            raise DomainError("the inverse CDF takes a level u strictly between 0 and 1",
                              node.args[0].span)
        return _quantile(variable, u, ctx, node, "Inverse CDF")
    if variable.pspace.is_Finite:
        return _finite_inverse_cdf(_sorted_table(variable), u, ctx)
    if not variable.pspace.is_Continuous:
        raise SymmlError("the inverse CDF of a discrete variable with infinitely many values "
                         "needs a numeric level u", node.span)
    from sympy.stats import cdf

    x = Symbol("x")
    branch = _increasing_branch(cdf(variable)(x))
    values = [v for v in solve(branch - u, x) if _real_at_a_middle_level(v, u)]
    if len(values) != 1:
        raise SymmlError("the CDF cannot be inverted in closed form here", node.span)
    result = _readable_logs(values[0])
    ctx.step(("Inverse transform sampling: solve", equation(CDF(x), u), "for", x),
             Therefore(Eq(branch, u, evaluate=False), Eq(x, result, evaluate=False)))
    return result


def _finite_inverse_cdf(table, u, ctx: Context):
    from sympy import Le, Piecewise, Symbol

    pieces, total = [], 0
    for (x, p) in table[:-1]:
        total += p
        pieces.append((x, Le(u, total)))
    result = Piecewise(*pieces, (table[-1][0], True))
    x = Symbol("x")
    ctx.step(("Inverse transform sampling: the least", x, "with", _at_least(x, u)), x, result)
    return result


def _readable_logs(expr):
    """log(b^r) → r log b and log(1/b) → −log b (b > 0 on the real branch of an inverse
    CDF or a quantile): −log(1 − u)/2 rather than log((1/(1 − u))^{1/2})."""
    from sympy import Pow, expand, log

    expr = expr.replace(
        lambda e: isinstance(e, log) and isinstance(e.args[0], Pow)
        and e.args[0].exp.is_Rational, lambda e: e.args[0].exp * log(e.args[0].base))
    return expr.replace(
        lambda e: isinstance(e, log) and e.args[0].as_numer_denom()[0].is_number
        and not e.args[0].is_Integer, lambda e: -log(expand(1 / e.args[0])))


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
    from sympy import Dummy, Eq, S, Symbol, solveset
    from sympy.stats import P, cdf, density

    if variable.pspace.is_Finite:
        for x in sorted(density(variable).dict):
            if P(variable <= x) >= level:
                ctx.step((f"{title}: the smallest", Symbol("x"), "with",
                          _at_least(Symbol("x"), level)), CDF(x), P(variable <= x))
                return x
    if not variable.pspace.is_Continuous:
        return _discrete_quantile(variable, level, ctx, node, title)
    x = Dummy("x", real=True)
    solutions = solveset(Eq(cdf(variable)(x), level), x, domain=S.Reals)
    if not solutions.is_FiniteSet or len(solutions) != 1:
        raise SymmlError(f"cannot solve F(x) = {latex(level)} in closed form", node.span)
    result = _readable_logs(next(iter(solutions)))
    ctx.step((f"{title}: solve", equation(CDF(Symbol("x")), level)), Symbol("x"), result)
    return result


def _discrete_quantile(variable, level, ctx: Context, node, title: str):
    """Walk the support of a discrete variable (Poisson, ...) adding P(X = k) until F(k) ≥
    level; at most 10,000 values."""
    from sympy import Symbol
    from sympy.stats import density

    pmf = density(variable)
    start = pmf.set.inf
    if not start.is_Integer:
        raise SymmlError("the support of this variable has no first value", node.span)
    total = 0
    for k in range(int(start), int(start) + 10_000):
        total += pmf(k)
        if (total - level).evalf(30) >= 0:
            x = Symbol("x")
            ctx.step((f"{title}: the smallest", x, "with", _at_least(x, level)),
                     CDF(k), Approximately(total, total.evalf(6)))
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
