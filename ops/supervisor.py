"""`ocop serve`: migrate, seed, then keep every part of the marketplace running.

The parts ("children") are the web server (gunicorn with uvicorn workers, ASGI), in demo
mode a Celery worker, Celery beat and the outbox relay, and the embedded PostgreSQL and
Redis when `ocop` started them.
A child that dies is started again after a backoff (0.5 s doubling to 30 s, back to 0.5 s
once it has run for a minute) while the others keep running: a killed worker costs queued
jobs a few seconds, never the site. Only SIGTERM/SIGINT to `ocop serve` stops everything.

Why a restart loop of our own rather than a process manager? We looked at the three on
PyPI that fit a single command:

- honcho (2.0) follows Foreman: when one process exits it stops all the others and never
  restarts any, which is the outage this loop exists to prevent.
- supervisor (supervisord 4.3) restarts, but gives up: after `startretries` quick failures a
  program enters FATAL and stays down until someone runs supervisorctl (a database that is
  slow to come back would leave the worker dead), and its delay grows linearly. It is also
  a second daemon with an INI file and a control socket that `ocop serve` would have to
  generate, start, watch and clean up.
- circus (0.19) restarts up to `max_retry` times and then stops the watcher, and brings
  pyzmq and tornado.

All three run foreground programs they fork themselves. The embedded PostgreSQL is not
one: pgserver starts it through `pg_ctl` as a daemon, as its own OS user when we are root,
with a socket folder and a handle list it manages; putting it under a manager would mean
bypassing pgserver and re-implementing that setup, and `ocop db stop` (a deliberate stop
that shows /healthz's 503) would have to be taught to the manager. A child here is anything
that can answer "are you running?", "start", "stop", so a forked program and an embedded
daemon are supervised by the same ~100 lines, which tests/test_supervisor.py covers.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.core.management import call_command

from ops import embedded


def say(message: str) -> None:
    print(f"[ocop] {message}", flush=True)


@dataclass
class Backoff:
    """How long to wait before starting a dead child again.

    `initial`, doubling on each death up to `maximum`; a child that ran at least
    `stable_after` seconds before dying is starting over, so it waits `initial` again.
    """

    initial: float = 0.5
    maximum: float = 30.0
    stable_after: float = 60.0
    _next: float = field(default=0.0, init=False, repr=False)

    def __post_init__(self) -> None:
        self._next = self.initial

    def delay(self, ran_for: float) -> float:
        """The delay after a death (or a failed start: `ran_for` 0)."""
        if ran_for >= self.stable_after:
            self._next = self.initial
        delay = self._next
        self._next = min(delay * 2, self.maximum)
        return delay

    def reset(self) -> None:
        self._next = self.initial


class Child:
    """One part of the marketplace that `ocop serve` keeps running."""

    name: str
    # Embedded services stop after the programs that use them (a worker shutting down
    # still acknowledges its tasks to Redis).
    stops_last = False

    def start(self) -> None:
        raise NotImplementedError

    def running(self) -> bool:
        raise NotImplementedError

    def stop(self) -> None:
        """Ask it to stop; `wait` then waits for it."""

    def wait(self, timeout: float) -> None:
        """Wait for a stop asked for; force it after `timeout` seconds."""

    def paused(self) -> bool:
        """Stopped on purpose (e.g. `ocop db stop`): not restarted while this holds."""
        return False

    def how_it_ended(self) -> str:
        return "died"

    def clean_up_after_death(self) -> None:
        """Remove what a dead child left behind before it is started again."""


class Process(Child):
    """A program `ocop serve` forks: gunicorn, the Celery worker and beat, a relay…

    Each runs in its own session, so Ctrl+C reaches only `ocop serve` (which stops the
    children in order) and so what a killed child leaves behind (gunicorn workers still
    holding the port, Celery pool processes) can be killed with its process group.
    """

    def __init__(self, name: str, argv: list[str]) -> None:
        self.name = name
        self.argv = argv
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        self.process = subprocess.Popen(self.argv, env=os.environ.copy(), start_new_session=True)

    @property
    def pid(self) -> int | None:
        return None if self.process is None else self.process.pid

    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def how_it_ended(self) -> str:
        code = None if self.process is None else self.process.returncode
        if code is None:
            return "stopped"
        if code < 0:
            with contextlib.suppress(ValueError):
                return f"was killed by {signal.Signals(-code).name}"
        return f"exited with code {code}"

    def _kill_group(self) -> None:
        if self.process is not None:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(self.process.pid, signal.SIGKILL)

    def clean_up_after_death(self) -> None:
        self._kill_group()

    def stop(self) -> None:
        if self.running():
            assert self.process is not None
            self.process.send_signal(signal.SIGTERM)

    def wait(self, timeout: float) -> None:
        if self.process is None:
            return
        try:
            self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self._kill_group()


class EmbeddedRedis(Child):
    name = "redis"
    stops_last = True

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir

    def start(self) -> None:
        embedded.start_redis(self.data_dir)  # same socket, so REDIS_URL stays right

    def running(self) -> bool:
        return embedded.redis_running(self.data_dir)

    def stop(self) -> None:
        embedded.stop_redis(self.data_dir)


class EmbeddedPostgres(Child):
    name = "postgres"
    stops_last = True

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir

    def start(self) -> None:
        embedded.ensure_postgres(self.data_dir)

    def running(self) -> bool:
        return embedded.postgres_running(self.data_dir)

    def paused(self) -> bool:
        return embedded.postgres_stopped_on_purpose(self.data_dir)

    def stop(self) -> None:
        # pgserver stops the server when `ocop serve` (its last user) exits; make sure it
        # knows the postmaster now running, which `ocop db start` may have started.
        if self.running() and not self.paused():
            with contextlib.suppress(Exception):  # stopping must go on regardless
                self.start()


@dataclass
class _Watch:
    child: Child
    backoff: Backoff
    started_at: float | None = None  # when the running incarnation started
    restart_at: float | None = None  # when a dead child is due to start again
    paused: bool = False


class Supervisor:
    """Starts children, restarts the ones that die (with backoff), stops them all.

    Call `tick()` every half second or so; it never blocks longer than a child's start.
    """

    def __init__(
        self,
        children: list[Child],
        *,
        backoff: Callable[[], Backoff] = Backoff,
        clock: Callable[[], float] = time.monotonic,
        log: Callable[[str], None] = say,
    ) -> None:
        self.watches = [_Watch(child, backoff()) for child in children]
        self.clock = clock
        self.log = log

    def start(self) -> None:
        now = self.clock()
        for watch in self.watches:
            if not watch.child.running():
                self.log(f"starting {watch.child.name} ...")
            self._start(watch, now)

    def _start(self, watch: _Watch, now: float) -> None:
        try:
            watch.child.start()
        except Exception as exc:  # a failed start is retried like a death, never fatal
            delay = watch.backoff.delay(0.0)
            self.log(
                f"{watch.child.name} did not start ({type(exc).__name__}: {exc}); "
                f"trying again in {delay:g} s"
            )
            watch.started_at, watch.restart_at = None, now + delay
            return
        watch.started_at, watch.restart_at = now, None

    def tick(self) -> None:
        now = self.clock()
        for watch in self.watches:
            child = watch.child
            if watch.restart_at is not None:
                if now >= watch.restart_at:
                    self.log(f"restarting {child.name} ...")
                    self._start(watch, now)
                continue
            if child.paused():
                if not watch.paused:
                    watch.paused = True
                    self.log(f"{child.name} was stopped on purpose; leaving it stopped")
                continue
            if watch.paused:  # the deliberate stop is over
                watch.paused = False
                watch.backoff.reset()
                if child.running():
                    watch.started_at = now
                else:
                    self.log(f"starting {child.name} again ...")
                    self._start(watch, now)
                continue
            if not child.running():
                ran_for = now - (watch.started_at if watch.started_at is not None else now)
                delay = watch.backoff.delay(ran_for)
                self.log(
                    f"{child.name} {child.how_it_ended()} after {ran_for:.1f} s; "
                    f"restarting it in {delay:g} s"
                )
                child.clean_up_after_death()
                watch.started_at, watch.restart_at = None, now + delay

    def stop(self, timeout: float = 15) -> None:
        """Stop the programs first, then the embedded services they use."""
        for last in (False, True):
            tier = [w.child for w in reversed(self.watches) if w.child.stops_last is last]
            for child in tier:
                child.stop()
            for child in tier:
                child.wait(timeout)


def prepare_database(load_demo: bool) -> None:
    say("applying database migrations ...")
    call_command("migrate", interactive=False, verbosity=0)
    if settings.DEMO_MODE and load_demo:
        # Django app-loading: `ocop serve` imports this module before django.setup().
        from catalog.models import Product
        from demo.loader import load_demo as load

        if not Product.objects.exists():
            say("first start: loading demo data ...")
            load(progress=say)
    say("collecting static files ...")
    call_command("collectstatic", interactive=False, verbosity=0)


def children(
    host: str,
    port: int,
    workers: int,
    *,
    data_dir: Path | None = None,
    embedded: Collection[str] = (),
) -> list[Child]:
    """Everything `ocop serve` keeps running, in start order (stopped in reverse).

    `embedded` names the embedded services `ocop` started ("postgres", "redis"); ones
    configured by URL are someone else's to run. To run another program, append a
    `Process(name, argv)` to the list returned (argv starting with `python`).
    """
    python = sys.executable
    result: list[Child] = []
    if "postgres" in embedded and data_dir is not None:
        result.append(EmbeddedPostgres(data_dir))
    if "redis" in embedded and data_dir is not None:
        result.append(EmbeddedRedis(data_dir))
    web = Process(
        "web",
        [
            python, "-m", "gunicorn", "marketplace.asgi:application",
            "--bind", f"{host}:{port}",
            "--workers", str(workers),
            # ASGI (uvicorn's event loop): a viewer of a live session keeps an event stream
            # open for the whole session; a thread per connection would not last (issue 13).
            "--worker-class", "uvicorn_worker.UvicornWorker",
            "--access-logfile", "-",
            "--graceful-timeout", "10",
        ],
    )  # fmt: skip
    result.append(web)
    if settings.PRODUCTION:
        # Production runs worker and beat as their own services (docker/compose.yml).
        return result
    # One worker has no neighbours to sync with (mingle) or gossip to; without them it
    # answers sooner after a restart.
    worker = Process(
        "worker",
        [
            python, "-m", "celery", "-A", "marketplace", "worker", "-l", "info", "-c", "2",
            "--without-mingle", "--without-gossip",
        ],
    )  # fmt: skip
    beat = Process(
        "beat",
        [
            python, "-m", "celery", "-A", "marketplace", "beat", "-l", "info",
            "-s", str(settings.OCOP_DATA_DIR / "celerybeat-schedule"),
        ],
    )  # fmt: skip
    # Sends the transactional outbox (outbox/) to Celery whenever the broker answers.
    relay = Process("relay", [python, "-m", "ops.cli", "relay"])
    result += [worker, beat, relay]
    return result


def wait_until_healthy(
    base_url: str, timeout: float = 60, between: Callable[[], None] = lambda: None
) -> dict[str, object]:
    """Wait for /healthz to answer 200; call `between` (the supervisor's tick) meanwhile."""
    deadline = time.monotonic() + timeout
    last_error = ""
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{base_url}/healthz", timeout=5) as response:
                body: dict[str, object] = json.loads(response.read())
                return body
        except urllib.error.HTTPError as exc:
            body = json.loads(exc.read() or b"{}")
            last_error = f"HTTP {exc.code}: {body}"
        except OSError as exc:
            last_error = str(exc)
        between()
        time.sleep(0.5)
    raise RuntimeError(f"the web server did not become healthy: {last_error}")


def serve(
    host: str,
    port: int,
    workers: int,
    load_demo: bool,
    *,
    data_dir: Path | None = None,
    embedded: Collection[str] = (),
) -> int:
    prepare_database(load_demo)
    supervisor = Supervisor(children(host, port, workers, data_dir=data_dir, embedded=embedded))
    stopping = False

    def request_stop(signum: int, frame: object) -> None:
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGTERM, request_stop)
    signal.signal(signal.SIGINT, request_stop)
    supervisor.start()
    shown_host = "127.0.0.1" if host in ("0.0.0.0", "::") else host
    base = f"http://{shown_host}:{port}"
    exit_code = 0
    try:
        health = wait_until_healthy(base, between=supervisor.tick)
        say(f"ready ({settings.OCOP_MODE} mode, health: {health.get('status')})")
        say(f"  storefront      {base}/")
        say(f"  seller centre   {base}/kenh-nguoi-ban/")
        say(f"  officer console {base}/can-bo/")
        say(
            f"  storefront API  {base}/graphql/"
            + ("  (GraphiQL)" if settings.GRAPHIQL_ENABLED else "")
        )
        say(f"  admin           {base}/admin/")
        say(f"  health          {base}/healthz")
        if settings.DEMO_MODE:
            say(
                f"  demo accounts   buyer@ocop.test, seller1@ocop.test, seller2@ocop.test, "
                f"officer@ocop.test, officer.angiang@ocop.test, host@ocop.test "
                f"(password: {settings.OCOP_DEMO_PASSWORD})"
            )
        say("press Ctrl+C to stop")
        while not stopping:
            supervisor.tick()
            time.sleep(0.5)
    except RuntimeError as exc:
        say(str(exc))
        exit_code = 1
    finally:
        say("stopping ...")
        supervisor.stop()
    return exit_code
