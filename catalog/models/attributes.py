"""Saleor's attributes, as the label facts' vocabulary.

The facts a seller types (`ProductFact`) stay the one record of what a label says; an
`Attribute` says how each fact is shown and filtered (its Saleor input type, unit, whether
shoppers filter on it, its English name), and the `AttributeValue` rows of a choice
attribute (a craft's material) are its known choices with their translations, which the
fact's text is matched against (`catalog.attributes`). Nothing is copied from the facts,
so nothing can disagree with them.
"""

from __future__ import annotations

from django.db import models


class AttributeInputType(models.TextChoices):
    """Saleor's `AttributeInputTypeEnum` (the ones the facts use)."""

    DROPDOWN = "DROPDOWN", "Dropdown"
    MULTISELECT = "MULTISELECT", "Multi select"
    PLAIN_TEXT = "PLAIN_TEXT", "Plain text"
    NUMERIC = "NUMERIC", "Numeric"
    BOOLEAN = "BOOLEAN", "Boolean"


class Attribute(models.Model):
    """One attribute: its slug is a `FactKey` (or `variant`, the option a variant is
    chosen by); `name` is Vietnamese, other languages in `AttributeTranslation`."""

    slug = models.SlugField(max_length=50, unique=True)
    name = models.CharField(max_length=250)
    input_type = models.CharField(max_length=20, choices=AttributeInputType.choices)
    # Saleor's MeasurementUnitsEnum value (e.g. "G"), or empty.
    unit = models.CharField(max_length=20, blank=True)
    value_required = models.BooleanField(default=False)
    visible_in_storefront = models.BooleanField(default=True)
    filterable_in_storefront = models.BooleanField(default=False)
    # A variant attribute a shopper picks a variant by (`VARIANT_SELECTION`).
    variant_selection = models.BooleanField(default=False)
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ("sort_order", "slug")

    def __str__(self) -> str:
        return self.slug


class AttributeTranslation(models.Model):
    attribute = models.ForeignKey(Attribute, on_delete=models.CASCADE, related_name="translations")
    language_code = models.CharField(max_length=10)
    name = models.CharField(max_length=250)

    class Meta:
        ordering = ("attribute", "language_code")
        constraints = [
            models.UniqueConstraint(
                fields=("attribute", "language_code"), name="attribute_translation_once"
            )
        ]


class AttributeValue(models.Model):
    """A known choice of a choice attribute (a craft's material: "Tre", "Gốm"...)."""

    attribute = models.ForeignKey(Attribute, on_delete=models.CASCADE, related_name="choices")
    slug = models.SlugField(max_length=100)
    name = models.CharField(max_length=250)
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ("attribute", "sort_order", "slug")
        constraints = [
            models.UniqueConstraint(fields=("attribute", "slug"), name="attribute_value_slug")
        ]

    def __str__(self) -> str:
        return self.name


class AttributeValueTranslation(models.Model):
    value = models.ForeignKey(AttributeValue, on_delete=models.CASCADE, related_name="translations")
    language_code = models.CharField(max_length=10)
    name = models.CharField(max_length=250)

    class Meta:
        ordering = ("value", "language_code")
        constraints = [
            models.UniqueConstraint(
                fields=("value", "language_code"), name="attribute_value_translation_once"
            )
        ]
