"""Featured collections curated by officers, shown only within their time window."""

from __future__ import annotations

import datetime
from typing import Any

from django.test import Client
from django.utils import timezone
from graphql_relay import to_global_id

from catalog.models import Collection, CollectionProduct
from tests import factories
from tests.conftest import gql, token_for

CREATE = """
mutation Create($input: FeaturedCollectionInput!) {
  featuredCollectionCreate(input: $input) {
    collection { id name slug isFeatured startsAt endsAt }
    errors { field code }
  }
}
"""

ADD = """
mutation Add($id: ID!, $products: [ID!]!) {
  featuredCollectionAddProducts(collectionId: $id, products: $products) {
    collection { id }
    errors { field code }
  }
}
"""

UPDATE = """
mutation Update($id: ID!, $input: FeaturedCollectionInput!) {
  featuredCollectionUpdate(id: $id, input: $input) {
    collection { name endsAt }
    errors { field code }
  }
}
"""

STOREFRONT = """
{ collections(first: 10, channel: "default-channel") {
    edges { node { slug products(first: 10) { edges { node { slug } } } } } } }
"""


def test_it_curates_a_provincial_collection_shown_in_its_window(db: Any, api: Client) -> None:
    # given an officer of Điện Biên and two listed Điện Biên products
    officer = factories.officer("11")
    honey, tea = factories.product(name="Mật ong"), factories.product(name="Chè Shan")
    now = timezone.now()
    token = token_for(officer)
    # when they create "Đặc sản Điện Biên" running from now for a week, and add both
    created = gql(
        api,
        CREATE,
        {
            "input": {
                "name": "Đặc sản Điện Biên",
                "startsAt": (now - datetime.timedelta(minutes=1)).isoformat(),
                "endsAt": (now + datetime.timedelta(days=7)).isoformat(),
            }
        },
        token,
    )["data"]["featuredCollectionCreate"]
    added = gql(
        api,
        ADD,
        {
            "id": created["collection"]["id"],
            "products": [to_global_id("Product", p.pk) for p in (tea, honey)],
        },
        token,
    )["data"]["featuredCollectionAddProducts"]
    # then the collection is the province's, featured, and the storefront shows it in order
    assert created["errors"] == []
    assert added["errors"] == []
    collection = Collection.objects.get()
    assert (collection.slug, collection.is_featured, collection.province.code) == (
        "dac-san-dien-bien",
        True,
        "11",
    )
    assert collection.curated_by_id == officer.pk
    assert list(
        CollectionProduct.objects.filter(collection=collection).values_list("product_id", flat=True)
    ) == [tea.pk, honey.pk]
    edges = gql(api, STOREFRONT)["data"]["collections"]["edges"]
    assert [e["node"]["slug"] for e in edges] == ["dac-san-dien-bien"]
    # when the officer moves it to last week
    ended = gql(
        api,
        UPDATE,
        {
            "id": created["collection"]["id"],
            "input": {
                "startsAt": (now - datetime.timedelta(days=7)).isoformat(),
                "endsAt": (now - datetime.timedelta(hours=1)).isoformat(),
            },
        },
        token,
    )["data"]["featuredCollectionUpdate"]
    # then the storefront no longer shows it
    assert ended["errors"] == []
    assert gql(api, STOREFRONT)["data"]["collections"]["edges"] == []


def test_it_refuses_products_of_another_province_in_a_provincial_collection(
    db: Any, api: Client
) -> None:
    officer = factories.officer("11")
    collection = Collection.objects.create(
        name="Đặc sản Điện Biên",
        slug="dac-san",
        is_featured=True,
        province=factories.province("11"),
    )
    hanoi = factories.product(owner=factories.seller(province_code="01"))
    body = gql(
        api,
        ADD,
        {
            "id": to_global_id("Collection", collection.pk),
            "products": [to_global_id("Product", hanoi.pk)],
        },
        token_for(officer),
    )
    assert body["data"]["featuredCollectionAddProducts"]["errors"] == [
        {"field": "products", "code": "INVALID"}
    ]
    assert CollectionProduct.objects.count() == 0


def test_it_lets_only_national_officers_create_national_collections(db: Any, api: Client) -> None:
    # given a provincial and a national officer
    variables = {"input": {"name": "Quà Tết", "province": ""}}
    provincial = gql(api, CREATE, variables, token_for(factories.officer("11")))
    national = gql(api, CREATE, variables, token_for(factories.officer(None)))
    # then only the national one may make a collection without province
    assert provincial["data"]["featuredCollectionCreate"]["errors"] == [
        {"field": "province", "code": "PERMISSION_DENIED"}
    ]
    assert national["data"]["featuredCollectionCreate"]["errors"] == []
    assert list(Collection.objects.values_list("slug", "province")) == [("qua-tet", None)]


def test_it_refuses_a_window_that_ends_before_it_starts(db: Any, api: Client) -> None:
    now = timezone.now()
    body = gql(
        api,
        CREATE,
        {
            "input": {
                "name": "Quà Tết",
                "startsAt": now.isoformat(),
                "endsAt": (now - datetime.timedelta(days=1)).isoformat(),
            }
        },
        token_for(factories.officer("11")),
    )
    assert body["data"]["featuredCollectionCreate"]["errors"] == [
        {"field": "endsAt", "code": "INVALID"}
    ]
    assert Collection.objects.count() == 0
