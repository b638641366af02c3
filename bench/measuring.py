"""What the in-process benchmarks (themes, reports, outcomes, bad input)
share: printing as they go, timing a function with its query count, and a
throw-away SQLite database under the production settings."""
import os
import statistics
import sys
import time

from bench.environment import REPO, VAR, bench_env


def say(message=""):
    print(message, flush=True)


def use_sqlite(path, *, fresh):
    """Set Django up on the SQLite file `path` (removed first when `fresh`)."""
    VAR.mkdir(parents=True, exist_ok=True)
    if fresh:
        for stale in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
            stale.unlink(missing_ok=True)
    os.environ.update(bench_env(DATABASE_URL=f"sqlite:///{path}"))
    if str(REPO) not in sys.path:
        sys.path.insert(0, str(REPO))
    import django

    django.setup()


def timed(label, function, runs=5, width=62):
    """Print the median milliseconds and the queries of `function()` over
    `runs` runs; return its last result."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    timings, queries, result = [], 0, None
    for _ in range(runs):
        with CaptureQueriesContext(connection) as context:
            began = time.perf_counter()
            result = function()
            timings.append((time.perf_counter() - began) * 1000)
        queries = len(context.captured_queries)
    say(f"{label:<{width}} {statistics.median(timings):>9.1f} ms {queries:>4} quer{'y' if queries == 1 else 'ies'}")
    return result
