"""Saleor's address-book mutations on `checkout.address_book`: accountAddressCreate,
accountAddressUpdate, accountAddressDelete, accountSetDefaultAddress.

Entries are named by their Address id (`Address:<pk>`, as `me.addresses` shows them);
another user's id is NOT_FOUND, never "forbidden". The book has one default, which serves
as both the default shipping and the default billing address (cash on delivery bills where
it delivers), so `type` SHIPPING and BILLING set the same default.
"""

from __future__ import annotations

from typing import Any

import graphene

from accounts.models import User as UserModel
from checkout import address_book
from checkout.models import SavedAddress
from storefront_api.account.schema import AccountMutation
from storefront_api.account.types import AccountError, User
from storefront_api.checkout.addresses import Address, AddressInput, address_input_data
from storefront_api.checkout.enums import AddressTypeEnum
from storefront_api.core.errors import FieldError
from storefront_api.core.mutation import decode_id, not_found, require_user


class OwnAccountMutation(AccountMutation):
    """Codes of the address rule (upper case, CheckoutErrorCode's) as AccountErrorCode's."""

    class Meta:
        abstract = True

    # Every own-account mutation answers Saleor's two error lists (graphene inherits them).
    errors = graphene.List(graphene.NonNull(AccountError), required=True)
    account_errors = graphene.List(
        graphene.NonNull(AccountError), required=True, deprecation_reason="Use `errors` field."
    )
    error_fields = ("errors", "account_errors")

    @classmethod
    def error_item(cls, error: FieldError) -> Any:
        item = super().error_item(error)
        item.code = error.code.lower()
        return item


def _entry(info: graphene.ResolveInfo, user: UserModel, id: str) -> SavedAddress:
    entry = address_book.saved_address_of_address(user, decode_id(id, "Address", "id"))
    if entry is None:
        not_found("id", "Address")
    return entry


def _fresh(user: UserModel) -> UserModel:
    """The user as it now is (its address book read anew by the payload)."""
    return UserModel.objects.get(pk=user.pk)


class AccountAddressCreate(OwnAccountMutation):
    user = graphene.Field(User)
    address = graphene.Field(Address)

    class Arguments:
        input = AddressInput(required=True, description="Fields required to create address.")
        type = AddressTypeEnum(description="Make it the default address (of either type).")

    @classmethod
    def perform_mutation(
        cls, info: graphene.ResolveInfo, input: dict[str, Any], type: Any = None
    ) -> AccountAddressCreate:
        user = require_user(info)
        entry = address_book.do_add_saved_address(
            user, address_input_data(input) or {}, make_default=type is not None
        )
        return cls.success(user=_fresh(user), address=entry.address)


class AccountAddressUpdate(OwnAccountMutation):
    user = graphene.Field(User)
    address = graphene.Field(Address)

    class Arguments:
        id = graphene.ID(required=True, description="ID of the address to update.")
        input = AddressInput(required=True, description="Fields required to update the address.")

    @classmethod
    def perform_mutation(
        cls, info: graphene.ResolveInfo, id: str, input: dict[str, Any]
    ) -> AccountAddressUpdate:
        user = require_user(info)
        entry = address_book.do_change_saved_address(
            _entry(info, user, id), address_input_data(input) or {}
        )
        entry.address.refresh_from_db()
        return cls.success(user=_fresh(user), address=entry.address)


class AccountAddressDelete(OwnAccountMutation):
    user = graphene.Field(User)
    address = graphene.Field(Address)

    class Arguments:
        id = graphene.ID(required=True, description="ID of the address to delete.")

    @classmethod
    def perform_mutation(cls, info: graphene.ResolveInfo, id: str) -> AccountAddressDelete:
        user = require_user(info)
        entry = _entry(info, user, id)
        gone = entry.address
        pk = gone.pk
        address_book.do_delete_saved_address(entry)
        gone.pk = pk  # Django clears it on delete; the payload still names what was deleted
        return cls.success(user=_fresh(user), address=gone)


class AccountSetDefaultAddress(OwnAccountMutation):
    user = graphene.Field(User)

    class Arguments:
        id = graphene.ID(required=True, description="ID of the address to set as default.")
        type = AddressTypeEnum(required=True, description="The type of address.")

    @classmethod
    def perform_mutation(
        cls, info: graphene.ResolveInfo, id: str, type: Any
    ) -> AccountSetDefaultAddress:
        user = require_user(info)
        address_book.do_set_default_saved_address(_entry(info, user, id))
        return cls.success(user=_fresh(user))


class AddressBookMutations(graphene.ObjectType):
    account_address_create = AccountAddressCreate.Field(
        description="Create a new address for the customer."
    )
    account_address_update = AccountAddressUpdate.Field(
        description="Updates an address of the logged-in user."
    )
    account_address_delete = AccountAddressDelete.Field(
        description="Delete an address of the logged-in user."
    )
    account_set_default_address = AccountSetDefaultAddress.Field(
        description="Sets a default address for the authenticated user."
    )
