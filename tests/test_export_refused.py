"""Exports never fail on user text: a refused line is escaped text in every format, `\\]`
never ends the display math an export opened, and the PDF compiles."""
import shutil

import pytest

from symml.render import display
from symml.export.formats import render_document
from symml.solution import solve_document
from symml.export.pdf import pdf_bytes

NESTED = r"\frac{" * 250 + r"\] \end{document} x" + "}{2}" * 250
HOSTILE = "\n".join([
    r"% Title with \] and \end{document}",
    r"# Heading \] \end{itemize} $x$",
    NESTED,
    r"x + \] \end{document}",
    r"\[ 1 \]",
    "5000!",
    r"\frac{1}{1+" * 150 + "x" + "}" * 150,
    "1 + 1",
])


@pytest.fixture(scope="module")
def solution():
    return solve_document(HOSTILE)


def test_the_refused_lines_are_errors_and_the_others_solve(solution):
    kinds = [r.error.kind if r.error else None for r in solution.results]
    assert kinds[0] == "LimitExceeded" and kinds[1] == "ParseError"
    assert kinds[-3:] == [None, None, None]


@pytest.mark.parametrize("latex", [r"x \] y", r"\[ x", r"\( x \)", r"a \end{document}",
                                   "x \\\x00"])
def test_math_that_would_leave_display_math_is_not_safe(latex):
    assert not display.is_safe(latex)


def test_a_matrix_row_gap_is_still_safe():
    assert display.is_safe(r"\begin{bmatrix} 1 \\[2pt] 2 \end{bmatrix}")


def test_refused_lines_are_escaped_text_in_every_format(solution):
    tex = render_document(solution, "tex")
    assert r"\end{document}" not in tex.split(r"\begin{document}")[1].rsplit("\n", 2)[0]
    assert r"\]" not in tex.split(r"\begin{document}")[1].replace(r"\[ \symmlfit", "").replace(
        r"} \]", "")
    html = render_document(solution, "html")
    assert r"<code>\frac{\frac{" in html and "\\end{document} x" in html
    markdown = render_document(solution, "md")
    assert r"`` \frac{\frac{" in markdown
    assert '"error": {' in render_document(solution, "json")


@pytest.mark.skipif(shutil.which("pdflatex") is None, reason="pdflatex is not installed")
def test_the_pdf_compiles_with_refused_lines_and_big_numbers(solution):
    assert pdf_bytes(solution).startswith(b"%PDF")
