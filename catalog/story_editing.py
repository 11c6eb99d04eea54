"""Checking and saving a product's story (`catalog.story`) with the editor's other parts.

`check_story` reads what the editor sent (the toolbar's HTML, else the textarea's text)
and the photos uploaded for the story, checked by content like product photos (type by
magic bytes, size, an image Pillow can decode, its pixel count:
`catalog.photo_checks`); nothing
is stored. `do_save_story` then stores the photos and the canonical HTML.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.files.base import ContentFile
from django.utils.translation import gettext_lazy as _

from catalog.models import Product, StoryPhoto
from catalog.photo_checks import check_photo, story_photo_webp
from catalog.story import MAX_HTML_LENGTH, MAX_PHOTOS, blocks_from_html, to_html
from catalog.story_blocks import Block, new_photo_blocks, photo_check, photos_in
from catalog.story_text import blocks_from_text, to_text
from core.errors import FieldError, ValidationErrors
from core.input_limits import text_error
from core.text import nfc
from sellers.uploads import WEBP, CheckedFile, saved_files, stored_name


@dataclass
class CheckedStory:
    blocks: list[Block]
    photos: list[CheckedFile]
    description: str  # the story's plain text, for `Product.description`


def check_story(
    product: Product | None, html_input: str | None, text: str, uploads: list[Any]
) -> tuple[CheckedStory, list[FieldError]]:
    """The story from the toolbar's HTML (`html_input`, JavaScript on) or the textarea's
    markup (`text`); errors on "description" and "story_photos"."""
    errors: list[FieldError] = []
    # NFC, as `clean_product` keeps the description: the two must compare equal.
    source = nfc(html_input if html_input is not None else text)
    if error := text_error("description", source, MAX_HTML_LENGTH):
        errors.append(error)
        source = ""
    photos: list[CheckedFile] = []
    for file in uploads:
        try:
            photos.append(check_photo("story_photos", file))
        except ValidationErrors as error:
            errors += error.errors
    stored = (
        list(StoryPhoto.objects.filter(product=product).values_list("pk", flat=True))
        if product is not None
        else []
    )
    check = photo_check(stored, len(uploads))
    read = blocks_from_html if html_input is not None else blocks_from_text
    blocks = new_photo_blocks(read(source, check), len(uploads))
    if len(photos_in(blocks)) > MAX_PHOTOS:
        errors.append(
            FieldError(
                "story_photos",
                _("A story holds at most %(max)s photos."),
                "INVALID",
                {"max": MAX_PHOTOS},
            )
        )
    return CheckedStory(blocks, photos, to_text(blocks, marks=False)), errors


def do_save_story(product: Product, checked: CheckedStory) -> None:
    """Store the new photos (downscaled WebP, `story_photo_webp`), then the story's HTML
    pointing at them; photos the story no longer shows are deleted (their rows; files
    stay, as for product media).

    Locks: none of its own; runs inside the editor's unit (`catalog.product_form`), which
    holds the product row FOR UPDATE or writes a new product.
    """
    new_pks: list[int] = []
    with saved_files() as saved:
        for photo in checked.photos:
            row = StoryPhoto(product=product)
            name = stored_name("", WEBP)
            row.image.save(name, ContentFile(story_photo_webp(photo)), save=False)
            saved.append((row.image.storage, str(row.image.name)))
            row.save()
            new_pks.append(row.pk)
    shown = {p.pk for p in photos_in(checked.blocks) if p.pk is not None}
    shown |= {new_pks[p.new] for p in photos_in(checked.blocks) if p.new is not None}
    StoryPhoto.objects.filter(product=product).exclude(pk__in=shown).delete()
    story = to_html(checked.blocks, new_pks)
    if story != product.story:
        product.story = story
        Product.objects.filter(pk=product.pk).update(story=story)
