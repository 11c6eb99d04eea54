"""Where the test services live (directories, loopback host, ports) and how they report.

Every service module needs the same few things: the cache and state directories, a port that a
developer can move with an environment variable, one progress line format, and an error that
names the failing service and its log so ``up`` can fail loudly instead of skipping tests.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

HOST = "127.0.0.1"
# Services start in parallel threads; without it their progress lines interleave mid-line.
print_lock = threading.Lock()


def say(name: str, message: str) -> None:
    """Print one progress line on stderr (stdout is reserved for the export lines)."""
    with print_lock:
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


@dataclass(frozen=True)
class Layout:
    """Where downloads (cache, shared by every clone) and per-machine runtime state live."""

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


@contextlib.contextmanager
def file_lock(path: Path) -> Iterator[None]:
    """Exclusive advisory lock held for the duration of the block (released if we die)."""
    with open(path, "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        yield


def tail(path: Path | None, lines: int = 25) -> str:
    """Last lines of a log file, for error reports."""
    if path is None or not path.exists():
        return ""
    return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
