"""Types a Saleor storefront's generated code relies on, in Saleor 3.23's exact shape
(issue 14): the full LanguageCodeEnum, strict connections, media and thumbnail enums."""

from __future__ import annotations

from graphql import GraphQLEnumType, GraphQLNonNull, GraphQLObjectType

from catalog.languages import enum_name, language_name, languages
from storefront_api.schema import schema

GRAPHQL = schema.graphql_schema


def test_it_offers_every_language_saleor_lists() -> None:
    # given the languages file
    codes = languages()
    # when the schema's LanguageCodeEnum is read
    enum = GRAPHQL.get_type("LanguageCodeEnum")
    assert isinstance(enum, GraphQLEnumType)
    # then it has Saleor's 779 values, named as Saleor names them, valued by language code
    assert len(codes) == 779
    assert len(enum.values) == 779
    assert enum.values["EN_US"].value.value == "en-US"
    assert enum.values["ZH_HANS_CN"].value.value == "zh-Hans-CN"
    assert enum.values["VI"].value.value == "vi"
    assert enum_name("sr-Latn-BA") == "SR_LATN_BA"
    assert (language_name("vi"), language_name("en-US")) == (
        "Vietnamese",
        "English (United States)",
    )


def _field_type(type_name: str, field: str) -> str:
    found = GRAPHQL.get_type(type_name)
    assert isinstance(found, GraphQLObjectType)
    return str(found.fields[field].type)


def test_it_answers_connections_with_non_null_edges_and_nodes() -> None:
    # given the connections a storefront pages through
    for name in ("Product", "Category", "Collection", "Order"):
        # when their edges and nodes are read
        # then they are non-null, as in Saleor
        assert _field_type(f"{name}CountableConnection", "edges") == f"[{name}CountableEdge!]!"
        assert _field_type(f"{name}CountableEdge", "node") == f"{name}!"


def test_it_types_media_and_thumbnails_with_saleors_enums() -> None:
    # given the product media and order line types
    media = GRAPHQL.get_type("ProductMedia")
    line = GRAPHQL.get_type("OrderLine")
    assert isinstance(media, GraphQLObjectType) and isinstance(line, GraphQLObjectType)
    # when their fields are read
    # then the media type and every thumbnail format are enums
    assert isinstance(media.fields["type"].type, GraphQLNonNull)
    assert str(media.fields["type"].type) == "ProductMediaType!"
    assert str(line.fields["thumbnail"].args["format"].type) == "ThumbnailFormatEnum"
    assert str(media.fields["url"].args["format"].type) == "ThumbnailFormatEnum"
    assert str(_field_type("ProductTranslation", "language")) == "LanguageDisplay!"
