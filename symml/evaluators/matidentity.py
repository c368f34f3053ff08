"""Identities of matrix expressions of symbolic size, decided and never guessed.

True when both sides have one canonical form (transposes and inverses pushed inside,
products expanded, traces rotated to one cyclic order, determinants of products split);
false when a concrete instance (small sizes, random integer entries) tells them apart, and
that instance is the counterexample; otherwise a refusal that says so.
"""
from __future__ import annotations

import random
from dataclasses import dataclass

from ..errors import SymmlError
from ..render.latex import latex
from .matcalc import is_symbolic, scalar_form

SIZE_TRIALS = ({}, 2, 3)  # all sizes 2, all 3, then distinct sizes 2, 3, 4, ... ({} marks it)
ENTRY_RANGE = 5  # entries from −5 to 5
SEEDS = 3


@dataclass(frozen=True)
class Counterexample:
    sizes: dict
    values: dict  # MatrixSymbol or scalar Symbol → its value in the instance
    lhs: object
    rhs: object


def involves_symbolic(value) -> bool:
    """Whether `value` is, or contains, a matrix of symbolic size."""
    if is_symbolic(value):
        return True
    from sympy import MatrixSymbol

    return hasattr(value, "atoms") and any(
        not all(getattr(d, "is_Integer", False) for d in m.shape)
        for m in value.atoms(MatrixSymbol))


def decide(lhs, rhs):
    """(True, None) or (False, Counterexample); raises SymmlError when neither is shown."""
    lhs, rhs = scalar_form(lhs), scalar_form(rhs)
    if canonical(lhs) == canonical(rhs) or _is_zero(canonical(_difference(lhs, rhs))):
        return True, None
    counterexample = find_counterexample(lhs, rhs)
    if counterexample is not None:
        return False, counterexample
    raise SymmlError(f"cannot decide whether {latex(lhs)} = {latex(rhs)} for every size: "
                     "the two sides agree on every instance tried (sizes 2 to 4, random "
                     "integer entries), but no rule of matrix algebra shows they are equal")


def _difference(lhs, rhs):
    return lhs - rhs


def _is_zero(value) -> bool:
    return value == 0 or getattr(value, "is_ZeroMatrix", False)


# --- canonical forms ------------------------------------------------------------------
def canonical(expr, rounds: int = 4):
    """One written form for expressions equal by the rules of matrix algebra."""
    for _ in range(rounds):
        rewritten = _rewrite(expr)
        if rewritten == expr:
            break
        expr = rewritten
    return expr


def _rewrite(expr):
    from sympy import Determinant, Inverse, MatAdd, MatMul, Trace, Transpose, expand

    from ..semantics.matexpr import is_a

    from sympy import Expr

    if not isinstance(expr, Expr) or not expr.args:
        return expr  # a number, a symbol, or a Tuple of limits
    if getattr(expr, "is_Matrix", False):
        expr = expr.doit(deep=False) if isinstance(expr, (Transpose, MatMul, MatAdd)) \
            else expr
    args = [_rewrite(a) for a in expr.args]
    if args != list(expr.args):
        expr = expr.func(*args)
    if isinstance(expr, Transpose):
        expr = expr.doit(deep=False)
    if isinstance(expr, Inverse):
        expr = _inverse(expr)
    if isinstance(expr, (MatMul, MatAdd)):
        expr = expr.expand().doit(deep=False)
        if expr.shape == (1, 1):
            expr = min(expr, canonical_transpose(expr), key=_key)
    if isinstance(expr, Trace):
        return _trace(expr.arg)
    if isinstance(expr, Determinant):
        return _determinant(expr.arg)
    if is_a(expr, "Entry"):
        return _trace(expr.matrix)
    if is_a(expr, "Norm"):
        from sympy import sqrt

        return sqrt(_trace(MatMul(expr.matrix.T, expr.matrix).doit(deep=False)))
    if not getattr(expr, "is_Matrix", False):
        return expand(expr)
    return expr


def canonical_transpose(expr):
    return expr.T.doit(deep=False).expand().doit(deep=False)


def _key(expr) -> tuple:
    text = str(expr)
    return (len(text), text)


def _inverse(expr):
    """(AB)⁻¹ = B⁻¹A⁻¹ for square factors; (Aᵀ)⁻¹ and (A⁻¹)ᵀ written one way."""
    from sympy import Inverse, MatMul, Transpose

    arg = expr.arg
    if isinstance(arg, MatMul):
        coefficient, matrices = arg.as_coeff_matrices()
        if all(m.shape[0] == m.shape[1] for m in matrices):
            return MatMul(1 / coefficient, *[Inverse(m) for m in reversed(matrices)]).doit(
                deep=False)
    if isinstance(arg, Inverse):
        return arg.arg
    if isinstance(arg, Transpose):
        return Transpose(Inverse(arg.arg))
    return expr


def _trace(matrix):
    """tr as a sum of traces of products, each rotated (and transposed) to one order."""
    from sympy import Add, Identity, MatAdd, MatMul, Trace, Transpose

    matrix = matrix.expand().doit(deep=False) if hasattr(matrix, "expand") else matrix
    if isinstance(matrix, MatAdd):
        return Add(*[_trace(term) for term in matrix.args])
    if isinstance(matrix, Identity):
        return matrix.rows
    if isinstance(matrix, Transpose):
        return _trace(matrix.arg)
    coefficient, matrices = (matrix.as_coeff_matrices() if isinstance(matrix, MatMul)
                             else (1, [matrix]))
    if not matrices:
        return coefficient
    orders = [matrices[i:] + matrices[:i] for i in range(len(matrices))]
    transposed = [m.T for m in reversed(matrices)]
    orders += [transposed[i:] + transposed[:i] for i in range(len(transposed))]
    best = min(orders, key=lambda order: _key(MatMul(*order)))
    product = MatMul(*best) if len(best) > 1 else best[0]
    return coefficient * Trace(product)


def _determinant(matrix):
    """det(AB) = det A det B (square factors), det Aᵀ = det A, det A⁻¹ = 1/det A,
    det(cA) = cⁿ det A."""
    from sympy import Determinant, Inverse, MatMul, Mul, Transpose

    if isinstance(matrix, Transpose):
        return _determinant(matrix.arg)
    if isinstance(matrix, Inverse):
        return 1 / _determinant(matrix.arg)
    if isinstance(matrix, MatMul):
        coefficient, matrices = matrix.as_coeff_matrices()
        if all(m.shape[0] == m.shape[1] for m in matrices):
            return coefficient ** matrix.shape[0] * Mul(*[_determinant(m) for m in matrices])
    return Determinant(matrix)


# --- counterexamples ------------------------------------------------------------------
def find_counterexample(lhs, rhs):
    """A concrete instance where the two sides differ, or None."""
    from sympy import MatrixSymbol

    matrices = sorted(_atoms(lhs, rhs, MatrixSymbol), key=str)
    sizes = sorted({d for m in matrices for d in m.shape if not d.is_Integer}, key=str)
    scalars = sorted((_symbols(lhs, rhs) - set(sizes)) - set(matrices), key=str)
    rng = random.Random(0)
    for trial in SIZE_TRIALS:
        assignment = ({s: 2 + i for i, s in enumerate(sizes)} if trial == {} else
                      {s: trial for s in sizes})
        for _ in range(SEEDS):
            found = _try_instance(lhs, rhs, matrices, scalars, assignment, rng)
            if found is not None:
                return found
    return None


def _atoms(lhs, rhs, kind) -> set:
    return {a for side in (lhs, rhs) for a in side.atoms(kind)}


def _symbols(lhs, rhs) -> set:
    from sympy import MatrixSymbol, Symbol

    found = set()
    for side in (lhs, rhs):
        found |= {s for s in side.atoms(Symbol) if not isinstance(s, MatrixSymbol)}
    return found


def _try_instance(lhs, rhs, matrices, scalars, sizes, rng):
    from sympy import ImmutableMatrix, Integer

    values = {}
    for m in matrices:
        rows, cols = (int(d.subs(sizes)) for d in m.shape)
        values[m] = ImmutableMatrix(rows, cols, lambda i, j: Integer(
            rng.randint(-ENTRY_RANGE, ENTRY_RANGE)))
    for s in scalars:
        values[s] = Integer(rng.randint(-ENTRY_RANGE, ENTRY_RANGE))
    try:
        left, right = (_instance(side, values, sizes) for side in (lhs, rhs))
    except (ValueError, ZeroDivisionError, ArithmeticError, TypeError):
        return None  # a singular matrix drawn, or a shape that does not fit these sizes
    if _same(left, right):
        return None
    return Counterexample(sizes, {k: v for k, v in values.items() if k in matrices
                                  or k in scalars}, left, right)


def _instance(side, values, sizes):
    from sympy import ImmutableMatrix, zoo

    concrete = side.xreplace(values)
    concrete = concrete.subs(sizes) if hasattr(concrete, "subs") else concrete
    concrete = concrete.doit()
    if getattr(concrete, "is_Matrix", False):
        concrete = ImmutableMatrix(concrete.as_explicit())
        if concrete.shape == (1, 1):
            concrete = concrete[0, 0]
    if hasattr(concrete, "has") and concrete.has(zoo):
        raise ZeroDivisionError
    return concrete


def _same(left, right) -> bool:
    from sympy import simplify

    if getattr(left, "is_Matrix", False) != getattr(right, "is_Matrix", False):
        return False
    difference = left - right
    if getattr(difference, "is_Matrix", False):
        return all(simplify(x) == 0 for x in difference)
    return simplify(difference) == 0


def counterexample_steps(example: Counterexample, lhs, rhs, ctx) -> None:
    """The instance as steps: the sizes, each matrix, then the two different values."""
    from sympy import Eq

    from ..steps.notation_calculus import Written

    if example.sizes:
        ctx.step("Counterexample: the two sides differ at these sizes and entries",
                 Written(",", *(Eq(size, value) for size, value in example.sizes.items())))
    else:
        ctx.step("Counterexample: at the sizes declared, the two sides differ at these entries")
    for symbol, value in example.values.items():
        ctx.step("Take", symbol, value)
    ctx.step("The left side at this instance", lhs, example.lhs)
    ctx.step("The right side at this instance, which differs", rhs, example.rhs)
