"""The demo's delivered orders read like real ones: each has a delivery address in a real
ward with a phone, so its packing slip and shipping label are complete, and its ward and
province names are stored as a checked address stores them (the API's `city` and
`countryArea`, which Saleor's storefront prints on the order page). Each was fulfilled in
one parcel holding its line, as the seller centre fulfils one (the storefront's order
timeline)."""

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
        assert (address.city, address.country_area) == ("Phường Hoàn Kiếm", "Thành phố Hà Nội")


def test_it_gives_every_demo_order_the_parcel_it_was_fulfilled_in(demo_catalog: Any) -> None:
    # given the demo's orders, all fulfilled
    orders = list(Order.objects.prefetch_related("fulfillments__lines", "lines"))
    assert orders and {o.status for o in orders} == {"fulfilled"}
    for order in orders:
        # then each has one parcel, made when it was fulfilled, holding its one line
        [parcel] = order.fulfillments.all()
        assert (parcel.fulfillment_order, parcel.status) == (1, "fulfilled")
        assert parcel.created_at == order.fulfilled_at
        [line] = order.lines.all()
        assert [(pl.order_line_id, pl.quantity) for pl in parcel.lines.all()] == [(line.pk, 1)]
