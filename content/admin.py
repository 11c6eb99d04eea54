"""Menus and pages are managed in the Django admin (officers with admin access, staff)."""

from django.contrib import admin

from content.models import Menu, MenuItem, MenuItemTranslation, Page, PageTranslation, PageType


class MenuItemInline(admin.TabularInline):
    model = MenuItem
    fields = ("name", "parent", "sort_order", "category", "collection", "page", "url")
    raw_id_fields = ("parent", "category", "collection", "page")
    extra = 0


@admin.register(Menu)
class MenuAdmin(admin.ModelAdmin):
    list_display = ("name", "slug")
    prepopulated_fields = {"slug": ("name",)}
    inlines = (MenuItemInline,)


class MenuItemTranslationInline(admin.TabularInline):
    model = MenuItemTranslation
    extra = 0


@admin.register(MenuItem)
class MenuItemAdmin(admin.ModelAdmin):
    list_display = ("name", "menu", "parent", "level", "sort_order")
    list_select_related = ("menu", "parent")
    list_filter = ("menu",)
    raw_id_fields = ("parent", "category", "collection", "page")
    inlines = (MenuItemTranslationInline,)


@admin.register(PageType)
class PageTypeAdmin(admin.ModelAdmin):
    list_display = ("name", "slug")
    prepopulated_fields = {"slug": ("name",)}


class PageTranslationInline(admin.StackedInline):
    model = PageTranslation
    extra = 0


@admin.register(Page)
class PageAdmin(admin.ModelAdmin):
    list_display = ("title", "slug", "page_type", "is_published", "published_at")
    list_select_related = ("page_type",)
    list_filter = ("page_type", "is_published")
    search_fields = ("title", "slug")
    prepopulated_fields = {"slug": ("title",)}
    inlines = (PageTranslationInline,)
