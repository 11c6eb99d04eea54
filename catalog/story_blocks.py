"""The few blocks a product's story is made of (`catalog.story`): paragraphs and
headings of emphasised runs, lists, and photos, which are this product's story photos
(`PHOTO_PATH` on this site) or the n-th photo uploaded with the same form."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

# The story photo's address on this site (web redirects it to the storage's URL, which on
# S3 is signed and expires, so it is never stored).
PHOTO_PATH = "/anh-cau-chuyen/{pk}/"
PHOTO_SRC = re.compile(r"^/anh-cau-chuyen/([1-9][0-9]{0,11})/$")
NEW_PHOTO_SRC = re.compile(r"^#anh-moi-([0-9]{1,3})$")
NEW_PHOTO = "#anh-moi-{index}"
MAX_ALT_LENGTH = 250


@dataclass(frozen=True)
class Run:
    """Inline text with its emphasis; the text "\n" alone is a line break."""

    text: str
    bold: bool = False
    italic: bool = False


@dataclass(frozen=True)
class Photo:
    """A story photo: a stored one (`pk`) or the n-th uploaded with the form (`new`)."""

    pk: int | None = None
    new: int | None = None


@dataclass
class Block:
    kind: str  # p, h2, h3, ul, ol, img
    runs: list[Run] = field(default_factory=list)
    items: list[list[Run]] = field(default_factory=list)
    photo: Photo | None = None
    alt: str = ""


SrcCheck = Callable[[str], Photo | None]


def photo_check(photo_ids: Iterable[int], new_photos: int) -> SrcCheck:
    """Accept this product's stored story photos and the placeholders of new uploads."""
    known = set(photo_ids)

    def check(src: str) -> Photo | None:
        if (found := PHOTO_SRC.match(src)) and int(found[1]) in known:
            return Photo(pk=int(found[1]))
        if (found := NEW_PHOTO_SRC.match(src)) and int(found[1]) < new_photos:
            return Photo(new=int(found[1]))
        return None

    return check


def any_stored_photo(src: str) -> Photo | None:
    found = PHOTO_SRC.match(src)
    return Photo(pk=int(found[1])) if found else None


def tidy_runs(runs: list[Run]) -> list[Run]:
    """Merge neighbours of the same emphasis, trim the ends, drop empty runs."""
    merged: list[Run] = []
    for run in runs:
        if not run.text:
            continue
        last = merged[-1] if merged else None
        if (
            last
            and run.text != "\n"
            and last.text != "\n"
            and (last.bold, last.italic)
            == (
                run.bold,
                run.italic,
            )
        ):
            merged[-1] = Run(last.text + run.text, run.bold, run.italic)
        else:
            merged.append(run)
    while merged and (merged[0].text == "\n" or not merged[0].text.strip()):
        merged.pop(0)
    while merged and (merged[-1].text == "\n" or not merged[-1].text.strip()):
        merged.pop()
    if merged:
        first, last = merged[0], merged[-1]
        merged[0] = Run(first.text.lstrip(), first.bold, first.italic)
        last = merged[-1]
        merged[-1] = Run(last.text.rstrip(), last.bold, last.italic)
    return merged


def tidy_blocks(blocks: list[Block]) -> list[Block]:
    kept: list[Block] = []
    for block in blocks:
        if block.kind == "img":
            kept.append(block)
        elif block.kind in ("ul", "ol"):
            items = [runs for runs in (tidy_runs(item) for item in block.items) if runs]
            if items:
                kept.append(Block(block.kind, items=items))
        elif runs := tidy_runs(block.runs):
            kept.append(Block(block.kind, runs=runs))
    return kept


def photo_src(photo: Photo, new_pks: list[int] | None = None) -> str:
    """The stored photo's path; a new one's is its pk once saved, else its placeholder."""
    if photo.pk is not None:
        return PHOTO_PATH.format(pk=photo.pk)
    assert photo.new is not None
    if new_pks is not None:
        return PHOTO_PATH.format(pk=new_pks[photo.new])
    return NEW_PHOTO.format(index=photo.new)


def photos_in(blocks: list[Block]) -> list[Photo]:
    return [b.photo for b in blocks if b.kind == "img" and b.photo is not None]


def new_photo_blocks(blocks: list[Block], count: int) -> list[Block]:
    """Every photo uploaded with the form is shown: those the story does not place yet
    (a textarea without JavaScript) go at its end, in the order chosen."""
    placed = {photo.new for photo in photos_in(blocks) if photo.new is not None}
    return blocks + [Block("img", photo=Photo(new=n)) for n in range(count) if n not in placed]
