"""All of symml's benchmarks in one run: prints a table and writes benchmarks/RESULTS.md.

    python benchmarks/run.py            # about 5 minutes on 2 cores
    python benchmarks/run.py --quick    # fewer repetitions, for a smoke test

Each comparison is measured side by side in this run, the two contenders interleaved, as
a ratio of medians. Targets (issue 7): parse ≥ 10× faster than SymPy's Lark LaTeX parser;
parse time per token flat within 2× from 10 to 10,000 terms; `symml eval '1+1'` within 1.3×
of `python -c 'import sympy'`; evaluation within 1.25× of the raw SymPy call (value) and 3×
(with steps).
"""
from __future__ import annotations

import argparse
import datetime
import os
import platform
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

import symml  # noqa: E402


def corpus() -> list[str]:
    lines = (HERE / "corpus.txt").read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("%")]


def interleaved(first, second, repeats: int, batch: int = 1) -> tuple[float, float]:
    """Medians of `repeats` alternating runs of two callables (each run `batch` calls), in
    seconds per call."""
    a, b = [], []
    for _ in range(repeats):
        for callable_, sink in ((first, a), (second, b)):
            start = time.perf_counter()
            for _ in range(batch):
                callable_()
            sink.append((time.perf_counter() - start) / batch)
    return statistics.median(a), statistics.median(b)


def batch_for(callable_, seconds: float = 0.02) -> int:
    """How many calls make one timed run last about `seconds` (fast calls are batched so
    the timer's resolution and the machine's noise matter less)."""
    start = time.perf_counter()
    callable_()
    once = time.perf_counter() - start
    return max(1, min(1000, int(seconds / max(once, 1e-7))))


# --- 1. parse throughput ----------------------------------------------------------------
def sympy_accepts(formula: str) -> bool:
    from sympy.parsing.latex import parse_latex_lark

    try:
        parse_latex_lark(formula)
        return True
    except Exception:  # noqa: BLE001 - SymPy's parser raises many kinds of errors
        return False


def parse_rows(formulas: list[str], repeats: int) -> list[tuple]:
    from sympy.parsing.latex import parse_latex_lark

    from symml.syntax.parser import parse as cached_parse

    both = []
    for formula in formulas:
        if len(both) == 120:  # SymPy's parser takes ~60 ms a formula
            break
        if len(formula) > 300:  # its Earley parser runs out of memory on the long ones
            continue
        try:
            symml.parse(formula)
        except symml.SymmlError:
            continue
        if sympy_accepts(formula):
            both.append(formula)

    def ours():
        cached_parse.cache_clear()
        for formula in both:
            symml.parse(formula)

    def theirs():
        for formula in both:
            parse_latex_lark(formula)

    def ours_to_sympy():
        cached_parse.cache_clear()
        for formula in both:
            symml.Workspace(steps=False, timeout=None).run(formula)

    ours_t, theirs_t = interleaved(ours, theirs, repeats)
    convert_t, _ = interleaved(ours_to_sympy, lambda: None, repeats)
    n = len(both)
    return [
        ("parse: symml.parse vs parse_latex_lark", f"{n} formulas both accept",
         f"{n / ours_t:,.0f} vs {n / theirs_t:,.0f} formulas/s", theirs_t / ours_t, 10, "≥"),
        ("parse + convert to SymPy (symml evaluates)", f"{n} formulas",
         f"{convert_t / n * 1e3:.2f} vs {theirs_t / n * 1e3:.2f} ms each", theirs_t / convert_t,
         None, ""),
    ]


# --- 2. linear growth -----------------------------------------------------------------------
# a token as the lexer reads it: `\begin{bmatrix}` is one, a command, a letter, a number
TOKEN = re.compile(r"\\(?:begin|end)\{[a-z*]+\}|\\[a-zA-Z]+|\\.|[A-Za-z]|\d+|\S")
GROWTH = {  # workload → formula of n terms
    "x_{1} + … + x_{n}": lambda n: " + ".join(f"x_{{{i}}}" for i in range(1, n + 1)),
    r"x_{1} \cdot … \cdot x_{n}": lambda n: r" \cdot ".join(f"x_{{{i}}}"
                                                             for i in range(1, n + 1)),
    "a 1×n bmatrix": lambda n: (r"\begin{bmatrix} " + " & ".join(str(i) for i in range(n))
                                + r" \end{bmatrix}"),
}


def growth_rows(repeats: int) -> list[tuple]:
    from symml.syntax.parser import parse as cached_parse

    rows = []
    for workload, formula in GROWTH.items():
        per_token = {}
        for terms in (10, 100, 1000, 10_000):
            text = formula(terms)

            def once(text=text):
                cached_parse.cache_clear()
                symml.parse(text)
            median, _ = interleaved(once, lambda: None, max(3, repeats // 2), batch_for(once))
            per_token[terms] = median / len(TOKEN.findall(text))
        spread = max(per_token.values()) / min(per_token.values())
        detail = ", ".join(f"{n:,}: {t * 1e6:.1f} µs" for n, t in per_token.items())
        rows.append(("parse time per token, 10 → 10,000 terms (max/min)", workload, detail,
                     spread, 2, "≤"))
    return rows


# --- 3. start-up --------------------------------------------------------------------------
def startup_rows(repeats: int) -> list[tuple]:
    """Fresh processes, as installed: both read compiled .pyc files (kept under a temporary
    prefix, since this checkout may run with PYTHONDONTWRITEBYTECODE). Judged on CPU time
    (user + system), which other processes on a busy machine disturb less than wall time."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(Path(tempfile.gettempdir()) / "symml-bench-pycache")
    symml_cmd = [sys.executable, "-m", "symml", "eval", "1+1"]
    sympy_cmd = [sys.executable, "-c", "import sympy"]

    def measured(command) -> tuple[float, float]:
        before, start = resource.getrusage(resource.RUSAGE_CHILDREN), time.perf_counter()
        subprocess.run(command, capture_output=True, check=True, env=env, cwd=HERE.parent)
        wall, after = time.perf_counter() - start, resource.getrusage(resource.RUSAGE_CHILDREN)
        return (after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime), wall

    for command in (symml_cmd, sympy_cmd):  # write the .pyc files and the grammar cache
        measured(command)
    ours, theirs = [], []
    for _ in range(repeats * 2):
        ours.append(measured(symml_cmd))
        theirs.append(measured(sympy_cmd))
    cpu = [statistics.median(t[0] for t in times) for times in (ours, theirs)]
    wall = [statistics.median(t[1] for t in times) for times in (ours, theirs)]
    return [("start-up: symml eval '1+1' vs python -c 'import sympy'", "fresh processes",
             f"CPU {cpu[0] * 1e3:.0f} vs {cpu[1] * 1e3:.0f} ms; wall {wall[0] * 1e3:.0f} vs "
             f"{wall[1] * 1e3:.0f} ms ({wall[0] / wall[1]:.2f}×)", cpu[0] / cpu[1], 1.3, "≤")]


# --- 4. evaluation overhead ------------------------------------------------------------------
def _function(n: int):
    import sympy

    names = [f"x_{{{i}}}" for i in range(1, n + 1)]
    body = " + ".join(f"x_{{{i}}}^{{2}} x_{{{i % n + 1}}}" for i in range(1, n + 1))
    symbols = [sympy.Symbol(f"x_{i}") for i in range(1, n + 1)]
    expr = sum(symbols[i - 1] ** 2 * symbols[i % n] for i in range(1, n + 1))
    return f"f({', '.join(names)}) = {body}", symbols, expr


def _matrix_literal(rows) -> str:
    return r"\begin{bmatrix}" + r" \\ ".join(" & ".join(str(x) for x in row)
                                              for row in rows) + r"\end{bmatrix}"


def workloads():
    """(name, size, setup statements, statement, raw SymPy callable)."""
    import sympy
    from sympy.stats import E, Normal

    for n in (2, 5, 10, 20, 40):
        definition, symbols, expr = _function(n)
        yield ("gradient", n, [definition], r"\nabla f",
               lambda s=symbols, e=expr: sympy.Matrix([sympy.diff(e, v) for v in s]))
        yield ("Hessian", n, [definition], r"\nabla^2 f",
               lambda s=symbols, e=expr: sympy.hessian(e, s))
        vector = (r"\mathbf{g}(" + ", ".join(f"x_{{{i}}}" for i in range(1, n + 1)) + ") = "
                  + _matrix_literal([[f"x_{{{i}}}^{{2}} x_{{{i % n + 1}}}"]
                                     for i in range(1, n + 1)]))
        outputs = sympy.Matrix([symbols[i - 1] ** 2 * symbols[i % n] for i in range(1, n + 1)])
        yield ("Jacobian", n, [vector], r"J_{\mathbf{g}}",
               lambda o=outputs, s=symbols: o.jacobian(s))
    for n in (2, 3, 4, 6):
        rows = [[(i + 1) if i == j else 1 for j in range(n)] for i in range(n)]
        yield ("eigenvalues", n, [f"A = {_matrix_literal(rows)}"], r"\operatorname{eigvals}(A)",
               lambda r=rows: sympy.Matrix(r).eigenvals())
    for n in (2, 4, 8, 12):
        rows = [[i * n + j for j in range(n)] for i in range(n)]
        yield ("matrix product A A", n, [f"A = {_matrix_literal(rows)}"], "A A",
               lambda r=rows: sympy.Matrix(r) * sympy.Matrix(r))
        unimodular = [[1 + (i == j) + (i * j) % 3 for j in range(n)] for i in range(n)]
        yield ("determinant", n, [f"B = {_matrix_literal(unimodular)}"], r"\det(B)",
               lambda r=unimodular: sympy.Matrix(r).det())
        yield ("einsum matmul", n, [f"A = {_matrix_literal(rows)}"],
               r"\operatorname{einsum}('ij,jk->ik', A, A)",
               lambda r=rows: sympy.Matrix(r) * sympy.Matrix(r))
    for k in (2, 4, 8):
        yield ("expectation E[X^k]", k, [r"X \sim \mathcal{N}(1, 4)"], rf"\mathbb{{E}}[X^{{{k}}}]",
               lambda k=k: E(Normal("X", 1, 2) ** k))


SYMBOLIC = [r"\mathbf{A} \in \mathbb{R}^{n \times n}", r"\mathbf{x} \in \mathbb{R}^n",
            r"\mathbf{X} \in \mathbb{R}^{m \times n}", r"\mathbf{w} \in \mathbb{R}^n",
            r"\mathbf{y} \in \mathbb{R}^m", r"\mathbf{a} \in \mathbb{R}^m",
            r"\mathbf{b} \in \mathbb{R}^n", r"\mathbf{S} \in \mathbb{R}^{n \times n}"]


def matrix_calculus_workloads():
    """Closed forms at symbolic sizes against SymPy's `diff` of the same matrix expression."""
    import sympy

    m, n = sympy.symbols("m n")
    A, S = sympy.MatrixSymbol("A", n, n), sympy.MatrixSymbol("S", n, n)
    x, w = sympy.MatrixSymbol("x", n, 1), sympy.MatrixSymbol("w", n, 1)
    X, y = sympy.MatrixSymbol("X", m, n), sympy.MatrixSymbol("y", m, 1)
    a, b = sympy.MatrixSymbol("a", m, 1), sympy.MatrixSymbol("b", n, 1)
    r = X * w - y
    yield ("matrix calculus ∇ xᵀAx", "symbolic n", SYMBOLIC,
           r"\nabla_{\mathbf{x}} \mathbf{x}^\top \mathbf{A} \mathbf{x}",
           lambda: sympy.diff(x.T * A * x, x))
    yield ("matrix calculus ∇ (Xw − y)ᵀ(Xw − y)", "symbolic m, n", SYMBOLIC,
           r"\nabla_{\mathbf{w}} (\mathbf{X}\mathbf{w} - \mathbf{y})^\top"
           r"(\mathbf{X}\mathbf{w} - \mathbf{y})", lambda: sympy.diff(r.T * r, w))
    yield ("matrix calculus ∂ tr(AS)/∂S", "symbolic n", SYMBOLIC,
           r"\frac{\partial}{\partial \mathbf{S}} \operatorname{tr}(\mathbf{A}\mathbf{S})",
           lambda: sympy.diff(sympy.Trace(A * S), S))
    yield ("matrix calculus ∂ aᵀXb/∂X", "symbolic m, n", SYMBOLIC,
           r"\frac{\partial\, \mathbf{a}^\top \mathbf{X}\mathbf{b}}{\partial \mathbf{X}}",
           lambda: sympy.diff(a.T * X * b, X))


def _run(workspace, statement):
    """Run (with or without steps, as the workspace was made)."""
    return lambda: workspace.run(statement)


def _printed(workspace, statement):
    """Run, then write the LaTeX of the result and of every step (printing is lazy)."""
    def call():
        result = workspace.run(statement)
        return result.latex, [step.latex for step in result.steps]
    return call


def _on_a_terminal(workspace, statement):
    """Run, then draw the result and its steps as `symml eval --steps` does on a terminal."""
    from symml.render.terminal import result_text

    return lambda: result_text(workspace.run(statement), steps=True)


MODES = {"value": _run, "with steps": _run, "steps printed": _printed,
         "steps on a terminal": _on_a_terminal}


def evaluation_rows(repeats: int, chosen=None) -> list[tuple]:
    """Per workload: the value (Workspace(steps=False)), the steps built, and (no target)
    the steps built and printed, each against the raw SymPy call."""
    rows = []
    if chosen is None:
        import itertools

        chosen = itertools.chain(workloads(), matrix_calculus_workloads())
    for name, size, setup, statement, raw in chosen:
        try:
            times, base = {}, None
            for mode in MODES:
                workspace = symml.Workspace(steps=mode != "value", timeout=None)
                for line in setup:
                    workspace.run(line)
                result = workspace.run(statement)
                if result.error is not None:
                    raise result.error
                ours = MODES[mode](workspace, statement)
                times[mode], theirs = interleaved(ours, raw, repeats, batch_for(raw))
                base = theirs if base is None else min(base, theirs)
        except Exception as error:  # noqa: BLE001 - a workload that fails is reported
            reason = f"{type(error).__name__}: {error}".splitlines()[0][:80].replace("|", "/")
            rows.append((name, _workload(size), f"n/a ({reason})", None, None, ""))
            continue
        for mode, target in (("value", 1.25), ("with steps", 3), ("steps printed", None),
                             ("steps on a terminal", None)):
            detail = f"{times[mode] * 1e3:.3f} vs {base * 1e3:.3f} ms"
            rows.append((f"{name}: {mode}", _workload(size), detail, times[mode] / base,
                         target, "≤"))
    return rows


def _workload(size) -> str:
    return f"n = {size}" if isinstance(size, int) else size


# --- report ----------------------------------------------------------------------------------
def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    import lark
    import sympy

    return (f"{cpu}, {os.cpu_count()} cores; Python {platform.python_version()}, "
            f"SymPy {sympy.__version__}, Lark {lark.__version__}; "
            f"{datetime.datetime.now().strftime('%Y-%m-%d %H:%M')}")


def verdict(ratio, target, sense) -> str:
    if ratio is None or target is None:
        return ""
    held = ratio >= target if sense == "≥" else ratio <= target
    return f"{sense} {target}: {'held' if held else 'MISSED'}"


def table(rows) -> str:
    out = ["| measure | workload | detail | ratio | target |", "|---|---|---|---|---|"]
    for name, workload, detail, ratio, target, sense in rows:
        shown = "" if ratio is None else f"{ratio:.2f}×"
        out.append(f"| {name} | {workload} | {detail} | {shown} | "
                   f"{verdict(ratio, target, sense)} |")
    return "\n".join(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repetitions")
    args = parser.parse_args()
    repeats = 3 if args.quick else 7
    formulas = corpus()
    rows = (parse_rows(formulas, max(3, repeats // 2)) + growth_rows(repeats)
            + startup_rows(repeats) + evaluation_rows(repeats))
    report = (f"# Benchmark results\n\nMachine: {machine()}.\n\n"
              f"Corpus: {len(formulas)} formulas (`benchmarks/corpus.txt`). Ratios are medians "
              f"of {repeats} interleaved repetitions (fast calls batched). Parse: how many "
              "times faster symml is; start-up and evaluation: how many times slower. "
              "Evaluation times are per call against the raw SymPy call on the same "
              "expression (the fastest of its interleaved medians); \"with steps\" builds "
              "the steps, whose LaTeX is written when first read, as `symml eval --steps` "
              "and the exports read it; \"steps printed\" also writes that LaTeX and the "
              "result's, \"steps on a terminal\" draws them in Unicode as `symml eval "
              "--steps` does on a terminal (no targets).\n\n"
              f"{table(rows)}\n\nRegenerate with `python benchmarks/run.py`.\n")
    results = HERE / "RESULTS.md"
    kept = re.search(r"<!-- check_bench -->.*?<!-- /check_bench -->",
                     results.read_text(encoding="utf-8") if results.exists() else "", re.S)
    results.write_text(report + ("\n" + kept.group(0) + "\n" if kept else ""),
                       encoding="utf-8")  # check_bench.py's section is kept
    print(report)


if __name__ == "__main__":
    main()
