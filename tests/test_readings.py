"""Issue 12: ordinary notation read the ordinary way, or refused; never a silent wrong answer.

Each class is tested in several spellings; tests/test_latex_properties.py and
tests/test_sympy_differential.py search for more members of the same classes."""
import pytest
import sympy as sp

import symml
from symml import DomainError, LimitExceeded, ParseError

x, y, w, a, theta = sp.symbols("x y w a theta")


def value(text):
    result = symml.evaluate(text)
    assert result.error is None, f"{text!r}: {result.error}"
    return result.value


def error(text):
    result = symml.evaluate(text)
    assert result.error is not None, f"{text!r} was accepted as {result.value}"
    return result.error


# --- a power or factorial after a bracket applies to that bracket ----------------------
@pytest.mark.parametrize("text, expected", [
    (r"\frac{1}{2}(3 - 1)^2", 2),
    (r"\tfrac{1}{2}(3 - 1)^2", 2),
    (r"\dfrac{1}{2}(3 - 1)^2", 2),
    (r"\frac12(3-1)^2", 2),
    (r"\frac{1}{2}\left(3 - 1\right)^2", 2),
    (r"\frac{1}{2}[3 - 1]^2", 2),
    (r"(1+1)(1+2)^2", 18),
    (r"(1+1)(1+2)!", 12),
    (r"(1+1)(1+2)(1+3)^2", 96),
    (r"\sqrt{4}(1+2)^2", 18),
    (r"|{-2}|(1+2)^2", 18),
    (r"3!(2)^2", 24),
    (r"2^2(1+2)^2", 36),
    (r"(1+1)^2(1+2)^2", 36),
])
def test_a_power_after_brackets_applies_to_the_last_bracket(text, expected):
    assert value(text) == expected


@pytest.mark.parametrize("text, expected", [
    (r"(x+1)(x-1)^2", (x + 1) * (x - 1) ** 2),
    (r"(x+1)^2(x-1)^2", (x + 1) ** 2 * (x - 1) ** 2),
    (r"x_1(x+1)^2", sp.Symbol("x_1") * (x + 1) ** 2),
    (r"\theta(x+1)^2", theta * (x + 1) ** 2),
    (r"\frac{1}{2}(w x - y)^2", (w * x - y) ** 2 / 2),
    (r"\frac{d}{dw} \frac{1}{2}(w x - y)^2", x * (w * x - y)),
    (r"\frac{d}{dx}(x+1)^2(x-1)", sp.diff((x + 1) ** 2 * (x - 1), x)),
    (r"\frac{d}{dx}(x+1)(x-1)^2", sp.diff((x + 1) * (x - 1) ** 2, x)),
    (r"\frac{d}{dx}(x+1)^2(x-1)^3", sp.diff((x + 1) ** 2 * (x - 1) ** 3, x)),
])
def test_a_power_after_brackets_symbolic(text, expected):
    assert sp.expand(value(text) - expected) == 0


def test_the_loss_and_its_derivative_in_one_document():
    ws = symml.Workspace()
    ws.run(r"L(w) = \frac{1}{2}(w x - y)^2")
    assert sp.expand(ws.run("L(3)").value - (3 * x - y) ** 2 / 2) == 0
    assert sp.expand(ws.run(r"\frac{dL}{dw}").value - x * (w * x - y)) == 0


def test_a_transpose_after_brackets_applies_to_the_last_bracket():
    ws = symml.Workspace()
    ws.run(r"A = \begin{bmatrix} 1 & 2 \\ 3 & 4 \end{bmatrix}")
    ws.run(r"B = \begin{bmatrix} 0 & 1 \\ 1 & 1 \end{bmatrix}")
    A, B = sp.Matrix([[1, 2], [3, 4]]), sp.Matrix([[0, 1], [1, 1]])
    assert ws.run(r"(A)(B)^\top").value == A * B.T
    assert ws.run(r"2(B)^T").value == 2 * B.T


def test_a_function_call_still_takes_the_power():
    assert value(r"\sin(x)^2") == sp.sin(x) ** 2
    ws = symml.Workspace()
    ws.run("f(x) = x + 1")
    assert ws.run("f(2)^2").value == 9
    assert ws.run("f(2)!").value == 6


# --- function^{-1} is the inverse function ----------------------------------------------
@pytest.mark.parametrize("text, expected", [
    (r"\sinh^{-1}(a)", sp.asinh(a)),
    (r"\sinh^{-1} a", sp.asinh(a)),
    (r"\cosh^{-1}(a)", sp.acosh(a)),
    (r"\tanh^{-1}(a)", sp.atanh(a)),
    (r"\coth^{-1}(a)", sp.acoth(a)),
    (r"\sin^{-1}(a)", sp.asin(a)),
    (r"\cot^{-1} a", sp.acot(a)),
    (r"\sec^{-1}(a)", sp.asec(a)),
    (r"\csc^{-1}(a)", sp.acsc(a)),
    (r"\operatorname{sinh}^{-1}(a)", sp.asinh(a)),
    (r"\operatorname{arsinh}(a)", sp.asinh(a)),
    (r"\operatorname{arcosh}(a)", sp.acosh(a)),
    (r"\operatorname{artanh}(a)", sp.atanh(a)),
    (r"\operatorname{arccot}(a)", sp.acot(a)),
    (r"\exp^{-1}(a)", sp.log(a)),
    (r"\sinh^2 a", sp.sinh(a) ** 2),
])
def test_inverse_functions(text, expected):
    assert value(text) == expected


@pytest.mark.parametrize("text", [r"\det^{-1}(x)", r"\log_2^{-1} x", r"\max^{-1}(x)"])
def test_a_function_without_a_known_inverse_refuses_minus_one(text):
    assert isinstance(error(text), ParseError)


# --- [ ] without a comma is grouping ------------------------------------------------------
@pytest.mark.parametrize("text, expected", [
    (r"[x + 1]", x + 1),
    (r"2[x + 1]", 2 * x + 2),
    (r"2\left[x + 1\right]", 2 * x + 2),
    (r"[x + 1]^2", (x + 1) ** 2),
    (r"\ln\left[x - \theta\right]", sp.log(x - theta)),
    (r"\ln[x]", sp.log(x)),
    (r"\frac{d}{dx}[x^2]", 2 * x),
    (r"\exp\left[-\frac{x^2}{2}\right]", sp.exp(-x ** 2 / 2)),
    (r"(x + 1)[x - 1]", (x + 1) * (x - 1)),
])
def test_square_brackets_group(text, expected):
    assert sp.expand(value(text) - expected) == 0


def test_square_brackets_with_commas_stay_lists():
    assert value("[1, 2, 3]") == sp.Matrix([1, 2, 3])
    assert value("[[1, 2]]") == sp.Matrix([[1, 2]])
    assert value("[[1, 2], [3, 4]]") == sp.Matrix([[1, 2], [3, 4]])


# --- environments match, != is ≠ ----------------------------------------------------------
@pytest.mark.parametrize("text, column", [
    (r"\begin{pmatrix} 1 & 2 \end{bmatrix}", 23),
    (r"\begin{vmatrix} 1 & 2 \\ 3 & 4 \end{bmatrix}", 32),
    (r"\begin{bmatrix} 1 & 2 \\ 3 & 4 \end{vmatrix}", 32),
    (r"\begin{matrix} 1 \end{pmatrix}", 18),
])
def test_environments_must_match(text, column):
    err = error(text)
    assert isinstance(err, ParseError)
    assert err.to_json()["column"] == column and r"\end{" in str(err)


@pytest.mark.parametrize("text, expected", [
    (r"2 != 3", sp.true),
    (r"2 != 2", sp.false),
    (r"a^2 + 1 != 2a^2", sp.Ne(a ** 2 + 1, 2 * a ** 2)),
    (r"3! = 6", sp.true),
])
def test_bang_equals_is_not_equal(text, expected):
    assert value(text) == expected


# --- derivative orders, Γ, limits that do not exist ---------------------------------------
@pytest.mark.parametrize("text, expected", [
    (r"\frac{d^{21}}{dx^{21}} x^{30}", sp.diff(x ** 30, x, 21)),
    (r"\frac{d^{25}}{dx^{25}} x^{25}", sp.factorial(25)),
    (r"\frac{d^3}{dx^3} x^5", 60 * x ** 2),
    (r"d^{21}/dx^{21} x^{21}", sp.factorial(21)),
    (r"\frac{\partial^{3}}{\partial x^{3}} x^{4}", 24 * x),
])
def test_derivatives_of_any_order(text, expected):
    assert value(text) == expected


@pytest.mark.parametrize("text, kind", [
    (r"\frac{d^n}{dx^n} x^5", ParseError),
    (r"\frac{d^2}{dx} x^3", ParseError),
    (r"\frac{d^3 y}{dx^2}", ParseError),
    (r"\frac{\partial^2 f}{\partial x}", ParseError),
    (r"\frac{d^{5000}}{dx^{5000}} x", LimitExceeded),
])
def test_a_derivative_whose_orders_disagree_is_refused(text, kind):
    assert isinstance(error(text), kind)


def test_gamma_applied_is_the_gamma_function():
    assert value(r"\Gamma(5)") == 24
    assert value(r"\Gamma(\frac{1}{2})") == sp.sqrt(sp.pi)
    assert value(r"\Gamma(x)") == sp.gamma(x)
    assert value(r"2\Gamma") == 2 * sp.Symbol("Gamma")
    assert isinstance(error(r"\Gamma(-1)"), DomainError)
    ws = symml.Workspace()
    ws.run(r"\Gamma = 3")
    assert ws.run(r"\Gamma(5)").value == 15


@pytest.mark.parametrize("text", [
    r"\lim_{x \to 0} \sin(1/x)",
    r"\lim_{x \to 0} \cos\frac{1}{x}",
    r"\lim_{x \to \infty} \sin x",
    r"\lim_{x \to \infty} x \sin x",
])
def test_an_oscillating_limit_does_not_exist(text):
    err = error(text)
    assert isinstance(err, DomainError) and "does not exist" in str(err)


# --- brackets around a product keep it whole; functions named in words ------------------
@pytest.mark.parametrize("text, expected", [
    (r"(x(x - 3))^2", x ** 2 * (x - 3) ** 2),
    (r"\left(x \left(x - 3\right)\right)^{\frac{1}{2}}", sp.sqrt(x * (x - 3))),
    (r"[x(x - 1)]^2", x ** 2 * (x - 1) ** 2),
    (r"(\frac{1}{2}(x - 1))^2", (x - 1) ** 2 / 4),
    (r"\frac{d}{dx}(x(x - 3))^2", sp.diff(x ** 2 * (x - 3) ** 2, x)),
])
def test_a_power_after_a_bracketed_product_takes_all_of_it(text, expected):
    assert sp.expand(value(text) - expected) == 0


@pytest.mark.parametrize("text, expected", [
    (r"\operatorname{asin}^{2}{\left(x \right)}", sp.asin(x) ** 2),
    (r"\operatorname{asin}{\left(\operatorname{asin}{\left(x \right)} \right)}",
     sp.asin(sp.asin(x))),
    (r"-\operatorname{asin}{\left(x \right)} + 1", 1 - sp.asin(x)),
    (r"\operatorname{acot}\mu x", sp.acot(sp.Symbol("mu") * x)),
    (r"\operatorname{acot}{\left(x \right)} y", y * sp.acot(x)),
    (r"\operatorname{atan}^{2}\operatorname{acot}^{1/2}3 \cdot \operatorname{asinh}^{2}\frac{1}{2}",
     sp.atan(sp.sqrt(sp.acot(3))) ** 2 * sp.asinh(sp.Rational(1, 2)) ** 2),
])
def test_functions_named_in_words_take_arguments_like_sin(text, expected):
    assert value(text) == expected
