"""The evaluator: one module per guide chapter, each registering its handlers."""
from __future__ import annotations

import importlib

CHAPTERS = ("arithmetic", "names", "collections", "functions", "linalg", "einsum", "pca",
            "statements", "calculus", "distributions", "events", "probability",
            "information", "estimation")


def load_chapters() -> None:
    """Import every chapter module so that its handlers are registered (once)."""
    for chapter in CHAPTERS:
        try:
            importlib.import_module(f"{__name__}.{chapter}")
        except ModuleNotFoundError as error:
            if error.name != f"{__name__}.{chapter}":
                raise
