"""Translations of the catalogue's texts (Saleor's `*Translation` models).

The Vietnamese text on the row itself is the default; a translation row holds one other
language's text, keyed by a language code of Saleor's `LanguageCodeEnum` ("en", "en-US",
"ja"…, see `catalog.languages`). An empty field means "not translated": readers fall back
to the Vietnamese text. A translated slug is unique within its language, so
`product(slug:, slugLanguageCode:)` finds exactly one row.

The English name and description of a product (and the English name of a category) are
also kept on the row itself (`name_en`, `description_en`): search indexes them and the web
storefront's cards read them without a join. `catalog.translations.do_translate_product`
writes both in one transaction, so they never disagree.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q


class Translation(models.Model):
    language_code = models.CharField(max_length=35)

    class Meta:
        abstract = True


class SeoTranslation(Translation):
    name = models.CharField(max_length=250, blank=True)
    slug = models.SlugField(max_length=255, null=True, blank=True)
    description = models.TextField(blank=True)
    seo_title = models.CharField(max_length=70, blank=True)
    seo_description = models.CharField(max_length=300, blank=True)

    class Meta:
        abstract = True


def _constraints(owner: str, prefix: str) -> list[models.BaseConstraint]:
    return [
        models.UniqueConstraint(fields=("language_code", owner), name=f"{prefix}_language"),
        models.UniqueConstraint(
            fields=("language_code", "slug"),
            condition=Q(slug__isnull=False),
            name=f"{prefix}_slug_language",
        ),
    ]


class ProductTranslation(SeoTranslation):
    product = models.ForeignKey(
        "catalog.Product", on_delete=models.CASCADE, related_name="translations"
    )

    class Meta:
        ordering = ("language_code", "pk")
        constraints = _constraints("product", "product_translation")

    def __str__(self) -> str:
        return f"{self.language_code}: {self.name}"


class ProductVariantTranslation(Translation):
    variant = models.ForeignKey(
        "catalog.ProductVariant", on_delete=models.CASCADE, related_name="translations"
    )
    name = models.CharField(max_length=255, blank=True)

    class Meta:
        ordering = ("language_code", "pk")
        constraints = [
            models.UniqueConstraint(
                fields=("language_code", "variant"), name="variant_translation_language"
            )
        ]

    def __str__(self) -> str:
        return f"{self.language_code}: {self.name}"


class CategoryTranslation(SeoTranslation):
    category = models.ForeignKey(
        "catalog.Category", on_delete=models.CASCADE, related_name="translations"
    )

    class Meta:
        ordering = ("language_code", "pk")
        constraints = _constraints("category", "category_translation")

    def __str__(self) -> str:
        return f"{self.language_code}: {self.name}"


class CollectionTranslation(SeoTranslation):
    collection = models.ForeignKey(
        "catalog.Collection", on_delete=models.CASCADE, related_name="translations"
    )

    class Meta:
        ordering = ("language_code", "pk")
        constraints = _constraints("collection", "collection_translation")

    def __str__(self) -> str:
        return f"{self.language_code}: {self.name}"
