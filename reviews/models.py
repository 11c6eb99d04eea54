"""Buyers' ratings and reviews: one per delivered order line, with photos and one reply
from the seller; officers and staff may hide an abusive one (never delete it).

The product and seller are copied from the order line's order so listings read a
product's reviews without joining through orders. Only visible reviews count in the
`rating`/`rating_count` aggregates of `catalog.Product` and `sellers.Seller`, which
`reviews.actions` keeps in the same transaction as every change.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

MIN_STARS, MAX_STARS = 1, 5
# At most this many photos per review (each checked like a product image).
MAX_PHOTOS = 4


class Review(models.Model):
    line = models.OneToOneField("orders.OrderLine", on_delete=models.PROTECT, related_name="review")
    product = models.ForeignKey("catalog.Product", on_delete=models.CASCADE, related_name="reviews")
    seller = models.ForeignKey("sellers.Seller", on_delete=models.CASCADE, related_name="reviews")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="reviews"
    )
    stars = models.PositiveSmallIntegerField()
    text = models.TextField(max_length=2000, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    is_hidden = models.BooleanField(default=False)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    hidden_reason = models.TextField(max_length=500, blank=True)
    hidden_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("-created_at", "-pk")
        indexes = [
            models.Index(
                fields=("product", "-created_at"),
                condition=Q(is_hidden=False),
                name="review_product_visible",
            ),
            models.Index(fields=("seller", "-created_at"), name="review_seller_created"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(stars__gte=MIN_STARS) & Q(stars__lte=MAX_STARS),
                name="review_stars_1_to_5",
            )
        ]

    def __str__(self) -> str:
        return f"{self.stars}★ {self.product_id} ({self.pk})"


class ReviewPhoto(models.Model):
    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="photos")
    image = models.ImageField(upload_to="reviews/")
    content_type = models.CharField(max_length=32)
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ("sort_order", "pk")


class SellerReply(models.Model):
    review = models.OneToOneField(Review, on_delete=models.CASCADE, related_name="reply")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = models.TextField(max_length=1000)
    created_at = models.DateTimeField(default=timezone.now)
