"""A worked solution as one self-contained HTML file: MathML, no scripts, no network.

latex2mathml builds an ElementTree; we serialise it ourselves so every text node is
escaped (its own `convert` un-escapes the whole output, which would let `\\text{<b>}` in).
"""
from __future__ import annotations

import html
from xml.etree.ElementTree import Element, tostring

from ..render import display
from ..solution import Solution
from .document import kind_label

DISPLAY = "\\displaystyle "

STYLE = """
body{font-family:Georgia,serif;max-width:54em;margin:2em auto;padding:0 1em;color:#222}
section.statement{border-top:1px solid #ddd;padding:.6em 0}
.step{margin-left:1.5em}.title{font-style:italic;margin:.4em 0 .2em}
.error{color:#b00}.label{font-weight:bold}
table.chain{border-collapse:collapse;margin:.2em 0 .2em 1em}
table.chain td{padding:.15em .3em;vertical-align:middle}
table.chain td.lhs{text-align:right}
math[display=block]{margin:.4em 0;overflow-x:auto;overflow-y:hidden}
math{font-size:1.1em}
"""


def mathml(latex: str, block: bool = True) -> str:
    """MathML for safe LaTeX; anything else is shown as escaped code."""
    if not display.is_safe(latex):
        return f"<code>{html.escape(latex)}</code>"
    from latex2mathml.converter import convert_to_element

    try:
        element = convert_to_element(latex, display="block" if block else "inline")
    except Exception:  # noqa: BLE001 - the converter refuses some valid LaTeX: show it as code
        return f"<code>{html.escape(latex)}</code>"
    return _serialise(element)


def _serialise(root: Element) -> str:
    """Text nodes hold entity references as literal text: decode them, let tostring escape."""
    for element in root.iter():
        if element.text:
            element.text = html.unescape(element.text)
        for name in [n for n in element.attrib if n.startswith("on") or n == "href"]:
            del element.attrib[name]
    return tostring(root, encoding="unicode")


def _title(step) -> str:
    return "".join(mathml(piece, block=False) if is_math else html.escape(piece)
                   for is_math, piece in step.title_parts)


def _chain(parts) -> str:
    if len(parts) == 1:
        return mathml(parts[0])
    rows = [(parts[0], parts[1])] + [("", part) for part in parts[2:]]
    return '<table class="chain">' + "".join(_row(lhs, rhs) for lhs, rhs in rows) + "</table>"


def _row(lhs: str, rhs: str) -> str:
    left = mathml(DISPLAY + lhs, block=False) if lhs else ""
    right = mathml(DISPLAY + "= " + rhs, block=False)
    return f'<tr><td class="lhs">{left}</td><td>{right}</td></tr>'


def result_html(result) -> str:
    """One statement as an HTML fragment with MathML (also `Result._repr_html_`)."""
    return _result(result)


def _result(result) -> str:
    out = ['<section class="statement">']
    if result.error:
        out += [_typed(result), _error(result.error)]
    elif not result.steps:
        out.append(mathml(display.summary(result)))
    else:
        out.append(_typed(result))
        for step in result.steps:
            out.append(f'<div class="step"><p class="title">{_title(step)}</p>'
                       f"{_chain(step.line_latex)}</div>")
        if result.latex:
            out.append(f'<p class="label">{kind_label(result)}:</p>'
                       + mathml(display.value_latex(result)))
    out += [f'<p class="note"><i>Note:</i> {_title(display.note_title(note))}</p>'
            for note in result.notes]
    out.append("</section>")
    return "\n".join(out)


def _typed(result) -> str:
    if display.typed_as_text(result):
        return f"<p><code>{html.escape(display.typed_text(result))}</code></p>"
    return mathml(display.input_latex(result.input))


def _error(error) -> str:
    return (f'<p class="error"><b>{html.escape(error.kind)}:</b> {html.escape(error.message)} '
            f"(line {error.line}, column {error.column})</p>")


def render(solution: Solution) -> str:
    out = ["<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">',
           f"<title>{html.escape(solution.title)}</title>",
           f"<style>{STYLE}</style></head><body>", f"<h1>{html.escape(solution.title)}</h1>"]
    for section in solution.sections:
        if section.title:
            out.append(f"<h2>{html.escape(section.title)}</h2>")
        out += [_result(result) for result in section.results]
    out.append("</body></html>")
    return "\n".join(out) + "\n"
