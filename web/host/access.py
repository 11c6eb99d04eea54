"""Which sessions a host-console user sees, and which they run.

The rules are `livestream.permissions`: a session's own host (or a superuser) runs it;
an officer covering it (its programme province, a participating seller's province, or
national) reads its console and report; anyone else is told it does not exist (404), so
another host's session ids reveal nothing."""

from __future__ import annotations

from typing import Any, cast

from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest
from django.urls import reverse
from django.utils.translation import pgettext_lazy

from accounts.models import User
from accounts.roles import scope_of
from livestream.models import Livestream
from livestream.permissions import officer_covers, runs

NOT_A_HOST = pgettext_lazy(
    "host console", "Only livestream hosts schedule and run sessions; officers read them."
)


def actor(request: HttpRequest) -> User:
    """The signed-in user (`host_area` let only them in)."""
    return cast(User, request.user)


def console_url(session: Livestream, anchor: str = "") -> str:
    return reverse("web:host_session", args=[session.pk]) + (f"#{anchor}" if anchor else "")


def session_for(request: HttpRequest, pk: int) -> tuple[Livestream, bool]:
    """(the session, may this user run it?) or Http404."""
    session = Livestream.objects.select_related("host").filter(pk=pk).first()
    if session is None:
        raise Http404
    user: Any = request.user
    if runs(user, session):
        return session, True
    provinces = set(session.participants.values_list("seller__province_id", flat=True))
    if officer_covers(scope_of(user), session, provinces):
        return session, False
    raise Http404


def sessions_of(request: HttpRequest) -> QuerySet[Livestream]:
    """The console's list: a host's own sessions; every session for a superuser; for an
    officer, the sessions of their province (national officers: all)."""
    user: Any = request.user
    sessions = Livestream.objects.select_related("host")
    if user.is_superuser:
        return sessions
    if user.is_livestream_host:
        return sessions.filter(host=user)
    scope = scope_of(user)
    if scope.is_national_officer:
        return sessions
    province = scope.officer_province_id
    return sessions.filter(
        Q(is_programme=True, programme_province_id=province)
        | Q(participants__seller__province_id=province)
    ).distinct()
