"""Values → LaTeX in the guide's style: bmatrix, ^\\top, bold names for vectors/matrices."""
from __future__ import annotations

import re
from functools import lru_cache

from ..semantics.kinds import AbstractFunction, BuiltinFunction, Text, UserFunction

GREEK = {"alpha", "beta", "gamma", "delta", "epsilon", "varepsilon", "zeta", "eta", "theta",
         "vartheta", "iota", "kappa", "lambda", "mu", "nu", "xi", "pi", "rho", "sigma", "tau",
         "upsilon", "phi", "varphi", "chi", "psi", "omega", "Gamma", "Delta", "Theta",
         "Lambda", "Xi", "Pi", "Sigma", "Upsilon", "Phi", "Psi", "Omega", "ell"}


LARGE_SUM = 200  # beyond this many terms, SymPy's lexicographic ordering is quadratic


@lru_cache(maxsize=4)
def _printer(order: str, written: bool = False):
    from sympy.printing.latex import LatexPrinter

    class SymmlLatexPrinter(LatexPrinter):
        """SymPy's LaTeX printer with the guide's conventions."""

        def _print_Transpose(self, expr):
            return r"%s^\top" % self.parenthesize_super(self._print(expr.arg))

        def _print_Derivative(self, expr):
            """`g'(x)` for an abstract function of one variable, as the guide writes it."""
            primed = self._primed(expr.expr, expr.variable_count, expr.expr.args[:1])
            return primed if primed else super()._print_Derivative(expr)

        def _print_Subs(self, expr):
            """`f'(g(x))` for the derivative of f evaluated at g(x)."""
            inner = expr.expr
            if getattr(inner, "is_Derivative", False) and len(expr.point) == 1:
                primed = self._primed(inner.expr, inner.variable_count, expr.point)
                if primed:
                    return primed
            return super()._print_Subs(expr)

        def _primed(self, function, variable_count, point):
            from sympy.core.function import AppliedUndef

            if not (isinstance(function, AppliedUndef) and len(function.args) == 1
                    and len(variable_count) == 1):
                return None
            variable, order = variable_count[0]
            if function.args[0] != variable or not 1 <= order <= 3:
                return None
            name = symbol_latex(function.func.__name__)
            return f"{name}{chr(39) * order}\\left({self._print(point[0])}\\right)"

        def _print_Heaviside(self, expr, exp=None):
            """Not SymPy's `\theta(x)`, which would read back as the symbol θ."""
            text = r"\operatorname{Heaviside}\left(%s\right)" % self._print(expr.args[0])
            return f"{text}^{{{exp}}}" if exp else text

        def _print_MatrixSymbol(self, expr):
            """A matrix or vector of symbolic size in bold, as it was declared."""
            return bold(expr.name)

        def _print_Identity(self, expr):
            """`I_{n}` as the guide writes it, not SymPy's `\\mathbb{I}` (which hides n)."""
            return r"I_{%s}" % self._print(expr.rows)

        def _print_BooleanTrue(self, expr):
            return r"\text{true}"

        def _print_BooleanFalse(self, expr):
            return r"\text{false}"

    settings = {"mat_str": "bmatrix", "mat_delim": "", "order": order,
                "mul_symbol": "dot" if written else None, "ln_notation": False,
                "inv_trig_style": "full"}
    return SymmlLatexPrinter(settings)


def latex(obj, *, as_written: bool = False) -> str:
    """LaTeX for a value. `as_written` keeps sums in the order given (for step lines)."""
    if isinstance(obj, str):
        return obj
    if hasattr(obj, "symml_latex"):
        return obj.symml_latex()
    if isinstance(obj, UserFunction):
        params = ", ".join(latex(p) for p in obj.params)
        return f"{symbol_latex(obj.name)}({params}) = {latex(obj.body)}"
    if isinstance(obj, (AbstractFunction, BuiltinFunction)):
        return symbol_latex(obj.name)
    if isinstance(obj, Text):
        return text_latex(obj.text)
    if isinstance(obj, (list, tuple)):
        return r"\left(" + ", ".join(latex(item, as_written=as_written) for item in obj) + r"\right)"
    if as_written:
        return _printer("none", True).doprint(obj)
    large = getattr(obj, "is_Add", False) and len(obj.args) > LARGE_SUM
    return _printer("none" if large else "lex").doprint(obj)


TEXT_SAFE = re.compile(r"(?:[^\W_]|[ .,;:!?'()\[\]/+\-=*@])+")
TEXT_SPECIAL = {"<": r"\lt ", ">": r"\gt ", "{": r"\{", "}": r"\}", "\\": r"\backslash ",
                "%": r"\%", "#": r"\#", "$": r"\$", "&": r"\&", "_": r"\_", "^": r"\hat{}",
                "~": r"\sim ", '"': "''", "|": r"\vert "}


def text_latex(text: str) -> str:
    r"""User text as math-mode LaTeX that cannot run a command: `\text{..}` runs of plain
    characters, and each other character as a harmless symbol (`<` → `\lt`)."""
    out, position = ["\\text{``}"], 0
    for match in TEXT_SAFE.finditer(text):
        out.extend(TEXT_SPECIAL.get(c, "?") for c in text[position:match.start()])
        out.append(r"\text{%s}" % match.group())
        position = match.end()
    out.extend(TEXT_SPECIAL.get(c, "?") for c in text[position:])
    out.append("\\text{''}")
    return "".join(out)


def symbol_latex(name: str) -> str:
    """`theta_new` → `\\theta_{new}`, `A` → `A`."""
    base, _, sub = name.partition("_")
    head = f"\\{base}" if base in GREEK else base
    if sub:
        sub = sub[1:-1] if sub.startswith("{") and sub.endswith("}") else sub
        return f"{head}_{{{sub}}}"
    return head


def bold(name: str) -> str:
    """The guide writes vectors and matrices in bold: `\\mathbf{A}`, `\\boldsymbol{\\theta}`."""
    base, _, sub = name.partition("_")
    head = f"\\boldsymbol{{\\{base}}}" if base in GREEK else f"\\mathbf{{{base}}}"
    return head + (f"_{{{sub}}}" if sub else "")
