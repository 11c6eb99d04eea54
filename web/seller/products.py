"""The seller centre's products: the stall's list (whether each is on the storefront, and
why not), a quick edit of price and stock per variant, and the one-page editor.

Every write is `catalog.product_form`'s (which calls the catalog's own `do_*`, as the
GraphQL mutations do); a refused one re-renders what was typed with the errors and writes
nothing. Another stall's product is "not found"."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef, Prefetch, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from catalog.listing import listable_products, priced_in, valid_certificate_q
from catalog.models import (
    OcopCertificate,
    Product,
    ProductChannelListing,
    ProductVariant,
    ProductVariantChannelListing,
    Stock,
)
from catalog.product_form import (
    check_product_form,
    do_save_product_form,
)
from catalog.quick_edit import check_quick_edit, do_quick_edit
from core.errors import ValidationErrors
from sellers.models import Seller, SellerMember
from sellers.statuses import SellerStatus
from web.areas import seller_area
from web.channel import storefront_channel
from web.seller.product_editor_form import attach_errors, editor_context, form_input

PAGE_SIZE = 20


def _key(field: str | None) -> str:
    return (field or "form").replace("-", "_")


def _errors(error: ValidationErrors) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for item in error.errors:
        found.setdefault(_key(item.field), []).append(item.message)
    return found


def _status(product: Any, seller: Seller) -> str:
    """Listed, or the first reason it is not (the rule itself is `catalog.listing`'s)."""
    if product.is_listed:
        return _("On the storefront")
    if seller.status != SellerStatus.APPROVED or not seller.is_active:
        return _("Not shown: your stall is not approved yet")
    if not product.is_published:
        return _("Not shown: unpublished")
    if not product.has_price:
        return _("Not shown: no price")
    if not product.has_certificate:
        return _("Not shown: no verified OCOP certificate (3★ or more)")
    return _("Not shown yet")


def _products(seller: Seller) -> QuerySet[Product]:
    channel = storefront_channel()
    listed = listable_products(channel).filter(pk=OuterRef("pk"))
    published = ProductChannelListing.objects.filter(
        product=OuterRef("pk"), channel=channel, is_published=True
    )
    certified = OcopCertificate.objects.filter(valid_certificate_q(), product=OuterRef("pk"))
    prices = ProductVariantChannelListing.objects.filter(channel=channel)
    variants = ProductVariant.objects.order_by("sort_order", "pk").prefetch_related(
        Prefetch("channel_listings", queryset=prices, to_attr="prices"),
        Prefetch("stocks", queryset=Stock.objects.order_by("pk"), to_attr="stock_rows"),
    )
    return (
        seller.products.annotate(
            is_listed=Exists(listed),
            is_published=Exists(published),
            has_price=Exists(priced_in(channel)),
            has_certificate=Exists(certified),
        )
        .prefetch_related(Prefetch("variants", queryset=variants, to_attr="variant_rows"))
        .order_by("-updated_at", "pk")
    )


def _variant_view(variant: Any, errors: dict[str, list[str]] | None = None, typed: Any = None):
    price = variant.prices[0].price_amount if variant.prices else None
    quantity = variant.stock_rows[0].quantity if variant.stock_rows else 0
    return {
        "variant": variant,
        "price": typed["price"] if typed else (price or ""),
        "quantity": typed["quantity"] if typed else quantity,
        "current_price": price,
        "errors": errors or {},
    }


def _rows(products: list[Any], seller: Seller) -> list[dict[str, Any]]:
    return [
        {
            "product": product,
            "status": _status(product, seller),
            "variants": [_variant_view(v) for v in product.variant_rows],
        }
        for product in products
    ]


@seller_area
def product_list(request: HttpRequest, *, seller: Seller, membership: SellerMember) -> HttpResponse:
    page = Paginator(_products(seller), PAGE_SIZE).get_page(request.GET.get("trang"))
    return render(
        request,
        "web/seller/products.html",
        {
            "seller": seller,
            "nav_current": "seller_products",
            "rows": _rows(list(page.object_list), seller),
            "page_obj": page,
        },
    )


@require_POST
@seller_area
def quick_edit(
    request: HttpRequest, pk: int, *, seller: Seller, membership: SellerMember
) -> HttpResponse:
    """One variant's price and stock, from the list (htmx swaps the variant's row)."""
    if not ProductVariant.objects.filter(pk=pk, product__seller=seller).exists():
        raise Http404("no such variant")
    channel = storefront_channel()
    typed = {
        "price": request.POST.get("price", "").strip(),
        "quantity": request.POST.get("quantity", "").strip(),
    }
    errors: dict[str, list[str]] = {}
    try:
        price, quantity = check_quick_edit(typed["price"], typed["quantity"], channel)
        do_quick_edit(seller, pk, price, quantity, channel)
    except ValidationErrors as error:
        errors = _errors(error)
    product: Any = _products(seller).filter(variants__pk=pk).first()
    if product is None:
        raise Http404("no such variant")
    variant = next(v for v in product.variant_rows if v.pk == pk)
    if getattr(request, "htmx", False):
        context = {
            "item": _variant_view(variant, errors, typed if errors else None),
            "product": product,
            "saved": not errors,
        }
        return render(request, "web/seller/_variant_row.html", context)
    if not errors:
        messages.success(request, _("Price and stock saved."))
        return redirect(reverse("web:seller_products") + f"#variant-{pk}")
    row = {
        "product": product,
        "status": _status(product, seller),
        "variants": [
            _variant_view(v, errors, typed) if v.pk == pk else _variant_view(v)
            for v in product.variant_rows
        ],
    }
    context = {"seller": seller, "nav_current": "seller_products", "rows": [row]}
    return render(request, "web/seller/products.html", context, status=400)


# --- The editor -------------------------------------------------------------------------------


def _editor(
    request: HttpRequest,
    seller: Seller,
    product: Product | None,
    *,
    template: str = "web/seller/product_form.html",
    saved_url: Callable[[Product], str] | None = None,
    extra_context: dict[str, Any] | None = None,
    on_behalf_of: Any = None,
    area: dict[str, Any] | None = None,
) -> HttpResponse:
    """The editor for `seller`'s product (None: a new one), GET or POST. Another area
    acting for the stall passes its own template, where to go once saved, and context;
    with `on_behalf_of`, an officer's, shown in the officer console (`area`: the template's
    base and menu) and recorded as done on the stall's behalf (web/officer/assisted.py
    calls it for the stalls of its province)."""
    extra = {**(extra_context or {}), **(area or {})}
    if request.method != "POST":
        context = editor_context(seller, product, None)
        attach_errors(context, {})
        return render(request, template, {**context, **extra})
    data = form_input(request)
    channel = storefront_channel()
    try:
        checked = check_product_form(seller, product, data, channel)
        saved = do_save_product_form(
            seller,
            product.pk if product else None,
            checked,
            request.user,
            channel,
            on_behalf_of=on_behalf_of,
        )
    except ValidationErrors as error:
        errors = _errors(error)
        if "id" in errors:
            raise Http404("no such product") from error
        context = editor_context(seller, product, data)
        attach_errors(context, errors)
        return render(request, template, {**context, **extra}, status=400)
    messages.success(request, _("Product saved."))
    if saved_url is not None:
        return redirect(saved_url(saved))
    return redirect("web:seller_product_edit", pk=saved.pk)


product_editor = _editor


@require_http_methods(["GET", "POST"])
@seller_area
def product_new(request: HttpRequest, *, seller: Seller, membership: SellerMember) -> HttpResponse:
    return _editor(request, seller, None)


@require_http_methods(["GET", "POST"])
@seller_area
def product_edit(
    request: HttpRequest, pk: int, *, seller: Seller, membership: SellerMember
) -> HttpResponse:
    product = Product.objects.filter(pk=pk, seller=seller).first()
    if product is None:
        raise Http404("no such product")
    return _editor(request, seller, product)
