"""Saleor's password-reset mutations, `requestPasswordReset` and `setPassword`, on the same
domain code as the web's "Quên mật khẩu" pages (`accounts.password_reset`): a signed,
expiring, single-use token, throttled requests, and no answer that tells whether an address
has an account (Saleor answers NOT_FOUND there; we answer success either way)."""

from __future__ import annotations

from typing import Any

import graphene
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from accounts import password_reset, throttle, tokens
from accounts.models import User as UserModel
from accounts.registration import normalize_email
from storefront_api.account.issuer import token_issuer
from storefront_api.account.redirects import check_redirect_url
from storefront_api.account.schema import AccountMutation
from storefront_api.account.types import AccountError, User


class RequestPasswordReset(AccountMutation):
    errors = graphene.List(graphene.NonNull(AccountError), required=True)
    account_errors = graphene.List(
        graphene.NonNull(AccountError), required=True, deprecation_reason="Use `errors` field."
    )

    error_fields = ("errors", "account_errors")

    class Arguments:
        email = graphene.String(required=True, description="Email of the user.")
        redirect_url = graphene.String(
            required=True, description="The storefront's set-password page."
        )
        channel = graphene.String(description="Accepted for Saleor compatibility.")

    @classmethod
    def perform_mutation(
        cls, info: graphene.ResolveInfo, email: str, redirect_url: str, channel: str | None = None
    ) -> RequestPasswordReset:
        check_redirect_url(redirect_url)
        password_reset.check_reset_request(email)
        try:
            throttle.record_password_reset_request(info.context, email)
        except throttle.Throttled:
            return cls.success()  # sends nothing, and answers like every other request
        # Saleor's link shape: the storefront's page with `email` and `token` in its query.
        link = password_reset.ResetLink(redirect_url=redirect_url)
        password_reset.do_request_password_reset(email, link)
        return cls.success()


class SetPassword(AccountMutation):
    token = graphene.String()
    refresh_token = graphene.String()
    csrf_token = graphene.String()
    user = graphene.Field(User)
    errors = graphene.List(graphene.NonNull(AccountError), required=True)
    account_errors = graphene.List(
        graphene.NonNull(AccountError), required=True, deprecation_reason="Use `errors` field."
    )

    error_fields = ("errors", "account_errors")

    class Arguments:
        email = graphene.String(required=True)
        password = graphene.String(required=True)
        token = graphene.String(required=True)

    @classmethod
    def perform_mutation(
        cls, info: graphene.ResolveInfo, email: str, password: str, token: str
    ) -> SetPassword:
        found = UserModel.objects.filter(email=normalize_email(email), is_active=True).first()
        if found is None:
            # The same answer as a bad token: the address's existence is not said.
            password_reset.check_set_password(None, token, password)
        assert found is not None
        uidb64 = urlsafe_base64_encode(force_bytes(found.pk))
        user = password_reset.do_set_password(uidb64, token, password)
        return cls.success(
            token=tokens.create_access_token(user, token_issuer(info)),
            refresh_token=tokens.create_refresh_token(user, token_issuer(info)),
            csrf_token=None,
            user=user,
        )


class PasswordMutations(graphene.ObjectType):
    request_password_reset = RequestPasswordReset.Field(
        description="Sends an email with the account password modification link."
    )
    set_password = SetPassword.Field(
        description="Sets the user's password from the token sent by email."
    )


__all__: list[Any] = ["PasswordMutations"]
