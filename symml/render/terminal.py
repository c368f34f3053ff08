"""A result for a person at a terminal: `input ⟹ result` in Unicode maths (the pretty twin
of the textbook printer), or in LaTeX with `--latex`; decimals to 6 significant digits.
Steps are printed as their title and LaTeX chain."""
from __future__ import annotations

from .display import approximation, value_latex

ARROW = "  ⟹  "


def result_text(result, *, latex: bool = False, steps: bool = False) -> str:
    """The steps (when asked) and the labelled result of one statement that succeeded."""
    out = [f"  {step.title}: {step.latex}" for step in result.steps] if steps else []
    if latex:
        line = value_latex(result) if result.latex else "(declared)"
        return "\n".join(out + [line])
    if result.kind == "declaration" or result.value is None:
        return "\n".join(out + [f"{result.input}  (declared)" if result.kind == "declaration"
                                else f"{result.input}{ARROW}{result.latex}"])
    picture = _picture(result.value)
    short = approximation(result.latex, result.approx)
    label = f"{result.input}{ARROW}"
    if picture is None:
        text = label + result.latex
    else:
        from sympy.printing.pretty.stringpict import prettyForm

        text = prettyForm(*prettyForm(label).right(picture)).render(wrap_line=False)
    return "\n".join(out + [text + (f"  ≈ {short}" if short else "")])


def _picture(value):
    from sympy import Basic

    if not isinstance(value, Basic):
        return None
    from .pretty import pretty_form

    try:
        return pretty_form(value)
    except Exception:  # noqa: BLE001 - a value the pretty printer cannot draw: its LaTeX
        return None
