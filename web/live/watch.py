"""The watch page of a public livestream (/live/<slug>/) and its "Mua ngay" button.

"Mua ngay" is one POST: it checks the tap can get the live price (`livestream.buy_now`),
puts one unit of the offer's variant in the visitor's cart through the cart's own code
(`web.cart.session.add_to_cart`, the product page's path), and opens the one-page checkout
(`web.checkout.views.checkout_page`), which already picks a signed-in buyer's default
address and cash on delivery. The live price is the cart's and checkout's rule
(`livestream.pricing`); completion claims the units (`livestream.claims`). A refused tap
adds nothing and says why on the watch page.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from checkout.lines import LineChange
from core.errors import ValidationErrors
from livestream.buy_now import check_buy_now
from livestream.claims import buyer_key_for
from livestream.models import LiveOffer, Livestream
from livestream.queries import public_livestreams
from web.account.views import login_then_back
from web.cart.session import add_to_cart, current_checkout
from web.channel import storefront_channel
from web.live.players import csp_sources
from web.live.watch_page import in_cart, watch_context
from web.views import not_found

MAX_START = 24 * 3600  # a replay's "jump to" offset, in seconds


def _public(slug: str) -> Livestream | None:
    return public_livestreams().filter(slug=slug).first()


@require_GET
def watch(request: HttpRequest, slug: str) -> HttpResponse:
    session = _public(slug)
    if session is None:
        return not_found(request)
    try:
        start = min(max(int(request.GET.get("t", "0")), 0), MAX_START)
    except ValueError:
        start = 0
    context = watch_context(request, session, start)
    response = render(request, "web/live/watch.html", context)
    response._csp_update = csp_sources(context["player"])  # type: ignore[attr-defined]
    return response


@require_POST
def buy_now(request: HttpRequest, slug: str, offer_id: int) -> HttpResponse:
    session = _public(slug)
    if session is None:
        return not_found(request)
    back = f"{reverse('web:live_watch', args=[session.slug])}#offer-{offer_id}"
    signed_in = bool(request.user.is_authenticated)
    if not signed_in and request.POST.get("guest") != "1":
        # Sign in first (the checkout is then prefilled); back on the page, tap again.
        return login_then_back(back)
    checkout = current_checkout(request)
    variant_id = (
        LiveOffer.objects.filter(pk=offer_id, livestream=session)
        .values_list("variant_id", flat=True)
        .first()
    )
    if signed_in:
        key: str | None = buyer_key_for(user_id=request.user.pk)
    else:
        email = checkout.email if checkout is not None else ""
        key = buyer_key_for(email=email) if email else None
    try:
        offer = check_buy_now(
            session,
            offer_id,
            key,
            in_cart(checkout, variant_id or 0),
            channel_id=storefront_channel().pk,
        )
        add_to_cart(request, [LineChange(offer.variant_id, 1)])
    except ValidationErrors as refused:
        messages.error(request, " ".join(error.message for error in refused.errors))
        return redirect(back)
    return redirect(reverse("web:checkout"))
