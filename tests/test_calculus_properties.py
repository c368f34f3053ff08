"""Properties of the derivative rule tree on generated expressions of the supported
functions: every rule's result, recomputed from its parts, equals sympy.diff."""
import sympy as sp
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import symml
from symml.steps.diffsteps import flatten, rule_tree

x, y = sp.symbols("x y")
f = sp.Function("f")


def logistic(e):
    return 1 / (1 + sp.exp(-e))


LEAVES = st.sampled_from([("x", x), ("x", x), ("y", y), ("2", sp.Integer(2)),
                          ("3", sp.Integer(3)), (r"\frac{1}{2}", sp.Rational(1, 2)),
                          (r"\pi", sp.pi)])
UNARY = [(r"\sin\left({}\right)", sp.sin), (r"\cos\left({}\right)", sp.cos),
         (r"\tan\left({}\right)", sp.tan),
         (r"\exp\left({}\right)", sp.exp), (r"e^{{{}}}", sp.exp),
         (r"\ln\left(\left({}\right)^2 + 1\right)", lambda e: sp.log(e**2 + 1)),
         (r"\log_2\left(\left({}\right)^2 + 1\right)", lambda e: sp.log(e**2 + 1, 2)),
         (r"\sqrt{{\left({}\right)^2 + 1}}", lambda e: sp.sqrt(e**2 + 1)),
         (r"\sqrt[3]{{\left({}\right)^2 + 1}}", lambda e: sp.root(e**2 + 1, 3)),
         (r"\sigma\left({}\right)", logistic),
         (r"\left({}\right)^{{3}}", lambda e: e**3),
         (r"2^{{{}}}", lambda e: 2**e),
         (r"f\left({}\right)", f)]
BINARY = [(r"\left({}\right) + \left({}\right)", lambda a, b: a + b),
          (r"\left({}\right) - \left({}\right)", lambda a, b: a - b),
          (r"\left({}\right) \cdot \left({}\right)", lambda a, b: a * b),
          (r"\frac{{{}}}{{\left({}\right)^2 + 1}}", lambda a, b: a / (b**2 + 1))]


def expressions():
    def extend(children):
        unary = st.tuples(st.sampled_from(UNARY), children).map(
            lambda pair: (pair[0][0].format(pair[1][0]), pair[0][1](pair[1][1])))
        binary = st.tuples(st.sampled_from(BINARY), children, children).map(
            lambda t: (t[0][0].format(t[1][0], t[2][0]), t[0][1](t[1][1], t[2][1])))
        return unary | binary
    return st.recursive(LEAVES, extend, max_leaves=5)


def equal(a, b) -> bool:
    difference = a - b
    return sp.expand(difference) == 0 or sp.expand(sp.together(difference)) == 0 \
        or sp.simplify(difference) == 0


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(expressions())
def test_last_derivative_step_equals_sympy_diff(case):
    latex_text, expected = case
    result = symml.evaluate(r"\frac{d}{dx}\left(" + latex_text + r"\right)")
    assert result.error is None, (latex_text, result.error)
    last = result.steps[-1]
    assert last.title == "Result"
    from_rules, value = last.exprs[1], last.exprs[-1]  # exprs[0] is d/dx(expr)
    assert value == result.value
    assert equal(from_rules, sp.diff(expected, x)), latex_text
    assert equal(value, sp.diff(expected, x)), latex_text


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(expressions())
def test_every_rule_in_the_tree_agrees_with_sympy(case):
    _, expression = case
    for node in flatten(rule_tree(expression, x)):
        assert equal(node.derivative, sp.diff(node.expr, x)), (node.rule, node.expr)
        assert node.rule != "Differentiate", node.expr
