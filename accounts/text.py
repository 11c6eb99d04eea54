"""What PostgreSQL can store in a text column."""

from __future__ import annotations


def storable(text: str) -> bool:
    """False for NUL characters and lone surrogates (JSON can carry both; PostgreSQL text and
    UTF-8 cannot), which would otherwise surface as a database or encoding error."""
    if "\x00" in text:
        return False
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True
