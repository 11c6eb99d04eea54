"""Saleor's rich text: `description` fields are EditorJS JSON.

The value is the EditorJS document itself: graphene's `JSONString` encodes it once, so a
storefront's `JSON.parse(description)` gives the document, as with Saleor (a string here
would be encoded twice and parse to a string).
"""

from __future__ import annotations

from typing import Any


def document(blocks: list[dict[str, Any]]) -> dict[str, Any]:
    return {"time": 0, "blocks": blocks, "version": "2.24.3"}


def editorjs(text: str) -> dict[str, Any] | None:
    """Saleor's `description` is EditorJS JSON; our descriptions are plain paragraphs."""
    if not text:
        return None
    blocks = [
        {"id": f"p{i}", "type": "paragraph", "data": {"text": para.strip()}}
        for i, para in enumerate(text.split("\n\n"))
        if para.strip()
    ]
    return document(blocks)
