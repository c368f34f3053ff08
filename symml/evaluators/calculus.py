"""Calculus: derivatives with named rules, gradients, Jacobians, Hessians, descent,
integrals, limits, sums and products."""
from __future__ import annotations

from ..errors import DomainError, ShapeError, SymmlError
from ..render.latex import latex
from ..semantics.kinds import AbstractFunction, UserFunction, is_matrix
from ..syntax import ast
from .names import lookup
from .registry import Context, calls, handles, statement_rule, subscripts

MAX_EXPLICIT_TERMS = 10_000


# --- what is being differentiated ------------------------------------------------------
def _variable(node: ast.Node, ctx: Context):
    """The SymPy symbol(s) a `dx`, `\\partial (x, y)` or `_{\\mathbf{x}}` names."""
    if isinstance(node, ast.TupleLit):
        return [s for item in node.items for s in _variable(item, ctx)]
    value = lookup(ctx, node.name) if isinstance(node, ast.Name) else None
    if is_matrix(value) and all(getattr(x, "is_Symbol", False) for x in value):
        return list(value)
    if isinstance(node, (ast.Name, ast.Subscript)):
        from .names import base_name, subscripted_name

        name = node.name if isinstance(node, ast.Name) else subscripted_name(node, ctx)
        return [ctx.workspace.symbol(name)]
    raise SymmlError("differentiate with respect to a variable such as x", node.span)


def _bound_names(symbols) -> dict:
    return {str(s): s for s in symbols}


def function_body(node: ast.Node, ctx: Context, variables=()):
    """(expression, its variables, a point or None) for `f`, `f(x, y)`, `f(1, 2)` or an
    expression; the variables are a function's parameters, else the free symbols."""
    bound = ctx.with_bound(_bound_names(variables))
    if isinstance(node, (ast.Name, ast.Subscript)):
        value = bound.value_of(node)
        if isinstance(value, UserFunction):
            return value.body, list(value.params), None
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
        value = lookup(ctx, node.func.name)
        if isinstance(value, UserFunction):
            args = [bound.value_of(arg) for arg in node.args]
            if len(args) == 1 and is_matrix(args[0]) and len(value.params) > 1:
                args = list(args[0])
            if args == list(value.params):
                return value.body, list(value.params), None
            if len(args) != len(value.params):
                raise SymmlError(f"{value.name} takes {len(value.params)} arguments, got "
                                 f"{len(args)}", node.span)
            return value.body, list(value.params), args
    value = bound.value_of(node)
    if isinstance(value, UserFunction):
        return value.body, list(value.params), None
    if isinstance(value, AbstractFunction):
        if not variables:
            raise SymmlError(f"{value.name} is not defined: define it first, e.g. "
                             f"{value.name}(x, y) = x^2 y", node.span)
        from sympy import Function

        return Function(value.name)(*variables), list(variables), None
    if not hasattr(value, "free_symbols"):
        raise SymmlError("only an expression or a function can be differentiated", node.span)
    symbols = sorted(value.free_symbols, key=str)
    return value, symbols, None


def _at_point(value, params, point):
    if point is None:
        return value
    return value.subs(dict(zip(params, point)), simultaneous=True)


def _point_latex(point) -> str:
    return r"\left(" + ", ".join(latex(p) for p in point) + r"\right)"


# --- derivatives ---------------------------------------------------------------------
@handles(ast.Derivative)
def derivative_value(node: ast.Derivative, ctx: Context):
    variables = [s for v in node.variables for s in _variable(v, ctx)]
    if isinstance(node.expr, ast.TupleLit) or _is_vector_function(node.expr, ctx):
        return _jacobian_of(node.expr, variables, ctx, node)
    expr, params, point = function_body(node.expr, ctx, variables)
    expr = _at_point(expr, params, point)  # d/dx f(g(x)): substitute, then differentiate
    if is_matrix(expr):
        return _jacobian_matrix(expr, variables, ctx)
    if ctx.want_steps and len(variables) == 1:
        _multivariable_chain_step(node.expr, variables[0], ctx)
    value = expr
    for variable in variables:
        value = _differentiate(value, variable, ctx, partial=node.partial)
    return value


def _multivariable_chain_step(node, variable, ctx: Context) -> None:
    """y = f(u, v) with u, v functions of x: dy/dx = ∂f/∂u du/dx + ∂f/∂v dv/dx."""
    from sympy import diff

    source = ctx.workspace.sources.get(node.name) if isinstance(node, ast.Name) else None
    if not (isinstance(source, ast.Call) and isinstance(source.func, ast.Name)):
        return
    outer = lookup(ctx, source.func.name)
    if not isinstance(outer, UserFunction) or len(outer.params) < 2 \
            or not all(isinstance(arg, ast.Name) for arg in source.args):
        return
    inner = [ctx.value_of(arg) for arg in source.args]
    if not any(getattr(value, "has", lambda _: False)(variable) for value in inner):
        return
    x, f = latex(variable), symbol_name(outer.name)
    names = [symbol_name(arg.name) for arg in source.args]
    formula = " + ".join(rf"\frac{{\partial {f}}}{{\partial {n}}}\frac{{d{n}}}{{d{x}}}"
                         for n in names)
    at = dict(zip(outer.params, inner))
    terms = " + ".join(
        rf"\left({latex(diff(outer.body, p).subs(at, simultaneous=True))}\right)"
        rf"\left({latex(diff(value, variable))}\right)" for p, value in zip(outer.params, inner))
    ctx.step("Multivariable chain rule", rf"\frac{{d{symbol_name(node.name)}}}{{d{x}}}",
             formula, terms)


def symbol_name(name: str) -> str:
    from ..render.latex import symbol_latex

    return symbol_latex(name)


def _is_vector_function(node, ctx) -> bool:
    value = lookup(ctx, node.name) if isinstance(node, ast.Name) else None
    return isinstance(value, UserFunction) and is_matrix(value.body)


def _differentiate(expr, variable, ctx: Context, *, partial: bool):
    from sympy import diff

    value = diff(expr, variable)
    if ctx.want_steps:
        for step in derivative_steps(expr, variable, partial=partial):
            ctx.add_step(step)
    return value


def derivative_steps(expr, variable, *, partial: bool = False):
    """Steps naming each rule, outer rule first; the last line is SymPy's derivative."""
    from ..steps import Step
    from ..steps.diffsteps import flatten, rule_tree

    d = r"\partial" if partial else "d"
    operator = rf"\frac{{{d}}}{{{d} {latex(variable)}}}"
    steps = []
    tree = rule_tree(expr, variable)
    for rule in flatten(tree):
        steps.append(Step(rule.rule, rf"{operator}\left({latex(rule.expr)}\right) = "
                                     f"{_derivative_latex(rule)}", (rule.derivative,)))
    steps.append(Step("Result", rf"{operator}\left({latex(expr)}\right) = "
                                f"{latex(tree.derivative)}", (tree.derivative,)))
    return steps


def _derivative_latex(rule) -> str:
    """The chain rule of abstract functions as the guide writes it: f'(g(x)) · g'(x)."""
    from sympy.core.function import AppliedUndef

    if rule.rule == "Chain rule" and isinstance(rule.expr, AppliedUndef) \
            and len(rule.expr.args) == 1:
        inner = rule.expr.args[0]
        outer = f"{rule.expr.func.__name__}'\\left({latex(inner)}\\right)"
        return f"{outer} \\cdot {latex(_derivative_of(inner))}"
    return latex(rule.derivative)


def _derivative_of(inner):
    from sympy import diff

    symbols = sorted(inner.free_symbols, key=str)
    return diff(inner, symbols[0]) if symbols else 0


@calls("prime")
def prime_call(node: ast.Call, ctx: Context):
    """`f'(x)`, `f''(x)` of a defined function of one variable, or of an abstract f."""
    from sympy import Derivative, Dummy, Function, Subs, diff

    prime = node.func
    if not isinstance(prime, ast.Prime):
        return NotImplemented
    function = ctx.value_of(prime.operand)
    args = [ctx.value_of(arg) for arg in node.args]
    if isinstance(function, UserFunction):
        if len(function.params) != 1 or len(args) != 1:
            raise SymmlError(f"{function.name}' needs a function of one variable",
                             node.span)
        (param,) = function.params
        derived = diff(function.body, param, prime.order)
        ctx.step(f"Differentiate {function.name} {prime.order} time(s)",
                 rf"{function.name}{''.join([chr(39)] * prime.order)}({latex(param)})",
                 derived)
        return derived.subs(param, args[0])
    if isinstance(function, AbstractFunction) and len(args) == 1:
        if getattr(args[0], "is_Symbol", False):
            return Derivative(Function(function.name)(args[0]), args[0], prime.order)
        xi = Dummy("xi")
        return Subs(Derivative(Function(function.name)(xi), xi, prime.order), xi, args[0])
    raise SymmlError("a prime ' follows the name of a function, as in f'(x)", node.span)


# --- gradient, Jacobian, Hessian --------------------------------------------------------
@handles(ast.Gradient)
def gradient_value(node: ast.Gradient, ctx: Context):
    from sympy import ImmutableMatrix, diff

    wrt = _variable(node.wrt, ctx) if node.wrt is not None else None
    expr, params, point = function_body(node.expr, ctx, wrt or ())
    if wrt and len(wrt) == 1 and isinstance(node.wrt, ast.Name) and len(params) > 1:
        wrt = None  # \nabla_{\mathbf{x}} f: with respect to all of f's inputs
    if is_matrix(expr):
        raise ShapeError("the gradient needs a scalar function; for a vector-valued one use "
                         r"the Jacobian J_{\mathbf{f}}", node.span)
    variables = wrt or params
    partials = [diff(expr, v) for v in variables]
    for variable, value in zip(variables, partials):
        ctx.step(rf"Partial derivative with respect to {latex(variable)}",
                 rf"\frac{{\partial}}{{\partial {latex(variable)}}}\left({latex(expr)}\right)",
                 value)
    gradient = ImmutableMatrix(partials)
    name = _function_label(node.expr)
    ctx.step("Gradient: the column of partial derivatives", rf"\nabla {name}", gradient)
    if point is not None:
        gradient = ImmutableMatrix(_at_point(gradient, params, point))
        ctx.step("Evaluate at the point", rf"\nabla {name}{_point_latex(point)}", gradient)
    return gradient


def _function_label(node) -> str:
    from ..render.latex import symbol_latex

    if isinstance(node, ast.Call):
        node = node.func
    return symbol_latex(node.name) if isinstance(node, ast.Name) else "f"


def _jacobian_matrix(body, variables, ctx: Context):
    from sympy import ImmutableMatrix

    jacobian = ImmutableMatrix(body.jacobian(variables))
    ctx.step("Jacobian: row i is the gradient of output i", jacobian)
    return jacobian


def _jacobian_of(node, variables, ctx: Context, span_node):
    from sympy import ImmutableMatrix

    if isinstance(node, ast.TupleLit):
        bound = ctx.with_bound(_bound_names(variables))
        outputs = [_scalar_body(item, bound) for item in node.items]
        return _jacobian_matrix(ImmutableMatrix(outputs), variables, ctx)
    function = lookup(ctx, node.name)
    params = variables if len(variables) > 1 and all(v in function.params for v in variables) \
        else function.params
    return _jacobian_matrix(function.body, list(params), ctx)


def _scalar_body(node, ctx: Context):
    value = ctx.value_of(node)
    return value.body if isinstance(value, UserFunction) else value


def _defined_function(index_node, ctx: Context):
    """The UserFunction named by the subscript of J_f or H_f, or None."""
    if not isinstance(index_node, ast.Name):
        return None
    value = lookup(ctx, index_node.name)
    return value if isinstance(value, UserFunction) else None


@subscripts("J")
def jacobian_symbol(node: ast.Subscript, ctx: Context):
    function = _defined_function(node.index[0], ctx)
    if function is None:
        return NotImplemented
    body = function.body if is_matrix(function.body) else _row(function.body)
    return _jacobian_matrix(body, list(function.params), ctx)


def _row(expr):
    from sympy import ImmutableMatrix

    return ImmutableMatrix([expr])


@subscripts("H")
def hessian_symbol(node: ast.Subscript, ctx: Context):
    function = _defined_function(node.index[0], ctx)
    if function is None:
        return NotImplemented
    return hessian(function.body, list(function.params), None, ctx, node)


@calls("J", "H")
def jacobian_or_hessian_at(node: ast.Call, ctx: Context):
    """`J_f(x, y)`, `H_f(1, 2)`: the matrix, at a point when the arguments are values."""
    if not isinstance(node.func, ast.Subscript) or len(node.func.index) != 1:
        return NotImplemented
    function = _defined_function(node.func.index[0], ctx)
    if function is None:
        return NotImplemented
    args = [ctx.value_of(arg) for arg in node.args]
    point = None if args == list(function.params) else args
    if node.func.base.name == "H":
        return hessian(function.body, list(function.params), point, ctx, node)
    matrix = jacobian_symbol(node.func, ctx)
    if point is None:
        return matrix
    from sympy import ImmutableMatrix

    value = ImmutableMatrix(_at_point(matrix, function.params, point))
    ctx.step("Evaluate at the point", rf"J{_point_latex(point)}", value)
    return value


@handles(ast.Hessian)
def hessian_value(node: ast.Hessian, ctx: Context):
    expr, params, point = function_body(node.expr, ctx)
    return hessian(expr, params, point, ctx, node)


def hessian(expr, params, point, ctx: Context, node):
    from sympy import ImmutableMatrix
    from sympy import hessian as sympy_hessian

    if is_matrix(expr):
        raise ShapeError("the Hessian needs a scalar function", node.span)
    if not params:
        raise SymmlError("the Hessian needs a function of variables, e.g. f(x, y) = x^2 y",
                         node.span)
    matrix = ImmutableMatrix(sympy_hessian(expr, params))
    ctx.step("Hessian: the matrix of second partial derivatives", matrix)
    if point is None:
        return matrix
    matrix = ImmutableMatrix(_at_point(matrix, params, point))
    ctx.step("Evaluate at the point", rf"H{_point_latex(point)}", matrix)
    _classify_critical_point(matrix, ctx)
    return matrix


def _classify_critical_point(matrix, ctx: Context) -> None:
    """Eigenvalues → definiteness → minimum / maximum / saddle, as a step."""
    eigenvalues = list(matrix.eigenvals(multiple=True))
    if any(not getattr(v, "is_real", False) for v in eigenvalues):
        return
    if all(v > 0 for v in eigenvalues):
        verdict = "positive definite: a local minimum (if the gradient is 0 there)"
    elif all(v < 0 for v in eigenvalues):
        verdict = "negative definite: a local maximum (if the gradient is 0 there)"
    elif any(v > 0 for v in eigenvalues) and any(v < 0 for v in eigenvalues):
        verdict = "indefinite: a saddle point (if the gradient is 0 there)"
    else:
        verdict = "semidefinite: the test is inconclusive"
    ctx.step(f"Eigenvalues of the Hessian: {verdict}",
             r"\lambda \in \left\{" + ", ".join(latex(v) for v in eigenvalues) + r"\right\}")


# --- gradient descent -----------------------------------------------------------------
@statement_rule(priority=30)
def descent_update(node, ctx: Context):
    """`\\theta_{new} = \\theta_{old} - \\eta \\nabla J(\\theta)` with θ_old defined."""
    if not (isinstance(node, ast.Relation) and node.ops == ("=",)):
        return None
    lhs, rhs = node.operands
    if not (isinstance(lhs, ast.Subscript) and isinstance(lhs.base, ast.Name)
            and len(lhs.index) == 1 and isinstance(lhs.index[0], ast.Name)
            and lhs.index[0].name == "new"):
        return None
    base = lhs.base.name
    old = lookup(ctx, f"{base}_old")
    if old is None or lookup(ctx, f"{base}_new") is not None or not _mentions_gradient(rhs):
        return None
    from .registry import StatementResult

    ctx.step(rf"Substitute {latex(ctx.workspace.symbol(base))} = "
             rf"{latex(ctx.workspace.symbol(base + '_old'))}", old)
    value = ctx.with_bound({base: old}).value_of(rhs)
    if is_matrix(value) and value.shape == (1, 1) and not is_matrix(old):
        value = value[0]
    ctx.step("Update: step against the gradient", value)
    ctx.workspace.define(f"{base}_new", value)
    return StatementResult("definition", value)


def _mentions_gradient(node) -> bool:
    stack = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, ast.Gradient):
            return True
        stack.extend(current.children())
    return False


@calls("GD")
def gradient_descent(node: ast.Call, ctx: Context):
    """`GD(J, θ₀, η, k)`: k exact steps θ ← θ − η∇J(θ); the value is the last θ."""
    from sympy import ImmutableMatrix, diff

    if len(node.args) != 4:
        raise SymmlError(r"GD takes (J, \theta_0, \eta, k)", node.span)
    function = ctx.value_of(node.args[0])
    theta, eta, steps = (ctx.value_of(arg) for arg in node.args[1:])
    if not isinstance(function, UserFunction):
        raise SymmlError("the first argument of GD must be a defined function", node.span)
    if not (getattr(steps, "is_Integer", False) and 0 <= steps <= 1000):
        raise DomainError("the number of GD steps must be a whole number from 0 to 1000",
                          node.args[3].span)
    params = function.params
    gradient = ImmutableMatrix([diff(function.body, p) for p in params])
    ctx.step("Gradient", rf"\nabla {function.name}", gradient)
    for k in range(1, int(steps) + 1):
        point = list(theta) if is_matrix(theta) else [theta]
        grad_here = _at_point(gradient, params, point)
        theta = theta - eta * (grad_here if is_matrix(theta) else grad_here[0])
        theta = ImmutableMatrix(theta) if is_matrix(theta) else theta
        ctx.step(f"Step {k}", rf"\theta_{{{k}}}", theta)
    return theta


# --- integrals, limits, sums ------------------------------------------------------------
INTEGRATION_RULES = {"PowerRule": "power rule", "URule": "substitution",
                     "PartsRule": "integration by parts", "ConstantTimesRule": "constant multiple",
                     "AddRule": "sum rule", "ExpRule": "exponential rule",
                     "TrigRule": "trigonometric rule", "ReciprocalRule": "1/x rule",
                     "ConstantRule": "constant rule"}


@handles(ast.Integral)
def integral_value(node: ast.Integral, ctx: Context):
    from sympy import integrate

    (variable,) = _variable(node.variable, ctx)
    body = ctx.with_bound({str(variable): variable}).value_of(node.body)
    antiderivative = integrate(body, variable)
    ctx.step(f"Antiderivative ({_integration_rule(body, variable)})",
             rf"\int {latex(body)} \, d{latex(variable)}", latex(antiderivative) + " + C")
    if node.lower is None and node.upper is None:
        return antiderivative
    if node.lower is None or node.upper is None:
        raise SymmlError("a definite integral needs both limits: \\int_a^b", node.span)
    lower, upper = ctx.value_of(node.lower), ctx.value_of(node.upper)
    value = integrate(body, (variable, lower, upper))
    ctx.step("Evaluate between the limits: F(b) − F(a)",
             rf"\left[{latex(antiderivative)}\right]_{{{latex(lower)}}}^{{{latex(upper)}}}",
             value)
    return value


def _integration_rule(body, variable) -> str:
    try:
        from sympy.integrals.manualintegrate import integral_steps

        rule = integral_steps(body, variable)
        return INTEGRATION_RULES.get(type(rule).__name__, "table of integrals")
    except Exception:  # noqa: BLE001 - the rule's name is a label only
        return "table of integrals"


@handles(ast.Limit)
def limit_value(node: ast.Limit, ctx: Context):
    from sympy import limit

    (variable,) = _variable(node.variable, ctx)
    body = ctx.with_bound({str(variable): variable}).value_of(node.body)
    point = ctx.value_of(node.point)
    value = limit(body, variable, point)
    ctx.step("Limit", rf"\lim_{{{latex(variable)} \to {latex(point)}}} {latex(body)}", value)
    return value


@handles(ast.BigOp)
def big_operator_value(node: ast.BigOp, ctx: Context):
    """`\\sum_{i=1}^{n}` and `\\prod_{i=1}^{n}`: term by term for numeric bounds, else SymPy."""
    from sympy import Add, Integer, Mul, Product, Sum

    if node.upper is None and isinstance(node.lower, ast.Name):
        from .probability import sum_over_support

        return sum_over_support(node, ctx)
    if not (isinstance(node.lower, ast.Relation) and node.lower.ops == ("=",)
            and node.upper is not None):
        raise SymmlError(rf"\{node.op} needs bounds such as _{{i=1}}^{{n}}", node.span)
    index_node, start_node = node.lower.operands
    (index,) = _variable(index_node, ctx)
    start, end = ctx.value_of(start_node), ctx.value_of(node.upper)
    combine = Add if node.op == "sum" else Mul
    if getattr(start, "is_Integer", False) and getattr(end, "is_Integer", False):
        count = int(end - start + 1)
        if count > MAX_EXPLICIT_TERMS:
            from ..errors import LimitExceeded

            raise LimitExceeded(f"{count:,} terms exceed the limit of "
                                f"{MAX_EXPLICIT_TERMS:,} for an explicit sum or product",
                                node.span)
        terms = [ctx.with_bound({str(index): Integer(k)}).value_of(node.body)
                 for k in range(int(start), int(end) + 1)]
        value = combine(*terms) if terms else Integer(0 if node.op == "sum" else 1)
        if 1 < len(terms) <= 12:
            ctx.step("Write out the terms", latex(combine(*terms, evaluate=False),
                                                  as_written=True), value)
        return value
    body = ctx.with_bound({str(index): index}).value_of(node.body)
    unevaluated = (Sum if node.op == "sum" else Product)(body, (index, start, end))
    value = unevaluated.doit()
    ctx.step("Closed form", unevaluated, value)
    return value
