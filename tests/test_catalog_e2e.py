"""End to end through GraphQL only: from a new account to a listed OCOP product; and the
demo catalog shows only 3★+ products with verified, unexpired certificates."""

from __future__ import annotations

import datetime
import json
from typing import Any

from django.test import Client
from django.utils import timezone
from graphql_relay import to_global_id

from catalog.models import CertificateStatus, OcopCertificate, Product, ProductType
from catalog.tasks import expire_certificates
from places.models import Ward
from tests import factories
from tests.conftest import gql, token_for

PRODUCTS = """
query Products($after: String) {
  products(first: 100, after: $after, channel: "default-channel") {
    pageInfo { hasNextPage endCursor }
    edges { node {
      slug
      ocopCertificate { stars status validUntil issuedAt }
    } }
  }
}
"""


def _all_listed(api: Client) -> dict[str, dict[str, Any]]:
    listed: dict[str, dict[str, Any]] = {}
    after = None
    while True:
        page = gql(api, PRODUCTS, {"after": after})["data"]["products"]
        listed |= {e["node"]["slug"]: e["node"]["ocopCertificate"] for e in page["edges"]}
        if not page["pageInfo"]["hasNextPage"]:
            return listed
        after = page["pageInfo"]["endCursor"]


def _op(api: Client, query: str, variables: dict[str, Any], token: str | None, name: str) -> Any:
    body = gql(api, query, variables, token)
    assert "errors" not in body, body
    payload = body["data"][name]
    assert payload["errors"] == [], payload["errors"]
    return payload


def test_it_takes_a_new_producer_from_registration_to_a_listed_product(
    db: Any, api: Client, settings: Any
) -> None:
    factories.isolate_media(settings)
    officer = factories.officer("11")
    outsider = factories.officer("01")

    # A producer registers an account and signs in.
    _op(
        api,
        """mutation R($input: AccountRegisterInput!) {
             accountRegister(input: $input) { errors { field code } } }""",
        {"input": {"email": "htx.hoaban@ocop.test", "password": "mat-khau-an-toan-2025"}},
        None,
        "accountRegister",
    )
    token = _op(
        api,
        """mutation T { tokenCreate(email: "htx.hoaban@ocop.test",
             password: "mat-khau-an-toan-2025") { token errors { field code } } }""",
        {},
        None,
        "tokenCreate",
    )["token"]

    # They register their cooperative as a seller and upload the business licence.
    ward = Ward.objects.filter(province__code="11").order_by("code").first()
    seller = _op(
        api,
        """mutation C($input: SellerInput!) { sellerCreate(input: $input) {
             seller { id status warehouses { id } } errors { field code } } }""",
        {
            "input": {
                "kind": "HTX",
                "legalName": "Hợp tác xã Mật ong Hoa Ban Mường Phăng",
                "taxCode": "5600987654",
                "province": "Điện Biên",
                "ward": ward.name,
                "phone": "0215 3825 123",
                "bankName": "Agribank Điện Biên",
                "bankAccountNumber": "8800205123456",
                "bankAccountHolder": "HTX Mật ong Hoa Ban Mường Phăng",
                "story": "Mật ong thu từ rừng hoa ban Tây Bắc.",
            }
        },
        token,
        "sellerCreate",
    )["seller"]
    assert seller["status"] == "DRAFT"
    upload = factories.gql_upload(
        api,
        """mutation D($input: SellerDocumentUploadInput!) { sellerDocumentUpload(input: $input) {
             document { id } errors { field code } } }""",
        {"input": {"seller": seller["id"], "kind": "BUSINESS_LICENCE"}},
        {"input.file": ("giay-phep.pdf", factories.PDF_BYTES, "application/pdf")},
        token,
    )
    assert upload["data"]["sellerDocumentUpload"]["errors"] == []

    # They submit; an officer of another province cannot approve, theirs can.
    move = """mutation M($id: ID!) { %s(id: $id) { seller { status } errors { field code } } }"""
    submitted = _op(api, move % "sellerSubmit", {"id": seller["id"]}, token, "sellerSubmit")
    assert submitted["seller"]["status"] == "SUBMITTED"
    denied = gql(api, move % "sellerApprove", {"id": seller["id"]}, token_for(outsider))
    assert denied["data"]["sellerApprove"] == {
        "seller": None,
        "errors": [{"field": "id", "code": "PERMISSION_DENIED"}],
    }
    approved = _op(
        api, move % "sellerApprove", {"id": seller["id"]}, token_for(officer), "sellerApprove"
    )
    assert approved["seller"]["status"] == "APPROVED"

    # They create a product with a variant, stock, a price, an image and publish it.
    product_type = ProductType.objects.create(name="Sản phẩm OCOP", slug="ocop-goods")
    product = _op(
        api,
        """mutation P($input: ProductCreateInput!) { productCreate(input: $input) {
             product { id slug } errors { field code } } }""",
        {
            "input": {
                "productType": to_global_id("ProductType", product_type.pk),
                "name": "Mật ong hoa ban Mường Phăng",
                "description": json.dumps(
                    {"blocks": [{"type": "paragraph", "data": {"text": "Mật ong nguyên chất."}}]}
                ),
            }
        },
        token,
        "productCreate",
    )["product"]
    variant = _op(
        api,
        """mutation V($input: ProductVariantCreateInput!) { productVariantCreate(input: $input) {
             productVariant { id } errors { field code } } }""",
        {
            "input": {
                "product": product["id"],
                "attributes": [],
                "sku": "MPH-500",
                "name": "Hũ 500 g",
                "stocks": [{"warehouse": seller["warehouses"][0]["id"], "quantity": 40}],
            }
        },
        token,
        "productVariantCreate",
    )["productVariant"]
    channel_id = to_global_id("Channel", factories.channel().pk)
    _op(
        api,
        """mutation L($id: ID!, $input: ProductChannelListingUpdateInput!) {
             productChannelListingUpdate(id: $id, input: $input) { errors { field code } } }""",
        {
            "id": product["id"],
            "input": {"updateChannels": [{"channelId": channel_id, "isPublished": True}]},
        },
        token,
        "productChannelListingUpdate",
    )
    _op(
        api,
        """mutation Pr($id: ID!, $input: [ProductVariantChannelListingAddInput!]!) {
             productVariantChannelListingUpdate(id: $id, input: $input) {
               errors { field code } } }""",
        {"id": variant["id"], "input": [{"channelId": channel_id, "price": 250000}]},
        token,
        "productVariantChannelListingUpdate",
    )
    media = factories.gql_upload(
        api,
        """mutation Me($input: ProductMediaCreateInput!) { productMediaCreate(input: $input) {
             media { id } errors { field code } } }""",
        {"input": {"product": product["id"], "alt": "Hũ mật ong"}},
        {"input.image": ("hu.png", factories.image_bytes(), "image/png")},
        token,
    )
    assert media["data"]["productMediaCreate"]["errors"] == []

    # They submit the product's OCOP certificate with its scan: not listed until verified.
    decided = timezone.localdate() - datetime.timedelta(days=90)
    certificate = factories.gql_upload(
        api,
        """mutation O($input: OcopCertificateCreateInput!) { ocopCertificateCreate(input: $input) {
             certificate { id status } errors { field code } } }""",
        {
            "input": {
                "product": product["id"],
                "decisionNumber": "1358/QĐ-UBND",
                "decisionDate": decided.isoformat(),
                "issuerLevel": "PROVINCE",
                "issuerName": "UBND tỉnh Điện Biên",
                "stars": 4,
                "score": 82,
                "productGroup": "thuc-pham",
                "productSubgroup": "thuc-pham-tho-so-che",
            }
        },
        {"input.scan": ("chung-nhan.pdf", factories.PDF_BYTES, "application/pdf")},
        token,
    )["data"]["ocopCertificateCreate"]
    assert certificate["errors"] == []
    assert certificate["certificate"]["status"] == "PENDING"
    assert product["slug"] not in _all_listed(api)

    # The officer of the province verifies it, and the product is listed.
    verified = _op(
        api,
        """mutation V($id: ID!) { ocopCertificateVerify(id: $id) {
             certificate { status } errors { field code } } }""",
        {"id": certificate["certificate"]["id"]},
        token_for(officer),
        "ocopCertificateVerify",
    )
    assert verified["certificate"]["status"] == "VERIFIED"
    listed = _all_listed(api)
    assert listed == {
        product["slug"]: {
            "stars": 4,
            "status": "VERIFIED",
            "validUntil": OcopCertificate.objects.get().valid_until.isoformat(),
            "issuedAt": decided.isoformat(),
        }
    }


def test_it_shows_only_valid_certified_demo_products_and_drops_expired_ones(
    demo_catalog: None, api: Client
) -> None:
    # given the demo catalog, which also holds pending and lapsed certificates
    today = timezone.localdate()
    certified = {
        p.slug
        for p in Product.objects.filter(
            certificates__status=CertificateStatus.VERIFIED,
            certificates__stars__gte=3,
            certificates__decision_date__lte=today,
            certificates__valid_until__gte=today,
        )
    }
    not_certified = set(Product.objects.values_list("slug", flat=True)) - certified
    assert not_certified != set()
    # when the storefront lists every product
    listed = _all_listed(api)
    # then exactly the certified ones appear, each with a valid 3★+ certificate
    assert set(listed) == certified
    for certificate in listed.values():
        assert certificate["stars"] >= 3
        assert certificate["status"] == "VERIFIED"
        assert datetime.date.fromisoformat(certificate["validUntil"]) >= today
    # when one listed product's certificate lapses and the daily job runs
    victim = sorted(certified)[0]
    lapsing = OcopCertificate.objects.filter(product__slug=victim, status="verified")
    ids = sorted(lapsing.values_list("pk", flat=True))
    lapsing.update(valid_until=today - datetime.timedelta(days=1))
    expired = expire_certificates()
    # then it is expired and gone from the very next listing
    assert expired == ids
    assert set(_all_listed(api)) == certified - {victim}
