"""The cart's views: add to cart (from the product page), the cart page, a line's quantity,
removing a line, each seller's delivery choice, and a voucher or gift card code.

Every change is one domain call in one unit of work (`web.cart.session.change_cart`); a
refused one writes nothing and shows the domain's errors next to the field. Without
JavaScript each POST answers with a redirect (or the page with its errors); to htmx it
answers with the part of the page that changed and the header's cart link, swapped in place.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from catalog.listing import listable_products
from checkout.actions import do_set_seller_delivery_methods
from checkout.errors import ValidationErrors
from checkout.lines import LineChange, do_delete_lines, do_set_lines
from checkout.models import CheckoutLine, ShippingMethod
from checkout.promo_codes import add_promo_code, remove_promo_code
from web import product_page
from web import views as pages
from web.cards import localized
from web.cart.buybox import buy_box_context, buy_options
from web.cart.forms import (
    AddToCartForm,
    DeliveryForm,
    PromoCodeForm,
    QuantityForm,
    add_domain_errors,
)
from web.cart.page import Problems, cart_context
from web.cart.session import add_to_cart, change_cart, current_checkout
from web.channel import storefront_channel


def _htmx(request: HttpRequest) -> bool:
    return bool(getattr(request, "htmx", False))


@require_POST
def add(request: HttpRequest) -> HttpResponse:
    """Add an option of a listable product to the cart, from the product page's buy box."""
    slug = str(request.POST.get("product", ""))[:255]
    product = listable_products(storefront_channel()).filter(slug=slug).first()
    if product is None:
        return pages.not_found(request, product_page=True)
    options = buy_options(product)
    form = AddToCartForm(request.POST, variant_pks=[o.pk for o in options])
    if form.is_valid():
        variant, quantity = form.cleaned_data["variant"], form.cleaned_data["quantity"]
        try:
            add_to_cart(request, [LineChange(variant, quantity)])
        except ValidationErrors as refused:
            add_domain_errors(form, refused)
    if not form.is_valid():
        if _htmx(request):
            context = buy_box_context(request, product, options=options, form=form)
            return _vary(render(request, "web/cart/buy_box_response.html", context))
        # The product page again, its buy box showing the errors and what was typed.
        request.cart_add_form = form  # type: ignore[attr-defined]
        return product_page.product(request, product.slug)
    option = next(o for o in options if o.pk == variant)
    added = {"name": localized(product.name, product.name_en), "quantity": quantity}
    if option.name != added["name"]:
        added["name"] = f"{added['name']} ({option.name})"
    if _htmx(request):
        context = buy_box_context(request, product, added=added, selected=variant)
        return _vary(render(request, "web/cart/buy_box_response.html", context))
    messages.success(
        request,
        _("Added %(quantity)s × %(name)s to your cart.")
        % {"quantity": quantity, "name": added["name"]},
    )
    return redirect(reverse("web:product", args=[product.slug]))


@require_GET
def cart(request: HttpRequest) -> HttpResponse:
    return _render_cart(request)


@require_POST
def line(request: HttpRequest, line_id: UUID) -> HttpResponse:
    """Set a line's quantity (0 removes it)."""
    checkout, variant_pk = _own_line(request, line_id)
    form = QuantityForm(request.POST)
    if form.is_valid():
        quantity = form.cleaned_data["quantity"]
        try:
            change_cart(
                request, checkout, lambda c: do_set_lines(c, [LineChange(variant_pk, quantity)])
            )
        except ValidationErrors as refused:
            add_domain_errors(form, refused)
    if not form.is_valid():
        key = str(line_id)
        problems = Problems(
            lines={key: [str(e) for e in form.errors.get("quantity", form.non_field_errors())]},
            typed={key: str(request.POST.get("quantity", ""))[:10]},
        )
        return _render_cart(request, problems)
    return _done(request, _("Quantity updated."))


@require_POST
def remove(request: HttpRequest, line_id: UUID) -> HttpResponse:
    checkout, _variant = _own_line(request, line_id)
    try:
        change_cart(request, checkout, lambda c: do_delete_lines(c, [str(line_id)]))
    except ValidationErrors:
        raise Http404("no such line") from None
    return _done(request, _("Item removed from your cart."))


@require_POST
def delivery(request: HttpRequest) -> HttpResponse:
    """One seller's delivery method (`checkout.actions.do_set_seller_delivery_methods`)."""
    checkout = current_checkout(request)
    if checkout is None:
        raise Http404("no cart")
    form = DeliveryForm(request.POST)
    method: int | None = None
    if form.is_valid():
        method = form.cleaned_data["method"]
        try:
            change_cart(request, checkout, lambda c: do_set_seller_delivery_methods(c, [method]))
        except ValidationErrors as refused:
            add_domain_errors(form, refused)
    if not form.is_valid():
        errors = [str(e) for e in form.errors.get("method", form.non_field_errors())]
        seller_id = (
            ShippingMethod.objects.filter(pk=method).values_list("seller_id", flat=True).first()
            if method
            else None
        )
        problems = Problems(delivery={seller_id: errors}) if seller_id else Problems(general=errors)
        return _render_cart(request, problems)
    return _done(request, _("Delivery method saved."))


@require_POST
def promo(request: HttpRequest) -> HttpResponse:
    """Apply a voucher or gift card code (`checkout.promo_codes.add_promo_code`, as the API)."""
    checkout = current_checkout(request)
    if checkout is None:
        raise Http404("no cart")
    form = PromoCodeForm(request.POST)
    if form.is_valid():
        code = form.cleaned_data["code"]
        try:
            change_cart(request, checkout, lambda c: add_promo_code(c, code))
        except ValidationErrors as refused:
            add_domain_errors(form, refused)
    if not form.is_valid():
        problems = Problems(
            promo=[str(e) for e in form.errors.get("code", form.non_field_errors())],
            promo_typed=str(request.POST.get("code", ""))[:32],
        )
        return _render_cart(request, problems)
    return _done(request, _("Code applied."))


@require_POST
def promo_remove(request: HttpRequest) -> HttpResponse:
    """Take a code off the cart; one it does not carry changes nothing."""
    checkout = current_checkout(request)
    if checkout is None:
        raise Http404("no cart")
    code = str(request.POST.get("code", ""))[:32]
    card = str(request.POST.get("gift_card", ""))[:20]
    card_pk = int(card) if card.isdigit() else None
    change_cart(request, checkout, lambda c: remove_promo_code(c, code, card_pk))
    return _done(request, _("Code removed."))


def _own_line(request: HttpRequest, line_id: UUID) -> tuple[Any, int]:
    """The visitor's cart and the variant of its line `line_id`; 404 for a line of any other
    cart (a cart belongs to its session), so nothing of another cart can be changed."""
    checkout = current_checkout(request)
    if checkout is None:
        raise Http404("no cart")
    variant_pk = (
        CheckoutLine.objects.filter(pk=line_id, checkout=checkout)
        .values_list("variant_id", flat=True)
        .first()
    )
    if variant_pk is None:
        raise Http404("no such line")
    return checkout, variant_pk


def _done(request: HttpRequest, message: str) -> HttpResponse:
    if _htmx(request):
        return _render_cart(request, done=message)
    messages.success(request, message)
    return redirect(reverse("web:cart"))


def _render_cart(
    request: HttpRequest, problems: Problems | None = None, *, done: str = ""
) -> HttpResponse:
    context = cart_context(request, current_checkout(request), problems)
    context["done"] = done
    template = "web/cart/_cart.html" if _htmx(request) else "web/cart/cart.html"
    return _vary(render(request, template, context))


def _vary(response: HttpResponse) -> HttpResponse:
    # The same address answers a page or (to htmx) its changed part: caches must keep both.
    patch_vary_headers(response, ("HX-Request",))
    return response
