"""Creating a checkout and changing its email, addresses, customer and delivery."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from catalog.models import Channel
from checkout.addresses import check_address
from checkout.errors import CheckoutFieldError, ValidationErrors
from checkout.fetch import fetch_checkout_info
from checkout.lines import LineChange, do_add_lines
from checkout.models import Checkout, CheckoutDelivery, ShippingMethod
from core.input_limits import max_length_of


def check_email(email: str) -> str:
    value = (email or "").strip().lower()
    try:
        validate_email(value)
        # Django's validator allows 320 characters; the column (as Saleor's) holds 254.
        if len(value) > (max_length_of(Checkout, "email") or 254):
            raise ValidationError("too long")
    except ValidationError:
        raise ValidationErrors(
            [CheckoutFieldError("email", _("Enter a valid email address."), "INVALID")]
        ) from None
    return value


@transaction.atomic(durable=True)
def do_create_checkout(
    channel: Channel,
    user: User | None,
    *,
    lines: Sequence[LineChange],
    email: str | None = None,
    shipping_address: Mapping[str, Any] | None = None,
    billing_address: Mapping[str, Any] | None = None,
    language_code: str = "vi",
) -> Checkout:
    """Validates everything first; one transaction of its own (the outermost), so a failure
    writes nothing.

    Locks: none (the checkout row is new; stock is checked without locks, and completion
    re-checks it under locks).
    """
    errors: list[Any] = []
    clean_email = ""
    if email:
        try:
            clean_email = check_email(email)
        except ValidationErrors as exc:
            errors.extend(exc.errors)
    elif user is not None:
        clean_email = user.email or ""  # an account signed in by phone may have none
    shipping = billing = None
    for data, kind in ((shipping_address, "SHIPPING"), (billing_address, "BILLING")):
        if data is None:
            continue
        try:
            clean = check_address(data, kind)
        except ValidationErrors as exc:
            errors.extend(exc.errors)
            continue
        if kind == "SHIPPING":
            shipping = clean
        else:
            billing = clean
    if errors:
        raise ValidationErrors(errors)
    checkout = Checkout.objects.create(
        channel=channel,
        user=user,
        email=clean_email,
        language_code="en" if language_code == "en" else "vi",
        shipping_address=shipping.save() if shipping else None,
        billing_address=billing.save() if billing else None,
    )
    if lines:
        do_add_lines(checkout, lines)
    return checkout


def do_update_email(checkout: Checkout, email: str) -> None:
    """Set the checkout's email.

    Locks: none of its own; runs inside `checkout.units.do_with_checkout`, which holds the
    checkout row FOR NO KEY UPDATE (`lock_checkout`).
    """
    checkout.email = check_email(email)
    checkout.save(update_fields=["email", "updated_at"])


def do_update_address(checkout: Checkout, data: Mapping[str, Any], address_type: str) -> None:
    """`address_type` is "SHIPPING" or "BILLING"; the stored address is updated in place.

    Locks: none of its own; runs inside `checkout.units.do_with_checkout`, which holds the
    checkout row FOR NO KEY UPDATE (`lock_checkout`).
    """
    clean = check_address(data, address_type)
    name = "shipping_address" if address_type == "SHIPPING" else "billing_address"
    existing = getattr(checkout, name)
    setattr(checkout, name, clean.save(existing))
    checkout.save(update_fields=[name, "updated_at"])


def do_attach_customer(checkout: Checkout, user: User) -> None:
    """Make `user` the checkout's customer (their email unless one is set).

    Locks: none of its own; runs inside `checkout.units.do_with_checkout`, which holds the
    checkout row FOR NO KEY UPDATE (`lock_checkout`).
    """
    checkout.user = user
    if not checkout.email:
        checkout.email = user.email or ""
    checkout.save(update_fields=["user", "email", "updated_at"])


def do_detach_customer(checkout: Checkout) -> None:
    """Make the checkout anonymous again.

    Locks: none of its own; expects the checkout row held FOR NO KEY UPDATE by the caller
    (`checkout.units.do_with_checkout`).
    """
    checkout.user = None
    checkout.save(update_fields=["user", "updated_at"])


def _not_applicable(field: str) -> ValidationErrors:
    return ValidationErrors(
        [
            CheckoutFieldError(
                field,
                _("This delivery method is not applicable."),
                "DELIVERY_METHOD_NOT_APPLICABLE",
            )
        ]
    )


def check_method_applicable(checkout: Checkout, method_pk: int, field: str) -> ShippingMethod:
    info = fetch_checkout_info(checkout)
    for part in info.parts:
        for option in part.options:
            if option.method.pk == method_pk and part.requires_shipping:
                return option.method
    raise _not_applicable(field)


def do_set_delivery_method(checkout: Checkout, method_pk: int | None) -> None:
    """A Saleor client's single choice: it applies to its own seller, and every other seller
    follows it (see delivery.choose). Earlier per-seller choices are dropped.

    Locks: none of its own; runs inside `checkout.units.do_with_checkout`, which holds the
    checkout row FOR NO KEY UPDATE (`lock_checkout`).
    """
    method = (
        check_method_applicable(checkout, method_pk, "delivery_method_id") if method_pk else None
    )
    CheckoutDelivery.objects.filter(checkout=checkout).delete()
    checkout.delivery_method = method
    checkout.save(update_fields=["delivery_method", "updated_at"])


def do_set_seller_delivery_methods(checkout: Checkout, method_pks: Sequence[int]) -> None:
    """A seller-aware client's choice, one method per seller (OCOP extension).

    Locks: none of its own; runs inside `checkout.units.do_with_checkout`, which holds the
    checkout row FOR NO KEY UPDATE (`lock_checkout`).
    (tests/factories.py calls it on a checkout it has just created, inside the test's
    transaction.)
    """
    methods = [check_method_applicable(checkout, pk, "delivery_method_ids") for pk in method_pks]
    sellers = [m.seller_id for m in methods]
    if len(set(sellers)) != len(sellers):
        raise ValidationErrors(
            [
                CheckoutFieldError(
                    "delivery_method_ids", _("Choose one delivery method per seller."), "INVALID"
                )
            ]
        )
    for method in methods:
        CheckoutDelivery.objects.update_or_create(
            checkout=checkout, seller_id=method.seller_id, defaults={"shipping_method": method}
        )
    if checkout.delivery_method_id is None and methods:
        checkout.delivery_method = methods[0]
    checkout.save(update_fields=["delivery_method", "updated_at"])
