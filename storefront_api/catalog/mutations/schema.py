"""The catalog mutations: Saleor's product family for sellers, OCOP's for officers."""

from __future__ import annotations

import graphene

from storefront_api.catalog.mutations.featured_collection_add_products import (
    FeaturedCollectionAddProducts,
)
from storefront_api.catalog.mutations.featured_collection_create import FeaturedCollectionCreate
from storefront_api.catalog.mutations.featured_collection_update import FeaturedCollectionUpdate
from storefront_api.catalog.mutations.ocop_certificate_create import OcopCertificateCreate
from storefront_api.catalog.mutations.ocop_certificate_reject import OcopCertificateReject
from storefront_api.catalog.mutations.ocop_certificate_revoke import OcopCertificateRevoke
from storefront_api.catalog.mutations.ocop_certificate_verify import OcopCertificateVerify
from storefront_api.catalog.mutations.product_channel_listing_update import (
    ProductChannelListingUpdate,
)
from storefront_api.catalog.mutations.product_create import ProductCreate
from storefront_api.catalog.mutations.product_delete import ProductDelete
from storefront_api.catalog.mutations.product_media_create import ProductMediaCreate
from storefront_api.catalog.mutations.product_update import ProductUpdate
from storefront_api.catalog.mutations.product_variant_channel_listing_update import (
    ProductVariantChannelListingUpdate,
)
from storefront_api.catalog.mutations.product_variant_create import ProductVariantCreate
from storefront_api.catalog.mutations.product_variant_stocks_create import (
    ProductVariantStocksCreate,
)
from storefront_api.catalog.mutations.product_variant_stocks_update import (
    ProductVariantStocksUpdate,
)
from storefront_api.catalog.mutations.product_variant_update import ProductVariantUpdate


class CatalogMutations(graphene.ObjectType):
    product_create = ProductCreate.Field()
    product_update = ProductUpdate.Field()
    product_delete = ProductDelete.Field()
    product_variant_create = ProductVariantCreate.Field()
    product_variant_update = ProductVariantUpdate.Field()
    product_variant_stocks_create = ProductVariantStocksCreate.Field()
    product_variant_stocks_update = ProductVariantStocksUpdate.Field()
    product_channel_listing_update = ProductChannelListingUpdate.Field()
    product_variant_channel_listing_update = ProductVariantChannelListingUpdate.Field()
    product_media_create = ProductMediaCreate.Field()
    ocop_certificate_create = OcopCertificateCreate.Field()
    ocop_certificate_verify = OcopCertificateVerify.Field()
    ocop_certificate_reject = OcopCertificateReject.Field()
    ocop_certificate_revoke = OcopCertificateRevoke.Field()
    featured_collection_create = FeaturedCollectionCreate.Field()
    featured_collection_update = FeaturedCollectionUpdate.Field()
    featured_collection_add_products = FeaturedCollectionAddProducts.Field()
