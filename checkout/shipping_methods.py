"""A seller's own delivery methods: creating, changing and removing them.

One method per seller may be the default (a partial unique constraint); making another the
default demotes the old one in the same transaction, with the seller's methods locked.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import transaction
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from checkout.lock_objects import lock_shipping_methods
from checkout.models import ServiceLevel, ShippingMethod, ShippingRateKind
from core.errors import FieldError, ValidationErrors
from core.input_limits import MAX_AMOUNT, text_error, text_errors
from sellers.models import Seller
from sellers.signals import seller_created

AMOUNT_FIELDS = ("price_amount", "price_per_kg_amount", "free_above_amount")
# Bounds of the non-money numbers (amounts are bounded by input_limits.MAX_AMOUNT): delivery
# days are a smallint column, and no parcel weighs more than a tonne.
MAXIMUMS = {"max_weight_grams": 1_000_000_000, "min_delivery_days": 365, "max_delivery_days": 365}
MAX_DESCRIPTION_LENGTH = 2_000


def check_method_data(data: Mapping[str, Any], *, creating: bool) -> dict[str, Any]:
    """Snake_case fields of ShippingMethod; amounts are whole đồng ≥ 0."""
    errors: list[FieldError] = []
    clean: dict[str, Any] = {}
    if "name" in data or creating:
        name = str(data.get("name") or "").strip()
        if not name:
            errors.append(FieldError("name", _("A name is required."), "REQUIRED"))
        clean["name"] = name
    for key in ("name_en", "description"):
        if key in data and data[key] is not None:
            clean[key] = str(data[key]).strip()
    errors += text_errors(ShippingMethod, clean, ("name", "name_en"))
    if error := text_error("description", clean.get("description"), MAX_DESCRIPTION_LENGTH):
        errors.append(error)
    if data.get("service_level") is not None:
        level = str(getattr(data["service_level"], "value", data["service_level"]))
        if level not in ServiceLevel.values:
            errors.append(
                FieldError(
                    "service_level", pgettext_lazy("service level", "Invalid level."), "INVALID"
                )
            )
        clean["service_level"] = level
    if data.get("rate_kind") is not None:
        kind = str(getattr(data["rate_kind"], "value", data["rate_kind"]))
        clean["rate_kind"] = ShippingRateKind.WEIGHT if kind == "weight" else ShippingRateKind.FLAT
    for key in (*AMOUNT_FIELDS, "max_weight_grams", "min_delivery_days", "max_delivery_days"):
        if key not in data:
            continue
        value = data[key]
        if value is None:
            if key in ("price_amount", "price_per_kg_amount"):
                continue
            clean[key] = None
            continue
        if int(value) != value or value < 0:
            errors.append(FieldError(key, _("Must be a whole number ≥ 0."), "INVALID"))
            continue
        if value > MAXIMUMS.get(key, MAX_AMOUNT):
            limit = f"{MAXIMUMS.get(key, MAX_AMOUNT):,}".replace(",", ".")
            errors.append(FieldError(key, _("At most %(limit)s."), "INVALID", {"limit": limit}))
            continue
        clean[key] = int(value)
    low, high = clean.get("min_delivery_days"), clean.get("max_delivery_days")
    if low is not None and high is not None and low > high:
        errors.append(
            FieldError(
                "max_delivery_days",
                _("Maximum days are less than the minimum."),
                "MAX_LESS_THAN_MIN",
            )
        )
    for key in ("is_default", "is_active"):
        if data.get(key) is not None:
            clean[key] = bool(data[key])
    if errors:
        raise ValidationErrors(errors)
    return clean


def _lock_methods(seller: Seller) -> list[ShippingMethod]:
    return lock_shipping_methods(seller.pk)


def _apply(method: ShippingMethod, clean: Mapping[str, Any]) -> None:
    if clean.get("is_default"):
        ShippingMethod.objects.filter(seller_id=method.seller_id, is_default=True).exclude(
            pk=method.pk
        ).update(is_default=False)
    for key, value in clean.items():
        setattr(method, key, value)
    method.save()


def do_create_method(seller: Seller, data: Mapping[str, Any]) -> ShippingMethod:
    """A new delivery method for `seller` (its first becomes the default).

    Locks: the seller's delivery methods, FOR UPDATE in pk order
    (`lock_shipping_methods`: a method may be deleted), which serialises the single default.
    Plain `atomic()`: a savepoint when called inside `ensure_default_methods` from the demo
    loader's one transaction; its own transaction from the GraphQL mutation.
    """
    clean = check_method_data(data, creating=True)
    with transaction.atomic():
        existing = _lock_methods(seller)
        if not existing:
            clean.setdefault("is_default", True)  # a seller's first method is its default
        method = ShippingMethod(seller=seller)
        if clean.get("is_default"):
            ShippingMethod.objects.filter(seller=seller, is_default=True).update(is_default=False)
        for key, value in clean.items():
            setattr(method, key, value)
        method.save()
    return method


def do_update_method(method: ShippingMethod, data: Mapping[str, Any]) -> ShippingMethod:
    """Change a delivery method. One transaction, the outermost.

    Locks: the seller's delivery methods, FOR UPDATE in pk order
    (`lock_shipping_methods`: a method may be deleted), which serialises the single default.
    """
    clean = check_method_data(data, creating=False)
    with transaction.atomic(durable=True):
        _lock_methods(method.seller)
        method.refresh_from_db()
        _apply(method, clean)
    return method


def do_delete_method(method: ShippingMethod) -> None:
    """Orders keep the method's name and price; carts that chose it choose again. One
    transaction, the outermost.

    Locks: the seller's delivery methods, FOR UPDATE in pk order
    (`lock_shipping_methods`: a method may be deleted), which serialises the single default.
    """
    with transaction.atomic(durable=True):
        _lock_methods(method.seller)
        method.delete()


def ensure_default_methods(seller: Seller) -> list[ShippingMethod]:
    """Give a seller without delivery methods a standard and an express one (demo data, and
    every new stall: `give_default_methods`)."""
    if ShippingMethod.objects.filter(seller=seller).exists():
        return list(ShippingMethod.objects.filter(seller=seller))
    standard = do_create_method(
        seller,
        {
            "name": "Giao hàng tiêu chuẩn",
            "name_en": "Standard delivery",
            "service_level": ServiceLevel.STANDARD,
            "price_amount": 30_000,
            "free_above_amount": 500_000,
            "min_delivery_days": 2,
            "max_delivery_days": 5,
            "is_default": True,
        },
    )
    express = do_create_method(
        seller,
        {
            "name": "Giao hỏa tốc",
            "name_en": "Express delivery",
            "service_level": ServiceLevel.EXPRESS,
            "rate_kind": ShippingRateKind.WEIGHT,
            "price_amount": 45_000,
            "price_per_kg_amount": 10_000,
            "min_delivery_days": 1,
            "max_delivery_days": 2,
            "is_default": False,
        },
    )
    return [standard, express]


def give_default_methods(sender: Any, seller: Seller, **kwargs: Any) -> None:
    """`sellers.signals.seller_created`: a new stall starts with the standard and express
    methods, in the transaction that created it (as the catalog gives it a warehouse).
    Without one, a self-onboarded producer's listed product could not be bought: the
    checkout refuses a seller with no delivery method. The seller changes them later."""
    ensure_default_methods(seller)


def connect() -> None:
    seller_created.connect(give_default_methods, dispatch_uid="checkout-default-delivery")
