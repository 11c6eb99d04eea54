"""`ocop`: run, check and seed the marketplace.

ocop serve [--host 127.0.0.1] [--port 8000]   the whole marketplace, restarting what dies
ocop demo                                     (re)load the demo data
ocop doctor                                   check every configured service
ocop db status|stop|start                     the embedded PostgreSQL
ocop reindex [--keep 1]                       rebuild the search index, swap it in
ocop relay                                    send queued tasks (the outbox) to Celery
ocop manage <django command> [args]           any Django management command
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import warnings
from collections.abc import Sequence

from django.core.management import call_command, execute_from_command_line

from marketplace.env import ConfigError, data_dir
from ops import embedded
from ops.bootstrap import bootstrap, say
from ops.doctor import doctor


def cmd_serve(args: argparse.Namespace) -> int:
    # A checkout run without scripts/serve (or a pip-installed package) may not have the
    # compiled translation catalogues yet.
    from ops.i18n import compile_catalogues

    try:
        compile_catalogues()
    except OSError as exc:  # an installed package in a read-only site-packages
        say(f"translation catalogues not compiled ({exc}); messages may fall back to English")
    # Links in e-mails (order page, password reset) must reach this server: unless the public
    # address is configured, it is the one served here, for the worker too (it inherits it).
    shown_host = "127.0.0.1" if args.host in ("0.0.0.0", "::", "") else args.host
    os.environ.setdefault("OCOP_PUBLIC_URL", f"http://{shown_host}:{args.port}")
    embedded = bootstrap()
    from ops.supervisor import serve  # imports models: only after bootstrap()'s setup()

    return serve(
        host=args.host,
        port=args.port,
        workers=args.workers,
        load_demo=not args.no_demo,
        data_dir=data_dir(),
        embedded=embedded,
    )


def cmd_demo(args: argparse.Namespace) -> int:
    bootstrap()
    from demo.loader import load_demo  # imports models: only after bootstrap()'s setup()

    call_command("migrate", interactive=False, verbosity=0)
    load_demo(progress=say)
    return 0


def cmd_doctor(args: argparse.Namespace) -> int:
    return doctor(say)


def cmd_db(args: argparse.Namespace) -> int:
    """Start, stop or inspect the embedded PostgreSQL (demo mode only).

    A stop is deliberate: a running `ocop serve` leaves the server stopped (and /healthz
    answers 503) until `ocop db start`.
    """
    folder = data_dir()
    if args.action == "stop":
        embedded.stop_postgres(folder)
    elif args.action == "start":
        embedded.restart_postgres(folder)
    status = embedded.postgres_status(folder)
    if embedded.postgres_stopped_on_purpose(folder):
        status += " (stopped with `ocop db stop`; `ocop db start` starts it)"
    say(f"embedded PostgreSQL in {folder / 'pg'}: {status}")
    return 0


def cmd_reindex(args: argparse.Namespace) -> int:
    bootstrap()
    from search.reindex import main as reindex  # imports models: only after setup()

    return reindex(args.rest)


def cmd_relay(args: argparse.Namespace) -> int:
    # Never starts embedded services: it relays for the ones `ocop serve` (or the URLs) run.
    bootstrap(start_embedded=False)
    from outbox.relay import main as relay  # imports models: only after setup()

    return relay()


def cmd_manage(args: argparse.Namespace) -> int:
    bootstrap()
    execute_from_command_line(["ocop manage", *args.rest])
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="ocop", description="OCOP marketplace")
    sub = parser.add_subparsers(dest="command", required=True)

    serve = sub.add_parser("serve", help="run the marketplace (web, worker, beat)")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--workers", type=int, default=2, help="web worker processes")
    serve.add_argument("--no-demo", action="store_true", help="do not load demo data")
    serve.set_defaults(func=cmd_serve)

    sub.add_parser("demo", help="(re)load the demo data").set_defaults(func=cmd_demo)
    sub.add_parser("doctor", help="check every configured service").set_defaults(func=cmd_doctor)

    db = sub.add_parser(
        "db", help="status/stop/start of the embedded PostgreSQL (a stop is not undone by serve)"
    )
    db.add_argument("action", choices=("status", "stop", "start"))
    db.set_defaults(func=cmd_db)

    # prefix_chars="+": every option (--keep, --help, …) is left to search.reindex.main.
    reindex = sub.add_parser(
        "reindex", help="rebuild the search index (zero downtime)", prefix_chars="+"
    )
    reindex.add_argument("rest", nargs=argparse.REMAINDER)
    reindex.set_defaults(func=cmd_reindex)

    sub.add_parser("relay", help="send queued tasks (the outbox) to Celery").set_defaults(
        func=cmd_relay
    )

    manage = sub.add_parser("manage", help="run a Django management command")
    manage.add_argument("rest", nargs=argparse.REMAINDER)
    manage.set_defaults(func=cmd_manage)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    # pgserver logs every command it runs (and `pg_ctl status` of a stopped server as an
    # error); we report outcomes ourselves, so keep the console readable.
    logging.getLogger("pgserver").setLevel(logging.CRITICAL)
    warnings.filterwarnings("ignore", module="platformdirs")
    try:
        result: int = args.func(args)
        return result
    except ConfigError as exc:
        print(f"ocop: configuration error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
