"""Resource limits: a pathological input stops with LimitExceeded instead of hanging.

Python can interrupt only between bytecodes, so an operation that runs long inside C (a
big-integer product, a huge matrix) is refused by an estimate before it starts (digits of
a power, entries of a matrix); the time limit covers the rest, in any thread."""
from __future__ import annotations

import ctypes
import math
import signal
import sys
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
    max_digits: int = 100_000      # decimal digits of the exact integers in one value


DEFAULT = Limits()


RECURSION = 6_000  # Python frames: printing 200 nested levels takes about 1,300


def prepare_interpreter(limits: Limits = DEFAULT) -> None:
    """Let Python do what the limits allow: print integers of `max_digits` digits (Python
    refuses more than 4,300 by default) and print expressions nested as deep as the parser
    accepts. Both settings are only ever raised, never lowered."""
    if hasattr(sys, "get_int_max_str_digits"):
        current = sys.get_int_max_str_digits()
        if 0 < current < limits.max_digits:
            sys.set_int_max_str_digits(limits.max_digits)
    if sys.getrecursionlimit() < RECURSION:
        sys.setrecursionlimit(RECURSION)


def digits(n: int) -> int:
    """An upper bound on the decimal digits of an integer, without converting it."""
    return int(abs(n).bit_length() * math.log10(2)) + 1


def check_power(base, exponent, node, limits: Limits = DEFAULT) -> None:
    """Refuse exact powers whose result would be astronomically large (2^(10^9)), or whose
    integers would have more than `max_digits` digits ((3^{10000})^{300})."""
    if not (getattr(exponent, "is_Integer", False) and getattr(base, "is_number", False)):
        return
    if abs(int(exponent)) > limits.max_exponent and abs(base) != 1 and base != 0:
        raise LimitExceeded(f"the exponent {exponent} is larger than the limit of "
                            f"{limits.max_exponent:,} for an exact power", node.span)
    if getattr(base, "is_Rational", False):
        size = max(digits(base.p), digits(base.q)) - 1
        if size * abs(int(exponent)) > limits.max_digits:
            raise LimitExceeded(f"this power has about {size * abs(int(exponent)):,} digits; "
                                f"the limit is {limits.max_digits:,} digits for an exact "
                                "number", node.span)


def check_digits(value, span=None, limits: Limits = DEFAULT) -> None:
    """Refuse a value whose exact integers have more than `max_digits` digits in all (a
    product of big powers): printing them would outlast any time limit."""
    from sympy import Basic

    items = value if isinstance(value, (list, tuple)) else [value]
    stack, total = [item for item in items if isinstance(item, Basic)], 0
    while stack:  # a plain walk: 5× faster than preorder_traversal on a small result
        node = stack.pop()
        if getattr(node, "is_Rational", False):
            total += digits(node.p) + (digits(node.q) if node.q != 1 else 0)
            if total > limits.max_digits:
                raise LimitExceeded(f"the result has more than {limits.max_digits:,} "
                                    "digits of exact numbers (the limit)", span)
        else:
            stack.extend(node.args)


def check_factorial(value, node, limits: Limits = DEFAULT) -> None:
    if getattr(value, "is_Integer", False) and value > limits.max_factorial:
        raise LimitExceeded(f"{value}! is larger than the limit of {limits.max_factorial}!",
                            node.span)


def check_entries(count: int, node=None, limits: Limits = DEFAULT) -> None:
    if count > limits.max_entries:
        raise LimitExceeded(f"{count:,} entries exceed the limit of {limits.max_entries:,} "
                            "entries for a matrix or tensor", getattr(node, "span", None))


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


class TimeLimitReached(BaseException):
    """Raised inside the statement when its time is up (by the alarm, or by the watchdog
    of a non-main thread); `time_limit` turns it into a LimitExceeded naming the limit.
    Not an Exception, so SymPy's `except Exception` clauses cannot swallow it."""


@contextmanager
def time_limit(seconds: float | None):
    """Raise LimitExceeded if the block runs longer than `seconds`, in any thread: the main
    thread uses SIGALRM; another thread a watchdog that raises in it asynchronously."""
    if not seconds or getattr(_active, "limited", False):  # an enclosing limit governs
        yield
        return
    in_main = threading.current_thread() is threading.main_thread()
    guard = _alarm if in_main and hasattr(signal, "setitimer") else _watchdog
    if sys.unraisablehook is not _drop_time_up:
        _drop_time_up.previous = sys.unraisablehook
        sys.unraisablehook = _drop_time_up
    _active.limited = True
    try:
        with guard(seconds):
            yield
    except TimeLimitReached:
        raise LimitExceeded(f"the statement took longer than the time limit of {seconds:g} s"
                            ) from None
    finally:
        _active.limited = False


_active = threading.local()


def _drop_time_up(unraisable) -> None:
    """The unraisable-exception hook while limits are in use: a TimeLimitReached raised where
    it cannot propagate (in a finalizer, `__del__`) is dropped, since the alarm fires again
    REFIRE seconds later where it can; anything else goes to the hook that was in place."""
    if not (isinstance(unraisable.exc_type, type)
            and issubclass(unraisable.exc_type, TimeLimitReached)):
        _drop_time_up.previous(unraisable)


_drop_time_up.previous = sys.unraisablehook


REFIRE = 0.05  # seconds: once time is up, raise again until the statement has stopped


def interruptible(frame) -> bool:
    """False while the thread imports a module or waits on a lock in `threading` (an
    exception there would leave a module lock held and deadlock other threads), or runs the
    unraisable hook. The next alarm, REFIRE seconds later, tries again."""
    if frame is not None and frame.f_code.co_filename.endswith("threading.py"):
        return False
    while frame is not None:
        if frame.f_code.co_filename.startswith("<frozen importlib") \
                or frame.f_code is _drop_time_up.__code__:
            return False
        frame = frame.f_back
    return True


@contextmanager
def _alarm(seconds: float):
    """SIGALRM after `seconds`, then every REFIRE seconds: an exception swallowed somewhere
    (an `except BaseException`, a `__del__`) is raised again, so the limit cannot be lost."""
    armed = [True]

    def on_alarm(signum, frame):
        if armed[0] and interruptible(frame):
            raise TimeLimitReached()

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds, REFIRE)
    try:
        yield
    finally:
        armed[0] = False  # first: an alarm arriving from here on raises nothing
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@contextmanager
def _watchdog(seconds: float):
    """A thread that raises TimeLimitReached in this one after `seconds`, then every REFIRE
    seconds until the block ends (CPython's PyThreadState_SetAsyncExc: delivered at the next
    bytecode boundary, as a signal handler is)."""
    target = ctypes.c_ulong(threading.get_ident())
    lock, stop, running = threading.Lock(), threading.Event(), [True]

    def watch():
        delay = seconds
        while not stop.wait(delay):
            with lock:
                if not running[0]:
                    return
                # the GIL is held from this check until the exception is set, so the
                # thread is not inside an import when it next runs a bytecode
                if interruptible(sys._current_frames().get(target.value)):
                    ctypes.pythonapi.PyThreadState_SetAsyncExc(
                        target, ctypes.py_object(TimeLimitReached))
            delay = REFIRE

    watcher = threading.Thread(target=watch, name="symml-time-limit", daemon=True)
    watcher.start()
    try:
        yield
    finally:
        running[0] = False  # first: the watchdog raises nothing from here on
        stop.set()
        with lock:  # withdraw an exception raised but not yet delivered
            ctypes.pythonapi.PyThreadState_SetAsyncExc(target, None)


def printing_limits(write, seconds: float | None):
    """`write()` under the time limit, or the LimitExceeded that stopped it (too deep to
    print, too long): printing a value is part of its statement's work."""
    try:
        with time_limit(seconds):
            return write()
    except LimitExceeded as error:
        return LimitExceeded(f"printing the result: {error.message}")
    except RecursionError:
        return LimitExceeded("the result is nested too deeply to print")
