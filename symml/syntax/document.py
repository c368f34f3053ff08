"""A document → its statements: one per line, or separated by `;` outside brackets (a
LaTeX space `\\;` is not a separator); headings (`\\section{..}`, `# ..`) start sections."""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..errors import LINE_END

# matched against a stripped line (a lazy `.+?\s*$` would be quadratic in a long heading)
HEADING = re.compile(r"\\section\*?\{(?P<tex>[^}]*)\}|#+\s+(?P<md>.+)")


@dataclass(frozen=True)
class Statement:
    text: str
    line: int      # 1-based line in the document
    column: int    # 1-based column where the statement starts


def document_lines(text: str) -> list[str]:
    """The lines of a document: split at line ends only (a form feed, U+2028 or another
    control character stays inside its line, where the parser points at it); a leading
    byte-order mark is not part of the text."""
    return LINE_END.split(text[1:] if text.startswith("\ufeff") else text)


def split_statements(text: str) -> list[Statement]:
    """The statements of `text`, skipping blank lines, `%` comments and headings."""
    statements = []
    for number, line in enumerate(document_lines(text), start=1):
        stripped = line.strip()
        if not stripped or stripped.startswith("%") or HEADING.fullmatch(stripped):
            continue
        start, depth = 0, 0
        for index, char in enumerate(line):
            if char in "([{":
                depth += 1
            elif char in ")]}":
                depth = max(0, depth - 1)
            elif char == ";" and depth == 0 and line[index - 1:index] != "\\":  # not `\;`
                _add(statements, line, start, index, number)
                start = index + 1
        _add(statements, line, start, len(line), number)
    return statements


def _add(statements, line, start, end, number):
    piece = line[start:end]
    if piece.strip():
        offset = len(piece) - len(piece.lstrip())
        statements.append(Statement(piece.strip(), number, start + offset + 1))
