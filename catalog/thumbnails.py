"""Saleor's `thumbnail(size, format)`: resize once, keep the result in storage, redirect."""

from __future__ import annotations

import io

from django.core.files.base import ContentFile
from django.db import IntegrityError
from django.http import Http404, HttpRequest, HttpResponseRedirect
from PIL import Image

from catalog.models import ProductMedia, Thumbnail

FORMATS = {"original": None, "webp": "WEBP", "avif": "WEBP"}


def make_thumbnail(media: ProductMedia, size: int, fmt: str) -> Thumbnail:
    existing = Thumbnail.objects.filter(media=media, size=size, format=fmt).first()
    if existing:
        return existing
    with media.image.open("rb") as source:
        image: Image.Image = Image.open(source)
        image.load()
    original_format = image.format or "PNG"
    image.thumbnail((size, size))
    target = FORMATS[fmt] or original_format
    if target == "JPEG" and image.mode not in ("RGB", "L"):
        image = image.convert("RGB")
    buffer = io.BytesIO()
    image.save(buffer, format=target)
    ext = "webp" if target == "WEBP" else target.lower()
    thumb = Thumbnail(media=media, size=size, format=fmt)
    thumb.image.save(f"{media.pk}-{size}.{ext}", ContentFile(buffer.getvalue()), save=False)
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
