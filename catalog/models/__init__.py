"""Who sees which catalog rows, as queryset methods (`Model.objects.visible_to(...)`).

The storefront's query fields and `node(id:)` both filter through these, so an object is
reachable by id exactly when its own query field (or its parent's) shows it:

- products: the listing rule (`catalog.listing`), the same for every viewer, in a channel;
  their variants, media and product types follow their product;
- stock: the product's seller's members only (`ProductVariant.stocks`);
- warehouses: the seller's private side (`Seller.warehouses`: members, officers in scope);
- certificates: officers in scope see every one of their province (`ocopCertificates`);
  everyone sees the certificate a listed product shows (`Product.ocopCertificate`);
- collections: published and within their dates (`collections`).

Each model module defines its queryset (the listing rule's in products.py).
"""

from catalog.models.attributes import (
    Attribute,
    AttributeInputType,
    AttributeTranslation,
    AttributeValue,
    AttributeValueTranslation,
)
from catalog.models.certificates import (
    CertificateEvent,
    CertificateExpiryNotice,
    CertificateStatus,
    IssuerLevel,
    OcopCertificate,
    ProductGroup,
)
from catalog.models.channels import Channel
from catalog.models.collections import Collection, CollectionProduct
from catalog.models.inventory import Stock, Warehouse
from catalog.models.labels import FactKey, ProductFact, StoryPhoto
from catalog.models.listed import ListedCount, ListedCountDelta, ListedProduct
from catalog.models.products import (
    Category,
    Product,
    ProductChannelListing,
    ProductMedia,
    ProductType,
    ProductVariant,
    ProductVariantChannelListing,
    SearchWord,
    Thumbnail,
)
from catalog.models.translations import (
    CategoryTranslation,
    CollectionTranslation,
    ProductTranslation,
    ProductVariantTranslation,
)

__all__ = [
    "Attribute",
    "AttributeInputType",
    "AttributeTranslation",
    "AttributeValue",
    "AttributeValueTranslation",
    "Category",
    "CategoryTranslation",
    "CertificateEvent",
    "CertificateExpiryNotice",
    "CertificateStatus",
    "Channel",
    "Collection",
    "CollectionProduct",
    "CollectionTranslation",
    "FactKey",
    "IssuerLevel",
    "ListedCount",
    "ListedCountDelta",
    "ListedProduct",
    "OcopCertificate",
    "Product",
    "ProductChannelListing",
    "ProductFact",
    "ProductGroup",
    "ProductMedia",
    "ProductTranslation",
    "ProductType",
    "ProductVariant",
    "ProductVariantChannelListing",
    "ProductVariantTranslation",
    "SearchWord",
    "Stock",
    "StoryPhoto",
    "Thumbnail",
    "Warehouse",
]
