"""The `symml check` subcommand: its options and its output. No maths here."""
from __future__ import annotations

import json
import os
import sys

BATCH_OK, BATCH_SOME_FAILED, USAGE_ERROR = 0, 1, 2


def add_parser(commands) -> None:
    check = commands.add_parser(
        "check", help="is an answer equal to a reference? (exit 0 equal, 1 not, 2 undecided)")
    check.add_argument("expressions", nargs="*", metavar="REFERENCE ANSWER",
                       help="the exact reference, then the answer to check")
    check.add_argument("--given", action="append", default=[], metavar="STATEMENT",
                       help="a definition, declaration, fact or assumption (a > 0), "
                       "run first; repeat for several")
    check.add_argument("--json", action="store_true", help="print the verdict as JSON")
    check.add_argument("--tolerance", type=float, help="compare numbers within this "
                       "absolute tolerance instead of exactly")
    check.add_argument("--timeout", type=float, default=5.0,
                       help="seconds per statement and per comparison layer (default 5)")
    check.add_argument("--batch", metavar="FILE", help="check every pair of a JSONL or "
                       "CSV file (fields id, reference, answer, given)")
    check.add_argument("--jobs", type=int, help="worker processes (default: all cores)")
    check.add_argument("-o", "--output", help="batch output, JSON lines (resumed if it "
                       "exists; default: standard output)")
    check.add_argument("--dask", metavar="ADDRESS", help="run the batch on the Dask "
                       "cluster at ADDRESS")
    check.add_argument("--no-progress", action="store_true", help="no progress bar")


def run(args, parser) -> int:
    if args.tolerance is not None and not args.tolerance >= 0:
        parser.error("--tolerance must be a number ≥ 0")
    if args.batch:
        if args.expressions:
            parser.error("--batch takes its pairs from FILE, not from arguments")
        return run_batch(args, parser)
    if len(args.expressions) != 2:
        parser.error("check needs a REFERENCE and an ANSWER (or --batch FILE)")
    from . import check

    verdict = check(*args.expressions, given=args.given, tolerance=args.tolerance,
                    timeout=args.timeout)
    if args.json:
        print(json.dumps(verdict.to_json(), ensure_ascii=False, indent=2))
    else:
        _print(verdict)
    return verdict.exit_code


def _print(verdict) -> None:
    if verdict.error is not None:
        print(str(verdict.error), file=sys.stderr)
    print(f"{verdict.word}: {verdict.reason}")
    if verdict.counterexample:
        print("  counterexample: " + ", ".join(f"{name} = {value}" for name, value
                                               in verdict.counterexample.items()))


def run_batch(args, parser) -> int:
    from .batch import done_ids, read_pairs

    if args.jobs is not None and args.jobs < 1:
        parser.error("--jobs must be at least 1")

    try:
        pairs = read_pairs(args.batch)
    except OSError as error:
        parser.error(f"cannot read {args.batch}: {error.strerror}")
    except (UnicodeDecodeError, ValueError) as error:
        parser.error(f"cannot read {args.batch}: {error}")
    try:
        skip = done_ids(args.output)
        output = open(args.output, "a", encoding="utf-8") if args.output else sys.stdout
    except OSError as error:
        parser.error(f"cannot write {args.output}: {error.strerror}")
    failures = []

    def write(line: dict) -> None:
        output.write(json.dumps(line, ensure_ascii=False) + "\n")
        output.flush()
        if line["error"] is not None:
            failures.append(line["id"])

    options = dict(tolerance=args.tolerance, timeout=args.timeout,
                   progress=not args.no_progress, skip=skip)
    try:
        _run_pairs(pairs, write, args, options)
    except BrokenPipeError:  # `symml check --batch F | head`: stop quietly
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    finally:
        if output is not sys.stdout:
            output.close()
    return BATCH_SOME_FAILED if failures else BATCH_OK


def _run_pairs(pairs, write, args, options) -> None:
    if args.dask:
        from .cluster import run_on_dask

        run_on_dask(pairs, write, args.dask, **options)
    else:
        from .batch import run_batch as run_locally

        run_locally(pairs, write, jobs=args.jobs, **options)
