"""Answers symml must never give: a gradient of an undefined name, an identity "solved" into
∅, a solution set SymPy's solve left incomplete, Python syntax in a solution."""
import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

import symml


def run(*statements):
    ws = symml.Workspace()
    result = None
    for statement in statements:
        result = ws.run(statement)
    return result


@pytest.mark.parametrize("statements", [
    [r"\nabla L"], ["∇L"], [r"\nabla_\theta J"], [r"\nabla_{\theta} J"],
    [r"\nabla_{\mathbf{w}} L"],
    [r"\theta_{old} = 1", r"\eta = 0.1", r"\theta_{new} = \theta_{old} - \eta \nabla_\theta J"],
])
def test_the_gradient_of_an_undefined_name_is_refused(statements):
    result = run(*statements)
    assert isinstance(result.error, symml.UndefinedNameError), result.latex
    assert "is not defined, so it has no gradient" in result.error.message
    assert result.error.column > 1


@pytest.mark.parametrize("statements, latex", [
    ([r"J(\theta) = \theta^2", r"\nabla_\theta J"], r"\begin{bmatrix}2 \theta\end{bmatrix}"),
    ([r"\nabla_x x"], r"\begin{bmatrix}1\end{bmatrix}"),
    ([r"f(x, y) = x^2 y", r"\nabla f"], r"\begin{bmatrix}2 x y\\x^{2}\end{bmatrix}"),
])
def test_gradients_of_defined_functions_still_work(statements, latex):
    assert run(*statements).latex == latex


@pytest.mark.parametrize("identity", [
    r"\tanh(x) = 2\sigma(2x) - 1",
    r"\tanh x = \frac{e^{x} - e^{-x}}{e^{x} + e^{-x}}",
    r"\frac{1}{1+e^{-x}} = 1 - \frac{1}{1+e^{x}}",
    r"\cosh^2 x - \sinh^2 x = 1",
    r"\sigma(-x) = 1 - \sigma(x)",
])
def test_an_identity_is_a_true_check_not_an_empty_solution_set(identity):
    result = run(identity)
    assert result.error is None, result.error
    assert result.kind == "check" and result.value == sympy.true


@pytest.mark.parametrize("equation, words", [
    (r"\ln(e^x) = x", "cannot prove"),      # true for real x only: refused, never ∅
    (r"\sqrt{x^2} = x", "missed solutions"),  # every x ≥ 0: SymPy's solve says ∅
])
def test_an_equation_solve_cannot_answer_whole_is_refused(equation, words):
    result = run(equation)
    assert isinstance(result.error, symml.SymmlError)
    assert words in result.error.message


@pytest.mark.parametrize("equation, value", [
    (r"e^{x} = 0", sympy.EmptySet), (r"x^2 = 4", sympy.FiniteSet(-2, 2)),
    (r"2x + 1 = 7", sympy.FiniteSet(3)),
])
def test_ordinary_equations_keep_their_solution_sets(equation, value):
    assert run(equation).value == value


def test_a_periodic_equation_says_its_solutions_are_the_principal_ones():
    result = run(r"\sin(x) = \cos(x)")
    assert result.value == sympy.FiniteSet(sympy.pi / 4)
    assert any("principal solutions" in note for note in result.notes)


@pytest.mark.parametrize("statement, latex", [
    ("x + y = 3", "x = 3 - y"),
    ("x^2 = y", r"x = - \sqrt{y}\quad \text{or} \quad x = \sqrt{y}"),
])
def test_solutions_of_several_unknowns_are_written_without_python_syntax(statement, latex):
    assert run(statement).latex == latex


def test_a_one_element_tuple_has_no_trailing_comma():
    from symml.render.latex import latex

    assert latex(sympy.Tuple(sympy.Rational(4, 5))) == r"\left(\frac{4}{5}\right)"


x = sympy.Symbol("x")
PIECES = st.sampled_from([sympy.tanh(x), sympy.sinh(x), sympy.cosh(x), sympy.exp(x),
                          1 / (1 + sympy.exp(-x)), sympy.tanh(2 * x), sympy.sinh(x) ** 2])


@settings(max_examples=40, deadline=None)
@given(PIECES, PIECES, st.integers(-3, 3))
def test_an_expression_equals_its_exponential_form_and_is_never_solved(a, b, k):
    """An identity written two ways is a true check (or a refusal), never a solution set."""
    from symml.render.latex import latex

    expr = a + k * b
    result = run(f"{latex(expr)} = {latex(expr.rewrite(sympy.exp))}")
    assert result.kind != "solution", (latex(expr), result.latex)
    if result.error is None:
        assert result.value == sympy.true
