"""Saleor's content queries: `menu`, `menus`, `page`, `pages`, `pageType`, `pageTypes`."""

from __future__ import annotations

from typing import Any

import graphene
from django.db.models import Prefetch, Q, QuerySet
from graphene import relay

from content import models
from content.menus import page_by_slug
from storefront_api.catalog.filters import GlobalIDFilterInput, StringFilterInput
from storefront_api.catalog.lookups import global_pk
from storefront_api.catalog.types import LanguageCodeEnum
from storefront_api.content.types import (
    Menu,
    MenuCountableConnection,
    Page,
    PageCountableConnection,
    PageType,
    PageTypeCountableConnection,
)
from storefront_api.core.channel import resolve_channel
from storefront_api.core.connection import paginate
from storefront_api.core.context import ChannelContext
from storefront_api.core.mutation import enum_value
from storefront_api.sellers.permissions import viewer


class MenuFilterInput(graphene.InputObjectType):
    search = graphene.String()
    slug = graphene.List(graphene.NonNull(graphene.String))
    slugs = graphene.List(graphene.NonNull(graphene.String))


class PageFilterInput(graphene.InputObjectType):
    search = graphene.String()
    page_types = graphene.List(graphene.NonNull(graphene.ID))
    ids = graphene.List(graphene.NonNull(graphene.ID))
    slugs = graphene.List(graphene.NonNull(graphene.String))


class PageWhereInput(graphene.InputObjectType):
    ids = graphene.List(graphene.NonNull(graphene.ID))
    slug = graphene.Field(StringFilterInput, description="Filter by page slug.")
    page_type = graphene.Field(GlobalIDFilterInput, description="Filter by page type.")
    AND = graphene.List(graphene.NonNull(lambda: PageWhereInput))
    OR = graphene.List(graphene.NonNull(lambda: PageWhereInput))


def _pages(info: graphene.ResolveInfo) -> QuerySet[models.Page]:
    """The pages the viewer may see, with what `Page`'s fields read (no query per page)."""
    return (
        models.Page.objects.visible_to(viewer(info))
        .select_related("page_type")
        .prefetch_related(Prefetch("translations", queryset=models.PageTranslation.objects.all()))
    )


def _where(where: dict[str, Any]) -> Q:
    q = Q()
    if where.get("ids") is not None:
        q &= Q(pk__in=[global_pk(value, "Page") for value in where["ids"]])
    slug = where.get("slug")
    if slug:
        if slug.get("eq") is not None:
            q &= Q(slug=slug["eq"])
        if slug.get("one_of") is not None:
            q &= Q(slug__in=slug["one_of"])
    page_type = where.get("page_type")
    if page_type:
        if page_type.get("eq") is not None:
            q &= Q(page_type_id=global_pk(page_type["eq"], "PageType"))
        if page_type.get("one_of") is not None:
            q &= Q(page_type_id__in=[global_pk(v, "PageType") for v in page_type["one_of"]])
    for part in where.get("AND") or []:
        q &= _where(part)
    if where.get("OR"):
        either = Q()
        for part in where["OR"]:
            either |= _where(part)
        q &= either
    return q


def _filter(flt: dict[str, Any]) -> Q:
    q = Q()
    if flt.get("search"):
        q &= Q(title__icontains=flt["search"]) | Q(slug__icontains=flt["search"])
    if flt.get("ids") is not None:
        q &= Q(pk__in=[global_pk(value, "Page") for value in flt["ids"]])
    if flt.get("slugs") is not None:
        q &= Q(slug__in=flt["slugs"])
    if flt.get("page_types") is not None:
        q &= Q(page_type_id__in=[global_pk(v, "PageType") for v in flt["page_types"]])
    return q


class ContentQueries(graphene.ObjectType):
    menu = graphene.Field(
        Menu,
        channel=graphene.String(),
        id=graphene.ID(),
        name=graphene.String(),
        slug=graphene.String(),
        description="Look up a navigation menu by ID, name or slug.",
    )
    menus = relay.ConnectionField(
        MenuCountableConnection,
        channel=graphene.String(),
        filter=MenuFilterInput(),
        description="List of the storefront's menus.",
    )
    page = graphene.Field(
        Page,
        id=graphene.ID(),
        slug=graphene.String(),
        slug_language_code=graphene.Argument(LanguageCodeEnum),
        channel=graphene.String(),
        description="Look up a page by ID or slug.",
    )
    pages = relay.ConnectionField(
        PageCountableConnection,
        filter=PageFilterInput(),
        search=graphene.String(),
        where=PageWhereInput(),
        channel=graphene.String(),
        description="List of the shop's pages.",
    )
    page_type = graphene.Field(PageType, id=graphene.ID(required=True))
    page_types = relay.ConnectionField(PageTypeCountableConnection)

    @staticmethod
    def resolve_menu(
        root: Any,
        info: graphene.ResolveInfo,
        channel: str | None = None,
        id: str | None = None,
        name: str | None = None,
        slug: str | None = None,
    ) -> Any:
        shown_in = resolve_channel(channel)
        menus = models.Menu.objects.all()
        if id:
            found = menus.filter(pk=global_pk(id, "Menu")).first()
        elif slug:
            found = menus.filter(slug=slug).first()
        elif name:
            found = menus.filter(name=name).first()
        else:
            found = None
        return ChannelContext(found, shown_in) if found is not None else None

    @staticmethod
    def resolve_menus(
        root: Any,
        info: graphene.ResolveInfo,
        channel: str | None = None,
        filter: dict[str, Any] | None = None,
        **args: Any,
    ) -> Any:
        shown_in = resolve_channel(channel)
        menus = models.Menu.objects.order_by("pk")
        flt = filter or {}
        if flt.get("search"):
            menus = menus.filter(
                Q(name__icontains=flt["search"]) | Q(slug__icontains=flt["search"])
            )
        slugs = [*(flt.get("slug") or []), *(flt.get("slugs") or [])]
        if slugs:
            menus = menus.filter(slug__in=slugs)

        def tag(items: list[models.Menu]) -> list[ChannelContext[models.Menu]]:
            return [ChannelContext(item, shown_in) for item in items]

        return paginate(menus, MenuCountableConnection, args, name="menus", prepare=tag)

    @staticmethod
    def resolve_page(
        root: Any,
        info: graphene.ResolveInfo,
        id: str | None = None,
        slug: str | None = None,
        slug_language_code: Any = None,
        channel: str | None = None,
    ) -> models.Page | None:
        if id:
            return _pages(info).filter(pk=global_pk(id, "Page")).first()
        if slug:
            found = page_by_slug(slug, viewer(info), enum_value(slug_language_code))
            return _pages(info).filter(pk=found.pk).first() if found else None
        return None

    @staticmethod
    def resolve_pages(
        root: Any,
        info: graphene.ResolveInfo,
        filter: dict[str, Any] | None = None,
        search: str | None = None,
        where: dict[str, Any] | None = None,
        channel: str | None = None,
        **args: Any,
    ) -> Any:
        flt = dict(filter or {})
        if search:
            flt["search"] = search
        pages = _pages(info).filter(_filter(flt))
        if where:
            pages = pages.filter(_where(where))
        return paginate(pages.order_by("slug", "pk"), PageCountableConnection, args, name="pages")

    @staticmethod
    def resolve_page_type(root: Any, info: graphene.ResolveInfo, id: str) -> Any:
        return models.PageType.objects.filter(pk=global_pk(id, "PageType")).first()

    @staticmethod
    def resolve_page_types(root: Any, info: graphene.ResolveInfo, **args: Any) -> Any:
        return paginate(
            models.PageType.objects.order_by("slug"),
            PageTypeCountableConnection,
            args,
            name="pageTypes",
        )
