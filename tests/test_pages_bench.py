"""The storefront page benchmark (bench/pages_bench.py): it runs end to end in its own
scratch database, its generated products are real listable products, its cart holds two
sellers' lines the checkout query reads, and it weighs what a page references."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import graphene
from django.conf import settings
from django.db import connection
from django.test import Client

from bench import pages_bench
from catalog.listing import listable_products
from catalog.models import Channel, Product
from tests.bench_runs import ROOT, run_bench


def test_it_runs_the_benchmark_on_the_demo_and_a_grown_catalogue(db: Any, tmp_path: Path) -> None:
    # given the benchmark asked for one round, and a large catalogue of 60 products
    args = ["--repeat", "1", "--warmup", "0", "--products", "60", "--results", str(tmp_path)]
    # when it runs
    out = run_bench("pages_bench", *args)
    # then it succeeds and prints both catalogues' tables with their bars
    assert re.search(r"== demo catalogue: \d+ products, 1 interleaved rounds", out)
    assert "== 60 products: 60 products, 1 interleaved rounds" in out
    for name in ("home", "search", "category", "product"):
        assert re.search(rf"^{name} +[\d.]+ +[\d.]+ +[\d.]+ +\d+ \|.*× +(PASS|MISS)$", out, re.M)
    assert re.search(
        r"^  /search/\?per_page=N +12 a page \(12 shown\): (\d+) SQL  "
        r"48 a page \(\d+ shown\): \1 SQL  PASS$",
        out,
        re.M,
    )
    assert re.search(r"^product .* budget ≤ 60\.0 (PASS|MISS)$", out, re.M)
    # and it writes the figures as JSON, and leaves no scratch database behind
    [written] = list(tmp_path.glob("pages-*.json"))
    report = json.loads(written.read_text(encoding="utf-8"))
    assert [r["catalogue"] for r in report["results"]] == ["demo catalogue", "60 products"]
    assert report["results"][1]["products"] == 60
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_database WHERE datname = %s",
            [f"{urlparse(os.environ['DATABASE_URL']).path.lstrip('/')}_pages_bench"],
        )
        assert cursor.fetchone() == (0,)


def test_it_generates_listable_products_with_images(demo_catalog: None) -> None:
    # given the demo catalogue
    channel = Channel.objects.get(slug=settings.DEFAULT_CHANNEL_SLUG)
    before = Product.objects.count()
    # when it is grown by 25 generated products
    added = pages_bench.grow_catalogue(before + 25)
    # then all 25 are listable, each with an image, a price and a certificate
    new = listable_products(channel).filter(slug__regex=r"-\d+$", seller__slug__startswith="bench-")
    assert added == 25
    assert Product.objects.count() == before + 25
    assert new.count() == 25
    assert new.filter(media__isnull=True).count() == 0


def test_it_prepares_a_cart_of_two_sellers_that_the_checkout_query_reads(
    demo_catalog: None,
) -> None:
    # given the benchmark's shopper
    client, checkout_id = pages_bench.cart_client()
    # when the checkout query of the cart and checkout pages is asked for
    body = pages_bench._post_query(Client(), pages_bench.CHECKOUT, {"id": checkout_id})
    # then it holds one line of each of two sellers, each seller with delivery methods
    groups = body["data"]["checkout"]["sellerDeliveries"]
    assert len(groups) == 2
    assert len({g["seller"]["slug"] for g in groups}) == 2
    assert [len(g["lines"]) for g in groups] == [1, 1]
    assert all(g["shippingMethods"] for g in groups)
    # and the shopper's session names that checkout, as the web cart reads it
    _kind, token = graphene.Node.resolve_global_id(None, body["data"]["checkout"]["id"])
    assert client.session["checkout_token"] == token


def test_it_weighs_the_html_with_the_css_and_js_it_references() -> None:
    # given a page referencing the site's stylesheet, htmx, an image and another site's script
    html = (
        b'<link rel="stylesheet" href="/static/web/site.css">'
        b'<link rel="icon" href="/static/web/star.svg">'
        b'<script src="/static/web/vendor/htmx.min.js" defer></script>'
        b'<script src="https://js.stripe.com/v3/"></script><img src="/media/a.webp">'
    )
    # when it is weighed
    weight: dict[str, Any] = pages_bench.page_weight(html)
    # then the stylesheet and script count, raw and compressed; images and other sites do not
    static = ROOT / "web" / "static" / "web"
    raw = (static / "site.css").stat().st_size + (static / "vendor" / "htmx.min.js").stat().st_size
    assert weight["assets"] == ["/static/web/site.css", "/static/web/vendor/htmx.min.js"]
    assert weight["assets_raw"] == raw
    assert 0 < weight["assets_gzip"] < raw
    assert weight["html_raw"] == len(html)
    assert weight["external"] == ["https://js.stripe.com/v3/"]
