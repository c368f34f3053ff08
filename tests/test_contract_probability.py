"""Contract audit of NOTATION §3: every row, in LaTeX and Unicode spellings, against values
computed by hand or with sympy.stats (exact rationals, no floats)."""
import pytest
import sympy as sp
from sympy import Rational as R

import symml

u, x, theta, p = sp.symbols("u x theta p")
lam = sp.Symbol("lambda", positive=True)  # `X \sim \operatorname{Poisson}(\lambda)` makes λ positive
LOG2, LOG3 = sp.log(2), sp.log(3)
ERF1 = sp.erf(sp.sqrt(2) / 2)  # P(-1 < Z ≤ 1) for a standard normal Z


def same(value, expected) -> bool:
    return value == expected or sp.simplify(value - expected) == 0


NORMAL = (r"X \sim \mathcal{N}(0, 1)",)
TWO_NORMALS = (r"X \sim \mathcal{N}(1, 4)", r"Y \sim \mathcal{N}(0, 1)")
EXP3 = (r"X \sim \operatorname{Exp}(3)",)
TABLE = (r"X \sim \{1: \frac{1}{2}, 2: \frac{1}{4}, 3: \frac{1}{4}\}",)
DIE = (r"X \sim \operatorname{DiscreteUniform}(1, 6)",)
BINOMIAL = (r"X \sim \operatorname{Binomial}(4, 0.5)",)
POISSON = (r"X \sim \operatorname{Poisson}(2)",)
BAYES = ("P(A) = 0.01", r"P(B \mid A) = 0.9", r"P(B \mid \neg A) = 0.05")
JOINT = (r"X \in \{0, 1\}", r"Y \in \{0, 1, 2\}",
         r"(X, Y) \sim \begin{bmatrix} 0.1 & 0.2 & 0.1 \\ 0.3 & 0.1 & 0.2 \end{bmatrix}")

VALUES = [
    # probabilities of one continuous variable, every spelling of P and of the relations
    (NORMAL, r"P(X \le 0)", R(1, 2)),
    (NORMAL, "ℙ(X ≤ 0)", R(1, 2)),
    (NORMAL, r"\Pr(X \geq 1)", R(1, 2) - ERF1 / 2),
    (NORMAL, "P(X ≥ 1)", R(1, 2) - ERF1 / 2),
    (NORMAL, r"\mathbb{P}(0 < X < 1)", ERF1 / 2),
    (NORMAL, r"P(X > 1 \mid X > 0)", 1 - ERF1),
    (NORMAL, r"P(|X| < 1)", ERF1),
    (NORMAL, r"P(X^2 < 1)", ERF1),
    (NORMAL, r"P(\neg (X > 0))", R(1, 2)),
    (NORMAL, "P(¬(X > 0))", R(1, 2)),
    (NORMAL, r"P(X > 0 \cap X < 1)", ERF1 / 2),
    (NORMAL, "P(X < -1 ∪ X > 1)", 1 - ERF1),
    (NORMAL, r"P((X > 0) \cap (X < 1))", ERF1 / 2),
    # two independent normals: X − Y ~ N(1, 5)
    (TWO_NORMALS, "P(X < Y)", R(1, 2) - sp.erf(1 / sp.sqrt(10)) / 2),
    (TWO_NORMALS, "P(X > Y)", R(1, 2) + sp.erf(1 / sp.sqrt(10)) / 2),
    (TWO_NORMALS, r"P(X - Y \le 1)", R(1, 2)),
    (TWO_NORMALS, r"P(X + Y > 1)", R(1, 2)),
    ((r"X \sim \mathcal{N}(0, 1)", r"Y \sim \mathcal{N}(0, 1)"), "P(X < Y)", R(1, 2)),
    (TWO_NORMALS, r"\operatorname{Var}(X + Y)", 5),
    (TWO_NORMALS, r"\operatorname{Cov}(X, Y)", 0),
    (TWO_NORMALS, r"\operatorname{Var}(2X)", 16),
    # CDF, its inverse, median and percentiles
    ((r"X \sim \mathcal{N}(2, 9)",), "F_X(1)", R(1, 2) - sp.erf(sp.sqrt(2) / 6) / 2),
    ((r"X \sim \mathcal{N}(2, 9)",), r"F_X^{-1}(u)", 2 + 3 * sp.sqrt(2) * sp.erfinv(2 * u - 1)),
    ((r"X \sim \mathcal{N}(2, 9)",), r"\operatorname{median}(X)", 2),
    (EXP3, r"F_X^{-1}(u)", -sp.log(1 - u) / 3),
    (EXP3, r"F_X^{-1}(0.5)", LOG2 / 3),
    (EXP3, r"\operatorname{median}(X)", LOG2 / 3),
    (EXP3, r"\operatorname{percentile}(X, 90)", sp.log(10) / 3),
    (EXP3, r"\operatorname{percentile}(X, 25)", sp.log(R(4, 3)) / 3),
    (EXP3, r"P(1 < X \le 2)", sp.exp(-3) - sp.exp(-6)),
    (EXP3, r"P(|X - 1| < 1)", 1 - sp.exp(-6)),
    ((r"X \sim \mathcal{U}(0, 4)",), r"F_X^{-1}(u)", 4 * u),
    ((r"X \sim \operatorname{Uniform}(1, 3)",), r"\operatorname{percentile}(X, 90)", R(14, 5)),
    (TABLE, "F_X(x)", sp.Piecewise((0, x < 1), (R(1, 2), x < 2), (R(3, 4), x < 3), (1, True))),
    (TABLE, r"F_X^{-1}(u)", sp.Piecewise((1, u <= R(1, 2)), (2, u <= R(3, 4)), (3, True))),
    (TABLE, r"F_X^{-1}(0.8)", 3),
    (TABLE, r"\operatorname{median}(X)", 1),
    (BINOMIAL, "F_X(1)", R(5, 16)),
    (BINOMIAL, r"F_X^{-1}(0.5)", 2),
    (BINOMIAL, r"\operatorname{percentile}(X, 90)", 3),
    (DIE, r"F_X^{-1}(u)", sp.Piecewise(*[(k, u <= R(k, 6)) for k in range(1, 6)], (6, True))),
    (DIE, "F_X(3)", R(1, 2)),
    ((r"X \sim \operatorname{Ber}(0.3)",), "F_X(x)",
     sp.Piecewise((0, x < 0), (R(7, 10), x < 1), (1, True))),
    (POISSON, r"F_X^{-1}(0.5)", 2),
    (POISSON, r"\operatorname{percentile}(X, 90)", 4),
    (POISSON, "F_X(1)", 3 * sp.exp(-2)),
    (POISSON, "P(X < 2)", 3 * sp.exp(-2)),  # strict: not F(2)
    (POISSON, r"P(X \le 2)", 5 * sp.exp(-2)),
    (POISSON, "P(X > 1)", 1 - 3 * sp.exp(-2)),
    # densities and moments of each family
    ((r"X \sim \mathcal{N}(2, 9)",), "f_X(1)", sp.exp(-R(1, 18)) / (3 * sp.sqrt(2 * sp.pi))),
    (EXP3, "p_X(1)", 3 * sp.exp(-3)),
    (BINOMIAL, "p_X(1)", R(1, 4)),
    (("X ∼ 𝒩(μ,σ²)",), "𝔼[X²]", sp.Symbol("mu")**2 + sp.Symbol("sigma", positive=True)**2),
    (("X ∼ 𝒩(μ,σ²)",), r"\mathrm{Var}[X]", sp.Symbol("sigma", positive=True)**2),
    (("X ∼ 𝒩(μ,σ²)",), r"\sigma_X", sp.Symbol("sigma", positive=True)),
    ((r"X \sim \operatorname{Bernoulli}(0.3)",), r"\operatorname{std}(X)", sp.sqrt(21) / 10),
    (DIE, r"\operatorname{Var}(X)", R(35, 12)),
    (POISSON, r"\mathbb{E}[X^2]", 6),
    (EXP3, r"\mathbb{E}[X^2]", R(2, 9)),
    (TABLE, r"\operatorname{Var}(X)", R(11, 16)),
    ((), r"\mathbb{E}_{x \sim \operatorname{Exp}(3)}[x]", R(1, 3)),
    # events: facts, complement, Bayes, total probability, addition rule
    (BAYES, "P(A|B)", R(2, 13)),
    (BAYES, r"\mathbb{P}(A \mid B)", R(2, 13)),
    (BAYES, "P(B)", R(117, 2000)),
    (BAYES, "P(A ∩ B)", R(9, 1000)),
    (BAYES, "P(A, B)", R(9, 1000)),
    (BAYES, "P(A ∪ B)", R(119, 2000)),
    (BAYES, "P(A^c)", R(99, 100)),
    (BAYES, r"P(\bar{A})", R(99, 100)),
    (BAYES, "P(¬A)", R(99, 100)),
    (BAYES, r"P(A \mid \neg B)", R(2, 1883)),
    (BAYES, r"P(B^c \mid A)", R(1, 10)),
    (("P(A) = 0.5", "P(B) = 0.4", "A ⊥ B"), r"P(A \cup B)", R(7, 10)),
    # a joint table: cells, marginals (sum rule), conditionals, moments
    (JOINT, "P(X = 0)", R(2, 5)),
    (JOINT, r"P(X = 1 \cap Y = 0)", R(3, 10)),
    (JOINT, "P(X = 1 ∩ Y = 0)", R(3, 10)),
    (JOINT, "P(X=1|Y=0)", R(3, 4)),
    (JOINT, r"\sum_{y} P(X = 1, Y = y)", R(3, 5)),
    (JOINT, "P(X < Y)", R(1, 2)),
    (JOINT, r"\operatorname{Cov}(X, Y)", R(-1, 25)),
    (JOINT, r"E[X \mid Y = 1]", R(1, 3)),
    (JOINT, "P(Y)", sp.Matrix([R(2, 5), R(3, 10), R(3, 10)])),
]


@pytest.mark.parametrize("setup, query, expected", VALUES)
def test_value(run, setup, query, expected):
    result = run(*setup, query)
    assert same(result.value, expected), (query, result.value)


INFORMATION = [
    (JOINT, r"H(X \mid Y)", 2 * LOG2 / 5 + 3 * LOG3 / 10),
    (JOINT, "I(X;Y)", sp.log(5) - 4 * LOG2 / 5 - 9 * LOG3 / 10),
    ((r"p = \begin{bmatrix} 0.5 \\ 0.5 \end{bmatrix}", r"q = \begin{bmatrix} 0.25 \\ 0.75 \end{bmatrix}"),
     r"D_{\text{KL}}(p \| q)", LOG2 - LOG3 / 2),
    ((r"p = \begin{bmatrix} 0.5 \\ 0.5 \end{bmatrix}", r"q = \begin{bmatrix} 0.25 \\ 0.75 \end{bmatrix}"),
     "D_{KL}(p ‖ q)", LOG2 - LOG3 / 2),
    ((r"P \sim \operatorname{Bernoulli}(0.5)", r"Q \sim \operatorname{Bernoulli}(0.25)"),
     r"H(P, Q)", 2 * LOG2 - LOG3 / 2),
    ((), r"D_{KL}(\mathcal{U}(0, 1) \| \mathcal{U}(0, 2))", LOG2),
    ((), r"D_{KL}(\mathcal{U}(0, 2) \| \mathcal{U}(0, 1))", sp.oo),
    ((), r"D_{KL,2}(\mathcal{U}(1, 2) \| \mathcal{U}(0, 4))", 2),
    ((), r"D_{KL}(\operatorname{Exp}(1) \| \operatorname{Exp}(2))", 1 - LOG2),
    ((), r"D_{KL}(\operatorname{Poisson}(1) \| \operatorname{Poisson}(2))", 1 - LOG2),
    ((), "D_{KL}(𝒩(0,1) ‖ 𝒩(1,1))", R(1, 2)),
    ((), r"D_{KL}(\operatorname{Binomial}(2, 0.5) \| \operatorname{Binomial}(2, 0.25))",
     2 * LOG2 - LOG3),
    ((r"U \sim \mathcal{U}(0, 4)",), "H(U)", 2 * LOG2),
    ((r"U \sim \mathcal{U}(0, 4)",), "H_2(U)", 2),
    ((), r"H_2(\operatorname{DiscreteUniform}(1, 8))", 3),
]


@pytest.mark.parametrize("setup, query, expected", INFORMATION)
def test_information_measure(run, setup, query, expected):
    assert same(run(*setup, query).value, expected)


X4 = r"\mathbf{x} = [1, 0, 1, 1]"
LIKELIHOOD = [
    ((r"X \sim \operatorname{Ber}(0.3)", X4), r"\mathcal{L}(\theta; \mathbf{x})",
     theta**3 * (1 - theta)),
    ((r"X \sim \operatorname{Ber}(0.3)", X4), r"\log \mathcal{L}(\theta; \mathbf{x})",
     3 * sp.log(theta) + sp.log(1 - theta)),
    ((r"X \sim \operatorname{Ber}(0.3)", X4), r"\mathcal{L}(0.3; \mathbf{x})", R(189, 10000)),
    ((r"X \sim \operatorname{Ber}(0.3)", X4),
     r"\operatorname*{arg\,max}_{\theta} \mathcal{L}(\theta; \mathbf{x})", R(3, 4)),
    ((r"X \sim \operatorname{Bernoulli}(p)", X4), r"\mathcal{L}(p \mid \mathbf{x})",
     p**3 * (1 - p)),
    ((r"X \sim \operatorname{Bernoulli}(p)", X4), r"\ln \mathcal{L}(p; \mathbf{x})",
     3 * sp.log(p) + sp.log(1 - p)),
    ((r"X \sim \operatorname{Poisson}(\lambda)",), r"\log \mathcal{L}(\lambda; [2, 3, 4])",
     9 * sp.log(lam) - 3 * lam - sp.log(2) - sp.log(6) - sp.log(24)),  # log 2! + log 3! + log 4!
    ((r"X \sim \mathcal{N}(\mu, 1)",), r"\log \mathcal{L}(\mu; [0, 2])",
     -sp.Symbol("mu")**2 / 2 - (2 - sp.Symbol("mu"))**2 / 2 - sp.log(2 * sp.pi)),
    ((), r"\operatorname*{arg\,max}_{p} p^2 (1 - p)^3", R(2, 5)),
    ((), r"\operatorname*{arg\,max}_{p} p (1 - p)^2", R(1, 3)),
    ((), r"\operatorname*{arg\,min}_{x} (x - 2)^2", 2),
    ((), r"\operatorname*{arg\,max}_{\theta} (-\theta^2 + 2\theta)", 1),
    ((), r"\operatorname*{arg\,max}_{x} -(x - 1)^2", 1),
    ((), r"\operatorname{MLE}(\operatorname{Bernoulli}(p), [1, 1, 1])", 1),
    ((), r"\operatorname{MLE}(\operatorname{Ber}(p), [0, 0])", 0),
    ((), r"\operatorname{MLE}(\operatorname{Poisson}(\lambda), [0, 0, 0])", 0),
    ((), r"\operatorname{MLE}(\operatorname{Binomial}(10, p), [3, 5, 4])", R(2, 5)),
    ((), r"\operatorname{MLE}(\operatorname{Exp}(\lambda), [1, 2, 3])", R(1, 2)),
    ((), r"\operatorname{MLE}(\mathcal{N}(\mu, \sigma^2), [1, 2, 3, 6])", sp.Tuple(3, R(7, 2))),
    ((), r"\operatorname{MLE}(\mathcal{U}(0, \theta), [0.5, 2, 1.5])", 2),
    ((), r"\operatorname{MLE}(\operatorname{Uniform}(0, \theta), [0.5, 2, 1.5])", 2),
    ((), r"\operatorname{MLE}(\mathcal{U}(a, b), [0.5, 2, 1.5])", sp.Tuple(R(1, 2), 2)),
    ((), r"\operatorname{MLE}(\mathcal{U}(a, 5), [0.5, 2, 1.5])", R(1, 2)),
    ((r"\operatorname{MLE}(\mathcal{U}(0, \theta), [3, 1])",), r"\hat{\theta}_{\text{MLE}}", 3),
]


@pytest.mark.parametrize("setup, query, expected", LIKELIHOOD)
def test_likelihood_and_estimates(run, setup, query, expected):
    assert same(run(*setup, query).value, expected)


def test_ks_against_a_declared_variable(run):
    result = run("a = [1, 2, 3]", r"X \sim \mathcal{N}(0, 1)", r"\operatorname{KS}(a, X)")
    assert same(result.value[0], R(1, 2) + ERF1 / 2)  # F(1) − 0 at the first point


def test_two_normals_step_names_the_normal_difference(run):
    result = run(*TWO_NORMALS, "P(X < Y)")
    assert result.steps[0].title.startswith("Independent normals combine into a normal: D = X - Y")
    assert r"\mathcal{N}\left(1, 5\right)" in result.steps[0].title


def test_likelihood_after_a_numeric_model_names_the_substitution(run):
    result = run(r"X \sim \operatorname{Ber}(0.3)", X4, r"\mathcal{L}(\theta; \mathbf{x})")
    assert result.steps[0].latex == r"\operatorname{Bernoulli}\left(\theta\right)"


def test_mle_at_the_boundary_says_why(run):
    result = run(r"\operatorname{MLE}(\operatorname{Bernoulli}(p), [1, 1, 1])")
    assert result.steps[-1].title.startswith(r"No stationary point: \ell is increasing")
    assert result.steps[-1].latex == r"\hat{p} = 1"


def test_uniform_mle_steps_say_the_likelihood_decreases(run):
    result = run(r"\operatorname{MLE}(\mathcal{U}(0, \theta), [0.5, 2, 1.5])")
    assert [step.title for step in result.steps] == [
        r"Likelihood: \theta^{- n} while \left[0, \theta\right] holds every x_{i}, 0 otherwise",
        r"The likelihood is decreasing in \theta, so the MLE is the smallest allowed \theta"]
    assert r"\frac{1}{\theta^{3}} & \text{for}\: \theta \geq \max_i x_i = 2" in result.steps[0].latex
    assert result.steps[1].latex == r"\hat{\theta} = \max_i x_i = 2"


def test_uniform_mle_with_both_ends_unknown_takes_min_and_max(run):
    result = run(r"\operatorname{MLE}(\mathcal{U}(a, b), [0.5, 2, 1.5])")
    assert [step.title for step in result.steps[1:]] == [
        "The likelihood is increasing in a, so the MLE is the largest allowed a",
        "The likelihood is decreasing in b, so the MLE is the smallest allowed b"]
    assert result.steps[1].latex == r"\hat{a} = \min_i x_i = \frac{1}{2}"


ERRORS = [
    ((r"X \sim \mathcal{N}(0, 1)",), r"\mathcal{L}(\theta; [1, 2])", "several parameters"),
    ((), r"\mathcal{L}(\theta; [1, 2])", "no model for the likelihood"),
    ((r"X \sim \operatorname{Ber}(p)",), r"\mathcal{L}(p)", "write the data after the parameter"),
    ((POISSON[0],), r"F_X^{-1}(u)", "needs a numeric level u"),
    ((EXP3[0],), r"F_X^{-1}(2)", "strictly between 0 and 1"),
    ((), r"\operatorname*{arg\,max}_{\theta}", "write what to optimise"),
    ((), r"\operatorname{MLE}(\operatorname{Exp}(\lambda), [0, 0])", "no stationary point"),
    ((), r"\operatorname{MLE}(\mathcal{U}(1, \theta), [0.5, 2])", "data lie outside"),
    ((), r"\operatorname{MLE}(\mathcal{U}(a, b), [1, 1])", "width 0"),
    ((), r"\operatorname{MLE}(\mathcal{U}(0, 2 \theta), [1, 2])", "each unknown end as a symbol"),
    ((), r"\operatorname{MLE}(\mathcal{U}(0, \theta), [x_1, \ldots, x_n])",
     "needs concrete numeric data"),
]


@pytest.mark.parametrize("setup, query, message", ERRORS)
def test_errors_name_the_problem(ws, setup, query, message):
    for statement in setup:
        assert ws.run(statement).error is None
    result = ws.run(query)
    assert isinstance(result.error, symml.SymmlError) and message in result.error.message


def test_probability_chapters_are_registered_after_probability():
    from symml.evaluators import CHAPTERS

    assert CHAPTERS.index("probability") < CHAPTERS.index("moments") < CHAPTERS.index("cdfs")
