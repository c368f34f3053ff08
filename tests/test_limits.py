"""Hostile inputs stop at a limit with a clear error, quickly, with bounded memory, and the
workspace stays usable afterwards."""
import json
import subprocess
import sys
import time

import pytest

import symml

HOSTILE = [
    ("power tower", r"2^{2^{2^{2^{2^{2}}}}}", symml.LimitExceeded, "exponent"),
    ("frac nested 10,000 deep", r"\frac{" * 10_000 + "1" + "}{2}" * 10_000,
     symml.LimitExceeded, "nested"),
    ("100×100 symbolic matrix", r"\mathbf{A} \in \mathbb{R}^{100 \times 100}",
     symml.LimitExceeded, "entries"),
    ("1 MB input", "x + " * 250_000 + "x", symml.LimitExceeded, "characters"),
    ("file inclusion", r"\input{/etc/passwd}", symml.ParseError, "not allowed"),
    ("shell escape", r"\write18{rm -rf /}", symml.ParseError, "not allowed"),
    ("macro definition", r"\def\x{1} \x", symml.ParseError, "not allowed"),
    ("huge factorial", "100000!", symml.LimitExceeded, "100000!"),
    ("huge exact power", "3^{1000000}", symml.LimitExceeded, "exponent"),
    ("huge matrix power", r"\begin{bmatrix} 1 & 1 \\ 1 & 0 \end{bmatrix}^{100000}",
     symml.LimitExceeded, "matrix powers"),
    ("long explicit sum", r"\sum_{i=1}^{10^{9}} i^2 + \sum_{k=1}^{20000} k^k",
     symml.LimitExceeded, "terms"),
    ("eigenvalues of a 13×13 matrix", r"\operatorname{eigvals}(I_{13})", symml.LimitExceeded,
     "degree-13"),
]


@pytest.mark.parametrize("name, statement, error_class, words", HOSTILE,
                         ids=[h[0] for h in HOSTILE])
def test_hostile_input_ends_in_the_stated_error_within_the_limit(name, statement,
                                                                 error_class, words):
    workspace = symml.Workspace(timeout=5)
    start = time.perf_counter()
    result = workspace.run(statement)
    assert time.perf_counter() - start < 3 * 5  # generous: 3× the limit, never a speed test
    assert isinstance(result.error, error_class), result.error
    assert words in result.error.message
    assert workspace.run("1 + 1").value == 2


def test_symbolic_eigenvalues_beyond_the_quartic_are_refused():
    workspace = symml.Workspace()
    workspace.run(r"\mathbf{A} \in \mathbb{R}^{5 \times 5}")
    error = workspace.run(r"\operatorname{eigvals}(A)").error
    assert isinstance(error, symml.LimitExceeded) and "5×5 symbolic" in error.message


def test_time_limit_interrupts_a_long_computation_and_leaves_no_alarm():
    workspace = symml.Workspace(timeout=1)
    start = time.perf_counter()
    result = workspace.run(r"\sum_{i=1}^{9000} \frac{1}{i^{3} + 7}")
    assert time.perf_counter() - start < 3
    assert isinstance(result.error, symml.LimitExceeded)
    assert "time limit of 1 s" in result.error.message
    time.sleep(1.2)  # an alarm left armed would fire here
    assert workspace.run("x = 2").kind == "definition"
    assert workspace.run("x^2").value == 4


def test_long_sums_are_summed_exactly():
    from sympy import Add, Symbol

    text = " + ".join(f"x_{{{i}}}" for i in range(1, 10_001))
    result = symml.Workspace(timeout=60).run(text)  # a value test: generous on a busy machine
    assert result.error is None
    assert result.value == Add(*[Symbol(f"x_{i}") for i in range(1, 10_001)])
    numbers = symml.Workspace(timeout=60).run(" + ".join(str(i) for i in range(1, 10_001)))
    assert numbers.value == 50_005_000 and numbers.latex == "50005000"


def test_cli_timeout_option_and_memory_bound():
    code = ("import resource, subprocess, sys, json;"
            "p = subprocess.run([sys.executable, '-m', 'symml', 'eval', '--json', '--timeout',"
            " '1', r'\\sum_{i=1}^{9000} \\frac{1}{i^{3} + 7}', '1+1'], capture_output=True,"
            " text=True);"
            "print(json.dumps([p.returncode, p.stdout,"
            " resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss]))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=120)
    returncode, stdout, max_rss_kb = json.loads(done.stdout)
    results = json.loads(stdout)["results"]
    assert returncode == 1
    assert results[0]["error"]["type"] == "LimitExceeded"
    assert results[1]["latex"] == "2"
    assert max_rss_kb < 1_000_000  # under 1 GB


def test_time_up_inside_a_finalizer_is_not_reported_and_the_limit_still_holds(monkeypatch):
    """The alarm can fire in a `__del__`, where an exception cannot propagate (Python hands
    it to sys.unraisablehook, which printed a traceback): it is dropped there, the alarm
    fires again in the statement, and nothing else reaches the hook."""
    import gc

    from symml.errors import LimitExceeded
    from symml.limits import time_limit

    reported = []
    monkeypatch.setattr(sys, "unraisablehook", reported.append)

    class SlowToFinalise:
        def __del__(self):
            end = time.perf_counter() + 0.3
            while time.perf_counter() < end:  # the alarm fires in here
                pass

    with pytest.raises(LimitExceeded):
        with time_limit(0.1):
            SlowToFinalise()  # finalised at once: the time runs out inside __del__
            gc.collect()
            while True:  # the alarm fires again here, where it can propagate
                pass
    assert reported == []
