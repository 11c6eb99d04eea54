"""The product document: one per (product, channel) where the product is listable.

Every text field exists twice: accented (NFC, `standard` analyzer: lower-cased, accents
kept) for exact-accent boosting, and `*_folded` (folded in Python by `search.text`,
same analyzer) for matching "mat ong" to "Mật ong". The mapping is strict: a field the
mapping does not know is an error, not a silent dynamic field.

Changing the mapping means bumping MAPPING_VERSION and running `ocop reindex`.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from elasticsearch_dsl import (
    Boolean,
    Completion,
    Date,
    Document,
    Float,
    Integer,
    Keyword,
    Long,
    MetaField,
    Object,
    Text,
)

from core.text import fold
from search.text import fold_aligned

MAPPING_VERSION = 2

# Completion inputs: the name from each of its first few words, so "dien bien" completes
# "Mật ong hoa ban Điện Biên" too.
SUGGEST_WORD_STARTS = 6
_CHANNEL_CONTEXT = [{"name": "channel", "type": "category"}]


class ProductDocument(Document):
    product_id = Long(required=True)
    channel = Keyword(required=True)
    slug = Keyword()
    name = Text(analyzer="standard")
    name_folded = Text(analyzer="standard")
    name_en = Text(analyzer="standard")
    description = Text(analyzer="standard")
    description_folded = Text(analyzer="standard")
    story = Text(analyzer="standard")
    story_folded = Text(analyzer="standard")
    category_ids = Long(multi=True)
    category_path = Text(analyzer="standard")
    category_path_folded = Text(analyzer="standard")
    seller = Object(
        properties={
            "id": Long(),
            "slug": Keyword(),
            "kind": Keyword(),
            "name": Text(analyzer="standard"),
            "name_folded": Text(analyzer="standard"),
        }
    )
    province = Object(
        properties={
            "code": Keyword(),
            "name": Text(analyzer="standard"),
            "name_folded": Text(analyzer="standard"),
            "legacy_names": Text(analyzer="standard"),
            "legacy_folded": Text(analyzer="standard"),
        }
    )
    stars = Integer()
    price_min = Long()
    price_max = Long()
    in_stock = Boolean()
    certificate_valid_until = Date()
    rating = Float()
    popularity = Integer()
    live_now = Boolean()
    featured = Boolean()
    created_at = Date()
    indexed_at = Date()
    # Attributes from the label facts (search.attribute_filters).
    materials = Keyword(multi=True)
    net_quantity = Float()
    net_unit = Keyword()
    name_suggest = Completion(analyzer="simple", contexts=_CHANNEL_CONTEXT)
    province_suggest = Completion(analyzer="simple", contexts=_CHANNEL_CONTEXT)

    class Meta:
        dynamic = MetaField("strict")


def mapping() -> dict[str, Any]:
    result: dict[str, Any] = ProductDocument._doc_type.mapping.to_dict()
    return result


@dataclass
class ProductSource:
    """Everything a product document is made of, read from the database (or generated
    by the benchmark). Text is NFC as stored."""

    product_id: int
    channel: str
    slug: str
    name: str
    name_en: str = ""
    description: str = ""
    story: str = ""
    category_ids: list[int] = field(default_factory=list)
    category_names: list[str] = field(default_factory=list)
    seller_id: int = 0
    seller_slug: str = ""
    seller_kind: str = ""
    seller_name: str = ""
    province_code: str = ""
    province_name: str = ""
    legacy_province_names: list[str] = field(default_factory=list)
    stars: int | None = None
    price_min: int | None = None
    price_max: int | None = None
    in_stock: bool = False
    certificate_valid_until: datetime.date | None = None
    rating: float | None = None
    popularity: int = 0
    live_now: bool = False
    featured: bool = False
    created_at: datetime.datetime | None = None
    materials: list[str] = field(default_factory=list)
    net_quantity: float | None = None
    net_unit: str = ""


def document_id(product_id: int, channel: str) -> str:
    return f"{product_id}:{channel}"


def _starts(folded_name: str) -> list[str]:
    words = folded_name.split()
    return [" ".join(words[i:]) for i in range(min(len(words), SUGGEST_WORD_STARTS))]


def to_document(source: ProductSource, *, now: datetime.datetime | None = None) -> dict[str, Any]:
    """The `_source` of the document (a plain dict: building it is on the indexing hot path)."""
    category_path = " › ".join(source.category_names)
    legacy = " ; ".join(source.legacy_province_names)
    weight = min(source.popularity, 1_000_000) + 1000 * (source.stars or 0)
    channel_context = {"channel": [source.channel]}
    province_inputs = [fold(n) for n in (source.province_name, *source.legacy_province_names) if n]
    doc: dict[str, Any] = {
        "product_id": source.product_id,
        "channel": source.channel,
        "slug": source.slug,
        "name": source.name,
        "name_folded": fold_aligned(source.name),
        "name_en": source.name_en,
        "description": source.description,
        "description_folded": fold_aligned(source.description),
        "story": source.story,
        "story_folded": fold_aligned(source.story),
        "category_ids": source.category_ids,
        "category_path": category_path,
        "category_path_folded": fold_aligned(category_path),
        "seller": {
            "id": source.seller_id,
            "slug": source.seller_slug,
            "kind": source.seller_kind,
            "name": source.seller_name,
            "name_folded": fold_aligned(source.seller_name),
        },
        "province": {
            "code": source.province_code,
            "name": source.province_name,
            "name_folded": fold_aligned(source.province_name),
            "legacy_names": legacy,
            "legacy_folded": fold_aligned(legacy),
        },
        "stars": source.stars,
        "price_min": source.price_min,
        "price_max": source.price_max,
        "in_stock": source.in_stock,
        "certificate_valid_until": source.certificate_valid_until,
        "rating": source.rating,
        "popularity": source.popularity,
        "live_now": source.live_now,
        "featured": source.featured,
        "created_at": source.created_at,
        "materials": source.materials,
        "net_quantity": source.net_quantity,
        "net_unit": source.net_unit or None,
        "indexed_at": now or datetime.datetime.now(datetime.UTC),
        "name_suggest": {
            "input": _starts(fold(source.name)),
            "weight": weight,
            "contexts": channel_context,
        },
    }
    if province_inputs:
        doc["province_suggest"] = {"input": province_inputs, "contexts": channel_context}
    return doc
