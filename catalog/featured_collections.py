"""Featured collections ("Quà Tết", "Đặc sản Điện Biên") curated by OCOP officers.

A collection with a province belongs to that province's officers (and national ones); a
collection without province is national. Provincial collections hold only products of
their province. The storefront shows a collection only between `starts_at` and `ends_at`
(`Collection.objects.visible_to`, in `catalog.visibility`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import transaction
from django.db.models import Max, QuerySet
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from accounts.roles import Scope
from catalog.listing import listable_products
from catalog.models import Channel, Collection, CollectionProduct, Product
from core.errors import FieldError, ValidationErrors, fail
from core.input_limits import max_length_of, text_error
from core.text import nfc, slugify_vi
from places.lookup import find_province
from places.models import Province

# A curated collection's blurb (a TEXT column), bounded like other page texts.
MAX_DESCRIPTION_LENGTH = 5_000


def unique_collection_slug(name: str) -> str:
    base = slugify_vi(name)[:240] or "bo-suu-tap"
    slug, n = base, 1
    while Collection.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


def clean_collection(
    data: Mapping[str, Any], *, collection: Collection | None, scope: Scope
) -> dict[str, Any]:
    """Validate values and the officer's reach over the collection's province."""
    errors: list[FieldError] = []
    cleaned: dict[str, Any] = {}
    if collection is None or data.get("name") is not None:
        name = nfc(str(data.get("name") or "")).strip()
        if not name:
            errors.append(
                FieldError("name", pgettext_lazy("collection", "Name is required."), "REQUIRED")
            )
        elif error := text_error("name", name, max_length_of(Collection, "name")):
            errors.append(error)
        cleaned["name"] = name
    if data.get("slug") is not None:
        slug = str(data["slug"]).strip().lower()
        if error := text_error("slug", slug, max_length_of(Collection, "slug")):
            errors.append(error)
        elif slugify_vi(slug) != slug or not slug:
            errors.append(FieldError("slug", _("Invalid slug."), "INVALID"))
        elif (
            Collection.objects.filter(slug=slug)
            .exclude(pk=collection.pk if collection else 0)
            .exists()
        ):
            errors.append(FieldError("slug", "Collection with this Slug already exists.", "UNIQUE"))
        cleaned["slug"] = slug
    if data.get("description") is not None:
        cleaned["description"] = nfc(str(data["description"])).strip()
        if error := text_error("description", cleaned["description"], MAX_DESCRIPTION_LENGTH):
            errors.append(error)
    if data.get("is_published") is not None:
        cleaned["is_published"] = bool(data["is_published"])
    for key in ("starts_at", "ends_at"):
        if key in data:
            cleaned[key] = data[key]
    starts = cleaned.get("starts_at", collection.starts_at if collection else None)
    ends = cleaned.get("ends_at", collection.ends_at if collection else None)
    if starts and ends and ends <= starts:
        errors.append(FieldError("ends_at", _("Must end after it starts."), "INVALID"))
    if "province" in data:
        code = str(data["province"] or "").strip()
        province = find_province(code) if code else None
        if code and province is None:
            errors.append(FieldError("province", _("Unknown province."), "NOT_FOUND"))
        elif not scope.covers_province(province.pk if province else None) or (
            province is None and not scope.is_national_officer
        ):
            errors.append(
                FieldError(
                    "province", _("Officers curate for their own province."), "PERMISSION_DENIED"
                )
            )
        cleaned["province"] = province
    elif collection is None and scope.officer_province_id is not None:
        # A provincial officer's collection is their province's.
        cleaned["province"] = Province.objects.get(pk=scope.officer_province_id)
    if errors:
        raise ValidationErrors(errors)
    return cleaned


def can_curate(scope: Scope, collection: Collection) -> bool:
    if collection.province_id is None:
        return scope.is_national_officer
    return scope.covers_province(collection.province_id)


@transaction.atomic
def do_save_collection(
    collection: Collection | None, cleaned: dict[str, Any], actor: Any
) -> Collection:
    """Create (`collection` None) or change a featured collection.

    Locks: none of its own. Creating writes a new row in its own transaction; changing
    runs inside `catalog.units.do_with_collection`, which holds the collection row FOR
    UPDATE (`lock_collection`), so plain `atomic()`: a savepoint there.
    """
    target = collection or Collection(is_featured=True)
    for key, value in cleaned.items():
        setattr(target, key, value)
    if not target.slug:
        target.slug = unique_collection_slug(target.name)
    target.is_featured = True
    target.curated_by = actor
    target.save()
    return target


def do_add_products(collection: Collection, products: list[Product]) -> None:
    """Append products to the collection, keeping its sort order.

    Locks: none of its own; runs inside `catalog.units.do_with_collection`, which holds the
    collection row FOR UPDATE (`lock_collection`).
    """
    if collection.province_id is not None:
        outside = [p for p in products if p.seller.province_id != collection.province_id]
        if outside:
            fail(
                "products",
                _("A provincial collection holds only its province's products."),
                "INVALID",
            )
    present = set(
        CollectionProduct.objects.filter(collection=collection).values_list("product_id", flat=True)
    )
    last = CollectionProduct.objects.filter(collection=collection).aggregate(m=Max("sort_order"))[
        "m"
    ]
    position = -1 if last is None else last
    rows = []
    for product in products:
        if product.pk in present:
            continue
        present.add(product.pk)
        position += 1
        rows.append(CollectionProduct(collection=collection, product=product, sort_order=position))
    CollectionProduct.objects.bulk_create(rows)


# --- Products of a collection: what may be picked, removing, ordering ------------------------


def pickable_products(collection: Collection, channel: Channel) -> QuerySet[Product]:
    """The products an officer may add: listable now in `channel` (`catalog.listing`, the one
    listing rule) and, for a provincial collection, made by a seller of its province."""
    products = listable_products(channel)
    if collection.province_id is not None:
        products = products.filter(seller__province_id=collection.province_id)
    return products


def check_pickable(
    collection: Collection, product_ids: list[int], channel: Channel
) -> list[Product]:
    """The products `product_ids` if every one may be added, else a field error on
    `product` (another province's product; one not on sale; one that does not exist)."""
    found = list(Product.objects.select_related("seller").filter(pk__in=product_ids).order_by())
    if len(found) != len(set(product_ids)):
        fail("product", _("Product not found."), "NOT_FOUND")
    if collection.province_id is not None and any(
        p.seller.province_id != collection.province_id for p in found
    ):
        fail("product", _("A provincial collection holds only its province's products."), "INVALID")
    listed = set(
        pickable_products(collection, channel)
        .filter(pk__in=product_ids)
        .values_list("pk", flat=True)
    )
    if any(p.pk not in listed for p in found):
        fail("product", _("Only products on sale can be featured."), "NOT_LISTED")
    by_pk = {p.pk: p for p in found}
    return [by_pk[pk] for pk in product_ids]


def do_remove_product(collection: Collection, product_id: int) -> None:
    """Take a product out of the collection (nothing if it is not in it).

    Locks: none of its own; runs inside `catalog.units.do_with_collection`, which holds the
    collection row FOR UPDATE (`lock_collection`).
    """
    CollectionProduct.objects.filter(collection=collection, product_id=product_id).delete()


def do_move_product(collection: Collection, product_id: int, offset: int) -> None:
    """Move a product `offset` places (-1 up, +1 down) in the curators' order; the order is
    renumbered 0, 1, 2… in the same transaction, so ties left by older writes disappear.

    Locks: none of its own; runs inside `catalog.units.do_with_collection`, which holds the
    collection row FOR UPDATE (`lock_collection`), so two moves never interleave.
    """
    rows = list(
        CollectionProduct.objects.filter(collection=collection).order_by("sort_order", "pk")
    )
    positions = [row.product_id for row in rows]
    if product_id not in positions:
        fail("product", _("Product not found."), "NOT_FOUND")
    here = positions.index(product_id)
    there = min(max(here + offset, 0), len(rows) - 1)
    rows.insert(there, rows.pop(here))
    changed = []
    for position, row in enumerate(rows):
        if row.sort_order != position:
            row.sort_order = position
            changed.append(row)
    CollectionProduct.objects.bulk_update(changed, ["sort_order"])
