"""The storefront's pages. Each view reads through the domain's own modules (the listing
rule, the search service, the collections and livestream queries) and renders a template;
nothing here decides what is listable or how a product is found."""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_vary_headers

from catalog.listing import current_certificate, listable_products
from catalog.models import Category, Collection, CollectionProduct, ProductVariant
from catalog.thumbnails import thumbnail_url
from checkout.fetch import available_quantities
from core.text import slugify_vi
from livestream.queries import live_now_q, public_livestreams, upcoming_q
from search import service
from search.params import PRICE_RANGES, SearchFilters, SearchParams, SearchResult
from web.cards import Card, card_queryset, cards_in_order, localized, to_card
from web.channel import storefront_channel
from web.labels import ISSUER_LEVELS, SELLER_KINDS
from web.listing_params import SORTS, STARS, read_query, search_params
from web.places import province_by_slug, province_slug, provinces_by_code

HOME_COLLECTIONS = 4
COLLECTION_CARDS = 4
HOME_LIVESTREAMS = 6
GALLERY_SIZES = (512, 1024)  # generated sizes (catalog.thumbnails.SIZES)


def home(request: HttpRequest) -> HttpResponse:
    channel = storefront_channel()
    collections = list(
        Collection.objects.visible_to()
        .filter(is_featured=True)
        .select_related("province")
        .order_by("province_id", "name", "pk")[:HOME_COLLECTIONS]
    )
    members = list(
        CollectionProduct.objects.filter(collection__in=collections)
        .order_by("collection_id", "sort_order", "pk")
        .values_list("collection_id", "product_id")
    )
    cards = {c.product.pk: c for c in cards_in_order(channel, [pk for _, pk in members])}
    shelves = []
    for collection in collections:
        shown = [cards[pk] for cid, pk in members if cid == collection.pk and pk in cards]
        if shown:
            shelves.append({"collection": collection, "cards": shown[:COLLECTION_CARDS]})
    now = timezone.now()
    sessions = list(
        public_livestreams()
        .filter(live_now_q() | upcoming_q(now))
        .order_by("starts_at", "pk")[:HOME_LIVESTREAMS]
    )
    # One search with no words and no page: its facets are the catalogue's browse menu.
    browse = service.search(
        SearchParams(query="", channel=channel, limit=0, with_suggestions=False)
    )
    context = {
        "shelves": shelves,
        "live_now": [s for s in sessions if s.status == "live"],
        "upcoming": [s for s in sessions if s.status != "live"],
        **_browse_links(browse),
    }
    return render(request, "web/home.html", context)


def _browse_links(result: SearchResult) -> dict[str, Any]:
    facets = result.facets
    category_pks = [int(v.value) for v in facets.get("categories", [])]
    # The product groups: top-level categories (the facet also counts every sub-group).
    categories = {
        c.pk: c for c in Category.objects.filter(pk__in=category_pks, parent__isnull=True)
    }
    provinces = provinces_by_code([v.value for v in facets.get("provinces", [])])
    return {
        "browse_categories": [
            {
                "name": localized(categories[pk].name, categories[pk].name_en),
                "url": reverse("web:category", args=[categories[pk].slug]),
                "count": v.count,
            }
            for v, pk in zip(facets.get("categories", []), category_pks, strict=True)
            if pk in categories
        ],
        "browse_provinces": [
            {
                "name": provinces[v.value].name,
                "url": reverse("web:province", args=[province_slug(provinces[v.value])]),
                "count": v.count,
            }
            for v in facets.get("provinces", [])
            if v.value in provinces
        ],
        "browse_stars": [
            {
                "stars": int(v.value),
                "url": f"{reverse('web:search')}?stars={v.value}",
                "count": v.count,
            }
            for v in facets.get("stars", [])
        ],
    }


def search(request: HttpRequest) -> HttpResponse:
    return _listing(request, title="", filters=None, path=reverse("web:search"))


def category(request: HttpRequest, slug: str) -> HttpResponse:
    found = Category.objects.filter(slug=slug).first()
    if found is None:
        return not_found(request)
    return _listing(
        request,
        title=localized(found.name, found.name_en),
        filters=SearchFilters(category_ids=(found.pk,)),
        path=reverse("web:category", args=[found.slug]),
    )


def province(request: HttpRequest, slug: str) -> HttpResponse:
    found = province_by_slug(slug)
    if found is None:
        return not_found(request)
    return _listing(
        request,
        title=found.name,
        filters=SearchFilters(province_codes=(found.code,)),
        path=reverse("web:province", args=[province_slug(found)]),
        province_page=True,
    )


def _listing(
    request: HttpRequest,
    *,
    title: str,
    filters: SearchFilters | None,
    path: str,
    province_page: bool = False,
) -> HttpResponse:
    channel = storefront_channel()
    query = read_query(request.GET)
    result = service.search(search_params(query, channel, filters=filters))
    cards = cards_in_order(channel, result.product_ids)
    total = result.total - (len(result.hits) - len(cards))
    pages = max(1, -(-total // query.per_page))
    provinces = [] if province_page else result.facets.get("provinces", [])
    context = {
        "title": title,
        "query": query,
        "cards": cards,
        "total": total,
        "page": query.page,
        "pages": pages,
        "previous_url": _page_url(request, path, query.page - 1) if query.page > 1 else None,
        "next_url": _page_url(request, path, query.page + 1) if query.page < pages else None,
        "action": path,
        "sorts": [(key, label) for key, (_f, _d, label) in SORTS.items()],
        "star_choices": STARS,
        "price_ranges": PRICE_RANGES,
        "province_facets": provinces,
        "suggestions": _suggestion_links(result) if (result.fuzzy or not total) else [],
        "fuzzy": result.fuzzy,
    }
    template = "web/_results.html" if getattr(request, "htmx", False) else "web/listing.html"
    response = render(request, template, context)
    # The same address answers a page or (to htmx) its results: caches must keep both.
    patch_vary_headers(response, ("HX-Request",))
    return response


def _suggestion_links(result: SearchResult) -> list[dict[str, str]]:
    """The search service's suggestions, each linking to its product or province page."""
    links = []
    for suggestion in result.suggestions:
        if suggestion.kind == "product" and suggestion.slug:
            url = reverse("web:product", args=[suggestion.slug])
        elif suggestion.kind == "province":
            url = reverse("web:province", args=[slugify_vi(suggestion.text)])
        else:
            continue
        links.append({"text": suggestion.text, "url": url})
    return links


def _page_url(request: HttpRequest, path: str, page: int) -> str:
    data = request.GET.copy()
    data["page"] = str(page)
    return f"{path}?{data.urlencode()}"


def product(request: HttpRequest, slug: str) -> HttpResponse:
    channel = storefront_channel()
    found = card_queryset(channel).filter(slug=slug).first()
    if found is None:
        # Not listable now (delisted, lapsed certificate, unknown): no stale price, ever.
        return not_found(request, product_page=True)
    card: Card = to_card(found)
    variants = list(
        ProductVariant.objects.filter(
            Q(channel_listings__channel=channel, channel_listings__price_amount__gt=0),
            product=found,
        )
        .values("pk", "name", "channel_listings__price_amount")
        .order_by("sort_order", "pk")
    )
    free = available_quantities([v["pk"] for v in variants])
    certificate = current_certificate(list(found.certificates.all()))
    seller = found.seller
    media = [m for m in found.media.all() if m.image]
    context = {
        "card": card,
        "product": found,
        "description": localized(found.description, found.description_en),
        "variants": [
            {
                "name": v["name"] or card.name,
                "price": v["channel_listings__price_amount"],
                "available": free.get(v["pk"], 0),
            }
            for v in variants
        ],
        "in_stock": any(free.values()),
        "certificate": certificate,
        "issuer_level": ISSUER_LEVELS.get(certificate.issuer_level, "") if certificate else "",
        "seller": seller,
        "seller_kind": SELLER_KINDS.get(seller.kind, seller.kind),
        "seller_story": localized(seller.story, seller.story_en),
        "seller_province_url": reverse("web:province", args=[province_slug(seller.province)]),
        "gallery": [
            {
                "src": thumbnail_url(m, GALLERY_SIZES[0], "webp"),
                "srcset": ", ".join(f"{thumbnail_url(m, s, 'webp')} {s}w" for s in GALLERY_SIZES),
                "alt": m.alt or card.name,
            }
            for m in media
        ],
    }
    return render(request, "web/product.html", context)


def not_found(request: HttpRequest, *, product_page: bool = False) -> HttpResponse:
    return render(request, "web/not_found.html", {"product_page": product_page}, status=404)


def robots_txt(request: HttpRequest) -> HttpResponse:
    sitemap = request.build_absolute_uri(reverse("web:sitemap"))
    return render(
        request, "web/robots.txt", {"sitemap": sitemap}, content_type="text/plain; charset=utf-8"
    )


def sitemap_xml(request: HttpRequest) -> HttpResponse:
    """Only listable products: the listing rule decides, so a lapsed certificate drops the
    product from the next fetch of this file."""
    channel = storefront_channel()
    rows = listable_products(channel).values_list("slug", "updated_at").order_by("slug")
    products = [
        {"loc": request.build_absolute_uri(reverse("web:product", args=[slug])), "lastmod": at}
        for slug, at in rows
    ]
    home_url = request.build_absolute_uri(reverse("web:home"))
    return render(
        request,
        "web/sitemap.xml",
        {"home": home_url, "products": products},
        content_type="application/xml; charset=utf-8",
    )
