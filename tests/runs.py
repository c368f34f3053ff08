"""Shared by the step tests: run setup statements, then one statement, in a fresh workspace."""
import symml


def run(setup, statement):
    """The Result of `statement` after `setup`; every statement must succeed."""
    ws = symml.Workspace()
    for line in setup:
        assert ws.run(line).error is None, line
    result = ws.run(statement)
    assert result.error is None, result.error
    return result
