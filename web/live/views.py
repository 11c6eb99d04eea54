"""The livestream schedule: live now, upcoming (with "Nhắc tôi"), past. Which sessions are
public and what each list holds is livestream.queries; setting and cancelling a reminder is
livestream.reminders. Each session links to its watch page (web/live/watch.py)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from django_htmx.http import HttpResponseClientRedirect

from core.errors import ValidationErrors
from livestream.models import LivestreamReminder, LivestreamStatus
from livestream.queries import live_now_q, past_q, public_livestreams, upcoming_q
from livestream.reminders import do_cancel_reminder, do_remind_me
from web.account.views import customer_of, login_then_back, safe_next

UPCOMING_SHOWN = 50
PAST_SHOWN = 20


def schedule(request: HttpRequest) -> HttpResponse:
    now = timezone.now()
    sessions = public_livestreams()
    live = list(sessions.filter(live_now_q()).order_by("starts_at", "pk"))
    upcoming = list(sessions.filter(upcoming_q(now)).order_by("starts_at", "pk")[:UPCOMING_SHOWN])
    past = list(sessions.filter(past_q()).order_by("-starts_at", "-pk")[:PAST_SHOWN])
    reminded: set[int] = set()
    if request.user.is_authenticated and upcoming:
        reminded = set(
            LivestreamReminder.objects.filter(
                user=customer_of(request),
                livestream__in=[s.pk for s in upcoming],
                canceled_at__isnull=True,
            ).values_list("livestream_id", flat=True)
        )
    context = {
        "live": live,
        "upcoming": [{"session": s, "reminded": s.pk in reminded} for s in upcoming],
        "past": past,
    }
    return render(request, "web/live/schedule.html", context)


def _back(request: HttpRequest, pk: int) -> str:
    return safe_next(request, f"{reverse('web:live')}#live-{pk}")


def _answer(request: HttpRequest, pk: int, notice: str, *, failed: bool) -> HttpResponse:
    """To htmx: the session's entry, redrawn with its reminder state and the notice; to a
    plain form post: back to where it came from, the notice in the session's messages."""
    if getattr(request, "htmx", False) and not safe_next(request, ""):
        session = public_livestreams().filter(pk=pk).first()
        if session is not None and session.status == LivestreamStatus.SCHEDULED:
            reminded = LivestreamReminder.objects.filter(
                user=customer_of(request),
                livestream=session,
                canceled_at__isnull=True,
            ).exists()
            item = {"session": session, "reminded": reminded, "notice": notice, "failed": failed}
            return render(request, "web/live/_upcoming.html", {"item": item})
    (messages.error if failed else messages.success)(request, notice)
    target = _back(request, pk)
    if getattr(request, "htmx", False):
        return HttpResponseClientRedirect(target)
    return redirect(target)


def _signed_out(request: HttpRequest, back: str) -> HttpResponse:
    target = login_then_back(back)["Location"]
    if getattr(request, "htmx", False):
        return HttpResponseClientRedirect(target)
    return redirect(target)


@require_POST
def remind(request: HttpRequest, pk: int) -> HttpResponse:
    if not request.user.is_authenticated:
        # Sign in first, then back to the schedule, where the button now works.
        return _signed_out(request, f"{reverse('web:live')}#live-{pk}")
    try:
        do_remind_me(customer_of(request), pk)
    except ValidationErrors as errors:
        return _answer(request, pk, " ".join(e.message for e in errors.errors), failed=True)
    return _answer(
        request, pk, str(_("We will e-mail you 15 minutes before it starts.")), failed=False
    )


@require_POST
def cancel_reminder(request: HttpRequest, pk: int) -> HttpResponse:
    if not request.user.is_authenticated:
        return _signed_out(request, reverse("web:my_reminders"))
    try:
        do_cancel_reminder(customer_of(request), pk)
    except ValidationErrors as errors:
        return _answer(request, pk, " ".join(e.message for e in errors.errors), failed=True)
    return _answer(request, pk, str(_("Reminder cancelled.")), failed=False)
