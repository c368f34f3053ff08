"""Contract audit of NOTATION §1–2: each spelling a student may type, checked against an
exact value computed independently with SymPy (and NumPy for einsum)."""
import numpy as np
import pytest
import sympy as sp

import symml

M = sp.ImmutableMatrix
A_NP = np.array([[1, 2], [3, 4]])
B_NP = np.array([[5, 6], [7, 8]])
V_NP = np.array([1, -2, 3])
W_NP = np.array([4, 5, 6])
SETUP = (r"A = \begin{bmatrix} 1 & 2 \\ 3 & 4 \end{bmatrix}",
         r"\mathbf{B} = \begin{pmatrix} 5 & 6 \\ 7 & 8 \end{pmatrix}",
         r"\boldsymbol{v} = \begin{bmatrix} 1 \\ -2 \\ 3 \end{bmatrix}",
         r"\vec{w} = \begin{matrix} 4 \\ 5 \\ 6 \end{matrix}",
         r"C = \begin{bmatrix} 1 & 2 & 3 \\ 4 & 5 & 6 \end{bmatrix}")
A_SYM = sp.ImmutableMatrix(A_NP.tolist())


@pytest.fixture
def mats(run):
    run(*SETUP)
    return run


def error_of(ws, statement):
    result = ws.run(statement)
    assert result.error is not None, f"{statement!r} did not fail"
    assert isinstance(result.error, symml.SymmlError)
    return result.error


# --- names: fonts, entries, matrices ------------------------------------------------------
@pytest.mark.parametrize("spelling", [r"\mathbf{v}", r"\boldsymbol{v}", r"\bm{v}", r"\vec{v}",
                                      r"\vec v", r"\mathbf v", "v"])
def test_every_font_names_the_same_vector(mats, spelling):
    assert mats(spelling).value == M(V_NP.tolist())


@pytest.mark.parametrize("statement, expected", [
    ("A_{1,2}", 2), ("A_{2, 1}", 3), ("A_{12}", 2), ("A_{21}", 3), ("A_{22}", 4),
    (r"\mathbf{v}_2", -2), (r"\vec{w}_{3}", 6), ("v_1 + w_1", 5),
    ("A_{1,1} + A_{2,2}", 5), ("C_{2,3}", 6), ("C_{23}", 6),
])
def test_entries_are_one_based(mats, statement, expected):
    assert mats(statement).value == expected


def test_a_two_digit_entry_outside_the_matrix_is_a_shape_error(ws, mats):
    assert "outside 1..2" in error_of(ws, "A_{13}").message


@pytest.mark.parametrize("statement, expected", [
    (r"\begin{bmatrix} 1 & 2 \\ 3 & 4 \end{bmatrix}", M([[1, 2], [3, 4]])),
    (r"\begin{pmatrix} 1 & 2 \\ 3 & 4 \end{pmatrix}", M([[1, 2], [3, 4]])),
    (r"\begin{matrix} 1 & 2 \\ 3 & 4 \end{matrix}", M([[1, 2], [3, 4]])),
    (r"\begin{vmatrix} 1 & 2 \\ 3 & 4 \end{vmatrix}", -2),
    (r"\left|\begin{matrix} 2 & 1 \\ 1 & 3 \end{matrix}\right|", 5),
    (r"\begin{bmatrix} 1 \\ 2 \end{bmatrix}", M([1, 2])),
    ("[[1, 2], [3, 4]]", M([[1, 2], [3, 4]])),
    ("np.array([[1, 2], [3, 4]])", M([[1, 2], [3, 4]])),
    ("np.array([1, 2, 3])", M([1, 2, 3])),
])
def test_matrix_literals(run, statement, expected):
    assert run(statement).value == expected


def test_nested_lists_one_level_deeper_are_a_tensor(run):
    run("T = [[[1, 2], [3, 4]], [[5, 6], [7, 8]]]")
    assert run("T_{2,1,2}").value == 6
    assert run("einsum('ijk->', T)").value == 36


# --- transpose, sums, products --------------------------------------------------------------
@pytest.mark.parametrize("spelling", [r"A^\top", "A^T", r"A^{\top}", "A^{T}", "A^⊤", "Aᵀ",
                                      r"\mathbf{A}^\mathsf{T}", r"A^{\mathsf{T}}",
                                      r"\left(A\right)^\top"])
def test_transpose(mats, spelling):
    assert mats(spelling).value == A_SYM.T


C_NP = np.array([[1, 2, 3], [4, 5, 6]])


@pytest.mark.parametrize("statement, expected", [
    ("A + B", A_NP + B_NP), ("A - B", A_NP - B_NP), ("2A", 2 * A_NP), ("2 A", 2 * A_NP),
    ("-A", -A_NP), (r"A \cdot 2", 2 * A_NP), (r"3 \times A", 3 * A_NP),
    ("AB", A_NP @ B_NP), ("A B", A_NP @ B_NP), (r"A \cdot B", A_NP @ B_NP),
    ("A * B", A_NP @ B_NP), ("BA", B_NP @ A_NP), (r"\mathbf{A}\mathbf{B}", A_NP @ B_NP),
    ("A^T B", A_NP.T @ B_NP), (r"(AB)^\top", (A_NP @ B_NP).T), (r"A \odot B", A_NP * B_NP),
    ("A ∘ B", A_NP * B_NP), ("A ⊙ B", A_NP * B_NP), (r"A \circ B", A_NP * B_NP),
    ("C v", (C_NP @ V_NP).reshape(-1, 1)), (r"v w^\top", np.outer(V_NP, W_NP)),
])
def test_sums_and_products_against_numpy(mats, statement, expected):
    assert mats(statement).value == M(expected.tolist())


@pytest.mark.parametrize("spelling", [r"\frac{A}{2}", "A / 2", r"\frac{1}{2} A", "0.5A"])
def test_halving_a_matrix(mats, spelling):
    assert mats(spelling).value == A_SYM / 2


@pytest.mark.parametrize("spelling", [r"v \cdot w", r"v^T w", r"\mathbf{v}^\top \mathbf{w}",
                                      r"\langle v, w \rangle",
                                      r"\left\langle v, w \right\rangle", "⟨v,w⟩", "v · w",
                                      "einsum('i,i', v, w)", "np.einsum('i,i->', v, w)"])
def test_dot_product_is_a_scalar(mats, spelling):
    assert mats(spelling).value == int(V_NP @ W_NP)


@pytest.mark.parametrize("spelling", [r"v \times w", r"\mathbf{v} \times \mathbf{w}", "v × w"])
def test_cross_product(mats, spelling):
    assert mats(spelling).value == M(np.cross(V_NP, W_NP).tolist())


@pytest.mark.parametrize("statement, fragment", [
    ("A v", "2×2 times 3×1"), ("A + C", "the shapes differ"), (r"A \odot C", "one shape"),
    (r"v \cdot \begin{bmatrix} 1 \\ 2 \end{bmatrix}", "one length"),
    (r"\det(C)", "square matrix"), ("C^2", "square matrix"),
])
def test_shape_errors(ws, mats, statement, fragment):
    error = error_of(ws, statement)
    assert isinstance(error, symml.ShapeError) and fragment in error.message


# --- norms ----------------------------------------------------------------------------------
@pytest.mark.parametrize("spelling, expected", [
    (r"\|v\|", sp.sqrt(14)), (r"\left\| v \right\|_2", sp.sqrt(14)),
    (r"\lVert v \rVert", sp.sqrt(14)), ("‖v‖₂", sp.sqrt(14)), (r"\|\vec{v}\|", sp.sqrt(14)),
    ("|v|", sp.sqrt(14)), (r"\left| \mathbf{v} \right|", sp.sqrt(14)),
    (r"\|v\|_1", 6), ("‖v‖₁", 6), (r"\lVert v\rVert_1", 6),
    (r"\|v\|_\infty", 3), (r"\|v\|_{\infty}", 3), ("‖v‖_∞", 3),
    (r"\|A\|_F", sp.sqrt(30)), (r"\|A\|_{\mathrm{F}}", sp.sqrt(30)), ("‖A‖_F", sp.sqrt(30)),
    (r"\|A\|_1", 6), (r"\|A\|_\infty", 7), (r"\|v\|^2", 14), (r"\|v\|_2^2", 14),
    ("|-3|", 3),
])
def test_norms(mats, spelling, expected):
    assert mats(spelling).value == expected


def test_matrix_two_norm_is_the_largest_singular_value(mats):
    value = mats(r"\|A\|_2").value
    assert value == sp.sqrt(15 + sp.sqrt(221))
    assert float(value) == pytest.approx(np.linalg.norm(A_NP, 2))


def test_bars_around_a_row_vector_are_its_length(run):
    assert run(r"\left|\begin{bmatrix} 3 & 4 \end{bmatrix}\right|").value == 5


def test_unit_vector(mats):
    assert mats(r"\hat{v}").value == M(V_NP.tolist()) / sp.sqrt(14)


# --- identity, zero, diag, det, inverse, trace, rank, powers ---------------------------------
@pytest.mark.parametrize("statement, expected", [
    ("I_2", M(sp.eye(2))), ("I_{3}", M(sp.eye(3))), (r"\mathbf{I}_2", M(sp.eye(2))),
    ("A + I", A_SYM + sp.eye(2)), ("A I", A_SYM), (r"A - 2I", A_SYM - 2 * sp.eye(2)),
    (r"\mathbf{0}_3", M.zeros(3, 1)), (r"\mathbf{0}_{2,3}", M.zeros(2, 3)),
    (r"\mathbf{0}_{2 \times 3}", M.zeros(2, 3)), (r"A + \mathbf{0}", A_SYM),
    (r"\operatorname{diag}(2, 5, 7)", M(sp.diag(2, 5, 7))),
    (r"\mathrm{diag}(v)", M(sp.diag(1, -2, 3))), (r"\operatorname{diag}(A)", M([1, 4])),
])
def test_identity_zero_diag(mats, statement, expected):
    assert mats(statement).value == expected


@pytest.mark.parametrize("statement, expected", [
    (r"\det(A)", -2), (r"\det\left(A\right)", -2), (r"\det A", -2), ("|A|", -2),
    (r"\left| A \right|", -2), (r"\lvert A \rvert", -2), (r"\operatorname{det}(A)", -2),
    ("A^{-1}", A_SYM.inv()), (r"\mathbf{A}^{-1}", A_SYM.inv()), ("A⁻¹", A_SYM.inv()),
    ("A^{-2}", A_SYM.inv() ** 2), (r"\operatorname{tr}(A)", 5), (r"\mathrm{tr}(A)", 5),
    (r"\tr A", 5), (r"\operatorname{trace}(A)", 5), (r"\operatorname{rank}(A)", 2),
    (r"\mathrm{rank}(C)", 2), (r"\operatorname{rank} A", 2), ("A^2", A_SYM ** 2),
    ("A²", A_SYM ** 2), ("A^{3}", A_SYM ** 3), ("A^0", M(sp.eye(2))),
])
def test_det_inverse_trace_rank_power(mats, statement, expected):
    assert mats(statement).value == expected


def test_symbolic_power_of_a_diagonalizable_matrix(run):
    run(r"S = \begin{bmatrix} 2 & 1 \\ 1 & 2 \end{bmatrix}")
    k = sp.Symbol("k")
    value = run("S^k").value
    half = sp.Rational(1, 2)
    assert value == M([[3**k * half + half, 3**k * half - half],
                       [3**k * half - half, 3**k * half + half]])
    assert value.subs(k, 5) == M([[2, 1], [1, 2]]) ** 5
    assert run(r"J = \begin{bmatrix} 1 & 1 \\ 0 & 1 \end{bmatrix}", "J^n").value == M(
        [[1, sp.Symbol("n")], [0, 1]])


# --- eigenproblems ---------------------------------------------------------------------------
S_DEF = r"S = \begin{bmatrix} 2 & 1 \\ 1 & 2 \end{bmatrix}"
PAIRS = sp.Tuple(sp.Tuple(1, 1, sp.Tuple(M([-1, 1]))), sp.Tuple(3, 1, sp.Tuple(M([1, 1]))))


@pytest.mark.parametrize("spelling", [r"S\boldsymbol{v} = \lambda\boldsymbol{v}",
                                      r"S\vec{v} = \lambda\vec{v}", r"S \vec v = \lambda \vec v",
                                      "Sv=λv", r"S u = \lambda u", r"\mathbf{S}\bm{x} = \mu\bm{x}"])
def test_eigen_equation_spellings(run, spelling):
    run(S_DEF)
    result = run(spelling)
    assert result.kind == "solution" and result.value == PAIRS


@pytest.mark.parametrize("spelling", [r"\det(S - \lambda I) = 0",
                                      r"\det\left(S - \lambda I\right) = 0",
                                      r"|S - \lambda I| = 0", r"\det(S - λ I) = 0",
                                      r"\det(S - \lambda \mathbf{I}) = 0",
                                      r"\det(\lambda I - S) = 0", r"\det(S - \lambda I_2) = 0",
                                      r"\begin{vmatrix} 2-\lambda & 1 \\ 1 & 2-\lambda "
                                      r"\end{vmatrix} = 0"])
def test_characteristic_equation_spellings(run, spelling):
    run(S_DEF)
    assert run(spelling).value == sp.FiniteSet(1, 3)


@pytest.mark.parametrize("spelling", [r"\operatorname{eigvals}(S)", r"\mathrm{eigvals}(S)",
                                      r"\operatorname{eigvals}\left(S\right)", "eigvals(S)",
                                      r"\operatorname{eigvals} S", r"\operatorname{eigenvals}(S)"])
def test_eigvals_spellings(run, spelling):
    run(S_DEF)
    assert run(spelling).value == sp.Dict({1: 1, 3: 1})


def test_eig_of_a_matrix_with_irrational_eigenvalues(mats):
    p, d = mats(r"\operatorname{eig}(A)").value
    assert sp.simplify(p * d * p.inv() - A_SYM) == sp.zeros(2, 2)
    assert sorted(float(x) for x in (d[0, 0], d[1, 1])) == pytest.approx(
        sorted(np.linalg.eigvals(A_NP)))


# --- linear systems --------------------------------------------------------------------------
@pytest.mark.parametrize("statement, expected", [
    (r"A\mathbf{x} = \begin{bmatrix} 5 \\ 6 \end{bmatrix}", M([-4, sp.Rational(9, 2)])),
    (r"A \mathbf{y} = \mathbf{b}", M([-4, sp.Rational(9, 2)])),
    (r"A \cdot z = b", M([-4, sp.Rational(9, 2)])),
    (r"A\mathbf{x} = \mathbf{0}", M([0, 0])),
    (r"Z\mathbf{x} = \mathbf{0}", M([-2 * sp.Symbol("t_1"), sp.Symbol("t_1")])),
    (r"Z x = 0", M([-2 * sp.Symbol("t_1"), sp.Symbol("t_1")])),
    (r"Z x = \begin{bmatrix} 3 \\ 6 \end{bmatrix}", M([3 - 2 * sp.Symbol("t_1"),
                                                      sp.Symbol("t_1")])),
])
def test_linear_system_is_solved(run, statement, expected):
    run(r"A = \begin{bmatrix} 1 & 2 \\ 3 & 4 \end{bmatrix}",
        r"Z = \begin{bmatrix} 1 & 2 \\ 2 & 4 \end{bmatrix}",
        r"\mathbf{b} = \begin{bmatrix} 5 \\ 6 \end{bmatrix}")
    result = run(statement)
    assert result.kind == "solution" and result.value == expected
    assert result.steps[0].title == "Row-reduce the augmented matrix [A | b]"
    assert np.allclose(np.array(A_NP @ [-4, 4.5]), [5, 6])


def test_linear_system_errors(ws, run):
    run(r"Z = \begin{bmatrix} 1 & 2 \\ 2 & 4 \end{bmatrix}")
    assert isinstance(error_of(ws, r"Z x = \begin{bmatrix} 1 \\ 0 \end{bmatrix}"),
                      symml.DomainError)
    error = error_of(ws, r"Z x = \begin{bmatrix} 1 \\ 0 \\ 0 \end{bmatrix}")
    assert isinstance(error, symml.ShapeError) and "3-vector" in error.message


# --- checks ----------------------------------------------------------------------------------
@pytest.mark.parametrize("statement, expected", [
    (r"S = S^\top", sp.true), ("S = Sᵀ", sp.true), (r"\mathbf{S}^\top = \mathbf{S}", sp.true),
    (r"S \ne S^T", sp.false), (r"S \neq S^2", sp.true), (r"A = A^T", sp.false),
    (r"A \ne A^\top", sp.true), (r"\operatorname{is\_symmetric}(S)", sp.true),
    (r"\operatorname{is_symmetric}(A)", sp.false), (r"\operatorname{is\_diagonal}(I_3)", sp.true),
    (r"\operatorname{is\_diagonal}(S)", sp.false),
    ("einsum('ij,jk->ik', A, S) = A S", sp.true), (r"einsum('ii', A) = \operatorname{tr}(A)",
                                                    sp.true),
])
def test_matrix_checks(run, statement, expected):
    run(S_DEF, r"A = \begin{bmatrix} 1 & 2 \\ 3 & 4 \end{bmatrix}")
    result = run(statement)
    assert result.value is expected
    assert result.kind == ("value" if "operatorname{is" in statement else "check")


# --- declarations --------------------------------------------------------------------------
def test_several_names_declared_at_once(run):
    assert run(r"x, y \in \mathbb{R}").latex == r"x, y \in \mathbb{R}"
    assert run("x").value == sp.Symbol("x", real=True)
    result = run(r"\mathbf{u}, \mathbf{w} \in \mathbb{R}^2")
    assert result.kind == "declaration" and result.latex == (
        r"\mathbf{u}, \mathbf{w} \in \mathbb{R}^{2}")
    u1, u2, w1, w2 = sp.symbols("u_1 u_2 w_1 w_2", real=True)
    assert run(r"u \cdot w").value == u1 * w1 + u2 * w2


def test_declared_matrix_entries(run):
    run(r"\mathbf{M} \in \mathbb{R}^{2 \times 2}")
    m11, m12, m21, m22 = (sp.Symbol(f"M_{{{i},{j}}}", real=True) for i, j in
                          ((1, 1), (1, 2), (2, 1), (2, 2)))
    assert run(r"\det(M)").value == m11 * m22 - m12 * m21
    assert run(r"\operatorname{tr}(M)").value == m11 + m22
    assert run("M = M^T").value is sp.false
    assert run(r"M \ne M^T").value is sp.true
    assert run("M + M = 2M").value is sp.true


def test_symbolic_sizes(ws, run):
    run(r"\mathbf{A} \in \mathbb{R}^{m \times n}", r"\mathbf{B} \in \mathbb{R}^{n \times p}",
        r"\mathbf{S} \in \mathbb{R}^{n \times n}")
    n = sp.Symbol("n")
    assert run("I_n").latex == "I_{n}"
    assert run(r"S - \lambda I_n").latex == r"- \lambda I_{n} + \mathbf{S}"
    assert run("S^k").value == sp.MatPow(sp.MatrixSymbol("S", n, n), sp.Symbol("k"))
    assert run(r"(AB)^\top = B^\top A^\top").value is sp.true
    assert run(r"(A^T)^T = A").value is sp.true
    assert run("S = S^T").value is sp.false  # with a counterexample: see test_matcalc


def test_declared_tensor(ws, run):
    run(r"\mathbf{T} \in \mathbb{R}^{2\times 3\times 4}")
    assert run("T_{2,3,4}").value == sp.Symbol("T_{2,3,4}", real=True)
    assert run("T_{i,j,k}").value == sp.Symbol("T_{i,j,k}")
    assert "outside 1..2" in error_of(ws, "T_{3,1,1}").message


# --- einsum ---------------------------------------------------------------------------------
EINSUM = [
    ('ij,jk->ik', "A, B"), ('ij,jk', "A, B"), ('ij', "A"), ('ji', "A"), ('ii', "A"),
    ('ii->i', "A"), ('ij->', "A"), ('i,j->ij', "a, b"), ('i,j', "a, b"), ('...ij->...ji', "A"),
    ('...,...', "a, b"), ('ij,j->i', "C, a"), ('ij,j', "C, a"), ('ij,ij->', "A, B"),
    ('ij,ij', "A, B"), ('ij,ij->ij', "A, B"), ('ij,jk,kl->il', "A, B, A"), ('i,i', "a, b"),
    ('ij->ji', "C"), ('ij,kj->ik', "A, B"),
]
ARRAYS = {"A": A_NP, "B": B_NP, "C": np.array([[1, 2, 3], [4, 5, 6]]),
          "a": np.array([1, 2, 3]), "b": np.array([4, 5, 6])}


@pytest.mark.parametrize("spec, operands", EINSUM)
@pytest.mark.parametrize("call", ["einsum", "np.einsum", r"\operatorname{einsum}"])
def test_einsum_matches_numpy(run, spec, operands, call):
    run(r"A = \begin{bmatrix} 1 & 2 \\ 3 & 4 \end{bmatrix}",
        r"B = \begin{bmatrix} 5 & 6 \\ 7 & 8 \end{bmatrix}",
        r"C = \begin{bmatrix} 1 & 2 & 3 \\ 4 & 5 & 6 \end{bmatrix}",
        "a = [1, 2, 3]", "b = [4, 5, 6]")
    expected = np.einsum(spec, *[ARRAYS[name.strip()] for name in operands.split(",")])
    value = run(f"{call}('{spec}', {operands})").value
    if expected.ndim == 0:
        assert value == int(expected)
    else:
        assert value == M(expected.tolist() if expected.ndim == 2 else
                          expected.reshape(-1, 1).tolist())


@pytest.mark.parametrize("subscripts", ['\\text{"ij->ji"}', "\\text{'ij->ji'}",
                                        "\\text{ij->ji}", '\\texttt{"ij->ji"}',
                                        "\\text{``ij->ji''}", "“ij->ji”", "‘ij->ji’"])
def test_einsum_subscript_spellings(mats, subscripts):
    assert mats(rf"\operatorname{{einsum}}({subscripts}, A)").value == A_SYM.T


def test_einsum_from_the_guides_numpy_code(run):
    run("A = np.array([[1, 2], [3, 4]])", "B = np.einsum('ij->ji', A)")
    assert run("B").value == A_SYM.T
    run("a = np.array([1, 2, 3])", "b = np.array([4, 5, 6])")
    assert run("C = np.einsum('i,i', a, b)").value == 32


@pytest.mark.parametrize("statement, fragment", [
    ("einsum('ij,jk->ik', C, A)", "label j has size 3"),
    ("einsum('ij,jk->ik', A)", "name 2 operand(s) but 1"),
    ("einsum('i,i', a, C)", "1 label(s)"),
])
def test_einsum_shape_errors(ws, run, statement, fragment):
    run(r"A = \begin{bmatrix} 1 & 2 \\ 3 & 4 \end{bmatrix}",
        r"C = \begin{bmatrix} 1 & 2 & 3 \\ 4 & 5 & 6 \end{bmatrix}", "a = [1, 2, 3]")
    error = error_of(ws, statement)
    assert isinstance(error, symml.ShapeError) and fragment in error.message


# --- Cov and PCA ---------------------------------------------------------------------------
D_NP = np.array([[1, 2, 3], [2, 4, 7], [3, 6, 8], [4, 8, 9]])
D_DEF = r"D = \begin{bmatrix} 1 & 2 & 3 \\ 2 & 4 & 7 \\ 3 & 6 & 8 \\ 4 & 8 & 9 \end{bmatrix}"


@pytest.mark.parametrize("spelling", [r"\operatorname{Cov}(D)", r"\mathrm{Cov}(D)", "Cov(D)",
                                      r"\operatorname{Cov}\left(\mathbf{D}\right)"])
def test_sample_covariance_matches_numpy(run, spelling):
    run(D_DEF)
    value = run(spelling).value
    assert value == M([[sp.Rational(5, 3), sp.Rational(10, 3), sp.Rational(19, 6)],
                       [sp.Rational(10, 3), sp.Rational(20, 3), sp.Rational(19, 3)],
                       [sp.Rational(19, 6), sp.Rational(19, 3), sp.Rational(83, 12)]])
    assert np.allclose(np.array(value, dtype=float), np.cov(D_NP.T))


def test_pca_with_irrational_components_is_simplified_and_matches_numpy(run):
    run(D_DEF)
    pairs, ratios, projected = run(r"\operatorname{PCA}(D, 2)").value
    values, vectors = np.linalg.eigh(np.cov(D_NP.T))
    order = np.argsort(values)[::-1][:2]
    for (value, vector), i in zip(pairs, order):
        assert float(value) == pytest.approx(values[i])
        unit = np.array(vector, dtype=float).ravel()
        assert abs(unit @ vectors[:, i]) == pytest.approx(1)
        assert all(sp.count_ops(x) < 20 for x in vector)  # no nested GramSchmidt roots
    assert [float(r) for r in ratios] == pytest.approx(list(values[order] / values.sum()))
    centred = D_NP - D_NP.mean(axis=0)
    assert np.allclose(np.abs(np.array(projected, dtype=float)),
                       np.abs(centred @ vectors[:, order]))


# --- audit: entries of expressions, symbolic dot products, softmax, sizes, messages ----------
def test_entry_of_a_bracketed_expression(ws, mats):
    assert mats(r"(A^\top)_{1,2}").value == 3
    assert mats(r"(A^\top)_{1,2} = A_{2,1}").value is sp.true
    assert mats(r"(AB)_{2,1}").value == 43
    assert mats(r"(\mathbf{v} + \mathbf{w})_2").value == 3
    assert "whole-number indices" in error_of(ws, r"(A^\top)_{i,j}").message
    assert "picks an entry" in error_of(ws, "(2 + 3)_{1}").message


def test_entry_of_a_transposed_declared_matrix_is_an_identity(run):
    run(r"\mathbf{A} \in \mathbb{R}^{m \times n}")
    assert run(r"(\mathbf{A}^\top)_{i,j}").value == sp.Symbol("A_{j,i}")
    assert run(r"(\mathbf{A}^\top)_{i,j} = \mathbf{A}_{j,i}").value is sp.true
    assert run(r"(\mathbf{A}^\top)_{2,1}").value == sp.Symbol("A_{1,2}", real=True)


def test_dot_product_of_declared_vectors_of_symbolic_size(run):
    run(r"\mathbf{v}, \mathbf{w} \in \mathbb{R}^n")
    i, n = sp.Symbol("i", integer=True), sp.Symbol("n")
    v, w = sp.IndexedBase("v"), sp.IndexedBase("w")
    total = sp.Sum(v[i] * w[i], (i, 1, n))
    result = run(r"\mathbf{v} \cdot \mathbf{w}")
    assert result.value == total
    assert result.steps[-1].latex == r"\mathbf{v} \cdot \mathbf{w} = \sum_{i=1}^{n} {v}_{i} {w}_{i}"
    assert run(r"\mathbf{v}^\top \mathbf{w}").value == total
    assert run(r"\sum_{i=1}^{n} v_i w_i").value == total
    assert run(r"\mathbf{v}\cdot\mathbf{w} = \sum_{i=1}^{n} v_i w_i").value is sp.true
    assert run(r"\mathbf{v}\cdot\mathbf{w} = \sum_{j=1}^{n} w_j v_j").value is sp.true


def test_softmax_of_a_declared_vector_and_of_an_undefined_name(ws, run):
    assert "is not defined" in error_of(ws, r"\operatorname{softmax}(\mathbf{z})").message
    run(r"\mathbf{z} \in \mathbb{R}^3")
    z = sp.symbols("z_1 z_2 z_3", real=True)
    total = sum(sp.exp(zi) for zi in z)
    assert run(r"\operatorname{softmax}(\mathbf{z})").value == M([sp.exp(zi) / total for zi in z])
    run(r"\mathbf{u} \in \mathbb{R}^n")
    assert run(r"\operatorname{softmax}(\mathbf{u})").latex == \
        r"\operatorname{softmax}\left(\mathbf{u}\right)"


def test_a_tensor_of_symbolic_rank_is_a_clear_error(ws):
    error = error_of(ws, r"\mathbf{T} \in \mathbb{R}^{d_1 \times \cdots \times d_n}")
    assert isinstance(error, symml.ShapeError) and "symbolic rank" in error.message


def test_lowercase_cov_is_the_sample_covariance(run):
    run(r"X = \begin{bmatrix} 1 & 2 \\ 3 & 5 \\ 4 & 4 \end{bmatrix}")
    expected = run(r"\operatorname{Cov}(X)").value
    assert run(r"\operatorname{cov}(X)").value == expected == M(
        [[sp.Rational(7, 3), sp.Rational(11, 6)], [sp.Rational(11, 6), sp.Rational(7, 3)]])


@pytest.mark.parametrize("words, phrase", [
    ("n×m matrix", "an n×m matrix"), ("8-vector (column)", "an 8-vector (column)"),
    ("11×2 matrix", "an 11×2 matrix"), ("2×3 matrix", "a 2×3 matrix"),
    ("k-vector (row)", "a k-vector (row)"), ("1-vector (column)", "a 1-vector (column)"),
])
def test_messages_use_the_article_a_reader_says(words, phrase):
    from symml.semantics.kinds import with_article

    assert with_article(words) == phrase


def test_shape_error_says_an_for_a_symbolic_size(ws, run):
    run(r"\mathbf{u} \in \mathbb{R}^n")
    assert "an n-vector (column)" in error_of(ws, r"\|\mathbf{u}\|_1").message
