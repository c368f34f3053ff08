"""Questions about values that hold random variables, asked without the workspace."""
from __future__ import annotations


def random_symbols(value) -> set:
    """The random variables in `value` (none in a number, matrix of numbers or text)."""
    from sympy.stats.rv import random_symbols as symbols_of

    try:
        return set(symbols_of(value))
    except (AttributeError, TypeError):
        return set()


def table_independent(joint):
    """True when every cell is the product of its marginals."""
    import sympy

    rows = [sum(joint.table.row(i)) for i in range(joint.table.rows)]
    cols = [sum(joint.table.col(j)) for j in range(joint.table.cols)]
    holds = all(joint.table[i, j] == rows[i] * cols[j] for i in range(len(rows))
                for j in range(len(cols)))
    return sympy.true if holds else sympy.false
