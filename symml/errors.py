"""The SymmlError family: every failure a user can cause, with a source position."""
from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Span:
    """Character offsets [start, end) into the text of one statement."""

    start: int
    end: int


LINE_END = re.compile(r"\r\n|\r|\n")  # as a document splits its lines


def line_and_column(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of `offset` in `text` (lines end in \\n, \\r\\n or \\r)."""
    offset = max(0, min(offset, len(text)))
    ends = [m.end() for m in LINE_END.finditer(text, 0, offset)]
    return len(ends) + 1, offset - (ends[-1] if ends else 0) + 1


class SymmlError(Exception):
    """Base of all symml errors. `line`/`column` are 1-based; `source` is the statement."""

    kind = "SymmlError"

    def __init__(self, message: str, span: Span | None = None, *, source: str | None = None,
                 line_offset: int = 0, column_offset: int = 0):
        super().__init__(message)
        self.message = message
        self.span = span
        self.source = source
        self.line_offset = line_offset
        self.column_offset = column_offset

    def locate(self, source: str, line_offset: int = 0, column_offset: int = 0) -> "SymmlError":
        """Attach the statement text and where it starts in its document, once."""
        if self.source is None:
            self.source = source
        if line_offset or column_offset:
            self.line_offset, self.column_offset = line_offset, column_offset
        return self

    @property
    def line(self) -> int:
        return self._position()[0]

    @property
    def column(self) -> int:
        return self._position()[1]

    def _position(self) -> tuple[int, int]:
        if self.source is None:
            return 1 + self.line_offset, 1
        start = self.span.start if self.span else 0
        line, column = line_and_column(self.source, start)
        return line + self.line_offset, column + (self.column_offset if line == 1 else 0)

    def caret(self) -> str:
        """The offending source line with a caret under the error position."""
        if self.source is None:
            return ""
        start = self.span.start if self.span else 0
        line, column = line_and_column(self.source, start)
        text = LINE_END.split(self.source)[line - 1]
        width = 1
        if self.span and self.span.end > self.span.start:
            width = max(1, min(self.span.end - self.span.start, len(text) - column + 1))
        return f"{text}\n{' ' * (column - 1)}{'^' * width}"

    def __str__(self) -> str:
        where = f"line {self.line}, column {self.column}"
        caret = self.caret()
        return f"{self.kind}: {self.message} ({where})" + (f"\n{caret}" if caret else "")

    def to_json(self) -> dict:
        return {"type": self.kind, "message": self.message, "line": self.line,
                "column": self.column}


class ParseError(SymmlError):
    """The text is not a formula symml can read."""

    kind = "ParseError"

    def __init__(self, message: str, span: Span | None = None, *, expected: tuple[str, ...] = (),
                 **kwargs):
        super().__init__(message, span, **kwargs)
        self.expected = expected


class UndefinedNameError(SymmlError):
    """A name is used that is neither defined, declared nor known."""

    kind = "UndefinedNameError"


class ShapeError(SymmlError):
    """Operand shapes do not fit the operation."""

    kind = "ShapeError"


class DomainError(SymmlError):
    """A value is outside the domain of the operation (P > 1, variance < 0, ...)."""

    kind = "DomainError"


class LimitExceeded(SymmlError):
    """A resource limit (time, size, depth) was reached."""

    kind = "LimitExceeded"
