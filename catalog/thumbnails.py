"""Saleor's `thumbnail(size, format)`: resize once, keep the result in storage, redirect."""

from __future__ import annotations

import io
from functools import lru_cache

from django.core.files.base import ContentFile
from django.db import IntegrityError
from django.http import Http404, HttpRequest, HttpResponseRedirect
from django.urls import get_script_prefix, reverse
from PIL import Image

from catalog.models import ProductMedia, Thumbnail
from core.prefetch import prefetched

FORMATS = {"original": None, "webp": "WEBP", "avif": "WEBP"}
# Like Saleor, a requested size is rounded up to one of a few generated sizes, so every
# interface asks for (and storage keeps) the same few files.
SIZES = (32, 64, 128, 256, 512, 1024, 2048, 4096)


def snap(size: int) -> int:
    return next((s for s in SIZES if s >= size), SIZES[-1])


def thumbnail_url(media: ProductMedia, size: int | None, fmt: str = "original") -> str:
    """Where a thumbnail is: the stored file once made, else the view that makes it on first
    request (a path on this site). Reads `media.thumbnails` (`core.prefetch.prefetched`):
    prefetch it for a list. Without a size, the original image."""
    if not size:
        return str(media.image.url)
    size = snap(size)
    made = prefetched(media, "thumbnails")
    done = next((t for t in made if (t.size, t.format) == (size, fmt)), None)
    return str(done.image.url) if done else _maker_path(get_script_prefix(), media.pk, size, fmt)


@lru_cache(maxsize=4096)
def _maker_path(prefix: str, pk: int, size: int, fmt: str) -> str:
    """The path of the view that makes a thumbnail: kept, since a product list asks for
    the same few dozen on every request and `reverse` costs more than the rest of the
    card's image (the script prefix is part of the key: the path depends on it)."""
    return reverse("thumbnail", args=[pk, size, fmt])


def resized(image: Image.Image, size: int, fmt: str) -> tuple[bytes, str]:
    """`image` fit within `size`×`size` in `fmt` (its own format for "original"): the
    encoded bytes and the PIL format written. Shared with the banners (banner_thumbnails)."""
    target = FORMATS[fmt] or image.format or "PNG"
    image.thumbnail((size, size))
    if target == "JPEG" and image.mode not in ("RGB", "L"):
        image = image.convert("RGB")
    buffer = io.BytesIO()
    image.save(buffer, format=target)
    return buffer.getvalue(), target


def make_thumbnail(media: ProductMedia, size: int, fmt: str) -> Thumbnail:
    existing = Thumbnail.objects.filter(media=media, size=size, format=fmt).first()
    if existing:
        return existing
    with media.image.open("rb") as source:
        image: Image.Image = Image.open(source)
        image.load()
    data, target = resized(image, size, fmt)
    ext = "webp" if target == "WEBP" else target.lower()
    thumb = Thumbnail(media=media, size=size, format=fmt)
    thumb.image.save(f"{media.pk}-{size}.{ext}", ContentFile(data), save=False)
    try:
        thumb.save()
    except IntegrityError:
        # Two requests raced; the other one's row wins and ours is discarded.
        thumb.image.delete(save=False)
        return Thumbnail.objects.get(media=media, size=size, format=fmt)
    return thumb


def thumbnail_view(
    request: HttpRequest, media_id: int, size: int, fmt: str
) -> HttpResponseRedirect:
    if fmt not in FORMATS or not 16 <= size <= 4096:
        raise Http404("unsupported thumbnail")
    media = ProductMedia.objects.filter(pk=media_id).first()
    if media is None or not media.image:
        raise Http404("no such image")
    return HttpResponseRedirect(make_thumbnail(media, size, fmt).image.url)
