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
        return value.evalf(DIGITS)
    if isinstance(value, Expr) and value.is_number and not value.is_Integer \
            and value.is_finite is not False:
        try:
            return value.evalf(DIGITS)
        except Exception:  # noqa: BLE001 - an approximation is optional
            return None
    return None


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
