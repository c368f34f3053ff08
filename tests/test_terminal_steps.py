r"""The terminal printer walks step records: words as words, SymPy lines drawn by the pretty
printer, LaTeX fragments (a title's formula, a note) in Unicode symbol by symbol, never with
their structure changed."""
import re

import pytest

from symml import Workspace
from symml.cli import main
from symml.render.terminal import note_text, step_text
from symml.render.unicode import latex_to_unicode
from symml.steps import AsWritten, Math, Step

from test_guide import GUIDE, _guide_formulas


@pytest.mark.parametrize("latex, text", [
    (r"P(X \le 3) = \Phi\left(1\right)", "P(X ≤ 3) = Φ(1)"),
    (r"P(X \leq 3)", "P(X ≤ 3)"),
    (r"P(A \mid B)", "P(A | B)"),
    (r"\nabla f\left(1, 0\right)", "∇ f(1, 0)"),
    (r"\mathbb{E}[X^2]", "𝔼[X²]"),
    (r"\mathbb{E}\left[X^{2}\right]", "𝔼[X²]"),
    (r"\operatorname{Var}(X)", "Var(X)"),
    (r"\mathrm{Var}(X)", "Var(X)"),
    (r"\mathcal{N}(0, 1)", "𝒩(0, 1)"),
    (r"\mathcal{L}(\theta)", "ℒ(θ)"),
    (r"\mathbb{R}^{n}", "ℝⁿ"),
    (r"\mathbf{x}^\top A", "𝐱ᵀ A"),
    (r"\mathbf{x}^{\top}", "𝐱ᵀ"),
    (r"x_{12}^{n+1}", "x₁₂ⁿ⁺¹"),
    (r"\theta_{k+1}", "θₖ₊₁"),
    (r"\lambda_1 + \Lambda", "λ₁ + Λ"),
    (r"\hat{\theta}", "θ̂"),
    (r"f^{\prime}(x)", "f′(x)"),
    (r"\{1, 2\}", "{1, 2}"),
    (r"\left\{1, 2\right\}", "{1, 2}"),
    (r"x^{2} y + \sin{\left(y \right)}", "x² y + sin(y)"),
    (r"\int\limits_{0}^{1} x^{2}\, dx", "∫₀¹ x²  dx"),
    (r"x \in [0, 1) \Rightarrow x \ne 2", "x ∈ [0, 1) ⇒ x ≠ 2"),
])
def test_symbols_become_unicode(latex, text):
    assert latex_to_unicode(latex) == text


@pytest.mark.parametrize("latex, kept", [
    (r"Z = \frac{X - 1}{2} \sim \mathcal{N}(0, 1)", r"Z = \frac{X - 1}{2} ∼ 𝒩(0, 1)"),
    (r"\frac{a}{b}^{2}", r"\frac{a}{b}²"),
    (r"\binom{n}{k}", r"\binom{n}{k}"),
    (r"\sqrt{x + 1}", r"\sqrt{x + 1}"),
    (r"e^{-x^2/2}", r"e^{-x²/2}"),
    (r"w^{*}", r"w^*"),  # one character needs no braces
    (r"\mathbf{X}_{c}", r"𝐗_c"),
    (r"a_{\text{new}}", r"a_{new}"),
    (r"\hat{\sigma^2}", r"\hat{\sigma^2}"),
    (r"\begin{bmatrix}1\\2\end{bmatrix}", r"\begin{bmatrix}1\\2\end{bmatrix}"),
])
def test_structure_is_never_rewritten(latex, kept):
    """A fraction, a root, a binomial or a group with no Unicode script stays LaTeX, so the
    text cannot be read differently from what was written (no `a/b^2` for (a/b)²)."""
    assert latex_to_unicode(latex) == kept


RAW = re.compile(r"\\(left|right|cdot|le|ge|mathbb|mathcal|nabla|sim|begin)\b|\*\*|Shown\(|Of\(")
SIGNS = re.compile(r"--|[⋅·+] ?-\d")
STRUCTURE = re.compile(r"\\(?:frac|dfrac|tfrac|sqrt|binom|begin|end)\b")


@pytest.mark.skipif(not GUIDE.exists(), reason="the guide is beside the checkout")
def test_every_guide_formula_keeps_its_structure():
    """Over every formula of the guide: the structural commands survive, in order, and no
    script group is cut short (`x^{n+1}` is never `x^n+1`; one character needs no braces)."""
    formulas = _guide_formulas()
    assert len(formulas) > 100
    for formula in formulas:
        text = latex_to_unicode(formula)
        assert STRUCTURE.findall(text) == STRUCTURE.findall(formula), formula
        assert not re.search(r"[\^_][^{\\\s][A-Za-z0-9]", text), (formula, text)


def test_a_step_with_sympy_lines_is_drawn_by_the_pretty_printer():
    from sympy import Rational, Symbol

    x = Symbol("x")
    step = Step(("Power rule for", x), lines=(x**3 / 3, Rational(1, 3)))
    assert step_text(step) == ("  Power rule for x:\n"
                               "       3\n"
                               "      x\n"
                               "      ── = 1/3\n"
                               "      3")


def test_a_one_line_chain_sits_beside_its_title():
    from sympy import Integer, Symbol

    x = Symbol("x")
    step = Step(("Substitute", Math(r"x = \lambda_1")), lines=(2 * x + 1, Integer(7)))
    assert step_text(step) == "  Substitute x = λ₁: 2⋅x + 1 = 7"


def test_a_sum_as_written_keeps_its_order_and_a_repeated_line_is_left_out():
    from sympy import Add, Integer, Mul

    written = Add(Mul(1, 5, evaluate=False), Mul(2, 7, evaluate=False), evaluate=False)
    step = Step("Dot product", lines=(AsWritten(written), Integer(19), Integer(19)))
    assert step_text(step) == "  Dot product: 1⋅5 + 2⋅7 = 19"


def test_latex_lines_are_shown_in_unicode():
    step = Step("Standard normal CDF", lines=(r"P\left(X \le 3\right)", r"\Phi\left(1\right)"))
    assert step_text(step) == "  Standard normal CDF: P(X ≤ 3) = Φ(1)"


def test_a_note_reads_in_unicode():
    assert note_text(r"redefines f, which was {f{\left(x \right)} = x^{2}}") == \
        "redefines f, which was f(x) = x²"


def test_cli_prints_steps_in_unicode_and_latex_on_request(capsys):
    statements = [r"X \sim \mathcal{N}(1, 4)", r"P(X \le 3)"]
    assert main(["eval", "--pretty", "--steps", *statements]) == 0
    pretty = capsys.readouterr().out
    assert "  Standard normal CDF: P(Z ≤ z) = Φ(z): P(X ≤ 3) = P(Z ≤ 1) = Φ(1)" in pretty
    steps = [line for line in pretty.splitlines() if line.startswith("  ")]
    assert steps[0] == "  Standardise: Z = (X - 1)/2 ∼ 𝒩(0, 1):"
    assert steps[1:4] == ["          3 - 1", "      z = ───── = 1", "            2"]
    assert not any(RAW.search(line) for line in steps)
    assert main(["eval", "--latex", "--steps", *statements]) == 0
    assert r"P\left(X \le 3\right) = P\left(Z \le 1\right)" in capsys.readouterr().out


def test_cli_notes_in_unicode_on_the_pretty_path(capsys):
    assert main(["eval", "--pretty", r"\theta = 2", r"\theta = 3"]) == 0
    assert "  note: redefines θ, which was 2" in capsys.readouterr().out.splitlines()
    assert main(["eval", "--latex", r"\theta = 2", r"\theta = 3"]) == 0
    assert r"  note: redefines \theta, which was 2" in capsys.readouterr().out.splitlines()


def test_every_step_of_the_samples_prints_on_a_terminal():
    """Each step of every sample is a record (no line of LaTeX) and prints with no raw
    `\\left`, `\\cdot` or `\\le` left, and no Python spelling (`**`, `Shown(`) of a SymPy
    object."""
    from pathlib import Path

    samples = Path(__file__).resolve().parents[1] / "samples"
    printed = 0
    for path in sorted(samples.glob("*.txt")):
        workspace = Workspace()
        from symml.syntax.document import split_statements

        for statement in split_statements(path.read_text(encoding="utf-8")):
            result = workspace.run(statement.text)
            for step in result.steps:
                text = step_text(step)
                printed += 1
                assert not RAW.search(text), (path.name, text)
                assert not SIGNS.search(text), (path.name, text)  # `--1`, `1⋅-1`: misread
                assert not any(isinstance(line, str) or callable(line) for line in step.lines), (
                    path.name, step)  # every line a record, no hand-written LaTeX
    assert printed > 100


def test_the_decimal_sits_on_the_fraction_bar(capsys):
    assert main(["eval", "--pretty", r"\frac{11}{16}"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "                  11",
        r"\frac{11}{16}  ⟹  ──  ≈ 0.6875",
        "                  16"]


def test_a_defined_function_is_drawn_with_its_head(capsys):
    assert main(["eval", "--pretty", r"f(x) = \frac{x^2+1}{x}", r"g(\theta_1, \theta_2) = "
                 r"\theta_1 \theta_2"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "                                   2",
        "                                  x  + 1",
        r"f(x) = \frac{x^2+1}{x}  ⟹  f(x) = ──────",
        "                                    x",
        r"g(\theta_1, \theta_2) = \theta_1 \theta_2  ⟹  g(θ₁, θ₂) = θ₁⋅θ₂"]


def test_a_sum_of_products_of_numbers_keeps_every_factor_and_sign():
    """Each entry of a matrix product as written: `(-1)⋅(-1)`, never `--1` or `1⋅-1`."""
    from sympy import Add, Mul

    from symml.render.latex import latex
    from symml.render.pretty import pretty_form

    entry = Add(Mul(-1, -1, evaluate=False), Mul(0, 0, evaluate=False), evaluate=False)
    second = Add(Mul(1, 3, evaluate=False), Mul(-1, 1, evaluate=False), evaluate=False)
    assert latex(entry, as_written=True) == r"\left(-1\right) \cdot \left(-1\right) + 0 \cdot 0"
    assert pretty_form(entry, as_written=True).render(wrap_line=False) == "(-1)⋅(-1) + 0⋅0"
    assert latex(second, as_written=True) == r"1 \cdot 3 + \left(-1\right) \cdot 1"
    assert pretty_form(second, as_written=True).render(wrap_line=False) == "1⋅3 + (-1)⋅1"
