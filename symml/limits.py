"""Resource limits: a pathological input stops with LimitExceeded instead of hanging."""
from __future__ import annotations

import signal
import threading
from contextlib import contextmanager
from dataclasses import dataclass

from .errors import LimitExceeded


@dataclass(frozen=True)
class Limits:
    seconds: float = 5.0           # wall time per statement
    max_exponent: int = 10_000     # |n| in x^n for an exact integer power
    max_entries: int = 2_500       # entries of a matrix or tensor (50×50)
    max_terms: int = 10_000        # terms of an explicit sum or product
    max_factorial: int = 5_000
    max_eigen_size: int = 12         # exact eigenvalues: a characteristic polynomial of degree n
    max_symbolic_eigen_size: int = 4  # with symbolic entries, beyond the quartic formula


DEFAULT = Limits()


def check_power(base, exponent, node, limits: Limits = DEFAULT) -> None:
    """Refuse exact powers whose result would be astronomically large (2^(10^9))."""
    if getattr(exponent, "is_Integer", False) and getattr(base, "is_number", False) \
            and abs(int(exponent)) > limits.max_exponent and abs(base) != 1 and base != 0:
        raise LimitExceeded(f"the exponent {exponent} is larger than the limit of "
                            f"{limits.max_exponent:,} for an exact power", node.span)


def check_factorial(value, node, limits: Limits = DEFAULT) -> None:
    if getattr(value, "is_Integer", False) and value > limits.max_factorial:
        raise LimitExceeded(f"{value}! is larger than the limit of {limits.max_factorial}!",
                            node.span)


def check_entries(count: int, node, limits: Limits = DEFAULT) -> None:
    if count > limits.max_entries:
        raise LimitExceeded(f"{count:,} entries exceed the limit of {limits.max_entries:,} "
                            "entries for a matrix or tensor", node.span)


def check_eigenproblem(matrix, limits: Limits = DEFAULT) -> None:
    """Exact eigenvalues need the roots of a degree-n polynomial: refuse hopeless sizes."""
    n = matrix.rows
    symbolic = bool(matrix.free_symbols)
    limit = limits.max_symbolic_eigen_size if symbolic else limits.max_eigen_size
    if n > limit:
        from .semantics.kinds import with_article

        kind = "symbolic " if symbolic else ""
        raise LimitExceeded(f"exact eigenvalues of {with_article(f'{n}×{n}')} {kind}matrix need "
                            f"the roots of a degree-{n} polynomial; the limit is {limit}×{limit}")


@contextmanager
def time_limit(seconds: float | None):
    """Raise LimitExceeded if the block runs longer than `seconds` (main thread only)."""
    usable = seconds and threading.current_thread() is threading.main_thread() \
        and hasattr(signal, "setitimer")
    if not usable:
        yield
        return

    def on_alarm(signum, frame):
        raise LimitExceeded(f"the statement took longer than the time limit of {seconds:g} s")

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
