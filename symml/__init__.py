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

__all__ = ["parse", "evaluate", "solve_document", "check", "Verdict", "Workspace", "Result", "Step", "SymmlError", "ParseError",
           "UndefinedNameError", "ShapeError", "DomainError", "LimitExceeded", "Span"]
__version__ = "0.1.0"


def parse(text: str):
    """The AST of one statement; raises ParseError with line and column."""
    from .syntax.parser import parse as _parse

    return _parse(text)


def evaluate(statement: str, *, steps: bool = True) -> Result:
    """Evaluate one statement in a fresh workspace."""
    return Workspace(steps=steps).run(statement)


def solve_document(text: str, *, timeout: float | None = 5.0):
    """Run every statement of a document in one workspace, grouped by its headings
    (`\\section{..}`, `# ..`): a `Solution` with `.sections`, `.results`, `.ok`, and
    `_repr_markdown_` for Jupyter; `symml solve` writes it as tex, md, html or json."""
    from .solution import solve_document as _solve

    return _solve(text, timeout=timeout)
