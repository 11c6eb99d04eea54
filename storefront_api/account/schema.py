"""Saleor's auth mutations: tokenCreate, tokenRefresh, tokenVerify, accountRegister; `me`."""

from __future__ import annotations

from typing import Any, ClassVar

import graphene
from django.utils.translation import gettext_lazy as _

from accounts import confirmation, registration, throttle, tokens
from core.errors import fail
from storefront_api.account import auth_per_request
from storefront_api.account.issuer import token_issuer
from storefront_api.account.redirects import check_redirect_url
from storefront_api.account.types import AccountError, User
from storefront_api.core.mutation import BaseMutation

THROTTLED_MESSAGE = _("Too many attempts, please try again later.")


class AccountMutation(BaseMutation):
    """The auth mutations' error type: AccountError (with Saleor's lower-case codes)."""

    class Meta:
        abstract = True

    error_type = AccountError


class CreateToken(AccountMutation):
    token = graphene.String()
    refresh_token = graphene.String()
    csrf_token = graphene.String()
    user = graphene.Field(User)
    errors = graphene.List(graphene.NonNull(AccountError), required=True)
    account_errors = graphene.List(
        graphene.NonNull(AccountError), required=True, deprecation_reason="Use `errors` field."
    )

    class Arguments:
        email = graphene.String(required=True)
        password = graphene.String(required=True)
        audience = graphene.String()

    error_fields = ("errors", "account_errors")

    @classmethod
    def perform_mutation(
        cls,
        info: graphene.ResolveInfo,
        email: str,
        password: str,
        audience: str | None = None,
    ) -> CreateToken:
        if auth_per_request.refused(info):
            fail(None, auth_per_request.MESSAGE, "too_many_authentication_mutations")
        try:
            user = throttle.authenticate_with_throttling(info.context, email, password)
        except throttle.Throttled:
            fail("email", THROTTLED_MESSAGE, "login_attempt_delayed")
        if user is None:
            fail("email", "Please, enter valid credentials", "invalid_credentials")
        return cls.success(
            token=tokens.create_access_token(user, token_issuer(info)),
            refresh_token=tokens.create_refresh_token(user, token_issuer(info)),
            csrf_token=None,
            user=user,
        )


class RefreshToken(AccountMutation):
    token = graphene.String()
    user = graphene.Field(User)
    errors = graphene.List(graphene.NonNull(AccountError), required=True)

    class Arguments:
        refresh_token = graphene.String()
        csrf_token = graphene.String()

    @classmethod
    def perform_mutation(
        cls,
        info: graphene.ResolveInfo,
        refresh_token: str | None = None,
        csrf_token: str | None = None,
    ) -> RefreshToken:
        if auth_per_request.refused(info):
            fail(None, auth_per_request.MESSAGE, "too_many_authentication_mutations")
        if not refresh_token:
            fail("refreshToken", "Missing refreshToken", "jwt_missing_token")
        try:
            user = tokens.user_from_payload(tokens.decode(refresh_token, tokens.REFRESH))
        except tokens.TokenError as exc:
            fail("refreshToken", str(exc), exc.code.lower())
        return cls.success(token=tokens.create_access_token(user, token_issuer(info)), user=user)


class VerifyToken(AccountMutation):
    user = graphene.Field(User)
    is_valid = graphene.Boolean(required=True)
    payload = graphene.JSONString()
    errors = graphene.List(graphene.NonNull(AccountError), required=True)

    failure_values: ClassVar[dict[str, Any]] = {"is_valid": False}

    class Arguments:
        token = graphene.String(required=True)

    @classmethod
    def perform_mutation(cls, info: graphene.ResolveInfo, token: str) -> VerifyToken:
        try:
            payload = tokens.decode(token, tokens.ACCESS)
            user = tokens.user_from_payload(payload)
        except tokens.TokenError as exc:
            fail("token", str(exc), exc.code.lower())
        payload = {k: v for k, v in payload.items() if k != "pwd"}
        return cls.success(user=user, is_valid=True, payload=payload)


class AccountRegisterInput(graphene.InputObjectType):
    email = graphene.String(required=True)
    password = graphene.String(required=True)
    first_name = graphene.String()
    last_name = graphene.String()
    language_code = graphene.String()
    redirect_url = graphene.String()
    channel = graphene.String()


class AccountRegister(AccountMutation):
    requires_confirmation = graphene.Boolean()
    user = graphene.Field(User)
    errors = graphene.List(graphene.NonNull(AccountError), required=True)
    account_errors = graphene.List(
        graphene.NonNull(AccountError), required=True, deprecation_reason="Use `errors` field."
    )

    error_fields = ("errors", "account_errors")

    class Arguments:
        input = AccountRegisterInput(required=True)

    @classmethod
    def perform_mutation(cls, info: graphene.ResolveInfo, input: dict[str, Any]) -> AccountRegister:
        if auth_per_request.refused(info):
            fail(None, auth_per_request.MESSAGE, "too_many_authentication_mutations")
        try:
            throttle.record_registration_attempt(info.context)
        except throttle.Throttled:
            fail(None, THROTTLED_MESSAGE, "login_attempt_delayed")
        # With OCOP_SIGNUP_CONFIRMATION, a sign-up naming the storefront's confirmation page
        # stays inactive until the e-mailed link confirms it (confirmAccount).
        redirect_url = input.get("redirect_url")
        confirm = confirmation.confirmation_required() and bool(redirect_url)
        if confirm:
            check_redirect_url(redirect_url or "")
        user = registration.do_register(
            input["email"],
            input["password"],
            first_name=input.get("first_name"),
            last_name=input.get("last_name"),
            language_code=input.get("language_code"),
            confirm_at=(redirect_url or "") if confirm else "",
        )
        return cls.success(requires_confirmation=confirm, user=user)


class AccountQueries(graphene.ObjectType):
    me = graphene.Field(User, description="Return the currently authenticated user.")

    @staticmethod
    def resolve_me(root: Any, info: graphene.ResolveInfo) -> Any:
        user = info.context.user
        return user if user.is_authenticated else None


class AccountMutations(graphene.ObjectType):
    token_create = CreateToken.Field()
    token_refresh = RefreshToken.Field()
    token_verify = VerifyToken.Field()
    account_register = AccountRegister.Field()
