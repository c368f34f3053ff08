"""A title or note written as one string, a sentence (`redefines \\theta, which was 2`): which
of its words hold LaTeX. A title built from pieces never comes here."""
from __future__ import annotations

import re
from itertools import groupby

MATHY = re.compile(r"\\[A-Za-z]+|[\^_]|\\[{}|]")
OPERATOR = re.compile(r"[-+=<>*/()\d.,]+")


def sentence_pieces(title: str) -> list:
    r"""Runs of words holding LaTeX (`\lambda`, `P^{-1}`, `\frac{a}{b} + c`) become math
    pieces; operators between two such words join them."""
    from . import Math

    words = _words(title)
    kinds = [bool(MATHY.search(w)) for w in words]
    for i, word in enumerate(words):
        if OPERATOR.fullmatch(word) and 0 < i < len(words) - 1:
            kinds[i] = kinds[i - 1] and any(kinds[i + 1:i + 2])
    return [Math(" ".join(w for w, _ in run)) if is_math else " ".join(w for w, _ in run)
            for is_math, run in groupby(zip(words, kinds), key=lambda pair: pair[1])]


def _words(title: str) -> list[str]:
    """Whitespace-separated words, except that a `{...}` group keeps its spaces."""
    words, depth = [""], 0
    for char in title:
        if char.isspace() and depth == 0:
            if words[-1]:
                words.append("")
            continue
        depth += {"{": 1, "}": -1}.get(char, 0) if not words[-1].endswith("\\") else 0
        words[-1] += char
    return [w for w in words if w]
