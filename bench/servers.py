"""Start and stop gunicorn on a free loopback port."""
import http.client
import os
import signal
import socket
import subprocess
import time

from bench.environment import PYTHON, REPO, VAR, bench_env

WORKERS = 2


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Gunicorn:
    """One gunicorn master with WORKERS sync workers; a context manager that
    always stops what it started."""

    def __init__(self, app, name, probe_path="/", env=None, workers=WORKERS):
        self.app = app
        self.name = name
        self.probe_path = probe_path
        self.env = bench_env(**(env or {}))
        self.workers = workers
        self.port = free_port()
        self.log_path = VAR / f"gunicorn-{name}.log"
        self.process = None

    def __enter__(self):
        self.start()
        return self

    def __exit__(self, *exc):
        self.stop()
        return False

    def start(self):
        self.log_file = open(self.log_path, "w")  # noqa: SIM115 - closed in stop()
        self.process = subprocess.Popen(
            [
                PYTHON, "-m", "gunicorn", self.app,
                "--bind", f"127.0.0.1:{self.port}",
                "--workers", str(self.workers),
                "--worker-class", "sync",
                "--log-level", "warning",
                "--timeout", "60",
                "--graceful-timeout", "5",
            ],
            cwd=REPO,
            env=self.env,
            stdout=self.log_file,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group, so stop() can reach the workers
        )
        self._wait_until_ready()

    def _wait_until_ready(self, timeout=60):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(
                    f"gunicorn ({self.name}) exited with {self.process.returncode}:\n{self.log_tail()}"
                )
            try:
                conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=5)
                conn.request("GET", self.probe_path)
                response = conn.getresponse()
                response.read()
                conn.close()
                if response.status == 200:
                    return
                raise RuntimeError(
                    f"gunicorn ({self.name}) answered {self.probe_path} with "
                    f"{response.status}:\n{self.log_tail()}"
                )
            except (TimeoutError, ConnectionRefusedError, ConnectionResetError):
                time.sleep(0.2)
        raise RuntimeError(f"gunicorn ({self.name}) did not answer in {timeout}s:\n{self.log_tail()}")

    def log_tail(self, lines=40):
        try:
            self.log_file.flush()
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return ""

    def stop(self):
        if self.process is None:
            return
        try:
            if self.process.poll() is None:
                self.process.terminate()  # the master stops its workers
                try:
                    self.process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    pass
            # Whatever is left of the group it started (a stuck worker) goes too.
            try:
                os.killpg(self.process.pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass
            if self.process.poll() is None:
                self.process.wait(timeout=5)
        finally:
            self.process = None
            self.log_file.close()
