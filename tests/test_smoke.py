"""The pipeline end to end on the guide's matrix product."""
import symml


def test_matrix_product_of_the_guide(run):
    run(r"A = \begin{bmatrix} 1 & 2 \\ 3 & 4 \end{bmatrix}",
        r"B = \begin{bmatrix} 5 & 6 \\ 7 & 8 \end{bmatrix}")
    result = run("AB")
    assert result.latex == r"\begin{bmatrix}19 & 22\\43 & 50\end{bmatrix}"
    assert r"1 \cdot 5 + 2 \cdot 7" in result.steps[0].latex


def test_evaluate_uses_a_fresh_workspace():
    assert symml.evaluate("x = 3").kind == "definition"
    assert symml.evaluate("x").latex == "x"
