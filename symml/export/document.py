"""Worked solutions: solve a document, then export it as tex, md, html or json.

A document has statements one per line (or `;`-separated), `%` comments, and headings
(`\\section{...}` or `# ...`) that start sections. The exports live in `tex.py`,
`markdown.py` and `html.py`; this module holds the model and the dispatch table.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

from ..result import Result

FORMATS = ("tex", "pdf", "md", "html", "json")
TITLE_COMMENT = re.compile(r"%\s*(?P<title>.+)")  # matched against a stripped line
DEFAULT_TITLE = "Worked solution"
KIND_LABELS = {"definition": "Defined", "declaration": "Declared", "value": "Result",
               "check": "Check", "solution": "Solution"}


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
        return render_document(self, "md")

    def _repr_latex_(self) -> str:
        from .markdown import result_latex

        return "\n\n".join(result_latex(result) for result in self.results)


def kind_label(result: Result) -> str:
    return KIND_LABELS.get(result.kind, "Result")


def solve_document(text: str, *, timeout: float | None = 5.0) -> Solution:
    """Run every statement of `text` in one workspace, grouped by its headings."""
    from ..syntax.document import HEADING, document_lines, split_statements
    from ..workspace import Workspace

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
    from ..syntax.document import document_lines

    first = next((line.strip() for line in document_lines(text) if line.strip()), "")
    match = TITLE_COMMENT.fullmatch(first)
    return match.group("title").strip() if match else DEFAULT_TITLE


def render_document(solution: Solution, fmt: str) -> str:
    from . import html, markdown, tex

    renderers = {"tex": tex.render, "md": markdown.render, "html": html.render,
                 "json": _json}
    return renderers[fmt](solution)


def _json(solution: Solution) -> str:
    return json.dumps({"results": [r.to_json() for r in solution.results]},
                      ensure_ascii=False, indent=2) + "\n"
