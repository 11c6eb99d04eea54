"""The listing record (catalog.ListedProduct) equals the listing rule after every change
that can move a product in or out of the shop's lists, on the demo catalogue."""

from __future__ import annotations

import datetime
import io
from typing import Any

from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from catalog.certificates import do_expire_certificates, do_review
from catalog.listed import listed_now, refresh_listed
from catalog.listed_check import check_listed
from catalog.listing import listable_products
from catalog.models import (
    CertificateStatus,
    ListedProduct,
    OcopCertificate,
    Product,
    ProductChannelListing,
)
from catalog.product_editing import do_update_product
from catalog.quick_edit import do_quick_edit
from catalog.tasks import list_scheduled_publications
from ops.doctor import _check_listing_record
from sellers.workflow import do_transition
from tests import factories


def _listed_ids() -> set[int]:
    return set(listed_now(factories.channel()).values_list("product_id", flat=True))


def _rule_ids() -> set[int]:
    return set(listable_products(factories.channel()).values_list("pk", flat=True))


def test_it_holds_exactly_the_listable_demo_products(demo_catalog: Any) -> None:
    # given the demo catalogue as the loader leaves it
    # then the record lists what the rule lists, field by field
    assert check_listed() == []
    assert _listed_ids() == _rule_ids()
    assert len(_rule_ids()) == Product.objects.count() - 2  # the demo's two unlisted ones


def test_it_follows_lapses_revocations_suspensions_and_price_changes(demo_catalog: Any) -> None:
    channel = factories.channel()
    officer = factories.officer(province_code=None)
    products = list(listable_products(channel).order_by("pk").select_related("seller"))
    lapsing, revoked, repriced = products[0], products[1], products[2]
    suspended_seller = next(
        p.seller
        for p in products
        if p.seller_id not in {lapsing.seller_id, revoked.seller_id}
        and p.seller_id != repriced.seller_id
    )
    # when a certificate lapses and the daily job expires it
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    OcopCertificate.objects.filter(product=lapsing).update(valid_until=yesterday)
    do_expire_certificates()
    # and an officer revokes another product's certificate
    for certificate in revoked.certificates.filter(status=CertificateStatus.VERIFIED):
        do_review(certificate, "revoke", officer, "Không đạt kiểm tra định kỳ")
    # and a seller is suspended
    do_transition(suspended_seller, "suspend", officer, "Vi phạm quy định")
    # and a seller changes a price in place
    variant = repriced.variants.order_by("pk").first()
    assert variant is not None
    do_quick_edit(repriced.seller, variant.pk, 1_000, 5, channel)
    # then the record still equals the rule, and says what changed
    assert check_listed() == []
    listed = _listed_ids()
    assert listed == _rule_ids()
    assert {lapsing.pk, revoked.pk}.isdisjoint(listed)
    assert not any(
        ListedProduct.objects.filter(seller_id=suspended_seller.pk).values_list("pk", flat=True)
    )
    assert ListedProduct.objects.get(product=repriced).min_price == 1_000
    # and a reinstated seller's products come back
    do_transition(suspended_seller, "reinstate", officer, None)
    assert check_listed() == []
    assert ListedProduct.objects.filter(seller_id=suspended_seller.pk).exists()


def test_it_hides_a_lapsed_certificate_from_lists_before_the_daily_job(
    db: Any, monkeypatch: Any
) -> None:
    # given a listed product whose certificate is valid until today
    product = factories.product()
    OcopCertificate.objects.filter(product=product).update(valid_until=timezone.localdate())
    refresh_listed([product.pk])
    assert product.pk in _listed_ids()
    # when midnight passes and the daily job has not run yet
    tomorrow = timezone.now() + datetime.timedelta(days=1)
    monkeypatch.setattr("django.utils.timezone.now", lambda: tomorrow)
    # then lists read it as gone already
    assert product.pk not in _listed_ids()
    # and the daily refresh, on that day, removes its row
    refresh_listed(None)
    assert not ListedProduct.objects.filter(product=product).exists()


def test_it_lists_a_scheduled_publication_once_its_time_came(db: Any) -> None:
    # given a product published from a moment ago, which the record does not hold yet
    product = factories.product()
    ProductChannelListing.objects.filter(product=product).update(
        published_at=timezone.now() + datetime.timedelta(hours=1)
    )
    refresh_listed([product.pk])
    assert not ListedProduct.objects.filter(product=product).exists()
    ProductChannelListing.objects.filter(product=product).update(
        published_at=timezone.now() - datetime.timedelta(seconds=5)
    )
    # when the minute job runs
    list_scheduled_publications()
    # then the product is listed
    assert product.pk in _listed_ids()
    assert check_listed() == []


def test_it_reports_a_record_that_differs_from_the_rule_in_ocop_doctor(db: Any) -> None:
    # given a product revoked behind the domain's back (no do_*, no refresh)
    product = factories.product()
    lines: list[str] = []
    assert _check_listing_record(lines.append) is True
    OcopCertificate.objects.filter(product=product).update(status=CertificateStatus.REVOKED)
    # then the doctor names it and says how to fix it
    lines.clear()
    assert _check_listing_record(lines.append) is False
    assert lines == [
        f"✘ listing   differs   channel default-channel: not in the record [], "
        f"stale in the record [{product.pk}]",
        "    → `ocop manage refresh_listed` recomputes it (the daily job does too)",
    ]


def test_it_keeps_each_rows_copy_of_the_search_document_through_every_writer(db: Any) -> None:
    # given a listed product, its record row holding a copy of its search document
    product = factories.product(name="Mật ong bạc hà")
    row = ListedProduct.objects.get(product=product)
    assert row.search_vector == Product.objects.get(pk=product.pk).search_vector
    # when the seller edits the product's description (no listing column of its own)
    do_update_product(product, {"description": "Thu hoạch trên cao nguyên đá Đồng Văn"})
    # and its seller is renamed (the documents are rebuilt in one set-based statement)
    product.seller.stall_name = "Hợp tác xã Lũng Cú"
    product.seller.save()
    # then the copy is the product's document, with the new words, and the check agrees
    copy = ListedProduct.objects.values_list("search_vector", flat=True).get(product=product)
    assert copy == Product.objects.values_list("search_vector", flat=True).get(pk=product.pk)
    assert copy is not None
    assert "'dong':" in copy and "'lung':" in copy
    assert [found.documents for found in check_listed()] == []


def test_it_reports_and_repairs_a_copy_written_behind_the_triggers_back(db: Any) -> None:
    # given a listed product whose record row lost its document copy with triggers off
    product = factories.product()
    with connection.cursor() as cursor:
        cursor.execute("SET session_replication_role = replica")
        cursor.execute(
            "UPDATE catalog_listedproduct SET search_vector = NULL WHERE product_id = %s",
            [product.pk],
        )
        cursor.execute("SET session_replication_role = DEFAULT")
    # then the doctor names it and says how to fix it
    lines: list[str] = []
    assert _check_listing_record(lines.append) is False
    assert lines == [
        "✘ listing   differs   channel default-channel: not in the record [], "
        "stale in the record []",
        f"    search documents differ from the products' for [{product.pk}]",
        "    → `ocop manage refresh_listed` recomputes it (the daily job does too)",
    ]
    # and the command it names repairs it
    call_command("refresh_listed", stdout=io.StringIO())
    assert check_listed() == []
