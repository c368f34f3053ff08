"""Estimation: likelihood, log-likelihood, maximum-likelihood estimates with steps, arg max,
and the Kolmogorov–Smirnov statistic (exact) with its p-value (numeric)."""
from __future__ import annotations

from ..errors import DomainError, SymmlError
from ..render.latex import latex
from ..semantics.kinds import is_matrix
from ..steps.notation_probability import (CDF, Approximately, Bracketed, DensityAt, Factors,
                                          Letter, Listed, PartialDerivative, Therefore, Valued,
                                          difference, hat)
from ..syntax import ast
from .distributions import Distribution, distribution_latex
from .registry import Context, calls, handles, subscripts

# the closed ranges of one-parameter families whose MLE may lie at an end (p̂ = 1, λ̂ = 0)
PARAMETER_RANGES = {"Bernoulli": (0, 1), "Binomial": (0, 1), "Poisson": (0, None)}
FAMILY_PARAMETERS = {"Bernoulli": ("p",), "Poisson": ("lambda",), "Normal": ("mu", "sigma2"),
                     "Exponential": ("lambda",), "Binomial": (None, "p")}


# --- data ---------------------------------------------------------------------------------
def sample(node: ast.Node, ctx: Context):
    """Concrete data `[1, 0, 1, 1]`, or symbolic samples `[x_1, \\ldots, x_n]` → (kind, data).

    kind is "data" (a list of values) or "symbolic" (the IndexedBase x and the size n).
    """
    items = node.items if isinstance(node, (ast.ListLit, ast.TupleLit)) else None
    if items and any(isinstance(item, ast.Dots) for item in items):
        return _symbolic_sample(items, ctx, node)
    value = ctx.value_of(node)
    if is_matrix(value):
        return "data", list(value)
    raise SymmlError("the data must be a list such as [1, 0, 1, 1] or [x_1, \\ldots, x_n]",
                     node.span)


def _symbolic_sample(items, ctx: Context, node):
    from sympy import IndexedBase

    last = items[-1]
    if not (isinstance(last, ast.Subscript) and isinstance(last.base, ast.Name)):
        raise SymmlError("write symbolic samples as x_1, \\ldots, x_n", node.span)
    size = ctx.value_of(last.index[0])
    return "symbolic", (IndexedBase(last.base.name), size)


# --- likelihood ---------------------------------------------------------------------------
def _model(distribution: Distribution):
    """(density as a function of x, the parameter symbols) of a family."""
    family = distribution.family
    if family not in FAMILY_PARAMETERS:
        raise SymmlError(f"MLE is supported for Bernoulli, Binomial, Poisson, Normal, "
                         f"Exponential and Uniform models, not {family}")
    params = [_estimable(p) for p in distribution.params]
    unknowns = [p for p in params if getattr(p, "is_Symbol", False)]
    if not unknowns:
        raise SymmlError("give the parameter to estimate as a symbol, e.g. Bernoulli(p)")
    return _density(family, params), unknowns


def _density(family: str, params):
    """The density (mass) function x ↦ f(x; params) of a family."""
    from sympy import binomial, exp, factorial, pi, sqrt

    if family == "Normal":
        mu, variance = params
        return lambda x: exp(-(x - mu) ** 2 / (2 * variance)) / sqrt(2 * pi * variance)
    theta = params[-1]
    densities = {"Bernoulli": lambda x: theta ** x * (1 - theta) ** (1 - x),
                 "Poisson": lambda x: theta ** x * exp(-theta) / factorial(x),
                 "Exponential": lambda x: theta * exp(-theta * x),
                 "Binomial": lambda x: binomial(params[0], x) * theta ** x
                 * (1 - theta) ** (params[0] - x)}
    return densities[family]


def _estimable(parameter):
    """A symbolic parameter such as σ² becomes one positive unknown named `sigma^2`."""
    from sympy import Symbol

    if getattr(parameter, "is_Symbol", False) or getattr(parameter, "is_number", True):
        return parameter
    return Symbol(str(parameter).replace("**", "^"), positive=True)


@calls("MLE")
def mle_call(node: ast.Call, ctx: Context):
    """`MLE(Bernoulli(p), [1, 0, 1, 1])`: the estimate by the method of the model's family."""
    from sympy import Tuple

    if len(node.args) != 2:
        raise SymmlError(r"write \operatorname{MLE}(\operatorname{Bernoulli}(p), [1, 0, 1])",
                         node.span)
    distribution = ctx.value_of(node.args[0])
    if not isinstance(distribution, Distribution):
        raise SymmlError("the first argument of MLE is a model such as Bernoulli(p)",
                         node.args[0].span)
    estimate = MLE_METHODS.get(distribution.family, _stationary_mle)(distribution, node, ctx)
    for symbol, value in estimate.items():
        ctx.workspace.define(f"{symbol}hat_MLE", value)
    values = list(estimate.values())
    return values[0] if len(values) == 1 else Tuple(*values)


def _stationary_mle(distribution: Distribution, node: ast.Call, ctx: Context) -> dict:
    """Likelihood → log-likelihood → derivative → solve; the estimates in parameter order."""
    from sympy import Mul, Product, Symbol, log

    density, params = _model(distribution)
    kind, data = sample(node.args[1], ctx)
    if kind == "data":
        likelihood = Mul(*[density(x) for x in data])
        ctx.step("Likelihood: the product of the densities of the data", Letter("mathcal{L}"),
                 Factors(*[Bracketed(density(x)) for x in data]), likelihood)
        log_likelihood = _log_likelihood_of_data(density, data)
    else:
        log_likelihood = _log_likelihood_symbolic(density, data)
        ctx.step("Likelihood: the product of the densities of the samples",
                 Letter("mathcal{L}"),
                 Product(DensityAt(Symbol("x_i")), (Symbol("i"), 1, data[1])))
    ctx.step("Log-likelihood", Letter("ell"), log(Letter("mathcal{L}")), log_likelihood)
    estimate = _maximise(log_likelihood, params, ctx, node, distribution.family)
    return {p: estimate[p] for p in params}


def _uniform_mle(distribution: Distribution, node: ast.Call, ctx: Context) -> dict:
    """U(a, b): 𝓛 = (b − a)^{-n} while [a, b] holds the data, else 0, so it has no stationary
    point and is largest for the narrowest such interval: â = min xᵢ, b̂ = max xᵢ."""
    from sympy import And, Ge, Interval, Le, Piecewise, Symbol

    low, high = distribution.params
    data = _data(node.args[1], ctx, "MLE of a uniform model")
    # (end, its estimate, the condition on it, min/max, how 𝓛 varies with it, which end wins)
    ends = [(low, data[0], Le, "min", "increasing", "largest"),
            (high, data[-1], Ge, "max", "decreasing", "smallest")]
    if not all(getattr(end, "is_Symbol", False) or end.is_number for end in (low, high)):
        raise SymmlError(r"write each unknown end as a symbol, e.g. \mathcal{U}(0, \theta)",
                         node.args[0].span)
    unknowns = [e for e in ends if e[0].is_Symbol]
    if not unknowns:
        raise SymmlError(r"give the end to estimate as a symbol, e.g. \mathcal{U}(0, \theta)",
                         node.args[0].span)
    if low.is_number and data[0] < low or high.is_number and data[-1] > high:
        raise DomainError("the data lie outside the interval, so the likelihood is 0",
                          node.span)
    estimate = {end: value for end, value, *_ in unknowns}
    if not (high - low).subs(estimate) > 0:
        raise DomainError("the data fit an interval of width 0, where the likelihood is "
                          "unbounded", node.span)
    conditions = And(*[relation(end, Valued(Letter(statistic), value), evaluate=False)
                       for end, value, relation, statistic, *_ in unknowns])
    ctx.step(("Likelihood:", (high - low) ** -Symbol('n'), "while", Interval(low, high),
              "holds every", Symbol("x_i"), ", 0 otherwise"), Letter("mathcal{L}"),
             Piecewise(((high - low) ** -len(data), conditions), (0, True), evaluate=False))
    for end, value, _, statistic, trend, side in unknowns:
        ctx.step((f"The likelihood is {trend} in", end, f", so the MLE is the {side} allowed",
                  end), hat(end), Letter(statistic), value)
    return estimate


# families whose support depends on the parameter, so 𝓛 is not maximised at a stationary point
MLE_METHODS = {"Uniform": _uniform_mle}


def _log_likelihood_of_data(density, data):
    from sympy import Add, expand_log, log

    return Add(*[expand_log(log(density(x)), force=True) for x in data])


def _log_likelihood_symbolic(density, data):
    from sympy import Idx, Sum, expand_log, log

    base, size = data
    i = Idx("i")
    return Sum(expand_log(log(density(base[i])), force=True), (i, 1, size))


def _maximise(log_likelihood, params, ctx: Context, node, family: str = "") -> dict:
    from sympy import Dummy, Eq, Integer, Sum, diff, simplify, solve

    derivatives = [diff(log_likelihood, p) for p in params]
    derivatives = [_expand_sum(d) for d in derivatives]
    for p, d in zip(params, derivatives):
        ctx.step(("Derivative with respect to", p, ", set to 0"),
                 PartialDerivative(Letter("ell"), p), d, Integer(0))
    sums = {s: Dummy() for d in derivatives for s in d.atoms(Sum)}
    equations = [d.subs(sums) for d in derivatives]
    solutions = solve(equations, params, dict=True)
    back = {v: k for k, v in sums.items()}
    solutions = [{k: simplify(v.subs(back)) for k, v in s.items()} for s in solutions]
    valid = [s for s in solutions if all(v != 0 or len(params) == 1 for v in s.values())]
    if not valid and len(params) == 1 and family in PARAMETER_RANGES:
        return _at_the_boundary(derivatives[0], params[0], PARAMETER_RANGES[family], ctx, node)
    if not valid:
        raise DomainError("the likelihood has no stationary point, so no MLE here", node.span)
    estimate = valid[-1]
    lines = [Listed(*[Eq(hat(p), v, evaluate=False) for p, v in estimate.items()])]
    if len(estimate) == 1:
        lines = [hat(p) for p in estimate] + list(estimate.values())
    ctx.step("Solve: the maximum-likelihood estimate", *lines)
    return estimate


def _at_the_boundary(derivative, parameter, bounds, ctx: Context, node) -> dict:
    """With no stationary point ℓ is monotone on the parameter's range: the MLE is the end
    it rises to (p̂ = 1 for the data [1, 1, 1]), if that end is a value of the parameter."""
    from sympy import Rational

    low, high = bounds
    slope = derivative.subs(parameter, (low + high) * Rational(1, 2) if high is not None
                            else low + 1)
    end = high if slope.is_positive else low if slope.is_negative else None
    if end is None:
        raise DomainError("the likelihood has no stationary point, so no MLE here", node.span)
    trend = "increasing" if slope.is_positive else "decreasing"
    ctx.step(("No stationary point:", Letter("ell"), f"is {trend} on the whole range of",
              parameter, ", so it is largest at the end of the range"), hat(parameter), end)
    return {parameter: end}


def _expand_sum(expr):
    """Σ (a + b x_i) → n a + b Σ x_i, so that the estimate can be solved for."""
    from sympy import Add, Sum, expand

    def split(s):
        body, limits = s.function, s.limits
        terms = Add.make_args(expand(body))
        return Add(*[_pull_constants(Sum(t, *limits).doit()) for t in terms])

    return expr.replace(lambda e: isinstance(e, Sum), split)


def _pull_constants(s):
    from sympy import Mul, Sum

    if not isinstance(s, Sum):
        return s
    index = s.limits[0][0]
    constant, rest = s.function.as_independent(index, as_Add=False)
    return Mul(constant, Sum(rest, *s.limits)) if constant != 1 else s


@calls("mathcal{L}")
def likelihood_call(node: ast.Call, ctx: Context):
    """`\\mathcal{L}(\\theta; \\mathbf{x})`, `\\mathcal{L}(\\theta \\mid \\mathbf{x})`: the
    product of the densities of the data under the declared model."""
    from sympy import Mul

    parts = _likelihood_parts(node, ctx)
    if parts is None:
        return NotImplemented
    density, data = parts
    value = Mul(*[density(x) for x in data])
    ctx.step("Likelihood: the product of the densities of the data", value)
    return value


@calls("log", "ln", first=True)
def log_likelihood_call(node: ast.Call, ctx: Context):
    """`\\log \\mathcal{L}(\\theta; \\mathbf{x})`: the log-likelihood Σ log f(xᵢ; θ)."""
    if not (isinstance(node.func, ast.Name) and len(node.args) == 1
            and isinstance(node.args[0], ast.Call) and isinstance(node.args[0].func, ast.Name)
            and node.args[0].func.name == "mathcal{L}"):
        return NotImplemented
    from sympy import Eq, Sum, Symbol, log

    parts = _likelihood_parts(node.args[0], ctx)
    if parts is None:
        return NotImplemented
    value = _log_likelihood_of_data(*parts)
    i = Symbol("i")
    rule = Eq(Letter("ell"), Sum(log(DensityAt(Symbol("x_i"))), (i, 1, len(parts[1]))),
              evaluate=False)
    ctx.step(("Log-likelihood:", rule), value)
    return value


def _likelihood_parts(node: ast.Call, ctx: Context):
    """(density, data) of `\\mathcal{L}(\\theta; x)` or `(\\theta \\mid x)`, else None."""
    if node.split == 1 and len(node.args) == 2:
        parameter, data_node = node.args
    elif len(node.args) == 1 and isinstance(node.args[0], ast.Given):
        parameter, data_node = node.args[0].event, node.args[0].condition
    elif len(node.args) == 1:
        raise SymmlError(r"write the data after the parameter: \mathcal{L}(\theta; "
                         r"\mathbf{x})", node.span)
    else:
        return None
    density = _likelihood_density(ctx.value_of(parameter), ctx, node)
    kind, data = sample(data_node, ctx)
    if kind != "data":
        raise SymmlError("the likelihood needs concrete data here", node.span)
    return density, data


def _likelihood_density(theta, ctx: Context, node):
    """f(x; θ): the declared model with the parameter θ; else the last declared model with
    θ in place of its parameter (after `X \\sim \\operatorname{Ber}(0.3)`, θ names p), and a
    number θ gives the likelihood at that value."""
    from sympy import Symbol

    declared = list(reversed(ctx.workspace.distributions.items()))
    for _, distribution in declared:
        if not getattr(theta, "is_number", False) and (
                theta in distribution.params or theta in _free(distribution)):
            return _model(distribution)[0]
    for name, distribution in declared:
        if distribution.family not in FAMILY_PARAMETERS:
            continue
        params = list(distribution.params)
        slots = [i for i, p in enumerate(params) if getattr(p, "is_Symbol", False)] or \
            [i for i, name in enumerate(FAMILY_PARAMETERS[distribution.family]) if name]
        if len(slots) != 1:
            raise SymmlError(f"the {distribution.family} model has several parameters: declare "
                             f"it with symbols, e.g. X \\sim \\mathcal{{N}}(\\mu, \\sigma^2), and "
                             f"write \\mathcal{{L}}(\\mu; \\mathbf{{x}})", node.span)
        params[slots[0]] = theta
        ctx.step(("The model: the family of", Symbol(name), ", with", theta,
                  "as its parameter"), distribution_latex(Distribution(
                     distribution.family, tuple(params), distribution.build)))
        return _density(distribution.family, params)
    raise SymmlError(f"no model for the likelihood: declare one, e.g. "
                     f"X \\sim \\operatorname{{Bernoulli}}({latex(theta)})", node.span)


def _free(distribution):
    return set().union(*[getattr(p, "free_symbols", set()) for p in distribution.params])


@handles(ast.ArgOpt)
def argopt_value(node: ast.ArgOpt, ctx: Context):
    """`\\operatorname*{arg\\,max}_{\\theta} g(\\theta)`: the stationary point that is largest
    (smallest for arg min), found through log g when g is a product."""
    from sympy import Derivative, Eq, Mul, diff, expand_log, log, solve

    variable = ctx.value_of(node.variable)
    body = ctx.value_of(node.body)
    objective = expand_log(log(body), force=True) if isinstance(body, Mul) and \
        body.as_coeff_Mul()[0] > 0 else body
    candidates = [c for c in solve(diff(objective, variable), variable)
                  if getattr(c, "is_real", True) is not False]
    if not candidates:
        raise DomainError("no stationary point: the arg max is not at a critical point",
                          node.span)
    choose = max if node.op == "argmax" else min
    best = choose(candidates, key=lambda c: objective.subs(variable, c)) if all(
        objective.subs(variable, c).is_number for c in candidates) else candidates[0]
    ctx.step(("Set the derivative to 0 and solve for", variable),
             Therefore(Eq(Derivative(objective, variable, evaluate=False), 0, evaluate=False),
                       Eq(variable, best, evaluate=False)))
    return best


@calls("argmax", "argmin")
def argopt_call(node: ast.Call, ctx: Context):
    """`\\operatorname*{arg\\,max}_{\\theta} (\\ldots)`: the parentheses hold the objective."""
    func = node.func
    if not (isinstance(func, ast.Subscript) and len(func.index) == 1 and len(node.args) == 1):
        return NotImplemented
    return argopt_value(ast.ArgOpt(func.base.name, func.index[0], node.args[0],
                                   span=node.span), ctx)


@subscripts("argmax", "argmin")
def bare_argopt(node: ast.Subscript, ctx: Context):
    raise SymmlError(r"write what to optimise after \operatorname*{arg\,max}_{\theta}; put a "
                     "sum in parentheses", node.span)


# --- Kolmogorov–Smirnov ------------------------------------------------------------------------
@calls("KS")
def ks_call(node: ast.Call, ctx: Context):
    """`KS([..], [..])` two-sample, `KS([..], \\mathcal{N}(0, 1))` one-sample: (D, p)."""
    from sympy import Tuple

    if len(node.args) != 2:
        raise SymmlError("KS takes (data, data) or (data, distribution)", node.span)
    first = _data(node.args[0], ctx)
    second_node = node.args[1]
    other = ctx.workspace.distributions.get(second_node.name) if isinstance(
        second_node, ast.Name) else None  # `KS([..], X)` with X \sim \mathcal{N}(0, 1)
    other = other or ctx.value_of(second_node)
    if isinstance(other, Distribution):
        statistic, size = _one_sample(first, other, ctx), len(first)
    else:
        second = _data(node.args[1], ctx)
        statistic = _two_sample(first, second, ctx)
        size = len(first) * len(second) / (len(first) + len(second))
    p_value = kolmogorov_p_value(statistic, size)
    ctx.step("p-value from the Kolmogorov distribution (asymptotic, numeric)", p_value)
    return Tuple(statistic, p_value)


def _data(node: ast.Node, ctx: Context, user: str = "KS"):
    """The sorted concrete numeric data, for `user`."""
    kind, data = sample(node, ctx)
    if kind != "data" or not data or not all(getattr(v, "is_real", False)
                                             and v.is_number for v in data):
        raise DomainError(f"{user} needs concrete numeric data", node.span)
    return sorted(data)


def _ecdf(data, x):
    from sympy import Rational

    return Rational(sum(1 for v in data if v <= x), len(data))


def _two_sample(a, b, ctx: Context):
    from sympy import Abs, Symbol

    points = sorted(set(a) | set(b))
    gaps = [abs(_ecdf(a, x) - _ecdf(b, x)) for x in points]
    statistic = max(gaps)
    where = points[gaps.index(statistic)]
    ctx.step("Empirical CDFs: the largest gap is the KS statistic D", Symbol("D"),
             Letter("KS gap"), Abs(difference(CDF(1, where), CDF(2, where)), evaluate=False),
             statistic)
    return statistic


def _one_sample(data, distribution: Distribution, ctx: Context):
    from sympy import Rational, Symbol
    from sympy.stats import cdf

    function = cdf(distribution.variable("X"))
    n = len(data)
    gaps = []
    for i, x in enumerate(data, start=1):
        f = function(x)
        gaps += [Rational(i, n) - f, f - Rational(i - 1, n)]
    statistic = max(gaps, key=lambda g: g.evalf(30))
    ctx.step("Largest gap between the empirical CDF and F", Symbol("D"),
             Approximately(statistic, statistic.evalf(6)))
    return statistic


def kolmogorov_p_value(statistic, size, terms: int = 100):
    """P(D > d) ≈ Q((√n + 0.12 + 0.11/√n) d), Q(λ) = 2 Σ (-1)^{k-1} e^{-2k²λ²}."""
    from mpmath import exp, mpf, sqrt
    from sympy import Float, N

    en = sqrt(mpf(str(N(size, 30))))
    lam = (en + mpf("0.12") + mpf("0.11") / en) * mpf(str(N(statistic, 30)))
    if lam < mpf("0.2"):
        return Float(1, 6)
    total = sum((-1) ** (k - 1) * exp(-2 * k * k * lam * lam) for k in range(1, terms))
    return Float(min(max(2 * total, 0), 1), 6)
