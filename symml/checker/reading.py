r"""What an answer says: a value, the solutions of an equation or inequality in one
unknown (`x^2 = 4`, `x = \pm 2`, `0 < x \le 1`, `x \in \{1, 2\}`), or an equation in
several unknowns (`y = 2x + 1`). Nothing read here defines a name."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Optional

from ..errors import LimitExceeded, SymmlError
from ..syntax import ast
from .plusminus import has_plus_minus, sign_choices

INEQUALITIES = {"<", ">", "<=", ">="}


@dataclass(frozen=True)
class Reading:
    """`kind` is "value", "assignment" (`x = 2`: the value 2, named x), "solutions" (a set
    of values of `variable`) or "equation" (`value = 0` in the unknowns `variables`)."""

    kind: str
    value: Any
    variables: tuple = ()
    text: str = ""

    @property
    def variable(self):
        return self.variables[0] if self.variables else None


def read(text: str, workspace) -> Reading:
    """Parse and evaluate `text` in `workspace`; errors are raised, located in `text`."""
    from ..limits import time_limit
    from ..syntax.parser import parse

    try:
        with time_limit(workspace.timeout):
            return _read(parse(text), text, workspace)
    except SymmlError as error:
        raise error.locate(text)
    except RecursionError:
        raise LimitExceeded("the expression is nested too deeply to evaluate").locate(text)
    except Exception as error:  # noqa: BLE001 - a SymPy failure deep inside
        raise SymmlError(f"could not compute this: {type(error).__name__}: {error}"
                         ).locate(text) from None


def _read(node, text: str, workspace) -> Reading:
    if isinstance(node, ast.Redefine):
        raise SymmlError("a definition (:=) is not an answer; give it with --given", node.span)
    if isinstance(node, ast.Relation) and len(node.ops) >= 1:
        reading = _relation(node, text, workspace)
        if reading is not None:
            return reading
    if has_plus_minus(node):
        return Reading("value", _value(node, workspace), text=text)
    result = workspace.run(text, steps=False)
    if result.error is not None:
        raise result.error
    if result.kind == "declaration":
        raise SymmlError("a declaration is not an answer; give it with --given", node.span)
    return Reading("value", result.value, text=text)


def _relation(node, text, workspace) -> Optional[Reading]:
    if node.ops == ("=",):
        return _assignment(node, text, workspace) or _equation(node, text, workspace)
    if node.ops == ("in",):
        return _membership(node, text, workspace)
    if set(node.ops) <= INEQUALITIES:
        return _inequality(node, text, workspace)
    return None


def _value(node, workspace):
    r"""The value of `node`; with `\pm` in it, the set of its values."""
    from sympy import FiniteSet

    from ..evaluators.registry import Context

    if not has_plus_minus(node):
        return Context(workspace, False).value_of(node)
    values = [Context(workspace, False).value_of(choice) for choice in sign_choices(node)]
    return FiniteSet(*values)


def _unknown_name(node, workspace) -> Optional[str]:
    """The name of `node` if it is a name with no value (a symbol to solve for)."""
    from ..evaluators.registry import Context
    from ..evaluators.statements import target_name

    if not isinstance(node, (ast.Name, ast.Subscript, ast.Accent)):
        return None
    name = target_name(node, Context(workspace, False))
    if name is None or workspace.lookup(name) is not None:
        return None
    return name


def _assignment(node, text, workspace) -> Optional[Reading]:
    """`x = 2`, `x = \\pm 2`, `\\mathbf{w} = ...`: the value of x, when the right side does
    not mention x."""
    from ..syntax.mentions import mentions

    lhs, rhs = node.operands
    name = _unknown_name(lhs, workspace)
    if name is None or mentions(rhs, name):
        return None
    value = _value(rhs, workspace)
    return Reading("assignment", value, (workspace.symbol(name),), text)


def _equation(node, text, workspace) -> Optional[Reading]:
    import sympy

    from ..semantics.kinds import is_scalar

    lhs, rhs = (_value(operand, workspace) for operand in node.operands)
    if not (is_scalar(lhs) and is_scalar(rhs)):
        return None
    difference = lhs - rhs
    unknowns = sorted(difference.free_symbols - workspace.known_symbols(), key=str)
    if not unknowns:
        return None
    if len(unknowns) > 1:
        return Reading("equation", difference, tuple(unknowns), text)
    x = unknowns[0]
    domain = sympy.S.Reals if x.is_real else sympy.S.Complexes
    return Reading("solutions", sympy.solveset(difference, x, domain), (x,), text)


def _membership(node, text, workspace) -> Optional[Reading]:
    from sympy import Set

    lhs, rhs = node.operands
    name = _unknown_name(lhs, workspace)
    if name is None:
        return None
    value = _value(rhs, workspace)
    if not isinstance(value, Set):
        return None
    return Reading("solutions", value, (workspace.symbol(name),), text)


def _inequality(node, text, workspace) -> Optional[Reading]:
    """`0 < x \\le 1` with one unknown: the set of real x that satisfy it."""
    import sympy
    from sympy.solvers.inequalities import solve_univariate_inequality

    from ..semantics.kinds import is_scalar

    values = [_value(operand, workspace) for operand in node.operands]
    if not all(is_scalar(v) for v in values):
        return None
    unknowns = set().union(*(v.free_symbols for v in values)) - workspace.known_symbols()
    if len(unknowns) != 1:
        return None
    x = unknowns.pop()
    relations = {"<": sympy.Lt, ">": sympy.Gt, "<=": sympy.Le, ">=": sympy.Ge}
    real = sympy.Dummy(x.name, real=True)
    solutions = sympy.S.Reals
    for op, left, right in zip(node.ops, values, values[1:]):
        relation = relations[op](left.xreplace({x: real}), right.xreplace({x: real}))
        solutions &= solve_univariate_inequality(relation, real, relational=False)
    return Reading("solutions", solutions, (x,), text)
