"""The storefront GraphQL schema: Saleor 3.23's shape plus OCOP extensions."""

from __future__ import annotations

import graphene
from graphene import relay

from storefront_api.account.schema import AccountMutations, AccountQueries
from storefront_api.catalog.schema import CatalogQueries
from storefront_api.sellers.schema import SellerQueries


class Query(CatalogQueries, SellerQueries, AccountQueries, graphene.ObjectType):
    node = relay.Node.Field()


class Mutation(AccountMutations, graphene.ObjectType):
    pass


schema = graphene.Schema(query=Query, mutation=Mutation)
