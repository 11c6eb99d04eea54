"""The .ics feeds: /livestreams.ics (all upcoming sessions) and
/sellers/<slug>/livestreams.ics (one stall's)."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from livestream.ics import calendar
from livestream.models import Livestream, LivestreamSeller
from livestream.queries import for_seller, upcoming_public
from sellers.models import Seller, SellerStatus


def _with_sellers(qs: QuerySet[Livestream]) -> list[Livestream]:
    agreed = LivestreamSeller.objects.filter(agreed_at__isnull=False).select_related("seller")
    return list(qs.prefetch_related(Prefetch("participants", queryset=agreed, to_attr="agreed")))


def _names(livestream: Livestream) -> list[str]:
    return [p.seller.stall_name for p in getattr(livestream, "agreed", [])]


def _response(body: str, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@require_GET
@cache_control(public=True, max_age=300)
def livestreams_ics(request: HttpRequest) -> HttpResponse:
    body = calendar(
        _with_sellers(upcoming_public()),
        name="OCOP Livestream",
        domain=request.get_host().split(":")[0],
        seller_names=_names,
    )
    return _response(body, "livestreams.ics")


@require_GET
@cache_control(public=True, max_age=300)
def seller_livestreams_ics(request: HttpRequest, slug: str) -> HttpResponse:
    seller = Seller.objects.filter(slug=slug, status=SellerStatus.APPROVED, is_active=True).first()
    if seller is None:
        raise Http404("seller not found")
    body = calendar(
        _with_sellers(for_seller(upcoming_public(), slug)),
        name=f"Livestream — {seller.stall_name}",
        domain=request.get_host().split(":")[0],
        seller_names=_names,
    )
    return _response(body, f"{slug}-livestreams.ics")
