"""The outcome of checking one answer: equal, not equal or undecided, and why."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Optional

EXIT_EQUAL, EXIT_NOT_EQUAL, EXIT_UNDECIDED = 0, 1, 2


@dataclass(frozen=True)
class Decision:
    """What one comparison layer concluded: `equal` is True, False or None (undecided);
    `counterexample` maps names (LaTeX) to values (SymPy) where the two differ."""

    equal: Optional[bool]
    reason: str
    counterexample: Optional[dict] = None


@dataclass
class Verdict:
    """`symml.check(...)`'s answer. `equal` is None when undecided or on an error."""

    reference: str
    answer: str
    equal: Optional[bool] = None
    reason: str = ""
    counterexample: Optional[dict[str, str]] = None
    error: Any = None  # a SymmlError, or the JSON error object of a failed batch pair
    extra: dict = field(default_factory=dict)  # batch: the pair's id

    @property
    def exit_code(self) -> int:
        return {True: EXIT_EQUAL, False: EXIT_NOT_EQUAL}.get(self.equal, EXIT_UNDECIDED)

    @property
    def word(self) -> str:
        return {True: "equal", False: "not equal"}.get(self.equal, "undecided")

    def to_json(self) -> dict:
        error = self.error
        if error is not None and hasattr(error, "to_json"):
            error = error.to_json()
        return {**self.extra, "equal": self.equal, "reason": self.reason,
                "counterexample": self.counterexample, "reference": self.reference,
                "answer": self.answer, "error": error}

    def __bool__(self) -> bool:  # `if symml.check(...)` reads as "if equal"
        return self.equal is True
