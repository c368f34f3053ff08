"""Ordinary notation read the ordinary way (NOTATION §1), with a note for every choice:
checks with `\\stackrel{?}{=}`, built-ins the user defines, multi-letter names, subscripted
events and random variables, θ(x) as a product, σ', constants as variables, ∫ 1/x."""
import pytest
import sympy as sp

import symml

x = sp.Symbol("x")
ISSUE = "a check, not an equation"


def results(*statements):
    ws = symml.Workspace()
    return [ws.run(s) for s in statements]


def last(*statements):
    *done, final = results(*statements)
    assert all(r.ok for r in done), [str(r.error) for r in done if not r.ok]
    return final


# --- \stackrel{?}{=} is always a check ------------------------------------------------------
CHECK_SPELLINGS = [r"\stackrel{?}{=}", r"\overset{?}{=}", r"\stackrel?=", r"\stackrel{?}=",
                   r"\overset { ? } { = }", "≟"]


@pytest.mark.parametrize("check", CHECK_SPELLINGS)
def test_question_equals_checks_a_defined_name(check):
    assert last("a = 3", f"a {check} 3").value is sp.true
    result = last("a = 3", f"a {check} 4")
    assert result.kind == "check" and result.value is sp.false
    assert last("a = 3", f"a {check} 4", "a").value == 3  # never a redefinition


@pytest.mark.parametrize("check", CHECK_SPELLINGS[:3])
@pytest.mark.parametrize("statements, expected", [
    ([r"(x+1)^2 {} x^2 + 2x + 1"], sp.true),
    ([r"f(x) = x^2", r"f(x) {} x \cdot x"], sp.true),
    ([r"A = \begin{{bmatrix}} 1 & 2 \\ 3 & 4 \end{{bmatrix}}", r"A {} A^\top"], sp.false),
    ([r"A = \begin{{bmatrix}} 1 & 2 \\ 2 & 4 \end{{bmatrix}}", r"A {} A^\top"], sp.true),
])
def test_question_equals_on_expressions_functions_and_matrices(check, statements, expected):
    result = last(*[s.format(check) for s in statements])
    assert result.kind == "check" and result.value == expected


@pytest.mark.parametrize("statement", [r"x^2 \stackrel{?}{=} 4", r"x \overset{?}{=} 3",
                                       r"f(x) \stackrel{?}{=} 0"])
def test_question_equals_with_unknowns_is_false_with_a_note_never_solved(statement):
    result = last("f(x) = x^2", statement)
    assert result.kind == "check" and result.value is sp.false
    assert result.notes and result.notes[0].startswith(ISSUE)


# --- built-ins the user defines --------------------------------------------------------------
@pytest.mark.parametrize("definition, probe, expected", [
    (r"\sigma(x) = \frac{1}{1+e^{-x}}", r"\sigma(0)", sp.Rational(1, 2)),
    (r"\sigma(z) = \frac{1}{1+\exp(-z)}", r"\sigma(\ln 3)", sp.Rational(3, 4)),
    (r"\sigma(x) = x^2", r"\sigma(3)", 9),
    (r"\operatorname{ReLU}(x) = \max(0, 2x)", r"\operatorname{ReLU}(3)", 6),
    (r"\operatorname{sigmoid}(t) = t + 1", r"\operatorname{sigmoid}(1)", 2),
])
def test_a_builtin_may_be_defined_with_a_note(definition, probe, expected):
    defined, value = results(definition, probe)
    assert defined.kind == "definition"
    assert len(defined.notes) == 1 and "replacing the built-in" in defined.notes[0]
    assert value.value == expected


@pytest.mark.parametrize("statement, expected", [
    (r"\sin(x) = 0", {0, sp.pi}),
    (r"\sin(x) = \cos(x)", {sp.pi / 4}),
    (r"\ln(x) = 2", {sp.exp(2)}),
    (r"\exp(x) = 1", {0}),
])
def test_classic_functions_equal_to_something_are_equations(statement, expected):
    result, probe = results(statement, r"\sin(\pi/2)")
    assert result.kind == "solution" and result.value == sp.FiniteSet(*expected)
    assert probe.value == 1  # sin was not redefined


def test_colon_equals_replaces_a_classic_function_with_a_note():
    defined, probe = results(r"\sin(x) := x", r"\sin(2)")
    assert defined.kind == "definition" and "replacing the built-in" in defined.notes[0]
    assert probe.value == 2


def test_a_builtin_equal_to_a_constant_is_solved():
    result = last(r"\sigma(x) = \frac{1}{2}")
    assert result.kind == "solution" and result.value == sp.FiniteSet(0)
    assert "solved as an equation" in result.notes[0]


@pytest.mark.parametrize("statement, expected", [
    (r"\sigma'(0)", sp.Rational(1, 4)), (r"\sigma''(0)", 0),
    (r"\sigma'(x)", sp.exp(-x) / (1 + sp.exp(-x)) ** 2),
    (r"\operatorname{sigmoid}'(0)", sp.Rational(1, 4)),
    (r"\operatorname{ReLU}'(2)", 1),
])
def test_prime_of_a_builtin(statement, expected):
    assert sp.simplify(last(statement).value - expected) == 0


def test_prime_of_a_user_defined_sigma_uses_the_definition():
    assert last(r"\sigma(x) = x^3", r"\sigma'(2)").value == 12


@pytest.mark.parametrize("statement, expected", [
    (r"\tanh'(0)", 1), (r"\tanh^{\prime}(0)", 1), (r"\tanh^\prime(0)", 1),
    (r"\tanh^{'}(0)", 1), (r"\operatorname{tanh}'(0)", 1), (r"\tanh'\left(0\right)", 1),
    (r"\sin'(\pi)", -1), (r"\sin'{\pi}", -1), (r"\sin'(x)", sp.cos(x)),
    (r"\cos''(0)", -1), (r"\cos^{''}(0)", -1), (r"\cos^{\prime\prime}(0)", -1),
    (r"\cos'^{\prime}(0)", -1), (r"\exp'(0)", 1), (r"\ln'(2)", sp.Rational(1, 2)),
    (r"\log'(4)", sp.Rational(1, 4)), (r"\arctan'(1)", sp.Rational(1, 2)),
    (r"2 \tanh'(0) + 1", 3),
])
def test_prime_of_a_builtin_command(statement, expected):
    assert last(statement).value == expected


def test_prime_of_a_builtin_command_writes_its_step():
    result = last(r"\tanh'(0)")
    assert result.latex == "1"
    assert result.steps[-1].latex == r"\tanh'\left(0\right) = 1"


@pytest.mark.parametrize("statement, where", [
    (r"\ln'(0)", r"\ln' is undefined at 0"), (r"\ln'(-1)", r"\ln' is undefined at -1"),
    (r"\tan'(\frac{\pi}{2})", r"\tan' is undefined at \frac{\pi}{2}"),
    (r"\operatorname{ReLU}'(0)", r"\operatorname{ReLU}' is undefined at 0"),
    (r"\operatorname{abs}'(0)", r"\operatorname{abs}' is undefined at 0"),
    (r"\sgn'(0)", "' is undefined at 0"), (r"\arcsin'(1)", "' is undefined at 1"),
])
def test_prime_of_a_builtin_where_it_has_no_derivative_is_refused(statement, where):
    error = symml.Workspace().run(statement).error
    assert isinstance(error, symml.DomainError) and where in error.message
    assert "has no derivative there" in error.message and error.span is not None


@pytest.mark.parametrize("statement, expected", [
    (r"\operatorname{ReLU}'(2)", 1), (r"\operatorname{abs}'(-2)", -1), (r"\tan'(0)", 1),
    (r"\arcsin'(0)", 1), (r"\sgn'(1)", 0),
])
def test_prime_of_a_builtin_beside_its_kinks_and_poles(statement, expected):
    assert last(statement).value == expected


@pytest.mark.parametrize("statement", [r"\max'(1)", r"\gcd'(4)", r"\operatorname{softmax}'(1)"])
def test_prime_of_a_builtin_of_several_arguments_is_refused(statement):
    error = symml.Workspace().run(statement).error
    assert isinstance(error, symml.SymmlError) and error.span is not None
    assert "is not read: a prime differentiates a function of one variable" in error.message


def test_prime_of_a_user_defined_sin_uses_the_definition():
    assert last(r"\sin(x) := x^3", r"\sin'(2)").value == 12


@pytest.mark.parametrize("statement, message", [
    (r"\sin' x", r"`\sin'` needs its argument in brackets"),
    (r"\sin'^2(x)", r"a power of `\sin'` is ambiguous"),
    (r"\sin^2'(x)", r"a prime after a power of `\sin` is not read"),
    (r"\sin^{-1}'(x)", r"a prime after a power of `\sin` is not read"),
    (r"\log_2'(8)", r"a prime after a subscript of `\log_2` is not read"),
])
def test_unclear_primes_of_a_builtin_command_are_refused(statement, message):
    error = symml.Workspace().run(statement).error
    assert isinstance(error, symml.ParseError) and message in error.message
    assert error.span is not None and error.span.start == 0


# --- multi-letter names ----------------------------------------------------------------------
@pytest.mark.parametrize("name", [r"\mathrm{lr}", r"\text{lr}", r"\operatorname{lr}",
                                  r"\mathit{lr}", r"\textrm{lr}"])
@pytest.mark.parametrize("use", [r"\mathrm{lr}", r"\text{lr}", r"\operatorname{lr}",
                                 r"\mathit{lr}"])
def test_font_spellings_are_one_multi_letter_name(name, use):
    defined, value = results(f"{name} = 0.1", f"2 {use}")
    assert defined.kind == "definition" and value.value == sp.Rational(1, 5)


@pytest.mark.parametrize("spelling", [r"\mathit{loss}", r"\mathrm{loss}", r"\text{loss}"])
def test_mathit_loss_is_one_name(spelling):
    assert last(f"{spelling} = 3", f"{spelling} + 1").value == 4
    assert last(f"{spelling}(w) = w^2", f"{spelling}(3)").value == 9


@pytest.mark.parametrize("statement, word", [
    ("lr = 0.1", "lr"), ("xy = 6", "xy"), (r"ab = \frac{1}{2}", "ab"), ("l r = 3", "lr"),
    (r"\mathbf{A}\mathbf{x} = 3", "Ax"),
])
def test_a_product_of_undefined_letters_defined_is_an_error(statement, word):
    result = symml.evaluate(statement)
    assert isinstance(result.error, symml.SymmlError)
    assert rf"\mathrm{{{word}}}" in result.error.message
    assert r"\cdot" in result.error.message and result.error.column == 1


@pytest.mark.parametrize("statements, expected", [
    (["a = 2", "ab = 6"], sp.FiniteSet(3)),               # a defined: an equation for b
    ([r"2xy = 1"], None), ([r"x y = x + 1"], None),       # not only letters / mentions them
    ([r"l \cdot r = 1"], None),                            # the explicit product is solved
])
def test_products_that_are_equations_stay_equations(statements, expected):
    result = last(*statements)
    assert result.kind == "solution"
    if expected is not None:
        assert result.value == expected


# --- subscripted events and random variables ----------------------------------------------
BAYES3 = ["P(H_1) = 0.5", "P(H_2) = 0.3", "P(H_3) = 0.2", r"P(D \mid H_1) = 0.2",
          r"P(D \mid H_2) = 0.6", r"P(D \mid H_3) = 0.1"]


@pytest.mark.parametrize("query, expected", [
    ("P(D)", sp.Rational(3, 10)),
    (r"P(H_1 \mid D)", sp.Rational(1, 3)), ("P(H_2|D)", sp.Rational(3, 5)),
    (r"P(H_{3} \mid D)", sp.Rational(1, 15)), (r"P(\neg D)", sp.Rational(7, 10)),
    (r"P(H_1 \mid \neg D)", sp.Rational(4, 7)),
])
def test_bayes_with_several_subscripted_hypotheses(query, expected):
    facts = results(*BAYES3)
    assert [r.kind for r in facts] == ["definition"] * 6
    result = last(*BAYES3, query)
    assert result.value == expected
    assert any("partition" in note for note in result.notes)


def test_subscripted_event_facts_are_facts_not_equations():
    result = last(r"P(A_1) = 0.25", r"P(\neg A_1)")
    assert result.value == sp.Rational(3, 4)


@pytest.mark.parametrize("declaration, query, expected", [
    (r"X_1 \sim \mathcal{N}(0,1)", "P(X_1 > 0)", sp.Rational(1, 2)),
    (r"X_{2} \sim \mathcal{N}(1, 4)", "E[X_2]", 1),
    (r"X_2 \sim \mathcal{N}(1, 4)", r"\operatorname{Var}(X_{2})", 4),
    (r"Z_1 \sim \operatorname{Bernoulli}(0.3)", "P(Z_1 = 1)", sp.Rational(3, 10)),
    (r"X_1 \sim \operatorname{DiscreteUniform}(1, 6)", "E[X_1]", sp.Rational(7, 2)),
])
def test_subscripted_random_variables(declaration, query, expected):
    declared, result = results(declaration, query)
    assert declared.kind == "declaration" and result.value == expected


# --- θ(x) of an undefined letter -------------------------------------------------------------
@pytest.mark.parametrize("statement, value", [
    (r"\frac{d\theta(x)}{dx}", sp.Symbol("theta")),
    (r"\theta(x)", sp.Symbol("theta") * x),
    (r"a(b + c)", sp.Symbol("a") * (sp.Symbol("b") + sp.Symbol("c"))),
    (r"\lambda(x^2)", sp.Symbol("lambda") * x**2),
])
def test_an_undefined_letter_before_brackets_is_a_product_with_a_note(statement, value):
    result = last(statement)
    assert sp.expand(result.value - value) == 0
    assert len(result.notes) == 1 and "is not a function" in result.notes[0]


@pytest.mark.parametrize("statements", [["f(x)"], ["g(2)"], ["h(x) = x", "h(2)"],
                                        [r"\theta(x) = x^2", r"\theta(3)"], ["a = 2", "a(3)"],
                                        ["2(x + 1)"]])
def test_applications_and_numbers_before_brackets_have_no_note(statements):
    assert last(*statements).notes == []


# --- constants are not variables; ∫ 1/x -----------------------------------------------------
@pytest.mark.parametrize("statement", [r"\lim_{\pi \to 3} \pi", r"\lim_{e \to 0} e^2",
                                       r"\frac{d}{d\pi} \pi^2", r"\int_0^1 x \, d\pi"])
def test_a_constant_as_a_variable_is_refused(statement):
    result = symml.evaluate(statement)
    assert isinstance(result.error, symml.SymmlError)
    assert "is a constant, not a variable" in result.error.message


@pytest.mark.parametrize("statement, arg", [
    (r"\int \frac{1}{x} dx", "x"), (r"\int \frac{1}{x}\,dx = \ln x", "x"),
    (r"\int \frac{dt}{t}", "t"), (r"\int \frac{3}{2x + 1} dx", "2 x + 1"),
])
def test_log_antiderivative_notes_its_domain(statement, arg):
    result = last(statement)
    assert any(f"{arg} > 0" in note and r"\ln\left|" in note for note in result.notes)


@pytest.mark.parametrize("statement", [r"\int \ln x \, dx", r"\int \frac{2x}{x^2 + 1} dx",
                                       r"\int_1^2 \frac{1}{x} dx", r"\int x^2 dx"])
def test_no_domain_note_where_none_is_needed(statement):
    assert last(statement).notes == []


# --- Jacobian of defined components ---------------------------------------------------------
@pytest.mark.parametrize("defs", [
    ["f_1(x, y) = x^2 y", "f_2(x, y) = 5x + \\sin y"],
    ["f_1 = x^2 y", "f_2 = 5x + \\sin y"],
    ["f_{1}(x, y) = x^2 y", "f_{2}(x, y) = 5x + \\sin y"],
])
@pytest.mark.parametrize("jacobian", [r"\frac{\partial (f_1, f_2)}{\partial (x, y)}",
                                      r"\frac{\partial(f_{1}, f_{2})}{\partial(x, y)}"])
def test_jacobian_of_defined_components(defs, jacobian):
    y = sp.Symbol("y")
    assert last(*defs, jacobian).value == sp.Matrix([[2 * x * y, x**2], [5, sp.cos(y)]])


# --- identities between entries with letter indices ------------------------------------------
A_SYMBOLIC = r"\mathbf{A} = \begin{bmatrix} A_{1,1} & A_{1,2} \\ A_{2,1} & A_{2,2} \end{bmatrix}"
A_23 = r"A = \begin{bmatrix} 1 & 2 & 3 \\ 4 & 5 & 6 \end{bmatrix}"
B_23 = r"B = \begin{bmatrix} 5 & 6 & 7 \\ 7 & 8 & 9 \end{bmatrix}"


@pytest.mark.parametrize("setup, statement", [
    ([A_SYMBOLIC], r"(\mathbf{A}^\top)_{i,j} = \mathbf{A}_{j,i}"),
    ([A_23], r"(A^\top)_{i,j} = A_{j,i}"),
    ([A_23, B_23, r"C = A \odot B"], r"C_{i,j} = A_{i,j} \times B_{i,j}"),
    ([A_23, B_23], r"(A + B)_{i,j} = A_{i,j} + B_{i,j}"),
    ([r"v = \begin{bmatrix} 1 \\ 2 \end{bmatrix}"], r"(2v)_i = 2 v_i"),
])
def test_entry_identities_with_letter_indices_are_checked_for_every_index(setup, statement):
    result = last(*setup, statement)
    assert result.kind == "check" and result.value is sp.true
    assert result.notes and result.notes[0].startswith("checked for every")


@pytest.mark.parametrize("setup, statement, case", [
    ([A_SYMBOLIC], r"(\mathbf{A}^\top)_{i,j} = \mathbf{A}_{i,j}", "i = 1, j = 2"),
    ([A_23], "A_{i,j} = 5", "i = 1, j = 1"),
    ([A_23, B_23], r"(A + B)_{i,j} = A_{i,j}", "i = 1, j = 1"),
])
def test_a_false_entry_identity_names_a_case(setup, statement, case):
    result = last(*setup, statement)
    assert result.kind == "check" and result.value is sp.false
    assert case in result.notes[0]


def test_entries_of_an_undefined_name_are_still_a_definition():
    result = last(A_23, r"C_{i,j} = A_{i,j} \times B_{i,j}")
    assert result.kind == "definition" and result.notes == []
