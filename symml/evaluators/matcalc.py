"""Matrix calculus at symbolic sizes, by differentials (Magnus–Neudecker).

`differential(f, X)` applies the rules of `RULES` (named as the Matrix Cookbook names them:
product rule (37), Jacobi's formula (42), d ln det (43), ...) to get df, linear in dX.
`identify` then writes each term of a scalar df as tr(M dX) by trace cyclicity and reads
off the gradient, ∂f/∂X = Mᵀ (denominator layout: the shape of X); a vector df = J dx
gives the Jacobian J (NOTATION §4: row i is the gradient of output i).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

from ..errors import ShapeError, SymmlError
from ..semantics.matexpr import Diag, Differential, Elementwise, Entry, is_a


class NotLinear(SymmlError):
    """A differential symml cannot bring to the form tr(M dX)."""


# --- differentials: one rule per kind of expression ----------------------------------
@dataclass(frozen=True)
class Rule:
    """A rule of the differential: `applies(expr)`, then `apply(expr, d)` with `d` the
    differential of a part. `name` and `law` (LaTeX) are the step's title."""

    name: str
    law: str
    applies: Callable[[Any], bool]
    apply: Callable[[Any, Callable], Any]


def _zero_like(expr):
    from sympy import S, ZeroMatrix

    return ZeroMatrix(*expr.shape) if getattr(expr, "is_Matrix", False) else S.Zero


def _product(factors, d):
    """d(F₁F₂…F_k) = Σ F₁…dF_i…F_k over the factors that vary (scalars included)."""
    terms = []
    for i, factor in enumerate(factors):
        d_factor = d(factor)
        if _is_zero(d_factor):
            continue
        terms.append(_mul(*factors[:i], d_factor, *factors[i + 1:]))
    return _add(terms, factors)


def _mul(*factors):
    from sympy import MatMul, Mul

    scalars = [f for f in factors if not getattr(f, "is_Matrix", False)]
    matrices = [f for f in factors if getattr(f, "is_Matrix", False)]
    if not matrices:
        return Mul(*scalars)
    return MatMul(Mul(*scalars), *matrices).doit(deep=False) if scalars else \
        MatMul(*matrices).doit(deep=False)


def _add(terms, like):
    from sympy import Add, MatAdd

    if not terms:
        return _zero_like(like[0] if isinstance(like, list) else like)
    if any(getattr(t, "is_Matrix", False) for t in terms):
        return MatAdd(*terms).doit(deep=False) if len(terms) > 1 else terms[0]
    return Add(*terms)


def _is_zero(value) -> bool:
    return value == 0 or getattr(value, "is_ZeroMatrix", False)


def _scalar_atoms(expr, X) -> list:
    """The matrix-valued pieces of a scalar expression that depend on X (xᵀAx, tr, det,
    ‖v‖²), outermost first."""
    from sympy import Determinant, Pow, Trace

    found, stack = [], [expr]
    while stack:
        node = stack.pop()
        if not node.has(X):
            continue
        squared_norm = isinstance(node, Pow) and is_a(node.base, "Norm") and node.exp == 2
        if squared_norm or isinstance(node, (Trace, Determinant)) or is_a(node, "Entry") \
                or is_a(node, "Norm"):
            found.append(node)
        else:
            stack.extend(node.args)
    return list(dict.fromkeys(found))


def _chain(expr, d):
    """A scalar function of matrix pieces u_i: df = Σ ∂f/∂u_i du_i (the chain rule)."""
    from sympy import Dummy

    atoms = _scalar_atoms(expr, d.variable)
    dummies = {atom: Dummy("u") for atom in atoms}
    back = {dummy: atom for atom, dummy in dummies.items()}
    replaced = expr.xreplace(dummies)
    if replaced.free_symbols & set(d.variable.free_symbols):
        raise NotLinear("this function of a matrix cannot be differentiated symbolically")
    return _add([replaced.diff(dummy).xreplace(back) * d(atom)
                 for atom, dummy in dummies.items()], expr)


def _elementwise_derivative(node):
    """f'(U) entry by entry: σ'(U) = σ(U) ⊙ (1 − σ(U)), exp, 1/U for ln, tanh'."""
    from sympy import HadamardPower

    u, name = node.matrix, node.name
    if name in ("sigma", "tanh"):
        return Elementwise(name + "'", u)
    if name == "exp":
        return node
    if name == "ln":
        return HadamardPower(u, -1)
    raise NotLinear(f"no elementwise derivative is known for {name}")


def _softmax_jacobian(s):
    """diag(s) − s sᵀ."""
    return Diag(s) - s * s.T


def _is(cls_name: str):
    import sympy

    cls = getattr(sympy, cls_name)
    return lambda expr: isinstance(expr, cls)


def _log_det(expr) -> bool:
    from sympy import Determinant, log

    return isinstance(expr, log) and isinstance(expr.args[0], Determinant)


def _squared_norm(expr) -> bool:
    from sympy import Pow

    return isinstance(expr, Pow) and is_a(expr.base, "Norm") and expr.exp == 2


def _inverse(expr, d):
    return -_mul(expr, d(expr.arg), expr)


def _determinant(expr, d):
    from sympy import Inverse, Trace

    return expr * Trace(_mul(Inverse(expr.arg), d(expr.arg)))


def _ln_det(expr, d):
    from sympy import Inverse, Trace

    (det,) = expr.args
    return Trace(_mul(Inverse(det.arg), d(det.arg)))


def _squared_norm_rule(expr, d):
    from sympy import Trace

    v = expr.base.matrix
    if expr.base.kind == "F":
        return 2 * Trace(_mul(v.T, d(v)))
    return 2 * Entry(_mul(v.T, d(v)))


def _norm(expr, d):
    from sympy import Trace

    v = expr.matrix
    inner = Trace(_mul(v.T, d(v))) if expr.kind == "F" else Entry(_mul(v.T, d(v)))
    return inner / expr


def _mat_power(expr, d):
    from sympy import Integer, Inverse

    base, exponent = expr.args
    if exponent == -1:
        return _inverse(Inverse(base), d)
    if isinstance(exponent, Integer) and exponent > 0:
        return _product([base] * int(exponent), d)
    raise NotLinear("only whole powers of a matrix are differentiated here")


def _hadamard(expr, d):
    from sympy import HadamardProduct

    terms = []
    for i, factor in enumerate(expr.args):
        d_factor = d(factor)
        if not _is_zero(d_factor):
            terms.append(HadamardProduct(*expr.args[:i], d_factor, *expr.args[i + 1:]))
    return _add(terms, expr)


def _trace(matrix):
    from sympy import Trace

    return Trace(matrix)


def _hadamard_of(a, b):
    from sympy import HadamardProduct

    return HadamardProduct(a, b)


def _matmul(expr, d):
    return _product(list(expr.args), d)


X_, Y_, U_ = r"\mathbf{X}", r"\mathbf{Y}", r"\mathbf{U}"
RULES: tuple[Rule, ...] = (
    Rule("Sum rule (Cookbook 35)", rf"d({X_} + {Y_}) = d{X_} + d{Y_}", _is("MatAdd"),
         lambda e, d: _add([d(a) for a in e.args], e)),
    Rule("Product rule (Cookbook 37)", rf"d({X_}{Y_}) = d{X_}\,{Y_} + {X_}\,d{Y_}",
         _is("MatMul"), _matmul),
    Rule("Transpose (Cookbook 44)", rf"d{X_}^\top = (d{X_})^\top", _is("Transpose"),
         lambda e, d: d(e.arg).T),
    Rule("Inverse (Cookbook 40)", rf"d({X_}^{{-1}}) = -{X_}^{{-1}}\,d{X_}\,{X_}^{{-1}}",
         _is("Inverse"), _inverse),
    Rule("Power of a matrix, by the product rule", rf"d({X_}^2) = d{X_}\,{X_} + {X_}\,d{X_}",
         _is("MatPow"), _mat_power),
    Rule("Hadamard product (Cookbook 38)",
         rf"d({X_} \odot {Y_}) = d{X_} \odot {Y_} + {X_} \odot d{Y_}",
         _is("HadamardProduct"), _hadamard),
    Rule("Trace (Cookbook 36)", rf"d\operatorname{{tr}}({X_}) = \operatorname{{tr}}(d{X_})",
         _is("Trace"), lambda e, d: _trace(d(e.arg))),
    Rule("Jacobi's formula (Cookbook 42)",
         rf"d\det {X_} = \det {X_} \operatorname{{tr}}({X_}^{{-1}} d{X_})",
         _is("Determinant"), _determinant),
    Rule("Log-determinant (Cookbook 43)",
         rf"d\ln\det {X_} = \operatorname{{tr}}({X_}^{{-1}} d{X_})", _log_det, _ln_det),
    Rule("Squared norm", r"d\|\mathbf{v}\|^2 = d(\mathbf{v}^\top\mathbf{v}) = "
         r"2\mathbf{v}^\top d\mathbf{v}, \quad d\|\mathbf{X}\|_F^2 = "
         r"2\operatorname{tr}(\mathbf{X}^\top d\mathbf{X})", _squared_norm, _squared_norm_rule),
    Rule("Norm", r"d\|\mathbf{v}\| = \frac{\mathbf{v}^\top d\mathbf{v}}{\|\mathbf{v}\|}",
         lambda e: is_a(e, "Norm"), _norm),
    Rule("Elementwise function", rf"d f({U_}) = f'({U_}) \odot d{U_}",
         lambda e: is_a(e, "Elementwise"),
         lambda e, d: _hadamard_of(_elementwise_derivative(e), d(e.matrix))),
    Rule("Softmax", r"d\mathbf{s} = (\operatorname{diag}(\mathbf{s}) - \mathbf{s}"
         r"\mathbf{s}^\top)\,d\mathbf{z}", lambda e: is_a(e, "Softmax"),
         lambda e, d: _mul(_softmax_jacobian(e), d(e.vector))),
    Rule("A 1×1 product is its entry", "", lambda e: is_a(e, "Entry"),
         lambda e, d: Entry(d(e.matrix))),
    Rule("Chain rule", r"d f(u) = f'(u)\,du", lambda e: getattr(e, "is_Matrix", False) is False,
         _chain),
)
QUIET = {"A 1×1 product is its entry", "Transpose (Cookbook 44)", "Sum rule (Cookbook 35)"}


def differential(expr, X, steps: list | None = None):
    """df for f = `expr`, with dX = `Differential(X)`; each rule applied is recorded in
    `steps` as (rule, the part, its differential), outer rule first."""
    return _Differentiator(X, steps)(expr)


class _Differentiator:
    """d(part) for the rules: the variable X, its differential dX, the step records."""

    def __init__(self, variable, steps):
        self.variable, self.D, self.steps = variable, Differential(variable), steps

    def __call__(self, expr):
        if not expr.has(self.variable):
            return _zero_like(expr)
        if expr == self.variable:
            return self.D
        for rule in RULES:
            if rule.applies(expr):
                slot = None
                if self.steps is not None and rule.name not in QUIET:
                    slot = len(self.steps)
                    self.steps.append(None)
                value = rule.apply(expr, self)
                if slot is not None:
                    self.steps[slot] = (rule, expr, value)
                return value
        raise NotLinear(f"no rule of matrix calculus applies to {type(expr).__name__}")


# --- identification: df = tr(M dX) ⟹ ∂f/∂X = Mᵀ -----------------------------------------
def _scalar_terms(expr, D) -> list:
    """A scalar df as [(coefficient, P)] with df = Σ c · tr(P) (an Entry is a 1×1 trace)."""
    from sympy import Trace

    if not expr.has(D):
        return []
    if expr.is_Add:
        return [term for arg in expr.args for term in _scalar_terms(arg, D)]
    if expr.is_Mul:
        varying = [a for a in expr.args if a.has(D)]
        if len(varying) != 1:
            raise NotLinear("the differential is not linear in " + str(D))
        coefficient = expr.func(*[a for a in expr.args if not a.has(D)])
        return [(coefficient * c, p) for c, p in _scalar_terms(varying[0], D)]
    if is_a(expr, "Entry"):
        return [(1, expr.matrix)]
    if isinstance(expr, Trace):
        return [(1, expr.arg)]
    raise NotLinear("the differential is not linear in " + str(D))


def _matrix_terms(M, D) -> list:
    """M (linear in dX) as [(coefficient, [factors])], one factor of each holding dX
    (dX, dXᵀ or a Hadamard product)."""
    from sympy import HadamardProduct, MatAdd, MatMul, Transpose

    if M == D or M == D.T:
        return [(1, [M])]
    if isinstance(M, MatAdd):
        return [t for arg in M.args if arg.has(D) for t in _matrix_terms(arg, D)]
    if isinstance(M, MatMul):
        coefficient, *matrices = M.args if not M.args[0].is_Matrix else (1, *M.args)
        if coefficient != 1 and coefficient.has(D):  # v (dxᵀa) = v (aᵀdx): 1×1 moves right
            return [(c2 * c3, matrices + _d_last(fs, D))
                    for c2, p in _scalar_terms(coefficient, D)
                    for c3, fs in _matrix_terms(p, D)]
        i = next(k for k, f in enumerate(matrices) if f.has(D))
        return [(coefficient * c, matrices[:i] + fs + matrices[i + 1:])
                for c, fs in _matrix_terms(matrices[i], D)]
    if isinstance(M, Transpose):
        return [(c, [f.T for f in reversed(fs)]) for c, fs in _matrix_terms(M.arg, D)]
    if isinstance(M, HadamardProduct):
        return [(1, [M])]
    raise NotLinear("the differential is not linear in " + str(D))


def _d_last(factors, D) -> list:
    """A 1×1 product equals its transpose: dxᵀa → aᵀdx."""
    if factors and factors[0] == D.T:
        return [f.T for f in reversed(factors)]
    return factors


def _product_of(factors, size):
    from sympy import Identity, MatMul

    if not factors:
        return Identity(size)
    return MatMul(*factors).doit(deep=False) if len(factors) > 1 else factors[0]


def _trace_gradient(coefficient, factors, D) -> list:
    """tr(c F₁…F_k) with one F_i holding dX → [c Mᵀ] where the trace is tr(M dX)."""
    from sympy import HadamardProduct

    i = next(k for k, f in enumerate(factors) if f.has(D))
    held = factors[i]
    M = _product_of(factors[i + 1:] + factors[:i], held.shape[1])
    if held == D:
        return [coefficient * M.T]
    if held == D.T:
        return [coefficient * M]
    # tr(M (h ⊙ V)) = tr((Mᵀ ⊙ h)ᵀ V)
    h = [a for a in held.args if not a.has(D)]
    (V,) = [a for a in held.args if a.has(D)]
    moved = HadamardProduct(M.T, *h).T
    return [g for c, fs in _matrix_terms(V, D)
            for g in _trace_gradient(coefficient * c, [moved, *fs], D)]


def gradient_from(df, X) -> Any:
    """∂f/∂X from the scalar differential df (the shape of X)."""
    D = Differential(X)
    parts = [g for c, p in _scalar_terms(df, D) for c2, fs in _matrix_terms(p, D)
             for g in _trace_gradient(c * c2, fs, D)]
    return tidy(_add(parts, X) if parts else _zero_like(X))


def jacobian_from(df, x) -> Any:
    """J from the vector differential df = J dx (x a column)."""
    D = Differential(x)
    parts = []
    for c, fs in _matrix_terms(df, D):
        parts.extend(_jacobian_terms(c, fs, D))
    if not parts:
        from sympy import ZeroMatrix

        return ZeroMatrix(df.shape[0], x.shape[0])
    return tidy(_add(parts, df))


def _jacobian_terms(coefficient, factors, D) -> list:
    from sympy import HadamardProduct

    *head, last = factors
    if last == D:
        return [coefficient * _product_of(head, D.shape[0])]
    if isinstance(last, HadamardProduct):  # h ⊙ V = diag(h) V
        h = [a for a in last.args if not a.has(D)]
        (V,) = [a for a in last.args if a.has(D)]
        diag = Diag(h[0] if len(h) == 1 else HadamardProduct(*h))
        return [t for c, fs in _matrix_terms(V, D)
                for t in _jacobian_terms(coefficient * c, [*head, diag, *fs], D)]
    raise NotLinear("the Jacobian needs the differential in the form J dx")


def tidy(expr):
    """`Ax + Aᵀx` → `(A + Aᵀ)x`: terms with one last factor share it; a scalar coefficient
    that is a sum is put over one denominator and factored."""
    from sympy import MatAdd, MatMul, factor, together

    if isinstance(expr, MatMul):
        coefficient, matrices = expr.as_coeff_matrices()
        if coefficient.is_Add:
            return MatMul(factor(together(coefficient)), *matrices)
    if not isinstance(expr, MatAdd) or not all(isinstance(t, MatMul) for t in expr.args):
        return expr
    splits = [t.as_coeff_mmul() for t in expr.args]
    lasts = {m.args[-1] if isinstance(m, MatMul) else m for _, m in splits}
    if len(lasts) == 1 and all(isinstance(m, MatMul) for _, m in splits):
        (last,) = lasts
        rest = [c * _product_of(list(m.args[:-1]), 0) for c, m in splits]
        return MatMul(MatAdd(*rest).doit(deep=False), last)
    return expr


# --- the shape of the answer ----------------------------------------------------------
def is_symbolic(value) -> bool:
    """A matrix of symbolic size (a matrix expression, not a matrix of entries)."""
    from sympy import MatrixBase

    return getattr(value, "is_Matrix", False) and not isinstance(value, MatrixBase)


def derivative(expr, X, steps: list | None = None):
    """∂f/∂X for a scalar f (shape of X), or the Jacobian ∂f/∂x of a vector f by a vector x."""
    df = differential(expr, X, steps)
    if not getattr(expr, "is_Matrix", False) or expr.shape == (1, 1):
        if getattr(expr, "is_Matrix", False):
            df = Entry(df)
        return df, gradient_from(df, X)
    if expr.shape[1] == 1 and X.shape[1] == 1:
        return df, jacobian_from(df, X)
    raise ShapeError("the derivative of a vector or matrix by a matrix is a tensor of order "
                     "3 or 4; symml differentiates scalars by vectors and matrices and vectors "
                     "by vectors")


def scalar_form(value):
    """A 1×1 matrix expression as its entry (xᵀAx as a scalar)."""
    if is_symbolic(value) and value.shape == (1, 1):
        return Entry(value)
    return value
