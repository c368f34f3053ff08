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
    (3 + sp.sqrt(5), r"3 + \sqrt{5}"),  # a number's rational part first
    (3 - sp.sqrt(5), r"3 - \sqrt{5}"),
    (sp.sqrt(5) + 3 + sp.pi, r"3 + \sqrt{5} + \pi"),
    (sp.E + 2, "2 + e"),
    (sp.Rational(1, 2) + sp.sqrt(5) / 2, r"\frac{1}{2} + \frac{\sqrt{5}}{2}"),
    (sp.sqrt(3) * sp.I - 2, r"\sqrt{3} i - 2"),
])
def test_sums_in_textbook_order(value, written):
    assert latex(value) == written


@pytest.mark.parametrize("value, written", [
    (3 + sp.sqrt(5), "3 + √5"), (sp.sqrt(3) - 1, "√3 - 1"), (1 - p, "1 - p"),
    (sp.E + 2, "2 + ℯ"),
])
def test_the_terminal_writes_sums_in_the_same_order(value, written):
    from symml.render.pretty import pretty

    assert pretty(value) == written


def test_eigenvalues_read_three_plus_root_five():
    ws = symml.Workspace()
    ws.run(r"S = \begin{bmatrix} 5 & -1 \\ -1 & 1 \end{bmatrix}")
    assert ws.run(r"\operatorname{eigvals}(S)").latex == \
        r"\left\{ 3 - \sqrt{5} : 1, \  3 + \sqrt{5} : 1\right\}"


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
    assert display.value_latex(nested) == r"\sqrt{2 + \sqrt{3}} \approx 1.93185"
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


@pytest.mark.parametrize("spelling", ["P(Y > 130)", r"\Pr(Y > 130)", "ℙ(Y > 130)",
                                      r"1 - P(Y \le 130)"])
def test_normal_probability_standardised_first(run, spelling):
    run(r"Y \sim \mathcal{N}(100, 15^2)")
    steps = run(spelling).steps
    assert steps[0].latex == r"z = \frac{130 - 100}{15} = 2"
    assert steps[1].line_latex[-2:] in [(r"P\left(Z > 2\right)", r"1 - \Phi\left(2\right)"),
                                        (r"P\left(Z \le 2\right)", r"\Phi\left(2\right)")]


def test_normal_range_in_standard_units(run):
    run(r"Y \sim \mathcal{N}(100, 15^2)")
    steps = run("P(85 < Y < 130)").steps
    assert [s.latex for s in steps[:2]] == [r"z = \frac{85 - 100}{15} = -1",
                                            r"z = \frac{130 - 100}{15} = 2"]
    assert steps[2].line_latex[1:] == (r"P\left(-1 < Z \le 2\right)",
                                       r"\Phi\left(2\right) - \Phi\left(-1\right)")


def test_symbolic_normal_probability_is_phi_of_the_z_score(run):
    run(r"X \sim \mathcal{N}(\mu, \sigma^2)")
    assert run("P(X < 1)").latex == r"\Phi\left(\frac{1 - \mu}{\sigma}\right)"


@pytest.mark.parametrize("declaration, call, lines", [
    (r"B \sim \operatorname{Binomial}(10, 0.3)", "E[B]",
     (r"\mathbb{E}[B]", r"10 \cdot \frac{3}{10}", "3")),
    (r"B \sim \operatorname{Binomial}(10, 0.3)", r"\operatorname{Var}(B)",
     (r"\operatorname{Var}(B)", r"10 \cdot \frac{3}{10} \cdot \left(1 - \frac{3}{10}\right)",
      r"\frac{21}{10}")),
    (r"N \sim \operatorname{Poisson}(3)", r"\mathbb{E}[N]", (r"\mathbb{E}[N]", "3")),
    (r"Z \sim \operatorname{Bernoulli}(p)", r"\operatorname{Var}(Z)",
     (r"\operatorname{Var}(Z)", r"p \cdot \left(1 - p\right)", r"p \left(1 - p\right)")),
])
def test_named_distribution_moments_by_their_rule(run, declaration, call, lines):
    run(declaration)
    result = run(call)
    assert len(result.steps) == 1 and result.steps[0].line_latex == lines
    assert "by its rule" in result.steps[0].title


def test_variance_derives_the_second_moment_first(run):
    run(r"D \sim \operatorname{DiscreteUniform}(1, 6)")
    steps = run(r"\operatorname{Var}(D)").steps
    assert steps[0].latex.startswith(r"1^{2} \cdot \frac{1}{6} + 2^{2} \cdot \frac{1}{6}")
    assert steps[0].latex.endswith(r"= \frac{91}{6}")
    assert steps[1].latex.endswith(r"6 \cdot \frac{1}{6} = \frac{7}{2}")
    assert steps[2].line_latex[-2:] == (r"\frac{91}{6} - \left(\frac{7}{2}\right)^{2}",
                                        r"\frac{35}{12}")


def test_expectation_shows_products_before_multiplying(run):
    run(r"D \sim \operatorname{DiscreteUniform}(1, 3)")
    step = run(r"E[2D + 1]").steps[0]
    assert step.title == (r"Expectation: \mathbb{E}[2 D + 1] = \sum_x \left(2 x + 1\right) "
                          r"P\left(D = x\right)")
    assert step.line_latex[0].startswith(r"\left(1 + 2 \cdot 1\right) \cdot \frac{1}{3}")


def test_entropy_of_a_fair_die_is_ln_6(run):
    run(r"X \sim \operatorname{DiscreteUniform}(1, 6)")
    assert run("H(X)").latex == r"\ln 6"
    assert latex(2 * sp.log(2) + 2 * sp.log(5)) == r"2 \ln 10"
    assert latex(2 * sp.log(2) - sp.Rational(3, 4) * sp.log(3)) == r"2 \ln 2 - \frac{3 \ln 3}{4}"


def test_estimate_of_a_variance_has_the_hat_on_sigma(run):
    result = run(r"\operatorname{MLE}(\mathcal{N}(\mu, \sigma^2), [1, 2, 3, 6])")
    assert result.steps[-1].latex == r"\hat{\mu} = 3,\quad \hat{\sigma}^{2} = \frac{7}{2}"
    assert not any(r"\hat{\sigma^" in step.latex for step in result.steps)


@pytest.mark.parametrize("value, written, text", [
    (70 + 10 * sp.sqrt(2) * sp.erfinv(sp.Rational(4, 5)),
     r"70 + 10 \Phi^{-1}\left(\frac{9}{10}\right)", "70 + 10⋅Φ⁻¹(9/10)"),
    (sp.sqrt(2) * sp.erfinv(2 * p - 1), r"\Phi^{-1}\left(p\right)", "Φ⁻¹(p)"),
    (-sp.sqrt(2) * sp.erfinv(sp.Rational(1, 2)), r"- \Phi^{-1}\left(\frac{3}{4}\right)",
     "-Φ⁻¹(3/4)"),
    ((x + 1) * sp.sqrt(2) * sp.erfinv(sp.Rational(1, 2)),
     r"\left(x + 1\right) \Phi^{-1}\left(\frac{3}{4}\right)", "(x + 1)⋅Φ⁻¹(3/4)"),
])
def test_a_normal_quantile_is_written_with_the_inverse_of_phi(value, written, text):
    """√2·erfinv(2p − 1) is Φ⁻¹(p), as the guide writes percentiles."""
    from symml.render.pretty import pretty

    assert (latex(value), pretty(value)) == (written, text)


@pytest.mark.parametrize("declaration, level, written", [
    (r"S \sim \mathcal{N}(70, 100)", "90", r"70 + 10 \Phi^{-1}\left(\frac{9}{10}\right)"),
    (r"S \sim \mathcal{N}(0, 4)", "75", r"2 \Phi^{-1}\left(\frac{3}{4}\right)"),
])
def test_a_percentile_of_a_normal_reads_mu_plus_sigma_times_the_quantile(declaration, level,
                                                                         written):
    ws = symml.Workspace()
    ws.run(declaration)
    assert ws.run(rf"\operatorname{{percentile}}(S, {level})").latex == written


@pytest.mark.parametrize("value, written, text", [
    (sp.erf(sp.sqrt(2) / 2), r"2 \Phi\left(1\right) - 1", "2⋅Φ(1) - 1"),
    (sp.erf(2 * sp.sqrt(2) / 5) / 2 - sp.Rational(1, 10),
     r"\Phi\left(\frac{4}{5}\right) - \frac{3}{5}", "Φ(4/5) - 3/5"),
    (sp.erfc(sp.sqrt(2)) / 2, r"1 - \Phi\left(2\right)", "1 - Φ(2)"),
    (sp.erf(sp.sqrt(2) / 2) ** 2, r"\left(2 \Phi\left(1\right) - 1\right)^{2}", None),
    (sp.erf(1), r"\operatorname{erf}{\left(1 \right)}", "erf(1)"),  # not a z-score: kept
    (sp.erf(x), r"\operatorname{erf}{\left(x \right)}", "erf(x)"),
])
def test_erf_of_a_z_score_is_written_with_phi(value, written, text):
    """erf(z/√2) = 2Φ(z) − 1 (z rational): a normal probability reads as the guide's Φ."""
    from symml.render.pretty import pretty

    assert latex(value) == written
    if text is not None:
        assert pretty(value) == text


def test_a_normal_probability_between_two_bounds_reads_two_phi_minus_one():
    ws = symml.Workspace()
    ws.run(r"S \sim \mathcal{N}(70, 100)")
    result = ws.run(r"P(60 < S \le 80)")
    assert result.latex == r"2 \Phi\left(1\right) - 1"
    assert result.value == sp.erf(sp.sqrt(2) / 2)  # the value itself is SymPy's


@pytest.mark.parametrize("value, written, text", [
    (1 / sp.sqrt(3), r"\frac{1}{\sqrt{3}}", "1 \n──\n√3"),
    (-sp.sqrt(2) / 2, r"- \frac{1}{\sqrt{2}}", " 1 \n-──\n √2"),
    (2 / sp.sqrt(3), r"\frac{2}{\sqrt{3}}", "2 \n──\n√3"),
    (sp.sqrt(3) / 6, r"\frac{\sqrt{3}}{6}", None),  # not p/√n: kept
    (1 - 1 / sp.sqrt(2), r"1 - \frac{1}{\sqrt{2}}", None),
])
def test_one_over_a_root_as_the_guide_writes_it(value, written, text):
    """p·√n/n is written p/√n (the guide's unit vector (1/√3, 1/√3, 1/√3))."""
    from symml.render.pretty import pretty

    assert latex(value) == written
    if text is not None:
        assert pretty(value) == text
