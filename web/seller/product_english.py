"""The seller centre's "In English" page of a product: its English name, address (slug),
description and search-engine texts, for tourists and export buyers.

It writes through `catalog.translations` (the domain of the API's `productTranslate`), in
the product's own unit of work; a refused save re-renders what was typed with the errors
and writes nothing. Another stall's product is "not found"."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from catalog.models import Product, ProductTranslation
from catalog.product_editing import SEO_DESCRIPTION_LENGTH, SEO_TITLE_LENGTH
from catalog.translations import (
    check_can_translate,
    clean_product_translation,
    do_translate_product,
)
from catalog.units import do_with_product
from core.errors import ValidationErrors
from sellers.models import Seller, SellerMember
from web.areas import seller_area

ENGLISH = "en"


class EnglishForm(forms.Form):
    name = forms.CharField(label=_("Name in English"), required=False, max_length=250)
    slug = forms.CharField(
        label=_("English web address"),
        required=False,
        max_length=255,
        help_text=_("Lowercase letters, digits and hyphens, e.g. bauhinia-honey."),
    )
    description = forms.CharField(
        label=_("Description in English"), required=False, widget=forms.Textarea
    )
    seo_title = forms.CharField(
        label=_("Title for search engines"), required=False, max_length=SEO_TITLE_LENGTH
    )
    seo_description = forms.CharField(
        label=_("Summary for search engines"),
        required=False,
        max_length=SEO_DESCRIPTION_LENGTH,
    )


def _initial(translation: ProductTranslation | None) -> dict[str, Any]:
    if translation is None:
        return {}
    return {
        "name": translation.name,
        "slug": translation.slug or "",
        "description": translation.description,
        "seo_title": translation.seo_title,
        "seo_description": translation.seo_description,
    }


def _save(request: HttpRequest, product: Product, data: dict[str, Any]) -> None:
    def authorize(locked: Product | None) -> Product:
        if locked is None:
            raise Http404("no such product")
        check_can_translate(request.user, locked)
        return locked

    def act(locked: Product) -> None:
        do_translate_product(locked, ENGLISH, clean_product_translation(locked, ENGLISH, data))

    do_with_product(product.pk, authorize, act)


@require_http_methods(["GET", "POST"])
@seller_area
def product_english(
    request: HttpRequest, pk: int, *, seller: Seller, membership: SellerMember
) -> HttpResponse:
    product = Product.objects.filter(pk=pk, seller=seller).first()
    if product is None:
        raise Http404("no such product")
    translation = product.translations.filter(language_code=ENGLISH).first()
    form = EnglishForm(
        request.POST if request.method == "POST" else None, initial=_initial(translation)
    )
    if request.method == "POST" and form.is_valid():
        try:
            _save(request, product, form.cleaned_data)
        except ValidationErrors as error:
            for item in error.errors:
                form.add_error(item.field if item.field in form.fields else None, item.message)
        else:
            messages.success(request, gettext("English texts saved."))
            return redirect("web:seller_product_english", pk=product.pk)
    status = 400 if form.is_bound else 200
    return render(
        request,
        "web/seller/product_english.html",
        {"form": form, "product": product},
        status=status,
    )
