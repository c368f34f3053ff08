"""The CLI's files and options: read UTF-8 input, write output, check `--timeout`.

Every problem is an `InputError` naming the file (never a traceback); the CLI turns it into
`symml: error: ...` and exit status 2.
"""
from __future__ import annotations

import argparse
import math
import os
import sys

STDIO = "-"


class InputError(Exception):
    """A file, directory, encoding or option problem, in words naming the file."""


def timeout_seconds(text: str) -> float:
    """`--timeout`: a finite number of seconds above 0 (argparse type)."""
    try:
        seconds = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds") from None
    if not math.isfinite(seconds) or seconds <= 0:
        raise argparse.ArgumentTypeError(f"{text!r} must be a finite number of seconds "
                                         "above 0")
    return seconds


def read_text(path: str) -> str:
    """A document as text: UTF-8 (a leading byte-order mark is dropped); `-` is standard
    input."""
    name = "standard input" if path == STDIO else path
    try:
        if path == STDIO:
            data = sys.stdin.buffer.read()
        else:
            with open(path, "rb") as handle:
                data = handle.read()
    except OSError as error:
        raise InputError(f"cannot read {name}: {error.strerror or error}") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise InputError(f"{name} is not UTF-8 text (byte 0x{data[error.start]:02x} on "
                         f"line {line}); save it as UTF-8") from None


def argument_text(text: str) -> str:
    """A command-line statement: bytes that were not UTF-8 (kept by Python as lone
    surrogates) become U+FFFD, so the parser points at them and output stays UTF-8."""
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "replace").lstrip("\ufeff")


def check_output(output: str | None, source: str) -> None:
    """Refuse to overwrite the input, and an output in a directory that does not exist."""
    if output in (None, STDIO):
        return
    if source != STDIO and os.path.exists(output) and os.path.exists(source) \
            and os.path.samefile(output, source):
        raise InputError(f"-o {output} is the input file; choose another output")
    directory = os.path.dirname(output) or "."
    if not os.path.isdir(directory):
        raise InputError(f"cannot write {output}: the directory {directory} does not exist")


def write_output(output: str | None, data: str | bytes) -> None:
    """Write to `output`, or to standard output for None or `-`."""
    if output in (None, STDIO):
        if isinstance(data, bytes):
            sys.stdout.flush()
            sys.stdout.buffer.write(data)
            sys.stdout.buffer.flush()
        else:
            sys.stdout.write(data)
        return
    try:
        if isinstance(data, bytes):
            with open(output, "wb") as handle:
                handle.write(data)
        else:
            with open(output, "w", encoding="utf-8") as handle:
                handle.write(data)
    except OSError as error:
        raise InputError(f"cannot write {output}: {error.strerror or error}") from None
