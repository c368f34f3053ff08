"""Step notation of probability that SymPy has no object for: `F(b)` (a CDF at a point),
`\\Phi(z)`, `f_{X}(x)` (a density at a point), a product written in order
(`P(B \\mid A) P(A)`, `\\frac{9}{10} \\cdot \\frac{1}{100}`), and a quotient not
worked out (`\\frac{P(A \\cap B)}{P(B)}`).

Each is a SymPy expression whose args are SymPy objects, printed by both textbook printers
(`_latex` for render/latex.py, `_pretty` for render/pretty.py). SymPy's own Probability,
Expectation, Variance and Covariance are printed by render/probability_notation.py."""
from __future__ import annotations

from sympy import E, Basic, Expr, Function, Mul, Symbol


def _applied(printer, name: str, args, *, tall: bool = False) -> str:
    inner = ", ".join(printer._print(arg) for arg in args)
    return rf"{name}\left({inner}\right)" if tall else f"{name}({inner})"


def _pretty_applied(printer, name: str, args):
    from sympy.printing.pretty.stringpict import prettyForm

    form = printer._print_seq(args, "(", ")")
    return prettyForm(*form.left(name))


class CDF(Function):
    """`F(x)`: a CDF at a point, before it is worked out; `F_1(x)` with an index."""

    nargs = (1, 2)

    def _latex(self, printer):
        *index, point = self.args
        name = f"F_{printer._print(index[0])}" if index else "F"
        return _applied(printer, name, (point,))

    def _pretty(self, printer):
        *index, point = self.args
        name = "F" + ("₁₂"[int(index[0]) - 1] if index and index[0] in (1, 2) else
                      f"_{index[0]}" if index else "")
        return _pretty_applied(printer, name, (point,))


class Phi(Function):
    """`\\Phi(z)`: the standard normal CDF at a z-score."""

    nargs = 1

    def _latex(self, printer):
        return _applied(printer, r"\Phi", self.args, tall=True)

    def _pretty(self, printer):
        return _pretty_applied(printer, "Φ", self.args)


class DensityAt(Expr):
    """`f_{X}(x)`: the density (or mass) function of X at x."""

    def _latex(self, printer):
        variable, point = self.args
        return f"f_{{{printer._print(variable)}}}({printer._print(point)})"

    def _pretty(self, printer):
        variable, point = self.args
        return _pretty_applied(printer, "f_" + printer.doprint(variable), (point,))


class Factors(Expr):
    """Factors in the order given: `P(B \\mid A) P(A)`; a `\\cdot` between two numbers."""

    def _latex(self, printer):
        out = ""
        for before, factor in zip((None,) + self.args, self.args):
            text = printer._print(factor)
            if factor.is_Add:
                text = rf"\left({text}\right)"
            if before is not None:
                out += r" \cdot " if before.is_number and factor.is_number else " "
            out += text
        return out

    def _pretty(self, printer):
        from sympy.printing.pretty.stringpict import prettyForm

        form = None
        for before, factor in zip((None,) + self.args, self.args):
            part = printer._print(factor)
            if factor.is_Add:
                part = prettyForm(*part.parens())
            if before is not None:
                part = prettyForm(*part.left("⋅" if before.is_number and factor.is_number
                                             else " "))
            form = part if form is None else prettyForm(*form.right(part))
        return form


class Quotient(Expr):
    """`\\frac{a}{b}` with a and b as written (not divided out)."""

    def _latex(self, printer):
        numerator, denominator = self.args
        return rf"\frac{{{printer._print(numerator)}}}{{{printer._print(denominator)}}}"

    def _pretty(self, printer):
        numerator, denominator = (printer._print(arg) for arg in self.args)
        return numerator / denominator


def difference(a, b):
    """`a - b` as written: b subtracted, in parentheses when it is a sum or a negative
    number (`0 - \\left(-1\\right)`)."""
    from sympy import Add, Mul

    if getattr(b, "is_number", False) and b.is_negative:
        b = Bracketed(b)
    return Add(a, Mul(-1, b, evaluate=False), evaluate=False)


def probability(event, given=None):
    """`P(event)`, `P(event \\mid given)` (no condition when `given` is None or true):
    SymPy's unevaluated Probability."""
    from sympy import true
    from sympy.stats import Probability

    return Probability(event) if given is None or given == true else Probability(event, given)


def between(lower, variable, upper):
    """`lower < X \\le upper` (the event of F(upper) − F(lower))."""
    from sympy import And, Le, Lt

    return And(Lt(lower, variable, evaluate=False), Le(variable, upper, evaluate=False))


class Independent(Basic):
    """`A \\perp B`: the events (or variables) A and B are independent."""

    def _latex(self, printer):
        return r" \perp ".join(printer._print(arg) for arg in self.args)

    def _pretty(self, printer):
        return _joined_pretty(printer, self.args, " ⊥ ")


class Therefore(Basic):
    """`a \\;\\Rightarrow\\; b`: b follows from a."""

    def _latex(self, printer):
        return r" \;\Rightarrow\; ".join(printer._print(arg) for arg in self.args)

    def _pretty(self, printer):
        return _joined_pretty(printer, self.args, " ⇒ ")


def _joined_pretty(printer, args, separator: str):
    from sympy.printing.pretty.stringpict import prettyForm

    form = printer._print(args[0])
    for arg in args[1:]:
        form = prettyForm(*form.right(separator, printer._print(arg)))
    return form


class Approximately(Basic):
    """`a \\approx 0.123457`: an exact value beside its decimal."""

    def _latex(self, printer):
        return r" \approx ".join(printer._print(arg) for arg in self.args)

    def _pretty(self, printer):
        return _joined_pretty(printer, self.args, " ≈ ")


class Terms(Expr):
    """A sum written in the order given, each term by the textbook printer (no `\\cdot`
    inside products): `a + b`, and `a - \\left(b\\right)` for a term `-1 \\cdot b`."""

    def _parts(self):
        """(sign, term) pairs: `-` for an unevaluated `-1 \\cdot b`."""
        for i, term in enumerate(self.args):
            if term.is_Mul and term.args[0] == -1 and i > 0:
                yield "-", Mul(*term.args[1:], evaluate=False)
            else:
                yield "+", term

    def _latex(self, printer):
        out = ""
        for sign, term in self._parts():
            text = printer._print(term)
            if sign == "-" and term.is_Add:
                text = rf"\left({text}\right)"
            if out:
                text = f" {sign} {text}" if not text.startswith("-") or sign == "-" \
                    else f" - {text[1:].strip()}"
            out += text
        return out

    def _pretty(self, printer):
        from sympy.printing.pretty.stringpict import prettyForm

        form = None
        for sign, term in self._parts():
            part = printer._print(term)
            if sign == "-" and term.is_Add:
                part = prettyForm(*part.parens())
            if form is not None:
                part = prettyForm(*part.left(f" {sign} "))
            form = part if form is None else prettyForm(*form.right(part))
        return form


class PLogQ(Expr):
    """`p \\ln q` (`p \\log_{2} q` in bits): a term of an entropy, not yet worked out."""

    def _latex(self, printer):
        p, q, base = self.args
        log = r"\ln" if base == E else rf"\log_{{{printer._print(base)}}}"
        return f"{_atom(printer, p)} {log} {_atom(printer, q)}"

    def _pretty(self, printer):
        p, q, base = self.args
        from sympy.printing.pretty.stringpict import prettyForm

        log = "ln" if base == E else "log₂" if base == 2 else f"log_{base}"
        written = prettyForm(*printer._print(q).parens())
        return prettyForm(*_joined_pretty(printer, (p,), "").right("⋅" + log, written))


class Negative(Expr):
    """`-\\left(a + b\\right)`: a sum taken with a minus sign, before it is worked out."""

    def _latex(self, printer):
        return rf"-\left({printer._print(self.args[0])}\right)"

    def _pretty(self, printer):
        from sympy.printing.pretty.stringpict import prettyForm

        return prettyForm(*prettyForm(*printer._print(self.args[0]).parens()).left("-"))


def _atom(printer, value) -> str:
    text = printer._print(value)
    return text if value.is_Atom else rf"\left({text}\right)"


# name → (LaTeX, Unicode) of the letters and statistics of estimation
LETTERS = {"ell": (r"\ell", "ℓ"), "mathcal{L}": (r"\mathcal{L}", "𝓛"),
           "min": (r"\min_i x_i", "minᵢ xᵢ"), "max": (r"\max_i x_i", "maxᵢ xᵢ"),
           "KS gap": (r"\max_x |F_1(x) - F_2(x)|", "maxₓ |F₁(x) - F₂(x)|")}


class Letter(Symbol):
    """A letter of `LETTERS`: `\\ell` (ℓ), `\\mathcal{L}` (𝓛)."""

    def _latex(self, printer):
        return LETTERS[self.name][0]

    def _pretty(self, printer):
        from sympy.printing.pretty.stringpict import prettyForm

        return prettyForm(LETTERS[self.name][1])


class PartialDerivative(Expr):
    """`\\frac{\\partial \\ell}{\\partial p}`: the derivative's name, before it is taken."""

    def _latex(self, printer):
        function, variable = (printer._print(arg) for arg in self.args)
        return rf"\frac{{\partial {function}}}{{\partial {variable}}}"

    def _pretty(self, printer):
        from sympy.printing.pretty.stringpict import prettyForm

        function, variable = (printer._print(arg) for arg in self.args)
        return prettyForm(*function.left("∂")) / prettyForm(*variable.left("∂"))


class Listed(Basic):
    """`a,\\quad b`: several results of one step side by side."""

    def _latex(self, printer):
        return r",\quad ".join(printer._print(arg) for arg in self.args)

    def _pretty(self, printer):
        return _joined_pretty(printer, self.args, ",  ")


def hat(symbol):
    """The estimate of a parameter: `\\hat{p}`, `\\hat{\\theta}_{1}`, and `\\hat{\\sigma}^{2}`
    (the hat on σ) for a parameter named by its square."""
    from sympy import Integer, Pow

    base, mark, power = symbol.name.partition("^")
    letter, under, sub = base.partition("_")
    hatted = Symbol(f"{letter}hat{under}{sub}")
    return Pow(hatted, Integer(power), evaluate=False) if mark and power.isdigit() else hatted


class Bracketed(Expr):
    """`\\left(a\\right)`: a factor in parentheses whatever it is (`\\left(p\\right)
    \\left(1 - p\\right)`: the densities of a likelihood, one per observation)."""

    def _latex(self, printer):
        return rf"\left({printer._print(self.args[0])}\right)"

    def _pretty(self, printer):
        from sympy.printing.pretty.stringpict import prettyForm

        return prettyForm(*printer._print(self.args[0]).parens())


class Valued(Expr):
    """`\\max_i x_i = 2`: a named quantity with its value, as one operand of a condition."""

    def _latex(self, printer):
        return " = ".join(printer._print(arg) for arg in self.args)

    def _pretty(self, printer):
        return _joined_pretty(printer, self.args, " = ")
