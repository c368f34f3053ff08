"""Steps as data: a title made of words and math pieces, and the lines `a = b = c` as SymPy
objects; each export's printer walks these records (nothing splits printed LaTeX apart).

A title is a string of words, or a sequence of pieces: `str` pieces are words, anything else
is math (a SymPy object, or `Math(r"\\lambda")` for a LaTeX fragment):
`Step(("Partial derivative with respect to", x), lines=(lhs, rhs))`.
A line is a SymPy object, a LaTeX string, `AsWritten(expr)` (a sum kept in the order it was
built: `1 \\cdot 5 + 2 \\cdot 7`), `Deferred(build)` (a table costly to build: `build()`
returns the SymPy object or `AsWritten` line, called only when the step is printed), or a
function that writes LaTeX.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from types import FunctionType
from typing import Any, Iterable, Union

from .titles import sentence_pieces


@dataclass(frozen=True)
class Math:
    """A math piece of a title: a SymPy object or a LaTeX fragment."""

    value: Any

    @property
    def latex(self) -> str:
        return line_latex(self.value)

    @property
    def sympy(self):
        """The SymPy object, or None for a LaTeX fragment."""
        return None if isinstance(self.value, str) else self.value


@dataclass(frozen=True)
class AsWritten:
    """A line printed with its terms in the order given (no reordering of sums)."""

    value: Any


class Deferred:
    """A line built on first print: `build()` returns a SymPy object or an `AsWritten`."""

    def __init__(self, build):
        self._build = build

    @cached_property
    def value(self):
        return self._build()


Title = Union[str, Iterable[Any]]
NO_SPACE_BEFORE = tuple(",.;:)!?")


class Step:
    """One step of a worked solution: `pieces` (its title) and `lines` (its chain).

    `Step(title, line)` is the short form of `Step(title, lines=(line,))`. A title given as
    one string is words; LaTeX words in it (a note's sentence, `redefines \\theta`) are found
    by `titles.sentence_pieces`.
    """

    __slots__ = ("pieces", "lines", "_title", "__dict__")

    def __init__(self, title: Title, line: Any = None, *, lines: Iterable[Any] | None = None):
        if isinstance(title, str):
            self._title = title
            self.pieces = tuple(sentence_pieces(title))
        else:
            self._title = None
            self.pieces = tuple(piece if isinstance(piece, (str, Math)) else Math(piece)
                                for piece in title)
        self.lines = tuple(lines) if lines is not None else (line,)

    @classmethod
    def chain(cls, title: Title, *parts: Any) -> "Step":
        """`a = b = c`: each part a line (SymPy object, LaTeX string or LaTeX function)."""
        return cls(title, lines=parts)

    def map_lines(self, change) -> "Step":
        """The same step with `change` applied to each SymPy object of its lines."""
        def changed(line):
            if isinstance(line, AsWritten):
                return AsWritten(change(line.value))
            return line if isinstance(line, (str, FunctionType, Deferred)) else change(line)

        step = Step(self.pieces, lines=map(changed, self.lines))
        step._title = self._title
        return step

    # --- derived: the strings of the JSON contract ---------------------------------------
    @cached_property
    def title(self) -> str:
        if self._title is not None:
            return self._title
        return self.title_with(lambda piece: piece.latex)

    def title_with(self, write_math) -> str:
        """The title's words joined with each math piece as `write_math(piece)` writes it."""
        out = ""
        for piece in self.pieces:
            text = piece.strip() if isinstance(piece, str) else write_math(piece)
            if out and text and not text.startswith(NO_SPACE_BEFORE):
                out += " "
            out += text
        return out

    @cached_property
    def line_latex(self) -> tuple[str, ...]:
        """The LaTeX of each line, printed on first read (under the default time limit; a
        line too large or too deep to print says so instead); a line written as the one
        before it is left out (no `a = a`)."""
        out: list[str] = []
        for line in self.lines:
            text = _limited_latex(line)
            if not out or text != out[-1]:
                out.append(text)
        return tuple(out)

    @cached_property
    def latex(self) -> str:
        return " = ".join(self.line_latex)

    @property
    def exprs(self) -> tuple[Any, ...]:
        """The SymPy objects the lines show."""
        return tuple(line.value if isinstance(line, AsWritten) else line for line in self.lines
                     if not isinstance(line, (str, FunctionType, Deferred)))

    @cached_property
    def title_parts(self) -> tuple[tuple[bool, str], ...]:
        """The title as (is_math, text-or-LaTeX) runs, words padded where they touch math."""
        runs: list[list] = []
        for piece in self.pieces:
            is_math = isinstance(piece, Math)
            text = piece.latex if is_math else piece.strip()
            if not text:
                continue
            if runs and runs[-1][0] == is_math:
                runs[-1][1] += ("" if text.startswith(NO_SPACE_BEFORE) else " ") + text
            else:
                runs.append([is_math, text])
        count = len(runs)
        return tuple((m, t if m else (" " if i > 0 and not t.startswith(NO_SPACE_BEFORE)
                                      else "") + t + (" " if i < count - 1 else ""))
                     for i, (m, t) in enumerate(runs))

    def __eq__(self, other) -> bool:
        return isinstance(other, Step) and (self.title, self.latex) == (other.title, other.latex)

    def __hash__(self) -> int:
        return hash((self.title, self.latex))

    def __repr__(self) -> str:
        return f"Step(title={self.title!r}, latex={self.latex!r})"

    def to_json(self) -> dict:
        return {"title": self.title, "latex": self.latex}


NOT_PRINTED = r"\text{(this line is too large or too deeply nested to print)}"


def _limited_latex(line: Any) -> str:
    if isinstance(line, str):
        return line
    from ..limits import DEFAULT, printing_limits

    written = printing_limits(lambda: line_latex(line), DEFAULT.seconds)
    return written if isinstance(written, str) else NOT_PRINTED


def line_latex(line: Any) -> str:
    """One line (or math piece) as LaTeX."""
    if isinstance(line, str):
        return line
    if isinstance(line, FunctionType):
        return line()
    if isinstance(line, Deferred):
        return line_latex(line.value)
    from ..render.latex import latex

    if isinstance(line, AsWritten):
        return latex(line.value, as_written=True)
    return latex(line)
