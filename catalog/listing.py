"""The listing rule, in one place.

A product is visible and purchasable only if its seller is approved and active, the
product is published in the channel, at least one of its variants has a price in the
channel (a product nobody can buy is not shown with `pricing: null`), and it has a
verified, unexpired OCOP certificate of 3★ or more. GraphQL, search and checkout all call
these functions.
"""

from __future__ import annotations

import datetime

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from catalog.models import (
    CertificateStatus,
    Channel,
    OcopCertificate,
    Product,
    ProductChannelListing,
    ProductVariantChannelListing,
)
from catalog.models.certificates import MIN_LISTED_STARS
from sellers.models import SellerStatus


def today() -> datetime.date:
    """Today's date in Vietnam (settings.TIME_ZONE), which is when certificates lapse."""
    return timezone.localdate()


def valid_certificate_q(on: datetime.date | None = None, prefix: str = "") -> Q:
    day = on or today()
    return Q(
        **{
            f"{prefix}status": CertificateStatus.VERIFIED,
            f"{prefix}stars__gte": MIN_LISTED_STARS,
            f"{prefix}valid_until__gte": day,
            f"{prefix}decision_date__lte": day,
        }
    )


def valid_certificates(on: datetime.date | None = None) -> QuerySet[OcopCertificate]:
    return OcopCertificate.objects.filter(valid_certificate_q(on))


def priced_in(channel: Channel) -> QuerySet[ProductVariantChannelListing]:
    """Variant prices in `channel` of the outer product (`OuterRef("pk")`): a listing row
    with a price above 0 đồng (prices are whole đồng > 0, catalog.channel_listings)."""
    return ProductVariantChannelListing.objects.filter(
        variant__product=OuterRef("pk"), channel=channel, price_amount__gt=0
    )


def listable_products(
    channel: Channel, *, at: datetime.datetime | None = None
) -> QuerySet[Product]:
    moment = at or timezone.now()
    published = ProductChannelListing.objects.filter(
        product=OuterRef("pk"), channel=channel, is_published=True
    ).filter(Q(published_at__isnull=True) | Q(published_at__lte=moment))
    certified = valid_certificates(timezone.localdate(moment)).filter(product=OuterRef("pk"))
    return Product.objects.filter(
        Exists(published),
        Exists(priced_in(channel)),
        Exists(certified),
        seller__status=SellerStatus.APPROVED,
        seller__is_active=True,
    )


def is_listable(product: Product, channel: Channel) -> bool:
    return listable_products(channel).filter(pk=product.pk).exists()


def current_certificate(certificates: list[OcopCertificate]) -> OcopCertificate | None:
    """The certificate a customer should see: the best valid one, else the newest."""
    day = today()
    valid = [
        c
        for c in certificates
        if c.status == CertificateStatus.VERIFIED
        and c.stars >= MIN_LISTED_STARS
        and c.decision_date <= day <= c.valid_until
    ]
    pool = valid or certificates
    if not pool:
        return None
    return max(pool, key=lambda c: (c in valid, c.stars, c.decision_date, c.pk or 0))
