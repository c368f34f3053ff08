"""NOTATION §3 information measures: nats by default, bits with a subscript 2."""
import pytest
import sympy as sp

import symml

LOG2 = sp.log(2)
P = r"p = \begin{bmatrix} 0.5 \\ 0.25 \\ 0.25 \end{bmatrix}"
Q = r"q = \begin{bmatrix} 0.25 \\ 0.5 \\ 0.25 \end{bmatrix}"


def test_entropy_of_a_probability_vector_in_nats_and_bits(run):
    run(P)
    result = run("H(p)")
    assert result.value == sp.Rational(3, 2) * LOG2
    assert result.steps[0].title == r"Entropy H(p) = -\sum p \ln p (in nats)"
    assert run("H_2(p)").value == sp.Rational(3, 2)


def test_entropy_of_a_finite_random_variable(run):
    run(r"X \sim \{1: \frac{1}{2}, 2: \frac{1}{4}, 3: \frac{1}{4}\}")
    assert run("H(X)").value == sp.Rational(3, 2) * LOG2
    assert run("H_2(X)").value == sp.Rational(3, 2)


def test_fair_coin_has_one_bit(run):
    run(r"C \sim \operatorname{Bernoulli}(0.5)")
    assert run("H_2(C)").value == 1


def test_cross_entropy_and_kl(run):
    run(P, Q)
    assert run("H(p, q)").value == sp.Rational(7, 4) * LOG2
    assert run(r"D_{KL}(p \| q)").value == LOG2 / 4
    assert run(r"D_{\mathrm{KL}}(p \parallel q)").value == LOG2 / 4
    assert run(r"D_{KL,2}(p \| q)").value == sp.Rational(1, 4)
    assert run(r"H(p, q) = H(p) + D_{KL}(p \| q)").value == sp.true


def test_kl_of_two_normals_in_closed_form(run):
    result = run(r"D_{KL}(\mathcal{N}(0, 1) \| \mathcal{N}(1, 2))")
    assert result.value == LOG2 / 2
    assert result.steps[0].title.startswith("KL divergence of two normals")
    run(r"N \sim \mathcal{N}(0, 1)", r"M \sim \mathcal{N}(1, 4)")
    assert run(r"D_{KL}(N \| M)").value == LOG2 - sp.Rational(1, 4)


def test_joint_conditional_entropy_and_mutual_information(run):
    run(r"X \in \{0, 1\}", r"Y \in \{0, 1\}",
        r"(X, Y) \sim \begin{bmatrix} 0.25 & 0.25 \\ 0 & 0.5 \end{bmatrix}")
    assert run("H(X, Y)").value == sp.Rational(3, 2) * LOG2
    conditional = run(r"H(X \mid Y)")
    assert conditional.value == -LOG2 / 2 + sp.Rational(3, 4) * sp.log(3)
    assert conditional.steps[-1].title == r"Conditional entropy: H(X \mid Y) = H(X, Y) - H(Y)"
    assert run("I(X; Y)").value == sp.Rational(3, 2) * LOG2 - sp.Rational(3, 4) * sp.log(3)


def test_differential_entropy_of_a_normal(run):
    run(r"N \sim \mathcal{N}(0, 1)")
    assert sp.simplify(run("H(N)").value - sp.log(2 * sp.pi * sp.E) / 2) == 0


def test_a_vector_that_is_not_a_distribution_is_a_domain_error(ws):
    error = ws.run(r"H(\begin{bmatrix} 0.5 \\ 0.6 \end{bmatrix})").error
    assert isinstance(error, symml.DomainError) and "add up to 1" in error.message


JOINT = (r"X \in \{0, 1\}", r"Y \in \{0, 1\}",
         r"(X, Y) \sim \begin{bmatrix} 0.1 & 0.2 \\ 0.3 & 0.4 \end{bmatrix}")


def test_logarithms_are_written_over_primes(run):
    run(*JOINT)
    assert run("H(X)").value == (-sp.Rational(7, 10) * sp.log(7) - sp.Rational(3, 10) * sp.log(3)
                                 + LOG2 + sp.log(5))
    assert run(r"H_2(X \mid Y)").value == sp.Rational(2, 5) + 3 * sp.log(3) / (10 * LOG2)


def test_conditional_entropy_names_its_variables(run):
    run(*JOINT)
    result = run(r"H(Y \mid X)")
    assert result.value == sp.Rational(7, 10) * sp.log(7) - LOG2
    assert result.steps[-1].title == r"Conditional entropy: H(Y \mid X) = H(X, Y) - H(X)"


def test_mutual_information_in_bits(run):
    run(*JOINT)
    nats = run("I(X; Y)").value
    assert sp.simplify(run("I_2(X; Y)").value - nats / LOG2) == 0


@pytest.mark.parametrize("pair, value, title", [
    (r"\operatorname{Exp}(1) \| \operatorname{Exp}(2)", 1 - LOG2, "two exponentials"),
    (r"\operatorname{Poisson}(1) \| \operatorname{Poisson}(2)", 1 - LOG2,
     "two Poisson distributions"),
    (r"\operatorname{Bernoulli}(0.5) \| \operatorname{Bernoulli}(0.25)",
     LOG2 - sp.log(3) / 2, None),
])
def test_kl_of_one_family(run, pair, value, title):
    result = run(rf"D_{{KL}}({pair})")
    assert result.value == value
    if title:
        assert result.steps[0].title.startswith(f"KL divergence of {title}")
