"""Index freshness through the real Celery worker: changes committed in the database reach
Elasticsearch within seconds, and delisted products leave it."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from catalog.certificates import do_review
from catalog.models import CertificateStatus, OcopCertificate
from search.tasks import reindex_products
from sellers.models import SellerStatus
from sellers.workflow import do_transition
from tests import factories
from tests.helpers.search import (
    build_index,
    document_exists,
    search_api,
    search_index,
    wait_until,
)

__all__ = ["search_index"]

# Committed rows are needed for a worker process to see them; serialized_rollback puts
# back the migrations' rows (provinces, channel) the flush after each test removes.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def _found(api: Client, query: str) -> list[str]:
    return [e["node"]["slug"] for e in search_api(api, query)["results"]["edges"]]


def test_it_drops_a_product_within_seconds_when_its_certificate_expires(
    celery_worker: Any, search_index: str, api: Client
) -> None:
    # given two indexed honeys
    kept = factories.product(name="Mật ong hoa ban Điện Biên")
    lapsing = factories.product(name="Mật ong bạc hà Tuyên Quang")
    build_index()
    assert sorted(_found(api, "mat ong")) == sorted([kept.slug, lapsing.slug])
    # when one certificate is marked expired (a model save, as the officer screens do)
    certificate = OcopCertificate.objects.get(product=lapsing)
    certificate.status = CertificateStatus.EXPIRED
    certificate.save(update_fields=["status"])
    # then the worker deletes its document within 10 s, and search no longer shows it
    wait_until(lambda: not document_exists(lapsing), seconds=10)
    assert document_exists(kept) is True
    assert _found(api, "mat ong") == [kept.slug]


def test_it_drops_the_products_of_a_suspended_seller(
    celery_worker: Any, search_index: str, api: Client
) -> None:
    # given an indexed product
    product = factories.product(name="Tỏi cô đơn Lý Sơn")
    build_index()
    # when its seller is suspended
    seller = product.seller
    seller.status = SellerStatus.SUSPENDED
    seller.save(update_fields=["status"])
    # then its document goes within 10 s
    wait_until(lambda: not document_exists(product), seconds=10)
    assert _found(api, "toi ly son") == []


def test_it_follows_a_bulk_update_when_told_the_product_ids(
    celery_worker: Any, search_index: str, api: Client
) -> None:
    # given an indexed product, then its certificate lapsed with a queryset.update()
    # (no signal), as the nightly expiry job does
    product = factories.product(name="Nước mắm Phú Quốc")
    build_index()
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    OcopCertificate.objects.filter(product=product).update(valid_until=yesterday)
    assert document_exists(product) is True
    # when the job hands the ids to search
    reindex_products([product.pk])
    # then the document goes within 10 s
    wait_until(lambda: not document_exists(product), seconds=10)


def test_it_indexes_a_new_product_after_commit(
    celery_worker: Any, search_index: str, api: Client
) -> None:
    # given an empty index
    build_index()
    # when a product is created and listed
    product = factories.product(name="Trà Shan tuyết cổ thụ Tủa Chùa")
    # then it becomes searchable, accents or not, within 10 s
    wait_until(lambda: document_exists(product), seconds=10)
    assert _found(api, "tra shan tuyet") == [product.slug]


def test_it_drops_a_product_an_officer_revokes_through_the_review_workflow(
    celery_worker: Any, search_index: str, api: Client
) -> None:
    # given an indexed product; the review is a conditional UPDATE (no model signal)
    product = factories.product(name="Cà phê Robusta Buôn Ma Thuột")
    officer = factories.officer(province_code=None)
    build_index()
    # when an officer revokes its certificate
    do_review(product.certificates.get(), "revoke", officer, "Không đạt kiểm tra định kỳ")
    # then the review's history row is enough for the worker to drop it within 10 s
    wait_until(lambda: not document_exists(product), seconds=10)


def test_it_drops_products_when_the_seller_workflow_suspends_the_seller(
    celery_worker: Any, search_index: str, api: Client
) -> None:
    # given an indexed product of an approved seller
    product = factories.product(name="Gạo ST25 lúa tôm")
    officer = factories.officer(province_code=None)
    build_index()
    # when an officer suspends the seller through the workflow
    do_transition(product.seller, "suspend", officer, "Vi phạm quy định")
    # then its products' documents go within 10 s
    wait_until(lambda: not document_exists(product), seconds=10)
