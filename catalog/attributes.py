"""A product's attributes, read from its label facts.

One source of truth: the facts a seller types (`ProductFact`, `catalog.label_facts`).
The attributes are computed from them when read, never stored twice: `Attribute` rows
say how each fact is shown (input type, English name, filterable), the choices of the
material attribute are the known materials a fact's text is matched against, and a
variant's option is its name. The computation costs no query of its own: the caller
loads the `AttributeCatalogue` once per request (three queries) and the facts with the
products (one prefetch), whatever the number of products.

Search filters on the same computation: `material_slugs` and `net_quantity` feed the
Elasticsearch document and have SQL twins for the PostgreSQL path (`search.attribute_sql`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from catalog.models import (
    Attribute,
    AttributeInputType,
    AttributeValue,
    FactKey,
    ProductFact,
    ProductVariant,
)
from core.text import fold, slugify_vi

VARIANT = "variant"
# The base unit of each net-content unit (catalog.label_facts.net_content normalises the
# fact to "<number> <mg|g|kg|ml|l>"), so ranges compare packs of one dimension.
BASE_UNITS: dict[str, tuple[str, float]] = {
    "mg": ("g", 0.001),
    "g": ("g", 1.0),
    "kg": ("g", 1000.0),
    "ml": ("ml", 1.0),
    "l": ("ml", 1000.0),
}
_QUANTITY = re.compile(r"^([0-9]+(?:[.,][0-9]+)?) (mg|g|kg|ml|l)$")


@dataclass(frozen=True)
class Choice:
    """A value of a choice attribute: a known one (`value` set) or the fact's own text."""

    slug: str
    name: str
    value: AttributeValue | None = None

    def translated(self, language: str) -> str | None:
        if self.value is None:
            return None
        return next(
            (t.name for t in self.value.translations.all() if t.language_code == language), None
        )


@dataclass(frozen=True)
class Assigned:
    """One attribute of a product or variant and its value (from `fact`, or a variant's
    name for the `variant` attribute)."""

    attribute: Attribute
    text: str
    choices: tuple[Choice, ...] = ()
    fact: ProductFact | None = None
    variant: ProductVariant | None = None

    @property
    def id_key(self) -> str:
        """A stable key for the value's global id: the fact's or the variant's row."""
        if self.fact is not None:
            return f"f{self.fact.pk}"
        return f"v{self.variant.pk if self.variant else 0}"


@dataclass
class AttributeCatalogue:
    """Every attribute with its translations and choices, loaded once."""

    by_slug: dict[str, Attribute] = field(default_factory=dict)

    def choices_of(self, slug: str) -> list[AttributeValue]:
        attribute = self.by_slug.get(slug)
        return list(attribute.choices.all()) if attribute is not None else []


def load_catalogue() -> AttributeCatalogue:
    """Three queries: attributes, their translations, their choices with translations."""
    attributes = Attribute.objects.prefetch_related("translations", "choices__translations")
    return AttributeCatalogue(by_slug={a.slug: a for a in attributes})


def attribute_name(attribute: Attribute, language: str) -> str | None:
    return next((t.name for t in attribute.translations.all() if t.language_code == language), None)


def _contains(folded_text: str, folded_phrase: str) -> bool:
    phrase = rf"(?<![a-z0-9]){re.escape(folded_phrase)}(?![a-z0-9])"
    return re.search(phrase, folded_text) is not None


def matched_choices(catalogue: AttributeCatalogue, slug: str, text: str) -> list[AttributeValue]:
    """The known choices whose (folded) name the text names: "Tre, mây đan tay" → tre, may."""
    folded = fold(text)
    return [v for v in catalogue.choices_of(slug) if _contains(folded, fold(v.name))]


def material_slugs(catalogue: AttributeCatalogue, text: str) -> list[str]:
    """The material slugs a material fact names (what search filters on)."""
    return [v.slug for v in matched_choices(catalogue, FactKey.MATERIAL, text)]


def net_quantity(text: str) -> tuple[float, str] | None:
    """ "1,5 l" → (1500.0, "ml"); "500 g" → (500.0, "g"); None if not a normalised quantity."""
    found = _QUANTITY.match(text.strip())
    if found is None:
        return None
    base, factor = BASE_UNITS[found[2]]
    return round(float(found[1].replace(",", ".")) * factor, 3), base


def _assigned_fact(catalogue: AttributeCatalogue, fact: ProductFact) -> Assigned | None:
    attribute = catalogue.by_slug.get(fact.key)
    if attribute is None or not fact.value:
        return None
    choices: tuple[Choice, ...] = ()
    if attribute.input_type in (AttributeInputType.MULTISELECT, AttributeInputType.DROPDOWN):
        known = matched_choices(catalogue, fact.key, fact.value)
        # A material we do not know yet is still the seller's word: its own choice.
        choices = tuple(Choice(v.slug, v.name, v) for v in known) or (
            Choice(slugify_vi(fact.value)[:100], fact.value),
        )
    return Assigned(attribute=attribute, text=fact.value, choices=choices, fact=fact)


def product_attributes(catalogue: AttributeCatalogue, facts: list[ProductFact]) -> list[Assigned]:
    """The product's attributes, in the attributes' order (facts without an attribute are
    left out)."""
    found = [a for fact in facts if (a := _assigned_fact(catalogue, fact)) is not None]
    return sorted(found, key=lambda a: (a.attribute.sort_order, a.attribute.slug))


def variant_attributes(
    catalogue: AttributeCatalogue, variant: ProductVariant, *, selection: bool | None
) -> list[Assigned]:
    """A variant's attributes: its option (its name), by which a shopper picks it.

    `selection` True: only selection attributes; False: only the others (none); None: all."""
    attribute = catalogue.by_slug.get(VARIANT)
    if attribute is None or not variant.name or selection is False:
        return []
    choice = Choice(slugify_vi(variant.name)[:100] or str(variant.pk), variant.name)
    return [Assigned(attribute=attribute, text=variant.name, choices=(choice,), variant=variant)]
