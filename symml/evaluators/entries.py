"""Identities between entries with letter indices: `(\\mathbf{A}^\\top)_{i,j} = \\mathbf{A}_{j,i}`
for a matrix with entries, i and j not defined, is a check for every index in range."""
from __future__ import annotations

from ..errors import SymmlError
from ..render.latex import symbol_latex
from ..semantics.kinds import is_matrix
from ..syntax import ast
from .names import lookup
from .registry import Context, StatementResult, inline, statement_rule

MAX_CASES = 400  # index combinations checked one by one


@statement_rule(priority=36)
def entrywise_identity(node, ctx: Context):
    """Claims `lhs = rhs` when some subscript of a matrix with entries has undefined one-letter
    indices: true when it holds for every index value (noted), else false with a case."""
    import itertools

    import sympy

    if node.ops != ("=",) or _has(node, ast.BigOp):  # ∑_i binds its own index
        return None
    ranges = _index_ranges(node, ctx)
    if not ranges:
        return None
    names = sorted(ranges)
    cases = list(itertools.product(*(range(1, ranges[n] + 1) for n in names)))
    if len(cases) > MAX_CASES:
        return None
    for case in cases:
        if not _holds(node, ctx, dict(zip(names, case))):
            where = ", ".join(f"{symbol_latex(n)} = {k}" for n, k in zip(names, case))
            ctx.note(f"false for {inline(where)} (checked entry by entry)")
            return StatementResult("check", sympy.false)
    every = " and ".join(inline(f"{symbol_latex(n)} = 1, \\ldots, {ranges[n]}") for n in names)
    ctx.note(f"checked for every {every}")
    return StatementResult("check", sympy.true)


def _has(node: ast.Node, kind: type) -> bool:
    stack = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, kind):
            return True
        stack.extend(current.children())
    return False


def _holds(node, ctx: Context, values: dict) -> bool:
    import sympy

    bound = ctx.quiet().with_bound({n: sympy.Integer(k) for n, k in values.items()})
    left, right = (bound.value_of(operand) for operand in node.operands)
    if is_matrix(left) or is_matrix(right):
        return is_matrix(left) and is_matrix(right) and left.shape == right.shape and \
            sympy.ImmutableMatrix(left - right).applyfunc(sympy.simplify).is_zero_matrix
    return sympy.simplify(left - right) == 0


def _index_ranges(node: ast.Node, ctx: Context) -> dict:
    """{index letter: its range} from the subscripts of matrices with entries; {} when a
    subscript with such letters is not an entry of one, or a letter has two ranges."""
    ranges: dict = {}
    stack = [node]
    while stack:
        current = stack.pop()
        stack.extend(current.children())
        if not isinstance(current, ast.Subscript):
            continue
        letters = [i.name for i in current.index if isinstance(i, ast.Name)]
        if len(letters) != len(current.index) or any(
                len(n) != 1 or lookup(ctx, n) is not None for n in letters):
            continue
        shape = _entry_shape(current.base, len(letters), ctx)
        if shape is None:  # `C_{i,j}` of an undefined C: a name (a definition), not an entry
            return {}
        for letter, size in zip(letters, shape):
            if ranges.setdefault(letter, size) != size:
                return {}
    return ranges


def _entry_shape(base: ast.Node, count: int, ctx: Context):
    """The shape a subscript of `count` indices runs over, for a matrix with entries."""
    from ..semantics.kinds import is_explicit

    try:
        value = lookup(ctx, base.name) if isinstance(base, ast.Name) \
            else ctx.quiet().value_of(base)
    except SymmlError:
        return None
    if not (is_matrix(value) and is_explicit(value)):
        return None
    if count == 2:
        return value.shape
    if count == 1 and 1 in value.shape:
        return (len(value),)
    return None

