"""Human labels and a stable order for facet values (one query per facet that needs one)."""

from __future__ import annotations

from django.db.models import OuterRef, Subquery
from django.utils.translation import get_language

from catalog.models import AttributeValue, AttributeValueTranslation, Category, FactKey
from places.models import Province
from search.params import SearchResult
from sellers.models import SellerKind

IN_STOCK_LABELS = {"true": "Còn hàng", "false": "Hết hàng"}


def label_facets(result: SearchResult) -> None:
    facets = result.facets
    if not facets:
        return
    # PostgreSQL's facets come with these two labelled (search.pg_facets).
    categories = [v for v in facets.get("categories", []) if not v.label]
    if categories:
        names = dict(
            Category.objects.filter(pk__in=[int(v.value) for v in categories]).values_list(
                "pk", "name"
            )
        )
        for value in categories:
            value.label = names.get(int(value.value), value.value)
    provinces = [v for v in facets.get("provinces", []) if not v.label]
    if provinces:
        province_names = dict(
            Province.objects.filter(code__in=[v.value for v in provinces]).values_list(
                "code", "name"
            )
        )
        for value in provinces:
            value.label = province_names.get(value.value, value.value)
    for value in facets.get("stars", []):
        value.label = f"{value.value}★"
    kinds = dict(SellerKind.choices)
    for value in facets.get("seller_kinds", []):
        value.label = str(kinds.get(value.value, value.value))
    for value in facets.get("in_stock", []):
        value.label = IN_STOCK_LABELS.get(value.value, value.value)
    if facets.get("materials"):
        # The material's name in the active language (English when it has one): one query.
        english = (get_language() or "vi").startswith("en")
        translated = AttributeValueTranslation.objects.filter(
            value=OuterRef("pk"), language_code="en"
        ).values("name")[:1]
        rows = AttributeValue.objects.filter(
            attribute__slug=FactKey.MATERIAL, slug__in=[v.value for v in facets["materials"]]
        ).values_list("slug", "name", Subquery(translated))
        materials = {
            slug: (name_en if english and name_en else name) for slug, name, name_en in rows
        }
        for value in facets["materials"]:
            value.label = materials.get(value.value, value.value)
    for name in ("categories", "provinces", "seller_kinds", "in_stock", "materials"):
        if name in facets:
            facets[name].sort(key=lambda v: (-v.count, v.label))
    if "stars" in facets:
        facets["stars"].sort(key=lambda v: -int(v.value))
