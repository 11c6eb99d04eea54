"""The seller centre's activity log (`/kenh-nguoi-ban/nhat-ky/`): what OCOP officers did for
this stall on its behalf (assisted onboarding: the stall's creation, products created or
edited, documents uploaded, activation cards printed), newest first, with who did it.

The rows are `sellers.OnBehalfAction`, written by the actions themselves; a stall sees its
own only."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from sellers.models import OnBehalfAction, Seller, SellerMember
from web.areas import seller_area

PAGE_SIZE = 20


@require_GET
@seller_area
def seller_activity(
    request: HttpRequest, *, seller: Seller, membership: SellerMember
) -> HttpResponse:
    rows = (
        OnBehalfAction.objects.filter(seller=seller)
        .select_related("officer__officer_profile__province")
        .order_by("-created_at", "-pk")
    )
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("trang"))
    context = {"seller": seller, "nav_current": "seller_activity", "page_obj": page}
    return render(request, "web/seller/activity.html", context)
