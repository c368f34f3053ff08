"""Steps of calculus and linear algebra are records of SymPy objects (issue 13): no line is a
hand-written LaTeX string, each prints the guide's LaTeX through the textbook printer and
reads as Unicode maths through its pretty twin."""
import sys
from pathlib import Path
from types import FunctionType

import pytest
import sympy as sp

import symml
from runs import run
from symml.render.pretty import pretty
from symml.steps import AsWritten, Deferred, Math, Step

ROOT = Path(__file__).resolve().parent.parent
A22 = r"A = \begin{bmatrix} 1 & 2 \\ 3 & 4 \end{bmatrix}"
B22 = r"B = \begin{bmatrix} 5 & 6 \\ 7 & 8 \end{bmatrix}"
C22 = r"C = \begin{bmatrix} 2 & 1 \\ 1 & 2 \end{bmatrix}"
VA = r"\mathbf{a} = \begin{bmatrix} 1 \\ 2 \\ 3 \end{bmatrix}"
VB = r"\mathbf{b} = \begin{bmatrix} 4 \\ 5 \\ 6 \end{bmatrix}"
DATA = r"X = \begin{bmatrix} 2 & 0 \\ 0 & 2 \\ 3 & 1 \\ 1 & 3 \end{bmatrix}"
G = r"g(x, y) = x^2 y + 3 x y^2"


def records(result):
    """Every step's lines are SymPy objects (or AsWritten/Deferred wrappers of them)."""
    for step in result.steps:
        assert not any(isinstance(line, (str, FunctionType)) for line in step.lines), step
    return result.steps


def latex_of(result, title):
    return next(step.latex for step in records(result) if step.title == title)


def step_of(result, title):
    return next(step for step in records(result) if step.title == title)


# --- derivatives ---------------------------------------------------------------------------
@pytest.mark.parametrize("statement", [r"\frac{d}{dx}(x^2 + 5)", r"\frac{d}{dx} (5 + x^2)",
                                       r"\frac{\mathrm{d}}{\mathrm{d}x}\left(x^2+5\right)"])
def test_rule_steps_start_with_the_derivative_still_to_take(statement):
    steps = records(symml.evaluate(statement))
    assert steps[0].title == "Sum rule"
    assert steps[0].line_latex[0] == r"\frac{d}{d x}\left(x^{2} + 5\right)"
    assert pretty(steps[-1].lines[0]) == "d ⎛ 2    ⎞\n──⎝x  + 5⎠\ndx        "
    assert steps[-1].latex == r"\frac{d}{d x}\left(x^{2} + 5\right) = 2 x"
    assert all(isinstance(line, sp.Basic) for line in steps[2].lines)  # 0 and 1 are SymPy


@pytest.mark.parametrize("setup, statement, line, text", [
    (["f(x) = x^3"], "f'(2)", r"f'\left(2\right) = 12", "f'(2)"),
    (["f(t) = t^3"], "f''(1)", r"f''\left(1\right) = 6", "f''(1)"),
    (["h(x) = \\sin x"], "h'(0)", r"h'\left(0\right) = 1", "h'(0)"),
    ([], r"\tanh'(0)", r"\tanh'\left(0\right) = 1", "tanh'(0)"),
    ([], r"\operatorname{ReLU}'(2)", r"\operatorname{ReLU}'\left(2\right) = 1", "ReLU'(2)"),
])
def test_a_prime_at_a_point_is_the_derivative_evaluated(setup, statement, line, text):
    step = records(run(setup, statement))[-1]
    assert step.title.startswith("Substitute")
    assert isinstance(step.pieces[1], Math) and isinstance(step.pieces[1].value, sp.Eq)
    assert step.latex == line
    assert pretty(step.lines[0]) == text


@pytest.mark.parametrize("statement, line", [
    (r"\left. x^2 y \right|_{x=1, y=2}", r"\left.x^{2} y\right|_{x = 1, y = 2} = 2"),
    (r"x^2 y \Big|_{x=1, y=2}", r"\left.x^{2} y\right|_{x = 1, y = 2} = 2"),
    (r"\left. \frac{d}{dx} x^3 \right|_{x=2}", r"\left.3 x^{2}\right|_{x = 2} = 12"),
])
def test_an_evaluation_bar_is_a_subs_printed_on_one_line(statement, line):
    step = records(symml.evaluate(statement))[-1]
    assert isinstance(step.lines[0], sp.Subs)
    assert step.latex == line


def test_a_derivative_at_a_point_is_a_subs():
    result = run(["f(x, y) = x^2 y"], r"\frac{\partial f}{\partial x}(1, 2)")
    assert latex_of(result, "Evaluate at the point") == r"\left.2 x y\right|_{x = 1, y = 2} = 4"
    assert pretty(step_of(result, "Evaluate at the point").lines[0]) == \
        "(2⋅x⋅y)│        \n       │x=1, y=2"


# --- gradient, Jacobian, Hessian ------------------------------------------------------------
@pytest.mark.parametrize("statement", [r"\nabla g(1, 2)", r"\nabla g (1,2)"])
def test_gradient_steps(statement):
    result = run([G], statement)
    partial = step_of(result, "Partial derivative with respect to x")
    assert partial.latex == r"\frac{\partial g}{\partial x} = 2 x y + 3 y^{2}"
    assert pretty(partial.lines[0]) == "∂g\n──\n∂x"
    column = step_of(result, "Gradient: the column of partial derivatives")
    assert column.line_latex[0] == r"\nabla g" and pretty(column.lines[0]) == "∇g"
    at = step_of(result, "Evaluate at the point")
    assert at.latex == r"\nabla g\left(1, 2\right) = \begin{bmatrix}16\\13\end{bmatrix}"
    assert pretty(at.lines[0]) == "∇g(1, 2)"


@pytest.mark.parametrize("statement", [r"\nabla^2 r(1, 0)", r"H_r(1, 0)"])
def test_hessian_steps(statement):
    result = run([r"r(x, y) = x^3 - 3x + y^2"], statement)
    hessian = step_of(result, "Hessian: the matrix of second partial derivatives")
    assert hessian.line_latex[0] == "H_{r}"
    at = step_of(result, "Evaluate at the point")
    assert at.line_latex[0] == r"H_{r}\left(1, 0\right)"
    assert pretty(at.lines[0]) == "Hᵣ(1, 0)"
    verdict = records(result)[-1]
    assert isinstance(verdict.lines[0], sp.Contains)
    assert verdict.latex == r"\lambda \in \left\{2, 6\right\}"
    assert pretty(verdict.lines[0]) == "λ ∈ {2, 6}"


@pytest.mark.parametrize("statement", [r"\mathbf{J}_\mathbf{F}(1, 0)", r"J_{\mathbf{F}}(1, 0)"])
def test_jacobian_steps(statement):
    result = run([r"\mathbf{F}(x, y) = \begin{bmatrix} x^2 y \\ 5x + \sin y \end{bmatrix}"],
                 statement)
    assert step_of(result, "Jacobian: row i is the gradient of output i").line_latex[0] == \
        r"J_{\mathbf{F}}"
    at = step_of(result, "Evaluate at the point")
    assert at.latex == r"J_{\mathbf{F}}\left(1, 0\right) = \begin{bmatrix}0 & 1\\5 & 1\end{bmatrix}"
    assert pretty(at.lines[0]) == "J_𝐅(1, 0)"


# --- chain rule, descent --------------------------------------------------------------------
def test_multivariable_chain_rule_is_the_guides_line():
    result = run([r"f(u, v) = u v", r"u = x^2", r"v = \sin x", r"y = f(u, v)"],
                 r"\frac{dy}{dx}")
    step = step_of(result, "Multivariable chain rule")
    assert step.line_latex[:2] == (
        r"\frac{dy}{dx}",
        r"\frac{\partial f}{\partial u} \cdot \frac{du}{dx} + "
        r"\frac{\partial f}{\partial v} \cdot \frac{dv}{dx}")
    assert step.line_latex[2] == (r"\left(\sin{\left(x \right)}\right)\left(2 x\right) + "
                                  r"\left(x^{2}\right)\left(\cos{\left(x \right)}\right)")
    assert pretty(step.lines[0]) == "dy\n──\ndx"
    assert "(sin(x))(2⋅x)" in pretty(step.lines[2])


@pytest.mark.parametrize("eta", [r"\frac{1}{10}", "0.1"])
def test_descent_steps(eta):
    result = run([r"J(\theta) = (\theta - 3)^2"], rf"\operatorname{{GD}}(J, 0, {eta}, 1)")
    step = step_of(result, "Step 1")
    assert step.latex == (r"\theta_{1} = \theta_{0} - \eta \nabla J\left(\theta_{0}\right) = "
                          r"0 - \frac{1}{10} \cdot \left(-6\right) = \frac{3}{5}")
    assert pretty(step.lines[1]) == "θ₀ - η⋅∇J(θ₀)"
    assert pretty(step.lines[2]) == "0 - 1/10⋅(-6)"


def test_descent_update_is_written_with_the_values():
    result = run([r"J(\theta) = (\theta - 3)^2", r"\theta_{\text{old}} = 0", r"\eta = 0.1"],
                 r"\theta_{\text{new}} = \theta_{\text{old}} - \eta \nabla J(\theta)")
    step = step_of(result, "Update: step against the gradient")
    assert step.latex == r"\theta_{new} = 0 - \frac{1}{10} \cdot \left(-6\right) = \frac{3}{5}"


# --- integrals ------------------------------------------------------------------------------
@pytest.mark.parametrize("statement", [r"\int_0^1 x^2 \, dx", r"\int_{0}^{1} x^{2} dx"])
def test_definite_integral_steps(statement):
    result = symml.evaluate(statement)
    antiderivative = step_of(result, "Antiderivative")
    assert antiderivative.latex == r"\int x^{2}\, dx = \frac{x^{3}}{3} + C"
    between = step_of(result, "Evaluate between the limits: F(b) − F(a)")
    assert between.line_latex[1] == r"\left[\frac{x^{3}}{3}\right]_{0}^{1}"
    assert pretty(antiderivative.lines[1]) == " 3    \nx     \n── + C\n3     "


def test_integration_by_parts_title_has_no_raw_spacing_command():
    step = records(symml.evaluate(r"\int x e^{x} \, dx"))[0]
    assert step.title == "Integration by parts with u = x, dv = e^{x} dx"
    assert [p.latex for p in step.pieces if isinstance(p, Math)] == ["u = x", "dv = e^{x} dx"]


def test_sum_rule_of_an_integral_is_a_sum_of_integrals():
    step = records(symml.evaluate(r"\int (x^2 + \sin x) dx"))[0]
    assert step.latex == (r"\int \left(x^{2} + \sin{\left(x \right)}\right)\, dx = "
                          r"\int x^{2}\, dx + \int \sin{\left(x \right)}\, dx")


# --- linear algebra -------------------------------------------------------------------------
@pytest.mark.parametrize("statement, label", [
    (r"\mathbf{a} \cdot \mathbf{b}", r"\mathbf{a} \cdot \mathbf{b}"),
    (r"\mathbf{a}^\top \mathbf{b}", r"\mathbf{a}^\top\mathbf{b}"),
    (r"a^T b", r"\mathbf{a}^\top\mathbf{b}"),
])
def test_dot_product_steps(statement, label):
    step = records(run([VA, VB], statement))[0]
    assert step.latex == label + r" = 1 \cdot 4 + 2 \cdot 5 + 3 \cdot 6 = 32"
    assert isinstance(step.lines[1], AsWritten)


def test_matrix_products_and_their_labels():
    product = records(run([A22, B22], r"\mathbf{A}\mathbf{B}"))[0]
    assert product.line_latex[0] == r"\mathbf{A}\mathbf{B}" and pretty(product.lines[0]) == "𝐀𝐁"
    hadamard = records(run([A22, B22], r"A \odot B"))[0]
    assert hadamard.latex == (r"\mathbf{A} \odot \mathbf{B} = \begin{bmatrix}1 \cdot 5 & 2 \cdot 6"
                              r"\\3 \cdot 7 & 4 \cdot 8\end{bmatrix} = \begin{bmatrix}5 & 12\\21"
                              r" & 32\end{bmatrix}")
    cross = records(run([VA, VB], r"\mathbf{a} \times \mathbf{b}"))[0]
    assert cross.title == (r"Cross product: \left(a_{2} b_{3} - a_{3} b_{2}, a_{3} b_{1} - "
                           r"a_{1} b_{3}, a_{1} b_{2} - a_{2} b_{1}\right)")
    assert pretty(cross.lines[0]) == "𝐚×𝐛"


def test_determinant_and_inverse_steps():
    steps = records(run([A22], r"A^{-1}"))
    assert steps[0].latex == r"1 \cdot 4 - 2 \cdot 3 = -2"
    assert steps[1].latex == (r"\frac{1}{-2} \begin{bmatrix}4 & -2\\-3 & 1\end{bmatrix} = "
                              r"\begin{bmatrix}-2 & 1\\\frac{3}{2} & - \frac{1}{2}\end{bmatrix}")
    big = records(symml.evaluate(r"\det \begin{bmatrix} 1 & 2 & 0 \\ 0 & 1 & 0 \\ 0 & 0 & 3"
                                 r"\end{bmatrix}"))[0]
    assert big.latex == r"\det \begin{bmatrix}1 & 2 & 0\\0 & 1 & 0\\0 & 0 & 3\end{bmatrix} = 3"
    assert pretty(big.lines[0]).splitlines()[2] == "det⎜⎢0  1  0⎥⎟"


@pytest.mark.parametrize("statement", [r"\hat{\mathbf{u}}", r"\hat{u}"])
def test_norm_and_unit_vector_steps(statement):
    steps = records(run([r"\mathbf{u} = \begin{bmatrix} 1 \\ 1 \\ 1 \end{bmatrix}"], statement))
    assert steps[0].latex == r"\sqrt{1^{2} + 1^{2} + 1^{2}} = \sqrt{3}"
    assert steps[1].line_latex[0] == r"\frac{\begin{bmatrix}1\\1\\1\end{bmatrix}}{\sqrt{3}}"


def test_eigen_steps_and_the_eig_result():
    result = run([C22], r"\operatorname{eig}(C)")
    steps = records(result)
    assert steps[0].line_latex[0] == (r"\det\left(\begin{bmatrix}2 & 1\\1 & 2\end{bmatrix} - "
                                      r"\lambda I\right)")
    null = steps[2]
    assert null.title == r"Null space of A - \lambda I for \lambda = 1"
    assert null.latex == (r"\begin{bmatrix}1 & 1\\1 & 1\end{bmatrix} \mathbf{v} = \mathbf{0} "
                          r"\Rightarrow \mathbf{v} \in \operatorname{span}\left\{\begin{bmatrix}"
                          r"-1\\1\end{bmatrix}\right\}")
    assert "𝐯 = 𝟎 ⇒ 𝐯 ∈ span" in pretty(null.lines[0])
    assert steps[-1].title == "Eigendecomposition A = P D P^{-1}"
    # the value: P and D named, as a teacher writes them, and still a pair to unpack
    assert result.latex == (r"P = \begin{bmatrix}-1 & 1\\1 & 1\end{bmatrix},\ D = "
                            r"\begin{bmatrix}1 & 0\\0 & 3\end{bmatrix}")
    assert pretty(result.value) == ("    ⎡-1  1⎤       ⎡1  0⎤\n"
                                    "P = ⎢     ⎥,  D = ⎢    ⎥\n"
                                    "    ⎣1   1⎦       ⎣0  3⎦")
    p, d = result.value
    assert p * d * p.inv() == sp.ImmutableMatrix([[2, 1], [1, 2]])


def test_eig_on_the_terminal_names_p_and_d(tmp_path):
    from symml.render.terminal import result_text

    text = result_text(run([C22], r"\operatorname{eig}(C)"))
    assert "P = " in text and "D = " in text and "⟹" in text


def test_linear_system_and_symmetry_steps():
    steps = records(run([A22, r"\mathbf{b} = \begin{bmatrix} 5 \\ 6 \end{bmatrix}"],
                        r"A\mathbf{x} = \mathbf{b}"))
    assert steps[0].line_latex[1] == r"\begin{bmatrix}1 & 0 & -4\\0 & 1 & \frac{9}{2}\end{bmatrix}"
    assert steps[1].line_latex[0] == r"\mathbf{x}"
    symmetric = records(run([C22], r"\operatorname{is\_symmetric}(C)"))[0]
    assert symmetric.line_latex[0] == r"\begin{bmatrix}2 & 1\\1 & 2\end{bmatrix}^\top"


# --- PCA ------------------------------------------------------------------------------------
def test_pca_explained_variance_ratio_is_an_eigenvalue_over_their_sum():
    result = run([DATA], r"\operatorname{PCA}(X, 1)")
    step = records(result)[-2]
    assert step.title == ("Explained-variance ratio of the first component: its eigenvalue over "
                          "the sum of all")
    assert step.latex == (r"\frac{\lambda_{1}}{\lambda_{1} + \lambda_{2}} = \frac{\frac{8}{3}}"
                          r"{\frac{8}{3} + \frac{2}{3}} = \frac{4}{5}")
    assert pretty(step.lines[1]) == "   8/3   \n─────────\n8/3 + 2/3"
    assert r"\frac{1}{\frac{10}{3}}" not in step.latex


def test_pca_with_two_components_lists_both_ratios():
    step = records(run([DATA], r"\operatorname{PCA}(X, 2)"))[-2]
    assert step.latex.endswith(r"= \left( \frac{4}{5}, \  \frac{1}{5}\right)")
    assert step.line_latex[0] == (r"\left( \frac{\lambda_{1}}{\lambda_{1} + \lambda_{2}}, \  "
                                  r"\frac{\lambda_{2}}{\lambda_{1} + \lambda_{2}}\right)")


def test_covariance_steps():
    steps = records(run([DATA], r"\operatorname{Cov}(X)"))
    assert steps[0].line_latex[0] == r"\boldsymbol{\mu}"
    assert steps[2].line_latex[:2] == (r"\frac{1}{n - 1} \mathbf{X}_{c}^\top\mathbf{X}_{c}",
                                       r"\frac{1}{3} \begin{bmatrix}5 & -3\\-3 & 5\end{bmatrix}")


# --- einsum, matrix calculus, solving -------------------------------------------------------
@pytest.mark.parametrize("statement", [r"\operatorname{einsum}('ij,jk', A, B)",
                                       r"\operatorname{einsum}('ij,jk->ik', A, B)"])
def test_einsum_steps(statement):
    steps = records(run([A22, B22], statement))
    formula = next(s for s in steps if s.title.startswith("Einstein"))
    assert formula.latex == r"C_{i,k} = \sum_{j} A_{i,j} B_{j,k}"
    assert pretty(formula.lines[1]) == "∑ⱼ Aᵢ,ⱼ Bⱼ,ₖ"
    table = steps[-1]
    assert isinstance(table.lines[0], Deferred)
    assert table.line_latex[0].startswith(r"\begin{bmatrix}1 \cdot 5 + 2 \cdot 7")


def test_einsum_implicit_mode_quotes_the_spec():
    step = records(run([A22, B22], r"\operatorname{einsum}('ij,jk', A, B)"))[0]
    assert step.latex == r"\text{``ij,jk->ik''}" and pretty(step.lines[0]) == "“ij,jk->ik”"


def test_matrix_calculus_hessian_steps():
    result = run([r"\mathbf{x} \in \mathbb{R}^{n}", r"\mathbf{A} \in \mathbb{R}^{n \times n}"],
                 r"\nabla^2_{\mathbf{x}} \mathbf{x}^\top \mathbf{A} \mathbf{x}")
    step = step_of(result, "Hessian: the Jacobian of the gradient")
    assert step.latex == r"\nabla^2 f = \frac{\partial \nabla f}{\partial \mathbf{x}}"
    assert pretty(step.lines[0]) == "∇²f"
    differential = [s for s in records(result) if s.title == "The differential"]
    assert differential[-1].line_latex[0] == r"d\left(\nabla f\right)"


@pytest.mark.parametrize("statement, line", [
    (r"x^2 - 5x + 6 = 0", r"x \in \left\{2, 3\right\}"),
    (r"x^2 = 4", r"x \in \left\{-2, 2\right\}"),
])
def test_solving_for_one_unknown(statement, line):
    step = records(symml.evaluate(statement))[-1]
    assert step.title == "Solve for x" and step.latex == line
    assert pretty(step.lines[0]) == line.replace(r" \in \left\{", " ∈ {").replace(r"\right\}", "}")


@pytest.mark.parametrize("statement, line", [(r"17 \equiv 2 \pmod{5}", r"15 \bmod 5 = 0"),
                                             (r"14 \equiv 3 \pmod 4", r"11 \bmod 4 = 3")])
def test_congruence_divides_the_difference(statement, line):
    step = records(symml.evaluate(statement))[0]
    assert step.latex == line


# --- the count that must not regrow --------------------------------------------------------
MY_MODULES = {"calculus.py", "linalg.py", "pca.py", "einsum.py", "matderiv.py", "notation.py",
              "statements.py", "diffsteps.py", "integralsteps.py", "matsteps.py"}
# title pieces still written as LaTeX: the matrix-calculus laws of matcalc.RULES (a table of
# Cookbook formulas, constants with no user data) and the identification rules beside them
TITLE_EXCEPTIONS = {"matsteps.py"}
REPRESENTATIVE = [  # (setup, statement): every family converted here, beyond the samples
    ((), r"\frac{d}{dx}(x^2 + 5)"), ((), r"\left. x^2 y \right|_{x=1, y=2}"),
    (("f(x) = x^3",), "f'(2)"), (("f(x, y) = x^2 y",), r"\frac{\partial f}{\partial x}(1, 2)"),
    (("f(u, v) = u v", "u = x^2", r"v = \sin x", "y = f(u, v)"), r"\frac{dy}{dx}"),
    ((r"J(a, b) = a^2 + b^2",), r"\operatorname{GD}(J, (1, 2), \frac{1}{4}, 2)"),
    ((), r"\int (x^2 + \sin x) dx"), ((), r"\int 2x \cos(x^2) dx"),
    ((A22,), r"A^{-1}"), ((A22, B22), r"A \odot B"), ((VA, VB), r"\mathbf{a} \times \mathbf{b}"),
    ((C22,), r"\operatorname{eig}(C)"), ((C22,), r"\operatorname{is\_symmetric}(C)"),
    ((DATA,), r"\operatorname{PCA}(X, 2)"), ((A22, B22), r"\operatorname{einsum}('ij,jk', A, B)"),
    ((), r"x^2 - 5x + 6 = 0"), ((), r"17 \equiv 2 \pmod{5}"),
    ((A22, r"\mathbf{b} = \begin{bmatrix} 5 \\ 6 \end{bmatrix}"), r"A\mathbf{x} = \mathbf{b}"),
]


def test_no_step_line_of_these_modules_is_a_latex_string(monkeypatch):
    """Steps record the module that made them (through the caller's frame); evaluating the
    samples, the guide and the representative statements makes no string line there."""
    import test_guide
    import test_guide_in_order

    made: list[tuple[str, str]] = []
    original = Step.__init__
    skip = {str(ROOT / "symml" / "steps" / "__init__.py"),
            str(ROOT / "symml" / "evaluators" / "registry.py")}

    def recording(self, *args, **kwargs):
        original(self, *args, **kwargs)
        frame = sys._getframe(1)
        while frame.f_code.co_filename in skip:
            frame = frame.f_back
        module = Path(frame.f_code.co_filename).name
        made.extend((module, "line") for line in self.lines
                    if isinstance(line, (str, FunctionType)))
        made.extend((module, "title") for piece in self.pieces
                    if isinstance(piece, Math) and isinstance(piece.value, str))

    monkeypatch.setattr(Step, "__init__", recording)
    for sample in sorted((ROOT / "samples").glob("*.txt")):
        symml.solve_document(sample.read_text(), timeout=30)
    for formula, setup, _ in test_guide.EVALUATED:
        ws = symml.Workspace()
        for line in setup:
            ws.run(line)
        ws.run(formula)
    ws = symml.Workspace()
    for formula, _ in test_guide_in_order.DOCUMENT:
        ws.run(formula)
    for setup, statement in REPRESENTATIVE:
        run(setup, statement)
    mine = [(module, kind) for module, kind in made if module in MY_MODULES]
    assert [m for m in mine if m[1] == "line"] == []
    assert {module for module, _ in mine} <= TITLE_EXCEPTIONS


@pytest.mark.parametrize("setup", [
    (r"p(x) = \cos x", "q(x) = x^3", "k(p, q) = p q"),
    (r"p(t) = \cos t", "q(s) = s^3", "k(p, q) = p q"),
])
def test_a_function_of_defined_functions_is_differentiated_by_the_chain_rule(setup):
    """`k(p, q) = p q` with p(x), q(x) defined: dk/dx is the chain rule, not 0."""
    x = sp.Symbol("x")
    result = run(setup, r"\frac{dk}{dx}")
    assert result.value == sp.diff(sp.cos(x) * x**3, x)
    step = step_of(result, "Multivariable chain rule")
    assert step.line_latex[1] == (r"\frac{\partial k}{\partial p} \cdot \frac{dp}{dx} + "
                                  r"\frac{\partial k}{\partial q} \cdot \frac{dq}{dx}")
    assert run(setup, r"\frac{\partial k}{\partial p}").value == sp.Symbol("q")


def test_products_with_negative_entries_read_right_on_the_terminal():
    """SymPy draws an unevaluated 1·(−1) as `1⋅-1` and (−1)·(−1) as `--1`; the twin writes
    the parentheses the LaTeX has."""
    from symml.render.pretty import pretty_form

    W = r"W = \begin{bmatrix} 1 & -1 \\ 2 & 0 \end{bmatrix}"
    table = records(run([W], r"W^\top W"))[0].lines[1].value  # a Deferred table
    assert "(-1)⋅(-1) + 0⋅0" in pretty_form(table.value, as_written=True).render(
        wrap_line=False)
    det = records(run([r"B = \begin{bmatrix} 1 & -1 \\ 2 & 0 \end{bmatrix}"], r"\det B"))[0]
    assert det.latex == r"1 \cdot 0 - \left(-1\right) \cdot 2 = 2"
    assert pretty_form(det.lines[0].value, as_written=True).render(wrap_line=False) == \
        "1⋅0 - (-1)⋅2"


@pytest.mark.parametrize("statement", [r"C\mathbf{v} = \lambda\mathbf{v}", r"C v = \lambda v"])
def test_eigenpairs_on_the_terminal_are_one_line_per_eigenvalue(statement):
    text = pretty(run([C22], statement).value)
    assert "λ = 1 (multiplicity 1), eigenvectors: span" in text
    assert "λ = 3 (multiplicity 1), eigenvectors: span" in text
    assert "((" not in text and ",)" not in text
