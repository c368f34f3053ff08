r"""A LaTeX fragment (a title's formula, a note's words) as Unicode text for a terminal,
symbol by symbol: `\le` → ≤, `\mathbb{E}` → 𝔼, `x^{2}` → x², `\left(` → (.

Only symbols are replaced; structure (`\frac`, `\sqrt`, `\binom`, a group in a power that has
no Unicode superscript) stays as LaTeX, so a fragment can never be read differently than it
was written. SymPy values are drawn by `render/pretty.py`, not here.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

GREEK = ("alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron pi "
         "rho sigma tau upsilon phi chi psi omega").split()

SYMBOLS = {
    "le": "≤", "leq": "≤", "ge": "≥", "geq": "≥", "ne": "≠", "neq": "≠", "approx": "≈",
    "sim": "∼", "mid": "|", "cdot": "·", "times": "×", "to": "→", "rightarrow": "→",
    "Rightarrow": "⇒", "implies": "⇒", "leftarrow": "←", "mapsto": "↦", "infty": "∞",
    "nabla": "∇", "partial": "∂", "in": "∈", "notin": "∉", "subset": "⊂", "subseteq": "⊆",
    "cup": "∪", "cap": "∩", "emptyset": "∅", "varnothing": "∅", "pm": "±", "mp": "∓",
    "top": "ᵀ", "intercal": "ᵀ", "sum": "∑", "prod": "∏", "int": "∫", "ldots": "…",
    "cdots": "⋯", "dots": "…", "propto": "∝", "forall": "∀", "exists": "∃", "neg": "¬",
    "land": "∧", "lor": "∨", "setminus": "∖", "circ": "∘", "odot": "⊙", "otimes": "⊗",
    "prime": "′", "ell": "ℓ", "hbar": "ℏ", "varepsilon": "ε", "vartheta": "ϑ", "varphi": "φ",
    "quad": "  ", "qquad": "    ", ",": " ", ";": " ", ":": " ", " ": " ", "!": "",
    "|": "‖", "%": "%", "&": "&", "_": "_", "#": "#",
    "lvert": "|", "rvert": "|", "lVert": "‖", "rVert": "‖", "langle": "⟨", "rangle": "⟩",
    "lfloor": "⌊", "rfloor": "⌋", "lceil": "⌈", "rceil": "⌉",
}
NAMED = ("sin cos tan sec csc cot sinh cosh tanh arcsin arccos arctan ln log exp det max min "
         "lim sup inf arg dim ker gcd Pr").split()
FONTS = {"mathbb": "DOUBLE-STRUCK", "mathcal": "SCRIPT", "mathbf": "BOLD"}
PLAIN = ("operatorname", "mathrm", "text", "textrm", "mathit", "textit", "boldsymbol")
ACCENTS = {"hat": "\u0302", "widehat": "\u0302", "bar": "\u0304", "overline": "\u0305",
           "tilde": "\u0303", "widetilde": "\u0303", "dot": "\u0307", "ddot": "\u0308",
           "vec": "\u20d7"}
DROPPED = ("limits", "nolimits", "displaystyle", "textstyle")
OPEN_BRACE, CLOSE_BRACE = "\x00", "\x01"  # `\{`, `\}` while groups are unbraced
SUPERSCRIPT = dict(zip("0123456789+-=()niT", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾ⁿⁱᵀ"))
SUBSCRIPT = dict(zip("0123456789+-=()aeijknmoprstuvx", "₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎ₐₑᵢⱼₖₙₘₒₚᵣₛₜᵤᵥₓ"))

TOKEN = re.compile(r"""
    \\(?P<delim>left|right|bigl|bigr|Bigl|Bigr|big|Big)\s*(?P<d>\\[|]|\\[a-zA-Z]+|[()\[\]|./\x00\x01])
  | \\(?P<font>""" + "|".join((*FONTS, *PLAIN, *ACCENTS)) + r""")\s*\{(?P<arg>[^{}]*)\}
  | \\(?P<word>[a-zA-Z]+)
  | \\(?P<sym>[^a-zA-Z])
  | (?P<mark>[\^_])(?:\{(?P<group>[^{}]*)\}|(?P<char>[^\\{}\s])|(?P<command>\\[a-zA-Z]+))
""", re.VERBOSE)


def latex_to_unicode(fragment: str) -> str:
    """The fragment with each LaTeX symbol it knows replaced by its Unicode character."""
    return _converted(fragment)


@lru_cache(maxsize=1024)
def _converted(fragment: str) -> str:
    fragment = re.sub(r"\s+(?=\\right\b)", "", fragment)
    text = TOKEN.sub(_replacement, fragment.replace("\\{", OPEN_BRACE).replace("\\}", CLOSE_BRACE))
    while True:
        unbraced = re.sub(r"\{([^{}\\^_]*)\}(?![\^_])", _unbraced, text)
        if unbraced == text:
            break
        text = unbraced
    text = re.sub(r"([∂∇]) (?=\w)", r"\1", text)  # `\partial f` is ∂f, `\nabla f` ∇f
    return text.replace(OPEN_BRACE, "{").replace(CLOSE_BRACE, "}")


def _unbraced(match: re.Match) -> str:
    """`{x² + 1}`: a group left only for grouping loses its braces when nothing structural
    (a command, a script) is next to it."""
    start = match.start()
    before = match.string[:start]
    if re.search(r"\\[a-zA-Z]+\s*$|[\^_]$|\}$", before):
        return match.group(0)
    return match.group(1)


def _replacement(match: re.Match) -> str:
    if match["delim"]:
        delimiter = match["d"]
        return "" if delimiter == "." else (SYMBOLS.get(delimiter[1:], delimiter[1:])
                                           if delimiter.startswith("\\") else delimiter)
    if match["font"]:
        return _or_as_written(_font(match["font"], match["arg"]), match)
    if match["word"]:
        return _or_as_written(_word(match["word"]), match)
    if match["sym"]:
        return SYMBOLS.get(match["sym"], match.group(0))
    text = next(t for t in (match["group"], match["char"], match["command"]) if t is not None)
    script = _script(match["mark"], text)
    if script is not None:
        return script
    if match["group"] is None:
        return match.group(0)
    inner = _converted(text)
    return match["mark"] + (inner if len(inner) == 1 else "{" + inner + "}")  # X_c, e^{-x}


def _or_as_written(text: str | None, match: re.Match) -> str:
    """The replacement, or the match as written when there is none."""
    return match.group(0) if text is None else text


def _word(name: str) -> str | None:
    if name in SYMBOLS:
        return SYMBOLS[name]
    if name in NAMED:
        return name
    if name in DROPPED:
        return ""
    if name.lower() in GREEK:
        case = "CAPITAL" if name[0].isupper() else "SMALL"
        return unicodedata.lookup(f"GREEK {case} LETTER {name.upper().replace('LAMBDA', 'LAMDA')}")
    return None


def _font(font: str, text: str) -> str | None:
    if font in PLAIN:
        return _converted(text)
    if font in ACCENTS:
        base = _converted(text)
        return base + ACCENTS[font] if len(base) == 1 else None
    style = FONTS[font]
    letters = [_styled(style, char) for char in text]
    return None if None in letters else "".join(letters)


def _styled(style: str, char: str) -> str | None:
    """𝐱, 𝒩, ℒ, ℝ: the mathematical letter, or its older letterlike symbol."""
    name = (unicodedata.name(char) if char.isdigit()
            else f"{'CAPITAL' if char.isupper() else 'SMALL'} {char.upper()}")
    name = f"{style} {name}"
    for candidate in (f"MATHEMATICAL {name}", name):
        try:
            return unicodedata.lookup(candidate)
        except KeyError:
            continue
    return None


def _script(mark: str, text: str) -> str | None:
    """`^{2}` → ², `_{ij}` → ᵢⱼ, when every character has a Unicode script form."""
    table = SUPERSCRIPT if mark == "^" else SUBSCRIPT
    text = _converted(text) if text else text
    if text in ("ᵀ", "′", "″") and mark == "^":
        return text
    if not text or any(char not in table for char in text):
        return None
    return "".join(table[char] for char in text)
