"""Search without Elasticsearch: not configured, or unreachable. PostgreSQL answers with
the same folding rules and the same facets; nothing fails with a 500."""

from __future__ import annotations

import time
import unicodedata
from typing import Any

from django.test import Client

from catalog.models import Product
from core.text import fold
from outbox.models import OutboxMessage
from search import client as es
from search.params import SearchFilters
from tests import factories
from tests.conftest import gql
from tests.helpers.search import (
    api_facets,
    build_index,
    database_facets,
    find,
    search_api,
    search_index,
    slugs,
)

__all__ = ["search_index"]

CLOSED_PORT = "http://127.0.0.1:9"


def test_it_answers_from_postgres_and_reports_degraded_when_elasticsearch_is_unreachable(
    demo_catalog: None, search_index: str, api: Client, settings: Any
) -> None:
    # given an indexed catalog, then Elasticsearch gone
    build_index()
    settings.ELASTICSEARCH_URL = CLOSED_PORT
    # when the storefront searches and health is asked
    data = search_api(api, "MAT ONG DIEN BIEN")
    products = gql(
        api, '{ products(first: 3, search: "mat ong dien bien") { edges { node { slug } } } }'
    )
    health = api.get("/healthz")
    # then PostgreSQL answers with the right products, and health says degraded
    assert data["backend"] == "POSTGRES"
    assert data["results"]["edges"][0]["node"]["slug"] == "mat-ong-hoa-ban-dien-bien"
    assert products["data"]["products"]["edges"][0]["node"]["slug"] == "mat-ong-hoa-ban-dien-bien"
    assert health.status_code == 200
    assert health.json()["checks"]["search"]["status"] == "degraded"
    assert health.json()["checks"]["search"]["extra"] == {"backend": "postgres"}


def test_it_stops_trying_elasticsearch_for_a_while_after_a_failure(
    db: Any, search_index: str, settings: Any
) -> None:
    # given Elasticsearch unreachable
    factories.product(name="Mật ong hoa ban")
    settings.ELASTICSEARCH_URL = CLOSED_PORT
    settings.ELASTICSEARCH_RETRY_AFTER_SECONDS = 10
    # when searching twice
    first = find("mat ong")
    started = time.monotonic()
    second = find("mat ong")
    took = time.monotonic() - started
    # then the first failure is remembered: the second search goes straight to PostgreSQL
    assert (first.backend, second.backend) == ("postgres", "postgres")
    assert es.is_available() is False
    assert took < 1.0
    # and Elasticsearch is tried again once the memo runs out
    settings.ELASTICSEARCH_RETRY_AFTER_SECONDS = 0
    es.mark_down()
    assert es.is_available() is True


def test_it_folds_ranks_and_forgives_typos_in_postgres_too(
    demo_catalog: None, settings: Any
) -> None:
    # given no Elasticsearch configured (the embedded default)
    settings.ELASTICSEARCH_URL = ""
    # when searching accented, folded, upper-case, decomposed and mistyped
    spellings = [
        find("mat ong dien bien"),
        find("Mật ong Điện Biên"),
        find("MẬT ONG ĐIỆN BIÊN"),
        find(unicodedata.normalize("NFD", "Mật ong Điện Biên")),
    ]
    typo = find("nuoc mam phu quco")
    old_province = find("trà Hà Giang")
    # then every spelling finds the same products, the Điện Biên honey first
    assert {r.backend for r in spellings} == {"postgres"}
    assert {tuple(sorted(r.product_ids)) for r in spellings} == {
        tuple(sorted(spellings[0].product_ids))
    }
    assert [slugs(r)[0] for r in spellings] == ["mat-ong-hoa-ban-dien-bien"] * 4
    # and the typo is corrected against the catalogue's words
    assert typo.fuzzy is True
    assert set(slugs(typo)[:2]) == {
        "nuoc-mam-phu-quoc-khai-hoan-40n",
        "nuoc-mam-phu-quoc-khai-hoan-35n",
    }
    # and the pre-2025 province still finds Phìn Hồ's teas first
    assert set(slugs(old_province)[:2]) == {"tra-xanh-phin-ho", "hong-tra-phin-ho"}


def test_it_ranks_exact_accent_matches_first_in_postgres(db: Any, settings: Any) -> None:
    # given goat meat ("dê") and fried crickets ("dế"), no Elasticsearch
    settings.ELASTICSEARCH_URL = ""
    goat = factories.product(name="Thịt dê núi Ninh Bình")
    cricket = factories.product(name="Dế mèn chiên giòn Ninh Bình")
    # when searching each spelling
    # then the exact accent ranks first, the folded match follows
    assert find("dê").product_ids == [goat.pk, cricket.pk]
    assert find("DẾ").product_ids == [cricket.pk, goat.pk]


def test_it_counts_the_same_facets_in_postgres_as_the_database(
    demo_catalog: None, settings: Any, api: Client
) -> None:
    # given no Elasticsearch configured
    settings.ELASTICSEARCH_URL = ""
    # when browsing everything
    data = search_api(api, None, first=5)
    # then the facets are the database's
    assert data["backend"] == "POSTGRES"
    assert api_facets(data) == database_facets()


def test_it_gives_postgres_and_elasticsearch_the_same_answers(
    demo_catalog: None, search_index: str, settings: Any
) -> None:
    # given the demo catalog indexed
    build_index()
    queries = [
        ("", SearchFilters(province_codes=("11",), in_stock=True)),
        ("THỰC PHẨM điện biên", SearchFilters()),
        ("hà giang", SearchFilters()),
        ("nuoc mam", SearchFilters(seller_kinds=("DN",))),
        # words some products have only in their descriptions: both backends count the
        # description only when no product has every word in its own words
        ("tra", SearchFilters()),
        ("mat ong", SearchFilters(stars=(4,))),
        ("ca phe", SearchFilters(price_lte=199_999)),
    ]
    # when each backend answers the same searches, whose every match has the words in its
    # name, group or origin
    from_es = [find(q, filters=f) for q, f in queries]
    settings.ELASTICSEARCH_URL = ""
    from_pg = [find(q, filters=f) for q, f in queries]
    # then they find the same products with the same facet counts
    assert [r.backend for r in from_es] == ["elasticsearch"] * len(queries)
    assert [r.backend for r in from_pg] == ["postgres"] * len(queries)
    assert [sorted(r.product_ids) for r in from_es] == [sorted(r.product_ids) for r in from_pg]
    assert [r.total for r in from_es] == [r.total for r in from_pg]
    assert [r.facets for r in from_es] == [r.facets for r in from_pg]


def test_it_keeps_both_backends_to_name_group_and_origin_matches_when_there_are_some(
    demo_catalog: None, search_index: str, settings: Any
) -> None:
    # given the demo catalog indexed, where "trà", "mật ong" and "cà phê" also appear in
    # other products' descriptions or sellers' stories
    build_index()
    queries = [
        ("tra", SearchFilters()),
        ("mat ong", SearchFilters(stars=(4,))),
        ("ca phe", SearchFilters(price_lte=199_999)),
    ]
    # when each backend answers
    from_es = [find(q, filters=f) for q, f in queries]
    settings.ELASTICSEARCH_URL = ""
    from_pg = [find(q, filters=f) for q, f in queries]
    # then both answer exactly the products naming the words in their name, category or
    # province (or its pre-2025 name), counted and faceted as found
    for (query, _), es_hits, pg_hits in zip(queries, from_es, from_pg, strict=True):
        words = query.split()
        texts: dict[int, str] = {}
        for pk, *parts in Product.objects.filter(pk__in=es_hits.product_ids).values_list(
            "pk",
            "name",
            "category__name",
            "category__parent__name",
            "origin_province__name",
            "origin_province__legacy_provinces__name",  # pre-2025 names: one row each
        ):
            texts[pk] = texts.get(pk, "") + " " + " ".join(p for p in parts if p)
        named = {pk for pk, text in texts.items() if all(w in fold(text).split() for w in words)}
        assert set(pg_hits.product_ids) == named
        assert named == set(es_hits.product_ids)
        assert pg_hits.total == len(named)
        assert sum(v.count for v in pg_hits.facets["in_stock"]) == len(named)


def test_it_queues_nothing_when_elasticsearch_is_not_configured(db: Any, settings: Any) -> None:
    # given no Elasticsearch configured
    settings.ELASTICSEARCH_URL = ""
    # when a product is created and saved (signals fire)
    product = factories.product(name="Khăn thổ cẩm")
    product.save()
    # then no index task was queued
    assert OutboxMessage.objects.count() == 0


def test_it_sends_one_batch_per_transaction(
    db: Any, search_index: str, django_capture_on_commit_callbacks: Any
) -> None:
    # when a product, its listing, variants, stock and certificate are written in one
    # transaction
    with django_capture_on_commit_callbacks() as callbacks:
        product = factories.product(name="Hạt điều rang muối", variants=3)
    # then one outbox row of that transaction carries the product once, and one
    # after-commit callback hands it to the sender
    assert list(OutboxMessage.objects.values_list("task_name", "args")) == [
        ("search.tasks.index_products", [[product.pk], search_index])
    ]
    assert len(callbacks) == 1
