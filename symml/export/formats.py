"""The one table of export formats: name → file suffixes, renderer, binary or text.

The CLI reads it for `--format`'s choices, the format of `-o`'s suffix and the usage error
for a suffix symml cannot write.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..solution import Solution
from . import html, markdown, tex
from .document import to_json
from .pdf import pdf_bytes


@dataclass(frozen=True)
class Format:
    name: str
    suffixes: tuple[str, ...]  # the first is the one symml suggests
    render: Callable[[Solution], str | bytes]
    binary: bool = False


FORMATS = {fmt.name: fmt for fmt in (
    Format("tex", ("tex",), tex.render),
    Format("pdf", ("pdf",), pdf_bytes, binary=True),
    Format("md", ("md", "markdown"), markdown.render),
    Format("html", ("html", "htm"), html.render),
    Format("json", ("json",), to_json),
)}
SUFFIXES = {suffix: fmt.name for fmt in FORMATS.values() for suffix in fmt.suffixes}


def render_document(solution: Solution, fmt: str) -> str | bytes:
    return FORMATS[fmt].render(solution)


def suffix_list() -> str:
    """`.tex, .pdf, .md, .html or .json`, for messages."""
    names = [f".{fmt.suffixes[0]}" for fmt in FORMATS.values()]
    return ", ".join(names[:-1]) + " or " + names[-1]
