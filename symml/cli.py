"""The `symml` command: `eval` statements, `solve` a document, `check` an answer. No maths
here."""
from __future__ import annotations

import argparse
import json
import sys

from .files import InputError, argument_text, check_output, read_text, timeout_seconds, \
    write_output

USAGE_ERROR, ALL_OK, SOME_FAILED = 2, 0, 1


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # usage errors: a message and exit 2, never a traceback
        self.print_usage(sys.stderr)
        print(f"symml: error: {message}", file=sys.stderr)
        raise SystemExit(USAGE_ERROR)


def build_parser() -> argparse.ArgumentParser:
    from .export.formats import FORMATS

    parser = _Parser(prog="symml", description="Exact answers, with steps, for the LaTeX "
                     "formulas of machine-learning mathematics.")
    parser.add_argument("--debug", action="store_true", help="show Python tracebacks")
    parser.add_argument("--version", action="version", version=f"symml {_version()}")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    run = commands.add_parser("eval", help="evaluate statements in one workspace")
    run.add_argument("statements", nargs="*", metavar="STATEMENT",
                     help="statements in order; a lone - reads them from standard input")
    run.add_argument("-f", "--file", help="read statements from FILE (- for standard input)")
    run.add_argument("--steps", action="store_true", help="print the steps of each result")
    run.add_argument("--json", action="store_true", help='print {"results": [...]}')
    shown = run.add_mutually_exclusive_group()
    shown.add_argument("--latex", action="store_true",
                       help="print results as raw LaTeX (the default when not on a terminal)")
    shown.add_argument("--pretty", action="store_true", help="print results as 'input ⟹ "
                       "result' in Unicode maths (the default on a terminal)")
    run.add_argument("--timeout", type=timeout_seconds, default=5.0,
                     help="seconds allowed per statement (default 5)")

    solve = commands.add_parser("solve", help="write the worked solution of a document")
    solve.add_argument("file", metavar="FILE", help="the document (- for standard input)")
    solve.add_argument("-o", "--output", help="output file (default or -: standard output)")
    solve.add_argument("--format", choices=list(FORMATS),
                       help="output format (default: from -o's suffix, else md)")
    solve.add_argument("--timeout", type=timeout_seconds, default=5.0,
                       help="seconds allowed per statement (default 5)")

    from .checker.command import add_parser as add_check

    add_check(commands)
    return parser


def _version() -> str:
    from . import __version__

    return __version__


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        _load()
        if args.command == "eval":
            return run_eval(args, parser)
        if args.command == "check":
            from .checker.command import run as run_check

            return run_check(args, parser)
        return run_solve(args, parser)
    except InputError as error:
        parser.error(str(error))
    except KeyboardInterrupt:
        print("symml: interrupted", file=sys.stderr)
        return SOME_FAILED
    except Exception as error:  # noqa: BLE001 - the CLI never shows a traceback
        if args.debug:
            raise
        print(f"symml: internal error: {type(error).__name__}: {error} "
              "(run with --debug for details)", file=sys.stderr)
        return SOME_FAILED


def _load() -> None:
    """Import SymPy and the evaluators and load the parser with the garbage collector off,
    then freeze what they made: start-up creates many long-lived objects (SymPy's classes)
    that collecting would only walk (about a tenth of start-up, benchmarks/run.py)."""
    import gc

    from .evaluators import load_chapters
    from .syntax.parser import lark_parser

    gc.disable()
    try:
        import sympy  # noqa: F401

        load_chapters()
        lark_parser()
    finally:
        gc.enable()
    gc.freeze()


def run_eval(args, parser) -> int:
    from .syntax.document import Statement, split_statements
    from .workspace import Workspace

    statements: list[Statement] = []
    if args.file:
        statements += split_statements(read_text(args.file))
    for text in args.statements:
        if text == "-":
            statements += split_statements(read_text("-"))
        else:
            statements += split_statements(argument_text(text))
    if not statements:
        parser.error("no statements given (pass them as arguments, with -f FILE, or -)")

    workspace = Workspace(timeout=args.timeout)
    results = [workspace.run(s.text, line=s.line, column=s.column) for s in statements]
    if args.json:
        print(json.dumps({"results": [r.to_json() for r in results]}, ensure_ascii=False,
                         indent=2))
    else:
        as_latex = args.latex or not (args.pretty or sys.stdout.isatty())
        for result in results:
            _print_result(result, args.steps, as_latex)
    return ALL_OK if all(r.ok for r in results) else SOME_FAILED


def _print_result(result, with_steps: bool, as_latex: bool = True) -> None:
    from .render.terminal import result_text

    if result.error is not None:
        print(str(result.error), file=sys.stderr)
        _print_notes(result, sys.stderr, as_latex)
        return
    print(result_text(result, latex=as_latex, steps=with_steps))
    _print_notes(result, sys.stdout, as_latex)


def _print_notes(result, stream, as_latex: bool) -> None:
    from .render.terminal import note_text

    for note in result.notes:
        print(f"  note: {note if as_latex else note_text(note)}", file=stream)


def run_solve(args, parser) -> int:
    from .export.formats import FORMATS
    from .export.pdf import PdfUnavailable
    from .solution import solve_document

    fmt = FORMATS[args.format or _format_from_suffix(args.output, parser) or "md"]
    if fmt.binary and not args.output:
        parser.error(f"--format {fmt.name} needs -o OUT.{fmt.suffixes[0]} "
                     "(or -o - for standard output)")
    check_output(args.output, args.file)
    solution = solve_document(read_text(args.file), timeout=args.timeout)
    try:
        write_output(args.output, fmt.render(solution))
    except PdfUnavailable as error:
        print(f"symml: no PDF written: {error.message}", file=sys.stderr)
        return SOME_FAILED
    _summarise_errors(solution)
    return ALL_OK if solution.ok else SOME_FAILED


def _summarise_errors(solution) -> None:
    """`solve` writes the document whatever happens; what failed is also said on stderr."""
    failed = [r for r in solution.results if not r.ok]
    if not failed:
        return
    print(f"symml: {len(failed)} of {len(solution.results)} statements failed:", file=sys.stderr)
    for result in failed:
        error = result.error
        print(f"  line {error.line}, column {error.column}: {error.kind}: {error.message}",
              file=sys.stderr)


def _format_from_suffix(path: str | None, parser) -> str | None:
    """The format named by -o's suffix; a suffix symml cannot write is a usage error."""
    import os

    from .export.formats import SUFFIXES, suffix_list

    suffix = os.path.splitext(path or "")[1].lstrip(".").lower()
    if not suffix:
        return None
    if suffix not in SUFFIXES:
        parser.error(f"cannot write .{suffix} files: use -o with {suffix_list()}, or give "
                     "--format")
    return SUFFIXES[suffix]
