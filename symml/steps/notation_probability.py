"""Step notation of probability that SymPy has no object for, as SymPy expressions whose
args are SymPy objects, printed by both textbook printers (`_latex` for render/latex.py,
`_pretty` for render/pretty.py): values at a point (`F(b)`, `\\Phi(z)`, `f_{X}(x)`),
arithmetic kept as written (`P(B \\mid A) P(A)`, `\\frac{P(A \\cap B)}{P(B)}`, `1 - F(a)`),
relations between formulas (`a \\Rightarrow b`, `A \\perp B`, `\\approx`, `\\sim`), the
letters of rules, information (`H(X \\mid Y)`, `I(X; Y)`, `-\\sum p \\ln p`, the KL closed
forms) and estimation (`\\ell`, `\\mathcal{L}`, `\\hat{\\theta}`).

SymPy's own Probability, Expectation, Variance and Covariance are printed by
render/probability_notation.py."""
from __future__ import annotations

from sympy import E, Add, Basic, Expr, Function, Integer, Mul, Symbol



class Written(Expr):
    """A notation object: its args are SymPy objects (a Python int becomes an Integer)."""

    def __new__(cls, *args):
        return Expr.__new__(cls, *[Integer(a) if isinstance(a, int) else a for a in args])


def _applied(printer, name: str, args, *, tall: bool = False) -> str:
    inner = ", ".join(printer._print(arg) for arg in args)
    return rf"{name}\left({inner}\right)" if tall else f"{name}({inner})"


def _pretty_applied(printer, name: str, args):
    from sympy.printing.pretty.stringpict import prettyForm

    form = printer._print_seq(args, "(", ")")
    return prettyForm(*form.left(name))


def _joined_pretty(printer, args, separator: str):
    from sympy.printing.pretty.stringpict import prettyForm

    form = printer._print(args[0])
    for arg in args[1:]:
        form = prettyForm(*form.right(separator, printer._print(arg)))
    return form

# --- values at a point: F(x), Φ(z), f_X(x) -------------------------------------------------
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


class DensityAt(Written):
    """`f_{X}(x)`: the density (or mass) function of X at x; `f(x_i)` without X."""

    def _latex(self, printer):
        *variable, point = self.args
        name = f"f_{{{printer._print(variable[0])}}}" if variable else "f"
        return f"{name}({printer._print(point)})"

    def _pretty(self, printer):
        *variable, point = self.args
        name = "f_" + printer.doprint(variable[0]) if variable else "f"
        return _pretty_applied(printer, name, (point,))

# --- arithmetic kept as written ------------------------------------------------------------
class Factors(Written):
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


class Quotient(Written):
    """`\\frac{a}{b}` with a and b as written (not divided out)."""

    def _latex(self, printer):
        numerator, denominator = self.args
        return rf"\frac{{{printer._print(numerator)}}}{{{printer._print(denominator)}}}"

    def _pretty(self, printer):
        numerator, denominator = (printer._print(arg) for arg in self.args)
        return numerator / denominator


class Terms(Written):
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


class Negative(Written):
    """`-\\left(a + b\\right)`, `-\\sum p \\ln p`: taken with a minus sign, before it is
    worked out (a sum in parentheses)."""

    def _latex(self, printer):
        text = printer._print(self.args[0])
        return rf"-\left({text}\right)" if _is_sum(self.args[0]) else "-" + text

    def _pretty(self, printer):
        from sympy.printing.pretty.stringpict import prettyForm

        form = printer._print(self.args[0])
        if _is_sum(self.args[0]):
            form = prettyForm(*form.parens())
        return prettyForm(*form.left("-"))


def _is_sum(expr) -> bool:
    return expr.is_Add or isinstance(expr, Terms)


class Bracketed(Written):
    """`\\left(a\\right)`: a factor in parentheses whatever it is (`\\left(p\\right)
    \\left(1 - p\\right)`: the densities of a likelihood, one per observation)."""

    def _latex(self, printer):
        return rf"\left({printer._print(self.args[0])}\right)"

    def _pretty(self, printer):
        from sympy.printing.pretty.stringpict import prettyForm

        return prettyForm(*printer._print(self.args[0]).parens())


def difference(a, b):
    """`a - b` as written: b subtracted, in parentheses when it is a sum or a negative
    number (`0 - \\left(-1\\right)`)."""
    from sympy import Add, Mul

    if getattr(b, "is_number", False) and b.is_negative:
        b = Bracketed(b)
    return Add(a, Mul(-1, b, evaluate=False), evaluate=False)

# --- relations between formulas ------------------------------------------------------------
class Therefore(Basic):
    """`a \\;\\Rightarrow\\; b`: b follows from a."""

    def _latex(self, printer):
        return r" \;\Rightarrow\; ".join(printer._print(arg) for arg in self.args)

    def _pretty(self, printer):
        return _joined_pretty(printer, self.args, " ⇒ ")


class Independent(Basic):
    """`A \\perp B`: the events (or variables) A and B are independent."""

    def _latex(self, printer):
        return r" \perp ".join(printer._print(arg) for arg in self.args)

    def _pretty(self, printer):
        return _joined_pretty(printer, self.args, " ⊥ ")


class Approximately(Basic):
    """`a \\approx 0.123457`: an exact value beside its decimal."""

    def _latex(self, printer):
        return r" \approx ".join(printer._print(arg) for arg in self.args)

    def _pretty(self, printer):
        return _joined_pretty(printer, self.args, " ≈ ")


class Valued(Written):
    """`\\max_i x_i = 2`: a named quantity with its value, as one operand of a condition."""

    def _latex(self, printer):
        return " = ".join(printer._print(arg) for arg in self.args)

    def _pretty(self, printer):
        return _joined_pretty(printer, self.args, " = ")


class Distributed(Basic):
    """`Z \\sim \\mathcal{N}(0, 1)`: what follows a distribution."""

    def _latex(self, printer):
        return r" \sim ".join(printer._print(arg) for arg in self.args)

    def _pretty(self, printer):
        return _joined_pretty(printer, self.args, " ~ ")


class NormalLaw(Written):
    """`\\mathcal{N}\\left(\\mu, \\sigma^2\\right)`: the normal distribution, as written in a
    step (not a random variable)."""

    def _latex(self, printer):
        return _applied(printer, r"\mathcal{N}", self.args, tall=True)

    def _pretty(self, printer):
        return _pretty_applied(printer, "𝒩", self.args)


class Listed(Basic):
    """`a,\\quad b`: several results of one step side by side."""

    def _latex(self, printer):
        return r",\quad ".join(printer._print(arg) for arg in self.args)

    def _pretty(self, printer):
        return _joined_pretty(printer, self.args, ",  ")

# --- probabilities and the letters of rules ------------------------------------------------
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


def letters(names: str):
    """Plain symbols for the letters of a rule (`P(a < X \\le b) = F(b) - F(a)`)."""
    from sympy import symbols

    return symbols(names, seq=True)


def random_letters(names: str):
    """Random variables standing for any (the X of `\\operatorname{Var}(X) = ...`), so that
    SymPy keeps E[X] and Var(X) unevaluated."""
    from sympy.stats.rv import RandomSymbol

    return [RandomSymbol(symbol) for symbol in letters(names)]


def equation(lhs, rhs):
    """`lhs = rhs` as written (a rule in a step title), in the order given."""
    from sympy import Eq

    from . import AsWritten

    return AsWritten(Eq(lhs, rhs, evaluate=False))

# --- information: H, I, Σ p ln q, KL ---------------------------------------------------------
class Entropy(Written):
    """`H(X)`, `H(X, Y)`, `H(P, Q)`; `H(X \\mid Y)` for a `Given` argument."""

    def _latex(self, printer):
        return _applied(printer, "H", self.args)

    def _pretty(self, printer):
        return _pretty_applied(printer, "H", self.args)


class Given(Basic):
    """`X \\mid Y`: X given Y, inside H(...)."""

    def _latex(self, printer):
        return r" \mid ".join(printer._print(arg) for arg in self.args)

    def _pretty(self, printer):
        return _joined_pretty(printer, self.args, " | ")


class MutualInformation(Written):
    """`I(X; Y)`: the mutual information of X and Y."""

    def _latex(self, printer):
        return "I(%s)" % "; ".join(printer._print(arg) for arg in self.args)

    def _pretty(self, printer):
        from sympy.printing.pretty.stringpict import prettyForm

        inner = prettyForm(*_joined_pretty(printer, self.args, "; ").parens())
        return prettyForm(*inner.left("I"))


class SumOf(Written):
    """`\\sum p \\ln p`: a sum over the outcomes, without bounds; `\\sum_{x} ...` with
    its index."""

    def _latex(self, printer):
        term, *index = self.args
        under = printer._print(index[0]) if index else ""
        under = "" if not index else f"_{under}" if len(under) == 1 else f"_{{{under}}}"
        return rf"\sum{under} " + printer._print(term)

    def _pretty(self, printer):
        from sympy.printing.pretty.stringpict import prettyForm

        from sympy.printing.pretty.pretty_symbology import sub

        term, *index = self.args
        under = printer.doprint(index[0]) if index else ""
        under = "".join(sub.get(c, "?") for c in under) if all(c in sub for c in under) \
            else "_" + under
        return prettyForm(*printer._print(term).left(f"∑{under} "))


class IntegralOf(Written):
    """`\\int f \\ln f`: an integral over the support, written without its variable."""

    def _latex(self, printer):
        return r"\int " + printer._print(self.args[0])

    def _pretty(self, printer):
        from sympy.printing.pretty.stringpict import prettyForm

        return prettyForm(*printer._print(self.args[0]).left("∫ "))


class PLogQ(Written):
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


def _atom(printer, value) -> str:
    """A log's argument: bare when it is a symbol, a number or a fraction."""
    text = printer._print(value)
    return text if value.is_Atom or isinstance(value, Quotient) else rf"\left({text}\right)"


def kl_closed_form(family: str):
    """The closed form of D_KL(P ‖ Q) a step names, as a textbook writes it, for two
    distributions of one family (parameters with subscripts 1 and 2)."""
    from sympy import And, Le, Piecewise, Pow, Rational, log, oo

    m1, m2, s1, s2, l1, l2, a1, a2, b1, b2 = letters(
        "mu_1 mu_2 sigma_1 sigma_2 lambda_1 lambda_2 a_1 a_2 b_1 b_2")
    minus = Mul(-1, Rational(1, 2), evaluate=False)
    forms = {
        "Normal": lambda: Terms(log(Quotient(s2, s1)), Quotient(
            Add(Pow(s1, 2), Pow(difference(m1, m2), 2), evaluate=False),
            Factors(2, Pow(s2, 2))), minus),
        "Exponential": lambda: Terms(log(Quotient(l1, l2)), Quotient(l2, l1),
                                     Mul(-1, Integer(1), evaluate=False)),
        "Poisson": lambda: Terms(PLogQ(l1, Quotient(l1, l2), E), l2, Mul(-1, l1, evaluate=False)),
        "Uniform": lambda: Piecewise(
            (log(Quotient(difference(b2, a2), difference(b1, a1))),
             And(Le(a2, a1), Le(b1, b2))), (oo, True), evaluate=False),
    }
    return forms[family]()

# --- estimation: ℓ, 𝓛, ∂ℓ/∂θ, θ̂ ---------------------------------------------------------------
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


class PartialDerivative(Written):
    """`\\frac{\\partial \\ell}{\\partial p}`: the derivative's name, before it is taken."""

    def _latex(self, printer):
        function, variable = (printer._print(arg) for arg in self.args)
        return rf"\frac{{\partial {function}}}{{\partial {variable}}}"

    def _pretty(self, printer):
        from sympy.printing.pretty.stringpict import prettyForm

        function, variable = (printer._print(arg) for arg in self.args)
        return prettyForm(*function.left("∂")) / prettyForm(*variable.left("∂"))


def hat(symbol):
    """The estimate of a parameter: `\\hat{p}`, `\\hat{\\theta}_{1}`, and `\\hat{\\sigma}^{2}`
    (the hat on σ) for a parameter named by its square."""
    from sympy import Integer, Pow

    base, mark, power = symbol.name.partition("^")
    letter, under, sub = base.partition("_")
    hatted = Symbol(f"{letter}hat{under}{sub}")
    return Pow(hatted, Integer(power), evaluate=False) if mark and power.isdigit() else hatted
