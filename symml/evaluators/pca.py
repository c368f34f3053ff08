"""Sample covariance and PCA of a data matrix (rows = samples), exact, with the guide's
steps: centre → covariance → eigen → sort → project."""
from __future__ import annotations

from ..errors import DomainError, ShapeError, SymmlError
from ..render.latex import latex
from ..semantics.kinds import describe, is_matrix
from ..syntax import ast
from .linalg import characteristic_polynomial
from .registry import Context, calls


@calls("Cov")
def cov_call(node: ast.Call, ctx: Context):
    """`Cov(X)` of a data matrix; Cov of random variables belongs to probability."""
    if len(node.args) != 1:
        return NotImplemented
    data = ctx.value_of(node.args[0])
    if not is_matrix(data):
        return NotImplemented
    return covariance(_data_matrix(data, node.args[0]), ctx)


@calls("PCA")
def pca_call(node: ast.Call, ctx: Context):
    """`PCA(X, k)` → ((λ, unit eigenvector) × k, explained-variance ratios, projected data)."""
    from sympy import ImmutableMatrix, Tuple, simplify

    if len(node.args) != 2:
        raise SymmlError("PCA takes a data matrix and a number of components: PCA(X, k)",
                         node.span)
    data = _data_matrix(ctx.value_of(node.args[0]), node.args[0])
    k = _component_count(ctx.value_of(node.args[1]), data.cols, node.args[1])
    cov = covariance(data, ctx)
    pairs = sorted_eigenpairs(cov, ctx)
    top = pairs[:k]
    total = sum(value for value, _ in pairs)
    if total == 0:
        raise DomainError("the data have no variance, so there are no principal components",
                          node.args[0].span)
    ratios = Tuple(*[value / total for value, _ in top])
    if ctx.want_steps:
        _ratio_step([value for value, _ in pairs], k, ratios, ctx)
    components = ImmutableMatrix.hstack(*[vector for _, vector in top])
    centred, _ = centre(data)
    projected = ImmutableMatrix(centred * components).applyfunc(simplify)
    if ctx.want_steps:
        from sympy import MatrixSymbol

        from ..steps.notation_calculus import Written

        ctx.step("Project the centred data onto the components",
                 Written("", MatrixSymbol("X_c", *centred.shape),
                         MatrixSymbol("W", *components.shape)),
                 Written(" ", centred, components), projected)
    return Tuple(Tuple(*[Tuple(value, vector) for value, vector in top]), ratios, projected)


def _ratio_step(eigenvalues: list, k: int, ratios, ctx: Context) -> None:
    r"""Each top eigenvalue over the sum of all, as the guide writes a ratio:
    `\frac{\lambda_{1}}{\lambda_{1} + \lambda_{2}} = \frac{\frac{8}{3}}{\frac{8}{3} +
    \frac{2}{3}} = \frac{4}{5}` (a tuple of such ratios for k > 1)."""
    from sympy import Add, Symbol, Tuple

    from ..steps.notation_calculus import Over

    names = [Symbol(f"lambda_{i}") for i in range(1, len(eigenvalues) + 1)]
    everything = Add(*eigenvalues, evaluate=False)
    lines = (Tuple(*[names[i] / Add(*names) for i in range(k)]),
             Tuple(*[Over(eigenvalues[i], everything) for i in range(k)]), ratios)
    if k == 1:
        lines = tuple(line[0] for line in lines)
    title = ("Explained-variance ratio of the first component: its eigenvalue over the sum "
             "of all" if k == 1 else f"Explained-variance ratios of the top {k} components: "
             "each eigenvalue over the sum of all")
    ctx.step((title,), *lines)


def _data_matrix(value, node):
    if not is_matrix(value) or value.rows < 2:
        raise ShapeError(f"a data matrix needs at least two rows (samples), got "
                         f"{describe(value)}", node.span)
    if any(not isinstance(d, int) for d in value.shape):
        raise ShapeError(f"the data matrix needs entries, not {describe(value)}", node.span)
    return value


def _component_count(value, features: int, node) -> int:
    if not getattr(value, "is_Integer", False) or not 1 <= value <= features:
        raise DomainError(f"the number of components must be a whole number from 1 to "
                          f"{features} (the number of features), got {latex(value)}",
                          node.span)
    return int(value)


def centre(data):
    """Subtract each column's mean."""
    from sympy import ImmutableMatrix, ones

    means = ImmutableMatrix(1, data.cols, [sum(data.col(j)) / data.rows
                                           for j in range(data.cols)])
    return ImmutableMatrix(data - ones(data.rows, 1) * means), means


def covariance(data, ctx: Context):
    """S = X_cᵀ X_c / (n − 1), the sample covariance."""
    from sympy import ImmutableMatrix

    centred, means = centre(data)
    n = data.rows
    result = ImmutableMatrix(centred.T * centred / (n - 1))
    if not ctx.want_steps:
        return result
    from sympy import Integer, MatrixSymbol, Pow, Symbol, Transpose

    from ..steps.notation_calculus import Written

    X_c = MatrixSymbol("X_c", *centred.shape)
    ctx.step("Column means", MatrixSymbol("mu", *means.shape), means)
    ctx.step("Centre: subtract each column's mean", X_c, centred)
    size = Symbol("n")
    ctx.step(("Sample covariance: divide by", size - 1),
             Written(" ", 1 / (size - 1), Written("", Transpose(X_c), X_c)),
             Written(" ", Pow(Integer(n - 1), -1, evaluate=False),
                     ImmutableMatrix(centred.T * centred)),
             result)
    return result


def sorted_eigenpairs(matrix, ctx: Context) -> list:
    """[(λ, unit eigenvector)] by λ descending; an eigenspace gets an orthonormal basis."""
    from sympy import GramSchmidt, ImmutableMatrix, Tuple, simplify

    characteristic_polynomial(matrix, ctx)
    pairs = []
    for value, _, vectors in matrix.eigenvects():
        for vector in GramSchmidt(vectors, True):
            unit = ImmutableMatrix(vector).applyfunc(simplify)  # GramSchmidt leaves nested roots
            pairs.append((value, _first_entry_positive(unit)))
    pairs.sort(key=lambda pair: pair[0], reverse=True)
    ctx.step("Eigenpairs (unit eigenvectors), sorted by eigenvalue, largest first",
             Tuple(*[Tuple(value, vector) for value, vector in pairs]))
    return pairs


def _first_entry_positive(vector):
    """Fix an eigenvector's sign: its first non-zero entry is positive."""
    first = next(x for x in vector if x != 0)
    return -vector if first.is_negative else vector
