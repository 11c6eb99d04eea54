"""Products as the web shows them, loaded in a constant number of queries whatever the
page size. A page of cards reads the listing record (`catalog.listed`: the one listing
rule as indexed state, written in the transaction of every change), which keeps each
product's lowest price and stars; a product delisted since a search answered is dropped,
never shown. `card_queryset` applies the rule itself, for the pages that need more of
the product (its page, its producer's other products)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Min, Prefetch, Q, QuerySet, prefetch_related_objects
from django.utils.translation import get_language

from catalog.listed import listed_now
from catalog.listing import current_certificate, listable_products
from catalog.models import Channel, ListedProduct, OcopCertificate, Product, ProductMedia
from catalog.thumbnails import thumbnail_url

# The card's thumbnail edge in px (catalog.thumbnails serves the WebP copy).
CARD_IMAGE_SIZE = 256


@dataclass(frozen=True)
class Card:
    product: Product
    name: str
    price: int
    stars: int | None
    image_url: str | None
    image_alt: str
    rating: float | None = None  # the average of visible reviews (kept by reviews)
    rating_count: int = 0


def localized(vietnamese: str, english: str) -> str:
    """The English text when the page is English and one exists, else the Vietnamese."""
    if english and (get_language() or "vi").startswith("en"):
        return english
    return vietnamese


def card_queryset(channel: Channel, *, with_price: bool = True) -> QuerySet[Product]:
    """Listable products with what a card shows. `with_price=False` leaves out the lowest
    price (an aggregate, so a GROUP BY over every selected column): the product page reads
    its options' prices anyway and sets `min_price` from them."""
    price = Min(
        "variants__channel_listings__price_amount",
        filter=Q(
            variants__channel_listings__channel=channel,
            variants__channel_listings__price_amount__gt=0,
        ),
    )
    products = listable_products(channel).select_related(
        "seller__province", "origin_province", "category"
    )
    if with_price:
        products = products.annotate(min_price=price)
    return products.prefetch_related(
        _media(), Prefetch("certificates", queryset=OcopCertificate.objects.order_by("pk"))
    )


def _media() -> Prefetch[str, QuerySet[ProductMedia], str]:
    return Prefetch(
        "media",
        queryset=ProductMedia.objects.order_by("sort_order", "pk").prefetch_related("thumbnails"),
    )


def to_card(product: Product) -> Card:
    """The card of a product of `card_queryset`."""
    certificate = current_certificate(list(product.certificates.all()))
    stars = certificate.stars if certificate else None
    return _card(product, int(product.min_price), stars)  # type: ignore[attr-defined]


def _card(product: Product, price: int, stars: int | None) -> Card:
    media = [m for m in product.media.all() if m.image]
    name = localized(product.name, product.name_en)
    return Card(
        product=product,
        name=name,
        price=price,
        stars=stars,
        image_url=thumbnail_url(media[0], CARD_IMAGE_SIZE, "webp") if media else None,
        image_alt=(media[0].alt or name) if media else "",
        rating=product.rating,
        rating_count=product.rating_count,
    )


def cards_in_order(channel: Channel, ids: Iterable[int]) -> list[Card]:
    """Cards for `ids`, in that order, leaving out any product no longer listed: their
    listing-record rows with the products (three queries: rows and products, photos,
    thumbnails), the price and stars from the record."""
    wanted = list(ids)
    rows: QuerySet[ListedProduct] = (
        listed_now(channel)
        .filter(product_id__in=wanted)
        .select_related(
            "product__seller__province", "product__origin_province", "product__category"
        )
        .only("product", "min_price", "stars")
    )
    loaded = {row.product_id: row for row in rows}
    prefetch_related_objects([row.product for row in loaded.values()], _media())
    return [
        _card(loaded[pk].product, loaded[pk].min_price, loaded[pk].stars)
        for pk in wanted
        if pk in loaded
    ]
