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
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

import nh3

# The story photo's address on this site (web redirects it to the storage's URL, which on
# S3 is signed and expires, so it is never stored).
PHOTO_PATH = "/anh-cau-chuyen/{pk}/"
PHOTO_SRC = re.compile(r"^/anh-cau-chuyen/([1-9][0-9]{0,11})/$")
NEW_PHOTO_SRC = re.compile(r"^#anh-moi-([0-9]{1,3})$")
NEW_PHOTO = "#anh-moi-{index}"
MAX_HTML_LENGTH = 60_000  # what the editor may send, before cleaning
MAX_PHOTOS = 10
MAX_ALT_LENGTH = 250

TAGS = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "strong", "b", "em", "i"}
TAGS |= {"ul", "ol", "li", "br", "img"}
BLOCK_TAGS = {"p": "p", "div": "p", "h1": "h2", "h2": "h2", "h3": "h3", "h4": "h3"}
BLOCK_TAGS |= {"h5": "h3", "h6": "h3"}
BOLD, ITALIC = {"strong", "b"}, {"em", "i"}


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


def _tidy(runs: list[Run]) -> list[Run]:
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


def _tidy_blocks(blocks: list[Block]) -> list[Block]:
    kept: list[Block] = []
    for block in blocks:
        if block.kind == "img":
            kept.append(block)
        elif block.kind in ("ul", "ol"):
            items = [runs for runs in (_tidy(item) for item in block.items) if runs]
            if items:
                kept.append(Block(block.kind, items=items))
        elif runs := _tidy(block.runs):
            kept.append(Block(block.kind, runs=runs))
    return kept


def blocks_from_html(text: str, check: SrcCheck) -> list[Block]:
    parser = _Parser(check)
    parser.feed(_cleaner(check)(text))
    parser.close()
    return _tidy_blocks(parser.blocks)


# --- Text (the textarea's markup) → blocks ------------------------------------------------------

HEADING = re.compile(r"^(#{2,3})\s+(.*)$")
BULLET = re.compile(r"^[-*•]\s+(.*)$")
NUMBERED = re.compile(r"^[0-9]{1,3}[.)]\s+(.*)$")
IMAGE_LINE = re.compile(r"^!\[([^\]]*)\]\(\s*(\S+?)\s*\)$")
INLINE = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*|\*(?=[^\s*])([^*]+?)(?<=\S)\*")


def _inline(text: str) -> list[Run]:
    runs: list[Run] = []
    position = 0
    for found in INLINE.finditer(text):
        runs.append(Run(text[position : found.start()]))
        if found[1] is not None:
            runs.append(Run(found[1], bold=True))
        else:
            runs.append(Run(found[2], italic=True))
        position = found.end()
    runs.append(Run(text[position:]))
    return runs


def blocks_from_text(text: str, check: SrcCheck) -> list[Block]:
    blocks: list[Block] = []
    paragraph: list[str] = []

    def end_paragraph() -> None:
        if paragraph:
            runs: list[Run] = []
            for index, line in enumerate(paragraph):
                if index:
                    runs.append(Run("\n"))
                runs += _inline(line)
            blocks.append(Block("p", runs=runs))
            paragraph.clear()

    for raw in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = " ".join(raw.split())
        heading, bullet, numbered = HEADING.match(line), BULLET.match(line), NUMBERED.match(line)
        image = IMAGE_LINE.match(line)
        if not line:
            end_paragraph()
            blocks.append(Block("break"))
        elif heading:
            end_paragraph()
            blocks.append(Block("h2" if len(heading[1]) == 2 else "h3", runs=_inline(heading[2])))
        elif bullet or numbered:
            end_paragraph()
            kind = "ul" if bullet else "ol"
            item = _inline((bullet or numbered)[1])  # type: ignore[index]
            if blocks and blocks[-1].kind == kind:
                blocks[-1].items.append(item)
            else:
                blocks.append(Block(kind, items=[item]))
        elif image and (photo := check(image[2])) is not None:
            end_paragraph()
            blocks.append(Block("img", photo=photo, alt=image[1][:MAX_ALT_LENGTH]))
        else:
            paragraph.append(line)
    end_paragraph()
    return _tidy_blocks([b for b in blocks if b.kind != "break"])


# --- Blocks → HTML, markup, plain text ------------------------------------------------------------


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


def photo_src(photo: Photo, new_pks: list[int] | None = None) -> str:
    """The stored photo's path; a new one's is its pk once saved, else its placeholder."""
    if photo.pk is not None:
        return PHOTO_PATH.format(pk=photo.pk)
    assert photo.new is not None
    if new_pks is not None:
        return PHOTO_PATH.format(pk=new_pks[photo.new])
    return NEW_PHOTO.format(index=photo.new)


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


def _text_runs(runs: list[Run], marks: bool) -> str:
    out = []
    for run in runs:
        text = run.text
        if marks and text != "\n" and text.strip():
            inner = text.strip()
            lead, trail = text[: len(text) - len(text.lstrip())], text[len(text.rstrip()) :]
            if run.italic:
                inner = f"*{inner}*"
            if run.bold:
                inner = f"**{inner}**"
            text = lead + inner + trail
        out.append(text)
    return "".join(out)


def _alt(text: str) -> str:
    return text.replace("]", ")").replace("[", "(")


def to_text(blocks: list[Block], *, marks: bool = True) -> str:
    """The textarea's markup (`marks`), or the plain text kept in `description`."""
    parts = []
    for block in blocks:
        if block.kind == "img" and block.photo is not None:
            if marks:
                parts.append(f"![{_alt(block.alt)}]({photo_src(block.photo)})")
        elif block.kind in ("ul", "ol"):
            lines = [
                ("- " if block.kind == "ul" else f"{number}. ") + _text_runs(item, marks)
                for number, item in enumerate(block.items, start=1)
            ]
            parts.append("\n".join(lines))
        elif block.kind in ("h2", "h3") and marks:
            parts.append(("## " if block.kind == "h2" else "### ") + _text_runs(block.runs, marks))
        else:
            parts.append(_text_runs(block.runs, marks))
    return "\n\n".join(parts)


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


def photos_in(blocks: list[Block]) -> list[Photo]:
    return [b.photo for b in blocks if b.kind == "img" and b.photo is not None]


def new_photo_blocks(blocks: list[Block], count: int) -> list[Block]:
    """Every photo uploaded with the form is shown: those the story does not place yet
    (a textarea without JavaScript) go at its end, in the order chosen."""
    placed = {photo.new for photo in photos_in(blocks) if photo.new is not None}
    return blocks + [Block("img", photo=Photo(new=n)) for n in range(count) if n not in placed]


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
