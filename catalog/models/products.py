"""Saleor's catalog shape: categories, product types, products, variants, listings, media."""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from catalog.models.certificates import OcopCertificate, valid_certificate_q
from catalog.models.channels import Channel
from catalog.search_vector import DOCUMENT_FIELDS, ProductSearchVector
from core.text import fold
from sellers.statuses import SellerStatus

# --- The listing rule (catalog.listing is its public face) --------------------------------


def priced_in(channel: Channel) -> QuerySet[ProductVariantChannelListing]:
    """Variant prices in `channel` of the outer product (`OuterRef("pk")`): a listing row
    with a price above 0 đồng (prices are whole đồng > 0, catalog.channel_listings)."""
    return ProductVariantChannelListing.objects.filter(
        variant__product=OuterRef("pk"), channel=channel, price_amount__gt=0
    )


def listable_products(
    channel: Channel, *, at: datetime.datetime | None = None
) -> QuerySet[Product]:
    moment = at or timezone.now()
    published = ProductChannelListing.objects.filter(
        product=OuterRef("pk"), channel=channel, is_published=True
    ).filter(Q(published_at__isnull=True) | Q(published_at__lte=moment))
    certified = OcopCertificate.objects.filter(
        valid_certificate_q(timezone.localdate(moment))
    ).filter(product=OuterRef("pk"))
    return Product.objects.filter(
        Exists(published),
        Exists(priced_in(channel)),
        Exists(certified),
        seller__status=SellerStatus.APPROVED,
        seller__is_active=True,
    )


def visible_products(user: Any, channel: Channel) -> models.QuerySet[Product]:
    return Product.objects.visible_to(user, channel=channel)


class ProductQuerySet(models.QuerySet["Product"]):
    def visible_to(self, user: Any = None, *, channel: Channel) -> ProductQuerySet:
        """Listable products in `channel` (`catalog.listing`, the one listing rule).

        Listing does not depend on who asks: sellers and officers reach unlisted products
        through their mutations and the certificate review list, not the catalog."""
        return self & listable_products(channel)  # type: ignore[return-value]


class ProductTypeQuerySet(models.QuerySet["ProductType"]):
    def visible_to(self, user: Any = None, *, channel: Channel) -> ProductTypeQuerySet:
        """Types of the products the viewer sees (`Product.productType`)."""
        products = visible_products(user, channel)
        return self.filter(Exists(products.filter(product_type=OuterRef("pk"))))


class ProductVariantQuerySet(models.QuerySet["ProductVariant"]):
    def visible_to(self, user: Any = None, *, channel: Channel) -> ProductVariantQuerySet:
        """Variants of the products the viewer sees (`productVariant`, `Product.variants`)."""
        return self.filter(product__in=visible_products(user, channel))


class ProductMediaQuerySet(models.QuerySet["ProductMedia"]):
    def visible_to(self, user: Any = None, *, channel: Channel) -> ProductMediaQuerySet:
        """Media of the products the viewer sees (`Product.media`)."""
        return self.filter(product__in=visible_products(user, channel))


class Category(models.Model):
    name = models.CharField(max_length=250)
    name_en = models.CharField(max_length=250, blank=True)
    slug = models.SlugField(max_length=255, unique=True)
    description = models.TextField(blank=True)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="children"
    )
    level = models.PositiveSmallIntegerField(default=0, editable=False)
    updated_at = models.DateTimeField(auto_now=True)
    # Saleor's SEO fields and banner; empty SEO fields fall back to the name/description.
    seo_title = models.CharField(max_length=70, blank=True)
    seo_description = models.CharField(max_length=300, blank=True)
    background_image = models.ImageField(upload_to="category-backgrounds/", blank=True)
    background_image_alt = models.CharField(max_length=128, blank=True)

    class Meta:
        ordering = ("level", "name")
        verbose_name_plural = "categories"

    def __str__(self) -> str:
        return self.name

    def save(self, *args: object, **kwargs: object) -> None:
        self.level = self.parent.level + 1 if self.parent_id and self.parent else 0
        super().save(*args, **kwargs)  # type: ignore[arg-type]


class ProductType(models.Model):
    name = models.CharField(max_length=250)
    slug = models.SlugField(max_length=255, unique=True)
    has_variants = models.BooleanField(default=True)
    is_shipping_required = models.BooleanField(default=True)

    objects = ProductTypeQuerySet.as_manager()

    class Meta:
        ordering = ("slug",)

    def __str__(self) -> str:
        return self.name


class Product(models.Model):
    seller = models.ForeignKey("sellers.Seller", on_delete=models.PROTECT, related_name="products")
    product_type = models.ForeignKey(ProductType, on_delete=models.PROTECT, related_name="+")
    category = models.ForeignKey(
        Category, null=True, blank=True, on_delete=models.SET_NULL, related_name="products"
    )
    origin_province = models.ForeignKey(
        "places.Province", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    name = models.CharField(max_length=250)
    name_en = models.CharField(max_length=250, blank=True)
    slug = models.SlugField(max_length=255, unique=True)
    description = models.TextField(blank=True)
    description_en = models.TextField(blank=True)
    # The seller's story as sanitised HTML (`catalog.story`: paragraphs, headings, bold,
    # italic, lists, photos of our own storage); `description` is its plain text, which
    # search and the API read.
    story = models.TextField(blank=True, default="")
    # Folded name/description/seller/province, so PostgreSQL search matches "mat ong" to "Mật ong".
    search_document = models.TextField(blank=True, default="")
    # The weighted, folded tsvector PostgreSQL search matches through a GIN index
    # (catalog.search_vector): written in the product's own INSERT/UPDATE by save(), and
    # by one UPDATE when a seller, category or province it names is renamed.
    search_vector = SearchVectorField(null=True, editable=False)
    # Kept by the reviews app from visible reviews (average of stars, count), for cards,
    # sorting and JSON-LD without a per-product aggregate at read time.
    rating = models.FloatField(null=True, blank=True)
    rating_count = models.PositiveIntegerField(default=0)
    popularity = models.PositiveIntegerField(default=0)
    weight_grams = models.PositiveIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)

    objects = ProductQuerySet.as_manager()

    class Meta:
        ordering = ("slug",)
        indexes = [GinIndex(fields=["search_vector"], name="product_search_vector")]

    def __str__(self) -> str:
        return self.name

    def save(self, *args: Any, **kwargs: Any) -> None:
        """Saving the text (or a full save) rewrites the search document in the same
        statement: an SQL expression, so no extra query and never out of step."""
        update_fields = kwargs.get("update_fields")
        if update_fields is None or DOCUMENT_FIELDS.intersection(update_fields):
            self.search_vector = ProductSearchVector(self)
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, "search_vector"}
        super().save(*args, **kwargs)
        # The expression is not a value: leave the field deferred (read again if asked).
        self.__dict__.pop("search_vector", None)

    def build_search_document(self) -> str:
        parts = [self.name, self.name_en, self.description]
        if self.category_id and self.category:
            parts.append(self.category.name)
        if self.origin_province_id and self.origin_province:
            parts.append(self.origin_province.name)
        return fold(" ".join(p for p in parts if p))


class SearchWord(models.Model):
    """A folded word of the catalogue's search documents and how many products hold it:
    the vocabulary PostgreSQL search corrects typos against (catalog.search_vector)."""

    word = models.TextField(primary_key=True)
    frequency = models.PositiveIntegerField(default=1)

    def __str__(self) -> str:
        return self.word


class ProductChannelListing(models.Model):
    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="channel_listings")
    channel = models.ForeignKey("catalog.Channel", on_delete=models.CASCADE, related_name="+")
    is_published = models.BooleanField(default=False)
    published_at = models.DateTimeField(null=True, blank=True)
    visible_in_listings = models.BooleanField(default=True)
    available_for_purchase_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=("product", "channel"), name="product_listing_unique")
        ]


class ProductVariant(models.Model):
    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="variants")
    sku = models.CharField(max_length=255, unique=True, null=True, blank=True)
    name = models.CharField(max_length=255, blank=True)
    weight_grams = models.PositiveIntegerField(null=True, blank=True)
    track_inventory = models.BooleanField(default=True)
    sort_order = models.IntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ProductVariantQuerySet.as_manager()

    class Meta:
        ordering = ("sort_order", "id")

    def __str__(self) -> str:
        return f"{self.product.name} — {self.name}" if self.name else self.product.name


class ProductVariantChannelListing(models.Model):
    """The price of a variant in a channel, in whole đồng for VND."""

    variant = models.ForeignKey(
        ProductVariant, on_delete=models.CASCADE, related_name="channel_listings"
    )
    channel = models.ForeignKey("catalog.Channel", on_delete=models.CASCADE, related_name="+")
    price_amount = models.BigIntegerField()
    cost_price_amount = models.BigIntegerField(null=True, blank=True)
    currency = models.CharField(max_length=3, default="VND")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=("variant", "channel"), name="variant_listing_unique"),
            models.CheckConstraint(
                condition=models.Q(price_amount__gte=0), name="variant_price_not_negative"
            ),
        ]


class ProductMedia(models.Model):
    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="media")
    image = models.ImageField(upload_to="products/", blank=True)
    alt = models.CharField(max_length=250, blank=True)
    sort_order = models.IntegerField(default=0)

    objects = ProductMediaQuerySet.as_manager()

    class Meta:
        ordering = ("sort_order", "id")


class Thumbnail(models.Model):
    """A resized copy of a media image, generated once per (size, format) and kept."""

    media = models.ForeignKey(ProductMedia, on_delete=models.CASCADE, related_name="thumbnails")
    size = models.PositiveIntegerField()
    format = models.CharField(max_length=8)
    image = models.ImageField(upload_to="thumbnails/")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=("media", "size", "format"), name="thumbnail_unique")
        ]
