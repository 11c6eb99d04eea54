"""The ``python -m ops.testservices up|status|down|install-compose`` commands."""

from __future__ import annotations

import argparse
import concurrent.futures
import contextlib
import sys
import time
from pathlib import Path

import ops.testservices
from ops.testservices.chromium import install_browser
from ops.testservices.compose import install_compose
from ops.testservices.elasticsearch import Elasticsearch
from ops.testservices.layout import Layout, file_lock, say
from ops.testservices.postgres import Postgres
from ops.testservices.redis import Redis
from ops.testservices.s3 import S3
from ops.testservices.service import Service, ensure, report_failure, write_env_file
from ops.testservices.stripe_mock import StripeMock

# The order of the export lines in the env file.
SERVICES: tuple[type[Service], ...] = (Postgres, Redis, Elasticsearch, StripeMock, S3)


def state_lock(layout: Layout) -> contextlib.AbstractContextManager[None]:
    """Serialize concurrent up/down runs (e.g. two test sessions starting at once)."""
    layout.create()
    return file_lock(layout.state / ".lock")


def build_services(layout: Layout) -> list[Service]:
    return [cls(layout) for cls in SERVICES]


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
        exports = write_env_file(target, services)
    say("all", f"{len(services)} services ready in {time.monotonic() - t0:.1f}s; env in {target}")
    sys.stdout.write(exports)
    return 0


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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m ops.testservices",
        description=ops.testservices.__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    sub = parser.add_subparsers(dest="command", required=True)
    up = sub.add_parser("up", help="start (or reuse) every service and write the env file")
    up.add_argument("--env-file", type=Path, help="default: $OCOP_TEST_STATE/services.env")
    sub.add_parser("down", help="stop the services this script started")
    sub.add_parser("status", help="one line per service")
    sub.add_parser("install-compose", help="build the docker compose CLI plugin")
    sub.add_parser("install-browser", help="find or install Chromium; print its path")
    args = parser.parse_args(argv)
    layout = Layout.from_env()
    if args.command == "up":
        return cmd_up(layout, args.env_file)
    if args.command == "down":
        return cmd_down(layout)
    if args.command == "status":
        return cmd_status(layout)
    if args.command == "install-browser":
        return install_browser()
    return install_compose(layout)


if __name__ == "__main__":
    sys.exit(main())
