"""Values and steps written as a textbook writes them (NOTATION §5)."""
import sympy as sp
import pytest

import symml
from symml.render import display
from symml.render.latex import latex

p, x, z = sp.symbols("p x z")


@pytest.mark.parametrize("value, written", [
    (sp.Rational(5, 2) - sp.sqrt(33) / 2, r"\frac{5}{2} - \frac{\sqrt{33}}{2}"),
    (1 - p, "1 - p"),
    (x**2 + 2 * x + 1, "x^{2} + 2 x + 1"),
    (sp.sqrt(3) - 1, r"\sqrt{3} - 1"),
    (sp.sin(x) - x * sp.cos(x), r"\sin{\left(x \right)} - x \cos{\left(x \right)}"),
    (-x**2 + 3 * x, "- x^{2} + 3 x"),  # a polynomial keeps its order by degree
])
def test_sums_in_textbook_order(value, written):
    assert latex(value) == written


@pytest.mark.parametrize("value, written", [
    (sp.log(6), r"\ln 6"), (sp.log(x), r"\ln x"), (sp.log(2 * x + 1), r"\ln\left(2 x + 1\right)"),
    (sp.log(3) / sp.log(2), r"\log_2 3"), (-sp.log(p) / sp.log(2), r"- \log_2 p"),
    (sp.Rational(3, 2) * sp.log(3) / sp.log(2), r"\frac{3}{2} \log_2 3"),
])
def test_natural_log_is_ln_and_bits_are_log2(value, written):
    assert latex(value) == written


@pytest.mark.parametrize("value, written", [
    (sp.erf(sp.sqrt(2)) / 2 + sp.Rational(1, 2), r"\Phi\left(2\right)"),
    (sp.Rational(1, 2) - sp.erf(sp.sqrt(2)) / 2, r"1 - \Phi\left(2\right)"),
    (sp.erf(sp.sqrt(2) * z / 2) / 2 + sp.Rational(1, 2), r"\Phi\left(z\right)"),
])
def test_normal_cdf_is_phi_of_a_z_score(value, written):
    assert latex(value) == written


def test_normal_tail_probability_through_phi(run):
    run(r"Y \sim \mathcal{N}(100, 15^2)")
    result = run("P(Y > 130)")
    assert result.latex == r"1 - \Phi\left(2\right)"
    assert display.value_latex(result) == r"1 - \Phi\left(2\right) \approx 0.0227501"
    assert run(r"P(Y \le 115)").latex == r"\Phi\left(1\right)"


def test_solution_set_in_textbook_order(run):
    result = run("x^2 - 5x - 2 = 0")
    assert result.latex == (r"\left\{\frac{5}{2} - \frac{\sqrt{33}}{2}, "
                            r"\frac{5}{2} + \frac{\sqrt{33}}{2}\right\}")


def test_eigenpairs_are_a_table(run):
    run(r"A = \begin{bmatrix} 2 & 1 \\ 1 & 2 \end{bmatrix}")
    result = run(r"A \mathbf{v} = \lambda \mathbf{v}")
    assert result.latex == (
        r"\begin{array}{c|c|c} \lambda & \text{multiplicity} & \text{eigenvectors} \\ \hline "
        r"1 & 1 & \begin{bmatrix}-1\\1\end{bmatrix} \\ "
        r"3 & 1 & \begin{bmatrix}1\\1\end{bmatrix} \end{array}")
    assert "(" not in result.latex and display.is_safe(result.latex)


def test_a_hard_exact_form_has_a_decimal_beside_it(run):
    nested = run(r"\sqrt{2 + \sqrt{3}}")
    assert display.value_latex(nested) == r"\sqrt{\sqrt{3} + 2} \approx 1.93185"
    root = sp.cbrt(sp.Rational(3031, 54) + 91 * sp.sqrt(3) * sp.I / 18)
    eigenvalue = sp.Rational(11, 3) + root + 133 / (9 * root)  # real, of the guide's S
    from symml.render.latex import hard_decimal
    assert latex(hard_decimal(sp.Matrix([eigenvalue, 1]))) == (
        r"\begin{bmatrix}11.3448\\1\end{bmatrix}")
    assert hard_decimal(sp.Matrix([1, sp.sqrt(2)])) is None


def test_entropy_of_a_die_is_written_with_ln(run):
    run(r"X \sim \operatorname{DiscreteUniform}(1, 6)")
    result = run("H(X)")
    assert r"\log" not in result.latex and r"\ln" in result.latex
    assert r"\ln p" in result.steps[0].title
