"""Catalog types, shaped like Saleor 3.23's; OCOP certificate, seller and province are ours."""

from __future__ import annotations

from typing import Any

import graphene
from graphene import relay
from graphene_django import DjangoObjectType

from catalog import models, thumbnails
from catalog.banner_thumbnails import banner_url
from catalog.listing import current_certificate
from catalog.story import editorjs_blocks
from core.prefetch import prefetched
from storefront_api.catalog import attribute_fields
from storefront_api.catalog.filters import ProductFilterInput, ProductOrder, ProductWhereInput
from storefront_api.catalog.lookups import (
    resolve_collection,
    resolve_product,
    resolve_product_variant,
)
from storefront_api.catalog.product_list import products_page
from storefront_api.catalog.rich_text import document, editorjs
from storefront_api.catalog.translations import (
    CategoryTranslation,
    CollectionTranslation,
    LanguageCodeEnum,
    ProductTranslation,
    ProductVariantTranslation,
    read_translation,
    translation_field,
)
from storefront_api.core.channel import resolve_channel
from storefront_api.core.connection import CountableConnection, paginate
from storefront_api.core.context import ChannelContext, ChannelContextType, NodeContext
from storefront_api.core.enums import enum_from_choices
from storefront_api.core.money import TaxedMoney as TaxedMoneyType
from storefront_api.core.money import TaxedMoneyRange, money, taxed
from storefront_api.sellers.permissions import can_see_private, viewer, viewer_scope

# `node(id:)` resolves a type through graphene-django's `get_node`, which reads
# `get_queryset`: every Node type below filters it through its model's `visible_to`
# (catalog.visibility), the rule its own query fields use. Catalog lookups by id have no
# channel argument, so they use the default channel, like `product(id:)` without one.
# Products, variants, collections and certificates are shown in a channel: their types
# receive a `ChannelContext` (storefront_api.core.context) and read the row from `.node`.


def choice(name: str) -> Any:
    """Resolve a model choice as its plain value: a freshly saved row still holds the
    Django TextChoices member, which graphene would mistake for one of its own enums."""

    def resolve(root: Any, info: graphene.ResolveInfo) -> Any:
        node = root.node if isinstance(root, NodeContext) else root
        value = getattr(node, name)
        return None if value in (None, "") else str(value)

    return resolve


class ThumbnailFormatEnum(graphene.Enum):
    ORIGINAL = "original"
    AVIF = "avif"
    WEBP = "webp"


class WeightUnitsEnum(graphene.Enum):
    G = "g"
    KG = "kg"


class Weight(graphene.ObjectType):
    unit = graphene.Field(WeightUnitsEnum, required=True)
    value = graphene.Float(required=True)


class Image(graphene.ObjectType):
    url = graphene.String(required=True)
    alt = graphene.String()


class ProductMediaType(graphene.Enum):
    IMAGE = "IMAGE"
    VIDEO = "VIDEO"


def _int_pk(value: Any) -> int | None:
    return int(value) if str(value).isdigit() else None


def node_by_pk(find: Any) -> Any:
    """The `get_node` of a catalog type: exactly its query field by id (the same
    `visible_to`, prepared the same way), in the default channel."""

    def get_node(cls: Any, info: graphene.ResolveInfo, id: str) -> Any:
        pk = _int_pk(id)
        return None if pk is None else find(info, None, pk=pk)

    return classmethod(get_node)


def thumbnail_url(
    info: graphene.ResolveInfo, media: models.ProductMedia, size: int | None, fmt: str | None
) -> str:
    fmt = getattr(fmt, "value", fmt)  # graphene passes the enum member
    url = thumbnails.thumbnail_url(media, size, fmt or "original")
    return info.context.build_absolute_uri(url) if url.startswith("/") else url


class ProductMedia(DjangoObjectType):
    url = graphene.String(
        required=True, size=graphene.Int(), format=graphene.Argument(ThumbnailFormatEnum)
    )
    type = graphene.Field(ProductMediaType, required=True)

    class Meta:
        model = models.ProductMedia
        interfaces = (relay.Node,)
        fields = ("id", "alt", "sort_order")

    @classmethod
    def get_queryset(cls, queryset: Any, info: graphene.ResolveInfo) -> Any:
        return queryset.visible_to(viewer(info), channel=resolve_channel(None))

    @staticmethod
    def resolve_url(
        root: models.ProductMedia,
        info: graphene.ResolveInfo,
        size: int | None = None,
        format: str | None = None,
    ) -> str:
        return thumbnail_url(info, root, size, format)

    @staticmethod
    def resolve_type(root: models.ProductMedia, info: graphene.ResolveInfo) -> str:
        return "IMAGE"


OcopCertificateStatusEnum = enum_from_choices(
    models.CertificateStatus, name="OcopCertificateStatusEnum"
)
OcopIssuerLevelEnum = enum_from_choices(models.IssuerLevel, name="OcopIssuerLevelEnum")
OcopCertificateEventKindEnum = enum_from_choices(
    models.CertificateEvent.Kind, name="OcopCertificateEventKindEnum"
)


class OcopCertificateEvent(graphene.ObjectType):
    """OCOP extension: one step in a certificate's life (who, when, why)."""

    kind = graphene.Field(OcopCertificateEventKindEnum, required=True, resolver=choice("kind"))
    from_status = graphene.Field(OcopCertificateStatusEnum)
    to_status = graphene.Field(
        OcopCertificateStatusEnum, required=True, resolver=choice("to_status")
    )
    actor_email = graphene.String(description="Empty for the expiry job.")
    note = graphene.String(required=True)
    created_at = graphene.DateTime(required=True)

    resolve_from_status = staticmethod(choice("from_status"))

    @staticmethod
    def resolve_actor_email(root: models.CertificateEvent, info: graphene.ResolveInfo) -> Any:
        return root.actor.email if root.actor_id and root.actor else None


def _can_review(info: graphene.ResolveInfo, certificate: models.OcopCertificate) -> bool:
    """The seller's members and officers of its province (the product and seller are
    loaded with the certificate by every resolver that returns certificates)."""

    return can_see_private(info, certificate.product.seller)


class OcopCertificate(ChannelContextType):
    """OCOP extension: the state's star rating of a product."""

    stars = graphene.Int(required=True)
    issuer_level = graphene.Field(
        OcopIssuerLevelEnum, required=True, resolver=choice("issuer_level")
    )
    status = graphene.Field(OcopCertificateStatusEnum, required=True, resolver=choice("status"))
    issued_at = graphene.Date(required=True, description="Date of the certifying decision.")
    decision_date = graphene.Date(required=True)
    product_group = graphene.String()
    product_subgroup = graphene.String()
    product_group_code = graphene.String()
    product_subgroup_code = graphene.String()
    scan_url = graphene.String()
    product = graphene.Field(lambda: Product, required=True)
    province = graphene.Field(
        "storefront_api.sellers.types.Province",
        required=True,
        description="The province of the product's seller: the officers who review it.",
    )
    events = graphene.List(
        graphene.NonNull(OcopCertificateEvent),
        description="Private: the seller's staff and officers of its province.",
    )
    submitted_at = graphene.DateTime(required=True)

    class Meta:
        model = models.OcopCertificate
        interfaces = (relay.Node,)
        fields = (
            "id", "decision_number", "certificate_number", "issuer_name", "score",
            "valid_until", "review_note", "reviewed_at",
        )  # fmt: skip

    @classmethod
    def get_queryset(cls, queryset: Any, info: graphene.ResolveInfo) -> Any:
        return queryset.visible_to(
            viewer(info), viewer_scope(info), channel=resolve_channel(None)
        ).select_related("product__seller__province", "product_group", "product_subgroup")

    @staticmethod
    def resolve_issued_at(
        root: ChannelContext[models.OcopCertificate], info: graphene.ResolveInfo
    ) -> Any:
        return root.node.decision_date

    @staticmethod
    def resolve_product_group(
        root: ChannelContext[models.OcopCertificate], info: graphene.ResolveInfo
    ) -> Any:
        return root.node.product_group.name if root.node.product_group else None

    @staticmethod
    def resolve_product_subgroup(
        root: ChannelContext[models.OcopCertificate], info: graphene.ResolveInfo
    ) -> Any:
        return root.node.product_subgroup.name if root.node.product_subgroup else None

    @staticmethod
    def resolve_scan_url(
        root: ChannelContext[models.OcopCertificate], info: graphene.ResolveInfo
    ) -> Any:
        return root.node.scan.url if root.node.scan else None

    @staticmethod
    def resolve_decision_date(
        root: ChannelContext[models.OcopCertificate], info: graphene.ResolveInfo
    ) -> Any:
        return root.node.decision_date

    @staticmethod
    def resolve_product_group_code(
        root: ChannelContext[models.OcopCertificate], info: graphene.ResolveInfo
    ) -> Any:
        return root.node.product_group.code if root.node.product_group else None

    @staticmethod
    def resolve_product_subgroup_code(
        root: ChannelContext[models.OcopCertificate], info: graphene.ResolveInfo
    ) -> Any:
        return root.node.product_subgroup.code if root.node.product_subgroup else None

    @staticmethod
    def resolve_product(
        root: ChannelContext[models.OcopCertificate], info: graphene.ResolveInfo
    ) -> Any:
        return root.of(root.node.product)

    @staticmethod
    def resolve_province(
        root: ChannelContext[models.OcopCertificate], info: graphene.ResolveInfo
    ) -> Any:
        return root.node.product.seller.province

    @staticmethod
    def resolve_events(
        root: ChannelContext[models.OcopCertificate], info: graphene.ResolveInfo
    ) -> Any:
        return list(root.node.events.all()) if _can_review(info, root.node) else None

    @staticmethod
    def resolve_submitted_at(
        root: ChannelContext[models.OcopCertificate], info: graphene.ResolveInfo
    ) -> Any:
        return root.node.created_at


class VariantPricingInfo(graphene.ObjectType):
    on_sale = graphene.Boolean()
    discount = graphene.Field(TaxedMoneyType)
    price = graphene.Field(TaxedMoneyType)
    price_undiscounted = graphene.Field(TaxedMoneyType)


class ProductPricingInfo(graphene.ObjectType):
    on_sale = graphene.Boolean()
    discount = graphene.Field(TaxedMoneyType)
    price_range = graphene.Field(TaxedMoneyRange)
    price_range_undiscounted = graphene.Field(TaxedMoneyRange)


def channel_price(variant: models.ProductVariant, channel_id: int | None) -> int | None:
    """The variant's price in the channel it is shown in (listings are prefetched; without
    a channel, the first listing loaded)."""
    for listing in prefetched(variant, "channel_listings"):
        if channel_id is None or listing.channel_id == channel_id:
            return int(listing.price_amount)
    return None


class Warehouse(DjangoObjectType):
    """Saleor's warehouse (a subset): where a seller keeps stock."""

    name = graphene.String(required=True)
    is_private = graphene.Boolean(required=True)

    class Meta:
        model = models.Warehouse
        interfaces = (relay.Node,)
        fields = ("id", "name")

    @classmethod
    def get_queryset(cls, queryset: Any, info: graphene.ResolveInfo) -> Any:
        return queryset.visible_to(viewer(info), viewer_scope(info))

    @staticmethod
    def resolve_is_private(root: models.Warehouse, info: graphene.ResolveInfo) -> bool:
        return True


class Stock(DjangoObjectType):
    """Saleor's stock; quantities are visible to the seller's staff only."""

    warehouse = graphene.Field(Warehouse, required=True)
    quantity = graphene.Int(required=True)
    quantity_allocated = graphene.Int(required=True)
    quantity_reserved = graphene.Int(required=True)

    class Meta:
        model = models.Stock
        interfaces = (relay.Node,)
        fields = ("id",)

    @classmethod
    def get_queryset(cls, queryset: Any, info: graphene.ResolveInfo) -> Any:
        return queryset.visible_to(
            viewer(info), viewer_scope(info), channel=resolve_channel(None)
        ).select_related("warehouse")

    @staticmethod
    def resolve_quantity_reserved(root: models.Stock, info: graphene.ResolveInfo) -> int:
        return 0


class ProductVariant(ChannelContextType):
    name = graphene.String(required=True)
    stocks = graphene.List(
        Stock,
        address=graphene.String(),
        country_code=graphene.String(),
        description="Stocks of this variant; only the seller's staff see them.",
    )
    product = graphene.Field(lambda: Product, required=True)
    pricing = graphene.Field(VariantPricingInfo)
    weight = graphene.Field(Weight)
    quantity_available = graphene.Int(country_code=graphene.String())
    channel = graphene.String()
    created = graphene.DateTime(required=True)
    translation = translation_field(ProductVariantTranslation)
    attributes = attribute_fields.variant_attributes_field()
    assigned_attribute = attribute_fields.assigned_attribute_field()
    assigned_attributes = attribute_fields.assigned_attributes_field()
    media = graphene.List(graphene.NonNull(ProductMedia))

    class Meta:
        model = models.ProductVariant
        interfaces = (relay.Node,)
        fields = ("id", "sku", "track_inventory", "updated_at")

    @classmethod
    def get_queryset(cls, queryset: Any, info: graphene.ResolveInfo) -> Any:
        return queryset.visible_to(viewer(info), channel=resolve_channel(None))

    get_node = node_by_pk(resolve_product_variant)

    @staticmethod
    def resolve_product(root: ChannelContext[models.ProductVariant], info: Any) -> Any:
        return root.of(root.node.product)

    resolve_attributes = staticmethod(attribute_fields.of_variant)

    @staticmethod
    def resolve_assigned_attribute(
        root: ChannelContext[models.ProductVariant], info: graphene.ResolveInfo, slug: str
    ) -> Any:
        return attribute_fields.one(attribute_fields.of_variant(root, info), slug)

    @staticmethod
    def resolve_assigned_attributes(
        root: ChannelContext[models.ProductVariant], info: graphene.ResolveInfo, limit: int = 100
    ) -> Any:
        return attribute_fields.of_variant(root, info)[:limit]

    @staticmethod
    def resolve_media(root: ChannelContext[models.ProductVariant], info: Any) -> Any:
        # Our photos belong to the product, not to one variant: a variant shows its product's
        # gallery (prefetched with the product when a query asks for variants' media).
        return list(prefetched(root.node.product, "media"))

    @staticmethod
    def resolve_created(
        root: ChannelContext[models.ProductVariant], info: graphene.ResolveInfo
    ) -> Any:
        return root.node.created_at

    @staticmethod
    def resolve_translation(
        root: ChannelContext[models.ProductVariant], info: graphene.ResolveInfo, language_code: Any
    ) -> Any:
        return read_translation(root.node, language_code)

    @staticmethod
    def resolve_name(
        root: ChannelContext[models.ProductVariant], info: graphene.ResolveInfo
    ) -> str:
        return root.node.name

    @staticmethod
    def resolve_pricing(
        root: ChannelContext[models.ProductVariant], info: graphene.ResolveInfo
    ) -> Any:
        price = channel_price(root.node, root.channel_id)
        if price is None:
            return None
        return VariantPricingInfo(
            on_sale=False, discount=None, price=taxed(price), price_undiscounted=taxed(price)
        )

    @staticmethod
    def resolve_weight(
        root: ChannelContext[models.ProductVariant], info: graphene.ResolveInfo
    ) -> Any:
        grams = root.node.weight_grams or root.node.product.weight_grams
        return Weight(unit="g", value=grams) if grams else None

    @staticmethod
    def resolve_quantity_available(
        root: ChannelContext[models.ProductVariant],
        info: graphene.ResolveInfo,
        country_code: str | None = None,
    ) -> int:
        return sum(s.available for s in root.node.stocks.all())

    @staticmethod
    def resolve_channel(
        root: ChannelContext[models.ProductVariant], info: graphene.ResolveInfo
    ) -> Any:
        return root.channel_slug

    @staticmethod
    def resolve_stocks(
        root: ChannelContext[models.ProductVariant], info: graphene.ResolveInfo, **_: Any
    ) -> Any:

        if not viewer_scope(info).is_member(root.node.product.seller_id):
            return None
        return list(root.node.stocks.select_related("warehouse").order_by("pk"))


def product_list_args() -> dict[str, Any]:
    """Saleor's filter, where, sortBy and search of a products connection."""
    return {
        "filter": ProductFilterInput(),
        "where": ProductWhereInput(),
        "sort_by": ProductOrder(),
        "search": graphene.String(),
    }


def background_image_field() -> graphene.Field:
    return graphene.Field(
        Image,
        size=graphene.Int(),
        format=graphene.Argument(ThumbnailFormatEnum, default_value=ThumbnailFormatEnum.ORIGINAL),
    )


def _row(root: Any) -> Any:
    return root.node if isinstance(root, NodeContext) else root


def seo_title_of(root: Any, info: graphene.ResolveInfo) -> str:
    row = _row(root)
    return str(row.seo_title or row.name)


def seo_description_of(root: Any, info: graphene.ResolveInfo) -> str:
    row = _row(root)
    return str(row.seo_description or row.description[:300])


def background_image_of(
    root: Any, info: graphene.ResolveInfo, size: int | None = None, format: Any = None
) -> Image | None:
    """The banner, resized to `size` (snapped like product thumbnails) in `format`, made on
    first request (`catalog.banner_thumbnails`); without a size, as uploaded."""
    row = _row(root)
    if not row.background_image:
        return None
    kind = "category" if isinstance(row, models.Category) else "collection"
    fmt = str(getattr(format, "value", format) or "original")
    url = banner_url(kind, row, size, fmt)
    url = info.context.build_absolute_uri(url) if url.startswith("/") else url
    return Image(url=url, alt=row.background_image_alt or row.name)


class Category(DjangoObjectType):
    """Public taxonomy: `categories` lists every category to everyone."""

    description = graphene.JSONString()
    parent = graphene.Field(lambda: Category)
    level = graphene.Int(required=True)
    children = relay.ConnectionField(lambda: CategoryCountableConnection)
    products = relay.ConnectionField(
        lambda: ProductCountableConnection, channel=graphene.String(), **product_list_args()
    )
    seo_title = graphene.String()
    seo_description = graphene.String()
    background_image = background_image_field()
    translation = translation_field(CategoryTranslation)

    class Meta:
        model = models.Category
        interfaces = (relay.Node,)
        fields = ("id", "name", "slug", "updated_at")

    @staticmethod
    def resolve_description(root: models.Category, info: graphene.ResolveInfo) -> Any:
        return editorjs(root.description)

    resolve_seo_title = staticmethod(seo_title_of)
    resolve_seo_description = staticmethod(seo_description_of)
    resolve_background_image = staticmethod(background_image_of)

    @staticmethod
    def resolve_translation(
        root: models.Category, info: graphene.ResolveInfo, language_code: Any
    ) -> Any:
        return read_translation(root, language_code)

    @staticmethod
    def resolve_children(root: models.Category, info: graphene.ResolveInfo, **args: Any) -> Any:

        return paginate(root.children.all(), CategoryCountableConnection, args, name="children")

    @staticmethod
    def resolve_products(
        root: models.Category, info: graphene.ResolveInfo, channel: str | None = None, **args: Any
    ) -> Any:
        ids = [root.pk, *models.Category.objects.filter(parent=root).values_list("pk", flat=True)]
        restrict = {"category_id__in": ids}
        return products_page(info, channel, args, ProductCountableConnection, restrict)


class CategoryCountableConnection(CountableConnection):
    class Meta:
        node = Category


class ProductType(DjangoObjectType):
    class Meta:
        model = models.ProductType
        interfaces = (relay.Node,)
        fields = ("id", "name", "slug", "has_variants", "is_shipping_required")

    @classmethod
    def get_queryset(cls, queryset: Any, info: graphene.ResolveInfo) -> Any:
        return queryset.visible_to(viewer(info), channel=resolve_channel(None))


class Product(ChannelContextType):
    description = graphene.JSONString(description="Rich text (EditorJS JSON).")
    product_type = graphene.Field(ProductType, required=True)
    category = graphene.Field(Category)
    created = graphene.DateTime(required=True)
    channel = graphene.String()
    thumbnail = graphene.Field(
        Image, size=graphene.Int(), format=graphene.Argument(ThumbnailFormatEnum)
    )
    media = graphene.List(graphene.NonNull(ProductMedia))
    variants = graphene.List(graphene.NonNull(ProductVariant))
    default_variant = graphene.Field(ProductVariant)
    pricing = graphene.Field(ProductPricingInfo, address=graphene.String())
    is_available = graphene.Boolean()
    is_available_for_purchase = graphene.Boolean()
    weight = graphene.Field(Weight)
    translation = translation_field(ProductTranslation)
    seo_title = graphene.String()
    seo_description = graphene.String()
    assigned_attribute = attribute_fields.assigned_attribute_field()
    assigned_attributes = attribute_fields.assigned_attributes_field()
    attributes = attribute_fields.selected_attributes_field()
    product_variants = relay.ConnectionField(lambda: ProductVariantCountableConnection)
    # OCOP extensions.
    ocop_certificate = graphene.Field(OcopCertificate)
    seller = graphene.Field("storefront_api.sellers.types.Seller", required=True)
    origin_province = graphene.Field("storefront_api.sellers.types.Province")

    class Meta:
        model = models.Product
        interfaces = (relay.Node,)
        fields = ("id", "name", "slug", "rating", "updated_at")

    @classmethod
    def get_queryset(cls, queryset: Any, info: graphene.ResolveInfo) -> Any:
        return queryset.visible_to(viewer(info), channel=resolve_channel(None))

    get_node = node_by_pk(resolve_product)

    @staticmethod
    def resolve_description(
        root: ChannelContext[models.Product], info: graphene.ResolveInfo
    ) -> Any:
        # The seller's story (headings, lists, photos) when it still matches the description.
        story = editorjs_blocks(root.node.story, root.node.description)
        if story:
            return document(story)
        return editorjs(root.node.description)

    @staticmethod
    def resolve_created(root: ChannelContext[models.Product], info: graphene.ResolveInfo) -> Any:
        return root.node.created_at

    @staticmethod
    def resolve_channel(root: ChannelContext[models.Product], info: graphene.ResolveInfo) -> Any:
        return root.channel_slug

    @staticmethod
    def resolve_seo_title(root: ChannelContext[models.Product], info: graphene.ResolveInfo) -> str:
        return root.node.name

    @staticmethod
    def resolve_seo_description(
        root: ChannelContext[models.Product], info: graphene.ResolveInfo
    ) -> str:
        return root.node.description[:300]

    @staticmethod
    def resolve_thumbnail(
        root: ChannelContext[models.Product],
        info: graphene.ResolveInfo,
        size: int | None = None,
        format: str | None = None,
    ) -> Any:
        media = next(iter(prefetched(root.node, "media")), None)
        if media is None or not media.image:
            return None
        return Image(
            url=thumbnail_url(info, media, size or 256, format), alt=media.alt or root.node.name
        )

    @staticmethod
    def resolve_media(root: ChannelContext[models.Product], info: graphene.ResolveInfo) -> Any:
        return list(prefetched(root.node, "media"))

    @staticmethod
    def resolve_variants(root: ChannelContext[models.Product], info: graphene.ResolveInfo) -> Any:
        return [root.of(v) for v in _priced_variants(root.node, root.channel_id)]

    @staticmethod
    def resolve_product_variants(
        root: ChannelContext[models.Product], info: graphene.ResolveInfo, **args: Any
    ) -> Any:
        rows = Rows(_priced_variants(root.node, root.channel_id))

        def shown(items: list[models.ProductVariant]) -> list[Any]:
            return [root.of(v) for v in items]

        return paginate(
            rows,  # type: ignore[arg-type]
            ProductVariantCountableConnection,
            args,
            name="productVariants",
            prepare=shown,
        )

    resolve_attributes = staticmethod(attribute_fields.of_product)

    @staticmethod
    def resolve_assigned_attribute(
        root: ChannelContext[models.Product], info: graphene.ResolveInfo, slug: str
    ) -> Any:
        return attribute_fields.one(attribute_fields.of_product(root, info), slug)

    @staticmethod
    def resolve_assigned_attributes(
        root: ChannelContext[models.Product], info: graphene.ResolveInfo, limit: int = 100
    ) -> Any:
        return attribute_fields.of_product(root, info)[:limit]

    @staticmethod
    def resolve_default_variant(
        root: ChannelContext[models.Product], info: graphene.ResolveInfo
    ) -> Any:
        variant = next(iter(_priced_variants(root.node, root.channel_id)), None)
        return None if variant is None else root.of(variant)

    @staticmethod
    def resolve_pricing(
        root: ChannelContext[models.Product], info: graphene.ResolveInfo, address: str | None = None
    ) -> Any:
        channel_id = root.channel_id
        variants = _priced_variants(root.node, channel_id)
        prices = [p for v in variants if (p := channel_price(v, channel_id)) is not None]
        if not prices:
            return None
        price_range = TaxedMoneyRange(start=taxed(min(prices)), stop=taxed(max(prices)))
        return ProductPricingInfo(
            on_sale=False,
            discount=None,
            price_range=price_range,
            price_range_undiscounted=price_range,
        )

    @staticmethod
    def resolve_is_available(
        root: ChannelContext[models.Product], info: graphene.ResolveInfo
    ) -> bool:
        return bool(_priced_variants(root.node, root.channel_id))

    @staticmethod
    def resolve_is_available_for_purchase(
        root: ChannelContext[models.Product], info: graphene.ResolveInfo
    ) -> bool:
        return bool(_priced_variants(root.node, root.channel_id))

    @staticmethod
    def resolve_weight(root: ChannelContext[models.Product], info: graphene.ResolveInfo) -> Any:
        return Weight(unit="g", value=root.node.weight_grams) if root.node.weight_grams else None

    @staticmethod
    def resolve_translation(
        root: ChannelContext[models.Product], info: graphene.ResolveInfo, language_code: Any
    ) -> Any:
        return read_translation(root.node, language_code)

    @staticmethod
    def resolve_ocop_certificate(
        root: ChannelContext[models.Product], info: graphene.ResolveInfo
    ) -> Any:
        certificate = current_certificate(prefetched(root.node, "certificates"))
        return None if certificate is None else root.of(certificate)

    @staticmethod
    def resolve_seller(root: ChannelContext[models.Product], info: graphene.ResolveInfo) -> Any:
        return root.node.seller

    @staticmethod
    def resolve_origin_province(
        root: ChannelContext[models.Product], info: graphene.ResolveInfo
    ) -> Any:
        return root.node.origin_province


def _priced_variants(
    product: models.Product, channel_id: int | None
) -> list[models.ProductVariant]:
    """Variants with a price in the channel the product is shown in."""
    return [v for v in prefetched(product, "variants") if channel_price(v, channel_id) is not None]


class ProductCountableConnection(CountableConnection):
    class Meta:
        node = Product


class ProductVariantCountableConnection(CountableConnection):
    class Meta:
        node = ProductVariant


class Rows(list[Any]):
    """A loaded list that `paginate` can page like a queryset."""

    def count(self) -> int:  # type: ignore[override]
        return len(self)


class Collection(ChannelContextType):
    description = graphene.JSONString()
    channel = graphene.String()
    is_featured = graphene.Boolean(required=True, description="OCOP: curated by an officer.")
    starts_at = graphene.DateTime()
    ends_at = graphene.DateTime()
    products = relay.ConnectionField(
        lambda: ProductCountableConnection, channel=graphene.String(), **product_list_args()
    )
    seo_title = graphene.String()
    seo_description = graphene.String()
    background_image = background_image_field()
    translation = translation_field(CollectionTranslation)

    class Meta:
        model = models.Collection
        interfaces = (relay.Node,)
        fields = ("id", "name", "slug")

    @classmethod
    def get_queryset(cls, queryset: Any, info: graphene.ResolveInfo) -> Any:
        return queryset.visible_to(viewer(info))

    get_node = node_by_pk(resolve_collection)

    @staticmethod
    def resolve_description(root: ChannelContext[models.Collection], info: Any) -> Any:
        return editorjs(root.node.description)

    resolve_seo_title = staticmethod(seo_title_of)
    resolve_seo_description = staticmethod(seo_description_of)
    resolve_background_image = staticmethod(background_image_of)

    @staticmethod
    def resolve_products(
        root: ChannelContext[models.Collection],
        info: graphene.ResolveInfo,
        channel: str | None = None,
        **args: Any,
    ) -> Any:
        slug = channel or root.channel_slug
        restrict = {"collections": root.node}
        return products_page(info, slug, args, ProductCountableConnection, restrict)

    @staticmethod
    def resolve_channel(root: ChannelContext[models.Collection], info: Any) -> Any:
        return root.channel_slug

    @staticmethod
    def resolve_translation(
        root: ChannelContext[models.Collection], info: graphene.ResolveInfo, language_code: Any
    ) -> Any:
        return read_translation(root.node, language_code)


class CollectionCountableConnection(CountableConnection):
    class Meta:
        node = Collection


__all__ = ["LanguageCodeEnum", "editorjs", "money"]
