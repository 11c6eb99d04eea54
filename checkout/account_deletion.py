"""Deleting an account: the person goes, the sales records stay.

Saleor deletes the user row; here too much points at it (reviews, seller and livestream
history), so the row stays, emptied: no e-mail (a placeholder on `.invalid`, which no mail
reaches, since an account must keep a sign-in identifier), no names, phones or password, and
inactive, so nobody signs in to it again. The buyer's saved addresses, carts and livestream
reminders are deleted. The orders stay (bookkeeping and tax law keep sales records for years,
and the sellers' payouts refer to them) with their lines, totals, seller and dates, but
without the buyer's name, street, phone, e-mail or note; the province and commune stay
(statistics, not a person). Reviews stay, their author now nameless.

An account that runs a stall, an office or the site (seller staff, officer, staff) is not
deleted this way: its duties pass to someone first.
"""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from accounts.deletion_request import check_deletion_token
from accounts.lock_objects import lock_user
from accounts.models import OfficerProfile, User
from checkout.models import Address, Checkout, SavedAddress
from core.errors import fail
from livestream.models import LivestreamReminder
from orders.models import Order, OrderGroup

DELETED_EMAIL = "deleted-{pk}@deleted.invalid"


def check_account_deletion(user: User) -> None:
    """Only a plain buyer's account is deleted by its owner."""
    if (
        user.is_staff
        or user.is_superuser
        or user.seller_memberships.exists()
        or OfficerProfile.objects.filter(user=user).exists()
    ):
        fail(
            None,
            _("An account that runs a stall or an office cannot be deleted here."),
            "invalid",
        )


def anonymise_orders_of(user_id: int) -> int:
    """Scrub the user's order groups, orders and their addresses; the number of orders.
    Runs inside the deleting transaction (each UPDATE locks the rows it changes)."""
    groups = OrderGroup.objects.filter(user_id=user_id)
    orders = Order.objects.filter(user_id=user_id)
    address_ids = {
        pk
        for rows in (groups, orders)
        for pair in rows.values_list("shipping_address_id", "billing_address_id")
        for pk in pair
        if pk is not None
    }
    Address.objects.filter(pk__in=address_ids).update(
        first_name="",
        last_name="",
        company_name="",
        street_address_1="",
        street_address_2="",
        postal_code="",
        phone="",
    )
    groups.update(user_email="", customer_note="")
    return orders.update(user_email="", customer_note="")


def _empty(user: User) -> None:
    user.email = DELETED_EMAIL.format(pk=user.pk)
    user.login_phone = None
    user.first_name = user.last_name = user.phone = ""
    user.is_active = False
    user.set_unusable_password()
    user.save()


def check_deletion_proof(user: User, token: str | None, password: str | None) -> None:
    """The owner proves the wish: with the e-mailed link's token (the API), or by typing
    the password again on the web's confirmation form."""
    if token is not None:
        check_deletion_token(user, token)
    elif not user.check_password(password or ""):
        fail("password", _("The password is not right."), "invalid_credentials")


@transaction.atomic(durable=True)
def do_delete_account(user: User, *, token: str | None = None, password: str | None = None) -> User:
    """Delete `user`'s account as the module docstring says, once the owner proved the
    wish (`check_deletion_proof`: the e-mailed link's token, or the password).

    Locks: the user row (accounts.lock_objects.lock_user, FOR NO KEY UPDATE) first, so a
    second request waits and then finds the link spent; then the UPDATEs and DELETEs lock
    the rows they change (the user's orders, order groups, addresses, carts, reminders).
    """
    locked = lock_user(user.pk)
    if locked is None or not locked.is_active:
        fail("token", _("This account deletion link is invalid or has expired."), "invalid")
    check_deletion_proof(locked, token, password)
    check_account_deletion(locked)
    anonymise_orders_of(locked.pk)
    for entry in SavedAddress.objects.filter(user_id=locked.pk).select_related("address"):
        entry.address.delete()  # cascades to the entry
    carts = Checkout.objects.filter(user_id=locked.pk)
    cart_addresses = {
        pk
        for pair in carts.values_list("shipping_address_id", "billing_address_id")
        for pk in pair
        if pk is not None
    }
    carts.delete()
    Address.objects.filter(pk__in=cart_addresses).delete()
    LivestreamReminder.objects.filter(user_id=locked.pk).delete()
    _empty(locked)
    return locked
