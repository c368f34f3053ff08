"""The outcome of one statement: its value, LaTeX, steps and error (if any)."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Optional

from .errors import SymmlError
from .steps import Step

KINDS = ("definition", "declaration", "value", "check", "solution")
NOT_YET = object()


@dataclass
class Result:
    """`latex` and `approx` are rendered from `value` when first read, so a caller that only
    wants the value does not pay for printing."""

    input: str
    kind: str = "value"
    value: Any = None
    steps: list[Step] = field(default_factory=list)
    error: Optional[SymmlError] = None
    notes: list[str] = field(default_factory=list)  # which reading was taken, what replaced
    _latex: Optional[str] = field(default=None, repr=False)
    _approx: Any = field(default=NOT_YET, repr=False)
    timeout: Optional[float] = field(default=None, repr=False)  # for printing, as for running

    @property
    def ok(self) -> bool:
        return self.error is None

    @property
    def latex(self) -> str:
        if self._latex is None:
            from .render.latex import latex

            self._latex = ""
            if self.value is not None and self.ok:
                self._latex = self._printed(lambda: latex(self.value), "")
        return self._latex

    @latex.setter
    def latex(self, text: str) -> None:
        self._latex = text

    @property
    def approx(self):
        """A SymPy Float (or matrix of Floats) beside an exact non-integer value, else None."""
        if self._approx is NOT_YET:
            from .semantics.numbers import approximate

            self._approx = None
            if self.ok:
                self._approx = self._printed(lambda: approximate(self.value), None,
                                             optional=True)
        return self._approx

    def _printed(self, write, failed, optional: bool = False):
        """Printing runs under the statement's limits too; when it cannot finish (too deep,
        too long) the result becomes that error, or, for the optional decimal, has none."""
        from .limits import printing_limits

        error = printing_limits(write, self.timeout)
        if not isinstance(error, SymmlError):
            return error
        if optional:
            return failed
        self.error = error.locate(self.input)
        self.value = None
        return failed

    def to_json(self) -> dict:
        from sympy import srepr

        latex, approx = self.latex, self.approx
        sympy = None
        if self.value is not None and self.error is None and _is_sympy(self.value):
            sympy = self._printed(lambda: srepr(self.value), None)
        return {
            "input": self.input,
            "kind": self.kind,
            "sympy": sympy,
            "latex": latex if self.ok else "",
            "approx": _approx_text(approx) if self.ok else None,
            "steps": [step.to_json() for step in self.steps],
            "error": self.error.to_json() if self.error else None,
            "notes": list(self.notes),
        }

    def _repr_latex_(self) -> str:
        """Jupyter: the input, steps and result as one display-math block."""
        from .export.markdown import result_latex

        return result_latex(self)

    def _repr_html_(self) -> str:
        """Jupyter and nbconvert: the input, steps and result as MathML (no network)."""
        from .export.html import result_html

        return result_html(self)

    def _repr_markdown_(self) -> str:
        """Jupyter: the input, step titles, step chains and result as Markdown."""
        from .export.markdown import result_markdown

        return result_markdown(self)


def _approx_text(approx):
    from .semantics.numbers import approx_text

    return approx_text(approx)


def _is_sympy(value) -> bool:
    from sympy import Basic

    return isinstance(value, Basic)
