"""The vouchers a stall or a province runs, as their working lists show them: each one's
state now, its value as people write it, and how much it has taken off orders so far.

The amount discounted is read in the list's own query (a correlated sum over
`OrderDiscount`), so a page of vouchers costs the same queries whatever its length.
Cancelled orders gave their discount back, so they do not count.
"""

from __future__ import annotations

import datetime

from django.db import models
from django.db.models import OuterRef, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from core.money import format_vnd
from orders.models import OrderStatus
from promotions.models import DiscountValueType, Funder, OrderDiscount, Voucher


class VoucherState(models.TextChoices):
    SCHEDULED = "scheduled", _("Scheduled")
    ACTIVE = "active", _("Active")
    ENDED = "ended", _("Ended")
    USED_UP = "used_up", _("Used up")


def voucher_state(voucher: Voucher, now: datetime.datetime) -> VoucherState:
    """Ended (by its end date or by hand) before used up, before scheduled, else active."""
    if not voucher.is_active or (voucher.ends_at is not None and voucher.ends_at <= now):
        return VoucherState.ENDED
    if voucher.usage_limit is not None and voucher.used >= voucher.usage_limit:
        return VoucherState.USED_UP
    if voucher.starts_at > now:
        return VoucherState.SCHEDULED
    return VoucherState.ACTIVE


def value_text(voucher: Voucher) -> str:
    """ "10 %" or "20.000 ₫"."""
    if voucher.value_type == DiscountValueType.PERCENTAGE:
        return f"{voucher.value} %"
    return format_vnd(voucher.value)


def with_discounted(vouchers: QuerySet[Voucher]) -> QuerySet[Voucher]:
    """Each voucher with `discounted`: đồng taken off its orders that are not cancelled."""
    total = (
        OrderDiscount.objects.filter(voucher=OuterRef("pk"))
        .exclude(order__status=OrderStatus.CANCELED)
        .order_by()
        .values("voucher")
        .annotate(total=Sum("amount"))
        .values("total")
    )
    return vouchers.annotate(
        discounted=Coalesce(Subquery(total), Value(0), output_field=models.BigIntegerField())
    )


def _newest_first(vouchers: QuerySet[Voucher]) -> QuerySet[Voucher]:
    return with_discounted(vouchers).order_by("-created_at", "-pk")


def seller_vouchers(seller_id: int) -> QuerySet[Voucher]:
    """What a stall funds itself, newest first."""
    return _newest_first(Voucher.objects.filter(funder=Funder.SELLER, funding_seller_id=seller_id))


def province_vouchers(province_id: int | None) -> QuerySet[Voucher]:
    """What a province funds (every province's for None: national scope), newest first,
    with what their scope names."""
    vouchers = Voucher.objects.filter(funder=Funder.PROVINCE)
    if province_id is not None:
        vouchers = vouchers.filter(funding_province_id=province_id)
    return _newest_first(
        vouchers.select_related(
            "funding_province", "scope_province", "scope_seller", "scope_collection"
        )
    )


def sellers_own_vouchers(province_id: int | None) -> QuerySet[Voucher]:
    """What the province's stalls fund themselves (every stall's for None), newest first."""
    vouchers = Voucher.objects.filter(funder=Funder.SELLER)
    if province_id is not None:
        vouchers = vouchers.filter(funding_seller__province_id=province_id)
    return _newest_first(vouchers.select_related("funding_seller"))
