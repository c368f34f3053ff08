"""Steps as records (issue 13) in probability, events, CDFs, moments, estimation and
information: every step line is a SymPy object (no hand-written LaTeX string), printed as
the guide writes it by the textbook LaTeX printer and read on a terminal through its
Unicode twin."""
import inspect
from pathlib import Path
from types import FunctionType

import pytest
import sympy as sp

import symml
from symml.render.latex import latex
from symml.render.pretty import pretty
from symml.steps import AsWritten, Math, Step
from symml.steps.notation_probability import (CDF, Factors, Letter, Phi, Quotient, difference,
                                              hat, probability)

ROOT = Path(__file__).resolve().parent.parent
AREA = {"probability", "events", "cdfs", "moments", "estimation", "information"}


def steps_of(*statements):
    ws = symml.Workspace()
    result = None
    for statement in statements:
        result = ws.run(statement)
        assert result.error is None, (statement, result.error)
    return result.steps


def value_of(line):
    return line.value if isinstance(line, AsWritten) else line


def assert_records(steps):
    for step in steps:
        assert not any(isinstance(line, (str, FunctionType)) for line in step.lines), step
        assert all(isinstance(value_of(line), sp.Basic) for line in step.lines), step


# --- P of conditions on random variables (probability.py) ------------------------------------
DIE = r"X \sim \operatorname{DiscreteUniform}(1, 6)"


@pytest.mark.parametrize("query", [r"P(2 < X \le 5)", r"\Pr(2 < X \leq 5)",
                                   r"P(X > 2 \cap X \le 5)"])
def test_discrete_interval_is_worked_through_the_cdf(query):
    steps = steps_of(DIE, query)
    assert_records(steps)
    assert steps[-1].latex == (r"P\left(2 < X \le 5\right) = F(5) - F(2) = \frac{5}{6} - "
                               r"\frac{1}{3} = \frac{1}{2}")
    assert [pretty(value_of(line)) for line in steps[-1].lines[:2]] == [
        "P(2 < X ≤ 5)", "F(5) - F(2)"]


def test_conditional_probability_of_random_variables():
    steps = steps_of(DIE, r"P(X = 3 \mid X \le 4)")
    assert_records(steps)
    assert steps[-1].latex == (r"P\left(X = 3 \mid X \le 4\right) = "
                               r"\frac{\frac{1}{6}}{\frac{2}{3}} = \frac{1}{4}")
    assert pretty(steps[-1].lines[0]) == "P(X = 3 | X ≤ 4)"
    assert steps[1].latex == r"P\left(X = 3, X \le 4\right) = \frac{1}{6}"


@pytest.mark.parametrize("query, standardise, last", [
    (r"P(60 < S \le 80)", [r"z = \frac{60 - 70}{10} = -1", r"z = \frac{80 - 70}{10} = 1"],
     r"P\left(60 < S \le 80\right) = P\left(-1 < Z \le 1\right) = "
     r"\Phi\left(1\right) - \Phi\left(-1\right)"),
    (r"P(S > 90)", [r"z = \frac{90 - 70}{10} = 2"],
     r"P\left(S > 90\right) = P\left(Z > 2\right) = 1 - \Phi\left(2\right)"),
    (r"P(S \le 80)", [r"z = \frac{80 - 70}{10} = 1"],
     r"P\left(S \le 80\right) = P\left(Z \le 1\right) = \Phi\left(1\right)"),
])
def test_normal_probabilities_standardise_then_use_phi(query, standardise, last):
    steps = steps_of(r"S \sim \mathcal{N}(70, 100)", query)
    assert_records(steps)
    assert [s.latex for s in steps[:-1]] == standardise
    assert steps[-1].latex == last


def test_normal_lines_read_in_unicode():
    steps = steps_of(r"S \sim \mathcal{N}(70, 100)", r"P(60 < S \le 80)")
    assert [pretty(value_of(line)) for line in steps[-1].lines] == [
        "P(60 < S ≤ 80)", "P(-1 < Z ≤ 1)", "Φ(1) - Φ(-1)"]
    assert pretty(value_of(steps[0].lines[0])) == "    60 - 70\nz = ───────\n      10   "


def test_a_negative_mean_is_subtracted_in_parentheses():
    steps = steps_of(r"W \sim \mathcal{N}(-1, 4)", r"P(W \le 1)")
    assert steps[0].latex == r"z = \frac{1 - \left(-1\right)}{2} = 1"


@pytest.mark.parametrize("query, written", [
    (r"P(T > 1)", r"1 - F(1) = e^{-2}"),
    (r"P(T \le 1)", r"F(1) = 1 - e^{-2}"),
    (r"P(1 < T \le 2)", r"F(2) - F(1) = \left(1 - e^{-4}\right) - \left(1 - e^{-2}\right) = "
                        r"e^{-2} - e^{-4}"),
])
def test_continuous_probabilities_through_the_cdf(query, written):
    steps = steps_of(r"T \sim \operatorname{Exp}(2)", query)
    assert_records(steps)
    assert steps[-1].latex == written


def test_joint_table_sum_rule():
    steps = steps_of(r"U \in \{0, 1\}", r"V \in \{0, 1\}",
                     r"(U, V) \sim \begin{bmatrix} 0.1 & 0.3 \\ 0.2 & 0.4 \end{bmatrix}",
                     r"P(U = 1)")
    assert_records(steps)
    assert steps[-1].latex == r"P\left(U = 1\right) = \frac{1}{5} + \frac{2}{5} = \frac{3}{5}"


# --- events (events.py) -------------------------------------------------------------------------
BAYES = [r"P(A) = 0.01", r"P(B \mid A) = 0.9", r"P(B \mid \neg A) = 0.05"]


@pytest.mark.parametrize("query", [r"P(A|B)", r"P(A \mid B)", r"\Pr(A \mid B)"])
def test_bayes_steps_are_records(query):
    steps = steps_of(*BAYES, query)
    assert_records(steps)
    assert [s.latex for s in steps] == [
        r"P(\neg A) = 1 - P(A) = \frac{99}{100}",
        r"P(B) = P(B \mid A) P(A) + P(B \mid \neg A) P(\neg A) = \frac{9}{10} \cdot "
        r"\frac{1}{100} + \frac{1}{20} \cdot \frac{99}{100} = \frac{117}{2000}",
        r"P(A \mid B) = \frac{P(B \mid A) P(A)}{P(B)} = \frac{\frac{9}{10} \cdot "
        r"\frac{1}{100}}{\frac{117}{2000}} = \frac{2}{13}"]
    assert [pretty(value_of(line)) for line in steps[1].lines[:2]] == [
        "P(B)", "P(B | A) P(A) + P(B | ¬A) P(¬A)"]
    assert pretty(steps[2].lines[1]) == "P(B | A) P(A)\n─────────────\n    P(B)     "


def test_addition_chain_and_independence_rules():
    steps = steps_of(r"P(A) = 0.5", r"P(B) = 0.4", r"P(A \cap B) = 0.2", r"P(A \cup B)")
    assert_records(steps)
    assert steps[-1].latex == r"P(A \cup B) = P(A) + P(B) - P(A \cap B) = \frac{7}{10}"
    steps = steps_of(r"P(K) = 0.5", r"P(L \mid K) = 0.5", r"P(M \mid K \cap L) = 0.5",
                     r"P(K \cap L \cap M)")
    assert_records(steps)
    assert steps[-1].latex == (r"P(K \cap L \cap M) = P(M \mid K \cap L) P(K \cap L) = "
                               r"\frac{1}{2} \cdot \frac{1}{4} = \frac{1}{8}")
    steps = steps_of(r"P(E) = 0.5", r"P(G) = 0.5", r"P(E \cap G) = P(E) P(G)")
    assert steps[-1].latex == r"P(E \cap G) = P(E) P(G) \;\Rightarrow\; E \perp G"
    assert pretty(steps[-1].lines[0]) == "P(E ∩ G) = P(E) P(G) ⇒ E ⊥ G"


def test_a_checked_fact_and_an_independence_check():
    steps = steps_of(*BAYES, r"P(A) = 0.02")
    assert steps[-1].latex == r"P(A) = \frac{1}{100} \neq \frac{1}{50}"
    steps = steps_of(r"P(C) = 0.5", r"P(D) = 0.4", r"P(C \cap D) = 0.2", r"C \perp D")
    assert_records(steps)
    assert steps[-1].latex == r"\frac{1}{5} = \frac{1}{2} \cdot \frac{2}{5}"


# --- moments (moments.py) -----------------------------------------------------------------------
def test_variance_and_covariance_write_their_rules():
    steps = steps_of(DIE, r"\operatorname{Var}(X)")
    assert_records(steps)
    assert steps[-1].latex == (r"\operatorname{Var}(X) = \mathbb{E}[X^{2}] - \mathbb{E}[X]^{2} "
                               r"= \frac{91}{6} - \left(\frac{7}{2}\right)^{2} = \frac{35}{12}")
    assert pretty(steps[-1].lines[0]) == "Var(X)"
    steps = steps_of(DIE, r"\operatorname{Cov}(X, X)")
    assert steps[-1].latex == (r"\operatorname{Cov}(X, X) = \mathbb{E}[X^{2}] - \mathbb{E}[X] "
                               r"\mathbb{E}[X] = \frac{91}{6} - \frac{7}{2} \cdot \frac{7}{2} = "
                               r"\frac{35}{12}")
    assert pretty(steps[-1].lines[0]) == "Cov(X, X)"


@pytest.mark.parametrize("declaration, query, written", [
    (r"Q \sim \operatorname{Binomial}(10, \frac{1}{2})", r"E[Q]",
     r"\mathbb{E}[Q] = 10 \cdot \frac{1}{2} = 5"),
    (r"N \sim \operatorname{Poisson}(3)", r"\operatorname{Var}(N)", r"\operatorname{Var}(N) = 3"),
    (r"K \sim \operatorname{Bernoulli}(0.3)", r"\operatorname{Var}(K)",
     r"\operatorname{Var}(K) = \frac{3 \cdot \left(1 - \frac{3}{10}\right)}{10} = \frac{21}{100}"),
])
def test_named_families_by_their_rules(declaration, query, written):
    steps = steps_of(declaration, query)
    assert_records(steps)
    assert steps[-1].latex == written


def test_conditional_expectation_and_standard_deviation():
    steps = steps_of(DIE, r"E[X \mid X > 2]")
    assert steps[-1].latex == r"\mathbb{E}[X \mid X > 2] = \frac{9}{2}"
    assert pretty(steps[-1].lines[0]) == "𝔼[X | X > 2]"
    for query in (r"\operatorname{std}(X)", r"\sigma_X"):
        steps = steps_of(DIE, query)
        assert_records(steps)
        assert steps[-1].latex == r"\sqrt{\frac{35}{12}} = \frac{\sqrt{105}}{6}"


# --- densities, CDFs and quantiles (cdfs.py) -----------------------------------------------------
@pytest.mark.parametrize("query, written", [
    (r"F_X(4)", r"P\left(X \le 4\right) = \frac{2}{3}"),
    (r"f_X(2)", r"f_{X}(2) = \frac{1}{6}"),
    (r"p_X(2)", r"f_{X}(2) = \frac{1}{6}"),
    (r"\operatorname{median}(X)", r"F(3) = \frac{1}{2}"),
])
def test_density_cdf_and_quantile_lines(query, written):
    steps = steps_of(DIE, query)
    assert_records(steps)
    assert steps[-1].latex == written


def test_inverse_cdf_and_discrete_percentile():
    steps = steps_of(r"T \sim \operatorname{Exp}(2)", r"F_T^{-1}(u)")
    assert_records(steps)
    assert steps[-1].latex == (r"1 - e^{- 2 x} = u \;\Rightarrow\; "
                               r"x = - \frac{\ln\left(1 - u\right)}{2}")
    steps = steps_of(r"N \sim \operatorname{Poisson}(3)", r"\operatorname{percentile}(N, 90)")
    assert steps[-1].latex == r"F(5) = \frac{92}{5 e^{3}} \approx 0.916082"
    assert pretty(steps[-1].lines[0]) == "F(5)"


# --- information and estimation ----------------------------------------------------------------
def test_entropy_terms_are_written_before_they_are_added():
    steps = steps_of(r"H(\begin{bmatrix} 0.5 \\ 0.25 \\ 0.25 \end{bmatrix})")
    assert_records(steps)
    assert steps[-1].latex == (r"-\left(\frac{1}{2} \ln \frac{1}{2} + \frac{1}{4} \ln "
                               r"\frac{1}{4} + \frac{1}{4} \ln \frac{1}{4}\right) = "
                               r"\frac{3 \ln 2}{2}")
    assert pretty(steps[-1].lines[0]) == "-(1/2⋅ln(1/2) + 1/4⋅ln(1/4) + 1/4⋅ln(1/4))"
    steps = steps_of(r"C \sim \operatorname{Bernoulli}(\frac{1}{2})", r"H_2(C)")
    assert steps[-1].latex == (r"-\left(\frac{1}{2} \log_{2} \frac{1}{2} + \frac{1}{2} "
                               r"\log_{2} \frac{1}{2}\right) = 1")


def test_conditional_entropy_subtracts_the_marginal():
    steps = steps_of(r"U \in \{0, 1\}", r"V \in \{0, 1\}",
                     r"(U, V) \sim \begin{bmatrix} 0.25 & 0.25 \\ 0 & 0.5 \end{bmatrix}",
                     r"H(U \mid V)")
    assert_records(steps)
    assert steps[-1].latex == (r"\frac{3 \ln 2}{2} - \left(2 \ln 2 - \frac{3 \ln 3}{4}\right) = "
                               r"\frac{3 \ln 3}{4} - \frac{\ln 2}{2}")


@pytest.mark.parametrize("data", [r"[1, 0, 1, 1]",
                                  r"\begin{bmatrix} 1 \\ 0 \\ 1 \\ 1 \end{bmatrix}"])
def test_mle_steps_are_records(data):
    steps = steps_of(rf"\operatorname{{MLE}}(\operatorname{{Bernoulli}}(p), {data})")
    assert_records(steps)
    assert [s.latex for s in steps] == [
        r"\mathcal{L} = \left(p\right) \left(1 - p\right) \left(p\right) \left(p\right) = "
        r"p^{3} \left(1 - p\right)",
        r"\ell = \ln \mathcal{L} = 3 \ln p + \ln\left(1 - p\right)",
        r"\frac{\partial \ell}{\partial p} = \frac{3}{p} - \frac{1}{1 - p} = 0",
        r"\hat{p} = \frac{3}{4}"]
    assert [pretty(steps[1].lines[0]), pretty(steps[1].lines[1]), pretty(steps[3].lines[0])] \
        == ["ℓ", "ln(𝓛)", "p̂"]
    assert pretty(steps[2].lines[0]) == "∂ℓ\n──\n∂p"


def test_mle_of_two_parameters_and_of_a_uniform():
    steps = steps_of(r"\operatorname{MLE}(\mathcal{N}(\mu, \sigma^2), [1, 2, 3])")
    assert steps[-1].latex == r"\hat{\mu} = 2,\quad \hat{\sigma}^{2} = \frac{2}{3}"
    steps = steps_of(r"\operatorname{MLE}(\mathcal{U}(a, b), [0.5, 2, 1.5])")
    assert_records(steps)
    assert [s.latex for s in steps[1:]] == [r"\hat{a} = \min_i x_i = \frac{1}{2}",
                                            r"\hat{b} = \max_i x_i = 2"]


def test_ks_and_argmax_lines():
    steps = steps_of(r"\operatorname{KS}([0.1, 0.4, 0.7, 0.9], [0.2, 0.3, 0.5, 0.8])")
    assert_records(steps)
    assert steps[0].latex == (r"D = \max_x |F_1(x) - F_2(x)| = \left|{F_1(\frac{1}{10}) - "
                              r"F_2(\frac{1}{10})}\right| = \frac{1}{4}")
    steps = steps_of(r"\operatorname*{arg\,max}_{p} p^3 (1 - p)")
    assert_records(steps)
    assert steps[0].latex == (r"\frac{d}{d p} \left(3 \ln p + \ln\left(1 - p\right)\right) = 0 "
                              r"\;\Rightarrow\; p = \frac{3}{4}")


# --- the notation objects themselves -------------------------------------------------------------
def test_notation_objects_print_in_both_printers():
    x = sp.stats.DiscreteUniform("X", [1, 2, 3])
    a, b = sp.symbols("A B")
    cases = [
        (probability(sp.And(sp.Lt(2, x), sp.Le(x, 5))), r"P\left(2 < X \le 5\right)",
         "P(2 < X ≤ 5)"),
        (probability(sp.Not(sp.And(a, b)), b), r"P(\neg \left(A \cap B\right) \mid B)",
         "P(¬(A ∩ B) | B)"),
        (AsWritten(difference(Phi(1), Phi(-1))).value, r"\Phi\left(1\right) - "
         r"\Phi\left(-1\right)", "Φ(1) - Φ(-1)"),
        (Quotient(CDF(2), Factors(sp.Integer(2), sp.Integer(3))), r"\frac{F(2)}{2 \cdot 3}",
         "F(2)\n────\n2⋅3 "),
        (hat(sp.Symbol("sigma^2")), r"\hat{\sigma}^{2}", " 2\nσ̂ "),
        (Letter("mathcal{L}"), r"\mathcal{L}", "𝓛"),
    ]
    for obj, written, text in cases:
        assert latex(obj) == written
        assert pretty(obj) == text


# --- no string lines can come back ---------------------------------------------------------------
EXTRA = (ROOT / "tests" / "step_records_probability.txt")


def _documents():
    from test_guide_in_order import DOCUMENT

    texts = [s.read_text() for s in sorted((ROOT / "samples").glob("*.txt"))]
    return texts + ["\n".join(f for f, _ in DOCUMENT), EXTRA.read_text()]


def test_no_step_line_of_this_area_is_a_string(monkeypatch):
    """Evaluate the samples, the guide and tests/step_records_probability.txt; find each
    step's evaluator module from the stack; none of this area's lines is a string."""
    made = []
    original = Step.__init__

    def recording(self, *args, **kwargs):
        original(self, *args, **kwargs)
        for frame in inspect.stack()[1:]:
            path = Path(frame.filename)
            if path.parent.name == "evaluators" and path.stem != "registry":
                made.append((path.stem, self))
                break

    monkeypatch.setattr(Step, "__init__", recording)
    for text in _documents():
        symml.solve_document(text, timeout=30)
    mine = [(module, step) for module, step in made if module in AREA]
    assert {module for module, _ in mine} == AREA
    assert len(mine) > 150
    strings = [(module, step) for module, step in mine
               if any(isinstance(line, (str, FunctionType)) for line in step.lines)]
    assert strings == []
    math_strings = [step.title for _, step in mine for piece in step.pieces
                    if isinstance(piece, Math) and isinstance(piece.value, str)]
    assert math_strings == []


# --- the rules in step titles are records too ----------------------------------------------------
def math_pieces(step):
    return [piece.value for piece in step.pieces if not isinstance(piece, str)]


@pytest.mark.parametrize("statements, title", [
    ([DIE, r"P(2 < X \le 5)"],
     r"From the CDF: P\left(a < X \le b\right) = F(b) - F(a)"),
    ([r"S \sim \mathcal{N}(70, 100)", r"P(S \le 80)"],
     r"Standard normal CDF: P\left(Z \le z\right) = \Phi\left(z\right)"),
    ([DIE, r"F_X(4)"], r"CDF: F(x) = P\left(X \le x\right)"),
    ([r"T \sim \operatorname{Exp}(2)", r"F_T^{-1}(u)"],
     "Inverse transform sampling: solve F(x) = u for x"),
    ([r"H(\begin{bmatrix} 0.5 \\ 0.5 \end{bmatrix})"], r"Entropy H(p) = -\sum p \ln p (in nats)"),
    ([r"H(\operatorname{Bernoulli}(0.3))"],
     r"Entropy H(\operatorname{Bernoulli}{\left(\frac{3}{10} \right)}) = -\sum p \ln p (in nats)"),
    ([r"P(C) = 0.5", r"P(D) = 0.4", r"P(C \cap D) = 0.2", r"C \perp D"],
     r"Independence holds when P(A \cap B) = P(A) P(B)"),
])
def test_rule_titles_are_sympy_pieces(statements, title):
    step = steps_of(*statements)[-1]
    assert step.title == title
    assert not any(isinstance(piece, str) for piece in map(value_of, math_pieces(step)))


@pytest.mark.parametrize("statements, title", [
    ([r"D_{KL}(\operatorname{Exp}(1) \| \operatorname{Exp}(2))"],
     r"KL divergence of two exponentials: \ln\left(\frac{\lambda_{1}}{\lambda_{2}}\right) + "
     r"\frac{\lambda_{2}}{\lambda_{1}} - 1"),
    ([r"D_{KL}(\operatorname{Poisson}(1) \| \operatorname{Poisson}(2))"],
     r"KL divergence of two Poisson distributions: \lambda_{1} \ln \frac{\lambda_{1}}"
     r"{\lambda_{2}} + \lambda_{2} - \lambda_{1}"),
    ([r"U \in \{0, 1\}", r"V \in \{0, 1\}",
      r"(U, V) \sim \begin{bmatrix} 0.25 & 0.25 \\ 0 & 0.5 \end{bmatrix}", r"I(U; V)"],
     r"Mutual information: I(X; Y) = H(X) + H(Y) - H(X, Y)"),
    ([DIE, r"P(X = 3 \mid X \le 4)"],
     r"Conditional probability: P(A \mid B) = \frac{P(A \cap B)}{P(B)}"),
])
def test_information_and_conditional_titles(statements, title):
    step = steps_of(*statements)[-1]
    assert step.title == title
    assert all(not isinstance(value_of(piece), str) for piece in math_pieces(step))


def test_rule_titles_read_in_unicode():
    step = steps_of(r"S \sim \mathcal{N}(70, 100)", r"P(60 < S \le 80)")[0]
    assert [row.rstrip() for row in pretty(value_of(math_pieces(step)[0])).splitlines()] == [
        "    S - 70", "Z = ────── ~ 𝒩(0, 1)", "      10"]
    step = steps_of(r"U \in \{0, 1\}", r"V \in \{0, 1\}",
                    r"(U, V) \sim \begin{bmatrix} 0.25 & 0.25 \\ 0 & 0.5 \end{bmatrix}",
                    r"H(U \mid V)")[-1]
    assert step.title == r"Conditional entropy: H(U \mid V) = H(U, V) - H(V)"
    assert pretty(value_of(math_pieces(step)[0])) == "H(U | V) = H(U, V) - H(V)"


def test_a_fraction_squared_reads_in_parentheses_on_a_terminal():
    steps = steps_of(DIE, r"\operatorname{Var}(X)")
    rows = [row.rstrip() for row in pretty(value_of(steps[-1].lines[2])).splitlines()]
    assert rows == ["91        2", "── - (7/2)", "6"]
