"""Random SymPy expressions of the shapes ML notes use, and independent ways to write them
in LaTeX (SymPy's printer under several settings, and a textbook-style writer), for
tests/test_latex_properties.py: symml must read every rendering back to the expression."""
from __future__ import annotations

import itertools

import sympy as sp
from hypothesis import strategies as st

x, y, w, a, b, theta, mu = SYMBOLS = sp.symbols("x y w a b theta mu")

FUNCTIONS = [sp.sin, sp.cos, sp.tan, sp.exp, sp.log, sp.sqrt, sp.sinh, sp.cosh, sp.tanh,
             sp.asin, sp.acos, sp.atan, sp.asinh, sp.acosh, sp.atanh, sp.acot, sp.cot,
             sp.sec, sp.csc]
COEFFICIENTS = [sp.Rational(1, 2), sp.Rational(1, 3), sp.Rational(3, 2), sp.Integer(2),
                sp.Integer(3), sp.Integer(-1), sp.Rational(-1, 2), sp.Rational(2, 5)]


# --- expressions -------------------------------------------------------------------------
class Recipe:
    """Decodes a byte string into an expression, one choice per byte: a byte of 0 is the
    simplest choice, so hypothesis shrinks a failing recipe towards a small expression, and
    one draw per example keeps thousands of examples fast."""

    def __init__(self, data: bytes):
        self.data, self.at = data, 0

    def choice(self, options):
        byte = self.data[self.at] if self.at < len(self.data) else 0
        self.at += 1
        return options[byte % len(options)]

    def leaf(self):
        symbol = self.choice(SYMBOLS)
        kind = self.choice(["symbol", "symbol", "number", "linear", "linear"])
        if kind == "symbol":
            return symbol
        if kind == "number":
            return self.choice([sp.Integer(n) for n in (2, 3, 5, 7, 1)] + [sp.Rational(1, 2)])
        other = self.choice([s for s in SYMBOLS if s != symbol] + [sp.Integer(1)])
        return self.choice([1, 2, 3, -1]) * symbol + self.choice([-1, 1, 2, -3]) * other

    def expression(self, depth: int = 3):
        """Coefficients before brackets, powers of brackets, fractions, function powers,
        inverse functions, products and sums."""
        shape = self.choice(["leaf", "coefficient", "power", "function", "function power",
                             "fraction", "product", "sum", "difference"]) if depth else "leaf"
        if shape == "leaf":
            return self.leaf()
        inner = self.expression(depth - 1)
        if shape == "coefficient":
            return self.choice(COEFFICIENTS) * inner ** self.choice(POWERS)
        if shape == "power":
            return self.expression(depth - 1) * inner ** self.choice(POWERS)
        if shape == "function":
            return self.choice(FUNCTIONS)(inner)
        if shape == "function power":
            return self.choice(FUNCTIONS)(inner) ** self.choice([2, 3])
        other = self.expression(depth - 1)
        return {"fraction": lambda: inner / other, "product": lambda: inner * other,
                "sum": lambda: inner + other, "difference": lambda: inner - other}[shape]()


POWERS = [2, 3, -1, -2, sp.Rational(1, 2), 2]


def expressions():
    return st.binary(min_size=16, max_size=48).map(
        lambda data: Recipe(data).expression()).filter(usable)


def usable(expr) -> bool:
    """Finite and real-valued where it is defined (1/(x - x) is not an expression)."""
    return not expr.has(sp.zoo, sp.oo, -sp.oo, sp.nan, sp.I)


# --- SymPy's printer under several settings ---------------------------------------------
def every_combination(options: dict) -> list[dict]:
    """Each combination of the options, the first values first (hypothesis shrinks towards
    them); one draw per example from this list is much cheaper than one per option."""
    return [dict(zip(options, values)) for values in itertools.product(*options.values())]


def sympy_settings_allowed(s: dict) -> bool:
    """SymPy's folded function brackets are ambiguous to any reader beside a short fraction
    or a written product: asin(x**2/2) prints as `\\operatorname{asin}x^{2} / 2`
    (asin(x²)/2), asinh(x/w)**3 with \\times as `\\operatorname{arsinh}^{3}\\frac{1}{w} \\times x`."""
    return not (s["fold_func_brackets"] and (s["fold_short_frac"] or s["mul_symbol"]))


def sympy_latex(expr, settings: dict) -> str:
    """`sympy.latex` under these settings; brackets are folded only around a letter or a
    number, since SymPy folds them around any argument it thinks short and writes
    asin(4x⁴ sin²x) as `\\operatorname{asin}4 x^{4} \\sin^{2} {x}` and acosh(-x) as
    `\\operatorname{acosh}- x`, which no reader takes as one argument."""
    if settings["fold_func_brackets"] and not all(
            arg.is_Atom for f in expr.atoms(sp.Function) for arg in f.args):
        settings = {**settings, "fold_func_brackets": False}
    return sp.latex(expr, **settings)


SYMPY_SETTINGS = st.sampled_from([s for s in every_combination({
    "mul_symbol": [None, "dot", "times"],
    "fold_frac_powers": [False, True],
    "fold_func_brackets": [False, True],
    "fold_short_frac": [False, True],
    "ln_notation": [False, True],
    "inv_trig_style": ["abbreviated", "full", "power"],
    "root_notation": [True, False],
    "long_frac_ratio": [None, 2],
    "order": [None, "lex", "rev-lex"],
}) if sympy_settings_allowed(s)])


# --- a textbook-style writer --------------------------------------------------------------
TEXTBOOK_STYLE = st.sampled_from(every_combination({
    "mul": [" ", r" \cdot "],
    "brackets": [("(", ")"), (r"\left(", r"\right)"), ("[", "]"), (r"\left[", r"\right]")],
    "frac": [r"\frac", r"\tfrac", r"\dfrac"],
    "coefficient_first": [True, False],  # \frac{1}{2}(a - b)^2 rather than \frac{(a - b)^2}{2}
    "function_power": ["head", "after", "bracketed"],  # \sin^2 x, \sin(x)^2, (\sin x)^2
    "bare_argument": [True, False],      # \sin x rather than \sin(x)
    "inverse": ["power", "arc"],         # \sinh^{-1} x or \operatorname{arsinh} x
    "log": [r"\ln", r"\log"],
    "exp": ["e", r"\exp"],
    "sqrt": ["sqrt", "power"],
}))

NAMES = {theta: r"\theta", mu: r"\mu"}
FUNCTION_TEX = {sp.sin: r"\sin", sp.cos: r"\cos", sp.tan: r"\tan", sp.cot: r"\cot",
                sp.sec: r"\sec", sp.csc: r"\csc", sp.sinh: r"\sinh", sp.cosh: r"\cosh",
                sp.tanh: r"\tanh"}
INVERSES = {sp.asin: (sp.sin, r"\arcsin"), sp.acos: (sp.cos, r"\arccos"),
            sp.atan: (sp.tan, r"\arctan"), sp.acot: (sp.cot, r"\operatorname{arccot}"),
            sp.asinh: (sp.sinh, r"\operatorname{arsinh}"),
            sp.acosh: (sp.cosh, r"\operatorname{arcosh}"),
            sp.atanh: (sp.tanh, r"\operatorname{artanh}")}


class Textbook:
    r"""Writes an expression as a student would: `\frac{1}{2}(w x - y)^2`, `\sin^2 x`,
    implicit products, bare or `\left(\right)` brackets. Function factors come last in a
    product, so a bare argument (`\sin x`) is never followed by a factor it would take."""

    def __init__(self, style: dict):
        self.style = style
        self.bare_allowed = True  # off for a factor that another factor follows

    def bracket(self, text: str) -> str:
        left, right = self.style["brackets"]
        return f"{left}{text}{right}"

    def __call__(self, e) -> str:
        if isinstance(e, sp.Add):
            return self.add(e)
        if isinstance(e, sp.Mul) or isinstance(e, sp.Rational) and not e.is_Integer:
            return self.mul(e)
        if isinstance(e, sp.Pow):
            return self.power(e)
        if isinstance(e, sp.Function):
            return self.function(e)
        if e is sp.E:
            return "e"
        if e is sp.pi:
            return r"\pi"
        if isinstance(e, sp.Symbol):
            return NAMES.get(e, e.name)
        if e.is_Integer:
            return str(e)
        raise ValueError(f"no textbook spelling for {e!r}")

    def add(self, e) -> str:
        out = ""
        for i, term in enumerate(e.as_ordered_terms()):
            negative = term.could_extract_minus_sign()
            text = self(-term if negative else term)
            out += ("-" if negative else "") + text if i == 0 else (
                (" - " if negative else " + ") + text)
        return out

    def mul(self, e) -> str:
        if e.could_extract_minus_sign():
            inner = self(-e)
            return "-" + (self.bracket(inner) if isinstance(-e, sp.Add) else inner)
        coefficient, rest = e.as_coeff_Mul()
        numerator, denominator = [], []
        for factor in sp.Mul.make_args(rest) if rest != 1 else ():
            base, exponent = factor.as_base_exp()
            if exponent.is_number and exponent.is_negative:
                denominator.append(base ** -exponent)
            else:
                numerator.append(factor)
        p, q = sp.fraction(coefficient)
        if denominator and not (self.style["coefficient_first"] and not numerator):
            top = self.product([p] * (p != 1) + numerator) if (p != 1 or numerator) else "1"
            bottom = self.product([q] * (q != 1) + denominator)
            return f"{self.style['frac']}{{{top}}}{{{bottom}}}"
        if denominator:  # \frac{1}{2 x}
            return f"{self.style['frac']}{{{p}}}{{{self.product([q] * (q != 1) + denominator)}}}"
        if q != 1 and self.style["coefficient_first"] or not numerator:
            head = f"{self.style['frac']}{{{p}}}{{{q}}}"
            return head + (self.style["mul"] + self.product(numerator) if numerator else "")
        if q != 1:
            return f"{self.style['frac']}{{{self.product([p] * (p != 1) + numerator)}}}{{{q}}}"
        return self.product([p] * (p != 1) + numerator)

    def product(self, factors) -> str:
        """Numbers first, functions last, each sum in brackets."""
        def rank(f):
            return 0 if f.is_number and not f.has(sp.Function) else (
                2 if f.has(sp.Function) else 1)
        parts = []
        ordered = sorted(factors, key=rank)
        for i, f in enumerate(ordered):
            self.bare_allowed, allowed = i == len(ordered) - 1, self.bare_allowed
            text = self(f)
            self.bare_allowed = allowed
            parts.append(self.bracket(text) if isinstance(f, sp.Add) or (
                isinstance(f, sp.Mul) and f.could_extract_minus_sign()) else text)
        return self.style["mul"].join(parts)

    def power(self, e) -> str:
        base, exponent = e.as_base_exp()
        if exponent.is_negative:
            return self.mul(e)
        if base is sp.E:
            return self.function(sp.exp(exponent))
        if exponent == sp.Rational(1, 2) and self.style["sqrt"] == "sqrt":
            return rf"\sqrt{{{self(base)}}}"
        if isinstance(base, sp.Function) and exponent.is_Integer:
            return self.function(base, exponent)
        text = self(base)
        if not (isinstance(base, sp.Symbol) or base.is_Integer and base > 0):
            text = self.bracket(text)
        return f"{text}^{{{self(exponent)}}}"

    def function(self, e, power=None) -> str:
        (argument,) = e.args
        func = e.func
        if func is sp.exp and self.style["exp"] == "e" and power is None:
            return f"e^{{{self(argument)}}}"
        if func is sp.exp:
            head = r"\exp"
        elif func is sp.log:
            head = self.style["log"]
        elif func in INVERSES:
            plain, arc = INVERSES[func]
            head = FUNCTION_TEX[plain] + "^{-1}" if self.style["inverse"] == "power" else arc
            if power is not None:  # (\sin^{-1} x)^2
                return f"{self.bracket(self.function(e))}^{{{power}}}"
        else:
            head = FUNCTION_TEX[func]
        text = self(argument)
        bare = self.style["bare_argument"] and self.bare_allowed and (
            isinstance(argument, sp.Symbol)
            or argument.is_Integer and argument > 0)
        call = f"{head} {text}" if bare else head + self.bracket(text)
        if power is None:
            return call
        if self.style["function_power"] == "head" and "^" not in head:
            return f"{head}^{{{power}}} {text}" if bare else f"{head}^{{{power}}}" + \
                self.bracket(text)
        if self.style["function_power"] == "after" and not bare:
            return f"{call}^{{{power}}}"
        return f"{self.bracket(call)}^{{{power}}}"


def same_value(read, expected) -> bool:
    """Equal as expressions: structurally, after expanding, or at two exact random points
    evaluated to 30 digits (the functions here have no closed form for an exact test)."""
    if read == expected:
        return True
    difference = read - expected
    if sp.expand(difference) == 0:
        return True
    return _agree_at(read, expected, (
        {x: sp.Rational(3, 7), y: sp.Rational(5, 11), w: sp.Rational(2, 13),
         a: sp.Rational(7, 5), b: sp.Rational(9, 4), theta: sp.Rational(1, 3),
         mu: sp.Rational(6, 17)},
        {x: sp.Rational(-4, 9), y: sp.Rational(8, 3), w: sp.Rational(11, 7),
         a: sp.Rational(2, 19), b: sp.Rational(-5, 6), theta: sp.Rational(13, 5),
         mu: sp.Rational(-1, 8)}))


def _agree_at(a, b, points) -> bool:
    """a and b agree to 20 digits at each exact point where both are finite (evaluated to 30)."""
    for point in points:
        left, right = (sp.N(v.subs(point), 30) for v in (a, b))
        if not (left.is_finite and right.is_finite):
            continue
        if abs(left - right) > sp.Float("1e-20", 30) * (1 + abs(right)):
            return False
    return True


def values_agree(a, b) -> bool:
    """Equal values of any symbols: matrices entrywise, scalars by expanding the difference
    or at two exact rational points evaluated to 30 digits."""
    if a == b:
        return True
    a, b = (v.as_explicit() if isinstance(v, sp.MatrixExpr) else v for v in (a, b))
    if isinstance(a, sp.MatrixBase) or isinstance(b, sp.MatrixBase):
        if not (isinstance(a, sp.MatrixBase) and isinstance(b, sp.MatrixBase)):
            return False
        return a.shape == b.shape and all(values_agree(p, q) for p, q in zip(a, b))
    if isinstance(a, sp.logic.boolalg.Boolean) or isinstance(b, sp.logic.boolalg.Boolean):
        return False
    difference = a - b
    if sp.expand(difference) == 0:
        return True
    if difference.atoms(sp.core.function.AppliedUndef, sp.Derivative, sp.Integral):
        return sp.simplify(difference) == 0
    symbols = sorted(difference.free_symbols, key=str)
    return _agree_at(a, b, ({s: sp.Rational(3 + 2 * i, 7 + i) + shift
                            for i, s in enumerate(symbols)} for shift in (0, 1)))
