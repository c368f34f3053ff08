"""Names and subscripts: a defined value, an entry, a function or a symbol."""
from __future__ import annotations

from ..errors import ShapeError, SymmlError, UndefinedNameError
from ..semantics.kinds import (AbstractFunction, BuiltinFunction, describe, is_array,
                               is_explicit, is_matrix)
from ..semantics.placeholders import IdentityLike, ZeroLike
from ..syntax import ast
from .registry import SUBSCRIPT_HANDLERS, Context, first_claim, handles

ABSTRACT_FUNCTIONS = {"f", "g", "h"}
BUILTIN_FUNCTIONS = {"sin", "cos", "tan", "cot", "sec", "csc", "sinh", "cosh", "tanh", "asin",
                     "acos", "atan", "exp", "ln", "log", "lg", "sqrt", "ReLU", "relu",
                     "softmax", "sigmoid", "max", "min", "abs", "erf", "erfc", "erfinv",
                     "asinh", "acosh", "atanh", "coth", "acot", "asec", "acsc", "acoth",
                     "Heaviside", "re", "im", "sign", "arg",
                     "floor", "ceiling", "gcd", "lcm"}


def lookup(ctx: Context, name: str):
    """The value bound or defined for `name`, or None."""
    if name in ctx.bound:
        return ctx.bound[name]
    return ctx.workspace.lookup(name)


@handles(ast.Name)
def name_value(node: ast.Name, ctx: Context):
    value = lookup(ctx, node.name)
    if value is not None:
        return value
    return builtin_name(node.name, ctx, node.span)


def builtin_constant(name: str):
    """π, e and ∞ (None for any other name)."""
    import sympy

    return {"pi": sympy.pi, "e": sympy.E, "infty": sympy.oo,
            "imaginaryunit": sympy.I}.get(name)


def builtin_name(name: str, ctx: Context, span=None):
    constant = builtin_constant(name)
    if constant is not None:
        return constant
    if name == "I":
        return IdentityLike()
    if name == "mathbf{0}":
        return ZeroLike()
    if name in BUILTIN_FUNCTIONS:
        return BuiltinFunction(name)
    if name in ABSTRACT_FUNCTIONS:
        return AbstractFunction(name)
    if _is_unknown_word(name, ctx):
        from .registry import CALL_HANDLERS

        if name in CALL_HANDLERS:
            raise SymmlError(f"`{name}` needs an argument, as in {name}(A)", span)
        raise UndefinedNameError(f"unknown name `{name}`{_suggestion(name, ctx)}", span)
    return ctx.workspace.symbol(name)


def _is_unknown_word(name: str, ctx: Context) -> bool:
    r"""A word of several letters (`\operatorname{foo}`) that nothing defines; single letters,
    Greek letters and `\mathcal{X}`-style names are symbols."""
    from ..render.latex import GREEK

    return len(name) > 1 and name.isidentifier() and name not in GREEK \
        and name not in ctx.workspace.symbols


def _suggestion(name: str, ctx: Context) -> str:
    import difflib

    from .registry import CALL_HANDLERS

    known = set(BUILTIN_FUNCTIONS) | set(CALL_HANDLERS) | set(ctx.workspace.values)
    close = difflib.get_close_matches(name, sorted(known), n=1, cutoff=0.6)
    return f"; did you mean `{close[0]}`?" if close else ""


@handles(ast.Subscript)
def subscript_value(node: ast.Subscript, ctx: Context):
    if not isinstance(node.base, (ast.Name, ast.Accent, ast.Subscript, ast.Prime)):
        return _expression_entry(node, ctx)
    if isinstance(node.base, ast.Name):
        base_value = lookup(ctx, node.base.name)
        if base_value is not None and (is_matrix(base_value) or is_array(base_value)) \
                and not _is_label(node, ctx):
            indices = [ctx.value_of(index) for index in node.index]
            if all(getattr(i, "is_Integer", False) for i in indices):
                return entry(base_value, indices, node, ctx)
        if base_value is None:
            if node.base.name == "I" and len(node.index) == 1:
                size = ctx.value_of(node.index[0])
                if getattr(size, "is_Integer", False) and size > 0:
                    return IdentityLike().sized(size, node)
                if getattr(size, "is_Symbol", False):
                    return IdentityLike(size=size)
            if node.base.name == "mathbf{0}":
                return _sized_zero(node, ctx)
            result = first_claim(SUBSCRIPT_HANDLERS.get(node.base.name, []), node, ctx)
            if result is not NotImplemented:
                return result
    indexed = _indexed(node, ctx)
    if indexed is not None:
        return indexed
    _refuse_symbolic_entry(node, ctx)
    name = subscripted_name(node, ctx)
    value = lookup(ctx, name)
    return value if value is not None else ctx.workspace.symbol(name)


def _refuse_symbolic_entry(node: ast.Subscript, ctx: Context) -> None:
    """`x_i` of a defined vector inside `\\sum_{i=1}^{m}` (symbolic m) is an entry that cannot
    be picked: refused, never read as a new name `x_i` (which would give a wrong sum)."""
    base = lookup(ctx, node.base.name) if isinstance(node.base, ast.Name) else None
    if not (is_matrix(base) or is_array(base)):
        return
    bound = [ctx.bound.get(i.name) for i in node.index if isinstance(i, ast.Name)]
    if any(getattr(b, "is_Symbol", False) for b in bound):
        raise ShapeError(f"`{node.base.name}` is defined, so its entries need whole-number "
                         "indices: give the sum numeric bounds (\\sum_{i=1}^{3})", node.span)


def _sized_zero(node: ast.Subscript, ctx: Context):
    """`\\mathbf{0}_3` the zero 3-vector, `\\mathbf{0}_{2 \\times 3}` the 2×3 zero matrix."""
    index = node.index
    if len(index) == 1 and isinstance(index[0], ast.Cross):
        index = (index[0].left, index[0].right)
    dims = [ctx.value_of(i) for i in index]
    if len(dims) > 2 or not all(getattr(d, "is_Symbol", False) or (
            getattr(d, "is_Integer", False) and d > 0) for d in dims):
        raise ShapeError("the zero vector or matrix needs sizes such as \\mathbf{0}_3 or "
                         "\\mathbf{0}_{2 \\times 3}", node.span)
    return ZeroLike().sized((dims[0], dims[-1] if len(dims) == 2 else 1), node)


def _indexed(node: ast.Subscript, ctx: Context):
    """`a_i` inside `\\sum_{i=1}^{n}` (i bound to an integer symbol) of an undefined name or
    a vector of symbolic size: SymPy's `a[i]`."""
    base = lookup(ctx, node.base.name) if isinstance(node.base, ast.Name) else False
    if not (base is None or (is_matrix(base) and not is_explicit(base))):
        return None
    indices = [ctx.bound.get(i.name) if isinstance(i, ast.Name) else None for i in node.index]
    if not all(getattr(i, "is_Symbol", False) and i.is_integer for i in indices):
        return None
    from sympy import IndexedBase

    return IndexedBase(node.base.name)[tuple(indices)]


def _is_label(node: ast.Subscript, ctx: Context) -> bool:
    """`θ_{old}` while θ is bound to a vector: a word subscript names a variable."""
    return all(isinstance(i, ast.Name) and len(i.name) > 1 and lookup(ctx, i.name) is None
               for i in node.index)


def _expression_entry(node: ast.Subscript, ctx: Context):
    """`(\\mathbf{A}^\\top)_{i,j}`: an entry of the matrix a bracket evaluates to."""
    value = ctx.value_of(node.base)
    if not (is_matrix(value) or is_array(value)):
        raise SymmlError(f"a subscript after a bracket picks an entry, but this is "
                         f"{describe(value)}", node.span)
    indices = [ctx.value_of(index) for index in node.index]
    if (is_explicit(value) or is_array(value)) \
            and not all(getattr(i, "is_Integer", False) for i in indices):
        raise ShapeError(f"an entry of {describe(value)} needs whole-number indices; define "
                         "them (i = 1) or declare the matrix with symbolic sizes "
                         "(\\mathbb{R}^{m \\times n})", node.span)
    return entry(value, indices, node, ctx)


def entry(value, indices, node, ctx: Context):
    """`A_{i,j}` (1-based, as in the guide) of a matrix, vector or tensor."""
    shape = value.shape
    if any(getattr(d, "free_symbols", None) for d in shape):
        return _symbolic_entry(value, indices, node, ctx)
    if is_matrix(value) and len(indices) == 1 and 1 in shape:
        indices = [indices[0], 1] if shape[1] == 1 else [1, indices[0]]
    elif is_matrix(value) and len(indices) == 1 and 10 <= indices[0] <= 99:
        indices = list(divmod(int(indices[0]), 10))  # `A_{12}` is A_{1,2}, as notes write it
    if len(indices) != len(shape):
        raise ShapeError(f"{describe(value)} needs {len(shape)} indices, got {len(indices)}",
                         node.span)
    for index, size in zip(indices, shape):
        if not 1 <= index <= size:
            raise ShapeError(f"index {index} is outside 1..{size} of {describe(value)}",
                             node.span)
    position = tuple(int(i) - 1 for i in indices)
    return value[position] if is_array(value) else value[position[0], position[1]]


def _symbolic_entry(value, indices, node, ctx: Context):
    """An entry of a matrix expression of symbolic size, written with the entry names a
    declaration gives (`A_{1,2}`); `(A^\\top)_{i,j}` is `A_{j,i}`."""
    from sympy import MatrixSymbol
    from sympy.matrices.expressions.matexpr import MatrixElement

    if len(indices) == 1 and value.shape[1] == 1:
        indices = [indices[0], 1]
    if len(indices) != 2 or any(getattr(i, "is_Integer", False) and i < 1 for i in indices):
        raise ShapeError(f"{describe(value)} needs two indices from 1, got "
                         f"{', '.join(str(i) for i in indices)}", node.span)
    element = value[indices[0] - 1, indices[1] - 1]
    return element.replace(
        lambda e: isinstance(e, MatrixElement) and isinstance(e.parent, MatrixSymbol),
        lambda e: _entry_symbol(e, ctx))


def _entry_symbol(element, ctx: Context):
    """The symbol of a declared matrix's entry: real for numeric indices (`A_{1,2}`), named
    as `A_{j,i}` is typed for symbolic ones, SymPy's `A[k, j]` for a summation index."""
    from sympy import Dummy, IndexedBase, Symbol

    from ..render.latex import latex

    matrix = element.parent
    labels = [element.i + 1, element.j + 1][:1 if matrix.shape[1] == 1 else 2]
    if any(i.atoms(Dummy) for i in labels):  # (A\mathbf{x})_1 = \sum_k A_{1,k} x_k
        return IndexedBase(matrix.name)[tuple(labels)]
    texts = [str(i) if i.is_Integer or i.is_Symbol else latex(i) for i in labels]
    name = f"{matrix.name}_{texts[0]}" if len(texts) == 1 else \
        f"{matrix.name}_{{{','.join(texts)}}}"
    if all(i.is_Integer for i in labels):
        return Symbol(name, real=True)
    return ctx.workspace.symbol(name)


def name_of_node(node: ast.Node, ctx: Context) -> str | None:
    """The name a Name or a subscripted name (`H_1`, `X_{2}`, `\\theta_{new}`) stands for;
    None for anything else, and for `A_{1,2}` of a defined matrix (an entry)."""
    if isinstance(node, ast.Name):
        return node.name
    if not (isinstance(node, ast.Subscript) and isinstance(node.base, ast.Name)):
        return None
    base = lookup(ctx, node.base.name)
    if base is not None and (is_matrix(base) or is_array(base)):
        return None
    try:
        return subscripted_name(node, ctx)
    except SymmlError:
        return None


def defined_words(args, ctx: Context) -> str:
    """`A is defined as a 2×2 matrix` for the arguments that are defined names."""
    parts = []
    for arg in args:
        name = name_of_node(arg, ctx)
        value = lookup(ctx, name) if name else None
        if value is not None:
            parts.append(f"{name} is defined as {describe(value)}")
    return ", ".join(parts) or "this is neither"


def subscripted_name(node: ast.Subscript, ctx: Context) -> str:
    """`\\theta_{new}` → `theta_new`, `A_{1,1}` → `A_{1,1}`, `x_1` → `x_1`."""
    base = base_name(node.base)
    parts = [index_text(index, ctx) for index in node.index]
    if len(parts) == 1:
        return f"{base}_{parts[0]}"
    return f"{base}_{{{','.join(parts)}}}"


def base_name(node: ast.Node) -> str:
    if isinstance(node, ast.Name):
        return node.name
    if isinstance(node, ast.Accent):
        return base_name(node.operand) + node.accent
    if isinstance(node, ast.Subscript):
        return f"{base_name(node.base)}_{'_'.join(base_name(i) for i in node.index)}"
    if isinstance(node, ast.Prime):  # a'_{b'}: primed names, as SymPy reads them
        return base_name(node.operand) + "'" * node.order
    raise SymmlError("only a name can carry this subscript", node.span)


def index_text(index: ast.Node, ctx: Context) -> str:
    if isinstance(index, ast.Name):
        bound = ctx.bound.get(index.name)
        return str(bound) if bound is not None and getattr(bound, "is_Integer", False) \
            else index.name
    if isinstance(index, ast.Number):
        return str(index.value)
    if isinstance(index, ast.Prime):  # a_{b'}, not the name a_b'
        return "{" + base_name(index) + "}"
    from ..render.latex import latex

    return latex(ctx.value_of(index))
