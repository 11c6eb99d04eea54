"""Moderation in the admin: reviews are read-only here; hiding and showing go through
`reviews.actions` (which recount the ratings), as admin actions."""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from core.errors import ValidationErrors
from reviews.actions import do_hide, do_unhide
from reviews.models import Review, ReviewPhoto, SellerReply


class ReviewPhotoInline(admin.TabularInline):
    model = ReviewPhoto
    fields = ("image", "content_type", "sort_order")
    readonly_fields = fields
    extra = 0
    can_delete = False


class SellerReplyInline(admin.StackedInline):
    model = SellerReply
    fields = ("text", "author", "created_at")
    readonly_fields = fields
    extra = 0
    can_delete = False


def _each(request: HttpRequest, queryset: QuerySet[Review], act: Any, done: str) -> None:
    count = 0
    for review in queryset:
        try:
            act(review)
        except ValidationErrors as refused:
            messages.error(request, "; ".join(e.message for e in refused.errors))
        else:
            count += 1
    messages.success(request, done % {"count": count})


@admin.register(Review)
class ReviewAdmin(admin.ModelAdmin):
    list_display = ("pk", "product", "seller", "stars", "is_hidden", "created_at")
    list_filter = ("is_hidden", "stars")
    list_select_related = ("product", "seller")
    search_fields = ("text", "product__name", "seller__stall_name", "author__email")
    readonly_fields = (
        "line",
        "product",
        "seller",
        "author",
        "stars",
        "text",
        "created_at",
        "is_hidden",
        "hidden_by",
        "hidden_reason",
        "hidden_at",
    )
    inlines = (ReviewPhotoInline, SellerReplyInline)
    actions = ("hide_selected", "unhide_selected")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    @admin.action(description=_("Hide the selected reviews (abusive)"))
    def hide_selected(self, request: HttpRequest, queryset: QuerySet[Review]) -> None:
        reason = str(_("Hidden by a moderator in the admin."))
        _each(
            request,
            queryset,
            lambda r: do_hide(request.user, r.pk, reason),
            str(_("%(count)s reviews hidden.")),
        )

    @admin.action(description=_("Show the selected reviews again"))
    def unhide_selected(self, request: HttpRequest, queryset: QuerySet[Review]) -> None:
        _each(
            request,
            queryset,
            lambda r: do_unhide(request.user, r.pk),
            str(_("%(count)s reviews shown again.")),
        )
