"""`symml check` benchmark: pairs per second on one core and on all cores, and how many
pairs with a known answer symml and a peer checker (math-verify, if installed) decide right.

Pairs: `samples/check_bank.jsonl` (the guide's chapters) and `benchmarks/check_heldout.jsonl`
(pairs written apart from the bank); each has an `expected` field. Throughput runs the pairs
through the batch runner (worker start-up included), the best of `--repeat` runs; the
workers' CPU time gives pairs per CPU second, steadier on a shared machine.
math-verify has no workspace, so it sees the reference and answer only (no givens): its
score is also given on the pairs that need no givens. Writes its section of RESULTS.md.

    python benchmarks/check_bench.py [--repeat 3]
"""
from __future__ import annotations

import argparse
import json
import os
import re
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
FILES = (HERE.parent / "samples" / "check_bank.jsonl", HERE / "check_heldout.jsonl")
BEGIN, END = "<!-- check_bench -->", "<!-- /check_bench -->"


def known_pairs() -> list[dict]:
    return [json.loads(line) for path in FILES for line in path.read_text().splitlines()
            if line.strip()]


def symml_verdicts(rows) -> list:
    from symml.checker.batch import read_pairs, run_batch

    pairs = [p for path in FILES for p in read_pairs(str(path))]
    lines = []
    run_batch(pairs, lines.append, progress=False)
    by_id = {line["id"]: line["equal"] for line in lines}
    return [by_id[row["id"]] for row in rows]


def throughput(jobs: int, repeats: int) -> tuple[float, float]:
    """(best pairs per wall second, pairs per CPU second of the workers) over `repeats`
    runs; the machine is shared, so the CPU rate is the steadier one."""
    import resource

    from symml.checker.batch import read_pairs, run_batch

    pairs = [p for path in FILES for p in read_pairs(str(path))]
    best, cpu = 0.0, []
    for _ in range(repeats):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        run_batch(pairs, lambda line: None, jobs=jobs, progress=False)
        wall = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        used = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
        best = max(best, len(pairs) / wall)
        cpu.append(len(pairs) / used)
    return best, sorted(cpu)[len(cpu) // 2]


def math_verify_verdicts(rows):
    """math-verify's verdict per pair (True/False), and its seconds, or None if absent."""
    try:
        from math_verify import parse, verify
    except ImportError:
        return None, None
    verdicts = []
    start = time.perf_counter()
    for row in rows:
        try:
            verdicts.append(bool(verify(parse(f"${row['reference']}$"),
                                        parse(f"${row['answer']}$"))))
        except Exception:  # noqa: BLE001 - a failure counts as "not equal"
            verdicts.append(False)
    return verdicts, time.perf_counter() - start


def score(verdicts, rows, subset=lambda row: True) -> str:
    chosen = [(v, row["expected"]) for v, row in zip(verdicts, rows) if subset(row)]
    right = sum(v == expected for v, expected in chosen)
    false_equal = sum(v is True and expected is False for v, expected in chosen)
    undecided = sum(v is None for v, _ in chosen)
    return f"{right}/{len(chosen)} right, {false_equal} wrong called equal, " \
           f"{undecided} undecided"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="throughput runs (best kept)")
    args = parser.parse_args()
    from symml.cli import _load

    _load()
    rows = known_pairs()
    cores = os.cpu_count() or 1
    one_wall, one_cpu = throughput(1, args.repeat)
    all_wall, all_cpu = throughput(cores, args.repeat)
    load = os.getloadavg()[0]
    ours = symml_verdicts(rows)
    peer, peer_s = math_verify_verdicts(rows)
    for _ in range(args.repeat - 1 if peer else 0):  # the best of as many runs as symml's
        peer_s = min(peer_s, math_verify_verdicts(rows)[1])
    no_givens = lambda row: not row["given"]  # noqa: E731
    lines = [
        "## symml check", "",
        f"{len(rows)} pairs with known answers ({sum(r['expected'] for r in rows)} equal, "
        f"{sum(not r['expected'] for r in rows)} not): the guide's bank and a held-out set. "
        "Throughput runs them through `symml check --batch`'s runner (worker start-up "
        f"included; best of {args.repeat} runs; load average {load:.1f} on {cores} cores "
        "while measuring). `python benchmarks/check_bench.py`.", "",
        "| measure | symml check | math-verify |", "|---|---|---|",
        f"| pairs per second, 1 core | {one_wall:.1f} | "
        + (f"{len(rows) / peer_s:.1f} |" if peer else "not installed |"),
        f"| pairs per second, {cores} cores | {all_wall:.1f} "
        f"({all_wall / one_wall:.2f}× one core) | — |",
        f"| pairs per CPU second (1 core; {cores} cores) | {one_cpu:.1f}; {all_cpu:.1f} | — |",
        f"| decided right, all pairs | {score(ours, rows)} | "
        + (f"{score(peer, rows)} (no givens: it cannot use them) |" if peer else "— |"),
        f"| decided right, pairs with no givens | {score(ours, rows, no_givens)} | "
        + (f"{score(peer, rows, no_givens)} |" if peer else "— |"),
    ]
    section = "\n".join([BEGIN, *lines, END])
    results = HERE / "RESULTS.md"
    text = results.read_text(encoding="utf-8") if results.exists() else ""
    if BEGIN in text:
        text = re.sub(re.escape(BEGIN) + ".*?" + re.escape(END), lambda m: section, text,
                      flags=re.S)
    else:
        text = text.rstrip("\n") + "\n\n" + section + "\n"
    results.write_text(text, encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
