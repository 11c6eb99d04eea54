"""Sellers editing their catalog: products and variants (Saleor's product mutations).

Who may call these is checked by the caller (the product's seller's members only); this
module validates values and writes rows. Prices and publication are in
`catalog.channel_listings`, stock in `catalog.stock_levels`, images in `catalog.media`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import ProtectedError, RestrictedError
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from catalog.listed import refresh_listed
from catalog.models import Category, Product, ProductType, ProductVariant
from catalog.search_vector import remember_words
from core.errors import FieldError, ValidationErrors, fail
from core.input_limits import check_text, max_length_of, text_error
from core.text import nfc, slugify_vi
from sellers.models import Seller

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
MAX_WEIGHT_GRAMS = 1_000_000
# Lengths Saleor has no column for: its SEO fields, and a bound on our plain-text
# description (a TEXT column) so one product cannot carry megabytes into every search
# document and page.
SEO_TITLE_LENGTH = 70
SEO_DESCRIPTION_LENGTH = 300
MAX_DESCRIPTION_LENGTH = 20_000


@dataclass
class ItemError(FieldError):
    """A FieldError about one item of a list input (a stock line, a channel)."""

    index: int | None = None
    channel_id: int | None = None
    variant_id: int | None = None


def description_text(value: Any) -> str:
    """Saleor sends EditorJS JSON; we keep plain paragraphs (see catalog types `editorjs`)."""
    if value is None:
        return ""
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError:
            return nfc(value).strip()
        if isinstance(value, str):
            return nfc(value).strip()
    if not isinstance(value, dict) or not isinstance(value.get("blocks", []), list):
        fail("description", _("Expected EditorJS JSON."), "INVALID")
    paragraphs = []
    for block in value.get("blocks", []):
        data = block.get("data") if isinstance(block, dict) else None
        text = data.get("text") if isinstance(data, dict) else None
        if isinstance(text, str) and strip_tags(text).strip():
            paragraphs.append(nfc(strip_tags(text)).strip())
    return "\n\n".join(paragraphs)


def weight_grams(field: str, value: Any) -> int | None:
    """Saleor's WeightScalar: a number (in our default unit, grams) or {value, unit}."""
    if value is None:
        return None
    unit = "g"
    if isinstance(value, Mapping):
        unit = str(value.get("unit") or "g").lower()
        value = value.get("value")
    try:
        amount = float(value)
    except (TypeError, ValueError):
        fail(field, _("Invalid weight."), "INVALID")
    factor = {"g": 1, "kg": 1000}.get(unit)
    if factor is None or amount < 0 or amount * factor > MAX_WEIGHT_GRAMS:
        fail(field, _("Invalid weight."), "INVALID")
    return round(amount * factor)


def unique_product_slug(name: str, exclude: int | None = None) -> str:
    base = slugify_vi(name)[:240] or "san-pham"
    slug, n = base, 1
    while Product.objects.filter(slug=slug).exclude(pk=exclude or 0).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


def clean_product(
    data: Mapping[str, Any], *, product: Product | None
) -> tuple[dict[str, Any], list[FieldError]]:
    """Saleor `ProductCreateInput`/`ProductInput` (snake_case keys, IDs already resolved)."""
    errors: list[FieldError] = []
    cleaned: dict[str, Any] = {}
    if product is None or data.get("name") is not None:
        name = nfc(str(data.get("name") or "")).strip()
        if not name:
            errors.append(
                FieldError("name", pgettext_lazy("product", "Name is required."), "REQUIRED")
            )
        elif error := text_error("name", name, max_length_of(Product, "name")):
            errors.append(error)
        cleaned["name"] = name
    if data.get("slug") is not None:
        slug = str(data["slug"]).strip().lower()
        if error := text_error("slug", slug, max_length_of(Product, "slug")):
            errors.append(error)
        elif not SLUG.match(slug):
            errors.append(FieldError("slug", _("Invalid slug."), "INVALID"))
        elif Product.objects.filter(slug=slug).exclude(pk=product.pk if product else 0).exists():
            errors.append(FieldError("slug", "Product with this Slug already exists.", "UNIQUE"))
        cleaned["slug"] = slug
    if "description" in data:
        try:
            cleaned["description"] = description_text(data["description"])
            check_text("description", cleaned["description"], MAX_DESCRIPTION_LENGTH)
        except ValidationErrors as error:
            errors += error.errors
    errors += seo_errors(data.get("seo"))
    if "category" in data:
        cleaned["category"] = data["category"]
    if data.get("product_type") is not None:
        cleaned["product_type"] = data["product_type"]
    elif product is None:
        errors.append(FieldError("product_type", "This field is required.", "REQUIRED"))
    if data.get("weight") is not None:
        try:
            cleaned["weight_grams"] = weight_grams("weight", data["weight"])
        except ValidationErrors as error:
            errors += error.errors
    if data.get("rating") is not None:
        errors.append(FieldError("rating", _("Ratings come from customers' reviews."), "INVALID"))
    if data.get("collections"):
        errors.append(
            FieldError(
                "collections", _("Collections are curated by officers."), "PERMISSION_DENIED"
            )
        )
    return cleaned, errors


def seo_errors(seo: Mapping[str, Any] | None) -> list[FieldError]:
    """Saleor's SEO limits (title 70, description 300). We do not store SEO fields yet,
    but a Saleor client must get the answer Saleor gives."""
    if not seo:
        return []
    errors = []
    for key, field, limit in (
        ("title", "seo_title", SEO_TITLE_LENGTH),
        ("description", "seo_description", SEO_DESCRIPTION_LENGTH),
    ):
        if error := text_error(field, seo.get(key), limit):
            errors.append(error)
    return errors


def _refresh_search_document(product: Product) -> None:
    product.search_document = product.build_search_document()


@transaction.atomic(durable=True)
def do_create_product(seller: Seller, cleaned: dict[str, Any]) -> Product:
    """A new product of `seller`, with its search outbox row, in one transaction (the
    outermost).

    Locks: none (a new row; its seller is read, not locked).
    """
    product = Product(seller=seller, origin_province=seller.province)
    for key, value in cleaned.items():
        setattr(product, key, value)
    if not product.slug:
        product.slug = unique_product_slug(product.name)
    _refresh_search_document(product)
    product.save()
    remember_words(product.pk)
    return product


def do_update_product(product: Product, cleaned: dict[str, Any]) -> Product:
    """Change the product's fields and its search document.

    Locks: none of its own; runs inside `catalog.units.do_with_product`, which holds the
    product row FOR UPDATE (`lock_product`).
    """
    for key, value in cleaned.items():
        setattr(product, key, value)
    _refresh_search_document(product)
    product.save()
    remember_words(product.pk)
    # Name, group, origin and the modification time are listing fields.
    refresh_listed([product.pk])
    return product


def do_delete_product(product: Product) -> None:
    """Delete the product, unless orders protect it.

    Locks: none of its own; runs inside `catalog.units.do_with_product`, which holds the
    product row FOR UPDATE (`lock_product`) (not no-key: the row is deleted).
    """
    try:
        product.delete()
    except (ProtectedError, RestrictedError):
        fail("id", _("The product has orders; unpublish it instead."), "INVALID")


def resolve_category(pk: int | None) -> Category | None:
    return Category.objects.filter(pk=pk).first() if pk is not None else None


def resolve_product_type(pk: int) -> ProductType | None:
    return ProductType.objects.filter(pk=pk).first()


# --- Variants ---------------------------------------------------------------------------------


def clean_variant(
    data: Mapping[str, Any], *, variant: ProductVariant | None
) -> tuple[dict[str, Any], list[FieldError]]:
    errors: list[FieldError] = []
    cleaned: dict[str, Any] = {}
    if "sku" in data:
        sku = (str(data["sku"]).strip() if data["sku"] is not None else "") or None
        if error := text_error("sku", sku, max_length_of(ProductVariant, "sku")):
            errors.append(error)
        elif sku and (
            ProductVariant.objects.filter(sku=sku).exclude(pk=variant.pk if variant else 0).exists()
        ):
            errors.append(FieldError("sku", "Product with this SKU already exists.", "UNIQUE"))
        cleaned["sku"] = sku
    if data.get("name") is not None:
        cleaned["name"] = nfc(str(data["name"])).strip()
        if error := text_error("name", cleaned["name"], max_length_of(ProductVariant, "name")):
            errors.append(error)
    if data.get("track_inventory") is not None:
        cleaned["track_inventory"] = bool(data["track_inventory"])
    if data.get("weight") is not None:
        try:
            cleaned["weight_grams"] = weight_grams("weight", data["weight"])
        except ValidationErrors as error:
            errors += error.errors
    return cleaned, errors


def do_create_variant(product: Product, cleaned: dict[str, Any]) -> ProductVariant:
    """A new variant; the product lock keeps sort orders of concurrent creations apart.

    Locks: none of its own; runs inside `catalog.units.do_with_product`, which holds the
    product row FOR UPDATE (`lock_product`).
    """
    last = product.variants.order_by("-sort_order").values_list("sort_order", flat=True).first()
    variant = ProductVariant(product=product, sort_order=(last or 0) + 1 if last is not None else 0)
    for key, value in cleaned.items():
        setattr(variant, key, value)
    variant.save()
    return variant


def do_update_variant(variant: ProductVariant, cleaned: dict[str, Any]) -> ProductVariant:
    """Change the variant's fields.

    Locks: none of its own; runs inside `catalog.units.do_with_variant`, which holds the
    variant row FOR UPDATE (`lock_variant`).
    """
    for key, value in cleaned.items():
        setattr(variant, key, value)
    variant.save()
    # Whether its stock is tracked decides "in stock".
    refresh_listed([variant.product_id])
    return variant


def raise_if(errors: list[FieldError]) -> None:
    if errors:
        raise ValidationErrors(errors)
