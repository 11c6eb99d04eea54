"""Order GraphQL documents and builders shared by the checkout, order and payment tests."""

from __future__ import annotations

from typing import Any

import graphene

from tests import factories

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

ORDER_QUERY = f"query Order($id: ID) {{ order(id: $id) {{ {ORDER_FIELDS} }} }}"

# What a seller's order mutations answer (tests/test_order_actions.py and the payment tests).
ORDER_RESULT = """
order { id status isPaid paymentStatus trackingNumber carrier deliveredAt cancelReason
        totalRefunded { amount }
        lines { id quantity quantityFulfilled }
        fulfillments { fulfillmentOrder status trackingNumber carrier lines { quantity } }
        events { type message } }
errors { field message code }
"""
ORDER_CANCEL = (
    f"mutation($id: ID!, $reason: String) {{ orderCancel(id: $id, reason: $reason) {{ "
    f"{ORDER_RESULT} }} }}"
)


def order_id(order: Any) -> str:
    return graphene.Node.to_global_id("Order", order.pk)


def two_seller_checkout() -> Any:
    """A ready checkout with one line from each of two sellers (it completes into a group)."""
    seller_a = factories.seller(owner=factories.user("a-owner@ocop.test"))
    seller_b = factories.seller(owner=factories.user("b-owner@ocop.test"))
    lines = [
        (factories.product(owner=seller_a).variants.get(), 1),
        (factories.product(owner=seller_b).variants.get(), 2),
    ]
    return factories.checkout(lines, email="buyer@ocop.test")
