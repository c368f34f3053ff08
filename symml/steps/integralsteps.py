"""Integral steps from SymPy's `manualintegrate` rule tree: one step per rule, outer first.

Each rule class has a title and, for rules that split the integral, the line a student
writes (`∫(f + g) = ∫f + ∫g`, `∫u dv = uv − ∫v du`, the substitution's new integral);
the other rules are table integrals and show their result.
"""
from __future__ import annotations

from ..render.latex import latex
from . import Step

MAX_STEPS = 40

TITLES = {
    "AddRule": "Sum rule", "ConstantTimesRule": "Constant multiple rule",
    "ConstantRule": "Constant rule", "PowerRule": "Power rule",
    "ReciprocalRule": "Reciprocal rule",
    "ExpRule": "Exponential rule", "URule": "Substitution", "PartsRule": "Integration by parts",
    "CyclicPartsRule": "Integration by parts (the integral comes back)",
    "RewriteRule": "Rewrite the integrand", "SinRule": "Trigonometric rule",
    "CosRule": "Trigonometric rule", "SecTanRule": "Trigonometric rule",
    "CscCotRule": "Trigonometric rule", "Sec2Rule": "Trigonometric rule",
    "Csc2Rule": "Trigonometric rule", "ArctanRule": "Inverse tangent rule",
    "ArcsinRule": "Inverse sine rule", "ErfRule": "Gaussian integral (error function)",
    "CompleteSquareRule": "Complete the square", "PiecewiseRule": "Piecewise integrand",
    "HeavisideRule": "Step function", "DerivativeRule": "Integral of a derivative",
}


def integral_steps(body, x) -> list[Step] | None:
    """The steps of ∫ body dx, or None when manualintegrate does not know them."""
    from sympy.integrals.manualintegrate import DontKnowRule
    from sympy.integrals.manualintegrate import integral_steps as sympy_steps

    rules = _walk(sympy_steps(body, x))
    if len(rules) > MAX_STEPS or any(isinstance(r, DontKnowRule) for r in rules):
        return None
    return [_step(rule) for rule in rules]


def _walk(rule) -> list:
    """The rules in the order a student applies them: outer rule, then its parts."""
    out, stack = [], [rule]
    while stack:
        current = _chosen(stack.pop())
        out.append(current)
        stack.extend(reversed(_parts(current)))
    return out


def _chosen(rule):
    """An AlternativeRule offers several derivations: take the first."""
    while type(rule).__name__ == "AlternativeRule":
        rule = rule.alternatives[0]
    return rule


def _parts(rule) -> list:
    from dataclasses import fields

    parts = []
    for f in fields(rule):
        value = getattr(rule, f.name)
        items = value if isinstance(value, (list, tuple)) else [value]
        parts.extend(item for item in items if _is_rule(item))
    if type(rule).__name__ == "PartsRule" and rule.v_step == rule.second_step:
        parts = parts[:1]  # ∫dv and ∫v du are the same integral: show it once
    return parts


def _is_rule(value) -> bool:
    return hasattr(value, "integrand") and hasattr(value, "eval")


def _step(rule) -> Step:
    from sympy import Integral

    name = type(rule).__name__
    title, formula = LINES.get(name, _table_line)(rule)
    lhs = Integral(rule.integrand, rule.variable)
    rhs = latex(formula)
    return Step(title or TITLES.get(name, "Table of integrals"), f"{latex(lhs)} = {rhs}",
                (lhs, formula) if not isinstance(formula, str) else (lhs,))


def _table_line(rule):
    return None, latex(rule.eval())


def _sum_line(rule):
    """∫(f + g) = ∫f + ∫g, the terms in the order of the parts that follow."""
    from sympy import Integral

    return None, " + ".join(latex(Integral(s.integrand, s.variable)) for s in rule.substeps)


def _constant_line(rule):
    from sympy import Integral, Mul

    return None, Mul(rule.constant, Integral(rule.other, rule.variable), evaluate=False)


def _substitution_line(rule):
    from sympy import Integral

    u = latex(rule.u_var)
    return (rf"Substitution {u} = {latex(rule.u_func)}",
            Integral(rule.substep.integrand, rule.u_var))


def _parts_line(rule):
    from sympy import Add, Integral, Mul, diff

    x = rule.variable
    v = rule.v_step.eval()
    title = (rf"Integration by parts with u = {latex(rule.u)}, "
             rf"dv = {latex(rule.dv)} \, d{latex(x)}")
    return title, Add(Mul(rule.u, v, evaluate=False),
                      Mul(-1, Integral(v * diff(rule.u, x), x), evaluate=False),
                      evaluate=False)


def _rewrite_line(rule):
    from sympy import Integral

    return None, Integral(rule.rewritten, rule.variable)


LINES = {"AddRule": _sum_line, "ConstantTimesRule": _constant_line,
         "URule": _substitution_line, "PartsRule": _parts_line, "RewriteRule": _rewrite_line}
