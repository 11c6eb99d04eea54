"""Beat tasks (see marketplace/celery.py): both are idempotent and safe to run late,
twice, or concurrently; their state lives only in the database."""

from __future__ import annotations

from celery import shared_task

from livestream.flash import announce_due
from livestream.reminders import send_due_reminders
from livestream.transitions import transition_due_sessions


@shared_task(name="livestream.tasks.transition_due_livestreams")
def transition_due_livestreams() -> dict[str, list[int]]:
    """Sessions go live and end at their times (conditional UPDATEs, exactly once)."""
    return transition_due_sessions().as_json()


@shared_task(name="livestream.tasks.send_due_livestream_reminders")
def send_due_livestream_reminders() -> dict[str, list[int]]:
    """Reminders 15 minutes before the start (claimed before sending: at most once)."""
    return send_due_reminders().as_json()


@shared_task(name="livestream.tasks.announce_flash_deals")
def announce_flash_deals() -> dict[str, list[int]]:
    """Tell viewers that flash deals opened or closed (each transition once; the deals
    open and close by their times whether or not this runs)."""
    return announce_due()
