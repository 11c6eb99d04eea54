"""OCOP extension: officers' list of certificates to review or chase before expiry."""

from __future__ import annotations

import datetime
from typing import Any

import graphene
from django.db.models import Prefetch
from graphene import relay

from catalog import models
from catalog.certificates import today
from sellers.visibility import officer_q
from storefront_api.catalog.lookups import prepare_products
from storefront_api.catalog.types import OcopCertificate, OcopCertificateStatusEnum
from storefront_api.core.channel import resolve_channel
from storefront_api.core.connection import CountableConnection, paginate
from storefront_api.core.context import ChannelContext
from storefront_api.core.mutation import enum_value
from storefront_api.core.selection import selected_paths, wants
from storefront_api.sellers.schema import officer_only


class OcopCertificateCountableConnection(CountableConnection):
    class Meta:
        node = OcopCertificate


class OcopCertificateFilterInput(graphene.InputObjectType):
    status = graphene.List(graphene.NonNull(OcopCertificateStatusEnum))
    province = graphene.String(description="Province code of the product's seller.")
    expiring_within_days = graphene.Int(
        description="Verified certificates whose validity ends within this many days."
    )


def _prepare(paths: set[str]) -> Any:
    def prepare(
        items: list[models.OcopCertificate],
    ) -> list[ChannelContext[models.OcopCertificate]]:
        # Their products are shown in the default channel (when the query asks for them).
        product_paths = {p[len("product.") :] for p in paths if p.startswith("product.")}
        channel = resolve_channel(None) if product_paths else None
        if channel is not None:
            prepare_products([c.product for c in items], channel, product_paths)
        return [ChannelContext(c, channel) for c in items]

    return prepare


class CertificateQueries(graphene.ObjectType):
    ocop_certificates = relay.ConnectionField(
        OcopCertificateCountableConnection,
        filter=OcopCertificateFilterInput(),
        description="OCOP, officers: certificates of products of their province(s).",
    )

    @staticmethod
    def resolve_ocop_certificates(
        root: Any, info: graphene.ResolveInfo, filter: dict[str, Any] | None = None, **args: Any
    ) -> Any:
        scope = officer_only(info)
        flt = filter or {}
        # The officer part of OcopCertificate.objects.visible_to (catalog.visibility).
        qs = models.OcopCertificate.objects.filter(
            officer_q(scope, "product__seller__")
        ).select_related("product__seller__province", "product_group", "product_subgroup")
        if flt.get("province"):
            qs = qs.filter(product__seller__province__code=flt["province"])
        if flt.get("status"):
            qs = qs.filter(status__in=[enum_value(s) for s in flt["status"]])
        order: tuple[str, ...] = ("-created_at", "-pk")
        if flt.get("expiring_within_days") is not None:
            day = today()
            qs = qs.filter(
                status=models.CertificateStatus.VERIFIED,
                valid_until__gte=day,
                valid_until__lte=day + datetime.timedelta(days=flt["expiring_within_days"]),
            )
            order = ("valid_until", "pk")
        paths = selected_paths(info, ("edges", "node"))
        if wants(paths, "events"):
            qs = qs.prefetch_related(
                Prefetch(
                    "events",
                    queryset=models.CertificateEvent.objects.select_related("actor"),
                )
            )
        if wants(paths, "province.legacyNames"):
            qs = qs.prefetch_related("product__seller__province__legacy_provinces")
        return paginate(
            qs.order_by(*order),
            OcopCertificateCountableConnection,
            args,
            name="ocopCertificates",
            prepare=_prepare(paths),
        )
