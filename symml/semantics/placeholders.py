"""`I` and `\\mathbf{0}` written without a size: they take the size of what they meet."""
from __future__ import annotations


class IdentityLike:
    """`I` (or `c I`) whose size comes from the matrix it meets: `A - \\lambda I`.

    `I_n` with a symbolic n remembers n, so that alone it is SymPy's `Identity(n)`.
    """

    def __init__(self, coefficient=1, size=None):
        self.coefficient = coefficient
        self.size = size

    def scaled(self, coefficient) -> "IdentityLike":
        return IdentityLike(coefficient, self.size)

    def sized(self, n, node=None):
        from sympy import Identity, ImmutableMatrix, eye

        from ..limits import check_entries

        if not isinstance(n, int) and not getattr(n, "is_Integer", False):
            return self.coefficient * Identity(n)
        check_entries(int(n) ** 2, node)
        return ImmutableMatrix(eye(int(n)) * self.coefficient)


class ZeroLike:
    """`\\mathbf{0}`: the zero vector or matrix, shaped by the operand it meets."""

    def sized(self, shape, node=None):
        from sympy import ImmutableMatrix, ZeroMatrix

        from ..limits import check_entries

        if all(getattr(d, "is_Integer", False) or isinstance(d, int) for d in shape):
            check_entries(int(shape[0]) * int(shape[1]), node)
            return ImmutableMatrix.zeros(*shape)
        return ZeroMatrix(*shape)
