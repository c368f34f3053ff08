r"""The `--given` statements: assumptions on symbols (`a > 0`, `a, b > 0`, `0 < p < 1`,
`n \in \mathbb{Z}`) become SymPy assumptions and sampling bounds; every other statement
(definitions, declarations, facts) runs in the workspace, in order."""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Optional

from ..errors import SymmlError
from ..syntax import ast

FLIPPED = {"<": ">", ">": "<", "<=": ">=", ">=": "<=", "!=": "!="}
# \mathbb{X} → the SymPy assumptions of its elements, and the words for a reason
NUMBER_SETS = {"mathbb{Z}": ({"integer": True}, "an integer"),
               "mathbb{N}": ({"integer": True, "nonnegative": True}, "a natural number"),
               "mathbb{Q}": ({"rational": True}, "rational"),
               "mathbb{C}": ({"complex": True}, "complex")}


@dataclass(frozen=True)
class Bounds:
    """What the givens say about one scalar symbol."""

    lower: Optional[object] = None
    lower_strict: bool = False
    upper: Optional[object] = None
    upper_strict: bool = False
    nonzero: bool = False
    flags: tuple = ()  # extra SymPy assumptions, e.g. (("integer", True),)

    def with_relation(self, op: str, bound) -> "Bounds":
        if op in (">", ">="):
            if self.lower is None or bound >= self.lower:
                return replace(self, lower=bound, lower_strict=op == ">")
            return self
        if op in ("<", "<="):
            if self.upper is None or bound <= self.upper:
                return replace(self, upper=bound, upper_strict=op == "<")
            return self
        if op == "!=" and bound == 0:
            return replace(self, nonzero=True)
        raise SymmlError(f"`\\neq {bound}` cannot be used as an assumption; only `\\neq 0` can")

    def assumptions(self) -> dict:
        """SymPy assumptions implied by the bounds (weaker is safe: never claims more)."""
        flags = dict(self.flags)
        if self.lower is not None or self.upper is not None:
            flags["real"] = True
        if self.lower is not None and (self.lower > 0 or (self.lower == 0 and self.lower_strict)):
            flags["positive"] = True
        elif self.lower is not None and self.lower >= 0:
            flags["nonnegative"] = True
        if self.upper is not None and (self.upper < 0 or (self.upper == 0 and self.upper_strict)):
            flags["negative"] = True
        elif self.upper is not None and self.upper <= 0:
            flags["nonpositive"] = True
        if self.nonzero:
            flags["nonzero"] = True
        return flags

    def allows(self, value) -> bool:
        if self.nonzero and value == 0:
            return False
        if self.lower is not None and (value < self.lower or (self.lower_strict
                                                               and value == self.lower)):
            return False
        if self.upper is not None and (value > self.upper or (self.upper_strict
                                                               and value == self.upper)):
            return False
        return True


@dataclass
class Givens:
    """Bounds by symbol name, and the statements (in order) that are not assumptions."""

    bounds: dict
    statements: list


def split_givens(texts, workspace) -> Givens:
    """Parse each given; keep assumptions aside, the rest for the workspace."""
    from ..evaluators import load_chapters
    from ..syntax.parser import parse

    load_chapters()
    bounds: dict[str, Bounds] = {}
    statements = []
    for text in texts:
        try:
            node = parse(text)
            found = _assumption(node, workspace)
        except SymmlError as error:
            raise error.locate(text)
        if found is None:
            statements.append(text)
            continue
        for name, apply in found:
            bounds[name] = apply(bounds.get(name, Bounds()))
    return Givens(bounds, statements)


def _assumption(node, workspace):
    """[(name, Bounds → Bounds)] if `node` is an assumption, else None."""
    if not isinstance(node, ast.Relation):
        return None
    if node.ops == ("in",):
        return _membership(node, workspace)
    if not all(op in FLIPPED for op in node.ops):
        return None
    changes = []
    for op, left, right in zip(node.ops, node.operands, node.operands[1:]):
        names, bound = _names(left, workspace), _constant(right, workspace)
        if names is None or bound is None:
            names, bound, op = _names(right, workspace), _constant(left, workspace), FLIPPED[op]
        if names is None or bound is None:
            return None
        changes += [(name, lambda b, op=op, bound=bound: b.with_relation(op, bound))
                    for name in names]
    return changes


def _membership(node, workspace):
    left, right = node.operands
    if not isinstance(right, ast.Name) or right.name not in NUMBER_SETS:
        return None
    names = _names(left, workspace)
    if names is None:
        return None
    flags = tuple(NUMBER_SETS[right.name][0].items())
    return [(name, lambda b: replace(b, flags=b.flags + flags)) for name in names]


def _names(node, workspace):
    from ..evaluators.registry import Context
    from ..evaluators.statements import target_name

    items = node.items if isinstance(node, ast.TupleLit) else (node,)
    ctx = Context(workspace, False)
    names = [target_name(item, ctx) for item in items]
    if None in names or any(workspace.lookup(name) is not None for name in names):
        return None
    return names


def _constant(node, workspace):
    """The value of `node` if it is a real constant (0, 1, \\frac{1}{2}, \\pi), else None."""
    from ..evaluators.registry import Context

    if isinstance(node, (ast.Name, ast.TupleLit)) and not _is_constant_name(node):
        return None
    try:
        value = Context(workspace, False).value_of(node)
    except SymmlError:
        return None
    if getattr(value, "is_number", False) and value.is_real:
        return value
    return None


def _is_constant_name(node) -> bool:
    return isinstance(node, ast.Name) and node.name in ("pi", "e")


def apply_givens(texts, workspace) -> Givens:
    """Give SymPy the assumptions, then run the other statements; the first error raises."""
    givens = split_givens(texts, workspace)
    _assume(givens, workspace)
    for text in givens.statements:
        result = workspace.run(text, steps=False)
        if result.error is not None:
            raise result.error
    _assume(givens, workspace)  # again: a declaration `x \in \mathbb{R}` replaced the symbol
    return givens


def _assume(givens: Givens, workspace) -> None:
    for name, bound in givens.bounds.items():
        flags = bound.assumptions()
        if flags:
            workspace.symbol(name, **flags)
