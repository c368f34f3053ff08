"""NOTATION §4: derivatives, gradients, Jacobians, Hessians, descent, integrals, limits."""
import pytest
import sympy as sp

import symml

x, y, t, n = sp.symbols("x y t n")


def titles(result):
    return [step.title for step in result.steps]


@pytest.mark.parametrize("spelling", [r"\frac{d}{dx} x^3", r"\frac{d}{dx}\left( x^3 \right)",
                                      r"\frac{d}{dx}(x^3)"])
def test_derivative_spellings(run, spelling):
    assert run(spelling).value == 3 * x**2


def test_product_rule_steps_in_the_order_a_student_applies_them(run):
    result = run(r"\frac{d}{dx}\left( x^2 \sin x \right)")
    assert result.value == x**2 * sp.cos(x) + 2 * x * sp.sin(x)
    assert titles(result) == ["Product rule", "Power rule", "Trigonometric rule", "Result"]
    assert result.steps[-1].latex.endswith(
        r"= x^{2} \cos{\left(x \right)} + 2 x \sin{\left(x \right)}")


@pytest.mark.parametrize("expression, rules", [
    (r"\left(3x^2 + 5\right)", ["Sum rule", "Constant multiple rule", "Power rule", "Constant rule"]),
    (r"\frac{\sin x}{x}", ["Quotient rule", "Trigonometric rule", "Power rule"]),
    (r"e^{x^2}", ["Chain rule", "Power rule"]),
    (r"\ln x", ["Logarithm rule"]),
    (r"\exp(x)", ["Exponential rule"]),
    (r"\sin(x^2)", ["Chain rule", "Power rule"]),
])
def test_rules_are_named(run, expression, rules):
    result = run(r"\frac{d}{dx} " + expression)
    assert titles(result)[:-1] == rules
    assert titles(result)[-1] == "Result"


def test_function_notations_for_derivatives(run):
    run("f(x) = x^3 + x")
    assert run(r"\frac{df}{dx}").value == 3 * x**2 + 1
    assert run("f'(x)").value == 3 * x**2 + 1
    assert run("f''(x)").value == 6 * x
    assert run("f'(2)").value == 13
    assert run(r"\frac{d}{dx} f(x)").value == 3 * x**2 + 1


def test_second_derivative_with_d2(run):
    run("y = x^4")
    assert run(r"\frac{d^2 y}{dx^2}").value == 12 * x**2


@pytest.mark.parametrize("spelling", [r"\frac{\partial f}{\partial x}", r"\partial_x f", "∂f/∂x",
                                      r"\frac{\partial}{\partial x} f"])
def test_partial_derivative_spellings(run, spelling):
    run("f(x, y) = x^2 y")
    assert run(spelling).value == 2 * x * y


def test_partial_of_an_expression_and_mixed_partial(run):
    assert run(r"\frac{\partial}{\partial x}(x^2 y)").value == 2 * x * y
    run("f(x, y) = x^2 y^3")
    assert run(r"\frac{\partial^2 f}{\partial x \partial y}").value == 6 * x * y**2


@pytest.mark.parametrize("spelling", [r"\nabla f", "∇f", r"\nabla_{\mathbf{x}} f"])
def test_gradient_is_a_column(run, spelling):
    run("f(x, y) = x^2 y")
    result = run(spelling)
    assert result.value == sp.Matrix([2 * x * y, x**2])
    assert result.latex == r"\begin{bmatrix}2 x y\\x^{2}\end{bmatrix}"


def test_gradient_at_a_point(run):
    run("f(x, y) = x^2 y")
    result = run(r"\nabla f(1, 2)")
    assert result.value == sp.Matrix([4, 1])
    assert titles(result)[-1] == "Evaluate at the point"


def test_gradient_with_respect_to_theta(run):
    run(r"J(\theta) = (\theta - 3)^2")
    assert run(r"\nabla_\theta J(\theta)").value == sp.Matrix([2 * sp.Symbol("theta") - 6])


def test_chain_rule_with_abstract_functions(run):
    result = run(r"\frac{d}{dx} f(g(x))")
    assert titles(result)[0] == "Chain rule"
    assert r"f'\left(g{\left(x \right)}\right) \cdot g'\left(x\right)" in result.steps[0].latex
    assert result.value == sp.diff(sp.Function("f")(sp.Function("g")(x)), x)


def test_chain_rule_with_defined_functions(run):
    run("g(x) = x^2 + 1", r"f(u) = \sin u")
    result = run(r"\frac{d}{dx} f(g(x))")
    assert result.value == 2 * x * sp.cos(x**2 + 1)
    assert "Chain rule" in titles(result)


def test_multivariable_chain_rule(run):
    run("f(u, v) = u^2 v", "u = x^2", r"v = \sin x", "y = f(u, v)")
    result = run(r"\frac{dy}{dx}")
    assert result.value == sp.diff(x**4 * sp.sin(x), x)
    step = result.steps[0]
    assert step.title == "Multivariable chain rule"
    assert (r"\frac{\partial f}{\partial u}\frac{du}{dx} + "
            r"\frac{\partial f}{\partial v}\frac{dv}{dx}") in step.latex


@pytest.mark.parametrize("spelling", [r"J_{\mathbf{f}}", r"\mathbf{J}_\mathbf{f}(x, y)",
                                      r"\frac{\partial \mathbf{f}}{\partial \mathbf{x}}",
                                      r"\frac{\partial (f_1, f_2)}{\partial (x, y)}"])
def test_jacobian_spellings(run, spelling):
    run(r"\mathbf{f}(x, y) = \begin{bmatrix} x^2 y \\ 5x + \sin y \end{bmatrix}",
        "f_1 = x^2 y", r"f_2 = 5x + \sin y")
    assert run(spelling).value == sp.Matrix([[2 * x * y, x**2], [5, sp.cos(y)]])


def test_jacobian_at_a_point(run):
    run(r"\mathbf{f}(x, y) = \begin{bmatrix} x^2 y \\ 5x + \sin y \end{bmatrix}")
    assert run(r"\mathbf{J}_\mathbf{f}(1, 0)").value == sp.Matrix([[0, 1], [5, 1]])


@pytest.mark.parametrize("spelling", ["H_f", r"\mathbf{H}_f", r"\nabla^2 f", "∇²f"])
def test_hessian_spellings(run, spelling):
    run("f(x, y) = x^3 + x y^2")
    assert run(spelling).value == sp.Matrix([[6 * x, 2 * y], [2 * y, 2 * x]])


@pytest.mark.parametrize("function, point, verdict", [
    ("x^2 + y^2", "(0, 0)", "positive definite: a local minimum"),
    ("-x^2 - y^2", "(0, 0)", "negative definite: a local maximum"),
    ("x^2 - y^2", "(0, 0)", "indefinite: a saddle point"),
])
def test_hessian_at_a_point_reports_definiteness(run, function, point, verdict):
    run(f"f(x, y) = {function}")
    result = run(r"\nabla^2 f" + point)
    assert verdict in result.steps[-1].title


def test_one_gradient_descent_update_as_the_guide_writes_it(run):
    run(r"J(\theta) = (\theta - 3)^2", r"\theta_{\text{old}} = 0", r"\eta = 0.1")
    result = run(r"\theta_{\text{new}} = \theta_{\text{old}} - \eta \nabla J(\theta)")
    assert result.kind == "definition" and result.value == sp.Rational(3, 5)
    assert run("θ_new").value == sp.Rational(3, 5)


def test_gradient_descent_table(run):
    run(r"J(\theta) = (\theta - 3)^2")
    result = run(r"\operatorname{GD}(J, 0, 0.1, 3)")
    assert result.value == sp.Rational(183, 125)
    assert titles(result) == ["Gradient", "Step 1", "Step 2", "Step 3"]
    assert result.steps[1].latex == r"\theta_{1} = \frac{3}{5}"


def test_gradient_descent_on_a_vector(run):
    run("J(x, y) = x^2 + 2y^2")
    result = run(r"\operatorname{GD}(J, \begin{bmatrix} 1 \\ 1 \end{bmatrix}, 0.25, 2)")
    assert result.value == sp.Matrix([sp.Rational(1, 4), 0])


@pytest.mark.parametrize("spelling, value", [
    (r"\int x^2 \, dx", x**3 / 3),
    ("∫ x² dx", x**3 / 3),
    (r"\int_0^1 x^2 \, dx", sp.Rational(1, 3)),
    (r"\int_{-\infty}^{\infty} e^{-x^2} dx", sp.sqrt(sp.pi)),
    (r"\int x e^x \mathrm{d}x", (x - 1) * sp.exp(x)),
])
def test_integrals(run, spelling, value):
    assert sp.simplify(run(spelling).value - value) == 0


def test_integral_steps_name_the_rule(run):
    assert titles(run(r"\int x e^{x} dx"))[0] == "Antiderivative (integration by parts)"
    assert titles(run(r"\int_0^1 x^2 dx")) == ["Antiderivative (power rule)",
                                              "Evaluate between the limits: F(b) − F(a)"]


@pytest.mark.parametrize("spelling, value", [
    (r"\lim_{x \to 0} \frac{\sin x}{x}", 1),
    (r"\lim_{n \to \infty} \left(1 + \frac{1}{n}\right)^n", sp.E),
    (r"\sum_{i=1}^{4} i^2", 30),
    (r"\prod_{i=1}^{4} i", 24),
    (r"\sum_{i=1}^{n} i", n**2 / 2 + n / 2),
    ("∑_{i=1}^{3} 2i", 12),
])
def test_limits_sums_and_products(run, spelling, value):
    assert run(spelling).value == value


def test_sum_over_the_entries_of_a_defined_vector(run):
    run(r"a = \begin{bmatrix} 1 \\ 2 \\ 3 \end{bmatrix}")
    result = run(r"\sum_{i=1}^{3} a_i")
    assert result.value == 6 and result.steps[0].latex == "1 + 2 + 3 = 6"


@pytest.mark.parametrize("spelling, value", [
    (r"\sin x + \cos x", sp.sin(x) + sp.cos(x)),
    (r"\tan x", sp.tan(x)),
    ("e^x", sp.exp(x)),
    (r"\exp(x)", sp.exp(x)),
    (r"\ln x", sp.log(x)),
    (r"\log x", sp.log(x)),
    (r"\log_2 8", 3),
    (r"\sqrt{x}", sp.sqrt(x)),
    (r"\sqrt[3]{8}", 2),
    (r"\max(2, 5)", 5),
    (r"\min(2, 5)", 2),
    (r"\sigma(0)", sp.Rational(1, 2)),
    (r"\sigma(x)", 1 / (1 + sp.exp(-x))),
    (r"\operatorname{ReLU}(-3)", 0),
    (r"\operatorname{ReLU}(x)", sp.Max(0, x)),
])
def test_functions(run, spelling, value):
    assert run(spelling).value == value


def test_softmax_of_a_vector(run):
    result = run(r"\operatorname{softmax}(\begin{bmatrix} 0 \\ \ln 3 \end{bmatrix})")
    assert result.value == sp.Matrix([sp.Rational(1, 4), sp.Rational(3, 4)])


def test_derivative_of_the_logistic_function(run):
    assert sp.simplify(run(r"\frac{d}{dx} \sigma(x)").value
                       - sp.exp(-x) / (1 + sp.exp(-x))**2) == 0


def test_the_guides_chain_rule_line_is_a_true_check(run):
    run("g(x) = x^2", r"f(u) = \sin u")
    assert run(r"\frac{d}{dx} f(g(x)) = f'(g(x)) \cdot g'(x)").value == sp.true


def test_gradient_of_a_vector_function_is_a_clear_error(ws):
    ws.run(r"\mathbf{f}(x, y) = \begin{bmatrix} x \\ y \end{bmatrix}")
    error = ws.run(r"\nabla f").error
    assert isinstance(error, symml.ShapeError) and "Jacobian" in error.message
