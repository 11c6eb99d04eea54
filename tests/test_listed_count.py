"""The kept count of listed products per channel (catalog/listed_count.py) equals the
record's COUNT(*) through every change that lists or delists a product, and the unfiltered
`totalCount` reads it in one statement whatever the catalogue's size."""

from __future__ import annotations

import datetime
import json
from typing import Any

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from catalog.certificates import do_expire_certificates, do_review
from catalog.listed import listed_now, refresh_listed
from catalog.listed_check import ListedMismatch, check_listed
from catalog.listed_count import do_fold_listed_counts, listed_count
from catalog.listing import listable_products
from catalog.models import (
    CertificateStatus,
    ListedCount,
    ListedCountDelta,
    OcopCertificate,
    Product,
)
from ops.doctor import _check_listing_record
from sellers.workflow import do_transition
from tests import factories

LIST = """{ products(first: 2, channel: "default-channel") { totalCount } }"""
FILTERED = """{ products(first: 2, channel: "default-channel", filter: {stars: {gte: 4}})
  { totalCount } }"""


def _rows() -> int:
    return listed_now(factories.channel()).count()


def _kept() -> int:
    return listed_count(factories.channel())


def _total(client: Client, query: str) -> int:
    response = client.post(
        "/graphql/", data=json.dumps({"query": query}), content_type="application/json"
    )
    count: int = response.json()["data"]["products"]["totalCount"]
    return count


def test_it_counts_the_demo_catalogue_exactly(demo_catalog: Any) -> None:
    # given the demo catalogue as the loader leaves it (its rows counted as pending deltas)
    # then the kept count is the record's COUNT(*), before and after the minute job folds
    assert _kept() == _rows() == 44
    assert do_fold_listed_counts() > 0
    assert not ListedCountDelta.objects.exists()
    assert _kept() == _rows() == 44
    assert ListedCount.objects.get(channel=factories.channel()).total == 44


def test_it_follows_inserts_removals_lapses_and_suspensions(
    demo_catalog: Any, monkeypatch: Any
) -> None:
    channel = factories.channel()
    officer = factories.officer(province_code=None)
    do_fold_listed_counts()
    products = list(listable_products(channel).order_by("pk").select_related("seller"))
    lapsing, revoked = products[0], products[1]
    suspended = next(
        p.seller for p in products if p.seller_id not in {lapsing.seller_id, revoked.seller_id}
    )
    suspended_listed = listed_now(channel).filter(seller_id=suspended.pk).count()
    assert suspended_listed > 0
    # when a new product is listed
    fresh = factories.product()
    assert _kept() == _rows() == 45
    # and a certificate valid until today lapses at midnight (before the daily job runs)
    OcopCertificate.objects.filter(product=lapsing).update(valid_until=timezone.localdate())
    refresh_listed([lapsing.pk])
    tomorrow = timezone.now() + datetime.timedelta(days=1)
    monkeypatch.setattr("django.utils.timezone.now", lambda: tomorrow)
    lapsed = _rows()
    assert lapsed < 45
    assert _kept() == lapsed
    # and the daily job runs
    do_expire_certificates()
    refresh_listed(None)
    assert _kept() == _rows() == lapsed
    # and an officer revokes another product's certificate
    for certificate in revoked.certificates.filter(status=CertificateStatus.VERIFIED):
        do_review(certificate, "revoke", officer, "Không đạt kiểm tra định kỳ")
    assert _kept() == _rows() == lapsed - 1
    # and a seller is suspended
    do_transition(suspended, "suspend", officer, "Vi phạm quy định")
    assert _kept() == _rows() == lapsed - 1 - suspended_listed
    # and a product is deleted (its record rows cascade)
    Product.objects.filter(pk=fresh.pk).delete()
    assert _kept() == _rows() == lapsed - 2 - suspended_listed
    # and the minute job folds, then the seller is reinstated
    do_fold_listed_counts()
    assert _kept() == _rows() == lapsed - 2 - suspended_listed
    do_transition(suspended, "reinstate", officer, None)
    # then the kept count still equals the record's COUNT(*), and the check agrees
    assert _kept() == _rows() == lapsed - 2
    assert check_listed() == []


def test_it_answers_the_unfiltered_total_count_from_the_kept_count(
    demo_catalog: Any, client: Client
) -> None:
    # given the demo catalogue, folded
    do_fold_listed_counts()
    # when a list asks for its totalCount without filters
    with CaptureQueriesContext(connection) as queries:
        total = _total(client, LIST)
    # then it is the exact count, read from the kept count (never a COUNT(*) of the record
    # beyond the rows lapsed since the daily refresh)
    assert total == 44
    counts = [q["sql"] for q in queries.captured_queries if "catalog_listedcount" in q["sql"]]
    assert len(counts) == 1
    # and a filtered list still counts exactly what passes
    assert _total(client, FILTERED) == listed_now(factories.channel()).filter(stars__gte=4).count()


def test_it_reads_the_count_in_one_statement(db: Any, django_assert_num_queries: Any) -> None:
    # given a few listed products and pending deltas
    for _ in range(3):
        factories.product()
    channel = factories.channel()
    # when the count is read
    with django_assert_num_queries(1):
        kept = listed_count(channel)
    # then it is exact
    assert kept == 3


def test_it_keeps_a_removed_then_relisted_product_counted_once(db: Any) -> None:
    # given a listed product
    product = factories.product()
    # when its row is recomputed many times, removed and listed again
    refresh_listed([product.pk])
    refresh_listed(None)
    OcopCertificate.objects.filter(product=product).update(status=CertificateStatus.REVOKED)
    refresh_listed([product.pk])
    assert _kept() == _rows() == 0
    OcopCertificate.objects.filter(product=product).update(status=CertificateStatus.VERIFIED)
    refresh_listed([product.pk])
    # then it is counted once
    assert _kept() == _rows() == 1


def test_it_reports_a_drifted_count_in_ocop_doctor(db: Any) -> None:
    # given a listed product, and its count changed behind the domain's back
    product = factories.product()
    do_fold_listed_counts()
    ListedCount.objects.filter(channel=factories.channel()).update(total=5)
    # then the check and the doctor say the kept count differs from the record
    assert check_listed() == [ListedMismatch(channel="default-channel", counted=(5, 1))]
    lines: list[str] = []
    assert _check_listing_record(lines.append) is False
    assert lines == [
        "✘ listing   differs   channel default-channel: not in the record [], "
        "stale in the record []",
        "    kept count 5 ≠ 1 rows in the record",
        "    → `ocop manage refresh_listed` recomputes it (the daily job does too)",
    ]
    assert product.pk in set(listed_now(factories.channel()).values_list("product_id", flat=True))
