"""Function application: `f(x)` of a defined, abstract or built-in function, or `a(b+c)`."""
from __future__ import annotations

from functools import cache

from ..errors import DomainError, ShapeError, SymmlError
from ..render.latex import latex
from ..semantics.kinds import (FUNCTION_VALUES, AbstractFunction, UserFunction, describe,
                               is_explicit, is_matrix, is_scalar, is_vector)
from ..semantics.operands import operand
from ..syntax import ast
from .names import BUILTIN_FUNCTIONS, defined_words, lookup
from .registry import CALL_HANDLERS, Context, calls, first_claim, inline


def call_key(func: ast.Node) -> str | None:
    """The name a call is dispatched on: `D_{KL}(..)` → D, `F_X^{-1}(u)` → F, `f'(x)` → prime,
    `\\frac{df}{dx}(2)` → derivative."""
    if isinstance(func, ast.Name):
        return func.name
    if isinstance(func, (ast.Subscript,)):
        return call_key(func.base)
    if isinstance(func, ast.Power):
        return call_key(func.base)
    if isinstance(func, ast.Prime):
        return "prime"
    if isinstance(func, ast.Derivative):
        return "derivative"
    return None


def call_value(node: ast.Call, ctx: Context, postfix, product):
    r"""`f(x)` applied, or `a(b + c)` multiplied by `product(a, b + c, ctx, a's node, b + c's
    node)` (arithmetic's, which registers this for `ast.Call`). `postfix(value)` is a power,
    factorial or transpose written after the bracket: it applies to the value of an
    application, but to the bracket alone of a product (`\frac{1}{2}(x - 1)^2` is
    ½·(x − 1)², `(1+1)(1+2)!` is 2·3!)."""
    postfix = postfix or (lambda value: value)
    if isinstance(node.func, (ast.Name, ast.Subscript)):
        defined = _defined(node.func, ctx)
        if defined is not None:
            return _apply_or_multiply(defined, node, ctx, postfix, product)
    handlers = CALL_HANDLERS.get(call_key(node.func), [])
    result = first_claim(handlers, node, ctx)
    if result is not NotImplemented:
        return postfix(result)
    key = call_key(node.func)
    if handlers and len(key) > 1 and key not in BUILTIN_FUNCTIONS:
        raise _does_not_apply(key, node)
    func = subscripted_function(node.func, ctx) or ctx.value_of(node.func)
    if handlers and not isinstance(func, FUNCTION_VALUES) and (
            len(node.args) != 1 or not is_scalar(func)):
        raise _does_not_apply(key, node)
    if key in ("P", "Pr", "mathbb{P}"):
        raise SymmlError("P(...) needs events (capital letters not defined as values, such "
                         "as A or H_1) or conditions on random variables; "
                         f"{defined_words(node.args, ctx)}", node.span)
    if getattr(func, "is_Symbol", False) and len(node.args) == 1 and node.bracket == "(":
        _note_product(func, node, ctx)
    return _apply_or_multiply(func, node, ctx, postfix, product)


def _note_product(letter, node: ast.Call, ctx: Context) -> None:
    """`\\theta(x)` of an undefined θ is θ·x (NOTATION §1), and the result says so."""
    from ..render.latex import latex

    value = ctx.value_of(node.args[0])
    name, arg = latex(letter), latex(value)
    factor = arg if getattr(value, "is_Atom", False) else f"({arg})"
    call, product, example = f"{name}({arg})", name + r" \cdot " + factor, name + "(x) = ..."
    ctx.note(f"{inline(call)} is read as {inline(product)}: {name} is not a function "
             f"(define {inline(example)} to apply it)")


def subscripted_function(func: ast.Node, ctx: Context):
    """`h_\theta(x_0, x_1)`, `f_1(x)`: a subscripted f, g or h applied is a function."""
    from .names import ABSTRACT_FUNCTIONS, subscripted_name

    if isinstance(func, ast.Subscript) and isinstance(func.base, ast.Name) \
            and func.base.name in ABSTRACT_FUNCTIONS:
        return AbstractFunction(subscripted_name(func, ctx))
    return None


def _does_not_apply(key: str, node) -> SymmlError:
    return SymmlError(f"`{key}(...)` does not apply to these arguments: are its variables "
                      "declared (e.g. X \\sim \\mathcal{N}(0, 1))?", node.span)


def _defined(func: ast.Node, ctx: Context):
    if isinstance(func, ast.Name):
        return lookup(ctx, func.name)
    from .names import subscripted_name

    try:
        return lookup(ctx, subscripted_name(func, ctx))
    except SymmlError:
        return None


def _apply_or_multiply(func, node: ast.Call, ctx: Context, postfix, product):
    if isinstance(func, FUNCTION_VALUES):
        return postfix(apply_function(func, [ctx.value_of(arg) for arg in node.args], ctx, node))
    if len(node.args) == 1 and node.split is None:  # `a(b + c)`, `2[x + 1]`: a product
        return product(func, postfix(ctx.value_of(node.args[0])), ctx, node.func,
                        node.args[0])
    raise SymmlError(f"{describe(func)} is not a function, so it cannot take "
                     f"{len(node.args)} arguments", node.span)


def apply_function(func, args: list, ctx: Context, node):
    from .matcalc import scalar_form

    args = [scalar_form(operand(arg, node)) for arg in args]  # \ln(\mathbf{x}^\top A \mathbf{x})
    if isinstance(func, UserFunction):
        if len(args) == 1 and len(func.params) > 1 and is_matrix(args[0]) \
                and len(args[0]) == len(func.params):
            args = list(args[0])
        if len(args) != len(func.params):
            raise SymmlError(f"{func.name} takes {len(func.params)} argument(s), got "
                             f"{len(args)}", node.span)
        return func(*args)
    if isinstance(func, AbstractFunction):
        from sympy import Function

        return Function(func.name)(*args)
    return builtin(func.name, args, node)


@cache
def _function_table() -> dict:
    """Function name → the SymPy (or symml) function applied to one argument."""
    import sympy

    return {
        "sin": sympy.sin, "cos": sympy.cos, "tan": sympy.tan, "cot": sympy.cot,
        "sec": sympy.sec, "csc": sympy.csc, "sinh": sympy.sinh, "cosh": sympy.cosh,
        "tanh": sympy.tanh, "asin": sympy.asin, "acos": sympy.acos, "atan": sympy.atan,
        "exp": sympy.exp, "ln": sympy.log, "log": sympy.log, "sqrt": sympy.sqrt,
        "abs": sympy.Abs, "ReLU": relu, "relu": relu, "sigmoid": logistic,
        "sigma": logistic, "lg": lambda x: sympy.log(x, 10), "erf": sympy.erf,
        "erfc": sympy.erfc, "erfinv": sympy.erfinv, "asinh": sympy.asinh,
        "acosh": sympy.acosh, "atanh": sympy.atanh, "coth": sympy.coth, "acot": sympy.acot,
        "asec": sympy.asec, "acsc": sympy.acsc, "acoth": sympy.acoth, "Heaviside": sympy.Heaviside,
        "re": sympy.re, "im": sympy.im, "sign": sympy.sign, "arg": sympy.arg,
        "floor": sympy.floor, "ceiling": sympy.ceiling,
    }


def builtin_as_function(name: str):
    """A built-in of one argument (σ, sin, ReLU) as a UserFunction of x, or None."""
    import sympy

    function = _function_table().get(name)
    if function is None:
        return None
    x = sympy.Symbol("x")
    return UserFunction(name, (x,), function(x))


def builtin(name: str, args: list, node):
    import sympy

    if name in ("gcd", "lcm"):
        return _gcd_lcm(name, args, node)
    if len(args) != 1 and name not in ("max", "min", "log"):
        raise SymmlError(f"{name} takes one argument, got {len(args)}", node.span)
    if name == "softmax":
        return softmax(args[0], node)
    if name in ("max", "min"):
        values = list(args[0]) if len(args) == 1 and is_matrix(args[0]) else args
        return (sympy.Max if name == "max" else sympy.Min)(*values)
    function = _function_table()[name]
    if name in ("log", "ln") and len(args) == 2:
        return sympy.log(args[0], args[1])
    (arg,) = args
    if is_matrix(arg):
        if not is_explicit(arg) and name in ELEMENTWISE:
            from ..semantics.matexpr import Elementwise

            return Elementwise(ELEMENTWISE[name], arg)  # σ(W x) of symbolic size
        return arg.applyfunc(function)
    if not is_scalar(arg):
        raise ShapeError(f"{name} needs a number or a vector, got {describe(arg)}", node.span)
    if name in ("log", "ln") and arg == 0:
        raise DomainError("the logarithm of 0 is undefined", node.span)
    value = function(arg)
    if value is sympy.zoo or value is sympy.nan:  # tan(π/2), cot 0, csc 0
        raise DomainError(f"{name} is undefined at {latex(arg)}", node.span)
    return value


def _gcd_lcm(name: str, args: list, node):
    r"""`\gcd(12, 18)`, `\operatorname{lcm}(4, 6, 10)`, `\gcd` of a vector's entries."""
    from functools import reduce

    import sympy

    values = list(args[0]) if len(args) == 1 and is_matrix(args[0]) else args
    if len(values) < 2 or not all(is_scalar(v) and v.is_integer is not False for v in values):
        raise SymmlError(f"{name} takes two or more whole numbers", node.span)
    return reduce(sympy.gcd if name == "gcd" else sympy.lcm, values)


ELEMENTWISE = {"sigma": "sigma", "sigmoid": "sigma", "exp": "exp", "ln": "ln", "log": "ln",
               "tanh": "tanh"}  # functions applied entry by entry to a matrix expression


def relu(x):
    import sympy

    return sympy.Max(0, x)


def logistic(x):
    import sympy

    return 1 / (1 + sympy.exp(-x))


def softmax(vector, node):
    import sympy

    from ..render.latex import bold

    if getattr(vector, "is_Symbol", False):
        name = bold(vector.name)
        raise ShapeError(f"softmax needs a vector, but {name} is not defined: define it "
                         rf"({name} = \begin{{bmatrix}} 1 \\ 2 \end{{bmatrix}}) or declare it "
                         rf"({name} \in \mathbb{{R}}^3)", node.span)
    if not is_matrix(vector):
        raise ShapeError(f"softmax needs a vector, got {describe(vector)}", node.span)
    if not is_explicit(vector) and vector.shape[1] == 1:
        from ..semantics.matexpr import Softmax

        return Softmax(vector)
    from .linalg import require_entries

    require_entries(vector, "softmax", node)
    exps = vector.applyfunc(sympy.exp)
    total = sum(exps)
    return sympy.ImmutableMatrix(exps / total)


@calls("softmax")
def softmax_of_a_shift(node: ast.Call, ctx: Context):
    r"""`\operatorname{softmax}(\mathbf{z} - c)` of a scalar c: where the vector minus the
    scalar is a shape error, c is taken from each entry (z − c𝟏, the shift ML texts write
    for stability), with a note. Any other argument is left to the usual application."""
    if len(node.args) != 1 or not isinstance(node.args[0], (ast.Add, ast.Sub)):
        return NotImplemented
    try:
        argument = ctx.value_of(node.args[0])
    except ShapeError:
        argument = _shifted(node.args[0], ctx)
        if argument is None:
            raise
    return apply_function(ctx.value_of(node.func), [argument], ctx, node)


def _shifted(node: ast.Node, ctx: Context):
    """z − c𝟏 for a sum of vectors with entries, of one shape, and scalars, with a note; None
    otherwise: a vector of symbolic size or an undefined name (which may be a vector written
    in bold, `\\mathbf{q}`) keeps the shape error."""
    import sympy

    terms = [(sign, term, ctx.value_of(term)) for sign, term in _signed_terms(node, 1)]
    vectors = [sign * value for sign, _, value in terms if is_vector(value)]
    scalars = [sign * value for sign, term, value in terms if is_scalar(value)
               and (not value.free_symbols or isinstance(term, ast.Name)
                    and lookup(ctx, term.name) is not None)]
    if not vectors or not scalars or len(vectors) + len(scalars) != len(terms) \
            or len({vector.shape for vector in vectors}) != 1 \
            or not all(is_explicit(vector) for vector in vectors):
        return None
    vector, shift = sum(vectors[1:], vectors[0]), sympy.Add(*scalars)
    taken = f"{inline(latex(-shift))} is taken from" if shift.could_extract_minus_sign() \
        else f"{inline(latex(shift))} is added to"
    ctx.note(f"inside softmax, {taken} each entry of the vector (a shift by a multiple of "
             r"\mathbf{1}, as ML texts write it; softmax does not change under it)")
    return vector + shift * sympy.ones(*vector.shape)


def _signed_terms(node: ast.Node, sign: int) -> list:
    """[(±1, term)] of a chain of + and −."""
    if isinstance(node, ast.Add):
        return _signed_terms(node.left, sign) + _signed_terms(node.right, sign)
    if isinstance(node, ast.Sub):
        return _signed_terms(node.left, sign) + _signed_terms(node.right, -sign)
    return [(sign, node)]


def compose(outer, inner, node):
    """f ∘ g as a function of one variable."""
    import sympy

    x = sympy.Symbol("x")
    body = apply_function(outer, [apply_function(inner, [x], None, node)], None, node)
    return UserFunction(f"{outer.name}∘{inner.name}", (x,), body)


@calls("sigma")
def sigma_call(node: ast.Call, ctx: Context):
    """`\\sigma(x)` is the logistic function unless σ is defined."""
    if not isinstance(node.func, ast.Name) or len(node.args) != 1:
        return NotImplemented
    return builtin("sigma", [ctx.value_of(node.args[0])], node)


@calls("Gamma")
def gamma_call(node: ast.Call, ctx: Context):
    """`\\Gamma(5)` is the gamma function (24) unless Γ is defined; a bare Γ is a symbol."""
    import sympy

    if not isinstance(node.func, ast.Name) or len(node.args) != 1:
        return NotImplemented
    argument = operand(ctx.value_of(node.args[0]), node.args[0])
    if argument.is_integer and argument.is_nonpositive:
        raise DomainError(f"Γ has a pole at {latex(argument)}", node.span)
    return sympy.gamma(argument)


@calls("log")
def log_call(node: ast.Call, ctx: Context):
    """`\\log x` is natural; `\\log_2 x` has base 2."""
    import sympy

    args = [ctx.value_of(arg) for arg in node.args]
    if isinstance(node.func, ast.Subscript):
        base = ctx.value_of(node.func.index[0])
        return sympy.log(args[0], base) if not is_matrix(args[0]) else args[0].applyfunc(
            lambda x: sympy.log(x, base))
    return builtin("log", args, node)
