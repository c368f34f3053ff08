"""Linear algebra (NOTATION §2): the guide's worked examples and every row, LaTeX and Unicode."""
import pytest
import sympy as sp

import symml

M = sp.ImmutableMatrix
A_DEF = r"A = \begin{bmatrix} 1 & 2 \\ 3 & 4 \end{bmatrix}"
B_DEF = r"B = \begin{bmatrix} 5 & 6 \\ 7 & 8 \end{bmatrix}"
C_DEF = r"C = \begin{bmatrix} 1 & 2 & 3 \\ 4 & 5 & 6 \end{bmatrix}"
V_DEF = r"\mathbf{v} = \begin{bmatrix} 1 \\ 2 \\ 3 \end{bmatrix}"
W_DEF = r"\mathbf{w} = \begin{bmatrix} 4 \\ 5 \\ 6 \end{bmatrix}"
AB = M([[19, 22], [43, 50]])


@pytest.fixture
def mats(run):
    run(A_DEF, B_DEF, C_DEF, V_DEF, W_DEF)
    return run


def error_of(ws, statement):
    result = ws.run(statement)
    assert result.error is not None, f"{statement!r} did not fail"
    return result.error


# --- the guide's worked examples -----------------------------------------------------------
def test_guide_transpose(mats):
    result = mats("C^T")
    assert result.value == M([[1, 4], [2, 5], [3, 6]])
    assert result.latex == r"\begin{bmatrix}1 & 4\\2 & 5\\3 & 6\end{bmatrix}"


def test_guide_dot_product(run):
    run(r"\mathbf{a} = \begin{bmatrix} 1 \\ 2 \\ 3 \end{bmatrix}",
        r"\mathbf{b} = \begin{bmatrix} 4 \\ 5 \\ 6 \end{bmatrix}")
    result = run(r"\mathbf{a} \cdot \mathbf{b}")
    assert result.value == 32
    assert result.steps[0].latex == (r"\mathbf{a} \cdot \mathbf{b} = "
                                     r"1 \cdot 4 + 2 \cdot 5 + 3 \cdot 6 = 32")


def test_guide_hadamard(mats):
    result = mats(r"A \circ B")
    assert result.value == M([[5, 12], [21, 32]])
    assert result.steps[0].latex == (
        r"\mathbf{A} \odot \mathbf{B} = \begin{bmatrix}1 \cdot 5 & 2 \cdot 6\\"
        r"3 \cdot 7 & 4 \cdot 8\end{bmatrix} = \begin{bmatrix}5 & 12\\21 & 32\end{bmatrix}")


def test_guide_matrix_product(mats):
    result = mats("AB")
    assert result.value == AB
    assert result.steps[0].latex == (
        r"\mathbf{A}\mathbf{B} = \begin{bmatrix}1 \cdot 5 + 2 \cdot 7 & 1 \cdot 6 + 2 \cdot 8\\"
        r"3 \cdot 5 + 4 \cdot 7 & 3 \cdot 6 + 4 \cdot 8\end{bmatrix} = "
        r"\begin{bmatrix}19 & 22\\43 & 50\end{bmatrix}")


def test_guide_unit_vector(run):
    run(r"\mathbf{u} = \begin{bmatrix} 1 \\ 1 \\ 1 \end{bmatrix}")
    result = run(r"\hat{\mathbf{u}}")
    third = 1 / sp.sqrt(3)
    assert result.value == M([third, third, third])
    assert result.steps[0].latex == r"\sqrt{1^{2} + 1^{2} + 1^{2}} = \sqrt{3}"
    run(r"\mathbf{e} = \hat{\mathbf{u}}")
    assert run(r"\|\mathbf{e}\|_2").value == 1


def test_guide_diagonal_and_symmetric(run):
    assert run(r"D = \operatorname{diag}(2, 5, 7)").value == M(sp.diag(2, 5, 7))
    assert run(r"\operatorname{is\_diagonal}(D)").value is sp.true
    run(r"S = \begin{bmatrix} 1 & 2 & 3 \\ 2 & 4 & 5 \\ 3 & 5 & 6 \end{bmatrix}")
    assert run("S = S^T").value is sp.true
    assert run(r"\operatorname{is\_symmetric}(S)").value is sp.true
    assert run(r"\operatorname{is_symmetric}(D)").value is sp.true


# --- matrices, transposes, sums, scalar multiples --------------------------------------------
@pytest.mark.parametrize("env", ["bmatrix", "pmatrix", "matrix"])
def test_matrix_environments(run, env):
    assert run(rf"\begin{{{env}}} 1 & 2 \\ 3 & 4 \end{{{env}}}").value == M([[1, 2], [3, 4]])


def test_vmatrix_is_the_determinant(run):
    result = run(r"\begin{vmatrix} 1 & 2 \\ 3 & 4 \end{vmatrix}")
    assert result.value == -2
    assert result.steps[0].latex == r"1 \cdot 4 - 2 \cdot 3 = -2"


def test_one_column_is_a_column_vector(run):
    assert run(r"\begin{bmatrix} 1 \\ 2 \end{bmatrix}").value.shape == (2, 1)


@pytest.mark.parametrize("spelling", [r"A^\top", "A^T", r"A^{\top}", "A^{T}", "A^⊤", "Aᵀ",
                                      r"\mathbf{A}^\top", r"A^\intercal"])
def test_transpose_spellings(mats, spelling):
    assert mats(spelling).value == M([[1, 3], [2, 4]])


@pytest.mark.parametrize("statement, expected", [
    ("A + B", M([[6, 8], [10, 12]])),
    ("A - B", M([[-4, -4], [-4, -4]])),
    ("2A", M([[2, 4], [6, 8]])),
    (r"2 \cdot A", M([[2, 4], [6, 8]])),
    (r"\frac{A}{2}", M([[sp.Rational(1, 2), 1], [sp.Rational(3, 2), 2]])),
    ("A/2", M([[sp.Rational(1, 2), 1], [sp.Rational(3, 2), 2]])),
    ("-A + A", M([[0, 0], [0, 0]])),
])
def test_sums_and_scalar_multiples(mats, statement, expected):
    assert mats(statement).value == expected


def test_symbolic_scalar_multiple(mats):
    s = sp.Symbol("s", real=True)
    mats(r"s \in \mathbb{R}")
    assert mats(r"s \cdot A").value == M([[s, 2 * s], [3 * s, 4 * s]])


@pytest.mark.parametrize("statement, shapes", [
    ("A + C", "2×2 matrix and a 2×3 matrix"),
    ("A - C", "2×2 matrix and a 2×3 matrix"),
    (r"A \odot C", "2×2 matrix and a 2×3 matrix"),
    ("A ⊙ C", "2×2 matrix and a 2×3 matrix"),
    (r"A\mathbf{v}", "2×2 matrix by a 3-vector (column)"),
    ("CA", "2×3 matrix by a 2×2 matrix"),
    (r"A \cdot C^T", "2×2 matrix by a 3×2 matrix"),
    (r"\mathbf{v} \cdot \begin{bmatrix} 1 \\ 2 \end{bmatrix}", "3-vector (column) and a 2-vector"),
    (r"\mathbf{v} \times \begin{bmatrix} 1 \\ 2 \end{bmatrix}", "3-vector (column) and a 2-vector"),
    (r"\det(C)", "square matrix, got a 2×3 matrix"),
    ("C^{-1}", "square matrix, got a 2×3 matrix"),
])
def test_shape_errors_name_both_shapes(ws, mats, statement, shapes):
    error = error_of(ws, statement)
    assert isinstance(error, symml.ShapeError)
    assert shapes in error.message


# --- products -------------------------------------------------------------------------------
@pytest.mark.parametrize("spelling", [r"\mathbf{v} \cdot \mathbf{w}", r"\mathbf{v}^\top \mathbf{w}",
                                      r"\langle v, w \rangle", "⟨v, w⟩", "v · w", "vᵀw",
                                      r"\mathbf{v}^T\mathbf{w}"])
def test_dot_product_spellings(mats, spelling):
    result = mats(spelling)
    assert result.value == 32
    assert r"1 \cdot 4 + 2 \cdot 5 + 3 \cdot 6 = 32" in result.steps[0].latex


@pytest.mark.parametrize("spelling", [r"A \odot B", r"A \circ B", "A ⊙ B", "A ∘ B"])
def test_hadamard_spellings(mats, spelling):
    assert mats(spelling).value == M([[5, 12], [21, 32]])


@pytest.mark.parametrize("spelling", ["AB", "A B", r"\mathbf{A}\mathbf{B}", r"A \cdot B",
                                      "A · B", r"\mathbf{A} \mathbf{B}"])
def test_matrix_product_spellings(mats, spelling):
    assert mats(spelling).value == AB


def test_matrix_times_vector(mats):
    assert mats(r"C\mathbf{v}").value == M([14, 32])


@pytest.mark.parametrize("spelling", [r"\mathbf{v} \times \mathbf{w}", "v × w"])
def test_cross_product(mats, spelling):
    assert mats(spelling).value == M([-3, 6, -3])


# --- norms, unit vectors, special matrices ------------------------------------------------
@pytest.mark.parametrize("spelling, expected", [
    (r"\|v\|", sp.sqrt(14)), (r"\|v\|_2", sp.sqrt(14)), (r"\lVert v \rVert_2", sp.sqrt(14)),
    ("‖v‖₂", sp.sqrt(14)), ("‖v‖", sp.sqrt(14)), (r"\|v\|_1", 6), ("‖v‖₁", 6),
    (r"\|v\|_\infty", 3), ("‖v‖_∞", 3), (r"\|A\|_F", sp.sqrt(30)), (r"|-3|", 3),
])
def test_norms(mats, spelling, expected):
    assert mats(spelling).value == expected


def test_unit_vector_of_v(mats):
    assert mats(r"\hat{\mathbf{v}}").value == M([1, 2, 3]) / sp.sqrt(14)


def test_identity_sized_by_context(mats, ws):
    assert mats("A + I").value == M([[2, 2], [3, 5]])
    assert mats(r"A - 2I").value == M([[-1, 2], [3, 2]])
    assert mats("I_3").value == M(sp.eye(3))
    assert isinstance(error_of(ws, "I"), symml.ShapeError)


def test_zero_vector_sized_by_context(mats):
    assert mats(r"A + \mathbf{0}").value == M([[1, 2], [3, 4]])
    assert mats(r"C \mathbf{0}").value == M([0, 0])
    assert mats(r"\mathbf{v} \cdot \mathbf{0}").value == 0
    assert mats(r"A - A = \mathbf{0}").value is sp.true
    assert mats(r"\mathbf{0}").value == 0


# --- det, inverse, trace, rank, powers -----------------------------------------------------------
@pytest.mark.parametrize("statement, expected", [
    (r"\det(A)", -2), ("|A|", -2), (r"\det A", -2),
    ("A^{-1}", M([[-2, 1], [sp.Rational(3, 2), sp.Rational(-1, 2)]])),
    (r"\operatorname{tr}(A)", 5), (r"\operatorname{rank}(A)", 2), (r"\operatorname{rank}(C)", 2),
    ("A^2", M([[7, 10], [15, 22]])), ("A^3", M([[37, 54], [81, 118]])),
    ("A^0", M(sp.eye(2))), ("A A^{-1}", M(sp.eye(2))),
])
def test_det_inverse_trace_rank_power(mats, statement, expected):
    assert mats(statement).value == expected


x_ = sp.Symbol("x")


@pytest.mark.parametrize("matrix, expected", [
    (r"1 & 2 & 0 \\ 3 & 4 & 5 \\ 0 & 1 & 1", -7),  # integers
    (r"0.5 & 1 \\ 2 & \frac{1}{3}", sp.Rational(-11, 6)),  # rationals, exact
    (r"\sqrt{2} & 1 \\ 2 & 3", 3 * sp.sqrt(2) - 2),  # surds
    (r"x & 1 \\ 2 & x^2", x_**3 - 2),  # symbols
])
def test_determinant_over_every_kind_of_entry(run, matrix, expected):
    assert run(r"\det\begin{bmatrix} %s \end{bmatrix}" % matrix).value == expected


def test_singular_matrix_has_no_inverse(ws, run):
    run(r"Z = \begin{bmatrix} 1 & 2 \\ 2 & 4 \end{bmatrix}")
    assert isinstance(error_of(ws, "Z^{-1}"), symml.DomainError)


# --- eigenvalues, eigendecomposition, the eigen equation ------------------------------------
def test_eigvals_is_a_dict_of_multiplicities(run):
    run(r"S = \begin{bmatrix} 2 & 1 \\ 1 & 2 \end{bmatrix}")
    result = run(r"\operatorname{eigvals}(S)")
    assert result.value == sp.Dict({1: 1, 3: 1})
    assert result.steps[0].latex.endswith(r"= \left(\lambda - 3\right) \left(\lambda - 1\right)")


def test_eig_gives_p_and_d(run):
    run(r"S = \begin{bmatrix} 2 & 1 \\ 1 & 2 \end{bmatrix}")
    p, d = run(r"\operatorname{eig}(S)").value
    assert d == M([[1, 0], [0, 3]])
    assert p * d * p.inv() == M([[2, 1], [1, 2]])


@pytest.mark.parametrize("spelling", [r"A\mathbf{v} = \lambda\mathbf{v}", "Av = λv",
                                      r"\mathbf{A} \mathbf{x} = \mu \mathbf{x}",
                                      r"A \cdot v = \lambda \cdot v"])
def test_eigen_equation_is_solved(run, spelling):
    run(r"A = \begin{bmatrix} 2 & 1 \\ 1 & 2 \end{bmatrix}")
    result = run(spelling)
    assert result.kind == "solution"
    assert result.value == sp.Tuple(sp.Tuple(1, 1, sp.Tuple(M([-1, 1]))),
                                    sp.Tuple(3, 1, sp.Tuple(M([1, 1]))))
    titles = [step.title for step in result.steps]
    assert titles[0] == "Characteristic polynomial"
    assert titles[1].startswith("Roots")
    assert titles[2:] == [r"Null space of A - \lambda I for \lambda = 1",
                          r"Null space of A - \lambda I for \lambda = 3"]


def test_eigen_equation_with_a_repeated_eigenvalue(run):
    run(r"A = \begin{bmatrix} 2 & 0 \\ 0 & 2 \end{bmatrix}")
    assert run(r"A\mathbf{v} = \lambda\mathbf{v}").value == sp.Tuple(
        sp.Tuple(2, 2, sp.Tuple(M([1, 0]), M([0, 1]))))


def test_eigen_equation_needs_a_square_matrix(ws, mats):
    assert isinstance(error_of(ws, r"C\mathbf{x} = \lambda\mathbf{x}"), symml.ShapeError)


def test_characteristic_equation(run):
    run(r"A = \begin{bmatrix} 2 & 1 \\ 1 & 2 \end{bmatrix}")
    assert run(r"\det(A - \lambda I) = 0").value == sp.FiniteSet(1, 3)


# --- covariance and PCA -------------------------------------------------------------------
X_DEF = r"X = \begin{bmatrix} 2 & 0 \\ 0 & 2 \\ 4 & 4 \end{bmatrix}"


def test_sample_covariance(run):
    run(X_DEF)
    result = run(r"\operatorname{Cov}(X)")
    assert result.value == M([[4, 2], [2, 4]])
    assert [s.title for s in result.steps] == [
        "Column means", "Centre: subtract each column's mean",
        "Sample covariance: divide by n - 1"]
    assert result.steps[1].latex == (r"\mathbf{X}_{c} = "
                                     r"\begin{bmatrix}0 & -2\\-2 & 0\\2 & 2\end{bmatrix}")
    assert result.steps[2].latex == (r"\frac{1}{n - 1} \mathbf{X}_{c}^\top\mathbf{X}_{c} = "
                                     r"\frac{1}{2} \begin{bmatrix}8 & 4\\4 & 8\end{bmatrix} = "
                                     r"\begin{bmatrix}4 & 2\\2 & 4\end{bmatrix}")


def test_pca(run):
    run(X_DEF)
    result = run(r"\operatorname{PCA}(X, 1)")
    half = sp.sqrt(2) / 2
    pairs, ratios, projected = result.value
    assert pairs == sp.Tuple(sp.Tuple(6, M([half, half])))
    assert ratios == sp.Tuple(sp.Rational(3, 4))
    assert projected == M([-sp.sqrt(2), -sp.sqrt(2), 2 * sp.sqrt(2)])
    titles = [s.title for s in result.steps]
    assert titles[:4] == ["Column means", "Centre: subtract each column's mean",
                          "Sample covariance: divide by n - 1", "Characteristic polynomial"]
    assert titles[4].startswith("Eigenpairs") and "sorted" in titles[4]
    assert titles[5].startswith("Explained-variance") and titles[6].startswith("Project")


def test_pca_keeps_all_components_when_asked(run):
    run(r"X = \begin{bmatrix} 1 & 0 \\ 0 & 1 \\ 2 & 2 \\ 3 & 3 \end{bmatrix}")
    pairs, ratios, projected = run(r"\operatorname{PCA}(X, 2)").value
    assert [pair[0] for pair in pairs] == [3, sp.Rational(1, 3)]
    assert ratios == sp.Tuple(sp.Rational(9, 10), sp.Rational(1, 10))
    assert projected.shape == (4, 2)


@pytest.mark.parametrize("statement, error", [
    (r"\operatorname{PCA}(X, 3)", symml.DomainError),
    (r"\operatorname{PCA}(X, 0)", symml.DomainError),
    (r"\operatorname{PCA}(X)", symml.SymmlError),
    (r"\operatorname{PCA}(\begin{bmatrix} 1 & 2 \end{bmatrix}, 1)", symml.ShapeError),
])
def test_pca_errors(ws, run, statement, error):
    run(X_DEF)
    assert isinstance(error_of(ws, statement), error)


# --- declarations: entries, tensors, symbolic sizes ----------------------------------------------
def test_declared_tensor_entries(ws, run):
    run(r"\mathbf{T} \in \mathbb{R}^{2\times 3\times 4}")
    assert run("T_{2,3,4}").value == sp.Symbol("T_{2,3,4}", real=True)
    assert "outside 1..2" in error_of(ws, "T_{3,1,1}").message
    assert "needs 3 indices" in error_of(ws, "T_{1,1}").message
    assert run("2T").value.shape == (2, 3, 4)
    assert run("T^T").value.shape == (4, 3, 2)


def test_entries_of_a_defined_matrix(mats):
    assert mats("A_{2,1}").value == 3
    assert mats("v_3").value == 3


def test_symbolic_sizes(ws, run):
    run(r"\mathbf{A} \in \mathbb{R}^{m \times n}", r"\mathbf{B} \in \mathbb{R}^{n \times p}",
        r"\mathbf{S} \in \mathbb{R}^{n \times n}", r"\mathbf{x} \in \mathbb{R}^{n}")
    m, n, p = sp.symbols("m n p")
    assert run(r"A^\top").value.shape == (n, m)
    assert run(r"A^\top").latex == r"\mathbf{A}^\top"
    assert run("AB").value.shape == (m, p)
    assert run(r"A\mathbf{x}").value.shape == (m, 1)
    assert run("S + I").value.shape == (n, n)
    assert run("I_n").value == sp.Identity(n)
    assert run(r"\det(S)").value == sp.Determinant(sp.MatrixSymbol("S", n, n))
    assert run("A_{1,2}").value == sp.Symbol("A_{1,2}", real=True)
    assert "p columns = m rows" in error_of(ws, "BA").message
    assert "symbolic size" in error_of(ws, r"\|x\|_1").message
    assert "symbolic size" in error_of(ws, r"\operatorname{eigvals}(S)").message
