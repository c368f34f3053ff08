"""Derivative steps as data: a rule tree built from the expression, then flattened.

Each node records the rule a student applies (sum, product, chain, …), the expression and
its derivative. `rule_tree` dispatches on the expression's class through RULES, so a new
rule is one table entry. The derivative of every node is SymPy's, so the tree's root value
always equals `sympy.diff`.
"""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class RuleNode:
    rule: str
    expr: object
    derivative: object
    children: tuple["RuleNode", ...] = field(default=())


TRIG = ("sin", "cos", "tan", "cot", "sec", "csc", "asin", "acos", "atan", "sinh", "cosh",
        "tanh")


def rule_tree(expr, x) -> RuleNode:
    """The rules that differentiate `expr` with respect to `x`, outermost first."""
    from sympy import diff

    derivative = diff(expr, x)
    if not expr.has(x):
        return RuleNode("Constant rule", expr, derivative)
    if expr == x:
        return RuleNode("Power rule", expr, derivative)
    for test, name, parts in _rules():
        if test(expr, x):
            return RuleNode(name, expr, derivative,
                            tuple(rule_tree(part, x) for part in parts(expr, x)))
    return RuleNode("Derivative of an abstract function" if _is_abstract(expr) else
                    "Differentiate", expr, derivative)


def _is_abstract(expr) -> bool:
    from sympy.core.function import AppliedUndef

    return isinstance(expr, AppliedUndef)


def _rules():
    """(applies?, rule name, sub-expressions to differentiate next), first match wins."""
    from sympy import Add, Function, Mul, Pow, exp, log

    def constant_split(expr, x):
        constant, rest = expr.as_independent(x, as_Add=False)
        return constant, rest

    def is_constant_multiple(expr, x):
        return isinstance(expr, Mul) and constant_split(expr, x)[0] != 1

    def is_quotient(expr, x):
        return isinstance(expr, Mul) and any(
            isinstance(f, Pow) and f.exp.is_negative and f.has(x) for f in expr.args)

    def quotient_parts(expr, x):
        numerator, denominator = expr.as_numer_denom()
        return (numerator, denominator)

    def inner_of(expr):
        return expr.args[0] if not isinstance(expr, Pow) else expr.base

    def needs_chain(expr, x):
        inner = inner_of(expr)
        return inner != x and inner.has(x)

    def is_named(names):
        return lambda expr, x: isinstance(expr, Function) and expr.func.__name__ in names \
            and not needs_chain(expr, x)

    return (
        (lambda e, x: isinstance(e, Add), "Sum rule", lambda e, x: e.as_ordered_terms()),
        (is_constant_multiple, "Constant multiple rule",
         lambda e, x: (constant_split(e, x)[1],)),
        (is_quotient, "Quotient rule", quotient_parts),
        (lambda e, x: isinstance(e, Mul), "Product rule", lambda e, x: e.args),
        (lambda e, x: isinstance(e, (Pow, Function)) and needs_chain(e, x) and not (
            isinstance(e, Pow) and e.exp.has(x)), "Chain rule",
         lambda e, x: (inner_of(e),)),
        (lambda e, x: isinstance(e, Pow) and e.base == x and not e.exp.has(x), "Power rule",
         lambda e, x: ()),
        (lambda e, x: isinstance(e, Pow) and e.exp.has(x), "Exponential rule",
         lambda e, x: (e.exp,) if e.exp != x else ()),
        (lambda e, x: isinstance(e, exp), "Exponential rule", lambda e, x: ()),
        (lambda e, x: isinstance(e, log), "Logarithm rule", lambda e, x: ()),
        (is_named(TRIG), "Trigonometric rule", lambda e, x: ()),
    )


def flatten(tree: RuleNode) -> list[RuleNode]:
    """The rule nodes in the order a student applies them: outer rule, then its parts."""
    out = [tree]
    for child in tree.children:
        out.extend(flatten(child))
    return out
