"""Calculus: derivatives with named rules, gradients, Jacobians, Hessians, descent,
integrals, limits, sums and products."""
from __future__ import annotations

from ..errors import DomainError, ShapeError, SymmlError
from ..render.latex import latex, symbol_latex
from ..semantics.derivatives import (on_reals, over_one_denominator, real_diff, renamed,
                                     tidied)
from ..semantics.kinds import (AbstractFunction, BuiltinFunction, UserFunction, built_matrix,
                               column, describe, is_matrix)
from ..syntax import ast
from .names import BUILTIN_FUNCTIONS, builtin_constant, lookup
from .registry import Context, calls, handles, inline, statement_rule, subscripts

MAX_EXPLICIT_TERMS = 10_000


# --- what is being differentiated ------------------------------------------------------
def _variable(node: ast.Node, ctx: Context):
    """The SymPy symbol(s) a `dx`, `\\partial (x, y)` or `_{\\mathbf{x}}` names."""
    if isinstance(node, ast.TupleLit):
        return [s for item in node.items for s in _variable(item, ctx)]
    value = lookup(ctx, node.name) if isinstance(node, ast.Name) else None
    if is_matrix(value) and all(getattr(x, "is_Symbol", False) for x in value):
        return list(value)
    if isinstance(node, ast.Name) and builtin_constant(node.name) is not None:
        raise SymmlError(f"{symbol_name(node.name)} is a constant, not a variable: write a "
                         "letter such as x", node.span)
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

        variables = list(dict.fromkeys(variables))  # d²y/dx²: y is a function of x once
        return Function(value.name)(*variables), variables, None
    if not hasattr(value, "free_symbols"):
        raise SymmlError("only an expression or a function can be differentiated", node.span)
    return value, sorted(value.free_symbols, key=_natural_key), None


def _natural_key(symbol):
    """x_2 before x_10."""
    import re

    return [int(part) if part.isdigit() else part for part in re.split(r"(\d+)", str(symbol))]


def _at_point(value, params, point):
    if point is None:
        return value
    return value.subs(dict(zip(params, point)), simultaneous=True)


# --- derivatives ---------------------------------------------------------------------
@handles(ast.Derivative)
def derivative_value(node: ast.Derivative, ctx: Context):
    by_matrix = _by_matrix(node, ctx)
    if by_matrix is not None:
        from . import matderiv

        return matderiv.derivative(node.expr, by_matrix, ctx)
    variables = [s for v in node.variables for s in _variable(v, ctx)]
    if isinstance(node.expr, ast.TupleLit) or _is_vector_function(node.expr, ctx):
        return _jacobian_of(node.expr, variables, ctx)
    if _undefined_dependent(node, variables, ctx):
        from sympy import Function

        params, point = list(dict.fromkeys(variables)), None
        expr = Function(node.expr.name)(*params)
    else:
        expr, params, point = function_body(node.expr, ctx, variables)
    composed = _composed_parameters(node.expr, params, variables, ctx) if point is None else None
    if composed is not None:  # k(p, q) = p q with p(x), q(x) defined: k(p(x), q(x))
        point = composed
    expr = _at_point(expr, params, point)  # d/dx f(g(x)): substitute, then differentiate
    if is_matrix(expr):
        from .matcalc import is_symbolic, scalar_form

        if not is_symbolic(expr):
            return _jacobian_matrix(expr, variables, ctx)
        expr = scalar_form(expr)  # d/dt of a matrix expression of symbolic size
        if is_matrix(expr):
            return expr.diff(*variables)
    if ctx.want_steps and len(variables) == 1:
        if composed is not None:
            _chain_step(node.expr.name, lookup(ctx, node.expr.name), params, composed,
                        variables[0], ctx)
        else:
            _multivariable_chain_step(node.expr, variables[0], ctx)
    value = expr
    for variable in reversed(variables):  # ∂²f/∂x∂y = ∂/∂x (∂f/∂y)
        value = _differentiate(value, variable, ctx, partial=node.partial)
    return _along_definitions(value, node.expr, params, ctx)


def _by_matrix(node: ast.Derivative, ctx: Context):
    """The vector or matrix X of ∂f/∂X (matrix calculus), or None for scalar variables and
    for the Jacobian of a vector function written with its name or as a tuple."""
    from .matderiv import matrix_variable

    if len(node.variables) != 1 or isinstance(node.expr, ast.TupleLit) \
            or _is_vector_function(node.expr, ctx):
        return None
    return matrix_variable(node.variables[0], ctx)


def _undefined_dependent(node: ast.Derivative, variables, ctx: Context) -> bool:
    """`\\frac{dy}{dx}` with y undefined: y is a function of x, differentiated as `y(x)`; the
    operator form `\\frac{d}{dx} y` keeps an undefined y constant, as SymPy does."""
    target = node.expr
    return node.leibniz and isinstance(target, ast.Name) and lookup(ctx, target.name) is None \
        and target.name not in ctx.bound and target.name not in map(str, variables)


def _along_definitions(value, node, params, ctx: Context):
    """∂f/∂u where f's parameter u is also defined (u = x²): the partial at u's value, so
    the multivariable chain rule reads as the guide writes it."""
    if not isinstance(node, ast.Name) or not isinstance(lookup(ctx, node.name), UserFunction):
        return value
    at = {p: v for p in params if _is_scalar_value(v := lookup(ctx, str(p)))}
    if not at:
        return value
    evaluated = value.subs(at, simultaneous=True)
    if ctx.want_steps:
        ctx.step(("Evaluate at the defined", *_equations(at)), value, evaluated)
    return evaluated


def _equations(at: dict) -> list:
    """Title pieces `u = x^{2}`, `,`, `v = \\sin x` for the values put in."""
    from sympy import Eq

    pieces = []
    for p, v in at.items():
        pieces += ([","] if pieces else []) + [Eq(p, v, evaluate=False)]
    return pieces


def _is_scalar_value(value) -> bool:
    from sympy import Expr

    return isinstance(value, Expr) and not is_matrix(value)


def _composed_parameters(node, params, variables, ctx: Context):
    r"""`\frac{dk}{dx}` of `k(p, q) = p q` where each parameter names a defined function of
    one variable (`p(x) = \cos x`) and x is not itself a parameter: the parameters' values
    as functions of x (so k is k(p(x), q(x)) and the chain rule applies), else None."""
    if not isinstance(node, ast.Name) or len(variables) != 1 or len(params) < 2 \
            or variables[0] in params or not isinstance(lookup(ctx, node.name), UserFunction):
        return None
    (variable,) = variables
    inner = []
    for param in params:
        function = lookup(ctx, str(param))
        if not (isinstance(function, UserFunction) and len(function.params) == 1):
            return None
        inner.append(function.body.subs(function.params[0], variable))
    return inner if any(value.has(variable) for value in inner) else None


def _multivariable_chain_step(node, variable, ctx: Context) -> None:
    """y = f(u, v) with u, v functions of x: dy/dx = ∂f/∂u du/dx + ∂f/∂v dv/dx."""
    source = ctx.workspace.sources.get(node.name) if isinstance(node, ast.Name) else None
    if not (isinstance(source, ast.Call) and isinstance(source.func, ast.Name)):
        return
    outer = lookup(ctx, source.func.name)
    if not isinstance(outer, UserFunction) or len(outer.params) < 2 \
            or not all(isinstance(arg, ast.Name) for arg in source.args):
        return
    from sympy import Symbol

    inner = [ctx.value_of(arg) for arg in source.args]
    _chain_step(node.name, outer, [Symbol(arg.name) for arg in source.args], inner, variable,
                ctx)


def _chain_step(name: str, outer, names, inner, variable, ctx: Context) -> None:
    """`\\frac{dy}{dx} = \\frac{\\partial f}{\\partial u} \\cdot \\frac{du}{dx} + ...` and the
    factors' values, for `name` = f(u, v) with u, v (`names`) the functions `inner` of x."""
    if not any(getattr(value, "has", lambda _: False)(variable) for value in inner):
        return
    from sympy import Add, Mul, Symbol, diff

    from ..steps import AsWritten
    from ..steps.notation_calculus import Leibniz, Written

    f = Symbol(outer.name)
    formula = Add(*(Mul(Leibniz(f, n, partial=True), Leibniz(n, variable), evaluate=False)
                    for n in names), evaluate=False)
    at = dict(zip(outer.params, inner))
    terms = Written("+", *(Written("()", diff(outer.body, p).subs(at, simultaneous=True),
                                   diff(value, variable))
                           for p, value in zip(outer.params, inner)))
    ctx.step("Multivariable chain rule", Leibniz(Symbol(name), variable), AsWritten(formula),
             terms)


def symbol_name(name: str) -> str:
    from ..render.latex import symbol_latex

    return symbol_latex(name)


def _is_vector_function(node, ctx) -> bool:
    value = lookup(ctx, node.name) if isinstance(node, ast.Name) else None
    return isinstance(value, UserFunction) and is_matrix(value.body)


def _differentiate(expr, variable, ctx: Context, *, partial: bool):
    from sympy import diff

    expr_on_reals, real = on_reals(expr, variable)
    value = over_one_denominator(tidied(diff(expr_on_reals, real), real, variable), real)
    if ctx.want_steps:
        for step in derivative_steps(expr_on_reals, real, value, partial=partial):
            ctx.add_step(step if real is variable else step.map_lines(
                lambda e: renamed(e, real, variable)))
    return renamed(value, real, variable)


def derivative_steps(expr, variable, value, *, partial: bool = False):
    """One step per rule, outer rule first, then `Result`: the rules' derivative (and
    `value`, SymPy's, when it is written differently)."""
    from ..steps import AsWritten, Step
    from ..steps.diffsteps import derivative_of, flatten, rule_tree

    tree = rule_tree(expr, variable, partial=partial)
    steps = [Step.chain(node.rule, derivative_of(node.expr, variable, partial),
                        AsWritten(node.formula) if node.children else node.formula)
             for node in flatten(tree)]
    shown = [tree.derivative] if tree.derivative == value else [tree.derivative, value]
    steps.append(Step.chain("Result", derivative_of(expr, variable, partial), *shown))
    return steps


@calls("derivative")
def derivative_at(node: ast.Call, ctx: Context):
    r"""`\frac{df}{dx}(2)`, `\frac{\partial f}{\partial x}(1, 2)`: the derivative of a defined
    function at a point; any other derivative before `( )` is multiplied by it."""
    value = ctx.value_of(node.func)
    target = node.func.expr
    function = lookup(ctx, target.name) if isinstance(target, ast.Name) else None
    if not isinstance(function, UserFunction) or len(node.args) != len(function.params):
        if len(node.args) != 1:
            raise SymmlError("a derivative at a point takes one value per variable of its "
                             "function", node.span)
        from .arithmetic import multiply

        return multiply(value, ctx.value_of(node.args[0]), ctx, node.func, node.args[0])
    point = [ctx.value_of(arg) for arg in node.args]
    if len(point) == 1 and _no_derivative_at(function.body, value, function.params[0],
                                             point[0], builtin=False):
        raise DomainError(f"the derivative of {symbol_latex(function.name)} is undefined at "
                          f"{latex(point[0])}: it has no derivative there", node.span)
    at = _at_point(value, function.params, point)
    if ctx.want_steps and point != list(function.params):
        from sympy import Subs

        ctx.step("Evaluate at the point", Subs(value, function.params, point), at)
    return at


def _builtin_function(node: ast.Node, value, ctx: Context):
    """`\\sigma'` (σ undefined: the logistic function), `\\sin'`, `\\operatorname{ReLU}'`:
    a built-in of one argument as a function of x, or None."""
    from .functions import builtin_as_function
    from .names import lookup

    name = getattr(value, "name", None) if isinstance(value, BuiltinFunction) else None
    if isinstance(node, ast.Name) and lookup(ctx, node.name) is None:
        name = node.name
    return builtin_as_function(name) if name else None


def _builtin_label(name: str):
    r"""`\tanh`, `\sigma`, `\operatorname{ReLU}`: a built-in's name as a step writes it."""
    from ..steps.notation_calculus import FunctionName

    return FunctionName(name)


@calls("prime")
def prime_call(node: ast.Call, ctx: Context):
    """`f'(x)`, `f''(x)` of a defined function of one variable, or of an abstract f."""
    from sympy import Derivative, Dummy, Function, Subs, Symbol

    prime = node.func
    if not isinstance(prime, ast.Prime):
        return NotImplemented
    from .functions import subscripted_function

    function = subscripted_function(prime.operand, ctx) or ctx.value_of(prime.operand)
    args = [ctx.value_of(arg) for arg in node.args]
    label = None
    if not isinstance(function, (UserFunction, AbstractFunction)):
        builtin = _builtin_function(prime.operand, function, ctx)
        label = builtin and _builtin_label(builtin.name)
        function = builtin or function
    if isinstance(function, UserFunction):
        if len(function.params) != 1 or len(args) != 1:
            raise SymmlError(f"{function.name}' needs a function of one variable",
                             node.span)
        (param,) = function.params
        derived = function.body
        for _ in range(prime.order):
            derived = _differentiate(derived, param, ctx, partial=False)
        if _no_derivative_at(function.body, derived, param, args[0], builtin=label is not None):
            name = latex(label) if label is not None else symbol_latex(function.name)
            raise DomainError(f"{name}{chr(39) * prime.order} is undefined at "
                              f"{latex(args[0])}: {name} has no derivative there", node.span)
        from ..steps.notation_calculus import Primed

        label = Primed(label or Symbol(function.name), prime.order, param)
        return _substituted(derived, param, args[0], label, ctx)
    if isinstance(function, AbstractFunction) and len(args) == 1:
        if getattr(args[0], "is_Symbol", False):
            return Derivative(Function(function.name)(args[0]), args[0], prime.order)
        xi = Dummy("xi")
        return Subs(Derivative(Function(function.name)(xi), xi, prime.order), xi, args[0])
    if isinstance(prime.operand, ast.Name) and prime.operand.name in BUILTIN_FUNCTIONS:
        name = latex(_builtin_label(prime.operand.name))
        raise SymmlError(f"`{name}'` is not read: a prime differentiates a "
                         r"function of one variable, as in \sin'(x); write \frac{d}{dx}(...)",
                         node.span)
    raise SymmlError("a prime ' follows the name of a function, as in f'(x)", node.span)


def _no_derivative_at(body, derived, param, point, *, builtin: bool = True) -> bool:
    """At a kink (|x|, ReLU and sign at 0) or a pole of the derivative (tan at π/2), where
    SymPy's formula would still give a value (sign(0) = 0, Heaviside(0) = 1/2); a built-in
    also at a number outside its real domain (ln at −1). A user's function may hold other
    symbols, so only a kink or a certain pole counts for it."""
    from sympy import DiracDelta, Heaviside, sign

    if getattr(point, "free_symbols", True):
        return False
    value, slope = body.subs(param, point), derived.subs(param, point)
    kinks = [kink.args[0] for kink in derived.atoms(sign, Heaviside, DiracDelta)]
    if any(k.subs(param, point) == 0 for k in kinks) or slope.is_finite is False:
        return True
    return builtin and (value.is_extended_real is not True or value.is_finite is not True
                        or slope.is_finite is not True)


def _substituted(derived, param, arg, label, ctx: Context):
    """f'(2): the derivative `label` (a `Primed` f'(x)) at the argument, as a step when it
    is not the parameter."""
    if arg == param:
        return derived
    from sympy import Eq

    value = derived.subs(param, arg)
    ctx.step(("Substitute", Eq(param, arg, evaluate=False)), label.at(arg), value)
    return value


@handles(ast.EvaluatedAt)
def evaluated_at(node: ast.EvaluatedAt, ctx: Context):
    r"""`\left.\frac{df}{dx}\right|_{x=2}`, `x^2 y \Big|_{x=1, y=2}`: the value at the point."""
    value = ctx.value_of(node.expr)
    if not hasattr(value, "subs"):
        raise SymmlError("an evaluation bar needs an expression before it", node.span)
    at = {symbol: ctx.value_of(point) for variable, point in node.point
          for symbol in _variable(variable, ctx)}
    result = value.subs(at, simultaneous=True)
    if ctx.want_steps:
        from sympy import Subs

        ctx.step("Evaluate at the point", Subs(value, list(at), list(at.values())), result)
    return result


# --- gradient, Jacobian, Hessian --------------------------------------------------------
@handles(ast.Gradient)
def gradient_value(node: ast.Gradient, ctx: Context):
    from sympy import ImmutableMatrix

    by_matrix = _gradient_by_matrix(node, ctx)
    if by_matrix is not None:
        from . import matderiv

        return matderiv.derivative(node.expr, by_matrix, ctx)
    wrt = _variable(node.wrt, ctx) if node.wrt is not None else None
    # a variable bound to a value (θ = θ_old in a descent update) keeps it in J(θ)
    expr, params, point = function_body(node.expr, ctx,
                                        [v for v in wrt or () if v.name not in ctx.bound])
    if point is None and ctx.bound and any(p.name in ctx.bound for p in params):
        point = [ctx.bound.get(p.name, p) for p in params]  # ∇J in a descent update
    if wrt and len(wrt) == 1 and isinstance(node.wrt, ast.Name) and len(params) > 1:
        wrt = None  # \nabla_{\mathbf{x}} f: with respect to all of f's inputs
    if is_matrix(expr):
        raise ShapeError("the gradient needs a scalar function; for a vector-valued one use "
                         r"the Jacobian J_{\mathbf{f}}", node.span)
    _refuse_undefined_operand(node, expr, wrt)
    variables = wrt or params
    gradient = column(real_diff(expr, v) for v in variables)
    name = _function_label(node.expr)
    if ctx.want_steps:
        _gradient_steps(name, expr, variables, gradient, ctx)
    if point is not None:
        gradient = ImmutableMatrix(_at_point(gradient, params, point))
        if ctx.want_steps:
            from ..steps.notation_calculus import Applied, Nabla

            ctx.step("Evaluate at the point", Applied(Nabla(name), *point), gradient)
    return gradient


def _refuse_undefined_operand(node: ast.Gradient, expr, wrt) -> None:
    r"""`\nabla L` or `\nabla_\theta J` of an undefined L or J has no gradient to give: read as
    a constant symbol it would be [1] or 0, a confident wrong answer (a descent update would
    silently keep θ_old)."""
    from ..errors import UndefinedNameError

    if not isinstance(node.expr, (ast.Name, ast.Subscript)) or not getattr(expr, "is_Symbol",
                                                                           False):
        return
    if wrt and expr in wrt:
        return  # ∇_x x
    name = latex(expr)
    raise UndefinedNameError(f"{name} is not defined, so it has no gradient: define it first, "
                             rf"e.g. {name}(\theta) = \theta^2", node.expr.span)


def _gradient_by_matrix(node: ast.Gradient, ctx: Context):
    """X of ∇_X f when X has a symbolic size or is a matrix (not a column of entries)."""
    from .matderiv import matrix_variable
    from .matcalc import is_symbolic

    X = matrix_variable(node.wrt, ctx) if node.wrt is not None else None
    return X if X is not None and (is_symbolic(X) or X.shape[1] != 1) else None


def _gradient_steps(name, expr, variables, gradient, ctx: Context) -> None:
    """The function once, one partial derivative per line, then the column."""
    from ..steps.notation_calculus import Leibniz, Nabla

    ctx.step("The function", name, expr)
    for variable, value in zip(variables, gradient):
        ctx.step(("Partial derivative with respect to", variable),
                 Leibniz(name, variable, partial=True), value)
    ctx.step("Gradient: the column of partial derivatives", Nabla(name), gradient)


def _function_label(node):
    """The symbol a function is written with: its name, else f."""
    from sympy import Symbol

    if isinstance(node, ast.Call):
        node = node.func
    return Symbol(node.name if isinstance(node, ast.Name) else "f")


def _jacobian_matrix(body, variables, ctx: Context, name: str | None = None):
    """Row i is the gradient of output i (each entry one `diff`, as Matrix.jacobian does)."""
    from sympy import diff

    if 1 not in body.shape:
        raise ShapeError(f"the Jacobian needs a vector-valued function, not {describe(body)}")
    jacobian = built_matrix(len(body), len(variables),
                            (diff(output, v) for output in body for v in variables))
    ctx.step("Jacobian: row i is the gradient of output i", _jacobian_label(name, body),
             jacobian)
    return jacobian


def _jacobian_label(name: str | None, body):
    r"""`J_{\mathbf{f}}` for a named vector function, else `J`."""
    from sympy import MatrixSymbol, Symbol

    from ..steps.notation_calculus import Labelled

    J = Symbol("J")
    return Labelled(J, MatrixSymbol(name, len(body), 1)) if name else J


def _jacobian_of(node, variables, ctx: Context):
    from sympy import ImmutableMatrix

    if isinstance(node, ast.TupleLit):
        bound = ctx.with_bound(_bound_names(variables))
        outputs = [_scalar_body(item, bound) for item in node.items]
        return _jacobian_matrix(ImmutableMatrix(outputs), variables, ctx)
    function = lookup(ctx, node.name)
    params = variables if len(variables) > 1 and all(v in function.params for v in variables) \
        else function.params
    return _jacobian_matrix(function.body, list(params), ctx, function.name)


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
    return _jacobian_matrix(body, list(function.params), ctx, function.name)


def _row(expr):
    from sympy import ImmutableMatrix

    return ImmutableMatrix([expr])


@subscripts("H")
def hessian_symbol(node: ast.Subscript, ctx: Context):
    function = _defined_function(node.index[0], ctx)
    if function is None:
        return NotImplemented
    from sympy import Symbol

    return hessian(function.body, list(function.params), None, ctx, node,
                   label=Symbol(function.name))


@calls("J", "H")
def jacobian_or_hessian_at(node: ast.Call, ctx: Context):
    """`J_f(x, y)`, `H_f(1, 2)`: the matrix, at a point when the arguments are values."""
    if not isinstance(node.func, ast.Subscript) or len(node.func.index) != 1:
        return NotImplemented
    function = _defined_function(node.func.index[0], ctx)
    if function is None:
        return NotImplemented
    args = [ctx.value_of(arg) for arg in node.args]
    if len(args) != len(function.params):
        raise SymmlError(f"{function.name} takes {len(function.params)} arguments, got "
                         f"{len(args)}", node.span)
    point = None if args == list(function.params) else args
    if node.func.base.name == "H":
        from sympy import Symbol

        return hessian(function.body, list(function.params), point, ctx, node,
                       label=Symbol(function.name))
    matrix = jacobian_symbol(node.func, ctx)
    if point is None:
        return matrix
    from sympy import ImmutableMatrix

    from ..steps.notation_calculus import Applied

    value = ImmutableMatrix(_at_point(matrix, function.params, point))
    if ctx.want_steps:
        ctx.step("Evaluate at the point",
                 Applied(_jacobian_label(function.name, matrix), *point), value)
    return value


@handles(ast.Hessian)
def hessian_value(node: ast.Hessian, ctx: Context):
    if node.wrt is not None:
        from . import matderiv

        X = matderiv.matrix_variable(node.wrt, ctx)
        if X is not None:
            return matderiv.hessian(node.expr, X, ctx)
    expr, params, point = function_body(node.expr, ctx)
    return hessian(expr, params, point, ctx, node, label=_function_label(node.expr))


def hessian(expr, params, point, ctx: Context, node, *, label=None):
    """The Hessian of `expr` in `params` (a function written `label`, f unless told); at a
    point, with the eigenvalue verdict."""
    from sympy import ImmutableMatrix, Symbol
    from sympy import hessian as sympy_hessian

    from ..steps.notation_calculus import Applied, Labelled

    if is_matrix(expr):
        raise ShapeError("the Hessian needs a scalar function", node.span)
    if not params:
        raise SymmlError("the Hessian needs a function of variables, e.g. f(x, y) = x^2 y",
                         node.span)
    matrix = built_matrix(len(params), len(params), sympy_hessian(expr, params))
    written = Labelled(Symbol("H"), label if label is not None else Symbol("f"))
    ctx.step("Hessian: the matrix of second partial derivatives", written, matrix)
    if point is None:
        return matrix
    matrix = ImmutableMatrix(_at_point(matrix, params, point))
    if ctx.want_steps:
        ctx.step("Evaluate at the point", Applied(written, *point), matrix)
        critical = all(_at_point(expr.diff(p), params, point) == 0 for p in params)
        _classify_point(matrix, critical, ctx)
    return matrix


MAX_CLASSIFIED = 6  # eigenvalues of larger Hessians are slow and rarely readable
VERDICTS = {"positive definite": "so a local minimum",
            "negative definite": "so a local maximum",
            "indefinite": "so a saddle point",
            "semidefinite": "so the second-derivative test is inconclusive"}


def _classify_point(matrix, critical: bool, ctx: Context) -> None:
    """Eigenvalues → definiteness → minimum / maximum / saddle, as a step."""
    if matrix.shape[0] > MAX_CLASSIFIED:
        return
    eigenvalues = list(matrix.eigenvals(multiple=True))
    signs = {_sign(v) for v in eigenvalues}
    if None in signs:
        return  # symbolic eigenvalues: the signs are not known
    definiteness = _definiteness(signs)
    outcome = VERDICTS[definiteness] if critical else \
        "but the gradient is not 0 there, so it is not a critical point"
    from sympy import Contains, FiniteSet, Symbol

    ctx.step(f"Eigenvalues of the Hessian: {definiteness}, {outcome}",
             Contains(Symbol("lambda"), FiniteSet(*eigenvalues), evaluate=False))


def _sign(value):
    return 1 if value.is_positive else -1 if value.is_negative else 0 if value.is_zero else None


def _definiteness(signs: set) -> str:
    named = {frozenset({1}): "positive definite", frozenset({-1}): "negative definite"}
    if {1, -1} <= signs:
        return "indefinite"
    return named.get(frozenset(signs), "semidefinite")


# --- gradient descent -----------------------------------------------------------------
@statement_rule(priority=30)
def descent_update(node, ctx: Context):
    r"""`\theta_{new} = \theta_{old} - \eta \nabla J(\theta)` with θ_old defined: the
    gradient at θ = θ_old, then the update with the values substituted; defines θ_new."""
    base = _update_target(node)
    old = lookup(ctx, f"{base}_old") if base else None
    if old is None or lookup(ctx, f"{base}_new") is not None \
            or not _mentions_gradient(node.operands[1]):
        return None
    from .registry import StatementResult

    rhs = node.operands[1]
    at_old = ctx.with_bound({base: old})
    value = _scalar_if_1x1(at_old.value_of(rhs), old)
    if ctx.want_steps:
        from sympy import Symbol

        quiet = at_old.quiet()
        ctx.step("Update: step against the gradient", Symbol(f"{base}_new"),
                 _shown(rhs, quiet), value)
    ctx.workspace.define(f"{base}_new", value)
    return StatementResult("definition", value)


def _update_target(node) -> str | None:
    r"""`theta` for a statement `\theta_{new} = ...`, else None."""
    if node.ops != ("=",):
        return None
    lhs = node.operands[0]
    if isinstance(lhs, ast.Subscript) and isinstance(lhs.base, ast.Name) \
            and len(lhs.index) == 1 and isinstance(lhs.index[0], ast.Name) \
            and lhs.index[0].name == "new":
        return lhs.base.name
    return None


def _scalar_if_1x1(value, like):
    return value[0] if is_matrix(value) and value.shape == (1, 1) and not is_matrix(like) \
        else value


def _mentions_gradient(node) -> bool:
    """Whether `node` contains ∇J, J'(θ) or dJ/dθ."""
    stack = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, (ast.Gradient, ast.Derivative, ast.Prime)):
            return True
        stack.extend(current.children())
    return False


SHOWN = {ast.Add: "+", ast.Sub: "-", ast.Dot: "cdot", ast.Star: "cdot"}


def _shown(node, ctx: Context):
    r"""The expression with each operand replaced by its value, as written:
    `0 - \frac{1}{10} \cdot (-6)` (negative numbers and sums in parentheses)."""
    from ..steps.notation_calculus import Written

    if type(node) in SHOWN:
        return Written(SHOWN[type(node)], _shown(node.left, ctx), _shown(node.right, ctx))
    if isinstance(node, ast.Juxtapose):
        return Written("cdot", *(_shown(factor, ctx) for factor in node.factors))
    return _scalar_if_1x1(ctx.value_of(node), None)


@calls("GD")
def gradient_descent(node: ast.Call, ctx: Context):
    """`GD(J, θ₀, η, k)`: k exact steps θ ← θ − η∇J(θ), one step line per iterate; the
    value is the last θ (a scalar for a function of one variable, else a column)."""
    from sympy import ImmutableMatrix, Symbol, diff

    from ..steps.notation_calculus import Applied, Nabla, Written

    if len(node.args) != 4:
        raise SymmlError(r"GD takes (J, \theta_0, \eta, k)", node.span)
    function = ctx.value_of(node.args[0])
    theta, eta, count = (ctx.value_of(arg) for arg in node.args[1:])
    if isinstance(node.args[1], ast.TupleLit):  # θ₀ written as a point (1, 2)
        theta = column(theta)
    _check_descent(function, theta, count, node)
    params = function.params
    gradient = column(diff(function.body, p) for p in params)
    nabla = Nabla(Symbol(function.name))
    ctx.step("Gradient", nabla, gradient)
    for k in range(1, int(count) + 1):
        here = _at_point(gradient, params, list(theta) if is_matrix(theta) else [theta])
        step = here if is_matrix(theta) else here[0]
        new = theta - eta * step
        new = ImmutableMatrix(new) if is_matrix(theta) else new
        if ctx.want_steps:
            before = Symbol(f"theta_{k - 1}")
            ctx.step(f"Step {k}", Symbol(f"theta_{k}"),
                     before - Symbol("eta") * Applied(nabla, before),
                     Written("-", theta, Written("cdot", eta, step)), new)
        theta = new
    return theta


def _check_descent(function, theta, count, node) -> None:
    if not isinstance(function, UserFunction):
        raise SymmlError("the first argument of GD must be a defined function", node.span)
    size = len(theta) if is_matrix(theta) else 1
    if size != len(function.params):
        raise ShapeError(f"{function.name} takes {len(function.params)} variables but the "
                         f"starting point θ₀ has {size}", node.args[1].span)
    if not (getattr(count, "is_Integer", False) and 0 <= count <= 1000):
        raise DomainError("the number of GD steps must be a whole number from 0 to 1000",
                          node.args[3].span)


# --- integrals, limits, sums ------------------------------------------------------------
@handles(ast.Integral)
def integral_value(node: ast.Integral, ctx: Context):
    r"""`\int f dx` (SymPy's antiderivative, no + C in the value) and `\int_a^b f dx`."""
    from sympy import Integral, integrate

    (variable,) = _variable(node.variable, ctx)
    body = ctx.with_bound({str(variable): variable}).value_of(node.body)
    if (node.lower is None) != (node.upper is None):
        raise SymmlError("a definite integral needs both limits: \\int_a^b", node.span)
    antiderivative = integrate(body, variable)
    if ctx.want_steps:
        _antiderivative_steps(body, variable, antiderivative, ctx)
    if node.lower is None:
        _note_log_domain(body, antiderivative, variable, ctx)
        return antiderivative
    lower, upper = ctx.value_of(node.lower), ctx.value_of(node.upper)
    value = _definite(body, variable, lower, upper, node)
    if ctx.want_steps:
        from ..steps.notation_calculus import Between

        ctx.step("Evaluate between the limits: F(b) − F(a)",
                 Integral(body, (variable, lower, upper)),
                 Between(antiderivative, lower, upper), value)
    return value


def _definite(body, variable, lower, upper, node):
    r"""∫_a^b f: a constant integrand is f·(b − a) (SymPy's Meijer-G route fails on
    `\int_\infty^{2} \sin\theta\,dx`); a SymPy failure is an error at the integral."""
    from sympy import integrate, nan

    if body == 0:
        return body
    if not getattr(body, "has", lambda _: True)(variable):
        value = body * (upper - lower)
        if value is nan:
            raise DomainError("this integral of a constant over an infinite interval has no "
                              "value (0 · ∞)", node.span)
        return value
    try:
        return integrate(body, (variable, lower, upper))
    except (AttributeError, TypeError, ValueError, NotImplementedError) as error:
        raise SymmlError(f"SymPy cannot evaluate this definite integral ({error})",
                         node.span) from None


def _note_log_domain(body, antiderivative, variable, ctx: Context) -> None:
    """`\\int \\frac{1}{x} dx = \\ln x` holds for x > 0 (ln|x| everywhere): say so, unless
    the integrand itself has the logarithm (`\\int \\ln x dx` lives on x > 0 anyway)."""
    from sympy import Dummy, log

    own = {term.args[0] for term in getattr(body, "atoms", lambda *_: ())(log)}
    for term in sorted(antiderivative.atoms(log), key=str):
        arg = term.args[0]
        real = {s: Dummy(s.name, real=True) for s in arg.free_symbols}
        if variable in arg.free_symbols and arg not in own \
                and not arg.subs(real).is_positive:
            shown, absolute = latex(arg), r"\ln\left|" + latex(arg) + r"\right|"
            ctx.note(f"this antiderivative holds for {inline(shown + ' > 0')}; on the whole "
                     f"domain it is {inline(absolute)}")


def _antiderivative_steps(body, variable, antiderivative, ctx: Context) -> None:
    """manualintegrate's rules when it knows them, then SymPy's antiderivative + C."""
    from sympy import Integral

    from ..steps.integralsteps import integral_steps

    try:
        rule_steps = integral_steps(body, variable) or ()
    except (AttributeError, TypeError, ValueError, NotImplementedError):
        rule_steps = ()  # a manualintegrate record we cannot read: the answer still stands
    for step in rule_steps:
        ctx.add_step(step)
    from ..steps.notation_calculus import PlusC

    ctx.step("Antiderivative", Integral(body, variable), PlusC(antiderivative))


@handles(ast.Limit)
def limit_value(node: ast.Limit, ctx: Context):
    r"""A two-sided limit at a finite point (as a student reads `x \to a`), one-sided for
    `x \to a^+` (from the right) and `x \to a^-` (from the left)."""
    from sympy import Limit

    (variable,) = _variable(node.variable, ctx)
    body = ctx.with_bound({str(variable): variable}).value_of(node.body)
    point = ctx.value_of(node.point)
    unevaluated = Limit(body, variable, point, dir=node.direction if point.is_finite else "+")
    value = _limit_or_error(unevaluated, node)
    ctx.step("Limit", unevaluated, value)
    return value


def _limit_or_error(unevaluated, node):
    from sympy import AccumBounds, Limit, zoo

    try:
        value = unevaluated.doit(deep=False)
    except ValueError:  # SymPy: the one-sided limits differ
        value = zoo
    if getattr(value, "has", lambda _: False)(AccumBounds):  # sin(1/x) at 0: SymPy's range
        bounded = isinstance(value, AccumBounds) and value.min.is_finite and value.max.is_finite
        between = f" between {latex(value.min)} and {latex(value.max)}" if bounded else ""
        raise DomainError(f"the limit does not exist: the function oscillates{between}",
                          node.span)
    if value is zoo:
        body, variable, point = unevaluated.args[:3]
        left, right = (Limit(body, variable, point, dir=d).doit(deep=False) for d in "-+")
        raise DomainError(f"the limit does not exist: from the left it is {latex(left)}, "
                          f"from the right {latex(right)}", node.span)
    return value


def _written_out(terms, op: str):
    """`1 + 2 + 3`; matrices, which SymPy adds at once, side by side as LaTeX."""
    from sympy import Add, Mul

    from ..steps import AsWritten
    from ..steps.notation_calculus import Written

    if any(is_matrix(term) for term in terms):
        return Written("+" if op == "sum" else " ", *terms)
    combine = Add if op == "sum" else Mul
    return AsWritten(combine(*terms, evaluate=False))


@handles(ast.BigOp)
def big_operator_value(node: ast.BigOp, ctx: Context):
    """`\\sum_{i=1}^{n}` and `\\prod_{i=1}^{n}`: term by term for numeric bounds, else SymPy."""
    from sympy import Add, Integer, Mul, Product, Sum, Symbol

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
        if ctx.want_steps and 1 < len(terms) <= 12:
            ctx.step("Write out the terms", _written_out(terms, node.op), value)
        return value
    index = Symbol(str(index), integer=True)  # an integer index: a_i is the entry a[i]
    body = ctx.with_bound({str(index): index}).value_of(node.body)
    unevaluated = (Sum if node.op == "sum" else Product)(body, (index, start, end))
    value = unevaluated.doit()
    if value != unevaluated:
        ctx.step("Closed form", unevaluated, value)
    return value
