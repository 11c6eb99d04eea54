"""Vietnamese text helpers: NFC storage and accent folding for matching."""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from django.utils import translation
from django.utils.functional import Promise

_COMBINING = re.compile(r"[\u0300-\u036f]")
_SPACES = re.compile(r"\s+")


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def fold(text: str) -> str:
    """Fold for matching: NFD, drop combining marks, đ→d, lower-case, squeeze spaces.

    "Mật ong Hoa Ban Điện Biên" → "mat ong hoa ban dien bien". NFC and NFD input fold
    alike, and "Hoà"/"Hòa" meet on the same key.
    """
    stripped = _COMBINING.sub("", unicodedata.normalize("NFD", text))
    stripped = stripped.replace("đ", "d").replace("Đ", "D")
    return _SPACES.sub(" ", stripped).strip().lower()


def slugify_vi(text: str) -> str:
    """A URL slug that keeps Vietnamese words readable: "Chè Tân Cương" → "che-tan-cuong"."""
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")


def bilingual(message: str | Promise, **params: Any) -> str:
    """ "Tổng cộng / Total": a translation string in Vietnamese, then in English, for text
    that has no reader's language to follow (e-mails a worker sends, a calendar entry
    anyone may import). Error messages and the API follow the request's language instead."""
    texts = []
    for language in ("vi", "en"):
        with translation.override(language):
            text = str(message)
            texts.append(text % params if params else text)
    return " / ".join(texts)
