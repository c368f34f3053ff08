"""The guide's worked examples (../shared/guide.txt), run as a student would type them: the
guide's own intermediate lines appear in symml's steps, and the final value is the guide's.

Lines are compared by content: LaTeX with its spacing, `\\left`/`\\right` and `\\tfrac`
normalised away (`_norm`). Where the guide only states a rule (Bayes, E[X], the chain rules,
the update rule of gradient descent), the test checks that the step writes that rule and then
the numbers put into it. A line the guide shows and symml does not is a strict xfail naming it.
"""
import re

import pytest
import sympy as sp

from runs import run as _run

M = sp.ImmutableMatrix
x = sp.Symbol("x")

A22 = r"A = \begin{bmatrix} 1 & 2 \\ 3 & 4 \end{bmatrix}"
B22 = r"B = \begin{bmatrix} 5 & 6 \\ 7 & 8 \end{bmatrix}"
A23 = r"A = \begin{bmatrix} 1 & 2 & 3 \\ 4 & 5 & 6 \end{bmatrix}"
VECTOR_A = r"\mathbf{a} = \begin{bmatrix} 1 \\ 2 \\ 3 \end{bmatrix}"
VECTOR_B = r"\mathbf{b} = \begin{bmatrix} 4 \\ 5 \\ 6 \end{bmatrix}"
U = (r"\mathbf{u} = \begin{bmatrix} \tfrac{1}{\sqrt{3}} \\ \tfrac{1}{\sqrt{3}} \\ "
     r"\tfrac{1}{\sqrt{3}} \end{bmatrix}")
DIE = r"X \sim \operatorname{DiscreteUniform}(1, 6)"
CDF = r"F(x) = P(X \le x)"


def _norm(latex: str) -> str:
    """LaTeX compared by content: no spaces, no \\left/\\right, \\tfrac as \\frac, × as ·,
    x^2 as x^{2}."""
    latex = latex.replace(r"\tfrac", r"\frac").replace(r"\times", r"\cdot")
    latex = re.sub(r"\\(left|right)(?![a-zA-Z])", "", latex)
    latex = re.sub(r"\^(\w)", r"^{\1}", latex)  # x^2 is x^{2}
    return re.sub(r"\s+|\\[,;!]", "", latex)


def _shown(result) -> str:
    """Every title and line of the steps, normalised, one per line."""
    return "\n".join(_norm(text) for step in result.steps for text in (step.title, step.latex))


def _assert_lines_shown(result, *guide_lines):
    shown = _shown(result)
    for line in guide_lines:
        assert _norm(line) in shown, f"{line!r} not in the steps:\n{shown}"


def test_transpose_flips_over_the_diagonal():
    # the guide shows no intermediate line here: A ⟹ Aᵀ
    assert _run([A23], "A^T").value == M([[1, 4], [2, 5], [3, 6]])


def test_dot_product_sums_the_products():
    result = _run([VECTOR_A, VECTOR_B], r"\mathbf{a} \cdot \mathbf{b}")
    _assert_lines_shown(result, r"\mathbf{a} \cdot \mathbf{b} = 1\cdot 4 + 2\cdot 5 + 3\cdot 6 = 32")
    assert result.value == 32


@pytest.mark.parametrize("spelling", [r"A \circ B", r"A \odot B"])
def test_hadamard_product_entry_by_entry(spelling):
    result = _run([A22, B22], spelling)
    _assert_lines_shown(
        result, r"\begin{bmatrix} 1\cdot 5 & 2\cdot 6 \\ 3\cdot 7 & 4\cdot 8 \end{bmatrix}"
                r"= \begin{bmatrix} 5 & 12 \\ 21 & 32 \end{bmatrix}")
    assert result.value == M([[5, 12], [21, 32]])


@pytest.mark.parametrize("spelling", ["AB", r"A B", r"\mathbf{A}\mathbf{B}"])
def test_matrix_product_row_times_column(spelling):
    result = _run([A22, B22], spelling)
    _assert_lines_shown(
        result, r"\begin{bmatrix} 1\cdot 5 + 2\cdot 7 & 1\cdot 6 + 2\cdot 8 \\ "
                r"3\cdot 5 + 4\cdot 7 & 3\cdot 6 + 4\cdot 8 \end{bmatrix}"
                r"= \begin{bmatrix} 19 & 22 \\ 43 & 50 \end{bmatrix}")
    assert result.value == M([[19, 22], [43, 50]])


def test_unit_vector_norm_in_the_guides_form():
    result = _run([U], r"\|\mathbf{u}\|_2")
    _assert_lines_shown(result, r"\sqrt{\left(\tfrac{1}{\sqrt{3}}\right)^2 + "
                                r"\left(\tfrac{1}{\sqrt{3}}\right)^2 + "
                                r"\left(\tfrac{1}{\sqrt{3}}\right)^2} = 1")
    assert result.value == 1


def test_einsum_transpose():
    result = _run([r"A = \begin{bmatrix} 1 & 2 \\ 3 & 4 \end{bmatrix}"],
                  r"\operatorname{einsum}('ij->ji', A)")
    _assert_lines_shown(result, r"C_{j,i} = A_{i,j}")
    assert result.value == M([[1, 3], [2, 4]])


def test_einsum_dot_product():
    result = _run([r"A = \begin{bmatrix} 1 \\ 2 \\ 3 \end{bmatrix}",
                   r"B = \begin{bmatrix} 4 \\ 5 \\ 6 \end{bmatrix}"],
                  r"\operatorname{einsum}('i,i', A, B)")
    _assert_lines_shown(result, r"\sum_{i} A_{i} B_{i}", r"1 \cdot 4 + 2 \cdot 5 + 3 \cdot 6 = 32")
    assert result.value == 32


def test_einsum_matrix_product_sums_the_common_index():
    result = _run([A22, B22], r"\operatorname{einsum}('ij,jk->ik', A, B)")
    _assert_lines_shown(result, r"C_{i,k} = \sum_{j} A_{i,j} B_{j,k}",
                        r"= \begin{bmatrix} 19 & 22 \\ 43 & 50 \end{bmatrix}")
    assert result.value == M([[19, 22], [43, 50]])


def test_eigenvalues_via_the_characteristic_polynomial():
    # the guide's Av = λv, on the symmetric 2×2 matrix its test list uses
    result = _run([r"\mathbf{A} = \begin{bmatrix} 2 & 1 \\ 1 & 2 \end{bmatrix}"],
                  r"\mathbf{A}\mathbf{v} = \lambda\mathbf{v}")
    shown = _shown(result)
    assert _norm(r"- \lambda I") in shown and _norm(r"(\lambda - 3) (\lambda - 1)") in shown
    assert _norm(r"\operatorname{span}\{\begin{bmatrix}1\\1\end{bmatrix}\}") in shown
    assert result.value == sp.Tuple(sp.Tuple(1, 1, sp.Tuple(M([-1, 1]))),
                                    sp.Tuple(3, 1, sp.Tuple(M([1, 1]))))


def test_conditional_probability_is_the_joint_over_the_given():
    result = _run([r"P(A) = 0.3", r"P(B) = 0.5", r"P(A \cap B) = 0.15"], r"P(A|B)")
    _assert_lines_shown(result, r"P(A \mid B) = \frac{P(A \cap B)}{P(B)} = "
                                r"\frac{\frac{3}{20}}{\frac{1}{2}} = \frac{3}{10}")
    assert result.value == sp.Rational(3, 10)


def test_bayes_posterior_is_likelihood_times_prior_over_evidence():
    result = _run([r"P(A) = 0.01", r"P(B \mid A) = 0.9", r"P(B \mid \neg A) = 0.05"],
                  r"P(A \mid B)")
    _assert_lines_shown(
        result,
        r"P(B) = P(B \mid A) P(A) + P(B \mid \neg A) P(\neg A)",  # the evidence, derived first
        r"P(A \mid B) = \frac{P(B \mid A) P(A)}{P(B)} = "
        r"\frac{\frac{9}{10} \cdot \frac{1}{100}}{\frac{117}{2000}} = \frac{2}{13}")
    assert result.value == sp.Rational(2, 13)


def test_expected_value_of_a_die_sums_x_times_p():
    result = _run([DIE], "E[X]")
    _assert_lines_shown(result, r"\sum_x x P(X = x)",
                        r"1 \cdot \frac{1}{6} + 2 \cdot \frac{1}{6} + 3 \cdot \frac{1}{6} + "
                        r"4 \cdot \frac{1}{6} + 5 \cdot \frac{1}{6} + 6 \cdot \frac{1}{6} = \frac{7}{2}")
    assert result.value == sp.Rational(7, 2)


def test_variance_of_a_die_derives_the_second_moment_first():
    result = _run([DIE], r"\operatorname{Var}(X)")
    _assert_lines_shown(result, r"= \frac{91}{6}",
                        r"\frac{91}{6} - \left(\frac{7}{2}\right)^{2} = \frac{35}{12}")
    shown = _shown(result)
    assert shown.index(_norm(r"= \frac{91}{6}")) < shown.index(_norm(r"\frac{91}{6} -"))
    assert result.value == sp.Rational(35, 12)


def test_entropy_of_a_die_in_nats():
    result = _run([DIE], "H(X)")
    _assert_lines_shown(result, r"\frac{1}{6} \ln \frac{1}{6}", r"= \ln 6")
    assert sp.logcombine(result.value) == sp.log(6) and result.latex == r"\ln 6"


def test_marginal_by_the_sum_rule():
    result = _run([r"(A, B) \sim \begin{bmatrix} 0.1 & 0.2 \\ 0.3 & 0.4 \end{bmatrix}"],
                  r"P(A = 1)")
    _assert_lines_shown(result, r"P(A = 1) = \frac{1}{10} + \frac{1}{5} = \frac{3}{10}")
    assert result.value == sp.Rational(3, 10)


@pytest.mark.parametrize("spelling", [r"P(a < X \le b)", r"P(2 < X \le 5)", r"P(X \le 5, X > 2)",
                                      r"P(5 \ge X > 2)"])
def test_probability_of_a_range_through_the_cdf(spelling):
    result = _run([DIE, CDF, "a = 2", "b = 5"], spelling)
    _assert_lines_shown(result, r"P(a < X \le b) = F(b) - F(a)",
                        r"P(2 < X \le 5) = F(5) - F(2) = \frac{5}{6} - \frac{1}{3} = \frac{1}{2}")
    assert result.value == sp.Rational(1, 2)


@pytest.mark.parametrize("spelling, value", [(r"P(2 \le X \le 5)", sp.Rational(2, 3)),
                                             (r"P(2 < X < 5)", sp.Rational(1, 3))])
def test_other_discrete_ranges_are_not_written_as_f_b_minus_f_a(spelling, value):
    # for a discrete X, < and ≤ differ: only a < X ≤ b is F(b) − F(a) as written
    result = _run([DIE], spelling)
    assert "F(b) - F(a)" not in _shown(result) and result.value == value


def test_derivative_by_the_power_rule():
    result = _run([r"f(x) = x^3"], "f'(x)")
    _assert_lines_shown(result, r"\frac{d}{d x}\left(x^{3}\right) = 3 x^{2}")
    assert result.value == 3 * x**2


def test_chain_rule_outer_derivative_times_inner():
    result = _run([r"f(u) = \sin u", "g(x) = x^2"], r"\frac{d}{dx} f(g(x))")
    # f'(g(x)) · g'(x), then g'(x) by the power rule
    _assert_lines_shown(result, r"= \cos{\left(x^{2} \right)} \cdot \frac{d}{d x}\left(x^{2}\right)",
                        r"\frac{d}{d x}\left(x^{2}\right) = 2 x")
    assert result.value == 2 * x * sp.cos(x**2)


def test_multivariable_chain_rule_and_product_rule():
    result = _run([r"f(u, v) = u v", r"u = x^2", r"v = \sin x", r"y = f(u, v)"],
                  r"\frac{dy}{dx}")
    _assert_lines_shown(
        result,
        r"\frac{dy}{dx} = \frac{\partial f}{\partial u} \cdot \frac{du}{dx} + "
        r"\frac{\partial f}{\partial v} \cdot \frac{dv}{dx}",  # the guide's line, with its \cdot
        r"\frac{d}{d x}\left(x^{2}\right) \cdot \sin{\left(x \right)} + "
        r"x^{2} \cdot \frac{d}{d x}\left(\sin{\left(x \right)}\right)")
    assert result.value == x**2 * sp.cos(x) + 2 * x * sp.sin(x)


def test_gradient_is_the_column_of_partial_derivatives():
    x_, y_ = sp.symbols("x y")
    result = _run([r"f(x, y) = x^2 y"], r"\nabla f")
    _assert_lines_shown(result, r"\frac{\partial f}{\partial x} = 2 x y",
                        r"\frac{\partial f}{\partial y} = x^{2}",
                        r"\nabla f = \begin{bmatrix}2 x y\\x^{2}\end{bmatrix}")
    assert result.value == M([2 * x_ * y_, x_**2])


def test_gradient_descent_step():
    result = _run([r"J(\theta) = (\theta - 3)^2", r"\theta_{\text{old}} = 0", r"\eta = 0.1"],
                  r"\theta_{\text{new}} = \theta_{\text{old}} - \eta \nabla J(\theta)")
    _assert_lines_shown(result, r"\frac{\partial J}{\partial \theta} = 2 \theta - 6",
                        r"\nabla J(0) = \begin{bmatrix}-6\end{bmatrix}",
                        r"= 0 - \frac{1}{10} \cdot (-6) = \frac{3}{5}")
    assert result.value == sp.Rational(3, 5)
