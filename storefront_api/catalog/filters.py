"""Saleor's product filter inputs (the subset we support) plus OCOP filters."""

from __future__ import annotations

import graphene


class PriceRangeInput(graphene.InputObjectType):
    gte = graphene.Float()
    lte = graphene.Float()


class IntRangeInput(graphene.InputObjectType):
    gte = graphene.Int()
    lte = graphene.Int()


class AttributeInput(graphene.InputObjectType):
    """Saleor's attribute filter: `values` are choice slugs (a material), `valuesRange`
    bounds a quantity (net content, in grams or millilitres)."""

    slug = graphene.String()
    values = graphene.List(graphene.NonNull(graphene.String))
    values_range = graphene.Field(IntRangeInput)
    boolean = graphene.Boolean()


class ProductFilterInput(graphene.InputObjectType):
    is_published = graphene.Boolean()
    collections = graphene.List(graphene.NonNull(graphene.ID))
    categories = graphene.List(graphene.NonNull(graphene.ID))
    has_category = graphene.Boolean()
    search = graphene.String()
    price = graphene.Field(PriceRangeInput)
    minimal_price = graphene.Field(PriceRangeInput)
    ids = graphene.List(graphene.NonNull(graphene.ID))
    slugs = graphene.List(graphene.NonNull(graphene.String))
    attributes = graphene.List(graphene.NonNull(AttributeInput))
    # OCOP extensions.
    stars = graphene.Field(IntRangeInput, description="OCOP stars, e.g. {gte: 4}.")
    provinces = graphene.List(graphene.NonNull(graphene.String), description="Province codes.")
    sellers = graphene.List(graphene.NonNull(graphene.String), description="Seller slugs.")


class StringFilterInput(graphene.InputObjectType):
    eq = graphene.String()
    one_of = graphene.List(graphene.NonNull(graphene.String))


class GlobalIDFilterInput(graphene.InputObjectType):
    eq = graphene.ID()
    one_of = graphene.List(graphene.NonNull(graphene.ID))


class DecimalRangeInput(graphene.InputObjectType):
    gte = graphene.Decimal()
    lte = graphene.Decimal()


class DecimalFilterInput(graphene.InputObjectType):
    eq = graphene.Decimal()
    one_of = graphene.List(graphene.NonNull(graphene.Decimal))
    range = graphene.Field(DecimalRangeInput)


class ProductWhereInput(graphene.InputObjectType):
    ids = graphene.List(graphene.NonNull(graphene.ID))
    name = graphene.Field(StringFilterInput)
    slug = graphene.Field(StringFilterInput)
    product_type = graphene.Field(GlobalIDFilterInput)
    category = graphene.Field(GlobalIDFilterInput)
    collection = graphene.Field(GlobalIDFilterInput)
    has_category = graphene.Boolean()
    price = graphene.Field(DecimalFilterInput)
    minimal_price = graphene.Field(DecimalFilterInput)
    AND = graphene.List(graphene.NonNull(lambda: ProductWhereInput), name="AND")
    OR = graphene.List(graphene.NonNull(lambda: ProductWhereInput), name="OR")


class OrderDirection(graphene.Enum):
    ASC = "ASC"
    DESC = "DESC"


class ProductOrderField(graphene.Enum):
    NAME = "NAME"
    RANK = "RANK"
    PRICE = "PRICE"
    MINIMAL_PRICE = "MINIMAL_PRICE"
    LAST_MODIFIED = "LAST_MODIFIED"
    DATE = "DATE"
    PUBLISHED = "PUBLISHED"
    PUBLICATION_DATE = "PUBLICATION_DATE"
    PUBLISHED_AT = "PUBLISHED_AT"
    LAST_MODIFIED_AT = "LAST_MODIFIED_AT"
    RATING = "RATING"
    CREATED_AT = "CREATED_AT"
    STARS = "STARS"
    COLLECTION = "COLLECTION"


class ProductOrder(graphene.InputObjectType):
    direction = graphene.Field(OrderDirection, required=True)
    field = graphene.Field(ProductOrderField)


class DateTimeRangeInput(graphene.InputObjectType):
    gte = graphene.DateTime()
    lte = graphene.DateTime()


class CategoryFilterInput(graphene.InputObjectType):
    search = graphene.String()
    ids = graphene.List(graphene.NonNull(graphene.ID))
    slugs = graphene.List(graphene.NonNull(graphene.String))
    updated_at = graphene.Field(DateTimeRangeInput)
