"""Certificates through GraphQL: sellers submit, officers of the province review."""

from __future__ import annotations

import datetime
from typing import Any

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from graphql_relay import to_global_id

from catalog.listed import refresh_listed
from catalog.models import CertificateEvent, CertificateStatus, OcopCertificate
from tests import factories
from tests.conftest import gql, token_for

CREATE = """
mutation Create($input: OcopCertificateCreateInput!) {
  ocopCertificateCreate(input: $input) {
    certificate {
      id status stars score issuerLevel decisionDate validUntil productGroupCode
      productSubgroup scanUrl province { code }
      events { kind toStatus actorEmail }
    }
    errors { field message code }
  }
}
"""

PRODUCTS = '{ products(first: 20, channel: "default-channel") { edges { node { slug } } } }'


def _input(product: Any, **change: Any) -> dict[str, Any]:
    decided = timezone.localdate() - datetime.timedelta(days=200)
    data = {
        "product": to_global_id("Product", product.pk),
        "decisionNumber": "2210/QĐ-UBND",
        "decisionDate": decided.isoformat(),
        "issuerLevel": "PROVINCE",
        "issuerName": "UBND tỉnh Điện Biên",
        "stars": 4,
        "score": 78,
        "productGroup": "thuc-pham",
        "productSubgroup": "thuc-pham-tho-so-che",
    }
    return {"input": {**data, **change}}


def _listed(api: Client) -> list[str]:
    return [e["node"]["slug"] for e in gql(api, PRODUCTS)["data"]["products"]["edges"]]


def test_it_submits_a_certificate_with_its_scan(db: Any, api: Client, settings: Any) -> None:
    # given an uncertified product of my approved seller
    prefix = factories.isolate_media(settings)
    owner = factories.user()
    product = factories.product(owner=factories.seller(owner=owner))
    OcopCertificate.objects.filter(product=product).delete()
    refresh_listed([product.pk])  # the record follows what was changed behind the domain
    # when I submit its certificate with a scan
    body = factories.gql_upload(
        api,
        CREATE,
        _input(product),
        {"input.scan": ("chung-nhan.pdf", factories.PDF_BYTES, "application/pdf")},
        token_for(owner),
    )
    # then it waits for an officer, with a computed validity and the scan stored
    payload = body["data"]["ocopCertificateCreate"]
    assert payload["errors"] == []
    certificate = payload["certificate"]
    decided = timezone.localdate() - datetime.timedelta(days=200)
    assert certificate["status"] == "PENDING"
    assert certificate["decisionDate"] == decided.isoformat()
    assert certificate["validUntil"] == OcopCertificate.objects.get().valid_until.isoformat()
    assert certificate["productGroupCode"] == "thuc-pham"
    assert certificate["productSubgroup"] == "Thực phẩm thô và sơ chế"
    assert certificate["province"] == {"code": "11"}
    assert certificate["events"] == [
        {"kind": "SUBMITTED", "toStatus": "PENDING", "actorEmail": owner.email}
    ]
    stored = OcopCertificate.objects.get()
    assert factories.bucket_keys(prefix) == {f"{prefix}{stored.scan.name}"}
    # and the product is not listed yet
    assert _listed(api) == []


def test_it_refuses_a_second_certificate_for_the_same_decision(
    db: Any, api: Client, settings: Any
) -> None:
    factories.isolate_media(settings)
    owner = factories.user()
    product = factories.product(owner=factories.seller(owner=owner))
    existing = product.certificates.get().decision_number
    body = factories.gql_upload(
        api,
        CREATE,
        _input(product, decisionNumber=existing),
        {"input.scan": ("scan.pdf", factories.PDF_BYTES, "application/pdf")},
        token_for(owner),
    )
    errors = body["data"]["ocopCertificateCreate"]["errors"]
    assert [(e["field"], e["code"]) for e in errors] == [("decisionNumber", "UNIQUE")]
    assert OcopCertificate.objects.count() == 1


def test_it_names_the_certificate_fields_too_long_to_store_as_the_api_does(
    db: Any, api: Client, settings: Any
) -> None:
    # given my uncertified product
    factories.isolate_media(settings)
    owner = factories.user()
    product = factories.product(owner=factories.seller(owner=owner))
    OcopCertificate.objects.filter(product=product).delete()
    # when I submit a certificate whose texts are longer than their columns
    long = "9" * 1_000
    body = factories.gql_upload(
        api,
        CREATE,
        _input(product, decisionNumber=long, certificateNumber=long, issuerName=long),
        {"input.scan": ("scan.pdf", factories.PDF_BYTES, "application/pdf")},
        token_for(owner),
    )
    # then each error names the input field (the domain names it in snake_case)
    errors = body["data"]["ocopCertificateCreate"]["errors"]
    assert [(e["field"], e["code"]) for e in errors] == [
        ("decisionNumber", "INVALID"),
        ("certificateNumber", "INVALID"),
        ("issuerName", "INVALID"),
    ]
    assert OcopCertificate.objects.count() == 0


def _review(api: Client, name: str, certificate: Any, token: str, reason: str | None = None) -> Any:
    query = f"""
    mutation Review($id: ID!, $reason: String) {{
      {name}(id: $id, reason: $reason) {{
        certificate {{ status reviewNote events {{ kind fromStatus toStatus actorEmail note }} }}
        errors {{ field code message }}
      }}
    }}
    """
    variables = {"id": to_global_id("OcopCertificate", certificate.pk), "reason": reason}
    return gql(api, query, variables, token)["data"][name]


def test_it_lists_a_product_once_an_officer_verifies_its_certificate(db: Any, api: Client) -> None:
    # given a published product with a pending certificate
    product = factories.product(cert_status=CertificateStatus.PENDING)
    officer = factories.officer("11")
    assert _listed(api) == []
    # when the officer of its province verifies it
    payload = _review(api, "ocopCertificateVerify", product.certificates.get(), token_for(officer))
    # then it is verified, the event says who, and the product is listed
    assert payload["errors"] == []
    assert payload["certificate"]["status"] == "VERIFIED"
    assert payload["certificate"]["events"] == [
        {
            "kind": "VERIFIED",
            "fromStatus": "PENDING",
            "toStatus": "VERIFIED",
            "actorEmail": officer.email,
            "note": "",
        }
    ]
    assert _listed(api) == [product.slug]


def test_it_removes_a_product_at_once_when_its_certificate_is_revoked(db: Any, api: Client) -> None:
    # given a listed product
    product = factories.product()
    officer = factories.officer("11")
    assert _listed(api) == [product.slug]
    # when the officer revokes its certificate
    payload = _review(
        api,
        "ocopCertificateRevoke",
        product.certificates.get(),
        token_for(officer),
        "Không đạt kiểm tra định kỳ",
    )
    # then the next storefront query no longer lists it
    assert payload["errors"] == []
    assert payload["certificate"]["status"] == "REVOKED"
    assert payload["certificate"]["reviewNote"] == "Không đạt kiểm tra định kỳ"
    assert _listed(api) == []


def test_it_requires_a_reason_to_reject_or_revoke(db: Any, api: Client) -> None:
    pending = factories.product(cert_status=CertificateStatus.PENDING).certificates.get()
    verified = factories.product().certificates.get()
    token = token_for(factories.officer("11"))
    reject = _review(api, "ocopCertificateReject", pending, token)
    revoke = _review(api, "ocopCertificateRevoke", verified, token, " ")
    assert [(e["field"], e["code"]) for e in reject["errors"]] == [("reason", "REQUIRED")]
    assert [(e["field"], e["code"]) for e in revoke["errors"]] == [("reason", "REQUIRED")]
    assert sorted(OcopCertificate.objects.values_list("status", flat=True)) == [
        "pending",
        "verified",
    ]
    assert CertificateEvent.objects.count() == 0


def test_it_refuses_to_verify_a_certificate_that_has_expired(db: Any, api: Client) -> None:
    # given a pending certificate whose 36 months are over
    product = factories.product(cert_status=CertificateStatus.PENDING, decision_age_days=1200)
    # when the officer verifies it
    payload = _review(
        api, "ocopCertificateVerify", product.certificates.get(), token_for(factories.officer("11"))
    )
    # then it is refused as expired and stays pending
    assert [e["code"] for e in payload["errors"]] == ["EXPIRED"]
    assert product.certificates.get().status == CertificateStatus.PENDING


def test_it_refuses_a_review_from_an_officer_of_another_province(db: Any, api: Client) -> None:
    # given a pending certificate of a Điện Biên seller and a Hà Nội officer
    certificate = factories.product(cert_status=CertificateStatus.PENDING).certificates.get()
    # when the Hà Nội officer verifies it
    payload = _review(api, "ocopCertificateVerify", certificate, token_for(factories.officer("01")))
    # then it is denied and still pending
    assert [(e["field"], e["code"]) for e in payload["errors"]] == [("id", "PERMISSION_DENIED")]
    certificate.refresh_from_db()
    assert certificate.status == CertificateStatus.PENDING
    assert CertificateEvent.objects.count() == 0


def test_it_refuses_to_verify_twice(db: Any, api: Client) -> None:
    certificate = factories.product().certificates.get()
    payload = _review(api, "ocopCertificateVerify", certificate, token_for(factories.officer("11")))
    assert [e["code"] for e in payload["errors"]] == ["INVALID_STATUS"]


CERTIFICATES = """
query Certificates($first: Int!, $filter: OcopCertificateFilterInput) {
  ocopCertificates(first: $first, filter: $filter) {
    totalCount
    edges { node {
      decisionNumber status stars validUntil province { code name }
      product { name slug thumbnail(size: 64) { url } seller { name } }
      events { kind actorEmail }
    } }
  }
}
"""


def test_it_lists_certificates_of_the_officers_province(db: Any, api: Client) -> None:
    # given pending certificates in Điện Biên and Hà Nội
    here = factories.product(cert_status=CertificateStatus.PENDING)
    factories.product(
        owner=factories.seller(province_code="01"), cert_status=CertificateStatus.PENDING
    )
    # when the Điện Biên officer lists pending certificates
    body = gql(
        api,
        CERTIFICATES,
        {"first": 10, "filter": {"status": ["PENDING"]}},
        token_for(factories.officer("11")),
    )
    # then only the Điện Biên one is there
    page = body["data"]["ocopCertificates"]
    assert page["totalCount"] == 1
    assert [e["node"]["product"]["slug"] for e in page["edges"]] == [here.slug]


def test_it_lists_certificates_expiring_soon(db: Any, api: Client) -> None:
    # given certificates expiring in 20 and 200 days, and one expired 5 days ago
    soon = factories.product(decision_age_days=_age_for(20))
    factories.product(decision_age_days=_age_for(200))
    factories.product(decision_age_days=_age_for(-5))
    # when a national officer asks for those expiring within 30 days
    body = gql(
        api,
        CERTIFICATES,
        {"first": 10, "filter": {"expiringWithinDays": 30}},
        token_for(factories.officer(None)),
    )
    # then only the first one is listed
    assert [e["node"]["product"]["slug"] for e in body["data"]["ocopCertificates"]["edges"]] == [
        soon.slug
    ]


def _age_for(days_left: int) -> int:
    """The decision age (days) that leaves `days_left` days of validity today."""
    from catalog.models.certificates import add_months

    today = timezone.localdate()
    for age in range(0, 1200):
        decided = today - datetime.timedelta(days=age)
        if (add_months(decided, 36) - today).days == days_left:
            return age
    raise AssertionError(days_left)


def _count(api: Client, token: str, first: int) -> int:
    with CaptureQueriesContext(connection) as captured:
        body = gql(api, CERTIFICATES, {"first": first}, token)
    assert "errors" not in body, body
    assert len(body["data"]["ocopCertificates"]["edges"]) == first
    return len(captured.captured_queries)


def test_it_lists_certificates_in_a_constant_number_of_queries(
    db: Any, api: Client, settings: Any
) -> None:
    # given 30 certified products with images and review events
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }
    settings.MEDIA_ROOT = settings.MEDIA_ROOT / "h4-cert-queries"
    officer = factories.officer("11")
    png = factories.image_bytes()
    for _ in range(30):
        certificate = factories.product(image=png).certificates.get()
        CertificateEvent.objects.create(
            certificate=certificate, kind="verified", to_status="verified", actor=officer
        )
    token = token_for(officer)
    # when the officer reads 1 and then 30
    one, thirty = _count(api, token, 1), _count(api, token, 30)
    # then the number of queries does not grow with the page
    assert one == thirty


RICH_PRODUCTS = """
query Products($first: Int!) {
  products(first: $first, channel: "default-channel") {
    edges { node {
      slug ocopCertificate { status province { code } events { kind actorEmail } }
    } }
  }
}
"""


def test_it_keeps_certificate_extensions_of_a_product_page_batched(db: Any, api: Client) -> None:
    # given 20 listed products of one seller, viewed by that seller's owner
    owner = factories.user()
    seller = factories.seller(owner=owner)
    for _ in range(20):
        certificate = factories.product(owner=seller).certificates.get()
        CertificateEvent.objects.create(
            certificate=certificate, kind="verified", to_status="verified"
        )
    token = token_for(owner)

    def count(first: int) -> int:
        with CaptureQueriesContext(connection) as captured:
            body = gql(api, RICH_PRODUCTS, {"first": first}, token)
        assert "errors" not in body, body
        edges = body["data"]["products"]["edges"]
        assert edges[0]["node"]["ocopCertificate"]["events"] == [
            {"kind": "VERIFIED", "actorEmail": None}
        ]
        return len(captured.captured_queries)

    # when the page holds 1 and then 20 products, then the query count is the same
    assert count(1) == count(20)
