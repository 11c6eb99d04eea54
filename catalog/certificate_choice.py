"""Picking one of the stall's verified certificates for a product, instead of a new scan.

One OCOP decision often covers several products of a producer (each listed in it with
its stars), and a stall may sell one certified product in several listings. So, in the
editor, a seller may attach a certificate its stall already holds, when it is:
- a certificate of one of this stall's products (never another stall's);
- verified by an officer and valid today (`valid_certificate_q`: 3★ or more, not expired,
  not revoked or rejected);
- for the product's OCOP group (`catalog.label_facts.group_of` of its category);
- not a decision the product already holds.

The product then gets its own certificate row, a copy of the decision's data and scan,
VERIFIED as its source was, pointing at it (`source`) and with one SUBMITTED event by
the seller that says where it came from, so an officer sees the chain and can revoke the
product's row on its own; revoking the source revokes its copies (`revoke_copies`).
"""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from catalog.listed import refresh_listed
from catalog.lock_objects import lock_certificate_to_copy
from catalog.models import CertificateEvent, CertificateStatus, OcopCertificate, Product
from catalog.models.certificates import valid_certificate_q
from core.errors import fail
from sellers.models import Seller

FIELD = "cert-existing"


def stall_certificates(seller: Seller) -> QuerySet[OcopCertificate]:
    """The stall's verified, valid certificates, one per decision and group (a decision
    copied to several products is offered once)."""
    return (
        OcopCertificate.objects.filter(valid_certificate_q(), product__seller=seller)
        .select_related("product_group", "product")
        .order_by("decision_number", "product_group_id", "-stars", "pk")
        .distinct("decision_number", "product_group_id")
    )


def check_certificate_choice(
    seller: Seller, product: Product | None, group: str | None, value: str
) -> OcopCertificate | None:
    """The certificate picked (`value`: its pk as typed), or None when none is picked."""
    value = (value or "").strip()
    if not value:
        return None
    pk = int(value) if value.isdigit() and len(value) < 12 else None
    found = (
        OcopCertificate.objects.filter(pk=pk, product__seller=seller)
        .select_related("product_group")
        .first()
        if pk is not None
        else None
    )
    if found is None:
        fail(FIELD, _("Choose one of your stall's verified certificates."), "NOT_FOUND")
    if not OcopCertificate.objects.filter(valid_certificate_q(), pk=found.pk).exists():
        fail(FIELD, _("This certificate is not verified and valid today."), "INVALID")
    if group is None:
        fail(FIELD, _("Choose the product group first: a certificate covers one group."), "INVALID")
    if found.product_group is None or found.product_group.code != group:
        fail(FIELD, _("This certificate does not cover this product group."), "INVALID")
    if (
        product is not None
        and product.certificates.filter(decision_number__iexact=found.decision_number).exists()
    ):
        fail(FIELD, _("This product already has a certificate for this decision."), "UNIQUE")
    return found


def do_attach_certificate(product: Product, source_pk: int, actor: Any) -> OcopCertificate:
    """The product's copy of the verified certificate `source_pk`.

    Locks: the source certificate row FOR NO KEY UPDATE (`lock_certificate_to_copy`: an
    officer's revocation, a conditional UPDATE, waits until we commit, so the copy is
    made from a row that is still verified);
    runs inside the editor's unit, which holds the product row FOR UPDATE or writes a new
    product.
    """
    source = lock_certificate_to_copy(source_pk, product.seller_id)
    if source is None:
        fail(FIELD, _("This certificate is not verified and valid today."), "INVALID")
    copy = OcopCertificate(
        product=product,
        source=source,
        decision_number=source.decision_number,
        decision_date=source.decision_date,
        certificate_number=source.certificate_number,
        issuer_level=source.issuer_level,
        issuer_name=source.issuer_name,
        stars=source.stars,
        score=source.score,
        product_group=source.product_group,
        product_subgroup=source.product_subgroup,
        status=CertificateStatus.VERIFIED,
        submitted_by=actor,
        reviewed_by=source.reviewed_by,
        reviewed_at=source.reviewed_at,
    )
    copy.scan.name = source.scan.name
    copy.save()
    CertificateEvent.objects.create(
        certificate=copy,
        kind=CertificateEvent.Kind.SUBMITTED,
        from_status="",
        to_status=CertificateStatus.VERIFIED,
        actor=actor,
        note=f"Covers {source.decision_number}: copy of verified certificate #{source.pk}",
    )
    # A verified copy lists the product (once priced and published).
    refresh_listed([product.pk])
    return copy


def revoke_copies(
    source: OcopCertificate, officer: Any, note: str, at: datetime.datetime
) -> list[int]:
    """Revoke the verified copies of a certificate an officer has just revoked, each with
    its own event by that officer (they stood on its decision). Runs inside
    `catalog.certificates.do_review`'s transaction; each row moves by a conditional UPDATE
    on its status, so a copy that expired or was revoked meanwhile is left as it is."""
    revoked = []
    copies = OcopCertificate.objects.filter(source=source, status=CertificateStatus.VERIFIED)
    for pk in copies.order_by("pk").values_list("pk", flat=True):
        moved = OcopCertificate.objects.filter(pk=pk, status=CertificateStatus.VERIFIED).update(
            status=CertificateStatus.REVOKED, reviewed_by=officer, reviewed_at=at, review_note=note
        )
        if moved:
            CertificateEvent.objects.create(
                certificate_id=pk,
                kind=CertificateEvent.Kind.REVOKED,
                from_status=CertificateStatus.VERIFIED,
                to_status=CertificateStatus.REVOKED,
                actor=officer,
                note=note,
                created_at=at,
            )
            revoked.append(pk)
    return revoked
