"""The product's weighted full-text document (`Product.search_vector`), kept by SQL.

PostgreSQL search matches folded words against a `tsvector` on the built-in `simple`
configuration (no extension: the embedded PostgreSQL has none), through a GIN index:
  A  name and English name
  B  category and its parent, origin province and its pre-2025 names
  C  seller's stall name and story
  D  description
Every part is folded in SQL the way `core.text.fold` folds (NFD, combining marks
dropped, đ → d, lower case), so one statement builds the document of one product
(inside its own INSERT/UPDATE: `ProductSearchVector`) or of every product a rename touches
(`refresh_vectors`), in the transaction of the change.
"""

from __future__ import annotations

from typing import Any

from django.contrib.postgres.search import SearchVectorField
from django.db import connection
from django.db.models import Expression

# Product fields whose change changes the document (update_fields may name either form).
DOCUMENT_FIELDS = frozenset(
    {
        "name",
        "name_en",
        "description",
        "category",
        "category_id",
        "origin_province",
        "origin_province_id",
        "seller",
        "seller_id",
        "search_document",
        "search_vector",
    }
)


def folded_sql(value: str) -> str:
    """SQL folding the text expression `value` (NULL → '') as core.text.fold does: NFD,
    combining marks dropped, đ → d, lower case. Built in (PostgreSQL 13+, UTF-8), and far
    cheaper than translate() over every accented letter."""
    stripped = (
        f"regexp_replace(normalize(coalesce({value}, ''), NFD), '[\\u0300-\\u036f]', '', 'g')"
    )
    return f"lower(translate({stripped}, 'đĐ', 'dD'))"


def _weighted(text: str, weight: str) -> str:
    return f"setweight(to_tsvector('simple', {folded_sql(text)}), '{weight}')"


def document_sql(
    *, name: str, name_en: str, description: str, category: str, province: str, seller: str
) -> str:
    """The tsvector of one product from SQL fragments: its own text columns (or %s) and
    the ids of its category, origin province and seller."""
    group = (
        "concat_ws(' ', "
        f"(SELECT c.name FROM catalog_category c WHERE c.id = {category}), "
        "(SELECT p.name FROM catalog_category c JOIN catalog_category p ON p.id = c.parent_id "
        f"WHERE c.id = {category}), "
        f"(SELECT v.name FROM places_province v WHERE v.id = {province}), "
        "(SELECT string_agg(l.name, ' ') FROM places_legacyprovince l "
        f"WHERE l.new_province_id = {province}))"
    )
    stall = (
        "(SELECT concat_ws(' ', s.stall_name, s.story) FROM sellers_seller s "
        f"WHERE s.id = {seller})"
    )
    return " || ".join(
        (
            _weighted(f"concat_ws(' ', {name}, {name_en})", "A"),
            _weighted(group, "B"),
            _weighted(stall, "C"),
            _weighted(description, "D"),
        )
    )


_COLUMNS_DOCUMENT = document_sql(
    name="catalog_product.name",
    name_en="catalog_product.name_en",
    description="catalog_product.description",
    category="catalog_product.category_id",
    province="catalog_product.origin_province_id",
    seller="catalog_product.seller_id",
)


_PARAMS_DOCUMENT = document_sql(
    name="%s::text",
    name_en="%s::text",
    description="%s::text",
    category="%s::bigint",
    province="%s::bigint",
    seller="%s::bigint",
)


class ProductSearchVector(Expression):
    """The document of a product being saved, computed in its INSERT/UPDATE from the
    values on the instance (no extra statement)."""

    output_field = SearchVectorField()

    def __init__(self, product: Any) -> None:
        super().__init__()
        # In the order document_sql places them (category and province twice).
        self.params = [
            product.name,
            product.name_en,
            product.category_id,
            product.category_id,
            product.origin_province_id,
            product.origin_province_id,
            product.seller_id,
            product.description,
        ]

    def as_sql(self, compiler: Any, connection: Any) -> tuple[str, list[Any]]:
        return _PARAMS_DOCUMENT, list(self.params)


def refresh_vectors(where: str, params: list[Any]) -> int:
    """Rebuild the documents of the products matching `where` (SQL on catalog_product),
    leaving unchanged rows unwritten. Returns how many rows changed.

    Locks: the product rows it rewrites (FOR NO KEY UPDATE, as any UPDATE), then, through
    the trigger that copies a changed document onto the listing record (migration
    catalog/0012), those products' listing rows: always products before their listing
    rows, as a product's own save does."""
    # The documents are computed once each (a subquery), then only changed rows written.
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE catalog_product AS target SET search_vector = fresh.document FROM ("
            f"SELECT catalog_product.id, {_COLUMNS_DOCUMENT} AS document FROM catalog_product "
            f"WHERE {where}) AS fresh "
            "WHERE target.id = fresh.id AND target.search_vector IS DISTINCT FROM fresh.document",
            params,
        )
        return cursor.rowcount


def refresh_product_vectors(product_ids: list[int]) -> int:
    """After a bulk_create or a queryset.update() of product text (no save())."""
    return refresh_vectors("catalog_product.id = ANY(%s)", [list(product_ids)])


def refresh_all_vectors() -> int:
    return refresh_vectors("TRUE", [])


def refresh_vocabulary() -> None:
    """Rebuild the typo vocabulary (`SearchWord`): every folded word of the catalogue's
    documents with how many products hold it, in one statement over the documents."""
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM catalog_searchword")
        cursor.execute(
            "INSERT INTO catalog_searchword (word, frequency) "
            "SELECT word, ndoc FROM ts_stat('SELECT search_vector FROM catalog_product "
            "WHERE search_vector IS NOT NULL')"
        )


def remember_words(product_id: int) -> None:
    """Add the words of one product's document to the vocabulary (new words count 1; the
    daily rebuild sets exact frequencies), in the transaction that saved it."""
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO catalog_searchword (word, frequency) "
            "SELECT DISTINCT unnest(tsvector_to_array(search_vector)), 1 "
            "FROM catalog_product WHERE id = %s AND search_vector IS NOT NULL "
            "ON CONFLICT (word) DO NOTHING",
            [product_id],
        )
