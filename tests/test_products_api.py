"""The Saleor-compatible `products` query over the listing rule."""

from __future__ import annotations

import datetime
from typing import Any

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from catalog.certificates import do_expire_certificates
from catalog.listed import refresh_listed
from catalog.models import CertificateStatus, ListedProduct, OcopCertificate
from tests import factories
from tests.conftest import gql

PRODUCTS = """
query Products($first: Int, $after: String, $filter: ProductFilterInput, $search: String) {
  products(first: $first, after: $after, channel: "default-channel", filter: $filter,
           search: $search) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node { name slug } }
  }
}
"""

RICH = """
query Rich($first: Int!) {
  products(first: $first, channel: "default-channel") {
    totalCount
    edges { node {
      id name
      thumbnail(size: 256) { url alt }
      category { name }
      seller { name slug province { name } }
      originProvince { code name }
      ocopCertificate {
        stars decisionNumber issuerLevel issuerName issuedAt validUntil status
        productGroup productSubgroupCode
      }
      pricing { priceRange { start { gross { amount currency } } stop { gross { amount } } } }
      variants { sku pricing { price { gross { amount } } } }
    } }
  }
}
"""


def test_it_lists_only_listable_products(db: Any, api: Client) -> None:
    # given one listable product, one pending and one expired
    listed = factories.product(name="Mật ong hoa ban")
    factories.product(cert_status=CertificateStatus.PENDING)
    factories.product(decision_age_days=1200)
    # when the storefront lists products
    body = gql(api, PRODUCTS, {"first": 50})
    # then only the listable one is there
    page = body["data"]["products"]
    assert page["totalCount"] == 1
    assert [e["node"]["slug"] for e in page["edges"]] == [listed.slug]


def test_it_drops_a_product_as_soon_as_its_certificate_expires(
    db: Any, api: Client, monkeypatch: Any
) -> None:
    # given a listed product whose certificate is valid until today
    product = factories.product()
    OcopCertificate.objects.filter(product=product).update(valid_until=timezone.localdate())
    refresh_listed([product.pk])
    assert gql(api, PRODUCTS, {"first": 10})["data"]["products"]["totalCount"] == 1
    # when midnight passes (before the daily expiry job has run)
    tomorrow = timezone.now() + datetime.timedelta(days=1)
    monkeypatch.setattr("django.utils.timezone.now", lambda: tomorrow)
    # then the very next query no longer lists it
    assert gql(api, PRODUCTS, {"first": 10})["data"]["products"]["totalCount"] == 0
    # and the expiry job marks it expired, which the record follows
    do_expire_certificates()
    assert not ListedProduct.objects.filter(product=product).exists()


def test_it_paginates_with_first_and_after(db: Any, api: Client) -> None:
    # given three listable products
    for name in ("A mật ong", "B chè", "C gạo"):
        factories.product(name=name)
    # when reading two, then the rest after the cursor
    first = gql(api, PRODUCTS, {"first": 2})["data"]["products"]
    rest = gql(api, PRODUCTS, {"first": 2, "after": first["pageInfo"]["endCursor"]})
    # then the pages split the list in order
    assert [e["node"]["name"] for e in first["edges"]] == ["A mật ong", "B chè"]
    assert first["pageInfo"]["hasNextPage"] is True
    assert [e["node"]["name"] for e in rest["data"]["products"]["edges"]] == ["C gạo"]
    assert rest["data"]["products"]["pageInfo"]["hasNextPage"] is False


def test_it_refuses_a_page_without_a_limit(db: Any, api: Client) -> None:
    body = gql(api, '{ products(channel: "default-channel") { totalCount } }')
    assert body["data"]["products"] is None
    assert body["errors"][0]["message"] == (
        "You must provide a `first` or `last` value to properly paginate the `products` connection."
    )


def test_it_finds_products_without_accents_in_postgresql(
    db: Any, api: Client, settings: Any
) -> None:
    # given no Elasticsearch (the embedded default; tests/test_search_* cover Elasticsearch)
    settings.ELASTICSEARCH_URL = ""
    # and a product with a Vietnamese name
    factories.product(name="Mật ong hoa ban Điện Biên")
    factories.product(name="Chè Shan tuyết")
    # when searching without accents and in upper case
    for query in ("mat ong dien bien", "MẬT ONG ĐIỆN BIÊN"):
        body = gql(api, PRODUCTS, {"first": 10, "search": query})
        # then the honey is found, and only it
        names = [e["node"]["name"] for e in body["data"]["products"]["edges"]]
        assert names == ["Mật ong hoa ban Điện Biên"]


def test_it_returns_prices_certificates_and_sellers(db: Any, api: Client) -> None:
    # given a 5★ product with two variants
    product = factories.product(stars=5, price=250_000, variants=2)
    # when the storefront asks for the rich listing
    body = gql(api, RICH, {"first": 10})
    node = body["data"]["products"]["edges"][0]["node"]
    # then Saleor's money shape and the OCOP extension come back
    assert node["pricing"]["priceRange"]["start"]["gross"] == {"amount": 250000, "currency": "VND"}
    assert node["pricing"]["priceRange"]["stop"]["gross"] == {"amount": 251000}
    assert node["ocopCertificate"]["stars"] == 5
    assert node["ocopCertificate"]["issuerLevel"] == "CENTRAL"
    assert node["ocopCertificate"]["status"] == "VERIFIED"
    assert node["seller"]["slug"] == product.seller.slug
    assert node["originProvince"] == {"code": "11", "name": "Điện Biên"}
    assert [v["sku"] for v in node["variants"]] == [
        f"{product.variants.first().sku}",
        product.variants.last().sku,
    ]


def _count_queries(api: Client, first: int) -> int:
    with CaptureQueriesContext(connection) as captured:
        body = gql(api, RICH, {"first": first})
    assert "errors" not in body, body
    assert len(body["data"]["products"]["edges"]) == first
    return len(captured.captured_queries)


def test_it_issues_the_same_number_of_queries_for_1_and_100_products(
    db: Any, api: Client, settings: Any
) -> None:
    # given 100 listable products with images, across several sellers
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }
    sellers = [factories.seller() for _ in range(5)]
    for i in range(100):
        factories.product(owner=sellers[i % 5], variants=2, image=_PNG)
    # when the rich listing asks for 1 and then 100
    one, hundred = _count_queries(api, 1), _count_queries(api, 100)
    # then the number of SQL queries does not grow with the page size
    assert one == hundred


_PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d4944415478da63f8cfc0f01f0005000201a1a9d6c50000000049454e44ae426082"
)
