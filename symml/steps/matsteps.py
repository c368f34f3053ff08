"""The steps of a matrix derivative, as a derivation with differentials (Magnus–Neudecker):
the function, one step per rule of the differential (outer rule first, titled with the rule
as the Matrix Cookbook writes it), df, df written as tr(Gᵀ dX) (or gᵀ dx, J dx) by trace
cyclicity, then the identification rule that reads off the derivative."""
from __future__ import annotations

from . import Math, Step


def _operator(X, name):
    """`\\frac{\\partial f}{\\partial \\mathbf{X}}`."""
    from .notation_calculus import Leibniz

    return Leibniz(name, X, partial=True)


def _named(name):
    """f unless told (`\\nabla f` for a Hessian's second derivation)."""
    from sympy import Symbol

    return Symbol("f") if name is None else name


def _differential(name):
    """`df`, or `d\\left(\\nabla f\\right)` for anything but a letter."""
    from sympy import Symbol

    from ..semantics.matexpr import DifferentialOf

    return Symbol(f"d{name.name}") if isinstance(name, Symbol) else DifferentialOf(name)


def rule_step(rule, part, value) -> Step:
    from ..semantics.matexpr import DifferentialOf

    title = (rule.name + ":", Math(rule.law)) if rule.law else (rule.name,)
    return Step(title, lines=(DifferentialOf(part), value))


def derivation(expr, X, rules: list, df, result, *, jacobian: bool = False,
               name=None) -> list[Step]:
    """Steps for ∂f/∂X = `result` of f = `expr` (written `name`, f unless told), from the
    (rule, part, differential) records."""
    from sympy import Trace

    from ..semantics.matexpr import Differential, Entry, is_a

    name = _named(name)
    D = Differential(X)
    d = _differential(name)
    steps = [Step.chain("The function", name, expr)]
    steps.extend(rule_step(*record) for record in rules)
    steps.append(Step.chain("The differential", d, df.matrix if is_a(df, "Entry") else df))
    if jacobian:
        steps.append(Step(("Identification:", Math(r"df = \mathbf{J}\,d\mathbf{x} \Rightarrow "
                                                   r"\frac{\partial f}{\partial \mathbf{x}} = "
                                                   r"\mathbf{J}"),
                           "(row i is the gradient of output i)"),
                          lines=(d, result * D)))
    elif X.shape[1] == 1:
        steps.append(Step(("A scalar equals its transpose: bring", Math(D),
                           "to the right"), lines=(d, Entry(result.T * D))))
        steps.append(Step(("Identification:", Math(r"df = \mathbf{g}^\top d\mathbf{x} "
                                                   r"\Rightarrow \nabla f = \mathbf{g}"),
                           "(a column)"), lines=(_operator(X, name), result)))
    else:
        if Trace(result.T * D) != df:
            steps.append(Step(("Trace cyclicity", Math(r"\operatorname{tr}(\mathbf{A}\mathbf{B}"
                                                       r"\mathbf{C}) = \operatorname{tr}(\mathbf{C}"
                                                       r"\mathbf{A}\mathbf{B})")),
                              lines=(d, Trace(result.T * D))))
        steps.append(Step(("Identification:", Math(r"df = \operatorname{tr}(\mathbf{G}^\top "
                                                   r"d\mathbf{X}) \Rightarrow \frac{\partial f}"
                                                   r"{\partial \mathbf{X}} = \mathbf{G}"),
                           "(the shape of X)"), lines=(_operator(X, name), result)))
    return steps


def entrywise(X, result, name=None) -> list[Step]:
    """A scalar's derivative by a matrix with entries: the matrix of partials."""
    from sympy import Symbol, symbols

    from .notation_calculus import Labelled, Leibniz

    entry = Leibniz(Symbol("f"), Labelled(Symbol("X"), *symbols("i j")), partial=True)
    return [Step(("The matrix of partial derivatives: entry (i, j) is", entry,
                  "(the shape of X)"), lines=(_operator(X, _named(name)), result))]
