"""A session's console: what the host runs it with (invite producers, add offers, go live,
pin, launch a flash deal) beside the live dashboard (viewers, units and revenue per offer
and per seller, orders as they arrive, comments). Officers covering the session see the
same page without the controls.

Every control is a plain form (POST, then redirect; a refused one is shown again with its
errors on this page), so it works without JavaScript; htmx swaps the offers panel in place
where it is loaded, and `live-host.js` refreshes the dashboard on each `ocop:live` event
(or every few seconds when no event arrives) from `dashboard`.
"""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import pgettext
from django.views.decorators.http import require_GET, require_POST

from catalog.models import ProductVariant
from core.errors import ValidationErrors
from livestream.flash import do_launch_flash
from livestream.live_state import snapshot
from livestream.models import ClaimStatus, LiveOffer, LiveOfferClaim, Livestream, LivestreamStatus
from livestream.offers import NOT_CLOSED, do_create_offer
from livestream.pins import do_pin_offer
from livestream.reports import build_report
from livestream.session_edits import do_update_livestream_with_cover
from sellers.models import Seller, SellerStatus
from web.areas import forbidden, host_area
from web.channel import storefront_channel
from web.host.access import NOT_A_HOST, actor, console_url, session_for
from web.host.forms import FlashForm, InviteForm, OfferForm, apply_errors
from web.live.comments_views import comments_context
from web.seller.lives import STATUS_LABELS

RECENT_ORDERS = 10
CHOICES_LIMIT = 500  # a select longer than this is no help; the demo has far fewer


def invite_choices(session: Livestream) -> list[tuple[int, str]]:
    """Approved producers not invited yet, by stall name."""
    invited = session.participants.values_list("seller_id", flat=True)
    sellers = (
        Seller.objects.filter(status=SellerStatus.APPROVED)
        .exclude(pk__in=invited)
        .order_by("stall_name")
        .values_list("pk", "stall_name")
    )
    return list(sellers[:CHOICES_LIMIT])


def variant_choices(session: Livestream) -> list[tuple[int, str]]:
    """The agreed producers' variants not offered yet."""
    agreed = session.participants.filter(agreed_at__isnull=False).values_list("seller_id")
    offered = LiveOffer.objects.filter(livestream=session).values_list("variant_id")
    variants = (
        ProductVariant.objects.filter(product__seller_id__in=agreed)
        .exclude(pk__in=offered)
        .select_related("product__seller")
        .order_by("product__name", "pk")
    )
    return [
        (v.pk, f"{v.product.name} · {v.name} ({v.product.seller.stall_name})")
        for v in variants[:CHOICES_LIMIT]
    ]


def offer_choices(state: dict[str, Any]) -> list[tuple[int, str]]:
    return [
        (row["id"], f"{row['product_name']} · {row['variant_name']} ({row['live_price_display']})")
        for row in state["offers"]
    ]


def dashboard_context(session: Livestream) -> dict[str, Any]:
    """The figures: the live state (units per offer, the flash deal), the report's revenue
    per offer and per seller, and the latest orders."""
    state = snapshot(session.pk)
    report = build_report(session)
    revenue = {line.offer.pk: line for line in report.offers if line.offer is not None}
    offers = [
        {
            **row,
            "line": revenue.get(row["id"]),
            # The state speaks ISO 8601 (UTC); the page shows Viet Nam time.
            "flash_opens": (
                datetime.datetime.fromisoformat(row["flash"]["opens_at"]) if row["flash"] else None
            ),
        }
        for row in state["offers"]
    ]
    recent = list(
        LiveOfferClaim.objects.filter(offer__livestream=session, status=ClaimStatus.CONFIRMED)
        .select_related("offer__variant__product")
        .order_by("-confirmed_at", "-pk")[:RECENT_ORDERS]
    )
    return {
        "state": state,
        "offers": offers,
        "report": report,
        "recent": recent,
        "viewers": state.get("viewers"),
        "peak_viewers": max(state.get("peak_viewers") or 0, state.get("viewers") or 0),
    }


def render_console(
    request: HttpRequest,
    session: Livestream,
    can_run: bool,
    *,
    status: int = 200,
    **bound: forms.Form,
) -> HttpResponse:
    """The console, with any refused form shown bound (its errors) instead of a fresh one."""
    context: dict[str, Any] = {
        "nav_current": "host_home",
        "session": session,
        "can_run": can_run,
        "status_label": STATUS_LABELS[LivestreamStatus(session.status)],
        "participants": list(session.participants.select_related("seller").order_by("pk")),
        **dashboard_context(session),
    }
    state = context["state"]
    if can_run:
        open_session = session.status in NOT_CLOSED
        if open_session and session.status != LivestreamStatus.LIVE:
            context["invite_form"] = bound.get("invite_form") or InviteForm(
                choices=invite_choices(session)
            )
        if open_session:
            context["offer_form"] = bound.get("offer_form") or OfferForm(
                choices=variant_choices(session)
            )
        if session.status == LivestreamStatus.LIVE and state["offers"]:
            context["flash_form"] = bound.get("flash_form") or FlashForm(
                choices=offer_choices(state)
            )
        context["can_pin"] = open_session
    context.update(comments_context(request, session))
    context["has_comments"] = True
    context["watch_url"] = reverse("web:live_watch", args=[session.slug])
    context["events_url"] = reverse("web:live_events", args=[session.slug])
    return render(request, "web/host/console.html", context, status=status)


@require_GET
@host_area
def console(request: HttpRequest, pk: int, *, can_host: bool) -> HttpResponse:
    session, can_run = session_for(request, pk)
    return render_console(request, session, can_run)


@require_GET
@host_area
def dashboard(request: HttpRequest, pk: int, *, can_host: bool) -> HttpResponse:
    """The dashboard panel alone, for `live-host.js` to swap in."""
    session, can_run = session_for(request, pk)
    return render(
        request,
        "web/host/_dashboard.html",
        {"session": session, "can_run": can_run, **dashboard_context(session)},
    )


@require_POST
@host_area
def invite(request: HttpRequest, pk: int, *, can_host: bool) -> HttpResponse:
    session, can_run = session_for(request, pk)
    if not can_run:
        return forbidden(request, NOT_A_HOST)
    form = InviteForm(request.POST, choices=invite_choices(session))
    if form.is_valid():
        wanted = [*session.participants.values_list("seller_id", flat=True)]
        wanted.append(form.cleaned_data["seller"])
        try:
            do_update_livestream_with_cover(
                actor(request), session.pk, {"seller_ids": wanted}, None
            )
        except ValidationErrors as errors:
            apply_errors(form, errors, {"seller_ids": "seller"})
        else:
            messages.success(request, pgettext("host console", "The producer is invited."))
            return redirect(console_url(session, "sellers"))
    return render_console(request, session, can_run, status=400, invite_form=form)


@require_POST
@host_area
def add_offer(request: HttpRequest, pk: int, *, can_host: bool) -> HttpResponse:
    session, can_run = session_for(request, pk)
    if not can_run:
        return forbidden(request, NOT_A_HOST)
    form = OfferForm(request.POST, choices=variant_choices(session))
    if form.is_valid():
        data = form.cleaned_data
        try:
            do_create_offer(
                actor(request),
                session.pk,
                variant_id=data["variant"],
                channel=storefront_channel(),
                live_price=data["live_price"],
                quantity_cap=data["quantity_cap"],
                per_buyer_limit=data["per_buyer_limit"],
            )
        except ValidationErrors as errors:
            apply_errors(form, errors)
        else:
            messages.success(request, pgettext("host console", "The offer is added."))
            return redirect(console_url(session, "offers"))
    return render_console(request, session, can_run, status=400, offer_form=form)


@require_POST
@host_area
def pin(request: HttpRequest, pk: int, *, can_host: bool) -> HttpResponse:
    """Pin the posted offer; an empty `offer` unpins."""
    session, can_run = session_for(request, pk)
    if not can_run:
        return forbidden(request, NOT_A_HOST)
    raw = request.POST.get("offer", "")
    offer_id = int(raw) if raw.isdigit() else None
    try:
        do_pin_offer(actor(request), session.pk, offer_id)
    except ValidationErrors as errors:
        for error in errors.errors:
            messages.error(request, error.message)
    else:
        messages.success(
            request,
            pgettext("host console", "The offer is pinned.")
            if offer_id
            else pgettext("host console", "Nothing is pinned."),
        )
    return redirect(console_url(session, "offers"))


@require_POST
@host_area
def flash(request: HttpRequest, pk: int, *, can_host: bool) -> HttpResponse:
    session, can_run = session_for(request, pk)
    if not can_run:
        return forbidden(request, NOT_A_HOST)
    form = FlashForm(request.POST, choices=offer_choices(snapshot(session.pk)))
    if form.is_valid():
        data = form.cleaned_data
        try:
            do_launch_flash(
                actor(request),
                data["offer"],
                flash_price=data["flash_price"],
                quantity_cap=data["quantity_cap"],
                per_buyer_limit=data["per_buyer_limit"],
                countdown_seconds=data["countdown_seconds"],
                duration_minutes=data["duration_minutes"],
            )
        except ValidationErrors as errors:
            apply_errors(form, errors)
        else:
            messages.success(request, pgettext("host console", "The flash deal is launched."))
            return redirect(console_url(session, "offers"))
    return render_console(request, session, can_run, status=400, flash_form=form)
