"""The CLI and API for a person: labelled Unicode results, --latex, --version, decimals to
6 digits, solve's error summary, unknown suffixes, `;` in Workspace.run, solve_document,
Jupyter's HTML and a SymPy approximation."""
import json

import pytest
import sympy as sp

import symml
from symml.cli import main

DOC = "x^2 - 5x - 2 = 0\nY \\sim \\mathcal{N}(100, 15^2)\nP(Y > 130)\n\\frac{1}{\n5x = 4\n"


def test_pretty_results_are_labelled_with_their_input(capsys):
    assert main(["eval", "--pretty", "5x = 4", r"\frac{1}{3}", r"\ln(e^2) + \ln 3"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out == ["5x = 4  ⟹  {4/5}", r"\frac{1}{3}  ⟹  1/3  ≈ 0.333333",
                   r"\ln(e^2) + \ln 3  ⟹  2 + ln(3)  ≈ 3.09861"]


def test_pretty_normal_probability_and_matrix(capsys):
    assert main(["eval", "--pretty", r"Y \sim \mathcal{N}(100, 15^2)", "P(Y > 130)",
                 r"\begin{bmatrix} 1 & 2 \\ 3 & 4 \end{bmatrix}^{-1}"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == r"Y \sim \mathcal{N}(100, 15^2)  (declared)"
    assert out[1] == "P(Y > 130)  ⟹  1 - Φ(2)  ≈ 0.0227501"
    assert out[3].endswith("⟹  ⎢         ⎥") and "3/2  -1/2" in out[4]


@pytest.mark.parametrize("flag", ["--latex", None])
def test_latex_output_with_six_digit_decimals(capsys, flag):
    argv = ["eval"] + ([flag] if flag else []) + [r"\sqrt{2}"]
    assert main(argv) == 0  # captured output is not a terminal: LaTeX unless --pretty
    assert capsys.readouterr().out == "\\sqrt{2} \\approx 1.41421\n"


def test_version(capsys):
    with pytest.raises(SystemExit) as stop:
        main(["--version"])
    assert stop.value.code == 0
    assert capsys.readouterr().out.strip() == f"symml {symml.__version__}"


def test_solve_summarises_errors_on_stderr(tmp_path, capsys):
    source = tmp_path / "doc.txt"
    source.write_text(DOC)
    assert main(["solve", str(source), "-o", str(tmp_path / "out.md")]) == 1
    err = capsys.readouterr().err
    assert "1 of 5 statements failed" in err
    assert "line 4, column 9: ParseError: missing `}`" in err


@pytest.mark.parametrize("name", ["x.docx", "x.txt", "notes.MDX"])
def test_unknown_output_suffix_is_a_usage_error(tmp_path, capsys, name):
    source = tmp_path / "doc.txt"
    source.write_text("1+1\n")
    with pytest.raises(SystemExit) as stop:
        main(["solve", str(source), "-o", str(tmp_path / name)])
    assert stop.value.code == 2
    assert "cannot write" in capsys.readouterr().err
    assert not (tmp_path / name).exists()


def test_workspace_run_takes_semicolons_like_the_cli():
    ws = symml.Workspace()
    result = ws.run(r"\mathbf{a} = \begin{bmatrix} 1 \\ 2 \end{bmatrix}; \mathbf{a} \cdot \mathbf{a}")
    assert result.value == 5
    failed = ws.run(r"b = 2; \frac{1}{; b + 1")
    assert failed.error.kind == "ParseError" and failed.error.column == 16  # the `{`
    assert ws.run(r"x = 3 \; ").value == 3  # a LaTeX space, not a separator


def test_run_document_skips_headings_and_solve_document_is_public():
    ws = symml.Workspace()
    results = ws.run_document("\\section{Start}\n# Also a heading\nx = 2\nx^2\n")
    assert [r.value for r in results] == [2, 4]
    solution = symml.solve_document("\\section{Start}\nx = 2\nx^2\n")
    assert [s.title for s in solution.sections] == ["Start"]
    assert solution.ok and solution.results[-1].value == 4


def test_result_html_is_mathml():
    html = symml.evaluate(r"\frac{d}{dx} x^2")._repr_html_()
    assert "<math" in html and "<script" not in html and "mathjax" not in html.lower()


def test_approx_is_a_sympy_value_and_json_keeps_the_string():
    result = symml.evaluate(r"\begin{bmatrix} 1 & 2 \\ 3 & 4 \end{bmatrix}^{-1}")
    assert isinstance(result.approx, sp.MatrixBase)
    assert result.approx[1, 0] == sp.Float(1.5)
    assert json.loads(json.dumps(result.to_json()))["approx"] == "[[-2.00000000000000, 1.00000000000000], [1.50000000000000, -0.500000000000000]]"
    scalar = symml.evaluate(r"\frac{1}{3}")
    assert isinstance(scalar.approx, sp.Float) and scalar.to_json()["approx"] == "0.333333333333333"
