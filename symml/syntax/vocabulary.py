"""The LaTeX commands symml knows, read from the grammar's terminals and normalize's tables,
so that an unknown command gets a "did you mean" (`\\nabal` → `\\nabla`)."""
from __future__ import annotations

import difflib
import re
from functools import lru_cache

from . import normalize

ALTERNATIVES = re.compile(r"\\\\\(([A-Za-z|]+)\)")  # \\(sin|cos|...) in a terminal
INTERNAL = {"dd", "evalbar"}  # written by normalize.py, never by users
SINGLE = re.compile(r"\\\\([A-Za-z]{2,})")  # \\lfloor in a terminal


@lru_cache(maxsize=1)
def known_commands() -> frozenset[str]:
    from .parser import _grammar_text

    words: set[str] = set()
    for line in _grammar_text().splitlines():
        if re.match(r"^[A-Z_][A-Z_0-9.]*\s*:", line):  # a terminal definition
            for group in ALTERNATIVES.findall(line):
                words.update(group.split("|"))
            words.update(SINGLE.findall(line))
    tables = (normalize.SPACING, normalize.ALIASES, normalize.UNICODE_TO_LATEX.values(),
              (text for pair in normalize.DELIMITERS for text in pair))
    for table in tables:
        words.update(t[1:] for t in table if re.fullmatch(r"\\[A-Za-z]{2,}", t))
    words.update(("left", "right", "mleft", "mright", "begin", "end", "hspace", "frac",
                  "dfrac", "tfrac", "binom", "dbinom", "tbinom"))
    words -= INTERNAL
    return frozenset("\\" + w for w in words if len(w) > 1)


def suggestion(command: str) -> str:
    """`; did you mean `\\nabla`?` for a near miss of a known command, else ""."""
    close = difflib.get_close_matches(command, sorted(known_commands()), n=1, cutoff=0.75)
    return f"; did you mean `{close[0]}`?" if close else ""
