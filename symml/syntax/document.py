"""A document → its statements: one per line, or separated by `;` outside brackets (a
LaTeX space `\\;` is not a separator); headings (`\\section{..}`, `# ..`) start sections."""
from __future__ import annotations

import re
from dataclasses import dataclass

HEADING = re.compile(r"^\s*(?:\\section\*?\{(?P<tex>[^}]*)\}|#+\s+(?P<md>.+?))\s*$")


@dataclass(frozen=True)
class Statement:
    text: str
    line: int      # 1-based line in the document
    column: int    # 1-based column where the statement starts


def split_statements(text: str) -> list[Statement]:
    """The statements of `text`, skipping blank lines, `%` comments and headings."""
    statements = []
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if not stripped or stripped.startswith("%") or HEADING.match(line):
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
