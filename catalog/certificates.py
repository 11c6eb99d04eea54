"""OCOP certificates: what a seller may submit, how officers review them, and expiry.

The rules (Decision 148/QĐ-TTg of 24 Feb 2023, amended by 1489/QĐ-TTg of 6 Jul 2025):
- only 3★ and above are certified; a 1★/2★ rating is refused for listing;
- the score bands are 50–69 → 3★, 70–89 → 4★, 90–100 → 5★. A province cannot award 5★,
  so a provincial 4★ with a score of 90+ (a "potential 5★" product) is consistent;
- 5★ only from the central ministry; district committees certified 3★ only, and only
  for decisions from 24 Feb 2023 to 6 Jul 2025 (districts were abolished afterwards);
- a certificate is valid 36 months from the decision date (`OcopCertificate.save`);
  a decision dated in the future, or already past its validity, is refused.

Whether a product is listed is decided in `catalog.listing` only; this module changes
certificate statuses, each change with a `CertificateEvent` (who, when, why).
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from catalog.certificate_choice import revoke_copies
from catalog.listed import refresh_listed
from catalog.models import (
    CertificateEvent,
    CertificateStatus,
    IssuerLevel,
    OcopCertificate,
    Product,
    ProductGroup,
)
from catalog.models.certificates import MIN_LISTED_STARS, VALIDITY_MONTHS, add_months
from catalog.signals import products_changed
from core.errors import FieldError, ValidationErrors, by_language, fail
from core.input_limits import text_errors
from core.text import nfc
from sellers.models import SellerUpload
from sellers.uploads import CheckedFile, save_checked, saved_files

STAR_BANDS: dict[int, tuple[int, int]] = {3: (50, 69), 4: (70, 89), 5: (90, 100)}
DISTRICT_WINDOW = (datetime.date(2023, 2, 24), datetime.date(2025, 7, 6))
ISSUER_MAX_STARS: dict[str, int] = {
    IssuerLevel.DISTRICT: 3,
    IssuerLevel.PROVINCE: 4,
    IssuerLevel.CENTRAL: 5,
}


def today() -> datetime.date:
    """Today in Vietnam (settings.TIME_ZONE = Asia/Ho_Chi_Minh)."""
    return timezone.localdate()


# --- Checks ---------------------------------------------------------------------------------


def check_stars(stars: int | None) -> None:
    if stars is None or not 1 <= stars <= 5:
        fail("stars", _("Stars are 1 to 5."), "INVALID")
    if stars < MIN_LISTED_STARS:
        fail(
            "stars",
            _("Only products rated %(stars)s★ or more are OCOP-certified and can be listed."),
            "STARS_TOO_LOW",
            stars=MIN_LISTED_STARS,
        )


def check_score(stars: int, score: int | None, issuer_level: str) -> None:
    if score is None:
        return
    if not 0 <= score <= 100:
        fail("score", _("A score is 0 to 100."), "INVALID")
    low, high = STAR_BANDS[stars]
    potential_five = stars == 4 and score >= 90 and issuer_level != IssuerLevel.CENTRAL
    if not low <= score <= high and not potential_five:
        fail(
            "score",
            _("A score of %(score)s does not match %(stars)s★ (expected %(low)s–%(high)s)."),
            "SCORE_MISMATCH",
            score=score,
            stars=stars,
            low=low,
            high=high,
        )


def check_issuer(stars: int, issuer_level: str, decision_date: datetime.date) -> None:
    if issuer_level not in IssuerLevel.values:
        fail("issuer_level", _("Invalid level."), "INVALID")
    if stars > ISSUER_MAX_STARS[issuer_level]:
        who = (
            _("District committees certified 3★ only.")
            if issuer_level == IssuerLevel.DISTRICT
            else _("Only the central ministry awards 5★.")
        )
        fail("issuer_level", who, "ISSUER_NOT_ALLOWED")
    start, end = DISTRICT_WINDOW
    if issuer_level == IssuerLevel.DISTRICT and not start <= decision_date <= end:
        fail(
            "issuer_level",
            _("District committees certified only decisions from 2023-02-24 to 2025-07-06."),
            "ISSUER_NOT_ALLOWED",
        )


def check_decision_date(decision_date: datetime.date | None, on: datetime.date) -> None:
    if decision_date is None:
        fail("decision_date", pgettext_lazy("decision date", "Required."), "REQUIRED")
    if decision_date > on:
        fail("decision_date", _("The decision date is in the future."), "DECISION_DATE_IN_FUTURE")
    valid_until = add_months(decision_date, VALIDITY_MONTHS)
    if valid_until < on:
        fail(
            "decision_date",
            _("The decision expired on %(date)s (36 months)."),
            "EXPIRED",
            date=by_language(format(valid_until, "%d/%m/%Y"), valid_until.isoformat()),
        )


def check_groups(
    group_code: str | None, subgroup_code: str | None
) -> tuple[ProductGroup, ProductGroup | None]:
    if not group_code:
        fail("product_group", pgettext_lazy("product group", "Required."), "REQUIRED")
    group = ProductGroup.objects.filter(code=group_code, parent__isnull=True).first()
    if group is None:
        fail("product_group", _("Unknown product group."), "NOT_FOUND")
    if not subgroup_code:
        return group, None
    subgroup = ProductGroup.objects.filter(code=subgroup_code).first()
    if subgroup is None:
        fail("product_subgroup", _("Unknown sub-group."), "NOT_FOUND")
    if subgroup.parent_id != group.pk:
        fail(
            "product_subgroup",
            _("The sub-group is not in %(group)s."),
            "INVALID",
            group=by_language(group.name, group.name_en),
        )
    return group, subgroup


@dataclass(frozen=True)
class CertificateData:
    decision_number: str
    decision_date: datetime.date
    certificate_number: str
    issuer_level: str
    issuer_name: str
    stars: int
    score: int | None
    product_group: ProductGroup
    product_subgroup: ProductGroup | None


def clean_certificate(data: Mapping[str, Any], on: datetime.date | None = None) -> CertificateData:
    """Every rule above; the first failing rule of each field is reported, all at once."""
    day = on or today()
    errors: list[FieldError] = []
    decision_number = nfc(str(data.get("decision_number") or "")).strip()
    issuer_name = nfc(str(data.get("issuer_name") or "")).strip()
    certificate_number = str(data.get("certificate_number") or "").strip()
    if not decision_number:
        errors.append(
            FieldError("decision_number", pgettext_lazy("decision number", "Required."), "REQUIRED")
        )
    if not issuer_name:
        errors.append(
            FieldError("issuer_name", pgettext_lazy("issuing authority", "Required."), "REQUIRED")
        )
    errors += text_errors(
        OcopCertificate,
        {
            "decision_number": decision_number,
            "certificate_number": certificate_number,
            "issuer_name": issuer_name,
        },
    )
    stars, score, level = data.get("stars"), data.get("score"), str(data.get("issuer_level") or "")
    decision_date = data.get("decision_date")
    groups: tuple[ProductGroup, ProductGroup | None] | None = None
    try:
        check_stars(stars)
        check_decision_date(decision_date, day)
        # Both are valid from here on; the issuer and score rules depend on them.
        assert isinstance(stars, int) and isinstance(decision_date, datetime.date)
        check_issuer(stars, level, decision_date)
        check_score(stars, score, level)
    except ValidationErrors as error:
        errors += error.errors
    try:
        groups = check_groups(data.get("product_group"), data.get("product_subgroup"))
    except ValidationErrors as error:
        errors += error.errors
    if errors or groups is None:
        raise ValidationErrors(errors)
    assert isinstance(stars, int) and isinstance(decision_date, datetime.date)
    return CertificateData(
        decision_number=decision_number,
        decision_date=decision_date,
        certificate_number=certificate_number,
        issuer_level=level,
        issuer_name=issuer_name,
        stars=stars,
        score=score,
        product_group=groups[0],
        product_subgroup=groups[1],
    )


def check_not_duplicate(product: Product, decision_number: str) -> None:
    if product.certificates.filter(decision_number__iexact=decision_number).exists():
        fail(
            "decision_number",
            _("This product already has a certificate for this decision."),
            "UNIQUE",
        )


# --- Acting ---------------------------------------------------------------------------------


def do_create_certificate(
    product: Product,
    cleaned: CertificateData,
    actor: Any,
    *,
    scan: CheckedFile | None = None,
    upload: SellerUpload | None = None,
) -> OcopCertificate:
    """A pending certificate awaiting an officer.

    Locks: none of its own; runs inside `catalog.units.do_with_product`, which holds the
    product row FOR UPDATE (`lock_product`); the certificate and event rows are new.
    """
    certificate = OcopCertificate(
        product=product,
        decision_number=cleaned.decision_number,
        decision_date=cleaned.decision_date,
        certificate_number=cleaned.certificate_number,
        issuer_level=cleaned.issuer_level,
        issuer_name=cleaned.issuer_name,
        stars=cleaned.stars,
        score=cleaned.score,
        product_group=cleaned.product_group,
        product_subgroup=cleaned.product_subgroup,
        status=CertificateStatus.PENDING,
        submitted_by=actor,
    )
    with saved_files() as saved:
        if scan is not None:
            save_checked(certificate.scan, scan, saved)
        elif upload is not None:
            certificate.scan.name = upload.key
        else:
            fail("scan", _("A scan is required."), "REQUIRED")
        certificate.save()
    CertificateEvent.objects.create(
        certificate=certificate,
        kind=CertificateEvent.Kind.SUBMITTED,
        from_status="",
        to_status=CertificateStatus.PENDING,
        actor=actor,
    )
    return certificate


@dataclass(frozen=True)
class Review:
    kind: str
    sources: frozenset[str]
    target: str
    needs_reason: bool


REVIEWS = {
    "verify": Review(
        CertificateEvent.Kind.VERIFIED,
        frozenset({CertificateStatus.PENDING}),
        CertificateStatus.VERIFIED,
        needs_reason=False,
    ),
    "reject": Review(
        CertificateEvent.Kind.REJECTED,
        frozenset({CertificateStatus.PENDING}),
        CertificateStatus.REJECTED,
        needs_reason=True,
    ),
    "revoke": Review(
        CertificateEvent.Kind.REVOKED,
        frozenset({CertificateStatus.VERIFIED}),
        CertificateStatus.REVOKED,
        needs_reason=True,
    ),
}


@transaction.atomic(durable=True)
def do_review(
    certificate: OcopCertificate, action: str, officer: Any, reason: str | None
) -> OcopCertificate:
    """Verify, reject or revoke: a conditional UPDATE on the status the officer saw.

    No lock: if the expiry job or another officer changed the status first, the UPDATE
    matches nothing and the officer gets INVALID_STATUS. The UPDATE and its event row are
    one transaction, the outermost.

    Locks: none taken explicitly (the conditional UPDATE locks the certificate row it moves;
    a revocation's conditional UPDATEs lock the copies they revoke, `revoke_copies`).
    """
    review = REVIEWS[action]
    note = nfc(reason or "").strip()
    if review.needs_reason and not note:
        fail("reason", _("A reason is required."), "REQUIRED")
    if certificate.status not in review.sources:
        fail(
            None,
            _("Cannot %(action)s a %(status)s certificate."),
            "INVALID_STATUS",
            action=action,
            status=by_language(certificate.get_status_display(), certificate.status),
        )
    day = today()
    if action == "verify":
        if certificate.valid_until < day:
            fail(None, _("The certificate has expired."), "EXPIRED")
        check_stars(certificate.stars)
    now = timezone.now()
    moved = OcopCertificate.objects.filter(pk=certificate.pk, status=certificate.status).update(
        status=review.target, reviewed_by=officer, reviewed_at=now, review_note=note
    )
    if not moved:
        fail(None, _("The certificate was changed meanwhile."), "INVALID_STATUS")
    CertificateEvent.objects.create(
        certificate=certificate,
        kind=review.kind,
        from_status=certificate.status,
        to_status=review.target,
        actor=officer,
        note=note,
        created_at=now,
    )
    if review.target == CertificateStatus.REVOKED:
        # The products that were given this decision from it lose it with it.
        revoke_copies(certificate, officer, note, now)
    # Verifying lists the product, revoking delists it and the products of its copies.
    copies = OcopCertificate.objects.filter(source=certificate).values_list("product_id", flat=True)
    refresh_listed([certificate.product_id, *copies])
    certificate.refresh_from_db()
    return certificate


def do_expire_certificates(on: datetime.date | None = None) -> list[int]:
    """Mark verified certificates past `valid_until` expired, with one event each.

    One conditional UPDATE … RETURNING: a certificate an officer revokes at the same
    moment is either revoked or expired, never both, and gets exactly one event. One
    transaction, the outermost (the daily Celery task); search hears of it on commit.

    Locks: none taken explicitly (the conditional UPDATE locks the rows it expires).
    """
    day = on or today()
    table = OcopCertificate._meta.db_table
    with transaction.atomic(durable=True):
        with connection.cursor() as cursor:
            cursor.execute(
                f'UPDATE "{table}" SET "status" = %s '
                'WHERE "status" = %s AND "valid_until" < %s RETURNING "id", "product_id"',
                [CertificateStatus.EXPIRED, CertificateStatus.VERIFIED, day],
            )
            rows = cursor.fetchall()
            ids = sorted(row[0] for row in rows)
        CertificateEvent.objects.bulk_create(
            CertificateEvent(
                certificate_id=pk,
                kind=CertificateEvent.Kind.EXPIRED,
                from_status=CertificateStatus.VERIFIED,
                to_status=CertificateStatus.EXPIRED,
                note=str(
                    _("36-month validity ended (before %(date)s).") % {"date": day.isoformat()}
                ),
            )
            for pk in ids
        )
        # Raw SQL fires no model signal: tell search which products may have left the listing.
        products_changed.send(sender=OcopCertificate, product_ids=(row[1] for row in rows))
        refresh_listed(row[1] for row in rows)
    return ids
