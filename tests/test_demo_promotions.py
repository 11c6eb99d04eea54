"""The demo's promotions: Điện Biên's "OCOP10" and a gift card work on a demo cart."""

from __future__ import annotations

from typing import Any

from django.test import Client

from catalog.models import Product
from demo.promotions import DEMO_GIFT_CARD, DEMO_VOUCHER
from places.models import Province
from promotions.models import GiftCard, Voucher
from tests import factories
from tests.helpers.promotions import add_code


def test_it_offers_the_province_voucher_and_a_gift_card_on_a_demo_cart(
    demo_catalog: Any, api: Client
) -> None:
    # given the demo: the officer's province funds OCOP10, and a 200.000 ₫ card exists
    voucher = Voucher.objects.get(code=DEMO_VOUCHER)
    province = Province.objects.get(pk=voucher.funding_province_id)
    assert (voucher.funder, voucher.scope_province_id, voucher.value) == (
        "province",
        province.pk,
        10,
    )
    assert GiftCard.objects.get(code=DEMO_GIFT_CARD).current_balance_amount == 200_000
    # and a cart of that province's honey worth at least 200.000 ₫
    product = Product.objects.filter(seller__province=province).order_by("pk").first()
    assert product is not None
    variant = product.variants.order_by("pk").first()
    price = variant.channel_listings.get().price_amount
    checkout = factories.checkout([(variant, -(-200_000 // int(price)))])
    # when a buyer adds both codes
    first = add_code(api, checkout, "ocop10")
    second = add_code(api, checkout, DEMO_GIFT_CARD.lower())
    # then both apply
    assert first["errors"] == [] and second["errors"] == []
    assert second["checkout"]["voucherCode"] == DEMO_VOUCHER
    assert second["checkout"]["discount"]["amount"] > 0
    assert [g["last4CodeChars"] for g in second["checkout"]["giftCards"]] == ["2026"]
