"""Reading menus and pages for a reader: one menu's tree built once, in a fixed number of
queries whatever its size (the API's `menu.items` and the web storefront's header and footer
both read it), and translations picked from rows read along.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import Prefetch

from catalog.models import Collection
from content.models import Menu, MenuItem, MenuItemTranslation, Page, PageTranslation


def menu_tree(menu: Menu, viewer: Any = None) -> list[MenuItem]:
    """The menu's top-level items, each with `built_children` set down the tree, in their
    order. Links to what the viewer may not see (a draft page, an unpublished or out-of-date
    collection) are cut: the item stays, without the link.

    Queries: 5 (items with their category, collection and page; item translations; page
    translations; the visible collections; the visible pages).
    """
    items = list(
        MenuItem.objects.filter(menu=menu)
        .select_related("category", "collection", "page")
        .prefetch_related(
            Prefetch("translations", queryset=MenuItemTranslation.objects.all()),
            Prefetch("page__translations", queryset=PageTranslation.objects.all()),
        )
        .order_by("level", "sort_order", "pk")
    )
    _cut_hidden_links(items, viewer)
    by_parent: dict[int | None, list[MenuItem]] = {}
    by_pk = {item.pk: item for item in items}
    for item in items:
        by_parent.setdefault(item.parent_id, []).append(item)
    for item in items:
        item.built_children = by_parent.get(item.pk, [])
        # Their menu and parent are already here: no query per item for `menu`, `parent`.
        item.menu = menu
        if item.parent_id is not None:
            item.parent = by_pk[item.parent_id]
    return by_parent.get(None, [])


def _cut_hidden_links(items: list[MenuItem], viewer: Any) -> None:
    collection_ids = {i.collection_id for i in items if i.collection_id}
    page_ids = {i.page_id for i in items if i.page_id}
    shown_collections = set(
        Collection.objects.visible_to(viewer)
        .filter(pk__in=collection_ids)
        .values_list("pk", flat=True)
        if collection_ids
        else ()
    )
    shown_pages = set(
        Page.objects.visible_to(viewer).filter(pk__in=page_ids).values_list("pk", flat=True)
        if page_ids
        else ()
    )
    for item in items:
        if item.collection_id and item.collection_id not in shown_collections:
            item.collection = None
        if item.page_id and item.page_id not in shown_pages:
            item.page = None


def translation_in(rows: Iterable[Any], language_code: str | None) -> Any:
    """The row of `language_code` among translation rows already read (no query)."""
    if not language_code:
        return None
    code = language_code.lower().replace("-", "_")
    return next((row for row in rows if row.language_code.lower() == code), None)


def page_by_slug(slug: str, viewer: Any, language_code: str | None = None) -> Page | None:
    """A page by its slug, or by its translated slug in `language_code` (Saleor's
    `slugLanguageCode`), when the viewer may see it."""
    pages = Page.objects.visible_to(viewer).select_related("page_type")
    if language_code:
        code = language_code.lower().replace("-", "_")
        found = pages.filter(translations__language_code=code, translations__slug=slug).first()
        if found is not None:
            return found
    return pages.filter(slug=slug).first()
