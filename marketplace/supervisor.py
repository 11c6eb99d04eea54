"""`ocop serve`: migrate, seed, then run gunicorn (and, in demo mode, a Celery worker
and beat) as child processes until interrupted."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass

from django.conf import settings
from django.core.management import call_command


def say(message: str) -> None:
    print(f"[ocop] {message}", flush=True)


@dataclass
class Child:
    name: str
    argv: list[str]
    process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        self.process = subprocess.Popen(self.argv, env=os.environ.copy())

    def exited(self) -> int | None:
        return None if self.process is None else self.process.poll()

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)

    def wait(self, timeout: float) -> None:
        if not self.process:
            return
        try:
            self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()


def prepare_database(load_demo: bool) -> None:
    say("applying database migrations ...")
    call_command("migrate", interactive=False, verbosity=0)
    if settings.DEMO_MODE and load_demo:
        from catalog.models import Product
        from marketplace.demo.loader import load_demo as load

        if not Product.objects.exists():
            say("first start: loading demo data ...")
            load(progress=say)
    say("collecting static files ...")
    call_command("collectstatic", interactive=False, verbosity=0)


def children(host: str, port: int, workers: int) -> list[Child]:
    python = sys.executable
    web = Child(
        "web",
        [
            python, "-m", "gunicorn", "marketplace.wsgi:application",
            "--bind", f"{host}:{port}",
            "--workers", str(workers),
            "--worker-class", "gthread",
            "--threads", "4",
            "--access-logfile", "-",
            "--graceful-timeout", "10",
        ],
    )  # fmt: skip
    if settings.PRODUCTION:
        # Production runs worker and beat as their own services (docker/compose.yml).
        return [web]
    worker = Child(
        "worker",
        [python, "-m", "celery", "-A", "marketplace", "worker", "-l", "info", "-c", "2"],
    )
    beat = Child(
        "beat",
        [
            python, "-m", "celery", "-A", "marketplace", "beat", "-l", "info",
            "-s", str(settings.OCOP_DATA_DIR / "celerybeat-schedule"),
        ],
    )  # fmt: skip
    return [web, worker, beat]


def wait_until_healthy(base_url: str, timeout: float = 60) -> dict[str, object]:
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
        time.sleep(0.5)
    raise RuntimeError(f"the web server did not become healthy: {last_error}")


def serve(host: str, port: int, workers: int, load_demo: bool) -> int:
    prepare_database(load_demo)
    procs = children(host, port, workers)
    stopping = False

    def request_stop(signum: int, frame: object) -> None:
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGTERM, request_stop)
    signal.signal(signal.SIGINT, request_stop)
    for child in procs:
        say(f"starting {child.name} ...")
        child.start()
    shown_host = "127.0.0.1" if host in ("0.0.0.0", "::") else host
    base = f"http://{shown_host}:{port}"
    exit_code = 0
    try:
        health = wait_until_healthy(base)
        say(f"ready ({settings.OCOP_MODE} mode, health: {health.get('status')})")
        say(
            f"  storefront API  {base}/graphql/"
            + ("  (GraphiQL)" if settings.GRAPHIQL_ENABLED else "")
        )
        say(f"  admin           {base}/admin/")
        say(f"  health          {base}/healthz")
        if settings.DEMO_MODE:
            say(
                f"  demo accounts   buyer@ocop.test, seller1@ocop.test, seller2@ocop.test, "
                f"officer@ocop.test, host@ocop.test (password: {settings.OCOP_DEMO_PASSWORD})"
            )
        say("press Ctrl+C to stop")
        while not stopping:
            for child in procs:
                code = child.exited()
                if code is not None:
                    say(f"{child.name} exited with code {code}; shutting down")
                    stopping, exit_code = True, 1
            time.sleep(0.5)
    except RuntimeError as exc:
        say(str(exc))
        exit_code = 1
    finally:
        say("stopping ...")
        for child in procs:
            child.stop()
        for child in procs:
            child.wait(timeout=15)
    return exit_code
