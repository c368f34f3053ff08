"""NOTATION §5 error model: every failure is a SymmlError subclass with words and a place."""
import subprocess
import sys

import pytest

import symml


def error_of(*statements):
    workspace = symml.Workspace()
    results = [workspace.run(s) for s in statements]
    return results[-1].error


@pytest.mark.parametrize("text, line, column, words", [
    (r"\frac{1}{2", 1, 9, "missing `}`"),
    (r"\sqrt{x", 1, 6, "missing `}`"),
    ("(x + 1", 1, 1, "missing `)`"),
    ("x + 1)", 1, 6, "`)` closes nothing"),
    (r"\begin{bmatrix} 1 & 2", 1, 1, r"missing `\end{bmatrix}`"),
    ("x +", 1, 3, "ends too early"),
    (r"x + \foo", 1, 5, r"unknown command `\foo`"),
    ("x ++ * y", 1, 6, "unexpected `*`"),
    (r"\begin{bmatrix} 1 & 2 \\ 3 \end{bmatrix}", 1, 26, "rows have different lengths"),
    ("", 1, 1, "empty"),
])
def test_parse_errors_in_words_with_line_and_column(text, line, column, words):
    with pytest.raises(symml.ParseError) as caught:
        symml.parse(text)
    error = caught.value
    assert (error.line, error.column) == (line, column)
    assert words in error.message
    for token_name in ("__ANON", "RBRACE", "LPAR", "$END", "REL", "SDIGIT"):
        assert token_name not in error.message


def test_the_caret_sits_under_the_offending_character():
    with pytest.raises(symml.ParseError) as caught:
        symml.parse("a + b + \\foo")
    assert str(caught.value).splitlines()[1:] == ["a + b + \\foo", "        ^^^^"]


def test_positions_in_a_document_count_lines_and_columns():
    results = symml.Workspace().run_document("x = 1\ny = 2; z = \\foo")
    error = results[-1].error
    assert (error.line, error.column) == (2, 12)


def test_unicode_input_positions_point_at_the_typed_character():
    with pytest.raises(symml.ParseError) as caught:
        symml.parse("θ + ∇ + )")
    assert caught.value.column == 9


def test_undefined_name_suggests_the_closest_known_name():
    error = error_of(r"\operatorname{eigvalz}(A)")
    assert isinstance(error, symml.UndefinedNameError)
    assert error.message == "unknown name `eigvalz`; did you mean `eigvals`?"


def test_undefined_name_suggests_a_defined_name():
    error = error_of(r"\operatorname{weights} = 3", r"\operatorname{weigths} + 1")
    assert isinstance(error, symml.UndefinedNameError) and "`weights`" in error.message


@pytest.mark.parametrize("statements, words", [
    ((r"A = \begin{bmatrix} 1 & 2 \\ 3 & 4 \end{bmatrix}",
      r"v = \begin{bmatrix} 1 \\ 2 \\ 3 \end{bmatrix}", "Av"),
     "cannot multiply a 2×2 matrix by a 3-vector (column)"),
    ((r"A = \begin{bmatrix} 1 & 2 \\ 3 & 4 \end{bmatrix}", "A + 1"),
     "cannot add a 2×2 matrix and a scalar"),
    ((r"v = \begin{bmatrix} 1 \\ 2 \end{bmatrix}",
      r"w = \begin{bmatrix} 1 \\ 2 \\ 3 \end{bmatrix}", r"v \cdot w"),
     "vectors of one length"),
])
def test_shape_errors_name_both_shapes(statements, words):
    error = error_of(*statements)
    assert isinstance(error, symml.ShapeError) and words in error.message


@pytest.mark.parametrize("statement, words", [
    ("1/0", "division by zero"),
    (r"\begin{bmatrix} 1 & 2 \\ 2 & 4 \end{bmatrix}^{-1}", "singular"),
    (r"\ln 0", "logarithm of 0"),
    ("(-3)!", "negative"),
])
def test_domain_errors(statement, words):
    error = error_of(statement)
    assert isinstance(error, symml.DomainError) and words in error.message


def test_every_error_class_is_a_symml_error_and_serialises():
    for cls in (symml.ParseError, symml.UndefinedNameError, symml.ShapeError,
                symml.DomainError, symml.LimitExceeded):
        assert issubclass(cls, symml.SymmlError)
    error = error_of("x +")
    assert error.to_json() == {"type": "ParseError", "message": error.message, "line": 1,
                               "column": 3}


def test_parse_raises_only_symml_errors_for_builder_failures():
    with pytest.raises(symml.ParseError):
        symml.parse(r"\partial^\top f")


@pytest.mark.parametrize("args, code", [
    (["eval", r"\frac{1}{2"], 1),
    (["eval", "x = ", "1 + 1"], 1),
    (["eval", "1 + 1"], 0),
    (["eval", "--timeout", "nope", "1"], 2),
    (["solve", "/no/such/file.txt"], 2),
])
def test_cli_never_prints_a_traceback(args, code):
    done = subprocess.run([sys.executable, "-m", "symml", *args], capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == code
    assert "Traceback" not in done.stdout + done.stderr


@pytest.mark.parametrize("statement, message", [
    (r"\tan(\pi/2)", r"tan is undefined at \frac{\pi}{2}"),
    (r"\cot 0", "cot is undefined at 0"),
])
def test_a_function_at_a_pole_is_a_domain_error(ws, statement, message):
    error = ws.run(statement).error
    assert error.kind == "DomainError" and error.message == message


@pytest.mark.parametrize("text", ["1 +\n\x1b", "1 +\r\n\x1b", "1 +\r\x1b"])
def test_a_position_counts_every_line_end_a_document_splits_at(text):
    """\\r and \\r\\n end a line as \\n does, in positions and in the caret line."""
    with pytest.raises(symml.ParseError) as caught:
        symml.parse(text)
    assert (caught.value.line, caught.value.column) == (2, 1)
    assert caught.value.caret() == "\x1b\n^"
