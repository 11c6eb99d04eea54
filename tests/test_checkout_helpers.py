"""GraphQL documents and small drivers shared by the checkout, order and payment tests
(no tests here; the name keeps it among the checkout test files)."""

from __future__ import annotations

from typing import Any

import graphene
import pytest
from django.test import Client

from tests.conftest import gql

CHECKOUT_FIELDS = """
  id token email quantity isShippingRequired
  lines { id quantity variant { id sku } unitPrice { gross { amount currency } }
          totalPrice { gross { amount } } }
  shippingAddress { firstName lastName streetAddress1 city countryArea phone
                    country { code country } province { code name } ward { code name } }
  shippingMethods { id name price { amount } seller { slug } serviceLevel }
  deliveryMethod { ... on ShippingMethod { id name } }
  delivery { shippingMethod { id name } }
  sellerDeliveries { seller { slug } shippingMethod { id name price { amount } }
                     subtotalPrice { gross { amount } } shippingPrice { gross { amount } } }
  subtotalPrice { gross { amount currency } }
  shippingPrice { gross { amount } }
  totalPrice { gross { amount currency } }
  availablePaymentGateways { id name currencies }
"""

ERRORS = "errors { field message code variants lines addressType }"

CHECKOUT_CREATE = f"""
mutation Create($input: CheckoutCreateInput!) {{
  checkoutCreate(input: $input) {{ checkout {{ {CHECKOUT_FIELDS} }} {ERRORS} }}
}}
"""

LINES_ADD = f"""
mutation Add($id: ID!, $lines: [CheckoutLineInput!]!) {{
  checkoutLinesAdd(id: $id, lines: $lines) {{ checkout {{ {CHECKOUT_FIELDS} }} {ERRORS} }}
}}
"""

LINES_UPDATE = f"""
mutation Update($id: ID!, $lines: [CheckoutLineUpdateInput!]!) {{
  checkoutLinesUpdate(id: $id, lines: $lines) {{ checkout {{ {CHECKOUT_FIELDS} }} {ERRORS} }}
}}
"""

LINES_DELETE = f"""
mutation Delete($id: ID!, $ids: [ID!]!) {{
  checkoutLinesDelete(id: $id, linesIds: $ids) {{ checkout {{ {CHECKOUT_FIELDS} }} {ERRORS} }}
}}
"""

EMAIL_UPDATE = f"""
mutation Email($id: ID!, $email: String!) {{
  checkoutEmailUpdate(id: $id, email: $email) {{ checkout {{ id email }} {ERRORS} }}
}}
"""

SHIPPING_ADDRESS_UPDATE = f"""
mutation Ship($id: ID!, $address: AddressInput!) {{
  checkoutShippingAddressUpdate(id: $id, shippingAddress: $address) {{
    checkout {{ {CHECKOUT_FIELDS} }} {ERRORS}
  }}
}}
"""

BILLING_ADDRESS_UPDATE = f"""
mutation Bill($id: ID!, $address: AddressInput!) {{
  checkoutBillingAddressUpdate(id: $id, billingAddress: $address) {{
    checkout {{ id billingAddress {{ city countryArea phone }} }} {ERRORS}
  }}
}}
"""

DELIVERY_METHOD_UPDATE = f"""
mutation Deliver($id: ID!, $method: ID) {{
  checkoutDeliveryMethodUpdate(id: $id, deliveryMethodId: $method) {{
    checkout {{ {CHECKOUT_FIELDS} }} {ERRORS}
  }}
}}
"""

SELLER_DELIVERY_UPDATE = f"""
mutation DeliverEach($id: ID!, $methods: [ID!]!) {{
  checkoutSellerDeliveryMethodsUpdate(id: $id, deliveryMethodIds: $methods) {{
    checkout {{ {CHECKOUT_FIELDS} }} {ERRORS}
  }}
}}
"""

CUSTOMER_ATTACH = f"""
mutation Attach($id: ID!) {{
  checkoutCustomerAttach(id: $id) {{ checkout {{ id email user {{ email }} }} {ERRORS} }}
}}
"""

ORDER_FIELDS = """
  id number status paymentStatus chargeStatus isPaid userEmail
  seller { slug }
  lines { productName variantName productSku quantity quantityFulfilled
          unitPrice { gross { amount } } totalPrice { gross { amount } } }
  shippingMethodName shippingPrice { gross { amount } }
  subtotal { gross { amount } } total { gross { amount currency } }
  totalCharged { amount }
  shippingAddress { city countryArea phone streetAddress1 }
  events { type message }
  orderGroup { id number total { gross { amount } } orders { number seller { slug } } }
"""

CHECKOUT_COMPLETE = f"""
mutation Complete($id: ID!) {{
  checkoutComplete(id: $id) {{
    order {{ {ORDER_FIELDS} }}
    confirmationNeeded
    {ERRORS}
  }}
}}
"""

CHECKOUT_QUERY = f"query Checkout($id: ID) {{ checkout(id: $id) {{ {CHECKOUT_FIELDS} }} }}"

ORDER_QUERY = f"query Order($id: ID) {{ order(id: $id) {{ {ORDER_FIELDS} }} }}"

TRANSACTION_INITIALIZE = """
mutation Pay($id: ID!, $gateway: PaymentGatewayToInitialize!, $key: String) {
  transactionInitialize(id: $id, paymentGateway: $gateway, idempotencyKey: $key) {
    transaction { id token pspReference gateway chargedAmount { amount }
                  events { type pspReference } }
    transactionEvent { type pspReference amount { amount } }
    data
    errors { field message code }
  }
}
"""


def variant_id(variant: Any) -> str:
    return graphene.Node.to_global_id("ProductVariant", variant.pk)


def checkout_id(checkout: Any) -> str:
    return graphene.Node.to_global_id("Checkout", checkout.pk)


def order_id(order: Any) -> str:
    return graphene.Node.to_global_id("Order", order.pk)


def create_checkout(
    api: Client, lines: list[tuple[Any, int]], token: str | None = None, **input: Any
) -> dict[str, Any]:
    body = gql(
        api,
        CHECKOUT_CREATE,
        {
            "input": {
                "channel": "default-channel",
                "lines": [{"variantId": variant_id(v), "quantity": q} for v, q in lines],
                **input,
            }
        },
        token,
    )
    return body["data"]["checkoutCreate"]


# --- Stripe webhooks, signed as Stripe does ------------------------------------------------


def stripe_event(type: str, obj: dict[str, Any], event_id: str | None = None) -> dict[str, Any]:
    import time
    import uuid

    return {
        "id": event_id or f"evt_{uuid.uuid4().hex[:24]}",
        "object": "event",
        "api_version": "2024-06-20",
        "created": int(time.time()),
        "livemode": False,
        "pending_webhooks": 1,
        "type": type,
        "data": {"object": obj},
    }


def intent_object(
    intent_id: str, amount: int, status: str, metadata: dict[str, str] | None = None
) -> dict[str, Any]:
    return {
        "id": intent_id,
        "object": "payment_intent",
        "amount": amount,
        "amount_received": amount if status == "succeeded" else 0,
        "currency": "vnd",
        "status": status,
        "metadata": metadata or {},
        "last_payment_error": {"message": "Thẻ bị từ chối"}
        if status == "requires_payment_method"
        else None,
    }


def charge_object(intent_id: str, amount: int, refunded: int) -> dict[str, Any]:
    return {
        "id": f"ch_{intent_id[3:]}",
        "object": "charge",
        "payment_intent": intent_id,
        "amount": amount,
        "amount_refunded": refunded,
        "refunded": refunded >= amount,
        "currency": "vnd",
    }


def signature(payload: str, secret: str, timestamp: int | None = None) -> str:
    """The Stripe-Signature header: t=…,v1=HMAC-SHA256(secret, f"{t}.{payload}")."""
    import hashlib
    import hmac
    import time

    t = timestamp if timestamp is not None else int(time.time())
    digest = hmac.new(secret.encode(), f"{t}.{payload}".encode(), hashlib.sha256).hexdigest()
    return f"t={t},v1={digest}"


def post_webhook(api: Client, event: dict[str, Any], secret: str | None = None) -> Any:
    import json

    from django.conf import settings

    payload = json.dumps(event)
    return api.post(
        "/webhooks/stripe/",
        data=payload,
        content_type="application/json",
        HTTP_STRIPE_SIGNATURE=signature(payload, secret or settings.STRIPE_WEBHOOK_SECRET),
    )


# --- Transactional tests ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def empty_database(django_db_setup: Any, django_db_blocker: Any) -> Any:
    """Empty every table (without re-running post_migrate) before a module of
    `serialized_rollback` tests, so restoring the serialized rows cannot collide.

    A transactional test WITHOUT serialized_rollback (tests/test_healthz.py has one) ends with
    a flush that re-creates content types and permissions with new ids; every serialized test
    after it then fails restoring them (duplicate key). Module-scoped, so it runs before the
    per-test database fixture.
    """
    from django.core.management import call_command

    with django_db_blocker.unblock():
        call_command("flush", interactive=False, inhibit_post_migrate=True, verbosity=0)
    yield
