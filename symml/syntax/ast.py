"""The typed AST: frozen dataclasses, one class per meaning, each with a source span.

Spans do not take part in equality, so `parse("∇f") == parse(r"\\nabla f")`.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from typing import Optional

from ..errors import Span


@dataclass(frozen=True)
class Node:
    span: Optional[Span] = field(default=None, compare=False, repr=False, kw_only=True)

    def children(self) -> tuple["Node", ...]:
        """Direct child nodes, in source order (for generic walks)."""
        out = []
        for value in self.__dict__.values():
            if isinstance(value, Node):
                out.append(value)
            elif isinstance(value, tuple):
                for item in value:
                    if isinstance(item, Node):
                        out.append(item)
                    elif isinstance(item, tuple):
                        out.extend(x for x in item if isinstance(x, Node))
        return tuple(out)


# --- atoms ---------------------------------------------------------------------------
@dataclass(frozen=True)
class Number(Node):
    value: Fraction


@dataclass(frozen=True)
class Name(Node):
    """A letter or named symbol: `x`, `theta`, `eigvals`, `mathcal{N}`, `mathbb{E}`."""

    name: str


@dataclass(frozen=True)
class String(Node):
    text: str


@dataclass(frozen=True)
class Infinity(Node):
    pass


@dataclass(frozen=True)
class Dots(Node):
    pass


# --- collections ---------------------------------------------------------------------
@dataclass(frozen=True)
class TupleLit(Node):
    items: tuple[Node, ...]


@dataclass(frozen=True)
class ListLit(Node):
    items: tuple[Node, ...]


@dataclass(frozen=True)
class SetLit(Node):
    items: tuple[Node, ...]


@dataclass(frozen=True)
class DictLit(Node):
    pairs: tuple[tuple[Node, Node], ...]


@dataclass(frozen=True)
class MatrixLit(Node):
    rows: tuple[tuple[Node, ...], ...]


# --- arithmetic ----------------------------------------------------------------------
@dataclass(frozen=True)
class Add(Node):
    left: Node
    right: Node


@dataclass(frozen=True)
class Sub(Node):
    left: Node
    right: Node


@dataclass(frozen=True)
class PlusMinus(Node):
    left: Node
    right: Node


@dataclass(frozen=True)
class Neg(Node):
    operand: Node


@dataclass(frozen=True)
class Dot(Node):
    r"""`a \cdot b`: scalar product, dot product or matrix product by operand kinds."""

    left: Node
    right: Node


@dataclass(frozen=True)
class Cross(Node):
    r"""`a \times b`: cross product of 3-vectors, else multiplication."""

    left: Node
    right: Node


@dataclass(frozen=True)
class Star(Node):
    left: Node
    right: Node


@dataclass(frozen=True)
class Div(Node):
    left: Node
    right: Node


@dataclass(frozen=True)
class Hadamard(Node):
    left: Node
    right: Node


@dataclass(frozen=True)
class Juxtapose(Node):
    """Factors written side by side: `2A`, `AB`, `x y`, `f(x)` is a Call instead."""

    factors: tuple[Node, ...]


@dataclass(frozen=True)
class Power(Node):
    base: Node
    exponent: Node


@dataclass(frozen=True)
class Transpose(Node):
    operand: Node


@dataclass(frozen=True)
class Complement(Node):
    operand: Node


@dataclass(frozen=True)
class Subscript(Node):
    """`A_{i,j}`, `x_1`, `\\theta_{new}`: an entry or a subscripted name, by context."""

    base: Node
    index: tuple[Node, ...]


@dataclass(frozen=True)
class Prime(Node):
    """`f'` (order 1), `f''` (order 2)."""

    operand: Node
    order: int


@dataclass(frozen=True)
class Factorial(Node):
    operand: Node


@dataclass(frozen=True)
class Abs(Node):
    """`|x|`: absolute value, or the determinant of a matrix."""

    operand: Node


@dataclass(frozen=True)
class Norm(Node):
    """`\\|v\\|_p` with p a Number, Infinity, Name('F') or None (L2)."""

    operand: Node
    p: Optional[Node] = None


@dataclass(frozen=True)
class Sqrt(Node):
    operand: Node
    index: Optional[Node] = None


@dataclass(frozen=True)
class Binomial(Node):
    n: Node
    k: Node


@dataclass(frozen=True)
class Accent(Node):
    """`\\hat{v}`, `\\bar{A}`, `\\tilde{x}`, `\\dot{x}`."""

    accent: str
    operand: Node


@dataclass(frozen=True)
class Call(Node):
    """`f(x, y)`, `E[X]`, `P(A | B)`, `\\sin x`. `split` is the index of a `;`."""

    func: Node
    args: tuple[Node, ...]
    bracket: str = "("
    split: Optional[int] = None


@dataclass(frozen=True)
class Given(Node):
    """`A | B` inside P(...), H(...), E[...]."""

    event: Node
    condition: Node


@dataclass(frozen=True)
class Parallel(Node):
    """`P \\| Q` inside D_KL(...)."""

    left: Node
    right: Node


# --- sets and logic ------------------------------------------------------------------
@dataclass(frozen=True)
class Union(Node):
    left: Node
    right: Node


@dataclass(frozen=True)
class Intersect(Node):
    left: Node
    right: Node


@dataclass(frozen=True)
class SetMinus(Node):
    left: Node
    right: Node


@dataclass(frozen=True)
class Not(Node):
    operand: Node


# --- relations and statements ----------------------------------------------------------
@dataclass(frozen=True)
class Relation(Node):
    """A chain `a < X <= b`: ops[i] relates operands[i] and operands[i+1].

    ops are "=", "!=", "<", ">", "<=", ">=", "in", "notin", "sim", "to", "perp",
    "approx", "subset", "equiv".
    """

    ops: tuple[str, ...]
    operands: tuple[Node, ...]


@dataclass(frozen=True)
class Redefine(Node):
    """`name := expr`."""

    target: Node
    value: Node


# --- calculus ------------------------------------------------------------------------
@dataclass(frozen=True)
class Derivative(Node):
    """d/dx, ∂/∂x (partial=True); `variables` repeats a variable for higher order."""

    expr: Node
    variables: tuple[Node, ...]
    partial: bool = False


@dataclass(frozen=True)
class Gradient(Node):
    """`\\nabla f`, `\\nabla_{x} f`, `\\nabla f(1, 2)`."""

    expr: Node
    wrt: Optional[Node] = None


@dataclass(frozen=True)
class Hessian(Node):
    """`\\nabla^2 f`."""

    expr: Node


@dataclass(frozen=True)
class BigOp(Node):
    """`\\sum_{i=1}^{n} body` (op "sum") or `\\prod` (op "prod")."""

    op: str
    body: Node
    lower: Optional[Node] = None
    upper: Optional[Node] = None


@dataclass(frozen=True)
class Integral(Node):
    body: Node
    variable: Node
    lower: Optional[Node] = None
    upper: Optional[Node] = None


@dataclass(frozen=True)
class Limit(Node):
    body: Node
    variable: Node
    point: Node


@dataclass(frozen=True)
class ArgOpt(Node):
    """`\\operatorname*{arg\\,max}_{\\theta} body` (op "argmax" or "argmin")."""

    op: str
    variable: Node
    body: Node
