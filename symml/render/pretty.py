"""The terminal twin of the textbook printer: SymPy's Unicode pretty printer writing `ln`,
`Φ(z)` for a normal CDF and sums in textbook order, as `render/latex.py` does in LaTeX."""
from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=2)
def _printer(order: str | None = None):
    from sympy import Symbol
    from sympy.printing.pretty.pretty import PrettyPrinter
    from sympy.printing.pretty.stringpict import prettyForm

    from .latex import (_rotated, is_eigenpairs, is_written_product, normal_cdf_argument,
                        normal_quantile, over_a_root, primed_form, written_sign)
    from .probability_notation import ProbabilityPretty

    class TextbookPrettyPrinter(ProbabilityPretty, PrettyPrinter):
        """Unicode 2-D maths in the forms of NOTATION §5."""

        def _print_Add(self, expr, order=None):
            if self.order == "none" and all(is_written_product(term) for term in expr.args):
                return self._written_sum(expr)
            z = normal_cdf_argument(expr)
            if z is not None:
                sign, z = z
                phi = prettyForm(*prettyForm(*self._print(z).parens()).left("Φ"))
                return phi if sign > 0 else prettyForm(*phi.left("1 - "))
            terms = self._as_ordered_terms(expr, order=order)
            rotated = None if self.order == "none" else _rotated(terms)
            if rotated is not None:
                from sympy import Add

                return super()._print_Add(Add(*rotated, evaluate=False), order="none")
            return super()._print_Add(expr, order)

        def _print_Tuple(self, expr):
            """`(a, b)`, and `(a)` for one item: never Python's `(a,)`; eigenpairs as a
            table, one eigenvalue a line."""
            if is_eigenpairs(expr):
                return self._eigen_table(expr)
            return self._print_seq(expr.args, "(", ")")

        def _print_Mul(self, expr):
            """Φ⁻¹(p) for √2·erfinv(2p − 1), as the LaTeX printer writes it."""
            if self.order == "none" and self._has_negative_factor(expr):
                return self._written_product(expr)
            over_root = over_a_root(expr)
            if over_root is not None:
                p, n = over_root
                fraction = prettyForm(str(abs(p))) / prettyForm(f"√{n}")
                return prettyForm(*fraction.left("-"), binding=prettyForm.NEG) if p < 0 \
                    else fraction
            quantile = normal_quantile(expr)
            if quantile is None:
                return super()._print_Mul(expr)
            coefficient, level = quantile
            phi = prettyForm(*prettyForm(*self._print(level).parens()).left("Φ⁻¹"))
            if coefficient == 1:
                return phi
            if coefficient == -1:
                return prettyForm(*phi.left("-"), binding=prettyForm.NEG)
            factor = self._print(coefficient)
            if coefficient.is_Add:
                factor = prettyForm(*factor.parens())
            return prettyForm(*factor.right("⋅", phi), binding=prettyForm.MUL)

        def _print_Transpose(self, expr):
            """𝐀ᵀ and (𝐀𝐁)ᵀ on one line, as the guide writes `\\mathbf{A}^\\top`."""
            inner = self._print(expr.arg)
            if not expr.arg.is_symbol:
                inner = prettyForm(*inner.parens())
            return prettyForm(*inner.right("ᵀ")) if inner.height() == 1 \
                else super()._print_Transpose(expr)

        def _print_Determinant(self, expr):
            """det(A), as the LaTeX printer writes it."""
            return prettyForm(*prettyForm(*self._print(expr.arg).parens()).left("det"))

        def _print_log(self, expr):
            return self._print_Function(expr, func_name="ln")

        def _print_Shown(self, expr):
            return self._print(expr.args[0])

        def _print_DerivativeOf(self, expr):
            """`d/dx (part)`, as the LaTeX step line writes it."""
            part, x, partial = expr.args
            d = "∂" if partial else "d"
            operator = prettyForm(d) / prettyForm(*self._print(x).left(d))
            return prettyForm(*operator.right(prettyForm(*self._print(part).parens())))

        def emptyPrinter(self, expr):
            """A symml object with only a LaTeX form (a matrix-calculus expression): its
            LaTeX, symbol by symbol in Unicode."""
            if hasattr(expr, "_latex") and type(expr).__module__.startswith("symml"):
                from .latex import latex
                from .unicode import latex_to_unicode

                return prettyForm(latex_to_unicode(latex(expr)))
            return super().emptyPrinter(expr)

        # --- calculus and linear algebra steps (issue 13) ------------------------------
        def _eigen_table(self, pairs):
            """`λ = 1 (multiplicity 1), eigenvectors: span{..}`, one line per eigenvalue, as
            the LaTeX twin's table (λ | multiplicity | eigenvectors)."""
            from sympy.printing.pretty.stringpict import stringPict

            lines = []
            for value, multiplicity, vectors in pairs:
                line = prettyForm(*self._print(value).left("λ = "))
                words = f" (multiplicity {multiplicity}), eigenvectors: span"
                line = prettyForm(*line.right(words))
                lines.append(prettyForm(*line.right(self._print_seq(vectors, "{", "}"))))
            table = lines[0]
            for line in lines[1:]:
                table = prettyForm(*stringPict.stack(table, line))
            return table

        def _written_sum(self, expr):
            """A sum of products of numbers as written (`1⋅3 + (-1)⋅1`, `1⋅0 - (-1)⋅2`,
            `(-1)⋅(-1) + 0⋅0`; SymPy writes `1⋅3 - 1` and `--1`), signs as `written_sign`
            reads them, as the LaTeX twin writes it."""
            out = None
            for term in expr.args:
                sign, term = written_sign(term)
                picture = self._print(term)
                if out is None:
                    out = prettyForm(*picture.left("-")) if sign == "-" else picture
                else:
                    out = prettyForm(*out.right(f" {sign} ", picture))
            out.binding = prettyForm.ADD
            return out

        @staticmethod
        def _has_negative_factor(expr) -> bool:
            """A product SymPy draws wrongly as written: `1⋅-1`, `--1`, `(-1)⋅1` as `-1`."""
            return any(f.is_Number and f.is_negative for f in expr.args[1:]) or (
                expr.args[0].is_Number and expr.args[0].is_negative and len(expr.args) == 2
                and expr.args[1].is_Number)

        def _written_product(self, expr):
            """`1⋅(-1)`, `(-1)⋅(-1)`: factors as written, negative numbers in parentheses."""
            out = None
            for factor in expr.args:
                picture = self._print(factor)
                if (factor.is_Number and factor.is_negative) or factor.is_Add:
                    picture = prettyForm(*picture.parens())
                out = picture if out is None else prettyForm(*out.right("⋅", picture))
            out.binding = prettyForm.MUL
            return out

        def _print_MatrixSymbol(self, expr):
            """`𝐀`, `𝐖₁`, `d𝐰`: a matrix or vector in bold, as the LaTeX twin writes it."""
            from .latex import latex
            from .unicode import latex_to_unicode

            text = latex_to_unicode(latex(expr))
            return prettyForm(text) if "{" not in text and "\\" not in text \
                else super()._print_MatrixSymbol(expr)

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
            form = primed_form(function, variable_count)
            if form is None:
                return None
            name, order = form
            name = self._print(Symbol(name))
            return prettyForm(*prettyForm(*name.right("'" * order)).right(
                self._print_seq(point, "(", ")")))

    return TextbookPrettyPrinter({"use_unicode": True, "wrap_line": False, "order": order})


def pretty(value) -> str:
    """A SymPy value as Unicode maths (several lines for fractions and matrices)."""
    from .latex import phi_form

    return _printer().doprint(phi_form(value) or value)


def pretty_form(value, *, as_written: bool = False):
    """The printer's 2-D picture of a value, to place beside other text; `as_written` keeps
    a sum's terms in the order they were built."""
    from .latex import phi_form

    if not as_written:
        value = phi_form(value) or value
    return _printer("none" if as_written else None)._print(value)
