"""Distributions and random variables: `X \\sim \\mathcal{N}(\\mu, \\sigma^2)`, finite tables,
joint pmf tables, and supports `X \\in \\{..\\}`."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable

from ..errors import DomainError, ShapeError, SymmlError
from ..render.latex import latex, symbol_latex
from ..semantics.kinds import is_matrix
from ..syntax import ast
from .names import name_of_node
from .registry import Context, StatementResult, calls, statement_rule


@dataclass(frozen=True)
class Distribution:
    """A distribution not yet bound to a variable: family, parameters and a builder."""

    family: str
    params: tuple
    build: Callable[[str], Any] = field(compare=False, repr=False)

    def variable(self, name: str):
        """A sympy.stats random variable with this distribution."""
        return self.build(name)

    def symml_latex(self) -> str:
        return distribution_latex(self)


@dataclass
class JointTable:
    """`(X, Y) \\sim [p_ij]`: rows are X's values, columns Y's."""

    names: tuple[str, str]
    values: tuple[list, list]
    table: Any  # ImmutableMatrix of probabilities
    variables: tuple = ()  # the two random variables, on the table's probability space


def _check_probability(value, node, what="a probability") -> None:
    if getattr(value, "is_number", False) and (value < 0 or value > 1):
        raise DomainError(f"{what} must lie in [0, 1], got {latex(value)}", node.span)


def _check_positive(value, node, what: str) -> None:
    if getattr(value, "is_number", False) and not value > 0:
        raise DomainError(f"{what} must be positive, got {latex(value)}", node.span)


def _normal(args, node):
    from sympy import sqrt
    from sympy.stats import Normal

    mean, variance = args
    _check_positive(variance, node, "the variance of a normal distribution")
    return Distribution("Normal", (mean, variance),
                        lambda name: Normal(name, mean, sqrt(variance)))


def _uniform(args, node):
    from sympy.stats import Uniform

    low, high = args
    if getattr(high - low, "is_number", False) and not high > low:
        raise DomainError("a uniform distribution needs a < b", node.span)
    return Distribution("Uniform", (low, high), lambda name: Uniform(name, low, high))


def _bernoulli(args, node):
    from sympy.stats import Bernoulli

    (p,) = args
    _check_probability(p, node, "the parameter p of a Bernoulli distribution")
    return Distribution("Bernoulli", (p,), lambda name: Bernoulli(name, p))


def _binomial(args, node):
    from sympy.stats import Binomial

    trials, p = args
    _check_probability(p, node, "the parameter p of a binomial distribution")
    if getattr(trials, "is_number", False) and not (trials.is_Integer and trials >= 0):
        raise DomainError("the number of trials must be a whole number", node.span)
    return Distribution("Binomial", (trials, p), lambda name: Binomial(name, trials, p))


def _poisson(args, node):
    from sympy.stats import Poisson

    (rate,) = args
    _check_positive(rate, node, "the rate of a Poisson distribution")
    return Distribution("Poisson", (rate,), lambda name: Poisson(name, rate))


def _exponential(args, node):
    from sympy.stats import Exponential

    (rate,) = args
    _check_positive(rate, node, "the rate of an exponential distribution")
    return Distribution("Exponential", (rate,), lambda name: Exponential(name, rate))


def _discrete_uniform(args, node):
    from sympy.stats import DiscreteUniform

    low, high = args
    if not (getattr(low, "is_Integer", False) and getattr(high, "is_Integer", False)
            and high >= low and high - low < 10_000):
        raise DomainError("DiscreteUniform(a, b) needs whole numbers a ≤ b", node.span)
    return Distribution("DiscreteUniform", (low, high),
                        lambda name: DiscreteUniform(name, list(range(int(low), int(high) + 1))))


FAMILIES = {"mathcal{N}": (_normal, 2), "Normal": (_normal, 2), "mathcal{U}": (_uniform, 2),
            "Uniform": (_uniform, 2), "Unif": (_uniform, 2),
            "Bernoulli": (_bernoulli, 1), "Ber": (_bernoulli, 1),
            "Binomial": (_binomial, 2), "Bin": (_binomial, 2),
            "Poisson": (_poisson, 1), "Pois": (_poisson, 1),
            "Exp": (_exponential, 1), "Exponential": (_exponential, 1),
            "DiscreteUniform": (_discrete_uniform, 2)}


@calls(*FAMILIES)
def distribution_call(node: ast.Call, ctx: Context):
    if not isinstance(node.func, ast.Name):
        return NotImplemented
    build, arity = FAMILIES[node.func.name]
    if len(node.args) != arity:
        raise SymmlError(f"{node.func.name} takes {arity} parameter(s), got {len(node.args)}",
                         node.span)
    return build([ctx.value_of(arg) for arg in node.args], node)


def finite_distribution(node: ast.DictLit, ctx: Context) -> Distribution:
    """`\\{1: \\frac12, 2: \\frac14, 3: \\frac14\\}`: probabilities in [0, 1] summing to 1."""
    from sympy.stats import FiniteRV

    table = {}
    for key, value in node.pairs:
        probability = ctx.value_of(value)
        _check_probability(probability, value)
        table[ctx.value_of(key)] = probability
    total = sum(table.values())
    if getattr(total, "is_number", False) and total != 1:
        raise DomainError(f"the probabilities of a distribution must add up to 1, they add up "
                          f"to {latex(total)}", node.span)
    return Distribution("Finite", tuple(table.items()), lambda name: FiniteRV(name, table))


def as_distribution(node: ast.Node, ctx: Context):
    """The Distribution a node describes, or None."""
    if isinstance(node, ast.DictLit):
        return finite_distribution(node, ctx)
    value = ctx.value_of(node) if isinstance(node, (ast.Call, ast.Name)) else None
    return value if isinstance(value, Distribution) else None


# --- statements ----------------------------------------------------------------------------
@statement_rule(priority=20)
def sampling_declaration(node, ctx: Context):
    """`X \\sim D`, `h \\sim \\mathcal{N}(\\mu, \\sigma^2)`, `(X, Y) \\sim [table]`, `x \\sim P(x)`."""
    if node.ops != ("sim",):
        return None
    lhs, rhs = node.operands
    if isinstance(lhs, ast.TupleLit):
        return _joint_declaration(lhs, rhs, ctx, node)
    name = name_of_node(lhs, ctx)  # X, X_1
    if name is None:
        raise SymmlError("the left of ~ must be the name of a random variable", lhs.span)
    distribution = _sampling_distribution(rhs, ctx)
    if distribution is None:  # `x \sim P(x)`: drawn from an unspecified distribution
        return StatementResult("declaration", None,
                               latex=symbol_latex(name) + r" \sim " + _source_latex(rhs))
    if _assume_positive(distribution, ctx):
        distribution = _sampling_distribution(rhs, ctx)
    variable = distribution.variable(name)
    ctx.workspace.define(name, variable)
    ctx.workspace.distributions[name] = distribution
    return StatementResult("declaration", None, latex=symbol_latex(name) + r" \sim "
                           + distribution_latex(distribution))


# parameters that must be positive: their symbols are declared positive by `X \sim ...`
POSITIVE_PARAMETERS = {"Normal": (1,), "Exponential": (0,), "Poisson": (0,)}


def _assume_positive(distribution: Distribution, ctx: Context) -> bool:
    """`h \\sim \\mathcal{N}(\\mu, \\sigma^2)` makes σ a positive symbol (so σ_h = σ);
    True when a symbol changed and the distribution must be built again."""
    changed = False
    for index in POSITIVE_PARAMETERS.get(distribution.family, ()):
        for symbol in getattr(distribution.params[index], "free_symbols", ()):
            name = symbol.name
            if symbol.is_positive is None and ctx.workspace.lookup(name) is None \
                    and name not in ctx.bound:
                ctx.workspace.symbol(name, positive=True)
                changed = True
    return changed


def _sampling_distribution(rhs, ctx: Context):
    if isinstance(rhs, ast.Call) and isinstance(rhs.func, ast.Name) \
            and rhs.func.name in ("P", "p", "Q", "q") and ctx.workspace.lookup(rhs.func.name) is None:
        return None
    distribution = as_distribution(rhs, ctx)
    if distribution is None:
        raise SymmlError("the right of ~ must be a distribution such as \\mathcal{N}(0, 1) "
                         "or a table \\{1: \\frac{1}{2}, 2: \\frac{1}{2}\\}", rhs.span)
    return distribution


def _source_latex(node) -> str:
    return r"P(x)" if isinstance(node, ast.Call) else "P"


def distribution_latex(distribution: Distribution) -> str:
    names = {"Normal": r"\mathcal{N}", "Uniform": r"\mathcal{U}",
             "Exponential": r"\operatorname{Exp}"}
    if distribution.family == "Finite":
        return r"\left\{" + ", ".join(f"{latex(k)}: {latex(v)}" for k, v in
                                      distribution.params) + r"\right\}"
    head = names.get(distribution.family, rf"\operatorname{{{distribution.family}}}")
    return head + r"\left(" + ", ".join(latex(p) for p in distribution.params) + r"\right)"


@statement_rule(priority=35)
def support_declaration(node, ctx: Context):
    """`X \\in \\{1, 2, 3\\}`: the values a variable of a joint table takes."""
    if not (node.ops == ("in",) and isinstance(node.operands[1], ast.SetLit)
            and isinstance(node.operands[0], ast.Name)):
        return None
    values = [ctx.value_of(item) for item in node.operands[1].items]
    ctx.workspace.supports[node.operands[0].name] = values
    return StatementResult("declaration", None, latex=symbol_latex(node.operands[0].name)
                           + r" \in \left\{" + ", ".join(latex(v) for v in values) + r"\right\}")


def _joint_declaration(lhs: ast.TupleLit, rhs, ctx: Context, node) -> StatementResult:
    from sympy import ImmutableMatrix

    if len(lhs.items) != 2 or not all(isinstance(i, ast.Name) for i in lhs.items):
        raise SymmlError("a joint table is declared for two variables: (X, Y) \\sim [...]",
                         lhs.span)
    table = ctx.value_of(rhs)
    if not is_matrix(table):
        raise SymmlError("a joint distribution of (X, Y) is a matrix of probabilities",
                         rhs.span)
    names = tuple(item.name for item in lhs.items)
    supports = ctx.workspace.supports
    values = tuple(supports.get(name, list(range(1, size + 1)))
                   for name, size in zip(names, table.shape))
    if (len(values[0]), len(values[1])) != table.shape:
        raise ShapeError(f"the table is {table.shape[0]}×{table.shape[1]} but {names[0]} has "
                         f"{len(values[0])} values and {names[1]} {len(values[1])}", rhs.span)
    for entry in table:
        _check_probability(entry, rhs)
    if sum(table) != 1:
        raise DomainError(f"the joint probabilities must add up to 1, they add up to "
                          f"{latex(sum(table))}", rhs.span)
    variables = joint_variables(names, values, table)
    for name, variable in zip(names, variables):
        ctx.workspace.define(name, variable)
    joint = JointTable(names, values, ImmutableMatrix(table), tuple(variables))
    ctx.workspace.joints[frozenset(names)] = joint
    return StatementResult("declaration", None, latex=r"\left(%s\right) \sim " % ", ".join(
        map(symbol_latex, names)) + latex(joint.table))


def joint_variables(names, values, table) -> tuple:
    """Two random variables on one finite probability space whose pmf is the table, so that
    sympy.stats computes E[XY], Var(X + Y), Cov(X, Y) with their dependence."""
    from sympy import Dict, FiniteSet, Symbol
    from sympy.stats.frv import FinitePSpace, ProductFiniteDomain, SingleFiniteDomain
    from sympy.stats.rv import RandomSymbol

    symbols = [Symbol(name) for name in names]
    domain = ProductFiniteDomain(*[SingleFiniteDomain(s, FiniteSet(*v))
                                   for s, v in zip(symbols, values)])
    density = Dict({frozenset({(symbols[0], x), (symbols[1], y)}): table[i, j]
                    for i, x in enumerate(values[0]) for j, y in enumerate(values[1])})
    space = FinitePSpace(domain, density)
    return tuple(RandomSymbol(s, space) for s in symbols)


def joint_of(ctx: Context, *names: str):
    return ctx.workspace.joints.get(frozenset(names))
