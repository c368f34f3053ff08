"""Step notation of calculus and linear algebra that SymPy has no object for, as small SymPy
objects (their args are SymPy objects) printing the guide's LaTeX and its Unicode twin:

| object | LaTeX | terminal |
|---|---|---|
| `Leibniz(f, x)`, `Leibniz(f, x, partial=True)` | `\\frac{df}{dx}`, `\\frac{\\partial f}{\\partial x}` | `df/dx` as a fraction |
| `Nabla(f)`, `Nabla(f, 2)` | `\\nabla f`, `\\nabla^2 f` | `∇f`, `∇²f` |
| `Labelled(H, f)`, `Labelled(J, MatrixSymbol("f", 2, 1))`, `Labelled(A, i, j)` | `H_{f}`, `J_{\\mathbf{f}}`, `A_{i,j}` | `H_f` |
| `Applied(Labelled(H, f), 1, 2)` | `H_{f}\\left(1, 2\\right)` | `H_f(1, 2)` |
| `Primed(f, 2, x)`, `Primed(FunctionName("tanh"), 1, 0)` | `f''\\left(x\\right)`, `\\tanh'\\left(0\\right)` | `f''(x)` |
| `PlusC(F)` | `F + C` | `F + C` |
| `Between(F, a, b)` | `\\left[F\\right]_{a}^{b}` | `[F]` with b above a |
| `Written("cdot", a, b)` | `a \\cdot b`, each negative or sum operand in parentheses | `a⋅b` |
| `Written("()", a, b)` | `\\left(a\\right)\\left(b\\right)`: every operand in parentheses | `(a)(b)` |
| `Over(a, b)` | `\\frac{a}{b}`, b's terms in the order given | a over b |
| `Span(v, w)` | `\\operatorname{span}\\left\\{v, w\\right\\}` | `span{v, w}` |
| `Implies(p, q)` | `p \\Rightarrow q` | `p ⇒ q` |
| `Det(M)`, `Det(Written("-", M, λI))` | `\\det M`, `\\det\\left(M - \\lambda I\\right)` | `det(M)` |
| `SumOver(body, i, j)`, `Dots()` | `\\sum_{i, j} body`, `\\ldots` | `∑_i,j body`, `…` |
| `Quoted("i,i->")` | the text in `\\text{}` quotes, never run | `“i,i->”` |
| `Eigendecomposition(P, D)` (also the value of eig) | `P = [..],\\ D = [..]` | `P = [..],  D = [..]` |

SymPy's own unevaluated objects (`Integral`, `Limit`, `Subs`, `Contains`, `Eq`, ...) are
used wherever they exist; this module only fills the gaps.
"""
from __future__ import annotations

import re

from sympy import Expr, S, Set, Tuple
from sympy.core.symbol import Str
from sympy.printing.pretty.stringpict import prettyForm, stringPict

QUOTABLE = re.compile(r"[A-Za-z0-9 ,.\->]*")

# operator name → (LaTeX, Unicode) written between the operands of `Written`; "" joins bold
# names (`\mathbf{A}\mathbf{B}`), " " other factors, "," a list, "()" factors each in
# parentheses (one operand: the operand in parentheses)
OPERATORS = {"+": (" + ", " + "), "-": (" - ", " - "), "cdot": (r" \cdot ", "⋅"),
             "times": (r" \times ", "×"), "odot": (r" \odot ", "⊙"), "": ("", ""),
             " ": (" ", " "), ",": (", ", ", "), "()": ("", "")}


def _latex(value) -> str:
    """A value as symml writes it everywhere (the textbook printer's default settings)."""
    from ..render.latex import latex

    return latex(value)


def _subscript(printer, items) -> str:
    """`ᵢ,ⱼ` when every character has a Unicode subscript, else `_i,j`."""
    from ..render.unicode import SUBSCRIPT

    text = ",".join(printer.doprint(item) for item in items)
    if all(char in SUBSCRIPT or char == "," for char in text):
        return "".join(SUBSCRIPT.get(char, char) for char in text)
    return "_" + text


def _comma_pretty(printer, items) -> prettyForm:
    return printer._print_seq(items, "(", ")")


class Leibniz(Expr):
    r"""`\frac{df}{dx}` (a derivative named by its function), or with ∂ when partial."""

    is_commutative = True

    def __new__(cls, function, variable, partial=False):
        return Expr.__new__(cls, function, variable, S.true if partial else S.false)

    @property
    def d(self) -> tuple[str, str]:
        return (r"\partial ", "∂") if self.args[2] else ("d", "d")

    def _latex(self, printer):
        function, variable, _ = self.args
        d = self.d[0]
        return rf"\frac{{{d}{_latex(function)}}}{{{d}{_latex(variable)}}}"

    def _pretty(self, printer):
        function, variable, _ = self.args
        d = self.d[1]
        top = prettyForm(*printer._print(function).left(d))
        return top / prettyForm(*printer._print(variable).left(d))


class Nabla(Expr):
    r"""`\nabla f`: the gradient of a function named f; `\nabla^2 f` (order 2) its Hessian."""

    is_commutative = True

    def __new__(cls, function, order=1):
        return Expr.__new__(cls, function, S(order))

    def _latex(self, printer):
        function, order = self.args
        power = "" if order == 1 else f"^{order}"
        return rf"\nabla{power} {_latex(function)}"

    def _pretty(self, printer):
        function, order = self.args
        return prettyForm(*printer._print(function).left("∇" if order == 1 else "∇²"))


class Labelled(Expr):
    r"""`H_{f}`, `J_{\mathbf{f}}`: a letter naming an operator, subscripted by its function;
    `A_{i,j}`: an entry at index labels (SymPy's `Indexed` braces the base: `{A}_{i,j}`)."""

    is_commutative = True

    def _latex(self, printer):
        head, *indices = self.args
        return rf"{_latex(head)}_{{{','.join(_latex(i) for i in indices)}}}"

    def _pretty(self, printer):
        head, *indices = self.args
        return prettyForm(*printer._print(head).right(_subscript(printer, indices)))


class Applied(Expr):
    r"""`head\left(a, b\right)`: a named operator (`H_{f}`, `\nabla f`) at a point."""

    is_commutative = True

    def _latex(self, printer):
        head, *point = self.args
        return _latex(head) + r"\left(" + ", ".join(_latex(p) for p in point) + r"\right)"

    def _pretty(self, printer):
        head, *point = self.args
        return prettyForm(*printer._print(head).right(_comma_pretty(printer, point)))


class PlusC(Expr):
    """An antiderivative `F + C`, C the constant of integration."""

    is_commutative = True

    def _latex(self, printer):
        return _latex(self.args[0]) + " + C"

    def _pretty(self, printer):
        return prettyForm(*printer._print(self.args[0]).right(" + C"))


class Between(Expr):
    r"""`\left[F\right]_{a}^{b}`: F(b) − F(a) still to be taken."""

    is_commutative = True

    def _latex(self, printer):
        antiderivative, lower, upper = self.args
        return rf"\left[{_latex(antiderivative)}\right]_{{{_latex(lower)}}}^{{{_latex(upper)}}}"

    def _pretty(self, printer):
        antiderivative, lower, upper = self.args
        bracketed = prettyForm(*printer._print(antiderivative).parens("[", "]"))
        limits = stringPict(*stringPict.stack(printer._print(upper), printer._print(lower)))
        return prettyForm(*bracketed.right(limits))


class Written(Expr):
    r"""Operands joined by an operator exactly as written (`0 - \frac{1}{10} \cdot (-6)`,
    `\mathbf{a} \cdot \mathbf{b}`): a sum or a negative operand is put in parentheses."""

    is_commutative = True

    def __new__(cls, operator: str, *operands):
        return Expr.__new__(cls, Str(operator), *operands)

    def _latex(self, printer):
        operator, *operands = self.args
        return OPERATORS[operator.name][0].join(_operand_latex(o, operator.name)
                                                for o in operands)

    def _pretty(self, printer):
        operator, *operands = self.args
        out = None
        for operand in operands:
            picture = printer._print(operand)
            if _needs_parentheses(operand, printer.doprint(operand), operator.name):
                picture = prettyForm(*picture.parens())
            out = picture if out is None else prettyForm(
                *out.right(OPERATORS[operator.name][1], picture))
        return out


def _needs_parentheses(operand, text: str, operator: str) -> bool:
    return operator == "()" or not isinstance(operand, Written) and (
        getattr(operand, "is_Add", False) or text.lstrip().startswith("-"))


def _operand_latex(operand, operator: str) -> str:
    text = _latex(operand)
    return rf"\left({text}\right)" if _needs_parentheses(operand, text, operator) else text


class Over(Expr):
    r"""`\frac{a}{b}` as written (a matrix over its norm, `\frac{\frac{8}{3}}{\frac{8}{3} +
    \frac{2}{3}}`), the denominator's terms in the order given."""

    is_commutative = True

    def _latex(self, printer):
        from ..render.latex import latex

        numerator, denominator = self.args
        return rf"\frac{{{_latex(numerator)}}}{{{latex(denominator, as_written=True)}}}"

    def _pretty(self, printer):
        numerator, denominator = self.args
        below = printer._print_Add(denominator, order="none") if denominator.is_Add \
            else printer._print(denominator)
        return printer._print(numerator) / below


class Span(Set):
    r"""`\operatorname{span}\left\{v_1, v_2\right\}`: the vectors' linear span."""

    def _latex(self, printer):
        return (r"\operatorname{span}\left\{" + ", ".join(_latex(v) for v in self.args)
                + r"\right\}")

    def _pretty(self, printer):
        return prettyForm(*printer._print_seq(self.args, "{", "}").left("span"))


class Implies(Expr):
    r"""`a \Rightarrow b` between two statements (SymPy's `Implies` wants truth values and
    puts each side in parentheses)."""

    is_commutative = True

    def _latex(self, printer):
        return r" \Rightarrow ".join(_latex(side) for side in self.args)

    def _pretty(self, printer):
        before, after = (printer._print(side) for side in self.args)
        return prettyForm(*before.right(" ⇒ ", after))


class Det(Expr):
    r"""`\det \begin{bmatrix}..\end{bmatrix}` of a matrix, `\det\left(A - \lambda I\right)` of
    a written difference (SymPy's `Determinant` wants a matrix and writes bars)."""

    is_commutative = True

    def _latex(self, printer):
        (arg,) = self.args
        text = _latex(arg)
        return rf"\det\left({text}\right)" if isinstance(arg, Written) else rf"\det {text}"

    def _pretty(self, printer):
        return prettyForm(*prettyForm(*printer._print(self.args[0]).parens()).left("det"))


class Eigendecomposition(Tuple):
    r"""The pair (P, D) of A = P D P⁻¹, written `P = \begin{bmatrix}..\end{bmatrix},\ D = ..`
    (not a Python pair); it unpacks as `p, d = value`."""

    def _latex(self, printer):
        p, d = self.args
        return rf"P = {_latex(p)},\ D = {_latex(d)}"

    def _pretty(self, printer):
        p, d = (printer._print(m) for m in self.args)
        return prettyForm(*prettyForm("P = ").right(p, ",  D = ", d))


class SumOver(Expr):
    r"""`\sum_{i, j} body`: a sum over index labels with no written bounds (einsum)."""

    is_commutative = True

    def _latex(self, printer):
        body, *labels = self.args
        return r"\sum_{%s} %s" % (", ".join(_latex(i) for i in labels), _latex(body))

    def _pretty(self, printer):
        body, *labels = self.args
        return prettyForm(*printer._print(body).left(f"∑{_subscript(printer, labels)} "))


class Dots(Expr):
    r"""`\ldots`: the broadcast axes of an einsum label list."""

    is_commutative = True

    def _latex(self, printer):
        return r"\ldots"

    def _pretty(self, printer):
        return prettyForm("…")


class Quoted(Expr):
    """A short spec shown as typed, in quotes (`“i,i->”`): letters, digits and `,.->` only,
    so it cannot run a command."""

    is_commutative = True

    def __new__(cls, text: str):
        if not QUOTABLE.fullmatch(text):
            raise ValueError(f"not quotable as LaTeX text: {text!r}")
        return Expr.__new__(cls, Str(text))

    def _latex(self, printer):
        return r"\text{``%s''}" % self.args[0].name

    def _pretty(self, printer):
        return prettyForm(f"“{self.args[0].name}”")


class FunctionName(Expr):
    r"""A built-in function's name as a step writes it: `\tanh`, `\sigma`,
    `\operatorname{ReLU}`."""

    is_commutative = True

    def __new__(cls, name: str):
        return Expr.__new__(cls, Str(name))

    def _latex(self, printer):
        from sympy.printing.latex import accepted_latex_functions

        from ..render.latex import symbol_latex

        name = self.args[0].name
        if name in accepted_latex_functions or name == "exp":
            return "\\" + name
        written = symbol_latex(name)
        return written if written.startswith("\\") else rf"\operatorname{{{name}}}"

    def _pretty(self, printer):
        from sympy import Symbol

        return printer._print(Symbol(self.args[0].name))


class Primed(Expr):
    r"""`f''\left(x\right)`: a function's n-th derivative by primes, at a point."""

    is_commutative = True

    def __new__(cls, function, order, point):
        return Expr.__new__(cls, function, S(order), point)

    def at(self, point) -> "Primed":
        function, order, _ = self.args
        return Primed(function, order, point)

    def _latex(self, printer):
        function, order, point = self.args
        return rf"{_latex(function)}{chr(39) * int(order)}\left({_latex(point)}\right)"

    def _pretty(self, printer):
        function, order, point = self.args
        primed = prettyForm(*printer._print(function).right(chr(39) * int(order)))
        return prettyForm(*primed.right(prettyForm(*printer._print(point).parens())))
