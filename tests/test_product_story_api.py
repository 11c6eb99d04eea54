"""The product's story through the storefront API: Saleor's `description` is EditorJS
JSON, so the story's headings, lists and photos become its header, list and image blocks,
their text escaped; a description changed since (productUpdate) is read as it is."""

from __future__ import annotations

import json
from typing import Any

from django.test import Client

from catalog.models import Product
from tests import factories
from tests.conftest import gql

QUERY = 'query($slug: String!) { product(slug: $slug, channel: "default-channel") { description } }'
STORY = (
    "<h2>Mùa hoa</h2>\n<p>Mật <strong>rừng</strong> &amp; &lt;sáp&gt;.</p>\n"
    "<ol><li>Pha</li><li>Uống</li></ol>\n"
    '<p><img src="/anh-cau-chuyen/4/" alt="Tổ &quot;ong&quot;"></p>'
)


def _blocks(slug: str) -> list[dict[str, Any]]:
    found = gql(Client(), QUERY, {"slug": slug})["data"]["product"]["description"]
    # JSONString: the EditorJS document encoded once, as Saleor answers
    blocks: list[dict[str, Any]] = json.loads(found)["blocks"]
    return blocks


def test_it_gives_the_story_as_editorjs_blocks(db: Any) -> None:
    # given a listed product with a story and the description it was saved with
    product = factories.product()
    Product.objects.filter(pk=product.pk).update(
        story=STORY, description="Mùa hoa\n\nMật rừng & <sáp>.\n\n1. Pha\n2. Uống"
    )
    # when a storefront reads its description
    blocks = _blocks(product.slug)
    # then each part of the story is its EditorJS block, its text escaped
    assert [(b["type"], b["data"]) for b in blocks] == [
        ("header", {"text": "Mùa hoa", "level": 2}),
        ("paragraph", {"text": "Mật <strong>rừng</strong> &amp; &lt;sáp&gt;."}),
        ("list", {"style": "ordered", "items": ["Pha", "Uống"]}),
        ("image", {"file": {"url": "/anh-cau-chuyen/4/"}, "caption": "Tổ &quot;ong&quot;"}),
    ]


def test_it_reads_a_description_changed_through_the_api_as_it_is(db: Any) -> None:
    # given a story, and a description productUpdate has changed since
    product = factories.product()
    Product.objects.filter(pk=product.pk).update(story=STORY, description="Mô tả mới.")
    # then the description is read, not the stale story
    assert [(b["type"], b["data"]) for b in _blocks(product.slug)] == [
        ("paragraph", {"text": "Mô tả mới."})
    ]
