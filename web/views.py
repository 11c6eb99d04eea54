"""The storefront's browsing pages: home, the listings (search, product group, province,
stall, collection), the 404 page, robots.txt and the sitemap (the product page is in
`product_page.py`). Each view reads through the domain's own modules (the listing rule, the
search service, the collections and livestream queries) and renders a template; nothing here
decides what is listable or how a product is found."""

from __future__ import annotations

import dataclasses
from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext_lazy as _

from catalog.listing import listable_products
from catalog.models import Category, Collection, CollectionProduct
from core.text import slugify_vi
from livestream.queries import live_now_q, public_livestreams, upcoming_q
from places.models import Province
from search import service
from search.params import MAX_WINDOW, PRICE_RANGES, SearchFilters, SearchParams, SearchResult
from sellers.models import Seller
from sellers.visibility import public_q as public_sellers_q
from web.cards import cards_in_order, localized
from web.channel import storefront_channel
from web.labels import SELLER_KINDS
from web.listing_params import (
    COLLECTION_ORDER,
    COLLECTION_SORT_LABEL,
    SORTS,
    STARS,
    ListingQuery,
    encode_cursor,
    read_query,
    search_params,
)
from web.places import province_by_slug, province_slug, provinces_by_code
from web.seo import breadcrumbs

HOME_COLLECTIONS = 4
COLLECTION_CARDS = 4
HOME_LIVESTREAMS = 6
# The session key of the visitor's province choice on the home page ("" = nationwide).
PROVINCE_SESSION_KEY = "web_province"


def home(request: HttpRequest) -> HttpResponse:
    channel = storefront_channel()
    provinces = list(Province.objects.order_by("name"))
    chosen = _chosen_province(request, provinces)
    featured = Collection.objects.visible_to().filter(is_featured=True).select_related("province")
    local = (
        list(featured.filter(province=chosen).order_by("name", "pk")[:HOME_COLLECTIONS])
        if chosen
        else []
    )
    national = list(
        featured.filter(province__isnull=True).order_by("name", "pk")[:HOME_COLLECTIONS]
    )
    collections = local + national
    members = list(
        CollectionProduct.objects.filter(collection__in=collections)
        .order_by("collection_id", "sort_order", "pk")
        .values_list("collection_id", "product_id")
    )
    cards = {c.product.pk: c for c in cards_in_order(channel, [pk for _, pk in members])}
    shelves: dict[int, dict[str, Any]] = {}
    for collection in collections:
        shown = [cards[pk] for cid, pk in members if cid == collection.pk and pk in cards]
        if shown:
            shelves[collection.pk] = {
                "collection": collection,
                "cards": shown[:COLLECTION_CARDS],
                "url": reverse("web:collection", args=[collection.slug]),
            }
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
        "provinces": provinces,
        "chosen_province": chosen,
        "local_shelves": [shelves[c.pk] for c in local if c.pk in shelves],
        "shelves": [shelves[c.pk] for c in national if c.pk in shelves],
        "live_now": [s for s in sessions if s.status == "live"],
        "upcoming": [s for s in sessions if s.status != "live"],
        **_browse_links(browse),
    }
    return render(request, "web/home.html", context)


def _chosen_province(request: HttpRequest, provinces: list[Province]) -> Province | None:
    """The visitor's province: `?tinh=<code>` chooses it (empty: nationwide) and the session
    keeps the choice for the next visits."""
    by_code = {p.code: p for p in provinces}
    if "tinh" in request.GET:
        code = str(request.GET["tinh"]).strip()
        code = code if code in by_code else ""
        if request.session.get(PROVINCE_SESSION_KEY, "") != code:
            request.session[PROVINCE_SESSION_KEY] = code
    else:
        code = str(request.session.get(PROVINCE_SESSION_KEY, ""))
    return by_code.get(code)


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
    query = read_query(request.GET)
    name = str(_("All products"))
    return _listing(
        request,
        title="",
        filters=None,
        path=reverse("web:search"),
        crumbs=[(name, reverse("web:search"))],
        query=query,
    )


def category(request: HttpRequest, slug: str) -> HttpResponse:
    found = Category.objects.filter(slug=slug).select_related("parent").first()
    if found is None:
        return not_found(request)
    path = reverse("web:category", args=[found.slug])
    crumbs = [(localized(found.name, found.name_en), path)]
    if found.parent:
        parent = found.parent
        crumbs.insert(0, (localized(parent.name, parent.name_en), category_path(parent)))
    return _listing(
        request,
        title=localized(found.name, found.name_en),
        filters=SearchFilters(category_ids=(found.pk,)),
        path=path,
        crumbs=crumbs,
        hide={"category"},
    )


def category_path(found: Category) -> str:
    return reverse("web:category", args=[found.slug])


def province(request: HttpRequest, slug: str) -> HttpResponse:
    found = province_by_slug(slug)
    if found is None:
        return not_found(request)
    path = reverse("web:province", args=[province_slug(found)])
    return _listing(
        request,
        title=found.name,
        filters=SearchFilters(province_codes=(found.code,)),
        path=path,
        crumbs=[(found.name, path)],
        hide={"province"},
    )


def seller(request: HttpRequest, slug: str) -> HttpResponse:
    """A producer's stall: its card, then its listable products through the search service."""
    found = Seller.objects.filter(public_sellers_q(), slug=slug).select_related("province").first()
    if found is None:
        return not_found(request)
    path = reverse("web:seller", args=[found.slug])
    province_path = reverse("web:province", args=[province_slug(found.province)])
    return _listing(
        request,
        title=found.stall_name,
        filters=SearchFilters(seller_ids=(found.pk,)),
        path=path,
        crumbs=[(found.province.name, province_path), (found.stall_name, path)],
        hide={"kind"},
        extra={
            "seller": found,
            "seller_kind": SELLER_KINDS.get(found.kind, found.kind),
            "seller_story": localized(found.story, found.story_en),
            "seller_province_url": province_path,
        },
    )


def collection(request: HttpRequest, slug: str) -> HttpResponse:
    """A collection visible now, its products in the curators' order unless another sort is
    chosen; the filters narrow it like any listing."""
    found = Collection.objects.visible_to().filter(slug=slug).select_related("province").first()
    if found is None:
        return not_found(request)
    return collection_listing(request, found, path=reverse("web:collection", args=[found.slug]))


def collection_listing(
    request: HttpRequest,
    found: Collection,
    *,
    path: str,
    template: str = "web/listing.html",
    extra: dict[str, Any] | None = None,
) -> HttpResponse:
    """`found` rendered as the shop renders it, whatever its window (the officers' preview
    calls this with its own address and template)."""
    members = list(
        CollectionProduct.objects.filter(collection=found)
        .order_by("sort_order", "pk")
        .values_list("product_id", flat=True)
    )
    crumbs = [(found.name, path)]
    if found.province:
        crumbs.insert(
            0, (found.province.name, reverse("web:province", args=[province_slug(found.province)]))
        )
    return _listing(
        request,
        title=found.name,
        filters=SearchFilters(product_ids=tuple(members)),
        path=path,
        crumbs=crumbs,
        query=read_query(request.GET, default_sort=COLLECTION_ORDER),
        ordered_ids=members,
        extra={"collection": found, **(extra or {})},
        template=template,
    )


def _listing(
    request: HttpRequest,
    *,
    title: str,
    filters: SearchFilters | None,
    path: str,
    crumbs: list[tuple[str, str]],
    query: ListingQuery | None = None,
    hide: frozenset[str] | set[str] = frozenset(),
    ordered_ids: list[int] | None = None,
    extra: dict[str, Any] | None = None,
    template: str = "web/listing.html",
) -> HttpResponse:
    channel = storefront_channel()
    query = query or read_query(request.GET)
    params = search_params(query, channel, filters=filters)
    if ordered_ids is not None and query.sort == COLLECTION_ORDER:
        # The curators' order is not a search sort: the (small) collection's matches come
        # in one search, are put in its order here, and the cursor's offset slices them.
        everything = service.search(
            dataclasses.replace(
                params,
                offset=0,
                limit=max(min(len(ordered_ids), MAX_WINDOW), 1),
                search_after=None,
                search_before=None,
            )
        )
        # Paged by offset in the curators' order (a small collection, read whole).
        everything.after = everything.before = None
        everything.before_count = query.offset
        matched = set(everything.product_ids)
        page_ids = [pk for pk in ordered_ids if pk in matched][
            query.offset : query.offset + query.per_page
        ]
        result = everything
        cards = cards_in_order(channel, page_ids)
        total = result.total - (len(page_ids) - len(cards))
    else:
        result = service.search(params)
        cards = cards_in_order(channel, result.product_ids)
        total = result.total - (len(result.hits) - len(cards))
    # The counter's offset: the cursor's, unless the page before turned out to be the first.
    offset = query.offset if result.more_before else 0
    end = offset + query.per_page
    sorts = [(key, label) for key, (_f, _d, label) in SORTS.items()]
    if ordered_ids is not None:
        sorts.insert(0, (COLLECTION_ORDER, COLLECTION_SORT_LABEL))
    context = {
        "title": title,
        "query": query,
        "cards": cards,
        "total": total,
        "first_shown": offset + 1 if cards else 0,
        "last_shown": offset + len(cards),
        "previous_url": _previous_url(request, path, query, result, offset),
        "next_url": _cursor_url(request, path, end, after=result.after, sort=query.sort)
        if end < min(total, MAX_WINDOW)
        else None,
        "action": path,
        "sorts": sorts,
        **_counted_choices(result),
        "province_facets": [] if "province" in hide else result.facets.get("provinces", []),
        "category_facets": [] if "category" in hide else _category_facets(result),
        "kind_facets": [] if "kind" in hide else _kind_facets(result),
        "material_facets": _material_facets(result),
        "suggestions": _suggestion_links(result) if (result.fuzzy or not total) else [],
        "fuzzy": result.fuzzy,
        **breadcrumbs(request, crumbs),
        **(extra or {}),
    }
    if getattr(request, "htmx", False):
        template = "web/_results.html"
    response = render(request, template, context)
    # The same address answers a page or (to htmx) its results: caches must keep both.
    patch_vary_headers(response, ("HX-Request",))
    return response


def _counted_choices(result: SearchResult) -> dict[str, Any]:
    """The stars, price ranges and in-stock choices with their facet counts."""
    counts = {
        name: {v.value: v.count for v in result.facets.get(name, [])}
        for name in ("stars", "price_ranges", "in_stock")
    }
    return {
        "star_choices": [(stars, counts["stars"].get(str(stars), 0)) for stars in STARS],
        "price_ranges": [
            {"range": r, "count": counts["price_ranges"].get(r.key, 0)} for r in PRICE_RANGES
        ],
        "in_stock_count": counts["in_stock"].get("true", 0),
    }


def _category_facets(result: SearchResult) -> list[dict[str, Any]]:
    """The product groups (top-level categories) among the matches, with their counts."""
    values = result.facets.get("categories", [])
    groups = {
        c.pk: c
        for c in Category.objects.filter(pk__in=[int(v.value) for v in values], parent__isnull=True)
    }
    return [
        {
            "value": v.value,
            "label": localized(groups[int(v.value)].name, groups[int(v.value)].name_en),
            "count": v.count,
        }
        for v in values
        if int(v.value) in groups
    ]


def _material_facets(result: SearchResult) -> list[dict[str, Any]]:
    """The crafts' materials among the matches (issue 14's attribute facet), labelled in
    the page's language by the search service."""
    return [
        {"value": v.value, "label": v.label, "count": v.count}
        for v in result.facets.get("materials", [])
    ]


def _kind_facets(result: SearchResult) -> list[dict[str, Any]]:
    return [
        {"value": v.value, "label": SELLER_KINDS.get(v.value, v.value), "count": v.count}
        for v in result.facets.get("seller_kinds", [])
    ]


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


def _previous_url(
    request: HttpRequest, path: str, query: ListingQuery, result: SearchResult, offset: int
) -> str | None:
    """The page before this one: none on the first page; the page without a cursor when the
    one before is the first (the backend counted at most a page before this one); else the
    page just before this page's first hit, by keyset (so a product added meanwhile is
    neither skipped nor repeated)."""
    if not result.more_before:
        return None
    count = result.before_count
    first = count is not None and count <= query.per_page
    if first or result.before is None:
        return _cursor_url(request, path, 0)
    return _cursor_url(
        request,
        path,
        max(offset - query.per_page, 0),
        before=result.before,
        sort=query.sort,
    )


def _cursor_url(
    request: HttpRequest,
    path: str,
    offset: int,
    *,
    after: tuple[Any, ...] | None = None,
    before: tuple[Any, ...] | None = None,
    sort: str = "",
) -> str:
    """The same listing after the hit with sort values `after` (or before the one with
    `before`), `offset` counting its first row: a signed cursor; none for the first page."""
    data = request.GET.copy()
    data.pop("cursor", None)
    if offset > 0 or after is not None or before is not None:
        data["cursor"] = encode_cursor(offset, after=after, before=before, sort=sort)
    query = data.urlencode()
    return f"{path}?{query}" if query else path


def not_found(request: HttpRequest, *, product_page: bool = False) -> HttpResponse:
    return render(request, "web/not_found.html", {"product_page": product_page}, status=404)


# Paths whose unknown addresses answer JSON, as their API does, not the storefront's page.
API_PREFIXES = ("/graphql/", "/webhooks/")


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """The site's `handler404`: the storefront's helpful page in the visitor's language, or
    a JSON error under the API's paths."""
    if request.path.startswith(API_PREFIXES):
        return JsonResponse({"errors": [{"message": "Not found."}]}, status=404)
    return not_found(request)


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
