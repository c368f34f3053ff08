"""The decision procedure, cheapest layer first: structure, canonical forms of the
difference, random exact points (which can only prove a difference), then `simplify`.
Each layer runs under its own time limit; a layer that runs out decides nothing."""
from __future__ import annotations

from dataclasses import dataclass, field

from ..errors import LimitExceeded
from ..limits import time_limit
from .points import Sampler, at, unknowns
from .verdict import Decision

POINTS = 12          # random points tried per comparison
NONZERO = 1e-20      # |difference| above this at 30 digits is a proven difference


@dataclass
class Env:
    """What the comparison may use: the assumptions (bounds by name), a tolerance, the
    seconds each layer may take, and one seeded sampler (the same verdict every run)."""

    bounds: dict = field(default_factory=dict)
    tolerance: object = None
    layer_seconds: float = 2.0
    seed: int = 0
    sampler: Sampler = None

    def __post_init__(self):
        if self.sampler is None:
            self.sampler = Sampler(self.bounds, self.seed)


def within(seconds: float, compute):
    """`compute()` under a time limit; None if it ran out or SymPy failed."""
    try:
        with time_limit(seconds):
            return compute()
    except (LimitExceeded, RecursionError):
        return None
    except Exception:  # noqa: BLE001 - a layer that SymPy cannot run decides nothing
        return None


def is_zero(value) -> bool | None:
    """True if exactly zero, False if provably non-zero (30 digits), None if unknown."""
    if value == 0:
        return True
    if not getattr(value, "is_number", False):
        return None
    if value.is_zero:
        return True
    approx = value.evalf(30)
    if not approx.is_number or approx.has(*_UNDEFINED()):
        return None
    re, im = approx.as_real_imag()
    if abs(re) > NONZERO or abs(im) > NONZERO:
        return False
    return None


def _UNDEFINED():  # noqa: N802 - a constant built on first use
    from sympy import nan, oo, zoo

    return (nan, zoo, oo, -oo)


def defined(value) -> bool:
    from sympy import MatrixBase

    if isinstance(value, MatrixBase):
        return all(defined(x) for x in value)
    return getattr(value, "is_number", False) and not value.has(*_UNDEFINED()) \
        and value.is_finite is not False


# --- canonical forms ---------------------------------------------------------------
def _expand(d):
    return d.expand()


def _together(d):
    from sympy import together

    return together(d).as_numer_denom()[0].expand()


def _simplify(d):
    from sympy import simplify

    return simplify(d)


def _logs_and_powers(d):
    from sympy import expand_log, powsimp, simplify

    return simplify(powsimp(expand_log(d.expand(), force=False), force=False))


CHEAP_FORMS = (("expanding", _expand), ("putting it over one denominator", _together))
COSTLY_FORMS = (("simplifying", _simplify), ("expanding logarithms and powers",
                                             _logs_and_powers))


def canonical_zero(difference, forms, env: Env):
    """The name of the first form that turns the difference into 0, else None."""
    for name, form in forms:
        if within(env.layer_seconds, lambda: form(difference) == 0):
            return name
    return None


# --- scalars -------------------------------------------------------------------------
def decide_scalar(reference, answer, env: Env) -> Decision:
    from sympy import Trace

    from .matrices import canonical_scalar

    if reference == answer:
        return Decision(True, "the answer is the reference, term for term")
    constant = not (reference.free_symbols | answer.free_symbols)
    if env.tolerance is not None and constant:
        return numerically(reference, answer, env)
    difference = reference - answer
    if difference == 0:
        return Decision(True, "the difference is 0")
    if difference.has(Trace):
        canon = within(env.layer_seconds, lambda: canonical_scalar(reference)
                       - canonical_scalar(answer))
        if canon is not None and (canon == 0 or within(env.layer_seconds,
                                                       lambda: canon.expand() == 0)):
            return Decision(True, "the difference is 0 once each trace is written in one "
                            "order (tr(AB) = tr(BA), tr(A^T) = tr(A))")
    name = canonical_zero(difference, CHEAP_FORMS, env)
    if name:
        return Decision(True, f"the difference is 0 after {name}")
    found = counterexample(reference, answer, env)
    if found is not None:
        return found
    name = canonical_zero(difference, COSTLY_FORMS, env)
    if name:
        return Decision(True, f"the difference is 0 after {name}")
    if constant:
        return _constant_undecided(difference, env)
    return Decision(None, f"equal at {POINTS} random points, but no symbolic step "
                    "shows that they are equal everywhere")


def _constant_undecided(difference, env: Env) -> Decision:
    from sympy import Symbol, minimal_polynomial

    x = Symbol("x")
    polynomial = within(env.layer_seconds, lambda: minimal_polynomial(difference, x))
    if polynomial == x:
        return Decision(True, "the difference is an algebraic number whose minimal "
                        "polynomial is x, so it is 0")
    return Decision(None, "the difference is 0 to 30 digits, but no symbolic step shows "
                    "that it is exactly 0")


def numerically(reference, answer, env: Env) -> Decision:
    from ..render.latex import latex

    gap = abs((reference - answer).evalf(30))
    if not gap.is_number:
        return Decision(None, "the two cannot be compared numerically")
    if gap <= env.tolerance:
        return Decision(True, f"they differ by {_short(gap)}, within the tolerance "
                        f"{env.tolerance:g}")
    return Decision(False, f"they differ by {_short(gap)}, more than the tolerance "
                    f"{env.tolerance:g} (the reference is {latex(reference)})")


def _short(number) -> str:
    return f"{float(number):.3g}"


def counterexample(reference, answer, env: Env, shape_note: str = "") -> Decision | None:
    """A Decision(False) with the first random point where the two provably differ."""
    from ..render.latex import latex

    scalars, sizes, matrices = unknowns(reference, answer)
    if not (scalars or sizes or matrices):
        zero = within(env.layer_seconds, lambda: is_zero(reference - answer))
        if zero is False:
            return Decision(False, f"the answer is {latex(answer)}, but the reference is "
                            f"{latex(reference)}")
        return None
    for attempt in range(POINTS):
        point = env.sampler.point(scalars, sizes, matrices, complex_ok=attempt >= POINTS // 2)
        if point is None:
            return None
        values = within(env.layer_seconds, lambda: (at(reference, point), at(answer, point)))
        if values is None or not all(defined(v) for v in values):
            continue
        if within(env.layer_seconds, lambda: _differ(*values)):
            return Decision(False, f"they differ at {_where(point)}: the reference is "
                            f"{latex(values[0])}, the answer {latex(values[1])}"
                            + shape_note, named(point))
    return None


def sets_differ_somewhere(reference: list, answer: list, env: Env) -> Decision | None:
    """A Decision(False) at the first random point where one side has a value that no
    value of the other side equals (the sets of values differ there)."""
    from ..render.latex import latex

    scalars, sizes, matrices = unknowns(*reference, *answer)
    for attempt in range(POINTS):
        point = env.sampler.point(scalars, sizes, matrices, complex_ok=attempt >= POINTS // 2)
        if point is None:
            return None
        values = within(env.layer_seconds, lambda: ([at(r, point) for r in reference],
                                                    [at(a, point) for a in answer]))
        if values is None or not all(defined(v) for side in values for v in side):
            continue
        lone = within(env.layer_seconds, lambda: _unmatched(*values))
        if lone is not None:
            return Decision(False, f"at {_where(point)} the values are "
                            f"{{{', '.join(latex(v) for v in values[0])}}} and "
                            f"{{{', '.join(latex(v) for v in values[1])}}}", named(point))
    return None


def _unmatched(left: list, right: list):
    """A value of one side that provably differs from every value of the other, or None."""
    for one, other in ((left, right), (right, left)):
        for value in one:
            if all(_differ(value, candidate) for candidate in other):
                return value
    return None


def _differ(left, right) -> bool:
    from sympy import MatrixBase

    if isinstance(left, MatrixBase) or isinstance(right, MatrixBase):
        if not (isinstance(left, MatrixBase) and isinstance(right, MatrixBase)) \
                or left.shape != right.shape:
            return True
        return any(is_zero(a - b) is False for a, b in zip(left, right))
    return is_zero(left - right) is False


def named(point) -> dict:
    """The counterexample as {name in LaTeX: value in LaTeX}: sizes, matrices, scalars."""
    from ..render.latex import bold, latex

    values = {latex(size): str(value) for size, value in point.sizes.items()}
    values.update({bold(name): latex(matrix) for name, matrix in point.matrices.items()})
    values.update({latex(symbol): latex(value) for symbol, value in point.scalars.items()})
    return values


def _where(point) -> str:
    return ", ".join(f"{name} = {value}" for name, value in named(point).items())
