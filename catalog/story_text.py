"""The story as a seller types it without JavaScript (`catalog.story`): a blank line
between paragraphs, "## " or "### " a heading, "- " or "1. " a list item, **bold**,
*italic*, and a line "![text](/anh-cau-chuyen/12/)" for one of the story's photos; and the
blocks written back as that markup, or as plain text (`Product.description`)."""

from __future__ import annotations

import re

from catalog.story_blocks import (
    MAX_ALT_LENGTH,
    Block,
    Run,
    SrcCheck,
    photo_src,
    tidy_blocks,
)

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
    return tidy_blocks([b for b in blocks if b.kind != "break"])


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
