"""Integral steps from SymPy's `manualintegrate` rule tree: one step per rule, outer first.

Each rule class has a title and, for rules that split the integral, the line a student
writes (`∫(f + g) = ∫f + ∫g`, `∫u dv = uv − ∫v du`, the substitution's new integral);
the other rules are table integrals and show their result. SymPy's substitution variables
(all Dummy `u`) get distinct display names: u, v, w, …, or t, s, … when integration by
parts also speaks of u and v.
"""
from __future__ import annotations

from typing import Callable

from . import Step

MAX_STEPS = 40

TITLES = {
    "AddRule": "Sum rule", "ConstantTimesRule": "Constant multiple rule",
    "ConstantRule": "Constant rule", "PowerRule": "Power rule",
    "ReciprocalRule": "Reciprocal rule", "ExpRule": "Exponential rule",
    "URule": "Substitution", "PartsRule": "Integration by parts",
    "CyclicPartsRule": "Integration by parts twice: the integral comes back, solve for it",
    "RewriteRule": "Rewrite the integrand", "SinRule": "Trigonometric rule",
    "CosRule": "Trigonometric rule", "SecTanRule": "Trigonometric rule",
    "CscCotRule": "Trigonometric rule", "Sec2Rule": "Trigonometric rule",
    "Csc2Rule": "Trigonometric rule", "ArctanRule": "Inverse tangent rule",
    "ArcsinRule": "Inverse sine rule", "ErfRule": "Gaussian integral (error function)",
    "CompleteSquareRule": "Complete the square", "PiecewiseRule": "Piecewise integrand",
    "HeavisideRule": "Step function", "DerivativeRule": "Integral of a derivative",
}
SHOWN_WHOLE = {"CyclicPartsRule"}  # its inner rules are incomplete records
SUBSTITUTION_NAMES = ("u", "v", "w", "t", "s", "z")
NAMES_BESIDE_PARTS = ("t", "s", "w", "z", "r", "q")


def integral_steps(body, x) -> list[Step] | None:
    """The steps of ∫ body dx, or None when manualintegrate does not know them."""
    from sympy.integrals.manualintegrate import DontKnowRule
    from sympy.integrals.manualintegrate import integral_steps as sympy_steps

    rules = _walk(sympy_steps(body, x))
    if len(rules) > MAX_STEPS or any(isinstance(r, DontKnowRule) for r in rules):
        return None
    names = _display_names(rules, body)
    return [_step(rule, lambda e: e.xreplace(names)) for rule in rules]


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

    if type(rule).__name__ in SHOWN_WHOLE:
        return []
    parts = []
    for f in fields(rule):
        value = getattr(rule, f.name)
        items = value if isinstance(value, (list, tuple)) else [value]
        parts.extend(item for item in items if _is_rule(item))
    if type(rule).__name__ == "PartsRule" and rule.v_step == rule.second_step:
        parts = parts[:1]  # ∫dv and ∫v du are the same integral: show it once
    return parts


def _is_rule(value) -> bool:
    from sympy.integrals.manualintegrate import Rule

    return isinstance(value, Rule) and value.integrand is not None


def _result(rule):
    """What the rule integrates to (manualintegrate of its own integrand: the same tree)."""
    from sympy.integrals.manualintegrate import manualintegrate

    return manualintegrate(rule.integrand, rule.variable)


def _display_names(rules, body) -> dict:
    """Each substitution's Dummy → a letter not already in the integrand."""
    from sympy import Symbol

    by_parts = any(type(r).__name__ == "PartsRule" for r in rules)
    taken = {str(s) for s in body.free_symbols}
    letters = [n for n in (NAMES_BESIDE_PARTS if by_parts else SUBSTITUTION_NAMES)
               if n not in taken]
    dummies = [r.u_var for r in rules if type(r).__name__ == "URule"]
    return {d: Symbol(n) for d, n in zip(dict.fromkeys(dummies), letters)}


def _step(rule, shown: Callable) -> Step:
    from sympy import Integral

    name = type(rule).__name__
    title, formula = LINES.get(name, _table_line)(rule, shown)
    lhs = shown(Integral(rule.integrand, rule.variable))
    return Step.chain(title or TITLES.get(name, "Table of integrals"), lhs, formula)


def _table_line(rule, shown):
    return None, shown(_result(rule))


def _sum_line(rule, shown):
    """∫(f + g) = ∫f + ∫g, the terms in the order of the parts that follow."""
    from sympy import Integral

    from .notation_calculus import Written

    return None, Written("+", *(shown(Integral(s.integrand, s.variable))
                                for s in rule.substeps))


def _constant_line(rule, shown):
    from sympy import Integral, Mul

    return None, shown(Mul(rule.constant, Integral(rule.other, rule.variable), evaluate=False))


def _substitution_line(rule, shown):
    from sympy import Eq, Integral

    title = ("Substitution", Eq(shown(rule.u_var), shown(rule.u_func), evaluate=False))
    return title, shown(Integral(rule.substep.integrand, rule.u_var))


def _parts_line(rule, shown):
    from sympy import Add, Eq, Integral, Mul, Symbol, diff

    from .notation_calculus import Written

    x = rule.variable
    v = _result(rule.v_step)
    dx = Symbol(f"d{shown(x)}")
    title = ("Integration by parts with", Eq(Symbol("u"), shown(rule.u), evaluate=False), ",",
             Eq(Symbol("dv"), Written(" ", shown(rule.dv), dx), evaluate=False))
    return title, shown(Add(Mul(rule.u, v, evaluate=False),
                            Mul(-1, Integral(v * diff(rule.u, x), x), evaluate=False),
                            evaluate=False))


def _rewrite_line(rule, shown):
    from sympy import Integral

    return None, shown(Integral(rule.rewritten, rule.variable))


LINES = {"AddRule": _sum_line, "ConstantTimesRule": _constant_line,
         "URule": _substitution_line, "PartsRule": _parts_line, "RewriteRule": _rewrite_line}
