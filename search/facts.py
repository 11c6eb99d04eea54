"""Per-channel product facts search filters and sorts on, as SQL annotations.

The indexer reads them into documents. The PostgreSQL fallback filters, sorts and counts
facets on the listing record (catalog.ListedProduct), whose columns `catalog.listed`
computes with the same expressions (lowest price, best valid stars, a buyable variant for
"in stock"), so both backends agree on what "in stock" or "price" means.
"""

from __future__ import annotations

from django.db.models import Exists, F, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone

from catalog.listing import valid_certificates
from catalog.models import (
    Channel,
    CollectionProduct,
    Product,
    ProductVariant,
    ProductVariantChannelListing,
    Stock,
)


def with_facts(qs: QuerySet[Product], channel: Channel) -> QuerySet[Product]:
    """Annotate search_price_min/max, search_stars, search_valid_until, search_in_stock,
    search_featured for `channel`."""
    prices = ProductVariantChannelListing.objects.filter(
        variant__product=OuterRef("pk"), channel=channel
    )
    best = valid_certificates().filter(product=OuterRef("pk"))
    available = Stock.objects.filter(variant=OuterRef("pk"), quantity__gt=F("quantity_allocated"))
    # A variant is buyable when it has a price in the channel and stock (or is not tracked).
    buyable = ProductVariant.objects.filter(
        Q(track_inventory=False) | Q(Exists(available)),
        product=OuterRef("pk"),
        channel_listings__channel=channel,
    )
    now = timezone.now()
    featured = CollectionProduct.objects.filter(
        Q(collection__starts_at__isnull=True) | Q(collection__starts_at__lte=now),
        Q(collection__ends_at__isnull=True) | Q(collection__ends_at__gte=now),
        product=OuterRef("pk"),
        collection__is_featured=True,
        collection__is_published=True,
    )
    return qs.annotate(
        search_price_min=Subquery(prices.order_by("price_amount").values("price_amount")[:1]),
        search_price_max=Subquery(prices.order_by("-price_amount").values("price_amount")[:1]),
        search_stars=Subquery(best.order_by("-stars", "-valid_until").values("stars")[:1]),
        search_valid_until=Subquery(best.order_by("-valid_until").values("valid_until")[:1]),
        search_in_stock=Exists(buyable),
        search_featured=Exists(featured),
    )
