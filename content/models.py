"""Menus and pages: the shop's navigation, the OCOP programme's pages and producers' stories.

Saleor's content model: a `Menu` (found by slug: the storefronts ask for `navbar` and
`footer`) holds a tree of `MenuItem`s, each linking to a category, a collection, a page or
an external URL; a `Page` of a `PageType` holds EditorJS content. Vietnamese is the stored
text; `MenuItemTranslation` and `PageTranslation` give other languages (English for
tourists and export buyers). Officers of the programme manage them (Django admin).
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.db.models import Q
from django.utils import timezone

from accounts.roles import officer_profile
from accounts.visibility import is_staff

# The languages a translation row may be in (Saleor's LanguageCodeEnum values, lower case).
LANGUAGE_CODE_MAX_LENGTH = 35


class Menu(models.Model):
    name = models.CharField(max_length=250)
    slug = models.SlugField(max_length=255, unique=True)

    class Meta:
        ordering = ("pk",)

    def __str__(self) -> str:
        return self.name


class PageType(models.Model):
    name = models.CharField(max_length=250)
    slug = models.SlugField(max_length=255, unique=True)

    class Meta:
        ordering = ("slug",)

    def __str__(self) -> str:
        return self.name


class PageQuerySet(models.QuerySet["Page"]):
    def published(self) -> PageQuerySet:
        """What everyone sees: published, and its publication time (if any) has come."""
        return self.filter(is_published=True).exclude(published_at__gt=timezone.now())

    def visible_to(self, user: Any) -> PageQuerySet:
        """Officers and staff (who manage pages) also see drafts; everyone else the
        published ones (Saleor: MANAGE_PAGES sees unpublished pages)."""
        if is_staff(user) or officer_profile(user) is not None:
            return self.all()
        return self.published()


class Page(models.Model):
    page_type = models.ForeignKey(PageType, on_delete=models.PROTECT, related_name="pages")
    slug = models.SlugField(max_length=255, unique=True)
    title = models.CharField(max_length=250)
    # EditorJS JSON ({"time", "blocks": [...], "version"}), as Saleor stores it.
    content = models.JSONField(blank=True, null=True)
    seo_title = models.CharField(max_length=70, blank=True)
    seo_description = models.CharField(max_length=300, blank=True)
    is_published = models.BooleanField(default=False)
    published_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    objects = PageQuerySet.as_manager()

    class Meta:
        ordering = ("slug",)

    def __str__(self) -> str:
        return self.title


class PageTranslation(models.Model):
    page = models.ForeignKey(Page, on_delete=models.CASCADE, related_name="translations")
    language_code = models.CharField(max_length=LANGUAGE_CODE_MAX_LENGTH)
    title = models.CharField(max_length=250, blank=True)
    # A slug in this language (`page(slug:, slugLanguageCode:)`); unique per language.
    slug = models.SlugField(max_length=255, null=True, blank=True)
    content = models.JSONField(blank=True, null=True)
    seo_title = models.CharField(max_length=70, blank=True)
    seo_description = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ("language_code", "pk")
        constraints = [
            models.UniqueConstraint(
                fields=("page", "language_code"), name="page_translation_one_per_language"
            ),
            models.UniqueConstraint(
                fields=("language_code", "slug"), name="page_translation_slug_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.page_id} {self.language_code}"


class MenuItem(models.Model):
    """An entry of a menu's tree; it links to one thing at most (none: a heading)."""

    menu = models.ForeignKey(Menu, on_delete=models.CASCADE, related_name="items")
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="children"
    )
    name = models.CharField(max_length=128)
    sort_order = models.IntegerField(default=0)
    level = models.PositiveSmallIntegerField(default=0, editable=False)
    category = models.ForeignKey(
        "catalog.Category", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    collection = models.ForeignKey(
        "catalog.Collection", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    page = models.ForeignKey(
        Page, null=True, blank=True, on_delete=models.CASCADE, related_name="menu_items"
    )
    url = models.URLField(max_length=256, blank=True)

    # The item's children once `content.menus.menu_tree` has built the tree (not a column).
    built_children: list[MenuItem] | None = None

    class Meta:
        ordering = ("sort_order", "pk")
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(category__isnull=True, collection__isnull=True, page__isnull=True)
                    | Q(category__isnull=False, collection__isnull=True, page__isnull=True, url="")
                    | Q(category__isnull=True, collection__isnull=False, page__isnull=True, url="")
                    | Q(category__isnull=True, collection__isnull=True, page__isnull=False, url="")
                ),
                name="menu_item_links_one_thing",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.level = self.parent.level + 1 if self.parent_id and self.parent else 0
        super().save(*args, **kwargs)


class MenuItemTranslation(models.Model):
    menu_item = models.ForeignKey(MenuItem, on_delete=models.CASCADE, related_name="translations")
    language_code = models.CharField(max_length=LANGUAGE_CODE_MAX_LENGTH)
    name = models.CharField(max_length=128)

    class Meta:
        ordering = ("language_code", "pk")
        constraints = [
            models.UniqueConstraint(
                fields=("menu_item", "language_code"), name="menu_item_translation_one_per_language"
            )
        ]

    def __str__(self) -> str:
        return f"{self.menu_item_id} {self.language_code}"
