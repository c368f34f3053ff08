"""The evaluator: one module per guide chapter, each registering its handlers."""
from __future__ import annotations

import importlib
from functools import lru_cache

CHAPTERS = ("arithmetic", "names", "collections", "functions", "linalg", "einsum", "pca",
            "statements", "calculus", "distributions", "events", "probability",
            "moments", "cdfs", "information", "estimation", "notation", "entries")


@lru_cache(maxsize=1)
def load_chapters() -> None:
    """Import every chapter module so that its handlers are registered (once)."""
    for chapter in CHAPTERS:
        importlib.import_module(f"{__name__}.{chapter}")
