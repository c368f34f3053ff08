"""Random exact points: values for the symbols of an expression (rationals that respect the
assumptions, Gaussian rationals for unrestricted symbols, small sizes and integer matrices
for symbolic-size matrices), and the expression's exact value there."""
from __future__ import annotations

import random
from dataclasses import dataclass, field

NUMERATORS = range(-9, 10)
DENOMINATORS = (1, 1, 1, 2, 3, 5, 7)
SIZES = (2, 3, 4, 1)
ENTRY_RANGE = range(-4, 5)


@dataclass
class Point:
    """Values by symbol: scalars, sizes and whole matrices (by MatrixSymbol name)."""

    scalars: dict = field(default_factory=dict)
    sizes: dict = field(default_factory=dict)
    matrices: dict = field(default_factory=dict)  # name → ImmutableMatrix


def unknowns(*exprs):
    """(scalar symbols, size symbols, matrix symbols) that a point must give values to."""
    from sympy import Indexed, MatrixSymbol, Symbol

    scalars, sizes, matrices = set(), set(), {}
    for expr in exprs:
        for m in expr.atoms(MatrixSymbol):
            matrices[m.name] = m
            sizes |= {s for d in m.shape for s in getattr(d, "free_symbols", ())}
        bound = set()
        for indexed in expr.atoms(Indexed):
            bound |= {s for i in indexed.indices for s in i.free_symbols}
        scalars |= {s for s in expr.free_symbols if isinstance(s, Symbol)} - bound
    scalars -= sizes
    scalars -= {s for s in scalars if s.name in matrices}
    return sorted(scalars, key=str), sorted(sizes, key=str), matrices


class Sampler:
    """Points in the allowed region, drawn from one seeded generator (repeatable)."""

    def __init__(self, bounds: dict, seed: int = 0):
        self.bounds = bounds
        self.rng = random.Random(seed)

    def rational(self):
        from sympy import Rational

        return Rational(self.rng.choice(NUMERATORS), self.rng.choice(DENOMINATORS))

    def scalar(self, symbol, complex_ok: bool):
        """A value for `symbol` allowed by its SymPy assumptions and the givens' bounds."""
        from sympy import I

        bound = self.bounds.get(symbol.name)
        for _ in range(200):
            value = self._candidate(symbol, bound)
            if complex_ok and symbol.is_real is None and symbol.is_integer is None \
                    and bound is None:
                value = value + self.rational() * I
            if _allowed(symbol, value, bound):
                return value
        return None

    def _candidate(self, symbol, bound):
        from sympy import Integer

        if symbol.is_integer:
            value = Integer(self.rng.choice(NUMERATORS))
        else:
            value = self.rational()
        if bound is None:
            return value
        lower, upper = bound.lower, bound.upper
        if lower is not None and upper is not None:
            fraction = abs(self.rational()) % 1
            return lower + (upper - lower) * fraction
        if lower is not None:
            return lower + abs(value)
        if upper is not None:
            return upper - abs(value)
        return value

    def point(self, scalars, sizes, matrices, complex_ok: bool) -> Point | None:
        from sympy import ImmutableMatrix

        point = Point()
        for size in sizes:
            point.sizes[size] = self.rng.choice(SIZES)
        for name, symbol in matrices.items():
            rows, cols = (int(d.xreplace(point.sizes)) for d in symbol.shape)
            point.matrices[name] = ImmutableMatrix(rows, cols, lambda i, j: self.rng.choice(
                ENTRY_RANGE))
        for symbol in scalars:
            value = self.scalar(symbol, complex_ok)
            if value is None:
                return None
            point.scalars[symbol] = value
        return point


def _allowed(symbol, value, bound) -> bool:
    checks = {"positive": lambda v: v > 0, "negative": lambda v: v < 0,
              "nonnegative": lambda v: v >= 0, "nonpositive": lambda v: v <= 0,
              "nonzero": lambda v: v != 0, "integer": lambda v: v.is_integer}
    if not value.is_real and (symbol.is_real or bound is not None):
        return False
    for flag, test in checks.items():
        if getattr(symbol, f"is_{flag}") and not test(value):
            return False
    return bound is None or bound.allows(value)


def at(expr, point: Point):
    """The exact value of `expr` at `point` (matrices explicit); raises on failure."""
    from sympy import Indexed, MatrixBase, MatrixExpr, MatrixSymbol

    value = expr.xreplace(point.sizes) if point.sizes else expr
    if point.matrices:
        value = value.xreplace({m: point.matrices[m.name] for m in value.atoms(MatrixSymbol)
                                if m.name in point.matrices})
    value = value.xreplace(point.scalars).doit()
    if point.matrices and value.has(Indexed):
        value = value.replace(lambda e: isinstance(e, Indexed) and str(e.base) in point.matrices,
                              lambda e: _entry(point.matrices[str(e.base)], e.indices))
    if isinstance(value, MatrixExpr) and not isinstance(value, MatrixBase):
        value = value.as_explicit()  # ZeroMatrix(3, 3), Identity(3), a product left whole
    return value


def _entry(matrix, indices):
    indices = [int(i) - 1 for i in indices]  # the guide's entries are 1-based
    if len(indices) == 1:
        return matrix[indices[0]]
    return matrix[indices[0], indices[1]]
