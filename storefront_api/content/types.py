"""Saleor's menu and page types: Menu, MenuItem, Page, PageType and their translations.

A menu is read as one tree (`content.menus.menu_tree`, a fixed number of queries): its items
carry their children, so `items { children { children } }` costs nothing more. Menus and
their items are shown in the channel the query asked for (a linked collection's products
are priced in it), so they travel in a `ChannelContext`.
"""

from __future__ import annotations

from typing import Any

import graphene
from graphene import relay
from graphene_django import DjangoObjectType

from content import models
from content.menus import menu_tree, translation_in
from storefront_api.catalog.attribute_fields import (
    assigned_attributes_field,
    selected_attributes_field,
)
from storefront_api.catalog.translations import LanguageDisplay, TranslationFields
from storefront_api.catalog.types import Category, Collection, LanguageCodeEnum
from storefront_api.core.connection import CountableConnection
from storefront_api.core.context import ChannelContext, ChannelContextType
from storefront_api.core.mutation import enum_value
from storefront_api.sellers.permissions import viewer


class MenuItemTranslation(DjangoObjectType):
    language = graphene.Field(LanguageDisplay, required=True)
    resolve_language = staticmethod(TranslationFields.resolve_language)

    class Meta:
        model = models.MenuItemTranslation
        interfaces = (relay.Node,)
        fields = ("id", "name")


class PageTranslation(DjangoObjectType):
    content = graphene.JSONString(description="Rich text (EditorJS JSON).")
    content_json = graphene.JSONString(deprecation_reason="Use the `content` field instead.")
    seo_title = graphene.String()
    seo_description = graphene.String()
    title = graphene.String()
    language = graphene.Field(LanguageDisplay, required=True)
    resolve_language = staticmethod(TranslationFields.resolve_language)

    class Meta:
        model = models.PageTranslation
        interfaces = (relay.Node,)
        fields = ("id", "slug", "title", "content", "seo_title", "seo_description")

    @staticmethod
    def resolve_content_json(root: models.PageTranslation, info: graphene.ResolveInfo) -> Any:
        return root.content


class PageType(DjangoObjectType):
    has_pages = graphene.Boolean()

    class Meta:
        model = models.PageType
        interfaces = (relay.Node,)
        fields = ("id", "name", "slug")

    @staticmethod
    def resolve_has_pages(root: models.PageType, info: graphene.ResolveInfo) -> bool:
        # Reached from a page, the type has one; listed on its own, it is asked.
        if getattr(root, "seen_with_page", False):
            return True
        return root.pages.exists()


class Page(DjangoObjectType):
    title = graphene.String(required=True)
    content = graphene.JSONString(description="Rich text (EditorJS JSON).")
    content_json = graphene.JSONString(
        required=True, deprecation_reason="Use the `content` field instead."
    )
    seo_title = graphene.String()
    seo_description = graphene.String()
    is_published = graphene.Boolean(required=True)
    published_at = graphene.DateTime()
    created = graphene.DateTime(required=True)
    page_type = graphene.Field(PageType, required=True)
    translation = graphene.Field(
        PageTranslation, language_code=graphene.Argument(LanguageCodeEnum, required=True)
    )
    # Pages carry no attributes here (their content is the EditorJS body): Saleor's fields
    # answer empty lists, so a storefront's page query validates and renders.
    assigned_attributes = assigned_attributes_field()
    attributes = selected_attributes_field()

    class Meta:
        model = models.Page
        interfaces = (relay.Node,)
        fields = ("id", "slug", "title", "content", "seo_title", "seo_description")

    @classmethod
    def get_queryset(cls, queryset: Any, info: graphene.ResolveInfo) -> Any:
        """`node(id:)` shows what `page` shows: drafts to officers and staff only."""
        return queryset.visible_to(viewer(info))

    @staticmethod
    def resolve_assigned_attributes(
        root: models.Page, info: graphene.ResolveInfo, **_: Any
    ) -> list[Any]:
        return []

    @staticmethod
    def resolve_attributes(root: models.Page, info: graphene.ResolveInfo) -> list[Any]:
        return []

    @staticmethod
    def resolve_content_json(root: models.Page, info: graphene.ResolveInfo) -> Any:
        return root.content if root.content is not None else {}

    @staticmethod
    def resolve_page_type(root: models.Page, info: graphene.ResolveInfo) -> models.PageType:
        page_type = root.page_type
        page_type.seen_with_page = True  # type: ignore[attr-defined]
        return page_type

    @staticmethod
    def resolve_created(root: models.Page, info: graphene.ResolveInfo) -> Any:
        return root.created_at

    @staticmethod
    def resolve_translation(
        root: models.Page, info: graphene.ResolveInfo, language_code: Any
    ) -> models.PageTranslation | None:
        # `translations` is prefetched by every resolver that returns pages.
        return translation_in(root.translations.all(), enum_value(language_code))


class MenuItem(ChannelContextType):
    menu = graphene.Field(lambda: Menu, required=True)
    parent = graphene.Field(lambda: MenuItem)
    category = graphene.Field(Category)
    collection = graphene.Field(Collection)
    page = graphene.Field(Page)
    level = graphene.Int(required=True)
    children = graphene.List(graphene.NonNull(lambda: MenuItem))
    url = graphene.String()
    translation = graphene.Field(
        MenuItemTranslation, language_code=graphene.Argument(LanguageCodeEnum, required=True)
    )

    class Meta:
        model = models.MenuItem
        interfaces = (relay.Node,)
        fields = ("id", "name")

    @staticmethod
    def resolve_menu(root: ChannelContext[models.MenuItem], info: graphene.ResolveInfo) -> Any:
        return root.of(root.node.menu)

    @staticmethod
    def resolve_parent(root: ChannelContext[models.MenuItem], info: graphene.ResolveInfo) -> Any:
        parent = root.node.parent
        return root.of(parent) if parent is not None else None

    @staticmethod
    def resolve_collection(
        root: ChannelContext[models.MenuItem], info: graphene.ResolveInfo
    ) -> Any:
        collection = root.node.collection
        return root.of(collection) if collection is not None else None

    @staticmethod
    def resolve_children(root: ChannelContext[models.MenuItem], info: graphene.ResolveInfo) -> Any:
        item = root.node
        children = item.built_children
        if children is None:  # reached on its own (`node(id:)`), not through its menu's tree
            children = _find(menu_tree(item.menu, viewer(info)), item.pk)
        return [root.of(child) for child in children]

    @staticmethod
    def resolve_url(root: ChannelContext[models.MenuItem], info: graphene.ResolveInfo) -> Any:
        return root.node.url or None

    @staticmethod
    def resolve_translation(
        root: ChannelContext[models.MenuItem], info: graphene.ResolveInfo, language_code: Any
    ) -> models.MenuItemTranslation | None:
        return translation_in(root.node.translations.all(), enum_value(language_code))


def _find(items: list[models.MenuItem], pk: int) -> list[models.MenuItem]:
    """The children of item `pk` in a built tree."""
    for item in items:
        if item.pk == pk:
            return item.built_children or []
        found = _find(item.built_children or [], pk)
        if found:
            return found
    return []


class Menu(ChannelContextType):
    items = graphene.List(graphene.NonNull(MenuItem))

    class Meta:
        model = models.Menu
        interfaces = (relay.Node,)
        fields = ("id", "name", "slug")

    @staticmethod
    def resolve_items(root: ChannelContext[models.Menu], info: graphene.ResolveInfo) -> Any:
        return [root.of(item) for item in menu_tree(root.node, viewer(info))]


class MenuCountableConnection(CountableConnection):
    class Meta:
        node = Menu


class PageCountableConnection(CountableConnection):
    class Meta:
        node = Page


class PageTypeCountableConnection(CountableConnection):
    class Meta:
        node = PageType
