"""Input limits: values the database cannot hold are refused with a field and a code, and
nothing is written — too long text, NUL characters, prices of 0 or beyond 10^12 ₫, and
malformed IDs (issue 9, "Input limits")."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from typing import Any

import graphene
import pytest
from django.apps import apps
from django.db import connection, transaction
from django.test import Client
from graphql import (
    GraphQLEnumType,
    GraphQLInputObjectType,
    GraphQLInterfaceType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLScalarType,
    GraphQLUnionType,
    get_named_type,
)
from graphql_relay import to_global_id

from catalog.models import Product, ProductVariantChannelListing
from checkout.models import Address, ShippingMethod
from core.input_limits import MAX_AMOUNT
from sellers.models import Seller
from storefront_api.core.input_checks import InputGuardMiddleware
from storefront_api.schema import schema
from tests import factories
from tests.conftest import gql, token_for

NUL_TEXT = "Mật ong\x00 hoa ban"


def row_counts() -> dict[str, int]:
    """Rows of every model of the project, to prove a refused call wrote nothing."""
    return {
        model._meta.label: model.objects.count()
        for model in apps.get_models()
        if model._meta.app_label
        in {"accounts", "sellers", "catalog", "checkout", "orders", "payments", "livestream"}
    }


@pytest.fixture
def owner(db: Any) -> Any:
    """A seller's owner with one listed product."""
    user = factories.user()
    seller = factories.seller(owner=user)
    factories.product(owner=seller)
    return user


def _product(owner: Any) -> Product:
    return Product.objects.get(seller__members__user=owner)


PRODUCT_CREATE = """
mutation Create($input: ProductCreateInput!) {
  productCreate(input: $input) { product { id name } errors { field code message } }
}
"""
PRODUCT_UPDATE = """
mutation Update($id: ID!, $input: ProductInput!) {
  productUpdate(id: $id, input: $input) { product { id } errors { field code message } }
}
"""
VARIANT_UPDATE = """
mutation Update($id: ID!, $input: ProductVariantInput!) {
  productVariantUpdate(id: $id, input: $input) { productVariant { id } errors { field code } }
}
"""
PRICE_UPDATE = """
mutation Price($id: ID!, $input: [ProductVariantChannelListingAddInput!]!) {
  productVariantChannelListingUpdate(id: $id, input: $input) {
    variant { id } errors { field code message }
  }
}
"""


def _create_product(api: Client, owner: Any, **input: Any) -> dict[str, Any]:
    product_type = to_global_id("ProductType", _product(owner).product_type_id)
    body = gql(
        api,
        PRODUCT_CREATE,
        {"input": {"productType": product_type, **input}},
        token_for(owner),
    )
    payload: dict[str, Any] = body["data"]["productCreate"]
    return payload


# --- Product, variant and price fields ---------------------------------------------------------


def test_it_refuses_a_100_000_character_product_name(api: Client, owner: Any) -> None:
    # given a seller's owner and the rows before
    before = row_counts()
    # when they create a product named with 100,000 characters
    payload = _create_product(api, owner, name="M" * 100_000)
    # then the name is refused (Saleor's 250) and nothing is written
    assert payload["product"] is None
    assert [(e["field"], e["code"]) for e in payload["errors"]] == [("name", "INVALID")]
    assert "250" in payload["errors"][0]["message"]
    assert row_counts() == before


def test_it_accepts_a_product_name_of_exactly_250_characters(api: Client, owner: Any) -> None:
    # when the name is as long as the column
    payload = _create_product(api, owner, name="M" * 250)
    # then it is stored whole, not cut
    assert payload["errors"] == []
    assert payload["product"]["name"] == "M" * 250


def test_it_refuses_a_nul_in_a_product_name_with_a_field_error(api: Client, owner: Any) -> None:
    # given my product
    product = _product(owner)
    before, name = row_counts(), product.name
    # when I rename it with a NUL character
    body = gql(
        api,
        PRODUCT_UPDATE,
        {"id": to_global_id("Product", product.pk), "input": {"name": NUL_TEXT}},
        token_for(owner),
    )
    # then the mutation answers a field error, not PostgreSQL's text, and writes nothing
    assert "errors" not in body
    payload = body["data"]["productUpdate"]
    assert payload["product"] is None
    assert [(e["field"], e["code"]) for e in payload["errors"]] == [("name", "INVALID")]
    assert "NUL" in payload["errors"][0]["message"]
    assert "PostgreSQL" not in payload["errors"][0]["message"]
    assert row_counts() == before
    product.refresh_from_db()
    assert product.name == name


@pytest.mark.parametrize(
    ("input", "field"),
    [
        ({"slug": "a" * 256}, "slug"),
        ({"seo": {"title": "t" * 71}}, "seoTitle"),
        ({"seo": {"description": "d" * 301}}, "seoDescription"),
        (
            {"description": json.dumps({"blocks": [{"data": {"text": "x" * 20_001}}]})},
            "description",
        ),
    ],
)
def test_it_refuses_product_fields_beyond_saleors_lengths(
    api: Client, owner: Any, input: dict[str, Any], field: str
) -> None:
    # given my product
    product = _product(owner)
    before = row_counts()
    # when a field is longer than Saleor allows
    body = gql(
        api,
        PRODUCT_UPDATE,
        {"id": to_global_id("Product", product.pk), "input": input},
        token_for(owner),
    )
    # then that field is refused and nothing is written
    errors = body["data"]["productUpdate"]["errors"]
    assert [(e["field"], e["code"]) for e in errors] == [(field, "INVALID")]
    assert row_counts() == before


@pytest.mark.parametrize(("field", "value"), [("name", "n" * 256), ("sku", "S" * 256)])
def test_it_refuses_variant_fields_beyond_255_characters(
    api: Client, owner: Any, field: str, value: str
) -> None:
    variant = _product(owner).variants.get()
    before = row_counts()
    body = gql(
        api,
        VARIANT_UPDATE,
        {"id": to_global_id("ProductVariant", variant.pk), "input": {field: value}},
        token_for(owner),
    )
    errors = body["data"]["productVariantUpdate"]["errors"]
    assert [(e["field"], e["code"]) for e in errors] == [(field, "INVALID")]
    assert row_counts() == before


@pytest.mark.parametrize(
    ("price", "cost", "field"),
    [
        (0, None, "price"),
        (1e30, None, "price"),
        (MAX_AMOUNT + 1, None, "price"),
        ("1500.5", None, "price"),
        (120_000, 1e30, "costPrice"),
    ],
)
def test_it_refuses_a_price_of_zero_fractional_or_beyond_the_bound(
    api: Client, owner: Any, price: Any, cost: Any, field: str
) -> None:
    # given my priced variant
    variant = _product(owner).variants.get()
    listings = list(ProductVariantChannelListing.objects.values())
    channel_id = to_global_id("Channel", factories.channel().pk)
    item = {"channelId": channel_id, "price": price}
    if cost is not None:
        item["costPrice"] = cost
    # when I set a price of 0, 10^30, a fraction of a đồng, or a cost beyond the bound
    body = gql(
        api,
        PRICE_UPDATE,
        {"id": to_global_id("ProductVariant", variant.pk), "input": [item]},
        token_for(owner),
    )
    # then the field is refused with INVALID (no "bigint out of range"), nothing changes
    assert "errors" not in body
    payload = body["data"]["productVariantChannelListingUpdate"]
    assert payload["variant"] is None
    assert [(e["field"], e["code"]) for e in payload["errors"]] == [(field, "INVALID")]
    assert list(ProductVariantChannelListing.objects.values()) == listings


def test_it_accepts_the_highest_price(api: Client, owner: Any) -> None:
    variant = _product(owner).variants.get()
    channel_id = to_global_id("Channel", factories.channel().pk)
    body = gql(
        api,
        PRICE_UPDATE,
        {
            "id": to_global_id("ProductVariant", variant.pk),
            "input": [{"channelId": channel_id, "price": MAX_AMOUNT}],
        },
        token_for(owner),
    )
    assert body["data"]["productVariantChannelListingUpdate"]["errors"] == []
    assert variant.channel_listings.get().price_amount == MAX_AMOUNT


def test_it_refuses_an_alt_text_over_saleors_limit_and_stores_no_file(
    api: Client, owner: Any, settings: Any
) -> None:
    # given my product, and the rows and stored files before
    prefix = factories.isolate_media(settings)
    product = _product(owner)
    before, keys = row_counts(), factories.bucket_keys(prefix)
    # when I upload an image with a 251-character alt text
    body = factories.gql_upload(
        api,
        """
        mutation Media($input: ProductMediaCreateInput!) {
          productMediaCreate(input: $input) { media { id } errors { field code message } }
        }
        """,
        {"input": {"product": to_global_id("Product", product.pk), "alt": "a" * 251}},
        {"input.image": ("anh.png", factories.image_bytes(), "image/png")},
        token_for(owner),
    )
    # then Saleor's answer comes back and neither a row nor a file is stored
    assert body["data"]["productMediaCreate"] == {
        "media": None,
        "errors": [
            {
                "field": "alt",
                "code": "INVALID",
                "message": "Alt field exceeds the character limit of 250.",
            }
        ],
    }
    assert row_counts() == before
    assert factories.bucket_keys(prefix) == keys


# --- Other domains: sellers, delivery methods, addresses, livestreams -------------------------


def test_it_refuses_seller_fields_longer_than_their_columns(db: Any, api: Client) -> None:
    # given a would-be producer
    user = factories.user()
    before = row_counts()
    # when they register with a legal name and a bank name longer than the columns
    body = gql(
        api,
        """
        mutation Create($input: SellerInput!) {
          sellerCreate(input: $input) { seller { id } errors { field code } }
        }
        """,
        {
            "input": {
                "kind": "HTX",
                "legalName": "H" * 256,
                "bankName": "B" * 121,
                "province": "11",
            }
        },
        token_for(user),
    )
    # then both fields are named and nothing is written
    errors = body["data"]["sellerCreate"]["errors"]
    assert sorted((e["field"], e["code"]) for e in errors) == [
        ("bankName", "INVALID"),
        ("legalName", "INVALID"),
    ]
    assert row_counts() == before
    assert not Seller.objects.filter(members__user=user).exists()


SHIPPING_CREATE = """
mutation Create($seller: ID!, $input: SellerShippingMethodInput!) {
  sellerShippingMethodCreate(seller: $seller, input: $input) {
    shippingMethod { id } errors { field code }
  }
}
"""


@pytest.mark.parametrize(
    ("input", "field"),
    [
        ({"price": 1e30}, "price"),
        ({"price": 30_000, "freeAbove": MAX_AMOUNT + 1}, "freeAbove"),
        ({"price": 30_000, "maximumDeliveryDays": 40_000}, "maximumDeliveryDays"),
        ({"price": 30_000, "name": "G" * 121}, "name"),
    ],
)
def test_it_refuses_delivery_method_values_the_columns_cannot_hold(
    api: Client, owner: Any, input: dict[str, Any], field: str
) -> None:
    seller = _product(owner).seller
    before = row_counts()
    body = gql(
        api,
        SHIPPING_CREATE,
        {"seller": to_global_id("Seller", seller.pk), "input": {"name": "Giao nhanh", **input}},
        token_for(owner),
    )
    assert "errors" not in body
    errors = body["data"]["sellerShippingMethodCreate"]["errors"]
    assert [(e["field"], e["code"]) for e in errors] == [(field, "INVALID")]
    assert row_counts() == before
    assert ShippingMethod.objects.filter(seller=seller).count() == 0


ADDRESS_UPDATE = """
mutation Address($id: ID!, $address: AddressInput!) {
  checkoutShippingAddressUpdate(id: $id, shippingAddress: $address) {
    checkout { id } errors { field code addressType }
  }
}
"""


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("streetAddress1", "12 Trần Phú " * 30),
        ("firstName", "A" * 257),
        ("companyName", "C" * 257),
        ("streetAddress2", "\x00"),
    ],
)
def test_it_refuses_an_address_field_the_column_cannot_hold(
    api: Client, owner: Any, field: str, value: str
) -> None:
    # given a buyer's cart without an address
    buyer = factories.user()
    variant = _product(owner).variants.get()
    checkout = factories.checkout([(variant, 1)], buyer=buyer, address=False, deliver=False)
    before = row_counts()
    # when the address has a field longer than its column (or a NUL)
    body = gql(
        api,
        ADDRESS_UPDATE,
        {
            "id": to_global_id("Checkout", checkout.pk),
            "address": {**factories.VN_ADDRESS_INPUT, field: value},
        },
        token_for(buyer),
    )
    # then that field is refused and no address is stored
    assert "errors" not in body
    errors = body["data"]["checkoutShippingAddressUpdate"]["errors"]
    assert [(e["field"], e["code"]) for e in errors] == [(field, "INVALID")]
    assert row_counts() == before
    assert Address.objects.count() == 0


def test_it_refuses_a_programme_name_longer_than_its_column(db: Any, api: Client) -> None:
    host = factories.host()
    before = row_counts()
    body = gql(
        api,
        """
        mutation Create($input: LivestreamCreateInput!) {
          livestreamCreate(input: $input) { livestream { id } errors { field code } }
        }
        """,
        {
            "input": {
                "title": "Phiên chợ OCOP Điện Biên",
                "startsAt": "2031-03-01T19:00:00",
                "endsAt": "2031-03-01T20:00:00",
                "isProgramme": True,
                "programmeName": "P" * 201,
            }
        },
        token_for(host),
    )
    errors = body["data"]["livestreamCreate"]["errors"]
    assert [(e["field"], e["code"]) for e in errors] == [("programmeName", "INVALID")]
    assert row_counts() == before


# --- Malformed IDs --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "global_id",
    [
        to_global_id("Checkout", "abc"),
        to_global_id("CheckoutLine", "not-a-uuid"),
        to_global_id("Order", "zzz"),
        to_global_id("Product", "abc"),
        to_global_id("ProductVariant", "1.5"),
    ],
)
def test_it_answers_a_malformed_node_id_as_not_found(db: Any, api: Client, global_id: str) -> None:
    # when anyone asks for a node whose key cannot exist
    body = gql(api, "query Node($id: ID!) { node(id: $id) { id } }", {"id": global_id})
    # then it is simply not found: no Django or PostgreSQL message
    assert body == {"data": {"node": None}}


def test_it_answers_a_malformed_checkout_id_in_mutations_with_not_found(
    db: Any, api: Client
) -> None:
    malformed = to_global_id("Checkout", "abc")
    for mutation in (
        "checkoutComplete(id: $id) { errors { field code message } }",
        'checkoutEmailUpdate(id: $id, email: "an@ocop.test") { errors { field code message } }',
        "checkoutLinesDelete(id: $id, linesIds: []) { errors { field code message } }",
    ):
        body = gql(api, f"mutation M($id: ID!) {{ {mutation} }}", {"id": malformed})
        (payload,) = body["data"].values()
        assert payload["errors"] == [
            {
                "field": "id",
                "code": "NOT_FOUND",
                "message": "Không tìm thấy giỏ hàng.",
            }
        ]


def test_it_answers_a_malformed_line_id_with_a_field_error(api: Client, owner: Any) -> None:
    buyer = factories.user()
    checkout = factories.checkout([(_product(owner).variants.get(), 1)], buyer=buyer)
    before = row_counts()
    body = gql(
        api,
        """
        mutation Update($id: ID!, $lines: [CheckoutLineUpdateInput!]!) {
          checkoutLinesUpdate(id: $id, lines: $lines) { errors { field code } }
        }
        """,
        {
            "id": to_global_id("Checkout", checkout.pk),
            "lines": [{"lineId": to_global_id("CheckoutLine", "abc"), "quantity": 2}],
        },
        token_for(buyer),
    )
    assert body["data"]["checkoutLinesUpdate"]["errors"] == [
        {"field": "lineId", "code": "NOT_FOUND"}
    ]
    assert row_counts() == before


@pytest.mark.parametrize(
    ("global_id", "code"),
    [
        ("P" * 100_000, "GRAPHQL_ERROR"),
        (to_global_id("Product", "abc"), "GRAPHQL_ERROR"),
        (to_global_id("Seller", "1"), "GRAPHQL_ERROR"),
        (to_global_id("Product", "9" * 30), "NOT_FOUND"),
    ],
)
def test_it_answers_a_malformed_product_id_with_a_short_field_error(
    api: Client, owner: Any, global_id: str, code: str
) -> None:
    before = row_counts()
    body = gql(api, PRODUCT_UPDATE, {"id": global_id, "input": {"name": "Mới"}}, token_for(owner))
    (error,) = body["data"]["productUpdate"]["errors"]
    assert (error["field"], error["code"]) == ("id", code)
    assert len(error["message"]) < 200
    assert row_counts() == before


@pytest.mark.parametrize("value", ["abc", to_global_id("Product", "abc"), "P" * 500])
def test_it_answers_a_malformed_id_in_a_products_filter_with_saleors_error(
    db: Any, api: Client, value: str
) -> None:
    # when a product list is filtered by ids that are no Product ids at all
    body = gql(
        api,
        'query F($ids: [ID!]) { products(first: 2, channel: "default-channel", '
        "filter: {ids: $ids}) { edges { node { id } } } }",
        {"ids": [value]},
    )
    # then Saleor's "Invalid ID" error answers, short, never an internal error
    (error,) = body["errors"]
    assert error["message"] == f"Invalid ID: {value[:100]}. Expected: Product."
    assert error["extensions"]["exception"]["code"] == "GraphQLError"


# --- NUL in every argument of every field -----------------------------------------------------

# Scalars the generator can fill; a field that needs a file (Upload) is sent without it.
DUMMIES: dict[str, Any] = {
    "String": "x",
    "ID": "eA==",
    "Int": 1,
    "Float": 1.0,
    "Boolean": False,
    "UUID": "8a9d1a4e-64e5-4d4c-9b1a-3b8f7c2e6d10",
    "DateTime": "2031-01-01T00:00:00+07:00",
    "Date": "2031-01-01",
    "Decimal": "1",
    "PositiveDecimal": "1",
    "JSONString": "{}",
    "JSON": {},
    "WeightScalar": 1,
    "Upload": None,
}
TEXT_SCALARS = {"String", "ID"}


def _unwrap(t: Any) -> Any:
    return t.of_type if isinstance(t, GraphQLNonNull) else t


def text_paths(t: Any, depth: int = 0) -> Iterator[tuple[str, ...]]:
    """Paths to each String/ID leaf of an argument's type (input fields by name)."""
    t = _unwrap(t)
    if isinstance(t, GraphQLList):
        yield from text_paths(t.of_type, depth)
    elif isinstance(t, GraphQLInputObjectType):
        if depth > 3:
            return
        for name, field in t.fields.items():
            for rest in text_paths(field.type, depth + 1):
                yield (name, *rest)
    elif isinstance(t, GraphQLScalarType) and t.name in TEXT_SCALARS:
        yield ()


def value_for(t: Any, path: tuple[str, ...] | None) -> Any:
    """A value of type `t`: required parts filled with dummies, NUL text at `path`."""
    required = isinstance(t, GraphQLNonNull)
    t = _unwrap(t)
    if isinstance(t, GraphQLList):
        if path is None and not required:
            return None
        return [value_for(t.of_type, path)] if path is not None else []
    if isinstance(t, GraphQLInputObjectType):
        value = {}
        for name, field in t.fields.items():
            sub = path[1:] if path and path[0] == name else None
            if sub is not None or isinstance(field.type, GraphQLNonNull):
                value[name] = value_for(field.type, sub)
        return value
    if path is not None:
        return NUL_TEXT
    if isinstance(t, GraphQLEnumType):
        return next(iter(t.values))
    return DUMMIES[t.name]


def selection(t: Any) -> str:
    named = get_named_type(t)
    if isinstance(named, GraphQLInterfaceType | GraphQLUnionType):
        return "{ __typename }"
    if not isinstance(named, GraphQLObjectType):
        return ""
    if "errors" in named.fields:
        return "{ __typename errors { field code } }"
    return "{ __typename }"


def nul_cases() -> Iterator[tuple[str, str, str, dict[str, Any], str]]:
    """(root, field, document, variables, leaf) for each text leaf of each root field."""
    graphql_schema = schema.graphql_schema
    roots = (("query", graphql_schema.query_type), ("mutation", graphql_schema.mutation_type))
    for kind, root in roots:
        assert root is not None
        for name, field in root.fields.items():
            for arg_name, arg in field.args.items():
                for path in text_paths(arg.type):
                    variables, params, arguments = {}, [], []
                    for other_name, other in field.args.items():
                        target = path if other_name == arg_name else None
                        if target is None and not isinstance(other.type, GraphQLNonNull):
                            continue
                        variables[other_name] = value_for(other.type, target)
                        params.append(f"${other_name}: {other.type}")
                        arguments.append(f"{other_name}: ${other_name}")
                    document = (
                        f"{kind} Case({', '.join(params)}) "
                        f"{{ {name}({', '.join(arguments)}) {selection(field.type)} }}"
                    )
                    leaf = (path or (arg_name,))[-1]
                    yield kind, name, document, variables, leaf


def invalid_code(mutation: str) -> str:
    """INVALID, or GRAPHQL_ERROR for the few error enums without INVALID."""
    root = schema.graphql_schema.mutation_type
    assert root is not None
    payload = get_named_type(root.fields[mutation].type)
    assert isinstance(payload, GraphQLObjectType)
    error = get_named_type(payload.fields["errors"].type)
    assert isinstance(error, GraphQLObjectType)
    codes = get_named_type(error.fields["code"].type)
    assert isinstance(codes, GraphQLEnumType)
    return "INVALID" if "INVALID" in codes.values else "GRAPHQL_ERROR"


def test_it_refuses_a_nul_in_every_text_argument_of_every_field(db: Any, api: Client) -> None:
    # given a superuser (so no permission check stands in front of the writes)
    admin = factories.user(is_staff=True, is_superuser=True)
    factories.product(owner=factories.seller(owner=admin))
    token = token_for(admin)
    before = row_counts()
    cases = list(nul_cases())
    assert len(cases) > 300  # the walk really covers the schema
    failures = []
    # when each text argument of each query and mutation carries a NUL, one at a time
    for kind, name, document, variables, leaf in cases:
        body = gql(api, document, variables, token)
        # then a mutation answers its payload's INVALID error naming the field, and a
        # query a GraphQL error with the INVALID code; never the database's text
        payload = (body.get("data") or {}).get(name)
        if kind == "mutation" and payload and payload.get("errors"):
            ok = payload["errors"] == [{"field": leaf, "code": invalid_code(name)}]
        else:
            codes = [
                e.get("extensions", {}).get("exception", {}).get("code")
                for e in body.get("errors", [])
            ]
            ok = codes == ["INVALID"]
        if not ok:
            failures.append((name, leaf, body))
    assert failures == []
    # and nothing anywhere was written
    assert row_counts() == before


def test_it_names_the_argument_path_of_a_nul_in_a_query(db: Any, api: Client) -> None:
    body = gql(
        api,
        """
        query Search($search: String) {
          products(first: 5, channel: "default-channel", filter: {search: $search}) {
            totalCount
          }
        }
        """,
        {"search": "mật\x00ong"},
    )
    assert body["data"] == {"products": None}
    (error,) = body["errors"]
    assert error["extensions"]["exception"]["code"] == "INVALID"
    assert error["extensions"]["field"] == "filter.search"
    assert "PostgreSQL" not in error["message"]


# --- The safety net behind the checks -----------------------------------------------------------


class _ProbeErrorCode(graphene.Enum):
    INVALID = "INVALID"
    GRAPHQL_ERROR = "GRAPHQL_ERROR"


class _ProbeError(graphene.ObjectType):
    field = graphene.String()
    message = graphene.String()
    code = graphene.Field(_ProbeErrorCode, required=True)


def _insert_too_long() -> None:
    """Hand PostgreSQL a value its column refuses, as a resolver without checks would (in a
    savepoint, as every mutation runs, so the test's transaction survives)."""
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("CREATE TEMPORARY TABLE IF NOT EXISTS input_limits_probe (v varchar(3))")
        cursor.execute("INSERT INTO input_limits_probe VALUES (%s)", ["longer than three"])


def _overflowing_schema() -> graphene.Schema:
    class Probe(graphene.Mutation):
        ok = graphene.Boolean()
        errors = graphene.List(graphene.NonNull(_ProbeError), required=True)

        @staticmethod
        def mutate(root: Any, info: Any) -> Any:
            _insert_too_long()
            return Probe(ok=True, errors=[])

    class Query(graphene.ObjectType):
        probe = graphene.String()

        @staticmethod
        def resolve_probe(root: Any, info: Any) -> str:
            _insert_too_long()
            return "unreachable"

    class Mutation(graphene.ObjectType):
        probe = Probe.Field()

    return graphene.Schema(query=Query, mutation=Mutation)


def test_it_turns_a_database_refusal_into_an_invalid_error_without_its_text(db: Any) -> None:
    probe = _overflowing_schema()
    middleware = [InputGuardMiddleware()]
    # when a mutation reaches the database with a value too long for a column
    done = probe.execute(
        "mutation { probe { ok errors { field code message } } }", middleware=middleware
    )
    # then it answers INVALID in its errors, with no database text
    assert done.errors is None
    assert done.data == {
        "probe": {
            "ok": None,
            "errors": [
                {
                    "field": None,
                    "code": "INVALID",
                    "message": "Giá trị không hợp lệ.",
                }
            ],
        }
    }
    # and a query answers a GraphQL error with the code
    read = probe.execute("{ probe }", middleware=middleware)
    assert [(e.message, e.extensions) for e in read.errors or []] == [
        (
            "Giá trị không hợp lệ.",
            {"exception": {"code": "INVALID"}},
        )
    ]


def test_it_leaves_valid_ids_of_missing_rows_to_the_types(db: Any, api: Client) -> None:
    missing = to_global_id("Checkout", str(uuid.uuid4()))
    assert gql(api, "query N($id: ID!) { node(id: $id) { id } }", {"id": missing}) == {
        "data": {"node": None}
    }
