r"""Issue 15: the rest of standard LaTeX notation, each group in several spellings with its
value, the three bad inputs refused with a position, and the reading rates of two corpora
(SymPy's LaTeX test formulas and a deep-learning textbook's formulas, tests/corpora)."""
import pytest
import sympy as sp

import symml
from symml import ParseError, SymmlError


def value(*statements):
    """The value of the last statement, run after the others in one workspace."""
    ws = symml.Workspace(steps=False)
    for statement in statements:
        result = ws.run(statement)
        assert result.error is None, f"{statement!r}: {result.error}"
    return result.value


def refused(text, error=SymmlError):
    result = symml.Workspace(steps=False).run(text)
    assert isinstance(result.error, error), f"{text!r} gave {result.value}"
    return result.error


x, y, n = sp.symbols("x y n")


@pytest.mark.parametrize("text, expected", [
    (r"\lfloor 3.7 \rfloor", 3),
    (r"\left\lfloor -\frac{1}{2} \right\rfloor", -1),
    (r"\lceil 3.2 \rceil", 4),
    (r"\left\lceil \frac{7}{2} \right\rceil", 4),
    (r"\lfloor \lceil 2.5 \rceil / 2 \rfloor", 1),           # nested
    (r"2^{\lfloor \frac{5}{2} \rfloor}", 4),                  # in an exponent
    (r"\log_2 \lfloor 8.5 \rfloor", 3),
    (r"\gcd(12, 18)", 6),
    (r"\gcd(12, 18, 8)", 2),
    (r"\operatorname{lcm}(4, 6)", 12),
    (r"\operatorname{gcd}(7, 3) + \operatorname{lcm}(2, 3)", 7),
    (r"17 \bmod 5", 2),
    (r"17 \mod 5", 2),
    (r"-7 \bmod 3", 2),
    (r"\mleft( 1 + 2 \mright)^2", 9),
    (r"\mleft| -2 \mright| \cdot 3", 6),
    (r"x^\frac{1}{2}", sp.sqrt(x)),
    (r"x^\binom{4}{2}", x ** 6),
    (r"2^\sqrt{4}", 4),
    (r"e^\pi", sp.exp(sp.pi)),
    (r"\arcsinh(0) + \arccosh(1) + \arctanh(0)", 0),
    (r"\operatorname{arsinh}(x)", sp.asinh(x)),
    (r"\operatorname{arcosh} x", sp.acosh(x)),
    (r"\operatorname{artanh}(x)", sp.atanh(x)),
    (r"\tbinom{5}{2}", 10),
    (r"\dbinom{4}{2} + \binom{3}{1}", 9),
    (r"|{-2}||3|", 6),
    (r"|x||y| - |x| |y|", 0),
    (r"\operatorname{sgn}(-3)", -1),
    (r"\operatorname{sgn}(2) + \operatorname{sgn}(0)", 1),
    (r"\imaginaryunit^2", -1),
    (r"\overline{3 + 4\imaginaryunit}", 3 - 4 * sp.I),
    (r"\overline{\imaginaryunit}", -sp.I),
    (r"\emptyset", sp.S.EmptySet),
    (r"\varnothing", sp.S.EmptySet),
    (r"\exp\left[2\right]", sp.exp(2)),
    (r"\exp\left[-\frac{1}{2} x^2\right]", sp.exp(-x ** 2 / 2)),
    (r"\log \prod_{i=1}^{3} i", sp.log(6)),
    (r"\log \sum_{i=1}^{2} i", sp.log(3)),
])
def test_values(text, expected):
    assert sp.simplify(value(text) - expected) == 0 if not isinstance(expected, sp.Set) \
        else value(text) == expected


def test_floor_and_ceiling_stay_symbolic():
    assert value(r"\lfloor x \rfloor") == sp.floor(x)
    assert value(r"\left\lceil \frac{n}{2} \right\rceil") == sp.ceiling(n / 2)


def test_superscript_before_subscript():
    assert value("x^2_1") == value("x_1^2") == value("x_{1}^{2}")
    assert value("x^2_1 + x_2^2") == value("x_1^2 + x_2^2")
    assert value("a^{n}_{k}") == value("a_k^n")


def test_congruences():
    assert value(r"17 \equiv 2 \pmod{5}") is sp.true
    assert value(r"17 \equiv 3 \pmod 5") is sp.false
    assert value(r"38 \equiv 14 \mod 12") is sp.true
    assert value(r"3x \equiv 2 \pmod{7}") == sp.Eq(sp.Symbol("x"), 3)


def test_remainders_and_congruences_need_whole_numbers():
    assert "whole numbers" in str(refused(r"2.5 \bmod 2"))
    assert "modulo 0" in str(refused(r"3 \bmod 0"))
    assert "positive" in str(refused(r"a \equiv b \pmod{n}"))


def test_array_inside_brackets_is_a_matrix():
    matrix = sp.Matrix([[1, 2], [3, 4]])
    for text in (r"\left[\begin{array}{cc}1 & 2 \\ 3 & 4\end{array}\right]",
                 r"\left(\begin{array}{cc}1 & 2 \\ 3 & 4\end{array}\right)",
                 r"\left( { \begin{array}{cc}1 & 2 \\ 3 & 4\end{array} } \right)",
                 r"\begin{array}{lr}1 & 2 \\ 3 & 4\end{array}"):
        assert value(text) == matrix
    assert value(r"\det\left[\begin{array}{cc}1 & 2 \\ 3 & 4\end{array}\right]") == -2


@pytest.mark.parametrize("space", [
    r"\thinspace", r"\medspace", r"\thickspace", r"\negthinspace", r"\negmedspace",
    r"\negthickspace", r"\enspace", r"\>", r"\hspace{1em}", r"\hspace*{2pt}", r"\,", r"\quad"])
def test_spacing_commands_are_ignored(space):
    assert value(f"2 {space} 3") == 6
    assert value(f"a {space} b") == value("a b")


@pytest.mark.parametrize("arrow", [r"\to", r"\rightarrow", r"\Rightarrow", r"\longrightarrow",
                                   r"\Longrightarrow", r"\mapsto"])
def test_arrows_under_a_limit(arrow):
    assert value(rf"\lim_{{x {arrow} 3}} x^2") == 9
    assert value(rf"\lim_{{x {arrow} 0}} \frac{{\sin x}}{{x}}") == 1


def test_conjugate_transpose():
    define = r"A = \begin{bmatrix} 1 & \imaginaryunit \\ 0 & 2 \end{bmatrix}"
    expected = sp.Matrix([[1, 0], [-sp.I, 2]])
    for spelling in ("A^H", "A^*", r"A^\ast", r"A^\dagger", r"A^{\dagger}", "A^{*}",
                     r"\mathbf{A}^H"):
        assert value(define, spelling) == expected, spelling
    assert value(define, "A^{**}") == value(define, "A")
    assert value(r"(\begin{pmatrix}\imaginaryunit & 2 \\ 3 & 4\end{pmatrix})^{\ast\ast\ast}") \
        == sp.Matrix([[-sp.I, 3], [2, 4]])


def test_optimum_star_is_a_name():
    star = sp.Symbol("w^*")
    assert value(r"\mathbf{w}^*") == value("w^{*}") == value(r"w^\ast") == star
    assert value(r"\theta^* = 3", r"\theta^* + 1") == 4
    assert value(r"\mathbf{x}^* = \arg\min_x (x - 3)^2") == 3


def test_bar_over_an_expression_is_the_conjugate():
    assert sp.expand(value(r"\overline{(1 + 2\imaginaryunit)(3 - \imaginaryunit)}")) == \
        5 - 5 * sp.I
    assert value(r"z = 2 + \imaginaryunit", r"\bar{z}") == 2 - sp.I
    assert value(r"\bar{x}") == sp.Symbol("xbar")  # a plain name: the mean x̄, a name
    assert value(r"x = [1, 2]", r"\bar{x}") == sp.Symbol("xbar")


def test_matrix_functions_by_operatorname():
    define = r"A = \begin{bmatrix} 1 & 2 \\ 3 & 4 \end{bmatrix}"
    assert value(define, r"\operatorname{Tr}(A)") == 5
    assert value(define, r"\operatorname{tr}(A)") == 5
    assert value(define, r"\operatorname{adj}(A)") == sp.Matrix([[4, -2], [-3, 1]])
    assert value(define, r"\operatorname{rank}(A)") == 2
    assert value(r"v = [1, 2]", r"\operatorname{diag}(v)") == sp.Matrix([[1, 0], [0, 2]])
    assert value(define, r"A^{-1} = \frac{1}{\det A} \operatorname{adj}(A)") is sp.true


def test_cases_is_a_piecewise_value():
    for text in (r"\begin{cases} x & \text{if } x > 0 \\ 0 & \text{otherwise} \end{cases}",
                 r"\begin{cases} x, & x > 0 \\ 0, & \text{otherwise} \end{cases}",
                 r"\begin{cases} x & x > 0 \\ 0 & x \le 0 \end{cases}",
                 r"\mathbf{1}_{x > 0} x"):
        got = value(text)
        assert got.subs(x, 3) == 3 and got.subs(x, -2) == 0, text
    assert value(r"f(x) = \begin{cases} x^2 & \text{if } x < 0 \\ x & \text{otherwise} "
                 r"\end{cases}", "f(-3) + f(3)") == 12
    assert "otherwise" in str(refused(r"\begin{cases} 1 & \text{otherwise} \\ 0 & x > 0 "
                                      r"\end{cases}"))


def test_half_open_intervals_and_membership():
    assert value(r"\frac{1}{2} \in (0, 1]") is sp.true
    assert value(r"0 \in (0, 1]") is sp.false
    assert value(r"1 \in [0, 1)") is sp.false
    assert value(r"0 \in \left[0, 1\right)") is sp.true
    assert value(r"5 \not\in \{1, 2\}") is sp.true
    assert value(r"5 \not \in \{1, 5\}") is sp.false
    assert value(r"\{1, 2\} \cap \{3\} = \emptyset") is sp.true
    result = symml.Workspace().run(r"x \in (0, 1]")
    assert result.kind == "declaration" and result.latex == r"x \in \left(0, 1\right]"


def test_assignments_and_definitions():
    assert value("w = 2", r"w \leftarrow w - \frac{1}{10} \cdot 2w", "w") == sp.Rational(8, 5)
    assert value(r"\theta \gets 3", r"\theta") == 3
    for symbol in (r"\stackrel{\text{def}}{=}", r"\overset{\mathrm{def}}{=}", r"\triangleq",
                   r"\coloneqq"):
        assert value(rf"a {symbol} 3", "a + 1") == 4
    assert value("x = 3", "x' = x - 0.1 \\cdot 2x", "x'") == sp.Rational(12, 5)


def test_signature_is_a_declaration():
    result = symml.Workspace().run(r"f: \mathbb{R}^n \to \mathbb{R}")
    assert result.kind == "declaration"
    assert result.latex == r"f \colon \mathbb{R}^{n} \to \mathbb{R}"
    result = symml.Workspace().run(r"g : \mathbb{R}^{m \times n} \rightarrow \mathbb{R}^m")
    assert result.latex == r"g \colon \mathbb{R}^{m \times n} \to \mathbb{R}^{m}"
    assert "signature" in str(refused(r"f: x + 1"))


def test_lists_of_names_are_tuples():
    ldots = sp.Symbol(r"\ldots")
    x1, xn = sp.symbols("x_1 x_n")
    assert value(r"x_1, \ldots, x_n") == sp.Tuple(x1, ldots, xn)
    assert value(r"1, 2, 3") == sp.Tuple(1, 2, 3)
    assert "sum" in str(refused(r"1 + \cdots + n"))


def test_proportional_and_argmax_by_mathop():
    result = symml.Workspace().run(r"f(x) \propto e^{-x^2}")
    assert result.latex == r"f{\left(x \right)} \propto e^{- x^{2}}"
    assert value(r"\mathop{\mathrm{argmax}}_y -(y - 2)^2") == 2


def test_primes_of_names_and_matrices():
    assert value("a'") == sp.Symbol("a'")
    assert value("a'_b - a_b'") != 0  # two different names
    assert value(r"A = \begin{bmatrix} 1 & 2 \\ 3 & 4 \end{bmatrix}", "A'") == \
        sp.Matrix([[1, 3], [2, 4]])
    assert value(r"(\begin{pmatrix}1 & 2 \\ 3 & 4\end{pmatrix})^{''}") == \
        sp.Matrix([[1, 2], [3, 4]])
    assert "f'(x)" in str(refused("f'"))


def test_sums_and_maxima_over_defined_vectors():
    assert value(r"x = [3, -4]", r"\max_i |x_i|") == 4
    assert value(r"A = \begin{bmatrix} 1 & 2 \\ 3 & 4 \end{bmatrix}",
                 r"B = \begin{bmatrix} 0 & 1 \\ 1 & 0 \end{bmatrix}",
                 r"\sum_k A_{2,k} B_{k,1}") == 4
    ws = symml.Workspace()
    ws.run("x = [1, 2, 3]")
    assert "numeric bounds" in str(ws.run(r"\sum_{i=1}^{m} x_i").error)


def test_normal_density_with_a_semicolon():
    mu, sigma = sp.symbols("mu sigma")
    got = value(r"\mathcal{N}(1; 0, 1)")
    assert sp.simplify(got - sp.exp(-sp.Rational(1, 2)) / sp.sqrt(2 * sp.pi)) == 0


@pytest.mark.parametrize("text, where", [
    (r"\mathit{x + y}", 0), (r"\mathit{21}", 0), ("1.1.1", 0), (r"2 + \mathit{3}", 4)])
def test_bad_inputs_are_refused_with_a_position(text, where):
    error = refused(text, ParseError)
    assert error.span is not None and error.span.start == where


@pytest.mark.parametrize("typo, suggestion", [
    (r"\nabal f", r"\nabla"), (r"\lamda + 1", r"\lambda"), (r"\fraq{1}{2}", r"\frac"),
    (r"\alpah", r"\alpha"), (r"\lflor x", r"\lfloor"), (r"\thinspce", r"\thinspace")])
def test_unknown_commands_get_did_you_mean(typo, suggestion):
    message = str(refused(typo, ParseError))
    assert f"did you mean `{suggestion}`" in message


def test_an_unknown_command_far_from_any_gets_no_guess():
    assert "did you mean" not in str(refused(r"\foo", ParseError))


# --- the corpora ----------------------------------------------------------------------------
def test_standard_latex_corpus():
    """SymPy's LaTeX-parser test formulas (345 formulas, 48 bad inputs): target ≥ 97% read
    and read right; today 97.7% read, 97.7% read right (misses: README "Standard LaTeX")."""
    from corpora.measure import measure_standard

    rates = measure_standard()
    assert rates.percent(rates.read) >= 97.7
    assert rates.percent(rates.right) >= 97.7


def test_deep_learning_textbook_corpus():
    """Formulas as a deep-learning textbook's math chapters write them: target ≥ 95%; today
    99.3% read and read right (a `!` formula refused with a SymmlError counts as read right).
    `python tests/corpora/measure.py` lists the misses."""
    from corpora.measure import measure_dl_book

    rates = measure_dl_book()
    assert rates.percent(rates.read) >= 99.3
    assert rates.percent(rates.right) >= 99.3


def test_i_and_j_are_the_imaginary_unit_only_where_the_formula_is_complex():
    ws = symml.Workspace(steps=False)
    result = ws.run("(3 + 4i)(3 - 4i)")
    assert sp.expand(result.value) == 25
    assert any("imaginary unit" in note for note in result.notes)
    assert value(r"e^{i\pi} + 1") == 0
    assert value(r"e^{j \pi}") == -1
    assert value("|3 + 4j|") == 5
    assert value(r"\sum_{i=1}^{3} i") == 6                 # an index stays an index
    assert value("x_i + 2i") == sp.Symbol("x_i") + 2 * sp.Symbol("i")
    assert value("i + 1") == sp.Symbol("i") + 1            # no complex number written
    assert value("i = 5", "3 + 4i") == 23                  # a defined i wins


def test_generic_matrices_with_dots():
    m, n = sp.symbols("m n")
    generic = value(r"\begin{bmatrix} a_{11} & \cdots & a_{1n} \\ \vdots & \ddots & \vdots \\ "
                    r"a_{m1} & \cdots & a_{mn} \end{bmatrix}")
    assert generic == sp.MatrixSymbol("a", m, n)
    assert value(r"\begin{bmatrix} x_1 \\ \vdots \\ x_n \end{bmatrix}") == \
        sp.MatrixSymbol("x", n, 1)
    x1, x2, x3 = sp.symbols("x_1 x_2 x_3")
    assert value(r"\begin{bmatrix} x_1 & \cdots & x_3 \end{bmatrix}") == sp.Matrix([[x1, x2, x3]])
    a = sp.Matrix(2, 2, lambda i, j: sp.Symbol(f"a_{{{i + 1},{j + 1}}}"))
    assert value(r"\det \begin{bmatrix} a_{11} & \cdots & a_{12} \\ \vdots & \ddots & \vdots "
                 r"\\ a_{21} & \cdots & a_{22} \end{bmatrix}") == a.det()
    assert "corner" in str(refused(r"\begin{bmatrix} 1 & \cdots & 1 \end{bmatrix}", ParseError))


def test_a_long_complex_sum_is_read_without_recursion():
    text = " + ".join(f"{k}i" for k in range(1, 2001))
    assert value(text) == 2001000 * sp.I


@pytest.mark.parametrize("text, name", [
    (r"\mathit{foo'}", "foo'"), (r"\mathit{foo}'", "foo'"), (r"\mathit{foo''}", "foo''"),
    (r"\mathit{foo'}'", "foo''"), (r"\mathnormal{ab'}", "ab'"), (r"\mathit{x'}", "x'")])
def test_a_prime_inside_mathit_primes_the_whole_word(text, name):
    assert value(text) == sp.Symbol(name)


def test_the_dl_book_formulas_marked_as_refusals_are_refused_with_a_symml_error():
    """A `!` line counts as read right only when symml refuses it with a SymmlError."""
    from corpora.measure import dl_book_entries
    from symml.syntax.document import split_statements

    marked = [doc for doc, expected in dl_book_entries() if expected == "!"]
    assert r"\mathbb{E}_{x \sim p}[x]" in marked and len(marked) == 6
    for document in marked:
        ws = symml.Workspace(steps=False)
        results = [ws.run(s.text) for s in split_statements(document)]
        assert isinstance(results[-1].error, SymmlError), document
