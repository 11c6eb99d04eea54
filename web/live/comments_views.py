"""A live session's comments on the web: the list and form the watch page includes, and the
three actions (post, hide, mute), as htmx forms that also work as plain POSTs.

The watch page calls `comments_context(request, session)` and includes
`web/live/_comments.html` with `session=...`; comments then arrive by `ocop:live` events
(web/static/web/live-comments.js). An htmx action answers the section redrawn; a plain POST
goes back to the watch page (`next`, else /live/<slug>/), an error in the session's messages.
The rules are `livestream.comments`'; here only who is signed in and what came in.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST
from django_htmx.http import HttpResponseClientRedirect

from core.errors import ValidationErrors
from livestream import comments
from livestream.events import client, key
from livestream.models import Livestream, LivestreamStatus
from livestream.queries import public_livestreams
from web.account.views import login_then_back, safe_next


def _last_event_id(livestream_id: int) -> int | None:
    """The session's last event id: the page's stream starts after it, so comments posted
    between the render and the stream's start are not lost. None if Redis does not answer."""
    try:
        return int(client().get(key(livestream_id, "seq")) or 0)
    except Exception:
        return None


def comments_context(
    request: HttpRequest, session: Livestream, *, body: str = "", errors: list[str] | None = None
) -> dict[str, Any]:
    """What `web/live/_comments.html` needs (3 queries: comments, mute, moderator scope)."""
    user = request.user
    signed_in = bool(user.is_authenticated)
    muted = signed_in and comments.is_muted(session.pk, user)
    if not signed_in:
        form_state = "signed_out"
    elif muted:
        form_state = "muted"
    elif session.status != LivestreamStatus.LIVE:
        form_state = "closed"
    else:
        form_state = "open"
    return {
        "live_comments": [comments.comment_data(c) for c in comments.visible_comments(session.pk)],
        "live_comment_form_state": form_state,
        "live_may_moderate": signed_in and comments.may_moderate(user, session),
        "live_viewer_id": user.pk if signed_in else "",
        "live_comment_max": comments.MAX_LENGTH,
        "live_comment_body": body,
        "live_comment_errors": errors or [],
        "live_last_id": _last_event_id(session.pk),
        "live_login_url": login_then_back(_watch_url(session))["Location"],
        # The <template> a comment arriving later is cloned from (its ids filled in then).
        "live_comment_blank": {"id": 0, "author_id": 0, "author_name": "", "body": ""},
    }


def _watch_url(session: Livestream) -> str:
    return f"/live/{session.slug}/"


def _session(slug: str) -> Livestream:
    session = public_livestreams().filter(slug=slug).first()
    if session is None:
        raise Http404
    return session


def _answer(
    request: HttpRequest, session: Livestream, *, body: str = "", errors: list[str] | None = None
) -> HttpResponse:
    if getattr(request, "htmx", False):
        context = {
            "session": session,
            **comments_context(request, session, body=body, errors=errors),
        }
        return render(request, "web/live/_comments.html", context, status=200)
    for error in errors or []:
        messages.error(request, error)
    return redirect(safe_next(request, _watch_url(session)) + "#live-comments")


def _signed_out(request: HttpRequest, session: Livestream) -> HttpResponse:
    target = login_then_back(_watch_url(session))["Location"]
    if getattr(request, "htmx", False):
        return HttpResponseClientRedirect(target)
    return redirect(target)


def _messages(errors: ValidationErrors) -> list[str]:
    return [error.message for error in errors.errors]


@require_POST
def post_comment(request: HttpRequest, slug: str) -> HttpResponse:
    session = _session(slug)
    if not request.user.is_authenticated:
        return _signed_out(request, session)
    body = request.POST.get("body", "")
    try:
        comments.do_post_comment(request.user, session.pk, body)
    except ValidationErrors as errors:
        return _answer(request, session, body=body, errors=_messages(errors))
    return _answer(request, session)


@require_POST
def hide_comment(request: HttpRequest, slug: str, comment_id: int) -> HttpResponse:
    session = _session(slug)
    if not request.user.is_authenticated:
        return _signed_out(request, session)
    if not comments.may_moderate(request.user, session):
        return HttpResponse(status=403)
    try:
        comments.do_hide_comment(request.user, session.pk, comment_id)
    except ValidationErrors as errors:
        return _answer(request, session, errors=_messages(errors))
    return _answer(request, session)


@require_POST
def mute_user(request: HttpRequest, slug: str, user_id: int) -> HttpResponse:
    session = _session(slug)
    if not request.user.is_authenticated:
        return _signed_out(request, session)
    if not comments.may_moderate(request.user, session):
        return HttpResponse(status=403)
    try:
        comments.do_mute_user(request.user, session.pk, user_id)
    except ValidationErrors as errors:
        return _answer(request, session, errors=_messages(errors))
    return _answer(request, session)
