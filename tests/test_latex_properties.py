"""Random expressions of the shapes ML notes use, each written in several independent LaTeX
styles (SymPy's printer under different settings, a textbook-style writer): symml reads every
rendering back to the expression it came from. This finds whole classes of misreadings
(a power after `\\frac{1}{2}(...)`, `\\sinh^{-1}`, `[x + 1]`) without naming them.

The examples replay deterministically (conftest's profile); HYPOTHESIS_PROFILE=explore
searches new ones."""
import sympy as sp
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import symml
from latex_writers import (SYMPY_SETTINGS, TEXTBOOK_STYLE, Textbook, expressions, same_value,
                           sympy_latex)

WORKSPACE = symml.Workspace(steps=False)
MANY = settings(max_examples=2600, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])


def read_back(text: str, expected):
    result = WORKSPACE.run(text)
    assert result.error is None, f"{text!r} (from {expected}) failed: {result.error}"
    assert same_value(result.value, expected), \
        f"{text!r} was read as {result.value}, written from {expected}"


@MANY
@given(expressions(), SYMPY_SETTINGS)
def test_sympy_latex_under_any_settings_reads_back(expr, latex_settings):
    read_back(sympy_latex(expr, latex_settings), expr)


@MANY
@given(expressions(), TEXTBOOK_STYLE)
def test_textbook_latex_reads_back(expr, style):
    read_back(Textbook(style)(expr), expr)


@given(st.sampled_from([r"\frac{1}{2}", r"\tfrac{1}{2}", r"\dfrac12", "3", r"\sqrt{2}",
                        r"(x + 1)", r"\left(x + 1\right)", r"[x + 1]", "(1 + 1)"]),
       st.sampled_from(["(x - 1)", r"\left(x - 1\right)", r"[x - 1]", r"\left[x - 1\right]"]),
       st.sampled_from(["^2", "^{3}", "!", "^{-1}"]))
def test_a_postfix_after_two_groups_applies_to_the_last(first, second, postfix):
    """The class of issue 12 items 1 and 11, by construction."""
    x = sp.Symbol("x")
    left = WORKSPACE.run(first).value
    last = WORKSPACE.run(second + postfix).value
    result = WORKSPACE.run(first + second + postfix)
    assert result.error is None and sp.expand(result.value - left * last) == 0, \
        (first + second + postfix, result.value, x)
