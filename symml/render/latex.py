"""Values → LaTeX as a textbook writes them (NOTATION §5): bmatrix, ^\\top, `\\ln`, `\\log_2`,
`\\Phi(z)` for a normal CDF, sums in textbook order (`1 - p`, `\\sqrt{3} - 1`), eigenpairs as a
table, bold names for vectors/matrices."""
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
    from sympy import Dict
    from sympy.printing.latex import LatexPrinter

    from .probability_notation import ProbabilityLatex

    class SymmlLatexPrinter(ProbabilityLatex, LatexPrinter):
        """SymPy's LaTeX printer with the guide's conventions."""

        def _print_Add(self, expr, order=None):
            """`\\Phi(z)` and `1 - \\Phi(z)` for the normal CDF; the terms in the order of
            `_rotated` (`3 + \\sqrt{5}`, `\\sqrt{3} - 1`); a step's sum of products of numbers as
            written (`1 \\cdot 3 + \\left(-1\\right) \\cdot 1`, not `1 \\cdot 3 - 1`)."""
            if written and all(is_written_product(term) for term in expr.args):
                out = ""
                for term in expr.args:
                    sign, term = written_sign(term)
                    out += (f" {sign} " if out or sign == "-" else "") + self._print(term)
                return out.lstrip()
            z = normal_cdf_argument(expr)
            if z is not None:
                sign, z = z
                phi = r"\Phi\left(%s\right)" % self._print(z)
                return phi if sign > 0 else "1 - " + phi
            combined = combined_logs(expr)
            if combined is not None:
                return self._print(combined)
            text = super()._print_Add(expr, order)
            if self.order != "none" and (text.startswith("-") or expr.is_number):
                terms = self._as_ordered_terms(expr, order=order)
                rotated = _rotated(terms)
                if rotated is not None:
                    from sympy import Add

                    return super()._print_Add(Add(*rotated, evaluate=False), order="none")
            return text

        def _print_log(self, expr, exp=None):
            """`\\ln 6`, `\\ln x`, `\\ln\\left(1 + x\\right)`."""
            arg = expr.args[0]
            inner = self._print(arg)
            simple = (arg.is_Symbol or arg.is_NumberSymbol or (arg.is_Integer and arg.is_positive)
                      ) and exp is None
            text = r"\ln " + inner if simple else r"\ln\left(%s\right)" % inner
            return r"\left(%s\right)^{%s}" % (text, exp) if exp else text

        def _print_Mul(self, expr):
            """`\\log_2 a` for `\\ln a / \\ln 2` (entropies in bits); `\\Phi^{-1}(p)` for
            `\\sqrt{2} \\operatorname{erfinv}(2p - 1)` (a normal quantile)."""
            over_root = over_a_root(expr)
            if over_root is not None:
                p, n = over_root
                return ("- " if p < 0 else "") + r"\frac{%s}{\sqrt{%s}}" % (abs(p), n)
            quantile = normal_quantile(expr)
            if quantile is not None:
                coefficient, level = quantile
                text = r"\Phi^{-1}\left(%s\right)" % self._print(level)
                if coefficient == 1:
                    return text
                if coefficient == -1:
                    return "- " + text
                return self.parenthesize(coefficient, 50) + " " + text
            log2 = _log2_form(expr)
            if log2 is not None:
                coefficient, argument = log2
                inner = self._print(argument)
                text = (r"\log_2 " + inner if argument.is_Symbol or argument.is_Integer
                        else r"\log_2\left(%s\right)" % inner)
                if coefficient == 1:
                    return text
                if coefficient == -1:
                    return "- " + text
                return self.parenthesize(coefficient, 40) + " " + text
            return super()._print_Mul(expr)

        def _print_Tuple(self, expr):
            """Eigenpairs `((λ, multiplicity, (v, ..)), ..)` as a table."""
            if is_eigenpairs(expr):
                rows = [r"%s & %s & %s" % (self._print(value), self._print(multiplicity),
                                           ", ".join(self._print(v) for v in vectors))
                        for value, multiplicity, vectors in expr]
                return (r"\begin{array}{c|c|c} \lambda & \text{multiplicity} & "
                        r"\text{eigenvectors} \\ \hline " + r" \\ ".join(rows)
                        + r" \end{array}")
            if len(expr) and all(isinstance(item, Dict) for item in expr):
                return self._solutions(expr)
            if len(expr) == 1:  # no Python trailing comma
                return r"\left(%s\right)" % self._print(expr[0])
            return super()._print_Tuple(expr)

        def _solutions(self, expr):
            r"""Solutions of a system `(\{x: 1, y: 2\}, ..)` as `x = 1, y = 2` lines."""
            each = [", ".join(r"%s = %s" % (self._print(k), self._print(v))
                              for k, v in sorted(item.items(), key=lambda kv: str(kv[0])))
                    for item in expr]
            return r"\quad \text{or} \quad ".join(each)

        def _print_Transpose(self, expr):
            return r"%s^\top" % self.parenthesize_super(self._print(expr.arg))

        def _print_Derivative(self, expr):
            """`g'(x)` for an abstract function of one variable, as the guide writes it."""
            primed = self._primed(expr.expr, expr.variable_count, expr.expr.args[:1])
            return primed if primed else super()._print_Derivative(expr)

        def _print_Subs(self, expr):
            """`f'(g(x))` for the derivative of f evaluated at g(x); any other evaluation at a
            point as the bar `\\left.x^{2} y\\right|_{x = 1, y = 2}` (one line, not stacked)."""
            inner = expr.expr
            if getattr(inner, "is_Derivative", False) and len(expr.point) == 1:
                primed = self._primed(inner.expr, inner.variable_count, expr.point)
                if primed:
                    return primed
            where = ", ".join("%s = %s" % (self._print(v), self._print(p))
                              for v, p in zip(expr.variables, expr.point))
            return r"\left.%s\right|_{%s}" % (self._print(inner), where)

        def _primed(self, function, variable_count, point):
            form = primed_form(function, variable_count)
            if form is None:
                return None
            name, order = form
            return f"{symbol_latex(name)}{chr(39) * order}\\left({self._print(point[0])}\\right)"

        def _print_Heaviside(self, expr, exp=None):
            """Not SymPy's `\theta(x)`, which would read back as the symbol θ."""
            text = r"\operatorname{Heaviside}\left(%s\right)" % self._print(expr.args[0])
            return f"{text}^{{{exp}}}" if exp else text

        def _print_MatrixSymbol(self, expr):
            """A matrix or vector of symbolic size in bold, as it was declared."""
            return bold(expr.name)

        def _print_Determinant(self, expr):
            """`\\det\\left(\\mathbf{A}\\right)` as the guide writes it (SymPy writes bars, which
            read as an absolute value)."""
            return r"\det\left(%s\right)" % self._print(expr.arg)

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


def primed_form(function, variable_count):
    """(name, order) when a derivative is the first, second or third of an abstract g of one
    variable (both printers then write `g'(x)`), else None."""
    from sympy.core.function import AppliedUndef

    if not (isinstance(function, AppliedUndef) and len(function.args) == 1
            and len(variable_count) == 1):
        return None
    variable, order = variable_count[0]
    if function.args[0] != variable or not 1 <= order <= 3:
        return None
    return function.func.__name__, order


def is_written_product(expr) -> bool:
    """A product of numbers kept unevaluated (`Mul(1, -1, evaluate=False)`) for a step line."""
    return expr.is_Mul and len(expr.args) > 1 and all(a.is_Number for a in expr.args)


def written_sign(product):
    """("-", b·c) for a product written as a negation, −1·b·c (the −bc of ad − bc); else
    ("+", product): a leading −1 of a two-factor product is a number of the data."""
    from sympy import Mul, S

    if product.args[0] is S.NegativeOne and len(product.args) > 2:
        return "-", Mul(*product.args[1:], evaluate=False)
    return "+", product


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
    obj = phi_form(obj) or obj
    large = getattr(obj, "is_Add", False) and len(obj.args) > LARGE_SUM
    return _printer("none" if large else None).doprint(obj)


def normal_cdf_argument(expr):
    """(±1, z) when `expr` is Φ(z) = 1/2 + erf(z/√2)/2 (sign +1) or 1 − Φ(z) (sign −1)."""
    from sympy import Rational, erf, sqrt

    if not expr.is_Add or len(expr.args) != 2 or Rational(1, 2) not in expr.args:
        return None
    other = next(a for a in expr.args if a != Rational(1, 2))
    coefficient, functions = other.as_coeff_mul()
    if len(functions) != 1 or not isinstance(functions[0], erf) \
            or abs(coefficient) != Rational(1, 2):
        return None
    z = functions[0].args[0] * sqrt(2)
    if coefficient < 0 and z.free_symbols:
        from sympy import expand, together

        return 1, together(expand(-z))  # Φ((1 - μ)/σ) rather than 1 - Φ((μ - 1)/σ)
    return (1 if coefficient > 0 else -1), z


def phi_form(expr):
    """`expr` with each erf(z/√2) written 2Φ(z) − 1 and erfc(z/√2) 2 − 2Φ(z), z rational (so
    a normal probability reads Φ(1) − Φ(−1) as 2Φ(1) − 1), expanded; None when it has none."""
    from sympy import Basic, Expr, erf, erfc, expand, sqrt
    from sympy.matrices import MatrixBase

    if not isinstance(expr, (Basic, MatrixBase)) or not expr.has(erf, erfc):
        return None
    phi = _normal_cdf_class()
    replaced = {}
    for function in expr.atoms(erf, erfc):
        z = function.args[0] * sqrt(2)
        if z.is_Rational:
            replaced[function] = 2 * phi(z) - 1 if isinstance(function, erf) else 2 - 2 * phi(z)
    if not replaced:
        return None
    written = expr.xreplace(replaced)
    return expand(written, multinomial=False, power_exp=False, power_base=False, log=False) \
        if isinstance(written, (Expr, MatrixBase)) else written


@lru_cache(maxsize=1)
def _normal_cdf_class():
    from sympy import Function

    class NormalCDF(Function):
        """Φ(z), written by both textbook printers; only ever printed, never computed."""

        nargs = 1

        def _latex(self, printer, exp=None):
            text = r"\Phi\left(%s\right)" % printer._print(self.args[0])
            return text + "^{%s}" % exp if exp else text

        def _pretty(self, printer):
            from sympy.printing.pretty.stringpict import prettyForm

            return prettyForm(*printer._print_seq(self.args, "(", ")").left("Φ"))

    return NormalCDF


def over_a_root(expr):
    """(p, n) when `expr` is p·√n/n, which the guide writes p/√n (`\\frac{1}{\\sqrt{3}}`, not
    SymPy's rationalised `\\frac{\\sqrt{3}}{3}`), else None."""
    from sympy import Rational

    if not expr.is_Mul or len(expr.args) != 2:
        return None
    coefficient, root = expr.args
    if not (coefficient.is_Rational and root.is_Pow and root.exp == Rational(1, 2)
            and root.base.is_Integer and root.base > 1 and coefficient.q == root.base):
        return None
    return coefficient.p, root.base


def normal_quantile(expr):
    """(c, p) when `expr` is c·√2·erfinv(2p − 1), that is c·Φ⁻¹(p), else None."""
    from sympy import erfinv, sqrt

    if not expr.is_Mul:
        return None
    quantiles = [f for f in expr.args if isinstance(f, erfinv)]
    if len(quantiles) != 1 or sqrt(2) not in expr.args:
        return None
    rest = [f for f in expr.args if f is not quantiles[0] and f != sqrt(2)]
    return expr.func(*rest), (quantiles[0].args[0] + 1) / 2


def combined_logs(expr):
    """`\\ln 2 + \\ln 3` as `\\ln 6`: a sum of logs of positive rationals with one common
    coefficient, as one log (None otherwise)."""
    from sympy import Mul, log

    parts = [term.as_coeff_Mul() for term in expr.args]
    if len(parts) < 2 or len({c for c, _ in parts}) != 1 or not all(
            isinstance(f, log) and f.args[0].is_Rational and f.args[0] > 0 for _, f in parts):
        return None
    single = log(Mul(*[f.args[0] for _, f in parts]))
    return single if parts[0][0] == 1 else Mul(parts[0][0], single, evaluate=False)


def _rotated(terms):
    """Terms in a teacher's order, or None when the printer's order is kept: a number's
    positive rational part first (`3 + \\sqrt{5}`, `\\frac{5}{2} - \\frac{\\sqrt{33}}{2}`); else
    the first positive term moved to the front (`\\sqrt{3} - 1`), when the first is negative
    and the sum is not a polynomial written by degree."""
    from sympy import Add

    rational = [t for t in terms if t.is_Rational and t.is_positive]
    if len(terms) > 1 and rational and terms[0] is not rational[0] and Add(*terms).is_number:
        return rational + [t for t in terms if t is not rational[0]]
    if not terms or not terms[0].could_extract_minus_sign():
        return None
    polynomial = Add(*terms).free_symbols and Add(*terms).is_polynomial()
    if polynomial and not terms[0].is_number:
        return None
    for i, term in enumerate(terms):
        if not term.could_extract_minus_sign():
            return [term] + terms[:i] + terms[i + 1:]
    return None


def _log2_form(expr):
    """(c, a) when `expr` is c·ln a / ln 2 with one log factor, else None."""
    from sympy import Integer, log

    factors = expr.args
    inverse = [f for f in factors if f.is_Pow and f.exp == -1 and f.base == log(Integer(2))]
    logs = [f for f in factors if isinstance(f, log)]
    if len(inverse) != 1 or len(logs) != 1:
        return None
    rest = [f for f in factors if f is not inverse[0] and f is not logs[0]]
    coefficient = expr.func(*rest) if rest else Integer(1)
    return (coefficient, logs[0].args[0]) if coefficient.is_number else None


def is_eigenpairs(expr) -> bool:
    """Tuple of (eigenvalue, multiplicity, (eigenvectors ...)) triples."""
    from sympy import Tuple

    return len(expr) > 0 and all(
        isinstance(item, Tuple) and len(item) == 3 and getattr(item[1], "is_Integer", False)
        and isinstance(item[2], Tuple) and len(item[2]) > 0
        and all(getattr(v, "is_Matrix", False) and v.shape[1] == 1 for v in item[2])
        for item in expr)


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


def hat_latex(symbol) -> str:
    """The estimate of a parameter: `\\hat{\\mu}`, and `\\hat{\\sigma}^2` (the hat on σ, not
    on σ²) for a parameter named by its square."""
    name = latex(symbol)
    base, mark, power = name.partition("^")
    return rf"\hat{{{base}}}{mark}{power}" if mark and base else rf"\hat{{{name}}}"


def bold(name: str) -> str:
    """The guide writes vectors and matrices in bold: `\\mathbf{A}`, `\\boldsymbol{\\theta}`."""
    base, _, sub = name.partition("_")
    head = f"\\boldsymbol{{\\{base}}}" if base in GREEK else f"\\mathbf{{{base}}}"
    return head + (f"_{{{sub}}}" if sub else "")


def is_hard(expr) -> bool:
    """A number a reader cannot take in: nested radicals, or the imaginary unit in a value
    (a real root of a cubic written with complex cube roots)."""
    from sympy import I, Pow

    if not getattr(expr, "is_number", False):
        return False
    if expr.has(I):
        return True
    return any(p.exp.is_Rational and not p.exp.is_Integer and any(
        q.exp.is_Rational and not q.exp.is_Integer for q in p.base.atoms(Pow))
        for p in expr.atoms(Pow))


def hard_decimal(value):
    """The value with each hard entry as a 6-digit decimal, or None when none is hard."""
    from sympy import Basic, MatrixBase, Tuple

    if isinstance(value, MatrixBase):
        entries = list(value)
        if not any(is_hard(e) for e in entries):
            return None
        return value.applyfunc(lambda e: e.evalf(6, chop=True) if is_hard(e) else e)
    if isinstance(value, Tuple):
        parts = [hard_decimal(item) for item in value]
        if all(p is None for p in parts):
            return None
        return value.func(*[p if p is not None else item for p, item in zip(parts, value)])
    if isinstance(value, Basic) and is_hard(value):
        return value.evalf(6, chop=True)
    return None
