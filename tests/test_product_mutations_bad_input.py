"""Bad input is answered in `errors` with a field and a code, and writes nothing at all
(no row changes, no object in the bucket)."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone
from graphql_relay import to_global_id

from catalog.models import Product
from tests import factories
from tests.conftest import gql, token_for


@pytest.fixture
def world(db: Any, settings: Any) -> dict[str, Any]:
    """My seller with an uncertified product, and another seller's product."""
    prefix = factories.isolate_media(settings)
    owner = factories.user()
    product = factories.product(owner=factories.seller(owner=owner))
    product.certificates.all().delete()
    other = factories.product(owner=factories.seller(owner=factories.user()))
    return {"owner": owner, "product": product, "other": other, "prefix": prefix}


def _unchanged(world: dict[str, Any], act: Any) -> Any:
    """Run `act`, proving it wrote nothing in the database or the bucket."""
    rows, keys = factories.db_snapshot(), factories.bucket_keys(world["prefix"])
    result = act()
    assert factories.db_snapshot() == rows
    assert factories.bucket_keys(world["prefix"]) == keys
    return result


CERTIFICATE_CREATE = """
mutation Create($input: OcopCertificateCreateInput!) {
  ocopCertificateCreate(input: $input) {
    certificate { id }
    errors { field message code }
  }
}
"""


def _certificate(
    api: Client, world: dict[str, Any], product: Product | None = None, **change: Any
) -> Any:
    decided = timezone.localdate() - datetime.timedelta(days=100)
    data = {
        "product": to_global_id("Product", (product or world["product"]).pk),
        "decisionNumber": "88/QĐ-UBND",
        "decisionDate": decided.isoformat(),
        "issuerLevel": "PROVINCE",
        "issuerName": "UBND tỉnh Điện Biên",
        "stars": 4,
        "score": 75,
        "productGroup": "thuc-pham",
    }
    body = factories.gql_upload(
        api,
        CERTIFICATE_CREATE,
        {"input": {**data, **change}},
        {"input.scan": ("scan.pdf", factories.PDF_BYTES, "application/pdf")},
        token_for(world["owner"]),
    )
    payload = body["data"]["ocopCertificateCreate"]
    assert payload["certificate"] is None
    return [(e["field"], e["code"]) for e in payload["errors"]]


def test_it_refuses_a_negative_price(api: Client, world: dict[str, Any]) -> None:
    # given my priced variant
    variant = world["product"].variants.get()
    query = """
    mutation Price($id: ID!, $input: [ProductVariantChannelListingAddInput!]!) {
      productVariantChannelListingUpdate(id: $id, input: $input) {
        variant { id } errors { field code channels }
      }
    }
    """
    channel_id = to_global_id("Channel", factories.channel().pk)
    variables = {
        "id": to_global_id("ProductVariant", variant.pk),
        "input": [{"channelId": channel_id, "price": -1000}],
    }
    # when I set a negative price
    body = _unchanged(world, lambda: gql(api, query, variables, token_for(world["owner"])))
    # then the price field is refused
    assert body["data"]["productVariantChannelListingUpdate"] == {
        "variant": None,
        "errors": [{"field": "price", "code": "INVALID", "channels": [channel_id]}],
    }


def test_it_refuses_a_two_star_certificate(api: Client, world: dict[str, Any]) -> None:
    errors = _unchanged(world, lambda: _certificate(api, world, stars=2, score=40))
    assert errors == [("stars", "STARS_TOO_LOW")]


def test_it_refuses_a_score_inconsistent_with_the_stars(api: Client, world: dict[str, Any]) -> None:
    errors = _unchanged(world, lambda: _certificate(api, world, stars=3, score=85))
    assert errors == [("score", "SCORE_MISMATCH")]


def test_it_refuses_an_expired_decision_date(api: Client, world: dict[str, Any]) -> None:
    decided = timezone.localdate() - datetime.timedelta(days=37 * 31)
    errors = _unchanged(world, lambda: _certificate(api, world, decisionDate=decided.isoformat()))
    assert errors == [("decisionDate", "EXPIRED")]


def test_it_refuses_a_decision_date_in_the_future(api: Client, world: dict[str, Any]) -> None:
    decided = timezone.localdate() + datetime.timedelta(days=1)
    errors = _unchanged(world, lambda: _certificate(api, world, decisionDate=decided.isoformat()))
    assert errors == [("decisionDate", "DECISION_DATE_IN_FUTURE")]


def test_it_refuses_a_five_star_certificate_from_a_province(
    api: Client, world: dict[str, Any]
) -> None:
    errors = _unchanged(world, lambda: _certificate(api, world, stars=5, score=92))
    assert errors == [("issuerLevel", "ISSUER_NOT_ALLOWED")]


def test_it_refuses_a_wrong_file_type(api: Client, world: dict[str, Any]) -> None:
    # given my product and a GIF (not an accepted type) declared as a PNG
    query = """
    mutation Media($input: ProductMediaCreateInput!) {
      productMediaCreate(input: $input) { media { id } errors { field code } }
    }
    """
    gif = b"GIF89a\x01\x00\x01\x00\x80\x00\x00\xff\xff\xff\x00\x00\x00!\xf9\x04\x00;"
    # when I upload it as product media
    body = _unchanged(
        world,
        lambda: factories.gql_upload(
            api,
            query,
            {"input": {"product": to_global_id("Product", world["product"].pk)}},
            {"input.image": ("anh.png", gif, "image/png")},
            token_for(world["owner"]),
        ),
    )
    # then the image field is refused for its type
    assert body["data"]["productMediaCreate"] == {
        "media": None,
        "errors": [{"field": "image", "code": "INVALID_FILE_TYPE"}],
    }


def test_it_refuses_another_sellers_product_id(api: Client, world: dict[str, Any]) -> None:
    # given another seller's product
    query = """
    mutation Update($id: ID!, $input: ProductInput!) {
      productUpdate(id: $id, input: $input) { product { id } errors { field code } }
    }
    """
    variables = {"id": to_global_id("Product", world["other"].pk), "input": {"name": "Của tôi"}}
    # when I update it
    body = _unchanged(world, lambda: gql(api, query, variables, token_for(world["owner"])))
    # then it is denied on the id
    assert body["data"]["productUpdate"] == {
        "product": None,
        "errors": [{"field": "id", "code": "PERMISSION_DENIED"}],
    }


def test_it_refuses_a_certificate_for_another_sellers_product(
    api: Client, world: dict[str, Any]
) -> None:
    errors = _unchanged(world, lambda: _certificate(api, world, product=world["other"]))
    assert errors == [("product", "PERMISSION_DENIED")]


def test_it_refuses_a_negative_stock(api: Client, world: dict[str, Any]) -> None:
    variant = world["product"].variants.get()
    warehouse = world["product"].seller.warehouses.get()
    query = """
    mutation Stocks($variantId: ID!, $stocks: [StockInput!]!) {
      productVariantStocksUpdate(variantId: $variantId, stocks: $stocks) {
        errors { field code index }
      }
    }
    """
    variables = {
        "variantId": to_global_id("ProductVariant", variant.pk),
        "stocks": [{"warehouse": to_global_id("Warehouse", warehouse.pk), "quantity": -3}],
    }
    body = _unchanged(world, lambda: gql(api, query, variables, token_for(world["owner"])))
    assert body["data"]["productVariantStocksUpdate"]["errors"] == [
        {"field": "quantity", "code": "INVALID", "index": 0}
    ]
