"""The demo's delivered orders read like real ones: each has a delivery address in a real
ward with a phone, so its packing slip and shipping label are complete."""

from __future__ import annotations

from typing import Any

from orders.models import Order


def test_it_gives_every_demo_order_a_delivery_address_with_ward_and_phone(
    demo_catalog: Any,
) -> None:
    # given the demo data
    orders = list(Order.objects.select_related("shipping_address__ward"))
    # then every order has an address in Hoàn Kiếm with a Vietnamese mobile number
    assert orders
    for order in orders:
        address = order.shipping_address
        assert address is not None, order.number
        assert address.ward is not None and address.ward.name == "Hoàn Kiếm"
        assert address.phone.startswith("+8498") and len(address.phone) == 12
        assert address.street_address_1.endswith("phố Hàng Bạc")
