"""Events and their probabilities: facts such as `P(B \\mid A) = 0.9`, and queries answered
by the complement rule, the product (chain) rule, the law of total probability, the
addition rule and Bayes' theorem, each named in the steps."""
from __future__ import annotations

from ..errors import DomainError, SymmlError
from ..render.latex import latex
from ..steps import AsWritten
from ..steps.notation_probability import (Factors, Independent, Quotient, Therefore, difference,
                                          equation, letters, probability as P)
from ..syntax import ast
from .names import name_of_node
from .registry import Context, StatementResult, statement_rule


class Missing(Exception):
    """The facts do not determine a probability; `key` is the first one that is missing."""

    def __init__(self, key):
        super().__init__(key)
        self.key = key


# --- events as SymPy Booleans over atoms A, B, ... -----------------------------------------
def event_of(node: ast.Node, ctx: Context):
    """The Boolean of an event written with ¬, ^c, \\bar, ∩, ∪ and commas; None if the node
    is not an event (a relation on random variables, a number, ...)."""
    from sympy import And, Not, Or, Symbol

    name = name_of_node(node, ctx)  # A, H_1, E_{2}
    if name is not None and _is_event_name(name, ctx):
        return Symbol(name)
    if isinstance(node, (ast.Not, ast.Complement)):
        inner = event_of(node.operand, ctx)
        return None if inner is None else Not(inner)
    if isinstance(node, ast.Accent) and node.accent == "bar":
        inner = event_of(node.operand, ctx)
        return None if inner is None else Not(inner)
    combine = {ast.Intersect: And, ast.Union: Or}.get(type(node))
    if combine is not None:
        left, right = event_of(node.left, ctx), event_of(node.right, ctx)
        return None if left is None or right is None else combine(left, right)
    return None


def _is_event_name(name: str, ctx: Context) -> bool:
    return ctx.workspace.lookup(name) is None and (name[:1].isupper() or name in ("E",))


def events_of(args, ctx: Context):
    """P(A, B) is P(A ∩ B); None if any argument is not an event."""
    from sympy import And

    events = [event_of(arg, ctx) for arg in args]
    if not events or any(e is None for e in events):
        return None
    return And(*events)


def canonical(event):
    from sympy.logic.boolalg import simplify_logic

    return simplify_logic(event, form="dnf", force=True)


def event_latex(event) -> str:
    from sympy import And, Not, Or

    if isinstance(event, Not):
        return r"\neg " + event_latex(event.args[0])
    joiner = {And: r" \cap ", Or: r" \cup "}.get(type(event))
    if joiner:
        return joiner.join(_grouped(arg) for arg in _ordered(event.args))
    return latex(event)


def _ordered(args):
    return sorted(args, key=str)


def _grouped(event) -> str:
    from sympy import And, Or

    text = event_latex(event)
    return rf"\left({text}\right)" if isinstance(event, (And, Or)) else text


def prob_latex(event, given=None) -> str:
    from sympy import true

    if given is None or given == true:
        return f"P({event_latex(event)})"
    return rf"P({event_latex(event)} \mid {event_latex(given)})"


# --- the solver -------------------------------------------------------------------------------
class EventSolver:
    """Derives P(E | G) from the facts. Each derived probability keeps the step of the rule
    that gave it and the probabilities it used, so `explain` shows only the derivation that
    succeeded (attempts that ran into a missing probability leave no steps)."""

    def __init__(self, ctx: Context, *, use_independence: bool = True):
        self.ctx = ctx
        self.facts = ctx.workspace.facts.probabilities
        self.independent = ctx.workspace.facts.independent
        self.use_independence = use_independence
        self.known: dict = {}
        self.visiting: list = []
        self.missing: list = []
        self.steps: dict = {}  # key → the Step of the rule that derived it
        self.uses: dict = {}  # key → the keys its rule used

    def step(self, title, *parts) -> None:
        from ..steps import Step

        if self.ctx.want_steps:
            self.steps[self.visiting[-1]] = Step.chain(title, *parts)

    def explain(self, event, given=None) -> None:
        """Add the steps of the derivation of P(event | given) to the context, in order."""
        from sympy import true

        done: set = set()

        def visit(key):
            if key in done:
                return
            done.add(key)
            for used in self.uses.get(key, ()):
                visit(used)
            step = self.steps.get(key)
            if step is not None and step not in self.ctx.steps:
                self.ctx.add_step(step)

        visit((canonical(event), canonical(given) if given is not None else true))

    def probability(self, event, given=None):
        from sympy import true

        key = (canonical(event), canonical(given) if given is not None else true)
        if self.visiting:
            self.uses.setdefault(self.visiting[-1], []).append(key)
        if key in self.known:
            return self.known[key]
        if key in self.visiting:
            raise Missing(key)
        self.visiting.append(key)
        try:
            value = self._derive(*key)
        finally:
            self.visiting.pop()
        self.known[key] = value
        return value

    def _derive(self, event, given):
        from sympy import true

        if (event, given) in self.facts:
            return self.facts[(event, given)]
        if event == true or event == given:
            return 1
        strategies = (self._complement, self._conditional) if given != true else (
            self._complement, self._independence, self._product, self._addition,
            self._total_probability)
        for strategy in strategies:
            self.uses[(event, given)] = []
            try:
                value = strategy(event, given)
            except Missing as missing:
                self.missing.append(missing.key)
                continue
            if value is not None:
                return value
        self.missing.append((event, given))
        raise Missing((event, given))

    # each strategy returns a value, None (does not apply) or raises Missing
    def _complement(self, event, given):
        from sympy import Not

        opposite = canonical(Not(event))
        if (opposite, given) not in self.facts and not isinstance(event, Not):
            return None
        value = 1 - self.probability(opposite, given)
        self.step("Complement rule", P(event, given),
                  AsWritten(difference(1, P(opposite, given))), value)
        return value

    def _conditional(self, event, given):
        """P(E ∩ G) / P(G) when P(E ∩ G) is a fact, else Bayes' theorem when P(G | E) can be
        derived, else P(E ∩ G) / P(G) derived."""
        from sympy import And, true

        evidence = self.probability(given)
        if evidence == 0:
            raise DomainError(f"cannot condition on {event_latex(given)}: its probability is 0")
        bayes = None
        if (canonical(And(event, given)), true) not in self.facts:
            bayes = self._bayes(event, given, evidence)
        if bayes is not None:
            return bayes
        joint = self.probability(And(event, given), true)
        value = joint / evidence
        self.step("Conditional probability", P(event, given),
                  Quotient(P(And(event, given)), P(given)), Quotient(joint, evidence), value)
        return value

    def _bayes(self, event, given, evidence):
        """Bayes' theorem: posterior = likelihood × prior / evidence, or None."""
        uses = list(self.uses[(event, given)])
        try:
            likelihood = self.probability(given, event)
            prior = self.probability(event)
        except Missing:
            self.uses[(event, given)] = uses
            return None
        value = likelihood * prior / evidence
        self.step("Bayes' theorem: posterior = likelihood × prior / evidence",
                  P(event, given), Quotient(Factors(P(given, event), P(event)), P(given)),
                  Quotient(Factors(likelihood, prior), evidence), value)
        return value

    def _independence(self, event, given):
        from sympy import And, Mul

        if not (self.use_independence and isinstance(event, And)):
            return None
        atoms = list(event.args)
        names = [frozenset(a.free_symbols) for a in atoms]
        pairs = {frozenset(map(str, a | b)) for i, a in enumerate(names) for b in names[i + 1:]}
        if not all(pair in self.independent for pair in pairs):
            return None
        parts = [self.probability(atom) for atom in atoms]
        value = Mul(*parts)
        self.step("Independence: the joint probability is the product",
                  P(event), Factors(*[P(a) for a in atoms]), value)
        return value

    def _product(self, event, given):
        """P(E₁ ∩ … ∩ Eₖ) = P(Eₖ | rest) P(rest), the chain rule: first with a conditional
        that is a fact, then with one that can be derived."""
        from sympy import And

        if not isinstance(event, And):
            return None
        atoms = _ordered(event.args)
        splits = [(last, canonical(And(*[a for a in atoms if a != last])))
                  for last in reversed(atoms)]
        splits.sort(key=lambda split: (canonical(split[0]), split[1]) not in self.facts)
        for last, rest in splits:
            uses = list(self.uses[(event, given)])
            try:
                conditional = self.probability(last, rest)
                marginal = self.probability(rest)
            except Missing:
                self.uses[(event, given)] = uses
                continue
            value = conditional * marginal
            title = "Chain rule of probability" if len(atoms) > 2 else "Product rule"
            self.step(title, P(event), Factors(P(last, rest), P(rest)),
                      Factors(conditional, marginal), value)
            return value
        raise Missing((event, given))

    def _addition(self, event, given):
        from sympy import Add, And, Mul, Or

        if not isinstance(event, Or) or len(event.args) != 2:
            return None
        a, b = event.args
        pa, pb, pab = self.probability(a), self.probability(b), self.probability(And(a, b))
        value = pa + pb - pab
        self.step("Addition rule", P(event),
                  AsWritten(Add(P(a), P(b), Mul(-1, P(And(a, b)), evaluate=False),
                                evaluate=False)), value)
        return value

    def _total_probability(self, event, given):
        """P(B) = P(B | A) P(A) + P(B | ¬A) P(¬A) over a condition A the facts use."""
        from sympy import Not

        for _, condition in list(self.facts):
            if len(condition.free_symbols) != 1 or condition.free_symbols & event.free_symbols:
                continue
            (atom,) = condition.free_symbols
            cases = (atom, Not(atom))
            if not all((canonical(event), canonical(c)) in self.facts for c in cases):
                continue
            parts = [(self.probability(event, c), self.probability(c)) for c in cases]
            value = sum(p * q for p, q in parts)
            self.step("Law of total probability (the evidence)", P(event),
                      _sum_of_products([(P(event, c), P(c)) for c in cases]),
                      _sum_of_products(parts), value)
            return value
        return self._partition(event)

    def _partition(self, event):
        """P(D) = Σ P(D | H_i) P(H_i) over hypotheses H_1, H_2, ... (one letter, subscripts)
        whose given probabilities sum to 1 and with P(D | H_i) given: they are taken as a
        partition (disjoint and exhaustive), which the result notes."""
        from sympy import Symbol, true

        groups: dict = {}
        for (atom, condition), value in self.facts.items():
            if condition == true and isinstance(atom, Symbol) and "_" in atom.name:
                groups.setdefault(atom.name.split("_", 1)[0], []).append((atom, value))
        for hypotheses in groups.values():
            hypotheses.sort(key=lambda pair: str(pair[0]))
            atoms = [atom for atom, _ in hypotheses]
            if len(atoms) < 2 or sum(v for _, v in hypotheses) != 1 \
                    or event.free_symbols & set(atoms) \
                    or not all((canonical(event), h) in self.facts for h in atoms):
                continue
            parts = [(self.probability(event, h), self.probability(h)) for h in atoms]
            value = sum(p * q for p, q in parts)
            names = ", ".join(latex(h) for h in atoms)
            self.ctx.note(f"{names} are taken as a partition (disjoint, and their "
                          "probabilities sum to 1)")
            listed = [piece for h in atoms for piece in (",", h)][1:]
            self.step(("Law of total probability over the partition", *listed), P(event),
                      _sum_of_products([(P(event, h), P(h)) for h in atoms]),
                      _sum_of_products(parts), value)
            return value
        return None


def _sum_of_products(pairs):
    """`P(B | A) P(A) + P(B | ¬A) P(¬A)`, in the order given."""
    from sympy import Add

    return AsWritten(Add(*[Factors(*pair) for pair in pairs], evaluate=False))


def solve_event(event, given, ctx: Context, node):
    """P(event | given) from the facts, or a SymmlError naming a missing probability."""
    solver = EventSolver(ctx)
    try:
        value = solver.probability(event, given)
    except Missing:
        raise SymmlError(f"the facts do not determine {prob_latex(event, given)}: "
                         f"give {_missing_text(solver, event)} first", node.span) from None
    except DomainError as error:
        raise DomainError(error.message, error.span or node.span) from None
    solver.explain(event, given)
    return value


def _missing_text(solver: EventSolver, event) -> str:
    """Name an unknown single event if there is one, else the simplest missing query."""
    from sympy import Symbol

    for atom in sorted(event.free_symbols, key=str):
        try:
            solver.probability(Symbol(str(atom)))
        except Missing:
            return f"{prob_latex(atom)} (and how it relates to the other events)"
    simplest = min(solver.missing, key=lambda key: (len(key[0].free_symbols) + len(
        key[1].free_symbols), str(key)))
    return prob_latex(*simplest)


# --- statements: facts and independence ----------------------------------------------------
def _fact_target(node, ctx: Context):
    """(event, given) for `P(A)` / `P(A \\mid B)` written with events, else None."""
    from sympy import true

    if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
            and node.func.name in ("P", "Pr", "mathbb{P}") and node.args):
        return None
    if len(node.args) == 1 and isinstance(node.args[0], ast.Given):
        event = event_of(node.args[0].event, ctx)
        given = event_of(node.args[0].condition, ctx)
        return None if event is None or given is None else (event, given)
    event = events_of(node.args, ctx)
    return None if event is None else (event, true)


@statement_rule(priority=25)
def probability_fact(node, ctx: Context):
    """`P(A) = 0.01`, `P(B \\mid \\neg A) = 0.05`: a fact, unless it can already be derived
    (then the statement is a check, left to the generic rule)."""
    if node.ops != ("=",):
        return None
    target = _fact_target(node.operands[0], ctx)
    if target is None:
        return None
    event, given = (canonical(part) for part in target)
    solver = EventSolver(ctx)
    try:
        known = solver.probability(event, given)
    except Missing:
        return _new_fact(event, given, node, ctx)
    except DomainError as error:
        raise DomainError(error.message, error.span or node.span) from None
    import sympy

    solver.explain(event, given)
    value = ctx.value_of(node.operands[1])
    holds = getattr(value, "is_number", False) and sympy.simplify(known - value) == 0
    relation = sympy.Eq if holds else sympy.Ne
    ctx.step("Compare with what the facts give", P(event, given),
             relation(known, value, evaluate=False))
    return StatementResult("check", sympy.true if holds else sympy.false)


def _new_fact(event, given, node, ctx: Context) -> StatementResult:
    """Record P(event | given) = value; `P(A \\cap B) = P(A)P(B)` with P(A) or P(B) unknown
    records that A and B are independent."""
    from sympy import And, Eq

    rhs = node.operands[1]
    if isinstance(event, And) and len(event.args) == 2 and _marginals_product(rhs, event, ctx):
        a, b = event.args
        ctx.workspace.facts.independent.add(frozenset(map(str, event.free_symbols)))
        ctx.step("Independence: the joint probability is the product of the marginals",
                 Therefore(Eq(P(event), Factors(P(a), P(b)), evaluate=False), Independent(a, b)))
        return StatementResult("declaration", None,
                               latex=rf"{event_latex(a)} \perp {event_latex(b)}")
    value = ctx.value_of(rhs)
    if not getattr(value, "is_number", False):
        raise SymmlError(f"{prob_latex(event, given)} needs a numeric value", node.span)
    if value < 0 or value > 1:
        raise DomainError(f"a probability must lie in [0, 1], got {latex(value)}", rhs.span)
    ctx.workspace.facts.probabilities[(event, given)] = value
    return StatementResult("definition", value)


def _marginals_product(rhs, event, ctx: Context) -> bool:
    """Whether `rhs` is P(A)P(B) (or P(A) \\cdot P(B)) for the two events of `event`."""
    factors = rhs.factors if isinstance(rhs, ast.Juxtapose) else \
        (rhs.left, rhs.right) if isinstance(rhs, ast.Dot) else ()
    targets = [_fact_target(f, ctx) for f in factors]
    if len(targets) != 2 or None in targets:
        return False
    from sympy import true

    return all(g == true for _, g in targets) and \
        {canonical(e) for e, _ in targets} == set(event.args)


@statement_rule(priority=26)
def independence(node, ctx: Context):
    """`A \\perp B`: a check when P(A ∩ B), P(A) and P(B) are known, else a fact."""
    import sympy
    from sympy import And

    if node.ops != ("perp",):
        return None
    a, b = (event_of(operand, ctx) for operand in node.operands)
    if a is None or b is None:
        return _random_variables_independent(node, ctx)
    solver = EventSolver(ctx, use_independence=False)
    try:
        joint = solver.probability(And(a, b))
        pa, pb = solver.probability(a), solver.probability(b)
    except Missing:
        ctx.workspace.facts.independent.add(frozenset(map(str, a.free_symbols | b.free_symbols)))
        return StatementResult("declaration", None,
                               latex=rf"{event_latex(a)} \perp {event_latex(b)}")
    holds = sympy.simplify(joint - pa * pb) == 0
    relation = sympy.Eq if holds else sympy.Ne
    first, second = letters("A B")
    rule = equation(P(And(first, second)), Factors(P(first), P(second)))
    ctx.step(("Independence holds when", rule),
             relation(joint, Factors(pa, pb), evaluate=False))
    return StatementResult("check", sympy.true if holds else sympy.false)


def _random_variables_independent(node, ctx: Context):
    """`X \\perp Y` for random variables: variables declared apart are independent."""
    import sympy

    from ..semantics.random_variables import random_symbols

    values = [ctx.value_of(operand) for operand in node.operands]
    if not all(random_symbols(v) for v in values):
        raise SymmlError("⊥ relates two events or two random variables", node.span)
    joint = joint_of_names(ctx, values)
    if joint is None:
        return StatementResult("check", sympy.true)
    from ..semantics.random_variables import table_independent

    return StatementResult("check", table_independent(joint))


def joint_of_names(ctx: Context, values):
    from .distributions import joint_of

    names = [str(v) for v in values]
    return joint_of(ctx, *names) if len(names) == 2 else None
