"""NOTATION §4 audit: spellings of every calculus row that once failed or gave a wrong or
ugly answer, each with its exact value (checked against SymPy), LaTeX or steps."""
import pytest
import sympy as sp

import symml

x, y, theta = sp.symbols("x y theta")


def titles(result):
    return [step.title for step in result.steps]


# --- derivative operators: what follows them is the operand ------------------------------
@pytest.mark.parametrize("spelling, value", [
    (r"\frac{d}{dx}(x^2+1)^3", sp.diff((x**2 + 1)**3, x)),       # was 8x^3: power of d/dx
    (r"\frac{d}{dx} (2x+1)^3", sp.diff((2 * x + 1)**3, x)),      # was 8
    (r"\frac{d}{dx}(2x+1)^{10}", sp.diff((2 * x + 1)**10, x)),   # was 1024
    (r"\frac{d}{dx}\left(x^2\right)^3", 6 * x**5),
    (r"\frac{\mathrm{d}}{\mathrm{d}x}\left(x^2 + 1\right)^2", 4 * x * (x**2 + 1)),
    (r"\frac{d}{dx}(x+1)(x-1)", 2 * x),                          # was x - 1
    (r"\frac{d}{dx}\left[x^2\right]", 2 * x),                    # was a parse error
    (r"\frac{d}{dx}\left[x^2 + 1\right]^2", 4 * x * (x**2 + 1)),
    (r"\left(\frac{d}{dx}(x^2)\right)^2", 4 * x**2),             # the bracket closes it
    (r"{\frac{d}{dx}(x^2)}^2", 4 * x**2),
    (r"\frac{d}{dx}(x^2) + 1", 2 * x + 1),
    (r"\frac{\partial}{\partial x}(x^2 y)^2", 4 * x**3 * y**2),
    (r"-\frac{d}{dx} x^2", -2 * x),                              # was a parse error
    (r"\frac{d}{dx} -x^2", -2 * x),                              # was a parse error
    (r"\frac{d}{dx} -\sin x", -sp.cos(x)),
    (r"\frac{d}{dx} -x^2 + 1", 1 - 2 * x),
    ("d/dx x^2", 2 * x),                                         # was 1/x^3
    ("d/dx(x^2)", 2 * x),
    ("d/dx (x^3 + x)", 3 * x**2 + 1),
    ("d^2/dx^2 x^4", 12 * x**2),
    ("∂/∂x x^2 y", 2 * x * y),
    ("∂/∂x(x^2 y)", 2 * x * y),
    ("∂/∂y (x^2 y)", x**2),
    (r"\frac{d}{dx} \sqrt[3]{x}", sp.diff(sp.cbrt(x), x)),
    (r"\frac{d}{dx} \log_2 x", 1 / (x * sp.log(2))),
    (r"\frac{d^2}{dx^2} \sin x", -sp.sin(x)),
    (r"\frac{d}{d\theta} \theta^2", 2 * theta),
])
def test_derivative_operator_spellings(run, spelling, value):
    assert sp.simplify(run(spelling).value - value) == 0


def test_slash_forms_keep_their_old_meanings(run):
    assert run("dy/dx").value == sp.Derivative(sp.Function("y")(x), x)
    assert run("a/b").value == sp.Symbol("a") / sp.Symbol("b")


# --- derivatives of a defined function at a point -----------------------------------------
@pytest.mark.parametrize("definition, spelling, value", [
    (r"f(x) = x^3 + 2x", r"\frac{df}{dx}(2)", 14),                # was 2·f'(x)
    (r"f(x) = x^3 + 2x", r"\frac{d^2 f}{dx^2}(2)", 12),
    (r"f(x) = x^3 + 2x", r"f'(2)", 14),
    (r"f(x) = x^3 + 2x", r"f''(2)", 12),
    (r"f(x) = x^3 + 2x", r"\frac{df}{dx}(x)", 3 * x**2 + 2),
    (r"f(x, y) = x^2 y", r"\frac{\partial f}{\partial x}(1, 2)", 4),   # was an error
    (r"f(x, y) = x^2 y", r"\frac{\partial f}{\partial y}(3, 5)", 9),
    (r"f(x, y) = x^2 y", r"\frac{\partial^2 f}{\partial x \partial y}(1, 2)", 2),
])
def test_derivative_at_a_point(run, definition, spelling, value):
    run(definition)
    assert run(spelling).value == value


def test_derivative_at_a_point_ends_with_the_evaluation_step(run):
    run(r"f(x, y) = x^2 y")
    result = run(r"\frac{\partial f}{\partial x}(1, 2)")
    assert result.steps[-1].title == "Evaluate at the point"
    assert result.steps[-1].latex == r"\left.2 x y\right|_{x = 1, y = 2} = 4"


def test_a_leibniz_derivative_of_an_undefined_name_before_brackets_is_a_product(run):
    assert run(r"\frac{dy}{dx}(x+1)").value == (x + 1) * sp.Derivative(sp.Function("y")(x), x)


# --- derivative steps: rules in order, evaluated parts printed as usual --------------------
@pytest.mark.parametrize("expression, rules", [
    ("(2x+1)^3", ["Chain rule", "Sum rule", "Constant multiple rule", "Power rule",
                  "Constant rule"]),
    (r"-x^2", ["Constant multiple rule", "Power rule"]),
    (r"\frac{x+1}{x-1}", ["Quotient rule", "Sum rule", "Power rule", "Constant rule",
                          "Sum rule", "Power rule", "Constant rule"]),
    (r"\ln(x^2 + 1)", ["Chain rule", "Sum rule", "Power rule", "Constant rule"]),
    (r"e^{3x}", ["Chain rule", "Constant multiple rule", "Power rule"]),
    (r"\cos x", ["Trigonometric rule"]),
    ("5", ["Constant rule"]),
])
def test_rule_names_in_the_order_a_student_applies_them(run, expression, rules):
    assert titles(run(r"\frac{d}{dx} " + expression)) == rules + ["Result"]


@pytest.mark.parametrize("expression, line", [
    ("(x-3)^2", r"\frac{d}{d x}\left(\left(x - 3\right)^{2}\right) = "
                r"2 \left(x - 3\right) \cdot \frac{d}{d x}\left(x - 3\right)"),  # not 2·(-3 + x)
    ("(2x+1)^3", r"\frac{d}{d x}\left(\left(2 x + 1\right)^{3}\right) = "
                 r"3 \left(2 x + 1\right)^{2} \cdot \frac{d}{d x}\left(2 x + 1\right)"),
    ("e^{3x}", r"\frac{d}{d x}\left(e^{3 x}\right) = e^{3 x} \cdot \frac{d}{d x}\left(3 x\right)"),
    (r"\frac{x+1}{x-1}",
     r"\frac{d}{d x}\left(\frac{x + 1}{x - 1}\right) = \frac{\frac{d}{d x}\left(x + 1\right) "
     r"\cdot \left(x - 1\right) - \left(x + 1\right) \cdot \frac{d}{d x}\left(x - 1\right)}"
     r"{\left(x - 1\right)^{2}}"),
])
def test_first_step_line_prints_evaluated_parts_in_the_usual_order(run, expression, line):
    assert run(r"\frac{d}{dx} " + expression).steps[0].latex == line


def test_chain_rule_result_shows_the_rules_form_then_sympys(run):
    result = run(r"\frac{d}{dx}(x-3)^2")
    assert result.value == 2 * x - 6
    assert result.steps[-1].latex == (r"\frac{d}{d x}\left(\left(x - 3\right)^{2}\right) = "
                                      r"2 \left(x - 3\right) = 2 x - 6")


# --- one-sided limits -----------------------------------------------------------------------
@pytest.mark.parametrize("spelling, value", [
    (r"\lim_{x \to 0^+} \frac{1}{x}", sp.oo),                    # was a parse error
    (r"\lim_{x \to 0^-} \frac{1}{x}", -sp.oo),
    (r"\lim_{x \to 0^{+}} \ln x", -sp.oo),
    (r"\lim_{x \to 0^{-}} \frac{|x|}{x}", -1),
    (r"\lim_{x \to 0^+} \frac{|x|}{x}", 1),
    (r"\lim_{x → 0⁺} \frac{1}{x}", sp.oo),
    (r"\lim_{x \to 0^+} x \ln x", 0),
    (r"\lim_{x \to 1^-} \frac{1}{x - 1}", -sp.oo),
    (r"\lim_{x \to +\infty} \frac{x}{x+1}", 1),
    (r"\lim_{x \to -\infty} e^x", 0),
    (r"\lim_{h \to 0} \frac{(x+h)^2 - x^2}{h}", 2 * x),
])
def test_limits(run, spelling, value):
    assert run(spelling).value == value


def test_one_sided_limit_step_shows_the_side(run):
    assert run(r"\lim_{x \to 0^+} \frac{1}{x}").steps[0].latex == (
        r"\lim_{x \to 0^+} \frac{1}{x} = \infty")


def test_a_one_sided_point_outside_a_limit_is_a_parse_error():
    with pytest.raises(symml.ParseError, match="belongs in a limit"):
        symml.parse("x^+ + 1")


# --- radicals written in Unicode -----------------------------------------------------------
@pytest.mark.parametrize("spelling, value", [
    ("√16", 4),                                                  # was 6: √1 · 6
    ("√0.25", sp.Rational(1, 2)),
    ("2√9", 6),
    ("√(x+1)", sp.sqrt(x + 1)),
    ("∛8", 2),
    ("∛27", 3),
    ("∜16", 2),
    ("∛x", sp.cbrt(x)),
    (r"\sqrt[4]{16}", 2),
    (r"\sqrt[n]{x}", x**(1 / sp.Symbol("n"))),
])
def test_radicals(run, spelling, value):
    assert run(spelling).value == value


# --- gradient descent --------------------------------------------------------------------
@pytest.mark.parametrize("update", [
    r"\theta_{new} = \theta_{old} - \eta \nabla_\theta J(\theta)",   # was 3/5 - θ/5
    r"\theta_{new} = \theta_{old} - \eta \nabla_{\theta} J",
    r"\theta_{new} = \theta_{old} - \eta \nabla J",
    r"θ_new = θ_old - η ∇_θ J(θ)",
    r"\theta_{new} = \theta_{old} - \eta J'(\theta)",                # was 3/5 - θ/5
    r"\theta_{new} = \theta_{old} - \eta \frac{dJ}{d\theta}",
])
def test_descent_update_spellings(run, update):
    run(r"J(\theta) = (\theta - 3)^2", r"\theta_{old} = 0", r"\eta = \frac{1}{10}")
    result = run(update)
    assert result.kind == "definition" and result.value == sp.Rational(3, 5)
    assert result.steps[-1].latex == (r"\theta_{new} = 0 - \frac{1}{10} \cdot \left(-6\right)"
                                      r" = \frac{3}{5}")
    assert run(r"\theta_{new}").value == sp.Rational(3, 5)


def test_descent_update_of_a_vector_with_respect_to_it(run):
    run(r"J(w_1, w_2) = w_1^2 + 2 w_2^2", r"\mathbf{w}_{old} = \begin{bmatrix} 1 \\ 1 \end{bmatrix}",
        r"\eta = 0.1")
    result = run(r"\mathbf{w}_{new} = \mathbf{w}_{old} - \eta \nabla_{\mathbf{w}} J(\mathbf{w})")
    assert result.value == sp.ImmutableMatrix([sp.Rational(4, 5), sp.Rational(3, 5)])


@pytest.mark.parametrize("start", [r"\begin{bmatrix} 1 \\ 2 \end{bmatrix}", "(1, 2)", "[1, 2]"])
def test_gradient_descent_from_a_point_written_any_way(run, start):
    run("J(x, y) = x^2 + y^2")
    result = run(rf"\operatorname{{GD}}(J, {start}, 0.25, 2)")
    assert result.value == sp.ImmutableMatrix([sp.Rational(1, 4), sp.Rational(1, 2)])


def test_gradient_descent_steps_are_one_line_per_iterate(run):
    run(r"J(\theta) = (\theta - 3)^2")
    result = run(r"\operatorname{GD}(J, 0, 0.1, 3)")
    assert result.value == sp.Rational(183, 125)
    assert titles(result) == ["Gradient", "Step 1", "Step 2", "Step 3"]
    assert result.steps[2].latex == (
        r"\theta_{2} = \theta_{1} - \eta \nabla J\left(\theta_{1}\right) = \frac{3}{5} - "
        r"\frac{1}{10} "
        r"\cdot \left(- \frac{24}{5}\right) = \frac{27}{25}")


# --- Hessian verdicts at points ------------------------------------------------------------
M = sp.ImmutableMatrix


@pytest.mark.parametrize("function, point, hessian, verdict", [
    ("x^2 + 3y^2 - 2x", "(1, 0)", M([[2, 0], [0, 6]]), "positive definite, so a local minimum"),
    ("-x^2 - y^2 + 2y", "(0, 1)", M([[-2, 0], [0, -2]]), "negative definite, so a local maximum"),
    ("x^2 - y^2", "(0, 0)", M([[2, 0], [0, -2]]), "indefinite, so a saddle point"),
    ("x^4 + y^2", "(0, 0)", M([[0, 0], [0, 2]]),
     "semidefinite, so the second-derivative test is inconclusive"),
    ("x^2 + 3y^2 - 2x", "(0, 0)", M([[2, 0], [0, 6]]),
     "positive definite, but the gradient is not 0 there, so it is not a critical point"),
])
@pytest.mark.parametrize("operator", [r"\nabla^2 f", "H_f", r"\mathbf{H}_f", "∇²f"])
def test_hessian_verdict_at_a_point(run, function, point, hessian, verdict, operator):
    run(f"f(x, y) = {function}")
    result = run(operator + point)
    assert result.value == hessian
    assert result.steps[-1].title == f"Eigenvalues of the Hessian: {verdict}"


# --- the guide's displays that chain equalities ---------------------------------------------
def test_matrix_product_written_out_and_equal_to_its_value_is_a_true_check(run):
    run(r"A = \begin{bmatrix} 1 & 2 \\ 3 & 4 \end{bmatrix}",
        r"B = \begin{bmatrix} 5 & 6 \\ 7 & 8 \end{bmatrix}")
    result = run(r"AB = \begin{bmatrix} 1\cdot 5 + 2\cdot 7 & 1\cdot 6 + 2\cdot 8 \\ 3\cdot 5 + "
                 r"4\cdot 7 & 3\cdot 6 + 4\cdot 8 \end{bmatrix} = "
                 r"\begin{bmatrix} 19 & 22 \\ 43 & 50 \end{bmatrix}")
    assert result.kind == "check" and result.value == sp.true
    wrong = run(r"AB = \begin{bmatrix} 19 & 22 \\ 43 & 50 \end{bmatrix} = "
                r"\begin{bmatrix} 19 & 22 \\ 43 & 51 \end{bmatrix}")
    assert wrong.value == sp.false


# --- audit: derivatives on the reals, evaluation bars, other derivative spellings ------------
def test_derivative_of_an_absolute_value_is_the_sign_on_the_reals(run):
    result = run(r"\frac{d}{dx}|x|")
    assert result.value == sp.sign(x)
    assert result.latex == r"\operatorname{sign}{\left(x \right)}"
    assert all(not e.atoms(sp.Dummy) for step in result.steps for e in step.exprs
               if isinstance(e, sp.Basic))  # steps show the student's x
    run("f(x, y) = |x| + y^2")
    assert run(r"\nabla f").value == M([sp.sign(x), 2 * y])
    assert run(r"\frac{\partial f}{\partial x}").value == sp.sign(x)
    run("g(x) = |x|")
    assert run("g'(x)").value == sp.sign(x)


def test_derivatives_keep_the_users_symbols(run):
    assert run(r"\frac{d}{dx} x^3").value == 3 * x**2  # the plain x, not a real copy
    run(r"t \in \mathbb{R}")
    assert run(r"\frac{d}{dt}|t|").value == sp.sign(sp.Symbol("t", real=True))


@pytest.mark.parametrize("spelling, value", [
    (r"\int \frac{dx}{x}", sp.log(x)),
    (r"\int \frac{1}{x}\,dx", sp.log(x)),
    (r"\int \frac{1}{x} dx", sp.log(x)),
    (r"\int \frac{\mathrm{d}x}{x}", sp.log(x)),
    (r"∫ \frac{dθ}{θ}", sp.log(theta)),
    (r"\int_1^e \frac{dx}{x}", 1),
    (r"\int_0^1 \frac{x\,dx}{1+x^2}", sp.log(2) / 2),
    (r"\int_{0}^{1} \frac{2 dx}{x+1} + 1", 2 * sp.log(2) + 1),
])
def test_a_differential_in_the_numerator_is_the_integrals(run, spelling, value):
    assert run(spelling).value == value


@pytest.mark.parametrize("spelling", [
    r"\left.\frac{df}{dx}\right|_{x=2}", r"\frac{df}{dx}\Big|_{x=2}", r"\frac{df}{dx}|_{x=2}",
    r"\frac{df}{dx}\bigg|_{x=2}", r"\left. \frac{d}{dx} f(x) \right|_{x = 2}",
    r"\frac{d}{dx} (x^3 + 2x) \Big|_{x=2}",
])
def test_evaluation_bar_gives_the_derivative_at_the_point(run, spelling):
    run("f(x) = x^3 + 2x")
    result = run(spelling)
    assert result.value == 14
    assert result.steps[-1].title == "Evaluate at the point"
    assert result.steps[-1].latex == r"\left.3 x^{2} + 2\right|_{x = 2} = 14"


def test_evaluation_bar_of_several_variables_and_in_a_check(run):
    assert run(r"x^2 y \Big|_{x=1, y=2}").value == 2
    run("f(x) = x^3")
    assert run(r"\left.\frac{df}{dx}\right|_{x=2} = 12").value == sp.true
    assert run(r"2|x| + |y|").value == 2 * sp.Abs(x) + sp.Abs(y)  # bars still pair


@pytest.mark.parametrize("definition, spelling, value", [
    (r"f(x, y) = x^2 y", "∂f/∂x(1, 2)", 4),
    (r"f(x, y) = x^2 y", "∂f/∂y(3, 5)", 9),
    (r"f(x, y) = x^2 y", "∂^2 f/∂x∂y(1, 2)", 2),
    (r"f(x) = x^3 + 2x", "df/dx(2)", 14),
    (r"f(x) = x^3 + 2x", "f^{(2)}(x)", 6 * x),
    (r"f(x) = x^3 + 2x", "f^{(2)}(2)", 12),
    (r"f(x) = x^3 + 2x", "f^{(1)}(2)", 14),
    (r"f(x) = x^3 + 2x", "f⁽²⁾(2)", 12),
])
def test_slash_and_order_forms_at_a_point(run, definition, spelling, value):
    run(definition)
    assert run(spelling).value == value


def test_order_superscript_without_a_call_stays_a_power(run):
    assert run("x^{(2)}").value == x**2
    assert run("h^{(2)}(x)").value == sp.Derivative(sp.Function("h")(x), (x, 2))
    assert run("dy/dx(x+1)").value == (x + 1) * sp.Derivative(sp.Function("y")(x), x)


@pytest.mark.parametrize("spelling, value", [
    (r"\max\{1, 2\}", 2), (r"\min\{3, 1, 2\}", 1), (r"\max\{x, y\}", sp.Max(x, y)),
    (r"\max\left\{1, \frac{5}{2}\right\}", sp.Rational(5, 2)),
])
def test_max_and_min_of_a_braced_set(run, spelling, value):
    assert run(spelling).value == value


@pytest.mark.parametrize("statement, expected", [
    (r"\frac{d}{dx} \ln|x|", 1 / x),
    (r"\frac{d}{dx} \log|2x+1|", 2 / (2 * x + 1)),
    (r"\frac{d}{dx} x^2 |x|", x**2 * sp.sign(x) + 2 * x * sp.Abs(x)),
])
def test_sign_over_absolute_value_is_tidied_on_the_reals(run, statement, expected):
    assert run(statement).value == expected
