"""The seller centre's one-page product editor and its quick price/stock edit.

The editor sends everything at once: the product's fields, its story (rich text with
photos, `catalog.story_editing`), its label facts (`catalog.label_facts`), its variants
with price and stock, photos to add, reorder or remove, an OCOP certificate (a new scan,
or one the stall already holds: `catalog.certificate_choice`), and publication.
`check_product_form` validates all of it first and reports every error, by form field
name; `do_save_product_form` then makes every write in ONE durable transaction through
the catalog's own `do_*` functions (the ones the GraphQL mutations call), so a refusal
anywhere writes nothing. Whether a product is shown stays `catalog.listing`'s decision.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from catalog.certificate_choice import FIELD as CHOICE_FIELD
from catalog.certificate_choice import check_certificate_choice, do_attach_certificate
from catalog.certificates import CertificateData, check_not_duplicate, clean_certificate
from catalog.certificates import do_create_certificate as create_certificate
from catalog.channel_listings import (
    ChannelUpdate,
    VariantPrice,
    do_update_product_channels,
    do_update_variant_prices,
)
from catalog.label_facts import check_facts, do_save_facts, group_of
from catalog.media import do_add_media
from catalog.models import (
    Category,
    Channel,
    OcopCertificate,
    Product,
    ProductMedia,
    ProductType,
    ProductVariant,
)
from catalog.photo_checks import check_photo
from catalog.product_editing import (
    clean_product,
    do_create_variant,
    do_update_product,
    do_update_variant,
    unique_product_slug,
)
from catalog.quick_edit import MAX_QUANTITY, stall_warehouse, whole_number
from catalog.stock_levels import StockLine, do_create_stocks, do_update_stocks
from catalog.story_editing import CheckedStory, check_story, do_save_story
from catalog.units import do_with_product
from core.errors import FieldError, ValidationErrors, fail
from core.input_limits import amount_error, max_length_of, text_error
from core.text import nfc
from sellers import on_behalf
from sellers.models import Seller, UploadPurpose
from sellers.uploads import CheckedFile, check_upload

MAX_PHOTOS = 10
MAX_VARIANTS = 20
CERTIFICATE_FIELDS = (
    "decision_number",
    "decision_date",
    "certificate_number",
    "issuer_level",
    "issuer_name",
    "stars",
    "score",
    "product_group",
)


@dataclass
class VariantRow:
    """One variant row of the form (`pk` None: a new variant); values as typed."""

    index: int
    pk: int | None
    name: str
    price: str
    quantity: str


@dataclass
class ProductFormInput:
    name: str
    category: str
    description: str
    publish: bool
    variants: list[VariantRow]
    photos: list[Any] = field(default_factory=list)
    media_order: dict[int, str] = field(default_factory=dict)
    media_remove: set[int] = field(default_factory=set)
    main_media: int | None = None
    certificate: dict[str, str] = field(default_factory=dict)
    certificate_scan: Any | None = None
    # The toolbar's HTML when JavaScript ran (else `description` holds the textarea's text).
    story_html: str | None = None
    story_photos: list[Any] = field(default_factory=list)
    facts: dict[str, str] = field(default_factory=dict)
    certificate_choice: str = ""


@dataclass
class CleanVariant:
    pk: int | None
    name: str
    price: int
    quantity: int


@dataclass
class CheckedProductForm:
    product: dict[str, Any]
    publish: bool
    variants: list[CleanVariant]
    photos: list[CheckedFile]
    media_order: dict[int, int]
    media_remove: set[int]
    main_media: int | None
    certificate: CertificateData | None
    certificate_scan: CheckedFile | None
    story: CheckedStory | None = None
    facts: dict[str, str] = field(default_factory=dict)
    chosen_certificate: OcopCertificate | None = None


def _date(value: str) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(str(value).strip())
    except ValueError:
        return None


def product_type_for(seller: Seller) -> ProductType:
    """The type of the seller's products (the first one's), else the catalog's first."""
    found = (
        ProductType.objects.filter(pk__in=seller.products.values("product_type")).order_by("pk")
    ).first() or ProductType.objects.order_by("pk").first()
    if found is None:
        fail("name", _("The catalog has no product type yet."), "INVALID")
    return found


def check_variants(
    product: Product | None, rows: list[VariantRow], channel: Channel
) -> tuple[list[CleanVariant], list[FieldError]]:
    errors: list[FieldError] = []
    own = set(product.variants.values_list("pk", flat=True)) if product else set()
    cleaned: list[CleanVariant] = []
    limit = max_length_of(ProductVariant, "name")
    for row in rows:
        prefix = f"variant-{row.index}-"
        name = nfc(row.name).strip()
        if row.pk is None and not (name or row.price.strip() or row.quantity.strip()):
            continue  # an empty spare row
        if row.pk is not None and row.pk not in own:
            errors.append(FieldError(prefix + "name", _("Not this product's variant."), "INVALID"))
            continue
        if error := text_error(prefix + "name", name, limit):
            errors.append(error)
        price = whole_number(row.price.replace(".", "").replace(",", ""))
        if price is None:
            errors.append(FieldError(prefix + "price", _("Enter a price in đồng."), "INVALID"))
        elif error := amount_error(
            prefix + "price", price, currency=channel.currency_code, allow_zero=False
        ):
            errors.append(error)
        quantity = whole_number(row.quantity)
        if quantity is None or not 0 <= quantity <= MAX_QUANTITY:
            errors.append(
                FieldError(
                    prefix + "quantity",
                    _("Enter a whole number of items from 0 to %(max)s."),
                    "INVALID",
                    {"max": MAX_QUANTITY},
                )
            )
        cleaned.append(CleanVariant(row.pk, name, price or 0, quantity or 0))
    if not cleaned and not errors:
        errors.append(
            FieldError("variant-0-price", _("Add at least one variant with a price."), "REQUIRED")
        )
    if len(cleaned) > MAX_VARIANTS:
        errors.append(
            FieldError(
                "variant-0-name", _("At most %(max)s variants."), "INVALID", {"max": MAX_VARIANTS}
            )
        )
    return cleaned, errors


def check_media(
    product: Product | None, data: ProductFormInput
) -> tuple[list[CheckedFile], dict[int, int], list[FieldError]]:
    errors: list[FieldError] = []
    photos: list[CheckedFile] = []
    for file in data.photos:
        try:
            photos.append(check_photo("photos", file))
        except ValidationErrors as error:
            errors += error.errors
    own = set(product.media.values_list("pk", flat=True)) if product else set()
    order: dict[int, int] = {}
    for pk, value in data.media_order.items():
        number = whole_number(value)
        if pk not in own:
            errors.append(FieldError("photos", _("Not this product's photo."), "INVALID"))
        elif number is None or not 0 <= number <= 1000:
            errors.append(
                FieldError(f"media-{pk}-order", _("Enter a number from 0 to 1000."), "INVALID")
            )
        else:
            order[pk] = number
    if (data.media_remove | {data.main_media or 0}) - own - {0}:
        errors.append(FieldError("photos", _("Not this product's photo."), "INVALID"))
    kept = len(own - data.media_remove) + len(data.photos)
    if kept > MAX_PHOTOS:
        errors.append(
            FieldError("photos", _("At most %(max)s photos."), "INVALID", {"max": MAX_PHOTOS})
        )
    return photos, order, errors


def check_certificate(
    product: Product | None, data: ProductFormInput
) -> tuple[CertificateData | None, CheckedFile | None, list[FieldError]]:
    """A new certificate when any of its fields or a scan is given; errors as `cert-<field>`."""
    given = {k: v.strip() for k, v in data.certificate.items() if v and v.strip()}
    if not given and data.certificate_scan is None:
        return None, None, []
    errors: list[FieldError] = []
    values: dict[str, Any] = {
        **given,
        "stars": whole_number(given.get("stars", "")),
        "score": whole_number(given["score"]) if given.get("score") else None,
        "decision_date": _date(given.get("decision_date", "")),
    }
    cleaned: CertificateData | None = None
    scan: CheckedFile | None = None
    try:
        cleaned = clean_certificate(values)
        if product is not None:
            check_not_duplicate(product, cleaned.decision_number)
    except ValidationErrors as error:
        errors += error.errors
    try:
        scan = check_upload("scan", data.certificate_scan, UploadPurpose.CERTIFICATE_SCAN)
    except ValidationErrors as error:
        errors += error.errors
    renamed = [
        FieldError(f"cert-{e.field or 'decision_number'}", e.text, e.code, e.params) for e in errors
    ]
    return cleaned, scan, renamed


def check_product_form(
    seller: Seller, product: Product | None, data: ProductFormInput, channel: Channel
) -> CheckedProductForm:
    """Every rule of the editor, all errors at once (ValidationErrors), nothing written."""
    category: Category | None = None
    errors: list[FieldError] = []
    if data.category.strip():
        pk = whole_number(data.category)
        category = (
            Category.objects.select_related("parent__parent").filter(pk=pk).first()
            if pk is not None
            else None
        )
        if category is None:
            errors.append(FieldError("category", _("Choose a product group."), "INVALID"))
    story, more = check_story(product, data.story_html, data.description, data.story_photos)
    errors += more
    values: dict[str, Any] = {
        "name": data.name,
        "description": story.description,
        "category": category,
    }
    if product is None:
        values["product_type"] = product_type_for(seller)
    cleaned, more = clean_product(values, product=product)
    errors += more
    variants, more = check_variants(product, data.variants, channel)
    errors += more
    photos, order, more = check_media(product, data)
    errors += more
    group = group_of(category)
    facts, more = check_facts(group, data.facts)
    errors += more
    certificate, scan, more = check_certificate(product, data)
    errors += more
    chosen: OcopCertificate | None = None
    try:
        chosen = check_certificate_choice(seller, product, group, data.certificate_choice)
    except ValidationErrors as error:
        errors += error.errors
    new_given = any(v.strip() for v in data.certificate.values()) or data.certificate_scan
    if chosen is not None and new_given:
        errors.append(
            FieldError(
                CHOICE_FIELD,
                _("Pick a certificate you hold or upload a new one, not both."),
                "INVALID",
            )
        )
    if errors:
        raise ValidationErrors(errors)
    return CheckedProductForm(
        product=cleaned,
        publish=data.publish,
        variants=variants,
        photos=photos,
        media_order=order,
        media_remove=set(data.media_remove),
        main_media=data.main_media,
        certificate=certificate,
        certificate_scan=scan,
        story=story,
        facts=facts,
        chosen_certificate=chosen,
    )


def _write(product: Product, checked: CheckedProductForm, actor: Any, channel: Channel) -> Product:
    """All the writes of the editor on a product already locked or new."""
    do_update_product(product, checked.product)
    if checked.story is not None:
        do_save_story(product, checked.story)
    do_save_facts(product, checked.facts)
    do_update_product_channels(
        product,
        [
            ChannelUpdate(
                0,
                channel,
                is_published=checked.publish,
                is_available_for_purchase=checked.publish or None,
            )
        ],
        [],
    )
    warehouse = stall_warehouse(product.seller)
    existing = {v.pk: v for v in product.variants.all()}
    for row in checked.variants:
        variant = existing.get(row.pk) if row.pk is not None else None
        line = [StockLine(0, warehouse.pk, row.quantity)]
        if variant is None:
            variant = do_create_variant(product, {"name": row.name})
            do_create_stocks(variant, line)
        else:
            do_update_variant(variant, {"name": row.name})
            do_update_stocks(variant, line)
        do_update_variant_prices(variant, [VariantPrice(0, channel, Decimal(row.price))])
    media = product.media.all()
    if checked.media_remove:
        ProductMedia.objects.filter(product=product, pk__in=checked.media_remove).delete()
    for item in media:
        if item.pk in checked.media_remove:
            continue
        order = checked.media_order.get(item.pk, item.sort_order)
        if item.pk == checked.main_media:
            order = -1
        if order != item.sort_order:
            ProductMedia.objects.filter(pk=item.pk).update(sort_order=order)
    for photo in checked.photos:
        do_add_media(product, alt=product.name, checked=photo)
    if checked.certificate is not None:
        create_certificate(product, checked.certificate, actor, scan=checked.certificate_scan)
    if checked.chosen_certificate is not None:
        do_attach_certificate(product, checked.chosen_certificate.pk, actor)
    return product


def do_save_product_form(
    seller: Seller,
    product_pk: int | None,
    checked: CheckedProductForm,
    actor: Any,
    channel: Channel,
    *,
    on_behalf_of: Any = None,
) -> Product:
    """Create (`product_pk` None) or change a product of `seller` with everything the
    editor sent, in one durable transaction; another stall's product is "not found".
    `on_behalf_of`: the officer doing it for the stall (assisted onboarding), recorded in the
    same transaction (`sellers.on_behalf`).

    Locks: an existing product's row FOR UPDATE (`catalog.units.do_with_product` →
    `lock_product`), held to the end; its variants, stocks, prices, photos and the new
    certificate are written under it (each stock quantity by the conditional UPDATE of
    `catalog.stock_levels`). A picked certificate's source row is locked FOR NO KEY
    UPDATE while its copy is made (`catalog.certificate_choice`). A new product locks
    nothing else (new rows only).
    """
    if product_pk is None:
        with transaction.atomic(durable=True):
            product = Product(seller=seller, origin_province=seller.province)
            product.slug = unique_product_slug(str(checked.product.get("name") or ""))
            _write(product, checked, actor, channel)
            _record_on_behalf(on_behalf_of, product, on_behalf.Kind.PRODUCT_CREATED)
            return product

    def authorize(product: Product | None) -> Product:
        if product is None or product.seller_id != seller.pk:
            fail("id", _("No such product."), "NOT_FOUND")
        return product

    def act(product: Product) -> Product:
        _write(product, checked, actor, channel)
        _record_on_behalf(on_behalf_of, product, on_behalf.Kind.PRODUCT_UPDATED)
        return product

    return do_with_product(product_pk, authorize, act)


def _record_on_behalf(officer: Any, product: Product, kind: str) -> None:
    if officer is not None:
        on_behalf.record(officer, product.seller, kind, subject=product.name, subject_id=product.pk)
