"""A worked solution as Markdown with `$$` math (GitHub, Jupyter), and Jupyter's LaTeX repr.

MathJax reads the math after the Markdown has become HTML, so `<`, `>` and `&` outside
matrices are written as `\\lt`, `\\gt` and `\\&`; text is backslash-escaped.
"""
from __future__ import annotations

import re

from ..render import display
from ..solution import Solution
from .document import kind_label

MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|$])")
MATHJAX_SYMBOLS = {"\\": r"\backslash ", "{": r"\{", "}": r"\}", "<": r"\lt ", ">": r"\gt ",
                   "&": r"\&", "$": r"\$", "%": r"\%", "#": r"\#", "^": r"\hat{}", "_": r"\_",
                   "~": r"\sim "}
SPECIAL_IN_TEXT = re.compile("|".join(re.escape(char) for char in MATHJAX_SYMBOLS))


def md_text(words: str) -> str:
    return MD_SPECIAL.sub(r"\\\1", words)


def math(latex: str) -> str:
    """LaTeX that MathJax shows and no Markdown or HTML parser can take for markup."""
    if not display.is_safe(latex):
        return r"\texttt{%s}" % _mathjax_text(latex, "texttt")
    pieces, last = [], 0
    for match in display.TEXT_GROUP.finditer(latex):
        command = match.group(1)
        pieces.append(_mathjax_math(latex[last:match.start()]))
        pieces.append(r"\%s{%s}" % (command, _mathjax_text(match.group(2), command)))
        last = match.end()
    pieces.append(_mathjax_math(latex[last:]))
    return "".join(pieces)


def _mathjax_math(latex: str) -> str:
    return latex.replace("<", r"\lt ").replace(">", r"\gt ")


def _mathjax_text(words: str, command: str = "text") -> str:
    """Content for `\\command{...}`: special characters leave the group as math symbols."""
    return SPECIAL_IN_TEXT.sub(lambda m: "}%s\\%s{" % (MATHJAX_SYMBOLS[m.group()], command),
                               words)


def _title_math(step) -> str:
    """A step title inside math: words in `\\text{}`, math pieces as math."""
    return "".join(math(piece) if is_math else r"\text{%s}" % _mathjax_text(piece)
                   for is_math, piece in step.title_parts)


def _title_md(step) -> str:
    return "".join(f"${math(piece)}$" if is_math else md_text(piece)
                   for is_math, piece in step.title_parts)


def _chain(parts) -> str:
    if len(parts) == 1:
        return f"$$ {math(parts[0])} $$"
    rows = [math(parts[0]) + " &= " + math(parts[1])] + ["&= " + math(p) for p in parts[2:]]
    return r"$$ \begin{aligned} " + r" \\ ".join(rows) + r" \end{aligned} $$"


def result_markdown(result) -> str:
    """One statement: its input, steps and result (also `Result._repr_markdown_`)."""
    if result.error:
        return "\n".join([_typed(result), "", _error(result.error)] + _notes_md(result))
    if not result.steps:
        return "\n".join([f"$$ {math(display.summary(result))} $$"] + _notes_md(result))
    out = [_typed(result), ""]
    for step in result.steps:
        out += [f"*{_title_md(step)}*", "", _chain(step.line_latex), ""]
    if result.latex:
        out.append(f"**{kind_label(result)}:** $ {math(display.value_latex(result))} $")
    return "\n".join(out + _notes_md(result))


def _notes_md(result) -> list[str]:
    """Each note as its own paragraph, words escaped and LaTeX pieces as math."""
    return [line for note in result.notes
            for line in ("", f"*Note:* {_title_md(display.note_title(note))}")]


def _typed(result) -> str:
    if display.typed_as_text(result):
        return "`` %s ``" % display.typed_text(result).replace("`", "'")
    return f"$$ {math(display.input_latex(result.input))} $$"


def _error(error) -> str:
    return (f'<span style="color:#b00">**{md_text(error.kind)}:** {md_text(error.message)} '
            f"(line {error.line}, column {error.column})</span>")


def result_latex(result) -> str:
    """One statement as a single display-math block (`Result._repr_latex_` for Jupyter)."""
    rows = ["&" + math(display.input_latex(result.input))]
    if result.error:
        rows.append(r"&\color{red}{\text{%s: %s}}" % (
            _mathjax_text(result.error.kind), _mathjax_text(result.error.message)))
    else:
        for step in result.steps:
            parts = step.line_latex
            rows.append(r"&\quad " + _title_math(step))
            rows.append("&" + math(parts[0]))
            rows += ["&= " + math(part) for part in parts[1:]]
        if result.latex:
            rows.append(r"&\text{%s: } %s" % (kind_label(result), math(display.value_latex(result))))
    rows += [r"&\text{Note: }" + _title_math(display.note_title(note))
             for note in result.notes]
    return r"$$\begin{aligned}" + r" \\ ".join(rows) + r"\end{aligned}$$"


def render(solution: Solution) -> str:
    out = [f"# {md_text(solution.title)}", ""]
    for section in solution.sections:
        if section.title:
            out += [f"## {md_text(section.title)}", ""]
        for result in section.results:
            out += [result_markdown(result), ""]
    return "\n".join(out)
