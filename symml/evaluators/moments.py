"""Moments of random variables: expectation (also conditional, and under `_{x \\sim P}`),
variance, standard deviation and covariance."""
from __future__ import annotations

from ..errors import DomainError, SymmlError
from ..render.latex import latex
from ..semantics.random_variables import random_symbols
from ..steps import AsWritten
from ..steps.notation_probability import (Factors, Negative, Quotient, SumOf, Terms, difference,
                                          equation, letters, probability, random_letters)
from ..syntax import ast
from .distributions import Distribution
from .names import lookup
from .probability import _joint_for, _one_random, _order, condition_latex, condition_of, plain
from .registry import Context, calls, subscripts


def _rules():
    """A named family's mean and variance by its rule: family → (parameter symbols,
    (mean rule, mean), (variance rule, variance)), each rule written with the symbols."""
    from sympy import Add, Pow, Rational, Symbol

    n, p, lam, mu, var, a, b = (Symbol(s) for s in ("n", "p", "lambda", "mu", "sigma^2",
                                                     "a", "b"))
    return {
        "Bernoulli": ((p,), (p, p), (Factors(p, 1 - p), p * (1 - p))),
        "Binomial": ((n, p), (Factors(n, p), n * p),
                     (Factors(n, p, 1 - p), n * p * (1 - p))),
        "Poisson": ((lam,), (lam, lam), (lam, lam)),
        "Normal": ((mu, var), (mu, mu), (var, var)),
        "Exponential": ((lam,), (Quotient(1, lam), 1 / lam), (Quotient(1, lam**2), lam**-2)),
        "Uniform": ((a, b), (Quotient(Add(a, b, evaluate=False), 2), (a + b) / 2),
                    (Quotient(Pow(difference(b, a), 2, evaluate=False), 12),
                     Rational(1, 12) * (b - a)**2)),
    }


MOMENT_WORDS = {"mean": ("Expectation", "mean"), "variance": ("Variance", "variance")}


def _by_rule(value, ctx: Context, moment: str):
    """The mean or variance of a declared variable of a named family by the family's rule
    (`E[X] = np`), as a step; None when there is no rule."""
    from sympy import Mul, Pow, evaluate

    distribution = ctx.workspace.distributions.get(str(value))
    rules = _rules()
    if distribution is None or distribution.family not in rules \
            or distribution.variable(str(value)) != value:
        return None
    symbols, mean, variance = rules[distribution.family]
    written, formula = mean if moment == "mean" else variance
    values = dict(zip(symbols, distribution.params))
    with evaluate(False):
        shown = formula.xreplace(values)
    result = formula.xreplace(values)
    import sympy.stats

    moment_class, word = MOMENT_WORDS[moment]
    left = getattr(sympy.stats, moment_class)(value)
    ctx.step((f"{distribution.family} {word} by its rule:", equation(left, written)), left,
             AsWritten(shown), result)
    return result


def _by_linearity(value, ctx: Context, moment: str):
    """E[aX² + bX + c] = a E[X²] + b E[X] + c with E[X²] = Var(X) + E[X]², and Var(aX + b) =
    a² Var(X), for X of a named family with symbolic parameters (`\\operatorname{Binomial}(n,
    p)`: a sum over a support of symbolic size has no closed form); None otherwise."""
    from sympy import Add, Poly, PolynomialError, Pow
    from sympy.stats import Expectation, Variance

    variables = random_symbols(value)
    distribution = ctx.workspace.distributions.get(str(next(iter(variables)))) \
        if len(variables) == 1 else None
    if distribution is None or distribution.family not in _rules() or not any(
            getattr(v, "free_symbols", None) for v in distribution.params):
        return None
    (x,) = variables
    try:
        coefficients = Poly(value, x).all_coeffs()[::-1]  # c, b, a
    except PolynomialError:
        return None
    if len(coefficients) > (3 if moment == "mean" else 2):
        return None
    (letter,) = random_letters("X")
    if moment == "variance":
        result = coefficients[1]**2 * _by_rule(x, ctx, "variance")
        a, b = letters("a b")
        rule = equation(Variance(Add(Factors(a, letter), b, evaluate=False)),
                        Factors(Pow(a, 2), Variance(letter)))
        ctx.step(("Variance of a linear function:", rule),
                 Variance(value), result)
        return result
    moments = [1, _by_rule(x, ctx, "mean")]
    if len(coefficients) == 3:
        second = _by_rule(x, ctx, "variance") + moments[1]**2
        moments.append(second)
        rule = equation(Expectation(letter**2),
                        Add(Variance(letter), Expectation(letter)**2, evaluate=False))
        ctx.step(("Second moment:", rule),
                 Expectation(x**2), second, _tidy(second))
    result = sum(c * m for c, m in zip(coefficients, moments))
    if any(coefficients[:-1]) or coefficients[-1] != 1:  # not E[X^2] alone
        law = equation(Expectation(_combination(coefficients, (1, letter, letter**2))),
                       _combination(coefficients, (1, Expectation(letter),
                                                   Expectation(letter**2))))
        ctx.step(("Linearity of expectation:", law), Expectation(value), result,
                 _tidy(result))
    return _tidy(result)


def _combination(coefficients, terms):
    """`2 \\mathbb{E}[X] + 1`: Σ coefficient · term, highest power first, as written."""
    from sympy import Mul

    parts = []
    for coefficient, term in reversed(list(zip(coefficients, terms))):
        if coefficient == 0:
            continue
        negative = coefficient.could_extract_minus_sign()
        size = -coefficient if negative else coefficient
        piece = size if term == 1 else term if size == 1 else Factors(size, term)
        if negative:
            piece = Mul(-1, piece, evaluate=False) if parts else Negative(piece)
        parts.append(piece)
    return Terms(*parts)


def _tidy(value):
    """The factored form when it is shorter (`n^2 p^2 + np(1 - p) - np` is `n(n - 1) p^2`)."""
    from sympy import count_ops, factor

    factored = factor(value)
    return factored if count_ops(factored) < count_ops(value) else value


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
        if condition is None:
            by_rule = _by_rule(value, ctx, "mean")
            if by_rule is None:
                by_rule = _by_linearity(value, ctx, "mean")
            if by_rule is not None:
                return by_rule
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
    from sympy import Add, Eq, Function, Mul, Symbol, evaluate
    from sympy.stats import Expectation

    variables = random_symbols(value)
    cells = _outcomes(variables, ctx) if condition is None else None
    if cells is not None and len(cells) <= 12:
        with evaluate(False):  # 2^2 \cdot \frac{1}{6}: the value of g before it is worked out
            terms = [Mul(value.xreplace(point), p) for point, p in cells if p != 0]
        x = Symbol("x")
        if len(variables) == 1:
            (variable,) = variables
            rule = Eq(Expectation(value), SumOf(Factors(
                value.xreplace({variable: x}), probability(Eq(variable, x))), x), evaluate=False)
        else:
            g, letter = random_letters("g X")
            rule = Eq(Expectation(g), SumOf(Factors(Function("g")(x), probability(Eq(letter, x))),
                                            x), evaluate=False)
        ctx.step(("Expectation:", rule), AsWritten(Add(*terms, evaluate=False)), result)
        return
    from sympy.stats import Expectation

    written = Expectation(value) if condition is None else Expectation(value, condition)
    ctx.step("Expectation", written, result)


def _outcomes(variables, ctx: Context):
    """[(substitution, probability)] over the values of finite variables, or None."""
    from sympy import Dict
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
    if not isinstance(table, (dict, Dict)):  # Binomial(n, p): a support of symbolic size
        return None
    return [({variable: x}, table[x]) for x in sorted(table, key=_order)]


@calls("Var")
def variance_call(node: ast.Call, ctx: Context):
    from sympy.stats import E, Expectation, Variance, variance

    value = _one_random(node, ctx, "Var")
    if value is None:
        return NotImplemented
    by_rule = _by_rule(value, ctx, "variance")
    if by_rule is None:
        by_rule = _by_linearity(value, ctx, "variance")
    if by_rule is not None:
        return by_rule
    result = plain(variance(value))
    second, first = plain(E(value**2)), plain(E(value))
    _expectation_step(value**2, None, second, ctx)
    _expectation_step(value, None, first, ctx)
    (letter,) = random_letters("X")
    rule = equation(Variance(letter), difference(Expectation(letter**2), Expectation(letter)**2))
    ctx.step(("Variance:", rule),
             Variance(value), AsWritten(difference(Expectation(value**2), Expectation(value)**2)),
             AsWritten(_difference(second, first)), result)
    return result


def _difference(second, first):
    """`E[X²] − E[X]²` with both numbers shown, not yet subtracted."""
    from sympy import Add, Mul, Pow

    return Add(second, Mul(-1, Pow(first, 2, evaluate=False), evaluate=False), evaluate=False)


@calls("std")
def std_call(node: ast.Call, ctx: Context):
    value = _one_random(node, ctx, "std")
    if value is None:
        return NotImplemented
    return _standard_deviation(value, ctx)


def _standard_deviation(value, ctx: Context):
    from sympy import Pow, Rational, sqrt
    from sympy.stats import variance

    var = _by_rule(value, ctx, "variance")
    if var is None:
        var = _by_linearity(value, ctx, "variance")
    if var is None:
        var = variance(value)
    result = sqrt(var)
    ctx.step("Standard deviation: the square root of the variance",
             Pow(var, Rational(1, 2), evaluate=False), result)
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
    from sympy.stats import Covariance, E, Expectation, covariance

    values = [ctx.value_of(arg) for arg in node.args]
    if not 1 <= len(values) <= 2 or not all(random_symbols(v) for v in values):
        return NotImplemented
    x, y = values if len(values) == 2 else values * 2
    result = plain(covariance(x, y))
    first, second = random_letters("X Y")
    rule = AsWritten(difference(Expectation(Factors(first, second)),
                                Factors(Expectation(first), Expectation(second))))
    ctx.step(("Covariance:", rule), Covariance(x, y),
             AsWritten(difference(Expectation(x * y), Factors(Expectation(x), Expectation(y)))),
             AsWritten(difference(E(x * y), Factors(E(x), E(y)))), result)
    return result
