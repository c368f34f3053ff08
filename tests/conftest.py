"""Shared fixtures: a fresh workspace, and `run` that fails loudly on errors."""
import pytest

import symml


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
