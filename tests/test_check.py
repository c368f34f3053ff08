"""`symml.check`: exact verdicts for each kind of answer (NOTATION §6)."""
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import symml

SIZES = [r"\mathbf{X} \in \mathbb{R}^{n \times d}", r"\mathbf{w} \in \mathbb{R}^{d}",
         r"\mathbf{y} \in \mathbb{R}^{n}"]
SQUARE = [r"\mathbf{A} \in \mathbb{R}^{n \times n}", r"\mathbf{B} \in \mathbb{R}^{n \times n}",
          r"\mathbf{x} \in \mathbb{R}^{n}"]
BAYES = ["P(D) = 0.01", r"P(T \mid D) = 0.9", r"P(T \mid \neg D) = 0.05"]


def verdict(reference, answer, *given, **options):
    return symml.check(reference, answer, given, **options)


# --- scalars and assumptions ---------------------------------------------------------------
@pytest.mark.parametrize("reference, answer", [
    ("(x+1)^2", "x^2 + 2x + 1"),
    (r"\frac{x^2 - 1}{x - 1}", "x + 1"),
    (r"\sin^2 x + \cos^2 x", "1"),
    (r"\frac{1}{2}", "0.5"),
    (r"\frac{d}{dx} x^3", "3x^2"),
    (r"e^{\ln 2}", "2"),
    (r"\sqrt{8}", r"2\sqrt{2}"),
])
def test_equal_scalars(reference, answer):
    result = verdict(reference, answer)
    assert result.equal is True, result.reason
    assert result.counterexample is None


def test_a_wrong_polynomial_comes_with_a_counterexample():
    result = verdict("(x+1)^2", "x^2 + x + 1")
    assert result.equal is False
    (name, value), = result.counterexample.items()
    assert name == "x"
    import sympy
    x = sympy.Rational(*map(int, value.strip("\\frac{}").split("}{"))) if "frac" in value \
        else sympy.Integer(value)
    assert (x + 1) ** 2 != x ** 2 + x + 1


@pytest.mark.parametrize("given", [("a > 0", "b > 0"), ("a, b > 0",), ("0 < a", "b > 0")])
def test_log_of_a_product_splits_only_for_positive_arguments(given):
    assert verdict(r"\ln(ab)", r"\ln a + \ln b", *given).equal is True


def test_log_of_a_product_without_assumptions_is_not_equal():
    result = verdict(r"\ln(ab)", r"\ln a + \ln b")
    assert result.equal is False
    assert set(result.counterexample) == {"a", "b"}


def test_a_declared_real_makes_the_square_root_of_a_square_an_absolute_value():
    assert verdict(r"\sqrt{x^2}", "|x|", r"x \in \mathbb{R}").equal is True
    assert verdict(r"\sqrt{x^2}", "x", "x > 0").equal is True
    assert verdict(r"\sqrt{x^2}", "x", r"x \in \mathbb{R}").equal is False
    unrestricted = verdict(r"\sqrt{x^2}", "|x|")  # x may be complex: x = i differs
    assert unrestricted.equal is False and "i" in unrestricted.counterexample["x"]


def test_counterexamples_respect_the_bounds():
    result = verdict(r"\sqrt{x^2}", "x", "x < 0")
    assert result.equal is False
    assert result.counterexample["x"].startswith("-")
    assert verdict(r"\sqrt{x^2}", "-x", "x < 0").equal is True


def test_a_definition_given_before_an_assumption_uses_the_assumed_symbol():
    assert verdict(r"f(2)", r"\ln 2 + \ln a", r"f(x) = \ln(a x)", "a > 0").equal is True


# --- decimals and tolerance ---------------------------------------------------------------
def test_a_decimal_is_the_exact_rational_it_writes():
    result = verdict(r"\frac{1}{3}", "0.333")
    assert result.equal is False
    assert result.reason == r"the answer is \frac{333}{1000}, but the reference is \frac{1}{3}"
    assert verdict(r"\pi", "3.14159").equal is False
    assert verdict(r"\frac{3}{8}", "0.375").equal is True


def test_tolerance_compares_numerically():
    assert verdict(r"\frac{1}{3}", "0.333", tolerance=1e-3).equal is True
    assert verdict(r"\frac{1}{3}", "0.333", tolerance=1e-6).equal is False
    assert verdict(r"\sqrt{2}", "1.41421356", tolerance=1e-6).equal is True


# --- matrices ------------------------------------------------------------------------------
M = r"\begin{bmatrix} 1 & 2 \\ 3 & 4 \end{bmatrix}"


def test_matrices_entrywise():
    assert verdict(f"{M}^{{-1}}", r"\frac{1}{2}\begin{bmatrix} -4 & 2 \\ 3 & -1 \end{bmatrix}"
                   ).equal is True
    assert verdict(M, "[[1, 2], [3, 4]]").equal is True
    wrong = verdict(f"{M}^\\top", M)
    assert wrong.equal is False and wrong.reason.startswith("entry (1, 2) differs")


def test_matrix_shapes_must_agree():
    result = verdict("[1, 2]", r"\begin{bmatrix} 1 & 2 \end{bmatrix}")
    assert result.equal is False
    assert "2-vector (column)" in result.reason and "2-vector (row)" in result.reason


def test_symbolic_entries_of_a_matrix():
    assert verdict(r"\begin{bmatrix} (a+b)^2 \\ 1 \end{bmatrix}",
                   r"\begin{bmatrix} a^2 + 2ab + b^2 \\ 1 \end{bmatrix}").equal is True


# --- matrix expressions of symbolic size ---------------------------------------------------
def test_least_squares_gradient_in_two_forms():
    result = verdict(r"2\mathbf{X}^\top\mathbf{X}\mathbf{w} - 2\mathbf{X}^\top\mathbf{y}",
                     r"2\mathbf{X}^\top(\mathbf{X}\mathbf{w}-\mathbf{y})", *SIZES)
    assert result.equal is True


def test_a_wrong_matrix_expression_has_sizes_and_matrices_as_counterexample():
    result = verdict(r"2\mathbf{X}^\top\mathbf{X}\mathbf{w} - 2\mathbf{X}^\top\mathbf{y}",
                     r"2\mathbf{X}^\top(\mathbf{X}\mathbf{w}-2\mathbf{y})", *SIZES)
    assert result.equal is False
    assert {"n", "d", r"\mathbf{X}", r"\mathbf{w}", r"\mathbf{y}"} <= set(result.counterexample)
    assert result.counterexample[r"\mathbf{X}"].startswith(r"\begin{bmatrix}")


@pytest.mark.parametrize("reference, answer, equal", [
    (r"(\mathbf{A}\mathbf{B})^\top", r"\mathbf{B}^\top\mathbf{A}^\top", True),
    (r"(\mathbf{A}\mathbf{B})^\top", r"\mathbf{A}^\top\mathbf{B}^\top", False),
    (r"(\mathbf{A} + \mathbf{B})(\mathbf{A} + \mathbf{B})",
     r"\mathbf{A}\mathbf{A} + \mathbf{A}\mathbf{B} + \mathbf{B}\mathbf{A} + \mathbf{B}\mathbf{B}",
     True),
    (r"(\mathbf{A} + \mathbf{B})^2", r"\mathbf{A}^2 + 2\mathbf{A}\mathbf{B} + \mathbf{B}^2", False),
    (r"\mathbf{A}\mathbf{x} + \mathbf{A}^\top\mathbf{x}", r"(\mathbf{A} + \mathbf{A}^\top)\mathbf{x}",
     True),
    (r"\operatorname{tr}(\mathbf{A}\mathbf{B})", r"\operatorname{tr}(\mathbf{B}\mathbf{A})", True),
    (r"\operatorname{tr}(\mathbf{A}^\top)", r"\operatorname{tr}(\mathbf{A})", True),
    (r"\operatorname{tr}(\mathbf{A}\mathbf{B})", r"\operatorname{tr}(\mathbf{A})", False),
    (r"-2\mathbf{A}^\top", r"0\mathbf{A}^\top", False),  # the zero matrix, made explicit
    (r"\mathbf{A} - \mathbf{A}", r"0\mathbf{B}", True),
])
def test_square_matrix_identities(reference, answer, equal):
    assert verdict(reference, answer, *SQUARE).equal is equal


# --- sets, solution sets, intervals, equations, tuples -----------------------------------------
@pytest.mark.parametrize("reference, answer, equal", [
    ("x^2 = 4", r"x = \pm 2", True),
    ("x^2 = 4", r"x \in \{2, -2\}", True),
    ("x^2 = 4", "x = 2", False),
    ("x^2 - 2x - 1 = 0", r"x = 1 \pm \sqrt{2}", True),
    ("2x + 3 = 7", "x = 2", True),
    ("2x + 3 = 7", "2", True),
    ("x^2 = 4", "2", False),
])
def test_solution_sets(reference, answer, equal):
    assert verdict(reference, answer).equal is equal


@pytest.mark.parametrize("answer, equal", [
    (r"\lambda = \frac{5 \pm \sqrt{33}}{2}", True),
    (r"\lambda = \frac{5}{2} \pm \frac{\sqrt{33}}{2}", True),
    (r"\lambda \in \{\frac{5 + \sqrt{33}}{2}, \frac{5 - \sqrt{33}}{2}\}", True),
    (r"\lambda = \frac{5 \pm \sqrt{17}}{2}", False),
])
def test_plus_minus_inside_an_expression(answer, equal):
    assert verdict(r"\lambda^2 - 5\lambda - 2 = 0", answer).equal is equal


def test_the_quadratic_formula_solves_the_general_quadratic():
    right = verdict("a x^2 + b x + c = 0", r"x = \frac{-b \pm \sqrt{b^2 - 4ac}}{2a}")
    assert right.equal is True
    assert right.reason == "every solution of each is in the other (both solved for x)"
    wrong = verdict("a x^2 + b x + c = 0", r"x = \frac{-b \pm \sqrt{b^2 - 2ac}}{2a}")
    assert wrong.equal is False and set(wrong.counterexample) == {"a", "b", "c"}


def test_symbolic_solution_sets_differ_only_where_the_sets_differ():
    # {√(a²), −√(a²)} is {a, −a} for every a, though no element equals one of the other
    assert verdict("x^2 = a^2", r"x = \pm\sqrt{a^2}").equal is None
    assert verdict("x^2 = a^2", r"x = \pm a").equal is True
    wrong = verdict("x^2 = a^2", r"x = \pm 2a")
    assert wrong.equal is False and set(wrong.counterexample) == {"a"}


def test_eigenvalue_tables():
    def eigvals(entries):
        return rf"\operatorname{{eigvals}}(\begin{{bmatrix}} {entries} \end{{bmatrix}})"
    assert verdict(eigvals(r"2 & 0 \\ 0 & 3"), eigvals(r"3 & 0 \\ 0 & 2")).equal is True
    result = verdict(eigvals(r"2 & 0 \\ 0 & 3"), eigvals(r"3 & 0 \\ 0 & 3"))
    assert result.equal is False and result.reason == "the pair 2: 1 of the reference is not in the answer"


def test_a_missing_solution_is_named():
    result = verdict("x^2 = 4", "x = 2")
    assert result.reason == "the element -2 of the reference is not in the answer"


def test_sets_ignore_order_and_tuples_do_not():
    assert verdict(r"\{1, 2, 3\}", r"\{3, 1, 2\}").equal is True
    assert verdict(r"\{1, 2, 3\}", r"\{1, 2\}").equal is False
    assert verdict("(1, 2)", "(1, 2)").equal is True
    assert verdict("(1, 2)", "(2, 1)").equal is False
    assert verdict("(1, 2)", "(1, 2, 3)").reason == "the reference has 2 entries, the answer 3"


def test_intervals_with_their_ends():
    assert verdict(r"0 < x \le 1", r"1 \ge x > 0").equal is True
    open_end = verdict("x > 2", r"x \ge 2")
    assert open_end.equal is False
    assert open_end.counterexample == {"x": "2"}
    assert verdict(r"x^2 < 1", r"-1 < x < 1").equal is True
    assert verdict("(0, 1]", r"0 < x \le 1").equal is True
    closed_end = verdict("[0, 1)", r"0 < x \le 1")
    assert closed_end.equal is False
    assert closed_end.reason == "0 is in the reference but not in the answer"
    assert verdict(r"[0, \infty)", r"x \ge 0").equal is True
    assert verdict("(0, 1]", "(0, 1)").equal is False  # the pair read as the open interval


def test_equations_with_the_same_solutions():
    assert verdict("y = 2x + 1", "2x - y + 1 = 0").equal is True
    assert verdict("y = 2x + 1", "4x - 2y + 2 = 0").equal is True
    assert verdict("y = 2x + 1", "y = 2x - 1").equal is False


# --- probabilities -------------------------------------------------------------------------
def test_probabilities_after_the_given_facts():
    assert verdict(r"P(D \mid T)", r"\frac{2}{13}", *BAYES).equal is True
    assert verdict("P(T)", "0.0585", *BAYES).equal is True
    assert verdict(r"P(D \mid T)", "0.154", *BAYES).equal is False


def test_expectations_and_variances():
    die = r"X \sim \operatorname{DiscreteUniform}(1, 6)"
    assert verdict("E[X]", r"\frac{7}{2}", die).equal is True
    assert verdict(r"\operatorname{Var}(X)", r"\frac{35}{12}", die).equal is True
    assert verdict(r"\operatorname{Var}(X)", r"\frac{35}{6}", die).equal is False


# --- undecided and errors -------------------------------------------------------------------
def test_agreement_at_random_points_alone_is_undecided():
    result = verdict(r"\arctan x + \arctan(\frac{1}{x})", r"\frac{\pi}{2}", "x > 0")
    assert result.equal is None and result.error is None
    assert result.reason == ("equal at 12 random points, but no symbolic step shows that "
                             "they are equal everywhere")
    # without x > 0 a negative x is a counterexample
    assert verdict(r"\arctan x + \arctan(\frac{1}{x})", r"\frac{\pi}{2}").equal is False


def test_constants_proved_equal_by_their_minimal_polynomial():
    result = verdict(r"\cos(\frac{\pi}{7}) - \cos(\frac{2\pi}{7}) + \cos(\frac{3 \pi}{7})",
                     r"\frac{1}{2}")
    assert result.equal is True


def test_errors_are_undecided_with_the_error():
    result = verdict("x", r"\frac{")
    assert result.equal is None
    assert result.error.kind == "ParseError"
    assert result.reason.startswith("the answer cannot be evaluated")
    assert result.to_json()["error"]["type"] == "ParseError"
    bad_given = verdict("x", "x", r"\frac{")
    assert bad_given.equal is None and bad_given.reason.startswith("a given statement")
    reference = verdict(r"\operatorname{foo}(x)", "x")
    assert reference.equal is None and reference.error.kind == "UndefinedNameError"


def test_kinds_that_differ_are_not_equal():
    result = verdict(r"\{1, 2\}", "(1, 2)")
    assert result.equal is False
    assert result.reason == "the reference is a set, the answer a tuple of 2"


def test_the_verdict_json_has_the_contract_fields():
    data = verdict("x + x", "2x").to_json()
    assert data == {"equal": True, "reason": data["reason"], "counterexample": None,
                    "reference": "x + x", "answer": "2x", "error": None}


# --- a wrong answer is never called equal ---------------------------------------------------
TERMS = st.lists(st.tuples(st.integers(-3, 3), st.integers(0, 3), st.integers(0, 2)),
                 min_size=1, max_size=4)


def _latex(terms):
    return " + ".join(f"({c}) x^{{{i}}} y^{{{j}}}" for c, i, j in terms) or "0"


def _value(terms):
    import sympy
    x, y = sympy.symbols("x y")
    return sympy.expand(sum(c * x ** i * y ** j for c, i, j in terms))


@settings(max_examples=40, deadline=None)
@given(TERMS, TERMS, st.sampled_from(["", r"\sin", r"\ln", r"\sqrt", "e^"]))
def test_a_wrong_answer_is_never_called_equal(left, right, wrap):
    """Random expressions that differ (checked independently) are never called equal."""
    def wrapped(terms):
        body = _latex(terms)
        return {"": body, "e^": f"e^{{{body}}}"}.get(wrap, f"{wrap}{{({body})}}" if wrap
                                                     != r"\sqrt" else rf"\sqrt{{{body}}}")
    result = symml.check(wrapped(left), wrapped(right))
    if _value(left) != _value(right) and wrap in ("", "e^", r"\sin"):
        assert result.equal is not True
    if _value(left) != _value(right) and result.equal is True:
        pytest.fail(f"{wrapped(left)} called equal to {wrapped(right)}")
    if _value(left) == _value(right):
        assert result.equal is True


LETTERS = {"A": r"\mathbf{A}", "B": r"\mathbf{B}", "At": r"\mathbf{A}^\top"}
WORDS = st.lists(st.tuples(st.integers(-2, 2), st.lists(st.sampled_from(sorted(LETTERS)),
                                                        min_size=1, max_size=3)),
                 min_size=1, max_size=3)


def _matrix_latex(terms):
    return " + ".join(f"({c})" + "".join(LETTERS[letter] for letter in word)
                      for c, word in terms)


def _at_random_matrices(terms, seed):
    import random

    import sympy
    rng = random.Random(seed)
    a = sympy.Matrix(3, 3, lambda i, j: rng.randint(-3, 3))
    b = sympy.Matrix(3, 3, lambda i, j: rng.randint(-3, 3))
    values = {"A": a, "B": b, "At": a.T}
    total = sympy.zeros(3, 3)
    for c, word in terms:
        product = sympy.eye(3)
        for letter in word:
            product = product * values[letter]
        total += c * product
    return total


@settings(max_examples=25, deadline=None)
@given(WORDS, WORDS)
def test_a_wrong_matrix_expression_is_never_called_equal(left, right):
    """Checked independently on random 3×3 matrices: where the two differ, never equal."""
    differ = any(_at_random_matrices(left, seed) != _at_random_matrices(right, seed)
                 for seed in range(3))
    result = symml.check(_matrix_latex(left), _matrix_latex(right), SQUARE[:2])
    if differ:
        assert result.equal is not True, (_matrix_latex(left), _matrix_latex(right))
