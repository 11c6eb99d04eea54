"""Who may read a seller's payout ledger, and building it."""

from __future__ import annotations

from typing import Any

import graphene

from orders.permissions import is_admin, member_seller_ids
from payments.payouts import balance, entries_for
from sellers.models import Seller
from storefront_api.core.money import money
from storefront_api.payments.types import SellerLedger


def seller_from_id(global_id: str) -> Seller | None:
    try:
        kind, pk = graphene.Node.resolve_global_id(None, global_id)
    except Exception:
        return None
    if kind != "Seller" or not str(pk).isdigit():
        return None
    return Seller.objects.filter(pk=int(pk)).first()


def can_read_ledger(user: Any, seller: Seller) -> bool:
    """The seller's own members and admins (the ledger is the seller's money)."""
    return is_admin(user) or seller.pk in member_seller_ids(user)


def build_ledger(seller: Seller) -> SellerLedger:
    return SellerLedger(
        seller=seller, balance=money(balance(seller)), entries=entries_for([seller.pk])
    )
