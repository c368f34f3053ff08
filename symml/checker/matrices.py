"""Matrices: explicit ones entry by entry; matrix expressions of symbolic size through a
canonical form (transposes pushed to the letters, products expanded, terms collected by
their word of factors, a 1×1 word read the same as its transpose, a trace's word rotated
to its least rotation), then random instances of small concrete size."""
from __future__ import annotations

from ..semantics.kinds import describe
from .layers import Env, counterexample, decide_scalar, within
from .verdict import Decision


def decide_explicit(reference, answer, env: Env) -> Decision:
    if reference.shape != answer.shape:
        return Decision(False, f"the reference is {describe(reference)}, the answer "
                        f"{describe(answer)}")
    undecided = None
    for index, (ref, ans) in enumerate(zip(reference, answer)):
        decision = decide_scalar(ref, ans, env)
        if decision.equal is False:
            i, j = divmod(index, reference.shape[1])
            return Decision(False, f"entry ({i + 1}, {j + 1}) differs: {decision.reason}",
                            decision.counterexample)
        if decision.equal is None and undecided is None:
            i, j = divmod(index, reference.shape[1])
            undecided = Decision(None, f"entry ({i + 1}, {j + 1}): {decision.reason}")
    return undecided or Decision(True, "every entry is equal")


def decide_expression(reference, answer, env: Env) -> Decision:
    """Two matrix expressions (at least one of symbolic size)."""
    shapes = _shapes_differ(reference, answer)
    if shapes:
        return Decision(False, shapes)
    if reference == answer:
        return Decision(True, "the answer is the reference, factor for factor")
    if within(env.layer_seconds, lambda: _is_zero_matrix((reference - answer).expand().doit())):
        return Decision(True, "the difference expands to the zero matrix")
    words = within(env.layer_seconds, lambda: _same_words(reference, answer))
    if words:
        return Decision(True, "the two expand to the same sum of products (transposes "
                        "moved to the factors)")
    found = counterexample(reference, answer, env)
    if found is not None:
        return found
    return Decision(None, "equal on random matrices of small sizes, but no symbolic step "
                    "shows that they are equal for every size")


def _shapes_differ(reference, answer) -> str:
    from sympy import simplify

    for axis, word in ((0, "rows"), (1, "columns")):
        gap = simplify(reference.shape[axis] - answer.shape[axis])
        if gap != 0 and not gap.free_symbols:
            return f"the reference has {reference.shape[axis]} {word}, the answer " \
                   f"{answer.shape[axis]}"
    return ""


def _is_zero_matrix(value) -> bool:
    return getattr(value, "is_ZeroMatrix", False) or value == 0


# --- the canonical form ------------------------------------------------------------------
def _same_words(reference, answer) -> bool:
    total = words(reference)
    for key, coefficient in words(answer).items():
        total[key] = total.get(key, 0) - coefficient
    return all((c.expand() if hasattr(c, "expand") else c) == 0 for c in total.values())


MAX_POWER = 8  # (A + B)^k is multiplied out up to this k


def words(expr) -> dict:
    """{tuple of letters: scalar coefficient} of a matrix expression, multiplied out. A
    letter is a matrix symbol, its transpose or inverse, or any other sub-expression kept
    whole (equal letters are then equal sub-expressions, so the form stays exact)."""
    result = _words(expr)
    if tuple(expr.shape) == (1, 1):
        merged: dict = {}
        for key, coefficient in result.items():
            key = _least_reading(key)
            merged[key] = merged.get(key, 0) + coefficient
        result = merged
    return {key: canonical_scalar(c) for key, c in result.items()}


def _words(expr) -> dict:
    from sympy import Identity, MatAdd, MatMul, MatPow, Transpose, ZeroMatrix

    if isinstance(expr, ZeroMatrix):
        return {}
    if isinstance(expr, Identity):
        return {(): 1}
    if isinstance(expr, MatAdd):
        total: dict = {}
        for term in expr.args:
            for key, coefficient in _words(term).items():
                total[key] = total.get(key, 0) + coefficient
        return total
    if isinstance(expr, MatMul):
        coefficient, factors = expr.as_coeff_matrices()
        product = {(): coefficient}
        for factor in factors:
            product = _times(product, _words(factor))
        return product
    if isinstance(expr, MatPow) and expr.exp.is_Integer and 0 < expr.exp <= MAX_POWER:
        product = {(): 1}
        for _ in range(int(expr.exp)):
            product = _times(product, _words(expr.base))
        return product
    if isinstance(expr, Transpose) and not _is_symbol(expr.arg):
        return {_transposed(key): c for key, c in _words(expr.arg).items()}
    return {(_letter(expr),): 1}


def _times(left: dict, right: dict) -> dict:
    product: dict = {}
    for key_a, a in left.items():
        for key_b, b in right.items():
            key = key_a + key_b
            product[key] = product.get(key, 0) + a * b
    return product


def _is_symbol(expr) -> bool:
    from sympy import MatrixSymbol

    return isinstance(expr, MatrixSymbol)


def _letter(factor):
    """(X^{-1})^T is written (X^T)^{-1}, so the two spellings are one letter."""
    from sympy import Inverse, Transpose

    if isinstance(factor, Transpose) and isinstance(factor.arg, Inverse):
        return Inverse(Transpose(factor.arg.arg))
    return factor


def _transposed(factors):
    from sympy import Inverse, Transpose

    def flip(letter):
        if isinstance(letter, Transpose):
            return letter.arg
        if isinstance(letter, Inverse):
            return Inverse(flip(letter.arg))
        return Transpose(letter)

    return tuple(flip(letter) for letter in reversed(factors))


def _least_reading(factors):
    """A 1×1 product equals its own transpose: key it by the smaller of the two."""
    return min(factors, _transposed(factors), key=str)


def canonical_scalar(expr):
    """A scalar with traces: tr(A + B) split, each product's trace at its least rotation
    (tr(ABC) = tr(CAB) = tr(BCA)) or of its transpose (tr(A^T) = tr(A))."""
    from sympy import Trace

    if not getattr(expr, "has", None) or not expr.has(Trace):
        return expr
    return expr.replace(lambda e: isinstance(e, Trace), _canonical_trace)


def _canonical_trace(trace):
    from sympy import Add, Trace

    total = []
    for key, coefficient in words(trace.arg).items():
        if not key:  # tr(cI) needs the size; leave it alone
            return trace
        rotations = [key[i:] + key[:i] for i in range(len(key))] or [key]
        rotations += [_transposed(r) for r in rotations]
        least = min(rotations, key=str)
        total.append(coefficient * (Trace(_product(least)) if least else 1))
    return Add(*total)


def _product(factors):
    from sympy import MatMul

    return factors[0] if len(factors) == 1 else MatMul(*factors)
