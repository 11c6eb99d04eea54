"""A product's story: rich text with photos, kept as sanitised HTML.

The story is what a producer tells about the product: paragraphs, headings, bold and
italic, bulleted and numbered lists, and photos. It reaches us two ways:
- as HTML from the editor's small toolbar (JavaScript on), or
- as text from a plain textarea (JavaScript off), in a tiny markup a seller can type
  on a phone: a blank line between paragraphs, "## " a heading, "- " or "1. " a list
  item, **bold**, *italic*, and a line "![text](/anh-cau-chuyen/12/)" for a photo.

Both become the same few `Block`s, from which we write the stored HTML, the textarea's
text and the plain text kept in `Product.description` (search and the API read that).
HTML goes through nh3 (ammonia) first, with an allow-list of tags and attributes: scripts,
styles, event handlers, links and every URL scheme are gone; an image survives only when
its `src` is one of this product's story photos (`PHOTO_PATH`, served from our own media
storage) or the placeholder of a photo uploaded with the same form (`#anh-moi-<n>`).
Then our parser keeps only the structure above, so what we store is canonical.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from html.parser import HTMLParser
from typing import Any

import nh3

from catalog.story_blocks import (
    MAX_ALT_LENGTH,
    Block,
    Run,
    SrcCheck,
    any_stored_photo,
    photo_src,
    tidy_blocks,
)
from catalog.story_text import to_text

MAX_HTML_LENGTH = 60_000  # what the editor may send, before cleaning
MAX_PHOTOS = 10

TAGS = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "strong", "b", "em", "i"}
TAGS |= {"ul", "ol", "li", "br", "img"}
BLOCK_TAGS = {"p": "p", "div": "p", "h1": "h2", "h2": "h2", "h3": "h3", "h4": "h3"}
BLOCK_TAGS |= {"h5": "h3", "h6": "h3"}
BOLD, ITALIC = {"strong", "b"}, {"em", "i"}


def _cleaner(check: SrcCheck) -> Callable[[str], str]:
    def attribute_filter(tag: str, attribute: str, value: str) -> str | None:
        if tag == "img" and attribute == "src":
            return value if check(value.strip()) is not None else None
        return value

    def clean(text: str) -> str:
        return nh3.clean(
            text,
            tags=TAGS,
            clean_content_tags={"script", "style"},
            attributes={"img": {"src", "alt"}},
            attribute_filter=attribute_filter,
            url_schemes=set(),
            strip_comments=True,
            link_rel=None,
        )

    return clean


# --- HTML → blocks ----------------------------------------------------------------------------


class _Parser(HTMLParser):
    """Reads nh3's output (well-formed, allow-listed) into blocks; nested lists are
    flattened, an image inside a paragraph ends it, stray text becomes a paragraph."""

    def __init__(self, check: SrcCheck) -> None:
        super().__init__(convert_charrefs=True)
        self.check = check
        self.blocks: list[Block] = []
        self.current: Block | None = None
        self.list: Block | None = None
        self.list_depth = 0
        self.item: list[Run] | None = None
        self.bold = self.italic = 0

    def _runs(self) -> list[Run]:
        if self.list is not None:
            if self.item is None:
                self.item = []
            return self.item
        if self.current is None:
            self.current = Block("p")
        return self.current.runs

    def _flush(self) -> None:
        if self.current is not None:
            self.blocks.append(self.current)
            self.current = None

    def _flush_item(self) -> None:
        if self.list is not None and self.item is not None:
            self.list.items.append(self.item)
        self.item = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in BOLD:
            self.bold += 1
        elif tag in ITALIC:
            self.italic += 1
        elif tag == "br":
            self._runs().append(Run("\n"))
        elif tag in ("ul", "ol"):
            self.list_depth += 1
            if self.list is None:
                self._flush()
                self.list = Block(tag)
            else:
                self._flush_item()
        elif tag == "li":
            self._flush_item()
            self.item = []
        elif tag in BLOCK_TAGS and self.list is None:
            self._flush()
            self.current = Block(BLOCK_TAGS[tag])
        elif tag == "img" and self.list is None:
            values = dict(attrs)
            photo = self.check((values.get("src") or "").strip())
            if photo is not None:
                kind = self.current.kind if self.current else "p"
                self._flush()
                alt = " ".join((values.get("alt") or "").split())[:MAX_ALT_LENGTH]
                self.blocks.append(Block("img", photo=photo, alt=alt))
                self.current = Block(kind)

    def handle_endtag(self, tag: str) -> None:
        if tag in BOLD:
            self.bold = max(0, self.bold - 1)
        elif tag in ITALIC:
            self.italic = max(0, self.italic - 1)
        elif tag in ("ul", "ol") and self.list is not None:
            self.list_depth -= 1
            self._flush_item()
            if self.list_depth <= 0:
                self.blocks.append(self.list)
                self.list, self.list_depth = None, 0
        elif tag == "li":
            self._flush_item()
        elif tag in BLOCK_TAGS and self.list is None:
            self._flush()

    def handle_data(self, data: str) -> None:
        text = re.sub(r"\s+", " ", data)
        if text.strip() or (self.current and self.current.runs) or self.item:
            self._runs().append(Run(text, self.bold > 0, self.italic > 0))

    def close(self) -> None:
        super().close()
        self._flush_item()
        if self.list is not None:
            self.blocks.append(self.list)
            self.list = None
        self._flush()


def blocks_from_html(text: str, check: SrcCheck) -> list[Block]:
    parser = _Parser(check)
    parser.feed(_cleaner(check)(text))
    parser.close()
    return tidy_blocks(parser.blocks)


# --- Blocks → HTML ------------------------------------------------------------------------------


def _html_runs(runs: list[Run]) -> str:
    out = []
    for run in runs:
        if run.text == "\n":
            out.append("<br>")
            continue
        text = html.escape(run.text, quote=False)
        if run.italic:
            text = f"<em>{text}</em>"
        if run.bold:
            text = f"<strong>{text}</strong>"
        out.append(text)
    return "".join(out)


def to_html(
    blocks: list[Block], new_pks: list[int] | None = None, *, shift: int = 0, lazy: bool = False
) -> str:
    """The canonical HTML; every text escaped. `shift` lowers headings (h2 → h3 inside a
    page's own h2 section), `lazy` lets the browser load photos when scrolled to."""
    parts = []
    for block in blocks:
        if block.kind == "img" and block.photo is not None:
            src = html.escape(photo_src(block.photo, new_pks))
            extra = ' loading="lazy"' if lazy else ""
            parts.append(f'<p><img src="{src}" alt="{html.escape(block.alt)}"{extra}></p>')
        elif block.kind in ("ul", "ol"):
            items = "".join(f"<li>{_html_runs(item)}</li>" for item in block.items)
            parts.append(f"<{block.kind}>{items}</{block.kind}>")
        else:
            tag = f"h{int(block.kind[1]) + shift}" if block.kind in ("h2", "h3") else block.kind
            parts.append(f"<{tag}>{_html_runs(block.runs)}</{tag}>")
    return "\n".join(parts)


def current_story(stored: str, description: str) -> list[Block] | None:
    """The stored story's blocks while it still tells what `description` says; None when
    the description was changed since (by the API's productUpdate, which knows only the
    plain text), so a stale story is never shown over it."""
    if not stored:
        return None
    blocks = story_blocks(stored)
    return blocks if to_text(blocks, marks=False) == description.strip() else None


def safe_story(stored: str, description: str, *, shift: int = 1) -> str:
    """The stored story for display, cleaned and rewritten once more (defence in depth: a
    row written by hand or by an older version still only shows allow-listed HTML); ""
    when it no longer matches the description (`current_story`)."""
    blocks = current_story(stored, description)
    return to_html(blocks, shift=shift, lazy=True) if blocks else ""


def story_blocks(stored: str) -> list[Block]:
    """The stored HTML read back (to fill the editor)."""
    return blocks_from_html(stored, any_stored_photo)


def story_as_text(stored: str) -> str:
    return to_text(story_blocks(stored))


def editorjs_blocks(stored: str, description: str) -> list[dict[str, Any]] | None:
    """The current story (`current_story`) as EditorJS blocks, what Saleor's `description`
    carries: header (level 2 or 3), paragraph, list and image, their text escaped HTML with
    only <strong>, <em> and <br>. None without a current story (the API then reads the
    plain description)."""
    blocks = current_story(stored, description)
    if not blocks:
        return None
    out: list[dict[str, Any]] = []
    for index, block in enumerate(blocks):
        key = f"b{index}"
        if block.kind in ("h2", "h3"):
            data: dict[str, Any] = {"text": _html_runs(block.runs), "level": int(block.kind[1])}
            out.append({"id": key, "type": "header", "data": data})
        elif block.kind in ("ul", "ol"):
            style = "unordered" if block.kind == "ul" else "ordered"
            items = [_html_runs(item) for item in block.items]
            out.append({"id": key, "type": "list", "data": {"style": style, "items": items}})
        elif block.kind == "img" and block.photo is not None:
            data = {"file": {"url": photo_src(block.photo)}, "caption": html.escape(block.alt)}
            out.append({"id": key, "type": "image", "data": data})
        else:
            out.append({"id": key, "type": "paragraph", "data": {"text": _html_runs(block.runs)}})
    return out
