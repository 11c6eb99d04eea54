"""Query limits: abusive documents are refused before they run, cheaply, while
the storefront's heaviest legitimate queries (Saleor storefront shapes) stay under them."""

from __future__ import annotations

import gc
import json
import time
from typing import Any

import graphene
import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from graphql import OperationDefinitionNode, get_introspection_query, parse, validate

from storefront_api.core.query_limits import (
    QueryLimits,
    limit_errors,
    measure_operation,
    query_limit_rules,
)
from storefront_api.schema import schema
from tests import factories
from tests.conftest import gql

# --- The storefront's heaviest legitimate documents ---------------------------------------------

# The refusals must stay cheap; measured in CPU seconds of this process, not wall time, so a
# busy machine does not fail them: an unrefused attack of these tests costs many seconds.
CHEAP_CPU_SECONDS = 0.25

PRODUCT_CARD = """
fragment ProductCard on Product {
  id name slug isAvailableForPurchase
  thumbnail(size: 512, format: WEBP) { url alt }
  category { id name slug }
  pricing {
    onSale
    priceRange {
      start { gross { amount currency } net { amount } }
      stop { gross { amount currency } }
    }
    priceRangeUndiscounted { start { gross { amount currency } } }
  }
  ocopCertificate { stars issuerLevel validUntil }
  seller { id name slug province { code name } }
  originProvince { code name }
  variants { id name quantityAvailable pricing { price { gross { amount currency } } } }
}
"""

# A category or listing page at the largest page Saleor allows.
PRODUCT_LIST = (
    """
query ProductList($first: Int!, $after: String, $channel: String!, $filter: ProductFilterInput,
                  $sortBy: ProductOrder) {
  products(first: $first, after: $after, channel: $channel, filter: $filter, sortBy: $sortBy) {
    totalCount
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    edges { cursor node { ...ProductCard } }
  }
}
"""
    + PRODUCT_CARD
)

# The product page: details, gallery, variants, certificate, the seller's stall with more of
# its products, and related products of the same category.
PRODUCT_PAGE = (
    """
query ProductPage($slug: String!, $channel: String!) {
  product(slug: $slug, channel: $channel) {
    ...ProductCard
    description seoTitle seoDescription rating updatedAt
    productType { id name }
    media { id url(size: 1024, format: WEBP) alt type sortOrder }
    defaultVariant { id sku }
    variants {
      id sku name quantityAvailable trackInventory
      weight { unit value }
      pricing { onSale price { gross { amount currency } net { amount } tax { amount } }
                priceUndiscounted { gross { amount currency } } discount { gross { amount } } }
    }
    ocopCertificate { stars decisionNumber certificateNumber issuerLevel issuerName issuedAt
                      validUntil status productGroup province { code name } }
    category {
      id name slug parent { id name slug }
      products(first: 8, channel: $channel) { edges { node { ...ProductCard } } }
    }
    seller {
      id name slug stallName kind kindDisplay story
      logo { url alt }
      province { code name }
      products(first: 8, channel: $channel) { totalCount edges { node { ...ProductCard } } }
    }
  }
}
"""
    + PRODUCT_CARD
)

ADDRESS = """
fragment AddressDetails on Address {
  id firstName lastName companyName streetAddress1 streetAddress2 city cityArea postalCode
  countryArea phone country { code country } province { code name } ward { code name }
}
"""

# The checkout page: lines with their products, each seller's delivery choices, addresses,
# payment gateways and every total.
CHECKOUT = (
    """
query CheckoutPage($id: ID!) {
  checkout(id: $id) {
    id token email quantity isShippingRequired chargeStatus authorizeStatus
    stockReservationExpires displayGrossPrices languageCode customerNote
    user { id email }
    lines {
      id quantity requiresShipping isGift
      variant {
        id name sku quantityAvailable
        pricing { price { gross { amount currency } } }
        product { id name slug thumbnail(size: 256) { url alt }
                  seller { name slug } ocopCertificate { stars } }
      }
      unitPrice { gross { amount currency } net { amount } tax { amount } }
      undiscountedUnitPrice { amount currency }
      totalPrice { gross { amount currency } net { amount } tax { amount } }
      undiscountedTotalPrice { amount currency }
    }
    shippingAddress { ...AddressDetails }
    billingAddress { ...AddressDetails }
    shippingMethods { id name price { amount currency } minimumDeliveryDays
                      maximumDeliveryDays serviceLevel seller { slug } }
    delivery { id shippingMethod { id name price { amount currency } } }
    deliveryMethod { ... on ShippingMethod { id name } }
    sellerDeliveries {
      seller { id name slug }
      isShippingRequired
      lines { id quantity }
      shippingMethods { id name price { amount currency } minimumDeliveryDays
                        maximumDeliveryDays serviceLevel isDefault freeAbove { amount } }
      shippingMethod { id name }
      subtotalPrice { gross { amount currency } }
      shippingPrice { gross { amount currency } }
      totalPrice { gross { amount currency } }
    }
    availablePaymentGateways { id name currencies config { field value } }
    discount { amount currency }
    subtotalPrice { gross { amount currency } net { amount } tax { amount } }
    shippingPrice { gross { amount currency } }
    totalPrice { gross { amount currency } net { amount } tax { amount } }
    totalBalance { amount currency }
  }
}
"""
    + ADDRESS
)

# Search with every facet, highlights and suggestions, at its largest page (20).
SEARCH = (
    """
query Search($query: String, $channel: String!, $filter: ProductSearchFilterInput,
             $first: Int, $after: String) {
  searchProducts(query: $query, channel: $channel, filter: $filter, first: $first,
                 after: $after) {
    totalCount backend fuzzy
    results {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { cursor score highlights { field snippet } node { ...ProductCard } }
    }
    facets {
      categories { value label count selected }
      provinces { value label count selected }
      stars { value label count selected }
      priceRanges { label gte lte count selected }
      sellerKinds { value label count selected }
      inStock { value label count selected }
    }
    suggestions { text kind productId slug provinceCode legacyName }
  }
  searchSuggestions(query: "mat ong", channel: $channel, first: 5) { text kind slug }
}
"""
    + PRODUCT_CARD
)

# A home page: several root fields, aliases, featured collections with their products.
HOME = (
    """
query Home($channel: String!) {
  featured: collections(first: 6, channel: $channel) {
    edges { node { id name slug products(first: 12, channel: $channel) {
      edges { node { ...ProductCard } } } } }
  }
  newest: products(first: 24, channel: $channel, sortBy: {field: CREATED_AT, direction: DESC}) {
    edges { node { ...ProductCard } }
  }
  menu: categories(level: 0, first: 20) {
    edges { node { id name slug children(first: 20) { edges { node { id name slug } } } } }
  }
  provinces { code name }
  live: livestreams(first: 5) { edges { node { id title status } } }
}
"""
    + PRODUCT_CARD
)

LEGITIMATE: dict[str, tuple[str, dict[str, Any]]] = {
    "product list (first: 100)": (PRODUCT_LIST, {"first": 100, "channel": "default-channel"}),
    "product page": (PRODUCT_PAGE, {"slug": "x", "channel": "default-channel"}),
    "checkout": (CHECKOUT, {"id": "x"}),
    "search with facets": (SEARCH, {"query": "mật ong", "channel": "default-channel", "first": 20}),
    "home page": (HOME, {"channel": "default-channel"}),
}


def _measure(document: str, variables: dict[str, Any]) -> Any:
    parsed = parse(document)
    (operation,) = [d for d in parsed.definitions if isinstance(d, OperationDefinitionNode)]
    return measure_operation(schema.graphql_schema, parsed, operation, variables)


@pytest.fixture
def api(db: Any) -> Client:
    """A client whose process has answered once already, so timings measure the request
    (the first request of a process builds the middleware chain and checks the schema)."""
    client = Client()
    assert _post(client, "{ __typename }").status_code == 200
    return client


def _post(client: Client, query: str, variables: dict[str, Any] | None = None) -> Any:
    return client.post(
        "/graphql/",
        data=json.dumps({"query": query, "variables": variables or {}}),
        content_type="application/json",
    )


def _codes(body: dict[str, Any]) -> list[str]:
    return [e["extensions"]["exception"]["code"] for e in body["errors"]]


def _products(selection: str, first: int = 1, alias: str = "") -> str:
    """`products(first: …) { edges { node { selection } } }`, optionally aliased."""
    field = f"{alias}: products" if alias else "products"
    arguments = f'(first: {first}, channel: "default-channel")'
    return f"{field}{arguments} {{ edges {{ node {{ {selection} }} }} }}"


def _nested_categories(levels: int, first: int) -> str:
    inner = "name"
    for _ in range(levels):
        inner = f"category {{ products(first: {first}) {{ edges {{ node {{ {inner} }} }} }} }}"
    # The outermost level starts from a category, as the attack did.
    return "{ " + inner.replace("category {", 'category(slug: "c") {', 1) + " }"


# --- Legitimate queries -----------------------------------------------------------------------


@pytest.mark.parametrize("name", list(LEGITIMATE))
def test_it_keeps_the_heaviest_legitimate_queries_under_every_limit(name: str) -> None:
    # given one of the storefront's heaviest documents, valid against the schema
    document, variables = LEGITIMATE[name]
    assert validate(schema.graphql_schema, parse(document)) == []
    # when it is measured
    measure = _measure(document, variables)
    # then it is within every default limit, with room to spare on cost
    limits = QueryLimits.from_settings()
    assert measure.depth <= limits.max_depth
    assert measure.aliases <= limits.max_aliases
    assert measure.root_fields <= limits.max_root_fields
    assert measure.duplicates <= limits.max_duplicate_fields
    assert measure.cost <= limits.max_cost // 2
    assert limit_errors(schema.graphql_schema, parse(document), variables) == []


def test_it_prices_the_heaviest_legitimate_queries_as_documented() -> None:
    # given the legitimate documents, when measured, then their costs are these (the
    # README quotes the heaviest; a change to the cost model shows here)
    costs = {name: _measure(doc, variables).cost for name, (doc, variables) in LEGITIMATE.items()}
    assert costs == {
        "product list (first: 100)": 2100,
        "product page": 378,
        "checkout": 63,
        "search with facets": 625,
        "home page": 2448,
    }


def test_it_answers_the_product_list_at_first_100_in_full(db: Any, api: Client) -> None:
    # given 3 listed products
    for _ in range(3):
        factories.product()
    # when the storefront asks its heaviest list at the largest page
    document, variables = LEGITIMATE["product list (first: 100)"]
    body = gql(api, document, variables)
    # then it runs and answers every product
    assert "errors" not in body, body
    assert body["data"]["products"]["totalCount"] == 3
    assert len(body["data"]["products"]["edges"]) == 3


def test_it_answers_the_product_page_and_the_home_page(db: Any, api: Client) -> None:
    # given a listed product
    product = factories.product()
    # when the storefront asks its product page and its home page
    page = gql(api, PRODUCT_PAGE, {"slug": product.slug, "channel": "default-channel"})
    home = gql(api, HOME, {"channel": "default-channel"})
    # then both run
    assert "errors" not in page, page
    assert page["data"]["product"]["slug"] == product.slug
    assert "errors" not in home, home
    assert [e["node"]["slug"] for e in home["data"]["newest"]["edges"]] == [product.slug]


def test_it_answers_the_checkout_page(db: Any, api: Client) -> None:
    # given a checkout with a line, an address and a delivery method
    variant = factories.product(price=100_000).variants.get()
    checkout = factories.checkout([(variant, 2)])
    # when the storefront asks its checkout page
    body = gql(api, CHECKOUT, {"id": graphene.Node.to_global_id("Checkout", checkout.pk)})
    # then it runs with lines, delivery and totals
    assert "errors" not in body, body
    data = body["data"]["checkout"]
    assert [line["quantity"] for line in data["lines"]] == [2]
    assert data["subtotalPrice"]["gross"]["amount"] == 200_000
    assert len(data["sellerDeliveries"]) == 1


# --- Abusive queries --------------------------------------------------------------------------


def test_it_refuses_the_five_deep_category_products_nesting_before_running_it(
    db: Any, api: Client
) -> None:
    # given the attack: category → products(first: 5) → category → … five deep
    query = _nested_categories(levels=5, first=5)
    # when it is posted
    with CaptureQueriesContext(connection) as queries:
        gc.collect()  # not inside the measured call
        started = time.process_time()
        response = _post(api, query)
        elapsed = time.process_time() - started
    # then it is refused as too deep, with no data, no SQL, in a fraction of a second of CPU
    body = response.json()
    assert response.status_code == 400
    assert _codes(body) == ["QUERY_TOO_DEEP"]
    assert "data" not in body
    assert len(queries) == 0
    assert elapsed < CHEAP_CPU_SECONDS


def test_it_refuses_500_aliases_of_products_first_100(db: Any, api: Client) -> None:
    # given the attack: 500 aliases of products(first: 100) in one document
    query = "{ " + " ".join(_products("name", 100, alias=f"p{i}") for i in range(500)) + " }"
    # when it is posted
    with CaptureQueriesContext(connection) as queries:
        gc.collect()  # not inside the measured call
        started = time.process_time()
        response = _post(api, query)
        elapsed = time.process_time() - started
    # then the parser stops at the token limit: refused, nothing ran, a fraction of a second of CPU
    body = response.json()
    assert response.status_code == 400
    assert _codes(body) == ["QUERY_TOO_LARGE"]
    assert len(queries) == 0
    assert elapsed < CHEAP_CPU_SECONDS


def test_it_refuses_too_many_aliases_within_the_size_limit(db: Any, api: Client) -> None:
    # given 31 aliases of a cheap field under one root field (the limit is 30)
    aliases = " ".join(f"n{i}: name" for i in range(31))
    query = "{ " + _products(aliases) + " }"
    # when it is posted
    gc.collect()  # not inside the measured call
    started = time.process_time()
    response = _post(api, query)
    elapsed = time.process_time() - started
    # then it is refused for its aliases only
    assert response.status_code == 400
    assert _codes(response.json()) == ["TOO_MANY_ALIASES"]
    assert elapsed < CHEAP_CPU_SECONDS


def test_it_refuses_too_many_root_fields(db: Any, api: Client) -> None:
    # given 21 root fields (the limit is 20), each cheap, 21 aliases (under 30)
    query = "{ " + " ".join(f"p{i}: provinces {{ code }}" for i in range(21)) + " }"
    # when it is posted
    response = _post(api, query)
    # then it is refused for its root fields only
    assert response.status_code == 400
    assert _codes(response.json()) == ["TOO_MANY_ROOT_FIELDS"]


def test_it_refuses_nested_connections_whose_pages_multiply(db: Any, api: Client) -> None:
    # given two nested connections of 100 within the depth limit: 100 × (1 + 1 + 100)
    query = _nested_categories(levels=2, first=100)
    # when it is posted
    response = _post(api, query)
    # then it is refused for its cost, which the error reports as Saleor does
    body = response.json()
    assert response.status_code == 400
    assert _codes(body) == ["QUERY_TOO_COMPLEX"]
    assert body["errors"][0]["extensions"]["cost"] == {
        "requestedQueryCost": 1 + 100 * (1 + 1 + 100),
        "maximumAvailable": 5000,
    }


def test_it_takes_first_from_variables_their_defaults_and_fragments(db: Any, api: Client) -> None:
    # given the same nested connections, sized by a variable, a default and a fragment
    query = """
    query Nested($outer: Int, $inner: Int = 100) {
      category(slug: "c") { products(first: $outer) { edges { node { ...Inner } } } }
    }
    fragment Inner on Product {
      category { products(first: $inner) { edges { node { name } } } }
    }
    """
    # when posted with a small page, then it passes the limits (and simply finds nothing)
    small = _post(api, query, {"outer": 10, "inner": 10})
    assert small.status_code == 200, small.json()
    assert small.json()["data"] == {"category": None}
    # when posted with large pages (the inner one by its default), then it is refused
    large = _post(api, query, {"outer": 100})
    assert _codes(large.json()) == ["QUERY_TOO_COMPLEX"]
    assert large.json()["errors"][0]["extensions"]["cost"]["requestedQueryCost"] == 1 + 100 * (
        1 + 1 + 100
    )


def test_it_measures_a_fragment_bomb_once_per_fragment(db: Any, api: Client) -> None:
    # given fragments that each spread the previous one twice, 20 levels: expanded, 2**20
    # copies of the innermost aliased field, in a document of a few hundred tokens
    fragments = ["fragment F0 on Product { x: name }"]
    for i in range(1, 21):
        twice = f"... on Product {{ ...F{i - 1} }} " * 2
        fragments.append(f"fragment F{i} on Product {{ {twice}}}")
    query = "{ " + _products("...F20") + " }\n" + "\n".join(fragments)
    # when it is posted
    gc.collect()  # not inside the measured call
    started = time.process_time()
    response = _post(api, query)
    elapsed = time.process_time() - started
    # then it is refused for what it expands to, as fast as a small document
    assert _codes(response.json()) == ["TOO_MANY_ALIASES", "QUERY_TOO_COMPLEX"]
    assert elapsed < CHEAP_CPU_SECONDS


def test_it_refuses_a_field_selected_hundreds_of_times(db: Any, api: Client) -> None:
    # given one field selected 200 times in one selection set, within the size limit
    # (graphql-core's validation compares such fields pairwise: 20k comparisons)
    repeated = " ".join(["category { name }"] * 200)
    query = "{ " + _products(repeated) + " }"
    # when it is posted
    gc.collect()  # not inside the measured call
    started = time.process_time()
    response = _post(api, query)
    elapsed = time.process_time() - started
    # then it is refused before graphql-core's own validation
    assert _codes(response.json()) == ["QUERY_TOO_COMPLEX"]
    assert elapsed < CHEAP_CPU_SECONDS


def test_it_allows_the_standard_introspection_query_but_not_an_introspection_bomb(
    db: Any, api: Client, settings: Any
) -> None:
    # given introspection enabled (demo mode)
    settings.GRAPHQL_INTROSPECTION = True
    # when GraphiQL's introspection query is posted, then it is answered
    standard = _post(api, get_introspection_query(descriptions=True))
    assert standard.status_code == 200
    assert "errors" not in standard.json()
    # when type members are expanded within type members, then it is refused
    bomb = _post(api, "{ __schema { types { fields { type { fields { type { name } } } } } } }")
    assert _codes(bomb.json()) == ["QUERY_TOO_COMPLEX"]


def test_it_reads_the_limits_from_settings(db: Any, api: Client, settings: Any) -> None:
    # given a lower depth limit
    settings.GRAPHQL_MAX_DEPTH = 3
    # when a depth-4 query is posted, then it is refused; depth 3 passes
    deep = _post(api, "{ " + _products("name") + " }")
    assert _codes(deep.json()) == ["QUERY_TOO_DEEP"]
    ok = _post(api, "{ provinces { code } }")
    assert ok.status_code == 200


def test_it_offers_the_limits_as_graphql_core_validation_rules() -> None:
    # given the rules for a request's variables
    rules = query_limit_rules({"first": 100})
    # when a document beyond the cost limit is validated with them
    query = _nested_categories(levels=2, first=100)
    errors = validate(schema.graphql_schema, parse(query), rules)
    # then they report the same refusal as the view
    assert [(e.extensions or {})["exception"]["code"] for e in errors] == ["QUERY_TOO_COMPLEX"]
