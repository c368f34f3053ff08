"""A worked solution as PDF: the tex export compiled by pdflatex in a temporary directory."""
from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from ..errors import SymmlError
from ..solution import Solution
from . import tex

PDFLATEX_TIMEOUT = 120  # seconds for one run
RUNS = 2  # the second run settles page breaks after \symmlfit boxes are measured


class PdfUnavailable(SymmlError):
    """pdflatex is not installed, or it failed on the document."""

    kind = "PdfUnavailable"


def pdflatex() -> str | None:
    return shutil.which("pdflatex")


def write_pdf(solution: Solution, path: str | Path) -> Path:
    """Compile the tex export and write the PDF to `path`; raise PdfUnavailable on failure."""
    target = Path(path)
    target.write_bytes(pdf_bytes(solution))
    return target


def pdf_bytes(solution: Solution) -> bytes:
    """The tex export compiled by pdflatex; raise PdfUnavailable on failure."""
    program = pdflatex()
    if program is None:
        raise PdfUnavailable("pdflatex is not installed (Debian: apt-get install "
                             "texlive-latex-base texlive-latex-recommended); "
                             "write --format tex and compile it elsewhere")
    with tempfile.TemporaryDirectory(prefix="symml-pdf-") as workdir:
        source = Path(workdir) / "solution.tex"
        source.write_text(tex.render(solution), encoding="utf-8")
        for _ in range(RUNS):
            _run(program, source)
        return source.with_suffix(".pdf").read_bytes()


def _run(program: str, source: Path) -> None:
    command = [program, "-no-shell-escape", "-interaction=nonstopmode", "-halt-on-error",
               source.name]
    try:
        done = subprocess.run(command, cwd=source.parent, capture_output=True,
                              timeout=PDFLATEX_TIMEOUT, stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired:
        raise PdfUnavailable(f"pdflatex took longer than {PDFLATEX_TIMEOUT} s") from None
    if done.returncode != 0:
        raise PdfUnavailable("pdflatex failed: " + _first_error(source.with_suffix(".log")))


def _first_error(log: Path) -> str:
    lines = log.read_text(encoding="latin-1").splitlines() if log.exists() else []
    errors = [line for line in lines if line.startswith("!")]
    return errors[0][1:].strip() if errors else "see the .log of --format tex"
