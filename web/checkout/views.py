"""The one-page checkout, its confirmation, the order page, and the ward lookup.

The page reads the session's cart (web/checkout/cart.py), checks what was typed with the
domain's own rules (`check_email`, `check_address`, the delivery options of
`fetch_checkout_info`), writes it in one checkout unit of work, and completes the cart
with `complete_checkout`, the code behind the API's `checkoutComplete`. Nothing is
written while anything typed is wrong.
"""

from __future__ import annotations

import contextlib
from typing import Any
from uuid import UUID

from django.conf import settings
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from checkout.actions import (
    check_email,
    do_attach_customer,
    do_set_seller_delivery_methods,
    do_update_address,
    do_update_email,
)
from checkout.address_book import (
    do_add_saved_address,
    saved_address_data,
    saved_address_for,
    saved_addresses,
)
from checkout.addresses import check_address
from checkout.complete_checkout import complete_checkout
from checkout.delivery import suggested
from checkout.errors import CheckoutFieldError, ValidationErrors
from checkout.fetch import CheckoutInfo, SellerPart, fetch_checkout_info
from checkout.models import Checkout, SavedAddress
from checkout.units import do_with_checkout
from core.errors import FieldError
from core.text import fold
from orders.links import group_id_from_token, group_token
from orders.models import Fulfillment, Order, OrderGroup, OrderLine, PaymentGatewayId
from payments.gateways import stripe as stripe_api
from payments.transactions import do_initialize, latest_for_checkout
from places.lookup import find_province
from places.models import LegacyProvince, Province, Ward
from web.cards import localized
from web.cart.page import promotions_context
from web.checkout.cart import (
    completed_group_id,
    parse_token,
    remember_completed,
    session_checkout,
    session_token,
)
from web.checkout.forms import AddressForm, ContactForm, address_initial, error_text, field_errors
from web.views import not_found

PAY_COD = "cod"
PAY_CARD = "card"
NEW_ADDRESS = "new"
STRIPE_SECRETS_KEY = "stripe_client_secrets"  # session: group id → PaymentIntent secret


def card_payments_enabled() -> bool:
    return bool(settings.STRIPE_PUBLISHABLE_KEY and settings.STRIPE_SECRET_KEY)


def _signed_in(request: HttpRequest) -> bool:
    return bool(request.user.is_authenticated)


# --- The checkout page --------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def checkout_page(request: HttpRequest) -> HttpResponse:
    checkout = session_checkout(request)
    if request.method == "POST":
        posted = parse_token(request.POST.get("checkout"))
        done = completed_group_id(request, posted) if posted else None
        if done is None and posted is not None and posted == session_token(request):
            # Two clicks racing: the other request completed this session's cart first.
            done = _placed_group_id(posted)
        if done is not None:
            # Placed already (a second click, or back and resubmit): the same orders.
            return _to_confirmation(done)
        if checkout is None or (posted is not None and posted != checkout.pk):
            return HttpResponseRedirect(reverse("web:checkout"))
        return _place_order(request, checkout)
    if checkout is None:
        return render(request, "web/checkout/empty.html")
    info = fetch_checkout_info(checkout)
    if not info.lines:
        return render(request, "web/checkout/empty.html")
    book = saved_addresses(request.user) if _signed_in(request) else []
    default = next((e for e in book if e.is_default), None)
    contact = ContactForm(initial={"email": checkout.email or _user_email(request)})
    address = AddressForm(initial=address_initial(checkout.shipping_address))
    choice = str(default.pk) if default and not checkout.shipping_address_id else NEW_ADDRESS
    chosen = {part.seller.pk: pk for part in info.parts if (pk := _preselected(part))}
    return _render(request, info, contact, address, book, choice, chosen, PAY_COD)


def _preselected(part: SellerPart) -> int | None:
    """The method shown chosen: the cart's choice, else the domain's suggestion."""
    shown = part.chosen or suggested(part.options)
    return shown.method.pk if shown else None


def _user_email(request: HttpRequest) -> str:
    return str(getattr(request.user, "email", "") or "") if _signed_in(request) else ""


def _render(
    request: HttpRequest,
    info: CheckoutInfo,
    contact: ContactForm,
    address: AddressForm,
    book: list[SavedAddress],
    choice: str,
    chosen: dict[int, int],
    payment: str,
    *,
    problems: list[dict[str, str]] | None = None,
    status: int = 200,
) -> HttpResponse:
    summary = field_errors(contact) + field_errors(address) + (problems or [])
    # The delivery fees of the methods shown chosen (the cart may have none stored yet).
    shipping = sum(
        option.price
        for part in info.parts
        if part.requires_shipping
        for option in part.options
        if chosen.get(part.seller.pk) == option.method.pk
    )
    province = find_province(str(address["province"].value() or ""))
    context = {
        "info": info,
        "checkout": info.checkout,
        "contact": contact,
        "form": address,
        "book": book,
        "choice": choice,
        "signed_in": _signed_in(request),
        "parts": [
            {
                "part": part,
                "field": f"delivery-{part.seller.pk}",
                "options": [
                    {
                        "pk": option.method.pk,
                        "name": localized(option.method.name, option.method.name_en),
                        "price": option.price,
                        "days": _days(
                            option.method.min_delivery_days, option.method.max_delivery_days
                        ),
                        "checked": chosen.get(part.seller.pk) == option.method.pk,
                    }
                    for option in part.options
                ],
            }
            for part in info.parts
        ],
        "shipping_price": shipping,
        # Less the voucher and what gift cards pay (priced by checkout.fetch, applied in the
        # cart), as the order will be.
        "total": info.subtotal + shipping - info.discount - info.gift_card_amount,
        **promotions_context(info),
        "payment": payment,
        "card_enabled": card_payments_enabled(),
        "errors": summary,
        "problems": problems or [],
        "provinces": Province.objects.order_by("name"),
        "legacy_provinces": LegacyProvince.objects.select_related("new_province").order_by("name"),
        "wards": ward_names(province),
        "province_note": province_note(str(address["province"].value() or ""), province),
    }
    return render(request, "web/checkout/checkout.html", context, status=status)


def _days(low: int | None, high: int | None) -> str:
    if low and high and low != high:
        return _("%(low)s–%(high)s days") % {"low": low, "high": high}
    if high or low:
        return _("%(days)s days") % {"days": high or low}
    return ""


def ward_names(province: Province | None) -> list[str]:
    if province is None:
        return []
    return [str(w) for w in Ward.objects.filter(province=province).order_by("name", "code")]


def province_note(typed: str, province: Province | None) -> str:
    """ "Hà Giang is now part of Tỉnh Tuyên Quang" when an old province name was typed
    (`find_province` already mapped it; this only says so)."""
    key = fold(typed.strip())
    if province is None or not key or key.endswith(province.name_folded):
        return ""
    for old in LegacyProvince.objects.filter(new_province=province):
        if key.endswith(old.name_folded):
            return _("%(old)s is now part of %(new)s.") % {
                "old": old.name,
                "new": province.full_name,
            }
    return ""


def _read_choices(request: HttpRequest, info: CheckoutInfo) -> tuple[dict[int, int], list[str]]:
    chosen: dict[int, int] = {}
    missing: list[str] = []
    for part in info.parts:
        if not part.requires_shipping:
            continue
        raw = request.POST.get(f"delivery-{part.seller.pk}", "")
        pks = {option.method.pk for option in part.options}
        if raw.isdigit() and int(raw) in pks:
            chosen[part.seller.pk] = int(raw)
        else:
            missing.append(part.seller.stall_name)
    return chosen, missing


def _place_order(request: HttpRequest, checkout: Checkout) -> HttpResponse:
    info = fetch_checkout_info(checkout)
    if not info.lines:
        return HttpResponseRedirect(reverse("web:checkout"))
    signed_in = _signed_in(request)
    book = saved_addresses(request.user) if signed_in else []
    contact = ContactForm(request.POST)
    address = AddressForm(request.POST)
    contact.is_valid()
    address.is_valid()
    problems: dict[str, str] = {}
    # Contact: a guest gives an email; a signed-in buyer's is their account's.
    email = ""
    if signed_in and not contact.cleaned_data.get("email"):
        email = _user_email(request)
    else:
        try:
            email = check_email(str(contact.cleaned_data.get("email") or ""))
        except ValidationErrors as exc:
            contact.add_error("email", error_text(exc.errors[0]))
    # The address: a saved one, or the one typed (checked by the domain's rule).
    choice = request.POST.get("address_choice", NEW_ADDRESS) if signed_in else NEW_ADDRESS
    data: dict[str, Any]
    if choice != NEW_ADDRESS:
        entry = saved_address_for(request.user, choice)
        if entry is None:
            problems["address-choice"] = _("Choose one of your addresses, or enter a new one.")
            data = {}
        else:
            data = saved_address_data(entry)
    else:
        data = address.address_input()
        try:
            check_address(data, "SHIPPING")
        except ValidationErrors as exc:
            for rest in address.add_domain_errors(exc.errors):
                problems.setdefault("address-heading", error_text(rest))
    chosen, missing = _read_choices(request, info)
    if missing:
        problems["lines-heading"] = _("Choose a delivery method for: %(names)s.") % {
            "names": ", ".join(missing)
        }
    payment = request.POST.get("payment", PAY_COD)
    if payment not in (PAY_COD, PAY_CARD) or (payment == PAY_CARD and not card_payments_enabled()):
        problems["payment-heading"] = _("Choose how to pay.")
        payment = PAY_COD
    if contact.errors or address.errors or problems:
        return _render(
            request,
            info,
            contact,
            address,
            book,
            choice,
            chosen,
            payment,
            problems=[{"id": k, "text": v} for k, v in problems.items()],
        )
    user = request.user if signed_in else None

    def act(locked: Checkout) -> None:
        do_update_email(locked, email)
        do_update_address(locked, data, "SHIPPING")
        if chosen:
            do_set_seller_delivery_methods(locked, list(chosen.values()))
        if user is not None and locked.user_id is None:
            do_attach_customer(locked, user)  # type: ignore[arg-type]

    secret = ""
    try:
        do_with_checkout(checkout.pk, _must_exist, act)
        if payment == PAY_CARD:
            started = do_initialize(checkout.pk, stripe_api.GATEWAY_ID, user=request.user)
            if started.error is not None or not started.data:
                raise ValidationErrors([started.error or _payment_failed()])
            secret = str((started.data.get("paymentIntent") or {}).get("clientSecret") or "")
        elif _card_attempt_pending(checkout.pk):
            # Cash after an unfinished card attempt: record the choice, which supersedes
            # (cancels) the card payment, so the orders are not placed awaiting a card.
            do_initialize(checkout.pk, PaymentGatewayId.COD, user=request.user)
        completion = complete_checkout(checkout.pk, user)
    except ValidationErrors as exc:
        placed = _placed_group_id(checkout.pk)
        if placed is not None:  # completed meanwhile by a second click of this session
            remember_completed(request, checkout.pk, UUID(placed))
            return _to_confirmation(placed)
        fresh = session_checkout(request)
        info = fetch_checkout_info(fresh) if fresh is not None else info
        return _render(
            request,
            info,
            contact,
            address,
            book,
            choice,
            chosen,
            payment,
            problems=[_problem(error, info) for error in exc.errors],
        )
    group = completion.group
    if signed_in and choice == NEW_ADDRESS and request.POST.get("save_address"):
        # Already checked above; should it fail now, the order matters more than the book.
        with contextlib.suppress(ValidationErrors):
            do_add_saved_address(request.user, data)  # type: ignore[arg-type]
    remember_completed(request, checkout.pk, group.pk)
    if payment == PAY_CARD:
        secrets = dict(request.session.get(STRIPE_SECRETS_KEY) or {})
        secrets[str(group.pk)] = secret
        request.session[STRIPE_SECRETS_KEY] = secrets
        return HttpResponseRedirect(reverse("web:checkout_pay", args=[group_token(group.pk)]))
    return _to_confirmation(group.pk)


def _card_attempt_pending(token: UUID) -> bool:
    latest = latest_for_checkout(token)
    return latest is not None and latest.gateway != PaymentGatewayId.COD


def _placed_group_id(token: UUID) -> str | None:
    group_id = OrderGroup.objects.filter(checkout_token=token).values_list("pk", flat=True).first()
    return str(group_id) if group_id else None


def _must_exist(checkout: Checkout | None) -> Checkout:
    if checkout is None:
        raise ValidationErrors(
            [CheckoutFieldError("id", _("Your cart was not found."), "NOT_FOUND")]
        )
    return checkout


def _payment_failed() -> FieldError:
    return FieldError(None, _("The payment provider failed; please try again later."), "ERROR")


def _problem(error: FieldError, info: CheckoutInfo) -> dict[str, str]:
    """A completion error as a summary item, naming the products it is about."""
    text = error_text(error)
    pks = set(getattr(error, "variant_pks", ()) or ())
    names = [line.product.name for line in info.lines if line.variant.pk in pks]
    if names:
        text = f"{text} ({', '.join(names)})"
    target = {
        "quantity": "lines-heading",
        "lines": "lines-heading",
        "email": "id_email",
        "shipping_method": "lines-heading",
    }.get(error.field or "", "checkout-heading")
    return {"id": target, "text": text}


def _to_confirmation(group_id: UUID | str) -> HttpResponse:
    return HttpResponseRedirect(reverse("web:checkout_done", args=[group_token(group_id)]))


# --- Wards of a province (htmx) -----------------------------------------------------------


@require_GET
def ward_options(request: HttpRequest) -> HttpResponse:
    """The province's wards as `<option>`s for the ward field's datalist, and (out of band)
    which new province an old name became."""
    typed = request.GET.get("province", "")[:128]
    province = find_province(typed)
    return render(
        request,
        "web/checkout/_ward_options.html",
        {"wards": ward_names(province), "province_note": province_note(typed, province)},
    )


# --- After the order ----------------------------------------------------------------------


def _group_from(token: str) -> OrderGroup | None:
    group_id = group_id_from_token(token)
    if group_id is None:
        return None
    return OrderGroup.objects.filter(pk=group_id).select_related("shipping_address").first()


def _orders(group: OrderGroup) -> list[Order]:
    return list(
        group.orders.select_related("seller")
        .prefetch_related(
            Prefetch("lines", queryset=OrderLine.objects.order_by("pk")),
            Prefetch("fulfillments", queryset=Fulfillment.objects.order_by("created_at", "pk")),
        )
        .order_by("number")
    )


def _context(group: OrderGroup, token: str) -> dict[str, Any]:
    orders = _orders(group)
    paid_by_card = group.payment_gateway == PaymentGatewayId.STRIPE
    return {
        "group": group,
        "orders": [
            {
                "order": order,
                "tracking": sorted(
                    {order.tracking_number, *(f.tracking_number for f in order.fulfillments.all())}
                    - {""}
                ),
            }
            for order in orders
        ],
        "address": group.shipping_address,
        "cod_amount": group.total_amount if not paid_by_card else 0,
        "processing": paid_by_card and not all(o.is_paid for o in orders),
        "order_url": reverse("web:order", args=[token]),
    }


@require_GET
def checkout_done(request: HttpRequest, token: str) -> HttpResponse:
    group = _group_from(token)
    if group is None:
        return not_found(request)
    return render(request, "web/checkout/done.html", _context(group, token))


@require_GET
def order_page(request: HttpRequest, token: str) -> HttpResponse:
    """Reachable with the signed token alone (the e-mailed link); the account's order list
    links here with the same token."""
    group = _group_from(token)
    if group is None:
        return not_found(request)
    return render(request, "web/checkout/order.html", _context(group, token))


@require_GET
def checkout_pay(request: HttpRequest, token: str) -> HttpResponse:
    """The card step: Stripe's Payment Element for the group's PaymentIntent. Stripe.js
    confirms (with 3-D Secure when the bank asks) and comes back to the order page, which
    shows "processing" until the webhook has booked the payment."""
    group = _group_from(token)
    if group is None or not card_payments_enabled():
        return not_found(request)
    secret = (request.session.get(STRIPE_SECRETS_KEY) or {}).get(str(group.pk))
    if not secret:
        return HttpResponseRedirect(reverse("web:order", args=[token]))
    order_url = request.build_absolute_uri(reverse("web:order", args=[token]))
    return render(
        request,
        "web/checkout/pay.html",
        {
            "group": group,
            "client_secret": secret,
            "publishable_key": settings.STRIPE_PUBLISHABLE_KEY,
            "return_url": order_url,
            "order_url": order_url,
        },
    )
