"""Refuse abusive GraphQL documents before anything runs (depth, aliases, root fields, cost).

One anonymous request nesting `category { products(first: 5) { … category { products … } } }`
five deep ran for half a minute, and 500 aliases of `products(first: 100)` all ran. These
rules are checked by the view right after parsing and *before* graphql-core's own rules
(`OverlappingFieldsCanBeMerged` is quadratic on a big document), so an abusive document is
refused in a few milliseconds with a GraphQL error whose `extensions.exception.code` says why.

Each operation of the document is measured in a single pass; a fragment is measured once
however often it is spread, so a "fragment bomb" costs no more to check than to read.

- **depth**: how deeply fields nest (introspection fields excluded: they are bounded below);
- **aliases** in the whole document, and **root fields** per operation;
- **cost**, Saleor's model: a field returning an object or a list costs 1 (scalars, and the
  `edges`/`node`/`pageInfo` wrappers of a connection, cost nothing), and a field's `first`/
  `last` multiplies the cost of everything selected under it, so nested connections multiply
  (`products(first: 100) { edges { node { category { id } } } }` costs 100 × (1 + 1) = 200).
  `first`/`last` may be literals, variables or variable defaults; a connection asked without
  either counts as a full page (`MAX_PAGE`);
- **duplicates**: one response name selected more than a few times in one selection set
  (`name name name …` or `category { id } category { id } …` hundreds of times) is never a
  real storefront's query, and graphql-core compares such fields pairwise;
- **introspection**: when enabled, a path may expand a type's members (`fields`,
  `inputFields`, `interfaces`, `possibleTypes`, `enumValues`) once, as the standard
  introspection query does; `fields { type { fields { type { fields … } } } }` multiplies
  the whole schema by itself. When disabled (production), `__schema`/`__type` are refused
  while `__typename` stays allowed.

The limits are settings (`GRAPHQL_MAX_*`, see README); the storefront's heaviest legitimate
queries are pinned under them by tests/test_query_limits.py.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, ClassVar

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from graphql import (
    GraphQLError,
    GraphQLInterfaceType,
    GraphQLNamedType,
    GraphQLObjectType,
    GraphQLSchema,
    get_named_type,
    is_composite_type,
    value_from_ast_untyped,
)
from graphql.language import (
    BREAK,
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    InlineFragmentNode,
    IntValueNode,
    OperationDefinitionNode,
    SelectionSetNode,
    ValueNode,
    VariableNode,
)
from graphql.validation import ValidationRule

from core.errors import Message
from storefront_api.core.connection import MAX_PAGE

QUERY_TOO_DEEP = "QUERY_TOO_DEEP"
TOO_MANY_ALIASES = "TOO_MANY_ALIASES"
TOO_MANY_ROOT_FIELDS = "TOO_MANY_ROOT_FIELDS"
QUERY_TOO_COMPLEX = "QUERY_TOO_COMPLEX"
INTROSPECTION_DISABLED = "INTROSPECTION_DISABLED"

PAGINATION_ARGS = ("first", "last")
INTROSPECTION_ROOTS = frozenset({"__schema", "__type"})
# Fields of __Type that list a type's members; expanding them twice on one path squares
# the schema.
TYPE_MEMBER_LISTS = frozenset(
    {"fields", "inputFields", "interfaces", "possibleTypes", "enumValues"}
)
MAX_TYPE_MEMBER_LISTS_PER_PATH = 1


@dataclass(frozen=True)
class QueryLimits:
    max_depth: int
    max_aliases: int
    max_root_fields: int
    max_cost: int
    max_duplicate_fields: int

    @classmethod
    def from_settings(cls) -> QueryLimits:
        return cls(
            max_depth=settings.GRAPHQL_MAX_DEPTH,
            max_aliases=settings.GRAPHQL_MAX_ALIASES,
            max_root_fields=settings.GRAPHQL_MAX_ROOT_FIELDS,
            max_cost=settings.GRAPHQL_MAX_COST,
            max_duplicate_fields=settings.GRAPHQL_MAX_DUPLICATE_FIELDS,
        )


@dataclass
class Measure:
    """What one selection set (or a whole operation) asks for."""

    depth: int = 0
    aliases: int = 0
    cost: int = 0
    # Most selections of one response name within one selection set, anywhere below.
    duplicates: int = 0
    # Most introspection type-member lists along one path.
    member_lists: int = 0
    # Response names selected at this level (through inline fragments and spreads).
    names: Counter[str] = field(default_factory=Counter)
    # The first `__schema`/`__type` field met, if any (for refusing introspection).
    introspection: FieldNode | None = None

    @property
    def root_fields(self) -> int:
        return sum(self.names.values())

    def add_level(self, other: Measure) -> None:
        """Merge a fragment selected at this same level."""
        self.depth = max(self.depth, other.depth)
        self.aliases += other.aliases
        self.cost += other.cost
        self.duplicates = max(self.duplicates, other.duplicates)
        self.member_lists = max(self.member_lists, other.member_lists)
        self.names.update(other.names)
        self.introspection = self.introspection or other.introspection


def limit_error(message: Message, code: str, nodes: Any = None, **extensions: Any) -> GraphQLError:
    return GraphQLError(str(message), nodes, extensions={"exception": {"code": code}, **extensions})


class _Measurer:
    """Measures the operations of one document; fragments are measured once each."""

    def __init__(
        self,
        schema: GraphQLSchema,
        document: DocumentNode,
        operation: OperationDefinitionNode,
        variables: Mapping[str, Any],
    ) -> None:
        self.schema = schema
        self.fragments = {
            d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)
        }
        self.variables = dict(variables)
        # A variable the request leaves out takes the operation's default.
        for definition in operation.variable_definitions or ():
            name = definition.variable.name.value
            if name not in self.variables and definition.default_value is not None:
                self.variables[name] = value_from_ast_untyped(definition.default_value)
        self.memo: dict[str, Measure] = {}
        self.visiting: set[str] = set()
        self.wrapper_fields: dict[str, frozenset[str]] = {}

    def operation(self, operation: OperationDefinitionNode) -> Measure:
        root = self.schema.get_root_type(operation.operation)
        return self.selection_set(operation.selection_set, root)

    def selection_set(self, node: SelectionSetNode, parent: GraphQLNamedType | None) -> Measure:
        measure = Measure()
        spread: set[str] = set()
        for selection in node.selections:
            if isinstance(selection, FieldNode):
                self.field(selection, parent, measure)
            elif isinstance(selection, InlineFragmentNode):
                condition = selection.type_condition
                inner = self.schema.get_type(condition.name.value) if condition else parent
                measure.add_level(self.selection_set(selection.selection_set, inner))
            elif isinstance(selection, FragmentSpreadNode):
                name = selection.name.value
                # Execution merges repeated spreads of one fragment, and so does the count.
                if name not in spread:
                    spread.add(name)
                    measure.add_level(self.fragment(name))
        measure.duplicates = max(measure.duplicates, max(measure.names.values(), default=0))
        return measure

    def fragment(self, name: str) -> Measure:
        if name in self.memo:
            return self.memo[name]
        definition = self.fragments.get(name)
        if definition is None or name in self.visiting:
            return Measure()  # unknown or cyclic: graphql-core's own rules report it
        self.visiting.add(name)
        parent = self.schema.get_type(definition.type_condition.name.value)
        measure = self.selection_set(definition.selection_set, parent)
        self.visiting.discard(name)
        self.memo[name] = measure
        return measure

    def field(self, node: FieldNode, parent: GraphQLNamedType | None, into: Measure) -> None:
        name = node.name.value
        into.names[node.alias.value if node.alias else name] += 1
        if node.alias:
            into.aliases += 1
        definition = (
            parent.fields.get(name)
            if isinstance(parent, GraphQLObjectType | GraphQLInterfaceType)
            else None
        )
        named = get_named_type(definition.type) if definition else None
        if name in INTROSPECTION_ROOTS:
            named = self.schema.get_type("__Schema" if name == "__schema" else "__Type")
        child = self.selection_set(node.selection_set, named) if node.selection_set else Measure()
        into.aliases += child.aliases
        into.duplicates = max(into.duplicates, child.duplicates)
        is_member_list = (
            parent is not None and parent.name == "__Type" and name in TYPE_MEMBER_LISTS
        )
        into.member_lists = max(into.member_lists, child.member_lists + int(is_member_list))
        if name in INTROSPECTION_ROOTS:
            into.introspection = into.introspection or node
        into.introspection = into.introspection or child.introspection
        if name.startswith("__") or (parent is not None and parent.name.startswith("__")):
            return  # introspection: no depth and no cost, bounded by member_lists instead
        into.depth = max(into.depth, 1 + child.depth)
        if definition is None:
            return  # an unknown field: graphql-core's own rules report it
        base = int(is_composite_type(named) and name not in self._wrappers(parent))
        into.cost += self._multiplier(node, definition.args) * (base + child.cost)

    def _wrappers(self, parent: GraphQLNamedType | None) -> frozenset[str]:
        """A connection's `edges`/`pageInfo` and an edge's `node`: free, the page is paid for
        by the connection field's `first`/`last`."""
        if not isinstance(parent, GraphQLObjectType):
            return frozenset()
        known = self.wrapper_fields.get(parent.name)
        if known is None:
            fields = parent.fields
            known = frozenset()
            if "edges" in fields and "pageInfo" in fields:
                known = frozenset({"edges", "pageInfo"})
            elif "node" in fields and "cursor" in fields:
                known = frozenset({"node"})
            self.wrapper_fields[parent.name] = known
        return known

    def _multiplier(self, node: FieldNode, args: Mapping[str, Any]) -> int:
        if not any(name in args for name in PAGINATION_ARGS):
            return 1
        given = {argument.name.value: argument.value for argument in node.arguments or ()}
        sizes: list[int] = []
        for name in PAGINATION_ARGS:
            if name in given:
                size = self._int(given[name])
            elif name in args and isinstance(args[name].default_value, int):
                size = args[name].default_value
            else:
                continue
            if size is not None:
                sizes.append(size)
        return max(max(sizes), 1) if sizes else MAX_PAGE

    def _int(self, value: ValueNode) -> int | None:
        if isinstance(value, IntValueNode):
            return int(value.value)
        if isinstance(value, VariableNode):
            raw = self.variables.get(value.name.value)
            if isinstance(raw, int) and not isinstance(raw, bool):
                return raw
        return None  # null, absent or not an integer: as if not given


def measure_operation(
    schema: GraphQLSchema,
    document: DocumentNode,
    operation: OperationDefinitionNode,
    variables: Mapping[str, Any] | None = None,
) -> Measure:
    return _Measurer(schema, document, operation, variables or {}).operation(operation)


def check_limits(measure: Measure, limits: QueryLimits, node: Any) -> list[GraphQLError]:
    errors = []
    if measure.depth > limits.max_depth:
        errors.append(
            limit_error(
                _("The query is nested too deeply (depth %(depth)s, at most %(max_depth)s).")
                % {"depth": measure.depth, "max_depth": limits.max_depth},
                QUERY_TOO_DEEP,
                node,
            )
        )
    if measure.aliases > limits.max_aliases:
        errors.append(
            limit_error(
                _("Too many aliases (%(aliases)s, at most %(max_aliases)s).")
                % {"aliases": measure.aliases, "max_aliases": limits.max_aliases},
                TOO_MANY_ALIASES,
                node,
            )
        )
    if measure.root_fields > limits.max_root_fields:
        errors.append(
            limit_error(
                _("Too many root fields (%(root_fields)s, at most %(max_root_fields)s).")
                % {"root_fields": measure.root_fields, "max_root_fields": limits.max_root_fields},
                TOO_MANY_ROOT_FIELDS,
                node,
            )
        )
    if measure.cost > limits.max_cost:
        errors.append(
            limit_error(
                _("The query exceeds the maximum cost of %(max_cost)s. Actual cost is %(cost)s.")
                % {"cost": measure.cost, "max_cost": limits.max_cost},
                QUERY_TOO_COMPLEX,
                node,
                cost={"requestedQueryCost": measure.cost, "maximumAvailable": limits.max_cost},
            )
        )
    if measure.duplicates > limits.max_duplicate_fields:
        errors.append(
            limit_error(
                _(
                    "A field is selected %(duplicates)s times in one selection set (at most "
                    "%(max_duplicate_fields)s)."
                )
                % {
                    "duplicates": measure.duplicates,
                    "max_duplicate_fields": limits.max_duplicate_fields,
                },
                QUERY_TOO_COMPLEX,
                node,
            )
        )
    if measure.member_lists > MAX_TYPE_MEMBER_LISTS_PER_PATH:
        errors.append(
            limit_error(
                _(
                    "The introspection query expands type members (fields, interfaces…) within "
                    "type members."
                ),
                QUERY_TOO_COMPLEX,
                node,
            )
        )
    return errors


def limit_errors(
    schema: GraphQLSchema,
    document: DocumentNode,
    variables: Mapping[str, Any] | None,
    limits: QueryLimits | None = None,
    *,
    introspection: bool | None = None,
) -> list[GraphQLError]:
    """Why `document` is refused (an empty list when it is not), without running it.

    `limits` and `introspection` default to the settings. This is one pass over the
    document, far cheaper than graphql-core's validation, which is why the view calls it
    first (the rules below wrap it for use among graphene's `validation_rules`).
    """
    limits = limits or QueryLimits.from_settings()
    if introspection is None:
        introspection = settings.GRAPHQL_INTROSPECTION
    given = variables if isinstance(variables, Mapping) else {}
    errors: list[GraphQLError] = []
    for definition in document.definitions:
        if not isinstance(definition, OperationDefinitionNode):
            continue
        try:
            measure = measure_operation(schema, document, definition, given)
        except RecursionError:
            # Fragments spread within fragments deeper than Python recurses.
            errors.append(
                limit_error(
                    _("The query is nested too deeply."),
                    QUERY_TOO_DEEP,
                    definition,
                )
            )
            continue
        errors.extend(check_limits(measure, limits, definition))
        if not introspection and measure.introspection is not None:
            errors.append(introspection_error(measure.introspection))
    return errors


def introspection_error(node: FieldNode) -> GraphQLError:
    return limit_error(
        _("GraphQL introspection is disabled."),
        INTROSPECTION_DISABLED,
        node,
    )


class QueryLimitsRule(ValidationRule):
    """`limit_errors` as a validation rule (introspection aside, see NoIntrospectionRule);
    built by `query_limit_rules` with the request's variables, which `first`/`last` may
    come from."""

    limits: ClassVar[QueryLimits]
    variables: ClassVar[Mapping[str, Any]]

    def enter_document(self, node: DocumentNode, *_args: Any) -> Any:
        schema = self.context.schema
        for error in limit_errors(schema, node, self.variables, self.limits, introspection=True):
            self.report_error(error)
        return BREAK  # everything is measured; nothing left to visit


class NoIntrospectionRule(ValidationRule):
    """`__schema` and `__type` are refused; `__typename` stays (clients need it for unions)."""

    def enter_field(self, node: FieldNode, *_args: Any) -> None:
        if node.name.value in INTROSPECTION_ROOTS:
            self.report_error(introspection_error(node))


def query_limit_rules(
    variables: Mapping[str, Any] | None, limits: QueryLimits | None = None
) -> list[type[ValidationRule]]:
    """The limits as graphql-core rules for one request: its variables, the settings."""
    bound = type(
        "BoundQueryLimitsRule",
        (QueryLimitsRule,),
        {
            "limits": limits or QueryLimits.from_settings(),
            "variables": variables if isinstance(variables, Mapping) else {},
        },
    )
    rules: list[type[ValidationRule]] = [bound]
    if not settings.GRAPHQL_INTROSPECTION:
        rules.append(NoIntrospectionRule)
    return rules
