"""Steps as data: a title and the LaTeX of one line of working."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Step:
    """One line of a worked solution. `exprs` keeps the SymPy objects the line shows."""

    title: str
    latex: str
    exprs: tuple[Any, ...] = field(default=(), compare=False, repr=False)

    @classmethod
    def chain(cls, title: str, *parts: Any) -> "Step":
        """`a = b = c` from SymPy objects (printed in the guide's style) or LaTeX strings."""
        from ..render.latex import latex

        text = " = ".join(part if isinstance(part, str) else latex(part) for part in parts)
        return cls(title, text, tuple(p for p in parts if not isinstance(p, str)))

    def to_json(self) -> dict:
        return {"title": self.title, "latex": self.latex}
