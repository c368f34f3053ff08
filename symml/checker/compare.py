"""Compare two readings: dispatch on what each one is (scalar, explicit matrix, matrix
expression, set, tuple, table, truth value; solutions of an equation) to the comparison
for that pair of kinds."""
from __future__ import annotations

from typing import Callable

from ..render.latex import latex
from ..semantics.kinds import describe
from .layers import Env, decide_scalar, sets_differ_somewhere, within
from .matrices import decide_explicit, decide_expression
from .reading import Reading
from .verdict import Decision

COMPARISONS: dict[tuple[str, str], Callable] = {}


def comparison(*pairs):
    def register(function):
        for pair in pairs:
            COMPARISONS[pair] = function
        return function
    return register


def kind_of(value) -> str:
    from sympy import Dict, Expr, MatrixBase, MatrixExpr, Set, Tuple
    from sympy.logic.boolalg import Boolean

    for cls, kind in ((MatrixBase, "matrix"), (MatrixExpr, "matexpr"), (Set, "set"),
                      (Tuple, "tuple"), (Dict, "dict"), (Expr, "scalar"),
                      (Boolean, "boolean")):
        if isinstance(value, cls):
            return kind
    return type(value).__name__


def compare_values(reference, answer, env: Env) -> Decision:
    reference, answer = _as_scalar(reference), _as_scalar(answer)
    kinds = (kind_of(reference), kind_of(answer))
    compare = COMPARISONS.get(kinds)
    if compare is None:
        return Decision(False, f"the reference is {_words(reference)}, the answer "
                        f"{_words(answer)}")
    return compare(reference, answer, env)


def _as_scalar(value):
    """A 1×1 explicit matrix is its entry (`\\mathbf{v}^\\top\\mathbf{w}`)."""
    from sympy import MatrixBase

    if isinstance(value, MatrixBase) and value.shape == (1, 1):
        return value[0, 0]
    return value


def _words(value) -> str:
    kind = kind_of(value)
    if kind == "tuple":
        return f"a tuple of {len(value)}"
    return {"set": "a set", "dict": "a table", "boolean": "a truth value",
            "matexpr": "a matrix expression"}.get(kind) or describe(value)


comparison(("scalar", "scalar"))(decide_scalar)
comparison(("matrix", "matrix"))(decide_explicit)
comparison(("matexpr", "matexpr"), ("matexpr", "matrix"), ("matrix", "matexpr"),
           ("matexpr", "scalar"), ("scalar", "matexpr"))(lambda r, a, env: _matexpr(r, a, env))


def _matexpr(reference, answer, env: Env) -> Decision:
    from sympy import Identity, MatrixExpr

    shapes = [getattr(v, "shape", (1, 1)) for v in (reference, answer)]
    if any(tuple(s) != (1, 1) for s in shapes) and not all(
            isinstance(v, MatrixExpr) for v in (reference, answer)):
        return Decision(False, f"the reference is {_words(reference)}, the answer "
                        f"{_words(answer)}")
    if not isinstance(reference, MatrixExpr):
        reference = reference * Identity(1)
    if not isinstance(answer, MatrixExpr):
        answer = answer * Identity(1)
    return decide_expression(reference, answer, env)


@comparison(("boolean", "boolean"))
def _booleans(reference, answer, env: Env) -> Decision:
    from sympy.logic.boolalg import BooleanAtom

    if isinstance(reference, BooleanAtom) and isinstance(answer, BooleanAtom):
        if reference == answer:
            return Decision(True, f"both are {str(reference).lower()}")
        return Decision(False, f"the reference is {str(reference).lower()}, the answer "
                        f"{str(answer).lower()}")
    if reference == answer:
        return Decision(True, "the two conditions are the same")
    return Decision(None, "two conditions that are not true or false are not compared")


@comparison(("tuple", "tuple"))
def _tuples(reference, answer, env: Env) -> Decision:
    if len(reference) != len(answer):
        return Decision(False, f"the reference has {len(reference)} entries, the answer "
                        f"{len(answer)}")
    return _in_order(reference, answer, env, "entry")


def _in_order(reference, answer, env: Env, word: str) -> Decision:
    undecided = None
    for index, (ref, ans) in enumerate(zip(reference, answer), start=1):
        decision = compare_values(ref, ans, env)
        if decision.equal is False:
            return Decision(False, f"{word} {index} differs: {decision.reason}",
                            decision.counterexample)
        if decision.equal is None and undecided is None:
            undecided = Decision(None, f"{word} {index}: {decision.reason}")
    return undecided or Decision(True, f"every {word} is equal, in order")


@comparison(("dict", "dict"))
def _tables(reference, answer, env: Env) -> Decision:
    from sympy import Tuple

    ref_pairs = [Tuple(k, v) for k, v in reference.items()]
    ans_pairs = [Tuple(k, v) for k, v in answer.items()]
    return _match(ref_pairs, ans_pairs, env, lambda p, q, env: _pair(p, q, env),
                  "pair", lambda p: f"{latex(p[0])}: {latex(p[1])}")


def _pair(p, q, env: Env) -> Decision:
    return _in_order(p, q, env, "part")


@comparison(("set", "set"))
def _sets(reference, answer, env: Env) -> Decision:
    from sympy import FiniteSet

    if isinstance(reference, FiniteSet) and isinstance(answer, FiniteSet):
        return _match(list(reference), list(answer), env, compare_values, "element",
                      latex)
    if reference == answer:
        return Decision(True, "the same set")
    if (reference.free_symbols | answer.free_symbols):
        return Decision(None, "sets with symbols in them are compared only element by "
                        "element")
    difference = within(env.layer_seconds, lambda: reference.symmetric_difference(answer))
    if difference is None:
        return Decision(None, "SymPy could not compare the two sets")
    if difference.is_empty:
        return Decision(True, "the same set: no number is in one and not the other")
    witness = _witness(difference)
    if witness is None:
        return Decision(None, "SymPy could not compare the two sets")
    where = "the reference" if within(env.layer_seconds, lambda: reference.contains(witness)) \
        else "the answer"
    other = "the answer" if where == "the reference" else "the reference"
    return Decision(False, f"{latex(witness)} is in {where} but not in {other}",
                    {"x": latex(witness)})


@comparison(("set", "tuple"), ("set", "matrix"))
def _interval_written_as_pair(reference, answer, env: Env) -> Decision:
    """`(0, 1)` against an interval is the open interval, `[0, 1]` the closed one."""
    from sympy import Interval

    items = list(answer)
    if not isinstance(reference, Interval) or len(items) != 2:
        return Decision(False, f"the reference is a set, the answer {_words(answer)}")
    is_open = kind_of(answer) == "tuple"
    interval = Interval(items[0], items[1], left_open=is_open, right_open=is_open)
    word = "open" if is_open else "closed"
    return _noted(_sets(reference, interval, env), f"the answer read as the {word} interval")


def _witness(difference):
    """A number in a non-empty set (an end, a midpoint, an element)."""
    from sympy import FiniteSet, Interval, Union, oo

    if isinstance(difference, FiniteSet):
        return min(difference, key=lambda x: (str(x)))
    if isinstance(difference, Union):
        return _witness(difference.args[0])
    if isinstance(difference, Interval):
        start, end = difference.start, difference.end
        if start == -oo and end == oo:
            return 0
        if start == -oo:
            return end - 1
        if end == oo:
            return start + 1
        return start if not difference.left_open else (start + end) / 2
    return None


def _match(ref_items, ans_items, env: Env, compare, word, show) -> Decision:
    """Each element of one side equal to an element of the other, and back."""
    unmatched_answer = list(ans_items)
    undecided = None
    for ref in ref_items:
        found, maybe = None, False
        for ans in unmatched_answer:
            decision = compare(ref, ans, env)
            if decision.equal:
                found = ans
                break
            maybe = maybe or decision.equal is None
        if found is not None:
            unmatched_answer.remove(found)
        elif maybe:
            undecided = undecided or Decision(None, f"cannot tell whether the {word} "
                                              f"{show(ref)} is in the answer")
        else:
            return _missing(ref_items, ans_items, env, f"the {word} {show(ref)} of the "
                            "reference is not in the answer")
    if undecided:
        return undecided
    for ans in unmatched_answer:
        if not any(compare(ref, ans, env).equal for ref in ref_items):
            return _missing(ref_items, ans_items, env, f"the {word} {show(ans)} of the "
                            "answer is not in the reference")
    return Decision(True, f"every {word} of each is in the other")


def _missing(ref_items, ans_items, env: Env, reason: str) -> Decision:
    """An element matched by no element of the other side is a difference only if the
    elements are numbers; with symbols, {√(a²), −√(a²)} is {a, −a} although no element
    equals one of the other everywhere, so one point where the two sets differ is needed."""
    from sympy import Basic

    items = [i for i in list(ref_items) + list(ans_items) if isinstance(i, Basic)]
    if len(items) < len(ref_items) + len(ans_items):
        return Decision(None, reason.replace("is not in", "was not found in"))
    if not any(getattr(i, "free_symbols", None) for i in items):
        return Decision(False, reason)
    found = sets_differ_somewhere(list(ref_items), list(ans_items), env)
    if found is not None:
        return found
    return Decision(None, f"{reason} as an expression, but the two sets agree at every "
                    "point tried")


# --- readings --------------------------------------------------------------------------
def compare_readings(reference: Reading, answer: Reading, env: Env) -> Decision:
    """Equations, solution sets and assignments are brought to one form, then compared."""
    kinds = (reference.kind, answer.kind)
    if "equation" in kinds:
        return _equations(reference, answer, env)
    if "solutions" in kinds:
        return _solutions(reference, answer, env)
    if kinds == ("assignment", "assignment") and reference.variable != answer.variable:
        return Decision(False, f"the reference gives {latex(reference.variable)}, the answer "
                        f"{latex(answer.variable)}")
    decision = compare_values(reference.value, answer.value, env)
    if "assignment" in kinds and kinds != ("assignment", "assignment"):
        named = reference if reference.kind == "assignment" else answer
        return _noted(decision, f"{named.text} read as the value of "
                      f"{latex(named.variable)}")
    return decision


def _noted(decision: Decision, note: str) -> Decision:
    return Decision(decision.equal, f"{decision.reason} ({note})", decision.counterexample)


def _as_solutions(reading: Reading):
    """The reading as a set of values, or None."""
    from sympy import FiniteSet, Set

    if reading.kind == "solutions":
        return reading.value
    if isinstance(reading.value, Set):
        return reading.value
    if reading.kind == "assignment":
        return FiniteSet(reading.value)
    return None


def _solutions(reference: Reading, answer: Reading, env: Env) -> Decision:
    from sympy import FiniteSet

    ref_set, ans_set = _as_solutions(reference), _as_solutions(answer)
    variables = {r.variable for r in (reference, answer) if r.variable is not None}
    if len(variables) > 1:
        return Decision(False, "the two solve for different unknowns: "
                        + ", ".join(sorted(latex(v) for v in variables)))
    if ans_set is None and isinstance(ref_set, FiniteSet) and len(ref_set) == 1:
        return _noted(compare_values(next(iter(ref_set)), answer.value, env),
                      "the single solution compared with the value")
    if ref_set is None and isinstance(ans_set, FiniteSet) and len(ans_set) == 1:
        return _noted(compare_values(reference.value, next(iter(ans_set)), env),
                      "the single solution compared with the value")
    if ref_set is None or ans_set is None:
        plain = answer if ans_set is None else reference
        return Decision(False, f"one is a set of solutions, the other {_words(plain.value)}")
    decision = compare_values(ref_set, ans_set, env)
    if decision.counterexample and variables:
        name = latex(variables.pop())
        decision = Decision(decision.equal, decision.reason,
                            {name: v for v in decision.counterexample.values()})
    return decision


def _equations(reference: Reading, answer: Reading, env: Env) -> Decision:
    """Same solutions: solved for one unknown (the one an assignment names, else each in
    turn), the two give the same values."""
    for reading in (reference, answer):
        if reading.kind not in ("equation", "assignment"):
            return Decision(False, f"one is an equation in several unknowns, the other "
                            f"{_words(reading.value)}")
    ref_vars, ans_vars = _unknowns(reference), _unknowns(answer)
    if ref_vars != ans_vars:
        return Decision(False, "the equations are in different unknowns")
    named = [r.variable for r in (reference, answer) if r.kind == "assignment"]
    for x in named + sorted(set(ref_vars) - set(named), key=str):
        solved = within(env.layer_seconds, lambda: (_solved(reference, x), _solved(answer, x)))
        if not solved or not solved[0] or not solved[1]:
            continue
        decision = _match(solved[0], solved[1], env, compare_values, "solution", latex)
        return _noted(decision, f"both solved for {latex(x)}")
    return Decision(None, "neither equation could be solved for one of its unknowns")


def _unknowns(reading: Reading) -> set:
    if reading.kind == "equation":
        return set(reading.variables)
    return {reading.variable} | reading.value.free_symbols


def _solved(reading: Reading, x) -> list:
    """The values of `x` that satisfy the reading, as a list of expressions."""
    import sympy

    if reading.kind == "assignment":
        values = list(reading.value) if isinstance(reading.value, sympy.FiniteSet) \
            else [reading.value]
        if x == reading.variable:
            return values
        return [s for v in values for s in sympy.solve(reading.variable - v, x)]
    return sympy.solve(reading.value, x)
