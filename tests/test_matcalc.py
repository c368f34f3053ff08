"""NOTATION §4, matrix calculus: closed forms at symbolic sizes (the examples of
matrixcalculus.org and the Matrix Cookbook's derivative sections), matrices of partials at
numeric sizes, the derivation's steps, and identities of matrix expressions."""
import pytest
import sympy as sp

import symml

m, n, k = sp.symbols("m n k")
A = sp.MatrixSymbol("A", n, n)
x = sp.MatrixSymbol("x", n, 1)
S = sp.MatrixSymbol("S", n, n)
X = sp.MatrixSymbol("X", m, n)
w = sp.MatrixSymbol("w", n, 1)
y = sp.MatrixSymbol("y", m, 1)
a = sp.MatrixSymbol("a", m, 1)
b = sp.MatrixSymbol("b", n, 1)

DECLARATIONS = (r"\mathbf{A} \in \mathbb{R}^{n \times n}", r"\mathbf{x} \in \mathbb{R}^n",
                r"\mathbf{S} \in \mathbb{R}^{n \times n}",
                r"\mathbf{X} \in \mathbb{R}^{m \times n}", r"\mathbf{w} \in \mathbb{R}^n",
                r"\mathbf{y} \in \mathbb{R}^m", r"\mathbf{a} \in \mathbb{R}^m",
                r"\mathbf{b} \in \mathbb{R}^n")


@pytest.fixture
def mc(ws, run):
    run(*DECLARATIONS)
    return run


def titles(result):
    return [step.title for step in result.steps]


# --- closed forms ------------------------------------------------------------------------
@pytest.mark.parametrize("spelling", [
    r"\nabla_{\mathbf{x}} \mathbf{x}^\top \mathbf{A} \mathbf{x}",
    r"\nabla_{\mathbf{x}} \mathbf{x}^T \mathbf{A} \mathbf{x}",
    r"∇_x xᵀ A x",
    r"\nabla_{\mathbf{x}} \left(\mathbf{x}^\top \mathbf{A} \mathbf{x}\right)",
    r"\frac{\partial}{\partial \mathbf{x}} \mathbf{x}^\top \mathbf{A} \mathbf{x}",
    r"\frac{\partial\, \mathbf{x}^\top \mathbf{A} \mathbf{x}}{\partial \mathbf{x}}",
])
def test_quadratic_form(mc, spelling):
    result = mc(spelling)
    assert result.value == sp.MatMul(A + A.T, x)
    assert result.latex == r"\left(\mathbf{A} + \mathbf{A}^\top\right) \mathbf{x}"


@pytest.mark.parametrize("spelling", [
    r"\nabla_{\mathbf{w}} \|\mathbf{X}\mathbf{w} - \mathbf{y}\|^2",
    r"\nabla_{\mathbf{w}} \|\mathbf{X}\mathbf{w} - \mathbf{y}\|_2^2",
    r"\nabla_{\mathbf{w}} \left\lVert \mathbf{X}\mathbf{w} - \mathbf{y} \right\rVert_2^2",
    r"\nabla_{\mathbf{w}} (\mathbf{X}\mathbf{w} - \mathbf{y})^\top(\mathbf{X}\mathbf{w} - "
    r"\mathbf{y})",
])
def test_least_squares_gradient_at_symbolic_sizes(mc, spelling):
    result = mc(spelling)
    assert result.latex == r"2 \mathbf{X}^\top \left(\mathbf{X} \mathbf{w} - \mathbf{y}\right)"
    assert result.value.shape == (n, 1)


def test_a_norm_of_symbolic_size_is_accepted(mc):
    assert mc(r"\|\mathbf{X}\mathbf{w} - \mathbf{y}\|^2").latex == \
        r"\left\|\mathbf{X} \mathbf{w} - \mathbf{y}\right\|_{2}^{2}"
    assert mc(r"\|\mathbf{X}\|_F").latex == r"\left\|\mathbf{X}\right\|_{F}"


@pytest.mark.parametrize("text, expected", [
    # Matrix Cookbook 2.4.1 (71), (72): linear forms
    (r"\frac{\partial\, \mathbf{a}^\top \mathbf{X}\mathbf{b}}{\partial \mathbf{X}}", a * b.T),
    (r"\frac{\partial}{\partial \mathbf{X}} \mathbf{b}^\top \mathbf{X}^\top \mathbf{a}",
     a * b.T),
    (r"\nabla_{\mathbf{x}} \mathbf{b}^\top \mathbf{x}", b),
    (r"\nabla_{\mathbf{x}} \mathbf{x}^\top \mathbf{b}", b),
    # 2.5 traces
    (r"\frac{\partial}{\partial \mathbf{S}} \operatorname{tr}(\mathbf{A}\mathbf{S})", A.T),
    (r"\frac{\partial}{\partial \mathbf{S}} \operatorname{tr}(\mathbf{S})", sp.Identity(n)),
    (r"\frac{\partial}{\partial \mathbf{S}} \operatorname{tr}(\mathbf{S}^\top\mathbf{A}"
     r"\mathbf{S})", sp.MatMul(A + A.T, S)),
    # 2.1 determinants: Jacobi's formula (42), (43)
    (r"\frac{\partial \ln\det \mathbf{S}}{\partial \mathbf{S}}",
     sp.Transpose(sp.Inverse(S))),
    (r"\frac{\partial}{\partial \mathbf{S}} \ln\det\mathbf{S}", sp.Transpose(sp.Inverse(S))),
    (r"\frac{\partial}{\partial \mathbf{S}} \det(\mathbf{S})",
     sp.Determinant(S) * sp.Transpose(sp.Inverse(S))),
    # 2.2 inverses (61)
    (r"\frac{\partial}{\partial \mathbf{S}} \mathbf{b}^\top \mathbf{S}^{-1} \mathbf{b}",
     -sp.Transpose(sp.Inverse(S)) * b * b.T * sp.Transpose(sp.Inverse(S))),
    # 2.6 norms
    (r"\nabla_{\mathbf{x}} \|\mathbf{x}\|^2", 2 * x),
    (r"\frac{\partial}{\partial \mathbf{X}} \|\mathbf{X}\|_F^2", 2 * X),
    # 2.4.2 second order: Hessian
    (r"\nabla^2_{\mathbf{x}} \mathbf{x}^\top \mathbf{A} \mathbf{x}", A + A.T),
    (r"\nabla_{\mathbf{x}}^2 \mathbf{x}^\top \mathbf{A} \mathbf{x}", A + A.T),
    (r"\frac{\partial}{\partial \mathbf{x}} \mathbf{A}\mathbf{x}", A),
])
def test_cookbook_derivatives(mc, text, expected):
    assert mc(text).value.doit() == expected.doit()


def test_cookbook_printing_of_the_log_determinant(mc):
    assert mc(r"\frac{\partial \ln\det \mathbf{S}}{\partial \mathbf{S}}").latex == \
        r"\left(\mathbf{S}^{-1}\right)^\top"


def test_logistic_loss_with_a_1x1_product_inside(mc):
    result = mc(r"\nabla_{\mathbf{w}} \ln(1 + e^{-t\mathbf{w}^\top\mathbf{x}})")
    assert result.latex == (r"- \frac{t e^{- t \left(\mathbf{w}^\top \mathbf{x}\right)}}{1 + "
                            r"e^{- t \left(\mathbf{w}^\top \mathbf{x}\right)}} \mathbf{x}")
    hessian = mc(r"\nabla^2_{\mathbf{w}} \ln(1 + e^{-t\mathbf{w}^\top\mathbf{x}})").value
    assert hessian.shape == (n, n) and hessian.args[-2:] == (x, x.T)


def test_softmax_jacobian(mc):
    result = mc(r"\frac{\partial}{\partial \mathbf{x}} \operatorname{softmax}(\mathbf{x})")
    assert result.latex == (r"\operatorname{diag}\left(\operatorname{softmax}\left(\mathbf{x}"
                            r"\right)\right) - \operatorname{softmax}\left(\mathbf{x}\right) "
                            r"\operatorname{softmax}\left(\mathbf{x}\right)^\top")


def test_elementwise_sigma_jacobian(mc):
    assert mc(r"\frac{\partial}{\partial \mathbf{x}} \sigma(\mathbf{A}\mathbf{x})").latex == \
        r"\operatorname{diag}\left(\sigma'\left(\mathbf{A} \mathbf{x}\right)\right) \mathbf{A}"


def test_backpropagation_through_a_two_layer_network(mc):
    mc(r"\mathbf{W}_1 \in \mathbb{R}^{k \times n}", r"\mathbf{W}_2 \in \mathbb{R}^{m \times k}",
       r"L = \frac{1}{2}\|\mathbf{W}_2 \sigma(\mathbf{W}_1\mathbf{x}) - \mathbf{y}\|^2")
    for spelling in (r"\frac{\partial L}{\partial \mathbf{W}_1}", r"∂L/∂W_1",
                     r"\nabla_{\mathbf{W}_1} L"):
        result = mc(spelling)
        assert result.latex == (
            r"\left(\left(\mathbf{W}_{2}^\top \left(\mathbf{W}_{2} \sigma\left(\mathbf{W}_{1} "
            r"\mathbf{x}\right) - \mathbf{y}\right)\right) \circ \sigma'\left(\mathbf{W}_{1} "
            r"\mathbf{x}\right)\right) \mathbf{x}^\top")
    assert mc(r"\frac{\partial L}{\partial \mathbf{W}_2}").latex == (
        r"\left(\mathbf{W}_{2} \sigma\left(\mathbf{W}_{1} \mathbf{x}\right) - \mathbf{y}\right) "
        r"\sigma\left(\mathbf{W}_{1} \mathbf{x}\right)^\top")


# --- numeric sizes: the matrix of partials -------------------------------------------------
def test_numeric_size_gives_the_matrix_of_partials_with_the_shape_of_x(run):
    run(r"\mathbf{X} \in \mathbb{R}^{2 \times 2}", r"\mathbf{A} \in \mathbb{R}^{2 \times 2}")
    entries = sp.Matrix(2, 2, lambda i, j: sp.Symbol(f"A_{{{i + 1},{j + 1}}}", real=True))
    result = run(r"\frac{\partial}{\partial \mathbf{X}} \operatorname{tr}(\mathbf{A}\mathbf{X})")
    assert result.value == entries.T
    X2 = sp.Matrix(2, 2, lambda i, j: sp.Symbol(f"X_{{{i + 1},{j + 1}}}", real=True))
    value = run(r"\frac{\partial}{\partial \mathbf{X}} \ln\det\mathbf{X}").value
    assert (value - X2.inv().T).applyfunc(sp.simplify) == sp.zeros(2, 2)


def test_numeric_size_gradient_by_a_vector_is_a_column(run):
    run(r"\mathbf{v} \in \mathbb{R}^3")
    v = sp.symbols("v_1 v_2 v_3", real=True)
    value = run(r"\frac{\partial}{\partial \mathbf{v}} \mathbf{v}^\top \mathbf{v}").value
    assert value == sp.ImmutableMatrix([2 * vi for vi in v])


# --- steps ---------------------------------------------------------------------------------
def test_steps_are_a_derivation_with_differentials(mc):
    result = mc(r"\nabla_{\mathbf{x}} \mathbf{x}^\top \mathbf{A} \mathbf{x}")
    assert titles(result) == [
        "The function",
        r"Product rule (Cookbook 37): d(\mathbf{X}\mathbf{Y}) = d\mathbf{X}\,\mathbf{Y} + "
        r"\mathbf{X}\,d\mathbf{Y}",
        "The differential",
        r"A scalar equals its transpose: bring d\mathbf{x} to the right",
        r"Identification: df = \mathbf{g}^\top d\mathbf{x} \Rightarrow \nabla f = \mathbf{g} "
        "(a column)"]
    assert result.steps[2].latex == (r"df = d\mathbf{x}^\top \mathbf{A} \mathbf{x} + "
                                     r"\mathbf{x}^\top \mathbf{A} d\mathbf{x}")
    assert result.steps[1].latex == (
        r"d\left(\mathbf{x}^\top \mathbf{A} \mathbf{x}\right) = d\mathbf{x}^\top \mathbf{A} "
        r"\mathbf{x} + \mathbf{x}^\top \mathbf{A} d\mathbf{x}")
    assert result.steps[3].latex == \
        r"df = \mathbf{x}^\top \left(\mathbf{A} + \mathbf{A}^\top\right) d\mathbf{x}"


def test_log_determinant_steps_name_the_cookbook_rule(mc):
    result = mc(r"\frac{\partial \ln\det \mathbf{S}}{\partial \mathbf{S}}")
    assert titles(result)[1] == (r"Log-determinant (Cookbook 43): d\ln\det \mathbf{X} = "
                                 r"\operatorname{tr}(\mathbf{X}^{-1} d\mathbf{X})")
    assert result.steps[1].latex.endswith(
        r"= \operatorname{tr}\left(\mathbf{S}^{-1} d\mathbf{S} \right)")
    assert titles(result)[3].startswith(r"Identification: df = \operatorname{tr}(\mathbf{G}")


def test_trace_cyclicity_moves_dx_last(mc):
    result = mc(r"\frac{\partial}{\partial \mathbf{X}} \mathbf{b}^\top \mathbf{X}^\top \mathbf{a}")
    assert titles(result)[3].startswith("Trace cyclicity")
    assert result.steps[3].latex == \
        r"df = \operatorname{tr}\left(\mathbf{b} \mathbf{a}^\top d\mathbf{X} \right)"


def test_no_steps_are_built_when_none_are_wanted(ws):
    quiet = symml.Workspace(steps=False)
    for statement in DECLARATIONS:
        quiet.run(statement)
    result = quiet.run(r"\nabla_{\mathbf{x}} \mathbf{x}^\top \mathbf{A} \mathbf{x}")
    assert result.steps == [] and result.value == sp.MatMul(A + A.T, x)


def test_a_tensor_valued_derivative_is_refused(mc, ws):
    error = ws.run(r"\frac{\partial}{\partial \mathbf{X}} \mathbf{X}\mathbf{w}").error
    assert isinstance(error, symml.ShapeError) and "tensor" in error.message


# --- identities of matrix expressions ---------------------------------------------------------
@pytest.mark.parametrize("identity", [
    r"\operatorname{tr}(\mathbf{A}\mathbf{S}) = \operatorname{tr}(\mathbf{S}\mathbf{A})",
    r"\operatorname{tr}(\mathbf{X}^\top\mathbf{X}) = \operatorname{tr}(\mathbf{X}\mathbf{X}^\top)",
    r"\operatorname{tr}(\mathbf{A}^\top) = \operatorname{tr}(\mathbf{A})",
    r"(\mathbf{A}\mathbf{S})^{-1} = \mathbf{S}^{-1}\mathbf{A}^{-1}",
    r"\det(\mathbf{A}\mathbf{S}) = \det(\mathbf{A})\det(\mathbf{S})",
    r"\det(\mathbf{A}^\top) = \det(\mathbf{A})",
    r"\mathbf{x}^\top \mathbf{A} \mathbf{x} = \mathbf{x}^\top \mathbf{A}^\top \mathbf{x}",
    r"\|\mathbf{x}\|^2 = \mathbf{x}^\top \mathbf{x}",
    r"(\mathbf{A} + \mathbf{S})^\top = \mathbf{A}^\top + \mathbf{S}^\top",
    r"(\mathbf{X}\mathbf{w})^\top = \mathbf{w}^\top \mathbf{X}^\top",
    r"\mathbf{A}(\mathbf{S} + \mathbf{A}) = \mathbf{A}\mathbf{S} + \mathbf{A}^2",
    # held out: written after the rules, not used to write them
    r"\det(\mathbf{A}^{-1}) = \frac{1}{\det(\mathbf{A})}",
    r"(\mathbf{A}^{-1})^\top = (\mathbf{A}^\top)^{-1}",
    r"\operatorname{tr}(2\mathbf{A}) = 2\operatorname{tr}(\mathbf{A})",
    r"\det(2\mathbf{A}) = 2^n\det(\mathbf{A})",
    r"2\mathbf{X}^\top\mathbf{X}\mathbf{w} - 2\mathbf{X}^\top\mathbf{y} = "
    r"2\mathbf{X}^\top(\mathbf{X}\mathbf{w}-\mathbf{y})",
    r"\|\mathbf{X}\mathbf{w} - \mathbf{y}\|^2 = \mathbf{w}^\top\mathbf{X}^\top\mathbf{X}"
    r"\mathbf{w} - 2\mathbf{y}^\top\mathbf{X}\mathbf{w} + \mathbf{y}^\top\mathbf{y}",
    r"\operatorname{tr}(\mathbf{X}^\top\mathbf{X}) = \|\mathbf{X}\|_F^2",
    r"\operatorname{tr}(\mathbf{A}\mathbf{S}\mathbf{A}) = \operatorname{tr}(\mathbf{A}^2\mathbf{S})",
    r"\mathbf{A}^{-1}\mathbf{A} = I",
])
def test_true_identities(mc, identity):
    result = mc(identity)
    assert result.kind == "check" and result.value is sp.true


@pytest.mark.parametrize("identity", [
    r"\operatorname{tr}(\mathbf{A}\mathbf{S}) = \operatorname{tr}(\mathbf{A})"
    r"\operatorname{tr}(\mathbf{S})",
    r"\mathbf{A}\mathbf{S} = \mathbf{S}\mathbf{A}",
    r"(\mathbf{A}\mathbf{S})^{-1} = \mathbf{A}^{-1}\mathbf{S}^{-1}",
    r"\det(\mathbf{A} + \mathbf{S}) = \det(\mathbf{A}) + \det(\mathbf{S})",
    r"\mathbf{A} = \mathbf{A}^\top",
    r"(\mathbf{A} + \mathbf{S})^2 = \mathbf{A}^2 + 2\mathbf{A}\mathbf{S} + \mathbf{S}^2",
    r"\mathbf{x}^\top \mathbf{A} \mathbf{b} = \mathbf{b}^\top \mathbf{A} \mathbf{x}",
    # held out
    r"\det(2\mathbf{A}) = 2\det(\mathbf{A})",
    r"\|\mathbf{X}\mathbf{w} - \mathbf{y}\|^2 = \mathbf{w}^\top\mathbf{X}^\top\mathbf{X}"
    r"\mathbf{w} - \mathbf{y}^\top\mathbf{X}\mathbf{w} + \mathbf{y}^\top\mathbf{y}",
    r"\operatorname{tr}(\mathbf{A}\mathbf{S}\mathbf{A}) = \operatorname{tr}(\mathbf{A}^2)"
    r"\operatorname{tr}(\mathbf{S})",
    r"(\mathbf{A} + \mathbf{S})^{-1} = \mathbf{A}^{-1} + \mathbf{S}^{-1}",
])
def test_false_identities_come_with_a_counterexample(mc, identity):
    result = mc(identity)
    assert result.kind == "check" and result.value is sp.false
    assert "Counterexample: the two sides differ at these sizes and entries" in titles(result)
    assert titles(result)[-2:] == ["The left side at this instance",
                                   "The right side at this instance, which differs"]
    left, right = result.steps[-2].exprs[-1], result.steps[-1].exprs[-1]
    assert left != right


def test_a_counterexample_is_concrete(mc):
    result = mc(r"\operatorname{tr}(\mathbf{A}\mathbf{S}) = \operatorname{tr}(\mathbf{A})"
                r"\operatorname{tr}(\mathbf{S})")
    assert result.steps[0].latex == "n = 2"
    taken = {step.exprs[-1].shape for step in result.steps if step.title == "Take"}
    assert taken == {(2, 2)}


# --- reading ---------------------------------------------------------------------------------
def test_nabla_takes_the_rest_of_the_product_but_not_past_brackets():
    from symml.syntax import ast

    tree = symml.parse(r"\nabla_{\mathbf{x}} \mathbf{x}^\top \mathbf{A} \mathbf{x}")
    assert isinstance(tree, ast.Gradient) and isinstance(tree.expr, ast.Juxtapose)
    assert len(tree.expr.factors) == 3
    grouped = symml.parse(r"(\nabla f) x")
    assert isinstance(grouped, ast.Juxtapose) and isinstance(grouped.factors[0], ast.Gradient)
    assert symml.parse(r"\nabla^2_{\mathbf{x}} f") == symml.parse(r"\nabla_{\mathbf{x}}^2 f")
    assert symml.parse(r"\nabla^2_{\mathbf{x}} f").wrt == ast.Name("x")


def test_partial_of_a_whole_numerator():
    from symml.syntax import ast

    tree = symml.parse(r"\frac{\partial\, \mathbf{a}^\top \mathbf{X}\mathbf{b}}{\partial \mathbf{X}}")
    assert isinstance(tree, ast.Derivative) and len(tree.expr.factors) == 3
    assert symml.parse(r"\frac{\partial \ln\det \mathbf{X}}{\partial \mathbf{X}}").expr == \
        symml.parse(r"\ln\det \mathbf{X}")


def test_a_scalar_times_a_1x1_product_keeps_it_bracketed(mc):
    result = mc(r"\nabla_{\mathbf{x}} (\mathbf{x}^\top \mathbf{x})^2")
    assert result.latex == r"4 \left(\mathbf{x}^\top \mathbf{x}\right) \mathbf{x}"
    derivative = mc(r"\frac{d}{dt} t \mathbf{x}^\top \mathbf{A} \mathbf{x}")
    assert derivative.latex == r"\mathbf{x}^\top \mathbf{A} \mathbf{x}"
    assert mc(r"\frac{d}{dt} t^2 \mathbf{A}").value == 2 * sp.Symbol("t") * A


def test_differentials_have_a_plain_text_form():
    from symml.evaluators.matcalc import differential

    assert str(differential(x.T * A * x, x)) == "dx.T*A*x + x.T*A*dx"


def test_hessian_steps_name_the_gradient_they_differentiate(mc):
    result = mc(r"\nabla^2_{\mathbf{x}} \mathbf{x}^\top \mathbf{A} \mathbf{x}")
    hessian = [step.latex for step in result.steps
               if step.title == "Hessian: the Jacobian of the gradient"]
    assert hessian == [r"\nabla^2 f = \frac{\partial \nabla f}{\partial \mathbf{x}}"]
    assert result.steps[-1].latex == r"d\left(\nabla f\right) = \left(\mathbf{A} + " \
        r"\mathbf{A}^\top\right) d\mathbf{x}"


# --- the matrix-expression values ------------------------------------------------------------
def test_functions_of_one_matrix_share_shape_doit_and_printing():
    from symml.render.latex import latex
    from symml.semantics.matexpr import Diag, Elementwise, Softmax, is_a

    z = sp.MatrixSymbol("z", 2, 1)
    for value in (Softmax(z), Diag(z), Elementwise("tanh", z)):
        assert is_a(value, "VectorFunction") and value.operand == z
    half = sp.Rational(1, 2)
    zero = sp.ImmutableMatrix([0, 0])
    assert Softmax(x).shape == (n, 1) and Diag(x).shape == (n, n)
    assert Softmax(z).subs(z, zero).doit() == sp.ImmutableMatrix([half, half])
    assert Diag(z).subs(z, sp.ImmutableMatrix([1, 2])).doit() == sp.ImmutableMatrix([[1, 0],
                                                                                    [0, 2]])
    assert Elementwise("tanh'", z).subs(z, zero).doit() == sp.ImmutableMatrix([1, 1])
    assert Elementwise("sigma", A * x).doit() == Elementwise("sigma", A * x)
    assert latex(Elementwise("tanh'", x)) == r"\tanh'\left(\mathbf{x}\right)"
    assert latex(Diag(x)) == r"\operatorname{diag}\left(\mathbf{x}\right)"
