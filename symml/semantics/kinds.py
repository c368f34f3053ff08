"""What a value is: scalar, vector, matrix, tensor, function, random variable, ...

Most values are plain SymPy objects (Expr, ImmutableMatrix, NDimArray, Boolean); the
classes here cover what SymPy has no object for.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Optional


@dataclass(frozen=True)
class UserFunction:
    """`f(x, y) = x^2 y`: parameters (SymPy symbols) and a body (Expr or Matrix)."""

    name: str
    params: tuple
    body: Any

    def __call__(self, *args):
        return self.body.subs(dict(zip(self.params, args)), simultaneous=True)


@dataclass(frozen=True)
class AbstractFunction:
    """`f`, `g`, `h` (or any declared function) with no definition: f(x) stays f(x)."""

    name: str


@dataclass(frozen=True)
class BuiltinFunction:
    """A named function such as sin, ReLU or softmax, applied by `evaluators.functions`."""

    name: str


FUNCTION_VALUES = (UserFunction, AbstractFunction, BuiltinFunction)


@dataclass(frozen=True)
class Text:
    """A string argument, e.g. the subscripts of einsum."""

    text: str


@dataclass(frozen=True)
class Declared:
    """What `s \\in \\mathbb{R}^{m \\times n}` declared: kept for error messages."""

    name: str
    shape: tuple


@dataclass
class Facts:
    """Known probabilities of events, keyed by a canonical event key."""

    probabilities: dict = field(default_factory=dict)
    independent: set = field(default_factory=set)


def built_matrix(rows: int, cols: int, entries):
    """An ImmutableMatrix from SymPy objects listed row by row, built without re-sympifying
    each entry (a third of the cost of a small gradient)."""
    from sympy import ImmutableMatrix

    return ImmutableMatrix._new(rows, cols, list(entries), copy=False)


def column(entries):
    """A column vector of SymPy objects (see built_matrix)."""
    entries = list(entries)
    return built_matrix(len(entries), 1, entries)


def is_matrix(value) -> bool:
    return getattr(value, "is_Matrix", False)


def is_explicit(value) -> bool:
    """A matrix with entries (not a MatrixSymbol of symbolic size)."""
    from sympy import MatrixBase

    return isinstance(value, MatrixBase)


def is_vector(value) -> bool:
    return is_matrix(value) and (value.shape[1] == 1 or value.shape[0] == 1)


def is_column(value) -> bool:
    return is_matrix(value) and value.shape[1] == 1


def is_array(value) -> bool:
    from sympy import NDimArray

    return isinstance(value, NDimArray)


def is_scalar(value) -> bool:
    from sympy import Expr

    return isinstance(value, Expr) and not is_matrix(value)


def describe(value) -> str:
    """The kind of a value in words a student uses: 'a 2×3 matrix', 'an n-vector'."""
    if is_matrix(value):
        rows, cols = value.shape
        if cols == 1:
            return with_article(f"{rows}-vector (column)")
        if rows == 1:
            return with_article(f"{cols}-vector (row)")
        return with_article(f"{rows}×{cols} matrix")
    if is_array(value):
        return with_article("×".join(str(n) for n in value.shape) + " tensor")
    if isinstance(value, (UserFunction, AbstractFunction, BuiltinFunction)):
        return f"the function {value.name}"
    if isinstance(value, Text):
        return "a string"
    if is_scalar(value):
        return "a scalar"
    return f"a {type(value).__name__}"


VOWEL_LETTERS = set("aefhilmnorsxAEFHILMNORSX")  # a, e, eff, aitch, i, el, em, en, …


def with_article(words: str) -> str:
    """'a' or 'an' as the first word is read aloud: an n×m matrix, an 8-vector, an 11×2
    matrix, a 2×3 matrix, a k-vector."""
    digits = words[:len(words) - len(words.lstrip("0123456789"))]
    if digits:
        an = digits.startswith("8") or (len(digits) % 3 == 2 and digits[:2] in ("11", "18"))
    else:
        an = words[:1] in VOWEL_LETTERS
    return ("an " if an else "a ") + words


def shape_text(value) -> str:
    if is_matrix(value) or is_array(value):
        return "×".join(str(n) for n in value.shape)
    return "scalar"


def name_of(value) -> Optional[str]:
    return getattr(value, "name", None)
