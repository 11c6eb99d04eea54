"""Resolve what people type (a name with or without accents, a code, an old province name)."""

from __future__ import annotations

from core.text import fold
from places.models import LegacyProvince, Province, Ward

_PREFIXES = ("tinh ", "thanh pho ", "tp. ", "tp ")
_WARD_PREFIXES = ("xa ", "phuong ", "dac khu ")


def _strip(key: str, prefixes: tuple[str, ...]) -> str:
    for prefix in prefixes:
        if key.startswith(prefix):
            return key[len(prefix) :]
    return key


def find_province(text: str) -> Province | None:
    """A current province by code or name; a pre-2025 name maps to its new province."""
    raw = text.strip()
    if not raw:
        return None
    by_code = Province.objects.filter(code=raw.zfill(2)).first() if raw.isdigit() else None
    if by_code:
        return by_code
    key = _strip(fold(raw), _PREFIXES)
    current = Province.objects.filter(name_folded=key).first()
    if current:
        return current
    legacy = LegacyProvince.objects.select_related("new_province").filter(name_folded=key).first()
    return legacy.new_province if legacy else None


def find_ward(province: Province, text: str) -> Ward | None:
    raw = text.strip()
    if not raw:
        return None
    if raw.isdigit():
        return Ward.objects.filter(province=province, code=raw.zfill(5)).first()
    key = _strip(fold(raw), _WARD_PREFIXES)
    return Ward.objects.filter(province=province, name_folded=key).first()
