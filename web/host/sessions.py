"""The host console's sessions: the list, scheduling a new one, changing one, inviting
producers, and the status steps (schedule, go live, end). Thin: each view reads its form,
calls the domain (`livestream.session_edits`, `scheduling`, `transitions`) and shows its
refusal on the form or as a message."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import pgettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core.errors import ValidationErrors
from livestream.models import Livestream, LivestreamStatus
from livestream.scheduling import do_schedule
from livestream.session_edits import (
    do_create_livestream_with_cover,
    do_update_livestream_with_cover,
)
from livestream.transitions import do_end, do_start
from web.areas import forbidden, host_area
from web.host.access import NOT_A_HOST, actor, console_url, session_for, sessions_of
from web.host.forms import SessionForm, apply_errors
from web.seller.lives import STATUS_LABELS

SESSIONS_PER_PAGE = 20


def changed(session: Livestream, fields: dict[str, Any]) -> dict[str, Any]:
    """Only what the host changed: a live session refuses even an unchanged start. The form
    counts in whole minutes, so a time within the same minute is unchanged."""
    changes = {}
    for key, value in fields.items():
        current = getattr(session, key)
        if isinstance(value, datetime.datetime):
            if abs((value - current).total_seconds()) < 60:
                continue
        elif value == current:
            continue
        changes[key] = value
    return changes


@require_GET
@host_area
def home(request: HttpRequest, *, can_host: bool) -> HttpResponse:
    rows = sessions_of(request).order_by("-starts_at", "-pk")
    page = Paginator(rows, SESSIONS_PER_PAGE).get_page(request.GET.get("page"))
    items = [
        {"session": s, "status": STATUS_LABELS[LivestreamStatus(s.status)]}
        for s in page.object_list
    ]
    return render(
        request,
        "web/host/home.html",
        {"nav_current": "host_home", "page": page, "items": items, "can_host": can_host},
    )


@require_http_methods(["GET", "POST"])
@host_area
def session_new(request: HttpRequest, *, can_host: bool) -> HttpResponse:
    if not can_host:
        return forbidden(request, NOT_A_HOST)
    form = SessionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            session = do_create_livestream_with_cover(actor(request), form.domain_fields(), None)
        except ValidationErrors as errors:
            apply_errors(form, errors, SessionForm.FIELDS)
        else:
            messages.success(request, pgettext("host console", "The session is saved as a draft."))
            return redirect(console_url(session))
    return render(
        request,
        "web/host/session_form.html",
        {"nav_current": "host_session_new", "form": form, "session": None},
    )


@require_http_methods(["GET", "POST"])
@host_area
def session_edit(request: HttpRequest, pk: int, *, can_host: bool) -> HttpResponse:
    session, can_run = session_for(request, pk)
    if not can_run:
        return forbidden(request, NOT_A_HOST)
    form = SessionForm(request.POST or None, initial=SessionForm.initial_of(session))
    if request.method == "POST" and form.is_valid():
        changes = changed(session, form.domain_fields())
        try:
            do_update_livestream_with_cover(actor(request), session.pk, changes, None)
        except ValidationErrors as errors:
            apply_errors(form, errors, SessionForm.FIELDS)
        else:
            messages.success(request, pgettext("host console", "The session is saved."))
            return redirect(console_url(session))
    return render(
        request,
        "web/host/session_form.html",
        {"nav_current": "host_home", "form": form, "session": session},
    )


def _step(
    request: HttpRequest, pk: int, action: Callable[[Any, int], Livestream], done: str
) -> HttpResponse:
    session, can_run = session_for(request, pk)
    if not can_run:
        return forbidden(request, NOT_A_HOST)
    try:
        action(request.user, session.pk)
    except ValidationErrors as errors:
        for error in errors.errors:
            messages.error(request, error.message)
    else:
        messages.success(request, done)
    return redirect(console_url(session))


@require_POST
@host_area
def schedule(request: HttpRequest, pk: int, *, can_host: bool) -> HttpResponse:
    return _step(
        request, pk, do_schedule, pgettext("host console", "The session is scheduled and public.")
    )


@require_POST
@host_area
def start(request: HttpRequest, pk: int, *, can_host: bool) -> HttpResponse:
    return _step(request, pk, do_start, pgettext("host console", "You are live."))


@require_POST
@host_area
def end(request: HttpRequest, pk: int, *, can_host: bool) -> HttpResponse:
    return _step(request, pk, do_end, pgettext("host console", "The session has ended."))
