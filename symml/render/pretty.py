"""The terminal twin of the textbook printer: SymPy's Unicode pretty printer writing `ln`,
`Φ(z)` for a normal CDF and sums in textbook order, as `render/latex.py` does in LaTeX."""
from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=1)
def _printer():
    from sympy import Symbol
    from sympy.printing.pretty.pretty import PrettyPrinter
    from sympy.printing.pretty.stringpict import prettyForm

    from .latex import _rotated, normal_cdf_argument
    from .probability_notation import ProbabilityPretty

    class TextbookPrettyPrinter(ProbabilityPretty, PrettyPrinter):
        """Unicode 2-D maths in the forms of NOTATION §5."""

        def _print_Add(self, expr, order=None):
            z = normal_cdf_argument(expr)
            if z is not None:
                sign, z = z
                phi = prettyForm(*prettyForm(*self._print(z).parens()).left("Φ"))
                return phi if sign > 0 else prettyForm(*phi.left("1 - "))
            terms = self._as_ordered_terms(expr, order=order)
            rotated = _rotated(terms)
            if rotated is not None:
                from sympy import Add

                return super()._print_Add(Add(*rotated, evaluate=False), order="none")
            return super()._print_Add(expr, order)

        def _print_Tuple(self, expr):
            """`(a, b)`, and `(a)` for one item: never Python's `(a,)`."""
            return self._print_seq(expr.args, "(", ")")

        def _print_log(self, expr):
            return self._print_Function(expr, func_name="ln")

        # --- calculus and linear algebra steps (issue 13) ------------------------------
        def _print_Derivative(self, expr):
            """`g'(x)` for an abstract function of one variable, as the LaTeX twin."""
            primed = self._primed(expr.expr, expr.variable_count, expr.expr.args[:1])
            return primed if primed is not None else super()._print_Derivative(expr)

        def _print_Subs(self, expr):
            """`f'(2)` for the derivative of f at a point, else SymPy's evaluation bar."""
            inner = expr.expr
            if getattr(inner, "is_Derivative", False) and len(expr.point) == 1:
                primed = self._primed(inner.expr, inner.variable_count, expr.point)
                if primed is not None:
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
            name = self._print(Symbol(function.func.__name__))
            return prettyForm(*prettyForm(*name.right("'" * order)).right(
                self._print_seq(point, "(", ")")))

    return TextbookPrettyPrinter({"use_unicode": True, "wrap_line": False})


def pretty(value) -> str:
    """A SymPy value as Unicode maths (several lines for fractions and matrices)."""
    return _printer().doprint(value)


def pretty_form(value):
    """The printer's 2-D picture of a value, to place beside other text."""
    return _printer()._print(value)
