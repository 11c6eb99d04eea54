"""Shared pieces of the seller mutations: inputs and loading a seller the caller may touch."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

import graphene
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from accounts.roles import scope_of
from sellers.models import Seller
from storefront_api.core.mutation import decode_id, denied, enum_value, not_found
from storefront_api.core.upload import Upload
from storefront_api.sellers.types import SellerKindEnum


class SellerInput(graphene.InputObjectType):
    kind = graphene.Field(SellerKindEnum, description="HTX, THT, DN or HKD.")
    legal_name = graphene.String(description="Tên pháp lý as registered.")
    registration_number = graphene.String(description="Business registration number.")
    tax_code = graphene.String(description="Mã số thuế: 10 digits, or 10-3 for a branch.")
    province = graphene.String(description="Province code or name (2025 units).")
    ward = graphene.String(description="Ward/commune code or name within the province.")
    street_address = graphene.String()
    phone = graphene.String()
    email = graphene.String()
    bank_name = graphene.String(description="Payout bank.")
    bank_account_number = graphene.String()
    bank_account_holder = graphene.String()
    name = graphene.String(description="The stall's public name (defaults to legal name).")
    slug = graphene.String()
    story = graphene.String()
    story_en = graphene.String()
    logo = Upload(description="PNG, JPEG or WEBP (multipart request).")


def seller_data(data: dict[str, Any]) -> dict[str, Any]:
    """API input keys → model field names (the stall's `name` is `stall_name`)."""
    values = {k: enum_value(v) for k, v in data.items() if k not in ("logo", "name")}
    if data.get("name") is not None:
        values["stall_name"] = data["name"]
    return values


def load_seller(value: Any, field: str) -> Seller:
    """The seller, read (not locked: to lock it, use `sellers.units.do_with_seller`)."""
    return found_seller(
        Seller.objects.select_related("province").filter(pk=seller_pk(value, field)).first(),
        field,
    )


def seller_pk(value: Any, field: str) -> int:
    return decode_id(value, "Seller", field)


def found_seller(seller: Seller | None, field: str) -> Seller:
    if seller is None:
        not_found(field, "Seller")
    return seller


def seller_editor(field: str, user: User) -> Callable[[Seller | None], Seller]:
    """The check `sellers.units.do_with_seller` runs on the locked seller: it exists and
    the caller may edit it (`check_editor`)."""
    return partial(_check_editable_by, field=field, user=user)


def _check_editable_by(seller: Seller | None, field: str, user: User) -> Seller:
    found = found_seller(seller, field)
    check_editor(user, found, field)
    return found


def check_member(user: User, seller: Seller, field: str | None = "id") -> None:
    if not scope_of(user).is_member(seller.pk):
        denied(field)


def check_editor(user: User, seller: Seller, field: str | None = "id") -> None:
    """Members; and, for a seller an officer onboarded, officers of its province."""
    scope = scope_of(user)
    if scope.is_member(seller.pk):
        return
    if seller.assisted_by_id is not None and scope.covers_province(seller.province_id):
        return
    denied(field)


def check_officer(user: User, seller: Seller, field: str | None = "id") -> None:
    if not scope_of(user).covers_province(seller.province_id):
        denied(
            field,
            _("Only OCOP officers of the seller's province may do this."),
        )
