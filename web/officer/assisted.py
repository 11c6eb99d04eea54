"""Assisted onboarding in the officer console (`/can-bo/ho-tro/`): an officer creates a
household's owner account (signing in with its mobile number; an e-mail is optional) and its
draft stall, creates the stall's first products, and prints the activation card with which the
household chooses its password.

Everything goes through the domain: `sellers.assisted.clean_owner` / `clean_seller_data` /
`do_assisted_create`, the seller centre's own product editor in officer mode
(`web.seller.products.product_editor` with `on_behalf_of`, which calls
`catalog.product_form.do_save_product_form`), `sellers.on_behalf.do_print_activation_card`.
Each of these records what the officer did "on behalf of" the stall, in its transaction.

Province scope as in the queues: an officer acts for the assisted stalls of its own province
only; another province's stall answers 404 and nothing changes. Superusers and national
officers cover every province."""

from __future__ import annotations

import dataclasses
from typing import Any

from django import forms
from django.db.models import Prefetch, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.phones import display_phone
from catalog.models import Product
from core.errors import FieldError, ValidationErrors
from core.input_limits import max_length_of
from places.models import Province, Ward
from sellers import on_behalf
from sellers.assisted import clean_owner, do_assisted_create
from sellers.models import (
    OnBehalfAction,
    Seller,
    SellerDocument,
    SellerKind,
    SellerMember,
    UploadPurpose,
)
from sellers.uploads import check_upload
from sellers.workflow import check_create_data, clean_seller_data
from web.account.forms import add_domain_errors
from web.areas import officer_area
from web.officer.assisted_card import activation_card
from web.officer.queues import page_of, sellers_in_scope
from web.pdf import pdf_response
from web.seller.products import product_editor

# The domain's owner fields, as this form names them.
OWNER_FIELDS = {
    "owner.phone": "owner_phone",
    "owner.email": "owner_email",
    "owner.firstName": "owner_first_name",
    "owner.lastName": "owner_last_name",
}
DOCUMENT_KINDS = [("", _("(no document now)")), *SellerDocument.Kind.choices]


def _max(field: str) -> int:
    return max_length_of(Seller, field) or 255


class AssistedForm(forms.Form):
    owner_last_name = forms.CharField(
        label=_("Family and middle name"), max_length=150, required=False
    )
    owner_first_name = forms.CharField(label=_("Given name"), max_length=150)
    owner_phone = forms.CharField(
        label=_("Mobile number"),
        max_length=30,
        help_text=_("The household signs in with it. For example 0912 345 678."),
    )
    owner_email = forms.CharField(
        label=_("Email (optional)"),
        max_length=254,
        required=False,
        help_text=_("Leave empty when the household has none."),
    )
    kind = forms.ChoiceField(
        label=_("Producer type"), choices=SellerKind.choices, initial=SellerKind.HKD
    )
    legal_name = forms.CharField(
        label=_("Legal name"),
        max_length=_max("legal_name"),
        help_text=_("As written on the registration paper."),
    )
    registration_number = forms.CharField(
        label=_("Registration number"), max_length=_max("registration_number"), required=False
    )
    tax_code = forms.CharField(label=_("Tax code"), max_length=20, required=False)
    province = forms.CharField(label=_("Province"), max_length=100, required=False)
    ward = forms.CharField(
        label=_("Ward or commune"),
        max_length=100,
        required=False,
        help_text=_("The ward or commune's name, as after the 2025 merger."),
    )
    street_address = forms.CharField(
        label=_("Street address"), max_length=_max("street_address"), required=False
    )
    document_kind = forms.ChoiceField(label=_("Document"), choices=DOCUMENT_KINDS, required=False)
    document = forms.FileField(
        label=_("Document file"),
        required=False,
        help_text=_("A photo (JPEG, PNG, WEBP) or a PDF of the paper."),
    )


def _renamed(errors: ValidationErrors) -> ValidationErrors:
    return ValidationErrors(
        [
            dataclasses.replace(e, field=OWNER_FIELDS.get(e.field or "", e.field))
            for e in errors.errors
        ]
    )


def assisted_stalls(province_id: int | None) -> QuerySet[Seller]:
    """The stalls officers onboarded, newest first, with their owners (one prefetch)."""
    owners = SellerMember.objects.filter(role=SellerMember.Role.OWNER).select_related("user")
    return (
        sellers_in_scope(province_id)
        .filter(assisted_by__isnull=False)
        .select_related("province", "assisted_by")
        .prefetch_related(Prefetch("members", queryset=owners.order_by("pk"), to_attr="owners"))
        .order_by("-created_at", "-pk")
    )


def _area(province_id: int | None) -> dict[str, Any]:
    province = Province.objects.filter(pk=province_id).first() if province_id else None
    return {"nav_current": "officer_assisted", "province": province}


def _owner_view(seller: Any) -> dict[str, Any]:
    owner = seller.owners[0].user if seller.owners else None
    return {
        "name": (owner.full_name if owner else "") or "—",
        "phone": display_phone(owner.login_phone) if owner else "",
        "email": (owner.email or "") if owner else "",
        "activated": bool(owner and owner.has_usable_password()),
    }


@require_GET
@officer_area
def officer_assisted(request: HttpRequest, province_id: int | None) -> HttpResponse:
    stalls = page_of(assisted_stalls(province_id), request, "trang")
    rows = [{"seller": seller, "owner": _owner_view(seller)} for seller in stalls]
    context = {**_area(province_id), "stalls": stalls, "rows": rows}
    return render(request, "web/officer/assisted.html", context)


def _create(request: HttpRequest, form: AssistedForm, province_id: int | None) -> Seller:
    """Clean everything (every error at once), then create in one transaction."""
    data = dict(form.cleaned_data)
    if province_id is not None:
        data["province"] = Province.objects.get(pk=province_id).code
    seller_data = {
        key: data[key]
        for key in (
            "kind",
            "legal_name",
            "registration_number",
            "tax_code",
            "province",
            "ward",
            "street_address",
        )
    }
    seller_data["phone"] = data["owner_phone"]
    cleaned, errors = clean_seller_data(seller_data, seller=None)
    errors += check_create_data(cleaned, errors)
    province = cleaned.get("province")
    if province is not None and province_id is not None and province.pk != province_id:
        errors.append(
            FieldError(
                "province",
                _("Officers onboard producers of their own province only."),
                "PERMISSION_DENIED",
            )
        )
    owner, owner_errors = clean_owner(
        {
            "phone": data["owner_phone"],
            "email": data["owner_email"],
            "first_name": data["owner_first_name"],
            "last_name": data["owner_last_name"],
        }
    )
    errors += owner_errors
    if "phone" in cleaned:
        cleaned["phone"] = owner["phone"] or cleaned["phone"]
    document = None
    if data.get("document") is not None:
        if not data.get("document_kind"):
            errors.append(FieldError("document_kind", _("Say which document this is."), "REQUIRED"))
        try:
            checked = check_upload("document", data["document"], UploadPurpose.SELLER_DOCUMENT)
        except ValidationErrors as refused:
            errors += refused.errors
        else:
            if checked is not None and data.get("document_kind"):
                document = (data["document_kind"], checked)
    if errors:
        raise ValidationErrors(errors)
    officer: Any = request.user  # officer_area let only signed-in officers through
    return do_assisted_create(officer, owner, cleaned, logo=None, document=document)


@require_http_methods(["GET", "POST"])
@officer_area
def officer_assisted_new(request: HttpRequest, province_id: int | None) -> HttpResponse:
    form = AssistedForm(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
    )
    if request.method == "POST" and form.is_valid():
        try:
            seller = _create(request, form, province_id)
        except ValidationErrors as refused:
            add_domain_errors(form, _renamed(refused))
        else:
            return redirect("web:officer_assisted_stall", pk=seller.pk)
    area = _area(province_id)
    chosen = area["province"].code if area["province"] else str(form["province"].value() or "")
    wards = list(
        Ward.objects.filter(province__code=chosen).order_by("name").values_list("name", flat=True)
    )
    context = {
        **area,
        "form": form,
        "national": province_id is None,
        "provinces": Province.objects.order_by("name").only("code", "name"),
        "chosen_province": chosen,
        "wards": wards,
    }
    return render(
        request, "web/officer/assisted_new.html", context, status=400 if form.errors else 200
    )


def _stall(pk: int, province_id: int | None) -> Seller:
    seller = assisted_stalls(province_id).filter(pk=pk).first()
    if seller is None:
        raise Http404("no such assisted stall in this province")
    return seller


class DocumentUploadForm(forms.Form):
    kind = forms.ChoiceField(label=_("Which document"), choices=SellerDocument.Kind.choices)
    file = forms.FileField(
        label=_("Document file"),
        required=False,
        help_text=_("A photo (JPEG, PNG, WEBP) or a PDF of the paper."),
    )


def _stall_page(
    request: HttpRequest, seller: Seller, province_id: int | None, form: DocumentUploadForm
) -> HttpResponse:
    context = {
        **_area(province_id),
        "seller": seller,
        "owner": _owner_view(seller),
        "products": list(seller.products.order_by("-updated_at", "pk").only("pk", "name")),
        "documents": list(seller.documents.order_by("uploaded_at", "pk")),
        "actions": list(
            OnBehalfAction.objects.filter(seller=seller)
            .select_related("officer")
            .order_by("-created_at", "-pk")[:20]
        ),
        "form": form,
        "refused": request.GET.get("the") == "0",
        "unconfirmed": request.GET.get("the") == "xac-nhan",
        "uploaded": request.GET.get("giay-to") == "1",
    }
    status = 400 if form.errors else 200
    return render(request, "web/officer/assisted_stall.html", context, status=status)


@require_GET
@officer_area
def officer_assisted_stall(request: HttpRequest, pk: int, province_id: int | None) -> HttpResponse:
    return _stall_page(request, _stall(pk, province_id), province_id, DocumentUploadForm())


@require_POST
@officer_area
def officer_assisted_document(
    request: HttpRequest, pk: int, province_id: int | None
) -> HttpResponse:
    """A document of the stall, uploaded by the officer on its behalf."""
    seller = _stall(pk, province_id)
    form = DocumentUploadForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            checked = check_upload("file", form.cleaned_data["file"], UploadPurpose.SELLER_DOCUMENT)
            assert checked is not None  # required: check_upload failed otherwise
            on_behalf.do_add_document_on_behalf(
                request.user, seller.pk, province_id, form.cleaned_data["kind"], checked
            )
        except ValidationErrors as refused:
            add_domain_errors(form, refused)
        else:
            return redirect(reverse("web:officer_assisted_stall", args=[seller.pk]) + "?giay-to=1")
    return _stall_page(request, seller, province_id, form)


def _editor_area(seller: Seller, province_id: int | None) -> dict[str, Any]:
    return {
        **_area(province_id),
        "base_template": "web/officer/on_behalf_base.html",
        "back_url": reverse("web:officer_assisted_stall", args=[seller.pk]),
        "on_behalf_of_stall": seller,
    }


def _saved_url(seller: Seller) -> Any:
    return lambda product: reverse("web:officer_assisted_product", args=[seller.pk, product.pk])


@require_http_methods(["GET", "POST"])
@officer_area
def officer_assisted_product_new(
    request: HttpRequest, pk: int, province_id: int | None
) -> HttpResponse:
    seller = _stall(pk, province_id)
    return product_editor(
        request,
        seller,
        None,
        on_behalf_of=request.user,
        area=_editor_area(seller, province_id),
        saved_url=_saved_url(seller),
    )


@require_http_methods(["GET", "POST"])
@officer_area
def officer_assisted_product(
    request: HttpRequest, pk: int, product_pk: int, province_id: int | None
) -> HttpResponse:
    seller = _stall(pk, province_id)
    product = Product.objects.filter(pk=product_pk, seller=seller).first()
    if product is None:
        raise Http404("no such product of this stall")
    return product_editor(
        request,
        seller,
        product,
        on_behalf_of=request.user,
        area=_editor_area(seller, province_id),
        saved_url=_saved_url(seller),
    )


@require_POST
@officer_area
def officer_assisted_card(request: HttpRequest, pk: int, province_id: int | None) -> HttpResponse:
    """The activation card as a PDF: a fresh link each time, recorded as printed; or, with
    `recovery`, the card for an owner who forgot the password, confirmed as asked in person."""
    seller = _stall(pk, province_id)
    try:
        owner, link = on_behalf.do_print_activation_card(
            request.user,
            seller,
            recovery=request.POST.get("recovery") == "1",
            in_person=request.POST.get("in_person") == "on",
        )
    except ValidationErrors as refused:
        unconfirmed = any(error.field == "in_person" for error in refused.errors)
        answer = "xac-nhan" if unconfirmed else "0"
        stall = reverse("web:officer_assisted_stall", args=[seller.pk])
        return redirect(f"{stall}?the={answer}#recovery-title")
    return pdf_response(activation_card(seller, owner, link), f"the-kich-hoat-{seller.slug}.pdf")
