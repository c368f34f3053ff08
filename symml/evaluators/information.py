"""Information theory: entropy, joint and conditional entropy, cross-entropy, KL divergence
and mutual information; nats (natural log) by default, bits with `H_2`, `D_{KL,2}`."""
from __future__ import annotations

from ..errors import DomainError, ShapeError, SymmlError
from ..render.latex import latex
from ..semantics.kinds import is_matrix
from ..semantics.random_variables import random_symbols
from ..steps import AsWritten
from ..steps.notation_probability import (Entropy, Given, IntegralOf, MutualInformation, Negative,
                                          PLogQ, Quotient, SumOf, Terms, difference, equation,
                                          kl_closed_form, letters)
from ..syntax import ast
from .distributions import Distribution, joint_of
from .registry import Context, calls


def _base(func: ast.Node, ctx: Context):
    """e (nats) unless a subscript 2 (or `KL,2`) asks for bits."""
    from sympy import E, Integer

    if isinstance(func, ast.Subscript):
        for index in func.index:
            if isinstance(index, ast.Number):
                return Integer(int(index.value))
    return E


def _log(x, base):
    from sympy import E, log

    return log(x) if base == E else log(x, base)


def _unit(base) -> str:
    from sympy import E

    return "nats" if base == E else "bits"


def probabilities(value, node):
    """{outcome: probability} of a probability vector, a finite variable or distribution."""
    from sympy.stats import density

    if isinstance(value, Distribution):
        value = value.variable("X")
    if is_matrix(value):
        entries = list(value)
        for p in entries:
            if getattr(p, "is_number", False) and not 0 <= p <= 1:
                raise DomainError(f"a probability must lie in [0, 1], got {latex(p)}",
                                  node.span)
        total = sum(entries)
        if getattr(total, "is_number", False) and total != 1:
            raise DomainError(f"the probabilities must add up to 1, they add up to "
                              f"{latex(total)}", node.span)
        return dict(enumerate(entries))
    from sympy.stats.rv import pspace

    if random_symbols(value) and pspace(value).is_Finite:
        return dict(density(value).dict)
    return None


def tidy(value):
    """Exact logarithms in their plainest form, over primes: log 10 → log 2 + log 5."""
    from sympy import expand, expand_log, log

    def over_primes(term):
        from sympy import Add, factorrat

        return Add(*[k * log(p) for p, k in factorrat(term.args[0]).items()])

    value = expand_log(value, force=True).replace(
        lambda e: isinstance(e, log) and e.args[0].is_Rational and e.args[0] > 0, over_primes)
    return expand(value)


def entropy_of(table: dict, base, ctx: Context, label):
    """H = -Σ p log p; `label` is what H is of (X, the pair X, Y, or the vector p)."""
    from sympy import Add

    nonzero = [p for p in table.values() if p != 0]
    value = tidy(Add(*[-p * _log(p, base) for p in nonzero]))
    (p,) = letters("p")
    written = Negative(Terms(*[PLogQ(q, q, base) for q in nonzero]))
    ctx.step(("Entropy", equation(Entropy(*label), Negative(SumOf(PLogQ(p, p, base)))),
              f"(in {_unit(base)})"), written, value)
    return value


@calls("H")
def entropy_call(node: ast.Call, ctx: Context):
    if isinstance(node.func, ast.Subscript) and not isinstance(node.func.index[0], ast.Number):
        return NotImplemented  # H_f: the Hessian of a function
    base = _base(node.func, ctx)
    if len(node.args) == 1 and isinstance(node.args[0], ast.Given):
        return _conditional_entropy(node.args[0], base, ctx, node)
    values = [ctx.value_of(arg) for arg in node.args]
    if len(values) == 2:
        joint = _joint(values, ctx)
        if joint is not None:
            return _joint_entropy(joint, base, ctx)
        return _cross_entropy(values, base, ctx, node)
    if len(values) != 1:
        return NotImplemented
    table = probabilities(values[0], node)
    if table is not None:
        return entropy_of(table, base, ctx, _entropy_label(values[0]))
    if random_symbols(values[0]) or isinstance(values[0], Distribution):
        return _differential_entropy(values[0], base, ctx)
    return NotImplemented


def _entropy_label(value) -> tuple:
    """What H is of, as written: X, the vector p, or `\\operatorname{Bernoulli}(p)`."""
    from sympy import Function

    if isinstance(value, Distribution):
        return (Function(value.family)(*value.params),)
    return letters("p") if is_matrix(value) else (value,)


def _differential_entropy(value, base, ctx: Context):
    from sympy import Sum, log, simplify
    from sympy.stats import entropy

    variable = value.variable("X") if isinstance(value, Distribution) else value
    result = entropy(variable)
    if _unit(base) == "bits":
        result = result / log(2)
    result = simplify(result)
    result = result if result.has(Sum) else tidy(result)  # a Poisson entropy stays a series
    (f,) = letters("f")
    ctx.step(("Differential entropy", Negative(IntegralOf(PLogQ(f, f, base))),
              f"(in {_unit(base)})"), result)
    return result


def _joint(values, ctx: Context):
    names = [str(v) for v in values]
    return joint_of(ctx, *names) if all(random_symbols(v) for v in values) else None


def _joint_entropy(joint, base, ctx: Context):
    table = {(i, j): p for (i, j), p in _cells(joint)}
    return entropy_of(table, base, ctx, letters(" ".join(joint.names)))


def _cells(joint):
    return (((i, j), joint.table[i, j]) for i in range(joint.table.rows)
            for j in range(joint.table.cols))


def _marginal_entropy(joint, axis: int, base, ctx: Context):
    table = joint.table
    sums = [sum(table.row(i)) for i in range(table.rows)] if axis == 0 else \
        [sum(table.col(j)) for j in range(table.cols)]
    return entropy_of(dict(enumerate(sums)), base, ctx, letters(joint.names[axis]))


def _conditional_entropy(given: ast.Given, base, ctx: Context, node):
    from sympy import Mul

    x, y = ctx.value_of(given.event), ctx.value_of(given.condition)
    joint = _joint([x, y], ctx)
    if joint is None:
        raise SymmlError("H(X | Y) needs a joint table (X, Y) \\sim [...]", node.span)
    hxy = _joint_entropy(joint, base, ctx)
    hy = _marginal_entropy(joint, joint.names.index(str(y)), base, ctx)
    value = tidy(hxy - hy)
    rule = equation(Entropy(Given(x, y)), difference(Entropy(*letters(" ".join(joint.names))),
                                                     Entropy(y)))
    ctx.step(("Conditional entropy:", rule),
             Terms(hxy, Mul(-1, hy, evaluate=False)), value)
    return value


def _aligned(values, node):
    p, q = (probabilities(v, node) for v in values)
    if p is None or q is None:
        return None
    if set(p) != set(q):
        if is_matrix(values[0]) or is_matrix(values[1]):
            raise ShapeError("the two probability vectors must have the same length",
                             node.span)
    keys = sorted(set(p) | set(q), key=str)
    return [(p.get(k, 0), q.get(k, 0)) for k in keys]


def _cross_entropy(values, base, ctx: Context, node):
    from sympy import Add

    pairs = _aligned(values, node)
    if pairs is None:
        return NotImplemented
    if any(q == 0 and p != 0 for p, q in pairs):
        from sympy import oo

        return oo
    value = tidy(Add(*[-p * _log(q, base) for p, q in pairs if p != 0]))
    p, q, first, second = letters("p q P Q")
    rule = equation(Entropy(first, second), Negative(SumOf(PLogQ(p, q, base))))
    ctx.step(("Cross-entropy", rule, f"(in {_unit(base)})"), value)
    return value


@calls("D")
def kl_call(node: ast.Call, ctx: Context):
    """`D_{KL}(P \\| Q)`: Σ p log(p/q); the closed form for two normals."""
    if not (isinstance(node.func, ast.Subscript) and isinstance(node.func.index[0], ast.Name)
            and node.func.index[0].name == "KL"):
        return NotImplemented
    base = _base(node.func, ctx)
    args = node.args
    if len(args) == 1 and isinstance(args[0], ast.Parallel):
        args = (args[0].left, args[0].right)
    if len(args) != 2:
        raise SymmlError(r"write D_{KL}(P \| Q)", node.span)
    values = [_as_distribution(arg, ctx) for arg in args]
    closed = _closed_form_kl(values, base, ctx)
    if closed is not None:
        return closed
    pairs = _aligned(values, node)
    if pairs is None:
        raise SymmlError("D_KL needs two probability vectors, two finite distributions or "
                         "two normal, exponential, Poisson or uniform distributions",
                         node.span)
    from sympy import Add, oo

    if any(q == 0 and p != 0 for p, q in pairs):
        return oo
    value = tidy(Add(*[p * _log(p / q, base) for p, q in pairs if p != 0]))
    p, q = letters("p q")
    ctx.step(("KL divergence:", SumOf(PLogQ(p, Quotient(p, q), base)), f"(in {_unit(base)})"),
             value)
    return value


def _as_distribution(node: ast.Node, ctx: Context):
    if isinstance(node, ast.Name) and node.name in ctx.workspace.distributions:
        return ctx.workspace.distributions[node.name]
    return ctx.value_of(node)


def _normal_kl(first, second):
    from sympy import Rational, log, sqrt

    (m1, v1), (m2, v2) = first, second
    return log(sqrt(v2) / sqrt(v1)) + (v1 + (m1 - m2) ** 2) / (2 * v2) - Rational(1, 2)


def _exponential_kl(first, second):
    from sympy import log

    (rate1,), (rate2,) = first, second
    return log(rate1 / rate2) + rate2 / rate1 - 1


def _uniform_kl(first, second):
    """log((b₂ − a₂)/(b₁ − a₁)) when [a₁, b₁] ⊆ [a₂, b₂], else ∞ (P has mass where q = 0)."""
    from sympy import Piecewise, log, oo

    (a1, b1), (a2, b2) = first, second
    return Piecewise((log((b2 - a2) / (b1 - a1)), (a2 <= a1) & (b1 <= b2)), (oo, True))


def _poisson_kl(first, second):
    from sympy import log

    (rate1,), (rate2,) = first, second
    return rate1 * log(rate1 / rate2) + rate2 - rate1


# family → the closed form of D_KL(P ‖ Q) from the two parameter tuples (the step shows it as
# written by notation_probability.kl_closed_form)
CLOSED_FORMS = {"Normal": _normal_kl, "Exponential": _exponential_kl, "Poisson": _poisson_kl,
                "Uniform": _uniform_kl}
FAMILY_NAMES = {"Normal": "two normals", "Exponential": "two exponentials",
                "Poisson": "two Poisson distributions", "Uniform": "two uniforms"}


def _closed_form_kl(values, base, ctx: Context):
    """D_KL of two distributions of one family with a closed form, else None."""
    from sympy import log, oo

    if not all(isinstance(v, Distribution) for v in values) or \
            values[0].family != values[1].family or values[0].family not in CLOSED_FORMS:
        return None
    family = values[0].family
    value = CLOSED_FORMS[family](values[0].params, values[1].params)
    title = (f"KL divergence of {FAMILY_NAMES[family]}:", AsWritten(kl_closed_form(family)))
    if value == oo:
        ctx.step(title, value)
        return value
    value = tidy(value)
    if _unit(base) == "bits":
        value = tidy(value / log(2))
    ctx.step(title, value)
    return value


@calls("I")
def mutual_information_call(node: ast.Call, ctx: Context):
    """`I(X; Y) = H(X) + H(Y) - H(X, Y)` from a joint table."""
    from sympy import Mul

    if isinstance(node.func, ast.Subscript) and not isinstance(node.func.index[0], ast.Number):
        return NotImplemented
    if len(node.args) != 2:
        return NotImplemented
    values = [ctx.value_of(arg) for arg in node.args]
    joint = _joint(values, ctx)
    if joint is None:
        return NotImplemented
    base = _base(node.func, ctx)
    hx = _marginal_entropy(joint, 0, base, ctx)
    hy = _marginal_entropy(joint, 1, base, ctx)
    hxy = _joint_entropy(joint, base, ctx)
    value = tidy(hx + hy - hxy)
    x, y = letters("X Y")
    rule = equation(MutualInformation(x, y), Terms(Entropy(x), Entropy(y),
                                                   Mul(-1, Entropy(x, y), evaluate=False)))
    ctx.step(("Mutual information:", rule), value)
    return value
