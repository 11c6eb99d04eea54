"""Catalog objects carry the channel they were reached in beside them (a ChannelContext),
and no GraphQL resolver writes request context onto a model instance."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from django.test import Client
from graphene import Node

from catalog.models import Collection, CollectionProduct
from tests import factories
from tests.conftest import gql

ROOT = Path(__file__).resolve().parents[1]

PRODUCT = """
query Product($slug: String!) {
  product(slug: $slug, channel: "default-channel") {
    channel
    variants { channel }
    defaultVariant { channel product { channel } }
    ocopCertificate { product { channel } }
  }
  productVariant(sku: "%s", channel: "default-channel") { channel product { channel } }
}
"""

NODES = """
query Nodes($product: ID!, $variant: ID!, $collection: ID!) {
  product: node(id: $product) { ... on Product { channel variants { channel } } }
  variant: node(id: $variant) { ... on ProductVariant { sku channel } }
  collection: node(id: $collection) { ... on Collection { slug channel } }
}
"""


def test_it_shows_a_product_and_everything_reached_from_it_in_the_channel_asked(
    db: Any, api: Client
) -> None:
    # given a listed product with two variants
    product = factories.product(variants=2)
    sku = product.variants.order_by("pk").first().sku  # type: ignore[union-attr]
    # when the storefront reads it, its variants and its certificate's product in a channel
    body = gql(api, PRODUCT % sku, {"slug": product.slug})
    # then every one of them is in that channel
    assert "errors" not in body
    assert body["data"]["product"] == {
        "channel": "default-channel",
        "variants": [{"channel": "default-channel"}, {"channel": "default-channel"}],
        "defaultVariant": {"channel": "default-channel", "product": {"channel": "default-channel"}},
        "ocopCertificate": {"product": {"channel": "default-channel"}},
    }
    assert body["data"]["productVariant"] == {
        "channel": "default-channel",
        "product": {"channel": "default-channel"},
    }


def test_it_resolves_catalog_node_ids_in_the_default_channel(db: Any, api: Client) -> None:
    # given a listed product in a published collection
    product = factories.product()
    variant = product.variants.get()
    collection = Collection.objects.create(name="Quà Tết", slug="qua-tet")
    CollectionProduct.objects.create(collection=collection, product=product)
    # when the storefront looks them up by global id (no channel argument)
    body = gql(
        api,
        NODES,
        {
            "product": Node.to_global_id("Product", product.pk),
            "variant": Node.to_global_id("ProductVariant", variant.pk),
            "collection": Node.to_global_id("Collection", collection.pk),
        },
    )
    # then each is typed and shown in the default channel
    assert "errors" not in body
    assert body["data"] == {
        "product": {"channel": "default-channel", "variants": [{"channel": "default-channel"}]},
        "variant": {"sku": variant.sku, "channel": "default-channel"},
        "collection": {"slug": "qua-tet", "channel": "default-channel"},
    }


def test_it_writes_no_request_context_onto_model_instances() -> None:
    # given every module of the GraphQL layer
    assignment = re.compile(r"\.(channel_slug|channel_id|staff_view|masked)\s*=[^=]")
    # then none sets the channel, the viewer's role or masking as an attribute of a row
    offending = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in sorted((ROOT / "storefront_api").rglob("*.py"))
        for number, line in enumerate(path.read_text().splitlines(), start=1)
        if assignment.search(line)
    ]
    assert offending == []
