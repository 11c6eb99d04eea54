"""Saleor's own-account mutations: accountUpdate, passwordChange, confirmAccount,
accountRequestDeletion and accountDelete, each one call into the domain
(`accounts.profile`, `accounts.confirmation`, `accounts.deletion_request`,
`checkout.account_deletion`, `checkout.address_book`)."""

from __future__ import annotations

from typing import Any

import graphene

from accounts import confirmation, deletion_request, profile
from checkout import account_deletion, address_book
from storefront_api.account.book import OwnAccountMutation, _fresh
from storefront_api.account.redirects import check_redirect_url
from storefront_api.account.types import User
from storefront_api.catalog.types import LanguageCodeEnum
from storefront_api.checkout.addresses import AddressInput, address_input_data
from storefront_api.core.mutation import enum_value, require_user


class AccountInput(graphene.InputObjectType):
    first_name = graphene.String(description="Given name.")
    last_name = graphene.String(description="Family name.")
    language_code = LanguageCodeEnum(description="User language code.")
    default_billing_address = AddressInput(description="Billing address of the customer.")
    default_shipping_address = AddressInput(description="Shipping address of the customer.")


class AccountUpdate(OwnAccountMutation):
    user = graphene.Field(User)

    class Arguments:
        input = AccountInput(required=True, description="Fields required to update the account.")

    @classmethod
    def perform_mutation(cls, info: graphene.ResolveInfo, input: dict[str, Any]) -> AccountUpdate:
        user = require_user(info)
        addresses = []
        for key in ("default_shipping_address", "default_billing_address"):
            data = address_input_data(input.get(key))
            if data is not None and data not in addresses:
                address_book.check_saved_address(data)  # all checked before anything is written
                addresses.append(data)
        profile.check_profile(input.get("first_name"), input.get("last_name"))
        language = input.get("language_code")
        profile.do_update_profile(
            user,
            first_name=input.get("first_name"),
            last_name=input.get("last_name"),
            language_code=enum_value(language) if language is not None else None,
        )
        for data in addresses:
            address_book.do_add_saved_address(user, data, make_default=True)
        return cls.success(user=_fresh(user))


class PasswordChange(OwnAccountMutation):
    user = graphene.Field(User)

    class Arguments:
        new_password = graphene.String(required=True, description="New user password.")
        old_password = graphene.String(description="Current user password.")

    @classmethod
    def perform_mutation(
        cls, info: graphene.ResolveInfo, new_password: str, old_password: str | None = None
    ) -> PasswordChange:
        user = require_user(info)
        return cls.success(user=profile.do_change_password(user, old_password, new_password))


class ConfirmAccount(OwnAccountMutation):
    user = graphene.Field(User)

    class Arguments:
        email = graphene.String(required=True, description="E-mail of the user performing.")
        token = graphene.String(required=True, description="A one-time token required.")

    @classmethod
    def perform_mutation(cls, info: graphene.ResolveInfo, email: str, token: str) -> ConfirmAccount:
        return cls.success(user=confirmation.do_confirm_account(email, token))


class AccountRequestDeletion(OwnAccountMutation):
    class Arguments:
        redirect_url = graphene.String(
            required=True, description="The storefront's page that confirms the deletion."
        )
        channel = graphene.String(description="Accepted for Saleor compatibility.")

    @classmethod
    def perform_mutation(
        cls, info: graphene.ResolveInfo, redirect_url: str, channel: str | None = None
    ) -> AccountRequestDeletion:
        user = require_user(info)
        check_redirect_url(redirect_url)
        account_deletion.check_account_deletion(user)
        deletion_request.do_request_account_deletion(user, redirect_url)
        return cls.success()


class AccountDelete(OwnAccountMutation):
    user = graphene.Field(User)

    class Arguments:
        token = graphene.String(required=True, description="The token from the e-mailed link.")

    @classmethod
    def perform_mutation(cls, info: graphene.ResolveInfo, token: str) -> AccountDelete:
        user = require_user(info)
        return cls.success(user=account_deletion.do_delete_account(user, token=token))


class OwnAccountMutations(graphene.ObjectType):
    account_update = AccountUpdate.Field(description="Updates the account of the logged-in user.")
    password_change = PasswordChange.Field(description="Change the password of the logged in user.")
    confirm_account = ConfirmAccount.Field(
        description="Confirm user account with token sent by email during registration."
    )
    account_request_deletion = AccountRequestDeletion.Field(
        description="Sends an email with the account removal link for the logged-in user."
    )
    account_delete = AccountDelete.Field(description="Remove user account.")
