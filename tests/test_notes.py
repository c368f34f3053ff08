"""Never a silent guess: `Result.notes`, in JSON, the CLI and every export; redefinition."""
import json

import pytest
import sympy as sp

import symml
from symml.cli import main
from symml.export.formats import render_document
from symml.solution import Section, Solution, solve_document
from symml.result import Result

x = sp.Symbol("x")
A1 = r"A = \begin{bmatrix} 1 & 2 \\ 3 & 4 \end{bmatrix}"
A2 = r"\mathbf{A} = \begin{bmatrix} 0 & 1 \\ 1 & 0 \end{bmatrix}"


def results(*statements):
    ws = symml.Workspace()
    return [ws.run(s) for s in statements]


# --- the notes channel -------------------------------------------------------------------
def test_a_plain_result_has_no_notes():
    result = symml.evaluate("1 + 1")
    assert result.notes == [] and result.to_json()["notes"] == []


def test_notes_are_in_json_and_the_api():
    *_, last = results("a = 2", "a = 3")
    assert last.notes == ["redefines a, which was 2"]
    assert last.to_json()["notes"] == ["redefines a, which was 2"]


def test_notes_are_recorded_without_steps():
    ws = symml.Workspace(steps=False)
    ws.run("a = 2")
    assert ws.run("a = 3").notes == ["redefines a, which was 2"]


def test_cli_prints_notes_under_the_result(capsys):
    assert main(["eval", "a = 2", "a = 3", "a"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines == ["2", "3", "  note: redefines a, which was 2", "3"]


def test_cli_json_has_notes(capsys):
    assert main(["eval", "--json", "f(x) = x^2", "f(x) = x^3"]) == 0
    data = json.loads(capsys.readouterr().out)["results"]
    assert data[0]["notes"] == []
    assert data[1]["notes"] == ["redefines f, which was {f(x) = x^{2}}"]


@pytest.mark.parametrize("fmt", ["md", "tex", "html", "json"])
def test_every_export_shows_the_notes(fmt):
    doc = render_document(solve_document("a = 2\na = 3\n" + A1 + "\n" + A2 + "\nA^2"), fmt)
    assert doc.count("redefines") == 2
    assert "which was" in doc
    assert "Note" in doc or fmt == "json"


SCRIPT_NOTE = r"reads <script>alert(1)</script> as \text{<b>} and \input{/etc/passwd} & $x$"


@pytest.mark.parametrize("fmt", ["md", "tex", "html"])
def test_notes_are_escaped_in_exports(fmt):
    result = Result("1", kind="value", value=sp.Integer(1), notes=[SCRIPT_NOTE])
    doc = render_document(Solution([Section("", [result])]), fmt)
    assert "<script>" not in doc and "<b>" not in doc
    assert "\\input{" not in doc or fmt == "html"  # html: escaped text in <code>
    assert "Note" in doc


def test_notes_in_jupyter_reprs():
    *_, last = results("a = 2", "a = 3")
    assert "redefines" in last._repr_markdown_() and "redefines" in last._repr_latex_()


def test_notes_survive_an_error_later_in_the_statement():
    ws = symml.Workspace()
    ws.run("a = 2")
    result = ws.run(r"a = \frac{1}{0 \cdot q} + \begin{bmatrix} 1 & 2 \end{bmatrix}")
    assert result.error is not None and result.to_json()["notes"] == result.notes


# --- redefinition ---------------------------------------------------------------------------
@pytest.mark.parametrize("statements, probe, expected", [
    (["a = 2", "a = 3"], "a", 3),
    (["a = 2", "a = 3"], "a + 1", 4),
    (["a = 2", "a := 3"], "a", 3),
    ([r"\eta = 0.1", r"\eta = 0.01"], r"\eta", sp.Rational(1, 100)),
    ([r"\theta_{0} = 1", r"\theta_0 = 5"], r"\theta_{0}", 5),
    (["f(x) = x^2", "f(x) = x^3"], "f(2)", 8),
    (["f(x) = x^2", "f(t) = t + 1"], "f(2)", 3),
    (["g(x, y) = x y", "g(x, y) = x + y"], "g(2, 5)", 7),
    ([A1, A2], "A^2", sp.ImmutableMatrix([[1, 0], [0, 1]])),
    (["B = 1", A1, r"\mathbf{B} = \mathbf{A}^\top"], "B", sp.ImmutableMatrix([[1, 3], [2, 4]])),
])
def test_redefinition_replaces_the_value(statements, probe, expected):
    *done, result = results(*statements, probe)
    assert all(r.ok for r in done)
    assert done[-1].kind == "definition"
    assert any(note.startswith("redefines") for note in done[-1].notes)
    assert result.value == expected


def test_redefinition_note_says_what_it_replaced():
    *_, last = results(A1, A2)
    assert last.notes == [r"redefines \mathbf{A}, which was "
                          r"{\begin{bmatrix}1 & 2\\3 & 4\end{bmatrix}}"]


@pytest.mark.parametrize("statements, expected", [
    (["a = 2", "a = a"], sp.true),                 # right side mentions the name: a check
    (["a = 2", "a = a + 1"], sp.false),
    (["f(x) = x^2", "f(x) = x \\cdot x"], None),   # mentions x, not f: a redefinition
])
def test_a_right_side_that_mentions_the_name_is_a_check(statements, expected):
    *_, last = results(*statements)
    if expected is None:
        assert last.kind == "definition"
    else:
        assert last.kind == "check" and last.value == expected and last.notes == []


@pytest.mark.parametrize("body, solutions", [
    ("0.5", {1}), (r"\frac{1}{4}", {sp.Rational(1, 2)}), ("k", {sp.Rational(2, 5)}),
])
def test_a_defined_function_equal_to_a_constant_is_solved(body, solutions):
    *_, last = results("k = 0.2", "F(x) = x/2", f"F(x) = {body}")
    assert last.kind == "solution" and last.value == sp.FiniteSet(*solutions)
    assert last.notes == ["F is defined, so this is solved as an equation; "
                          "write := to redefine F"]


def test_colon_equals_redefines_a_function_as_a_constant():
    *_, last, probe = results("F(x) = x/2", "F(x) := 0.5", "F(7)")
    assert last.kind == "definition" and probe.value == sp.Rational(1, 2)
