"""The seller centre's livestream invitations: the sessions the stall is invited to (title,
host, time in Viet Nam, status, the stall's answer), newest first, with agree and decline.

The rules (who may answer, until when, what declining withdraws) are
`livestream.invitations`; these views read the form, call it, and show its message. Only
the stall's own invitations are found: another's session is a 404 before anything runs."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext, pgettext_lazy
from django.views.decorators.http import require_GET, require_POST

from core.errors import ValidationErrors
from livestream.invitations import ANSWERABLE, do_agree, do_decline
from livestream.models import LivestreamSeller, LivestreamStatus
from sellers.models import Seller
from web.areas import seller_area

INVITATIONS_PER_PAGE = 20

# The model's labels are Vietnamese only; the seller centre speaks the reader's language.
STATUS_LABELS = {
    LivestreamStatus.DRAFT: pgettext_lazy("livestream status", "Being prepared"),
    LivestreamStatus.SCHEDULED: pgettext_lazy("livestream status", "Scheduled"),
    LivestreamStatus.LIVE: pgettext_lazy("livestream status", "Live now"),
    LivestreamStatus.ENDED: pgettext_lazy("livestream status", "Ended"),
    LivestreamStatus.CANCELED: pgettext_lazy("livestream status", "Cancelled"),
}


@require_GET
@seller_area
def invitations(request: HttpRequest, *, seller: Seller, membership: Any) -> HttpResponse:
    rows = (
        LivestreamSeller.objects.filter(seller=seller)
        .select_related("livestream", "livestream__host")
        .order_by("-livestream__starts_at", "-pk")
    )
    page = Paginator(rows, INVITATIONS_PER_PAGE).get_page(request.GET.get("page"))
    items = [
        {
            "invitation": row,
            "session": row.livestream,
            "answerable": row.livestream.status in ANSWERABLE,
            "status": STATUS_LABELS[LivestreamStatus(row.livestream.status)],
        }
        for row in page.object_list
    ]
    return render(
        request,
        "web/seller/lives.html",
        {"seller": seller, "nav_current": "seller_lives", "page": page, "items": items},
    )


def _answer(
    request: HttpRequest,
    livestream_id: int,
    seller: Seller,
    action: Callable[[Any, int, int], LivestreamSeller],
    done: str,
) -> HttpResponse:
    """Answer through the domain; its refusal is shown as a message on the list, where the
    invitation is (POST, then redirect, so a reload does not answer again)."""
    # Not invited (or another stall's session): not found, before the domain runs.
    if not LivestreamSeller.objects.filter(livestream_id=livestream_id, seller=seller).exists():
        raise Http404
    try:
        action(request.user, livestream_id, seller.pk)
    except ValidationErrors as errors:
        for error in errors.errors:
            messages.error(request, str(error.message))
    else:
        messages.success(request, done)
    return redirect(f"{reverse('web:seller_lives')}#live-{livestream_id}")


@require_POST
@seller_area
def agree(
    request: HttpRequest, livestream_id: int, *, seller: Seller, membership: Any
) -> HttpResponse:
    done = gettext("You agreed to take part. Your products can now be offered in the session.")
    return _answer(request, livestream_id, seller, do_agree, done)


@require_POST
@seller_area
def decline(
    request: HttpRequest, livestream_id: int, *, seller: Seller, membership: Any
) -> HttpResponse:
    return _answer(
        request, livestream_id, seller, do_decline, gettext("You declined the invitation.")
    )
