"""The seller centre's front door (`/kenh-nguoi-ban/`): the onboarding wizard for a signed-in
user without a stall, the application's status for a stall not yet approved, and a small home
for an approved one.

Five steps, each a plain form posted and redirected (works without JavaScript): producer type →
legal data → bank account → documents → review and submit. Every write goes through the sellers
domain, the same functions the GraphQL seller mutations call (`clean_seller_data`,
`check_create_data`, `check_editable`, `do_create_seller`, `do_update_seller`, `do_add_document`,
`check_upload`, `do_transition`), inside one transaction per step: a step whose data is refused
writes nothing. What a step must contain is the domain's `check_submittable`, narrowed to the
step's fields, so there is no second copy of the rule here.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from accounts.models import User
from accounts.roles import is_authenticated
from core.errors import FieldError, ValidationErrors, fail
from core.input_limits import max_length_of
from places.models import Province, Ward
from sellers.documents import check_can_add_documents, check_document_kind, do_add_document
from sellers.models import Seller, SellerDocument, SellerKind, SellerMember, UploadPurpose
from sellers.statuses import SellerStatus
from sellers.units import do_with_seller
from sellers.uploads import check_upload
from sellers.workflow import (
    EDITABLE,
    check_create_data,
    check_editable,
    check_submittable,
    clean_seller_data,
    do_create_seller,
    do_transition,
    do_update_seller,
)
from web.account.forms import add_domain_errors
from web.areas import membership_of

StrOrPromise = str | Promise

STEPS = (
    (1, _("Producer type")),
    (2, _("Legal details")),
    (3, _("Bank account")),
    (4, _("Your documents")),
    (5, _("Review and submit")),
)
# Which fields each step owns: the submit check's errors are shown on the step that owns them.
STEP_FIELDS: dict[int, frozenset[str]] = {
    1: frozenset({"kind"}),
    2: frozenset(
        {
            "legal_name",
            "registration_number",
            "tax_code",
            "province",
            "ward",
            "street_address",
            "phone",
        }
    ),
    3: frozenset({"bank_name", "bank_account_number", "bank_account_holder"}),
    4: frozenset({"documents"}),
}
KIND_HELP: dict[str, tuple[StrOrPromise, StrOrPromise]] = {
    SellerKind.HTX: (
        _("Cooperative (HTX)"),
        _("At least five members registered together as a cooperative under the 2023 law."),
    ),
    SellerKind.THT: (
        _("Cooperative group (THT)"),
        _("A group of households working together under a contract, certified by the commune."),
    ),
    SellerKind.DN: (
        _("Enterprise (DN)"),
        _("A company with an enterprise registration certificate and a tax code."),
    ),
    SellerKind.HKD: (
        _("Household business (HKD)"),
        _("A family business registered with the district or ward."),
    ),
}
STATUS_WORDS: dict[str, StrOrPromise] = {
    SellerStatus.DRAFT: _("Not sent yet: finish the steps and send your application."),
    SellerStatus.SUBMITTED: _("Sent. An OCOP officer of your province is checking it."),
    SellerStatus.CHANGES_REQUESTED: _(
        "The officer asks you to change something before approving: see below, edit and send again."
    ),
    SellerStatus.APPROVED: _("Approved: your stall is open."),
    SellerStatus.REJECTED: _("Rejected: the application cannot be changed."),
    SellerStatus.SUSPENDED: _("Suspended: your stall is closed for now."),
}
STATUS_NAMES: dict[str, StrOrPromise] = {
    SellerStatus.DRAFT: _("Draft"),
    SellerStatus.SUBMITTED: _("Waiting for review"),
    SellerStatus.CHANGES_REQUESTED: _("Changes requested"),
    SellerStatus.APPROVED: _("Approved"),
    SellerStatus.REJECTED: _("Rejected"),
    SellerStatus.SUSPENDED: _("Suspended"),
}
DOCUMENT_KINDS: dict[str, StrOrPromise] = {
    SellerDocument.Kind.BUSINESS_LICENCE: _("Business registration certificate"),
    SellerDocument.Kind.FOOD_SAFETY: _("Food safety certificate"),
    SellerDocument.Kind.OTHER: _("Other document"),
}


def _max(field: str) -> int:
    return max_length_of(Seller, field) or 255


class KindForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Producer type"), choices=[(k, KIND_HELP[k][0]) for k in KIND_HELP]
    )


class LegalForm(forms.Form):
    legal_name = forms.CharField(
        label=_("Legal name"),
        max_length=_max("legal_name"),
        required=False,
        help_text=_("As written on your registration paper."),
    )
    registration_number = forms.CharField(
        label=_("Registration number"), max_length=_max("registration_number"), required=False
    )
    tax_code = forms.CharField(
        label=_("Tax code"),
        max_length=20,
        required=False,
        help_text=_("10 digits (a branch adds -3 digits). A registration number or a tax code."),
    )
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
    phone = forms.CharField(
        label=_("Phone"), max_length=30, required=False, help_text=_("For example 0912 345 678.")
    )


class BankForm(forms.Form):
    bank_name = forms.CharField(label=_("Bank"), max_length=_max("bank_name"), required=False)
    bank_account_number = forms.CharField(label=_("Account number"), max_length=40, required=False)
    bank_account_holder = forms.CharField(
        label=_("Account holder"),
        max_length=_max("bank_account_holder"),
        required=False,
        help_text=_("The name the bank has for this account."),
    )


class DocumentForm(forms.Form):
    kind = forms.ChoiceField(label=_("Which document"), choices=list(DOCUMENT_KINDS.items()))
    file = forms.FileField(
        label=_("File"),
        required=False,
        help_text=_("A photo (JPEG, PNG, WEBP) or a PDF. Take it with your phone's camera."),
    )


# --- Who and what -----------------------------------------------------------------------------


def _step_url(step: int) -> str:
    return reverse("web:seller_onboarding", args=[step])


def _editable_seller(user: User) -> Callable[[Seller | None], Seller]:
    """The check on the locked row: still the user's stall, still open to changes."""

    def authorize(seller: Seller | None) -> Seller:
        if seller is None or not SellerMember.objects.filter(seller=seller, user=user).exists():
            fail(None, _("This application is not yours."), "NOT_FOUND")
        if seller.status not in EDITABLE:
            fail(None, _("This application can no longer be changed."), "INVALID_STATUS")
        return seller

    return authorize


def _step_errors(seller: Seller, step: int) -> list[FieldError]:
    """What the submit check still misses among this step's fields."""
    try:
        check_submittable(seller)
    except ValidationErrors as missing:
        return [e for e in missing.errors if e.field in STEP_FIELDS[step]]
    return []


def _save_seller_data(user: User, seller: Seller | None, data: dict[str, Any], step: int) -> Seller:
    """Clean and save one step's data (creating the draft stall at step 2), or raise with every
    error and write nothing."""
    cleaned, errors = clean_seller_data(data, seller=seller)
    if seller is None:
        errors += check_create_data(cleaned, errors)
        named = {e.field for e in errors}
        with transaction.atomic(durable=True):
            # The draft is made even when some fields are wrong (without them), so the step
            # also names what the submit check would miss; any error rolls it all back.
            if named & {"kind", "legal_name", "province"}:
                raise ValidationErrors(errors)
            created = do_create_seller(user, {k: v for k, v in cleaned.items() if k not in named})
            errors += [e for e in _step_errors(created, step) if e.field not in named]
            if errors:
                raise ValidationErrors(errors)
        return created

    def act(locked: Seller) -> Seller:
        found = errors + check_editable(locked, cleaned)
        # What the submit check would still miss, judged on the row as it would be (in
        # memory only: the transaction rolls back if anything is wrong).
        for key, value in cleaned.items():
            setattr(locked, key, value)
        named = {e.field for e in found}
        if step != 1:
            found += [e for e in _step_errors(locked, step) if e.field not in named]
        if found:
            raise ValidationErrors(found)
        return do_update_seller(locked, cleaned)

    return do_with_seller(seller.pk, _editable_seller(user), act)


def _decision(seller: Seller) -> Any:
    """The officer's latest word on the stall's current status (requested changes, rejection,
    suspension), or None."""
    if seller.status not in (
        SellerStatus.CHANGES_REQUESTED,
        SellerStatus.REJECTED,
        SellerStatus.SUSPENDED,
    ):
        return None
    return seller.transitions.filter(to_status=seller.status).order_by("-created_at", "-id").first()


def _context(
    request: HttpRequest, seller: Seller | None, step: int, **extra: Any
) -> dict[str, Any]:
    return {
        "seller": seller,
        "decision": _decision(seller) if seller is not None else None,
        "nav_current": "seller_home",
        "steps": [
            {"number": n, "label": label, "url": _step_url(n), "current": n == step}
            for n, label in STEPS
        ],
        "step": step,
        "step_label": dict(STEPS)[step],
        "back_url": _step_url(step - 1) if step > 1 else None,
        **extra,
    }


def _kind_of(request: HttpRequest, seller: Seller | None) -> str:
    if seller is not None:
        return seller.kind
    value = request.POST.get("kind") or request.GET.get("loai") or ""
    return value if value in SellerKind.values else ""


# --- The views --------------------------------------------------------------------------------


@never_cache
def seller_home(request: HttpRequest) -> HttpResponse:
    """No stall: the wizard's first step. A stall: its application's status, or its home."""
    if not is_authenticated(request.user):
        return redirect_to_login(request.get_full_path(), settings.LOGIN_URL)
    membership = membership_of(request.user)
    if membership is None:
        return _kind_step(request, None)
    seller = membership.seller
    decision = _decision(seller)
    return render(
        request,
        "web/seller/onboarding/status.html",
        {
            "seller": seller,
            "nav_current": "seller_home",
            "status_name": STATUS_NAMES.get(seller.status, seller.status),
            "status_words": STATUS_WORDS.get(seller.status, ""),
            "decision": decision,
            "editable": seller.status in EDITABLE,
            "approved": seller.status == SellerStatus.APPROVED,
            "kind_label": KIND_HELP[seller.kind][0] if seller.kind in KIND_HELP else seller.kind,
        },
    )


@never_cache
@require_http_methods(["GET", "POST"])
def onboarding_step(request: HttpRequest, step: int) -> HttpResponse:
    if not is_authenticated(request.user):
        return redirect_to_login(request.get_full_path(), settings.LOGIN_URL)
    membership = membership_of(request.user)
    seller = membership.seller if membership else None
    if seller is not None and seller.status not in EDITABLE:
        return redirect("web:seller_home")
    if seller is None and step > 2:
        return redirect("web:seller_onboarding", 1)
    views = {1: _kind_step, 2: _legal_step, 3: _bank_step, 4: _documents_step, 5: _review_step}
    view = views.get(step)
    if view is None:
        return redirect("web:seller_onboarding", 1)
    return view(request, seller)


def _kind_step(request: HttpRequest, seller: Seller | None) -> HttpResponse:
    user: Any = request.user
    form = KindForm(
        request.POST if request.method == "POST" else None,
        initial={"kind": _kind_of(request, seller)},
    )
    if request.method == "POST" and form.is_valid():
        kind = form.cleaned_data["kind"]
        if seller is None:
            return HttpResponseRedirect(f"{_step_url(2)}?{urlencode({'loai': kind})}")
        try:
            _save_seller_data(user, seller, {"kind": kind}, 1)
        except ValidationErrors as errors:
            add_domain_errors(form, errors)
        else:
            return redirect("web:seller_onboarding", 2)
    choices = [
        {"value": k, "label": label, "help": help_text, "checked": form["kind"].value() == k}
        for k, (label, help_text) in KIND_HELP.items()
    ]
    return render(
        request,
        "web/seller/onboarding/kind.html",
        _context(request, seller, 1, form=form, choices=choices),
    )


def _legal_step(request: HttpRequest, seller: Seller | None) -> HttpResponse:
    user: Any = request.user
    kind = _kind_of(request, seller)
    if seller is None and not kind:
        return redirect("web:seller_onboarding", 1)
    initial = {}
    if seller is not None:
        initial = {
            key: getattr(seller, key) or ""
            for key in ("legal_name", "registration_number", "tax_code", "street_address", "phone")
        }
        initial["province"] = seller.province.code if seller.province_id else ""
        initial["ward"] = seller.ward.name if seller.ward_id and seller.ward else ""
    form = LegalForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        if seller is None:
            data["kind"] = kind
        try:
            _save_seller_data(user, seller, data, 2)
        except ValidationErrors as errors:
            add_domain_errors(form, errors)
        else:
            return redirect("web:seller_onboarding", 3)
    chosen = str(form["province"].value() or "")
    province = Province.objects.filter(code=chosen).first() if chosen else None
    wards = (
        list(Ward.objects.filter(province=province).order_by("name").values_list("name", flat=True))
        if province
        else []
    )
    return render(
        request,
        "web/seller/onboarding/legal.html",
        _context(
            request,
            seller,
            2,
            form=form,
            kind=kind,
            kind_label=KIND_HELP[SellerKind(kind)][0],
            provinces=Province.objects.order_by("name").only("code", "name"),
            chosen_province=chosen,
            wards=wards,
        ),
    )


def _bank_step(request: HttpRequest, seller: Seller | None) -> HttpResponse:
    assert seller is not None  # onboarding_step sends a user without a stall to step 1
    user: Any = request.user
    initial = {
        key: getattr(seller, key) or ""
        for key in ("bank_name", "bank_account_number", "bank_account_holder")
    }
    form = BankForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            _save_seller_data(user, seller, dict(form.cleaned_data), 3)
        except ValidationErrors as errors:
            add_domain_errors(form, errors)
        else:
            return redirect("web:seller_onboarding", 4)
    return render(
        request, "web/seller/onboarding/bank.html", _context(request, seller, 3, form=form)
    )


def _documents_step(request: HttpRequest, seller: Seller | None) -> HttpResponse:
    assert seller is not None
    user: Any = request.user
    form = DocumentForm(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
    )
    if request.method == "POST" and form.is_valid():
        upload = request.FILES.get("file")

        def act(locked: Seller) -> SellerDocument:
            check_can_add_documents(locked)
            kind = check_document_kind(form.cleaned_data["kind"])
            checked = check_upload("file", upload, UploadPurpose.SELLER_DOCUMENT)
            return do_add_document(locked, kind, user, checked=checked)

        try:
            do_with_seller(seller.pk, _editable_seller(user), act)
        except ValidationErrors as errors:
            add_domain_errors(form, errors)
        else:
            return redirect("web:seller_onboarding", 4)
    documents = _documents(seller)
    return render(
        request,
        "web/seller/onboarding/documents.html",
        _context(request, seller, 4, form=form, documents=documents),
    )


def _documents(seller: Seller) -> list[dict[str, Any]]:
    return [
        {
            "kind": DOCUMENT_KINDS.get(document.kind, document.kind),
            "uploaded_at": document.uploaded_at,
            "size": document.size,
            "is_pdf": document.content_type == "application/pdf",
        }
        for document in seller.documents.order_by("uploaded_at", "pk")
    ]


def _missing(seller: Seller) -> list[dict[str, Any]]:
    try:
        check_submittable(seller)
    except ValidationErrors as missing:
        return [
            {"message": e.message, "url": _step_url(_owner_step(e.field))} for e in missing.errors
        ]
    return []


def _owner_step(field: str | None) -> int:
    for step in (2, 3, 4, 1):
        if field in STEP_FIELDS[step]:
            return step
    return 5


def _review_step(request: HttpRequest, seller: Seller | None) -> HttpResponse:
    if seller is None:
        return redirect("web:seller_onboarding", 1)
    user: Any = request.user
    problems: list[dict[str, Any]] = []
    if request.method == "POST":
        try:
            do_with_seller(
                seller.pk,
                _editable_seller(user),
                lambda locked: do_transition(locked, "submit", user, None),
            )
        except ValidationErrors as errors:
            problems = [
                {"message": e.message, "url": _step_url(_owner_step(e.field))}
                for e in errors.errors
            ]
        else:
            return redirect("web:seller_home")
    else:
        problems = _missing(seller)
    seller = Seller.objects.select_related("province", "ward").get(pk=seller.pk)
    return render(
        request,
        "web/seller/onboarding/review.html",
        _context(
            request,
            seller,
            5,
            problems=problems,
            documents=_documents(seller),
            kind_label=KIND_HELP[SellerKind(seller.kind)][0] if seller.kind in KIND_HELP else "",
            status=seller.status,
        ),
    )
