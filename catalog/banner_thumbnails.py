"""Saleor's `backgroundImage(size, format)` on categories and collections: the banner resized
like a product thumbnail (the same snapped sizes and formats, `catalog.thumbnails`), made on
the first request and kept in storage under a name derived from the banner's own file name,
so a new banner gets new copies and no table is needed."""

from __future__ import annotations

import hashlib

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.http import Http404, HttpRequest, HttpResponseRedirect
from django.urls import reverse
from PIL import Image

from catalog.models import Category, Collection
from catalog.thumbnails import FORMATS, resized, snap

KINDS: dict[str, type[Category] | type[Collection]] = {
    "category": Category,
    "collection": Collection,
}


def banner_url(kind: str, row: Category | Collection, size: int | None, fmt: str) -> str:
    """The banner as uploaded without a size or in its own format at no size; otherwise the
    view that makes (once) and serves the resized copy."""
    if not size:
        return str(row.background_image.url)
    return reverse("banner-thumbnail", args=[kind, row.pk, snap(size), fmt])


def _stored_name(source_name: str, size: int, fmt: str, original_format: str) -> str:
    digest = hashlib.sha256(source_name.encode()).hexdigest()[:20]
    ext = "webp" if (FORMATS[fmt] or original_format) == "WEBP" else original_format.lower()
    return f"banner-thumbnails/{digest}-{size}-{fmt}.{ext}"


def make_banner_thumbnail(row: Category | Collection, size: int, fmt: str) -> str:
    """The storage name of the banner at `size` in `fmt`, made now if it does not exist."""
    with row.background_image.open("rb") as source:
        # Image.open reads the header only: a copy made before costs no decoding.
        image: Image.Image = Image.open(source)
        name = _stored_name(row.background_image.name, size, fmt, image.format or "PNG")
        if default_storage.exists(name):
            return name
        image.load()
    data, _format = resized(image, size, fmt)
    # Two racing requests write the same bytes under the same name; either copy serves.
    return default_storage.save(name, ContentFile(data))


def banner_thumbnail_view(
    request: HttpRequest, kind: str, pk: int, size: int, fmt: str
) -> HttpResponseRedirect:
    model = KINDS.get(kind)
    if model is None or fmt not in FORMATS or not 16 <= size <= 4096:
        raise Http404("unsupported thumbnail")
    row = model.objects.filter(pk=pk).first()
    if row is None or not row.background_image:
        raise Http404("no such image")
    return HttpResponseRedirect(default_storage.url(make_banner_thumbnail(row, size, fmt)))
