"""`make bench`: build (or reuse) a large library, serve it with gunicorn and
measure the public pages, next to the same server returning a fixed response of
the same size, so the figures read as a share of what this machine can serve.

    .venv/bin/python -m bench.run [--rebuild] [--seconds 8] [--requests 5000] [--concurrency 4]

cold: the page cache is purged first, and every request carries a unique
      throw-away query parameter, so every request misses the cache and renders
      (and stores) the page: what the first visitors after a publish get.
warm: the same URL again and again, answered from the anonymous page cache.
"""
import argparse
import os
import resource
import signal
import sys
import time
from urllib.parse import quote_plus

from bench import load
from bench.environment import DB_PATH, PAGE_CACHE_DIR, REPO, SETTINGS_MODULE, configure_django
from bench.servers import WORKERS, Gunicorn

SEARCH_QUERY = "apprenticeship"


class BenchFailure(Exception):
    pass


def say(message=""):
    print(message, flush=True)


def _stop_on_sigterm(signum, frame):
    raise SystemExit(128 + signum)


def collect_static():
    from django.core.management import call_command

    began = time.perf_counter()
    call_command("collectstatic", interactive=False, verbosity=0)
    say(f"collectstatic: {time.perf_counter() - began:.1f}s (manifest storage needs it)")


def purge_page_cache():
    from programme.pages import purge_public_pages

    purge_public_pages()


def choose_targets():
    """(label, path) of every URL measured."""
    from resources.models import CaseStudyPage, Topic

    case_studies = CaseStudyPage.objects.live().order_by("path")
    case_study = case_studies[case_studies.count() // 2]
    topic = Topic.objects.filter(case_studies__live=True).order_by("sort_order", "name").first()
    return [
        ("home page", "/"),
        ("case study index", "/case-studies/"),
        ("case study", case_study.url),
        ("filtered index", f"/case-studies/?topic={topic.slug}"),
        ("search", f"/search/?q={quote_plus(SEARCH_QUERY)}"),
    ]


# The page cache serves only visitors without a session, and ignores query
# parameters a page does not read; a (meaningless) session cookie is how a
# request asks for a fresh render, as a logged-in visitor would get.
UNCACHED = {"Cookie": "sessionid=bench-uncached"}


def same_path(path):
    return lambda i: path


def warm_up(port, targets):
    """Let both workers import, connect and load templates before anything is timed."""
    for label, path in targets:
        result = load.hammer(port, label, same_path(path), concurrency=WORKERS,
                             max_requests=6, max_seconds=30, headers=UNCACHED)
        if result.errors:
            raise BenchFailure(f"{label} ({path}) fails: {result.first_error}")


def measure_site(port, targets, args):
    results = []
    for label, path in targets:
        purge_page_cache()
        cold = load.hammer(port, f"{label}", same_path(path), concurrency=args.concurrency,
                           max_requests=args.requests, max_seconds=args.seconds, headers=UNCACHED)
        cold.state = "cold"
        report_line(cold)
        purge_page_cache()
        load.fetch(port, path)  # the first visitor renders and stores it
        warm = load.hammer(port, f"{label}", lambda i, path=path: path,
                           concurrency=args.concurrency, max_requests=args.requests,
                           max_seconds=args.seconds)
        warm.state = "warm"
        report_line(warm)
        results += [cold, warm]
    return results


def report_line(result):
    hit = "" if result.hit_ratio is None else f", cache hits {result.hit_ratio:.0%}"
    say(
        f"  {result.label:<17} {getattr(result, 'state', ''):<5} {result.count:>5} requests in "
        f"{result.seconds:4.1f}s: {result.rps:7.1f} req/s, median {result.percentile(50) * 1000:6.1f} ms, "
        f"p95 {result.percentile(95) * 1000:6.1f} ms, {result.errors} errors{hit}"
    )
    if result.first_error:
        say(f"    first error: {result.first_error}")


def _get(port, path):
    status, headers, body = load.fetch(port, path)
    if status != 200:
        raise BenchFailure(f"GET {path} answered {status}")
    return headers.get("x-page-cache", "(none)"), body.decode("utf-8", "replace")


def check_purge(port):
    """Publish and unpublish a case study through the ORM and check that the very
    next request for the (cached) index and the page itself shows it."""
    from django.utils.html import escape

    from resources.models import CaseStudyPage

    index = "/case-studies/"
    page = CaseStudyPage.objects.live().order_by("-first_published_at", "title").first()
    url, original_title = page.url, page.title
    for path in (index, url):
        _get(port, path)
        cache, _ = _get(port, path)
        if cache != "hit":
            raise BenchFailure(f"{path} is not served from the page cache (X-Page-Cache: {cache})")

    new_title = f"Bench edit {int(time.time())}"
    try:
        page.title = new_title
        began = time.perf_counter()
        page.save_revision().publish()
        publish_ms = (time.perf_counter() - began) * 1000
        cache, body = _get(port, index)
        page_cache, page_body = _get(port, url)
        if escape(new_title) not in body or escape(new_title) not in page_body:
            raise BenchFailure(
                f"purge on publish: FAILED - after publishing '{new_title}' the index "
                f"(X-Page-Cache: {cache}) or the page (X-Page-Cache: {page_cache}) still shows "
                "the old title"
            )
        say(f"purge on publish: ok (publish took {publish_ms:.0f} ms; the next request for the "
            f"index, X-Page-Cache: {cache}, shows '{new_title}')")

        _get(port, index)  # cached again
        page.refresh_from_db()
        page.unpublish()
        cache, body = _get(port, index)
        page_status = load.fetch(port, url)[0]
        if escape(new_title) in body or page_status != 404:
            raise BenchFailure(
                f"purge on unpublish: FAILED - the index (X-Page-Cache: {cache}) still lists "
                f"'{new_title}' or its page answers {page_status} instead of 404"
            )
        say(f"purge on unpublish: ok (the next request for the index, X-Page-Cache: {cache}, no "
            f"longer lists it; the page answers {page_status})")
    finally:
        # Leave the library as it was: the page live, under its own title.
        page = CaseStudyPage.objects.get(pk=page.pk)
        page.title = original_title
        page.save_revision().publish()
    _, body = _get(port, index)
    if escape(original_title) not in body:
        raise BenchFailure(f"republishing '{original_title}' did not show on the index")


def format_table(results, baseline, queries):
    header = (
        f"{'page':<17} {'cache':<5} {'requests/s':>10} {'median ms':>9} {'p95 ms':>8} "
        f"{'errors':>6} {'cache hits':>10} {'% fixed':>7} {'bytes':>7} {'SQL':>4}  URL"
    )
    lines = [header, "-" * len(header)]
    for result in [*results, baseline]:
        hits = "-" if result.hit_ratio is None else f"{result.hit_ratio:.0%}"
        share = f"{result.rps / baseline.rps:.1%}" if baseline.rps else "-"
        state = getattr(result, "state", "")
        sql = queries.get(result.label, "-") if state == "cold" else "-"
        lines.append(
            f"{result.label:<17} {state:<5} {result.rps:>10.1f} "
            f"{result.percentile(50) * 1000:>9.1f} {result.percentile(95) * 1000:>8.1f} "
            f"{result.errors:>6} {hits:>10} {share:>7} {result.body_bytes:>7} {sql:>4}  {result.path}"
        )
    return "\n".join(lines)


def count_queries(targets):
    """SQL queries one uncached render of each page makes (rendered in this process)."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST="localhost")
    counts = {}
    for label, path in targets:
        client.get(path)  # first render in this process loads templates, sites, content types
        purge_page_cache()
        with CaptureQueriesContext(connection) as captured:
            response = client.get(path)
        if response.status_code != 200:
            raise BenchFailure(f"{label} ({path}) answers {response.status_code} in process")
        counts[label] = len(captured.captured_queries)
    purge_page_cache()
    return counts


def measure_fixed(port, label, args):
    result = load.hammer(port, label, lambda i: "/", concurrency=args.concurrency,
                         max_requests=args.requests, max_seconds=args.seconds)
    result.state = ""
    report_line(result)
    return result


def combine(label, first, second):
    combined = load.Result(label=label, path=first.path)
    for part in (first, second):
        combined.latencies += part.latencies
        combined.errors += part.errors
        combined.seconds += part.seconds
        combined.body_bytes = part.body_bytes
        combined.first_error = combined.first_error or part.first_error
    combined.state = ""
    return combined


class CpuMeter:
    """CPU time the whole machine spent busy, against what this process and the
    servers it started (its reaped children) spent: the rest is other processes
    competing for the same cores, which makes every figure lower and noisier."""

    def __init__(self):
        self.began = self._sample()

    @staticmethod
    def _sample():
        ticks = os.sysconf("SC_CLK_TCK")
        with open("/proc/stat") as stat:
            fields = [int(v) for v in stat.readline().split()[1:]]
        busy = (fields[0] + fields[1] + fields[2] + sum(fields[5:8])) / ticks
        ours = sum(
            usage.ru_utime + usage.ru_stime
            for usage in (resource.getrusage(resource.RUSAGE_SELF),
                          resource.getrusage(resource.RUSAGE_CHILDREN))
        )
        return time.monotonic(), busy, ours

    def report(self):
        now = self._sample()
        wall = now[0] - self.began[0]
        busy, ours = now[1] - self.began[1], now[2] - self.began[2]
        others = max(0.0, busy - ours)
        cores = os.cpu_count() or 1
        return (f"CPU while measuring: bench and its servers {ours / wall / cores:.0%}, "
                f"other processes {others / wall / cores:.0%} of {cores} cores over {wall:.0f}s"
                + (" - other work was competing for the CPU, so figures are low and noisy"
                   if others / wall / cores > 0.10 else ""))


def main(argv=None):
    parser = argparse.ArgumentParser(description="Benchmark the public pages under gunicorn.")
    parser.add_argument("--rebuild", action="store_true", help="build the library afresh")
    parser.add_argument("--seconds", type=float, default=load.MAX_SECONDS,
                        help="longest time per measurement (default %(default)s)")
    parser.add_argument("--requests", type=int, default=load.MAX_REQUESTS,
                        help="most requests per measurement (default %(default)s)")
    parser.add_argument("--concurrency", type=int, default=load.CONCURRENCY,
                        help="client threads (default %(default)s)")
    args = parser.parse_args(argv)
    signal.signal(signal.SIGTERM, _stop_on_sigterm)

    began = time.perf_counter()
    os.chdir(REPO)
    configure_django()
    from bench.build_library import ensure_library

    say(f"bench: {os.cpu_count()} CPU(s), Python {sys.version.split()[0]}, settings {SETTINGS_MODULE}, "
        f"database {DB_PATH.relative_to(REPO)}, page cache {PAGE_CACHE_DIR.relative_to(REPO)}")
    say(f"load: gunicorn {WORKERS} sync workers on 127.0.0.1; client {args.concurrency} threads, "
        f"at most {args.requests} requests or {args.seconds:g}s per measurement")
    ensure_library(rebuild=args.rebuild, stdout=say)
    collect_static()
    targets = choose_targets()

    purge_page_cache()
    meter = CpuMeter()
    say("site: starting gunicorn config.wsgi")
    with Gunicorn("config.wsgi:application", "site", probe_path="/robots.txt") as site:
        warm_up(site.port, targets)
        _, _, index_body = load.fetch(site.port, "/case-studies/")
        body_size = len(index_body)
        queries = count_queries(targets)
        say(f"site: serving on port {site.port}; the case study index is {body_size:,} bytes")
        # The fixed-response server idles (blocked in accept) while the site is measured;
        # it is measured before and after, so a change in the machine's load shows.
        say(f"fixed response: starting gunicorn bench.fixed_app ({body_size:,} bytes)")
        with Gunicorn("bench.fixed_app:application", "fixed",
                      env={"BENCH_FIXED_BODY_SIZE": str(body_size)}) as fixed:
            load.hammer(fixed.port, "warmup", lambda i: "/", concurrency=WORKERS, max_requests=200)
            before = measure_fixed(fixed.port, "fixed (before)", args)
            results = measure_site(site.port, targets, args)
            after = measure_fixed(fixed.port, "fixed (after)", args)
        baseline = combine("fixed response", before, after)
        if baseline.body_bytes != body_size:
            raise BenchFailure(f"fixed response was {baseline.body_bytes} bytes, not {body_size}")
        purge_page_cache()
        check_purge(site.port)
    cpu_report = meter.report()  # both servers have stopped and been reaped by now
    purge_page_cache()

    say()
    say(format_table(results, baseline, queries))
    say()
    say("cold: every request misses the page cache and renders the page; warm: served from it.")
    say("% fixed: requests/s as a share of the fixed-response server's (same gunicorn, same "
        "client, same body size); near 100% means as fast as this machine serves anything.")
    say("SQL: queries of one uncached render. Latencies include queueing: "
        f"{args.concurrency} client threads share {WORKERS} workers.")
    drift = abs(before.rps - after.rps) / max(before.rps, after.rps, 1)
    if drift > 0.25:
        say(f"warning: the fixed response ran at {before.rps:.0f} req/s before and {after.rps:.0f} "
            "after the site: the machine's load changed during the run, compare with care.")
    say(cpu_report)
    errors = sum(r.errors for r in results) + baseline.errors
    say(f"bench: finished in {time.perf_counter() - began:.0f}s"
        f"{'' if not errors else f', with {errors} failed requests'}")
    return 1 if errors else 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except (BenchFailure, RuntimeError) as failure:
        print(f"bench FAILED: {failure}", file=sys.stderr, flush=True)
        sys.exit(1)
