"""Commission, taxes withheld for household businesses, and the seller payout ledger.

- Commission is charged on the goods subtotal, line by line: the seller's own rate
  (Seller.commission_rate) if set, else the rate of the product's category or its nearest
  ancestor with one (CategoryCommission), else settings.OCOP_COMMISSION_RATE.
- Decree 117/2025/NĐ-CP: for household/individual sellers (HKD) the platform withholds
  1% VAT + 0.5% PIT on the goods revenue (settings.OCOP_HOUSEHOLD_VAT_RATE/_PIT_RATE).
  Delivery fees are passed through to the seller and bear neither.
- Rates are frozen on the order at purchase; the ledger earning is written when the order
  is delivered and paid, once (a unique constraint per order and kind).
- Payouts are bank transfers an admin records after making them; the ledger knows no
  payment provider.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from catalog.models import Category
from core.errors import fail
from core.input_limits import check_text, max_length_of
from core.money import format_vnd
from orders.models import Order
from payments.lock_objects import lock_payee
from payments.models import CategoryCommission, LedgerEntry, LedgerEntryKind
from promotions.ledger import discount_note, platform_funded
from sellers.models import Seller, SellerKind


def round_vnd(value: Decimal) -> int:
    return int(value.quantize(Decimal(1), rounding=ROUND_HALF_UP))


class CommissionRates:
    """Resolves the commission rate of a seller's line; loads the category rates once."""

    def __init__(self) -> None:
        self.default = Decimal(settings.OCOP_COMMISSION_RATE)
        self.by_category = dict(CategoryCommission.objects.values_list("category_id", "rate"))
        self.parents: dict[int, int | None] = (
            dict(Category.objects.values_list("pk", "parent_id")) if self.by_category else {}
        )

    def rate(self, seller: Seller, category_id: int | None) -> Decimal:
        if seller.commission_rate is not None:
            return Decimal(seller.commission_rate)
        seen: set[int] = set()
        while category_id is not None and category_id not in seen:
            if category_id in self.by_category:
                return Decimal(self.by_category[category_id])
            seen.add(category_id)
            category_id = self.parents.get(category_id)
        return self.default


@dataclass(frozen=True)
class WithheldTax:
    vat: int
    pit: int


def withheld_taxes(seller: Seller, goods_amount: int) -> WithheldTax:
    if seller.kind != SellerKind.HKD:
        return WithheldTax(0, 0)
    return WithheldTax(
        vat=round_vnd(goods_amount * Decimal(settings.OCOP_HOUSEHOLD_VAT_RATE)),
        pit=round_vnd(goods_amount * Decimal(settings.OCOP_HOUSEHOLD_PIT_RATE)),
    )


def net_due(order: Order) -> int:
    return (
        order.total_amount
        - order.commission_amount
        - order.vat_withheld_amount
        - order.pit_withheld_amount
    )


def do_record_earning(order: Order) -> LedgerEntry | None:
    """The seller's due for a delivered, paid order; a second call changes nothing.

    Expects to run inside the caller's transaction (a savepoint absorbs the duplicate), so
    plain `atomic()`: it is called from the `order_earned` receiver inside
    `orders.actions.do_mark_delivered` / `do_mark_as_paid`.

    Locks: none (a new ledger row; the unique (order, kind) index settles a race), under
    the caller's lock on the order row (FOR NO KEY UPDATE).
    """
    if LedgerEntry.objects.filter(order=order, kind=LedgerEntryKind.EARNING).exists():
        return None
    # A voucher the province funded and what gift cards paid are the platform's to bear:
    # added back, so only a seller-funded voucher lowers what the seller earns.
    funded = platform_funded(order)
    try:
        with transaction.atomic():
            return LedgerEntry.objects.create(
                seller_id=order.seller_id,
                order=order,
                kind=LedgerEntryKind.EARNING,
                gross_amount=order.total_amount + funded,
                commission_amount=order.commission_amount,
                vat_withheld_amount=order.vat_withheld_amount,
                pit_withheld_amount=order.pit_withheld_amount,
                amount=net_due(order) + funded,
                note=discount_note(order),
            )
    except IntegrityError:
        return None


def do_record_reversal(order: Order, amount: int, note: str) -> LedgerEntry | None:
    """Take back an earning (e.g. the order was refunded after delivery); once per order.

    Locks: none (a new ledger row; the unique (order, kind) index settles a race). Plain
    `atomic()`: a savepoint absorbing the duplicate inside the caller's transaction.
    """
    if (
        amount <= 0
        or not LedgerEntry.objects.filter(order=order, kind=LedgerEntryKind.EARNING).exists()
    ):
        return None
    try:
        with transaction.atomic():
            return LedgerEntry.objects.create(
                seller_id=order.seller_id,
                order=order,
                kind=LedgerEntryKind.REVERSAL,
                gross_amount=-amount,
                amount=-min(amount, net_due(order) + platform_funded(order)),
                note=note,
            )
    except IntegrityError:
        return None


def balance(seller: Seller | int) -> int:
    """What the platform owes the seller now (earnings − reversals − payouts)."""
    seller_id = seller if isinstance(seller, int) else seller.pk
    total = LedgerEntry.objects.filter(seller_id=seller_id).aggregate(s=Sum("amount"))["s"]
    return int(total or 0)


def check_payout(seller: Seller, amount: int) -> None:
    if amount <= 0:
        fail("amount", _("Amount must be positive."), "INVALID")
    due = balance(seller)
    if amount > due:
        fail(
            "amount", _("Amount exceeds the balance due (%(due)s)."), "INVALID", due=format_vnd(due)
        )


@transaction.atomic(durable=True)
def do_record_payout(
    seller: Seller, amount: int, reference: str, note: str, actor: User
) -> LedgerEntry:
    """An admin records a bank transfer already made to the seller.

    Locks: the seller row, FOR NO KEY UPDATE (`lock_payee`), so two admins cannot both pay
    out the same balance; one transaction, the outermost.
    """
    reference, note = reference.strip(), note.strip()
    check_text("reference", reference, max_length_of(LedgerEntry, "reference"))
    check_text("note", note, 2000)
    locked = lock_payee(seller.pk)
    check_payout(locked, amount)
    return LedgerEntry.objects.create(
        seller=locked,
        kind=LedgerEntryKind.PAYOUT,
        amount=-amount,
        gross_amount=-amount,
        reference=reference,
        note=note,
        created_by=actor,
    )


def entries_for(sellers: Iterable[int]) -> list[LedgerEntry]:
    return list(
        LedgerEntry.objects.filter(seller_id__in=list(sellers))
        .select_related("order")
        .order_by("-created_at", "-pk")
    )
