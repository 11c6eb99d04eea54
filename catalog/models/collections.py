from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone


class CollectionQuerySet(models.QuerySet["Collection"]):
    def visible_to(self, user: Any = None) -> CollectionQuerySet:
        """Published collections within their dates (`collections`), for everyone."""
        now = timezone.now()
        return self.filter(is_published=True).exclude(starts_at__gt=now).exclude(ends_at__lt=now)


class Collection(models.Model):
    """A Saleor collection; featured ones are curated by officers for a time window."""

    name = models.CharField(max_length=250)
    slug = models.SlugField(max_length=255, unique=True)
    description = models.TextField(blank=True)
    # Saleor's SEO fields and banner; empty SEO fields fall back to the name/description.
    seo_title = models.CharField(max_length=70, blank=True)
    seo_description = models.CharField(max_length=300, blank=True)
    background_image = models.ImageField(upload_to="collection-backgrounds/", blank=True)
    background_image_alt = models.CharField(max_length=128, blank=True)
    is_featured = models.BooleanField(default=False)
    is_published = models.BooleanField(default=True)
    starts_at = models.DateTimeField(null=True, blank=True)
    ends_at = models.DateTimeField(null=True, blank=True)
    province = models.ForeignKey(
        "places.Province", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    curated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    products: models.ManyToManyField[Any, Any] = models.ManyToManyField(
        "catalog.Product", through="CollectionProduct", related_name="collections"
    )

    objects = CollectionQuerySet.as_manager()

    class Meta:
        ordering = ("slug",)

    def __str__(self) -> str:
        return self.name


class CollectionProduct(models.Model):
    collection = models.ForeignKey(Collection, on_delete=models.CASCADE, related_name="+")
    product = models.ForeignKey("catalog.Product", on_delete=models.CASCADE, related_name="+")
    sort_order = models.IntegerField(default=0)

    class Meta:
        ordering = ("sort_order", "id")
        constraints = [
            models.UniqueConstraint(fields=("collection", "product"), name="collection_product")
        ]
