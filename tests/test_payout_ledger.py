"""Commission, Decree 117 withholding for households, and the seller payout ledger."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import graphene
import pytest
from django.test import Client

from catalog.models import Category, Product
from checkout.complete_checkout import complete_checkout
from orders.actions import FulfillItem, do_confirm, do_fulfill, do_mark_delivered
from orders.models import Order
from payments.models import CategoryCommission, LedgerEntry
from payments.payouts import balance
from sellers.models import Seller, SellerMember
from tests import factories
from tests.conftest import gql, token_for

LEDGER = """
query($seller: ID!) { sellerLedger(seller: $seller) {
  balance { amount }
  entries { kind orderNumber gross { amount } commission { amount } vatWithheld { amount }
            pitWithheld { amount } amount { amount } reference } } }
"""
PAYOUT = """
mutation($seller: ID!, $amount: PositiveDecimal!, $reference: String!) {
  sellerPayoutCreate(seller: $seller, amount: $amount, reference: $reference) {
    entry { kind amount { amount } reference }
    ledger { balance { amount } }
    errors { field code } } }
"""


def _delivered_order(seller: Seller, price: int = 200_000, quantity: int = 2) -> Order:
    """A COD order of the seller, shipped and delivered (so paid) by its owner."""
    owner = SellerMember.objects.filter(seller=seller).first()
    actor = owner.user if owner else factories.user(is_staff=True)
    variant = factories.product(owner=seller, price=price).variants.get()
    completion = complete_checkout(factories.checkout([(variant, quantity)]).pk, None)
    order = completion.orders[0]
    do_confirm(order.pk, actor)
    line = order.lines.get()
    do_fulfill(order.pk, actor, [FulfillItem(str(line.pk), seller.warehouses.get().pk, quantity)])
    return do_mark_delivered(order.pk, actor)


def test_it_charges_the_default_commission_on_goods_only(db: Any, settings: Any) -> None:
    # given the platform default of 5% and a cooperative (HTX) seller
    settings.OCOP_COMMISSION_RATE = "0.05"
    seller = factories.seller(owner=factories.user())
    # when an order of 2 × 200.000 ₫ plus 30.000 ₫ delivery is delivered
    order = _delivered_order(seller)
    # then commission is 5% of the goods, no tax is withheld, and the rest is owed
    entry = LedgerEntry.objects.get(order=order)
    assert (entry.gross_amount, entry.commission_amount) == (430_000, 20_000)
    assert (entry.vat_withheld_amount, entry.pit_withheld_amount) == (0, 0)
    assert entry.amount == 410_000
    assert balance(seller) == 410_000


def test_it_withholds_vat_and_pit_for_a_household_business(db: Any, settings: Any) -> None:
    # given a household business (HKD) seller and the Decree 117 rates
    settings.OCOP_HOUSEHOLD_VAT_RATE = "0.01"
    settings.OCOP_HOUSEHOLD_PIT_RATE = "0.005"
    seller = factories.seller(owner=factories.user())
    Seller.objects.filter(pk=seller.pk).update(kind="HKD")
    seller.refresh_from_db()
    # when its order of 400.000 ₫ of goods (+30.000 ₫ delivery) is delivered
    order = _delivered_order(seller)
    # then 1% VAT and 0.5% PIT on the goods are withheld and shown on the ledger
    entry = LedgerEntry.objects.get(order=order)
    assert (entry.vat_withheld_amount, entry.pit_withheld_amount) == (4_000, 2_000)
    assert entry.amount == 430_000 - 20_000 - 4_000 - 2_000


def test_it_prefers_the_sellers_rate_then_the_categorys(db: Any) -> None:
    # given a parent category at 8% whose child has no rate, and a seller with its own 3%
    parent = Category.objects.create(name="Thực phẩm", slug="thuc-pham")
    child = Category.objects.create(name="Mật ong", slug="mat-ong", parent=parent)
    CategoryCommission.objects.create(category=parent, rate=Decimal("0.08"))
    plain = factories.seller()
    special = factories.seller()
    Seller.objects.filter(pk=special.pk).update(commission_rate=Decimal("0.03"))
    special.refresh_from_db()
    orders = []
    for seller in (plain, special):
        variant = factories.product(owner=seller, price=100_000).variants.get()
        Product.objects.filter(pk=variant.product_id).update(category=child)
        orders.append(complete_checkout(factories.checkout([(variant, 1)]).pk, None).orders[0])
    # then the child inherits 8% and the seller's own 3% wins over it
    assert [o.commission_amount for o in orders] == [8_000, 3_000]
    assert [o.lines.get().commission_rate for o in orders] == [Decimal("0.0800"), Decimal("0.0300")]


def _roles(seller: Seller) -> dict[str, Any]:
    owner = SellerMember.objects.get(seller=seller).user
    other = factories.user()
    factories.seller(owner=other)
    return {
        "anonymous": None,
        "customer": factories.user(),
        "other_seller": other,
        "owner": owner,
        "officer_other_province": factories.officer("01"),
        "officer": factories.officer("11"),
        "admin": factories.user(is_staff=True),
    }


@pytest.mark.parametrize(
    ("role", "allowed"),
    [
        ("anonymous", False),
        ("customer", False),
        ("other_seller", False),
        ("owner", False),
        ("officer_other_province", False),
        ("officer", False),
        ("admin", True),
    ],
)
def test_it_lets_only_admins_record_a_payout(
    db: Any, api: Client, role: str, allowed: bool
) -> None:
    # given a seller owed 410.000 ₫
    seller = factories.seller(owner=factories.user())
    _delivered_order(seller)
    actor = _roles(seller)[role]
    variables = {
        "seller": graphene.Node.to_global_id("Seller", seller.pk),
        "amount": 400_000,
        "reference": "VCB 2026-11-22 #881",
    }
    # when they record a bank transfer of 400.000 ₫
    body = gql(api, PAYOUT, variables, token_for(actor) if actor else None)["data"][
        "sellerPayoutCreate"
    ]
    # then only an admin can, and a denied call writes nothing
    if allowed:
        assert body["errors"] == []
        assert body["entry"] == {
            "kind": "PAYOUT",
            "amount": {"amount": -400_000},
            "reference": "VCB 2026-11-22 #881",
        }
        assert body["ledger"]["balance"]["amount"] == 10_000
    else:
        assert [e["code"] for e in body["errors"]] == ["PERMISSION_DENIED"]
        assert LedgerEntry.objects.filter(kind="payout").count() == 0
        assert balance(seller) == 410_000


def test_it_refuses_a_payout_above_the_balance(db: Any, api: Client) -> None:
    seller = factories.seller(owner=factories.user())
    _delivered_order(seller)
    admin = factories.user(is_staff=True)
    body = gql(
        api,
        PAYOUT,
        {
            "seller": graphene.Node.to_global_id("Seller", seller.pk),
            "amount": 410_001,
            "reference": "x",
        },
        token_for(admin),
    )["data"]["sellerPayoutCreate"]
    assert [(e["field"], e["code"]) for e in body["errors"]] == [("amount", "INVALID")]
    assert balance(seller) == 410_000


def test_it_refuses_a_payout_reference_longer_than_its_column(db: Any, api: Client) -> None:
    # given a seller with 410.000 ₫ due and an admin
    seller = factories.seller(owner=factories.user())
    _delivered_order(seller)
    admin = factories.user(is_staff=True)
    # when the admin records a payout whose reference has 121 characters
    body = gql(
        api,
        PAYOUT,
        {
            "seller": graphene.Node.to_global_id("Seller", seller.pk),
            "amount": 1_000,
            "reference": "R" * 121,
        },
        token_for(admin),
    )["data"]["sellerPayoutCreate"]
    # then the reference is named and nothing is paid out
    assert [(e["field"], e["code"]) for e in body["errors"]] == [("reference", "INVALID")]
    assert LedgerEntry.objects.filter(kind="payout").count() == 0
    assert balance(seller) == 410_000


@pytest.mark.parametrize(
    ("role", "allowed"),
    [
        ("anonymous", False),
        ("customer", False),
        ("other_seller", False),
        ("officer_other_province", False),
        ("officer", False),
        ("owner", True),
        ("admin", True),
    ],
)
def test_it_shows_a_ledger_to_its_seller_and_admins_only(
    db: Any, api: Client, role: str, allowed: bool
) -> None:
    # given a household seller with one delivered order
    seller = factories.seller(owner=factories.user())
    Seller.objects.filter(pk=seller.pk).update(kind="HKD")
    order = _delivered_order(seller)
    actor = _roles(seller)[role]
    # when they read its ledger
    ledger = gql(
        api,
        LEDGER,
        {"seller": graphene.Node.to_global_id("Seller", seller.pk)},
        token_for(actor) if actor else None,
    )["data"]["sellerLedger"]
    # then only the seller's members and admins see it, withheld taxes included
    if allowed:
        assert ledger["entries"] == [
            {
                "kind": "EARNING",
                "orderNumber": str(order.number),
                "gross": {"amount": 430_000},
                "commission": {"amount": 20_000},
                "vatWithheld": {"amount": 4_000},
                "pitWithheld": {"amount": 2_000},
                "amount": {"amount": 404_000},
                "reference": "",
            }
        ]
        assert ledger["balance"]["amount"] == 404_000
    else:
        assert ledger is None
