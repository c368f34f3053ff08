"""Probabilities of random variables: P of conditions, pmf tables and sums over a support
(moments are in moments.py, densities, CDFs and quantiles in cdfs.py)."""
from __future__ import annotations

from ..errors import DomainError, ShapeError, SymmlError
from ..render.latex import latex
from ..semantics.kinds import UserFunction, describe, is_scalar
from ..semantics.random_variables import random_symbols
from ..steps import AsWritten, Math
from ..steps.notation_probability import (CDF, Distributed, NormalLaw, Phi, Quotient, between,
                                          difference, equation, letters,
                                          probability as Probability)
from ..syntax import ast
from .events import events_of, event_of, solve_event
from .names import defined_words, lookup, name_of_node
from .registry import Context, calls

RELATIONS = {"<": "Lt", "<=": "Le", ">": "Gt", ">=": "Ge", "=": "Eq", "!=": "Ne"}
CONDITION_NODES = (ast.Given, ast.Relation, ast.Not, ast.Intersect, ast.Union)


def condition_of(node: ast.Node, ctx: Context):
    """A relation chain on random variables (`a < X \\le b`, `X = 3`) → a SymPy Boolean."""
    import sympy

    if isinstance(node, ast.Relation):
        split = _split_chain(node)
        if split is not None:
            combine, left, right = split
            return combine(condition_of(left, ctx), condition_of(right, ctx))
        values = [ctx.value_of(operand) for operand in node.operands]
        for operand, value in zip(node.operands, values):
            if not is_scalar(value):
                words = defined_words([operand], ctx) if name_of_node(operand, ctx) \
                    else f"this is {describe(value)}"
                raise ShapeError(f"a condition compares numbers, but {words}", operand.span)
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
    raise SymmlError("write a condition on a random variable, such as X \\le 2, or an event "
                     f"(a capital letter not defined as a value); {defined_words([node], ctx)}",
                     node.span)


def _split_chain(node: ast.Relation):
    """`X = 1 \\cap Y = 0` parses as X = (1 ∩ Y) = 0 (∩ binds tighter than =): split the
    chain at an inner ∩ / ∪ into (And | Or, left relation, right relation), or None."""
    import sympy

    for i, operand in enumerate(node.operands[1:-1], start=1):
        combine = {ast.Intersect: sympy.And, ast.Union: sympy.Or}.get(type(operand))
        if combine is not None:
            left = ast.Relation(node.ops[:i], node.operands[:i] + (operand.left,),
                                span=node.span)
            right = ast.Relation(node.ops[i:], (operand.right,) + node.operands[i + 1:],
                                 span=node.span)
            return combine, left, right
    return None


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
    if len(node.args) == 1 and not isinstance(first, CONDITION_NODES) \
            and not _is_random_name(first, ctx):
        return NotImplemented
    return _random_variable_probability(node, ctx)


def _is_random_name(node: ast.Node, ctx: Context) -> bool:
    name = name_of_node(node, ctx)  # X, X_1
    return name is not None and bool(random_symbols(lookup(ctx, name)))


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
    a, b = letters("A B")
    rule = equation(Probability(a, b), Quotient(Probability(sympy.And(a, b)), Probability(b)))
    ctx.step(("Conditional probability:", rule), Probability(condition, given),
             Quotient(both, evidence), value)
    return value


def probability_of(condition, ctx: Context, node):
    """P(condition) of random variables: by the joint table's cells; for independent normals
    compared linearly (X < Y) through the normal X − Y; by the CDF for one continuous
    variable on an interval or a union of intervals; else by sympy.stats."""
    from sympy.stats import P

    variables = random_symbols(condition)
    joint = _joint_for(variables, ctx)
    if joint is not None:
        return _table_probability(joint, condition, ctx, node)
    combined = _normal_combination(condition, variables, ctx)
    if combined is not None:
        condition, variables = combined
    interval = _interval(condition, variables)
    if interval is not None:
        return _cdf_probability(*interval, ctx)
    intervals = _intervals(condition, variables)
    if intervals is not None:
        return _union_probability(condition, *intervals, ctx)
    discrete = _discrete_range(condition, variables)
    if discrete is not None:
        return _discrete_cdf_probability(condition, *discrete, ctx)
    try:
        value = plain(P(condition))
    except (AttributeError, TypeError, ValueError, NotImplementedError):
        raise SymmlError(f"cannot compute the probability of {condition_latex(condition)}: "
                         "sympy.stats does not handle this condition", node.span) from None
    ctx.step("Probability from the distribution", Probability(condition), value)
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
    """(X, lower, upper) when the condition bounds one continuous X (`a < X \\le b`); a
    discrete X is left to sympy.stats, where `<` and `≤` differ."""
    import sympy

    if len(variables) != 1 or not next(iter(variables)).pspace.is_Continuous:
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


def _normal_combination(condition, variables, ctx: Context):
    """`X < Y`, `2X + Y \\ge 1` for independent normals: (D op 0, {D}) where D = lhs − rhs
    is normal with mean Σ aᵢμᵢ + c and variance Σ aᵢ²σᵢ²; None otherwise."""
    import sympy
    from sympy.stats import Normal
    from sympy.stats.crv_types import NormalDistribution

    if len(variables) < 2 or not isinstance(condition, sympy.core.relational.Relational) \
            or isinstance(condition, (sympy.Eq, sympy.Ne)) or not all(isinstance(
                getattr(v.pspace, "distribution", None), NormalDistribution) for v in variables):
        return None
    gap = sympy.expand(condition.lhs - condition.rhs)
    coefficients = {v: gap.coeff(v) for v in variables}
    constant = sympy.expand(gap - sum(a * v for v, a in coefficients.items()))
    if random_symbols(constant) or any(random_symbols(a) for a in coefficients.values()):
        return None
    mean = constant + sum(a * v.pspace.distribution.mean for v, a in coefficients.items())
    variance = sum(a**2 * v.pspace.distribution.std**2 for v, a in coefficients.items())
    combined = Normal("D", mean, sympy.sqrt(variance))
    law = Distributed(sympy.Eq(sympy.Symbol("D"), gap, evaluate=False),
                      NormalLaw(mean, variance))
    ctx.step(("Independent normals combine into a normal:", law),
             Probability(condition), Probability(condition.func(combined, 0)))
    return condition.func(combined, 0), {combined}


def _intervals(condition, variables):
    """(X, [intervals]) where a condition on one continuous X holds (`|X| < 1`,
    `X < -1 \\cup X > 1`), or None when it cannot be solved for X."""
    import sympy

    if len(variables) != 1 or not next(iter(variables)).pspace.is_Continuous:
        return None
    (variable,) = variables
    x = sympy.Dummy("x", real=True)
    try:
        region = condition.xreplace({variable: x}).as_set()
    except (NotImplementedError, TypeError, ValueError):
        return None
    parts = region.args if isinstance(region, sympy.Union) else (region,)
    if not all(isinstance(part, (sympy.Interval, sympy.FiniteSet)) or part == sympy.S.EmptySet
               for part in parts):
        return None
    return variable, [part for part in parts if isinstance(part, sympy.Interval)]


def _union_probability(condition, variable, intervals, ctx: Context):
    """P(X ∈ ∪ (aᵢ, bᵢ)) = Σ F(bᵢ) − F(aᵢ) for a continuous X (single points weigh 0)."""
    import sympy
    from sympy.stats import cdf

    function = cdf(variable)

    def at(point):
        return sympy.S.One if point == sympy.oo else sympy.S.Zero if point == -sympy.oo \
            else plain(function(point))

    value = plain(sum((at(i.end) - at(i.start) for i in intervals), sympy.S.Zero))
    region = sympy.Union(*intervals) if intervals else sympy.S.EmptySet
    a, b = letters("a b")
    ctx.step(("Solve the condition for", variable, ", then add",
              AsWritten(difference(CDF(b), CDF(a))), "over the intervals"), Probability(condition),
             Probability(sympy.Contains(variable, region, evaluate=False)), value)
    return value


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


def _discrete_range(condition, variables):
    """(X, a, b) for exactly `a < X \\le b` on one discrete X with numeric a < b (where
    F(b) − F(a) holds as written: < below, ≤ above); None otherwise."""
    import sympy

    if len(variables) != 1 or not isinstance(condition, sympy.And) or len(condition.args) != 2:
        return None
    (variable,) = variables
    if variable.pspace.is_Continuous:
        return None
    lower = upper = None
    for part in condition.args:
        side = _bound(part, variable)
        strict = isinstance(part, (sympy.StrictGreaterThan, sympy.StrictLessThan))
        if side is not None and side[0] == "lower" and strict:
            lower = side[1]
        elif side is not None and side[0] == "upper" and not strict:
            upper = side[1]
    if lower is None or upper is None or not (lower.is_number and upper.is_number) \
            or not (upper - lower).is_positive:
        return None
    return variable, lower, upper


def _discrete_cdf_probability(condition, variable, lower, upper, ctx: Context):
    """P(a < X ≤ b) = F(b) − F(a) for a discrete X, F(x) = P(X ≤ x)."""
    from sympy.stats import P

    at_upper, at_lower = plain(P(variable <= upper)), plain(P(variable <= lower))
    value = plain(at_upper - at_lower)
    a, x, b = letters("a X b")
    ctx.step(("From the CDF:", equation(Probability(between(a, x, b)),
                                         difference(CDF(b), CDF(a)))),
             Probability(between(lower, variable, upper)),
             AsWritten(difference(CDF(upper), CDF(lower))),
             AsWritten(difference(at_upper, at_lower)), value)
    return value


def _cdf_probability(variable, lower, upper, ctx: Context):
    """P(a < X ≤ b) = F(b) − F(a) for a continuous X (≤ or < make no difference)."""
    import sympy
    from sympy.stats import cdf

    function = cdf(variable)
    a, x = letters("a x")
    normal = _normal_parameters(variable)
    if normal is not None and (lower is None or upper is None or (upper - lower).is_positive):
        return _standardised(variable, lower, upper, normal, function, ctx)
    if lower is None:
        value = plain(function(upper))
        ctx.step(("CDF:", equation(Probability(sympy.Le(variable, x)), CDF(x))), CDF(upper),
                 value)
    elif upper is None:
        value = plain(1 - function(lower))
        ctx.step(("Complement of the CDF:",
                  equation(Probability(sympy.Gt(variable, a)), difference(1, CDF(a)))),
                 AsWritten(difference(1, CDF(lower))), value)
    elif (upper - lower).is_nonpositive:
        value = 0
        ctx.step("No value lies between the bounds", sympy.Le(upper, lower, evaluate=False),
                 value)
    else:
        value = plain(function(upper)) - plain(function(lower))
        b, name = letters("b X")
        ctx.step(("From the CDF:", equation(Probability(between(a, name, b)),
                                             difference(CDF(b), CDF(a)))),
                 AsWritten(difference(CDF(upper), CDF(lower))),
                 AsWritten(difference(plain(function(upper)), plain(function(lower)))), value)
    return value


def _normal_parameters(variable):
    """(μ, σ) of a normal random variable, else None."""
    from sympy.stats.crv_types import NormalDistribution

    distribution = getattr(variable.pspace, "distribution", None)
    if isinstance(distribution, NormalDistribution):
        return distribution.mean, distribution.std
    return None


def _standardised(variable, lower, upper, normal, function, ctx: Context):
    """P(a < Y ≤ b) for a normal Y through Z = (Y − μ)/σ and Φ, as a textbook does."""
    from sympy import Eq, Gt, Le, Symbol

    mu, sigma = normal
    z_score, z = Symbol("z"), Symbol("Z")
    low, high = letters("a b")
    bounds = [b for b in (lower, upper) if b is not None]
    scores = {b: (b - mu) / sigma for b in bounds}
    for b in bounds if (mu, sigma) != (0, 1) else ():
        standard = Distributed(Eq(z, Quotient(difference(variable, mu), sigma), evaluate=False),
                               NormalLaw(0, 1))
        ctx.step(("Standardise:", AsWritten(standard)),
                 AsWritten(Eq(z_score, Quotient(difference(b, mu), sigma), evaluate=False)),
                 *([scores[b]] if scores[b].is_number else []))
    if lower is None:
        value = plain(function(upper))
        ctx.step(("Standard normal CDF:", equation(Probability(Le(z, z_score)), Phi(z_score))),
                 Probability(Le(variable, upper)), Probability(Le(z, scores[upper])),
                 Phi(scores[upper]))
    elif upper is None:
        value = plain(1 - function(lower))
        ctx.step(("Complement:", equation(Probability(Gt(z, z_score)),
                                          difference(1, Phi(z_score)))),
                 Probability(Gt(variable, lower)), Probability(Gt(z, scores[lower])),
                 AsWritten(difference(1, Phi(scores[lower]))))
    else:
        value = plain(function(upper)) - plain(function(lower))
        ctx.step(("Standard normal CDF:", equation(Probability(between(low, z, high)),
                                                   difference(Phi(high), Phi(low)))),
                 Probability(between(lower, variable, upper)),
                 Probability(between(scores[lower], z, scores[upper])),
                 AsWritten(difference(Phi(scores[upper]), Phi(scores[lower]))))
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
    from sympy import Add

    cells = [joint.table[i, j] for i, j in _cells_where(joint, condition, node)]
    value = sum(cells)
    written = Probability(condition)
    if len(cells) > 1:
        ctx.step("Sum rule: add the cells of the joint table", written,
                 AsWritten(Add(*cells, evaluate=False)), value)
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
    quiet = ctx.quiet()
    if len(free) == 1:
        entries = [probability_given(sympy.And(sympy.Eq(free[0], x), rest), given, quiet, node)
                   for x in grids[0]]
        value = ImmutableMatrix(entries)
    else:
        value = ImmutableMatrix(len(grids[0]), len(grids[1]), lambda i, j: probability_given(
            sympy.And(sympy.Eq(free[0], grids[0][i]), sympy.Eq(free[1], grids[1][j]), rest),
            given, quiet, node))
    names = [piece for v in free for piece in (",", v)][1:]
    ctx.step(("The probabilities over the values of", *names), value)
    return value


def _values_of(variable, ctx: Context) -> list:
    from sympy.stats import density

    joint = _joint_for({variable}, ctx)
    if joint is not None:
        return list(joint.values[joint.names.index(str(variable))])
    return sorted(density(variable).dict, key=_order)


def _order(value):
    return (0, value) if getattr(value, "is_number", False) and value.is_real else (1, str(value))


def _one_random(node: ast.Call, ctx: Context, what: str):
    if len(node.args) != 1:
        raise SymmlError(f"{what} takes one random variable", node.span)
    value = ctx.value_of(node.args[0])
    if not random_symbols(value):
        return None
    return value


def _finite_piecewise(table, point):
    from sympy import Eq, Piecewise

    return Piecewise(*[(p, Eq(point, x)) for x, p in table.items()], (0, True))


# --- sums over a support: E[X] = Σ_x x P(x), P(X = x) = Σ_y P(X = x, Y = y) -------------
def sum_over_support(node: ast.BigOp, ctx: Context):
    """`\\sum_{x} ...` with no bounds: over the values of the random variable named X."""
    from sympy import Add, Dummy

    index = node.lower
    if not isinstance(index, ast.Name) or node.op != "sum":
        raise SymmlError(rf"\{node.op} needs bounds such as _{{i=1}}^{{n}}", node.span)
    from sympy import Integer

    from .notation import index_size

    size = index_size(node.body, index.name, ctx)  # \sum_k A_{2,k} B_{k,1}, \sum_j e^{x_j}
    variable, values = (None, [Integer(k) for k in range(1, size + 1)]) if size \
        else _support_for(index.name, ctx, node)
    bound = {}
    if variable is not None and _joint_for({variable}, ctx) is None:
        from sympy.stats import density

        xi = Dummy("xi")
        pmf = _finite_piecewise(density(variable).dict, xi)
        bound = {name: UserFunction(name, (xi,), pmf) for name in ("P", "p")}
    terms = [ctx.with_bound({**bound, index.name: value}).value_of(node.body) for value in values]
    result = Add(*terms)
    from sympy import Symbol

    ctx.step(("Sum over the values of", variable if variable is not None else Symbol(index.name)),
             AsWritten(Add(*terms, evaluate=False)), result)
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
