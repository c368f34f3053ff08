"""What symml prints, symml reads back: parse(result.latex) has the same value."""
import sympy as sp
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import symml

LEAVES = st.sampled_from(["x", "y", "2", "3", r"\frac{1}{2}", "0.25", r"\pi", r"\sqrt{2}"])
UNARY = [r"\sin\left({}\right)", r"\cos\left({}\right)", r"\tan\left({}\right)",
         r"\exp\left({}\right)", r"\ln\left(\left({}\right)^2 + 1\right)",
         r"\sqrt{{\left({}\right)^2 + 1}}", r"\left|{}\right|", r"\left({}\right)^{{3}}",
         r"\left({}\right)^{{-2}}", r"\sigma\left({}\right)", r"\operatorname{{ReLU}}({})",
         r"\frac{{d}}{{dx}}\left({}\right)", r"\sqrt[3]{{{}}}", r"\sinh\left({}\right)",
         r"\arctan\left({}\right)"]
BINARY = [r"\left({}\right) + \left({}\right)", r"\left({}\right) - \left({}\right)",
          r"\left({}\right) \cdot \left({}\right)", r"\frac{{{}}}{{\left({}\right)^2 + 1}}",
          r"\max\left({}, {}\right)"]


def expressions():
    def extend(children):
        unary = st.tuples(st.sampled_from(UNARY), children).map(lambda t: t[0].format(t[1]))
        binary = st.tuples(st.sampled_from(BINARY), children, children).map(
            lambda t: t[0].format(t[1], t[2]))
        return unary | binary
    return st.recursive(LEAVES, extend, max_leaves=5)


def same(a, b) -> bool:
    if a == b:
        return True
    difference = sp.simplify(a - b)
    return difference == 0 or difference.equals(0) is True


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(expressions())
def test_printed_latex_reads_back_to_the_same_value(text):
    first = symml.evaluate(text, steps=False)
    assume(not isinstance(first.error, symml.DomainError))  # e.g. (x - x)^{-2}
    assert first.error is None, (text, first.error)
    again = symml.evaluate(first.latex, steps=False)
    assert again.error is None, (first.latex, again.error)
    assert same(again.value, first.value), (text, first.latex)


def test_matrices_and_sets_read_back():
    for text in [r"\begin{bmatrix} 1 & 2 \\ 3 & 4 \end{bmatrix}^{-1}",
                 r"\begin{bmatrix} \sqrt{2} \\ \frac{1}{3} \end{bmatrix}", "x^2 = 4"]:
        first = symml.evaluate(text)
        again = symml.evaluate(first.latex)
        assert again.value == first.value, first.latex
