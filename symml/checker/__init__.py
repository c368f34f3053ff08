"""`symml check`: is an answer equal to the exact value of a reference, and why.

    >>> import symml
    >>> symml.check(r"\\ln(ab)", r"\\ln a + \\ln b", given=["a, b > 0"]).equal
    True
"""
from __future__ import annotations

from .verdict import Verdict

__all__ = ["check", "Verdict"]

DEFAULT_SECONDS = 10.0


def check(reference: str, answer: str, given=(), *, tolerance: float | None = None,
          timeout: float = DEFAULT_SECONDS, seed: int = 0) -> Verdict:
    """Compare `answer` with `reference` after running the `given` statements.

    `equal` is True, False, or None (undecided, or an error in `error`). `timeout` is the
    seconds allowed for each statement and for each layer of the comparison.
    """
    from ..errors import SymmlError
    from ..workspace import Workspace
    from .compare import compare_readings
    from .givens import apply_givens
    from .layers import Env
    from .reading import read
    from .verdict import Decision

    if isinstance(given, str):
        given = [given]
    verdict = Verdict(reference, answer)
    workspace = Workspace(steps=False, timeout=timeout)
    try:
        givens = apply_givens(list(given), workspace)
        readings = [read(text, workspace) for text in (reference, answer)]
    except SymmlError as error:
        verdict.error = error
        verdict.reason = f"{_which(error, reference, answer)}: {error.message}"
        return verdict
    readings = [_unified(r, workspace) for r in readings]
    env = Env(givens.bounds, tolerance=tolerance, layer_seconds=timeout, seed=seed)
    try:
        decision = compare_readings(*readings, env)
    except RecursionError:
        decision = Decision(None, "the two are nested too deeply to compare")
    except Exception as error:  # noqa: BLE001 - a SymPy failure is undecided, never a crash
        decision = Decision(None, f"could not compare: {type(error).__name__}: {error}")
    verdict.equal, verdict.reason = decision.equal, decision.reason
    verdict.counterexample = decision.counterexample if decision.equal is False else None
    return verdict


def _which(error, reference: str, answer: str) -> str:
    source = getattr(error, "source", None)
    if source == reference:
        return "the reference cannot be evaluated"
    if source == answer:
        return "the answer cannot be evaluated"
    return "a given statement cannot be used"


def _unified(reading, workspace):
    """One SymPy symbol per name: a symbol made before an assumption replaced it (in a
    definition given earlier) becomes the assumed one."""
    from dataclasses import replace

    from sympy import Basic, Symbol

    current = workspace.symbols
    value = reading.value
    if not isinstance(value, Basic):
        return reading
    renamed = {s: current[s.name] for s in value.atoms(Symbol)
               if s.name in current and current[s.name] != s}
    if not renamed:
        return reading
    return replace(reading, value=value.xreplace(renamed),
                   variables=tuple(v.xreplace(renamed) for v in reading.variables))
