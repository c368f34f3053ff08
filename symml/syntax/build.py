"""Parse tree → AST. Methods only build nodes: no SymPy, no workspace look-ups.

Notation that is decided by shape alone is decided here: `\\frac{d}{dx}` is a derivative
operator, `A^\\top` a transpose, `\\|v\\|_2` a 2-norm, `\\theta_{\\text{new}}` a name.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Optional

from lark import Token, v_args
from lark.visitors import Transformer_NonRecursive

from ..errors import LimitExceeded, ParseError, Span
from . import ast
from .normalize import Normalized

RELATIONS = {"=": "=", "!=": "!=", "<": "<", ">": ">", r"\ne": "!=", r"\neq": "!=", r"\le": "<=",
             r"\leq": "<=", r"\leqslant": "<=", r"\ge": ">=", r"\geq": ">=",
             r"\geqslant": ">=", r"\in": "in", r"\notin": "notin", r"\sim": "sim",
             r"\to": "to", r"\rightarrow": "to", r"\perp": "perp", r"\approx": "approx",
             r"\subset": "subset", r"\subseteq": "subset", r"\equiv": "equiv",
             r"\checkeq": "?=",  # `\stackrel{?}{=}` (normalize.py): always a check
             r"\not\in": "notin", r"\Rightarrow": "to", r"\longrightarrow": "to",
             r"\Longrightarrow": "to", r"\mapsto": "to", r"\propto": "propto"}
MAX_DERIVATIVE_ORDER = 1_000
WORD = re.compile(r"[A-Za-z][A-Za-z0-9_]*")
# `\sinh^{-1} x` is the inverse function; a function not listed here refuses ^{-1}
INVERSE_FUNCTIONS = {"sin": "asin", "cos": "acos", "tan": "atan", "cot": "acot", "sec": "asec",
                     "csc": "acsc", "sinh": "asinh", "cosh": "acosh", "tanh": "atanh",
                     "coth": "acoth", "asin": "sin", "acos": "cos", "atan": "tan",
                     "asinh": "sinh", "acosh": "cosh", "atanh": "tanh", "exp": "ln",
                     "ln": "exp", "log": "exp"}
NAMED_FUNCTIONS = set(INVERSE_FUNCTIONS) | set(INVERSE_FUNCTIONS.values())
FUNCTION_ALIASES = {"arcsin": "asin", "arccos": "acos", "arctan": "atan", "arccot": "acot",
                    "arcsec": "asec", "arccsc": "acsc", "arsinh": "asinh", "arcsinh": "asinh",
                    "arcosh": "acosh", "arccosh": "acosh", "artanh": "atanh",
                    "arctanh": "atanh", "arcoth": "acoth", "operatorname": "",
                    "cov": "Cov", "var": "Var", "sgn": "sign", "Tr": "tr", "trace": "tr",
                    "adjugate": "adj", "ceil": "ceiling"}


# --- builder-only markers: never part of a finished AST ---------------------------------
@dataclass(frozen=True)
class DerivOp(ast.Node):
    """`\\frac{d}{dx}` or `\\partial_x` waiting for the expression to its right."""

    variables: tuple[ast.Node, ...]
    partial: bool


@dataclass(frozen=True)
class NablaOp(ast.Node):
    wrt: Optional[ast.Node]
    order: int


@dataclass(frozen=True)
class PartialMark(ast.Node):
    """`\\partial f` or `\\partial x` inside a fraction, before it is read as ∂f/∂x."""

    target: Optional[ast.Node]
    order: int


@dataclass(frozen=True)
class FuncHead(ast.Node):
    func: ast.Node
    power: Optional[ast.Node]


@dataclass(frozen=True)
class OneSided(ast.Node):
    """`0^+` or `0^-` (`point` None for the bare script), only meaningful in `\\lim_{x \\to 0^+}`."""

    point: Optional[ast.Node]
    direction: str


MARKERS = (DerivOp, NablaOp, PartialMark, FuncHead, OneSided)


class Limits(tuple):
    """(lower, upper) of a big operator."""


class ArgList(tuple):
    """Arguments of a call; `split` is where a `;` stood."""

    split: Optional[int] = None
    pairs_span = None  # where `a: b` pairs stood, if any

    def plain(self) -> "ArgList":
        """These arguments, refusing `a: b` pairs (they belong in a table)."""
        if self.pairs_span is not None:
            raise ParseError("`value: probability` pairs belong in a table such as "
                             "\\{1: 0.5, 2: 0.5\\}", self.pairs_span)
        return self


@v_args(meta=True)
class AstBuilder(Transformer_NonRecursive):
    def __init__(self, normalized: Normalized):
        super().__init__()
        self.normalized = normalized
        self._operator_calls = {}  # id(applied) -> (applied, operator, operand): see _operator_call
        self._orders = {}  # id(power) -> (power, Prime) for `f^{(2)}`: see derivative_order
        self._bracketed = set()  # ids of what ( ), [ ] or { } enclosed: see _named_calls
        self._scripted = {}  # id(power) -> power for `x^2` not in brackets: see subscript

    # --- helpers ------------------------------------------------------------------
    def _span(self, meta):
        if getattr(meta, "empty", True):
            return None
        return self.normalized.span(meta.start_pos, meta.end_pos)

    def _tok_span(self, tok: Token):
        return self.normalized.span(tok.start_pos, tok.end_pos)

    def _error(self, message: str, span):
        return ParseError(message, span)

    # --- statements and relations -----------------------------------------------------
    def redefine(self, meta, children):
        target, value = children
        return ast.Redefine(target, value, span=self._span(meta))

    def listed_chain(self, meta, children):
        r"""`x, y \in \mathbb{R}`: several names before one relation are one tuple."""
        *items, op, rhs = children
        lhs = ast.TupleLit(tuple(items), span=self._span(meta))
        return ast.Relation((_relation(op),), (lhs, rhs), span=self._span(meta))

    def chain(self, meta, children):
        operands = tuple(children[0::2])
        ops = tuple(_relation(tok) for tok in children[1::2])
        if ops == ("equiv",) and isinstance(operands[1], ast.Mod):  # a \equiv b \mod n
            return ast.Congruence(operands[0], operands[1].left, operands[1].right,
                                  span=self._span(meta))
        return ast.Relation(ops, operands, span=self._span(meta))

    def congruence(self, meta, children):
        r"""`a \equiv b \pmod{n}` (any relation before `\pmod` is read as ≡ modulo n)."""
        relation = self.chain(meta, children[:-2])
        if not (isinstance(relation, ast.Relation) and relation.ops in (("equiv",), ("=",))):
            raise self._error("\\pmod{n} follows one congruence, as in a \\equiv b \\pmod{n}",
                              self._span(meta))
        left, right = relation.operands
        return ast.Congruence(left, right, children[-1], span=self._span(meta))

    def modulo(self, meta, children):
        return ast.Mod(children[0], children[-1], span=self._span(meta))

    def listed(self, meta, children):
        r"""`x_1, \ldots, x_n`: a list of values is a tuple."""
        return ast.TupleLit(tuple(children), span=self._span(meta))

    def signature(self, meta, children):
        r"""`f: \mathbb{R}^n \to \mathbb{R}`: a function's domain and codomain."""
        name, mapping = children
        if not (isinstance(mapping, ast.Relation) and mapping.ops == ("to",)
                and isinstance(name, (ast.Name, ast.Subscript))):
            raise self._error("a signature is written f: A \\to B", self._span(meta))
        return ast.Signature(name, *mapping.operands, span=self._span(meta))

    # --- binary operators -----------------------------------------------------------
    def _binary(cls):  # noqa: N805 - a small factory used at class creation
        def method(self, meta, children):
            left, right = children[0], children[-1]
            return cls(left, right, span=self._span(meta))
        return method

    add = _binary(ast.Add)

    def subtract(self, meta, children):
        r"""`a - b`; after a bare operator (`\frac{d}{dx} -x^2`) the minus is the operand's sign."""
        left, right = children[0], children[-1]
        factors = left.factors if isinstance(left, ast.Juxtapose) else (left,)
        if _operator_of(factors[-1]) is not None:
            return _apply_operators([*factors, ast.Neg(right, span=right.span)], self._span(meta))
        return ast.Sub(left, right, span=self._span(meta))

    plus_minus = _binary(ast.PlusMinus)

    def plus_minus_sign(self, meta, children):
        r"""`\pm 2` is `0 \pm 2`: the two values {2, -2}."""
        zero = ast.Number(Fraction(0), span=self._span(meta))
        return ast.PlusMinus(zero, children[-1], span=self._span(meta))
    union = _binary(ast.Union)
    set_minus = _binary(ast.SetMinus)

    def evaluated_at(self, meta, children):
        """`expr \\Big|_{x=2}`: the subscript is the point, one `name = value` per variable."""
        expr, _, index = children
        if not all(isinstance(i, ast.Relation) and i.ops == ("=",) for i in index):
            raise self._error("an evaluation bar takes the point as _{x=2} or _{x=1, y=2}",
                              self._span(meta))
        return ast.EvaluatedAt(expr, tuple(tuple(i.operands) for i in index),
                               span=self._span(meta))
    dot = _binary(ast.Dot)
    times = _binary(ast.Cross)
    star = _binary(ast.Star)
    hadamard = _binary(ast.Hadamard)
    intersect = _binary(ast.Intersect)

    def div(self, meta, children):
        numerator, denominator = children[0], children[-1]
        span = self._span(meta)
        return _inline_operator(numerator, denominator, span) \
            or _derivative_at_point(numerator, denominator, span) \
            or _derivative_fraction(numerator, denominator, slash=True) \
            or ast.Div(numerator, denominator, span=span)

    def neg(self, meta, children):
        (operand,) = children
        if isinstance(operand, ast.Number):
            return ast.Number(-operand.value, span=self._span(meta))
        return ast.Neg(operand, span=self._span(meta))

    def pos(self, meta, children):
        return children[0]

    def lnot(self, meta, children):
        return ast.Not(children[-1], span=self._span(meta))

    def juxtapose(self, meta, children):
        self._refuse_touching_numbers(children)
        first = children[0]
        if isinstance(first, ast.Neg) and _named_function(first.operand):
            # -\operatorname{asin}{(x)} is -(asin x): the sign goes on the product
            return ast.Neg(self.juxtapose(meta, [first.operand, *children[1:]]),
                           span=self._span(meta))
        factors = []
        for child in self._named_calls(children):
            if isinstance(child, ast.Juxtapose):
                factors.extend(child.factors)
            elif isinstance(child, (ast.Gradient, ast.Hessian)) \
                    and id(child) in self._operator_calls:
                _, operator, operand = self._operator_calls.pop(id(child))
                factors.extend((operator, operand))  # `\nabla_x x^\top A x`: all of it
            else:
                factors.append(child)
        return _apply_operators(factors, self._span(meta))

    def _named_calls(self, children: list) -> list:
        r"""`\operatorname{asin}^{2}{\left(x\right)}`, `\operatorname{acot} \mu x`: a function
        named in a word takes what follows as `\sin` does (`\sin 2x` is sin(2x)): one
        bracket, or the plain factors up to the next bracket or function."""
        for i, head in enumerate(children):
            if _named_function(head) and i + 1 < len(children):
                rest = self._named_calls(children[i + 1:])  # \operatorname{atan}\operatorname{acot} x
                taken = 1
                while self._plain(rest[0]) and taken < len(rest) and self._plain(rest[taken]):
                    taken += 1
                argument = rest[0] if taken == 1 else ast.Juxtapose(
                    tuple(rest[:taken]), span=_join(rest[0].span, rest[taken - 1].span))
                func = FuncHead(head.base, head.exponent) if isinstance(head, ast.Power) \
                    else FuncHead(head, None)
                call = _apply_head(func, (argument,), None, _join(head.span, argument.span))
                return [*children[:i], call, *rest[taken:]]
        return list(children)

    def _plain(self, node) -> bool:
        """A factor `\\sin` takes without brackets: a letter, number, fraction or root, or a
        power of one; not a bracket, nor a function."""
        base = node.base if isinstance(node, ast.Power) else node
        return id(base) not in self._bracketed and not _named_function(base) and isinstance(
            base, (ast.Name, ast.Number, ast.Div, ast.Sqrt, ast.Subscript))

    def _refuse_touching_numbers(self, children):
        """`1.1.1` is not a number (nor 1.1 × 0.1)."""
        source = self.normalized.source
        for left, right in zip(children, children[1:]):
            if isinstance(left, ast.Number) and isinstance(right, ast.Number) \
                    and left.span and right.span and left.span.end == right.span.start \
                    and source[right.span.start:right.span.start + 1] == ".":
                raise self._error("a number has at most one decimal point",
                                  Span(left.span.start, right.span.end))

    # --- postfix ------------------------------------------------------------------
    def sup(self, meta, children):
        base, script = children
        span = self._span(meta)
        if id(base) in self._operator_calls:  # \frac{d}{dx}(2x+1)^3: the power is the operand's
            _, operator, operand = self._operator_calls.pop(id(base))
            powered = self.sup(meta, [operand, script])
            applied = _apply_operators([operator, powered], span)
            # \frac{d}{dx}(x+1)^2(x-1): a bracket after the power still joins the operand
            self._operator_calls[id(applied)] = (applied, operator, powered)
            return applied
        if isinstance(script, OneSided):
            return OneSided(base, script.direction, span=span)
        if isinstance(script, Token):
            kind = script.type
            if kind == "TOP":
                return _column_of_row(base) or ast.Transpose(base, span=span)
            if kind == "PRIME_CMD":
                return ast.Prime(base, 1, span=span)
            if kind == "COMPLEMENT":
                return ast.Complement(base, span=span)
            if kind == "STAR_SCRIPT" and len(script) % 2 == 0:  # A^{**} = A
                return base
            if kind in ("DAGGER", "STAR_SCRIPT"):
                return ast.Adjoint(base, kind == "STAR_SCRIPT", span=span)
            if kind == "PRIME_SCRIPT":
                return self.prime(meta, [base, str(script)])
            script = self.sup_arg(meta, [script])
        if isinstance(script, ast.Name) and script.name == "T" and not _is_plain_scalar(base):
            return _column_of_row(base) or ast.Transpose(base, span=span)
        if isinstance(script, ast.Name) and script.name == "H" and not _is_plain_scalar(base):
            return ast.Adjoint(base, span=span)
        if isinstance(script, ast.Name) and script.name == "c" and isinstance(base, ast.Name) \
                and base.name.isupper():
            return ast.Complement(base, span=span)
        if isinstance(base, ast.Prime) and isinstance(script, ast.Prime):
            return ast.Prime(base.operand, base.order + 1, span=span)
        if isinstance(base, ast.Call) and len(base.args) == 1 and _operator_of(base.func):
            # `\operatorname*{arg\,min}_x (x - 2)^2`: the power belongs to the operand
            return _operator_of(base.func)(ast.Power(base.args[0], script, span=span))
        power = ast.Power(base, script, span=span)
        self._scripted[id(power)] = power  # `x^2_1` is x_1^2: see subscript
        return power

    def star_script(self, meta, children):
        """`^*`, `^{**}`: a conjugate transpose per star."""
        return Token("STAR_SCRIPT", "*" * len(children), start_pos=meta.start_pos,
                     end_pos=meta.end_pos)

    def prime_script(self, meta, children):
        """`^{'}`, `^{''}`, `^{\\prime\\prime}`: primes written as a superscript."""
        order = len(children[0]) if children[0].type == "PRIME" else len(children)
        return Token("PRIME_SCRIPT", "'" * order, start_pos=meta.start_pos, end_pos=meta.end_pos)

    def sup_arg(self, meta, children):
        if len(children) == 2 and children[0].type == "FONT":  # \mathbf T
            return ast.Name(str(children[1]), span=self._tok_span(children[1]))
        (child,) = children
        if not isinstance(child, Token):
            return child
        span = self._tok_span(child)
        if child.type == "SDIGIT":
            return ast.Number(Fraction(int(child)), span=span)
        if child.type == "LETTER":
            return ast.Name(str(child), span=span)
        if child.type == "GREEK":
            return ast.Name(child[1:], span=span)
        if child.type == "INFTY":
            return ast.Infinity(span=span)
        if child.type == "TOP":
            return child  # handled by `sup`
        if child.type in ("PRIME_CMD", "COMPLEMENT", "DAGGER", "STAR_SCRIPT", "PRIME_SCRIPT"):
            return child
        raise self._error(f"unexpected `{child}` in a superscript", span)

    def subscript(self, meta, children):
        base, index = children
        span = self._span(meta)
        if self._scripted.pop(id(base), None) is not None:  # `x^2_1`: the power of x_1
            inner = ast.Subscript(base.base, tuple(index), span=span)
            return ast.Power(inner, base.exponent, span=span)
        if isinstance(base, ast.Number) and base.value == 1 and len(index) == 1 \
                and isinstance(index[0], ast.Relation):  # \mathbf{1}_{x > 0}: an indicator
            return ast.Piecewise(((base, index[0]), (ast.Number(Fraction(0)), None)), span=span)
        if isinstance(base, ast.Norm) and base.p is None and len(index) == 1:
            return ast.Norm(base.operand, index[0], span=span)
        return ast.Subscript(base, tuple(index), span=span)

    def from_above(self, meta, children):
        return OneSided(None, "+", span=self._span(meta))

    def from_below(self, meta, children):
        return OneSided(None, "-", span=self._span(meta))

    def sub_arg(self, meta, children):
        (child,) = children
        if isinstance(child, ArgList):
            return tuple(_subscript_item(item) for item in child.plain())
        if isinstance(child, Token):
            span = self._tok_span(child)
            if child.type == "SDIGIT":
                return (ast.Number(Fraction(int(child)), span=span),)
            if child.type == "SUBWORD":
                return (ast.Name(str(child), span=span),)
            if child.type == "GREEK":
                return (ast.Name(child[1:], span=span),)
            if child.type == "INFTY":
                return (ast.Infinity(span=span),)
            if child.type == "ROMAN":
                return (_roman(child, span),)
        return (child,)

    def sub_font(self, meta, children):
        child = children[-1]
        if isinstance(child, Token):
            return (ast.Name(str(child), span=self._tok_span(child)),)
        return (_subscript_item(child),)

    def prime(self, meta, children):
        base, marks = children
        if isinstance(base, ast.Prime):
            return ast.Prime(base.operand, base.order + len(marks), span=self._span(meta))
        return ast.Prime(base, len(marks), span=self._span(meta))

    def factorial(self, meta, children):
        return ast.Factorial(children[0], span=self._span(meta))

    def derivative_order(self, meta, children):
        """`f^{(2)}`: the second derivative when a call follows (`f^{(2)}(x)`), else a power."""
        base, tok = children
        order = ast.Number(Fraction(int(re.search(r"\d+", tok).group())), span=self._tok_span(tok))
        power = ast.Power(base, order, span=self._span(meta))
        if _small_int(order) is not None:
            self._orders[id(power)] = (power, ast.Prime(base, int(order.value), span=power.span))
        return power

    def call(self, meta, children):
        func, args = children[0], children[1].plain()
        if isinstance(func, ast.Subscript) and isinstance(func.base, ast.Prime):
            # f'_1(x): the derivative of f_1
            inner = ast.Subscript(func.base.operand, func.index, span=func.span)
            func = ast.Prime(inner, func.base.order, span=func.span)
        func = self._orders.pop(id(func), (None, func))[1]
        if _named_function_power(func):  # \operatorname{sinh}^{-1}(x)
            return _apply_head(FuncHead(func.base, func.exponent), tuple(args), args.split,
                               self._span(meta))
        return self._operator_call(func, args, "(", self._span(meta)) \
            or ast.Call(func, tuple(args), "(", args.split, span=self._span(meta))

    def call_square(self, meta, children):
        func, args = children[0], children[1].plain()
        return self._operator_call(func, args, "[", self._span(meta)) \
            or ast.Call(func, tuple(args), "[", args.split, span=self._span(meta))

    def _operator_call(self, func, args, bracket: str, span):
        r"""`\frac{d}{dx}(x^2)`, `\frac{d}{dx}\left[x^2\right]`: the operator applied to the
        bracket, remembered so that a power or a bracket after it joins the operand
        (`\frac{d}{dx}(2x+1)^3`, `\frac{d}{dx}(x+1)(x-1)`); None for any other call."""
        if isinstance(func, (DerivOp, NablaOp)) and len(args) == 1 and args.split is None:
            operator, operand = func, _grouped(args[0])
        elif id(func) in self._operator_calls and bracket == "(":
            _, operator, inner = self._operator_calls.pop(id(func))
            operand = ast.Call(inner, tuple(args), bracket, args.split, span=span)
        else:
            return None
        applied = _apply_operators([operator, operand], span)
        self._operator_calls[id(applied)] = (applied, operator, operand)
        return applied

    def func_call(self, meta, children):
        head, args = children[0], children[1].plain()
        return _apply_head(head, tuple(args), args.split, self._span(meta))

    def func_set(self, meta, children):
        r"""`\max\{1, 2\}`: the function of the set's elements."""
        head, args = children[0], children[2].plain()
        return _apply_head(head, tuple(args), args.split, self._span(meta))

    def func_braced(self, meta, children):
        r"""`\log{\left(x\right)}^{2}` (SymPy's style): the power applies to the call."""
        head, argument = children
        return _apply_head(head, (argument,), None, self._span(meta))

    def func_bare(self, meta, children):
        head, argument = children
        if isinstance(head.func, ast.Prime):  # as `f' x`
            raise self._error(f"`{_head_text(head.func)}` needs its argument in brackets, as "
                              f"in {_head_text(head.func)}(x)", self._span(meta))
        return _apply_head(head, (argument,), None, self._span(meta))

    def func_head(self, meta, children):
        (tok,) = children
        name = tok[1:]
        return FuncHead(ast.Name(FUNCTION_ALIASES.get(name, name), span=self._tok_span(tok)),
                        None, span=self._tok_span(tok))

    def func_prime(self, meta, children):
        head, marks = children
        return self._primed_head(head, len(marks), self._span(meta))

    def _primed_head(self, head: FuncHead, order: int, span) -> FuncHead:
        r"""`\tanh'`, `\cos''`: the derivative of a built-in, applied as `f'(x)` is (NOTATION
        §4). Refused after a power or a subscript (`\sin^2'`, `\log_2'`): which is primed?"""
        func = head.func
        if head.power is not None or not isinstance(func, (ast.Name, ast.Prime)):
            script = "power" if head.power is not None else "subscript"
            raise self._error(f"a prime after a {script} of `{_head_text(func)}` is not read "
                              "(which does it prime?): write the derivative as "
                              r"\frac{d}{dx}(...)", span)
        if isinstance(func, ast.Prime):  # \tanh'^{\prime}
            return FuncHead(ast.Prime(func.operand, func.order + order, span=span), None,
                            span=span)
        return FuncHead(ast.Prime(func, order, span=span), None, span=span)

    def func_sub(self, meta, children):
        head, index = children
        return FuncHead(ast.Subscript(head.func, tuple(index), span=self._span(meta)),
                        head.power, span=self._span(meta))

    def func_sup(self, meta, children):
        head, power = children
        if isinstance(power, Token):
            power = self.sup_arg(meta, [power])
        if isinstance(power, Token) and power.type in ("PRIME_CMD", "PRIME_SCRIPT"):
            order = 1 if power.type == "PRIME_CMD" else len(power)  # \tanh^{\prime}(0)
            return self._primed_head(head, order, self._span(meta))
        if isinstance(head.func, ast.Prime):
            raise self._error(f"a power of `{_head_text(head.func)}` is ambiguous: write "
                              f"({_head_text(head.func)}(x))^2 for the square of the "
                              "derivative", self._span(meta))
        if isinstance(power, Token):
            raise self._error(f"`{head.func.name if isinstance(head.func, ast.Name) else ''}"
                              "` cannot be transposed; write a power such as ^2",
                              self._tok_span(power))
        return FuncHead(head.func, power, span=self._span(meta))

    # --- bars -------------------------------------------------------------------
    def abs(self, meta, children):
        return ast.Abs(children[1], span=self._span(meta))

    def norm(self, meta, children):
        return ast.Norm(children[1], None, span=self._span(meta))

    # --- big operators and calculus ---------------------------------------------------
    def limits_sub_sup(self, meta, children):
        lower = _single(children[0])
        upper = children[1] if len(children) > 1 else None
        return Limits((lower, upper))

    def limits_sup_sub(self, meta, children):
        return Limits((_single(children[1]), children[0]))

    def bigop(self, meta, children):
        op = children[0][1:]
        lower, upper = children[1] if len(children) == 3 else (None, None)
        return ast.BigOp(op, children[-1], lower, upper, span=self._span(meta))

    def integral(self, meta, children):
        rest = children[1:]
        lower = upper = None
        if rest and isinstance(rest[0], Limits):
            lower, upper = rest[0]
            rest = rest[1:]
        body = rest[0] if not isinstance(rest[0], Token) else ast.Number(Fraction(1))
        return ast.Integral(body, rest[-1], lower, upper, span=self._span(meta))

    def diff_var(self, meta, children):
        tok = children[-1]
        name = tok[1:] if tok.type == "GREEK" else str(tok)
        return ast.Name(name, span=self._tok_span(tok))

    def limit(self, meta, children):
        _, index, body = children
        target = _single(index)
        if not (isinstance(target, ast.Relation) and target.ops == ("to",)):
            raise self._error(r"\lim needs a subscript like `x \to 0`", self._span(meta))
        variable, point = target.operands
        if isinstance(point, OneSided):
            return ast.Limit(body, variable, point.point, point.direction, span=self._span(meta))
        return ast.Limit(body, variable, point, span=self._span(meta))

    def nabla_sub(self, meta, children):
        return ("sub", _single(children[0]))

    def nabla_sup(self, meta, children):
        script = children[0]
        if isinstance(script, Token):
            script = self.sup_arg(meta, [script])
        if isinstance(script, Token):
            raise self._error("∇ and ∂ take an order such as ^2", self._tok_span(script))
        return ("sup", script)

    def _scripts(self, children):
        wrt, order = None, 1
        for child in children[1:]:
            if isinstance(child, tuple) and child and child[0] == "sub":
                wrt = child[1]
            elif isinstance(child, tuple) and child and child[0] == "sup":
                order = _small_int(child[1])
                if order is None:
                    raise self._error("the order of ∇ or ∂ must be a small whole number",
                                      child[1].span)
        return wrt, order

    def nabla(self, meta, children):
        wrt, order = self._scripts(children[:-1])
        applied = _nabla(children[-1], wrt, order, self._span(meta))
        # ∇ takes the rest of a product, as d/dx does: see juxtapose
        self._operator_calls[id(applied)] = (applied, NablaOp(wrt, order, span=applied.span),
                                             children[-1])
        return applied

    def nabla_bare(self, meta, children):
        wrt, order = self._scripts(children)
        return NablaOp(wrt, order, span=self._span(meta))

    def partial(self, meta, children):
        wrt, order = self._scripts(children[:-1])
        if wrt is not None:
            return ast.Derivative(children[-1], (wrt,) * order, True, span=self._span(meta))
        return PartialMark(children[-1], order, span=self._span(meta))

    def partial_bare(self, meta, children):
        wrt, order = self._scripts(children)
        if wrt is not None:
            return DerivOp((wrt,) * order, True, span=self._span(meta))
        return PartialMark(None, order, span=self._span(meta))

    # --- atoms --------------------------------------------------------------------
    def number(self, meta, children):
        (tok,) = children
        return ast.Number(Fraction(Decimal(str(tok))), span=self._tok_span(tok))

    def letter(self, meta, children):
        (tok,) = children
        return ast.Name(str(tok), span=self._tok_span(tok))

    def greek(self, meta, children):
        (tok,) = children
        return ast.Name(tok[1:], span=self._tok_span(tok))

    def word(self, meta, children):
        (tok,) = children
        return ast.Name(str(tok), span=self._tok_span(tok))

    def calligraphic(self, meta, children):
        (tok,) = children
        return ast.Name("mathcal{%s}" % _braced(tok), span=self._tok_span(tok))

    def blackboard(self, meta, children):
        (tok,) = children
        return ast.Name("mathbb{%s}" % _braced(tok), span=self._tok_span(tok))

    def roman(self, meta, children):
        (tok,) = children
        return _roman(tok, self._tok_span(tok))

    opname = roman

    def infinity(self, meta, children):
        return ast.Infinity(span=self._span(meta))

    def dots(self, meta, children):
        return ast.Dots(span=self._span(meta))

    def font(self, meta, children):
        child = children[-1]
        if children[0] in (r"\mathit", r"\mathnormal") and not _is_letters(child):
            raise self._error(f"`{children[0]}{{..}}` holds a name made of letters, not a number "
                              "or an expression", self._span(meta))
        if isinstance(child, ast.Number) and child.value == 0:
            return ast.Name("mathbf{0}", span=child.span)  # the zero vector or matrix
        if str(children[0]).strip() in (r"\mathit", r"\mathnormal"):
            return _italic_word(child, self._span(meta))
        return child

    def accent(self, meta, children):
        tok, operand = children
        kind = {"widehat": "hat", "overline": "bar", "widetilde": "tilde"}.get(tok[1:], tok[1:])
        return ast.Accent(kind, operand, span=self._span(meta))

    def underbrace(self, meta, children):
        return children[1]

    def paren(self, meta, children):
        args = children[0].plain()
        if len(args) == 1 and args.split is None:
            self._operator_calls.pop(id(args[0]), None)  # (\frac{d}{dx}(x^2))^2 squares it
            self._scripted.pop(id(args[0]), None)  # (x^2)_1 is not x_1^2
            self._bracketed.add(id(args[0]))
            return _grouped(args[0])
        return ast.TupleLit(tuple(args), span=self._span(meta))

    def bracket(self, meta, children):
        """`[x + 1]` is grouping, like `( )`; `[a, b]` and `[[1, 2]]` are lists."""
        args = children[0].plain()
        if len(args) == 1 and args.split is None and not isinstance(args[0], ast.ListLit):
            return self.paren(meta, children)
        return ast.ListLit(tuple(args), span=self._span(meta))

    def interval_open_closed(self, meta, children):
        return self._interval(meta, children[0], True, False)

    def interval_closed_open(self, meta, children):
        return self._interval(meta, children[0], False, True)

    def _interval(self, meta, args, left_open: bool, right_open: bool):
        """`(a, b]` and `[a, b)`: a half-open interval has two ends."""
        args = args.plain()
        if len(args) != 2 or args.split is not None:
            raise self._error("a half-open interval has two ends, as in (0, 1]", self._span(meta))
        return ast.Interval(args[0], args[1], left_open, right_open, span=self._span(meta))

    def empty_set(self, meta, children):
        return ast.SetLit((), span=self._span(meta))

    def imaginary_unit(self, meta, children):
        return ast.Name("imaginaryunit", span=self._span(meta))

    def floor(self, meta, children):
        return _rounding("floor", children[1], self._span(meta))

    def ceiling(self, meta, children):
        return _rounding("ceiling", children[1], self._span(meta))

    def cases(self, meta, children):
        pieces = tuple(child for child in children if isinstance(child, tuple))
        if any(condition is None for _, condition in pieces[:-1]):
            raise self._error("only the last case may be `otherwise`", self._span(meta))
        return ast.Piecewise(pieces, span=self._span(meta))

    def case_row(self, meta, children):
        value, *rest = children
        word = rest.pop(0) if rest and isinstance(rest[0], Token) else None
        condition = rest[0] if rest else None
        if condition is None and not (word and re.search(r"\{\s*(otherwise|else)", word)):
            raise self._error("a case needs a condition, as in x & \\text{if } x > 0, or "
                              "\\text{otherwise}", self._span(meta))
        return (value, condition)

    def set_literal(self, meta, children):
        items = tuple(children[1]) if len(children) == 3 else ()
        span = self._span(meta)
        if items and all(isinstance(item, tuple) for item in items):
            return ast.DictLit(items, span=span)
        if any(isinstance(item, tuple) for item in items):
            raise self._error("a set mixes `value: probability` pairs with plain values", span)
        return ast.SetLit(items, span=span)

    def group(self, meta, children):
        self._operator_calls.pop(id(children[0]), None)
        self._bracketed.add(id(children[0]))
        self._scripted.pop(id(children[0]), None)
        return children[0]

    def angle(self, meta, children):
        args = [c for c in children if not isinstance(c, Token)][0].plain()
        if len(args) != 2:
            raise self._error(r"\langle ... \rangle needs two vectors: \langle v, w \rangle",
                              self._span(meta))
        return ast.Dot(args[0], args[1], span=self._span(meta))

    def frac(self, meta, children):
        _, numerator, denominator = children
        return _derivative_fraction(numerator, denominator, slash=False) or ast.Div(
            numerator, denominator, span=self._span(meta))

    def sqrt(self, meta, children):
        index = children[1] if len(children) == 3 else None
        return ast.Sqrt(children[-1], index, span=self._span(meta))

    def binom(self, meta, children):
        return ast.Binomial(children[1], children[2], span=self._span(meta))

    def matrix(self, meta, children):
        begin, end = children[0], children[-1]
        if _environment(begin) != _environment(end):
            raise self._error(f"\\begin{{{_environment(begin)}}} is closed by "
                              f"\\end{{{_environment(end)}}}; write "
                              f"\\end{{{_environment(begin)}}}", self._tok_span(end))
        rows = tuple(tuple(row) for row in children if isinstance(row, list))
        if any(isinstance(entry, ast.Dots) for row in rows for entry in row):
            return _generic_matrix(rows, self._span(meta))
        width = len(rows[0])
        for row in rows:
            if len(row) != width:
                raise self._error(f"matrix rows have different lengths ({width} and "
                                  f"{len(row)} entries)", row[0].span)
        node = ast.MatrixLit(rows, span=self._span(meta))
        if "vmatrix" in begin and "Vmatrix" not in begin:
            return ast.Abs(node, span=node.span)
        return node

    def matrix_row(self, meta, children):
        return list(children)

    # --- arguments ----------------------------------------------------------------
    def args(self, meta, children):
        r"""Arguments; `a: b` pairs only in a table `\{1: 0.5, ...\}` (see set_literal)."""
        out = ArgList(item for group in children for item in group)
        if any(isinstance(item, tuple) for item in out):
            out.pairs_span = self._span(meta)
        if len(children) > 1:
            out.split = len(children[0])
        return out

    def arg_group(self, meta, children):
        return list(children)

    def given(self, meta, children):
        return ast.Given(children[0], children[-1], span=self._span(meta))

    def parallel(self, meta, children):
        return ast.Parallel(children[0], children[-1], span=self._span(meta))

    def pair(self, meta, children):
        return (children[0], children[-1])

    def string(self, meta, children):
        (tok,) = children
        return ast.String(tok[1:-1], span=self._tok_span(tok))


# --- shape-only decisions ------------------------------------------------------------
def _braced(tok: str) -> str:
    return tok[tok.index("{") + 1:tok.rindex("}")].strip()


def _letters(node: ast.Node) -> bool:
    r"""`\mathit{loss}`: letters side by side (one italic word, a multi-letter name)."""
    return isinstance(node, ast.Juxtapose) and all(
        isinstance(f, ast.Name) and len(f.name) == 1 and f.name.isalpha() for f in node.factors)


def _italic_word(node: ast.Node, span) -> ast.Node:
    r"""`\mathit{loss}` is one name; `\mathit{foo'}` the primed name, as `\mathit{foo}'`."""
    if isinstance(node, ast.Juxtapose) and isinstance(node.factors[-1], ast.Prime):
        last = node.factors[-1]
        word = ast.Juxtapose(node.factors[:-1] + (last.operand,), span=node.span)
        if _letters(word):
            return ast.Prime(_italic_word(word, span), last.order, span=span)
    if _letters(node):
        return ast.Name("".join(f.name for f in node.factors), span=span)
    return node


def _roman(tok: Token, span) -> ast.Node:
    content = _braced(tok)
    if len(content) >= 2 and content[0] == content[-1] and content[0] in "\"'":
        return ast.String(content[1:-1], span=span)
    if len(content) >= 4 and content.startswith("``") and content.endswith("''"):
        return ast.String(content[2:-2], span=span)  # LaTeX's quotes: \text{``ij->ji''}
    for spacing, plain in (("\\_", "_"), ("\\,", ""), ("\\;", ""), ("\\!", "")):
        content = content.replace(spacing, plain)
    name = "".join(content.split())
    if not WORD.fullmatch(name):  # `\text{<b>}` is text to show, never a name
        return ast.String(_braced(tok), span=span)
    return ast.Name(FUNCTION_ALIASES.get(name, name), span=span)


def _grouped(node: ast.Node) -> ast.Node:
    """`(x(x - 3))` keeps its brackets: a power after them takes the whole product, not the
    last bracket as after `x(x - 3)` (a one-factor product marks it)."""
    if isinstance(node, ast.Call):
        return ast.Juxtapose((node,), span=node.span)
    return node


def _column_of_row(base: ast.Node) -> Optional[ast.Node]:
    """`[x_1, x_2, x_3]^\\top`: the column vector books mean (the list written as a row)."""
    if isinstance(base, ast.ListLit) and len(base.items) > 1 \
            and not any(isinstance(item, ast.ListLit) for item in base.items):
        return ast.MatrixLit(tuple((item,) for item in base.items), span=base.span)
    return None


def _generic_matrix(rows, span) -> ast.Node:
    r"""A matrix written with dots is the generic one its corners name: `a_{11}` … `a_{mn}`
    (or `a_{1,1}` … `a_{m,n}`), a column `x_1` … `x_n`, a row likewise."""
    first, last = rows[0][0], rows[-1][-1]
    if not (isinstance(first, ast.Subscript) and isinstance(last, ast.Subscript)
            and isinstance(first.base, ast.Name) and first.base == last.base):
        raise ParseError("a matrix written with dots needs named corner entries, such as "
                         "a_{11} … a_{mn} or x_1 … x_n", span)
    sizes = _corner_sizes(last.index)
    one = ast.Number(Fraction(1))
    if len(rows) == 1 and len(rows[0]) > 1 and sizes and len(sizes) == 1:
        return ast.GenericMatrix(first.base.name, one, sizes[0], span=span)
    if all(len(row) == 1 for row in rows) and sizes and len(sizes) == 1:
        return ast.GenericMatrix(first.base.name, sizes[0], one, span=span)
    if sizes and len(sizes) == 2:
        return ast.GenericMatrix(first.base.name, *sizes, span=span)
    raise ParseError("the last entry of a matrix written with dots gives its size, as a_{mn} "
                     "or a_{m,n}", last.span)


def _corner_sizes(index):
    """`{mn}` → (m, n); `{m,n}` → (m, n); `{n}` → (n,); `{2n}`-like forms → None."""
    if len(index) == 2:
        return tuple(index)
    (item,) = index
    if isinstance(item, ast.Name) and len(item.name) == 2 and item.name.isalpha():
        return (ast.Name(item.name[0]), ast.Name(item.name[1]))
    if isinstance(item, ast.Juxtapose) and len(item.factors) == 2:
        return item.factors
    if isinstance(item, ast.Number) and item.value.denominator == 1 and 10 < item.value < 100:
        rows, cols = divmod(int(item.value), 10)  # a_{23}, as notes write entries
        return (ast.Number(Fraction(rows)), ast.Number(Fraction(cols)))
    if isinstance(item, (ast.Name, ast.Number)):
        return (item,)
    return None


def _relation(tok: str) -> str:
    """The relation a REL token names (`\\not \\in` is `\\notin`)."""
    return RELATIONS[re.sub(r"\s+", "", tok)]


def _rounding(name: str, operand: ast.Node, span) -> ast.Node:
    """`\\lfloor x \\rfloor`, `\\lceil x \\rceil`: the built-in floor or ceiling."""
    return ast.Call(ast.Name(name, span=span), (operand,), "(", None, span=span)


def _is_letters(node: ast.Node) -> bool:
    """A name, or letters side by side (`\\mathit{loss}`), possibly subscripted or primed."""
    if isinstance(node, ast.Name):
        return True
    if isinstance(node, ast.Juxtapose):
        return all(_is_letters(f) for f in node.factors)
    if isinstance(node, (ast.Subscript, ast.Prime)):
        return _is_letters(node.base if isinstance(node, ast.Subscript) else node.operand)
    return False


def _environment(tok: Token) -> str:
    """`\\begin { bmatrix }` → bmatrix; `\\begin{array}{cc}` → array."""
    return re.match(r"\\\w+\s*\{\s*([^{}\s]*)", tok).group(1)


def _single(index):
    return index[0] if isinstance(index, tuple) and len(index) == 1 else (
        ast.TupleLit(index) if isinstance(index, tuple) else index)


def _subscript_item(item: ast.Node) -> ast.Node:
    """`{new}` and `{KL}` (letters side by side) in a subscript are one word."""
    if isinstance(item, ast.Juxtapose) and all(
            isinstance(f, ast.Name) and len(f.name) == 1 for f in item.factors):
        return ast.Name("".join(f.name for f in item.factors), span=item.span)
    return item


def _is_plain_scalar(node: ast.Node) -> bool:
    return isinstance(node, ast.Number) or (isinstance(node, ast.Name) and node.name == "e")


def _small_int(node) -> Optional[int]:
    if isinstance(node, ast.Number) and node.value.denominator == 1 and 0 < node.value <= 20:
        return int(node.value)
    return None


def _apply_head(head: FuncHead, args, split, span) -> ast.Node:
    power = head.power
    func = head.func
    if isinstance(power, ast.Number) and power.value == -1:
        if not (isinstance(func, ast.Name) and func.name in INVERSE_FUNCTIONS):
            raise ParseError(f"`{_head_text(func)}^{{-1}}` is no inverse function symml "
                             f"knows; for the reciprocal write `({_head_text(func)} ...)^{{-1}}`",
                             span)
        return ast.Call(ast.Name(INVERSE_FUNCTIONS[func.name], span=func.span), args, "(",
                        split, span=span)
    call = ast.Call(func, args, "(", split, span=span)
    return ast.Power(call, power, span=span) if power is not None else call


def _named_function_power(node) -> bool:
    """`\\operatorname{asin}^{2}`: a power of a function named in a word, taking an argument."""
    return isinstance(node, ast.Power) and _named_function(node.base)


def _named_function(node) -> bool:
    return isinstance(node, ast.Name) and node.name in NAMED_FUNCTIONS or \
        _named_function_power(node)


def _join(first, last):
    if first is None or last is None:
        return first
    return type(first)(first.start, last.end)


def _head_text(func: ast.Node) -> str:
    """`\\det`, `\\log_2`: a function head as written, for messages."""
    if isinstance(func, ast.Subscript):
        return _head_text(func.base) + "_" + "".join(
            str(getattr(i, "name", getattr(i, "value", "?"))) for i in func.index)
    if isinstance(func, ast.Prime):
        return _head_text(func.operand) + "'" * func.order
    return "\\" + func.name if isinstance(func, ast.Name) else "f"


def _nabla(operand, wrt, order, span) -> ast.Node:
    if order == 2:
        return ast.Hessian(operand, wrt, span=span)
    if order != 1:
        raise ParseError("only ∇ (gradient) and ∇² (Hessian) are supported", span)
    return ast.Gradient(operand, wrt, span=span)


def _apply_operators(factors: list, span) -> ast.Node:
    """Operators written before a product (`d/dx`, `∇`, arg max) apply to what follows."""
    for i, factor in enumerate(factors):
        operator = _operator_of(factor)
        if operator is None:
            continue
        rest = factors[i + 1:]
        if not rest:
            break
        operand = _apply_operators(rest, None) if len(rest) > 1 else rest[0]
        applied = operator(operand)
        head = factors[:i]
        return ast.Juxtapose(tuple(head) + (applied,), span=span) if head else applied
    return ast.Juxtapose(tuple(factors), span=span)


def _operator_of(factor):
    if isinstance(factor, ast.Neg):  # -\frac{d}{dx} x^2
        inner = _operator_of(factor.operand)
        return inner and (lambda operand: ast.Neg(inner(operand), span=factor.span))
    if isinstance(factor, DerivOp):
        return lambda operand: ast.Derivative(operand, factor.variables, factor.partial,
                                              span=factor.span)
    if isinstance(factor, NablaOp):
        return lambda operand: _nabla(operand, factor.wrt, factor.order, factor.span)
    if isinstance(factor, ast.Subscript) and isinstance(factor.base, ast.Name) \
            and factor.base.name in ("argmax", "argmin") and len(factor.index) == 1:
        return lambda operand: ast.ArgOpt(factor.base.name, factor.index[0], operand,
                                          span=factor.span)
    return None


def _order(node) -> Optional[int]:
    """The whole number n ≥ 1 of a derivative order `d^{n}`, `dx^{n}`, else None."""
    if not (isinstance(node, ast.Number) and node.value.denominator == 1 and node.value >= 1):
        return None
    if node.value > MAX_DERIVATIVE_ORDER:
        raise LimitExceeded(f"a derivative of order {node.value} is past the limit of "
                            f"{MAX_DERIVATIVE_ORDER}", node.span)
    return int(node.value)


def _d_power(node) -> Optional[int]:
    """1 for `d`, n for `d^n`, 0 for `d^n` of a symbolic or fractional n, else None."""
    if isinstance(node, ast.Name) and node.name == "d":
        return 1
    if isinstance(node, ast.Power) and isinstance(node.base, ast.Name) and node.base.name == "d":
        return _order(node.exponent) or 0
    return None


def _checked_order(order: int, variables: tuple, node) -> tuple:
    """`d^2` on top needs two differentials below (`dx^2`, `dx\\,dy`): else a ParseError."""
    if order == 0 or any(isinstance(v, ast.Power) for v in variables):
        raise ParseError("the order of a derivative must be a whole number, as in "
                         "\\frac{d^{3}}{dx^{3}}", node.span)
    if order != len(variables):
        raise ParseError(f"the derivative has order {order} on top and {len(variables)} "
                         "below; write the same order, as in \\frac{d^{2}y}{dx^{2}}",
                         node.span)
    return variables


def _differentials(denominator, partial: bool):
    """`dx`, `dx^2`, `∂x ∂y` → the tuple of variables (x repeated per order)."""
    factors = denominator.factors if isinstance(denominator, ast.Juxtapose) else (denominator,)
    variables = []
    i = 0
    while i < len(factors):
        factor = factors[i]
        if partial:
            if not isinstance(factor, PartialMark) or factor.target is None:
                return None
            target, order = factor.target, factor.order
        else:
            if _d_power(factor) != 1 or i + 1 >= len(factors):
                return None
            i += 1
            target, order = factors[i], 1
        if isinstance(target, ast.Power) and _order(target.exponent):
            order *= _order(target.exponent)
            target = target.base
        variables.extend([target] * order)
        i += 1
    return tuple(variables) or None


def _inline_operator(numerator, denominator, span):
    """`d/dx x^2`, `d/dx(x^2)`, `∂/∂x x^2 y`: a bare d/dx or ∂/∂x written with a slash takes
    the product after the differentials."""
    partial = isinstance(numerator, PartialMark) and numerator.target is None
    if not (partial or _d_power(numerator) is not None):
        return None
    factors = list(denominator.factors if isinstance(denominator, ast.Juxtapose)
                   else (denominator,))
    bracketed = _bracket_after_variable(factors[-1], partial)
    if bracketed is not None and len(factors) == (1 if partial else 2):
        factors[-1:] = bracketed
    for cut in range(len(factors) - 1, 0, -1):
        variables = _differentials(ast.Juxtapose(tuple(factors[:cut])), partial)
        if variables:
            if not partial:
                _checked_order(_d_power(numerator), variables, numerator)
            operator = DerivOp(variables, partial, span=numerator.span)
            return _apply_operators([operator, *factors[cut:]], span)
    return None


def _bracket_after_variable(factor, partial: bool):
    """`x(x^2)` → [x, x^2]; `∂x(x^2 y)` → [∂x, x^2 y]; else None."""
    split = _split_call(factor, partial)
    if split is None or len(split[1].args) != 1:
        return None
    return [split[0], split[1].args[0]]


def _split_call(factor, partial: bool):
    """`x(1, 2)` → (x, the call); `∂x(1, 2)` → (∂x, the call); else None."""
    call = factor.target if partial and isinstance(factor, PartialMark) else factor
    if not (isinstance(call, ast.Call) and call.bracket == "(" and isinstance(call.func, ast.Name)):
        return None
    variable = PartialMark(call.func, factor.order, span=factor.span) if partial else call.func
    return variable, call


def _derivative_at_point(numerator, denominator, span):
    """`∂f/∂x(1, 2)`, `df/dx(2)`: the bracket after the last differential holds the point,
    as in `\\frac{\\partial f}{\\partial x}(1, 2)`."""
    factors = list(denominator.factors if isinstance(denominator, ast.Juxtapose)
                   else (denominator,))
    split = _split_call(factors[-1], isinstance(numerator, PartialMark))
    if split is None:
        return None
    factors[-1] = split[0]
    variables = factors[0] if len(factors) == 1 else ast.Juxtapose(tuple(factors))
    derivative = _derivative_fraction(numerator, variables, slash=True)
    if not isinstance(derivative, ast.Derivative):
        return None
    call = split[1]
    return ast.Call(derivative, call.args, "(", call.split, span=span)


def _partial_of_product(numerator):
    """`\\partial \\ln\\det X`, `\\partial\\, a^\\top X b`: ∂ of the whole numerator."""
    if not (isinstance(numerator, ast.Juxtapose) and isinstance(numerator.factors[0], PartialMark)):
        return numerator
    mark, rest = numerator.factors[0], numerator.factors[1:]
    target = ((mark.target,) if mark.target is not None else ()) + tuple(rest)
    operand = target[0] if len(target) == 1 else ast.Juxtapose(target, span=numerator.span)
    return PartialMark(operand, mark.order, span=numerator.span)


def _derivative_fraction(numerator, denominator, *, slash: bool):
    """`\\frac{d}{dx}`, `\\frac{df}{dx}`, `\\frac{\\partial^2 f}{\\partial x \\partial y}`, `∂f/∂x`."""
    numerator = _partial_of_product(numerator)
    if isinstance(numerator, PartialMark):
        variables = _differentials(denominator, partial=True)
        if variables is None:
            return None
        _checked_order(numerator.order, variables, numerator)
        if numerator.target is None:
            return DerivOp(variables, True, span=numerator.span)
        return ast.Derivative(numerator.target, variables, True, True, span=numerator.span)
    factors = numerator.factors if isinstance(numerator, ast.Juxtapose) else (numerator,)
    order = _d_power(factors[0])
    if order is None:
        return None
    variables = _differentials(denominator, partial=False)
    if variables is None:
        return None
    _checked_order(order, variables, numerator)
    rest = factors[1:]
    if not rest:
        return DerivOp(variables, False, span=numerator.span)
    target = rest[0] if len(rest) == 1 else ast.Juxtapose(tuple(rest), span=numerator.span)
    return ast.Derivative(target, variables, False, True, span=numerator.span)
