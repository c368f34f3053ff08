"""Fuzzing: no input raises anything but a SymmlError, and every error points into the input.

5,400 generated cases in all: random token soup, and the guide corpus with tokens deleted,
duplicated or swapped; a share of them is evaluated, not only parsed. An internal exception
wrapped as "could not compute this: <Python exception>" is a failure, not a pass. Hostile
families (big numbers, deep nesting, long lines, control characters, byte-order marks) are
evaluated and printed too.
"""
import re
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import symml
from symml.errors import LINE_END

CORPUS = [line.strip() for line in (Path(__file__).resolve().parents[1] / "benchmarks"
                                    / "corpus_guide.txt").read_text(encoding="utf-8").splitlines()
          if line.strip() and not line.startswith("%")]
TOKENS = ["x", "y", "A", "B", "f", "P", "E", "H", "1", "2", "0.5", "+", "-", "=", "<", r"\le",
          "^", "_", "{", "}", "(", ")", "[", "]", ",", ";", ":", "|", r"\|", "&", r"\\",
          r"\frac", r"\sqrt", r"\sum", r"\int", "dx", r"\partial", r"\nabla", r"\cdot",
          r"\times", r"\odot", r"\mathbf", r"\mathcal{N}", r"\mathbb{E}", r"\begin{bmatrix}",
          r"\end{bmatrix}", r"\left(", r"\right)", r"\sim", r"\mid", r"\top", "'", "!",
          r"\text{a}", r"\operatorname{eig}", r"\sin", r"\log_2", "∇", "θ", "²", "₁", "ᵀ", "‖",
          "𝒩", "≤", "∑", " ", "\n", r"\foo", r"\input", "%", "#", "$", "~", "@", '"', "\\"]
TOKEN = re.compile(r"\\[a-zA-Z]+|\\.|\s+|.", re.S)
FAST = settings(max_examples=2000, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
EVALUATED = settings(max_examples=700, deadline=None,
                     suppress_health_check=[HealthCheck.too_slow])


def assert_located(error: symml.SymmlError, text: str) -> None:
    lines = LINE_END.split(text)  # line ends as a document splits them
    assert 1 <= error.line <= len(lines), (text, error.line)
    assert 1 <= error.column <= len(lines[error.line - 1]) + 1, (text, error.column)
    assert error.message


def parse_or_locate(text: str) -> None:
    try:
        symml.parse(text)
    except symml.SymmlError as error:
        assert_located(error, text)


soup = st.lists(st.sampled_from(TOKENS), min_size=1, max_size=25).map("".join)


@st.composite
def mutated(draw):
    tokens = TOKEN.findall(draw(st.sampled_from(CORPUS)))
    for _ in range(draw(st.integers(1, 3))):
        if not tokens:
            break
        i = draw(st.integers(0, len(tokens) - 1))
        action = draw(st.sampled_from(["delete", "duplicate", "swap", "insert"]))
        if action == "delete":
            del tokens[i]
        elif action == "duplicate":
            tokens.insert(i, tokens[i])
        elif action == "swap" and len(tokens) > 1:
            j = draw(st.integers(0, len(tokens) - 1))
            tokens[i], tokens[j] = tokens[j], tokens[i]
        else:
            tokens.insert(i, draw(st.sampled_from(TOKENS)))
    return "".join(tokens)


@FAST
@given(soup)
def test_random_token_soup_parses_or_fails_with_a_located_parse_error(text):
    parse_or_locate(text)


@FAST
@given(mutated())
def test_mutated_guide_formulas_parse_or_fail_with_a_located_error(text):
    parse_or_locate(text)


INTERNAL = re.compile(r"could not compute this: [A-Za-z]+(Error|Exception)\b")


def assert_clean(result, text: str) -> None:
    """A located SymmlError in words, or a value that prints."""
    if result.error is None:
        assert result.kind in ("definition", "declaration", "value", "check", "solution")
        result.to_json()  # printing (LaTeX, decimal, srepr) must not fail either
    if result.error is not None:
        assert isinstance(result.error, symml.SymmlError)
        assert not INTERNAL.search(result.error.message), (text, result.error.message)
        assert_located(result.error, text)
        assert result.value is None


@EVALUATED
@given(st.one_of(mutated(), soup, st.sampled_from(CORPUS)))
def test_evaluation_never_raises_and_errors_are_located(text):
    assert_clean(symml.Workspace(timeout=2).run(text), text)


# --- hostile families ---------------------------------------------------------------------
BIG = st.sampled_from(["3^{10000}", "5000!", "10^{9999}", "(3^{10000})^{300}", "1e308",
                       "2^{-10000}", r"\frac{1}{7^{5000}}", "(5000!)^{7}", "7^{10000} 7^{10000}",
                       r"\binom{5000}{2500}", "I_{3000}", r"\mathbf{0}_{3000 \times 3000}"])
OPERATOR = st.sampled_from([" + ", " - ", r" \cdot ", " ", "/", "^"])
big_numbers = st.lists(BIG, min_size=1, max_size=3).flatmap(
    lambda parts: st.lists(OPERATOR, min_size=len(parts) - 1, max_size=len(parts) - 1).map(
        lambda ops: "".join(p + o for p, o in zip(parts, ops + [""]))))
NEST = st.sampled_from([(r"\frac{1}{1+", "}"), ("e^{", "}"), (r"\sqrt{1+", "}"), ("(1+", ")"),
                        ("x^{", "}"), (r"\left(2", r"\right)"), (r"\sin(", ")"), ("|", "|")])
deep_nesting = st.tuples(NEST, st.integers(60, 260)).map(
    lambda pair: pair[0][0] * pair[1] + "x" + pair[0][1] * pair[1])
long_lines = st.tuples(st.sampled_from(["x + ", "1+", "x_{1} ", "a", "(x)"]),
                       st.integers(1_000, 20_000)).map(lambda pair: pair[0] * pair[1] + "1")
CONTROL = st.sampled_from(["\x00", "\x07", "\x0b", "\x0c", "\x1b", "\x1c", "\x7f", "\x85",
                           "\u2028", "\ufeff", "\ud800", "\r"])
control_chars = st.tuples(st.sampled_from(CORPUS[:40]), CONTROL, st.integers(0, 30)).map(
    lambda t: t[0][:t[2]] + t[1] + t[0][t[2]:])
byte_order_marks = st.sampled_from(CORPUS[:40]).map(lambda line: "\ufeff" + line)
HOSTILE = settings(max_examples=40, deadline=None,
                   suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@HOSTILE
@given(st.one_of(big_numbers, deep_nesting, long_lines, control_chars, byte_order_marks))
def test_hostile_families_end_in_a_value_or_a_located_error(text):
    assert_clean(symml.Workspace(timeout=2).run(text), text)


@HOSTILE
@given(st.lists(st.one_of(big_numbers, deep_nesting, control_chars, byte_order_marks),
                min_size=1, max_size=3).map("\n".join))
def test_hostile_documents_export_in_every_format(text):
    from symml.export.formats import render_document
    from symml.solution import solve_document

    solution = solve_document(text, timeout=2)
    for result in solution.results:
        assert_clean(result, text)
    for fmt in ("md", "tex", "html", "json"):
        assert render_document(solution, fmt)


@settings(max_examples=1000, deadline=None)
@given(st.text(max_size=40))
def test_arbitrary_unicode_text_parses_or_fails_with_a_located_error(text):
    parse_or_locate(text)
