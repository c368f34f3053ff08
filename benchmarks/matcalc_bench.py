"""Matrix calculus benchmark: symml's closed forms at symbolic sizes against SymPy's own
`diff` of the same matrix expression (issue 14: value ≤ 1.25×, with steps ≤ 3×).

The workloads are also rows of `benchmarks/run.py` (its `workloads()` yields them); this
script runs only them, with the same interleaved measurement, and prints the table rows.

    python benchmarks/matcalc_bench.py [--repeats 7]
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import run  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=7)
    options = parser.parse_args()
    rows = run.evaluation_rows(options.repeats, run.matrix_calculus_workloads())
    print(run.table(rows))


if __name__ == "__main__":
    main()
