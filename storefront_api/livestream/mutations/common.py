"""Shared pieces of the livestream mutations: inputs and ID decoding."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import graphene
from django.utils.translation import gettext_lazy as _

from core.errors import fail
from places.models import Province
from storefront_api.core.mutation import decode_id
from storefront_api.core.scalars import PositiveDecimal
from storefront_api.core.upload import Upload


class LivestreamInputBase(graphene.InputObjectType):
    title = graphene.String()
    description = graphene.String()
    starts_at = graphene.DateTime(description="Without an offset, Vietnam time (+07:00).")
    ends_at = graphene.DateTime(description="Without an offset, Vietnam time (+07:00).")
    stream_url = graphene.String(
        description="An HLS playlist (.m3u8) or a Facebook, TikTok or YouTube live URL."
    )
    sellers = graphene.List(
        graphene.NonNull(graphene.ID),
        description="Sellers whose goods are sold (replaces the list); they must agree.",
    )
    is_programme = graphene.Boolean(
        description="Part of an officer programme (e.g. a provincial OCOP fair): needs approval."
    )
    programme_name = graphene.String()
    programme_province = graphene.String(
        description="Province code of the programme; empty for a national programme."
    )
    cover_image = Upload(description="PNG, JPEG or WEBP (multipart request).")


class LivestreamCreateInput(LivestreamInputBase):
    title = graphene.String(required=True)
    starts_at = graphene.DateTime(required=True)
    ends_at = graphene.DateTime(required=True)


class LivestreamUpdateInput(LivestreamInputBase):
    pass


def livestream_pk(value: Any, field: str = "id") -> int:
    return decode_id(value, "Livestream", field)


def offer_pk(value: Any, field: str = "id") -> int:
    return decode_id(value, "LiveOffer", field)


def livestream_fields(data: dict[str, Any]) -> dict[str, Any]:
    """API input → the domain's field names (only the keys that were given)."""
    fields: dict[str, Any] = {}
    for key in ("title", "description", "starts_at", "ends_at", "stream_url", "is_programme"):
        if key in data:
            fields[key] = data[key]
    if "programme_name" in data:
        fields["programme_name"] = data["programme_name"]
    if data.get("sellers") is not None:
        fields["seller_ids"] = [decode_id(v, "Seller", "sellers") for v in data["sellers"]]
    if "programme_province" in data:
        code = (data["programme_province"] or "").strip()
        if not code:
            fields["programme_province_id"] = None
        else:
            province = Province.objects.filter(code=code).first()
            if province is None:
                fail("programmeProvince", _("Province not found."), "NOT_FOUND")
            fields["programme_province_id"] = province.pk
    return fields


def whole_dong(field: str, value: Decimal | None) -> int | None:
    """VND has no minor unit: a live price is a whole, positive number of đồng."""
    if value is None:
        return None
    if value != value.to_integral_value() or value <= 0:
        fail(field, _("The price must be a whole number of đồng above 0."), "INVALID")
    return int(value)


class LiveOfferCreateInput(graphene.InputObjectType):
    variant = graphene.ID(required=True, description="The product variant sold live.")
    live_price = PositiveDecimal(
        required=True, description="Whole đồng; below the regular price and its 30-day low."
    )
    quantity_cap = graphene.Int(required=True, description="Units sold at most in the session.")
    per_buyer_limit = graphene.Int(required=True, description="Units one buyer may buy.")
    channel = graphene.String(description="Channel slug (default channel when omitted).")


class LiveOfferUpdateInput(graphene.InputObjectType):
    live_price = PositiveDecimal()
    quantity_cap = graphene.Int()
    per_buyer_limit = graphene.Int()
