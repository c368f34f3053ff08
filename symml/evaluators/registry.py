"""Dispatch tables: AST node class → handler, function name → handler, and the Context.

Adding a notation = a grammar rule, a node class, a handler registered here, a test.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Optional

from ..errors import SymmlError
from ..steps import Step
from ..syntax import ast

Handler = Callable[[Any, "Context"], Any]

NODE_HANDLERS: dict[type, Handler] = {}
CALL_HANDLERS: dict[str, list[Handler]] = {}
SUBSCRIPT_HANDLERS: dict[str, list[Handler]] = {}
STATEMENT_RULES: dict[type, list[tuple[int, Callable]]] = {}


def handles(*node_types: type):
    """Register the evaluator of one or more AST node classes."""
    def register(handler: Handler) -> Handler:
        for node_type in node_types:
            NODE_HANDLERS[node_type] = handler
        return handler
    return register


def calls(*names: str, first: bool = False):
    """Register an evaluator of `name(...)` calls; it receives the whole Call node.

    Several chapters may claim one name (`H(X)` entropy, `H_f(1, 2)` Hessian): each handler
    returns NotImplemented for calls that are not its own, and the next one is tried.
    `first=True` tries a narrower meaning before those already registered
    (`\\log \\mathcal{L}(...)` before `\\log`).
    """
    def register(handler: Handler) -> Handler:
        for name in names:
            handlers = CALL_HANDLERS.setdefault(name, [])
            handlers.insert(0, handler) if first else handlers.append(handler)
        return handler
    return register


def subscripts(*names: str):
    """Register a meaning of `name_{...}` for an undefined base name (σ_X, J_f, H_f).

    As with `calls`, a handler returns NotImplemented to let the next one try.
    """
    def register(handler: Handler) -> Handler:
        for name in names:
            SUBSCRIPT_HANDLERS.setdefault(name, []).append(handler)
        return handler
    return register


def first_claim(handlers: list[Handler], node, ctx: "Context"):
    """The result of the first handler that does not return NotImplemented."""
    for handler in handlers:
        result = handler(node, ctx)
        if result is not NotImplemented:
            return result
    return NotImplemented


def statement_rule(priority: int = 50, node_type: type = ast.Relation):
    """Register a rule that may claim a whole statement of class `node_type` (a relation
    unless told): rule(node, ctx) → StatementResult | None.

    Rules run by ascending priority; the first that returns a result wins.
    """
    def register(rule: Callable) -> Callable:
        rules = STATEMENT_RULES.setdefault(node_type, [])
        rules.append((priority, rule))
        rules.sort(key=lambda item: item[0])
        return rule
    return register


@dataclass
class StatementResult:
    kind: str
    value: Any = None
    latex: Optional[str] = None


@dataclass
class Context:
    """What evaluation of one statement may read and write."""

    workspace: Any
    want_steps: bool = True
    steps: list[Step] = field(default_factory=list)
    bound: dict[str, Any] = field(default_factory=dict)  # names bound by ∑, ∫, f(x) = ...
    notes: list[str] = field(default_factory=list)  # "Never a silent guess" (Result.notes)

    def value_of(self, node: ast.Node):
        handler = NODE_HANDLERS.get(type(node))
        if handler is None:
            raise SymmlError(f"{_describe_node(node)} cannot be evaluated here", node.span)
        return handler(node, self)

    def step(self, title: str, *parts) -> None:
        """Record a step `part = part = ...` (skipped when steps were not asked for)."""
        if self.want_steps:
            self.steps.append(Step.chain(title, *parts))

    def note(self, sentence: str) -> None:
        """Tell the user which reading was taken, or what was replaced or assumed.

        A sentence in the style of a step title (words, LaTeX pieces such as `\\theta`);
        recorded even when steps are not wanted, once per statement."""
        if sentence not in self.notes:
            self.notes.append(sentence)

    def add_step(self, step: Step) -> None:
        if self.want_steps:
            self.steps.append(step)

    def with_bound(self, names: dict[str, Any]) -> "Context":
        """A context in which `names` are bound variables (shadowing definitions)."""
        return Context(self.workspace, self.want_steps, self.steps, {**self.bound, **names},
                       self.notes)

    def quiet(self) -> "Context":
        """A context that records no steps (a side computation) but keeps the notes."""
        return Context(self.workspace, False, [], self.bound, self.notes)


def inline(latex: str) -> str:
    """LaTeX placed in a note or step title: braced when it has spaces, so the exports keep
    it one piece of math (`{x^{2} + 1}`)."""
    return "{" + latex + "}" if any(c.isspace() for c in latex) else latex


def _describe_node(node: ast.Node) -> str:
    words = {"Dots": "`\\ldots`", "Given": "a conditional `A | B`", "Parallel": "`P \\| Q`",
             "String": "a string", "Relation": "a relation", "SetLit": "a set"}
    return words.get(type(node).__name__, f"`{type(node).__name__}`")


def evaluate(node: ast.Node, ctx: Context):
    return ctx.value_of(node)
