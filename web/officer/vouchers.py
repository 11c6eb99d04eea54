"""Vouchers in the officer console (`/can-bo/ma-giam-gia/`): the province's own, which the
programme funds, on all the province's sellers, one of them, or one of its collections;
and, read only, the vouchers its sellers fund themselves, each with how much it has taken
off orders so far.

The rules are `promotions`' as in the seller centre; the choices offered are the officer's
province's sellers and collections (every province's for national officers), and the
domain refuses a scope outside the funding province anyway. Another province's voucher is
a 404 and changes nothing."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from catalog.models import Collection
from core.errors import ValidationErrors
from places.models import Province
from promotions.models import Funder, Voucher, VoucherScope
from promotions.voucher_changes import may_change, suggest_code
from promotions.voucher_lists import province_vouchers, sellers_own_vouchers
from promotions.vouchers import do_create_voucher
from sellers.models import Seller, SellerStatus
from web.areas import officer_area
from web.reviews.forms import add_domain_errors
from web.seller.voucher_form import (
    LimitsForm,
    VoucherForm,
    end_now,
    limits_initial,
    said_saved,
    save_limits,
    voucher_row,
)

PAGE_SIZE = 20
NAV = "officer_vouchers"
SCOPE_CHOICES = [
    (VoucherScope.PROVINCE.value, _("Every seller of the province")),
    (VoucherScope.SELLER.value, _("One seller")),
    (VoucherScope.COLLECTION.value, _("One featured collection of the province")),
]


class StallChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.stall_name} ({obj.province.name})"


class ProvinceVoucherForm(VoucherForm):
    """The voucher form with who funds it (national officers choose the province) and
    what it applies to, the choices limited to the officer's province."""

    funding_province = forms.ModelChoiceField(
        label=_("Province that funds it"),
        queryset=Province.objects.order_by("name"),
        required=False,
        empty_label=_("Choose a province"),
        error_messages={"invalid_choice": _("Choose one of the provinces in the list.")},
    )
    scope = forms.ChoiceField(
        label=_("Applies to"),
        choices=SCOPE_CHOICES,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose what the voucher applies to.")},
    )
    scope_seller = StallChoice(
        label=_("The seller (for one seller)"),
        queryset=Seller.objects.none(),
        required=False,
        empty_label=_("Choose a seller"),
        error_messages={"invalid_choice": _("Choose one of the sellers in the list.")},
    )
    scope_collection = forms.ModelChoiceField(
        label=_("The collection (for one collection)"),
        queryset=Collection.objects.none(),
        required=False,
        empty_label=_("Choose a collection"),
        error_messages={"invalid_choice": _("Choose one of the collections in the list.")},
    )

    def __init__(self, *args: Any, province_id: int | None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.province_id = province_id
        sellers = Seller.objects.filter(status=SellerStatus.APPROVED).select_related("province")
        collections = Collection.objects.filter(is_featured=True, province__isnull=False)
        if province_id is None:
            sellers = sellers.order_by("province__name", "stall_name")
        else:
            del self.fields["funding_province"]  # a provincial officer funds for theirs
            sellers = sellers.filter(province_id=province_id).order_by("stall_name")
            collections = collections.filter(province_id=province_id)
        seller_field = self.fields["scope_seller"]
        collection_field = self.fields["scope_collection"]
        assert isinstance(seller_field, forms.ModelChoiceField)
        assert isinstance(collection_field, forms.ModelChoiceField)
        seller_field.queryset = sellers
        collection_field.queryset = collections.order_by("name")
        self.order_fields(
            [
                "funding_province",
                "scope",
                "scope_seller",
                "scope_collection",
                *self.field_order,
            ]
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.province_id is None and not data.get("funding_province"):
            self.add_error("funding_province", _("Choose the province that funds it."))
        scope = data.get("scope")
        if scope == VoucherScope.SELLER and not data.get("scope_seller"):
            self.add_error("scope_seller", _("Choose the seller."))
        if scope == VoucherScope.COLLECTION and not data.get("scope_collection"):
            self.add_error("scope_collection", _("Choose the collection."))
        return data

    def province_voucher(self) -> Voucher:
        data = self.cleaned_data
        province = data.get("funding_province")
        province_id = self.province_id if self.province_id is not None else province and province.pk
        scope = data.get("scope") or ""
        return self.voucher(
            funder=Funder.PROVINCE,
            funding_province_id=province_id,
            scope=scope,
            scope_province_id=province_id if scope == VoucherScope.PROVINCE else None,
            scope_seller=data.get("scope_seller") if scope == VoucherScope.SELLER else None,
            scope_collection=(
                data.get("scope_collection") if scope == VoucherScope.COLLECTION else None
            ),
        )

    def add_other_errors(self, refused: ValidationErrors) -> None:
        # A missing seller or collection is said at its own field, not again at the scope.
        picked = {"scope_seller", "scope_collection", "funding_province"} & set(self.errors)
        if picked:
            refused = ValidationErrors(e for e in refused.errors if e.field != "scope")
        super().add_other_errors(refused)


def scope_text(voucher: Voucher) -> str:
    if voucher.funder == Funder.SELLER and voucher.funding_seller is not None:
        return gettext("The stall %(stall)s") % {"stall": voucher.funding_seller.stall_name}
    if voucher.scope == VoucherScope.SELLER and voucher.scope_seller is not None:
        return gettext("The stall %(stall)s") % {"stall": voucher.scope_seller.stall_name}
    if voucher.scope == VoucherScope.COLLECTION and voucher.scope_collection is not None:
        return gettext("The collection %(collection)s") % {
            "collection": voucher.scope_collection.name
        }
    province = voucher.scope_province.name if voucher.scope_province else ""
    return gettext("Every seller of %(province)s") % {"province": province}


def _rows(vouchers: QuerySet[Voucher], request: HttpRequest, key: str) -> tuple[Any, list[Any]]:
    page = Paginator(vouchers, PAGE_SIZE).get_page(request.GET.get(key))
    now = timezone.now()
    rows = [{**voucher_row(v, now), "scope_text": scope_text(v)} for v in page.object_list]
    return page, rows


def _area(province_id: int | None) -> dict[str, Any]:
    province = Province.objects.filter(pk=province_id).first() if province_id else None
    return {"nav_current": NAV, "province": province}


@require_GET
@officer_area
def officer_vouchers(request: HttpRequest, province_id: int | None) -> HttpResponse:
    page, rows = _rows(province_vouchers(province_id), request, "trang")
    sellers_page, seller_rows = _rows(sellers_own_vouchers(province_id), request, "trang-ban")
    context = {
        **_area(province_id),
        "page": page,
        "rows": rows,
        "sellers_page": sellers_page,
        "seller_rows": seller_rows,
    }
    return render(request, "web/officer/vouchers.html", context)


def _form_page(
    request: HttpRequest, province_id: int | None, form: ProvinceVoucherForm, status: int = 200
) -> HttpResponse:
    context = {**_area(province_id), "form": form, "national": province_id is None}
    return render(request, "web/officer/voucher_form.html", context, status=status)


@require_http_methods(["GET", "POST"])
@officer_area
def officer_voucher_new(request: HttpRequest, province_id: int | None) -> HttpResponse:
    if request.method != "POST":
        area = _area(province_id)
        name = area["province"].name if area["province"] else "OCOP"
        initial = {
            "code": suggest_code(name),
            "scope": VoucherScope.PROVINCE.value,
            "value_type": "percentage",
        }
        return _form_page(
            request, province_id, ProvinceVoucherForm(initial=initial, province_id=province_id)
        )
    form = ProvinceVoucherForm(request.POST, province_id=province_id)
    valid = form.is_valid()
    voucher = form.province_voucher()
    if not valid:
        form.check_the_rest(voucher)
        return _form_page(request, province_id, form, status=400)
    try:
        do_create_voucher(request.user, voucher)
    except ValidationErrors as refused:
        add_domain_errors(form, refused)
        return _form_page(request, province_id, form, status=400)
    said_saved(request, voucher)
    return redirect(reverse("web:officer_vouchers"))


def _in_scope(voucher_id: int, province_id: int | None) -> Voucher:
    voucher = province_vouchers(province_id).filter(pk=voucher_id).first()
    if voucher is None:
        raise Http404("no such voucher of this province")
    return voucher


@require_http_methods(["GET", "POST"])
@officer_area
def officer_voucher(request: HttpRequest, voucher_id: int, province_id: int | None) -> HttpResponse:
    voucher = _in_scope(voucher_id, province_id)
    if request.method != "POST":
        form = LimitsForm(initial=limits_initial(voucher))
    else:
        form = LimitsForm(request.POST)
        if save_limits(request, voucher, form):
            said_saved(request, voucher)
            return redirect(reverse("web:officer_voucher", args=[voucher.pk]))
    now = timezone.now()
    context = {
        **_area(province_id),
        "row": {**voucher_row(voucher, now), "scope_text": scope_text(voucher)},
        "form": form,
        "may_change": may_change(voucher, now),
        "change_url": reverse("web:officer_voucher", args=[voucher.pk]),
        "end_url": reverse("web:officer_voucher_end", args=[voucher.pk]),
    }
    status = 400 if form.errors else 200
    return render(request, "web/officer/voucher_detail.html", context, status=status)


@require_POST
@officer_area
def officer_voucher_end(
    request: HttpRequest, voucher_id: int, province_id: int | None
) -> HttpResponse:
    end_now(request, _in_scope(voucher_id, province_id))
    return redirect(reverse("web:officer_vouchers"))
