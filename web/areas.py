"""The working areas beside the shop: the seller centre (`/kenh-nguoi-ban/`), the officer
console (`/can-bo/`) and the livestream hosts' console (`/kenh-live/`). Who may enter each,
and the navigation of each, built from the url names that exist, so a page added later
appears in its menu by itself."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import wraps
from typing import Any

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from accounts.models import OfficerProfile
from accounts.roles import is_authenticated
from sellers.models import Seller, SellerMember


@dataclass(frozen=True)
class NavItem:
    name: str  # the url name, without the "web:" namespace
    label: str | Promise


SELLER_NAV = (
    NavItem("seller_home", _("My stall")),
    NavItem("seller_products", _("Products")),
    NavItem("seller_orders", _("Orders")),
    NavItem("seller_money", _("Money")),
    NavItem("seller_delivery", pgettext_lazy("seller menu", "Delivery")),
    NavItem("seller_lives", pgettext_lazy("seller menu", "Livestreams")),
    NavItem("seller_vouchers", _("Vouchers")),
    NavItem("seller_activity", pgettext_lazy("seller menu", "Activity log")),
)
OFFICER_NAV = (
    NavItem("officer_home", _("Queues")),
    NavItem("officer_assisted", _("Assisted onboarding")),
    NavItem("officer_collections", _("Featured collections")),
    NavItem("officer_vouchers", _("Vouchers")),
    NavItem("officer_dashboard", _("Programme figures")),
    NavItem("officer_audit", _("Audit log")),
)

HOST_NAV = (
    NavItem("host_home", pgettext_lazy("host menu", "My sessions")),
    NavItem("host_session_new", pgettext_lazy("host menu", "Schedule a session")),
)


def nav_links(
    items: tuple[NavItem, ...], current: str, counts: Mapping[str, int] | None = None
) -> list[dict[str, Any]]:
    """The menu's links whose pages exist, the current one marked, each with its count
    (`counts`, by url name: what waits behind the link) or None."""
    links = []
    for item in items:
        try:
            url = reverse(f"web:{item.name}")
        except NoReverseMatch:
            continue
        links.append(
            {
                "url": url,
                "label": item.label,
                "current": item.name == current,
                "count": (counts or {}).get(item.name),
            }
        )
    return links


# Set on the request by `officer_area`: the province the officer's pages are scoped to
# (None: national). The menu's counts are read for it, and only when it is set.
OFFICER_SCOPE_ATTRIBUTE = "ocop_officer_province_id"
SELLER_ATTRIBUTE = "ocop_seller"


def seller_of(request: HttpRequest | None) -> Seller | None:
    """The stall whose seller-centre page is being rendered, if any (set by `seller_area`)."""
    return getattr(request, SELLER_ATTRIBUTE, None) if request is not None else None


def officer_province_of(request: HttpRequest | None) -> tuple[bool, int | None]:
    """(inside the officer console?, its province scope)."""
    if request is None or not hasattr(request, OFFICER_SCOPE_ATTRIBUTE):
        return False, None
    return True, getattr(request, OFFICER_SCOPE_ATTRIBUTE)


def forbidden(
    request: HttpRequest, message: str | Promise, *, start_selling: bool = False
) -> HttpResponse:
    """403 with a way on: a signed-in visitor without a stall is pointed to the wizard."""
    context: dict[str, Any] = {"message": message}
    if start_selling:
        context["start_selling_url"] = reverse("web:seller_home")
    return render(request, "web/areas/forbidden.html", context, status=403)


def membership_of(user: Any) -> SellerMember | None:
    """The user's stall membership (a user belongs to at most one stall in practice; the
    oldest membership wins if there are more)."""
    if not is_authenticated(user):
        return None
    return (
        SellerMember.objects.select_related("seller__province")
        .filter(user=user)
        .order_by("pk")
        .first()
    )


def seller_area(
    view: Callable[..., HttpResponse],
) -> Callable[..., HttpResponse]:
    """Signed-in members of a stall only; the view gets `seller` and `membership`.

    Anonymous → the sign-in page and back; signed in without a stall → 403 with a link to
    start one: the seller centre's front door, which opens the onboarding wizard's first
    step for a user without a stall."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not is_authenticated(request.user):
            return redirect_to_login(request.get_full_path(), settings.LOGIN_URL)
        membership = membership_of(request.user)
        if membership is None:
            return forbidden(
                request, _("This page is for producers who sell here."), start_selling=True
            )
        seller: Seller = membership.seller
        setattr(request, SELLER_ATTRIBUTE, seller)
        return view(request, *args, seller=seller, membership=membership, **kwargs)

    return wrapped


def officer_area(
    view: Callable[..., HttpResponse],
) -> Callable[..., HttpResponse]:
    """OCOP officers (and superusers, who cover every province) only; the view gets
    `province_id`: the officer's province, or None for national scope."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        user: Any = request.user
        if not is_authenticated(user):
            return redirect_to_login(request.get_full_path(), settings.LOGIN_URL)
        if user.is_superuser:
            setattr(request, OFFICER_SCOPE_ATTRIBUTE, None)
            return view(request, *args, province_id=None, **kwargs)
        profile = OfficerProfile.objects.filter(user=user).only("province_id").first()
        if profile is None:
            return forbidden(request, _("This page is for OCOP programme officers."))
        setattr(request, OFFICER_SCOPE_ATTRIBUTE, profile.province_id)
        return view(request, *args, province_id=profile.province_id, **kwargs)

    return wrapped


def host_area(
    view: Callable[..., HttpResponse],
) -> Callable[..., HttpResponse]:
    """Livestream hosts and superusers, who run sessions, and OCOP officers, who read the
    sessions of their province (`web.host.access` decides per session); the view gets
    `can_host`: may this user run sessions at all."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        user: Any = request.user
        if not is_authenticated(user):
            return redirect_to_login(request.get_full_path(), settings.LOGIN_URL)
        if user.is_superuser or user.is_livestream_host:
            return view(request, *args, can_host=True, **kwargs)
        if OfficerProfile.objects.filter(user=user).exists():
            return view(request, *args, can_host=False, **kwargs)
        return forbidden(request, _("This page is for livestream hosts."))

    return wrapped
