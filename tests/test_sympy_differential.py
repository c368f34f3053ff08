"""Differential test against SymPy's own LaTeX parser (`parse_latex_lark`): on a corpus of
formulas both read, symml's value equals SymPy's, except the deliberate differences listed
here and in the README ("Deliberate differences from SymPy's parser")."""
import pathlib
import re
import warnings

import pytest
import sympy as sp

import symml
from latex_writers import values_agree

CORPUS = [line for line in (pathlib.Path(__file__).parent / "sympy_differential_corpus.txt")
          .read_text(encoding="utf-8").splitlines() if line.strip() and not line.startswith("%")]

E_IS_EULER = "`e` is Euler's number (SymPy: a symbol e)"
BAR_IS_A_NAME = r"`\overline{x}` is the name x̄ (a sample mean), not the complex conjugate"
DELIBERATE = {
    r"\overline{z}": BAR_IS_A_NAME,
    r"\overline{\overline{z}}": BAR_IS_A_NAME,
    r"\overline{x} + \overline{y}": BAR_IS_A_NAME,
    "I_3": "`I_3` is the 3×3 identity matrix (SymPy: a symbol)",
    "e^x": E_IS_EULER,
    "e^{6 w + 9 y + 21}": E_IS_EULER,
    r"\int_{-\infty}^{\infty} e^{-x^2} dx": E_IS_EULER,
    r"\frac{1}{3} + 0.25": "decimals are exact: 7/12 (SymPy: the float 0.5833…)",
    r"\sqrt{b} \left(2 b - 3 y\right) \left(\theta + 3 x - 5\right)":
        r"SymPy reads `\left(` after a root as `\le ft (`",
}


def plain_names(value):
    """`x_{1}` and `x_1`, `h_{\\theta}(x)` and `h_theta(x)`: one name, however braced."""
    def name(text):
        return re.sub(r"[{}\\\s]", "", text)
    if not isinstance(value, sp.Basic):
        return value
    value = value.xreplace({s: sp.Symbol(name(s.name)) for s in value.free_symbols
                            if isinstance(s, sp.Symbol)})
    return value.replace(lambda e: isinstance(e, sp.core.function.AppliedUndef),
                         lambda e: sp.Function(name(e.func.__name__))(*e.args))


def sympy_reading(text):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from sympy.parsing.latex import parse_latex_lark

        value = parse_latex_lark(text)
    assert isinstance(value, (sp.Basic, sp.MatrixBase)), f"SymPy reads {text!r} two ways: {value}"
    return plain_names(value.doit())


def test_the_corpus_has_at_least_500_formulas_both_read():
    assert len(CORPUS) >= 500 and set(DELIBERATE) <= set(CORPUS)


@pytest.mark.parametrize("text", CORPUS)
def test_symml_reads_what_sympy_reads(text):
    result = symml.evaluate(text)
    assert result.error is None, f"{text!r}: {result.error}"
    agree = values_agree(plain_names(result.value), sympy_reading(text))
    assert agree != (text in DELIBERATE), (
        f"{text!r}: symml {result.value}, SymPy {sympy_reading(text)}" if not agree else
        f"{text!r} is listed as a deliberate difference but now agrees; remove it")
