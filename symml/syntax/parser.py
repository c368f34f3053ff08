"""Text → AST: normalize, check brackets, run the cached LALR parser, build the AST."""
from __future__ import annotations

import gc
import re
from contextlib import contextmanager
from functools import lru_cache
from importlib import resources
from pathlib import Path

from ..errors import LimitExceeded, ParseError, Span
from . import ast
from .build import MARKERS, AstBuilder, DerivOp, NablaOp, OneSided, PartialMark
from .imaginary import read_imaginary_units
from .normalize import Normalized, normalize

MAX_INPUT_CHARS = 500_000
MAX_NESTING = 200

FORBIDDEN = {r"\input", r"\include", r"\write", r"\write18", r"\immediate", r"\openout",
             r"\openin", r"\read", r"\def", r"\gdef", r"\edef", r"\newcommand",
             r"\renewcommand", r"\catcode", r"\usepackage", r"\documentclass", r"\special",
             r"\csname", r"\let", r"\loop", r"\expandafter", r"\includegraphics"}

# Words for the grammar's terminals, so errors never show Lark token names.
TERMINAL_WORDS = {
    "RBRACE": r"`\}`", "RPAR": "`)`", "RSQB": "`]`", "LPAR": "`(`", "LSQB": "`[`",
    "LBRACE": r"`\{`", "__ANON_0": "`{`", "LBRACE_": "`{`", "__ANON_1": "`}`",
    "END_MATRIX": r"`\end{bmatrix}`", "ROWSEP": r"`\\`", "AMPERSAND": "`&`",
    "RANGLE": r"`\rangle`", "RVERT": r"`\rvert`", "RNORM": r"`\rVert`", "VBAR": "`|`",
    "DBAR": r"`\|`", "DIFF": "a differential such as `dx`", "NUMBER": "a number",
    "LETTER": "a letter", "SDIGIT": "a digit", "SUBWORD": "a subscript",
    "REL": "a relation such as `=`", "COMMA": "`,`", "COLON": "`:`",
    "PLUS": "`+`", "MINUS": "`-`", "$END": "the end of the formula",
}


def _grammar_text() -> str:
    packaged = resources.files("symml") / "grammar" / "symml.lark"
    if packaged.is_file():
        return packaged.read_text(encoding="utf-8")
    # running from a checkout: the grammar sits at the top level, beside the package
    return (Path(__file__).resolve().parents[2] / "grammar" / "symml.lark").read_text(
        encoding="utf-8")


@lru_cache(maxsize=1)
def lark_parser():
    """The LALR parser, compiled once per process and cached on disk across processes.

    Lark's cache is a pickle, and loading a pickle runs code: it is kept only in a private
    per-user directory (`private_cache_dir`), never in the shared temp directory where
    `cache=True` would put it. Without such a directory the parser is compiled each time."""
    from lark import Lark

    text = _grammar_text()
    directory = private_cache_dir()
    cache: str | bool = False
    if directory is not None:
        import hashlib
        import sys

        import lark

        key = hashlib.sha256(f"{text}|{lark.__version__}|{sys.version}".encode()).hexdigest()
        path = directory / f"parser-{key[:32]}.lark"
        if not path.exists() or _owned_and_private(path, directory=False):
            cache = str(path)
    return Lark(text, parser="lalr", lexer="contextual", propagate_positions=True,
                cache=cache, maybe_placeholders=False)


def private_cache_dir() -> Path | None:
    """`$XDG_CACHE_HOME/symml` (default `~/.cache/symml`), created 0700; None unless it is
    a real directory owned by this user that nobody else can write to."""
    import os

    if not hasattr(os, "getuid"):  # no owner checks on this platform: no cache
        return None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    directory = Path(base) / "symml"
    try:
        directory.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError:
        return None
    return directory if _owned_and_private(directory, directory=True) else None


def _owned_and_private(path: Path, *, directory: bool) -> bool:
    import os
    import stat

    try:
        info = os.lstat(path)
    except OSError:
        return False
    kind_ok = stat.S_ISDIR(info.st_mode) if directory else stat.S_ISREG(info.st_mode)
    return kind_ok and info.st_uid == os.getuid() and not info.st_mode & 0o022


@lru_cache(maxsize=1024)
def parse(text: str) -> ast.Node:
    """Parse one statement into an AST, or raise ParseError with a position.

    ASTs are immutable, so a statement met again (a problem bank, a benchmark) is parsed
    once; errors are not cached."""
    if len(text) > MAX_INPUT_CHARS:
        raise LimitExceeded(f"the formula has {len(text):,} characters; the limit is "
                            f"{MAX_INPUT_CHARS:,}", Span(MAX_INPUT_CHARS, len(text)),
                            source=text)
    try:
        with _collector_paused():
            normalized = normalize(text)
            if not normalized.text.strip():
                raise ParseError("the formula is empty", Span(0, 0))
            _check_brackets(normalized)
            node = _build(normalized, _run_lark(normalized))
            _reject_markers(node)
            node = read_imaginary_units(node)
        return node
    except (ParseError, LimitExceeded) as error:
        raise error.locate(text)
    except RecursionError:
        raise LimitExceeded(f"the formula is nested too deeply (the limit is {MAX_NESTING} "
                            "levels)", Span(0, len(text)), source=text) from None


@contextmanager
def _collector_paused():
    """Parsing makes many short-lived objects and no cycles; a garbage collection during it
    would only walk the long-lived heap (SymPy's caches), making long formulas superlinear."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _run_lark(normalized: Normalized):
    from lark.exceptions import LarkError, UnexpectedCharacters, UnexpectedInput

    try:
        return lark_parser().parse(normalized.text)
    except UnexpectedCharacters as error:
        raise _unexpected_character(normalized, error) from None
    except UnexpectedInput as error:
        raise _unexpected_token(normalized, error) from None
    except LarkError as error:  # pragma: no cover - defensive
        raise ParseError(f"cannot read the formula ({error.__class__.__name__})") from None


def _build(normalized: Normalized, tree) -> ast.Node:
    from lark.exceptions import VisitError

    try:
        return AstBuilder(normalized).transform(tree)
    except VisitError as error:
        if isinstance(error.orig_exc, (ParseError, LimitExceeded, RecursionError)):
            raise error.orig_exc from None
        raise ParseError(f"cannot read this formula ({type(error.orig_exc).__name__} in "
                         f"rule {error.rule})", Span(0, len(normalized.source))) from None


COMMAND = re.compile(r"\\[a-zA-Z]+|\\.")


def _unexpected_character(normalized: Normalized, error) -> ParseError:
    pos = error.pos_in_stream
    match = COMMAND.match(normalized.text, pos)
    if match:
        command = match.group()
        span = normalized.span(pos, match.end())
        if command.split("{")[0] in FORBIDDEN or command.rstrip("0123456789") in FORBIDDEN:
            return ParseError(f"`{command}` is not allowed: symml never reads, writes or "
                              "defines anything outside the formula", span)
        if error.allowed and _expects_only_closers(error.allowed):
            return ParseError(f"`{command}` cannot stand here; expected "
                              f"{_words(error.allowed)}", span)
        from .vocabulary import suggestion

        return ParseError(f"unknown command `{command}`{suggestion(command)}", span)
    char = normalized.text[pos]
    span = normalized.span(pos, pos + 1)
    expected = _words(error.allowed) if error.allowed else ""
    if not char.isprintable():  # a control character, byte-order mark or lone surrogate
        return ParseError(f"the invisible character U+{ord(char):04X} cannot stand in a "
                          "formula; delete it", span)
    return ParseError(f"unexpected `{char}`" + (f"; expected {expected}" if expected else ""),
                      span, expected=tuple(sorted(error.allowed or ())))


def _expects_only_closers(allowed) -> bool:
    return all(name in TERMINAL_WORDS for name in allowed)


def _unexpected_token(normalized: Normalized, error) -> ParseError:
    token = getattr(error, "token", None)
    expected = getattr(error, "expected", None) or getattr(error, "accepts", None) or set()
    if token is None or token.type == "$END":
        end = len(normalized.text)
        return ParseError(f"the formula ends too early; expected {_words(expected)}",
                          normalized.span(max(end - 1, 0), end), expected=tuple(sorted(expected)))
    span = normalized.span(token.start_pos, token.end_pos)
    return ParseError(f"unexpected `{token}`; expected {_words(expected)}", span,
                      expected=tuple(sorted(expected)))


def _words(names) -> str:
    words = sorted({TERMINAL_WORDS.get(name, "") for name in names} - {""})
    if not words or len(names) > 12:
        return "an operator, a value or a closing bracket"
    return ", ".join(words[:6]) if len(words) <= 6 else ", ".join(words[:6]) + " or more"


BRACKETS = {"{": "}", "(": ")", "[": "]", r"\{": r"\}", r"\langle": r"\rangle",
            r"\lvert": r"\rvert", r"\lVert": r"\rVert", r"\lfloor": r"\rfloor",
            r"\lceil": r"\rceil"}
CLOSERS = {v: k for k, v in BRACKETS.items()}
HALF_OPEN = {("(", "]"), ("[", ")")}  # the intervals (a, b] and [a, b)
BRACKET_TOKEN = re.compile(r"\\begin\s*\{[^}]*\}|\\end\s*\{[^}]*\}|\\[a-zA-Z]+|\\.|[{}()\[\]]")


def _check_brackets(normalized: Normalized) -> None:
    """Unbalanced brackets get a message naming the opener and where it stood."""
    stack: list[tuple[str, int, int]] = []
    text = normalized.text
    for match in BRACKET_TOKEN.finditer(text):
        tok = match.group()
        if tok in BRACKETS or tok.startswith(r"\begin"):
            stack.append((tok, match.start(), match.end()))
            if len(stack) > MAX_NESTING:
                raise LimitExceeded(f"the formula is nested more than {MAX_NESTING} levels "
                                    "deep (the nesting limit)",
                                    normalized.span(match.start(), match.end()))
        elif tok in CLOSERS or tok.startswith(r"\end"):
            want = CLOSERS.get(tok) if tok in CLOSERS else tok.replace(r"\end", r"\begin")
            if not stack or (stack[-1][0] != want and (stack[-1][0], tok) not in HALF_OPEN
                             and not (tok.startswith(r"\end")
                                      and stack[-1][0].startswith(r"\begin"))):
                opener = f" (the open one is `{stack[-1][0]}`)" if stack else ""
                raise ParseError(f"`{tok}` closes nothing{opener}",
                                 normalized.span(match.start(), match.end()))
            stack.pop()
    if stack:
        tok, start, end = stack[-1]
        span = normalized.span(start, end)
        closer = BRACKETS.get(tok, tok.replace(r"\begin", r"\end"))
        context = _opener_context(text, start)
        column = span.start + 1
        raise ParseError(f"missing `{closer}` for `{context}` opened at column {column}", span)


def _opener_context(text: str, start: int) -> str:
    before = re.search(r"(\\[a-zA-Z]+)\s*$", text[:start])
    return (before.group(1) if before else "") + text[start]


def _reject_markers(node: ast.Node) -> None:
    """Operators left without an operand (`d/dx` alone, `∂f` without `/∂x`) are errors."""
    stack = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, MARKERS):
            raise ParseError(_marker_message(current), current.span)
        stack.extend(current.children())


def _marker_message(marker) -> str:
    if isinstance(marker, DerivOp):
        return "a derivative operator needs an expression after it, as in \\frac{d}{dx} x^2"
    if isinstance(marker, NablaOp):
        return "∇ needs a function after it, as in \\nabla f"
    if isinstance(marker, PartialMark):
        return "∂ must be part of a derivative: \\frac{\\partial f}{\\partial x} or \\partial_x f"
    if isinstance(marker, OneSided):
        return "a one-sided point such as 0^+ belongs in a limit: \\lim_{x \\to 0^+}"
    return "a function name needs an argument"
