"""Scheduling sessions: create, update, schedule, approve, cancel; sellers and agreement.

Rules (each raises a FieldError with a field and a code):
- only livestream hosts create sessions, and only their host runs them;
- the end is after the start and the session lasts at most OCOP_LIVESTREAM_MAX_MINUTES;
- a host never has two overlapping sessions (canceled ones aside): checked under the host's
  row lock, and backed by the database's exclusion constraint;
- a session is scheduled with a stream URL and at least one seller that agreed;
- a programme session is public only once an officer covering its province approved it.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from accounts.models import User
from accounts.roles import Scope, scope_of
from core.errors import ValidationErrors, by_language
from core.input_limits import check_text, max_length_of
from livestream import lock_objects
from livestream.errors import FieldError, fail, permission_denied
from livestream.invitations import do_agree
from livestream.models import (
    LiveOffer,
    Livestream,
    LivestreamSeller,
    LivestreamStatus,
    LivestreamTransition,
)
from livestream.permissions import is_host_user, may_approve, may_cancel, runs
from livestream.reminders import cancel_reminders_of
from livestream.slugs import new_slug
from livestream.streams import detect_stream
from places.models import Province
from sellers.models import Seller, SellerStatus

OPEN = (LivestreamStatus.DRAFT, LivestreamStatus.SCHEDULED)
CLOSED = (LivestreamStatus.ENDED, LivestreamStatus.CANCELED)
EDITABLE_WHILE_LIVE = frozenset({"title", "description", "stream_url", "ends_at"})
# The session fields a caller may set (the GraphQL layer names them in camelCase, with
# `seller_ids` as `sellers` and `programme_province_id` as `programmeProvince`).
FIELDS = frozenset(
    {
        "title",
        "description",
        "starts_at",
        "ends_at",
        "stream_url",
        "seller_ids",
        "is_programme",
        "programme_name",
        "programme_province_id",
    }
)


def max_length() -> datetime.timedelta:
    return datetime.timedelta(minutes=settings.OCOP_LIVESTREAM_MAX_MINUTES)


def local(value: datetime.datetime) -> str:
    """ "20:00 23/11/2026" in Vietnam time, for messages."""
    return timezone.localtime(value).strftime("%H:%M %d/%m/%Y")


def normalise_time(value: datetime.datetime) -> datetime.datetime:
    """Aware, whole seconds: a naive time is Vietnam time (settings.TIME_ZONE)."""
    if timezone.is_naive(value):
        value = timezone.make_aware(value, timezone.get_default_timezone())
    return value.replace(microsecond=0)


# --- checks --------------------------------------------------------------------------------


def check_host_user(user: Any) -> None:
    if not is_host_user(user):
        fail(None, _("Only livestream hosts can create sessions."), "PERMISSION_DENIED")


def check_runs(user: Any, livestream: Livestream) -> None:
    if not runs(user, livestream):
        permission_denied()


def check_title(title: str) -> str:
    title = (title or "").strip()
    if not title:
        fail("title", _("A title is required."), "REQUIRED")
    if len(title) > 200:
        fail("title", _("Title too long (max 200)."), "INVALID")
    return title


def check_window(starts_at: datetime.datetime, ends_at: datetime.datetime) -> None:
    """The end is after the start, and the session is not longer than the maximum."""
    if ends_at <= starts_at:
        fail("ends_at", _("The end must be after the start."), "INVALID_TIME_RANGE")
    if ends_at - starts_at > max_length():
        minutes = settings.OCOP_LIVESTREAM_MAX_MINUTES
        fail(
            "ends_at",
            _("A session lasts at most %(minutes)s minutes."),
            "TOO_LONG",
            minutes=minutes,
        )


def check_starts_in_future(starts_at: datetime.datetime, now: datetime.datetime) -> None:
    if starts_at <= now:
        fail("starts_at", _("The start must be in the future."), "STARTS_IN_PAST")


def check_no_overlap(
    host_id: int,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime,
    exclude_pk: int | None = None,
) -> None:
    """Expects `lock_objects.lock_host(host_id)` held: concurrent checks then serialise."""
    others = Livestream.objects.filter(
        host_id=host_id, starts_at__lt=ends_at, ends_at__gt=starts_at
    ).exclude(status=LivestreamStatus.CANCELED)
    if exclude_pk is not None:
        others = others.exclude(pk=exclude_pk)
    clash = others.order_by("starts_at").first()
    if clash is not None:
        raise ValidationErrors([overlap_error(clash)])


def overlap_error(clash: Livestream | None = None) -> FieldError:
    when = f" ({clash.title}: {local(clash.starts_at)}–{local(clash.ends_at)})" if clash else ""
    return FieldError(
        "starts_at",
        _("The host already has another session at that time%(when)s."),
        "OVERLAPPING_SESSION",
        {"when": when},
    )


def check_status(livestream: Livestream, allowed: Iterable[str], field: str | None = None) -> None:
    if livestream.status not in tuple(allowed):
        label = LivestreamStatus(livestream.status).label
        fail(
            field,
            _("Not possible while the session is %(status)s."),
            "INVALID_STATUS",
            status=by_language(label, livestream.status),
        )


def check_sellers_selling(seller_ids: Iterable[int]) -> list[Seller]:
    ids = sorted(set(seller_ids))
    sellers = list(Seller.objects.filter(pk__in=ids).order_by("pk"))
    if len(sellers) != len(ids):
        fail("seller_ids", pgettext_lazy("OCOP seller", "Seller not found."), "NOT_FOUND")
    for seller in sellers:
        if not (seller.status == SellerStatus.APPROVED and seller.is_active):
            fail(
                "seller_ids",
                _("%(stall_name)s is not approved to sell."),
                "SELLER_NOT_SELLING",
                stall_name=seller.stall_name,
            )
    return sellers


def check_programme(is_programme: bool, programme_province_id: int | None) -> None:
    if (
        programme_province_id is not None
        and not Province.objects.filter(pk=programme_province_id).exists()
    ):
        fail("programme_province_id", _("Province not found."), "NOT_FOUND")
    if programme_province_id is not None and not is_programme:
        fail("programme_province_id", _("Only programme sessions have a province."), "INVALID")


# --- helpers -------------------------------------------------------------------------------


def _record(
    livestream: Livestream, from_status: str, actor: User | None, now: datetime.datetime
) -> None:
    LivestreamTransition.objects.create(
        livestream=livestream,
        from_status=from_status,
        to_status=livestream.status,
        actor=actor,
        created_at=now,
    )


# The session's free text: the programme name's column holds 200 characters, and the
# description (a TEXT column) is bounded so a listing page stays a page.
MAX_DESCRIPTION_LENGTH = 5_000


def check_texts(livestream: Livestream) -> None:
    """Text the row cannot hold is refused with its field (the title has `check_title`)."""
    for field, value, limit in (
        ("programme_name", livestream.programme_name, max_length_of(Livestream, "programme_name")),
        ("description", livestream.description, MAX_DESCRIPTION_LENGTH),
    ):
        check_text(field, value, limit)


def _save_checked(livestream: Livestream, update_fields: list[str] | None = None) -> None:
    """Save; the exclusion constraint's refusal becomes the overlap error."""
    check_texts(livestream)
    try:
        with transaction.atomic():
            livestream.save(update_fields=update_fields)
    except IntegrityError as exc:
        if "livestream_host_no_overlap" in str(exc):
            raise ValidationErrors([overlap_error()]) from None
        raise


def _set_sellers(
    livestream: Livestream,
    seller_ids: Iterable[int],
    actor: User,
    scope: Scope,
    now: datetime.datetime,
) -> None:
    """Replace the invited sellers. A seller the actor is a member of agrees at once."""
    wanted = {s.pk: s for s in check_sellers_selling(seller_ids)}
    current = {p.seller_id: p for p in livestream.participants.all()}
    removed = set(current) - set(wanted)
    if removed and LiveOffer.objects.filter(livestream=livestream, seller_id__in=removed).exists():
        fail(
            "seller_ids",
            _("A seller with offers in the session cannot be removed."),
            "SELLER_HAS_OFFERS",
        )
    LivestreamSeller.objects.filter(livestream=livestream, seller_id__in=removed).delete()
    for seller_id in sorted(set(wanted) - set(current)):
        own = scope.is_member(seller_id)
        LivestreamSeller.objects.create(
            livestream=livestream,
            seller_id=seller_id,
            invited_by=actor,
            invited_at=now,
            agreed_at=now if own else None,
            agreed_by=actor if own else None,
        )


def get_livestream(pk: int) -> Livestream:
    found = Livestream.objects.filter(pk=pk).first()
    if found is None:
        fail("id", _("Livestream not found."), "NOT_FOUND")
    return found


def _lock_for_host(pk: int) -> Livestream:
    """Locks: the host's schedule (advisory), then the session row (no key) — the domain's
    lock order."""
    found = get_livestream(pk)
    lock_objects.lock_host(found.host_id)
    locked = lock_objects.lock_livestream(pk)
    assert locked is not None
    return locked


# --- actions -------------------------------------------------------------------------------


def do_create_livestream(
    actor: User, fields: Mapping[str, Any], *, now: datetime.datetime | None = None
) -> Livestream:
    """Create a draft session hosted by `actor`.

    Locks: the host's schedule (advisory, `lock_host`), so the overlap check serialises;
    the new row needs no lock. Plain `atomic()`: a savepoint when called inside
    `session_edits.do_create_livestream_with_cover` (its only caller, which is outermost).
    """
    now = now or timezone.now()
    check_host_user(actor)
    scope = scope_of(actor)
    title = check_title(fields.get("title", ""))
    for key in ("starts_at", "ends_at"):
        if not fields.get(key):
            fail(key, _("This field is required."), "REQUIRED")
    starts_at = normalise_time(fields["starts_at"])
    ends_at = normalise_time(fields["ends_at"])
    check_window(starts_at, ends_at)
    check_starts_in_future(starts_at, now)
    platform, stream_url = "", ""
    if fields.get("stream_url"):
        platform, stream_url = detect_stream(fields["stream_url"])
    is_programme = bool(fields.get("is_programme"))
    province_id = fields.get("programme_province_id")
    check_programme(is_programme, province_id)
    with transaction.atomic():
        lock_objects.lock_host(actor.pk)
        check_no_overlap(actor.pk, starts_at, ends_at)
        livestream = Livestream(
            host=actor,
            title=title,
            slug=new_slug(title),
            description=(fields.get("description") or "").strip(),
            starts_at=starts_at,
            ends_at=ends_at,
            stream_url=stream_url,
            platform=platform,
            is_programme=is_programme,
            programme_name=(fields.get("programme_name") or "").strip() if is_programme else "",
            programme_province_id=province_id,
            created_at=now,
        )
        _save_checked(livestream)
        if fields.get("seller_ids"):
            _set_sellers(livestream, fields["seller_ids"], actor, scope, now)
    return livestream


def do_update_livestream(
    actor: User, pk: int, changes: Mapping[str, Any], *, now: datetime.datetime | None = None
) -> Livestream:
    """Change a session. Drafts and scheduled sessions change freely (a new start must be in
    the future); a live one only its title, description, stream and end; closed ones never.
    Programme fields change only in a draft.

    Locks: the host's schedule (advisory, `lock_host`), then the session row, FOR NO KEY
    UPDATE (`lock_livestream`). Plain `atomic()`: a savepoint when
    called inside `session_edits.do_update_livestream_with_cover` (its only caller).
    """
    now = now or timezone.now()
    changes = {k: v for k, v in changes.items() if k in FIELDS}
    with transaction.atomic():
        livestream = _lock_for_host(pk)
        check_runs(actor, livestream)
        check_status(livestream, (*OPEN, LivestreamStatus.LIVE))
        if livestream.status == LivestreamStatus.LIVE:
            for key in changes:
                if key not in EDITABLE_WHILE_LIVE:
                    fail(
                        key,
                        _("This field cannot change while live."),
                        "INVALID_STATUS",
                    )
        programme_keys = {"is_programme", "programme_name", "programme_province_id"} & set(changes)
        if programme_keys and livestream.status != LivestreamStatus.DRAFT:
            fail(
                sorted(programme_keys)[0],
                _("Programme details change only while the session is a draft."),
                "INVALID_STATUS",
            )
        if "title" in changes:
            livestream.title = check_title(changes["title"])
        if "description" in changes:
            livestream.description = (changes["description"] or "").strip()
        if "stream_url" in changes:
            if changes["stream_url"]:
                livestream.platform, livestream.stream_url = detect_stream(changes["stream_url"])
            elif livestream.status == LivestreamStatus.DRAFT:
                livestream.platform, livestream.stream_url = "", ""
            else:
                fail("stream_url", _("A stream URL is required."), "REQUIRED")
        if programme_keys:
            if "is_programme" in changes:
                livestream.is_programme = bool(changes["is_programme"])
            if "programme_name" in changes:
                livestream.programme_name = (changes["programme_name"] or "").strip()
            if "programme_province_id" in changes:
                livestream.programme_province_id = changes["programme_province_id"]
            check_programme(livestream.is_programme, livestream.programme_province_id)
            if not livestream.is_programme:
                livestream.programme_name, livestream.approved_at, livestream.approved_by = (
                    "",
                    None,
                    None,
                )
        times_changed = False
        for key in ("starts_at", "ends_at"):
            if changes.get(key):
                value = normalise_time(changes[key])
                if value != getattr(livestream, key):
                    setattr(livestream, key, value)
                    times_changed = True
        if times_changed:
            check_window(livestream.starts_at, livestream.ends_at)
            if livestream.status == LivestreamStatus.LIVE:
                if livestream.ends_at <= now:
                    fail("ends_at", _("The end is in the past."), "INVALID_TIME_RANGE")
            elif "starts_at" in changes:
                check_starts_in_future(livestream.starts_at, now)
            check_no_overlap(
                livestream.host_id, livestream.starts_at, livestream.ends_at, livestream.pk
            )
        _save_checked(livestream)
        if changes.get("seller_ids") is not None:
            if livestream.status == LivestreamStatus.LIVE:
                fail("seller_ids", _("Sellers cannot change while live."), "INVALID_STATUS")
            _set_sellers(livestream, changes["seller_ids"], actor, scope_of(actor), now)
    return livestream


def do_schedule(actor: User, pk: int, *, now: datetime.datetime | None = None) -> Livestream:
    """draft → scheduled. Needs a stream URL, an agreeing seller and a future start.

    Locks: the host's schedule (advisory, `lock_host`), then the session row, FOR NO KEY
    UPDATE (`lock_livestream`). One transaction, the outermost.
    """
    now = now or timezone.now()
    with transaction.atomic(durable=True):
        livestream = _lock_for_host(pk)
        check_runs(actor, livestream)
        check_status(livestream, (LivestreamStatus.DRAFT,))
        if not livestream.stream_url:
            fail("stream_url", _("A stream URL is required."), "REQUIRED")
        if not livestream.participants.filter(agreed_at__isnull=False).exists():
            fail(
                "seller_ids",
                _("At least one seller must have agreed to the session."),
                "NO_AGREED_SELLER",
            )
        check_starts_in_future(livestream.starts_at, now)
        check_window(livestream.starts_at, livestream.ends_at)
        check_no_overlap(
            livestream.host_id, livestream.starts_at, livestream.ends_at, livestream.pk
        )
        livestream.status = LivestreamStatus.SCHEDULED
        livestream.save(update_fields=["status", "updated_at"])
        _record(livestream, LivestreamStatus.DRAFT, actor, now)
    return livestream


def do_approve(actor: User, pk: int, *, now: datetime.datetime | None = None) -> Livestream:
    """An officer covering the programme's province approves it (idempotent).

    Locks: the session row, FOR NO KEY UPDATE (`lock_livestream`). One transaction, the
    outermost.
    """
    now = now or timezone.now()
    scope = scope_of(actor)
    with transaction.atomic(durable=True):
        livestream = lock_objects.lock_livestream(pk)
        if livestream is None:
            fail("id", _("Livestream not found."), "NOT_FOUND")
        if not livestream.is_programme:
            if not scope.is_officer:
                permission_denied()
            fail("id", _("Only programme sessions need approval."), "NOT_A_PROGRAMME")
        if not may_approve(scope, livestream):
            permission_denied()
        check_status(livestream, OPEN)
        if livestream.approved_at is None:
            livestream.approved_at, livestream.approved_by = now, actor
            livestream.save(update_fields=["approved_at", "approved_by", "updated_at"])
    return livestream


def do_cancel(
    actor: User, pk: int, reason: str = "", *, now: datetime.datetime | None = None
) -> Livestream:
    """draft/scheduled → canceled, by its host or (programmes) an approving officer.
    Pending reminders are cancelled in the same transaction; a live session is ended
    instead (livestreamEnd).

    Locks: the session row, FOR NO KEY UPDATE (`lock_livestream`); the pin flags and the
    reminders change by plain UPDATEs under it. One transaction, the outermost.
    """
    now = now or timezone.now()
    scope = scope_of(actor)
    with transaction.atomic(durable=True):
        livestream = lock_objects.lock_livestream(pk)
        if livestream is None:
            fail("id", _("Livestream not found."), "NOT_FOUND")
        if not may_cancel(actor, scope, livestream):
            permission_denied()
        check_status(livestream, OPEN)
        previous = livestream.status
        livestream.status = LivestreamStatus.CANCELED
        livestream.canceled_at = now
        livestream.cancel_reason = (reason or "").strip()
        livestream.save(update_fields=["status", "canceled_at", "cancel_reason", "updated_at"])
        LiveOffer.objects.filter(livestream=livestream, is_pinned=True).update(is_pinned=False)
        cancel_reminders_of(livestream.pk, now)
        _record(livestream, previous, actor, now)
    return livestream


def do_seller_agree(
    actor: User, pk: int, seller_id: int, *, now: datetime.datetime | None = None
) -> LivestreamSeller:
    """A member of an invited seller agrees that its goods are sold in the session: the
    API's name for `livestream.invitations.do_agree`, where the answers' rules live.

    Locks: the session row, then the invitation row, FOR NO KEY UPDATE (`do_agree`). One
    transaction, the outermost."""
    return do_agree(actor, pk, seller_id, now=now)
