"""Calculus benchmark: symml's gradient, Jacobian and Hessian against raw SymPy.

For n = 2, 5, 10, 20, 40 variables, times `\\nabla f`, `J_{\\mathbf{F}}` and `H_f` in a
`Workspace(steps=False)` and a `Workspace()` (with steps) against the SymPy calls on the
same expressions (`diff` per variable, `Matrix.jacobian`, `hessian`). SymPy's cache is
cleared before every timed call on both sides (cold, as a first evaluation is); `--warm`
keeps it, which leaves SymPy little to do and measures symml's own overhead. Prints
medians and the ratios, and marks the targets (value ≤ 1.25x, steps ≤ 3x) held or missed. "value" and "steps" are whole
`Workspace.run` calls (parse, evaluate, render `Result.latex`); "core" is parse + evaluate.

    python benchmarks/calculus_bench.py [--repeat 7] [--warm]
"""
from __future__ import annotations

import argparse
import statistics
import time

import sympy
from sympy.core.cache import clear_cache

import symml

SIZES = (2, 5, 10, 20, 40)
VALUE_TARGET, STEPS_TARGET = 1.25, 3.0


def scalar_latex(n: int) -> str:
    """f(x_1..x_n) = Σ x_i^2 sin(x_{i+1}) + e^{x_1 x_n}: every partial is non-trivial."""
    terms = [rf"x_{{{i}}}^{{2}} \sin(x_{{{i % n + 1}}})" for i in range(1, n + 1)]
    return " + ".join(terms) + rf" + e^{{x_{{1}} x_{{{n}}}}}"


def vector_latex(n: int) -> str:
    """F_i = x_i^2 x_{i+1} + \\cos(x_i): an n×n Jacobian with two entries per row."""
    rows = [rf"x_{{{i}}}^{{2}} x_{{{i % n + 1}}} + \cos(x_{{{i}}})" for i in range(1, n + 1)]
    return r"\begin{bmatrix} " + r" \\ ".join(rows) + r" \end{bmatrix}"


def params(n: int) -> str:
    return ", ".join(f"x_{{{i}}}" for i in range(1, n + 1))


def workspace(n: int, steps: bool) -> symml.Workspace:
    ws = symml.Workspace(steps=steps, timeout=None)
    for statement in (f"f({params(n)}) = {scalar_latex(n)}",
                      rf"\mathbf{{F}}({params(n)}) = {vector_latex(n)}"):
        assert ws.run(statement).error is None, statement
    return ws


def median_time(call, repeat: int, warm: bool) -> float:
    times = []
    for _ in range(repeat):
        if not warm:
            clear_cache()
        start = time.perf_counter()
        call()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def raw_calls(ws: symml.Workspace) -> dict:
    f, vector = ws.values["f"], ws.values["F"]
    variables = list(f.params)
    return {
        "gradient": lambda: sympy.ImmutableMatrix([sympy.diff(f.body, v) for v in variables]),
        "Jacobian": lambda: vector.body.jacobian(variables),
        "Hessian": lambda: sympy.hessian(f.body, variables),
    }


STATEMENTS = {"gradient": r"\nabla f", "Jacobian": r"J_{\mathbf{F}}", "Hessian": "H_f"}


def symml_call(ws: symml.Workspace, statement: str):
    def call():
        result = ws.run(statement)
        assert result.error is None, result.error
    return call


def core_call(ws: symml.Workspace, statement: str):
    """Parse and evaluate only, without rendering `Result.latex` (where the time goes)."""
    from symml.evaluators.registry import Context
    from symml.evaluators.statements import run_statement
    from symml.syntax.parser import parse

    return lambda: run_statement(parse(statement), Context(ws, False))


def mark(ratio: float, target: float) -> str:
    return "held" if ratio <= target else "MISSED"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--warm", action="store_true", help="keep SymPy's cache")
    options = parser.parse_args()
    repeat, warm = options.repeat, options.warm
    header = (f"{'operation':<9} {'n':>3} {'sympy ms':>9} {'value ms':>9} {'ratio':>6} "
              f"{'':6} {'steps ms':>9} {'ratio':>6} {'':6} {'core ms':>8} {'ratio':>6}")
    print(header)
    print("-" * len(header))
    for n in SIZES:
        fast, slow = workspace(n, steps=False), workspace(n, steps=True)
        raw = raw_calls(fast)
        for operation, statement in STATEMENTS.items():
            base = median_time(raw[operation], repeat, warm)
            value = median_time(symml_call(fast, statement), repeat, warm)
            steps = median_time(symml_call(slow, statement), repeat, warm)
            bare = median_time(core_call(fast, statement), repeat, warm)
            print(f"{operation:<9} {n:>3} {base * 1e3:>9.2f} {value * 1e3:>9.2f} "
                  f"{value / base:>5.2f}x {mark(value / base, VALUE_TARGET):<6} "
                  f"{steps * 1e3:>9.2f} {steps / base:>5.2f}x "
                  f"{mark(steps / base, STEPS_TARGET):<6} {bare * 1e3:>8.2f} "
                  f"{bare / base:>5.2f}x")


if __name__ == "__main__":
    main()
