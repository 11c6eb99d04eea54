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
from catalog.models.products import (
    Category,
    Product,
    ProductChannelListing,
    ProductMedia,
    ProductType,
    ProductVariant,
    ProductVariantChannelListing,
    Thumbnail,
)

__all__ = [
    "Category",
    "CertificateEvent",
    "CertificateExpiryNotice",
    "CertificateStatus",
    "Channel",
    "Collection",
    "CollectionProduct",
    "IssuerLevel",
    "OcopCertificate",
    "Product",
    "ProductChannelListing",
    "ProductGroup",
    "ProductMedia",
    "ProductType",
    "ProductVariant",
    "ProductVariantChannelListing",
    "Stock",
    "Thumbnail",
    "Warehouse",
]
