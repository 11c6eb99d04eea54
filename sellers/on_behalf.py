"""The "on behalf of" record: what an officer did for a stall (assisted onboarding).

`record` is called by the `do_*` that performs the action, inside its transaction, so an
action and its record are written together or not at all.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction

from sellers.models import OnBehalfAction, Seller

Kind = OnBehalfAction.Kind


def record(
    officer: Any, seller: Seller, kind: str, *, subject: str = "", subject_id: int | None = None
) -> OnBehalfAction:
    """One row of the log. Must run inside the action's transaction.

    Locks: none (one new row)."""
    assert transaction.get_connection().in_atomic_block, "record inside the action's transaction"
    return OnBehalfAction.objects.create(
        seller=seller,
        officer=officer,
        kind=kind,
        subject=subject[:255],
        subject_id=subject_id,
    )
