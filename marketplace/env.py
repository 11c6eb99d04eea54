"""Strict readers for environment settings.

A malformed value stops start-up with a message naming the variable, instead of
running with a silently wrong default (the healthchecks way).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit


class ConfigError(RuntimeError):
    """A setting is missing or malformed; the message names it."""


_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default).strip()


def env_required(name: str, hint: str = "") -> str:
    value = env_str(name)
    if not value:
        raise ConfigError(f"{name} is required in production mode{': ' + hint if hint else ''}")
    return value


def env_bool(name: str, default: bool = False) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ConfigError(f"{name} must be one of 1/0/true/false/yes/no/on/off, got {raw!r}")


def env_int(name: str, default: int, *, minimum: int | None = None) -> int:
    raw = os.environ.get(name)
    if raw is None or not raw.strip():
        return default
    try:
        value = int(raw.strip())
    except ValueError:
        raise ConfigError(f"{name} must be an integer, got {raw!r}") from None
    if minimum is not None and value < minimum:
        raise ConfigError(f"{name} must be at least {minimum}, got {value}")
    return value


def env_decimal_rate(name: str, default: str) -> str:
    """A rate such as 0.01; kept as a string so Decimal(...) is exact."""
    raw = env_str(name, default)
    try:
        value = float(raw)
    except ValueError:
        raise ConfigError(f"{name} must be a decimal rate like 0.01, got {raw!r}") from None
    if not 0 <= value < 1:
        raise ConfigError(f"{name} must be between 0 and 1, got {raw!r}")
    return raw


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_url(name: str, schemes: tuple[str, ...], *, required: bool = False) -> str:
    value = env_required(name) if required else env_str(name)
    if not value:
        return ""
    parts = urlsplit(value)
    if parts.scheme not in schemes:
        allowed = ", ".join(f"{s}://" for s in schemes)
        raise ConfigError(f"{name} must start with {allowed}, got {value!r}")
    if parts.scheme not in ("unix", "redis+socket") and not parts.hostname and "host=" not in value:
        raise ConfigError(f"{name} has no host: {value!r}")
    return value


@dataclass(frozen=True)
class DatabaseURL:
    name: str
    user: str
    password: str
    host: str
    port: str

    def as_django(self, pool_size: int = 0) -> dict[str, object]:
        """Django's settings for this database; with `pool_size`, a connection pool of at
        most that many connections per process instead of persistent connections."""
        options: dict[str, object] = {
            "connect_timeout": 5,
            # The catalogue's working set lives in memory (and on SSD in production),
            # where an index probe costs little more than a sequential read. At the
            # default 4.0 the planner joined a search's 7,000 matches to the listing
            # record by reading all 100,000 of its rows (120 ms); at 1.1 it probes
            # the record's unique index per match (67 ms). A startup parameter, so it
            # holds for every connection without touching the server's configuration.
            "options": "-c random_page_cost=1.1",
        }
        if pool_size:
            # Under ASGI, Django runs each request's sync code in a thread of its own, and
            # a persistent connection belongs to its thread: every request connected
            # anew (measured: 170 connections for 170 requests, about 20 ms each). A
            # pool hands connections across threads; with CONN_HEALTH_CHECKS Django has
            # it check each one on loan, so a restarted database is reconnected.
            options["pool"] = {
                "min_size": 1,
                "max_size": pool_size,
                # How long a request waits for a connection before failing (503): all
                # of them busy, or the database down (/healthz must still answer).
                "timeout": 3,
                # While the database is down the pool retries with a doubling delay, for
                # up to 5 minutes by default: down for 9 s, it reconnected 6 s after the
                # database was back (20 s down: 9 s after). Giving up after 4 s caps the
                # delay at 2 s; the next request then starts a fresh attempt at once.
                "reconnect_timeout": 4,
            }
        return {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": self.name,
            "USER": self.user,
            "PASSWORD": self.password,
            "HOST": self.host,
            "PORT": self.port,
            # Without a pool: reuse connections across requests. Either way verify them
            # first, so a database that went away and came back is reconnected.
            "CONN_MAX_AGE": 0 if pool_size else 60,
            "CONN_HEALTH_CHECKS": True,
            "OPTIONS": options,
        }


def parse_database_url(name: str, value: str) -> DatabaseURL:
    """Parse postgres URLs, including pgserver's unix-socket form (?host=/path)."""
    parts = urlsplit(value)
    if parts.scheme not in ("postgres", "postgresql"):
        raise ConfigError(f"{name} must be a postgresql:// URL, got {value!r}")
    query = parse_qs(parts.query)
    host = query.get("host", [unquote(parts.hostname or "")])[0]
    db_name = unquote(parts.path.lstrip("/"))
    if not host:
        raise ConfigError(f"{name} has no host (or ?host=/socket/dir): {value!r}")
    if not db_name:
        raise ConfigError(f"{name} has no database name: {value!r}")
    return DatabaseURL(
        name=db_name,
        user=unquote(parts.username or ""),
        password=unquote(parts.password or ""),
        host=host,
        port=str(parts.port or ""),
    )


def data_dir() -> Path:
    """Where the embedded mode keeps PostgreSQL, Redis, media and schedules."""
    return Path(env_str("OCOP_DATA_DIR", ".ocop")).expanduser().resolve()
