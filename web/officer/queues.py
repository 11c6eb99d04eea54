"""The officer console's queues (`/can-bo/`): seller applications awaiting review and
certificates awaiting verification, oldest first, each opened on its own page with its
documents and history, and decided there through the domain (`sellers.workflow.do_transition`
under `sellers.units.do_with_seller`; `catalog.certificates.do_review`).

Province scope: an officer sees and acts on the sellers (and their products' certificates) of
their own province only; anything outside it answers 404 and changes nothing. Superusers and
national officers (`province_id` None) see every province, with a province filter.
Documents and certificate scans are private: they are streamed by views that check the same
scope, never linked by their storage URL."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.paginator import Page, Paginator
from django.db.models import F, OuterRef, Prefetch, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_http_methods

from catalog.certificates import REVIEWS, do_review
from catalog.models import CertificateEvent, CertificateStatus, OcopCertificate
from core.errors import ValidationErrors
from places.models import Province
from sellers.models import Seller, SellerDocument, SellerStatus, SellerTransition
from sellers.units import do_with_seller
from sellers.workflow import ACTIONS, do_transition
from web.areas import officer_area
from web.reviews.forms import AccessibleForm, add_domain_errors

PAGE_SIZE = 20
MAX_PAGE = 10_000
# The officer's decisions on an application, in the order the page offers them.
APPLICATION_ACTIONS = ("approve", "request_changes", "reject")
CERTIFICATE_ACTIONS = ("verify", "reject", "revoke")
ACTION_LABELS = {
    "approve": _("Approve"),
    "request_changes": _("Request changes"),
    "reject": _("Reject"),
    "verify": _("Verify"),
    "revoke": _("Revoke"),
}


class DecisionForm(AccessibleForm):
    """The reason of an officer's decision; whether one is required is the domain's rule."""

    reason = forms.CharField(
        label=_("Reason (sent to the producer)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3, "aria-describedby": "id_reason-hint"}),
    )


# --- Scope -----------------------------------------------------------------------------------


def sellers_in_scope(province_id: int | None) -> QuerySet[Seller]:
    sellers = Seller.objects.all()
    return sellers if province_id is None else sellers.filter(province_id=province_id)


def certificates_in_scope(province_id: int | None) -> QuerySet[OcopCertificate]:
    certificates = OcopCertificate.objects.all()
    if province_id is None:
        return certificates
    return certificates.filter(product__seller__province_id=province_id)


def chosen_province(request: HttpRequest, province_id: int | None) -> Province | None:
    """The province a national viewer chose (`?tinh=<code>`); an officer's own otherwise."""
    if province_id is not None:
        return Province.objects.filter(pk=province_id).first()
    code = request.GET.get("tinh", "")
    return Province.objects.filter(code=code).first() if code else None


def page_of(queryset: QuerySet[Any], request: HttpRequest, key: str) -> Page:
    try:
        number = min(max(int(request.GET.get(key, "1")), 1), MAX_PAGE)
    except ValueError:
        number = 1
    return Paginator(queryset, PAGE_SIZE).get_page(number)


def _area_context(province_id: int | None) -> dict[str, Any]:
    province = Province.objects.filter(pk=province_id).first() if province_id else None
    return {"nav_current": "officer_home", "province": province}


# --- The queues ------------------------------------------------------------------------------


def waiting_applications(province_id: int | None) -> QuerySet[Seller]:
    """Submitted applications, oldest submission first (`submitted_at`: the latest move to
    submitted in the seller's history; a row without one, made outside the workflow, falls
    back to when it was last changed)."""
    submitted = (
        SellerTransition.objects.filter(seller=OuterRef("pk"), to_status=SellerStatus.SUBMITTED)
        .order_by("-created_at", "-pk")
        .values("created_at")[:1]
    )
    return (
        sellers_in_scope(province_id)
        .filter(status=SellerStatus.SUBMITTED)
        .select_related("province")
        .annotate(submitted_at=Coalesce(Subquery(submitted), F("updated_at")))
        .order_by("submitted_at", "pk")
    )


def waiting_certificates(province_id: int | None) -> QuerySet[OcopCertificate]:
    return (
        certificates_in_scope(province_id)
        .filter(status=CertificateStatus.PENDING)
        .select_related("product__seller__province")
        .order_by("created_at", "pk")
    )


@require_GET
@officer_area
def officer_home(request: HttpRequest, province_id: int | None) -> HttpResponse:
    chosen = chosen_province(request, province_id)
    scope = chosen.pk if chosen is not None else province_id
    applications = page_of(waiting_applications(scope), request, "trang-ho-so")
    certificates = page_of(waiting_certificates(scope), request, "trang-chung-nhan")
    context = {
        **_area_context(province_id),
        "applications": applications,
        "certificates": certificates,
        "national": province_id is None,
        "provinces": list(Province.objects.order_by("name")) if province_id is None else [],
        "chosen": chosen,
    }
    return render(request, "web/officer/queues.html", context)


# --- A seller application --------------------------------------------------------------------


def _application(pk: int, province_id: int | None) -> Seller:
    seller = (
        sellers_in_scope(province_id)
        .select_related("province", "ward")
        .prefetch_related(
            Prefetch("documents", queryset=SellerDocument.objects.order_by("uploaded_at", "pk")),
            Prefetch(
                "transitions",
                queryset=SellerTransition.objects.select_related("actor").order_by(
                    "created_at", "pk"
                ),
            ),
        )
        .filter(pk=pk)
        .first()
    )
    if seller is None:
        raise Http404("no such application in this province")
    return seller


def _decide_application(seller_pk: int, action: str, officer: Any, reason: str, scope: Any) -> Any:
    def authorize(locked: Seller | None) -> Seller:
        if locked is None or (scope is not None and locked.province_id != scope):
            raise Http404("no such application in this province")
        return locked

    return do_with_seller(
        seller_pk, authorize, lambda locked: do_transition(locked, action, officer, reason)
    )


@require_http_methods(["GET", "POST"])
@officer_area
def officer_application(request: HttpRequest, pk: int, province_id: int | None) -> HttpResponse:
    seller = _application(pk, province_id)
    form = DecisionForm(request.POST or None)
    action = request.POST.get("action", "")
    if request.method == "POST":
        if action not in APPLICATION_ACTIONS:
            form.add_error(None, _("Choose a decision."))
        elif form.is_valid():
            try:
                _decide_application(
                    seller.pk, action, request.user, form.cleaned_data["reason"], province_id
                )
            except ValidationErrors as refused:
                add_domain_errors(form, refused)
            else:
                return redirect(reverse("web:officer_application", args=[seller.pk]) + "?xong=1")
    documents = list(seller.documents.all())
    context = {
        **_area_context(province_id),
        "seller": seller,
        "documents": documents,
        "transitions": list(seller.transitions.all()),
        "form": form,
        "actions": [
            {"name": name, "label": ACTION_LABELS[name], "needs_reason": ACTIONS[name].needs_reason}
            for name in APPLICATION_ACTIONS
            if seller.status in ACTIONS[name].sources
        ],
        "done": request.GET.get("xong") == "1",
    }
    status = 400 if form.errors else 200
    return render(request, "web/officer/application.html", context, status=status)


def _private_file(field: Any, content_type: str, name: str) -> HttpResponse:
    """A private file sent to the one viewer allowed: shown inline, never kept by a shared
    cache, never sniffed into another type. Uploads are bounded (`OCOP_UPLOAD_MAX_BYTES`),
    so the file is read whole."""
    try:
        with field.open("rb") as handle:
            content = handle.read()
    except OSError as missing:
        raise Http404("file missing") from missing
    response = HttpResponse(content, content_type=content_type or "application/octet-stream")
    response["Content-Disposition"] = f'inline; filename="{name}"'
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_GET
@officer_area
def officer_document(request: HttpRequest, pk: int, province_id: int | None) -> HttpResponse:
    document = (
        SellerDocument.objects.filter(pk=pk, seller__in=sellers_in_scope(province_id))
        .only("pk", "file", "content_type")
        .first()
    )
    if document is None or not document.file:
        raise Http404("no such document in this province")
    suffix = "pdf" if document.content_type == "application/pdf" else "bin"
    return _private_file(document.file, document.content_type, f"document-{document.pk}.{suffix}")


# --- A certificate ---------------------------------------------------------------------------


def _certificate(pk: int, province_id: int | None) -> OcopCertificate:
    certificate = (
        certificates_in_scope(province_id)
        .select_related(
            "product__seller__province", "product_group", "product_subgroup", "reviewed_by"
        )
        .prefetch_related(
            Prefetch(
                "events",
                queryset=CertificateEvent.objects.select_related("actor").order_by(
                    "created_at", "pk"
                ),
            )
        )
        .filter(pk=pk)
        .first()
    )
    if certificate is None:
        raise Http404("no such certificate in this province")
    return certificate


def scan_is_image(certificate: OcopCertificate) -> bool:
    name = certificate.scan.name.lower() if certificate.scan else ""
    return name.endswith((".png", ".jpg", ".jpeg", ".webp"))


def scan_type(certificate: OcopCertificate) -> str:
    name = certificate.scan.name.lower()
    for suffix, kind in (
        (".pdf", "application/pdf"),
        (".png", "image/png"),
        (".jpg", "image/jpeg"),
        (".jpeg", "image/jpeg"),
        (".webp", "image/webp"),
    ):
        if name.endswith(suffix):
            return kind
    return "application/octet-stream"


@require_http_methods(["GET", "POST"])
@officer_area
def officer_certificate(request: HttpRequest, pk: int, province_id: int | None) -> HttpResponse:
    certificate = _certificate(pk, province_id)
    form = DecisionForm(request.POST or None)
    action = request.POST.get("action", "")
    if request.method == "POST":
        if action not in CERTIFICATE_ACTIONS:
            form.add_error(None, _("Choose a decision."))
        elif form.is_valid():
            try:
                do_review(certificate, action, request.user, form.cleaned_data["reason"])
            except ValidationErrors as refused:
                add_domain_errors(form, refused)
            else:
                return redirect(
                    reverse("web:officer_certificate", args=[certificate.pk]) + "?xong=1"
                )
    context = {
        **_area_context(province_id),
        "certificate": certificate,
        "product": certificate.product,
        "events": list(certificate.events.all()),
        "scan_is_image": scan_is_image(certificate),
        "form": form,
        "actions": [
            {"name": name, "label": ACTION_LABELS[name], "needs_reason": REVIEWS[name].needs_reason}
            for name in CERTIFICATE_ACTIONS
            if certificate.status in REVIEWS[name].sources
        ],
        "done": request.GET.get("xong") == "1",
    }
    status = 400 if form.errors else 200
    return render(request, "web/officer/certificate.html", context, status=status)


@require_GET
@officer_area
def officer_certificate_scan(
    request: HttpRequest, pk: int, province_id: int | None
) -> HttpResponse:
    certificate = certificates_in_scope(province_id).filter(pk=pk).only("pk", "scan").first()
    if certificate is None or not certificate.scan:
        raise Http404("no such scan in this province")
    kind = scan_type(certificate)
    suffix = kind.rsplit("/", 1)[-1].replace("octet-stream", "bin")
    return _private_file(certificate.scan, kind, f"certificate-{certificate.pk}.{suffix}")
