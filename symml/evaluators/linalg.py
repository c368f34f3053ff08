"""Linear algebra with the guide's steps: products as row·column sums, eigenproblems as
characteristic polynomial → roots → null spaces."""
from __future__ import annotations

from ..errors import DomainError, ShapeError, SymmlError
from ..render.latex import latex
from ..semantics.kinds import describe, is_explicit, is_matrix, is_vector, shape_text
from ..syntax import ast
from ..limits import check_eigenproblem
from ..steps import AsWritten, Deferred
from .registry import Context, StatementResult, calls, statement_rule

STEP_ENTRY_LIMIT = 144  # larger products are computed without the row·column table


def _matrix(value):
    from sympy import ImmutableMatrix

    return ImmutableMatrix(value)


def require_entries(value, what: str, node) -> None:
    """Operations that read entries refuse a matrix of symbolic size with a clear error."""
    if not is_explicit(value):
        raise ShapeError(f"{what} needs the entries, but {describe(value)} has a symbolic "
                         "size; declare it with numbers, e.g. \\mathbb{R}^{2 \\times 2}",
                         getattr(node, "span", None))


def label(node, value=None):
    """How the guide writes an operand: `\\mathbf{A}` (a MatrixSymbol), `\\mathbf{A}^\\top`,
    a scalar's value, or None."""
    from sympy import MatrixSymbol, Transpose

    if isinstance(node, ast.Name) and len(node.name) <= 12:
        if value is not None and not is_matrix(value):
            return value
        return MatrixSymbol(node.name, *(value.shape if value is not None else (1, 1)))
    if isinstance(node, ast.Transpose):
        inner = label(node.operand, value.T if value is not None else None)
        return Transpose(inner) if inner is not None else None
    return None


def _product_label(left_node, right_node, a, b, symbol: str = "") -> list:
    """`\\mathbf{A}\\mathbf{B}`, `\\mathbf{a} \\cdot \\mathbf{b}`: the operands joined by
    `symbol` (an operator of `Written`), or nothing when one has no short name."""
    from ..steps.notation_calculus import Written

    left, right = label(left_node, a), label(right_node, b)
    return [Written(symbol, left, right)] if left is not None and right is not None else []


def _unevaluated_dot(row, column):
    from sympy import Add, Mul

    terms = [Mul(x, y, evaluate=False) for x, y in zip(row, column)]
    return terms[0] if len(terms) == 1 else Add(*terms, evaluate=False)


def matmul(a, b, ctx: Context, left_node, right_node):
    """A B with a shape check; steps show each entry as a row·column sum."""
    if a.shape[1] != b.shape[0]:
        raise ShapeError(f"cannot multiply {describe(a)} by {describe(b)}: "
                         f"{shape_text(a)} times {shape_text(b)} needs {a.shape[1]} columns "
                         f"= {b.shape[0]} rows", right_node.span)
    if not (is_explicit(a) and is_explicit(b)):
        dotted = _symbolic_dot(a, b, ctx, left_node, right_node)
        return a * b if dotted is None else dotted  # else a matrix expression
    result = _matrix(a * b)
    if result.shape == (1, 1) and a.shape[0] == 1 and b.shape[1] == 1:
        if ctx.want_steps:
            ctx.step("Dot product: multiply matching entries and add",
                     *_product_label(left_node, right_node, a, b),
                     AsWritten(_unevaluated_dot(list(a), list(b))), result[0])
        return result[0]
    if ctx.want_steps and result.rows * result.cols * a.shape[1] <= STEP_ENTRY_LIMIT:
        from sympy import ImmutableMatrix

        def table():  # built when printed: the sums of products cost more than the product
            return AsWritten(ImmutableMatrix(result.rows, result.cols,
                                             lambda i, j: _unevaluated_dot(a.row(i), b.col(j))))
        ctx.step("Matrix product: entry (i, j) is row i times column j",
                 *_product_label(left_node, right_node, a, b), Deferred(table), result)
    return result


def _symbolic_dot(a, b, ctx: Context, left_node, right_node):
    """`v^T w` of declared vectors of symbolic size n: the scalar `\\sum_{i=1}^{n} v_i w_i`
    (entries as SymPy's `v[i]`, as in a typed sum), else None."""
    from sympy import IndexedBase, MatrixSymbol, Sum, Symbol

    if not (a.shape[0] == 1 and b.shape[1] == 1 and isinstance(a.T, MatrixSymbol)
            and isinstance(b, MatrixSymbol)):
        return None
    i = Symbol("i", integer=True)
    value = Sum(IndexedBase(a.T.name)[i] * IndexedBase(b.name)[i], (i, 1, b.shape[0]))
    written = "" if isinstance(left_node, ast.Transpose) else "cdot"
    ctx.step("Dot product: multiply matching entries and add",
             *_product_label(left_node, right_node, a, b, written), value)
    return value


def dot(a, b, ctx: Context, left_node, right_node, node):
    """v · w: the sum of products of matching entries."""
    if not (is_explicit(a) and is_explicit(b)):
        return matmul(a.T if a.shape[1] == 1 else a, b, ctx, left_node, right_node)
    if len(a) != len(b):
        raise ShapeError(f"the dot product needs vectors of one length, got {describe(a)} "
                         f"and {describe(b)}", node.span)
    from sympy import Add

    value = Add(*[x * y for x, y in zip(a, b)])
    ctx.step("Dot product: multiply matching entries and add",
             *_product_label(left_node, right_node, a, b, "cdot"),
             AsWritten(_unevaluated_dot(list(a), list(b))), value)
    return value


def cross(a, b, ctx: Context, node):
    require_entries(a, "the cross product", node)
    require_entries(b, "the cross product", node)
    if len(a) != 3 or len(b) != 3:
        raise ShapeError(f"the cross product needs two 3-vectors, got {describe(a)} and "
                         f"{describe(b)}", node.span)
    from sympy import Matrix

    u, v = list(a), list(b)
    value = _matrix(Matrix(u).cross(Matrix(v)))
    ctx.step(("Cross product:", _cross_formula()),
             *_product_label(node.left, node.right, a, b, "times"), value)
    return value


def _cross_formula():
    """`\\left(a_{2} b_{3} - a_{3} b_{2}, ...\\right)`, the rule in the title."""
    from sympy import Symbol

    from ..steps.notation_calculus import Written

    a, b = ([Symbol(f"{n}_{i}") for i in (1, 2, 3)] for n in "ab")
    return Written("()", Written(",", *(
        Written("-", Written(" ", a[i], b[j]), Written(" ", a[j], b[i]))
        for i, j in ((1, 2), (2, 0), (0, 1)))))


def hadamard(a, b, ctx: Context, node):
    require_entries(a, "the Hadamard product", node)
    require_entries(b, "the Hadamard product", node)
    if a.shape != b.shape:
        raise ShapeError(f"the Hadamard product needs one shape, got {describe(a)} and "
                         f"{describe(b)}", node.span)
    from sympy import ImmutableMatrix, Mul

    value = _matrix(a.multiply_elementwise(b))
    ctx.step("Hadamard product: multiply entry by entry",
             *_product_label(node.left, node.right, a, b, "odot"),
             AsWritten(ImmutableMatrix(a.rows, a.cols,
                                       lambda i, j: Mul(a[i, j], b[i, j], evaluate=False))),
             value)
    return value


def _square(value, what: str, node):
    if not is_matrix(value) or value.rows != value.cols:
        raise ShapeError(f"{what} needs a square matrix, got {describe(value)}",
                         getattr(node, "span", None))


def _exact_determinant(value):
    """Integer and rational matrices: the determinant over ZZ or QQ (SymPy's DomainMatrix,
    5–20× faster than Matrix.det); any other entries: Matrix.det (Bareiss)."""
    domain_matrix = value.to_DM()
    if domain_matrix.domain.is_ZZ or domain_matrix.domain.is_QQ:
        return domain_matrix.domain.to_sympy(domain_matrix.det())
    return value.as_mutable().det()  # Bareiss runs ~10% slower on immutables


def determinant(value, ctx: Context, node):
    _square(value, "the determinant", node)
    if not is_explicit(value):
        from sympy import Determinant

        return Determinant(value)
    result = _exact_determinant(value)
    if value.shape == (2, 2) and ctx.want_steps:
        from sympy import Add, Mul

        expansion = Add(Mul(value[0, 0], value[1, 1], evaluate=False),
                        Mul(-1, value[0, 1], value[1, 0], evaluate=False), evaluate=False)
        ctx.step(("Determinant of a 2×2 matrix:", _ad_minus_bc()), AsWritten(expansion),
                 result)
    else:
        from ..steps.notation_calculus import Det

        ctx.step("Determinant", Det(value), result)
    return result


def _ad_minus_bc():
    """`ad - bc` in a title."""
    from sympy import Symbol

    from ..steps.notation_calculus import Written

    a, b, c, d = (Symbol(n) for n in "abcd")
    return Written("-", Written("", a, d), Written("", b, c))


def inverse(value, ctx: Context, node):
    _square(value, "the inverse", node)
    if not is_explicit(value):
        from sympy import Inverse

        return Inverse(value)
    det = determinant(value, ctx, node)
    if det == 0:
        raise DomainError("the matrix is singular (determinant 0), so it has no inverse",
                          node.span)
    result = _matrix(value.inv())
    if ctx.want_steps:
        from sympy import Integer, Pow

        from ..steps.notation_calculus import Written

        ctx.step("Inverse: the adjugate divided by the determinant",
                 Written(" ", Pow(det, Integer(-1), evaluate=False),
                         _matrix(value.adjugate())), result)
    return result


def matrix_power(value, exponent, ctx: Context, node):
    """A^k for a whole k; with a symbolic k, the closed form from A's eigenvalues."""
    _square(value, "a matrix power", node)
    if getattr(exponent, "free_symbols", None):
        return _symbolic_power(value, exponent, node)
    if not getattr(exponent, "is_Integer", False):
        raise DomainError(f"a matrix can only be raised to a whole power, not {exponent}",
                          node.span)
    if not is_explicit(value):
        return value ** exponent
    if exponent == -1:
        return inverse(value, ctx, node)
    if exponent < 0:
        return _matrix(inverse(value, ctx, node) ** int(-exponent))
    if exponent > 1000:
        from ..errors import LimitExceeded

        raise LimitExceeded("matrix powers above 1000 are not computed", node.span)
    return _matrix(value ** int(exponent))


def _symbolic_power(value, exponent, node):
    if not is_explicit(value):
        return value ** exponent
    check_eigenproblem(value)
    result = value ** exponent
    if not is_explicit(result):
        raise DomainError(f"SymPy finds no closed form for this matrix to the power "
                          f"{latex(exponent)}", node.span)
    return _matrix(result)


def norm(value, order, ctx: Context, node):
    """‖v‖₂ (default), ‖v‖₁, ‖v‖_∞, ‖A‖_F; ‖A‖₂ of a matrix is its largest singular value."""
    from sympy import Abs, Add, Max, Pow, S, sqrt

    require_entries(value, "a norm", node)
    entries = list(value)
    if order == "fro" or (order == 2 and is_vector(value)):
        squares = Add(*[Pow(x, 2, evaluate=False) for x in entries], evaluate=False)
        result = sqrt(sum(x**2 for x in entries)) if all(
            getattr(x, "is_real", False) for x in entries) else sqrt(
            sum(Abs(x)**2 for x in entries))
        ctx.step("Norm: the square root of the sum of squares",
                 AsWritten(Pow(squares, S.Half, evaluate=False)), result)
        return result
    if order == 1 and is_vector(value):
        result = Add(*[Abs(x) for x in entries])
        ctx.step("L1 norm: the sum of absolute values", result)
        return result
    if order == "inf" and is_vector(value):
        result = Max(*[Abs(x) for x in entries])
        ctx.step("Max norm: the largest absolute value", result)
        return result
    if order in (1, 2, "inf"):
        from sympy import oo

        return value.norm(oo if order == "inf" else order)
    if getattr(order, "is_number", False) and order >= 1 and is_vector(value):
        p = order
        return Add(*[Abs(x) ** p for x in entries]) ** (1 / p)
    raise DomainError(f"unknown norm order {order}", node.span)


def unit_vector(value, operand_node, ctx: Context):
    length = norm(value, 2, ctx, operand_node)
    if length == 0:
        raise DomainError("the zero vector has no direction, so no unit vector", operand_node.span)
    result = _matrix(value / length)
    from ..steps.notation_calculus import Over

    ctx.step("Unit vector: divide by the norm", Over(value, length), result)
    return result


# --- named operations ---------------------------------------------------------------------
def _one_matrix(node: ast.Call, ctx: Context, what: str, entries: bool = True):
    if len(node.args) != 1:
        raise SymmlError(f"{what} takes one matrix", node.span)
    value = ctx.value_of(node.args[0])
    if not is_matrix(value):
        raise ShapeError(f"{what} needs a matrix, got {describe(value)}", node.args[0].span)
    if entries:
        require_entries(value, what, node.args[0])
    return value


@calls("det")
def det_call(node, ctx):
    return determinant(_one_matrix(node, ctx, "det", entries=False), ctx, node)


@calls("inv")
def inv_call(node, ctx):
    return inverse(_one_matrix(node, ctx, "inv", entries=False), ctx, node)


@calls("tr", "trace")
def trace_call(node, ctx):
    value = _one_matrix(node, ctx, "the trace", entries=False)
    _square(value, "the trace", node)
    from sympy import Add, Trace

    if not is_explicit(value):
        return Trace(value)
    result = value.trace()

    ctx.step("Trace: the sum of the diagonal",
             AsWritten(Add(*[value[i, i] for i in range(value.rows)], evaluate=False)), result)
    return result


@calls("rank")
def rank_call(node, ctx):
    value = _one_matrix(node, ctx, "the rank")
    from sympy import Integer

    echelon, pivots = value.rref()
    ctx.step("Row-reduce; the rank is the number of pivots", echelon)
    return Integer(len(pivots))


def characteristic_polynomial(value, ctx: Context) -> None:
    """Check the size limit, and show det(A - λI) factored when steps are wanted."""
    check_eigenproblem(value)
    if not ctx.want_steps:
        return
    from sympy import Symbol, factor

    from ..steps.notation_calculus import Det, Written

    lam = Symbol("lambda")
    polynomial = factor(value.charpoly(lam).as_expr())
    shifted = Written("-", value, Written(" ", lam, Symbol("I")))
    ctx.step("Characteristic polynomial", Det(shifted), polynomial)


@calls("eigvals", "eigenvals")
def eigvals_call(node, ctx):
    from sympy import Dict

    value = _one_matrix(node, ctx, "eigvals")
    _square(value, "eigenvalues", node)
    characteristic_polynomial(value, ctx)
    values = Dict(value.eigenvals())
    ctx.step(r"Roots (eigenvalue : multiplicity)", values)
    return values


def eigenpairs(value, ctx: Context, node):
    """[(λ, multiplicity, [eigenvectors])] with the roots and null-space steps."""
    from sympy import Contains, Dict, Eq, ImmutableMatrix, MatrixSymbol, Symbol, eye

    from ..steps.notation_calculus import Implies, Span, Written

    _square(value, "the eigenproblem", node)
    characteristic_polynomial(value, ctx)
    pairs = value.eigenvects()
    lam = Symbol("lambda")
    ctx.step("Roots of the characteristic polynomial (eigenvalue : multiplicity)",
             Dict({eigenvalue: multiplicity for eigenvalue, multiplicity, _ in pairs}))
    v, zero = MatrixSymbol("v", value.rows, 1), MatrixSymbol("0", value.rows, 1)
    for eigenvalue, multiplicity, vectors in pairs:
        shifted = ImmutableMatrix(value - eigenvalue * eye(value.rows))
        basis = Span(*[ImmutableMatrix(vector) for vector in vectors])
        ctx.step(("Null space of", _a_minus_lambda_i(), "for",
                  Eq(lam, eigenvalue, evaluate=False)),
                 Implies(Eq(Written(" ", shifted, v), zero, evaluate=False),
                         Contains(v, basis, evaluate=False)))
    return pairs


def _a_minus_lambda_i():
    """`A - \\lambda I` in a title."""
    from sympy import Symbol

    from ..steps.notation_calculus import Written

    return Written("-", Symbol("A"), Written(" ", Symbol("lambda"), Symbol("I")))


@calls("eig")
def eig_call(node, ctx):
    from sympy import ImmutableMatrix

    from ..steps.notation_calculus import Eigendecomposition

    value = _one_matrix(node, ctx, "eig")
    eigenpairs(value, ctx, node)
    if not value.is_diagonalizable():
        raise DomainError("the matrix is not diagonalizable: it has too few independent "
                          "eigenvectors for A = P D P^{-1}", node.span)
    p, d = value.diagonalize()
    pair = Eigendecomposition(ImmutableMatrix(p), ImmutableMatrix(d))
    ctx.step(("Eigendecomposition", _p_d_p_inverse()), pair)
    return pair


def _p_d_p_inverse():
    """`A = P D P^{-1}` in a title (matrices: symbols that do not commute)."""
    from sympy import Eq, symbols

    A, P, D = symbols("A P D", commutative=False)
    return Eq(A, P * D * P**-1, evaluate=False)


@calls("is_symmetric")
def is_symmetric_call(node, ctx):
    import sympy

    value = _one_matrix(node, ctx, "is_symmetric")
    result = value.is_square and value == value.T
    from sympy import Transpose

    ctx.step("Compare the matrix with its transpose", Transpose(value), value.T)
    return sympy.true if result else sympy.false


@calls("is_diagonal")
def is_diagonal_call(node, ctx):
    import sympy

    value = _one_matrix(node, ctx, "is_diagonal")
    return sympy.true if value.is_diagonal() else sympy.false


@calls("diag")
def diag_call(node, ctx):
    from sympy import ImmutableMatrix, diag

    values = [ctx.value_of(arg) for arg in node.args]
    if len(values) == 1 and is_matrix(values[0]) and values[0].rows == values[0].cols > 1:
        matrix = values[0]
        return ImmutableMatrix([matrix[i, i] for i in range(matrix.rows)])
    if len(values) == 1 and is_vector(values[0]):
        values = list(values[0])
    return ImmutableMatrix(diag(*values))


# --- the eigen equation A v = λ v -------------------------------------------------------------
@statement_rule(priority=30)
def eigen_equation(node, ctx: Context):
    """`A\\mathbf{v} = \\lambda\\mathbf{v}` with A a defined matrix and v, λ undefined:
    the eigenpairs as Tuple((λ, multiplicity, (v₁, …)), …)."""
    parts = _eigen_parts(node, ctx)
    if parts is None:
        return None
    matrix, matrix_node = parts
    from sympy import ImmutableMatrix, Tuple

    pairs = eigenpairs(matrix, ctx, matrix_node)
    value = Tuple(*[Tuple(eigenvalue, multiplicity,
                          Tuple(*[ImmutableMatrix(v) for v in vectors]))
                    for eigenvalue, multiplicity, vectors in pairs])
    return StatementResult("solution", value)


def _eigen_parts(node, ctx: Context):
    """(A, A's node) when `node` reads `A v = λ v` with v and λ undefined names, else None."""
    from .names import lookup

    if node.ops != ("=",):
        return None
    lhs, rhs = (_two_factors(side) for side in node.operands)
    if lhs is None or rhs is None or not all(isinstance(f, ast.Name) for f in lhs + rhs):
        return None
    (matrix_node, vector), (scalar, vector_again) = lhs, rhs
    if vector.name != vector_again.name or scalar.name == vector.name:
        return None
    matrix = lookup(ctx, matrix_node.name)
    if not is_matrix(matrix) or lookup(ctx, vector.name) is not None \
            or lookup(ctx, scalar.name) is not None:
        return None
    return matrix, matrix_node


# --- the linear system A x = b -------------------------------------------------------------
@statement_rule(priority=31)
def linear_system(node, ctx: Context):
    """`A\\mathbf{x} = \\mathbf{b}` with A a defined matrix and x undefined: the solution
    vector, with parameters t_1, t_2, … when there are infinitely many."""
    parts = _linear_system_parts(node, ctx)
    if parts is None:
        return None
    matrix, unknown, rhs = parts
    from sympy import Symbol

    augmented = _matrix(matrix.row_join(rhs))
    ctx.step("Row-reduce the augmented matrix [A | b]", augmented,
             _matrix(augmented.rref()[0]))
    try:
        solution, parameters = matrix.gauss_jordan_solve(rhs)
    except ValueError:
        raise DomainError("the system has no solution: row reduction gives a row 0 = c with "
                          "c ≠ 0", node.span) from None
    names = {p: Symbol(f"t_{i}") for i, p in enumerate(parameters, start=1)}
    value = _matrix(solution.xreplace(names))
    from sympy import MatrixSymbol

    ctx.step("Solve, back-substituting" + (" (free parameters t)" if names else ""),
             MatrixSymbol(unknown, *value.shape), value)
    return StatementResult("solution", value)


def _linear_system_parts(node, ctx: Context):
    """(A, x's name, b) when `node` reads `A x = b` with A a defined matrix, x an undefined
    name not in b, and b a column of A's height (or 0), else None."""
    from ..semantics.placeholders import ZeroLike
    from .names import lookup
    from ..syntax.mentions import mentions

    if node.ops != ("=",):
        return None
    lhs = _two_factors(node.operands[0])
    if lhs is None or not all(isinstance(f, ast.Name) for f in lhs):
        return None
    (matrix_node, unknown), rhs_node = lhs, node.operands[1]
    matrix = lookup(ctx, matrix_node.name)
    if not is_explicit(matrix) or lookup(ctx, unknown.name) is not None \
            or mentions(rhs_node, unknown.name):
        return None
    rhs = ctx.value_of(rhs_node)
    if isinstance(rhs, ZeroLike) or rhs == 0:
        rhs = _matrix(matrix.zeros(matrix.rows, 1))
    if not (is_matrix(rhs) and rhs.shape[1] == 1):
        return None
    if rhs.rows != matrix.rows:
        raise ShapeError(f"{describe(matrix)} times a vector has {matrix.rows} entries, but "
                         f"the right side is {describe(rhs)}", rhs_node.span)
    return matrix, unknown.name, rhs


def _two_factors(node):
    if isinstance(node, ast.Juxtapose) and len(node.factors) == 2:
        return node.factors
    if isinstance(node, (ast.Dot, ast.Star)):
        return (node.left, node.right)
    return None
