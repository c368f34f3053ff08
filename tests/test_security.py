"""Nothing in the package evaluates user text as code, reads files, or lets input inject
markup into an export."""
import re
from pathlib import Path

import pytest

import symml
from symml.export.formats import render_document
from symml.solution import solve_document

PACKAGE = Path(symml.__file__).resolve().parent


def test_no_eval_exec_sympify_or_parse_expr_in_the_package():
    pattern = re.compile(r"(?<![\w.])(eval|exec)\(|sympify\(|parse_expr\(|__import__\(")
    offenders = [f"{path.name}:{number}: {line.strip()}"
                 for path in PACKAGE.rglob("*.py")
                 for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
                 if pattern.search(line)]
    assert offenders == []


@pytest.mark.parametrize("command", [r"\input{/etc/passwd}", r"\include{secret}",
                                     r"\write18{ls}", r"\immediate\write18{ls}",
                                     r"\newcommand{\x}{1}", r"\def\x{1}", r"\catcode`\@=11",
                                     r"\openin5=/etc/passwd", r"\usepackage{shellesc}"])
def test_file_and_macro_commands_are_rejected_by_the_parser(command):
    with pytest.raises(symml.ParseError) as caught:
        symml.parse(command)
    assert "not allowed" in caught.value.message or "unknown command" in caught.value.message


def test_text_is_never_a_name_or_a_command():
    result = symml.evaluate(r"\text{<script>alert(1)</script>}")
    assert "<script>" not in result.latex
    assert result.latex == (r"\text{``}\lt \text{script}\gt \text{alert(1)}\lt "
                            r"\text{/script}\gt \text{''}")


@pytest.fixture(scope="module")
def hostile_solution():
    return solve_document("\\text{<script>alert(1)</script>}\n\\text{\\input /etc/passwd}\n"
                          "x = 1 % \\input{/etc/passwd}\n")


def test_html_export_escapes_markup(hostile_solution):
    page = render_document(hostile_solution, "html")
    assert "<script>" not in page and "alert(1)" in page


def test_tex_export_cannot_input_files(hostile_solution):
    tex = render_document(hostile_solution, "tex")
    assert not re.search(r"(?<!\\textbackslash\{\})\\input\b", tex.split(r"\begin{document}")[1])


def test_markdown_export_escapes_markup(hostile_solution):
    assert "<script>" not in render_document(hostile_solution, "md")
