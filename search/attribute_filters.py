"""Attribute filters of product search: a craft's material and a food's net content.

Both are read from the label facts (`catalog.attributes`, the one source): the indexer
puts `materials` (slugs of the known materials a material fact names) and
`net_quantity`/`net_unit` (the net content in grams or millilitres) into the document,
and the PostgreSQL path asks the same questions of the facts in SQL, with the same
folding and the same word boundaries, so both backends find the same products.
"""

from __future__ import annotations

import re
from typing import Any

from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import (
    Case,
    Exists,
    F,
    FloatField,
    Func,
    OuterRef,
    Q,
    QuerySet,
    Value,
    When,
)
from django.db.models.functions import Cast, Lower, Replace

from catalog.attributes import BASE_UNITS
from catalog.models import AttributeValue, FactKey, ProductFact
from core.text import fold
from search.params import FacetValue, NetContentRange

__all__ = ["NetContentRange", "es_clauses", "material_facet", "material_q", "net_content_q"]

# The normalised net content ("500 g", "1,5 l"), as catalog.attributes.net_quantity reads it.
_NUMBER = "[0-9]+([.,][0-9]+)?"


def material_phrases(slugs: tuple[str, ...]) -> list[str]:
    """The folded names of the chosen materials (one query)."""
    names = AttributeValue.objects.filter(
        attribute__slug=FactKey.MATERIAL, slug__in=slugs
    ).values_list("name", flat=True)
    return sorted(fold(name) for name in names)


def folded(column: str) -> Func:
    """core.text.fold in SQL, as an expression (catalog.search_vector.folded_sql's steps,
    plus the squeezing of spaces): usable inside a subquery, whose tables Django renames."""
    nfd = Func(F(column), template="normalize(coalesce(%(expressions)s, ''), NFD)")
    bare = Func(nfd, Value("[\\u0300-\\u036f]"), Value(""), Value("g"), function="regexp_replace")
    plain = Lower(Func(bare, Value("đĐ"), Value("dD"), function="translate"))
    return Func(plain, Value("\\s+"), Value(" "), Value("g"), function="regexp_replace")


def material_q(slugs: tuple[str, ...], product: str = "pk") -> Q:
    """Products whose material fact names one of the materials (by slug). `product` names
    the product's id in the filtered rows: "pk" on products, "product_id" on the listing
    record (catalog.ListedProduct)."""
    return _names_q(material_phrases(slugs), product)


def _pattern(phrases: list[str]) -> str:
    """Any of these folded phrases, as whole words."""
    return "(^|[^a-z0-9])(" + "|".join(re.escape(p) for p in phrases) + ")([^a-z0-9]|$)"


def _names_q(phrases: list[str], product: str = "pk") -> Q:
    if not phrases:
        return Q(pk__in=[])
    facts = (
        ProductFact.objects.filter(product=OuterRef(product), key=FactKey.MATERIAL)
        .annotate(folded=folded("value"))
        .filter(folded__regex=_pattern(phrases))
    )
    return Q(Exists(facts))


def material_choices() -> list[tuple[str, str]]:
    """The known materials as (slug, name): the facet's values (one query)."""
    return list(
        AttributeValue.objects.filter(attribute__slug=FactKey.MATERIAL).values_list("slug", "name")
    )


def material_patterns(choices: list[tuple[str, str]]) -> list[str]:
    """Each material's regex over a folded fact (`material_facts`): its name as words."""
    return [_pattern([fold(name)]) for _slug, name in choices]


def material_facts(products: Any) -> QuerySet[Any]:
    """The folded text of the material facts of `products` (a subquery of product ids):
    at most one a product, so counting reads the few facts there are, not every match."""
    return (
        ProductFact.objects.filter(key=FactKey.MATERIAL, product_id__in=products)
        .annotate(folded=folded("value"))
        .order_by()
        .values("folded")
    )


def material_values(
    choices: list[tuple[str, str]], counts: list[int], selected: tuple[str, ...]
) -> list[FacetValue]:
    """The facet's values: the materials counted at least once, in `choices`' order."""
    return [
        FacetValue(value=slug, count=int(count), selected=slug in selected)
        for (slug, _name), count in zip(choices, counts, strict=True)
        if count
    ]


def material_facet(
    matched: QuerySet[Any], selected: tuple[str, ...], product: str = "pk"
) -> list[FacetValue]:
    """How many of the matches each known material has (one query for the materials, one
    counting them all), as the index's terms aggregation counts them."""
    choices = material_choices()
    if not choices:
        return []
    # The facts folded once, in a subquery, each material counted by a regex over the
    # folded text: as a Count(filter=...) per material, Django compiled the whole fold
    # again for each of them (15 ms of Python for 15 materials; the statement takes 4).
    try:
        inner, params = material_facts(matched.values(product)).query.sql_with_params()
    except EmptyResultSet:  # a scope of no products: no material to count
        return []
    counting = ", ".join("COUNT(*) FILTER (WHERE f.folded ~ %s)" for _ in choices)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {counting} FROM ({inner}) AS f", [*material_patterns(choices), *params]
        )
        counts = cursor.fetchone()
    assert counts is not None  # an aggregate without GROUP BY answers one row
    return material_values(choices, list(counts), selected)


def quantity() -> Case:
    """The net content in its base unit (catalog.attributes.net_quantity), NULL if the
    fact is not a normalised quantity."""
    number = Cast(
        Replace(
            Func(F("value"), Value(" "), Value(1), function="split_part"), Value(","), Value(".")
        ),
        FloatField(),
    )
    return Case(
        *(
            When(value__regex=f"^{_NUMBER} {unit}$", then=number * Value(factor))
            for unit, (_base, factor) in BASE_UNITS.items()
        ),
        default=None,
        output_field=FloatField(),
    )


def net_content_q(bounds: NetContentRange, product: str = "pk") -> Q:
    """Products whose net content fact lies within the bounds (`product`: see material_q)."""
    facts = ProductFact.objects.filter(product=OuterRef(product), key=FactKey.NET_CONTENT).annotate(
        quantity=quantity()
    )
    facts = facts.filter(quantity__isnull=False)
    if bounds.unit is not None:
        units = [u for u, (base, _f) in BASE_UNITS.items() if base == bounds.unit]
        facts = facts.filter(value__regex=f" ({'|'.join(units)})$")
    if bounds.gte is not None:
        facts = facts.filter(quantity__gte=bounds.gte)
    if bounds.lte is not None:
        facts = facts.filter(quantity__lte=bounds.lte)
    return Q(Exists(facts))


def es_clauses(materials: tuple[str, ...], bounds: NetContentRange) -> dict[str, dict[str, Any]]:
    """The same filters on the document's fields."""
    clauses: dict[str, dict[str, Any]] = {}
    if materials:
        clauses["materials"] = {"terms": {"materials": list(materials)}}
    if bounds.active:
        must: list[dict[str, Any]] = [{"exists": {"field": "net_quantity"}}]
        if bounds.unit is not None:
            must.append({"term": {"net_unit": bounds.unit}})
        rng = {k: v for k, v in (("gte", bounds.gte), ("lte", bounds.lte)) if v is not None}
        if rng:
            must.append({"range": {"net_quantity": rng}})
        clauses["net_content"] = {"bool": {"filter": must}}
    return clauses
