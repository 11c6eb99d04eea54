"""Livestream sales: sessions, participating sellers, live-only offers, claims against
their caps, reminders, and the variant price history the live-price rule reads.

Times are stored in UTC (USE_TZ) and shown in Asia/Ho_Chi_Minh. Money is whole đồng.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Exists, F, OuterRef, Q
from django.utils import timezone

from accounts.roles import Scope, is_authenticated, scope_of
from livestream.slugs import new_slug


class LivestreamStatus(models.TextChoices):
    DRAFT = "draft", "Nháp"
    SCHEDULED = "scheduled", "Đã lên lịch"
    LIVE = "live", "Đang phát"
    ENDED = "ended", "Đã kết thúc"
    CANCELED = "canceled", "Đã hủy"


class StreamPlatform(models.TextChoices):
    HLS = "hls", "Trình phát trên sàn (HLS)"
    FACEBOOK = "facebook", "Facebook Live"
    TIKTOK = "tiktok", "TikTok LIVE"
    YOUTUBE = "youtube", "YouTube Live"


# --- Who sees which sessions ---------------------------------------------------------------
# `livestreams`, `livestream(id:)` and `node(id:)` all filter through
# `Livestream.objects.visible_to`: public sessions, plus a host's own, a seller's invitations
# and the programmes an officer approves. An offer is visible with its session
# (`Livestream.offers`). The rule lives here, next to the rows it reads, because the
# managers need it while this module loads.

PUBLIC_STATUSES = (
    LivestreamStatus.SCHEDULED,
    LivestreamStatus.LIVE,
    LivestreamStatus.ENDED,
    LivestreamStatus.CANCELED,
)


def public_q() -> Q:
    """Scheduled or later, and approved when it is an officer programme."""
    return Q(status__in=PUBLIC_STATUSES) & (Q(is_programme=False) | Q(approved_at__isnull=False))


def visible_q(user: Any, scope: Scope | None = None) -> Q:
    """Public sessions, plus a host's own, a seller's invitations, and the programme
    sessions an officer has to approve. `scope` saves its queries when already known."""
    if not is_authenticated(user):
        return public_q()
    if user.is_superuser:
        return Q(pk__isnull=False)
    scope = scope or scope_of(user)
    q = public_q() | Q(host_id=user.pk)
    if scope.seller_ids:
        invited = LivestreamSeller.objects.filter(
            livestream=OuterRef("pk"), seller_id__in=scope.seller_ids
        )
        q |= Q(Exists(invited))
    if scope.is_officer:
        programmes = Q(is_programme=True) & ~Q(status=LivestreamStatus.DRAFT)
        if not scope.is_national_officer:
            programmes &= Q(programme_province_id=scope.officer_province_id)
        q |= programmes
    return q


class LivestreamQuerySet(models.QuerySet["Livestream"]):
    def visible_to(self, user: Any, scope: Scope | None = None) -> LivestreamQuerySet:
        """`scope` saves its queries when the caller already knows it."""
        return self.filter(visible_q(user, scope))


class LiveOfferQuerySet(models.QuerySet["LiveOffer"]):
    def visible_to(self, user: Any, scope: Scope | None = None) -> LiveOfferQuerySet:
        return self.filter(livestream__in=Livestream.objects.visible_to(user, scope))


class Livestream(models.Model):
    """A live selling session: one host, several sellers' goods.

    A host never has two overlapping sessions (canceled ones aside). The check runs under
    the host's row lock (`livestream.scheduling.check_no_overlap`) and the database backs
    it with an exclusion constraint (migration 0001): btree_gist is not available on the
    embedded PostgreSQL, so the constraint packs (host, time) into one int8range
    (host_id * 2^33 + epoch seconds), which plain GiST range operators can exclude.
    """

    host = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="livestreams"
    )
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    cover_image = models.ImageField(upload_to="livestreams/covers/", blank=True)
    starts_at = models.DateTimeField(db_index=True)
    ends_at = models.DateTimeField()
    # The watch page's address (/live/<slug>/): readable words from the title and a random
    # tail, so two sessions with the same title never collide and no lookup is needed.
    slug = models.SlugField(max_length=80, unique=True, default=new_slug)
    stream_url = models.URLField(max_length=500, blank=True)
    # After the end, when the platform keeps one: the recording the watch page replays.
    replay_url = models.URLField(max_length=500, blank=True)
    platform = models.CharField(max_length=10, choices=StreamPlatform.choices, blank=True)
    status = models.CharField(
        max_length=10, choices=LivestreamStatus.choices, default=LivestreamStatus.DRAFT
    )
    # Officer programmes (a provincial OCOP fair, the ministry's "OCOP Market"): public only
    # once an officer of that province (or a national officer when there is none) approved.
    is_programme = models.BooleanField(default=False)
    programme_name = models.CharField(max_length=200, blank=True)
    programme_province = models.ForeignKey(
        "places.Province", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    sellers: models.ManyToManyField[Any, Any] = models.ManyToManyField(
        "sellers.Seller", through="LivestreamSeller", related_name="livestreams"
    )
    # What really happened, next to the plan in starts_at/ends_at.
    started_at = models.DateTimeField(null=True, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)
    # Most viewers connected at once, kept by the real-time layer for the report.
    peak_viewers = models.PositiveIntegerField(default=0)
    canceled_at = models.DateTimeField(null=True, blank=True)
    cancel_reason = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    objects = LivestreamQuerySet.as_manager()

    class Meta:
        ordering = ("starts_at", "id")
        indexes = [models.Index(fields=("status", "starts_at"), name="livestream_status_start")]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="livestream_ends_after_start"
            ),
            models.CheckConstraint(
                condition=Q(is_programme=True) | Q(approved_at__isnull=True),
                name="livestream_only_programmes_approved",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_public(self) -> bool:
        """Customers see it: scheduled or later, and approved when it is a programme."""
        if self.status == LivestreamStatus.DRAFT:
            return False
        return not self.is_programme or self.approved_at is not None


class LivestreamTransition(models.Model):
    """Every status change, by whom (None: the beat task); proves each happened once."""

    livestream = models.ForeignKey(Livestream, on_delete=models.CASCADE, related_name="transitions")
    from_status = models.CharField(max_length=10, choices=LivestreamStatus.choices)
    to_status = models.CharField(max_length=10, choices=LivestreamStatus.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ("created_at", "id")


class LivestreamSeller(models.Model):
    """A seller invited to a session; its goods may be offered once a member agreed."""

    livestream = models.ForeignKey(
        Livestream, on_delete=models.CASCADE, related_name="participants"
    )
    seller = models.ForeignKey("sellers.Seller", on_delete=models.CASCADE, related_name="+")
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    invited_at = models.DateTimeField(default=timezone.now)
    agreed_at = models.DateTimeField(null=True, blank=True)
    agreed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # A declined invitation stays (who declined and when; the host sees the answer, and the
    # seller may still change its mind while the session has not ended): see
    # `livestream.invitations`. Declining clears the agreement, so offers need it again.
    declined_at = models.DateTimeField(null=True, blank=True)
    declined_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ("id",)
        constraints = [
            models.UniqueConstraint(
                fields=("livestream", "seller"), name="livestream_seller_unique"
            ),
            models.CheckConstraint(
                condition=Q(agreed_at__isnull=True) | Q(agreed_by__isnull=False),
                name="livestream_seller_agreed_by_someone",
            ),
            models.CheckConstraint(
                condition=Q(agreed_at__isnull=True) | Q(declined_at__isnull=True),
                name="livestream_seller_agreed_or_declined",
            ),
        ]

    @property
    def has_agreed(self) -> bool:
        return self.agreed_at is not None

    @property
    def has_declined(self) -> bool:
        return self.declined_at is not None


class LiveOffer(models.Model):
    """A variant sold at a live price while its session is live, up to a cap.

    `units_claimed` counts units reserved or sold (claims not released); it is changed only
    by conditional UPDATEs in `livestream.claims`, and the database refuses it above the cap.
    At most one offer per session is pinned (partial unique index).
    """

    livestream = models.ForeignKey(Livestream, on_delete=models.CASCADE, related_name="offers")
    variant = models.ForeignKey(
        "catalog.ProductVariant", on_delete=models.PROTECT, related_name="live_offers"
    )
    channel = models.ForeignKey("catalog.Channel", on_delete=models.PROTECT, related_name="+")
    # Denormalised from variant.product.seller: permissions and per-seller reports read it.
    seller = models.ForeignKey("sellers.Seller", on_delete=models.PROTECT, related_name="+")
    live_price = models.BigIntegerField()
    quantity_cap = models.PositiveIntegerField()
    per_buyer_limit = models.PositiveIntegerField()
    units_claimed = models.IntegerField(default=0)
    is_pinned = models.BooleanField(default=False)
    sort_order = models.IntegerField(default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    objects = LiveOfferQuerySet.as_manager()

    class Meta:
        ordering = ("sort_order", "id")
        constraints = [
            models.UniqueConstraint(
                fields=("livestream", "variant", "channel"), name="live_offer_variant_unique"
            ),
            models.UniqueConstraint(
                fields=("livestream",),
                condition=Q(is_pinned=True),
                name="live_offer_one_pinned_per_session",
            ),
            models.CheckConstraint(condition=Q(live_price__gt=0), name="live_offer_price_positive"),
            models.CheckConstraint(
                condition=Q(quantity_cap__gte=1), name="live_offer_cap_positive"
            ),
            models.CheckConstraint(
                condition=Q(per_buyer_limit__gte=1), name="live_offer_buyer_limit_positive"
            ),
            # The last line of defence against overselling the cap.
            models.CheckConstraint(
                condition=Q(units_claimed__gte=0) & Q(units_claimed__lte=F("quantity_cap")),
                name="live_offer_claimed_within_cap",
            ),
        ]

    @property
    def remaining_quantity(self) -> int:
        return max(self.quantity_cap - self.units_claimed, 0)


class LiveOfferBuyer(models.Model):
    """Units one buyer holds on one offer: the per-buyer limit is enforced on this row.

    `buyer_key` is "user:<pk>" for signed-in buyers and "email:<address>" for guests (see
    `livestream.claims.buyer_key_for`), so two tabs of the same buyer share the row.
    """

    offer = models.ForeignKey(LiveOffer, on_delete=models.CASCADE, related_name="buyers")
    buyer_key = models.CharField(max_length=320)
    units = models.IntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=("offer", "buyer_key"), name="live_offer_buyer_unique"),
            models.CheckConstraint(condition=Q(units__gte=0), name="live_offer_buyer_units_gte_0"),
        ]


class ClaimStatus(models.TextChoices):
    RESERVED = "reserved", "Đã giữ"
    CONFIRMED = "confirmed", "Đã bán"
    RELEASED = "released", "Đã trả lại"


class LiveOfferClaim(models.Model):
    """Units taken from an offer's cap by one checkout; the attribution of order lines.

    `reserved` when checkout completion claims the units, `confirmed` once the order line
    exists (`confirm_claim`), `released` when that order failed or was canceled. Reports
    count confirmed claims. Order ids are plain strings until the orders app is wired in.
    """

    offer = models.ForeignKey(LiveOffer, on_delete=models.PROTECT, related_name="claims")
    buyer_key = models.CharField(max_length=320)
    quantity = models.PositiveIntegerField()
    unit_price = models.BigIntegerField()
    status = models.CharField(
        max_length=10, choices=ClaimStatus.choices, default=ClaimStatus.RESERVED
    )
    order_id = models.CharField(max_length=64, blank=True)
    order_line_id = models.CharField(max_length=64, blank=True)
    # Set when the units were claimed in a flash deal (its cap and per-buyer counter, not
    # the offer's, hold them; releasing gives them back there).
    flash_deal = models.ForeignKey(
        "livestream.FlashDeal",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="claims",
    )
    created_at = models.DateTimeField(default=timezone.now)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    released_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("id",)
        indexes = [models.Index(fields=("offer", "status"), name="live_claim_offer_status")]
        constraints = [
            models.CheckConstraint(condition=Q(quantity__gte=1), name="live_claim_quantity_gte_1"),
        ]

    @property
    def total_price(self) -> int:
        return self.quantity * self.unit_price


class LivestreamReminder(models.Model):
    """A customer's "remind me": one email 15 minutes before the start, exactly once.

    Due-ness is computed from the session's current `starts_at` on every beat tick, so a
    reschedule moves the reminder by itself; `sent_at` is claimed with a conditional UPDATE
    before sending; `send_count` counts emails actually handed to the email backend.
    """

    livestream = models.ForeignKey(Livestream, on_delete=models.CASCADE, related_name="reminders")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="livestream_reminders"
    )
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)
    send_count = models.PositiveIntegerField(default=0)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True)
    canceled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("id",)
        constraints = [
            models.UniqueConstraint(
                fields=("livestream", "user"), name="livestream_reminder_unique"
            )
        ]
        indexes = [
            models.Index(
                fields=("livestream",),
                condition=Q(sent_at__isnull=True, canceled_at__isnull=True),
                name="livestream_reminder_pending",
            )
        ]


class VariantPriceHistory(models.Model):
    """Every regular price a variant had in a channel, from catalog's listing saves.

    Fed by a post_save signal on `catalog.ProductVariantChannelListing` (see
    `livestream.signals`); queryset `.update()` calls bypass signals, so code changing prices
    in bulk must call `livestream.price_history.record_price` itself. The live-price rule
    reads the lowest price of the last 30 days from here.
    """

    variant = models.ForeignKey(
        "catalog.ProductVariant", on_delete=models.CASCADE, related_name="price_history"
    )
    channel = models.ForeignKey("catalog.Channel", on_delete=models.CASCADE, related_name="+")
    price_amount = models.BigIntegerField()
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ("recorded_at", "id")
        verbose_name_plural = "variant price history"
        indexes = [
            models.Index(
                fields=("variant", "channel", "recorded_at"), name="variant_price_history_lookup"
            )
        ]


# Registered with the app from here (their module keeps this one short).
from livestream.flash_models import FlashDeal, FlashDealBuyer  # noqa: E402
from livestream.live_models import LiveComment, LiveMute, LiveOfferPin  # noqa: E402

__all__ = [
    "ClaimStatus",
    "FlashDeal",
    "FlashDealBuyer",
    "LiveComment",
    "LiveMute",
    "LiveOffer",
    "LiveOfferBuyer",
    "LiveOfferClaim",
    "LiveOfferPin",
    "Livestream",
    "LivestreamReminder",
    "LivestreamSeller",
    "LivestreamStatus",
    "LivestreamTransition",
    "StreamPlatform",
    "VariantPriceHistory",
]
