"""Throwaway servers for the fault benchmarks: PostgreSQL, Redis, Celery, gunicorn, an SMTP sink.

Everything listens on 127.0.0.1 only and lives in one temporary directory. `Stack` starts what
a benchmark asks for and stops all of it on exit, also after an error or Ctrl-C; processes
are stopped by their own ids only. PostgreSQL runs as the `postgres` system user: run the
benchmarks as root (the cluster is started through runuser) or as that user.
"""

import contextlib
import os
import re
import shutil
import signal
import socket
import socketserver
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BENCH = Path(__file__).resolve().parent
PG_VERSIONS = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"), reverse=True)


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S', time.gmtime())}] {message}", flush=True)


def wait_for(condition, timeout: float, interval: float = 0.25, message: str = "condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = condition()
        if result:
            return result
        time.sleep(interval)
    raise TimeoutError(f"timed out after {timeout:.0f} s waiting for {message}")


def port_open(port: int) -> bool:
    with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=0.5):
        return True
    return False


def _as_postgres(command: list[str]) -> list[str]:
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *command]
    return command


class Postgres:
    """A cluster of its own: initdb in a temporary directory, trust auth, fsync off."""

    def __init__(self, directory: Path, port: int) -> None:
        if not PG_VERSIONS:
            raise SystemExit("PostgreSQL server binaries not found under /usr/lib/postgresql")
        self.bin = PG_VERSIONS[0].parent
        self.directory = directory / "pg"
        self.data = self.directory / "data"
        self.port = port
        self.logfile = self.directory / "server.log"

    @property
    def url(self) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/ruhrbridge_faults"

    def _run(self, *args: str) -> None:
        subprocess.run(  # noqa: S603 (the server's own binaries)
            _as_postgres([str(self.bin / args[0]), *args[1:]]),
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.STDOUT,
        )

    def init(self) -> None:
        self.directory.mkdir()
        if os.geteuid() == 0:
            shutil.chown(self.directory, "postgres", "postgres")
        self._run("initdb", "-D", str(self.data), "-U", "postgres", "--auth=trust", "-E", "UTF8")

    def _options(self) -> str:
        return (
            f"-p {self.port} -c listen_addresses=127.0.0.1 "
            f"-c unix_socket_directories={self.directory} -c fsync=off "
            "-c synchronous_commit=off -c full_page_writes=off -c max_connections=60"
        )

    def start(self) -> None:
        self._run(
            "pg_ctl",
            "-D",
            str(self.data),
            "-l",
            str(self.logfile),
            "-o",
            self._options(),
            "-w",
            "start",
        )

    def create_database(self) -> None:
        self._run(
            "createdb",
            "-h",
            "127.0.0.1",
            "-p",
            str(self.port),
            "-U",
            "postgres",
            "ruhrbridge_faults",
        )

    def restart(self) -> None:
        self._run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "restart")

    def stop(self) -> None:
        if (self.data / "postmaster.pid").exists():
            with contextlib.suppress(subprocess.CalledProcessError):
                self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")


class Redis:
    """A redis-server subprocess without persistence: a restart empties it, as a crash would."""

    def __init__(self, directory: Path, port: int) -> None:
        self.port = port
        self.logfile = directory / f"redis-{port}.log"
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        self.process = subprocess.Popen(  # noqa: S603
            [
                shutil.which("redis-server") or "/usr/bin/redis-server",
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--daemonize",
                "no",
            ],
            stdout=self.logfile.open("a"),
            stderr=subprocess.STDOUT,
        )
        wait_for(lambda: port_open(self.port), 15, message="redis-server")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=10)
        self.process = None


class Service:
    """A Python subprocess of the project (celery, gunicorn) with a log file of its own."""

    ready_text = ""

    def __init__(self, name: str, command: list[str], env: dict[str, str], logs: Path) -> None:
        self.name = name
        self.command = command
        self.env = env
        self.logfile = logs / f"{name}.log"
        self.process: subprocess.Popen | None = None

    def start(self, wait: bool = True, timeout: float = 60) -> "Service":
        self.process = subprocess.Popen(  # noqa: S603 (our own interpreter and arguments)
            self.command,
            cwd=ROOT,
            env=self.env,
            stdout=self.logfile.open("a"),
            stderr=subprocess.STDOUT,
        )
        if wait and self.ready_text:
            offset = 0

            def ready() -> bool:
                if self.process.poll() is not None:
                    raise RuntimeError(f"{self.name} exited:\n{self.log_tail()}")
                return self.ready_text in self.logfile.read_text()[offset:]

            wait_for(ready, timeout, message=f"{self.name} to be ready")
        return self

    def log_tail(self, lines: int = 30) -> str:
        return "\n".join(self.logfile.read_text(errors="replace").splitlines()[-lines:])

    def children(self) -> list[int]:
        if self.process is None:
            return []
        path = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        with contextlib.suppress(FileNotFoundError):
            return [int(pid) for pid in path.read_text().split()]
        return []

    def kill9(self) -> None:
        """SIGKILL the process and its children at once, as the OOM killer or a lost host."""
        if self.process is None or self.process.poll() is not None:
            return
        children = self.children()
        self.process.kill()
        for pid in children:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.kill9()


def celery_worker(name: str, env: dict[str, str], logs: Path) -> Service:
    worker = Service(
        name,
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "config",
            "worker",
            "--pool",
            "prefork",
            "--concurrency",
            "1",
            "--without-gossip",
            "--without-mingle",
            "--loglevel",
            "INFO",
            "--hostname",
            f"{name}@%h",
        ],
        env,
        logs,
    )
    worker.ready_text = " ready."
    return worker


def celery_beat(env: dict[str, str], logs: Path) -> Service:
    beat = Service(
        "beat",
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "config",
            "beat",
            "--loglevel",
            "INFO",
            "--pidfile",
            str(logs / "beat.pid"),
            "--schedule",
            str(logs / "beat-schedule"),
        ],
        env,
        logs,
    )
    beat.ready_text = "beat: Starting"
    return beat


def gunicorn(env: dict[str, str], logs: Path, port: int, workers: int = 2) -> Service:
    web = Service(
        "gunicorn",
        [
            sys.executable,
            "-m",
            "gunicorn",
            "config.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--timeout",
            "30",
        ],
        env,
        logs,
    )
    web.ready_text = "Booting worker"
    return web


# --- An SMTP sink that counts what it accepted ------------------------------------------------

MESSAGE_ID = re.compile(rb"^Message-ID:\s*(<[^>]+>)", re.IGNORECASE | re.MULTILINE)


class SmtpSink:
    """A minimal SMTP server on 127.0.0.1 that records every message it accepts.

    A message counts as delivered the moment the sink answers 250 to the end of its DATA, as a
    real mail server hands it on then, whether or not the client reads that answer.
    `pause_after_accept(n, seconds)` makes the sink wait before answering the n-th accepted
    message's QUIT, which holds a client in the window between "accepted" and "recorded".
    """

    def __init__(self, port: int = 0) -> None:
        self.accepted: Counter[tuple[str, str]] = Counter()
        self.aborted = 0
        self.lock = threading.Lock()
        self.pause_at: int | None = None
        self.pause_seconds = 0.0
        self.paused = threading.Event()
        sink = self

        class Handler(socketserver.StreamRequestHandler):
            def handle(self) -> None:
                sink._session(self.rfile, self.wfile)

        class Server(socketserver.ThreadingTCPServer):
            allow_reuse_address = True
            daemon_threads = True

        self.server = Server(("127.0.0.1", port), Handler)
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def start(self) -> "SmtpSink":
        self.thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def pause_after_accept(self, count: int, seconds: float) -> None:
        self.pause_at, self.pause_seconds = count, seconds

    def total(self) -> int:
        with self.lock:
            return sum(self.accepted.values())

    def _session(self, rfile, wfile) -> None:
        def reply(line: str) -> None:
            wfile.write(line.encode() + b"\r\n")
            wfile.flush()

        reply("220 sink ESMTP")
        recipients: list[str] = []
        pause = False
        try:
            while True:
                line = rfile.readline()
                if not line:
                    if recipients:
                        with self.lock:
                            self.aborted += 1
                    return
                verb = line[:4].upper()
                if verb == b"EHLO":
                    reply("250-sink")
                    reply("250 8BITMIME")
                elif verb in (b"HELO", b"NOOP", b"RSET"):
                    recipients = [] if verb == b"RSET" else recipients
                    reply("250 OK")
                elif verb == b"MAIL":
                    recipients = []
                    reply("250 OK")
                elif verb == b"RCPT":
                    recipients.append(line.split(b":", 1)[1].strip(b" <>\r\n").decode().lower())
                    reply("250 OK")
                elif verb == b"DATA":
                    reply("354 go ahead")
                    data = self._read_data(rfile)
                    if data is None:
                        with self.lock:
                            self.aborted += 1
                        return
                    found = MESSAGE_ID.search(data)
                    message_id = found.group(1).decode() if found else "<none>"
                    with self.lock:
                        for recipient in recipients:
                            self.accepted[(message_id, recipient)] += 1
                        pause = self.pause_at is not None and self.total_locked() >= self.pause_at
                        if pause:
                            self.pause_at = None
                    recipients = []
                    reply("250 queued")
                elif verb == b"QUIT":
                    if pause:
                        self.paused.set()
                        time.sleep(self.pause_seconds)
                    reply("221 bye")
                    return
                else:
                    reply("502 not implemented")
        except (ConnectionError, OSError):
            return

    def total_locked(self) -> int:
        return sum(self.accepted.values())

    @staticmethod
    def _read_data(rfile) -> bytes | None:
        lines = []
        while True:
            line = rfile.readline()
            if not line:
                return None
            if line in (b".\r\n", b".\n"):
                return b"".join(lines)
            lines.append(line)


# --- The whole stack ---------------------------------------------------------------------------


class Stack(contextlib.ExitStack):
    """The temporary directory, the servers and the processes of one benchmark run."""

    def __init__(self, pg_port: int, redis_port: int) -> None:
        super().__init__()
        self.directory = Path(tempfile.mkdtemp(prefix="ruhrbridge-faults-"))
        # The postgres user must reach its cluster directory inside.
        os.chmod(self.directory, 0o755)  # noqa: S103
        self.callback(shutil.rmtree, self.directory, ignore_errors=True)
        self.logs = self.directory / "logs"
        self.logs.mkdir()
        self.runs_dir = self.directory / "match-runs"
        self.postgres = Postgres(self.directory, pg_port)
        self.redis = Redis(self.logs, redis_port)
        self.services: list[Service] = []
        for signum in (signal.SIGTERM, signal.SIGHUP):
            signal.signal(signum, self._exit_on_signal)

    @staticmethod
    def _exit_on_signal(signum, frame) -> None:
        raise SystemExit(128 + signum)

    def start_servers(self) -> None:
        if port_open(self.postgres.port) or port_open(self.redis.port):
            raise SystemExit(
                f"port {self.postgres.port} or {self.redis.port} is taken: pick others "
                "with --pg-port/--redis-port"
            )
        self.postgres.init()
        self.callback(self.postgres.stop)
        self.postgres.start()
        self.postgres.create_database()
        self.callback(self.redis.stop)
        self.redis.start()
        log(f"own PostgreSQL on :{self.postgres.port} and Redis on :{self.redis.port} are up")

    def env(self, **extra: str) -> dict[str, str]:
        return {
            **os.environ,
            "PYTHONPATH": os.pathsep.join([str(BENCH), str(ROOT)]),
            "DJANGO_SETTINGS_MODULE": "_faults_settings",
            "DATABASE_URL": self.postgres.url,
            "REDIS_URL": self.redis.url,
            "BENCH_MATCH_RUNS_DIR": str(self.runs_dir),
            "LOG_LEVEL": "INFO",
            "LOG_JSON": "0",
            **extra,
        }

    def add(self, service: Service) -> Service:
        self.services.append(service)
        self.callback(service.stop)
        return service

    def dump_logs(self, lines: int = 15) -> None:
        for service in self.services:
            print(f"--- last lines of {service.name} ---\n{service.log_tail(lines)}")


def run_parts(options, parts, *, failures: list[str], setup) -> int:
    """Both scripts' main: start the throwaway servers, `setup(stack)`, run the parts that
    `options.part` chose (a name or "all", in the order given), print the verdict."""
    started = time.monotonic()
    with Stack(options.pg_port, options.redis_port) as stack:
        try:
            stack.start_servers()
            setup(stack)
            for name, part in parts:
                if options.part in (name, "all"):
                    part(stack, options)
        except Exception:
            stack.dump_logs()
            raise
    print(f"\ntotal {time.monotonic() - started:.0f} s; ", end="")
    print("FAILED: " + "; ".join(failures) if failures else "every must-hold held")
    return 1 if failures else 0
