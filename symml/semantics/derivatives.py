"""A derivative on the reals, tidied as a teacher writes it: d|x|/dx is sign(x), d/dx ln|x|
is 1/x, and what the quotient rule leaves is put over one denominator."""
from __future__ import annotations

from functools import cache


def over_one_denominator(value, variable, most_operations: int = 60):
    """A sum of fractions in `variable` (what the quotient rule leaves) over one denominator,
    as a teacher writes it: 2 - (x² + 1)/x² is (x² - 1)/x², 1/(x + 1) - x/(x + 1)² is
    1/(x + 1)², when that is no longer; any other value is left as it is."""
    from sympy import Add, Mul, cancel, factor, together

    if not isinstance(value, Add) or not any(
            part.is_Pow and part.exp.is_negative and part.base.has(variable)
            for term in value.args for part in Mul.make_args(term)) \
            or value.count_ops() > most_operations:
        return value
    combined = together(value)
    candidates = (cancel(combined), factor(combined), combined)
    best = min(candidates, key=lambda form: form.count_ops())
    return best if best.count_ops() <= value.count_ops() else value


def on_reals(expr, variable):
    """(expr, variable), the variable made a real symbol (printed alike) when the result
    depends on it: calculus here is on the reals, so d|x|/dx is sign(x), not SymPy's
    complex form with re and im. Other expressions are left alone (and SymPy's cache hits)."""
    if variable.is_real or not expr.has(*_complex_parts()):
        return expr, variable
    from sympy import Dummy

    real = Dummy(variable.name, real=True)
    return expr.xreplace({variable: real}), real


def tidied(value, real, variable):
    """On the reals, sign(x) = x/|x| where that is shorter: d/dx ln|x| = sign(x)/|x| is 1/x."""
    from sympy import Abs, sign

    if real is variable or not value.has(sign):
        return value
    rewritten = value.replace(sign, lambda argument: argument / Abs(argument))
    return rewritten if rewritten.count_ops() < value.count_ops() else value


@cache
def _complex_parts() -> tuple:
    """The functions whose derivative differs off the real line."""
    from sympy import Abs, arg, conjugate, im, re, sign

    return Abs, sign, re, im, arg, conjugate


def renamed(value, real, variable):
    """`value` with the real symbol of `on_reals` named back to `variable`."""
    return value.xreplace({real: variable}) if real is not variable \
        and hasattr(value, "xreplace") else value


def real_diff(expr, variable):
    """`sympy.diff` with respect to `variable` taken as real (see `on_reals`)."""
    expr_on_reals, real = on_reals(expr, variable)
    return renamed(over_one_denominator(tidied(expr_on_reals.diff(real), real, variable), real),
                   real, variable)
