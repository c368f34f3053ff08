"""`symml check` on the command line, and `--batch`: order, resume, failures, Dask."""
import json
import subprocess
import sys

import pytest

from symml.checker.batch import Pair, check_pair, read_pairs, run_batch

BANK = "samples/check_bank.jsonl"


def symml(*args):
    return subprocess.run([sys.executable, "-m", "symml", *args], capture_output=True,
                          text=True, timeout=300)


# --- one pair -------------------------------------------------------------------------------
def test_exit_status_says_equal_not_equal_or_undecided():
    assert symml("check", "(x+1)^2", "x^2 + 2x + 1").returncode == 0
    wrong = symml("check", r"\frac{1}{3}", "0.333")
    assert wrong.returncode == 1
    assert wrong.stdout.startswith("not equal: the answer is \\frac{333}{1000}")
    broken = symml("check", "x", r"\frac{")
    assert broken.returncode == 2
    assert broken.stdout.startswith("undecided: the answer cannot be evaluated")
    assert "Traceback" not in broken.stderr and "ParseError" in broken.stderr


def test_json_output_and_givens():
    done = symml("check", "--json", "--given", "a > 0", "--given", "b > 0", r"\ln(ab)",
                 r"\ln a + \ln b")
    assert done.returncode == 0
    data = json.loads(done.stdout)
    assert set(data) == {"equal", "reason", "counterexample", "reference", "answer", "error"}
    assert data["equal"] is True and data["error"] is None


def test_counterexample_is_printed():
    done = symml("check", r"\ln(ab)", r"\ln a + \ln b")
    assert done.returncode == 1
    assert "counterexample: a = " in done.stdout


def test_tolerance_option():
    assert symml("check", "--tolerance", "1e-3", r"\frac{1}{3}", "0.333").returncode == 0
    assert symml("check", "--tolerance", "1e-6", r"\frac{1}{3}", "0.333").returncode == 1


def test_usage_errors_exit_2():
    assert symml("check", "x").returncode == 2
    assert symml("check", "--batch", "/nonexistent.jsonl").returncode == 2
    assert symml("check", "--batch", BANK, "--jobs", "0").returncode == 2


# --- reading a batch --------------------------------------------------------------------------
def test_jsonl_and_csv_read_the_same_pairs(tmp_path):
    jsonl = tmp_path / "pairs.jsonl"
    jsonl.write_text('{"id": "a", "reference": "x", "answer": "x", "given": ["a > 0", "b > 0"]}\n'
                     '\n{"reference": "1", "answer": "2"}\n')
    csv_file = tmp_path / "pairs.csv"
    csv_file.write_text('id,reference,answer,given\na,x,x,a > 0; b > 0\n,1,2,\n')
    expected = [Pair("a", "x", "x", ("a > 0", "b > 0")), Pair(3, "1", "2")]
    assert read_pairs(str(jsonl)) == expected
    assert read_pairs(str(csv_file)) == [expected[0], Pair(2, "1", "2")]


def test_a_bad_row_is_reported_and_the_batch_goes_on(tmp_path):
    path = tmp_path / "pairs.jsonl"
    path.write_text('{"id": 1, "reference": "x", "answer": "x"}\nnot json\n'
                    '{"id": 3, "reference": "x"}\n{"id": 4, "reference": "1", "answer": "1"}\n')
    lines = []
    run_batch(read_pairs(str(path)), lines.append, jobs=2, progress=False)
    assert [line["id"] for line in lines] == [1, 2, 3, 4]
    assert [line["equal"] for line in lines] == [True, None, None, True]
    assert lines[1]["error"]["type"] == "InputError"
    assert lines[2]["error"]["message"] == "line 3: no answer"


def _bank_results(**options):
    lines = []
    run_batch(read_pairs(BANK), lines.append, progress=False, **options)
    return lines


def test_the_sample_bank_is_decided_right_in_input_order():
    expected = [json.loads(line) for line in open(BANK, encoding="utf-8")]
    lines = _bank_results(jobs=2)
    assert [line["id"] for line in lines] == [row["id"] for row in expected]
    assert [line["equal"] for line in lines] == [row["expected"] for row in expected]
    assert len(lines) >= 50


def test_held_out_pairs_are_decided_right():
    """Pairs written apart from the bank (benchmarks/check_heldout.jsonl), none called
    equal wrongly."""
    path = "benchmarks/check_heldout.jsonl"
    expected = {row["id"]: row["expected"] for row in map(json.loads, open(path))}
    lines = []
    run_batch(read_pairs(path), lines.append, jobs=2, progress=False)
    assert {line["id"]: line["equal"] for line in lines} == expected


def test_a_pair_that_hangs_is_stopped_and_the_batch_goes_on(monkeypatch):
    import symml.checker.batch as batch

    pairs = [Pair(1, "1", "1"), Pair(2, "x", "x", ("HANG",)), Pair(3, "2", "3")]
    monkeypatch.setattr(batch, "check_pair", _hanging_check_pair)
    lines = []
    run_batch(pairs, lines.append, jobs=2, hard_limit=3, progress=False)
    assert [line["id"] for line in lines] == [1, 2, 3]
    assert lines[1]["error"]["type"] == "LimitExceeded"
    assert lines[1]["equal"] is None
    assert [lines[0]["equal"], lines[2]["equal"]] == [True, False]


def _hanging_check_pair(pair, tolerance=None, timeout=5.0):
    import time

    if pair.given == ("HANG",):
        time.sleep(60)
    return check_pair(pair, tolerance, timeout)


def test_resume_skips_ids_already_written(tmp_path):
    source = tmp_path / "pairs.jsonl"
    source.write_text("".join(json.dumps({"id": i, "reference": f"{i}", "answer": f"{i}"})
                              + "\n" for i in range(1, 6)))
    out = tmp_path / "out.jsonl"
    first = [json.dumps(check_pair(Pair(i, f"{i}", f"{i}"))) for i in (1, 2)]
    out.write_text("\n".join(first) + '\n{"id": 3, "equ')  # cut short mid-line
    done = symml("check", "--batch", str(source), "-o", str(out), "--jobs", "1")
    assert done.returncode == 0, done.stderr
    ids = [json.loads(line)["id"] for line in out.read_text().splitlines()]
    assert ids == [1, 2, 3, 4, 5]
    again = symml("check", "--batch", str(source), "-o", str(out))
    assert again.returncode == 0
    assert len(out.read_text().splitlines()) == 5


def test_batch_to_standard_output_with_a_progress_bar_on_standard_error(tmp_path):
    source = tmp_path / "pairs.csv"
    source.write_text("id,reference,answer\nq1,x^2 = 4,x = \\pm 2\nq2,1,0.999\n")
    done = symml("check", "--batch", str(source), "--jobs", "2")
    assert done.returncode == 0
    lines = [json.loads(line) for line in done.stdout.splitlines()]
    assert [(line["id"], line["equal"]) for line in lines] == [("q1", True), ("q2", False)]
    assert "2/2" in done.stderr


# --- Dask -------------------------------------------------------------------------------------
def test_a_dask_cluster_gives_the_local_results():
    distributed = pytest.importorskip("distributed")
    from symml.checker.cluster import run_on_dask

    pairs = read_pairs(BANK)[:12]
    local = []
    run_batch(pairs, local.append, jobs=1, progress=False)
    with distributed.LocalCluster(n_workers=1, threads_per_worker=2, processes=False,
                                  dashboard_address=":0") as cluster:
        remote = []
        run_on_dask(pairs, remote.append, cluster.scheduler_address, progress=False)
    assert remote == local
