"""Livestream offers at checkout completion: claim the units sold at a live price.

The claim is what makes the live price binding: it counts against the offer's cap and
the buyer's limit atomically (livestream/claims.py) and records which order line sold
them, which is how order lines are attributed to the session. Only a line's
`live_quantity` is claimed: the cart already prices the units beyond what the buyer may
get at the live price at the regular price (checkout/fetch.py).
"""

from __future__ import annotations

from collections.abc import Sequence

from checkout.errors import CheckoutFieldError
from checkout.fetch import CheckoutInfo, checkout_buyer_key
from core.errors import ValidationErrors
from livestream.claims import LiveOfferError, claim_offer_units, confirm_claim
from orders.models import OrderLine

# A refused claim asks the buyer to look again rather than silently charging the regular
# price: sold out reads as missing stock, the per-buyer limit as a quantity limit.
CHECKOUT_CODES = {
    "LIVE_OFFER_SOLD_OUT": "INSUFFICIENT_STOCK",
    "LIVE_OFFER_BUYER_LIMIT": "QUANTITY_GREATER_THAN_LIMIT",
}


def do_claim_live_offers(info: CheckoutInfo, order_lines: Sequence[OrderLine]) -> None:
    """Claim and attribute every live-priced line.

    Call inside the completion transaction, after the order lines are inserted and before
    stock is locked: the claims lock offer rows (in offer pk order), keeping the lock order
    checkout → payment → orders → live offers → stock. Raises ValidationErrors.

    Locks: each offer row by its conditional UPDATE (an implicit FOR NO KEY UPDATE row lock,
    offer pk order) and each buyer counter row likewise (`livestream.claims`), then each new
    claim row FOR NO KEY UPDATE (`livestream.lock_objects.lock_claim`) to confirm it; all
    inside `checkout.complete_checkout`'s transaction, which already holds the checkout
    (FOR UPDATE), the payment transaction and the orders.
    """
    offered = [line for line in info.lines if line.live_offer is not None]
    if not offered:
        return
    buyer = checkout_buyer_key(info.checkout)
    assert buyer is not None, "check_ready requires the email"
    by_variant = {line.variant_id: line for line in order_lines}
    for line in sorted(offered, key=lambda item: item.live_offer.pk):  # type: ignore[union-attr]
        offer = line.live_offer
        assert offer is not None
        try:
            # Still the final guard: a concurrent tab of the same buyer, or other buyers,
            # may have taken these units since the cart was priced.
            # At the price the line was priced at: the flash deal's, or the live price.
            deal = getattr(offer, "flash_deal", None)
            claim = claim_offer_units(
                offer.pk, buyer, line.live_quantity, flash_deal_id=deal.pk if deal else None
            )
        except LiveOfferError as exc:
            raise ValidationErrors(
                [
                    CheckoutFieldError(
                        "lines",
                        exc.message,
                        CHECKOUT_CODES.get(exc.code, "INVALID"),
                        variant_pks=(line.variant.pk,),
                    )
                ]
            ) from None
        order_line = by_variant[line.variant.pk]
        confirm_claim(claim.pk, order_id=str(order_line.order_id), order_line_id=str(order_line.pk))
