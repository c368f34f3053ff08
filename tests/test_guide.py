"""Every formula the guide (../shared/guide.txt) writes, in $...$, \\( \\) or \\[ \\]: each parses,
and each evaluable one has its exact value in a workspace that defines what it needs.

Displays that join several formulas with `, \\quad` or `\\quad \\Longrightarrow \\quad` are
listed formula by formula. `test_the_list_covers_the_guide` re-reads the guide so that a
formula added to it without an entry here fails.
"""
import re
from pathlib import Path

import pytest
import sympy as sp

import symml

GUIDE = Path(__file__).resolve().parents[2] / "shared" / "guide.txt"
M = sp.ImmutableMatrix
x, y = sp.symbols("x y")

A23 = r"A = \begin{bmatrix} 1 & 2 & 3 \\ 4 & 5 & 6 \end{bmatrix}"
A22 = r"A = \begin{bmatrix} 1 & 2 \\ 3 & 4 \end{bmatrix}"
B22 = r"B = \begin{bmatrix} 5 & 6 \\ 7 & 8 \end{bmatrix}"
VECTOR_A = r"\mathbf{a} = \begin{bmatrix} 1 \\ 2 \\ 3 \end{bmatrix}"
VECTOR_B = r"\mathbf{b} = \begin{bmatrix} 4 \\ 5 \\ 6 \end{bmatrix}"
DIE = r"X \sim \operatorname{DiscreteUniform}(1, 6)"
CDF = r"F(x) = P(X \le x)"
EVENTS = (r"P(A) = 0.3", r"P(B) = 0.5", r"P(A \cap B) = 0.15")
JOINT = r"(A, B) \sim \begin{bmatrix} 0.1 & 0.2 \\ 0.3 & 0.4 \end{bmatrix}"
BAYES = (r"P(A) = 0.01", r"P(B \mid A) = 0.9", r"P(B \mid \neg A) = 0.05")
POSTERIOR = (
    r"\underbrace{P(A|B)}_{\text{Posterior: Updated belief about A}} = \frac{ "
    r"\underbrace{P(B|A)}_{\text{Likelihood: Probability of evidence given A}} \;\;\;\cdot\;\;\; "
    r"\underbrace{P(A)}_{\text{Prior: Initial belief about A}} }{ "
    r"\underbrace{P(B)}_{\text{Evidence: Total probability of observing B}} }")
U = r"\mathbf{u} = \begin{bmatrix} \tfrac{1}{\sqrt{3}} \\ \tfrac{1}{\sqrt{3}} \\ \tfrac{1}{\sqrt{3}} \end{bmatrix}"
CHAIN = (r"f(u, v) = u v", r"u = x^2", r"v = \sin x", r"y = f(u, v)")
DESCENT = (r"J(\theta) = (\theta - 3)^2", r"\theta_{\text{old}} = 0", r"\eta = 0.1")

# (formula as the guide writes it, statements that set up its workspace, expected value)
EVALUATED = [
    # linear algebra
    (r"s \in \mathbb{R}", (), None),
    (r"\mathbf{v} \in \mathbb{R}^n", (), None),
    (r"\mathbf{v} = \begin{bmatrix} v_1 \\ v_2 \\ v_3 \end{bmatrix}", (),
     M(sp.symbols("v_1 v_2 v_3"))),
    (r"\mathbf{A} \in \mathbb{R}^{m \times n}", (), None),
    (r"\mathbf{A} = \begin{bmatrix} A_{1,1} & A_{1,2} \\ A_{2,1} & A_{2,2} \end{bmatrix}", (),
     M(2, 2, [sp.Symbol(f"A_{{{i},{j}}}") for i in (1, 2) for j in (1, 2)])),
    (A23, (), M([[1, 2, 3], [4, 5, 6]])),
    (r"A^T = \begin{bmatrix} 1 & 4 \\ 2 & 5 \\ 3 & 6 \end{bmatrix}", (A23,), sp.true),
    (r"\mathbf{A}^\top", (A23,), M([[1, 4], [2, 5], [3, 6]])),
    (VECTOR_A, (), M([1, 2, 3])),
    (VECTOR_B, (), M([4, 5, 6])),
    (r"\mathbf{a} \cdot \mathbf{b} = 1\cdot 4 + 2\cdot 5 + 3\cdot 6 = 32", (VECTOR_A, VECTOR_B),
     sp.true),
    (r"\mathbf{v} \cdot \mathbf{w} = \sum_{i=1}^{n} v_i w_i",
     (r"\mathbf{v} = \begin{bmatrix} 1 \\ 2 \end{bmatrix}",
      r"\mathbf{w} = \begin{bmatrix} 3 \\ 4 \end{bmatrix}", "n = 2"), sp.true),
    (r"\mathbf{v} \cdot \mathbf{w} = \sum_{i=1}^{n} v_i w_i",
     (r"\mathbf{v}, \mathbf{w} \in \mathbb{R}^n",), sp.true),
    (r"(\mathbf{A}^\top)_{i,j} = \mathbf{A}_{j,i}", (r"\mathbf{A} \in \mathbb{R}^{m \times n}",),
     sp.true),
    (r"(\mathbf{A}^\top)_{i,j} = \mathbf{A}_{j,i}", (A23, "i = 3", "j = 1"), sp.true),
    (r"\mathbf{v}^\top\mathbf{w}", (r"\mathbf{v} = \begin{bmatrix} 1 \\ 2 \end{bmatrix}",
                                    r"\mathbf{w} = \begin{bmatrix} 3 \\ 4 \end{bmatrix}"), 11),
    (A22, (), M([[1, 2], [3, 4]])),
    (B22, (), M([[5, 6], [7, 8]])),
    (r"A \circ B = \begin{bmatrix} 1\cdot 5 & 2\cdot 6 \\ 3\cdot 7 & 4\cdot 8 \end{bmatrix} "
     r"= \begin{bmatrix} 5 & 12 \\ 21 & 32 \end{bmatrix}", (A22, B22), sp.true),
    (r"\mathbf{C} = \mathbf{A} \odot \mathbf{B}", (A22, B22), M([[5, 12], [21, 32]])),
    (r"C_{i,j} = A_{i,j} \times B_{i,j}", (A22, B22, r"C = A \odot B", "i = 2", "j = 1"),
     sp.true),
    (r"\mathbf{C} = \mathbf{AB}", (A22, B22), M([[19, 22], [43, 50]])),
    (r"AB = \begin{bmatrix} 1\cdot 5 + 2\cdot 7 & 1\cdot 6 + 2\cdot 8 \\ 3\cdot 5 + 4\cdot 7 & "
     r"3\cdot 6 + 4\cdot 8 \end{bmatrix} = \begin{bmatrix} 19 & 22 \\ 43 & 50 \end{bmatrix}",
     (A22, B22), sp.true),
    (r"D = \begin{bmatrix} 2 & 0 & 0 \\ 0 & 5 & 0 \\ 0 & 0 & 7 \end{bmatrix}", (),
     sp.diag(2, 5, 7)),
    (r"D_{i,j} = 0", (r"D = \operatorname{diag}(2, 5, 7)", "i = 1", "j = 3"), sp.true),
    (r"i \neq j", ("i = 1", "j = 3"), sp.true),
    (r"\mathbf{A} = \mathbf{A}^\top", (r"\mathbf{A} = \begin{bmatrix} 2 & 1 \\ 1 & 2 \end{bmatrix}",),
     sp.true),
    (r"S = \begin{bmatrix} 1 & 2 & 3 \\ 2 & 4 & 5 \\ 3 & 5 & 6 \end{bmatrix}", (),
     M([[1, 2, 3], [2, 4, 5], [3, 5, 6]])),
    ("S = S^T", (r"S = \begin{bmatrix} 1 & 2 & 3 \\ 2 & 4 & 5 \\ 3 & 5 & 6 \end{bmatrix}",),
     sp.true),
    (r"\hat{\mathbf{v}} = \frac{\mathbf{v}}{\|\mathbf{v}\|_2}",
     (r"\mathbf{v} = \begin{bmatrix} 3 \\ 4 \end{bmatrix}",), M([sp.Rational(3, 5), sp.Rational(4, 5)])),
    (r"\hat{\mathbf{v}}", (r"\mathbf{v} = \begin{bmatrix} 3 \\ 4 \end{bmatrix}",),
     M([sp.Rational(3, 5), sp.Rational(4, 5)])),
    (U, (), M([1 / sp.sqrt(3)] * 3)),
    (r"\|\mathbf{u}\|_2 = \sqrt{\left(\tfrac{1}{\sqrt{3}}\right)^2 + \left(\tfrac{1}{\sqrt{3}}"
     r"\right)^2 + \left(\tfrac{1}{\sqrt{3}}\right)^2} = 1", (U,), sp.true),
    (r"\mathbf{A}\mathbf{v} = \lambda\mathbf{v}",
     (r"\mathbf{A} = \begin{bmatrix} 2 & 1 \\ 1 & 2 \end{bmatrix}",),
     sp.Tuple(sp.Tuple(1, 1, sp.Tuple(M([-1, 1]))), sp.Tuple(3, 1, sp.Tuple(M([1, 1]))))),
    (r"m \times n", (), sp.Symbol("m") * sp.Symbol("n")),
    # probability
    (r"\{1,2,3,4,5,6\}", (), sp.FiniteSet(1, 2, 3, 4, 5, 6)),
    ("F(3)", (DIE, CDF), sp.Rational(1, 2)),
    (r"P(a < X \le b) = F(b) - F(a)", (DIE, CDF, "a = 2", "b = 5"), sp.true),
    (r"F(x) = \frac{k}{100}", (r"X \sim \mathcal{U}(0, 1)", CDF, "k = 90"),
     sp.FiniteSet(sp.Rational(9, 10))),
    (r"F(x) = 0.5", (r"X \sim \mathcal{U}(0, 1)", CDF), sp.FiniteSet(sp.Rational(1, 2))),
    (r"P(A|B)", EVENTS, sp.Rational(3, 10)),
    (r"P(A|B) = \frac{P(A \cap B)}{P(B)}", EVENTS, sp.true),
    (r"P(A \cap B) = P(A)P(B)", EVENTS, sp.true),
    (POSTERIOR, BAYES, sp.true),
    (r"E[X] = \sum_{x} xP(x)", (DIE,), sp.true),
    (r"P(A) = \sum_{b} P(A, B=b)", (JOINT,), sp.true),
    (r"x \sim P(x)", (), None),
    (r"h \sim \mathcal{N}(\mu, \sigma^2)", (), None),
    # calculus
    ("f'(x)", (r"f(x) = x^3",), 3 * x**2),
    (r"\frac{df}{dx}", (r"f(x) = x^3",), 3 * x**2),
    (r"\frac{\partial f}{\partial x}", (r"f(x, y) = x^2 y",), 2 * x * y),
    (r"\nabla f", (r"f(x, y) = x^2 y",), M([2 * x * y, x**2])),
    (r"\frac{d}{dx} f(g(x)) = f'(g(x)) \cdot g'(x)", (), sp.true),
    (r"\frac{d}{dx} f(g(x)) = f'(g(x)) \cdot g'(x)", (r"f(u) = \sin u", "g(x) = x^2"), sp.true),
    (r"\frac{dy}{dx} = \frac{\partial f}{\partial u} \cdot \frac{du}{dx} + "
     r"\frac{\partial f}{\partial v} \cdot \frac{dv}{dx}", CHAIN, sp.true),
    (r"\theta_{\text{new}} = \theta_{\text{old}} - \eta \nabla J(\theta)", DESCENT,
     sp.Rational(3, 5)),
    (r"J(\theta)", DESCENT[:1], (sp.Symbol("theta") - 3)**2),
]

# formulas of the guide that are names, sizes or conditions in its prose: they parse, and
# evaluate to themselves (or are declarations) — no separate value to check
ONLY_PARSED = [
    "s", r"\mathbf{v}", "n", r"\mathbf{A}", "m", r"\mathbf{T}", r"n \times m",
    r"\mathbf{B}", r"n \times p", r"m \times p", "C_{i,j}", "i", "j", r"\lambda", "X", "F(x)",
    "b", "a", "x", "P", "Q", "P(x)", "h", r"\mathcal{N}", r"\mu", r"\sigma^2", "f(x)",
    "f(x,y)", "f", r"\theta",
    CDF,  # a definition: its values are F(3) and the P(a < X ≤ b) check above
    # parses, but a tensor of `\cdots` dimensions (symbolic rank) is a ShapeError by choice
    r"\mathbf{T} \in \mathbb{R}^{d_1 \times d_2 \times \cdots \times d_n}",
]

# not formulas: an interval and a percentage in prose, and the symbol ∼ named on its own
PROSE = [r"(a, b]", r"\text{CDF}(80\%) - \text{CDF}(60\%)", r"\sim"]


def _run(setup, formula):
    ws = symml.Workspace()
    for statement in setup:
        assert ws.run(statement).error is None, statement
    return ws.run(formula)


@pytest.mark.parametrize("formula, setup, value", EVALUATED,
                         ids=[f"{i}:{f[:40]}" for i, (f, _, _) in enumerate(EVALUATED)])
def test_guide_formula_evaluates_exactly(formula, setup, value):
    result = _run(setup, formula)
    assert result.error is None, result.error
    assert result.value == value


@pytest.mark.parametrize("formula", ONLY_PARSED)
def test_guide_formula_parses(formula):
    symml.parse(formula)


def _split_displays(formula: str) -> list[str]:
    pieces = re.split(r",?\s*\\quad\s*(?:\\Longrightarrow\s*\\quad)?", formula)
    return [" ".join(piece.split()) for piece in pieces if piece.strip()]


def _guide_formulas() -> list[str]:
    text = GUIDE.read_text(encoding="utf-8")
    found = re.finditer(r"\\\[(.+?)\\\]|\\\((.+?)\\\)|\$(.+?)\$", text, re.S)
    return [piece for match in found
            for piece in _split_displays(next(g for g in match.groups() if g is not None))]


@pytest.mark.skipif(not GUIDE.exists(), reason="the guide is beside the checkout")
def test_the_list_covers_the_guide():
    listed = {" ".join(f.split()) for f in
              [f for f, _, _ in EVALUATED] + ONLY_PARSED + PROSE}
    missing = [f for f in _guide_formulas() if f not in listed]
    assert missing == []


@pytest.mark.skipif(not GUIDE.exists(), reason="the guide is beside the checkout")
def test_every_guide_formula_but_the_prose_parses():
    for formula in _guide_formulas():
        if formula not in PROSE:
            symml.parse(formula)
