"""Parse throughput on the guide's notation, and the start-up cost of `import symml`.

Run: python benchmarks/parse_bench.py   (prints a table; medians of repetitions)
"""
from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))


def corpus() -> list[str]:
    lines = (HERE / "corpus_guide.txt").read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("%")]


def parse_throughput(formulas: list[str], repeats: int = 7) -> float:
    import symml

    from symml.syntax.parser import parse as cached_parse

    symml.parse("x")  # compile (or load) the grammar once, outside the timing
    timings = []
    for _ in range(repeats):
        cached_parse.cache_clear()  # measure parsing, not the per-text memo
        start = time.perf_counter()
        for formula in formulas:
            symml.parse(formula)
        timings.append(time.perf_counter() - start)
    return len(formulas) / statistics.median(timings)


def import_time(repeats: int = 7) -> float:
    timings = []
    for _ in range(repeats):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", "import symml"], check=True, cwd=HERE.parent)
        timings.append(time.perf_counter() - start)
    baseline = []
    for _ in range(repeats):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", "pass"], check=True)
        baseline.append(time.perf_counter() - start)
    return statistics.median(timings) - statistics.median(baseline)


def main() -> None:
    formulas = corpus()
    rate = parse_throughput(formulas)
    startup = import_time()
    print(f"| measure | value |\n|---|---|")
    print(f"| corpus | {len(formulas)} formulas of the guide's notation |")
    print(f"| symml.parse throughput | {rate:,.0f} formulas/s "
          f"({1e6 / rate:,.0f} µs per formula) |")
    print(f"| `import symml` (fresh process, minus bare interpreter) | {startup * 1000:.0f} ms |")


if __name__ == "__main__":
    main()
