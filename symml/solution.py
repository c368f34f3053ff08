"""A solved document: `Solution`, sections of `Result`s, beside `Result` (result.py).

A document has statements one per line (or `;`-separated), `%` comments, and headings
(`\\section{...}` or `# ...`) that start sections. The exports in `symml/export/` write it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .result import Result

TITLE_COMMENT = re.compile(r"%\s*(?P<title>.+)")  # matched against a stripped line
DEFAULT_TITLE = "Worked solution"


@dataclass
class Section:
    title: str
    results: list[Result] = field(default_factory=list)


@dataclass
class Solution:
    sections: list[Section]
    title: str = DEFAULT_TITLE

    @property
    def results(self) -> list[Result]:
        return [r for section in self.sections for r in section.results]

    @property
    def ok(self) -> bool:
        return all(r.ok for r in self.results)

    def _repr_markdown_(self) -> str:
        from .export.formats import render_document

        return render_document(self, "md")

    def _repr_latex_(self) -> str:
        from .export.markdown import result_latex

        return "\n\n".join(result_latex(result) for result in self.results)


def solve_document(text: str, *, timeout: float | None = 5.0) -> Solution:
    """Run every statement of `text` in one workspace, grouped by its headings."""
    from .syntax.document import HEADING, document_lines, split_statements
    from .workspace import Workspace

    workspace = Workspace(timeout=timeout)
    sections = [Section("")]
    for number, line in enumerate(document_lines(text), start=1):
        match = HEADING.fullmatch(line.strip())
        if match:
            sections.append(Section((match.group("tex") or match.group("md")).strip()))
            continue
        for statement in split_statements(line):
            sections[-1].results.append(workspace.run(statement.text, line=number,
                                                      column=statement.column))
    return Solution([s for s in sections if s.title or s.results], _title(text))


def _title(text: str) -> str:
    """The document's first line, when it is a `%` comment, is its title."""
    from .syntax.document import document_lines

    first = next((line.strip() for line in document_lines(text) if line.strip()), "")
    match = TITLE_COMMENT.fullmatch(first)
    return match.group("title").strip() if match else DEFAULT_TITLE
