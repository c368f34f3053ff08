"""NOTATION §1: statements, names and numbers."""
import pytest
import sympy as sp

import symml


def test_definition_then_use(run):
    assert run("x = 2").kind == "definition"
    assert run("x^2 + 1").value == 5


def test_later_statements_see_earlier_definitions_in_a_document(ws):
    results = ws.run_document("a = 2; b = a + 1\n% comment\n\nab")
    assert [r.latex for r in results] == ["2", "3", "6"]


def test_redefinition_with_colon_equals(run):
    run("x = 2")
    assert run("x := x + 1").kind == "definition"
    assert run("x").value == 3


def test_equals_on_a_defined_name_redefines_it(run):
    run("x = 2")
    result = run("x = 5")
    assert result.kind == "definition" and result.notes == ["redefines x, which was 2"]
    assert run("x + 1").value == 6


def test_function_definition_and_application(run):
    assert run("f(x, y) = x^2 y").latex == "f(x, y) = x^{2} y"
    assert run("f(1, 2)").value == 2
    assert run("f(a, b)").value == sp.Symbol("a") ** 2 * sp.Symbol("b")


def test_vector_valued_function(run):
    run(r"\mathbf{g}(x, y) = \begin{bmatrix} x y \\ x + y \end{bmatrix}")
    assert run("g(1, 2)").value == sp.Matrix([2, 3])


def test_scalar_declaration_makes_a_real_symbol(run):
    assert run(r"s \in \mathbb{R}").kind == "declaration"
    assert run(r"s \in \mathbb{R}").value is None
    assert run("s").value.is_real


@pytest.mark.parametrize("spelling", [r"\mathbf{v}", r"\boldsymbol{v}", r"\bm{v}", r"\vec{v}",
                                      "v"])
def test_vector_declaration_has_entries_and_font_does_not_change_the_name(run, spelling):
    run(r"\mathbf{v} \in \mathbb{R}^3")
    v1, v2, v3 = sp.symbols("v_1 v_2 v_3", real=True)
    assert run(spelling).value == sp.Matrix([v1, v2, v3])
    assert run("v_2").value == v2


def test_matrix_and_tensor_declarations(run):
    run(r"\mathbf{A} \in \mathbb{R}^{2 \times 2}")
    assert run("A_{1,2}").value == sp.Symbol("A_{1,2}", real=True)
    assert run("A").latex == r"\begin{bmatrix}A_{1,1} & A_{1,2}\\A_{2,1} & A_{2,2}\end{bmatrix}"
    run(r"\mathbf{T} \in \mathbb{R}^{2\times 3\times 4}")
    assert run("T_{2,3,4}").value == sp.Symbol("T_{2,3,4}", real=True)


def test_symbolic_sizes_are_allowed_where_entries_are_not_needed(run):
    run(r"\mathbf{A} \in \mathbb{R}^{m \times n}")
    assert run(r"A^\top").value.shape == (sp.Symbol("n"), sp.Symbol("m"))


@pytest.mark.parametrize("spelling", [r"\theta_{\text{new}}", r"\theta_{new}", "θ_new",
                                      r"\theta_{\mathrm{new}}"])
def test_subscripted_names_are_one_symbol(run, spelling):
    run(r"\theta_{\text{new}} = 4")
    assert run(spelling).value == 4


def test_entry_of_a_defined_matrix_is_one_based(run):
    run(r"M = \begin{bmatrix} 1 & 2 \\ 3 & 4 \end{bmatrix}")
    assert run("M_{2,1}").value == 3
    assert run("Q_{2,1}").latex == "Q_{2,1}"


def test_entry_outside_the_matrix_is_a_shape_error(ws):
    ws.run(r"M = \begin{bmatrix} 1 & 2 \\ 3 & 4 \end{bmatrix}")
    error = ws.run("M_{3,1}").error
    assert isinstance(error, symml.ShapeError) and "outside 1..2" in error.message


def test_application_versus_implicit_multiplication(run):
    assert run("a(b+c)").value == sp.Symbol("a") * (sp.Symbol("b") + sp.Symbol("c"))
    assert run("f(b+c)").value == sp.Function("f")(sp.Symbol("b") + sp.Symbol("c"))
    assert run("h(3)").latex == r"h{\left(3 \right)}"


def test_greek_letters_are_ordinary_symbols(run):
    assert run(r"\lambda + \mu").value == sp.Symbol("lambda") + sp.Symbol("mu")
    assert run(r"\lambda + \mu").latex == r"\lambda + \mu"


def test_numbers_are_exact_with_an_approximation_beside(run):
    result = run(r"\frac{1}{3} + 0.25")
    assert result.value == sp.Rational(7, 12) and result.latex == r"\frac{7}{12}"
    assert str(result.approx) == "0.583333333333333"
    assert run(r"\sqrt{3}").value == sp.sqrt(3)
    assert run("0.1").value == sp.Rational(1, 10)
    assert run("2^{10}").approx is None


def test_check_of_an_identity_and_of_an_inequality(run):
    assert run("(a+b)^2 = a^2 + 2ab + b^2").value == sp.true
    assert run("2 < 3").value == sp.true
    assert run(r"3 \le 2").value == sp.false


def test_equation_with_unknowns_is_solved(run):
    result = run("x^2 = 4")
    assert result.kind == "solution" and result.value == sp.FiniteSet(-2, 2)
    run(r"A = \begin{bmatrix} 2 & 1 \\ 1 & 2 \end{bmatrix}")
    result = run(r"\det(A - \lambda I) = 0")
    assert result.kind == "solution" and result.value == sp.FiniteSet(1, 3)


def test_result_json_fields(run):
    result = run(r"\frac{1}{2}")
    assert result.to_json() == {"input": r"\frac{1}{2}", "kind": "value",
                                "sympy": "Rational(1, 2)", "latex": r"\frac{1}{2}",
                                "approx": "0.500000000000000", "steps": [], "error": None,
                                "notes": []}


def test_steps_can_be_turned_off():
    ws = symml.Workspace(steps=False)
    ws.run(r"a = \begin{bmatrix} 1 \\ 2 \end{bmatrix}")
    result = ws.run(r"a \cdot a")
    assert result.value == 5 and result.steps == []


@pytest.mark.parametrize("statement, written", [
    (r"s \in \mathbb{R}", r"s \in \mathbb{R}"),
    (r"\mathbf{v} \in \mathbb{R}^3", r"\mathbf{v} \in \mathbb{R}^{3}"),
    (r"\mathbf{W} \in \mathbb{R}^{m \times n}", r"\mathbf{W} \in \mathbb{R}^{m \times n}"),
    ("θ ∈ ℝ^2", r"\boldsymbol{\theta} \in \mathbb{R}^{2}"),
    (r"X \sim \operatorname{Ber}(0.3)", r"X \sim \operatorname{Bernoulli}\left(\frac{3}{10}\right)"),
    (r"x \sim P(x)", r"x \sim P(x)"),
])
def test_a_declaration_is_written_with_the_name_it_declares(run, statement, written):
    result = run(statement)
    assert result.kind == "declaration" and result.latex == written


def test_a_declared_scalar_is_solved_for_over_the_reals(run):
    run(r"x \in \mathbb{R}")
    assert run("x^2 = 4").value == sp.FiniteSet(-2, 2)
    assert run("x^2 = -1").value == sp.EmptySet
    assert run("(x + 1)^2 = x^2 + 2x + 1").value == sp.true


def test_equal_declared_matrices_are_compared_entry_by_entry_not_solved(run):
    run(r"\mathbf{A} \in \mathbb{R}^{2 \times 2}")
    result = run(r"A = A^\top")
    assert result.kind == "check" and result.value == sp.false
