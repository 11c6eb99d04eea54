"""Provinces by their canonical URL slug ("Điện Biên" → `dien-bien`)."""

from __future__ import annotations

from core.text import slugify_vi
from places.models import Province


def province_slug(province: Province) -> str:
    """The slug of a province page; search suggestions name provinces, so
    `slugify_vi(name)` of a suggestion is the same slug."""
    return slugify_vi(province.name)


def province_by_slug(slug: str) -> Province | None:
    # 34 rows: folding them in Python is cheaper than a column for it.
    return next((p for p in Province.objects.all() if province_slug(p) == slug), None)


def provinces_by_code(codes: list[str]) -> dict[str, Province]:
    return {p.code: p for p in Province.objects.filter(code__in=codes)}
