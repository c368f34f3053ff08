"""Every closed form of matrix calculus (symbolic sizes) equals the matrix of entrywise
partial derivatives (sizes 2 and 3, entries declared), at random integer points."""
import pytest
import sympy as sp
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import symml

# (the derivative as typed, the declarations: name → shape in the size letters m, n, k)
TEMPLATES = [
    (r"\nabla_{\mathbf{x}} \mathbf{x}^\top \mathbf{A} \mathbf{x}", {"A": "nn", "x": "n"}),
    (r"\nabla_{\mathbf{w}} \|\mathbf{X}\mathbf{w} - \mathbf{y}\|^2",
     {"X": "mn", "w": "n", "y": "m"}),
    (r"\nabla_{\mathbf{w}} \left(\|\mathbf{X}\mathbf{w} - \mathbf{y}\|_2^2 + \lambda "
     r"\|\mathbf{w}\|_2^2\right)", {"X": "mn", "w": "n", "y": "m"}),
    (r"\frac{\partial}{\partial \mathbf{S}} \operatorname{tr}(\mathbf{A}\mathbf{S})",
     {"A": "nn", "S": "nn"}),
    (r"\frac{\partial}{\partial \mathbf{X}} \operatorname{tr}(\mathbf{X}^\top\mathbf{A}"
     r"\mathbf{X})", {"A": "nn", "X": "nm"}),
    (r"\frac{\partial \ln\det \mathbf{S}}{\partial \mathbf{S}}", {"S": "nn"}),
    (r"\frac{\partial}{\partial \mathbf{S}} \det(\mathbf{S})", {"S": "nn"}),
    (r"\frac{\partial\, \mathbf{a}^\top \mathbf{X}\mathbf{b}}{\partial \mathbf{X}}",
     {"a": "m", "X": "mn", "b": "n"}),
    (r"\frac{\partial}{\partial \mathbf{S}} \mathbf{b}^\top \mathbf{S}^{-1} \mathbf{b}",
     {"b": "n", "S": "nn"}),
    (r"\frac{\partial}{\partial \mathbf{X}} \|\mathbf{X}\|_F^2", {"X": "mn"}),
    (r"\nabla_{\mathbf{w}} \ln(1 + e^{-t\mathbf{w}^\top\mathbf{x}})", {"w": "n", "x": "n"}),
    (r"\nabla^2_{\mathbf{w}} \ln(1 + e^{-t\mathbf{w}^\top\mathbf{x}})", {"w": "n", "x": "n"}),
    (r"\nabla^2_{\mathbf{x}} \mathbf{x}^\top \mathbf{A} \mathbf{x}", {"A": "nn", "x": "n"}),
    (r"\frac{\partial}{\partial \mathbf{x}} \sigma(\mathbf{A}\mathbf{x})", {"A": "mn", "x": "n"}),
    (r"\frac{\partial}{\partial \mathbf{x}} \exp(\mathbf{A}\mathbf{x})", {"A": "mn", "x": "n"}),
    (r"\frac{\partial}{\partial \mathbf{z}} \operatorname{softmax}(\mathbf{z})", {"z": "n"}),
    (r"\nabla_{\mathbf{x}} \|\mathbf{x} - \mathbf{a}\|_2", {"x": "n", "a": "n"}),
    (r"\frac{\partial}{\partial \mathbf{W}_1} \frac{1}{2}\|\mathbf{W}_2 \sigma(\mathbf{W}_1"
     r"\mathbf{x}) - \mathbf{y}\|^2", {"W_1": "kn", "W_2": "mk", "x": "n", "y": "m"}),
    (r"\frac{\partial}{\partial \mathbf{W}_2} \frac{1}{2}\|\mathbf{W}_2 \tanh(\mathbf{W}_1"
     r"\mathbf{x}) - \mathbf{y}\|^2", {"W_1": "kn", "W_2": "mk", "x": "n", "y": "m"}),
]


def declare(ws, shapes, sizes):
    for name, shape in shapes.items():
        dims = [str(sizes[c]) if sizes else c for c in shape]
        space = r"\mathbb{R}^{" + r" \times ".join(dims) + "}"
        assert ws.run(rf"\mathbf{{{name}}} \in {space}").ok


def instance(shapes, sizes, draw):
    """Random integer matrices (entries −3..3) for each name, and a value for t, λ."""
    values = {}
    for name, shape in shapes.items():
        rows, cols = (sizes[shape[0]], sizes[shape[1]] if len(shape) == 2 else 1)
        values[name] = sp.ImmutableMatrix(rows, cols, draw(st.lists(
            st.integers(-3, 3), min_size=rows * cols, max_size=rows * cols)))
    return values


def close(a, b) -> bool:
    difference = sp.ImmutableMatrix(a) - sp.ImmutableMatrix(b)
    return all(abs(sp.N(entry, 30)) < 1e-12 for entry in difference)


@pytest.mark.parametrize("text, shapes", TEMPLATES)
@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_closed_form_equals_the_entrywise_derivative(text, shapes, data):
    sizes = {c: data.draw(st.sampled_from([2, 3])) for c in "mnk"}
    symbolic = symml.Workspace(steps=False, timeout=None)
    declare(symbolic, shapes, None)
    closed = symbolic.run(text)
    assert closed.ok, closed.error
    numeric = symml.Workspace(steps=False, timeout=None)
    declare(numeric, shapes, sizes)
    partials = numeric.run(text)
    assert partials.ok, partials.error
    values = instance(shapes, sizes, data.draw)
    scalars = {sp.Symbol("t"): sp.Integer(data.draw(st.integers(-2, 2))),
               sp.Symbol("lambda"): sp.Integer(data.draw(st.integers(1, 3)))}
    entries = dict(scalars)
    for name, value in values.items():
        entries.update(zip(numeric.values[name], value))
    assume("S" not in values or values["S"].det() != 0)  # ln det, S⁻¹: S invertible
    concrete = closed.value.subs({d: sizes[str(d)] for d in map(sp.Symbol, "mnk")})
    concrete = concrete.xreplace({m: values[m.name] for m in concrete.atoms(sp.MatrixSymbol)}
                                 ).xreplace(scalars).doit()
    expected = partials.value.xreplace(entries)
    assume(not expected.has(sp.nan, sp.zoo))  # ‖x − a‖ at x = a
    assert close(sp.ImmutableMatrix(concrete.as_explicit() if hasattr(concrete, "as_explicit")
                                    else concrete), expected), (text, sizes)

