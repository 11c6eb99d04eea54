"""Product images (Saleor's productMediaCreate): checked, then stored through Django storage."""

from __future__ import annotations

from django.db.models import Max
from django.utils.translation import gettext_lazy as _

from catalog.models import Product, ProductMedia
from core.errors import fail
from core.input_limits import max_length_of
from core.text import nfc
from sellers.models import SellerUpload
from sellers.uploads import CheckedFile, save_checked, saved_files


def do_add_media(
    product: Product,
    *,
    alt: str | None,
    checked: CheckedFile | None = None,
    upload: SellerUpload | None = None,
) -> ProductMedia:
    """Add an image; the product lock gives concurrent uploads distinct sort orders.

    Thumbnails are made lazily by `catalog.thumbnails` on first request.

    Locks: none of its own; runs inside `catalog.units.do_with_product`, which holds the
    product row FOR UPDATE (`lock_product`).
    """
    text = nfc(alt or "").strip()
    limit = max_length_of(ProductMedia, "alt") or 250
    if len(text) > limit:
        # Saleor's answer for an alt text over its limit.
        fail("alt", f"Alt field exceeds the character limit of {limit}.", "INVALID")
    last = product.media.aggregate(last=Max("sort_order"))["last"]
    media = ProductMedia(
        product=product,
        alt=text,
        sort_order=0 if last is None else last + 1,
    )
    with saved_files() as saved:
        if checked is not None:
            save_checked(media.image, checked, saved)
        elif upload is not None:
            media.image.name = upload.key
        else:
            fail("image", _("An image is required."), "REQUIRED")
        media.save()
    return media
