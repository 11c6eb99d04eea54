"""The address book at /tai-khoan/dia-chi/: list, add, edit, delete, choose the default.

Signed-in only (anonymous visitors go to sign-in); an entry is reached only through
`saved_address_for(request.user, pk)`, so another user's id answers 404 and changes nothing.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from checkout.address_book import (
    do_add_saved_address,
    do_change_saved_address,
    do_delete_saved_address,
    do_set_default_saved_address,
    saved_address_for,
    saved_addresses,
)
from checkout.errors import ValidationErrors
from checkout.models import SavedAddress
from places.lookup import find_province
from places.models import LegacyProvince, Province
from web.checkout.forms import AddressForm, address_initial, error_text, field_errors
from web.checkout.views import province_note, ward_names
from web.views import not_found


def _back() -> HttpResponse:
    return HttpResponseRedirect(reverse("web:addresses"))


def _render(
    request: HttpRequest,
    form: AddressForm,
    *,
    entry: SavedAddress | None = None,
    problems: list[dict[str, str]] | None = None,
) -> HttpResponse:
    typed = str(form["province"].value() or "")
    province = find_province(typed)
    context = {
        "book": saved_addresses(request.user) if entry is None else [],
        "form": form,
        "entry": entry,
        "errors": field_errors(form) + (problems or []),
        "provinces": Province.objects.order_by("name"),
        "legacy_provinces": LegacyProvince.objects.select_related("new_province").order_by("name"),
        "wards": ward_names(province),
        "province_note": province_note(typed, province),
    }
    template = "web/checkout/address_edit.html" if entry else "web/checkout/addresses.html"
    return render(request, template, context)


def _save(request: HttpRequest, entry: SavedAddress | None) -> HttpResponse:
    form = AddressForm(request.POST)
    form.is_valid()
    data = form.address_input()
    try:
        if entry is None:
            do_add_saved_address(
                request.user,  # type: ignore[arg-type]  # signed in (login_required)
                data,
                make_default=bool(request.POST.get("make_default")),
            )
        else:
            do_change_saved_address(entry, data)
    except ValidationErrors as exc:
        rest = form.add_domain_errors(exc.errors)
        problems = [{"id": "address-heading", "text": error_text(e)} for e in rest]
        return _render(request, form, entry=entry, problems=problems)
    messages.success(request, _("Address saved."))
    return _back()


@login_required
@require_http_methods(["GET", "POST"])
def address_book(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        return _save(request, None)
    return _render(request, AddressForm())


@login_required
@require_http_methods(["GET", "POST"])
def address_edit(request: HttpRequest, pk: int) -> HttpResponse:
    entry = saved_address_for(request.user, pk)
    if entry is None:
        return not_found(request)
    if request.method == "POST":
        return _save(request, entry)
    return _render(request, AddressForm(initial=address_initial(entry.address)), entry=entry)


@login_required
@require_POST
def address_delete(request: HttpRequest, pk: int) -> HttpResponse:
    entry = saved_address_for(request.user, pk)
    if entry is None:
        return not_found(request)
    do_delete_saved_address(entry)
    messages.success(request, _("Address deleted."))
    return _back()


@login_required
@require_POST
def address_default(request: HttpRequest, pk: int) -> HttpResponse:
    entry = saved_address_for(request.user, pk)
    if entry is None:
        return not_found(request)
    do_set_default_saved_address(entry)
    messages.success(request, _("Default address changed."))
    return _back()
