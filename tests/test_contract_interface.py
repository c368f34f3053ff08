"""Contract audit of NOTATION §1 (statements) and §5 (Python API, CLI, JSON, exit codes,
errors): every field and status a caller relies on."""
import json
import subprocess
import sys

import pytest
import sympy as sp

import symml

JSON_FIELDS = {"input", "kind", "sympy", "latex", "approx", "steps", "error", "notes"}


def symml_cli(*args, stdin=None):
    return subprocess.run([sys.executable, "-m", "symml", *args], input=stdin,
                          capture_output=True, text=True, timeout=120)


# --- Python API --------------------------------------------------------------------------
def test_parse_returns_an_ast_and_unicode_gives_the_same_one():
    assert symml.parse("Aᵀ") == symml.parse(r"A^\top") == symml.parse("A^T")
    assert symml.parse("‖v‖₂") == symml.parse(r"\|v\|_2")
    assert symml.parse("x, y ∈ ℝ") == symml.parse(r"x, y \in \mathbb{R}")


@pytest.mark.parametrize("text, line, column", [
    (r"\frac{1}{2", 1, 9), ("x +", 1, 3), (r"\foo", 1, 1), ("1 + 2)", 1, 6),
    ("(1 + 2", 1, 1), (r"\begin{bmatrix} 1 & 2 \\ 3 \end{bmatrix}", 1, 26), ("", 1, 1),
])
def test_parse_errors_have_a_position_and_a_caret(text, line, column):
    with pytest.raises(symml.ParseError) as caught:
        symml.parse(text)
    error = caught.value
    assert isinstance(error, symml.SymmlError)
    assert (error.line, error.column) == (line, column)
    assert str(error).splitlines()[-1] == " " * (column - 1) + "^" * len(
        str(error).splitlines()[-1].strip())


def test_parse_error_says_what_was_expected():
    with pytest.raises(symml.ParseError) as caught:
        symml.parse("x +")
    assert "expected" in caught.value.message and "a value" in caught.value.message


def test_evaluate_runs_one_statement_in_a_fresh_workspace():
    result = symml.evaluate(r"\frac{d}{dx} x^2")
    assert result.value == 2 * sp.Symbol("x") and result.latex == "2 x"
    assert result.kind == "value" and result.steps and result.error is None
    assert symml.evaluate("x").value == sp.Symbol("x")  # nothing leaks between calls


@pytest.mark.parametrize("statement, kind, value", [
    ("x = 3", "definition", sp.Integer(3)),
    (r"s \in \mathbb{R}", "declaration", None),
    (r"\mathbf{v} \in \mathbb{R}^3", "declaration", None),
    ("2 + 3", "value", sp.Integer(5)),
    ("1 + 1 = 2", "check", sp.true),
    ("z^2 = 9", "solution", sp.FiniteSet(-3, 3)),
    (r"\begin{bmatrix} 1 & 2 \end{bmatrix} = \begin{bmatrix} 1 & 2 \end{bmatrix}", "check",
     sp.true),
])
def test_kinds_and_values(ws, statement, kind, value):
    result = ws.run(statement)
    assert result.error is None and result.kind == kind and result.value == value


def test_later_statements_see_earlier_definitions_and_redefinition(run, ws):
    run("a = 2", "b = a + 1")
    assert run("a b").value == 6
    redefined = run("a = 5")  # `=` of a defined name redefines it, with a note
    assert redefined.kind == "definition" and redefined.notes == ["redefines a, which was 2"]
    assert run("a b").value == 15
    assert run("a := 4").kind == "definition" and run("b").value == 3
    assert run("a b").value == 12


@pytest.mark.parametrize("statement, expected", [
    ("0.1", sp.Rational(1, 10)), (r"\frac{1}{3}", sp.Rational(1, 3)), (r"\sqrt{3}", sp.sqrt(3)),
    ("0.1 + 0.2 = 0.3", sp.true), ("2.50", sp.Rational(5, 2)), (r"\sqrt{12}", 2 * sp.sqrt(3)),
])
def test_numbers_are_exact(run, statement, expected):
    assert run(statement).value == expected


def test_approximation_is_beside_the_exact_value(run):
    result = run(r"\sqrt{2}")
    assert result.value == sp.sqrt(2) and str(result.approx) == "1.41421356237310"
    assert run("7").approx is None


@pytest.mark.parametrize("statement, expected", [
    ("f(2)", sp.Function("f")(2)), ("g(x)", sp.Function("g")(sp.Symbol("x"))),
    ("a(b + c)", sp.Symbol("a") * (sp.Symbol("b") + sp.Symbol("c"))),
    ("x(y)", sp.Symbol("x") * sp.Symbol("y")),
    (r"\lambda + \eta", sp.Symbol("lambda") + sp.Symbol("eta")),
    ("θ", sp.Symbol("theta")), ("x₁", sp.Symbol("x_1")), ("x²", sp.Symbol("x") ** 2),
    ("Q_{2,1}", sp.Symbol("Q_{2,1}")),
])
def test_application_versus_multiplication_and_names(run, statement, expected):
    assert run(statement).value == expected


@pytest.mark.parametrize("spelling", [r"\theta_{\text{new}}", r"\theta_{new}", "θ_new",
                                      r"\boldsymbol{\theta}_{new}", r"θ_{new}"])
def test_font_and_subscript_spellings_name_one_symbol(run, spelling):
    run(r"\theta_{\text{new}} = 7")
    assert run(spelling).value == 7


def test_vector_valued_function(run):
    run(r"\mathbf{f}(x,y) = \begin{bmatrix} x^2 y \\ 5x + \sin y \end{bmatrix}")
    assert run(r"\mathbf{f}(1, 0)").value == sp.Matrix([0, 5])
    assert run(r"\boldsymbol{f}(2, 0)").value == sp.Matrix([0, 10])


@pytest.mark.parametrize("statement, error_type", [
    (r"\operatorname{foo}(x)", symml.UndefinedNameError),
    (r"\begin{bmatrix} 1 & 2 \end{bmatrix} + \begin{bmatrix} 1 \\ 2 \end{bmatrix}",
     symml.ShapeError),
    ("2^{100000}", symml.LimitExceeded),
    (r"\det(3)", symml.ShapeError),
    (r"\begin{bmatrix} 1 & 2 \\ 2 & 4 \end{bmatrix}^{-1}", symml.DomainError),
    (r"\frac{1}{", symml.ParseError),
])
def test_every_failure_is_a_symml_error_in_the_result(ws, statement, error_type):
    result = ws.run(statement)
    assert isinstance(result.error, error_type) and isinstance(result.error, symml.SymmlError)
    assert result.value is None and not result.ok
    assert result.to_json()["error"]["type"] == error_type.__name__


def test_to_json_has_the_contract_fields(run):
    run(r"A = \begin{bmatrix} 2 & 1 \\ 1 & 2 \end{bmatrix}")
    data = run(r"\operatorname{eigvals}(A)").to_json()
    assert set(data) == JSON_FIELDS
    assert data["sympy"] == sp.srepr(sp.Dict({1: 1, 3: 1}))
    assert data["kind"] == "value" and data["error"] is None
    assert all(set(step) == {"title", "latex"} for step in data["steps"])
    declared = run(r"x \in \mathbb{R}").to_json()
    assert declared["sympy"] is None and declared["kind"] == "declaration"


# --- CLI ------------------------------------------------------------------------------------
MATRIX = r"\mathbf{A} = \begin{bmatrix} 1 & 2 \\ 3 & 4 \end{bmatrix}"


@pytest.mark.parametrize("args, stdin, lines", [
    (["eval", "x = 2", "x^2"], None, ["2", "4"]),
    (["eval", "x = 2; x^3"], None, ["2", "8"]),
    (["eval", "-f", "-"], "x = 2\nx^2\n", ["2", "4"]),
    (["eval", "-"], "y = 3\ny + 1\n", ["3", "4"]),
    (["eval", "--", "-3 + 1"], None, ["-2"]),
    (["eval", "--", "x = 4", "-x"], None, ["4", "-4"]),
    (["eval", MATRIX, r"\det(A)"], None, [r"\begin{bmatrix}1 & 2\\3 & 4\end{bmatrix}", "-2"]),
    (["eval", "x, y \\in \\mathbb{R}", "x + y"], None, [r"x, y \in \mathbb{R}", "x + y"]),
])
def test_eval_statement_sources(args, stdin, lines):
    done = symml_cli(*args, stdin=stdin)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == lines


def test_eval_json_fields_for_every_kind():
    done = symml_cli("eval", "--json", MATRIX, r"x \in \mathbb{R}", r"\sqrt{2}",
                     "z^2 = 4", "1 < 2")
    assert done.returncode == 0, done.stderr
    results = json.loads(done.stdout)["results"]
    assert [r["kind"] for r in results] == ["definition", "declaration", "value", "solution",
                                           "check"]
    assert all(set(r) == JSON_FIELDS for r in results)
    assert results[1]["sympy"] is None and results[1]["latex"] == r"x \in \mathbb{R}"
    assert results[2]["sympy"] == "Pow(Integer(2), Rational(1, 2))"
    assert results[2]["approx"] == "1.41421356237310"
    assert results[3]["sympy"] == "FiniteSet(Integer(-2), Integer(2))"
    assert results[4]["sympy"] == "true" and results[4]["latex"] == r"\text{true}"


def test_json_steps_are_title_and_latex():
    done = symml_cli("eval", "--json", "--steps", MATRIX, r"\det(A)")
    steps = json.loads(done.stdout)["results"][1]["steps"]
    assert steps == [{"title": "Determinant of a 2×2 matrix: ad - bc",
                      "latex": r"1 \cdot 4 - 2 \cdot 3 = -2"}]


def test_failures_exit_1_and_the_others_still_run():
    done = symml_cli("eval", "--json", "x = 1", r"\operatorname{rank}(3)", "x + 1")
    assert done.returncode == 1
    results = json.loads(done.stdout)["results"]
    assert results[2]["latex"] == "2"
    assert results[1]["error"] == {"type": "ShapeError",
                                   "message": "the rank needs a matrix, got a scalar",
                                   "line": 1, "column": 21}
    assert results[1]["sympy"] is None and results[1]["latex"] == ""


def test_plain_failure_prints_the_error_with_a_caret_and_no_traceback():
    done = symml_cli("eval", "x = 1", r"\frac{1}{", "x + 1")
    assert done.returncode == 1
    assert done.stdout.splitlines() == ["1", "2"]
    assert "ParseError" in done.stderr and "        ^" in done.stderr
    assert "Traceback" not in done.stderr


def test_error_column_of_a_second_statement_on_one_line(tmp_path):
    source = tmp_path / "doc.txt"
    source.write_text("x = 1; y = \\foo\n")
    error = json.loads(symml_cli("eval", "--json", "-f", str(source)).stdout)["results"][1][
        "error"]
    assert (error["type"], error["line"], error["column"]) == ("ParseError", 1, 12)


@pytest.mark.parametrize("args", [["eval"], ["eval", "-x"], ["eval", "-f", "/nonexistent/doc"],
                                  ["eval", "--timeout", "abc", "x"], []])
def test_usage_errors_exit_2(args):
    done = symml_cli(*args)
    assert done.returncode == 2 and "Traceback" not in done.stderr


def test_empty_standard_input_is_a_usage_error():
    assert symml_cli("eval", "-", stdin="").returncode == 2
