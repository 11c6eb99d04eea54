"""Deprecated arguments stay listed by a plain introspection, as Saleor's do.

GraphQL hides a deprecated argument from `__Field.args` unless the client asks with
`includeDeprecated: true`, and code generators (graphql-codegen, used by Saleor's storefront)
ask with the default. Saleor's storefront still sends `checkoutId` to
`checkoutAddPromoCode`, an argument Saleor keeps for old clients: its codegen refused the
document against our schema while the server would have run it. So after the schema is
built, an argument's deprecation moves into its description, where people still read it,
and out of the flag that hides it. Fields and enum values keep their deprecation (those
stay listed either way); the SDL printed from the schema loses only the arguments' flag.

graphql-core 3.2.14 also lets `@deprecated` stand on a directive definition, a location
from a spec draft that graphql-js 16 (every code generator) does not parse: the storefront's
codegen failed on "Unexpected Name DIRECTIVE_DEFINITION". The schema's `@deprecated` is the
released spec's (no directive of ours is deprecated).
"""

from __future__ import annotations

import graphene
from graphql import DirectiveLocation, GraphQLDirective, GraphQLInterfaceType, GraphQLObjectType


def list_deprecated_arguments(schema: graphene.Schema) -> None:
    for named in schema.graphql_schema.type_map.values():
        if not isinstance(named, GraphQLObjectType | GraphQLInterfaceType):
            continue
        for field in named.fields.values():
            for argument in field.args.values():
                reason = argument.deprecation_reason
                if reason:
                    note = f"Deprecated: {reason}"
                    described = argument.description
                    argument.description = f"{described}\n\n{note}" if described else note
                    argument.deprecation_reason = None
    graphql_schema = schema.graphql_schema
    graphql_schema.directives = tuple(
        _released_deprecated(d) if d.name == "deprecated" else d for d in graphql_schema.directives
    )


def _released_deprecated(directive: GraphQLDirective) -> GraphQLDirective:
    return GraphQLDirective(
        name=directive.name,
        locations=[
            loc for loc in directive.locations if loc != DirectiveLocation.DIRECTIVE_DEFINITION
        ],
        args=directive.args,
        is_repeatable=directive.is_repeatable,
        description=directive.description,
    )
