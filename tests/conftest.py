"""Shared fixtures: a fresh workspace, and `run` that fails loudly on errors.

Property and fuzz tests run the same examples every time (CI is reproducible); set
HYPOTHESIS_PROFILE=explore to search new ones."""
import os

import pytest
from hypothesis import settings

import symml

settings.register_profile("repeatable", derandomize=True)
settings.register_profile("explore", derandomize=False)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "repeatable"))


@pytest.fixture
def ws():
    return symml.Workspace()


@pytest.fixture
def run(ws):
    """Run statements in one workspace; return the last Result, asserting no errors."""
    def _run(*statements):
        result = None
        for statement in statements:
            result = ws.run(statement)
            assert result.error is None, f"{statement!r} failed: {result.error}"
        return result
    return _run
