"""Watch-page slugs: "phien-live-mat-ong-ha-giang-7k2m9q"."""

from __future__ import annotations

import hashlib
import secrets

from core.text import slugify_vi

_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"


def new_slug(title: str = "phien-live") -> str:
    """Readable words (at most 60 characters) and six random characters: unique without a
    lookup (31^6 ≈ 887 million tails), and stable once given, whatever the title becomes."""
    words = slugify_vi(title)[:60].strip("-") or "phien-live"
    tail = "".join(secrets.choice(_ALPHABET) for _ in range(6))
    return f"{words}-{tail}"


def fixed_slug(title: str) -> str:
    """The same shape with a tail derived from the title: the demo's sessions get the same
    slug on every load, so a copied demo database equals a fresh one."""
    words = slugify_vi(title)[:60].strip("-") or "phien-live"
    digest = hashlib.sha256(title.encode()).digest()
    tail = "".join(_ALPHABET[b % len(_ALPHABET)] for b in digest[:6])
    return f"{words}-{tail}"
