"""What a checkout's voucher and gift cards take off, per seller, computed in memory.

Promotions sits below checkout, so it is handed plain figures (`PricedLine`, the sellers'
totals) rather than a checkout. The multi-seller checkout makes one order per seller, so
every amount is split per seller here, once, and the orders take exactly these shares:
- a voucher's discount is shared in proportion to the eligible goods of each seller
  (largest remainder, so the shares add up to the đồng);
- gift cards pay what is left to pay after the voucher, seller by seller in the cart's
  order, card by card in the order they were applied.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from uuid import UUID

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from catalog.models import CollectionProduct
from core.errors import FieldError, Message
from core.money import format_vnd
from promotions.models import (
    CheckoutPromoCode,
    DiscountValueType,
    GiftCard,
    Voucher,
    VoucherScope,
)


@dataclass(frozen=True)
class PricedLine:
    seller_id: int
    seller_province_id: int
    product_id: int
    total: int


@dataclass
class AppliedPromotions:
    voucher: Voucher | None = None
    # Why the applied voucher takes nothing off now (min spend no longer reached, expired…).
    voucher_problem: FieldError | None = None
    discounts: dict[int, int] = field(default_factory=dict)  # seller id → đồng
    gift_cards: list[GiftCard] = field(default_factory=list)
    # seller id → [(card, đồng)], in the order the cards pay.
    gift_card_charges: dict[int, list[tuple[GiftCard, int]]] = field(default_factory=dict)

    @property
    def discount(self) -> int:
        return sum(self.discounts.values())

    def gift_card_amount(self, seller_id: int) -> int:
        return sum(amount for _card, amount in self.gift_card_charges.get(seller_id, ()))


def normalize_code(code: str) -> str:
    return (code or "").strip().upper()


def split(amount: int, weights: Mapping[int, int]) -> dict[int, int]:
    """`amount` shared in proportion to `weights`, in whole đồng adding up to `amount`
    (largest remainder; ties to the smaller key, so the split is stable)."""
    total = sum(weights.values())
    if amount <= 0 or total <= 0:
        return {}
    shares = {key: amount * weight // total for key, weight in weights.items()}
    rest = amount - sum(shares.values())
    by_remainder = sorted(weights, key=lambda key: (-(amount * weights[key] % total), key))
    for key in by_remainder[:rest]:
        shares[key] += 1
    return {key: share for key, share in shares.items() if share}


def voucher_now_problem(voucher: Voucher, now: datetime.datetime) -> FieldError | None:
    """Active and within its dates, with uses left (the limits per customer are checked
    against the buyer: `promotions.usage`)."""
    # The end first: a voucher ended by hand (`do_end_voucher`) has passed its end too.
    if voucher.ends_at is not None and voucher.ends_at <= now:
        return _not_applicable(_("This voucher has expired."))
    if not voucher.is_active or voucher.starts_at > now:
        return _not_applicable(_("This voucher is not active."))
    if voucher.usage_limit is not None and voucher.used >= voucher.usage_limit:
        return _not_applicable(_("This voucher has been used up."))
    return None


def _not_applicable(message: Message) -> FieldError:
    return FieldError("promo_code", message, "VOUCHER_NOT_APPLICABLE")


def _collection_products(voucher: Voucher, lines: Sequence[PricedLine]) -> set[int]:
    collection_id = voucher.scope_collection_id
    if voucher.scope != VoucherScope.COLLECTION or collection_id is None or not lines:
        return set()
    return set(
        CollectionProduct.objects.filter(
            collection_id=collection_id,
            product_id__in={line.product_id for line in lines},
        ).values_list("product_id", flat=True)
    )


def eligible_goods(voucher: Voucher, lines: Sequence[PricedLine]) -> dict[int, int]:
    """The voucher's scope: each seller's goods it applies to (one query for a collection)."""
    in_collection = _collection_products(voucher, lines)
    eligible: dict[int, int] = {}
    for line in lines:
        if voucher.scope == VoucherScope.SELLER:
            applies = line.seller_id == voucher.scope_seller_id
        elif voucher.scope == VoucherScope.PROVINCE:
            applies = line.seller_province_id == voucher.scope_province_id
        else:
            applies = line.product_id in in_collection
        if applies and line.total > 0:
            eligible[line.seller_id] = eligible.get(line.seller_id, 0) + line.total
    return eligible


def voucher_discounts(
    voucher: Voucher, lines: Sequence[PricedLine], now: datetime.datetime | None = None
) -> tuple[dict[int, int], FieldError | None]:
    """Per seller, what the voucher takes off these lines; or why it takes nothing."""
    problem = voucher_now_problem(voucher, now or timezone.now())
    if problem is not None:
        return {}, problem
    eligible = eligible_goods(voucher, lines)
    goods = sum(eligible.values())
    if goods == 0:
        return {}, _not_applicable(_("This voucher does not apply to the products in the cart."))
    if goods < voucher.min_spend_amount:
        return {}, FieldError(
            "promo_code",
            _("This voucher needs at least %(amount)s of eligible products."),
            "VOUCHER_NOT_APPLICABLE",
            params={"amount": format_vnd(voucher.min_spend_amount)},
        )
    if voucher.value_type == DiscountValueType.PERCENTAGE:
        # Half up to the đồng, never more than the goods.
        amount = min(goods, (goods * voucher.value * 2 + 100) // 200)
    else:
        amount = min(goods, voucher.value)
    return split(amount, eligible), None


def gift_card_usable(card: GiftCard, today: datetime.date) -> bool:
    return (
        card.is_active
        and card.current_balance_amount > 0
        and (card.expiry_date is None or card.expiry_date >= today)
    )


def gift_card_charges(
    cards: Iterable[GiftCard], due_by_seller: Mapping[int, int], today: datetime.date
) -> dict[int, list[tuple[GiftCard, int]]]:
    """What each usable card pays of each seller's due (sellers in key order)."""
    charges: dict[int, list[tuple[GiftCard, int]]] = {}
    left = {card.pk: card.current_balance_amount for card in cards if gift_card_usable(card, today)}
    usable = [card for card in cards if card.pk in left]
    for seller_id in sorted(due_by_seller):
        due = due_by_seller[seller_id]
        for card in usable:
            if due <= 0:
                break
            take = min(due, left[card.pk])
            if take > 0:
                charges.setdefault(seller_id, []).append((card, take))
                left[card.pk] -= take
                due -= take
    return charges


def applied_codes(token: UUID | str) -> tuple[Voucher | None, list[GiftCard]]:
    """The checkout's voucher and gift cards, in one query."""
    voucher = None
    cards = []
    for row in CheckoutPromoCode.objects.filter(checkout_token=token).select_related(
        "voucher", "gift_card"
    ):
        if row.voucher is not None:
            voucher = row.voucher
        elif row.gift_card is not None:
            cards.append(row.gift_card)
    return voucher, cards


def price_promotions(
    token: UUID | str,
    lines: Sequence[PricedLine],
    due_by_seller: Mapping[int, int],
    *,
    now: datetime.datetime | None = None,
) -> AppliedPromotions:
    """The checkout's promotions against its lines and each seller's due (goods + delivery).
    One query, plus one for a collection voucher."""
    now = now or timezone.now()
    voucher, cards = applied_codes(token)
    applied = AppliedPromotions(voucher=voucher, gift_cards=cards)
    if voucher is not None:
        applied.discounts, applied.voucher_problem = voucher_discounts(voucher, lines, now)
    if cards:
        left = {
            seller_id: due - applied.discounts.get(seller_id, 0)
            for seller_id, due in due_by_seller.items()
        }
        applied.gift_card_charges = gift_card_charges(cards, left, timezone.localdate(now))
    return applied
