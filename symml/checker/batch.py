"""`symml check --batch`: many pairs, one JSON line each, in input order, on every core.

Each pair runs in a worker process with a hard time limit: a pair that fails or hangs is
reported with an error object and the batch goes on (the hung worker is replaced). An output
file that already holds some pairs' lines is resumed: those ids are skipped."""
from __future__ import annotations

import csv
import json
import multiprocessing
import os
import time
from dataclasses import dataclass
from multiprocessing.connection import wait

HARD_LIMIT_FACTOR = 12  # a pair may take this many statement time limits in all


@dataclass(frozen=True)
class Pair:
    id: object
    reference: str
    answer: str
    given: tuple = ()
    problem: str = ""  # why the input row cannot be checked, if it cannot


def read_pairs(path: str) -> list[Pair]:
    """JSONL (one object a line) or CSV (a header row), by the file's suffix."""
    with open(path, encoding="utf-8", newline="") as handle:
        if path.lower().endswith(".csv"):
            rows = [(number, row) for number, row in enumerate(csv.DictReader(handle), 1)]
        else:
            rows = [(number, _json_row(line)) for number, line in enumerate(handle, 1)
                    if line.strip()]
    return [_pair(number, row) for number, row in rows]


def _json_row(line: str):
    try:
        row = json.loads(line)
    except json.JSONDecodeError as error:
        return f"not a JSON object: {error.msg}"
    return row if isinstance(row, dict) else "not a JSON object"


def _pair(number: int, row) -> Pair:
    if isinstance(row, str):
        return Pair(number, "", "", problem=f"line {number}: {row}")
    pair_id = row.get("id")
    pair_id = number if pair_id in (None, "") else pair_id
    missing = [field for field in ("reference", "answer") if not isinstance(row.get(field), str)]
    if missing:
        return Pair(pair_id, "", "", problem=f"line {number}: no {' and no '.join(missing)}")
    return Pair(pair_id, row["reference"], row["answer"], _given(row.get("given")))


def _given(value) -> tuple:
    if value in (None, ""):
        return ()
    if isinstance(value, str):
        return tuple(part.strip() for part in value.split(";") if part.strip())
    return tuple(str(part) for part in value)


def check_pair(pair: Pair, tolerance=None, timeout: float = 5.0) -> dict:
    """One output line: the verdict's JSON with the pair's id; never raises."""
    from . import check

    if pair.problem:
        return _error_line(pair, "InputError", pair.problem)
    try:
        verdict = check(pair.reference, pair.answer, pair.given, tolerance=tolerance,
                        timeout=timeout)
    except Exception as error:  # noqa: BLE001 - one bad pair never stops a batch
        return _error_line(pair, "SymmlError", f"could not check this pair: "
                           f"{type(error).__name__}: {error}")
    return {"id": pair.id, **verdict.to_json()}


def _error_line(pair: Pair, kind: str, message: str) -> dict:
    return {"id": pair.id, "equal": None, "reason": message, "counterexample": None,
            "reference": pair.reference, "answer": pair.answer,
            "error": {"type": kind, "message": message, "line": 1, "column": 1}}


def timed_out(pair: Pair, seconds: float) -> dict:
    return _error_line(pair, "LimitExceeded", f"checking this pair took longer than "
                       f"{seconds:g} s; it was stopped")


# --- resuming ----------------------------------------------------------------------------
def done_ids(path: str | None) -> set:
    """The ids already written to `path`; a last line cut short is removed."""
    if not path or not os.path.exists(path):
        return set()
    with open(path, "rb") as handle:
        data = handle.read()
    if data and not data.endswith(b"\n"):
        data = data[:data.rfind(b"\n") + 1]
        with open(path, "wb") as handle:
            handle.write(data)
    ids = set()
    for line in data.decode("utf-8").splitlines():
        try:
            ids.add(_key(json.loads(line).get("id")))
        except (json.JSONDecodeError, AttributeError):
            continue
    return ids


def _key(pair_id) -> str:
    return json.dumps(pair_id)


# --- running -----------------------------------------------------------------------------
def run_batch(pairs: list[Pair], write, *, jobs: int | None = None, tolerance=None,
              timeout: float = 5.0, progress: bool = True, skip: set = frozenset(),
              hard_limit: float | None = None) -> int:
    """Check `pairs`, calling `write(line_dict)` in input order; returns pairs written.
    A pair still running after `hard_limit` seconds (default HARD_LIMIT_FACTOR × timeout)
    is stopped."""
    pending = [p for p in pairs if _key(p.id) not in skip]
    jobs = max(1, min(jobs or os.cpu_count() or 1, len(pending) or 1))
    pool = _Pool(jobs, tolerance, timeout, hard_limit or HARD_LIMIT_FACTOR * timeout)
    bar = _progress(len(pending), progress)  # after the fork: no thread is copied
    try:
        for line in pool.results(pending):
            write(line)
            bar.update(1)
    finally:
        pool.close()
        bar.close()
    return len(pending)


def _progress(total: int, shown: bool):
    from tqdm import tqdm

    return tqdm(total=total, unit="pair", disable=not shown, file=None, dynamic_ncols=True)


def _worker(connection, tolerance, timeout) -> None:
    while True:
        job = connection.recv()
        if job is None:
            return
        index, pair = job
        connection.send((index, check_pair(pair, tolerance, timeout)))


class _Pool:
    """Worker processes fed one pair at a time; a worker past the hard limit is killed and
    replaced, and its pair reported as timed out."""

    def __init__(self, jobs: int, tolerance, timeout: float, limit: float):
        self.context = multiprocessing.get_context(
            "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")
        self.tolerance, self.timeout = tolerance, timeout
        self.limit = limit
        self.workers = [self._start() for _ in range(jobs)]

    def _start(self):
        parent, child = self.context.Pipe()
        process = self.context.Process(target=_worker, args=(child, self.tolerance,
                                                             self.timeout), daemon=True)
        process.start()
        child.close()
        return {"process": process, "connection": parent, "job": None, "started": 0.0}

    def results(self, pairs: list[Pair]):
        """Yield each pair's line, in input order."""
        queue = list(enumerate(pairs))
        queue.reverse()
        finished: dict[int, dict] = {}
        next_index = 0
        while next_index < len(pairs):
            for worker in self.workers:
                if worker["job"] is None and queue:
                    job = queue.pop()
                    worker["job"], worker["started"] = job, time.monotonic()
                    worker["connection"].send(job)
            busy = [w["connection"] for w in self.workers if w["job"] is not None]
            ready = wait(busy, timeout=1.0) if busy else []
            for worker in self.workers:
                if worker["connection"] in ready:
                    self._collect(worker, finished)
            self._stop_overdue(finished)
            while next_index in finished:
                yield finished.pop(next_index)
                next_index += 1

    def _collect(self, worker, finished) -> None:
        index, pair = worker["job"]
        try:
            got_index, line = worker["connection"].recv()
            finished[got_index] = line
        except (EOFError, OSError):  # the worker died (out of memory, a crash)
            finished[index] = _error_line(pair, "SymmlError", "the worker checking this "
                                          "pair stopped unexpectedly")
            self._replace(worker)
            return
        worker["job"] = None

    def _stop_overdue(self, finished) -> None:
        now = time.monotonic()
        for worker in self.workers:
            if worker["job"] is not None and now - worker["started"] > self.limit:
                index, pair = worker["job"]
                finished[index] = timed_out(pair, self.limit)
                self._replace(worker)

    def _replace(self, worker) -> None:
        worker["process"].kill()
        worker["process"].join()
        worker["connection"].close()
        worker.update(self._start())

    def close(self) -> None:
        for worker in self.workers:
            try:
                worker["connection"].send(None)
            except OSError:
                pass
        for worker in self.workers:
            worker["process"].join(timeout=5)
            if worker["process"].is_alive():
                worker["process"].kill()
                worker["process"].join()
