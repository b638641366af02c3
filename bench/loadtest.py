"""`make loadtest`: the real site under gunicorn on loopback, against
PostgreSQL, with a cohort of participants writing their plans and reports at
once while visitors browse the public pages and two more of them post the
largest hostile reports they can without pause (bench/loadtest_attack.py);
then a check, in the database,
that everything the server said it kept is stored exactly once.

    .venv/bin/python -m bench.loadtest

Settings come from the environment:

    LOADTEST_SECONDS        how long the load lasts (default 45)
    LOADTEST_DATABASE_URL   default postgres://ci:ci@127.0.0.1:5432/peerlearning_load
                            (created and dropped by the run when its name ends in _load)
    LOADTEST_ORGANISATIONS  councils in the cohort (default 40; two or three people each)
    LOADTEST_LOGINS         people who sign in through the login form (default 16)
                            (both defaults shrink in proportion for runs under 45 s)
    LOADTEST_THREADS        client threads stepping through the participants (default 8)
    LOADTEST_VISITORS       client threads browsing the public pages (default 3)
    LOADTEST_WORKERS        gunicorn sync workers (default 3)
    LOADTEST_SEED           for the random choices (default 1)
    LOADTEST_KEEP_DB=1      keep the database afterwards, to look at it

Exits 0 when no request failed and every check held; 1 otherwise; 2 when no
PostgreSQL server could be reached."""
import os
import random
import shutil
import signal
import sys
import threading
import time
from pathlib import Path

from bench import load
from bench.environment import PYTHON, REPO, SETTINGS_MODULE, VAR, configure_django
from bench.loadtest_attack import LARGEST, OVERSIZED, run_attackers
from bench.loadtest_client import Tally
from bench.loadtest_people import RACE_EVERY, OrgState, Participant, run_participants, run_visitors
from bench.loadtest_setup import DEFAULT_URL, NoDatabase
from bench.servers import Gunicorn

LOADTEST_VAR = REPO / "var" / "loadtest"
PAGE_CACHE_DIR = LOADTEST_VAR / "page-cache"
FULL_SECONDS = 45.0
FULL_ORGANISATIONS = 40
FULL_LOGINS = 16


def say(message=""):
    print(message, flush=True)


def setting(name, default, kind=int):
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        return kind(raw)
    except ValueError:
        raise SystemExit(f"load test: {name}={raw!r} is not a number") from None


def server_env(url):
    """What the site runs with, here and under gunicorn: production settings,
    DEBUG off, the load test's database and page cache, email kept in memory
    (receipts are still rendered and recorded; nothing leaves the machine)."""
    return {
        "DATABASE_URL": url,
        "PAGE_CACHE_DIR": str(PAGE_CACHE_DIR),
        "DJANGO_EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        "WAGTAILADMIN_BASE_URL": "https://127.0.0.1",
    }


def timeline(entries, *, seconds, rng):
    """When each organisation arrives, submits its plan and submits its report,
    in seconds from the start: arrivals over the first quarter, plans due
    between 35% and 60% of the run, reports between 65% and 90%."""
    order = list(range(len(entries)))
    rng.shuffle(order)
    states = []
    for position, i in enumerate(order):
        entry = entries[i]
        arrive = 0.25 * seconds * position / max(1, len(entries))
        states.append(OrgState(
            name=entry.name, membership_id=entry.membership_id, arrive_at=arrive,
            plan_due=max(arrive + 0.1 * seconds, rng.uniform(0.35, 0.6) * seconds),
            report_due=rng.uniform(0.65, 0.9) * seconds,
            race=i % RACE_EVERY == RACE_EVERY - 1,
        ))
    return [states[order.index(i)] for i in range(len(entries))]


def process_cpu():
    """CPU seconds used so far by each process on this machine, with its name
    and process group: pid -> (name, group, seconds)."""
    ticks = os.sysconf("SC_CLK_TCK")
    used = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            text = stat.read_text()
        except OSError:
            continue
        fields = text[text.rindex(")") + 2:].split()
        used[int(stat.parent.name)] = (
            text[text.index("(") + 1:text.rindex(")")], int(fields[2]),
            (int(fields[11]) + int(fields[12])) / ticks,
        )
    return used


def machine_busy():
    """CPU seconds the whole machine has spent busy so far."""
    with open("/proc/stat") as stat:
        fields = [int(v) for v in stat.readline().split()[1:]]
    return (fields[0] + fields[1] + fields[2] + sum(fields[5:8])) / os.sysconf("SC_CLK_TCK")


class CpuShares:
    """Where the machine's CPU went while the load ran: the gunicorn workers
    (its process group), this client, PostgreSQL, and everything else (other
    work on a shared machine makes every figure lower and noisier)."""

    def __init__(self, server_group):
        self.group = server_group
        self.began = (time.monotonic(), machine_busy(), process_cpu(), time.process_time())

    def report(self):
        wall = time.monotonic() - self.began[0]
        busy = machine_busy() - self.began[1]
        before, after = self.began[2], process_cpu()
        spent = {"server": 0.0, "postgres": 0.0}
        for pid, (name, group, seconds) in after.items():
            earlier = before.get(pid)
            delta = seconds - (earlier[2] if earlier and earlier[0] == name else 0.0)
            if group == self.group:
                spent["server"] += delta
            elif name.startswith("postgres"):
                spent["postgres"] += delta
        client = time.process_time() - self.began[3]
        other = max(0.0, busy - spent["server"] - spent["postgres"] - client)
        capacity = wall * (os.cpu_count() or 1)
        return (f"CPU over the load, as shares of {os.cpu_count()} cores: gunicorn workers "
                f"{spent['server'] / capacity:.0%}, PostgreSQL {spent['postgres'] / capacity:.0%}, "
                f"load client {client / capacity:.0%}, other processes {other / capacity:.0%}"
                + (" - other work was competing for the CPU, so the figures are low and noisy"
                   if other / capacity > 0.10 else ""))


def warm_up(port):
    """Each worker imports, connects and loads templates before anything counts."""
    for path in ("/", "/accounts/login/", "/case-studies/"):
        result = load.hammer(port, "warm-up", lambda i, path=path: path, concurrency=3,
                             max_requests=9, max_seconds=60, headers={"X-Forwarded-Proto": "https"})
        if result.errors:
            raise RuntimeError(f"warm-up: {path} fails: {result.first_error}")


def figures(tally, seconds):
    header = f"{'request':<12} {'count':>6} {'req/s':>7} {'median ms':>9} {'p95 ms':>8} {'errors':>6}"
    lines = [header, "-" * len(header)]
    total = 0
    for kind in tally.kinds.values():
        total += kind.count
        hits = kind.hits + kind.misses
        cache = f"   (page cache hits {kind.hits / hits:.0%})" if hits else ""
        lines.append(
            f"{kind.name:<12} {kind.count:>6} {kind.count / seconds:>7.1f} "
            f"{kind.percentile(50) * 1000:>9.1f} {kind.percentile(95) * 1000:>8.1f} {kind.errors:>6}{cache}"
        )
    lines.append("-" * len(header))
    lines.append(f"{'all':<12} {total:>6} {total / seconds:>7.1f} {'':>9} {'':>8} {tally.errors:>6}")
    return "\n".join(lines)


def _stop_on_sigterm(signum, frame):
    raise SystemExit(128 + signum)


def main():
    signal.signal(signal.SIGTERM, _stop_on_sigterm)
    seconds = setting("LOADTEST_SECONDS", FULL_SECONDS, float)
    url = os.environ.get("LOADTEST_DATABASE_URL", "").strip() or DEFAULT_URL
    # A shorter run has a smaller cohort, so that it still gets through plans and reports.
    scale = min(1.0, seconds / FULL_SECONDS)
    organisations = setting("LOADTEST_ORGANISATIONS", max(8, round(FULL_ORGANISATIONS * scale)))
    logins = setting("LOADTEST_LOGINS", max(4, round(FULL_LOGINS * scale)))
    threads = setting("LOADTEST_THREADS", 8)
    visitors = setting("LOADTEST_VISITORS", 3)
    workers = setting("LOADTEST_WORKERS", 3)
    seed = setting("LOADTEST_SEED", 1)
    keep = os.environ.get("LOADTEST_KEEP_DB", "") not in ("", "0")
    began = time.perf_counter()
    os.chdir(REPO)
    VAR.mkdir(parents=True, exist_ok=True)

    from bench.loadtest_setup import drop_database, prepare_database

    say(f"load test: {os.cpu_count()} CPU(s), Python {sys.version.split()[0]}, settings {SETTINGS_MODULE} "
        f"(DEBUG off), {seconds:g}s of load")
    try:
        created = prepare_database(url, say)
    except NoDatabase as problem:
        say(f"load test: needs PostgreSQL, and none is reachable: {problem}")
        say("Start one (as .ci/run does) or point LOADTEST_DATABASE_URL at one.")
        return 2
    shutil.rmtree(PAGE_CACHE_DIR, ignore_errors=True)
    PAGE_CACHE_DIR.mkdir(parents=True, exist_ok=True)
    configure_django(**server_env(url))
    try:
        return run(url=url, seconds=seconds, organisations=organisations, logins=logins, threads=threads,
                   visitors=visitors, workers=workers, seed=seed, began=began)
    finally:
        if created and not keep:
            drop_database(url, say)
        elif keep:
            say(f"database kept: {url}")


def run(*, url, seconds, organisations, logins, threads, visitors, workers, seed, began):
    from bench.loadtest_checks import verify
    from bench.loadtest_setup import build_cohort, migrate_and_load_demo, public_paths
    from bench.run import collect_static

    migrate_and_load_demo(say)
    collect_static()
    run_number = int(time.time()) % 1_000_000
    entries = build_cohort(run=run_number, organisations=organisations + 1, form_logins=logins, say=say)
    # The last organisation's people attack (bench/loadtest_attack.py); the rest are checked.
    attackers, entries = entries[-1].people, entries[:-1]
    paths = public_paths()
    say(f"setup: visitors browse {sum(len(v) for v in paths.values())} public addresses "
        f"({len(paths['case study'])} case studies, {len(paths['filtered index'])} filtered indexes, "
        f"{len(paths['search'])} searches)")

    rng = random.Random(seed)
    states = timeline(entries, seconds=seconds, rng=rng)
    tally = Tally()
    names = [entry.name for entry in entries]

    say(f"server: gunicorn config.wsgi, {workers} sync workers on 127.0.0.1 ({PYTHON})")
    with Gunicorn("config.wsgi:application", "loadtest", probe_path="/robots.txt", workers=workers,
                  env=server_env(url)) as site:
        warm_up(site.port)
        participants = [
            Participant(person, state, site.port, tally, random.Random(f"{seed}-{person.username}"), names)
            for entry, state in zip(entries, states, strict=True) for person in entry.people
        ]
        # In order of arrival, colleagues next to each other: dealt out in turn
        # to the client threads, colleagues land on different threads.
        participants.sort(key=lambda p: p.org.arrive_at)
        say(f"load: {len(participants)} participants from {len(states)} organisations on {threads} client "
            f"threads, {visitors} visitor threads and 2 threads posting the largest hostile reports "
            f"('{OVERSIZED}': refused, '{LARGEST}': accepted) without pause, {seconds:g}s")
        stop = threading.Event()
        meter = CpuShares(site.process.pid)
        start = time.perf_counter()
        pool = run_participants(participants, threads=threads, began=start, seconds=seconds, stop=stop)
        pool += run_visitors(paths, port=site.port, tally=tally, threads=visitors, began=start,
                             seconds=seconds, stop=stop, seed=seed)
        pool += run_attackers(attackers, port=site.port, tally=tally, began=start, seconds=seconds, stop=stop,
                              password=Participant._password())
        for thread in pool:
            thread.start()
        try:
            for thread in pool:
                thread.join(timeout=max(0.0, start + seconds + 90 - time.perf_counter()))
        finally:
            stop.set()
        elapsed = time.perf_counter() - start
        cpu = meter.report()
        stuck = sum(thread.is_alive() for thread in pool)
        for participant in participants:
            participant.browser.close()
        log_tail = site.log_tail(60)
    say()
    say(figures(tally, elapsed))
    say(f"(over {elapsed:.1f}s; latencies are of every answer, queueing included: "
        f"{threads + visitors + 2} client threads share {workers} workers)")
    say()
    say("what the saves were answered (a conflict is a correct answer: someone else saved in between):")
    for noun in ("plan", "one-page report"):
        answers = [(name[len(noun) + 1:], count) for name, count in sorted(tally.outcomes.items())
                   if name.startswith(noun + " ")]
        say(f"  {noun}: " + (", ".join(f"{name} {count}" for name, count in answers) or "none"))
    for kind in tally.kinds.values():
        for example in kind.examples:
            say(f"  error ({kind.name}): {example}")
    if stuck:
        say(f"  {stuck} client threads were still waiting for an answer at the end")
    say(cpu)

    say()
    checks, tallies = verify(states)
    for noun, (told, stored) in tallies.items():
        say(f"{noun}s: {told} of {len(states)} organisations were told they submitted; {stored} stored as submitted")
    for name, (held, total) in checks.counts.items():
        say(f"  check {'ok  ' if held == total else 'FAIL'} {name}: {held}/{total}")
    for failure in checks.failures[:20]:
        say(f"    {failure}")
    if tally.errors and log_tail.strip():
        say("gunicorn log (last lines):")
        say(log_tail)
    failed = bool(tally.errors or checks.failures or stuck)
    say(f"load test: {'FAILED' if failed else 'passed'} in {time.perf_counter() - began:.0f}s "
        f"({tally.errors} failed requests, {len(checks.failures)} failed checks)")
    return 1 if failed else 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except RuntimeError as failure:
        print(f"load test FAILED: {failure}", file=sys.stderr, flush=True)
        sys.exit(1)
