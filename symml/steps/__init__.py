"""Steps as data: a title, the SymPy objects a line shows, and its LaTeX written on demand."""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from types import FunctionType
from typing import Any, Callable, Union


NOT_PRINTED = r"\text{(this line is too large or too deeply nested to print)}"


@dataclass(frozen=True, eq=False)
class Step:
    """One line of a worked solution. `source` is its LaTeX, or a function that writes it
    when `latex` is first read, so building steps costs no printing; `exprs` keeps the
    SymPy objects the line shows."""

    title: str
    source: Union[str, Callable[[], str]] = field(repr=False)
    exprs: tuple[Any, ...] = field(default=(), repr=False)

    @cached_property
    def latex(self) -> str:
        """Written under the default time limit; a line too large or too deep to print says
        so instead."""
        if not callable(self.source):
            return self.source
        from ..limits import DEFAULT, printing_limits

        written = printing_limits(self.source, DEFAULT.seconds)
        return written if isinstance(written, str) else NOT_PRINTED

    def __eq__(self, other) -> bool:
        return isinstance(other, Step) and (self.title, self.latex) == (other.title, other.latex)

    def __hash__(self) -> int:
        return hash((self.title, self.latex))

    def __repr__(self) -> str:
        return f"Step(title={self.title!r}, latex={self.latex!r})"

    @classmethod
    def chain(cls, title: str, *parts: Any) -> "Step":
        """`a = b = c` from SymPy objects (printed in the guide's style), LaTeX strings, or
        functions that write LaTeX (for a table costly to build, built only if printed)."""
        def written() -> str:
            from ..render.latex import latex

            return " = ".join(part if isinstance(part, str) else part()
                              if isinstance(part, FunctionType) else latex(part)
                              for part in parts)

        return cls(title, written, tuple(p for p in parts
                                         if not isinstance(p, (str, FunctionType))))

    def to_json(self) -> dict:
        return {"title": self.title, "latex": self.latex}
