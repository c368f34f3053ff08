"""LaTeX for display in exports: the input as typed, the result beside its decimal, safety checks.

Every LaTeX string an export embeds comes from user text at some remove (symbol names are
the user's words), so `is_safe` admits only known math commands and environments; anything
else is shown as escaped text instead.
"""
from __future__ import annotations

import importlib
import re
from functools import lru_cache

from ..syntax.normalize import SUBSCRIPTS, SUPERSCRIPTS, UNICODE_TO_LATEX

# `\text{...}`-like groups hold words, not maths: each export escapes their content.
TEXT_GROUP = re.compile(r"\\(text|textrm|textit|textbf|texttt|mbox)\s*\{([^{}]*)\}")
COMMAND = re.compile(r"\\([A-Za-z]+|.)", re.S)
ENVIRONMENT = re.compile(r"\\(?:begin|end)\s*\{([^{}]*)\}")
FORBIDDEN = re.compile(r"[%#$]|\^\^")
MATH_SWITCHES = frozenset("[]()")  # `\]` would end the display math an export opened

ENVIRONMENTS = frozenset({"bmatrix", "pmatrix", "vmatrix", "Bmatrix", "Vmatrix", "matrix",
                          "smallmatrix", "array", "aligned", "cases", "gathered", "split"})
MATH_COMMANDS = frozenset("""
begin end left right middle big Big bigg Bigg bigl bigr Bigl Bigr biggl biggr
frac dfrac tfrac sqrt binom dbinom tbinom cdot cdots ldots dots vdots ddots times odot circ
otimes oplus div pm mp le leq ge geq ne neq approx equiv sim simeq propto in notin ni
subset subseteq supset supseteq cup cap setminus emptyset varnothing infty partial nabla
sum prod int iint oint lim limsup liminf max min sup inf det exp Pr gcd deg dim ker
mathbf mathrm mathit mathcal mathbb mathsf mathtt mathfrak mathscr boldsymbol bm vec
overline underline widehat widetilde overbrace underbrace operatorname text textrm textit
textbf texttt mbox displaystyle textstyle scriptstyle quad qquad to rightarrow Rightarrow
Longrightarrow longrightarrow leftarrow Leftarrow mapsto iff implies mid parallel perp top
intercal prime langle rangle lvert rvert lVert rVert vert Vert lbrace rbrace lbrack rbrack
lfloor rfloor lceil rceil neg lnot land lor wedge vee forall exists star ast bullet colon
limits nolimits mathrel mathop mathbin mathord mathpunct boxed Re Im lambda hline Phi ln
stackrel overset
""".split())


@lru_cache(maxsize=1)
def allowed_commands() -> frozenset[str]:
    """Math commands an export may contain: the list above and SymPy printer's own tables."""
    printer = importlib.import_module("sympy.printing.latex")
    names = set(MATH_COMMANDS) | set(printer.accepted_latex_functions)
    names |= set(printer.greek_letters_set) | set(printer.other_symbols)
    names |= {name.lstrip("\\") for name in printer.tex_greek_dictionary.values()}
    names |= set(printer.modifier_dict)
    names |= {cmd.lstrip("\\") for cmd in UNICODE_TO_LATEX.values() if cmd.startswith("\\")}
    names |= {"var" + g for g in ("epsilon", "theta", "phi", "pi", "rho", "sigma", "kappa")}
    return frozenset(name for name in names if name.isalpha())


def is_safe(latex: str) -> bool:
    """True when `latex` uses only known math commands and environments, balanced braces."""
    body = TEXT_GROUP.sub(r"\\text{}", latex)
    if FORBIDDEN.search(body) or not _balanced(body):
        return False
    if any(env not in ENVIRONMENTS for env in ENVIRONMENT.findall(body)):
        return False
    allowed = allowed_commands()
    names = COMMAND.findall(body)
    return all(name in allowed for name in names if name.isalpha()) \
        and not any(name in MATH_SWITCHES or not name.isprintable() for name in names)


def _balanced(latex: str) -> bool:
    depth = 0
    for token in re.findall(r"\\.|[{}]", latex):
        depth += {"{": 1, "}": -1}.get(token, 0)
        if depth < 0:
            return False
    return depth == 0


def arrow(left: str, right: str) -> str:
    """The guide's `input ⟹ result` line, from LaTeX already made safe for one export."""
    return left + r" \quad\Longrightarrow\quad " + right


def summary(result, safe=lambda latex: latex) -> str:
    """A statement without steps: `input ⟹ result` (a declaration is its input), each side
    made safe for one export by `safe`."""
    typed = safe(input_latex(result.input))
    if result.kind == "declaration" or not result.latex:
        return typed
    return arrow(typed, safe(value_latex(result)))


def typed_as_text(result) -> bool:
    """A statement refused while being read or for a limit (too long, nested too deeply) is
    shown as the characters typed, escaped as text, never converted as math."""
    return result.error is not None and result.error.kind in ("ParseError", "LimitExceeded")


SHOWN_CHARACTERS = 10_000  # of a refused line: the rest would only make exports huge


def typed_text(result) -> str:
    """The characters typed, cut after SHOWN_CHARACTERS with a note of the full length."""
    typed = result.input
    if len(typed) <= SHOWN_CHARACTERS:
        return typed
    return f"{typed[:SHOWN_CHARACTERS]} … ({len(typed):,} characters in all)"


def map_text_groups(latex: str, escape) -> str:
    """Apply `escape(command, content) -> str` to every `\\text{...}`-like group."""
    return TEXT_GROUP.sub(lambda m: escape(m.group(1), m.group(2)), latex)


# --- the input as typed ---------------------------------------------------------------------
WORD_FUNCTIONS = re.compile(r"(?<![\\A-Za-z])(np\.einsum|einsum|np\.array)(?=\s*\()")
QUOTED = re.compile(r"""([(,]\s*)('[^'{}\\]*'|"[^"{}\\]*")""")  # einsum('ij,jk->ik', ..)
LONG_SUBSCRIPT = re.compile(r"(?<!\\)_([A-Za-z]{2,})")


def input_latex(text: str) -> str:
    """The statement as the user typed it, as LaTeX a renderer can display."""
    out = []
    for char in text:
        out.append(_unicode_latex(char, out))
    latex = "".join(out)
    latex = WORD_FUNCTIONS.sub(lambda m: r"\operatorname{%s}" % m.group(1), latex)
    latex = QUOTED.sub(lambda m: m.group(1) + r"\text{%s}" % m.group(2), latex)
    return LONG_SUBSCRIPT.sub(r"_{\1}", latex)


def _unicode_latex(char: str, done: list[str]) -> str:
    if char in SUPERSCRIPTS:
        return _script("^", SUPERSCRIPTS[char], done)
    if char in SUBSCRIPTS:
        return _script("_", SUBSCRIPTS[char], done)
    command = UNICODE_TO_LATEX.get(char)
    if command is None:
        return char
    return command + " " if command[-1].isalpha() else command


def _script(mark: str, char: str, done: list[str]) -> str:
    """`x²³` → `x^{23}`: extend the previous script group when it is the same kind."""
    if done and done[-1].startswith(mark + "{"):
        done[-1] = done[-1][:-1]
        return char + "}"
    return f"{mark}{{{char}}}"


# --- approximations ---------------------------------------------------------------------------
def approximation(latex: str, approx) -> str | None:
    """The decimal beside an exact scalar, to 6 significant digits, when it adds something."""
    from ..semantics.numbers import short

    text = short(approx)
    return None if text is None or text == latex.strip() else text


def value_latex(result) -> str:
    """The result's LaTeX, with `\approx` and a decimal when that helps: a scalar to 6
    significant digits, or a whole value whose exact form is hard to read."""
    short = approximation(result.latex, result.approx)
    if short is None and result.ok:
        from .latex import hard_decimal, latex

        decimal = hard_decimal(result.value)
        short = latex(decimal) if decimal is not None else None
    return result.latex + (r" \approx " + short if short else "")


def note_title(note: str):
    """A note (a sentence with LaTeX words, like a string step title) as a title record."""
    from ..steps import Step

    return Step(note)
