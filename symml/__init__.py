"""symml: LaTeX formulas of ML mathematics → exact answers with the steps a teacher shows.

    >>> import symml
    >>> symml.evaluate(r"\\frac{d}{dx} x^2").latex
    '2 x'
"""
from .errors import (DomainError, LimitExceeded, ParseError, ShapeError, Span, SymmlError,
                     UndefinedNameError)
from .result import Result
from .steps import Step
from .workspace import Workspace
from .checker import Verdict, check

__all__ = ["parse", "evaluate", "check", "Verdict", "Workspace", "Result", "Step", "SymmlError", "ParseError",
           "UndefinedNameError", "ShapeError", "DomainError", "LimitExceeded", "Span"]
__version__ = "0.1.0"


def parse(text: str):
    """The AST of one statement; raises ParseError with line and column."""
    from .syntax.parser import parse as _parse

    return _parse(text)


def evaluate(statement: str, *, steps: bool = True) -> Result:
    """Evaluate one statement in a fresh workspace."""
    return Workspace(steps=steps).run(statement)
