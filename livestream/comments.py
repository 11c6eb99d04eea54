"""Comments on a live session: signed-in viewers post, the host and officers moderate.

- Posting: signed in, the session public and live, the body 1–300 characters of plain text
  (whitespace folded), the author not muted in this session, at most one comment every
  MIN_GAP seconds and PER_MINUTE a minute per user and session (Redis counters through
  Django's cache, as `accounts.throttle` does; if Redis does not answer the post goes
  through: a broken cache must not silence the chat).
- Moderating: the session's host (or a superuser) and the officers who cover the session
  (`livestream.permissions.officer_covers`: its programme's province or a participating
  seller's) hide a comment (kept for the record) and mute a user for this session.
- Every change is announced after commit (`livestream.events`): comment.posted,
  comment.hidden, user.muted, with the data the page needs (`comment_data`).
- Bodies are plain text everywhere: templates autoescape them, the page's script inserts
  them as text nodes, and nothing turns a URL or a phone number into a link (scam
  protection: no urlize, no tel: links).
"""

from __future__ import annotations

import datetime
import logging
from typing import Any

from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from redis.exceptions import RedisError

from accounts.models import User
from accounts.roles import is_authenticated, scope_of
from livestream.errors import fail, permission_denied
from livestream.events import announce
from livestream.live_models import LiveComment, LiveMute
from livestream.models import Livestream, LivestreamSeller, LivestreamStatus
from livestream.permissions import officer_covers, runs

logger = logging.getLogger(__name__)

MAX_LENGTH = 300
MIN_GAP = 3  # seconds between two comments of one user in one session
PER_MINUTE = 20
SHOWN = 50  # the latest visible comments a page shows


def author_name(user: User) -> str:
    """What viewers see of an author: the name they gave, never their e-mail or phone."""
    return user.full_name or user.first_name


def comment_data(comment: LiveComment) -> dict[str, Any]:
    """A comment as the page shows it (the comment.posted event's data)."""
    return {
        "id": comment.pk,
        "author_id": comment.author_id,
        "author_name": author_name(comment.author),
        "body": comment.body,
        "created_at": comment.created_at.isoformat(),
    }


def visible_comments(livestream_id: int, limit: int = SHOWN) -> list[LiveComment]:
    """The latest visible comments, oldest first (one query)."""
    latest = (
        LiveComment.objects.filter(livestream_id=livestream_id, hidden_at__isnull=True)
        .select_related("author")
        .order_by("-id")[:limit]
    )
    return list(reversed(latest))


def is_muted(livestream_id: int, user: Any) -> bool:
    if not is_authenticated(user):
        return False
    return LiveMute.objects.filter(livestream_id=livestream_id, user_id=user.pk).exists()


def may_moderate(user: Any, livestream: Livestream) -> bool:
    """The host (or a superuser), or an officer covering the session."""
    if not is_authenticated(user):
        return False
    if runs(user, livestream):
        return True
    scope = scope_of(user)
    if not scope.is_officer:
        return False
    provinces = set(
        LivestreamSeller.objects.filter(livestream=livestream).values_list(
            "seller__province_id", flat=True
        )
    )
    return officer_covers(scope, livestream, {p for p in provinces if p is not None})


def clean_body(body: str) -> str:
    return " ".join(str(body or "").split())


def _live_session(livestream_id: int) -> Livestream:
    livestream = Livestream.objects.filter(pk=livestream_id).first()
    if livestream is None or not livestream.is_public:
        fail("livestream", _("Livestream not found."), "NOT_FOUND")
    return livestream


def check_comment(user: Any, livestream_id: int, body: str) -> tuple[Livestream, str]:
    """Everything but the rate limit; returns the session and the cleaned body."""
    if not is_authenticated(user):
        fail(None, _("Sign in to comment."), "PERMISSION_DENIED")
    livestream = _live_session(livestream_id)
    if livestream.status != LivestreamStatus.LIVE:
        fail(None, _("Comments are open only while the session is live."), "INVALID_STATUS")
    text = clean_body(body)
    if not text:
        fail("body", _("Write a comment first."), "REQUIRED")
    if len(text) > MAX_LENGTH:
        fail(
            "body",
            _("A comment has at most %(limit)s characters (this one has %(length)s)."),
            "TOO_LONG",
            limit=MAX_LENGTH,
            length=len(text),
        )
    if is_muted(livestream_id, user):
        fail(None, _("The host muted you in this session: you cannot comment."), "MUTED")
    return livestream, text


def _take_rate(user_id: int, livestream_id: int, now: datetime.datetime) -> None:
    """Count one comment against the limits, or refuse it (nothing counted then)."""
    gap_key = f"live-comment:{livestream_id}:{user_id}:gap"
    minute_key = f"live-comment:{livestream_id}:{user_id}:{int(now.timestamp()) // 60}"
    try:
        if cache.get(minute_key, 0) >= PER_MINUTE:
            fail(
                None,
                _("Too many comments: at most %(limit)s a minute. Wait a moment."),
                "THROTTLED",
                limit=PER_MINUTE,
            )
        if not cache.add(gap_key, 1, timeout=MIN_GAP):
            fail(
                None,
                _("Slow down: one comment every %(seconds)s seconds."),
                "THROTTLED",
                seconds=MIN_GAP,
            )
        if not cache.add(minute_key, 1, timeout=70):
            cache.incr(minute_key)
    except (RedisError, OSError):
        logger.warning("comment rate limit not checked: the cache does not answer")


def do_post_comment(
    user: Any, livestream_id: int, body: str, *, now: datetime.datetime | None = None
) -> LiveComment:
    """Post a comment; viewers get comment.posted once it commits.

    Locks: none (one INSERT). One transaction, the outermost.
    """
    moment = now or timezone.now()
    _, text = check_comment(user, livestream_id, body)
    _take_rate(user.pk, livestream_id, moment)
    with transaction.atomic(durable=True):
        comment = LiveComment.objects.create(
            livestream_id=livestream_id, author=user, body=text, created_at=moment
        )
        comment.author = user
        announce(livestream_id, "comment.posted", comment_data(comment))
    return comment


def check_moderator(user: Any, livestream_id: int) -> Livestream:
    if not is_authenticated(user):
        permission_denied()
    livestream = Livestream.objects.filter(pk=livestream_id).first()
    if livestream is None:
        fail("livestream", _("Livestream not found."), "NOT_FOUND")
    if not may_moderate(user, livestream):
        permission_denied()
    return livestream


def do_hide_comment(
    user: Any, livestream_id: int, comment_id: int, *, now: datetime.datetime | None = None
) -> bool:
    """Hide a comment of this session from everyone; True when it was visible.

    Locks: none (one conditional UPDATE). One transaction, the outermost.
    """
    check_moderator(user, livestream_id)
    if not LiveComment.objects.filter(pk=comment_id, livestream_id=livestream_id).exists():
        fail("comment", _("Comment not found."), "NOT_FOUND")
    with transaction.atomic(durable=True):
        hidden = LiveComment.objects.filter(
            pk=comment_id, livestream_id=livestream_id, hidden_at__isnull=True
        ).update(hidden_at=now or timezone.now(), hidden_by=user)
        if hidden:
            announce(livestream_id, "comment.hidden", {"id": comment_id})
    return hidden == 1


def do_mute_user(
    user: Any, livestream_id: int, muted_user_id: int, *, now: datetime.datetime | None = None
) -> bool:
    """Mute a user in this session (their next comments are refused); True when newly muted.
    The session's host cannot be muted, nor can a moderator mute themself.

    Locks: none (INSERT; the unique (session, user) index settles a race). One transaction,
    the outermost.
    """
    livestream = check_moderator(user, livestream_id)
    target = User.objects.filter(pk=muted_user_id).first()
    if target is None:
        fail("user", _("User not found."), "NOT_FOUND")
    if target.pk == user.pk or target.pk == livestream.host_id:
        fail("user", _("The host and moderators cannot be muted."), "INVALID")
    try:
        with transaction.atomic(durable=True):
            LiveMute.objects.create(
                livestream_id=livestream_id,
                user=target,
                muted_by=user,
                created_at=now or timezone.now(),
            )
            announce(livestream_id, "user.muted", {"user_id": target.pk})
    except IntegrityError:
        return False  # already muted
    return True
