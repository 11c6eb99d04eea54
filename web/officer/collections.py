"""Featured collections in the officer console (`/can-bo/bo-suu-tap/`): the province's
collections, a collection's name, text, publication and time window, its products (added
through a search picker, removed, moved up and down) and a preview as the shop shows it.

The rules are `catalog.featured_collections`' (what may be saved, which products may be
picked, the curators' order); every change runs in `catalog.units.do_with_collection`, which
locks the collection and checks, on the locked row, that this officer may curate it.
Province scope as in the queues: another province's collection answers 404 and changes
nothing; superusers see every province's and the national ones.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Count, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.roles import Scope
from catalog.featured_collections import (
    MAX_DESCRIPTION_LENGTH,
    can_curate,
    check_pickable,
    clean_collection,
    do_add_products,
    do_move_product,
    do_remove_product,
    do_save_collection,
    pickable_products,
)
from catalog.models import Collection, CollectionProduct, Product
from catalog.units import do_with_collection
from core.errors import ValidationErrors, fail
from core.input_limits import max_length_of
from core.text import fold
from places.models import Province
from web.areas import officer_area
from web.channel import storefront_channel
from web.officer.queues import page_of
from web.reviews.forms import AccessibleForm, add_domain_errors
from web.views import collection_listing

PICKER_RESULTS = 10
PICKER_MIN_LETTERS = 2
DATETIME_INPUT = "%Y-%m-%dT%H:%M"
PRODUCT_ACTIONS = ("add", "remove", "up", "down")


class CollectionForm(AccessibleForm):
    """Shapes the input only; what may be saved is `clean_collection`'s rule."""

    name = forms.CharField(label=_("Name"), required=False, strip=False)
    description = forms.CharField(
        label=_("Description"), required=False, strip=False, widget=forms.Textarea
    )
    is_published = forms.BooleanField(label=_("Published"), required=False)
    starts_at = forms.DateTimeField(
        label=_("Shown from"),
        help_text=_("Viet Nam time. Empty: from now."),
        required=False,
        input_formats=[DATETIME_INPUT, "%Y-%m-%d %H:%M"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format=DATETIME_INPUT),
    )
    ends_at = forms.DateTimeField(
        label=_("Shown until"),
        help_text=_("Viet Nam time. Empty: no end."),
        required=False,
        input_formats=[DATETIME_INPUT, "%Y-%m-%d %H:%M"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format=DATETIME_INPUT),
    )
    province = forms.CharField(label=_("Province"), required=False)

    def __init__(self, *args: Any, national: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not national:
            del self.fields["province"]  # a provincial officer's are their province's
        for name in ("starts_at", "ends_at"):
            hint = f"{self[name].auto_id}-hint"
            self.fields[name].widget.attrs["aria-describedby"] = hint

    def mark_errors(self) -> None:
        super().mark_errors()
        for name in ("starts_at", "ends_at"):
            if name in self.errors:
                auto_id = self[name].auto_id
                attrs = self.fields[name].widget.attrs
                attrs["aria-describedby"] = f"{auto_id}-hint {auto_id}-error"


def officer_scope(user: Any, province_id: int | None) -> Scope:
    """The scope `officer_area` established, in the shape the catalog's rules take."""
    return Scope(user.pk, frozenset(), is_officer=True, officer_province_id=province_id)


def collections_in_scope(province_id: int | None) -> QuerySet[Collection]:
    featured = Collection.objects.filter(is_featured=True)
    return featured if province_id is None else featured.filter(province_id=province_id)


def _collection(pk: int, province_id: int | None) -> Collection:
    found = collections_in_scope(province_id).select_related("province").filter(pk=pk).first()
    if found is None:
        raise Http404("no such collection in this province")
    return found


def _curated(scope: Scope) -> Any:
    """The check `do_with_collection` runs on the locked row: 404 outside the scope."""

    def authorize(locked: Collection | None) -> Collection:
        if locked is None or not locked.is_featured or not can_curate(scope, locked):
            raise Http404("no such collection in this province")
        return locked

    return authorize


def window_state(collection: Collection, now: Any) -> str:
    """ "shown", "scheduled", "ended" or "unpublished": what the shop does with it now."""
    if not collection.is_published:
        return "unpublished"
    if collection.starts_at and collection.starts_at > now:
        return "scheduled"
    if collection.ends_at and collection.ends_at < now:
        return "ended"
    return "shown"


WINDOW_LABELS = {
    "shown": _("On the shop now"),
    "scheduled": _("Scheduled"),
    "ended": _("Ended"),
    "unpublished": _("Not published"),
}


def _area(province_id: int | None) -> dict[str, Any]:
    province = Province.objects.filter(pk=province_id).first() if province_id else None
    return {"nav_current": "officer_collections", "province": province}


# --- The list --------------------------------------------------------------------------------


@require_GET
@officer_area
def officer_collections(request: HttpRequest, province_id: int | None) -> HttpResponse:
    collections = (
        collections_in_scope(province_id)
        .select_related("province")
        .annotate(product_count=Count("products", distinct=True))
        .order_by("-pk")
    )
    page = page_of(collections, request, "trang")
    now = timezone.now()
    states = [(c, window_state(c, now)) for c in page.object_list]
    rows = [{"collection": c, "state": s, "label": WINDOW_LABELS[s]} for c, s in states]
    context = {**_area(province_id), "page": page, "rows": rows}
    return render(request, "web/officer/collections.html", context)


# --- Create and edit -------------------------------------------------------------------------


def _values(form: CollectionForm, *, national: bool) -> dict[str, Any]:
    data = form.cleaned_data
    values = {
        "name": data["name"],
        "description": data["description"],
        "is_published": data["is_published"],
        "starts_at": data["starts_at"],
        "ends_at": data["ends_at"],
    }
    if national:
        values["province"] = data["province"]
    return values


def _form_context(form: CollectionForm, national: bool) -> dict[str, Any]:
    return {
        "form": form,
        "national": national,
        "provinces": list(Province.objects.order_by("name")) if national else [],
        "name_max": max_length_of(Collection, "name"),
        "description_max": MAX_DESCRIPTION_LENGTH,
    }


@require_http_methods(["GET", "POST"])
@officer_area
def officer_collection_new(request: HttpRequest, province_id: int | None) -> HttpResponse:
    national = province_id is None
    form = CollectionForm(
        request.POST if request.method == "POST" else None,
        national=national,
        initial={"is_published": True},
    )
    if request.method == "POST" and form.is_valid():
        scope = officer_scope(request.user, province_id)
        try:
            cleaned = clean_collection(
                _values(form, national=national), collection=None, scope=scope
            )
        except ValidationErrors as refused:
            add_domain_errors(form, refused)
        else:
            made = do_save_collection(None, cleaned, request.user)
            return redirect(reverse("web:officer_collection", args=[made.pk]) + "?xong=1")
    context = {**_area(province_id), **_form_context(form, national), "collection": None}
    status = 400 if form.errors else 200
    return render(request, "web/officer/collection_form.html", context, status=status)


def _members(collection: Collection) -> list[Product]:
    """The collection's products in the curators' order, with what the page shows of them."""
    rows = (
        CollectionProduct.objects.filter(collection=collection)
        .select_related("product__seller")
        .order_by("sort_order", "pk")
    )
    return [row.product for row in rows]


def _picker(collection: Collection, text: str) -> list[Product]:
    """Listable products of the collection's province whose folded text holds every folded
    word typed ("mat ong" finds "Mật ong"), the ones already in it left out."""
    words = fold(text).split()
    if len(fold(text).replace(" ", "")) < PICKER_MIN_LETTERS:
        return []
    found = pickable_products(collection, storefront_channel()).exclude(collections=collection)
    for word in words[:6]:
        found = found.filter(search_document__contains=word)
    return list(found.select_related("seller").order_by("name", "pk")[:PICKER_RESULTS])


def _edit_page(
    request: HttpRequest,
    collection: Collection,
    province_id: int | None,
    form: CollectionForm,
    *,
    product_errors: list[str] | None = None,
) -> HttpResponse:
    national = province_id is None
    text = request.GET.get("q", "").strip()[:100]
    state = window_state(collection, timezone.now())
    context = {
        **_area(province_id),
        **_form_context(form, national),
        "collection": collection,
        "members": _members(collection),
        "picker_text": text,
        "picked": _picker(collection, text) if text else [],
        "product_errors": product_errors or [],
        "state_label": WINDOW_LABELS[state],
        "done": request.GET.get("xong") == "1",
    }
    status = 400 if form.errors or product_errors else 200
    return render(request, "web/officer/collection_edit.html", context, status=status)


@require_http_methods(["GET", "POST"])
@officer_area
def officer_collection(request: HttpRequest, pk: int, province_id: int | None) -> HttpResponse:
    collection = _collection(pk, province_id)
    national = province_id is None
    if request.method != "POST":
        initial = {
            "name": collection.name,
            "description": collection.description,
            "is_published": collection.is_published,
            "starts_at": collection.starts_at,
            "ends_at": collection.ends_at,
            "province": collection.province.code if collection.province else "",
        }
        return _edit_page(
            request, collection, province_id, CollectionForm(initial=initial, national=national)
        )
    form = CollectionForm(request.POST, national=national)
    if form.is_valid():
        scope = officer_scope(request.user, province_id)

        def save(locked: Collection) -> Collection:
            cleaned = clean_collection(
                _values(form, national=national), collection=locked, scope=scope
            )
            return do_save_collection(locked, cleaned, request.user)

        try:
            do_with_collection(collection.pk, _curated(scope), save)
        except ValidationErrors as refused:
            add_domain_errors(form, refused)
        else:
            return redirect(reverse("web:officer_collection", args=[collection.pk]) + "?xong=1")
    return _edit_page(request, collection, province_id, form)


# --- Its products ----------------------------------------------------------------------------


@require_GET
@officer_area
def officer_collection_picker(
    request: HttpRequest, pk: int, province_id: int | None
) -> HttpResponse:
    """The picker's results alone (htmx asks for them as the officer types)."""
    collection = _collection(pk, province_id)
    text = request.GET.get("q", "").strip()[:100]
    context = {"collection": collection, "picker_text": text, "picked": _picker(collection, text)}
    return render(request, "web/officer/_collection_picker.html", context)


def _product_id(request: HttpRequest) -> int:
    try:
        return int(request.POST.get("product", ""))
    except ValueError:
        fail("product", _("Product not found."), "NOT_FOUND")


@require_POST
@officer_area
def officer_collection_products(
    request: HttpRequest, pk: int, province_id: int | None
) -> HttpResponse:
    """Add, remove, move up or down one product; each a single locked unit of work."""
    collection = _collection(pk, province_id)
    action = request.POST.get("action", "")
    scope = officer_scope(request.user, province_id)

    def act(locked: Collection) -> None:
        product_id = _product_id(request)
        if action == "add":
            do_add_products(locked, check_pickable(locked, [product_id], storefront_channel()))
        elif action == "remove":
            do_remove_product(locked, product_id)
        elif action in ("up", "down"):
            do_move_product(locked, product_id, -1 if action == "up" else 1)
        else:
            fail(None, _("Choose what to do."), "INVALID")

    try:
        do_with_collection(collection.pk, _curated(scope), act)
    except ValidationErrors as refused:
        form = CollectionForm(
            initial={
                "name": collection.name,
                "description": collection.description,
                "is_published": collection.is_published,
                "starts_at": collection.starts_at,
                "ends_at": collection.ends_at,
            },
            national=province_id is None,
        )
        errors = [str(error.message) for error in refused.errors]
        return _edit_page(request, collection, province_id, form, product_errors=errors)
    anchor = f"#product-{request.POST.get('product', '')}" if action in ("up", "down") else ""
    return redirect(
        reverse("web:officer_collection", args=[collection.pk]) + (anchor or "#products")
    )


# --- Preview ---------------------------------------------------------------------------------


@require_GET
@officer_area
def officer_collection_preview(
    request: HttpRequest, pk: int, province_id: int | None
) -> HttpResponse:
    """The collection as the shop renders it, even outside its window (never indexed)."""
    collection = _collection(pk, province_id)
    state = window_state(collection, timezone.now())
    return collection_listing(
        request,
        collection,
        path=reverse("web:officer_collection_preview", args=[collection.pk]),
        template="web/officer/collection_preview.html",
        extra={
            "preview_state": WINDOW_LABELS[state],
            "preview_edit_url": reverse("web:officer_collection", args=[collection.pk]),
        },
    )
