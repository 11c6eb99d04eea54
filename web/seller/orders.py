"""The seller centre's orders inbox: tabs with counts per state, a paginated list per tab,
an order's page with its lines, delivery address and history, and the seller's actions on
it (confirm, ship with carrier and tracking number, mark delivered, cancel with a reason).

Every rule is the domain's (`orders.actions`): these views read the form, call it, and
render its `ValidationErrors` next to the fields. Only the stall's own orders are found:
another stall's order is a 404 before any action runs."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q, Sum
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_POST

from core.errors import ValidationErrors
from core.input_limits import max_length_of
from orders.actions import (
    MAX_REASON_LENGTH,
    do_cancel,
    do_confirm,
    do_fulfill,
    do_mark_delivered,
)
from orders.models import (
    OPEN_STATUSES,
    Fulfillment,
    Order,
    OrderEvent,
    OrderEventType,
    OrderLine,
    OrderStatus,
)
from orders.shipment import remaining_shipment
from sellers.models import Seller
from web.account.forms import add_domain_errors
from web.areas import seller_area

ORDERS_PER_PAGE = 20

# What the history shows for each recorded event.
EVENT_LABELS: dict[str, str | Promise] = {
    OrderEventType.PLACED: _("Order placed"),
    OrderEventType.PLACED_AUTOMATICALLY_FROM_PAID_CHECKOUT: _("Order placed"),
    OrderEventType.CONFIRMED: _("Order confirmed"),
    OrderEventType.CANCELED: _("Order cancelled"),
    OrderEventType.EXPIRED: _("Order expired"),
    OrderEventType.ORDER_MARKED_AS_PAID: _("Marked as paid"),
    OrderEventType.ORDER_FULLY_PAID: _("Paid in full"),
    OrderEventType.PAYMENT_CAPTURED: _("Payment received"),
    OrderEventType.PAYMENT_FAILED: _("Payment failed"),
    OrderEventType.PAYMENT_REFUNDED: _("Refunded"),
    OrderEventType.TRANSACTION_REFUND_REQUESTED: _("Refund requested"),
    OrderEventType.FULFILLMENT_FULFILLED_ITEMS: _("Items shipped"),
    OrderEventType.TRACKING_UPDATED: _("Tracking number"),
    OrderEventType.EMAIL_SENT: _("Email sent"),
    OrderEventType.NOTE_ADDED: _("Note"),
}


@dataclass(frozen=True)
class Tab:
    key: str
    label: str | Promise
    condition: Q


# The inbox's states, mapped from Saleor's statuses and the delivery time.
TABS = (
    Tab("new", _("New"), Q(status=OrderStatus.UNCONFIRMED)),
    Tab(
        "to_ship",
        _("To ship"),
        Q(status__in=[OrderStatus.UNFULFILLED, OrderStatus.PARTIALLY_FULFILLED]),
    ),
    Tab(
        "shipping",
        pgettext_lazy("order state", "Shipping"),
        Q(status=OrderStatus.FULFILLED, delivered_at__isnull=True),
    ),
    Tab(
        "delivered",
        _("Delivered"),
        Q(status=OrderStatus.FULFILLED, delivered_at__isnull=False)
        | Q(status__in=[OrderStatus.PARTIALLY_RETURNED, OrderStatus.RETURNED]),
    ),
    Tab("cancelled", _("Cancelled"), Q(status__in=[OrderStatus.CANCELED, OrderStatus.EXPIRED])),
)
TABS_BY_KEY = {tab.key: tab for tab in TABS}


def tab_counts(seller: Seller) -> dict[str, int]:
    """The number of the stall's orders in each tab, in one aggregate query."""
    return Order.objects.filter(seller=seller).aggregate(
        **{tab.key: Count("pk", filter=tab.condition) for tab in TABS}
    )


def new_order_count(seller: Seller) -> int:
    """The stall's new (unconfirmed) orders, for the seller menu's "Orders" item: one query."""
    return Order.objects.filter(seller=seller, status=OrderStatus.UNCONFIRMED).count()


def _since(value: str | None) -> datetime.datetime:
    """The moment the inbox was opened, as the poll sends it back (epoch milliseconds); a
    missing or forged value means now, so the poll shows nothing rather than failing."""
    try:
        return datetime.datetime.fromtimestamp(int(value or "") / 1000, tz=datetime.UTC)
    except (ValueError, OverflowError, OSError):
        return timezone.now()


@require_GET
@seller_area
def new_orders_poll(request: HttpRequest, *, seller: Seller, membership: Any) -> HttpResponse:
    """The inbox asks every 30 s (htmx) whether new orders arrived since it was opened: a
    few bytes and one query beyond the sign-in's."""
    arrived = Order.objects.filter(
        seller=seller,
        status=OrderStatus.UNCONFIRMED,
        created_at__gt=_since(request.GET.get("since")),
    ).count()
    return render(request, "web/seller/_new_orders_poll.html", {"arrived": arrived})


def tab_of(order: Order) -> str:
    if order.status == OrderStatus.UNCONFIRMED:
        return "new"
    if order.status in (OrderStatus.UNFULFILLED, OrderStatus.PARTIALLY_FULFILLED):
        return "to_ship"
    if order.status == OrderStatus.FULFILLED and order.delivered_at is None:
        return "shipping"
    if order.status in (OrderStatus.CANCELED, OrderStatus.EXPIRED):
        return "cancelled"
    return "delivered"


class FulfillForm(forms.Form):
    carrier = forms.CharField(label=_("Carrier"), max_length=max_length_of(Fulfillment, "carrier"))
    tracking_number = forms.CharField(
        label=_("Tracking number"), max_length=max_length_of(Fulfillment, "tracking_number")
    )


class CancelForm(forms.Form):
    # Required by the domain (`do_cancel`), whose message shows next to the field.
    reason = forms.CharField(
        label=_("Reason for cancelling"),
        required=False,
        max_length=MAX_REASON_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The buyer sees this reason."),
    )


@require_GET
@seller_area
def inbox(request: HttpRequest, *, seller: Seller, membership: Any) -> HttpResponse:
    key = request.GET.get("tab", "new")
    if key not in TABS_BY_KEY:
        key = "new"
    counts = tab_counts(seller)
    orders = (
        Order.objects.filter(seller=seller)
        .filter(TABS_BY_KEY[key].condition)
        .select_related("shipping_address")
        .annotate(units=Sum("lines__quantity"))
        .order_by("-created_at", "-number")
    )
    page = Paginator(orders, ORDERS_PER_PAGE).get_page(request.GET.get("page"))
    tabs = [
        {"key": tab.key, "label": tab.label, "count": counts[tab.key], "current": tab.key == key}
        for tab in TABS
    ]
    return render(
        request,
        "web/seller/orders.html",
        {
            "seller": seller,
            "nav_current": "seller_orders",
            "tabs": tabs,
            "tab": TABS_BY_KEY[key],
            "page": page,
            "orders": list(page.object_list),
            "poll_since": int(timezone.now().timestamp() * 1000),
        },
    )


def _own_order(seller: Seller, order_id: Any) -> Order:
    """The stall's order, with what its page shows; another stall's order is not found."""
    return get_object_or_404(
        Order.objects.select_related(
            "shipping_address", "shipping_address__province"
        ).prefetch_related(
            Prefetch("lines", queryset=OrderLine.objects.order_by("product_name", "pk")),
            Prefetch("events", queryset=OrderEvent.objects.select_related("user")),
            "fulfillments",
        ),
        pk=order_id,
        seller=seller,
    )


def _event_label(event: OrderEvent) -> str | Promise:
    if event.type == OrderEventType.OTHER and event.parameters.get("message") == "delivered":
        return _("Delivered")
    return EVENT_LABELS.get(event.type, _("Update"))


def _detail(
    request: HttpRequest,
    seller: Seller,
    order: Order,
    *,
    fulfill_form: FulfillForm | None = None,
    cancel_form: CancelForm | None = None,
    action_error: Any = None,
    status: int = 200,
) -> HttpResponse:
    lines = list(order.lines.all())
    shipped = any(line.quantity_fulfilled for line in lines)
    return render(
        request,
        "web/seller/order_detail.html",
        {
            "seller": seller,
            "nav_current": "seller_orders",
            "order": order,
            "lines": lines,
            "events": [(event, _event_label(event)) for event in order.events.all()],
            "fulfillments": list(order.fulfillments.all()),
            "address": order.shipping_address,
            "tab": tab_of(order),
            "can_confirm": order.status == OrderStatus.UNCONFIRMED,
            "can_fulfill": order.status
            in (OrderStatus.UNFULFILLED, OrderStatus.PARTIALLY_FULFILLED),
            "can_deliver": order.status == OrderStatus.FULFILLED and order.delivered_at is None,
            "can_cancel": order.status in OPEN_STATUSES and not shipped,
            "fulfill_form": fulfill_form or FulfillForm(auto_id="fulfill-%s"),
            "cancel_form": cancel_form or CancelForm(auto_id="cancel-%s"),
            "action_error": action_error,
        },
        status=status,
    )


@require_GET
@seller_area
def detail(request: HttpRequest, order_id: Any, *, seller: Seller, membership: Any) -> HttpResponse:
    return _detail(request, seller, _own_order(seller, order_id))


def _done(request: HttpRequest, order: Order, message: str) -> HttpResponse:
    messages.success(request, message)
    return redirect(reverse("web:seller_order", args=[order.pk]))


def _action_errors(errors: ValidationErrors) -> Any:
    form = forms.Form(data={})
    form.is_valid()
    add_domain_errors(form, errors)
    return form.non_field_errors()


@require_POST
@seller_area
def confirm(
    request: HttpRequest, order_id: Any, *, seller: Seller, membership: Any
) -> HttpResponse:
    order = _own_order(seller, order_id)
    try:
        do_confirm(order.pk, request.user)
    except ValidationErrors as errors:
        return _detail(request, seller, order, action_error=_action_errors(errors), status=400)
    return _done(request, order, gettext("Order confirmed. Pack it and ship it."))


@require_POST
@seller_area
def fulfill(
    request: HttpRequest, order_id: Any, *, seller: Seller, membership: Any
) -> HttpResponse:
    order = _own_order(seller, order_id)
    form = FulfillForm(request.POST, auto_id="fulfill-%s")
    if form.is_valid():
        try:
            do_fulfill(
                order.pk,
                request.user,
                remaining_shipment(order),
                carrier=form.cleaned_data["carrier"],
                tracking_number=form.cleaned_data["tracking_number"],
            )
        except ValidationErrors as errors:
            add_domain_errors(form, errors)
        else:
            return _done(request, order, gettext("Shipped. The buyer can follow the parcel."))
    return _detail(request, seller, order, fulfill_form=form, status=400)


@require_POST
@seller_area
def mark_delivered(
    request: HttpRequest, order_id: Any, *, seller: Seller, membership: Any
) -> HttpResponse:
    order = _own_order(seller, order_id)
    try:
        do_mark_delivered(order.pk, request.user)
    except ValidationErrors as errors:
        return _detail(request, seller, order, action_error=_action_errors(errors), status=400)
    return _done(request, order, gettext("Marked as delivered."))


@require_POST
@seller_area
def cancel(request: HttpRequest, order_id: Any, *, seller: Seller, membership: Any) -> HttpResponse:
    order = _own_order(seller, order_id)
    form = CancelForm(request.POST, auto_id="cancel-%s")
    if form.is_valid():
        try:
            do_cancel(order.pk, request.user, form.cleaned_data["reason"])
        except ValidationErrors as errors:
            add_domain_errors(form, errors)
        else:
            return _done(request, order, gettext("Order cancelled."))
    return _detail(request, seller, order, cancel_form=form, status=400)
