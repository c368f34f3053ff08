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
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

import symml  # noqa: E402


def corpus() -> list[str]:
    lines = (HERE / "corpus.txt").read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("%")]


def interleaved(first, second, repeats: int) -> tuple[float, float]:
    """Medians of `repeats` alternating runs of two callables."""
    a, b = [], []
    for _ in range(repeats):
        for callable_, sink in ((first, a), (second, b)):
            start = time.perf_counter()
            callable_()
            sink.append(time.perf_counter() - start)
    return statistics.median(a), statistics.median(b)


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
def growth_rows(repeats: int) -> list[tuple]:
    from symml.syntax.parser import parse as cached_parse

    per_token = {}
    for terms in (10, 100, 1000, 10_000):
        text = " + ".join(f"x_{{{i}}}" for i in range(1, terms + 1))
        tokens = terms * 6

        def once():
            cached_parse.cache_clear()
            symml.parse(text)
        median, _ = interleaved(once, lambda: None, max(3, repeats // 2))
        per_token[terms] = median / tokens
    spread = max(per_token.values()) / min(per_token.values())
    detail = ", ".join(f"{n}: {t * 1e6:.1f} µs" for n, t in per_token.items())
    return [("parse time per token, 10 → 10,000 terms", "x_{1} + … + x_{n}", detail, spread,
             2, "≤")]


# --- 3. start-up --------------------------------------------------------------------------
def startup_rows(repeats: int) -> list[tuple]:
    def run(command):
        return lambda: subprocess.run(command, capture_output=True, check=True)

    symml_cmd = [sys.executable, "-m", "symml", "eval", "1+1"]
    sympy_cmd = [sys.executable, "-c", "import sympy"]
    run(symml_cmd)()  # warm the grammar cache and .pyc files
    ours, theirs = interleaved(run(symml_cmd), run(sympy_cmd), repeats)
    return [("start-up: symml eval '1+1' vs python -c 'import sympy'", "fresh processes",
             f"{ours * 1e3:.0f} ms vs {theirs * 1e3:.0f} ms", ours / theirs, 1.3, "≤")]


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
               lambda s=symbols, e=expr: [sympy.diff(e, v) for v in s])
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
        yield ("einsum matmul", n, [f"A = {_matrix_literal(rows)}"],
               r"\operatorname{einsum}('ij,jk->ik', A, A)",
               lambda r=rows: sympy.Matrix(r) * sympy.Matrix(r))
    for k in (2, 4, 8):
        yield ("expectation E[X^k]", k, [r"X \sim \mathcal{N}(1, 4)"], rf"\mathbb{{E}}[X^{{{k}}}]",
               lambda k=k: E(Normal("X", 1, 2) ** k))


def evaluation_rows(repeats: int) -> list[tuple]:
    rows = []
    for name, size, setup, statement, raw in workloads():
        measured = {}
        for steps in (False, True):
            workspace = symml.Workspace(steps=steps, timeout=None)
            for line in setup:
                workspace.run(line)
            if workspace.run(statement).error is not None:
                measured = None
                break
            ours, theirs = interleaved(lambda w=workspace: w.run(statement), raw, repeats)
            measured[steps] = ours / theirs
        if measured is None:
            rows.append((f"{name}", f"n = {size}", "n/a (statement failed)", None, None, ""))
            continue
        rows.append((f"{name}: value", f"n = {size}", "", measured[False], 1.25, "≤"))
        rows.append((f"{name}: with steps", f"n = {size}", "", measured[True], 3, "≤"))
    return rows


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

    return (f"{cpu}, {__import__('os').cpu_count()} cores; Python {platform.python_version()}, "
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
              f"of {repeats} interleaved repetitions; for parse and start-up, how many times "
              "faster (parse) or slower (start-up, evaluation) symml is.\n\n"
              f"{table(rows)}\n\nRegenerate with `python benchmarks/run.py`.\n")
    (HERE / "RESULTS.md").write_text(report, encoding="utf-8")
    print(report)


if __name__ == "__main__":
    main()
