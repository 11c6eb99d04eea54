"""Is a checkout ready to be paid for and completed? Every problem is reported at once."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from checkout.errors import CheckoutFieldError, ValidationErrors
from checkout.fetch import CheckoutInfo, LineInfo


def check_ready(info: CheckoutInfo) -> None:
    """Lines, email, the listing rule (re-checked now), prices, address and a delivery
    method for every seller that ships. Raises ValidationErrors (CheckoutErrorCode names)."""
    errors: list[CheckoutFieldError] = []
    checkout = info.checkout
    if not info.lines:
        errors.append(
            CheckoutFieldError("lines", _("Cannot complete checkout without lines."), "NO_LINES")
        )
    if not checkout.email:
        errors.append(
            CheckoutFieldError("email", _("Checkout email must be set."), "EMAIL_NOT_SET")
        )
    unlisted = tuple(sorted(line.variant.pk for line in info.lines if not line.listable))
    # (`unavailable_lines` is this and the next check, per line, for checkout.problems.)
    if unlisted:
        errors.append(
            CheckoutFieldError(
                "lines",
                _("Some products are no longer available for purchase."),
                "PRODUCT_NOT_PUBLISHED",
                variant_pks=unlisted,
            )
        )
    unpriced = tuple(
        sorted(line.variant.pk for line in info.lines if line.listable and line.unit_price is None)
    )
    if unpriced:
        errors.append(
            CheckoutFieldError(
                "lines",
                _("Some variants are unavailable here."),
                "UNAVAILABLE_VARIANT_IN_CHANNEL",
                variant_pks=unpriced,
            )
        )
    if info.is_shipping_required and not checkout.shipping_address_id:
        errors.append(
            CheckoutFieldError(
                "shipping_address", _("Shipping address is not set."), "SHIPPING_ADDRESS_NOT_SET"
            )
        )
    if not info.is_shipping_required and not (
        checkout.billing_address_id or checkout.shipping_address_id
    ):
        errors.append(
            CheckoutFieldError(
                "billing_address", _("Billing address is not set."), "BILLING_ADDRESS_NOT_SET"
            )
        )
    missing = [p for p in info.parts if p.requires_shipping and p.chosen is None]
    if missing:
        names = ", ".join(p.seller.stall_name for p in missing)
        errors.append(
            CheckoutFieldError(
                "shipping_method",
                _("Choose a delivery method for: %(names)s."),
                "SHIPPING_METHOD_NOT_SET",
                params={"names": names},
            )
        )
    if errors:
        raise ValidationErrors(list(errors))


def unavailable_lines(info: CheckoutInfo) -> list[LineInfo]:
    """The lines `check_ready` refuses as PRODUCT_NOT_PUBLISHED or
    UNAVAILABLE_VARIANT_IN_CHANNEL: not listable, or without a price in the channel."""
    return [line for line in info.lines if not line.listable or line.unit_price is None]
