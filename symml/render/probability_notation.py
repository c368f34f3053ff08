"""Probability notation as the guide writes it, for both textbook printers (LaTeX and
Unicode): `P(A \\mid B)`, `P\\left(2 < X \\le 5\\right)`, `\\mathbb{E}[X]`,
`\\operatorname{Var}(X)`, `\\operatorname{Cov}(X, Y)`.

A formula is first laid out as a list of pieces — SymPy objects and operator names of
`OPERATORS` — then joined by `as_latex` or `as_pretty`, so both printers write the same
layout. Events (Boolean symbols A, B) print as `P(A \\cap B)`; conditions on random
variables as `P\\left(X \\le 4\\right)`, a conjunction as `X = 0, Y = 1` and two bounds on one
variable as the chain `a < X \\le b`."""
from __future__ import annotations

from dataclasses import dataclass

# operator name → (LaTeX, Unicode)
OPERATORS = {
    "<": ("<", "<"), "<=": (r"\le", "≤"), ">": (">", ">"), ">=": (r"\ge", "≥"),
    "=": ("=", "="), "!=": (r"\ne", "≠"), "mid": (r"\mid", "|"), "cap": (r"\cap", "∩"),
    "cup": (r"\cup", "∪"), "in": (r"\in", "∈"), ",": (",", ","),
}
RELATIONS = {"StrictLessThan": "<", "LessThan": "<=", "StrictGreaterThan": ">",
             "GreaterThan": ">=", "Equality": "=", "Unequality": "!="}


@dataclass(frozen=True)
class Op:
    name: str


@dataclass(frozen=True)
class Group:
    """Pieces in parentheses (`\\left(..\\right)` in LaTeX when `tall`)."""

    pieces: tuple
    open: str = "("
    close: str = ")"
    tall: bool = False


@dataclass(frozen=True)
class Prefix:
    """`\\neg A`: a word glued before the next piece."""

    latex: str
    text: str


# --- layouts ---------------------------------------------------------------------------------
def is_event_formula(expr) -> bool:
    """A probability of events (Boolean symbols), not of conditions on random variables."""
    from sympy import Contains
    from sympy.core.relational import Relational
    from sympy.stats.rv import RandomSymbol

    return not expr.has(Relational, Contains, RandomSymbol)


def probability_pieces(expr) -> list:
    """`P(event | given)` as pieces."""
    event = expr.args[0]
    given = expr.args[1] if len(expr.args) > 1 else None
    inner = condition_pieces(event)
    if given is not None:
        inner += [Op("mid")] + condition_pieces(given)
    return ["P", Group(tuple(inner), tall=not is_event_formula(expr))]


def expectation_pieces(expr) -> list:
    """`\\mathbb{E}[X]`, `\\mathbb{E}[X \\mid Y = 1]`."""
    inner = [expr.args[0]]
    if len(expr.args) > 1:
        inner += [Op("mid")] + condition_pieces(expr.args[1])
    return [("\\mathbb{E}", "𝔼"), Group(tuple(inner), "[", "]")]


def operator_pieces(latex_name: str, text_name: str, args) -> list:
    """`\\operatorname{Var}(X)`, `\\operatorname{Cov}(X, Y)`."""
    inner: list = []
    for arg in args:
        inner += ([Op(",")] if inner else []) + [arg]
    return [(latex_name, text_name), Group(tuple(inner))]


def condition_pieces(condition) -> list:
    """An event or a condition on random variables."""
    import sympy

    if isinstance(condition, sympy.Not):
        return [Prefix(r"\neg ", "¬")] + _grouped(condition.args[0])
    if isinstance(condition, sympy.And):
        parts = list(condition.args)
        if not any(isinstance(p, sympy.core.relational.Relational) for p in parts):
            return _joined(sorted(parts, key=str), "cap")
        chain = _chain(parts)
        if chain is not None:
            return chain
        parts.sort(key=lambda part: sorted(map(str, part.free_symbols)))
        return _joined(parts, ",")
    if isinstance(condition, sympy.Or):
        return _joined(sorted(condition.args, key=str), "cup")
    if isinstance(condition, sympy.Contains):
        return [condition.args[0], Op("in"), condition.args[1]]
    name = RELATIONS.get(type(condition).__name__)
    if name is not None:
        return [condition.lhs, Op(name), condition.rhs]
    return [condition]


def _joined(parts, operator: str) -> list:
    out: list = []
    for part in parts:
        out += ([Op(operator)] if out else []) + _grouped(part)
    return out


def _grouped(part) -> list:
    import sympy

    pieces = condition_pieces(part)
    return [Group(tuple(pieces), tall=True)] if isinstance(part, (sympy.And, sympy.Or)) \
        and not any(isinstance(p, sympy.core.relational.Relational) for p in part.args) \
        else pieces


def _chain(parts):
    """`a < X \\le b` for a lower and an upper bound on the variable both relations share,
    else None."""
    if len(parts) != 2:
        return None
    shared = [v for v in _sides(parts[0]) if v in _sides(parts[1])]
    if len(shared) != 1:
        return None
    bounds = [_as_bound(p, shared[0]) for p in parts]
    lower = next((b for b in bounds if b and b[1] == "lower"), None)
    upper = next((b for b in bounds if b and b[1] == "upper"), None)
    if lower is None or upper is None:
        return None
    return [lower[2], Op(lower[0]), shared[0], Op(upper[0]), upper[2]]


def _sides(relation) -> list:
    return [side for side in (relation.lhs, relation.rhs) if _is_variable(side)] \
        if RELATIONS.get(type(relation).__name__) in ("<", "<=", ">", ">=") else []


def _as_bound(relation, variable):
    """(operator read left to right, "lower" or "upper", bound) of `a < X` or `X \\le b` as
    a bound on `variable`; None when it is not one."""
    name = RELATIONS.get(type(relation).__name__)
    flipped = {">": "<", ">=": "<="}
    if relation.lhs == variable and variable not in relation.rhs.free_symbols:
        return (name, "upper", relation.rhs) if name in ("<", "<=") else \
            (flipped[name], "lower", relation.rhs)
    if relation.rhs == variable and variable not in relation.lhs.free_symbols:
        return (name, "lower", relation.lhs) if name in ("<", "<=") else \
            (flipped[name], "upper", relation.lhs)
    return None


def _is_variable(expr) -> bool:
    from sympy.stats.rv import RandomSymbol

    return expr.is_Symbol or isinstance(expr, RandomSymbol)


# --- the two ways of writing pieces ---------------------------------------------------------
def as_latex(printer, pieces) -> str:
    out = ""
    for piece in pieces:
        if isinstance(piece, Op):
            text = OPERATORS[piece.name][0]
            out += ", " if piece.name == "," else f" {text} "
        elif isinstance(piece, Prefix):
            out += piece.latex
        elif isinstance(piece, Group):
            inner = as_latex(printer, piece.pieces)
            left, right = (r"\left" + piece.open, r"\right" + piece.close) if piece.tall \
                or r"\frac" in inner else (piece.open, piece.close)
            out += left + inner + right
        elif isinstance(piece, tuple):
            out += piece[0]
        elif isinstance(piece, str):
            out += piece
        else:
            out += printer._print(piece)
    return out


def as_pretty(printer, pieces):
    from sympy.printing.pretty.stringpict import prettyForm

    form = None
    for piece in pieces:
        if isinstance(piece, Op):
            text = OPERATORS[piece.name][1]
            part = prettyForm(text + " " if piece.name == "," else f" {text} ")
        elif isinstance(piece, Prefix):
            part = prettyForm(piece.text)
        elif isinstance(piece, Group):
            part = prettyForm(*as_pretty(printer, piece.pieces).parens(piece.open, piece.close))
        elif isinstance(piece, tuple):
            part = prettyForm(piece[1])
        elif isinstance(piece, str):
            part = prettyForm(piece)
        else:
            part = printer._print(piece)
        form = part if form is None else prettyForm(*form.right(part))
    return form if form is not None else prettyForm("")


# --- the printers' methods (mixed into render/latex.py and render/pretty.py) -----------------
class ProbabilityLatex:
    """The textbook LaTeX printer's probability methods."""

    def _print_Probability(self, expr):
        return as_latex(self, probability_pieces(expr))

    def _print_Expectation(self, expr):
        return as_latex(self, expectation_pieces(expr))

    def _print_Variance(self, expr):
        return as_latex(self, operator_pieces(r"\operatorname{Var}", "Var", expr.args[:1]))

    def _print_Covariance(self, expr):
        return as_latex(self, operator_pieces(r"\operatorname{Cov}", "Cov", expr.args[:2]))


class ProbabilityPretty:
    """The Unicode printer's probability methods: `P(X ≤ 4)`, `𝔼[X]`, `Var(X)`."""

    def _print_Probability(self, expr):
        return as_pretty(self, probability_pieces(expr))

    def _print_Expectation(self, expr):
        return as_pretty(self, expectation_pieces(expr))

    def _print_Variance(self, expr):
        return as_pretty(self, operator_pieces(r"\operatorname{Var}", "Var", expr.args[:1]))

    def _print_Covariance(self, expr):
        return as_pretty(self, operator_pieces(r"\operatorname{Cov}", "Cov", expr.args[:2]))

    def _print_Pow(self, power):
        """`(7/2)²`, never `7/2²`: a fraction raised to a power in parentheses (the
        variance's E[X]² written out)."""
        from sympy.printing.pretty.stringpict import prettyForm

        base, exponent = power.args
        if base.is_Rational and not base.is_Integer and exponent.is_Integer \
                and exponent > 0:
            return prettyForm(*self._print(base).parens()) ** self._print(exponent)
        return super()._print_Pow(power)
