"""The storefront GraphQL schema: Saleor 3.23's shape plus OCOP extensions."""

from __future__ import annotations

import graphene
from graphene import relay

from storefront_api.account.book import AddressBookMutations
from storefront_api.account.password import PasswordMutations
from storefront_api.account.profile import OwnAccountMutations
from storefront_api.account.schema import AccountMutations, AccountQueries
from storefront_api.catalog.assigned_attribute_types import ATTRIBUTE_TYPES
from storefront_api.catalog.attribute_queries import AttributeQueries
from storefront_api.catalog.certificate_queries import CertificateQueries
from storefront_api.catalog.channels import ChannelQueries
from storefront_api.catalog.mutations.product_translate import CatalogTranslationMutations
from storefront_api.catalog.mutations.schema import CatalogMutations
from storefront_api.catalog.schema import CatalogQueries
from storefront_api.catalog.variant_list import VariantQueries
from storefront_api.checkout.mutations.update_metadata import MetadataMutations
from storefront_api.checkout.schema import CheckoutMutations, CheckoutQueries
from storefront_api.content.schema import ContentQueries
from storefront_api.core.context import resolve_node_type
from storefront_api.core.listed_deprecations import list_deprecated_arguments
from storefront_api.livestream.schema import LivestreamMutations, LivestreamQueries
from storefront_api.orders.schema import OrderMutations, OrderQueries
from storefront_api.payments.schema import PaymentMutations, PaymentQueries
from storefront_api.search.schema import SearchQueries
from storefront_api.sellers.schema import SellerMutations, SellerQueries


class Query(
    CatalogQueries,
    SellerQueries,
    AccountQueries,
    SearchQueries,
    CertificateQueries,
    LivestreamQueries,
    CheckoutQueries,
    OrderQueries,
    PaymentQueries,
    ContentQueries,
    ChannelQueries,
    AttributeQueries,
    VariantQueries,
    graphene.ObjectType,
):
    node = relay.Node.Field()


class Mutation(
    AccountMutations,
    PasswordMutations,
    SellerMutations,
    CatalogMutations,
    LivestreamMutations,
    CheckoutMutations,
    OrderMutations,
    PaymentMutations,
    AddressBookMutations,
    OwnAccountMutations,
    MetadataMutations,
    CatalogTranslationMutations,
    graphene.ObjectType,
):
    pass


# The Assigned*Attribute types are reached through their interface only: listed here.
schema = graphene.Schema(query=Query, mutation=Mutation, types=ATTRIBUTE_TYPES)
# `node(id:)` answers products, variants and collections in a ChannelContext.
resolve_node_type(schema)
# Deprecated arguments stay listed by a plain introspection (Saleor's storefront uses some).
list_deprecated_arguments(schema)
