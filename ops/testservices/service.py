"""What every test service shares: reuse, restart, health wait, failure report and env file.

Each service module only says how to tell its server is healthy, how to provision and start it
and what it exports; :func:`ensure` holds the shared logic so every service behaves the same
way on a second ``up`` (reuse), after a crash (stale pid file) or after an interrupted first
run (half-started process), and :func:`report_failure` makes a failure name the service and
its log instead of letting tests skip.
"""

from __future__ import annotations

import pwd
import shlex
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from ops.testservices.layout import HOST, Layout, ServiceError, env_int, print_lock, say, tail
from ops.testservices.processes import (
    ensure_system_user,
    is_root,
    pid_alive,
    terminate,
    wait_port_free,
)


class Service:
    """One backing server: how to tell it is healthy, how to start/stop it, what it exports."""

    name: str = ""
    port_variable: str = ""  # environment variable that moves the server to another port
    default_port: int = 0
    marker: str = ""  # substring of the daemon's command line, guards pid-file reuse
    start_timeout: float = 60.0
    first_run_note: str = ""
    os_user_name: str = ""  # as root, run as this locked system account (servers refusing root)
    managed: bool = True  # False: a server configured by the user; check it, never (re)start it

    def __init__(self, layout: Layout) -> None:
        self.layout = layout
        self.port = env_int(self.port_variable, self.default_port) if self.port_variable else 0

    # --- hooks -----------------------------------------------------------------------------
    @property
    def url(self) -> str:
        """Where the tests reach it; plain HTTP on the loopback port unless overridden."""
        return f"http://{HOST}:{self.port}"

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

    @property
    def os_user(self) -> pwd.struct_passwd | None:
        """The account the server runs as; None means the current user."""
        return ensure_system_user(self.os_user_name) if self.os_user_name and is_root() else None

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
        with print_lock:
            print(f"----- last lines of {log} -----\n{text}\n-----", file=sys.stderr, flush=True)


def render_env(services: Sequence[Service]) -> str:
    """The services' variables as shell ``export`` lines, in service order."""
    lines = [
        f"export {key}={shlex.quote(value)}"
        for service in services
        for key, value in service.env().items()
    ]
    return "\n".join(lines) + "\n"


def write_env_file(target: Path, services: Sequence[Service]) -> str:
    """Write the export lines to *target* (for ``source``) and return them (for stdout)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    exports = render_env(services)
    target.write_text(
        f"# Generated by python -m ops.testservices up on {time.strftime('%F %T')}\n" + exports
    )
    return exports
