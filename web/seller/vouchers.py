"""The seller centre's vouchers (`/kenh-nguoi-ban/ma-giam-gia/`): the stall's own, with
their state and use; a new one on the stall's products, which the stall funds; its limits
and end changed before its first use; ending it now.

The rules are `promotions`' (`vouchers.do_create_voucher`, `voucher_changes`), which check
again, on the locked row, that this user may act for the voucher's funder. Another stall's
voucher is a 404 and changes nothing."""

from __future__ import annotations

from typing import Any

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core.errors import ValidationErrors
from promotions.models import Funder, Voucher, VoucherScope
from promotions.voucher_changes import may_change, suggest_code
from promotions.voucher_lists import seller_vouchers
from promotions.vouchers import do_create_voucher
from sellers.models import Seller
from web.areas import seller_area
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
NAV = "seller_vouchers"


@require_GET
@seller_area
def voucher_list(request: HttpRequest, *, seller: Seller, membership: Any) -> HttpResponse:
    page = Paginator(seller_vouchers(seller.pk), PAGE_SIZE).get_page(request.GET.get("trang"))
    now = timezone.now()
    rows = [voucher_row(v, now) for v in page.object_list]
    context = {"seller": seller, "nav_current": NAV, "page": page, "rows": rows}
    return render(request, "web/seller/vouchers.html", context)


@require_http_methods(["GET", "POST"])
@seller_area
def voucher_new(request: HttpRequest, *, seller: Seller, membership: Any) -> HttpResponse:
    if request.method != "POST":
        initial = {"code": suggest_code(seller.stall_name), "value_type": "percentage"}
        form = VoucherForm(initial=initial)
        return _form_page(request, seller, form)
    form = VoucherForm(request.POST)
    valid = form.is_valid()
    voucher = form.voucher(
        funder=Funder.SELLER,
        funding_seller=seller,
        scope=VoucherScope.SELLER,
        scope_seller=seller,
    )
    if not valid:
        form.check_the_rest(voucher)
        return _form_page(request, seller, form, status=400)
    try:
        do_create_voucher(request.user, voucher)
    except ValidationErrors as refused:
        add_domain_errors(form, refused)
        return _form_page(request, seller, form, status=400)
    said_saved(request, voucher)
    return redirect(reverse("web:seller_vouchers"))


def _form_page(
    request: HttpRequest, seller: Seller, form: VoucherForm, status: int = 200
) -> HttpResponse:
    context = {"seller": seller, "nav_current": NAV, "form": form}
    return render(request, "web/seller/voucher_form.html", context, status=status)


def _own(seller: Seller, voucher_id: int) -> Voucher:
    voucher = seller_vouchers(seller.pk).filter(pk=voucher_id).first()
    if voucher is None:
        raise Http404("no such voucher of this stall")
    return voucher


@require_http_methods(["GET", "POST"])
@seller_area
def voucher_detail(
    request: HttpRequest, voucher_id: int, *, seller: Seller, membership: Any
) -> HttpResponse:
    voucher = _own(seller, voucher_id)
    if request.method != "POST":
        form = LimitsForm(initial=limits_initial(voucher))
    elif save_limits(request, voucher, form := LimitsForm(request.POST)):
        said_saved(request, voucher)
        return redirect(reverse("web:seller_voucher", args=[voucher.pk]))
    now = timezone.now()
    context = {
        "seller": seller,
        "nav_current": NAV,
        "row": voucher_row(voucher, now),
        "form": form,
        "may_change": may_change(voucher, now),
        "change_url": reverse("web:seller_voucher", args=[voucher.pk]),
        "end_url": reverse("web:seller_voucher_end", args=[voucher.pk]),
    }
    status = 400 if form.errors else 200
    return render(request, "web/seller/voucher_detail.html", context, status=status)


@require_POST
@seller_area
def voucher_end(
    request: HttpRequest, voucher_id: int, *, seller: Seller, membership: Any
) -> HttpResponse:
    end_now(request, _own(seller, voucher_id))
    return redirect(reverse("web:seller_vouchers"))
