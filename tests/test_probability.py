"""NOTATION §3: distributions, probabilities, events, expectations, estimation."""
import pytest
import sympy as sp

import symml

x, u, mu, sigma, n, p = sp.symbols("x u mu sigma n p")


def titles(result):
    return [step.title for step in result.steps]


@pytest.fixture
def normal(run):
    run(r"X \sim \mathcal{N}(0, 1)")
    return run


@pytest.mark.parametrize("spelling", [r"X \sim \mathcal{N}(0, 1)", "X ∼ 𝒩(0, 1)",
                                      r"X \sim \operatorname{Normal}(0, 1)"])
def test_declaration_is_a_declaration(run, spelling):
    result = run(spelling)
    assert result.kind == "declaration" and result.value is None
    assert result.latex == r"X \sim \mathcal{N}\left(0, 1\right)"


@pytest.mark.parametrize("spelling", [r"P(-1 < X \le 1)", r"\Pr(-1 < X \le 1)",
                                      r"\mathbb{P}(-1 < X \le 1)", "ℙ(-1 < X ≤ 1)"])
def test_range_probability_of_a_standard_normal(normal, spelling):
    result = normal(spelling)
    assert result.value == sp.erf(sp.sqrt(2) / 2)
    assert titles(result) == [r"Standard normal CDF: P\left(a < Z \le b\right) = "
                              r"\Phi\left(b\right) - \Phi\left(a\right)"]
    assert result.steps[0].line_latex[-1] == r"\Phi\left(1\right) - \Phi\left(-1\right)"


def test_second_argument_of_the_normal_is_the_variance(run):
    run(r"Y \sim \mathcal{N}(1, 4)")
    assert run(r"\operatorname{Var}(Y)").value == 4
    assert run(r"\operatorname{std}(Y)").value == 2
    assert run(r"\sigma_Y").value == 2


def test_conditional_probability_of_a_random_variable(normal):
    result = normal(r"P(X > 1 \mid X > 0)")
    assert sp.simplify(result.value - (1 - sp.erf(sp.sqrt(2) / 2))) == 0


def test_density_cdf_median_percentile(normal):
    assert normal("f_X(x)").value == sp.exp(-x**2 / 2) / sp.sqrt(2 * sp.pi)
    assert normal("F_X(0)").value == sp.Rational(1, 2)
    assert normal(r"\operatorname{median}(X)").value == 0
    assert normal(r"\operatorname{percentile}(X, 90)").value == sp.sqrt(2) * sp.erfinv(
        sp.Rational(4, 5))


def test_inverse_cdf_is_inverse_transform_sampling(run):
    run(r"T \sim \operatorname{Exp}(2)")
    result = run("F_T^{-1}(u)")
    assert sp.simplify(result.value - (-sp.log(1 - u) / 2)) == 0
    assert titles(result) == ["Inverse transform sampling: solve F(x) = u for x"]


def test_symbolic_parameters(run):
    run(r"h \sim \mathcal{N}(\mu, \sigma^2)")
    positive_sigma = sp.Symbol("sigma", positive=True)
    assert run("E[h]").value == mu
    assert run(r"\operatorname{Var}(h)").value == positive_sigma**2
    assert run(r"\sigma_h").value == positive_sigma
    assert run(r"P(h \le \mu)").value == sp.Rational(1, 2)
    assert run(r"\operatorname{Var}(h) = \sigma^2").value == sp.true


@pytest.mark.parametrize("declaration, mean, variance", [
    (r"\operatorname{Binomial}(n, p)", n * p, n * p * (1 - p)),
    (r"\operatorname{Binomial}(n, \frac{1}{3})", n / 3, 2 * n / 9),
    (r"\operatorname{Binomial}(n, 0.25)", n / 4, 3 * n / 16),
    (r"\operatorname{Binomial}(12, p)", 12 * p, 12 * p * (1 - p)),
    (r"\operatorname{Bernoulli}(p)", p, p * (1 - p)),
])
def test_moments_of_a_named_family_with_symbolic_parameters(run, declaration, mean, variance):
    run(r"X \sim " + declaration)
    for spelling in ("E[X]", r"\mathbb{E}[X]", "E(X)"):
        assert sp.expand(run(spelling).value - mean) == 0
    for spelling in (r"\operatorname{Var}(X)", r"\mathrm{Var}[X]"):
        assert sp.expand(run(spelling).value - variance) == 0
    for spelling in (r"\operatorname{std}(X)", r"\sigma_X"):
        assert sp.expand(run(spelling).value**2 - variance) == 0
    assert sp.expand(run("E[2X + 1]").value - (2 * mean + 1)) == 0
    assert sp.expand(run("E[X^2]").value - (variance + mean**2)) == 0
    assert sp.expand(run(r"E[X(X - 1)]").value - (variance + mean**2 - mean)) == 0
    assert sp.expand(run(r"\operatorname{Var}(3 - 2X)").value - 4 * variance) == 0


def test_binomial_moments_with_symbolic_n_are_worked_by_the_rules(run):
    run(r"X \sim \operatorname{Binomial}(n, p)")
    assert run("E[X]").latex == "n p"
    assert run(r"\operatorname{Var}(X)").latex == r"n p \left(1 - p\right)"
    assert run(r"\sigma_X").latex == r"\sqrt{n p \left(1 - p\right)}"
    result = run("E[2X + 1]")
    assert result.latex == "2 n p + 1"
    assert result.steps[-1].title == (r"Linearity of expectation: \mathbb{E}[2 X + 1] = "
                                      r"2 \mathbb{E}[X] + 1")
    result = run(r"E[X(X - 1)]")
    assert result.value == n * (n - 1) * p**2
    assert [step.title.split(":")[0] for step in result.steps] == [
        "Binomial mean by its rule", "Binomial variance by its rule", "Second moment",
        "Linearity of expectation"]
    assert run(r"\operatorname{Var}(2X)").steps[-1].latex == \
        r"\operatorname{Var}(2 X) = 4 n p \left(1 - p\right)"
    assert all(isinstance(getattr(line, "value", line), sp.Basic)  # records, not LaTeX strings
               for step in result.steps for line in step.lines)


def test_a_moment_with_no_rule_at_symbolic_n_is_the_exact_sum(run):
    run(r"X \sim \operatorname{Binomial}(n, p)")
    assert run("E[X^3]").value.has(sp.Sum)


@pytest.mark.parametrize("spelling, value", [
    (r"\mathcal{U}(0, 4)", 2), (r"\operatorname{Uniform}(0, 4)", 2),
    (r"\operatorname{Bernoulli}(0.3)", sp.Rational(3, 10)),
    (r"\operatorname{Ber}(0.3)", sp.Rational(3, 10)),
    (r"\operatorname{Binomial}(10, 0.5)", 5), (r"\operatorname{Poisson}(3)", 3),
    (r"\operatorname{Exp}(2)", sp.Rational(1, 2)),
    (r"\operatorname{DiscreteUniform}(1, 6)", sp.Rational(7, 2)),
    (r"\{1: \frac{1}{2}, 2: \frac{1}{4}, 3: \frac{1}{4}\}", sp.Rational(7, 4)),
])
def test_means_of_each_distribution(run, spelling, value):
    run(r"Z \sim " + spelling)
    assert run("E[Z]").value == value
    assert run(r"\mathbb{E}[Z]").value == value


def test_die_probabilities_and_expectation_steps(run):
    run(r"X \sim \operatorname{DiscreteUniform}(1, 6)")
    assert run("P(X = 3)").value == sp.Rational(1, 6)
    assert run(r"P(X \le 2)").value == sp.Rational(1, 3)
    result = run("E[X]")
    assert result.steps[0].latex.startswith(r"1 \cdot \frac{1}{6} + 2 \cdot \frac{1}{6}")


def test_the_guides_expectation_formula_is_a_true_check(run):
    run(r"X \sim \{1: \frac{1}{2}, 2: \frac{1}{4}, 3: \frac{1}{4}\}")
    assert run(r"E[X] = \sum_{x} xP(x)").value == sp.true
    assert run(r"\mathbb{E}[X^2]").value == sp.Rational(1, 2) + 1 + sp.Rational(9, 4)
    assert run(r"\operatorname{median}(X)").value == 1


def test_expectation_under_a_sampling_subscript(run):
    assert run(r"\mathbb{E}_{x \sim \mathcal{N}(0, 1)}[x^2]").value == 1


def test_cdf_formula_of_the_guide(normal):
    normal(r"a = -1", "b = 1")
    assert normal(r"P(a < X \le b) = F_X(b) - F_X(a)").value == sp.true


BAYES_FACTS = ("P(A) = 0.01", r"P(B \mid A) = 0.9", r"P(B \mid \neg A) = 0.05")


def test_facts_are_definitions(run):
    for fact in BAYES_FACTS:
        assert run(fact).kind == "definition"


@pytest.mark.parametrize("spelling", [r"P(A \mid B)", "P(A|B)"])
def test_bayes_theorem_with_named_rules(run, spelling):
    run(*BAYES_FACTS)
    result = run(spelling)
    assert result.value == sp.Rational(2, 13)
    assert titles(result) == ["Complement rule", "Law of total probability (the evidence)",
                              "Bayes' theorem: posterior = likelihood × prior / evidence"]
    assert result.steps[-1].latex.startswith(
        r"P(A \mid B) = \frac{P(B \mid A) P(A)}{P(B)}")


@pytest.mark.parametrize("query, value, rule", [
    ("P(B)", sp.Rational(117, 2000), "Law of total probability (the evidence)"),
    (r"P(A \cap B)", sp.Rational(9, 1000), "Product rule"),
    ("P(A, B)", sp.Rational(9, 1000), "Product rule"),
    (r"P(\neg A)", sp.Rational(99, 100), "Complement rule"),
    ("P(¬A)", sp.Rational(99, 100), "Complement rule"),
    ("P(A^c)", sp.Rational(99, 100), "Complement rule"),
    (r"P(\bar{A})", sp.Rational(99, 100), "Complement rule"),
    (r"P(A \cup B)", sp.Rational(119, 2000), "Addition rule"),
])
def test_event_queries(run, query, value, rule):
    run(*BAYES_FACTS)
    result = run(query)
    assert result.value == value and rule in titles(result)


def test_a_query_the_facts_cannot_answer_names_what_is_missing(ws):
    ws.run("P(A) = 0.3")
    error = ws.run(r"P(A \cap C)").error
    assert isinstance(error, symml.SymmlError)
    assert "do not determine P(A \\cap C)" in error.message and "P(C" in error.message


def test_chain_rule_for_three_events(run):
    run("P(A) = 0.5", r"P(B \mid A) = 0.4", r"P(C \mid A \cap B) = 0.25")
    result = run(r"P(A \cap B \cap C)")
    assert result.value == sp.Rational(1, 20)
    assert "Chain rule of probability" in titles(result)


def test_independence_as_fact_and_as_check(run):
    run("P(A) = 0.5", "P(B) = 0.2")
    assert run(r"A \perp B").kind == "declaration"
    assert run(r"P(A \cap B)").value == sp.Rational(1, 10)
    assert run(r"P(A \cap B) = P(A)P(B)").value == sp.true


def test_independence_check_when_the_joint_is_known(run):
    run("P(C) = 0.5", r"P(D \mid C) = 0.5", r"P(D \mid \neg C) = 0.5")
    result = run(r"C ⊥ D")
    assert result.kind == "check" and result.value == sp.true


def test_the_guides_conditional_probability_formula_is_a_check(run):
    run(*BAYES_FACTS)
    assert run(r"P(A|B) = \frac{P(A \cap B)}{P(B)}").value == sp.true
    bayes = (r"\underbrace{P(A|B)}_{\text{Posterior}} = \frac{ \underbrace{P(B|A)}"
             r"_{\text{Likelihood}} \;\;\;\cdot\;\;\; \underbrace{P(A)}_{\text{Prior}} }"
             r"{ \underbrace{P(B)}_{\text{Evidence}} }")
    assert run(bayes).value == sp.true


JOINT = (r"X \in \{0, 1\}", r"Y \in \{0, 1\}",
         r"(X, Y) \sim \begin{bmatrix} 0.1 & 0.2 \\ 0.3 & 0.4 \end{bmatrix}")


def test_joint_table_marginal_joint_and_conditional(run):
    run(*JOINT)
    marginal = run("P(X = 0)")
    assert marginal.value == sp.Rational(3, 10)
    assert titles(marginal) == ["Sum rule: add the cells of the joint table"]
    assert run("P(X = 0, Y = 1)").value == sp.Rational(1, 5)
    assert run(r"P(X = 0 \mid Y = 1)").value == sp.Rational(1, 3)
    assert run(r"\sum_{y} P(X = 0, Y = y)").value == sp.Rational(3, 10)
    assert run(r"\operatorname{Cov}(X, Y)").value == -sp.Rational(1, 50)
    assert run(r"X \perp Y").value == sp.false


def test_covariance_of_independent_variables(run):
    run(r"X \sim \mathcal{N}(0, 1)", r"Y \sim \mathcal{N}(0, 1)")
    assert run(r"\operatorname{Cov}(X, Y)").value == 0
    assert run(r"\operatorname{Cov}(X, X)").value == 1


def test_unspecified_sampling_is_a_declaration(run):
    assert run(r"x \sim P(x)").kind == "declaration"


@pytest.mark.parametrize("statement, words", [
    (r"\mathcal{N}(0, -1)", "variance of a normal distribution must be positive"),
    ("P(A) = 1.5", "must lie in [0, 1]"),
    (r"Z \sim \operatorname{Bernoulli}(2)", "must lie in [0, 1]"),
    (r"Z \sim \{1: 0.5, 2: 0.6\}", "must add up to 1"),
    (r"Z \sim \mathcal{U}(3, 1)", "a < b"),
])
def test_invalid_parameters_are_domain_errors(ws, statement, words):
    error = ws.run(statement).error
    assert isinstance(error, symml.DomainError) and words in error.message
    assert error.column >= 1


def test_conditioning_on_a_probability_zero_event_is_a_domain_error(ws):
    ws.run(r"X \sim \operatorname{DiscreteUniform}(1, 6)")
    error = ws.run(r"P(X = 1 \mid X = 7)").error
    assert isinstance(error, symml.DomainError) and "probability is 0" in error.message


@pytest.mark.parametrize("model, data, value", [
    (r"\operatorname{Bernoulli}(p)", "[1, 0, 1, 1]", sp.Rational(3, 4)),
    (r"\operatorname{Poisson}(\lambda)", "[2, 3, 4]", 3),
    (r"\mathcal{N}(\mu, 1)", "[1, 2, 3]", 2),
])
def test_mle_on_data_with_steps(run, model, data, value):
    result = run(rf"\operatorname{{MLE}}({model}, {data})")
    assert result.value == value
    assert [t.split(":")[0].split(" with")[0] for t in titles(result)] == [
        "Likelihood", "Log-likelihood", "Derivative", "Solve"]


def test_mle_of_mean_and_variance(run):
    result = run(r"\operatorname{MLE}(\mathcal{N}(\mu, \sigma^2), [1, 2, 3])")
    assert result.value == sp.Tuple(2, sp.Rational(2, 3))


def test_mle_on_symbolic_samples(run):
    xs = sp.IndexedBase("x")
    i, n = sp.Idx("i"), sp.Symbol("n")
    result = run(r"\operatorname{MLE}(\operatorname{Bernoulli}(p), [x_1, \ldots, x_n])")
    assert result.value == sp.Sum(xs[i], (i, 1, n)) / n


def test_estimate_is_remembered_as_theta_hat_mle(run):
    run(r"\operatorname{MLE}(\operatorname{Bernoulli}(p), [1, 0, 1, 1])")
    assert run(r"\hat{p}_{\text{MLE}}").value == sp.Rational(3, 4)


def test_likelihood_and_arg_max(run):
    run(r"X \sim \operatorname{Bernoulli}(\theta)", r"\mathbf{x} = [1, 0, 1, 1]")
    theta = sp.Symbol("theta")
    assert run(r"\mathcal{L}(\theta; \mathbf{x})").value == theta**3 * (1 - theta)
    assert run(r"\operatorname*{arg\,max}_{\theta} \mathcal{L}(\theta; \mathbf{x})").value \
        == sp.Rational(3, 4)


def test_ks_two_sample_and_one_sample(run):
    two = run(r"\operatorname{KS}([1, 2, 3], [2, 3, 4])")
    assert two.value[0] == sp.Rational(1, 3)
    assert abs(float(two.value[1]) - 0.976) < 0.01
    one = run(r"\operatorname{KS}([0.1, 0.5, 0.9], \mathcal{N}(0,1))")
    assert one.value[0] == sp.erf(sp.sqrt(2) / 20) / 2 + sp.Rational(1, 2)
    assert 0 < float(one.value[1]) < 1


def test_cdf_of_a_symbolic_point_and_the_guides_range_formula(normal):
    result = normal(r"P(X \le x)")
    assert result.value == sp.erf(sp.sqrt(2) * x / 2) / 2 + sp.Rational(1, 2)
    assert titles(result) == [r"Standard normal CDF: P\left(Z \le z\right) = \Phi\left(z\right)"]
    assert result.latex == r"\Phi\left(x\right)"
    assert normal(r"F(x) = P(X \le x)").kind == "definition"
    assert normal(r"P(a < X \le b) = F(b) - F(a)").value == sp.true


def test_empty_range_and_conditional_range(normal):
    assert normal(r"P(X > 2, X < 1)").value == 0
    result = normal(r"P(X > 1 \mid X > 0)")
    assert result.value == 1 - sp.erf(sp.sqrt(2) / 2)
    assert titles(result)[-1] == r"Conditional probability: P(A \mid B) = \frac{P(A \cap B)}{P(B)}"


def test_expectation_of_a_function_is_simplified_once(normal):
    assert normal(r"\mathbb{E}[e^X]").value == sp.exp(sp.Rational(1, 2))
    assert normal(r"E[X \mid X > 0]").value == sp.sqrt(2) / sp.sqrt(sp.pi)


def test_expectation_under_a_defined_function(run):
    run("g(x) = x^2")
    assert run(r"\mathbb{E}_{x \sim \mathcal{N}(1, 1)}[g(x)]").value == 2


def test_median_and_percentile_of_a_poisson_variable(run):
    run(r"N \sim \operatorname{Poisson}(3)")
    median = run(r"\operatorname{median}(N)")
    assert median.value == 3
    assert median.steps[0].latex.startswith(r"F(3) = \frac{13}{e^{3}}")
    assert run(r"\operatorname{percentile}(N, 90)").value == 5
    assert run("P(N = 3)").value == sp.Rational(9, 2) * sp.exp(-3)


def test_inverse_cdf_of_a_normal(normal):
    assert normal("F_X^{-1}(u)").value == sp.sqrt(2) * sp.erfinv(2 * u - 1)
    assert normal("F_X^{-1}(0.5)").value == 0


def test_joint_table_keeps_the_dependence_in_expectations(run):
    run(*JOINT)
    product = run("E[XY]")
    assert product.value == sp.Rational(2, 5)
    assert product.steps[0].latex.startswith(r"0 \cdot 0 \cdot \frac{1}{10} + 0 \cdot 1 \cdot \frac{1}{5}")
    assert run(r"E[X \mid Y = 1]").value == sp.Rational(2, 3)
    assert run(r"\operatorname{Var}(X + Y)").value == sp.Rational(41, 100)
    assert run("P(X + Y = 1)").value == sp.Rational(1, 2)


def test_probability_of_a_variable_is_its_table(run):
    run(*JOINT)
    assert run("P(X)").value == sp.ImmutableMatrix([sp.Rational(3, 10), sp.Rational(7, 10)])
    assert run("P(X, Y)").latex == (r"\begin{bmatrix}\frac{1}{10} & \frac{1}{5}\\"
                                    r"\frac{3}{10} & \frac{2}{5}\end{bmatrix}")
    assert run(r"P(X \mid Y = 1)").value == sp.ImmutableMatrix([sp.Rational(1, 3),
                                                                 sp.Rational(2, 3)])


def test_the_guides_sum_rule_is_a_true_check(run):
    run(r"(A, B) \sim \begin{bmatrix} 0.1 & 0.2 \\ 0.3 & 0.4 \end{bmatrix}")
    result = run(r"P(A) = \sum_{b} P(A, B=b)")
    assert result.kind == "check" and result.value == sp.true
    assert titles(result)[-1] == "Sum over the values of B"


def test_cov_of_one_variable_is_its_variance_and_a_data_matrix_is_linear_algebra(run):
    run(r"N \sim \operatorname{Poisson}(3)")
    assert run(r"\operatorname{Cov}(N)").value == 3
    data = run(r"\operatorname{Cov}(\begin{bmatrix} 1 & 2 \\ 3 & 5 \\ 4 & 4 \end{bmatrix})")
    assert data.value == sp.ImmutableMatrix([[sp.Rational(7, 3), sp.Rational(11, 6)],
                                             [sp.Rational(11, 6), sp.Rational(7, 3)]])


def test_definitions_of_facts_show_no_attempted_rules(ws):
    results = [ws.run(fact) for fact in BAYES_FACTS]
    assert all(result.steps == [] and result.kind == "definition" for result in results)


def test_bayes_with_a_complemented_condition(run):
    run(*BAYES_FACTS)
    result = run(r"P(A \mid \neg B)")
    assert result.value == sp.Rational(2, 1883)
    assert titles(result) == ["Complement rule", "Law of total probability (the evidence)",
                              "Complement rule", "Complement rule",
                              "Bayes' theorem: posterior = likelihood × prior / evidence"]


def test_a_derivable_fact_is_a_check_showing_both_values(run):
    run(*BAYES_FACTS)
    result = run("P(A) = 0.02")
    assert result.kind == "check" and result.value == sp.false
    assert result.steps[-1].latex == r"P(A) = \frac{1}{100} \neq \frac{1}{50}"


def test_product_of_unknown_marginals_declares_independence(run):
    declared = run(r"P(A \cap B) = P(A)P(B)")
    assert declared.kind == "declaration" and declared.latex == r"A \perp B"
    run("P(A) = 0.3", "P(B) = 0.5")
    result = run(r"P(A \cap B)")
    assert result.value == sp.Rational(3, 20)
    assert titles(result) == ["Independence: the joint probability is the product"]


def test_conditioning_on_a_zero_event_names_it_with_a_span(ws):
    ws.run("P(A) = 0")
    error = ws.run(r"P(B \mid A)").error
    assert isinstance(error, symml.DomainError)
    assert error.message == "cannot condition on A: its probability is 0"
    assert error.column == 1


def test_continuous_conditioning_on_a_zero_event(ws):
    ws.run(r"X \sim \mathcal{N}(0, 1)")
    error = ws.run(r"P(X > 0 \mid X = 1)").error
    assert isinstance(error, symml.DomainError) and "probability is 0" in error.message


@pytest.mark.parametrize("spelling", ["𝔼[X]", r"\mathbb{E}[X]", "E[X]"])
def test_unicode_expectation(run, spelling):
    run("X ∼ 𝒩(μ,σ²)")
    assert run(spelling).value == mu


@pytest.mark.parametrize("declaration, mean, variance", [
    (r"X \sim \operatorname{Bin}(10, 0.3)", sp.Integer(3), sp.Rational(21, 10)),
    (r"X \sim \text{Bin}(4, \frac{1}{2})", sp.Integer(2), sp.Integer(1)),
    (r"X \sim \operatorname{Pois}(3)", sp.Integer(3), sp.Integer(3)),
    (r"X \sim \mathrm{Exponential}(2)", sp.Rational(1, 2), sp.Rational(1, 4)),
    (r"X \sim \operatorname{Unif}(0, 4)", sp.Integer(2), sp.Rational(4, 3)),
])
def test_textbook_short_names_of_the_families(ws, declaration, mean, variance):
    """Bin, Pois, Unif and Exponential are the families the guide names in full."""
    ws.run(declaration)
    assert ws.run("E[X]").value == mean
    assert ws.run(r"\operatorname{Var}(X)").value == variance
