"""English translations of the demo catalogue (products, categories, collections), from the
English texts of the data files, through the same domain call an officer's
`productTranslate` makes for products."""

from __future__ import annotations

from catalog.models import (
    Category,
    CategoryTranslation,
    Collection,
    CollectionTranslation,
    Product,
)
from catalog.translations import do_translate_product
from core.text import slugify_vi
from demo import content


def load_demo_translations(products: dict[str, Product]) -> None:
    for item in content.DEMO_PRODUCTS:
        product = products[item.key]
        do_translate_product(
            product,
            "en",
            {
                "name": item.name_en,
                "slug": slugify_vi(item.name_en)[:240],
                "description": item.description_en,
                "seo_title": item.name_en[:70],
                "seo_description": item.description_en[:300],
            },
        )
    categories = {c.pk: c for c in Category.objects.all()}
    for category in categories.values():
        if not category.name_en:
            continue
        # The English path, as the Vietnamese slug is the Vietnamese path ("thuc-pham-mat-ong").
        path: list[str] = []
        node: Category | None = category
        while node is not None:
            path.insert(0, node.name_en or node.name)
            node = categories.get(node.parent_id) if node.parent_id else None
        CategoryTranslation.objects.update_or_create(
            category=category,
            language_code="en",
            defaults={"name": category.name_en, "slug": slugify_vi("-".join(path))[:240]},
        )
    for spec in content.DEMO_COLLECTIONS:
        CollectionTranslation.objects.update_or_create(
            collection=Collection.objects.get(slug=spec.key),
            language_code="en",
            defaults={
                "name": spec.name_en,
                "slug": slugify_vi(spec.name_en)[:240],
                "description": spec.description_en,
            },
        )
