"""The product page: the product as the listing rule lets it be sold now (a 404 otherwise,
never a stale price), its options and live price, its seller's delivery fees, the OCOP panel,
the producer's card, and what search engines and link previews read (OpenGraph, JSON-LD)."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from catalog.label_facts import facts_shown
from catalog.listing import current_certificate
from catalog.models import StoryPhoto
from catalog.models.certificates import CertificateStatus
from catalog.story import safe_story
from catalog.thumbnails import thumbnail_url
from checkout.delivery import priced_methods
from checkout.models import ShippingMethod
from livestream.pricing import live_offers_for
from livestream.queries import for_seller, live_now_q, public_livestreams, upcoming_q
from sellers.models import Seller
from web.cards import Card, card_queryset, localized, to_card
from web.cart.buybox import BuyOption, buy_options
from web.channel import storefront_channel
from web.labels import ISSUER_LEVELS, SELLER_KINDS
from web.places import province_slug
from web.seo import breadcrumbs, json_ld
from web.views import category_path, not_found

GALLERY_SIZES = (512, 1024)  # generated sizes (catalog.thumbnails.SIZES)
OTHER_PRODUCTS = 4  # the producer's other products on a product page
PRODUCER_LIVES = 3  # the producer's upcoming lives on a product page

# A certificate's status in the visitor's language (the model's labels are Vietnamese).
CERTIFICATE_STATUSES = {
    CertificateStatus.VERIFIED: _("Valid"),
    CertificateStatus.PENDING: _("Awaiting verification"),
    CertificateStatus.REJECTED: _("Rejected"),
    CertificateStatus.EXPIRED: _("Expired"),
    CertificateStatus.REVOKED: _("Revoked"),
}


def product(request: HttpRequest, slug: str) -> HttpResponse:
    channel = storefront_channel()
    found = (
        card_queryset(channel, with_price=False)
        .select_related("category__parent")
        # The label facts: one query whatever their number (their own typed rows, which
        # the Saleor attributes of issue 14 map one to one).
        .prefetch_related("facts")
        .filter(slug=slug)
        .first()
    )
    if found is None:
        # Not listable now (delisted, lapsed certificate, unknown): no stale price, ever.
        return not_found(request, product_page=True)
    # The options (price, free stock) as the buy box shows them, read once for both; the
    # card's "from" price is the lowest of them (the listing rule guarantees one).
    options = buy_options(found, channel)
    found.min_price = min((o.price for o in options), default=0)  # type: ignore[attr-defined]
    card: Card = to_card(found)
    # The price checkout would charge now: the live price while a live offer runs.
    offers = live_offers_for([o.pk for o in options], channel)
    certificate = current_certificate(list(found.certificates.all()))
    seller = found.seller
    media = [m for m in found.media.all() if m.image]
    canonical = request.build_absolute_uri(reverse("web:product", args=[found.slug]))
    description = localized(found.description, found.description_en)
    # The rich story where the visitor reads it in Vietnamese (or no translation exists).
    story = safe_story(found.story, found.description) if description == found.description else ""
    in_stock = any(o.in_stock for o in options)
    cheapest = min(options, key=lambda o: (o.price, o.pk), default=None)
    context = {
        "card": card,
        "product": found,
        "description": description,
        "story": story,
        "facts": facts_shown(list(found.facts.all())),
        "buy_options": options,
        "in_stock": in_stock,
        "live": _live_price(offers),
        "delivery": _delivery_options(seller, found, cheapest),
        "certificate": certificate,
        "certificate_status": _certificate_status(certificate),
        "issuer_level": ISSUER_LEVELS.get(certificate.issuer_level, "") if certificate else "",
        "seller": seller,
        "seller_kind": SELLER_KINDS.get(seller.kind, seller.kind),
        "seller_story": localized(seller.story, seller.story_en),
        "seller_url": reverse("web:seller", args=[seller.slug]),
        "seller_province_url": reverse("web:province", args=[province_slug(seller.province)]),
        "other_cards": [
            to_card(p)
            for p in card_queryset(channel)
            .filter(seller=seller)
            .exclude(pk=found.pk)
            .order_by("-popularity", "pk")[:OTHER_PRODUCTS]
        ],
        "seller_lives": list(
            for_seller(public_livestreams(), seller.slug)
            .filter(live_now_q() | upcoming_q(timezone.now()))
            .order_by("starts_at", "pk")[:PRODUCER_LIVES]
        ),
        "canonical": canonical,
        "og": {
            "title": card.name,
            "description": " ".join(description.split())[:200],
            "image": request.build_absolute_uri(media[0].image.url) if media else "",
            "locale": "en_US" if (get_language() or "vi").startswith("en") else "vi_VN",
        },
        "gallery": [
            {
                "src": thumbnail_url(m, GALLERY_SIZES[0], "webp"),
                "srcset": ", ".join(f"{thumbnail_url(m, s, 'webp')} {s}w" for s in GALLERY_SIZES),
                "alt": m.alt or card.name,
            }
            for m in media
        ],
    }
    crumbs = []
    if found.category:
        if found.category.parent:
            parent = found.category.parent
            crumbs.append((localized(parent.name, parent.name_en), category_path(parent)))
        crumbs.append(
            (localized(found.category.name, found.category.name_en), category_path(found.category))
        )
    crumbs.append((card.name, reverse("web:product", args=[found.slug])))
    context.update(breadcrumbs(request, crumbs))
    context["product_json_ld"] = json_ld(
        _product_json_ld(request, card, description, media, canonical, in_stock)
    )
    return render(request, "web/product.html", context)


def _live_price(offers: dict[int, Any]) -> dict[str, Any] | None:
    """The lowest live price among the product's variants, and when its session ends."""
    if not offers:
        return None
    best = min(offers.values(), key=lambda o: (o.live_price, o.pk))
    return {
        "price": int(best.live_price),
        "regular": int(best.regular_price),
        "ends_at": best.livestream.ends_at,
        "title": best.livestream.title,
    }


def _delivery_options(
    seller: Seller, found: Any, cheapest: BuyOption | None
) -> list[dict[str, Any]]:
    """The seller's delivery methods priced for one unit of the cheapest option, by the
    rule checkout applies (`checkout.delivery.priced_methods`)."""
    if cheapest is None:
        return []
    weight = cheapest.weight_grams or found.weight_grams or 0
    methods = list(ShippingMethod.objects.filter(seller=seller, is_active=True))
    return [
        {
            "name": localized(option.method.name, option.method.name_en),
            "price": option.price,
            "min_days": option.method.min_delivery_days,
            "max_days": option.method.max_delivery_days,
            "free_above": option.method.free_above_amount,
        }
        for option in priced_methods(methods, cheapest.price, weight)
    ]


def _certificate_status(certificate: Any) -> str:
    if certificate is None:
        return ""
    if (
        certificate.status == CertificateStatus.VERIFIED
        and certificate.valid_until < timezone.localdate()
    ):
        return str(CERTIFICATE_STATUSES[CertificateStatus.EXPIRED])
    return str(CERTIFICATE_STATUSES.get(certificate.status, certificate.status))


def _product_json_ld(
    request: HttpRequest,
    card: Card,
    description: str,
    media: list[Any],
    canonical: str,
    in_stock: bool,
) -> dict[str, Any]:
    """schema.org Product with its Offer and, once rated, its AggregateRating."""
    found = card.product
    seller = found.seller
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Product",
        "name": card.name,
        "description": " ".join(description.split()),
        "url": canonical,
        "image": [request.build_absolute_uri(m.image.url) for m in media],
        "brand": {"@type": "Brand", "name": seller.stall_name},
        "offers": {
            "@type": "Offer",
            "url": canonical,
            "price": str(card.price),
            "priceCurrency": "VND",
            "availability": "https://schema.org/InStock"
            if in_stock
            else "https://schema.org/OutOfStock",
            "seller": {
                "@type": "Organization",
                "name": seller.stall_name,
                "url": request.build_absolute_uri(reverse("web:seller", args=[seller.slug])),
            },
        },
    }
    if found.category:
        data["category"] = localized(found.category.name, found.category.name_en)
    if found.rating_count > 0 and found.rating is not None:
        data["aggregateRating"] = {
            "@type": "AggregateRating",
            "ratingValue": round(float(found.rating), 1),
            "reviewCount": found.rating_count,
            "bestRating": 5,
            "worstRating": 1,
        }
    return data


def story_photo(request: HttpRequest, pk: int) -> HttpResponseRedirect:
    """A story photo's stable address (`catalog.story.PHOTO_PATH`), redirected to where
    storage keeps it (on S3 a signed URL that expires, so it is never stored in a story),
    like a product thumbnail (`catalog.thumbnails.thumbnail_view`)."""
    photo = StoryPhoto.objects.filter(pk=pk).first()
    if photo is None or not photo.image:
        raise Http404("no such photo")
    return HttpResponseRedirect(photo.image.url)
