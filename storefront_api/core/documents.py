"""Parsing and validating GraphQL documents once.

graphene-django parses every request's document itself, after our limits had to parse it
already to count its cost: two parses of each request. Here the view parses once, within the
size limits, and a storefront sends the same few documents over and over (Saleor caches them
the same way), so a document's parse and its validation against the schema are kept per
document text. The query limits still run on every request: their cost depends on the
variables (`first: $n`).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from django.conf import settings
from graphql import DocumentNode, GraphQLError, GraphQLSchema, parse, validate

# Beyond the token limit (a setting), a document's comments and raw length are bounded too:
# the parser reads them before it can count tokens.
MAX_COMMENTS = 1000
MAX_SOURCE_LENGTH = 200_000

# Only documents up to this size are kept: the cache holds the storefront's own documents,
# and a stream of large one-off documents must not fill the memory (128 × 20 kB at most).
CACHED_DOCUMENTS = 128
MAX_CACHED_LENGTH = 20_000


@dataclass(frozen=True)
class Parsed:
    """A document, or the errors that refused it while parsing."""

    document: DocumentNode | None
    errors: tuple[GraphQLError, ...] = ()


def parse_document(query: str) -> Parsed:
    """The parsed document within the size limits; kept when small enough to cache."""
    if len(query) <= MAX_CACHED_LENGTH:
        return _parse_cached(query, settings.GRAPHQL_MAX_TOKENS)
    return _parse(query, settings.GRAPHQL_MAX_TOKENS)


def validation_errors(schema: GraphQLSchema, query: str, parsed: Parsed) -> list[GraphQLError]:
    """graphql-core's validation of a parsed document, kept per document text."""
    assert parsed.document is not None
    if len(query) <= MAX_CACHED_LENGTH:
        return list(_validate_cached(schema, query, settings.GRAPHQL_MAX_TOKENS))
    return validate(schema, parsed.document)


def _parse(query: str, max_tokens: int) -> Parsed:
    try:
        document = parse(
            query,
            max_lexical_tokens=max_tokens,
            max_comments=MAX_COMMENTS,
            max_source_length=MAX_SOURCE_LENGTH,
        )
    except GraphQLError as error:
        return Parsed(None, (error,))
    return Parsed(document)


# The token limit is part of the key, so a changed setting (a test's override) is honoured.
_parse_cached = lru_cache(maxsize=CACHED_DOCUMENTS)(_parse)


@lru_cache(maxsize=CACHED_DOCUMENTS)
def _validate_cached(
    schema: GraphQLSchema, query: str, max_tokens: int
) -> tuple[GraphQLError, ...]:
    # Keyed by the text, not the document (a document's hash walks its whole tree); the
    # document is the cached parse of that text.
    document = _parse_cached(query, max_tokens).document
    assert document is not None
    return tuple(validate(schema, document))
