"""`ocop doctor`: check configuration and every configured service, plainly.

Local and for the operator, so unlike the public /healthz it prints each check's details
(hosts, socket paths, database names, exception text) and a hint.
"""

from __future__ import annotations

import os
from collections.abc import Callable

from marketplace.env import ConfigError, data_dir
from ops import embedded
from ops.bootstrap import bootstrap

SYMBOL = {"ok": "✔", "degraded": "!", "down": "✘"}


def doctor(say: Callable[[str], None]) -> int:
    mode = os.environ.get("OCOP_MODE", "demo")
    say(f"mode: {mode}")
    embedded_db = mode != "production" and not os.environ.get("DATABASE_URL")
    if embedded_db and embedded.postgres_stopped_on_purpose(data_dir()):
        # Starting it here would undo the stop the operator asked for.
        say(f"✘ database  down      (required) embedded PostgreSQL in {data_dir() / 'pg'}")
        say("    → it was stopped with `ocop db stop`; `ocop db start` starts it")
        return 1
    try:
        bootstrap()
    except ConfigError as exc:
        say(f"✘ configuration: {exc}")
        say("  fix the variable named above (see the README's configuration table)")
        return 1
    except Exception as exc:
        say(f"✘ could not start the embedded services: {type(exc).__name__}: {exc}")
        return 1

    # Django app-loading: health imports models, usable only after bootstrap()'s setup().
    from marketplace.health import DOWN, overall, run_checks

    checks = run_checks()
    for check in checks:
        need = "required" if check.required else "optional"
        say(
            f"{SYMBOL.get(check.status, '?')} {check.name:<9} {check.status:<9} ({need}) "
            f"{check.detail} [{check.latency_ms} ms]"
        )
        if check.hint:
            say(f"    → {check.hint}")
    status = overall(checks)
    record_ok = _check_listing_record(say) if status != DOWN else True
    say(f"overall: {status}")
    return 1 if status == DOWN or not record_ok else 0


def _check_listing_record(say: Callable[[str], None]) -> bool:
    """The listing record (catalog.ListedProduct) against the listing rule, on the data."""
    # Django app-loading: the check imports models, usable only after bootstrap()'s setup().
    from catalog.listed_check import check_listed

    try:
        mismatches = check_listed()
    except Exception as exc:
        say(f"✘ listing   cannot check the listing record: {type(exc).__name__}: {exc}")
        return False
    if not mismatches:
        say("✔ listing   ok        the listing record equals the listing rule")
        return True
    for found in mismatches:
        say(
            f"✘ listing   differs   channel {found.channel}: not in the record "
            f"{found.missing}, stale in the record {found.stale}"
        )
        if found.counted:
            say(f"    kept count {found.counted[0]} ≠ {found.counted[1]} rows in the record")
        if found.documents:
            say(f"    search documents differ from the products' for {found.documents}")
    say("    → `ocop manage refresh_listed` recomputes it (the daily job does too)")
    return False
