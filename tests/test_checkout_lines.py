"""Cart lines: only listable products, never more than in stock, and whose cart it is."""

from __future__ import annotations

import datetime
from typing import Any

from django.test import Client
from django.utils import timezone

from catalog.models import CertificateStatus, OcopCertificate, ProductChannelListing
from checkout.models import Checkout, CheckoutLine
from orders.models import Order
from tests import factories
from tests.conftest import gql, token_for
from tests.helpers.checkout import (
    CHECKOUT_COMPLETE,
    CHECKOUT_QUERY,
    CUSTOMER_ATTACH,
    EMAIL_UPDATE,
    LINES_ADD,
    LINES_DELETE,
    LINES_UPDATE,
    checkout_id,
    create_checkout,
    variant_id,
)


def test_it_refuses_a_product_that_fails_the_listing_rule(db: Any, api: Client) -> None:
    # given a product whose certificate is still pending verification
    pending = factories.product(cert_status=CertificateStatus.PENDING).variants.get()
    # when a buyer tries to put it in a cart
    created = create_checkout(api, [(pending, 1)])
    # then it is refused as not published, naming the variant, and no cart is made
    assert created["checkout"] is None
    assert [(e["code"], e["variants"]) for e in created["errors"]] == [
        ("PRODUCT_NOT_PUBLISHED", [variant_id(pending)])
    ]
    assert Checkout.objects.count() == 0


def test_it_rechecks_the_listing_rule_at_completion(db: Any, api: Client) -> None:
    # given a ready checkout, then the product's certificate is revoked
    variant = factories.product().variants.get()
    checkout = factories.checkout([(variant, 1)])
    OcopCertificate.objects.filter(product=variant.product).update(status=CertificateStatus.REVOKED)
    # when the buyer completes it
    done = gql(api, CHECKOUT_COMPLETE, {"id": checkout_id(checkout)})["data"]["checkoutComplete"]
    # then the order is refused and names the variant
    assert [(e["code"], e["variants"]) for e in done["errors"]] == [
        ("PRODUCT_NOT_PUBLISHED", [variant_id(variant)])
    ]
    assert Order.objects.count() == 0


def test_it_refuses_a_product_unpublished_or_certificate_expired_meanwhile(
    db: Any, api: Client
) -> None:
    # given a cart, then the product is unpublished and another one's certificate lapses
    unpublished = factories.product().variants.get()
    expiring = factories.product().variants.get()
    checkout = factories.checkout([(unpublished, 1), (expiring, 1)])
    ProductChannelListing.objects.filter(product=unpublished.product).update(is_published=False)
    OcopCertificate.objects.filter(product=expiring.product).update(
        valid_until=timezone.localdate() - datetime.timedelta(days=1)
    )
    # when completing
    done = gql(api, CHECKOUT_COMPLETE, {"id": checkout_id(checkout)})["data"]["checkoutComplete"]
    # then both variants are named
    assert [e["code"] for e in done["errors"]] == ["PRODUCT_NOT_PUBLISHED"]
    assert sorted(done["errors"][0]["variants"]) == sorted(
        [variant_id(unpublished), variant_id(expiring)]
    )


def test_it_refuses_more_than_the_available_stock(db: Any, api: Client) -> None:
    # given 3 units on the shelf, 2 already in the cart
    variant = factories.product(stock=3).variants.get()
    created = create_checkout(api, [(variant, 2)])
    checkout = created["checkout"]["id"]
    # when 2 more are added
    added = gql(
        api,
        LINES_ADD,
        {"id": checkout, "lines": [{"variantId": variant_id(variant), "quantity": 2}]},
    )["data"]["checkoutLinesAdd"]
    # then the buyer is told there is not enough, and the cart still holds 2
    assert [(e["code"], e["field"]) for e in added["errors"]] == [
        ("INSUFFICIENT_STOCK", "quantity")
    ]
    assert CheckoutLine.objects.get().quantity == 2
    # and adding 1 merges into the same line
    one = gql(
        api,
        LINES_ADD,
        {"id": checkout, "lines": [{"variantId": variant_id(variant), "quantity": 1}]},
    )["data"]["checkoutLinesAdd"]
    assert one["errors"] == []
    assert [line["quantity"] for line in one["checkout"]["lines"]] == [3]


def test_it_limits_quantities_per_line(db: Any, api: Client) -> None:
    variant = factories.product(stock=100).variants.get()
    zero = create_checkout(api, [(variant, 0)])
    many = create_checkout(api, [(variant, 51)])
    assert [e["code"] for e in zero["errors"]] == ["ZERO_QUANTITY"]
    assert [e["code"] for e in many["errors"]] == ["QUANTITY_GREATER_THAN_LIMIT"]


def test_it_updates_and_deletes_lines(db: Any, api: Client) -> None:
    # given a cart with two products
    first, second = (factories.product().variants.get() for _ in range(2))
    created = create_checkout(api, [(first, 1), (second, 2)])
    checkout = created["checkout"]["id"]
    lines = {line["variant"]["id"]: line["id"] for line in created["checkout"]["lines"]}
    # when the first line is set to 4 and the second removed by setting 0
    updated = gql(
        api,
        LINES_UPDATE,
        {
            "id": checkout,
            "lines": [
                {"lineId": lines[variant_id(first)], "quantity": 4},
                {"lineId": lines[variant_id(second)], "quantity": 0},
            ],
        },
    )["data"]["checkoutLinesUpdate"]
    # then the cart holds 4 of the first
    assert updated["errors"] == []
    assert [(x["variant"]["id"], x["quantity"]) for x in updated["checkout"]["lines"]] == [
        (variant_id(first), 4)
    ]
    # and deleting the last line empties it; deleting it again is NOT_FOUND
    deleted = gql(api, LINES_DELETE, {"id": checkout, "ids": [lines[variant_id(first)]]})
    again = gql(api, LINES_DELETE, {"id": checkout, "ids": [lines[variant_id(first)]]})
    assert deleted["data"]["checkoutLinesDelete"]["checkout"]["lines"] == []
    assert [e["code"] for e in again["data"]["checkoutLinesDelete"]["errors"]] == ["NOT_FOUND"]


def test_it_keeps_a_signed_in_buyers_cart_to_that_buyer(db: Any, api: Client) -> None:
    # given a cart created by a signed-in buyer
    buyer, stranger = factories.user(), factories.user()
    variant = factories.product().variants.get()
    created = create_checkout(api, [(variant, 1)], token_for(buyer))
    checkout = created["checkout"]["id"]
    # when a stranger (or nobody) reads or changes it
    read = gql(api, CHECKOUT_QUERY, {"id": checkout}, token_for(stranger))["data"]["checkout"]
    anonymous = gql(api, CHECKOUT_QUERY, {"id": checkout})["data"]["checkout"]
    changed = gql(api, EMAIL_UPDATE, {"id": checkout, "email": "x@ocop.test"}, token_for(stranger))[
        "data"
    ]["checkoutEmailUpdate"]
    completed = gql(api, CHECKOUT_COMPLETE, {"id": checkout}, token_for(stranger))["data"][
        "checkoutComplete"
    ]
    # then it is not found for them and unchanged
    assert (read, anonymous) == (None, None)
    assert [e["code"] for e in changed["errors"]] == ["NOT_FOUND"]
    assert [e["code"] for e in completed["errors"]] == ["NOT_FOUND"]
    assert Checkout.objects.get().email == buyer.email
    # and its buyer reads it
    mine = gql(api, CHECKOUT_QUERY, {"id": checkout}, token_for(buyer))["data"]["checkout"]
    assert mine["email"] == buyer.email


def test_it_attaches_an_anonymous_cart_to_the_buyer_who_signs_in(db: Any, api: Client) -> None:
    # given an anonymous cart
    variant = factories.product().variants.get()
    checkout = create_checkout(api, [(variant, 1)])["checkout"]["id"]
    buyer = factories.user("an@ocop.test")
    # when the buyer signs in and attaches it; and when nobody is signed in
    attached = gql(api, CUSTOMER_ATTACH, {"id": checkout}, token_for(buyer))["data"][
        "checkoutCustomerAttach"
    ]
    anonymous = gql(api, CUSTOMER_ATTACH, {"id": checkout})
    # then it is the buyer's, with their email; the anonymous call is an auth error
    assert attached["errors"] == []
    assert attached["checkout"]["user"] == {"email": "an@ocop.test"}
    assert attached["checkout"]["email"] == "an@ocop.test"
    assert anonymous["data"]["checkoutCustomerAttach"] is None
    assert len(anonymous["errors"]) == 1


def test_it_serves_the_other_saleor_checkout_mutations(db: Any, api: Client) -> None:
    # given a cart with two lines, a delivery method and a signed-in owner
    buyer = factories.user()
    token = token_for(buyer)
    first, second = (factories.product().variants.get() for _ in range(2))
    created = create_checkout(api, [(first, 1), (second, 1)], token)
    checkout = created["checkout"]["id"]
    line = created["checkout"]["lines"][0]["id"]
    factories.shipping_method(first.product.seller, name="Tiêu chuẩn")
    mutation = """
    mutation($id: ID!, $line: ID!) {
      checkoutLineDelete(id: $id, lineId: $line) { checkout { lines { id } } errors { code } }
      checkoutAddPromoCode(id: $id, promoCode: "GIAM10") { errors { field code } }
      checkoutRemovePromoCode(id: $id, promoCode: "GIAM10") { checkout { id } errors { code } }
      deliveryOptionsCalculate(id: $id) { deliveries { shippingMethod { name } } errors { code } }
      checkoutCustomerDetach(id: $id) { checkout { user { email } } errors { code } }
    }
    """
    # when the Saleor storefront's other checkout mutations are called
    body = gql(api, mutation, {"id": checkout, "line": line}, token)["data"]
    # then each answers as Saleor would
    assert [x["id"] for x in body["checkoutLineDelete"]["checkout"]["lines"]] != [line]
    assert len(body["checkoutLineDelete"]["checkout"]["lines"]) == 1
    assert body["checkoutAddPromoCode"]["errors"] == [{"field": "promoCode", "code": "INVALID"}]
    assert body["checkoutRemovePromoCode"]["errors"] == []
    assert body["deliveryOptionsCalculate"]["errors"] == []
    assert body["checkoutCustomerDetach"]["checkout"]["user"] is None
    assert Checkout.objects.get().user_id is None
