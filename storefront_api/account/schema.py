"""Saleor's auth mutations: tokenCreate, tokenRefresh, tokenVerify, accountRegister; `me`."""

from __future__ import annotations

from typing import Any

import graphene
from django.utils.translation import gettext_lazy as _

from accounts import registration, throttle, tokens
from core.errors import Message, ValidationErrors
from storefront_api.account import auth_per_request
from storefront_api.account.types import AccountError, User

THROTTLED_MESSAGE = _("Too many attempts, please try again later.")


def _err(field: str | None, message: Message, code: str) -> Any:
    return AccountError(field=field, message=str(message), code=code)


class CreateToken(graphene.Mutation):
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

    @staticmethod
    def mutate(
        root: Any,
        info: graphene.ResolveInfo,
        email: str,
        password: str,
        audience: str | None = None,
    ) -> CreateToken:
        if auth_per_request.refused(info):
            errors = [_err(None, auth_per_request.MESSAGE, "too_many_authentication_mutations")]
            return CreateToken(errors=errors, account_errors=errors)
        try:
            user = throttle.authenticate_with_throttling(info.context, email, password)
        except throttle.Throttled:
            errors = [_err("email", THROTTLED_MESSAGE, "login_attempt_delayed")]
            return CreateToken(errors=errors, account_errors=errors)
        if user is None:
            errors = [_err("email", "Please, enter valid credentials", "invalid_credentials")]
            return CreateToken(errors=errors, account_errors=errors)
        return CreateToken(
            token=tokens.create_access_token(user),
            refresh_token=tokens.create_refresh_token(user),
            csrf_token=None,
            user=user,
            errors=[],
            account_errors=[],
        )


class RefreshToken(graphene.Mutation):
    token = graphene.String()
    user = graphene.Field(User)
    errors = graphene.List(graphene.NonNull(AccountError), required=True)

    class Arguments:
        refresh_token = graphene.String()
        csrf_token = graphene.String()

    @staticmethod
    def mutate(
        root: Any,
        info: graphene.ResolveInfo,
        refresh_token: str | None = None,
        csrf_token: str | None = None,
    ) -> RefreshToken:
        if auth_per_request.refused(info):
            return RefreshToken(
                errors=[_err(None, auth_per_request.MESSAGE, "too_many_authentication_mutations")]
            )
        if not refresh_token:
            return RefreshToken(
                errors=[_err("refreshToken", "Missing refreshToken", "jwt_missing_token")]
            )
        try:
            user = tokens.user_from_payload(tokens.decode(refresh_token, tokens.REFRESH))
        except tokens.TokenError as exc:
            return RefreshToken(errors=[_err("refreshToken", str(exc), exc.code.lower())])
        return RefreshToken(token=tokens.create_access_token(user), user=user, errors=[])


class VerifyToken(graphene.Mutation):
    user = graphene.Field(User)
    is_valid = graphene.Boolean(required=True)
    payload = graphene.JSONString()
    errors = graphene.List(graphene.NonNull(AccountError), required=True)

    class Arguments:
        token = graphene.String(required=True)

    @staticmethod
    def mutate(root: Any, info: graphene.ResolveInfo, token: str) -> VerifyToken:
        try:
            payload = tokens.decode(token, tokens.ACCESS)
            user = tokens.user_from_payload(payload)
        except tokens.TokenError as exc:
            return VerifyToken(is_valid=False, errors=[_err("token", str(exc), exc.code.lower())])
        payload = {k: v for k, v in payload.items() if k != "pwd"}
        return VerifyToken(user=user, is_valid=True, payload=payload, errors=[])


class AccountRegisterInput(graphene.InputObjectType):
    email = graphene.String(required=True)
    password = graphene.String(required=True)
    first_name = graphene.String()
    last_name = graphene.String()
    language_code = graphene.String()
    redirect_url = graphene.String()
    channel = graphene.String()


class AccountRegister(graphene.Mutation):
    requires_confirmation = graphene.Boolean()
    user = graphene.Field(User)
    errors = graphene.List(graphene.NonNull(AccountError), required=True)
    account_errors = graphene.List(
        graphene.NonNull(AccountError), required=True, deprecation_reason="Use `errors` field."
    )

    class Arguments:
        input = AccountRegisterInput(required=True)

    @staticmethod
    def mutate(root: Any, info: graphene.ResolveInfo, input: dict[str, Any]) -> AccountRegister:
        if auth_per_request.refused(info):
            errors = [_err(None, auth_per_request.MESSAGE, "too_many_authentication_mutations")]
            return AccountRegister(errors=errors, account_errors=errors)
        try:
            throttle.record_registration_attempt(info.context)
        except throttle.Throttled:
            errors = [_err(None, THROTTLED_MESSAGE, "login_attempt_delayed")]
            return AccountRegister(errors=errors, account_errors=errors)
        try:
            user = registration.do_register(
                input["email"],
                input["password"],
                first_name=input.get("first_name"),
                last_name=input.get("last_name"),
                language_code=input.get("language_code"),
            )
        except ValidationErrors as exc:
            errors = [_err(e.field, e.message, e.code) for e in exc.errors]
            return AccountRegister(errors=errors, account_errors=errors)
        return AccountRegister(requires_confirmation=False, user=user, errors=[], account_errors=[])


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
