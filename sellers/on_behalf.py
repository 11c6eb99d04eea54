"""The "on behalf of" record: what an officer did for a stall (assisted onboarding).

`record` is called by the `do_*` that performs the action, inside its transaction, so an
action and its record are written together or not at all.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from accounts.activation import activation_url
from accounts.phones import display_phone
from core.errors import fail
from sellers.documents import check_can_add_documents, check_document_kind, do_add_document
from sellers.models import OnBehalfAction, Seller, SellerDocument, SellerMember
from sellers.units import do_with_seller
from sellers.uploads import CheckedFile

Kind = OnBehalfAction.Kind


def record(
    officer: Any, seller: Seller, kind: str, *, subject: str = "", subject_id: int | None = None
) -> OnBehalfAction:
    """One row of the log. Must run inside the action's transaction.

    Locks: none (one new row)."""
    assert transaction.get_connection().in_atomic_block, "record inside the action's transaction"
    return OnBehalfAction.objects.create(
        seller=seller,
        officer=officer,
        kind=kind,
        subject=subject[:255],
        subject_id=subject_id,
    )


def owner_of(seller: Seller) -> Any:
    """The stall's owner account (the oldest owner membership)."""
    member = (
        SellerMember.objects.select_related("user")
        .filter(seller=seller, role=SellerMember.Role.OWNER)
        .order_by("pk")
        .first()
    )
    return member.user if member is not None else None


def check_card_printable(seller: Seller, *, recovery: bool = False, in_person: bool = False) -> Any:
    """An activation card is for an assisted stall whose owner has not chosen a password yet:
    afterwards a card would let whoever holds it take the account over. A household without
    an e-mail address that forgot its password has no reset link, though, so an officer may
    print a *recovery* card when the owner comes to the office in person and shows an
    identity document (`in_person`, the officer's confirmation); the seller sees it in its
    activity log."""
    owner = owner_of(seller)
    if seller.assisted_by_id is None or owner is None:
        fail(None, _("Only a stall onboarded by an officer has an activation card."), "INVALID")
    if owner.has_usable_password():
        if not recovery:
            fail(
                None,
                _("The owner already chose a password; they sign in with their phone number."),
                "INVALID_STATUS",
            )
        if not in_person:
            fail(
                "in_person",
                _("Confirm that the owner came in person and showed an identity document."),
                "REQUIRED",
            )
    return owner


@transaction.atomic(durable=True)
def do_print_activation_card(
    officer: Any, seller: Seller, *, recovery: bool = False, in_person: bool = False
) -> tuple[Any, str]:
    """Issue a fresh activation link for the stall's owner, recorded as printed on the
    stall's behalf; returns (owner, link). Older links keep working until they expire or a
    password is set (`accounts.activation`). With `recovery`, for an owner who already has
    a password and forgot it (see `check_card_printable`): the new password set through the
    link signs out the owner's other sessions (Django's session hash follows the password),
    and a link dies as soon as the owner signs in.

    Locks: none (reads the owner, writes one new row)."""
    owner = check_card_printable(seller, recovery=recovery, in_person=in_person)
    link = activation_url(owner)
    shown = display_phone(owner.login_phone) or owner.identifier
    kind = Kind.RECOVERY_CARD if owner.has_usable_password() else Kind.CARD_PRINTED
    record(officer, seller, kind, subject=shown, subject_id=owner.pk)
    return owner, link


def do_add_document_on_behalf(
    officer: Any, seller_pk: int, province_id: int | None, kind: str, checked: CheckedFile
) -> SellerDocument:
    """An officer adds a document to an assisted stall of its province (None: any), recorded
    on the stall's behalf in the same transaction; another province's stall is "not found".

    Locks: the seller row FOR UPDATE, through `sellers.units.do_with_seller`."""

    def authorize(seller: Seller | None) -> Seller:
        in_scope = seller is not None and (province_id is None or seller.province_id == province_id)
        if seller is None or not in_scope or seller.assisted_by_id is None:
            fail(None, _("No such stall."), "NOT_FOUND")
        return seller

    def act(seller: Seller) -> SellerDocument:
        check_can_add_documents(seller)
        document = do_add_document(seller, check_document_kind(kind), officer, checked=checked)
        record(
            officer,
            seller,
            Kind.DOCUMENT_UPLOADED,
            subject=document.get_kind_display(),
            subject_id=document.pk,
        )
        return document

    return do_with_seller(seller_pk, authorize, act)
