"""The workspace: definitions and declarations that later statements see."""
from __future__ import annotations

from typing import Any

from .errors import LimitExceeded, SymmlError
from .limits import DEFAULT, Limits, check_digits, prepare_interpreter, time_limit
from .result import Result
from .semantics.kinds import Facts


class Workspace:
    """Run statements in order; each sees what the earlier ones defined.

    `steps=False` skips building steps (faster); `timeout` is seconds per statement.
    """

    def __init__(self, *, steps: bool = True, timeout: float | None = DEFAULT.seconds,
                 limits: Limits = DEFAULT):
        self.want_steps = steps
        self.timeout = timeout
        self.limits = limits
        self.values: dict[str, Any] = {}
        self.symbols: dict[str, Any] = {}
        self.declared: set[str] = set()
        self.sources: dict[str, Any] = {}  # name → the AST it was defined from
        self.distributions: dict[str, Any] = {}  # random variable → its Distribution
        self.supports: dict[str, list] = {}  # `X \in \{..\}`
        self.joints: dict[frozenset, Any] = {}  # {X, Y} → JointTable
        self.facts = Facts()
        prepare_interpreter(limits)

    # --- names --------------------------------------------------------------------
    def lookup(self, name: str):
        return self.values.get(name)

    def define(self, name: str, value) -> None:
        check_digits(value, None, self.limits)
        self.values[name] = value

    def symbol(self, name: str, **assumptions):
        """The SymPy symbol for `name` (declared ones carry their assumptions)."""
        if name not in self.symbols or assumptions:
            from sympy import Symbol

            self.symbols[name] = Symbol(name, **assumptions)
        return self.symbols[name]

    def known_symbols(self) -> set:
        """The entries of declared vectors, matrices and tensors: an equation between them
        is a check, not solved for entries. A declared scalar (`x \\in \\mathbb{R}`) stays an
        unknown, solved over the reals."""
        return {s for name in self.declared for s in _entry_symbols(self.values.get(name))}

    def declare(self, name: str, shape: tuple, node=None) -> None:
        r"""`s \in \mathbb{R}` (shape ()), `v \in \mathbb{R}^3`, `A \in \mathbb{R}^{m\times n}`."""
        from sympy import ImmutableDenseNDimArray, ImmutableMatrix, MatrixSymbol

        from .limits import check_entries

        self.declared.add(name)
        if not shape:
            self.symbol(name, real=True)
            self.values.pop(name, None)
            return
        if not all(isinstance(d, int) for d in shape):
            if len(shape) <= 2:
                rows, cols = (shape[0], 1) if len(shape) == 1 else shape
                self.values[name] = MatrixSymbol(name, rows, cols)
                return
            raise SymmlError("a tensor needs numeric sizes", getattr(node, "span", None))
        count = 1
        for d in shape:
            count *= d
        check_entries(count, node)
        if len(shape) == 1:
            entries = [self.symbol(f"{name}_{i}", real=True) for i in range(1, shape[0] + 1)]
            self.values[name] = ImmutableMatrix(entries)
        elif len(shape) == 2:
            rows, cols = shape
            self.values[name] = ImmutableMatrix(rows, cols, lambda i, j: self.symbol(
                f"{name}_{{{i + 1},{j + 1}}}", real=True))
        else:
            import itertools

            entries = [self.symbol(f"{name}_{{{','.join(str(i + 1) for i in index)}}}",
                                   real=True)
                       for index in itertools.product(*(range(d) for d in shape))]
            self.values[name] = ImmutableDenseNDimArray(entries, shape)

    # --- running ------------------------------------------------------------------
    def run(self, statement: str, *, steps: bool | None = None, line: int = 1,
            column: int = 1) -> Result:
        """Evaluate one statement; errors are returned in `Result.error`, never raised.
        Statements separated by `;` run in order, as the CLI runs them: the first that
        fails, else the last, is the result."""
        if ";" in statement:
            from .syntax.document import split_statements

            parts = split_statements(statement)
            if len(parts) > 1:
                for part in parts:
                    result = self.run(part.text, steps=steps, line=line + part.line - 1,
                                      column=part.column if part.line > 1 else
                                      column + part.column - 1)
                    if not result.ok:
                        break
                return result
        from .evaluators import load_chapters

        load_chapters()  # importing is not the statement's work (nor safe to interrupt)
        result = Result(statement, timeout=self.timeout)
        try:
            with time_limit(self.timeout):
                self._run(statement, result, self.want_steps if steps is None else steps)
        except SymmlError as error:
            result.error = error.locate(statement, line - 1, column - 1)
        except RecursionError:
            result.error = LimitExceeded("the expression is nested too deeply to evaluate"
                                         ).locate(statement, line - 1, column - 1)
        except MemoryError:
            result.error = LimitExceeded("the computation needs more memory than allowed"
                                         ).locate(statement, line - 1, column - 1)
        except Exception as error:  # a SymPy failure deep inside: report it, never crash
            result.error = SymmlError(f"could not compute this: {type(error).__name__}: "
                                      f"{error}").locate(statement, line - 1, column - 1)
        if result.error is not None:
            result.value = None
        return result

    def _run(self, statement: str, result: Result, want_steps: bool) -> None:
        from .evaluators import load_chapters
        from .evaluators.registry import Context
        from .evaluators.statements import run_statement
        from .syntax.parser import parse

        load_chapters()
        node = parse(statement)
        ctx = Context(self, want_steps)
        result.notes = ctx.notes  # kept when a later step fails: they may explain the error
        outcome = run_statement(node, ctx)
        check_digits(outcome.value, getattr(node, "span", None), self.limits)
        result.kind = outcome.kind
        result.value = outcome.value
        result.steps = ctx.steps
        if outcome.latex is not None:
            result.latex = outcome.latex

    def run_document(self, text: str) -> list[Result]:
        from .syntax.document import split_statements

        return [self.run(s.text, line=s.line, column=s.column) for s in split_statements(text)]


def _entry_symbols(value) -> set:
    return set(getattr(value, "free_symbols", set())) if value is not None else set()
