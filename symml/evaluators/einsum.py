"""einsum: Einstein summation as NumPy defines it, on exact entries, with the index sums.

`einsum("ij,jk->ik", A, B)`: each operand gets one label per axis; labels repeated across
the inputs are multiplied and summed over, the output keeps the labels after `->`. Without
`->` (implicit mode) the output is the labels that appear once, in alphabetical order. A
label repeated within one operand takes its diagonal; `...` stands for the remaining axes.
Vectors (n×1 matrices) are 1-D; a size-1 axis broadcasts, as in NumPy.
"""
from __future__ import annotations

import itertools
from dataclasses import dataclass
from functools import cache

from ..errors import LimitExceeded, ShapeError, SymmlError
from ..limits import DEFAULT, check_entries
from ..render.latex import latex, symbol_latex
from ..semantics.kinds import Text, describe, is_array, is_matrix, is_scalar
from ..syntax import ast
from .registry import Context, calls

ELLIPSIS = "..."
TABLE_LIMIT = 64  # output entries shown as a table of sums
RESULT_NAMES = "CRSTUVWYZ"


@dataclass(frozen=True)
class Operand:
    """One input: its name as written, its labels (one per axis) and its entries."""

    name: str
    labels: tuple[str, ...]
    shape: tuple[int, ...]
    entries: dict

    def at(self, index_of: dict):
        """The entry at the label values in `index_of` (a size-1 axis broadcasts)."""
        position = tuple(0 if size == 1 else index_of[label]
                         for label, size in zip(self.labels, self.shape))
        return self.entries[position]


@dataclass(frozen=True)
class Spec:
    inputs: tuple[tuple[str, ...], ...]  # labels per input; ELLIPSIS where `...` stood
    output: tuple[str, ...] | None        # None in implicit mode


@calls("einsum")
def einsum_call(node: ast.Call, ctx: Context):
    if not node.args:
        raise SymmlError("einsum needs the subscripts and the operands: "
                         "einsum('ij,jk->ik', A, B)", node.span)
    spec_value = ctx.value_of(node.args[0])
    if not isinstance(spec_value, Text):
        raise SymmlError("einsum needs the subscripts as a string first, as in "
                         "einsum('ij,jk->ik', A, B)", node.args[0].span)
    spec = parse_spec(spec_value.text, node)
    values = [ctx.value_of(arg) for arg in node.args[1:]]
    if len(spec.inputs) != len(values):
        raise ShapeError(f"the subscripts '{spec_value.text}' name {len(spec.inputs)} "
                         f"operand(s) but {len(values)} were given", node.span)
    shortcut = _matrix_shortcut(spec, values)
    if shortcut is not None and not ctx.want_steps:
        return shortcut
    names = _operand_names(node.args[1:])
    operands = [_operand(name, labels, value, arg, len(values))
                for name, labels, value, arg in zip(names, spec.inputs, values, node.args[1:])]
    return contract(operands, spec, ctx, node, shortcut)


# --- the subscripts string -------------------------------------------------------------
def parse_spec(text: str, node) -> Spec:
    """`"ij,jk->ik"` → Spec((('i','j'), ('j','k')), ('i','k'))."""
    compact = "".join(text.split())
    if compact.count("->") > 1:
        raise SymmlError(f"the einsum subscripts '{text}' have more than one `->`", node.span)
    left, arrow, right = compact.partition("->")
    inputs = tuple(_labels(term, text, node) for term in left.split(","))
    output = _labels(right, text, node) if arrow else None
    return Spec(inputs, output)


def _labels(term: str, text: str, node) -> tuple[str, ...]:
    if term.count(ELLIPSIS) > 1:
        raise SymmlError(f"a term of the einsum subscripts '{text}' has two `...`", node.span)
    head, dots, tail = term.partition(ELLIPSIS)
    for char in head + tail:
        if not char.isascii() or not char.isalpha():
            raise SymmlError(f"einsum subscripts are letters (and `...`); '{text}' has "
                             f"`{char}`", node.span)
    return tuple(head) + ((ELLIPSIS,) if dots else ()) + tuple(tail)


# --- operands ------------------------------------------------------------------------
def _operand_names(nodes) -> list[str]:
    """Operands keep the names they were written with; others get a free capital letter."""
    written = [symbol_latex(n.name) if isinstance(n, ast.Name) else None for n in nodes]
    spare = (c for c in "ABDEFGHKLMNPQ" if c not in written)
    return [name if name else next(spare) for name in written]


def _operand(name: str, labels, value, node, count: int) -> Operand:
    shape, entries = _entries(value, sum(label != ELLIPSIS for label in labels), node)
    explicit = [label for label in labels if label != ELLIPSIS]
    if ELLIPSIS in labels:
        if len(shape) < len(explicit):
            raise ShapeError(f"the einsum subscripts give {name} {len(explicit)} axes, but it "
                             f"is {describe(value)}", node.span)
        labels = _expand_ellipsis(labels, len(shape) - len(explicit))
    elif len(shape) != len(labels):
        raise ShapeError(f"the einsum subscripts give {name} {len(labels)} label(s), but it "
                         f"is {describe(value)} with {len(shape)} axes", node.span)
    return Operand(name, tuple(labels), shape, entries)


def _entries(value, explicit_labels: int, node):
    """(shape, {position: entry}); a vector is 1-D unless it is given two labels."""
    if is_scalar(value):
        return (), {(): value}
    if is_matrix(value):
        if any(not isinstance(d, int) for d in value.shape):
            raise ShapeError(f"einsum needs the entries of each operand; {describe(value)} "
                             "has a symbolic size", node.span)
        if 1 in value.shape and explicit_labels <= 1:
            return (len(value),), {(i,): x for i, x in enumerate(value)}
        rows, cols = value.shape
        return (rows, cols), {(i, j): value[i, j] for i in range(rows) for j in range(cols)}
    if is_array(value):
        positions = itertools.product(*(range(d) for d in value.shape))
        return tuple(value.shape), {p: value[p] for p in positions}
    raise ShapeError(f"einsum needs vectors, matrices or tensors, got {describe(value)}",
                     node.span)


def _expand_ellipsis(labels, width: int) -> list[str]:
    """`...` → one label per broadcast axis, numbered from the right as NumPy aligns them."""
    at = labels.index(ELLIPSIS)
    dims = [f"{ELLIPSIS}{width - k}" for k in range(width)]
    return list(labels[:at]) + dims + list(labels[at + 1:])


def _is_broadcast(label: str) -> bool:
    return label.startswith(ELLIPSIS)


# --- sizes and output --------------------------------------------------------------------
def label_sizes(operands, node) -> dict[str, int]:
    """The size of each label; every axis with that label has it (or 1, which broadcasts)."""
    sizes: dict[str, int] = {}
    seen: dict[str, str] = {}
    for operand in operands:
        for axis, (label, size) in enumerate(zip(operand.labels, operand.shape), start=1):
            known = sizes.get(label, 1)
            if size != 1 and known != 1 and size != known:
                raise ShapeError(f"einsum label {_label_text(label)} has size {known} in "
                                 f"{seen[label]} but {size} in {operand.name} (axis {axis})",
                                 node.span)
            if size != 1 or label not in sizes:
                sizes[label], seen[label] = max(size, known), f"{operand.name} (axis {axis})"
    return sizes


def output_labels(operands, spec: Spec, node) -> tuple[str, ...]:
    """The output labels: explicit after `->`, else broadcast axes then labels seen once."""
    all_labels = [label for operand in operands for label in operand.labels]
    broadcast = sorted({label for label in all_labels if _is_broadcast(label)}, reverse=True)
    if spec.output is None:
        once = sorted(label for label in set(all_labels)
                      if not _is_broadcast(label) and all_labels.count(label) == 1)
        return tuple(broadcast) + tuple(once)
    return _explicit_output(spec.output, set(all_labels), broadcast, node)


def _explicit_output(output, known: set, broadcast: list, node) -> tuple[str, ...]:
    labels = []
    for label in output:
        if label == ELLIPSIS:
            labels.extend(broadcast)
            continue
        if label in labels:
            raise ShapeError(f"the einsum output repeats the label {label}", node.span)
        if label not in known:
            raise ShapeError(f"the einsum output label {label} is not in any input", node.span)
        labels.append(label)
    if broadcast and ELLIPSIS not in output:
        raise ShapeError("the inputs have `...` axes, so the einsum output needs `...` too",
                         node.span)
    return tuple(labels)


# --- contraction ------------------------------------------------------------------------
def contract(operands, spec: Spec, ctx: Context, node, known=None):
    """Sum the products of entries over the labels not in the output; `known` is the
    result when SymPy's matrix arithmetic already computed it (then the products are
    listed only if the steps are printed)."""
    from sympy import Add, Mul

    sizes = label_sizes(operands, node)
    output = output_labels(operands, spec, node)
    summed = tuple(sorted(label for label in sizes if label not in output))
    out_shape = tuple(sizes[label] for label in output)
    _check_work(sizes, out_shape, node)

    @cache
    def products() -> dict:
        """For each output index, the lists of factors whose products are summed."""
        terms = {}
        for out_index in itertools.product(*(range(sizes[label]) for label in output)):
            index_of = dict(zip(output, out_index))
            terms[out_index] = [
                [operand.at({**index_of, **dict(zip(summed, inner))}) for operand in operands]
                for inner in itertools.product(*(range(sizes[label]) for label in summed))]
        return terms

    result = known
    if result is None:
        if _all_rational(operands):  # exact rationals: Python's Fractions are much faster
            values = {index: _rational_sum(listed) for index, listed in products().items()}
        else:
            values = {index: Add(*[Mul(*factors) for factors in listed])
                      for index, listed in products().items()}
        result = _result(values, out_shape)
    if ctx.want_steps:
        _steps(operands, spec, output, summed, products, result, ctx)
    return result


def _matrix_shortcut(spec: Spec, values):
    """`ij,jk->ik` (a matrix product) and `ij->ji` (a transpose) of matrices by SymPy's own
    matrix arithmetic, much faster than the general loop; None for anything else."""
    if not all(is_matrix(v) and 1 not in v.shape and len(labels) == 2 and ELLIPSIS not in labels
               for v, labels in zip(values, spec.inputs)):
        return None
    labels = [label for term in spec.inputs for label in term]
    output = spec.output if spec.output is not None else tuple(
        sorted(label for label in labels if labels.count(label) == 1))
    if len(values) == 1 and spec.inputs[0][::-1] == output and output[0] != output[1]:
        return values[0].T
    if len(values) == 2:
        (a, b), (c, d) = spec.inputs
        if b == c and len({a, b, d}) == 3 and output in ((a, d), (d, a)) \
                and values[0].shape[1] == values[1].shape[0]:
            product = values[0] * values[1]
            return product if output == (a, d) else product.T
    return None


def _all_rational(operands) -> bool:
    return all(getattr(entry, "is_Rational", False) for operand in operands
               for entry in operand.entries.values())


def _rational_sum(products):
    """Σ Π of SymPy rationals, computed with fractions.Fraction and converted back."""
    from fractions import Fraction
    from math import prod

    from sympy import Rational

    total = sum(prod(Fraction(int(f.p), int(f.q)) for f in factors) for factors in products)
    return Rational(total.numerator, total.denominator)


def _check_work(sizes, out_shape, node) -> None:
    work = 1
    for size in sizes.values():
        work *= size
    if work > DEFAULT.max_terms:
        raise LimitExceeded(f"this einsum needs {work:,} products, more than the limit of "
                            f"{DEFAULT.max_terms:,}", node.span)
    count = 1
    for size in out_shape:
        count *= size
    check_entries(count, node)


def _result(values: dict, shape: tuple):
    """A scalar, a column vector, a matrix, or a tensor of higher rank."""
    from sympy import ImmutableDenseNDimArray, ImmutableMatrix

    ordered = [values[index] for index in sorted(values)]
    if not shape:
        return ordered[0]
    if len(shape) == 1:
        return ImmutableMatrix(ordered)
    if len(shape) == 2:
        return ImmutableMatrix(shape[0], shape[1], ordered)
    return ImmutableDenseNDimArray(ordered, shape)


# --- steps ----------------------------------------------------------------------------------
def _steps(operands, spec, output, summed, products, result, ctx: Context) -> None:
    """The index formula, then (small outputs) each entry as its sum of products, listed
    by `products()` only when the step is printed."""
    from math import prod

    from ..steps import AsWritten, Deferred
    from ..steps.notation_calculus import Quoted, SumOver, Written

    result_name = next(c for c in RESULT_NAMES if c not in {o.name for o in operands})
    if spec.output is None:
        ctx.step("Implicit mode: the output keeps the labels that appear once, in "
                 "alphabetical order", Quoted(_spec_text(operands, output)))
    factors = [_indexed(o.name, o.labels) for o in operands]
    written = factors[0] if len(factors) == 1 else Written(" ", *factors)
    if summed:
        written = SumOver(written, *_label_list(_dedupe_broadcast(summed)))
    formula = [_indexed(result_name, output), written]
    entries = prod(getattr(result, "shape", ()))
    if len(output) <= 2 and entries <= TABLE_LIMIT and (summed or len(operands) > 1):
        ctx.step("Einstein summation: multiply the entries, sum over the repeated labels",
                 *formula)
        ctx.step("Each entry as its sum of products",
                 Deferred(lambda: AsWritten(_table(products(), result))), result)
    else:
        ctx.step("Einstein summation: multiply the entries, sum over the repeated labels",
                 *formula, result)


def _table(terms: dict, result):
    """The unevaluated sums, shaped like the result."""
    from sympy import Add, ImmutableMatrix, Mul

    def written(products):
        parts = [Mul(*f, evaluate=False) if len(f) > 1 else f[0] for f in products]
        return parts[0] if len(parts) == 1 else Add(*parts, evaluate=False)

    ordered = [written(terms[index]) for index in sorted(terms)]
    if not getattr(result, "shape", None):
        return ordered[0]
    rows, cols = result.shape
    return ImmutableMatrix(rows, cols, ordered)


def _indexed(name: str, labels):
    """`A_{i,j}`: the operand's entry at its labels (a symbol when it has none)."""
    from sympy import Symbol

    from ..steps.notation_calculus import Labelled

    if not labels:
        return Symbol(name)
    return Labelled(Symbol(name), *_label_list(labels))


def _label_list(labels) -> list:
    """Labels as symbols; the broadcast axes of `...` show as one `\\ldots`."""
    from sympy import Symbol

    from ..steps.notation_calculus import Dots

    out = []
    for label in labels:
        if not _is_broadcast(label):
            out.append(Symbol(label))
        elif not (out and isinstance(out[-1], Dots)):
            out.append(Dots())
    return out


def _spec_text(operands, output) -> str:
    def term(labels):
        return "".join("..." if _is_broadcast(label) else label
                       for label in _dedupe_broadcast(labels))

    return ",".join(term(o.labels) for o in operands) + "->" + term(output)


def _label_text(label: str) -> str:
    return r"\ldots" if _is_broadcast(label) else label


def _dedupe_broadcast(labels) -> list[str]:
    out = []
    for label in labels:
        if not (_is_broadcast(label) and out and _is_broadcast(out[-1])):
            out.append(label)
    return out
