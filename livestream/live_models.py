"""What a session needs while it is live and after it: the pin timeline (for the replay's
"jump to the moment this offer was pinned"), viewers' comments and the mutes that silence a
user for one session. Imported by `livestream.models`, so Django registers them there.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone


class LiveOfferPin(models.Model):
    """One time an offer was pinned: from `pinned_at` until `unpinned_at` (None: pinned now).

    Written by whoever pins and unpins (`livestream.pins`), in the same transaction as
    `LiveOffer.is_pinned`; the replay reads it to place offers on the stream's timeline.
    """

    livestream = models.ForeignKey(
        "livestream.Livestream", on_delete=models.CASCADE, related_name="pins"
    )
    offer = models.ForeignKey("livestream.LiveOffer", on_delete=models.CASCADE, related_name="pins")
    pinned_at = models.DateTimeField(default=timezone.now)
    unpinned_at = models.DateTimeField(null=True, blank=True)
    pinned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ("pinned_at", "id")
        indexes = [models.Index(fields=("livestream", "pinned_at"), name="live_pin_timeline")]
        constraints = [
            models.UniqueConstraint(
                fields=("livestream",),
                condition=Q(unpinned_at__isnull=True),
                name="live_pin_one_open_per_session",
            )
        ]


class LiveComment(models.Model):
    """A signed-in viewer's comment. Hidden comments stay for the record (who hid it, when)
    but are shown to nobody; `body` is plain text, never rendered as a link."""

    livestream = models.ForeignKey(
        "livestream.Livestream", on_delete=models.CASCADE, related_name="comments"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="live_comments"
    )
    body = models.CharField(max_length=300)
    created_at = models.DateTimeField(default=timezone.now)
    hidden_at = models.DateTimeField(null=True, blank=True)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ("id",)
        indexes = [
            models.Index(
                fields=("livestream", "id"),
                condition=Q(hidden_at__isnull=True),
                name="live_comment_visible",
            )
        ]


class LiveMute(models.Model):
    """A user muted in one session by its host or an officer: their new comments are refused."""

    livestream = models.ForeignKey(
        "livestream.Livestream", on_delete=models.CASCADE, related_name="mutes"
    )
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    muted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=("livestream", "user"), name="live_mute_unique")
        ]
