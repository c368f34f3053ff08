"""Reading rates of two corpora (issue 15): the formulas of SymPy's own LaTeX-parser tests
(a held-out set of standard LaTeX, with SymPy's reading as the expected value) and
formulas as a deep-learning textbook's math chapters write them (`dl_book.txt`).

`python tests/corpora/measure.py` prints the rates and every miss."""
from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from pathlib import Path

import sympy

from symml import SymmlError, Workspace
from symml.syntax.document import split_statements

HERE = Path(__file__).parent

# Where symml's documented reading differs from SymPy's (README "Choices"), the formula is
# read right by the contract: these are not counted as misses.
CONTRACT_READINGS = {
    r"\overline{z}": "a bar over a plain name is a name (the mean z̄), not the conjugate",
    r"\overline{\overline{z}}": "the inner bar is a name",
    r"\overline{x} + \overline{y}": "a bar over a plain name is a name",
    r"\frac{d\theta(x)}{dx}": "θ(x) of an undefined θ is θ·x (NOTATION.md §1)",
    r"f'_1(x)": "a prime on an applied function is its derivative (README \"Choices\"); "
                "SymPy names a new function f_1'",
    r"f_{1}''(x+y)": "the second derivative of f_1 at x + y, not a new function named f_1''",
    r"y''_1": "primes stay where written; SymPy's own tests disagree (a''_b is a''_{b})",
}


@dataclass
class Rates:
    total: int = 0
    read: int = 0
    right: int = 0
    misses: list = field(default_factory=list)

    def add(self, formula: str, read: bool, right: bool, why: str = "") -> None:
        self.total += 1
        self.read += read
        self.right += right
        if not right:
            self.misses.append((formula, why))

    def percent(self, count: int) -> float:
        return 100 * count / self.total


def _canonical(value):
    """Symbols compared by name alone, braces dropped (`x_{1}` is `x_1`)."""
    if isinstance(value, sympy.Basic):
        return value.xreplace({s: sympy.Symbol(s.name.replace("{", "").replace("}", ""))
                               for s in value.free_symbols if isinstance(s, sympy.Symbol)})
    return value


def _unbraced(value) -> str:
    return str(value).replace("{", "").replace("}", "")


def same_value(got, expected) -> bool:
    got, expected = _canonical(got), _canonical(expected)
    for attempt in (lambda v: v.doit(), lambda v: v):
        try:
            got, expected = attempt(got), attempt(expected)
            break
        except Exception:  # noqa: BLE001 - some values have no doit
            continue
    if got == expected or _unbraced(got) == _unbraced(expected):
        return True
    try:
        if isinstance(got, sympy.MatrixBase) or isinstance(expected, sympy.MatrixBase):
            difference = sympy.ImmutableMatrix(got) - sympy.ImmutableMatrix(expected)
            return difference.applyfunc(sympy.simplify).is_zero_matrix is True
        return sympy.simplify(got - expected) == 0
    except Exception:  # noqa: BLE001 - values of different kinds are not the same
        return False


# --- SymPy's LaTeX test formulas --------------------------------------------------------
def sympy_pairs() -> tuple[dict, list]:
    """(formula → SymPy's expected value, formulas SymPy's parser must refuse)."""
    old = importlib.import_module("sympy.parsing.tests.test_latex")
    lark = importlib.import_module("sympy.parsing.tests.test_latex_lark")
    pairs = list(old.GOOD_PAIRS)
    for name in sorted(dir(lark)):
        if name.endswith("_PAIRS") and isinstance(getattr(lark, name), list):
            pairs += getattr(lark, name)
    good: dict = {}
    for formula, expected in pairs:
        good.setdefault(formula, expected)
    bad = [f for f in old.BAD_STRINGS + old.FAILING_BAD_STRINGS if f not in good]
    return good, bad


def measure_standard() -> Rates:
    good, bad = sympy_pairs()
    rates = Rates()
    for formula, expected in good.items():
        result = Workspace(steps=False).run(formula)
        if not result.ok:
            rates.add(formula, False, False, str(result.error).splitlines()[0])
            continue
        if formula in CONTRACT_READINGS:
            right = True
        elif isinstance(expected, sympy.core.relational.Relational):
            # an equation is solved or checked, an inequality checked (NOTATION.md §1)
            right = result.kind in ("check", "solution", "definition")
        else:
            right = same_value(result.value, expected)
        rates.add(formula, True, right, "" if right else f"gave {result.value}")
    for formula in bad:  # a bad input is read right when it is refused with a SymmlError
        result = Workspace(steps=False).run(formula)
        refused = isinstance(result.error, SymmlError)
        rates.add(formula, refused, refused, "" if refused else "accepted a bad input")
    return rates


# --- a deep-learning textbook's formulas -----------------------------------------------
def dl_book_entries() -> list[tuple[str, str]]:
    entries = []
    for line in (HERE / "dl_book.txt").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("%"):
            document, expected = line.rsplit(" => ", 1)
            entries.append((document.strip(), expected.strip()))
    return entries


def _matches(result, expected: str) -> bool:
    if expected in ("true", "false"):
        return result.kind == "check" and result.value == (sympy.true if expected == "true"
                                                            else sympy.false)
    if expected in ("declaration", "definition"):
        return result.kind == expected
    wanted = Workspace(steps=False).run(expected)
    return wanted.ok and same_value(result.value, wanted.value)


def measure_dl_book() -> Rates:
    rates = Rates()
    for document, expected in dl_book_entries():
        workspace = Workspace(steps=False)
        for statement in split_statements(document):
            result = workspace.run(statement.text)
            if not result.ok:
                break
        if not result.ok:
            # `!` marks a formula whose right answer is a refusal (a statement about an
            # undefined object): read right when refused with a SymmlError, as the bad
            # inputs of the standard corpus are
            refused = expected == "!" and isinstance(result.error, SymmlError)
            rates.add(document, refused, refused, str(result.error).splitlines()[0])
            continue
        right = expected != "!" and _matches(result, expected)
        rates.add(document, True, right, "" if right else f"gave {result.latex}")
    return rates


if __name__ == "__main__":  # pragma: no cover - a report for people
    for title, rates in (("standard LaTeX (SymPy's tests)", measure_standard()),
                         ("deep-learning textbook", measure_dl_book())):
        print(f"{title}: {rates.total} formulas, read {rates.percent(rates.read):.1f}%, "
              f"read right {rates.percent(rates.right):.1f}%")
        for formula, why in rates.misses:
            print(f"  {formula}\n      {why}")
