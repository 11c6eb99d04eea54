from __future__ import annotations

from typing import Any

import graphene
from graphene import relay

from places.models import Province as ProvinceModel
from sellers.models import Seller as SellerModel
from sellers.models import SellerStatus
from storefront_api.core.connection import paginate
from storefront_api.sellers.types import (
    Province,
    SellerCountableConnection,
    SellerKindEnum,
)


class SellerFilterInput(graphene.InputObjectType):
    province = graphene.String(description='Province code, e.g. "11" for Điện Biên.')
    kind = graphene.Field(SellerKindEnum)
    search = graphene.String()


class SellerQueries(graphene.ObjectType):
    sellers = relay.ConnectionField(
        SellerCountableConnection, filter=SellerFilterInput(), description="Approved sellers."
    )
    seller = graphene.Field(
        "storefront_api.sellers.types.Seller", slug=graphene.String(required=True)
    )
    provinces = graphene.List(
        graphene.NonNull(Province), required=True, description="The 34 provinces (2025)."
    )

    @staticmethod
    def resolve_sellers(
        root: Any, info: graphene.ResolveInfo, filter: dict[str, Any] | None = None, **args: Any
    ) -> Any:
        qs = SellerModel.objects.filter(status=SellerStatus.APPROVED, is_active=True)
        flt = filter or {}
        if flt.get("province"):
            qs = qs.filter(province__code=flt["province"])
        if flt.get("kind"):
            qs = qs.filter(kind=flt["kind"])
        if flt.get("search"):
            qs = qs.filter(stall_name__icontains=flt["search"])
        qs = qs.select_related("province").order_by("stall_name", "pk")
        return paginate(qs, SellerCountableConnection, args, name="sellers")

    @staticmethod
    def resolve_seller(root: Any, info: graphene.ResolveInfo, slug: str) -> Any:
        return (
            SellerModel.objects.select_related("province")
            .filter(slug=slug, status=SellerStatus.APPROVED, is_active=True)
            .first()
        )

    @staticmethod
    def resolve_provinces(root: Any, info: graphene.ResolveInfo) -> Any:
        return ProvinceModel.objects.prefetch_related("legacy_provinces").order_by("code")
