"""Real servers for tests/servers: a PostgreSQL database of its own, a Redis
of its own, and gunicorn app servers running the production settings on them.

Needs a PostgreSQL server (SERVERS_DATABASE_URL, else DATABASE_URL when it is
PostgreSQL, else the `ci` role `.ci/run` creates) and Redis (SERVERS_REDIS_URL,
else the redis-server program, which the test starts itself). Without them the tests are skipped, unless REQUIRE_SERVERS=1 (set by
`.ci/run`), which turns the skip into a failure, so CI cannot pass by not
running them."""
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_SERVER = "postgres://ci:ci@127.0.0.1:5432/postgres"


def unavailable(reason):
    if os.environ.get("REQUIRE_SERVERS") == "1":
        pytest.fail(f"the two-server test cannot run: {reason}")
    pytest.skip(reason)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_port(port, process, what, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{what} exited with {process.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"{what} did not listen on {port} within {timeout}s")


def stop(process):
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            pass
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass


def server_url():
    url = os.environ.get("SERVERS_DATABASE_URL", "").strip()
    if not url and os.environ.get("DATABASE_URL", "").startswith("postgres"):
        url = os.environ["DATABASE_URL"]
    return url or DEFAULT_SERVER


@pytest.fixture(scope="module")
def database():
    """A new PostgreSQL database for the servers, dropped at the end."""
    try:
        import psycopg
        from psycopg import sql
    except ImportError:
        unavailable("psycopg is not installed")
    base = server_url()
    prefix, _, _name = base.rpartition("/")
    name = f"peerlearning_servers_{uuid.uuid4().hex[:8]}"
    try:
        admin = psycopg.connect(f"{prefix}/postgres", autocommit=True, connect_timeout=3)
    except psycopg.OperationalError as error:
        unavailable(f"no PostgreSQL server at {prefix}: {error}")
    with admin:
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        yield f"{prefix}/{name}"
    finally:
        with psycopg.connect(f"{prefix}/postgres", autocommit=True) as admin:
            admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


@pytest.fixture(scope="module")
def redis_url():
    """The Redis at SERVERS_REDIS_URL (`.ci/run` starts one), emptied first;
    else a Redis server of the test's own, on a free port, saving nothing."""
    given = os.environ.get("SERVERS_REDIS_URL", "").strip()
    if given:
        import redis

        try:
            redis.Redis.from_url(given, socket_connect_timeout=3).flushdb()
        except redis.RedisError as error:
            unavailable(f"no Redis at {given}: {error}")
        yield given
        return
    program = shutil.which("redis-server")
    if program is None:
        unavailable("the redis-server program is not installed (apt-get install redis-server)")
    port = free_port()
    folder = tempfile.mkdtemp(prefix="redis-")
    process = subprocess.Popen(
        [program, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", folder],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    )
    try:
        wait_for_port(port, process, "redis-server")
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        stop(process)
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="module")
def production_env(database, redis_url, tmp_path_factory):
    """The environment every server (and every management command) runs with."""
    env = {key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "PYTEST"))}
    env.update({
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "DJANGO_SECRET_KEY": "two-servers-" + uuid.uuid4().hex,
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DJANGO_EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        "DATABASE_URL": database,
        "REDIS_URL": redis_url,
        "DJANGO_STATIC_ROOT": str(tmp_path_factory.mktemp("static")),
        "DJANGO_LOG_LEVEL": "ERROR",
        "PYTHONUNBUFFERED": "1",
    })
    return env


def manage(env, *args, stdin=None):
    result = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, input=stdin,
        capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, f"manage.py {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}"
    return result.stdout


class AppServer:
    """One gunicorn server (one sync worker) on a free loopback port."""

    def __init__(self, name, env):
        self.name = name
        self.port = free_port()
        # Each server has disk of its own, as on separate machines: only
        # what they share (PostgreSQL, Redis) can make them agree.
        self.own = tempfile.mkdtemp(prefix=f"server-{name}-")
        env = {**env, "PAGE_CACHE_DIR": f"{self.own}/page-cache", "CACHE_DIR": f"{self.own}/cache"}
        self.log = tempfile.NamedTemporaryFile(prefix=f"gunicorn-{name}-", suffix=".log", delete=False)
        self.process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "config.wsgi:application", "--bind", f"127.0.0.1:{self.port}",
             "--workers", "1", "--timeout", "60", "--log-level", "warning"],
            cwd=ROOT, env=env, stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True,
        )
        wait_for_port(self.port, self.process, f"gunicorn {name}")

    def log_text(self):
        return Path(self.log.name).read_text(errors="replace")[-4000:]

    def stop(self):
        stop(self.process)
        self.log.close()
        os.unlink(self.log.name)
        shutil.rmtree(self.own, ignore_errors=True)


@pytest.fixture(scope="module")
def two_servers(production_env):
    """Two app servers on one PostgreSQL and one Redis, as a forum that has
    outgrown one machine runs them."""
    manage(production_env, "migrate", "--noinput")
    manage(production_env, "collectstatic", "--noinput")
    servers = [AppServer("one", production_env), AppServer("two", production_env)]
    try:
        yield servers
    finally:
        for server in servers:
            server.stop()
