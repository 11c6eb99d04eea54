"""Label facts: what the product's label says, as Vietnamese labelling asks (Decree
43/2017/NĐ-CP, amended by 111/2021: net quantity, ingredients, shelf life, storage,
the maker) for food and drinks, and the material and size of a craft.

Which facts a product group asks for is data (`GROUP_FACTS`), keyed by the OCOP group
code of `catalog/data/product_groups.csv`; a product's group comes from its category's
top level (`group_of`). Each fact is one `ProductFact` row, its key a Saleor attribute
slug in waiting (issue 14).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from catalog.models import Category, FactKey, Product, ProductFact
from catalog.signals import products_changed
from core.errors import FieldError
from core.input_limits import text_error
from core.text import fold, nfc


@dataclass(frozen=True)
class Fact:
    key: str
    label: Promise
    hint: Promise | str
    max_length: int
    multiline: bool = False


FACTS: dict[str, Fact] = {
    f.key: f
    for f in (
        Fact(
            FactKey.NET_CONTENT,
            pgettext_lazy("label fact", "Net weight or volume"),
            _('For example "500 g" or "1 l".'),
            30,
        ),
        Fact(
            FactKey.INGREDIENTS,
            pgettext_lazy("label fact", "Ingredients"),
            "",
            1000,
            multiline=True,
        ),
        Fact(
            FactKey.SHELF_LIFE,
            pgettext_lazy("label fact", "Shelf life"),
            _('For example "12 months from the production date".'),
            100,
        ),
        Fact(
            FactKey.STORAGE,
            pgettext_lazy("label fact", "Storage"),
            _('For example "Keep in a cool, dry place".'),
            300,
        ),
        Fact(
            FactKey.MANUFACTURER,
            pgettext_lazy("label fact", "Manufacturer"),
            _("Name and address of the maker."),
            250,
        ),
        Fact(FactKey.MATERIAL, pgettext_lazy("label fact", "Material"), "", 200),
        Fact(
            FactKey.SIZE,
            pgettext_lazy("label fact", "Size"),
            _('For example "30 × 20 × 10 cm".'),
            100,
        ),
    )
}
FOOD = (
    FactKey.NET_CONTENT,
    FactKey.INGREDIENTS,
    FactKey.SHELF_LIFE,
    FactKey.STORAGE,
    FactKey.MANUFACTURER,
)
CRAFT = (FactKey.MATERIAL, FactKey.SIZE)
# The facts each OCOP group asks for (its top-level code); ornamental plants and tourism
# services have no label.
GROUP_FACTS: dict[str, tuple[str, ...]] = {
    "thuc-pham": FOOD,
    "do-uong": FOOD,
    "duoc-lieu": FOOD,
    "thu-cong-my-nghe": CRAFT,
    "sinh-vat-canh": (),
    "du-lich": (),
}
# Words (folded) by which a top-level category names its OCOP group, in Vietnamese or
# English: "Thực phẩm" → thuc-pham, "Dược liệu" → duoc-lieu, "Du lịch trải nghiệm" → du-lich.
GROUP_WORDS: dict[str, tuple[str, ...]] = {
    "thuc-pham": ("thuc pham", "food"),
    "do-uong": ("do uong", "beverage", "drink"),
    "duoc-lieu": ("duoc lieu", "herbal"),
    "thu-cong-my-nghe": ("thu cong", "handicraft", "craft"),
    "sinh-vat-canh": ("sinh vat canh", "ornamental"),
    "du-lich": ("du lich", "touris", "experience"),
}
NET_CONTENT = re.compile(
    r"^([0-9]{1,6}(?:[.,][0-9]{1,3})?)\s*(mg|g|gr|gram|gam|kg|ml|l|lit|lít)\.?$", re.IGNORECASE
)
UNITS = {"gr": "g", "gram": "g", "gam": "g", "lit": "l", "lít": "l"}


def group_of(category: Category | None) -> str | None:
    """The OCOP group code of a category's top level, or None if it names none.

    Reads the category's parents (`select_related("parent__parent")` saves the queries)."""
    root = category
    for _depth in range(5):
        if root is None or root.parent_id is None:
            break
        root = root.parent
    if root is None:
        return None
    names = f"{fold(root.name)} | {fold(root.name_en)}"
    return next(
        (code for code, words in GROUP_WORDS.items() if any(w in names for w in words)), None
    )


def facts_for(group: str | None) -> tuple[str, ...]:
    """The facts asked of a product of `group`; every fact while the group is unknown."""
    return GROUP_FACTS.get(group, ()) if group else tuple(FACTS)


def net_content(value: str) -> str | None:
    """ "500g", "1,5 Lít", "250 ml" → "500 g", "1,5 l", "250 ml"; None if not a quantity."""
    found = NET_CONTENT.match(value.strip())
    if found is None or not float(found[1].replace(",", ".")) > 0:
        return None
    unit = found[2].lower()
    return f"{found[1]} {UNITS.get(unit, unit)}"


def check_facts(
    group: str | None, typed: Mapping[str, Any]
) -> tuple[dict[str, str], list[FieldError]]:
    """The facts to store (key → value; an empty one is removed), errors as `fact-<key>`."""
    asked = facts_for(group)
    cleaned: dict[str, str] = {}
    errors: list[FieldError] = []
    for key, fact in FACTS.items():
        value = nfc(str(typed.get(key) or "")).strip()
        field = f"fact-{key}"
        if not value:
            continue
        if key not in asked:
            errors.append(
                FieldError(field, _("This product group does not ask for this fact."), "INVALID")
            )
        elif error := text_error(field, value, fact.max_length):
            errors.append(error)
        elif key == FactKey.NET_CONTENT and (value := net_content(value) or "") == "":
            errors.append(
                FieldError(
                    field, _('Write a quantity and a unit, like "500 g" or "1 l".'), "INVALID"
                )
            )
        else:
            cleaned[key] = value
    return cleaned, errors


def do_save_facts(product: Product, facts: Mapping[str, str]) -> None:
    """Make the product's facts exactly `facts`.

    Locks: none of its own; runs inside the editor's unit (`catalog.product_form`), which
    holds the product row FOR UPDATE or writes a new product.
    """
    removed, _ = ProductFact.objects.filter(product=product).exclude(key__in=list(facts)).delete()
    existing = {f.key: f for f in ProductFact.objects.filter(product=product)}
    changed = bool(removed)
    for key, value in facts.items():
        row = existing.get(key)
        if row is None:
            ProductFact.objects.create(product=product, key=key, value=value)
            changed = True
        elif row.value != value:
            ProductFact.objects.filter(pk=row.pk).update(value=value)
            changed = True
    if changed:
        # Search filters on the facts (material, net content): the index follows them.
        products_changed.send(sender=ProductFact, product_ids=[product.pk])


def facts_shown(rows: list[ProductFact]) -> list[tuple[Any, str]]:
    """(label, value) in the order of `FACTS`, for the product page's table."""
    values = {row.key: row.value for row in rows}
    return [(fact.label, values[key]) for key, fact in FACTS.items() if values.get(key)]
