"""NOTATION §4: derivatives, gradients, Jacobians, Hessians, descent, integrals, limits,
sums and products, in LaTeX and Unicode spellings, with the steps' rule names."""
import pytest
import sympy as sp

import symml

x, y, t, n, u = sp.symbols("x y t n u")
theta = sp.Symbol("theta")


def titles(result):
    return [step.title for step in result.steps]


def lines(result):
    return [step.latex for step in result.steps]


# --- derivatives -------------------------------------------------------------------------
@pytest.mark.parametrize("spelling", [r"\frac{d}{dx} x^3", r"\frac{d}{dx}\left( x^3 \right)",
                                      r"\frac{d}{dx}(x^3)", r"\frac{d}{dx} x³"])
def test_derivative_spellings(run, spelling):
    assert run(spelling).value == 3 * x**2


def test_product_rule_steps_in_the_order_a_student_applies_them(run):
    result = run(r"\frac{d}{dx}\left( x^2 \sin x \right)")
    assert result.value == x**2 * sp.cos(x) + 2 * x * sp.sin(x)
    assert titles(result) == ["Product rule", "Power rule", "Trigonometric rule", "Result"]
    assert lines(result) == [
        r"\frac{d}{d x}\left(x^{2} \sin{\left(x \right)}\right) = "
        r"\frac{d}{d x}\left(x^{2}\right) \cdot \sin{\left(x \right)} + "
        r"x^{2} \cdot \frac{d}{d x}\left(\sin{\left(x \right)}\right)",
        r"\frac{d}{d x}\left(x^{2}\right) = 2 x",
        r"\frac{d}{d x}\left(\sin{\left(x \right)}\right) = \cos{\left(x \right)}",
        r"\frac{d}{d x}\left(x^{2} \sin{\left(x \right)}\right) = "
        r"x^{2} \cos{\left(x \right)} + 2 x \sin{\left(x \right)}"]


@pytest.mark.parametrize("expression, rules", [
    (r"\left(3x^2 + 5\right)",
     ["Sum rule", "Constant multiple rule", "Power rule", "Constant rule"]),
    (r"\frac{\sin x}{x}", ["Quotient rule", "Trigonometric rule", "Power rule"]),
    (r"e^{x^2}", ["Chain rule", "Power rule"]),
    (r"\ln x", ["Logarithm rule"]),
    (r"\log x", ["Logarithm rule"]),
    (r"\exp(x)", ["Exponential rule"]),
    ("2^x", ["Exponential rule"]),
    (r"\sin(x^2)", ["Chain rule", "Power rule"]),
    (r"\sqrt{x}", ["Power rule"]),
    (r"\arctan x", ["Inverse trigonometric rule"]),
    (r"\tanh x", ["Hyperbolic rule"]),
    ("x^x", ["Logarithmic differentiation"]),
    (r"\sigma(x)", ["Chain rule", "Sum rule", "Constant rule", "Chain rule",
                    "Constant multiple rule", "Power rule"]),
])
def test_rules_are_named(run, expression, rules):
    result = run(r"\frac{d}{dx} " + expression)
    assert titles(result) == rules + ["Result"]


def test_chain_rule_line_shows_the_outer_derivative_times_the_inner_one(run):
    result = run(r"\frac{d}{dx} \sin(x^2)")
    assert result.steps[0].latex == (
        r"\frac{d}{d x}\left(\sin{\left(x^{2} \right)}\right) = "
        r"\cos{\left(x^{2} \right)} \cdot \frac{d}{d x}\left(x^{2}\right)")
    assert result.value == 2 * x * sp.cos(x**2)


def test_quotient_rule_line_and_its_result_over_one_denominator(run):
    result = run(r"\frac{d}{dx} \frac{\sin x}{x}")
    assert result.steps[0].latex.endswith(
        r"= \frac{\frac{d}{d x}\left(\sin{\left(x \right)}\right) \cdot x - \sin{\left(x \right)}"
        r" \cdot \frac{d}{d x}\left(x\right)}{x^{2}}")
    assert result.steps[-1].exprs[1:] == ((x * sp.cos(x) - sp.sin(x)) / x**2,)
    assert result.value == (x * sp.cos(x) - sp.sin(x)) / x**2
    assert sp.simplify(result.value - sp.diff(sp.sin(x) / x, x)) == 0


@pytest.mark.parametrize("statement, latex", [
    (r"\frac{d}{dx} \frac{x^2+1}{x}", r"\frac{x^{2} - 1}{x^{2}}"),
    (r"\frac{d}{dx} \frac{x}{x+1}", r"\frac{1}{\left(x + 1\right)^{2}}"),
    (r"\frac{d}{dx} \frac{x-1}{x+1}", r"\frac{2}{\left(x + 1\right)^{2}}"),
    (r"\frac{d}{dx} \frac{e^x}{x}", r"\frac{\left(x - 1\right) e^{x}}{x^{2}}"),
    (r"\frac{d}{dx} \frac{\ln x}{x}", r"\frac{1 - \ln x}{x^{2}}"),
    (r"\frac{d}{dx} \frac{x^2+3x}{2x-1}",
     r"\frac{2 x^{2} - 2 x - 3}{\left(2 x - 1\right)^{2}}"),
    (r"\frac{d}{dx} x^2 \sin x", r"x^{2} \cos{\left(x \right)} + 2 x \sin{\left(x \right)}"),
    (r"\frac{d}{dx} \ln(x^2+1)", r"\frac{2 x}{x^{2} + 1}"),
    (r"\frac{d}{dx} \frac{1}{x}", r"- \frac{1}{x^{2}}"),
])
def test_a_derivative_is_written_over_one_denominator_when_that_is_shorter(statement, latex,
                                                                          run):
    """What the quotient rule leaves (2 - (x² + 1)/x²) is written as one fraction; a
    product-rule sum or a single fraction stays as it is."""
    assert run(statement).latex == latex


def test_steps_are_skipped_when_not_wanted():
    ws = symml.Workspace(steps=False)
    result = ws.run(r"\frac{d}{dx} x^2 \sin x")
    assert result.steps == [] and result.value == sp.diff(x**2 * sp.sin(x), x)


def test_function_notations_for_derivatives(run):
    run("f(x) = x^3 + x")
    assert run(r"\frac{df}{dx}").value == 3 * x**2 + 1
    assert run("f'(x)").value == 3 * x**2 + 1
    assert run("f′(x)").value == 3 * x**2 + 1
    assert run("f''(x)").value == 6 * x
    assert run(r"\frac{d}{dx} f(x)").value == 3 * x**2 + 1


def test_prime_at_a_number_substitutes_after_the_rules(run):
    run("f(x) = x^3 + x")
    result = run("f'(2)")
    assert result.value == 13
    assert titles(result) == ["Sum rule", "Power rule", "Power rule", "Result",
                              "Substitute x = 2"]
    assert result.steps[-1].latex == r"f'\left(2\right) = 13"


def test_second_derivative_with_d2(run):
    run("y = x^4")
    assert run(r"\frac{d^2 y}{dx^2}").value == 12 * x**2


@pytest.mark.parametrize("spelling", [r"\frac{\partial f}{\partial x}", r"\partial_x f", "∂f/∂x",
                                      "∂_x f", r"\frac{∂f}{∂x}", r"\frac{\partial}{\partial x} f"])
def test_partial_derivative_spellings(run, spelling):
    run("f(x, y) = x^2 y")
    result = run(spelling)
    assert result.value == 2 * x * y
    assert result.steps[0].latex.startswith(r"\frac{\partial}{\partial x}")


@pytest.mark.parametrize("spelling", [r"\frac{\partial^2 f}{\partial x \partial y}", "∂²f/∂x∂y"])
def test_mixed_partial(run, spelling):
    assert run(r"\frac{\partial}{\partial x}(x^2 y)").value == 2 * x * y
    run("f(x, y) = x^2 y^3")
    result = run(spelling)
    assert result.value == 6 * x * y**2
    # ∂²f/∂x∂y = ∂/∂x (∂f/∂y): y first
    assert result.steps[0].latex.startswith(r"\frac{\partial}{\partial y}")


def test_chain_rule_with_abstract_functions(run):
    result = run(r"\frac{d}{dx} f(g(x))")
    assert titles(result) == ["Chain rule", "Derivative of an abstract function", "Result"]
    assert result.steps[0].latex == (r"\frac{d}{d x}\left(f{\left(g{\left(x \right)} \right)}"
                                     r"\right) = f'\left(g{\left(x \right)}\right) \cdot "
                                     r"g'\left(x\right)")
    assert result.value == sp.diff(sp.Function("f")(sp.Function("g")(x)), x)


def test_chain_rule_with_defined_functions(run):
    run("g(x) = x^2 + 1", r"f(u) = \sin u")
    result = run(r"\frac{d}{dx} f(g(x))")
    assert result.value == 2 * x * sp.cos(x**2 + 1)
    assert titles(result)[:2] == ["Chain rule", "Sum rule"]


def test_the_guides_chain_rule_line_is_a_true_check(run):
    run("g(x) = x^2", r"f(u) = \sin u")
    assert run(r"\frac{d}{dx} f(g(x)) = f'(g(x)) \cdot g'(x)").value == sp.true


def test_the_guides_chain_rule_line_with_abstract_functions(run):
    assert run(r"\frac{d}{dx} f(g(x)) = f'(g(x)) \cdot g'(x)").value == sp.true


def test_multivariable_chain_rule(run):
    run("f(u, v) = u^2 v", "u = x^2", r"v = \sin x", "y = f(u, v)")
    result = run(r"\frac{dy}{dx}")
    assert result.value == sp.diff(x**4 * sp.sin(x), x)
    step = result.steps[0]
    assert step.title == "Multivariable chain rule"
    assert step.latex == (
        r"\frac{dy}{dx} = \frac{\partial f}{\partial u} \cdot \frac{du}{dx} + "
        r"\frac{\partial f}{\partial v} \cdot \frac{dv}{dx} = \left(2 x^{2} \sin{\left(x \right)}"
        r"\right)\left(2 x\right) + \left(x^{4}\right)\left(\cos{\left(x \right)}\right)")


def test_the_guides_multivariable_chain_rule_line_is_a_true_check(run):
    run("f(u, v) = u^2 v", "u = x^2", r"v = \sin x", "y = f(u, v)")
    result = run(r"\frac{dy}{dx} = \frac{\partial f}{\partial u} \cdot \frac{du}{dx} + "
                 r"\frac{\partial f}{\partial v} \cdot \frac{dv}{dx}")
    assert result.kind == "check" and result.value == sp.true


def test_partial_of_a_function_whose_parameter_is_defined_is_taken_there(run):
    run("f(u, v) = u^2 v", "u = x^2")
    result = run(r"\frac{\partial f}{\partial u}")
    assert result.value == 2 * x**2 * sp.Symbol("v")
    assert result.steps[-1].title == "Evaluate at the defined u = x^{2}"


# --- gradient, Jacobian, Hessian ---------------------------------------------------------
@pytest.mark.parametrize("spelling", [r"\nabla f", "∇f", r"\nabla_{\mathbf{x}} f", "∇_x f"])
def test_gradient_is_a_column(run, spelling):
    run("f(x, y) = x^2 y")
    result = run(spelling)
    assert result.value == sp.ImmutableMatrix([2 * x * y, x**2])
    assert result.latex == r"\begin{bmatrix}2 x y\\x^{2}\end{bmatrix}"


def test_gradient_steps(run):
    run("f(x, y) = x^2 y")
    result = run(r"\nabla f")
    assert lines(result) == [r"f = x^{2} y", r"\frac{\partial f}{\partial x} = 2 x y",
                             r"\frac{\partial f}{\partial y} = x^{2}",
                             r"\nabla f = \begin{bmatrix}2 x y\\x^{2}\end{bmatrix}"]


@pytest.mark.parametrize("spelling", [r"\nabla f(1, 2)", "∇f(1, 2)"])
def test_gradient_at_a_point(run, spelling):
    run("f(x, y) = x^2 y")
    result = run(spelling)
    assert result.value == sp.ImmutableMatrix([4, 1])
    assert result.steps[-1].latex == r"\nabla f\left(1, 2\right) = \begin{bmatrix}4\\1\end{bmatrix}"


@pytest.mark.parametrize("spelling", [r"\nabla_\theta J(\theta)", "∇_θ J(θ)"])
def test_gradient_with_respect_to_theta(run, spelling):
    run(r"J(\theta) = (\theta - 3)^2")
    assert run(spelling).value == sp.ImmutableMatrix([2 * theta - 6])


def test_gradient_of_a_function_of_subscripted_variables_in_their_order(run):
    run(r"f(x_1, x_2, x_{10}) = x_1^2 x_2 + x_{10}")
    x1, x2, x10 = sp.symbols("x_1 x_2 x_10")
    assert run(r"\nabla f").value == sp.ImmutableMatrix([2 * x1 * x2, x1**2, 1])
    run(r"g = x_{10} x_2")
    assert run(r"\nabla g").value == sp.ImmutableMatrix([x10, x2])


def test_gradient_of_a_vector_function_is_a_clear_error(ws):
    ws.run(r"\mathbf{f}(x, y) = \begin{bmatrix} x \\ y \end{bmatrix}")
    error = ws.run(r"\nabla f").error
    assert isinstance(error, symml.ShapeError) and "Jacobian" in error.message


@pytest.mark.parametrize("spelling", [r"J_{\mathbf{f}}", r"\mathbf{J}_\mathbf{f}(x, y)",
                                      r"\frac{\partial \mathbf{f}}{\partial \mathbf{x}}",
                                      r"\frac{\partial (f_1, f_2)}{\partial (x, y)}",
                                      "∂(f_1, f_2)/∂(x, y)"])
def test_jacobian_spellings(run, spelling):
    run(r"\mathbf{f}(x, y) = \begin{bmatrix} x^2 y \\ 5x + \sin y \end{bmatrix}",
        "f_1 = x^2 y", r"f_2 = 5x + \sin y")
    assert run(spelling).value == sp.ImmutableMatrix([[2 * x * y, x**2], [5, sp.cos(y)]])


def test_jacobian_is_m_by_n_and_at_a_point(run):
    run(r"\mathbf{f}(x, y) = \begin{bmatrix} x^2 y \\ 5x + \sin y \\ x \end{bmatrix}")
    assert run(r"J_{\mathbf{f}}").value.shape == (3, 2)
    result = run(r"\mathbf{J}_\mathbf{f}(1, 0)")
    assert result.value == sp.ImmutableMatrix([[0, 1], [5, 1], [1, 0]])
    assert titles(result) == ["Jacobian: row i is the gradient of output i",
                              "Evaluate at the point"]
    assert result.steps[0].latex.startswith(r"J_{\mathbf{f}} = \begin{bmatrix}")


def test_jacobian_of_a_scalar_function_is_its_gradient_as_a_row(run):
    run("f(x, y) = x^2 y")
    assert run("J_f").value == sp.ImmutableMatrix([[2 * x * y, x**2]])


@pytest.mark.parametrize("spelling", ["H_f", r"\mathbf{H}_f", r"\nabla^2 f", "∇²f"])
def test_hessian_spellings(run, spelling):
    run("f(x, y) = x^3 + x y^2")
    result = run(spelling)
    assert result.value == sp.ImmutableMatrix([[6 * x, 2 * y], [2 * y, 2 * x]])
    assert result.value == result.value.T


@pytest.mark.parametrize("function, verdict", [
    ("x^2 + y^2", "positive definite, so a local minimum"),
    ("-x^2 - y^2", "negative definite, so a local maximum"),
    ("x^2 - y^2", "indefinite, so a saddle point"),
    ("x^4 + y^2", "semidefinite, so the second-derivative test is inconclusive"),
])
@pytest.mark.parametrize("spelling", [r"\nabla^2 f(0, 0)", "H_f(0, 0)", "∇²f(0, 0)"])
def test_hessian_at_a_point_reports_definiteness(run, function, verdict, spelling):
    run(f"f(x, y) = {function}")
    result = run(spelling)
    assert result.steps[-1].title == f"Eigenvalues of the Hessian: {verdict}"


def test_hessian_at_a_point_that_is_not_critical(run):
    run("f(x, y) = x^2 + y^2")
    result = run(r"\nabla^2 f(1, 0)")
    assert result.value == sp.ImmutableMatrix([[2, 0], [0, 2]])
    assert result.steps[-1].title == ("Eigenvalues of the Hessian: positive definite, but the "
                                      "gradient is not 0 there, so it is not a critical point")
    assert result.steps[-1].latex == r"\lambda \in \left\{2\right\}"


def test_hessian_call_with_the_wrong_number_of_arguments(ws):
    ws.run("f(x, y) = x^2 + y^2")
    error = ws.run("H_f(1)").error
    assert isinstance(error, symml.SymmlError) and error.message == "f takes 2 arguments, got 1"


# --- gradient descent --------------------------------------------------------------------
def test_one_gradient_descent_update_as_the_guide_writes_it(run):
    run(r"J(\theta) = (\theta - 3)^2", r"\theta_{\text{old}} = 0", r"\eta = 0.1")
    result = run(r"\theta_{\text{new}} = \theta_{\text{old}} - \eta \nabla J(\theta)")
    assert result.kind == "definition" and result.value == sp.Rational(3, 5)
    assert result.steps[-1].latex == (r"\theta_{new} = 0 - \frac{1}{10} \cdot \left(-6\right)"
                                      r" = \frac{3}{5}")
    assert run("θ_new").value == sp.Rational(3, 5)


def test_descent_update_with_unicode_and_a_vector(run):
    run("J(w, b) = w^2 + 2b^2", r"θ_old = \begin{bmatrix} 1 \\ 1 \end{bmatrix}", "η = 0.25")
    result = run("θ_new = θ_old - η ∇J(θ)")
    assert result.value == sp.ImmutableMatrix([sp.Rational(1, 2), 0])


def test_gradient_descent_table(run):
    run(r"J(\theta) = (\theta - 3)^2")
    result = run(r"\operatorname{GD}(J, 0, 0.1, 3)")
    assert result.value == sp.Rational(183, 125)
    assert titles(result) == ["Gradient", "Step 1", "Step 2", "Step 3"]
    assert result.steps[1].latex == (r"\theta_{1} = \theta_{0} - \eta \nabla J\left(\theta_{0}\right) = "
                                     r"0 - \frac{1}{10} \cdot \left(-6\right) = \frac{3}{5}")


def test_gradient_descent_on_a_vector(run):
    run("J(x, y) = x^2 + 2y^2")
    result = run(r"\operatorname{GD}(J, \begin{bmatrix} 1 \\ 1 \end{bmatrix}, 0.25, 2)")
    assert result.value == sp.ImmutableMatrix([sp.Rational(1, 4), 0])


def test_gradient_descent_errors(ws):
    ws.run("J(x, y) = x^2 + 2y^2")
    shape = ws.run(r"\operatorname{GD}(J, 1, 0.25, 2)").error
    assert isinstance(shape, symml.ShapeError)
    assert shape.message == "J takes 2 variables but the starting point θ₀ has 1"
    count = ws.run(r"\operatorname{GD}(J, \begin{bmatrix} 1 \\ 1 \end{bmatrix}, 0.25, -1)").error
    assert isinstance(count, symml.DomainError)


# --- integrals, limits, sums, products ---------------------------------------------------
@pytest.mark.parametrize("spelling, value", [
    (r"\int x^2 \, dx", x**3 / 3),
    ("∫ x² dx", x**3 / 3),
    (r"\int_0^1 x^2 \, dx", sp.Rational(1, 3)),
    ("∫_0^1 x² dx", sp.Rational(1, 3)),
    (r"\int_{-\infty}^{\infty} e^{-x^2} dx", sp.sqrt(sp.pi)),
    ("∫_{-∞}^{∞} e^{-x^2} dx", sp.sqrt(sp.pi)),
    (r"\int x e^x \mathrm{d}x", (x - 1) * sp.exp(x)),
    (r"\int \frac{1}{x} dx", sp.log(x)),
])
def test_integrals(run, spelling, value):
    assert run(spelling).value == value


def test_integration_by_parts_steps(run):
    result = run(r"\int x e^{x} dx")
    assert titles(result) == [r"Integration by parts with u = x, dv = e^{x} dx",
                              "Exponential rule", "Antiderivative"]
    assert lines(result)[0] == r"\int x e^{x}\, dx = x e^{x} - \int e^{x}\, dx"
    assert lines(result)[-1] == r"\int x e^{x}\, dx = \left(x - 1\right) e^{x} + C"


def test_substitution_steps(run):
    result = run(r"\int x \cos(x^2) dx")
    assert titles(result) == ["Substitution u = x^{2}", "Constant multiple rule",
                              "Trigonometric rule", "Antiderivative"]
    assert lines(result)[0] == (r"\int x \cos{\left(x^{2} \right)}\, dx = "
                                r"\int \frac{\cos{\left(u \right)}}{2}\, du")


def test_definite_integral_steps(run):
    result = run(r"\int_0^1 (3x^2 + 2x) dx")
    assert result.value == 2
    assert titles(result) == ["Sum rule", "Constant multiple rule", "Power rule",
                              "Constant multiple rule", "Power rule", "Antiderivative",
                              "Evaluate between the limits: F(b) − F(a)"]
    assert lines(result)[0] == (r"\int \left(3 x^{2} + 2 x\right)\, dx = "
                                r"\int 3 x^{2}\, dx + \int 2 x\, dx")
    assert lines(result)[-1] == (r"\int\limits_{0}^{1} \left(3 x^{2} + 2 x\right)\, dx = "
                                 r"\left[x^{3} + x^{2}\right]_{0}^{1} = 2")


@pytest.mark.parametrize("spelling, integrand", [
    (r"\int e^{x} \sin x dx", sp.exp(x) * sp.sin(x)),
    (r"\int \frac{1}{x^3 + 1} dx", 1 / (x**3 + 1)),
    (r"\int \sigma(x) dx", 1 / (1 + sp.exp(-x))),
    (r"\int \tan x dx", sp.tan(x)),
    (r"\int \operatorname{ReLU}(x) dx", sp.Max(0, x)),
])
def test_harder_integrals_end_with_sympys_antiderivative(run, spelling, integrand):
    result = run(spelling)
    assert result.value == sp.integrate(integrand, x)
    assert titles(result)[-1] == "Antiderivative"


def test_cyclic_integration_by_parts_and_distinct_substitution_names(run):
    assert titles(run(r"\int e^{x} \sin x dx"))[0] == (
        "Integration by parts twice: the integral comes back, solve for it")
    result = run(r"\int x^2 e^{-x} dx")  # a substitution beside parts is called t, not u
    assert titles(result)[0] == "Substitution t = - x"
    assert titles(result)[2] == r"Integration by parts with u = t^{2}, dv = e^{t} dt"


def test_the_integration_variable_is_bound_even_if_defined(run):
    run("x = 3")
    assert run(r"\int x^2 dx").value == x**3 / 3
    assert run(r"\int_0^1 x dx").value == sp.Rational(1, 2)


@pytest.mark.parametrize("spelling, value", [
    (r"\lim_{x \to 0} \frac{\sin x}{x}", 1),
    (r"\lim_{x → 0} \frac{\sin x}{x}", 1),
    (r"\lim_{n \to \infty} \left(1 + \frac{1}{n}\right)^n", sp.E),
    (r"\lim_{x \to ∞} \frac{1}{x}", 0),
    (r"\sum_{i=1}^{4} i^2", 30),
    ("∑_{i=1}^{4} i^2", 30),
    (r"\prod_{i=1}^{4} i", 24),
    ("∏_{i=1}^{4} i", 24),
    (r"\sum_{i=1}^{n} i", n**2 / 2 + n / 2),
    (r"\prod_{k=1}^{n} k", sp.factorial(n)),
    ("∑_{i=1}^{3} 2i", 12),
    (r"\sum_{i=1}^{0} i", 0),
])
def test_limits_sums_and_products(run, spelling, value):
    assert run(spelling).value == value


def test_a_limit_whose_sides_differ_is_a_domain_error(ws):
    error = ws.run(r"\lim_{x \to 0} \frac{|x|}{x}").error
    assert isinstance(error, symml.DomainError)
    assert error.message == "the limit does not exist: from the left it is -1, from the right 1"


def test_sum_over_the_entries_of_a_defined_vector(run):
    run(r"a = \begin{bmatrix} 1 \\ 2 \\ 3 \end{bmatrix}")
    result = run(r"\sum_{i=1}^{3} a_i")
    assert result.value == 6 and result.steps[0].latex == "1 + 2 + 3 = 6"


def test_sum_of_vectors_is_written_out_term_by_term(run):
    result = run(r"\sum_{i=1}^{2} \begin{bmatrix} i \\ 1 \end{bmatrix}")
    assert result.value == sp.ImmutableMatrix([3, 2])
    assert result.steps[0].latex == (r"\begin{bmatrix}1\\1\end{bmatrix} + "
                                     r"\begin{bmatrix}2\\1\end{bmatrix} = "
                                     r"\begin{bmatrix}3\\2\end{bmatrix}")


def test_symbolic_sum_of_indexed_terms_stays_a_sum(run):
    result = run(r"\sum_{i=1}^{n} a_i")
    i = sp.Symbol("i", integer=True)
    assert result.value == sp.Sum(sp.IndexedBase("a")[i], (i, 1, n))
    assert result.latex == r"\sum_{i=1}^{n} {a}_{i}"
    assert run("i").value == sp.Symbol("i")  # the index does not leak out


def test_too_many_explicit_terms_is_a_limit(ws):
    assert isinstance(ws.run(r"\sum_{i=1}^{100000} i").error, symml.LimitExceeded)


# --- functions ---------------------------------------------------------------------------
@pytest.mark.parametrize("spelling, value", [
    (r"\sin x + \cos x", sp.sin(x) + sp.cos(x)),
    (r"\tan x", sp.tan(x)),
    ("e^x", sp.exp(x)),
    (r"\exp(x)", sp.exp(x)),
    (r"\ln x", sp.log(x)),
    (r"\log x", sp.log(x)),
    (r"\log_2 8", 3),
    (r"\sqrt{x}", sp.sqrt(x)),
    ("√x", sp.sqrt(x)),
    (r"\sqrt[3]{8}", 2),
    (r"\max(2, 5)", 5),
    (r"\min(2, 5)", 2),
    (r"\sigma(0)", sp.Rational(1, 2)),
    ("σ(0)", sp.Rational(1, 2)),
    (r"\sigma(x)", 1 / (1 + sp.exp(-x))),
    (r"\operatorname{ReLU}(-3)", 0),
    (r"\operatorname{ReLU}(x)", sp.Max(0, x)),
])
def test_functions(run, spelling, value):
    assert run(spelling).value == value


def test_softmax_of_a_vector(run):
    result = run(r"\operatorname{softmax}(\begin{bmatrix} 0 \\ \ln 3 \end{bmatrix})")
    assert result.value == sp.ImmutableMatrix([sp.Rational(1, 4), sp.Rational(3, 4)])


LN3 = r"\mathbf{z} = \begin{bmatrix} 0 \\ \ln 3 \end{bmatrix}"
QUARTERS = sp.ImmutableMatrix([sp.Rational(1, 4), sp.Rational(3, 4)])


@pytest.mark.parametrize("definitions, spelling, shift", [
    (("c = 5",), r"\operatorname{softmax}(\mathbf{z} - c)", "5 is taken from"),
    ((), r"\operatorname{softmax}(\mathbf{z} - 2)", "2 is taken from"),
    ((), r"\operatorname{softmax}(\mathbf{z} + \frac{1}{2})", r"\frac{1}{2} is added to"),
    (("c = 5",), r"\operatorname{softmax}(1 + \mathbf{z} - c)", "4 is taken from"),
    ((), r"\operatorname{softmax}(\mathbf{z} - \max(\mathbf{z}))", r"{\ln 3} is taken from"),
    (("m = a + 1",), r"\operatorname{softmax}(\mathbf{z} - m)", "{a + 1} is taken from"),
])
def test_softmax_of_a_vector_shifted_by_a_scalar(run, definitions, spelling, shift):
    result = run(LN3, *definitions, spelling)
    assert result.value.applyfunc(sp.simplify) == QUARTERS
    assert result.notes == [f"inside softmax, {shift} each entry of the vector (a shift by a "
                            r"multiple of \mathbf{1}, as ML texts write it; softmax does not "
                            "change under it)"]


def test_softmax_shift_invariance_is_a_true_check(run):
    assert run(LN3, "c = 5", r"\operatorname{softmax}(\mathbf{z} - c) = "
               r"\operatorname{softmax}(\mathbf{z})").value is sp.true


@pytest.mark.parametrize("definitions, spelling", [
    ((), r"\operatorname{softmax}(\mathbf{z} - m)"),  # m undefined: maybe a bold vector
    ((), r"\operatorname{softmax}(\mathbf{z} - \mathbf{q})"),
    ((r"\mathbf{w} \in \mathbb{R}^n", "c = 5"), r"\operatorname{softmax}(\mathbf{w} - c)"),
    ((), r"\operatorname{softmax}(\mathbf{z} - \begin{bmatrix} 1 \\ 2 \\ 3 \end{bmatrix})"),
])
def test_softmax_of_a_vector_and_an_unclear_term_keeps_the_shape_error(run, ws, definitions,
                                                                      spelling):
    run(LN3, *definitions)
    error = ws.run(spelling).error
    assert isinstance(error, symml.ShapeError) and "cannot subtract" in error.message
    assert error.span is not None and error.span.start > 20
    assert isinstance(ws.run(r"\mathbf{z} - 2").error, symml.ShapeError)  # only inside softmax


def test_derivative_of_the_logistic_function(run):
    result = run(r"\frac{d}{dx} \sigma(x)")
    assert result.value == sp.exp(-x) / (1 + sp.exp(-x))**2


def test_derivative_of_relu_is_a_step(run):
    assert run(r"\frac{d}{dx} \operatorname{ReLU}(x)").value == sp.Heaviside(x)


def test_descent_update_of_a_function_of_one_variable_is_a_scalar(run):
    run(r"J(\theta) = \theta^2", r"\theta_{\text{old}} = 3", r"\eta = 0.1")
    result = run(r"\theta_{\text{new}} = \theta_{\text{old}} - \eta \nabla J(\theta)")
    assert result.error is None and result.value == sp.Rational(12, 5)


def test_a_1x1_matrix_beside_a_scalar_is_its_entry_but_longer_vectors_are_not(ws):
    assert ws.run(r"2 + \begin{bmatrix} 1 \end{bmatrix}").value == 3
    error = ws.run(r"\begin{bmatrix} 1 \\ 2 \end{bmatrix} + 2").error
    assert error.kind == "ShapeError" and "2-vector" in error.message


@pytest.mark.parametrize("spelling, expected", [
    (r"\frac{dz}{dx}", sp.Derivative(sp.Function("z")(x), x)),
    (r"\frac{d^2 z}{dx^2}", sp.Derivative(sp.Function("z")(x), (x, 2))),
    ("∂u/∂x", sp.Derivative(sp.Function("u")(x), x)),
    (r"\frac{d}{dx} z", 0),
])
def test_leibniz_fraction_of_an_undefined_name_is_a_derivative_not_zero(run, spelling, expected):
    assert run(spelling).value == expected


def test_jacobian_of_a_matrix_valued_function_is_a_shape_error(ws):
    ws.run(r"f(x, y) = \begin{bmatrix} x & y \\ x y & 1 \end{bmatrix}")
    error = ws.run("J_f").error
    assert error.kind == "ShapeError" and "vector-valued function, not a 2×2 matrix" in error.message


def test_gradient_entries_are_written_over_one_denominator(ws):
    ws.run(r"f(x, y) = \frac{x}{x + y}")
    result = ws.run(r"\nabla f")
    y = sp.Symbol("y")
    assert result.value == sp.Matrix([y / (x + y)**2, -x / (x + y)**2])


@pytest.mark.parametrize("definition, statement", [
    (r"f(x) = |x|", "f'(0)"),
    (r"f(x) = |x - 2|", "f'(2)"),
    (r"f(x) = |x|", r"\frac{df}{dx}(0)"),
    (r"f(x) = \operatorname{ReLU}(x) + x", "f'(0)"),
    (r"f(x) = \frac{1}{x}", "f'(0)"),
    (r"f(x) = \sqrt{x}", "f'(0)"),
])
def test_a_users_function_at_a_kink_or_pole_has_no_derivative(ws, definition, statement):
    """sign(0) = 0 made f'(0) of |x| read 0: a wrong answer; now a DomainError there."""
    ws.run(definition)
    result = ws.run(statement)
    assert isinstance(result.error, symml.DomainError)
    assert "has no derivative there" in result.error.message


@pytest.mark.parametrize("definition, statement, value", [
    (r"f(x) = |x|", "f'(2)", 1), (r"f(x) = |x|", r"\frac{df}{dx}(-3)", -1),
    (r"f(x) = a x^2", "f'(1)", 2 * sp.Symbol("a")), (r"f(x) = \sqrt{x}", "f'(4)", sp.Rational(1, 4)),
])
def test_away_from_a_kink_the_derivative_is_its_value(ws, definition, statement, value):
    ws.run(definition)
    assert ws.run(statement).value == value
