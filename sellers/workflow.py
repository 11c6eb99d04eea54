"""The seller onboarding workflow: registering a producer, editing it, and its status.

    draft ──submit──▶ submitted ──approve──▶ approved ──suspend──▶ suspended
      ▲                 │  │                    ▲                      │
      └─(edit)─ changes_requested ◀─request_changes  └──────reinstate───┘
                        │
                        └──reject──▶ rejected (final)

Every status change is a conditional UPDATE on the status it starts from, plus a
`SellerTransition` row saying who, when and why; two officers acting at once cannot both
win. Legal and bank data can change only while the application is editable (draft or
changes requested): after approval they are what the officer checked.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from accounts.models import User
from core.errors import FieldError, Message, ValidationErrors, by_language, fail
from core.input_limits import text_error, text_errors
from core.text import nfc, slugify_vi
from places.lookup import find_province, find_ward
from sellers.models import (
    Seller,
    SellerKind,
    SellerMember,
    SellerStatus,
    SellerTransition,
    UploadPurpose,
)
from sellers.signals import seller_created, seller_listing_changed
from sellers.uploads import CheckedFile, save_checked, saved_files

EDITABLE = frozenset({SellerStatus.DRAFT, SellerStatus.CHANGES_REQUESTED})
# Fields an officer reviewed: frozen once the application leaves the editable states.
LEGAL_FIELDS = (
    "kind",
    "legal_name",
    "registration_number",
    "tax_code",
    "province",
    "ward",
    "street_address",
    "bank_name",
    "bank_account_number",
    "bank_account_holder",
)
STALL_FIELDS = ("stall_name", "slug", "story", "story_en", "phone", "email")
# The seller fields a caller may set: model field names (the GraphQL layer names them in
# camelCase, `stall_name` as `name`).
FIELDS = frozenset((*LEGAL_FIELDS, *STALL_FIELDS, "logo"))

TAX_CODE = re.compile(r"^\d{10}(-\d{3})?$")
PHONE = re.compile(r"^(\+84|0)\d{9,10}$")
BANK_ACCOUNT = re.compile(r"^\d{6,20}$")


@dataclass(frozen=True)
class Action:
    name: str
    sources: frozenset[str]
    target: str
    needs_reason: bool
    by_officer: bool


ACTIONS: dict[str, Action] = {
    a.name: a
    for a in (
        Action("submit", EDITABLE, SellerStatus.SUBMITTED, needs_reason=False, by_officer=False),
        Action(
            "approve",
            frozenset({SellerStatus.SUBMITTED}),
            SellerStatus.APPROVED,
            needs_reason=False,
            by_officer=True,
        ),
        Action(
            "request_changes",
            frozenset({SellerStatus.SUBMITTED}),
            SellerStatus.CHANGES_REQUESTED,
            needs_reason=True,
            by_officer=True,
        ),
        Action(
            "reject",
            frozenset({SellerStatus.SUBMITTED}),
            SellerStatus.REJECTED,
            needs_reason=True,
            by_officer=True,
        ),
        Action(
            "suspend",
            frozenset({SellerStatus.APPROVED}),
            SellerStatus.SUSPENDED,
            needs_reason=True,
            by_officer=True,
        ),
        Action(
            "reinstate",
            frozenset({SellerStatus.SUSPENDED}),
            SellerStatus.APPROVED,
            needs_reason=False,
            by_officer=True,
        ),
    )
}


# --- Input cleaning ------------------------------------------------------------------------


def input_text(value: Any) -> str:
    """A form or API value as clean text: NFC, trimmed; None is empty."""
    return nfc(str(value)).strip() if value is not None else ""


def clean_seller_data(
    data: Mapping[str, Any], *, seller: Seller | None
) -> tuple[dict[str, Any], list[FieldError]]:
    """Turn API input (snake_case keys) into model values; collect every error at once."""
    errors: list[FieldError] = []
    cleaned: dict[str, Any] = {}
    for key in ("legal_name", "registration_number", "street_address", "bank_name"):
        if key in data and data[key] is not None:
            cleaned[key] = input_text(data[key])
    for key in ("bank_account_holder", "stall_name", "story", "story_en"):
        if key in data and data[key] is not None:
            cleaned[key] = input_text(data[key])
    if data.get("kind") is not None:
        if data["kind"] not in SellerKind.values:
            errors.append(FieldError("kind", _("Invalid kind."), "INVALID"))
        else:
            cleaned["kind"] = data["kind"]
    if data.get("tax_code") is not None:
        tax_code = input_text(data["tax_code"]).replace(" ", "")
        if tax_code and not TAX_CODE.match(tax_code):
            errors.append(
                FieldError("tax_code", _("A tax code is 10 digits (branches: -3 more)."), "INVALID")
            )
        cleaned["tax_code"] = tax_code
    if data.get("phone") is not None:
        phone = re.sub(r"[\s.\-()]", "", input_text(data["phone"]))
        if phone and not PHONE.match(phone):
            errors.append(FieldError("phone", _("Invalid phone number."), "INVALID"))
        cleaned["phone"] = phone
    if data.get("email") is not None:
        email = input_text(data["email"]).lower()
        if email:
            try:
                validate_email(email)
            except ValidationError:
                errors.append(FieldError("email", _("Invalid email."), "INVALID"))
        cleaned["email"] = email
    if data.get("bank_account_number") is not None:
        account = re.sub(r"[\s.\-]", "", input_text(data["bank_account_number"]))
        if account and not BANK_ACCOUNT.match(account):
            errors.append(
                FieldError("bank_account_number", _("An account number is 6–20 digits."), "INVALID")
            )
        cleaned["bank_account_number"] = account
    province = seller.province if seller else None
    if data.get("province") is not None:
        province = find_province(input_text(data["province"]))
        if province is None:
            errors.append(FieldError("province", _("Unknown province."), "NOT_FOUND"))
        else:
            cleaned["province"] = province
            # Moving to another province drops a ward that no longer fits.
            moved_away = (
                seller is not None and seller.ward and seller.ward.province_id != province.pk
            )
            if moved_away and "ward" not in data:
                cleaned["ward"] = None
    if data.get("ward") is not None:
        ward_text = input_text(data["ward"])
        if not ward_text:
            cleaned["ward"] = None
        elif province is None:
            errors.append(FieldError("ward", _("Choose the province first."), "REQUIRED"))
        else:
            ward = find_ward(province, ward_text)
            if ward is None:
                errors.append(
                    FieldError(
                        "ward",
                        _("No such ward in %(name)s."),
                        "NOT_FOUND",
                        params={"name": province.name},
                    )
                )
            cleaned["ward"] = ward
    if data.get("slug") is not None:
        slug = input_text(data["slug"]).lower()
        if not slug or slugify_vi(slug) != slug:
            errors.append(
                FieldError("slug", _("Use lower-case letters, digits and hyphens."), "INVALID")
            )
        elif Seller.objects.filter(slug=slug).exclude(pk=seller.pk if seller else 0).exists():
            errors.append(FieldError("slug", _("This slug is taken."), "UNIQUE"))
        cleaned["slug"] = slug
    for key in ("legal_name", "stall_name"):
        if key in cleaned and not cleaned[key]:
            errors.append(FieldError(key, pgettext_lazy("non-blank", "Required."), "REQUIRED"))
    return cleaned, errors + length_errors(cleaned, errors)


# The stall's story is free text in a TEXT column; a bound keeps one stall from carrying
# megabytes into every page that shows it.
MAX_STORY_LENGTH = 20_000


def length_errors(cleaned: Mapping[str, Any], reported: list[FieldError]) -> list[FieldError]:
    """Text the columns cannot hold (lengths from the model), for fields not yet in error."""
    named = {e.field for e in reported}
    errors = text_errors(
        Seller,
        {k: v for k, v in cleaned.items() if k not in named},
        [k for k in cleaned if k in FIELDS and k not in ("story", "story_en", "kind")],
    )
    for key in ("story", "story_en"):
        if key not in named and (error := text_error(key, cleaned.get(key), MAX_STORY_LENGTH)):
            errors.append(error)
    return errors


def unique_slug(text: str) -> str:
    base = slugify_vi(text)[:100] or "gian-hang"
    slug, n = base, 1
    while Seller.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


def check_create_data(cleaned: dict[str, Any], reported: list[FieldError]) -> list[FieldError]:
    """Required fields of a new seller, except those `reported` already names."""
    named = {e.field for e in reported}
    errors = []
    for key in ("kind", "legal_name", "province"):
        if not cleaned.get(key) and key not in named:
            errors.append(FieldError(key, _("Required."), "REQUIRED"))
    return errors


def check_editable(seller: Seller, cleaned: Mapping[str, Any]) -> list[FieldError]:
    """Legal and bank data are frozen outside draft / changes requested; rejected is final."""
    if seller.status == SellerStatus.REJECTED:
        return [FieldError(None, _("A rejected application cannot change."), "INVALID_STATUS")]
    if seller.status in EDITABLE:
        return []
    return [
        FieldError(
            key,
            _(
                "Legal and bank data change only while the application is a draft or changes were "
                "requested."
            ),
            "INVALID_STATUS",
        )
        for key in LEGAL_FIELDS
        if key in cleaned and cleaned[key] != getattr(seller, key)
    ]


def check_submittable(seller: Seller) -> None:
    """Everything an officer needs to review, or REQUIRED errors naming what is missing."""
    missing: list[tuple[str, Message]] = []
    if not seller.legal_name:
        missing.append(("legal_name", _("Legal name")))
    if not (seller.registration_number or seller.tax_code):
        missing.append(("registration_number", _("Registration or tax")))
    if not seller.ward_id:
        missing.append(("ward", _("Ward")))
    if not seller.phone:
        missing.append(("phone", _("Phone")))
    for key, label in (
        ("bank_name", _("Bank")),
        ("bank_account_number", _("Account number")),
        ("bank_account_holder", _("Account holder")),
    ):
        if not getattr(seller, key):
            missing.append((key, label))
    if not seller.documents.exists():
        missing.append(("documents", _("Documents")))
    if missing:
        raise ValidationErrors(
            [
                FieldError(field, _("Missing: %(label)s."), "REQUIRED", params={"label": label})
                for field, label in missing
            ]
        )


MAX_REASON_LENGTH = 2_000


def check_reason(action: Action, reason: str | None) -> str:
    text = input_text(reason)
    if action.needs_reason and not text:
        fail("reason", _("A reason is required."), "REQUIRED")
    if error := text_error("reason", text, MAX_REASON_LENGTH):
        raise ValidationErrors([error])
    return text


# --- Acting ---------------------------------------------------------------------------------


def _apply(seller: Seller, cleaned: Mapping[str, Any]) -> None:
    for key, value in cleaned.items():
        if key != "logo":
            setattr(seller, key, value)


@transaction.atomic
def do_create_seller(
    actor: User, cleaned: dict[str, Any], *, logo: CheckedFile | None = None
) -> Seller:
    """A draft seller whose owner is `actor`, with its first warehouse (made by the catalog,
    on `seller_created`), in one transaction (a savepoint inside `do_assisted_create`'s).
    Locks: none (new rows)."""
    cleaned = dict(cleaned)
    cleaned.setdefault("stall_name", cleaned["legal_name"])
    seller = Seller(status=SellerStatus.DRAFT)
    _apply(seller, cleaned)
    if not seller.slug:
        seller.slug = unique_slug(seller.stall_name)
    with saved_files() as saved:
        if logo is not None:
            save_checked(seller.logo, logo, saved)
        seller.save()
    SellerMember.objects.create(seller=seller, user=actor, role=SellerMember.Role.OWNER)
    # The catalog's receiver gives it its first warehouse, in this transaction.
    seller_created.send(sender=Seller, seller=seller)
    return seller


def do_update_seller(
    seller: Seller, cleaned: dict[str, Any], *, logo: CheckedFile | None = None
) -> Seller:
    """Expects `seller` locked and `check_editable` passed; the old logo is deleted on commit.

    Locks: none of its own; runs inside `sellers.units.do_with_seller`, which holds the
    seller row FOR UPDATE (`lock_seller`: an edit may change its unique slug).
    """
    _apply(seller, cleaned)
    with saved_files() as saved:
        old_logo = seller.logo.name if logo is not None and seller.logo else None
        if logo is not None:
            save_checked(seller.logo, logo, saved)
        seller.save()
    # Its kind and activity are listing fields: the catalog refreshes its record now.
    seller_listing_changed.send(sender=Seller, seller=seller)
    if old_logo:
        storage = seller.logo.storage
        transaction.on_commit(lambda: storage.delete(old_logo))
    return seller


@transaction.atomic
def do_transition(seller: Seller, action_name: str, actor: User, reason: str | None) -> Seller:
    """Move `seller` along the workflow; a conditional UPDATE on the status it starts from.

    No lock needed: if another request moved the seller first, the UPDATE matches no row
    and this call fails with INVALID_STATUS instead of overwriting the other decision. The
    UPDATE and its history row are one transaction (a savepoint inside
    `sellers.units.do_with_seller`, which holds the seller's row lock for its members).

    Locks: none of its own (the conditional UPDATE locks the row it moves); runs inside
    `sellers.units.do_with_seller`, which holds the seller row FOR UPDATE (`lock_seller`).
    """
    action = ACTIONS[action_name]
    why = check_reason(action, reason)
    if seller.status not in action.sources:
        fail(
            None,
            _("Cannot %(action)s a %(status)s seller."),
            "INVALID_STATUS",
            action=by_language(action.name, action.name.replace("_", " ")),
            status=by_language(seller.get_status_display(), seller.status),
        )
    if action.name == "submit":
        check_submittable(seller)
    now = timezone.now()
    moved = Seller.objects.filter(pk=seller.pk, status=seller.status).update(
        status=action.target, updated_at=now
    )
    if not moved:
        fail(None, _("The seller was changed meanwhile."), "INVALID_STATUS")
    SellerTransition.objects.create(
        seller=seller,
        from_status=seller.status,
        to_status=action.target,
        actor=actor,
        reason=why,
        created_at=now,
    )
    seller.status = action.target
    seller.updated_at = now
    # Approval, suspension and reinstatement list or delist every product of the stall.
    seller_listing_changed.send(sender=Seller, seller=seller)
    return seller


__all__ = ["UploadPurpose"]
