"""`symml check --batch FILE --dask ADDRESS`: the same pairs checked on a Dask cluster
(the `dask` extra), lines written in input order."""
from __future__ import annotations

from .batch import HARD_LIMIT_FACTOR, Pair, _error_line, _key, _progress, check_pair, timed_out


def run_on_dask(pairs: list[Pair], write, address, *, tolerance=None, timeout: float = 5.0,
                progress: bool = True, skip: set = frozenset()) -> int:
    """Like `batch.run_batch`, on the cluster at `address` (a string or a Client)."""
    try:
        from distributed import Client
    except ImportError:  # pragma: no cover - the extra is installed with the tests
        raise RuntimeError("--dask needs the dask extra: pip install 'symml[dask]'") from None

    from dask.distributed import TimeoutError as DaskTimeout

    pending = [p for p in pairs if _key(p.id) not in skip]
    client = address if isinstance(address, Client) else Client(address)
    limit = HARD_LIMIT_FACTOR * timeout
    bar = _progress(len(pending), progress)
    try:
        futures = client.map(check_pair, pending, tolerance=tolerance, timeout=timeout,
                             pure=False)
        for pair, future in zip(pending, futures):
            try:
                line = future.result(timeout=limit)
            except DaskTimeout:
                future.cancel()
                line = timed_out(pair, limit)
            except Exception as error:  # noqa: BLE001 - a lost worker: report, go on
                line = _error_line(pair, "SymmlError", f"the cluster failed: "
                                   f"{type(error).__name__}: {error}")
            write(line)
            bar.update(1)
    finally:
        bar.close()
        if client is not address:
            client.close()
    return len(pending)
