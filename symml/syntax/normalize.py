"""Unicode and loose LaTeX → the LaTeX the grammar reads, with a map back to the input.

Each pass works on a token list where every token remembers the input offset it came
from, so parse errors point at what the user typed, not at the rewritten text.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..errors import ParseError, Span

# One table, Unicode → LaTeX (tests check both directions).
UNICODE_TO_LATEX = {
    "α": r"\alpha", "β": r"\beta", "γ": r"\gamma", "δ": r"\delta", "ε": r"\epsilon",
    "ϵ": r"\epsilon", "ζ": r"\zeta", "η": r"\eta", "θ": r"\theta", "ϑ": r"\vartheta",
    "ι": r"\iota", "κ": r"\kappa", "λ": r"\lambda", "μ": r"\mu", "ν": r"\nu", "ξ": r"\xi",
    "π": r"\pi", "ρ": r"\rho", "σ": r"\sigma", "τ": r"\tau", "υ": r"\upsilon", "φ": r"\phi",
    "ϕ": r"\phi", "χ": r"\chi", "ψ": r"\psi", "ω": r"\omega", "Γ": r"\Gamma",
    "Δ": r"\Delta", "Θ": r"\Theta", "Λ": r"\Lambda", "Ξ": r"\Xi", "Π": r"\Pi",
    "Σ": r"\Sigma", "Φ": r"\Phi", "Ψ": r"\Psi", "Ω": r"\Omega", "ℓ": r"\ell",
    "∇": r"\nabla", "∂": r"\partial", "∑": r"\sum", "∏": r"\prod", "∫": r"\int",
    "√": r"\sqrt", "∛": r"\sqrt[3]", "∜": r"\sqrt[4]", "∞": r"\infty", "⊙": r"\odot", "∘": r"\circ", "·": r"\cdot",
    "⋅": r"\cdot", "×": r"\times", "÷": r"\div", "−": "-", "±": r"\pm",
    "≤": r"\le", "≥": r"\ge", "≠": r"\ne", "≟": r"\checkeq", "∈": r"\in", "∉": r"\notin", "∼": r"\sim",
    "≈": r"\approx", "→": r"\to", "⊥": r"\perp", "⊤": r"\top", "¬": r"\neg",
    "∩": r"\cap", "∪": r"\cup", "∖": r"\setminus", "‖": r"\|", "∣": r"\mid",
    "⟨": r"\langle", "⟩": r"\rangle", "…": r"\ldots", "⋯": r"\cdots",
    "ℝ": r"\mathbb{R}", "𝔼": r"\mathbb{E}", "ℙ": r"\mathbb{P}", "ℕ": r"\mathbb{N}",
    "ℤ": r"\mathbb{Z}", "𝒩": r"\mathcal{N}", "𝒰": r"\mathcal{U}", "ℒ": r"\mathcal{L}",
    "𝓛": r"\mathcal{L}", "𝓝": r"\mathcal{N}", "′": "'", "″": "''", "ᵀ": r"^\top",
    "‘": "'", "’": "'", "“": '"', "”": '"',
}
RADICALS = {"√", "∛", "∜"}
SUPERSCRIPTS = dict(zip("⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾ⁿⁱᵏ", "0123456789+-=()nik"))
SUBSCRIPTS = dict(zip("₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎ₐₑₒₓₕₖₗₘₙₚₛₜᵢⱼ", "0123456789+-=()aeoxhklmnpstij"))

SPACING = {r"\,", r"\;", r"\:", r"\!", "\\ ", r"\quad", r"\qquad", r"\displaystyle",
           r"\textstyle", r"\limits", r"\nolimits", "~", r"\big", r"\Big", r"\bigg", r"\Bigg",
           r"\>", r"\thinspace", r"\medspace", r"\thickspace", r"\negthinspace",
           r"\negmedspace", r"\negthickspace", r"\enspace", r"\scriptstyle"}
SIZED = re.compile(r"\\(m?left|m?right|[bB]igg?[lrm]?)$")  # \mleft( .. \mright) as \left
DELIMITERS = {  # (delimiter after \left, after \right) → grammar spelling
    ("left", "("): "(", ("right", ")"): ")", ("left", "["): "[", ("right", "]"): "]",
    ("left", "|"): r"\lvert", ("right", "|"): r"\rvert", ("left", r"\|"): r"\lVert",
    ("right", r"\|"): r"\rVert", ("left", r"\{"): r"\{", ("right", r"\}"): r"\}",
    ("left", r"\langle"): r"\langle", ("right", r"\rangle"): r"\rangle",
    ("left", r"\lvert"): r"\lvert", ("right", r"\rvert"): r"\rvert",
    ("left", r"\lVert"): r"\lVert", ("right", r"\rVert"): r"\rVert",
    ("left", "."): "", ("right", "."): "",
    ("left", r"\lfloor"): r"\lfloor", ("right", r"\rfloor"): r"\rfloor",
    ("left", r"\lceil"): r"\lceil", ("right", r"\rceil"): r"\rceil",
}
ALIASES = {r"\lbrace": r"\{", r"\rbrace": r"\}", r"\vert": "|", r"\Vert": r"\|",
           r"\lbrack": "[", r"\rbrack": "]", r"\ast": "*", r"\leq": r"\le", r"\geq": r"\ge",
           r"\neq": r"\ne", r"\lnot": r"\neg", r"\rightarrow": r"\to"}
OPENERS = {"(": ")", "[": "]", "{": "}", r"\{": r"\}", r"\langle": r"\rangle",
           r"\lvert": r"\rvert", r"\lVert": r"\rVert", r"\lfloor": r"\rfloor",
           r"\lceil": r"\rceil"}
TOKEN = re.compile(r"\\[a-zA-Z]+|\\.|np\.(?=einsum|array)|\s+|.", re.S)


@dataclass
class Tok:
    text: str
    at: int  # offset in the input


@dataclass(frozen=True)
class Normalized:
    """The grammar's text and, per character, the input offset it came from."""

    text: str
    origin: tuple[int, ...]
    source: str

    def span(self, start: int, end: int) -> Span:
        """Map a [start, end) range of the normalized text back to the input."""
        if not self.origin:
            return Span(0, 0)
        first = self.origin[min(start, len(self.origin) - 1)]
        last_token = self.origin[min(max(end - 1, start), len(self.origin) - 1)]
        match = TOKEN.match(self.source, last_token)  # to the end of that input token
        last = match.end() if match else last_token + 1
        return Span(first, max(last, first + 1))


def normalize(source: str) -> Normalized:
    tokens = _tokenize(source)
    for rewrite in (_brace_radicands, _map_unicode, _drop_spacing, _mark_check_equals,
                    _join_arg_extrema, _join_double_bars,
                    _resolve_delimiters, _mark_lone_bars, _pair_bars,
                    _lift_fraction_differentials, _mark_differentials):
        tokens = rewrite(tokens)
    pieces, origin = [], []
    for tok in tokens:
        pieces.append(tok.text)
        origin.extend([tok.at] * len(tok.text))
    return Normalized("".join(pieces), tuple(origin), source)


def _tokenize(source: str) -> list[Tok]:
    return [Tok(m.group(), m.start()) for m in TOKEN.finditer(source)
            if m.group() != "np."]


def _brace_radicands(tokens: list[Tok]) -> list[Tok]:
    """`√16` → `√{16}`, `√(x+1)` → `√{(x+1)}`: a radical sign takes the whole number or
    bracket after it, not its first character."""
    out: list[Tok] = []
    i = 0
    while i < len(tokens):
        out.append(tokens[i])
        j = i + 1
        if tokens[i].text in RADICALS:
            j = _radicand_end(tokens, j)
        if j > i + 1:
            out += [Tok("{", tokens[i + 1].at), *tokens[i + 1:j], Tok("}", tokens[j - 1].at)]
        i = j
    return out


def _radicand_end(tokens: list[Tok], j: int) -> int:
    """Where the number or the ( ... ) starting at j ends (j itself if neither starts there)."""
    if j < len(tokens) and tokens[j].text == "(":
        depth = 0
        for k in range(j, len(tokens)):
            depth += {"(": 1, ")": -1}.get(tokens[k].text, 0)
            if depth == 0:
                return k + 1
        return j
    while j < len(tokens) and (tokens[j].text.isdigit() or tokens[j].text == "."):
        j += 1
    return j


def _map_unicode(tokens: list[Tok]) -> list[Tok]:
    out: list[Tok] = []
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        for table, mark in ((SUPERSCRIPTS, "^"), (SUBSCRIPTS, "_")):
            if tok.text in table:
                run = ""
                while i < len(tokens) and tokens[i].text in table:
                    run += table[tokens[i].text]
                    i += 1
                out.append(Tok(f"{mark}{{{run}}}", tok.at))
                break
        else:
            latex = UNICODE_TO_LATEX.get(tok.text)
            if latex is None:
                out.append(tok)
            else:
                # a letter command needs a space so that `θx` does not become `\thetax`
                out.append(Tok(latex + (" " if latex[-1].isalpha() else ""), tok.at))
            i += 1
    return out


def _drop_spacing(tokens: list[Tok]) -> list[Tok]:
    out = []
    for tok in tokens:
        if tok.text in SPACING:
            out.append(Tok(" ", tok.at))
        elif tok.text in ALIASES:
            out.append(Tok(ALIASES[tok.text], tok.at))
        else:
            out.append(tok)
    return out


CHECK_EQUALS = (("{", "?", "}", "{", "=", "}"), ("?", "="), ("?", "{", "=", "}"),
                ("{", "?", "}", "="))


def _mark_check_equals(tokens: list[Tok]) -> list[Tok]:
    r"""`\stackrel{?}{=}` and `\overset{?}{=}` (an `=` with a question mark over it) are
    one relation, `\checkeq`: always a check, never a definition or an equation."""
    out, i = [], 0
    while i < len(tokens):
        if tokens[i].text in (r"\stackrel", r"\overset"):
            significant = [k for k in range(i + 1, min(len(tokens), i + 14))
                           if not tokens[k].text.isspace()]
            texts = [tokens[k].text for k in significant]
            match = next((p for p in CHECK_EQUALS if tuple(texts[:len(p)]) == p), None)
            if match:
                out.append(Tok(r"\checkeq", tokens[i].at))
                i = significant[len(match) - 1] + 1
                continue
        out.append(tokens[i])
        i += 1
    return out


def _join_arg_extrema(tokens: list[Tok]) -> list[Tok]:
    r"""`\arg\max` and `\arg\min` (not the complex argument) are one operator, as
    `\operatorname{argmax}`."""
    out, i = [], 0
    while i < len(tokens):
        j = _next_significant(tokens, i + 1)
        if tokens[i].text == r"\arg" and j < len(tokens) and tokens[j].text in (r"\max", r"\min"):
            out.append(Tok(r"\operatorname{arg%s}" % tokens[j].text[1:], tokens[i].at))
            i = j + 1
        else:
            out.append(tokens[i])
            i += 1
    return out


def _join_double_bars(tokens: list[Tok]) -> list[Tok]:
    r"""`||v||` and `D_{KL}(P||Q)`: two touching bars are the double bar `\|`, unless the
    first closes an open `|`: `|x||y|` is |x|·|y|."""
    out = []
    single_open = False  # an odd number of single bars so far
    for tok in tokens:
        if tok.text == "|" and out and out[-1].text == "|" and out[-1].at == tok.at - 1 \
                and single_open:  # the bar before opened one: together they are `\|`
            out[-1] = Tok(r"\|", out[-1].at)
            single_open = False
        else:
            out.append(tok)
            single_open ^= tok.text == "|"
    return out


def _next_significant(tokens: list[Tok], i: int) -> int:
    while i < len(tokens) and tokens[i].text.isspace():
        i += 1
    return i


def _resolve_delimiters(tokens: list[Tok]) -> list[Tok]:
    r"""`\left(` → `(`, `\left|` → `\lvert`, `\bigl\|` → `\lVert`, `\left.` → nothing, and
    `\left. f \right|_{x=2}` → `{ f }\evalbar_{x=2}` (an evaluation bar)."""
    out: list[Tok] = []
    lefts: list[tuple[str, int]] = []  # delimiter of each open \left, where it was written
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        match = SIZED.match(tok.text)
        if not match:
            out.append(tok)
            i += 1
            continue
        kind = match.group(1).removeprefix("m") if "left" in match.group(1) or "right" in \
            match.group(1) else match.group(1)
        side = "right" if kind.startswith("right") or kind.endswith("r") else "left"
        j = _next_significant(tokens, i + 1)
        delimiter = tokens[j].text if j < len(tokens) else ""
        replacement = DELIMITERS.get((side, delimiter))
        if replacement is None and match.group(1).endswith("m"):
            replacement = r"\mid" if delimiter == "|" else None
        if replacement is None:
            raise ParseError(f"`{tok.text}` must be followed by a delimiter such as ( [ | or .",
                             Span(tok.at, tok.at + len(tok.text)))
        if kind == "left":
            lefts.append((delimiter, len(out)))
        elif kind == "right" and lefts:
            opened, where = lefts.pop()
            if opened == "." and delimiter == "|":
                out[where] = Tok("{", out[where].at)
                replacement = r"}\evalbar"
        spacer = " " if replacement[-1:].isalpha() else ""  # `\lvert x`, not `\lvertx`
        out.append(Tok(replacement + spacer, tok.at))
        i = j + 1
    return out


def _mark_lone_bars(tokens: list[Tok]) -> list[Tok]:
    r"""A single `|` inside (...) or [...] is conditioning (`\mid`); a single `\|` is `\parallel`.

    An absolute value or norm always comes in pairs, so a lone bar is never one.
    """
    stack: list[tuple[str, list[int]]] = []
    for index, tok in enumerate(tokens):
        if tok.text in OPENERS:
            stack.append((tok.text, []))
        elif stack and tok.text == OPENERS[stack[-1][0]]:
            opener, bars = stack.pop()
            if opener in ("(", "["):
                _rewrite_single(tokens, bars, "|", r"\mid ")
                _rewrite_single(tokens, bars, r"\|", r"\parallel ")
        elif stack and tok.text in ("|", r"\|"):
            stack[-1][1].append(index)
    return tokens


def _rewrite_single(tokens: list[Tok], bars: list[int], bar: str, replacement: str) -> None:
    same = [i for i in bars if tokens[i].text == bar]
    if len(same) == 1 and not _is_evaluation_bar(tokens, same[0]):
        tokens[same[0]] = Tok(replacement, tokens[same[0]].at)


def _pair_bars(tokens: list[Tok]) -> list[Tok]:
    r"""Pair the remaining bars: `|x|` → `\lvert x \rvert`, `\|v\|` → `\lVert v \rVert`.

    A bar closes the innermost open bar of its kind at the same bracket depth, else opens
    one, as a reader pairs them: `\lambda \|w\|_1`, `\|a\| \|b\|`, `|x| + |y|`.
    """
    spelled = {"|": (r"\lvert ", r"\rvert "), r"\|": (r"\lVert ", r"\rVert ")}
    stack: list[str] = []
    for index, tok in enumerate(tokens):
        if tok.text in OPENERS:
            stack.append(tok.text)
        elif tok.text in OPENERS.values():
            while stack and OPENERS.get(stack[-1]) != tok.text and stack[-1] not in spelled:
                stack.pop()
            if stack and OPENERS.get(stack[-1]) == tok.text:
                stack.pop()
        elif tok.text in spelled:
            opening, closing = spelled[tok.text]
            if stack and stack[-1] == tok.text:
                stack.pop()
                tokens[index] = Tok(closing, tok.at)
            elif _is_evaluation_bar(tokens, index):
                tokens[index] = Tok(r"\evalbar ", tok.at)
            else:
                stack.append(tok.text)
                tokens[index] = Tok(opening, tok.at)
    return tokens


def _is_evaluation_bar(tokens: list[Tok], index: int) -> bool:
    """`\\frac{df}{dx}\\Big|_{x=2}`: a bar that opens nothing and is followed by `_`."""
    following = _next_significant(tokens, index + 1)
    return tokens[index].text == "|" and following < len(tokens) \
        and tokens[following].text == "_"


FRACTIONS = {r"\frac", r"\dfrac", r"\tfrac"}


def _lift_fraction_differentials(tokens: list[Tok]) -> list[Tok]:
    r"""`\int \frac{dx}{x}` → `\int \frac{1}{x} dx`, `\int_0^1 \frac{x\,dx}{1+x^2}` →
    `\int_0^1 \frac{x}{1+x^2} dx`: a differential ending the numerator of the fraction
    that starts the integrand moves after the fraction."""
    out = list(tokens)
    for index in reversed(range(len(out))):
        if out[index].text.strip() != r"\int":
            continue
        start = _skip_limits(out, _next_significant(out, index + 1))
        if start >= len(out) or out[start].text not in FRACTIONS:
            continue
        numerator = _group(out, _next_significant(out, start + 1))
        denominator = numerator and _group(out, _next_significant(out, numerator[1]))
        if not denominator or _leading_differential(out, denominator[0] + 1):
            continue  # not {..}{..}, or a Leibniz fraction such as \frac{dy}{dx}
        differential = _trailing_differential(out, *numerator)
        if differential is None:
            continue
        moved = out[differential:numerator[1] - 1]
        rest = out[numerator[0] + 1:differential]
        while rest and (rest[-1].text.isspace() or rest[-1].text in (r"\cdot", r"\times")):
            rest = rest[:-1]  # \frac{3 \cdot d\theta}{\theta}: the product sign goes too
        if not any(not t.text.isspace() for t in rest):
            rest = [Tok("1", moved[0].at)]
        out[numerator[0] + 1:denominator[1]] = [
            *rest, out[numerator[1] - 1], *out[numerator[1]:denominator[1]],
            Tok(" ", moved[0].at), *moved]
    return out


def _skip_limits(tokens: list[Tok], i: int) -> int:
    """Past `_a^b` (each a token or a `{...}` group) after `\\int`."""
    while i < len(tokens) and tokens[i].text in ("_", "^"):
        j = _next_significant(tokens, i + 1)
        group = _group(tokens, j)
        i = _next_significant(tokens, group[1] if group else j + 1)
    return i


def _group(tokens: list[Tok], i: int):
    """(start, end) of the `{...}` starting at i (end just past `}`), or None."""
    if i >= len(tokens) or tokens[i].text != "{":
        return None
    depth = 0
    for k in range(i, len(tokens)):
        depth += {"{": 1, "}": -1}.get(tokens[k].text, 0)
        if depth == 0:
            return i, k + 1
    return None


def _leading_differential(tokens: list[Tok], i: int) -> bool:
    i = _next_significant(tokens, i)
    return i < len(tokens) and (tokens[i].text.strip() == r"\partial" or
                                _differential_width(tokens, i, [Tok("{", 0)]) > 0)


def _trailing_differential(tokens: list[Tok], start: int, end: int):
    """Where the `d x` (or `\\mathrm{d}x`) that ends the group tokens[start:end] begins."""
    last = _previous_significant(tokens, end - 2, start)
    d = _previous_significant(tokens, last - 1, start)
    if tokens[d].text == "}":
        d -= 3  # \mathrm{d}
    width = _differential_width(tokens, d, tokens[start:d]) if d > start else 0
    return d if width and _next_significant(tokens, d + width) == last else None


def _previous_significant(tokens: list[Tok], i: int, floor: int) -> int:
    while i > floor and tokens[i].text.isspace():
        i -= 1
    return i


def _mark_differentials(tokens: list[Tok]) -> list[Tok]:
    r"""The `d` of `\int ... dx` (or `\mathrm{d}x`) becomes the command `\dd`."""
    out: list[Tok] = []
    open_integrals: list[int] = []  # bracket depth at each open \int
    depth = 0
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        if tok.text in OPENERS:
            depth += 1
        elif tok.text in OPENERS.values():
            depth -= 1
        elif tok.text.strip() == r"\int":
            open_integrals.append(depth)
        elif open_integrals and open_integrals[-1] == depth:
            width = _differential_width(tokens, i, out)
            if width:
                out.append(Tok(r"\dd ", tok.at))
                open_integrals.pop()
                i += width
                continue
        out.append(tok)
        i += 1
    return out


def _differential_width(tokens: list[Tok], i: int, before: list[Tok]) -> int:
    """How many tokens form the `d` at position i (0 if it is not a differential)."""
    texts = [t.text for t in tokens[i:i + 4]]
    if texts[:1] == ["d"]:
        width = 1
    elif texts[:4] in (["\\mathrm", "{", "d", "}"], ["\\text", "{", "d", "}"]):
        width = 4
    else:
        return 0
    previous = next((t.text for t in reversed(before) if not t.text.isspace()), "")
    if previous in ("^", "_"):
        return 0
    following = _next_significant(tokens, i + width)
    if following >= len(tokens):
        return 0
    nxt = tokens[following].text.strip()  # `\theta ` from θ
    if re.fullmatch(r"[a-zA-Z]|\\[a-zA-Z]+", nxt) and nxt not in (r"\dd",):
        return width
    return 0
