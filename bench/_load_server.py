"""The served mode for the load benchmark: collectstatic, then gunicorn on loopback only.

The environment is what docker-compose.yml gives the web container (DJANGO_DEBUG=0, Redis for
cache and broker, whitenoise for static files, a TLS-terminating proxy announced through
X-Forwarded-Proto), with the database and Redis of the benchmark. `served` stops gunicorn when
its block ends, also after an error or Ctrl-C; the process is stopped by its own id.
"""

import contextlib
import http.client
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from _setup import ROOT

PROXY_HEADER = ("X-Forwarded-Proto", "https")


@dataclass(frozen=True)
class Answer:
    status: int
    location: str
    body: str


def served_env(*, database_url: str, redis_url: str, secret_key: str, static_root: Path) -> dict:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DJANGO_DEBUG": "0",
        "SECRET_KEY": secret_key,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DATABASE_URL": database_url,
        "REDIS_URL": redis_url,
        "SECURE_PROXY_SSL_HEADER": "HTTP_X_FORWARDED_PROTO,https",
        "STATIC_ROOT": str(static_root),
        # Connections live through the whole benchmark (served default: 60 s), so that the CPU
        # time of their database backends can be read; one reconnect a minute is no cost.
        "DB_CONN_MAX_AGE": "600",
        "LOG_LEVEL": "WARNING",
        "LOG_JSON": "0",
    }


def collectstatic(env: dict) -> None:
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=ROOT,
        env=env,
        check=True,
    )


def port_open(port: int) -> bool:
    with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=0.5):
        return True
    return False


def get(port: int, path: str, headers: dict[str, str] | None = None, *, proxied=True) -> Answer:
    """One plain GET as the proxy would forward it; redirects are not followed."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    sent = {PROXY_HEADER[0]: PROXY_HEADER[1]} if proxied else {}
    try:
        connection.request("GET", path, headers={**sent, **(headers or {})})
        response = connection.getresponse()
        body = response.read().decode("utf-8", "replace")
        return Answer(response.status, response.getheader("Location") or "", body)
    finally:
        connection.close()


@contextlib.contextmanager
def served(env: dict, *, port: int, workers: int, log: Path) -> Iterator[subprocess.Popen]:
    if port_open(port):
        raise SystemExit(f"port {port} is already in use: is an earlier gunicorn still running?")
    command = [
        str(Path(sys.executable).with_name("gunicorn")),
        "config.wsgi:application",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(workers),
        "--timeout",
        "60",
        "--error-logfile",
        str(log),
    ]
    # A session of its own: Ctrl-C in the terminal reaches us, and we stop gunicorn in order.
    server = subprocess.Popen(command, cwd=ROOT, env=env, start_new_session=True)  # noqa: S603
    try:
        _wait_ready(server, port, log)
        yield server
    finally:
        _stop(server)


def _wait_ready(server: subprocess.Popen, port: int, log: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"gunicorn exited with {server.returncode}:\n{_tail(log)}")
        with contextlib.suppress(OSError):
            if get(port, "/healthz").status == 200:
                return
        time.sleep(0.25)
    raise SystemExit(f"gunicorn did not answer /healthz within 60 s:\n{_tail(log)}")


def _stop(server: subprocess.Popen) -> None:
    if server.poll() is not None:
        return
    server.send_signal(signal.SIGTERM)  # graceful: the master stops its workers
    try:
        server.wait(timeout=40)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait(timeout=10)


def _tail(log: Path, lines: int = 30) -> str:
    with contextlib.suppress(OSError):
        return "\n".join(log.read_text().splitlines()[-lines:])
    return "(no log)"
