"""Translating the catalogue (Saleor's `productTranslate`): a product's name, slug,
description and SEO texts in another language than Vietnamese.

Who may translate is checked by the caller (the product's seller's members and officers of
its province: `check_can_translate`); this module validates the text and writes the row.
Saleor's semantics: a field left out of the input keeps its translated value; an empty
string clears it (readers then fall back to the Vietnamese text).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext_lazy as _

from accounts.roles import scope_of
from catalog.languages import DEFAULT_LANGUAGE, languages
from catalog.models import Product, ProductTranslation
from catalog.product_editing import (
    SEO_DESCRIPTION_LENGTH,
    SEO_TITLE_LENGTH,
    SLUG,
    description_text,
    raise_if,
)
from core.errors import FieldError, fail
from core.input_limits import max_length_of, text_error
from core.text import nfc

# The language whose product texts are also kept on the product row (`name_en`,
# `description_en`): search and the web storefront's cards read them there.
MIRRORED_LANGUAGE = "en"


def check_language(language_code: str) -> None:
    if language_code not in languages():
        fail("language_code", _("Unknown language."), "INVALID")
    if language_code == DEFAULT_LANGUAGE:
        fail(
            "language_code",
            _("Vietnamese is the product's own text: change the product itself."),
            "INVALID",
        )


def check_can_translate(user: Any, product: Product, field: str = "id") -> None:
    """The product's seller's members, and officers whose province covers the seller."""
    scope = scope_of(user)
    if scope.is_member(product.seller_id) or scope.covers_province(product.seller.province_id):
        return
    fail(field, _("You can translate only your own seller's products."), "PERMISSION_DENIED")


def clean_product_translation(
    product: Product, language_code: str, data: Mapping[str, Any]
) -> dict[str, Any]:
    """The fields of `data` (TranslationInput, snake_case) as they will be stored."""
    check_language(language_code)
    cleaned: dict[str, Any] = {}
    errors: list[FieldError] = []
    limits = {
        "name": max_length_of(ProductTranslation, "name"),
        "seo_title": SEO_TITLE_LENGTH,
        "seo_description": SEO_DESCRIPTION_LENGTH,
    }
    for key, limit in limits.items():
        if key in data:
            value = nfc(data[key] or "").strip()
            if error := text_error(key, value, limit):
                errors.append(error)
            cleaned[key] = value
    if "description" in data:
        cleaned["description"] = description_text(data["description"])
        if error := text_error("description", cleaned["description"], 20_000):
            errors.append(error)
    if "slug" in data:
        slug = (data["slug"] or "").strip() or None
        if slug is not None and (len(slug) > 255 or not SLUG.match(slug)):
            errors.append(
                FieldError(
                    "slug",
                    _("Invalid slug."),
                    "INVALID",
                )
            )
        elif slug is not None and (
            ProductTranslation.objects.filter(language_code=language_code, slug=slug)
            .exclude(product=product)
            .exists()
        ):
            errors.append(FieldError("slug", _("This slug is taken."), "UNIQUE"))
        cleaned["slug"] = slug
    raise_if(errors)
    return cleaned


def do_translate_product(
    product: Product, language_code: str, cleaned: Mapping[str, Any]
) -> ProductTranslation:
    """Write the product's translation into `language_code` (created on first use); the
    English name and description are copied onto the product row too, with its search
    document.

    Locks: none of its own; runs inside `catalog.units.do_with_product`, which holds the
    product row FOR UPDATE (`lock_product`), so two translations of one product queue.
    """
    translation, _created = ProductTranslation.objects.get_or_create(
        product=product, language_code=language_code
    )
    for key, value in cleaned.items():
        setattr(translation, key, value)
    translation.save()
    if language_code == MIRRORED_LANGUAGE:
        product.name_en = translation.name
        product.description_en = translation.description
        product.search_document = product.build_search_document()
        product.save(update_fields=["name_en", "description_en", "search_document", "updated_at"])
    return translation


def translation_in(rows: Any, language_code: str) -> Any:
    """The row of `language_code` among an object's prefetched translations (no query)."""
    return next((row for row in rows if row.language_code == language_code), None)
