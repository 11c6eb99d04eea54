"""Flash deals: a short window inside a live session when one offer sells at a still lower
price, with its own cap and per-buyer limit. Imported by `livestream.models`, so Django
registers them there. The rules are in `livestream.flash`, the claims in `livestream.claims`.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone


class FlashDeal(models.Model):
    """One flash deal on one offer, open from `opens_at` until `closes_at`.

    Whether it is open is derived from the times (never from a flag a late worker would
    have to flip), so it opens and closes exactly on time; `opened_announced_at` and
    `closed_announced_at` only record that viewers were told (`flash.announce_due`).
    `units_claimed` changes only by the conditional UPDATEs of `livestream.claims`, and the
    database refuses it above the cap.
    """

    livestream = models.ForeignKey(
        "livestream.Livestream", on_delete=models.CASCADE, related_name="flash_deals"
    )
    offer = models.ForeignKey(
        "livestream.LiveOffer", on_delete=models.CASCADE, related_name="flash_deals"
    )
    flash_price = models.BigIntegerField()
    quantity_cap = models.PositiveIntegerField()
    per_buyer_limit = models.PositiveIntegerField()
    units_claimed = models.IntegerField(default=0)
    opens_at = models.DateTimeField()
    closes_at = models.DateTimeField()
    opened_announced_at = models.DateTimeField(null=True, blank=True)
    closed_announced_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ("opens_at", "id")
        indexes = [
            models.Index(fields=("offer", "opens_at"), name="flash_deal_offer_window"),
            models.Index(
                fields=("closes_at",),
                condition=Q(closed_announced_at__isnull=True),
                name="flash_deal_unannounced",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_at__gt=F("opens_at")), name="flash_deal_closes_after_open"
            ),
            models.CheckConstraint(
                condition=Q(flash_price__gt=0), name="flash_deal_price_positive"
            ),
            models.CheckConstraint(
                condition=Q(quantity_cap__gte=1), name="flash_deal_cap_positive"
            ),
            models.CheckConstraint(
                condition=Q(per_buyer_limit__gte=1) & Q(per_buyer_limit__lte=F("quantity_cap")),
                name="flash_deal_buyer_limit_within_cap",
            ),
            # The last line of defence against overselling the flash cap.
            models.CheckConstraint(
                condition=Q(units_claimed__gte=0) & Q(units_claimed__lte=F("quantity_cap")),
                name="flash_deal_claimed_within_cap",
            ),
        ]

    @property
    def remaining_quantity(self) -> int:
        return max(self.quantity_cap - self.units_claimed, 0)

    def is_open_at(self, moment: object) -> bool:
        return bool(self.opens_at <= moment < self.closes_at)  # type: ignore[operator]


class FlashDealBuyer(models.Model):
    """Units one buyer holds in one flash deal (same `buyer_key` as `LiveOfferBuyer`)."""

    flash_deal = models.ForeignKey(FlashDeal, on_delete=models.CASCADE, related_name="buyers")
    buyer_key = models.CharField(max_length=320)
    units = models.IntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=("flash_deal", "buyer_key"), name="flash_deal_buyer_unique"
            ),
            models.CheckConstraint(condition=Q(units__gte=0), name="flash_deal_buyer_units_gte_0"),
        ]
