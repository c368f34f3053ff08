"""The steps of a matrix derivative, as a derivation with differentials (Magnus–Neudecker):
the function, one line per rule of the differential (outer rule first), df, df written as
tr(Gᵀ dX) (or gᵀ dx, J dx) by trace cyclicity, then the identification rule."""
from __future__ import annotations

from . import Step


def _operator(X) -> str:
    from ..render.latex import latex

    return rf"\frac{{\partial f}}{{\partial {latex(X)}}}"


def derivation(expr, X, rules: list, df, result, *, jacobian: bool = False) -> list[Step]:
    """Steps for ∂f/∂X = `result` of f = `expr`, from the (rule, part, differential) records."""
    from sympy import Trace

    from ..render.latex import latex
    from ..semantics.matexpr import Differential, Entry

    D = Differential(X)
    steps = [Step.chain("The function", "f", expr)]
    for name, part, value in rules:
        steps.append(Step(name, lambda part=part, value=value:
                          rf"d\left({latex(part)}\right) = {latex(value)}", (part, value)))
    steps.append(Step.chain("The differential", "df", df))
    if jacobian:
        steps.append(Step.chain("Identification: df = J dx, so ∂f/∂x = J (row i is the "
                                "gradient of output i)", "df", result * D))
    elif X.shape[1] == 1:
        steps.append(Step.chain("A scalar equals its transpose: bring dx to the right, "
                                "df = gᵀ dx", "df", Entry(result.T * D)))
        steps.append(Step.chain("Identification: df = gᵀ dx, so ∇f = g (a column)",
                                _operator(X), result))
    else:
        steps.append(Step.chain("Trace cyclicity tr(ABC) = tr(CAB): df = tr(Gᵀ dX)", "df",
                                Trace(result.T * D)))
        steps.append(Step.chain("Identification: df = tr(Gᵀ dX), so ∂f/∂X = G (the shape "
                                "of X)", _operator(X), result))
    return steps


def entrywise(expr, X, result) -> list[Step]:
    """A scalar's derivative by a matrix with entries: the matrix of partials."""
    return [Step.chain("The matrix of partial derivatives: entry (i, j) is ∂f/∂X_{ij}, "
                       "the shape of X", _operator(X), result)]
