"""The CLI's options and files: bad values are usage errors naming the problem, input is
UTF-8 (a byte-order mark ignored), `-o -` is standard output, the input is never
overwritten, and `--json` is always valid UTF-8. Assertions are on exit codes, stderr and
`--json`, not on the human-readable format."""
import io
import json
import os
import subprocess
import sys
from types import SimpleNamespace

import pytest

from symml.cli import main


def symml(*args, stdin=None, cwd=None):
    """Run the CLI in this process (fast); returns returncode, stdout and stderr bytes."""
    out, err = io.StringIO(), io.StringIO()
    out.buffer = io.BytesIO()
    saved = sys.stdin, sys.stdout, sys.stderr, os.getcwd()
    sys.stdin = io.TextIOWrapper(io.BytesIO(stdin or b""), encoding="utf-8")
    sys.stdout, sys.stderr = out, err
    try:
        if cwd:
            os.chdir(cwd)
        try:
            code = main(list(args))
        except SystemExit as exit_:
            code = exit_.code
    finally:
        sys.stdin, sys.stdout, sys.stderr = saved[:3]
        os.chdir(saved[3])
    stdout = out.getvalue().encode("utf-8") + out.buffer.getvalue()
    return SimpleNamespace(returncode=code, stdout=stdout, stderr=err.getvalue().encode())


def assert_usage_error(done, *words):
    err = done.stderr.decode("utf-8")
    assert done.returncode == 2, err
    assert "Traceback" not in err and "internal error" not in err
    for word in words:
        assert word in err


@pytest.mark.parametrize("value", ["-1", "nan", "inf", "0", "-inf", "five"])
def test_invalid_timeouts_are_usage_errors(value):
    assert_usage_error(symml("eval", f"--timeout={value}", "1+1"), "--timeout", value)
    assert_usage_error(symml("solve", f"--timeout={value}", "-", stdin=b"1+1\n"), "--timeout")


def test_an_invalid_timeout_from_the_shell_exits_2_without_traceback():
    done = subprocess.run([sys.executable, "-m", "symml", "eval", "--timeout", "nan", "1+1"],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 2 and "Traceback" not in done.stderr


def test_a_valid_fractional_timeout_is_accepted():
    done = symml("eval", "--json", "--timeout", "0.5", "1+1")
    assert json.loads(done.stdout)["results"][0]["latex"] == "2"


def test_a_file_that_is_not_utf8_names_the_file_and_the_line(tmp_path):
    source = tmp_path / "latin1.txt"
    source.write_bytes("x = 1\ncafé\n".encode("latin-1"))
    assert_usage_error(symml("eval", "-f", str(source)), "latin1.txt", "not UTF-8", "line 2")
    assert_usage_error(symml("solve", str(source)), "latin1.txt", "not UTF-8")


def test_standard_input_that_is_not_utf8():
    assert_usage_error(symml("eval", "-", stdin=b"\xff\xfe1"), "standard input", "not UTF-8")
    assert_usage_error(symml("solve", "-", stdin=b"1 + \xe9"), "standard input")


def test_a_missing_file_and_a_missing_output_directory(tmp_path):
    assert_usage_error(symml("eval", "-f", str(tmp_path / "nope.txt")), "nope.txt",
                       "No such file")
    source = tmp_path / "doc.txt"
    source.write_text("1+1\n")
    assert_usage_error(symml("solve", str(source), "-o", str(tmp_path / "no" / "out.md")),
                       "out.md", "does not exist")


def test_output_dash_is_standard_output(tmp_path):
    source = tmp_path / "doc.txt"
    source.write_text("x = 2\nx + 1\n")
    done = symml("solve", str(source), "-o", "-", "--format", "json", cwd=tmp_path)
    assert done.returncode == 0
    assert [r["latex"] for r in json.loads(done.stdout)["results"]] == ["2", "3"]
    assert not (tmp_path / "-").exists()
    markdown = symml("solve", str(source), "-o", "-", cwd=tmp_path)
    assert markdown.returncode == 0 and markdown.stdout.startswith(b"# ")
    assert not (tmp_path / "-").exists()


def test_the_input_file_is_never_overwritten(tmp_path):
    source = tmp_path / "doc.md"
    source.write_text("1+1\n")
    assert_usage_error(symml("solve", str(source), "-o", str(source)), "input file")
    assert_usage_error(symml("solve", str(source), "-o", str(tmp_path / "." / "doc.md")),
                       "input file")
    assert source.read_text() == "1+1\n"


def test_a_byte_order_mark_is_ignored(tmp_path):
    source = tmp_path / "bom.txt"
    source.write_bytes("\ufeffx = 2\nx + 1\n".encode("utf-8"))
    done = symml("eval", "--json", "-f", str(source))
    results = json.loads(done.stdout)["results"]
    assert done.returncode == 0 and [r["latex"] for r in results] == ["2", "3"]
    done = symml("solve", str(source), "--format", "json")
    assert [r["error"] for r in json.loads(done.stdout)["results"]] == [None, None]
    assert symml("eval", "--json", "-", stdin="\ufeff2+2\n".encode()).returncode == 0


@pytest.mark.parametrize("char", ["\x0b", "\x0c", "\x1c", "\x1e", "\x85", "\u2028"])
def test_control_characters_do_not_split_a_statement(tmp_path, char):
    source = tmp_path / "doc.txt"
    source.write_text(f"x + 1{char}+ 2\n", encoding="utf-8")
    results = json.loads(symml("eval", "--json", "-f", str(source)).stdout)["results"]
    assert len(results) == 1 and results[0]["latex"] == "x + 3"


@pytest.mark.parametrize("char", ["\x00", "\x07", "\x1b", "\x7f"])
def test_other_control_characters_are_refused_where_they_stand(tmp_path, char):
    source = tmp_path / "doc.txt"
    source.write_text(f"y = 1\nx + {char}1\n", encoding="utf-8")
    done = symml("eval", "--json", "-f", str(source))
    results = json.loads(done.stdout)["results"]
    assert done.returncode == 1 and len(results) == 2
    error = results[1]["error"]
    assert error["type"] == "ParseError" and (error["line"], error["column"]) == (2, 5)
    assert f"U+{ord(char):04X}" in error["message"]


def test_json_output_is_utf8_for_arguments_that_are_not():
    done = subprocess.run([sys.executable, "-m", "symml", "eval", "--json", b"x + \xff",
                           "1+1"], capture_output=True, timeout=120)
    text = done.stdout.decode("utf-8")  # strict: raises on invalid UTF-8
    results = json.loads(text)["results"]
    assert results[0]["error"]["type"] == "ParseError"
    assert results[0]["error"]["column"] == 5 and results[1]["latex"] == "2"


def test_pdf_to_standard_output_or_a_usage_error_without_output(tmp_path):
    source = tmp_path / "doc.txt"
    source.write_text("1+1\n")
    assert_usage_error(symml("solve", str(source), "--format", "pdf"), "-o")
