"""Worked solutions: a document's statements, steps and results as tex, md, html or json."""
from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass, field

from ..result import Result

FORMATS = ("tex", "pdf", "md", "html", "json")
HEADING = re.compile(r"^\s*(?:\\section\*?\{(?P<tex>[^}]*)\}|#+\s+(?P<md>.+?))\s*$")


@dataclass
class Section:
    title: str
    results: list[Result] = field(default_factory=list)


@dataclass
class Solution:
    sections: list[Section]

    @property
    def results(self) -> list[Result]:
        return [r for section in self.sections for r in section.results]

    @property
    def ok(self) -> bool:
        return all(r.ok for r in self.results)

    def _repr_markdown_(self) -> str:
        return render_document(self, "md")


def solve_document(text: str, *, timeout: float | None = 5.0) -> Solution:
    """Run every statement of `text` in one workspace, grouped by its headings."""
    from ..syntax.document import split_statements
    from ..workspace import Workspace

    workspace = Workspace(timeout=timeout)
    sections = [Section("")]
    lines = text.splitlines()
    for number, line in enumerate(lines, start=1):
        match = HEADING.match(line)
        if match:
            sections.append(Section((match.group("tex") or match.group("md")).strip()))
            continue
        for statement in split_statements(line):
            sections[-1].results.append(workspace.run(statement.text, line=number,
                                                      column=statement.column))
    return Solution([s for s in sections if s.title or s.results])


def render_document(solution: Solution, fmt: str) -> str:
    renderers = {"tex": _tex, "md": _markdown, "html": _html, "json": _json}
    return renderers[fmt](solution)


# --- Markdown ------------------------------------------------------------------------------
def result_markdown_math(result: Result) -> str:
    """The steps and result as one display-math block (Jupyter's `_repr_latex_`)."""
    lines = [step.latex for step in result.steps] + ([result.latex] if result.latex else [])
    if result.error:
        return r"$\text{%s}$" % _tex_text(str(result.error.message))
    return "$$\\begin{aligned}" + r" \\ ".join("&" + line for line in lines) + \
        "\\end{aligned}$$"


def result_markdown(result: Result) -> str:
    out = [f"$$ {_input_latex(result)} $$", ""]
    if result.error:
        out.append(f"**{result.error.kind}:** {_md_escape(result.error.message)} "
                   f"(line {result.error.line}, column {result.error.column})")
        return "\n".join(out)
    for step in result.steps:
        out += [f"*{_md_escape(step.title)}*", "", f"$$ {step.latex} $$", ""]
    if result.latex:
        out.append(f"**Result:** $ {result.latex} $" + (
            f" ≈ {result.approx}" if result.approx else ""))
    return "\n".join(out)


def _markdown(solution: Solution) -> str:
    out = ["# Worked solution", ""]
    for section in solution.sections:
        if section.title:
            out += [f"## {_md_escape(section.title)}", ""]
        for result in section.results:
            out += [result_markdown(result), ""]
    return "\n".join(out)


# --- LaTeX ------------------------------------------------------------------------------
TEX_PREAMBLE = r"""\documentclass[11pt]{article}
\usepackage[margin=2.2cm]{geometry}
\usepackage{amsmath,amssymb,bm}
\usepackage{xcolor}
\allowdisplaybreaks
\setlength{\parindent}{0pt}
\begin{document}
\section*{Worked solution}
"""


def _tex_text(text: str) -> str:
    from pylatexenc.latexencode import unicode_to_latex

    return unicode_to_latex(text, non_ascii_only=False, replacement_latex_protection="braces")


def _input_latex(result: Result) -> str:
    """The statement as typed, as LaTeX (Unicode spellings mapped to commands)."""
    from ..syntax.normalize import normalize

    try:
        return normalize(result.input).text
    except Exception:  # noqa: BLE001 - a bad input is shown as text instead
        return r"\text{%s}" % _tex_text(result.input)


def _tex(solution: Solution) -> str:
    out = [TEX_PREAMBLE]
    for section in solution.sections:
        if section.title:
            out.append(r"\subsection*{%s}" % _tex_text(section.title))
        for result in section.results:
            out.append(_tex_result(result))
    out.append(r"\end{document}")
    return "\n".join(out) + "\n"


def _tex_result(result: Result) -> str:
    out = [r"\paragraph{Statement} \(\displaystyle " + _safe_input(result) + r"\)", ""]
    if result.error:
        out.append(r"{\color{red}\textbf{%s:} %s (line %d, column %d)}" % (
            result.error.kind, _tex_text(result.error.message), result.error.line,
            result.error.column))
        return "\n".join(out) + "\n"
    for step in result.steps:
        out += [r"\emph{%s}" % _tex_text(step.title),
                r"\begin{align*}", "&" + step.latex.replace(" = ", r" \\ &= ", 3),
                r"\end{align*}"]
    if result.latex:
        approx = r" \approx %s" % result.approx if result.approx and "[" not in result.approx \
            else ""
        out += [r"\textbf{Result:}", r"\begin{align*}", result.latex + approx,
                r"\end{align*}"]
    return "\n".join(out) + "\n"


def _safe_input(result: Result) -> str:
    if result.error is not None and result.error.kind == "ParseError":
        return r"\text{%s}" % _tex_text(result.input)
    return _input_latex(result)


# --- HTML ------------------------------------------------------------------------------
def _mathml(latex_text: str, display: bool = True) -> str:
    from latex2mathml.converter import convert

    try:
        return convert(latex_text, display="block" if display else "inline")
    except Exception:  # noqa: BLE001 - show the LaTeX as text if the converter refuses it
        return f"<code>{html.escape(latex_text)}</code>"


def _html(solution: Solution) -> str:
    out = ["<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">',
           "<title>Worked solution</title>",
           "<style>body{font-family:serif;max-width:52em;margin:2em auto;padding:0 1em}"
           ".error{color:#b00}.step{margin-left:1.5em}.title{font-style:italic}"
           "math{font-size:1.1em}</style></head><body>", "<h1>Worked solution</h1>"]
    for section in solution.sections:
        if section.title:
            out.append(f"<h2>{html.escape(section.title)}</h2>")
        for result in section.results:
            out.append('<section class="statement">')
            if result.error and result.error.kind == "ParseError":
                out.append(f"<p><code>{html.escape(result.input)}</code></p>")
            else:
                out.append(_mathml(_input_latex(result)))
            if result.error:
                out.append(f'<p class="error"><b>{html.escape(result.error.kind)}:</b> '
                           f"{html.escape(result.error.message)}</p>")
            else:
                for step in result.steps:
                    out.append(f'<div class="step"><p class="title">'
                               f"{html.escape(step.title)}</p>{_mathml(step.latex)}</div>")
                if result.latex:
                    out.append("<p><b>Result:</b></p>" + _mathml(result.latex))
            out.append("</section>")
    out.append("</body></html>")
    return "\n".join(out) + "\n"


def _json(solution: Solution) -> str:
    return json.dumps({"results": [r.to_json() for r in solution.results]},
                      ensure_ascii=False, indent=2) + "\n"


def _md_escape(text: str) -> str:
    return re.sub(r"([\\`*_{}\[\]<>#|])", r"\\\1", text)
