"""einsum (NOTATION §2): the guide's three examples, NumPy's rules, steps and errors."""
import pytest
import sympy as sp

import symml

M = sp.ImmutableMatrix
A_DEF = r"A = \begin{bmatrix} 1 & 2 \\ 3 & 4 \end{bmatrix}"
B_DEF = r"B = \begin{bmatrix} 5 & 6 \\ 7 & 8 \end{bmatrix}"
a_DEF = r"a = \begin{bmatrix} 1 \\ 2 \\ 3 \end{bmatrix}"
b_DEF = r"b = \begin{bmatrix} 4 \\ 5 \\ 6 \end{bmatrix}"


@pytest.fixture
def guide(run):
    run(A_DEF, B_DEF, a_DEF, b_DEF)
    return run


# --- the guide's examples ------------------------------------------------------------------
def test_transpose_of_the_guide(guide):
    result = guide("np.einsum('ij->ji', A)")
    assert result.value == M([[1, 3], [2, 4]])
    assert result.steps[-1].latex.startswith("C_{j,i} = A_{i,j} = ")


def test_dot_product_of_the_guide(guide):
    result = guide("np.einsum('i,i', a, b)")
    assert result.value == 32
    lines = [step.latex for step in result.steps]
    assert r"C = \sum_{i} a_{i} b_{i}" in lines
    assert r"1 \cdot 4 + 2 \cdot 5 + 3 \cdot 6 = 32" in lines


def test_matrix_product_of_the_guide(guide):
    result = guide(r'\operatorname{einsum}(\text{"ij,jk->ik"}, A, B)')
    assert result.value == M([[19, 22], [43, 50]])
    assert result.latex == r"\begin{bmatrix}19 & 22\\43 & 50\end{bmatrix}"
    assert result.steps[0].latex == r"C_{i,k} = \sum_{j} A_{i,j} B_{j,k}"
    assert result.steps[1].latex.startswith(
        r"\begin{bmatrix}1 \cdot 5 + 2 \cdot 7 & 1 \cdot 6 + 2 \cdot 8\\"
        r"3 \cdot 5 + 4 \cdot 7 & 3 \cdot 6 + 4 \cdot 8\end{bmatrix}")


@pytest.mark.parametrize("spelling", [
    "einsum('ij,jk->ik', A, B)", 'einsum("ij,jk->ik", A, B)', "np.einsum('ij,jk', A, B)",
    r"\operatorname{einsum}(\text{'ij, jk -> ik'}, \mathbf{A}, \mathbf{B})",
    r'\mathrm{einsum}(\text{"ij,jk->ik"}, A, B)',
])
def test_spellings_of_a_call(guide, spelling):
    assert guide(spelling).value == M([[19, 22], [43, 50]])


# --- NumPy's rules ---------------------------------------------------------------------
@pytest.mark.parametrize("call, expected", [
    ("einsum('ii', A)", 5),                                       # trace
    ("einsum('ii->i', A)", M([1, 4])),                            # diagonal
    ("einsum('ij', A)", M([[1, 2], [3, 4]])),                     # implicit: identity
    ("einsum('ji', A)", M([[1, 3], [2, 4]])),                     # implicit: alphabetical
    ("einsum('ij->', A)", 10),                                    # sum of all entries
    ("einsum('ij->j', A)", M([4, 6])),                            # column sums
    ("einsum('i,j', a, b)", M([[4, 5, 6], [8, 10, 12], [12, 15, 18]])),  # outer
    ("einsum('ij,j', A, \\begin{bmatrix} 1 \\\\ 1 \\end{bmatrix})", M([3, 7])),
    ("einsum('ij,ij->ij', A, B)", M([[5, 12], [21, 32]])),        # Hadamard
    ("einsum('ij,ij', A, B)", 70),
    ("einsum('ba,bc', A, B)", M([[26, 30], [38, 44]])),           # A^T B
    ("einsum('...j,j', A, \\begin{bmatrix} 1 \\\\ 1 \\end{bmatrix})", M([3, 7])),
    ("einsum('i...->...', A)", M([4, 6])),
    ("einsum(',i', 2, a)", M([2, 4, 6])),
])
def test_numpy_rules(guide, call, expected):
    assert guide(call).value == expected


def test_implicit_mode_is_named_in_the_steps(guide):
    result = guide("einsum('ij,jk', A, B)")
    assert result.steps[0].latex == r"\text{``ij,jk->ik''}"
    assert "alphabetical" in result.steps[0].title


def test_tensors_declared_and_built(run):
    run(r"\mathbf{T} \in \mathbb{R}^{2 \times 2 \times 2}",
        r"u = \begin{bmatrix} 1 \\ 2 \end{bmatrix}")
    contracted = run("einsum('ijk,k->ij', T, u)").value
    entry = sp.Symbol("T_{1,2,1}", real=True) + 2 * sp.Symbol("T_{1,2,2}", real=True)
    assert contracted[0, 1] == entry
    cube = run("U = einsum('i,j,k', u, u, u)").value
    assert isinstance(cube, sp.ImmutableDenseNDimArray) and cube.shape == (2, 2, 2)
    assert run("U_{2,2,1}").value == 4
    assert run("einsum('iii', U)").value == 9
    assert run("einsum('ijk->kji', U)").value == sp.permutedims(cube, (2, 1, 0))


def test_symbolic_entries(run):
    run(r"\mathbf{x} \in \mathbb{R}^2", r"\mathbf{y} \in \mathbb{R}^2")
    x1, x2, y1, y2 = sp.symbols("x_1 x_2 y_1 y_2", real=True)
    assert run("einsum('i,i', x, y)").value == x1 * y1 + x2 * y2


# --- errors ---------------------------------------------------------------------------------
@pytest.mark.parametrize("call, words", [
    ("einsum('ij,jk->ik', A, a)", "label j has size 2 in A (axis 2) but 3 in a (axis 1)"),
    ("einsum('i,i', a, \\begin{bmatrix} 1 \\\\ 2 \\end{bmatrix})", "label i has size 3"),
    ("einsum('i,i', a)", "name 2 operand(s) but 1 were given"),
    ("einsum('ijk', A)", "give A 3 label(s), but it is a 2×2 matrix"),
    ("einsum('ij->k', A)", "output label k is not in any input"),
    ("einsum('ij->ii', A)", "output repeats the label i"),
    ("einsum('...i->', A)", "needs `...` too"),
    ("einsum(A, B)", "subscripts as a string first"),
    ("einsum('i1', a)", "letters"),
    ("einsum('i->j->k', a)", "more than one `->`"),
])
def test_errors_name_the_problem(ws, guide, call, words):
    result = ws.run(call)
    assert isinstance(result.error, symml.SymmlError)
    assert words in result.error.message


def test_size_mismatch_is_a_shape_error(ws, guide):
    assert isinstance(ws.run("einsum('ij,jk', A, a)").error, symml.ShapeError)


def test_symbolic_size_is_refused(ws, run):
    run(r"\mathbf{S} \in \mathbb{R}^{n \times n}")
    error = ws.run("einsum('ii', S)").error
    assert isinstance(error, symml.ShapeError) and "symbolic size" in error.message


# --- agreement with NumPy on small integer operands --------------------------------------
SPECS = [("ij,jk->ik", (2, 3), (3, 2)), ("ij,kj", (2, 3), (2, 3)), ("ij->i", (3, 2)),
         ("i,i->i", (3,), (3,)), ("ij,j->i", (2, 3), (3,)), ("ij,kl->ikjl", (2, 2), (2, 2)),
         ("ij,jk,kl->il", (2, 3), (3, 2), (2, 2)), ("...,...", (1, 3), (2, 3)),
         ("ii,i", (2, 2), (2,))]


@pytest.mark.parametrize("spec", SPECS, ids=[s[0] for s in SPECS])
def test_agrees_with_numpy(ws, spec):
    np = pytest.importorskip("numpy")
    subscripts, *shapes = spec
    arrays = [np.arange(1, int(np.prod(s)) + 1).reshape(s) - 2 for s in shapes]
    names = []
    for k, array in enumerate(arrays):
        name = "PQR"[k]
        names.append(name)
        ws.run(f"{name} = {_literal(array)}")
    result = ws.run(f"einsum('{subscripts}', {', '.join(names)})")
    assert result.error is None, result.error
    expected = np.einsum(subscripts, *arrays)
    assert _as_list(result.value, expected.shape) == expected.tolist()


def _literal(array) -> str:
    if array.ndim == 1:
        return r"\begin{bmatrix}" + r" \\ ".join(str(x) for x in array) + r"\end{bmatrix}"
    if array.ndim == 2:
        return r"\begin{bmatrix}" + r" \\ ".join(" & ".join(str(x) for x in row)
                                                 for row in array) + r"\end{bmatrix}"
    raise AssertionError(f"no literal for a {array.ndim}-D array")


def _as_list(value, shape):
    if not shape:
        return int(value)
    out = [int(x) for x in sp.flatten(value.tolist())]
    for size in reversed(shape[1:]):
        out = [out[i:i + size] for i in range(0, len(out), size)]
    return out


@pytest.mark.parametrize("spec", ["ij,jk->ik", "ij,jk->ki", "ij->ji", "ij,jk"])
def test_matrix_shortcut_agrees_with_the_general_contraction(spec):
    setup = (r"A = \begin{bmatrix} 1 & 2 & 3 \\ 4 & 5 & 6 \end{bmatrix}",
             r"B = \begin{bmatrix} 1 & 0 \\ 2 & 1 \\ 0 & 3 \end{bmatrix}")
    operands = "A" if spec == "ij->ji" else "A, B"
    statement = rf"\operatorname{{einsum}}('{spec}', {operands})"
    values = []
    for steps in (False, True):
        workspace = symml.Workspace(steps=steps)
        for line in setup:
            workspace.run(line)
        values.append(workspace.run(statement).value)
    assert values[0] == values[1]
