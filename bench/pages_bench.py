"""Storefront page benchmark: each web page beside the GraphQL query that fetches the same
data, at the demo catalogue and at 10,000 products, measured in one run.

    .venv/bin/python -m bench.pages_bench [--repeat 30] [--products 10000]

In a scratch database (`<name>_pages_bench` beside DATABASE_URL's, created and dropped
here) with the demo catalogue loaded, then grown to `--products` products (generated as
the search benchmark generates its catalogue, `bench.search_bench.generate`, and written
as real rows: producers, warehouses, delivery methods, products, variants, prices, stock,
certificates, the demo's images), it requests through Django's test client, as `bench.graphql_bench`
does (the figures are the server's own cost, without network):

- the home `/`, the listings `/search/?q=mat+ong` and `/c/<category>/`, a product page
  `/p/<slug>/`, and the cart `web:cart` and checkout `web:checkout` when those pages exist
  (a session holding a checkout with lines of two sellers), each next to its GraphQL
  query, interleaved request by request (alternating which goes first), so both see the
  same machine: p50/p95 server time, requests/s, SQL queries, and the ratio page ÷ query
  (bar: ≤ 1.5×);
- SQL queries of the listings at 12 and at 48 products a page (bar: the same count);
- bytes sent per page: the HTML and the CSS and JS it references, raw and gzip-compressed
  (level 6, as Django's GZipMiddleware), images excluded (bar: the product page ≤ 60 KB
  compressed).

Search runs on PostgreSQL alone by default (as in graphql_bench), or with `--elasticsearch`
on Elasticsearch (the catalogue indexed by `search.reindex.rebuild` into indices of this
run, deleted at the end), for the page and the query alike. Prints PASS/MISS per bar and writes JSON
to bench/results/; exits non-zero only on an error (a failed request), never on a miss.
"""

from __future__ import annotations

import argparse
import datetime
import gzip
import json
import logging
import os
import random
import re
import statistics
import sys
import time
import uuid
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import django
import graphene
from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.db import connection, reset_queries
from django.db.models import Count
from django.test import Client
from django.test.utils import (
    CaptureQueriesContext,
)
from django.urls import NoReverseMatch, reverse

from bench.scratch import with_bench_database
from bench.stats import percentile

RESULTS = Path(__file__).resolve().parent / "results"
RATIO_BAR = 1.5
PRODUCT_PAGE_BUDGET = 60 * 1024  # bytes, gzip-compressed, images excluded
PAGE_SIZE = 24  # the web listing's default (web.listing_params.DEFAULT_PAGE_SIZE)
PAGE_SIZES = (12, 48)  # listing sizes compared for SQL growth
GZIP_LEVEL = 6  # django.utils.text.compress_string, behind GZipMiddleware
BATCH = 2000

# --- The GraphQL queries that fetch what each page shows ---------------------------------

# What a product card shows (web/templates/web/_card.html).
CARD = """name slug rating thumbnail(size: 256, format: WEBP) { url alt }
  ocopCertificate { stars }
  pricing { priceRange { start { gross { amount currency } } } }
  seller { stallName province { name } }"""
HOME = f"""query {{
  collections(first: 4, channel: "default-channel") {{ edges {{ node {{ name slug
    products(first: 4) {{ edges {{ node {{ {CARD} }} }} }} }} }} }}
  livestreams(first: 6) {{ edges {{ node {{ id title status startsAt }} }} }}
  searchProducts(channel: "default-channel", first: 1) {{ facets {{
    categories {{ value label count }} provinces {{ value label count }}
    stars {{ value label count }} }} }}
}}"""
LISTING = f"""query($query: String, $filter: ProductSearchFilterInput,
    $sortBy: ProductSearchOrder, $first: Int) {{
  searchProducts(query: $query, filter: $filter, sortBy: $sortBy, first: $first,
      channel: "default-channel") {{
    totalCount fuzzy
    results {{ edges {{ node {{ {CARD} }} }} }}
    facets {{ provinces {{ value label count }} }}
    suggestions {{ text kind slug }} }} }}"""
# The product page also shows the producer's other products and coming livestreams: the
# query asks for them too (reviews have no API yet, so the page alone reads those).
PRODUCT = f"""query($slug: String!, $seller: String!) {{
  product(slug: $slug, channel: "default-channel") {{
  name slug description rating seoDescription
  category {{ name slug parent {{ name slug }} }} originProvince {{ name }}
  media {{ url(size: 512, format: WEBP) alt }}
  pricing {{ priceRange {{ start {{ gross {{ amount currency }} }} }} }}
  variants {{ id name quantityAvailable pricing {{ price {{ gross {{ amount currency }} }} }} }}
  ocopCertificate {{ stars decisionNumber decisionDate issuerName issuerLevel validUntil
    status scanUrl }}
  seller {{ name slug kind kindDisplay story province {{ name }} logo {{ url }}
    products(first: 5, channel: "default-channel") {{ edges {{ node {{ {CARD} }} }} }} }}
  }}
  livestreams(first: 3, filter: {{seller: $seller, upcoming: true}}) {{
    edges {{ node {{ id title status startsAt }} }} }}
}}"""
CHECKOUT = """query($id: ID!) { checkout(id: $id) {
  id email quantity
  sellerDeliveries { seller { name slug }
    lines { id quantity variant { name product { name slug
        thumbnail(size: 256, format: WEBP) { url } } }
      unitPrice { gross { amount currency } } totalPrice { gross { amount currency } } }
    shippingMethods { id name price { amount currency } }
    shippingMethod { id }
    subtotalPrice { gross { amount currency } } shippingPrice { gross { amount currency } } }
  subtotalPrice { gross { amount currency } } totalPrice { gross { amount currency } }
} }"""


@dataclass
class Pair:
    """A page and the GraphQL query fetching the same data."""

    name: str
    path: str
    query: str
    variables: dict[str, Any]
    client: Client
    page_ms: list[float] = field(default_factory=list)
    query_ms: list[float] = field(default_factory=list)
    page_sql: int = 0
    query_sql: int = 0
    html: bytes = b""


# --- Measuring ----------------------------------------------------------------------------


def _timed(run: Callable[[], Any]) -> tuple[Any, float, int]:
    # The log keeps the last 9,000 queries: once full, CaptureQueriesContext counts 0.
    reset_queries()
    with CaptureQueriesContext(connection) as captured:
        started = time.perf_counter()
        result = run()
        elapsed = (time.perf_counter() - started) * 1000
    return result, elapsed, len(captured.captured_queries)


def _get(client: Client, path: str) -> Any:
    response = client.get(path)
    if response.status_code != 200:
        raise RuntimeError(f"GET {path} answered {response.status_code}")
    return response


def _post_query(client: Client, query: str, variables: dict[str, Any]) -> Any:
    response = client.post(
        "/graphql/", {"query": query, "variables": variables}, content_type="application/json"
    )
    body = response.json()
    if response.status_code != 200 or "errors" in body:
        raise RuntimeError(f"query failed: {body.get('errors', response.status_code)}")
    return body


def measure(pairs: list[Pair], repeat: int, warmup: int) -> None:
    """Each round requests every page and its query back to back, alternating which goes
    first, so both halves of a ratio are measured under the same load."""
    for round_ in range(warmup + repeat):
        for pair in pairs:

            def page(pair: Pair = pair) -> Any:
                return _get(pair.client, pair.path)

            def query(pair: Pair = pair) -> Any:
                return _post_query(pair.client, pair.query, pair.variables)

            order = (page, query) if round_ % 2 == 0 else (query, page)
            for run in order:
                result, ms, sql = _timed(run)
                if round_ < warmup:
                    continue
                if run is page:
                    pair.page_ms.append(ms)
                    pair.page_sql = max(pair.page_sql, sql)
                    pair.html = result.content
                else:
                    pair.query_ms.append(ms)
                    pair.query_sql = max(pair.query_sql, sql)


def _figures(timings: list[float]) -> dict[str, float]:
    return {
        "p50_ms": round(statistics.median(timings), 2),
        "p95_ms": round(percentile(timings, 0.95), 2),
        "rps": round(1000 / statistics.mean(timings), 1),
    }


def sql_and_cards(client: Client, path: str) -> tuple[int, int]:
    """SQL queries of one request of `path`, and how many product cards its page shows."""
    response, _ms, sql = _timed(lambda: _get(client, path))
    return sql, response.content.decode().count('<li class="card"')


ASSET = re.compile(
    r"<link\b[^>]*\brel=\"stylesheet\"[^>]*\bhref=\"([^\"]+)\"|<script\b[^>]*\bsrc=\"([^\"]+)\""
)


def _static_bytes(url: str) -> bytes | None:
    """A referenced file's bytes, when this site serves it (None for another site's)."""
    path = url.split("?", 1)[0].split("#", 1)[0]
    if not path.startswith(settings.STATIC_URL):
        return None
    name = path[len(settings.STATIC_URL) :]
    found = finders.find(name)
    if found:
        return Path(str(found)).read_bytes()
    with staticfiles_storage.open(name) as f:
        return bytes(f.read())


def page_weight(html: bytes) -> dict[str, Any]:
    """The HTML and the stylesheets and scripts it references, each sent on its own
    (so compressed on its own); images are left out (lazy-loaded, measured elsewhere)."""
    assets, external = {}, []
    for css, js in ASSET.findall(html.decode()):
        url = css or js
        data = _static_bytes(url)
        if data is None:
            external.append(url)
        else:
            assets[url] = data

    def gz(data: bytes) -> int:
        return len(gzip.compress(data, compresslevel=GZIP_LEVEL, mtime=0))

    return {
        "html_raw": len(html),
        "html_gzip": gz(html),
        "assets_raw": sum(len(d) for d in assets.values()),
        "assets_gzip": sum(gz(d) for d in assets.values()),
        "assets": sorted(assets),
        "external": external,
    }


# --- The catalogue at scale ---------------------------------------------------------------


def grow_catalogue(target: int, seed: int = 2027, tag: str = "") -> int:
    """Adds generated products until the catalogue holds `target`; returns how many.
    `tag` keeps the slugs of a second growth apart from the first's."""
    # Imports models: only once this script has run django.setup().
    from bench.search_bench import PRODUCTS, generate
    from catalog.listed import refresh_listed
    from catalog.models import (
        Category,
        CertificateStatus,
        Channel,
        OcopCertificate,
        Product,
        ProductChannelListing,
        ProductMedia,
        ProductType,
        ProductVariant,
        ProductVariantChannelListing,
        Stock,
        Thumbnail,
        Warehouse,
    )
    from catalog.models.certificates import VALIDITY_MONTHS, add_months
    from catalog.search_vector import refresh_product_vectors, refresh_vocabulary
    from checkout.models import ShippingMethod
    from core.text import slugify_vi
    from places.models import Province
    from sellers.models import Seller, SellerStatus

    need = target - Product.objects.count()
    if need <= 0:
        return 0
    rng = random.Random(seed)
    channel = Channel.objects.get(slug=settings.DEFAULT_CHANNEL_SLUG)
    kind = Product.objects.order_by("pk").first()
    product_type = kind.product_type if kind else ProductType.objects.create(name="Bench")
    provinces = {p.code: p for p in Province.objects.all()}
    today = datetime.date.today()

    categories: dict[str, Category] = {}
    for _, (top, sub), _ in PRODUCTS:
        for name, parent in ((top, None), (sub, top)):
            if name not in categories:
                found = Category.objects.filter(name=name).order_by("level", "pk").first()
                categories[name] = found or Category.objects.create(
                    name=name,
                    slug=f"{slugify_vi(name)}-bench",
                    parent=categories[parent] if parent else None,
                )
    images = list(
        ProductMedia.objects.exclude(image="").prefetch_related("thumbnails").order_by("pk")
    )

    sources = generate(need, seed=seed)
    sellers: dict[int, Seller] = {}
    for s in sources:
        if s.seller_id not in sellers:
            sellers[s.seller_id] = Seller(
                kind=s.seller_kind,
                legal_name=s.seller_name,
                stall_name=s.seller_name,
                slug=f"bench{tag}-{s.seller_id}-{slugify_vi(s.seller_name)}"[:120],
                province=provinces[s.province_code],
                story=s.story,
                status=SellerStatus.APPROVED,
            )
    Seller.objects.bulk_create(sellers.values(), batch_size=BATCH)
    warehouses = {
        w.seller_id: w
        for w in Warehouse.objects.bulk_create(
            [Warehouse(seller=s, name="Kho", province=s.province) for s in sellers.values()],
            batch_size=BATCH,
        )
    }
    ShippingMethod.objects.bulk_create(
        [
            ShippingMethod(seller=s, name="Tiêu chuẩn", price_amount=30_000, is_default=True)
            for s in sellers.values()
        ],
        batch_size=BATCH,
    )
    products = []
    for s in sources:
        product = Product(
            seller=sellers[s.seller_id],
            product_type=product_type,
            category=categories[s.category_names[-1]],
            origin_province=provinces[s.province_code],
            name=s.name,
            slug=f"{slugify_vi(s.name)}-{tag}{s.product_id}"[:255],
            description=s.description,
            rating=s.rating,
            rating_count=rng.randint(1, 40),
            popularity=s.popularity,
            created_at=s.created_at,
        )
        product.search_document = product.build_search_document()
        products.append(product)
    Product.objects.bulk_create(products, batch_size=BATCH)
    refresh_product_vectors([p.pk for p in products])  # bulk_create skips save()
    ProductChannelListing.objects.bulk_create(
        [ProductChannelListing(product=p, channel=channel, is_published=True) for p in products],
        batch_size=BATCH,
    )
    variants, prices, stocks, certificates, media = [], [], [], [], []
    for product, s in zip(products, sources, strict=True):
        amounts = sorted({s.price_min or 100_000, s.price_max or s.price_min or 100_000})
        for n, amount in enumerate(amounts):
            variant = ProductVariant(
                product=product, sku=f"BENCH{tag}-{s.product_id}-{n}", name="", sort_order=n
            )
            variants.append(variant)
            prices.append((variant, amount, s.in_stock))
        stars = s.stars or 3
        decided = today - datetime.timedelta(days=rng.randint(30, 900))
        certificates.append(
            OcopCertificate(
                product=product,
                decision_number=f"{s.product_id}/QĐ-UBND",
                decision_date=decided,
                valid_until=add_months(decided, VALIDITY_MONTHS),
                issuer_level="central" if stars == 5 else "province",
                issuer_name="Bộ Nông nghiệp và Môi trường" if stars == 5 else "UBND tỉnh",
                stars=stars,
                status=CertificateStatus.VERIFIED,
            )
        )
        if images:
            media.append(
                ProductMedia(product=product, image=images[s.product_id % len(images)].image.name)
            )
    ProductVariant.objects.bulk_create(variants, batch_size=BATCH)
    ProductVariantChannelListing.objects.bulk_create(
        [
            ProductVariantChannelListing(variant=v, channel=channel, price_amount=amount)
            for v, amount, _ in prices
        ],
        batch_size=BATCH,
    )
    for variant, _, in_stock in prices:
        stocks.append(
            Stock(
                warehouse=warehouses[variant.product.seller_id],
                variant=variant,
                quantity=rng.randint(5, 200) if in_stock else 0,
            )
        )
    Stock.objects.bulk_create(stocks, batch_size=BATCH)
    OcopCertificate.objects.bulk_create(certificates, batch_size=BATCH)
    ProductMedia.objects.bulk_create(media, batch_size=BATCH)
    # The copies link the demo's generated thumbnails, as the demo's own images do.
    originals = {m.image.name: list(m.thumbnails.all()) for m in images}
    Thumbnail.objects.bulk_create(
        [
            Thumbnail(media=m, size=t.size, format=t.format, image=t.image.name)
            for m in media
            for t in originals.get(m.image.name, [])
        ],
        batch_size=BATCH,
    )
    refresh_vocabulary()
    refresh_listed(None)  # the listing record of the grown catalogue (bulk_create: no do_*)
    return need


# --- The pages and their queries ----------------------------------------------------------


def _optional_page(name: str) -> str | None:
    try:
        return reverse(name)
    except NoReverseMatch:
        return None


def cart_client() -> tuple[Client, str]:
    """A visitor whose session holds a checkout with lines of two sellers, an email and an
    address in Điện Biên; returns the client and the checkout's GraphQL ID."""
    # Imports models: only once this script has run django.setup().
    from catalog.listing import listable_products
    from catalog.models import Channel, ProductVariant
    from checkout.actions import do_create_checkout
    from checkout.fetch import available_quantities
    from checkout.lines import LineChange

    channel = Channel.objects.get(slug=settings.DEFAULT_CHANNEL_SLUG)
    chosen: dict[int, int] = {}  # seller pk → variant pk
    candidates = ProductVariant.objects.filter(
        product__in=listable_products(channel),
        channel_listings__channel=channel,
        channel_listings__price_amount__gt=0,
    ).values_list("pk", "product__seller_id")
    free = available_quantities([pk for pk, _ in candidates])
    for pk, seller in candidates.order_by("product__seller_id", "pk"):
        if free.get(pk, 0) >= 2 and seller not in chosen:
            chosen[seller] = pk
        if len(chosen) == 2:
            break
    checkout = do_create_checkout(
        channel,
        None,
        lines=[LineChange(pk, 1) for pk in chosen.values()],
        email="bench@ocop.test",
        shipping_address={
            "first_name": "An",
            "last_name": "Lò",
            "street_address_1": "12 Trần Phú",
            "city": "Điện Biên Phủ",
            "country_area": "Điện Biên",
            "phone": "0912345678",
        },
    )
    client = Client()
    session = client.session
    session["checkout_token"] = str(checkout.pk)
    session.save()
    return client, graphene.Node.to_global_id("Checkout", checkout.pk)


@dataclass
class Setup:
    pairs: list[Pair]
    growth: list[str]  # listings measured at each of PAGE_SIZES (path + size)
    skipped: list[str]


def pages(product_slug: str, category_slug: str) -> Setup:
    # Imports models: only once this script has run django.setup().
    from catalog.models import Category, Product

    category = Category.objects.get(slug=category_slug)
    seller_slug = Product.objects.select_related("seller").get(slug=product_slug).seller.slug
    client = Client()
    pairs = [
        Pair("home", "/", HOME, {}, client),
        Pair(
            "search",
            "/search/?q=mat+ong",
            LISTING,
            {"query": "mat ong", "sortBy": {"field": "RELEVANCE"}, "first": PAGE_SIZE},
            client,
        ),
        Pair(
            "category",
            f"/c/{category_slug}/",
            LISTING,
            {
                "filter": {"categories": [_node_id("Category", category.pk)]},
                "sortBy": {"field": "NEWEST"},
                "first": PAGE_SIZE,
            },
            client,
        ),
        Pair(
            "product",
            f"/p/{product_slug}/",
            PRODUCT,
            {"slug": product_slug, "seller": seller_slug},
            client,
        ),
    ]
    skipped = []
    cart, checkout = _optional_page("web:cart"), _optional_page("web:checkout")
    if cart or checkout:
        session_client, checkout_id = cart_client()
        for name, path in (("cart", cart), ("checkout", checkout)):
            if path:
                pairs.append(Pair(name, path, CHECKOUT, {"id": checkout_id}, session_client))
    skipped = [n for n, p in (("cart", cart), ("checkout", checkout)) if p is None]
    growth = ["/search/?per_page=", f"/c/{category_slug}/?per_page="]
    return Setup(pairs, growth, skipped)


def _node_id(kind: str, pk: int) -> str:
    return str(graphene.Node.to_global_id(kind, pk))


def pick_product_and_category() -> tuple[str, str]:
    """The demo product with the most variants and images (its page has the most to show)
    and its top-level category (the widest category listing)."""
    # Imports models: only once this script has run django.setup().
    from catalog.listing import listable_products
    from catalog.models import Channel

    channel = Channel.objects.get(slug=settings.DEFAULT_CHANNEL_SLUG)
    product = (
        listable_products(channel)
        .select_related("category__parent")
        .annotate(v=Count("variants", distinct=True), m=Count("media", distinct=True))
        .order_by("-v", "-m", "pk")
        .first()
    )
    if product is None or product.category is None:
        raise RuntimeError("the demo catalogue has no listable product with a category")
    top = product.category
    while top.parent is not None:
        top = top.parent
    return product.slug, top.slug


# --- Running ------------------------------------------------------------------------------


def run_catalogue(label: str, repeat: int, warmup: int) -> dict[str, Any]:
    # Imports models: only once this script has run django.setup().
    from catalog.models import Product

    product_slug, category_slug = pick_product_and_category()
    setup = pages(product_slug, category_slug)
    measure(setup.pairs, repeat, warmup)
    rows = []
    for pair in setup.pairs:
        page, query = _figures(pair.page_ms), _figures(pair.query_ms)
        rows.append(
            {
                "page": pair.name,
                "path": pair.path,
                "page_figures": {**page, "sql_queries": pair.page_sql},
                "query_figures": {**query, "sql_queries": pair.query_sql},
                "ratio_p50": round(page["p50_ms"] / query["p50_ms"], 2),
                "weight": page_weight(pair.html),
            }
        )
    client = Client()
    growth = []
    for base in setup.growth:
        measured = [sql_and_cards(client, f"{base}{n}") for n in PAGE_SIZES]
        growth.append(
            {
                "path": f"{base}N",
                "per_page": list(PAGE_SIZES),
                "sql_queries": [sql for sql, _ in measured],
                "cards_shown": [cards for _, cards in measured],
            }
        )
    return {
        "catalogue": label,
        "products": Product.objects.count(),
        "rows": rows,
        "sql_growth": growth,
        "skipped": setup.skipped,
    }


def _kb(n: int) -> str:
    return f"{n / 1024:.1f}"


def _mark(ok: bool) -> str:
    return "PASS" if ok else "MISS"


def print_report(result: dict[str, Any], repeat: int) -> None:
    print(
        f"\n== {result['catalogue']}: {result['products']:,} products, "
        f"{repeat} interleaved rounds =="
    )
    print(f"{'':<9}{' web page ':-^28} | {' GraphQL query, same data ':-^28} |")
    print(
        f"{'page':<9}{'p50 ms':>8}{'p95 ms':>8}{'req/s':>7}{'SQL':>5} |"
        f"{'p50 ms':>8}{'p95 ms':>8}{'req/s':>7}{'SQL':>5} |"
        f"{'page/query':>11}  bar ≤ {RATIO_BAR}×"
    )
    for row in result["rows"]:
        p, q = row["page_figures"], row["query_figures"]
        print(
            f"{row['page']:<9}{p['p50_ms']:>8}{p['p95_ms']:>8}{p['rps']:>7}{p['sql_queries']:>5} |"
            f"{q['p50_ms']:>8}{q['p95_ms']:>8}{q['rps']:>7}{q['sql_queries']:>5} |"
            f"{row['ratio_p50']:>10}×  {_mark(row['ratio_p50'] <= RATIO_BAR)}"
        )
    for name in result["skipped"]:
        print(f"{name:<9}skipped: no web:{name} url in this code (re-run once it exists)")
    print("SQL queries of a listing page by its size (bar: the same count)")
    for g in result["sql_growth"]:
        sizes = "  ".join(
            f"{n} a page ({cards} shown): {sql} SQL"
            for n, cards, sql in zip(g["per_page"], g["cards_shown"], g["sql_queries"], strict=True)
        )
        print(f"  {g['path']:<32}{sizes}  {_mark(len(set(g['sql_queries'])) == 1)}")
    print("Bytes per page, KB: HTML + the CSS and JS it references (images excluded), gzip -6")
    print(f"{'page':<9}{'HTML':>7}{'gz':>7}{'CSS+JS':>8}{'gz':>7}{'total gz':>10}")
    for row in result["rows"]:
        w = row["weight"]
        total = w["html_gzip"] + w["assets_gzip"]
        line = (
            f"{row['page']:<9}{_kb(w['html_raw']):>7}{_kb(w['html_gzip']):>7}"
            f"{_kb(w['assets_raw']):>8}{_kb(w['assets_gzip']):>7}{_kb(total):>10}"
        )
        if row["page"] == "product":
            line += f"  budget ≤ {_kb(PRODUCT_PAGE_BUDGET)} {_mark(total <= PRODUCT_PAGE_BUDGET)}"
        if w["external"]:
            line += f"  + from other sites: {', '.join(w['external'])}"
        print(line)


def _setup_django(elasticsearch: bool) -> str:
    """Returns the search backend the run uses."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "marketplace.settings")
    warnings.filterwarnings("ignore", message="No directory at")  # no collected static files
    django.setup()
    # The project's Celery app, configured from settings: only once django.setup() has run.
    from marketplace.celery import app

    # Tasks the demo or a checkout queues go to an in-memory broker: a shared worker must
    # not run them against a database this benchmark drops at the end (as checkout_bench).
    # (Celery reads CELERY_BROKER_URL from the environment before its own settings.)
    os.environ["CELERY_BROKER_URL"] = "memory://"
    app.conf.broker_url = "memory://"
    app.conf.result_backend = "cache+memory://"
    if not elasticsearch:
        settings.ELASTICSEARCH_URL = ""  # PostgreSQL search for page and query alike
        return "PostgreSQL"
    if not settings.ELASTICSEARCH_URL:
        raise SystemExit("--elasticsearch needs ELASTICSEARCH_URL")
    # One INFO line per request would drown the table.
    logging.getLogger("elastic_transport").setLevel(logging.WARNING)
    # Indices of this run only, deleted at the end.
    settings.ELASTICSEARCH_INDEX_PREFIX = f"pagesbench{uuid.uuid4().hex[:8]}"
    return "Elasticsearch"


def _reindex(backend: str) -> None:
    """Index the whole catalogue (the real `ocop reindex` path) when searching on ES."""
    # Imports models: only once this script has run django.setup().
    from search.reindex import rebuild

    if backend == "Elasticsearch":
        rebuild(progress=lambda message: None)


def _drop_indices(backend: str) -> None:
    # Imports models: only once this script has run django.setup().
    from search.indices import delete_all

    if backend == "Elasticsearch":
        delete_all(settings.ELASTICSEARCH_INDEX_PREFIX)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=30, help="measured rounds per catalogue")
    parser.add_argument("--warmup", type=int, default=3, help="unmeasured rounds first")
    parser.add_argument(
        "--products", type=int, default=10_000, help="the large catalogue (0: demo only)"
    )
    parser.add_argument(
        "--elasticsearch",
        action="store_true",
        help="search on Elasticsearch (ELASTICSEARCH_URL; indices made and dropped here) "
        "instead of PostgreSQL",
    )
    parser.add_argument("--results", type=Path, default=RESULTS, help="where the JSON goes")
    args = parser.parse_args(argv)
    backend = _setup_django(args.elasticsearch)

    def run() -> list[dict[str, Any]]:
        # Imports models: only once this script has run django.setup().
        from demo.loader import load_demo

        load_demo(progress=lambda message: None)
        _reindex(backend)
        results = [run_catalogue("demo catalogue", args.repeat, args.warmup)]
        print_report(results[-1], args.repeat)
        if args.products:
            started = time.perf_counter()
            added = grow_catalogue(args.products)
            print(
                f"\n[bench] generated {added:,} products in {time.perf_counter() - started:.0f} s",
                flush=True,
            )
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
            _reindex(backend)
            results.append(run_catalogue(f"{args.products:,} products", args.repeat, args.warmup))
            print_report(results[-1], args.repeat)
        return results

    print(
        f"[bench] search on {backend}; creating a scratch database and loading the demo "
        "catalog ...",
        flush=True,
    )
    try:
        results = with_bench_database("pages_bench", run)
    finally:
        _drop_indices(backend)
    report = {
        "benchmark": "storefront_pages",
        "search_backend": backend,
        "at": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "host": {"python": sys.version.split()[0], "cpus": os.cpu_count()},
        "repeat": args.repeat,
        "results": results,
    }
    args.results.mkdir(parents=True, exist_ok=True)
    stamp = datetime.datetime.now(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
    target = args.results / f"pages-{stamp}.json"
    target.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"\n[bench] wrote {target}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
