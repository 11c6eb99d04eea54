"""Generated demo pictures (Pillow): product cards and stall logos, as PNG bytes.

Output is deterministic: the same arguments always give the same bytes (no randomness, no
timestamps), so reloading the demo does not churn media files.

Fonts: the first TrueType font found with Vietnamese coverage is used (DejaVu, Noto,
Liberation...; ``OCOP_DEMO_FONT`` / ``OCOP_DEMO_FONT_BOLD`` override the search, and
``OCOP_DEMO_FONT=builtin`` forces the fallback). Pillow's
bundled default font has no Vietnamese glyphs, so when no such font is installed the text is
folded to plain ASCII ("Điện Biên" → "Dien Bien") instead of showing missing-glyph boxes.
Stars are drawn as shapes, so they never depend on the font.
"""

from __future__ import annotations

import hashlib
import io
import math
import os
import unicodedata
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

Font = ImageFont.FreeTypeFont | ImageFont.ImageFont
RGB = tuple[int, int, int]

_VIETNAMESE_PROBE = "ĐđƠơƯưẠạẦầẪẫẶặỆệỸỹ"
_FONT_DIRS = (
    "/usr/share/fonts",
    "/usr/local/share/fonts",
    "/Library/Fonts",
    "/System/Library/Fonts",
    "C:/Windows/Fonts",
)
# (regular, bold) file names, in order of preference.
_FONT_FILES = (
    ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf"),
    ("NotoSans-Regular.ttf", "NotoSans-Bold.ttf"),
    ("LiberationSans-Regular.ttf", "LiberationSans-Bold.ttf"),
    ("FreeSans.ttf", "FreeSansBold.ttf"),
    ("Arial.ttf", "Arial Bold.ttf"),
    ("arial.ttf", "arialbd.ttf"),
)

_INK: RGB = (31, 42, 36)
_MUTED: RGB = (94, 104, 98)
_OCOP_RED: RGB = (200, 16, 46)
_GOLD: RGB = (255, 200, 61)
_WHITE: RGB = (255, 255, 255)


# --------------------------------------------------------------------------- fonts


def fold_to_ascii(text: str) -> str:
    """Drop Vietnamese diacritics: "Mật ong Điện Biên" → "Mat ong Dien Bien"."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _glyph(font: Font, ch: str) -> bytes:
    canvas = Image.new("L", (64, 64), 0)
    ImageDraw.Draw(canvas).text((8, 8), ch, font=font, fill=255)
    return canvas.tobytes()


def covers_vietnamese(font: Font) -> bool:
    """True when every probe letter has a real glyph (not the font's missing-glyph box)."""
    missing = _glyph(font, "\ue000")  # a private-use code point: drawn as the .notdef glyph
    for ch in _VIETNAMESE_PROBE:
        glyph = _glyph(font, ch)
        if not any(glyph) or glyph == missing:
            return False
    return True


def _is_usable(path: Path) -> bool:
    try:
        return covers_vietnamese(ImageFont.truetype(str(path), 24))
    except OSError:
        return False


@lru_cache(maxsize=1)
def find_font_files() -> tuple[str, str] | None:
    """Paths (regular, bold) of an installed font that renders Vietnamese, or None."""
    override = os.environ.get("OCOP_DEMO_FONT")
    if override == "builtin":
        return None
    if override and _is_usable(Path(override)):
        override_bold = os.environ.get("OCOP_DEMO_FONT_BOLD", override)
        return override, override_bold if _is_usable(Path(override_bold)) else override
    for regular_name, bold_name in _FONT_FILES:
        for root in _FONT_DIRS:
            base = Path(root)
            if not base.is_dir():
                continue
            regular = next(iter(sorted(base.rglob(regular_name))), None)
            if regular is None or not _is_usable(regular):
                continue
            bold_path = next(iter(sorted(base.rglob(bold_name))), None)
            if bold_path is None or not _is_usable(bold_path):
                bold_path = regular
            return str(regular), str(bold_path)
    return None


def reset_font_cache() -> None:
    """Forget the font found so far (after changing ``OCOP_DEMO_FONT``)."""
    find_font_files.cache_clear()
    _font.cache_clear()


@lru_cache(maxsize=64)
def _font(size: int, bold: bool) -> Font:
    files = find_font_files()
    if files is not None:
        return ImageFont.truetype(files[1] if bold else files[0], size)
    try:
        return ImageFont.load_default(size=size)
    except TypeError:  # Pillow built without FreeType: fixed-size bitmap font
        return ImageFont.load_default()


def _text(text: str) -> str:
    """The text as it can be shown with the available font."""
    return text if find_font_files() is not None else fold_to_ascii(text)


# --------------------------------------------------------------------------- drawing helpers


def _rgb(value: str) -> RGB:
    value = value.lstrip("#")
    if len(value) == 3:
        value = "".join(ch * 2 for ch in value)
    if len(value) != 6:
        raise ValueError(f"not a hex colour: #{value}")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def _mix(a: RGB, b: RGB, t: float) -> RGB:
    return (
        round(a[0] + (b[0] - a[0]) * t),
        round(a[1] + (b[1] - a[1]) * t),
        round(a[2] + (b[2] - a[2]) * t),
    )


def _luminance(colour: RGB) -> float:
    r, g, b = colour
    return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255


def _relative_luminance(colour: RGB) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in colour)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def _contrast(a: RGB, b: RGB) -> float:
    """WCAG contrast ratio between two colours (1–21)."""
    la, lb = sorted((_relative_luminance(a), _relative_luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def _diagonal_gradient(width: int, height: int, start: RGB, end: RGB) -> Image.Image:
    """Top-left ``start`` to bottom-right ``end``, with a soft ease."""
    span = max(width + height - 2, 1)
    ramp = bytes(
        round(255 * (0.5 - 0.5 * math.cos(math.pi * i / span))) for i in range(width + height - 1)
    )
    mask = Image.frombytes(
        "L", (width, height), b"".join(ramp[y : y + width] for y in range(height))
    )
    return Image.composite(
        Image.new("RGB", (width, height), end), Image.new("RGB", (width, height), start), mask
    )


def _seed(*parts: object) -> bytes:
    return hashlib.sha256("|".join(map(str, parts)).encode("utf-8")).digest()


def _star(
    cx: float, cy: float, outer: float, inner_ratio: float = 0.45
) -> list[tuple[float, float]]:
    points = []
    for i in range(10):
        radius = outer if i % 2 == 0 else outer * inner_ratio
        angle = -math.pi / 2 + i * math.pi / 5
        points.append((cx + radius * math.cos(angle), cy + radius * math.sin(angle)))
    return points


def _wrap(draw: ImageDraw.ImageDraw, text: str, font: Font, max_width: float) -> list[str]:
    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}".strip()
        if not current or draw.textlength(candidate, font=font) <= max_width:
            current = candidate
        else:
            lines.append(current)
            current = word
    if current:
        lines.append(current)
    return lines


def _fit_lines(
    draw: ImageDraw.ImageDraw, text: str, max_width: float, start_size: int, max_lines: int
) -> tuple[Font, list[str]]:
    size = start_size
    while True:
        font = _font(size, bold=True)
        lines = _wrap(draw, text, font, max_width)
        widest = max((draw.textlength(line, font=font) for line in lines), default=0)
        if (len(lines) <= max_lines and widest <= max_width) or size <= 12:
            return font, lines[:max_lines]
        size = int(size * 0.9)


def _png(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


# --------------------------------------------------------------------------- public API


# Rendering is deterministic (seeded by the arguments) and PNG encoding is most of the demo
# load's time, so a process that loads the demo again (`ocop demo`, the tests) reuses the
# bytes. The catalogue has under a hundred pictures of ~50 KB each.
@lru_cache(maxsize=256)
def render_product_image(
    label: str, subtitle: str, stars: int, palette: tuple[str, str], size: int = 800
) -> bytes:
    """A square PNG product card: gradient, the product name, its province and OCOP stars."""
    if size < 64:
        raise ValueError("size must be at least 64 px")
    stars = max(0, min(5, stars))
    light, dark = _rgb(palette[0]), _rgb(palette[1])
    unit = size / 800
    seed = _seed(label, subtitle, stars, palette, size)
    image = _diagonal_gradient(size, size, light, dark).convert("RGBA")
    draw = ImageDraw.Draw(image)

    # Layout first: OCOP badge top-left, label card at the bottom, monogram in between.
    margin = round(36 * unit)
    badge_font = _font(round(30 * unit), bold=True)
    badge_h = round(58 * unit)
    star_outer = badge_h * 0.27
    star_step = star_outer * 2.25
    badge_text_w = draw.textlength("OCOP", font=badge_font)
    badge_w = round(
        margin * 0.6 + badge_text_w + margin * 0.4 + star_step * max(stars, 1) + margin * 0.2
    )

    card_pad = round(34 * unit)
    card_left, card_right = round(size * 0.07), round(size * 0.93)
    text_width = card_right - card_left - 2 * card_pad
    name_font, lines = _fit_lines(draw, _text(label), text_width, round(56 * unit), max_lines=3)
    sub_font = _font(round(30 * unit), bold=False)
    line_gap = round(name_font.getbbox("ĐÁy")[3] * 1.15)
    accent_gap = round(22 * unit)
    sub_h = round(36 * unit)
    card_h = card_pad * 2 + line_gap * len(lines) + accent_gap * 2 + sub_h
    card_bottom = size - round(size * 0.07)
    card_top = card_bottom - card_h

    free_top, free_bottom = margin + badge_h + round(20 * unit), card_top - round(24 * unit)
    ring_radius = max(8.0, min(size * 0.22, (free_bottom - free_top) / 2))
    ring_centre = (size * 0.5, (free_top + free_bottom) / 2)

    # Background decoration: soft circles placed from a hash of the input, then the ring.
    overlay = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    deco = ImageDraw.Draw(overlay)
    for i in range(3):
        cx = size * (0.1 + 0.8 * seed[i] / 255)
        cy = size * (0.05 + 0.5 * seed[i + 3] / 255)
        radius = size * (0.16 + 0.22 * seed[i + 6] / 255)
        deco.ellipse(
            (cx - radius, cy - radius, cx + radius, cy + radius),
            fill=(255, 255, 255, 20 + seed[i + 9] % 18),
        )
    deco.ellipse(
        (
            ring_centre[0] - ring_radius,
            ring_centre[1] - ring_radius,
            ring_centre[0] + ring_radius,
            ring_centre[1] + ring_radius,
        ),
        fill=(255, 255, 255, 55),
        outline=(255, 255, 255, 160),
        width=max(2, round(4 * unit)),
    )
    # Card shadow.
    deco.rounded_rectangle(
        (
            card_left + 6 * unit,
            card_top + 10 * unit,
            card_right + 6 * unit,
            card_bottom + 10 * unit,
        ),
        radius=round(36 * unit),
        fill=(0, 0, 0, 45),
    )
    image = Image.alpha_composite(image, overlay)
    draw = ImageDraw.Draw(image)

    # Monogram: the first letter of the label, inside the ring.
    initial = _text(label.strip()[:1] or "O").upper()
    monogram_font = _font(max(10, round(ring_radius * 1.25)), bold=True)
    behind = _mix(light, dark, (ring_centre[0] + ring_centre[1]) / (2 * size))
    # The ring is a translucent white wash over the gradient.
    behind = _mix(behind, _WHITE, 55 / 255)
    dark_ink = _mix(dark, (0, 0, 0), 0.35)
    monogram_colour = (
        _WHITE if _contrast(_WHITE, behind) >= _contrast(dark_ink, behind) else dark_ink
    )
    draw.text(ring_centre, initial, font=monogram_font, fill=monogram_colour, anchor="mm")

    # OCOP badge: red pill, "OCOP", and the stars drawn as shapes (font-independent).
    draw.rounded_rectangle(
        (margin, margin, margin + badge_w, margin + badge_h), radius=badge_h // 2, fill=_OCOP_RED
    )
    text_x = margin + margin * 0.6
    draw.text((text_x, margin + badge_h / 2), "OCOP", font=badge_font, fill=_WHITE, anchor="lm")
    first_star_x = text_x + badge_text_w + margin * 0.4 + star_outer
    for i in range(stars):
        draw.polygon(
            _star(first_star_x + i * star_step, margin + badge_h / 2, star_outer), fill=_GOLD
        )

    # Label card: product name (wrapped), accent bar, subtitle (province).
    draw.rounded_rectangle(
        (card_left, card_top, card_right, card_bottom),
        radius=round(36 * unit),
        fill=(255, 255, 255, 242),
    )
    y = card_top + card_pad
    for line in lines:
        draw.text((card_left + card_pad, y), line, font=name_font, fill=_INK)
        y += line_gap
    y += accent_gap // 2
    accent = dark if _luminance(dark) < 0.6 else _mix(dark, (0, 0, 0), 0.4)
    draw.rounded_rectangle(
        (card_left + card_pad, y, card_left + card_pad + round(90 * unit), y + round(6 * unit)),
        radius=round(3 * unit),
        fill=accent,
    )
    y += accent_gap
    draw.text((card_left + card_pad, y), _text(subtitle), font=sub_font, fill=_MUTED)

    return _png(image.convert("RGB"))


@lru_cache(maxsize=256)
def render_logo(initials: str, palette: tuple[str, str], size: int = 256) -> bytes:
    """A square stall logo: a gradient disc with up to three initials."""
    light, dark = _rgb(palette[0]), _rgb(palette[1])
    scale = 4  # draw large, then downsample for smooth edges
    big = size * scale
    background = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    disc = _diagonal_gradient(big, big, light, dark)
    mask = Image.new("L", (big, big), 0)
    inset = round(big * 0.04)
    ImageDraw.Draw(mask).ellipse((inset, inset, big - inset, big - inset), fill=255)
    background.paste(disc, (0, 0), mask)
    draw = ImageDraw.Draw(background)
    inner = round(big * 0.1)
    draw.ellipse(
        (inner, inner, big - inner, big - inner), outline=(255, 255, 255), width=round(big * 0.012)
    )
    text = _text(initials.strip().upper()[:3] or "O")
    font_size = round(big * (0.42 if len(text) <= 2 else 0.32))
    font = _font(font_size, bold=True)
    draw.text((big / 2, big / 2), text, font=font, fill=_WHITE, anchor="mm")
    return _png(background.resize((size, size), Image.Resampling.LANCZOS))
