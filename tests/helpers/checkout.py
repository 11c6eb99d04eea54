"""Checkout GraphQL documents and small drivers shared by the checkout, order and payment tests."""

from __future__ import annotations

from typing import Any

import graphene
from django.test import Client

from tests.conftest import gql
from tests.helpers.orders import ORDER_FIELDS

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


def variant_id(variant: Any) -> str:
    return graphene.Node.to_global_id("ProductVariant", variant.pk)


def checkout_id(checkout: Any) -> str:
    return graphene.Node.to_global_id("Checkout", checkout.pk)


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
