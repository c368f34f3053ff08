"""The decimal beside an exact value: a SymPy Float (or a matrix of them) for the API, and
its text for the JSON contract."""
from __future__ import annotations

DIGITS = 15  # the JSON `approx` string, as before
SHORT = 6  # significant digits a person reads (CLI, exports)


def approximate(value):
    """A decimal beside an exact non-integer number (or matrix of them), else None."""
    from sympy import Basic, Expr, ImmutableMatrix

    if not isinstance(value, Basic) or isinstance(value, bool):
        return None
    if isinstance(value, ImmutableMatrix):
        if value.free_symbols or all(x.is_Integer for x in value):
            return None
        entries = [decimal(x) for x in value]
        if any(x is None for x in entries):
            return None
        return ImmutableMatrix(value.rows, value.cols, entries)
    if isinstance(value, Expr) and value.is_number and not value.is_Integer \
            and value.is_finite is not False:
        return decimal(value)
    return None


FULL_PRECISION = 50  # bits: 15 decimal digits


def decimal(value):
    """DIGITS correct significant digits, or None. evalf is asked to guarantee them
    (strict); when it cannot prove them, its plain answer is kept only if it claims full
    precision (a cancellation it could not resolve would otherwise print as `0.e+67`)."""
    from sympy import Float

    try:
        number = value.evalf(DIGITS, strict=True, maxn=1000)
    except Exception:  # noqa: BLE001 - PrecisionExhausted, or SymPy's numerics failing
        try:
            number = value.evalf(DIGITS)
        except Exception:  # noqa: BLE001 - a decimal is optional
            return None
        if any(f._prec < FULL_PRECISION for f in number.atoms(Float)):
            return None
    if number.is_real and not isinstance(number, Float) and not number.is_Integer:
        return None
    return number


def approx_text(approx) -> str | None:
    """The JSON `approx` string: `1.41421356237310`, or nested lists for a matrix."""
    if approx is None:
        return None
    if hasattr(approx, "tolist"):
        return str(approx.tolist())
    return str(approx)


def short(approx) -> str | None:
    """A scalar decimal to 6 significant digits (`0.0227501`), else None."""
    if approx is None or hasattr(approx, "tolist") or not approx.is_real:
        return None
    return format(float(approx), f".{SHORT}g")
