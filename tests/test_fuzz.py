"""Fuzzing: no input raises anything but a SymmlError, and every error points into the input.

5,400 generated cases in all: random token soup, and the guide corpus with tokens deleted,
duplicated or swapped; a share of them is evaluated, not only parsed.
"""
import re
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import symml

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
    lines = text.split("\n") or [""]
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


@EVALUATED
@given(st.one_of(mutated(), soup, st.sampled_from(CORPUS)))
def test_evaluation_never_raises_and_errors_are_located(text):
    workspace = symml.Workspace(timeout=2)
    result = workspace.run(text)
    if result.error is not None:
        assert isinstance(result.error, symml.SymmlError)
        assert_located(result.error, text)
        assert result.value is None
    else:
        assert result.kind in ("definition", "declaration", "value", "check", "solution")


@settings(max_examples=1000, deadline=None)
@given(st.text(max_size=40))
def test_arbitrary_unicode_text_parses_or_fails_with_a_located_error(text):
    parse_or_locate(text)
