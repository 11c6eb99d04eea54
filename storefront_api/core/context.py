"""What a request adds to a row, carried next to it rather than written onto it.

A product's price, variants and `channel` field depend on the channel the query asked
for; an order event's actor and an order's addresses depend on who is asking. Those are
facts about the request, not about the row. Saleor hands such types a
`ChannelContext(node, channel_slug)`; so do we: resolvers wrap the model instance in a
frozen `NodeContext` (`ChannelContext` for the catalog, small ones next to the order and
address types), and the types (`ContextType` subclasses) read the row from `root.node`.

A bare model instance — what the mutation payloads return — is wrapped with the context's
defaults (no channel, nothing masked), as it was read before.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, ClassVar, Generic, TypeVar

import graphene
from django.db.models import Model
from graphene.types.resolver import get_default_resolver
from graphene_django import DjangoObjectType
from graphene_django.types import DjangoObjectTypeOptions

from catalog.models import Channel

N = TypeVar("N", bound=Model)
R = TypeVar("R", bound=Model)


@dataclass(frozen=True)
class NodeContext(Generic[N]):
    """A model instance and what the request adds to it (subclasses say what)."""

    node: N


@dataclass(frozen=True)
class ChannelContext(NodeContext[N]):
    """A catalog object and the channel it is shown in (None: no channel)."""

    channel: Channel | None = None

    @property
    def channel_id(self) -> int | None:
        return self.channel.pk if self.channel is not None else None

    @property
    def channel_slug(self) -> str | None:
        return self.channel.slug if self.channel is not None else None

    def of(self, node: R) -> ChannelContext[R]:
        """Another object reached from this one, in the same channel."""
        return ChannelContext(node, self.channel)


def _node(root: Any) -> Any:
    return root.node if isinstance(root, NodeContext) else root


def _from_node(attname: str, default_value: Any, root: Any, info: Any, **args: Any) -> Any:
    """The default resolver of a ContextType: model fields are read from the node."""
    return get_default_resolver()(attname, default_value, _node(root), info, **args)


# The GraphQL type of each model served through a ContextType (for `node(id:)`).
_TYPE_NAMES: dict[type[Model], str] = {}


class ContextType(DjangoObjectType):
    """A DjangoObjectType whose resolvers (`resolve_*` methods and `resolver=` functions)
    always receive a `context` instance, whatever they were handed."""

    context: ClassVar[type[NodeContext[Any]]] = NodeContext

    class Meta:
        abstract = True

    @classmethod
    def __init_subclass_with_meta__(cls, **options: Any) -> None:
        options.setdefault("default_resolver", _from_node)
        super().__init_subclass_with_meta__(**options)
        for name, value in list(vars(cls).items()):
            if name.startswith("resolve_") and isinstance(value, staticmethod):
                setattr(cls, name, staticmethod(cls._with_context(value.__func__)))
        for field in cls._meta.fields.values():
            if getattr(field, "resolver", None) is not None:
                field.resolver = cls._with_context(field.resolver)
        meta: DjangoObjectTypeOptions = cls._meta
        _TYPE_NAMES[meta.model] = meta.name

    @classmethod
    def wrap(cls, root: Any) -> NodeContext[Any]:
        return root if isinstance(root, cls.context) else cls.context(_node(root))

    @classmethod
    def _with_context(cls, resolver: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(resolver)
        def resolve(root: Any, info: graphene.ResolveInfo, **args: Any) -> Any:
            return resolver(cls.wrap(root), info, **args)

        return resolve

    @staticmethod
    def resolve_id(root: Any, info: graphene.ResolveInfo) -> Any:
        return _node(root).pk

    @classmethod
    def is_type_of(cls, root: Any, info: graphene.ResolveInfo) -> bool:
        return bool(super().is_type_of(_node(root), info))


class ChannelContextType(ContextType):
    """The catalog types: their resolvers receive a `ChannelContext`."""

    context = ChannelContext

    class Meta:
        abstract = True


def resolve_node_type(schema: graphene.Schema) -> None:
    """Teach the `Node` interface to name the type of a NodeContext (`node(id:)` answers one
    for the catalog types); anything else is resolved as graphene does."""
    node_interface: Any = schema.graphql_schema.get_type("Node")
    default = node_interface.resolve_type

    def resolve_type(root: Any, info: graphene.ResolveInfo, abstract_type: Any) -> Any:
        if isinstance(root, NodeContext):
            return _TYPE_NAMES[type(root.node)]
        return default(root, info, abstract_type)

    node_interface.resolve_type = resolve_type
