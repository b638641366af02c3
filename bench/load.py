"""A small closed-loop load client: a few threads on loopback, each with its
own keep-alive connection (http.client reconnects when the server closes it,
as gunicorn's sync workers do after every response), bounded in requests and time."""
import http.client
import itertools
import threading
import time
from dataclasses import dataclass, field

CONCURRENCY = 4
MAX_REQUESTS = 20000
MAX_SECONDS = 8.0


@dataclass
class Result:
    label: str
    path: str
    latencies: list = field(default_factory=list)  # seconds, successful requests only
    errors: int = 0
    hits: int = 0
    misses: int = 0
    body_bytes: int = 0
    seconds: float = 0.0
    first_error: str = ""

    @property
    def count(self):
        return len(self.latencies)

    @property
    def rps(self):
        return self.count / self.seconds if self.seconds else 0.0

    def percentile(self, p):
        if not self.latencies:
            return float("nan")
        ordered = sorted(self.latencies)
        # nearest-rank
        rank = max(1, min(len(ordered), round(p / 100 * len(ordered) + 0.5)))
        return ordered[rank - 1]

    @property
    def hit_ratio(self):
        seen = self.hits + self.misses
        return self.hits / seen if seen else None


def fetch(port, path, timeout=30):
    """One GET on a fresh connection: (status, headers dict, body bytes)."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request("GET", path)
        response = conn.getresponse()
        body = response.read()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, body
    finally:
        conn.close()


def hammer(port, label, path_for, *, concurrency=CONCURRENCY, max_requests=MAX_REQUESTS,
           max_seconds=MAX_SECONDS, headers=None):
    """Request path_for(i) for i = 0, 1, 2… from `concurrency` threads until
    max_requests have been sent or max_seconds have passed."""
    result = Result(label=label, path=path_for(0))
    counter = itertools.count()
    lock = threading.Lock()
    deadline = time.perf_counter() + max_seconds

    def worker():
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        latencies, errors, hits, misses, size, first_error = [], 0, 0, 0, 0, ""
        try:
            while time.perf_counter() < deadline:
                i = next(counter)
                if i >= max_requests:
                    break
                path = path_for(i)
                began = time.perf_counter()
                try:
                    conn.request("GET", path, headers=headers or {})
                    response = conn.getresponse()
                    body = response.read()
                except (OSError, http.client.HTTPException) as exc:
                    errors += 1
                    first_error = first_error or f"{path}: {exc.__class__.__name__}: {exc}"
                    conn.close()
                    continue
                elapsed = time.perf_counter() - began
                if response.status != 200:
                    errors += 1
                    first_error = first_error or f"{path}: HTTP {response.status}"
                    continue
                latencies.append(elapsed)
                size = len(body)
                cache = response.getheader("X-Page-Cache")
                if cache == "hit":
                    hits += 1
                elif cache == "miss":
                    misses += 1
        finally:
            conn.close()
            with lock:
                result.latencies.extend(latencies)
                result.errors += errors
                result.hits += hits
                result.misses += misses
                result.body_bytes = result.body_bytes or size
                result.first_error = result.first_error or first_error

    threads = [threading.Thread(target=worker, daemon=True) for _ in range(concurrency)]
    began = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=max_seconds + 60)
    result.seconds = time.perf_counter() - began
    return result
