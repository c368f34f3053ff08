"""The guide typed in order: every formula of ../shared/guide.txt, in the guide's order, as
ONE document — what a student gets by copying the guide from top to bottom into `symml solve`.

The guide reuses letters (A and B are three different matrices, v a declared vector and then
an example, A and B events after being matrices), so this checks what no one-formula test
can: each later statement sees the right earlier definition (the matrix products after A and
B are redefined), every redefinition says what it replaced, and nothing comes out as a
confident wrong value. Each formula has its expectation:

- a value: exactly that value (and no note);
- `PROSE`: a name or size the guide's prose mentions: it evaluates (to itself, symbolically);
- `DECLARED`: a declaration;
- `Refused(error, words, why)`: an error, with why the guide's own reading has no value here
  (the guide never defines that name at this point, or defined it as something else);
- `Noted(expectation, words)`: as `expectation`, and one of the notes contains `words`.

`test_the_document_is_the_guide` re-reads the guide (when the checkout sits beside it) so a
changed guide fails here until this list follows it.
"""
import re
from dataclasses import dataclass
from pathlib import Path

import pytest
import sympy as sp

from symml.errors import ShapeError, SymmlError
from symml.export.formats import render_document
from symml.solution import solve_document

M = sp.ImmutableMatrix
PROSE = "prose"
DECLARED = "declared"


@dataclass(frozen=True)
class Refused:
    error: type
    words: str
    why: str


@dataclass(frozen=True)
class Noted:
    expected: object
    words: str


DOCUMENT = [
    (r"s", PROSE),
    (r"s \in \mathbb{R}", DECLARED),
    (r"\mathbf{v}", PROSE),
    (r"n", PROSE),
    (r"\mathbf{v} \in \mathbb{R}^n", DECLARED),
    (r"\mathbf{v} = \begin{bmatrix} v_1 \\ v_2 \\ v_3 \end{bmatrix}",
     Noted(PROSE, 'redefines \\mathbf{v}, whi')),
    (r"\mathbf{A}", PROSE),
    (r"m", PROSE),
    (r"n", PROSE),
    (r"\mathbf{A} \in \mathbb{R}^{m \times n}", DECLARED),
    (r"\mathbf{A} = \begin{bmatrix} A_{1,1} & A_{1,2} \\ A_{2,1} & A_{2,2} \end{bmatrix}",
     Noted(PROSE, 'redefines \\mathbf{A}, whi')),
    (r"\mathbf{T}", PROSE),
    (r"n", PROSE),
    (r"\mathbf{T} \in \mathbb{R}^{d_1 \times d_2 \times \cdots \times d_n}",
     Refused(ShapeError, 'a tensor needs a known number of dimensi', "a tensor of symbolic rank (d_1 × ⋯ × d_n): no SymPy object, by choice (README)")),
    (r"\mathbf{A}", PROSE),
    (r"\mathbf{A}^\top", PROSE),
    (r"\mathbf{A}", PROSE),
    (r"m \times n", PROSE),
    (r"\mathbf{A}^\top", PROSE),
    (r"n \times m", PROSE),
    (r"(\mathbf{A}^\top)_{i,j} = \mathbf{A}_{j,i}", Noted(sp.true, "checked for every")),
    (r"A = \begin{bmatrix} 1 & 2 & 3 \\ 4 & 5 & 6 \end{bmatrix}",
     Noted(M([[1, 2, 3], [4, 5, 6]]), 'redefines \\mathbf{A}, whi')),
    (r"A^T = \begin{bmatrix} 1 & 4 \\ 2 & 5 \\ 3 & 6 \end{bmatrix}", sp.true),
    (r"\mathbf{v} \cdot \mathbf{w} = \sum_{i=1}^{n} v_i w_i",
     Refused(ShapeError, "whole-number indices",
             "n is never given a value, so the sum over the entries of v cannot be taken")),
    (r"\mathbf{v}^\top\mathbf{w}", Noted(PROSE, 'w is not defined, so it i')),
    (r"\mathbf{a} = \begin{bmatrix} 1 \\ 2 \\ 3 \end{bmatrix}", M([[1], [2], [3]])),
    (r"\mathbf{b} = \begin{bmatrix} 4 \\ 5 \\ 6 \end{bmatrix}", M([[4], [5], [6]])),
    (r"\mathbf{a} \cdot \mathbf{b} = 1\cdot 4 + 2\cdot 5 + 3\cdot 6 = 32", sp.true),
    (r"\mathbf{C} = \mathbf{A} \odot \mathbf{B}",
     Refused(ShapeError, 'the Hadamard product needs two matrices ', "B is not defined yet at this point of the guide")),
    (r"C_{i,j} = A_{i,j} \times B_{i,j}", PROSE),
    (r"A = \begin{bmatrix} 1 & 2 \\ 3 & 4 \end{bmatrix}",
     Noted(M([[1, 2], [3, 4]]), 'redefines \\mathbf{A}, whi')),
    (r"B = \begin{bmatrix} 5 & 6 \\ 7 & 8 \end{bmatrix}", M([[5, 6], [7, 8]])),
    (r"A \circ B = \begin{bmatrix} 1\cdot 5 & 2\cdot 6 \\ 3\cdot 7 & 4\cdot 8 \end{bmatrix} = \begin{bmatrix} 5 & 12 \\ 21 & 32 \end{bmatrix}",
     sp.true),
    (r"\mathbf{A}", M([[1, 2], [3, 4]])),
    (r"\mathbf{B}", M([[5, 6], [7, 8]])),
    (r"\mathbf{A}", M([[1, 2], [3, 4]])),
    (r"\mathbf{B}", M([[5, 6], [7, 8]])),
    (r"\mathbf{A}", M([[1, 2], [3, 4]])),
    (r"m \times n", PROSE),
    (r"\mathbf{B}", M([[5, 6], [7, 8]])),
    (r"n \times p", PROSE),
    (r"\mathbf{C} = \mathbf{AB}", Noted(M([[19, 22], [43, 50]]), 'C_{i,j} (defined earlier)')),
    (r"m \times p", PROSE),
    (r"C_{i,j}", PROSE),
    (r"i", PROSE),
    (r"\mathbf{A}", M([[1, 2], [3, 4]])),
    (r"j", PROSE),
    (r"\mathbf{B}", M([[5, 6], [7, 8]])),
    (r"A = \begin{bmatrix} 1 & 2 \\ 3 & 4 \end{bmatrix}",
     Noted(M([[1, 2], [3, 4]]), 'redefines \\mathbf{A}, whi')),
    (r"B = \begin{bmatrix} 5 & 6 \\ 7 & 8 \end{bmatrix}",
     Noted(M([[5, 6], [7, 8]]), 'redefines \\mathbf{B}, whi')),
    (r"AB = \begin{bmatrix} 1\cdot 5 + 2\cdot 7 & 1\cdot 6 + 2\cdot 8 \\ 3\cdot 5 + 4\cdot 7 & 3\cdot 6 + 4\cdot 8 \end{bmatrix} = \begin{bmatrix} 19 & 22 \\ 43 & 50 \end{bmatrix}",
     sp.true),
    (r"D_{i,j} = 0", 0),
    (r"i \neq j", PROSE),
    (r"D = \begin{bmatrix} 2 & 0 & 0 \\ 0 & 5 & 0 \\ 0 & 0 & 7 \end{bmatrix}",
     Noted(M([[2, 0, 0], [0, 5, 0], [0, 0, 7]]), 'D_{i,j} (defined earlier)')),
    (r"\mathbf{A} = \mathbf{A}^\top", sp.false),
    (r"S = \begin{bmatrix} 1 & 2 & 3 \\ 2 & 4 & 5 \\ 3 & 5 & 6 \end{bmatrix}",
     M([[1, 2, 3], [2, 4, 5], [3, 5, 6]])),
    (r"S = S^T", sp.true),
    (r"\hat{\mathbf{v}}", PROSE),
    (r"\mathbf{v}", PROSE),
    (r"\hat{\mathbf{v}} = \frac{\mathbf{v}}{\|\mathbf{v}\|_2}", PROSE),
    (r"\mathbf{u} = \begin{bmatrix} \tfrac{1}{\sqrt{3}} \\ \tfrac{1}{\sqrt{3}} \\ \tfrac{1}{\sqrt{3}} \end{bmatrix}",
     M([sp.sqrt(3) / 3] * 3)),
    (r"\|\mathbf{u}\|_2 = \sqrt{\left(\tfrac{1}{\sqrt{3}}\right)^2 + \left(\tfrac{1}{\sqrt{3}}\right)^2 + \left(\tfrac{1}{\sqrt{3}}\right)^2} = 1",
     sp.true),
    (r"\mathbf{A}\mathbf{v} = \lambda\mathbf{v}",
     Refused(ShapeError, 'cannot multiply a 2×2 matrix by a 3-vect', "v is still the 3-vector of the first chapter and A the 2×2 example")),
    (r"\mathbf{v}", PROSE),
    (r"\lambda", PROSE),
    (r"X", PROSE),
    (r"X", PROSE),
    (r"\{1,2,3,4,5,6\}", sp.FiniteSet(1, 2, 3, 4, 5, 6)),
    (r"X", PROSE),
    (r"F(x)", Noted(PROSE, 'F(x) is read as {F \\cdot ')),
    (r"F(x) = P(X \le x)",
     Refused(SymmlError, 'no random variable here: declare one fir', "the guide never gives X a distribution")),
    (r"b", M([[4], [5], [6]])),
    (r"a", M([[1], [2], [3]])),
    (r"P(a < X \le b) = F(b) - F(a)",
     Refused(ShapeError, 'a condition compares numbers, but a is d', "a and b are the vectors of the dot-product example")),
    (r"x", PROSE),
    (r"F(x) = \frac{k}{100}", Noted(PROSE, 'defines F as a constant f')),
    (r"x", PROSE),
    (r"F(x) = 0.5", Noted(PROSE, 'redefines F, which was {F')),
    (r"P(A|B)",
     Refused(SymmlError, 'write a condition on a random variable, ', "A and B are the matrices of the linear-algebra chapter, not events")),
    (r"P(A|B) = \frac{P(A \cap B)}{P(B)}",
     Refused(SymmlError, 'write a condition on a random variable, ', "A and B are the matrices of the linear-algebra chapter, not events")),
    (r"P(A \cap B) = P(A)P(B)",
     Refused(SymmlError, 'write a condition on a random variable, ', "A and B are the matrices of the linear-algebra chapter, not events")),
    (r"\underbrace{P(A|B)}_{\text{Posterior: Updated belief about A}} = \frac{ \underbrace{P(B|A)}_{\text{Likelihood: Probability of evidence given A}} \;\;\;\cdot\;\;\; \underbrace{P(A)}_{\text{Prior: Initial belief about A}} }{ \underbrace{P(B)}_{\text{Evidence: Total probability of observing B}} }",
     Refused(SymmlError, 'write a condition on a random variable, ', "A and B are the matrices of the linear-algebra chapter, not events")),
    (r"X", PROSE),
    (r"E[X] = \sum_{x} xP(x)",
     Refused(SymmlError, 'E[...] needs a random variable: declare ', "the guide never gives X a distribution")),
    (r"P(A) = \sum_{b} P(A, B=b)",
     Refused(SymmlError, 'P(...) needs events (capital letters not', "A is a matrix here; P(x) names a distribution, not a number")),
    (r"P", PROSE),
    (r"Q", PROSE),
    (r"Q", PROSE),
    (r"P", PROSE),
    (r"Q", PROSE),
    (r"P", PROSE),
    (r"x \sim P(x)", DECLARED),
    (r"x", PROSE),
    (r"P(x)",
     Refused(SymmlError, 'P(...) needs events (capital letters not', "A is a matrix here; P(x) names a distribution, not a number")),
    (r"h \sim \mathcal{N}(\mu, \sigma^2)", DECLARED),
    (r"h", PROSE),
    (r"\mathcal{N}", PROSE),
    (r"\mu", PROSE),
    (r"\sigma^2", PROSE),
    (r"f(x)", PROSE),
    (r"x", PROSE),
    (r"f'(x)", PROSE),
    (r"\frac{df}{dx}", PROSE),
    (r"f(x,y)", PROSE),
    (r"x", PROSE),
    (r"\frac{\partial f}{\partial x}", PROSE),
    (r"f",
     Refused(SymmlError, 'the function f needs arguments, as in f(', "f alone, without arguments, has no value")),
    (r"\nabla f",
     Refused(SymmlError, 'f is not defined: define it first, e.g. ', "the guide never defines f")),
    (r"\frac{d}{dx} f(g(x)) = f'(g(x)) \cdot g'(x)", sp.true),
    (r"\frac{dy}{dx} = \frac{\partial f}{\partial u} \cdot \frac{du}{dx} + \frac{\partial f}{\partial v} \cdot \frac{dv}{dx}",
     Refused(SymmlError, 'cannot differentiate the function f by a', "f, u, v are not defined (v is the 3-vector of chapter 1)")),
    (r"\theta", PROSE),
    (r"\theta_{\text{new}} = \theta_{\text{old}} - \eta \nabla J(\theta)",
     Noted(Refused(ShapeError, 'cannot subtract a scalar and a 2-vector ', "J is not defined, so J(θ) is J·θ (noted)"), 'J(\\theta) is read as {J \\')),
    (r"J(\theta)", Noted(PROSE, 'J(\\theta) is read as {J \\')),
]
PROSE_FORMULAS = [r"(a, b]", r"\text{CDF}(80\%) - \text{CDF}(60\%)", r"\sim"]  # not statements


def _guide() -> Path | None:
    for folder in Path(__file__).resolve().parents:
        if (folder / "shared" / "guide.txt").exists():
            return folder / "shared" / "guide.txt"
    return None


def _guide_formulas(text: str) -> list[str]:
    """Formulas in $...$, \\( \\) and \\[ \\], displays split at `, \\quad` (as
    tests/test_guide.py reads them), in order."""
    found = re.finditer(r"\\\[(.+?)\\\]|\\\((.+?)\\\)|\$(.+?)\$", text, re.S)
    pieces = []
    for match in found:
        formula = next(g for g in match.groups() if g is not None)
        for piece in re.split(r",?\s*\\quad\s*(?:\\Longrightarrow\s*\\quad)?", formula):
            if piece.strip():
                pieces.append(" ".join(piece.split()))
    return pieces


@pytest.mark.skipif(_guide() is None, reason="the guide is beside the checkout")
def test_the_document_is_the_guide():
    formulas = [f for f in _guide_formulas(_guide().read_text(encoding="utf-8"))
                if f not in PROSE_FORMULAS]
    assert [f for f, _ in DOCUMENT] == formulas


@pytest.fixture(scope="module")
def solution():
    return solve_document("\n".join(formula for formula, _ in DOCUMENT))


def test_one_result_per_formula(solution):
    assert [r.input for r in solution.results] == [f for f, _ in DOCUMENT]


@pytest.mark.parametrize("index", range(len(DOCUMENT)),
                         ids=[f"{i}:{f[:30]}" for i, (f, _) in enumerate(DOCUMENT)])
def test_each_formula_in_order(solution, index):
    formula, expected = DOCUMENT[index]
    result = solution.results[index]
    if isinstance(expected, Noted):
        assert any(expected.words in note for note in result.notes), result.notes
        expected = expected.expected
    else:
        assert result.notes == [], result.notes
    if isinstance(expected, Refused):
        assert isinstance(result.error, expected.error), result.error
        assert expected.words in result.error.message
        return
    assert result.error is None, result.error
    if expected == DECLARED:
        assert result.kind == "declaration"
    elif expected != PROSE:
        assert result.value == expected


def test_no_internal_failure_and_every_error_located(solution):
    for result in solution.results:
        if result.error is not None:
            assert "could not compute this" not in result.error.message
            assert result.error.line >= 1 and result.error.column >= 1


def test_the_redefined_matrices_give_the_guide_products(solution):
    by_input = {}
    for result in solution.results:
        by_input.setdefault(result.input, []).append(result)
    product = by_input[r"\mathbf{C} = \mathbf{AB}"][0]
    assert product.value == M([[19, 22], [43, 50]])
    redefined = [r for r in solution.results if r.input.startswith("A = ")]
    assert [r.value.shape for r in redefined] == [(2, 3), (2, 2), (2, 2)]
    assert all(any(n.startswith(r"redefines \mathbf{A}") for n in r.notes) for r in redefined)


@pytest.mark.parametrize("fmt", ["md", "html", "tex", "json"])
def test_the_whole_guide_exports(solution, fmt):
    text = render_document(solution, fmt)
    assert text.count("redefines") >= 7
    assert "Traceback" not in text
