"""A cart in a browser session, as the cart pages leave it: a domain checkout whose token
is in `request.session["checkout_token"]`, filled with products of one or two sellers."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.test import Client

from catalog.models import Product
from checkout.actions import do_create_checkout
from checkout.lines import LineChange
from checkout.models import Checkout, ShippingMethod
from sellers.models import Seller
from tests import factories

# What a guest types at checkout for a parcel to Điện Biên.
GUEST_FORM = {
    "email": "khach@ocop.test",
    "name": "Lò Thị Hoa",
    "phone": "0912 345 678",
    "street": "12 Trần Phú",
    "province": "Điện Biên",
    "ward": "Điện Biên Phủ",
    "payment": "cod",
}


@dataclass
class Cart:
    checkout: Checkout
    products: list[Product]
    sellers: list[Seller]
    methods: list[ShippingMethod]

    def form(self, **changes: Any) -> dict[str, Any]:
        """The checkout form as a guest fills it, with each seller's first method chosen."""
        data: dict[str, Any] = {**GUEST_FORM, "checkout": str(self.checkout.pk)}
        for method in self.methods:
            data[f"delivery-{method.seller_id}"] = str(method.pk)
        data.update(changes)
        return {k: v for k, v in data.items() if v is not None}


def two_seller_cart(*, quantities: tuple[int, int] = (1, 2), stock: int = 10) -> Cart:
    """A guest's cart with one product from each of two sellers, each with a 30.000 ₫
    delivery method; no address, email or delivery choice yet."""
    sellers = [factories.seller(owner=factories.user()) for _ in range(2)]
    products = [factories.product(owner=s, stock=stock) for s in sellers]
    methods = [factories.shipping_method(s) for s in sellers]
    checkout = do_create_checkout(
        factories.channel(),
        None,
        lines=[
            LineChange(p.variants.get().pk, q) for p, q in zip(products, quantities, strict=True)
        ],
    )
    return Cart(checkout, products, sellers, methods)


def one_seller_cart(lines: int) -> Cart:
    """A cart of `lines` products of one seller."""
    seller = factories.seller(owner=factories.user())
    products = [factories.product(owner=seller) for _ in range(lines)]
    methods = [factories.shipping_method(seller)]
    checkout = do_create_checkout(
        factories.channel(), None, lines=[LineChange(p.variants.get().pk, 1) for p in products]
    )
    return Cart(checkout, products, [seller], methods)


def put_in_session(client: Client, checkout: Checkout) -> None:
    session = client.session
    session["checkout_token"] = str(checkout.pk)
    session.save()
