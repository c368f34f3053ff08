"""The typed AST: frozen dataclasses, one class per meaning, each with a source span.

Spans do not take part in equality, so `parse("∇f") == parse(r"\\nabla f")`.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from typing import Optional

from ..errors import Span

frozen_node = dataclass(frozen=True, eq=False, repr=False)


@dataclass(frozen=True, eq=False, repr=False)
class Node:
    span: Optional[Span] = field(default=None, compare=False, repr=False, kw_only=True)

    # Equality, hash and repr are written once here rather than generated per class by
    # `dataclass` (48 classes × 3 generated methods cost ~10 ms of every start-up).
    def _fields(self) -> tuple:
        return tuple(value for name, value in self.__dict__.items() if name != "span")

    def __eq__(self, other):
        if type(other) is not type(self):
            return NotImplemented
        return self._fields() == other._fields()

    def __hash__(self):
        return hash((type(self).__name__, self._fields()))

    def __repr__(self):
        items = (f"{name}={value!r}" for name, value in self.__dict__.items() if name != "span")
        return f"{type(self).__name__}({', '.join(items)})"

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
@frozen_node
class Number(Node):
    value: Fraction


@frozen_node
class Name(Node):
    """A letter or named symbol: `x`, `theta`, `eigvals`, `mathcal{N}`, `mathbb{E}`."""

    name: str


@frozen_node
class String(Node):
    text: str


@frozen_node
class Infinity(Node):
    pass


@frozen_node
class Dots(Node):
    pass


# --- collections ---------------------------------------------------------------------
@frozen_node
class TupleLit(Node):
    items: tuple[Node, ...]


@frozen_node
class ListLit(Node):
    items: tuple[Node, ...]


@frozen_node
class SetLit(Node):
    items: tuple[Node, ...]


@frozen_node
class DictLit(Node):
    pairs: tuple[tuple[Node, Node], ...]


@frozen_node
class MatrixLit(Node):
    rows: tuple[tuple[Node, ...], ...]


# --- arithmetic ----------------------------------------------------------------------
@frozen_node
class Add(Node):
    left: Node
    right: Node


@frozen_node
class Sub(Node):
    left: Node
    right: Node


@frozen_node
class PlusMinus(Node):
    left: Node
    right: Node


@frozen_node
class Neg(Node):
    operand: Node


@frozen_node
class Dot(Node):
    r"""`a \cdot b`: scalar product, dot product or matrix product by operand kinds."""

    left: Node
    right: Node


@frozen_node
class Cross(Node):
    r"""`a \times b`: cross product of 3-vectors, else multiplication."""

    left: Node
    right: Node


@frozen_node
class Star(Node):
    left: Node
    right: Node


@frozen_node
class Div(Node):
    left: Node
    right: Node


@frozen_node
class Hadamard(Node):
    left: Node
    right: Node


@frozen_node
class Juxtapose(Node):
    """Factors written side by side: `2A`, `AB`, `x y`, `f(x)` is a Call instead."""

    factors: tuple[Node, ...]


@frozen_node
class Power(Node):
    base: Node
    exponent: Node


@frozen_node
class Transpose(Node):
    operand: Node


@frozen_node
class Complement(Node):
    operand: Node


@frozen_node
class Subscript(Node):
    """`A_{i,j}`, `x_1`, `\\theta_{new}`: an entry or a subscripted name, by context."""

    base: Node
    index: tuple[Node, ...]


@frozen_node
class Prime(Node):
    """`f'` (order 1), `f''` (order 2)."""

    operand: Node
    order: int


@frozen_node
class Factorial(Node):
    operand: Node


@frozen_node
class Abs(Node):
    """`|x|`: absolute value, or the determinant of a matrix."""

    operand: Node


@frozen_node
class Norm(Node):
    """`\\|v\\|_p` with p a Number, Infinity, Name('F') or None (L2)."""

    operand: Node
    p: Optional[Node] = None


@frozen_node
class Sqrt(Node):
    operand: Node
    index: Optional[Node] = None


@frozen_node
class Binomial(Node):
    n: Node
    k: Node


@frozen_node
class Accent(Node):
    """`\\hat{v}`, `\\bar{A}`, `\\tilde{x}`, `\\dot{x}`."""

    accent: str
    operand: Node


@frozen_node
class Call(Node):
    """`f(x, y)`, `E[X]`, `P(A | B)`, `\\sin x`. `split` is the index of a `;`."""

    func: Node
    args: tuple[Node, ...]
    bracket: str = "("
    split: Optional[int] = None


@frozen_node
class Given(Node):
    """`A | B` inside P(...), H(...), E[...]."""

    event: Node
    condition: Node


@frozen_node
class Parallel(Node):
    """`P \\| Q` inside D_KL(...)."""

    left: Node
    right: Node


# --- sets and logic ------------------------------------------------------------------
@frozen_node
class Union(Node):
    left: Node
    right: Node


@frozen_node
class Intersect(Node):
    left: Node
    right: Node


@frozen_node
class SetMinus(Node):
    left: Node
    right: Node


@frozen_node
class Not(Node):
    operand: Node


# --- relations and statements ----------------------------------------------------------
@frozen_node
class Relation(Node):
    """A chain `a < X <= b`: ops[i] relates operands[i] and operands[i+1].

    ops are "=", "!=", "<", ">", "<=", ">=", "in", "notin", "sim", "to", "perp",
    "approx", "subset", "equiv".
    """

    ops: tuple[str, ...]
    operands: tuple[Node, ...]


@frozen_node
class Redefine(Node):
    """`name := expr`."""

    target: Node
    value: Node


# --- calculus ------------------------------------------------------------------------
@frozen_node
class Derivative(Node):
    """d/dx, ∂/∂x (partial=True); `variables` repeats a variable for higher order;
    `leibniz` when the target is written in the numerator (`\\frac{dy}{dx}`, `∂f/∂x`)."""

    expr: Node
    variables: tuple[Node, ...]
    partial: bool = False
    leibniz: bool = False


@frozen_node
class EvaluatedAt(Node):
    """`\\left. expr \\right|_{x=2}`, `expr \\Big|_{x=1, y=2}`: expr at the point."""

    expr: Node
    point: tuple[tuple[Node, Node], ...]


@frozen_node
class Gradient(Node):
    """`\\nabla f`, `\\nabla_{x} f`, `\\nabla f(1, 2)`."""

    expr: Node
    wrt: Optional[Node] = None


@frozen_node
class Hessian(Node):
    """`\\nabla^2 f`, `\\nabla^2_{\\mathbf{x}} f`."""

    expr: Node
    wrt: Optional[Node] = None


@frozen_node
class BigOp(Node):
    """`\\sum_{i=1}^{n} body` (op "sum") or `\\prod` (op "prod")."""

    op: str
    body: Node
    lower: Optional[Node] = None
    upper: Optional[Node] = None


@frozen_node
class Integral(Node):
    body: Node
    variable: Node
    lower: Optional[Node] = None
    upper: Optional[Node] = None


@frozen_node
class Limit(Node):
    """`\\lim_{x \\to a} body`; `direction` "+" for `a^+`, "-" for `a^-`, else "+-"."""

    body: Node
    variable: Node
    point: Node
    direction: str = "+-"


@frozen_node
class ArgOpt(Node):
    """`\\operatorname*{arg\\,max}_{\\theta} body` (op "argmax" or "argmin")."""

    op: str
    variable: Node
    body: Node


# --- standard notation read from papers and notes ---------------------------------------
@frozen_node
class Mod(Node):
    """`a \\bmod b`, `a \\mod b`, `a \\pmod{b}`: the remainder."""

    left: Node
    right: Node


@frozen_node
class Congruence(Node):
    """`a \\equiv b \\pmod{n}`: a check that n divides a - b."""

    left: Node
    right: Node
    modulus: Node


@frozen_node
class Interval(Node):
    """`(a, b]`, `[a, b)`: a half-open interval of the reals."""

    start: Node
    end: Node
    left_open: bool
    right_open: bool


@frozen_node
class Piecewise(Node):
    """`\\begin{cases} v & \\text{if } c \\\\ w & \\text{otherwise} \\end{cases}`; a piece's
    condition is None for "otherwise"."""

    pieces: tuple[tuple[Node, Optional[Node]], ...]


@frozen_node
class Adjoint(Node):
    """`A^H`, `A^\\dagger`, `A^*`: the conjugate transpose (of a scalar, its conjugate);
    `starred` for `^*`, which of an undefined name is the name `w^*` (an optimum)."""

    operand: Node
    starred: bool = False


@frozen_node
class Signature(Node):
    """`f: \\mathbb{R}^n \\to \\mathbb{R}`: declares the function f with its domain and codomain."""

    name: Node
    domain: Node
    codomain: Node


@frozen_node
class ImaginaryLetter(Node):
    """`i` (or `j`) in a formula with complex numbers (`3 + 4i`, `e^{i\\pi}`): the imaginary
    unit, unless the letter is defined."""

    letter: str


@frozen_node
class GenericMatrix(Node):
    """`\\begin{bmatrix} a_{11} & \\cdots & a_{1n} \\\\ \\vdots & \\ddots & \\vdots \\\\ a_{m1} &
    \\cdots & a_{mn} \\end{bmatrix}`: the m×n matrix of entries a_{i,j} (a vector for one
    row or column)."""

    name: str
    rows: Node
    cols: Node
