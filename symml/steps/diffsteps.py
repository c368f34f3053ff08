"""Derivative steps as data: a tree of rule records built from the expression.

`rule_tree(expr, x)` picks the first rule of RULES whose test accepts the expression,
differentiates the rule's parts recursively, and combines the parts' derivatives with the
rule's formula (product: f'g + fg'; chain: outer'(u) u'; ...). The same formula, applied
to unevaluated `DerivativeOf` placeholders, is the step line a student writes. Because
each node's derivative is recomputed from its parts, comparing the root with `sympy.diff`
tests the rules themselves.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Callable

TRIG = {"sin", "cos", "tan", "cot", "sec", "csc"}
INVERSE_TRIG = {"asin", "acos", "atan", "acot", "asec", "acsc"}
HYPERBOLIC = {"sinh", "cosh", "tanh", "coth", "sech", "csch", "asinh", "acosh", "atanh"}


@dataclass(frozen=True)
class RuleNode:
    """One rule applied: `d/dx expr = formula` (parts still to differentiate) = derivative."""

    rule: str
    expr: object
    formula: object
    derivative: object
    children: tuple["RuleNode", ...] = field(default=())


@dataclass(frozen=True)
class Rule:
    """A differentiation rule: when it applies, its parts, and how their derivatives combine.

    `combine(expr, x, parts, derivatives, ops)` builds the result with `ops` (evaluated
    SymPy arithmetic for the value, unevaluated for the step line).
    """

    name: str
    applies: Callable
    parts: Callable
    combine: Callable


def rule_tree(expr, x, *, partial: bool = False) -> RuleNode:
    """The rules that differentiate `expr` with respect to `x`, outermost first."""
    rule = next(r for r in RULES if r.applies(expr, x))
    parts = tuple(rule.parts(expr, x))
    children = tuple(rule_tree(part, x, partial=partial) for part in parts)
    derivative = rule.combine(expr, x, parts, [c.derivative for c in children], EVALUATED)
    placeholders = [_placeholder(part, x, partial) for part in parts]
    formula = rule.combine(expr, x, parts, placeholders, WRITTEN) if parts else derivative
    return RuleNode(rule.name, expr, formula, derivative, children)


def flatten(tree: RuleNode) -> list[RuleNode]:
    """The rule nodes in the order a student applies them: outer rule, then its parts."""
    out, stack = [], [tree]
    while stack:
        node = stack.pop()
        out.append(node)
        stack.extend(reversed(node.children))
    return out


# --- arithmetic for values and for step lines ------------------------------------------
@dataclass(frozen=True)
class Ops:
    add: Callable
    mul: Callable
    pow: Callable
    shown: Callable  # an evaluated part inside a step line: printed in the usual order


def _ops(evaluate: bool) -> Ops:
    from sympy import Add, Mul, Pow

    return Ops(lambda *a: Add(*a, evaluate=evaluate), lambda *a: Mul(*a, evaluate=evaluate),
               lambda b, e: Pow(b, e, evaluate=evaluate),
               (lambda e: e) if evaluate else lambda e: _shown_class()(e))


class _LazyOps:
    """`Ops` built on first use, so importing this module does not import SymPy."""

    def __init__(self, evaluate: bool):
        self._evaluate, self._ops = evaluate, None

    def __getattr__(self, name):
        if self._ops is None:
            self._ops = _ops(self._evaluate)
        return getattr(self._ops, name)


EVALUATED, WRITTEN = _LazyOps(True), _LazyOps(False)


def _placeholder(part, x, partial: bool):
    """`g'(x)` for an abstract g (the guide's f'(g(x)) · g'(x)), else `d/dx (part)`."""
    if _is_abstract(part, x):
        from sympy import Derivative

        return Derivative(part, x)
    return derivative_of(part, x, partial)


def derivative_of(part, x, partial: bool):
    """An unevaluated `d/dx (part)` that prints with parentheses, for step lines."""
    return _derivative_class()(part, x, partial)


@lru_cache(maxsize=None)
def _derivative_class():
    from sympy import Expr, S

    class DerivativeOf(Expr):
        r"""`\frac{d}{dx}\left(part\right)`: a derivative still to be taken."""

        is_commutative = True

        def __new__(cls, part, x, partial):
            return Expr.__new__(cls, part, x, S.true if partial else S.false)

        def _latex(self, printer):
            from ..render.latex import latex

            part, x, partial = self.args
            d = r"\partial" if partial else "d"
            return rf"\frac{{{d}}}{{{d} {latex(x)}}}\left({latex(part)}\right)"

    return DerivativeOf


@lru_cache(maxsize=None)
def _shown_class():
    from sympy import Expr
    from sympy.printing.precedence import precedence

    class Shown(Expr):
        """An evaluated expression inside a step line (`2 (x - 3)`, not `2 \\cdot (-3 + x)`)."""

        is_commutative = True

        @property
        def precedence(self):
            return precedence(self.args[0])

        def _latex(self, printer):
            from ..render.latex import latex

            return latex(self.args[0])

    return Shown


# --- the rules, in the order they are tried --------------------------------------------
def _constant_split(expr, x):
    return expr.as_independent(x, as_Add=False)


def _is_quotient(expr, x) -> bool:
    return expr.is_Mul and any(f.is_Pow and f.exp.is_negative and f.has(x) for f in expr.args)


def _quotient_parts(expr, x):
    """Numerator and denominator as written: factors with negative exponents go below."""
    from sympy import Mul, Pow

    below = [f for f in expr.args if f.is_Pow and f.exp.is_negative and f.has(x)]
    above = [f for f in expr.args if f not in below]
    return Mul(*above), Mul(*(Pow(f.base, -f.exp) for f in below))


def _quotient(expr, x, parts, d, ops):
    (n, v), (dn, dv) = parts, d
    n, v = ops.shown(n), ops.shown(v)
    top = ops.add(ops.mul(dn, v), ops.mul(-1, n, dv))
    return ops.mul(top, ops.pow(ops.pow(v, 2), -1))


def _product(expr, x, parts, d, ops):
    return ops.add(*(ops.mul(*(d[i] if j == i else ops.shown(f) for j, f in enumerate(parts)))
                     for i in range(len(parts))))


def _inner(expr, x):
    """The one argument of a function or power that depends on x, else None."""
    dependent = [a for a in expr.args if a.has(x)]
    return dependent[0] if len(dependent) == 1 else None


def _needs_chain(expr, x) -> bool:
    if not (expr.is_Function or expr.is_Pow):
        return False
    inner = _inner(expr, x)
    return inner is not None and inner != x


def _outer_derivative(expr, inner):
    """outer'(u) at u = inner, e.g. cos(x^2) for sin(x^2), 2(x - 3) for (x - 3)^2 (not
    distributed to 2x - 6, so the inner function stays visible)."""
    from sympy import Dummy, diff
    from sympy.core.parameters import distribute

    u = Dummy("u")
    outer = expr.func(*(u if a == inner else a for a in expr.args))
    with distribute(False):
        return diff(outer, u).subs(u, inner)


def _chain(expr, x, parts, d, ops):
    return ops.mul(ops.shown(_outer_derivative(expr, parts[0])), d[0])


def _table(expr, x, parts, d, ops):
    """A derivative the student knows by heart (x^n, e^x, ln x, sin x, ...)."""
    from sympy import diff

    return diff(expr, x)


def _named(names):
    return lambda e, x: e.is_Function and e.func.__name__ in names


def _is_abstract(expr, x) -> bool:
    from sympy.core.function import AppliedUndef

    return isinstance(expr, AppliedUndef)


def _no_parts(expr, x):
    return ()


def _zero(*args):
    from sympy import S

    return S.Zero


def _one(*args):
    from sympy import S

    return S.One


RULES = (
    Rule("Constant rule", lambda e, x: not e.has(x), _no_parts, _zero),
    Rule("Power rule", lambda e, x: e == x, _no_parts, _one),
    Rule("Sum rule", lambda e, x: e.is_Add, lambda e, x: e.as_ordered_terms(),
         lambda e, x, parts, d, ops: ops.add(*d)),
    Rule("Constant multiple rule",
         lambda e, x: e.is_Mul and _constant_split(e, x)[0] != 1,
         lambda e, x: (_constant_split(e, x)[1],),
         lambda e, x, parts, d, ops: ops.mul(_constant_split(e, x)[0], d[0])),
    Rule("Quotient rule", _is_quotient, _quotient_parts, _quotient),
    Rule("Product rule", lambda e, x: e.is_Mul, lambda e, x: e.args, _product),
    Rule("Chain rule", _needs_chain, lambda e, x: (_inner(e, x),), _chain),
    Rule("Power rule", lambda e, x: e.is_Pow and e.base == x and not e.exp.has(x), _no_parts,
         _table),
    Rule("Exponential rule", lambda e, x: (e.is_Pow and e.exp == x and not e.base.has(x))
         or _named({"exp"})(e, x), _no_parts, _table),
    Rule("Logarithm rule", _named({"log"}), _no_parts, _table),
    Rule("Trigonometric rule", _named(TRIG), _no_parts, _table),
    Rule("Inverse trigonometric rule", _named(INVERSE_TRIG), _no_parts, _table),
    Rule("Hyperbolic rule", _named(HYPERBOLIC), _no_parts, _table),
    Rule("Derivative of an abstract function", _is_abstract, _no_parts, _table),
    Rule("Logarithmic differentiation", lambda e, x: e.is_Pow, _no_parts, _table),
    Rule("Differentiate", lambda e, x: True, _no_parts, _table),
)
