"""The officer console's audit log (`/can-bo/nhat-ky/`): the decisions officers recorded —
seller application transitions and certificate reviews — and what they did on behalf of a
stall (assisted onboarding, `sellers.OnBehalfAction`), newest first, filterable by kind
and by day, in the viewer's province (national viewers: all, or one with `?tinh=`).

The log reads the domain's own history rows (`SellerTransition`, `CertificateEvent`): the
officer decisions are those the domain marks as officers' (`ACTIONS[...].by_officer`,
`REVIEWS`). One UNION query pages the three, so a page costs the same whatever its size."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.db.models import CharField, F, QuerySet, Value
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from catalog.certificates import REVIEWS
from catalog.models import CertificateEvent, CertificateStatus
from places.models import Province
from sellers.models import OnBehalfAction, SellerStatus, SellerTransition
from sellers.workflow import ACTIONS
from web.areas import officer_area
from web.officer.queues import PAGE_SIZE, chosen_province, page_of

SELLER, CERTIFICATE, ON_BEHALF = "seller", "certificate", "on_behalf"
OFFICER_SELLER_TARGETS = sorted({a.target for a in ACTIONS.values() if a.by_officer})
OFFICER_CERTIFICATE_KINDS = sorted({str(r.kind) for r in REVIEWS.values()})
STATUS_LABELS = {
    **dict(SellerStatus.choices),
    **dict(CertificateStatus.choices),
    **dict(OnBehalfAction.Kind.choices),
}


class AuditFilter(forms.Form):
    loai = forms.ChoiceField(
        label=_("Decision kind"),
        required=False,
        choices=[
            ("", _("All decisions")),
            (SELLER, _("Seller application decisions")),
            (CERTIFICATE, _("Certificate reviews")),
            (ON_BEHALF, _("Done on behalf of a stall")),
        ],
    )
    tu = forms.DateField(
        label=_("From (day)"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    den = forms.DateField(
        label=_("To (day)"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )


def _text(value: str) -> Value:
    return Value(value, output_field=CharField())


def _scoped(
    rows: QuerySet[Any],
    province_path: str,
    province_id: int | None,
    since: datetime.date | None,
    until: datetime.date | None,
) -> QuerySet[Any]:
    """History rows of the province (through `province_path`) and the days asked for."""
    if province_id is not None:
        rows = rows.filter(**{province_path: province_id})
    if since:
        rows = rows.filter(created_at__date__gte=since)
    if until:
        rows = rows.filter(created_at__date__lte=until)
    return rows


def seller_entries(
    province_id: int | None, since: datetime.date | None, until: datetime.date | None
) -> QuerySet[Any]:
    rows = _scoped(
        SellerTransition.objects.filter(to_status__in=OFFICER_SELLER_TARGETS),
        "seller__province_id",
        province_id,
        since,
        until,
    )
    return rows.values(
        e_at=F("created_at"),
        e_pk=F("pk"),
        e_kind=_text(SELLER),
        e_status=F("to_status"),
        e_note=F("reason"),
        e_subject=F("seller__legal_name"),
        e_subject_id=F("seller_id"),
        e_actor=F("actor__email"),
        e_province=F("seller__province__name"),
    )


def certificate_entries(
    province_id: int | None, since: datetime.date | None, until: datetime.date | None
) -> QuerySet[Any]:
    rows = _scoped(
        CertificateEvent.objects.filter(kind__in=OFFICER_CERTIFICATE_KINDS),
        "certificate__product__seller__province_id",
        province_id,
        since,
        until,
    )
    return rows.values(
        e_at=F("created_at"),
        e_pk=F("pk"),
        e_kind=_text(CERTIFICATE),
        e_status=F("to_status"),
        e_note=F("note"),
        e_subject=F("certificate__product__name"),
        e_subject_id=F("certificate_id"),
        e_actor=F("actor__email"),
        e_province=F("certificate__product__seller__province__name"),
    )


def on_behalf_entries(
    province_id: int | None, since: datetime.date | None, until: datetime.date | None
) -> QuerySet[Any]:
    rows = _scoped(OnBehalfAction.objects.all(), "seller__province_id", province_id, since, until)
    return rows.values(
        e_at=F("created_at"),
        e_pk=F("pk"),
        e_kind=_text(ON_BEHALF),
        e_status=F("kind"),
        e_note=F("subject"),
        e_subject=F("seller__stall_name"),
        e_subject_id=F("seller_id"),
        e_actor=F("officer__email"),
        e_province=F("seller__province__name"),
    )


def audit_entries(
    province_id: int | None,
    kind: str = "",
    since: datetime.date | None = None,
    until: datetime.date | None = None,
) -> QuerySet[Any]:
    """The officers' decisions in scope, newest first, as one (UNION) query."""
    sellers = seller_entries(province_id, since, until)
    certificates = certificate_entries(province_id, since, until)
    assisted = on_behalf_entries(province_id, since, until)
    if kind == SELLER:
        rows = sellers
    elif kind == CERTIFICATE:
        rows = certificates
    elif kind == ON_BEHALF:
        rows = assisted
    else:
        rows = sellers.union(certificates, assisted, all=True)
    return rows.order_by("-e_at", "-e_pk")


@require_GET
@officer_area
def officer_audit(request: HttpRequest, province_id: int | None) -> HttpResponse:
    chosen = chosen_province(request, province_id)
    scope = chosen.pk if chosen is not None else province_id
    form = AuditFilter(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    entries = page_of(
        audit_entries(scope, filters.get("loai", ""), filters.get("tu"), filters.get("den")),
        request,
        "trang",
    )
    for entry in entries:
        entry["status_label"] = STATUS_LABELS.get(entry["e_status"], entry["e_status"])
    query = request.GET.copy()
    query.pop("trang", None)
    context = {
        "nav_current": "officer_audit",
        "province": Province.objects.filter(pk=province_id).first() if province_id else None,
        "form": form,
        "entries": entries,
        "national": province_id is None,
        "provinces": list(Province.objects.order_by("name")) if province_id is None else [],
        "chosen": chosen,
        "query": query.urlencode(),
        "page_size": PAGE_SIZE,
    }
    return render(request, "web/officer/audit.html", context, status=400 if form.errors else 200)
