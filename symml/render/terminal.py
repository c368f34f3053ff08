"""A result for a person at a terminal: `input ⟹ result` in Unicode maths (the pretty twin
of the textbook printer), or in LaTeX with `--latex`; decimals to 6 significant digits.
Steps are printed from their records: the title's words with its maths in Unicode, then the
chain `a = b = c` drawn by the pretty printer."""
from __future__ import annotations

from .display import approximation, value_latex
from .unicode import latex_to_unicode

ARROW = "  ⟹  "
INDENT = "      "


def result_text(result, *, latex: bool = False, steps: bool = False) -> str:
    """The steps (when asked) and the labelled result of one statement that succeeded."""
    if latex:
        out = [f"  {step.title}: {step.latex}" for step in result.steps] if steps else []
        line = value_latex(result) if result.latex else "(declared)"
        return "\n".join(out + [line])
    out = [step_text(step) for step in result.steps] if steps else []
    if result.kind == "declaration" or result.value is None:
        return "\n".join(out + [f"{result.input}  (declared)" if result.kind == "declaration"
                                else f"{result.input}{ARROW}{latex_to_unicode(result.latex)}"])
    picture = _function_picture(result.value) or _picture(result.value)
    short = approximation(result.latex, result.approx)
    label = f"{result.input}{ARROW}"
    if picture is None:
        text = label + latex_to_unicode(result.latex) + (f"  ≈ {short}" if short else "")
    else:
        text = _beside(label, picture, f"  ≈ {short}" if short else "")
    return "\n".join(out + [text])


def note_text(note: str) -> str:
    """A note's sentence with its LaTeX words in Unicode."""
    return latex_to_unicode(note)


def step_text(step) -> str:
    """`  Title: a = b` when the chain is one line high, else the title and the chain drawn
    below it."""
    from ..limits import DEFAULT, printing_limits

    title = "  " + step.title_with(_inline_math)
    chain = printing_limits(lambda: _chain(step), DEFAULT.seconds)
    if not isinstance(chain, str):
        return f"{title}: (this line is too large or too deeply nested to print)"
    if "\n" not in chain:
        return f"{title}: {chain}" if chain else title
    return f"{title}:\n" + "\n".join((INDENT + row).rstrip() for row in chain.split("\n"))


def _inline_math(piece) -> str:
    """A title's math piece on one line: the pretty printer's, or its LaTeX in Unicode (a
    fraction written a/b)."""
    from ..steps import AsWritten

    written = isinstance(piece.value, AsWritten)
    if written or piece.sympy is not None:
        picture = _picture(piece.value.value if written else piece.sympy, as_written=written)
        if picture is not None and picture.height() == 1:
            return picture.render(wrap_line=False)
    return _inline_fractions(latex_to_unicode(piece.latex))


def _inline_fractions(latex: str) -> str:
    r"""`\frac{a}{b}` as `a/b`, innermost first: `(a + b)/2`, `a/(2 b)` (a numerator with a
    sum, or a denominator with a space, in parentheses)."""
    import re

    simple = re.compile(r"\\frac\{([^{}]*)\}\{([^{}]*)\}")

    def part(text: str, spaced: str) -> str:
        return f"({text})" if re.search(spaced, text.strip()) else text

    while True:
        inline = simple.sub(lambda m: f"{part(m[1], ' [-+] ')}/{part(m[2], ' ')}", latex)
        if inline == latex:
            return latex
        latex = inline


def _chain(step) -> str:
    from sympy.printing.pretty.stringpict import prettyForm

    from ..steps import AsWritten, Deferred, line_latex

    pictures, seen = [], None
    for line in step.lines:
        if isinstance(line, Deferred):
            line = line.value  # a table built when printed
        if isinstance(line, AsWritten):
            picture = _picture(line.value, as_written=True)
        else:
            picture = None if isinstance(line, str) or callable(line) else _picture(line)
        if picture is None:
            picture = prettyForm(latex_to_unicode(line_latex(line)))
        text = picture.render(wrap_line=False)
        if text != seen:
            pictures.append(picture)
            seen = text
    if not pictures:
        return ""
    joined = pictures[0]
    for picture in pictures[1:]:
        joined = prettyForm(*joined.right(" = ", picture))
    return joined.render(wrap_line=False)


def _function_picture(value):
    """`f(x, y) = x²⋅y` for a defined function, its body drawn by the pretty printer."""
    from ..semantics.kinds import UserFunction

    body = _picture(value.body) if isinstance(value, UserFunction) else None
    if body is None:
        return None
    from sympy.printing.pretty.stringpict import prettyForm

    from .latex import symbol_latex

    params = ", ".join(latex_to_unicode(symbol_latex(p.name)) for p in value.params)
    head = f"{latex_to_unicode(symbol_latex(value.name))}({params}) = "
    return prettyForm(*prettyForm(head).right(body))


def _beside(label: str, picture, after: str = "") -> str:
    """`label picture after`, the words on the picture's baseline (a fraction's bar)."""
    from sympy.printing.pretty.stringpict import prettyForm

    joined = prettyForm(*prettyForm(label).right(picture, after))
    return "\n".join(row.rstrip() for row in joined.render(wrap_line=False).split("\n"))


def _picture(value, *, as_written: bool = False):
    from sympy import Basic
    from sympy.matrices import MatrixBase

    if not isinstance(value, (Basic, MatrixBase)):
        return None
    from .pretty import pretty_form

    try:
        return pretty_form(value, as_written=as_written)
    except Exception:  # noqa: BLE001 - a value the pretty printer cannot draw: its LaTeX
        return None
