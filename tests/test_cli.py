"""The `symml` command: JSON contract, exit codes, statement sources."""
import json
import subprocess
import sys

import pytest

MATRIX = r"\mathbf{A} = \begin{bmatrix} 1 & 2 \\ 3 & 4 \end{bmatrix}"


def symml(*args, stdin=None):
    return subprocess.run([sys.executable, "-m", "symml", *args], input=stdin,
                          capture_output=True, text=True, timeout=120)


def test_eval_json_matches_the_contract():
    done = symml("eval", "--json", MATRIX, r"\mathbf{A}^\top \mathbf{A}")
    assert done.returncode == 0, done.stderr
    results = json.loads(done.stdout)["results"]
    assert [r["kind"] for r in results] == ["definition", "value"]
    product = results[1]
    assert set(product) == {"input", "kind", "sympy", "latex", "approx", "steps", "error",
                            "notes"}
    assert product["notes"] == []
    assert product["sympy"] == ("ImmutableDenseMatrix([[Integer(10), Integer(14)], "
                                "[Integer(14), Integer(20)]])")
    assert product["latex"] == r"\begin{bmatrix}10 & 14\\14 & 20\end{bmatrix}"
    assert product["error"] is None and product["approx"] is None
    assert product["steps"][0]["latex"].startswith(r"\mathbf{A}^\top\mathbf{A} = ")


def test_a_failing_statement_exits_1_and_the_others_still_run():
    done = symml("eval", "--json", "x = 2", r"\frac{1}{2", "x + 1")
    assert done.returncode == 1
    results = json.loads(done.stdout)["results"]
    assert results[0]["error"] is None and results[2]["latex"] == "3"
    error = results[1]["error"]
    assert error["type"] == "ParseError" and error["line"] == 1 and error["column"] == 9
    assert results[1]["sympy"] is None


def test_plain_output_prints_results_and_steps():
    done = symml("eval", "--steps", r"a = \begin{bmatrix} 1 \\ 2 \\ 3 \end{bmatrix}; "
                 r"b = \begin{bmatrix} 4 \\ 5 \\ 6 \end{bmatrix}; a \cdot b")
    assert done.returncode == 0, done.stderr
    assert r"1 \cdot 4 + 2 \cdot 5 + 3 \cdot 6 = 32" in done.stdout
    assert done.stdout.strip().endswith("32")


def test_statements_from_stdin_and_file(tmp_path):
    source = tmp_path / "doc.txt"
    source.write_text("% a comment\nx = 3\n\nx^2\n")
    assert symml("eval", "-f", str(source)).stdout.split() == ["3", "9"]
    assert symml("eval", "-", stdin="y = 2\ny + 1\n").stdout.split() == ["2", "3"]
    assert symml("eval", "-f", "-", stdin="2^{10}\n").stdout.strip() == "1024"


def test_double_dash_lets_a_statement_start_with_minus():
    done = symml("eval", "--", "-3 + 1")
    assert done.returncode == 0 and done.stdout.strip() == "-2"


def test_error_line_in_a_file_is_the_documents_line(tmp_path):
    source = tmp_path / "doc.txt"
    source.write_text("x = 1\n\nx + \\foo\n")
    done = symml("eval", "--json", "-f", str(source))
    error = json.loads(done.stdout)["results"][1]["error"]
    assert (error["line"], error["column"]) == (3, 5)


@pytest.mark.parametrize("args", [[], ["eval"], ["eval", "--nope", "x"], ["bogus"]])
def test_usage_errors_exit_2_without_traceback(args):
    done = symml(*args)
    assert done.returncode == 2
    assert "Traceback" not in done.stderr and "usage" in done.stderr
