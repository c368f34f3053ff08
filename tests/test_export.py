"""Worked-solution exports: tex, md, html, json, Jupyter reprs, escaping, `symml solve`."""
import json

import pytest

import symml
from symml.cli import main
from symml.export import html, markdown, pdf, tex
from symml.render import display
from symml.export.formats import render_document
from symml.solution import solve_document
from symml.steps import Step
from sympy import Integer, Matrix, Rational, Symbol

DOC = r"""% Products of the guide
\section{Matrix product}
A = \begin{bmatrix} 1 & 2 \\ 3 & 4 \end{bmatrix}
B = \begin{bmatrix} 5 & 6 \\ 7 & 8 \end{bmatrix}
AB
# Errors stay in place
\frac{1}{
\mathbf{a} = \begin{bmatrix} 1 \\ 2 \\ 3 \end{bmatrix}; \mathbf{a} \cdot \mathbf{a}
"""
SCRIPT = r"\text{<script>alert(1)</script>}"
READ_FILE = r"\text{\input /etc/passwd}"


@pytest.fixture(scope="module")
def solution():
    return solve_document(DOC)


def test_document_sections_title_and_errors_in_place(solution):
    assert solution.title == "Products of the guide"
    assert [s.title for s in solution.sections] == ["Matrix product", "Errors stay in place"]
    assert [r.ok for r in solution.results] == [True, True, True, False, True, True]
    assert solution.results[-1].latex == "14"


def test_markdown_has_display_math_steps_and_error(solution):
    md = render_document(solution, "md")
    assert md.startswith("# Products of the guide\n")
    assert "## Matrix product" in md
    assert "$$ \\begin{aligned} \\mathbf{A}\\mathbf{B} &= " in md
    assert "\\begin{bmatrix}19 & 22\\\\43 & 50\\end{bmatrix}" in md
    assert "*Matrix product: entry (i, j) is row i times column j*" in md
    assert '<span style="color:#b00">**ParseError:**' in md
    assert "**Result:** $ 14 $" in md


def test_tex_is_a_complete_document_with_aligned_chains(solution):
    source = render_document(solution, "tex")
    assert source.startswith("\\documentclass[11pt]{article}")
    assert "\\usepackage{amsmath,amssymb,bm}" in source
    assert source.rstrip().endswith("\\end{document}")
    assert "\\symmllhs{\\mathbf{A}\\mathbf{B}}\n\\begin{align*}" in source
    assert "\\color{red}\\textbf{ParseError:}" in source
    assert "\\subsection*{Errors stay in place}" in source


def test_html_uses_mathml_and_no_script(solution):
    page = render_document(solution, "html")
    assert page.startswith("<!DOCTYPE html>")
    assert "<script" not in page and "http" not in page.replace(
        'xmlns="http://www.w3.org/1998/Math/MathML"', "")
    assert page.count("<math ") >= 8
    assert "<mn>19</mn>" in page and "<mn>50</mn>" in page
    assert '<p class="error"><b>ParseError:</b>' in page


def test_json_is_the_results_of_every_statement(solution):
    data = json.loads(render_document(solution, "json"))
    assert [r["input"] for r in data["results"]][-2:] == [
        r"\mathbf{a} = \begin{bmatrix} 1 \\ 2 \\ 3 \end{bmatrix}", r"\mathbf{a} \cdot \mathbf{a}"]
    assert data["results"][3]["error"]["type"] == "ParseError"
    assert data["results"][2]["latex"] == r"\begin{bmatrix}19 & 22\\43 & 50\end{bmatrix}"


# --- escaping --------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def hostile():
    return solve_document(f"{SCRIPT}\n{READ_FILE}\n\\text{{50% & #1 $x$}}\n")


def test_html_escapes_user_text(hostile):
    page = render_document(hostile, "html")
    assert "<script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_tex_escapes_user_text(hostile):
    source = render_document(hostile, "tex")
    body = source.split("\\begin{document}", 1)[1]
    assert "\\input" not in body
    assert r"{\textbackslash{}}input /etc/passwd" in body
    assert r"{\textless{}}script{\textgreater{}}" in body
    assert r"50{\%} {\&} {\#}1" in body


def test_markdown_escapes_user_text(hostile):
    md = render_document(hostile, "md")
    assert "<script>" not in md
    assert r"\lt \texttt{script}\gt" in md or r"\lt \text{script}\gt" in md


def test_unknown_commands_are_shown_as_text_not_compiled():
    assert not display.is_safe(r"\input{x}") and not display.is_safe(r"\def\x{1}")
    assert not display.is_safe("50%") and not display.is_safe(r"\begin{document}")
    assert not display.is_safe("a}{b")
    assert display.is_safe(r"\frac{1}{2} \cdot \begin{bmatrix}v_{1}\\v_{2}\end{bmatrix}")
    assert tex.math(r"\input x") == r"\text{\ttfamily {\textbackslash{}}input x}"
    assert html.mathml(r"\write18") == "<code>\\write18</code>"


def test_tex_text_uses_no_generated_fonts():
    assert tex.text("2×3 · x ≤ y → z, α") == (
        r"2{\ensuremath{\times}}3 {\ensuremath{\cdot}} x {\ensuremath{\leq}} y "
        r"{\ensuremath{\to}} z, {\ensuremath{\alpha}}")


# --- display helpers -------------------------------------------------------------------------
def test_step_lines_are_records_not_split_latex():
    step = Step.chain("Null space", r"\lambda = 2:\ A \mathbf{v} = \mathbf{0}", Integer(3))
    assert step.line_latex == (r"\lambda = 2:\ A \mathbf{v} = \mathbf{0}", "3")
    assert step.latex == r"\lambda = 2:\ A \mathbf{v} = \mathbf{0} = 3"
    assert markdown._chain(step.line_latex).count("&=") == 1


def test_input_latex_maps_unicode_and_long_subscripts():
    assert display.input_latex("θ_new = θ_old − η ∇J(θ)") == (
        r"\theta _{new} = \theta _{old} - \eta  \nabla J(\theta )")
    assert display.input_latex("np.einsum('i,i', a, b)") == (
        r"\operatorname{np.einsum}(\text{'i,i'}, a, b)")
    assert display.input_latex("x²³ + f'(x)") == "x^{23} + f'(x)"


def test_title_pieces_mark_latex_words_as_math():
    assert Step(r"Solve for \lambda", "x").title_parts == ((False, "Solve for "), (True, r"\lambda"))
    assert Step("Roots (eigenvalue : multiplicity)", "x").title_parts == (
        (False, "Roots (eigenvalue : multiplicity)"),)


def test_title_from_pieces_keeps_words_and_math_apart():
    step = Step.chain(("Partial derivative with respect to", Symbol("theta"), ", then add"),
                      Integer(1))
    assert step.title == r"Partial derivative with respect to \theta, then add"
    assert step.title_parts == ((False, "Partial derivative with respect to "),
                                (True, r"\theta"), (False, ", then add"))
    assert step.to_json() == {"title": r"Partial derivative with respect to \theta, then add",
                              "latex": "1"}
    assert tex._title(step) == r"Partial derivative with respect to \(\theta\), then add"


def test_approximation_only_when_it_adds_something():
    assert display.approximation(r"\frac{1}{3}", Rational(1, 3).evalf(15)) == "0.333333"
    assert display.approximation("32", Integer(32).evalf(15)) is None
    assert display.approximation("M", Matrix([[1.0, 2.0]])) is None


# --- Jupyter ---------------------------------------------------------------------------------
def test_result_repr_latex_shows_input_steps_and_result():
    ws = symml.Workspace()
    ws.run(r"a = \begin{bmatrix} 1 \\ 2 \\ 3 \end{bmatrix}")
    ws.run(r"b = \begin{bmatrix} 4 \\ 5 \\ 6 \end{bmatrix}")
    shown = ws.run(r"a \cdot b")._repr_latex_()
    assert shown == (
        r"$$\begin{aligned}&a \cdot b \\ &\quad \text{Dot product: multiply matching entries "
        r"and add} \\ &\mathbf{a} \cdot \mathbf{b} \\ &= 1 \cdot 4 + 2 \cdot 5 + 3 \cdot 6 \\ "
        r"&= 32 \\ &\text{Result: } 32\end{aligned}$$")


def test_result_repr_markdown_and_errors():
    shown = symml.evaluate(r"\frac{d}{dx} x^3")._repr_markdown_()
    assert shown.startswith(r"$$ \frac{d}{dx} x^3 $$")
    assert "**Result:** $ 3 x^{2} $" in shown
    failed = symml.evaluate(r"\frac{1}{")._repr_latex_()
    assert failed.startswith(r"$$\begin{aligned}&\texttt{}\backslash \texttt{frac}\{\texttt{1}"
                             r"\}\texttt{}\{\texttt{} \\ &\color{red}{\text{ParseError: missing ")


def test_solution_reprs(solution):
    assert solution._repr_markdown_() == render_document(solution, "md")
    assert solution._repr_latex_().count("$$\\begin{aligned}") == 6


# --- the command -----------------------------------------------------------------------------
@pytest.fixture
def doc_file(tmp_path):
    path = tmp_path / "doc.txt"
    path.write_text(DOC, encoding="utf-8")
    return path


@pytest.mark.parametrize("suffix, start", [(".tex", "\\documentclass"), (".md", "# Products"),
                                            (".html", "<!DOCTYPE html>"), (".json", "{")])
def test_solve_format_from_suffix(doc_file, tmp_path, suffix, start):
    out = tmp_path / f"out{suffix}"
    assert main(["solve", str(doc_file), "-o", str(out)]) == 1  # one statement fails
    assert out.read_text(encoding="utf-8").startswith(start)


def test_solve_format_option_wins(doc_file, capsys):
    assert main(["solve", str(doc_file), "--format", "json"]) == 1
    assert json.loads(capsys.readouterr().out)["results"][2]["latex"].startswith(
        r"\begin{bmatrix}19")


def test_solve_pdf_without_pdflatex_says_so(doc_file, tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(pdf, "pdflatex", lambda: None)
    assert main(["solve", str(doc_file), "-o", str(tmp_path / "out.pdf")]) == 1
    assert "no PDF written: pdflatex is not installed" in capsys.readouterr().err
    assert not (tmp_path / "out.pdf").exists()
