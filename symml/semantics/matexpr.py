"""Matrix-expression values SymPy has no object for: the scalar of a 1×1 product, the 2- and
Frobenius norms, an elementwise function, softmax, diag(v) and the differential dX.

Each works at symbolic sizes (shape, printing) and becomes explicit with `doit` once every
matrix in it has entries (so an identity can be tried on a concrete instance).
"""
from __future__ import annotations

from functools import cache

from .kinds import is_explicit


@cache
def classes():
    """The classes, built on first use so `import symml` does not import SymPy."""
    from sympy import Expr, ImmutableMatrix, MatrixExpr, MatrixSymbol, exp, sqrt

    from ..render.latex import bold

    class Entry(Expr):
        """`\\mathbf{w}^\\top\\mathbf{x}` as a scalar: the one entry of a 1×1 matrix expression."""

        is_commutative = True
        is_real = True

        def __new__(cls, matrix):
            from sympy import MatMul

            if isinstance(matrix, MatMul):  # (c wᵀx) is c (wᵀx): the scalar stands outside
                coefficient, matrices = matrix.as_coeff_matrices()
                if coefficient != 1:
                    return coefficient * Entry(MatMul(*matrices) if len(matrices) > 1
                                               else matrices[0])
            return Expr.__new__(cls, matrix)

        @property
        def matrix(self):
            return self.args[0]

        @property
        def precedence(self):
            """Below a product's: `2 (xᵀAx) Ax` is bracketed, so the scalar cannot be read
            as part of a matrix product."""
            from sympy.printing.precedence import PRECEDENCE

            return PRECEDENCE["Add"]

        def doit(self, **hints):
            inner = self.matrix.doit(**hints)
            return inner[0, 0] if is_explicit(inner) else Entry(inner)

        def _latex(self, printer):
            from sympy import MatAdd

            inner = printer._print(self.matrix)
            return r"\left(%s\right)" % inner if isinstance(self.matrix, MatAdd) else inner

    class Norm(Expr):
        """‖v‖₂ of a vector or ‖X‖_F of a matrix of symbolic size (`kind` 2 or F)."""

        is_commutative = True
        is_real = True
        is_nonnegative = True

        def __new__(cls, matrix, kind="2"):
            return Expr.__new__(cls, matrix, _symbol(kind))

        @property
        def matrix(self):
            return self.args[0]

        @property
        def kind(self) -> str:
            return self.args[1].name

        def doit(self, **hints):
            inner = self.matrix.doit(**hints)
            if not is_explicit(inner):
                return Norm(inner, self.kind)
            return sqrt(sum(x**2 for x in inner))

        def _latex(self, printer):
            return r"\left\|%s\right\|_{%s}" % (printer._print(self.matrix), self.kind)

    class VectorFunction(MatrixExpr):
        """A function of one matrix expression, the last argument: the shape follows it, and
        `doit` applies `explicit` to it once it has entries. A subclass gives `explicit` and
        `head` (its printed name)."""

        @property
        def operand(self):
            return self.args[-1]

        @property
        def shape(self):
            return self.operand.shape

        def doit(self, **hints):
            inner = self.operand.doit(**hints)
            if is_explicit(inner):
                return ImmutableMatrix(self.explicit(inner))
            return self.func(*self.args[:-1], inner)

        def _latex(self, printer):
            return r"%s\left(%s\right)" % (self.head, printer._print(self.operand))

    class Elementwise(VectorFunction):
        """f applied entry by entry (σ, exp, log, tanh, ...) to a matrix expression."""

        def __new__(cls, name, matrix):
            return MatrixExpr.__new__(cls, _symbol(name), matrix)

        @property
        def name(self) -> str:
            return self.args[0].name

        matrix = VectorFunction.operand

        def _entry(self, i, j, **kwargs):
            return ELEMENTWISE[self.name](self.matrix._entry(i, j, **kwargs))

        def explicit(self, matrix):
            return matrix.applyfunc(ELEMENTWISE[self.name])

        @property
        def head(self) -> str:
            base = self.name.rstrip("'")
            name = r"\%s" % base if base in ("sigma", "exp", "ln", "tanh") else \
                r"\operatorname{%s}" % base
            return name + self.name[len(base):]

    class Softmax(VectorFunction):
        """softmax(z) of a vector of symbolic size."""

        head = r"\operatorname{softmax}"
        vector = VectorFunction.operand

        @staticmethod
        def explicit(vector):
            exps = vector.applyfunc(exp)
            return exps / sum(exps)

    class Diag(VectorFunction):
        """diag(v): the square matrix with the vector v on its diagonal."""

        head = r"\operatorname{diag}"
        vector = VectorFunction.operand

        @property
        def shape(self):
            return (self.vector.shape[0], self.vector.shape[0])

        def _entry(self, i, j, **kwargs):
            from sympy import KroneckerDelta

            return KroneckerDelta(i, j) * self.vector._entry(i, 0, **kwargs)

        @staticmethod
        def explicit(vector):
            from sympy import diag

            return diag(*vector)

    class DifferentialOf(Expr):
        """d(f) as written in a step, before a rule is applied."""

        def _latex(self, printer):
            return r"d\left(%s\right)" % printer._print(self.args[0])

    class MatrixDifferential(MatrixSymbol):
        """dX: the differential of the matrix (or vector) X, printed `d\\mathbf{X}`."""

        def _latex(self, printer):
            return r"d%s" % bold(self.name[1:])

    return {"Entry": Entry, "Norm": Norm, "VectorFunction": VectorFunction,
            "Elementwise": Elementwise, "Softmax": Softmax, "Diag": Diag, "Differential": MatrixDifferential, "DifferentialOf": DifferentialOf}


def _symbol(name):
    """A name as an argument that is not a free symbol (a norm's kind, a function's name)."""
    from sympy.core.symbol import Str

    return name if isinstance(name, Str) else Str(name)


def _logistic(x):
    from sympy import exp

    return 1 / (1 + exp(-x))


def _table():
    import sympy

    return {"sigma": _logistic, "exp": sympy.exp, "ln": sympy.log, "tanh": sympy.tanh,
            "sigma'": lambda x: _logistic(x) * (1 - _logistic(x)),
            "tanh'": lambda x: 1 - sympy.tanh(x)**2}


class _Lazy(dict):
    def __missing__(self, key):
        self.update(_table())
        return dict.__getitem__(self, key)


ELEMENTWISE = _Lazy()  # name → the scalar function applied to each entry


def Entry(matrix):  # noqa: N802 - constructors read as the classes they build
    return classes()["Entry"](matrix)


def Norm(matrix, kind="2"):  # noqa: N802
    return classes()["Norm"](matrix, kind)


def Elementwise(name, matrix):  # noqa: N802
    return classes()["Elementwise"](name, matrix)


def Softmax(vector):  # noqa: N802
    return classes()["Softmax"](vector)


def Diag(vector):  # noqa: N802
    return classes()["Diag"](vector)


def Differential(variable):  # noqa: N802
    return classes()["Differential"]("d" + variable.name, *variable.shape)


def DifferentialOf(expr):  # noqa: N802
    return classes()["DifferentialOf"](expr)


def is_a(value, name: str) -> bool:
    return isinstance(value, classes()[name])
