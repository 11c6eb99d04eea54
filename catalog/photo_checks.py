"""Photos sellers send for a product (its gallery and its story), checked by content
before anything is stored: the type by magic bytes, the size and that Pillow can decode it
(`sellers.uploads.check_upload`), and here the pixel count, which the file size does not
bound (a small PNG can declare a huge canvas, and thumbnails decode the whole image)."""

from __future__ import annotations

import io
from typing import Any

from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps

from core.errors import fail
from sellers.models import UploadPurpose
from sellers.uploads import CheckedFile, check_upload

# 40 megapixels: a phone camera's photo (12–24 MP, 48 MP binned), far below Pillow's own
# decompression-bomb threshold, and about 160 MB to decode for a thumbnail.
MAX_PIXELS = 40_000_000


def check_photo(field: str, file: Any) -> CheckedFile:
    """A product photo as `check_upload` accepts it, and of at most `MAX_PIXELS`."""
    checked: CheckedFile | None = None
    try:
        checked = check_upload(field, file, UploadPurpose.PRODUCT_IMAGE)
        assert checked is not None
        with Image.open(checked.file) as image:
            width, height = image.size
    except Image.DecompressionBombError:
        width = height = MAX_PIXELS  # Pillow refused it for its pixel count
    finally:
        if hasattr(file, "seek"):
            file.seek(0)
    if checked is None or width * height > MAX_PIXELS:
        fail(
            field,
            _("The photo has too many pixels (at most %(megapixels)s megapixels)."),
            "FILE_SIZE_LIMIT_EXCEEDED",
            megapixels=MAX_PIXELS // 1_000_000,
        )
    return checked


STORY_PHOTO_SIDE = 1600  # px, the longer side of a story photo as stored


def story_photo_webp(checked: CheckedFile) -> bytes:
    """A story photo as we keep it: turned upright, at most `STORY_PHOTO_SIDE` px on its
    longer side, re-encoded as WebP. A story is read on phones, and re-encoding drops the
    camera's metadata (the GPS position of the producer's home among it)."""
    checked.file.seek(0)
    with Image.open(checked.file) as opened:
        image = ImageOps.exif_transpose(opened) or opened
        image.thumbnail((STORY_PHOTO_SIDE, STORY_PHOTO_SIDE))
        if image.mode not in ("RGB", "RGBA"):
            image = image.convert("RGBA" if "A" in image.getbands() else "RGB")
        buffer = io.BytesIO()
        image.save(buffer, format="WEBP", quality=82)
    checked.file.seek(0)
    return buffer.getvalue()
